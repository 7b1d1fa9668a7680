"""The whole practice flow on one page: pick a case, interview, assess, plan, submit, read
the feedback, and try a new variant of the same case. Every step is a view over the layers
below; this module only wires them together."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w

from simulator.i18n import t
from simulator.store.location import has_store
from simulator.workspace import resolve_workspace

from .confirm import ConfirmButton, fit_button
from .deferred import after_cell
from .html import tag
from .interview_practice import InterviewPractice
from .stores import error_text, work_stores

# The page's first view is the case library: the interview, the forms, the rubric and the
# store load when the trainee first needs them (a Voila page is a new kernel each time).
if TYPE_CHECKING:
    from simulator.casework.session import CaseworkSession, WorkStores
    from simulator.interview import Move, Transcript, Turn
    from simulator.models.submission import Submission
    from simulator.rubric.scorecard import Scorecard
    from simulator.store.resume import LiveAttempts
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
    ) -> None:
        self.locale = locale
        self.workspace = workspace
        #: Where drafts and submissions go: the workspace's store when it has one (each
        #: submission then waits in the supervisor's review queue), else files.
        self.stores = stores or work_stores
        self.interview = InterviewPractice(
            locale=locale,
            debug=debug,
            on_end=self._interviewed,
            on_start=self._started,
            on_turn=self._record_turn,
        )
        #: Keeps each turn in the store as it is played (when the workspace has a store).
        self.live: LiveAttempts | None = None
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
        #: 私の提出, folded (its list is filled in with the store, see :meth:`open_store`).
        self.mine = w.VBox()
        self._mine_list = w.VBox()
        if has_store(resolve_workspace(workspace)):
            box = w.Accordion(children=[self._mine_list], selected_index=None)
            box.set_title(0, t("mine.title", locale))
            box.add_class("nuiawase-mine-box")
            self.mine.children = [box]
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
        """Show 私の提出 and reopen an unfinished attempt (when the workspace has a store)."""
        if self.mine.children:
            self._open_my_submissions()
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
        from simulator.store.errors import StoreError

        live, scenario, panel = self.live, self.interview.scenario, self.interview.panel
        if live is None or scenario is None or panel is None or self.feedback is not None:
            return ""
        try:
            live.abandon(scenario, panel.interview.seed)
        except StoreError as exc:
            return tag("div", error_text(exc, self.locale), "nuiawase-msg-error")
        if self.my_view is not None:
            self.my_view.reload()
        return ""

    def _show_steps(self) -> None:
        """Show the way back whenever the library is out of sight."""
        away = self.interview.panel is not None
        self.back_top.layout.display = None if away else "none"
        self.interview.again_button.layout.display = "none"  # the flow has its own

    def _open_my_submissions(self) -> None:
        """Open the store as the trainee: 私の提出's list, and turns kept as they are played.
        A store that cannot be used is explained in place of 私の提出."""
        from simulator.store.errors import StoreError
        from simulator.store.workspace_store import workspace_store

        folder = resolve_workspace(self.workspace)
        try:
            repo = workspace_store(folder).as_current_user(folder)
        except StoreError as exc:
            error = w.HTML(tag("div", error_text(exc, self.locale), "nuiawase-msg-error"))
            self.mine.children = [error]
            return
        from simulator.store.resume import LiveAttempts

        from .my_submissions import MySubmissions  # the database layer loads only here

        self.live = LiveAttempts(repo)
        view = self.my_view = MySubmissions(repo, locale=self.locale, on_revise=self.revise)
        self._mine_list.children = [view]

    def _record_turn(self, move: Move, turn: Turn) -> None:
        """Keep a played turn in the store; a store error is shown, the interview goes on."""
        from simulator.store.errors import StoreError

        live, scenario, panel = self.live, self.interview.scenario, self.interview.panel
        if live is None or scenario is None or panel is None:
            return
        try:
            live.record(
                scenario,
                panel.interview.seed,
                turn.model_dump(mode="json"),
                move.model_dump(mode="json", exclude_none=True),
            )
        except StoreError as exc:
            self.notice.value = tag("div", error_text(exc, self.locale), "nuiawase-msg-error")

    def resume(self) -> bool:
        """Reopen the trainee's unfinished attempt (after a crash, a restart or a reload):
        the same client, the interview so far and the forms with their draft. False when
        there is nothing to reopen; a store or case-library error is shown."""
        from pydantic import ValidationError

        from simulator.scenario.problems import InvalidFile
        from simulator.store.errors import StoreError

        if self.live is None:
            return False
        try:
            resumed = self._resume(self.live)
        except (StoreError, InvalidFile, ValidationError) as exc:
            self.notice.value = tag("div", error_text(exc, self.locale), "nuiawase-msg-error")
            return False
        if resumed:
            self.notice.value = tag("div", t("practice.resumed", self.locale), "nuiawase-resumed")
        return resumed

    def _resume(self, live: LiveAttempts) -> bool:
        found = live.unfinished()
        if found is None:
            return False
        from simulator.interview import Move
        from simulator.models.submission import Draft
        from simulator.scenario.library import load_case, version_file

        # The version the attempt started on, even when a newer one has been published.
        archived = version_file(found.scenario_id, found.scenario_hash)
        case = str(archived) if archived is not None else found.scenario_id
        if found.moves is not None:
            moves = [Move.model_validate(m) for m in found.moves]
            panel = self.interview.resume(case, found.seed, moves)
            if found.draft is None:
                return True  # still interviewing
            panel.end()  # the forms were begun, so the interview was over
        elif found.draft is not None:
            # Turns stored without their moves (before they were kept live): the forms
            # reopen from the draft's transcript.
            self.interview.scenario, self.interview.region = load_case(case)
            self.transcript = Draft.model_validate(found.draft).transcript
        else:
            return False
        self.open_forms()
        return True

    def revise(self, row: MyRow) -> CaseworkSession | None:
        """Open a returned attempt's forms again; the next submit is its next version.
        A store or case-library error is shown where the forms would be."""
        from simulator.scenario.problems import InvalidFile
        from simulator.store.errors import StoreError

        try:
            return self._revise(row)
        except (StoreError, InvalidFile) as exc:
            self.forms.children = [
                w.HTML(tag("div", error_text(exc, self.locale), "nuiawase-msg-error"))
            ]
            return None

    def _revise(self, row: MyRow) -> CaseworkSession:
        from simulator.casework.context import CaseContext
        from simulator.casework.session import CaseworkSession
        from simulator.models.submission import Submission
        from simulator.scenario.library import load_case
        from simulator.store.workspace_store import workspace_store

        from .plan_editor import open_forms

        folder = resolve_workspace(self.workspace)
        repo = workspace_store(folder).as_current_user(folder)
        record = repo.submission(row.submission_id)
        work = Submission.model_validate(record.payload)
        scenario, region = load_case(work.scenario_id)
        self.interview.scenario, self.interview.region = scenario, region
        self.transcript = work.transcript
        context = CaseContext.of(scenario, region, work.transcript)
        self.session = CaseworkSession.open(
            context, workspace=self.workspace, locale=self.locale, stores=self.stores
        )
        assessment, plan = open_forms(self.session, on_submit=self._submitted)
        self.forms.children = [assessment, plan]
        self.results.children = []
        self.next_steps.layout.display = "none"
        return self.session

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

    def open_forms(self) -> CaseworkSession:
        """Open the assessment sheet and plan for the interview just held (draft restored)."""
        from simulator.casework.context import CaseContext
        from simulator.casework.session import CaseworkSession

        from .plan_editor import open_forms

        scenario, region = self.interview.scenario, self.interview.region
        if self.transcript is None or scenario is None or region is None:
            raise RuntimeError("the interview has not ended yet")
        context = CaseContext.of(scenario, region, self.transcript)
        self.session = CaseworkSession.open(
            context, workspace=self.workspace, locale=self.locale, stores=self.stores
        )
        assessment, plan = open_forms(self.session, on_submit=self._submitted)
        self.forms.children = [assessment, plan]
        self.next_steps.layout.display = "none"
        self._show_steps()
        return self.session

    def _open_forms_or_explain(self) -> None:
        """The button's action: open the forms, or say why the store cannot keep them."""
        from simulator.store.errors import StoreError

        try:
            self.open_forms()
        except StoreError as exc:
            self.forms.children = [
                w.HTML(tag("div", error_text(exc, self.locale), "nuiawase-msg-error"))
            ]

    def _submitted(self, submission: Submission) -> None:
        from simulator.rubric.files import default_rubric

        from .feedback_view import FeedbackView

        self.feedback = FeedbackView(
            self._scorecard(submission),
            default_rubric(),
            submission,
            locale=self.locale,
            region=self.interview.region,
        )
        note = w.HTML(tag("p", t("practice.scored", self.locale), "nuiawase-done"))
        self.results.children = [note, self.feedback]
        self.last_steps.layout.display = None

    def _scorecard(self, submission: Submission) -> Scorecard:
        """The scorecard the trainee may see: the store's, made when it received the work;
        only without a store (files in a personal workspace) is the work scored here."""
        from simulator.rubric.files import default_rubric
        from simulator.rubric.scorecard import score_submission
        from simulator.store.casework_bridge import StoreSubmissionStore

        assert self.session is not None
        kept = self.session.submissions
        if isinstance(kept, StoreSubmissionStore):
            card = kept.scorecard(submission.trainee_id, submission.attempt_id, submission.version)
            if card is None:  # it was stored a moment ago; gone only if erased meanwhile
                raise RuntimeError(f"submission {submission.attempt_id} is not in the store")
            return card
        scenario, region = self.interview.scenario, self.interview.region
        assert scenario is not None and region is not None
        return score_submission(submission, scenario, region, default_rubric())


def _load_forms_code() -> None:
    """Import what the forms and the feedback need (no data: only their modules)."""
    import simulator.widgets.feedback_view
    import simulator.widgets.plan_editor  # noqa: F401
