"""Exporting 100,000 rows with styling, against a floor: a bare xlsxwriter write of the same values.

    python tests/benchmarks/bench_export.py [--rows 100000] [--rounds 3]

The rows look like a member export: a CJK nickname (some with a leading "=" or "+"), a count, an
amount in cents, a rate, a date, a datetime, a phone and a text column; 8 columns.

floor: ``xlsxwriter.Workbook(constant_memory=True)`` and ``sheet.write(r, c, value)`` for every cell,
       no formats, no header, no widths.
app:   ``desktop.io.export.write_table``: header (bold, frozen, autofilter), fitted widths, number /
       currency / percent / date formats, masked phones, formula quoting, progress, temp file + rename.
Prints the median of ``--rounds`` runs of each, the ratio app / floor (target <= 1.3) and the peak
resident memory of the process (target < 600 MB). Not collected by pytest.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import xlsxwriter

from desktop.domain.reports import ColumnKind, ColumnSpec
from desktop.io.export import write_table

K = ColumnKind
COLUMNS = [
    ColumnSpec("昵称"), ColumnSpec("所在群数", K.INT), ColumnSpec("消费金额", K.MONEY), ColumnSpec("复购率", K.PERCENT),
    ColumnSpec("入群日期", K.DATE), ColumnSpec("最后发言", K.DATETIME), ColumnSpec("手机号", K.PHONE),
    ColumnSpec("来源"),
]
NAMES = ["小太阳🌞", "宝妈团购·王姐", "=SUM(A1)", "+1 两份", "夜跑的阿杰", "Mia", "胖胖的猫咪", "社区团长老李"]
SOURCES = ["扫码进群", "企微名片", "门店引流", "老带新", "群接龙"]


def make_rows(n: int) -> list[tuple[object, ...]]:
    start_day, start_time = date(2025, 1, 1), datetime(2026, 11, 1, 8, 0)
    return [
        (f"{NAMES[i % len(NAMES)]}{i}", 1 + i % 7, (i * 37) % 500_000, (i % 100) / 100,
         start_day + timedelta(days=i % 600), start_time + timedelta(seconds=41 * i),
         f"1{3 + i % 7}{i:09d}"[:11], SOURCES[i % len(SOURCES)])
        for i in range(n)
    ]


def bare(path: Path, rows: list[tuple[object, ...]]) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()


def styled(path: Path, rows: list[tuple[object, ...]]) -> None:
    write_table(COLUMNS, rows, path, total=len(rows), progress=lambda *_: None)


def timed(fn: Callable[[Path, list[tuple[object, ...]]], None], path: Path, rows: list[tuple[object, ...]],
          rounds: int) -> float:
    runs = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn(path, rows)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rows = make_rows(args.rows)
    print(f"rows: {args.rows:,} x {len(COLUMNS)} columns; peak RSS after building them: {peak_rss_mb():.0f} MB")
    with tempfile.TemporaryDirectory() as folder:
        floor = timed(bare, Path(folder) / "bare.xlsx", rows, args.rounds)
        app = timed(styled, Path(folder) / "styled.xlsx", rows, args.rounds)
        csv_time = timed(styled, Path(folder) / "styled.csv", rows, 1)
        sizes = {p.name: p.stat().st_size for p in Path(folder).iterdir()}
    print(f"floor (bare xlsxwriter write): {floor:.2f} s")
    print(f"app   (styled write_table):   {app:.2f} s")
    print(f"ratio app / floor:            {app / floor:.2f}x (target <= 1.3)")
    print(f"csv   (write_table .csv):     {csv_time:.2f} s")
    print(f"file sizes: {', '.join(f'{k} {v / 1e6:.1f} MB' for k, v in sorted(sizes.items()))}")
    print(f"peak RSS of the process:      {peak_rss_mb():.0f} MB (target < 600)")


if __name__ == "__main__":
    main()
