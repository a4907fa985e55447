"""The font the build carries: Liberation Serif (metric-compatible with Times New Roman, every Vietnamese
letter, SIL Open Font License 1.1), taken from Debian's ``fonts-liberation2`` package.

On Debian or Ubuntu with the package installed the files are copied from it; elsewhere (Windows) the
package itself is downloaded once from Debian and checked against the SHA-256 Debian publishes for it.
Either way the licence (Debian's copyright file, which holds the whole OFL text) goes beside the fonts,
and every file is checked to write every Vietnamese letter before the build uses it.
"""

from __future__ import annotations

import hashlib
import io
import lzma
import shutil
import tarfile
import urllib.request
from pathlib import Path

PACKAGE = "fonts-liberation2"
DEB_VERSION = "2.1.5-1"  # Debian 12 "bookworm"
DEB_SHA256 = "35ffaa54f117e633e89a5da89af235a073b34dbe582726fbf6989568f7fd9bda"
DEB_SHA1 = "e7d17bd5f0b1aa3a918ac96680459e9e05505099"
DEB_URLS = (
    f"https://deb.debian.org/debian/pool/main/f/{PACKAGE}/{PACKAGE}_{DEB_VERSION}_all.deb",
    f"https://snapshot.debian.org/file/{DEB_SHA1}",  # the same file, kept forever by Debian
)
FACES = ("Regular", "Bold", "Italic", "BoldItalic")
FILES = tuple(f"LiberationSerif-{face}.ttf" for face in FACES)
SYSTEM_FONTS = Path("/usr/share/fonts/truetype/liberation2")
SYSTEM_COPYRIGHT = Path(f"/usr/share/doc/{PACKAGE}/copyright")
LICENCE = "LICENSE-Liberation-Fonts.txt"


def gather_fonts(target: Path) -> str:
    """Put the four Liberation Serif files and their licence in ``target``; returns where they came from."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    if all((SYSTEM_FONTS / name).is_file() for name in FILES) and SYSTEM_COPYRIGHT.is_file():
        for name in FILES:
            shutil.copy2(SYSTEM_FONTS / name, target / name)
        shutil.copy2(SYSTEM_COPYRIGHT, target / LICENCE)
        source = f"Liberation Serif from the installed {PACKAGE} package"
    else:
        _from_deb(_download(target.parent / f"{PACKAGE}_{DEB_VERSION}_all.deb"), target)
        source = f"Liberation Serif from Debian's {PACKAGE} {DEB_VERSION}"
    (target / "README.txt").write_text(
        f"{source}.\nLiberation Serif is licensed under the SIL Open Font License 1.1 ({LICENCE}).\n"
        "NTM Desktop uses it for reports only when the computer has no Times New Roman.\n",
        encoding="utf-8",
    )
    _check_vietnamese(target)
    return source


def _download(cache: Path) -> bytes:
    if cache.is_file() and hashlib.sha256(cache.read_bytes()).hexdigest() == DEB_SHA256:
        return cache.read_bytes()
    problems = []
    for url in DEB_URLS:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                data: bytes = response.read()
        except OSError as exc:
            problems.append(f"{url}: {exc}")
            continue
        if hashlib.sha256(data).hexdigest() == DEB_SHA256:
            cache.write_bytes(data)
            return data
        problems.append(f"{url}: not the expected file (SHA-256 differs)")
    raise SystemExit(f"Cannot get {PACKAGE} {DEB_VERSION}:\n  " + "\n  ".join(problems))


def _ar_members(data: bytes) -> dict[str, bytes]:
    """The members of a .deb (a plain ``ar`` archive)."""
    if not data.startswith(b"!<arch>\n"):
        raise SystemExit("not a Debian package")
    members, pos = {}, 8
    while pos + 60 <= len(data):
        header = data[pos : pos + 60]
        name = header[:16].decode("ascii").strip().rstrip("/")
        size = int(header[48:58].decode("ascii").strip())
        members[name] = data[pos + 60 : pos + 60 + size]
        pos += 60 + size + (size % 2)
    return members


def _from_deb(deb: bytes, target: Path) -> None:
    payload = _ar_members(deb)["data.tar.xz"]
    wanted = {f"./usr/share/fonts/truetype/liberation2/{name}": name for name in FILES}
    wanted[f"./usr/share/doc/{PACKAGE}/copyright"] = LICENCE
    with tarfile.open(fileobj=io.BytesIO(lzma.decompress(payload))) as tar:
        for member in tar.getmembers():
            name = wanted.pop(member.name, None)
            extracted = tar.extractfile(member) if name else None
            if name and extracted is not None:
                (target / name).write_bytes(extracted.read())
    if wanted:
        raise SystemExit(f"{PACKAGE} {DEB_VERSION} lacks " + ", ".join(sorted(wanted)))


def _check_vietnamese(folder: Path) -> None:
    from ntm_desktop.export.pdf.fonts import REQUIRED_CHARS, missing_chars

    for name in FILES:
        missing = missing_chars(REQUIRED_CHARS, folder / name)
        if missing:
            raise SystemExit(f"{name} cannot write {''.join(sorted(missing))}")
