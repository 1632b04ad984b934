"""The ``orders`` kind of the import engine: 快团团 and 群接龙 order exports.

Each sheet row is one order line; the rows sharing a 跟团号 (接龙号, 订单号) are one order. Order-level
cells (下单人, 支付时间, 订单金额, 退款金额, 订单状态, 自提点, 收货人, 联系电话, 地址 ...) are read from the
first line that fills them, because exports either repeat them on every line or merge them (the
merged value sits on the first line only). The columns a leader defined (小区, 单元, 宝宝月龄 ...), every
titled column no field reads except row numbers, are kept the same way in the order's extras_json
under their header, next to 快递公司 / 快递单号 / 收货人.

Amounts: a line's amount is its 商品金额 / 小计 when the sheet has one, else 单价 x 数量, else the
product's price x 数量 (a product the campaign already has). 订单金额 is the order's amount when every
line that fills it says the same; when the lines say different amounts, each is that line's amount
(some exports put the line amount under 订单金额), and a line with no amount at all counts 0, which the
order's result names ("第 N 行没有金额，按 0 计"). Lines whose amount is still unknown share what is
left of the order amount in proportion to their quantities. Products missing from the campaign are
created with the price their first line implies, and the cost from 商品成本价.

Matching: an order is (campaign, 跟团号). The same 跟团号 with two different buyers, in the file or
against the order already stored, fails the whole order with both names. Per-person limits and stock
are reported on the line but never drop an order that the platform already took. Buyers are matched
to members by phone, then by a nickname exactly one member has, else created. Everything is written
under the import batch (campaign, pickup points and their links, products, members, orders), so undo
removes exactly what the import made; an UPDATE import changes only order-level fields (status, paid
time, refund, fulfilment, notes, pickup point, and the extras the file fills in), recorded for undo.
A pickup point an UPDATE moves an order to is linked to the campaign, and created when it is new,
under the batch like those of new orders.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import repeat
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from desktop.domain.enums import CampaignStatus, FulfilmentStatus, PaymentStatus
from desktop.domain.errors import NotFoundError
from desktop.domain.imports import (
    EXTRA_PREFIX,
    ImportPolicy,
    RowOutcome,
    RowResult,
    SheetColumns,
    extra_field,
    is_extra,
    row_results,
)
from desktop.domain.orders import QuantityLine, check_quantities, settle_payment, yuan
from desktop.store.models import Campaign, CampaignPickupPoint, Order, OrderItem, PickupPoint, Product

from .imports import (
    _column_name,
    _column_writer,
    _Plan,
    _Source,
    _Update,
    column_letter,
    insert_columns_returning_ids,
)
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
class _Orders:
    """The sheet's orders, column by column. Order ``o`` is ``numbers[o]``; ``rows[o]`` are its sheet
    positions in file order; ``values[field][o]`` its order-level cells; ``problems[o]`` why it is not
    imported ("" when it is). Lines are kept per sheet position (``_read_lines``): ``products[p]``,
    ``specs[p]``, ``quantities[p]`` (0: merged into an earlier line), ``amounts[p]``, ``notes[p]``."""

    table: SheetColumns
    numbers: list[str]
    rows: list[list[int]]
    #: the order of each sheet position (-1: a row without 跟团号)
    codes: np.ndarray
    values: dict[str, list[Any]]
    problems: list[str]
    buyers: list[Buyer] = field(default_factory=list)
    products: list[str] = field(default_factory=list)
    specs: list[str] = field(default_factory=list)
    quantities: list[int] = field(default_factory=list)
    amounts: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    costs: list[int | None] = field(default_factory=list)
    #: per order: its amount and the notes on the order as a whole
    amount: list[int] = field(default_factory=list)
    order_notes: list[tuple[str, ...]] = field(default_factory=list)
    #: the sheet's extra columns (``extra:<n>``) and their keys in extras_json, JSON-encoded
    extra_keys: dict[str, str] = field(default_factory=dict)

    def column(self, name: str) -> Sequence[Any]:
        """A field's cells by sheet position (all None when the sheet has no such column)."""
        found = self.table.values.get(name)
        return found if found is not None else [None] * len(self.table)

    def label(self, o: int, position: int) -> str:
        product, spec = self.column("product")[position], self.column("spec")[position]
        return f"{self.numbers[o]} {product or ''}{(' ' + str(spec)) if spec else ''}".strip()

    def first_row(self, o: int) -> int:
        return self.table.numbers[self.rows[o][0]]


# ================================================================================================ planning


