"""The ``orders`` kind of the import engine: 快团团 and 群接龙 order exports.

Each sheet row is one order line; the rows sharing a 跟团号 (接龙号, 订单号) are one order. Order-level
cells (下单人, 支付时间, 订单金额, 退款金额, 订单状态, 自提点, 收货人, 联系电话, 地址 ...) are read from the
first line that fills them, because exports either repeat them on every line or merge them (the
merged value sits on the first line only).

Amounts: a line's amount is its 商品金额 / 小计 when the sheet has one, else 单价 x 数量, else the
product's price x 数量 (a product the campaign already has). 订单金额 is the order's amount when every
line that fills it says the same; when the lines say different amounts, each is that line's amount
(some exports put the line amount under 订单金额). Lines whose amount is still unknown share what is
left of the order amount in proportion to their quantities. Products missing from the campaign are
created with the price their first line implies, and the cost from 商品成本价.

Matching: an order is (campaign, 跟团号). The same 跟团号 with two different buyers, in the file or
against the order already stored, fails the whole order with both names. Per-person limits and stock
are reported on the line but never drop an order that the platform already took. Buyers are matched
to members by phone, then by a nickname exactly one member has, else created. Everything is written
under the import batch (campaign, pickup points and their links, products, members, orders), so undo
removes exactly what the import made; an UPDATE import changes only order-level fields (status, paid
time, refund, fulfilment, notes, pickup point), recorded for undo.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from desktop.domain.enums import CampaignStatus, FulfilmentStatus, PaymentStatus
from desktop.domain.errors import NotFoundError
from desktop.domain.imports import ImportPolicy, ParsedRow, RowOutcome, RowResult
from desktop.domain.orders import QuantityLine, check_quantities, settle_payment, yuan
from desktop.store.models import Campaign, CampaignPickupPoint, Order, OrderItem, PickupPoint, Product

from .imports import _column_name, _column_writer, _Plan, _Source, _Update
from .interactions import chunks
from .orders import (
    Buyer,
    bought_and_sold,
    buyer_groups,
    buyer_key,
    find_members,
    group_for,
    product_rules,
    resolve_buyers,
)

ORDERS: Table = Order.__table__  # type: ignore[assignment]
ENTITY = "order"
#: order-level fields an UPDATE import may change
UPDATABLE = ("payment_status", "paid_at", "refund_cents", "fulfilment_status", "note", "leader_note",
             "pickup_point_id")
#: fields kept in orders.extras_json
EXTRAS = {"courier": "快递公司", "tracking_no": "快递单号", "receiver": "收货人"}
_EXTRA_KEYS = {name: encode_basestring(title) for name, title in EXTRAS.items()}
#: order-level fields read from the first line that fills them
ORDER_FIELDS = ("buyer_name", "member_note", "placed_at", "paid_at", "leader_note", "refund_cents",
                "payment_status", "fulfilment_status", "pickup_point", "receiver", "phone", "address", "province",
                "city", "district", "courier", "tracking_no", "building", "room")


@dataclass(slots=True)
class _Line:
    row: int
    product: str
    spec: str
    quantity: int
    unit_price: int | None
    line_amount: int | None
    order_amount: int | None
    cost: int | None
    amount: int = 0
    note: str = ""


@dataclass
class _Order:
    external_no: str
    rows: list[ParsedRow]
    values: dict[str, Any] = field(default_factory=dict)
    lines: list[_Line] = field(default_factory=list)
    amount: int = 0
    problem: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def first_row(self) -> int:
        return self.rows[0].row

    def label(self, line: _Line | None = None) -> str:
        product = f" {line.product}{(' ' + line.spec) if line and line.spec else ''}" if line else ""
        return f"{self.external_no}{product}"

    _buyer: Buyer | None = field(default=None, repr=False, compare=False)

    @property
    def buyer(self) -> Buyer:
        """Read once the order-level values are settled (``_group``), then kept (a plain attribute:
        ``cached_property`` takes a lock on every first read)."""
        buyer = self._buyer
        if buyer is None:
            name = self.values.get("buyer_name") or self.values.get("receiver") or ""
            buyer = self._buyer = Buyer(str(name)[:120], str(self.values.get("phone") or "")[:32])
        return buyer


# ================================================================================================ planning


def plan_orders(session: Session, source: _Source, policy: ImportPolicy) -> _Plan:
    """Group the rows into orders, check them, match them; the writes happen in the plan's step."""
    sheet = source.sheet
    assert sheet is not None
    plan = _Plan(ENTITY, ORDERS)
    orders = _group(sheet.rows, sheet.mapping.headers, plan.results)
    campaign_id = _campaign_id(session, source)
    products = _products(session, campaign_id)
    for order in orders:
        if not order.problem:
            _read_lines(order, products)
    existing = _existing(session, campaign_id, [o.external_no for o in orders if not o.problem])
    new_orders: list[_Order] = []
    for order in orders:
        if order.problem:
            _fail(plan, order, order.problem)
            continue
        stored = existing.get(order.external_no)
        if stored is None:
            new_orders.append(order)
            continue
        if not _same_buyer(order.buyer, stored):
            _fail(plan, order, f"跟团号 {order.external_no} 已有订单 #{stored['id']}，下单人是"
                               f"“{stored['buyer_name'] or stored['buyer_phone']}”，这里是“{order.buyer.name}”")
        elif policy is ImportPolicy.UPDATE:
            _plan_update(plan, order, stored, session)
        else:
            outcome = RowOutcome.FAILED if policy is ImportPolicy.INSERT else RowOutcome.SKIPPED
            _all_rows(plan, order, outcome, f"已存在（订单 #{stored['id']}）")
    warnings = _limit_warnings(session, campaign_id, new_orders, products)
    for order in new_orders:
        _insert_results(plan, order, warnings.get(id(order), []))
    now = datetime.now()

    def steps(session: Session, batch_id: int | None) -> Iterator[_Plan]:
        if batch_id is not None and new_orders:
            _write(session, batch_id, campaign_id, source, new_orders, now)
        return
        yield  # a generator that writes and yields no further plan

    plan.steps = steps
    return plan


