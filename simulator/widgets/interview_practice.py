"""Pick a case, then interview a new version of its client (a fresh seed per attempt).

The cases and the interview come from a practice backend: the nuiawase service when the
kernel has one (the demo, JupyterHub), else this kernel's engine and the library's files."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from simulator.i18n import t

from .case_library import CaseLibrary, CaseLibraryModel, case_ref
from .confirm import fit_button
from .practice_backend import PracticeBackend, practice_backend

# The interview (its classifier, its word vectors) loads when the first attempt begins.
if TYPE_CHECKING:
    from simulator.models.transcript import Transcript, Turn

    from .interview_panel import EndHandler, InterviewPanel, TurnHandler
    from .practice_backend import PracticeInterview


def new_seed() -> int:
    """A fresh attempt seed; stored with the attempt so it can be replayed exactly."""
    return secrets.randbelow(2**31)


class InterviewPractice(w.VBox):
    """Case picker, a start button, then the interview panel for one attempt."""

    def __init__(
        self,
        library: CaseLibraryModel | None = None,
        *,
        locale: str | None = None,
        debug: bool = False,
        on_end: EndHandler | None = None,
        on_start: Callable[[], None] | None = None,
        on_turn: TurnHandler | None = None,
        backend: PracticeBackend | None = None,
    ) -> None:
        self.backend = backend or practice_backend(locale=locale)
        library = library or CaseLibraryModel(locale=locale, cards=self.backend.cards(locale))
        self.library = CaseLibrary(library)
        self.locale = locale
        self.debug = debug
        self.on_end = on_end
        self.on_start = on_start
        self.on_turn = on_turn
        self.panel: InterviewPanel | None = None
        self.transcript: Transcript | None = None
        self.start_button = fit_button(t("practice.start", locale), button_style="primary")
        self.again_button = fit_button(t("practice.new_variant", locale))
        self.again_button.layout.display = "none"
        self.start_button.on_click(lambda _: self.start())
        self.again_button.on_click(lambda _: self.start())
        self.stage = w.VBox()
        super().__init__([self.library, self.start_button, self.stage, self.again_button])
        self.add_class("nuiawase-practice")

    def start(self, seed: int | None = None) -> InterviewPanel:
        """Begin an attempt on the selected case; ``seed`` replays a given attempt."""
        selected = self.library.model.selected
        if selected is None:
            raise LookupError("the case library is empty")
        return self._begin(
            self.backend.begin(case_ref(selected), new_seed() if seed is None else seed)
        )

    def resume(self, interview: PracticeInterview, played: list[Turn]) -> InterviewPanel:
        """Reopen an unfinished attempt: its interview as it stands and the turns played."""
        panel = self._begin(interview)
        panel.show_played(played)
        # The picker stays: the trainee may go on, or leave this attempt for another case.
        self.library.layout.display = None
        self.start_button.layout.display = None
        return panel

    def _begin(self, interview: PracticeInterview) -> InterviewPanel:
        from .interview_panel import InterviewPanel

        self.panel = InterviewPanel(
            interview=interview,
            locale=self.locale,
            debug=self.debug,
            on_end=self._ended,
            on_turn=self.on_turn,
        )
        self.stage.children = [self.panel]
        self.library.layout.display = "none"
        self.start_button.layout.display = "none"
        self.again_button.layout.display = "none"
        if self.on_start is not None:
            self.on_start()
        return self.panel

    def _ended(self, transcript: Transcript) -> None:
        self.transcript = transcript
        self.again_button.layout.display = None
        if self.on_end is not None:
            self.on_end(transcript)
