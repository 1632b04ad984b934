"""Reading a sheet as it really is: .xlsx/.xlsm through pandas' calamine engine, .csv in UTF-8 or GB18030.

The result is a raw grid of object cells, row i being the spreadsheet's row i + 1. Every way a
file can be unreadable ends in an ImportFileError whose message names the file.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from python_calamine import CalamineError, PasswordError

from desktop.domain.errors import ImportFileError

EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})
CSV_SUFFIXES = frozenset({".csv"})
#: an .xlsx is a zip; refuse before parsing what would unpack beyond these (zip bombs)
MAX_UNPACKED_BYTES = 1 << 30
MAX_RATIO = 200
RATIO_CHECK_FROM = 10 << 20

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# an encrypted .xlsx is an OLE container holding a stream of this name (UTF-16 in the directory)
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")


@dataclass(frozen=True, slots=True)
class SheetGrid:
    source: Path
    sheet: str
    frame: pd.DataFrame


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheets in order; a CSV file is one sheet named after the file."""
    path = _existing(path)
    if path.suffix.lower() in CSV_SUFFIXES:
        return [path.stem]
    with _open_workbook(path) as book:
        return [str(name) for name in book.sheet_names]


def read_grid(path: Path, sheet: str | None = None) -> SheetGrid:
    """One sheet (the first when ``sheet`` is None) as a grid of raw cells; blank cells are ""."""
    path = _existing(path)
    if path.suffix.lower() in CSV_SUFFIXES:
        name, frame = path.stem, _read_csv(path)
    else:
        with _open_workbook(path) as book:
            names = [str(n) for n in book.sheet_names]
            name = names[0] if sheet is None else sheet
            if name not in names:
                raise ImportFileError(f"{path.name} 中没有工作表“{name}”，可选：{'、'.join(names)}", str(path))
            try:
                frame = _sheet_frame(book, name)
            except (CalamineError, ValueError, OSError) as exc:
                raise ImportFileError(f"{path.name} 的工作表“{name}”无法读取：{exc}", str(path)) from exc
    frame = _trimmed(frame)
    if frame.empty:
        raise ImportFileError(f"{path.name} 的工作表“{name}”是空的", str(path))
    return SheetGrid(path, name, frame)


def _sheet_frame(book: pd.ExcelFile, name: str) -> pd.DataFrame:
    """The sheet as ``pd.read_excel(book, sheet_name=name, header=None, dtype=object, na_filter=False)``
    gives it, without pandas' per-cell pass: the same calamine read, and the same cell conversions
    (a whole-number float becomes an int, a date a datetime) done only in the columns holding such
    cells. Marked with each column's CELL_TYPES, and with NO_MISSING when no column holds a type
    that can be a missing value."""
    rows = book.book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    if not rows:
        return pd.DataFrame(dtype=object)
    if len(set(map(len, rows))) != 1:  # calamine gives a rectangle; if not, pandas pads it
        return pd.read_excel(book, sheet_name=name, header=None, dtype=object, na_filter=False)
    grid = np.empty((len(rows), len(rows[0])), dtype=object)
    grid[:] = rows
    cell_types = []
    for c, values in enumerate(grid.T.tolist()):
        types = set(map(type, values))
        if float in types or date in types:
            values = _converted(values, types)
            grid[:, c] = values
            types = set(map(type, values))
        cell_types.append(frozenset(types))
    frame = pd.DataFrame(grid, dtype=object)
    frame.attrs[NO_MISSING] = all(types <= _NEVER_MISSING for types in cell_types)
    frame.attrs[CELL_TYPES] = cell_types
    return frame


def _converted(values: list[object], types: set[type]) -> list[object]:
    """A column's cells with its whole-number floats as ints and its dates as datetimes at midnight."""
    if date in types:
        values = [datetime(v.year, v.month, v.day) if v.__class__ is date else v for v in values]  # type: ignore[attr-defined]
    if float in types:
        values = [int(v) if v.__class__ is float and v.is_integer() else v for v in values]  # type: ignore[attr-defined]
    return values


def _existing(path: Path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"找不到文件：{path}", str(path))
    suffix = path.suffix.lower()
    if suffix not in EXCEL_SUFFIXES | CSV_SUFFIXES:
        raise ImportFileError(f"不支持 {suffix or '无扩展名'} 文件：{path.name}；请选择 .xlsx、.xlsm 或 .csv", str(path))
    if path.stat().st_size == 0:
        raise ImportFileError(f"{path.name} 是空文件", str(path))
    return path


