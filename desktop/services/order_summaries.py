"""What a leader reads off a group buy: the supplier order, the pickup lists, totals by pickup point,
group and leader, payment reconciliation and the repurchase rate. Read-only; every figure is a SQL
aggregate (GROUP BY over orders and order items), so 100,000 orders summarise in a fraction of a second.

Which orders count:
- the supplier order and the pickup lists: live orders (未付款 and 已付款): goods are needed for them;
- by group and by leader: every order but the cancelled ones, with refunds shown beside the amount;
- reconciliation: every order, by payment status; who still owes = unpaid orders, by buyer;
- repurchase: paid orders (已付款, and 已退款 ones that were paid, as the boss report counts them).
A buyer is the member, else the phone, else the name written on the order (``orders.buyer_key``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.orm import Session

from desktop.domain.enums import FulfilmentStatus, PaymentStatus
from desktop.domain.orders import (
    LIVE_PAYMENTS,
    VALID_PAYMENTS,
    CampaignSummary,
    Debtor,
    GroupSummary,
    LeaderSummary,
    PickupList,
    PickupListRow,
    PickupSummary,
    ProductSummary,
    Reconciliation,
    Repurchase,
    RepurchaseRow,
    items_text,
    sort_pickup_rows,
)
from desktop.domain.reports import mask_phone
from desktop.store.engine import Database
from desktop.store.models import Campaign, CampaignPickupPoint, Group, Order, OrderItem, PickupPoint, Product

from .orders import buyer_expr, require_campaign

#: unpaid buyers listed in the reconciliation at most
OWING_LIMIT = 5000
NO_POINT = "（未指定自提点）"
NO_GROUP = "（未关联群）"


#: product -> (quantity, orders, amount)
ItemTotals = dict[int, tuple[int, int, int]]
#: (payment status, pickup point, group, fulfilled) -> (orders, amount, refunds, pieces)
OrderStats = dict[tuple[PaymentStatus, int | None, int | None, bool], tuple[int, int, int, int]]


def _sqlite_buyer_key() -> Any:
    """One value per buyer (``buyer_key``) for SQLite: the member id (an integer) where there is one,
    else "p" + phone or "n" + name (texts). SQLite never finds an integer equal to a text, so the
    three kinds stay apart as in buyer_key; not for PostgreSQL, whose coalesce wants one type."""
    return func.coalesce(Order.member_id, case((Order.buyer_phone != "", literal("p") + Order.buyer_phone),
                                               else_=literal("n") + Order.buyer_name))


def distinct_buyers(session: Session) -> Any:
    """``count(DISTINCT buyer_key)`` without building a key per row: the members, the phones of
    orders without a member and the names of orders with neither are disjoint, so their distinct
    counts add up (and the common case, a member, counts a plain integer). On SQLite one DISTINCT
    does it (one temp b-tree probe per row instead of three): the member id where there is one, else
    the phone or the name, prefixed; an integer never equals a text there, so the keys stay disjoint."""
    no_member = Order.member_id.is_(None)
    if session.get_bind().dialect.name == "sqlite":
        return func.count(func.distinct(_sqlite_buyer_key()))
    return (func.count(func.distinct(Order.member_id))
            + func.count(func.distinct(case((and_(no_member, Order.buyer_phone != ""), Order.buyer_phone))))
            + func.count(func.distinct(case((and_(no_member, Order.buyer_phone == ""), Order.buyer_name)))))


def item_totals(session: Session, campaign_id: int, payments: Sequence[PaymentStatus] = LIVE_PAYMENTS) -> ItemTotals:
    """product -> (quantity, orders, amount) over the campaign's orders in ``payments``. An order has
    one line per product, so counting lines counts orders. Every line of the campaign's products is
    summed straight from the covering index ix_order_items_product_totals (by product, in its order:
    no join, no sort); a line's product is always one of its order's campaign (every path that
    writes lines checks it). Less the lines of the campaign's orders in the other payment statuses
    (the cancelled and refunded ones, few), found by order."""
    products = select(Product.id).where(Product.campaign_id == campaign_id).scalar_subquery()
    sums = {pid: [int(q or 0), int(n), int(a or 0)] for pid, q, n, a in session.execute(
        select(OrderItem.product_id, func.sum(OrderItem.quantity), func.count(), func.sum(OrderItem.amount_cents))
        .where(OrderItem.product_id.in_(products)).group_by(OrderItem.product_id))}
    others = [status for status in PaymentStatus if status not in payments]
    if sums and others:
        for pid, q, n, a in session.execute(
                select(OrderItem.product_id, func.sum(OrderItem.quantity), func.count(),
                       func.sum(OrderItem.amount_cents))
                .select_from(Order).join(OrderItem, Order.id == OrderItem.order_id)
                .where(Order.campaign_id == campaign_id, Order.payment_status.in_(others))
                .group_by(OrderItem.product_id)):
            row = sums.get(pid)
            if row is not None:
                row[0] -= int(q or 0)
                row[1] -= int(n)
                row[2] -= int(a or 0)
    return {pid: (q, n, a) for pid, (q, n, a) in sums.items() if n}


def order_stats(session: Session, campaign_id: int) -> OrderStats:
    """One pass over the campaign's orders (the covering index, in its own order: no sort) feeding the
    pickup, group and reconciliation figures."""
    out: OrderStats = {}
    for status, point, group, fulfilment, n, amount, refund, pieces in session.execute(
            select(Order.payment_status, Order.pickup_point_id, Order.group_id, Order.fulfilment_status, func.count(),
                   func.sum(Order.amount_cents), func.sum(Order.refund_cents), func.sum(Order.pieces))
            .where(Order.campaign_id == campaign_id)
            .group_by(Order.payment_status, Order.pickup_point_id, Order.group_id, Order.fulfilment_status)):
        key = (PaymentStatus(status), point, group, FulfilmentStatus(fulfilment) != FulfilmentStatus.WAITING)
        before = out.get(key, (0, 0, 0, 0))
        out[key] = (before[0] + int(n), before[1] + int(amount or 0), before[2] + int(refund or 0),
                    before[3] + int(pieces or 0))
    return out


def product_summaries(session: Session, campaign_id: int, payments: Sequence[PaymentStatus] = LIVE_PAYMENTS,
                      totals: ItemTotals | None = None) -> list[ProductSummary]:
    """The supplier order: every product of the campaign (ordered or not) with quantity, orders,
    amount, cost (quantity x the product's cost) and margin."""
    sums = totals if totals is not None else item_totals(session, campaign_id, payments)
    out = []
    for pid, name, spec, cost in session.execute(
            select(Product.id, Product.name, Product.spec, Product.cost_cents)
            .where(Product.campaign_id == campaign_id).order_by(Product.position, Product.id)):
        q, n, amount = sums.get(pid, (0, 0, 0))
        out.append(ProductSummary(pid, name, spec, q, n, amount, q * cost))
    return out


def pickup_summaries(session: Session, campaign_id: int, stats: OrderStats | None = None) -> list[PickupSummary]:
    """Per pickup point (and the orders without one): orders, buyers, pieces, amount, picked up."""
    stats = stats if stats is not None else order_stats(session, campaign_id)
    orders: dict[int | None, tuple[int, int, int]] = {}
    pieces: dict[int | None, int] = defaultdict(int)
    for (status, point, _, done), (n, amount, _, count) in stats.items():
        if status in LIVE_PAYMENTS:
            before = orders.get(point, (0, 0, 0))
            orders[point] = (before[0] + n, before[1] + amount, before[2] + (n if done else 0))
            pieces[point] += count
    buyers = dict(session.execute(
        select(Order.pickup_point_id, distinct_buyers(session))
        .where(Order.campaign_id == campaign_id, Order.payment_status.in_(LIVE_PAYMENTS))
        .group_by(Order.pickup_point_id)).all()) if orders else {}
    linked = {pid for (_, pid, _, _) in stats} - {None}
    linked.update(session.scalars(select(CampaignPickupPoint.pickup_point_id)
                                  .where(CampaignPickupPoint.campaign_id == campaign_id)))
    points = {pid: (name, address) for pid, name, address in session.execute(
        select(PickupPoint.id, PickupPoint.name, PickupPoint.address).where(PickupPoint.id.in_(sorted(linked)))
        .order_by(PickupPoint.name))} if linked else {}
    out = []
    for pid in [*points, None]:
        if pid is None and None not in orders:
            continue
        n, amount, done = orders.get(pid, (0, 0, 0))
        name, address = points.get(pid, (NO_POINT, "")) if pid is not None else (NO_POINT, "")
        out.append(PickupSummary(pid, name, address, n, int(buyers.get(pid) or 0), int(pieces.get(pid) or 0),
                                 amount, done))
    return out


def group_summaries(session: Session, campaign_id: int | None = None,
                    stats: OrderStats | None = None) -> list[GroupSummary]:
    """Orders, buyers, amount and refunds per group (cancelled orders left out), biggest first."""
    counted = Order.payment_status != PaymentStatus.CANCELLED
    if campaign_id is not None:
        stats = stats if stats is not None else order_stats(session, campaign_id)
        sums: dict[int | None, tuple[int, int, int]] = {}
        for (status, _, group, _), (n, amount, refund, _) in stats.items():
            if status is not PaymentStatus.CANCELLED:
                before = sums.get(group, (0, 0, 0))
                sums[group] = (before[0] + n, before[1] + amount, before[2] + refund)
        buyers = dict(session.execute(
            select(Order.group_id, distinct_buyers(session)).where(Order.campaign_id == campaign_id, counted)
            .group_by(Order.group_id)).all()) if sums else {}
    else:
        sums, buyers = {}, {}
        for gid, n, b, a, r in session.execute(
                select(Order.group_id, func.count(), distinct_buyers(session), func.sum(Order.amount_cents),
                       func.sum(Order.refund_cents)).where(counted).group_by(Order.group_id)):
            sums[gid], buyers[gid] = (int(n), int(a or 0), int(r or 0)), b
    ids = sorted(g for g in sums if g is not None)
    names = dict(session.execute(select(Group.id, Group.name).where(Group.id.in_(ids))).all()) if ids else {}
    rows = [GroupSummary(gid, names.get(gid, NO_GROUP) if gid is not None else NO_GROUP, n, int(buyers.get(gid) or 0),
                         amount, refund) for gid, (n, amount, refund) in sums.items()]
    return sorted(rows, key=lambda r: (-r.amount_cents, r.group_id is None, r.group_id or 0))


def leader_summaries(session: Session) -> list[LeaderSummary]:
    """Per leader (团长): campaigns, orders, buyers, amount and refunds, cancelled orders left out.
    Orders are summed per campaign (index order, no sort) and buyers collected per campaign, then
    folded per leader here: no join of every order to its campaign, no sort by leader."""
    leader_of = dict(session.execute(select(Campaign.id, Campaign.leader)).all())
    campaigns: dict[str, int] = defaultdict(int)
    for leader in leader_of.values():
        campaigns[leader] += 1
    counted = (Order.payment_status != PaymentStatus.CANCELLED, Order.campaign_id.is_not(None))
    sums: dict[str, list[int]] = {}
    for campaign_id, n, amount, refund in session.execute(
            select(Order.campaign_id, func.count(), func.sum(Order.amount_cents), func.sum(Order.refund_cents))
            .where(*counted).group_by(Order.campaign_id)):
        row = sums.setdefault(leader_of[campaign_id], [0, 0, 0])
        row[0] += int(n)
        row[1] += int(amount or 0)
        row[2] += int(refund or 0)
    buyers: dict[str, set[Any]] = defaultdict(set)
    for campaign_id, *buyer in session.execute(_campaign_buyers(session, *counted)):
        buyers[leader_of[campaign_id]].add(tuple(buyer))
    rows = []
    for leader, count in campaigns.items():
        n, amount, refund = sums.get(leader, (0, 0, 0))
        rows.append(LeaderSummary(leader or "（未填团长）", count, n, len(buyers.get(leader, ())), amount, refund))
    return sorted(rows, key=lambda r: (-r.amount_cents, r.leader))


def _campaign_buyers(session: Session, *where: Any) -> Any:
    """Distinct (campaign, member, phone, name) with the phone and name blanked where they do not
    identify the buyer (``buyer_key``): one row per buyer and campaign, read from the covering index.
    On SQLite (campaign, one key) as in ``distinct_buyers``: a narrower DISTINCT, the same buyers."""
    if session.get_bind().dialect.name == "sqlite":
        return select(Order.campaign_id, _sqlite_buyer_key()).where(*where).distinct()
    no_member = Order.member_id.is_(None)
    phone = case((no_member, Order.buyer_phone), else_=literal(""))
    name = case((and_(no_member, Order.buyer_phone == ""), Order.buyer_name), else_=literal(""))
    return select(Order.campaign_id, Order.member_id, phone, name).where(*where).distinct()


def reconciliation(session: Session, campaign_id: int, stats: OrderStats | None = None) -> Reconciliation:
    """Paid, unpaid, refunded and cancelled totals, and who still owes (unpaid orders by buyer)."""
    stats = stats if stats is not None else order_stats(session, campaign_id)
    by_status: dict[PaymentStatus, tuple[int, int, int]] = {}
    for (status, _, _, _), (n, amount, refund, _) in stats.items():
        before = by_status.get(status, (0, 0, 0))
        by_status[status] = (before[0] + n, before[1] + amount, before[2] + refund)
    paid = [by_status.get(s, (0, 0, 0)) for s in VALID_PAYMENTS]
    unpaid = by_status.get(PaymentStatus.UNPAID, (0, 0, 0))
    amount = func.sum(Order.amount_cents)
    owing = tuple(
        Debtor(member_id, name, phone, int(n), int(a or 0)) for member_id, name, phone, n, a in session.execute(
            select(Order.member_id, func.max(Order.buyer_name), func.max(Order.buyer_phone), func.count(), amount)
            .where(Order.campaign_id == campaign_id, Order.payment_status == PaymentStatus.UNPAID)
            .group_by(buyer_expr(), Order.member_id).order_by(amount.desc(), func.min(Order.id)).limit(OWING_LIMIT))
    ) if unpaid[0] else ()
    return Reconciliation(
        paid_orders=sum(p[0] for p in paid), paid_cents=sum(p[1] for p in paid),
        unpaid_orders=unpaid[0], unpaid_cents=unpaid[1],
        refunded_orders=by_status.get(PaymentStatus.REFUNDED, (0, 0, 0))[0],
        refund_cents=sum(p[2] for p in paid), cancelled_orders=by_status.get(PaymentStatus.CANCELLED, (0, 0, 0))[0],
        owing=owing)


def repurchase(session: Session) -> Repurchase:
    """Per campaign, the share of its buyers who had bought in an earlier campaign (by open time, then
    creation); across campaigns, the share of all buyers who bought in two or more."""
    campaigns = session.execute(
        select(Campaign.id, Campaign.title, func.coalesce(Campaign.open_at, Campaign.created_at))
        .order_by(func.coalesce(Campaign.open_at, Campaign.created_at), Campaign.id)).all()
    buyers_of: dict[int, list[Any]] = defaultdict(list)
    for campaign_id, *buyer in session.execute(
            _campaign_buyers(session, Order.payment_status.in_(VALID_PAYMENTS), Order.campaign_id.is_not(None))):
        buyers_of[campaign_id].append(tuple(buyer))
    seen: set[Any] = set()
    times: dict[Any, int] = defaultdict(int)
    rows = []
    for campaign_id, title, _ in campaigns:
        buyers = buyers_of.get(campaign_id, [])
        rows.append(RepurchaseRow(campaign_id, title, len(buyers), sum(1 for b in buyers if b in seen)))
        for buyer in buyers:
            times[buyer] += 1
        seen.update(buyers)
    return Repurchase(tuple(rows), len(times), sum(1 for n in times.values() if n >= 2))


def pickup_lists(session: Session, campaign_id: int, pickup_point_ids: Sequence[int | None] | None = None
                 ) -> list[PickupList]:
    """One list per pickup point (orders without one last): live orders sorted by building and room,
    phones masked, with what the delivery to that point must carry."""
    items: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for order_id, name, spec, quantity in session.execute(
            select(OrderItem.order_id, Product.name, Product.spec, OrderItem.quantity)
            .join(Order, Order.id == OrderItem.order_id).join(Product, Product.id == OrderItem.product_id)
            .where(Order.campaign_id == campaign_id, Order.payment_status.in_(LIVE_PAYMENTS))
            .order_by(OrderItem.order_id, Product.position, Product.id)):
        items[order_id].append((f"{name} {spec}".strip(), quantity))
    rows: dict[int | None, list[PickupListRow]] = defaultdict(list)
    for (order_id, point_id, external_no, seq, name, phone, amount, status, building, room, note,
         leader_note) in session.execute(
            select(Order.id, Order.pickup_point_id, Order.external_no, Order.source_seq, Order.buyer_name,
                   Order.buyer_phone, Order.amount_cents, Order.payment_status, Order.building, Order.room,
                   Order.note, Order.leader_note)
            .where(Order.campaign_id == campaign_id, Order.payment_status.in_(LIVE_PAYMENTS))):
        lines = items.get(order_id, [])
        number = external_no or (str(seq) if seq is not None else f"#{order_id}")
        rows[point_id].append(PickupListRow(order_id, number, name, mask_phone(phone), items_text(lines),
                                            sum(q for _, q in lines), amount, PaymentStatus(status), building, room,
                                            " ".join(t for t in (note, leader_note) if t)))
    out = []
    for summary in pickup_summaries(session, campaign_id):
        pid = summary.pickup_point_id
        if pickup_point_ids is not None and pid not in pickup_point_ids:
            continue
        if pickup_point_ids is None and pid not in rows:
            continue  # a point nobody ordered for gets no page
        point = session.get(PickupPoint, pid) if pid is not None else None
        contact = " ".join(t for t in (point.contact, mask_phone(point.phone)) if t) if point else ""
        point_rows = sort_pickup_rows(rows.get(pid, []))
        totals: dict[str, int] = defaultdict(int)
        for row in point_rows:
            for label, quantity in items.get(row.order_id, []):
                totals[label] += quantity
        out.append(PickupList(pid, summary.name, summary.address, contact, tuple(point_rows),
                              tuple(sorted(totals.items()))))
    return out


class OrderSummaryService:
    """Read-only summaries for the group-buy pages, the sheets and the CLI; one transaction per call."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def products(self, campaign_id: int, payments: Sequence[PaymentStatus] = LIVE_PAYMENTS) -> list[ProductSummary]:
        with self._db.transaction() as session:
            require_campaign(session, campaign_id)
            return product_summaries(session, campaign_id, payments)

    def pickup_points(self, campaign_id: int) -> list[PickupSummary]:
        with self._db.transaction() as session:
            require_campaign(session, campaign_id)
            return pickup_summaries(session, campaign_id)

    def groups(self, campaign_id: int | None = None) -> list[GroupSummary]:
        with self._db.transaction() as session:
            return group_summaries(session, campaign_id)

    def leaders(self) -> list[LeaderSummary]:
        with self._db.transaction() as session:
            return leader_summaries(session)

    def reconciliation(self, campaign_id: int) -> Reconciliation:
        with self._db.transaction() as session:
            require_campaign(session, campaign_id)
            return reconciliation(session, campaign_id)

    def repurchase(self) -> Repurchase:
        with self._db.transaction() as session:
            return repurchase(session)

    def campaign_summary(self, campaign_id: int) -> CampaignSummary:
        """Everything a campaign's summary tab shows, from one consistent read."""
        with self._db.transaction() as session:
            campaign = require_campaign(session, campaign_id)
            totals = item_totals(session, campaign_id)
            stats = order_stats(session, campaign_id)
            return CampaignSummary(campaign_id, campaign.title,
                                   tuple(product_summaries(session, campaign_id, totals=totals)),
                                   tuple(pickup_summaries(session, campaign_id, stats)),
                                   tuple(group_summaries(session, campaign_id, stats)),
                                   reconciliation(session, campaign_id, stats))

    def pickup_lists(self, campaign_id: int, pickup_point_ids: Sequence[int | None] | None = None
                     ) -> list[PickupList]:
        with self._db.transaction() as session:
            require_campaign(session, campaign_id)
            return pickup_lists(session, campaign_id, pickup_point_ids)

    def campaign_title(self, campaign_id: int) -> str:
        with self._db.transaction() as session:
            return require_campaign(session, campaign_id).title

