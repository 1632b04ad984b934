"""The Members page: one registry of people across groups, 200,000 rows, filtered and sorted in SQL.

The table is a LazyTableModel: the page asks for the matching ids in order (one query), rows are
read in blocks as they are painted. The right side shows one member (profile editor and detail
tabs) or, for a multi-selection, the bulk actions.
"""

from __future__ import annotations

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
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Role, Tier
from desktop.domain.errors import ValidationError
from desktop.domain.members import MemberDraft, MemberDTO, MemberFilter, MemberSort
from desktop.domain.reports import ColumnKind, ColumnSpec
from desktop.settings import Settings
from desktop.ui.dialogs.ladder_settings import load_rules
from desktop.ui.dialogs.member_review import DuplicatesDialog, TierSuggestionsDialog
from desktop.ui.labels import role_name, tier_name
from desktop.ui.models.lazy_model import LazyTableModel
from desktop.ui.models.rows_model import Column
from desktop.ui.table_export import TableExport, in_blocks
from desktop.ui.widgets.member_detail import MemberDetailTabs
from desktop.ui.widgets.member_editor import MemberEditor
from desktop.workers.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.domain.groups import GroupDTO
    from desktop.services.groups import GroupService
    from desktop.services.members import MemberService

SEARCH_DELAY_MS = 250



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
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = members
        self._groups_service = groups
        self._settings = settings
        self._groups: list[GroupDTO] = []
        self._current_id: int | None = None
        self._query_serial = 0
        self._stale = True
        self._dialog: NewMemberDialog | None = None
        self._pending_select: int | None = None
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)

        self._sort_keys = [MemberSort.NICKNAME, MemberSort.NAME, MemberSort.TIER, MemberSort.GROUP_COUNT,
                           MemberSort.LAST_ACTIVE, None, None, MemberSort.CREATED]
        self._sort = (MemberSort.LAST_ACTIVE, True)
        self.model: LazyTableModel[MemberDTO] = LazyTableModel([
            Column(self.tr("昵称"), lambda m: m.nickname + (" ★" if m.seed_user else "")),
            Column(self.tr("姓名"), lambda m: m.name),
            Column(self.tr("等级"), lambda m: tier_name(m.tier)),
            Column(self.tr("群数"), lambda m: str(m.group_count), right=True),
            Column(self.tr("最近互动"), lambda m: str(m.last_active or self.tr("从未"))),
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
        self.group_filter = QComboBox()
        self.group_filter.setObjectName("memberGroupFilter")
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
        for combo in (self.tier_filter, self.role_filter, self.group_filter, self.active_filter):
            combo.currentIndexChanged.connect(self.reload)
        self.seed_filter.toggled.connect(self.reload)
        self.new_button = QPushButton(self.tr("新建成员"))
        self.new_button.clicked.connect(self.new_member)
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
        top.addWidget(self.duplicates_button)
        top.addWidget(self.suggestions_button)
        top.addWidget(self.new_button)
        filters = QHBoxLayout()
        for combo in (self.tier_filter, self.role_filter, self.active_filter, self.group_filter):
            # may be narrower than their longest entry rather than force the window wider
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(5)
            filters.addWidget(combo, 2 if combo is self.group_filter else 1)
        filters.addWidget(self.seed_filter)
        filters.addWidget(self.count_label, 1)
        self.filter_bar = QVBoxLayout()
        self.filter_bar.addLayout(top)
        self.filter_bar.addLayout(filters)

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("membersTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(4, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((150, 80, 72, 56, 96, 112, 120, 92)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
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
        bulk = QWidget()
        bulk_layout = QVBoxLayout(bulk)
        bulk_layout.addStretch(1)
        bulk_layout.addWidget(self.selection_label)
        for button in (self.tier_button, self.join_button, self.leave_button):
            bulk_layout.addWidget(button)
        bulk_layout.addStretch(2)
        self.hint = QLabel(self.tr("选择一位成员查看资料、所在群、时间线和推荐关系;\n"
                                   "按住 Ctrl 或 Shift 选择多位成员可批量调整等级、加入或移出群。"))
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
        groups = self._groups_service
        self._runner.run(lambda _ctx: groups.list_groups(), on_done=self._show_groups)
        self.reload()

    def _show_groups(self, groups: list[GroupDTO]) -> None:
        self._groups = groups
        current = self.group_filter.currentData()
        self.group_filter.blockSignals(True)
        try:
            self.group_filter.clear()
            self.group_filter.addItem(self.tr("全部群"), None)
            for group in sorted(groups, key=lambda g: g.name):
                self.group_filter.addItem(group.name, group.id)
            self.group_filter.setCurrentIndex(max(self.group_filter.findData(current), 0))
        finally:
            self.group_filter.blockSignals(False)

    def current_filter(self) -> MemberFilter:
        since_days, before_days = self.active_filter.currentData() or (None, None)
        today = date.today()
        tier, role, group = self.tier_filter.currentData(), self.role_filter.currentData(), self.group_filter.currentData()
        return MemberFilter(
            text=self.search.text(),
            tiers=frozenset({Tier(tier)}) if tier else frozenset(),
            roles=frozenset({Role(role)}) if role else frozenset(),
            group_ids=frozenset({group}) if group is not None else frozenset(),
            seed_only=self.seed_filter.isChecked(),
            active_since=today - timedelta(days=since_days) if since_days is not None else None,
            active_before=today - timedelta(days=before_days) if before_days is not None else None,
        )

    def reload(self) -> None:
        """Ask SQL for the ids matching the filters, in the current sort order."""
        self._search_timer.stop()
        member_filter, (sort_key, descending) = self.current_filter(), self._sort
        service = self._service
        self._query_serial += 1
        serial = self._query_serial

        def done(ids: list[int]) -> None:
            if serial == self._query_serial:  # a newer query replaced this one
                self._show_ids(ids)

        self._runner.run(lambda _ctx: service.page_ids(member_filter, sort_key, descending), on_done=done)

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
        filtered = self.current_filter() != MemberFilter()
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
        if kind not in ("members", "interactions", "memberships", "workspace", "imports", "groups"):
            return
        if not self.isVisible():
            self._stale = True
            return
        if kind == "groups":
            self.refresh()
            return
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
        """The ladder or activity rules were edited: explain the shown member's level again."""
        if self._current_id is not None:
            self.tabs.show_member(self._current_id)

    def show_member(self, member_id: int) -> None:
        """Clear the filters and select this member (from another page)."""
        self._pending_select = member_id
        for combo in (self.tier_filter, self.role_filter, self.group_filter, self.active_filter):
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
