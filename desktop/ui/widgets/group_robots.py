"""The 机器人 tab of a group: its webhook robots (add, test, enable or disable, delete) and the group's
broadcast history. URLs are shown masked, as ChannelService returns them; the full URL is typed once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.broadcasts import ChannelDTO, DeliveryDTO, RobotTestResult
from desktop.domain.errors import ValidationError
from desktop.services.robots import check_credentials, check_webhook_url, detect_kind
from desktop.ui.models.rows_model import Column, RowsModel
from desktop.ui.styles import ERROR_STYLE, error_label
from desktop.ui.widgets.broadcast_labels import channel_kind_name, delivery_status_name, when
from desktop.ui.widgets.tables import read_only_table, selected_row
from desktop.workers.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.services.broadcasts import BroadcastService
    from desktop.services.channels import ChannelService

OK_STYLE = "color: #2e7d32;"


class AddRobotDialog(QDialog):
    """Paste the webhook URL as the platform shows it; the kind is recognised as it is pasted."""

    def __init__(self, group_name: str, submit, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setObjectName("addRobotDialog")
        self.setWindowTitle(self.tr("添加机器人 · {0}").format(group_name) if group_name else self.tr("添加机器人"))
        self.resize(540, 220)
        self._submit = submit
        self.url = QLineEdit()
        self.url.setObjectName("robotUrl")
        self.url.setPlaceholderText("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…")
        self.url.textChanged.connect(lambda _t: self._detect())
        self.kind = QLabel()
        self.kind.setObjectName("robotKind")
        self.kind.setWordWrap(True)
        self.secret = QLineEdit()
        self.secret.setObjectName("robotSecret")
        self.secret.setPlaceholderText(self.tr("钉钉 / 飞书开启“加签”时填写 (SEC…); 企业微信不需要"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("可不填"))
        hint = QLabel(self.tr("在群设置 → 群机器人里复制完整的 Webhook 地址粘贴到这里。"
                              "地址和密钥只保存在本机数据库, 界面和日志里只显示打码后的样子。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #757575;")
        self.error = error_label("robotError", wrap=False)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Webhook 地址"), self.url)
        form.addRow(self.tr("类型"), self.kind)
        form.addRow(self.tr("加签密钥"), self.secret)
        form.addRow(self.tr("名称"), self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._detect()

    def _detect(self) -> None:
        text = self.url.text().strip()
        if not text:
            self.kind.setStyleSheet("color: #757575;")
            self.kind.setText(self.tr("粘贴地址后自动识别 (企业微信 / 钉钉 / 飞书)"))
            return
        try:
            url = check_webhook_url(text)
            kind = detect_kind(url)
            check_credentials(kind, url)
        except ValidationError as exc:
            self.kind.setStyleSheet(ERROR_STYLE)
            self.kind.setText(str(exc))
            return
        self.kind.setStyleSheet(OK_STYLE)
        self.kind.setText(self.tr("{0}群机器人").format(channel_kind_name(kind)))

    def _save(self) -> None:
        self.error.clear()
        self.buttons.setEnabled(False)
        self._submit(self.url.text(), self.secret.text(), self.name.text())

    def failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(message)


class GroupRobotsTab(QWidget):
    status_message = Signal(str)

    def __init__(self, runner: TaskRunner, channels: ChannelService, broadcasts: BroadcastService | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groupRobots")
        self._runner = runner
        self._channels = channels
        self._broadcasts = broadcasts
        self._group_id: int | None = None
        self._group_name = ""
        self._serial = 0
        self._dialog: AddRobotDialog | None = None

        self.model: RowsModel[ChannelDTO] = RowsModel([
            Column(self.tr("类型"), lambda c: channel_kind_name(c.kind)),
            Column(self.tr("状态"), lambda c: self.tr("启用") if c.enabled else (
                self.tr("停用: {0}").format(c.disabled_reason) if c.disabled_reason else self.tr("停用")),
                tooltip=lambda c: c.disabled_reason or None),
            Column(self.tr("Webhook"), lambda c: c.url_masked + (self.tr(" · 加签") if c.has_secret else ""),
                   tooltip=lambda c: c.url_masked),
            Column(self.tr("名称"), lambda c: c.name),
        ], self)
        self.view = read_only_table(self.model, "robotList", alternating=True)
        self.view.setColumnWidth(0, 64)
        self.view.setColumnWidth(1, 64)
        self.view.setColumnWidth(2, 240)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.add_button = QPushButton(self.tr("添加机器人…"))
        self.add_button.setObjectName("addRobot")
        self.add_button.clicked.connect(self.add_robot)
        self.test_button = QPushButton(self.tr("测试"))
        self.test_button.setObjectName("testRobot")
        self.test_button.setToolTip(self.tr("向群里发一条测试消息"))
        self.test_button.clicked.connect(self.test_robot)
        self.enable_button = QPushButton(self.tr("停用"))
        self.enable_button.setObjectName("enableRobot")
        self.enable_button.clicked.connect(self.toggle_enabled)
        self.delete_button = QPushButton(self.tr("删除…"))
        self.delete_button.setObjectName("deleteRobot")
        self.delete_button.clicked.connect(lambda: self.delete_robot())
        self.result = QLabel()
        self.result.setObjectName("robotResult")
        self.result.setWordWrap(True)
        self.empty_hint = QLabel(self.tr("这个群没有机器人: 群发到时会放进“待发送”, 由你手动粘贴发送。"))
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color: #757575;")

        self.history_model: RowsModel[DeliveryDTO] = RowsModel([
            Column(self.tr("时间"), lambda d: when(d.occurrence_at), lambda d: d.occurrence_at),
            Column(self.tr("状态"), lambda d: delivery_status_name(d.status, d.flagged), lambda d: d.status.value),
            Column(self.tr("群发"), lambda d: d.broadcast_title, tooltip=lambda d: d.body or None),
            Column(self.tr("说明"), lambda d: d.last_error, tooltip=lambda d: d.last_error or None),
        ], self)
        self.history = read_only_table(self.history_model, "groupDeliveries", alternating=True)
        self.history.setColumnWidth(0, 110)
        self.history.setColumnWidth(1, 76)
        self.history.setColumnWidth(2, 140)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 4, 0, 0)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for button in (self.add_button, self.test_button, self.enable_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.view, 1)
        top_layout.addWidget(self.empty_hint)
        top_layout.addWidget(self.result)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("本群群发记录"))
        title.setStyleSheet("font-weight: 600;")
        bottom_layout.addWidget(title)
        bottom_layout.addWidget(self.history, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        runner.data_changed.connect(self._data_changed)
        self._update_buttons()

    # ------------------------------------------------------------------ data
    def show_group(self, group_id: int | None, name: str = "") -> None:
        if group_id != self._group_id:
            self.result.clear()
        self._group_id = group_id
        self._group_name = name
        self.model.set_rows([])
        self.history_model.set_rows([])
        self._update_buttons()
        if group_id is not None and self.isVisible():
            self.reload()

    def reload(self) -> None:
        group_id, channels, broadcasts = self._group_id, self._channels, self._broadcasts
        if group_id is None:
            return
        self._serial += 1
        serial = self._serial

        def load(_ctx):  # type: ignore[no-untyped-def]
            history = broadcasts.deliveries(group_id=group_id, limit=200) if broadcasts is not None else []
            return channels.list_channels(group_id=group_id), history

        def done(result: tuple[list[ChannelDTO], list[DeliveryDTO]]) -> None:
            if serial == self._serial and group_id == self._group_id:
                robots, history = result
                current = self.current()
                self.model.set_rows(robots)
                self.history_model.set_rows(history)
                self.empty_hint.setVisible(not robots)
                row = next((i for i, c in enumerate(robots) if current and c.id == current.id), 0)
                if robots:
                    self.view.selectRow(row)
                self._update_buttons()

        self._runner.run(load, on_done=done, owner=self)

    def _data_changed(self, kind: str, _ids: list) -> None:
        if kind in ("channels", "deliveries", "broadcasts") and self._group_id is not None and self.isVisible():
            self.reload()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.reload()

    def current(self) -> ChannelDTO | None:
        return selected_row(self.view, self.model)

    def _update_buttons(self) -> None:
        robot = self.current()
        self.add_button.setEnabled(self._group_id is not None)
        for button in (self.test_button, self.enable_button, self.delete_button):
            button.setEnabled(robot is not None)
        self.test_button.setEnabled(robot is not None and robot.enabled)
        self.enable_button.setText(self.tr("停用") if robot is None or robot.enabled else self.tr("启用"))

    # ------------------------------------------------------------------ actions
    def add_robot(self) -> None:
        if self._group_id is None:
            return
        group_id, channels = self._group_id, self._channels

        def submit(url: str, secret: str, name: str) -> None:
            def done(robot: ChannelDTO) -> None:
                dialog.accept()
                self.result.setStyleSheet(OK_STYLE)
                self.result.setText(self.tr("已添加{0}机器人; 点“测试”发一条测试消息确认设置正确").format(
                    channel_kind_name(robot.kind)))

            self._runner.run(lambda _ctx: channels.add_robot(group_id, url, secret=secret, name=name),
                             changes="channels", changed_ids=lambda r: [r.id], on_done=done,
                             on_error=lambda exc: dialog.failed(error_message(exc)), owner=dialog)

        dialog = AddRobotDialog(self._group_name, submit, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "_dialog", None))
        self._dialog = dialog
        dialog.open()

    def test_robot(self) -> None:
        robot = self.current()
        if robot is None:
            return
        channels = self._channels
        self.test_button.setEnabled(False)
        self.result.setStyleSheet("color: #757575;")
        self.result.setText(self.tr("正在发送测试消息…"))

        def done(result: RobotTestResult) -> None:
            self.result.setStyleSheet(OK_STYLE if result.ok else ERROR_STYLE)
            self.result.setText(result.message)
            self._update_buttons()

        def failed(exc: BaseException) -> None:
            self.result.setStyleSheet(ERROR_STYLE)
            self.result.setText(error_message(exc))
            self._update_buttons()

        # a network request: on a reader, so a slow robot never holds up the writer
        self._runner.run(lambda _ctx: channels.test_robot(robot.id), changes="channels", write=False,
                         changed_ids=lambda _r: [robot.id], on_done=done, on_error=failed, owner=self)

    def toggle_enabled(self) -> None:
        robot = self.current()
        if robot is None:
            return
        channels = self._channels
        self._runner.run(lambda _ctx: channels.set_enabled(robot.id, not robot.enabled), changes="channels",
                         changed_ids=lambda _r: [robot.id], parent=self)

    def delete_robot(self, *, confirm: bool = True) -> None:
        robot = self.current()
        if robot is None:
            return
        if confirm and QMessageBox.question(
                self, self.tr("删除机器人"),
                self.tr("删除{0}机器人 {1}? 以后这个群的群发改为手动发送。").format(
                    channel_kind_name(robot.kind), robot.url_masked),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        channels = self._channels
        self._runner.run(lambda _ctx: channels.delete(robot.id), changes="channels",
                         changed_ids=lambda _r: [robot.id], parent=self)
