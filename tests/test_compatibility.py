"""One compatibility policy for every format (docs/compatibility.md): a file from a newer minor version is
read, with the fields this version does not know set aside (named in a notice, kept in the data file);
a file from a newer major version is refused with "update the software"; in a file of this version's
own format an unknown field is still an error (it is usually a typo)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from ntm_desktop.cli.main import main
from ntm_desktop.core.compat import FormatVersion
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.resources import resource
from ntm_desktop.db import models as m
from ntm_desktop.records.reader import MINE
from ntm_desktop.workspace import Workspace
from tests.helpers.bundles import entries, payload_of, resign, write_zip
from tests.helpers.records_example import EXAMPLE
from tests.helpers.sync import help_record, pair, supporter, usb

NEWER = str(FormatVersion(MINE.major, MINE.minor + 1))
"""A records version one minor above this app's."""

__all__ = ["pair", "usb"]  # fixtures


def test_versions_read_as_the_policy_says() -> None:
    assert FormatVersion.parse(1) == FormatVersion(1, 0) and FormatVersion.parse("1.3") == FormatVersion(1, 3)
    assert [FormatVersion.parse(x) for x in ("1", 1.5, True, -1, "v2")] == [None] * 5
    assert FormatVersion(1).to_json() == 1 and FormatVersion(1, 2).to_json() == "1.2"


# ---- records-v1 ----------------------------------------------------------------------------------------


def _example(version: object, **help_fields: Any) -> dict[str, Any]:
    doc = copy.deepcopy(EXAMPLE)
    doc["version"] = version
    doc["help"][0].update(help_fields)
    return doc


def test_records_from_a_newer_minor_import_with_the_new_fields_set_aside(blank_ws: Workspace) -> None:
    doc = _example(NEWER, budget_line="ngân sách tỉnh")
    doc["help"][0]["items"][0]["origin"] = "Sở Tài chính"
    doc["recognition"] = [{"year": 2023, "text": "…"}]

    result = blank_ws.records.import_data(doc)

    assert result.counts["help"].created == 1 and result.counts["assessments"].created == 2
    assert result.set_aside == ("recognition", "help[0].budget_line", "help[0].items[0].origin")
    assert "3 trường phiên bản này chưa biết" in result.text() and "Hãy cập nhật phần mềm" in result.text()
    assert result.to_json()["set_aside"] == list(result.set_aside)
    with blank_ws.db.read() as s:
        kept = {(f.kind, f.record_id, f.path): f.value for f in s.scalars(select(m.SetAsideField))}
    help_id = EXAMPLE["help"][0]["id"]
    assert kept == {
        ("", "", "recognition"): [{"year": 2023, "text": "…"}],
        ("help", help_id, "budget_line"): "ngân sách tỉnh",
        ("help", help_id, "items[0].origin"): "Sở Tài chính",
    }
    assert blank_ws.records.export()["help"] == EXAMPLE["help"]  # the fields set aside are not in it


def test_records_of_this_version_still_refuse_an_unknown_field(blank_ws: Workspace) -> None:
    for version in (1, "1.0", "1.1", str(MINE)):
        with pytest.raises(InvalidInput) as refused:
            blank_ws.records.import_data(_example(version, fundng_source="ngân sách tỉnh"))
        assert "Khoản hỗ trợ thứ 1 · “fundng_source”: trường không có trong định dạng" in str(refused.value)
    assert not blank_ws.unit.has_home()


def test_a_newer_minor_still_checks_the_fields_it_knows(blank_ws: Workspace) -> None:
    with pytest.raises(InvalidInput) as refused:
        blank_ws.records.import_data(_example("1.4", title=""))
    assert "Khoản hỗ trợ thứ 1 · Nội dung hỗ trợ" in str(refused.value)


