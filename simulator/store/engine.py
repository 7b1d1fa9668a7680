"""Connections: which database, how it is opened, and how a transaction survives contention.

SQLite (the default, one file in the workspace) is opened with WAL, so readers never wait
for the writer; with a busy timeout, so a writer waits for the one before it instead of
failing; and with foreign keys on, which SQLite leaves off unless asked. Writers start with
``BEGIN IMMEDIATE``: they take the write lock at the start, where waiting is safe, rather
than at their first write, where SQLite would have to fail one of two transactions to avoid
a deadlock. Within one process, writers to one SQLite file also queue on a lock of ours
(``_WRITERS``): SQLite's busy handler polls with sleeps of up to 100 ms, so a waiting
writer wakes long after the lock is free, while a process-local lock hands over at once
(the service's threads all write to one file). Other processes (kernels, commands) still
meet the busy timeout. Whatever still reports "database is locked" (or a serialisation
failure on PostgreSQL) is retried as a whole transaction, so it never reaches the user.
"""

from __future__ import annotations

import os
import random
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session

from simulator.settings import load_settings

from .errors import InvalidInput, StoreUnavailable
from .location import SQLITE_FILE_NAME

T = TypeVar("T")

DATABASE_URL_ENV = "NUIAWASE_DATABASE_URL"

#: How long SQLite waits for another writer inside one attempt (milliseconds).
SQLITE_BUSY_TIMEOUT_MS = 10_000
#: How long a transaction is retried in all before the user hears about it (seconds).
RETRY_DEADLINE_S = 120.0

#: Connections kept open per process, and extra ones opened under load (closed after use).
#: A Voila kernel uses one or two; a threaded import or test may use dozens at once.
POOL_SIZE, POOL_OVERFLOW = 5, 59

#: An execution option: the connection is for a writer (SQLite: BEGIN IMMEDIATE).
WRITE_OPTION = "nuiawase_write"

#: How long PostgreSQL may take to answer a connection (seconds). Without it, an address
#: that accepts the connection but never answers hangs every command for minutes.
PG_CONNECT_TIMEOUT_S = 10

#: One writer at a time per SQLite engine in this process (see the module docstring).
#: Reentrant so a writer that opens another write transaction meets SQLite's own busy
#: timeout, as before, rather than a deadlock of ours.
_WRITERS: weakref.WeakKeyDictionary[Engine, threading.RLock] = weakref.WeakKeyDictionary()

# PostgreSQL SQLSTATEs worth retrying: serialization_failure, deadlock_detected.
_PG_RETRY_STATES = {"40001", "40P01"}


def default_sqlite_url(workspace: Path) -> str:
    """The SQLite file inside a workspace folder."""
    return f"sqlite:///{(workspace / SQLITE_FILE_NAME).resolve()}"


def resolve_url(explicit: str | None = None, workspace: Path | None = None) -> URL:
    """Pick the database: ``explicit`` (--database-url), else NUIAWASE_DATABASE_URL, else
    the SQLite file in ``workspace`` (default: ./workspace).

    ``postgresql://`` and ``postgres://`` URLs are given the psycopg (v3) driver.
    """
    text = explicit or load_settings().database_url or ""
    if not text:
        text = default_sqlite_url(workspace or Path("workspace"))
    try:
        url = make_url(text)
    except ArgumentError:
        raise InvalidInput("store.error.bad_url", url=text) from None
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            # Every connection of an in-memory database is a different, empty database.
            raise InvalidInput("store.error.memory_url")
        return url.set(drivername="sqlite+pysqlite")
    raise InvalidInput("store.error.unsupported_url", url=url.render_as_string())


