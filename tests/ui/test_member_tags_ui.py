"""Members page, in the real window: tags (bulk, context menu, manager), activity levels cached and
filtered, a saved segment and "whom did TA invite" as filters."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.domain.enums import InteractionKind
from desktop.domain.groups import GroupDraft
from desktop.domain.members import InteractionDraft, MemberDraft
from desktop.domain.segments import SegmentSpec
from desktop.services.groups import GroupService
from desktop.services.interactions import InteractionService
from desktop.services.members import MemberService
from desktop.services.segments import SegmentService
from desktop.store.engine import open_database

NICKNAMES = ("王芳", "李娜", "张伟", "小王同学", "陈静")


@pytest.fixture
def people(db_path: Path) -> Path:
    db = open_database(db_path)
    groups = GroupService(db)
    fruit = groups.create(GroupDraft(name="阳光花园水果团购群"))
    books = groups.create(GroupDraft(name="读书会"))
    members = MemberService(db)
    created = {name: members.create(MemberDraft(nickname=name)) for name in NICKNAMES}
    wang = created["王芳"]
    for name in ("李娜", "张伟"):  # 王芳 invited both
        draft = MemberDraft(nickname=name, referrer_id=wang.id)
        members.update(created[name].id, draft)
    members.add_to_group([wang.id, created["陈静"].id], fruit.id)
    members.add_to_group([created["小王同学"].id], books.id)
    log = InteractionService(db)
    now = datetime.now()
    for weeks_ago in range(8):  # 张伟 talks every week: a higher level than 李娜 (twice, months apart)
        for _ in range(3):
            log.log(InteractionDraft(InteractionKind.MESSAGE, group_id=fruit.id, member_id=created["张伟"].id,
                                     summary="在", occurred_at=now - timedelta(weeks=weeks_ago, hours=1)))
    for days_ago in (2, 3, 35, 40, 45):
        log.log(InteractionDraft(InteractionKind.MESSAGE, group_id=fruit.id, member_id=created["李娜"].id,
                                 summary="好", occurred_at=now - timedelta(days=days_ago)))
    SegmentService(db).create("阳光花园", SegmentSpec(text="阳光"))
    db.dispose()
    return db_path


def idle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.runner.active_count == 0, timeout=10_000)


def names(page) -> set[str]:  # type: ignore[no-untyped-def]
    return {page.model.index(r, 0).data() for r in range(page.model.rowCount())}


def open_members(qtbot, window):  # type: ignore[no-untyped-def]
    window.show_page("members")
    page = window.members_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 5 and "…" not in "".join(names(page)), timeout=10_000)
    idle(qtbot, window)
    return page


def select(page, *nicknames: str) -> None:  # type: ignore[no-untyped-def]
    selection = QItemSelection()
    for row in range(page.model.rowCount()):
        if page.model.index(row, 0).data() in nicknames:
            selection.select(page.model.index(row, 0), page.model.index(row, page.model.columnCount() - 1))
    page.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def tag_cell(page, nickname: str) -> str | None:  # type: ignore[no-untyped-def]
    """The tag column of that member's row; None while the row is (re)loading."""
    header = Qt.Orientation.Horizontal
    column = next(c for c in range(page.model.columnCount()) if page.model.headerData(c, header) == "标签")
    row = next((r for r in range(page.model.rowCount()) if page.model.index(r, 0).data() == nickname), None)
    return None if row is None else page.model.index(row, column).data()


def context_action(qtbot, page, text: str) -> None:  # type: ignore[no-untyped-def]
    menu = page.context_menu()  # what a right click pops up (popping it up warns on offscreen)
    action = next(a for a in menu.actions() if a.text() == text)
    action.trigger()
    menu.deleteLater()


