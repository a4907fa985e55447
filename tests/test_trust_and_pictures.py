"""What an office keeps for signed reports: trusted certificates (``certificate trust``) and the signature
and seal pictures (``unit --signature-image / --seal-image``). Each change is audited; bad files change
nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from ntm_desktop.cli.main import main
from ntm_desktop.db import models as m
from ntm_desktop.signing import create_certificate, load_p12, sign_pdf, verify_pdf
from ntm_desktop.workspace import Workspace
from tests.helpers.ca import TrialCA
from tests.helpers.pictures import seal_png, signature_png

PASSPHRASE = "mat-khau-2026"


def _audits(ws: Workspace, action: str) -> list[m.AuditEntry]:
    with ws.db.read() as s:
        return list(s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == action)))


def test_trusting_a_root_lists_it_and_a_stray_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ca = TrialCA.make()
    office = ("--data-dir", str(tmp_path / "tinh"))
    assert main([*office, "certificate", "trusted"]) == 0
    assert "Chưa tin cậy" in capsys.readouterr().out
    bogus = tmp_path / "khong-phai.cer"
    bogus.write_text("không phải chứng thư")
    assert main([*office, "certificate", "trust", str(bogus)]) == 3
    assert "khong-phai.cer" in capsys.readouterr().err
    assert main([*office, "certificate", "trust", str(ca.root_pem(tmp_path / "root.pem"))]) == 0
    assert main([*office, "certificate", "trust", str(tmp_path / "root.pem")]) == 0
    assert "Đã tin cậy từ trước" in capsys.readouterr().out
    assert main([*office, "certificate", "trusted", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["kind"] == "root" and listed["subject"] == "CN=NTM Test Root CA, C=VN"
    with Workspace.open(tmp_path / "tinh" / "ntm.sqlite") as ws:
        assert [a.entity_uid for a in _audits(ws, "certificate.trust")] == [listed["fingerprint"]]
    assert main([*office, "certificate", "untrust", listed["fingerprint"]]) == 0
    assert "Đã thôi tin cậy: CN=NTM Test Root CA" in capsys.readouterr().out
    assert main([*office, "certificate", "trusted", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_an_intermediate_alone_is_enough_to_trust_what_it_issued(tmp_path: Path) -> None:
    from ntm_desktop.export.pdf import find_font_family, render
    from ntm_desktop.export.pdf.sample import sample_report
    from ntm_desktop.signing.truststore import TrustStore, kind_of

    ca = TrialCA.make()
    key, _, _ = ca.issue_p12(tmp_path / "a.p12", "Hoàng Văn Thắng", PASSPHRASE)
    report = render(sample_report(find_font_family()), tmp_path / "bc.pdf")
    with load_p12(key, PASSPHRASE) as signer:
        signed = sign_pdf(report.path, tmp_path / "ky.pdf", signer, report.signature_box).path
    store = TrustStore(tmp_path / "store")
    assert not verify_pdf(signed, store.certificates()).trusted
    assert kind_of(ca.intermediate).value == "intermediate"
    store.add(ca.intermediate)
    check = verify_pdf(signed, store.certificates())
    assert check.trusted and check.signatures[0].certificate.issuer == "CN=NTM Test Root CA - Sub CA, C=VN"


def test_a_self_signed_signer_can_be_trusted_from_its_certificate_file(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.serialization import pkcs12

    from ntm_desktop.signing.truststore import TrustStore, describe

    p12 = tmp_path / "xa.p12"
    create_certificate("Nguyễn Văn A", "Chủ tịch", "UBND xã Bằng Thành", p12, PASSPHRASE)
    _, cert, _ = pkcs12.load_key_and_certificates(p12.read_bytes(), PASSPHRASE.encode())
    assert cert is not None and describe(cert).kind.value == "signer"
    TrustStore(tmp_path / "store").add(cert)
    assert TrustStore(tmp_path / "store").contains(cert)


def test_pictures_are_stored_once_audited_and_bad_ones_change_nothing(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", str(ws.path))
    not_png = tmp_path / "chu-ky.png"
    not_png.write_bytes(b"GIF89a" + b"\0" * 40)
    assert main([*db, "unit", "--signature-image", str(not_png)]) == 3
    assert capsys.readouterr().err == "Lỗi: Ảnh chữ ký: chu-ky.png không phải ảnh PNG.\n"  # not “image”
    assert ws.signing.signature_image() is None and not _audits(ws, "signing.signature_image")
    assert main([*db, "unit", "--seal-image", str(not_png)]) == 3
    assert capsys.readouterr().err == "Lỗi: Ảnh con dấu: chu-ky.png không phải ảnh PNG.\n"
    assert main([*db, "unit", "--seal-image", str(tmp_path / "khong-co.png")]) == 3
    assert capsys.readouterr().err.endswith("; ghi bằng tùy chọn --seal-image\n")  # the option to retype
    assert ws.signing.seal_image() is None and not _audits(ws, "signing.seal_image")

    sig, seal = signature_png(tmp_path / "a" / "ky.png"), seal_png(tmp_path / "a" / "dau.png")
    assert main([*db, "unit", "--signature-image", str(sig), "--seal-image", str(seal)]) == 0
    assert "Nguyễn Văn A" in capsys.readouterr().out
    stored = ws.signing.signature_image("NGUYEN VAN A")
    assert stored is not None and stored.path.read_bytes() == sig.read_bytes()
    assert ws.signing.signature_image("Lê Thị Bích") is None  # the picture is the chairman's only
    seal_stored = ws.signing.seal_image()
    assert seal_stored is not None and seal_stored.path.read_bytes() == seal.read_bytes()
    assert len(_audits(ws, "signing.signature_image")) == 1 and len(_audits(ws, "signing.seal_image")) == 1
