"""An interview in progress, kept in the store turn by turn, and found again after a crash.

The practice page records each turn as it is played (with the move that made it, so the
interview can be replayed exactly: the engine is deterministic in scenario, seed and
moves). After a server crash, a kernel restart or a reload, the page asks for the
trainee's unfinished attempt, the latest one without a submission that was not abandoned
(left for the case library), and reopens it with
its seed, its moves and its draft, instead of starting a new client with empty forms.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simulator.models.scenario import Scenario

from .errors import NotFound, ScenarioNotFound

if TYPE_CHECKING:
    from .repository import Repository

#: The key of a stored turn that holds the move which made it.
MOVE = "move"


@dataclass(frozen=True)
class Unfinished:
    """The trainee's attempt to reopen: case, seed, moves so far and the saved draft."""

    attempt_id: int
    scenario_id: str
    #: The content hash of the version the attempt started on (it replays on that one).
    scenario_hash: str
    seed: int
    #: The moves of the stored turns, in order; None when a turn was stored without its
    #: move (an attempt from before turns were recorded live): it cannot be replayed.
    moves: list[dict[str, Any]] | None
    #: The draft's document (its transcript is the interview's), or None.
    draft: dict[str, Any] | None


class LiveAttempts:
    """Record an interview's turns as they are played; find the unfinished attempt."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self._ids: dict[tuple[str, int], int] = {}
        self._lock = threading.Lock()

    def record(
        self, scenario: Scenario, seed: int, turn: dict[str, Any], move: dict[str, Any]
    ) -> None:
        """Store one played turn with its move; the first turn starts the store attempt
        (NotFound when the case is not registered, as for drafts)."""
        # Here, not at the top: the bridge brings the rubric and the casework checks, which
        # the practice page need not load to find an attempt to reopen.
        from .casework_bridge import scenario_hash

        with self._lock:
            key = (scenario.id, seed)
            attempt_id = self._ids.get(key)
            if attempt_id is None:
                try:
                    attempt_id = self.repo.start_attempt(scenario_hash(scenario), seed=seed).id
                except ScenarioNotFound:
                    raise NotFound("store.casework.not_registered", scenario=scenario.id) from None
                self._ids[key] = attempt_id
            self.repo.append_turns(attempt_id, [{**turn, MOVE: move}])

    def abandon(self, scenario: Scenario, seed: int) -> bool:
        """Mark the attempt of this case and seed abandoned (the trainee went back to the
        case library); False when the store has no such attempt (nothing was kept yet)."""
        with self._lock:
            attempt_id = self._ids.pop((scenario.id, seed), None)
        if attempt_id is None:
            found = [
                a for a in self.repo.attempts() if a.scenario_id == scenario.id and a.seed == seed
            ]
            if not found:
                return False
            attempt_id = found[-1].id
        return self.repo.abandon_attempt(attempt_id)

    def unfinished(self) -> Unfinished | None:
        """The trainee's latest attempt if nothing was submitted of it and something was
        played or written in it; else None."""
        attempts = self.repo.attempts()
        if not attempts:
            return None
        latest = attempts[-1]
        if any(s.attempt_id == latest.id for s in self.repo.submissions()):
            return None
        if latest.id in self.repo.abandoned_attempts():
            return None  # left for the case library: not to be reopened
        turns = [t.payload for t in self.repo.turns(latest.id)]
        record = self.repo.draft(latest.id)
        if not turns and record is None:
            return None
        moves = [t[MOVE] for t in turns if isinstance(t.get(MOVE), dict)]
        with self._lock:
            self._ids[(latest.scenario_id, latest.seed)] = latest.id
        return Unfinished(
            attempt_id=latest.id,
            scenario_id=latest.scenario_id,
            scenario_hash=latest.scenario_hash,
            seed=latest.seed,
            moves=moves if len(moves) == len(turns) else None,
            draft=None if record is None else record.payload,
        )


__all__ = ["LiveAttempts", "Unfinished"]
