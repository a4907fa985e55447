"""What a file really is, from its first bytes (and, for ZIP containers, their member names), and whether
opening it with the system's default program could run something.

A file's name says what it claims to be; its bytes say what it is. Before an evidence file is opened the
app shows the real type and asks when the file is a program or a script (by its name or by its content),
or when its name does not match its content (``bien-ban.pdf`` holding a Windows program).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ntm_desktop.core.filenames import extension
from ntm_desktop.core.i18n import tr

HEAD_BYTES = 8192


@dataclass(frozen=True)
class FileType:
    key: str
    extensions: tuple[str, ...] = ()
    runs: bool = False
    """Opening it runs a program (a Windows or Linux program, a script, a shortcut, an installer)."""

    @property
    def label(self) -> str:
        """What it is, for the officer ("PDF document"), in the current language."""
        return _LABELS[self.key]()


def _t(key: str, extensions: str = "", runs: bool = False) -> FileType:
    return FileType(key, tuple(extensions.split()), runs)


PDF = _t("pdf", ".pdf")
JPEG = _t("jpeg", ".jpg .jpeg .jpe .jfif")
PNG = _t("png", ".png")
GIF = _t("gif", ".gif")
WEBP = _t("webp", ".webp")
TIFF = _t("tiff", ".tif .tiff")
BMP = _t("bmp", ".bmp")
HEIC = _t("heic", ".heic .heif")
MP4 = _t("mp4", ".mp4 .m4v .mov .3gp")
DOCX = _t("docx", ".docx .docm .dotx")
XLSX = _t("xlsx", ".xlsx .xlsm .xltx")
PPTX = _t("pptx", ".pptx .ppsx")
ODF = _t("odf", ".odt .ods .odp")
ZIP = _t("zip", ".zip")
OLE = _t("ole", ".doc .xls .ppt .msg")
RTF = _t("rtf", ".rtf .doc")
TEXT = _t("text", ".txt .csv .md .json .xml .log .html .htm")
EXE = _t("exe", ".exe .dll .scr .com .sys .cpl", runs=True)
ELF = _t("elf", ".so .bin .run .appimage", runs=True)
MACHO = _t("macho", "", runs=True)
SCRIPT = _t("script", ".sh .py .pl", runs=True)
LNK = _t("lnk", ".lnk", runs=True)
DESKTOP = _t("desktop", ".desktop", runs=True)
JAR = _t("jar", ".jar", runs=True)
MSI = _t("msi", ".msi .msp", runs=True)
UNKNOWN = _t("unknown")

KNOWN = (
    PDF, JPEG, PNG, GIF, WEBP, TIFF, BMP, HEIC, MP4, DOCX, XLSX, PPTX, ODF, ZIP, OLE, RTF, TEXT,
    EXE, ELF, MACHO, SCRIPT, LNK, DESKTOP, JAR, MSI,
)  # fmt: skip
_LABELS: dict[str, Callable[[], str]] = {
    "pdf": lambda: tr("PDF document"),
    "jpeg": lambda: tr("JPEG image"),
    "png": lambda: tr("PNG image"),
    "gif": lambda: tr("GIF image"),
    "webp": lambda: tr("WebP image"),
    "tiff": lambda: tr("TIFF image"),
    "bmp": lambda: tr("BMP image"),
    "heic": lambda: tr("HEIC photo"),
    "mp4": lambda: tr("video"),
    "docx": lambda: tr("Word document"),
    "xlsx": lambda: tr("Excel workbook"),
    "pptx": lambda: tr("PowerPoint presentation"),
    "odf": lambda: tr("OpenDocument file"),
    "zip": lambda: tr("ZIP archive"),
    "ole": lambda: tr("Office 97–2003 document"),
    "rtf": lambda: tr("RTF document"),
    "text": lambda: tr("text"),
    "exe": lambda: tr("Windows program"),
    "elf": lambda: tr("Linux program"),
    "macho": lambda: tr("macOS program"),
    "script": lambda: tr("script"),
    "lnk": lambda: tr("Windows shortcut"),
    "desktop": lambda: tr("Linux launcher"),
    "jar": lambda: tr("Java program"),
    "msi": lambda: tr("Windows installer"),
    "unknown": lambda: tr("unknown content"),
}
BY_KEY = {t.key: t for t in (*KNOWN, UNKNOWN)}

_RUNNABLE = """.exe .com .scr .pif .cpl .dll .sys .msi .msp .msc .bat .cmd .ps1 .psm1 .psd1 .vbs .vbe
.js .jse .wsf .wsh .wsc .hta .jar .lnk .url .scf .reg .inf .application .appref-ms .gadget .chm .desktop .sh
.bash .zsh .csh .ksh .run .bin .appimage .deb .rpm .command .app .pkg .dmg .py .pyw .pl .rb .php
.iso .img .vhd .vhdx .xll .xlam .ppam .docm .xlsm .pptm .dotm .xltm .library-ms .settingcontent-ms
"""
RUNNABLE_EXTENSIONS = frozenset(_RUNNABLE.split())
"""Extensions whose default program runs code (including Office files with macros and disk images)."""


_MAGIC: tuple[tuple[bytes, FileType], ...] = (
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"MZ", EXE),
    (b"\x7fELF", ELF),
    (b"\xfe\xed\xfa\xce", MACHO),
    (b"\xfe\xed\xfa\xcf", MACHO),
    (b"\xce\xfa\xed\xfe", MACHO),
    (b"\xcf\xfa\xed\xfe", MACHO),
    (b"\xca\xfe\xba\xbe", MACHO),
    (b"#!", SCRIPT),
    (b"L\x00\x00\x00\x01\x14\x02\x00", LNK),
    (b"{\\rtf", RTF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
    (b"BM", BMP),
)


def sniff_bytes(head: bytes) -> FileType:
    """The type the first bytes of a file show (ZIP containers are told apart by :func:`sniff_file`)."""
    if b"%PDF-" in head[:1024]:
        return PDF
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp":
        return HEIC if head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heif") else MP4
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return ZIP
    return _text_or_unknown(head)


def _text_or_unknown(head: bytes) -> FileType:
    if b"\x00" in head:
        return UNKNOWN
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if text.startswith("[Desktop Entry]"):
        return DESKTOP
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the head
            return UNKNOWN
    return TEXT


def sniff_file(path: Path) -> FileType:
    """The type of the file at ``path``; ``UNKNOWN`` when it cannot be read."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return UNKNOWN
    kind = sniff_bytes(head)
    return _zip_kind(path) if kind is ZIP else kind


def _zip_kind(path: Path) -> FileType:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist()[:2000])
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, RuntimeError, NotImplementedError):
        return ZIP
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return ODF
    if "META-INF/MANIFEST.MF" in names:
        return JAR
    if "[Content_Types].xml" in names:
        for prefix, kind in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
            if any(n.startswith(prefix) for n in names):
                return kind
    return ZIP


@dataclass(frozen=True)
class Verdict:
    """What to tell the officer before opening a file."""

    content: FileType
    runs: bool
    """Its name or its content makes the system run it."""
    mismatch: bool
    """Its extension says one type, its content another."""

    @property
    def ask_first(self) -> bool:
        return self.runs or self.mismatch


def judge(name: str, content: FileType) -> Verdict:
    """Whether opening ``name`` holding ``content`` runs something, or its name claims another type."""
    ext = extension(name)
    runs = content.runs or ext in RUNNABLE_EXTENSIONS
    claimed = any(ext in t.extensions for t in KNOWN)
    return Verdict(content, runs, claimed and ext not in content.extensions)