def _open_workbook(path: Path) -> pd.ExcelFile:
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    if head.startswith(_ZIP_MAGIC):
        _check_zip(path)
    elif head.startswith(_OLE_MAGIC) and _ENCRYPTION_STREAM in head:
        raise ImportFileError(f"{path.name} 设有打开密码；请在 Excel 中取消密码后另存，再导入", str(path))
    elif not head.startswith(_OLE_MAGIC):
        raise ImportFileError(f"{path.name} 不是有效的 Excel 文件（可能已损坏，或只是改了扩展名）", str(path))
    try:
        return pd.ExcelFile(path, engine="calamine")
    except PasswordError as exc:
        raise ImportFileError(f"{path.name} 设有打开密码；请在 Excel 中取消密码后另存，再导入", str(path)) from exc
    except (CalamineError, ValueError, OSError) as exc:
        raise ImportFileError(f"{path.name} 无法作为 Excel 文件打开（可能已损坏或不完整）", str(path)) from exc


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFileError(f"{path.name} 已损坏或不完整，无法打开", str(path)) from exc
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise ImportFileError(f"{path.name} 解压后超过 1 GB，拒绝读取", str(path))
    for member in members:
        if member.file_size > RATIO_CHECK_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise ImportFileError(f"{path.name} 的压缩比异常（疑似压缩炸弹），拒绝读取", str(path))


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ImportFileError(f"{path.name} 不是文本 CSV 文件（可能是改了扩展名的表格）", str(path))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(f"{path.name} 的编码无法识别；请另存为 UTF-8 的 CSV", str(path))


def _read_csv(path: Path) -> pd.DataFrame:
    text = _decode(path, path.read_bytes())
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise ImportFileError(f"{path.name} 不是有效的 CSV：{exc}", str(path)) from exc
    width = max((len(row) for row in rows), default=0)
    # rows of a CSV differ in length (a one-cell title above the header); pad them to a grid
    frame = pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype=object)
    # every cell of a CSV is text: never a missing value
    frame.attrs[NO_MISSING] = True
    frame.attrs[CELL_TYPES] = [frozenset({str})] * width
    return frame


#: cell types that are never a missing value (None, NaN, NaT, pd.NA)
_NEVER_MISSING = frozenset({str, int, bool, datetime, date, time, timedelta})


#: ``frame.attrs`` key read_grid sets when its grid holds no missing value (None, NaN, NaT, pd.NA):
#: ``filled_cells`` of it or of a part of it then needs no second look at the cell types
NO_MISSING = "qundesk_no_missing"
#: ``frame.attrs`` key of an Excel grid: the set of cell types in each column (of every row: a part of
#: the rows holds some of them), so the row parser need not look at each cell's type again
CELL_TYPES = "qundesk_cell_types"


def filled_cells(cells: np.ndarray, *, no_missing: bool = False) -> np.ndarray:
    """Where a grid of raw cells holds something: neither "" nor a missing value (pandas' notna, only
    run when the grid holds a type that can be missing: calamine and CSV grids usually do not).
    ``no_missing``: the caller knows the grid holds no missing value (see NO_MISSING)."""
    filled = cells != ""
    if not no_missing and not _never_missing(cells):
        filled &= pd.notna(cells)
    return np.asarray(filled, dtype=bool)


def _never_missing(cells: np.ndarray) -> bool:
    return set(map(type, cells.ravel().tolist())) <= _NEVER_MISSING


def _trimmed(frame: pd.DataFrame) -> pd.DataFrame:
    """Without trailing all-blank rows and columns (formatted but empty areas of a sheet); marked
    with NO_MISSING when no cell is a missing value (as the reader marked it, else by a scan)."""
    if frame.empty:
        return frame
    cells = frame.to_numpy(dtype=object)
    no_missing = frame.attrs[NO_MISSING] if NO_MISSING in frame.attrs else _never_missing(cells)
    filled = filled_cells(cells, no_missing=no_missing)
    rows = filled.any(axis=1).nonzero()[0]
    cols = filled.any(axis=0).nonzero()[0]
    if not len(rows):
        return frame.iloc[0:0, 0:0]
    trimmed = frame.iloc[: rows[-1] + 1, : cols[-1] + 1]
    trimmed.columns = range(len(trimmed.columns))
    trimmed = trimmed.reset_index(drop=True)
    trimmed.attrs[NO_MISSING] = no_missing
    if CELL_TYPES in frame.attrs:
        trimmed.attrs[CELL_TYPES] = frame.attrs[CELL_TYPES][: len(trimmed.columns)]
    return trimmed

