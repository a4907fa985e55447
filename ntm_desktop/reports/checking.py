"""A signed report's check, in words: what the CLI prints and the Reports page shows."""

from __future__ import annotations

from typing import Any

from ntm_desktop.core.i18n import tr
from ntm_desktop.signing import VerifyResult, format_fingerprint


def _yes_no(value: bool) -> str:
    return tr("yes") if value else tr("no")


def verdict(result: VerifyResult) -> str:
    """One sentence: may the officer rely on this file?"""
    if not result.signed:
        return tr("The document is not signed.")
    if not (result.intact and result.valid):
        return tr("The document was changed after it was signed: do not rely on it.")
    if not result.covers_whole_document:
        return tr("Something was added to the document after it was signed: do not rely on it.")
    if not result.data_matches:
        return tr("The signature is intact, but the attached data does not match the pages.")
    if not result.trusted:
        return tr("The document is unchanged since it was signed. Check the signer's fingerprint.")
    return tr("The document is unchanged since it was signed by a trusted signer.")


def details(result: VerifyResult) -> list[tuple[str, str]]:
    """(label, value) lines: signer, time, intact / valid / trusted, the data hash."""
    lines: list[tuple[str, str]] = []
    if result.signed:
        who = " — ".join(
            p for p in (result.signer_name, result.signer_title, result.signer_organisation) if p
        )
        when = result.signing_time.strftime("%d/%m/%Y %H:%M:%S %z") if result.signing_time else "—"
        lines += [
            (tr("Signed by"), who),
            (tr("Certificate fingerprint"), format_fingerprint(result.signer_fingerprint)),
            (tr("Signing time"), when),
            (tr("Unchanged since signing"), _yes_no(result.intact and result.covers_whole_document)),
            (tr("Signature valid"), _yes_no(result.valid)),
            (tr("Signer trusted"), _yes_no(result.trusted)),
        ]
    data = result.data_sha256 or "—"
    lines.append((tr("Data fingerprint (SHA-256)"), data))
    if result.data_sha256:
        lines.append((tr("Data matches the pages"), _yes_no(result.data_matches)))
    return lines


def as_json(result: VerifyResult) -> dict[str, Any]:
    return {
        "signed": result.signed,
        "signatures": result.signature_count,
        "signer": {
            "name": result.signer_name,
            "title": result.signer_title,
            "organisation": result.signer_organisation,
            "fingerprint": result.signer_fingerprint,
        },
        "signing_time": result.signing_time.isoformat() if result.signing_time else None,
        "intact": result.intact,
        "valid": result.valid,
        "trusted": result.trusted,
        "covers_whole_document": result.covers_whole_document,
        "data_sha256": result.data_sha256,
        "data_matches": result.data_matches,
        "ok": result.ok,
        "verdict": verdict(result),
        "problems": result.problems(),
    }
