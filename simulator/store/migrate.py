"""Create or upgrade the store's schema with Alembic, from Python (no alembic.ini).

The scripts live in ``simulator/store/migrations`` inside the package, so an installed
nuiawase can upgrade a database without a source checkout.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import OperationalError

from .engine import WRITE_OPTION
from .errors import StoreUnavailable

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPT_LOCATION = "simulator.store:migrations"
#: The newest revision in migrations/versions (a test checks it against Alembic's own
#: reading). Opening a store compares against this, so the apps' kernels need not import
#: Alembic (a fifth of a second) just to check the schema.
HEAD = "0006"
#: Any fixed number: concurrent `db upgrade` runs on one PostgreSQL take turns on it.
_PG_LOCK_KEY = 0x6E756961


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the packaged scripts, bound to ``connection``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this version of nuiawase knows."""
    return HEAD


@cache
def scripts_head() -> str:
    """The newest revision as Alembic reads the scripts (what HEAD must equal)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision (Alembic's version table); None for an empty one."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        found = conn.scalar(text("SELECT version_num FROM alembic_version"))
        return None if found is None else str(found)


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Migrate the database to ``revision`` in one transaction; returns (before, after)."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    writer = engine.execution_options(**{WRITE_OPTION: True})
    try:
        with writer.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
            before = MigrationContext.configure(conn).get_current_revision()
            command.upgrade(alembic_config(conn), revision)
            after = MigrationContext.configure(conn).get_current_revision()
    except OperationalError as exc:
        raise StoreUnavailable("store.error.unavailable", error=exc.orig) from exc
    return before, after
