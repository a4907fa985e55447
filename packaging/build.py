"""Build NTM Desktop for the computer this runs on, as a folder that needs no Python and no internet.

    python packaging/build.py                 (Linux; Windows: py packaging\\build.py --installer)

Makes ``dist/ntm-desktop/`` (PyInstaller, one folder, from ``packaging/ntm-desktop.spec``) and the file a
user downloads: on Linux ``dist/ntm-desktop-<version>-linux-x86_64.tar.xz``, on Windows
``dist/ntm-desktop-<version>-windows-x64.zip`` and, with ``--installer``, the Inno Setup installer
``dist/ntm-desktop-<version>-setup.exe``. Prints the unpacked and the compressed size against the budget
(250 MB / 110 MB) and fails when either is over. Run it from the project's virtual environment with the
``build`` extra installed (``pip install -e ".[build]"``); ``packaging/smoke.py`` then tests the result.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from build_extras import app_icon, third_party_licences  # noqa: E402
from build_fonts import gather_fonts  # noqa: E402

DIST = ROOT / "dist"
BUILD = ROOT / "build"
APP = DIST / "ntm-desktop"
WINDOWS = sys.platform == "win32"
MB = 1_000_000
BUDGET_UNPACKED = 250 * MB
BUDGET_ARCHIVE = 110 * MB


def version() -> str:
    """``ntm_desktop.__version__``, read from the source so the build always says what it contains."""
    for line in (ROOT / "ntm_desktop" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("ntm_desktop/__init__.py has no __version__")


def run_pyinstaller() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit('PyInstaller is missing: pip install -e ".[build]"') from None
    env = dict(os.environ, NTM_BUILD_DIR=str(BUILD))
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN"]
    cmd += ["--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"), str(HERE / "ntm-desktop.spec")]
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)


def add_documents(app: Path) -> None:
    """What a user finds beside the program: how to start it, the licences, the Linux menu entry."""
    shutil.copy2(HERE / "dist-files" / "README.txt", app / "README.txt")
    shutil.copy2(ROOT / "LICENSE", app / "LICENSE.txt")
    third_party_licences(app / "LICENSES")
    if not WINDOWS:
        script = app / "install-menu-entry.sh"
        shutil.copy2(HERE / "dist-files" / "install-menu-entry.sh", script)
        script.chmod(0o755)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def linux_archive(app: Path, ver: str) -> Path:
    """``ntm-desktop-<version>/`` in a .tar.xz (the smallest download; modes and symlinks kept), compressed
    by the system's ``xz`` on every core when there is one, else by Python alone (slower)."""
    target = DIST / f"ntm-desktop-{ver}-linux-x86_64.tar.xz"
    tmp = target.with_suffix(".tmp")
    xz = shutil.which("xz")
    if xz is None:
        with tarfile.open(tmp, "w:xz", preset=6) as tar:
            tar.add(app, arcname=f"ntm-desktop-{ver}")
    else:
        with tmp.open("wb") as out:
            proc = subprocess.Popen([xz, "-6", "-T0", "-c"], stdin=subprocess.PIPE, stdout=out)
            assert proc.stdin is not None
            with tarfile.open(fileobj=proc.stdin, mode="w|") as tar:
                tar.add(app, arcname=f"ntm-desktop-{ver}")
            proc.stdin.close()
            if proc.wait() != 0:
                raise SystemExit("xz failed")
    tmp.replace(target)
    return target


def windows_zip(app: Path, ver: str) -> Path:
    target = DIST / f"ntm-desktop-{ver}-windows-x64.zip"
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(app.rglob("*")):
            archive.write(path, Path(f"ntm-desktop-{ver}") / path.relative_to(app))
    tmp.replace(target)
    return target


def inno_setup() -> Path:
    found = shutil.which("ISCC") or shutil.which("iscc")
    candidates = [Path(found)] if found else []
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base:
            candidates.append(Path(base) / "Inno Setup 6" / "ISCC.exe")
    if os.environ.get("LOCALAPPDATA"):
        candidates.append(Path(os.environ["LOCALAPPDATA"]) / "Programs" / "Inno Setup 6" / "ISCC.exe")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise SystemExit("Inno Setup 6 is not installed: winget install JRSoftware.InnoSetup (then run again)")


def installer(ver: str) -> Path:
    cmd = [str(inno_setup()), f"/DAppVersion={ver}", f"/DSourceDir={APP}", f"/DOutputDir={DIST}"]
    cmd += [f"/DIconFile={BUILD / 'ntm-desktop.ico'}", str(HERE / "ntm-desktop.iss")]
    subprocess.run(cmd, check=True)
    return DIST / f"ntm-desktop-{ver}-setup.exe"


def report_sizes(app: Path, archives: list[Path]) -> bool:
    unpacked = folder_size(app)
    ok = unpacked <= BUDGET_UNPACKED
    print(f"unpacked build   {unpacked / MB:7.1f} MB  (budget {BUDGET_UNPACKED / MB:.0f} MB)  {app}")
    for archive in archives:
        size = archive.stat().st_size
        ok = ok and size <= BUDGET_ARCHIVE
        print(f"compressed       {size / MB:7.1f} MB  (budget {BUDGET_ARCHIVE / MB:.0f} MB)  {archive}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--installer", action="store_true", help="Windows: also make the Inno Setup installer"
    )
    parser.add_argument("--no-archive", action="store_true", help="only dist/ntm-desktop/ (quicker)")
    args = parser.parse_args()
    if args.installer and not WINDOWS:
        parser.error("--installer makes a Windows installer: run it on Windows")
    started = time.perf_counter()
    ver = version()
    BUILD.mkdir(exist_ok=True)
    print(f"== NTM Desktop {ver} for {sys.platform}, Python {sys.version.split()[0]}")
    print("== font:", gather_fonts(BUILD / "fonts"))
    app_icon(ROOT / "resources" / "icons" / "app.svg", BUILD / "ntm-desktop.ico")
    print("== PyInstaller")
    run_pyinstaller()
    add_documents(APP)
    archives: list[Path] = []
    if not args.no_archive:
        print("== archive")
        archives.append(windows_zip(APP, ver) if WINDOWS else linux_archive(APP, ver))
    if args.installer:
        print("== installer (Inno Setup)")
        archives.append(installer(ver))
    print(f"== built in {time.perf_counter() - started:.0f} s")
    if not report_sizes(APP, archives):
        print("over budget", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
