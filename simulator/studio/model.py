"""The studio's state behind its view: the case being written, its live lint, the
persona previews, a play-test with its lock inspector, the bot learners, and publishing.

Only a trainer (or the local operator) opens it: the case shelf (shelf.py: the
workspace's, or the service's) checks the role before any case text, answer key or draft
is read, so no view can show a trainee the studio's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.interview import Interview, Move, Turn
from simulator.models import Region, Scenario
from simulator.persona import generate_persona
from simulator.rubric.calibration import CalibrationReport
from simulator.scenario.library import PUBLISHED_DIR, find_region
from simulator.scenario.onepass import Checked
from simulator.scenario.problems import InvalidFile
from simulator.store import Repository

from .calibrate import calibrate_case, exemplar_folder
from .casefile import check_case
from .locks import TurnLocks, inspect_turns
from .publish import Published
from .refs import CaseRef
from .shelf import DRAFTS_DIR, CaseShelf, LocalShelf
from .template import TemplateAnswers, case_from_template

#: Seeds of the side-by-side persona preview.
PREVIEW_SEEDS = (1, 2, 3)


@dataclass(frozen=True)
class PersonaPreview:
    """One seed's client: who, and what each placeholder renders to."""

    seed: int
    name: str
    age: int
    sex: str
    slots: dict[str, str]


class StudioModel:
    """One trainer's studio session over a workspace."""

    def __init__(
        self, shelf: CaseShelf | Repository, workspace: Path, locale: str | None = None
    ) -> None:
        # A Repository is the workspace's own shelf (plain kernels and tests pass one);
        # either way the role is checked before any case is read.
        if isinstance(shelf, Repository):
            shelf = LocalShelf(shelf, workspace)
        self.shelf: CaseShelf = shelf
        self.workspace, self.locale = Path(workspace), locale
        self.text = ""
        self.interview: Interview | None = None

    # ------------------------------------------------------------------ cases
    @property
    def published(self) -> Path:
        """The kernel's case folder: where a case's own region is looked for."""
        return self.workspace / PUBLISHED_DIR

    def cases(self) -> list[CaseRef]:
        """The drafts, the published cases and the shipped library, in that order."""
        return self.shelf.cases()

    def open(self, case: CaseRef | Path) -> str:
        """Open a listed case (or a file) for editing; its text becomes the studio's."""
        if isinstance(case, CaseRef):
            self.text = self.shelf.read(case)
        else:
            self.text = case.read_text(encoding="utf-8")
        self.interview = None
        return self.text

    def new_case(self, answers: TemplateAnswers) -> str:
        """Start a new case from the template with the trainer's answers."""
        self.text = case_from_template(answers)
        self.interview = None
        return self.text

    def check(self) -> Checked:
        """Every problem of the text, in one pass (as a file of the case folder)."""
        return self.shelf.check(self.text, self.locale)

    def save(self) -> Path:
        """Save the text as a draft (InvalidFile with every error when it is not valid)."""
        return self.shelf.save(self.text, self.locale)

    def publish(self) -> Published:
        """Publish the text as the case's next version (trainers only; see publish.py)."""
        return self.shelf.publish(self.text, self.locale)

    # ------------------------------------------------------------------ the case
    def case(self) -> tuple[Scenario, Region]:
        """The valid case and its region; InvalidFile with every error otherwise."""
        checked = self.check()
        if not checked.ok:
            raise InvalidFile(checked.errors)
        # The service's check names the problems; the model the play-test, previews and
        # bots run on is this kernel's reading of the same text (a trainer's own case).
        if checked.model is None:
            checked = check_case(self.text, self.published, self.locale)
        scenario = checked.model
        if not checked.ok or not isinstance(scenario, Scenario):
            raise InvalidFile(checked.errors)
        region = find_region(scenario.region, self.published / f"{scenario.id}.yaml")
        if region is None:  # reported by the lint; kept for the type checker
            raise InvalidFile(checked.errors)
        return scenario, region

    def previews(self, seeds: tuple[int, ...] = PREVIEW_SEEDS) -> list[PersonaPreview]:
        """The case's client for each seed, with what every placeholder renders to."""
        scenario, region = self.case()
        out = []
        for seed in seeds:
            p = generate_persona(scenario, region, seed)
            out.append(PersonaPreview(seed, p.name.kanji, p.age, p.sex.value, p.slots()))
        return out

    # ------------------------------------------------------------------ play-test
    def start_playtest(self, seed: int = PREVIEW_SEEDS[0]) -> Interview:
        """A fresh interview of the case as it is now, with the client of ``seed``."""
        scenario, region = self.case()
        self.interview = Interview(scenario, generate_persona(scenario, region, seed))
        return self.interview

    def say(self, text: str) -> Turn:
        """One remark of the play-test, read as the practice app reads it."""
        if self.interview is None:
            self.start_playtest()
        assert self.interview is not None
        return self.interview.step(Move(text=text))

    def locks(self) -> list[TurnLocks]:
        """The lock inspector over the play-test so far."""
        if self.interview is None:
            return []
        return inspect_turns(self.interview.scenario, self.interview.turns)

    def bots(self, seed: int = PREVIEW_SEEDS[0]) -> dict[str, Any]:
        """The strong and weak bot learners on the client of ``seed``."""
        from simulator.interview.bots import bot_report

        scenario, region = self.case()
        return bot_report(scenario, generate_persona(scenario, region, seed), self.locale)

    def calibration(self) -> tuple[Path, CalibrationReport] | None:
        """The case's exemplar folder and its exemplars scored against the case as it is
        now, compared with the levels a person gave them; None without exemplars."""
        scenario, region = self.case()
        folder = exemplar_folder(self.workspace, scenario.id)
        if folder is None:
            return None
        return folder, calibrate_case(scenario, region, folder, self.locale)


__all__ = ["DRAFTS_DIR", "PREVIEW_SEEDS", "CaseRef", "PersonaPreview", "StudioModel"]
