"""The evidence files of a record (an assessment, a help record): list them, attach more, open one,
and, where the form allows it, remove one. A file chosen but not saved yet is shown by its path.

Each file is listed with what its content really is ("PDF document", "Windows program"). Opening one
copies it under its safe name into a folder of its own, and asks first when the file is a program or a
script, or when its name claims another type than its content."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.filetypes import Verdict, judge, sniff_file
from ntm_desktop.core.i18n import tr
from ntm_desktop.services.evidence import Evidence, OpenCopy, copy_to_open
from ntm_desktop.ui.tasks import TaskManager

_FILE_ROLE = Qt.ItemDataRole.UserRole


class EvidenceBox(QWidget):
    attach_requested = Signal(list)
    """Carries the chosen files (``list[Path]``); the editor saves them with its record."""
    remove_requested = Signal(object)
    """Carries the selected entry (an :class:`Evidence`, or the ``Path`` of a file not saved yet)."""

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None, *, removable: bool = False) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.list = QListWidget()
        self.list.setMaximumHeight(96)
        self.empty = QLabel(tr("No files yet: photos, scanned minutes, decisions…"))
        self.empty.setProperty("role", "muted")
        self.empty.setWordWrap(True)
        self.attach_button = QPushButton(tr("Attach files…"))
        self.open_button = QPushButton(tr("Open"))
        self.open_button.setEnabled(False)
        self.remove_button = QPushButton(tr("Remove"))
        self.remove_button.setEnabled(False)
        self.remove_button.setVisible(removable)
        self.attach_button.clicked.connect(self._choose)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self._remove)
        self.list.itemActivated.connect(lambda _: self.open_selected())
        self.list.currentRowChanged.connect(self._selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)

    def show_files(self, files: Sequence[Evidence | Path]) -> None:
        """Saved files (:class:`Evidence`) and chosen ones not saved yet (``Path``)."""
        self.list.clear()
        for f in files:
            if isinstance(f, Evidence):
                text = f"{f.filename}  ({f.content_type.label}, {_size(f.size)})"
            else:
                text = tr("{name}  (saved with the record)", name=f.name)
            item = QListWidgetItem(text)
            item.setData(_FILE_ROLE, f)
            item.setToolTip(str(f.path if isinstance(f, Evidence) else f))
            self.list.addItem(item)
        self.list.setVisible(bool(files))
        self.empty.setVisible(not files)
        self._selected(self.list.currentRow())

    def _selected(self, row: int) -> None:
        self.open_button.setEnabled(row >= 0)
        self.remove_button.setEnabled(row >= 0)

    def _remove(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.remove_requested.emit(item.data(_FILE_ROLE))

    def choose_files(self) -> list[Path]:
        """Ask which files to attach (tests replace this)."""
        names, _ = QFileDialog.getOpenFileNames(self, tr("Attach evidence files"))
        return [Path(n) for n in names]

    def _choose(self) -> None:
        paths = self.choose_files()
        if paths:
            self.attach_requested.emit(paths)

    def open_selected(self) -> None:
        item = self.list.currentItem()
        evidence = item.data(_FILE_ROLE) if item is not None else None
        if isinstance(evidence, Path):  # not saved yet: the officer's own file, opened where it is
            path = evidence
            self._tasks.run(lambda: OpenCopy(path, judge(path.name, sniff_file(path))), self._open)
        elif isinstance(evidence, Evidence):
            # Stored files are named by their hash: open a copy under the file's safe name.
            stored = evidence
            self._tasks.run(lambda: copy_to_open(stored.path, stored.filename), self._open)

    def _open(self, copy: OpenCopy) -> None:
        if copy.verdict.ask_first and not ConfirmOpen.ask(self, copy.path.name, copy.verdict):
            return
        open_with_its_program(copy.path)


class ConfirmOpen:
    @staticmethod
    def ask(parent: QWidget | None, name: str, verdict: Verdict) -> bool:
        """Whether to open a file that runs a program or is not what its name says (tests replace this)."""
        answer = QMessageBox.warning(
            parent,
            tr("Open this file?"),
            warning_text(name, verdict),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Open


def warning_text(name: str, verdict: Verdict) -> str:
    lines = [tr("“{name}” holds: {kind}.", name=name, kind=verdict.content.label)]
    if verdict.mismatch:
        lines.append(tr("Its name does not match its content: it may pass itself off as another file."))
    if verdict.runs:
        lines.append(tr("Opening it may run a program on this computer."))
    lines.append(tr("Open it only if you know where it comes from."))
    return "\n\n".join(lines)


def open_with_its_program(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, n // 1024)} KB"
