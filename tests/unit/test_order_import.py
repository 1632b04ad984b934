"""Order exports through the import engine: a messy 快团团 export and a 群接龙 export written here."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import func, select

from desktop.domain.enums import PaymentStatus
from desktop.domain.imports import BatchKind, ImportPolicy, RowOutcome, RowResult, SheetColumns
from desktop.domain.members import MemberDraft
from desktop.domain.orders import CampaignDraft, OrderDraft, OrderItemDraft, ProductDraft
from desktop.services.imports import ImportService
from desktop.services.members import MemberService
from desktop.services.order_summaries import OrderSummaryService
from desktop.services.orders import OrderService
from desktop.store.models import (
    Campaign,
    CampaignPickupPoint,
    ImportChange,
    Member,
    Order,
    OrderItem,
    PickupPoint,
    Product,
)

HEADER = ["跟团号", "下单人", "团员备注", "支付时间", "团长备注", "商品", "规格", "数量", "订单金额", "退款金额",
          "订单状态", "自提点", "收货人", "联系电话", "省", "市", "区", "详细地址", "快递公司", "快递单号",
          "商品成本价", "楼号", "房号"]


def write_ktt_export(path: Path, *, extra_rows: list[list[object]] = ()) -> None:
    """Two title rows, the header on row 3, repeated 跟团号 lines, ¥ text amounts, numeric phones, a
    refund, a cancelled order, a blank row and a totals row at the bottom."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "订单列表"
    sheet["A1"] = "快团团 · 周五水果团 订单导出"
    sheet.merge_cells("A1:W1")
    sheet["A2"] = "导出时间：2026-11-21 22:00"
    sheet.append(HEADER)
    paid = datetime(2026, 11, 20, 9, 30)
    rows = [
        # order 1: two lines, the order amount repeated on each line, a leader-defined building/room
        [1, "王芳", "放门口", paid, "老客户", "赣南脐橙", "5斤", 2, "¥80.00", "", "已支付", "阳光花园", "王芳",
         13800138000, "江西省", "赣州市", "章贡区", "阳光花园9栋302", "", "", "¥14.00", "9栋", "302"],
        [1, "王芳", "放门口", paid, "老客户", "阳光玫瑰", "1盒", 1, "¥80.00", "", "已支付", "阳光花园", "王芳",
         13800138000, "江西省", "赣州市", "章贡区", "阳光花园9栋302", "", "", 20, "9栋", "302"],
        # order 2: refunded in full
        [2, "李雷", "", "2026/11/20 10:05", "", "赣南脐橙", "5斤", 1, "30", "30", "已退款", "翠苑", "李雷",
         "139 0013 9000", "", "", "", "翠苑1-2-301", "", "", 14, "1", "2-301"],
        # order 3: a partial refund; order amount only on the first line (merged cells)
        [3, "韩梅梅", "", "2026年11月20日 11:00", "", "赣南脐橙", "5斤", 1, 60, 10, "部分退款", "阳光花园",
         "韩梅梅", 13700137000, "", "", "", "阳光花园10栋101", "", "", 14, "10栋", "101"],
        [3, "", "", "", "", "阳光玫瑰", "1盒", "1份", "", "", "", "", "", "", "", "", "", "", "", "", 20, "", ""],
        # order 4: unpaid, delivered by courier, no pickup point
        [4, "Lily🌸", "", "", "", "阳光玫瑰", "1盒", 2, "¥60.00", "", "未支付", "", "Lily", 13600136000,
         "浙江省", "杭州市", "西湖区", "文三路1号", "顺丰", "SF123456", 20, "", ""],
        # order 5: cancelled
        [5, "赵六", "", "", "", "赣南脐橙", "5斤", 1, "¥30.00", "", "已取消", "翠苑", "赵六", 13500135000, "", "",
         "", "", "", "", 14, "", ""],
        [None] * len(HEADER),
        *extra_rows,
        ["合计", "", "", "", "", "", "", 9, "¥260.00"],
    ]
    for row in rows:
        sheet.append(row)
    book.save(path)


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "周五水果团.xlsx"
    write_ktt_export(path)
    return path


def _orders(db) -> dict[str, dict]:
    with db.transaction() as session:
        out = {}
        for o in session.scalars(select(Order).order_by(Order.id)):
            items = {(name, spec): (q, amount) for name, spec, q, amount in session.execute(
                select(Product.name, Product.spec, OrderItem.quantity, OrderItem.amount_cents)
                .join(Product, Product.id == OrderItem.product_id).where(OrderItem.order_id == o.id))}
            out[o.external_no] = {"buyer": o.buyer_name, "phone": o.buyer_phone, "amount": o.amount_cents,
                                  "refund": o.refund_cents, "status": o.payment_status, "items": items,
                                  "pickup": o.pickup_point_id, "building": o.building, "room": o.room,
                                  "address": o.address, "extras": json.loads(o.extras_json), "note": o.note,
                                  "leader_note": o.leader_note, "member": o.member_id, "paid_at": o.paid_at,
                                  "campaign": o.campaign_id}
        return out


