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


def test_duplicates_merge_and_undo_and_tier_suggestions(qtbot, open_window, people: Path) -> None:
    db = open_database(people)
    members = MemberService(db)
    twin = members.create(MemberDraft(nickname="芳芳", phone="13800138000"))  # same phone as 王芳
    talker = next(m for m in members.rows(members.page_ids(None)) if m.nickname == "张伟")
    from desktop.domain.enums import InteractionKind
    from desktop.domain.members import InteractionDraft
    from desktop.services.interactions import InteractionService

    group_id = GroupService(db).list_groups()[0].id
    for _ in range(3):
        InteractionService(db).log(InteractionDraft(InteractionKind.MESSAGE, group_id=group_id, member_id=talker.id,
                                                    summary="你好"))
    db.dispose()
    window = open_window(people)
    window.show_page("members")
    page = window.members_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=10_000)

    page.duplicates_button.click()
    dialog = page.duplicates_dialog
    qtbot.waitUntil(lambda: dialog.people.rowCount() == 2, timeout=10_000)
    assert "13800138000" in dialog.sets.item(0).text()
    rows = {dialog.people.row_at(r).nickname: r for r in range(2)}
    dialog.table.selectRow(rows["王芳"])
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: dialog.last_merge is not None and dialog.sets.count() == 0, timeout=10_000)
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=10_000)
    assert twin.id not in page.model.ids
    dialog.undo_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 6 and dialog.sets.count() == 1, timeout=10_000)
    idle(qtbot, window)
    dialog.close()

    page.suggestions_button.click()
    suggestions = page.suggestions_dialog
    qtbot.waitUntil(lambda: suggestions.tree.topLevelItemCount() == 1, timeout=10_000)
    assert [s.nickname for s in suggestions.ticked()] == ["张伟"]
    assert suggestions.tree.topLevelItem(0).text(2) == "粉丝"
    suggestions.apply_button.click()
    qtbot.waitUntil(lambda: suggestions.tree.topLevelItemCount() == 0, timeout=10_000)
    idle(qtbot, window)
    db = open_database(people)
    assert MemberService(db).get(talker.id).tier is Tier.FAN
    db.dispose()
    suggestions.close()


def test_paste_a_member_list_records_joins_and_leaves(qtbot, open_window, people: Path) -> None:
    from .conftest import select_row, wait_loaded

    window = open_window(people)
    wait_loaded(qtbot, window, 2)
    groups = window.groups_page
    row = next(r for r in range(groups.model.rowCount()) if groups.model.group_at(r).name == "阳光花园水果团购群")
    select_row(groups, row)
    qtbot.waitUntil(lambda: groups.tabs.group_id is not None, timeout=10_000)
    groups.tabs.setCurrentIndex(1)
    groups.tabs.paste_button.click()
    dialog = groups._paste_dialog
    assert dialog is not None
    dialog.text.setPlainText("1. 李娜\n2、张伟🍊\n\n3) 新来的小美\n李娜\n")
    assert dialog.count.text() == "识别到 3 人"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: groups._paste_dialog is None, timeout=10_000)
    # a bare nickname matches only people already in this group (nicknames are not unique across
    # groups): 李娜 and 张伟 from elsewhere become new records, found later by 查找重复
    assert "进群 3 人, 退群 1 人, 新建成员 3 人" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: groups.tabs.members_model.rowCount() == 4, timeout=10_000)  # 王芳 left, 3 joined
    left = [groups.tabs.members_model.row_at(r) for r in range(4) if groups.tabs.members_model.row_at(r).left_on]
    assert [r.nickname for r in left] == ["王芳"]
    qtbot.waitUntil(lambda: groups.model.group_at(row).member_count == 3, timeout=10_000)
    qtbot.waitUntil(lambda: window.runner.active_count == 0, timeout=10_000)


def test_ladder_rules_are_the_operators_own(qtbot, open_window, people: Path) -> None:
    from desktop.domain.enums import InteractionKind
    from desktop.domain.members import InteractionDraft
    from desktop.services.interactions import InteractionService
    from desktop.ui.dialogs.ladder_settings import load_rules, rules_from_json, rules_to_json

    db = open_database(people)
    members = MemberService(db)
    talker = next(m for m in members.rows(members.page_ids(None)) if m.nickname == "陈静")
    group_id = GroupService(db).list_groups()[0].id
    for _ in range(2):
        InteractionService(db).log(InteractionDraft(InteractionKind.MESSAGE, group_id=group_id, member_id=talker.id))
    db.dispose()
    window = open_window(people)
    window.show_page("members")
    page = window.members_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=10_000)

    page.suggestions_button.click()  # default rule: 3 messages make a fan; 陈静 has 2
    qtbot.waitUntil(lambda: "目前没有" in page.suggestions_dialog.status.text(), timeout=10_000)
    page.suggestions_dialog.close()

    window.edit_ladder_rules()
    dialog = window.ladder_dialog
    dialog.fan.setValue(2)
    dialog.weights[InteractionKind.MESSAGE].setValue(4.0)
    dialog.buttons.accepted.emit()
    tiers, params = load_rules(window.settings)
    assert tiers.interactions_for_fan == 2 and params.weights[InteractionKind.MESSAGE] == 4.0
    assert rules_from_json(rules_to_json(tiers, params)) == (tiers, params)
    assert rules_from_json("{not json") == rules_from_json("")  # damaged settings fall back to defaults

    page.suggestions_button.click()
    suggestions = page.suggestions_dialog
    qtbot.waitUntil(lambda: suggestions.tree.topLevelItemCount() == 1, timeout=10_000)
    assert suggestions.tree.topLevelItem(0).text(0) == "陈静" and "2 次" in suggestions.tree.topLevelItem(0).text(3)
    suggestions.close()
    qtbot.waitUntil(lambda: window.runner.active_count == 0, timeout=10_000)
