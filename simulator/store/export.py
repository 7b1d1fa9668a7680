"""Exports: grades as CSV for spreadsheets, and the whole learning record as xAPI-style
statements (JSON Lines) for a learning record store.

Both go through the same scope as the rest of the repository: an admin exports everyone,
a supervisor the cohorts they supervise. Statement ids are derived from the store's ids,
so exporting twice gives the same statements and an LRS can drop the duplicates.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, TextIO

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session, aliased

from simulator.clock import iso_utc

from .base import RepositoryBase, stored_status
from .documents import scorecard_levels
from .errors import term
from .events import current_levels
from .roles import Role, deny, require_role
from .schema import (
    Attempt,
    Cohort,
    CohortMember,
    Progress,
    ReviewEvent,
    ScenarioVersion,
    Scorecard,
    Submission,
    TranscriptTurn,
    User,
)

EXPORTERS = (Role.supervisor, Role.admin)
CHUNK = 1000

#: Where user accounts live, for xAPI actors. The spec wants an IRL (a URL) for an
#: account's homePage, and LRSs check it; .invalid (RFC 2606) is a syntactically valid URL
#: that names no real system.
ACCOUNT_HOME = "https://nuiawase.invalid/users"
_NAMESPACE = uuid.UUID("5b0c3f5e-8f3a-4d0e-9a57-6e7569617761")

ADL = "http://adlnet.gov/expapi/verbs/"
AS = "http://activitystrea.ms/schema/1.0/"
VERBS: dict[str, tuple[str, str]] = {
    "attempted": (ADL + "attempted", "attempted"),
    "answered": (ADL + "answered", "answered"),
    "passed": (ADL + "passed", "passed"),
    "failed": (ADL + "failed", "failed"),
    "interacted": (ADL + "interacted", "interacted"),
    "submitted": (AS + "submit", "submitted"),
    "in_review": ("urn:nuiawase:verb:started-review", "started review of"),
    "returned": ("urn:nuiawase:verb:returned", "returned"),
    "approved": (AS + "approve", "approved"),
    "released": ("urn:nuiawase:verb:released-feedback", "released feedback on"),
    "overrode": ("urn:nuiawase:verb:overrode-level", "overrode a level of"),
    "commented": (ADL + "commented", "commented on"),
    "started": (ADL + "progressed", "progressed in"),
    "completed": (ADL + "completed", "completed"),
}

CSV_FIXED = (
    "submission_id",
    "trainee",
    "display_name",
    "cohort",
    "scenario_id",
    "scenario_version",
    "scenario_hash",
    "attempt_id",
    "submission_number",
    "seed",
    "status",
    "submitted_at",
    "total_score",
    "reviewer",
    "overrides",
)


def _verb(name: str) -> dict[str, Any]:
    iri, display = VERBS[name]
    return {"id": iri, "display": {"en-US": display}}


def _actor(name: str, display: str | None) -> dict[str, Any]:
    return {
        "objectType": "Agent",
        "name": display or name,
        "account": {"homePage": ACCOUNT_HOME, "name": name},
    }


def _activity(iri: str, kind: str, name: str | None = None) -> dict[str, Any]:
    definition: dict[str, Any] = {"type": f"urn:nuiawase:activity-type:{kind}"}
    if name:
        definition["name"] = {"ja-JP": name}
    return {"objectType": "Activity", "id": iri, "definition": definition}


def _statement(
    key: str,
    actor: dict[str, Any],
    verb: str,
    obj: dict[str, Any],
    when: dt.datetime,
    result: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "id": str(uuid.uuid5(_NAMESPACE, key)),
        "actor": actor,
        "verb": _verb(verb),
        "object": obj,
        "timestamp": iso_utc(when),
    }
    if result:
        statement["result"] = result
    if context:
        statement["context"] = context
    return statement


class ExportMixin(RepositoryBase):
    """CSV and xAPI exports for admins and supervisors."""

    def _scope(self, s: Session, trainee: str | None) -> tuple[set[int] | None, int | None]:
        """(cohort ids the actor may export, or None for all; the one trainee's id)."""
        require_role(self.actor, "export", *EXPORTERS)
        cohorts = self._supervised(s) if self.actor.role == Role.supervisor else None
        trainee_id = None
        if trainee is not None:
            user = self._user(s, trainee)
            trainee_id = user.id
            if cohorts is not None:
                theirs = set(
                    s.scalars(select(CohortMember.cohort_id).where(CohortMember.user_id == user.id))
                )
                if not theirs & cohorts:
                    raise deny(self.actor, term("records_of", name=trainee))
        return cohorts, trainee_id

    @staticmethod
    def _where(
        cohort_col: Any, trainee_col: Any, cohorts: set[int] | None, trainee_id: int | None
    ) -> ColumnElement[bool]:
        clause: ColumnElement[bool] = true()
        if cohorts is not None:
            clause = clause & cohort_col.in_(sorted(cohorts))
        if trainee_id is not None:
            clause = clause & (trainee_col == trainee_id)
        return clause

    # --- CSV ----------------------------------------------------------------------------
    def export_csv(self, out: TextIO, trainee: str | None = None) -> int:
        """Write one row per submission: status, total score and the current level of
        every criterion (after overrides). Returns the number of rows."""

        def work(s: Session) -> list[dict[str, Any]]:
            cohorts, trainee_id = self._scope(s, trainee)
            student, reviewer = aliased(User), aliased(User)
            query = (
                select(
                    Submission,
                    student.name,
                    student.display_name,
                    Cohort.name,
                    ScenarioVersion.version,
                    ScenarioVersion.content_hash,
                    Attempt.seed,
                    reviewer.name,
                )
                .join(student, student.id == Submission.trainee_id)
                .join(Attempt, Attempt.id == Submission.attempt_id)
                .join(ScenarioVersion, ScenarioVersion.id == Submission.scenario_version_id)
                .outerjoin(Cohort, Cohort.id == Submission.cohort_id)
                .outerjoin(reviewer, reviewer.id == Submission.reviewer_id)
                .where(
                    self._where(Submission.cohort_id, Submission.trainee_id, cohorts, trainee_id)
                )
                .order_by(Submission.id)
            )
            rows: list[dict[str, Any]] = []
            result = s.execute(query.execution_options(yield_per=CHUNK))
            for chunk in result.partitions():
                ids = [r[0].id for r in chunk]
                cards: dict[int, dict[str, Any]] = dict(
                    s.execute(
                        select(Scorecard.submission_id, Scorecard.payload).where(
                            Scorecard.submission_id.in_(ids)
                        )
                    ).all()
                )
                overrides: dict[int, list[ReviewEvent]] = defaultdict(list)
                for e in s.scalars(
                    select(ReviewEvent)
                    .where(ReviewEvent.submission_id.in_(ids), ReviewEvent.kind == "override")
                    .order_by(ReviewEvent.id)
                ):
                    overrides[e.submission_id].append(e)
                for sub, name, display, cohort, version, digest, seed, rev in chunk:
                    levels = current_levels(scorecard_levels(cards.get(sub.id)), overrides[sub.id])
                    row: dict[str, Any] = {
                        "submission_id": sub.id,
                        "trainee": name,
                        "display_name": display or "",
                        "cohort": cohort or "",
                        "scenario_id": sub.scenario_id,
                        "scenario_version": version,
                        "scenario_hash": digest,
                        "attempt_id": sub.attempt_id,
                        "submission_number": sub.number,
                        "seed": seed,
                        "status": stored_status(sub).value,
                        "submitted_at": iso_utc(sub.submitted_at),
                        "total_score": "" if sub.total_score is None else sub.total_score,
                        "reviewer": rev or "",
                        "overrides": len(overrides[sub.id]),
                    }
                    row.update({f"level.{k}": v for k, v in levels.items()})
                    rows.append(row)
            return rows

        rows = self._read(work)
        criteria = sorted({k for r in rows for k in r if k.startswith("level.")})
        writer = csv.DictWriter(out, fieldnames=[*CSV_FIXED, *criteria], restval="")
        writer.writeheader()
        writer.writerows(rows)
        return len(rows)

    # --- xAPI ---------------------------------------------------------------------------
    def export_xapi(self, out: TextIO, trainee: str | None = None, array: bool = False) -> int:
        """Write the learning record as xAPI statements, one JSON object per line (or,
        with ``array``, one JSON array: the body an LRS's POST /statements takes):
        attempts, transcript turns, submissions (with scores), review events and
        curriculum progress. Returns the number of statements."""

        def work(s: Session) -> int:
            cohorts, trainee_id = self._scope(s, trainee)
            count = 0
            for statement in self._statements(s, cohorts, trainee_id):
                text = json.dumps(statement, ensure_ascii=False, sort_keys=True)
                if array:
                    text = ("[" if count == 0 else ",") + "\n" + text
                out.write(text if array else text + "\n")
                count += 1
            if array:
                out.write("[]\n" if count == 0 else "\n]\n")
            return count

        return self._read(work)

    def _statements(
        self, s: Session, cohorts: set[int] | None, trainee_id: int | None
    ) -> Iterator[dict[str, Any]]:
        people = {u.id: _actor(u.name, u.display_name) for u in s.scalars(select(User))}
        scenarios = {
            v.id: (v.scenario_id, v.content_hash, _scenario_title(v.document))
            for v in s.scalars(select(ScenarioVersion))
        }

        def scenario_activity(version_id: int) -> dict[str, Any]:
            sid, digest, title = scenarios[version_id]
            return _activity(f"urn:nuiawase:scenario:{sid}:{digest}", "scenario", title)

        def submission_activity(sub_id: int) -> dict[str, Any]:
            return _activity(f"urn:nuiawase:submission:{sub_id}", "submission")

        attempts = s.scalars(
            select(Attempt)
            .where(self._where(Attempt.cohort_id, Attempt.trainee_id, cohorts, trainee_id))
            .order_by(Attempt.id)
            .execution_options(yield_per=CHUNK)
        )
        for a in attempts:
            yield _statement(
                f"attempt:{a.id}",
                people[a.trainee_id],
                "attempted",
                scenario_activity(a.scenario_version_id),
                a.started_at,
                context={"extensions": {"urn:nuiawase:attempt": a.id, "urn:nuiawase:seed": a.seed}},
            )
        turns = s.execute(
            select(TranscriptTurn, Attempt.trainee_id)
            .join(Attempt, Attempt.id == TranscriptTurn.attempt_id)
            .where(self._where(Attempt.cohort_id, Attempt.trainee_id, cohorts, trainee_id))
            .order_by(TranscriptTurn.attempt_id, TranscriptTurn.position)
            .execution_options(yield_per=CHUNK)
        )
        for turn, owner in turns:
            yield _statement(
                f"turn:{turn.attempt_id}:{turn.position}",
                people[owner],
                "interacted",
                _activity(f"urn:nuiawase:attempt:{turn.attempt_id}", "interview"),
                turn.created_at,
                result={"extensions": {"urn:nuiawase:turn": turn.payload}},
            )
        subs = s.execute(
            select(Submission, Scorecard.payload)
            .outerjoin(Scorecard, Scorecard.submission_id == Submission.id)
            .where(self._where(Submission.cohort_id, Submission.trainee_id, cohorts, trainee_id))
            .order_by(Submission.id)
            .execution_options(yield_per=CHUNK)
        )
        for sub, card in subs:
            result: dict[str, Any] = {
                "completion": True,
                "extensions": {"urn:nuiawase:levels": scorecard_levels(card)},
            }
            if sub.total_score is not None:
                result["score"] = {"raw": sub.total_score}
            yield _statement(
                f"submission:{sub.id}",
                people[sub.trainee_id],
                "submitted",
                submission_activity(sub.id),
                sub.submitted_at,
                result=result,
                context={
                    "contextActivities": {"parent": [scenario_activity(sub.scenario_version_id)]},
                    "extensions": {"urn:nuiawase:attempt": sub.attempt_id},
                },
            )
        events = s.scalars(
            select(ReviewEvent)
            .join(Submission, Submission.id == ReviewEvent.submission_id)
            .where(self._where(Submission.cohort_id, Submission.trainee_id, cohorts, trainee_id))
            .order_by(ReviewEvent.id)
            .execution_options(yield_per=CHUNK)
        )
        for e in events:
            yield _event_statement(e, people[e.actor_id], submission_activity(e.submission_id))
        progress = s.scalars(
            select(Progress)
            .where(self._progress_scope(cohorts, trainee_id))
            .order_by(Progress.user_id, Progress.module)
        )
        for p in progress:
            yield _statement(
                f"progress:{p.user_id}:{p.module}:{p.status}",
                people[p.user_id],
                "completed" if p.status == "completed" else "started",
                _activity(f"urn:nuiawase:module:{p.module}", "module", p.module),
                p.updated_at,
            )

    @staticmethod
    def _progress_scope(cohorts: set[int] | None, trainee_id: int | None) -> ColumnElement[bool]:
        clause: ColumnElement[bool] = true()
        if cohorts is not None:
            members = select(CohortMember.user_id).where(
                CohortMember.cohort_id.in_(sorted(cohorts)), CohortMember.member_role == "trainee"
            )
            clause = clause & Progress.user_id.in_(members)
        if trainee_id is not None:
            clause = clause & (Progress.user_id == trainee_id)
        return clause


def _scenario_title(document: dict[str, Any]) -> str | None:
    title = document.get("title")
    if isinstance(title, dict) and isinstance(title.get("ja"), str):
        return str(title["ja"])
    return title if isinstance(title, str) else None


def _event_statement(e: ReviewEvent, actor: dict[str, Any], obj: dict[str, Any]) -> dict[str, Any]:
    key = f"event:{e.id}"
    if e.kind == "override":
        result = {
            "response": e.text,
            "extensions": {
                "urn:nuiawase:criterion": e.criterion,
                "urn:nuiawase:old-level": e.old_level,
                "urn:nuiawase:new-level": e.new_level,
            },
        }
        return _statement(key, actor, "overrode", obj, e.created_at, result=result)
    if e.kind == "comment":
        result = {"response": e.text}
        if e.criterion:
            result["extensions"] = {"urn:nuiawase:criterion": e.criterion}
        return _statement(key, actor, "commented", obj, e.created_at, result=result)
    verb = e.new_status if e.new_status in VERBS else "in_review"
    note = {"response": e.text} if e.text else None
    return _statement(key, actor, str(verb), obj, e.created_at, result=note)
