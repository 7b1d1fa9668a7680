"""Opening a store under contention or against a silent server (issue 18, item 11).

A lock that blocks readers too (another process in exclusive locking mode, a restore in
progress) makes ``Store.open`` wait and retry as writers do, instead of failing after one
busy timeout. A PostgreSQL address that accepts connections but never answers fails
within seconds with a message, instead of hanging each command for minutes.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import simulator.store.engine as engine_module
from simulator.store import Store

ROOT = Path(__file__).resolve().parents[2]


def test_open_waits_for_a_lock_that_blocks_readers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(workspace=tmp_path, upgrade=True).close()
    # A short busy timeout, so the lock outlasts it at once (as 10 s would in production).
    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(tmp_path / "nuiawase.sqlite3", check_same_thread=False)
    holder.isolation_level = None
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE held (x)")  # now no other connection may even read

    blocked = threading.Event()
    real = engine_module.is_retryable

    def spy(exc: BaseException) -> bool:
        retry = real(exc)
        if retry:
            blocked.set()
        return retry

    monkeypatch.setattr(engine_module, "is_retryable", spy)

    def release() -> None:
        blocked.wait(timeout=120)  # the opener has met the lock
        holder.execute("COMMIT")
        holder.close()  # exclusive locking mode in WAL lets go only on close

    thread = threading.Thread(target=release)
    thread.start()
    try:
        with Store.open(workspace=tmp_path) as store:
            assert store.as_operator().users() is not None
    finally:
        blocked.set()
        thread.join(timeout=120)
    assert blocked.is_set()


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A TCP port that accepts connections (the kernel's backlog) but never answers."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield int(server.getsockname()[1])


def test_a_postgresql_that_never_answers_fails_with_a_message(silent_port: int) -> None:
    url = f"postgresql://trainer@127.0.0.1:{silent_port}/nuiawase"
    env = dict(os.environ, NUIAWASE_LOCALE="en")
    # Ceiling only: without a connect timeout this took over two minutes.
    result = subprocess.run(
        [sys.executable, "-m", "simulator.cli", "db", "upgrade", "--database-url", url],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=90,
    )
    assert result.returncode == 1
    assert "cannot reach the database" in result.stderr
    assert "timeout" in result.stderr
    assert "Traceback" not in result.stderr
