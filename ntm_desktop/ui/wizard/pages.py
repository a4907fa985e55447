"""The wizard's pages. Each knows its fields, fills them from a profile and shows a problem at a field."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from ntm_desktop.core import vntime
from ntm_desktop.core.i18n import language, tr
from ntm_desktop.core.text import clean
from ntm_desktop.core.units import (
    GROUPS,
    PROVINCES,
    RECEIVING_LEVELS,
    REGIONS,
    UNIT_TYPES,
    UnitProfile,
    default_receiving_unit,
    period_text,
)
from ntm_desktop.criteria.loading import group_period_for_year
from ntm_desktop.ui.collate import vi_sorted
from ntm_desktop.ui.widgets.fields import InlineMessage, hint, label, mark_invalid, with_message
from ntm_desktop.ui.wizard.lists import OfficerRows, StringListEditor

_CODE = re.compile(r"^[0-9]{5}$")


def code_problem(text: str) -> str:
    """The inline message for a unit code as typed so far ("" when it is fine or still empty)."""
    text = clean(text)
    if not text or _CODE.match(text):
        return ""
    return tr("The unit code must be exactly 5 digits, like 01234")


def _pick(pair: tuple[str, str]) -> str:
    return pair[1] if language() == "en" else pair[0]


def _select_data(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(combo.findData(value))


class ProfilePage(QWizardPage):
    """A wizard page that fills its fields from a profile and shows a core problem at its field."""

    def fill(self, p: UnitProfile) -> None:
        """Show ``p``'s values (when editing an existing commune)."""

    def show_problem(self, path: str, message: str) -> bool:
        """Show ``message`` at the field named ``path``; False if no field of this page has that name."""
        return False


class UnitPage(ProfilePage):
    """Code, name, type and province of the commune."""

    def __init__(self, editing: bool) -> None:
        super().__init__()
        self.setTitle(tr("Your commune"))
        self.setSubTitle(tr("The official code and name, as in the decision that set up the commune."))
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("01234")
        self.code_edit.setMaxLength(7)
        self.code_edit.setReadOnly(editing)
        self.code_message = InlineMessage()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(tr("e.g. Xã Bằng Thành"))
        self.name_message = InlineMessage()
        self.type_combo = QComboBox()
        for key, names in UNIT_TYPES.items():
            self.type_combo.addItem(_pick(names), key)
        self.province_combo = QComboBox()
        self.province_combo.setPlaceholderText(tr("— Choose the province or city —"))
        self.province_combo.setMaxVisibleItems(18)
        by_name = vi_sorted(PROVINCES.items(), key=lambda kv: kv[1].removeprefix("Thành phố "))
        for code, name in by_name:
            self.province_combo.addItem(f"{name} ({code})", code)
        self.province_combo.setCurrentIndex(-1)
        self.province_message = InlineMessage()
        form = QFormLayout(self)
        form.addRow(tr("Commune code (5 digits)"), with_message(self.code_edit, self.code_message))
        form.addRow(tr("Commune name"), with_message(self.name_edit, self.name_message))
        form.addRow(tr("Unit type"), self.type_combo)
        form.addRow(tr("Province or city"), with_message(self.province_combo, self.province_message))
        form.addRow(
            "", hint(tr("The 34 provinces and cities in force from 1 July 2025 (Resolution 202/2025/QH15)."))
        )
        self.code_edit.textChanged.connect(self._code_typed)
        self.name_edit.textChanged.connect(lambda _: self._clear(self.name_edit, self.name_message))
        self.province_combo.currentIndexChanged.connect(lambda _: self._province_chosen())

    def _code_typed(self, text: str) -> None:
        problem = code_problem(text)
        self.code_message.show_message(problem)
        mark_invalid(self.code_edit, bool(problem))
        self.completeChanged.emit()

    def _clear(self, edit: QLineEdit, message: InlineMessage) -> None:
        message.clear_message()
        mark_invalid(edit, False)
        self.completeChanged.emit()

    def _province_chosen(self) -> None:
        self.province_message.clear_message()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return (
            bool(_CODE.match(clean(self.code_edit.text())))
            and bool(clean(self.name_edit.text()))
            and self.province_combo.currentIndex() >= 0
        )

    @property
    def province_code(self) -> str:
        return str(self.province_combo.currentData() or "")

    def fill(self, p: UnitProfile) -> None:
        self.code_edit.setText(p.code)
        self.name_edit.setText(p.name)
        _select_data(self.type_combo, p.type)
        _select_data(self.province_combo, p.province_code)

    def show_problem(self, path: str, message: str) -> bool:
        targets = {
            "unit.code": (self.code_edit, self.code_message),
            "unit.name": (self.name_edit, self.name_message),
            "unit.province_code": (self.province_combo, self.province_message),
            "unit.type": (self.type_combo, self.province_message),
        }
        if path not in targets:
            return False
        widget, where = targets[path]
        where.show_message(message)
        mark_invalid(widget, True)
        widget.setFocus()
        return True


