"""Smoke test of a built NTM Desktop: run the frozen program as a user would and check what it makes.

    python packaging/smoke.py dist/ntm-desktop           (Windows: py packaging\\smoke.py dist\\ntm-desktop)

Standard library only, the same on Linux and Windows. The built folder is first linked (or copied) to a
path with Vietnamese letters and spaces, and every file the program writes goes to a temporary home whose
path has them too (C:\\Users\\Nguyễn Văn A\\… on a commune's laptop). Checked, in order: ``--version``;
``demo --no-gui``; ``gui --screenshot`` of the overview and of the Reports page (PDF preview library);
a new certificate and a signed ``report commune`` written in Times New Roman or the bundled Liberation
Serif; ``verify`` (and exit 5 for a changed copy); the Excel export; ``bundle export`` and ``bundle
import`` into a receiving office, whose list then shows the commune's figures; with SoftHSM2, OpenSC and
openssl installed, a report signed on a PKCS#11 token. Last, that the program folder itself is unchanged.
Exits 1 at the first failure, printing the command and its output.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

WINDOWS = sys.platform == "win32"
ROOT = Path(__file__).resolve().parent.parent
PASS_ENV = "NTM_SMOKE_PASSPHRASE"
PIN_ENV = "NTM_SMOKE_PIN"
SOFTHSM_LIBS = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    r"C:\SoftHSM2\lib\softhsm2-x64.dll",
)


class SmokeFailed(Exception):
    pass


def source_version() -> str:
    text = (ROOT / "ntm_desktop" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r"""^__version__\s*=\s*["']([^"']+)""", text, re.MULTILINE)
    if not found:
        raise SmokeFailed("ntm_desktop/__init__.py has no __version__")
    return found.group(1)


class Runner:
    """Runs the frozen program in a clean environment whose home is the temporary folder."""

    def __init__(self, program: Path, home: Path) -> None:
        self.program, self.home = program, home
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("NTM_", "PYTHON", "QT_"))}
        local = home / "AppData" / "Local"
        self.env.update(
            HOME=str(home),
            USERPROFILE=str(home),
            LOCALAPPDATA=str(local),
            APPDATA=str(home / "AppData" / "Roaming"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_CACHE_HOME=str(home / ".cache"),
            QT_QPA_PLATFORM="offscreen",
            NTM_ACTOR="Nguyễn Văn A",
        )
        for folder in (local, home / ".local" / "share"):
            folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, *args: str | Path, expect: int = 0, env: dict[str, str] | None = None) -> str:
        cmd = [str(self.program), *map(str, args)]
        started = time.perf_counter()
        try:
            result = subprocess.run(
                cmd,
                env={**self.env, **(env or {})},
                cwd=self.home,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=600,
            )
        except subprocess.TimeoutExpired as exc:
            raise SmokeFailed(f"timed out: {' '.join(cmd)}") from exc
        took = time.perf_counter() - started
        if result.returncode != expect:
            raise SmokeFailed(
                f"{' '.join(cmd)}\nexit {result.returncode} (expected {expect}) after {took:.1f} s\n"
                f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
            )
        print(f"  ok  {' '.join(str(a) for a in args)[:100]}  ({took:.1f} s)", flush=True)
        return result.stdout


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SmokeFailed(f"{path} is not a PNG picture")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def report_font(pdf: Path) -> str:
    """The family of the first embedded TrueType font (subset prefixes like ``AAAAAA+`` dropped)."""
    found = re.search(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([A-Za-z0-9-]+)", pdf.read_bytes())
    return found.group(1).decode() if found else ""


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def stage(app: Path, target: Path) -> None:
    """The built folder at a path with Vietnamese letters: hard links when possible (quick), else a copy."""
    try:
        shutil.copytree(app, target, symlinks=True, copy_function=os.link)
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(app, target, symlinks=True)


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailed(message)
    print(f"  ok  {message}", flush=True)


def smoke(app: Path, home: Path) -> None:
    exe = app / ("ntm-desktop-cli.exe" if WINDOWS else "ntm-desktop")
    if not exe.is_file():
        raise SmokeFailed(f"{exe} does not exist: build first (python packaging/build.py)")
    before = listing(app)
    run = Runner(exe, home)
    commune, office, usb = home / "Dữ liệu xã", home / "Văn phòng tỉnh", home / "USB của xã"

    version = source_version()
    out = run("--version")
    check(out.strip() == f"ntm-desktop {version}", f"--version prints the package version {version}")

    run("--data-dir", commune, "demo", "--no-gui")
    unit = json.loads(run("--data-dir", commune, "unit", "--json"))
    progress = json.loads(run("--data-dir", commune, "progress", "show", "--year", "2025", "--json"))
    check((commune / "ntm.sqlite").is_file(), f"the data file is in {commune}")

    for page, name in ((1, "tong-quan.png"), (4, "bao-cao.png")):
        shot = home / name
        run("--data-dir", commune, "gui", "--screenshot", shot, "--page", str(page))
        check(png_size(shot) == (1366, 768), f"gui --screenshot --page {page} paints 1366x768")

    key, report = home / "chữ ký.p12", home / "Báo cáo năm 2025.pdf"
    secret = {PASS_ENV: "mật khẩu 2025"}
    run("certificate", "new", "--name", "Hoàng Văn Minh", "--title", "Chủ tịch UBND xã", "--out", key,
        "--passphrase-env", PASS_ENV, env=secret)  # fmt: skip
    run("--data-dir", commune, "report", "commune", "--year", "2025", "--number", "15", "--out", report,
        "--sign", "--key", key, "--passphrase-env", PASS_ENV, env=secret)  # fmt: skip
    data = report.read_bytes()
    check(data.startswith(b"%PDF") and b"/ByteRange" in data, "report commune writes a signed PDF")
    font = report_font(report)
    check(font.startswith(("TimesNewRoman", "LiberationSerif")), f"the report is set in {font or '?'}")
    run("verify", report)
    changed = home / "Báo cáo đã sửa.pdf"
    flipped = bytearray(data)
    flipped[len(data) // 3] ^= 0x01  # inside the signed revision
    changed.write_bytes(bytes(flipped))
    run("verify", changed, expect=5)

    xlsx = home / "Sổ hỗ trợ.xlsx"
    run("--data-dir", commune, "help", "export-xlsx", xlsx)
    check(xlsx.read_bytes()[:2] == b"PK", "help export-xlsx writes an Excel file")

    pkcs11(run, commune, home)

    usb.mkdir()
    run("--data-dir", commune, "bundle", "export", "--out", usb)
    bundles = sorted(usb.glob("*.ntmsync"))
    check(len(bundles) == 1, "bundle export writes one bundle")
    run("--data-dir", office, "receiver", "setup", "--code", "19", "--name",
        "Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên", "--parent", "UBND tỉnh Thái Nguyên",
        "--signer", "Trần Văn B", "--signer-title", "Chánh Văn phòng")  # fmt: skip
    run("--data-dir", office, "bundle", "import", bundles[0], "--trust-on-first-use")
    units = json.loads(run("--data-dir", office, "receiver", "units", "--year", "2025", "--json"))
    row = next((u for u in _unit_rows(units) if u.get("code") == unit.get("code")), None)
    check(
        row is not None and row.get("criteria_met") == progress["criteria_met"],
        f"the office lists commune {unit.get('code')} with {progress['criteria_met']} criteria met",
    )
    check(listing(app) == before, "the program folder is unchanged (everything went to the data folders)")


def _unit_rows(units: object) -> list[dict[str, object]]:
    rows = units.get("units", []) if isinstance(units, dict) else units
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def pkcs11(run: Runner, commune: Path, home: Path) -> None:
    """Sign on a SoftHSM2 token (python-pkcs11 in the build), when the tools to make one are installed."""
    lib = next((p for p in SOFTHSM_LIBS if Path(p).is_file()), None)
    tools = [shutil.which(t) for t in ("softhsm2-util", "pkcs11-tool", "openssl")]
    if lib is None or not all(tools):
        print("  --  PKCS#11 token signing skipped (needs SoftHSM2, OpenSC's pkcs11-tool and openssl)")
        return
    util, tool, openssl = (str(t) for t in tools)
    folder = home / "softhsm"
    (folder / "tokens").mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n", encoding="utf-8"
    )
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    pin, label = "123456", "ntm-smoke"

    def tool_run(*cmd: str) -> None:
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, errors="replace")
        if result.returncode != 0:
            raise SmokeFailed(f"{' '.join(cmd)}\n{result.stdout}\n{result.stderr}")

    # an RSA key, as the Vietnamese CAs' tokens hold (SoftHSM2 has no ECDSA-with-SHA-256 mechanism)
    pem, cert, der = folder / "key.pem", folder / "cert.pem", folder / "cert.der"
    tool_run(
        openssl,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        str(pem),
        "-out",
        str(cert),
        "-days",
        "30",
        "-utf8",
        "-subj",
        "/CN=Hoàng Văn Minh/title=Chủ tịch UBND xã/C=VN",
        "-addext",
        "basicConstraints=critical,CA:FALSE",
    )  # a person's certificate, not a CA; fmt: skip
    tool_run(openssl, "x509", "-in", str(cert), "-outform", "DER", "-out", str(der))
    tool_run(util, "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", "12345678")
    tool_run(util, "--import", str(pem), "--token", label, "--label", "chu-tich", "--id", "01", "--pin", pin)
    tool_run(tool, "--module", lib, "--token-label", label, "--login", "--pin", pin,
             "--write-object", str(der), "--type", "cert", "--id", "01", "--label", "chu-tich")  # fmt: skip
    signed = home / "Báo cáo ký bằng token.pdf"
    run("--data-dir", commune, "report", "commune", "--year", "2025", "--out", signed, "--sign",
        "--pkcs11-lib", lib, "--token-label", label, "--pin-env", PIN_ENV,
        env={PIN_ENV: pin, "SOFTHSM2_CONF": str(conf)})  # fmt: skip
    run("verify", signed)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("app", type=Path, help="the built folder, e.g. dist/ntm-desktop")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folders (their path is printed)"
    )
    args = parser.parse_args(argv)
    app = args.app.resolve()
    tmp = Path(tempfile.mkdtemp(prefix="ntm-smoke-"))
    staged = app.parent / ".smoke-Nguyễn Văn A" / "NTM Desktop"
    shutil.rmtree(staged.parent, ignore_errors=True)
    started = time.perf_counter()
    try:
        stage(app, staged)
        print(f"smoke test of {app} (run from {staged}, home {tmp / 'Nguyễn Văn A'})")
        smoke(staged, tmp / "Nguyễn Văn A")
    except SmokeFailed as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"kept: {tmp} and {staged}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.rmtree(staged.parent, ignore_errors=True)
    print(f"smoke test passed in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
