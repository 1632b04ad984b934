"""The dashboard's figures and chart series as plain data, and the arithmetic behind them. Stdlib only.

Periods (``qundesk kpi --period`` and the page's period box):

- ``today``: today alone; ``7d`` / ``30d``: the last 7 / 30 days including today;
- ``month``: this calendar month so far (本月, the 1st to today). Note: ``qundesk report --period month``
  is the last *complete* month, because a boss report is about a finished month; the dashboard looks
  at the running one;
- ``FROM..TO``: both days inclusive (the same syntax as the boss report).

A period reaching past today is counted up to today (the future has no data; days without data would
pull every average down), and says so in its notes; a period starting after today has nothing to show.
The comparison period is the equal-length period before the (counted) period, as in the boss report,
so a KPI card and ``qundesk report`` agree for the same days.

Scopes: ``all``, ``platform:wechat``, ``segment:NAME`` (a saved segment, resolved today) or
``group:ID``. Engagement and orders are counted for the scope's groups; with ``all`` they also
include orders that name no group.

The funnel 引流 → 成交 → 复购 → 裂变 of a period and scope:

- 引流 reached: people with a membership in a scope group during the period (joined on or before
  its end, or join day unknown; not left before its start);
- 成交 buyers and 复购 repeat buyers: the KPI figures (valid orders, a buyer is a member or a phone);
- 裂变 referrers: people who brought in someone who joined a scope group during the period
  (the newcomer's ``referrer_id``).

Rates: 成交 over 引流 (conversion), 复购 over 成交 (the 复购率 card), and 裂变 over 引流 (转介绍率, the share
of the people reached who brought someone in): referrers need not have bought, so a rate over 复购 could
pass 100% and mislead. A rate is None when its base is zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from .enums import Platform, Tier
from .errors import ValidationError
from .reports import (
    PLATFORM_NAMES,
    TIER_NAMES,
    DayRow,
    Figure,
    GroupRow,
    ReportPeriod,
    parse_period,
    safe_ratio,
)

#: the period presets, in the order the page offers them
PERIOD_PRESETS: tuple[str, ...] = ("today", "7d", "30d", "month")
#: the heatmap reads raw interactions (GroupDayStat has no hours): at most the period's last four weeks,
#: which also counts every weekday exactly four times so the weekdays compare fairly
HEATMAP_MAX_DAYS = 28
MOVING_AVERAGE_DAYS = 7
COMPARE_MAX = 5
#: longer periods show member growth per week: 90 daily bars are too thin to read
WEEKLY_GROWTH_AFTER_DAYS = 62
SPARKLINE_DAYS = 30


# --------------------------------------------------------------------------------------------------
# periods


def preset_period(preset: str, today: date) -> ReportPeriod:
    """The days a preset covers on ``today`` (see the module docstring)."""
    if preset == "today":
        return ReportPeriod(today, today)
    if preset == "7d":
        return ReportPeriod(today - timedelta(days=6), today)
    if preset == "30d":
        return ReportPeriod(today - timedelta(days=29), today)
    if preset == "month":
        return ReportPeriod(today.replace(day=1), today)
    raise ValidationError(f"无法识别的周期“{preset}”：请用 today、7d、30d、month 或 2026-11-01..2026-11-30",
                          "period")


def parse_dashboard_period(text: str, today: date) -> ReportPeriod:
    """A preset name or FROM..TO (the boss report's range syntax and limits)."""
    spec = text.strip().lower()
    if spec in PERIOD_PRESETS:
        return preset_period(spec, today)
    if ".." not in spec:
        preset_period(spec, today)  # raises the message that lists the choices
    return parse_period(spec, today)


class PeriodState(StrEnum):
    """Whether a period has anything to show, and if not, why."""

    READY = "ready"
    EMPTY_WORKSPACE = "empty_workspace"
    FUTURE = "future"
    NO_DATA = "no_data"


def counted_period(period: ReportPeriod, today: date) -> ReportPeriod | None:
    """The part of ``period`` up to today; None when it starts after today."""
    if period.start > today:
        return None
    return ReportPeriod(period.start, min(period.end, today))


# --------------------------------------------------------------------------------------------------
# scopes


class ScopeKind(StrEnum):
    ALL = "all"
    PLATFORM = "platform"
    SEGMENT = "segment"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class Scope:
    """Which groups the figures count: all, one platform, a saved segment (by name) or one group (by id)."""

    kind: ScopeKind = ScopeKind.ALL
    value: str = ""

    @property
    def spec(self) -> str:
        return self.kind.value if self.kind is ScopeKind.ALL else f"{self.kind.value}:{self.value}"


def parse_scope(text: str) -> Scope:
    """``all``, ``platform:wechat``, ``segment:NAME`` or ``group:ID``; a Chinese message for anything else."""
    spec = text.strip()
    if spec.lower() in ("", "all"):
        return Scope()
    kind_text, sep, value = spec.partition(":")
    if not sep:
        kind_text, sep, value = spec.partition("：")  # typed with a Chinese input method on
    kind_text, value = kind_text.strip().lower(), value.strip()
    hint = "范围应为 all、platform:wechat、segment:分组名 或 group:群编号"
    if not sep or not value:
        raise ValidationError(f"无法识别的范围“{text}”：{hint}", "scope")
    if kind_text == "platform":
        try:
            return Scope(ScopeKind.PLATFORM, Platform(value.lower()).value)
        except ValueError:
            names = "、".join(p.value for p in Platform)
            raise ValidationError(f"没有平台“{value}”，可选：{names}", "scope") from None
    if kind_text == "segment":
        return Scope(ScopeKind.SEGMENT, value)
    if kind_text == "group":
        if not value.isdigit() or int(value) < 1:
            raise ValidationError(f"群编号应为正整数，而不是“{value}”", "scope")
        return Scope(ScopeKind.GROUP, str(int(value)))
    raise ValidationError(f"无法识别的范围“{text}”：{hint}", "scope")


@dataclass(frozen=True, slots=True)
class CompareTarget:
    """A group or a saved segment overlaid on the activity trend."""

    kind: ScopeKind  # GROUP or SEGMENT
    id: int
    name: str


# --------------------------------------------------------------------------------------------------
# KPI figures


@dataclass(frozen=True, slots=True)
class KpiReport:
    """The KPI cards' figures: the boss report's figures for a period and scope, with targets."""

    #: the period as asked for
    requested: ReportPeriod
    #: the days counted (the requested period up to today); None for a period in the future
    period: ReportPeriod | None
    previous: ReportPeriod | None
    scope: Scope
    scope_label: str
    today: date
    state: PeriodState
    figures: tuple[Figure, ...] = ()
    has_orders: bool = False
    notes: tuple[str, ...] = ()

    def figure(self, key: str) -> Figure:
        for f in self.figures:
            if f.key == key:
                return f
        raise KeyError(key)

    def as_json(self) -> dict[str, Any]:
        """What ``qundesk kpi --json`` prints: money in cents, rates as fractions."""
        def span(p: ReportPeriod | None) -> dict[str, Any] | None:
            return None if p is None else {"from": p.start.isoformat(), "to": p.end.isoformat(), "days": p.days}

        return {
            "requested": span(self.requested),
            "period": span(self.period),
            "previous": span(self.previous),
            "scope": {"spec": self.scope.spec, "label": self.scope_label},
            "today": self.today.isoformat(),
            "state": self.state.value,
            "has_orders": self.has_orders,
            "notes": list(self.notes),
            "figures": [
                {"key": f.key, "label": f.label, "family": f.family, "unit": f.unit.value,
                 "value": f.current, "previous": f.previous, "change": f.change, "target": f.target,
                 "progress": f.progress}
                for f in self.figures
            ],
        }


# --------------------------------------------------------------------------------------------------
# chart series


def moving_average(values: Sequence[float], window: int = MOVING_AVERAGE_DAYS,
                   lead: int = 0) -> list[float | None]:
    """Trailing ``window``-day averages of ``values[lead:]``; ``values[:lead]`` are the days before the
    chart that feed its first averages. A day without a full window behind it has None (no line there),
    so one week of history never pretends to be a trend."""
    out: list[float | None] = []
    running = 0.0
    for i, value in enumerate(values):
        running += value
        if i >= window:
            running -= values[i - window]
        if i >= lead:
            out.append(running / window if i + 1 >= window else None)
    return out


@dataclass(frozen=True, slots=True)
class Trend:
    """Messages and active members per day over the chart's days, with trailing 7-day averages."""

    days: tuple[date, ...]
    messages: tuple[int, ...]
    active_members: tuple[int, ...]
    messages_avg: tuple[float | None, ...]
    active_avg: tuple[float | None, ...]


def trend(rows: Sequence[DayRow], lead: int, history_start: date | None = None) -> Trend:
    """``rows`` are consecutive days, the first ``lead`` of them before the chart starts. An average
    whose window reaches before ``history_start`` (the first day anything was recorded) is None: those
    days were not quiet, nobody counted them."""
    messages = [r.messages for r in rows]
    active = [r.active_members for r in rows]
    shown = rows[lead:]

    def bounded(averages: list[float | None]) -> tuple[float | None, ...]:
        if history_start is None:
            return tuple(averages)
        window = MOVING_AVERAGE_DAYS - 1
        return tuple(None if r.day - timedelta(days=window) < history_start else a
                     for r, a in zip(shown, averages, strict=True))

    return Trend(
        tuple(r.day for r in shown), tuple(messages[lead:]), tuple(active[lead:]),
        bounded(moving_average(messages, lead=lead)), bounded(moving_average(active, lead=lead)),
    )


@dataclass(frozen=True, slots=True)
class GrowthBucket:
    """Joins and leaves over one day or one week (``start``..``end``)."""

    start: date
    end: date
    joins: int
    leaves: int

    @property
    def net(self) -> int:
        return self.joins - self.leaves


def growth(rows: Sequence[DayRow], weekly: bool) -> list[GrowthBucket]:
    """Per day, or per ISO week (Monday first; the ends may be partial weeks) for long periods."""
    if not weekly:
        return [GrowthBucket(r.day, r.day, r.joins, r.leaves) for r in rows]
    buckets: list[GrowthBucket] = []
    for r in rows:
        monday = r.day - timedelta(days=r.day.weekday())
        if buckets and buckets[-1].start - timedelta(days=buckets[-1].start.weekday()) == monday:
            last = buckets[-1]
            buckets[-1] = GrowthBucket(last.start, r.day, last.joins + r.joins, last.leaves + r.leaves)
        else:
            buckets.append(GrowthBucket(r.day, r.day, r.joins, r.leaves))
    return buckets


@dataclass(frozen=True, slots=True)
class FunnelStep:
    key: str
    label: str
    count: int
    #: count over its base step's (FUNNEL_BASE); None for the first step or a base of zero
    rate: float | None


FUNNEL_STEPS: tuple[tuple[str, str], ...] = (
    ("reached", "引流"), ("buyers", "成交"), ("repeat_buyers", "复购"), ("referrers", "裂变"),
)
#: each step's rate is over this step (see the module docstring): 裂变 is over 引流
FUNNEL_BASE: dict[str, str] = {"buyers": "reached", "repeat_buyers": "buyers", "referrers": "reached"}


def funnel(reached: int, buyers: int, repeat_buyers: int, referrers: int) -> tuple[FunnelStep, ...]:
    counts = dict(zip((key for key, _ in FUNNEL_STEPS), (reached, buyers, repeat_buyers, referrers), strict=True))
    steps = []
    for key, label in FUNNEL_STEPS:
        base = counts.get(FUNNEL_BASE.get(key, ""), 0)
        steps.append(FunnelStep(key, label, counts[key], safe_ratio(counts[key], base) if base else None))
    return tuple(steps)


@dataclass(frozen=True, slots=True)
class TierCount:
    tier: str
    label: str
    count: int


def tier_counts(counts: dict[str, int]) -> tuple[TierCount, ...]:
    """Every tier of the ladder in order (zeros included, so the chart's bars never move around)."""
    return tuple(TierCount(t.value, TIER_NAMES[t], int(counts.get(t.value, 0))) for t in Tier)


@dataclass(frozen=True, slots=True)
class PlatformShare:
    platform: str
    label: str
    groups: int
    messages: int
    gmv_cents: int
    #: share of the scope's messages (of its groups when nothing was said)
    share: float


def platform_mix(groups: Iterable[GroupRow]) -> tuple[PlatformShare, ...]:
    """Groups, messages and GMV per platform, largest first; platforms without groups are left out."""
    totals: dict[str, list[int]] = {}
    for g in groups:
        t = totals.setdefault(g.platform, [0, 0, 0])
        t[0] += 1
        t[1] += g.messages
        t[2] += g.gmv_cents
    all_messages = sum(t[1] for t in totals.values())
    all_groups = sum(t[0] for t in totals.values())
    shares = [
        PlatformShare(p, PLATFORM_NAMES.get(p, p), n, m, gmv,
                      safe_ratio(m, all_messages) if all_messages else safe_ratio(n, all_groups))
        for p, (n, m, gmv) in totals.items()
    ]
    order = {p.value: i for i, p in enumerate(Platform)}
    return tuple(sorted(shares, key=lambda s: (-s.share, order.get(s.platform, 99))))


@dataclass(frozen=True, slots=True)
class Heatmap:
    """Messages by weekday (0 = Monday) and hour over ``period`` (at most HEATMAP_MAX_DAYS days)."""

    period: ReportPeriod | None
    #: 7 rows of 24 counts
    counts: tuple[tuple[int, ...], ...] = field(default_factory=lambda: tuple((0,) * 24 for _ in range(7)))

    @property
    def total(self) -> int:
        return sum(sum(row) for row in self.counts)


def heatmap_period(period: ReportPeriod) -> ReportPeriod:
    """The period's last HEATMAP_MAX_DAYS days (all of it when shorter)."""
    if period.days <= HEATMAP_MAX_DAYS:
        return period
    return ReportPeriod(period.end - timedelta(days=HEATMAP_MAX_DAYS - 1), period.end)


def heatmap_grid(cells: Iterable[tuple[date, int, int]]) -> tuple[tuple[int, ...], ...]:
    """(day, hour, messages) rows folded into a weekday x hour grid."""
    grid = [[0] * 24 for _ in range(7)]
    for day, hour, n in cells:
        if 0 <= hour < 24:
            grid[day.weekday()][hour] += int(n)
    return tuple(tuple(row) for row in grid)


@dataclass(frozen=True, slots=True)
class CompareSeries:
    target: CompareTarget
    #: messages per day over the trend's days
    messages: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class People:
    """Who the scope's groups reached in the period (by tier) and who brought others in.

    Computed apart from the figures: it reads the memberships, the slowest part of the page."""

    reached: int = 0
    referrers: int = 0
    tiers: tuple[TierCount, ...] = ()

    def funnel(self, kpi: KpiReport) -> tuple[FunnelStep, ...]:
        """The funnel with the KPI's buyers and repeat buyers (zero without orders)."""
        def value(key: str) -> int:
            try:
                return int(kpi.figure(key).current)
            except KeyError:
                return 0

        return funnel(self.reached, value("buyers"), value("repeat_buyers"), self.referrers)


@dataclass(frozen=True, slots=True)
class GroupCharts:
    """The charts read per group (top, dormant, platform mix): below the page's first screenful, so
    the page asks for them after the cards and the day charts (``DashboardService.group_charts``)."""

    top_groups: tuple[GroupRow, ...] = ()
    dormant_groups: tuple[GroupRow, ...] = ()
    platforms: tuple[PlatformShare, ...] = ()


@dataclass(frozen=True, slots=True)
class Dashboard:
    """The cards and the charts read per day. The people figures, the heatmap and the per-group charts
    come separately (see People, Heatmap and GroupCharts) so the cards and these charts paint first."""

    kpi: KpiReport
    #: the days the charts show: the counted period from the first day with data
    chart_period: ReportPeriod | None = None
    days: tuple[DayRow, ...] = ()
    trend: Trend | None = None
    growth: tuple[GrowthBucket, ...] = ()
    growth_weekly: bool = False
    compare: tuple[CompareSeries, ...] = ()
    #: the first day the workspace (scope) has data for, if any
    data_start: date | None = None

    @property
    def state(self) -> PeriodState:
        return self.kpi.state

    @property
    def history_days(self) -> int:
        return self.chart_period.days if self.chart_period is not None else 0


def chart_period(counted: ReportPeriod, data_start: date | None) -> ReportPeriod | None:
    """Where the charts start: not before the first day with data (days before it are not quiet days,
    they are days nobody recorded). None when the data starts after the period."""
    if data_start is None or data_start > counted.end:
        return None
    return ReportPeriod(max(counted.start, data_start), counted.end)