def plan_orders(session: Session, source: _Source, policy: ImportPolicy) -> _Plan:
    """Group the rows into orders, check them, match them; the writes happen in the plan's step."""
    sheet = source.sheet
    assert sheet is not None
    plan = _Plan(ENTITY, ORDERS)
    orders = _group(sheet.columns, sheet.mapping.headers, plan.results)
    campaign_id = _campaign_id(session, source)
    products = _products(session, campaign_id)
    _read_lines(orders, products)
    problems = orders.problems
    good = [o for o, problem in enumerate(problems) if not problem]
    existing = _existing(session, campaign_id, [orders.numbers[o] for o in good])
    new_orders: list[int] = []
    updates: list[tuple[int, dict[str, Any]]] = []
    for o, problem in enumerate(problems):
        if problem:
            _all_rows(plan, orders, o, RowOutcome.FAILED, problem)
            continue
        stored = existing.get(orders.numbers[o]) if existing else None
        if stored is None:
            new_orders.append(o)
        elif not _same_buyer(orders.buyers[o], stored):
            _all_rows(plan, orders, o, RowOutcome.FAILED,
                      f"跟团号 {orders.numbers[o]} 已有订单 #{stored['id']}，下单人是"
                      f"“{stored['buyer_name'] or stored['buyer_phone']}”，这里是“{orders.buyers[o].name}”")
        elif policy is ImportPolicy.UPDATE:
            updates.append((o, stored))
        else:
            outcome = RowOutcome.FAILED if policy is ImportPolicy.INSERT else RowOutcome.SKIPPED
            _all_rows(plan, orders, o, outcome, f"已存在（订单 #{stored['id']}）")
    moved = _plan_updates(plan, orders, updates, session) if updates else _Moves()
    warnings = _limit_warnings(session, campaign_id, orders, new_orders, products)
    _insert_results(plan, orders, new_orders, warnings)
    now = datetime.now()

    def steps(session: Session, batch_id: int | None) -> Iterator[_Plan]:
        if batch_id is None:
            return
        later: list[_Update] = []
        if moved.names and campaign_id is not None:  # updates exist only for a stored campaign
            points = _ensure_points(session, campaign_id, moved.names, batch_id)
            later = [_Update(change.key, {**change.after, "pickup_point_id": points[name]}, change.before,
                             change.now) for change, name in moved.waiting]
        if new_orders:
            _write(session, batch_id, campaign_id, source, orders, new_orders, now)
        if later:
            yield _Plan(ENTITY, ORDERS, updates=later)

    plan.steps = steps
    return plan


def _group(table: SheetColumns, headers: Sequence[str], results: list[RowResult]) -> _Orders:
    """Rows by 跟团号, orders in file order; an order with an unusable cell, two buyers or no buyer
    gets a problem. A row without 跟团号 fails on its own."""
    numbers_column = np.empty(len(table), dtype=object)
    numbers_column[:] = table.values.get("external_no") or [None] * len(table)
    # orders in file order (factorize numbers values by first appearance; None is -1)
    code_array, distinct = pd.factorize(numbers_column)
    keys = [number[:60] if number.__class__ is str else str(number)[:60] for number in distinct.tolist()]
    index = dict(zip(keys, range(len(keys)), strict=True))
    if len(index) < len(keys):  # two numbers alike in their first 60 characters are one order
        index = {}
        remap = np.array([index.setdefault(key, len(index)) for key in keys] + [-1], dtype=np.int64)
        code_array = remap[code_array]
    codes = code_array.tolist()
    rows: list[list[int]] = [[] for _ in range(len(index) + 1)]  # the last: rows without 跟团号 (code -1)
    for position, code in enumerate(codes):
        rows[code].append(position)
    for position in rows.pop():
        found = table.problems.get(position, ())
        reasons = "；".join(f"{_column_name(p.column, headers)}：{p.reason}" for p in found)
        product = table.values.get("product", ())
        results.append(RowResult(table.numbers[position], RowOutcome.FAILED, ENTITY,
                                 str((product[position] if product else None) or ""), reasons or "跟团号为空"))
    problems = [""] * len(index)
    for position, found in table.problems.items():  # few: the first row with a problem names it
        code = codes[position]
        if code < 0 or problems[code]:
            continue
        reasons = "；".join(f"{_column_name(p.column, headers)}：{p.reason}" for p in found)
        problems[code] = reasons if len(rows[code]) == 1 else (
            f"第 {table.numbers[position]} 行 {reasons}；同一订单的行一起不导入")
    code_array = np.asarray(code_array, dtype=np.int64)
    orders = _Orders(table, list(index), rows, code_array, {}, problems, extra_keys=_extra_keys(table, headers))
    first = np.array([positions[0] for positions in rows], dtype=np.int64)
    several = np.flatnonzero(np.array([len(positions) > 1 for positions in rows], dtype=bool))
    # lines of one order that disagree on 下单人 or 联系电话 (None included): looked at order by order
    later = np.flatnonzero(code_array >= 0)
    later = later[later != first[code_array[later]]]
    disagree: set[int] = set()
    for name in ("buyer_name", "phone"):
        cells = table.values.get(name)
        if cells is not None and len(later):
            cells_array = np.array(cells, dtype=object)
            differ = later[cells_array[later] != cells_array[first[code_array[later]]]]
            disagree.update(code_array[differ].tolist())
    for code in sorted(disagree):
        if not problems[code]:
            problems[code] = _buyer_conflict(orders, code)
    # order-level values: the first line's, or for a field it leaves empty the first later line's
    first_cells = itemgetter(*first.tolist()) if len(rows) > 1 else (lambda cells: (cells[int(first[0])],))
    for name in (*ORDER_FIELDS, *orders.extra_keys):
        cells = table.values.get(name)
        if cells is None:
            continue
        values = np.array(first_cells(cells) if len(rows) else (), dtype=object)
        if len(several):
            gaps = several[np.equal(values[several], None)]
            if len(gaps):
                cells_array = np.array(cells, dtype=object)
                wanted = np.zeros(len(rows), dtype=bool)
                wanted[gaps] = True
                filled = np.flatnonzero(np.not_equal(cells_array, None) & (code_array >= 0))
                filled = filled[wanted[code_array[filled]]]
                found_codes, at = np.unique(code_array[filled], return_index=True)
                values[found_codes] = cells_array[filled[at]]
        orders.values[name] = values.tolist()
    get = orders.values.get
    no_values = [None] * len(rows)
    names = [str(name or receiver or "")[:120] for name, receiver in zip(
        get("buyer_name", no_values), get("receiver", no_values), strict=True)]
    phones = [str(phone)[:32] if phone else "" for phone in get("phone", no_values)]
    orders.buyers = list(map(tuple.__new__, repeat(Buyer), zip(names, phones, strict=True)))  # Buyer(name, phone)
    for o, (name, phone) in enumerate(zip(names, phones, strict=True)):
        if not (name or phone) and not problems[o]:
            problems[o] = "没有下单人、收货人或电话"
    return orders


