"""Group buys (团购活动): campaigns, products, pickup points and orders as drafts, DTOs and rules.
Stdlib only.

Money is integer cents everywhere. An order's amount is the sum of its lines (quantity x unit price);
a refund never exceeds the amount. Per-person limits and stock are checked by ``check_quantities``,
which the order service calls with what is already sold, so a quick-entry order, a 接龙 paste and an
edit all get the same message on the line concerned.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from .enums import CampaignStatus, FulfilmentStatus, PaymentStatus
from .errors import ValidationError
from .group_detail import yuan  # ¥12.50 from 1250: one formatter for every amount shown
from .members import normalise_phone

TITLE_MAX = 200
LEADER_MAX = 80
PRODUCT_NAME_MAX = 120
SPEC_MAX = 80
POINT_NAME_MAX = 120
ADDRESS_MAX = 300
CONTACT_MAX = 80
BUYER_NAME_MAX = 80
EXTERNAL_NO_MAX = 60
BUILDING_MAX = 40
ROOM_MAX = 40
NOTE_MAX = 2000
#: one price or amount: ¥10,000,000.00
MONEY_MAX_CENTS = 1_000_000_000
QUANTITY_MAX = 100_000

PAYMENT_NAMES: dict[PaymentStatus, str] = {
    PaymentStatus.UNPAID: "未付款", PaymentStatus.PAID: "已付款", PaymentStatus.REFUNDED: "已退款",
    PaymentStatus.CANCELLED: "已取消",
}
CAMPAIGN_STATUS_NAMES: dict[CampaignStatus, str] = {
    CampaignStatus.DRAFT: "草稿", CampaignStatus.OPEN: "进行中", CampaignStatus.CLOSED: "已截单",
    CampaignStatus.SETTLED: "已结算",
}
#: orders that still want goods: the supplier sheet and the pickup lists count these
LIVE_PAYMENTS: tuple[PaymentStatus, ...] = (PaymentStatus.UNPAID, PaymentStatus.PAID)
#: orders that were paid (GMV counts them, as the boss report does)
VALID_PAYMENTS: tuple[PaymentStatus, ...] = (PaymentStatus.PAID, PaymentStatus.REFUNDED)

_NATURAL = re.compile(r"(\d+)")


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _limit(value: str, limit: int, label: str, field_name: str) -> str:
    if len(value) > limit:
        raise ValidationError(f"{label}最多 {limit} 个字", field_name)
    return value


def _money(value: int, label: str, field_name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{label}必须是以分计的整数", field_name)
    if value < 0:
        raise ValidationError(f"{label}不能为负数", field_name)
    if value > MONEY_MAX_CENTS:
        raise ValidationError(f"{label}太大 (最多 ¥{MONEY_MAX_CENTS // 100:,})", field_name)
    return value


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """"9栋" before "10栋": digit runs compare as numbers, before text at the same place ("10栋" before
    "B座"; a number and a text are never compared with each other)."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _NATURAL.split(text or "") if part != "")


# ------------------------------------------------------------------------------------------- drafts


@dataclass(frozen=True, slots=True)
class CampaignDraft:
    title: str
    leader: str = ""
    open_at: datetime | None = None
    cutoff_at: datetime | None = None
    status: CampaignStatus = CampaignStatus.DRAFT
    note: str = ""
    group_ids: tuple[int, ...] = ()
    pickup_point_ids: tuple[int, ...] = ()

    def validated(self) -> CampaignDraft:
        title = _limit(_clean(self.title), TITLE_MAX, "活动名称", "title")
        if not title:
            raise ValidationError("请填写团购活动名称", "title")
        if self.open_at and self.cutoff_at and self.cutoff_at < self.open_at:
            raise ValidationError("截单时间早于开团时间", "cutoff_at")
        return replace(
            self, title=title, leader=_limit(_clean(self.leader), LEADER_MAX, "团长", "leader"),
            status=CampaignStatus(self.status), note=_limit((self.note or "").strip(), NOTE_MAX, "备注", "note"),
            group_ids=tuple(dict.fromkeys(self.group_ids)), pickup_point_ids=tuple(dict.fromkeys(self.pickup_point_ids)),
        )


