"""The boss report as one .xlsx: a summary with charts, then one plain table per sheet.

Only plain xlsxwriter features (cell formats, frozen panes, autofilters, classic line/bar/column charts,
no formulas, no dynamic arrays), so the file opens the same in Excel, WPS and LibreOffice. Chart data
lives in the 每日 and Top 20 sheets, where the boss can also read the exact values.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from desktop.domain.errors import ValidationError
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.domain.reports import (
    PLATFORM_NAMES,
    STATUS_NAMES,
    ColumnKind,
    ColumnSpec,
    Figure,
    FigureUnit,
    GroupRow,
    ReportFigures,
    display_name,
)

from .export import TableWriter, atomic_target, new_workbook

SHEET_SUMMARY = "汇总"
SHEET_DAYS = "每日"
SHEET_GROUPS = "群明细"
SHEET_TOP = "活跃群Top20"
SHEET_DORMANT = "沉默群"
SHEET_NEW = "新成员"
SHEET_TIERS = "等级变动"
SHEET_PRODUCTS = "商品汇总"
SHEET_PICKUPS = "自提点汇总"

#: where the summary table starts (title rows above it)
SUMMARY_HEADER_ROW = 4
SUMMARY_HEADERS = ("指标类别", "指标", "本期", "上期", "变化", "目标", "完成度")
UNIT_FORMATS: dict[FigureUnit, str] = {
    FigureUnit.COUNT: "#,##0",
    FigureUnit.AVERAGE: "#,##0.0",
    FigureUnit.MONEY: "¥#,##0.00",
    FigureUnit.RATE: "0.0%",
}
K = ColumnKind

DAY_COLUMNS = (
    ColumnSpec("日期", K.DATE), ColumnSpec("消息数", K.INT), ColumnSpec("活跃成员", K.INT),
    ColumnSpec("入群", K.INT), ColumnSpec("退群", K.INT), ColumnSpec("订单数", K.INT), ColumnSpec("成交额", K.MONEY),
)
GROUP_COLUMNS = (
    ColumnSpec("群名称"), ColumnSpec("平台"), ColumnSpec("状态"), ColumnSpec("群主"), ColumnSpec("人数", K.INT),
    ColumnSpec("消息数", K.INT), ColumnSpec("活跃天数", K.INT), ColumnSpec("日均活跃成员", K.NUMBER),
    ColumnSpec("入群", K.INT), ColumnSpec("退群", K.INT), ColumnSpec("净增", K.INT),
    ColumnSpec("订单数", K.INT), ColumnSpec("成交额", K.MONEY), ColumnSpec("最后活跃", K.DATE),
    ColumnSpec("沉默天数", K.INT),
)
TOP_COLUMNS = (
    ColumnSpec("排名", K.INT, 6), ColumnSpec("群名称"), ColumnSpec("平台"), ColumnSpec("消息数", K.INT),
    ColumnSpec("活跃天数", K.INT), ColumnSpec("日均活跃成员", K.NUMBER), ColumnSpec("净增", K.INT),
    ColumnSpec("成交额", K.MONEY),
)
DORMANT_COLUMNS = (
    ColumnSpec("群名称"), ColumnSpec("平台"), ColumnSpec("状态"), ColumnSpec("群主"), ColumnSpec("人数", K.INT),
    ColumnSpec("最后活跃", K.DATE), ColumnSpec("沉默天数", K.INT),
)
NEW_MEMBER_COLUMNS = (
    ColumnSpec("入群日期", K.DATE), ColumnSpec("昵称"), ColumnSpec("手机号", K.PHONE), ColumnSpec("等级"),
    ColumnSpec("来源"), ColumnSpec("加入的群"),
)
TIER_COLUMNS = (
    ColumnSpec("时间", K.DATETIME), ColumnSpec("成员编号", K.INT), ColumnSpec("昵称"), ColumnSpec("原等级"),
    ColumnSpec("新等级"), ColumnSpec("原因"),
)
PRODUCT_COLUMNS = (
    ColumnSpec("团购活动"), ColumnSpec("商品"), ColumnSpec("规格"), ColumnSpec("数量", K.INT),
    ColumnSpec("订单数", K.INT), ColumnSpec("金额", K.MONEY),
)
PICKUP_COLUMNS = (
    ColumnSpec("自提点"), ColumnSpec("地址"), ColumnSpec("订单数", K.INT), ColumnSpec("购买人数", K.INT),
    ColumnSpec("金额", K.MONEY), ColumnSpec("退款", K.MONEY),
)


def _average(total: int, days: int) -> float:
    return round(total / days, 1) if days else 0.0


def _group_cells(g: GroupRow, days: int) -> tuple[Any, ...]:
    return (g.name, display_name(PLATFORM_NAMES, g.platform), display_name(STATUS_NAMES, g.status), g.owner,
            g.member_count, g.messages, g.active_days, _average(g.active_member_days, days), g.joins, g.leaves,
            g.joins - g.leaves, g.orders, g.gmv_cents, g.last_active, g.silent_days)


class _ReportWriter:
    def __init__(self, workbook: Workbook, report: ReportFigures, full_phones: bool) -> None:
        self.book = workbook
        self.report = report
        self.tables = TableWriter(workbook, full_phones=full_phones)
        self.title = workbook.add_format({"bold": True, "font_size": 16})
        self.muted = workbook.add_format({"font_color": "#666666"})
        self.units = {unit: workbook.add_format({"num_format": code}) for unit, code in UNIT_FORMATS.items()}
        self.percent = workbook.add_format({"num_format": "+0.0%;-0.0%;0.0%"})
        self.progress = workbook.add_format({"num_format": "0.0%"})
        self.dash = workbook.add_format({"align": "center", "font_color": "#999999"})

    # ----------------------------------------------------------------- summary
    def summary(self, sheet: Worksheet) -> None:
        r = self.report
        sheet.write_string(0, 0, f"社群运营报告 {r.period.label()}", self.title)
        sheet.write_string(1, 0, f"本期 {r.period.label()} ({r.period.days} 天)；对比上期 {r.previous.label()}",
                           self.muted)
        sheet.write_string(2, 0, f"生成于 {r.generated_at:%Y-%m-%d %H:%M}", self.muted)
        for c, header in enumerate(SUMMARY_HEADERS):
            sheet.write_string(SUMMARY_HEADER_ROW, c, header, self.tables.header)
        for i, figure in enumerate(r.figures, start=SUMMARY_HEADER_ROW + 1):
            self._figure_row(sheet, i, figure)
        row = SUMMARY_HEADER_ROW + len(r.figures) + 2
        for note in r.notes:
            sheet.write_string(row, 0, f"注：{note}", self.muted)
            row += 1
        sheet.set_column(0, 0, 12)
        sheet.set_column(1, 1, 16)
        sheet.set_column(2, 6, 14)
        sheet.freeze_panes(SUMMARY_HEADER_ROW + 1, 0)

    def _figure_row(self, sheet: Worksheet, row: int, f: Figure) -> None:
        fmt = self.units[f.unit]
        scale = 100 if f.unit is FigureUnit.MONEY else 1  # money figures are cents, the sheet shows yuan
        sheet.write_string(row, 0, f.family)
        sheet.write_string(row, 1, f.label)
        sheet.write_number(row, 2, f.current / scale, fmt)
        sheet.write_number(row, 3, f.previous / scale, fmt)
        self._maybe(sheet, row, 4, f.change, self.percent)
        self._maybe(sheet, row, 5, None if f.target is None else f.target / scale, fmt)
        self._maybe(sheet, row, 6, f.progress, self.progress)

    def _maybe(self, sheet: Worksheet, row: int, col: int, value: float | None, fmt: Any) -> None:
        # a dash, not 0 or an error: "no previous figure" and "no target" are not zero
        if value is None:
            sheet.write_string(row, col, "—", self.dash)
        else:
            sheet.write_number(row, col, value, fmt)

    def charts(self, summary: Worksheet) -> None:
        """Charts on the summary sheet, drawn from the 每日 sheet."""
        last = len(self.report.days)
        if last == 0:
            return
        dates = [SHEET_DAYS, 1, 0, last, 0]
        line = self.book.add_chart({"type": "line"})
        line.add_series({"name": [SHEET_DAYS, 0, 1], "categories": dates, "values": [SHEET_DAYS, 1, 1, last, 1],
                         "line": {"color": "#4472C4", "width": 2}})
        line.add_series({"name": [SHEET_DAYS, 0, 2], "categories": dates, "values": [SHEET_DAYS, 1, 2, last, 2],
                         "line": {"color": "#ED7D31", "width": 2}, "y2_axis": True})
        line.set_title({"name": "每日消息数与活跃成员"})
        line.set_x_axis({"num_format": "mm-dd"})
        line.set_y_axis({"name": "消息数"})
        line.set_y2_axis({"name": "活跃成员"})
        line.set_legend({"position": "bottom"})
        line.set_size({"width": 720, "height": 320})
        summary.insert_chart(1, 8, line)
        if self.report.has_orders:
            column = self.book.add_chart({"type": "column"})
            column.add_series({"name": [SHEET_DAYS, 0, 5], "categories": dates,
                               "values": [SHEET_DAYS, 1, 5, last, 5], "fill": {"color": "#70AD47"}})
            column.set_title({"name": "每日订单数"})
            column.set_x_axis({"num_format": "mm-dd"})
            column.set_legend({"none": True})
            column.set_size({"width": 720, "height": 320})
            summary.insert_chart(18, 8, column)

    def top_chart(self, sheet: Worksheet) -> None:
        n = len(self.report.top_groups)
        if n == 0:
            return
        bar = self.book.add_chart({"type": "bar"})
        bar.add_series({"name": [SHEET_TOP, 0, 3], "categories": [SHEET_TOP, 1, 1, n, 1],
                        "values": [SHEET_TOP, 1, 3, n, 3], "fill": {"color": "#4472C4"}})
        bar.set_title({"name": f"消息数最多的 {n} 个群"})
        # a bar chart draws its first category at the bottom; reversed, rank 1 is on top
        bar.set_y_axis({"reverse": True})
        bar.set_legend({"none": True})
        bar.set_size({"width": 640, "height": max(320, 24 * n + 80)})
        sheet.insert_chart(1, len(TOP_COLUMNS) + 1, bar)

    # ----------------------------------------------------------------- tables
    def table(self, name: str, columns: tuple[ColumnSpec, ...], rows: Any) -> Worksheet:
        sheet = self.book.add_worksheet(name)
        self.tables.write(sheet, columns, rows)
        return sheet


def write_report(
    report: ReportFigures,
    out_path: Path | str,
    *,
    full_phones: bool = False,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """Write the report workbook; the file appears only once complete. Raises Cancelled on cancel."""
    path = Path(out_path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError(f"报告只能保存为 .xlsx：{path.name}", "out_path")
    if not path.parent.is_dir():
        raise ValidationError(f"文件夹不存在：{path.parent}", "out_path")
    r = report
    days = r.period.days
    steps: list[tuple[str, Callable[[_ReportWriter], object]]] = [
        (SHEET_DAYS, lambda w: w.table(SHEET_DAYS, DAY_COLUMNS, (
            (d.day, d.messages, d.active_members, d.joins, d.leaves, d.orders, d.gmv_cents) for d in r.days))),
        (SHEET_GROUPS, lambda w: w.table(SHEET_GROUPS, GROUP_COLUMNS, (_group_cells(g, days) for g in r.groups))),
        (SHEET_TOP, lambda w: w.top_chart(w.table(SHEET_TOP, TOP_COLUMNS, (
            (i, g.name, display_name(PLATFORM_NAMES, g.platform), g.messages, g.active_days,
             _average(g.active_member_days, days), g.joins - g.leaves, g.gmv_cents)
            for i, g in enumerate(r.top_groups, start=1))))),
        (SHEET_DORMANT, lambda w: w.table(SHEET_DORMANT, DORMANT_COLUMNS, (
            (g.name, display_name(PLATFORM_NAMES, g.platform), display_name(STATUS_NAMES, g.status), g.owner,
             g.member_count, g.last_active, g.silent_days if g.silent_days is not None else "从未发言")
            for g in r.dormant_groups))),
        (SHEET_NEW, lambda w: w.table(SHEET_NEW, NEW_MEMBER_COLUMNS, (
            (m.joined_on, m.nickname, m.phone, m.tier, m.source, m.group_name) for m in r.new_members))),
        (SHEET_TIERS, lambda w: w.table(SHEET_TIERS, TIER_COLUMNS, (
            (t.at, t.member_id, t.nickname, t.from_tier, t.to_tier, t.reason) for t in r.tier_changes))),
    ]
    if r.has_orders:
        steps += [
            (SHEET_PRODUCTS, lambda w: w.table(SHEET_PRODUCTS, PRODUCT_COLUMNS, (
                (p.campaign, p.product, p.spec, p.quantity, p.orders, p.amount_cents) for p in r.products))),
            (SHEET_PICKUPS, lambda w: w.table(SHEET_PICKUPS, PICKUP_COLUMNS, (
                (p.name, p.address, p.orders, p.buyers, p.amount_cents, p.refund_cents) for p in r.pickup_points))),
        ]
    total = len(steps) + 1
    with atomic_target(path) as tmp:
        # constant_memory: the new-members sheet of a busy month can run to tens of thousands of rows
        book = new_workbook(tmp, constant_memory=True)
        try:
            writer = _ReportWriter(book, r, full_phones)
            summary = book.add_worksheet(SHEET_SUMMARY)
            writer.summary(summary)
            for done, (name, step) in enumerate(steps, start=1):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                if progress is not None:
                    progress(done, total, f"写入“{name}”…")
                step(writer)
            # only now: a chart naming a sheet that was never added (cancelled before it) breaks close()
            writer.charts(summary)
        finally:
            book.close()
    if progress is not None:
        progress(total, total, f"报告已保存：{path.name}")
    return path