def _extra_keys(table: SheetColumns, headers: Sequence[str]) -> dict[str, str]:
    """The extra columns the parser read (``extra:<n>``) -> their key in extras_json: the header, or
    with the column's letter when a known extra or an earlier column has that header."""
    taken = set(EXTRAS.values())
    out: dict[str, str] = {}
    for column in sorted(int(name[len(EXTRA_PREFIX):]) for name in table.values if is_extra(name)):
        name = extra_field(column)
        title = headers[column].strip() if column < len(headers) else ""
        if not title or title in taken:
            title = f"{title}（{column_letter(column)} 列）"
        taken.add(title)
        out[name] = encode_basestring(title)
    return out


def _buyer_conflict(orders: _Orders, o: int) -> str:
    """The message for an order whose lines name two buyers ("" when they only leave cells empty)."""
    for name, what in (("buyer_name", "下单人"), ("phone", "联系电话")):
        cells = orders.column(name)
        seen: dict[Any, int] = {}
        for position in orders.rows[o]:
            value = cells[position]
            if value is not None:
                seen.setdefault(value, orders.table.numbers[position])
        if len(seen) > 1:
            shown = "、".join(f"“{value}”（第 {row} 行）" for value, row in seen.items())
            return f"跟团号 {orders.numbers[o]} 出现了两个不同的{what}：{shown}；请核对后再导入"
    return ""