def _counts(db) -> dict[str, int]:
    with db.transaction() as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
                for model in (Campaign, Product, PickupPoint, CampaignPickupPoint, Member, Order, OrderItem)}


def test_messy_export_gives_exactly_the_expected_orders_lines_and_totals(db, export: Path) -> None:
    report = ImportService(db).commit(export, BatchKind.ORDERS)
    assert report.failed == 0 and report.inserted == 7
    assert [r.row for r in report.results] == [4, 5, 6, 7, 8, 9, 10]
    orders = _orders(db)
    assert list(orders) == ["1", "2", "3", "4", "5"]
    one = orders["1"]
    assert one["buyer"] == "王芳" and one["phone"] == "13800138000" and one["amount"] == 8000
    assert one["status"] is PaymentStatus.PAID and one["paid_at"] == datetime(2026, 11, 20, 9, 30)
    assert one["building"] == "9栋" and one["room"] == "302"
    assert one["address"] == "江西省赣州市章贡区阳光花园9栋302"
    assert one["note"] == "放门口" and one["leader_note"] == "老客户"
    # no unit prices in the export: the order amount is shared by quantity (2:1)
    assert one["items"] == {("赣南脐橙", "5斤"): (2, 5333), ("阳光玫瑰", "1盒"): (1, 2667)}
    assert orders["2"]["status"] is PaymentStatus.REFUNDED and orders["2"]["refund"] == 3000
    assert orders["2"]["phone"] == "13900139000"
    three = orders["3"]
    assert three["status"] is PaymentStatus.PAID and three["amount"] == 6000 and three["refund"] == 1000
    assert three["items"][("阳光玫瑰", "1盒")][0] == 1
    four = orders["4"]
    assert four["status"] is PaymentStatus.UNPAID and four["pickup"] is None
    assert four["extras"] == {"快递公司": "顺丰", "快递单号": "SF123456", "收货人": "Lily"}
    assert orders["5"]["status"] is PaymentStatus.CANCELLED
    # one campaign named after the file, two pickup points linked to it, two products, five new members
    counts = _counts(db)
    assert counts == {"campaigns": 1, "products": 2, "pickup_points": 2, "campaign_pickup_points": 2,
                      "members": 5, "orders": 5, "order_items": 7}
    with db.transaction() as session:
        assert session.scalar(select(Campaign.title)) == "周五水果团"
        costs = dict(session.execute(select(Product.name, Product.cost_cents)).all())
        assert costs == {"赣南脐橙": 1400, "阳光玫瑰": 2000}
    # per-product totals
    totals: dict[str, int] = {}
    for order in orders.values():
        for (name, _), (quantity, _) in order["items"].items():
            totals[name] = totals.get(name, 0) + quantity
    assert totals == {"赣南脐橙": 5, "阳光玫瑰": 4}
    # the supplier order the summary tab shows: the unpaid and paid orders (not the refunded order 2 nor the
    # cancelled order 5), each product's quantity, orders, amount and cost
    campaign_id = one["campaign"]
    summary = OrderSummaryService(db).campaign_summary(campaign_id)
    assert summary.title == "周五水果团"
    assert [(p.name, p.spec, p.quantity, p.orders, p.amount_cents, p.cost_cents) for p in summary.products] == [
        ("赣南脐橙", "5斤", 3, 2, 5333 + 3000, 3 * 1400), ("阳光玫瑰", "1盒", 4, 3, 2667 + 3000 + 6000, 4 * 2000)]
    assert OrderSummaryService(db).products(campaign_id) == list(summary.products)


def test_reimporting_the_same_file_changes_nothing(db, export: Path) -> None:
    service = ImportService(db)
    service.commit(export, BatchKind.ORDERS)
    before = (_orders(db), _counts(db))
    again = service.commit(export, BatchKind.ORDERS)
    assert again.inserted == 0 and again.skipped == 7
    # even when the file is saved again (other bytes): matched by 跟团号, nothing new
    copy = export.with_name("周五水果团.xlsx")
    write_ktt_export(copy)
    third = service.commit(copy, BatchKind.ORDERS, ImportPolicy.UPDATE)
    assert third.inserted == 0 and third.updated == 0
    assert (_orders(db), _counts(db)) == before


def test_undo_removes_exactly_what_the_import_created(db, export: Path, tmp_path: Path) -> None:
    orders = OrderService(db)
    # something that was there before the import stays
    kept = orders.create_campaign(CampaignDraft("别的团"), [ProductDraft("鸡蛋", "30枚", 2500)])
    before = _counts(db)
    report = ImportService(db).commit(export, BatchKind.ORDERS)
    ImportService(db).undo(report.batch_id)
    assert _counts(db) == before
    assert orders.campaign(kept.id).products[0].name == "鸡蛋"


