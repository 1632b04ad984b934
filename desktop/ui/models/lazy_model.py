"""A table over a long list of ids whose rows are read in blocks, on a worker, when first painted.

The page asks the service for the ordered ids (filtering and sorting happen in SQL), hands them
to ``set_ids`` and the view shows at once; the rows it paints are fetched a block at a time and
kept in a bounded cache. Clicking a header does not sort here: it emits ``sort_requested`` so the
page can ask SQL for the ids in the new order (a proxy model would sort 200,000 rows in Python).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from desktop.ui.models.rows_model import Column
from desktop.workers.tasks import TaskRunner

R = TypeVar("R")
_Index = QModelIndex | QPersistentModelIndex

BLOCK = 200
CACHE_LIMIT = 20_000
LOADING = "…"


class LazyTableModel(QAbstractTableModel, Generic[R]):
    sort_requested = Signal(int, Qt.SortOrder)
    #: a block of rows arrived (tests and the detail panel wait on this)
    rows_loaded = Signal()

    def __init__(self, columns: Sequence[Column[R]], fetch: Callable[[list[int]], list[R]],
                 id_of: Callable[[R], int], runner: TaskRunner, parent: QObject | None = None,
                 *, block: int = BLOCK) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._fetch = fetch
        self._id_of = id_of
        self._runner = runner
        self._block = block
        self._ids: list[int] = []
        self._row_of: dict[int, int] | None = None
        self._cache: dict[int, R] = {}
        self._pending: set[int] = set()  # block starts being read
        self._generation = 0
        self.sort_column = -1
        self.sort_order = Qt.SortOrder.AscendingOrder

    # ------------------------------------------------------------------ ids
    def set_ids(self, ids: Iterable[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._row_of = None
        self._pending.clear()
        self._generation += 1
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        self.endResetModel()

    @property
    def ids(self) -> list[int]:
        return self._ids

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, item_id: int) -> int | None:
        if self._row_of is None:
            self._row_of = {item_id: row for row, item_id in enumerate(self._ids)}
        return self._row_of.get(item_id)

    def cached(self, row: int) -> R | None:
        """The row if it has been read, else None (and a read is started)."""
        item = self._cache.get(self._ids[row])
        if item is None:
            self._request(row)
        return item

    def invalidate(self, ids: Iterable[int] | None = None) -> None:
        """Forget rows that changed (all when ``ids`` is None); they are read again when painted."""
        if ids is None:
            self._cache.clear()
            self._pending.clear()
            self._generation += 1
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self._columns) - 1))
            return
        rows = []
        for item_id in ids:
            self._cache.pop(item_id, None)
            row = self.row_of(item_id)
            if row is not None:
                rows.append(row)
        if rows:
            self._pending.clear()
            self._generation += 1
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(self._columns) - 1))

    # ------------------------------------------------------------------ reading
    def _request(self, row: int) -> None:
        start = row - row % self._block
        if start in self._pending:
            return
        self._pending.add(start)
        block = [i for i in self._ids[start:start + self._block] if i not in self._cache]
        generation = self._generation
        fetch = self._fetch
        self._runner.run(lambda _ctx: fetch(block), on_done=lambda rows: self._arrived(rows, generation, start))

    def _arrived(self, rows: list[R], generation: int, start: int) -> None:
        if generation != self._generation:
            return  # the ids were replaced or rows invalidated meanwhile: the view asks again
        self._pending.discard(start)
        changed = []
        for item in rows:
            item_id = self._id_of(item)
            self._cache[item_id] = item
            row = self.row_of(item_id)
            if row is not None:
                changed.append(row)
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), len(self._columns) - 1))
        self.rows_loaded.emit()

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        item = self.cached(index.row())
        if item is None:
            return LOADING if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 else None
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item)
        return column.tooltip(item) if column.tooltip is not None else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self.sort_requested.emit(column, order)
