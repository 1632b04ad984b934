"""The import report as .xlsx: every row with what happened to it and why, and a summary sheet."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter

from desktop.domain.imports import ImportReport, RowOutcome

from .normalize import FORMULA_STARTS

OUTCOME_TITLES = {RowOutcome.INSERTED: "新增", RowOutcome.UPDATED: "更新", RowOutcome.SKIPPED: "跳过",
                  RowOutcome.FAILED: "失败"}
ENTITY_TITLES = {"group": "群", "member": "成员", "interaction": "互动记录", "group_day_stat": "每日群统计",
                 "chat": "聊天记录"}
HEADER = ("行号", "结果", "对象", "记录", "原因")
MAX_WIDTH = 80


def display_width(text: str) -> int:
    """Columns a text takes in Excel: CJK and other wide characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def write_import_report(report: ImportReport, path: Path) -> Path:
    """Write the report; returns the path. Text that looks like a formula is stored as text."""
    path = Path(path)
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    try:
        bold = book.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1})
        quoted = book.add_format({"quote_prefix": True})
        rows = [(r.row or "", OUTCOME_TITLES[r.outcome], ENTITY_TITLES.get(r.entity, r.entity), r.key, r.reason)
                for r in report.results]
        _table(book.add_worksheet("导入明细"), HEADER, rows, bold, quoted)
        summary = [("文件", report.source_name), ("工作表", report.sheet_name), ("批次", f"#{report.batch_id}"),
                   ("方式", report.policy.value), ("新增", report.inserted), ("更新", report.updated),
                   ("跳过", report.skipped), ("失败", report.failed), ("用时(秒)", round(report.seconds, 2))]
        _table(book.add_worksheet("概要"), ("项目", "内容"), summary, bold, quoted)
    finally:
        book.close()
    return path


def _table(sheet, header: Sequence[str], rows: Sequence[Sequence[object]], bold, quoted) -> None:  # type: ignore[no-untyped-def]
    """A bold frozen header with an autofilter, columns as wide as their widest text."""
    widths = [display_width(title) for title in header]
    sheet.write_row(0, 0, header, bold)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(r, c, value, quoted if value[:1] in FORMULA_STARTS else None)
                widths[c] = max(widths[c], display_width(value))
            else:
                sheet.write(r, c, value)
                widths[c] = max(widths[c], len(str(value)))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(header) - 1)
    for c, width in enumerate(widths):
        sheet.set_column(c, c, min(width + 2, MAX_WIDTH))
