"""Making a report file: gather the figures, lay out the PDF, sign it when asked. Nothing is left half done.

With a key, the figures are gathered, then the key is opened (on a token holding several keys, the printed
signer's), the unsigned PDF is laid out in a temporary folder, and only the signed file is written at
``out``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_desktop.core.files import require_parent
from ntm_desktop.core.i18n import tr
from ntm_desktop.export.pdf import OfficialDocument, SignatureBox, render
from ntm_desktop.reports import commune, progress, summary, supporter
from ntm_desktop.reports.requests import (
    CommuneReport,
    ProgressReport,
    ReportRequest,
    SummaryReport,
    SupporterReport,
)
from ntm_desktop.signing import KeySigner, SignResult, load_p12, load_pkcs11, sign_pdf
from ntm_desktop.signing.names import require_signer

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

Progress = Callable[[int, int, str], None]
"""``report(done, total, text)``: how far the work is, for a progress bar."""

SIGN_REASON = "Phê duyệt báo cáo"


@dataclass(frozen=True)
class FileKey:
    """A key file (.p12 / .pfx) and its passphrase."""

    path: Path
    passphrase: str = field(repr=False)


@dataclass(frozen=True)
class TokenKey:
    """A USB token or smart card: the vendor's PKCS#11 driver, the token's label and its PIN."""

    library: str
    token_label: str
    pin: str = field(repr=False)
    key_label: str | None = None
    subject: str | None = None
    """Whose key: the one whose certificate names them and is valid now (default: the printed signer)."""


KeySource = FileKey | TokenKey


def open_key(key: KeySource) -> KeySigner:
    """Open the key; a wrong passphrase or PIN raises :class:`~ntm_desktop.signing.SigningError`."""
    if isinstance(key, FileKey):
        return load_p12(key.path, key.passphrase)
    return load_pkcs11(key.library, key.token_label, key.pin, key.key_label, key.subject)


def for_holder(key: KeySource, holder: str) -> KeySource:
    """On a token holding several keys, take the one of ``holder`` unless a key was named."""
    if isinstance(key, TokenKey) and not key.key_label and not key.subject:
        return replace(key, subject=holder)
    return key


def build_document(ws: Workspace, request: ReportRequest) -> OfficialDocument:
    """The report asked for, as an :class:`OfficialDocument` (reads the workspace, writes nothing)."""
    if isinstance(request, CommuneReport):
        return commune.build(ws, request)
    if isinstance(request, SupporterReport):
        return supporter.build(ws, request)
    if isinstance(request, ProgressReport):
        return progress.build(ws, request)
    if isinstance(request, SummaryReport):
        return summary.build(ws, request)
    raise TypeError(f"unknown report request {request!r}")


@dataclass(frozen=True)
class Made:
    """A report file: where it is, its pages, the data hash printed on them, and its signature if signed."""

    path: Path
    pages: int
    data_sha256: str
    signature_box: SignatureBox
    place: str
    title: str
    signer_name: str = ""
    """The person printed under the signature: only their own certificate may sign."""
    signed: SignResult | None = None


def render_document(doc: OfficialDocument, out: Path | str) -> Made:
    result = render(doc, out)
    return Made(
        result.path,
        result.pages,
        result.data_sha256,
        result.signature_box,
        doc.place,
        doc.title,
        signer_name=doc.signature.name,
    )


def sign_with(signer: KeySigner, made: Made, out: Path | str, picture: bytes | None = None) -> Made:
    """Sign ``made`` into ``out`` (may be the same file) with an opened key, the stamp (or the signer's
    ``picture``) where the document left room for it, and the seal's field kept empty beside it.

    A certificate that is not the printed signer's is refused (exit 3)."""
    require_signer(signer.identity.name, made.signer_name)
    signed = sign_pdf(
        made.path,
        out,
        signer,
        made.signature_box,
        reason=SIGN_REASON,
        location=made.place,
        picture=picture,
        reserve_seal=True,
    )
    return replace(made, path=signed.path, signed=signed)


def sign_made(made: Made, out: Path | str, key: KeySource, picture: bytes | None = None) -> Made:
    with open_key(for_holder(key, made.signer_name)) as signer:
        return sign_with(signer, made, out, picture)


def seal_report(
    source: Path | str, out: Path | str, key: KeySource, picture: bytes | None = None
) -> SignResult:
    """The văn thư adds the organisation's signature (the seal) to a signed report: see
    :func:`ntm_desktop.signing.seal.seal_pdf`. The key is opened first; nothing is written on failure."""
    from ntm_desktop.signing.seal import issuer_of_file, seal_pdf

    require_parent(Path(out))  # before the key is opened (a token would ask for its PIN)
    with open_key(for_holder(key, issuer_of_file(Path(source)))) as signer:
        return seal_pdf(source, out, signer, picture)


def signature_picture(ws: Workspace, signer_name: str) -> bytes | None:
    """The signature picture the officer chose (``unit --signature-image``), if it is this signer's."""
    image = ws.signing.signature_image(signer_name)
    return image.path.read_bytes() if image is not None else None


def seal_picture(ws: Workspace) -> bytes | None:
    image = ws.signing.seal_image()
    return image.path.read_bytes() if image is not None else None


def _noop(done: int, total: int, text: str) -> None:
    """No progress bar to move."""


def make_report(
    ws: Workspace,
    request: ReportRequest,
    out: Path | str,
    key: KeySource | None = None,
    progress: Progress | None = None,
) -> Made:
    """Write the report asked for at ``out``, signed when ``key`` is given. A failure leaves no file."""
    step = progress or _noop
    out = require_parent(Path(out))  # before the data is read or a key asked for
    if key is None:
        step(0, 2, tr("Reading the data…"))
        doc = build_document(ws, request)
        step(1, 2, tr("Laying out the pages…"))
        made = render_document(doc, out)
        step(2, 2, tr("Done."))
        return made
    step(0, 4, tr("Reading the data…"))
    doc = build_document(ws, request)
    picture = signature_picture(ws, doc.signature.name)
    step(1, 4, tr("Opening the key…"))
    with open_key(for_holder(key, doc.signature.name)) as signer:
        require_signer(signer.identity.name, doc.signature.name)  # before anything is laid out
        step(2, 4, tr("Laying out the pages…"))
        with tempfile.TemporaryDirectory(prefix="ntm-report-") as folder:
            draft = render_document(doc, Path(folder) / "draft.pdf")
            step(3, 4, tr("Signing…"))
            made = sign_with(signer, draft, out, picture)
    step(4, 4, tr("Done."))
    return made


def make_word_copy(ws: Workspace, request: ReportRequest, out: Path | str) -> Path:
    """The same report as an editable Word file (.docx) at ``out``, never signed: the signed PDF stays the
    official copy. A failure leaves no file."""
    from ntm_desktop.export.docx import write_docx

    return write_docx(build_document(ws, request), require_parent(Path(out)))
