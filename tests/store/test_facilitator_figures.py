"""The facilitator's live figures for a module (issue 16: common misses from the cohort
view): read through the store's role checks on the demo's course in motion, and counted
by a pure function whose answers are known."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.curriculum.catalog import COURSE, module
from simulator.curriculum.facilitator import figures_of, figures_source, module_figures
from simulator.store import InvalidInput, PermissionDenied, Store
from simulator.store.cohort import CohortRow
from simulator.store.demo import COHORT, seed_demo
from simulator.store.demo_course import CAST, SUPERVISORS
from simulator.store.events import Status
from simulator.store.progress import ModuleEventKind, ModuleProgress

T0 = dt.datetime(2026, 9, 7, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    (folder / "nuiawase.yaml").write_text("user: kenshu\nlocale: ja\n", encoding="utf-8")
    seed_demo(folder)
    return folder


@pytest.fixture
def demo(seeded: Path) -> Iterator[Store]:
    with Store.open(workspace=seeded) as store:
        yield store


def test_the_supervisor_sees_where_the_cohort_is_in_a_module(demo: Store) -> None:
    supervisor = demo.as_user(SUPERVISORS[0][0])
    got = module_figures(supervisor, "05", COHORT)
    # Everyone who reached module 05 (index 5) or beyond has started it.
    reached = [p.name for p in CAST if p.reached >= COURSE.index("05")]
    assert got.trainees == len(CAST) + 1  # and the workspace's own trainee, not started
    assert got.started == len(reached)
    # The same counts as each trainee's own progress, read one by one.
    each = [supervisor.module_progress(p.name).get("05") for p in CAST]
    assert got.check_passed == sum(1 for p in each if p is not None and p.check_passed)
    assert got.reflections == sum(1 for p in each if p is not None and p.reflection)
    assert got.check_not_passed == sum(
        1 for p in each if p is not None and p.check_attempts and not p.check_passed
    )
    assert got.check_not_passed >= 1  # kondo failed 05's check in the demo
    # The module's criteria, each counted over the cohort's latest submissions.
    assert [m.criterion for m in got.misses] != []
    assert {m.criterion for m in got.misses} == set(module("05").facilitator.criteria)
    assert all(0 < m.scored <= got.submissions for m in got.misses)
    shares = [m.share for m in got.misses]
    assert shares == sorted(shares, reverse=True)


def test_a_trainee_step_shows_in_the_figures_at_once(demo: Store) -> None:
    supervisor = demo.as_user(SUPERVISORS[1][0])
    before = module_figures(supervisor, "00")
    newcomer = next(p.name for p in CAST if p.reached == 0)
    demo.as_user(newcomer).record_module_event("00", ModuleEventKind.check_passed, score=1.0)
    after = module_figures(supervisor, "00")
    assert after.check_passed == before.check_passed + 1


def test_trainees_never_read_the_cohort_and_unknown_modules_are_refused(demo: Store) -> None:
    trainee = demo.as_user(CAST[0].name)
    with pytest.raises(PermissionDenied):
        module_figures(trainee, "05")
    assert figures_source(trainee, "05") is None  # a trainee's page has no figures at all
    with pytest.raises(InvalidInput):
        module_figures(demo.as_user(SUPERVISORS[0][0]), "99")
    assert figures_source(demo.as_user(SUPERVISORS[0][0]), "05") is not None


def _row(n: int, trainee: str, current: dict[str, int], number: int = 1) -> CohortRow:
    return CohortRow(
        submission_id=n,
        attempt_id=n if number == 1 else n - 1,
        trainee=trainee,
        cohort="kita",
        scenario_id="dv-higaisha",
        number=number,
        status=Status.submitted,
        total=None,
        automatic=current,
        current=current,
        reviewed=False,
        overridden=frozenset(),
        disclosed=(),
        missed_cues=(),
    )


def test_figures_count_misses_on_latest_versions_only() -> None:
    m = module("05")  # criteria: urgent_needs, safety, team
    progress = {
        "a": ModuleProgress(module="05", started_at=T0, check_passed_at=T0, check_attempts=1),
        "b": ModuleProgress(module="05", started_at=T0, check_attempts=2, reflection="x"),
        "c": None,
    }
    rows = [
        _row(1, "a", {"urgent_needs": 0, "safety": 3}),
        _row(2, "a", {"urgent_needs": 3, "safety": 3}, number=2),  # revises 1: 1 no longer counts
        _row(3, "b", {"urgent_needs": 1, "safety": 1, "team": 2}),
    ]
    got = figures_of(m, "kita", progress, rows, {"safety": "本人を害さない"})
    assert (got.trainees, got.started, got.check_passed, got.check_not_passed) == (3, 2, 1, 1)
    assert got.reflections == 1 and got.submissions == 2
    by = {x.criterion: (x.missed, x.scored) for x in got.misses}
    assert by == {"urgent_needs": (1, 2), "safety": (1, 2), "team": (0, 1)}
    assert got.misses[0].criterion == "urgent_needs"  # ties keep the module's order
    assert got.misses[1].title == "本人を害さない"


def test_the_module_page_shows_a_facilitator_the_figures_and_a_trainee_none(
    demo: Store,
) -> None:
    from simulator.widgets.module_page import ModulePage

    supervisor = demo.as_user(SUPERVISORS[0][0])
    page = ModulePage(
        module("05"), supervisor, figures=figures_source(supervisor, "05"), draft_delay=60
    )
    shown = page.figures_view.value
    got = module_figures(supervisor, "05")
    assert "確認テストに合格した人" in shown and f"<td>{got.check_passed}</td>" in shown
    first = got.misses[0]
    assert first.title.split("（")[0] in shown and f"{first.missed} / {first.scored} 件" in shown
    # The trainee's buttons would record the supervisor's own steps: hidden.
    assert page.start_button.layout.display == "none"
    assert page.check_button.layout.display == "none"
    trainee = demo.as_user(CAST[0].name)
    mine = ModulePage(module("05"), trainee, figures=figures_source(trainee, "05"), draft_delay=60)
    assert mine.figures_view.value == "" and mine.figures is None
    assert mine.check_button.layout.display != "none"
