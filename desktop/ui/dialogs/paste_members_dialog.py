"""Paste a group's member list: who is in the group on a day; joins and leaves follow from the diff."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.members import SnapshotEntry, parse_pasted_list
from desktop.ui.styles import error_label

#: submit(on_date, entries) starts the write; the dialog closes when the page says so
Submit = Callable[[date, list[SnapshotEntry]], None]


class PasteMembersDialog(QDialog):
    def __init__(self, group_name: str, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("粘贴成员名单 · {0}").format(group_name))
        self.resize(460, 520)
        self._submit = submit
        self.text = QPlainTextEdit()
        self.text.setObjectName("pastedMembers")
        self.text.setPlaceholderText(self.tr(
            "把群成员名单粘贴在这里, 一行一个昵称。\n编号、表情和空行会自动去掉。\n\n"
            "和上次的名单相比, 新出现的人记为进群, 不见了的人记为退群。"))
        self.on_date = QDateEdit(QDate.currentDate())
        self.on_date.setCalendarPopup(True)
        self.on_date.setMaximumDate(QDate.currentDate())
        self.on_date.setDisplayFormat("yyyy-MM-dd")
        self.count = QLabel()
        self.error = error_label(wrap=False)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("记录名单"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._record)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("名单日期"), self.on_date)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._count)
        self._count()

    def entries(self) -> list[SnapshotEntry]:
        return parse_pasted_list(self.text.toPlainText())

    def _count(self) -> None:
        found = len(self.entries())
        self.count.setText(self.tr("识别到 {0} 人").format(found))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(found > 0)
        self.error.hide()

    def _record(self) -> None:
        entries = self.entries()
        if not entries:
            return
        self.buttons.setEnabled(False)
        self._submit(self.on_date.date().toPython(), entries)

    def failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(message)
        self.error.show()