def _read_lines(orders: _Orders, products: Mapping[tuple[str, str], _Known]) -> None:
    """Each line's product, quantity, amount and note, and each order's amount (see the module
    docstring for the rules); an order with a quantity of 0 gets a problem. Column by column: the
    lines of every order at once."""
    table, n = orders.table, len(orders.table)
    problems, numbers = orders.problems, table.numbers
    codes = orders.codes.copy()
    failed = np.array([bool(problem) for problem in problems] + [True])  # the extra entry: code -1
    codes[failed[codes]] = -1
    product_codes, product_names = _distinct(orders.column("product"), lambda p: str(p)[:120] if p is not None else "")
    spec_codes, spec_names = _distinct(orders.column("spec"), lambda s: str(s)[:80] if s else "")
    orders.products, orders.specs = product_names[product_codes].tolist(), spec_names[spec_codes].tolist()
    orders.notes = [""] * n
    quantity_cells = np.array(orders.column("quantity"), dtype=object)
    unwritten = np.equal(quantity_cells, None)
    quantity_cells[unwritten] = 1
    for position in np.flatnonzero(unwritten & (codes >= 0)).tolist():
        orders.notes[position] = "未写数量，按 1"
    quantity = quantity_cells.astype(np.int64)
    for position in np.flatnonzero((quantity == 0) & (codes >= 0)).tolist():  # file order: the first one names it
        o = int(codes[position])
        if not problems[o]:
            problems[o] = f"第 {numbers[position]} 行数量为 0"
    for o in set(codes[quantity == 0].tolist()) - {-1}:
        codes[orders.rows[o]] = -1
    line_amount, has_line_amount = _cents(orders.column("line_amount_cents"))
    # most orders name each product once: merge only when two lines of an order share (product, spec)
    lines = np.flatnonzero(codes >= 0)
    # the (order, product, spec) of each line as one number: products and specs by their distinct text
    pairs = (product_codes * len(spec_names) + spec_codes)[lines]
    keys = codes[lines] * (len(product_names) * len(spec_names)) + pairs
    if len(np.unique(keys)) < len(keys):
        first_of: dict[int, int] = {}
        for position, key in zip(lines.tolist(), keys.tolist(), strict=True):
            first = first_of.setdefault(key, position)
            if first != position:
                quantity[first] += quantity[position]
                if has_line_amount[first] or has_line_amount[position]:
                    line_amount[first] += line_amount[position]
                    has_line_amount[first] = True
                orders.notes[position] = f"与第 {numbers[first]} 行是同一商品，数量已合并"
                quantity[position] = 0
    orders.quantities = quantity.tolist()
    orders.costs = list(orders.column("cost_cents"))
    _amounts(orders, codes, quantity, line_amount, has_line_amount, products)


def _distinct(cells: Sequence[Any], clean: Callable[[Any], str]) -> tuple[np.ndarray, np.ndarray]:
    """Each cell's code and the cleaned text of each code (a column has few distinct products and
    specs: each is cleaned once). The last code is None's."""
    index: dict[Any, int] = {}
    codes = np.fromiter((index.setdefault(cell, len(index)) for cell in cells), dtype=np.int64, count=len(cells))
    names = np.empty(len(index), dtype=object)
    names[:] = [clean(cell) for cell in index]
    return codes, names