def test_undo_keeps_the_member_campaign_and_pickup_point_a_later_order_uses(db, export: Path) -> None:
    """The import registered 王芳 and made the campaign, its pickup points and their links; a quick order
    typed afterwards is 王芳's at 阳光花园. Undo takes the rest of what the import made, never what that
    order needs: its member, its campaign, its pickup point and the campaign still offering that point."""
    report = ImportService(db).commit(export, BatchKind.ORDERS)
    imported = _orders(db)
    wang, campaign_id = imported["1"]["member"], imported["1"]["campaign"]
    with db.transaction() as session:
        points = dict(session.execute(select(PickupPoint.name, PickupPoint.id)).all())
    orders = OrderService(db)
    product = orders.campaign(campaign_id).products[0].id
    later = orders.create_order(OrderDraft(campaign_id, (OrderItemDraft(product, 1),), buyer_name="王芳",
                                           buyer_phone="13800138000", pickup_point_id=points["阳光花园"]))
    assert later.row.member_id == wang and later.new_member_id is None
    ImportService(db).undo(report.batch_id)
    assert list(_orders(db)) == [None]  # the quick order alone, without an order number
    assert orders.order(later.row.id).row.member_id == wang
    assert orders.order(later.row.id).row.pickup_point_name == "阳光花园"
    assert [p.name for p in orders.campaign(campaign_id).pickup_points] == ["阳光花园"]
    with db.transaction() as session:
        assert session.scalars(select(Member.nickname)).all() == ["王芳"]
        assert session.scalars(select(PickupPoint.name)).all() == ["阳光花园"]


def test_update_import_changes_status_and_undo_restores_it(db, export: Path, tmp_path: Path) -> None:
    service = ImportService(db)
    service.commit(export, BatchKind.ORDERS)
    later = tmp_path / "later" / "周五水果团.xlsx"
    later.parent.mkdir()
    book = openpyxl.load_workbook(export)
    sheet = book.active
    sheet["K9"] = "已支付"  # order 4 paid
    sheet["D9"] = datetime(2026, 11, 21, 8, 0)
    book.save(later)
    report = service.commit(later, BatchKind.ORDERS, ImportPolicy.UPDATE)
    assert report.updated == 1 and report.inserted == 0
    assert _orders(db)["4"]["status"] is PaymentStatus.PAID
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(ImportChange)) == 1
    service.undo(report.batch_id)
    assert _orders(db)["4"]["status"] is PaymentStatus.UNPAID and _orders(db)["4"]["paid_at"] is None


def test_update_import_creates_a_new_pickup_point_under_the_batch(db, export: Path, tmp_path: Path) -> None:
    """A pickup point the UPDATE file names for the first time is created and linked to the campaign
    under the batch (once, for the moved order and a new order alike), and undo takes it back out."""
    service = ImportService(db)
    service.commit(export, BatchKind.ORDERS)
    before = (_orders(db), _counts(db))
    later = tmp_path / "later" / "周五水果团.xlsx"
    later.parent.mkdir()
    write_ktt_export(later, extra_rows=[[6, "周七", "", "", "", "赣南脐橙", "5斤", 1, 30, "", "已支付", "西门新点",
                                         "周七", 13400134000]])
    book = openpyxl.load_workbook(later)
    book.active["L6"] = "西门新点"  # order 2 moves from 翠苑 to a point nobody has stored
    book.active["L9"] = "翠苑"  # order 4, delivered so far, to a stored point
    book.save(later)
    preview = service.preview(later, BatchKind.ORDERS, policy=ImportPolicy.UPDATE)
    reasons = {r.row: (r.outcome, r.reason) for r in preview.results}
    assert reasons[6] == (RowOutcome.UPDATED, "更新：pickup_point_id（新建自提点“西门新点”）")
    assert reasons[9] == (RowOutcome.UPDATED, "更新：pickup_point_id")
    assert _counts(db) == before[1]  # a preview creates no point
    report = service.commit(preview, BatchKind.ORDERS, ImportPolicy.UPDATE)
    assert (report.updated, report.inserted) == (2, 1)
    orders = _orders(db)
    with db.transaction() as session:
        points = dict(session.execute(select(PickupPoint.name, PickupPoint.id)).all())
        new_point = session.execute(select(PickupPoint.id, PickupPoint.import_batch_id)
                                    .where(PickupPoint.name == "西门新点")).one()
        links = set(session.scalars(select(CampaignPickupPoint.pickup_point_id)
                                    .where(CampaignPickupPoint.campaign_id == orders["2"]["campaign"])))
    assert new_point == (points["西门新点"], report.batch_id)
    assert orders["2"]["pickup"] == orders["6"]["pickup"] == points["西门新点"]
    assert orders["4"]["pickup"] == points["翠苑"]
    assert links == {points["阳光花园"], points["翠苑"], points["西门新点"]}
    service.undo(report.batch_id)
    assert (_orders(db), _counts(db)) == before


