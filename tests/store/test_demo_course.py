"""The demo's course in motion: twelve trainees at their points of the course, two
supervisors, work reviewed, returned and resubmitted; the same record every seeding; and
the exports of that record (progress CSV, xAPI statements an LRS accepts)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from simulator.curriculum.catalog import COURSE
from simulator.store import Store
from simulator.store.demo import seed_demo
from simulator.store.demo_course import CAST, SUPERVISORS, supervisor_of
from simulator.store.progress_export import module_state

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "data" / "xapi_statement.schema.json").read_text("utf-8")
)
#: A module's state in the progress CSV, by where the trainee stands in it.
MODULE_STATE = {
    "started": "started",
    "exercise": "exercise_done",
    "reflection": "reflection_written",
    "check_failed": "reflection_written",
}
#: The capstone's state in the progress CSV, by where its review stands.
CAPSTONE_STATE = {
    "submitted": "submitted",
    "in_review": "submitted",
    "returned": "submitted",
    "approved": "approved",
    "released": "completed",
}


def _seeded(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nuiawase.yaml").write_text("user: kenshu\nlocale: ja\n", encoding="utf-8")
    seed_demo(folder)
    return folder


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _seeded(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def demo(seeded: Path) -> Iterator[Store]:
    with Store.open(workspace=seeded) as store:
        yield store


def _exports(store: Store) -> tuple[str, str]:
    boss = store.as_user(SUPERVISORS[0][0])
    table, statements = io.StringIO(), io.StringIO()
    boss.export_progress_csv(table)
    boss.export_xapi(statements, array=True)
    return table.getvalue(), statements.getvalue()


def test_each_trainee_stands_where_the_script_puts_them(demo: Store) -> None:
    op = demo.as_operator()
    (cohort,) = op.cohorts()
    assert set(cohort.supervisors) == {name for name, _ in SUPERVISORS}
    assert {p.name for p in CAST} < set(cohort.trainees)
    assert len(CAST) == 12
    for index, person in enumerate(CAST):
        done = demo.as_user(supervisor_of(index)).module_progress(person.name)
        if person.reached < len(COURSE) - 1:
            current = COURSE[person.reached]
            assert [m for m in COURSE if done.get(m) and done[m].completed] == list(
                COURSE[: person.reached]
            ), person.name
            state = module_state(done[current])
            assert state == MODULE_STATE[person.where], person
            if person.where == "check_failed":
                assert done[current].check_attempts == 1 and not done[current].check_passed
            continue
        assert all(done[m].completed for m in COURSE[:-1]), person.name
        assert module_state(done["capstone"]) == CAPSTONE_STATE[person.where], person
        # The capstone's latest version stands where its review does.
        last = max(
            (s for s in op.submissions(person.name) if s.scenario_id == "single-mother-taino"),
            key=lambda s: s.submitted_at,
        )
        assert last.status.value == person.where, person
        if person.where == "approved":
            assert last.number == 2  # returned with comments, reworked and handed in again
    # Both supervisors reviewed, and left comments on returned work.
    reviewers = {s.reviewer for p in CAST for s in op.submissions(p.name) if s.reviewer}
    assert reviewers == {name for name, _ in SUPERVISORS}
    inoue = op.submissions("inoue")
    returned = [s for s in inoue if s.status.value == "returned"]
    assert returned and all(
        any(e.kind == "comment" and e.text for e in op.review_events(s.id)) for s in returned
    )
    # Work of varied quality: the totals of the practice work spread widely.
    totals = [s.total_score for p in CAST for s in op.submissions(p.name) if s.total_score]
    assert max(totals) - min(totals) > 30


def test_seeding_twice_or_afresh_gives_the_same_record(
    seeded: Path, demo: Store, tmp_path: Path
) -> None:
    first = _exports(demo)
    assert seed_demo(seeded).submissions == 0
    assert _exports(demo) == first
    with Store.open(workspace=_seeded(tmp_path / "again")) as again:
        assert _exports(again) == first


def test_the_progress_csv_has_a_row_per_trainee_and_module(demo: Store) -> None:
    table, _ = _exports(demo)
    rows = list(csv.DictReader(io.StringIO(table)))
    trainees = {p.name for p in CAST} | {"kenshu"}
    assert len(rows) == len(trainees) * len(COURSE)
    by = {(r["trainee"], r["module"]): r for r in rows}
    assert by[("aoki", "capstone")]["state"] == "completed"
    assert by[("aoki", "capstone")]["capstone_approved_at"].endswith("Z")
    assert by[("suzuki", "00")]["state"] == "started" and by[("suzuki", "01")]["state"] == (
        "not_started"
    )
    assert by[("kondo", "05")]["check"] == "failed"
    assert by[("kenshu", "00")]["started_at"] == ""


def test_the_xapi_statements_are_what_an_lrs_accepts(demo: Store) -> None:
    _, text = _exports(demo)
    statements: list[dict[str, Any]] = json.loads(text)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for statement in statements:
        validator.validate(statement)
    assert len({s["id"] for s in statements}) == len(statements)
    verbs = {s["verb"]["id"].rsplit("/", 1)[-1] for s in statements}
    assert {"attempted", "completed", "answered", "passed", "failed", "submit"} <= verbs
    module_03 = [s for s in statements if s["object"]["id"] == "urn:nuiawase:course:module:03"]
    assert {s["verb"]["id"] for s in module_03} == {
        "http://adlnet.gov/expapi/verbs/attempted",
        "http://adlnet.gov/expapi/verbs/completed",
    }
    reflection = next(s for s in statements if s["object"]["id"].endswith(":reflection"))
    assert reflection["result"]["response"] and reflection["context"]["contextActivities"]


@pytest.mark.parametrize(
    "broken",
    [
        lambda s: s["actor"].pop("account"),  # no identifier
        lambda s: s["actor"].update(mbox="mailto:a@example.org"),  # two identifiers
        lambda s: s["verb"].update(id="attempted"),  # not an IRI
        lambda s: s["object"].update(id="module 03"),
        lambda s: s.update(timestamp="4 Dec 2026"),
        lambda s: s["actor"]["account"].update(homePage="urn:nuiawase:users"),  # not an IRL
    ],
)
def test_the_schema_refuses_what_an_lrs_refuses(demo: Store, broken: Any) -> None:
    _, text = _exports(demo)
    statement = json.loads(text)[0]
    broken(statement)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(statement, SCHEMA)


def test_the_cohort_view_shows_the_course_in_motion(demo: Store) -> None:
    course = {c.trainee: c for c in demo.as_user(SUPERVISORS[1][0]).cohort_course()}
    assert set(course) == {p.name for p in CAST} | {"kenshu"}
    for person in CAST:
        row = course[person.name]
        finished = person.where == "released"
        assert row.done == (len(COURSE) if finished else min(person.reached, len(COURSE) - 1))
        assert row.current == (None if finished else COURSE[person.reached])
        if person.reached == len(COURSE) - 1:
            assert row.capstone == CAPSTONE_STATE[person.where]
        else:
            assert row.capstone == "not_started"
    assert (course["kenshu"].done, course["kenshu"].current) == (0, "00")
