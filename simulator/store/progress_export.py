"""Curriculum progress in the exports: a CSV of every trainee x module, and xAPI
statements for each module step (simulator.store.progress).

The xAPI statements follow xAPI 1.0.3 (https://github.com/adlnet/xAPI-Spec, Part Two:
actor, verb, object, result, context, timestamp) with the ADL verbs
(http://adlnet.gov/expapi/verbs/, the ADL vocabulary at
https://registry.tincanapi.com and http://xapi.vocab.pub):

| step | verb | object (activity type, under .../activities/) |
|---|---|---|
| module_started | attempted | the module (module) |
| exercise_done | completed | its exercise (simulation) |
| reflection_written | answered | its reflection prompt (cmi.interaction, long-fill-in) |
| check_passed / _failed | passed / failed | its check (assessment) |
| the module completed | completed | the module |

A reflection's text is its result.response; a check's share right is result.score.scaled,
with result.success.

Each module's activity id is ``urn:nuiawase:course:module:<id>`` (its parts add ``:exercise``,
``:reflection``, ``:check``): stable across exports and versions of the notebooks.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from simulator.clock import iso_utc
from simulator.i18n import t

from .export import ExportMixin, _activity, _actor, _statement
from .progress import CAPSTONE, ModuleProgress, stored_progress
from .schema import Cohort, CohortMember, ModuleEvent, User

ACTIVITY = "http://adlnet.gov/expapi/activities/"
MODULE_IRI = "urn:nuiawase:course:module:"
#: A module's parts: the step that records each, its activity type and verb.
PARTS = {
    "module_started": ("", "module", "attempted"),
    "exercise_done": (":exercise", "simulation", "completed"),
    "reflection_written": (":reflection", "cmi.interaction", "answered"),
    "check_passed": (":check", "assessment", "passed"),
    "check_failed": (":check", "assessment", "failed"),
}
#: The page's word for each part (the catalog's), after the module's title in its name.
PART_WORDS = {
    ":exercise": "module.step.exercise",
    ":reflection": "module.step.reflection",
    ":check": "module.step.check",
}
CSV_COLUMNS = (
    "trainee",
    "display_name",
    "cohort",
    "module",
    "state",
    "started_at",
    "exercise_done_at",
    "reflection_at",
    "check",
    "check_attempts",
    "best_score",
    "check_passed_at",
    "capstone_submitted_at",
    "capstone_approved_at",
)


def module_state(p: ModuleProgress | None) -> str:
    """How far a trainee is in one module, in one word (for the CSV and the cohort view):
    not_started, started, exercise_done, reflection_written, check_passed, submitted,
    approved (the capstone) or completed."""
    if p is None or p.started_at is None:
        return "not_started"
    if p.completed:
        return "completed"
    if p.module == CAPSTONE and p.approved_at is not None:
        return "approved"
    if p.module == CAPSTONE and p.submitted_at is not None:
        return "submitted"
    for state, at in (
        ("check_passed", p.check_passed_at),
        ("reflection_written", p.reflection_at),
        ("exercise_done", p.exercise_done_at),
    ):
        if at is not None:
            return state
    return "started"


def completed_at(p: ModuleProgress) -> dt.datetime | None:
    """When a completed module was completed: its last required step."""
    if not p.completed:
        return None
    steps = [p.reflection_at, p.approved_at if p.module == CAPSTONE else p.check_passed_at]
    if p.module != CAPSTONE:
        steps.append(p.exercise_done_at)
    return max(s for s in steps if s is not None)


def course_modules() -> tuple[str, ...]:
    """The course's module ids in order (simulator.curriculum), for rows of every module."""
    from simulator.curriculum.catalog import COURSE

    return tuple(COURSE)


@cache
def _module_title(module: str) -> str:
    """The shipped module's Japanese title after its id, or the id alone (a module the
    course does not ship, such as a programme's own, or one whose file is broken)."""
    from simulator.curriculum.catalog import module as shipped
    from simulator.scenario.problems import InvalidFile

    try:
        return f"{module} {shipped(module).title.get('ja')}"
    except (KeyError, InvalidFile):  # not shipped, or its file broken: the export goes on
        return module


def _module_activity(module: str, part: str = "", kind: str = "module") -> dict[str, Any]:
    name = _module_title(module)
    if part:
        name = f"{name}: {t(PART_WORDS[part], 'ja')}"
    obj = _activity(f"{MODULE_IRI}{module}{part}", kind, name)
    obj["definition"]["type"] = ACTIVITY + kind
    if kind == "cmi.interaction":
        obj["definition"]["interactionType"] = "long-fill-in"
    return obj


