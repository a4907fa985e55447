"""Shared fixtures. Every test gets its own data folder; nothing is written into the repository."""

from __future__ import annotations

import atexit
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import configuration as hypothesis_configuration

from ntm_desktop.core.i18n import set_language
from ntm_desktop.workspace import Workspace
from tests.helpers import engines, postgres
from tests.helpers.units import SAMPLE_UNIT

pytest_plugins = ["tests.helpers.softhsm"]  # the SoftHSM2 tokens, made once per run

# Hypothesis keeps a cache folder; keep it out of the repository.
hypothesis_configuration.set_hypothesis_home_dir(tempfile.mkdtemp(prefix="ntm-hypothesis-"))


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Vietnamese by default, and the data folder (logs, default db) inside the test's tmp folder."""
    monkeypatch.setenv("NTM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NTM_ACTOR", "Người kiểm thử")
    monkeypatch.delenv("NTM_LANG", raising=False)
    set_language("vi")
    yield
    set_language("vi")


@pytest.fixture(autouse=True)
def _forms_close_when_a_test_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    """qtbot closes every widget it holds when a test ends; a form with something typed in it would then
    ask "Bỏ những gì vừa nhập?" and wait for an answer nobody gives. A test that does not answer itself
    (tests/test_ui_typed_work.py does) has the officer choose "Bỏ", as forms closed before they asked."""
    from ntm_desktop.ui import typed_work

    monkeypatch.setattr(typed_work, "ask_discard_typing", lambda parent: True)


@pytest.fixture
def blank_ws(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "blank" / "ntm.sqlite")
    yield ws
    ws.close()


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    """A workspace with the sample commune set up."""
    workspace = Workspace.open(tmp_path / "ws" / "ntm.sqlite")
    workspace.unit.setup(SAMPLE_UNIT)
    yield workspace
    workspace.close()


# ---- both engines -------------------------------------------------------------------------------
# A test that takes the ``engine`` fixture (or whose module says ``pytestmark =
# pytest.mark.usefixtures("engine")``) runs once on SQLite and once on a real PostgreSQL server, which
# the first such test starts in a temporary folder (tests/helpers/postgres.py). Without PostgreSQL
# installed those runs are skipped, unless NTM_REQUIRE_POSTGRES=1 (as in .ci/run): then they fail, and
# the run fails when fewer than NTM_MIN_POSTGRES_TESTS of them passed.

_POSTGRES: dict[str, Any] = {}
_PASSED_ON_POSTGRES: list[str] = []


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    already = any("engine" in mark.args[0] for mark in metafunc.definition.iter_markers("parametrize"))
    if "engine" in metafunc.fixturenames and not already:
        metafunc.parametrize("engine", engines.ENGINES, indirect=True)


def _postgres_server() -> postgres.Server:
    if "error" in _POSTGRES:
        raise _POSTGRES["error"]
    if "server" not in _POSTGRES:
        try:
            server = postgres.Server()
            _POSTGRES["server"] = server
            atexit.register(server.stop)  # also when the run is interrupted
            server.start()
            engines.prepare_template(server)
        except (postgres.Unavailable, OSError) as exc:
            _POSTGRES["error"] = exc
            raise
    server = _POSTGRES["server"]
    assert isinstance(server, postgres.Server)
    return server


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> Iterator[str]:
    kind = str(request.param)
    if kind == "postgresql":
        try:
            server = _postgres_server()
        except (postgres.Unavailable, OSError) as exc:
            if os.environ.get("NTM_REQUIRE_POSTGRES") == "1":
                pytest.fail(f"PostgreSQL is required here (NTM_REQUIRE_POSTGRES=1): {exc}")
            pytest.skip(f"no PostgreSQL server: {exc}")
        engines.use(kind, server)
    try:
        yield kind
    finally:
        engines.use("sqlite", None)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when == "teardown":
        engines.drop_made()
    if report.when == "call" and report.passed and "[postgresql" in item.nodeid:
        _PASSED_ON_POSTGRES.append(item.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    server = _POSTGRES.pop("server", None)
    if isinstance(server, postgres.Server):
        server.stop()
    if os.environ.get("NTM_REQUIRE_POSTGRES") != "1" or exitstatus != 0:
        return
    wanted = int(os.environ.get("NTM_MIN_POSTGRES_TESTS", "1"))
    if len(_PASSED_ON_POSTGRES) < wanted:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print(
            f"\nFAILED: only {len(_PASSED_ON_POSTGRES)} tests passed on PostgreSQL "
            f"(NTM_MIN_POSTGRES_TESTS={wanted})"
        )
    else:
        print(f"\n{len(_PASSED_ON_POSTGRES)} tests passed on PostgreSQL")
