"""The Word copy of an official document (python-docx): the same :class:`OfficialDocument` the PDF prints,
in the NĐ 30/2020 layout, for the parts an officer wants to polish in Word or LibreOffice. The signed PDF
stays the official copy.

    write_docx(doc, Path("bao-cao-2025.docx"))
"""

from ntm_desktop.export.docx.writer import write_docx

__all__ = ["write_docx"]