def _cents(cells: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    """A column of cents (None: not written) as integers (0 where None) and where it is written."""
    array = np.array(cells, dtype=object)
    written = np.not_equal(array, None)
    array[~written] = 0
    return array.astype(np.int64), written


def _amounts(orders: _Orders, codes: np.ndarray, quantity: np.ndarray, line_amount: np.ndarray,
             has_line_amount: np.ndarray, products: Mapping[tuple[str, str], _Known]) -> None:
    """Line amounts: 商品金额, else 单价 x 数量, else the known product's price x 数量; the lines still
    unknown share what the 订单金额 leaves in proportion to their quantities. When the lines of an
    order give different 订单金额, each line's is that line's amount instead (``per_line``)."""
    m = len(orders.numbers)
    lines = codes >= 0
    live = lines & (quantity != 0)
    unit_price, has_unit_price = _cents(orders.column("unit_price_cents"))
    order_amount, has_order_amount = _cents(orders.column("amount_cents"))
    has_order_amount &= lines
    known = np.zeros(len(codes), dtype=np.int64)
    has_known = np.zeros(len(codes), dtype=bool)
    if products:
        for position in np.flatnonzero(live).tolist():
            found = products.get((orders.products[position], orders.specs[position]))
            if found is not None:
                known[position], has_known[position] = found.price, True
    # the order's 订单金额: the first line's that gives one; per_line when another line says otherwise
    given = np.flatnonzero(has_order_amount)
    stated = np.zeros(m, dtype=np.int64)
    has_stated = np.zeros(m, dtype=bool)
    found_codes, at = np.unique(codes[given], return_index=True)
    stated[found_codes], has_stated[found_codes] = order_amount[given[at]], True
    per_line = np.zeros(m, dtype=bool)
    per_line[codes[given[order_amount[given] != stated[codes[given]]]]] = True
    line_per_line = lines & per_line[np.maximum(codes, 0)]
    # each line's own amount, -1 while unknown
    amount = np.where(has_line_amount, line_amount,
                      np.where(has_unit_price, unit_price * quantity,
                               np.where(line_per_line & has_order_amount, order_amount,
                                        np.where(has_known, known * quantity, -1))))
    amount[~live] = 0
    unknown = live & (amount < 0) & ~line_per_line
    code_of = np.where(live, codes, m)  # m: a bin for everything that is not a live line
    known_sum = np.bincount(code_of, weights=np.where(live & (amount >= 0), amount, 0), minlength=m + 1)[:m]
    known_sum = np.rint(known_sum).astype(np.int64)
    left = np.maximum(np.where(has_stated, stated, 0) - known_sum, 0)
    unknown_count = np.bincount(np.where(unknown, codes, m), minlength=m + 1)[:m]
    notes = orders.notes
    if unknown.any():
        unknown_quantity = np.bincount(np.where(unknown, codes, m), weights=np.where(unknown, quantity, 0),
                                       minlength=m + 1)[:m].astype(np.int64)
        live_count = np.bincount(code_of, minlength=m + 1)[:m]
        positions = np.flatnonzero(unknown)
        owner = codes[positions]
        share = left[owner] * quantity[positions] // unknown_quantity[owner]
        # the last unknown line of an order takes what the shares before it leave
        last = np.full(m, -1, dtype=np.int64)
        np.maximum.at(last, owner, positions)
        is_last = positions == last[owner]
        shared_before = np.bincount(owner, weights=np.where(is_last, 0, share), minlength=m).astype(np.int64)
        share = np.where(is_last, left[owner] - shared_before[owner], share)
        amount[positions] = share
        shared = (unknown_count[owner] > 1) | (live_count[owner] > 1)
        for position in positions[shared].tolist():
            if not notes[position]:
                notes[position] = "无单价：按数量分摊订单金额"
    # a per_line order's lines with no amount at all count as 0, said on the order
    unpriced = np.flatnonzero(live & (amount < 0))
    amount[unpriced] = 0
    totals = np.rint(np.bincount(code_of, weights=np.where(live, amount, 0), minlength=m + 1)[:m]).astype(np.int64)
    order_total = np.where(has_stated & ~per_line, stated, totals)
    orders.amounts = amount.tolist()
    orders.amount = order_total.tolist()
    order_notes: list[tuple[str, ...]] = [()] * m
    differs = np.flatnonzero(has_stated & ~per_line & (unknown_count == 0) & (known_sum != stated))
    for o in differs.tolist():
        order_notes[o] = (f"订单金额 {yuan(int(stated[o]))} 与商品合计 {yuan(int(known_sum[o]))} 不同，"
                          "以订单金额为准",)
    for position in unpriced.tolist():
        o = int(codes[position])
        order_notes[o] = (*order_notes[o], f"第 {orders.table.numbers[position]} 行没有金额，按 0 计")
    orders.order_notes = order_notes


def _all_rows(plan: _Plan, orders: _Orders, o: int, outcome: RowOutcome, reason: str) -> None:
    numbers = orders.table.numbers
    plan.results += [RowResult(numbers[position], outcome, ENTITY, orders.label(o, position), reason)
                     for position in orders.rows[o]]


def _insert_results(plan: _Plan, orders: _Orders, new_orders: Sequence[int],
                    warnings: Mapping[int, list[tuple[int, str]]]) -> None:
    """A result per line of every new order: the order's head (its amount and notes) on its first
    line, each line's own note and warnings on that line."""
    numbers, notes = orders.table.numbers, orders.notes
    positions = [position for o in new_orders for position in orders.rows[o]]
    texts = [notes[position] for position in positions]
    at = 0
    heads: dict[int, str] = {}  # by amount: orders share their amounts
    for o in new_orders:  # the head goes on the order's first line, before that line's note
        amount = orders.amount[o]
        head = heads.get(amount) or heads.setdefault(amount, f"新订单 {yuan(amount)}")
        if orders.order_notes[o]:
            head = "；".join((head, *orders.order_notes[o]))
        texts[at] = f"{head}；{texts[at]}" if texts[at] else head
        warned = warnings.get(o)
        if warned:
            for n, position in enumerate(orders.rows[o], start=at):
                row = numbers[position]
                texts[n] = "；".join(part for part in (texts[n], *(w for r, w in warned if r == row)) if part)
        at += len(orders.rows[o])
    order_numbers, products, specs = orders.numbers, orders.products, orders.specs
    keys = [f"{order_numbers[o]} {products[position]} {specs[position]}" if specs[position]
            else f"{order_numbers[o]} {products[position]}"
            for o, position in zip(orders.codes[positions].tolist(), positions, strict=True)]
    plan.results += row_results([numbers[position] for position in positions], RowOutcome.INSERTED, ENTITY, keys,
                                texts)


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
               Order.extras_json, Order.updated_at]
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


@dataclass(slots=True)
class _Moves:
    """UPDATE orders moved to another pickup point: the names of those points (created and linked to
    the campaign under the batch, as an INSERT import does) and the updates that wait for the id of a
    point not stored yet, with its name."""

    names: set[str] = field(default_factory=set)
    waiting: list[tuple[_Update, str]] = field(default_factory=list)


