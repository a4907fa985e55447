"""``ntm-desktop``: the command line, a second face of the same services the GUI uses.

Exit codes: 0 success, 2 wrong usage, 3 invalid input (the message names the field and the problem),
4 the data file cannot be opened or written, 5 a signature does not verify.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ntm_desktop import __version__
from ntm_desktop.cli import argparse_i18n
from ntm_desktop.core.errors import InvalidInput, NtmError
from ntm_desktop.core.i18n import set_language, tr
from ntm_desktop.core.oserrors import describe
from ntm_desktop.core.text import capped

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """argparse that prints usage errors and help in the UI language and exits 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse_i18n.Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, tr("Wrong usage: {message}", message=message) + "\n")

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        """Also keeps the long options of the command that ran (the innermost parser sets it first, as
        argparse parses a command's own parser within its parent's), for :func:`_with_option`."""
        parsed, rest = super().parse_known_args(args, namespace)
        if not hasattr(parsed, OPTIONS):
            setattr(parsed, OPTIONS, {s for a in self._actions for s in a.option_strings if s[:2] == "--"})
        return parsed, rest


OPTIONS = "_command_options"


def _add_common(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="data folder (default: the platform's, or NTM_DATA_DIR)",
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        default=default,
        help="the SQLite data file to use, or a receiving office's PostgreSQL database: "
        "postgresql+psycopg://user@host:port/dbname (then --data-dir is this clerk's own folder)",
    )
    parser.add_argument(
        "--lang", choices=["vi", "en"], default=default, help="language of messages (default vi, or NTM_LANG)"
    )


def build_parser() -> argparse.ArgumentParser:
    # The global options are accepted before and after the command; SUPPRESS keeps a command's
    # parser from overwriting a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    _add_common(common, argparse.SUPPRESS)
    parser = _Parser(prog="ntm-desktop", description="NTM Desktop")
    _add_common(parser, None)
    parser.add_argument("--version", action="version", version=f"ntm-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    from ntm_desktop.cli import commands

    commands.register(sub, common)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    """Only what ``gui`` needs: opening the window does not wait for every command to be imported."""
    from ntm_desktop.cli import cmd_setup

    parser = _Parser(prog="ntm-desktop", description="NTM Desktop")
    _add_common(parser, None)
    common = argparse.ArgumentParser(add_help=False)
    _add_common(common, argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    cmd_setup.register_gui(sub, common)
    return parser


def _open_gui(args: argparse.Namespace) -> int:
    """Plain ``ntm-desktop`` opens the GUI."""
    from ntm_desktop.cli.cmd_setup import run_gui

    return run_gui(args)


def _wants_gui(argv: list[str]) -> bool:
    """Plain ``ntm-desktop`` (with global options only) or ``ntm-desktop … gui …``."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return False
    words = [a for i, a in enumerate(argv) if not a.startswith("-") and not _is_option_value(argv, i)]
    return not words or words[0] == "gui"


def _is_option_value(argv: list[str], i: int) -> bool:
    return i > 0 and argv[i - 1] in ("--data-dir", "--db", "--lang", "--screenshot", "--page", "--year")


def _language_asked(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _with_option(message: str, exc: NtmError, args: argparse.Namespace) -> str:
    """A problem with one of the command's own options that its words do not name (a whole sentence
    such as "Hãy ghi lý do (…)", where a form would show it beside its box) names the option to retype:
    "…; ghi bằng tùy chọn --reason". A problem already led by its field's name ("Giá trị: …") and a
    field that is not one of this command's options (a field in a file, a record's) are left as they are."""
    if not isinstance(exc, InvalidInput) or len(exc.problems) != 1:
        return message
    if str(exc.problems[0]) != exc.problems[0].message:  # "Giá trị: …" names it already
        return message
    option = "--" + exc.field.replace("_", "-")
    if option in message or option not in getattr(args, OPTIONS, ()):
        return message
    # "… cần dùng; ghi bằng tùy chọn --year", never "… cần dùng.; ghi …"
    return tr("{message}; give it with {option}", message=message.rstrip().rstrip("."), option=option)


def main(argv: Sequence[str] | None = None) -> int:
    arg_list = list(sys.argv[1:] if argv is None else argv)
    # The language is known before parsing, so --help and argparse's own errors are in it too.
    set_language(_language_asked(arg_list) or os.environ.get("NTM_LANG", "vi"))
    argparse_i18n.install()
    parser = _gui_parser() if _wants_gui(arg_list) else build_parser()
    args = parser.parse_args(arg_list)
    from ntm_desktop.core.logs import configure

    configure(logging.WARNING, _data_folder(args))  # warnings and their details go to the data folder's log
    handler: Handler = getattr(args, "handler", None) or _open_gui
    try:
        return handler(args)
    except NtmError as exc:
        print(tr("Error: {message}", message=capped(_with_option(str(exc), exc, args))), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError) as exc:
        print(tr("Error: {message}", message=describe(exc)), file=sys.stderr)
        return 4
    except BrokenPipeError:  # e.g. "ntm-desktop … | head": the reader left; not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug, not the user's mistake: say so plainly, keep the details in the log
        log_path = log_unexpected(exc, _data_folder(args))
        print(
            tr(
                "Unexpected error: {message}. Details were saved in {path}",
                message=capped(str(exc), max_lines=3) or type(exc).__name__,
                path=str(log_path),
            ),
            file=sys.stderr,
        )
        return 1


def _data_folder(args: argparse.Namespace) -> Path | None:
    """The data folder the command worked in (``--data-dir``, or that of ``--db``): its log goes there
    (to the default data folder's while there is no data file yet)."""
    from ntm_desktop.core.paths import is_server_location, resolve_db_path

    data_dir = getattr(args, "data_dir", None)
    if is_server_location(getattr(args, "db", None)):  # a clerk's own folder (docs/postgresql.md, section 3)
        folder = Path(data_dir).expanduser() if data_dir else None
        return folder if folder is not None and folder.is_dir() else None
    try:
        path = resolve_db_path(getattr(args, "data_dir", None), getattr(args, "db", None))
    except (OSError, RuntimeError, ValueError, NtmError):  # the command says what is wrong with --db
        return None
    return path.parent if path.is_file() else None  # a mistyped --db gets no logs/ folder of its own


def log_unexpected(exc: BaseException, folder: Path | None = None) -> Path:
    """Append the traceback to the log file in the data folder (``folder``) and return its path."""
    from ntm_desktop.core.logs import log_file, spare_log_file

    for path in (log_file(folder), spare_log_file()):  # the spare when the data folder is read-only
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as handle:
                handle.write("".join(traceback.format_exception(exc)))
            return path
        except OSError:
            continue
    return path


if __name__ == "__main__":
    sys.exit(main())