def test_an_order_number_with_two_buyers_fails_that_order_naming_both(db, tmp_path: Path) -> None:
    path = tmp_path / "两个下单人.xlsx"
    write_ktt_export(path, extra_rows=[
        [1, "张伟", "", "", "", "赣南脐橙", "5斤", 1, 30, "", "已支付", "翠苑", "张伟", 13300133000, "", "", "",
         "", "", "", "", "", ""]])
    report = ImportService(db).commit(path, BatchKind.ORDERS)
    failed = [r for r in report.results if r.outcome is RowOutcome.FAILED]
    assert [r.row for r in failed] == [4, 5, 12]
    assert "跟团号 1 出现了两个不同的下单人" in failed[0].reason
    assert "“王芳”（第 4 行）" in failed[0].reason and "“张伟”（第 12 行）" in failed[0].reason
    assert "1" not in _orders(db) and "2" in _orders(db)


def test_the_same_number_against_a_stored_order_of_another_buyer(db, export: Path, tmp_path: Path) -> None:
    service = ImportService(db)
    service.commit(export, BatchKind.ORDERS)
    other = tmp_path / "x" / "周五水果团.xlsx"
    other.parent.mkdir()
    book = openpyxl.load_workbook(export)
    book.active["B6"] = "冒名"  # row 6 is order 2
    book.active["N6"] = 13200132000
    book.save(other)
    report = service.commit(other, BatchKind.ORDERS, ImportPolicy.UPDATE)
    bad = [r for r in report.results if r.outcome is RowOutcome.FAILED]
    assert [r.row for r in bad] == [6] and "下单人是“李雷”，这里是“冒名”" in bad[0].reason


def test_bad_quantities_are_named_on_their_row(db, tmp_path: Path) -> None:
    path = tmp_path / "数量.xlsx"
    write_ktt_export(path, extra_rows=[
        [7, "钱七", "", "", "", "赣南脐橙", "5斤", 0, 30, "", "已支付", "", "钱七", 13100131000],
        [8, "孙八", "", "", "", "赣南脐橙", "5斤", "两箱", 30, "", "已支付", "", "孙八", 13100131001]])
    report = ImportService(db).commit(path, BatchKind.ORDERS)
    bad = {r.row: r.reason for r in report.results if r.outcome is RowOutcome.FAILED}
    assert "数量为 0" in bad[12]
    assert "H 列“数量”" in bad[13] and "两箱" in bad[13]
    assert set(_orders(db)) == {"1", "2", "3", "4", "5"}


def test_into_a_given_campaign_uses_its_products_prices_and_warns_over_limit(db, export: Path) -> None:
    orders = OrderService(db)
    campaign = orders.create_campaign(CampaignDraft("周五团"), [
        ProductDraft("赣南脐橙", "5斤", 3000, 1500, per_person_limit=1), ProductDraft("阳光玫瑰", "1盒", 2000, 1200)])
    report = ImportService(db).commit(export, BatchKind.ORDERS, campaign_id=campaign.id)
    assert report.failed == 0
    one = _orders(db)["1"]
    assert one["campaign"] == campaign.id
    assert one["items"] == {("赣南脐橙", "5斤"): (2, 6000), ("阳光玫瑰", "1盒"): (1, 2000)}
    warned = [r for r in report.results if "限购" in r.reason]
    assert warned and warned[0].row == 4 and "照常导入" in warned[0].reason
    assert len(orders.campaign(campaign.id).products) == 2


def test_stock_and_limit_warnings_sit_on_the_line_concerned(db, export: Path) -> None:
    """Stock runs out first come, first served: the lines that no longer fit are warned, each on its own
    row (here the second line of its order), and every order is still imported."""
    orders = OrderService(db)
    campaign = orders.create_campaign(CampaignDraft("周五团"), [
        ProductDraft("赣南脐橙", "5斤", 3000, 1500, per_person_limit=1), ProductDraft("阳光玫瑰", "1盒", 2000, 1200, stock=1)])
    report = ImportService(db).commit(export, BatchKind.ORDERS, campaign_id=campaign.id)
    assert report.failed == 0 and report.inserted == 7
    warned = {r.row: r.reason for r in report.results if "注意" in r.reason}
    # row 4: 王芳's 2 oranges over the limit of 1; row 5 (her roses) took the last rose; row 8, order 3's
    # second line, and row 9, order 4, no longer fit; the refunded order 2 and cancelled order 5 count for nothing
    assert sorted(warned) == [4, 8, 9]
    assert "“赣南脐橙 5斤”每人限购 1 份，这里是 2 份" in warned[4] and "库存" not in warned[4]
    assert "“阳光玫瑰 1盒”库存不足：还剩 0 份，这里要 1 份（平台已接单，照常导入）" in warned[8]
    assert "“阳光玫瑰 1盒”库存不足：还剩 0 份，这里要 2 份" in warned[9]
    assert warned[8].startswith("注意") and "限购" not in warned[8]  # not on the order's first line (row 7)
    assert set(_orders(db)) == {"1", "2", "3", "4", "5"}


