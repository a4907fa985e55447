"""The campaign's families of hostile inputs: bundles, records files, Excel files, SIGKILL trials and
random import orders. Each case is drawn from ``random.Random(f"{seed}-{family}-{n}")``."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from bench.hostile_checks import Tally, clear, formula_cells, state, summary_formulas
from bench.hostile_world import World, dumped, fresh, mutate
from ntm_desktop.core.errors import NtmError
from ntm_desktop.workspace import Workspace


def bundles(world: World, tally: Tally, seed: int, count: int) -> None:
    """Re-signed payload mutations (what a commune's stolen key can do) and container mutations."""
    from tests.helpers.hostile import forge, key_of
    from tests.test_bundle_fuzz import MUTATIONS

    folder = world.root / "in-bundles"
    folder.mkdir()
    key = key_of(world.commune)
    base = json.loads(__import__("zipfile").ZipFile(world.bundle).read("records.json"))
    province = fresh(world.province_template, world.root / "p")
    original = world.bundle.read_bytes()
    for n in range(count):
        rng = random.Random(f"{seed}-bundle-{n}")
        path = folder / f"b{n}.ntmsync"
        if rng.random() < 0.15:
            mutation = rng.choice(MUTATIONS)
            path.write_bytes(mutation(rng, original, folder / "scratch.zip"))
            case = f"bundle {n} ({mutation.__name__})"
        else:
            doc = json.loads(json.dumps(base))
            what, raw = mutate(rng, doc, sync_fields=True)
            manifest = {"sequence": rng.choice([2**63, 0, -1, "1"])} if rng.random() < 0.05 else None
            forge(world.bundle, key, raw_records=dumped(doc, raw, compact=True), out=path,
                  manifest=(lambda m, x=manifest: m.update(x)) if manifest else None)  # fmt: skip
            case = f"bundle {n}: {what}"
        if _take_bundle(province, path, tally, case, tolerant=rng.random() < 0.3):
            province.close()
            province = fresh(world.province_template, world.root / "p")
        path.unlink()
    province.close()


def _take_bundle(p: Workspace, path: Path, tally: Tally, case: str, *, tolerant: bool) -> bool:
    """Preview then import one bundle; True when it was taken in (the province must then be reset)."""
    before = state(p)
    try:
        try:
            preview = p.sync.inspect(path, trust_on_first_use=tolerant)
            previewed = preview.can_import
        except NtmError:
            previewed = False
        [outcome] = p.sync.import_bundles([path], trust_on_first_use=tolerant).outcomes
        if outcome.status == "rejected":
            _refused(tally, "bundles", outcome.message, case)
            if state(p) != before:
                tally.add("bundles", "partial", case)
            if previewed:
                tally.add("bundles", "preview_mismatch", f"{case}: preview OK, import refused")
            return False
        tally.add("bundles", "accepted")
        if not previewed and outcome.status == "imported":
            tally.add("bundles", "preview_mismatch", f"{case}: preview refused, import took it")
        _use(p, tally, case)
        return True
    except Exception as exc:  # the very thing the campaign looks for
        tally.unexpected("bundles", case, exc)
        return True


def _use(p: Workspace, tally: Tally, case: str) -> None:
    """What the province does next with what it took in: its lists, summary, Excel, evidence files."""
    for year in (2023, 2024, 2025):
        p.receiver.units(year)
        p.receiver.summary(year)
    for cell in summary_formulas(p, p.path.parent, 2024):
        tally.add("bundles", "formula", f"{case}: {cell}")
    with p.db.read() as s:
        from sqlalchemy import select

        from ntm_desktop.db import models as m

        owners = set(s.scalars(select(m.EvidenceLink.owner_uid)))
    for owner in owners:
        for file in p.evidence.list_for(owner):
            copy = p.evidence.open_copy(file)
            inside = copy.path.parent.parent.resolve() == Path(__import__("tempfile").gettempdir()).resolve()
            if not inside or copy.path.name != file.filename:
                tally.add("files", "outside", f"{case}: {copy.path}")
            shutil.rmtree(copy.path.parent, ignore_errors=True)


def records(world: World, tally: Tally, seed: int, count: int) -> None:
    folder = world.root / "in-records"
    folder.mkdir()
    ws = fresh(world.commune_template, world.root / "r")
    for n in range(count):
        rng = random.Random(f"{seed}-records-{n}")
        doc = json.loads(json.dumps(world.records, default=str))
        # one file in ten is the commune's own export, so the accepting path is walked too
        what, raw = mutate(rng, doc, sync_fields=False) if rng.random() >= 0.1 else ("as exported", "")
        path = folder / f"r{n}.json"
        path.write_bytes(dumped(doc, raw, compact=False))
        if _take_records(ws, path, tally, f"records {n}: {what}"):
            ws.close()
            ws = fresh(world.commune_template, world.root / "r")
        path.unlink()
    ws.close()


def _take_records(ws: Workspace, path: Path, tally: Tally, case: str) -> bool:
    before = state(ws)
    outcomes: list[str] = []
    message = ""
    try:
        for dry_run in (True, False):
            try:
                ws.records.import_file(path, dry_run=dry_run)
                outcomes.append("ok")
            except NtmError as refused:
                outcomes.append("refused")
                message = str(refused)
        if outcomes[0] != outcomes[1]:
            tally.add("records", "preview_mismatch", f"{case}: dry run {outcomes[0]}, import {outcomes[1]}")
        if outcomes[1] == "ok":
            tally.add("records", "accepted")
            ws.progress.summary(2024)
            ws.help.totals()
            return True
        _refused(tally, "records", message, case)
        if state(ws) != before:
            tally.add("records", "partial", case)
        return False
    except Exception as exc:
        tally.unexpected("records", case, exc)
        return True


def excel(world: World, tally: Tally, seed: int, count: int) -> None:
    from bench.hostile_excel import hostile_workbook
    from ntm_desktop.export.xlsx import export_ledger
    from ntm_desktop.records.excel import apply, preview

    folder = world.root / "in-excel"
    folder.mkdir()
    base = folder / "so-ho-tro.xlsx"
    export_ledger(world.commune, base)
    ws = fresh(world.commune_template, world.root / "x")
    for n in range(count):
        rng = random.Random(f"{seed}-excel-{n}")
        path = folder / f"x{n}.xlsx"
        case = f"excel {n}: {hostile_workbook(rng, base, path)}"
        before = state(ws)
        try:
            try:
                pv = preview(ws, path)
            except NtmError as refused:
                _refused(tally, "excel", str(refused), case)
                continue
            if not pv.ok:
                _refused(tally, "excel", pv.text(), case)
                if state(ws) != before:
                    tally.add("excel", "partial", case)
                continue
            apply(ws, pv)
            tally.add("excel", "accepted")
            out = folder / "xuat.xlsx"
            export_ledger(ws, out)
            for cell in formula_cells(out):
                tally.add("excel", "formula", f"{case}: {cell}")
            ws.close()
            ws = fresh(world.commune_template, world.root / "x")
        except Exception as exc:
            tally.unexpected("excel", case, exc)
        finally:
            path.unlink(missing_ok=True)
    ws.close()


def kills(world: World, tally: Tally, seed: int, count: int) -> None:
    from bench.hostile_kills import kill_trials

    kill_trials(world, tally, seed, count)


def orders(world: World, tally: Tally, seed: int, count: int) -> None:
    from bench.hostile_kills import order_trials

    order_trials(world, tally, seed, count)


def _refused(tally: Tally, family: str, message: str, case: str) -> None:
    tally.add(family, "refused")
    if not clear(message):
        tally.add(family, "unclear", f"{case}: {message[:200]!r}")
