"""Drive the real main window offscreen: find, edit, save, reopen; create, archive, delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop.domain.enums import GroupStatus
from desktop.services.groups import GroupService
from desktop.store.engine import open_database
from desktop.ui.dialogs.new_group_dialog import NewGroupDialog
from desktop.ui.models.groups_model import GroupColumn

from .conftest import SAMPLE_GROUPS, type_text, wait_loaded


def visible_names(window) -> list[str]:
    model = window.groups_page.model
    return [model.group_at(row).name for row in range(model.rowCount())]


def click_row(qtbot, window, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    table = window.groups_page.table
    rect = table.visualRect(window.groups_page.model.index(row, GroupColumn.NAME))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_find_by_pinyin_initials_edit_and_see_it_after_reopening(qtbot, open_window, seeded_path: Path) -> None:
    window = open_window(seeded_path)
    wait_loaded(qtbot, window, len(SAMPLE_GROUPS))
    page = window.groups_page
    assert "群 5" in window.counts_label.text()
    assert str(seeded_path) in window.db_label.text()

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "ygh")
    assert visible_names(window) == ["阳光花园水果团购3群", "阳光花园水果团购12群"]  # natural order
    assert "显示 2 / 共 5 个群" in page.count_label.text()

    click_row(qtbot, window, 0)
    assert page.editor.name.text() == "阳光花园水果团购3群"
    assert not page.save_button.isEnabled()
    page.editor.owner.clear()
    type_text(page.editor.owner, "刘洋")
    page.editor.member_count.setValue(488)
    assert page.save_button.isEnabled()
    qtbot.keyClick(page.editor.owner, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
    qtbot.waitUntil(lambda: not page.save_button.isEnabled() and window.runner.active_count == 0)
    assert page.model.group_at(0).owner == "刘洋"
    window.close()

    # a new process would see the same: reopen the file from scratch
    again = open_window(seeded_path)
    wait_loaded(qtbot, again, len(SAMPLE_GROUPS))
    qtbot.keyClicks(again.groups_page.search, "liuyang")  # the owner's pinyin finds the group too
    assert visible_names(again) == ["阳光花园水果团购3群"]
    group = again.groups_page.model.group_at(0)
    assert (group.owner, group.member_count) == ("刘洋", 488)


def test_filters_and_empty_state(qtbot, open_window, seeded_path: Path) -> None:
    window = open_window(seeded_path)
    wait_loaded(qtbot, window, len(SAMPLE_GROUPS))
    page = window.groups_page
    type_text(page.search, "不存在的群")
    assert page.model.rowCount() == 0
    assert page.table_stack.currentWidget() is page.empty_label
    assert "清除所有筛选" in page.empty_label.text()
    page.empty_label.linkActivated.emit("clear")
    assert page.search.text() == "" and page.model.rowCount() == 5
    qtbot.mouseClick(page.search, Qt.MouseButton.LeftButton)
    type_text(page.search, "宝妈")
    assert visible_names(window) == ["宝妈育儿交流群"]
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == ""


def test_sorting_by_member_count_column(qtbot, open_window, seeded_path: Path) -> None:
    db = open_database(seeded_path)
    service = GroupService(db)
    for i, group in enumerate(service.list_groups()):
        service.update(group.id, service_draft(group, member_count=[40, 10, 50, 30, 20][i]))
    db.dispose()
    window = open_window(seeded_path)
    wait_loaded(qtbot, window, 5)
    page = window.groups_page
    header = page.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.viewport().rect().topLeft() + _section_center(header, GroupColumn.MEMBERS))
    counts = [page.model.group_at(r).member_count for r in range(5)]
    assert counts in ([10, 20, 30, 40, 50], [50, 40, 30, 20, 10])
    page.table.sortByColumn(GroupColumn.MEMBERS, Qt.SortOrder.DescendingOrder)
    assert [page.model.group_at(r).member_count for r in range(5)] == [50, 40, 30, 20, 10]


def _section_center(header, column):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)


def service_draft(group, **changes):  # type: ignore[no-untyped-def]
    from desktop.domain.groups import GroupDraft

    fields = {name: getattr(group, name) for name in (
        "name", "platform", "owner", "external_id", "lifespan", "start_date", "end_date", "capacity",
        "member_count", "area", "note")}
    fields.update(changes)
    return GroupDraft(**fields)


def test_welcome_page_then_first_group(qtbot, open_window, db_path: Path) -> None:
    window = open_window(db_path)
    assert window.pages.currentWidget() is window.welcome_page
    assert window.welcome_page.where_label.text() == str(db_path)  # says where the data will live
    qtbot.mouseClick(window.welcome_page.new_button, Qt.MouseButton.LeftButton)
    dialog = window.groups_page._dialog
    assert isinstance(dialog, NewGroupDialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # empty name: refused with a message, dialog stays
    assert dialog.isVisible() and "不能为空" in dialog.editor.error.text()
    type_text(dialog.editor.name, "新开的团购群")
    time_combo = dialog.editor._label_inputs[0][1]
    time_combo.setCurrentIndex(time_combo.findText("长期群"))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible() and window.groups_page.model.total_count == 1, timeout=10_000)
    assert window.pages.currentWidget() is window.groups_page
    page = window.groups_page
    qtbot.waitUntil(lambda: page.editor.name.text() == "新开的团购群")  # the new group is selected
    assert [label.name for label in page.model.group_at(0).labels] == ["长期群"]


def test_multi_select_archive_restore_delete_with_confirmation(qtbot, open_window, seeded_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(seeded_path)
    wait_loaded(qtbot, window, 5)
    page = window.groups_page
    click_row(qtbot, window, 0)
    click_row(qtbot, window, 2, Qt.KeyboardModifier.ShiftModifier)
    assert len(page.selected_rows()) == 3
    assert "已选 3 个" in page.count_label.text()
    assert page.detail.currentIndex() == 1  # bulk panel instead of the form

    qtbot.waitUntil(lambda: window.runner.active_count == 0)
    answers = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.append(a[2]) or QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert answers and "归档" in answers[-1]
    assert window.runner.active_count == 0 and all(g.status is GroupStatus.ACTIVE for g in page.model.groups_at(range(5)))

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    names = {g.name for g in page.model.groups_at(page.selected_rows())}
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, window, 5)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)  # archived groups leave the default view
    page.status_filter.setCurrentIndex(page.status_filter.findText("已归档"))
    assert set(visible_names(window)) == names

    page.table.selectAll()
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and window.runner.active_count == 0)
    page.status_filter.setCurrentIndex(0)
    assert page.model.rowCount() == 5

    page.table.selectionModel().select(page.model.index(4, 0),
                                       QItemSelectionModel.SelectionFlag.ClearAndSelect
                                       | QItemSelectionModel.SelectionFlag.Rows)
    doomed = page.model.group_at(4).name
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.model.total_count == 4 and window.runner.active_count == 0)
    assert doomed not in visible_names(window)
    qtbot.waitUntil(lambda: "群 4" in window.counts_label.text())


def test_unsaved_edit_is_offered_for_saving_when_switching_groups(qtbot, open_window, seeded_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(seeded_path)
    wait_loaded(qtbot, window, 5)
    page = window.groups_page
    click_row(qtbot, window, 0)
    first = page.model.group_at(0)
    page.editor.note.setPlainText("周五晚上八点开团")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    click_row(qtbot, window, 1)
    qtbot.waitUntil(lambda: window.runner.active_count == 0)
    qtbot.waitUntil(lambda: any(g.note == "周五晚上八点开团" for g in page.model.groups_at(range(5))))
    assert next(g for g in page.model.groups_at(range(5)) if g.id == first.id).note == "周五晚上八点开团"


def test_invalid_edit_shows_message_and_keeps_text(qtbot, open_window, seeded_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(seeded_path)
    wait_loaded(qtbot, window, 5)
    page = window.groups_page
    click_row(qtbot, window, 0)
    qtbot.waitUntil(lambda: window.runner.active_count == 0)  # the detail tabs have loaded
    page.editor.name.clear()
    qtbot.keyClicks(page.editor.name, "   ")
    page.editor.note.setPlainText("写了一半的备注")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.editor.error.isVisible() and "不能为空" in page.editor.error.text()
    assert page.editor.note.toPlainText() == "写了一半的备注"
    assert window.runner.active_count == 0
    # closing the window with an unsaved edit asks first; Cancel keeps everything
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel)
    window.close()
    assert asked and window.isVisible() and page.editor.note.toPlainText() == "写了一半的备注"
    qtbot.mouseClick(page.revert_button, Qt.MouseButton.LeftButton)
    assert page.editor.name.text() == page.model.group_at(0).name and not page.editor.is_dirty


def test_window_layout_is_remembered(qtbot, open_window, seeded_path: Path) -> None:
    window = open_window(seeded_path)
    wait_loaded(qtbot, window, 5)
    header = window.groups_page.table.horizontalHeader()
    header.resizeSection(GroupColumn.OWNER, 177)
    window.resize(761, 555)  # the offscreen screen is 800 x 600
    window.close()
    again = open_window(seeded_path)
    assert again.groups_page.table.horizontalHeader().sectionSize(GroupColumn.OWNER) == 177
    assert again.size().width() == 761


def test_language_setting_is_stored_for_next_start(qtbot, open_window, seeded_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    window = open_window(seeded_path)
    english = next(a for a in window.language_group.actions() if a.data() == "en")
    english.trigger()
    assert window.settings.language() == "en"


def test_group_model_passes_qt_model_checks(qtmodeltester, qtbot, open_window, seeded_path: Path) -> None:
    window = open_window(seeded_path)
    wait_loaded(qtbot, window, 5)
    qtmodeltester.check(window.groups_page.model)
