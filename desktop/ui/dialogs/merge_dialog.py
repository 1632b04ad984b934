"""合并大群: pick the group to keep, read exactly what will move, then merge in one transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.groups import GroupDTO
from desktop.ui.styles import WARN_STYLE
from desktop.workers.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.domain.merge import MergePreview, MergeResult
    from desktop.services.merge import MergeService


class MergeDialog(QDialog):
    merged = Signal(object)  # MergeResult

    def __init__(self, runner: TaskRunner, service: MergeService, groups: list[GroupDTO],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("合并群"))
        self.setMinimumWidth(560)
        self._runner = runner
        self._service = service
        self._groups = groups
        self._preview: MergePreview | None = None

        self.target = QComboBox()
        for group in sorted(groups, key=lambda g: -g.member_count):
            self.target.addItem(f"{group.name}  ({group.member_count} 人)", group.id)
        self.target.currentIndexChanged.connect(self._load_preview)
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        self.note.setPlaceholderText(self.tr("例如: 两个小群人数太少, 合并运营"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)  # a dozen fixed rows: a widget table is the right tool here
        self.table.setHorizontalHeaderLabels([self.tr("内容"), self.tr("移入"), self.tr("合并重复"), self.tr("舍弃")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARN_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText(self.tr("合并"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._merge)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("保留的群"), self.target)
        form.addRow(self.tr("备注"), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.buttons)
        self._load_preview()

    def target_id(self) -> int:
        return int(self.target.currentData())

    def source_ids(self) -> list[int]:
        target = self.target_id()
        return [g.id for g in self._groups if g.id != target]

    def _load_preview(self) -> None:
        self._preview = None
        self.merge_button.setEnabled(False)
        self.summary.setText(self.tr("正在计算要移动的数据…"))
        target, sources = self.target_id(), self.source_ids()
        self._runner.run(
            lambda _ctx: self._service.preview(sources, target),
            on_done=lambda preview: self._show_preview(target, preview),
            on_error=lambda exc: self._failed(error_message(exc)),
        )

    def _show_preview(self, target: int, preview: MergePreview) -> None:
        if target != self.target_id():
            return  # the operator picked another group meanwhile
        self._preview = preview
        self.summary.setText(self.tr("把 {0} 个群并入“{1}”: 人数 {2} → {3} (容量 {4})。被并入的群会归档。").format(
            len(preview.sources), preview.target.name, preview.member_count_before, preview.member_count_after,
            preview.capacity))
        self.table.setRowCount(len(preview.tables))
        for row, item in enumerate(preview.tables):
            for column, value in enumerate((item.title, item.moved, item.folded, item.dropped)):
                cell = QTableWidgetItem(str(value))
                if column:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)
        self.warnings.setText("\n".join(f"⚠ {w}" for w in preview.warnings))
        self.merge_button.setEnabled(True)

    def _failed(self, message: str) -> None:
        self.summary.setText(message)
        self.merge_button.setEnabled(False)

    def _merge(self) -> None:
        preview = self._preview
        if preview is None:
            return
        self.merge_button.setEnabled(False)
        target, sources, note = self.target_id(), self.source_ids(), self.note.text()

        def done(result: MergeResult) -> None:
            self.merged.emit(result)
            self.accept()

        self._runner.run(
            lambda _ctx: self._service.merge(sources, target, note, expect=preview),
            on_done=done, on_error=lambda exc: self._failed(error_message(exc)),
            changes="groups", changed_ids=lambda result: [result.target_id, *result.archived_ids],
        )
