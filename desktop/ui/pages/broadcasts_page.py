"""The 群发 page: broadcasts and their delivery history, the manual send queue (待发送), sends whose
outcome is unknown after a crash (待确认), the 7-day agenda (日程) and templates (模板).

Every read and write runs on the TaskRunner; writes announce ``data_changed("broadcasts" |
"deliveries" | "templates", ids)`` and the page refreshes itself when visible (or when next shown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.broadcasts import (
    AgendaEntry,
    BroadcastDraft,
    BroadcastDTO,
    DeliveryDTO,
    PreviewDTO,
    TemplateDraft,
    TemplateDTO,
)
from desktop.domain.enums import BroadcastStatus, DeliveryStatus, MessageFormat
from desktop.domain.errors import ValidationError
from desktop.ui.dialogs.broadcast_editor import BroadcastEditor, TemplateDialog
from desktop.ui.models.rows_model import Column, RowsModel
from desktop.ui.styles import ERROR_STYLE
from desktop.ui.widgets.broadcast_labels import (
    broadcast_state_text,
    broadcast_status_name,
    counts_text,
    day_text,
    delivery_status_name,
    schedule_text,
    targets_text,
    when,
)
from desktop.ui.widgets.manual_queue import ManualQueueTab
from desktop.ui.widgets.tables import read_only_table, selected_row
from desktop.workers.tasks import TaskContext, TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.domain.groups import GroupDTO
    from desktop.domain.segments import SegmentDTO
    from desktop.services.broadcasts import BroadcastService
    from desktop.services.groups import GroupService
    from desktop.services.segments import SegmentService

#: what the page listens to
KINDS = ("broadcasts", "deliveries", "templates", "channels", "groups", "segments", "workspace", "campaigns")
BANNER_STYLE = "QFrame#flaggedBanner, QFrame#robotBanner { background: #fff3e0; border: 1px solid #ffb74d; }"




def select_where(view: QTableView, model: RowsModel, test) -> bool:  # type: ignore[no-untyped-def]
    for row in range(model.rowCount()):
        if test(model.row_at(row)):
            view.selectionModel().select(model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                         | QItemSelectionModel.SelectionFlag.Rows)
            view.scrollTo(model.index(row, 0))
            return True
    return False


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(4)
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class BroadcastsPage(QWidget):
    status_message = Signal(str)
    #: manual sends waiting (the navigation shows a badge)
    manual_count_changed = Signal(int)

    def __init__(self, runner: TaskRunner, service: BroadcastService, groups: GroupService,
                 segments: SegmentService | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("broadcastsPage")
        self._runner = runner
        self._service = service
        self._groups = groups
        self._segments = segments
        self._stale = True
        self._serials: dict[str, int] = {}
        self._dialog: BroadcastEditor | None = None
        self._template_dialog: TemplateDialog | None = None
        self._pending_select: int | None = None

        self.banner, self.banner_label = self._banner(
            "flagged", self.tr("去确认"), lambda _frame: self.tabs.setCurrentWidget(self.flagged_tab))
        self.robot_banner, self.robot_banner_label = self._banner("robot", self.tr("知道了"), QFrame.hide)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("broadcastTabs")
        self.tabs.addTab(self._list_tab(), self.tr("群发列表"))
        self.queue_tab = ManualQueueTab(runner, service)
        self.queue_tab.status_message.connect(self.status_message)
        self.queue_tab.count_changed.connect(self._queue_count_changed)
        self.tabs.addTab(self.queue_tab, self.tr("待发送"))
        self.tabs.addTab(self._flagged_tab(), self.tr("待确认"))
        self.tabs.addTab(self._agenda_tab(), self.tr("日程"))
        self.tabs.addTab(self._templates_tab(), self.tr("模板"))
        self.tabs.currentChanged.connect(lambda _i: self._tab_shown())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.robot_banner)
        layout.addWidget(self.tabs, 1)
        self.setStyleSheet(BANNER_STYLE)
        runner.data_changed.connect(self._data_changed)
        self._update_buttons()

    # ================================================================== building
    @staticmethod
    def _banner(name: str, button: str, clicked: Callable[[QFrame], None]) -> tuple[QFrame, QLabel]:
        """A hidden strip above the tabs: a wrapping text and one button."""
        frame = QFrame()
        frame.setObjectName(f"{name}Banner")
        label = QLabel()
        label.setObjectName(f"{name}BannerText")
        label.setWordWrap(True)
        action = QPushButton(button)
        action.clicked.connect(lambda: clicked(frame))
        row = QHBoxLayout(frame)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(label, 1)
        row.addWidget(action)
        frame.hide()
        return frame, label

    def _list_tab(self) -> QWidget:
        self.model: RowsModel[BroadcastDTO] = RowsModel([
            Column(self.tr("标题"), lambda b: b.title, tooltip=lambda b: b.body or b.title),
            Column(self.tr("发送计划"), schedule_text, tooltip=lambda b: b.rrule or None),
            Column(self.tr("目标"), targets_text),
            Column(self.tr("状态"), broadcast_state_text, lambda b: b.status.value,
                   tooltip=lambda b: self.tr("没有新的发送要安排, 还有消息等待发送") if broadcast_state_text(b)
                   != broadcast_status_name(b.status) else None),
            Column(self.tr("下次发送"), lambda b: when(b.next_due), lambda b: b.next_due.isoformat() if b.next_due else ""),
            Column(self.tr("已发/失败/待发"), counts_text, lambda b: sum(b.counts.values()),
                   tooltip=lambda _b: self.tr("已发送 (含手动) / 发送失败 / 等待发送")),
        ], self)
        self.table = read_only_table(self.model, "broadcastList", alternating=True)
        for column, width in ((0, 200), (1, 180), (2, 120), (3, 64), (4, 130)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._broadcast_chosen())
        self.table.doubleClicked.connect(lambda _i: self.edit_broadcast())

        self.new_button = QPushButton(self.tr("新建…"))
        self.new_button.setObjectName("newBroadcast")
        self.new_button.clicked.connect(self.new_broadcast)
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.edit_button.setObjectName("editBroadcast")
        self.edit_button.clicked.connect(self.edit_broadcast)
        self.pause_button = QPushButton(self.tr("暂停"))
        self.pause_button.setObjectName("pauseBroadcast")
        self.pause_button.clicked.connect(self.toggle_pause)
        self.cancel_button = QPushButton(self.tr("取消…"))
        self.cancel_button.setObjectName("cancelBroadcast")
        self.cancel_button.clicked.connect(lambda: self.cancel_broadcast())
        self.duplicate_button = QPushButton(self.tr("复制"))
        self.duplicate_button.setObjectName("duplicateBroadcast")
        self.duplicate_button.clicked.connect(self.duplicate_broadcast)
        self.delete_button = QPushButton(self.tr("删除草稿…"))
        self.delete_button.setObjectName("deleteBroadcast")
        self.delete_button.clicked.connect(lambda: self.delete_draft())
        self.list_empty = QLabel(self.tr("还没有群发。\n点击“新建…”写一条消息, 选择目标群和发送时间;\n"
                                         "有机器人的群自动发送, 其余的群到时出现在“待发送”里。"))
        self.list_empty.setObjectName("broadcastsEmpty")
        self.list_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_empty.setWordWrap(True)
        self.list_empty.setStyleSheet("color: #757575;")
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.list_empty)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 4, 0, 0)
        top_layout.addLayout(_buttons(self.new_button, self.edit_button, self.pause_button, self.cancel_button,
                                      self.duplicate_button, self.delete_button))
        top_layout.addWidget(self.list_stack, 1)

        self.history_model: RowsModel[DeliveryDTO] = RowsModel([
            Column(self.tr("群"), lambda d: d.group_name, tooltip=lambda d: d.group_name),
            Column(self.tr("时间点"), lambda d: when(d.occurrence_at), lambda d: d.occurrence_at,
                   tooltip=lambda d: self.tr("到期 {0}").format(when(d.due_at))),
            Column(self.tr("状态"), lambda d: delivery_status_name(d.status, d.flagged), lambda d: d.status.value),
            Column(self.tr("尝试"), lambda d: str(d.attempts), lambda d: d.attempts, right=True),
            Column(self.tr("最后错误"), lambda d: d.last_error, tooltip=lambda d: d.last_error or None),
            Column(self.tr("发送于"), lambda d: when(d.sent_at), lambda d: d.sent_at.isoformat() if d.sent_at else ""),
        ], self)
        self.history = read_only_table(self.history_model, "deliveryHistory", alternating=True)
        for column, width in ((0, 200), (1, 130), (2, 90), (3, 44), (4, 320)):
            self.history.setColumnWidth(column, width)
        self.history.selectionModel().selectionChanged.connect(lambda *_: self._update_history_buttons())
        self.history_title = QLabel(self.tr("发送记录"))
        self.history_title.setStyleSheet("font-weight: 600;")
        self.retry_button = QPushButton(self.tr("重新发送"))
        self.retry_button.setObjectName("retryDelivery")
        self.retry_button.setToolTip(self.tr("把发送失败的这一条重新排队"))
        self.retry_button.clicked.connect(self.retry_delivery)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.history_title, 1)
        head.addWidget(self.retry_button)
        bottom_layout.addLayout(head)
        bottom_layout.addWidget(self.history, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([320, 260])
        return splitter

    def _flagged_tab(self) -> QWidget:
        self.flagged_model: RowsModel[DeliveryDTO] = RowsModel([
            Column(self.tr("群"), lambda d: d.group_name),
            Column(self.tr("群发"), lambda d: d.broadcast_title),
            Column(self.tr("到期"), lambda d: when(d.due_at), lambda d: d.due_at),
            Column(self.tr("机器人"), lambda d: d.channel_name or ""),
            Column(self.tr("说明"), lambda d: d.last_error, tooltip=lambda d: d.last_error or None),
        ], self)
        self.flagged_view = read_only_table(self.flagged_model, "flaggedList", alternating=True)
        for column, width in ((0, 150), (1, 120), (2, 110), (3, 100)):
            self.flagged_view.setColumnWidth(column, width)
        self.flagged_view.selectionModel().selectionChanged.connect(lambda *_: self._update_flagged_buttons())
        self.sent_button = QPushButton(self.tr("已发出"))
        self.sent_button.setObjectName("confirmSent")
        self.sent_button.setToolTip(self.tr("在群里看到了这条消息: 记为已发送"))
        self.sent_button.clicked.connect(lambda: self.confirm_flagged(sent=True))
        self.resend_button = QPushButton(self.tr("未发出 (重新排队)"))
        self.resend_button.setObjectName("confirmResend")
        self.resend_button.setToolTip(self.tr("群里没有这条消息: 重新排队, 下次发送时发出"))
        self.resend_button.clicked.connect(lambda: self.confirm_flagged(sent=False))
        hint = QLabel(self.tr("这些消息发送到一半时程序退出了, 无法确定群里是否收到。请到群里看一眼再选择; 群管家不会自动重发。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #757575;")
        self.flagged_empty = QLabel(self.tr("没有需要确认的消息"))
        self.flagged_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.flagged_empty.setStyleSheet("color: #757575; font-size: 14px;")
        self.flagged_stack = QStackedWidget()
        self.flagged_stack.addWidget(self.flagged_view)
        self.flagged_stack.addWidget(self.flagged_empty)
        self.flagged_tab = QWidget()
        layout = QVBoxLayout(self.flagged_tab)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(hint)
        layout.addLayout(_buttons(self.sent_button, self.resend_button))
        layout.addWidget(self.flagged_stack, 1)
        return self.flagged_tab

    def _agenda_tab(self) -> QWidget:
        self.agenda_group = QComboBox()
        self.agenda_group.setObjectName("agendaGroup")
        self.agenda_group.addItem(self.tr("所有群"), None)
        self.agenda_group.setMinimumContentsLength(12)
        self.agenda_group.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.agenda_group.activated.connect(lambda _i: self.refresh_agenda())
        self.agenda_model: RowsModel[tuple[bool, AgendaEntry]] = RowsModel([
            Column(self.tr("日期"), lambda r: day_text(r[1].at) if r[0] else ""),
            Column(self.tr("时间"), lambda r: r[1].at.strftime("%H:%M")),
            Column(self.tr("群发"), lambda r: r[1].title, tooltip=lambda r: r[1].title),
            Column(self.tr("群"), self._agenda_groups),
            Column(self.tr("渠道"), self._agenda_channel),
        ], self)
        self.agenda_view = read_only_table(self.agenda_model, "agendaList", alternating=True)
        self.agenda_view.setSortingEnabled(False)  # grouped by day
        self.agenda_view.setAlternatingRowColors(False)
        for column, width in ((0, 90), (1, 50), (2, 170), (3, 150)):
            self.agenda_view.setColumnWidth(column, width)
        self.agenda_note = QLabel()
        self.agenda_note.setStyleSheet("color: #757575;")
        self.agenda_note.setWordWrap(True)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("未来 7 天 · 群")))
        row.addWidget(self.agenda_group)
        row.addWidget(self.agenda_note, 1)
        layout.addLayout(row)
        layout.addWidget(self.agenda_view, 1)
        return tab

    def _agenda_groups(self, row: tuple[bool, AgendaEntry]) -> str:
        entry = row[1]
        if entry.group_name and entry.group_count == 1:
            return entry.group_name
        return self.tr("{0} 个群").format(entry.group_count)

    def _agenda_channel(self, row: tuple[bool, AgendaEntry]) -> str:
        entry = row[1]
        manual = entry.group_count - entry.robot_count
        if entry.group_count == 1:
            return self.tr("机器人") if entry.robot_count else self.tr("手动")
        return self.tr("机器人 {0} · 手动 {1}").format(entry.robot_count, manual)

    def _templates_tab(self) -> QWidget:
        self.templates_model: RowsModel[TemplateDTO] = RowsModel([
            Column(self.tr("名称"), lambda t: t.name),
            Column(self.tr("格式"), lambda t: self.tr("Markdown") if t.format is MessageFormat.MARKDOWN else self.tr("文本")),
            Column(self.tr("变量"), lambda t: " ".join("{" + v + "}" for v in t.variables)),
        ], self)
        self.templates_view = read_only_table(self.templates_model, "templateList", alternating=True)
        self.templates_view.setColumnWidth(0, 140)
        self.templates_view.setColumnWidth(1, 70)
        self.templates_view.selectionModel().selectionChanged.connect(lambda *_: self._template_chosen())
        self.templates_view.doubleClicked.connect(lambda _i: self.edit_template())
        self.new_template_button = QPushButton(self.tr("新建…"))
        self.new_template_button.setObjectName("newTemplate")
        self.new_template_button.clicked.connect(lambda: self.open_template(None))
        self.edit_template_button = QPushButton(self.tr("编辑…"))
        self.edit_template_button.clicked.connect(self.edit_template)
        self.delete_template_button = QPushButton(self.tr("删除…"))
        self.delete_template_button.clicked.connect(lambda: self.delete_template())
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 4, 0, 0)
        left_layout.addLayout(_buttons(self.new_template_button, self.edit_template_button,
                                       self.delete_template_button))
        left_layout.addWidget(self.templates_view, 1)
        self.template_group = QComboBox()
        self.template_group.setObjectName("templatePreviewGroup")
        self.template_group.setMinimumContentsLength(10)
        self.template_group.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.template_group.activated.connect(lambda _i: self._preview_template())
        self.template_preview = QPlainTextEdit()
        self.template_preview.setObjectName("templatePreview")
        self.template_preview.setReadOnly(True)
        self.template_problem = QLabel()
        self.template_problem.setObjectName("templateProblem")
        self.template_problem.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 4, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("预览群")))
        row.addWidget(self.template_group, 1)
        right_layout.addLayout(row)
        right_layout.addWidget(self.template_preview, 1)
        right_layout.addWidget(self.template_problem)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        left.setMinimumWidth(200)
        right.setMinimumWidth(180)
        splitter.setSizes([420, 420])
        return splitter

    # ================================================================== refreshing
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _data_changed(self, kind: str, _ids: list) -> None:
        if kind not in KINDS:
            return
        if not self.isVisible():
            self._stale = True
            return
        self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self.refresh_list()
        self.queue_tab.refresh()
        self.refresh_flagged()
        self._tab_shown()

    def _tab_shown(self) -> None:
        current = self.tabs.currentIndex()
        if current == 3:
            self.refresh_agenda()
        elif current == 4:
            self.refresh_templates()

    def _read(self, key: str, fn, done) -> None:  # type: ignore[no-untyped-def]
        """A read whose answer is dropped when a newer read of the same ``key`` was started."""
        self._serials[key] = serial = self._serials.get(key, 0) + 1

        def deliver(result: Any) -> None:
            if self._serials.get(key) == serial:
                done(result)

        self._runner.run(lambda _ctx: fn(), on_done=deliver, owner=self)

    def refresh_list(self) -> None:
        self._read("list", self._service.list_broadcasts, self._show_broadcasts)

    def _show_broadcasts(self, rows: list[BroadcastDTO]) -> None:
        current = self._pending_select or (self.current().id if self.current() else None)
        self._pending_select = None
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        self.table.selectionModel().blockSignals(False)
        self.list_stack.setCurrentWidget(self.table if rows else self.list_empty)
        if (current is None or not select_where(self.table, self.model, lambda b: b.id == current)) and rows:
            select_where(self.table, self.model, lambda b: b.id == rows[0].id)
        self._broadcast_chosen()

    def current(self) -> BroadcastDTO | None:
        return selected_row(self.table, self.model)

    def select_broadcast(self, broadcast_id: int) -> None:
        if not select_where(self.table, self.model, lambda b: b.id == broadcast_id):
            self._pending_select = broadcast_id

    def _broadcast_chosen(self) -> None:
        self._update_buttons()
        broadcast = self.current()
        if broadcast is None:
            self.history_model.set_rows([])
            self.history_title.setText(self.tr("发送记录"))
            self._update_history_buttons()
            return
        self.history_title.setText(self.tr("发送记录: {0}").format(broadcast.title))
        service, broadcast_id = self._service, broadcast.id
        self._read("history", lambda: service.deliveries(broadcast_id=broadcast_id), self._show_history)

    def _show_history(self, rows: list[DeliveryDTO]) -> None:
        self.history_model.set_rows(rows)
        self._update_history_buttons()

    def refresh_flagged(self) -> None:
        self._read("flagged", self._service.flagged, self._show_flagged)

    def _show_flagged(self, rows: list[DeliveryDTO]) -> None:
        self.flagged_model.set_rows(rows)
        self.flagged_stack.setCurrentWidget(self.flagged_view if rows else self.flagged_empty)
        self.tabs.setTabText(2, self.tr("待确认 ({0})").format(len(rows)) if rows else self.tr("待确认"))
        self.banner.setVisible(bool(rows))
        self.banner_label.setText(self.tr("有 {0} 条消息在发送途中被中断 (程序退出或崩溃), 不知道群里是否收到。"
                                          "请在“待确认”里逐条确认, 群管家不会自动重发。").format(len(rows)))
        if rows and not selected_row(self.flagged_view, self.flagged_model):
            select_where(self.flagged_view, self.flagged_model, lambda _d: True)
        self._update_flagged_buttons()

    def _queue_count_changed(self, count: int) -> None:
        self.tabs.setTabText(1, self.tr("待发送 ({0})").format(count) if count else self.tr("待发送"))
        self.manual_count_changed.emit(count)

    def refresh_agenda(self) -> None:
        service, group_id = self._service, self.agenda_group.currentData()
        groups = self._groups
        self._read("agenda", lambda: (service.agenda(days=7, group_id=group_id),
                                      groups.list_groups() if self.agenda_group.count() <= 1 else None),
                   self._show_agenda)

    def _show_agenda(self, result: tuple[list[AgendaEntry], list[GroupDTO] | None]) -> None:
        entries, groups = result
        if groups is not None and self.agenda_group.count() <= 1:
            self._fill_group_combo(self.agenda_group, groups, self.tr("所有群"))
        rows, last_day = [], None
        for entry in entries:
            rows.append((entry.at.date() != last_day, entry))
            last_day = entry.at.date()
        self.agenda_model.set_rows(rows)
        sends = sum(e.group_count for e in entries)
        self.agenda_note.setText(self.tr("{0} 次发送, 共 {1} 条消息").format(len(entries), sends) if entries
                                 else self.tr("未来 7 天没有安排发送"))

    @staticmethod
    def _fill_group_combo(combo: QComboBox, groups: list[GroupDTO], first: str | None) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        if first is not None:
            combo.addItem(first, None)
        for group in sorted(groups, key=lambda g: g.name):
            combo.addItem(group.name, group.id)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def refresh_templates(self) -> None:
        service, groups = self._service, self._groups
        self._read("templates", lambda: (service.list_templates(), groups.list_groups()), self._show_templates)

    def _show_templates(self, result: tuple[list[TemplateDTO], list[GroupDTO]]) -> None:
        templates, groups = result
        current = selected_row(self.templates_view, self.templates_model)
        self.templates_model.set_rows(templates)
        self._fill_group_combo(self.template_group, [g for g in groups if g.status.value != "archived"], None)
        if current is None or not select_where(self.templates_view, self.templates_model, lambda t: t.id == current.id):
            select_where(self.templates_view, self.templates_model, lambda _t: True)
        self._template_chosen()

    def dispatch_finished(self, summary: Any) -> None:
        """The main window's dispatcher ran: show robots it had to stop."""
        if summary.disabled_robots:
            self.robot_banner_label.setText("\n".join(
                self.tr("机器人已停用: {0}。请在群组页该群的“机器人”页检查 Webhook 地址后重新启用。").format(reason)
                for reason in summary.disabled_robots))
            self.robot_banner.show()

    # ================================================================== buttons
    def _update_buttons(self) -> None:
        b = self.current()
        status = b.status if b else None
        self.edit_button.setEnabled(b is not None and status is not BroadcastStatus.CANCELLED)
        self.pause_button.setEnabled(b is not None and status is not BroadcastStatus.CANCELLED)
        self.pause_button.setText({BroadcastStatus.DRAFT: self.tr("启用"), BroadcastStatus.PAUSED: self.tr("恢复")}
                                  .get(status, self.tr("暂停")))  # type: ignore[arg-type]
        self.cancel_button.setEnabled(b is not None and status is not BroadcastStatus.CANCELLED)
        self.duplicate_button.setEnabled(b is not None)
        self.delete_button.setEnabled(status is BroadcastStatus.DRAFT)

    def _update_history_buttons(self) -> None:
        d = selected_row(self.history, self.history_model)
        self.retry_button.setEnabled(d is not None and d.status is DeliveryStatus.FAILED)

    def _update_flagged_buttons(self) -> None:
        has = selected_row(self.flagged_view, self.flagged_model) is not None
        self.sent_button.setEnabled(has)
        self.resend_button.setEnabled(has)

    def _write(self, fn, *, changes: str = "broadcasts", done=None, ids=None) -> None:  # type: ignore[no-untyped-def]
        self._runner.run(lambda _ctx: fn(), changes=changes, changed_ids=ids, on_done=done, parent=self)

    # ================================================================== broadcast actions
    def new_broadcast(self) -> None:
        self._open_editor(None)

    def edit_broadcast(self) -> None:
        b = self.current()
        if b is not None and b.status is not BroadcastStatus.CANCELLED:
            self._open_editor(b)

    def _open_editor(self, broadcast: BroadcastDTO | None) -> None:
        service, groups, segments = self._service, self._groups, self._segments

        def read(_ctx: TaskContext) -> tuple[list[GroupDTO], list[tuple[SegmentDTO, int | None]], list[TemplateDTO]]:
            listed = segments.list() if segments is not None else []
            counts = segments.counts() if segments is not None else {}
            active = [g for g in groups.list_groups() if g.status.value != "archived"]
            return active, [(s, counts.get(s.id)) for s in listed], service.list_templates()

        def show(found: tuple[list[GroupDTO], list[tuple[SegmentDTO, int | None]], list[TemplateDTO]]) -> None:
            dialog = BroadcastEditor(self._runner, service, segments, *found, broadcast,
                                     lambda draft, activate: self._save(dialog, broadcast, draft, activate), self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(lambda _r: setattr(self, "_dialog", None))
            self._dialog = dialog
            dialog.open()

        self._runner.run(read, on_done=show, owner=self)

    def _save(self, dialog: BroadcastEditor, broadcast: BroadcastDTO | None, draft: BroadcastDraft,
              activate: bool) -> None:
        service = self._service

        def write() -> BroadcastDTO:
            if broadcast is None:
                return service.create(draft, activate=activate)
            saved = service.update(broadcast.id, draft)
            if activate and saved.status is BroadcastStatus.DRAFT:
                saved = service.activate(saved.id)
            return saved

        def done(saved: BroadcastDTO) -> None:
            self._pending_select = saved.id
            dialog.accept()
            self.status_message.emit(self.tr("已保存群发“{0}”").format(saved.title))

        def failed(exc: BaseException) -> None:
            dialog.failed(error_message(exc), exc.field if isinstance(exc, ValidationError) else None)

        self._runner.run(lambda _ctx: write(), changes="broadcasts", changed_ids=lambda b: [b.id],
                         on_done=done, on_error=failed, owner=dialog)

    def toggle_pause(self) -> None:
        b = self.current()
        if b is None:
            return
        service = self._service
        action = {BroadcastStatus.DRAFT: service.activate, BroadcastStatus.PAUSED: service.resume}.get(
            b.status, service.pause)
        self._write(lambda: action(b.id), ids=lambda _r: [b.id])

    def cancel_broadcast(self, *, confirm: bool = True) -> None:
        b = self.current()
        if b is None:
            return
        if confirm and QMessageBox.question(
                self, self.tr("取消群发"),
                self.tr("取消群发“{0}”? 还没发送的消息都不再发送 (记为已跳过), 发送记录会保留。").format(b.title),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        self._write(lambda: self._service.cancel(b.id), ids=lambda _r: [b.id])

    def duplicate_broadcast(self) -> None:
        b = self.current()
        if b is None:
            return

        def done(copy: BroadcastDTO) -> None:
            self._pending_select = copy.id
            self.status_message.emit(self.tr("已复制为草稿“{0}”").format(copy.title))

        self._write(lambda: self._service.duplicate(b.id), done=done, ids=lambda c: [c.id])

    def delete_draft(self, *, confirm: bool = True) -> None:
        b = self.current()
        if b is None or b.status is not BroadcastStatus.DRAFT:
            return
        if confirm and QMessageBox.question(
                self, self.tr("删除草稿"), self.tr("删除草稿“{0}”?").format(b.title),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        self._write(lambda: self._service.delete_draft(b.id), ids=lambda _r: [b.id])

    def retry_delivery(self) -> None:
        d = selected_row(self.history, self.history_model)
        if d is not None and d.status is DeliveryStatus.FAILED:
            self._write(lambda: self._service.retry(d.id), changes="deliveries", ids=lambda _r: [d.id])

    def confirm_flagged(self, *, sent: bool) -> None:
        d = selected_row(self.flagged_view, self.flagged_model)
        if d is None:
            return
        service = self._service
        message = (self.tr("已记为已发送: {0}") if sent else self.tr("已重新排队: {0}")).format(d.group_name)
        self._write(lambda: service.confirm_in_flight(d.id, sent=sent, resend=not sent), changes="deliveries",
                    ids=lambda _r: [d.id], done=lambda _r: self.status_message.emit(message))

    # ================================================================== templates
    def current_template(self) -> TemplateDTO | None:
        return selected_row(self.templates_view, self.templates_model)

    def _template_chosen(self) -> None:
        has = self.current_template() is not None
        self.edit_template_button.setEnabled(has)
        self.delete_template_button.setEnabled(has)
        self._preview_template()

    def _preview_template(self) -> None:
        template, group_id = self.current_template(), self.template_group.currentData()
        if template is None or group_id is None:
            self.template_preview.setPlainText(template.body if template else "")
            self.template_problem.clear()
            return
        service = self._service

        def show(previews: list[PreviewDTO]) -> None:
            preview = previews[0] if previews else None
            self.template_preview.setPlainText(preview.text or "" if preview else "")
            self.template_problem.setStyleSheet(ERROR_STYLE)
            self.template_problem.setText(preview.problem or "" if preview else "")

        self._read("template_preview", lambda: service.preview(template.body, [group_id], fmt=template.format), show)

    def edit_template(self) -> None:
        template = self.current_template()
        if template is not None:
            self.open_template(template)

    def open_template(self, template: TemplateDTO | None) -> None:
        service = self._service

        def submit(draft: TemplateDraft) -> None:
            def write() -> TemplateDTO:
                return (service.update_template(template.id, draft) if template is not None
                        else service.create_template(draft))

            def done(saved: TemplateDTO) -> None:
                dialog.accept()
                self.status_message.emit(self.tr("已保存模板“{0}”").format(saved.name))

            self._runner.run(lambda _ctx: write(), changes="templates", changed_ids=lambda t: [t.id], on_done=done,
                             on_error=lambda exc: dialog.failed(error_message(exc)), owner=dialog)

        dialog = TemplateDialog(template, submit, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "_template_dialog", None))
        self._template_dialog = dialog
        dialog.open()

    def delete_template(self, *, confirm: bool = True) -> None:
        template = self.current_template()
        if template is None:
            return
        if confirm and QMessageBox.question(
                self, self.tr("删除模板"), self.tr("删除模板“{0}”? 用过它的群发不受影响。").format(template.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        self._write(lambda: self._service.delete_template(template.id), changes="templates",
                    ids=lambda _r: [template.id])
