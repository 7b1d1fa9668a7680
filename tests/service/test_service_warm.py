"""The service warms its engine once it is ready (the first trainee's turn does not pay
for loading the model) and stores nothing doing so, with or without a registered case."""

from __future__ import annotations

from pathlib import Path

from simulator.service.live import LiveInterviews
from simulator.store import Store
from tests.service_server import SUPERVISOR, seed_store


def test_warming_stores_nothing_with_a_case_or_without(tmp_path: Path) -> None:
    empty = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    with Store.open(empty, upgrade=True) as store:
        LiveInterviews(store).warm()  # no case registered: the classifier alone
        assert store.as_operator().scenario_versions() == []
    seeded = f"sqlite:///{tmp_path / 'seeded.sqlite3'}"
    seed_store(seeded, ["hanako"])
    with Store.open(seeded) as store:
        LiveInterviews(store).warm()
        assert store.as_user(SUPERVISOR).attempts("hanako") == []
