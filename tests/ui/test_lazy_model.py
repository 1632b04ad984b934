"""The lazy table model: 100,000 ids show at once; only the rows painted are read, in blocks."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from desktop.ui.models.lazy_model import BLOCK, LOADING, LazyTableModel
from desktop.ui.models.rows_model import Column
from desktop.workers.tasks import TaskRunner


@dataclass(frozen=True)
class Row:
    id: int
    name: str


def make(qtbot, version: dict[int, str] | None = None):  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    asked: list[list[int]] = []
    names = version if version is not None else {}

    def fetch(ids: list[int]) -> list[Row]:
        asked.append(list(ids))
        return [Row(i, names.get(i, f"成员{i}")) for i in ids]

    model = LazyTableModel([Column("昵称", lambda r: r.name), Column("编号", lambda r: str(r.id), right=True)],
                           fetch, lambda r: r.id, runner)
    view = QTableView()
    view.setModel(model)
    view.resize(500, 300)
    qtbot.addWidget(view)
    return runner, model, view, asked


def test_only_painted_blocks_are_read_and_sorting_is_left_to_the_page(qtbot) -> None:
    runner, model, view, asked = make(qtbot)
    model.set_ids(range(100_000, 0, -1))
    view.show()
    qtbot.waitUntil(lambda: model.index(0, 0).data() == "成员100000", timeout=5_000)
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5_000)
    assert sum(len(block) for block in asked) <= 2 * BLOCK  # not 100,000
    assert model.index(0, 1).data() == "100000"

    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.index(99_999, 0).data() == "成员1", timeout=5_000)
    assert sum(len(block) for block in asked) <= 4 * BLOCK

    requested: list[tuple[int, Qt.SortOrder]] = []
    model.sort_requested.connect(lambda column, order: requested.append((column, order)))
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert requested[-1] == (0, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == "成员100000"  # the model itself did not reorder anything
    runner.wait_for_done()


def test_invalidated_rows_are_read_again(qtbot) -> None:
    names: dict[int, str] = {}
    runner, model, view, asked = make(qtbot, names)
    model.set_ids([1, 2, 3])
    view.show()
    qtbot.waitUntil(lambda: model.index(1, 0).data() == "成员2", timeout=5_000)
    names[2] = "王芳"
    assert model.index(1, 0).data() == "成员2"  # cached
    model.invalidate([2])
    assert model.index(1, 0).data() == LOADING
    qtbot.waitUntil(lambda: model.index(1, 0).data() == "王芳", timeout=5_000)
    assert asked[-1] == [2]
    assert model.row_of(3) == 2 and model.id_at(0) == 1
    runner.wait_for_done()
