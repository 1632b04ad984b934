"""Headless ``kpi`` command: the dashboard's KPI figures for a period and scope, registered into cli.py.

cli.py wires it with two lines, as cli_export: ``cli_kpi.add_commands(sub)`` in build_parser and
``cli_kpi.run(db, args)`` (returned unless None) in run_command. ``--json`` prints exactly
``DashboardService.kpis(...).as_json()``: money in cents, rates as fractions, so scripts can check it.

build_parser runs on every launch, the window's too: what only ``kpi`` needs is imported in ``run``.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.cli_args import add_db, figure_target
from desktop.domain.reports import FigureUnit, display_width  # loaded by cli_args already

if TYPE_CHECKING:
    from desktop.domain.dashboard import KpiReport


def add_commands(sub: Any) -> None:
    """Register ``kpi`` on the parser's sub-parsers action."""
    kpi = sub.add_parser("kpi", help="看板的 KPI 数字 (与看板卡片、运营报告一致)")
    add_db(kpi)
    kpi.add_argument("--period", default="7d", metavar="today|7d|30d|month|FROM..TO",
                     help="today: 今天; 7d / 30d: 含今天的近 7 / 30 天; month: 本月 1 日至今; "
                          "或 2026-11-01..2026-11-30 (含首尾)。默认 7d")
    kpi.add_argument("--scope", default="all", metavar="all|platform:P|segment:NAME|group:ID",
                     help="统计范围: 全部群, 一个平台 (platform:wechat), 一个保存的分组, 或一个群 (group:12)")
    kpi.add_argument("--target", action="append", type=figure_target, default=[], metavar="KEY=VALUE",
                     help="本期目标, 可重复; 金额以元计, 比率写小数 (0.3 = 30%%)")
    kpi.add_argument("--json", action="store_true", help="输出 JSON (金额以分计, 比率为小数)")


def run(db: Any, args: argparse.Namespace) -> int | None:
    """Run ``kpi``; None for any other command (cli.py handles those)."""
    if args.command != "kpi":
        return None
    from desktop.domain.dashboard import parse_dashboard_period, parse_scope
    from desktop.services.dashboard import DashboardService

    today = date.today()
    report = DashboardService(db).kpis(parse_dashboard_period(args.period, today), parse_scope(args.scope),
                                       dict(args.target), today)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        print(_text(report))
    return 0


def _value(value: float | None, unit: FigureUnit) -> str:
    if value is None:
        return "—"
    if unit is FigureUnit.MONEY:
        return f"¥{value / 100:,.2f}"
    if unit is FigureUnit.RATE:
        return f"{value * 100:.1f}%"
    if unit is FigureUnit.AVERAGE:
        return f"{value:,.1f}"
    return f"{round(value):,}"


def _text(report: KpiReport) -> str:
    lines = [f"范围: {report.scope_label}"]
    if report.period is not None and report.previous is not None:
        lines.append(f"本期: {report.period.label()} ({report.period.days} 天)  上期: {report.previous.label()}")
    else:
        lines.append(f"周期: {report.requested.label()}")
    lines += [f"注意: {note}" for note in report.notes]
    for f in report.figures:
        change = "—" if f.change is None else f"{f.change * 100:+.1f}%"
        progress = "" if f.progress is None else f"  完成 {f.progress * 100:.0f}% (目标 {_value(f.target, f.unit)})"
        label = f.label + " " * max(0, 14 - display_width(f.label))  # CJK characters are two columns wide
        lines.append(f"  {label}{_value(f.current, f.unit):>14}  上期 {_value(f.previous, f.unit):>14}  "
                     f"{change:>8}{progress}")
    return "\n".join(lines)
