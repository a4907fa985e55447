"""Where to write a bundle (the USB stick) and what to put in it.

    choice = ExportDialog.ask(parent, title, intro, folder, options)          # None when cancelled
    choice = ExportDialog.ask(parent, title, intro, folder, options, units)   # also pick a commune

``options`` are the radio choices (the first is chosen); ``units`` (code, name) fills a commune list;
``years`` (keyword) a year list, the first chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.i18n import tr
from ntm_desktop.ui.pages.sync.wording import unit_name
from ntm_desktop.ui.widgets.fields import InlineMessage, label


@dataclass(frozen=True)
class ExportChoice:
    folder: Path
    option: int = 0
    unit: str | None = None
    year: int | None = None


class ExportDialog(QDialog):
    def __init__(
        self,
        title: str,
        intro: str,
        folder: Path,
        options: Sequence[str] = (),
        units: Sequence[tuple[str, str]] = (),
        parent: QWidget | None = None,
        years: Sequence[int] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.folder = QLineEdit(str(folder))
        self.folder.setClearButtonEnabled(True)
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.message = InlineMessage()
        self.group = QButtonGroup(self)
        self.unit = QComboBox()
        for code, name in units:
            self.unit.addItem(unit_name(code, name), code)
        self.year = QComboBox()
        for year in years:
            self.year.addItem(str(year), year)
        form = QFormLayout()
        form.addRow(tr("Write to the folder"), row)
        form.addRow("", self.message)
        if units:
            form.addRow(tr("Commune"), self.unit)
        if years:
            form.addRow(tr("Year"), self.year)
        layout = QVBoxLayout(self)
        layout.addWidget(label(intro))
        layout.addLayout(form)
        for n, text in enumerate(options):
            button = QRadioButton(text)
            button.setChecked(n == 0)
            self.group.addButton(button, n)
            layout.addWidget(button)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(tr("Write the file"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setDefault(True)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addSpacing(6)
        layout.addWidget(buttons)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        intro: str,
        folder: Path,
        options: Sequence[str] = (),
        units: Sequence[tuple[str, str]] = (),
        *,
        years: Sequence[int] = (),
    ) -> ExportChoice | None:
        dialog = cls(title, intro, folder, options, units, parent, years)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()

    def choice(self) -> ExportChoice:
        unit = self.unit.currentData() if self.unit.count() else None
        year = self.year.currentData() if self.year.count() else None
        return ExportChoice(Path(self.folder.text().strip()), max(self.group.checkedId(), 0), unit, year)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, tr("Choose the folder (the USB stick)"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def _accept(self) -> None:
        text = self.folder.text().strip()
        if not text:
            self.message.show_message(tr("Choose the folder to write the file into."))
            return
        if not Path(text).is_dir():
            self.message.show_message(
                tr("There is no folder {path}. Is the USB stick plugged in?", path=text)
            )
            return
        self.accept()
