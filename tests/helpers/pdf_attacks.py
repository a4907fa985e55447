"""Attacks on a signed PDF, made the way an attacker would: incremental updates appended after signing."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

ALTERED = "ALTERED AFTER SIGNING"


def _name(text: str) -> generic.NameObject:
    return generic.NameObject(text)


def paint_over_page_one(signed: Path, out: Path, text: str = ALTERED) -> Path:
    """Append a revision that draws ``text`` in large red letters across page 1 (nothing is signed)."""
    writer = IncrementalPdfFileWriter(BytesIO(signed.read_bytes()))
    font = writer.add_object(
        generic.DictionaryObject(
            {
                _name("/Type"): _name("/Font"),
                _name("/Subtype"): _name("/Type1"),
                _name("/BaseFont"): _name("/Helvetica-Bold"),
            }
        )
    )
    resources = generic.DictionaryObject(
        {_name("/Font"): generic.DictionaryObject({_name("/FAltered"): font})}
    )
    drawing = f"q 0.85 0 0 rg BT /FAltered 30 Tf 60 470 Td ({text}) Tj ET Q".encode("ascii")
    stream = writer.add_object(generic.StreamObject(stream_data=drawing))
    writer.add_stream_to_page(0, stream, resources=resources)
    buffer = BytesIO()
    writer.write(buffer)
    out.write_bytes(buffer.getvalue())
    return out


def add_unsigned_note(signed: Path, out: Path) -> Path:
    """Append a revision that only adds a harmless-looking entry to the document catalogue."""
    writer = IncrementalPdfFileWriter(BytesIO(signed.read_bytes()))
    writer.root["/NtmNote"] = generic.TextStringObject("ghi chú thêm sau khi ký")
    writer.update_root()
    buffer = BytesIO()
    writer.write(buffer)
    out.write_bytes(buffer.getvalue())
    return out
