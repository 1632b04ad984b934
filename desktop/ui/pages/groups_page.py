"""The Groups page: every group in one instant table, filters, a detail panel, bulk actions."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import settings as keys
from desktop.domain.enums import GroupStatus, Platform
from desktop.domain.errors import ValidationError
from desktop.domain.groups import DimensionDTO, GroupDraft, GroupDTO, GroupFilter, LabelRef
from desktop.domain.reports import ColumnKind, ColumnSpec
from desktop.domain.segments import ActivityFilter, LifecycleFilter, SegmentSpec
from desktop.settings import Settings
from desktop.ui.dialogs.merge_dialog import MergeDialog
from desktop.ui.dialogs.new_group_dialog import NewGroupDialog
from desktop.ui.dialogs.paste_members_dialog import PasteMembersDialog
from desktop.ui.labels import platform_name, status_name
from desktop.ui.models.groups_model import DEFAULT_FILTER, STATUS_NOT_ARCHIVED, GroupColumn, GroupTableModel
from desktop.ui.table_export import TableExport
from desktop.ui.widgets.group_detail import GroupDetailTabs
from desktop.ui.widgets.group_editor import GroupEditor
from desktop.ui.widgets.label_chips import LabelChipsDelegate
from desktop.ui.widgets.sparkline import SparklineDelegate
from desktop.workers.tasks import TaskContext, TaskRunner, error_message

if TYPE_CHECKING:  # the service modules pull in SQLAlchemy; the window must paint before that
    from desktop.domain.classification import LabelChange
    from desktop.services.classification import ClassificationService
    from desktop.services.group_detail import GroupDetailService
    from desktop.services.groups import GroupService
    from desktop.services.merge import MergeService
    from desktop.services.rules import RuleService
    from desktop.services.snapshots import SnapshotService

DEFAULT_WIDTHS = {
    GroupColumn.NAME: 180, GroupColumn.PLATFORM: 72, GroupColumn.LABELS: 222, GroupColumn.MEMBERS: 80,
    GroupColumn.STATUS: 56, GroupColumn.LIFESPAN: 142, GroupColumn.LAST_ACTIVE: 88, GroupColumn.OWNER: 64,
    GroupColumn.ACTIVITY: 110,
}


class GroupsPage(QWidget):
    status_message = Signal(str)
    #: the operator wants the current filter saved as a named segment
    save_segment_requested = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        groups: GroupService,
        dimensions: list[DimensionDTO],
        settings: Settings,
        details: GroupDetailService,
        classification: ClassificationService,
        merge: MergeService,
        rules: RuleService,
        snapshots: SnapshotService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = groups
        self._details = details
        self._classification = classification
        self._merge = merge
        self._rules = rules
        self._snapshots = snapshots
        self._paste_dialog: PasteMembersDialog | None = None
        self._merge_dialog: MergeDialog | None = None
        self.undo_stack = QUndoStack(self)
        self._dimensions = dimensions
        self._settings = settings
        self._current_id: int | None = None
        self._restoring_selection = False
        self._pending_select: int | None = None
        #: orders changed while the page was hidden: the detail's 订单 tab is read again when shown
        self._orders_stale = False
        self._dialog: NewGroupDialog | None = None
        #: the last 30 days' messages per group, read with the group list (set by the window)
        self._sparklines: Callable[[], dict[int, tuple[int, ...]]] | None = None

        self.model = GroupTableModel(self)
        self._build_filters()
        self._build_table()
        self._build_detail()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table_stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([940, 330])
        self.splitter.restoreState(settings.get(keys.GROUPS_SPLITTER))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self._build_actions()
        runner.data_changed.connect(self._data_changed)

    # ------------------------------------------------------------------ building
    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("groupSearch")
        self.search.setPlaceholderText(self.tr("搜索群名、群主、拼音或首字母 (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self.search.textChanged.connect(self._apply_filter)

        self.platform_filter = QComboBox()
        self.platform_filter.addItem(self.tr("全部平台"), None)
        for platform in Platform:
            self.platform_filter.addItem(platform_name(platform), platform.value)
        self.platform_filter.currentIndexChanged.connect(self._apply_filter)

        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("未归档"), sorted(STATUS_NOT_ARCHIVED))
        for status in GroupStatus:
            self.status_filter.addItem(status_name(status), [status.value])
        self.status_filter.addItem(self.tr("全部状态"), [])
        self.status_filter.currentIndexChanged.connect(self._apply_filter)

        self.lifecycle_filter = QComboBox()
        for text, value in (
            (self.tr("全部周期"), LifecycleFilter.ANY),
            (self.tr("长期群"), LifecycleFilter.LONG),
            (self.tr("进行中的短期群"), LifecycleFilter.SHORT_RUNNING),
            (self.tr("3 天内结束"), LifecycleFilter.ENDING_SOON),
            (self.tr("已结束"), LifecycleFilter.ENDED),
        ):
            self.lifecycle_filter.addItem(text, value.value)
        self.lifecycle_filter.currentIndexChanged.connect(self._apply_filter)
        self.activity_filter = QComboBox()
        for text, value in (
            (self.tr("全部活跃度"), ActivityFilter.ANY),
            (self.tr("近期活跃"), ActivityFilter.ACTIVE),
            (self.tr("沉默"), ActivityFilter.DORMANT),
        ):
            self.activity_filter.addItem(text, value.value)
        self.set_dormant_days(self._settings.get(keys.DORMANT_DAYS))
        self.activity_filter.currentIndexChanged.connect(self._apply_filter)
        self.save_segment_button = QPushButton(self.tr("存为分组…"))
        self.save_segment_button.setObjectName("saveSegment")
        self.save_segment_button.setToolTip(self.tr("把当前筛选保存为分组, 显示在左侧导航中"))
        self.save_segment_button.clicked.connect(lambda: self.save_segment_requested.emit(self.current_spec()))

        self.label_filter = QToolButton()
        self.label_filter.setText(self.tr("标签"))
        self.label_filter.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.label_menu = QMenu(self.label_filter)
        self._label_actions: list[QAction] = []
        self._fill_label_menu(set())
        self.label_filter.setMenu(self.label_menu)

        self.new_button = QPushButton(self.tr("新建群"))
        self.new_button.setToolTip(self.tr("新建群 (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_group)
        self.count_label = QLabel()
        self.count_label.setObjectName("groupCount")
        # may be cut short rather than force the window wider on a small screen
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count_label.setMinimumWidth(80)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        filters = QHBoxLayout()
        for combo in (self.platform_filter, self.status_filter, self.lifecycle_filter, self.activity_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(5)
            filters.addWidget(combo)
        filters.addWidget(self.label_filter)
        filters.addWidget(self.save_segment_button)
        filters.addWidget(self.count_label, 1)
        self.filter_bar = QVBoxLayout()
        self.filter_bar.addLayout(top)
        self.filter_bar.addLayout(filters)

    def _fill_label_menu(self, checked: set[int]) -> None:
        self.label_menu.clear()
        self._label_actions = []
        for dimension in self._dimensions:
            self.label_menu.addSection(dimension.name)
            for label in dimension.labels:
                action = self.label_menu.addAction(label.name)
                action.setCheckable(True)
                action.setData(label.id)
                action.setChecked(label.id in checked)
                action.toggled.connect(self._apply_filter)
                self._label_actions.append(action)
        self.label_menu.addSeparator()
        self.label_menu.addAction(self.tr("清除标签筛选"), self._clear_label_filter)

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("groupsTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(GroupColumn.LABELS, LabelChipsDelegate(self.table))
        self.table.setItemDelegateForColumn(GroupColumn.ACTIVITY, SparklineDelegate(self.table))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform rows keep scrolling instant
        vertical.setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        for column, width in DEFAULT_WIDTHS.items():
            header.resizeSection(column, width)
        header.moveSection(header.visualIndex(GroupColumn.ACTIVITY), header.visualIndex(GroupColumn.OWNER))
        header.setStretchLastSection(True)
        header.setSortIndicator(GroupColumn.NAME, Qt.SortOrder.AscendingOrder)
        header.restoreState(self._settings.get(keys.GROUPS_HEADER))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("groupsEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.empty_label.linkActivated.connect(self._empty_link)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty_label)

    def _build_detail(self) -> None:
        self.editor = GroupEditor(self._dimensions)
        self.editor.changed.connect(self._update_buttons)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setToolTip(self.tr("保存修改 (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_current)
        self.revert_button = QPushButton(self.tr("放弃修改"))
        self.revert_button.clicked.connect(self._revert)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        editor_box = QWidget()
        box_layout = QVBoxLayout(editor_box)
        box_layout.setContentsMargins(8, 0, 8, 8)
        self.detail_title = QLabel()
        self.detail_title.setObjectName("detailTitle")
        self.detail_title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.detail_title.setWordWrap(True)
        box_layout.addWidget(self.detail_title)
        box_layout.addWidget(self.editor, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(editor_box)
        overview = QWidget()  # the save buttons stay in view however far the form scrolls
        overview_layout = QVBoxLayout(overview)
        overview_layout.setContentsMargins(0, 0, 0, 0)
        overview_layout.addWidget(scroll, 1)
        overview_layout.addLayout(buttons)

        self.selection_label = QLabel()
        self.selection_label.setObjectName("selectionSummary")
        self.selection_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.selection_label.setWordWrap(True)
        self.archive_button = QPushButton(self.tr("归档所选"))
        self.archive_button.clicked.connect(self.archive_selected)
        self.restore_button = QPushButton(self.tr("恢复所选"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.delete_button = QPushButton(self.tr("删除所选"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.merge_button = QPushButton(self.tr("合并所选…"))
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setToolTip(self.tr("把选中的几个群合并成一个 (合并大群)"))
        self.merge_button.clicked.connect(self.merge_selected)
        self.classify_menu = self._build_classify_menu()
        self.classify_button = QPushButton(self.tr("分类所选…"))
        self.classify_button.setObjectName("classifyButton")
        self.classify_button.setMenu(self.classify_menu)
        bulk = QWidget()
        bulk_layout = QVBoxLayout(bulk)
        bulk_layout.addStretch(1)
        bulk_layout.addWidget(self.selection_label)
        for button in (self.classify_button, self.merge_button, self.archive_button, self.restore_button,
                       self.delete_button):
            bulk_layout.addWidget(button)
        bulk_layout.addStretch(2)

        self.tabs = GroupDetailTabs(self._runner, self._details, overview)
        self.tabs.paste_requested.connect(self.paste_members)
        self.detail = QStackedWidget()
        self.detail.setMinimumWidth(320)
        self.detail.addWidget(self.tabs)
        self.detail.addWidget(bulk)

    def _build_actions(self) -> None:
        def add(text: str, shortcut: QKeySequence | str, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut):  # type: ignore[no-untyped-def]
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(context)
            action.triggered.connect(slot)
            self.addAction(action)
            return action

        self.find_action = add(self.tr("查找"), QKeySequence.StandardKey.Find, self.focus_search)
        self.save_action = add(self.tr("保存"), QKeySequence.StandardKey.Save, self.save_current)
        self.delete_action = add(self.tr("删除所选"), QKeySequence.StandardKey.Delete, self.delete_selected)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.delete_action)
        self.archive_action = add(self.tr("归档所选"), "Ctrl+E", self.archive_selected)
        self.restore_action = add(self.tr("恢复所选"), "Ctrl+Shift+E", self.restore_selected)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("撤销"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("重做"))
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        self.redo_action.setShortcuts([*redo_keys, *([QKeySequence("Ctrl+Y")] if QKeySequence("Ctrl+Y") not in redo_keys else [])])
        self.redo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(self.undo_action)
        self.table.addAction(self.redo_action)
        self.escape_action = QAction(self)
        self.escape_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.escape_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.escape_action.triggered.connect(self.search.clear)
        self.search.addAction(self.escape_action)

    # ------------------------------------------------------------------ data
    def set_sparkline_source(self, source: Callable[[], dict[int, tuple[int, ...]]]) -> None:
        """Where the 近30天消息 column's values come from (DashboardService.sparklines)."""
        self._sparklines = source

    def refresh(self) -> None:
        service, sparklines = self._service, self._sparklines

        def load(_ctx: TaskContext) -> tuple[list[GroupDTO], dict[int, tuple[int, ...]] | None]:
            return service.list_groups(), sparklines() if sparklines is not None else None

        self._runner.run(load, on_done=self._loaded_with_sparklines)

    def _loaded_with_sparklines(self, loaded: tuple[list[GroupDTO], dict[int, tuple[int, ...]] | None]) -> None:
        groups, sparks = loaded
        if sparks is not None:
            self.model.set_sparklines(sparks)
        self._loaded(groups)

    def set_dimensions(self, dimensions: list[DimensionDTO]) -> None:
        """Dimensions or labels changed (settings page): rebuild every place that lists them and
        read the table again, since label names and colours travel with each group."""
        self._dimensions = dimensions
        known = {label.id for d in dimensions for label in d.labels}
        checked = {int(a.data()) for a in self._label_actions if a.isChecked()}
        self._fill_label_menu(checked & known)
        self.classify_menu = self._build_classify_menu()
        self.classify_button.setMenu(self.classify_menu)
        self.editor.set_dimensions(dimensions)
        # an undo step naming a label that is gone can no longer be replayed
        if any(not self.undo_stack.command(i).refers_to(known) for i in range(self.undo_stack.count())):
            self.undo_stack.clear()
        if checked - known:
            self._apply_filter()
        self.refresh()

    def _loaded(self, groups: list[GroupDTO]) -> None:
        selected = set(self.selected_ids())
        self.model.set_groups(groups)
        self._restore_selection(selected)
        self._update_counts()

    def _data_changed(self, kind: str, _ids: list) -> None:
        if kind in ("groups", "labels", "workspace", "memberships", "interactions", "imports"):
            self.refresh()
        elif kind in ("orders", "campaigns"):
            # no column of the list counts orders: only the shown group's 订单 tab (a deleted or renamed
            # campaign takes or renames its orders), read now if the page is on screen, else when shown
            if self.isVisible():
                self.tabs.reload()
            else:
                self._orders_stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._orders_stale:
            self._orders_stale = False
            self.tabs.reload()

    def _restore_selection(self, ids: set[int]) -> None:
        if self._pending_select is not None:
            ids = {self._pending_select}
            self._pending_select = None
        selection = self.table.selectionModel()
        self._restoring_selection = True
        try:
            selection.clearSelection()
            flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            first = None
            for group_id in ids:
                row = self.model.row_of(group_id)
                if row is not None:
                    selection.select(self.model.index(row, 0), flags)
                    first = row if first is None else min(first, row)
            if first is not None:
                selection.setCurrentIndex(self.model.index(first, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
                self.table.scrollTo(self.model.index(first, 0))
        finally:
            self._restoring_selection = False
        self._show_selection(force_reload=True)

    # ------------------------------------------------------------------ filter
    def current_spec(self) -> SegmentSpec:
        """The filter on screen, in the form a saved segment stores."""
        platform = self.platform_filter.currentData()
        return SegmentSpec(
            text=self.search.text(),
            platforms=frozenset({Platform(platform)}) if platform else frozenset(),
            statuses=frozenset(GroupStatus(s) for s in self.status_filter.currentData()),
            label_ids=frozenset(int(a.data()) for a in self._label_actions if a.isChecked()),
            lifecycle=LifecycleFilter(self.lifecycle_filter.currentData()),
            activity=ActivityFilter(self.activity_filter.currentData()),
            dormant_days=self._dormant_days,
        )

    def set_dormant_days(self, days: int) -> None:
        """How many silent days make a group 沉默 in the activity filter (a setting)."""
        self._dormant_days = days
        index = self.activity_filter.findData(ActivityFilter.DORMANT.value)
        self.activity_filter.setItemText(index, self.tr("沉默 ({0} 天无发言)").format(days))
        if hasattr(self, "table"):  # not while the filter bar is still being built
            self._apply_filter()

    def apply_spec(self, spec: SegmentSpec) -> None:
        """Show a saved segment: set every filter control from it, then filter once."""
        controls = (self.search, self.platform_filter, self.status_filter, self.lifecycle_filter,
                    self.activity_filter, *self._label_actions)
        for control in controls:
            control.blockSignals(True)
        try:
            self.search.setText(spec.text)
            platform = next(iter(spec.platforms)).value if len(spec.platforms) == 1 else None
            self.platform_filter.setCurrentIndex(max(self.platform_filter.findData(platform), 0))
            statuses = sorted(status.value for status in spec.statuses)
            index = next((i for i in range(self.status_filter.count())
                          if sorted(self.status_filter.itemData(i)) == statuses), 0)
            self.status_filter.setCurrentIndex(index)
            for action in self._label_actions:
                action.setChecked(int(action.data()) in spec.label_ids)
            self.lifecycle_filter.setCurrentIndex(max(self.lifecycle_filter.findData(spec.lifecycle.value), 0))
            self.activity_filter.setCurrentIndex(max(self.activity_filter.findData(spec.activity.value), 0))
        finally:
            for control in controls:
                control.blockSignals(False)
        self._apply_filter(spec)

    def _apply_filter(self, spec: SegmentSpec | None = None) -> None:
        spec = spec if isinstance(spec, SegmentSpec) else self.current_spec()
        label_count = len(spec.label_ids)
        self.label_filter.setText(self.tr("标签 ({0})").format(label_count) if label_count else self.tr("标签"))
        self.model.set_filter(spec)
        self._restore_selection({self._current_id} if self._current_id is not None else set())
        self._update_counts()

    def _clear_label_filter(self) -> None:
        for action in self._label_actions:
            action.blockSignals(True)
            action.setChecked(False)
            action.blockSignals(False)
        self._apply_filter()

    def clear_filters(self) -> None:
        self.apply_spec(DEFAULT_FILTER)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _update_counts(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count
        selected = len(self.selected_rows())
        text = self.tr("显示 {0} / 共 {1} 个群").format(shown, total)
        if selected:
            text += self.tr(" · 已选 {0} 个").format(selected)
        self.count_label.setText(text)
        if shown:
            self.table_stack.setCurrentWidget(self.table)
        else:
            if total:
                message = self.tr("没有符合条件的群。<br><a href='clear'>清除所有筛选</a>")
            else:
                message = self.tr("还没有任何群。<br><a href='new'>新建第一个群</a>, 或从 Excel 导入。")
            self.empty_label.setText(message)
            self.table_stack.setCurrentWidget(self.empty_label)

    def _empty_link(self, link: str) -> None:
        if link == "clear":
            self.clear_filters()
        else:
            self.new_group()

    # ------------------------------------------------------------------ selection
    def selected_rows(self) -> list[int]:
        # from the selection ranges: QItemSelectionModel.selectedRows() asks the model about every
        # cell of every row (33 ms for 1,000 selected rows here)
        rows: set[int] = set()
        for selected in self.table.selectionModel().selection():
            rows.update(range(selected.top(), selected.bottom() + 1))
        return sorted(rows)

    def selected_ids(self) -> list[int]:
        return self.model.ids_of_rows(self.selected_rows())

    def _selection_changed(self) -> None:
        if self._restoring_selection:
            return
        if self.editor.is_dirty and self._current_id is not None:
            leaving = self._current_id
            answer = QMessageBox.question(
                self,
                self.tr("保存修改"),
                self.tr("“{0}”有未保存的修改, 要保存吗?").format(self.editor.name.text()),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Save and not self._save(leaving, select_after=False):
                self._restore_selection({leaving})  # keep the typed text and show what is wrong
                return
        self._show_selection()
        self._update_counts()

    def _show_selection(self, force_reload: bool = False) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            group = self.model.group_at(rows[0])
            if force_reload and self.editor.is_dirty and group.id == self._current_id:
                self._update_buttons()
                return  # an edit in progress survives a refresh of the list
            if group.id != self._current_id or force_reload:
                self._current_id = group.id
                self.editor.load(group)
                self.detail_title.setText(group.name)
                if force_reload and self.tabs.group_id == group.id:
                    self.tabs.reload()
            self.tabs.show_group(group.id)
            self.detail.setCurrentIndex(0)
        else:
            self._current_id = None
            self.tabs.show_group(None)
            self.editor.load(None)
            groups = self.model.groups_at(rows)
            if groups:
                self.selection_label.setText(self.tr("已选 {0} 个群").format(len(groups)))
            else:
                self.selection_label.setText(self.tr("选择一个群查看和编辑详情。\n按住 Ctrl 或 Shift 可多选。"))
            self.detail.setCurrentIndex(1)
        self._update_buttons()

    def _update_buttons(self) -> None:
        dirty = self.editor.is_dirty and self._current_id is not None
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        groups = self.model.groups_at(self.selected_rows())
        self.archive_button.setEnabled(any(g.status is not GroupStatus.ARCHIVED for g in groups))
        self.restore_button.setEnabled(any(g.status is GroupStatus.ARCHIVED for g in groups))
        self.delete_button.setEnabled(bool(groups))
        self.classify_button.setEnabled(bool(groups))
        self.merge_button.setEnabled(len(groups) >= 2)

    # ------------------------------------------------------------------ editing
    def save_current(self) -> None:
        if self._current_id is not None and self.editor.is_dirty:
            self._save(self._current_id, select_after=True)

    def _save(self, group_id: int, *, select_after: bool) -> bool:
        draft, label_ids = self.editor.draft(), self.editor.label_ids()
        try:
            draft.validated()
        except ValidationError as exc:
            self.editor.show_error(str(exc), exc.field)
            return False

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError) and self._current_id == group_id:
                self.editor.show_error(str(exc), exc.field)
            else:
                QMessageBox.warning(self, self.tr("保存失败"), error_message(exc))

        def done(group: GroupDTO) -> None:
            self.status_message.emit(self.tr("已保存“{0}”").format(group.name))
            if self._current_id == group.id:
                self.editor.load(group)
                self.detail_title.setText(group.name)

        self._runner.run(
            lambda _ctx: self._service.update(group_id, draft, label_ids),
            on_done=done, on_error=failed, changes="groups", changed_ids=lambda g: [g.id],
        )
        return True

    def _revert(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self.editor.load(self.model.group_at(rows[0]))
        self._update_buttons()

    def new_group(self) -> None:
        self._dialog = NewGroupDialog(self._dimensions, self._create, self)
        self._dialog.finished.connect(lambda _result: setattr(self, "_dialog", None))
        self._dialog.open()

    def _create(self, draft: GroupDraft, label_ids: list[int]) -> None:
        dialog = self._dialog

        def done(group: GroupDTO) -> None:
            if dialog is not None:
                dialog.accept()
            self.clear_filters()
            self._pending_select = group.id
            self.status_message.emit(self.tr("已新建“{0}”").format(group.name))

        def failed(exc: BaseException) -> None:
            if dialog is not None:
                dialog.failed(error_message(exc), getattr(exc, "field", None))

        def create(_ctx: TaskContext) -> GroupDTO:
            group = self._service.create(draft, label_ids)
            if self._rules.apply_to_new([group.id]):  # rules switched on for new groups
                group = self._service.get(group.id)
            return group

        self._runner.run(
            create,
            on_done=done, on_error=failed, changes="groups", changed_ids=lambda g: [g.id],
        )

    # ------------------------------------------------------------------ classification
    def _build_classify_menu(self) -> QMenu:
        menu = QMenu(self.tr("分类"), self)
        remove = QMenu(self.tr("移除标签"), menu)
        for dimension in self._dimensions:
            sub = menu.addMenu(dimension.name)
            for label in dimension.labels:
                sub.addAction(label.name).triggered.connect(
                    lambda _checked=False, lid=label.id, name=label.name: self.assign_label(lid, name))
                remove.addAction(f"{dimension.name} · {label.name}").triggered.connect(
                    lambda _checked=False, lid=label.id, name=label.name: self.remove_label(lid, name))
        menu.addSeparator()
        menu.addMenu(remove)
        return menu

    def assign_label(self, label_id: int, name: str) -> None:
        ids = self.selected_ids()
        if ids:
            self._label_change(lambda: self._classification.assign_label(ids, label_id),
                               self.tr("设为“{0}”").format(name))

    def remove_label(self, label_id: int, name: str) -> None:
        ids = self.selected_ids()
        if ids:
            self._label_change(lambda: self._classification.remove_label(ids, label_id),
                               self.tr("移除“{0}”").format(name))

    def _label_change(self, call, text: str) -> None:  # type: ignore[no-untyped-def]
        def done(change: LabelChange) -> None:
            if change.is_empty:
                self.status_message.emit(self.tr("所选的群已经是这样分类的, 没有改动"))
                return
            self.push_label_change(change, text)
            self.status_message.emit(self.tr("{0}: {1} 个群已更改 (Ctrl+Z 撤销)").format(text, change.changed))

        self._runner.run(lambda _ctx: call(), on_done=done, changes="group_labels",
                         changed_ids=lambda change: list(change.group_ids))

    def push_label_change(self, change: LabelChange, text: str) -> None:
        """A label edit the service already made (here or by a rule): show it and make it undoable."""
        self.undo_stack.push(_LabelCommand(self, change, self.tr("{0} ({1} 个群)").format(text, change.changed)))
        self._show_labels(change, undo=False)

    def _replay(self, change: LabelChange, *, undo: bool) -> None:
        service = self._classification
        self._runner.run(
            lambda _ctx: service.undo(change) if undo else service.redo(change),
            on_done=lambda _ids: self._show_labels(change, undo=undo),
            changes="group_labels", changed_ids=list,
        )

    def _show_labels(self, change: LabelChange, *, undo: bool) -> None:
        """Put a bulk label edit on screen without reading the groups back: the change says, per
        group, which labels of the dimension it held before, so the labels after are known."""
        refs = {label.id: LabelRef(label.id, label.name, label.color, d.id)
                for d in self._dimensions for label in d.labels}
        order = {label.id: (rank, label.position)  # dimensions arrive in their display order
                 for rank, d in enumerate(self._dimensions) for label in d.labels}
        if change.label_id not in refs:  # a label created since the page was built: read back
            self.refresh_rows(change.group_ids)
            return
        new_labels: dict[int, tuple[int, ...]] = {}
        for bucket in change.prior:
            labels = bucket.label_ids if undo else change.after(bucket.label_ids)
            for group_id in bucket.group_ids:
                new_labels[group_id] = labels
        updated = []
        for group in self.model.groups_by_id(new_labels):
            kept = [label for label in group.labels if label.dimension_id != change.dimension_id]
            labels = kept + [refs[i] for i in new_labels[group.id] if i in refs]
            labels.sort(key=lambda label: order.get(label.id, (1 << 30, 0)))
            updated.append(dataclasses.replace(group, labels=tuple(labels)))
        self.model.replace_groups(updated)
        self._show_selection(force_reload=self._current_id in new_labels)
        self._update_counts()

    def refresh_rows(self, group_ids) -> None:  # type: ignore[no-untyped-def]
        """Reload just these groups (a bulk label edit): far cheaper than the whole table."""
        ids = frozenset(group_ids)
        if not ids:
            return

        def loaded(groups: list[GroupDTO]) -> None:
            self.model.replace_groups(groups)
            self._show_selection(force_reload=self._current_id in ids)
            self._update_counts()

        self._runner.run(lambda _ctx: self._service.list_groups(GroupFilter(ids=ids)), on_done=loaded)

    def merge_selected(self) -> None:
        groups = self.model.groups_at(self.selected_rows())
        if len(groups) < 2:
            return
        self._merge_dialog = MergeDialog(self._runner, self._merge, groups, self)
        self._merge_dialog.merged.connect(
            lambda result: self.status_message.emit(
                self.tr("已把 {0} 个群并入“{1}”").format(len(result.archived_ids), result.preview.target.name)))
        self._merge_dialog.finished.connect(lambda _r: setattr(self, "_merge_dialog", None))
        self._merge_dialog.open()

    # ------------------------------------------------------------------ bulk actions
    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self, title, text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _names(self, groups: list[GroupDTO]) -> str:
        names = "、".join(g.name for g in groups[:3])
        return names + (self.tr(" 等 {0} 个群").format(len(groups)) if len(groups) > 3 else "")

    def archive_selected(self) -> None:
        groups = [g for g in self.model.groups_at(self.selected_rows()) if g.status is not GroupStatus.ARCHIVED]
        if groups and self._confirm(self.tr("归档群"), self.tr("归档 {0}? 归档后可随时恢复。").format(self._names(groups))):
            ids = [g.id for g in groups]
            self._bulk(lambda: self._service.archive(ids), ids, self.tr("已归档 {0} 个群"))

    def restore_selected(self) -> None:
        groups = [g for g in self.model.groups_at(self.selected_rows()) if g.status is GroupStatus.ARCHIVED]
        if groups and self._confirm(self.tr("恢复群"), self.tr("恢复 {0}?").format(self._names(groups))):
            ids = [g.id for g in groups]
            self._bulk(lambda: self._service.restore(ids), ids, self.tr("已恢复 {0} 个群"))

    def delete_selected(self) -> None:
        groups = self.model.groups_at(self.selected_rows())
        if groups and self._confirm(
            self.tr("删除群"),
            self.tr("永久删除 {0}?\n它们的成员关系、互动记录、统计和标签会一起删除, 无法撤销。\n"
                    "只是不再运营的群, 请用“归档”。").format(self._names(groups)),
        ):
            ids = [g.id for g in groups]
            self._bulk(lambda: self._service.delete(ids), ids, self.tr("已删除 {0} 个群"))

    def _bulk(self, call, ids: list[int], message: str) -> None:  # type: ignore[no-untyped-def]
        self._runner.run(
            lambda _ctx: call(),
            on_done=lambda count: self.status_message.emit(message.format(count)),
            changes="groups", changed_ids=lambda _count: ids,
        )

    def _context_menu(self, position) -> None:  # type: ignore[no-untyped-def]
        if not self.selected_rows():
            return
        menu = QMenu(self)
        menu.addMenu(self.classify_menu)
        menu.addSeparator()
        for action in (self.archive_action, self.restore_action, self.delete_action):
            menu.addAction(action)
        self.archive_action.setEnabled(self.archive_button.isEnabled())
        self.restore_action.setEnabled(self.restore_button.isEnabled())
        menu.exec(self.table.viewport().mapToGlobal(position))

    # ------------------------------------------------------------------ state
    def save_state(self) -> None:
        self._settings.set(keys.GROUPS_SPLITTER, self.splitter.saveState())
        self._settings.set(keys.GROUPS_HEADER, self.table.horizontalHeader().saveState())

    def paste_members(self, group_id: int) -> None:
        """Record a pasted member list for a group: joins and leaves since the last list."""
        group = next(iter(self.model.groups_by_id({group_id})), None)
        if group is None:
            return
        snapshots = self._snapshots

        def submit(on_date, entries) -> None:  # type: ignore[no-untyped-def]
            dialog = self._paste_dialog

            def done(diff) -> None:  # type: ignore[no-untyped-def]
                if dialog is not None:
                    dialog.accept()
                self.tabs.reload()
                self.status_message.emit(self.tr("“{0}”名单已记录: 进群 {1} 人, 退群 {2} 人, 新建成员 {3} 人").format(
                    group.name, diff.joined, diff.left, len(diff.created_ids)))

            self._runner.run(
                lambda _ctx: snapshots.apply_snapshot(group_id, on_date, entries), on_done=done,
                on_error=lambda exc: dialog.failed(error_message(exc)) if dialog is not None else None,
                changes="memberships", changed_ids=lambda diff: [*diff.joined_ids, *diff.left_ids],
            )

        self._paste_dialog = PasteMembersDialog(group.name, submit, self)
        self._paste_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._paste_dialog.finished.connect(lambda _r: setattr(self, "_paste_dialog", None))
        self._paste_dialog.open()

    def export_table(self) -> TableExport:
        """The groups as shown: the filter, the sort and the visible columns in their order."""
        header = self.table.horizontalHeader()
        shown = sorted((header.visualIndex(c), c) for c in range(self.model.columnCount())
                       if not header.isSectionHidden(c))
        columns = [GroupColumn(c) for _visual, c in shown]
        kinds = {GroupColumn.MEMBERS: ColumnKind.INT, GroupColumn.LAST_ACTIVE: ColumnKind.DATE,
                 GroupColumn.ACTIVITY: ColumnKind.INT}
        specs = [ColumnSpec(str(self.model.headerData(c, Qt.Orientation.Horizontal)),
                             kinds.get(c, ColumnKind.TEXT)) for c in columns]

        def cell(group: GroupDTO, column: GroupColumn) -> object:
            if column is GroupColumn.MEMBERS:
                return group.member_count
            if column is GroupColumn.LAST_ACTIVE:
                return group.last_active
            if column is GroupColumn.LABELS:
                return "、".join(label.name for label in group.labels)
            if column is GroupColumn.ACTIVITY:
                return sum(self.model.sparkline(group.id))
            return self.model.display_text(group, column)

        rows = [tuple(cell(self.model.group_at(r), c) for c in columns) for r in range(self.model.rowCount())]
        return TableExport(self.tr("群列表"), specs, lambda _ctx: rows, len(rows))

    def show_group(self, group_id: int) -> None:
        """Select one group (asked for by another page); filters that hide it are cleared first."""
        if self.model.row_of(group_id) is None:
            self.clear_filters()
        if self.model.row_of(group_id) is None:  # archived: the default filter hides the archive
            self.apply_spec(dataclasses.replace(DEFAULT_FILTER, statuses=frozenset()))
        if self.model.row_of(group_id) is None:  # not loaded yet (just created): select it once it is
            self._pending_select = group_id
            self.refresh()
            return
        # through the selection model like a click, so an unsaved edit is offered for saving first
        row = self.model.row_of(group_id)
        assert row is not None
        index = self.model.index(row, GroupColumn.NAME)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def current_group(self) -> GroupDTO | None:
        """The one group selected, if exactly one is."""
        rows = self.selected_rows()
        return self.model.group_at(rows[0]) if len(rows) == 1 else None

    def has_unsaved_edit(self) -> bool:
        return self.editor.is_dirty and self._current_id is not None


class _LabelCommand(QUndoCommand):
    """A bulk label edit already applied by the service; undo and redo replay it through the runner."""

    def __init__(self, page: GroupsPage, change: LabelChange, text: str) -> None:
        super().__init__(text)
        self._page = page
        self._change = change
        self._applied = True  # pushing calls redo() once: the edit is already in the database

    def redo(self) -> None:
        if self._applied:
            return
        self._applied = True
        self._page._replay(self._change, undo=False)

    def undo(self) -> None:
        self._applied = False
        self._page._replay(self._change, undo=True)

    def refers_to(self, label_ids: set[int]) -> bool:
        """Whether every label this step touches still exists."""
        change = self._change
        return change.label_id in label_ids and all(
            set(bucket.label_ids) <= label_ids for bucket in change.prior)
