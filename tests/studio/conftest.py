"""A workspace with a store, as the server's kernels see it (NUIAWASE_WORKSPACE set):
hana is a trainee, sato a supervisor, tina the trainer; no case registered yet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.store.workspace_store import close_stores
from tests.store.test_casework_bridge import add_store, make_workspace


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for var in ("NUIAWASE_DATABASE_URL", "NUIAWASE_USER", "JUPYTERHUB_USER"):
        monkeypatch.delenv(var, raising=False)
    ws = make_workspace(tmp_path / "ws")
    monkeypatch.setenv("NUIAWASE_WORKSPACE", str(ws))
    with add_store(ws, register=False):
        yield ws
    close_stores()
