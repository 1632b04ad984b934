"""Issue 4's keyboard test in the real window: Ctrl+L, type, Tab, Enter; the entry shows up in the
member's timeline and in 待跟进."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.groups import GroupDraft
from desktop.domain.members import MemberDraft
from desktop.services.groups import GroupService
from desktop.services.members import MemberService
from desktop.store.engine import open_database

from .conftest import type_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def shop(db_path: Path) -> Path:
    db = open_database(db_path)
    GroupService(db).create(GroupDraft(name="阳光花园水果团购群"))
    GroupService(db).create(GroupDraft(name="读书会"))
    MemberService(db).create(MemberDraft(nickname="王芳"))
    MemberService(db).create(MemberDraft(nickname="李娜"))
    db.dispose()
    return db_path


def key(qtbot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget(), k, modifier)


def test_log_with_the_keyboard_only_then_see_it_in_the_timeline_and_follow_ups(qtbot, open_window,
                                                                               shop: Path) -> None:
    window = open_window(shop)
    qtbot.waitUntil(lambda: window.runner.active_count == 0, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.groups_page.table.setFocus()
    key(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    bar = window.quick_entry
    assert bar.isVisible() and QApplication.focusWidget() is bar.group_edit

    type_text(bar.group_edit, "阳光花园水果团购群")
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is bar.member_edit
    type_text(bar.member_edit, "王芳")
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is bar.kind_combo
    while bar.kind_combo.currentText() != "提问":  # the combo follows the arrow keys
        key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Tab)
    type_text(bar.summary_edit, "问脐橙什么时候到货")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(bar.amount_edit, "25.5")
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is bar.follow_up_check
    key(qtbot, Qt.Key.Key_Space)
    assert bar.follow_up_date.isEnabled()
    key(qtbot, Qt.Key.Key_Tab)
    bar.follow_up_date.setDate(QDate.currentDate())  # a follow-up due today
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.runner.active_count == 0 and bar.summary_edit.text() == "", timeout=10_000)
    assert bar.error_label.isHidden()

    # the member's timeline shows it
    window.show_page("members")
    page = window.members_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    qtbot.waitUntil(lambda: all(page.model.cached(r) is not None for r in range(2)), timeout=10_000)
    row = next(r for r in range(2) if page.model.cached(r).nickname == "王芳")
    page.table.selectionModel().select(page.model.index(row, 0),
                                       QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.waitUntil(lambda: page.tabs.timeline.rowCount() == 1, timeout=10_000)
    entry = page.tabs.timeline.row_at(0)
    assert (entry.kind, entry.group_name, entry.summary, entry.amount_cents) == (
        "question", "阳光花园水果团购群", "问脐橙什么时候到货", 2550)

    # and 待跟进 lists it for today; Enter marks it done
    window.show_page("follow_ups")
    follow = window.follow_ups_page
    qtbot.waitUntil(lambda: "问脐橙什么时候到货" in _texts(follow.tree), timeout=10_000)
    assert "今天" in _texts(follow.tree)
    window.runner.wait_for_done()


def _texts(tree) -> str:  # type: ignore[no-untyped-def]
    """Every cell of a tree view, sections and their rows."""
    model, found = tree.model(), []

    def walk(parent) -> None:  # type: ignore[no-untyped-def]
        for row in range(model.rowCount(parent)):
            for column in range(model.columnCount(parent)):
                found.append(str(model.index(row, column, parent).data() or ""))
            walk(model.index(row, 0, parent))

    walk(QModelIndex())
    return " ".join(found)