class PlacePage(ProfilePage):
    """The region (2016–2025 thresholds) and the commune group (2026–2030 thresholds)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Region and commune group"))
        self.setSubTitle(
            tr(
                "They decide which thresholds apply to your commune. Leave one empty if you do not know it "
                "yet."
            )
        )
        self.region_combo = QComboBox()
        self.region_combo.addItem(tr("— Not set —"), None)
        for code, names in REGIONS.items():
            self.region_combo.addItem(_pick(names), code)
        self.region_message = InlineMessage()
        self.group_combo = QComboBox()
        self.group_combo.addItem(tr("— Not set —"), None)
        for group in GROUPS:
            self.group_combo.addItem(tr("Group {group}", group=group), group)
        self.group_message = InlineMessage()
        form = QFormLayout(self)
        form.addRow(tr("Region"), with_message(self.region_combo, self.region_message))
        form.addRow(
            "",
            hint(
                tr(
                    "Used for the 2016–2020 and 2021–2025 criteria, whose thresholds differ by region. "
                    "Extremely "
                    "difficult communes use the thresholds of the northern midlands and mountains. After "
                    "the 2025 "
                    "mergers a province may span two regions: choose your commune's own region."
                )
            ),
        )
        period = group_period_for_year(vntime.today().year)
        group_label = tr("Commune group")
        if period:
            group_label = tr("Commune group, {period}", period=period_text(period))
        form.addRow(group_label, with_message(self.group_combo, self.group_message))
        form.addRow(
            "",
            hint(
                tr(
                    "Used for the 2026–2030 criteria (Decision 51/2025/QĐ-TTg), whose thresholds differ by "
                    "commune "
                    "group 1, 2 or 3. The province announces each commune's group."
                )
            ),
        )

    @property
    def region(self) -> str | None:
        value = self.region_combo.currentData()
        return str(value) if value else None

    @property
    def group(self) -> int | None:
        value = self.group_combo.currentData()
        return int(value) if value else None

    def fill(self, p: UnitProfile) -> None:
        _select_data(self.region_combo, p.region)
        _select_data(self.group_combo, p.group)

    def show_problem(self, path: str, message: str) -> bool:
        where = {"unit.region": self.region_message, "unit.group": self.group_message}.get(path)
        if where is None:
            return False
        where.show_message(message)
        return True


class VillagesPage(ProfilePage):
    """Villages (thôn, bản, ấp) and, for a merged commune, the codes of the communes it was made from."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Villages and former communes"))
        self.setSubTitle(tr("You can add these later too."))
        self.villages = StringListEditor(tr("e.g. Thôn Nà Pài"))
        self.predecessors = StringListEditor("01234", check=code_problem)
        self.predecessors.list.setMaximumHeight(90)
        layout = QVBoxLayout(self)
        layout.addWidget(label(tr("Villages (thôn, bản, ấp, tổ dân phố)"), "subtitle"))
        layout.addWidget(self.villages)
        layout.addWidget(label(tr("Former communes (for a merged commune)"), "subtitle"))
        layout.addWidget(
            hint(
                tr(
                    "If your commune was formed by merging communes in 2025, add the 5-digit codes of the "
                    "former "
                    "communes, so their earlier records can be joined to yours."
                )
            )
        )
        layout.addWidget(self.predecessors)

    def fill(self, p: UnitProfile) -> None:
        self.villages.set_values(p.villages)
        self.predecessors.set_values(p.predecessors)

    def show_problem(self, path: str, message: str) -> bool:
        if not path.startswith("unit.predecessors"):
            return False
        self.predecessors.show_error(message)
        return True


class ReceiverPage(ProfilePage):
    """Who receives the commune's reports: since 1 July 2025, the province."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Who receives your reports"))
        self.setSubTitle(tr("Reports and sync bundles are addressed to this office."))
        self.name_edit = QLineEdit()
        self._default = ""
        self.levels = QButtonGroup(self)
        self.level_buttons: dict[str, QRadioButton] = {}
        form = QFormLayout(self)
        form.addRow(tr("Receiving office"), self.name_edit)
        for key, names in RECEIVING_LEVELS.items():
            button = QRadioButton(_pick(names))
            self.levels.addButton(button)
            self.level_buttons[key] = button
            form.addRow(tr("Level") if key == "province" else "", button)
        self.level_buttons["province"].setChecked(True)
        self.level_message = InlineMessage()
        form.addRow("", self.level_message)
        form.addRow(
            "",
            hint(
                tr(
                    "From 1 July 2025 local government has two tiers: communes report directly to the "
                    "province, "
                    "usually to its New Rural Development coordination office. Choose the district only for "
                    "reports about the time before that."
                )
            ),
        )

    def province_changed(self, province_code: str) -> None:
        """Offer the province's NTM office, unless the officer typed another name."""
        new_default = default_receiving_unit(province_code)
        if clean(self.name_edit.text()) in ("", self._default):
            self.name_edit.setText(new_default)
        self._default = new_default

    @property
    def level(self) -> str:
        return next((k for k, b in self.level_buttons.items() if b.isChecked()), "province")

    def fill(self, p: UnitProfile) -> None:
        self._default = default_receiving_unit(p.province_code)
        self.name_edit.setText(p.receiving_unit_name)
        self.level_buttons.get(p.receiving_unit_level, self.level_buttons["province"]).setChecked(True)

    def show_problem(self, path: str, message: str) -> bool:
        if path != "unit.receiving_unit_level":
            return False
        self.level_message.show_message(message)
        return True


class OfficersPage(ProfilePage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Officers"))
        self.setSubTitle(
            tr(
                "Who records the assessments and who signs the reports, e.g. the chair of the commune "
                "People's Committee."
            )
        )
        self.rows = OfficerRows()
        self.no_signer = hint(
            tr(
                "No one signs the reports yet: type the signer's name and tick “Signs”, here or later in "
                "File › Commune details…; a report cannot be made without a signer."
            )
        )
        self.rows.changed.connect(self._show_signer)
        self.rows.add_row()
        layout = QVBoxLayout(self)
        layout.addWidget(self.rows)
        layout.addWidget(self.no_signer)
        layout.addStretch(1)

    def _show_signer(self) -> None:
        self.no_signer.setVisible(not any(o.is_signer for o in self.rows.officers()))

    def fill(self, p: UnitProfile) -> None:
        self.rows.set_officers(p.officers)
