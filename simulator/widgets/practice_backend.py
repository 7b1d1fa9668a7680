"""PracticeBackend: what the practice page asks of whoever holds the cases, the client and
the scores. Two answer it:

- the nuiawase service (``practice_service.ServicePractice``), whenever the kernel was
  started with ``NUIAWASE_SERVICE_URL`` (``nuiawase demo``, JupyterHub): the kernel holds
  public cards, the turns as said and the told facts' outline, never a scenario, an answer
  key or the database;
- the kernel itself (``practice_embedded.EmbeddedPractice``), in a plain Jupyter or under
  nbval where no service runs: today's engine, files and workspace store.

The widgets choose with :func:`practice_backend` and otherwise do not know which they have.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from simulator.casework.session import CaseworkSession, WorkStores
    from simulator.interview.classifier import Classification
    from simulator.interview.debrief_sheet import DebriefSheet
    from simulator.interview.moves import Move
    from simulator.models.submission import Submission
    from simulator.models.transcript import Transcript, Turn
    from simulator.models.vocab import ArrivalRoute
    from simulator.rubric.scorecard import Scorecard
    from simulator.scenario.cards import CaseCard
    from simulator.store.trainee_view import AbandonedRow, MyFeedback, MyRow

#: The environment variable that names the service (set by `nuiawase demo` and the hub).
SERVICE_URL = "NUIAWASE_SERVICE_URL"


class Mood(Protocol):
    """How the client is: trust and distress (0-100)."""

    @property
    def rapport(self) -> int: ...
    @property
    def distress(self) -> int: ...


@dataclass(frozen=True)
class ClientHeader:
    """The client as they sit down: name, age, route, and who else is in the room."""

    name: str
    age: int
    arrival: ArrivalRoute
    setting: list[tuple[str, str]]


class PracticeInterview(Protocol):
    """One attempt's interview, as the interview panel plays it."""

    @property
    def seed(self) -> int: ...
    @property
    def finished(self) -> bool: ...
    @property
    def turns_left(self) -> int: ...
    @property
    def state(self) -> Mood: ...
    def read(self, text: str) -> Classification:
        """How ``text`` would be understood; plays nothing."""
        ...

    def step(self, move: Move) -> Turn:
        """Play one move; the client's reply."""
        ...

    def header(self, locale: str | None) -> ClientHeader:
        """The client as they sit down."""
        ...

    def close(self, locale: str | None) -> DebriefSheet:
        """End the interview (the trainee did, or the turns ran out); the debrief."""
        ...

    def record(self) -> Transcript:
        """The interview as the forms cite it (once it is over)."""
        ...


@dataclass
class Reopened:
    """An unfinished attempt found again: the interview at its last turn, the turns
    already played (to show), the saved draft, and whether the interview was over."""

    interview: PracticeInterview
    played: list[Turn]
    draft: dict[str, Any] | None
    over: bool


class MySource(Protocol):
    """私の提出's data: the trainee's submissions, abandoned attempts and feedback."""

    def rows(self) -> list[MyRow]: ...
    def abandoned(self) -> list[AbandonedRow]: ...
    def feedback(self, submission_id: int, locale: str | None) -> MyFeedback: ...


class PracticeBackend(Protocol):
    """The practice page's cases, interviews, forms and scores."""

    def cards(self, locale: str | None) -> list[CaseCard] | None:
        """The case library's cards; None: the page reads the library's files itself."""
        ...

    def begin(self, case: str, seed: int) -> PracticeInterview:
        """Start an attempt of ``case`` (an id, or a file for a plain kernel)."""
        ...

    def kept(self, interview: PracticeInterview, move: Move, turn: Turn) -> None:
        """A turn was played: keep it where the page's store needs it (StoreError)."""
        ...

    def mine(self) -> MySource | None:
        """私の提出's data, or None when the work is not kept anywhere to list."""
        ...

    def reopen(self) -> Reopened | None:
        """The trainee's unfinished attempt, or None."""
        ...

    def abandon(self, interview: PracticeInterview) -> None:
        """The trainee left the attempt for the library: not reopened again."""
        ...

    def casework(
        self, interview: PracticeInterview, locale: str | None, draft: dict[str, Any] | None
    ) -> CaseworkSession:
        """The forms' session for an interview that is over (its draft restored)."""
        ...

    def revise(self, row: MyRow, locale: str | None) -> CaseworkSession:
        """The forms' session of a returned submission, to write its next version."""
        ...

    def scorecard(self, session: CaseworkSession, submission: Submission) -> Scorecard:
        """The scorecard of a submission as the trainee may see it now."""
        ...


def service_configured() -> bool:
    """True when the kernel was started beside a nuiawase service."""
    return bool(os.environ.get(SERVICE_URL))


def practice_backend(
    workspace: str | Path | None = None,
    stores: WorkStores | None = None,
    locale: str | None = None,
) -> PracticeBackend:
    """The service's backend when the kernel has one, else the kernel's own."""
    if service_configured():
        from .practice_service import ServicePractice

        return ServicePractice.from_environment(locale)
    from .practice_embedded import EmbeddedPractice

    return EmbeddedPractice(workspace, stores)


__all__ = [
    "SERVICE_URL",
    "ClientHeader",
    "Mood",
    "MySource",
    "PracticeBackend",
    "PracticeInterview",
    "Reopened",
    "practice_backend",
    "service_configured",
]
