"""The boss report: period arithmetic, figures against a hand-computed fixture, the workbook read back."""

from __future__ import annotations

import argparse
import json
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import func, select

from desktop import cli_export
from desktop.domain.enums import GroupStatus, PaymentStatus, Tier
from desktop.domain.errors import ValidationError
from desktop.domain.progress import Cancelled, CancelToken
from desktop.domain.reports import (
    ReportFigures,
    ReportPeriod,
    change_ratio,
    last_iso_week,
    last_month,
    parse_period,
    target_progress,
)
from desktop.io.report_workbook import (
    SHEET_DAYS,
    SHEET_DORMANT,
    SHEET_GROUPS,
    SHEET_NEW,
    SHEET_PICKUPS,
    SHEET_PRODUCTS,
    SHEET_SUMMARY,
    SHEET_TIERS,
    SHEET_TOP,
    SUMMARY_HEADER_ROW,
    write_report,
)
from desktop.services.demo import build_demo
from desktop.services.reports import ReportService, day_rows, period_figures
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

START, END = date(2026, 11, 2), date(2026, 11, 8)  # Monday to Sunday


# --------------------------------------------------------------------------------------------------
# pure arithmetic


def test_periods() -> None:
    thursday = date(2026, 11, 12)
    assert last_iso_week(thursday) == ReportPeriod(START, END)
    assert last_iso_week(date(2026, 11, 9)) == ReportPeriod(START, END)  # on Monday: the week just ended
    assert last_month(thursday) == ReportPeriod(date(2026, 10, 1), date(2026, 10, 31))
    assert last_month(date(2026, 1, 5)) == ReportPeriod(date(2025, 12, 1), date(2025, 12, 31))
    assert parse_period("week", thursday) == ReportPeriod(START, END)
    assert parse_period(" MONTH ", thursday).days == 31
    assert parse_period("2026-11-01..2026/11/30", thursday) == ReportPeriod(date(2026, 11, 1), date(2026, 11, 30))
    assert parse_period("20261101..20261101", thursday).days == 1
    # the comparison period has the same length and ends the day before
    assert ReportPeriod(START, END).previous() == ReportPeriod(date(2026, 10, 26), date(2026, 11, 1))
    october = ReportPeriod(date(2026, 10, 1), date(2026, 10, 31))
    assert october.previous() == ReportPeriod(date(2026, 8, 31), date(2026, 9, 30))


@pytest.mark.parametrize("text", ["fortnight", "2026-11-30..2026-11-01", "2026-02-30..2026-03-01", "x..y",
                                  "2000-01-01..2026-01-01"])
