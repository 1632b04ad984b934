"""Saved segments in the navigation: save the current filter, see live counts, open, rename, delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from .conftest import SAMPLE_GROUPS, select_row, type_text, wait_loaded


def segment_rows(window) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Navigation text of each segment -> its row."""
    return {window.nav.item(row).text(): row for row in window._segment_items}


def test_save_segment_and_watch_its_count_follow_an_edit(qtbot, open_window, seeded_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(seeded_path)
    wait_loaded(qtbot, window, len(SAMPLE_GROUPS))
    page = window.groups_page
    qtbot.mouseClick(page.search, Qt.MouseButton.LeftButton)
    type_text(page.search, "阳光")
    assert page.model.rowCount() == 2

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("阳光花园团", True))
    qtbot.mouseClick(page.save_segment_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "阳光花园团  2" in segment_rows(window), timeout=10_000)

    # rename a third group so that it falls into the segment: the count follows
    page.clear_filters()
    row = next(r for r in range(page.model.rowCount()) if page.model.group_at(r).name == "宝妈育儿交流群")
    select_row(page, row)
    page.editor.name.setText("阳光花园宝妈群")
    page.editor.name.textEdited.emit("阳光花园宝妈群")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "阳光花园团  3" in segment_rows(window) and window.runner.active_count == 0,
                    timeout=10_000)

    # opening the segment puts its filter back on the page
    page.clear_filters()
    assert page.model.rowCount() == 5
    window.nav.setCurrentRow(segment_rows(window)["阳光花园团  3"])
    assert page.search.text() == "阳光" and page.model.rowCount() == 3

    # rename and delete through the navigation's own actions
    segment = window._segment_items[segment_rows(window)["阳光花园团  3"]]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("阳光系列", True))
    window._rename_segment(segment)
    qtbot.waitUntil(lambda: "阳光系列  3" in segment_rows(window), timeout=10_000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window._delete_segment(window._segment_items[segment_rows(window)["阳光系列  3"]])
    qtbot.waitUntil(lambda: not window._segment_items and window.runner.active_count == 0, timeout=10_000)
    assert window.nav.count() == window._page_items  # only the pages again (no segment header)


def test_duplicate_segment_name_is_a_message(qtbot, open_window, seeded_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(seeded_path)
    wait_loaded(qtbot, window, len(SAMPLE_GROUPS))
    warnings: list[str] = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("全部群", True))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    window.save_segment(window.groups_page.current_spec())
    qtbot.waitUntil(lambda: len(window._segment_items) == 1, timeout=10_000)
    window.save_segment(window.groups_page.current_spec())
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert "全部群" in warnings[0] and len(window._segment_items) == 1