def _group(rows: Sequence[ParsedRow], headers: Sequence[str], results: list[RowResult]) -> list[_Order]:
    """Rows by 跟团号, in file order; an order with an unusable cell or two buyers gets a problem."""
    by_no: dict[str, _Order] = {}
    # the order-level fields any row has (the parser gives every row the same fields)
    filled = set().union(*{tuple(r.values) for r in rows})
    present = [name for name in ORDER_FIELDS if name in filled]
    with_problems: set[str] = set()  # the orders with a row that has a problem (few)
    for row in rows:
        number = row.values.get("external_no")
        if number is None:
            reasons = "；".join(f"{_column_name(p.column, headers)}：{p.reason}" for p in row.problems)
            results.append(RowResult(row.row, RowOutcome.FAILED, ENTITY, str(row.values.get("product") or ""),
                                     reasons or "跟团号为空"))
            continue
        number = str(number)[:60]
        order = by_no.get(number)
        if order is None:
            order = by_no[number] = _Order(number, [])
        order.rows.append(row)
        if row.problems:
            with_problems.add(number)
    for order in by_no.values():
        if order.external_no in with_problems:
            bad = [r for r in order.rows if r.problems]
            first = bad[0]
            reasons = "；".join(f"{_column_name(p.column, headers)}：{p.reason}" for p in first.problems)
            order.problem = reasons if len(order.rows) == 1 else (
                f"第 {first.row} 行 {reasons}；同一订单的行一起不导入")
            continue
        order.problem = _buyer_conflict(order) if len(order.rows) > 1 and not _same_buyer_lines(order.rows) else ""
        if not order.problem:
            # the first line that fills a field wins: fields the first line leaves empty are looked
            # for in the lines after it, in order. The order's values are the first row's own dict
            # (read only) unless a later line fills something in: every reader uses .get
            values = order.rows[0].values
            if len(order.rows) > 1:
                copied = False
                for name in present:
                    if values.get(name) is None:
                        for row in order.rows[1:]:
                            value = row.values.get(name)
                            if value is not None:
                                if not copied:
                                    values, copied = dict(values), True
                                values[name] = value  # type: ignore[index]
                                break
            order.values = values  # type: ignore[assignment]
            if not (values.get("buyer_name") or values.get("receiver") or values.get("phone")):
                order.problem = "没有下单人、收货人或电话"
    return list(by_no.values())


