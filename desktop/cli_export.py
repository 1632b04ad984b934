"""Headless ``export`` and ``report`` commands, registered into cli.py's sub-parsers.

cli.py wires them with two lines: ``cli_export.add_commands(sub)`` in build_parser, and
``result = cli_export.run(db, args)`` (returning it unless None) in run_command.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from typing import Any

from desktop.cli_args import add_db, figure_target
from desktop.domain.progress import ProgressFn
from desktop.domain.reports import parse_period

EXPORT_KINDS = ("groups", "members", "interactions", "day_stats", "supplier", "pickup")


def add_commands(sub: Any) -> None:
    """Register ``export`` and ``report`` on the parser's sub-parsers action."""
    export = sub.add_parser("export", help="把一张表导出为 .xlsx 或 .csv (手机号默认打码)")
    add_db(export)
    export.add_argument("--kind", required=True, choices=EXPORT_KINDS, help="导出哪张表")
    export.add_argument("--out", required=True, metavar="FILE", help="输出文件 (.xlsx 或 .csv)")
    export.add_argument("--full-phones", action="store_true", help="导出完整手机号 (会记入审计日志)")
    export.add_argument("--campaign", type=int, metavar="ID",
                        help="supplier (供货单) / pickup (各自提点提货单): 团购活动编号, 默认最新的一个")

    report = sub.add_parser("report", help="生成给老板的运营报告 (.xlsx, 含图表)")
    add_db(report)
    report.add_argument("--period", default="week", metavar="week|month|FROM..TO",
                        help="week: 上一个完整自然周 (周一至周日); month: 上一个完整自然月; "
                             "或 2026-11-01..2026-11-30 (含首尾)")
    report.add_argument("--out", required=True, metavar="FILE", help="输出文件 (.xlsx)")
    report.add_argument("--target", action="append", type=figure_target, default=[], metavar="KEY=VALUE",
                        help="本期目标, 可重复; 金额以元计, 比率写小数 (0.3 = 30%%)")


def run(db: Any, args: argparse.Namespace) -> int | None:
    """Run ``export`` or ``report``; None for any other command (cli.py handles those)."""
    if args.command == "export":
        return _export(db, args)
    if args.command == "report":
        return _report(db, args)
    return None


def _progress_printer() -> ProgressFn:
    last = [0.0]

    def report(done: int, total: int, message: str) -> None:
        now = time.monotonic()
        if now - last[0] < 0.5 and done < total:
            return
        last[0] = now
        percent = 100 * done // total if total else 100
        print(f"\r{percent:3d}% {message}", end="", file=sys.stderr, flush=True)

    return report


def _export(db: Any, args: argparse.Namespace) -> int:
    from desktop import cli_orders
    from desktop.services.exports import ExportService

    if args.kind in cli_orders.SHEET_KINDS:
        return cli_orders.export_sheet(db, args)

    result = ExportService(db).export(args.kind, args.out, full_phones=args.full_phones,
                                      progress=_progress_printer())
    print(file=sys.stderr)
    print(f"已导出 {result.rows:,} 行到 {result.path}")
    if result.full_phones:
        print("注意: 文件含完整手机号, 本次导出已记入审计日志", file=sys.stderr)
    return 0


def _report(db: Any, args: argparse.Namespace) -> int:
    from desktop.io.report_workbook import write_report
    from desktop.services.reports import ReportService

    period = parse_period(args.period, date.today())
    figures = ReportService(db).figures(period.start, period.end, dict(args.target))
    path = write_report(figures, args.out, progress=_progress_printer())
    print(file=sys.stderr)
    print(f"报告已保存: {path} (本期 {period.label()}, 对比 {figures.previous.label()})")
    return 0