def _plan_updates(plan: _Plan, orders: _Orders, updates: Sequence[tuple[int, Mapping[str, Any]]],
                  session: Session) -> _Moves:
    """UPDATE: the order-level fields that changed, recorded for undo; the other lines skipped. An
    order moved to a pickup point not stored yet waits for the point (``_Moves``)."""
    chosen = [o for o, _ in updates]
    point_names = _point_names(orders, chosen)
    points = _ids_of_points(session, {name for name in point_names if name})
    columns = _order_columns(orders, chosen, points, datetime.now(), point_names)
    numbers = orders.table.numbers
    given_paid = orders.values.get("paid_at") or [None] * len(orders.numbers)
    moves = _Moves()
    for n, (o, stored) in enumerate(updates):
        wanted = {name: columns[name][n] for name in UPDATABLE}
        changed = {name: wanted[name] for name in UPDATABLE
                   if wanted.get(name) is not None and wanted[name] != stored[name] and wanted[name] != ""}
        if given_paid[o] is None and stored["paid_at"] is not None:
            changed.pop("paid_at", None)  # a paid time the file does not give (the import's "now") is kept
        extras = _merged_extras(stored["extras_json"], columns["extras_json"][n])
        if extras is not None:
            changed["extras_json"] = extras
        point = point_names[n]
        new_point = point is not None and point not in points
        if new_point:
            changed["pickup_point_id"] = None  # the new point's id, once it is created
        if not changed:
            _all_rows(plan, orders, o, RowOutcome.SKIPPED, "无变化")
            continue
        before = {name: stored[name] for name in (*changed, "updated_at")}
        change = _Update((stored["id"],), changed, before, dict(stored))
        reason = "更新：" + "、".join(changed)
        if point is not None and "pickup_point_id" in changed:
            moves.names.add(point)
        if point is not None and new_point:
            moves.waiting.append((change, point))
            reason += f"（新建自提点“{point}”）"
        else:
            plan.updates.append(change)
        first, *rest = orders.rows[o]
        plan.results.append(RowResult(numbers[first], RowOutcome.UPDATED, ENTITY, orders.label(o, first), reason))
        plan.results += [RowResult(numbers[position], RowOutcome.SKIPPED, ENTITY, orders.label(o, position),
                                   f"同一订单，见第 {numbers[first]} 行") for position in rest]
    return moves


def _merged_extras(stored: str | None, given: str) -> str | None:
    """The stored extras with those the file fills in, as JSON; None when that changes nothing (an
    extra the file leaves empty or lacks keeps its stored value)."""
    if given == "{}" or given == stored:
        return None
    try:
        before = json.loads(stored or "{}")
    except ValueError:
        before = None
    before = before if isinstance(before, dict) else {}
    after = {**before, **json.loads(given)}
    return None if after == before else json.dumps(after, ensure_ascii=False)


def _point_names(orders: _Orders, chosen: Sequence[int]) -> list[str | None]:
    """The pickup point each chosen order names (None: none)."""
    cells = orders.values.get("pickup_point")
    if cells is None:
        return [None] * len(chosen)
    return [str(cells[o])[:120] if cells[o] else None for o in chosen]


