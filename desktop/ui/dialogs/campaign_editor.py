"""New or edit a group buy (团购活动): title, leader, groups, open and cut-off time, status, products and
pickup points, saved in one worker job and one transaction (``OrderService.save_campaign``): a refused
save writes nothing and leaves the dialog open as typed. Pickup points are shared by every campaign:
editing or deleting one (``PickupPointDialog``) is its own write, done at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
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
    QMessageBox,
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
from desktop.ui.labels import campaign_status_name
from desktop.ui.styles import INVALID_STYLE, error_label
from desktop.ui.widgets.order_labels import plain_money
from desktop.ui.widgets.quick_entry import parse_amount

if TYPE_CHECKING:
    from desktop.domain.groups import GroupDTO

#: a pickup point item's id (None: new, created when the campaign is saved)
POINT_ID_ROLE = Qt.ItemDataRole.UserRole
#: a pickup point item's PickupPointDraft (what the point editor starts from)
POINT_DRAFT_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass
class CampaignEdit:
    """What the dialog hands back: saved by ``OrderService.save_campaign`` on the writer, all or nothing."""

    campaign_id: int | None
    draft: CampaignDraft
    #: (product id or None for a new one, draft), in the order shown
    products: list[tuple[int | None, ProductDraft]]
    removed_products: list[int] = field(default_factory=list)
    new_points: list[PickupPointDraft] = field(default_factory=list)


@dataclass
class _Removed:
    """A product row taken out of the table: put back as it was when the save refuses its deletion."""

    product_id: int
    row: int
    texts: tuple[str, ...]


class PickupPointDialog(QDialog):
    """Edit one pickup point: name, address, contact and phone. ``submit`` gets the checked draft;
    the owner closes the dialog when it is saved, or calls ``failed``."""

    def __init__(self, point: PickupPointDraft, submit: Callable[[PickupPointDraft], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pointDialog")
        self.setWindowTitle(self.tr("编辑自提点"))
        self.setMinimumWidth(360)
        self._submit = submit
        self.name = QLineEdit(point.name)
        self.name.setObjectName("pointEditName")
        self.address = QLineEdit(point.address)
        self.address.setObjectName("pointEditAddress")
        self.contact = QLineEdit(point.contact)
        self.phone = QLineEdit(point.phone)
        form = QFormLayout()
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("地址"), self.address)
        form.addRow(self.tr("联系人"), self.contact)
        form.addRow(self.tr("电话"), self.phone)
        hint = QLabel(self.tr("修改会用于所有用到这个自提点的团购和订单"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #616161;")
        self.error = error_label("pointError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def draft(self) -> PickupPointDraft:
        return PickupPointDraft(self.name.text(), self.address.text(), self.contact.text(),
                                self.phone.text()).validated()

    def _save(self) -> None:
        try:
            draft = self.draft()
        except ValidationError as exc:
            self.failed(str(exc), exc.field)
            return
        self.buttons.setEnabled(False)
        self._submit(draft)

    def failed(self, message: str, field_name: str | None) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(message)
        widgets = {"name": self.name, "address": self.address, "contact": self.contact, "phone": self.phone}
        target = widgets.get(field_name or "")
        for widget in widgets.values():
            widget.setStyleSheet(INVALID_STYLE if widget is target else "")
        if target is not None:
            target.setFocus()


def _qdt(moment: datetime) -> QDateTime:
    return QDateTime(moment.year, moment.month, moment.day, moment.hour, moment.minute, 0)


class CampaignDialog(QDialog):
    PRODUCT_COLUMNS = 6

    def __init__(self, groups: Sequence[GroupDTO], points: Sequence[PickupPointDTO],
                 detail: CampaignDetail | None, submit: Callable[[CampaignEdit], None],
                 parent: QWidget | None = None, *,
                 update_point: Callable[[int, PickupPointDraft], None] | None = None,
                 delete_point: Callable[[int], None] | None = None) -> None:
        """``update_point`` and ``delete_point`` write a saved pickup point at once (the owner answers
        with ``point_saved`` / ``point_deleted`` or ``point_failed``)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑团购") if detail else self.tr("新建团购"))
        self.resize(860, 660)
        self._detail = detail
        self._submit = submit
        self._update_point = update_point
        self._delete_point = delete_point
        self._removed: list[_Removed] = []
        self.point_dialog: PickupPointDialog | None = None

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
        remove = self.remove_product_button = QPushButton(self.tr("删除所选商品"))
        remove.setObjectName("removeProducts")
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
            self._add_point_item(PickupPointDraft(point.name, point.address, point.contact, point.phone), point.id,
                                 point.id in mine)
        self.points.itemDoubleClicked.connect(lambda _i: self.edit_point())
        self.points.currentItemChanged.connect(lambda *_: self._point_buttons())
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
        self._point_fields = (self.point_name, self.point_address, self.point_contact, self.point_phone)
        for edit in self._point_fields:
            edit.installEventFilter(self)  # Enter adds the point; it must not reach the dialog's 保存
        point_form = QGridLayout()
        point_form.addWidget(self.point_name, 0, 0)
        point_form.addWidget(self.point_address, 0, 1)
        point_form.addWidget(self.point_contact, 1, 0)
        point_form.addWidget(self.point_phone, 1, 1)
        point_form.addWidget(add_point, 2, 1, Qt.AlignmentFlag.AlignRight)
        self.edit_point_button = QPushButton(self.tr("修改所选…"))
        self.edit_point_button.setObjectName("editPoint")
        self.edit_point_button.setToolTip(self.tr("修改所选自提点的名称、地址、联系人和电话"))
        self.edit_point_button.clicked.connect(self.edit_point)
        self.delete_point_button = QPushButton(self.tr("删除所选"))
        self.delete_point_button.setObjectName("deletePoint")
        self.delete_point_button.setToolTip(self.tr("删除没有订单用到的自提点"))
        self.delete_point_button.clicked.connect(lambda: self.delete_selected_point())
        point_buttons = QHBoxLayout()
        point_buttons.addStretch(1)
        point_buttons.addWidget(self.edit_point_button)
        point_buttons.addWidget(self.delete_point_button)
        point_box = QGroupBox(self.tr("自提点 (勾选本次使用的)"))
        point_layout = QVBoxLayout(point_box)
        point_layout.addWidget(self.points, 1)
        point_layout.addLayout(point_buttons)
        point_layout.addLayout(point_form)
        middle = QHBoxLayout()
        middle.addWidget(product_box, 3)
        middle.addWidget(point_box, 2)

        self.error = error_label("campaignError", wrap=False)
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
        self._point_buttons()
        self.title.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (any(watched is edit for edit in self._point_fields) and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.add_point()
            return True
        return super().eventFilter(watched, event)

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

    def _add_point_item(self, point: PickupPointDraft, point_id: int | None, checked: bool) -> None:
        item = QListWidgetItem()
        item.setData(POINT_ID_ROLE, point_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._show_point(item, point)
        self.points.addItem(item)

    @staticmethod
    def _show_point(item: QListWidgetItem, point: PickupPointDraft) -> None:
        item.setText(f"{point.name}  · {point.address}" if point.address else point.name)
        item.setToolTip(point.address or point.name)
        item.setData(POINT_DRAFT_ROLE, point)

    def point_items(self) -> list[QListWidgetItem]:
        return [self.points.item(r) for r in range(self.points.count())]

    def _point_taken(self, name: str, but: QListWidgetItem | None = None) -> bool:
        return any(item.data(POINT_DRAFT_ROLE).name == name for item in self.point_items() if item is not but)

    def _point_buttons(self) -> None:
        item = self.points.currentItem()
        saved = item is not None and item.data(POINT_ID_ROLE) is not None
        self.edit_point_button.setEnabled(item is not None and (not saved or self._update_point is not None))
        self.delete_point_button.setEnabled(item is not None and (not saved or self._delete_point is not None))

    def add_point(self) -> None:
        draft = PickupPointDraft(self.point_name.text(), self.point_address.text(), self.point_contact.text(),
                                 self.point_phone.text())
        try:
            clean = draft.validated()
        except ValidationError as exc:
            self.show_error(str(exc), "point_name")
            return
        if self._point_taken(clean.name):
            self.show_error(self.tr("已有自提点“{0}”, 勾选它即可").format(clean.name), "point_name")
            return
        self._add_point_item(clean, None, True)
        for edit in (self.point_name, self.point_address, self.point_contact, self.point_phone):
            edit.clear()
        self.show_error("", None)

    def edit_point(self) -> None:
        """Edit the chosen pickup point: a saved one is written at once (every campaign shares it),
        a new one only changes what this dialog will create."""
        item = self.points.currentItem()
        if item is None or self.point_dialog is not None or not self.edit_point_button.isEnabled():
            return
        point_id = item.data(POINT_ID_ROLE)

        def submit(draft: PickupPointDraft) -> None:
            if self._point_taken(draft.name, item):
                self.point_failed(self.tr("已有自提点“{0}”").format(draft.name), "name")
            elif point_id is None:
                self._show_point(item, draft)
                self._close_point_dialog()
            elif self._update_point is not None:
                self._update_point(point_id, draft)

        self.point_dialog = PickupPointDialog(item.data(POINT_DRAFT_ROLE), submit, self)
        self.point_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.point_dialog.finished.connect(lambda _r: setattr(self, "point_dialog", None))
        self.point_dialog.open()

    def _close_point_dialog(self) -> None:
        if self.point_dialog is not None:
            self.point_dialog.accept()

    def point_saved(self, point: PickupPointDTO) -> None:
        for item in self.point_items():
            if item.data(POINT_ID_ROLE) == point.id:
                self._show_point(item, PickupPointDraft(point.name, point.address, point.contact, point.phone))
        self._close_point_dialog()
        self.show_error("", None)

    def point_failed(self, message: str, field_name: str | None) -> None:
        if self.point_dialog is not None:
            self.point_dialog.failed(message, field_name)
        else:
            self.show_error(message, None)

    def delete_selected_point(self, *, confirm: bool = True) -> None:
        item = self.points.currentItem()
        if item is None:
            return
        point_id, name = item.data(POINT_ID_ROLE), item.data(POINT_DRAFT_ROLE).name
        if point_id is None:  # not saved yet: nothing to ask
            self.points.takeItem(self.points.row(item))
            return
        if confirm and QMessageBox.question(
                self, self.tr("删除自提点"),
                self.tr("删除自提点“{0}”? 所有团购都不再有这个自提点。有订单用到的自提点不能删除。").format(name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        if self._delete_point is not None:
            self._delete_point(point_id)

    def point_deleted(self, point_id: int) -> None:
        for item in self.point_items():
            if item.data(POINT_ID_ROLE) == point_id:
                self.points.takeItem(self.points.row(item))
        self.show_error("", None)

    # ------------------------------------------------------------------ products
    def add_product_row(self, name: str = "", spec: str = "", price: str = "", cost: str = "", limit: str = "",
                        stock: str = "", product_id: int | None = None, at: int | None = None) -> int:
        row = self.products.rowCount() if at is None else min(max(at, 0), self.products.rowCount())
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
                texts = tuple(self._cell(row, c) for c in range(self.PRODUCT_COLUMNS))
                self._removed.append(_Removed(product_id, row, texts))
            self.products.removeRow(row)

    def _restore_products(self, product_ids: Sequence[int]) -> bool:
        """Put removed products back where they were (their deletion was refused); True if any."""
        back = [r for r in self._removed if r.product_id in set(product_ids)]
        self._removed = [r for r in self._removed if r not in back]
        for removed in sorted(back, key=lambda r: r.row):
            self.add_product_row(*removed.texts, product_id=removed.product_id, at=removed.row)
        return bool(back)

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
        checked = [item for item in self.point_items() if item.checkState() == Qt.CheckState.Checked]
        point_ids = tuple(item.data(POINT_ID_ROLE) for item in checked if item.data(POINT_ID_ROLE) is not None)
        points = [item.data(POINT_DRAFT_ROLE) for item in checked if item.data(POINT_ID_ROLE) is None]
        draft = CampaignDraft(self.title.text(), self.leader.text(), self.open_at.dateTime().toPython(),
                              self.cutoff_at.dateTime().toPython(), CampaignStatus(self.status.currentData()),
                              self._detail.note if self._detail else "", tuple(self.group_ids()),
                              point_ids).validated()
        products = self.product_drafts()
        if not products and self._detail is None:
            raise ValidationError(self.tr("请至少添加一个商品"), "products")
        return CampaignEdit(self._detail.id if self._detail else None, draft, products,
                            [r.product_id for r in self._removed], points)

    def _save(self) -> None:
        try:
            edit = self.edit()
        except ValidationError as exc:
            self.show_error(str(exc), exc.field)
            return
        self.buttons.setEnabled(False)
        self._submit(edit)

    def failed(self, message: str, field_name: str | None, restore: Sequence[int] = ()) -> None:
        """The save was refused and nothing was written: say why and let the operator fix and save
        again. ``restore``: removed products whose deletion was refused, put back in the list."""
        self.buttons.setEnabled(True)
        if self._restore_products(restore):
            message += " " + self.tr("已把它放回商品列表, 再点保存即可。")
        self.show_error(message, field_name)

    def show_error(self, message: str, field_name: str | None) -> None:
        self.error.setText(message)
        widgets: dict[str, Any] = {"title": self.title, "leader": self.leader, "cutoff_at": self.cutoff_at,
                                   "products": self.products, "point_name": self.point_name,
                                   "name": self.products, "pickup_point_ids": self.points}
        target = widgets.get(field_name or "") if message else None
        for widget in set(widgets.values()):
            widget.setStyleSheet(INVALID_STYLE if widget is target else "")
        if target is not None:
            target.setFocus()
