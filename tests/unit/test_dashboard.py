"""The dashboard's figures: KPI cards equal to the boss report's (also per scope), funnel and tiers,
heatmap, sparklines against hand-computed values on the report's small fixture; the calm states
(empty workspace, future period, no data, one day of history, a target of zero); ``qundesk kpi``."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop.__main__ import main
from desktop.domain.dashboard import (
    CompareTarget,
    PeriodState,
    Scope,
    ScopeKind,
    growth,
    heatmap_period,
    moving_average,
    parse_dashboard_period,
    parse_scope,
    preset_period,
)
from desktop.domain.enums import InteractionKind, Platform, Tier
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.reports import DayRow, ReportPeriod
from desktop.domain.segments import SegmentSpec
from desktop.services.dashboard import DashboardService
from desktop.services.demo import build_demo
from desktop.services.interactions import InteractionService
from desktop.services.reports import NO_ORDERS_NOTE, ReportService
from desktop.services.segments import SegmentService
from desktop.store.engine import Database
from desktop.store.models import Group, GroupDayStat, Interaction, Member, Membership, Order, OrderItem
from tests.unit.test_reports import END, START, workspace  # noqa: F401  (the report's fixture, reused)

TODAY = date(2026, 11, 20)
PERIOD = ReportPeriod(START, END)  # 2026-11-02 (Mon) .. 2026-11-08 (Sun)


def figures(report) -> dict[str, tuple[float, float]]:  # type: ignore[no-untyped-def]
    return {f.key: (f.current, f.previous) for f in report.figures}


@pytest.fixture
def fixture(workspace: Database) -> Database:  # noqa: F811
    """The report's workspace plus a referral, a QQ group and message interactions at known hours."""
    with workspace.transaction() as s:
        g1, g2 = s.scalars(select(Group).where(Group.name.in_(["宝妈团购1群", "夜跑兴趣群"])).order_by(Group.id)).all()
        g2.search_key = "夜跑兴趣群"  # what the group service writes; segments search it
        m1 = s.scalar(select(Member).where(Member.nickname == "小太阳🌞"))
        invited = Member(nickname="被邀请的人", referrer_id=m1.id, tier=Tier.MEMBER)
        s.add_all([invited, Group(name="QQ老乡群", platform=Platform.QQ, start_date=date(2026, 1, 1))])
        s.flush()
        s.add(Membership(member_id=invited.id, group_id=g2.id, joined_on=date(2026, 11, 6)))

        def said(at: datetime, group: Group, kind: InteractionKind = InteractionKind.MESSAGE) -> Interaction:
            return Interaction(occurred_at=at, day=at.date(), group_id=group.id, member_id=m1.id, kind=kind)

        s.add_all([said(datetime(2026, 11, 2, 9, 15), g1), said(datetime(2026, 11, 2, 9, 40), g1),
                   said(datetime(2026, 11, 4, 20, 5), g2, InteractionKind.QUESTION),
                   said(datetime(2026, 11, 4, 21, 0), g2, InteractionKind.JOIN),  # not a message
                   said(datetime(2026, 10, 20, 8, 0), g1)])  # before the period
    return workspace


def group_id(db: Database, name: str) -> int:
    with db.transaction() as s:
        return int(s.scalar(select(Group.id).where(Group.name == name)))


# --------------------------------------------------------------------------------------------------
# pure arithmetic


def test_periods_and_scopes() -> None:
    assert preset_period("today", TODAY) == ReportPeriod(TODAY, TODAY)
    assert preset_period("7d", TODAY) == ReportPeriod(date(2026, 11, 14), TODAY)
    assert preset_period("30d", TODAY).days == 30
    assert preset_period("month", TODAY) == ReportPeriod(date(2026, 11, 1), TODAY)
    assert parse_dashboard_period(" 30D ", TODAY) == preset_period("30d", TODAY)
    assert parse_dashboard_period("2026-11-02..2026-11-08", TODAY) == PERIOD
    for bad in ("week", "fortnight", "2026-11-08..2026-11-02"):
        with pytest.raises(ValidationError):
            parse_dashboard_period(bad, TODAY)
    assert parse_scope("all") == Scope()
    assert parse_scope("platform:WeChat") == Scope(ScopeKind.PLATFORM, "wechat")
    assert parse_scope("segment：VIP群").spec == "segment:VIP群"
    assert parse_scope("group:007") == Scope(ScopeKind.GROUP, "7")
    for bad in ("platform:line", "group:x", "group:0", "tier:fan", "segment:"):
        with pytest.raises(ValidationError):
            parse_scope(bad)


