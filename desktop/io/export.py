"""A generic table writer: typed columns and streamed rows to a styled .xlsx or a UTF-8-with-BOM .csv.

Text can never run as a formula: a text cell starting with one of ``FORMULA_STARTS`` gets the OWASP
quote prefix and is written as a string, and desktop.io.normalize.to_text takes exactly that prefix off
again on import. Phones are masked unless the caller asks for a full export.

The file appears only when complete: rows go to a temporary file next to the target, renamed at the end,
so a cancelled or failed export leaves nothing half-written behind.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from desktop.domain.errors import ValidationError
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.domain.reports import ColumnKind, ColumnSpec, display_width, mask_phone

from .normalize import FORMULA_STARTS

SUFFIXES = (".xlsx", ".csv")
#: rows looked at to fit column widths (the whole file would cost a pass over 100,000 rows)
WIDTH_SAMPLE_ROWS = 500
WIDTH_MIN, WIDTH_MAX = 6, 60
#: how often (rows) progress is reported and the cancel token polled
TICK_ROWS = 2000
EXCEL_MAX_ROWS = 1_048_576

#: number formats by column kind (plain built-in-style codes every spreadsheet program reads)
NUMBER_FORMATS: dict[ColumnKind, str] = {
    ColumnKind.INT: "#,##0",
    ColumnKind.NUMBER: "#,##0.0",
    ColumnKind.MONEY: "¥#,##0.00",
    ColumnKind.PERCENT: "0.0%",
    ColumnKind.DATE: "yyyy-mm-dd",
    ColumnKind.DATETIME: "yyyy-mm-dd hh:mm:ss",
}
#: fitted widths of non-text kinds (their text form is known in advance)
KIND_WIDTHS: dict[ColumnKind, int] = {
    ColumnKind.INT: 10, ColumnKind.NUMBER: 10, ColumnKind.MONEY: 14, ColumnKind.PERCENT: 9,
    ColumnKind.DATE: 12, ColumnKind.DATETIME: 20, ColumnKind.PHONE: 16,
}

CellWriter = Callable[[Worksheet, int, int, Any], None]


def formula_safe(text: str) -> str:
    """Text that cannot run as a formula: the OWASP single-quote prefix before =, +, -, @, tab, CR, LF."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def phone_text(value: object, full: bool) -> str:
    text = str(value)
    return text if full else mask_phone(text)


