"""Interviews in progress, held by the service: the client's state never leaves it.

Each played turn is stored with the move that made it (simulator.store.resume.MOVE), in
the same write that the trainee sees succeed; the engine is deterministic in scenario,
seed and moves, so after a restart an attempt is rebuilt by replaying its stored moves.
Interviews are kept in memory per attempt (a bounded cache) only to save that replay.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import ValidationError

from simulator.clock import utc_now
from simulator.interview.classifier import Classification, classify
from simulator.interview.engine import Interview, SessionOver
from simulator.interview.moves import Move
from simulator.interview.transcript import Transcript, Turn
from simulator.models.casework import Assessment, Plan
from simulator.models.persona import Persona
from simulator.models.scenario import Scenario
from simulator.models.submission import Submission
from simulator.persona.generator import generate_persona
from simulator.store import AttemptRecord, Conflict, ContentVersion, NotFound, Repository, Store
from simulator.store.errors import term
from simulator.store.resume import MOVE
from simulator.store.roles import Role, deny, require_role
from simulator.store.scoring import default_scorer, region_of

from .errors import BadRequest, invalid

M = TypeVar("M", Assessment, Plan)

NOT_REPLAYABLE = "service.error.not_replayable"
#: Interviews kept in memory; an evicted one is replayed from the store when next played.
CACHE_SIZE = 512
#: What the service reads, unsaid, to load the engine before the first trainee speaks.
WARM_REMARK = "今日はどんなことでお困りか、聞かせていただけますか。"


@dataclass(frozen=True)
class Recorded:
    """An interview known only from its record: case, client and transcript."""

    scenario: Scenario
    persona: Persona
    record: Transcript


@dataclass
class Live:
    """One attempt's interview and the lock that orders its turns."""

    attempt: AttemptRecord
    interview: Interview
    lock: threading.Lock
    #: The trainee ended the interview before its turns ran out (this process heard it;
    #: after a restart a saved draft or a submission says the same).
    ended: bool = False


