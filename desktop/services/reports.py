"""The boss report's figures for a period against the previous equal-length one. One read transaction.

Engagement comes from GroupDayStat (never from raw interactions), business from Order and OrderItem:

- a group "exists" in a period when it started (start date, else creation) by the period's end and was
  not archived before the period began; a silent group (沉默群) is such a group without a day with
  messages in the period. Archiving is known only as the current status plus ``archived_at``.
- a valid order is one paid, or paid and later refunded, placed (``Order.day``) in the period; orders,
  GMV (before refunds), refunds, buyers and repeat buyers (two or more valid orders in the period) count
  only valid orders. A buyer is the member, or the buyer's phone for an order without a member; an order
  with neither counts as an order but not as a buyer.
- new members are memberships joined in the period; tier changes are the AuditLog rows the member
  service writes for every tier change (entity "member", action "set_tier").
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select, true
from sqlalchemy.orm import Session

from desktop.domain.enums import GroupStatus, PaymentStatus
from desktop.domain.reports import (
    TIER_NAMES,
    BusinessTotals,
    DayRow,
    EngagementTotals,
    Figure,
    GroupRow,
    NewMemberRow,
    PickupRow,
    ProductRow,
    ReportFigures,
    ReportPeriod,
    TierChangeRow,
    business_figures,
    display_name,
    engagement_figures,
    most_dormant,
    top_by_messages,
    with_targets,
)
from desktop.store.engine import Database
from desktop.store.models import (
    AuditLog,
    Campaign,
    Group,
    GroupDayStat,
    Member,
    Membership,
    Order,
    OrderItem,
    PickupPoint,
    Product,
)

VALID_PAYMENTS = (PaymentStatus.PAID, PaymentStatus.REFUNDED)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min)


def _existing_groups(p: ReportPeriod) -> ColumnElement[bool]:
    started = or_(
        Group.start_date <= p.end,
        and_(Group.start_date.is_(None), Group.created_at < _day_start(p.end + timedelta(days=1))),
    )
    not_archived_before = or_(
        Group.status != GroupStatus.ARCHIVED,
        Group.archived_at.is_(None),
        Group.archived_at >= _day_start(p.start),
    )
    return and_(started, not_archived_before)


def _in_period(day: ColumnElement[Any], p: ReportPeriod) -> ColumnElement[bool]:
    return day.between(p.start, p.end)


def _valid_orders(p: ReportPeriod) -> ColumnElement[bool]:
    return and_(_in_period(Order.day, p), Order.payment_status.in_(VALID_PAYMENTS))


#: a scope for the figures (the dashboard's platform / segment / group): a SELECT of group ids; None = all
GroupScope = Select[tuple[int]] | None


def in_scope(column: ColumnElement[Any], groups: GroupScope) -> ColumnElement[bool]:
    """``column`` (a group id) is one of the scope's groups; always true for the whole workspace, so
    orders naming no group still count there."""
    return true() if groups is None else column.in_(groups)


# --------------------------------------------------------------------------------------------------
# totals


def engagement_totals(session: Session, p: ReportPeriod, groups: GroupScope = None) -> EngagementTotals:
    sums = session.execute(
        select(
            func.coalesce(func.sum(GroupDayStat.messages), 0),
            func.coalesce(func.sum(GroupDayStat.active_members), 0),
            func.coalesce(func.sum(GroupDayStat.joins), 0),
            func.coalesce(func.sum(GroupDayStat.leaves), 0),
        ).where(_in_period(GroupDayStat.day, p), in_scope(GroupDayStat.group_id, groups))
    ).one()
    silent = silent_group_count(session, p, groups)
    return EngagementTotals(int(sums[0]), int(sums[1]), int(sums[2]), int(sums[3]), silent)


def silent_group_count(session: Session, p: ReportPeriod, groups: GroupScope = None) -> int:
    """Groups that existed in the period without a day with messages (沉默群)."""
    spoke = select(GroupDayStat.group_id).where(_in_period(GroupDayStat.day, p), GroupDayStat.messages > 0)
    silent = session.scalar(
        select(func.count()).select_from(Group)
        .where(_existing_groups(p), Group.id.not_in(spoke), in_scope(Group.id, groups))
    )
    return int(silent or 0)


def engagement_from_days(session: Session, p: ReportPeriod, rows: Iterable[DayRow],
                         groups: GroupScope = None) -> EngagementTotals:
    """engagement_totals from day rows already read (the dashboard reads them for its charts anyway):
    the same figures for one scan of the day stats fewer."""
    inside = [r for r in rows if p.start <= r.day <= p.end]
    return EngagementTotals(sum(r.messages for r in inside), sum(r.active_members for r in inside),
                            sum(r.joins for r in inside), sum(r.leaves for r in inside),
                            silent_group_count(session, p, groups))


def business_totals(session: Session, p: ReportPeriod, groups: GroupScope = None) -> BusinessTotals:
    valid = and_(_valid_orders(p), in_scope(Order.group_id, groups))
    orders, gmv, refunds = session.execute(
        select(func.count(), func.coalesce(func.sum(Order.amount_cents), 0),
               func.coalesce(func.sum(Order.refund_cents), 0)).where(valid)
    ).one()
    per_buyer: Counter[tuple[str, Any]] = Counter()
    for member_id, phone, n in session.execute(
        select(Order.member_id, Order.buyer_phone, func.count())
        .where(valid)
        .group_by(Order.member_id, Order.buyer_phone)
    ):
        if member_id is not None:
            per_buyer[("member", member_id)] += n
        elif phone:
            per_buyer[("phone", phone)] += n
    repeat = sum(1 for n in per_buyer.values() if n >= 2)
    return BusinessTotals(int(orders), int(gmv), int(refunds), len(per_buyer), repeat)


# --------------------------------------------------------------------------------------------------
# the figures


#: said when the workspace has no orders at all (the report and the dashboard leave business out)
NO_ORDERS_NOTE = "工作区还没有订单，业务指标从略"


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    """A period's figures against the previous equal-length period, scored against targets."""

    previous: ReportPeriod
    figures: tuple[Figure, ...]
    #: whether the workspace has any order; without, the business figures are left out
    has_orders: bool
    notes: tuple[str, ...]
    engagement: EngagementTotals
    #: None without orders
    business: BusinessTotals | None


