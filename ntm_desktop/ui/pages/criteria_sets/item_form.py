"""The right-hand form of the set editor: the set's own details, a criterion, or an indicator with its
thresholds (general and per commune group or region), requirement texts, citation and flags."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGridLayout, QLabel, QStackedWidget, QWidget

from ntm_desktop.core.fieldlabels import field_name
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.setlabels import requirement_name, threshold_name
from ntm_desktop.criteria.editing import ItemPath, ItemProblem
from ntm_desktop.criteria.model import COMMUNE_GROUPS, LEVELS, REGIONS
from ntm_desktop.export.xlsx.reader import no_date_text, read_date
from ntm_desktop.ui.pages.criteria_sets.fields import BoundField, combo, line, text_box
from ntm_desktop.ui.widgets.fields import hint, label, with_message

Apply = Callable[[ItemPath, str, Any], None]


def level_name(code: str) -> str:
    names = {
        "ntm": tr("New rural commune"),
        "nang_cao": tr("Advanced new rural commune"),
        "kieu_mau": tr("Model new rural commune"),
        "hien_dai": tr("Modern new rural commune"),
    }
    return names.get(code, code)


class _Form(QWidget):
    """Fields by key, laid out in a form; values come from and go to the draft's item. A field's row is
    labelled as a criteria-set file's problems name it (:func:`~ntm_desktop.core.fieldlabels.field_name`
    at the form's ``level``)."""

    level = "criteria_sets"

    def __init__(self, apply: Apply) -> None:
        super().__init__()
        self.fields: dict[str, BoundField] = {}
        self.path: ItemPath = ()
        self._apply = apply
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)

    def add(self, key: str, widget: QWidget, title: str | None = None) -> BoundField:
        """A row for ``key``, labelled with its field name (``title``: "" for a box that says it)."""
        field = BoundField(key, widget, self._edited)
        self.fields[key] = field
        self.form.addRow(self.named(key) if title is None else title, with_message(widget, field.message))
        return field

    def named(self, key: str) -> str:
        return field_name(self.level, key)

    def _edited(self, key: str, value: Any) -> None:
        if key.endswith("date") or key.endswith("effective"):
            day = read_date(value) if isinstance(value, str) and value.strip() else None
            value = day.isoformat() if day else (value.strip() or None)
        if key == "sources":
            value = [v.strip() for v in str(value).splitlines() if v.strip()]
        self._apply(self.path, key, value)

    def load(self, path: ItemPath, item: dict[str, Any], dimension: str) -> None:
        self.path = path
        for key, field in self.fields.items():
            field.show_value(_value_of(item, key))

    def show_problems(self, problems: Sequence[ItemProblem], item: dict[str, Any]) -> list[ItemProblem]:
        """Put each problem of ``item`` under its field; return those no field shows."""
        by_field = {f: "" for f in self.fields}
        unshown = []
        for p in problems:
            key = _field_key(p.field)
            if key in by_field:
                by_field[key] = by_field[key] or said(p, item)
            else:
                unshown.append(p)
        for key, text in by_field.items():
            self.fields[key].show_problem(text)
        return unshown

    def set_editable(self, editable: bool) -> None:
        for field in self.fields.values():
            field.set_editable(editable)


class SetForm(_Form):
    def __init__(self, apply: Apply) -> None:
        super().__init__(apply)
        self.add("id", line("tinh-19-ntm-xa-2026-2030"))
        self.add("name_vi", text_box(48))
        self.add("name_en", line())
        self.add("level", combo([(level_name(c), c) for c in LEVELS]))
        self.add("period.from", line("2026"))
        self.add("period.to", line("2030"))
        self.add("legal_basis.document", line("51/2025/QĐ-TTg"))
        self.add("legal_basis.part", line("Phụ lục I"))
        self.add("legal_basis.date", line("29/12/2025"))
        self.add("legal_basis.effective", line("15/02/2026"))
        self.add("legal_basis.issuer", line())
        self.add("note_vi", text_box(60))
        self.form.addRow(
            "", hint(tr("Thresholds vary by commune group (2026–2030) or by region (2016–2025)."))
        )

    def _edited(self, key: str, value: Any) -> None:
        if key in ("period.from", "period.to"):
            text = str(value).strip()
            value = int(text) if text.isdigit() else text
        super()._edited(key, value)


class CriterionForm(_Form):
    level = "criteria"

    def __init__(self, apply: Apply) -> None:
        super().__init__(apply)
        self.add("code", line("2"))
        self.add("group", line("II"))
        self.add("name_vi", text_box(48))
        self.add("name_en", line())
        self.add("requirement_vi", text_box(60))
        _citation(self)
        _flags(self, "requirement_confirmed")
        self.add("note", text_box(48))

    def _edited(self, key: str, value: Any) -> None:
        if key == "group":
            value = str(value).strip() or None
        super()._edited(key, value)