@pytest.mark.parametrize("version", [2, "2.0", "3.1"])
def test_records_from_a_newer_major_are_refused(blank_ws: Workspace, version: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        blank_ws.records.import_data(_example(version))
    assert refused.value.problems[0].path == "version" and "cập nhật" in refused.value.message
    assert not blank_ws.unit.has_home()


def test_the_cli_says_what_was_set_aside(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "newer.json"
    path.write_text(json.dumps(_example(NEWER, budget_line="x"), ensure_ascii=False), encoding="utf-8")
    assert main(["--db", str(tmp_path / "cli.sqlite"), "records", "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "help[0].budget_line" in out and "Hãy cập nhật phần mềm" in out


# ---- bundles -------------------------------------------------------------------------------------------


def _newer(
    c: Workspace, bundle: Path, manifest_version: object, records_version: object, add: bool = True
) -> Path:
    """The bundle as a newer version would make it: its versions, a new field in the manifest, in the
    payload, in a record and in a record's sync fields (signed by the commune's own key)."""
    items = entries(bundle)
    payload = payload_of(items)
    payload["version"] = records_version
    if add:
        payload["help"][0]["budget_line"] = "ngân sách tỉnh"
        payload["help"][0]["_reviewed_by"] = "Nguyễn Văn A"
        payload["recognition"] = {"decision": "123/QĐ-UBND"}
    data = json.dumps(payload, ensure_ascii=False).encode()
    items = [(name, data if name == "records.json" else d) for name, d in items]

    def edit(manifest: dict[str, Any]) -> None:
        manifest["format_version"] = manifest_version
        if add:
            manifest["compression"] = "deflate"

    target = bundle.with_name("newer-" + bundle.name)
    write_zip(target, resign(items, c.sync.identity.private_key(), edit))
    return target


def _bundle(c: Workspace, usb: Path) -> Path:
    help_record(c, "Bê tông hóa đường thôn Nà Phầy", supporter(c, "Sở Nội vụ tỉnh Bắc Kạn"))
    return c.sync.export(usb).path


def test_a_bundle_from_a_newer_minor_is_imported_and_says_what_it_set_aside(
    pair: tuple[Workspace, Workspace], usb: Path
) -> None:
    c, p = pair
    newer = _newer(c, _bundle(c, usb), "1.2", NEWER)  # manifest 1.1 and records MINE are this app's

    preview = p.sync.inspect(newer)
    assert preview.can_import and "manifest.compression" in preview.notice
    assert "help[0].budget_line" in preview.text() and "Hãy cập nhật phần mềm" in preview.text()
    [outcome] = p.sync.import_bundles([newer]).outcomes
    assert outcome.status == "imported" and outcome.counts["help"].created == 1
    assert "help[0]._reviewed_by" in outcome.text() and "recognition" in outcome.notice
    with p.db.read() as s:
        kept = {(f.kind, f.path): (f.value, f.format_version) for f in s.scalars(select(m.SetAsideField))}
        [title] = s.scalars(select(m.Help.title).where(m.Help.unit_code == "01234"))
        [record] = s.execute(select(m.Help.record_id, m.Help.version).where(m.Help.unit_code == "01234"))
        owners = {(f.record_id, f.record_version) for f in s.scalars(select(m.SetAsideField)) if f.kind}
    assert owners == {tuple(record)}  # kept under the record they came with, and its version
    assert kept == {
        ("", "recognition"): ({"decision": "123/QĐ-UBND"}, NEWER),
        ("help", "_reviewed_by"): ("Nguyễn Văn A", NEWER),
        ("help", "budget_line"): ("ngân sách tỉnh", NEWER),
    }
    assert title == "Bê tông hóa đường thôn Nà Phầy"


def test_a_bundle_of_this_version_still_refuses_an_unknown_field(
    pair: tuple[Workspace, Workspace], usb: Path
) -> None:
    c, p = pair
    [outcome] = p.sync.import_bundles([_newer(c, _bundle(c, usb), 1, 1)]).outcomes
    assert outcome.status == "rejected" and "compression" in outcome.message
    [outcome] = p.sync.import_bundles([_newer(c, _bundle(c, usb), "1.2", str(MINE))]).outcomes
    assert outcome.status == "rejected" and "Khoản hỗ trợ thứ 1 · “budget_line”" in outcome.message


@pytest.mark.parametrize(("manifest", "records"), [(2, 1), ("2.0", 1), (1, 2), ("1.3", "2.1")])
def test_a_bundle_from_a_newer_major_is_refused(
    pair: tuple[Workspace, Workspace], usb: Path, manifest: object, records: object
) -> None:
    c, p = pair
    [outcome] = p.sync.import_bundles([_newer(c, _bundle(c, usb), manifest, records, add=False)]).outcomes
    assert outcome.status == "rejected" and outcome.reason == "future-version"
    assert "Hãy cập nhật NTM Desktop" in outcome.message


# ---- criteria sets ------------------------------------------------------------------------------------


def _set_file(tmp_path: Path, version: object, **extra: Any) -> Path:
    shipped = sorted(f for f in resource("criteria").iterdir() if f.name.endswith(".json"))
    data = json.loads(shipped[0].read_text(encoding="utf-8"))
    data["format_version"] = version
    data.update(extra)
    data["criteria"][0]["weight"] = 3
    path = tmp_path / "tinh.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_criteria_set_from_a_newer_minor_loads_and_says_what_it_set_aside(
    blank_ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded = blank_ws.criteria.load_file(_set_file(tmp_path, "2.1", choices_by_period={}))
    assert loaded.set.revision >= 1
    assert "choices_by_period" in loaded.notice and "criteria[0].weight" in loaded.notice
    path = _set_file(tmp_path, "2.3")
    assert main(["--db", str(blank_ws.path), "criteria", "load", str(path)]) == 0
    assert "criteria[0].weight" in capsys.readouterr().out


def test_a_criteria_set_of_this_version_still_refuses_an_unknown_field(
    blank_ws: Workspace, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInput) as refused:
        blank_ws.criteria.load_file(_set_file(tmp_path, 2))
    assert "Tiêu chí thứ 1 · “weight”" in str(refused.value)


@pytest.mark.parametrize("version", [3, "3.0"])
def test_a_criteria_set_from_a_newer_major_is_refused(
    blank_ws: Workspace, tmp_path: Path, version: object
) -> None:
    with pytest.raises(InvalidInput) as refused:
        blank_ws.criteria.load_file(_set_file(tmp_path, version))
    assert refused.value.problems[0].path == "format_version" and "cập nhật" in refused.value.message
