"""Tệp › Thông tin văn phòng…: a receiving office changes its name, parent agency, place of issue and who
signs its summary report (what ``receiver edit`` does; its code and level never change, communes address
their bundles to them).

``OfficeDetailsDialog.ask(ctx, parent)`` returns True when the details were saved (tests replace it).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from ntm_desktop.core.changes import Changes
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.typed_work import GuardedDialog
from ntm_desktop.ui.widgets.fields import InlineMessage, hint, label, mark_invalid, with_message

FIELDS = ("name", "parent", "place", "signer_name", "signer_title")


class OfficeDetailsDialog(GuardedDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved = False
        info = ctx.ws.receiver.info()
        self.setWindowTitle(tr("Office details"))
        self.setMinimumWidth(660)
        labels = {
            "name": tr("Name"),
            "parent": tr("Parent agency (on documents)"),
            "place": tr("Place written on documents"),
            "signer_name": tr("Who signs the summary report"),
            "signer_title": tr("Title"),
        }
        self.edits = {f: QLineEdit(str(getattr(info, f) or "")) for f in FIELDS}
        for edit in self.edits.values():
            edit.setCursorPosition(0)  # a long name reads from its start
        self.edits["signer_name"].setPlaceholderText(tr("e.g. Trần Văn B"))
        self.edits["signer_title"].setPlaceholderText(tr("e.g. Chánh Văn phòng"))
        self.messages = {f: InlineMessage() for f in FIELDS}
        form = QFormLayout()
        form.addRow(tr("Code"), label(info.code))
        for f in FIELDS:
            form.addRow(labels[f], with_message(self.edits[f], self.messages[f]))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(tr("The code cannot change: the communes address their bundles to it.")))
        layout.addLayout(form)
        layout.addWidget(
            hint(tr("The same as: ntm-desktop receiver edit --name … --signer … --signer-title …"))
        )
        layout.addWidget(buttons)

    def values(self) -> dict[str, str | None]:
        """What ``ws.receiver.configure`` is given: each field as typed (an emptied one is left as it was)."""
        return {f: clean(self.edits[f].text()) or None for f in FIELDS}

    def accept(self) -> None:
        for f in FIELDS:
            self.messages[f].clear_message()
            mark_invalid(self.edits[f], False)
        self.save_button.setEnabled(False)
        values = self.values()

        def saved(_: Changes) -> None:
            self.saved = True
            super(OfficeDetailsDialog, self).accept()

        def refused(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            problems = exc.problems if isinstance(exc, InvalidInput) else ()
            for problem in problems:
                if problem.path in self.messages:
                    self.messages[problem.path].show_message(problem.message)
                    mark_invalid(self.edits[problem.path], True)
                else:
                    self.ctx.tasks.report(InvalidInput([problem]))
            if not problems:
                self.ctx.tasks.report(exc)

        self.ctx.mutate(
            lambda ws: ws.receiver.configure(**values),  # what ``receiver edit`` does, with its checks
            saved,
            on_invalid=refused,
            handles=(InvalidInput,),
            owner=self,
        )

    @classmethod
    def ask(cls, ctx: AppContext, parent: QWidget | None = None) -> bool:
        dialog = cls(ctx, parent)
        dialog.exec()
        return dialog.saved
