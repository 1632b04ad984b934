"""The 群发 page in the real window: working through the manual queue with the keyboard, a group robot
added, tested and used by the GUI dispatcher against a loopback server, and the editor's checks."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox

from desktop.domain.broadcasts import BroadcastDraft, TemplateDraft
from desktop.domain.enums import DeliveryStatus
from desktop.domain.groups import GroupDraft
from desktop.services.broadcasts import BroadcastService
from desktop.services.groups import GroupService
from desktop.store.engine import open_database
from tests.support.robot_server import RobotServer

from .conftest import select_row, wait_loaded

QUEUE_GROUPS = ["阳光花园1群", "阳光花园2群", "阳光花园3群", "阳光花园4群"]


def idle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.runner.active_count == 0, timeout=15_000)


def nav_text(window, page: str) -> str:  # type: ignore[no-untyped-def]
    for row in range(window.nav.count()):
        item = window.nav.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == page:
            return item.text()
    raise AssertionError(page)


def test_work_through_the_manual_queue_with_the_keyboard(qtbot, open_window, db_path: Path) -> None:
    db = open_database(db_path)
    groups = GroupService(db)
    ids = [groups.create(GroupDraft(name=name, owner="王芳")).id for name in QUEUE_GROUPS]
    BroadcastService(db).create(BroadcastDraft(
        title="截单提醒", body="{群名}的家人们, 今晚 20:00 截单, 群主{群主}在群里答疑",
        run_at=datetime.now(), group_ids=tuple(ids), quiet_start=None, quiet_end=None))  # due now, any hour
    db.dispose()

    window = open_window(db_path)
    wait_loaded(qtbot, window, 4)  # the dispatcher ran at start-up and queued the four manual sends
    assert nav_text(window, "broadcasts") == "群发 (4)"
    window.show_page("broadcasts")
    page = window.broadcasts_page
    queue = page.queue_tab
    page.tabs.setCurrentWidget(queue)
    qtbot.waitUntil(lambda: queue.model.rowCount() == 4, timeout=10_000)
    assert queue.remaining.text() == "剩余 4" and page.tabs.tabText(1) == "待发送 (4)"
    queue.table.setFocus()
    first, second = queue.model.row_at(0), queue.model.row_at(1)
    assert first.group_name in queue.group_label.text()

    qtbot.keyClick(queue.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied == first.body and copied.startswith(first.group_name + "的家人们") and "群主王芳" in copied

    qtbot.keyClick(queue.table, Qt.Key.Key_Return)  # done by hand, the next one is selected
    assert queue.model.rowCount() == 3 and queue.current().id == second.id
    assert queue.remaining.text() == "剩余 3" and second.group_name in queue.group_label.text()
    qtbot.keyClick(queue.table, Qt.Key.Key_S)  # skipped without a question
    assert queue.model.rowCount() == 2
    qtbot.keyClick(queue.table, Qt.Key.Key_Down)
    qtbot.keyClick(queue.table, Qt.Key.Key_Up)
    qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    qtbot.keyClick(queue.table, Qt.Key.Key_Enter)
    assert queue.model.rowCount() == 0
    assert queue.stack.currentWidget() is queue.empty and queue.empty.text() == "没有待手动发送的消息"
    idle(qtbot, window)
    queue.refresh()
    idle(qtbot, window)
    assert queue.model.rowCount() == 0 and nav_text(window, "broadcasts") == "群发"

    page.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 4, timeout=10_000)
    statuses = Counter(page.history_model.row_at(r).status for r in range(4))
    assert statuses == {DeliveryStatus.DONE_BY_HAND: 3, DeliveryStatus.SKIPPED: 1}
    skipped = next(page.history_model.row_at(r) for r in range(4)
                   if page.history_model.row_at(r).status is DeliveryStatus.SKIPPED)
    assert skipped.group_name == second.group_name and skipped.last_error == "跳过"
    assert page.model.row_at(0).title == "截单提醒" and page.model.index(0, 5).data() == "3 / 0 / 0"


def test_robot_added_tested_and_used_by_the_dispatcher(qtbot, open_window, seeded_path: Path, monkeypatch) -> None:
    with RobotServer() as server:
        url = server.add_robot("wecom", "KEY-robot-123456")
        window = open_window(seeded_path)
        wait_loaded(qtbot, window, 5)
        groups_page = window.groups_page
        select_row(groups_page, 0)
        group = groups_page.model.group_at(0)
        tabs = groups_page.tabs
        robots = tabs.robots_tab
        tabs.setCurrentWidget(robots)
        idle(qtbot, window)
        assert robots.model.rowCount() == 0 and robots.add_button.isEnabled()

        qtbot.mouseClick(robots.add_button, Qt.MouseButton.LeftButton)
        dialog = robots._dialog
        assert dialog is not None
        dialog.url.setText("ftp://nowhere")
        assert "https://" in dialog.kind.text()
        dialog.url.setText(url)
        assert dialog.kind.text() == "企业微信群机器人"
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: robots.model.rowCount() == 1, timeout=10_000)
        robot = robots.model.row_at(0)
        assert robot.enabled and "KEY-robot-123456" not in robot.url_masked
        assert "KEY-robot-123456" not in robots.model.index(0, 2).data()

        robots.view.selectRow(0)
        qtbot.mouseClick(robots.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(server.texts("KEY-robot-123456")) == 1, timeout=10_000)
        qtbot.waitUntil(lambda: "测试消息已发送" in robots.result.text(), timeout=10_000)
        idle(qtbot, window)

        service = window.broadcasts_page._service
        service.create(BroadcastDraft(title="上新通知", body="{群名}: 今天上新脐橙", run_at=datetime.now(),
                                      group_ids=(group.id,), quiet_start=None, quiet_end=None))
        window.send_due_action.trigger()
        qtbot.waitUntil(lambda: len(server.texts("KEY-robot-123456")) == 2, timeout=15_000)
        assert server.texts("KEY-robot-123456")[1] == f"{group.name}: 今天上新脐橙"
        idle(qtbot, window)

        window.show_page("broadcasts")
        page = window.broadcasts_page
        qtbot.waitUntil(lambda: page.history_model.rowCount() == 1, timeout=10_000)
        assert page.history_model.index(0, 2).data() == "已发送"
        assert page.queue_tab.model.rowCount() == 0  # a robot group never lands in the manual queue
        # the group's own history shows it too
        window.show_page("groups")
        qtbot.waitUntil(lambda: robots.history_model.rowCount() == 1, timeout=10_000)
        assert robots.history_model.index(0, 1).data() == "已发送"
        assert server.duplicates() == 0


def test_editor_refuses_a_rule_firing_every_second_and_previews_a_template(qtbot, open_window,
                                                                          seeded_path: Path) -> None:
    window = open_window(seeded_path)
    wait_loaded(qtbot, window, 5)
    page = window.broadcasts_page
    page._service.create_template(TemplateDraft("截单提醒", "{群名}的家人们, 群主{群主}提醒: {日期}晚上截单"))
    window.show_page("broadcasts")
    idle(qtbot, window)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page._dialog is not None, timeout=10_000)
    dialog = page._dialog

    dialog.template.setCurrentIndex(dialog.template.findText("截单提醒"))
    dialog.template.activated.emit(dialog.template.currentIndex())
    assert dialog.body.toPlainText().startswith("{群名}的家人们") and dialog.title.text() == "截单提醒"
    dialog.group_search.setText("阳光花园")
    dialog._check_visible(True)
    assert dialog.group_count.text() == "已选 2 个群"
    qtbot.waitUntil(lambda: dialog.preview_group.count() == 2, timeout=10_000)
    for row in range(2):
        dialog.preview_group.setCurrentIndex(row)
        name = dialog.preview_group.currentText()
        assert dialog.preview_text.toPlainText().startswith(f"{name}的家人们, 群主王芳提醒")
    assert "手动" in dialog.preview_note.text()

    dialog.tabs.setCurrentIndex(2)
    dialog.kind.setCurrentIndex(dialog.kind.findData("rrule"))
    dialog.repeat.setCurrentIndex(dialog.repeat.findData("custom"))
    dialog.rrule.clear()
    qtbot.keyClicks(dialog.rrule, "FREQ=SECONDLY")
    assert "秒" in dialog.schedule_error.text() and "10 分钟" in dialog.schedule_error.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "10 分钟" in dialog.error.text() and dialog.isVisible()
    dialog.rrule.clear()
    qtbot.keyClicks(dialog.rrule, "FREQ=MINUTELY;INTERVAL=2")
    assert "太频繁" in dialog.schedule_error.text()
    dialog.rrule.clear()
    qtbot.keyClicks(dialog.rrule, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
    assert "永远不会" in dialog.schedule_error.text()

    dialog.repeat.setCurrentIndex(dialog.repeat.findData("weekly"))
    assert dialog.rrule.text() == "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9;BYMINUTE=0"
    assert dialog.rule_words.text() == "每周一三五 09:00" and dialog.schedule_error.text() == ""
    assert dialog.upcoming.count() == 3 or dialog.upcoming.count() == 4  # 3 a week, 4 when today's is still ahead
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page._dialog is None and page.model.rowCount() == 1, timeout=10_000)
    idle(qtbot, window)
    assert page.model.index(0, 1).data() == "每周一三五 09:00"
    assert page.model.index(0, 2).data() == "2 个群" and page.model.index(0, 3).data() == "进行中"

    # the templates tab previews per group
    page.tabs.setCurrentIndex(4)
    qtbot.waitUntil(lambda: page.templates_model.rowCount() == 1 and page.template_group.count() == 5,
                    timeout=10_000)
    page.template_group.setCurrentIndex(page.template_group.findText("夜跑爱好者群"))
    page.template_group.activated.emit(page.template_group.currentIndex())
    qtbot.waitUntil(lambda: page.template_preview.toPlainText().startswith("夜跑爱好者群的家人们, 群主陈静"),
                    timeout=10_000)

    # the agenda lists the coming sends
    page.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: page.agenda_model.rowCount() >= 3, timeout=10_000)
    assert page.agenda_model.index(0, 2).data() == "截单提醒"
    assert page.agenda_model.index(0, 4).data() == "机器人 0 · 手动 2"
