"""Two review dialogs of the Members page: likely duplicates (merge, undo) and tier suggestions."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.activity import TierRules
from desktop.domain.members import DuplicateSet, MemberDTO, MemberMergeResult, TierSuggestion
from desktop.ui.labels import tier_name
from desktop.ui.models.rows_model import Column, RowsModel
from desktop.workers.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.services.members import MemberService


class DuplicatesDialog(QDialog):
    """Sets of members that look like one person, side by side; merge into the chosen survivor."""

    merged = Signal(object)  # MemberMergeResult

    def __init__(self, runner: TaskRunner, members: MemberService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("查找重复成员"))
        self.resize(980, 560)
        self._runner = runner
        self._members = members
        self._sets: list[DuplicateSet] = []
        self.last_merge: MemberMergeResult | None = None
        self.sets = QListWidget()
        self.sets.setObjectName("duplicateSets")
        self.sets.currentRowChanged.connect(self._set_chosen)
        self.people: RowsModel[MemberDTO] = RowsModel([
            Column(self.tr("昵称"), lambda m: m.nickname),
            Column(self.tr("姓名"), lambda m: m.name),
            Column(self.tr("手机"), lambda m: m.phone or ""),
            Column(self.tr("微信号"), lambda m: m.wechat_id or ""),
            Column(self.tr("等级"), lambda m: tier_name(m.tier)),
            Column(self.tr("群数"), lambda m: str(m.group_count), lambda m: m.group_count, right=True),
            Column(self.tr("最近互动"), lambda m: str(m.last_active or "")),
            Column(self.tr("建档"), lambda m: m.created_at.strftime("%Y-%m-%d"), lambda m: m.created_at),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.people)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.status = QLabel(self.tr("正在查找…"))
        self.status.setWordWrap(True)
        self.merge_button = QPushButton(self.tr("合并到所选成员"))
        self.merge_button.setObjectName("mergeMembers")
        self.merge_button.setToolTip(self.tr("其他成员的群、互动、订单和推荐关系都移到所选成员名下"))
        self.merge_button.clicked.connect(self.merge)
        self.undo_button = QPushButton(self.tr("撤销上次合并"))
        self.undo_button.setObjectName("undoMerge")
        self.undo_button.clicked.connect(self.undo)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("选中要保留的那一位, 再点“合并到所选成员”:")))
        right_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.sets)
        splitter.addWidget(right)
        splitter.setSizes([280, 700])
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def refresh(self) -> None:
        members = self._members
        self.status.setText(self.tr("正在查找…"))
        self._runner.run(lambda _ctx: members.find_duplicates(), on_done=self._show_sets,
                         on_error=lambda exc: self.status.setText(error_message(exc)),
                         title=self.tr("正在查找重复成员…"), parent=self)

    def _show_sets(self, sets: list[DuplicateSet]) -> None:
        self._sets = sets
        self.sets.clear()
        reasons = {"phone": self.tr("同一手机号"), "wechat_id": self.tr("同一微信号"), "nickname": self.tr("同群同昵称")}
        for found in sets:
            self.sets.addItem(QListWidgetItem(self.tr("{0}: {1} ({2} 人)").format(
                reasons.get(found.reason, found.reason), found.key, len(found.member_ids))))
        self.status.setText(self.tr("找到 {0} 组可能重复的成员").format(len(sets)) if sets
                            else self.tr("没有找到可能重复的成员。"))
        if sets:
            self.sets.setCurrentRow(0)
        else:
            self.people.set_rows([])
        self._update_buttons()

    def _set_chosen(self, row: int) -> None:
        if not 0 <= row < len(self._sets):
            self.people.set_rows([])
            return
        ids = list(self._sets[row].member_ids)
        members = self._members
        self._runner.run(lambda _ctx: members.rows(ids), on_done=self._show_people, owner=self)

    def _show_people(self, people: list[MemberDTO]) -> None:
        self.people.set_rows(people)
        if people:  # suggest the one in most groups as the survivor
            best = max(range(len(people)), key=lambda i: (people[i].group_count, -people[i].id))
            self.table.selectRow(best)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.merge_button.setEnabled(len(self.table.selectionModel().selectedRows()) == 1
                                     and self.people.rowCount() > 1)
        self.undo_button.setEnabled(self.last_merge is not None)

    def merge(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1:
            return
        survivor = self.people.row_at(rows[0].row())
        others = [self.people.row_at(r).id for r in range(self.people.rowCount()) if r != rows[0].row()]
        members = self._members

        def done(result: MemberMergeResult) -> None:
            self.last_merge = result
            self.status.setText(self.tr("已把 {0} 位成员合并到“{1}”, 可撤销").format(len(others), survivor.nickname))
            self.merged.emit(result)
            self.refresh()

        self._runner.run(lambda _ctx: members.merge_members(survivor.id, others), on_done=done,
                         on_error=lambda exc: QMessageBox.warning(self, self.tr("合并成员"), error_message(exc)),
                         changes="members", changed_ids=lambda r: [r.survivor_id, *r.merged_ids], owner=self)

    def undo(self) -> None:
        result = self.last_merge
        if result is None:
            return
        members = self._members

        def done(_none: None) -> None:
            self.last_merge = None
            self.status.setText(self.tr("已撤销合并"))
            self.refresh()

        self._runner.run(lambda _ctx: members.undo_merge(result.undo_token), on_done=done,
                         on_error=lambda exc: QMessageBox.warning(self, self.tr("撤销合并"), error_message(exc)),
                         changes="members", changed_ids=lambda _n: [result.survivor_id, *result.merged_ids],
                         owner=self)


class TierSuggestionsDialog(QDialog):
    """Who the ladder rules would move up, with a tick each; apply the ticked ones in bulk."""

    def __init__(self, runner: TaskRunner, members: MemberService, rules: TierRules,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("客户等级建议"))
        self._rules = rules
        self.resize(760, 520)
        self._runner = runner
        self._members = members
        self._suggestions: list[TierSuggestion] = []
        self.tree = QTreeWidget()
        self.tree.setObjectName("tierSuggestions")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("成员"), self.tr("现在"), self.tr("建议"), self.tr("依据")])
        self.tree.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.status = QLabel(self.tr("正在计算…"))
        self.apply_button = QPushButton(self.tr("应用勾选的建议"))
        self.apply_button.setObjectName("applySuggestions")
        self.apply_button.clicked.connect(self.apply)
        self.all_button = QPushButton(self.tr("全选"))
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button = QPushButton(self.tr("全不选"))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.all_button, self.none_button, self.apply_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        off = self.tr("不用")
        layout.addWidget(QLabel(self.tr(
            "规则: 发言达到 {0} 次 → 粉丝; 付款订单达到 {1} 笔 → 会员; 推荐达到 {2} 人 → 合伙人候选。"
            "只会往上调, 调整原因记入等级历史。规则可在 设置 → 客户阶梯与活跃度规则 里修改。").format(
            rules.interactions_for_fan or off, rules.paid_orders_for_member or off, rules.referrals_for_partner or off)))
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        members = self._members
        self.status.setText(self.tr("正在计算…"))
        rules = self._rules
        self._runner.run(lambda _ctx: members.tier_suggestions(rules), on_done=self._show,
                         on_error=lambda exc: self.status.setText(error_message(exc)),
                         title=self.tr("正在计算等级建议…"), parent=self)

    def _show(self, suggestions: list[TierSuggestion]) -> None:
        self._suggestions = suggestions
        self.tree.clear()
        for index, suggestion in enumerate(suggestions):
            item = QTreeWidgetItem([suggestion.nickname, tier_name(suggestion.current),
                                    tier_name(suggestion.suggested), suggestion.reason])
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            self.tree.addTopLevelItem(item)
        self.status.setText(self.tr("{0} 条建议").format(len(suggestions)) if suggestions
                            else self.tr("目前没有需要调整等级的成员。"))
        self.apply_button.setEnabled(bool(suggestions))

    def _tick_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for i in range(self.tree.topLevelItemCount()):
            self.tree.topLevelItem(i).setCheckState(0, state)

    def ticked(self) -> list[TierSuggestion]:
        return [self._suggestions[self.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)]
                for i in range(self.tree.topLevelItemCount())
                if self.tree.topLevelItem(i).checkState(0) == Qt.CheckState.Checked]

    def apply(self) -> None:
        chosen = self.ticked()
        if not chosen:
            return
        batches: dict[tuple[Any, str], list[int]] = defaultdict(list)
        for suggestion in chosen:
            batches[(suggestion.suggested, suggestion.reason)].append(suggestion.member_id)
        members = self._members
        prefix = self.tr("等级建议: ")

        def write(_ctx: object) -> int:
            return sum(members.set_tier(ids, tier, prefix + reason) for (tier, reason), ids in batches.items())

        self._runner.run(write, on_done=lambda n: (self.status.setText(self.tr("已调整 {0} 位成员的等级").format(n)),
                                                   self.refresh()),
                         on_error=lambda exc: QMessageBox.warning(self, self.tr("等级建议"), error_message(exc)),
                         changes="members", changed_ids=lambda _n: [s.member_id for s in chosen], owner=self)
