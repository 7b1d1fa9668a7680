"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server that
these fixtures start (and stop) once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.store import Store

from .cast import Cast, seed_cast
from .postgres import PostgresServer, start_postgres

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One PostgreSQL cluster for the whole session."""
    server = start_postgres()
    try:
        yield server
    finally:
        server.stop()


def _new_url(request: pytest.FixtureRequest, backend: str, folder: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'store.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.new_database()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    """An empty database of each backend (no schema yet)."""
    return _new_url(request, backend, tmp_path)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """A store at the current schema, empty."""
    with Store.open(database_url, upgrade=True) as opened:
        yield opened


@pytest.fixture
def cast(store: Store) -> Cast:
    """A store with people, two cohorts and one scenario (see cast.py)."""
    return seed_cast(store)


@pytest.fixture(scope="module", params=BACKENDS)
def shared_cast(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Cast]:
    """Like ``cast``, but one per module, for tests that only read or are refused."""
    url = _new_url(request, str(request.param), tmp_path_factory.mktemp("store"))
    with Store.open(url, upgrade=True) as opened:
        yield seed_cast(opened, with_work=True)