def period_figures(session: Session, period: ReportPeriod, targets: dict[str, float] | None = None,
                   groups: GroupScope = None, rows: Sequence[DayRow] | None = None) -> PeriodFigures:
    """The figures of ``period`` for the scope's groups: the one computation behind ``qundesk report``
    and the dashboard's cards (and ``qundesk kpi``), so they cannot drift apart. ``rows``: day rows
    already read that cover both periods (the dashboard's charts read them anyway; saves two scans)."""
    previous = period.previous()
    has_orders = session.scalar(select(Order.id).limit(1)) is not None
    if rows is None:
        current_e, previous_e = engagement_totals(session, period, groups), engagement_totals(session, previous, groups)
    else:
        current_e = engagement_from_days(session, period, rows, groups)
        previous_e = engagement_from_days(session, previous, rows, groups)
    figures = engagement_figures(current_e, previous_e, period.days)
    notes = []
    current_b = None
    if has_orders:
        current_b = business_totals(session, period, groups)
        figures += business_figures(current_b, business_totals(session, previous, groups))
    else:
        notes.append(NO_ORDERS_NOTE)
    return PeriodFigures(previous, tuple(with_targets(figures, dict(targets or {}))), has_orders, tuple(notes),
                         current_e, current_b)


# --------------------------------------------------------------------------------------------------
# tables