def test_buyers_who_are_members_are_linked_by_phone_then_by_a_unique_nickname(db, tmp_path: Path) -> None:
    members = MemberService(db)
    by_phone = members.create(MemberDraft(nickname="芳芳", phone="13800138000")).id
    same_name = members.create(MemberDraft(nickname="王芳")).id  # the phone wins over this nickname
    by_name = members.create(MemberDraft(nickname="李雷", phone="13000000000")).id
    for _ in range(2):
        members.create(MemberDraft(nickname="小红"))
    regular = members.create(MemberDraft(nickname="老客", phone="13100131000")).id
    path = tmp_path / "周五水果团.xlsx"
    write_ktt_export(path, extra_rows=[
        [6, "小红", "", "", "", "赣南脐橙", "5斤", 1, "¥30.00", "", "已支付", "翠苑", "", "", "", "", "", "", "", "",
         14, "", ""],
        # the sheet writes the country code: the same number as the member's
        [7, "新昵称", "", "", "", "赣南脐橙", "5斤", 1, "¥30.00", "", "已支付", "翠苑", "", "+86 131 0013 1000", "", "",
         "", "", "", "", 14, "", ""]])
    before = _counts(db)["members"]
    report = ImportService(db).commit(path, BatchKind.ORDERS)
    assert report.failed == 0
    orders = _orders(db)
    assert orders["1"]["member"] == by_phone != same_name
    assert orders["2"]["member"] == by_name  # the file's phone is nobody's: the only 李雷
    # two members are called 小红 and the order has no phone: left unlinked, no third 小红 made
    assert orders["6"]["member"] is None and orders["6"]["buyer"] == "小红"
    assert orders["7"]["member"] == regular and orders["7"]["phone"] == "13100131000"
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Member).where(Member.nickname == "小红")) == 2
    # the three other buyers are new members
    assert _counts(db)["members"] == before + 3
    assert {orders[n]["member"] for n in ("3", "4", "5")}.isdisjoint({by_phone, same_name, by_name, None})


def test_qunjielong_export_columns(db, tmp_path: Path) -> None:
    """群接龙: 接龙号 / 微信昵称 / 商品名称 / 规格 / 数量 / 商品金额 / 订单总金额 / 提交时间 / 备注."""
    path = tmp_path / "群接龙导出.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["群接龙 订单明细"])
    sheet.append(["接龙号", "微信昵称", "收货人", "联系电话", "商品名称", "规格", "数量", "商品金额", "订单总金额",
                  "提交时间", "备注", "收货地址"])
    sheet.append([1, "小明", "明", "13800001111", "草莓", "1盒", 2, "¥59.80", "¥89.70", "2026-11-20 08:01", "不要太熟",
                  "翠苑2栋"])
    sheet.append([1, "小明", "明", "13800001111", "香蕉", "", 1, "¥29.90", "¥89.70", "2026-11-20 08:01", "不要太熟",
                  "翠苑2栋"])
    sheet.append([2, "阿花", "花", "13800002222", "草莓", "1盒", 1, 29.9, 29.9, "2026-11-20 08:05", "", ""])
    book.save(path)
    report = ImportService(db).commit(path, BatchKind.ORDERS)
    assert report.inserted == 3 and report.failed == 0
    orders = _orders(db)
    assert orders["1"]["amount"] == 8970 and orders["1"]["items"] == {("草莓", "1盒"): (2, 5980),
                                                                       ("香蕉", ""): (1, 2990)}
    assert orders["1"]["note"] == "不要太熟" and orders["2"]["amount"] == 2990
    assert orders["1"]["status"] is PaymentStatus.UNPAID and orders["1"]["buyer"] == "小明"


def test_preview_writes_nothing_and_cli_kind_orders(db, export: Path, capsys) -> None:
    preview = ImportService(db).preview(export, BatchKind.ORDERS)
    assert preview.inserted == 7 and _counts(db)["orders"] == 0
    report = ImportService(db).commit(preview, BatchKind.ORDERS)
    assert report.inserted == 7 and _counts(db)["orders"] == 5
    assert _orders(db)["1"]["items"][("赣南脐橙", "5斤")][0] == 2
    assert {o["status"] for o in _orders(db).values()} >= {PaymentStatus.PAID, PaymentStatus.CANCELLED}


def _round_trip(db_path: Path, path: Path) -> tuple[object, ...]:
    """An order import into a new database at ``db_path`` as comparable values: the outcomes, the
    stored orders, counts and members, an UPDATE re-import's outcomes and the counts after the undo."""
    from desktop.store.engine import open_database

    db = open_database(db_path)
    try:
        service = ImportService(db)
        report = service.commit(path, BatchKind.ORDERS)
        results = [(r.row, r.outcome, r.key, r.reason) for r in report.results]
        with db.transaction() as session:
            members = sorted(session.execute(select(Member.id, Member.nickname, Member.phone)).all())
        stored = (_orders(db), _counts(db), members)
        again = [(r.row, r.outcome) for r in service.commit(path, BatchKind.ORDERS, ImportPolicy.UPDATE).results]
        service.undo(report.batch_id)
        return results, stored, again, _counts(db)
    finally:
        db.dispose()


