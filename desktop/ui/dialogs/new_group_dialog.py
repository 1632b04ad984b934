"""Create a group: the group form in a dialog that stays open until the group is saved."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop.domain.errors import ValidationError
from desktop.domain.groups import DimensionDTO, GroupDraft
from desktop.ui.widgets.group_editor import GroupEditor

#: submit(draft, label_ids, on_failed) starts the save; the dialog closes when the page says so
Submit = Callable[[GroupDraft, list[int]], None]


class NewGroupDialog(QDialog):
    def __init__(self, dimensions: list[DimensionDTO], submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建群"))
        self.setMinimumWidth(520)
        self._submit = submit
        self.editor = GroupEditor(dimensions, self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(self.buttons)
        self.editor.name.setFocus()

    def _create(self) -> None:
        draft = self.editor.draft()
        try:
            draft.validated()
        except ValidationError as exc:
            self.editor.show_error(str(exc), exc.field)
            return
        self.buttons.setEnabled(False)
        self._submit(draft, self.editor.label_ids())

    def failed(self, message: str, field: str | None) -> None:
        self.buttons.setEnabled(True)
        self.editor.show_error(message, field)
