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