@pytest.mark.parametrize("extra_rows", [
    [],
    [[6, "孙七", "", "", "", "赣南脐橙", "5斤", "很多", "¥30.00", "", "已支付", "翠苑", "孙七", 13300133000,
      "", "", "", "", "", "", 14, "", ""],
     [7, "周八", "", "", "", "赣南脐橙", "5斤", 1, "¥30.00", "", "已支付", "翠苑", "周八", 13200132000,
      "", "", "", "", "", "", 14, "", ""],
     [7, "吴九", "", "", "", "阳光玫瑰", "1盒", 1, "¥30.00", "", "已支付", "翠苑", "吴九", 13100131000,
      "", "", "", "", "", "", 20, "", ""],
     [8, "郑十", "", "", "", "赣南脐橙", "5斤", 1, "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
     [8, "郑十", "", "", "", "赣南脐橙", "5斤", 2, "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""]],
], ids=["clean", "with-problems"])
def test_the_fast_reader_gives_the_outcomes_and_stored_rows_of_pandas_read_excel(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra_rows: list[list[object]]) -> None:
    """read_grid's own pass over calamine's cells (whole floats to ints in numpy, the no-missing mark
    from the column types) gives what pandas' read_excel and the full blank scan give, down to the
    outcomes, the stored orders, a re-import and the undo."""
    from desktop.io import reader as reader_module

    path = tmp_path / "周五水果团.xlsx"
    write_ktt_export(path, extra_rows=extra_rows)

    fast = _round_trip(tmp_path / "fast.db", path)
    marked = reader_module.read_grid(path).frame
    assert marked.attrs[reader_module.NO_MISSING] is True  # the shortcut was taken

    def pandas_frame(book, name):  # type: ignore[no-untyped-def]
        return pd.read_excel(book, sheet_name=name, header=None, dtype=object, na_filter=False)

    monkeypatch.setattr(reader_module, "_sheet_frame", pandas_frame)
    slow = _round_trip(tmp_path / "slow.db", path)
    with pd.ExcelFile(path, engine="calamine") as book:
        assert reader_module.NO_MISSING not in pandas_frame(book, "订单列表").attrs
    assert fast == slow
    assert fast[0] and any(o is RowOutcome.INSERTED for _, o, _, _ in fast[0])
    if extra_rows:
        assert {o for _, o, _, _ in fast[0]} == {RowOutcome.INSERTED, RowOutcome.FAILED}


def test_rows_several_per_statement_and_ids_without_a_read_back_store_what_one_by_one_stores(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writers' multi-row VALUES (here 3 rows a statement: full ones and a shorter last one) and
    the new ids worked out from the largest id before store the same orders, lines and members, with
    the same outcomes, re-import and undo, as one execution per row with every id read back."""
    from desktop.services import imports as imports_module

    path = tmp_path / "周五水果团.xlsx"
    write_ktt_export(path)

    monkeypatch.setattr(imports_module, "ROWS_PER_STATEMENT", 3)
    several = _round_trip(tmp_path / "several.db", path)

    def one_by_one(session, sql, columns):  # type: ignore[no-untyped-def]
        session.connection().exec_driver_sql(sql, list(zip(*columns, strict=True)))

    monkeypatch.setattr(imports_module, "_insert_columns", one_by_one)
    monkeypatch.setattr(imports_module, "consecutive_ids", lambda *args: None)  # every writer's read-back
    assert several == _round_trip(tmp_path / "one_by_one.db", path)
    assert len(several[1][2]) >= 4 and several[1][1]["order_items"] > 3  # more rows than one statement holds


def test_consecutive_ids_only_when_exactly_those_rows_lie_above(tmp_path: Path) -> None:
    from desktop.services.imports import consecutive_ids, largest_id
    from desktop.store.engine import open_database

    db = open_database(tmp_path / "ids.db")
    try:
        with db.transaction() as session:
            table = Member.__table__
            before = largest_id(session, table)
            now = datetime(2026, 11, 1)
            session.execute(table.insert(), [{"nickname": f"买家{n}", "created_at": now, "updated_at": now}
                                             for n in range(5)])
            assert consecutive_ids(session, table, before, 5) == list(range(before + 1, before + 6))
            assert consecutive_ids(session, table, before, 4) is None  # a row more than this insert wrote
            session.execute(table.delete().where(table.c.id == before + 3))
            assert consecutive_ids(session, table, before, 4) is None  # a gap
    finally:
        db.dispose()


def _sheet(rows: list[dict[str, object]]) -> SheetColumns:
    """Parsed rows (Excel rows 4, 5, ...) as the parser hands them to the planner: column by column."""
    names = list(rows[0])
    return SheetColumns(list(range(4, 4 + len(rows))), {name: [row[name] for row in rows] for name in names})


def test_planning_keeps_the_amount_note_and_buyer_rules() -> None:
    """The column-wise planner gives the rules' amounts, notes and reasons: 订单金额 shared by quantity,
    a differing 订单金额 kept with a note, per-line 订单金额, a repeated product merged, two buyers refused,
    a unit price next to a line without one, and a warning on its line."""
    from desktop.services import order_import as oi

    def row(no: str, product: str, **values: object) -> dict[str, object]:
        base = {"external_no": no, "buyer_name": "张三", "phone": "13000000000", "product": product, "spec": None,
                "quantity": 1, "unit_price_cents": None, "line_amount_cents": None, "amount_cents": None,
                "cost_cents": None}
        return {**base, **values}

    table = _sheet([row("A", "苹果", amount_cents=1000), row("A", "梨", quantity=2, amount_cents=1000),
                    row("B", "桃", unit_price_cents=250, quantity=2, amount_cents=600),
                    row("C", "橙", amount_cents=1000), row("C", "柚", amount_cents=1200),
                    row("D", "苹果", amount_cents=900), row("D", "苹果", phone=None, amount_cents=900),
                    row("E", "苹果"), row("E", "梨", buyer_name="李四", phone=None),
                    row("F", "苹果", unit_price_cents=100, amount_cents=500), row("F", "梨", amount_cents=500),
                    row("G", "苹果", quantity=0), row("H", "梨", buyer_name=None, phone=None),
                    # 跟团号 longer than the 60 characters stored: two alike in their first 60 are one order
                    row("J" * 60 + "1", "苹果", amount_cents=100), row("J" * 60 + "2", "梨", amount_cents=100)])
    results: list[RowResult] = []
    orders = oi._group(table, [], results)
    oi._read_lines(orders, {})
    order = {number: o for o, number in enumerate(orders.numbers)}

    def lines(number: str) -> list[tuple[int, int, str]]:
        return [(orders.quantities[p], orders.amounts[p], orders.notes[p]) for p in orders.rows[order[number]]]

    assert lines("A") == [(1, 333, "无单价：按数量分摊订单金额"), (2, 667, "无单价：按数量分摊订单金额")]
    assert orders.amount[order["B"]] == 600
    assert orders.order_notes[order["B"]] == ("订单金额 ¥6.00 与商品合计 ¥5.00 不同，以订单金额为准",)
    assert (orders.amount[order["C"]], [amount for _, amount, _ in lines("C")]) == (2200, [1000, 1200])
    assert not orders.problems[order["D"]] and orders.amount[order["D"]] == 900
    assert lines("D") == [(2, 900, ""), (0, 0, "与第 9 行是同一商品，数量已合并")]
    assert "两个不同的下单人" in orders.problems[order["E"]]
    assert lines("F") == [(1, 100, ""), (1, 400, "无单价：按数量分摊订单金额")]
    assert orders.problems[order["G"]] == "第 15 行数量为 0"
    assert orders.problems[order["H"]] == "没有下单人、收货人或电话"
    assert not results  # every row has a 跟团号
    assert orders.numbers[-1] == "J" * 60 and [table.numbers[p] for p in orders.rows[-1]] == [17, 18]
    plan = oi._Plan(oi.ENTITY, oi.ORDERS)
    oi._insert_results(plan, orders, [order["A"], order["B"], order["D"], order["F"]],
                       {order["F"]: [(13, "注意：超出限购")]})
    assert [(r.row, r.key, r.reason) for r in plan.results] == [
        (4, "A 苹果", "新订单 ¥10.00；无单价：按数量分摊订单金额"), (5, "A 梨", "无单价：按数量分摊订单金额"),
        (6, "B 桃", "新订单 ¥6.00；订单金额 ¥6.00 与商品合计 ¥5.00 不同，以订单金额为准"),
        (9, "D 苹果", "新订单 ¥9.00"), (10, "D 苹果", "与第 9 行是同一商品，数量已合并"),
        (13, "F 苹果", "新订单 ¥5.00；注意：超出限购"), (14, "F 梨", "无单价：按数量分摊订单金额")]


def test_a_line_without_any_amount_in_an_order_of_line_amounts_is_noted(db, tmp_path: Path) -> None:
    """订单金额 differs between the lines, so each is that line's amount; a line with none at all (and
    no price known) counts ¥0 and the order says so, naming the line. The order is imported."""
    path = tmp_path / "各行金额.csv"
    path.write_text("跟团号,下单人,商品,数量,订单金额\n1,张三,苹果,1,10\n1,张三,梨,1,20\n1,张三,桃,2,\n"
                    "2,李四,苹果,1,10\n", encoding="utf-8")
    report = ImportService(db).commit(path, BatchKind.ORDERS)
    assert [(r.row, r.outcome, r.reason) for r in report.results] == [
        (2, RowOutcome.INSERTED, "新订单 ¥30.00；第 4 行没有金额，按 0 计"), (3, RowOutcome.INSERTED, ""),
        (4, RowOutcome.INSERTED, ""), (5, RowOutcome.INSERTED, "新订单 ¥10.00")]
    orders = _orders(db)
    assert orders["1"]["amount"] == 3000
    assert orders["1"]["items"] == {("苹果", ""): (1, 1000), ("梨", ""): (1, 2000), ("桃", ""): (2, 0)}


# ------------------------------------------------------------------------------------------ leader columns

LEADER_HEADER = ["序号", "跟团号", "下单人", "联系电话", "商品", "规格", "数量", "订单金额", "订单状态", "快递公司",
                 "小区", "单元", "宝宝月龄", "备用电话", "", "小区"]


def write_leader_export(path: Path, *, estate: str = "阳光花园") -> None:
    """A 快团团 export with columns the leader defined (小区, 单元, 宝宝月龄, 备用电话), a row-number
    column, an untitled column with data and a second 小区 column."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["快团团 · 母婴团 订单导出"])
    sheet.append(LEADER_HEADER)
    sheet.append([1, 1, "王芳", 13800138000, "纸尿裤", "L", 1, "¥99.00", "已支付", "顺丰", estate, "2单元", 8,
                  13900139000, "随手记", "东区"])
    # the order's second line leaves the leader's cells empty (merged in the export)
    sheet.append([2, 1, "王芳", 13800138000, "湿巾", "", 2, "¥99.00", "已支付", "", "", "", "", "", "", ""])
    # order 2 fills its leader cells on its second line only
    sheet.append([3, 2, "李娜", 13700137000, "纸尿裤", "M", 1, "¥60.00", "已支付", "", "", "", "", "", "", ""])
    sheet.append([4, 2, "李娜", 13700137000, "湿巾", "", 1, "¥60.00", "已支付", "", "翠苑", "", "3个月", "", "", ""])
    # order 3 has no leader cells at all
    sheet.append([5, 3, "张伟", 13600136000, "湿巾", "", 1, "¥20.00", "未支付", "", "", "", "", "", "", ""])
    book.save(path)


def test_leader_defined_columns_are_kept_as_extras_under_their_header(db, tmp_path: Path) -> None:
    path = tmp_path / "母婴团.xlsx"
    write_leader_export(path)
    service = ImportService(db)
    preview = service.preview(path, BatchKind.ORDERS)
    mapping = preview.sheet.mapping
    # every titled column no field reads, but not the row numbers nor the untitled column
    assert [mapping.headers[c] for c in mapping.extra_columns] == ["小区", "单元", "宝宝月龄", "备用电话", "小区"]
    report = service.commit(preview, BatchKind.ORDERS)
    assert report.failed == 0 and report.inserted == 5
    orders = _orders(db)
    assert orders["1"]["extras"] == {"快递公司": "顺丰", "小区": "阳光花园", "单元": "2单元", "宝宝月龄": "8",
                                     "备用电话": "13900139000", "小区（P 列）": "东区"}
    # the known extras first, then the sheet's columns in order
    assert list(orders["1"]["extras"]) == ["快递公司", "小区", "单元", "宝宝月龄", "备用电话", "小区（P 列）"]
    assert orders["2"]["extras"] == {"小区": "翠苑", "宝宝月龄": "3个月"}  # the first line that fills each
    assert orders["3"]["extras"] == {}
    assert orders["1"]["phone"] == "13800138000"  # 备用电话 is not taken for the buyer's phone

    # the same file again: nothing changes, whatever the policy
    before = (_orders(db), _counts(db))
    assert service.commit(path, BatchKind.ORDERS).inserted == 0
    again = service.commit(path, BatchKind.ORDERS, ImportPolicy.UPDATE)
    assert again.updated == 0 and again.inserted == 0
    assert (_orders(db), _counts(db)) == before


def test_update_import_updates_the_leaders_columns_and_undo_restores_them(db, tmp_path: Path) -> None:
    path = tmp_path / "母婴团.xlsx"
    write_leader_export(path)
    service = ImportService(db)
    service.commit(path, BatchKind.ORDERS)
    moved = tmp_path / "later" / "母婴团.xlsx"
    moved.parent.mkdir()
    write_leader_export(moved, estate="星河湾")
    report = service.commit(moved, BatchKind.ORDERS, ImportPolicy.UPDATE)
    assert report.updated == 1 and report.inserted == 0
    assert [r.row for r in report.results if r.outcome is RowOutcome.UPDATED] == [3]
    extras = _orders(db)["1"]["extras"]
    assert extras["小区"] == "星河湾" and extras["单元"] == "2单元" and extras["快递公司"] == "顺丰"
    # an UPDATE from a file without the leader's columns keeps them
    plain = tmp_path / "plain" / "母婴团.xlsx"
    plain.parent.mkdir()
    book = openpyxl.load_workbook(moved)
    book.active.delete_cols(11, 6)
    book.save(plain)
    assert service.commit(plain, BatchKind.ORDERS, ImportPolicy.UPDATE).updated == 0
    assert _orders(db)["1"]["extras"] == extras
    service.undo(report.batch_id)
    assert _orders(db)["1"]["extras"]["小区"] == "阳光花园"

