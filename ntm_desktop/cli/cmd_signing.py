"""``verify FILE.pdf``, ``certificate new | trust | trusted | untrust`` and ``report seal``.

Report signatures only: the keys that sign sync bundles are ``keys`` (cmd_keys). Secrets come from
environment variables, never from the command line.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ntm_desktop.cli.support import PASSPHRASE_ENV, bounded_int, json_flag, open_workspace, print_json, table
from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.i18n import tr

NAMES = ("verify", "certificate", "token")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    _register_verify(sub, common)
    _register_certificate(sub, common)
    _register_token(sub, common)


def _register_verify(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "verify", parents=[common], help="check every signature of a signed report (exit 5 if changed)"
    )
    p.add_argument("file", metavar="FILE.pdf", help="the signed report to check")
    p.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="FINGERPRINT",
        help="trust this signer's certificate for this check only (see: certificate trust)",
    )
    json_flag(p)
    p.set_defaults(handler=run_verify)


def _register_certificate(sub: Any, common: argparse.ArgumentParser) -> None:
    cert = sub.add_parser(
        "certificate", parents=[common], help="certificates for signing and checking reports"
    )
    csub = cert.add_subparsers(dest="certificate_command", metavar="ACTION", required=True)
    p = csub.add_parser("new", parents=[common], help="make a key and a self-signed certificate (.p12)")
    p.add_argument("--name", required=True, help="the signer's full name, or the organisation's for its seal")
    p.add_argument("--title", default="", help="e.g. Chủ tịch UBND xã")
    p.add_argument("--organisation", default="", help="default: Ủy ban nhân dân <commune>, if set up")
    p.add_argument("--out", required=True, metavar="FILE.p12", help="the key file to write (.p12)")
    p.add_argument("--passphrase-env", required=True, metavar="VAR", help=PASSPHRASE_ENV)
    p.add_argument(
        "--days", type=bounded_int(1, 36_500), default=3 * 365, help="valid for this many days (default 1095)"
    )
    p.set_defaults(handler=run_new_certificate)

    p = csub.add_parser(
        "trust",
        parents=[common],
        help="trust a CA's root or intermediate certificate, or a signer's own (.cer/.crt/.pem) for verify",
    )
    p.add_argument("file", metavar="FILE.pem|.cer", help="the certificate file")
    json_flag(p)
    p.set_defaults(handler=run_trust)
    p = csub.add_parser("trusted", parents=[common], help="the certificates verify trusts")
    json_flag(p)
    p.set_defaults(handler=run_trusted)
    p = csub.add_parser("untrust", parents=[common], help="stop trusting a certificate")
    p.add_argument(
        "fingerprint",
        metavar="FINGERPRINT",
        help="the certificate's fingerprint, as certificate trusted shows it",
    )
    p.set_defaults(handler=run_untrust)


def _register_token(sub: Any, common: argparse.ArgumentParser) -> None:
    token = sub.add_parser(
        "token", parents=[common], help="USB tokens (PKCS#11) and the certificates on them"
    )
    tsub = token.add_subparsers(dest="token_command", metavar="ACTION", required=True)
    p = tsub.add_parser(
        "list",
        parents=[common],
        help="the tokens plugged in behind the known CA drivers, and their certificates",
    )
    p.add_argument("--pkcs11-lib", action="append", default=[], metavar="PATH", help="also this driver")
    json_flag(p)
    p.set_defaults(handler=run_token_list)


def register_seal(rsub: Any, common: argparse.ArgumentParser) -> None:
    """``report seal``: the văn thư adds the organisation's signature to a signed report."""
    from ntm_desktop.cli.report_options import add_key_options

    p = rsub.add_parser(
        "seal", parents=[common], help="add the organisation's signature and seal to a signed report"
    )
    p.add_argument("file", metavar="IN.pdf", help="the signed report to seal (left as it is)")
    p.add_argument("--out", required=True, metavar="OUT.pdf", help="the sealed copy to write")
    p.add_argument("--seal-image", metavar="PNG", help="the seal picture (default: unit --seal-image)")
    add_key_options(p)
    p.set_defaults(handler=run_seal)