def _same_buyer_lines(rows: Sequence[ParsedRow]) -> bool:
    """Every line has the first line's 下单人 and 联系电话 (most orders): no conflict to look for."""
    get = rows[0].values.get
    name, phone = get("buyer_name"), get("phone")
    for row in rows[1:]:
        get = row.values.get
        if get("buyer_name") != name or get("phone") != phone:
            return False
    return True


def _buyer_conflict(order: _Order) -> str:
    for name, what in (("buyer_name", "下单人"), ("phone", "联系电话")):
        distinct = {row.values.get(name) for row in order.rows}
        distinct.discard(None)
        if len(distinct) < 2:  # most orders: every line says the same
            continue
        seen: dict[Any, int] = {}
        for row in order.rows:
            value = row.values.get(name)
            if value is not None:
                seen.setdefault(value, row.row)
        if len(seen) > 1:
            shown = "、".join(f"“{value}”（第 {row} 行）" for value, row in seen.items())
            return f"跟团号 {order.external_no} 出现了两个不同的{what}：{shown}；请核对后再导入"
    return ""


def _read_lines(order: _Order, products: Mapping[tuple[str, str], _Known]) -> None:
    """Lines with quantities and amounts (see the module docstring for the amount rules)."""
    lines = order.lines
    append = lines.append
    for row in order.rows:
        values = row.values
        get = values.get
        quantity = get("quantity")
        if quantity == 0:
            order.problem = f"第 {row.row} 行数量为 0"
            return
        spec = get("spec")
        if quantity is not None:
            append(_Line(row.row, str(values["product"])[:120], str(spec)[:80] if spec else "", quantity,
                         get("unit_price_cents"), get("line_amount_cents"), get("amount_cents"), get("cost_cents")))
        else:
            append(_Line(row.row, str(values["product"])[:120], str(spec)[:80] if spec else "", 1,
                         get("unit_price_cents"), get("line_amount_cents"), get("amount_cents"), get("cost_cents"),
                         note="未写数量，按 1"))
    # most orders name each product once: merge only when two lines share (product, spec)
    if len(lines) > 1 and len({(line.product, line.spec) for line in lines}) < len(lines):
        merged: dict[tuple[str, str], _Line] = {}
        for line in lines:
            key = (line.product, line.spec)
            if key in merged:
                first = merged[key]
                first.quantity += line.quantity
                first.line_amount = (first.line_amount or 0) + (line.line_amount or 0) if (
                    first.line_amount is not None or line.line_amount is not None) else None
                line.note = f"与第 {first.row} 行是同一商品，数量已合并"
                line.quantity = 0
            else:
                merged[key] = line
    _amounts(order, products)


def _amounts(order: _Order, products: Mapping[tuple[str, str], _Known]) -> None:
    lines = [line for line in order.lines if line.quantity]
    order_amount: int | None = None  # the one 订单金额 the lines give, unless they differ (per_line)
    per_line = False
    for line in order.lines:
        value = line.order_amount
        if value is not None:
            if order_amount is None:
                order_amount = value
            elif value != order_amount:
                per_line = True
                break
    if per_line:
        for line in lines:
            if line.line_amount is not None:
                line.amount = line.line_amount
            elif line.unit_price is not None:
                line.amount = line.unit_price * line.quantity
            elif line.order_amount is not None:
                line.amount = line.order_amount
            else:
                known = products.get((line.product, line.spec)) if products else None
                line.amount = known.price * line.quantity if known is not None else -1
        order.amount = sum(line.amount for line in lines if line.amount >= 0)
        return
    unknown: list[_Line] = []
    known_sum = 0
    for line in lines:
        if line.line_amount is not None:
            amount = line.line_amount
        elif line.unit_price is not None:
            amount = line.unit_price * line.quantity
        else:
            known = products.get((line.product, line.spec)) if products else None
            amount = known.price * line.quantity if known is not None else -1
        line.amount = amount
        if amount >= 0:
            known_sum += amount
        else:
            unknown.append(line)
    if unknown:
        left = max((order_amount or 0) - known_sum, 0)
        if len(unknown) == 1:
            unknown[0].amount = left
            if len(lines) > 1:
                unknown[0].note = unknown[0].note or "无单价：按数量分摊订单金额"
        else:
            total_quantity = sum(line.quantity for line in unknown)
            shared = 0
            last = len(unknown) - 1
            for n, line in enumerate(unknown):
                line.amount = left - shared if n == last else left * line.quantity // total_quantity
                shared += line.amount
                line.note = line.note or "无单价：按数量分摊订单金额"
    order.amount = order_amount if order_amount is not None else sum(line.amount for line in lines)
    if order_amount is not None and not unknown and known_sum != order_amount:
        order.notes.append(f"订单金额 {yuan(order_amount)} 与商品合计 {yuan(known_sum)} 不同，以订单金额为准")


