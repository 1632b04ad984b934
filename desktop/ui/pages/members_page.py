"""The Members page: one registry of people across groups, 200,000 rows, filtered and sorted in SQL.

The table is a LazyTableModel: the page asks for the matching ids in order (one query), rows are
read in blocks as they are painted. The right side shows one member (profile editor and detail
tabs) or, for a multi-selection, the bulk actions.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Role, Tier
from desktop.domain.errors import ValidationError
from desktop.domain.members import MemberDraft, MemberDTO, MemberFilter, MemberSort, TagDTO
from desktop.domain.reports import ColumnKind, ColumnSpec
from desktop.settings import Settings
from desktop.ui.dialogs.ladder_settings import load_rules
from desktop.ui.dialogs.member_review import DuplicatesDialog, TierSuggestionsDialog
from desktop.ui.dialogs.tags_dialog import TagsDialog, next_colour, swatch
from desktop.ui.labels import level_name, role_name, tier_name
from desktop.ui.models.lazy_model import LazyTableModel
from desktop.ui.models.rows_model import Column
from desktop.ui.table_export import TableExport, in_blocks
from desktop.ui.widgets.member_detail import MemberDetailTabs
from desktop.ui.widgets.member_editor import MemberEditor
from desktop.workers.tasks import TaskContext, TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.domain.groups import GroupDTO
    from desktop.services.groups import GroupService
    from desktop.services.members import MemberService
    from desktop.services.segments import SegmentService

SEARCH_DELAY_MS = 250
#: group-filter entries that are saved segments carry ("segment", id) as their data
SEGMENT = "segment"


class NewMemberDialog(QDialog):
    def __init__(self, submit: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建成员"))
        self.setMinimumWidth(460)
        self._submit = submit
        self.editor = MemberEditor(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(self.buttons)
        self.editor.nickname.setFocus()

    def _create(self) -> None:
        try:
            draft = self.editor.draft().validated()
        except ValidationError as exc:
            self.editor.show_error(str(exc), exc.field)
            return
        self.buttons.setEnabled(False)
        self._submit(draft)

    def failed(self, message: str, field: str | None) -> None:
        self.buttons.setEnabled(True)
        self.editor.show_error(message, field)


class MembersPage(QWidget):
    status_message = Signal(str)

    def __init__(self, runner: TaskRunner, members: MemberService, groups: GroupService, settings: Settings,
                 parent: QWidget | None = None, segments: SegmentService | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = members
        self._groups_service = groups
        self._segments_service = segments
        self._settings = settings
        self._groups: list[GroupDTO] = []
        self._tags: list[TagDTO] = []
        #: (member id, nickname) whose invitees the table lists, or None
        self._referrer: tuple[int, str] | None = None
        self._levels_job: TaskContext | None = None
        self._levels_declined = False  # the operator cancelled the automatic refresh: do not restart it
        self._levels_fresh_on: date | None = None
        self._current_id: int | None = None
        self._query_serial = 0
        self._stale = True
        self._dialog: NewMemberDialog | None = None
        self._pending_select: int | None = None
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)

        self._sort_keys = [MemberSort.NICKNAME, MemberSort.NAME, MemberSort.TIER, MemberSort.ACTIVITY,
                           MemberSort.GROUP_COUNT, MemberSort.LAST_ACTIVE, None, None, None, MemberSort.CREATED]
        self._sort = (MemberSort.LAST_ACTIVE, True)
        self.model: LazyTableModel[MemberDTO] = LazyTableModel([
            Column(self.tr("昵称"), lambda m: m.nickname + (" ★" if m.seed_user else "")),
            Column(self.tr("姓名"), lambda m: m.name),
            Column(self.tr("等级"), lambda m: tier_name(m.tier)),
            Column(self.tr("活跃度"), lambda m: level_name(m.activity_level),
                   tooltip=lambda m: self.tr("计算于 {0}").format(m.activity_level_on) if m.activity_level_on
                   else self.tr("尚未计算")),
            Column(self.tr("群数"), lambda m: str(m.group_count), right=True),
            Column(self.tr("最近互动"), lambda m: str(m.last_active or self.tr("从未"))),
            Column(self.tr("标签"), lambda m: "、".join(t.name for t in m.tags)),
            Column(self.tr("手机"), lambda m: m.phone or ""),
            Column(self.tr("微信号"), lambda m: m.wechat_id or ""),
            Column(self.tr("建档"), lambda m: m.created_at.strftime("%Y-%m-%d")),
        ], members.rows, lambda m: m.id, runner, self)
        self.model.sort_requested.connect(self._sort_requested)
        self.model.rows_loaded.connect(self._rows_loaded)

        self._build_filters()
        self._build_table()
        self._build_detail()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table_stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([800, 460])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(self.footer)
        self._build_actions()
        runner.data_changed.connect(self._data_changed)

    # ------------------------------------------------------------------ building
    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("memberSearch")
        self.search.setPlaceholderText(self.tr("搜索昵称、姓名、手机、微信号、拼音或首字母 (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.tier_filter = QComboBox()
        self.tier_filter.addItem(self.tr("全部等级"), None)
        for tier in Tier:
            self.tier_filter.addItem(tier_name(tier), tier.value)
        self.role_filter = QComboBox()
        self.role_filter.addItem(self.tr("全部角色"), None)
        for role in Role:
            self.role_filter.addItem(role_name(role), role.value)
        self.level_filter = QComboBox()
        self.level_filter.setObjectName("memberLevelFilter")
        self.level_filter.setToolTip(self.tr("按活跃度筛选 (规则见 设置 → 客户阶梯与活跃度规则)"))
        self.level_filter.addItem(self.tr("全部活跃度"), None)
        for level in (1, 2, 3, 4):
            self.level_filter.addItem(level_name(level), level)
        self.tag_filter = QComboBox()
        self.tag_filter.setObjectName("memberTagFilter")
        self.tag_filter.addItem(self.tr("全部标签"), None)
        self.group_filter = QComboBox()
        self.group_filter.setObjectName("memberGroupFilter")
        self.group_filter.setToolTip(self.tr("所在的群, 或一个已保存的分群 (其中任一群)"))
        self.group_filter.setEditable(True)
        self.group_filter.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.group_filter.addItem(self.tr("全部群"), None)
        self.group_filter.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.group_filter.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.active_filter = QComboBox()
        # (active_since days ago, active_before days ago)
        for text, window in ((self.tr("不限最近互动"), (None, None)), (self.tr("7 天内有互动"), (7, None)),
                             (self.tr("30 天内有互动"), (30, None)), (self.tr("30 天以上没有互动"), (None, 30)),
                             (self.tr("90 天以上没有互动"), (None, 90))):
            self.active_filter.addItem(text, window)
        self.seed_filter = QCheckBox(self.tr("只看种子用户"))
        self.combos = (self.tier_filter, self.role_filter, self.level_filter, self.active_filter, self.tag_filter,
                       self.group_filter)
        for combo in self.combos:
            combo.currentIndexChanged.connect(self.reload)
        self.seed_filter.toggled.connect(self.reload)
        self.referrer_chip = QPushButton()
        self.referrer_chip.setObjectName("referrerChip")
        self.referrer_chip.setToolTip(self.tr("点击取消这个筛选"))
        self.referrer_chip.setStyleSheet("QPushButton { border: 1px solid #90caf9; border-radius: 10px;"
                                         " background: #e3f2fd; padding: 2px 10px; }")
        self.referrer_chip.clicked.connect(lambda: self.filter_invitees(None))
        self.referrer_chip.hide()
        self.new_button = QPushButton(self.tr("新建成员"))
        self.new_button.clicked.connect(self.new_member)
        self.tags_button = QPushButton(self.tr("标签…"))
        self.tags_button.setToolTip(self.tr("新建、重命名、换颜色或删除成员标签"))
        self.tags_button.clicked.connect(self.manage_tags)
        self.duplicates_button = QPushButton(self.tr("查找重复…"))
        self.duplicates_button.setToolTip(self.tr("同一手机号、同一微信号, 或同群同昵称的成员"))
        self.duplicates_button.clicked.connect(self.review_duplicates)
        self.suggestions_button = QPushButton(self.tr("等级建议…"))
        self.suggestions_button.setToolTip(self.tr("按客户阶梯规则建议升级的成员, 审核后批量应用"))
        self.suggestions_button.clicked.connect(self.review_tiers)
        self.count_label = QLabel()
        self.count_label.setObjectName("memberCount")
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count_label.setMinimumWidth(80)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        for button in (self.tags_button, self.duplicates_button, self.suggestions_button, self.new_button):
            top.addWidget(button)
        filters = QHBoxLayout()
        for combo in self.combos:
            # may be narrower than their longest entry rather than force the window wider
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(3)  # six of them must fit a 1024-pixel-wide window
            filters.addWidget(combo, 2 if combo is self.group_filter else 1)
        filters.addWidget(self.seed_filter)
        filters.addWidget(self.referrer_chip)
        self.filter_bar = QVBoxLayout()
        self.filter_bar.addLayout(top)
        self.filter_bar.addLayout(filters)

        self.levels_label = QLabel()
        self.levels_label.setObjectName("levelsState")
        self.levels_label.setStyleSheet("color: #616161;")
        self.levels_button = QToolButton()
        self.levels_button.setObjectName("levelsRefresh")
        self.levels_button.setAutoRaise(True)
        self.levels_button.clicked.connect(self._levels_button_clicked)
        self.footer = QHBoxLayout()
        self.footer.setContentsMargins(2, 0, 2, 0)
        self.footer.addWidget(self.levels_label)
        self.footer.addWidget(self.levels_button)
        self.footer.addWidget(self.count_label, 1)
        self._show_levels_state(None, 0)

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("membersTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(self._sort_keys.index(MemberSort.LAST_ACTIVE),
                                                       Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((150, 80, 72, 60, 56, 96, 120, 112, 120, 92)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("membersEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty_label)

    def _build_detail(self) -> None:
        self.editor = MemberEditor()
        self.editor.changed.connect(self._update_buttons)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setToolTip(self.tr("保存修改 (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_current)
        self.revert_button = QPushButton(self.tr("放弃修改"))
        self.revert_button.clicked.connect(lambda: self.editor.load(self.editor.member))
        self.editor.changed.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        profile = QWidget()
        profile_layout = QVBoxLayout(profile)
        profile_layout.addWidget(self.editor, 1)
        profile_layout.addLayout(buttons)
        self.tabs = MemberDetailTabs(self._runner, self._service, profile,
                                     lambda: load_rules(self._settings)[1])

        self.selection_label = QLabel()
        self.selection_label.setObjectName("memberSelection")
        self.selection_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tier_button = QPushButton(self.tr("调整等级…"))
        self.tier_button.setObjectName("bulkTier")
        self.tier_button.clicked.connect(self.change_tier)
        self.join_button = QPushButton(self.tr("加入群…"))
        self.join_button.setObjectName("bulkJoin")
        self.join_button.clicked.connect(lambda: self.move_to_group(join=True))
        self.leave_button = QPushButton(self.tr("移出群…"))
        self.leave_button.setObjectName("bulkLeave")
        self.leave_button.clicked.connect(lambda: self.move_to_group(join=False))
        self.tag_button = QPushButton(self.tr("打标签…"))
        self.tag_button.setObjectName("bulkTag")
        self.tag_button.clicked.connect(lambda: self.tag_selected(add=True))
        self.untag_button = QPushButton(self.tr("移除标签…"))
        self.untag_button.setObjectName("bulkUntag")
        self.untag_button.clicked.connect(lambda: self.tag_selected(add=False))
        bulk = QWidget()
        bulk_layout = QVBoxLayout(bulk)
        bulk_layout.setContentsMargins(48, 0, 48, 0)
        bulk_layout.addStretch(1)
        bulk_layout.addWidget(self.selection_label)
        for button in (self.tag_button, self.untag_button, self.tier_button, self.join_button, self.leave_button):
            bulk_layout.addWidget(button)
        bulk_layout.addStretch(2)
        self.hint = QLabel(self.tr("选择一位成员查看资料、所在群、时间线和推荐关系;\n"
                                   "按住 Ctrl 或 Shift 选择多位成员可批量打标签、调整等级、加入或移出群\n"
                                   "(也可在表格中点右键)。"))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #757575;")
        self.detail = QStackedWidget()
        self.detail.setMinimumWidth(360)
        self.detail.addWidget(self.hint)
        self.detail.addWidget(self.tabs)
        self.detail.addWidget(bulk)

    def _build_actions(self) -> None:
        def add(text: str, shortcut: QKeySequence | str, slot: Any) -> QAction:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            return action

        self.find_action = add(self.tr("查找成员"), QKeySequence.StandardKey.Find, self.focus_search)
        self.save_action = add(self.tr("保存成员"), QKeySequence.StandardKey.Save, self.save_current)

    # ------------------------------------------------------------------ data
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the group list (for the group filter) and the matching member ids."""
        self._stale = False
        groups, segments = self._groups_service, self._segments_service
        self._runner.run(lambda _ctx: (groups.list_groups(), segments.list() if segments is not None else []),
                         on_done=self._show_groups)
        self._read_tags()
        self.reload()

    def _show_groups(self, found: tuple[list[GroupDTO], list]) -> None:
        groups, segments = found
        self._groups = groups
        current = self.group_filter.currentData()
        self.group_filter.blockSignals(True)
        try:
            self.group_filter.clear()
            self.group_filter.addItem(self.tr("全部群"), None)
            for segment in segments:
                self.group_filter.addItem(self.tr("分群 · {0}").format(segment.name), (SEGMENT, segment.id))
            for group in sorted(groups, key=lambda g: g.name):
                self.group_filter.addItem(group.name, group.id)
            self.group_filter.setCurrentIndex(max(self.group_filter.findData(current), 0))
        finally:
            self.group_filter.blockSignals(False)
        if current is not None and self.group_filter.currentData() != current:
            self.reload()  # the segment or group filtered on is gone

    def _read_tags(self) -> None:
        service = self._service
        self._runner.run(lambda _ctx: service.tags(), on_done=self._show_tags, owner=self)

    def _show_tags(self, tags: list[TagDTO]) -> None:
        self._tags = tags
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        try:
            self.tag_filter.clear()
            self.tag_filter.addItem(self.tr("全部标签"), None)
            for tag in tags:
                self.tag_filter.addItem(swatch(tag.color), tag.name, tag.id)
            self.tag_filter.setCurrentIndex(max(self.tag_filter.findData(current), 0))
        finally:
            self.tag_filter.blockSignals(False)
        if current is not None and self.tag_filter.currentData() != current:
            self.reload()

    def current_filter(self) -> MemberFilter:
        since_days, before_days = self.active_filter.currentData() or (None, None)
        today = date.today()
        tier, role, group = self.tier_filter.currentData(), self.role_filter.currentData(), self.group_filter.currentData()
        level, tag = self.level_filter.currentData(), self.tag_filter.currentData()
        return MemberFilter(
            text=self.search.text(),
            tiers=frozenset({Tier(tier)}) if tier else frozenset(),
            roles=frozenset({Role(role)}) if role else frozenset(),
            group_ids=frozenset({group}) if isinstance(group, int) else frozenset(),
            seed_only=self.seed_filter.isChecked(),
            activity_levels=frozenset({level}) if level is not None else frozenset(),
            active_since=today - timedelta(days=since_days) if since_days is not None else None,
            active_before=today - timedelta(days=before_days) if before_days is not None else None,
            referred_by=self._referrer[0] if self._referrer is not None else None,
            tag_ids=frozenset({tag}) if tag is not None else frozenset(),
        )

    def current_segment(self) -> int | None:
        """The saved segment the group filter names, or None (all groups or one group)."""
        data = self.group_filter.currentData()
        return data[1] if isinstance(data, tuple) and data[0] == SEGMENT else None

    def is_filtered(self) -> bool:
        return self.current_filter() != MemberFilter() or self.current_segment() is not None

    def reload(self) -> None:
        """Ask SQL for the ids matching the filters, in the current sort order (a saved segment is
        resolved to its groups first, in the same job)."""
        self._search_timer.stop()
        member_filter, (sort_key, descending) = self.current_filter(), self._sort
        segment, segments, service = self.current_segment(), self._segments_service, self._service
        self._query_serial += 1
        serial = self._query_serial

        def query(_ctx: object) -> list[int]:
            the_filter = member_filter
            if segment is not None and segments is not None:
                group_ids = frozenset(segments.resolve(segment))
                if not group_ids:
                    return []  # an empty set of groups would mean "any group"
                the_filter = replace(member_filter, group_ids=group_ids)
            return service.page_ids(the_filter, sort_key, descending)

        def done(ids: list[int]) -> None:
            if serial == self._query_serial:  # a newer query replaced this one
                self._show_ids(ids)

        self._runner.run(query, on_done=done)
        self._check_levels()

    def _show_ids(self, ids: list[int]) -> None:
        selected = set(self.selected_ids())
        if self._pending_select is not None:
            selected, self._pending_select = {self._pending_select}, None
        self.model.set_ids(ids)
        rows = [row for i in selected if (row := self.model.row_of(i)) is not None]
        selection = self.table.selectionModel()
        for row in rows:
            selection.select(self.model.index(row, 0),
                             QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        if len(rows) == 1:
            self.table.scrollTo(self.model.index(rows[0], 0))
        self._update_counts()
        if not rows:
            self._selection_changed()

    def _update_counts(self) -> None:
        shown = self.model.rowCount()
        selected = len(self.selected_rows())
        text = self.tr("共 {0} 人").format(f"{shown:,}")
        if selected > 1:
            text += self.tr(" · 已选 {0} 人").format(selected)
        self.count_label.setText(text)
        filtered = self.is_filtered()
        if shown:
            self.table_stack.setCurrentWidget(self.table)
        else:
            self.empty_label.setText(self.tr("没有符合条件的成员。试试清除搜索和筛选。") if filtered else self.tr(
                "还没有成员。点击“新建成员”添加, 或从“文件 → 导入”导入成员表和群成员名单。"))
            self.table_stack.setCurrentWidget(self.empty_label)

    def _sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        key = self._sort_keys[column] if 0 <= column < len(self._sort_keys) else None
        if key is None:  # phone and WeChat id are not worth an index: keep the current order
            current = self._sort_keys.index(self._sort[0])
            self.table.horizontalHeader().setSortIndicator(
                current, Qt.SortOrder.DescendingOrder if self._sort[1] else Qt.SortOrder.AscendingOrder)
            return
        self._sort = (key, order == Qt.SortOrder.DescendingOrder)
        self.reload()

    def _data_changed(self, kind: str, ids: list) -> None:
        # "orders": quick entry and a 接龙 paste register buyers nobody knew as new members, and an
        # order is on its buyer's timeline (the ids are order ids: the whole list is read again)
        if kind not in ("members", "interactions", "memberships", "workspace", "imports", "groups", "tags",
                        "segments", "dimensions", "orders"):
            return
        if not self.isVisible():
            self._stale = True
            return
        if kind in ("groups", "segments", "dimensions"):
            self.refresh()
            return
        if kind == "tags":
            self._read_tags()  # names and colours in the filter, and the rows' tag column
        if kind == "members" and ids:
            self.model.invalidate(ids)  # the rows repaint; a filter may now exclude them: ask again too
        else:
            self.model.invalidate()
        self.reload()
        if self._current_id is not None and (not ids or self._current_id in ids or kind != "members"):
            self._show_selection(reload=True)

    def _rows_loaded(self) -> None:
        if self._current_id is not None and self.editor.member is None:
            self._show_selection()

    # ------------------------------------------------------------------ selection
    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def selected_ids(self) -> list[int]:
        return [self.model.id_at(row) for row in self.selected_rows() if row < self.model.rowCount()]

    def _selection_changed(self) -> None:
        if self.editor.is_dirty and self._current_id is not None:
            answer = QMessageBox.question(
                self, self.tr("保存修改"), self.tr("“{0}”的资料有未保存的修改, 要保存吗?").format(
                    self.editor.nickname.text()),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Save)
            if answer == QMessageBox.StandardButton.Save:
                self.save_current()
        self._show_selection()
        self._update_counts()

    def _show_selection(self, reload: bool = False) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            member_id = self.model.id_at(rows[0])
            member = self.model.cached(rows[0])
            if member_id != self._current_id or reload or (member is not None and self.editor.member is None):
                self._current_id = member_id
                if not self.editor.is_dirty or member_id != (self.editor.member.id if self.editor.member else None):
                    self.editor.load(member)
                self.tabs.show_member(member_id)
            self.detail.setCurrentWidget(self.tabs)
        elif rows:
            self._current_id = None
            self.editor.load(None)
            self.selection_label.setText(self.tr("已选 {0} 位成员").format(len(rows)))
            self.detail.setCurrentWidget(self.detail.widget(2))
        else:
            self._current_id = None
            self.editor.load(None)
            self.detail.setCurrentWidget(self.hint)
        self._update_buttons()

    def _update_buttons(self) -> None:
        dirty = self.editor.is_dirty and self._current_id is not None
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def select_member(self, member_id: int) -> None:
        row = self.model.row_of(member_id)
        if row is not None:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(self.model.index(row, 0))

    # ------------------------------------------------------------------ writes
    def save_current(self) -> None:
        member = self.editor.member
        if member is None or not self.editor.is_dirty:
            return
        try:
            draft = self.editor.draft().validated()
        except ValidationError as exc:
            self.editor.show_error(str(exc), exc.field)
            return
        reason = self.tr("编辑资料")
        if self.editor.tier_changed:
            reason, ok = QInputDialog.getText(self, self.tr("调整等级"), self.tr("调整等级的原因:"),
                                              text=self.tr("手动调整"))
            if not ok:
                return
        service = self._service
        self._runner.run(
            lambda _ctx: service.update(member.id, draft, reason),
            on_done=lambda saved: (self.editor.load(saved), self.tabs.show_member(saved.id),
                                   self.status_message.emit(self.tr("已保存“{0}”").format(saved.nickname))),
            on_error=lambda exc: self.editor.show_error(error_message(exc), getattr(exc, "field", None)),
            changes="members", changed_ids=lambda saved: [saved.id],
        )

    def new_member(self) -> None:
        self._dialog = NewMemberDialog(self._create, self)
        self._dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialog.finished.connect(lambda _r: setattr(self, "_dialog", None))
        self._dialog.open()

    def _create(self, draft: MemberDraft) -> None:
        dialog, service = self._dialog, self._service

        def done(member: MemberDTO) -> None:
            if dialog is not None:
                dialog.accept()
            self.status_message.emit(self.tr("已新建成员“{0}”").format(member.nickname))
            self._select_after_reload(member.id)

        def failed(exc: BaseException) -> None:
            if dialog is not None:
                dialog.failed(error_message(exc), getattr(exc, "field", None))

        self._runner.run(lambda _ctx: service.create(draft), on_done=done, on_error=failed,
                         changes="members", changed_ids=lambda m: [m.id])

    def _select_after_reload(self, member_id: int) -> None:
        """Select a member once the next id query (which the write's data_changed starts) lands."""
        self._pending_select = member_id
        self.search.blockSignals(True)
        self.search.clear()  # the new member must be in the list to be selected
        self.search.blockSignals(False)

    def export_table(self) -> TableExport:
        """The members the table lists, in its order (read from the store in blocks on a worker)."""
        specs = [ColumnSpec(self.tr("昵称")), ColumnSpec(self.tr("姓名")), ColumnSpec(self.tr("等级")),
                 ColumnSpec(self.tr("群数"), ColumnKind.INT), ColumnSpec(self.tr("最近互动"), ColumnKind.DATE),
                 ColumnSpec(self.tr("手机"), ColumnKind.PHONE), ColumnSpec(self.tr("微信号")),
                 ColumnSpec(self.tr("种子用户")), ColumnSpec(self.tr("来源")), ColumnSpec(self.tr("建档"), ColumnKind.DATE)]
        ids, fetch, yes = list(self.model.ids), self._service.rows, self.tr("是")

        def cells(m: MemberDTO) -> tuple:
            return (m.nickname, m.name, tier_name(m.tier), m.group_count, m.last_active, m.phone or "",
                    m.wechat_id or "", yes if m.seed_user else "", m.source, m.created_at.date())

        return TableExport(self.tr("成员"), specs, lambda ctx: in_blocks(ids, fetch, cells, ctx), len(ids))

    def rules_changed(self) -> None:
        """The ladder or activity rules were edited: explain the shown member's level again, and
        recompute every member's level under the new rules."""
        if self._current_id is not None:
            self.tabs.show_member(self._current_id)
        self.refresh_levels()

    def show_member(self, member_id: int) -> None:
        """Clear the filters and select this member (from another page)."""
        self._pending_select = member_id
        self._referrer = None
        self.referrer_chip.hide()
        for combo in self.combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.seed_filter.blockSignals(True)
        self.seed_filter.setChecked(False)
        self.seed_filter.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.reload()

    def change_tier(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        names = [tier_name(tier) for tier in Tier]
        choice, ok = QInputDialog.getItem(self, self.tr("调整等级"),
                                          self.tr("把所选 {0} 位成员调整为:").format(len(ids)), names, 0, False)
        if not ok:
            return
        tier = list(Tier)[names.index(choice)]
        reason, ok = QInputDialog.getText(self, self.tr("调整等级"), self.tr("原因 (记入等级历史):"),
                                          text=self.tr("批量调整"))
        if not ok:
            return
        service = self._service
        self._runner.run(
            lambda _ctx: service.set_tier(ids, tier, reason),
            on_done=lambda n: self.status_message.emit(self.tr("{0} 位成员调整为{1}").format(n, choice)),
            on_error=lambda exc: QMessageBox.warning(self, self.tr("调整等级"), error_message(exc)),
            changes="members", changed_ids=lambda _n: ids,
        )

    def move_to_group(self, *, join: bool) -> None:
        ids = self.selected_ids()
        if not ids or not self._groups:
            return
        groups = sorted(self._groups, key=lambda g: g.name)
        title = self.tr("加入群") if join else self.tr("移出群")
        prompt = (self.tr("把所选 {0} 位成员加入:") if join else self.tr("把所选 {0} 位成员移出:")).format(len(ids))
        choice, ok = QInputDialog.getItem(self, title, prompt, [g.name for g in groups], 0, False)
        group = next((g for g in groups if g.name == choice), None)
        if not ok or group is None:
            return
        service = self._service
        call = service.add_to_group if join else service.remove_from_group
        text = self.tr("{0} 位成员已加入“{1}”") if join else self.tr("{0} 位成员已移出“{1}”")
        self._runner.run(
            lambda _ctx: call(ids, group.id),
            on_done=lambda n: self.status_message.emit(text.format(n, group.name)),
            on_error=lambda exc: QMessageBox.warning(self, title, error_message(exc)),
            changes="memberships", changed_ids=lambda _n: ids,
        )

    # ------------------------------------------------------------------ tags
    def manage_tags(self) -> None:
        self.tags_dialog = TagsDialog(self._runner, self._service, self)
        self.tags_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.tags_dialog.open()
        self.tags_dialog.refresh()

    def tag_selected(self, *, add: bool) -> None:
        """Put a tag on the selected members (a new name creates the tag), or take one off."""
        ids = self.selected_ids()
        if not ids:
            return
        title = self.tr("打标签") if add else self.tr("移除标签")
        if add:
            prompt = self.tr("给所选 {0} 位成员打上标签 (输入新名称即新建):").format(len(ids))
        else:
            prompt = self.tr("从所选 {0} 位成员移除标签:").format(len(ids))
        names = [tag.name for tag in self._tags]
        if not add and not names:
            QMessageBox.information(self, title, self.tr("还没有任何标签。"))
            return
        name, ok = QInputDialog.getItem(self, title, prompt, names, 0, add)
        name = " ".join(name.split())
        if not ok or not name:
            return
        tag = next((t for t in self._tags if t.name == name), None)
        service, colour = self._service, next_colour(self._tags)

        def work(_ctx: object) -> tuple[str, int, bool]:
            if not add:
                return name, service.untag_members(ids, tag.id), False  # type: ignore[union-attr]
            target = tag or service.create_tag(name, colour)
            return target.name, service.tag_members(ids, target.id), tag is None

        def done(result: tuple[str, int, bool]) -> None:
            tag_name, count, created = result
            if created:
                self._read_tags()
            text = self.tr("{0} 位成员打上了“{1}”") if add else self.tr("{0} 位成员移除了“{1}”")
            self.status_message.emit(text.format(count, tag_name))

        self._runner.run(work, on_done=done, changes="members", changed_ids=lambda _r: ids,
                         on_error=lambda exc: QMessageBox.warning(self, title, error_message(exc)))

    # ------------------------------------------------------------------ referrals
    def filter_invitees(self, member: tuple[int, str] | None) -> None:
        """List only the members this member invited (``None``: stop)."""
        self._referrer = member
        if member is not None:
            self.referrer_chip.setText(self.tr("TA 邀请的人: {0}  ✕").format(member[1]))
        self.referrer_chip.setVisible(member is not None)
        self.reload()

    def _context_menu(self, pos: Any) -> None:
        menu = self.context_menu()
        if menu is not None:
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.table.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu | None:
        """The bulk actions for the selected rows (None without a selection)."""
        rows = self.selected_rows()
        if not rows:
            return None
        menu = QMenu(self)
        menu.addAction(self.tr("打标签…"), lambda: self.tag_selected(add=True))
        menu.addAction(self.tr("移除标签…"), lambda: self.tag_selected(add=False))
        menu.addAction(self.tr("调整等级…"), self.change_tier)
        menu.addAction(self.tr("加入群…"), lambda: self.move_to_group(join=True))
        menu.addAction(self.tr("移出群…"), lambda: self.move_to_group(join=False))
        if len(rows) == 1 and (member := self.model.cached(rows[0])) is not None:
            menu.addSeparator()
            menu.addAction(self.tr("只看 TA 邀请的人"), lambda: self.filter_invitees((member.id, member.nickname)))
        return menu

    # ------------------------------------------------------------------ activity levels
    def _check_levels(self) -> None:
        """How fresh the cached levels are; starts the refresh when they are out of date (a new day,
        members imported since) unless the operator cancelled it."""
        if self._levels_job is not None:
            return
        service = self._service
        self._runner.run(lambda _ctx: (service.activity_levels_fresh_on(), service.activity_levels_missing()),
                         on_done=lambda state: self._levels_checked(*state), owner=self)

    def _levels_checked(self, fresh_on: date | None, missing: int) -> None:
        self._show_levels_state(fresh_on, missing)
        stale = missing > 0 or (fresh_on is not None and fresh_on < date.today())
        if stale and not self._levels_declined and self._levels_job is None:
            self.refresh_levels(automatic=True)

    def _show_levels_state(self, fresh_on: date | None, missing: int) -> None:
        self._levels_fresh_on = fresh_on
        if self._levels_job is not None:
            return
        if fresh_on is None and not missing:  # no members, nothing to compute
            self.levels_label.clear()
            self.levels_button.hide()
            return
        if fresh_on is None:
            text = self.tr("活跃度尚未计算")
        else:
            text = self.tr("活跃度计算于 {0}").format(fresh_on.isoformat())
            if missing:
                text += self.tr(" · {0} 位新成员尚未计算").format(f"{missing:,}")
        self.levels_label.setText(text)
        self.levels_button.setText(self.tr("重新计算"))
        self.levels_button.setToolTip(self.tr("按当前的活跃度规则重新计算所有成员的活跃度"))
        self.levels_button.show()

    def refresh_levels(self, automatic: bool = False) -> None:
        """Recompute every member's activity level on a worker, progress shown in the footer."""
        if self._levels_job is not None:
            self._levels_job.cancel.cancel()
        if not automatic:
            self._levels_declined = False
        service, params = self._service, load_rules(self._settings)[1]

        def progress(done: int, total: int, _message: str) -> None:
            if self._levels_job is ctx:
                percent = 100 * done // total if total else 0
                self.levels_label.setText(self.tr("正在计算活跃度… {0}%").format(percent))

        def finished(count: int) -> None:
            if self._levels_job is ctx:
                self._levels_job = None
                self.status_message.emit(self.tr("已更新 {0} 位成员的活跃度").format(f"{count:,}"))

        def failed(exc: BaseException) -> None:
            if self._levels_job is ctx:
                self._levels_job = None
                self._show_levels_state(self._levels_fresh_on, 0)
            QMessageBox.warning(self, self.tr("活跃度"), error_message(exc))

        ctx = self._runner.run(
            lambda c: service.refresh_activity_levels(params=params, progress=c.progress, cancel=c.cancel),
            on_done=finished, on_error=failed, on_progress=progress, changes="members", write=False, owner=self)
        self._levels_job = ctx
        self.levels_label.setText(self.tr("正在计算活跃度…"))
        self.levels_button.setText(self.tr("取消"))
        self.levels_button.setToolTip(self.tr("停止计算; 已算好的成员保留新结果"))
        self.levels_button.show()

    def _levels_button_clicked(self) -> None:
        job = self._levels_job
        if job is None:
            self.refresh_levels()
            return
        job.cancel.cancel()  # the job ends quietly at its next check
        self._levels_job = None
        self._levels_declined = True
        self._show_levels_state(self._levels_fresh_on, 0)
        self.levels_label.setText(self.tr("活跃度计算已取消"))

    def review_duplicates(self) -> None:
        self.duplicates_dialog = DuplicatesDialog(self._runner, self._service, self)
        self.duplicates_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.duplicates_dialog.open()
        self.duplicates_dialog.refresh()

    def review_tiers(self) -> None:
        self.suggestions_dialog = TierSuggestionsDialog(self._runner, self._service, load_rules(self._settings)[0],
                                                        self)
        self.suggestions_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.suggestions_dialog.open()
        self.suggestions_dialog.refresh()

    def has_unsaved_edit(self) -> bool:
        return self.editor.is_dirty and self._current_id is not None
