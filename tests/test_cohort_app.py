"""The cohort view: figures from the stored work, agreement from stored overrides."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.rubric.agreement import quadratic_weighted_kappa
from simulator.store import PermissionDenied, Store
from simulator.store.cohort_stats import cohort_stats
from simulator.widgets.cohort_app import CohortApp

from .store.cast import Cast, expected_card, seed_cast, submit_exemplar


@pytest.fixture
def cast(tmp_path: Path) -> Iterator[Cast]:
    with Store.open(f"sqlite:///{tmp_path / 'store.sqlite3'}", upgrade=True) as store:
        yield seed_cast(store)


def _reviewed(cast: Cast, who: str, level: str, grounding: int | None) -> int:
    sid = submit_exemplar(cast, who, "hiseiki-kinkyuu", level).id
    cast.sato.start_review(sid)
    if grounding is not None:
        cast.sato.override_level(sid, "grounding", grounding, "見直し")
    cast.sato.approve(sid)
    return sid


def test_agreement_comes_from_the_stored_overrides(cast: Cast) -> None:
    autos = {
        lv: expected_card("hiseiki-kinkyuu", lv).criterion("grounding").level  # type: ignore[union-attr]
        for lv in ("strong", "weak")
    }
    flip = {lv: (a + 2) % 4 for lv, a in autos.items() if a is not None}
    _reviewed(cast, "hana", "strong", flip["strong"])
    _reviewed(cast, "taro", "weak", flip["weak"])
    _reviewed(cast, "hana", "middling", None)
    submit_exemplar(cast, "taro", "dv-higaisha", "weak")  # not reviewed: not counted
    rows = cast.sato.cohort_rows()
    stats = cohort_stats(rows, lambda s: {})
    line = next(a for a in stats.agreement if a.criterion == "grounding")
    mid = expected_card("hiseiki-kinkyuu", "middling").criterion("grounding").level  # type: ignore[union-attr]
    pairs = [(autos["strong"], flip["strong"]), (autos["weak"], flip["weak"]), (mid, mid)]
    assert line.pairs == 3 and line.overridden == 2
    assert line.kappa == pytest.approx(quadratic_weighted_kappa(pairs))  # type: ignore[arg-type]
    assert line.exact == pytest.approx(1 / 3)
    assert line.warn
    assert not next(a for a in stats.agreement if a.criterion == "coverage").warn
    assert {p.trainee: p.submitted for p in stats.progress} == {"hana": 2, "taro": 2}
    assert set(stats.distributions) == {"hiseiki-kinkyuu", "dv-higaisha"}

    app = CohortApp(cast.sato, locale="en")
    html = app.view.value
    assert "do not trust this criterion" in html and "<svg" in html
    assert "hana" in html and "taro" in html


def test_roles(cast: Cast) -> None:
    submit_exemplar(cast, "jiro")
    assert cast.sato.cohort_rows() == []  # jiro trains in west, which sato does not supervise
    assert len(cast.suzu.cohort_rows()) == 1
    assert len(cast.tina.cohort_rows()) == 1
    with pytest.raises(PermissionDenied):
        cast.hana.cohort_rows()
    with pytest.raises(PermissionDenied):
        cast.sato.cohort_rows("west")
    app = CohortApp(cast.hana, locale="en")
    assert "permission denied" in app.view.value and "jiro" not in app.view.value


def test_the_course_table_shows_each_trainees_way_through_the_course(cast: Cast) -> None:
    hana = cast.hana
    for step, extra in (
        ("module_started", {}),
        ("exercise_done", {}),
        ("check_passed", {"score": 1.0}),
        ("reflection_written", {"text": "本人の言葉を要約して確かめる"}),
    ):
        hana.record_module_event("00", step, **extra)
    hana.record_module_event("01", "module_started")
    hana.record_module_event("01", "check_failed", score=0.0)
    hana.record_module_event("capstone", "module_started")
    submit_exemplar(cast, "hana", "hiseiki-kinkyuu", "strong")  # the capstone handed in

    course = {c.trainee: c for c in cast.sato.cohort_course()}
    assert set(course) == {"hana", "taro"}  # sato's cohort only: not jiro
    assert (course["hana"].done, course["hana"].total) == (1, 13)
    assert (course["hana"].current, course["hana"].current_state) == ("01", "started")
    assert course["hana"].capstone == "submitted"
    assert (course["taro"].done, course["taro"].current, course["taro"].capstone) == (
        0,
        "00",
        "not_started",
    )
    with pytest.raises(PermissionDenied):
        cast.hana.cohort_course()

    html = CohortApp(cast.sato, locale="en").view.value
    table = html[html.index('class="nw-course"') :]
    assert "1 / 13" in table and "submitted (not yet approved)" in table
    assert "not started" in table
