"""One office key that the communes trust once, certifying each clerk's computer of a province office on a
database server; revoked, expired, tampered or uncertified clerks' bundles are refused and change nothing."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ntm_desktop.core.errors import Conflict, InvalidInput, NotFound
from ntm_desktop.db import models as m
from ntm_desktop.recovery import preview, recover
from ntm_desktop.sync.bundle.reader import read_bundle
from ntm_desktop.sync.context import SyncContext
from ntm_desktop.sync.errors import KeyFileError
from ntm_desktop.sync.exported import ExportResult
from ntm_desktop.sync.keys import office_store as store
from ntm_desktop.sync.keys.certificates import (
    Office,
    OfficeProof,
    issue_certificate,
    issue_revocations,
    read_certificate,
    utc_now,
)
from ntm_desktop.sync.keys.office import _find, _office, _unlock
from ntm_desktop.workspace import Workspace
from tests.helpers.bundles import entries, resign, write_zip
from tests.helpers.receiver import Province, province
from tests.helpers.sync import commune, open_receiver, receiver, row_counts, snapshot, trust, usb

__all__ = ["province", "usb"]  # fixtures

SECRET = "mật khẩu văn phòng 19"
HA, BINH = "Nguyễn Thị Hà", "Trần Văn Bình"


@pytest.fixture
def office(tmp_path: Path, engine: str) -> Iterator[tuple[Workspace, Workspace, Workspace]]:
    """Commune 01234 and two clerks of the province office on one database, Hà's computer and Bình's.
    The office knows the commune (its key, its first bundle); the commune trusts only the office key."""
    if engine != "postgresql":
        pytest.skip("two clerks share one office database only on a server")
    c, a = commune(tmp_path), receiver(tmp_path, "clerk-ha")
    b = Workspace.open(a.where, folder=tmp_path / "clerk-binh")
    trust(c, a)
    (tmp_path / "usb0").mkdir()
    a.sync.import_bundles([c.sync.export(tmp_path / "usb0").path])
    a.sync.office.create(SECRET)
    a.sync.office.certify(SECRET, HA)
    card = tmp_path / "binh.ntmkey"
    b.sync.keys.export(card)  # Bình's computer's key, certified from Hà's computer by the head of office
    a.sync.office.certify(SECRET, BINH, card)
    a.sync.office.export(tmp_path / "office.ntmkey")
    yield c, a, b
    for ws in (c, a, b):
        ws.close()


def _unchecked(monkeypatch: pytest.MonkeyPatch, write: Callable[[], ExportResult]) -> Path:
    """A bundle a revoked or expired clerk's computer wrote all the same (an older version did not check
    its own certificate before writing; this one refuses: test_office_key_uncertified.py)."""
    with monkeypatch.context() as patched:
        patched.setattr(OfficeProof, "lapse", lambda self, when: None)
        return write().path


def _trust_office(c: Workspace, a: Workspace, tmp_path: Path) -> str:
    _, message, _ = c.sync.keys.trust(tmp_path / "office.ntmkey")
    return message


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_commune_that_trusts_only_the_office_key_takes_both_clerks_reverse_bundles(
    office: tuple[Workspace, Workspace, Workspace], tmp_path: Path, usb: Path
) -> None:
    c, a, b = office
    message = _trust_office(c, a, tmp_path)
    info = a.sync.office.show()
    assert info is not None
    assert (
        message.startswith("Đã tin cậy khóa văn phòng của tỉnh Thái Nguyên (19), dấu vân tay ")
        and info.fingerprint in message
    )
    assert [k.how for k in c.sync.keys.known()] == ["office"]  # not one clerk's key was trusted by phone

    for clerk in (a, b):
        path = clerk.sync.export_reverse(usb, "01234").path
        assert read_bundle(path).manifest.format_version == "1.1"  # it carries the clerk's certificate
        [outcome] = c.sync.import_bundles([path]).outcomes
        assert outcome.status == "imported", outcome.message
    [receipt] = b.sync.export_receipt(usb, for_unit="01234")
    taken = c.sync.import_receipt(receipt.path)  # a receipt of a certified clerk is taken in too
    assert (taken.unit_code, taken.bundles, taken.pending) == ("19", 1, 0)
    assert {k.how for k in c.sync.keys.known()} == {"office"}


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_revoked_clerks_later_bundles_are_refused_naming_the_clerk_and_nothing_changes(
    office: tuple[Workspace, Workspace, Workspace], tmp_path: Path, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, a, b = office
    _trust_office(c, a, tmp_path)
    written_before = b.sync.export_reverse(usb, "01234").path  # on Bình's USB stick, not yet delivered

    revoked, _ = a.sync.office.revoke(SECRET, b.device_id)
    assert revoked.clerk == BINH and revoked.revoked_at
    [ok] = c.sync.import_bundles([a.sync.export_reverse(usb, "01234").path]).outcomes  # brings the list
    assert ok.status == "imported", ok.message
    with pytest.raises(Conflict, match="đã thu hồi chứng thư của máy này"):  # Bình's computer says so
        b.sync.export_reverse(usb, "01234")
    written_after = _unchecked(monkeypatch, lambda: b.sync.export_reverse(usb, "01234"))
    before, counts = snapshot(c, "01234"), row_counts(c)

    for path in (written_before, written_after):
        [outcome] = c.sync.import_bundles([path], trust_on_first_use=True).outcomes
        assert outcome.status == "rejected" and outcome.reason == "revoked-key"  # not "key-mismatch"
        assert BINH in outcome.message and "thu hồi" in outcome.message, outcome.message
        assert "Hãy đề nghị văn phòng gửi lại dữ liệu từ một máy đã được cấp chứng thư" in outcome.message
        assert c.sync.inspect(path).sender.trust == "revoked-key"  # the Sync preview: "Khóa đã bị thu hồi"
    assert snapshot(c, "01234") == before and row_counts(c) == counts


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_revoked_clerks_bundle_is_refused_even_as_the_first_news_of_it(
    office: tuple[Workspace, Workspace, Workspace], tmp_path: Path, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, a, b = office
    _trust_office(c, a, tmp_path)
    a.sync.office.revoke(SECRET, b.sync.keys.show().fingerprint)
    counts = row_counts(c)
    sent = _unchecked(monkeypatch, lambda: b.sync.export_reverse(usb, "01234"))
    [outcome] = c.sync.import_bundles([sent]).outcomes
    assert outcome.status == "rejected" and BINH in outcome.message, outcome.message
    assert row_counts(c) == counts


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_tampered_certificate_is_refused(
    office: tuple[Workspace, Workspace, Workspace], tmp_path: Path, usb: Path
) -> None:
    """Bình's computer key re-signs its bundle after changing the name in its certificate."""
    c, a, b = office
    _trust_office(c, a, tmp_path)
    path = b.sync.export_reverse(usb, "01234").path

    def rename(manifest: dict[str, object]) -> None:
        office = manifest["office"]
        assert isinstance(office, dict)
        der = base64.b64decode(office["certificate"])
        forged = der.replace(BINH.encode(), "Trần Văn Bìnk".encode())
        office["certificate"] = base64.b64encode(forged).decode("ascii")

    forged = write_zip(tmp_path / "forged.ntmsync", resign(entries(path), b.identity.private_key(), rename))
    counts = row_counts(c)
    [outcome] = c.sync.import_bundles([forged]).outcomes
    assert outcome.status == "rejected" and "khóa văn phòng" in outcome.message, outcome.message
    assert row_counts(c) == counts


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_an_expired_certificate_is_refused_with_its_date(
    office: tuple[Workspace, Workspace, Workspace], tmp_path: Path, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, a, b = office
    _trust_office(c, a, tmp_path)
    fp = b.sync.keys.show().fingerprint
    with a.db.write() as s:  # a certificate that ran out yesterday, as the office would have issued it
        value = store.office_key_row(s)
        assert value is not None
        now = utc_now()
        der = issue_certificate(
            _unlock(value, SECRET),
            _office(value),
            clerk=BINH,
            device_id=b.device_id,
            device_key=read_certificate(
                base64.b64decode(s.get(m.Setting, store.CERT_PREFIX + fp).value["der"])
            ).public_key,
            valid_from=now - timedelta(days=30),
            valid_until=now - timedelta(days=1),
        )
        row = dict(s.get(m.Setting, store.CERT_PREFIX + fp).value)
        store.put(s, store.CERT_PREFIX + fp, row | {"der": base64.b64encode(der).decode("ascii")})
    with pytest.raises(Conflict, match="đã hết hạn ngày") as refused:  # Bình's computer says so first
        b.sync.export_reverse(usb, "01234")
    assert "keys office certify" in str(refused.value) and list(usb.iterdir()) == []
    sent = _unchecked(monkeypatch, lambda: b.sync.export_reverse(usb, "01234"))
    [outcome] = c.sync.import_bundles([sent]).outcomes
    assert outcome.status == "rejected" and BINH in outcome.message and "hết hạn" in outcome.message
    assert outcome.message.count("/") >= 2  # the day it ran out


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_an_uncertified_clerk_of_an_office_with_an_office_key_is_refused(
    office: tuple[Workspace, Workspace, Workspace], tmp_path: Path, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, a, _ = office
    _trust_office(c, a, tmp_path)
    third = Workspace.open(a.where, folder=tmp_path / "clerk-ba")
    try:
        # The third clerk's computer refuses to write for the commune, saying so (one check for every
        # file an office signs: test_office_key_uncertified.py) ...
        for send in (lambda: third.sync.export_reverse(usb, "01234"), lambda: third.sync.export_receipt(usb)):
            with pytest.raises(Conflict, match="keys office certify"):
                send()
        assert list(usb.iterdir()) == []
        # ... and a bundle it wrote all the same (an older version did not check) is refused by the commune.
        with monkeypatch.context() as patched:
            patched.setattr(SyncContext, "require_certified", lambda self: None)
            patched.setattr(SyncContext, "office_proof", lambda self, s: None)
            sent = third.sync.export_reverse(usb, "01234").path
        counts = row_counts(c)
        outcome = c.sync.import_bundles([sent], trust_on_first_use=True)
        assert outcome.outcomes[0].status == "rejected" and row_counts(c) == counts
        assert "keys office certify" in outcome.outcomes[0].message  # not "no key of the unit is known"
    finally:
        third.close()


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_the_office_key_is_made_once_kept_encrypted_and_needs_its_passphrase(
    office: tuple[Workspace, Workspace, Workspace], tmp_path: Path
) -> None:
    _, a, b = office
    with pytest.raises(InvalidInput):
        b.sync.office.create(SECRET)  # made once, for every clerk of the office
    with a.db.read() as s:
        pem = s.get(m.Setting, store.KEY).value["private_key"]
    assert "ENCRYPTED PRIVATE KEY" in pem
    with pytest.raises(KeyFileError, match="không đúng"):
        b.sync.office.certify("sai mật khẩu", "Lò Văn Sáng")
    with pytest.raises(InvalidInput):  # one key, one device id, one clerk
        b.sync.office.certify(SECRET, "Lò Văn Sáng")
    with pytest.raises(NotFound):
        a.sync.office.revoke(SECRET, "không-có")
    assert [(x.clerk, x.device_id) for x in a.sync.office.certificates()] == sorted(
        [(HA, a.device_id), (BINH, b.device_id)]
    )


def test_a_one_laptop_office_can_certify_itself_and_a_commune_still_trusts_its_key(
    tmp_path: Path, usb: Path, engine: str
) -> None:
    """A SQLite receiver keeps working as today; with an office key, its own laptop is its one clerk."""
    c, p = commune(tmp_path), receiver(tmp_path)
    trust(c, p)
    trust(p, c)
    p.sync.import_bundles([c.sync.export(usb).path])
    written = p.sync.export_reverse(usb, "01234").path
    assert read_bundle(written).manifest.format_version == 1  # no certificate: format 1, as before
    [plain] = c.sync.import_bundles([written]).outcomes
    assert plain.status == "imported", plain.message

    p.sync.office.create(SECRET)
    p.sync.office.certify(SECRET, HA)
    [certified] = c.sync.import_bundles([p.sync.export_reverse(usb, "01234").path]).outcomes
    assert certified.status == "imported", certified.message  # the device key it trusted still works
    c.close()
    p.close()


def test_a_province_rolls_up_to_a_national_office_that_trusts_only_its_office_key(
    province: Province, tmp_path: Path, engine: str
) -> None:
    """The office key is the province's identity at the national office too: a clerk it certified sends
    the year, and the communes' own keys are still vouched for by the province."""
    office = province.office
    clerk = Workspace.open(office.where, folder=tmp_path / "clerk-binh") if engine == "postgresql" else office
    office.sync.office.create(SECRET)
    card = tmp_path / "binh.ntmkey"
    clerk.sync.keys.export(card)
    office.sync.office.certify(SECRET, BINH, card if clerk is not office else None)
    office.sync.office.export(tmp_path / "van-phong-19.ntmkey")
    national = open_receiver(tmp_path, "trung-uong")
    national.receiver.configure(level="national")
    national.sync.keys.trust(tmp_path / "van-phong-19.ntmkey")
    try:
        (tmp_path / "tn").mkdir()
        sent = clerk.receiver.export_national(tmp_path / "tn", 2025).result
        [outcome] = national.sync.import_bundles([sent.path]).outcomes
        assert outcome.status == "imported", outcome.message
        known = {k.unit_code: k.how for k in national.sync.keys.known()}
        assert known["19"] == "office" and {known[c] for c in ("01234", "01240", "01252")} == {"vouched"}
        provinces = national.receiver.summary(2025)["provinces"]
        assert [(p["code"], p["reported"]) for p in provinces] == [("19", 3)]
    finally:
        if clerk is not office:
            clerk.close()
        national.close()


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_commune_that_knows_no_key_of_the_office_is_asked_for_the_office_key_and_remembers_it(
    office: tuple[Workspace, Workspace, Workspace], usb: Path
) -> None:
    """A new laptop (or a commune that never trusted the office): the fingerprint it is asked to confirm
    is the office key's, and trusting it on first use trusts every clerk the office certified."""
    c, a, b = office
    info = a.sync.office.show()
    assert info is not None
    first = b.sync.export_reverse(usb, "01234").path
    preview = c.sync.inspect(first)
    assert preview.sender.fingerprint == info.fingerprint and preview.sender.trust == "unknown-key"
    assert info.fingerprint in preview.sender.trust_message and BINH in preview.sender.trust_message
    [refused] = c.sync.import_bundles([first]).outcomes
    assert refused.status == "rejected" and info.fingerprint in refused.message

    [taken] = c.sync.import_bundles([first], trust_on_first_use=True).outcomes
    assert taken.status == "imported", taken.message
    assert [(k.fingerprint, k.how) for k in c.sync.keys.known()] == [(info.fingerprint, "office")]
    [other] = c.sync.import_bundles([a.sync.export_reverse(usb, "01234").path]).outcomes
    assert other.status == "imported", other.message  # Hà's computer, never seen before


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_commune_recovering_a_lost_laptop_trusts_the_office_key_not_one_clerks(
    office: tuple[Workspace, Workspace, Workspace], tmp_path: Path, usb: Path
) -> None:
    _, a, b = office
    info = a.sync.office.show()
    assert info is not None
    sent = b.sync.export_recovery(usb, "01234").path
    assert preview(sent).receiver_fingerprint == info.fingerprint  # what the officer confirms by phone

    done = recover(sent, tmp_path / "new-laptop" / "ntm.sqlite")
    assert done.receiver_fingerprint == info.fingerprint
    with Workspace.open(done.path) as laptop:
        assert [(k.fingerprint, k.how) for k in laptop.sync.keys.known()] == [(info.fingerprint, "office")]
        [outcome] = laptop.sync.import_bundles([a.sync.export_reverse(usb, "01234").path]).outcomes
        assert outcome.status == "imported", outcome.message  # another clerk's computer: trusted too


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_revocation_list_not_signed_by_the_office_is_refused(
    office: tuple[Workspace, Workspace, Workspace], tmp_path: Path, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bình's computer swaps in an empty list of its own making, to hide its revocation."""
    c, a, b = office
    _trust_office(c, a, tmp_path)
    a.sync.office.revoke(SECRET, b.device_id)
    path = _unchecked(monkeypatch, lambda: b.sync.export_reverse(usb, "01234"))
    forger = Ed25519PrivateKey.generate()
    empty = issue_revocations(forger, Office("19", "Giả mạo"), number=99, revoked={}, issued=utc_now())

    def hide(manifest: dict[str, Any]) -> None:
        manifest["office"]["revocations"] = base64.b64encode(empty).decode("ascii")

    forged = write_zip(tmp_path / "forged.ntmsync", resign(entries(path), b.identity.private_key(), hide))
    counts = row_counts(c)
    [outcome] = c.sync.import_bundles([forged]).outcomes
    assert outcome.status == "rejected" and "danh sách thu hồi" in outcome.message.lower(), outcome.message
    assert row_counts(c) == counts


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_lost_passphrase_means_a_new_office_key_the_communes_trust_again(
    office: tuple[Workspace, Workspace, Workspace], tmp_path: Path, usb: Path
) -> None:
    c, a, b = office
    _trust_office(c, a, tmp_path)
    old = a.sync.office.show()
    assert old is not None
    with pytest.raises(InvalidInput, match="--replace"):
        a.sync.office.create("mật khẩu mới của văn phòng")

    new, _ = a.sync.office.create("mật khẩu mới của văn phòng", replace=True)
    assert new.fingerprint != old.fingerprint and a.sync.office.certificates() == []
    with pytest.raises(Conflict, match="keys office certify"):  # not certified by the new key yet
        b.sync.export_reverse(usb, "01234")
    assert list(usb.iterdir()) == []

    b.sync.office.certify("mật khẩu mới của văn phòng", BINH)
    a.sync.office.export(tmp_path / "new-office.ntmkey")
    c.sync.keys.trust(tmp_path / "new-office.ntmkey")
    c.sync.keys.revoke(old.fingerprint)
    [outcome] = c.sync.import_bundles([b.sync.export_reverse(usb, "01234").path]).outcomes
    assert outcome.status == "imported", outcome.message
    assert {(k.fingerprint, k.how) for k in c.sync.keys.known()} == {
        (old.fingerprint, "revoked"),
        (new.fingerprint, "office"),
    }


def test_a_clerks_computer_is_found_by_the_short_id_the_screens_show_when_it_names_one() -> None:
    """``keys office revoke 3f9a2c1b``: the first eight characters of the device id, as the lists and the
    history show a computer, name it when no other certified computer starts the same way."""
    rows = {
        "fp-a": {"fingerprint": "fp-a", "device_id": "3f9a2c1b4d5e"},
        "fp-b": {"fingerprint": "fp-b", "device_id": "3f9a2c1b9999"},
        "fp-c": {"fingerprint": "fp-c", "device_id": "77aa01bc0123"},
    }
    assert _find(rows, "77aa01bc")["fingerprint"] == "fp-c"
    assert _find(rows, "3f9a2c1b4d5e")["fingerprint"] == "fp-a"  # the whole id, as before
    for ambiguous_or_short in ("3f9a2c1b", "77aa01"):
        with pytest.raises(NotFound):
            _find(rows, ambiguous_or_short)