def _cell(when: dt.datetime | None) -> str:
    return "" if when is None else iso_utc(when)


def trainees_in(
    s: Session, cohorts: set[int] | None, trainee_id: int | None = None
) -> list[tuple[User, str]]:
    """Trainees of ``cohorts`` (None: every cohort) with their cohorts' names (joined by
    ';'), by name; only ``trainee_id`` when given."""
    query = (
        select(User, Cohort.name)
        .join(CohortMember, CohortMember.user_id == User.id)
        .join(Cohort, Cohort.id == CohortMember.cohort_id)
        .where(CohortMember.member_role == "trainee")
    )
    if cohorts is not None:
        query = query.where(CohortMember.cohort_id.in_(sorted(cohorts)))
    if trainee_id is not None:
        query = query.where(User.id == trainee_id)
    names: dict[int, list[str]] = defaultdict(list)
    users: dict[int, User] = {}
    for user, cohort in s.execute(query):
        users[user.id] = user
        names[user.id].append(cohort)
    return [
        (users[i], ";".join(sorted(names[i]))) for i in sorted(users, key=lambda i: users[i].name)
    ]


class ProgressExportMixin(ExportMixin):
    """Progress in ``export progress`` (CSV) and in ``export xapi``."""

    def export_progress_csv(self, out: TextIO, trainee: str | None = None) -> int:
        """Write one row per trainee x course module: the module's state and the date of
        each step (ISO 8601 UTC, empty when not done). Returns the number of rows."""

        def work(s: Session) -> list[dict[str, Any]]:
            cohorts, trainee_id = self._scope(s, trainee)
            rows = []
            for user, cohort in trainees_in(s, cohorts, trainee_id):
                done = stored_progress(s, user, cohorts)
                modules = course_modules() + tuple(m for m in done if m not in course_modules())
                for module in modules:
                    p = done.get(module)
                    rows.append(_csv_row(user, cohort, module, p))
            return rows

        rows = self._read(work)
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        return len(rows)

    def _statements(
        self, s: Session, cohorts: set[int] | None, trainee_id: int | None
    ) -> Iterator[dict[str, Any]]:
        """The learning record's statements, then each module step and each module
        completed."""
        yield from super()._statements(s, cohorts, trainee_id)
        for user, _ in trainees_in(s, cohorts, trainee_id):
            actor = _actor(user.name, user.display_name)
            for e in s.scalars(
                select(ModuleEvent).where(ModuleEvent.user_id == user.id).order_by(ModuleEvent.id)
            ):
                yield _event_statement(e, actor)
            for module, p in stored_progress(s, user, cohorts).items():
                when = completed_at(p)
                if when is not None:
                    yield _statement(
                        f"module-completed:{user.id}:{module}",
                        actor,
                        "completed",
                        _module_activity(module),
                        when,
                        result={"completion": True},
                    )


def _csv_row(user: User, cohort: str, module: str, p: ModuleProgress | None) -> dict[str, Any]:
    check = ""
    if p is not None and p.check_attempts:
        check = "passed" if p.check_passed else "failed"
    return {
        "trainee": user.name,
        "display_name": user.display_name or "",
        "cohort": cohort,
        "module": module,
        "state": module_state(p),
        "started_at": _cell(p.started_at if p else None),
        "exercise_done_at": _cell(p.exercise_done_at if p else None),
        "reflection_at": _cell(p.reflection_at if p else None),
        "check": check,
        "check_attempts": p.check_attempts if p else 0,
        "best_score": "" if p is None or p.best_score is None else p.best_score,
        "check_passed_at": _cell(p.check_passed_at if p else None),
        "capstone_submitted_at": _cell(p.submitted_at if p else None),
        "capstone_approved_at": _cell(p.approved_at if p else None),
    }


def _event_statement(e: ModuleEvent, actor: dict[str, Any]) -> dict[str, Any]:
    part, kind, verb = PARTS[e.kind]
    result: dict[str, Any] | None = None
    if e.kind == "reflection_written":
        result = {"response": e.text or "", "completion": True}
    elif e.score is not None:
        result = {"score": {"scaled": e.score}, "success": e.kind == "check_passed"}
    elif e.kind == "exercise_done":
        result = {"completion": True}
    context = {"contextActivities": {"parent": [_module_activity(e.module)]}} if part else None
    return _statement(
        f"module-event:{e.id}",
        actor,
        verb,
        _module_activity(e.module, part, kind),
        e.created_at,
        result=result,
        context=context,
    )


__all__ = [
    "ProgressExportMixin",
    "completed_at",
    "course_modules",
    "module_state",
    "trainees_in",
]
