"""Edit one group-buy order: buyer, lines ("脐橙×2、苹果×1"), group, pickup point, payment, pickup, refund,
notes.

The buyer field suggests members as the operator types. A member picked from the suggestions is the
order's member; a buyer name or phone changed without a pick is linked again on save as a new order
is (phone, then a nickname only one member has, else a new member); an untouched buyer keeps its
member."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
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
from desktop.domain.members import normalise_phone
from desktop.domain.orders import CampaignDetail, GroupChoice, OrderDetail, OrderDraft
from desktop.ui.labels import fulfilment_name, payment_name
from desktop.ui.styles import INVALID_STYLE, error_label
from desktop.ui.widgets.order_labels import parse_items, plain_money
from desktop.ui.widgets.quick_entry import MEMBER_DELAY_MS, SuggestEdit, Suggestion, parse_amount

#: asks for members matching what was typed; the answer goes to the callback
MemberFinder = Callable[[str, Callable[[list[Suggestion]], None]], None]


class MemberSuggester(QObject):
    """Suggests members in a buyer field as the operator types: ``find`` is asked once typing pauses,
    and an answer is shown only while the field still says what was asked."""

    def __init__(self, edit: SuggestEdit, find: MemberFinder) -> None:
        super().__init__(edit)
        self._edit = edit
        self._find = find
        self._serial = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(MEMBER_DELAY_MS)
        self._timer.timeout.connect(self._suggest)
        edit.textEdited.connect(self._typed)

    def _typed(self, text: str) -> None:
        self._serial += 1  # an answer to an older query is dropped
        if text.strip():
            self._timer.start()
        else:
            self._timer.stop()
            self._edit.set_suggestions([])

    def _suggest(self) -> None:
        text = self._edit.text().strip()
        if not text:
            return
        self._serial += 1
        serial = self._serial

        def done(items: list[Suggestion]) -> None:
            if serial == self._serial and self._edit.text().strip() == text:
                self._edit.set_suggestions(items)

        self._find(text, done)


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _same_phone(typed: str, stored: str) -> bool:
    """The same number, however either is written (an older import kept "+86" in front)."""
    try:
        typed = normalise_phone(typed) or ""
    except ValidationError:
        return False
    try:
        return typed == (normalise_phone(stored) or "")
    except ValidationError:
        return typed == stored


class OrderDialog(QDialog):
    def __init__(self, campaign: CampaignDetail, order: OrderDetail, submit: Callable[[int, OrderDraft], None],
                 parent: QWidget | None = None, *, groups: Sequence[GroupChoice] = (),
                 find_members: MemberFinder | None = None) -> None:
        """``groups``: the campaign's groups, offered for the order's group with 无 (the order's own
        group is offered too when it is another one); ``find_members`` suggests members for the buyer."""
        super().__init__(parent)
        row = order.row
        self.setWindowTitle(self.tr("编辑订单 #{0}").format(row.id))
        self.setMinimumWidth(440)
        self._campaign = campaign
        self._order = order
        self._submit = submit
        self.buyer = SuggestEdit()
        self.buyer.setObjectName("orderBuyer")
        self.buyer.setText(row.buyer_name)
        self.buyer.setToolTip(self.tr("输入昵称、拼音或手机号, 可从提示列表中选择成员"))
        self.buyer.textEdited.connect(lambda _t: self._show_link())
        self.buyer.picked.connect(lambda _id: self._show_link())
        self.buyer.submitted.connect(self._save)
        self._suggester = MemberSuggester(self.buyer, find_members) if find_members is not None else None
        self.phone = QLineEdit(row.buyer_phone)
        self.phone.setObjectName("orderPhone")
        self.phone.textEdited.connect(lambda _t: self._show_link())
        self.link = QLabel()
        self.link.setObjectName("orderMemberLink")
        self.link.setWordWrap(True)
        self.link.setStyleSheet("color: #616161;")
        self.group = QComboBox()
        self.group.setObjectName("orderGroup")
        self.group.addItem(self.tr("无"), None)
        for group in groups:
            self.group.addItem(group.name, group.id)
        if row.group_id is not None and self.group.findData(row.group_id) < 0:
            self.group.addItem(row.group_name or f"#{row.group_id}", row.group_id)
        self.group.setCurrentIndex(max(self.group.findData(row.group_id), 0))
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
        form.addRow("", self.link)
        form.addRow(self.tr("商品"), self.items)
        form.addRow(self.tr("群"), self.group)
        form.addRow(self.tr("自提点"), self.pickup)
        form.addRow(self.tr("付款"), self.payment)
        form.addRow(self.tr("提货"), self.fulfilment)
        form.addRow(self.tr("退款 (元)"), self.refund)
        form.addRow(self.tr("楼号"), self.building)
        form.addRow(self.tr("房号"), self.room)
        form.addRow(self.tr("备注"), self.note)
        source = QLabel(self.tr("接龙原文: {0}").format(order.source_text)) if order.source_text else None
        imported = [(self.tr("地址"), order.address)] if order.address else []
        imported += list(order.extras)
        # the export's columns QunDesk keeps without a field of its own: shown as imported
        self.extras = QLabel("\n".join(f"{title}: {text}" for title, text in imported)) if imported else None
        self.error = error_label("orderError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if self.extras is not None:
            self.extras.setObjectName("orderExtras")
            self.extras.setWordWrap(True)
            self.extras.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.extras.setToolTip(self.tr("导入时表格里的其他信息 (只读)"))
            form.addRow(self.tr("其他信息"), self.extras)
        if source is not None:
            source.setWordWrap(True)
            source.setStyleSheet("color: #616161;")
            layout.addWidget(source)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._show_link()

    # ------------------------------------------------------------------ buyer
    def buyer_changed(self) -> bool:
        """The buyer's name or phone differs from the order's."""
        row = self._order.row
        return not (_same_text(self.buyer.text(), row.buyer_name) and _same_phone(self.phone.text(), row.buyer_phone))

    def member_id(self) -> int | None:
        """The member to save: the one picked, else the order's own while the buyer is unchanged, else
        None (the service links the buyer as a new order's)."""
        if self.buyer.picked_id is not None:
            return self.buyer.picked_id
        return None if self.buyer_changed() else self._order.row.member_id

    def _show_link(self) -> None:
        if self.buyer.picked_id is not None:
            text = self.tr("将关联所选成员")
        elif self.buyer_changed():
            text = self.tr("下单人已修改: 保存时按手机号、昵称重新关联成员, 都不匹配则登记为新成员; "
                           "也可从提示列表中选择成员")
        else:
            text = ""
        self.link.setText(text)
        self.link.setVisible(bool(text))

    # ------------------------------------------------------------------ saving
    def draft(self) -> OrderDraft:
        row = self._order.row
        items = parse_items(self.items.text(), self._campaign.products)
        try:
            refund = parse_amount(self.refund.text()) or 0
        except ValidationError as exc:
            raise ValidationError(str(exc), "refund_cents") from None
        return OrderDraft(
            self._campaign.id, items, member_id=self.member_id(), buyer_name=self.buyer.text(),
            buyer_phone=self.phone.text(), group_id=self.group.currentData(), pickup_point_id=self.pickup.currentData(),
            placed_at=row.placed_at, paid_at=row.paid_at, payment_status=PaymentStatus(self.payment.currentData()),
            fulfilment_status=FulfilmentStatus(self.fulfilment.currentData()), refund_cents=refund,
            external_no=row.external_no, building=self.building.text(), room=self.room.text(),
            note=self.note.toPlainText(), leader_note=row.leader_note,
        ).validated()

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
                                   "buyer_phone": self.phone, "phone": self.phone, "member_id": self.buyer,
                                   "refund_cents": self.refund, "pickup_point_id": self.pickup,
                                   "group_id": self.group}
        target = widgets.get(field_name or "") if message else None
        for widget in set(widgets.values()):
            widget.setStyleSheet(INVALID_STYLE if widget is target else "")
        if target is not None:
            target.setFocus()
