"""Typed errors of the core. Every message is one a commune officer understands.

Messages are already translated (through :func:`ntm_desktop.core.i18n.tr`) when the error is raised,
so the UI and the CLI print ``str(error)`` as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ntm_desktop.core.fieldlabels import problem_text


class NtmError(Exception):
    """Base of every error the app expects and explains to the user."""

    exit_code = 1

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Problem:
    """One problem in the input: where (a field or a path like ``help[3].items[0].quantity``) and what.

    Printed, the path reads as the app names the field (:mod:`ntm_desktop.core.fieldlabels`): "Khoản hỗ
    trợ thứ 4 · Dòng 1 · Số lượng: …"; :attr:`technical` keeps the path itself (logs, details)."""

    path: str
    message: str
    verbatim: bool = False
    """The path's last key is shown as written (an unknown field), not by its label."""
    within: str = ""
    """The list of records a form's path belongs to when the path does not say (``help`` for the help
    form's ``title``): the field is then named as that form names it ("Nội dung hỗ trợ")."""

    def __str__(self) -> str:
        return problem_text(self.path, self.message, self.verbatim, self.within)

    @property
    def technical(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidInput(NtmError):
    """The user's input is wrong. Carries every problem found, each naming its field."""

    exit_code = 3

    def __init__(self, problems: Sequence[Problem] | str, field: str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem(field, problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def technical(self) -> str:
        """Every problem by its path in the data (``help[0].items[0].quantity``), for details and logs."""
        return "\n".join(p.technical for p in self.problems)

    @property
    def field(self) -> str:
        return self.problems[0].path if self.problems else ""


class NotFound(NtmError):
    exit_code = 3


class Conflict(NtmError):
    """The change cannot be made in the current state (e.g. the record is locked or was changed)."""

    exit_code = 3


class WorkspaceError(NtmError):
    """The data file cannot be opened, created or upgraded."""

    exit_code = 4


class BundleRejected(NtmError):
    exit_code = 3


class SignatureInvalid(NtmError):
    exit_code = 5