def test_bad_periods(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_period(text, date(2026, 11, 12))


def test_change_and_progress() -> None:
    assert change_ratio(35, 7) == 4.0
    assert change_ratio(5, 10) == -0.5
    assert change_ratio(3, 0) is None
    assert change_ratio(-2, -4) == 0.5
    assert target_progress(35, 70) == 0.5
    assert target_progress(35, 0) is None
    assert target_progress(35, None) is None


# --------------------------------------------------------------------------------------------------
# a small workspace with hand-computed figures


def _stat(group: Group, day: date, messages: int, active: int, joins: int, leaves: int) -> GroupDayStat:
    return GroupDayStat(group_id=group.id, day=day, messages=messages, active_members=active, joins=joins,
                        leaves=leaves)


def _order(no: str, member: Member | None, group: Group, point: PickupPoint, day: date, amount: int,
           status: PaymentStatus, refund: int = 0, phone: str = "") -> Order:
    return Order(external_no=no, member_id=member.id if member else None, group_id=group.id,
                 pickup_point_id=point.id, placed_at=datetime.combine(day, datetime.min.time()), day=day,
                 amount_cents=amount, refund_cents=refund, payment_status=status, buyer_phone=phone)


@pytest.fixture
def workspace(db: Database) -> Database:
    with db.transaction() as s:
        g1 = Group(name="宝妈团购1群", start_date=date(2026, 1, 1), owner="小王", member_count=120)
        g2 = Group(name="夜跑兴趣群", start_date=date(2026, 1, 1))
        g3 = Group(name="老客沉默群", start_date=date(2026, 1, 1))
        g4 = Group(name="已归档群", start_date=date(2026, 1, 1), status=GroupStatus.ARCHIVED,
                   archived_at=datetime(2026, 10, 1))
        g5 = Group(name="未来的群", start_date=date(2026, 11, 20))
        s.add_all([g1, g2, g3, g4, g5])
        s.flush()
        s.add_all([
            _stat(g1, date(2026, 11, 2), 10, 4, 2, 0), _stat(g1, date(2026, 11, 5), 20, 6, 1, 1),
            _stat(g2, date(2026, 11, 3), 5, 2, 0, 2), _stat(g2, date(2026, 11, 4), 0, 0, 3, 0),
            _stat(g1, date(2026, 10, 27), 7, 3, 1, 0),
            _stat(g1, date(2026, 11, 9), 99, 9, 9, 9),  # after the period: must not count
        ])
        m1 = Member(nickname="小太阳🌞", phone="13812345678", tier=Tier.FAN)
        m2 = Member(nickname="=跑者", phone="13900002222")
        m3 = Member(nickname="老客")
        s.add_all([m1, m2, m3])
        s.flush()
        s.add_all([
            Membership(member_id=m1.id, group_id=g1.id, joined_on=date(2026, 11, 3)),
            Membership(member_id=m2.id, group_id=g2.id, joined_on=date(2026, 11, 5)),
            Membership(member_id=m3.id, group_id=g1.id, joined_on=date(2026, 10, 20)),
        ])
        s.add_all([
            AuditLog(at=datetime(2026, 11, 4, 10), action="set_tier", entity="member", entity_id=m1.id,
                     detail_json=json.dumps({"from": "prospect", "to": "fan", "reason": "首单"}, ensure_ascii=False)),
            AuditLog(at=datetime(2026, 10, 20, 10), action="set_tier", entity="member", entity_id=m3.id,
                     detail_json=json.dumps({"from": "prospect", "to": "fan", "reason": ""})),
        ])
        campaign = Campaign(title="11月第1周水果团")
        p1, p2 = PickupPoint(name="东门便利店", address="东门1号"), PickupPoint(name="西区快递柜")
        s.add_all([campaign, p1, p2])
        s.flush()
        apple = Product(campaign_id=campaign.id, name="苹果", spec="5斤", price_cents=1000)
        pear = Product(campaign_id=campaign.id, name="香梨", spec="3斤", price_cents=2500)
        s.add_all([apple, pear])
        s.flush()
        orders = [
            (_order("o1", m1, g1, p1, date(2026, 11, 2), 3500, PaymentStatus.PAID), [(apple, 1), (pear, 1)]),
            (_order("o2", m1, g1, p1, date(2026, 11, 4), 2000, PaymentStatus.REFUNDED, refund=2000), [(apple, 2)]),
            (_order("o3", m2, g2, p2, date(2026, 11, 6), 2500, PaymentStatus.PAID), [(pear, 1)]),
            (_order("o4", None, g2, p2, date(2026, 11, 7), 1000, PaymentStatus.PAID, phone="13900001111"),
             [(apple, 1)]),
            (_order("o5", m3, g1, p1, date(2026, 11, 7), 9999, PaymentStatus.UNPAID), [(apple, 1)]),
            (_order("o6", m2, g1, p1, date(2026, 10, 30), 1000, PaymentStatus.PAID), [(apple, 1)]),
        ]
        for order, items in orders:
            s.add(order)
            s.flush()
            s.add_all(OrderItem(order_id=order.id, product_id=p.id, quantity=q, unit_price_cents=p.price_cents,
                                amount_cents=q * p.price_cents) for p, q in items)
    return db


@pytest.fixture
def report(workspace: Database) -> ReportFigures:
    return ReportService(workspace).figures(START, END, {"messages": 70, "gmv": 180.0})


def test_engagement_figures(report: ReportFigures) -> None:
    f = {fig.key: (fig.current, fig.previous) for fig in report.figures}
    assert f["messages"] == (35, 7)
    assert f["active_members"] == (1.7, 0.4)  # 12 and 3 member-days over 7 days
    assert f["joins"] == (6, 1)
    assert f["leaves"] == (3, 0)
    assert f["net_growth"] == (3, 1)
    # silent: 老客沉默群 now; 夜跑兴趣群 and 老客沉默群 before (archived and not-yet-started groups never count)
    assert f["silent_groups"] == (1, 2)
    messages = report.figure("messages")
    assert messages.change == 4.0 and messages.target == 70 and messages.progress == 0.5


def test_business_figures(report: ReportFigures) -> None:
    f = {fig.key: (fig.current, fig.previous) for fig in report.figures}
    assert f["orders"] == (4, 1)  # the unpaid order is not counted
    assert f["gmv"] == (9000, 1000)
    assert f["refunds"] == (2000, 0)
    assert f["net_gmv"] == (7000, 1000)
    assert f["buyers"] == (3, 1)  # two members and one phone-only buyer
    assert f["repeat_buyers"] == (1, 0)
    assert f["repeat_rate"] == (pytest.approx(1 / 3), 0.0)
    gmv = report.figure("gmv")
    assert gmv.target == 18000 and gmv.progress == 0.5
    assert report.figure("orders").target is None and report.figure("orders").progress is None


def test_tables(report: ReportFigures) -> None:
    by_name = {g.name: g for g in report.groups}
    assert set(by_name) == {"宝妈团购1群", "夜跑兴趣群", "老客沉默群"}
    g1 = by_name["宝妈团购1群"]
    assert (g1.messages, g1.active_days, g1.joins, g1.leaves, g1.orders, g1.gmv_cents) == (30, 2, 3, 1, 2, 5500)
    assert (g1.last_active, g1.silent_days) == (date(2026, 11, 5), 3)
    assert by_name["老客沉默群"].last_active is None
    assert [g.name for g in report.top_groups] == ["宝妈团购1群", "夜跑兴趣群"]
    assert [g.name for g in report.dormant_groups] == ["老客沉默群"]
    assert [(m.nickname, m.group_name, m.joined_on) for m in report.new_members] == [
        ("小太阳🌞", "宝妈团购1群", date(2026, 11, 3)), ("=跑者", "夜跑兴趣群", date(2026, 11, 5))]
    assert [(t.nickname, t.from_tier, t.to_tier, t.reason) for t in report.tier_changes] == [
        ("小太阳🌞", "目标用户", "粉丝", "首单")]
    assert [(p.product, p.quantity, p.orders, p.amount_cents) for p in report.products] == [
        ("香梨", 2, 2, 5000), ("苹果", 4, 3, 4000)]
    assert [(p.name, p.orders, p.buyers, p.amount_cents, p.refund_cents) for p in report.pickup_points] == [
        ("东门便利店", 2, 1, 5500, 2000), ("西区快递柜", 2, 1, 3500, 0)]
    assert len(report.days) == 7
    assert [d.messages for d in report.days] == [10, 5, 0, 20, 0, 0, 0]
    assert [d.orders for d in report.days] == [1, 0, 1, 0, 1, 1, 0]


def test_one_computation_behind_the_report_and_the_dashboard(workspace: Database) -> None:
    """period_figures is what ``qundesk report`` and the dashboard's cards both count with; the day rows
    the dashboard reads for its charts give the same figures as the totals' own scans."""
    period = ReportPeriod(START, END)
    targets = {"messages": 70, "gmv": 180.0}
    with workspace.transaction() as s:
        scanned = period_figures(s, period, targets)
        rows = day_rows(s, ReportPeriod(period.previous().start, period.end))
        from_rows = period_figures(s, period, targets, rows=rows)
    report = ReportService(workspace).figures(START, END, targets)
    assert scanned == from_rows
    assert scanned.figures == report.figures and scanned.previous == report.previous
    assert scanned.has_orders and scanned.notes == () and scanned.business is not None
    assert scanned.engagement.messages == 35 and scanned.business.orders == 4


def test_unknown_target_is_refused(workspace: Database) -> None:
    with pytest.raises(ValidationError):
        ReportService(workspace).figures(START, END, {"gvm": 1.0})


# --------------------------------------------------------------------------------------------------
# the workbook


def _charts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return sorted(archive.read(n).decode() for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))


