"""Connections: SQLite writers wait for each other instead of failing, and identity comes
from JupyterHub or the workspace."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from simulator.store import PermissionDenied, Store, engine
from simulator.workspace import init_workspace


def test_a_locked_sqlite_database_is_retried_not_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    Store.open(url, upgrade=True).close()
    # A busy timeout far shorter than the lock below: SQLite itself gives up with
    # "database is locked", and only the retry loop can get the write through.
    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 20)
    holder = sqlite3.connect(
        tmp_path / "store.sqlite3", isolation_level=None, check_same_thread=False
    )
    holder.execute("BEGIN IMMEDIATE")
    released = threading.Timer(0.5, holder.execute, args=("COMMIT",))
    released.start()
    try:
        with Store.open(url) as store:
            start = time.monotonic()
            store.as_operator().add_user("hana", "trainee")
            waited = time.monotonic() - start
            assert waited >= 0.3  # it did meet the lock, and waited it out
            assert [u.name for u in store.as_operator().users()] == ["hana"]
    finally:
        released.join()
        holder.close()


def test_identity_comes_from_jupyterhub_then_the_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.delenv("NUIAWASE_USER", raising=False)
    monkeypatch.delenv("NUIAWASE_DATABASE_URL", raising=False)
    workspace = init_workspace(tmp_path / "ws", source=tmp_path)
    (workspace / "nuiawase.yaml").write_text("user: hana\nlocale: ja\n", encoding="utf-8")
    with Store.open(workspace=workspace, upgrade=True) as store:
        op = store.as_operator()
        op.add_user("hana", "trainee")
        op.add_user("sato", "supervisor")
        assert store.as_current_user(workspace).actor.name == "hana"
        monkeypatch.setenv("JUPYTERHUB_USER", "sato")
        assert store.as_current_user(workspace).actor.role == "supervisor"
        monkeypatch.setenv("JUPYTERHUB_USER", "mallory")
        with pytest.raises(PermissionDenied, match="mallory"):
            store.as_current_user(workspace)
