"""A receiving office on a PostgreSQL server, as its clerks meet it: opened from a URL like a file, each
clerk's computer its own device, evidence every clerk reaches, passwords never shown, communes refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from ntm_desktop.core.errors import Conflict, InvalidInput, WorkspaceError
from ntm_desktop.db import migrate
from ntm_desktop.db import models as m
from ntm_desktop.db.base import Base
from ntm_desktop.workspace import PasswordNeeded, Workspace
from tests.helpers import engines
from tests.helpers.sync import COMMUNE, commune, receiver, trust
from tests.helpers.units import SAMPLE_UNIT

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


def test_a_new_database_is_migrated_once_and_opens_again_as_it_was(tmp_path: Path, engine: str) -> None:
    url = engines.server().new_database()
    engines.server().admin(f"DROP DATABASE {url.split('@/')[1].split('?')[0]} WITH (FORCE)")
    engines.server().admin(f"CREATE DATABASE {url.split('@/')[1].split('?')[0]} OWNER ntm")  # empty
    ws = Workspace.open(url, folder=tmp_path / "clerk1")
    assert migrate.current_revision(ws.engine) == migrate.HEAD
    assert set(inspect(ws.engine).get_table_names()) >= set(Base.metadata.tables)
    assert ws.backup_made is None  # a server is backed up with pg_dump, not copied by the app
    ws.receiver.configure(level="province", code="19", name="Văn phòng Điều phối nông thôn mới tỉnh")
    ws.close()
    again = Workspace.open(url, folder=tmp_path / "clerk2")
    assert again.receiver.info().code == "19" and again.settings.role == "receiver"
    again.close()


def test_each_clerk_is_a_device_of_its_own(tmp_path: Path, engine: str) -> None:
    first = receiver(tmp_path, "clerk-a")
    second = Workspace.open(first.where, folder=tmp_path / "clerk-b")
    assert first.device_id != second.device_id
    assert first.identity.fingerprint() != second.identity.fingerprint()
    assert (tmp_path / "clerk-a" / "device.json").exists() and (tmp_path / "clerk-b" / "device.json").exists()
    with first.db.read() as s:
        assert s.get(m.Setting, "device_id") is None  # never shared through the database
    reopened = Workspace.open(first.where, folder=tmp_path / "clerk-a")
    assert reopened.device_id == first.device_id
    for ws in (first, second, reopened):
        ws.close()


def test_evidence_a_clerk_imports_is_there_for_the_others(tmp_path: Path, engine: str) -> None:
    c, p = commune(tmp_path), receiver(tmp_path, "clerk-a")
    trust(c, p)
    scan = tmp_path / "bien-ban-nghiem-thu.pdf"
    scan.write_bytes(b"%PDF-1.4 bien ban nghiem thu cong trinh\n" * 50)
    c.progress.record(2023, indicator="2.1", value="85", evidence=[scan])
    usb = tmp_path / "usb"
    usb.mkdir()
    p.sync.import_bundles([c.sync.export(usb).path])
    other = Workspace.open(p.where, folder=tmp_path / "clerk-b")
    with other.db.read() as s:
        link = s.scalar(select(m.EvidenceLink))
    assert link is not None
    assert other.evidence.path_for(link.sha256).read_bytes() == scan.read_bytes()
    assert (tmp_path / "clerk-b" / "evidence").is_dir()
    for ws in (c, p, other):
        ws.close()


def test_a_commune_is_not_set_up_on_a_server(tmp_path: Path, engine: str) -> None:
    ws = Workspace.open(engines.new_receiver_location(tmp_path / "x"), folder=tmp_path / "x")
    with pytest.raises(Conflict, match="máy chủ"):
        ws.unit.setup(SAMPLE_UNIT)
    with pytest.raises(InvalidInput):
        ws.settings.set_role("commune")
    assert not ws.unit.has_home() and ws.settings.role == "receiver"
    ws.close()
    assert COMMUNE.code  # the same profile makes a commune in a file
    commune(tmp_path).close()


def test_a_wrong_password_is_never_shown(tmp_path: Path, engine: str) -> None:
    srv = engines.server()
    url = srv.url("ntm_template", user="clerk").replace("clerk@", "clerk:Bi-Mat-42@")
    with srv.password_role("clerk", "dung-sai-1"):
        with pytest.raises(WorkspaceError) as caught:
            Workspace.open(url, folder=tmp_path / "clerk")
        shown = f"{caught.value} {caught.value.details}"
        assert "Bi-Mat-42" not in shown and "***" in shown
        assert "password authentication failed" in shown and isinstance(caught.value, PasswordNeeded)


def test_why_the_server_cannot_be_reached_is_said_in_the_clerks_words(tmp_path: Path, engine: str) -> None:
    srv = engines.server()
    url = srv.url("ntm_template")
    wrong_port = url.replace(f"port={srv.port}", "port=1")
    cases = {
        url.replace("/ntm_template?", "/khong_co_csdl?"): "máy chủ không có cơ sở dữ liệu tên khong_co_csdl",
        wrong_port: "không có máy chủ nào trả lời ở địa chỉ và cổng này",
    }
    for where, said in cases.items():
        with pytest.raises(WorkspaceError) as caught:
            Workspace.open(where, folder=tmp_path / "clerk")
        assert str(caught.value).startswith("Không mở được cơ sở dữ liệu postgresql+psycopg://ntm@/")
        assert said in str(caught.value), str(caught.value)
        assert "does not exist" not in str(caught.value) and "No such file" not in str(caught.value)
        assert not (tmp_path / "clerk").exists()  # no clerk's folder for a server never reached
    with srv.password_role("clerk", "dung-sai-1"), pytest.raises(PasswordNeeded) as wrong:
        Workspace.open(srv.url("ntm_template", user="clerk").replace("clerk@", "clerk:sai@"))
    assert "máy chủ không nhận mật khẩu của người dùng clerk (sai mật khẩu" in str(wrong.value)
    assert "password authentication failed" in wrong.value.details  # the driver's words, for the log


def test_a_postgres_address_as_psql_writes_it_opens_the_same_database(tmp_path: Path, engine: str) -> None:
    office = receiver(tmp_path, "clerk-a")
    short = str(office.where).replace("postgresql+psycopg://", "postgres://")
    again = Workspace.open(short, folder=tmp_path / "clerk-b")
    assert again.on_server and again.receiver.info().code == office.receiver.info().code
    for ws in (office, again):
        ws.close()


def test_setting_up_an_office_twice_on_a_server_names_a_database_not_a_file(
    tmp_path: Path, engine: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from ntm_desktop.cli.main import main

    office = receiver(tmp_path, "clerk-a")
    where = office.where
    office.close()
    setup = ["receiver", "setup", "--level", "province", "--code", "20", "--name", "Văn phòng tỉnh khác"]
    code = main(["--db", where, "--data-dir", str(tmp_path / "clerk-a"), *setup])
    err = capsys.readouterr().err
    office_name = "Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên (19)"  # not "đơn vị tiếp nhận 19"
    assert code == 3 and f"Cơ sở dữ liệu này đã thuộc về {office_name}; không thay đổi gì" in err, err
    assert "cơ sở dữ liệu mới, còn trống" in err and "Tệp dữ liệu" not in err and ".sqlite" not in err
    again = Workspace.open(where, folder=tmp_path / "clerk-a")
    assert again.receiver.info().code == "19"
    again.close()


def test_a_file_kept_on_a_server_is_stored_once_with_its_bytes(tmp_path: Path, engine: str) -> None:
    """A file's row and its bytes go in together (one statement on PostgreSQL); the same file again adds
    nothing; a file whose row is there without its bytes (kept before the office moved onto the server)
    gets them; all of it in the caller's transaction."""
    from sqlalchemy import delete, func

    p = receiver(tmp_path, "clerk-a")
    data = b"PK\x03\x04 a kept bundle " * 40
    with p.db.write() as s:
        digest = p.evidence.store_bytes(s, data)
        assert p.evidence.store_bytes(s, data) == digest
    with p.db.read() as s:
        row = s.get(m.EvidenceFile, digest)
        assert row is not None and row.size == len(data) and row.created_at is not None
        assert bytes(s.scalars(select(m.EvidenceBlob.content)).one()) == data
    with p.db.write() as s:
        s.execute(delete(m.EvidenceBlob))
    with p.db.write() as s:
        p.evidence.store_bytes(s, data)
    with pytest.raises(RuntimeError), p.db.write() as s:  # rolled back: nothing of it stays
        p.evidence.store_bytes(s, b"another file")
        raise RuntimeError
    with p.db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.EvidenceFile)) == 1
        assert bytes(s.scalars(select(m.EvidenceBlob.content)).one()) == data
    p.close()