class IndicatorForm(_Form):
    level = "indicators"

    def __init__(self, apply: Apply) -> None:
        super().__init__(apply)
        kinds = [(tr("Percentage (%)"), "percent"), (tr("Number"), "number"), (tr("Yes / no"), "boolean"),
                 (tr("Level reached"), "level")]  # fmt: skip
        self.add("code", line("2.1"))
        self.add("name_vi", text_box(54))
        self.add("name_en", line())
        self.add("kind", combo(kinds))
        self.add("unit", line(tr("e.g. km, triệu đồng/người/năm")))
        self.add("direction", combo([("", None), ("≥", ">="), ("≤", "<="), ("=", "=")]))
        self.thresholds = QWidget()
        self.grid = QGridLayout(self.thresholds)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.named("threshold"), self.thresholds)
        self.add("requirement_vi", text_box(54))
        self.by_key = QWidget()
        self.by_key_form = QFormLayout(self.by_key)
        self.by_key_form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.named("requirement_by_key"), self.by_key)
        _citation(self)
        _flags(self, "threshold_confirmed")
        self.add("note", text_box(48))
        self._dimension = ""

    def load(self, path: ItemPath, item: dict[str, Any], dimension: str) -> None:
        if dimension != self._dimension:
            self._build_keys(dimension)
        super().load(path, item, dimension)

    def _build_keys(self, dimension: str) -> None:
        for key in [k for k in self.fields if k.startswith(("threshold:", "req:"))]:
            self.fields.pop(key)
        while (item := self.grid.takeAt(0)) is not None:  # the boxes, their labels and messages
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        while self.by_key_form.rowCount():
            self.by_key_form.removeRow(0)
        keys = COMMUNE_GROUPS if dimension == "group" else REGIONS
        wrap = QFormLayout.RowWrapPolicy  # a region's long name above its box, "nhóm 2" beside it
        self.by_key_form.setRowWrapPolicy(wrap.DontWrapRows if dimension == "group" else wrap.WrapAllRows)
        self._threshold_boxes(("general", *keys), 2 if dimension == "group" else 1)
        for key in keys:
            field = BoundField(f"req:{key}", text_box(40), self._edited)
            self.fields[field.key] = field
            self.by_key_form.addRow(requirement_name(key), with_message(field.widget, field.message))
        self._dimension = dimension

    def _threshold_boxes(self, keys: Sequence[str], per_row: int) -> None:
        """A box per threshold, labelled as its problems name it ("Ngưỡng chung", "Ngưỡng cho nhóm 2");
        two on a line for the short group names, one for the regions' long ones."""
        for n, key in enumerate(keys):
            field = BoundField(f"threshold:{key}", line(), self._edited)
            self.fields[field.key] = field
            row, column = divmod(n, per_row)
            self.grid.addWidget(QLabel(threshold_name(key)), row * 2, column * 2)
            self.grid.addWidget(field.widget, row * 2, column * 2 + 1)
            self.grid.addWidget(field.message, row * 2 + 1, column * 2, 1, 2)  # the label's width too
        for column in range(4):  # the boxes take the room the labels leave
            self.grid.setColumnStretch(column, 1 if column % 2 and column // 2 < per_row else 0)


def _citation(form: _Form) -> None:
    form.form.addRow(label(form.named("source"), "subtitle"))
    form.add("source.document", line(tr("empty: the set's own decision")))
    form.add("source.part", line("Phụ lục I, mục 2.1"))
    form.add("source.date", line("29/12/2025"))


def _flags(form: _Form, confirmed_key: str) -> None:
    for key in ("delegated", "confirmed", confirmed_key):  # the box says what it is
        form.add(key, QCheckBox(form.named(key)), title="")


def _value_of(item: dict[str, Any], key: str) -> Any:
    if key.startswith("threshold:"):
        name = key.split(":", 1)[1]
        t = item.get("threshold", {})
        return (
            t.get("general")
            if name == "general"
            else {**t.get("by_region", {}), **t.get("by_group", {})}.get(name)
        )
    if key.startswith("req:"):
        return item.get("requirement_by_key", {}).get(key.split(":", 1)[1])
    value: Any = item
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if (
        key.endswith(("date", "effective"))
        and isinstance(value, str)
        and len(value) == 10
        and value[4] == "-"
    ):
        return f"{value[8:10]}/{value[5:7]}/{value[0:4]}"
    return value


def _field_key(problem_field: str) -> str:
    """The form's key for a problem's field (``threshold.by_group.2`` → ``threshold:2``)."""
    if problem_field.startswith("threshold."):
        rest = problem_field.split(".", 1)[1]
        return "threshold:general" if rest == "general" else f"threshold:{rest.split('.')[-1]}"
    if problem_field.startswith("requirement_by_key."):
        return f"req:{problem_field.split('.', 1)[1]}"
    return problem_field


def said(p: ItemProblem, item: dict[str, Any]) -> str:
    """The problem in the words the officer reads beside its box and in the list of problems alike.

    A date typed that cannot be read says why, as the box takes it ("31/02/2025 … tháng 2/2025 có 28
    ngày", or "Hãy viết như … 31/12/2023"): the list said the set file's "YYYY-MM-DD" and the box
    "ngày/tháng/năm" whatever was wrong."""
    if p.field.endswith(("date", "effective")):
        typed: Any = item
        for part in p.field.split("."):
            typed = typed.get(part) if isinstance(typed, dict) else None
        if isinstance(typed, str) and typed.strip() and read_date(typed) is None:
            return no_date_text(typed)
    return p.message


class ItemForms(QStackedWidget):
    """The form for what is selected: the set, a criterion or an indicator."""

    def __init__(self, apply: Apply) -> None:
        super().__init__()
        self.set_form, self.criterion_form = SetForm(apply), CriterionForm(apply)
        self.indicator_form = IndicatorForm(apply)
        self.other = QLabel(tr("Choose the set, a criterion or an indicator on the left."))
        for widget in (self.set_form, self.criterion_form, self.indicator_form):
            self.addWidget(widget)
        self.addWidget(self.other)

    def current(self) -> _Form | None:
        widget = self.currentWidget()
        return widget if isinstance(widget, _Form) else None

    def show_item(self, path: ItemPath, item: dict[str, Any], dimension: str) -> _Form:
        form: _Form = (self.set_form, self.criterion_form, self.indicator_form)[len(path)]
        form.load(path, item, dimension)
        self.setCurrentWidget(form)
        return form
