"""Export what a table shows: its rows in view order, its visible columns, typed for Excel.

Each page that has a table offers ``export_table() -> TableExport | None``; the main window asks
where to save and runs ``rows(ctx)`` on a worker, streaming into ExportService.export_rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from desktop.domain.reports import ColumnKind, ColumnSpec
from desktop.workers.tasks import TaskContext

R = TypeVar("R")
BLOCK = 1000


@dataclass(frozen=True)
class TableExport:
    #: what the table is, for the default file name and the audit record ("群列表", "成员")
    name: str
    columns: Sequence[ColumnSpec]
    #: the rows as tuples in view order; runs on a worker, may read the store in blocks
    rows: Callable[[TaskContext], Iterable[Sequence[object]]]
    total: int

    @property
    def has_phones(self) -> bool:
        return any(spec.kind is ColumnKind.PHONE for spec in self.columns)


def in_blocks(ids: Sequence[int], fetch: Callable[[list[int]], list[R]], cells: Callable[[R], Sequence[Any]],
              ctx: TaskContext) -> Iterator[Sequence[Any]]:
    """Rows of a lazy table: read ``BLOCK`` ids at a time, in the table's order, honouring cancel."""
    for start in range(0, len(ids), BLOCK):
        ctx.cancel.raise_if_cancelled()
        for item in fetch(list(ids[start:start + BLOCK])):
            yield cells(item)
