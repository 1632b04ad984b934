"""Activity levels and ladder suggestions on hand-made histories (pure, no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop.domain.activity import (
    ActivityLevel,
    ActivityParams,
    LevelRule,
    MemberFacts,
    Period,
    TierRules,
    assess,
    explain,
    measure,
    period_start,
    suggest_tier,
)
from desktop.domain.enums import InteractionKind, Tier

K = InteractionKind
TODAY = date(2026, 11, 20)

HISTORY = [
    (date(2026, 11, 20), K.MESSAGE, 3),  # age 0: 3 x 1
    (date(2026, 11, 1), K.QUESTION, 1),  # age 19: 1 x 2
    (date(2026, 11, 19), K.NOTE, 4),  # weight 0: ignored, and no presence
    (date(2026, 10, 10), K.PURCHASE, 1),  # age 41: 5 x 0.5
    (date(2026, 7, 1), K.REFERRAL, 1),  # age 142: 8 x 0.25; beyond 12 weeks, within 6 months
    (date(2026, 1, 1), K.MESSAGE, 5),  # age 323: too old for anything
    (date(2026, 11, 21), K.MESSAGE, 9),  # tomorrow: not yet
]


def test_measure_by_hand() -> None:
    m = measure(HISTORY, TODAY, ActivityParams())
    assert m.window_counts == (4, 1, 1)
    assert m.window_scores == (5.0, 2.5, 2.0)
    assert m.score == 9.5
    assert m.active_weeks == 3  # weeks 0, 2 and 5
    assert m.active_months == 3  # 30-day months 0, 1 and 4


def test_level_and_explanation_by_hand() -> None:
    result = assess(HISTORY, TODAY)
    assert (result.level, result.computed, result.carried) == (ActivityLevel.PARTICIPANT,) * 3
    assert explain(result) == [
        "0–28天前: 互动 4 次, 按 ×1 计 5 分",
        "28–84天前: 互动 1 次, 按 ×0.5 计 2.5 分",
        "84–182天前: 互动 1 次, 按 ×0.25 计 2 分",
        "活跃度得分 9.5",
        "近12周中有 3 周有互动, 近6个月中有 3 个月有互动",
        "达到“参与”的条件: 得分≥2、近6个月中≥2个月有互动",
        "升到“活跃”还需: 得分≥10、近12周中≥3周有互动 (现为 9.5 分、3 周、3 个月)",
    ]


def test_no_history_is_an_explorer() -> None:
    result = assess([], TODAY)
    assert result.level is ActivityLevel.EXPLORER
    assert explain(result)[-2] == "未达到任何更高等级的条件, 为“观望”"


def test_staff_get_no_level() -> None:
    result = assess(HISTORY, TODAY, staff=True)
    assert result.level is None and result.staff
    assert explain(result) == ["是群管理员 (工作人员), 不参与活跃度分级"]


SIMPLE = ActivityParams(
    weights={K.MESSAGE: 1.0},
    windows=((7, 1.0),),
    presence_weeks=4,
    presence_months=1,
    rules=(LevelRule(ActivityLevel.LEADER, 10, min_weeks=2), LevelRule(ActivityLevel.CONTRIBUTOR, 5),
           LevelRule(ActivityLevel.PARTICIPANT, 1)),
    downgrade_period=Period.MONTH,
    replay_periods=3,
)
#: busy late in October, silent since: a leader on Nov 1 (20 points in the last 7 days, 2 active weeks)
BURST = [(date(2026, 10, 20), K.MESSAGE, 1), (date(2026, 10, 28), K.MESSAGE, 10), (date(2026, 10, 30), K.MESSAGE, 10)]


def test_upgrades_count_at_once() -> None:
    on_first = assess(BURST, date(2026, 11, 1), SIMPLE)
    assert on_first.measure.score == 20 and on_first.measure.active_weeks == 2
    assert on_first.level is ActivityLevel.LEADER
    mid_october = assess(BURST, date(2026, 10, 30), SIMPLE)  # within October, from explorer straight up
    assert (mid_october.carried, mid_october.level) == (ActivityLevel.EXPLORER, ActivityLevel.LEADER)


def test_downgrades_wait_for_the_period_and_go_one_level_at_a_time() -> None:
    held = assess(BURST, date(2026, 11, 20), SIMPLE)
    assert (held.computed, held.level) == (ActivityLevel.EXPLORER, ActivityLevel.LEADER)
    assert explain(held)[-1] == "按现在的互动应为“观望”, 但降级每月初才生效且每次只降一级, 本月保持“核心”"
    assert assess(BURST, date(2026, 12, 5), SIMPLE).level is ActivityLevel.CONTRIBUTOR
    assert assess(BURST, date(2027, 1, 5), SIMPLE).level is ActivityLevel.PARTICIPANT
    assert assess(BURST, date(2027, 2, 5), SIMPLE).level is ActivityLevel.EXPLORER


def test_weekly_periods() -> None:
    assert period_start(date(2026, 11, 20), Period.WEEK) == date(2026, 11, 16)  # a Friday -> Monday
    assert period_start(date(2026, 11, 20), Period.MONTH) == date(2026, 11, 1)
    weekly = replace(SIMPLE, downgrade_period=Period.WEEK)
    # Nov 1 was a Sunday; by Monday Nov 9 the leader computed on Nov 2 has stepped down once
    assert assess(BURST, date(2026, 11, 2), weekly).level is ActivityLevel.LEADER
    assert assess(BURST, date(2026, 11, 9), weekly).level is ActivityLevel.CONTRIBUTOR


def test_tier_suggestions() -> None:
    rules = TierRules()
    assert suggest_tier(MemberFacts(Tier.PROSPECT, 0, 1, 0), rules) == (
        Tier.MEMBER, "目标用户 → 会员: 首次付款下单, 升为会员")
    assert suggest_tier(MemberFacts(Tier.MEMBER, 40, 5, 3), rules) == (
        Tier.PARTNER, "会员 → 合伙人: 已转介绍 3 人 (≥3), 可升为合伙人候选")
    assert suggest_tier(MemberFacts(Tier.PROSPECT, 3, 0, 0), rules) == (
        Tier.FAN, "目标用户 → 粉丝: 在群里发言已达 3 次, 升为粉丝")
    assert suggest_tier(MemberFacts(Tier.PROSPECT, 2, 0, 2), rules) is None
    assert suggest_tier(MemberFacts(Tier.PARTNER, 99, 9, 0), rules) is None  # never down
    assert suggest_tier(MemberFacts(Tier.MEMBER, 99, 0, 0), rules) is None  # fan is below member
    assert suggest_tier(MemberFacts(Tier.FAN, 0, 2, 0), TierRules(paid_orders_for_member=0)) is None  # rule off
    assert suggest_tier(MemberFacts(Tier.FAN, 0, 2, 0), TierRules(paid_orders_for_member=2)) == (
        Tier.MEMBER, "粉丝 → 会员: 已付款订单 2 笔, 升为会员")
