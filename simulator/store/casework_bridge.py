"""Casework's drafts and submissions kept in the store.

:class:`StoreDraftStore` and :class:`StoreSubmissionStore` implement the ``DraftStore`` and
``SubmissionStore`` protocols of :mod:`simulator.casework` over a Repository acting as the
trainee, so the forms work unchanged while the store stays the one truth (no database and
folder of files drifting apart). The adapter lives here because the store sits above
casework in the dependency order; casework never imports the store.

Casework names an attempt with a string, the case and the seed ("hiseiki-kinkyuu-s12345");
the store numbers attempts. :class:`AttemptMap` finds the trainee's store attempt of that
case and seed, or starts one on the first save, with the interview's turns. The scenario
version must be registered (``nuiawase demo`` registers the case library); the attempt
names exactly the content it was played on, by content hash.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from simulator.casework.context import CaseContext
from simulator.models.region import Region
from simulator.models.rubric import Rubric
from simulator.models.scenario import Scenario
from simulator.models.submission import Draft, Submission
from simulator.rubric.scorecard import Scorecard

from .documents import as_document, content_hash
from .errors import (
    AlreadySubmitted,
    Conflict,
    DraftChanged,
    InvalidInput,
    NotFound,
    ScenarioNotFound,
    StoreError,
    term,
)
from .records import AttemptRecord, SubmissionRecord
from .roles import deny

if TYPE_CHECKING:
    from simulator.casework.drafts import FileDraftStore

    from .repository import Repository

log = logging.getLogger(__name__)

#: casework.session.default_attempt_id: "<scenario id, at most 48 chars>-s<seed>".
ATTEMPT_ID = re.compile(r"^(?P<scenario>[a-z0-9_-]+)-s(?P<seed>\d+)$")
SCENARIO_ID_CUT = 48
#: What an imported draft file is renamed to: kept for a person to read, never loaded again.
IMPORTED_SUFFIX = ".imported"


def scenario_hash(scenario: Scenario) -> str:
    """The content hash ``register_scenario`` gives this scenario."""
    return content_hash(as_document(scenario))


def rubric_hash(rubric: Rubric) -> str:
    """The content hash ``register_rubric`` gives this rubric."""
    return content_hash(as_document(rubric))


class DraftConflict(Conflict):
    """Another tab or device saved the draft after this one loaded it. The session keeps
    its own copy in memory (nothing typed is lost); the form shows this message."""

    def __init__(self, attempt: str, revision: int) -> None:
        super().__init__("store.casework.draft_conflict", attempt=attempt, revision=revision)


class Cases:
    """Scenarios and regions by id: the session's own case first, else the case library."""

    def __init__(self, context: CaseContext | None = None) -> None:
        self.context = context
        self._loaded: dict[str, tuple[Scenario, Region]] = {}
        self._hashes: dict[str, str] = {}

    def case(self, scenario_id: str) -> tuple[Scenario, Region]:
        """The scenario and its region; NotFound when neither the session nor the library
        has it."""
        ctx = self.context
        if (
            ctx is not None
            and isinstance(ctx.scenario, Scenario)
            and ctx.scenario.id == scenario_id
        ):
            return ctx.scenario, ctx.region
        if scenario_id not in self._loaded:
            from simulator.scenario.library import load_case
            from simulator.scenario.problems import InvalidFile

            try:
                self._loaded[scenario_id] = load_case(scenario_id)
            except InvalidFile:
                raise NotFound("store.casework.unknown_case", scenario=scenario_id) from None
        return self._loaded[scenario_id]

    def content_hash(self, scenario_id: str) -> str:
        """The content hash of the scenario as this process knows it."""
        if scenario_id not in self._hashes:
            self._hashes[scenario_id] = scenario_hash(self.case(scenario_id)[0])
        return self._hashes[scenario_id]


