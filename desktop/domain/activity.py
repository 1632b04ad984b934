"""Member activity levels (learned from the Orbit model) and customer-ladder suggestions. Pure.

Levels, closest to the community first (Orbit numbers them the same way):

    1 核心 (leader)       hosts, answers, brings people: high score and present most weeks
    2 活跃 (contributor)  takes part regularly
    3 参与 (participant)  shows up now and then, over more than one month
    4 观望 (explorer)     everyone else, including members never heard from

How a level is computed for a day ``as_of``:

* score: every interaction counts its kind's weight (``ActivityParams.weights``) times the
  multiplier of the window its age falls in (``windows``: age < 28 days x1, < 84 x0.5,
  < 182 x0.25, older: nothing). Age 0 is ``as_of`` itself;
* presence: in how many of the last ``presence_weeks`` 7-day weeks, and of the last
  ``presence_months`` 30-day months (both counted back from ``as_of``), the member did
  something that weighs more than 0;
* the level is the best (lowest) one whose rule (``LevelRule``: a minimum score, minimum active
  weeks and minimum active months, all required) the member meets; else 4.

Levels do not flicker: upgrades count at once, but a downgrade is applied only at the start of a
period (a calendar month, or an ISO week), by one level per period. ``assess`` replays the last
``replay_periods`` period starts to find the level the member carries into the current period.

Staff (a member who is an admin in one of their groups) get no level: their activity is the
operator's own work, not engagement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import IntEnum, StrEnum
from types import MappingProxyType

from .enums import InteractionKind, Tier
from .members import TIER_NAMES, tier_rank


class ActivityLevel(IntEnum):
    LEADER = 1
    CONTRIBUTOR = 2
    PARTICIPANT = 3
    EXPLORER = 4


LEVEL_NAMES: dict[ActivityLevel, str] = {
    ActivityLevel.LEADER: "核心",
    ActivityLevel.CONTRIBUTOR: "活跃",
    ActivityLevel.PARTICIPANT: "参与",
    ActivityLevel.EXPLORER: "观望",
}


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class LevelRule:
    level: ActivityLevel
    min_score: float
    min_weeks: int = 0
    min_months: int = 0


DEFAULT_WEIGHTS: Mapping[InteractionKind, float] = MappingProxyType({
    InteractionKind.MESSAGE: 1.0,
    InteractionKind.QUESTION: 2.0,
    InteractionKind.COMPLAINT: 1.0,
    InteractionKind.PRAISE: 2.0,
    InteractionKind.PURCHASE: 5.0,
    InteractionKind.REFERRAL: 8.0,
    InteractionKind.JOIN: 0.5,
    InteractionKind.LEAVE: 0.0,
    InteractionKind.EVENT: 3.0,
    InteractionKind.PRIVATE_CHAT: 2.0,
    InteractionKind.NOTE: 0.0,  # the operator's own note says nothing about the member's activity
})


@dataclass(frozen=True, slots=True)
class ActivityParams:
    """The operator-editable parameters; defaults as described in the module docstring."""

    weights: Mapping[InteractionKind, float] = field(default_factory=lambda: DEFAULT_WEIGHTS)
    #: (age below this many days, multiplier), ascending
    windows: tuple[tuple[int, float], ...] = ((28, 1.0), (84, 0.5), (182, 0.25))
    presence_weeks: int = 12
    presence_months: int = 6
    rules: tuple[LevelRule, ...] = (
        LevelRule(ActivityLevel.LEADER, 30.0, min_weeks=6),
        LevelRule(ActivityLevel.CONTRIBUTOR, 10.0, min_weeks=3),
        LevelRule(ActivityLevel.PARTICIPANT, 2.0, min_months=2),
    )
    downgrade_period: Period = Period.MONTH
    replay_periods: int = 6

    @property
    def horizon_days(self) -> int:
        """How far back any rule looks: older interactions never matter."""
        return max(self.windows[-1][0] if self.windows else 0, 7 * self.presence_weeks,
                   30 * self.presence_months)


#: one input row: (day, kind, how many interactions of that kind that day)
Event = tuple[date, InteractionKind, int]


@dataclass(frozen=True, slots=True)
class Measure:
    """Score and presence of one member on one day."""

    as_of: date
    score: float
    active_weeks: int
    active_months: int
    #: interactions counted per window, same order as ActivityParams.windows
    window_counts: tuple[int, ...]
    window_scores: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class ActivityAssessment:
    #: None for staff
    level: ActivityLevel | None
    #: what today's numbers alone give (differs from ``level`` while a downgrade waits)
    computed: ActivityLevel | None
    measure: Measure
    staff: bool
    #: the level carried into the current period by the replay
    carried: ActivityLevel | None = None
    period_start: date | None = None
    params: ActivityParams = field(default_factory=ActivityParams, repr=False)


def measure(events: Iterable[Event], as_of: date, params: ActivityParams) -> Measure:
    counts = [0] * len(params.windows)
    scores = [0.0] * len(params.windows)
    weeks: set[int] = set()
    months: set[int] = set()
    for day, kind, count in events:
        age = (as_of - day).days
        weight = params.weights.get(InteractionKind(kind), 0.0)
        if age < 0 or weight <= 0 or count <= 0:
            continue
        for index, (limit, multiplier) in enumerate(params.windows):
            if age < limit:
                counts[index] += count
                scores[index] += weight * multiplier * count
                break
        if age < 7 * params.presence_weeks:
            weeks.add(age // 7)
        if age < 30 * params.presence_months:
            months.add(age // 30)
    return Measure(as_of, round(sum(scores), 6), len(weeks), len(months), tuple(counts),
                   tuple(round(s, 6) for s in scores))


def meets(rule: LevelRule, m: Measure) -> bool:
    return m.score >= rule.min_score and m.active_weeks >= rule.min_weeks and m.active_months >= rule.min_months


def level_of(m: Measure, params: ActivityParams) -> ActivityLevel:
    for rule in sorted(params.rules, key=lambda r: r.level):
        if meets(rule, m):
            return rule.level
    return ActivityLevel.EXPLORER


def period_start(day: date, period: Period) -> date:
    if period is Period.WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def _previous_period_start(start: date, period: Period) -> date:
    return period_start(start - timedelta(days=1), period)


def assess(events: Iterable[Event], today: date, params: ActivityParams | None = None, *,
           staff: bool = False) -> ActivityAssessment:
    """The member's level today, with downgrades held back to period starts (one level each)."""
    params = params or ActivityParams()
    rows = [e for e in events if e[0] <= today]
    now = measure(rows, today, params)
    if staff:
        return ActivityAssessment(None, None, now, True, params=params)
    current_start = period_start(today, params.downgrade_period)
    starts = [current_start]
    for _ in range(params.replay_periods):
        starts.append(_previous_period_start(starts[-1], params.downgrade_period))
    starts.reverse()
    # the level at the oldest replayed start is taken as it is; each later start may move it
    # up any distance, or down by one step
    carried = level_of(measure(rows, starts[0], params), params)
    for start in starts[1:]:
        carried = _step(carried, level_of(measure(rows, start, params), params))
    computed = level_of(now, params)
    level = min(carried, computed)  # within the period only upgrades count
    return ActivityAssessment(level, computed, now, False, carried, current_start, params)