def day_rows(session: Session, p: ReportPeriod, groups: GroupScope = None) -> list[DayRow]:
    stats = {
        day: row for day, *row in session.execute(
            select(GroupDayStat.day, func.sum(GroupDayStat.messages), func.sum(GroupDayStat.active_members),
                   func.sum(GroupDayStat.joins), func.sum(GroupDayStat.leaves))
            .where(_in_period(GroupDayStat.day, p), in_scope(GroupDayStat.group_id, groups))
            .group_by(GroupDayStat.day)
        )
    }
    orders = {
        day: (n, gmv) for day, n, gmv in session.execute(
            select(Order.day, func.count(), func.sum(Order.amount_cents))
            .where(_valid_orders(p), in_scope(Order.group_id, groups)).group_by(Order.day)
        )
    }
    rows = []
    for day in p.each_day():  # every day, so the charts show quiet days as zero instead of skipping them
        m, a, j, lv = stats.get(day, (0, 0, 0, 0))
        n, gmv = orders.get(day, (0, 0))
        rows.append(DayRow(day, int(m), int(a), int(j), int(lv), int(n), int(gmv)))
    return rows


def group_rows(session: Session, p: ReportPeriod, groups: GroupScope = None) -> list[GroupRow]:
    spoke = case((GroupDayStat.messages > 0, 1), else_=0)
    stats = (
        select(
            GroupDayStat.group_id,
            func.sum(GroupDayStat.messages).label("messages"),
            func.sum(spoke).label("active_days"),
            func.max(case((GroupDayStat.messages > 0, GroupDayStat.day))).label("last_in_period"),
            func.sum(GroupDayStat.active_members).label("active"),
            func.sum(GroupDayStat.joins).label("joins"),
            func.sum(GroupDayStat.leaves).label("leaves"),
        )
        .where(_in_period(GroupDayStat.day, p))
        .group_by(GroupDayStat.group_id)
        .subquery()
    )
    # the last message day on or before the period's end: inside the period from the sums above; only
    # for groups silent in it, one seek down the (group_id, day) key (a GROUP BY over every day of
    # history took longer than everything else here together)
    earlier = (
        select(func.max(GroupDayStat.day))
        .where(GroupDayStat.group_id == Group.id, GroupDayStat.messages > 0, GroupDayStat.day < p.start)
        .correlate(Group)
        .scalar_subquery()
    )
    last_active = func.coalesce(stats.c.last_in_period, earlier)
    sales = (
        select(Order.group_id, func.count().label("orders"), func.sum(Order.amount_cents).label("gmv"))
        .where(_valid_orders(p), Order.group_id.is_not(None))
        .group_by(Order.group_id)
        .subquery()
    )
    stmt = (
        select(Group.id, Group.name, Group.platform, Group.status, Group.owner, Group.member_count,
               stats.c.messages, stats.c.active_days, stats.c.active, stats.c.joins, stats.c.leaves,
               sales.c.orders, sales.c.gmv, last_active)
        .outerjoin(stats, stats.c.group_id == Group.id)
        .outerjoin(sales, sales.c.group_id == Group.id)
        .where(or_(_existing_groups(p), stats.c.group_id.is_not(None), sales.c.group_id.is_not(None)),
               in_scope(Group.id, groups))
        .order_by(Group.id)
    )
    rows = []
    for gid, name, platform, status, owner, size, msgs, days, active, joins, leaves, orders, gmv, last_day in (
            session.execute(stmt)):
        rows.append(GroupRow(
            gid, name, str(platform), str(status), owner, size, int(msgs or 0), int(days or 0), int(active or 0),
            int(joins or 0), int(leaves or 0), int(orders or 0), int(gmv or 0), last_day,
            (p.end - last_day).days if last_day is not None else None,
        ))
    return rows


def new_member_rows(session: Session, p: ReportPeriod) -> list[NewMemberRow]:
    stmt = (
        select(Member.id, Member.nickname, Member.phone, Member.tier, Member.source, Group.name, Membership.joined_on)
        .join(Member, Member.id == Membership.member_id)
        .join(Group, Group.id == Membership.group_id)
        .where(_in_period(Membership.joined_on, p))
        .order_by(Membership.joined_on, Member.id, Group.id)
    )
    return [NewMemberRow(mid, nick, phone, display_name(TIER_NAMES, tier), source, group, joined)
            for mid, nick, phone, tier, source, group, joined in session.execute(stmt)]


