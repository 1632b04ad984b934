"""Finding the header row below title rows and merged titles, and matching its columns to fields."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pandas as pd

from desktop.domain.imports import ColumnMapping, ImportKind, mapping_for

from .aliases import alias_table, match_key
from .normalize import is_blank, to_text

#: the header is looked for in this many rows from the top
MAX_HEADER_SCAN = 30
#: shorter aliases ("区", "市") must match a whole header, never a part of one
MIN_CONTAINED_ALIAS = 2


def detect_header(frame: pd.DataFrame, kind: ImportKind) -> ColumnMapping:
    """The row among the first ones whose cells match most fields of ``kind``, and its mapping.

    Title rows and merged title cells match nothing (a merged cell's value sits in its first
    cell only), so the real header wins. When no row matches at all, the first non-blank row
    is taken as the header with nothing mapped, for the operator to map by hand.
    """
    best_row, best_columns = -1, {}
    for index, cells in enumerate(frame.head(MAX_HEADER_SCAN).itertuples(index=False, name=None)):
        columns = match_columns(cells, kind)
        if len(columns) > len(best_columns):
            best_row, best_columns = index, columns
    if best_row < 0:
        best_row = _first_filled_row(frame)
    headers = tuple("" if is_blank(cell) else to_text(cell) for cell in frame.iloc[best_row])
    return mapping_for(kind, best_row, headers, best_columns, source_signature(headers))


def match_columns(cells: Sequence[object], kind: ImportKind) -> dict[str, int]:
    """field -> column for one header row: exact alias matches first, then headers containing an alias."""
    aliases = alias_table().fields[kind]
    found: dict[str, int] = {}
    leftovers: list[tuple[int, str]] = []
    for column, cell in enumerate(cells):
        if not isinstance(cell, str) or not (key := match_key(cell)):
            continue
        name = aliases.get(key)
        if name is None or name in found:
            leftovers.append((column, key))
        else:
            found[name] = column
    for column, key in leftovers:
        # "微信群名称" or "联系电话(收货人)" still say which field they are
        contained = [a for a in aliases if len(a) >= MIN_CONTAINED_ALIAS and a in key and aliases[a] not in found]
        if contained:
            found[aliases[max(contained, key=len)]] = column
    return found


def source_signature(headers: Sequence[str]) -> str:
    """A stable key for a header layout, so a mapping the operator corrected is found again."""
    keys = [match_key(text) for text in headers]
    while keys and not keys[-1]:
        keys.pop()
    return hashlib.sha256("\x1f".join(keys).encode("utf-8")).hexdigest()[:16]


def _first_filled_row(frame: pd.DataFrame) -> int:
    for index, cells in enumerate(frame.itertuples(index=False, name=None)):
        if not all(is_blank(cell) for cell in cells):
            return index
    return 0
