"""The dashboard's figures and chart series for a period and scope. One read transaction per call.

The KPI figures are the boss report's, counted by the same function (``period_figures`` in
desktop.services.reports) for the scope's groups, so a card, ``qundesk kpi`` and ``qundesk report`` agree
for the same days. Engagement comes from GroupDayStat and business from the orders tables; the only reader
of raw interactions is the weekday x hour heatmap, because GroupDayStat keeps days, not hours: it counts at
most the period's last four weeks of message interactions by their day column (indexed) and hour (see
``heatmap``).

The page asks for four things separately so the first paint does not wait for the slow parts:
``overview`` (the cards and the day charts), ``group_charts`` (top, dormant and platforms,
below the first screenful: a pass over the period's GroupDayStat per group), ``people`` (the funnel's
reached members, referrers and tiers: a pass over the memberships) and ``heatmap`` (a pass over the
period's interactions).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import (
    Date,
    Integer,
    Select,
    String,
    and_,
    cast,
    column,
    func,
    literal_column,
    or_,
    select,
    values,
)
from sqlalchemy.orm import Session

from desktop.domain.dashboard import (
    COMPARE_MAX,
    MOVING_AVERAGE_DAYS,
    SPARKLINE_DAYS,
    WEEKLY_GROWTH_AFTER_DAYS,
    CompareSeries,
    CompareTarget,
    Dashboard,
    GroupCharts,
    Heatmap,
    KpiReport,
    People,
    PeriodState,
    Scope,
    ScopeKind,
    chart_period,
    counted_period,
    growth,
    heatmap_grid,
    heatmap_period,
    platform_mix,
    tier_counts,
    trend,
)
from desktop.domain.enums import Platform
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.reports import (
    PLATFORM_NAMES,
    DayRow,
    ReportPeriod,
    most_dormant,
    top_by_messages,
)
from desktop.domain.segments import SegmentSpec
from desktop.domain.stats import MESSAGE_KINDS
from desktop.services.reports import (
    GroupScope,
    day_rows,
    group_rows,
    in_scope,
    period_figures,
)
from desktop.services.segments import spec_conditions
from desktop.store.engine import Database
from desktop.store.models import Group, GroupDayStat, Interaction, Member, Membership, Order, Segment


@dataclass(frozen=True, slots=True)
class ScopeChoice:
    """Something the page's scope and compare boxes offer."""

    scope: Scope
    label: str
    #: a segment's or group's id (compare targets); 0 for all and platforms
    id: int = 0


@dataclass(frozen=True, slots=True)
class ScopeChoices:
    platforms: tuple[ScopeChoice, ...]
    segments: tuple[ScopeChoice, ...]
    groups: tuple[ScopeChoice, ...]


