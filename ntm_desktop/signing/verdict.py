"""A signed PDF's check in words: what ``verify`` prints, what the Reports page shows, and its JSON.

Times are Vietnam time whatever the computer's zone. Every signature is listed with its certificate
(subject, issuer, serial, fingerprint, validity) so a reader sees when two carry the same name but are not
the same certificate.
"""

from __future__ import annotations

from typing import Any

from ntm_desktop.core import vntime
from ntm_desktop.core.i18n import tr
from ntm_desktop.signing.certificate import format_fingerprint
from ntm_desktop.signing.verify import Later, SignatureCheck, VerifyResult

Section = tuple[str, list[tuple[str, str]]]


def _yes_no(value: bool) -> str:
    return tr("yes") if value else tr("no")


def verdict(result: VerifyResult) -> str:
    """One sentence naming the file: may the officer rely on it?"""
    name = result.file_name
    if not result.signed:
        return tr("{file}: the document is not signed.", file=name)
    if not result.intact:
        return tr("{file}: the document was changed after it was signed: do not rely on it.", file=name)
    if not result.data_matches:
        return tr(
            "{file}: the signatures are intact, but the attached data does not match the pages.", file=name
        )
    if result.appended_after_last:
        return tr(
            "{file}: the signatures are intact, but something unsigned was added after the last one.",
            file=name,
        )
    if not result.trusted:
        return tr("{file}: unchanged since it was signed. Check the signers' certificates.", file=name)
    return tr("{file}: unchanged since it was signed, by trusted signers.", file=name)


def _later(s: SignatureCheck) -> str:
    words = {
        Later.NOTHING: tr("none (it covers the whole file)"),
        Later.SIGNING: tr("signatures or the seal only"),
        Later.ANNOTATIONS: tr("comments or markup on the pages"),
        Later.OTHER: tr("changes to the content"),
        Later.UNKNOWN: tr("could not be analysed"),
    }
    text = words[s.later]
    if s.later is not Later.NOTHING:
        text += " — " + (tr("allowed") if s.changes_allowed else tr("not allowed"))
    return text


def _signature_lines(s: SignatureCheck) -> list[tuple[str, str]]:
    c = s.certificate
    issuer = c.issuer + (f" ({tr('self-signed')})" if c.self_signed else "")
    return [
        (tr("Signed by"), " — ".join(p for p in (c.name, c.title) if p)),
        (tr("Organisation"), c.organisation or "—"),
        (tr("Signing time"), vntime.format_vn(s.signing_time) if s.signing_time else "—"),
        (tr("Unchanged since signing"), _yes_no(s.intact)),
        (tr("Changes after it"), _later(s)),
        (tr("Chain reaches a trusted certificate"), _yes_no(s.trusted)),
        (tr("Certificate holder"), c.subject),
        (tr("Certificate issuer"), issuer),
        (tr("Certificate serial number"), c.serial),
        (tr("Certificate fingerprint"), format_fingerprint(c.fingerprint)),
        (
            tr("Certificate valid"),
            tr(
                "{start} to {end}",
                start=vntime.format_vn(c.not_before, offset=False),
                end=vntime.format_vn(c.not_after, offset=False),
            ),
        ),
    ]


def details(result: VerifyResult) -> list[Section]:
    """(heading, [(label, value)]) for each signature in signing order, then the attached data."""
    sections: list[Section] = [
        (tr("Signature {n} ({field})", n=n, field=s.field), _signature_lines(s))
        for n, s in enumerate(result.signatures, 1)
    ]
    data = [(tr("Data fingerprint (SHA-256)"), result.data_sha256 or "—")]
    if result.data_sha256:
        data.append((tr("Data matches the pages"), _yes_no(result.data_matches)))
    if result.signed:
        data.append((tr("Added after the last signature"), _yes_no(result.appended_after_last)))
    sections.append((tr("Attached data"), data))
    return sections


def signature_json(s: SignatureCheck) -> dict[str, Any]:
    c = s.certificate
    return {
        "field": s.field,
        "signer": c.name,
        "title": c.title,
        "organisation": c.organisation,
        "time": vntime.iso_vn(s.signing_time) if s.signing_time else None,
        "intact": s.intact,
        "trusted": s.trusted,
        "covers_whole_file": s.covers_whole_file,
        "changes_after": s.later.value,
        "changes_allowed": s.changes_allowed,
        "certified": s.certified,
        "certificate": c.to_json(),
    }


def as_json(result: VerifyResult) -> dict[str, Any]:
    return {
        "file": result.file_name,
        "signatures": [signature_json(s) for s in result.signatures],
        "damaged_signatures": list(result.unreadable),
        "appended_after_last_signature": result.appended_after_last,
        "data_sha256": result.data_sha256,
        "data_matches": result.data_matches,
        "ok": result.ok,
        "verdict": verdict(result),
        "problems": result.problems(),
    }