def test_moving_average_needs_a_full_week() -> None:
    values = [7, 7, 7, 7, 7, 7, 14, 0]
    assert moving_average(values) == [None] * 6 + [8.0, 7.0]
    # the six lead days feed the first shown day's average
    assert moving_average(values, lead=6) == [8.0, 7.0]
    assert moving_average([5], lead=0) == [None]  # one day of history: no average line at all


def test_weekly_growth_buckets_by_iso_week() -> None:
    days = [DayRow(date(2026, 11, 1) + timedelta(days=i), joins=1, leaves=i % 2) for i in range(10)]
    weeks = growth(days, weekly=True)
    # Sunday 11-01 alone, then Monday 11-02..Sunday 11-08, then 11-09..11-10
    assert [(w.start, w.end, w.joins) for w in weeks] == [
        (date(2026, 11, 1), date(2026, 11, 1), 1), (date(2026, 11, 2), date(2026, 11, 8), 7),
        (date(2026, 11, 9), date(2026, 11, 10), 2)]
    assert sum(w.net for w in weeks) == sum(d.joins - d.leaves for d in days)
    assert heatmap_period(ReportPeriod(date(2026, 10, 1), date(2026, 11, 30))) == \
        ReportPeriod(date(2026, 11, 3), date(2026, 11, 30))


# --------------------------------------------------------------------------------------------------
# KPI figures


def test_kpis_are_the_boss_reports(fixture: Database) -> None:
    service = DashboardService(fixture)
    kpi = service.kpis(PERIOD, today=TODAY)
    report = ReportService(fixture).figures(START, END)
    assert kpi.state is PeriodState.READY and kpi.previous == report.previous
    assert kpi.figures == report.figures
    assert service.overview(PERIOD, today=TODAY).kpi == kpi  # the one-scan path counts the same


def test_kpis_of_one_group_by_hand(fixture: Database) -> None:
    g1 = group_id(fixture, "宝妈团购1群")
    kpi = DashboardService(fixture).kpis(PERIOD, Scope(ScopeKind.GROUP, str(g1)), {"messages": 60}, TODAY)
    f = figures(kpi)
    assert kpi.scope_label == "群：宝妈团购1群"
    assert f["messages"] == (30, 7) and f["joins"] == (3, 1) and f["leaves"] == (1, 0)
    assert f["active_members"] == (1.4, 0.4)  # 10 and 3 member-days over 7 days
    assert f["silent_groups"] == (0, 0)
    assert f["orders"] == (2, 1)  # o1 paid, o2 refunded; o5 unpaid; o6 the week before
    assert f["gmv"] == (5500, 1000) and f["refunds"] == (2000, 0)
    assert f["buyers"] == (1, 1) and f["repeat_buyers"] == (1, 0) and f["repeat_rate"] == (1.0, 0.0)
    assert kpi.figure("messages").progress == 0.5
    overview = DashboardService(fixture).overview(PERIOD, Scope(ScopeKind.GROUP, str(g1)), {"messages": 60},
                                                   today=TODAY)
    assert overview.kpi == kpi
    groups = DashboardService(fixture).group_charts(PERIOD, Scope(ScopeKind.GROUP, str(g1)), TODAY)
    assert [g.name for g in groups.top_groups] == ["宝妈团购1群"] and groups.dormant_groups == ()


def test_kpis_without_orders_leave_business_out_as_the_report_does(fixture: Database) -> None:
    with fixture.transaction() as s:
        s.query(OrderItem).delete()
        s.query(Order).delete()
    kpi = DashboardService(fixture).kpis(PERIOD, today=TODAY)
    report = ReportService(fixture).figures(START, END)
    assert not kpi.has_orders and kpi.figures == report.figures
    assert NO_ORDERS_NOTE in kpi.notes and NO_ORDERS_NOTE in report.notes


