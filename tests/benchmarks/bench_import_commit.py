"""Importing a 100,000-row interactions sheet (and a members sheet) end to end, against a floor in the same run.

    python tests/benchmarks/bench_import_commit.py [--rows 100000] [--kind interactions|members|both]

The sheet (xlsxwriter): a merged title row, the header on row 3, real datetimes, group names and
nicknames that resolve to 50 groups and 2,000 members already in the store, kinds as Chinese words,
"¥" amounts as text and numbers.

floor: ``pd.read_excel(engine="calamine")`` of the file plus one Core executemany of the same
       100,000 interactions (ids already resolved) into a copy of the same database.
app:   ``ImportService.commit``: read, detect the header, normalise every cell, resolve groups and
       members, match natural keys, bulk insert under an ImportBatch, update the day stats.
members variant: 100,000 distinct Chinese nicknames with WeChat ids and phones (every row inserted, so
       every nickname gets a pinyin search key); floor = the read plus one executemany of the same members
       (search keys left empty: the pinyin is the app's cost, not the floor's).
Prints both times, the ratio (target <= 2x) and the process's peak RSS (target < 600 MB; tracemalloc
is not used because it slows the run it measures about threefold).
Not collected by pytest.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import xlsxwriter
from sqlalchemy import insert

from desktop.domain.imports import BatchKind, ImportPolicy
from desktop.services.imports import ImportService
from desktop.services.text import search_key
from desktop.store.engine import open_database
from desktop.store.models import Group, Interaction, Member

GROUPS, MEMBERS = 50, 2000
KINDS = ["发言", "购买", "提问", "发言", "表扬"]
KIND_VALUES = {"发言": "message", "购买": "purchase", "提问": "question", "表扬": "praise"}
START = datetime(2026, 6, 1, 8, 0)


def seed(db_path: Path) -> None:
    db = open_database(db_path)
    with db.transaction() as session:
        session.execute(insert(Group), [{"id": g + 1, "name": f"社群{g + 1}号", "search_key": ""} for g in range(GROUPS)])
        session.execute(insert(Member), [{"id": m + 1, "nickname": f"会员{m + 1}", "search_key": ""}
                                         for m in range(MEMBERS)])
    db.dispose()


def row(i: int) -> tuple[datetime, int, int, str, str, object]:
    amount: object = None
    if i % 5 == 1:
        amount = f"¥{(i % 500) * 1.5 + 9.9:,.2f}" if i % 2 else round((i % 500) * 1.5 + 9.9, 2)
    return (START + timedelta(seconds=97 * i), i % GROUPS + 1, (i * 7) % MEMBERS + 1, KINDS[i % len(KINDS)],
            f"第{i}条记录", amount)


def write_sheet(path: Path, rows: int) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("互动")
    when = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    sheet.merge_range(0, 0, 0, 5, "互动记录导出")
    sheet.write_row(2, 0, ["时间", "群名称", "昵称", "类型", "内容", "金额"])
    for i in range(rows):
        at, group, member, kind, summary, amount = row(i)
        r = i + 3
        sheet.write_datetime(r, 0, at, when)
        sheet.write_string(r, 1, f"社群{group}号")
        sheet.write_string(r, 2, f"会员{member}")
        sheet.write_string(r, 3, kind)
        sheet.write_string(r, 4, summary)
        if amount is not None:
            sheet.write(r, 5, amount)
    book.close()


def floor(path: Path, db_path: Path, rows: int) -> float:
    started = time.perf_counter()
    frame = pd.read_excel(path, engine="calamine", header=None, dtype=object)
    assert len(frame) == rows + 3
    db = open_database(db_path)
    now = datetime.now()
    values = []
    for i in range(rows):
        at, group, member, kind, summary, _amount = row(i)
        values.append({"occurred_at": at, "day": at.date(), "group_id": group, "member_id": member,
                       "kind": KIND_VALUES[kind], "summary": summary, "amount_cents": None, "follow_up_on": None,
                       "follow_up_done": False, "import_batch_id": None, "created_at": now})
    begun = time.perf_counter()
    with db.transaction() as session:
        session.execute(insert(Interaction), values)
    insert_s = time.perf_counter() - begun
    db.dispose()
    total = time.perf_counter() - started
    print(f"floor  calamine read + Core executemany  {total:7.2f} s  (executemany {insert_s:.2f} s)")
    return total


def app(path: Path, db_path: Path, rows: int) -> float:
    db = open_database(db_path)
    started = time.perf_counter()
    report = ImportService(db).commit(path, BatchKind.INTERACTIONS, ImportPolicy.SKIP)
    seconds = time.perf_counter() - started
    db.dispose()
    assert report.inserted == rows and report.failed == 0, (report.inserted, report.failed)
    print(f"app    ImportService.commit              {seconds:7.2f} s  ({rows / seconds:,.0f} rows/s)")
    # the floor ran first in this process, so max RSS bounds the app's peak from above
    print(f"peak   process max RSS                   {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:7.0f} MB"
          "  (target < 600 MB)")
    return seconds


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉飞云凤兰梅琳建国文斌宇浩然子轩梓涵一诺欣怡雨桐晨阳"


def member_row(i: int) -> tuple[str, str, str]:
    nickname = (SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]
                + GIVEN[(i // 7) % len(GIVEN)] + str(i))
    return nickname, f"wx_{i:06d}", f"13{i:09d}"


def write_members_sheet(path: Path, rows: int) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("成员")
    sheet.merge_range(0, 0, 0, 3, "客户名单")
    sheet.write_row(2, 0, ["昵称", "微信号", "手机号", "来源"])
    for i in range(rows):
        nickname, wechat_id, phone = member_row(i)
        sheet.write_row(i + 3, 0, [nickname, wechat_id, int(phone), "线下活动"])
    book.close()


def members_floor(path: Path, db_path: Path, rows: int) -> float:
    started = time.perf_counter()
    frame = pd.read_excel(path, engine="calamine", header=None, dtype=object)
    assert len(frame) == rows + 3
    db = open_database(db_path)
    now = datetime.now()
    values = [{"nickname": n, "wechat_id": w, "phone": p, "name": "", "address": "", "tier": "prospect",
               "seed_user": False, "referrer_id": None, "source": "线下活动", "note": "", "search_key": "",
               "import_batch_id": None, "created_at": now, "updated_at": now}
              for n, w, p in map(member_row, range(rows))]
    with db.transaction() as session:
        session.execute(insert(Member), values)
    db.dispose()
    total = time.perf_counter() - started
    print(f"floor  calamine read + Core executemany  {total:7.2f} s")
    return total


def members_app(path: Path, db_path: Path, rows: int) -> float:
    db = open_database(db_path)
    search_key("预热")  # pypinyin's 0.3 s import is start-up cost, not per-row cost
    started = time.perf_counter()
    report = ImportService(db).commit(path, BatchKind.MEMBERS, ImportPolicy.SKIP)
    seconds = time.perf_counter() - started
    db.dispose()
    assert report.inserted == rows and report.failed == 0, (report.inserted, report.failed)
    print(f"app    ImportService.commit              {seconds:7.2f} s  ({rows / seconds:,.0f} rows/s)")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--kind", choices=("interactions", "members", "both"), default="both")
    options = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="qundesk-bench-commit-"))
    try:
        seed(temp / "seeded.db")
        if options.kind in ("interactions", "both"):
            path = temp / "interactions.xlsx"
            write_sheet(path, options.rows)
            shutil.copy(temp / "seeded.db", temp / "floor.db")
            shutil.copy(temp / "seeded.db", temp / "app.db")
            print(f"{options.rows:,} interactions, {GROUPS} groups, {MEMBERS:,} members")
            floor_s = floor(path, temp / "floor.db", options.rows)
            app_s = app(path, temp / "app.db", options.rows)
            print(f"ratio  app / floor                       {app_s / floor_s:7.2f}x  (target <= 2x)")
        if options.kind in ("members", "both"):
            path = temp / "members.xlsx"
            write_members_sheet(path, options.rows)
            shutil.copy(temp / "seeded.db", temp / "members-floor.db")
            shutil.copy(temp / "seeded.db", temp / "members-app.db")
            print(f"{options.rows:,} new members (distinct Chinese nicknames), beside {MEMBERS:,} already stored")
            floor_s = members_floor(path, temp / "members-floor.db", options.rows)
            app_s = members_app(path, temp / "members-app.db", options.rows)
            print(f"ratio  app / floor                       {app_s / floor_s:7.2f}x  (target <= 2x)")
        return 0
    finally:
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
