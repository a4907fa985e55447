"""The data a document was made from, embedded in the PDF as ``ntm-data.json`` with its SHA-256."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec, embed_file
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer

ATTACHMENT_NAME = "ntm-data.json"
SHA256_KEY = "/NTMDataSHA256"
"""Key on the embedded file stream that records the SHA-256 printed on the pages."""


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def snapshot_bytes(snapshot: Mapping[str, object]) -> bytes:
    """Canonical JSON (sorted keys, UTF-8, one indent style): the same data gives the same bytes and hash.

    ``Decimal`` values are written as strings (no float rounding), dates in ISO form.
    """
    text = json.dumps(snapshot, ensure_ascii=False, sort_keys=True, indent=1, default=_json_default)
    return (text + "\n").encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def embed_data(pdf: bytes, data: bytes, data_sha256: str) -> bytes:
    """A copy of ``pdf`` (one revision) with ``data`` attached as ``ntm-data.json``."""
    writer = copy_into_new_writer(PdfFileReader(BytesIO(pdf)))
    stream = EmbeddedFileObject.from_file_data(
        writer, data, params=EmbeddedFileParams(), mime_type="application/json"
    )
    stream[SHA256_KEY] = generic.TextStringObject(data_sha256)
    embed_file(
        writer,
        FileSpec(
            file_spec_string=ATTACHMENT_NAME,
            file_name=ATTACHMENT_NAME,
            embedded_data=stream,
            description=f"Dữ liệu nguồn của văn bản (SHA-256: {data_sha256})",
        ),
    )
    out = BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


@dataclass(frozen=True)
class EmbeddedData:
    """The attachment as read back: its bytes, the SHA-256 recorded with it, and whether they agree."""

    data: bytes
    declared_sha256: str

    @property
    def actual_sha256(self) -> str:
        return sha256_hex(self.data)

    @property
    def matches(self) -> bool:
        return self.declared_sha256 == self.actual_sha256


def read_data(reader: PdfFileReader) -> EmbeddedData | None:
    """The ``ntm-data.json`` attachment of a PDF, or ``None`` if it has none."""
    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    except KeyError:
        return None
    for i in range(0, len(names) - 1, 2):
        if str(names[i]) != ATTACHMENT_NAME:
            continue
        stream = names[i + 1].get_object()["/EF"]["/F"].get_object()
        declared = stream.get(SHA256_KEY)
        return EmbeddedData(bytes(stream.data), str(declared) if declared is not None else "")
    return None
