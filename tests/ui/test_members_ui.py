"""The Members page in the real window: search in SQL, detail, edit with tier history, bulk actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog

from desktop.domain.enums import Tier
from desktop.domain.groups import GroupDraft
from desktop.domain.members import MemberDraft
from desktop.services.groups import GroupService
from desktop.services.members import MemberService
from desktop.store.engine import open_database

from .conftest import type_text


@pytest.fixture
def people(db_path: Path) -> Path:
    db = open_database(db_path)
    groups = GroupService(db)
    fruit = groups.create(GroupDraft(name="阳光花园水果团购群"))
    groups.create(GroupDraft(name="读书会"))
    members = MemberService(db)
    for nickname, name, phone in (("王芳", "王芳", "13800138000"), ("李娜", "", None), ("张伟", "张伟", None),
                                  ("小王同学", "", None), ("陈静", "", "13900139000")):
        members.create(MemberDraft(nickname=nickname, name=name, phone=phone))
    first = members.page_ids(None)[0]
    members.add_to_group([first], fruit.id)
    db.dispose()
    return db_path


def idle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.runner.active_count == 0, timeout=10_000)


def shown_names(page) -> list[str]:  # type: ignore[no-untyped-def]
    model = page.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def open_members(qtbot, window):  # type: ignore[no-untyped-def]
    window.show_page("members")
    page = window.members_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 5 and "…" not in shown_names(page), timeout=10_000)
    idle(qtbot, window)
    return page


def test_search_by_pinyin_and_filters_narrow_the_list(qtbot, open_window, people: Path) -> None:
    window = open_window(people)
    page = open_members(qtbot, window)
    assert page.count_label.text() == "共 5 人"
    type_text(page.search, "wang")
    qtbot.waitUntil(lambda: sorted(shown_names(page)) == ["小王同学", "王芳"], timeout=10_000)
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=10_000)
    page.group_filter.setCurrentIndex(page.group_filter.findText("阳光花园水果团购群"))
    qtbot.waitUntil(lambda: shown_names(page) == ["王芳"], timeout=10_000)
    assert page.count_label.text() == "共 1 人"
    page.group_filter.setCurrentIndex(0)
    page.tier_filter.setCurrentIndex(page.tier_filter.findData(Tier.MEMBER.value))
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10_000)
    assert page.table_stack.currentWidget() is page.empty_label and "清除" in page.empty_label.text()
    idle(qtbot, window)


def test_edit_a_profile_and_change_tier_with_a_reason(qtbot, open_window, people: Path, monkeypatch) -> None:
    window = open_window(people)
    page = open_members(qtbot, window)
    row = shown_names(page).index("李娜")
    page.table.selectionModel().select(page.model.index(row, 0),
                                       QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.waitUntil(lambda: page.editor.nickname.text() == "李娜", timeout=10_000)
    page.editor.phone.setText("138-0013-8999")
    page.editor.tier.setCurrentIndex(page.editor.tier.findData(Tier.MEMBER.value))
    assert page.save_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("首单付款", True)))
    page.save_button.click()
    qtbot.waitUntil(lambda: page.tabs.tiers.rowCount() == 1, timeout=10_000)
    idle(qtbot, window)
    change = page.tabs.tiers.row_at(0)
    assert (change.old, change.new, change.reason) == (Tier.PROSPECT, Tier.MEMBER, "首单付款")
    assert page.editor.phone.text() == "13800138999" and not page.save_button.isEnabled()
    qtbot.waitUntil(lambda: page.model.index(row, 2).data() == "会员", timeout=10_000)

    # a bad phone: the message names the field and the typed text stays
    page.editor.phone.setText("abc")
    page.save_button.click()
    assert "手机" in page.editor.error.text() and page.editor.phone.text() == "abc"
    page.revert_button.click()
    assert page.editor.phone.text() == "13800138999"
    idle(qtbot, window)


def test_bulk_join_a_group_and_new_member(qtbot, open_window, people: Path, monkeypatch) -> None:
    window = open_window(people)
    page = open_members(qtbot, window)
    model = page.model
    page.table.selectionModel().select(QItemSelection(model.index(0, 0), model.index(2, model.columnCount() - 1)),
                                       QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert page.detail.currentIndex() == 2 and "3 位" in page.selection_label.text()
    chosen = set(page.selected_ids())
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("读书会", True)))
    page.join_button.click()
    idle(qtbot, window)
    page.group_filter.setCurrentIndex(page.group_filter.findText("读书会"))
    qtbot.waitUntil(lambda: set(page.model.ids) == chosen, timeout=10_000)
    idle(qtbot, window)

    page.group_filter.setCurrentIndex(0)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page._dialog
    type_text(dialog.editor.nickname, "赵敏")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor.nickname.text() == "赵敏", timeout=10_000)
    assert page.model.rowCount() == 6
    idle(qtbot, window)