def _ids_of_points(session: Session, names: set[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for part in chunks(sorted(names)):
        out.update({name: pid for pid, name in session.execute(
            select(PickupPoint.id, PickupPoint.name).where(PickupPoint.name.in_(part)))})
    return out


def _limit_warnings(session: Session, campaign_id: int | None, orders: _Orders, chosen: Sequence[int],
                    products: Mapping[tuple[str, str], _Known]) -> dict[int, list[tuple[int, str]]]:
    """Per-person limits and stock of products the campaign already had: a warning on the line."""
    if campaign_id is None or not chosen:
        return {}
    rules = product_rules(session, campaign_id)
    if not any(r.per_person_limit is not None or r.stock is not None for r in rules.values()):
        return {}
    bought, sold = bought_and_sold(session, campaign_id)
    members = find_members(session, [orders.buyers[o] for o in chosen])
    statuses = orders.values.get("payment_status") or [None] * len(orders.numbers)
    lines: list[QuantityLine] = []
    refs: dict[int, dict[int, int]] = {}
    for o in chosen:
        if statuses[o] in (PaymentStatus.CANCELLED, PaymentStatus.REFUNDED):
            continue
        row_of: dict[int, int] = {}
        items = []
        for position in orders.rows[o]:
            known = products.get((orders.products[position], orders.specs[position]))
            quantity = orders.quantities[position]
            if known is not None and quantity:
                items.append((known.id, quantity))
                row_of[known.id] = orders.table.numbers[position]
        buyer = orders.buyers[o]
        lines.append(QuantityLine(o, buyer_key(members.get(buyer), buyer.phone, buyer.name[:80]), tuple(items)))
        refs[o] = row_of
    out: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for o, problems in check_quantities(lines, rules, bought, sold).items():
        row_of = refs[o]
        for problem in problems:
            row = next((r for pid, r in row_of.items() if f"“{rules[pid].label}”" in problem), orders.first_row(o))
            out[o].append((row, f"注意：{problem}（平台已接单，照常导入）"))
    return out


# ================================================================================================ writing


def _order_columns(orders: _Orders, chosen: Sequence[int], points: Mapping[str, int], now: datetime,
                   point_names: Sequence[str | None] | None = None) -> dict[str, list[Any]]:
    """The order-level columns stored for the chosen orders: times, payment (``settle_payment``),
    notes, pickup point, building and room, address, extras, pieces and amount."""
    values = orders.values
    no_values = [None] * len(orders.numbers)

    def cells(name: str) -> list[Any]:
        found = values.get(name, no_values)
        return [found[o] for o in chosen]

    paid_status, unpaid = PaymentStatus.PAID, PaymentStatus.UNPAID
    placed_at, days, statuses, paid_ats, refunds = [], [], [], [], []
    for placed, paid, refund, status, o in zip(cells("placed_at"), cells("paid_at"), cells("refund_cents"),
                                               cells("payment_status"), chosen, strict=True):
        placed = placed or paid or now
        placed_at.append(placed)
        days.append(placed.date())
        refund = refund or 0
        status, paid = settle_payment(status or (paid_status if paid else unpaid), paid, orders.amount[o], refund,
                                      paid or now)
        statuses.append(status)
        paid_ats.append(paid)
        refunds.append(refund)
    waiting = FulfilmentStatus.WAITING
    quantities = np.array(orders.quantities, dtype=np.int64)
    return {
        "placed_at": placed_at, "day": days, "payment_status": statuses, "paid_at": paid_ats, "refund_cents": refunds,
        "fulfilment_status": [status or waiting for status in cells("fulfilment_status")],
        "note": [str(note) if note else "" for note in cells("member_note")],
        "leader_note": [str(note) if note else "" for note in cells("leader_note")],
        "pickup_point_id": [points.get(name) if name else None
                            for name in (point_names if point_names is not None else _point_names(orders, chosen))],
        "building": [str(building)[:40] if building else "" for building in cells("building")],
        "room": [str(room)[:40] if room else "" for room in cells("room")],
        "address": _addresses(orders, chosen),
        "extras_json": _extras(orders, chosen),
        "pieces": np.bincount(orders.codes[orders.codes >= 0], weights=quantities[orders.codes >= 0],
                              minlength=len(orders.numbers)).astype(np.int64)[chosen].tolist(),
        "amount_cents": [orders.amount[o] for o in chosen],
    }


def _addresses(orders: _Orders, chosen: Sequence[int]) -> list[str]:
    """详细地址, with 省/市/区 in front when the detail does not already say them."""
    values = orders.values
    detail = values.get("address")
    parts = [values[name] for name in ("province", "city", "district") if name in values]
    if not parts:  # most exports: the detail alone
        return [str(detail[o])[:300] if detail[o] else "" for o in chosen] if detail is not None else [""] * len(chosen)
    out = []
    for o in chosen:
        text = str(detail[o] or "") if detail is not None else ""
        before = "".join(str(part[o]) for part in parts if part[o] and str(part[o]) not in text)
        out.append((before + text)[:300])
    return out


def _extras(orders: _Orders, chosen: Sequence[int]) -> list[str]:
    """``json.dumps({title: text, ...}, ensure_ascii=False)`` of each order's filled extras (the known
    ones, then the leader's columns in sheet order), written out with json's own string encoder (one
    call per order otherwise)."""
    present = [(_EXTRA_KEYS[name], orders.values[name]) for name in EXTRAS if name in orders.values]
    present += [(key, orders.values[name]) for name, key in orders.extra_keys.items() if name in orders.values]
    if not present:
        return ["{}"] * len(chosen)
    out = []
    written: dict[tuple[Any, ...], str] = {}  # buyers' orders repeat their extras (收货人)
    for o in chosen:
        cells_of = tuple(cells[o] for _, cells in present)
        text = written.get(cells_of)
        if text is None:
            parts = [f"{key}: {encode_basestring(str(cell))}" for (key, _), cell in zip(present, cells_of, strict=True)
                     if cell]
            text = written[cells_of] = "{" + ", ".join(parts) + "}" if parts else "{}"
        out.append(text)
    return out


def _write(session: Session, batch_id: int, campaign_id: int | None, source: _Source, orders: _Orders,
           chosen: list[int], now: datetime) -> None:
    """Campaign, pickup points and links, products, members, then the orders and their lines."""
    if campaign_id is None:
        campaign_id = int(session.execute(insert(Campaign).values(
            title=_title(source), leader="", status=CampaignStatus.CLOSED, note=f"由导入 {source.source_name} 创建",
            import_batch_id=batch_id, created_at=now, updated_at=now)).inserted_primary_key[0])
    point_names = _point_names(orders, chosen)
    points = _ensure_points(session, campaign_id, {name for name in point_names if name}, batch_id)
    products = _ensure_products(session, campaign_id, orders, chosen, batch_id)
    columns: dict[str, Any] = _order_columns(orders, chosen, points, now, point_names)
    buyers = [orders.buyers[o] for o in chosen]
    members, _created = resolve_buyers(session, list(zip(buyers, columns["address"], strict=True)), batch_id, now)
    groups = buyer_groups(session, campaign_id, [m for m in members.values() if m is not None])
    member_ids = [members.get(buyer) for buyer in buyers]
    columns.update({
        "campaign_id": (campaign_id,), "external_no": [orders.numbers[o] for o in chosen], "member_id": member_ids,
        "group_id": [group_for(groups, member_id) for member_id in member_ids],
        "buyer_name": [b.name[:80] for b in buyers], "buyer_phone": [b.phone for b in buyers],
        "source_seq": (None,), "source_key": (None,), "source_text": ("",), "created_at": (now,), "updated_at": (now,),
    })
    # positional executemany of tuples (the engine's fast path), batch id added by the writer; the
    # order numbers tell the batch's new orders apart (one campaign)
    written = insert_columns_returning_ids(session, ORDERS, columns, batch_id, ("external_no",))
    # the lines of every order written, order by order, each in file order; merged-away lines left out
    lines = orders.codes[np.array(orders.quantities, dtype=np.int64) != 0]
    positions = np.flatnonzero(orders.quantities)
    wanted = np.zeros(len(orders.numbers) + 1, dtype=bool)
    wanted[chosen] = True
    positions = positions[wanted[lines]]
    positions = positions[np.argsort(orders.codes[positions], kind="stable")].tolist()
    if not positions:
        return
    order_id_of = np.zeros(len(orders.numbers), dtype=np.int64)
    order_id_of[chosen] = written
    order_ids = order_id_of[orders.codes[positions]].tolist()
    product_ids = [products[(orders.products[p], orders.specs[p])] for p in positions]
    quantities = [orders.quantities[p] for p in positions]
    line_amounts = [orders.amounts[p] for p in positions]
    unit_prices = [amount // quantity for amount, quantity in zip(line_amounts, quantities, strict=True)]
    write_items = _column_writer(session, OrderItem.__table__, ("order_id", "product_id", "quantity",  # type: ignore[arg-type]
                                                                "unit_price_cents", "amount_cents"))
    for start in range(0, len(order_ids), 5000):
        end = start + 5000
        write_items({"order_id": order_ids[start:end], "product_id": product_ids[start:end],
                     "quantity": quantities[start:end], "unit_price_cents": unit_prices[start:end],
                     "amount_cents": line_amounts[start:end]}, batch_id)


def _ensure_points(session: Session, campaign_id: int, names: set[str], batch_id: int) -> dict[str, int]:
    """The named pickup points by name, those not stored yet created, all linked to the campaign."""
    points = _ids_of_points(session, names)
    new = sorted(names - set(points))
    if new:
        session.execute(insert(PickupPoint), [{"name": name, "address": "", "contact": "", "phone": "",
                                               "import_batch_id": batch_id} for name in new])
        points = _ids_of_points(session, names)
    linked = set(session.scalars(select(CampaignPickupPoint.pickup_point_id)
                                 .where(CampaignPickupPoint.campaign_id == campaign_id)))
    links = [{"campaign_id": campaign_id, "pickup_point_id": pid, "import_batch_id": batch_id}
             for pid in sorted(set(points.values()) - linked)]
    if links:
        session.execute(insert(CampaignPickupPoint), links)
    return points


def _ensure_products(session: Session, campaign_id: int, orders: _Orders, chosen: Sequence[int],
                     batch_id: int) -> dict[tuple[str, str], int]:
    """The campaign's products by (name, spec); one the lines name for the first time is created
    with the price its first line implies and the cost from 商品成本价."""
    known = _products(session, campaign_id)
    position = len(known)
    new: dict[tuple[str, str], dict[str, Any]] = {}
    for o in chosen:
        for at in orders.rows[o]:
            key = (orders.products[at], orders.specs[at])
            quantity = orders.quantities[at]
            if key in known or key in new or not quantity:
                continue
            new[key] = {"campaign_id": campaign_id, "name": key[0], "spec": key[1],
                        "price_cents": orders.amounts[at] // quantity, "cost_cents": orders.costs[at] or 0,
                        "per_person_limit": None, "stock": None, "position": position + len(new),
                        "import_batch_id": batch_id}
    if new:
        session.execute(insert(Product.__table__), list(new.values()))
    return {key: item.id for key, item in _products(session, campaign_id).items()}
