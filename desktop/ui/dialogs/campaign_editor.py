"""New or edit a group buy (团购活动): title, leader, groups, open and cut-off time, status, products and
pickup points, saved in one worker job (``save_campaign``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import CampaignStatus
from desktop.domain.errors import ValidationError
from desktop.domain.orders import (
    CampaignDetail,
    CampaignDraft,
    PickupPointDraft,
    PickupPointDTO,
    ProductDraft,
)
from desktop.ui.widgets.order_labels import campaign_status_name, plain_money
from desktop.ui.widgets.quick_entry import parse_amount

if TYPE_CHECKING:
    from desktop.domain.groups import GroupDTO
    from desktop.services.orders import OrderService

ERROR_STYLE = "color: #c62828;"
INVALID = "border: 1px solid #c62828;"


@dataclass
class CampaignEdit:
    """What the dialog hands back: saved by ``save_campaign`` on the writer."""

    campaign_id: int | None
    draft: CampaignDraft
    #: (product id or None for a new one, draft), in the order shown
    products: list[tuple[int | None, ProductDraft]]
    removed_products: list[int] = field(default_factory=list)
    new_points: list[PickupPointDraft] = field(default_factory=list)


def save_campaign(service: OrderService, edit: CampaignEdit) -> CampaignDetail:
    """Create the new pickup points, then the campaign (or its changes) and its products."""
    point_ids = list(edit.draft.pickup_point_ids)
    for point in edit.new_points:
        point_ids.append(service.create_pickup_point(point).id)
    draft = replace(edit.draft, pickup_point_ids=tuple(point_ids))
    if edit.campaign_id is None:
        return service.create_campaign(draft, [p for _id, p in edit.products])
    for product_id in edit.removed_products:
        service.delete_product(product_id)
    for position, (product_id, product) in enumerate(edit.products):
        placed = ProductDraft(product.name, product.spec, product.price_cents, product.cost_cents,
                              product.per_person_limit, product.stock, position)
        if product_id is None:
            service.add_product(edit.campaign_id, placed)
        else:
            service.update_product(product_id, placed)
    return service.update_campaign(edit.campaign_id, draft)


def _qdt(moment: datetime) -> QDateTime:
    return QDateTime(moment.year, moment.month, moment.day, moment.hour, moment.minute, 0)


class CampaignDialog(QDialog):
    PRODUCT_COLUMNS = 6

    def __init__(self, groups: Sequence[GroupDTO], points: Sequence[PickupPointDTO],
                 detail: CampaignDetail | None, submit: Callable[[CampaignEdit], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑团购") if detail else self.tr("新建团购"))
        self.resize(860, 660)
        self._detail = detail
        self._submit = submit
        self._removed: list[int] = []
        self._new_points: list[PickupPointDraft] = []

        self.title = QLineEdit(detail.title if detail else "")
        self.title.setObjectName("campaignTitle")
        self.title.setPlaceholderText(self.tr("例如: 阳光花园 12月第2周 水果团"))
        self.leader = QLineEdit(detail.leader if detail else "")
        self.leader.setPlaceholderText(self.tr("团长的名字"))
        now = datetime.now().replace(second=0, microsecond=0)
        cutoff = datetime.combine(now.date() + timedelta(days=1), time(20, 0))
        self.open_at = QDateTimeEdit(_qdt(detail.open_at if detail and detail.open_at else now))
        self.cutoff_at = QDateTimeEdit(_qdt(detail.cutoff_at if detail and detail.cutoff_at else cutoff))
        for edit in (self.open_at, self.cutoff_at):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        self.status = QComboBox()
        self.status.setObjectName("campaignStatus")
        for status in CampaignStatus:
            self.status.addItem(campaign_status_name(status), status.value)
        self.status.setCurrentIndex(self.status.findData((detail.status if detail else CampaignStatus.OPEN).value))

        self.group_search = QLineEdit()
        self.group_search.setPlaceholderText(self.tr("搜索群名"))
        self.group_search.setClearButtonEnabled(True)
        self.group_search.textChanged.connect(self._filter_groups)
        self.groups = QListWidget()
        self.groups.setObjectName("campaignGroups")
        chosen = set(detail.group_ids) if detail else set()
        for group in sorted(groups, key=lambda g: g.name):
            item = QListWidgetItem(group.name)
            item.setData(Qt.ItemDataRole.UserRole, group.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if group.id in chosen else Qt.CheckState.Unchecked)
            self.groups.addItem(item)
        self.groups.itemChanged.connect(lambda _i: self._count_groups())
        self.groups_count = QLabel()
        self.groups_count.setStyleSheet("color: #616161;")

        form = QFormLayout()
        form.addRow(self.tr("活动名称"), self.title)
        form.addRow(self.tr("团长"), self.leader)
        form.addRow(self.tr("开团时间"), self.open_at)
        form.addRow(self.tr("截单时间"), self.cutoff_at)
        form.addRow(self.tr("状态"), self.status)
        group_box = QGroupBox(self.tr("在哪些群开团"))
        group_layout = QVBoxLayout(group_box)
        group_layout.addWidget(self.group_search)
        group_layout.addWidget(self.groups, 1)
        group_layout.addWidget(self.groups_count)
        top = QHBoxLayout()
        top.addLayout(form, 3)
        top.addWidget(group_box, 2)

        self.products = QTableWidget(0, self.PRODUCT_COLUMNS)
        self.products.setObjectName("campaignProducts")
        self.products.setHorizontalHeaderLabels([self.tr("商品"), self.tr("规格"), self.tr("单价"), self.tr("成本价"),
                                                 self.tr("每人限购"), self.tr("库存")])
        self.products.verticalHeader().hide()
        header = self.products.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 72), (2, 58), (3, 58), (4, 62), (5, 50)):
            self.products.setColumnWidth(column, width)
        self.products.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        add = QPushButton(self.tr("添加商品"))
        add.setObjectName("addProduct")
        add.clicked.connect(lambda: self.add_product_row())
        remove = QPushButton(self.tr("删除所选商品"))
        remove.clicked.connect(self._remove_products)
        product_buttons = QHBoxLayout()
        hint = QLabel(self.tr("价格以元为单位; 限购和库存留空表示不限"))
        hint.setStyleSheet("color: #616161;")
        product_buttons.addWidget(hint, 1)
        product_buttons.addWidget(add)
        product_buttons.addWidget(remove)
        product_box = QGroupBox(self.tr("商品"))
        product_layout = QVBoxLayout(product_box)
        product_layout.addWidget(self.products, 1)
        product_layout.addLayout(product_buttons)
        for product in detail.products if detail else ():
            self.add_product_row(product.name, product.spec, plain_money(product.price_cents),
                                 plain_money(product.cost_cents),
                                 "" if product.per_person_limit is None else str(product.per_person_limit),
                                 "" if product.stock is None else str(product.stock), product.id)

        self.points = QListWidget()
        self.points.setObjectName("campaignPoints")
        mine = {p.id for p in detail.pickup_points} if detail else set()
        for point in points:
            self._add_point_item(point.name, point.address, point.id, point.id in mine)
        self.point_name = QLineEdit()
        self.point_name.setObjectName("pointName")
        self.point_name.setPlaceholderText(self.tr("新自提点名称"))
        self.point_address = QLineEdit()
        self.point_address.setPlaceholderText(self.tr("地址"))
        self.point_contact = QLineEdit()
        self.point_contact.setPlaceholderText(self.tr("联系人"))
        self.point_phone = QLineEdit()
        self.point_phone.setPlaceholderText(self.tr("电话"))
        add_point = QPushButton(self.tr("添加自提点"))
        add_point.setObjectName("addPoint")
        add_point.clicked.connect(self.add_point)
        self.point_name.returnPressed.connect(self.add_point)
        point_form = QGridLayout()
        point_form.addWidget(self.point_name, 0, 0)
        point_form.addWidget(self.point_address, 0, 1)
        point_form.addWidget(self.point_contact, 1, 0)
        point_form.addWidget(self.point_phone, 1, 1)
        point_form.addWidget(add_point, 2, 1, Qt.AlignmentFlag.AlignRight)
        point_box = QGroupBox(self.tr("自提点 (勾选本次使用的)"))
        point_layout = QVBoxLayout(point_box)
        point_layout.addWidget(self.points, 1)
        point_layout.addLayout(point_form)
        middle = QHBoxLayout()
        middle.addWidget(product_box, 3)
        middle.addWidget(point_box, 2)

        self.error = QLabel()
        self.error.setObjectName("campaignError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存") if detail else self.tr("创建"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 2)
        layout.addLayout(middle, 3)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._count_groups()
        self.title.setFocus()

    # ------------------------------------------------------------------ groups and points
    def _filter_groups(self, text: str) -> None:
        typed = text.strip().lower()
        for row in range(self.groups.count()):
            item = self.groups.item(row)
            item.setHidden(bool(typed) and typed not in item.text().lower())

    def _count_groups(self) -> None:
        self.groups_count.setText(self.tr("已选 {0} 个群").format(len(self.group_ids())))

    def group_ids(self) -> list[int]:
        return [self.groups.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.groups.count())
                if self.groups.item(r).checkState() == Qt.CheckState.Checked]

    def check_group(self, group_id: int) -> None:
        for row in range(self.groups.count()):
            if self.groups.item(row).data(Qt.ItemDataRole.UserRole) == group_id:
                self.groups.item(row).setCheckState(Qt.CheckState.Checked)

    def _add_point_item(self, name: str, address: str, point_id: int | None, checked: bool) -> None:
        item = QListWidgetItem(f"{name}  · {address}" if address else name)
        item.setData(Qt.ItemDataRole.UserRole, point_id)
        item.setToolTip(address or name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.points.addItem(item)

    def add_point(self) -> None:
        draft = PickupPointDraft(self.point_name.text(), self.point_address.text(), self.point_contact.text(),
                                 self.point_phone.text())
        try:
            clean = draft.validated()
        except ValidationError as exc:
            self.show_error(str(exc), "point_name")
            return
        taken = {self.points.item(r).text().split("  · ")[0] for r in range(self.points.count())}
        if clean.name in taken:
            self.show_error(self.tr("已有自提点“{0}”, 勾选它即可").format(clean.name), "point_name")
            return
        self._new_points.append(clean)
        self._add_point_item(clean.name, clean.address, None, True)
        for edit in (self.point_name, self.point_address, self.point_contact, self.point_phone):
            edit.clear()
        self.show_error("", None)

    # ------------------------------------------------------------------ products
    def add_product_row(self, name: str = "", spec: str = "", price: str = "", cost: str = "", limit: str = "",
                        stock: str = "", product_id: int | None = None) -> int:
        row = self.products.rowCount()
        self.products.insertRow(row)
        for column, text in enumerate((name, spec, price, cost, limit, stock)):
            item = QTableWidgetItem(text)
            if column >= 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, product_id)
            self.products.setItem(row, column, item)
        if not name:
            self.products.setCurrentCell(row, 0)
            self.products.editItem(self.products.item(row, 0))
        return row

    def _remove_products(self) -> None:
        for row in sorted({i.row() for i in self.products.selectedIndexes()}, reverse=True):
            product_id = self.products.item(row, 0).data(Qt.ItemDataRole.UserRole)
            if product_id is not None:
                self._removed.append(product_id)
            self.products.removeRow(row)

    def _cell(self, row: int, column: int) -> str:
        item = self.products.item(row, column)
        return item.text().strip() if item is not None else ""

    def _whole(self, row: int, column: int, label: str) -> int | None:
        text = self._cell(row, column)
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            raise ValidationError(self.tr("第 {0} 个商品的{1}“{2}”不是整数").format(row + 1, label, text),
                                  "products") from None

    def product_drafts(self) -> list[tuple[int | None, ProductDraft]]:
        out = []
        for row in range(self.products.rowCount()):
            if not any(self._cell(row, c) for c in range(self.PRODUCT_COLUMNS)):
                continue
            try:
                price = parse_amount(self._cell(row, 2)) or 0
                cost = parse_amount(self._cell(row, 3)) or 0
            except ValidationError as exc:
                raise ValidationError(self.tr("第 {0} 个商品: {1}").format(row + 1, exc), "products") from None
            draft = ProductDraft(self._cell(row, 0), self._cell(row, 1), price, cost,
                                 self._whole(row, 4, self.tr("每人限购")), self._whole(row, 5, self.tr("库存")), row)
            try:
                draft = draft.validated()
            except ValidationError as exc:
                raise ValidationError(self.tr("第 {0} 个商品: {1}").format(row + 1, exc), "products") from None
            out.append((self.products.item(row, 0).data(Qt.ItemDataRole.UserRole), draft))
        return out

    # ------------------------------------------------------------------ saving
    def edit(self) -> CampaignEdit:
        point_ids = tuple(self.points.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.points.count())
                          if self.points.item(r).checkState() == Qt.CheckState.Checked
                          and self.points.item(r).data(Qt.ItemDataRole.UserRole) is not None)
        new_names = {self.points.item(r).text().split("  · ")[0] for r in range(self.points.count())
                     if self.points.item(r).checkState() == Qt.CheckState.Checked
                     and self.points.item(r).data(Qt.ItemDataRole.UserRole) is None}
        draft = CampaignDraft(self.title.text(), self.leader.text(), self.open_at.dateTime().toPython(),
                              self.cutoff_at.dateTime().toPython(), CampaignStatus(self.status.currentData()),
                              self._detail.note if self._detail else "", tuple(self.group_ids()),
                              point_ids).validated()
        products = self.product_drafts()
        if not products and self._detail is None:
            raise ValidationError(self.tr("请至少添加一个商品"), "products")
        points = [p for p in self._new_points if p.name in new_names]
        return CampaignEdit(self._detail.id if self._detail else None, draft, products, list(self._removed), points)

    def _save(self) -> None:
        try:
            edit = self.edit()
        except ValidationError as exc:
            self.show_error(str(exc), exc.field)
            return
        self.buttons.setEnabled(False)
        self._submit(edit)

    def failed(self, message: str, field_name: str | None) -> None:
        self.buttons.setEnabled(True)
        self.show_error(message, field_name)

    def show_error(self, message: str, field_name: str | None) -> None:
        self.error.setText(message)
        widgets: dict[str, Any] = {"title": self.title, "leader": self.leader, "cutoff_at": self.cutoff_at,
                                   "products": self.products, "point_name": self.point_name,
                                   "name": self.products}
        target = widgets.get(field_name or "") if message else None
        for widget in set(widgets.values()):
            widget.setStyleSheet(INVALID if widget is target else "")
        if target is not None:
            target.setFocus()
