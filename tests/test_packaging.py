"""What the installable build relies on and CI's Linux build cannot show: the version it reports, the font
taken out of Debian's package when the build machine has none installed (every Windows build), and the
Windows icon. (The build itself is made and smoke-tested by ``.ci/run``: packaging/build.py, smoke.py.)"""

from __future__ import annotations

import io
import lzma
import sys
import tarfile
from importlib import metadata
from pathlib import Path

import pytest

import ntm_desktop
from ntm_desktop.cli.main import main
from ntm_desktop.core.resources import resource

PACKAGING = Path(__file__).resolve().parent.parent / "packaging"
sys.path.insert(0, str(PACKAGING))

import build_extras  # noqa: E402
import build_fonts  # noqa: E402


def test_version_is_the_installed_packages(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"ntm-desktop {metadata.version('ntm-desktop')}"
    assert metadata.version("ntm-desktop") == ntm_desktop.__version__


def _deb(files: dict[str, bytes]) -> bytes:
    """A Debian package as ``dpkg-deb`` lays it out: an ar archive around data.tar.xz."""
    payload = io.BytesIO()
    with tarfile.open(fileobj=payload, mode="w") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    members = {
        "debian-binary": b"2.0\n",
        "control.tar.xz": lzma.compress(b""),
        "data.tar.xz": lzma.compress(payload.getvalue()),
    }
    out = b"!<arch>\n"
    for name, data in members.items():
        header = f"{name:<16}{0:<12}{0:<6}{0:<6}{'100644':<8}{len(data):<10}`\n".encode()
        out += header + data + (b"\n" if len(data) % 2 else b"")
    return out


def _liberation() -> dict[str, bytes]:
    from ntm_desktop.export.pdf import FontNotFound, find_font_family

    try:
        family = find_font_family()
    except FontNotFound:
        pytest.skip("no Vietnamese serif font installed (Debian package fonts-liberation2)")
    if family.name != "Liberation Serif":
        pytest.skip(f"the system's serif is {family.name}, not Liberation Serif")
    return {p.name: p.read_bytes() for p in family.paths}


def test_the_font_comes_out_of_debians_package_with_its_licence(tmp_path: Path) -> None:
    fonts = _liberation()
    licence = b"License: SIL-OFL-1.1\n SIL OPEN FONT LICENSE Version 1.1\n"
    deb = _deb(
        {
            **{f"./usr/share/fonts/truetype/liberation2/{name}": data for name, data in fonts.items()},
            "./usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf": b"not wanted",
            "./usr/share/doc/fonts-liberation2/copyright": licence,
        }
    )
    target = tmp_path / "fonts"
    target.mkdir()
    build_fonts._from_deb(deb, target)
    build_fonts._check_vietnamese(target)
    assert sorted(p.name for p in target.iterdir()) == sorted([*fonts, build_fonts.LICENCE])
    assert (target / build_fonts.LICENCE).read_bytes() == licence
    assert all((target / name).read_bytes() == data for name, data in fonts.items())


def test_a_package_without_the_serif_fonts_is_refused(tmp_path: Path) -> None:
    deb = _deb({"./usr/share/doc/fonts-liberation2/copyright": b"OFL"})
    with pytest.raises(SystemExit, match=r"LiberationSerif-Regular\.ttf"):
        build_fonts._from_deb(deb, tmp_path)


def test_a_font_without_vietnamese_letters_is_refused(tmp_path: Path) -> None:
    from ntm_desktop.export.pdf.fonts import REQUIRED_CHARS, missing_chars

    mono = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
    if not mono.is_file() or not missing_chars(REQUIRED_CHARS, mono):
        pytest.skip("needs DejaVu Sans Mono (fonts-dejavu-core), which lacks some Vietnamese letters")
    for folder, bold in (("good", None), ("bad", mono)):
        (tmp_path / folder).mkdir()
        for name, data in _liberation().items():
            (tmp_path / folder / name).write_bytes(data)
        if bold is not None:
            (tmp_path / folder / "LiberationSerif-Bold.ttf").write_bytes(bold.read_bytes())
    build_fonts._check_vietnamese(tmp_path / "good")
    with pytest.raises(SystemExit, match=r"LiberationSerif-Bold\.ttf cannot write"):
        build_fonts._check_vietnamese(tmp_path / "bad")


def test_the_windows_icon_holds_every_size(qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QImageReader

    ico = tmp_path / "ntm-desktop.ico"
    svg = Path(str(resource("icons", "app.svg")))
    build_extras.app_icon(svg, ico)
    reader = QImageReader(str(ico), b"ico")
    sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        sizes.append(image.width())
    assert sorted(sizes) == sorted(build_extras.ICON_SIZES)