def _step(carried: ActivityLevel, computed: ActivityLevel) -> ActivityLevel:
    if computed <= carried:
        return computed
    return ActivityLevel(carried + 1)


def _rule_text(rule: LevelRule, params: ActivityParams) -> str:
    parts = [f"得分≥{rule.min_score:g}"]
    if rule.min_weeks:
        parts.append(f"近{params.presence_weeks}周中≥{rule.min_weeks}周有互动")
    if rule.min_months:
        parts.append(f"近{params.presence_months}个月中≥{rule.min_months}个月有互动")
    return "、".join(parts)


def explain(result: ActivityAssessment) -> list[str]:
    """Why the member is at their level, in Chinese, one reason per line."""
    params, m = result.params, result.measure
    if result.staff:
        return ["是群管理员 (工作人员), 不参与活跃度分级"]
    lines: list[str] = []
    low = 0
    for (limit, multiplier), count, score in zip(params.windows, m.window_counts, m.window_scores, strict=True):
        lines.append(f"{low}–{limit}天前: 互动 {count} 次, 按 ×{multiplier:g} 计 {score:g} 分")
        low = limit
    lines.append(f"活跃度得分 {m.score:g}")
    lines.append(f"近{params.presence_weeks}周中有 {m.active_weeks} 周有互动, "
                 f"近{params.presence_months}个月中有 {m.active_months} 个月有互动")
    computed = result.computed or ActivityLevel.EXPLORER
    rules = sorted(params.rules, key=lambda r: r.level)
    reached = next((r for r in rules if r.level == computed), None)
    if reached is not None:
        lines.append(f"达到“{LEVEL_NAMES[computed]}”的条件: {_rule_text(reached, params)}")
    else:
        lines.append(f"未达到任何更高等级的条件, 为“{LEVEL_NAMES[ActivityLevel.EXPLORER]}”")
    better = [r for r in rules if r.level < computed]
    if better:
        rule = better[-1]
        lines.append(f"升到“{LEVEL_NAMES[rule.level]}”还需: {_rule_text(rule, params)} "
                     f"(现为 {m.score:g} 分、{m.active_weeks} 周、{m.active_months} 个月)")
    if result.level is not None and result.level < computed:
        unit = "月" if params.downgrade_period is Period.MONTH else "周"
        lines.append(f"按现在的互动应为“{LEVEL_NAMES[computed]}”, 但降级每{unit}初才生效且每次只降一级, "
                     f"本{unit}保持“{LEVEL_NAMES[result.level]}”")
    return lines