def _data_file(args: argparse.Namespace) -> Path | None:
    """The data file the options name, or None for a database server (no file to look beside)."""
    from ntm_desktop.core.paths import is_server_location, resolve_db_path

    db = getattr(args, "db", None)
    return None if is_server_location(db) else resolve_db_path(getattr(args, "data_dir", None), db)


def _store_certificates(args: argparse.Namespace) -> list[Any]:
    """The trusted certificates of the data folder (a server's: this clerk's folder), read without
    opening, or creating, the data file."""
    from ntm_desktop.signing.truststore import TrustStore

    data_file = _data_file(args)
    if data_file is None:
        from ntm_desktop.workspace import clerk_folder

        folder = clerk_folder(str(args.db))
    else:
        folder = data_file.parent
    return TrustStore.in_data_folder(folder).certificates()


def run_verify(args: argparse.Namespace) -> int:
    from ntm_desktop.signing import verify_pdf
    from ntm_desktop.signing.verdict import as_json, details, verdict

    result = verify_pdf(Path(args.file), trusted=[*args.trust, *_store_certificates(args)])
    if args.json:
        print_json(as_json(result))
        return 0 if result.ok else 5
    for heading, lines in details(result):
        print(heading)
        width = max(len(label) for label, _ in lines)
        for label, value in lines:
            print(f"  {label.ljust(width)}  {value}")
        print()
    print(verdict(result))
    for problem in result.problems():
        print(f"- {problem}")
    return 0 if result.ok else 5


def _trusted_json(item: Any) -> dict[str, Any]:
    return {"kind": item.kind.value, **item.info.to_json()}


def _kind_word(item: Any) -> str:
    words = {"root": tr("root CA"), "intermediate": tr("intermediate CA"), "signer": tr("signer")}
    return words[item.kind.value]


def run_trust(args: argparse.Namespace) -> int:
    from ntm_desktop.signing import format_fingerprint

    # the certificates verify trusts belong to this computer's data file, commune or not: trusting a CA
    # may be the first thing done in a new folder (a văn thư who only seals and verifies)
    with open_workspace(args, need_commune=False, create=True) as ws:
        added, known, _ = ws.signing.trust(Path(args.file))
    if args.json:
        print_json({"added": [_trusted_json(t) for t in added], "already": [_trusted_json(t) for t in known]})
        return 0
    for item in added:
        print(tr("Trusted ({kind}): {subject}", kind=_kind_word(item), subject=item.info.subject))
        print("  " + format_fingerprint(item.info.fingerprint))
    for item in known:
        print(tr("Already trusted: {subject}", subject=item.info.subject))
    return 0


def run_trusted(args: argparse.Namespace) -> int:
    from ntm_desktop.core import vntime

    with open_workspace(args, need_commune=False, create=True) as ws:
        items = ws.signing.trusted()
    if args.json:
        print_json([_trusted_json(t) for t in items])
        return 0
    if not items:
        print(tr("No certificate is trusted yet. Add one with: certificate trust FILE.cer"))
        return 0
    rows = [
        [
            _kind_word(t),
            t.info.subject,
            vntime.format_vn(t.info.not_after, offset=False),
            t.info.fingerprint[:16],
        ]
        for t in items
    ]
    print(table(rows, [tr("Kind"), tr("Certificate holder"), tr("Valid until"), tr("Fingerprint")]))
    return 0