class DashboardService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------ KPI
    def kpis(self, period: ReportPeriod, scope: Scope = Scope(), targets: dict[str, float] | None = None,  # noqa: B008
             today: date | None = None) -> KpiReport:
        """The KPI cards' figures (what ``qundesk kpi`` prints)."""
        today = today or date.today()
        with self._db.transaction() as session:
            groups, label = _resolve_scope(session, scope, today)
            return _kpis(session, period, scope, label, groups, dict(targets or {}), today)

    # ------------------------------------------------------------------ the page
    def overview(self, period: ReportPeriod, scope: Scope = Scope(),  # noqa: B008
                 targets: dict[str, float] | None = None, compare: Sequence[CompareTarget] = (),
                 today: date | None = None) -> Dashboard:
        """The cards and the charts that read GroupDayStat and the orders; the per-group charts (top,
        dormant, platforms) are asked for apart (``group_charts``)."""
        if len(compare) > COMPARE_MAX:
            raise ValidationError(f"最多对比 {COMPARE_MAX} 个群或分组", "compare")
        today = today or date.today()
        with self._db.transaction() as session:
            groups, label = _resolve_scope(session, scope, today)
            counted = counted_period(period, today)
            data_start = _data_start(session, groups)
            shown = chart_period(counted, data_start) if counted is not None else None
            if shown is None:  # nothing to draw: the cards alone, counted the usual way
                kpi = _kpis(session, period, scope, label, groups, dict(targets or {}), today)
                return Dashboard(kpi, data_start=data_start)
            # one scan of the day stats feeds the charts (with the days the first moving averages need)
            # and both periods' engagement figures
            assert counted is not None
            lead_days = MOVING_AVERAGE_DAYS - 1
            first = min(counted.previous().start, shown.start - timedelta(days=lead_days))
            rows = day_rows(session, ReportPeriod(first, shown.end), groups)
            kpi = _kpis(session, period, scope, label, groups, dict(targets or {}), today, rows)
            if kpi.state is not PeriodState.READY:
                return Dashboard(kpi, data_start=data_start)
            at = (shown.start - first).days
            rows = rows[at - lead_days:]
            shown_rows = rows[lead_days:]
            return Dashboard(
                kpi=kpi,
                chart_period=shown,
                days=tuple(shown_rows),
                trend=trend(rows, lead_days, data_start),
                growth=tuple(growth(shown_rows, weekly=shown.days > WEEKLY_GROWTH_AFTER_DAYS)),
                growth_weekly=shown.days > WEEKLY_GROWTH_AFTER_DAYS,
                compare=tuple(CompareSeries(t, _messages_per_day(session, shown, _target_groups(session, t, today)))
                              for t in compare),
                data_start=data_start,
            )

    def group_charts(self, period: ReportPeriod, scope: Scope = Scope(),  # noqa: B008
                     today: date | None = None) -> GroupCharts:
        """Top groups, dormant groups and the platform mix: a pass over the period's GroupDayStat per group."""
        today = today or date.today()
        counted = counted_period(period, today)
        if counted is None:
            return GroupCharts()
        with self._db.transaction() as session:
            groups, _label = _resolve_scope(session, scope, today)
            per_group = group_rows(session, counted, groups)
            return GroupCharts(tuple(top_by_messages(per_group)), tuple(most_dormant(per_group)),
                               platform_mix(per_group))

    def people(self, period: ReportPeriod, scope: Scope = Scope(), today: date | None = None) -> People:  # noqa: B008
        """The funnel's reached members and referrers, and the reached members' tiers."""
        today = today or date.today()
        counted = counted_period(period, today)
        if counted is None:
            return People(tiers=tier_counts({}))
        with self._db.transaction() as session:
            groups, _label = _resolve_scope(session, scope, today)
            present = and_(
                or_(Membership.joined_on.is_(None), Membership.joined_on <= counted.end),
                or_(Membership.left_on.is_(None), Membership.left_on >= counted.start),
                in_scope(Membership.group_id, groups),
            )
            reached_ids = select(Membership.member_id).where(present)
            tiers = {str(tier): int(n) for tier, n in session.execute(
                select(Member.tier, func.count()).where(Member.id.in_(reached_ids)).group_by(Member.tier))}
            referrers = session.scalar(
                select(func.count(func.distinct(Member.referrer_id)))
                .join(Membership, Membership.member_id == Member.id)
                .where(Membership.joined_on.between(counted.start, counted.end), Member.referrer_id.is_not(None),
                       in_scope(Membership.group_id, groups))
            )
            return People(sum(tiers.values()), int(referrers or 0), tier_counts(tiers))

    def heatmap(self, period: ReportPeriod, scope: Scope = Scope(), today: date | None = None) -> Heatmap:  # noqa: B008
        """Messages by weekday and hour over the period's last four weeks (at most), from the interactions.

        GroupDayStat has no hours, so this is the one dashboard figure read from raw interactions; the day
        column bounds it (index ix_interactions_day), and only the hour is read from ``occurred_at``.
        """
        today = today or date.today()
        counted = counted_period(period, today)
        if counted is None:
            return Heatmap(None)
        bounded = heatmap_period(counted)
        with self._db.transaction() as session:
            groups, _label = _resolve_scope(session, scope, today)
            cells = _heatmap_cells(session, bounded, groups) if self._db.is_sqlite else \
                _heatmap_cells_grouped(session, bounded, groups)
            return Heatmap(bounded, heatmap_grid(cells))

    def choices(self) -> ScopeChoices:
        """Platforms that have groups, saved segments and groups (not archived), for the scope and compare boxes."""
        with self._db.transaction() as session:
            platforms = [str(p) for p in session.scalars(select(Group.platform).distinct())]
            order = {p.value: i for i, p in enumerate(Platform)}
            segments = session.execute(select(Segment.id, Segment.name).order_by(Segment.position, Segment.id)).all()
            groups = session.execute(select(Group.id, Group.name).order_by(Group.name, Group.id)).all()
            return ScopeChoices(
                tuple(ScopeChoice(Scope(ScopeKind.PLATFORM, p), PLATFORM_NAMES.get(p, p))
                      for p in sorted(platforms, key=lambda p: order.get(p, 99))),
                tuple(ScopeChoice(Scope(ScopeKind.SEGMENT, name), name, sid) for sid, name in segments),
                tuple(ScopeChoice(Scope(ScopeKind.GROUP, str(gid)), name, gid) for gid, name in groups),
            )

    # ------------------------------------------------------------------ the Groups table
    def sparklines(self, today: date | None = None, days: int = SPARKLINE_DAYS) -> dict[int, tuple[int, ...]]:
        """Messages per day of every group with any in the last ``days`` days (one query); others are quiet."""
        today = today or date.today()
        start = today - timedelta(days=days - 1)
        values: dict[int, list[int]] = {}
        with self._db.transaction() as session:
            for gid, day, messages in session.execute(
                select(GroupDayStat.group_id, GroupDayStat.day, GroupDayStat.messages)
                .where(GroupDayStat.day.between(start, today), GroupDayStat.messages > 0)
            ):
                row = values.get(gid)
                if row is None:
                    row = values[gid] = [0] * days
                row[(day - start).days] = int(messages)
        return {gid: tuple(row) for gid, row in values.items()}