def _fail(plan: _Plan, order: _Order, reason: str) -> None:
    for row in order.rows:
        plan.results.append(RowResult(row.row, RowOutcome.FAILED, ENTITY, _row_label(order, row), reason))


def _row_label(order: _Order, row: ParsedRow) -> str:
    spec = row.values.get("spec")
    return f"{order.external_no} {row.values.get('product') or ''}{(' ' + str(spec)) if spec else ''}".strip()


def _all_rows(plan: _Plan, order: _Order, outcome: RowOutcome, reason: str) -> None:
    for row in order.rows:
        plan.results.append(RowResult(row.row, outcome, ENTITY, _row_label(order, row), reason))


def _insert_results(plan: _Plan, order: _Order, warnings: list[tuple[int, str]]) -> None:
    append, number = plan.results.append, order.external_no
    if not warnings:  # most orders: the order's head (and the line's note) on the first line, else the note
        reason = "；".join((f"新订单 {yuan(order.amount)}", *order.notes))
        for line in order.lines:
            note = line.note
            key = f"{number} {line.product} {line.spec}" if line.spec else f"{number} {line.product}"
            append(RowResult(line.row, RowOutcome.INSERTED, ENTITY, key,
                             f"{reason}；{note}" if note and reason else (reason or note)))
            reason = ""
        return
    head = [f"新订单 {yuan(order.amount)}", *order.notes]
    for line in order.lines:
        if not line.note and not warnings:  # most lines: the order's head on the first, else nothing
            reason = "；".join(head) if head else ""
        else:
            reasons = head + ([line.note] if line.note else [])
            if warnings:
                reasons += [w for row, w in warnings if row == line.row]
            reason = "；".join(reasons)
        head = []
        key = f"{number} {line.product} {line.spec}" if line.spec else f"{number} {line.product}"
        append(RowResult(line.row, RowOutcome.INSERTED, ENTITY, key, reason))


# ================================================================================================ matching


@dataclass(frozen=True, slots=True)
class _Known:
    id: int
    price: int


def _campaign_id(session: Session, source: _Source) -> int | None:
    """The campaign asked for, else one titled after the file (so re-importing finds it)."""
    if source.campaign_id is not None:
        if session.get(Campaign, source.campaign_id) is None:
            raise NotFoundError(f"团购活动 #{source.campaign_id} 不存在")
        return source.campaign_id
    return session.scalar(select(Campaign.id).where(Campaign.title == _title(source))
                          .order_by(Campaign.id.desc()).limit(1))


def _title(source: _Source) -> str:
    stem = source.source_name.rsplit(".", 1)[0] if source.source_name else (source.sheet_name or "订单导入")
    return stem[:200] or "订单导入"


def _products(session: Session, campaign_id: int | None) -> dict[tuple[str, str], _Known]:
    if campaign_id is None:
        return {}
    return {(name, spec): _Known(pid, price) for pid, name, spec, price in session.execute(
        select(Product.id, Product.name, Product.spec, Product.price_cents).where(Product.campaign_id == campaign_id))}


