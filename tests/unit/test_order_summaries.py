"""Summaries equal a recount in Python; the sheets, the print HTML / PDF and the CLI commands."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import insert

from desktop.__main__ import main
from desktop.domain.enums import FulfilmentStatus, PaymentStatus
from desktop.domain.orders import (
    LIVE_PAYMENTS,
    VALID_PAYMENTS,
    CampaignDraft,
    OrderDraft,
    OrderItemDraft,
    PickupPointDraft,
    ProductDraft,
)
from desktop.io.order_sheets import TICK, pickup_html, write_pickup_sheets, write_supplier_sheet
from desktop.services.order_summaries import OrderSummaryService
from desktop.services.orders import OrderService, buyer_key
from desktop.store.engine import open_database
from desktop.store.models import Group

BUYERS = [("王芳", "13800138000"), ("李雷", "13900139000"), ("韩梅梅", ""), ("Lily", "13700137000"),
          ("赵六", "13600136000"), ("钱七", "")]


def build(db, seed: int = 7) -> tuple[list[int], list[int]]:
    """Two campaigns, three groups, two pickup points, ~80 orders with every status."""
    rng = random.Random(seed)
    svc = OrderService(db)
    with db.transaction() as session:
        groups = [session.execute(insert(Group).values(name=f"团购{n}群", search_key="")).inserted_primary_key[0]
                  for n in range(1, 4)]
    points = [svc.create_pickup_point(PickupPointDraft("阳光花园自提点", "阳光花园3栋", "王姐", "13912345678")).id,
              svc.create_pickup_point(PickupPointDraft("翠苑")).id]
    campaigns = []
    for n, leader in enumerate(("王姐", "李姐")):
        c = svc.create_campaign(CampaignDraft(f"第{n + 1}期水果团", leader, open_at=datetime(2026, 11, 1 + 7 * n),
                                              pickup_point_ids=tuple(points)),
                                [ProductDraft("脐橙", "5斤", 2500, 1800), ProductDraft("苹果", "", 990, 600),
                                 ProductDraft("草莓", "1盒", 3000, 2100)])
        campaigns.append(c.id)
        products = [p.id for p in c.products]
        for k in range(40):
            name, phone = rng.choice(BUYERS)
            items = tuple(OrderItemDraft(pid, rng.randint(1, 3)) for pid in rng.sample(products, rng.randint(1, 3)))
            status = rng.choice(list(PaymentStatus))
            draft = OrderDraft(c.id, items, buyer_name=name, buyer_phone=phone, group_id=rng.choice([*groups, None]),
                               pickup_point_id=rng.choice([*points, None]), payment_status=status,
                               placed_at=datetime(2026, 11, 1 + 7 * n) + timedelta(hours=k),
                               building=rng.choice(["", "9栋", "10栋", "2栋"]), room=rng.choice(["", "101", "1202"]))
            order = svc.create_order(draft)
            if rng.random() < 0.3:
                svc.set_fulfilment_status([order.row.id], FulfilmentStatus.PICKED_UP)
    return campaigns, points


def _details(db, campaign_id: int | None = None):
    svc = OrderService(db)
    return [svc.order(i) for i in svc.order_ids(campaign_id)]


def test_product_pickup_group_and_reconciliation_equal_a_recount(db) -> None:
    campaigns, points = build(db)
    summary = OrderSummaryService(db)
    for cid in campaigns:
        details = _details(db, cid)
        live = [d for d in details if d.row.payment_status in LIVE_PAYMENTS]
        expected: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
        for d in live:
            for item in d.items:
                expected[item.product_id][0] += item.quantity
                expected[item.product_id][1] += 1
                expected[item.product_id][2] += item.amount_cents
        products = summary.products(cid)
        assert {p.product_id: [p.quantity, p.orders, p.amount_cents] for p in products if p.quantity} == dict(expected)
        costs = {p.id: p.cost_cents for p in OrderService(db).campaign(cid).products}
        assert all(p.cost_cents == p.quantity * costs[p.product_id] for p in products)
        assert all(p.margin_cents == p.amount_cents - p.cost_cents for p in products)
        for payments in (VALID_PAYMENTS, (PaymentStatus.PAID,), tuple(PaymentStatus)):
            recount: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
            for d in details:
                if d.row.payment_status in payments:
                    for item in d.items:
                        recount[item.product_id][0] += item.quantity
                        recount[item.product_id][1] += 1
                        recount[item.product_id][2] += item.amount_cents
            assert {p.product_id: [p.quantity, p.orders, p.amount_cents]
                    for p in summary.products(cid, payments) if p.orders} == dict(recount)

        by_point = {s.pickup_point_id: s for s in summary.pickup_points(cid)}
        for pid in [*points, None]:
            mine = [d for d in live if d.row.pickup_point_id == pid]
            s = by_point[pid]
            assert (s.orders, s.amount_cents, s.quantity) == (
                len(mine), sum(d.row.amount_cents for d in mine), sum(d.row.quantity for d in mine))
            assert s.buyers == len({buyer_key(d.row.member_id, d.row.buyer_phone, d.row.buyer_name) for d in mine})
            assert s.picked_up == sum(d.row.fulfilment_status is not FulfilmentStatus.WAITING for d in mine)

        counted = [d for d in details if d.row.payment_status is not PaymentStatus.CANCELLED]
        groups = {g.group_id: g for g in summary.groups(cid)}
        for gid in {d.row.group_id for d in counted}:
            mine = [d for d in counted if d.row.group_id == gid]
            assert (groups[gid].orders, groups[gid].amount_cents, groups[gid].refund_cents) == (
                len(mine), sum(d.row.amount_cents for d in mine), sum(d.row.refund_cents for d in mine))

        rec = summary.reconciliation(cid)
        paid = [d for d in details if d.row.payment_status in VALID_PAYMENTS]
        unpaid = [d for d in details if d.row.payment_status is PaymentStatus.UNPAID]
        assert (rec.paid_orders, rec.paid_cents, rec.refund_cents) == (
            len(paid), sum(d.row.amount_cents for d in paid), sum(d.row.refund_cents for d in paid))
        assert (rec.unpaid_orders, rec.unpaid_cents) == (len(unpaid), sum(d.row.amount_cents for d in unpaid))
        assert rec.cancelled_orders == sum(d.row.payment_status is PaymentStatus.CANCELLED for d in details)
        owed: dict[str, int] = defaultdict(int)
        for d in unpaid:
            owed[buyer_key(d.row.member_id, d.row.buyer_phone, d.row.buyer_name)] += d.row.amount_cents
        assert sorted(x.amount_cents for x in rec.owing) == sorted(owed.values())
        assert rec.received_cents == rec.paid_cents - rec.refund_cents


def test_leaders_and_repurchase_equal_a_recount(db) -> None:
    campaigns, _ = build(db)
    summary = OrderSummaryService(db)
    leaders = {s.leader: s for s in summary.leaders()}
    for cid, leader in zip(campaigns, ("王姐", "李姐"), strict=True):
        counted = [d for d in _details(db, cid) if d.row.payment_status is not PaymentStatus.CANCELLED]
        assert (leaders[leader].campaigns, leaders[leader].orders, leaders[leader].amount_cents) == (
            1, len(counted), sum(d.row.amount_cents for d in counted))
    buyers: dict[int, set[str]] = {}
    for cid in campaigns:
        buyers[cid] = {buyer_key(d.row.member_id, d.row.buyer_phone, d.row.buyer_name) for d in _details(db, cid)
                       if d.row.payment_status in VALID_PAYMENTS}
    result = summary.repurchase()
    first, second = result.per_campaign
    assert (first.campaign_id, first.buyers, first.returning) == (campaigns[0], len(buyers[campaigns[0]]), 0)
    assert (second.buyers, second.returning) == (len(buyers[campaigns[1]]),
                                                 len(buyers[campaigns[1]] & buyers[campaigns[0]]))
    everyone = buyers[campaigns[0]] | buyers[campaigns[1]]
    assert result.buyers == len(everyone)
    assert result.repeat_buyers == len(buyers[campaigns[0]] & buyers[campaigns[1]])
    assert 0 < result.rate <= 1


def test_pickup_lists_sort_by_building_and_mask_phones(db) -> None:
    campaigns, _ = build(db)
    lists = OrderSummaryService(db).pickup_lists(campaigns[0])
    assert lists[-1].name == "（未指定自提点）"
    for point in lists:
        keyed = [(r.building == "", r.building, r.room) for r in point.rows]
        buildings = [r.building for r in point.rows if r.building]
        assert buildings == sorted(buildings, key=lambda b: int(b.removesuffix("栋")))
        assert keyed[0][0] is False or all(k[0] for k in keyed)
        assert all("****" in r.phone_masked for r in point.rows if r.phone_masked)
    document = pickup_html("第1期水果团", lists)
    for _, phone in BUYERS:
        if phone:
            assert phone not in document
    assert "13912345678" not in document and "139****5678" in document
    assert document.count("page-break-before") == len(lists) - 1 and TICK in document


def _one_point_campaign(db) -> tuple[OrderService, int, int, int]:
    """A campaign with one product and one pickup point: (service, campaign, product, point)."""
    svc = OrderService(db)
    point = svc.create_pickup_point(PickupPointDraft("阳光花园自提点")).id
    campaign = svc.create_campaign(CampaignDraft("楼号房号团", "王姐", pickup_point_ids=(point,)),
                                   [ProductDraft("脐橙", "5斤", 2500, 1800)])
    return svc, campaign.id, campaign.products[0].id, point


def test_pickup_lists_sort_rooms_in_a_building_as_numbers(db) -> None:
    """Within one building the rooms go 2, 10, 101, 1202 (digit runs compared as numbers, as the
    buildings are), not 10, 101, 1202, 2 as text; the same room sorts by name; no building goes last."""
    svc, campaign, product, point = _one_point_campaign(db)
    written = [("B", "3栋", "101"), ("C", "12栋", "1"), ("D", "3栋", "10"), ("E", "", "5"), ("F", "3栋", "1202"),
               ("G", "3栋", "2"), ("A", "3栋", "2"), ("H", "9栋", "10")]
    for name, building, room in written:
        svc.create_order(OrderDraft(campaign, (OrderItemDraft(product, 1),), buyer_name=name,
                                    pickup_point_id=point, building=building, room=room))
    (listed,) = OrderSummaryService(db).pickup_lists(campaign)
    assert [(r.building, r.room, r.buyer_name) for r in listed.rows] == [
        ("3栋", "2", "A"), ("3栋", "2", "G"), ("3栋", "10", "D"), ("3栋", "101", "B"), ("3栋", "1202", "F"),
        ("9栋", "10", "H"), ("12栋", "1", "C"), ("", "5", "E")]
    # the printed list keeps that order
    document = pickup_html("楼号房号团", [listed])
    positions = [document.index(f">{r.buyer_name}<") for r in listed.rows]
    assert positions == sorted(positions)


def test_pickup_lists_sort_buildings_and_numbers_of_text_and_digits(db) -> None:
    """Building names that start with a letter beside ones that start with a digit, and a quick-entry
    order ("#id") beside a numbered one of the same buyer, still make a list."""
    svc, campaign, product, point = _one_point_campaign(db)
    for name, building, number in (("甲", "B座", None), ("乙", "10栋", None), ("小美", "", "12"), ("小美", "", None)):
        svc.create_order(OrderDraft(campaign, (OrderItemDraft(product, 1),), buyer_name=name, pickup_point_id=point,
                                    building=building, external_no=number))
    (listed,) = OrderSummaryService(db).pickup_lists(campaign)
    assert [(row.buyer_name, row.building) for row in listed.rows][:2] == [("乙", "10栋"), ("甲", "B座")]
    assert len(listed.rows) == 4


def test_sheets_and_pdf(db, tmp_path: Path) -> None:
    campaigns, _ = build(db)
    summary = OrderSummaryService(db)
    supplier = write_supplier_sheet("第1期水果团", summary.products(campaigns[0]), tmp_path / "供货单.xlsx")
    sheet = openpyxl.load_workbook(supplier)["供货单"]
    assert [c.value for c in sheet[3]] == ["商品", "规格", "数量", "订单数", "销售额", "成本", "毛利"]
    total_qty = sum(p.quantity for p in summary.products(campaigns[0]))
    assert sheet.cell(row=7, column=1).value == "合计" and sheet.cell(row=7, column=3).value == total_qty
    lists = summary.pickup_lists(campaigns[0])
    book = openpyxl.load_workbook(write_pickup_sheets("第1期水果团", lists, tmp_path / "提货单.xlsx"))
    assert book.sheetnames == [p.name for p in lists]
    first = book[lists[0].name]
    assert first.cell(row=4, column=12).value == "已提货" and first.cell(row=5, column=12).value == TICK
    cells = " ".join(str(c.value) for row in first.iter_rows() for c in row if c.value is not None)
    assert all(phone not in cells for _, phone in BUYERS if phone)
    from desktop.ui.print_pdf import html_to_pdf

    pdf = html_to_pdf(pickup_html("第1期水果团", lists), tmp_path / "提货单.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
    assert not list(tmp_path.glob(".*printing*"))


def test_cli_campaign_list_export_and_pickup_pdf(tmp_path: Path, capsys) -> None:
    path = tmp_path / "w.db"
    db = open_database(path)
    try:
        campaigns, _ = build(db)
    finally:
        db.dispose()
    assert main(["campaign", "list", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(f"#{campaigns[1]}") and "第1期水果团" in out and "团长 王姐" in out
    assert main(["export", "--kind", "supplier", "--campaign", str(campaigns[0]), "--out",
                 str(tmp_path / "s.xlsx"), "--db", str(path)]) == 0
    assert "供货单已保存" in capsys.readouterr().out and (tmp_path / "s.xlsx").is_file()
    assert main(["export", "--kind", "pickup", "--out", str(tmp_path / "p.xlsx"), "--db", str(path)]) == 0
    captured = capsys.readouterr()
    assert "提货单已保存" in captured.out and "使用最新的活动" in captured.err
    assert main(["pickup-pdf", "--campaign", str(campaigns[0]), "--out", str(tmp_path / "p.pdf"),
                 "--db", str(path)]) == 0
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")
    assert main(["pickup-pdf", "--campaign", "999", "--out", str(tmp_path / "x.pdf"), "--db", str(path)]) == 1
    assert "团购活动 #999 不存在" in capsys.readouterr().err


def test_cli_import_orders_into_a_campaign(tmp_path: Path, capsys) -> None:
    from tests.unit.test_order_import import write_ktt_export

    export = tmp_path / "周五水果团.xlsx"
    write_ktt_export(export)
    db = str(tmp_path / "w.db")
    assert main(["import", str(export), "--kind", "orders", "--yes", "--db", db]) == 0
    assert "新增 7" in capsys.readouterr().out
    assert main(["campaign", "list", "--db", db]) == 0
    assert "周五水果团" in capsys.readouterr().out
    assert main(["import", str(export), "--kind", "orders", "--campaign", "1", "--yes", "--db", db]) == 0
    assert "新增 0" in capsys.readouterr().out


@pytest.mark.parametrize("bad", ["x.csv", "missing/x.xlsx"])
def test_sheet_paths_are_checked(db, tmp_path: Path, bad: str) -> None:
    from desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError):
        write_supplier_sheet("t", [], tmp_path / bad)


def _pieces_off(db) -> list[tuple[int, int, int]]:
    """Orders whose stored ``pieces`` differs from the sum of their lines' quantities."""
    with db.engine.connect() as conn:
        return [tuple(row) for row in conn.exec_driver_sql(
            "SELECT o.id, o.pieces, (SELECT coalesce(sum(i.quantity), 0) FROM order_items i WHERE i.order_id = o.id) "
            "AS counted FROM orders o WHERE o.pieces != counted")]


