"""The 团购 page: the leader's group buys (团购活动) on the left; on the right, for the chosen one, its
orders (订单), the 接龙 paste and review (接龙) and the summaries and sheets (汇总).

Every read and write runs on the TaskRunner; writes announce ``data_changed("orders" | "campaigns", ids)``
and the page refreshes itself when it is visible (or when next shown).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import CampaignStatus
from desktop.domain.orders import CampaignDetail, CampaignRow
from desktop.ui.dialogs.campaign_editor import CampaignDialog, CampaignEdit
from desktop.ui.labels import campaign_status_name
from desktop.ui.models.rows_model import Column, RowsModel
from desktop.ui.widgets.jielong_review import JielongTab
from desktop.ui.widgets.order_labels import money, when
from desktop.ui.widgets.order_list import OrdersTab
from desktop.ui.widgets.order_summary import SummaryTab
from desktop.ui.widgets.tables import read_only_table
from desktop.workers.tasks import TaskContext, TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.domain.groups import GroupDTO
    from desktop.domain.orders import PickupPointDraft, PickupPointDTO
    from desktop.services.groups import GroupService
    from desktop.services.imports import ImportService
    from desktop.services.members import MemberService
    from desktop.services.order_summaries import OrderSummaryService
    from desktop.services.orders import OrderService

#: what the page listens to
KINDS = ("orders", "campaigns", "imports", "workspace", "members", "groups")


class GroupBuyPage(QWidget):
    status_message = Signal(str)

    def __init__(self, runner: TaskRunner, orders: OrderService, summaries: OrderSummaryService,
                 members: MemberService, groups: GroupService, imports: ImportService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groupBuyPage")
        self._runner = runner
        self._service = orders
        self._groups = groups
        self._stale = True
        self._summary_stale = True
        self._serial = 0
        self._detail_serial = 0
        self.campaign: CampaignDetail | None = None
        self._pending_select: int | None = None
        self._dialog: CampaignDialog | None = None

        self.model: RowsModel[CampaignRow] = RowsModel([
            Column(self.tr("团购活动"), lambda c: c.title, tooltip=lambda c: c.title + (
                "\n" + self.tr("团长 {0}").format(c.leader) if c.leader else "")),
            Column(self.tr("状态"), lambda c: campaign_status_name(c.status), sort_key=lambda c: c.status.value),
            Column(self.tr("截单"), lambda c: c.cutoff_at.strftime("%m-%d") if c.cutoff_at else "",
                   sort_key=lambda c: c.cutoff_at.isoformat() if c.cutoff_at else "", tooltip=lambda c: when(c.cutoff_at) or None),
            Column(self.tr("单数"), lambda c: f"{c.orders:,}", sort_key=lambda c: c.orders, right=True),
            Column(self.tr("金额"), lambda c: money(c.amount_cents), sort_key=lambda c: c.amount_cents, right=True),
        ], self)
        # the title keeps its width; a narrow window scrolls instead
        self.table = read_only_table(self.model, "campaignList")
        for column, width in ((0, 112), (1, 50), (2, 46), (3, 40), (4, 74)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._campaign_chosen())
        self.table.doubleClicked.connect(lambda _i: self.edit_campaign())

        self.new_button = QPushButton(self.tr("新建团购…"))
        self.new_button.setObjectName("newCampaign")
        self.new_button.clicked.connect(self.new_campaign)
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.edit_button.setObjectName("editCampaign")
        self.edit_button.clicked.connect(self.edit_campaign)
        self.status_button = QToolButton()
        self.status_button.setObjectName("campaignStatusButton")
        self.status_button.setText(self.tr("状态"))
        self.status_button.setToolTip(self.tr("开团、截单或结算"))
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        status_menu = QMenu(self.status_button)
        self.status_actions = {}
        for status, text in ((CampaignStatus.OPEN, self.tr("开团 (进行中)")), (CampaignStatus.CLOSED, self.tr("截单")),
                             (CampaignStatus.SETTLED, self.tr("结算")), (CampaignStatus.DRAFT, self.tr("改回草稿"))):
            self.status_actions[status] = status_menu.addAction(text, lambda s=status: self.set_status(s))
        self.status_button.setMenu(status_menu)
        self.delete_button = QPushButton(self.tr("删除…"))
        self.delete_button.setObjectName("deleteCampaign")
        self.delete_button.clicked.connect(lambda: self.delete_campaign())
        list_buttons = QHBoxLayout()
        list_buttons.setSpacing(4)
        for button in (self.new_button, self.edit_button, self.status_button, self.delete_button):
            list_buttons.addWidget(button)
        list_buttons.addStretch(1)
        self.list_empty = QLabel(self.tr("还没有团购活动。\n点击“新建团购…”填写商品、截单时间和自提点,\n"
                                         "或用 文件 → 导入 导入快团团 / 群接龙导出的订单。"))
        self.list_empty.setObjectName("campaignsEmpty")
        self.list_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_empty.setWordWrap(True)
        self.list_empty.setStyleSheet("color: #757575;")
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.list_empty)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(list_buttons)
        left_layout.addWidget(self.list_stack, 1)
        left.setMinimumWidth(220)

        self.heading = QLabel()
        self.heading.setObjectName("campaignHeading")
        self.heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.subheading = QLabel()
        self.subheading.setStyleSheet("color: #616161;")
        self.subheading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.orders_tab = OrdersTab(runner, orders, members, self)
        self.jielong_tab = JielongTab(runner, orders, imports, self)
        self.summary_tab = SummaryTab(runner, summaries, self)
        for tab in (self.orders_tab, self.jielong_tab, self.summary_tab):
            tab.status_message.connect(self.status_message)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("groupBuyTabs")
        self.tabs.addTab(self.orders_tab, self.tr("订单"))
        self.tabs.addTab(self.jielong_tab, self.tr("接龙"))
        self.tabs.addTab(self.summary_tab, self.tr("汇总"))
        self.tabs.currentChanged.connect(self._tab_changed)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.subheading)
        right_layout.addWidget(self.tabs, 1)
        self.detail_empty = QLabel(self.tr("在左边选择一个团购活动, 查看订单、粘贴接龙、导出供货单和自提单。"))
        self.detail_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_empty.setWordWrap(True)
        self.detail_empty.setStyleSheet("color: #757575;")
        self.detail = QStackedWidget()
        self.detail.addWidget(self.detail_empty)
        self.detail.addWidget(right)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([360, 1000])  # the list's five columns without scrolling
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.splitter)
        runner.data_changed.connect(self._data_changed)
        self._update_buttons()

    # ------------------------------------------------------------------ data
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        service = self._service
        self._serial += 1
        serial = self._serial

        def done(rows: list[CampaignRow]) -> None:
            if serial == self._serial:
                self._show_campaigns(rows)

        self._runner.run(lambda _ctx: service.campaigns(), on_done=done, owner=self)

    def _show_campaigns(self, rows: list[CampaignRow]) -> None:
        current = self._pending_select or (self.campaign.id if self.campaign else None)
        self._pending_select = None
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        self.table.selectionModel().blockSignals(False)
        self.list_stack.setCurrentWidget(self.table if rows else self.list_empty)
        ids = [r.id for r in rows]
        if current not in ids:
            current = ids[0] if ids else None
        if current is not None:
            self.select_campaign(current)
        else:
            self._campaign_chosen()

    def select_campaign(self, campaign_id: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == campaign_id:
                self.table.selectionModel().select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(self.model.index(row, 0))
                if self.campaign is None or self.campaign.id != campaign_id:
                    self._campaign_chosen()
                else:
                    self._load_detail(campaign_id)
                return

    def current_row(self) -> CampaignRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _campaign_chosen(self) -> None:
        row = self.current_row()
        self._update_buttons()
        if row is None:
            self._set_campaign(None)
            return
        self._load_detail(row.id)

    def _load_detail(self, campaign_id: int) -> None:
        service = self._service
        self._detail_serial += 1
        serial = self._detail_serial

        def done(detail: CampaignDetail) -> None:
            if serial == self._detail_serial:
                self._set_campaign(detail)

        self._runner.run(lambda _ctx: service.campaign(campaign_id), on_done=done,
                         on_error=lambda exc: self.status_message.emit(error_message(exc)), owner=self)

    def _set_campaign(self, detail: CampaignDetail | None) -> None:
        self.campaign = detail
        self.detail.setCurrentIndex(1 if detail else 0)
        if detail is not None:
            row = self.current_row()
            self.heading.setText(detail.title)
            parts = [campaign_status_name(detail.status)]
            if detail.leader:
                parts.append(self.tr("团长 {0}").format(detail.leader))
            if detail.cutoff_at:
                parts.append(self.tr("截单 {0}").format(detail.cutoff_at.strftime("%Y-%m-%d %H:%M")))
            parts.append(self.tr("{0} 个商品 · {1} 个自提点").format(len(detail.products), len(detail.pickup_points)))
            if row is not None and row.id == detail.id:
                parts.append(self.tr("{0} 单 · {1} 人 · {2}").format(row.orders, row.buyers, money(row.amount_cents)))
            self.subheading.setText(" · ".join(parts))
            self.subheading.setToolTip(" · ".join(parts))
            self.heading.setToolTip(detail.title)
        self.orders_tab.set_campaign(detail)
        self.jielong_tab.set_campaign(detail)
        self._summary_stale = True
        if self.tabs.currentWidget() is self.summary_tab:
            self._refresh_summary()
        self._update_buttons()

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.summary_tab and self._summary_stale:
            self._refresh_summary()

    def _refresh_summary(self) -> None:
        self._summary_stale = False
        self.summary_tab.set_campaign(self.campaign)

    def _data_changed(self, kind: str, ids: list) -> None:
        if kind not in KINDS:
            return
        # the orders table's cached rows go stale whatever the kind (a product renamed, an import that
        # updated orders, a member renamed) and whether or not the page shows; the ids are read again
        # once, by the refresh below (or when the page is next shown) through set_campaign
        self.orders_tab.model.invalidate(ids if kind == "orders" and ids else None)
        if not self.isVisible():
            self._stale = True
            return
        self._summary_stale = True
        self.refresh()  # order counts and amounts in the list; the detail is read again

    def _update_buttons(self) -> None:
        row = self.current_row()
        for button in (self.edit_button, self.status_button, self.delete_button):
            button.setEnabled(row is not None)
        for status, action in self.status_actions.items():
            action.setEnabled(row is not None and row.status is not status)

    # ------------------------------------------------------------------ campaign writes
    def new_campaign(self) -> None:
        self._open_editor(None)

    def edit_campaign(self) -> None:
        """Edit the campaign chosen in the list (``self.campaign`` may still be the one chosen before)."""
        row = self.current_row()
        if row is not None:
            self._open_editor(row.id)

    def _open_editor(self, campaign_id: int | None) -> None:
        groups, orders = self._groups, self._service

        def read(_ctx: TaskContext) -> tuple[list[GroupDTO], list[PickupPointDTO], CampaignDetail | None]:
            detail = orders.campaign(campaign_id) if campaign_id is not None else None
            return groups.list_groups(), orders.pickup_points(), detail

        def show(found: tuple[list[GroupDTO], list[PickupPointDTO], CampaignDetail | None]) -> None:
            if self._dialog is not None:  # asked twice before the first read came back
                return
            self._dialog = CampaignDialog(found[0], found[1], found[2], self._save, self,
                                          update_point=self._update_point, delete_point=self._delete_point)
            self._dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._dialog.finished.connect(lambda _r: setattr(self, "_dialog", None))
            self._dialog.open()

        self._runner.run(read, on_done=show, on_error=lambda exc: self.status_message.emit(error_message(exc)),
                         owner=self)

    def _save(self, edit: CampaignEdit) -> None:
        dialog, service = self._dialog, self._service

        def done(detail: CampaignDetail) -> None:
            if dialog is not None:
                dialog.accept()
            self._pending_select = detail.id
            self.status_message.emit(self.tr("已保存团购“{0}”").format(detail.title))

        def failed(exc: BaseException) -> None:
            if dialog is not None:
                dialog.failed(error_message(exc), getattr(exc, "field", None), getattr(exc, "product_ids", ()))

        self._runner.run(lambda _ctx: service.save_campaign(edit.campaign_id, edit.draft, edit.products,
                                                            edit.removed_products, edit.new_points),
                         on_done=done, on_error=failed, changes="campaigns", changed_ids=lambda d: [d.id],
                         owner=dialog)

    def _update_point(self, point_id: int, draft: PickupPointDraft) -> None:
        """A pickup point edited in the campaign dialog: saved at once; orders show its new name."""
        dialog, service = self._dialog, self._service
        if dialog is None:
            return

        def done(point: PickupPointDTO) -> None:
            dialog.point_saved(point)
            self.status_message.emit(self.tr("已保存自提点“{0}”").format(point.name))

        self._runner.run(lambda _ctx: service.update_pickup_point(point_id, draft), on_done=done,
                         on_error=lambda exc: dialog.point_failed(error_message(exc), getattr(exc, "field", None)),
                         changes="orders", changed_ids=lambda _p: [], owner=dialog)

    def _delete_point(self, point_id: int) -> None:
        dialog, service = self._dialog, self._service
        if dialog is None:
            return
        self._runner.run(lambda _ctx: service.delete_pickup_point(point_id),
                         on_done=lambda _n: dialog.point_deleted(point_id),
                         on_error=lambda exc: dialog.point_failed(error_message(exc), getattr(exc, "field", None)),
                         changes="campaigns", changed_ids=lambda _n: [], owner=dialog)

    def set_status(self, status: CampaignStatus) -> None:
        row, service = self.current_row(), self._service
        if row is None:
            return
        self._runner.run(lambda _ctx: service.set_campaign_status(row.id, status), changes="campaigns",
                         changed_ids=lambda _n: [row.id],
                         on_done=lambda _n: self.status_message.emit(self.tr("“{0}”已改为{1}").format(
                             row.title, campaign_status_name(status))))

    def delete_campaign(self, *, confirm: bool = True) -> None:
        row, service = self.current_row(), self._service
        if row is None:
            return
        if confirm:
            text = self.tr("删除团购“{0}”以及它的商品和 {1} 笔订单? 此操作不能撤销。").format(row.title, row.orders) \
                if row.orders else self.tr("删除团购“{0}”及其商品? 它还没有订单。").format(row.title)
            answer = QMessageBox.question(self, self.tr("删除团购"), text,
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._runner.run(lambda _ctx: service.delete_campaign(row.id), changes="campaigns",
                         changed_ids=lambda _n: [row.id],
                         on_done=lambda n: self.status_message.emit(self.tr("已删除团购“{0}”和 {1} 笔订单").format(
                             row.title, n)))
