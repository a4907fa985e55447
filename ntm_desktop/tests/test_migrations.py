"""Migrations: an empty database upgrades to head, and the models and migrations agree."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from ntm_desktop.db.base import Base
from ntm_desktop.db.engine import make_engine
from ntm_desktop.db.migrate import alembic_config, current_revision, head_revision, upgrade


def test_empty_database_upgrades_to_head_and_matches_the_models(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    engine = make_engine(path)
    try:
        upgrade(engine, path)
        assert current_revision(engine) == head_revision()
        tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert tables == set(Base.metadata.tables)
        command.check(alembic_config(engine))  # raises when the models need a new migration
    finally:
        engine.dispose()


def test_upgrading_twice_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "twice.sqlite"
    engine = make_engine(path)
    try:
        upgrade(engine, path)
        assert upgrade(engine, path) is None  # already at head: no backup, no work
    finally:
        engine.dispose()
