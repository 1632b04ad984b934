"""The 订单 tab of the group-buy page: a campaign's orders over a LazyTableModel (filtered and sorted in
SQL), bulk 标记已付款 / 标记已取货 / 取消, an edit dialog (double-click or Enter on a row), and a one-line
quick entry at the bottom:
member (completes), "脐橙×2 苹果×1", pickup point, Enter saves. A typed name is matched to a member as a
接龙 line is (a new name becomes a member; a nickname several members share is left for a pick)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import FulfilmentStatus, PaymentStatus
from desktop.domain.errors import ValidationError
from desktop.domain.orders import (
    CampaignDetail,
    GroupChoice,
    OrderDetail,
    OrderDraft,
    OrderFilter,
    OrderRow,
    OrderSort,
)
from desktop.ui.dialogs.order_editor import MemberSuggester, OrderDialog
from desktop.ui.labels import fulfilment_name, payment_name
from desktop.ui.models.lazy_model import LazyTableModel
from desktop.ui.models.rows_model import Column
from desktop.ui.styles import INVALID_STYLE, error_label
from desktop.ui.widgets.order_labels import money, parse_items, when
from desktop.ui.widgets.quick_entry import (
    SUGGESTIONS,
    SuggestEdit,
    Suggestion,
    describe_member,
    find_members,
)
from desktop.ui.widgets.tables import read_only_table
from desktop.workers.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.services.members import MemberService
    from desktop.services.orders import OrderService

SEARCH_DELAY_MS = 250


class OrdersTab(QWidget):
    status_message = Signal(str)

    def __init__(self, runner: TaskRunner, orders: OrderService, members: MemberService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = orders
        self._members = members
        self.campaign: CampaignDetail | None = None
        self._serial = 0
        self._saving = False  # a quick-entry order is being saved: Enter must not save it again
        self._dialog: OrderDialog | None = None
        self._sort = (OrderSort.SEQ, False)
        self._sort_keys = [OrderSort.SEQ, OrderSort.BUYER, None, None, OrderSort.AMOUNT, None, None,
                           OrderSort.PICKUP, OrderSort.PLACED]
        self.model: LazyTableModel[OrderRow] = LazyTableModel([
            Column(self.tr("号"), lambda o: str(o.seq) if o.seq is not None else (o.external_no or f"#{o.id}")),
            Column(self.tr("下单人"), lambda o: o.buyer_name, tooltip=lambda o: o.buyer_phone or None),
            Column(self.tr("商品"), lambda o: o.items_text, tooltip=lambda o: o.items_text),
            Column(self.tr("件数"), lambda o: str(o.quantity), right=True),
            Column(self.tr("金额"), lambda o: money(o.amount_cents), right=True,
                   tooltip=lambda o: self.tr("已退款 {0}").format(money(o.refund_cents)) if o.refund_cents else None),
            Column(self.tr("付款"), lambda o: payment_name(o.payment_status)),
            Column(self.tr("提货"), lambda o: fulfilment_name(o.fulfilment_status)),
            Column(self.tr("自提点"), lambda o: o.pickup_point_name, tooltip=lambda o: o.pickup_point_name or None),
            Column(self.tr("下单时间"), lambda o: when(o.placed_at)),
        ], orders.rows, lambda o: o.id, runner, self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self._build()
        self.model.sort_requested.connect(self._sort_requested)  # after the header's initial indicator

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("orderSearch")
        self.search.setPlaceholderText(self.tr("搜索下单人、电话、单号、备注、地址"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.payment_filter = QComboBox()
        self.payment_filter.setObjectName("orderPaymentFilter")
        self.payment_filter.addItem(self.tr("全部付款状态"), None)
        for status in PaymentStatus:
            self.payment_filter.addItem(payment_name(status), status.value)
        self.fulfilment_filter = QComboBox()
        self.fulfilment_filter.setObjectName("orderFulfilmentFilter")
        self.fulfilment_filter.addItem(self.tr("全部提货状态"), None)
        for fulfilment in FulfilmentStatus:
            self.fulfilment_filter.addItem(fulfilment_name(fulfilment), fulfilment.value)
        self.pickup_filter = QComboBox()
        self.pickup_filter.setObjectName("orderPickupFilter")
        self.pickup_filter.addItem(self.tr("全部自提点"), None)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for combo in (self.payment_filter, self.fulfilment_filter, self.pickup_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
            combo.currentIndexChanged.connect(self.reload)
            filters.addWidget(combo, 1)

        self.table = read_only_table(self.model, "ordersTable", multi=True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        for column, width in enumerate((64, 90, 190, 44, 80, 60, 60, 110, 90)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.installEventFilter(self)  # Enter on a row opens the editor
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.empty_label = QLabel()
        self.empty_label.setObjectName("ordersEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #757575;")
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty_label)

        self.paid_button = QPushButton(self.tr("标记已付款"))
        self.paid_button.setObjectName("markPaid")
        self.paid_button.clicked.connect(lambda: self.mark_payment(PaymentStatus.PAID))
        self.picked_button = QPushButton(self.tr("标记已取货"))
        self.picked_button.setObjectName("markPicked")
        self.picked_button.clicked.connect(lambda: self.mark_fulfilment(FulfilmentStatus.PICKED_UP))
        self.cancel_button = QPushButton(self.tr("取消订单"))
        self.cancel_button.setObjectName("cancelOrders")
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.edit_button.setObjectName("editOrder")
        self.edit_button.clicked.connect(self.edit_selected)
        self.count_label = QLabel()
        self.count_label.setObjectName("orderCount")
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count_label.setMinimumWidth(56)
        bulk = QHBoxLayout()
        bulk.addWidget(self.count_label, 1)
        for button in (self.paid_button, self.picked_button, self.cancel_button, self.edit_button):
            bulk.addWidget(button)

        self.entry_member = SuggestEdit()
        self.entry_member.setObjectName("entryMember")
        self.entry_member.setPlaceholderText(self.tr("快速下单: 下单人"))
        self.entry_member.setToolTip(self.tr("快速下单: 输入下单人 (可用拼音), 再输入商品×数量, 按回车保存"))
        self._suggester = MemberSuggester(self.entry_member,
                                          lambda text, done: self._find_members(text, done, owner=self))
        self.entry_items = QLineEdit()
        self.entry_items.setObjectName("entryItems")
        self.entry_items.setPlaceholderText(self.tr("商品×数量, 如 脐橙×2 苹果×1"))
        self.entry_pickup = QComboBox()
        self.entry_pickup.setObjectName("entryPickup")
        self.entry_pickup.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.entry_pickup.setMinimumContentsLength(4)
        self.entry_button = QPushButton(self.tr("下单"))
        self.entry_button.setObjectName("entrySave")
        self.entry_button.setToolTip(self.tr("保存这笔订单 (Enter)"))
        self.entry_button.clicked.connect(self.save_entry)
        self.entry_member.submitted.connect(self.save_entry)
        self.entry_items.returnPressed.connect(self.save_entry)
        entry = QHBoxLayout()
        entry.addWidget(self.entry_member, 2)
        entry.addWidget(self.entry_items, 3)
        entry.addWidget(self.entry_pickup, 2)
        entry.addWidget(self.entry_button)
        self.entry_error = error_label("entryError", wrap=False)
        self.entry_error.setWordWrap(True)
        self.entry_error.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.table_stack, 1)
        layout.addLayout(bulk)
        layout.addLayout(entry)
        layout.addWidget(self.entry_error)
        self._selection_changed()

    # ------------------------------------------------------------------ campaign and ids
    def set_campaign(self, campaign: CampaignDetail | None) -> None:
        same = campaign is not None and self.campaign is not None and campaign.id == self.campaign.id
        self.campaign = campaign
        for combo in (self.pickup_filter, self.entry_pickup):
            current = combo.currentData() if same else None
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("全部自提点") if combo is self.pickup_filter else self.tr("(自提点)"), None)
            for point in campaign.pickup_points if campaign else ():
                combo.addItem(point.name, point.id)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)
        if campaign is not None and len(campaign.pickup_points) == 1:
            self.entry_pickup.setCurrentIndex(1)
        if not same:
            self.model.set_ids([])
        self.reload()

    def current_filter(self) -> OrderFilter:
        payment, fulfilment, point = (self.payment_filter.currentData(), self.fulfilment_filter.currentData(),
                                      self.pickup_filter.currentData())
        return OrderFilter(
            payment_statuses=frozenset({PaymentStatus(payment)}) if payment else None,
            fulfilment_statuses=frozenset({FulfilmentStatus(fulfilment)}) if fulfilment else None,
            pickup_point_ids=frozenset({point}) if point is not None else None,
            text=self.search.text().strip(),
        )

    def reload(self) -> None:
        self._timer.stop()
        campaign = self.campaign
        self._serial += 1
        serial = self._serial
        if campaign is None:
            self._show_ids([])
            return
        service, order_filter, (sort, descending) = self._service, self.current_filter(), self._sort

        def done(ids: list[int]) -> None:
            if serial == self._serial:
                self._show_ids(ids)

        self._runner.run(lambda _ctx: service.order_ids(campaign.id, order_filter, sort, descending), on_done=done,
                         owner=self)

    def _show_ids(self, ids: list[int]) -> None:
        selected = set(self.selected_ids())
        self.model.set_ids(ids)
        selection = self.table.selectionModel()
        for order_id in selected:
            row = self.model.row_of(order_id)
            if row is not None:
                selection.select(self.model.index(row, 0),
                                 QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        if ids:
            self.table_stack.setCurrentWidget(self.table)
        else:
            if self.campaign is None:
                text = self.tr("在左边选择一个团购活动, 或点击“新建团购…”。")
            elif self.current_filter() != OrderFilter():
                text = self.tr("没有符合筛选条件的订单。试试清除搜索和筛选。")
            else:
                text = self.tr("这个团购还没有订单。\n在下面的快速下单一行输入下单人和“商品×数量”后按回车,\n"
                               "或到“接龙”页粘贴群里的接龙, 或用 文件 → 导入 导入快团团/群接龙导出的订单。")
            self.empty_label.setText(text)
            self.table_stack.setCurrentWidget(self.empty_label)
        self._selection_changed()

    def _sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        key = self._sort_keys[column] if 0 <= column < len(self._sort_keys) else None
        if key is None:  # not sortable in SQL: keep the current order and its indicator
            current = self._sort_keys.index(self._sort[0])
            self.table.horizontalHeader().setSortIndicator(
                current, Qt.SortOrder.DescendingOrder if self._sort[1] else Qt.SortOrder.AscendingOrder)
            return
        self._sort = (key, order == Qt.SortOrder.DescendingOrder)
        self.reload()

    # ------------------------------------------------------------------ selection and bulk
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.id_at(r) for r in rows if r < self.model.rowCount()]

    def _selection_changed(self) -> None:
        count = len(self.selected_ids())
        for button in (self.paid_button, self.picked_button, self.cancel_button):
            button.setEnabled(count > 0)
        self.edit_button.setEnabled(count == 1)
        text = self.tr("共 {0} 单").format(f"{self.model.rowCount():,}")
        if count:
            text += self.tr(" · 已选 {0} 单").format(count)
        self.count_label.setText(text)

    def _bulk(self, job: Any, done_text: str) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        self._runner.run(lambda _ctx: job(ids), changes="orders", changed_ids=lambda _n: ids,
                         on_done=lambda n: self.status_message.emit(done_text.format(n)))

    def mark_payment(self, status: PaymentStatus) -> None:
        service = self._service
        self._bulk(lambda ids: service.set_payment_status(ids, status), self.tr("已把 {0} 单标记为") +
                   payment_name(status))

    def mark_fulfilment(self, status: FulfilmentStatus) -> None:
        service = self._service
        self._bulk(lambda ids: service.set_fulfilment_status(ids, status), self.tr("已把 {0} 单标记为") +
                   fulfilment_name(status))

    def cancel_selected(self, *, confirm: bool = True) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if confirm and QMessageBox.question(
                self, self.tr("取消订单"), self.tr("把选中的 {0} 单标记为已取消? 已取消的订单不计入供货单和金额。")
                .format(len(ids)), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        self.mark_payment(PaymentStatus.CANCELLED)

    # ------------------------------------------------------------------ edit
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier and len(self.selected_ids()) == 1):
            self.edit_selected()
            return True
        return super().eventFilter(watched, event)

    def edit_selected(self) -> None:
        ids, campaign = self.selected_ids(), self.campaign
        if len(ids) != 1 or campaign is None or self._dialog is not None:
            return
        service = self._service

        def read(_ctx: Any) -> tuple[OrderDetail, list[GroupChoice]]:
            return service.order(ids[0]), service.campaign_groups(campaign.id)

        def show(found: tuple[OrderDetail, list[GroupChoice]]) -> None:
            if self._dialog is not None:  # Enter pressed twice before the first read came back
                return
            self._dialog = OrderDialog(campaign, found[0], self._update, self, groups=found[1],
                                       find_members=self._find_members)
            self._dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._dialog.finished.connect(lambda _r: setattr(self, "_dialog", None))
            self._dialog.open()

        self._runner.run(read, on_done=show, on_error=lambda exc: self.status_message.emit(error_message(exc)),
                         owner=self)

    def _find_members(self, text: str, done: Any, *, owner: QObject | None = None) -> None:
        """Members for a buyer field (quick entry's, the order editor's), best first; ``done`` is
        dropped when ``owner`` (default: the open editor) is gone."""
        members, tail = self._members, self.tr("尾号{0}")

        def find(_ctx: Any) -> list[Suggestion]:
            rows = find_members(members, text, None)[0][:SUGGESTIONS]
            return [Suggestion(m.id, m.nickname, describe_member(m, tail)) for m in rows]

        self._runner.run(find, on_done=done, on_error=lambda _exc: None, owner=owner or self._dialog or self)

    def _update(self, order_id: int, draft: OrderDraft) -> None:
        dialog, service = self._dialog, self._service

        def done(_order: OrderDetail) -> None:
            if dialog is not None:
                dialog.accept()
            self.status_message.emit(self.tr("已保存订单 #{0}").format(order_id))

        def failed(exc: BaseException) -> None:
            if dialog is not None:
                dialog.failed(error_message(exc), getattr(exc, "field", None))

        self._runner.run(lambda _ctx: service.update_order(order_id, draft), on_done=done, on_error=failed,
                         changes="orders", changed_ids=lambda _o: [order_id], owner=dialog)

    # ------------------------------------------------------------------ quick entry
    def entry_draft(self) -> OrderDraft:
        campaign = self.campaign
        if campaign is None:
            raise ValidationError(self.tr("请先选择一个团购活动"), None)
        name = self.entry_member.text().strip()
        if not name:
            raise ValidationError(self.tr("请填写下单人"), "buyer_name")
        items = parse_items(self.entry_items.text(), campaign.products)
        return OrderDraft(campaign.id, items, member_id=self.entry_member.picked_id, buyer_name=name,
                          pickup_point_id=self.entry_pickup.currentData()).validated()

    def save_entry(self) -> None:
        if self._saving:  # Enter pressed again before the order came back
            return
        try:
            draft = self.entry_draft()
        except ValidationError as exc:
            self.show_entry_error(str(exc), exc.field)
            return
        service = self._service
        self._saving = True
        self.entry_button.setEnabled(False)

        def done(order: OrderDetail) -> None:
            self._saving = False
            self.entry_button.setEnabled(True)
            self.show_entry_error("", None)
            self.entry_member.clear_pick()
            self.entry_items.clear()
            self.entry_member.setFocus()
            text = self.tr("已下单: {0} {1} {2}").format(order.row.buyer_name, order.row.items_text,
                                                          money(order.row.amount_cents))
            if order.new_member_id is not None:
                text += self.tr("; “{0}”是新成员, 已自动登记").format(order.row.buyer_name)
            elif order.row.member_id is None:  # a nickname several members share: never guessed
                text += self.tr("; 有多个成员叫“{0}”, 订单未关联成员 (下单时可从提示列表中选择)").format(
                    order.row.buyer_name)
            self.status_message.emit(text)

        def failed(exc: BaseException) -> None:
            self._saving = False
            self.entry_button.setEnabled(True)
            self.show_entry_error(error_message(exc), getattr(exc, "field", None))

        self._runner.run(lambda _ctx: service.create_order(draft), on_done=done, on_error=failed,
                         changes="orders", changed_ids=lambda order: [order.row.id], owner=self)

    def show_entry_error(self, message: str, field_name: str | None) -> None:
        self.entry_error.setText(message)
        self.entry_error.setVisible(bool(message))
        fields: dict[str, QWidget] = {"buyer_name": self.entry_member, "member_id": self.entry_member,
                                      "items": self.entry_items, "quantity": self.entry_items,
                                      "pickup_point_id": self.entry_pickup}
        target = fields.get(field_name or "") if message else None
        for widget in set(fields.values()):
            widget.setStyleSheet(INVALID_STYLE if widget is target else "")
            widget.setToolTip(message if widget is target else "")
        if target is not None:
            target.setFocus()