def test_workbook_reads_back(report: ReportFigures, tmp_path: Path) -> None:
    out = write_report(report, tmp_path / "周报.xlsx")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [SHEET_SUMMARY, SHEET_DAYS, SHEET_GROUPS, SHEET_TOP, SHEET_DORMANT, SHEET_NEW,
                               SHEET_TIERS, SHEET_PRODUCTS, SHEET_PICKUPS]
    summary = book[SHEET_SUMMARY]
    rows = {row[1].value: row for row in summary.iter_rows(min_row=SUMMARY_HEADER_ROW + 2)
            if row[1].value is not None}
    messages = rows["消息数"]
    assert [c.value for c in messages[2:7]] == [35, 7, 4.0, 70, 0.5]
    gmv = rows["成交额 (GMV)"]
    assert [c.value for c in gmv[2:7]] == [90, 10, 8.0, 180, 0.5]
    assert gmv[2].number_format == "¥#,##0.00"
    assert rows["复购率"][2].number_format == "0.0%"
    assert rows["订单数"][5].value == "—"  # no target is not a target of zero
    assert rows["入群人数"][2].value == 6

    frames = pd.read_excel(out, sheet_name=None, engine="calamine", dtype=object)
    assert frames[SHEET_GROUPS]["消息数"].tolist() == [30, 5, 0]
    assert frames[SHEET_TOP]["群名称"].tolist() == ["宝妈团购1群", "夜跑兴趣群"]
    assert frames[SHEET_DORMANT]["沉默天数"].tolist() == ["从未发言"]
    assert frames[SHEET_NEW]["手机号"].tolist() == ["138****5678", "139****2222"]
    assert frames[SHEET_NEW]["昵称"].tolist() == ["小太阳🌞", "'=跑者"]  # quoted against formula injection
    assert frames[SHEET_TIERS]["新等级"].tolist() == ["粉丝"]
    assert frames[SHEET_PRODUCTS]["金额"].tolist() == [50, 40]
    assert frames[SHEET_PICKUPS]["自提点"].tolist() == ["东门便利店", "西区快递柜"]
    assert frames[SHEET_DAYS]["消息数"].sum() == 35

    days = book[SHEET_DAYS]
    assert days.freeze_panes == "A2" and days.auto_filter.ref == "A1:G8"
    charts = _charts(out)
    assert len(charts) == 3
    kinds = sorted(re.search(r"<c:(lineChart|barChart)>", c).group(1) + ("/col" if 'barDir val="col"' in c else "")
                   for c in charts)
    assert kinds == ["barChart", "barChart/col", "lineChart"]
    line = next(c for c in charts if "<c:lineChart>" in c)
    assert "每日!$B$2:$B$8" in line and "每日!$C$2:$C$8" in line


