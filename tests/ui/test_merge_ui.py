"""合并大群 in the window: select groups, read the preview, merge, find the sources archived."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from sqlalchemy import func, select

from desktop.domain.enums import GroupStatus
from desktop.services.demo import build_demo
from desktop.store.engine import open_database
from desktop.store.models import Interaction
from desktop.ui.dialogs.merge_dialog import MergeDialog

from .conftest import wait_loaded


def interactions_of(path: Path, group_ids: list[int]) -> int:
    db = open_database(path)
    with db.transaction() as session:
        count = session.scalar(select(func.count()).where(Interaction.group_id.in_(group_ids)))
    db.dispose()
    return int(count or 0)


def test_merge_two_groups_from_the_page(qtbot, open_window, db_path: Path) -> None:
    db = open_database(db_path)
    build_demo(db, groups=10, members=300, days=20, seed=4, today=date.today())
    db.dispose()
    window = open_window(db_path)
    wait_loaded(qtbot, window, 10)
    page = window.groups_page
    page.status_filter.setCurrentIndex(page.status_filter.findText("全部状态"))
    rows = [r for r in range(page.model.rowCount()) if page.model.group_at(r).status is not GroupStatus.ARCHIVED][:2]
    chosen = [page.model.group_at(r) for r in rows]
    selection = QItemSelection()
    for row in rows:
        selection.select(page.model.index(row, 0), page.model.index(row, page.model.columnCount() - 1))
    page.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.waitUntil(lambda: window.runner.active_count == 0)
    before = interactions_of(db_path, [g.id for g in chosen])
    assert page.merge_button.isEnabled()

    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    dialog = page._merge_dialog
    assert isinstance(dialog, MergeDialog)
    qtbot.waitUntil(lambda: dialog.merge_button.isEnabled(), timeout=10_000)  # preview is in
    target_id = dialog.target_id()
    assert dialog.table.rowCount() > 0 and "并入" in dialog.summary.text()
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible() and window.runner.active_count == 0, timeout=15_000)

    groups = {g.id: g for g in page.model.groups_at(range(page.model.rowCount()))}
    source = next(g for g in chosen if g.id != target_id)
    qtbot.waitUntil(lambda: page.model.groups_at([page.model.row_of(source.id)])[0].status is GroupStatus.ARCHIVED,
                    timeout=10_000)
    groups = {g.id: g for g in page.model.groups_at(range(page.model.rowCount()))}
    assert "已合并到" in groups[source.id].note
    assert interactions_of(db_path, [target_id]) == before  # every interaction kept, now on the target
