"""Group buys: campaigns with their products and pickup points, orders, bulk status changes, and 接龙
pastes turned into orders. One transaction per call; DTOs out, never ORM objects.

Buyers are matched to members by phone, then by a nickname exactly one member has; a buyer matching
nobody becomes a new member; a nickname several members share (no phone) is never guessed. One rule
(``resolve_buyers``) for quick entry, edits, 接龙 and order imports, so they count as one buyer. An
order's group is the campaign group the buyer is in (the only campaign group when the campaign has
one). Per-person limits and stock count live orders (unpaid or paid) and are checked for every write
with ``desktop.domain.orders.check_quantities``.

Applying a 接龙 is an import: one ImportBatch (kind ``jielong``) holds the orders and the new members,
so ``ImportService.undo`` takes the whole paste back. Each order keeps its line's key, unique per
campaign, so pasting a longer version of the same 接龙 creates only the new lines.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import Select, String, case, cast, delete, func, insert, literal, or_, select, update
from sqlalchemy.orm import Session

from desktop.domain.enums import CampaignStatus, FulfilmentStatus, ImportStatus, PaymentStatus, Tier
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.imports import BatchKind
from desktop.domain.jielong import (
    Catalogue,
    PickupChoice,
    ProductChoice,
    line_content,
    parse_paste,
)
from desktop.domain.members import normalise_phone
from desktop.domain.orders import (
    LIVE_PAYMENTS,
    CampaignDetail,
    CampaignDraft,
    CampaignRow,
    GroupChoice,
    JielongLineDraft,
    JielongResult,
    JielongReview,
    LineErrors,
    LineStatus,
    OrderDetail,
    OrderDraft,
    OrderedLine,
    OrderFilter,
    OrderItemDTO,
    OrderRow,
    OrderSort,
    PastedLine,
    PickupPointDraft,
    PickupPointDTO,
    ProductDraft,
    ProductDTO,
    ProductRule,
    ProductsInUse,
    QuantityLine,
    ReviewItem,
    ReviewLine,
    check_quantities,
    check_refund,
    items_text,
    match_repaste,
    merge_problems,
    quantity_problem,
    settle_payment,
)
from desktop.store.engine import Database
from desktop.store.models import (
    Campaign,
    CampaignGroup,
    CampaignPickupPoint,
    Group,
    ImportBatch,
    Member,
    Membership,
    Order,
    OrderItem,
    PickupPoint,
    Product,
)

from .interactions import audit, chunks
from .text import search_key

#: an order list holds at most this many ids
LIST_LIMIT = 200_000


@lru_cache(maxsize=65536)
def pinyin_syllables(text: str) -> tuple[str, ...]:
    """One toneless syllable per Chinese character (pypinyin picks the reading from the phrase)."""
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(text))


# ================================================================================================ buyers


class Buyer(NamedTuple):
    """Who placed an order, as the source wrote it (a named tuple: a dict key an import looks up
    thousands of times, hashed in C)."""

    name: str
    phone: str = ""


def buyer_key(member_id: int | None, phone: str, name: str) -> str:
    """The identity limits are counted by: the member, else the phone, else the name."""
    if member_id is not None:
        return f"m{member_id}"
    return f"p{phone}" if phone else f"n{name}"


def buyer_expr() -> Any:
    """``buyer_key`` in SQL, for counting distinct buyers."""
    return case((Order.member_id.is_not(None), literal("m") + cast(Order.member_id, String)),
                (Order.buyer_phone != "", literal("p") + Order.buyer_phone), else_=literal("n") + Order.buyer_name)


#: phones or nicknames per IN (...) list when matching buyers: an order export names thousands of
#: buyers, and each statement costs more than its parameters (SQLite takes 32,766, PostgreSQL 65,535)
BUYER_CHUNK = 2000


def find_members(session: Session, buyers: Iterable[Buyer]) -> dict[Buyer, int | None]:
    """Buyer -> member id by phone, then by a nickname only one member has; None when nobody matches
    or several people share the nickname (never guessed)."""
    buyers = list(dict.fromkeys(buyers))
    phones = {b.phone for b in buyers if b.phone}
    names = {b.name for b in buyers if b.name}
    by_phone: dict[str, list[int]] = defaultdict(list)
    for part in chunks(sorted(phones), BUYER_CHUNK):
        for member_id, phone in session.execute(select(Member.id, Member.phone).where(Member.phone.in_(part))):
            by_phone[phone].append(member_id)
    by_name: dict[str, list[int]] = defaultdict(list)
    for part in chunks(sorted(names), BUYER_CHUNK):
        for member_id, nickname in session.execute(
                select(Member.id, Member.nickname).where(Member.nickname.in_(part))):
            by_name[nickname].append(member_id)
    found: dict[Buyer, int | None] = {}
    for buyer in buyers:
        hits = by_phone.get(buyer.phone, []) if buyer.phone else []
        if not hits:
            hits = by_name.get(buyer.name, [])
        found[buyer] = hits[0] if len(set(hits)) == 1 else None
    return found


def ambiguous_names(session: Session, names: Iterable[str]) -> set[str]:
    """Nicknames several members have: such a buyer is not linked, and no new member is made."""
    out: set[str] = set()
    for part in chunks(sorted(set(names))):
        out.update(session.scalars(select(Member.nickname).where(Member.nickname.in_(part))
                                   .group_by(Member.nickname).having(func.count() > 1)))
    return out


def create_members(session: Session, buyers: Sequence[tuple[Buyer, str]], batch_id: int | None,
                   now: datetime) -> dict[Buyer, int]:
    """New members for buyers nobody matched (``(buyer, address)``), each buyer linked to the member
    made for them. Under a batch: the import engine's column-by-column insert, the new ids known
    without a read-back where possible (``insert_columns_returning_ids``); else one INSERT .. RETURNING."""
    if not buyers:
        return {}
    columns: dict[str, Any] = {
        "nickname": [b.name[:120] for b, _ in buyers], "phone": [b.phone or None for b, _ in buyers],
        "address": [address[:300] for _, address in buyers], "search_key": [search_key(b.name) for b, _ in buyers],
        "name": ("",), "tier": (Tier.PROSPECT,), "seed_user": (False,), "source": ("团购",), "note": ("",),
        "created_at": (now,), "updated_at": (now,)}
    table = Member.__table__
    if batch_id is None:
        rows = [{name: values[0] if isinstance(values, tuple) else values[n] for name, values in columns.items()}
                for n in range(len(buyers))]
        ids = session.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True),  # type: ignore[attr-defined]
                              [{**row, "import_batch_id": None} for row in rows]).all()
        return {b: member_id for (b, _), member_id in zip(buyers, ids, strict=True)}
    from .imports import insert_columns_returning_ids  # the import engine builds on this module

    ids = insert_columns_returning_ids(session, table, columns, batch_id,  # type: ignore[arg-type]
                                       ("nickname", "phone"))
    return {b: member_id for (b, _), member_id in zip(buyers, ids, strict=True)}


def resolve_buyers(session: Session, buyers: Sequence[tuple[Buyer, str]], batch_id: int | None,
                   now: datetime) -> tuple[dict[Buyer, int | None], list[int]]:
    """Buyer -> member for every order path (quick entry, 接龙, order import), ``(buyer, address)`` in:
    by phone, then by a nickname only one member has (``find_members``); a named buyer matching
    nobody becomes a new member (``create_members``, the address of their last order), except a
    buyer without a phone whose nickname several members share: left unlinked, never guessed.
    Returns the map and the ids of the members created."""
    found = find_members(session, [b for b, _ in buyers])
    ambiguous = ambiguous_names(session, [b.name for b, _ in buyers if not b.phone])
    addresses = dict(buyers)  # the last order of a buyer wins
    wanted = [b for b, member_id in found.items()
              if member_id is None and b.name and (b.phone or b.name not in ambiguous)]
    created = create_members(session, [(b, addresses[b]) for b in wanted], batch_id, now)
    found.update(created)
    return found, sorted(created.values())


def buyer_groups(session: Session, campaign_id: int, member_ids: Iterable[int]) -> dict[int | None, int | None]:
    """member -> the campaign group they are in (None key: the campaign's only group, if one)."""
    groups = list(session.scalars(select(CampaignGroup.group_id).where(CampaignGroup.campaign_id == campaign_id)))
    out: dict[int | None, int | None] = {None: groups[0] if len(groups) == 1 else None}
    if not groups:
        return out
    ids = sorted(set(member_ids))
    for part in chunks(ids):
        for member_id, group_id in session.execute(
                select(Membership.member_id, Membership.group_id)
                .where(Membership.member_id.in_(part), Membership.group_id.in_(groups))
                .order_by(Membership.left_on.is_not(None), Membership.group_id)):
            out.setdefault(member_id, group_id)
    return out


def group_for(groups: Mapping[int | None, int | None], member_id: int | None) -> int | None:
    if member_id is not None and member_id in groups:
        return groups[member_id]
    return groups.get(None)


# ================================================================================================ limits


def product_rules(session: Session, campaign_id: int) -> dict[int, ProductRule]:
    rules = {}
    for pid, name, spec, limit, stock in session.execute(
            select(Product.id, Product.name, Product.spec, Product.per_person_limit, Product.stock)
            .where(Product.campaign_id == campaign_id)):
        rules[pid] = ProductRule(pid, f"{name} {spec}".strip(), limit, stock)
    return rules


def bought_and_sold(session: Session, campaign_id: int, exclude_order: int | None = None
                    ) -> tuple[dict[tuple[str, int], int], dict[int, int]]:
    """(buyer key, product) -> quantity and product -> quantity over the campaign's live orders."""
    stmt = (select(Order.member_id, Order.buyer_phone, Order.buyer_name, OrderItem.product_id,
                   func.sum(OrderItem.quantity))
            .join(OrderItem, OrderItem.order_id == Order.id)
            .where(Order.campaign_id == campaign_id, Order.payment_status.in_(LIVE_PAYMENTS))
            .group_by(Order.member_id, Order.buyer_phone, Order.buyer_name, OrderItem.product_id))
    if exclude_order is not None:
        stmt = stmt.where(Order.id != exclude_order)
    bought: dict[tuple[str, int], int] = defaultdict(int)
    sold: dict[int, int] = defaultdict(int)
    for member_id, phone, name, product_id, quantity in session.execute(stmt):
        bought[(buyer_key(member_id, phone or "", name or ""), product_id)] += int(quantity)
        sold[product_id] += int(quantity)
    return bought, sold


# ================================================================================================ reading


def require_campaign(session: Session, campaign_id: int) -> Campaign:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFoundError(f"团购活动 #{campaign_id} 不存在 (可能已被删除)")
    return campaign


def _product_dtos(session: Session, campaign_id: int) -> list[ProductDTO]:
    sold = dict(session.execute(
        select(OrderItem.product_id, func.sum(OrderItem.quantity))
        .join(Order, Order.id == OrderItem.order_id)
        .where(Order.campaign_id == campaign_id, Order.payment_status.in_(LIVE_PAYMENTS))
        .group_by(OrderItem.product_id)).all())
    return [ProductDTO(p.id, p.campaign_id, p.name, p.spec, p.price_cents, p.cost_cents, p.per_person_limit,
                       p.stock, p.position, int(sold.get(p.id) or 0))
            for p in session.scalars(select(Product).where(Product.campaign_id == campaign_id)
                                     .order_by(Product.position, Product.id))]


def _point_dto(point: PickupPoint) -> PickupPointDTO:
    return PickupPointDTO(point.id, point.name, point.address, point.contact, point.phone)


def _campaign_points(session: Session, campaign_id: int) -> list[PickupPointDTO]:
    return [_point_dto(p) for p in session.scalars(
        select(PickupPoint).join(CampaignPickupPoint, CampaignPickupPoint.pickup_point_id == PickupPoint.id)
        .where(CampaignPickupPoint.campaign_id == campaign_id).order_by(PickupPoint.name))]


def _detail(session: Session, campaign_id: int) -> CampaignDetail:
    c = require_campaign(session, campaign_id)
    groups = tuple(session.scalars(select(CampaignGroup.group_id).where(CampaignGroup.campaign_id == campaign_id)
                                   .order_by(CampaignGroup.group_id)))
    return CampaignDetail(c.id, c.title, c.leader, CampaignStatus(c.status), c.open_at, c.cutoff_at, c.note, groups,
                          tuple(_product_dtos(session, campaign_id)), tuple(_campaign_points(session, campaign_id)))


def _item_texts(session: Session, order_ids: Sequence[int]) -> dict[int, list[tuple[str, int]]]:
    out: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for part in chunks(list(order_ids)):
        for order_id, name, spec, quantity in session.execute(
                select(OrderItem.order_id, Product.name, Product.spec, OrderItem.quantity)
                .join(Product, Product.id == OrderItem.product_id)
                .where(OrderItem.order_id.in_(part)).order_by(OrderItem.order_id, Product.position, Product.id)):
            out[order_id].append((f"{name} {spec}".strip(), quantity))
    return out


def order_rows(session: Session, ids: Sequence[int]) -> list[OrderRow]:
    """Rows for ``ids`` in the order given (ids no longer present are left out)."""
    found: dict[int, Any] = {}
    for part in chunks(list(ids)):
        for row in session.execute(
                select(Order, func.coalesce(Group.name, ""), func.coalesce(PickupPoint.name, ""))
                .outerjoin(Group, Group.id == Order.group_id)
                .outerjoin(PickupPoint, PickupPoint.id == Order.pickup_point_id)
                .where(Order.id.in_(part))):
            found[row[0].id] = row
    texts = _item_texts(session, list(found))
    rows = []
    for order_id in ids:
        if order_id not in found:
            continue
        o, group_name, point_name = found[order_id]
        items = texts.get(order_id, [])
        rows.append(OrderRow(
            o.id, o.campaign_id, o.external_no, o.source_seq, o.member_id, o.buyer_name, o.buyer_phone, o.group_id,
            group_name, o.pickup_point_id, point_name, o.placed_at, o.paid_at, o.amount_cents, o.refund_cents,
            PaymentStatus(o.payment_status), FulfilmentStatus(o.fulfilment_status), items_text(items),
            sum(q for _, q in items), o.building, o.room, o.note, o.leader_note))
    return rows


_SORTS: dict[OrderSort, tuple[Any, ...]] = {
    OrderSort.PLACED: (Order.placed_at,),
    OrderSort.SEQ: (Order.source_seq, Order.external_no),
    OrderSort.BUYER: (Order.buyer_name,),
    OrderSort.AMOUNT: (Order.amount_cents,),
    OrderSort.PICKUP: (Order.pickup_point_id, Order.building, Order.room),
    OrderSort.ADDRESS: (Order.building, Order.room),
}


def _filtered(stmt: Select[Any], f: OrderFilter) -> Select[Any]:
    if f.payment_statuses is not None:
        stmt = stmt.where(Order.payment_status.in_(sorted(f.payment_statuses)))
    if f.fulfilment_statuses is not None:
        stmt = stmt.where(Order.fulfilment_status.in_(sorted(f.fulfilment_statuses)))
    if f.pickup_point_ids is not None:
        stmt = stmt.where(Order.pickup_point_id.in_(sorted(f.pickup_point_ids)))
    if f.group_ids is not None:
        stmt = stmt.where(Order.group_id.in_(sorted(f.group_ids)))
    if f.member_id is not None:
        stmt = stmt.where(Order.member_id == f.member_id)
    if f.product_id is not None:
        stmt = stmt.where(Order.id.in_(select(OrderItem.order_id).where(OrderItem.product_id == f.product_id)))
    for word in f.text.split():
        like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = stmt.where(or_(*(column.like(like, escape="\\") for column in (
            Order.buyer_name, Order.buyer_phone, Order.external_no, Order.note, Order.leader_note, Order.source_text,
            Order.address, Order.extras_json))))
    return stmt


# ================================================================================================ writing


def _extras_of(text: str | None) -> tuple[tuple[str, str], ...]:
    """An order's stored extras (a JSON object) as (title, text) pairs; anything else as none."""
    try:
        found = json.loads(text or "{}")
    except ValueError:
        return ()
    if not isinstance(found, dict):
        return ()
    return tuple((str(key), str(value)) for key, value in found.items() if value not in (None, ""))


def _check_links(session: Session, campaign_id: int, draft: OrderDraft) -> dict[int, Product]:
    products = {p.id: p for p in session.scalars(select(Product).where(Product.campaign_id == campaign_id))}
    for n, item in enumerate(draft.items, start=1):
        if item.product_id not in products:
            raise ValidationError(f"第 {n} 个商品不属于这个团购活动", "items")
    if draft.pickup_point_id is not None and session.get(PickupPoint, draft.pickup_point_id) is None:
        raise ValidationError("所选自提点不存在", "pickup_point_id")
    if draft.member_id is not None and session.get(Member, draft.member_id) is None:
        raise ValidationError("所选成员不存在 (可能已被合并或删除)", "member_id")
    if draft.group_id is not None and session.get(Group, draft.group_id) is None:
        raise ValidationError("所选群不存在", "group_id")
    return products


def _item_rows(draft: OrderDraft, products: Mapping[int, Product]) -> list[dict[str, Any]]:
    rows = []
    for item in draft.items:
        price = item.unit_price_cents if item.unit_price_cents is not None else products[item.product_id].price_cents
        rows.append({"product_id": item.product_id, "quantity": item.quantity, "unit_price_cents": price,
                     "amount_cents": price * item.quantity})
    return rows


def _check_limits(session: Session, campaign_id: int, buyer: str, draft: OrderDraft,
                  exclude_order: int | None) -> None:
    bought, sold = bought_and_sold(session, campaign_id, exclude_order)
    if draft.payment_status not in LIVE_PAYMENTS:
        return
    problems = check_quantities([QuantityLine(0, buyer, tuple((i.product_id, i.quantity) for i in draft.items))],
                                product_rules(session, campaign_id), bought, sold)
    if problems:
        raise ValidationError("；".join(problems[0]), "items")


def _order_columns(draft: OrderDraft, amount: int, now: datetime, group_id: int | None) -> dict[str, Any]:
    placed = draft.placed_at or now
    status, paid_at = settle_payment(draft.payment_status, draft.paid_at, amount, draft.refund_cents, now)
    return {
        "campaign_id": draft.campaign_id, "external_no": draft.external_no, "member_id": draft.member_id,
        "group_id": group_id, "pickup_point_id": draft.pickup_point_id, "placed_at": placed, "day": placed.date(),
        "paid_at": paid_at, "amount_cents": amount, "refund_cents": draft.refund_cents, "payment_status": status,
        "fulfilment_status": draft.fulfilment_status, "buyer_name": draft.buyer_name,
        "buyer_phone": draft.buyer_phone, "building": draft.building, "room": draft.room, "note": draft.note,
        "leader_note": draft.leader_note,
    }


def _check_external_no(session: Session, campaign_id: int, external_no: str | None, order_id: int | None) -> None:
    if not external_no:
        return
    other = session.scalar(select(Order.id).where(Order.campaign_id == campaign_id, Order.external_no == external_no))
    if other is not None and other != order_id:
        raise ValidationError(f"订单号“{external_no}”在本活动中已被订单 #{other} 使用", "external_no")


# ================================================================================================ the service


def _checked_order(session: Session, clean: OrderDraft, now: datetime,
                   order_id: int | None) -> tuple[OrderDraft, int | None, list[dict[str, Any]], int]:
    """What creating and editing an order share: links, order number, buyer (a new name becomes a
    member), per-person limit and stock without the order's own old lines, the lines and the amount.
    Returns (draft with its buyer, new member id or None, line rows, amount in cents)."""
    products = _check_links(session, clean.campaign_id, clean)
    _check_external_no(session, clean.campaign_id, clean.external_no, order_id)
    clean, new_member = _link_buyer(session, clean, now)
    clean = _with_buyer_name(session, clean)
    _check_limits(session, clean.campaign_id, buyer_key(clean.member_id, clean.buyer_phone, clean.buyer_name),
                  clean, order_id)
    items = _item_rows(clean, products)
    amount = sum(i["amount_cents"] for i in items)
    check_refund(amount, clean.refund_cents)
    return clean, new_member, items, amount


class OrderService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------------------- campaigns
    def campaigns(self, status: CampaignStatus | None = None) -> list[CampaignRow]:
        """Every campaign, newest first, with its order count, buyers and amount (cancelled left out)."""
        counted = Order.payment_status != PaymentStatus.CANCELLED
        stats = (select(Order.campaign_id.label("cid"), func.count().label("n"),
                        func.count(func.distinct(buyer_expr())).label("buyers"),
                        func.sum(Order.amount_cents).label("amount"))
                 .where(counted).group_by(Order.campaign_id).subquery())
        stmt = (select(Campaign, func.coalesce(stats.c.n, 0), func.coalesce(stats.c.buyers, 0),
                       func.coalesce(stats.c.amount, 0))
                .outerjoin(stats, stats.c.cid == Campaign.id).order_by(Campaign.id.desc()))
        if status is not None:
            stmt = stmt.where(Campaign.status == status)
        with self._db.transaction() as session:
            return [CampaignRow(c.id, c.title, c.leader, CampaignStatus(c.status), c.open_at, c.cutoff_at, int(n),
                                int(buyers), int(amount), c.created_at)
                    for c, n, buyers, amount in session.execute(stmt)]

    def campaign(self, campaign_id: int) -> CampaignDetail:
        with self._db.transaction() as session:
            return _detail(session, campaign_id)

    def create_campaign(self, draft: CampaignDraft, products: Sequence[ProductDraft] = ()) -> CampaignDetail:
        """A campaign with its groups, pickup points and (optionally) its products, in one go."""
        clean = draft.validated()
        cleaned_products = [p.validated() for p in products]
        _unique_products(cleaned_products)
        with self._db.transaction() as session:
            campaign_id = self._insert_campaign(session, clean, cleaned_products)
            return _detail(session, campaign_id)

    def update_campaign(self, campaign_id: int, draft: CampaignDraft) -> CampaignDetail:
        clean = draft.validated()
        with self._db.transaction() as session:
            self._update_campaign(session, campaign_id, clean)
            return _detail(session, campaign_id)

    def save_campaign(self, campaign_id: int | None, draft: CampaignDraft,
                      products: Sequence[tuple[int | None, ProductDraft]], removed_products: Sequence[int] = (),
                      new_points: Sequence[PickupPointDraft] = ()) -> CampaignDetail:
        """The campaign editor's save, all or nothing in one transaction: the new pickup points (linked
        to the campaign with ``draft.pickup_point_ids``), the campaign (new when ``campaign_id`` is
        None) or its changes, its products in the order given (``(id or None for a new one, draft)``)
        and the products removed. A removed product that orders hold refuses the whole save
        (``ProductsInUse``, naming them); nothing is written then, so the editor can simply save again."""
        clean = draft.validated()
        placed = [(product_id, replace(product.validated(), position=position))
                  for position, (product_id, product) in enumerate(products)]
        _unique_products([product for _, product in placed])
        points = [point.validated() for point in new_points]
        with self._db.transaction() as session:
            point_ids = list(clean.pickup_point_ids)
            for point in points:
                _check_point_free(session, point.name, None)
                row = PickupPoint(name=point.name, address=point.address, contact=point.contact, phone=point.phone)
                session.add(row)
                session.flush()
                point_ids.append(row.id)
            clean = replace(clean, pickup_point_ids=tuple(dict.fromkeys(point_ids)))
            if campaign_id is None:
                campaign_id = self._insert_campaign(session, clean, [product for _, product in placed])
            else:
                self._update_campaign(session, campaign_id, clean)
                _save_products(session, campaign_id, placed, removed_products)
            return _detail(session, campaign_id)

    def _insert_campaign(self, session: Session, clean: CampaignDraft, products: Sequence[ProductDraft]) -> int:
        campaign = Campaign(title=clean.title, leader=clean.leader, open_at=clean.open_at,
                            cutoff_at=clean.cutoff_at, status=clean.status, note=clean.note)
        session.add(campaign)
        session.flush()
        self._set_links(session, campaign.id, clean)
        for position, product in enumerate(products):
            session.add(Product(campaign_id=campaign.id, **_product_columns(product, position)))
        session.flush()
        audit(session, "create", "campaign", [campaign.id], {"title": clean.title})
        return campaign.id

    def _update_campaign(self, session: Session, campaign_id: int, clean: CampaignDraft) -> None:
        campaign = require_campaign(session, campaign_id)
        for name in ("title", "leader", "open_at", "cutoff_at", "status", "note"):
            setattr(campaign, name, getattr(clean, name))
        session.execute(delete(CampaignGroup).where(CampaignGroup.campaign_id == campaign_id))
        session.execute(delete(CampaignPickupPoint).where(CampaignPickupPoint.campaign_id == campaign_id))
        self._set_links(session, campaign_id, clean)
        session.flush()
        audit(session, "update", "campaign", [campaign_id], {"title": clean.title})

    def set_campaign_status(self, campaign_id: int, status: CampaignStatus) -> None:
        with self._db.transaction() as session:
            require_campaign(session, campaign_id).status = CampaignStatus(status)
            audit(session, "set_status", "campaign", [campaign_id], {"status": CampaignStatus(status).value})

    def delete_campaign(self, campaign_id: int) -> int:
        """Delete a campaign with its products and orders; returns how many orders went with it."""
        with self._db.transaction() as session:
            campaign = require_campaign(session, campaign_id)
            orders = session.scalar(select(func.count()).where(Order.campaign_id == campaign_id)) or 0
            session.delete(campaign)
            audit(session, "delete", "campaign", [campaign_id], {"title": campaign.title, "orders": orders})
            return int(orders)

    @staticmethod
    def _set_links(session: Session, campaign_id: int, clean: CampaignDraft) -> None:
        if clean.group_ids:
            known = set(session.scalars(select(Group.id).where(Group.id.in_(clean.group_ids))))
            if missing := [g for g in clean.group_ids if g not in known]:
                raise ValidationError(f"群 #{missing[0]} 不存在", "group_ids")
            session.execute(insert(CampaignGroup), [{"campaign_id": campaign_id, "group_id": g}
                                                    for g in clean.group_ids])
        if clean.pickup_point_ids:
            known = set(session.scalars(select(PickupPoint.id).where(PickupPoint.id.in_(clean.pickup_point_ids))))
            if missing := [p for p in clean.pickup_point_ids if p not in known]:
                raise ValidationError(f"自提点 #{missing[0]} 不存在", "pickup_point_ids")
            session.execute(insert(CampaignPickupPoint), [{"campaign_id": campaign_id, "pickup_point_id": p}
                                                          for p in clean.pickup_point_ids])

    # ------------------------------------------------------------------------------- products
    def add_product(self, campaign_id: int, draft: ProductDraft) -> ProductDTO:
        clean = draft.validated()
        with self._db.transaction() as session:
            require_campaign(session, campaign_id)
            _check_product_free(session, campaign_id, clean)
            position = clean.position or (session.scalar(
                select(func.coalesce(func.max(Product.position), -1) + 1).where(Product.campaign_id == campaign_id)) or 0)
            product = Product(campaign_id=campaign_id, **_product_columns(clean, position))
            session.add(product)
            session.flush()
            audit(session, "create", "product", [product.id], {"campaign_id": campaign_id, "name": clean.name,
                                                               "spec": clean.spec})
            return next(p for p in _product_dtos(session, campaign_id) if p.id == product.id)

    def delete_product(self, product_id: int) -> None:
        with self._db.transaction() as session:
            product = session.get(Product, product_id)
            if product is None:
                raise NotFoundError(f"商品 #{product_id} 不存在")
            ordered = _orders_holding(session, [product_id])
            if ordered:
                raise ProductsInUse(_in_use_message(product, ordered[product_id]), [product_id])
            session.delete(product)
            audit(session, "delete", "product", [product_id], {"campaign_id": product.campaign_id,
                                                               "name": product.name, "spec": product.spec})

    # ------------------------------------------------------------------------------- pickup points
    def pickup_points(self) -> list[PickupPointDTO]:
        with self._db.transaction() as session:
            return [_point_dto(p) for p in session.scalars(select(PickupPoint).order_by(PickupPoint.name))]

    def create_pickup_point(self, draft: PickupPointDraft) -> PickupPointDTO:
        clean = draft.validated()
        with self._db.transaction() as session:
            _check_point_free(session, clean.name, None)
            point = PickupPoint(name=clean.name, address=clean.address, contact=clean.contact, phone=clean.phone)
            session.add(point)
            session.flush()
            audit(session, "create", "pickup_point", [point.id], {"name": clean.name})
            return _point_dto(point)

    def update_pickup_point(self, point_id: int, draft: PickupPointDraft) -> PickupPointDTO:
        """Rename a pickup point or change its address, contact or phone (every campaign and order
        using it shows the change); a name another point has is refused."""
        clean = draft.validated()
        with self._db.transaction() as session:
            point = session.get(PickupPoint, point_id)
            if point is None:
                raise NotFoundError(f"自提点 #{point_id} 不存在 (可能已被删除)")
            _check_point_free(session, clean.name, point_id)
            point.name, point.address, point.contact, point.phone = clean.name, clean.address, clean.contact, clean.phone
            session.flush()
            audit(session, "update", "pickup_point", [point_id], {"name": clean.name})
            return _point_dto(point)

    def delete_pickup_point(self, point_id: int) -> None:
        """Delete a pickup point no order uses (it leaves every campaign that offered it); one that
        orders use is refused, so no order loses where it is picked up."""
        with self._db.transaction() as session:
            point = session.get(PickupPoint, point_id)
            if point is None:
                raise NotFoundError(f"自提点 #{point_id} 不存在 (可能已被删除)")
            orders = session.scalar(select(func.count()).where(Order.pickup_point_id == point_id)) or 0
            if orders:
                raise ValidationError(f"自提点“{point.name}”已有 {orders} 笔订单使用，不能删除 "
                                      "(可以修改它的名称和地址)", "pickup_point_id")
            session.delete(point)
            audit(session, "delete", "pickup_point", [point_id], {"name": point.name})

    # ------------------------------------------------------------------------------- orders: reading
    def order_ids(self, campaign_id: int | None, order_filter: OrderFilter | None = None,
                  sort: OrderSort = OrderSort.SEQ, descending: bool = False) -> list[int]:
        """Ids of the campaign's orders (every campaign's when None) matching the filter, sorted."""
        stmt = select(Order.id)
        if campaign_id is not None:
            stmt = stmt.where(Order.campaign_id == campaign_id)
        stmt = _filtered(stmt, order_filter or OrderFilter())
        keys = [*_SORTS[OrderSort(sort)], Order.id]
        stmt = stmt.order_by(*(k.desc() if descending else k.asc() for k in keys)).limit(LIST_LIMIT)
        with self._db.transaction() as session:
            return list(session.scalars(stmt))

    def rows(self, ids: Sequence[int]) -> list[OrderRow]:
        with self._db.transaction() as session:
            return order_rows(session, ids)

    def order(self, order_id: int) -> OrderDetail:
        with self._db.transaction() as session:
            return self._order(session, order_id)

    @staticmethod
    def _order(session: Session, order_id: int) -> OrderDetail:
        rows = order_rows(session, [order_id])
        if not rows:
            raise NotFoundError(f"订单 #{order_id} 不存在 (可能已被删除)")
        items = tuple(
            OrderItemDTO(pid, f"{name} {spec}".strip(), q, price, amount)
            for pid, name, spec, q, price, amount in session.execute(
                select(OrderItem.product_id, Product.name, Product.spec, OrderItem.quantity,
                       OrderItem.unit_price_cents, OrderItem.amount_cents)
                .join(Product, Product.id == OrderItem.product_id).where(OrderItem.order_id == order_id)
                .order_by(Product.position, Product.id)))
        source, address, extras_json = session.execute(
            select(Order.source_text, Order.address, Order.extras_json).where(Order.id == order_id)).one()
        return OrderDetail(rows[0], items, source or "", address=address or "", extras=_extras_of(extras_json))

    # ------------------------------------------------------------------------------- orders: writing
    def create_order(self, draft: OrderDraft) -> OrderDetail:
        """One order typed by the operator; refused with the reason when a limit or the stock is broken."""
        clean = draft.validated()
        now = datetime.now()
        with self._db.transaction() as session:
            require_campaign(session, clean.campaign_id)
            clean, new_member, items, amount = _checked_order(session, clean, now, None)
            group_id = clean.group_id
            if group_id is None:
                group_id = group_for(buyer_groups(session, clean.campaign_id, [m for m in [clean.member_id] if m]),
                                     clean.member_id)
            columns = _order_columns(clean, amount, now, group_id)
            columns["pieces"] = sum(i["quantity"] for i in items)
            order_id = int(session.execute(insert(Order).values(**columns, created_at=now, updated_at=now))
                           .inserted_primary_key[0])
            session.execute(insert(OrderItem), [{**i, "order_id": order_id} for i in items])
            audit(session, "create", "order", [order_id], {"amount_cents": amount, "member_id": clean.member_id,
                                                          "new_member": new_member is not None})
            return replace(self._order(session, order_id), new_member_id=new_member)

    def campaign_groups(self, campaign_id: int) -> list[GroupChoice]:
        """The groups a campaign runs in, by name: what the order editor offers for an order's group."""
        with self._db.transaction() as session:
            require_campaign(session, campaign_id)
            return [GroupChoice(group_id, name) for group_id, name in session.execute(
                select(Group.id, Group.name).join(CampaignGroup, CampaignGroup.group_id == Group.id)
                .where(CampaignGroup.campaign_id == campaign_id).order_by(Group.name, Group.id))]

    def update_order(self, order_id: int, draft: OrderDraft) -> OrderDetail:
        """Replace an order's lines and fields with the draft, the order as the editor shows it: its
        group is ``draft.group_id`` (None: no group). The buyer is ``draft.member_id``; without one
        (the editor sends none when the buyer's name or phone was changed and no member picked) the
        order is linked as a new order is (``_link_buyer``). Limits are checked without the order's
        own old lines."""
        clean = draft.validated()
        now = datetime.now()
        with self._db.transaction() as session:
            order = session.get(Order, order_id)
            if order is None:
                raise NotFoundError(f"订单 #{order_id} 不存在 (可能已被删除)")
            if order.campaign_id != clean.campaign_id:
                raise ValidationError("订单不能移到另一个团购活动", "campaign_id")
            clean, new_member, items, amount = _checked_order(session, clean, now, order_id)
            columns = _order_columns(clean, amount, now, clean.group_id)
            if clean.placed_at is None:
                columns["placed_at"], columns["day"] = order.placed_at, order.day
            columns["pieces"] = sum(i["quantity"] for i in items)
            session.execute(update(Order).where(Order.id == order_id).values(**columns, updated_at=now))
            session.execute(delete(OrderItem).where(OrderItem.order_id == order_id))
            session.execute(insert(OrderItem), [{**i, "order_id": order_id} for i in items])
            audit(session, "update", "order", [order_id], {"amount_cents": amount, "member_id": clean.member_id,
                                                          "new_member": new_member is not None})
            session.expire_all()
            return replace(self._order(session, order_id), new_member_id=new_member)

    def delete_orders(self, ids: Sequence[int]) -> int:
        with self._db.transaction() as session:
            deleted = 0
            for part in chunks(sorted(set(ids))):
                deleted += session.execute(delete(Order).where(Order.id.in_(part))).rowcount or 0
            audit(session, "delete", "order", sorted(set(ids)))
            return deleted

    def set_payment_status(self, ids: Sequence[int], status: PaymentStatus, at: datetime | None = None) -> int:
        """Bulk 标记已付款 / 未付款 / 已退款 / 已取消; returns how many orders changed. Marking paid sets
        the payment time (kept when already set); refunded sets the refund to the whole amount."""
        status = PaymentStatus(status)
        at = at or datetime.now()
        values: dict[str, Any] = {"payment_status": status, "updated_at": at}
        if status in (PaymentStatus.PAID, PaymentStatus.REFUNDED):
            values["paid_at"] = func.coalesce(Order.paid_at, at)
        if status is PaymentStatus.UNPAID:
            values["paid_at"] = None
        if status is PaymentStatus.REFUNDED:
            values["refund_cents"] = Order.amount_cents
        return self._bulk(ids, values, Order.payment_status != status, "set_payment", status.value)

    def set_fulfilment_status(self, ids: Sequence[int], status: FulfilmentStatus) -> int:
        """Bulk 标记已提货 / 已送达 / 待提货; returns how many orders changed."""
        status = FulfilmentStatus(status)
        return self._bulk(ids, {"fulfilment_status": status, "updated_at": datetime.now()},
                          Order.fulfilment_status != status, "set_fulfilment", status.value)

    def _bulk(self, ids: Sequence[int], values: dict[str, Any], changes: Any, action: str, to: str) -> int:
        with self._db.transaction() as session:
            changed: list[int] = []
            for part in chunks(sorted(set(ids))):
                hit = list(session.scalars(select(Order.id).where(Order.id.in_(part), changes)))
                if hit:
                    session.execute(update(Order).where(Order.id.in_(hit)).values(**values))
                    changed += hit
            audit(session, action, "order", changed, {"to": to})
            return len(changed)

    # ------------------------------------------------------------------------------- 接龙
    def review_jielong(self, campaign_id: int, text: str) -> JielongReview:
        """Parse a pasted 接龙 and match it against the store: every line with its source, member,
        products, pickup point, quantity and problems (limits and stock included), nothing written."""
        with self._db.transaction() as session:
            require_campaign(session, campaign_id)
            catalogue, prices = _catalogue(session, campaign_id)
            paste = parse_paste(text, catalogue)
            match = match_repaste([_pasted(line.seq, line.key, line.source, line.nickname) for line in paste.lines],
                                  _ordered_lines(session, campaign_id))
            members = find_members(session, [Buyer(line.nickname, line.phone) for line in paste.lines])
            ambiguous = ambiguous_names(session, [line.nickname for line in paste.lines if not line.phone])
            names = _member_names(session, [m for m in members.values() if m is not None])
            lines: list[ReviewLine] = []
            for at, line in enumerate(paste.lines):
                member_id = members.get(Buyer(line.nickname, line.phone))
                status, order_id, problems = LineStatus.NEW, None, list(line.problems)
                warnings = list(line.warnings)
                if at in match.done:
                    before = match.done[at]
                    status, order_id = LineStatus.DONE, before.order_id
                    if before.seq != line.seq and before.seq is not None:
                        warnings.append(f"已下过单（订单 #{before.order_id}，当时是接龙号 {before.seq}）")
                elif at in match.changed:
                    before = match.changed[at]
                    status, order_id = LineStatus.CHANGED, before.order_id
                    problems.append(f"接龙号 {line.seq} 已下过单（订单 #{before.order_id}：{before.text}），这次内容不同；"
                                    "请直接修改那笔订单")
                if member_id is None and line.nickname in ambiguous:
                    warnings.append(f"有多个成员叫“{line.nickname}”，不会自动关联；可手动选择")
                elif member_id is None and line.nickname:
                    warnings.append(f"“{line.nickname}”是新成员，将自动登记")
                items = tuple(ReviewItem(i.product_id, i.product_name, i.quantity, prices.get(i.product_id, 0))
                              for i in line.items)
                lines.append(ReviewLine(
                    line.line_no, line.seq, line.source, line.key, line.nickname, line.phone, member_id,
                    names.get(member_id, "") if member_id is not None else "", items, line.pickup_point_id,
                    line.pickup_point_name, line.building, line.room, line.note, status, tuple(problems),
                    tuple(warnings), order_id, tuple(line.problems)))
            # what 创建订单 would refuse in the new lines (limits and stock over the paste included)
            found = _jielong_problems(session, campaign_id, [JielongLineDraft.from_review(line) for line in lines
                                                             if line.status is LineStatus.NEW], {})
            lines = [replace(line, problems=merge_problems(line.problems, found[line.line_no]))
                     if line.status is LineStatus.NEW and line.line_no in found else line for line in lines]
            return JielongReview(campaign_id, paste.title, tuple(lines), paste.ignored_lines,
                                 tuple((o.order_id, o.text) for o in match.withdrawn))

    def check_jielong(self, campaign_id: int, lines: Sequence[JielongLineDraft],
                      others: Sequence[JielongLineDraft] = ()) -> dict[int, tuple[str, ...]]:
        """Line number -> problems for reviewed lines as the operator left them: exactly what
        ``apply_jielong`` would refuse them for (lines ordered before are skipped), nothing written.
        ``others``: the paste's lines not to be created, which account for orders placed before
        under another number (``match_repaste``)."""
        with self._db.transaction() as session:
            require_campaign(session, campaign_id)
            todo, changed = _still_to_order(session, campaign_id, lines, others)
            return _jielong_problems(session, campaign_id, todo, changed)

    def apply_jielong(self, campaign_id: int, lines: Sequence[JielongLineDraft],
                      placed_at: datetime | None = None, source_name: str = "接龙",
                      others: Sequence[JielongLineDraft] = ()) -> JielongResult:
        """Create the orders of reviewed lines, all or none, under one import batch. Lines ordered
        before (same line, maybe renumbered: ``match_repaste``, with ``others`` the paste's lines
        not to be created) are skipped; any line still wrong refuses the whole paste with
        ``LineErrors`` (line number -> problems, as ``check_jielong`` finds them)."""
        now = datetime.now()
        placed = placed_at or now
        with self._db.transaction() as session:
            require_campaign(session, campaign_id)
            todo, changed = _still_to_order(session, campaign_id, lines, others)
            skipped = len(lines) - len(todo)
            if not todo:
                return JielongResult(None, (), skipped)
            problems = _jielong_problems(session, campaign_id, todo, changed)
            if problems:
                raise LineErrors(problems, {line.line_no: line.nickname or line.source[:20] for line in todo})
            products = {p.id: p for p in session.scalars(select(Product).where(Product.campaign_id == campaign_id))}
            batch = ImportBatch(kind=BatchKind.JIELONG.value, source_name=source_name[:500], rows=len(todo),
                                status=ImportStatus.DONE)
            session.add(batch)
            session.flush()
            member_ids, new_members = _jielong_members(session, todo, batch.id, now)
            groups = buyer_groups(session, campaign_id, [m for m in member_ids.values() if m is not None])
            order_ids = []
            for line in todo:
                member_id = member_ids[line.line_no]
                items = [{"product_id": i.product_id, "quantity": i.quantity,
                          "unit_price_cents": i.unit_price_cents if i.unit_price_cents is not None
                          else products[i.product_id].price_cents} for i in line.items]
                for item in items:
                    item["amount_cents"] = item["unit_price_cents"] * item["quantity"]
                amount = sum(i["amount_cents"] for i in items)
                order_id = int(session.execute(insert(Order).values(
                    campaign_id=campaign_id, external_no=None, member_id=member_id,
                    group_id=group_for(groups, member_id), pickup_point_id=line.pickup_point_id, placed_at=placed,
                    day=placed.date(), paid_at=None, amount_cents=amount, refund_cents=0,
                    payment_status=PaymentStatus.UNPAID, fulfilment_status=FulfilmentStatus.WAITING,
                    buyer_name=line.nickname[:80], buyer_phone=normalise_phone(line.phone) or "", address="",
                    note=line.note, leader_note="", building=line.building[:40], room=line.room[:40],
                    extras_json="{}", pieces=sum(i["quantity"] for i in items), source_seq=line.seq,
                    source_key=line.key, source_text=line.source,
                    import_batch_id=batch.id, created_at=now, updated_at=now)).inserted_primary_key[0])
                session.execute(insert(OrderItem), [{**i, "order_id": order_id} for i in items])
                order_ids.append(order_id)
            batch.note = json.dumps({"policy": "insert", "sheet": "", "inserted": len(order_ids),
                                     "updated": 0, "skipped": skipped, "failed": 0})
            audit(session, "jielong", "campaign", [campaign_id], {"orders": len(order_ids), "batch": batch.id})
            return JielongResult(batch.id, tuple(order_ids), skipped, tuple(new_members))


# ================================================================================================ helpers


def _unique_products(products: Sequence[ProductDraft]) -> None:
    seen: set[tuple[str, str]] = set()
    for product in products:
        key = (product.name, product.spec)
        if key in seen:
            raise ValidationError(f"商品“{product.name} {product.spec}”重复了".replace(" ”", "”"), "products")
        seen.add(key)


def _product_columns(clean: ProductDraft, position: int) -> dict[str, Any]:
    return {"name": clean.name, "spec": clean.spec, "price_cents": clean.price_cents, "cost_cents": clean.cost_cents,
            "per_person_limit": clean.per_person_limit, "stock": clean.stock, "position": position}


def _check_product_free(session: Session, campaign_id: int, clean: ProductDraft) -> None:
    other = session.scalar(select(Product.id).where(Product.campaign_id == campaign_id, Product.name == clean.name,
                                                   Product.spec == clean.spec))
    if other is not None:
        raise ValidationError(f"本活动已有商品“{f'{clean.name} {clean.spec}'.strip()}”", "name")


def _orders_holding(session: Session, product_ids: Sequence[int]) -> dict[int, int]:
    """product -> how many orders (of any status) have a line of it: such a product is never deleted."""
    out: dict[int, int] = {}
    for part in chunks(sorted(set(product_ids))):
        out.update((product_id, int(n)) for product_id, n in session.execute(
            select(OrderItem.product_id, func.count(func.distinct(OrderItem.order_id)))
            .where(OrderItem.product_id.in_(part)).group_by(OrderItem.product_id)))
    return out


def _in_use_message(product: Product, orders: int) -> str:
    return f"“{f'{product.name} {product.spec}'.strip()}”已有 {orders} 笔订单，不能删除 (可把库存设为 0 停售)"


def _save_products(session: Session, campaign_id: int, placed: Sequence[tuple[int | None, ProductDraft]],
                   removed: Sequence[int]) -> None:
    """The campaign editor's products: delete the removed ones (refused with ``ProductsInUse`` when
    orders hold any), update the kept ones and add the new ones, positions as given. Products the
    edit does not know (another window added them meanwhile) are left alone, but never duplicated."""
    existing = {p.id: p for p in session.scalars(select(Product).where(Product.campaign_id == campaign_id))}
    kept = {product_id for product_id, _ in placed if product_id is not None}
    if missing := sorted(kept - set(existing)):
        raise NotFoundError(f"商品 #{missing[0]} 不存在 (可能已被删除)")
    gone = [existing[product_id] for product_id in dict.fromkeys(removed)
            if product_id in existing and product_id not in kept]
    held = _orders_holding(session, [p.id for p in gone])
    if held:
        raise ProductsInUse("；".join(_in_use_message(p, held[p.id]) for p in gone if p.id in held), sorted(held))
    for product in gone:
        session.delete(product)
    untouched = {(p.name, p.spec) for p in existing.values() if p.id not in kept and p.id not in set(removed)}
    for _, clean in placed:
        if (clean.name, clean.spec) in untouched:
            raise ValidationError(f"本活动已有商品“{f'{clean.name} {clean.spec}'.strip()}”", "products")
    # renamed products step aside first: two products swapping names never meet on the unique key
    for product_id, clean in placed:
        product = existing.get(product_id) if product_id is not None else None
        if product is not None and (product.name, product.spec) != (clean.name, clean.spec):
            product.name = f"\x00{product.id}"
    session.flush()
    for product_id, clean in placed:
        if product_id is None:
            session.add(Product(campaign_id=campaign_id, **_product_columns(clean, clean.position)))
        else:
            for name, value in _product_columns(clean, clean.position).items():
                setattr(existing[product_id], name, value)
    session.flush()


def _check_point_free(session: Session, name: str, point_id: int | None) -> None:
    other = session.scalar(select(PickupPoint.id).where(PickupPoint.name == name))
    if other is not None and other != point_id:
        raise ValidationError(f"已有自提点“{name}”", "name")


def _link_buyer(session: Session, clean: OrderDraft, now: datetime) -> tuple[OrderDraft, int | None]:
    """An order typed without a member gets one as a 接龙 line or an imported row does
    (``resolve_buyers``): by phone, then by a nickname one member has, else a new member; a nickname
    several members share (and no phone) stays unlinked. Returns the draft and the new member's id."""
    if clean.member_id is not None:
        return clean, None
    buyer = Buyer(clean.buyer_name[:120], clean.buyer_phone)
    found, created = resolve_buyers(session, [(buyer, "")], None, now)
    if created:  # one member, as the member editor makes it: levelled and in the audit log
        from .activity_cache import refresh_member_levels

        refresh_member_levels(session, created)
        audit(session, "create", "member", created, {"nickname": buyer.name, "source": "团购"})
    return replace(clean, member_id=found.get(buyer)), (created[0] if created else None)


def _with_buyer_name(session: Session, clean: OrderDraft) -> OrderDraft:
    """An order for a member without a typed name carries the member's nickname (lists show it)."""
    if clean.buyer_name or clean.member_id is None:
        return clean
    nickname, phone = session.execute(select(Member.nickname, Member.phone).where(Member.id == clean.member_id)).one()
    return replace(clean, buyer_name=nickname[:80], buyer_phone=clean.buyer_phone or phone or "")


def _catalogue(session: Session, campaign_id: int) -> tuple[Catalogue, dict[int, int]]:
    products = [ProductChoice(pid, name, spec, price) for pid, name, spec, price in session.execute(
        select(Product.id, Product.name, Product.spec, Product.price_cents)
        .where(Product.campaign_id == campaign_id).order_by(Product.position, Product.id))]
    points = [PickupChoice(pid, name) for pid, name in session.execute(
        select(PickupPoint.id, PickupPoint.name)
        .join(CampaignPickupPoint, CampaignPickupPoint.pickup_point_id == PickupPoint.id)
        .where(CampaignPickupPoint.campaign_id == campaign_id))]
    return Catalogue(tuple(products), tuple(points), pinyin_syllables), {p.id: p.price_cents for p in products}


def _pasted(seq: int | None, key: str, source: str, buyer: str) -> PastedLine:
    return PastedLine(seq, key, line_content(source), buyer)


def _ordered_lines(session: Session, campaign_id: int) -> list[OrderedLine]:
    """The campaign's orders made from 接龙 lines."""
    rows = session.execute(select(Order.id, Order.source_key, Order.source_seq, Order.source_text, Order.buyer_name)
                           .where(Order.campaign_id == campaign_id, Order.source_key.is_not(None)).order_by(Order.id))
    return [OrderedLine(order_id, seq, key, line_content(text), text, buyer) for order_id, key, seq, text, buyer in rows]


def _still_to_order(session: Session, campaign_id: int, lines: Sequence[JielongLineDraft],
                    others: Sequence[JielongLineDraft]) -> tuple[list[JielongLineDraft], dict[int, OrderedLine]]:
    """The lines not ordered before, and line number -> the order placed before under its number
    with other text (``match_repaste`` over the lines and the paste's other lines)."""
    match = match_repaste([_pasted(line.seq, line.key, line.source, line.nickname) for line in (*lines, *others)],
                          _ordered_lines(session, campaign_id))
    todo = [line for at, line in enumerate(lines) if at not in match.done]
    changed = {lines[at].line_no: order for at, order in match.changed.items() if at < len(lines)}
    return todo, changed


def _member_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for part in chunks(sorted(set(ids))):
        out.update(dict(session.execute(select(Member.id, Member.nickname).where(Member.id.in_(part))).all()))
    return out


def normalise_phone_or_blank(text: str) -> str:
    try:
        return normalise_phone(text) or ""
    except ValidationError:
        return ""


def _jielong_problems(session: Session, campaign_id: int, todo: Sequence[JielongLineDraft],
                      changed: Mapping[int, OrderedLine]) -> dict[int, tuple[str, ...]]:
    """Line number -> what makes each line a bad order: no or unknown products, a quantity that is not
    a whole number from 1 up, a product twice, an unknown pickup point or member, no buyer, a bad
    phone, a 接龙 number ordered before with other text, a line given twice; then the per-person
    limits (the buyer's live orders in the campaign and their other lines here) and the stock (live
    orders, then the lines in order). The one check behind review, ``check_jielong`` and apply."""
    products = {pid: name for pid, name in session.execute(
        select(Product.id, Product.name).where(Product.campaign_id == campaign_id))}
    points = set(session.scalars(select(PickupPoint.id)))
    members: set[int] = set()
    for part in chunks(sorted({line.member_id for line in todo if line.member_id is not None})):
        members.update(session.scalars(select(Member.id).where(Member.id.in_(part))))
    buyers = [Buyer(line.nickname[:120], normalise_phone_or_blank(line.phone)) for line in todo]
    found = find_members(session, [b for b, line in zip(buyers, todo, strict=True) if line.member_id is None])
    problems: dict[int, list[str]] = defaultdict(list)
    quantity_lines: list[QuantityLine] = []
    seen_keys: set[str] = set()
    for n, (line, buyer) in enumerate(zip(todo, buyers, strict=True)):
        out = problems[line.line_no]
        if not line.items:
            out.append("没有写商品")
        counted: list[tuple[int, int]] = []
        for item in line.items:
            name = products.get(item.product_id)
            if name is None:
                out.append(f"商品 #{item.product_id} 不属于这个团购活动")
            wrong = quantity_problem(item.quantity, name or "")
            if wrong:
                out.append(wrong)
            elif name is not None:
                counted.append((item.product_id, item.quantity))
        if len({i.product_id for i in line.items}) != len(line.items):
            out.append("同一商品出现了两次，请合并数量")
        if line.member_id is not None and line.member_id not in members:
            out.append("所选成员不存在（可能已被合并或删除）")
        elif line.member_id is None and not buyer.name.strip() and not buyer.phone:
            out.append("没有下单人")
        if line.pickup_point_id is not None and line.pickup_point_id not in points:
            out.append("自提点不存在")
        if line.line_no in changed:
            out.append(f"接龙号 {line.seq} 已下过单（订单 #{changed[line.line_no].order_id}），内容不同")
        if line.phone and not buyer.phone:
            out.append(f"手机号“{line.phone}”格式不对")
        if line.key in seen_keys:
            out.append("与前面一行重复")
        seen_keys.add(line.key)
        member_id = line.member_id if line.member_id is not None else found.get(buyer)
        quantity_lines.append(QuantityLine(n, buyer_key(member_id, buyer.phone, buyer.name[:80]), tuple(counted)))
    bought, sold = bought_and_sold(session, campaign_id)
    for n, found_here in check_quantities(quantity_lines, product_rules(session, campaign_id), bought, sold,
                                          whole_batch=True).items():
        problems[todo[n].line_no].extend(found_here)
    return {n: merge_problems(found_here) for n, found_here in sorted(problems.items()) if found_here}


def _jielong_members(session: Session, todo: Sequence[JielongLineDraft], batch_id: int,
                     now: datetime) -> tuple[dict[int, int | None], list[int]]:
    """line number -> member id: the reviewed choice, else matched or new (``resolve_buyers``)."""
    buyers = {line.line_no: Buyer(line.nickname[:120], normalise_phone_or_blank(line.phone)) for line in todo}
    found, created = resolve_buyers(session, [(buyers[line.line_no], "") for line in todo if line.member_id is None],
                                    batch_id, now)
    out = {line.line_no: line.member_id if line.member_id is not None else found.get(buyers[line.line_no])
           for line in todo}
    return out, created

