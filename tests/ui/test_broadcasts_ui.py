"""The 群发 page in the real window: working through the manual queue with the keyboard, a group robot
added, tested and used by the GUI dispatcher against a loopback server, and the editor's checks."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, QSize, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication, QImage
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

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
    # a once-only broadcast has nothing left to schedule, but it is not done while sends wait
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.index(0, 3).data() == "待发完"
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
    assert page.model.index(0, 3).data() == "已完成"


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


def test_a_broadcast_with_a_picture_is_sent_by_hand_with_the_keyboard(qtbot, open_window, db_path: Path,
                                                                      tmp_path: Path, monkeypatch) -> None:
    db = open_database(db_path)
    groups = GroupService(db)
    for name in QUEUE_GROUPS[:2]:
        groups.create(GroupDraft(name=name, owner="王芳"))
    db.dispose()
    picture = QImage(120, 80, QImage.Format.Format_RGB32)
    picture.fill(QColor("#ff8800"))
    poster, prices = tmp_path / "海报.png", tmp_path / "价目表.pdf"
    assert picture.save(str(poster))
    prices.write_bytes(b"%PDF-1.4")
    chosen = [str(poster), str(prices)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: (chosen, "")))
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))

    window = open_window(db_path)
    wait_loaded(qtbot, window, 2)
    window.show_page("broadcasts")
    page = window.broadcasts_page
    idle(qtbot, window)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page._dialog is not None, timeout=10_000)
    dialog = page._dialog
    dialog.body.setPlainText("{群名}的家人们, 今晚上新, 海报见下图")
    dialog._check_visible(True, every=True)
    qtbot.mouseClick(dialog.attachments.add_button, Qt.MouseButton.LeftButton)
    assert dialog.attachments.paths() == (str(poster), str(prices))
    assert not dialog.attachments.list.item(0).icon().pixmap(40, 40).isNull()  # the picture's thumbnail
    dialog.attachments.list.item(1).setSelected(True)
    qtbot.mouseClick(dialog.attachments.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.attachments.paths() == (str(poster),)
    qtbot.mouseClick(dialog.attachments.add_button, Qt.MouseButton.LeftButton)  # the same files again: no repeats
    assert dialog.attachments.paths() == (str(poster), str(prices))
    dialog.tabs.setCurrentIndex(2)
    dialog.quiet.setChecked(False)  # due now, any hour
    dialog.run_at.setDateTime(QDateTime.currentDateTime())
    qtbot.waitUntil(lambda: dialog.preview_group.count() == 2, timeout=10_000)
    assert "机器人群只发文字" not in dialog.attachments.note.text()  # no robot among the targets
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page._dialog is None and page.model.rowCount() == 1, timeout=10_000)
    idle(qtbot, window)
    assert page._service.get(page.model.row_at(0).id).attachments == (str(poster), str(prices))

    window.send_due_action.trigger()
    idle(qtbot, window)
    queue = page.queue_tab
    page.tabs.setCurrentWidget(queue)
    qtbot.waitUntil(lambda: queue.model.rowCount() == 2, timeout=10_000)
    messages: list[str] = []
    queue.status_message.connect(messages.append)
    queue.table.setFocus()
    first, second = queue.model.row_at(0), queue.model.row_at(1)
    assert queue.model.index(0, 3).data() == "2"
    rows = queue.attachments.rows
    assert not queue.attachments.isHidden() and [r.name.text() for r in rows] == ["海报.png", "价目表.pdf"]
    assert [r.copy_button.text() for r in rows] == ["复制图片", "复制文件"]
    assert rows[0].thumb.pixmap() is not None and not rows[0].thumb.pixmap().isNull()

    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    qtbot.keyClick(queue.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert clipboard.image().size() == QSize(120, 80) and clipboard.image().pixelColor(5, 5) == QColor("#ff8800")
    assert messages[-1] == "已复制图片“海报.png”, 到群里粘贴"
    qtbot.keyClick(queue.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # the text, as before
    assert clipboard.text() == first.body and first.body.startswith(first.group_name + "的家人们")
    qtbot.mouseClick(rows[1].folder_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(tmp_path))]
    qtbot.mouseClick(rows[1].copy_button, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in clipboard.mimeData().urls()] == [str(prices)]

    qtbot.keyClick(queue.table, Qt.Key.Key_Return)  # done by hand, on to the next group
    assert queue.model.rowCount() == 1 and queue.current().id == second.id
    assert second.group_name in queue.group_label.text()

    # the picture was moved away meanwhile: the row says so in red and nothing is copied
    poster.unlink()
    queue.select(0)
    row = queue.attachments.rows[0]
    assert row.problem.text() == "文件不存在" and not row.problem.isHidden() and not row.copy_button.isEnabled()
    assert "c62828" in row.problem.styleSheet()
    clipboard.setText("unchanged")
    qtbot.keyClick(queue.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert clipboard.text() == "unchanged" and messages[-1] == f"文件不存在: {poster}"
    qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    assert queue.model.rowCount() == 0 and queue.attachments.isHidden()
    idle(qtbot, window)


def test_editor_warns_that_robot_groups_get_the_text_only(qtbot, open_window, seeded_path: Path,
                                                           tmp_path: Path) -> None:
    from desktop.services.channels import ChannelService

    poster = tmp_path / "海报.png"
    assert QImage(40, 40, QImage.Format.Format_RGB32).save(str(poster))
    db = open_database(seeded_path)
    robot_group = GroupService(db).list_groups()[0]
    ChannelService(db).add_robot(robot_group.id, "http://127.0.0.1:9/cgi-bin/webhook/send?key=KEY-abcdef123")
    BroadcastService(db).create_template(TemplateDraft("上新", "{群名}今天上新", attachments=(str(poster),)))
    db.dispose()
    window = open_window(seeded_path)
    wait_loaded(qtbot, window, 5)
    page = window.broadcasts_page
    window.show_page("broadcasts")
    idle(qtbot, window)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page._dialog is not None, timeout=10_000)
    dialog = page._dialog
    dialog.template.setCurrentIndex(dialog.template.findText("上新"))
    dialog.template.activated.emit(dialog.template.currentIndex())
    assert dialog.attachments.paths() == () and dialog.effective_attachments() == (str(poster),)
    assert "使用模板“上新”的 1 个附件: 海报.png" in dialog.attachments.note.text()
    dialog.check_group(robot_group.id)
    dialog._targets_changed()
    qtbot.waitUntil(lambda: dialog.preview_group.count() == 1, timeout=10_000)
    assert "附件只用于手动发送的群, 机器人群只发文字" in dialog.attachments.note.text()
    dialog._check_visible(True, every=True)
    dialog.check_group(robot_group.id, checked=False)
    dialog._targets_changed()
    qtbot.waitUntil(lambda: dialog.preview_group.count() == 4, timeout=10_000)
    assert "机器人群" not in dialog.attachments.note.text()
    dialog.reject()
    idle(qtbot, window)
