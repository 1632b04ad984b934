"""The 接龙 tab of the group-buy page: paste a WeChat 接龙, 识别, review every parsed line next to its
source (problems in red), fix product / quantity / pickup point / member in the table, 创建订单 (all or
nothing, one import batch), and 撤销这次接龙 through the import history's undo.

After each edit (debounced) the ticked lines go to ``OrderService.check_jielong`` on the worker, which
runs exactly the checks 创建订单 runs (limits across lines and stock included); 创建订单 is enabled only
once that check has come back clean. A refusal that still happens (the store changed meanwhile) marks
the lines from ``LineErrors.lines``.

Pasting a longer 接龙 again shows the lines ordered before as 已下单 and creates only the new ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import ValidationError
from desktop.domain.jielong import stated_quantity
from desktop.domain.orders import (
    QUANTITY_MAX,
    CampaignDetail,
    JielongLineDraft,
    JielongResult,
    JielongReview,
    LineErrors,
    LineStatus,
    OrderItemDraft,
    ReviewLine,
    merge_problems,
)
from desktop.ui.styles import ERROR_COLOR, ERROR_STYLE
from desktop.ui.widgets.order_labels import money, parse_items
from desktop.workers.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.services.imports import ImportService
    from desktop.services.orders import OrderService

_Index = QModelIndex | QPersistentModelIndex
PROBLEM_BACKGROUND = QColor("#ffebee")
DONE_FOREGROUND = QColor("#9e9e9e")
PROBLEM_FOREGROUND = QColor(ERROR_COLOR)
WARNING_FOREGROUND = QColor("#8d6e00")
# an edit is checked by the service once the operator has paused this long
CHECK_DELAY_MS = 250


@dataclass
class EditableLine:
    """A review line as the operator is fixing it."""

    review: ReviewLine
    include: bool
    nickname: str
    member_id: int | None
    items: list[tuple[int, int]]
    pickup_point_id: int | None
    # what the table shows and 创建订单 waits on: ``own`` then ``checked``
    problems: list[str] = field(default_factory=list)
    # what only the text shows (the parser's problems until the line is edited, a typed product the
    # table could not read)
    own: list[str] = field(default_factory=list)
    # what the service found for the line as it stands (review, then ``check_jielong``)
    checked: list[str] = field(default_factory=list)
    edited: bool = False
    # the operator set the products or the quantity in the table (not only the buyer or pickup point)
    items_edited: bool = False
    # what is wrong with the quantity a picked product took from the text ("x1.5"): held in ``own``
    # until the operator sets the quantity or types the products
    quantity_problem: str = ""

    def set_checked(self, problems: Sequence[str]) -> None:
        self.checked = list(problems)
        self.problems = list(merge_problems(self.own, self.checked))

    @property
    def status(self) -> LineStatus:
        return self.review.status

    @property
    def done(self) -> bool:
        return self.review.status is LineStatus.DONE

    def draft(self) -> JielongLineDraft:
        r = self.review
        return JielongLineDraft(r.line_no, r.seq, r.source, r.key, self.nickname,
                                tuple(OrderItemDraft(p, q) for p, q in self.items), r.phone, self.member_id,
                                self.pickup_point_id, r.building, r.room, r.note)


class Col:
    INCLUDE, SEQ, SOURCE, BUYER, PRODUCT, QUANTITY, PICKUP, PROBLEMS = range(8)


class ReviewModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[EditableLine] = []
        self.campaign: CampaignDetail | None = None
        self._headers = [self.tr("创建"), self.tr("号"), self.tr("接龙原文"), self.tr("下单人"), self.tr("商品"),
                         self.tr("数量"), self.tr("自提点"), self.tr("问题")]

    def set_review(self, review: JielongReview | None, campaign: CampaignDetail | None) -> None:
        self.beginResetModel()
        self.campaign = campaign
        self.lines = [EditableLine(line, line.status is LineStatus.NEW, line.nickname, line.member_id,
                                   [(i.product_id, i.quantity) for i in line.items], line.pickup_point_id,
                                   list(line.problems), list(line.parse_problems),
                                   [p for p in line.problems if p not in line.parse_problems])
                      for line in (review.lines if review else ())]
        for line in self.lines:
            if line.status is LineStatus.CHANGED:
                line.include = False  # its number was ordered with other text: fix that order instead
        self.endResetModel()

    # ------------------------------------------------------------------ helpers
    def _label(self, product_id: int) -> str:
        for product in self.campaign.products if self.campaign else ():
            if product.id == product_id:
                return product.label
        return f"#{product_id}"

    def items_text(self, line: EditableLine) -> str:
        return "、".join(f"{self._label(p)}×{q}" for p, q in line.items)

    def _point_name(self, line: EditableLine) -> str:
        for point in self.campaign.pickup_points if self.campaign else ():
            if point.id == line.pickup_point_id:
                return point.name
        return line.review.pickup_point_name if line.pickup_point_id is not None else ""

    def to_create(self) -> list[EditableLine]:
        return [line for line in self.lines if line.include and not line.done]

    def blocking(self) -> list[EditableLine]:
        return [line for line in self.to_create() if line.problems]

    def mark_checked(self, lines: Sequence[EditableLine], found: Mapping[int, Sequence[str]]) -> int:
        """Put the service's problems (line number -> messages) on ``lines``, which were checked as a
        whole (a line not named is fine); how many of them have problems."""
        for line in lines:
            line.set_checked(found.get(line.review.line_no, ()))
        if self.lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.lines) - 1, len(self._headers) - 1))
        return sum(1 for line in lines if line.checked)

    def _touched(self, line: EditableLine, own: Sequence[str] = ()) -> None:
        """The operator changed the line: the parser's view of its text no longer holds."""
        line.edited = True
        line.own = [*own, line.quantity_problem] if line.quantity_problem else list(own)
        line.set_checked(line.checked)

    def _picked_quantity(self, line: EditableLine) -> tuple[int, str]:
        """The quantity of a product picked from the list, and what is wrong with it. A single item's
        quantity set in the table or read by the parser stays; else the count the line's text gives
        ("香蕉×3" keeps its 3 whichever product is picked), 1 with the problem when it gives none or
        none that can be taken ("x1.5", two counts)."""
        if len(line.items) == 1 and (line.items_edited or line.items[0][1] > 0):
            return line.items[0][1], line.quantity_problem
        if line.items_edited:  # several products typed in the table, replaced by one
            return 1, ""
        stated = stated_quantity(line.review.source)
        return (1 if stated.value is None else stated.value), stated.problem

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        line = self.lines[index.row()]
        if line.done:
            return base
        column = index.column()
        if column == Col.INCLUDE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if column in (Col.BUYER, Col.PRODUCT, Col.PICKUP) or (column == Col.QUANTITY and len(line.items) == 1):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.lines):
            return None
        line, column = self.lines[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == Col.INCLUDE:
            if line.done:
                return None
            return Qt.CheckState.Checked if line.include else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(line, column, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Col.SOURCE:
                return line.review.source
            if column in (Col.PROBLEMS, Col.BUYER):
                notes = line.problems + list(line.review.warnings)
                return "\n".join(notes) or None
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if line.done:
                return QBrush(DONE_FOREGROUND)
            if column == Col.PROBLEMS:
                return QBrush(PROBLEM_FOREGROUND if line.problems else WARNING_FOREGROUND)
            return None
        if role == Qt.ItemDataRole.BackgroundRole and line.problems and line.include and not line.done:
            return QBrush(PROBLEM_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Col.SEQ, Col.QUANTITY):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, line: EditableLine, column: int, editing: bool) -> Any:
        if column == Col.SEQ:
            return str(line.review.seq) if line.review.seq is not None else ""
        if column == Col.SOURCE:
            return line.review.source
        if column == Col.BUYER:
            if editing or line.member_id is None or not line.review.member_name:
                return line.nickname
            return line.nickname if line.review.member_name == line.nickname else \
                f"{line.nickname} → {line.review.member_name}"
        if column == Col.PRODUCT:
            return self.items_text(line)
        if column == Col.QUANTITY:
            if editing:
                return line.items[0][1] if len(line.items) == 1 else 0
            return str(sum(q for _p, q in line.items)) if line.items else ""
        if column == Col.PICKUP:
            return line.pickup_point_id if editing else self._point_name(line)
        if column == Col.PROBLEMS:
            if line.done:
                return self.tr("已下单 (订单 #{0})").format(line.review.order_id)
            if line.problems:
                return "；".join(line.problems)
            if line.review.warnings:
                return "；".join(line.review.warnings)
            return self.tr("✓ {0}").format(money(sum(self._price(p) * q for p, q in line.items)))
        return None

    def _price(self, product_id: int) -> int:
        for product in self.campaign.products if self.campaign else ():
            if product.id == product_id:
                return product.price_cents
        return 0

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        line, column = self.lines[index.row()], index.column()
        if column == Col.INCLUDE and role == Qt.ItemDataRole.CheckStateRole:
            line.include = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column == Col.BUYER:
            name = str(value).strip()
            if name == line.nickname:
                return False
            line.nickname, line.member_id = name, None
            self._touched(line)
        elif column == Col.PRODUCT:
            if isinstance(value, int):  # a product id chosen from the list
                quantity, line.quantity_problem = self._picked_quantity(line)
                line.items = [(value, quantity)]
            else:
                try:
                    parsed = parse_items(str(value), self.campaign.products if self.campaign else ())
                except ValidationError as exc:
                    self._touched(line, [str(exc)])
                    self._changed(index.row())
                    return False
                line.items = [(i.product_id, i.quantity) for i in parsed]
                line.quantity_problem = ""
            line.items_edited = True
            self._touched(line)
        elif column == Col.QUANTITY and len(line.items) == 1:
            line.items = [(line.items[0][0], int(value))]
            line.items_edited, line.quantity_problem = True, ""
            self._touched(line)
        elif column == Col.PICKUP:
            line.pickup_point_id = value if value is not None else None
            self._touched(line)
        else:
            return False
        self._changed(index.row())
        return True

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._headers) - 1))
        self.edited.emit()


