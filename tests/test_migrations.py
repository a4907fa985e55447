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


def test_the_head_constant_matches_alembic() -> None:
    from ntm_desktop.db.migrate import HEAD

    assert head_revision() == HEAD


def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    import pytest
    from sqlalchemy import text

    from ntm_desktop.core.errors import WorkspaceError
    from ntm_desktop.workspace import Workspace

    path = tmp_path / "future.sqlite"
    Workspace.open(path).close()
    engine = make_engine(path)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(path)
    assert "phiên bản NTM Desktop mới hơn" in str(caught.value)
    assert path.read_bytes() == before
