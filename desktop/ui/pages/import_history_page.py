"""Import history: every ImportBatch, newest first, and undoing one whole import.

Undo runs ``ImportService.undo`` on the writer and announces ``data_changed("imports", [])``, so
every page showing imported rows refreshes itself; this page refreshes on that too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import ImportStatus
from desktop.domain.imports import BatchKind, ImportBatchDTO, ImportPolicy
from desktop.ui.models.rows_model import Column, RowsModel
from desktop.workers.tasks import TaskRunner, error_message

if TYPE_CHECKING:  # the service modules pull in SQLAlchemy; the window must paint before that
    from desktop.services.imports import ImportService

_Index = QModelIndex | QPersistentModelIndex
UNDONE_COLOUR = "#9e9e9e"
MUTED = "#757575"
TIME_COLUMN = 0


def _t(text: str) -> str:
    return QCoreApplication.translate("ImportHistoryPage", text)


def kind_name(kind: BatchKind | str) -> str:
    names = {
        BatchKind.GROUPS: _t("群列表"), BatchKind.MEMBERS: _t("成员"), BatchKind.MEMBERSHIPS: _t("群成员名单"),
        BatchKind.INTERACTIONS: _t("互动记录"), BatchKind.DAY_STATS: _t("每日群数据"),
        BatchKind.ORDERS: _t("订单"), BatchKind.CHAT_EXPORT: _t("聊天记录"), BatchKind.JIELONG: _t("接龙"),
    }
    return names.get(kind, str(kind))  # type: ignore[call-overload]


def policy_name(policy: ImportPolicy | str) -> str:
    names = {ImportPolicy.SKIP: _t("跳过已有"), ImportPolicy.UPDATE: _t("更新已有"),
             ImportPolicy.INSERT: _t("只加新的")}
    return names.get(policy, str(policy))  # type: ignore[call-overload]


def status_text(batch: ImportBatchDTO) -> str:
    return _t("已撤销") if batch.status == ImportStatus.UNDONE else _t("已导入")


def is_undone(batch: ImportBatchDTO) -> bool:
    return batch.status == ImportStatus.UNDONE


def _count(n: int) -> str:
    return f"{n:,}" if n else "—"


class BatchModel(RowsModel[ImportBatchDTO]):
    """The batches, undone ones greyed and struck through."""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.row() < self.rowCount() and is_undone(self.row_at(index.row())):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(UNDONE_COLOUR)
            if role == Qt.ItemDataRole.FontRole and index.column() != self.columnCount() - 1:
                font = QFont()
                font.setStrikeOut(True)
                return font
        return super().data(index, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < self.columnCount():  # -1: "unsorted", the order the rows came in
            super().sort(column, order)

    def batches(self) -> list[ImportBatchDTO]:
        return [self.row_at(r) for r in range(self.rowCount())]


class ImportHistoryPage(QWidget):
    status_message = Signal(str)
    #: an import was undone: its batch (status 已撤销)
    batch_undone = Signal(object)

    def __init__(self, runner: TaskRunner, imports: ImportService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = imports
        self._stale = True
        self._serial = 0
        self._undoing: int | None = None

        self.model = BatchModel(
            [
                Column(self.tr("导入时间"), lambda b: b.created_at.strftime("%Y-%m-%d %H:%M"),
                       sort_key=lambda b: (b.created_at, b.id)),
                Column(self.tr("类型"), lambda b: kind_name(b.kind)),
                Column(self.tr("文件"), lambda b: b.source_name, tooltip=lambda b: b.source_name),
                Column(self.tr("工作表"), lambda b: b.sheet_name, tooltip=lambda b: b.sheet_name or None),
                Column(self.tr("合并方式"), lambda b: policy_name(b.policy)),
                Column(self.tr("行数"), lambda b: _count(b.rows), sort_key=lambda b: b.rows, right=True),
                Column(self.tr("新增"), lambda b: _count(b.inserted), sort_key=lambda b: b.inserted, right=True),
                Column(self.tr("更新"), lambda b: _count(b.updated), sort_key=lambda b: b.updated, right=True),
                Column(self.tr("跳过"), lambda b: _count(b.skipped), sort_key=lambda b: b.skipped, right=True),
                Column(self.tr("失败"), lambda b: _count(b.failed), sort_key=lambda b: b.failed, right=True),
                Column(self.tr("状态"), status_text, tooltip=self._status_tooltip),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("importHistory")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(TIME_COLUMN, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.undo_button = QPushButton(self.tr("撤销这次导入…"))
        self.undo_button.setObjectName("undoImport")
        self.undo_button.setEnabled(False)
        self.undo_button.setToolTip(self.tr("删除这次导入新增的记录, 把它更新过的记录恢复原样"))
        self.undo_button.clicked.connect(self.undo_selected)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setObjectName("refreshImports")
        self.refresh_button.clicked.connect(self.refresh)
        self.count_label = QLabel()
        self.count_label.setStyleSheet(f"color: {MUTED};")
        self.detail = QLabel()
        self.detail.setObjectName("importDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet(f"color: {MUTED};")

        self.empty = QLabel(self.tr("还没有导入记录。用 文件 → 导入… 导入 Excel 或 CSV"))
        self.empty.setObjectName("importHistoryEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {MUTED}; font-size: 14px; padding: 40px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)

        bar = QHBoxLayout()
        bar.addWidget(self.undo_button)
        bar.addWidget(self.refresh_button)
        bar.addSpacing(12)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.detail)
        runner.data_changed.connect(self._data_changed)

    # ------------------------------------------------------------------ loading
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self._serial += 1
        serial = self._serial
        service = self._service

        def done(batches: list[ImportBatchDTO]) -> None:
            if serial == self._serial:
                self._show(batches)

        def failed(exc: BaseException) -> None:
            if serial == self._serial:
                QMessageBox.warning(self, self.tr("导入记录没有读出"), error_message(exc))

        self._runner.run(lambda _ctx: service.history(), on_done=done, on_error=failed)

    def _data_changed(self, kind: str, _ids: list) -> None:
        if kind in ("imports", "workspace"):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def _show(self, batches: list[ImportBatchDTO]) -> None:
        chosen = self.selected_batch()
        header = self.table.horizontalHeader()
        self.model.set_rows(batches)
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if column >= 0:
            self.model.sort(column, order)
        self.stack.setCurrentWidget(self.table if batches else self.empty)
        undone = sum(is_undone(b) for b in batches)
        self.count_label.setText(self.tr("共 {0} 次导入, 其中 {1} 次已撤销").format(len(batches), undone) if undone
                                 else self.tr("共 {0} 次导入").format(len(batches)))
        self.count_label.setVisible(bool(batches))
        if chosen is not None:
            self.select_batch(chosen.id)
        self._selection_changed()

    # ------------------------------------------------------------------ selection
    def selected_batch(self) -> ImportBatchDTO | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_batch(self, batch_id: int) -> bool:
        for row, batch in enumerate(self.model.batches()):
            if batch.id == batch_id:
                # through the selection model: selectRow() would read stray keyboard modifiers
                self.table.selectionModel().select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(self.model.index(row, 0))
                return True
        return False

    def _selection_changed(self, *_args: QItemSelection) -> None:
        batch = self.selected_batch()
        can_undo = batch is not None and not is_undone(batch) and self._undoing is None
        self.undo_button.setEnabled(can_undo)
        if batch is None:
            self.detail.setText(self.tr("选中一次导入, 可以把它整个撤销。") if self.model.rowCount() else "")
        elif is_undone(batch):
            self.detail.setText(self.tr("这次导入已撤销, 它写入的数据已经删除或恢复。"))
        else:
            self.detail.setText(self._summary(batch))

    def _summary(self, b: ImportBatchDTO) -> str:
        where = f"{b.source_name} · {b.sheet_name}" if b.sheet_name else b.source_name
        return self.tr("#{0} {1}: {2} 行, 新增 {3}, 更新 {4}, 跳过 {5}, 失败 {6}").format(
            b.id, where, b.rows, b.inserted, b.updated, b.skipped, b.failed)

    def _status_tooltip(self, b: ImportBatchDTO) -> str:
        if is_undone(b):
            return self.tr("已撤销: 这次导入新增的记录已删除, 更新过的记录已恢复")
        return self.tr("已导入, 可以撤销")

    # ------------------------------------------------------------------ undo
    def undo_selected(self) -> None:
        batch = self.selected_batch()
        if batch is None or is_undone(batch) or self._undoing is not None:
            return
        lines = [self.tr("撤销 {0} 导入的“{1}”({2})?").format(
            batch.created_at.strftime("%Y-%m-%d %H:%M"), batch.source_name, kind_name(batch.kind))]
        if batch.inserted:
            lines.append(self.tr("· 删除这次新增的 {0} 条记录").format(batch.inserted))
        if batch.updated:
            lines.append(self.tr("· 把这次更新的 {0} 条记录恢复成导入前的样子").format(batch.updated))
        if not batch.inserted and not batch.updated:
            lines.append(self.tr("· 这次导入没有新增或更新任何记录, 撤销只改变它的状态"))
        if batch.skipped or batch.failed:
            lines.append(self.tr("跳过的 {0} 行和失败的 {1} 行当时就没有写入, 不受影响。")
                         .format(batch.skipped, batch.failed))
        lines.append(self.tr("撤销后不能恢复; 需要时可以重新导入这个文件。"))
        answer = QMessageBox.question(
            self, self.tr("撤销导入"), "\n".join(lines),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        service, batch_id = self._service, batch.id
        self._undoing = batch_id
        self._selection_changed()

        def done(undone: ImportBatchDTO) -> None:
            self._undoing = None
            self.status_message.emit(self.tr("已撤销导入“{0}”: 删除 {1} 条, 恢复 {2} 条").format(
                undone.source_name, batch.inserted, batch.updated))
            self.batch_undone.emit(undone)
            self._selection_changed()

        def failed(exc: BaseException) -> None:
            self._undoing = None
            self._selection_changed()
            QMessageBox.warning(self, self.tr("没有撤销"), error_message(exc))
            self.refresh()

        # data_changed("imports", []) follows on_done; this page refreshes on it like every other
        self._runner.run(lambda _ctx: service.undo(batch_id), on_done=done, on_error=failed,
                         changes="imports", changed_ids=lambda _b: [], title=self.tr("正在撤销导入…"), parent=self)
