"""The follow-ups page (待跟进): open follow-ups, overdue first, then today, then the next 7 days.

One tree with three sections so the arrow keys run through all of them; Enter or Space marks the
selected follow-ups done, and the cursor moves on to the next one.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.members import FollowUps, InteractionDTO
from desktop.ui.labels import interaction_name
from desktop.ui.styles import ERROR_COLOR
from desktop.workers.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.services.interactions import InteractionService

UPCOMING_DAYS = 7
ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE = QColor(ERROR_COLOR)
SECTION_OVERDUE, SECTION_TODAY, SECTION_UPCOMING = 0, 1, 2


class FollowUpsPage(QWidget):
    status_message = Signal(str)
    #: the operator double-clicked a follow-up about a member (the main window may open them)
    member_requested = Signal(int)

    def __init__(self, runner: TaskRunner, interactions: InteractionService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = interactions
        self._stale = True
        self._loaded_on: date | None = None
        self._serial = 0
        self._resume_at: tuple[int, int] | None = None
        self.follow_ups = FollowUps((), (), ())

        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([self.tr("跟进日期"), self.tr("群"), self.tr("成员"), self.tr("类型"),
                                              self.tr("内容"), self.tr("记录于")])
        self.tree = QTreeView()
        self.tree.setObjectName("followUpsTree")
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(12)
        self.tree.setItemsExpandable(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(False)
        for column, width in enumerate((176, 190, 110, 60, 380)):
            self.tree.setColumnWidth(column, width)
        self.tree.header().setStretchLastSection(True)
        self.tree.installEventFilter(self)
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.tree.doubleClicked.connect(self._double_clicked)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("followUpSummary")
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.hint = QLabel(self.tr("选中后按 Enter 或空格标记完成; 按住 Ctrl 或 Shift 可多选"))
        self.hint.setStyleSheet("color: #757575;")
        self.done_button = QPushButton(self.tr("标记完成"))
        self.done_button.setObjectName("followUpDone")
        self.done_button.setToolTip(self.tr("把所选跟进标记为已完成 (Enter 或空格)"))
        self.done_button.clicked.connect(self.complete_selected)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.summary_label, 1)
        top.addWidget(self.hint)
        top.addWidget(self.refresh_button)
        top.addWidget(self.done_button)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("followUpsEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setText(self.tr(
            "<p style='font-size:15px'>没有待跟进的事项</p>"
            "<p>记录互动时勾选“跟进”并选一个日期 (Ctrl+L), 到期前 7 天起会出现在这里。</p>"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._update_buttons()
        runner.data_changed.connect(self._data_changed)

    # ------------------------------------------------------------------ data
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale or self._loaded_on != date.today():  # 'today' moves at midnight
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        service = self._service
        today = date.today()
        self._serial += 1
        serial = self._serial

        def done(found: FollowUps) -> None:
            if serial == self._serial:
                self._show(found, today)

        self._runner.run(lambda _ctx: service.follow_ups(today, upcoming_days=UPCOMING_DAYS), on_done=done)

    def _data_changed(self, kind: str, _ids: list) -> None:
        if kind not in ("interactions", "members", "memberships", "groups", "workspace", "imports"):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _show(self, found: FollowUps, today: date) -> None:
        self.follow_ups = found
        self._loaded_on = today
        resume = self._resume_at or self._current_position()
        self._resume_at = None
        self.model.removeRows(0, self.model.rowCount())
        sections = (
            (self.tr("已逾期"), found.overdue, OVERDUE),
            (self.tr("今天"), found.today, None),
            (self.tr("未来 {0} 天").format(UPCOMING_DAYS), found.upcoming, None),
        )
        bold = QFont(self.tree.font())
        bold.setBold(True)
        root = self.model.invisibleRootItem()
        for title, rows, colour in sections:
            head = QStandardItem(self.tr("{0} · {1} 条").format(title, len(rows)))
            head.setFont(bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if colour is not None and rows:
                head.setForeground(QBrush(colour))
            tail = [QStandardItem() for _ in range(self.model.columnCount() - 1)]
            for item in tail:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            root.appendRow([head, *tail])
            for interaction in rows:
                head.appendRow(self._row(interaction, today, colour))
        for section in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(section, QModelIndex(), True)
        self.tree.expandAll()
        total = len(found.overdue) + len(found.today) + len(found.upcoming)
        self.stack.setCurrentWidget(self.tree if total else self.empty_label)
        self.summary_label.setText(self.tr("已逾期 {0} · 今天 {1} · 未来 {2} 天 {3}").format(
            len(found.overdue), len(found.today), UPCOMING_DAYS, len(found.upcoming)))
        if resume is not None:
            self._select_position(*resume)
        self._update_buttons()

    def _row(self, interaction: InteractionDTO, today: date, colour: QColor | None) -> list[QStandardItem]:
        due = interaction.follow_up_on
        when = str(due)
        if due is not None and due < today:
            when = self.tr("{0} (逾期 {1} 天)").format(due, (today - due).days)
        texts = (when, interaction.group_name, interaction.member_nickname, interaction_name(interaction.kind),
                 interaction.summary.replace("\n", " "), interaction.occurred_at.strftime("%Y-%m-%d %H:%M"))
        items = []
        for text in texts:
            item = QStandardItem(text)
            item.setData(interaction.id, ID_ROLE)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            items.append(item)
        items[4].setToolTip(interaction.summary)
        if colour is not None:
            items[0].setForeground(QBrush(colour))
        items[2].setData(interaction.member_id, ID_ROLE + 1)
        return items

    # ------------------------------------------------------------------ selection
    def selected_ids(self) -> list[int]:
        ids = []
        for index in self.tree.selectionModel().selectedRows(0):
            item_id = index.data(ID_ROLE)
            if item_id is not None and int(item_id) not in ids:
                ids.append(int(item_id))
        return ids

    def section_ids(self, section: int) -> list[int]:
        head = self.model.item(section, 0)
        return [] if head is None else [int(head.child(r, 0).data(ID_ROLE)) for r in range(head.rowCount())]

    def select_ids(self, ids: set[int]) -> None:
        selection = self.tree.selectionModel()
        selection.clearSelection()
        first = None
        for section in range(self.model.rowCount()):
            head = self.model.item(section, 0)
            for row in range(head.rowCount()):
                child = head.child(row, 0)
                if int(child.data(ID_ROLE)) in ids:
                    selection.select(child.index(), QItemSelectionModel.SelectionFlag.Select
                                     | QItemSelectionModel.SelectionFlag.Rows)
                    if first is None:
                        first = child.index()
        if first is not None:
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)

    def _current_position(self) -> tuple[int, int] | None:
        rows = self.tree.selectionModel().selectedRows(0)
        index = min(rows, key=lambda i: (i.parent().row(), i.row())) if rows else self.tree.currentIndex()
        if not index.isValid() or not index.parent().isValid():
            return None
        return index.parent().row(), index.row()

    def _select_position(self, section: int, row: int) -> None:
        """Put the cursor on the follow-up now at that place (the next one after those marked done)."""
        for s in range(section, self.model.rowCount()):
            head = self.model.item(s, 0)
            if head.rowCount():
                index = head.child(min(row, head.rowCount() - 1) if s == section else 0, 0).index()
                self.tree.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.tree.scrollTo(index)
                return

    def _update_buttons(self) -> None:
        self.done_button.setEnabled(bool(self.selected_ids()))

    def _double_clicked(self, index: QModelIndex) -> None:
        member = index.sibling(index.row(), 2).data(ID_ROLE + 1)
        if member is not None:
            self.member_requested.emit(int(member))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if (watched is self.tree and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in keys and self.selected_ids()):
            self.complete_selected()
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ writes
    def complete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        self._resume_at = self._current_position()
        service = self._service
        self._runner.run(
            lambda _ctx: service.complete_follow_up(ids),
            on_done=lambda n: self.status_message.emit(self.tr("{0} 条跟进已完成").format(n)),
            on_error=lambda exc: QMessageBox.warning(self, self.tr("标记完成"), error_message(exc)),
            changes="interactions", changed_ids=lambda _n: ids,
        )