def test_workbook_without_orders(workspace: Database, tmp_path: Path) -> None:
    with workspace.transaction() as s:
        s.query(OrderItem).delete()
        s.query(Order).delete()
    report = ReportService(workspace).figures(START, END)
    assert not report.has_orders and "orders" not in {f.key for f in report.figures}
    out = write_report(report, tmp_path / "r.xlsx")
    assert SHEET_PRODUCTS not in openpyxl.load_workbook(out).sheetnames
    assert len(_charts(out)) == 2  # no orders-per-day chart


def test_empty_workspace_report(db: Database, tmp_path: Path) -> None:
    report = ReportService(db).figures(START, END)
    assert report.groups == () and report.figure("messages").current == 0
    assert report.figure("messages").change is None
    out = write_report(report, tmp_path / "empty.xlsx")
    assert pd.read_excel(out, sheet_name=SHEET_GROUPS, engine="calamine").empty


def test_write_report_cancel_leaves_nothing(report: ReportFigures, tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        write_report(report, tmp_path / "r.xlsx", cancel=token)
    assert list(tmp_path.glob("*.xlsx")) == []  # neither the report nor its temporary twin
    with pytest.raises(ValidationError):
        write_report(report, tmp_path / "r.csv")


def test_demo_report_smoke(db: Database, tmp_path: Path) -> None:
    today = date(2026, 11, 20)
    build_demo(db, groups=40, members=1500, days=60, today=today)
    period = parse_period("month", today)
    report = ReportService(db).figures(period.start, period.end)
    with db.transaction() as s:
        messages = s.scalar(select(func.sum(GroupDayStat.messages)).where(GroupDayStat.day.between(period.start,
                                                                                                   period.end)))
        paid = s.scalar(select(func.count()).select_from(Order).where(
            Order.day.between(period.start, period.end),
            Order.payment_status.in_([PaymentStatus.PAID, PaymentStatus.REFUNDED])))
    assert report.figure("messages").current == messages > 0
    assert report.has_orders and report.figure("orders").current == paid
    assert len(report.top_groups) == 20
    out = write_report(report, tmp_path / "demo.xlsx")
    frames = pd.read_excel(out, sheet_name=None, engine="calamine")
    assert frames[SHEET_DAYS]["消息数"].sum() == messages
    assert frames[SHEET_PRODUCTS]["订单数"].sum() >= 1
    assert len(_charts(out)) == 3


def test_cli_report(workspace: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="qundesk")
    cli_export.add_commands(parser.add_subparsers(dest="command"))
    out = tmp_path / "r.xlsx"
    args = parser.parse_args(["report", "--period", "2026-11-02..2026-11-08", "--out", str(out),
                              "--target", "gmv=180", "--target", "messages=70"])
    assert cli_export.run(workspace, args) == 0
    assert "报告已保存" in capsys.readouterr().out
    summary = pd.read_excel(out, sheet_name=SHEET_SUMMARY, header=SUMMARY_HEADER_ROW, engine="calamine")
    assert summary.set_index("指标").loc["成交额 (GMV)", "完成度"] == 0.5
    with pytest.raises(SystemExit):
        parser.parse_args(["report", "--out", str(out), "--target", "nope=1"])
