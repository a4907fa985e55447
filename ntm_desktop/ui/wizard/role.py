"""The wizard's first choice on a new data file, and the receiving unit's own page.

A new data file belongs to a commune (the profile pages follow) or to a receiving unit: the province's
NTM coordination office since 1 July 2025, a district before, or the national coordination office that
gathers the provinces' roll-ups (code ``00``, the app's placeholder). The office page asks what
``ntm-desktop receiver setup`` asks and is saved through the same service call, with the same checks.
A third choice, recovering a commune from its receiving unit's copy (a recovery bundle), is offered when
the app is given a way to do it (``recover``, called with the bundle chosen on the wizard's next page).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ntm_desktop.core.i18n import language, tr
from ntm_desktop.core.text import clean
from ntm_desktop.core.units import (
    NATIONAL_CODE,
    PROVINCES,
    RECEIVING_LEVELS,
    default_receiving_unit,
)
from ntm_desktop.receiver.values import NATIONAL
from ntm_desktop.ui.collate import vi_sorted
from ntm_desktop.ui.widgets.fields import InlineMessage, hint, mark_invalid, with_message

COMMUNE, OFFICE, RECOVER = "commune", "office", "recover"


class RolePage(QWizardPage):
    """Whose data file this is."""

    def __init__(self, recover: Callable[[Path], None] | None = None) -> None:
        super().__init__()
        self.setTitle(tr("Whose data is this?"))
        self.setSubTitle(tr("A data file holds one commune's records, or a receiving unit's."))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        choices = [
            (COMMUNE, tr("A commune"), tr("Record the commune's criteria results and the help it receives.")),
            (
                OFFICE,
                tr("A receiving unit"),
                tr(
                    "The province's New Rural Development coordination office (a district before 1 July "
                    "2025): take in the communes' bundles, sign off their years, make the summary."
                ),
            ),
        ]
        if recover is not None:
            choices.append(
                (
                    RECOVER,
                    tr("Recover from a recovery bundle"),
                    tr(
                        "A commune whose computer was lost or broken: start again from the copy the "
                        "receiving unit keeps, given to you on a USB stick."
                    ),
                )
            )
        for key, title, about in choices:
            button = QRadioButton(title)
            self.group.addButton(button)
            self.buttons[key] = button
            layout.addWidget(button)
            layout.addWidget(_indented(hint(about)))
        layout.addStretch(1)
        self.buttons[COMMUNE].setChecked(True)
        self.recover = recover

    @property
    def role(self) -> str:
        return next(k for k, b in self.buttons.items() if b.isChecked())

    def only_office(self) -> None:
        """On a database server: the office is chosen and a commune cannot be (its data stays in a file)."""
        self.buttons[OFFICE].setChecked(True)
        self.buttons[COMMUNE].setEnabled(False)
        self.buttons[COMMUNE].setToolTip(
            tr(
                "A commune's data stays in a file on its own computer; a database server holds only a "
                "receiving office's data."
            )
        )
        self.setSubTitle(
            tr(
                "A database server holds a receiving unit's data; a commune's stays in a file on its "
                "computer."
            )
        )


def _indented(widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(26, 0, 0, 8)
    layout.addWidget(widget)
    return box


class OfficePage(QWizardPage):
    """The receiving unit: its level, code, name, parent agency and who signs the summary report."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Your receiving unit"))
        self.setSubTitle(tr("Communes address their bundles to this unit; its code cannot change later."))
        self.level_group = QButtonGroup(self)
        self.level_buttons: dict[str, QRadioButton] = {}
        for key, names in RECEIVING_LEVELS.items():
            button = QRadioButton(names[1] if language() == "en" else names[0])
            self.level_group.addButton(button)
            self.level_buttons[key] = button
        national = QRadioButton(tr("National (the provinces' roll-ups; code 00)"))
        self.level_group.addButton(national)
        self.level_buttons[NATIONAL] = national
        self.level_buttons["province"].setChecked(True)
        self.province = QComboBox()
        self.province.setPlaceholderText(tr("— Choose the province or city —"))
        self.province.setMaxVisibleItems(18)
        for code, name in vi_sorted(PROVINCES.items(), key=lambda kv: kv[1].removeprefix("Thành phố ")):
            self.province.addItem(f"{name} ({code})", code)
        self.province.setCurrentIndex(-1)
        self.district = QLineEdit()
        self.district.setPlaceholderText(tr("e.g. 063"))
        self.name = QLineEdit()
        self.parent_edit = QLineEdit()
        self.signer = QLineEdit()
        self.signer.setPlaceholderText(tr("e.g. Trần Văn B"))
        self.signer_title = QLineEdit()
        self.signer_title.setPlaceholderText(tr("e.g. Chánh Văn phòng"))
        self.messages: dict[str, InlineMessage] = {}
        self.fields: dict[str, QWidget] = {}
        self.rows: dict[str, QWidget] = {}
        self._lay_out()
        self._defaults = ("", "")
        self.province.currentIndexChanged.connect(lambda _: self._follow())
        self.district.textChanged.connect(lambda _: self.completeChanged.emit())
        for button in self.level_buttons.values():
            button.toggled.connect(lambda _: self._follow())
        self._follow()

    def _row(self, form: QFormLayout, text: str, path: str, field: QWidget) -> None:
        self.messages[path], self.fields[path] = InlineMessage(), field
        self.rows[path] = with_message(field, self.messages[path])
        form.addRow(text, self.rows[path])

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        levels = QWidget()
        row = QVBoxLayout(levels)
        row.setContentsMargins(0, 0, 0, 0)
        for button in self.level_buttons.values():
            row.addWidget(button)
        self._row(form, tr("Level"), "level", levels)
        self._row(form, tr("Province or city"), "province_code", self.province)
        self._row(form, tr("District code (3 digits)"), "code", self.district)
        self._row(form, tr("Name"), "name", self.name)
        self._row(form, tr("Parent agency (on documents)"), "parent", self.parent_edit)
        self._row(form, tr("Who signs the summary report"), "signer_name", self.signer)
        self._row(form, tr("Title"), "signer_title", self.signer_title)
        form.addRow("", hint(tr("The same as: ntm-desktop receiver setup --code … --name … --signer …")))
        self.district_row = form

    @property
    def level(self) -> str:
        return next((key for key, b in self.level_buttons.items() if b.isChecked()), "province")

    def _follow(self) -> None:
        """The unit's usual name and parent for the province chosen (the national office's own name),
        unless the officer typed others."""
        district, national = self.level == "district", self.level == NATIONAL
        self.district_row.setRowVisible(self.rows["code"], district)
        self.district_row.setRowVisible(self.rows["province_code"], not national)
        code = NATIONAL_CODE if national else str(self.province.currentData() or "")
        name = default_receiving_unit(code) if not district else ""
        parent = _parent(code) if not district else ""
        for edit, old, new in (
            (self.name, self._defaults[0], name),
            (self.parent_edit, self._defaults[1], parent),
        ):
            if clean(edit.text()) in ("", old):
                edit.setText(new)
        self._defaults = (name, parent)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self.level == NATIONAL:
            return True
        return self.province.currentIndex() >= 0 and (
            self.level == "province" or bool(clean(self.district.text()))
        )

    def values(self) -> dict[str, str | None]:
        """What ``ws.receiver.set_up`` (and ``receiver setup``) is given."""
        national = self.level == NATIONAL
        province = "" if national else str(self.province.currentData() or "")
        code = {NATIONAL: NATIONAL_CODE, "province": province}.get(self.level, clean(self.district.text()))
        return {
            "level": self.level,
            "code": code,
            "name": clean(self.name.text()) or None,
            "parent": clean(self.parent_edit.text()) or None,
            "province_code": province or None,
            "signer_name": clean(self.signer.text()) or None,
            "signer_title": clean(self.signer_title.text()) or None,
        }

    def show_problem(self, path: str, message: str) -> bool:
        where = self.messages.get(path)
        if where is None:
            return False
        where.show_message(message)
        mark_invalid(self.fields[path], True)
        return True

    def clear_problems(self) -> None:
        for path, message in self.messages.items():
            message.clear_message()
            mark_invalid(self.fields[path], False)


def _parent(province_code: str) -> str:
    from ntm_desktop.receiver.info import default_parent

    return default_parent("province", province_code)
