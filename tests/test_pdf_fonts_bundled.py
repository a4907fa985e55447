"""The installable build carries Liberation Serif in ``resources/fonts``: reports use it on a computer with
no suitable font, and a system Times New Roman still comes first (shown here as on Windows, whose font
folder is found through %WINDIR%)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ntm_desktop.export.pdf import FontNotFound, find_font_family
from ntm_desktop.export.pdf import fonts as font_module

LIBERATION = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bold_italic": "LiberationSerif-BoldItalic.ttf",
}
TIMES = {"regular": "times.ttf", "bold": "timesbd.ttf", "italic": "timesi.ttf", "bold_italic": "timesbi.ttf"}


@pytest.fixture
def liberation() -> dict[str, Path]:
    """The four Liberation Serif files of this computer (the same files the build bundles)."""
    try:
        family = find_font_family()
    except FontNotFound:
        pytest.skip("no Vietnamese serif font installed (Debian package fonts-liberation2)")
    if family.name != "Liberation Serif":
        pytest.skip(f"the system's serif is {family.name}, not Liberation Serif")
    return {style: getattr(family, style) for style in LIBERATION}


@pytest.fixture
def windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Windows machine whose font folder starts empty; returns that folder."""
    fonts = tmp_path / "Windows" / "Fonts"
    fonts.mkdir(parents=True)
    monkeypatch.setattr(font_module.sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "AppData" / "Local"))
    return fonts


def _bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, Path]) -> Path:
    """Put the font files into an app ``resources`` folder, as packaging/build.py does."""
    resources = tmp_path / "resources"
    (resources / "fonts").mkdir(parents=True)
    for style, source in files.items():
        shutil.copy2(source, resources / "fonts" / LIBERATION[style])
    monkeypatch.setattr(font_module, "resource", lambda *parts: resources.joinpath(*parts))
    return resources / "fonts"


def test_without_a_system_font_reports_use_the_bundled_liberation_serif(
    liberation: dict[str, Path], windows: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(FontNotFound):
        find_font_family(use_fontconfig=False)  # nothing on this "Windows" yet
    bundled = _bundle(tmp_path, monkeypatch, liberation)
    family = find_font_family(use_fontconfig=False)
    assert family.name == "Liberation Serif"
    assert family.regular == bundled / "LiberationSerif-Regular.ttf"
    assert font_module.default_font_dirs()[-1] == bundled


def test_the_systems_times_new_roman_comes_before_the_bundled_font(
    liberation: dict[str, Path], windows: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _bundle(tmp_path, monkeypatch, liberation)
    for style, name in TIMES.items():  # metric twins stand in for Microsoft's files
        shutil.copy2(liberation[style], windows / name)
    family = find_font_family(use_fontconfig=False)
    assert family.name == "Times New Roman"
    assert family.paths == tuple(windows / TIMES[s] for s in ("regular", "bold", "italic", "bold_italic"))


def test_without_a_bundled_folder_only_the_systems_folders_are_searched(
    windows: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(font_module, "resource", lambda *parts: (tmp_path / "no-resources").joinpath(*parts))
    assert font_module.bundled_font_dir() is None
    assert font_module.default_font_dirs() == [
        windows,
        tmp_path / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts",
    ]