def test_order_pieces_equal_a_recount_after_every_write_path(db, tmp_path: Path) -> None:
    from desktop.domain.imports import BatchKind, ImportPolicy
    from desktop.domain.orders import JielongLineDraft
    from desktop.services.demo import build_demo
    from desktop.services.imports import ImportService
    from desktop.services.members import MemberService
    from tests.unit.test_order_import import write_ktt_export

    campaigns, _ = build(db)  # create_order
    svc = OrderService(db)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM orders WHERE pieces > 0").scalar_one() == 80
    detail = _details(db, campaigns[0])[0]  # update_order, with other quantities
    svc.update_order(detail.row.id, OrderDraft(campaigns[0], tuple(
        OrderItemDraft(line.product_id, line.quantity + 2) for line in detail.items), buyer_name="王芳"))
    review = svc.review_jielong(campaigns[1], "#接龙\n1. 张三 脐橙5斤x2 苹果×3\n2. 李四 草莓*4\n")
    applied = svc.apply_jielong(campaigns[1], [JielongLineDraft.from_review(line) for line in review.lines])
    assert len(applied.order_ids) == 2
    export = tmp_path / "ktt.xlsx"
    write_ktt_export(export)
    report = ImportService(db).commit(export, BatchKind.ORDERS, ImportPolicy.SKIP)
    assert report.inserted > 0
    with db.engine.connect() as conn:
        buyers = [m for (m,) in conn.exec_driver_sql(
            "SELECT DISTINCT member_id FROM orders WHERE member_id IS NOT NULL ORDER BY member_id LIMIT 2")]
    MemberService(db).merge_members(buyers[0], buyers[1:])  # orders move to the survivor
    assert _pieces_off(db) == []
    ImportService(db).undo(report.batch_id)
    assert _pieces_off(db) == []
    demo = open_database(tmp_path / "demo.db")
    try:
        build_demo(demo, seed=3, groups=20, members=300, days=20)
        with demo.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM orders").scalar_one() > 0
        assert _pieces_off(demo) == []
    finally:
        demo.dispose()
