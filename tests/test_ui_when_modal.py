"""The tests' ``when_modal`` answers the dialog the step under test opens, never one that was open
before it was armed: a fixture's leftover error message taken for the form under test would make a test
pass (or fail) for the wrong dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from tests.helpers.ui_help import when_modal


def test_a_dialog_open_before_arming_is_not_the_one_answered(qtbot) -> None:
    leftover = QMessageBox(QMessageBox.Icon.Critical, "Lỗi", "Không mở được tệp dữ liệu")
    leftover.setWindowModality(Qt.WindowModality.ApplicationModal)
    qtbot.addWidget(leftover)
    leftover.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is leftover)
    answered: list[QDialog] = []

    def answer(dialog: QDialog) -> None:
        answered.append(dialog)
        dialog.accept()

    when_modal(answer)
    for _ in range(3):  # the helper looks at once: the leftover is the active modal dialog then
        QApplication.processEvents()
    assert answered == [] and leftover.isVisible()

    under_test = QDialog(leftover)
    qtbot.addWidget(under_test)
    QTimer.singleShot(10_000, under_test.reject)  # only if the helper never answers: fail, not hang
    assert under_test.exec() == QDialog.DialogCode.Accepted
    assert answered == [under_test] and leftover.isVisible()