def run_untrust(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        item, _ = ws.signing.untrust(args.fingerprint)
    print(tr("No longer trusted: {subject}", subject=item.info.subject))
    return 0


def _token_json(token: Any, now: Any) -> dict[str, Any]:
    certs = [
        {
            "label": c.label,
            "key_id": c.key_id,
            "is_ca": c.is_ca,
            "valid_now": c.info.valid_at(now),
            **c.info.to_json(),
        }
        for c in token.certificates
    ]
    fields = ("module", "ca", "label", "manufacturer", "model", "serial", "error")
    return {**{f: getattr(token, f) for f in fields}, "certificates": certs}


def run_token_list(args: argparse.Namespace) -> int:
    from ntm_desktop.core import vntime
    from ntm_desktop.signing.tokens import installed_modules, list_tokens

    now = vntime.now()
    tokens = list_tokens(args.pkcs11_lib)
    if args.json:
        print_json({"drivers": [str(m.path) for m in installed_modules(args.pkcs11_lib)],
                    "tokens": [_token_json(t, now) for t in tokens]})  # fmt: skip
        return 0
    if not tokens:
        print(tr("No token found. Plug it in, install its driver, or give --pkcs11-lib PATH."))
    for t in tokens:
        print(
            tr(
                "Token {label} ({ca}) — driver {module}",
                label=t.label or "?",
                ca=t.ca or "-",
                module=t.module,
            )
        )
        if t.error:
            print("  " + tr("Could not be read: {reason}", reason=t.error))
        for c in t.certificates:
            state = tr("CA") if c.is_ca else tr("valid") if c.info.valid_at(now) else tr("expired")
            until = vntime.format_vn(c.info.not_after, offset=False)
            print(f"  - {c.info.subject} ({state}, {tr('until')} {until})")
    return 0


def run_new_certificate(args: argparse.Namespace) -> int:
    from ntm_desktop.cli.report_options import secret
    from ntm_desktop.signing import create_certificate, format_fingerprint

    passphrase = secret(args.passphrase_env, "--passphrase-env")
    organisation = args.organisation or _organisation(args)
    if args.days < 1:
        raise InvalidInput([Problem("days", tr("A certificate is valid for 1 to 3650 days"))])
    fp = create_certificate(args.name, args.title, organisation, Path(args.out), passphrase, args.days)
    print(tr("Saved the key and certificate in {path}.", path=args.out))
    print(tr("Certificate fingerprint (SHA-256): {fp}", fp=format_fingerprint(fp)))
    return 0


def _organisation(args: argparse.Namespace) -> str:
    """ "Ủy ban nhân dân xã Bằng Thành" when a data file with a commune exists (none is created)."""
    from ntm_desktop.core.errors import NtmError
    from ntm_desktop.reports.wording import in_text

    data_file = _data_file(args)
    if data_file is None or not data_file.exists():  # a server holds a receiving office, no commune
        return ""
    try:
        with open_workspace(args) as ws:
            unit = ws.unit.home()
    except NtmError:  # no commune set up: the certificate names no organisation
        return ""
    return f"Ủy ban nhân dân {in_text(unit.name, unit.type)}"


def _seal_picture(args: argparse.Namespace) -> bytes | None:
    from ntm_desktop.core.errors import NtmError
    from ntm_desktop.services.signing import read_png

    if args.seal_image:
        return read_png(Path(args.seal_image), "seal_image")
    data_file = _data_file(args)
    if data_file is not None and not data_file.exists():
        return None
    try:
        with open_workspace(args, need_commune=False) as ws:
            image = ws.signing.seal_image()
            return image.path.read_bytes() if image is not None else None
    except (NtmError, OSError):
        return None


def run_seal(args: argparse.Namespace) -> int:
    from ntm_desktop.cli.report_options import key_from
    from ntm_desktop.core import vntime
    from ntm_desktop.reports import seal_report

    args.sign = True  # the key options are those of --sign
    key = key_from(args)
    sealed = seal_report(Path(args.file), Path(args.out), key, _seal_picture(args))
    print(tr("Saved {path}.", path=str(sealed.path)))
    print(
        tr("Sealed by {name} at {time}.", name=sealed.signer_name, time=vntime.format_vn(sealed.signing_time))
    )
    return 0