def _existing(session: Session, campaign_id: int | None, numbers: Sequence[str]) -> dict[str, dict[str, Any]]:
    if campaign_id is None:
        return {}
    columns = [Order.id, Order.external_no, Order.buyer_name, Order.buyer_phone, *(ORDERS.c[n] for n in UPDATABLE),
               Order.updated_at]
    out: dict[str, dict[str, Any]] = {}
    for part in chunks(sorted(set(numbers))):
        for row in session.execute(select(*columns).where(Order.campaign_id == campaign_id,
                                                          Order.external_no.in_(part))):
            out[row.external_no] = dict(row._mapping)
    return out


def _same_buyer(buyer: Buyer, stored: Mapping[str, Any]) -> bool:
    if buyer.phone and stored["buyer_phone"]:
        return bool(buyer.phone == stored["buyer_phone"])
    return not buyer.name or not stored["buyer_name"] or buyer.name[:80] == stored["buyer_name"]


def _plan_update(plan: _Plan, order: _Order, stored: Mapping[str, Any], session: Session) -> None:
    wanted = _order_level(order, _point_ids(session, [order]), datetime.now())
    changed = {name: wanted[name] for name in UPDATABLE
               if wanted.get(name) is not None and wanted[name] != stored[name] and wanted[name] != ""}
    if not changed:
        _all_rows(plan, order, RowOutcome.SKIPPED, "无变化")
        return
    before = {name: stored[name] for name in (*changed, "updated_at")}
    plan.updates.append(_Update((stored["id"],), changed, before, dict(stored)))
    first = order.rows[0]
    plan.results.append(RowResult(first.row, RowOutcome.UPDATED, ENTITY, _row_label(order, first),
                                  "更新：" + "、".join(changed)))
    for row in order.rows[1:]:
        plan.results.append(RowResult(row.row, RowOutcome.SKIPPED, ENTITY, _row_label(order, row),
                                      f"同一订单，见第 {first.row} 行"))


def _point_ids(session: Session, orders: Sequence[_Order]) -> dict[str, int]:
    names = {str(o.values["pickup_point"])[:120] for o in orders if o.values.get("pickup_point")}
    out: dict[str, int] = {}
    for part in chunks(sorted(names)):
        out.update({name: pid for pid, name in session.execute(
            select(PickupPoint.id, PickupPoint.name).where(PickupPoint.name.in_(part)))})
    return out


def _limit_warnings(session: Session, campaign_id: int | None, orders: Sequence[_Order],
                    products: Mapping[tuple[str, str], _Known]) -> dict[int, list[tuple[int, str]]]:
    """Per-person limits and stock of products the campaign already had: a warning on the line."""
    if campaign_id is None or not orders:
        return {}
    rules = product_rules(session, campaign_id)
    if not any(r.per_person_limit is not None or r.stock is not None for r in rules.values()):
        return {}
    bought, sold = bought_and_sold(session, campaign_id)
    members = find_members(session, [o.buyer for o in orders])
    lines: list[QuantityLine] = []
    refs: dict[int, tuple[_Order, dict[int, int]]] = {}
    for n, order in enumerate(orders):
        if order.values.get("payment_status") in (PaymentStatus.CANCELLED, PaymentStatus.REFUNDED):
            continue
        row_of: dict[int, int] = {}
        items = []
        for line in order.lines:
            known = products.get((line.product, line.spec))
            if known is not None and line.quantity:
                items.append((known.id, line.quantity))
                row_of[known.id] = line.row
        buyer = order.buyer
        lines.append(QuantityLine(n, buyer_key(members.get(buyer), buyer.phone, buyer.name[:80]), tuple(items)))
        refs[n] = (order, row_of)
    out: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for n, problems in check_quantities(lines, rules, bought, sold).items():
        order, row_of = refs[n]
        for problem in problems:
            row = next((r for pid, r in row_of.items() if f"“{rules[pid].label}”" in problem), order.first_row)
            out[id(order)].append((row, f"注意：{problem}（平台已接单，照常导入）"))
    return out


# ================================================================================================ writing


