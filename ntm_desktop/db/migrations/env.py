"""Alembic environment: runs on the engine the workspace hands over (never from an ini file)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, create_engine

import ntm_desktop.db.models  # noqa: F401  (registers every table)
from ntm_desktop.db.base import Base

config = context.config
engine = config.attributes.get("engine")
if not isinstance(engine, Engine):
    url = config.get_main_option("sqlalchemy.url") or "sqlite://"
    engine = create_engine(url)

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    context.run_migrations()