# --------------------------------------------------------------------------------------------------


def _resolve_scope(session: Session, scope: Scope, today: date) -> tuple[GroupScope, str]:
    """The scope's groups as a SELECT of ids (None = every group) and its zh label."""
    if scope.kind is ScopeKind.ALL:
        return None, "全部群"
    if scope.kind is ScopeKind.PLATFORM:
        platform = Platform(scope.value)
        return select(Group.id).where(Group.platform == platform), f"平台：{PLATFORM_NAMES[platform]}"
    if scope.kind is ScopeKind.GROUP:
        group = session.get(Group, int(scope.value))
        if group is None:
            raise NotFoundError(f"群 #{scope.value} 不存在 (可能已被删除)")
        return select(Group.id).where(Group.id == group.id), f"群：{group.name}"
    segment = session.scalar(select(Segment).where(Segment.name == scope.value))
    if segment is None:
        raise NotFoundError(f"没有名为“{scope.value}”的分组")
    return _spec_groups(_read_spec(segment), today), f"分组：{segment.name}"


def _spec_groups(spec: SegmentSpec, today: date) -> Select[tuple[int]]:
    return select(Group.id).where(*spec_conditions(spec, today))


def _read_spec(segment: Segment) -> SegmentSpec:
    """A segment's filter; a damaged one is named, as the segment service names it."""
    try:
        return SegmentSpec.from_json(segment.filter_json)
    except ValidationError as exc:
        raise ValidationError(f"分组“{segment.name}”: {exc}", exc.field) from None


def _target_groups(session: Session, target: CompareTarget, today: date) -> Select[tuple[int]]:
    if target.kind is ScopeKind.GROUP:
        return select(Group.id).where(Group.id == target.id)
    segment = session.get(Segment, target.id)
    if segment is None:
        raise NotFoundError(f"分组“{target.name}”已被删除")
    return _spec_groups(_read_spec(segment), today)


