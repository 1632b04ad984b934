"""Reading a 100,000-row order export, against a floor: the bare calamine read of the same file.

    python tests/benchmarks/bench_import_read.py [--rows 100000] [--rounds 3]

The sheet is written with xlsxwriter the way 快团团 exports look in the wild: a merged title row,
the header on row 3, numeric phones, "¥" amounts as text and as numbers, real datetimes, a
totals row at the bottom; 14 columns.

floor: ``pd.read_excel(path, engine="calamine", header=None, dtype=object)``.
app:   ``load_sheet(path, ImportKind.ORDERS)``: the same read, then header detection, blank and
       totals rows, every cell normalised (amounts to cents, phones, datetimes, statuses).
Prints the median of ``--rounds`` runs of each and the ratio app / floor. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import xlsxwriter

from desktop.domain.imports import ImportKind
from desktop.io.rows import load_sheet

HEADER = ["跟团号", "下单人", "团员备注", "支付时间", "商品", "规格", "数量", "订单金额", "退款金额", "订单状态",
          "自提点", "收货人", "联系电话", "详细地址"]
PRODUCTS = [("赣南脐橙", "5斤装"), ("阳光玫瑰", "2斤"), ("土鸡蛋", "30枚"), ("五常大米", "10斤"), ("牛奶", "1箱")]
POINTS = ["阳光花园3栋", "幸福里小区", "锦绣江南北门", "翠苑一区"]
STATUSES = ["已支付", "已支付", "已支付", "已退款", "已取消"]


def write_sheet(path: Path, rows: int) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("订单")
    when_format = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    sheet.merge_range(0, 0, 0, len(HEADER) - 1, "快团团订单导出 2026-11-20")
    sheet.write_row(2, 0, HEADER)
    start = datetime(2026, 11, 1, 8, 0)
    for i in range(rows):
        product, spec = PRODUCTS[i % len(PRODUCTS)]
        r = i + 3
        sheet.write_number(r, 0, 10_000 + i // 2)
        sheet.write_string(r, 1, f"买家{i % 9973}")
        sheet.write_string(r, 2, "" if i % 3 else "放门口")
        sheet.write_datetime(r, 3, start + timedelta(seconds=37 * i), when_format)
        sheet.write_string(r, 4, product)
        sheet.write_string(r, 5, spec)
        sheet.write_number(r, 6, 1 + i % 4)
        if i % 2:
            sheet.write_string(r, 7, f"¥{(i % 500) * 1.5 + 9.9:,.2f}")
        else:
            sheet.write_number(r, 7, round((i % 500) * 1.5 + 9.9, 2))
        sheet.write_number(r, 8, 0)
        sheet.write_string(r, 9, STATUSES[i % len(STATUSES)])
        sheet.write_string(r, 10, POINTS[i % len(POINTS)])
        sheet.write_string(r, 11, f"收货人{i % 7919}")
        sheet.write_number(r, 12, 13_800_000_000 + i)
        sheet.write_string(r, 13, f"幸福路{i % 300}号{i % 20}栋{i % 30}0{i % 4}室")
    sheet.write_row(rows + 3, 0, ["合计", "", "", "", "", "", rows])
    book.close()


def median_s(fn: Callable[[], object], rounds: int) -> tuple[float, object]:
    result, times = None, []
    for _ in range(rounds):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="qundesk-bench-import-"))
    try:
        path = temp / "orders.xlsx"
        started = time.perf_counter()
        write_sheet(path, options.rows)
        print(f"wrote {options.rows:,} rows x {len(HEADER)} columns in {time.perf_counter() - started:.1f} s "
              f"({path.stat().st_size / 1e6:.1f} MB)")
        floor_s, frame = median_s(
            lambda: pd.read_excel(path, engine="calamine", header=None, dtype=object), options.rounds
        )
        app_s, parsed = median_s(lambda: load_sheet(path, ImportKind.ORDERS), options.rounds)
        assert isinstance(frame, pd.DataFrame) and len(frame) == options.rows + 4
        problems = len(parsed.problems)
        assert len(parsed.rows) == options.rows and problems == 0 and parsed.skipped_rows == (options.rows + 4,)
        print(f"floor  bare calamine read         {floor_s:7.2f} s")
        print(f"app    read + detect + normalise  {app_s:7.2f} s  ({options.rows / app_s:,.0f} rows/s)")
        print(f"ratio  app / floor                {app_s / floor_s:7.2f}x")
        return 0
    finally:
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