class LiveInterviews:
    """Start, play and submit interviews for the users the handlers name."""

    def __init__(self, store: Store) -> None:
        self.store = store
        # The service reads full scenario versions (answer keys included) as the operator;
        # nothing it returns to a user carries them (public.py).
        self._content = store.as_operator()
        self._live: OrderedDict[int, Live] = OrderedDict()
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ scenarios
    def scenario(self, content_hash: str) -> Scenario:
        """A stored scenario version as a model (parsed once per process)."""
        version = self._content.scenario_version(content_hash)
        return default_scorer().scenario(content_hash, version.document)

    def warm(self) -> None:
        """Load now what the first turn would (the scorer, the classifier model, the
        tokenizer, the word vectors) by reading one remark in the newest registered case;
        nothing is played or stored. Without a case, the classifier and tokenizer only."""
        versions = self._content.scenario_versions()
        if versions:
            scenario = self.scenario(versions[-1].content_hash)
            self._interview(scenario, 0).read(WARM_REMARK)
        else:
            classify(WARM_REMARK)

    def latest_hash(self, scenario_id: str) -> str:
        """The newest registered version of a case; NotFound when none is."""
        versions = self._content.scenario_versions(scenario_id)
        if not versions:
            raise NotFound("service.error.unknown_case", scenario=scenario_id)
        return max(versions, key=lambda v: v.recency).content_hash

    def newest_versions(self) -> list[ContentVersion]:
        """The newest registered version of every case."""
        newest: dict[str, ContentVersion] = {}
        for v in self._content.scenario_versions():
            held = newest.get(v.content_id)
            if held is None or v.recency > held.recency:
                newest[v.content_id] = v
        return list(newest.values())

    def _interview(self, scenario: Scenario, seed: int) -> Interview:
        return Interview(scenario, _persona(scenario, seed))

    # ------------------------------------------------------------------ attempts
    def start(self, repo: Repository, case: str, seed: int, cohort: str | None) -> Live:
        """Start an attempt of the newest version of ``case`` (the store checks the role)."""
        digest = self.latest_hash(case)
        scenario = self.scenario(digest)
        interview = self._interview(scenario, seed)
        attempt = repo.start_attempt(digest, seed=seed, cohort=cohort)
        live = Live(attempt, interview, threading.Lock())
        self._keep(live)
        return live

    def get(self, repo: Repository, attempt_id: int) -> Live:
        """An attempt the user may read, with its interview (replayed if not in memory)."""
        attempt = repo.attempt(attempt_id)  # the store's role check
        live = self._cached(attempt_id)
        if live is not None:
            return live
        interview = self._interview(self.scenario(attempt.scenario_hash), attempt.seed)
        for turn in repo.turns(attempt_id):
            stored = turn.payload.get(MOVE)
            if not isinstance(stored, dict):
                # A turn stored without its move (an older practice page) cannot be replayed.
                raise Conflict(NOT_REPLAYABLE, attempt=attempt_id)
            interview.step(Move.model_validate(stored))
        live = Live(attempt, interview, threading.Lock())
        with self._lock:
            return self._live.setdefault(attempt_id, live)

    def _cached(self, attempt_id: int) -> Live | None:
        with self._lock:
            live = self._live.get(attempt_id)
            if live is not None:
                self._live.move_to_end(attempt_id)
            return live

    def _keep(self, live: Live) -> None:
        with self._lock:
            self._live[live.attempt.id] = live
            while len(self._live) > CACHE_SIZE:
                self._live.popitem(last=False)

    def _forget(self, attempt_id: int) -> None:
        with self._lock:
            self._live.pop(attempt_id, None)

    def recorded(self, repo: Repository, attempt_id: int) -> Recorded | None:
        """The user's own attempt whose turns were stored without their moves (handed in
        by a practice page that ran the engine itself, before the service), rebuilt from
        the transcript of its latest submission, else of its draft; None with neither."""
        attempt = repo.attempt(attempt_id)
        if attempt.trainee != repo.actor.name:
            raise deny(repo.actor, term("attempt", id=attempt_id))
        mine = [s for s in repo.submissions() if s.attempt_id == attempt_id]
        if mine:
            payload = repo.submission(max(mine, key=lambda s: s.number).id).payload
        else:
            draft = repo.draft(attempt_id)
            if draft is None:
                return None
            payload = draft.payload
        scenario = self.scenario(attempt.scenario_hash)
        record = Transcript.model_validate(payload["transcript"])
        return Recorded(scenario, _persona(scenario, attempt.seed), record)

    def owned(self, repo: Repository, attempt_id: int) -> Live:
        """The user's own attempt with its interview (PermissionDenied for another's)."""
        live = self.get(repo, attempt_id)
        self._own(repo, live)
        return live

    def _own(self, repo: Repository, live: Live) -> None:
        if live.attempt.trainee != repo.actor.name:
            raise deny(repo.actor, term("attempt", id=live.attempt.id))

    # ------------------------------------------------------------------ play
    def turn(self, repo: Repository, attempt_id: int, move: Move) -> tuple[Live, Turn]:
        """Play one move and store it; the stored turn and the interview agree or, when
        the write fails, the interview is dropped and rebuilt from the store next time.

        An interview in memory is played without reading the attempt first: the write
        checks, in its own transaction, that the attempt is the actor's (stricter than the
        read), so a turn costs one transaction, not two."""
        require_role(repo.actor, "append_turns", Role.trainee)
        live = self._cached(attempt_id) or self.get(repo, attempt_id)
        self._own(repo, live)
        with live.lock:
            if live.interview.finished:
                raise Conflict("service.error.session_over", attempt=attempt_id)
            try:
                turn = live.interview.step(move)
            except SessionOver:
                raise Conflict("service.error.session_over", attempt=attempt_id) from None
            try:
                doc = turn.model_dump(mode="json")
                repo.append_turns(attempt_id, [{**doc, MOVE: move.model_dump(mode="json")}])
            except BaseException:
                self._forget(attempt_id)
                raise
        return live, turn

    def read(self, repo: Repository, attempt_id: int, text: str) -> tuple[Live, Classification]:
        """How ``text`` would be understood in this interview; changes nothing."""
        live = self.get(repo, attempt_id)
        self._own(repo, live)
        return live, live.interview.read(text)

    def submission(
        self, repo: Repository, attempt_id: int, body: dict[str, Any], version: int
    ) -> Submission:
        """The submission the service makes of the trainee's forms: the transcript is the
        service's own record of the interview, never one the trainee sends."""
        from simulator.casework.session import trainee_id_for

        try:
            live = self.owned(repo, attempt_id)
        except Conflict as exc:
            # An attempt from before the service: its stored record is the transcript.
            found = self.recorded(repo, attempt_id) if exc.key == NOT_REPLAYABLE else None
            if found is None:
                raise
            attempt, sc, transcript = repo.attempt(attempt_id), found.scenario, found.record
        else:
            attempt, sc = live.attempt, live.interview.scenario
            with live.lock:
                transcript = live.interview.transcript(final=True)
        assessment = _parse(Assessment, body.get("assessment"), "assessment")
        plan = None if body.get("plan") is None else _parse(Plan, body["plan"], "plan")
        return Submission(
            scenario_id=sc.id,
            scenario_version=sc.version,
            region_id=sc.region,
            seed=attempt.seed,
            trainee_id=trainee_id_for(repo.actor.name),
            attempt_id=f"{sc.id[:48]}-s{attempt.seed}",
            version=version,
            transcript=transcript,
            assessment=assessment,
            plan=plan,
            created_at=attempt.started_at,
            submitted_at=max(utc_now(), attempt.started_at),
        )


def _persona(scenario: Scenario, seed: int) -> Persona:
    return generate_persona(scenario, region_of(scenario.region), seed)


def _parse(model: type[M], value: Any, where: str) -> M:
    """``value`` as ``model``; BadRequest naming the first wrong field's path."""
    if not isinstance(value, dict):
        raise BadRequest(where, "service.error.need_object")
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        raise invalid(exc, where) from None


__all__ = ["CACHE_SIZE", "NOT_REPLAYABLE", "Live", "LiveInterviews", "Recorded"]
