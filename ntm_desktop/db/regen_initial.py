"""Developer tool, before the first release only: regenerate the initial migration from the models.

    python -m ntm_desktop.db.regen_initial

After a release, never do this: add a new revision with ``alembic revision --autogenerate`` instead.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command

from ntm_desktop.db.engine import make_engine
from ntm_desktop.db.migrate import alembic_config

VERSIONS = Path(__file__).parent / "migrations" / "versions"


def main() -> None:
    for old in VERSIONS.glob("0001_*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(Path(tmp) / "empty.sqlite")
        command.revision(
            alembic_config(engine), message="initial schema", autogenerate=True, rev_id="0001", head="base"
        )
        engine.dispose()
    for new in VERSIONS.glob("0001_*.py"):
        new.rename(VERSIONS / "0001_initial.py")
    print("regenerated", VERSIONS / "0001_initial.py")


if __name__ == "__main__":
    main()
