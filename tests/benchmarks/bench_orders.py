"""Group-buy figures, each against a floor measured in the same run.

    python tests/benchmarks/bench_orders.py [--orders 100000] [--lines 500] [--export-lines 20000]

summaries: one campaign holding 100,000 orders (~180,000 order lines, 2,000 members, 5 groups, 4 pickup
           points, every payment status). app = what the summary tab reads when a campaign opens
           (desktop.ui.widgets.order_summary.SummaryTab.refresh: campaign_summary + repurchase), target
           200 ms; also each call alone and leaders. floor = the bare supplier aggregate (one GROUP BY
           over order_items join orders) via sqlite3, the faster of two join orders, same page cache.
接龙:      a 500-line paste (numbered lines, full-width digits, x/×/*, 份/盒, emoji, notes, pinyin slips)
           against 8 products and 4 pickup points. app = desktop.domain.jielong.parse_paste with the
           services' pinyin; target 100 ms. floor = splitting the same text into lines with one regex.
import:    a 快团团-style export of 20,000 lines (title rows, header on row 3, ~8,000 orders of 1-4 lines,
           ¥ amounts as text, numeric phones, refunds, a totals row) into an empty store (every buyer
           is a new member). app = ImportService.commit; floor = pd.read_excel(engine="calamine") of the
           same file; target <= 2x. Both the best of three; each app run into a new empty store with cold
           search-key caches, called bare (as the CLI does), and as the GUI runs it (a TaskRunner job:
           Python's full garbage collections held back meanwhile, see desktop.workers.tasks). Module
           imports and pypinyin's loading are start-up costs, paid before.
Not collected by pytest.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sqlite3
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import xlsxwriter
from sqlalchemy import insert

from desktop.domain.enums import CampaignStatus, FulfilmentStatus, PaymentStatus
from desktop.domain.imports import BatchKind, ImportPolicy
from desktop.domain.jielong import Catalogue, PickupChoice, ProductChoice, parse_paste
from desktop.services import text as text_module
from desktop.services.imports import ImportService
from desktop.services.order_summaries import OrderSummaryService
from desktop.services.orders import pinyin_syllables
from desktop.services.text import search_key
from desktop.store.engine import open_database
from desktop.store.models import (
    Campaign,
    CampaignGroup,
    CampaignPickupPoint,
    Group,
    Member,
    Order,
    OrderItem,
    PickupPoint,
    Product,
)

START = datetime(2026, 11, 1, 8, 0)
PRODUCTS = [("赣南脐橙", "5斤", 2990, 1800), ("阳光玫瑰", "1盒", 3990, 2500), ("丹东草莓", "1盒", 4990, 3200),
            ("车厘子", "2斤", 8990, 6000), ("耙耙柑", "5斤", 3590, 2200), ("土鸡蛋", "30枚", 2590, 1700),
            ("苹果", "", 990, 600), ("香蕉", "", 590, 300)]
POINTS = ["阳光花园自提点", "翠苑", "东区门岗", "星河湾超市"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉飞云凤兰梅琳"


def best(fn, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


# ------------------------------------------------------------------------------------------- summaries


def seed_orders(db_path: Path, orders: int) -> int:
    rng = random.Random(1)
    db = open_database(db_path)
    now = datetime.now()
    with db.transaction() as session:
        session.execute(insert(Group), [{"id": g, "name": f"团购{g}群", "search_key": ""} for g in range(1, 6)])
        session.execute(insert(Member), [{"id": m, "nickname": f"会员{m}", "phone": f"138{m:08d}", "search_key": ""}
                                         for m in range(1, 2001)])
        session.execute(insert(PickupPoint), [{"id": p, "name": name} for p, name in enumerate(POINTS, 1)])
        session.execute(insert(Campaign), [{"id": c, "title": f"第{c}期", "leader": f"团长{c % 3}",
                                            "status": CampaignStatus.CLOSED, "open_at": START + timedelta(days=7 * c)}
                                           for c in range(1, 4)])
        session.execute(insert(CampaignGroup), [{"campaign_id": 1, "group_id": g} for g in range(1, 6)])
        session.execute(insert(CampaignPickupPoint), [{"campaign_id": 1, "pickup_point_id": p} for p in range(1, 5)])
        session.execute(insert(Product), [{"id": i, "campaign_id": 1, "name": n, "spec": s, "price_cents": p,
                                           "cost_cents": c, "position": i} for i, (n, s, p, c) in enumerate(PRODUCTS, 1)])
        statuses = [PaymentStatus.PAID] * 7 + [PaymentStatus.UNPAID, PaymentStatus.REFUNDED, PaymentStatus.CANCELLED]
        order_rows, item_rows = [], []
        for o in range(1, orders + 1):
            at = START + timedelta(seconds=37 * o)
            lines = rng.sample(range(1, len(PRODUCTS) + 1), rng.choice((1, 1, 2, 2, 3)))
            amount = pieces = 0
            for pid in lines:
                q = rng.randint(1, 3)
                pieces += q
                price = PRODUCTS[pid - 1][2]
                item_rows.append({"order_id": o, "product_id": pid, "quantity": q, "unit_price_cents": price,
                                  "amount_cents": q * price})
                amount += q * price
            status = rng.choice(statuses)
            # the last 2% of orders land in two later campaigns, so repurchase has something to count
            campaign = 1 if o <= orders * 0.98 else (2 if o % 2 else 3)
            order_rows.append({
                "id": o, "campaign_id": campaign, "external_no": str(o), "member_id": rng.randint(1, 2000),
                "group_id": rng.randint(1, 5), "pickup_point_id": rng.choice((1, 2, 3, 4, None)), "placed_at": at,
                "day": at.date(), "paid_at": at if status is not PaymentStatus.UNPAID else None,
                "amount_cents": amount, "refund_cents": amount if status is PaymentStatus.REFUNDED else 0,
                "payment_status": status, "fulfilment_status": FulfilmentStatus.WAITING, "buyer_name": f"会员{o}",
                "buyer_phone": "", "pieces": pieces, "created_at": now, "updated_at": now})
        session.execute(insert(Order), order_rows)
        session.execute(insert(OrderItem), [{"id": i, **row} for i, row in enumerate(item_rows, 1)])
    db.dispose()
    return len(item_rows)


def bench_summaries(temp: Path, orders: int) -> None:
    db_path = temp / "summaries.db"
    items = seed_orders(db_path, orders)
    # the bare aggregate written both ways (orders first, or lines by product first): the faster one
    # is the floor, whichever the indexes favour; with the app's page cache size
    sql = ("SELECT oi.product_id, sum(oi.quantity), count(DISTINCT oi.order_id), sum(oi.amount_cents) "
           "FROM order_items oi JOIN orders o ON o.id = oi.order_id "
           "WHERE {products}o.campaign_id = 1 AND o.payment_status IN ('unpaid', 'paid') GROUP BY oi.product_id")
    db = open_database(db_path)
    with db.engine.connect() as app_conn:
        cache_size = int(app_conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA cache_size = {cache_size}")
    floor_s = min(best(lambda: conn.execute(sql.format(products="")).fetchall()),
                  best(lambda: conn.execute(sql.format(
                      products="oi.product_id IN (SELECT id FROM products WHERE campaign_id = 1) AND ")).fetchall()))
    conn.close()
    service = OrderSummaryService(db)
    service.campaign_summary(1)  # warm the page cache and SQLAlchemy's statement cache, as the GUI's 2nd look
    summary_s = best(lambda: service.campaign_summary(1))
    open_s = best(lambda: (service.campaign_summary(1), service.repurchase()))
    repurchase_s = best(service.repurchase)
    leaders_s = best(service.leaders)
    summary = service.campaign_summary(1)
    db.dispose()
    assert sum(p.orders for p in summary.products) > 0
    total = summary_s + repurchase_s + leaders_s
    print(f"summaries: {orders:,} orders, {items:,} order lines")
    print(f"  floor  bare supplier GROUP BY (sqlite3)   {floor_s * 1e3:8.1f} ms")
    print(f"  app    open a campaign's summaries      {open_s * 1e3:8.1f} ms  ({open_s / floor_s:.1f}x floor;"
          " target 200 ms)")
    print(f"  app    campaign_summary                 {summary_s * 1e3:8.1f} ms  ({summary_s / floor_s:.1f}x floor)")
    print(f"  app    repurchase (all campaigns)       {repurchase_s * 1e3:8.1f} ms")
    print(f"  app    leaders                          {leaders_s * 1e3:8.1f} ms")
    print(f"  app    all three                        {total * 1e3:8.1f} ms  ({total / floor_s:.1f}x floor)")


# ------------------------------------------------------------------------------------------- 接龙


def jielong_text(lines: int) -> str:
    rng = random.Random(2)
    variants = ["{n}. {name} 赣南脐橙5斤x{q} {point}", "{n}、{name} 阳光玫瑰×{q} 丹东草莓*1 {point} 晚点取",
                "{n}．{name} {q}份车厘子 {point}", "{n}. 🌸{name}🌸 耙耙柑＊{q} {point} 9栋1单元302",
                "{n}. {name} 车里子x{q} {point}", "{n}) {name} 土鸡蛋{q}盒 苹果x2，{point}，要新鲜的",
                "{n}. {name} 香蕉+{q}", "{n}. {name} 13800138000 赣南脐橙两份 {point} 9-2-301"]
    out = ["#接龙", "周五水果团🍊 今晚8点截单", "例 王芳 赣南脐橙5斤×2 阳光花园", ""]
    for n in range(1, lines + 1):
        name = SURNAMES[n % len(SURNAMES)] + GIVEN[n % len(GIVEN)] + (str(n) if n % 5 == 0 else "")
        number = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")) if n % 7 == 0 else str(n)
        line = variants[n % len(variants)].format(n=number, name=name, q=rng.randint(1, 3),
                                                   point=rng.choice(["阳光花园", "翠苑", "东区门岗", "星河湾"]))
        out.append(line)
    return "\n".join(out)


def bench_jielong(lines: int) -> None:
    catalogue = Catalogue(tuple(ProductChoice(i, n, s, p) for i, (n, s, p, _) in enumerate(PRODUCTS, 1)),
                          tuple(PickupChoice(i, name) for i, name in enumerate(POINTS, 1)), pinyin_syllables)
    text = jielong_text(lines)
    pinyin_syllables("预热")  # pypinyin's import is start-up cost, not per-paste cost
    splitter = re.compile(r"^\s*(\d+)\s*[.、．)]\s*(.*)$", re.MULTILINE)
    floor_s = best(lambda: splitter.findall(text))
    pinyin_syllables.cache_clear()
    pinyin_syllables("预热")
    started = time.perf_counter()
    paste = parse_paste(text, catalogue)
    cold_s = time.perf_counter() - started
    warm_s = best(lambda: parse_paste(text, catalogue))
    problems = sum(not line.ok for line in paste.lines)
    assert len(paste.lines) == lines, len(paste.lines)
    print(f"接龙: {lines} lines ({problems} with problems)")
    print(f"  floor  one-regex line split            {floor_s * 1e3:8.2f} ms")
    print(f"  app    parse_paste, cold pinyin cache  {cold_s * 1e3:8.1f} ms  ({cold_s / floor_s:.0f}x floor;"
          " target 100 ms)")
    print(f"  app    parse_paste, pasted again       {warm_s * 1e3:8.1f} ms  ({warm_s / floor_s:.0f}x floor)")


# ------------------------------------------------------------------------------------------- import


def write_export(path: Path, lines: int) -> int:
    rng = random.Random(3)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("订单")
    when = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    sheet.merge_range(0, 0, 0, 13, "快团团 · 周五水果团 订单导出")
    sheet.write_row(2, 0, ["跟团号", "下单人", "团员备注", "支付时间", "商品", "规格", "数量", "订单金额", "退款金额",
                           "订单状态", "自提点", "收货人", "联系电话", "详细地址"])
    r, order = 3, 0
    while r - 3 < lines:
        order += 1
        buyer = rng.randint(1, 3000)
        name = SURNAMES[buyer % len(SURNAMES)] + GIVEN[buyer % len(GIVEN)] + GIVEN[(buyer // 7) % len(GIVEN)] + str(buyer)
        products = rng.sample(PRODUCTS, min(rng.choice((1, 2, 2, 3, 4)), lines - (r - 3)))
        amount = sum(p[2] for p in products)
        status = rng.choice(["已支付"] * 8 + ["已退款", "未支付"])
        paid = START + timedelta(seconds=41 * order)
        for name_, spec, _price, _cost in products:
            sheet.write_number(r, 0, order)
            sheet.write_string(r, 1, name)
            sheet.write_string(r, 2, "放门口" if order % 9 == 0 else "")
            sheet.write_datetime(r, 3, paid, when)
            sheet.write_string(r, 4, name_)
            sheet.write_string(r, 5, spec)
            sheet.write_number(r, 6, 1)
            sheet.write_string(r, 7, f"¥{amount / 100:,.2f}")
            sheet.write_string(r, 8, f"¥{amount / 100:,.2f}" if status == "已退款" else "")
            sheet.write_string(r, 9, status)
            sheet.write_string(r, 10, POINTS[buyer % len(POINTS)])
            sheet.write_string(r, 11, name)
            sheet.write_number(r, 12, 13_000_000_000 + buyer)
            sheet.write_string(r, 13, f"阳光花园{buyer % 30}栋{buyer % 900 + 101}")
            r += 1
    sheet.write_row(r, 0, ["合计", "", "", "", "", "", lines])
    book.close()
    return order


def bench_import(temp: Path, lines: int) -> None:
    path = temp / "orders.xlsx"
    orders = write_export(path, lines)
    floor_s = best(lambda: pd.read_excel(path, engine="calamine", header=None, dtype=object), runs=3)
    import desktop.services.order_import  # noqa: F401  (imported on the first order import: start-up cost)
    from desktop.workers.tasks import full_collections

    def commit(name: str) -> float:
        db = open_database(temp / name)
        search_key.cache_clear()  # each run computes every buyer's search key, pinyin word by word
        text_module._pinyin.cache_clear()
        search_key("预热")
        started = time.perf_counter()
        report = ImportService(db).commit(path, BatchKind.ORDERS, ImportPolicy.SKIP)
        seconds = time.perf_counter() - started
        db.dispose()
        assert report.inserted == lines and report.failed == 0, (report.inserted, report.failed)
        return seconds

    # the best of three each, like the floor: every run into a new empty store
    app_s = min(commit(f"import-{n}.db") for n in range(3))
    with full_collections:
        gui_s = min(commit(f"import-gui-{n}.db") for n in range(3))
    print(f"import: {lines:,} order lines, {orders:,} orders, every buyer a new member")
    print(f"  floor  calamine read                    {floor_s:8.2f} s")
    print(f"  app    ImportService.commit (CLI)       {app_s:8.2f} s  ({app_s / floor_s:.2f}x floor; target <= 2x)")
    print(f"  app    the same as a GUI job            {gui_s:8.2f} s  ({gui_s / floor_s:.2f}x floor)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=500)
    parser.add_argument("--export-lines", type=int, default=20_000)
    options = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="qundesk-bench-orders-"))
    try:
        bench_jielong(options.lines)
        bench_summaries(temp, options.orders)
        bench_import(temp, options.export_lines)
        return 0
    finally:
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