def test_tag_in_bulk_filter_by_tag_untag_and_manage_tags(qtbot, open_window, people: Path, monkeypatch) -> None:
    window = open_window(people)
    page = open_members(qtbot, window)
    assert page.tag_filter.count() == 1  # only 全部标签 while there are none

    select(page, "王芳", "李娜", "陈静")
    assert page.detail.currentIndex() == 2
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("  宝妈 ", True)))
    page.tag_button.click()  # a new name creates the tag
    qtbot.waitUntil(lambda: page.tag_filter.findText("宝妈") > 0, timeout=10_000)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: tag_cell(page, "李娜") == "宝妈", timeout=10_000)
    assert tag_cell(page, "张伟") == ""
    assert "3 位成员打上了“宝妈”" in window.statusBar().currentMessage()

    page.tag_filter.setCurrentIndex(page.tag_filter.findText("宝妈"))
    qtbot.waitUntil(lambda: names(page) == {"王芳", "李娜", "陈静"}, timeout=10_000)
    idle(qtbot, window)

    select(page, "李娜")  # one member: the context menu takes the tag off
    context_action(qtbot, page, "移除标签…")
    qtbot.waitUntil(lambda: names(page) == {"王芳", "陈静"}, timeout=10_000)
    idle(qtbot, window)

    page.tags_button.click()
    dialog = page.tags_dialog
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=10_000)
    assert "2 人" in dialog.list.item(0).text()
    dialog.list.setCurrentRow(0)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("新手妈妈", True)))
    dialog.rename_button.click()
    qtbot.waitUntil(lambda: page.tag_filter.currentText() == "新手妈妈", timeout=10_000)
    qtbot.waitUntil(lambda: tag_cell(page, "王芳") == "新手妈妈", timeout=10_000)
    idle(qtbot, window)

    dialog.list.setCurrentRow(0)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: dialog.list.count() == 0 and dialog.empty.isVisible(), timeout=10_000)
    # the filter on the deleted tag is dropped: everyone is listed again, untagged
    qtbot.waitUntil(lambda: page.tag_filter.count() == 1 and len(names(page)) == 5, timeout=10_000)
    qtbot.waitUntil(lambda: tag_cell(page, "王芳") == "", timeout=10_000)
    dialog.close()
    idle(qtbot, window)


def test_activity_levels_are_computed_when_stale_and_filter_in_sql(qtbot, open_window, people: Path) -> None:
    db = open_database(people)
    members = MemberService(db)
    ids = members.page_ids(None)
    expected = members.activity_levels(ids)  # the per-member reference computation
    nickname = {m.id: m.nickname for m in members.rows(ids)}
    db.dispose()
    assert len(set(expected.values())) > 2  # the fixture gives three levels

    window = open_window(people)
    page = open_members(qtbot, window)
    # members made without a level (the fixture wrote them straight to the store): computed on opening
    qtbot.waitUntil(lambda: page.levels_label.text() == f"活跃度计算于 {date.today().isoformat()}", timeout=10_000)
    idle(qtbot, window)
    for index in range(1, page.level_filter.count()):
        page.level_filter.setCurrentIndex(index)
        level = page.level_filter.currentData()
        want = {nickname[i] for i, got in expected.items() if got == level}
        qtbot.waitUntil(lambda want=want: names(page) == want, timeout=10_000)
        idle(qtbot, window)
        if not want:
            assert page.table_stack.currentWidget() is page.empty_label
    page.level_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(names(page)) == 5, timeout=10_000)

    # an explicit recompute from the footer button ends on the same date and levels
    page.levels_button.click()
    assert page.levels_label.text().startswith("正在计算活跃度")
    qtbot.waitUntil(lambda: page.levels_label.text().startswith("活跃度计算于"), timeout=10_000)
    assert page.levels_button.text() == "重新计算"
    idle(qtbot, window)


def test_segment_and_invitees_filters(qtbot, open_window, people: Path) -> None:
    window = open_window(people)
    page = open_members(qtbot, window)
    qtbot.waitUntil(lambda: page.group_filter.findText("分群 · 阳光花园") > 0, timeout=10_000)
    page.group_filter.setCurrentIndex(page.group_filter.findText("分群 · 阳光花园"))
    qtbot.waitUntil(lambda: names(page) == {"王芳", "陈静"}, timeout=10_000)
    idle(qtbot, window)
    page.group_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(names(page)) == 5, timeout=10_000)
    idle(qtbot, window)

    select(page, "王芳")
    context_action(qtbot, page, "只看 TA 邀请的人")
    qtbot.waitUntil(lambda: names(page) == {"李娜", "张伟"}, timeout=10_000)
    assert page.referrer_chip.isVisible() and "王芳" in page.referrer_chip.text()
    idle(qtbot, window)
    page.referrer_chip.click()
    qtbot.waitUntil(lambda: len(names(page)) == 5, timeout=10_000)
    assert not page.referrer_chip.isVisible()
    idle(qtbot, window)