class AttemptMap:
    """Casework's attempt ids mapped to the trainee's store attempts (shared by both
    bridges, so a draft and its submissions land on the same attempt)."""

    def __init__(self, repo: Repository, trainee_id: str, cases: Cases) -> None:
        self.repo = repo
        #: The casework id of the repository's user (their name made safe for folders).
        self.trainee_id = trainee_id
        self.cases = cases
        self._found: dict[tuple[str, str], AttemptRecord] = {}
        self._keys: dict[tuple[str, str], tuple[str, int]] = {}
        self._with_turns: set[int] = set()
        self._lock = threading.RLock()

    def store_name(self, trainee_id: str) -> str:
        """The store user a casework trainee id stands for."""
        return self.repo.actor.name if trainee_id == self.trainee_id else trainee_id

    def _key(self, trainee_id: str, attempt_id: str) -> tuple[str, int]:
        """(scenario id, seed) of a casework attempt id."""
        learned = self._keys.get((trainee_id, attempt_id))
        if learned is not None:
            return learned
        ctx = self.cases.context
        if ctx is not None:
            # A session names its attempt as it likes; its case and seed are what count.
            return ctx.scenario.id, ctx.transcript.seed
        match = ATTEMPT_ID.match(attempt_id)
        if match is None:
            raise InvalidInput("store.casework.bad_attempt_id", attempt=attempt_id)
        return match["scenario"], int(match["seed"])

    def find(self, trainee_id: str, attempt_id: str) -> AttemptRecord | None:
        """The store attempt of this casework attempt, or None before its first save.

        Another trainee's attempts are looked up as that trainee's, so the repository's
        role checks refuse them (a trainee reads only their own).
        """
        with self._lock:
            cached = self._found.get((trainee_id, attempt_id))
            if cached is not None:
                return cached
            scenario_id, seed = self._key(trainee_id, attempt_id)
            matches = [
                a
                for a in self.repo.attempts(self.store_name(trainee_id))
                if a.seed == seed
                and (a.scenario_id == scenario_id or a.scenario_id[:SCENARIO_ID_CUT] == scenario_id)
            ]
            if not matches:
                return None
            found = matches[-1]  # attempts come oldest first
            if len(matches) > 1:
                # The case was edited and played again with the same seed: prefer the
                # attempt on the content this process plays, else the latest.
                try:
                    current = self.cases.content_hash(found.scenario_id)
                except StoreError:
                    current = None
                found = next((a for a in reversed(matches) if a.scenario_hash == current), found)
            self._found[(trainee_id, attempt_id)] = found
            return found

    def ensure(self, work: Draft | Submission) -> AttemptRecord:
        """The store attempt of a draft or submission; started (with the interview's turns)
        if there is none yet."""
        if work.trainee_id != self.trainee_id:
            raise deny(
                self.repo.actor,
                term("attempt_of", attempt=work.attempt_id, trainee=work.trainee_id),
            )
        with self._lock:
            self._keys[(work.trainee_id, work.attempt_id)] = (work.scenario_id, work.seed)
            attempt = self.find(work.trainee_id, work.attempt_id)
            if attempt is None:
                digest = self.cases.content_hash(work.scenario_id)
                try:
                    attempt = self.repo.start_attempt(digest, seed=work.seed)
                except ScenarioNotFound:
                    raise NotFound(
                        "store.casework.not_registered", scenario=work.scenario_id
                    ) from None
                self._found[(work.trainee_id, work.attempt_id)] = attempt
            if attempt.id not in self._with_turns:
                # Stored with the attempt: the transcript is its record, which reviews cite.
                # The practice page stores turns as they are played (store/resume.py); what
                # is missing (a crash between two turns, an attempt started here) is added.
                stored = len(self.repo.turns(attempt.id))
                missing = work.transcript.turns[stored:]
                if missing:
                    self.repo.append_turns(attempt.id, missing)
                self._with_turns.add(attempt.id)
            return attempt


