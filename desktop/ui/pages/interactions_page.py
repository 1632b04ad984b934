"""The interactions page (互动记录): the whole log, filtered and sorted in SQL, bulk actions.

The log may hold millions of rows, so the table is a LazyTableModel: one query returns the
matching ids (newest first, capped by the service), rows are read in blocks as they are painted.
Only the time column sorts (the log's index is by time); a member typed in the filter is looked
up first (nickname, name, pinyin, phone) and the log filtered by the members found.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QDate, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import InteractionKind
from desktop.domain.members import InteractionDTO, InteractionFilter, MemberFilter
from desktop.domain.reports import ColumnKind, ColumnSpec
from desktop.settings import Key, Settings
from desktop.ui.labels import interaction_name
from desktop.ui.models.lazy_model import LazyTableModel
from desktop.ui.models.rows_model import Column
from desktop.ui.table_export import TableExport, in_blocks
from desktop.ui.widgets.quick_entry import SuggestEdit, Suggestion, match_groups
from desktop.workers.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.domain.groups import GroupDTO
    from desktop.services.groups import GroupService
    from desktop.services.interactions import InteractionService
    from desktop.services.members import MemberService

#: the column widths and order the operator arranged (declared here until settings.py lists it)
HEADER_STATE = Key("interactions/header", QByteArray())
SEARCH_DELAY_MS = 250
#: a member filter matching more people than this filters by the first ones only (one IN list)
MEMBER_MATCH_LIMIT = 2000
#: InteractionService.list_ids returns at most this many ids
LIST_LIMIT = 50_000
TIME_COLUMN = 0
#: a group name typed but not picked filters by at most this many matching groups
MATCHED_GROUPS_LIMIT = 500
#: no group has this id: a typed name matching no group shows no rows
NO_GROUP = frozenset({-1})
SUMMARY_COLUMN = 4

PERIOD_TODAY, PERIOD_7, PERIOD_30, PERIOD_ALL, PERIOD_CUSTOM = "today", "7", "30", "all", "custom"
FOLLOW_ANY, FOLLOW_HAS, FOLLOW_NONE, FOLLOW_OPEN, FOLLOW_DONE = "any", "has", "none", "open", "done"


def yuan(cents: int | None) -> str:
    return "" if cents is None else f"¥{cents / 100:,.2f}"


class InteractionsPage(QWidget):
    status_message = Signal(str)
    #: the operator asked to log an interaction (the main window opens the quick-entry bar)
    quick_entry_requested = Signal()

    def __init__(self, runner: TaskRunner, interactions: InteractionService, members: MemberService,
                 groups: GroupService, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = interactions
        self._members = members
        self._groups_service = groups
        self._settings = settings
        self._groups: list[GroupDTO] = []
        self._query_serial = 0
        self._stale = True
        self._descending = True
        self._member_note = ""
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)

        today = self.tr("今天")
        self.model: LazyTableModel[InteractionDTO] = LazyTableModel([
            Column(self.tr("时间"), lambda i: i.occurred_at.strftime("%Y-%m-%d %H:%M")),
            Column(self.tr("群"), lambda i: i.group_name, tooltip=lambda i: i.group_name or None),
            Column(self.tr("成员"), lambda i: i.member_nickname),
            Column(self.tr("类型"), lambda i: interaction_name(i.kind)),
            Column(self.tr("内容"), lambda i: i.summary.replace("\n", " "), tooltip=lambda i: i.summary or None),
            Column(self.tr("金额"), lambda i: yuan(i.amount_cents), right=True),
            Column(self.tr("跟进日期"), lambda i: (today if i.follow_up_on == date.today()
                                                  else str(i.follow_up_on or ""))),
            Column(self.tr("跟进状态"), self._follow_up_state),
        ], interactions.rows, lambda i: i.id, runner, self)
        self.model.sort_requested.connect(self._sort_requested)

        self._build_filters()
        self._build_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.table_stack, 1)
        self._build_actions()
        self._update_buttons()
        runner.data_changed.connect(self._data_changed)

    # ------------------------------------------------------------------ building
    def _build_filters(self) -> None:
        self.kind_button = QToolButton()
        self.kind_button.setObjectName("kindFilter")
        self.kind_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.kind_menu = QMenu(self.kind_button)
        self.kind_actions: dict[InteractionKind, QAction] = {}
        for kind in InteractionKind:
            action = self.kind_menu.addAction(interaction_name(kind))
            action.setCheckable(True)
            action.toggled.connect(self._kinds_changed)
            self.kind_actions[kind] = action
        self.kind_menu.addSeparator()
        self.kind_menu.addAction(self.tr("全部类型"), self._clear_kinds)
        self.kind_button.setMenu(self.kind_menu)
        self.kind_button.setMinimumWidth(96)

        self.group_filter = SuggestEdit()
        self.group_filter.setObjectName("interactionGroupFilter")
        self.group_filter.setPlaceholderText(self.tr("全部群 (输入名称或拼音)"))
        self.group_filter.setClearButtonEnabled(True)
        self.group_filter.setMinimumWidth(120)
        self.group_filter.textEdited.connect(self._group_typed)
        self.group_filter.picked.connect(lambda _id: self.reload())
        self.group_filter.submitted.connect(self._group_submitted)
        self.group_filter.textChanged.connect(lambda t: None if t else self._search_timer.start())

        self.member_filter = QLineEdit()
        self.member_filter.setObjectName("interactionMemberFilter")
        self.member_filter.setPlaceholderText(self.tr("成员: 昵称、拼音或手机"))
        self.member_filter.setClearButtonEnabled(True)
        self.member_filter.setMinimumWidth(100)
        self.member_filter.textChanged.connect(lambda _t: self._search_timer.start())

        self.period_filter = QComboBox()
        self.period_filter.setObjectName("periodFilter")
        for text, value in ((self.tr("今天"), PERIOD_TODAY), (self.tr("近 7 天"), PERIOD_7),
                            (self.tr("近 30 天"), PERIOD_30), (self.tr("全部时间"), PERIOD_ALL),
                            (self.tr("自定义…"), PERIOD_CUSTOM)):
            self.period_filter.addItem(text, value)
        self.period_filter.setCurrentIndex(self.period_filter.findData(PERIOD_ALL))
        self.period_filter.currentIndexChanged.connect(self._period_changed)
        self.since_edit, self.until_edit = QDateEdit(), QDateEdit()
        for edit, offset in ((self.since_edit, -29), (self.until_edit, 0)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate().addDays(offset))
            edit.dateChanged.connect(lambda _d: self.reload())
            edit.hide()
        self.since_edit.setObjectName("sinceFilter")
        self.until_edit.setObjectName("untilFilter")
        self.range_dash = QLabel("–")
        self.range_dash.hide()

        self.follow_filter = QComboBox()
        self.follow_filter.setObjectName("followFilter")
        for text, value in ((self.tr("不限跟进"), FOLLOW_ANY), (self.tr("有跟进"), FOLLOW_HAS),
                            (self.tr("无跟进"), FOLLOW_NONE), (self.tr("跟进未完成"), FOLLOW_OPEN),
                            (self.tr("跟进已完成"), FOLLOW_DONE)):
            self.follow_filter.addItem(text, value)
        self.follow_filter.currentIndexChanged.connect(lambda _i: self.reload())

        self.clear_button = QPushButton(self.tr("清除筛选"))
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.clear_filters)
        self.log_button = QPushButton(self.tr("记录互动"))
        self.log_button.setObjectName("logInteraction")
        self.log_button.setToolTip(self.tr("打开快速记录栏 (Ctrl+L)"))
        self.log_button.clicked.connect(self.quick_entry_requested)

        self.count_label = QLabel()
        self.count_label.setObjectName("interactionCount")
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count_label.setMinimumWidth(80)
        self.done_button = QPushButton(self.tr("标记跟进完成"))
        self.done_button.setObjectName("markDone")
        self.done_button.setToolTip(self.tr("把所选记录的跟进标记为已完成"))
        self.done_button.clicked.connect(self.complete_selected)
        self.delete_button = QPushButton(self.tr("删除…"))
        self.delete_button.setObjectName("deleteInteractions")
        self.delete_button.setToolTip(self.tr("删除所选记录 (Del)"))
        self.delete_button.clicked.connect(self.delete_selected)

        filters = QHBoxLayout()
        filters.addWidget(self.group_filter, 2)
        filters.addWidget(self.member_filter, 2)
        filters.addWidget(self.kind_button)
        for combo in (self.period_filter, self.follow_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(5)
            filters.addWidget(combo)
        filters.addWidget(self.since_edit)
        filters.addWidget(self.range_dash)
        filters.addWidget(self.until_edit)
        filters.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.log_button)
        actions.addWidget(self.clear_button)
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.done_button)
        actions.addWidget(self.delete_button)
        self.filter_bar = QVBoxLayout()
        self.filter_bar.addLayout(filters)
        self.filter_bar.addLayout(actions)
        self._update_kind_button()

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("interactionsTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(TIME_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        for column, width in enumerate((124, 190, 110, 60, 330, 86, 86, 80)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(SUMMARY_COLUMN, QHeaderView.ResizeMode.Stretch)  # the text takes what is left
        header.restoreState(self._settings.get(HEADER_STATE))
        header.setSortIndicator(TIME_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.empty_label = QLabel()
        self.empty_label.setObjectName("interactionsEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.empty_label.linkActivated.connect(self._empty_link)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty_label)

    def _build_actions(self) -> None:
        self.delete_action = QAction(self.tr("删除所选"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(self.delete_action)

    # ------------------------------------------------------------------ data
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the group list (for the group filter) and the matching interaction ids."""
        self._stale = False
        groups = self._groups_service
        self._runner.run(lambda _ctx: groups.list_groups(), on_done=self._groups_loaded)
        self.reload()

    def _groups_loaded(self, groups: list[GroupDTO]) -> None:
        self._groups = groups
        picked = self.group_filter.picked_id
        if picked is not None and not any(g.id == picked for g in groups):
            self.group_filter.clear_pick()
            self.reload()

    def current_filter(self) -> InteractionFilter:
        """The filters on screen, except the member text (looked up on the worker)."""
        today = date.today()
        period = self.period_filter.currentData()
        since = until = None
        if period == PERIOD_TODAY:
            since = until = today
        elif period in (PERIOD_7, PERIOD_30):
            since = today - timedelta(days=int(period) - 1)
        elif period == PERIOD_CUSTOM:
            since, until = self.since_edit.date().toPython(), self.until_edit.date().toPython()
            if since > until:
                since, until = until, since
        follow = self.follow_filter.currentData()
        return InteractionFilter(
            kinds=frozenset(k for k, a in self.kind_actions.items() if a.isChecked()),
            group_ids=self._group_ids(),
            since=since, until=until,
            has_follow_up={FOLLOW_HAS: True, FOLLOW_NONE: False}.get(follow),
            done={FOLLOW_OPEN: False, FOLLOW_DONE: True}.get(follow),
        )

    def _group_ids(self) -> frozenset[int]:
        """The group picked; or, for a name typed but not picked, every group it matches."""
        if self.group_filter.picked_id is not None:
            return frozenset({self.group_filter.picked_id})
        text = self.group_filter.text().strip()
        if not text:
            return frozenset()
        return frozenset(g.id for g in match_groups(self._groups, text)[:MATCHED_GROUPS_LIMIT]) or NO_GROUP

    def is_filtered(self) -> bool:
        return self.current_filter() != InteractionFilter() or bool(self.member_filter.text().strip())

    def reload(self) -> None:
        """Ask SQL for the ids matching the filters, in the time order chosen."""
        self._search_timer.stop()
        interaction_filter, descending = self.current_filter(), self._descending
        member_text = self.member_filter.text().strip()
        service, members = self._service, self._members
        self._query_serial += 1
        serial = self._query_serial

        def query(_ctx: Any) -> tuple[list[int], int]:
            matched = -1
            f = interaction_filter
            if member_text:
                member_ids = members.page_ids(MemberFilter(text=member_text))
                matched = len(member_ids)
                if not member_ids:
                    return [], 0
                f = replace(f, member_ids=frozenset(member_ids[:MEMBER_MATCH_LIMIT]))
            return service.list_ids(f, descending=descending), matched

        def done(result: tuple[list[int], int]) -> None:
            if serial == self._query_serial:  # a newer query replaced this one
                self._show_ids(*result)

        self._runner.run(query, on_done=done)

    def _show_ids(self, ids: list[int], members_matched: int) -> None:
        selected = set(self.selected_ids())
        self.model.set_ids(ids)
        selection = self.table.selectionModel()
        for item_id in selected:
            row = self.model.row_of(item_id)
            if row is not None:
                selection.select(self.model.index(row, 0),
                                 QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        self._member_note = (self.tr("成员匹配 {0} 位, 只按前 {1} 位筛选").format(
            f"{members_matched:,}", f"{MEMBER_MATCH_LIMIT:,}") if members_matched > MEMBER_MATCH_LIMIT else "")
        self._update_counts()
        self._update_buttons()

    def _update_counts(self) -> None:
        shown = self.model.rowCount()
        if shown >= LIST_LIMIT:
            text = self.tr("显示最新的 {0} 条, 请缩小筛选范围").format(f"{shown:,}") if self._descending else \
                self.tr("显示最早的 {0} 条, 请缩小筛选范围").format(f"{shown:,}")
        else:
            text = self.tr("共 {0} 条").format(f"{shown:,}")
        selected = len(self.selected_rows())
        if selected:
            text += self.tr(" · 已选 {0} 条").format(f"{selected:,}")
        if self._member_note:
            text += " · " + self._member_note
        self.count_label.setText(text)
        if shown:
            self.table_stack.setCurrentWidget(self.table)
            return
        if self.is_filtered():
            self.empty_label.setText(self.tr("没有符合条件的互动记录。<br><a href='clear'>清除筛选</a>"))
        else:
            self.empty_label.setText(self.tr(
                "<p style='font-size:15px'>还没有互动记录</p>"
                "<p>按 <b>Ctrl+L</b> 记录第一条互动: 选群和成员, 写一句内容, 按 Enter 保存。</p>"
                "<p><a href='log'>现在记录</a></p>"))
        self.table_stack.setCurrentWidget(self.empty_label)

    def _empty_link(self, link: str) -> None:
        if link == "clear":
            self.clear_filters()
        elif link == "log":
            self.quick_entry_requested.emit()

    def _data_changed(self, kind: str, ids: list) -> None:
        if kind not in ("interactions", "members", "memberships", "groups", "workspace", "imports"):
            return
        if not self.isVisible():
            self._stale = True
            return
        if kind in ("groups", "workspace", "imports"):
            self.model.invalidate()
            self.refresh()
            return
        if kind == "interactions" and ids:
            self.model.invalidate(ids)
        else:
            self.model.invalidate()  # a renamed or merged member shows in many rows
        self.reload()

    def _sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        if column != TIME_COLUMN:  # only time has an index worth sorting millions of rows by
            self.table.horizontalHeader().setSortIndicator(
                TIME_COLUMN, Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder)
            self.status_message.emit(self.tr("互动记录只能按时间排序"))
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if descending != self._descending:
            self._descending = descending
            self.reload()

    # ------------------------------------------------------------------ filters
    def _group_typed(self, text: str) -> None:
        found = match_groups(self._groups, text)[:20] if text.strip() else []
        self.group_filter.set_suggestions([Suggestion(g.id, g.name, g.name) for g in found])
        self._search_timer.start()  # meanwhile the table shows every group the text matches

    def _group_submitted(self) -> None:
        """Enter without picking: a name typed in full picks that group; else filter by all matches."""
        text = self.group_filter.text().strip()
        exact = [g for g in self._groups if g.name == text]
        if len(exact) == 1:
            self.group_filter.set_pick(exact[0].id, exact[0].name)
        self.reload()

    def _kinds_changed(self, _checked: bool = False) -> None:
        self._update_kind_button()
        self.reload()

    def _clear_kinds(self) -> None:
        for action in self.kind_actions.values():
            action.blockSignals(True)
            action.setChecked(False)
            action.blockSignals(False)
        self._kinds_changed()

    def _update_kind_button(self) -> None:
        chosen = [interaction_name(k) for k, a in self.kind_actions.items() if a.isChecked()]
        if not chosen:
            text = self.tr("全部类型")
        elif len(chosen) <= 2:
            text = "、".join(chosen)
        else:
            text = self.tr("{0} 种类型").format(len(chosen))
        self.kind_button.setText(text)
        self.kind_button.setToolTip("、".join(chosen) if chosen else self.tr("按互动类型筛选 (可多选)"))

    def set_kinds(self, kinds: set[InteractionKind]) -> None:
        for kind, action in self.kind_actions.items():
            action.blockSignals(True)
            action.setChecked(kind in kinds)
            action.blockSignals(False)
        self._kinds_changed()

    def _period_changed(self, _index: int) -> None:
        custom = self.period_filter.currentData() == PERIOD_CUSTOM
        for widget in (self.since_edit, self.range_dash, self.until_edit):
            widget.setVisible(custom)
        self.reload()

    def clear_filters(self) -> None:
        widgets = (self.group_filter, self.member_filter, self.period_filter, self.follow_filter,
                   *self.kind_actions.values())
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.group_filter.clear_pick()
            self.member_filter.clear()
            self.period_filter.setCurrentIndex(self.period_filter.findData(PERIOD_ALL))
            self.follow_filter.setCurrentIndex(0)
            for action in self.kind_actions.values():
                action.setChecked(False)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        for widget in (self.since_edit, self.range_dash, self.until_edit):
            widget.hide()
        self._update_kind_button()
        self.reload()

    # ------------------------------------------------------------------ selection
    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def selected_ids(self) -> list[int]:
        return [self.model.id_at(row) for row in self.selected_rows() if row < self.model.rowCount()]

    def _update_buttons(self) -> None:
        count = len(self.selected_rows())
        self.done_button.setEnabled(count > 0)
        self.delete_button.setEnabled(count > 0)
        self.delete_action.setEnabled(count > 0)
        self._update_counts()

    def export_table(self) -> TableExport:
        """The interactions the table lists, in its order (read in blocks on a worker)."""
        specs = [ColumnSpec(self.tr("时间"), ColumnKind.DATETIME), ColumnSpec(self.tr("群")),
                 ColumnSpec(self.tr("成员")), ColumnSpec(self.tr("类型")), ColumnSpec(self.tr("内容")),
                 ColumnSpec(self.tr("金额"), ColumnKind.MONEY), ColumnSpec(self.tr("跟进日期"), ColumnKind.DATE),
                 ColumnSpec(self.tr("跟进状态"))]
        ids, fetch, state = list(self.model.ids), self._service.rows, self._follow_up_state

        def cells(i: InteractionDTO) -> tuple:
            return (i.occurred_at, i.group_name, i.member_nickname, interaction_name(i.kind), i.summary,
                    i.amount_cents, i.follow_up_on, state(i))

        return TableExport(self.tr("互动记录"), specs, lambda ctx: in_blocks(ids, fetch, cells, ctx), len(ids))

    def _follow_up_state(self, item: InteractionDTO) -> str:
        if item.follow_up_on is None:
            return ""
        if item.follow_up_done:
            return self.tr("已完成")
        return self.tr("已逾期") if item.follow_up_on < date.today() else self.tr("待跟进")

    # ------------------------------------------------------------------ writes
    def complete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        service = self._service
        self._runner.run(
            lambda _ctx: service.complete_follow_up(ids),
            on_done=lambda n: self.status_message.emit(
                self.tr("{0} 条跟进已完成").format(n) if n else self.tr("所选记录没有未完成的跟进")),
            on_error=lambda exc: QMessageBox.warning(self, self.tr("标记跟进完成"), error_message(exc)),
            changes="interactions", changed_ids=lambda _n: ids,
        )

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(
            self, self.tr("删除互动记录"),
            self.tr("删除所选的 {0} 条互动记录?\n群的每日统计会随之更新; 成员的进群、退群状态不变。此操作不能撤销。")
            .format(len(ids)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        service = self._service
        self._runner.run(
            lambda _ctx: service.delete(ids),
            on_done=lambda n: self.status_message.emit(self.tr("已删除 {0} 条互动记录").format(n)),
            on_error=lambda exc: QMessageBox.warning(self, self.tr("删除互动记录"), error_message(exc)),
            changes="interactions", changed_ids=lambda _n: [],
        )

    def save_state(self) -> None:
        """Remember column widths and order (the main window calls this on close)."""
        self._settings.set(HEADER_STATE, self.table.horizontalHeader().saveState())
