"""Alembic's entry point. `nuiawase db upgrade` hands it an open connection (see
simulator/store/migrate.py); there is no alembic.ini and no URL to read here."""

from __future__ import annotations

from alembic import context

from simulator.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through simulator.store.migrate (nuiawase db upgrade)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things in place; batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