class StoreDraftStore:
    """Drafts in the store, saved with the revision last seen (a ``DraftStore``)."""

    def __init__(self, attempts: AttemptMap) -> None:
        self.attempts = attempts
        self._revisions: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    def load(self, trainee_id: str, attempt_id: str) -> Draft | None:
        """The saved draft, or None when there is none."""
        attempt = self.attempts.find(trainee_id, attempt_id)
        if attempt is None:
            return None
        record = self.attempts.repo.draft(attempt.id)
        if record is None:
            return None
        with self._lock:
            self._revisions[(trainee_id, attempt_id)] = record.revision
        try:
            return Draft.model_validate_json(json.dumps(record.payload))
        except ValidationError as exc:
            raise InvalidInput(
                "store.casework.draft_unreadable",
                attempt=attempt_id,
                error=str(exc).splitlines()[0],
            ) from None

    def save(self, draft: Draft) -> None:
        """Save over the revision this store last read or wrote; DraftConflict if another
        tab saved in between (this draft is then not written)."""
        attempt = self.attempts.ensure(draft)
        key = (draft.trainee_id, draft.attempt_id)
        with self._lock:
            expected = self._revisions.get(key, 0)
        try:
            record = self.attempts.repo.save_draft(attempt.id, draft, expected_revision=expected)
        except DraftChanged as exc:
            raise DraftConflict(draft.attempt_id, exc.revision) from None
        with self._lock:
            self._revisions[key] = record.revision

    def import_files(self, files: FileDraftStore, trainee_id: str) -> list[str]:
        """Move this trainee's draft files into the store, once; returns the attempt ids.

        An imported file is renamed ``<attempt>.json.imported``: nothing reads it again
        (the store is the truth from now on), and the bytes stay for a person to check.
        Renaming rather than leaving it also keeps the file store from finding a stale
        draft should the store be switched off. A draft whose attempt already has a draft
        in the store loses to the store's. A file that cannot be imported now (broken, or
        its case not registered) stays as it is and is tried again next time.
        """
        folder = files.root / trainee_id
        moved: list[str] = []
        if not folder.is_dir():
            return moved
        for path in sorted(folder.glob("*.json")):
            try:
                draft = Draft.model_validate_json(path.read_bytes())
                self._import(draft)
            except (OSError, ValidationError, StoreError) as exc:
                log.warning("draft %s not moved into the store: %s", path, exc)
                continue
            os.replace(path, path.with_name(path.name + IMPORTED_SUFFIX))
            moved.append(draft.attempt_id)
        return moved

    def _import(self, draft: Draft) -> None:
        attempt = self.attempts.ensure(draft)
        repo = self.attempts.repo
        if repo.draft(attempt.id) is not None:
            return  # the store already has this attempt's draft: it is the truth
        try:
            repo.save_draft(attempt.id, draft, expected_revision=0)
        except DraftChanged:
            pass  # another session saved first, a moment ago: its draft stands


class StoreSubmissionStore:
    """Submissions in the store (a ``SubmissionStore``).

    A frozen version goes in as it is; the store scores it on receipt, and it waits in
    the supervisor's review queue. Its idempotency key (trainee, attempt, version) makes a
    double click or a retried request one submission, not two.
    """

    def __init__(self, attempts: AttemptMap) -> None:
        self.attempts = attempts

    def _records(self, trainee_id: str, attempt_id: str) -> dict[int, SubmissionRecord]:
        """Version number -> stored submission, for one casework attempt."""
        attempt = self.attempts.find(trainee_id, attempt_id)
        if attempt is None:
            return {}
        subs = self.attempts.repo.submissions(self.attempts.store_name(trainee_id))
        return {s.number: s for s in subs if s.attempt_id == attempt.id}

    def versions(self, trainee_id: str, attempt_id: str) -> list[int]:
        """Submitted version numbers of an attempt, ascending."""
        return sorted(self._records(trainee_id, attempt_id))

    def freeze(self, submission: Submission) -> Path | None:
        """Submit; the store scores it on receipt (never this kernel). None, since no file
        is written (the store keeps it, and the printable page is made from its copy)."""
        attempt = self.attempts.ensure(submission)
        repo = self.attempts.repo
        key = f"casework/{repo.actor.name}/{attempt.id}/v{submission.version:03d}"
        try:
            repo.submit(attempt.id, submission, idempotency_key=key)
        except AlreadySubmitted:
            raise Conflict("store.casework.already_submitted", version=submission.version) from None
        return None

    def scorecard(self, trainee_id: str, attempt_id: str, version: int) -> Scorecard | None:
        """What the trainee may see of the store's scorecard of one version now."""
        record = self._records(trainee_id, attempt_id).get(version)
        if record is None:
            return None
        view = self.attempts.repo.feedback(record.id).scorecard
        return None if view is None else Scorecard.model_validate(view)

    def load(self, trainee_id: str, attempt_id: str, version: int) -> Submission:
        """One stored version; NotFound if there is no such version."""
        record = self._records(trainee_id, attempt_id).get(version)
        if record is None:
            raise NotFound("store.notfound.submission", id=f"{attempt_id} v{version}")
        return Submission.model_validate_json(json.dumps(record.payload))


def store_work(
    repo: Repository, trainee_id: str, context: CaseContext | None = None
) -> tuple[StoreDraftStore, StoreSubmissionStore]:
    """Both bridges for one trainee, sharing one attempt map."""
    attempts = AttemptMap(repo, trainee_id, Cases(context))
    return StoreDraftStore(attempts), StoreSubmissionStore(attempts)


__all__ = [
    "AttemptMap",
    "Cases",
    "DraftConflict",
    "StoreDraftStore",
    "StoreSubmissionStore",
    "rubric_hash",
    "scenario_hash",
    "store_work",
]
