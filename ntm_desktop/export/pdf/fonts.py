"""Find a serif font on this computer that can write every Vietnamese letter, and register it for reportlab.

Nghị định 30/2020 asks for Times New Roman. It is a Microsoft font, so the app never ships it: on Windows and
macOS the system copy is used; elsewhere a metric-compatible free font (Liberation Serif, Tinos), and failing
those any installed family whose four styles cover Vietnamese. Fonts are looked up in the usual font folders
and, where fontconfig is installed, through ``fc-list``; last in the app's own ``resources/fonts`` folder,
where the installable build carries Liberation Serif (SIL Open Font License), so a computer without a
suitable font still prints correct reports while a system Times New Roman keeps first place.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError as _TTFError
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.resources import resource

STYLES = ("regular", "bold", "italic", "bold_italic")

# Each preferred family: its name, then for each style the file names it is installed under.
_PREFERRED: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    (
        "Times New Roman",
        (
            ("times.ttf", "times new roman.ttf"),
            ("timesbd.ttf", "times new roman bold.ttf"),
            ("timesi.ttf", "times new roman italic.ttf"),
            ("timesbi.ttf", "times new roman bold italic.ttf"),
        ),
    ),
    (
        "Liberation Serif",
        (
            ("liberationserif-regular.ttf",),
            ("liberationserif-bold.ttf",),
            ("liberationserif-italic.ttf",),
            ("liberationserif-bolditalic.ttf",),
        ),
    ),
    (
        "Tinos",
        (("tinos-regular.ttf",), ("tinos-bold.ttf",), ("tinos-italic.ttf",), ("tinos-bolditalic.ttf",)),
    ),
    (
        "Noto Serif",
        (
            ("notoserif-regular.ttf",),
            ("notoserif-bold.ttf",),
            ("notoserif-italic.ttf",),
            ("notoserif-bolditalic.ttf",),
        ),
    ),
    (
        "DejaVu Serif",
        (
            ("dejavuserif.ttf",),
            ("dejavuserif-bold.ttf",),
            ("dejavuserif-italic.ttf",),
            ("dejavuserif-bolditalic.ttf",),
        ),
    ),
)

_TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # huyền, sắc, ngã, hỏi, nặng
_VOWELS = "aăâeêioôơuưy"


def _vietnamese_letters() -> str:
    letters = set("abcdefghijklmnopqrstuvwxyzđ" + _VOWELS)
    for vowel in _VOWELS:
        for tone in _TONES:
            letters.add(unicodedata.normalize("NFC", vowel + tone))
    letters |= {ch.upper() for ch in letters}
    return "".join(sorted(letters))


VIETNAMESE_LETTERS = _vietnamese_letters()
"""Every letter of the Vietnamese alphabet with every tone, in both cases (NFC)."""

REQUIRED_CHARS = VIETNAMESE_LETTERS + "0123456789.,;:!?-–()/%\"'“”‘’…"
"""What a font must cover to be chosen: the letters and the punctuation of an official document."""


class FontNotFound(NtmError):
    """No installed font can write Vietnamese in regular, bold, italic and bold italic."""

    exit_code = 4


@dataclass(frozen=True)
class FontFamily:
    """Four font files of one family, and the reportlab names they are registered under."""

    name: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    @property
    def paths(self) -> tuple[Path, Path, Path, Path]:
        return (self.regular, self.bold, self.italic, self.bold_italic)

    @property
    def base_name(self) -> str:
        """reportlab name of the regular face; the others add ``-Bold``, ``-Italic``, ``-BoldItalic``."""
        return "NTM-" + re.sub(r"[^A-Za-z0-9]+", "", self.name)

    def face_name(self, bold: bool = False, italic: bool = False) -> str:
        suffix = {(False, False): "", (True, False): "-Bold", (False, True): "-Italic"}.get(
            (bold, italic), "-BoldItalic"
        )
        return self.base_name + suffix


def bundled_font_dir() -> Path | None:
    """The app's own font folder (``resources/fonts``: the build's Liberation Serif), if it has one."""
    folder = resource("fonts")
    return Path(str(folder)) if folder.is_dir() else None


def default_font_dirs() -> list[Path]:
    """The folders fonts are installed in on Windows, macOS and Linux, for this user and for all, then the
    app's own (the first file of a name wins, so a system font is preferred to the bundled copy)."""
    home = Path.home()
    dirs: list[Path] = []
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs.append(windir / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [
            Path("/System/Library/Fonts/Supplemental"),
            Path("/System/Library/Fonts"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
        ]
    else:
        data_home = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share"))
        dirs += [
            data_home / "fonts",
            home / ".fonts",
            Path("/usr/local/share/fonts"),
            Path("/usr/share/fonts"),
        ]
    bundled = bundled_font_dir()
    return [*dirs, bundled] if bundled is not None else dirs


def _walk_ttf(dirs: Iterable[Path]) -> Iterator[Path]:
    for folder in dirs:
        if not folder.is_dir():
            continue
        for root, _subdirs, files in os.walk(folder):
            for name in files:
                if name.lower().endswith(".ttf"):
                    yield Path(root) / name


def _fontconfig_files(lang: str = "") -> list[tuple[str, str, Path]]:
    """(family, style, file) of the TrueType fonts fontconfig knows; only those covering ``lang`` if given."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    pattern = f":lang={lang}" if lang else ":"
    try:
        out = subprocess.run(
            [fc_list, "--format", "%{family[0]}\t%{style[0]}\t%{file}\n", pattern],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    rows = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[2].lower().endswith(".ttf"):
            rows.append((parts[0], parts[1], Path(parts[2])))
    return rows


@cache
def _cmap(path: Path) -> frozenset[int]:
    """Code points the font at ``path`` has a real glyph for."""
    try:
        face = TTFontFile(str(path))
    except (_TTFError, OSError, ValueError, KeyError, IndexError):
        return frozenset()
    return frozenset(code for code, glyph in face.charToGlyph.items() if glyph)


def missing_chars(
    text: str, font: Path | FontFamily, *, bold: bool = False, italic: bool = False
) -> set[str]:
    """The characters of ``text`` (NFC) the font has no glyph for; line breaks and tabs do not count."""
    path = font if isinstance(font, Path) else _style_path(font, bold, italic)
    covered = _cmap(path)
    return {
        ch
        for ch in unicodedata.normalize("NFC", text)
        if ch not in "\n\r\t" and ord(ch) not in covered and unicodedata.category(ch) != "Cf"
    }


def _style_path(family: FontFamily, bold: bool, italic: bool) -> Path:
    return {
        (False, False): family.regular,
        (True, False): family.bold,
        (False, True): family.italic,
    }.get((bold, italic), family.bold_italic)


def _covers_vietnamese(paths: Sequence[Path]) -> bool:
    return all(not missing_chars(REQUIRED_CHARS, p) for p in paths)


def _by_file_name(files: Iterable[Path]) -> dict[str, Path]:
    index: dict[str, Path] = {}
    for path in files:
        index.setdefault(path.name.lower(), path)
    return index


def _preferred_family(index: Mapping[str, Path]) -> FontFamily | None:
    for family, styles in _PREFERRED:
        paths = [next((index[n] for n in names if n in index), None) for names in styles]
        found = [p for p in paths if p is not None]
        if len(found) == len(STYLES) and _covers_vietnamese(found):
            return FontFamily(family, *found)
    return None


def _style_key(style: str) -> str | None:
    words = set(style.lower().replace("-", " ").split())
    bold = bool(words & {"bold", "black", "heavy"})
    italic = bool(words & {"italic", "oblique"})
    if not bold and not italic and not words <= {"regular", "book", "normal", "roman", "medium"}:
        return None
    return STYLES[(1 if bold else 0) + (2 if italic else 0)]


def _any_vietnamese_family(rows: Iterable[tuple[str, str, Path]]) -> FontFamily | None:
    families: dict[str, dict[str, Path]] = {}
    for family, style, path in rows:
        key = _style_key(style)
        if key:
            families.setdefault(family, {}).setdefault(key, path)
    for family, styles in sorted(families.items()):
        if len(styles) == len(STYLES):
            paths = [styles[s] for s in STYLES]
            if _covers_vietnamese(paths):
                return FontFamily(family, *paths)
    return None


def find_font_family(dirs: Sequence[Path] | None = None, *, use_fontconfig: bool = True) -> FontFamily:
    """The best installed family for official documents; raises :class:`FontNotFound` if there is none.

    ``dirs`` replaces the default font folders (tests use it); fontconfig is asked as well unless told not to.
    """
    return _find(tuple(dirs) if dirs is not None else tuple(default_font_dirs()), use_fontconfig)


@cache
def _find(dirs: tuple[Path, ...], use_fontconfig: bool) -> FontFamily:
    files = list(_walk_ttf(dirs))
    if use_fontconfig:
        files += [path for _family, _style, path in _fontconfig_files()]
    family = _preferred_family(_by_file_name(files))
    if family is None and use_fontconfig:
        family = _any_vietnamese_family(_fontconfig_files("vi"))
    if family is None:
        raise FontNotFound(
            tr(
                "No font that can write Vietnamese was found on this computer. Install Times New Roman, "
                "or on Linux the package {package}, then try again.",
                package="fonts-liberation2",
            ),
            details="searched: " + ", ".join(str(d) for d in dirs),
        )
    return family


def register(family: FontFamily) -> FontFamily:
    """Register the family's four faces with reportlab (once) so ``<b>`` and ``<i>`` pick the right file."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for path, (bold, italic) in zip(
        family.paths, ((False, False), (True, False), (False, True), (True, True)), strict=True
    ):
        name = family.face_name(bold, italic)
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        family.base_name,
        normal=family.face_name(),
        bold=family.face_name(bold=True),
        italic=family.face_name(italic=True),
        boldItalic=family.face_name(bold=True, italic=True),
    )
    return family