class ReviewDelegate(QStyledItemDelegate):
    """A product list (or typed "脐橙×2、苹果×1"), a quantity box and a pickup-point list."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        model = index.model()
        campaign = getattr(model, "campaign", None)
        if index.column() == Col.PRODUCT and campaign is not None:
            combo = QComboBox(parent)
            combo.setObjectName("productEditor")
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            for product in campaign.products:
                combo.addItem(product.label, product.id)
            return combo
        if index.column() == Col.QUANTITY:
            spin = QSpinBox(parent)
            spin.setObjectName("quantityEditor")
            spin.setRange(0, QUANTITY_MAX)
            return spin
        if index.column() == Col.PICKUP and campaign is not None:
            combo = QComboBox(parent)
            combo.setObjectName("pickupEditor")
            combo.addItem(self.tr("(无自提点)"), None)
            for point in campaign.pickup_points:
                combo.addItem(point.name, point.id)
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox) and index.column() == Col.PRODUCT:
            text = index.data(Qt.ItemDataRole.EditRole) or ""
            found = editor.findText(text)
            if found >= 0:
                editor.setCurrentIndex(found)
            else:
                editor.setCurrentIndex(-1)
                editor.setEditText(text)
            return
        if isinstance(editor, QComboBox) and index.column() == Col.PICKUP:
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
            return
        if isinstance(editor, QSpinBox):
            editor.setValue(int(index.data(Qt.ItemDataRole.EditRole) or 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        if isinstance(editor, QComboBox) and index.column() == Col.PRODUCT:
            text = editor.currentText().strip()
            chosen = editor.currentIndex()
            if chosen < 0 or editor.itemText(chosen) != text:
                chosen = editor.findText(text)  # a product's label typed and left with Tab: picked all the same
            if chosen >= 0:
                model.setData(index, int(editor.itemData(chosen)), Qt.ItemDataRole.EditRole)
            elif text:
                model.setData(index, text, Qt.ItemDataRole.EditRole)
            return
        if isinstance(editor, QComboBox) and index.column() == Col.PICKUP:
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        if isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class JielongTab(QWidget):
    status_message = Signal(str)

    def __init__(self, runner: TaskRunner, orders: OrderService, imports: ImportService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = orders
        self._imports = imports
        self.campaign: CampaignDetail | None = None
        self.review: JielongReview | None = None
        self.last_batch: int | None = None
        self._serial = 0
        # bumped by every edit: a check started before the latest edit is dropped when it comes back
        self._check_serial = 0
        # an edit not yet checked by the service (创建订单 waits for it)
        self.checking = False
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_now)

        self.paste = QPlainTextEdit()
        self.paste.setObjectName("jielongPaste")
        self.paste.setPlaceholderText(self.tr(
            "把群里的接龙整段粘贴到这里, 例如:\n#接龙\n周六水果团 截单周五20:00\n1. 王芳 脐橙5斤×2 阳光花园\n"
            "2. 李娜 苹果x1 翠湖\n然后点“识别”。再次粘贴更长的接龙时, 已下单的行会自动跳过。"))
        self.recognise_button = QPushButton(self.tr("识别"))
        self.recognise_button.setObjectName("jielongRecognise")
        self.recognise_button.setToolTip(self.tr("识别接龙的每一行 (Ctrl+Enter); 不会写入任何数据"))
        self.recognise_button.setShortcut("Ctrl+Return")
        self.recognise_button.clicked.connect(self.recognise)
        self.clear_button = QPushButton(self.tr("清空"))
        self.clear_button.clicked.connect(self._clear)
        paste_buttons = QVBoxLayout()
        paste_buttons.addWidget(self.recognise_button)
        paste_buttons.addWidget(self.clear_button)
        paste_buttons.addStretch(1)
        paste_box = QWidget()
        paste_layout = QHBoxLayout(paste_box)
        paste_layout.setContentsMargins(0, 0, 0, 0)
        paste_layout.addWidget(self.paste, 1)
        paste_layout.addLayout(paste_buttons)

        self.model = ReviewModel(self)
        self.model.edited.connect(self._schedule_check)
        self.model.dataChanged.connect(lambda *_: self._update_state())
        self.table = QTableView()
        self.table.setObjectName("jielongReview")
        self.table.setModel(self.model)
        self.table.setItemDelegate(ReviewDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((40, 34, 190, 80, 130, 40, 90, 160)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)

        self.state_label = QLabel()
        self.state_label.setObjectName("jielongState")
        self.state_label.setWordWrap(True)
        self.create_button = QPushButton(self.tr("创建订单"))
        self.create_button.setObjectName("jielongCreate")
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self.create_orders)
        self.undo_button = QPushButton(self.tr("撤销这次接龙"))
        self.undo_button.setObjectName("jielongUndo")
        self.undo_button.setToolTip(self.tr("删除刚才这次接龙创建的订单和新登记的成员 (在“导入记录”里也可撤销)"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_last)
        bottom = QHBoxLayout()
        bottom.addWidget(self.state_label, 1)
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.create_button)
        review_box = QWidget()
        review_layout = QVBoxLayout(review_box)
        review_layout.setContentsMargins(0, 0, 0, 0)
        review_layout.addWidget(self.table, 1)
        review_layout.addLayout(bottom)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(paste_box)
        self.splitter.addWidget(review_box)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([150, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addWidget(self.splitter)
        self._update_state()

    def set_campaign(self, campaign: CampaignDetail | None) -> None:
        if campaign is None or self.campaign is None or campaign.id != self.campaign.id:
            self.review = None
            self._drop_check()
            self.model.set_review(None, campaign)
            self.last_batch = None
        else:
            self.model.campaign = campaign
        self.campaign = campaign
        self.recognise_button.setEnabled(campaign is not None)
        self._update_state()

    def _clear(self) -> None:
        self.paste.clear()
        self.review = None
        self._drop_check()
        self.model.set_review(None, self.campaign)
        self._update_state()

    def recognise(self) -> None:
        campaign, text = self.campaign, self.paste.toPlainText()
        if campaign is None:
            return
        if not text.strip():
            self.state_label.setText(self.tr("请先把接龙粘贴到上面的框里。"))
            return
        service = self._service
        self._serial += 1
        serial = self._serial

        def done(review: JielongReview) -> None:
            if serial != self._serial:
                return
            self.review = review
            self._drop_check()  # the review was checked by the service as it was made
            self.model.set_review(review, campaign)
            self._update_state()

        self._runner.run(lambda _ctx: service.review_jielong(campaign.id, text), on_done=done,
                         on_error=lambda exc: self.state_label.setText(error_message(exc)), owner=self)

    def _schedule_check(self) -> None:
        """An edit: check the ticked lines once the operator pauses; until then 创建订单 waits."""
        self._check_serial += 1
        self.checking = True
        self._check_timer.start()
        self._update_state()

    def _drop_check(self) -> None:
        self._check_serial += 1
        self._check_timer.stop()
        self.checking = False

    def check_now(self) -> None:
        """Ask the service what 创建订单 would refuse in the ticked lines, as they stand now."""
        self._check_timer.stop()
        campaign, lines = self.campaign, self.model.to_create()
        serial = self._check_serial
        if campaign is None or not lines:
            self.checking = False
            self._update_state()
            return
        drafts = [line.draft() for line in lines]
        others = self._other_drafts(lines)
        service = self._service

        def done(found: dict[int, tuple[str, ...]]) -> None:
            if serial != self._check_serial:
                return  # edited again meanwhile: a newer check follows
            self.checking = False
            self.model.mark_checked(lines, found)
            self._update_state()

        def failed(exc: BaseException) -> None:
            if serial != self._check_serial:
                return
            self.checking = False
            self._update_state()
            self.state_label.setText(error_message(exc))
            self.state_label.setStyleSheet(ERROR_STYLE)

        self._runner.run(lambda _ctx: service.check_jielong(campaign.id, drafts, others), on_done=done,
                         on_error=failed, owner=self)

    def _other_drafts(self, chosen: Sequence[EditableLine]) -> list[JielongLineDraft]:
        """The paste's lines not being created: they tell the service which earlier orders are still
        in the 接龙 under another number (WeChat renumbers it when someone withdraws)."""
        picked = {id(line) for line in chosen}
        return [line.draft() for line in self.model.lines if id(line) not in picked]

    def _update_state(self) -> None:
        lines = self.model.lines
        if not lines:
            self.create_button.setEnabled(False)
            if self.campaign is None:
                self.state_label.setText(self.tr("先在左边选择一个团购活动。"))
            elif self.review is not None:
                self.state_label.setText(self.tr("没有识别出接龙行。每行以序号开头, 如“3. 王芳 脐橙×2”。"))
            else:
                self.state_label.setText(self.tr("粘贴接龙后点“识别”, 核对每一行再创建订单。"))
            self.state_label.setStyleSheet("")
            return
        done = sum(1 for line in lines if line.done)
        todo = self.model.to_create()
        blocking = self.model.blocking()
        text = self.tr("共 {0} 行: {1} 行待创建, {2} 行已下单").format(len(lines), len(todo), done)
        if blocking:
            text += self.tr("; {0} 行有问题 (红色), 请在表格中修改或取消勾选").format(len(blocking))
        withdrawn = self.review.withdrawn if self.review is not None else ()
        if withdrawn:
            shown = "、".join(source for _, source in withdrawn[:2]) + (self.tr(" 等") if len(withdrawn) > 2 else "")
            text += self.tr("; 之前的 {0} 笔订单已不在接龙里 (可能已退出), 请核对: {1}").format(len(withdrawn), shown)
        self.state_label.setToolTip("\n".join(self.tr("订单 #{0}: {1}").format(order_id, source)
                                              for order_id, source in withdrawn))
        self.state_label.setText(text)
        self.state_label.setStyleSheet(ERROR_STYLE if blocking else "")
        self.create_button.setEnabled(bool(todo) and not blocking and not self.checking)

    def create_orders(self) -> None:
        campaign = self.campaign
        if campaign is None:
            return
        chosen = self.model.to_create()
        lines = [line.draft() for line in chosen]
        others = self._other_drafts(chosen)
        if not lines or self.model.blocking() or self.checking:
            return
        service = self._service
        self.create_button.setEnabled(False)
        title = self.review.title if self.review and self.review.title else self.tr("接龙")

        def done(result: JielongResult) -> None:
            if result.batch_id is not None:
                self.last_batch = result.batch_id
            self.status_message.emit(self.tr("已创建 {0} 笔订单 (跳过 {1} 行已下单)").format(
                len(result.order_ids), result.skipped))
            self.recognise()  # the lines now read 已下单
            self.undo_button.setEnabled(self.last_batch is not None)

        def failed(exc: BaseException) -> None:
            message = error_message(exc)
            if isinstance(exc, LineErrors) and exc.lines:
                if not self.checking:  # the store changed since the last check (edited since: rechecked anyway)
                    self.model.mark_checked(chosen, exc.lines)
                self._update_state()
                self.state_label.setText(message)
                self.state_label.setStyleSheet(ERROR_STYLE)
                return
            self._update_state()
            QMessageBox.warning(self, self.tr("没有创建订单"), message)

        self._runner.run(lambda _ctx: service.apply_jielong(campaign.id, lines, source_name=title[:200], others=others),
                         on_done=done, on_error=failed, changes="orders",
                         changed_ids=lambda result: list(result.order_ids), title=self.tr("正在创建订单…"),
                         parent=self)

    def undo_last(self, *, confirm: bool = True) -> None:
        batch = self.last_batch
        if batch is None:
            return
        if confirm and QMessageBox.question(
                self, self.tr("撤销这次接龙"), self.tr("删除这次接龙创建的订单和新登记的成员?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        imports = self._imports
        self.undo_button.setEnabled(False)

        def done(_batch: object) -> None:
            self.last_batch = None
            self.status_message.emit(self.tr("已撤销这次接龙"))
            self._runner.data_changed.emit("imports", [])
            if self.review is not None:
                self.recognise()

        def failed(exc: BaseException) -> None:
            self.undo_button.setEnabled(True)
            QMessageBox.warning(self, self.tr("无法撤销"), error_message(exc))

        self._runner.run(lambda _ctx: imports.undo(batch), on_done=done, on_error=failed, changes="orders",
                         changed_ids=lambda _b: [])
