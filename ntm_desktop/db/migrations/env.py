"""Alembic environment: runs on the engine the workspace hands over (never from an ini file)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, create_engine, text

import ntm_desktop.db.models  # noqa: F401  (registers every table)
from ntm_desktop.db.base import Base

MIGRATION_LOCK = 7_160_014
"""PostgreSQL advisory lock key held while migrating: a second clerk opening the database waits, then
finds it at head."""

config = context.config
engine = config.attributes.get("engine")
if not isinstance(engine, Engine):
    url = config.get_main_option("sqlalchemy.url") or "sqlite://"
    engine = create_engine(url)

with engine.begin() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=sqlite,  # SQLite cannot ALTER most things: Alembic copies the table instead
        compare_type=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()