@dataclass(frozen=True, slots=True)
class ProductDraft:
    name: str
    spec: str = ""
    price_cents: int = 0
    cost_cents: int = 0
    per_person_limit: int | None = None
    stock: int | None = None
    position: int = 0

    def validated(self) -> ProductDraft:
        name = _limit(_clean(self.name), PRODUCT_NAME_MAX, "商品名称", "name")
        if not name:
            raise ValidationError("请填写商品名称", "name")
        if self.per_person_limit is not None and self.per_person_limit < 1:
            raise ValidationError("每人限购至少为 1 (不限购请留空)", "per_person_limit")
        if self.stock is not None and self.stock < 0:
            raise ValidationError("库存不能为负数 (不限库存请留空)", "stock")
        return replace(self, name=name, spec=_limit(_clean(self.spec), SPEC_MAX, "规格", "spec"),
                       price_cents=_money(self.price_cents, "价格", "price_cents"),
                       cost_cents=_money(self.cost_cents, "成本价", "cost_cents"))


@dataclass(frozen=True, slots=True)
class PickupPointDraft:
    name: str
    address: str = ""
    contact: str = ""
    phone: str = ""

    def validated(self) -> PickupPointDraft:
        name = _limit(_clean(self.name), POINT_NAME_MAX, "自提点名称", "name")
        if not name:
            raise ValidationError("请填写自提点名称", "name")
        return replace(self, name=name, address=_limit(_clean(self.address), ADDRESS_MAX, "地址", "address"),
                       contact=_limit(_clean(self.contact), CONTACT_MAX, "联系人", "contact"),
                       phone=normalise_phone(self.phone) or "")


@dataclass(frozen=True, slots=True)
class OrderItemDraft:
    product_id: int
    quantity: int
    #: None: the product's price
    unit_price_cents: int | None = None


@dataclass(frozen=True, slots=True)
class OrderDraft:
    """What the operator typed for one order (quick entry or edit)."""

    campaign_id: int
    items: tuple[OrderItemDraft, ...]
    member_id: int | None = None
    buyer_name: str = ""
    buyer_phone: str = ""
    group_id: int | None = None
    pickup_point_id: int | None = None
    placed_at: datetime | None = None
    paid_at: datetime | None = None
    payment_status: PaymentStatus = PaymentStatus.UNPAID
    fulfilment_status: FulfilmentStatus = FulfilmentStatus.WAITING
    refund_cents: int = 0
    external_no: str | None = None
    building: str = ""
    room: str = ""
    note: str = ""
    leader_note: str = ""

    def validated(self) -> OrderDraft:
        if not self.items:
            raise ValidationError("订单至少要有一个商品", "items")
        seen: set[int] = set()
        for n, item in enumerate(self.items, start=1):
            check_quantity(item.quantity, f"第 {n} 个商品")
            if item.unit_price_cents is not None:
                _money(item.unit_price_cents, f"第 {n} 个商品的单价", "items")
            if item.product_id in seen:
                raise ValidationError(f"第 {n} 个商品重复了；同一商品请合并数量", "items")
            seen.add(item.product_id)
        name = _limit(_clean(self.buyer_name), BUYER_NAME_MAX, "下单人", "buyer_name")
        if not name and self.member_id is None:
            raise ValidationError("请填写下单人或选择成员", "buyer_name")
        external_no = _clean(self.external_no) or None
        if external_no:
            _limit(external_no, EXTERNAL_NO_MAX, "订单号", "external_no")
        if self.paid_at and self.placed_at and self.paid_at < self.placed_at:
            raise ValidationError("付款时间早于下单时间", "paid_at")
        return replace(
            self, buyer_name=name, buyer_phone=normalise_phone(self.buyer_phone) or "", external_no=external_no,
            payment_status=PaymentStatus(self.payment_status), fulfilment_status=FulfilmentStatus(self.fulfilment_status),
            refund_cents=_money(self.refund_cents, "退款金额", "refund_cents"),
            building=_limit(_clean(self.building), BUILDING_MAX, "楼号", "building"),
            room=_limit(_clean(self.room), ROOM_MAX, "房号", "room"),
            note=_limit((self.note or "").strip(), NOTE_MAX, "备注", "note"),
            leader_note=_limit((self.leader_note or "").strip(), NOTE_MAX, "团长备注", "leader_note"),
        )