def _order_level(order: _Order, points: Mapping[str, int], now: datetime) -> dict[str, Any]:
    v = order.values
    refund = v.get("refund_cents") or 0
    status = v.get("payment_status") or (PaymentStatus.PAID if v.get("paid_at") else PaymentStatus.UNPAID)
    status, paid_at = settle_payment(status, v.get("paid_at"), order.amount, refund, v.get("paid_at") or now)
    point = str(v["pickup_point"])[:120] if v.get("pickup_point") else None
    return {
        "payment_status": status, "paid_at": paid_at, "refund_cents": refund,
        "fulfilment_status": v.get("fulfilment_status") or FulfilmentStatus.WAITING,
        "note": str(v.get("member_note") or ""), "leader_note": str(v.get("leader_note") or ""),
        "pickup_point_id": points.get(point) if point else None,
    }


def _address(values: Mapping[str, Any]) -> str:
    detail = str(values.get("address") or "")
    parts = [str(values[name]) for name in ("province", "city", "district")
             if values.get(name) and str(values[name]) not in detail]
    return ("".join(parts) + detail)[:300]


def _extras(values: Mapping[str, Any]) -> str:
    """``json.dumps({title: text, ...}, ensure_ascii=False)`` of the filled extras, written out
    with json's own string encoder (one call per order otherwise)."""
    parts = [f"{_EXTRA_KEYS[name]}: {encode_basestring(str(values[name]))}" for name in EXTRAS if values.get(name)]
    return "{" + ", ".join(parts) + "}" if parts else "{}"


