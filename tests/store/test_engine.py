"""Connections: SQLite writers wait for each other instead of failing (in one process they
queue on a lock of ours, handed over at once and never waited on past their deadline), and
identity comes from JupyterHub or the workspace."""

from __future__ import annotations

import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from simulator.store import PermissionDenied, Store, StoreUnavailable, engine
from simulator.store.engine import run_transaction
from simulator.workspace import init_workspace


def _new_store(folder: Path) -> str:
    url = f"sqlite:///{folder / 'store.sqlite3'}"
    Store.open(url, upgrade=True).close()
    return url


def test_a_locked_sqlite_database_is_retried_not_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _new_store(tmp_path)
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


def test_writers_of_one_process_queue_without_meeting_the_busy_handler(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _new_store(tmp_path)
    # No busy wait at all: a writer that met another's lock in SQLite would fail at once
    # and go round the retry loop, which sleeps; count those sleeps.
    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 0)
    retries: list[float] = []
    monkeypatch.setattr(engine.time, "sleep", retries.append)
    with Store.open(url) as store, ThreadPoolExecutor(16) as pool:
        op = store.as_operator()
        list(pool.map(lambda i: op.add_user(f"kenshu{i:02d}", "trainee"), range(48)))
        assert len(op.users()) == 48
    assert retries == []


def test_a_writer_waits_for_another_of_its_process_no_longer_than_its_deadline(
    tmp_path: Path,
) -> None:
    url = _new_store(tmp_path)
    inside, finish = threading.Event(), threading.Event()

    def slow(s: Session) -> None:
        inside.set()
        finish.wait(120)

    with Store.open(url) as store:
        holder = threading.Thread(
            target=run_transaction, args=(store.engine, slow), kwargs={"write": True}
        )
        holder.start()
        try:
            assert inside.wait(120)
            with pytest.raises(StoreUnavailable) as refused:
                run_transaction(store.engine, lambda s: None, write=True, deadline_s=0.2)
            assert refused.value.key == "store.error.busy"
        finally:
            finish.set()
            holder.join()
        store.as_operator().add_user("hana", "trainee")  # the queue moves on
        assert [u.name for u in store.as_operator().users()] == ["hana"]


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