def check_quantity(value: object, label: str) -> int:
    """A quantity typed or parsed: a whole number from 1 up; the message names ``label``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{label}的数量不是整数：{value}", "quantity")
    if value <= 0:
        raise ValidationError(f"{label}的数量必须大于 0", "quantity")
    if value > QUANTITY_MAX:
        raise ValidationError(f"{label}的数量 {value} 太大", "quantity")
    return value


def quantity_problem(value: object, name: str = "") -> str | None:
    """What is wrong with a 接龙 line's quantity of product ``name`` (worded as the 接龙 parser words
    it), or None for a whole number from 1 up."""
    what = f"“{name}”的数量" if name else "数量"
    if isinstance(value, bool) or not isinstance(value, int):
        return f"{what}不是整数：{value}"
    if value == 0:
        return f"{what}为 0"
    if value < 0:
        return f"{what}不能为负数：{value}"
    if value > QUANTITY_MAX:
        return f"{what} {value} 太大，请核对"
    return None


def check_refund(amount_cents: int, refund_cents: int) -> None:
    if refund_cents > amount_cents:
        raise ValidationError(f"退款 {yuan(refund_cents)} 超过订单金额 {yuan(amount_cents)}", "refund_cents")


def settle_payment(status: PaymentStatus, paid_at: datetime | None, amount_cents: int, refund_cents: int,
                   now: datetime) -> tuple[PaymentStatus, datetime | None]:
    """A paid order gets a payment time; a full refund of a paid order reads as 已退款."""
    status = PaymentStatus(status)
    if refund_cents and refund_cents >= amount_cents > 0 and status is PaymentStatus.PAID:
        status = PaymentStatus.REFUNDED
    if status in (PaymentStatus.PAID, PaymentStatus.REFUNDED) and paid_at is None:
        paid_at = now
    if status is PaymentStatus.UNPAID:
        paid_at = None
    return status, paid_at


# ------------------------------------------------------------------------------------------- limits


@dataclass(frozen=True, slots=True)
class ProductRule:
    product_id: int
    label: str
    per_person_limit: int | None
    stock: int | None


@dataclass(frozen=True, slots=True)
class QuantityLine:
    """One order-to-be for the limit check: who buys (any stable key) and what."""

    ref: int
    buyer: str
    items: tuple[tuple[int, int], ...]


def check_quantities(lines: Sequence[QuantityLine], rules: Mapping[int, ProductRule],
                     bought: Mapping[tuple[str, int], int], sold: Mapping[int, int], *,
                     whole_batch: bool = False) -> dict[int, list[str]]:
    """ref -> problems for the lines that break a per-person limit or the stock, counting the lines
    in order on top of what each buyer already ``bought`` and what is already ``sold``.

    With ``whole_batch`` (a 接龙 paste) a buyer whose lines together go over a per-person limit is
    named on every one of those lines, since any of them may be the one to fix; otherwise only the
    line that goes over is. Stock is first come, first served: the lines that no longer fit."""
    in_batch: dict[tuple[str, int], int] = {}
    if whole_batch:
        for line in lines:
            for product_id, quantity in line.items:
                in_batch[(line.buyer, product_id)] = in_batch.get((line.buyer, product_id), 0) + quantity
    problems: dict[int, list[str]] = {}
    per_buyer: dict[tuple[str, int], int] = dict(bought)
    taken: dict[int, int] = dict(sold)
    for line in lines:
        for product_id, quantity in line.items:
            rule = rules.get(product_id)
            if rule is None:
                continue
            key = (line.buyer, product_id)
            mine = per_buyer.get(key, 0) + quantity
            if rule.per_person_limit is not None and line.buyer:
                if whole_batch:
                    before, others = bought.get(key, 0), in_batch[key] - quantity
                    over = before + in_batch[key] > rule.per_person_limit
                else:
                    before, others, over = mine - quantity, 0, mine > rule.per_person_limit
                if over:
                    parts = ([f"之前已买 {before} 份"] if before else []) + (
                        [f"同一人其他行 {others} 份"] if others else [])
                    extra = f"（{'，'.join(parts)}）" if parts else ""
                    problems.setdefault(line.ref, []).append(
                        f"“{rule.label}”每人限购 {rule.per_person_limit} 份，这里是 {quantity} 份{extra}")
            total = taken.get(product_id, 0) + quantity
            if rule.stock is not None and total > rule.stock:
                left = max(rule.stock - taken.get(product_id, 0), 0)
                problems.setdefault(line.ref, []).append(
                    f"“{rule.label}”库存不足：还剩 {left} 份，这里要 {quantity} 份")
            per_buyer[key] = mine
            taken[product_id] = total
    return problems


# ------------------------------------------------------------------------------------------- DTOs


@dataclass(frozen=True, slots=True)
class PickupPointDTO:
    id: int
    name: str
    address: str
    contact: str
    phone: str


@dataclass(frozen=True, slots=True)
class ProductDTO:
    id: int
    campaign_id: int
    name: str
    spec: str
    price_cents: int
    cost_cents: int
    per_person_limit: int | None
    stock: int | None
    position: int
    #: quantity in live orders (unpaid or paid)
    sold: int = 0

    @property
    def label(self) -> str:
        return f"{self.name} {self.spec}".strip()

    @property
    def left(self) -> int | None:
        return None if self.stock is None else max(self.stock - self.sold, 0)


@dataclass(frozen=True, slots=True)
class CampaignRow:
    id: int
    title: str
    leader: str
    status: CampaignStatus
    open_at: datetime | None
    cutoff_at: datetime | None
    orders: int
    buyers: int
    #: sum of live and paid orders' amounts (cancelled ones left out)
    amount_cents: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class CampaignDetail:
    id: int
    title: str
    leader: str
    status: CampaignStatus
    open_at: datetime | None
    cutoff_at: datetime | None
    note: str
    group_ids: tuple[int, ...]
    products: tuple[ProductDTO, ...]
    pickup_points: tuple[PickupPointDTO, ...]


@dataclass(frozen=True, slots=True)
class OrderItemDTO:
    product_id: int
    label: str
    quantity: int
    unit_price_cents: int
    amount_cents: int


@dataclass(frozen=True, slots=True)
class OrderRow:
    id: int
    campaign_id: int | None
    external_no: str | None
    seq: int | None
    member_id: int | None
    buyer_name: str
    buyer_phone: str
    group_id: int | None
    group_name: str
    pickup_point_id: int | None
    pickup_point_name: str
    placed_at: datetime
    paid_at: datetime | None
    amount_cents: int
    refund_cents: int
    payment_status: PaymentStatus
    fulfilment_status: FulfilmentStatus
    #: "脐橙 5斤×2、苹果×1"
    items_text: str
    quantity: int
    building: str
    room: str
    note: str
    leader_note: str


@dataclass(frozen=True, slots=True)
class OrderDetail:
    row: OrderRow
    items: tuple[OrderItemDTO, ...]
    #: the 接龙 line the order came from, if any
    source_text: str = ""
    #: the member this write registered for a buyer nobody matched (quick entry of a new name)
    new_member_id: int | None = None
    #: the delivery address and the export's other columns (快递单号, 收货人, the leader's own ...), as
    #: imported: shown, not edited
    address: str = ""
    extras: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class GroupChoice:
    """A group an order can be put in (the order editor's group list)."""

    id: int
    name: str


class ProductsInUse(ValidationError):
    """The campaign editor removed products that orders hold: the whole save is refused, and the
    editor puts ``product_ids`` back in its list."""

    def __init__(self, message: str, product_ids: Iterable[int]) -> None:
        super().__init__(message, "products")
        self.product_ids = tuple(product_ids)


class OrderSort(StrEnum):
    PLACED = "placed"
    SEQ = "seq"
    BUYER = "buyer"
    AMOUNT = "amount"
    PICKUP = "pickup"
    ADDRESS = "address"


@dataclass(frozen=True, slots=True)
class OrderFilter:
    payment_statuses: frozenset[PaymentStatus] | None = None
    fulfilment_statuses: frozenset[FulfilmentStatus] | None = None
    pickup_point_ids: frozenset[int] | None = None
    group_ids: frozenset[int] | None = None
    product_id: int | None = None
    member_id: int | None = None
    #: words matched against the buyer's name, phone, order number and note
    text: str = ""


def items_text(items: Iterable[tuple[str, int]]) -> str:
    return "、".join(f"{label}×{quantity}" for label, quantity in items)


# ------------------------------------------------------------------------------------------- 接龙 review


class LineStatus(StrEnum):
    NEW = "new"
    #: pasted and ordered before: skipped
    DONE = "done"
    #: the same 接龙 number was ordered before with other text
    CHANGED = "changed"


class PastedLine(NamedTuple):
    seq: int | None
    #: desktop.domain.jielong.line_key: the number, the text and which repeat of both
    key: str
    #: the text without its number, spacing and width folded (desktop.domain.jielong.line_content)
    content: str
    #: who the line is for (its nickname)
    buyer: str = ""


class OrderedLine(NamedTuple):
    """An order made from a 接龙 line of an earlier paste."""

    order_id: int
    seq: int | None
    key: str
    content: str
    text: str
    buyer: str = ""


@dataclass(frozen=True, slots=True)
class RepasteMatch:
    #: position of a pasted line -> the order it became in an earlier paste (maybe under another number)
    done: dict[int, OrderedLine]
    #: position of a new line -> the order the same buyer's line at that place became, with other text
    #: (the line was edited after it was ordered)
    changed: dict[int, OrderedLine]
    #: orders no line of the paste accounts for, from its first number on (the buyer withdrew)
    withdrawn: tuple[OrderedLine, ...]


def _same_buyer(a: str, b: str) -> bool:
    return "".join(a.split()).casefold()[:80] == "".join(b.split()).casefold()[:80]


def match_repaste(lines: Sequence[PastedLine], ordered: Sequence[OrderedLine]) -> RepasteMatch:
    """Which lines of a pasted 接龙 were ordered before, whatever order ``lines`` come in.

    A WeChat 接龙 keeps its order: lines are added at the end, edited in place by their own buyer,
    and when someone withdraws the lines below move up a number. So a line is the one ordered
    when its key matches (same number, same text); else when its text matches an order no other
    line accounts for under a higher number (taken in number order: a paste of the last lines alone
    never takes a repeated "王芳 +1" for one ordered further up). Between two lines matched so, a
    line left over and an order left over of the same buyer are one line edited since: ``changed``.
    Orders still left over, from the paste's first number on, are ``withdrawn``; lines left over are new."""
    by_key = {o.key: o for o in ordered}
    used: set[int] = set()
    done: dict[int, OrderedLine] = {}
    for at, line in enumerate(lines):
        found = by_key.get(line.key)
        if found is not None and found.order_id not in used:
            done[at] = found
            used.add(found.order_id)
    numbered = sorted((at for at, line in enumerate(lines) if line.seq is not None),
                      key=lambda at: (lines[at].seq, at))
    by_content: dict[str, list[OrderedLine]] = {}
    for o in sorted(ordered, key=lambda o: (o.seq or 0, o.order_id)):
        if o.order_id not in used and o.seq is not None:
            by_content.setdefault(o.content, []).append(o)
    for at in numbered:
        line = lines[at]
        if at in done:
            continue
        found = next((o for o in by_content.get(line.content, ()) if o.order_id not in used
                      and o.seq > line.seq), None)  # type: ignore[operator]
        if found is not None:
            done[at] = found
            used.add(found.order_id)
    if not numbered:
        return RepasteMatch(done, {}, ())
    # what is left, placed between the matched lines (by number on each side)
    first = lines[numbered[0]].seq
    line_marks = sorted(lines[at].seq for at in done if lines[at].seq is not None)  # type: ignore[type-var]
    order_marks = sorted(o.seq for o in done.values() if o.seq is not None)  # type: ignore[type-var]
    left = [o for o in sorted(ordered, key=lambda o: (o.seq or 0, o.order_id))
            if o.order_id not in used and o.seq is not None and o.seq >= first]  # type: ignore[operator]
    gaps: dict[int, list[OrderedLine]] = {}
    for o in left:
        gaps.setdefault(bisect_left(order_marks, o.seq), []).append(o)
    changed: dict[int, OrderedLine] = {}
    for at in numbered:
        if at in done:
            continue
        line = lines[at]
        gap = gaps.get(bisect_left(line_marks, line.seq), [])
        found = next((o for o in gap if _same_buyer(o.buyer, line.buyer)), None)
        if found is not None:
            gap.remove(found)
            changed[at] = found
    claimed = {o.order_id for o in changed.values()}
    withdrawn = tuple(o for o in left if o.order_id not in claimed)
    return RepasteMatch(done, changed, withdrawn)


@dataclass(frozen=True, slots=True)
class ReviewItem:
    product_id: int
    label: str
    quantity: int
    unit_price_cents: int


@dataclass(frozen=True, slots=True)
class ReviewLine:
    """One parsed 接龙 line next to its source, matched against the store, for the operator to correct."""

    line_no: int
    seq: int | None
    source: str
    key: str
    nickname: str
    phone: str
    member_id: int | None
    #: the member's nickname when matched; empty when a new member will be created
    member_name: str
    items: tuple[ReviewItem, ...]
    pickup_point_id: int | None
    pickup_point_name: str
    building: str
    room: str
    note: str
    status: LineStatus
    problems: tuple[str, ...]
    warnings: tuple[str, ...]
    #: the order this line became (status DONE)
    order_id: int | None = None
    #: the part of ``problems`` found by the parser in the text itself (an unknown product, two pickup
    #: points): only the text shows them, so they hold until the operator corrects the line
    parse_problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def amount_cents(self) -> int:
        return sum(item.quantity * item.unit_price_cents for item in self.items)


@dataclass(frozen=True, slots=True)
class JielongReview:
    campaign_id: int
    title: str
    lines: tuple[ReviewLine, ...]
    ignored_lines: tuple[tuple[int, str], ...]
    #: (order id, its 接龙 line) of orders pasted before whose number lies within this paste's numbers
    #: but whose line is no longer in it: the buyer probably withdrew (WeChat renumbers the rest)
    withdrawn: tuple[tuple[int, str], ...] = ()

    @property
    def new_lines(self) -> tuple[ReviewLine, ...]:
        return tuple(line for line in self.lines if line.status is LineStatus.NEW)


@dataclass(frozen=True, slots=True)
class JielongLineDraft:
    """A reviewed line as the operator leaves it: what ``apply_jielong`` turns into an order."""

    line_no: int
    seq: int | None
    source: str
    key: str
    nickname: str
    items: tuple[OrderItemDraft, ...]
    phone: str = ""
    member_id: int | None = None
    pickup_point_id: int | None = None
    building: str = ""
    room: str = ""
    note: str = ""

    @classmethod
    def from_review(cls, line: ReviewLine) -> JielongLineDraft:
        return cls(line.line_no, line.seq, line.source, line.key, line.nickname,
                   tuple(OrderItemDraft(i.product_id, i.quantity) for i in line.items), line.phone,
                   line.member_id, line.pickup_point_id, line.building, line.room, line.note)


class LineErrors(ValidationError):
    """Pasted lines that would make bad orders: ``lines`` maps each line number to its problems; the
    message names the first few lines, as the operator reads them."""

    SHOWN = 5

    def __init__(self, lines: Mapping[int, Sequence[str]], labels: Mapping[int, str] | None = None,
                 heading: str = "接龙有问题，未创建任何订单：") -> None:
        self.lines: dict[int, tuple[str, ...]] = {n: tuple(found) for n, found in sorted(lines.items()) if found}
        self.labels: dict[int, str] = dict(labels or {})
        shown = [f"第 {n} 行（{self.labels[n]}）：" if self.labels.get(n) else f"第 {n} 行：" for n in self.lines]
        text = [head + "；".join(found) for head, found in zip(shown, self.lines.values(), strict=True)]
        more = f"\n（另有 {len(text) - self.SHOWN} 行有问题）" if len(text) > self.SHOWN else ""
        super().__init__(heading + "\n" + "\n".join(text[:self.SHOWN]) + more, "lines")


def merge_problems(*parts: Iterable[str]) -> tuple[str, ...]:
    """Problems from several checks, each message once, in order."""
    return tuple(dict.fromkeys(problem for part in parts for problem in part))


@dataclass(frozen=True, slots=True)
class JielongResult:
    batch_id: int | None
    order_ids: tuple[int, ...]
    #: lines left alone because they were ordered before
    skipped: int
    new_member_ids: tuple[int, ...] = field(default=())


# ------------------------------------------------------------------------------------------- summaries


@dataclass(frozen=True, slots=True)
class ProductSummary:
    """One line of the supplier order."""

    product_id: int
    name: str
    spec: str
    quantity: int
    orders: int
    amount_cents: int
    cost_cents: int

    @property
    def margin_cents(self) -> int:
        return self.amount_cents - self.cost_cents


@dataclass(frozen=True, slots=True)
class PickupSummary:
    pickup_point_id: int | None
    name: str
    address: str
    orders: int
    buyers: int
    quantity: int
    amount_cents: int
    picked_up: int


@dataclass(frozen=True, slots=True)
class GroupSummary:
    group_id: int | None
    name: str
    orders: int
    buyers: int
    amount_cents: int
    refund_cents: int


@dataclass(frozen=True, slots=True)
class LeaderSummary:
    leader: str
    campaigns: int
    orders: int
    buyers: int
    amount_cents: int
    refund_cents: int


@dataclass(frozen=True, slots=True)
class Debtor:
    member_id: int | None
    name: str
    phone: str
    orders: int
    amount_cents: int


@dataclass(frozen=True, slots=True)
class Reconciliation:
    paid_orders: int
    paid_cents: int
    unpaid_orders: int
    unpaid_cents: int
    refunded_orders: int
    refund_cents: int
    cancelled_orders: int
    owing: tuple[Debtor, ...]

    @property
    def received_cents(self) -> int:
        """What actually stayed with the leader: paid amounts less refunds."""
        return self.paid_cents - self.refund_cents


@dataclass(frozen=True, slots=True)
class RepurchaseRow:
    campaign_id: int
    title: str
    buyers: int
    #: buyers who had bought in an earlier campaign
    returning: int

    @property
    def rate(self) -> float:
        return self.returning / self.buyers if self.buyers else 0.0


@dataclass(frozen=True, slots=True)
class Repurchase:
    per_campaign: tuple[RepurchaseRow, ...]
    buyers: int
    #: buyers with paid orders in two or more campaigns
    repeat_buyers: int

    @property
    def rate(self) -> float:
        return self.repeat_buyers / self.buyers if self.buyers else 0.0


@dataclass(frozen=True, slots=True)
class PickupListRow:
    """One order on a pickup point's list; the phone is already masked."""

    order_id: int
    number: str
    buyer_name: str
    phone_masked: str
    items_text: str
    quantity: int
    amount_cents: int
    payment_status: PaymentStatus
    building: str
    room: str
    note: str


@dataclass(frozen=True, slots=True)
class PickupList:
    pickup_point_id: int | None
    name: str
    address: str
    contact: str
    rows: tuple[PickupListRow, ...]
    #: product label -> quantity at this point (what the delivery must carry)
    totals: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class CampaignSummary:
    campaign_id: int
    title: str
    products: tuple[ProductSummary, ...]
    pickup_points: tuple[PickupSummary, ...]
    groups: tuple[GroupSummary, ...]
    reconciliation: Reconciliation


def sort_pickup_rows(rows: Iterable[PickupListRow]) -> list[PickupListRow]:
    """By building and room when written (9栋 before 10栋), then by name and number."""
    return sorted(rows, key=lambda r: (r.building == "", natural_key(r.building), natural_key(r.room),
                                        r.buyer_name, natural_key(r.number)))
