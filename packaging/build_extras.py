"""What the build adds beside the program: the Windows icon drawn from the app's SVG, and the licences of
everything the build carries (Python, and each library the app depends on, with the licence files its
wheel ships; PySide6's wheels ship none, so the index says which licence applies and where to read it)."""

from __future__ import annotations

import os
import shutil
import struct
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ICON_SIZES = (16, 24, 32, 48, 64, 256)
WITHOUT_FILES = {
    "pyside6-essentials": "used under LGPL-3.0-only (https://www.gnu.org/licenses/lgpl-3.0.txt); the Qt "
    "libraries in _internal/PySide6 are the wheel's own, unmodified, and may be replaced; source: "
    "https://download.qt.io/official_releases/QtForPython/",
    "pyside6-addons": "used under LGPL-3.0-only, as PySide6-Essentials",
    "shiboken6": "used under LGPL-3.0-only, as PySide6-Essentials",
}


def app_icon(svg: Path, target: Path) -> None:
    """A Windows .ico holding the SVG drawn at the sizes Explorer and the Start menu ask for (PNG entries)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QGuiApplication, QImage, QImageReader

    _app = QGuiApplication.instance() or QGuiApplication([])
    images = []
    for size in ICON_SIZES:
        buffer = QBuffer()
        buffer.setData(QByteArray(svg.read_bytes()))
        reader = QImageReader(buffer, QByteArray(b"svg"))
        reader.setScaledSize(QSize(size, size))  # the icon is drawn on a square
        image: QImage = reader.read()
        if image.isNull():
            raise SystemExit(f"cannot draw {svg}: {reader.errorString()}")
        png = QBuffer()
        png.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(png, "PNG")
        images.append((size, bytes(png.data().data())))
    target.write_bytes(_ico(images))


def _ico(images: list[tuple[int, bytes]]) -> bytes:
    """The ICO container: a header, one directory entry per image, then the PNG data."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def runtime_distributions(root: str = "ntm-desktop") -> list[metadata.Distribution]:
    """The app's distribution and everything it needs to run (extras such as ``test`` left out)."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = _normal(todo.pop())
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[name] = dist
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return sorted(seen.values(), key=lambda d: _normal(d.metadata["Name"]))


def _normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def third_party_licences(target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    lines = [
        "Licences of what this build of NTM Desktop contains (NTM Desktop itself: LICENSE.txt, MIT).",
        "",
    ]
    stdlib = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    base = Path(sys.base_prefix)
    for candidate in (base / "LICENSE.txt", base / "lib" / stdlib / "LICENSE.txt"):  # Windows, elsewhere
        if candidate.is_file():
            shutil.copy2(candidate, target / "Python-LICENSE.txt")
            break
    lines.append(f"Python {sys.version.split()[0]}: PSF-2.0 (Python-LICENSE.txt)")
    for dist in runtime_distributions():
        name, version = dist.metadata["Name"], dist.version
        if _normal(name) == "ntm-desktop":
            continue
        licence = dist.metadata.get("License-Expression") or _short(dist.metadata.get("License") or "")
        copied = _copy_licence_files(dist, target / f"{name}-{version}")
        note = WITHOUT_FILES.get(_normal(name), "")
        where = f" ({name}-{version}/)" if copied else (f"; {note}" if note else "")
        lines.append(f"{name} {version}: {licence or 'see its project page'}{where}")
    lines += [
        "",
        "Fonts: Liberation Serif, SIL Open Font License 1.1 (_internal/ntm_desktop/resources/fonts/).",
    ]
    (target / "README.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _short(text: str) -> str:
    return text.splitlines()[0][:120] if text else ""


def _copy_licence_files(dist: metadata.Distribution, folder: Path) -> bool:
    """Copy the wheel's licence files: ``*.dist-info/licenses/…`` (PEP 639), or LICENSE/COPYING/NOTICE
    files at the top of ``*.dist-info`` (older wheels)."""
    copied = False
    for entry in dist.files or []:
        parts = entry.parts
        if len(parts) < 2 or not parts[0].endswith(".dist-info"):
            continue
        if parts[1] == "licenses":
            inside = parts[2:]
        elif len(parts) == 2 and parts[1].upper().startswith(("LICEN", "COPYING", "NOTICE")):
            inside = parts[1:]
        else:
            continue
        source = Path(str(dist.locate_file(entry)))
        if source.is_file() and inside:
            dest = folder.joinpath(*inside)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)
            copied = True
    return copied