def make_engine(url: URL) -> Engine:
    """An engine with a connection pool sized for a few dozen threads."""
    if url.get_backend_name() == "sqlite":
        assert url.database is not None
        _create_private(Path(url.database))
        engine = create_engine(
            url,
            # Connections move between threads through the pool, one thread at a time.
            connect_args={"check_same_thread": False},
            pool_size=POOL_SIZE,
            max_overflow=POOL_OVERFLOW,
            pool_timeout=RETRY_DEADLINE_S,
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        _WRITERS[engine] = threading.RLock()
        return engine
    connect_args = (
        {} if "connect_timeout" in url.query else {"connect_timeout": PG_CONNECT_TIMEOUT_S}
    )
    return create_engine(
        url,
        connect_args=connect_args,
        pool_size=POOL_SIZE,
        max_overflow=POOL_OVERFLOW,
        pool_timeout=RETRY_DEADLINE_S,
        pool_pre_ping=True,
    )


def _create_private(database: Path) -> None:
    """Create a missing SQLite file as its owner's alone (0600) before SQLite makes it with
    the umask's mode; its -wal and -shm files take the same mode from it."""
    database.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling issues BEGIN lazily and cannot say IMMEDIATE;
    # turn it off and begin transactions ourselves (_sqlite_on_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # busy_timeout first: switching to WAL takes a lock another connection may hold.
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        # FULL: a committed review survives a power cut, not only a crashed process.
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    write = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def is_retryable(exc: BaseException) -> bool:
    """True for contention a later attempt can get past (locked SQLite, PG serialisation)."""
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate in _PG_RETRY_STATES:
        return True
    if isinstance(exc, OperationalError):
        text = str(orig).lower()
        return "database is locked" in text or "database is busy" in text
    return False


def with_retries(work: Callable[[], T], deadline_s: float | None = None) -> T:
    """Run ``work`` (which opens its own connection), retrying on contention as writers do.

    For what happens outside a transaction of ours: reading the schema version when a store
    opens, while another process holds a lock that blocks readers too.
    """
    limit = time.monotonic() + (RETRY_DEADLINE_S if deadline_s is None else deadline_s)
    delay = 0.005
    while True:
        try:
            return work()
        except DBAPIError as exc:
            if not is_retryable(exc):
                raise
            if time.monotonic() > limit:
                raise StoreUnavailable("store.error.busy") from exc
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 0.5)


def run_transaction(
    engine: Engine, work: Callable[[Session], T], *, write: bool, deadline_s: float | None = None
) -> T:
    """Run ``work`` in one transaction and commit; retry the whole of it on contention.

    ``work`` must not keep ORM objects beyond the call (convert them to records inside),
    and must be safe to run again: a retried attempt starts from a rolled-back database.
    """
    bind = engine.execution_options(**{WRITE_OPTION: True}) if write else engine
    limit = time.monotonic() + (RETRY_DEADLINE_S if deadline_s is None else deadline_s)
    delay = 0.005
    while True:
        try:
            with (
                _writer_turn(engine, write, limit),
                Session(bind, expire_on_commit=False) as session,
                session.begin(),
            ):
                return work(session)
        except DBAPIError as exc:
            if not is_retryable(exc):
                if isinstance(exc, OperationalError):
                    # The server went away, refused us, or the disk failed.
                    raise StoreUnavailable("store.error.unavailable", error=exc.orig) from exc
                raise
            if time.monotonic() > limit:
                raise StoreUnavailable("store.error.busy") from exc
            # Jitter keeps retrying writers from waking in lock-step.
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 0.5)


@contextmanager
def _writer_turn(engine: Engine, write: bool, limit: float) -> Iterator[None]:
    """The process's writer lock for a SQLite write transaction; nothing otherwise. Held
    for one try only (a retry sleeps without it, so the other writers go on), and waited
    for no longer than the transaction's deadline, as SQLite's own lock would be."""
    lock = _WRITERS.get(engine) if write else None
    if lock is None:
        yield
        return
    if not lock.acquire(timeout=max(0.0, limit - time.monotonic())):
        raise StoreUnavailable("store.error.busy")
    try:
        yield
    finally:
        lock.release()
