"""Edit one group-buy order: buyer, lines ("脐橙×2、苹果×1"), pickup point, payment, pickup, refund, notes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import FulfilmentStatus, PaymentStatus
from desktop.domain.errors import ValidationError
from desktop.domain.orders import CampaignDetail, OrderDetail, OrderDraft
from desktop.ui.widgets.order_labels import (
    fulfilment_name,
    items_label,
    parse_items,
    payment_name,
    plain_money,
)
from desktop.ui.widgets.quick_entry import parse_amount

INVALID = "border: 1px solid #c62828;"


class OrderDialog(QDialog):
    def __init__(self, campaign: CampaignDetail, order: OrderDetail, submit: Callable[[int, OrderDraft], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = order.row
        self.setWindowTitle(self.tr("编辑订单 #{0}").format(row.id))
        self.setMinimumWidth(440)
        self._campaign = campaign
        self._order = order
        self._submit = submit
        self.buyer = QLineEdit(row.buyer_name)
        self.phone = QLineEdit(row.buyer_phone)
        self.items = QLineEdit("、".join(f"{i.label}×{i.quantity}" for i in order.items))
        self.items.setObjectName("orderItems")
        self.items.setToolTip(self.tr("商品×数量, 多个商品用顿号或逗号隔开"))
        self.pickup = QComboBox()
        self.pickup.addItem(self.tr("(无自提点)"), None)
        for point in campaign.pickup_points:
            self.pickup.addItem(point.name, point.id)
        self.pickup.setCurrentIndex(max(self.pickup.findData(row.pickup_point_id), 0))
        self.payment = QComboBox()
        for status in PaymentStatus:
            self.payment.addItem(payment_name(status), status.value)
        self.payment.setCurrentIndex(self.payment.findData(row.payment_status.value))
        self.fulfilment = QComboBox()
        for status in FulfilmentStatus:
            self.fulfilment.addItem(fulfilment_name(status), status.value)
        self.fulfilment.setCurrentIndex(self.fulfilment.findData(row.fulfilment_status.value))
        self.refund = QLineEdit(plain_money(row.refund_cents) if row.refund_cents else "")
        self.refund.setPlaceholderText("0.00")
        self.building = QLineEdit(row.building)
        self.room = QLineEdit(row.room)
        self.note = QPlainTextEdit(row.note)
        self.note.setFixedHeight(56)
        form = QFormLayout()
        form.addRow(self.tr("下单人"), self.buyer)
        form.addRow(self.tr("电话"), self.phone)
        form.addRow(self.tr("商品"), self.items)
        form.addRow(self.tr("自提点"), self.pickup)
        form.addRow(self.tr("付款"), self.payment)
        form.addRow(self.tr("提货"), self.fulfilment)
        form.addRow(self.tr("退款 (元)"), self.refund)
        form.addRow(self.tr("楼号"), self.building)
        form.addRow(self.tr("房号"), self.room)
        form.addRow(self.tr("备注"), self.note)
        source = QLabel(self.tr("接龙原文: {0}").format(order.source_text)) if order.source_text else None
        self.error = QLabel()
        self.error.setObjectName("orderError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if source is not None:
            source.setWordWrap(True)
            source.setStyleSheet("color: #616161;")
            layout.addWidget(source)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def draft(self) -> OrderDraft:
        row = self._order.row
        items = parse_items(self.items.text(), self._campaign.products)
        try:
            refund = parse_amount(self.refund.text()) or 0
        except ValidationError as exc:
            raise ValidationError(str(exc), "refund_cents") from None
        return OrderDraft(
            self._campaign.id, items, member_id=row.member_id, buyer_name=self.buyer.text(),
            buyer_phone=self.phone.text(), group_id=row.group_id, pickup_point_id=self.pickup.currentData(),
            placed_at=row.placed_at, paid_at=row.paid_at, payment_status=PaymentStatus(self.payment.currentData()),
            fulfilment_status=FulfilmentStatus(self.fulfilment.currentData()), refund_cents=refund,
            external_no=row.external_no, building=self.building.text(), room=self.room.text(),
            note=self.note.toPlainText(), leader_note=row.leader_note,
        ).validated()

    def items_text(self) -> str:
        return items_label(parse_items(self.items.text(), self._campaign.products), self._campaign.products)

    def _save(self) -> None:
        try:
            draft = self.draft()
        except ValidationError as exc:
            self.show_error(str(exc), exc.field)
            return
        self.buttons.setEnabled(False)
        self._submit(self._order.row.id, draft)

    def failed(self, message: str, field_name: str | None) -> None:
        self.buttons.setEnabled(True)
        self.show_error(message, field_name)

    def show_error(self, message: str, field_name: str | None) -> None:
        self.error.setText(message)
        widgets: dict[str, Any] = {"items": self.items, "quantity": self.items, "buyer_name": self.buyer,
                                   "buyer_phone": self.phone, "refund_cents": self.refund,
                                   "pickup_point_id": self.pickup}
        target = widgets.get(field_name or "") if message else None
        for widget in set(widgets.values()):
            widget.setStyleSheet(INVALID if widget is target else "")
        if target is not None:
            target.setFocus()