def test_platform_and_segment_scopes(fixture: Database) -> None:
    service = DashboardService(fixture)
    qq = service.kpis(PERIOD, Scope(ScopeKind.PLATFORM, "qq"), today=TODAY)
    assert qq.state is PeriodState.NO_DATA and figures(qq)["silent_groups"] == (1, 1)
    assert figures(qq)["orders"] == (0, 0)
    SegmentService(fixture).create("夜跑", SegmentSpec(text="夜跑"))
    night = service.kpis(PERIOD, Scope(ScopeKind.SEGMENT, "夜跑"), today=TODAY)
    assert night.scope_label == "分组：夜跑"
    assert figures(night)["messages"] == (5, 0) and figures(night)["orders"] == (2, 0)
    with pytest.raises(NotFoundError):
        service.kpis(PERIOD, Scope(ScopeKind.SEGMENT, "没有这个"), today=TODAY)
    with pytest.raises(NotFoundError):
        service.kpis(PERIOD, Scope(ScopeKind.GROUP, "999"), today=TODAY)


def test_target_of_zero_shows_no_progress(fixture: Database) -> None:
    kpi = DashboardService(fixture).kpis(PERIOD, targets={"messages": 0, "gmv": 90}, today=TODAY)
    assert kpi.figure("messages").target == 0 and kpi.figure("messages").progress is None
    assert kpi.figure("gmv").progress == pytest.approx(1.0)  # ¥90 target, 9000 cents


# --------------------------------------------------------------------------------------------------
# charts


def test_funnel_tiers_by_hand(fixture: Database) -> None:
    service = DashboardService(fixture)
    people = service.people(PERIOD, today=TODAY)
    # in a group during the week: 小太阳 and 老客 (g1), 跑者 and the invited newcomer (g2)
    assert people.reached == 4 and people.referrers == 1
    assert {t.tier: t.count for t in people.tiers} == {"prospect": 2, "fan": 1, "member": 1, "partner": 0}
    steps = people.funnel(service.kpis(PERIOD, today=TODAY))
    assert [(s.label, s.count) for s in steps] == [("引流", 4), ("成交", 3), ("复购", 1), ("裂变", 1)]
    assert [s.rate for s in steps] == [None, 0.75, pytest.approx(1 / 3), 0.25]


def test_heatmap_counts_messages_by_weekday_and_hour(fixture: Database) -> None:
    heatmap = DashboardService(fixture).heatmap(PERIOD, today=TODAY)
    assert heatmap.period == PERIOD and heatmap.total == 3
    assert heatmap.counts[0][9] == 2  # Monday 09:00-10:00
    assert heatmap.counts[2][20] == 1  # Wednesday 20:00-21:00 (a question counts as a message)
    g2 = group_id(fixture, "夜跑兴趣群")
    assert DashboardService(fixture).heatmap(PERIOD, Scope(ScopeKind.GROUP, str(g2)), TODAY).total == 1


def test_overview_series(fixture: Database) -> None:
    g1 = group_id(fixture, "宝妈团购1群")
    d = DashboardService(fixture).overview(
        PERIOD, compare=[CompareTarget(ScopeKind.GROUP, g1, "宝妈团购1群")], today=TODAY)
    assert d.chart_period == PERIOD and d.data_start == date(2026, 10, 27)
    assert d.trend is not None and d.trend.days == tuple(PERIOD.each_day())
    assert d.trend.messages == (10, 5, 0, 20, 0, 0, 0)
    # 11-02's average covers 10-27..11-02: 7 + 10 messages over 7 days
    assert d.trend.messages_avg[0] == pytest.approx(17 / 7)
    assert sum(b.joins for b in d.growth) == 6 and not d.growth_weekly
    assert [r.gmv_cents for r in d.days] == [3500, 0, 2000, 0, 2500, 1000, 0]
    assert d.compare[0].messages == (10, 0, 0, 20, 0, 0, 0)
    groups = DashboardService(fixture).group_charts(PERIOD, today=TODAY)
    assert [g.name for g in groups.top_groups] == ["宝妈团购1群", "夜跑兴趣群"]
    assert [g.name for g in groups.dormant_groups] == ["老客沉默群", "QQ老乡群"]
    shares = {p.platform: p for p in groups.platforms}
    assert shares["wechat"].messages == 35 and shares["wechat"].share == 1.0 and shares["qq"].groups == 1
    with pytest.raises(ValidationError):
        DashboardService(fixture).overview(PERIOD, compare=[CompareTarget(ScopeKind.GROUP, g1, "x")] * 6)