def money_text(cents: int) -> str:
    """Cents as exact yuan text (no float rounding): -1250 -> "-12.50"."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    return f"{sign}{whole}.{part:02d}"


# --------------------------------------------------------------------------------------------------
# xlsx


class TableWriter:
    """Writes typed tables into the sheets of one xlsxwriter workbook (formats are created once)."""

    def __init__(self, workbook: Workbook, *, full_phones: bool = False) -> None:
        self.workbook = workbook
        self.full_phones = full_phones
        self.header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "bottom": 1, "valign": "vcenter"})
        self.formats = {kind: workbook.add_format({"num_format": code}) for kind, code in NUMBER_FORMATS.items()}
        self._writers = {kind: self._cell_writer(kind) for kind in ColumnKind}

    def write(
        self,
        sheet: Worksheet,
        columns: Sequence[ColumnSpec],
        rows: Iterable[Sequence[object]],
        *,
        first_row: int = 0,
        on_tick: Callable[[int], None] | None = None,
    ) -> int:
        """Header at ``first_row`` (bold, frozen, autofiltered) then the rows; returns the rows written."""
        if not columns:
            raise ValidationError("没有要导出的列", "columns")
        it = iter(rows)
        sample = list(islice(it, WIDTH_SAMPLE_ROWS))
        self._fit_columns(sheet, columns, sample)
        for c, spec in enumerate(columns):
            sheet.write_string(first_row, c, spec.header, self.header)
        sheet.freeze_panes(first_row + 1, 0)
        writers = [self._writers[spec.kind] for spec in columns]
        count = self._write_rows(sheet, writers, sample, first_row + 1, 0, on_tick)
        count = self._write_rows(sheet, writers, it, first_row + 1 + count, count, on_tick)
        sheet.autofilter(first_row, 0, first_row + max(count, 1), len(columns) - 1)
        return count

    @staticmethod
    def _write_rows(sheet: Worksheet, writers: list[CellWriter], rows: Iterable[Sequence[object]], start: int,
                    done: int, on_tick: Callable[[int], None] | None) -> int:
        r = start
        for row in rows:
            if r >= EXCEL_MAX_ROWS:
                raise ValidationError(f"超过 Excel 的行数上限 ({EXCEL_MAX_ROWS:,} 行)；请缩小范围或导出为 CSV", "rows")
            for c, value in enumerate(row):
                if value is not None:
                    writers[c](sheet, r, c, value)
            r += 1
            if on_tick is not None and (r - start) % TICK_ROWS == 0:
                on_tick(done + r - start)
        return done + r - start

    def _fit_columns(self, sheet: Worksheet, columns: Sequence[ColumnSpec], sample: list[Sequence[object]]) -> None:
        for c, spec in enumerate(columns):
            if spec.width is not None:
                width = spec.width
            else:
                width = max(display_width(spec.header) + 3, KIND_WIDTHS.get(spec.kind, WIDTH_MIN))  # +3: filter button
                if spec.kind is ColumnKind.TEXT:
                    longest = max((display_width(str(row[c])) for row in sample if row[c] is not None), default=0)
                    width = max(width, longest + 1)
                width = min(max(width, WIDTH_MIN), WIDTH_MAX)
            sheet.set_column(c, c, width)

    def _cell_writer(self, kind: ColumnKind) -> CellWriter:
        """One small function per kind, chosen once per column, so the row loop does no dispatching."""
        fmt = self.formats.get(kind)

        def text(sheet: Worksheet, r: int, c: int, value: Any) -> None:
            s = value if isinstance(value, str) else str(value)
            if s:
                sheet.write_string(r, c, formula_safe(s))

        def number(sheet: Worksheet, r: int, c: int, value: Any) -> None:
            if isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(r, c, value, fmt)
            else:
                text(sheet, r, c, value)

        def money(sheet: Worksheet, r: int, c: int, value: Any) -> None:
            if isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(r, c, value / 100, fmt)
            else:
                text(sheet, r, c, value)

        def when(sheet: Worksheet, r: int, c: int, value: Any) -> None:
            if isinstance(value, date):
                sheet.write_datetime(r, c, value, fmt)
            else:
                text(sheet, r, c, value)

        full = self.full_phones

        def phone(sheet: Worksheet, r: int, c: int, value: Any) -> None:
            text(sheet, r, c, phone_text(value, full))

        return {
            ColumnKind.TEXT: text, ColumnKind.INT: number, ColumnKind.NUMBER: number,
            ColumnKind.PERCENT: number, ColumnKind.MONEY: money, ColumnKind.DATE: when,
            ColumnKind.DATETIME: when, ColumnKind.PHONE: phone,
        }[kind]


def new_workbook(path: Path, *, constant_memory: bool = False) -> Workbook:
    """A workbook with the options every file of ours uses (no URL or number guessing, no NaN surprises)."""
    return xlsxwriter.Workbook(str(path), {
        "constant_memory": constant_memory,
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "nan_inf_to_errors": True,
    })


# --------------------------------------------------------------------------------------------------
# csv


def _csv_cell(kind: ColumnKind, value: object, full_phones: bool) -> str:
    if value is None:
        return ""
    if kind is ColumnKind.PHONE:
        return formula_safe(phone_text(value, full_phones))
    if isinstance(value, bool) or not isinstance(value, int | float | date):
        return formula_safe(str(value))
    if kind is ColumnKind.MONEY and isinstance(value, int):
        return money_text(value)
    if kind is ColumnKind.MONEY:
        return f"{value / 100:.2f}"
    if kind is ColumnKind.PERCENT and isinstance(value, int | float):
        return f"{value * 100:.1f}%"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _write_csv(path: Path, columns: Sequence[ColumnSpec], rows: Iterable[Sequence[object]], full_phones: bool,
               on_tick: Callable[[int], None]) -> int:
    kinds = [spec.kind for spec in columns]
    count = 0
    # utf-8-sig: the BOM is what makes Excel open a CSV as UTF-8 instead of the ANSI code page
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([formula_safe(spec.header) for spec in columns])
        for row in rows:
            out.writerow([_csv_cell(kind, value, full_phones) for kind, value in zip(kinds, row, strict=False)])
            count += 1
            if count % TICK_ROWS == 0:
                on_tick(count)
    return count


# --------------------------------------------------------------------------------------------------
# the one entry point


def check_out_path(out_path: Path | str) -> Path:
    path = Path(out_path)
    if path.suffix.lower() not in SUFFIXES:
        raise ValidationError(f"只能导出为 .xlsx 或 .csv：{path.name}", "out_path")
    if not path.parent.is_dir():
        raise ValidationError(f"文件夹不存在：{path.parent}", "out_path")
    return path


@contextlib.contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """A temporary path next to ``path``, renamed onto it only if the block finishes."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_table(
    columns: Sequence[ColumnSpec],
    rows: Iterable[Sequence[object]],
    out_path: Path | str,
    *,
    full_phones: bool = False,
    total: int = 0,
    sheet_name: str = "数据",
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """Write a table to ``out_path`` (.xlsx or .csv by suffix); returns the data rows written.

    ``rows`` is consumed once, in order (a generator over a database cursor is fine); ``total`` is only
    for progress. Raises Cancelled when ``cancel`` is set, leaving no file behind.
    """
    path = check_out_path(out_path)
    message = f"导出 {path.name}…"

    def tick(done: int) -> None:
        if cancel is not None:
            cancel.raise_if_cancelled()
        if progress is not None:
            progress(done, max(total, done), message)

    tick(0)
    with atomic_target(path) as tmp:
        if path.suffix.lower() == ".csv":
            count = _write_csv(tmp, columns, rows, full_phones, tick)
        else:
            # constant_memory streams each finished row to disk: 100,000 rows stay flat in memory
            workbook = new_workbook(tmp, constant_memory=True)
            try:
                sheet = workbook.add_worksheet(sheet_name[:31])
                count = TableWriter(workbook, full_phones=full_phones).write(sheet, columns, rows, on_tick=tick)
            finally:
                workbook.close()
        tick(count)
    if progress is not None:
        progress(count, max(total, count), f"已导出 {count:,} 行到 {path.name}")
    return count
