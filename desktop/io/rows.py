"""From a raw grid and a column mapping to normalised rows, each with its problems explained.

Work is done column by column with a cache per column: real sheets repeat values (platforms,
dates, statuses, pickup points), so most cells cost one dict lookup.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from desktop.domain.enums import (
    FulfilmentStatus,
    GroupStatus,
    InteractionKind,
    Lifespan,
    PaymentStatus,
    Platform,
    Role,
    Tier,
)
from desktop.domain.imports import (
    ColumnMapping,
    FieldType,
    ImportKind,
    ParsedSheet,
    RowProblem,
    SheetColumns,
    field_specs,
)
from desktop.domain.progress import CancelToken, ProgressFn

from .aliases import fold_traditional
from .header import detect_header
from .normalize import (
    CellError,
    is_blank,
    to_bool,
    to_cents,
    to_count,
    to_date,
    to_datetime,
    to_enum,
    to_labels,
    to_phone,
    to_text,
)
from .reader import CELL_TYPES, NO_MISSING, filled_cells, read_grid

NORMALISERS: dict[FieldType, Callable[[object], object]] = {
    FieldType.TEXT: to_text,
    FieldType.COUNT: to_count,
    FieldType.CENTS: to_cents,
    FieldType.PHONE: to_phone,
    FieldType.DATE: to_date,
    FieldType.DATETIME: to_datetime,
    FieldType.BOOL: to_bool,
    FieldType.LABELS: to_labels,
    FieldType.PLATFORM: partial(to_enum, enum=Platform),
    FieldType.GROUP_STATUS: partial(to_enum, enum=GroupStatus),
    FieldType.LIFESPAN: partial(to_enum, enum=Lifespan),
    FieldType.TIER: partial(to_enum, enum=Tier),
    FieldType.ROLE: partial(to_enum, enum=Role),
    FieldType.INTERACTION_KIND: partial(to_enum, enum=InteractionKind),
    FieldType.PAYMENT_STATUS: partial(to_enum, enum=PaymentStatus),
    FieldType.FULFILMENT_STATUS: partial(to_enum, enum=FulfilmentStatus),
}
#: a row whose first filled cells say one of these is a totals row, not data
TOTAL_WORDS = ("合计", "总计", "小计", "汇总", "total")
REQUIRED_EMPTY = "必填项为空"

_MISSING = object()
_BLANK = object()


def load_sheet(
    path: Path,
    kind: ImportKind,
    *,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> ParsedSheet:
    """Read, find the header (unless the operator's ``mapping`` is given) and parse, in one call."""
    frame = read_grid(path, sheet).frame
    return parse_rows(frame, kind, mapping or detect_header(frame, kind), progress=progress, cancel=cancel)


def parse_rows(
    frame: pd.DataFrame,
    kind: ImportKind,
    mapping: ColumnMapping,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> ParsedSheet:
    """Every data row below the header, normalised; blank, totals and repeated header rows left out."""
    specs = field_specs(kind)
    body = frame.iloc[mapping.header_row + 1 :]
    cells = body.to_numpy(dtype=object)
    header = frame.iloc[mapping.header_row].to_numpy(dtype=object)
    keep, dropped = _data_rows(cells, header, bool(frame.attrs.get(NO_MISSING, False)))
    cells = cells[keep]
    # the grid's row i is the row Excel shows as i + 1
    row_numbers = (body.index.to_numpy()[keep] + 1).tolist()
    skipped = tuple((body.index.to_numpy()[dropped] + 1).tolist())
    fields = [(name, column) for name, column in mapping.columns.items() if column < cells.shape[1]]

    columns: list[list[object]] = []
    blank_masks: list[np.ndarray] = []
    problems: dict[int, list[RowProblem]] = defaultdict(list)
    cell_types = frame.attrs.get(CELL_TYPES)
    for step, (name, column) in enumerate(fields):
        if cancel is not None:
            cancel.raise_if_cancelled()
        values, errors = _normalise_column(cells[:, column], NORMALISERS[specs[name].type],
                                           cell_types[column] if cell_types is not None else None)
        blank_masks.append(np.equal(values, None))
        values = values.tolist()
        for position, raw, reason in errors:
            problems[position].append(RowProblem(row_numbers[position], name, column, raw, reason))
        columns.append(values)
        if progress is not None:
            progress(step + 1, len(fields), f"正在检查“{mapping.headers[column]}”列")

    names = [name for name, _ in fields]
    required = [(i, column) for i, (name, column) in enumerate(fields) if specs[name].required]
    # which rows read nothing at all, and which leave a required field empty: column-wise, in numpy
    empty = np.logical_and.reduce(blank_masks) if blank_masks else np.ones(len(row_numbers), dtype=bool)
    lacking = np.zeros(len(row_numbers), dtype=bool)
    for i, _column in required:
        lacking |= blank_masks[i]
    # a row is left out when nothing this import reads is filled in and no cell of it failed
    keep = ~empty
    if problems:
        keep[list(problems)] = True
    if lacking.any():
        for position in np.flatnonzero(lacking & keep).tolist():
            found = problems[position]
            for i, column in required:
                if columns[i][position] is None and not any(p.field == names[i] for p in found):
                    found.append(RowProblem(row_numbers[position], names[i], column, "", REQUIRED_EMPTY))
    table = _table(row_numbers, names, columns, problems, keep)
    missing = tuple(name for name, spec in specs.items() if spec.required and name not in mapping.columns)
    return ParsedSheet(kind, mapping, table, skipped, missing)


def _table(row_numbers: list[int], names: list[str], columns: list[list[object]],
           problems: dict[int, list[RowProblem]], keep: np.ndarray) -> SheetColumns:
    """The kept positions' numbers, values and problems (most sheets keep every row: nothing copied)."""
    if keep.all():
        return SheetColumns(row_numbers, dict(zip(names, columns, strict=True)),
                            {position: tuple(found) for position, found in sorted(problems.items())})
    kept = np.flatnonzero(keep).tolist()
    new_position = {old: new for new, old in enumerate(kept)}
    values = {name: [column[position] for position in kept] for name, column in zip(names, columns, strict=True)}
    numbers = [row_numbers[position] for position in kept]
    return SheetColumns(numbers, values, {new_position[position]: tuple(found)
                                          for position, found in sorted(problems.items())})


def _data_rows(cells: np.ndarray, header: np.ndarray, no_missing: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the body rows that hold data and of the totals and repeated-header rows."""
    if not len(cells):
        return np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
    filled = filled_cells(cells, no_missing=no_missing)
    keep = filled.any(axis=1)
    # a repeated header: every cell equals the header's; compared in full only where the first
    # titled column does
    titled = np.flatnonzero(header != "")
    repeated = np.zeros(len(cells), dtype=bool)
    if len(titled):
        maybe = np.flatnonzero(cells[:, titled[0]] == header[titled[0]])
        repeated[maybe] = (cells[maybe] == header).all(axis=1)
    else:
        repeated = (cells == header).all(axis=1)
    first = filled.argmax(axis=1)
    rest = filled.copy()
    rest[np.arange(len(cells)), first] = False
    second = rest.argmax(axis=1)
    # the first two filled cells of each row, each distinct text looked at once
    index = np.arange(len(cells))
    totals = np.zeros(len(cells), dtype=bool)
    for picked in (cells[index, first], cells[index, second]):
        codes, uniques = pd.factorize(picked)
        says = np.zeros(len(uniques) + 1, dtype=bool)  # the last stays False: code -1
        for at, value in enumerate(uniques.tolist()):
            if value.__class__ is str and _TOTAL_HINT.search(value) and _says_total(value):
                says[at] = True
        totals |= says[codes]
    totals &= keep
    dropped = keep & (totals | repeated)
    return keep & ~dropped, dropped


#: every word of TOTAL_WORDS, in simplified or traditional script and any case, holds one of these
#: (计/計 or 总/總, or the t of "total"): text without them is not looked at further
_TOTAL_HINT = re.compile("[计計总總tT]")


def _says_total(value: object) -> bool:
    if not isinstance(value, str) or not _TOTAL_HINT.search(value):
        return False
    text = fold_traditional("".join(value.split())).casefold()
    return any(word in text for word in TOTAL_WORDS)


#: cell types ``pd.factorize`` may group by value: equal values of these always normalise alike,
#: provided no two of the number types (1 == 1.0 == True) are in one column
_FACTORIZABLE = frozenset({str, int, float, bool, datetime, date, time, timedelta, type(None)})
_NUMBER_TYPES = frozenset({int, float, bool})


def _factorizable(types: Iterable[type]) -> bool:
    types = set(types)
    return types <= _FACTORIZABLE and len(types & _NUMBER_TYPES) <= 1


def _normalise_column(
    raw_values: np.ndarray, normalise: Callable[[object], object], types: Iterable[type] | None = None
) -> tuple[np.ndarray, list[tuple[int, str, str]]]:
    """Normalised values (an object array, None for blank) and (position, raw text, reason) for
    cells that failed. ``types``: the cell types the column may hold (the reader's CELL_TYPES), when known.

    Each distinct value is normalised once: the column is factorised (codes per cell, one
    normaliser call per distinct value) and the results are spread back with one take."""
    if not (types is not None and _factorizable(types)) and not _factorizable(map(type, raw_values.tolist())):
        cell_values, cell_errors = _normalise_cells(raw_values, normalise)
        # element for element: a tuple of labels stays one element
        return np.fromiter(cell_values, dtype=object, count=len(cell_values)), cell_errors
    codes, uniques = pd.factorize(raw_values)
    results = np.empty(len(uniques) + 1, dtype=object)  # the last stays None: code -1 (None, NaN)
    failed: dict[int, str] = {}
    text_field, when_field, phone_field = normalise is to_text, normalise is to_datetime, normalise is to_phone
    for code, raw in enumerate(uniques.tolist()):
        kind = raw.__class__
        if kind is str:
            if not raw or raw.isspace():  # is_blank
                continue
            if text_field:
                text = raw.strip()
                if text[:1] != "'":  # to_text of plain text, without three calls per value
                    results[code] = text
                    continue
        elif kind is int and text_field:
            results[code] = str(raw)  # to_text of a whole number
            continue
        elif kind is int and phone_field and 10**10 <= raw < 2 * 10**10:
            results[code] = str(raw)  # to_phone of an 11-digit mainland mobile: its digits
            continue
        elif kind is datetime and when_field and raw.tzinfo is None:
            results[code] = raw  # what to_datetime gives back for a naive datetime: the same moment
            continue
        result = _normalise_cell(raw, normalise)
        if result is _BLANK:
            continue
        if isinstance(result, CellError):
            failed[code] = result.reason
        else:
            results[code] = result
    values = results[codes]
    errors: list[tuple[int, str, str]] = []
    if failed:
        for position in np.flatnonzero(np.isin(codes, list(failed))).tolist():
            errors.append((position, to_text(raw_values[position]), failed[int(codes[position])]))
    return values, errors


def _normalise_cells(
    raw_values: np.ndarray, normalise: Callable[[object], object]
) -> tuple[list[object], list[tuple[int, str, str]]]:
    """``_normalise_column`` cell by cell, with a cache keyed by type and value (mixed-type columns)."""
    values: list[object] = [None] * len(raw_values)
    errors: list[tuple[int, str, str]] = []
    cache: dict[tuple[type, object], object] = {}
    for position, raw in enumerate(raw_values):
        if raw == "":
            continue
        # the type is part of the key because 1 == 1.0 == True would otherwise share a result
        key = (raw.__class__, raw)
        result = cache.get(key, _MISSING)
        if result is _MISSING:
            result = cache[key] = _normalise_cell(raw, normalise)
        if result is _BLANK:
            continue
        if isinstance(result, CellError):
            errors.append((position, to_text(raw), result.reason))
        else:
            values[position] = result
    return values, errors


def _normalise_cell(raw: object, normalise: Callable[[object], object]) -> object:
    """The clean value, _BLANK for a cell with nothing in it, or the CellError saying why not."""
    if is_blank(raw):
        return _BLANK
    try:
        result = normalise(raw)
    except CellError as exc:
        return exc
    return _BLANK if result == "" or result == () else result