def tier_change_rows(session: Session, p: ReportPeriod) -> list[TierChangeRow]:
    stmt = (
        select(AuditLog.at, AuditLog.entity_id, Member.nickname, AuditLog.detail_json)
        .outerjoin(Member, Member.id == AuditLog.entity_id)
        .where(AuditLog.entity == "member", AuditLog.action == "set_tier",
               AuditLog.at >= _day_start(p.start), AuditLog.at < _day_start(p.end + timedelta(days=1)))
        .order_by(AuditLog.at, AuditLog.id)
    )
    rows = []
    for at, member_id, nickname, detail_json in session.execute(stmt):
        try:
            detail = json.loads(detail_json)
        except ValueError:  # a damaged audit row should not sink the whole report
            detail = {}
        rows.append(TierChangeRow(
            at, member_id or 0, nickname or f"(已删除 #{member_id})",
            display_name(TIER_NAMES, detail.get("from")), display_name(TIER_NAMES, detail.get("to")),
            str(detail.get("reason", "")),
        ))
    return rows


def product_rows(session: Session, p: ReportPeriod) -> list[ProductRow]:
    amount = func.sum(OrderItem.amount_cents)
    stmt = (
        select(Campaign.title, Product.name, Product.spec, func.sum(OrderItem.quantity),
               func.count(func.distinct(OrderItem.order_id)), amount)
        .join(Order, Order.id == OrderItem.order_id)
        .join(Product, Product.id == OrderItem.product_id)
        .join(Campaign, Campaign.id == Product.campaign_id)
        .where(_valid_orders(p))
        .group_by(Product.id, Campaign.title, Product.name, Product.spec)
        .order_by(amount.desc(), Product.id)
    )
    return [ProductRow(c, n, s, int(q or 0), int(o), int(a or 0)) for c, n, s, q, o, a in session.execute(stmt)]


def pickup_rows(session: Session, p: ReportPeriod) -> list[PickupRow]:
    amount = func.sum(Order.amount_cents)
    stmt = (
        select(PickupPoint.name, PickupPoint.address, func.count(), func.count(func.distinct(Order.member_id)),
               amount, func.sum(Order.refund_cents))
        .join(PickupPoint, PickupPoint.id == Order.pickup_point_id)
        .where(_valid_orders(p))
        .group_by(PickupPoint.id, PickupPoint.name, PickupPoint.address)
        .order_by(amount.desc(), PickupPoint.id)
    )
    return [PickupRow(n, a, int(o), int(b), int(s or 0), int(r or 0)) for n, a, o, b, s, r in session.execute(stmt)]


# --------------------------------------------------------------------------------------------------


class ReportService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def figures(self, period_from: date, period_to: date, targets: dict[str, float] | None = None) -> ReportFigures:
        """Everything the boss report shows for ``period_from``..``period_to`` (inclusive)."""
        period = ReportPeriod(period_from, period_to)
        with self._db.transaction() as session:
            counted = period_figures(session, period, targets)
            has_orders = counted.has_orders
            notes = list(counted.notes)
            groups = group_rows(session, period)
            tier_changes = tier_change_rows(session, period)
            if not tier_changes:
                notes.append("本期没有等级变动记录 (等级变动记录自成员服务的审计日志)")
            return ReportFigures(
                period=period,
                previous=counted.previous,
                generated_at=datetime.now().replace(microsecond=0),
                figures=counted.figures,
                days=tuple(day_rows(session, period)),
                groups=tuple(groups),
                top_groups=tuple(top_by_messages(groups)),
                dormant_groups=tuple(most_dormant(groups)),
                new_members=tuple(new_member_rows(session, period)),
                tier_changes=tuple(tier_changes),
                products=tuple(product_rows(session, period)) if has_orders else (),
                pickup_points=tuple(pickup_rows(session, period)) if has_orders else (),
                has_orders=has_orders,
                notes=tuple(notes),
            )
