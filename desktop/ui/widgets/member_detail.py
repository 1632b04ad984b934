"""One member in tabs: profile (editable), groups, timeline, referrals, tier history and activity."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.activity import LEVEL_NAMES, ActivityAssessment, ActivityParams, explain
from desktop.domain.enums import InteractionKind, PaymentStatus
from desktop.domain.group_detail import yuan
from desktop.domain.members import MemberDetail, MembershipDTO, TierChange, TimelineEntry
from desktop.ui.labels import interaction_name, payment_name, role_name, tier_name
from desktop.ui.models.rows_model import Column, RowsModel
from desktop.workers.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.services.members import MemberService


def _table(model: RowsModel) -> QTableView:  # type: ignore[type-arg]
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(24)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setResizeContentsPrecision(200)  # fitting columns looks at the first rows only
    model.modelReset.connect(view.resizeColumnsToContents)
    return view


def _entry_kind(entry: TimelineEntry) -> str:
    if entry.source == "order":
        try:
            return payment_name(PaymentStatus(entry.kind))
        except ValueError:
            return entry.kind
    try:
        return interaction_name(InteractionKind(entry.kind))
    except ValueError:
        return entry.kind


class MemberDetailTabs(QTabWidget):
    """The profile tab is the editor the page hands in; the others are read from ``detail()``."""

    def __init__(self, runner: TaskRunner, members: MemberService, profile: QWidget,
                 params: Callable[[], ActivityParams] = ActivityParams, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._params = params
        self._runner = runner
        self._members = members
        self._member_id: int | None = None
        self._serial = 0
        self.addTab(profile, self.tr("资料"))

        self.memberships: RowsModel[MembershipDTO] = RowsModel([
            Column(self.tr("群"), lambda m: m.group_name),
            Column(self.tr("角色"), lambda m: role_name(m.role) + (self.tr(" · 管理员") if m.is_admin else "")),
            Column(self.tr("入群"), lambda m: str(m.joined_on or ""), lambda m: m.joined_on.isoformat() if m.joined_on else ""),
            Column(self.tr("退群"), lambda m: str(m.left_on or ""), lambda m: m.left_on.isoformat() if m.left_on else ""),
            Column(self.tr("群昵称"), lambda m: m.group_nickname),
        ], self)
        self.addTab(_table(self.memberships), self.tr("所在群"))

        self.timeline: RowsModel[TimelineEntry] = RowsModel([
            Column(self.tr("时间"), lambda e: e.at.strftime("%Y-%m-%d %H:%M"), lambda e: e.at),
            Column(self.tr("类型"), _entry_kind),
            Column(self.tr("群"), lambda e: e.group_name),
            Column(self.tr("金额"), lambda e: yuan(e.amount_cents) if e.amount_cents is not None else "",
                   lambda e: e.amount_cents or 0, right=True),
            Column(self.tr("内容"), lambda e: e.summary, tooltip=lambda e: e.summary or None),
        ], self)
        timeline_tab = QWidget()
        timeline_layout = QVBoxLayout(timeline_tab)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        self.timeline_note = QLabel()
        self.timeline_note.setStyleSheet("color: #757575;")
        timeline_layout.addWidget(self.timeline_note)
        timeline_layout.addWidget(_table(self.timeline), 1)
        self.addTab(timeline_tab, self.tr("时间线"))

        self.referrals = QTreeWidget()
        self.referrals.setObjectName("referralTree")
        self.referrals.setHeaderLabels([self.tr("成员"), self.tr("代")])
        self.referrals.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.referrals.header().setStretchLastSection(False)
        self.addTab(self.referrals, self.tr("推荐关系"))

        self.tiers: RowsModel[TierChange] = RowsModel([
            Column(self.tr("时间"), lambda t: t.at.strftime("%Y-%m-%d %H:%M"), lambda t: t.at),
            Column(self.tr("从"), lambda t: tier_name(t.old)),
            Column(self.tr("到"), lambda t: tier_name(t.new)),
            Column(self.tr("原因"), lambda t: t.reason),
        ], self)
        ladder = QWidget()
        ladder_layout = QVBoxLayout(ladder)
        ladder_layout.setContentsMargins(0, 4, 0, 0)
        self.activity_label = QLabel()
        self.activity_label.setObjectName("activityExplanation")
        self.activity_label.setWordWrap(True)
        ladder_layout.addWidget(self.activity_label)
        ladder_layout.addWidget(QLabel(self.tr("等级变化")))
        ladder_layout.addWidget(_table(self.tiers), 1)
        self.addTab(ladder, self.tr("等级与活跃度"))

    def show_member(self, member_id: int | None) -> None:
        """Read the member's groups, timeline, referrals, history and activity on a worker."""
        self._member_id = member_id
        self._serial += 1
        serial = self._serial
        if member_id is None:
            self._fill(None, None)
            return
        members, params = self._members, self._params()

        def read(_ctx: object) -> tuple[MemberDetail, ActivityAssessment]:
            return members.detail(member_id), members.activity(member_id, params=params)

        def done(result: tuple[MemberDetail, ActivityAssessment]) -> None:
            if serial == self._serial:  # the operator may have moved on meanwhile
                self._fill(*result)

        self._runner.run(read, on_done=done, on_error=lambda _exc: None)

    def _fill(self, detail: MemberDetail | None, activity: ActivityAssessment | None) -> None:
        self.memberships.set_rows(detail.memberships if detail else [])
        self.timeline.set_rows(detail.timeline if detail else [])
        self.tiers.set_rows(detail.tier_history if detail else [])
        if detail is not None and detail.timeline_total > len(detail.timeline):
            self.timeline_note.setText(self.tr("显示最近 {0} 条, 共 {1} 条").format(
                len(detail.timeline), detail.timeline_total))
        else:
            self.timeline_note.setText(self.tr("共 {0} 条互动和订单").format(detail.timeline_total if detail else 0))
        self.referrals.clear()
        if detail is not None:
            self._fill_referrals(detail)
        if activity is None:
            self.activity_label.clear()
        elif activity.staff:
            self.activity_label.setText(self.tr("群管理员和工作人员不参与活跃度分级。"))
        else:
            level = LEVEL_NAMES.get(activity.level, "") if activity.level is not None else ""
            reasons = "<br>".join(f"· {line}" for line in explain(activity))
            self.activity_label.setText(self.tr("<b>活跃度: {0}</b><br>{1}").format(level, reasons))

    def _fill_referrals(self, detail: MemberDetail) -> None:
        up = QTreeWidgetItem([self.tr("邀请了 TA 的人 ({0})").format(len(detail.referred_by)), ""])
        for node in detail.referred_by:
            up.addChild(QTreeWidgetItem([node.nickname, str(node.generation)]))
        generations = detail.referral_generations
        summary = "、".join(self.tr("第{0}代 {1} 人").format(g, n) for g, n in sorted(generations.items()))
        down = QTreeWidgetItem([self.tr("TA 邀请的人 ({0}) {1}").format(len(detail.referrals), summary), ""])
        items = {detail.member.id: down}
        for node in sorted(detail.referrals, key=lambda n: n.generation):
            parent = items.get(node.referrer_id or -1, down)
            item = QTreeWidgetItem([node.nickname, str(node.generation)])
            parent.addChild(item)
            items[node.id] = item
        self.referrals.addTopLevelItem(up)
        self.referrals.addTopLevelItem(down)
        up.setExpanded(True)
        down.setExpanded(True)
