"""Batch import of submissions (from another store, a laptop cohort, an older system).

Each record carries an idempotency key. Records are written in transactions of
``batch_size``: a crash loses at most the batch in flight, never half a submission, and
running the same import again stores what is missing and skips what is there.

A record (one JSON object per line in a file)::

    {"key": "laptop-3/17", "trainee": "hanako", "cohort": "2026-spring",
     "scenario_hash": "<sha256 of a stored scenario version>", "seed": 17,
     "submitted_at": "2026-11-27T09:00:00+09:00", "payload": {...}}

The payload is a submission of that scenario and seed; the store scores it as it does a
trainee's submit. Scorecards or totals in a record (older exports had them) are ignored:
one place scores, and a file cannot bring in a score the rubric would not give.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from simulator.clock import utc_now

from .base import RepositoryBase
from .documents import as_document
from .errors import InvalidInput, StoreError
from .keys import caller_key, candidates, checked_key, stored_key
from .records import ImportResult
from .roles import Role, require_role
from .schema import Attempt, CohortMember, ScenarioVersion, Submission
from .scoring import Scored, default_scorer
from .work import new_scorecard, new_submission, rubric_version_id

DEFAULT_BATCH = 50


@dataclass(frozen=True)
class ImportItem:
    """One checked import record."""

    line: int
    key: str
    trainee: str
    cohort: str | None
    scenario_hash: str
    seed: int
    submitted_at: dt.datetime
    payload: dict[str, Any]


def parse_record(line: int, record: Mapping[str, Any]) -> ImportItem:
    """Check one record's fields; InvalidInput names the line and the field."""

    def bad(field: str) -> InvalidInput:
        return InvalidInput("store.error.import_field", line=line, field=field)

    def text(field: str, required: bool = True) -> str | None:
        value = record.get(field)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise bad(field)
        return value

    seed = record.get("seed")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise bad("seed")
    stamp = record.get("submitted_at")
    try:
        when = dt.datetime.fromisoformat(stamp) if isinstance(stamp, str) else utc_now()
    except ValueError:
        raise bad("submitted_at") from None
    if when.tzinfo is None:
        raise bad("submitted_at")
    try:
        payload = as_document(record.get("payload"), "payload")  # type: ignore[arg-type]
    except StoreError:
        raise bad("payload") from None
    key, trainee, scenario = text("key"), text("trainee"), text("scenario_hash")
    assert key is not None and trainee is not None and scenario is not None
    try:
        checked_key(key)
    except StoreError:
        raise bad("key") from None
    return ImportItem(
        line=line,
        key=key,
        trainee=trainee,
        cohort=text("cohort", required=False),
        scenario_hash=scenario,
        seed=seed,
        submitted_at=when,
        payload=payload,
    )


class TransferMixin(RepositoryBase):
    """Admins import submissions in idempotent batches."""

    def import_submissions(
        self,
        records: Iterable[Mapping[str, Any]],
        batch_size: int = DEFAULT_BATCH,
        on_batch: Callable[[ImportResult], None] | None = None,
    ) -> ImportResult:
        """Store records (see the module docstring) in transactions of ``batch_size``.

        ``on_batch`` hears the running totals after each committed batch.
        """
        require_role(self.actor, "import", Role.admin)
        if batch_size < 1:
            raise InvalidInput("store.error.bad_limit", limit=batch_size, max="-")
        stored = skipped = 0
        batch: list[ImportItem] = []

        def flush() -> None:
            nonlocal stored, skipped
            added, seen = self._write(lambda s: self._import_batch(s, batch))
            stored, skipped = stored + added, skipped + seen
            batch.clear()
            if on_batch is not None:
                on_batch(ImportResult(stored, skipped))

        for line, record in enumerate(records, start=1):
            if not isinstance(record, Mapping):
                raise InvalidInput("store.error.import_field", line=line, field="(record)")
            batch.append(parse_record(line, record))
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        return ImportResult(stored, skipped)

    def _import_batch(self, s: Session, items: list[ImportItem]) -> tuple[int, int]:
        """Write one batch; rows go in with a few multi-row INSERTs, not one per record."""
        users: dict[str, int] = {}
        for item in items:
            if item.trainee not in users:
                user = self._user(s, item.trainee)
                if user.role != Role.trainee:
                    raise InvalidInput("store.error.import_field", line=item.line, field="trainee")
                users[item.trainee] = user.id
        # A key is its trainee's (keys.py): the same key of two trainees is two records.
        stored = [k for i in items for k in candidates(users[i.trainee], i.key)]
        present = {
            (trainee_id, caller_key(trainee_id, key))
            for trainee_id, key in s.execute(
                select(Submission.trainee_id, Submission.idempotency_key).where(
                    Submission.idempotency_key.in_(stored)
                )
            )
        }
        fresh: list[ImportItem] = []
        for item in items:
            if (users[item.trainee], item.key) not in present:
                present.add((users[item.trainee], item.key))
                fresh.append(item)
        cohorts: dict[str, int] = {}
        versions: dict[str, ScenarioVersion] = {}
        rubrics: dict[str, int | None] = {}
        scores: list[Scored] = []
        scorer = default_scorer()
        attempts: list[Attempt] = []
        for item in fresh:
            trainee_id = users[item.trainee]
            cohort_id = None
            if item.cohort is not None:
                if item.cohort not in cohorts:
                    cohorts[item.cohort] = self._cohort(s, item.cohort).id
                cohort_id = cohorts[item.cohort]
                if s.get(CohortMember, (cohort_id, trainee_id)) is None:
                    raise InvalidInput("store.error.import_field", line=item.line, field="cohort")
            if item.scenario_hash not in versions:
                versions[item.scenario_hash] = self._scenario(s, item.scenario_hash)
            version = versions[item.scenario_hash]
            try:
                scored = scorer.score(
                    version.content_hash, version.document, item.payload, item.seed
                )
            except InvalidInput as exc:
                raise InvalidInput(
                    "store.error.import_unscorable", line=item.line, error=exc.message()
                ) from None
            if scored.rubric_hash not in rubrics:
                rubrics[scored.rubric_hash] = rubric_version_id(s, scored.rubric_hash)
            scores.append(scored)
            attempts.append(
                Attempt(
                    trainee_id=trainee_id,
                    cohort_id=cohort_id,
                    scenario_version_id=version.id,
                    seed=item.seed,
                    started_at=item.submitted_at,
                )
            )
        s.add_all(attempts)
        s.flush()
        subs = [
            new_submission(
                attempt,
                versions[item.scenario_hash].scenario_id,
                item.payload,
                scored,
                number=1,  # each imported record is its own attempt
                idempotency_key=stored_key(users[item.trainee], item.key),
                submitted_at=item.submitted_at,
            )
            for item, attempt, scored in zip(fresh, attempts, scores, strict=True)
        ]
        s.add_all(subs)
        s.flush()
        s.add_all(
            new_scorecard(sub, scored, rubrics[scored.rubric_hash])
            for sub, scored in zip(subs, scores, strict=True)
        )
        return len(fresh), len(items) - len(fresh)
