"""The interaction log in the GUI: the quick-entry bar, the interactions page and 待跟进,
each built on a real SQLite workspace and driven with the keyboard and the mouse."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from desktop.domain.enums import InteractionKind
from desktop.domain.groups import GroupDraft
from desktop.domain.members import InteractionDraft, InteractionFilter, MemberDraft
from desktop.services.groups import GroupService
from desktop.services.interactions import InteractionService
from desktop.services.members import MemberService
from desktop.settings import Settings
from desktop.store.engine import Database
from desktop.store.models import GroupDayStat
from desktop.ui.pages.follow_ups_page import SECTION_OVERDUE, SECTION_TODAY, FollowUpsPage
from desktop.ui.pages.interactions_page import InteractionsPage
from desktop.ui.widgets.quick_entry import QuickEntryBar
from desktop.workers.tasks import TaskRunner

from .conftest import type_text

TODAY = date.today()
# completion popups: the offscreen platform cannot raise them or grab the keyboard (a real one can)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@dataclass
class Workspace:
    db: Database
    interactions: InteractionService
    members: MemberService
    groups: GroupService
    group: dict[str, int]
    member: dict[str, int]


@pytest.fixture
def ws(db: Database) -> Workspace:
    groups, members = GroupService(db), MemberService(db)
    group = {name: groups.create(GroupDraft(name=name)).id
             for name in ("阳光花园水果团购群", "读书会", "夜跑爱好者群")}
    member = {nickname: members.create(MemberDraft(nickname=nickname, phone=phone)).id
              for nickname, phone in (("王芳", "13800138000"), ("李娜", None), ("小王同学", None), ("陈静", None))}
    return Workspace(db, InteractionService(db), members, groups, group, member)


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    task_runner = TaskRunner()
    yield task_runner
    qtbot.waitUntil(lambda: task_runner.active_count == 0, timeout=30_000)  # no thread may outlive its test
    assert task_runner.wait_for_done(30_000)


def idle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=10_000)


def day_stat(db: Database, group_id: int, day: date) -> tuple[int, int] | None:
    with db.transaction() as session:
        row = session.execute(select(GroupDayStat.messages, GroupDayStat.active_members)
                              .where(GroupDayStat.group_id == group_id, GroupDayStat.day == day)).first()
        return None if row is None else (row[0], row[1])


def make_bar(qtbot, runner: TaskRunner, ws: Workspace) -> QuickEntryBar:  # type: ignore[no-untyped-def]
    bar = QuickEntryBar(runner, ws.interactions, ws.members, ws.groups)
    qtbot.addWidget(bar)
    bar.resize(1200, 60)
    bar.show()
    qtbot.waitExposed(bar)
    idle(qtbot, runner)  # the group list for completion
    return bar


def log(ws: Workspace, kind: InteractionKind, group: str | None, member: str | None, summary: str = "", *,
        days_ago: int = 0, follow_up: date | None = None, amount: int | None = None) -> int:
    """Log through the service as if on an earlier day (the follow-up may then lie before today)."""
    at = datetime.combine(TODAY - timedelta(days=days_ago), time(10, 0))
    return ws.interactions.log(InteractionDraft(
        kind, ws.group[group] if group else None, ws.member[member] if member else None, summary, amount,
        follow_up, at), now=at).id


# --------------------------------------------------------------------------------------------------
# the quick-entry bar


def test_enter_logs_one_interaction_and_keeps_the_group(qtbot, runner: TaskRunner, ws: Workspace) -> None:
    bar = make_bar(qtbot, runner, ws)
    bar.focus_entry()
    type_text(bar.group_edit, "ygh")  # pinyin initials of 阳光花园
    assert [bar.group_edit.suggestions.item(r).data(Qt.ItemDataRole.UserRole + 2)
            for r in range(bar.group_edit.suggestions.rowCount())] == ["阳光花园水果团购群"]
    type_text(bar.group_edit, " sgtg")  # ...水果团购: still the one group; not picked, resolved on save
    assert bar.group_edit.text() == "ygh sgtg"
    type_text(bar.member_edit, "王芳")
    bar.kind_combo.setCurrentIndex(bar.kind_combo.findData(InteractionKind.PURCHASE.value))
    type_text(bar.summary_edit, "买了两箱橙子")
    type_text(bar.amount_edit, "¥1,012.50")
    logged: list = []
    bar.logged.connect(logged.append)
    with qtbot.waitSignal(bar.status_message, timeout=10_000) as status:
        qtbot.keyClick(bar.amount_edit, Qt.Key.Key_Return)
    idle(qtbot, runner)

    ids = ws.interactions.list_ids()
    assert len(ids) == 1
    saved = ws.interactions.rows(ids)[0]
    assert (saved.group_id, saved.member_id, saved.kind, saved.amount_cents, saved.summary) == (
        ws.group["阳光花园水果团购群"], ws.member["王芳"], InteractionKind.PURCHASE, 101_250, "买了两箱橙子")
    assert [dto.id for dto in logged] == ids
    assert "王芳" in status.args[0]
    # the next entry starts in the same group with a blank line
    assert bar.group_edit.text() == "阳光花园水果团购群" and bar.group_edit.picked_id == ws.group["阳光花园水果团购群"]
    assert bar.summary_edit.text() == bar.amount_edit.text() == bar.member_edit.text() == ""
    assert day_stat(ws.db, ws.group["阳光花园水果团购群"], TODAY) == (1, 1)  # one message, one speaker

    # a second line from someone else, and a third from 王芳 again: two speakers, three messages
    type_text(bar.member_edit, "李娜")
    bar.kind_combo.setCurrentIndex(bar.kind_combo.findData(InteractionKind.QUESTION.value))
    type_text(bar.summary_edit, "周六几点提货?")
    qtbot.keyClick(bar.summary_edit, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: len(ws.interactions.list_ids()) == 2, timeout=10_000)
    idle(qtbot, runner)
    type_text(bar.member_edit, "王芳")
    type_text(bar.summary_edit, "谢谢")
    qtbot.keyClick(bar.member_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(ws.interactions.list_ids()) == 3, timeout=10_000)
    idle(qtbot, runner)
    assert day_stat(ws.db, ws.group["阳光花园水果团购群"], TODAY) == (3, 2)


def test_member_suggestions_by_pinyin_and_picking_one(qtbot, runner: TaskRunner, ws: Workspace) -> None:
    bar = make_bar(qtbot, runner, ws)
    bar.set_group(ws.group["读书会"], "读书会")
    type_text(bar.member_edit, "wang")
    model = bar.member_edit.suggestions
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10_000)
    names = [model.item(r).data(Qt.ItemDataRole.UserRole + 2) for r in range(model.rowCount())]
    assert sorted(names) == ["小王同学", "王芳"]
    assert "尾号8000" in model.item(names.index("王芳")).text()  # namesakes are told apart by phone
    bar.member_edit.completer().activated[QModelIndex].emit(model.index(names.index("小王同学"), 0))
    assert bar.member_edit.picked_id == ws.member["小王同学"] and bar.member_edit.text() == "小王同学"
    bar.kind_combo.setCurrentIndex(bar.kind_combo.findData(InteractionKind.JOIN.value))
    qtbot.keyClick(bar.kind_combo, Qt.Key.Key_Return)  # Enter saves from the kind combo too
    qtbot.waitUntil(lambda: len(ws.interactions.list_ids()) == 1, timeout=10_000)
    idle(qtbot, runner)
    saved = ws.interactions.rows(ws.interactions.list_ids())[0]
    assert (saved.member_id, saved.group_id, saved.kind) == (ws.member["小王同学"], ws.group["读书会"],
                                                            InteractionKind.JOIN)
    assert ws.groups.get(ws.group["读书会"]).member_count == 1  # the join made a membership


def test_errors_keep_what_was_typed_and_name_the_field(qtbot, runner: TaskRunner, ws: Workspace) -> None:
    bar = make_bar(qtbot, runner, ws)
    type_text(bar.group_edit, "读书会")
    type_text(bar.member_edit, "陈静")
    type_text(bar.summary_edit, "想报名下期共读")
    type_text(bar.amount_edit, "十二块")
    qtbot.keyClick(bar.summary_edit, Qt.Key.Key_Return)
    assert bar.error_label.isVisible() and "金额" in bar.error_label.text()
    assert bar.error_field == "amount_cents"
    assert bar.focusWidget() is bar.amount_edit
    assert (bar.group_edit.text(), bar.member_edit.text(), bar.summary_edit.text(), bar.amount_edit.text()) == (
        "读书会", "陈静", "想报名下期共读", "十二块")

    # fixing the amount clears the message; an unknown member is reported from the worker
    bar.amount_edit.clear()
    type_text(bar.amount_edit, "30")
    assert not bar.error_label.isVisible()
    bar.member_edit.clear()
    type_text(bar.member_edit, "不存在的人")
    qtbot.keyClick(bar.member_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bar.error_label.isVisible(), timeout=10_000)
    idle(qtbot, runner)
    assert "不存在的人" in bar.error_label.text() and bar.error_field == "member_id"
    assert bar.summary_edit.text() == "想报名下期共读" and bar.amount_edit.text() == "30"

    # a follow-up date in the past
    bar.member_edit.clear()
    type_text(bar.member_edit, "陈静")
    bar.follow_up_check.setChecked(True)
    bar.follow_up_date.setDate(QDate.currentDate().addDays(-2))
    qtbot.keyClick(bar.summary_edit, Qt.Key.Key_Return)
    assert bar.error_field == "follow_up_on" and "跟进日期" in bar.error_label.text()
    assert ws.interactions.list_ids() == []  # nothing half-saved

    # Esc clears the entry (the group stays), a second Esc hides the bar
    qtbot.keyClick(bar.summary_edit, Qt.Key.Key_Escape)
    assert bar.summary_edit.text() == "" and bar.group_edit.text() == "读书会" and not bar.error_label.isVisible()
    with qtbot.waitSignal(bar.dismissed, timeout=1000):
        qtbot.keyClick(bar.group_edit, Qt.Key.Key_Escape)
    assert bar.isHidden()


# --------------------------------------------------------------------------------------------------
# the interactions page


@pytest.fixture
def history(ws: Workspace) -> dict[str, int]:
    ids = {
        "question": log(ws, InteractionKind.QUESTION, "阳光花园水果团购群", "王芳", "几点提货"),
        "purchase": log(ws, InteractionKind.PURCHASE, "阳光花园水果团购群", "李娜", "两箱橙子", days_ago=3,
                        amount=9900),
        "complaint": log(ws, InteractionKind.COMPLAINT, "读书会", "王芳", "书寄错了", days_ago=10,
                         follow_up=TODAY + timedelta(days=1)),
        "praise": log(ws, InteractionKind.PRAISE, "夜跑爱好者群", "陈静", "路线很好", days_ago=40),
        "note": log(ws, InteractionKind.NOTE, None, "小王同学", "私下问了价格", days_ago=1,
                    follow_up=TODAY),
    }
    return ids


def make_page(qtbot, runner: TaskRunner, ws: Workspace, tmp_path) -> InteractionsPage:  # type: ignore[no-untyped-def]
    page = InteractionsPage(runner, ws.interactions, ws.members, ws.groups, Settings(str(tmp_path / "s.ini")))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    idle(qtbot, runner)
    return page


def shown(qtbot, page: InteractionsPage, runner: TaskRunner) -> set[int]:  # type: ignore[no-untyped-def]
    idle(qtbot, runner)
    return set(page.model.ids)


def test_filters_narrow_the_table(qtbot, runner: TaskRunner, ws: Workspace, history: dict[str, int],
                                  tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, runner, ws, tmp_path)
    assert page.model.ids == [history[k] for k in ("question", "note", "purchase", "complaint", "praise")]
    assert page.count_label.text() == "共 5 条"
    qtbot.waitUntil(lambda: page.model.index(0, 2).data() == "王芳", timeout=10_000)  # rows read lazily
    assert page.model.index(1, 5).data() == "" and page.model.index(2, 5).data() == "¥99.00"

    page.set_kinds({InteractionKind.QUESTION, InteractionKind.COMPLAINT})
    assert shown(qtbot, page, runner) == {history["question"], history["complaint"]}
    assert page.kind_button.text() == "提问、投诉"
    page.set_kinds(set())

    type_text(page.group_filter, "群")  # a name typed, not picked: every group it matches
    qtbot.waitUntil(lambda: set(page.model.ids) == {history[k] for k in ("question", "purchase", "praise")},
                    timeout=10_000)
    type_text(page.group_filter, " ygh")
    qtbot.waitUntil(lambda: set(page.model.ids) == {history["question"], history["purchase"]}, timeout=10_000)
    model = page.group_filter.suggestions
    assert model.rowCount() == 1
    page.group_filter.completer().activated[QModelIndex].emit(model.index(0, 0))  # picked from the list
    assert page.group_filter.text() == "阳光花园水果团购群"
    assert page.group_filter.picked_id == ws.group["阳光花园水果团购群"]
    assert shown(qtbot, page, runner) == {history["question"], history["purchase"]}
    page.group_filter.selectAll()
    qtbot.keyClick(page.group_filter, Qt.Key.Key_Backspace)  # cleared: all groups again
    qtbot.waitUntil(lambda: len(page.model.ids) == 5, timeout=10_000)
    type_text(page.group_filter, "没有这个群")
    qtbot.waitUntil(lambda: page.model.ids == [], timeout=10_000)
    page.group_filter.clear()
    qtbot.waitUntil(lambda: len(page.model.ids) == 5, timeout=10_000)

    type_text(page.member_filter, "wf")  # 王芳 by pinyin initials, debounced
    qtbot.waitUntil(lambda: set(page.model.ids) == {history["question"], history["complaint"]}, timeout=10_000)
    page.member_filter.clear()

    page.period_filter.setCurrentIndex(page.period_filter.findData("7"))
    qtbot.waitUntil(lambda: set(page.model.ids) == {history["question"], history["purchase"], history["note"]},
                    timeout=10_000)
    page.period_filter.setCurrentIndex(page.period_filter.findData("today"))
    assert shown(qtbot, page, runner) == {history["question"]}
    page.period_filter.setCurrentIndex(page.period_filter.findData("custom"))
    assert page.since_edit.isVisible()
    page.since_edit.setDate(QDate.currentDate().addDays(-45))
    page.until_edit.setDate(QDate.currentDate().addDays(-5))
    assert shown(qtbot, page, runner) == {history["complaint"], history["praise"]}
    page.period_filter.setCurrentIndex(page.period_filter.findData("all"))

    page.follow_filter.setCurrentIndex(page.follow_filter.findData("has"))
    assert shown(qtbot, page, runner) == {history["complaint"], history["note"]}

    # nothing matches: the empty state offers to clear the filters
    page.set_kinds({InteractionKind.LEAVE})
    assert shown(qtbot, page, runner) == set()
    assert page.table_stack.currentWidget() is page.empty_label and "清除筛选" in page.empty_label.text()
    page.clear_filters()
    assert len(shown(qtbot, page, runner)) == 5

    # sorting by time runs in SQL; other columns do not sort millions of rows
    page.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: page.model.ids[:1] == [history["praise"]], timeout=10_000)
    idle(qtbot, runner)


def test_empty_workspace_says_how_to_start(qtbot, runner: TaskRunner, ws: Workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, runner, ws, tmp_path)
    assert page.table_stack.currentWidget() is page.empty_label
    assert "Ctrl+L" in page.empty_label.text()
    with qtbot.waitSignal(page.quick_entry_requested, timeout=1000):
        page.empty_label.linkActivated.emit("log")
    # a bar logging elsewhere refreshes the page through data_changed
    bar = make_bar(qtbot, runner, ws)
    type_text(bar.group_edit, "读书会")
    type_text(bar.summary_edit, "群公告更新")
    qtbot.keyClick(bar.summary_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    idle(qtbot, runner)
    assert page.table_stack.currentWidget() is page.table


def select_rows(page: InteractionsPage, ids: list[int]) -> None:
    selection = page.table.selectionModel()
    selection.clearSelection()
    for item_id in ids:
        selection.select(page.model.index(page.model.row_of(item_id), 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def test_delete_asks_first(qtbot, runner: TaskRunner, ws: Workspace, history: dict[str, int], tmp_path,
                           monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, runner, ws, tmp_path)
    before = day_stat(ws.db, ws.group["阳光花园水果团购群"], TODAY)
    assert before == (1, 1)
    select_rows(page, [history["question"], history["purchase"]])
    assert page.count_label.text() == "共 5 条 · 已选 2 条"
    asked: list[str] = []
    answer = QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda _p, _t, text, *a, **k: asked.append(text) or answer))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(asked) == 1 and "2 条" in asked[0]
    idle(qtbot, runner)
    assert len(ws.interactions.list_ids()) == 5  # said no: nothing gone

    answer = QMessageBox.StandardButton.Yes
    page.delete_button.click()
    qtbot.waitUntil(lambda: len(page.model.ids) == 3, timeout=10_000)
    idle(qtbot, runner)
    assert len(asked) == 2
    assert set(ws.interactions.list_ids()) == {history["complaint"], history["praise"], history["note"]}
    assert day_stat(ws.db, ws.group["阳光花园水果团购群"], TODAY) is None  # the day stat followed


def test_bulk_mark_done_on_the_interactions_page(qtbot, runner: TaskRunner, ws: Workspace,
                                                 history: dict[str, int], tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, runner, ws, tmp_path)
    page.follow_filter.setCurrentIndex(page.follow_filter.findData("open"))
    assert shown(qtbot, page, runner) == {history["complaint"], history["note"]}
    page.table.selectAll()
    page.done_button.click()
    qtbot.waitUntil(lambda: page.model.ids == [], timeout=10_000)
    idle(qtbot, runner)
    assert ws.interactions.follow_ups().today == ()


# --------------------------------------------------------------------------------------------------
# 待跟进


def test_follow_ups_marked_done_with_the_keyboard_leave_the_overdue_list(qtbot, runner: TaskRunner,
                                                                          ws: Workspace) -> None:
    overdue = [log(ws, InteractionKind.QUESTION, "读书会", name, "回复书单", days_ago=5,
                   follow_up=TODAY - timedelta(days=days))
               for name, days in (("王芳", 3), ("李娜", 2), ("陈静", 1))]
    due_today = log(ws, InteractionKind.COMPLAINT, "阳光花园水果团购群", "王芳", "橙子坏了", follow_up=TODAY)
    later = log(ws, InteractionKind.NOTE, None, "小王同学", "下周回访", follow_up=TODAY + timedelta(days=3))
    page = FollowUpsPage(runner, ws.interactions)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    idle(qtbot, runner)
    assert page.section_ids(SECTION_OVERDUE) == overdue and page.section_ids(SECTION_TODAY) == [due_today]
    assert page.section_ids(2) == [later]
    assert page.summary_label.text() == "已逾期 3 · 今天 1 · 未来 7 天 1"
    head = page.model.item(SECTION_OVERDUE, 0)
    assert head.text() == "已逾期 · 3 条" and "逾期 3 天" in head.child(0, 0).text()

    # two overdue ones (multi-select), Space marks them done
    page.select_ids({overdue[0], overdue[1]})
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.section_ids(SECTION_OVERDUE) == [overdue[2]], timeout=10_000)
    idle(qtbot, runner)
    done = ws.interactions.rows(overdue)
    assert [i.follow_up_done for i in done] == [True, True, False]
    # the cursor moved on to the next open follow-up: Enter finishes it too
    assert page.selected_ids() == [overdue[2]]
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.section_ids(SECTION_OVERDUE) == [], timeout=10_000)
    idle(qtbot, runner)
    assert page.section_ids(SECTION_TODAY) == [due_today]
    assert set(ws.interactions.list_ids(InteractionFilter(done=False))) == {due_today, later}