def test_sparklines_in_one_query(fixture: Database) -> None:
    g1, g2 = group_id(fixture, "宝妈团购1群"), group_id(fixture, "夜跑兴趣群")
    sparks = DashboardService(fixture).sparklines(today=END)
    assert set(sparks) == {g1, g2}  # groups quiet for 30 days are left out
    assert len(sparks[g1]) == 30 and sum(sparks[g1]) == 37 and sparks[g1][-7] == 10 and sparks[g1][-4] == 20
    assert sparks[g2][-6] == 5


# --------------------------------------------------------------------------------------------------
# calm states


def test_empty_workspace(db: Database) -> None:
    service = DashboardService(db)
    d = service.overview(preset_period("30d", TODAY), today=TODAY)
    assert d.state is PeriodState.EMPTY_WORKSPACE and d.chart_period is None and d.kpi.figures == ()
    assert d.kpi.notes and service.people(PERIOD, today=TODAY).reached == 0
    assert service.heatmap(PERIOD, today=TODAY).total == 0 and service.sparklines(TODAY) == {}


def test_future_and_unfinished_periods(fixture: Database) -> None:
    service = DashboardService(fixture)
    future = service.overview(ReportPeriod(date(2026, 12, 1), date(2026, 12, 31)), today=TODAY)
    assert future.state is PeriodState.FUTURE and future.kpi.period is None and future.trend is None
    assert service.heatmap(ReportPeriod(date(2026, 12, 1), date(2026, 12, 31)), today=TODAY).period is None
    # a period running past today is counted up to today, and says so
    running = service.kpis(ReportPeriod(date(2026, 11, 2), date(2026, 11, 30)), today=date(2026, 11, 8))
    assert running.period == PERIOD and any("统计到今天" in n for n in running.notes)
    assert figures(running) == figures(service.kpis(PERIOD, today=TODAY))


def test_no_data_and_one_day_of_history(db: Database) -> None:
    with db.transaction() as s:
        group = Group(name="新群", start_date=TODAY)
        s.add(group)
        s.flush()
        service = DashboardService(db)
    assert service.overview(preset_period("30d", TODAY), today=TODAY).state is PeriodState.NO_DATA
    with db.transaction() as s:
        s.add(GroupDayStat(group_id=group.id, day=TODAY, messages=12, active_members=3, joins=2))
    d = service.overview(preset_period("30d", TODAY), today=TODAY)
    assert d.state is PeriodState.READY and d.chart_period == ReportPeriod(TODAY, TODAY)
    assert d.trend is not None and d.trend.messages == (12,) and d.trend.messages_avg == (None,)
    assert figures(d.kpi)["messages"] == (12, 0) and d.kpi.figure("messages").change is None


# --------------------------------------------------------------------------------------------------
# the demo: day stats agree with the interactions; the CLI prints the service's figures


def test_demo_day_stats_equal_a_recount_and_the_dashboard_reads_them(db: Database) -> None:
    build_demo(db, groups=8, members=120, days=30, today=TODAY)
    recount = InteractionService(db).recount_day_stats()
    with db.transaction() as s:
        stored = {(r.group_id, r.day): (r.messages, r.active_members, r.joins, r.leaves)
                  for r in s.scalars(select(GroupDayStat))}
    assert stored == {cell: (c.messages, c.active_members, c.joins, c.leaves) for cell, c in recount.items()}
    period = preset_period("30d", TODAY)
    d = DashboardService(db).overview(period, today=TODAY)
    in_period = [c for (g, day), c in recount.items() if period.start <= day <= period.end]
    assert d.kpi.figure("messages").current == sum(c.messages for c in in_period)
    assert sum(d.trend.messages) == sum(c.messages for c in in_period)  # type: ignore[union-attr]


def test_cli_kpi_json_equals_the_service(fixture: Database, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(fixture.url.database)
    code = main(["kpi", "--db", path, "--period", "2026-11-02..2026-11-08", "--scope", "all",
                 "--target", "gmv=180", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    expected = DashboardService(fixture).kpis(PERIOD, Scope(), {"gmv": 180.0}, date.today()).as_json()
    assert out == json.loads(json.dumps(expected))
    assert {f["key"]: f["value"] for f in out["figures"]}["gmv"] == 9000
    assert main(["kpi", "--db", path, "--period", "2026-11-02..2026-11-08"]) == 0
    assert "消息数" in capsys.readouterr().out
    assert main(["kpi", "--db", path, "--scope", "segment:没有"]) == 1
    assert "没有名为“没有”的分组" in capsys.readouterr().err
