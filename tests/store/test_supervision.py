"""スーパービジョン記録: stored per trainee, append-only, read and written by role."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from simulator.store import InvalidInput, PermissionDenied

from .cast import Cast

DAY = dt.date(2026, 12, 1)


def test_records_by_role_and_append_only(cast: Cast) -> None:
    c = cast
    first = c.sato.record_supervision(
        "hana",
        DAY,
        "individual",
        "DV 事例での安全確認",
        "当日中に主任へ相談する",
        DAY + dt.timedelta(days=14),
    )
    c.sato.record_supervision("hana", DAY + dt.timedelta(days=14), "group", "8050 事例", "")
    assert [r.focus for r in c.sato.supervision_records("hana")] == [
        "DV 事例での安全確認",
        "8050 事例",
    ]
    assert [r.id for r in c.hana.supervision_records()] == [first.id, first.id + 1]  # her own
    assert first.supervisor == "sato" and first.kind == "individual"
    for who, call in (
        ("taro", lambda r: r.supervision_records("hana")),  # another trainee
        ("suzu", lambda r: r.supervision_records("hana")),  # another cohort's supervisor
        ("suzu", lambda r: r.record_supervision("hana", DAY, "individual", "x", "")),
        ("hana", lambda r: r.record_supervision("hana", DAY, "individual", "x", "")),
        ("tina", lambda r: r.record_supervision("hana", DAY, "individual", "x", "")),
    ):
        with pytest.raises(PermissionDenied):
            call(getattr(c, who))
    for kind, focus, nxt in (
        ("pair", "x", None),
        ("group", "  ", None),
        ("group", "x", DAY - dt.timedelta(days=1)),
    ):
        with pytest.raises(InvalidInput):
            c.sato.record_supervision("hana", DAY, kind, focus, "", nxt)
    for statement in (
        "UPDATE supervision_records SET focus = 'x'",
        "DELETE FROM supervision_records",
    ):
        with pytest.raises(DBAPIError, match="append-only"), c.store.engine.begin() as conn:
            conn.execute(text(statement))
    assert len(c.ada.supervision_records("hana")) == 2
    assert len(c.ada.trainee_data("hana")["supervision"]) == 2
    assert c.ada.erase_trainee("hana")["supervision_records"] == 2
