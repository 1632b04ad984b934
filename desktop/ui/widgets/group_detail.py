"""The detail of one group: the editable overview plus members, interactions and orders tabs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.group_detail import (
    ActivitySummary,
    GroupInteractionRow,
    GroupMemberRow,
    GroupOrderRow,
    yuan,
)
from desktop.ui.labels import (
    fulfilment_name,
    interaction_name,
    payment_name,
    role_name,
    tier_name,
)
from desktop.ui.models.rows_model import Column, RowsModel
from desktop.ui.widgets.activity_bars import ActivityBars
from desktop.workers.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.services.broadcasts import BroadcastService
    from desktop.services.channels import ChannelService
    from desktop.services.group_detail import GroupDetailService
    from desktop.ui.widgets.group_robots import GroupRobotsTab


def _date(value) -> str:  # type: ignore[no-untyped-def]
    return value.isoformat() if value else ""


def _time(value) -> str:  # type: ignore[no-untyped-def]
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSortIndicatorShown(False)
    return view


class GroupDetailTabs(QTabWidget):
    """Tabs refilled on a worker whenever another group is shown; late answers for a group no
    longer shown are dropped."""

    #: the operator wants to paste this group's member list
    paste_requested = Signal(int)

    def __init__(self, runner: TaskRunner, service: GroupDetailService, overview: QWidget,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groupDetail")
        self._runner = runner
        self._service = service
        self._group_id: int | None = None

        self.activity = ActivityBars()
        self.activity_label = QLabel()
        self.activity_label.setWordWrap(True)
        box = QGroupBox(self.tr("最近 30 天"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.activity)
        box_layout.addWidget(self.activity_label)
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(box)
        page_layout.addWidget(overview, 1)
        self.addTab(page, self.tr("概览"))

        self.members_model: RowsModel[GroupMemberRow] = RowsModel([
            Column(self.tr("昵称"), lambda r: r.group_nickname or r.nickname),
            Column(self.tr("角色"), lambda r: role_name(r.role) + (self.tr(" · 管理员") if r.is_admin else "")),
            Column(self.tr("客户等级"), lambda r: tier_name(r.tier)),
            Column(self.tr("进群"), lambda r: _date(r.joined_on), lambda r: r.joined_on.toordinal() if r.joined_on else 0),
            Column(self.tr("退群"), lambda r: _date(r.left_on), lambda r: r.left_on.toordinal() if r.left_on else 0),
        ], self)
        self.interactions_model: RowsModel[GroupInteractionRow] = RowsModel([
            Column(self.tr("时间"), lambda r: _time(r.occurred_at), lambda r: r.occurred_at),
            Column(self.tr("成员"), lambda r: r.member),
            Column(self.tr("类型"), lambda r: interaction_name(r.kind)),
            Column(self.tr("金额"), lambda r: yuan(r.amount_cents), lambda r: r.amount_cents or 0, right=True),
            Column(self.tr("摘要"), lambda r: r.summary, tooltip=lambda r: r.summary or None),
        ], self)
        self.orders_model: RowsModel[GroupOrderRow] = RowsModel([
            Column(self.tr("下单时间"), lambda r: _time(r.placed_at), lambda r: r.placed_at),
            Column(self.tr("订单号"), lambda r: r.external_no),
            Column(self.tr("下单人"), lambda r: r.buyer),
            Column(self.tr("金额"), lambda r: yuan(r.amount_cents), lambda r: r.amount_cents, right=True),
            Column(self.tr("付款"), lambda r: payment_name(r.payment_status)),
            Column(self.tr("提货"), lambda r: fulfilment_name(r.fulfilment_status)),
            Column(self.tr("团购"), lambda r: r.campaign),
        ], self)
        self.members_view = _table(self.members_model)
        self.interactions_view = _table(self.interactions_model)
        self.orders_view = _table(self.orders_model)
        self.paste_button = QPushButton(self.tr("粘贴成员名单…"))
        self.paste_button.setObjectName("pasteMembers")
        self.paste_button.setToolTip(self.tr("粘贴群里现在的成员名单, 自动记录进群和退群"))
        self.paste_button.clicked.connect(lambda: self._group_id is not None and self.paste_requested.emit(self._group_id))
        members_tab = QWidget()
        members_layout = QVBoxLayout(members_tab)
        members_layout.setContentsMargins(0, 4, 0, 0)
        paste_row = QHBoxLayout()
        paste_row.addStretch(1)
        paste_row.addWidget(self.paste_button)
        members_layout.addLayout(paste_row)
        members_layout.addWidget(self.members_view, 1)
        self.addTab(members_tab, self.tr("成员"))
        self.addTab(self.interactions_view, self.tr("互动"))
        self.addTab(self.orders_view, self.tr("订单"))

        self.robots_tab: GroupRobotsTab | None = None

    def add_robots_tab(self, channels: ChannelService, broadcasts: BroadcastService | None = None) -> GroupRobotsTab:
        """The 机器人 tab (the group's webhook robots and its broadcast history), once broadcasts exist."""
        from desktop.ui.widgets.group_robots import GroupRobotsTab

        self.robots_tab = GroupRobotsTab(self._runner, channels, broadcasts)
        self.addTab(self.robots_tab, self.tr("机器人"))
        self.robots_tab.show_group(self._group_id)
        return self.robots_tab

    @property
    def group_id(self) -> int | None:
        return self._group_id

    def show_group(self, group_id: int | None) -> None:
        if group_id == self._group_id:
            return
        self._group_id = group_id
        for model in (self.members_model, self.interactions_model, self.orders_model):
            model.set_rows([])
        self.activity.set_summary(None)
        self.activity_label.clear()
        self._set_counts(None, None, None)
        if self.robots_tab is not None:
            self.robots_tab.show_group(group_id)
        if group_id is not None:
            self.reload()

    def reload(self) -> None:
        group_id = self._group_id
        if group_id is None:
            return
        service = self._service

        def load(_ctx):  # type: ignore[no-untyped-def]
            return (service.activity(group_id), service.members(group_id), service.interactions(group_id),
                    service.orders(group_id))

        self._runner.run(load, on_done=lambda result: self._loaded(group_id, *result))

    def _loaded(self, group_id: int, activity: ActivitySummary, members, interactions, orders) -> None:  # type: ignore[no-untyped-def]
        if group_id != self._group_id:
            return  # the user has moved on to another group
        self.activity.set_summary(activity)
        self.activity_label.setText(self.tr("消息 {0} · 进群 {1} · 退群 {2} · 单日最多 {3} 人发言").format(
            activity.messages, activity.joins, activity.leaves, activity.peak_active))
        self.members_model.set_rows(members[0])
        self.interactions_model.set_rows(interactions[0])
        self.orders_model.set_rows(orders[0])
        for view in (self.members_view, self.interactions_view, self.orders_view):
            view.resizeColumnsToContents()
        self._set_counts(members[1], interactions[1], orders[1])

    def _set_counts(self, members: int | None, interactions: int | None, orders: int | None) -> None:
        for index, (name, count) in enumerate(
            ((self.tr("成员"), members), (self.tr("互动"), interactions), (self.tr("订单"), orders)), start=1
        ):
            self.setTabText(index, name if count is None else f"{name} ({count:,})")
