"""Bulk classification in the real window: select 50 groups, assign a label, undo, redo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt

from desktop.domain.groups import GroupDraft
from desktop.services.groups import GroupService
from desktop.store.engine import open_database

from .conftest import wait_loaded


@pytest.fixture
def sixty_groups(db_path: Path) -> Path:
    db = open_database(db_path)
    service = GroupService(db)
    long_term = next(label.id for d in service.dimensions() for label in d.labels if label.name == "长期群")
    for i in range(60):
        service.create(GroupDraft(name=f"测试群{i + 1}"), [long_term])
    db.dispose()
    return db_path


def select_rows(page, first: int, last: int) -> None:  # type: ignore[no-untyped-def]
    model = page.model
    selection = QItemSelection(model.index(first, 0), model.index(last, model.columnCount() - 1))
    page.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def action(menu, *path: str):  # type: ignore[no-untyped-def]
    for name in path[:-1]:
        menu = next(a.menu() for a in menu.actions() if a.menu() is not None and a.text() == name)
    return next(a for a in menu.actions() if a.text() == path[-1])


def labels_of(page, rows) -> list[set[str]]:  # type: ignore[no-untyped-def]
    return [{label.name for label in page.model.group_at(r).labels} for r in rows]


def test_select_50_assign_undo_redo(qtbot, open_window, sixty_groups: Path) -> None:
    window = open_window(sixty_groups)
    wait_loaded(qtbot, window, 60)
    page = window.groups_page
    select_rows(page, 0, 49)
    assert "已选 50 个" in page.count_label.text()
    chosen = {page.model.group_at(r).id for r in range(50)}

    action(page.classify_menu, "时间", "短期群").trigger()  # single-choice: replaces 长期群
    qtbot.waitUntil(lambda: window.runner.active_count == 0 and all(
        "短期群" in names for names in labels_of(page, range(50))), timeout=10_000)
    rows = {page.model.group_at(r).id: r for r in range(60)}
    others = [rows[g] for g in rows if g not in chosen]
    assert all(names == {"短期群"} for names in labels_of(page, [rows[g] for g in chosen]))
    assert all(names == {"长期群"} for names in labels_of(page, others))  # untouched
    assert len(page.selected_rows()) == 50  # the selection survives the refresh
    assert page.undo_action.isEnabled() and "短期群" in page.undo_action.text()

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z
    qtbot.waitUntil(lambda: window.runner.active_count == 0 and all(
        names == {"长期群"} for names in labels_of(page, range(60))), timeout=10_000)

    qtbot.keyClick(page.table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # redo
    qtbot.waitUntil(lambda: window.runner.active_count == 0 and sum(
        names == {"短期群"} for names in labels_of(page, range(60))) == 50, timeout=10_000)

    # the database agrees, not just the table
    window.close()
    again = open_window(sixty_groups)
    wait_loaded(qtbot, again, 60)
    names = [{label.name for label in g.labels} for g in again.groups_page.model.groups_at(range(60))]
    assert sum(n == {"短期群"} for n in names) == 50 and sum(n == {"长期群"} for n in names) == 10


def test_multi_choice_add_and_remove(qtbot, open_window, sixty_groups: Path) -> None:
    window = open_window(sixty_groups)
    wait_loaded(qtbot, window, 60)
    page = window.groups_page
    select_rows(page, 0, 9)
    action(page.classify_menu, "人群", "VIP群").trigger()
    qtbot.waitUntil(lambda: window.runner.active_count == 0 and all(
        names == {"长期群", "VIP群"} for names in labels_of(page, range(10))), timeout=10_000)
    select_rows(page, 0, 4)
    action(page.classify_menu, "移除标签", "人群 · VIP群").trigger()
    qtbot.waitUntil(lambda: window.runner.active_count == 0 and all(
        names == {"长期群"} for names in labels_of(page, range(5))), timeout=10_000)
    assert all(names == {"长期群", "VIP群"} for names in labels_of(page, range(5, 10)))
    assert page.undo_stack.count() == 2