# --------------------------------------------------------------------------------------------------
# customer ladder suggestions


@dataclass(frozen=True, slots=True)
class TierRules:
    """Editable suggestion rules for the ladder 目标用户 → 粉丝 → 会员 → 合伙人; 0 switches a rule off."""

    #: a prospect who has said this many things in a group (message kinds) becomes a fan
    interactions_for_fan: int = 3
    #: paid orders that make someone a member (the first paid order, by default)
    paid_orders_for_member: int = 1
    #: people they referred that make someone a partner candidate
    referrals_for_partner: int = 3


@dataclass(frozen=True, slots=True)
class MemberFacts:
    tier: Tier
    interactions: int
    paid_orders: int
    referrals: int


def suggest_tier(facts: MemberFacts, rules: TierRules) -> tuple[Tier, str] | None:
    """The highest tier the rules give, with its reason, if it is above the current one (never down)."""
    candidates: list[tuple[Tier, str]] = []
    if rules.referrals_for_partner and facts.referrals >= rules.referrals_for_partner:
        candidates.append((Tier.PARTNER, f"已转介绍 {facts.referrals} 人 (≥{rules.referrals_for_partner}), 可升为合伙人候选"))
    if rules.paid_orders_for_member and facts.paid_orders >= rules.paid_orders_for_member:
        what = "首次付款下单" if rules.paid_orders_for_member == 1 else f"已付款订单 {facts.paid_orders} 笔"
        candidates.append((Tier.MEMBER, f"{what}, 升为会员"))
    if rules.interactions_for_fan and facts.interactions >= rules.interactions_for_fan:
        candidates.append((Tier.FAN, f"在群里发言已达 {rules.interactions_for_fan} 次, 升为粉丝"))
    for tier, reason in candidates:
        if tier_rank(tier) > tier_rank(facts.tier):
            return tier, f"{TIER_NAMES[facts.tier]} → {TIER_NAMES[tier]}: {reason}"
    return None


# --------------------------------------------------------------------------------------------------
# what a bulk computation of ``assess`` needs to know (desktop.services.members caches levels)


def replay_starts(today: date, params: ActivityParams) -> list[date]:
    """The period starts ``assess`` replays, oldest first; the last one is the current period's start."""
    starts = [period_start(today, params.downgrade_period)]
    for _ in range(params.replay_periods):
        starts.append(_previous_period_start(starts[-1], params.downgrade_period))
    starts.reverse()
    return starts


def events_needed_from(today: date, params: ActivityParams) -> date:
    """No interaction before this day can change ``assess(..., today, params)``: the oldest replayed
    period start minus the longest look-back (every measure ignores anything older)."""
    return replay_starts(today, params)[0] - timedelta(days=params.horizon_days)
