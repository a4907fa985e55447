"""The Reports page's work off the GUI thread: plain values in, plain values (and ``QImage``s) out.

Nothing here touches a widget. Building the document reads the database, so it runs on the database
worker; laying out, signing, checking and drawing pages run on the other pool.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QImage

from ntm_desktop.core.files import write_bytes_atomic
from ntm_desktop.core.i18n import tr
from ntm_desktop.export.pdf import OfficialDocument
from ntm_desktop.reports import (
    KeySource,
    Made,
    ReportRequest,
    build_document,
    render_document,
    seal_picture,
    seal_report,
    sign_made,
    signature_picture,
)
from ntm_desktop.signing import VerifyResult, verify_pdf
from ntm_desktop.ui.pages.reports.preview import page_images
from ntm_desktop.ui.tasks import Report

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace


@dataclass(frozen=True)
class Shown:
    """A report file, its check when signed, and its pages drawn for the preview."""

    made: Made
    pages: list[QImage]
    check: VerifyResult | None = None
    sealed: bool = False


@dataclass(frozen=True)
class Inputs:
    """What signing takes from the workspace: the picture to draw, and the certificates trusted."""

    picture: bytes | None
    trusted: list[Any]


def signing_inputs(ws: Workspace, signer_name: str) -> Inputs:
    """The signer's own signature picture (database worker)."""
    return Inputs(signature_picture(ws, signer_name), ws.signing.trusted_certificates())


def sealing_inputs(ws: Workspace) -> Inputs:
    """The commune's seal picture (database worker)."""
    return Inputs(seal_picture(ws), ws.signing.trusted_certificates())


def gather(ws: Workspace, request: ReportRequest, report: Report) -> OfficialDocument:
    report(0, 3, tr("Reading the data…"))
    return build_document(ws, request)


def lay_out(doc: OfficialDocument, path: Path, report: Report) -> Shown:
    report(1, 3, tr("Laying out the pages…"))
    made = render_document(doc, path)
    report(2, 3, tr("Drawing the pages…"))
    return Shown(made, page_images(made.path))


def sign(made: Made, out: Path, key: KeySource, inputs: Inputs, report: Report) -> Shown:
    report(0, 3, tr("Signing…"))
    signed = sign_made(made, out, key, inputs.picture)
    report(1, 3, tr("Checking the signature…"))
    check = verify_pdf(signed.path, inputs.trusted)
    report(2, 3, tr("Drawing the pages…"))
    return Shown(signed, page_images(signed.path), check)


def seal(made: Made, out: Path, key: KeySource, inputs: Inputs, report: Report) -> Shown:
    """The văn thư's signature with the seal, on the signed report shown."""
    report(0, 3, tr("Adding the organisation's signature…"))
    sealed = seal_report(made.path, out, key, inputs.picture)
    report(1, 3, tr("Checking the signatures…"))
    check = verify_pdf(sealed.path, inputs.trusted)
    report(2, 3, tr("Drawing the pages…"))
    return Shown(replace(made, path=sealed.path), page_images(sealed.path), check, sealed=True)


def save_copy(source: Path, target: Path) -> Path:
    """Copy the report to where the officer chose, atomically (a full disk leaves no half file)."""
    write_bytes_atomic(target, source.read_bytes())
    return target


def save_summary_xlsx(ws: Workspace, target: Path, year: int) -> Path:
    """The receiver's summary tables of ``year`` as Excel (reads the database: the database worker)."""
    from ntm_desktop.reports.summary_xlsx import export_summary

    export_summary(ws, target, year)
    return target


def check(path: Path, trusted: list[Any]) -> tuple[Path, VerifyResult]:
    return path, verify_pdf(path, trusted)


def word_copy(ws: Workspace, request: ReportRequest, target: Path) -> Path:
    """The report as an editable Word file (database worker: it reads the data again)."""
    from ntm_desktop.reports import make_word_copy

    return make_word_copy(ws, request, target)