def _write(session: Session, batch_id: int, campaign_id: int | None, source: _Source, orders: list[_Order],
           now: datetime) -> None:
    """Campaign, pickup points and links, products, members, then the orders and their lines."""
    if campaign_id is None:
        campaign_id = int(session.execute(insert(Campaign).values(
            title=_title(source), leader="", status=CampaignStatus.CLOSED, note=f"由导入 {source.source_name} 创建",
            import_batch_id=batch_id, created_at=now, updated_at=now)).inserted_primary_key[0])
    points = _ensure_points(session, campaign_id, orders, batch_id)
    products = _ensure_products(session, campaign_id, orders, batch_id)
    buyers = [o.buyer for o in orders]
    order_addresses = [_address(o.values) for o in orders]
    members, _created = resolve_buyers(session, list(zip(buyers, order_addresses, strict=True)), batch_id, now)
    groups = buyer_groups(session, campaign_id, [m for m in members.values() if m is not None])
    # column by column (no dict per order): the same values _order_level and the writer's dict path give
    member_ids = [members.get(buyer) for buyer in buyers]
    group_ids = [group_for(groups, member_id) for member_id in member_ids]
    placed_at, days, statuses, paid_ats, refunds, fulfilments, notes, leader_notes, point_ids = (
        [], [], [], [], [], [], [], [], [])
    buildings, rooms, extras, pieces, amounts = [], [], [], [], []
    waiting, paid_status, unpaid = FulfilmentStatus.WAITING, PaymentStatus.PAID, PaymentStatus.UNPAID
    for order in orders:
        v = order.values
        paid = v.get("paid_at")
        placed = v.get("placed_at") or paid or now
        placed_at.append(placed)
        days.append(placed.date())
        refund = v.get("refund_cents") or 0
        status, paid = settle_payment(v.get("payment_status") or (paid_status if paid else unpaid), paid,
                                      order.amount, refund, paid or now)
        statuses.append(status)
        paid_ats.append(paid)
        refunds.append(refund)
        fulfilments.append(v.get("fulfilment_status") or waiting)
        note = v.get("member_note")
        notes.append(str(note) if note else "")
        note = v.get("leader_note")
        leader_notes.append(str(note) if note else "")
        point = v.get("pickup_point")
        point_ids.append(points.get(str(point)[:120]) if point else None)
        building, room = v.get("building"), v.get("room")
        buildings.append(str(building)[:40] if building else "")
        rooms.append(str(room)[:40] if room else "")
        extras.append(_extras(v))
        lines = order.lines
        pieces.append(lines[0].quantity if len(lines) == 1 else sum(line.quantity for line in lines))
        amounts.append(order.amount)
    columns: dict[str, Any] = {
        "campaign_id": (campaign_id,), "external_no": [o.external_no for o in orders], "member_id": member_ids,
        "group_id": group_ids, "placed_at": placed_at, "day": days, "amount_cents": amounts,
        "buyer_name": [b.name[:80] for b in buyers], "buyer_phone": [b.phone for b in buyers],
        "address": order_addresses, "building": buildings, "room": rooms, "extras_json": extras,
        "pieces": pieces, "source_seq": (None,), "source_key": (None,), "source_text": ("",),
        "created_at": (now,), "updated_at": (now,), "payment_status": statuses, "paid_at": paid_ats,
        "refund_cents": refunds, "fulfilment_status": fulfilments, "note": notes, "leader_note": leader_notes,
        "pickup_point_id": point_ids,
    }
    # positional executemany of tuples (the engine's fast path), batch id added by the writer
    write_orders = _column_writer(session, ORDERS, list(columns))
    for start in range(0, len(orders), 5000):
        write_orders({name: values if isinstance(values, tuple) else values[start:start + 5000]
                      for name, values in columns.items()}, batch_id)
    # the orders this batch just wrote are all of the batch's orders in the campaign: one indexed query
    ids: dict[str, int] = dict(session.execute(select(Order.external_no, Order.id).where(
        Order.import_batch_id == batch_id, Order.campaign_id == campaign_id)).all())
    order_ids, product_ids, quantities, unit_prices, line_amounts = [], [], [], [], []
    add_order, add_product, add_quantity = order_ids.append, product_ids.append, quantities.append
    add_price, add_amount = unit_prices.append, line_amounts.append
    for order in orders:
        order_id = ids[order.external_no]
        for line in order.lines:
            quantity = line.quantity
            if quantity:
                amount = line.amount
                add_order(order_id)
                add_product(products[(line.product, line.spec)])
                add_quantity(quantity)
                add_price(amount // quantity)
                add_amount(amount)
    if not order_ids:
        return
    write_items = _column_writer(session, OrderItem.__table__, ("order_id", "product_id", "quantity",  # type: ignore[arg-type]
                                                                "unit_price_cents", "amount_cents"))
    for start in range(0, len(order_ids), 5000):
        end = start + 5000
        write_items({"order_id": order_ids[start:end], "product_id": product_ids[start:end],
                     "quantity": quantities[start:end], "unit_price_cents": unit_prices[start:end],
                     "amount_cents": line_amounts[start:end]}, batch_id)


def _ensure_points(session: Session, campaign_id: int, orders: Sequence[_Order], batch_id: int) -> dict[str, int]:
    points = _point_ids(session, orders)
    names = {str(o.values["pickup_point"])[:120] for o in orders if o.values.get("pickup_point")}
    new = sorted(names - set(points))
    if new:
        session.execute(insert(PickupPoint), [{"name": name, "address": "", "contact": "", "phone": "",
                                               "import_batch_id": batch_id} for name in new])
        points = _point_ids(session, orders)
    linked = set(session.scalars(select(CampaignPickupPoint.pickup_point_id)
                                 .where(CampaignPickupPoint.campaign_id == campaign_id)))
    links = [{"campaign_id": campaign_id, "pickup_point_id": pid, "import_batch_id": batch_id}
             for pid in sorted(set(points.values()) - linked)]
    if links:
        session.execute(insert(CampaignPickupPoint), links)
    return points


def _ensure_products(session: Session, campaign_id: int, orders: Sequence[_Order],
                     batch_id: int) -> dict[tuple[str, str], int]:
    known = _products(session, campaign_id)
    position = len(known)
    new: dict[tuple[str, str], dict[str, Any]] = {}
    for order in orders:
        for line in order.lines:
            key = (line.product, line.spec)
            if key in known or key in new or not line.quantity:
                continue
            new[key] = {"campaign_id": campaign_id, "name": line.product, "spec": line.spec,
                        "price_cents": line.amount // line.quantity, "cost_cents": line.cost or 0,
                        "per_person_limit": None, "stock": None, "position": position + len(new),
                        "import_batch_id": batch_id}
    if new:
        session.execute(insert(Product.__table__), list(new.values()))
    return {key: item.id for key, item in _products(session, campaign_id).items()}
