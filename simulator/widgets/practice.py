"""The whole practice flow on one page: pick a case, interview, assess, plan, submit, read
the feedback, and try a new variant of the same case. Every step is a view over the layers
below; this module only wires them together. What holds the cases, the client, the work
and the scores is a practice backend (practice_backend.py): the nuiawase service when the
kernel was started beside one, else this kernel."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w

from simulator.i18n import t

from .confirm import ConfirmButton, fit_button
from .deferred import after_cell
from .html import tag
from .interview_practice import InterviewPractice
from .practice_backend import MySource, PracticeBackend, practice_backend
from .stores import error_text

# The page's first view is the case library: the interview, the forms, the rubric and the
# store load when the trainee first needs them (a Voila page is a new kernel each time).
if TYPE_CHECKING:
    from simulator.casework.session import CaseworkSession, WorkStores
    from simulator.interview.moves import Move
    from simulator.models.submission import Submission
    from simulator.models.transcript import Transcript, Turn
    from simulator.store.trainee_view import MyRow

    from .feedback_view import FeedbackView
    from .my_submissions import MySubmissions


class PracticeFlow(w.VBox):
    """Case picker -> interview -> debrief -> assessment and plan -> feedback."""

    def __init__(
        self,
        *,
        locale: str | None = None,
        workspace: str | Path | None = None,
        debug: bool = False,
        stores: WorkStores | None = None,
        backend: PracticeBackend | None = None,
    ) -> None:
        self.locale = locale
        self.workspace = workspace
        #: Cases, client, work and scores: the service's, or (without one) this kernel's,
        #: where drafts and submissions go to ``stores`` (the workspace's store, or files).
        self.backend = backend or practice_backend(workspace, stores, locale)
        self.interview = InterviewPractice(
            locale=locale,
            debug=debug,
            on_end=self._interviewed,
            on_start=self._started,
            on_turn=self._record_turn,
            backend=self.backend,
        )
        self.my_view: MySubmissions | None = None
        self.notice = w.HTML()
        self.transcript: Transcript | None = None
        self.session: CaseworkSession | None = None
        self.feedback: FeedbackView | None = None
        self.to_forms = fit_button(t("practice.to_forms", locale), button_style="primary")
        self.to_forms.add_class("nuiawase-to-forms")
        self.to_forms.on_click(lambda _: self._open_forms_or_explain())
        self.forms = w.VBox()
        self.results = w.VBox()
        # After the interview the next step (the forms) comes first, a new variant second;
        # after the feedback, a new variant or back to the library. Both wipe the page, so
        # they ask first.
        self.again_early = self._variant_button()
        self.next_steps = w.HBox([self.to_forms, self.again_early])
        self.again = self._variant_button()
        self.back = self._back_button()
        self.back_top = self._back_button()
        self.last_steps = w.HBox([self.again, self.back])
        for row in (self.next_steps, self.last_steps):
            row.layout.flex_flow = "row wrap"
            row.add_class("nuiawase-steps")
        #: 私の提出, folded (its list is filled in when the work is kept, see open_store).
        self.mine = w.VBox()
        self._mine_list = w.VBox()
        self._reset()
        super().__init__(
            [
                self.mine,
                self.notice,
                self.back_top,
                self.interview,
                self.next_steps,
                self.forms,
                self.results,
                self.last_steps,
            ]
        )
        self.add_class("nuiawase-practice-flow")
        # The store opens in the cell, not after it: widgets made once the page is sent reach
        # a browser that has not yet connected to the kernel only if it connects in time; on
        # a loaded server it did not, and the resumed forms showed a JavaScript error
        # (tests/browser/test_resume_after_crash.py under load).
        self.open_store()

    def open_store(self) -> None:
        """Show 私の提出 and reopen an unfinished attempt (when the work is kept)."""
        if self._open_my_submissions():
            self.resume()

    def _variant_button(self) -> ConfirmButton:
        button = ConfirmButton(
            t("practice.new_variant", self.locale),
            t("confirm.new_variant", self.locale),
            self.interview.start,
            locale=self.locale,
        )
        button.add_class("nuiawase-new-variant")
        return button

    def _back_button(self) -> ConfirmButton:
        button = ConfirmButton(
            t("practice.back", self.locale),
            t("confirm.back", self.locale),
            self.back_to_library,
            locale=self.locale,
            # Nothing to lose once the work is submitted (it is kept under 私の提出).
            needed=lambda: self.feedback is None,
        )
        button.add_class("nuiawase-back")
        return button

    def back_to_library(self) -> None:
        """Leave this attempt for the case library: pick another case or the same again.
        An unfinished attempt is marked abandoned in the store (a reload does not reopen
        it; 私の提出 lists it as 中断)."""
        problem = self._abandon()
        self._reset()
        self.notice.value = problem
        self.interview.stage.children = []
        self.interview.panel = None
        self.interview.library.layout.display = None
        self.interview.start_button.layout.display = None
        self._show_steps()

    def _abandon(self) -> str:
        """Mark the attempt on the page abandoned, if it is unfinished; the store's error
        as HTML, or ''."""
        from simulator.service.client import ServiceError
        from simulator.store.errors import StoreError

        panel = self.interview.panel
        if panel is None or self.feedback is not None:
            return ""
        try:
            self.backend.abandon(panel.interview)
        except (StoreError, ServiceError) as exc:
            return tag("div", error_text(exc, self.locale), "nuiawase-msg-error")
        if self.my_view is not None:
            self.my_view.reload()
        return ""

    def _show_steps(self) -> None:
        """Show the way back whenever the library is out of sight."""
        away = self.interview.panel is not None
        self.back_top.layout.display = None if away else "none"
        self.interview.again_button.layout.display = "none"  # the flow has its own

    def _open_my_submissions(self) -> bool:
        """Open 私の提出 (folded) when the work is kept somewhere to list; False when it is
        not. A store that cannot be used is explained in its place."""
        from simulator.service.client import ServiceError
        from simulator.store.errors import StoreError

        try:
            source = self.backend.mine()
        except (StoreError, ServiceError) as exc:
            error = w.HTML(tag("div", error_text(exc, self.locale), "nuiawase-msg-error"))
            self.mine.children = [error]
            return False
        if source is None:
            return False
        box = w.Accordion(children=[self._mine_list], selected_index=None)
        box.set_title(0, t("mine.title", self.locale))
        box.add_class("nuiawase-mine-box")
        self.mine.children = [box]
        self._show_mine(source)
        return True

    def _show_mine(self, source: MySource) -> None:
        from .my_submissions import MySubmissions  # the database layer loads only here

        view = self.my_view = MySubmissions(source, locale=self.locale, on_revise=self.revise)
        self._mine_list.children = [view]

    def _record_turn(self, move: Move, turn: Turn) -> None:
        """Keep a played turn in the store; a store error is shown, the interview goes on."""
        from simulator.store.errors import StoreError

        panel = self.interview.panel
        if panel is None:
            return
        try:
            self.backend.kept(panel.interview, move, turn)
        except StoreError as exc:
            self.notice.value = tag("div", error_text(exc, self.locale), "nuiawase-msg-error")

    def resume(self) -> bool:
        """Reopen the trainee's unfinished attempt (after a crash, a restart or a reload):
        the same client, the interview so far and the forms with their draft. False when
        there is nothing to reopen; a store or case-library error is shown."""
        from pydantic import ValidationError

        from simulator.scenario.problems import InvalidFile
        from simulator.service.client import ServiceError
        from simulator.store.errors import StoreError

        try:
            found = self.backend.reopen()
            if found is None:
                return False
            panel = self.interview.resume(found.interview, found.played)
            if found.over:
                panel.end()  # the forms were begun, so the interview was over
                self.open_forms(found.draft)
        except (StoreError, ServiceError, InvalidFile, ValidationError) as exc:
            self.notice.value = tag("div", error_text(exc, self.locale), "nuiawase-msg-error")
            return False
        self.notice.value = tag("div", t("practice.resumed", self.locale), "nuiawase-resumed")
        return True

    def revise(self, row: MyRow) -> CaseworkSession | None:
        """Open a returned attempt's forms again; the next submit is its next version.
        A store or case-library error is shown where the forms would be."""
        from simulator.scenario.problems import InvalidFile
        from simulator.service.client import ServiceError
        from simulator.store.errors import StoreError

        try:
            session = self.backend.revise(row, self.locale)
        except (StoreError, ServiceError, InvalidFile) as exc:
            self.forms.children = [
                w.HTML(tag("div", error_text(exc, self.locale), "nuiawase-msg-error"))
            ]
            return None
        self._show_forms(session)
        self.results.children = []
        return session

    def _started(self) -> None:
        self._reset()
        # While the trainee interviews, load the forms' code, so that they open at once.
        after_cell(_load_forms_code)

    def _reset(self) -> None:
        self.transcript = self.session = self.feedback = None
        self.forms.children = []
        self.results.children = []
        self.next_steps.layout.display = "none"
        self.last_steps.layout.display = "none"
        self._show_steps()

    def _interviewed(self, transcript: Transcript) -> None:
        self.transcript = transcript
        self.to_forms.layout.display = None
        self.next_steps.layout.display = None
        self._show_steps()

    def open_forms(self, draft: dict[str, object] | None = None) -> CaseworkSession:
        """Open the assessment sheet and plan for the interview just held (draft restored)."""
        panel = self.interview.panel
        if panel is None or panel.report is None:
            raise RuntimeError("the interview has not ended yet")
        session = self.backend.casework(panel.interview, self.locale, draft)
        self._show_forms(session)
        self._show_steps()
        return session

    def _show_forms(self, session: CaseworkSession) -> None:
        from .plan_editor import open_forms

        self.session = session
        assessment, plan = open_forms(session, on_submit=self._submitted)
        self.forms.children = [assessment, plan]
        self.next_steps.layout.display = "none"

    def _open_forms_or_explain(self) -> None:
        """The button's action: open the forms, or say why the store cannot keep them."""
        from simulator.service.client import ServiceError
        from simulator.store.errors import StoreError

        try:
            self.open_forms()
        except (StoreError, ServiceError) as exc:
            self.forms.children = [
                w.HTML(tag("div", error_text(exc, self.locale), "nuiawase-msg-error"))
            ]

    def _submitted(self, submission: Submission) -> None:
        from simulator.rubric.files import default_rubric

        from .feedback_view import FeedbackView

        assert self.session is not None
        self.feedback = FeedbackView(
            self.backend.scorecard(self.session, submission),
            default_rubric(),
            submission,
            locale=self.locale,
            region=self.session.context.region,
        )
        note = w.HTML(tag("p", t("practice.scored", self.locale), "nuiawase-done"))
        self.results.children = [note, self.feedback]
        self.last_steps.layout.display = None


def _load_forms_code() -> None:
    """Import what the forms and the feedback need (no data: only their modules)."""
    import simulator.widgets.feedback_view
    import simulator.widgets.plan_editor  # noqa: F401