def _kpis(session: Session, period: ReportPeriod, scope: Scope, label: str, groups: GroupScope,
          targets: dict[str, float], today: date, rows: Sequence[DayRow] | None = None) -> KpiReport:
    """The cards' figures; ``rows``, day rows covering both periods, save the engagement scans."""
    counted = counted_period(period, today)
    if session.scalar(select(Group.id).limit(1)) is None:
        return KpiReport(period, counted, None, scope, label, today, PeriodState.EMPTY_WORKSPACE,
                         notes=("工作区还没有群：新建群或从 Excel 导入后，这里会显示看板",))
    if counted is None:
        return KpiReport(period, None, None, scope, label, today, PeriodState.FUTURE,
                         notes=(f"所选周期从 {period.start.isoformat()} 开始，还没有到，没有数据可看",))
    notes = []
    if counted.end < period.end:
        notes.append(f"周期还没有结束，统计到今天 ({today.isoformat()}) 为止")
    f = period_figures(session, counted, targets, groups, rows)
    notes += f.notes
    e, b = f.engagement, f.business
    spoke = e.messages or e.active_member_days or e.joins or e.leaves
    state = PeriodState.READY if spoke or (b is not None and b.orders) else PeriodState.NO_DATA
    if state is PeriodState.NO_DATA:
        notes.append("这个周期没有互动和订单记录")
    return KpiReport(period, counted, f.previous, scope, label, today, state, f.figures, f.has_orders, tuple(notes))


def _data_start(session: Session, groups: GroupScope) -> date | None:
    """The first day with day stats or orders in the scope."""
    first_stat = session.scalar(select(func.min(GroupDayStat.day)).where(in_scope(GroupDayStat.group_id, groups)))
    first_order = session.scalar(select(func.min(Order.day)).where(in_scope(Order.group_id, groups)))
    days = [d for d in (first_stat, first_order) if d is not None]
    return min(days) if days else None


#: the hour of ``occurred_at`` exactly as index ix_interactions_kind_day_hour spells it (literal numbers: a bound
#: parameter would not match the index's expression)
_HOUR = func.substr(Interaction.occurred_at, literal_column("12"), literal_column("2"))


def _heatmap_cells(session: Session, p: ReportPeriod, groups: GroupScope) -> list[tuple[date, int, int]]:
    """Messages per (day, hour) cell on SQLite: one count per cell, each a few seeks into
    ix_interactions_kind_day_hour (kind, day, hour, group_id) that never read the table. A GROUP BY over
    the same rows sorted all of them (a month: about 1,000,000) and took four times as long."""
    hours = [f"{h:02d}" for h in range(24)]
    cells = values(column("day", Date), column("hour", String), name="cells").data(
        [(day, hour) for day in p.each_day() for hour in hours]).cte("cells")  # SQLite has no VALUES ... AS t(a, b)
    count = (
        select(func.count())
        .where(Interaction.kind.in_(sorted(MESSAGE_KINDS)), Interaction.day == cells.c.day,
               cells.c.hour == _HOUR, Interaction.group_id.is_not(None),
               # a scope filters the index entries; as a seek key (group_id IN ...) it cost a seek per group per cell
               in_scope(func.coalesce(Interaction.group_id, 0), groups))
        .correlate(cells)
        .scalar_subquery()
    )
    return [(day, int(hour), int(n)) for day, hour, n in session.execute(select(cells.c.day, cells.c.hour, count))
            if n]


def _heatmap_cells_grouped(session: Session, p: ReportPeriod, groups: GroupScope) -> list[tuple[date, int, int]]:
    """Messages per (day, hour) cell where the database aggregates by hash (PostgreSQL)."""
    hour = cast(func.extract("hour", Interaction.occurred_at), Integer)
    rows = session.execute(
        select(Interaction.day, hour, func.count())
        .where(Interaction.day.between(p.start, p.end), Interaction.kind.in_(sorted(MESSAGE_KINDS)),
               Interaction.group_id.is_not(None), in_scope(Interaction.group_id, groups))
        .group_by(Interaction.day, hour)
    ).all()
    return [(d, int(h or 0), int(n)) for d, h, n in rows]


def _messages_per_day(session: Session, p: ReportPeriod, groups: Select[tuple[int]]) -> tuple[int, ...]:
    counts = dict(session.execute(
        select(GroupDayStat.day, func.sum(GroupDayStat.messages))
        .where(GroupDayStat.day.between(p.start, p.end), GroupDayStat.group_id.in_(groups))
        .group_by(GroupDayStat.day)
    ).all())
    return tuple(int(counts.get(day, 0) or 0) for day in p.each_day())


__all__ = ["DashboardService", "ScopeChoice", "ScopeChoices"]
