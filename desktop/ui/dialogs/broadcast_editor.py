"""New or edit a broadcast (群发): text or template, target groups and/or a saved segment, a schedule
(once, recurring by RRULE, or an SOP of steps), quiet hours, and a live preview per target group with
the sends of the next 7 days. Also the small template editor, which shares the variable buttons.

The schedule is checked as it is typed (RRULE rules need no database); the preview is rendered by
BroadcastService.preview on a worker, a moment after the operator stops typing.

Attachments (images, files) are for manual sends only: a broadcast without its own uses its
template's, and robot groups get the text alone (the editor says so when targets include them).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.broadcasts import (
    DEFAULT_QUIET_END,
    DEFAULT_QUIET_START,
    BroadcastDraft,
    BroadcastDTO,
    PreviewDTO,
    SopStep,
    TemplateDraft,
    TemplateDTO,
    effective_attachments,
    parse_clock,
    shift_out_of_quiet,
)
from desktop.domain.enums import BroadcastStatus, ChannelKind, MessageFormat, ScheduleKind
from desktop.domain.errors import ValidationError
from desktop.services.schedules import check_rrule, occurrences_between
from desktop.ui.styles import ERROR_STYLE, INVALID_STYLE, WARN_STYLE, error_label
from desktop.ui.widgets.attachments import AttachmentList
from desktop.ui.widgets.broadcast_labels import (
    VARIABLES,
    WEEKDAY_CODES,
    channel_kind_name,
    day_text,
    describe_rrule,
    rrule_fields,
    weekday_short,
)
from desktop.workers.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.domain.groups import GroupDTO
    from desktop.domain.segments import SegmentDTO
    from desktop.services.broadcasts import BroadcastService
    from desktop.services.segments import SegmentService

HINT_STYLE = "color: #757575;"
PREVIEW_DELAY_MS = 400
#: preview at most this many groups at once (the combo lists them; 500 renders are still quick)
PREVIEW_MAX = 500
#: more sends than this within 7 days earns a warning (a typo like FREQ=HOURLY floods groups)
BUSY_WEEK = 21


def _qdt(moment: datetime) -> QDateTime:
    return QDateTime(moment.year, moment.month, moment.day, moment.hour, moment.minute, 0)


def _qtime(moment: time) -> QTime:
    return QTime(moment.hour, moment.minute)


class VariableButtons(QWidget):
    """{群名} {群主} … as small buttons; a click inserts the variable where the cursor is."""

    inserted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        label = QLabel(self.tr("插入变量:"))
        label.setStyleSheet(HINT_STYLE)
        row.addWidget(label)
        self.buttons: dict[str, QToolButton] = {}
        for name in VARIABLES:
            button = QToolButton()
            button.setText("{" + name + "}")
            button.setAutoRaise(True)
            button.setToolTip(self.tr("插入 {0}: 发送时换成每个群自己的值").format("{" + name + "}"))
            button.clicked.connect(lambda _c=False, n=name: self.inserted.emit("{" + n + "}"))
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)


class BroadcastEditor(QDialog):
    """``submit(draft, activate)`` saves on the page's worker; the page calls ``failed`` or closes us."""

    def __init__(self, runner: TaskRunner, service: BroadcastService, segments_service: SegmentService | None,
                 groups: Sequence[GroupDTO], segments: Sequence[tuple[SegmentDTO, int | None]],
                 templates: Sequence[TemplateDTO], broadcast: BroadcastDTO | None,
                 submit: Callable[[BroadcastDraft, bool], None], parent: QWidget | None = None,
                 now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(parent)
        self.setObjectName("broadcastEditor")
        self.setWindowTitle(self.tr("编辑群发") if broadcast else self.tr("新建群发"))
        screen = (parent.screen() if parent is not None else QGuiApplication.primaryScreen()).availableGeometry()
        self.resize(min(900, screen.width() - 40), min(620, screen.height() - 60))
        self._runner = runner
        self._service = service
        self._segments_service = segments_service
        self._broadcast = broadcast
        self._submit = submit
        self._now = now
        self._templates = {t.id: t for t in templates}
        self._segment_counts = {s.id: count for s, count in segments}
        self._segment_names = {s.id: s.name for s, _count in segments}
        self._group_names = {g.id: g.name for g in groups}
        self._preview_serial = 0
        self._previews: list[PreviewDTO] = []
        self._segment_groups: list[int] = []
        self._rule_ok = True

        self.tabs = QTabWidget()
        self.tabs.addTab(self._content_tab(templates), self.tr("内容"))
        self.tabs.addTab(self._targets_tab(groups, segments), self.tr("目标"))
        self.tabs.addTab(self._schedule_tab(), self.tr("时间"))
        preview = self._preview_panel()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tabs)
        splitter.addWidget(preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([520, 360])

        self.error = error_label("broadcastError", wrap=False)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        if broadcast is None or broadcast.status is BroadcastStatus.DRAFT:
            self.save_button = self.buttons.addButton(self.tr("保存并启用"), QDialogButtonBox.ButtonRole.AcceptRole)
            self.draft_button: QPushButton | None = self.buttons.addButton(
                self.tr("存为草稿"), QDialogButtonBox.ButtonRole.ActionRole)
            self.draft_button.clicked.connect(lambda: self._save(activate=False))
        else:
            self.save_button = self.buttons.addButton(self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole)
            self.draft_button = None
        self.save_button.setObjectName("saveBroadcast")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self._save(activate=True))
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self._load(broadcast)
        self._attachments_changed()
        self._kind_changed()
        self._count_groups()
        self._segment_chosen()
        self.schedule_changed()

    # ================================================================== building
    def _content_tab(self, templates: Sequence[TemplateDTO]) -> QWidget:
        self.title = QLineEdit()
        self.title.setObjectName("broadcastTitle")
        self.title.setPlaceholderText(self.tr("留空则取内容的第一行"))
        self.template = QComboBox()
        self.template.setObjectName("broadcastTemplate")
        self.template.addItem(self.tr("不使用模板"), None)
        for template in templates:
            self.template.addItem(template.name, template.id)
        self.template.activated.connect(lambda _i: self._template_chosen())
        self.format = QComboBox()
        self.format.addItem(self.tr("文本"), MessageFormat.TEXT.value)
        self.format.addItem(self.tr("Markdown"), MessageFormat.MARKDOWN.value)
        self.format.setToolTip(self.tr("Markdown 只对机器人有效; 手动发送时复制的是原文"))
        self.format.currentIndexChanged.connect(lambda _i: self._schedule_preview())
        self.variables = VariableButtons()
        self.variables.inserted.connect(self.insert_variable)
        self.body = QPlainTextEdit()
        self.body.setObjectName("broadcastBody")
        self.body.setPlaceholderText(self.tr("例如: {群名}的家人们, 今晚 20:00 截单, 请抓紧接龙~"))
        self.body.textChanged.connect(self._schedule_preview)

        self.steps = QTableWidget(0, 3)
        self.steps.setObjectName("sopSteps")
        self.steps.setHorizontalHeaderLabels([self.tr("第几天"), self.tr("时间"), self.tr("内容")])
        self.steps.verticalHeader().setVisible(False)
        self.steps.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.steps.setColumnWidth(0, 60)
        self.steps.setColumnWidth(1, 60)
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps.itemChanged.connect(lambda _i: self._schedule_preview())
        self.steps.currentCellChanged.connect(lambda *_a: self._schedule_preview())
        add_step = QPushButton(self.tr("添加步骤"))
        add_step.clicked.connect(lambda: self.add_step())
        remove_step = QPushButton(self.tr("删除步骤"))
        remove_step.clicked.connect(self._remove_steps)
        step_buttons = QHBoxLayout()
        hint = QLabel(self.tr("第 0 天 = 建群当天 (或群的开始日期)"))
        hint.setStyleSheet(HINT_STYLE)
        hint.setWordWrap(True)
        step_buttons.addWidget(hint, 1)
        step_buttons.addWidget(add_step)
        step_buttons.addWidget(remove_step)
        steps_page = QWidget()
        steps_layout = QVBoxLayout(steps_page)
        steps_layout.setContentsMargins(0, 0, 0, 0)
        steps_layout.addWidget(self.steps, 1)
        steps_layout.addLayout(step_buttons)
        self.body_stack = QStackedWidget()
        self.body_stack.addWidget(self.body)
        self.body_stack.addWidget(steps_page)
        self.attachments = AttachmentList()
        self.attachments.setObjectName("broadcastAttachments")
        self.attachments.changed.connect(self._attachments_changed)

        page = QWidget()
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("标题"), self.title)
        top = QHBoxLayout()
        top.addWidget(self.template, 1)
        top.addWidget(QLabel(self.tr("格式")))
        top.addWidget(self.format)
        form.addRow(self.tr("模板"), top)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.variables)
        layout.addWidget(self.body_stack, 1)
        attachments_title = QLabel(self.tr("附件 (图片和文件, 只用于手动发送)"))
        attachments_title.setStyleSheet("font-weight: 600;")
        layout.addWidget(attachments_title)
        layout.addWidget(self.attachments)
        return page

    def _targets_tab(self, groups: Sequence[GroupDTO], segments: Sequence[tuple[SegmentDTO, int | None]]) -> QWidget:
        self.group_search = QLineEdit()
        self.group_search.setObjectName("broadcastGroupSearch")
        self.group_search.setPlaceholderText(self.tr("搜索群名"))
        self.group_search.setClearButtonEnabled(True)
        self.group_search.textChanged.connect(self._filter_groups)
        self.groups = QListWidget()
        self.groups.setObjectName("broadcastGroups")
        self.groups.setUniformItemSizes(True)
        self._group_items: dict[int, QListWidgetItem] = {}
        for group in sorted(groups, key=lambda g: g.name):
            item = QListWidgetItem(group.name)
            item.setData(Qt.ItemDataRole.UserRole, group.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.groups.addItem(item)
            self._group_items[group.id] = item
        self.groups.itemChanged.connect(lambda _i: self._targets_changed())
        check_visible = QPushButton(self.tr("勾选显示的群"))
        check_visible.clicked.connect(lambda: self._check_visible(True))
        clear = QPushButton(self.tr("全部取消"))
        clear.clicked.connect(lambda: self._check_visible(False, every=True))
        self.group_count = QLabel()
        self.group_count.setObjectName("broadcastGroupCount")
        row = QHBoxLayout()
        row.addWidget(self.group_count, 1)
        row.addWidget(check_visible)
        row.addWidget(clear)
        self.segment = QComboBox()
        self.segment.setObjectName("broadcastSegment")
        self.segment.addItem(self.tr("不使用分组"), None)
        for segment, count in segments:
            label = f"{segment.name}  ({count})" if count is not None else segment.name
            self.segment.addItem(label, segment.id)
        self.segment.currentIndexChanged.connect(lambda _i: self._segment_chosen())
        self.segment_note = QLabel()
        self.segment_note.setObjectName("segmentNote")
        self.segment_note.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.group_search)
        layout.addWidget(self.groups, 1)
        layout.addLayout(row)
        segment_row = QFormLayout()
        segment_row.addRow(self.tr("以及分组"), self.segment)
        layout.addLayout(segment_row)
        layout.addWidget(self.segment_note)
        return page

    def _schedule_tab(self) -> QWidget:
        self.kind = QComboBox()
        self.kind.setObjectName("scheduleKind")
        self.kind.addItem(self.tr("一次"), ScheduleKind.ONCE.value)
        self.kind.addItem(self.tr("周期重复"), ScheduleKind.RRULE.value)
        self.kind.addItem(self.tr("SOP (按建群天数)"), ScheduleKind.SOP.value)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())

        now = self._now().replace(second=0, microsecond=0)
        self.run_at = QDateTimeEdit(_qdt(now + timedelta(minutes=10)))
        self.run_at.setObjectName("runAt")
        self.run_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.run_at.setCalendarPopup(True)
        self.run_at.dateTimeChanged.connect(lambda _d: self.schedule_changed())
        once_page = QWidget()
        once_form = QFormLayout(once_page)
        once_form.setContentsMargins(0, 0, 0, 0)
        once_form.addRow(self.tr("发送时间"), self.run_at)

        self.repeat = QComboBox()
        self.repeat.setObjectName("repeatKind")
        for key, text in (("daily", self.tr("每天")), ("weekly", self.tr("每周")), ("monthly", self.tr("每月")),
                          ("custom", self.tr("自定义规则 (RRULE)"))):
            self.repeat.addItem(text, key)
        self.repeat.currentIndexChanged.connect(lambda _i: self._repeat_changed())
        self.weekdays: list[QCheckBox] = []
        weekday_row = QHBoxLayout()
        weekday_row.setSpacing(2)
        for index in range(7):
            box = QCheckBox(weekday_short(index))
            box.setChecked(index in (0, 2, 4))
            box.toggled.connect(lambda _c: self._simple_rule_changed())
            self.weekdays.append(box)
            weekday_row.addWidget(box)
        weekday_row.addStretch(1)
        self.weekday_widget = QWidget()
        self.weekday_widget.setLayout(weekday_row)
        weekday_row.setContentsMargins(0, 0, 0, 0)
        self.month_day = QSpinBox()
        self.month_day.setRange(1, 31)
        self.month_day.setValue(1)
        self.month_day.setSuffix(self.tr(" 日"))
        self.month_day.valueChanged.connect(lambda _v: self._simple_rule_changed())
        self.repeat_time = QTimeEdit(QTime(9, 0))
        self.repeat_time.setObjectName("repeatTime")
        self.repeat_time.setDisplayFormat("HH:mm")
        self.repeat_time.timeChanged.connect(lambda _t: self._simple_rule_changed())
        self.rrule = QLineEdit()
        self.rrule.setObjectName("rrule")
        self.rrule.setPlaceholderText("FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9;BYMINUTE=0")
        self.rrule.textEdited.connect(lambda _t: self.schedule_changed())
        self.rule_words = QLabel()
        self.rule_words.setObjectName("ruleWords")
        self.rule_words.setWordWrap(True)
        recurring_page = QWidget()
        recurring_form = QFormLayout(recurring_page)
        recurring_form.setContentsMargins(0, 0, 0, 0)
        recurring_form.addRow(self.tr("重复"), self.repeat)
        self.weekday_label = QLabel(self.tr("星期"))
        recurring_form.addRow(self.weekday_label, self.weekday_widget)
        self.month_day_label = QLabel(self.tr("日期"))
        recurring_form.addRow(self.month_day_label, self.month_day)
        recurring_form.addRow(self.tr("时间"), self.repeat_time)
        recurring_form.addRow(self.tr("规则"), self.rrule)
        recurring_form.addRow("", self.rule_words)

        sop_page = QLabel(self.tr("SOP: 每个群从建群当天 (或群的开始日期) 算第 0 天, 按“内容”页的步骤表依次发送;"
                                  "之后才进入目标分组的群也会收到还没到期的步骤。"))
        sop_page.setWordWrap(True)
        sop_page.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        sop_page.setStyleSheet(HINT_STYLE)
        self.schedule_stack = QStackedWidget()
        for widget in (once_page, recurring_page, sop_page):
            self.schedule_stack.addWidget(widget)

        self.quiet = QCheckBox(self.tr("免打扰时段"))
        self.quiet.setChecked(True)
        self.quiet.toggled.connect(lambda _c: self.schedule_changed())
        self.quiet_start = QTimeEdit(_qtime(DEFAULT_QUIET_START))
        self.quiet_end = QTimeEdit(_qtime(DEFAULT_QUIET_END))
        for edit in (self.quiet_start, self.quiet_end):
            edit.setDisplayFormat("HH:mm")
            edit.timeChanged.connect(lambda _t: self.schedule_changed())
        quiet_row = QHBoxLayout()
        quiet_row.addWidget(self.quiet)
        quiet_row.addWidget(self.quiet_start)
        quiet_row.addWidget(QLabel("–"))
        quiet_row.addWidget(self.quiet_end)
        quiet_row.addStretch(1)
        quiet_hint = QLabel(self.tr("落在免打扰时段的发送推迟到时段结束"))
        quiet_hint.setStyleSheet(HINT_STYLE)
        quiet_hint.setWordWrap(True)

        self.schedule_error = error_label("scheduleError")
        page = QWidget()
        layout = QVBoxLayout(page)
        kind_form = QFormLayout()
        kind_form.setContentsMargins(0, 0, 0, 0)
        kind_form.addRow(self.tr("发送方式"), self.kind)
        layout.addLayout(kind_form)
        layout.addWidget(self.schedule_stack)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addLayout(quiet_row)
        layout.addWidget(quiet_hint)
        layout.addWidget(self.schedule_error)
        layout.addStretch(1)
        return page

    def _preview_panel(self) -> QWidget:
        self.preview_group = QComboBox()
        self.preview_group.setObjectName("previewGroup")
        self.preview_group.currentIndexChanged.connect(lambda _i: self._show_preview())
        self.preview_text = QPlainTextEdit()
        self.preview_text.setObjectName("previewText")
        self.preview_text.setReadOnly(True)
        self.preview_note = QLabel()
        self.preview_note.setObjectName("previewNote")
        self.preview_note.setWordWrap(True)
        self.preview_summary = QLabel()
        self.preview_summary.setObjectName("previewSummary")
        self.preview_summary.setWordWrap(True)
        self.upcoming = QListWidget()
        self.upcoming.setObjectName("upcomingSends")
        self.upcoming_title = QLabel(self.tr("未来 7 天"))
        self.upcoming_title.setStyleSheet("font-weight: 600;")
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(4, 0, 0, 0)
        title = QLabel(self.tr("预览"))
        title.setStyleSheet("font-weight: 600;")
        layout.addWidget(title)
        layout.addWidget(self.preview_group)
        layout.addWidget(self.preview_text, 3)
        layout.addWidget(self.preview_note)
        layout.addWidget(self.preview_summary)
        layout.addWidget(self.upcoming_title)
        layout.addWidget(self.upcoming, 2)
        panel.setMinimumWidth(220)
        return panel

    # ================================================================== loading
    def _load(self, b: BroadcastDTO | None) -> None:
        if b is None:
            self.add_step(0, time(9, 0), "")
            return
        self.title.setText(b.title)
        self.body.setPlainText(b.body)
        if b.template_id is not None and self.template.findData(b.template_id) >= 0:
            self.template.setCurrentIndex(self.template.findData(b.template_id))
        self.format.setCurrentIndex(self.format.findData(b.format.value))
        self._set_checked(b.group_ids, True)  # the constructor counts them once afterwards
        if b.segment_id is not None and self.segment.findData(b.segment_id) >= 0:
            self.segment.setCurrentIndex(self.segment.findData(b.segment_id))
        self.kind.setCurrentIndex(self.kind.findData(b.schedule_kind.value))
        if b.run_at is not None:
            if b.schedule_kind is ScheduleKind.ONCE:
                self.run_at.setDateTime(_qdt(max(b.run_at, self._now().replace(second=0, microsecond=0))))
            self.repeat_time.setTime(QTime(b.run_at.hour, b.run_at.minute))
        if b.schedule_kind is ScheduleKind.RRULE:
            self._load_rule(b.rrule)
        for step in b.sop_steps:
            self.add_step(step.offset_days, step.at, step.body)
        if not b.sop_steps:
            self.add_step(0, time(9, 0), "")
        self.quiet.setChecked(b.quiet_start is not None)
        if b.quiet_start is not None and b.quiet_end is not None:
            self.quiet_start.setTime(_qtime(b.quiet_start))
            self.quiet_end.setTime(_qtime(b.quiet_end))
        self.attachments.set_paths(b.attachments)

    def _load_rule(self, rule: str) -> None:
        """Show a rule in the simple controls when they can say it exactly, else as a custom rule."""
        fields = rrule_fields(rule)
        simple = None
        try:
            if set(fields) <= {"FREQ", "BYDAY", "BYMONTHDAY", "BYHOUR", "BYMINUTE"} and "BYHOUR" in fields:
                self.repeat_time.setTime(QTime(int(fields["BYHOUR"]), int(fields.get("BYMINUTE", "0"))))
                if fields["FREQ"] == "DAILY" and not {"BYDAY", "BYMONTHDAY"} & set(fields):
                    simple = "daily"
                elif fields["FREQ"] == "WEEKLY" and "BYDAY" in fields and "BYMONTHDAY" not in fields:
                    codes = fields["BYDAY"].split(",")
                    if all(c in WEEKDAY_CODES for c in codes):
                        for index, box in enumerate(self.weekdays):
                            box.setChecked(WEEKDAY_CODES[index] in codes)
                        simple = "weekly"
                elif fields["FREQ"] == "MONTHLY" and "BYMONTHDAY" in fields and "BYDAY" not in fields:
                    self.month_day.setValue(int(fields["BYMONTHDAY"]))
                    simple = "monthly"
        except ValueError:
            simple = None
        self.repeat.setCurrentIndex(self.repeat.findData(simple or "custom"))
        self.rrule.setText(rule)

    # ================================================================== content
    def insert_variable(self, variable: str) -> None:
        if self.kind_value() is ScheduleKind.SOP:
            row = max(self.steps.currentRow(), 0)
            if self.steps.rowCount() == 0:
                self.add_step()
            item = self.steps.item(row, 2) or QTableWidgetItem("")
            item.setText(item.text() + variable)
            self.steps.setItem(row, 2, item)
            return
        self.body.insertPlainText(variable)
        self.body.setFocus()

    def _template_chosen(self) -> None:
        template = self._templates.get(self.template.currentData())
        if template is None:
            return
        self.body.setPlainText(template.body)
        self.format.setCurrentIndex(self.format.findData(template.format.value))
        if not self.title.text().strip():
            self.title.setText(template.name)
        self._attachments_changed()

    def effective_attachments(self) -> tuple[str, ...]:
        """What the manual queue will offer: the broadcast's own files, else its template's."""
        template = self._templates.get(self.template.currentData())
        return effective_attachments(self.attachments.paths(), template.attachments if template else ())

    def _attachments_changed(self) -> None:
        """The note under the list: the template's files in use, and that robot groups get the text only."""
        template = self._templates.get(self.template.currentData())
        lines = []
        if not self.attachments.paths() and template is not None and template.attachments:
            names = "、".join(os.path.basename(path) for path in template.attachments)
            lines.append(self.tr("没有添加附件时使用模板“{0}”的 {1} 个附件: {2}").format(
                template.name, len(template.attachments), names))
        robots = sum(1 for p in self._previews if p.channel_kind is not ChannelKind.MANUAL)
        if self.effective_attachments() and robots:
            lines.append(self.tr("附件只用于手动发送的群, 机器人群只发文字 (目标中有 {0} 个机器人群)").format(robots))
            self.attachments.set_note("\n".join(lines), WARN_STYLE)
            return
        if not lines and not self.attachments.paths():
            lines.append(self.tr("到时在“待发送”里复制图片, 粘贴到群里; 有机器人的群只发文字"))
        self.attachments.set_note("\n".join(lines), HINT_STYLE)

    def add_step(self, offset: int | None = None, at: time | None = None, body: str = "") -> None:
        row = self.steps.rowCount()
        if offset is None:
            previous = self.steps.item(row - 1, 0) if row else None
            offset = int(previous.text()) + 1 if previous and previous.text().isdigit() else 0
        at = at or time(9, 0)
        self.steps.insertRow(row)
        self.steps.setItem(row, 0, QTableWidgetItem(str(offset)))
        self.steps.setItem(row, 1, QTableWidgetItem(at.strftime("%H:%M")))
        self.steps.setItem(row, 2, QTableWidgetItem(body))

    def _remove_steps(self) -> None:
        for row in sorted({i.row() for i in self.steps.selectedIndexes()}, reverse=True):
            self.steps.removeRow(row)

    def sop_steps(self) -> tuple[SopStep, ...]:
        out = []
        for row in range(self.steps.rowCount()):
            cells = [(self.steps.item(row, c).text() if self.steps.item(row, c) else "").strip() for c in range(3)]
            if not any(cells):
                continue
            if not cells[0].isdigit():
                raise ValidationError(self.tr("SOP 第 {0} 步: “第几天”应为 0 或正整数").format(row + 1), "sop_steps")
            try:
                at = parse_clock(cells[1])
            except ValidationError:
                raise ValidationError(self.tr("SOP 第 {0} 步: 时间应写成 时:分, 例如 09:00").format(row + 1),
                                      "sop_steps") from None
            out.append(SopStep(int(cells[0]), at, cells[2]))
        return tuple(out)

    def current_body(self) -> str:
        if self.kind_value() is not ScheduleKind.SOP:
            return self.body.toPlainText()
        row = self.steps.currentRow() if self.steps.currentRow() >= 0 else 0
        item = self.steps.item(row, 2) if self.steps.rowCount() else None
        return item.text() if item else ""

    # ================================================================== targets
    def _filter_groups(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.groups.count()):
            item = self.groups.item(row)
            item.setHidden(bool(needle) and needle not in item.text().lower())

    def _check_visible(self, checked: bool, every: bool = False) -> None:
        self.groups.blockSignals(True)
        for row in range(self.groups.count()):
            item = self.groups.item(row)
            if every or not item.isHidden():
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.groups.blockSignals(False)
        self._targets_changed()

    def check_group(self, group_id: int, checked: bool = True) -> None:
        self._set_checked((group_id,), checked)
        self._targets_changed()

    def _set_checked(self, group_ids: Sequence[int], checked: bool) -> None:
        """Check (or uncheck) groups by id without a recount per item; unknown ids are ignored."""
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.groups.blockSignals(True)
        try:
            for group_id in group_ids:
                item = self._group_items.get(group_id)
                if item is not None:
                    item.setCheckState(state)
        finally:
            self.groups.blockSignals(False)

    def group_ids(self) -> list[int]:
        return [self.groups.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.groups.count())
                if self.groups.item(r).checkState() == Qt.CheckState.Checked]

    def _targets_changed(self) -> None:
        self._count_groups()
        self._schedule_preview()

    def _count_groups(self) -> None:
        self.group_count.setText(self.tr("已选 {0} 个群").format(len(self.group_ids())))

    def _segment_chosen(self) -> None:
        segment_id = self.segment.currentData()
        self._segment_groups = []
        if segment_id is None:
            self.segment_note.clear()
            self._schedule_preview()
            return
        count = self._segment_counts.get(segment_id)
        name = self._segment_names.get(segment_id, "")
        if count == 0:
            self.segment_note.setStyleSheet(WARN_STYLE)
            self.segment_note.setText(self.tr("分组“{0}”现在没有任何群: 到时仍没有群就不会发送。"
                                              "目标在每次发送时重新计算, 之后进入分组的群会收到。").format(name))
        else:
            self.segment_note.setStyleSheet(HINT_STYLE)
            self.segment_note.setText(self.tr("分组“{0}”现在有 {1} 个群; 目标在每次发送时重新计算。").format(
                name, count if count is not None else "?"))
        segments = self._segments_service
        if segments is None:
            self._schedule_preview()
            return

        def done(ids: list[int]) -> None:
            if self.segment.currentData() == segment_id:
                self._segment_groups = list(ids)
                self._schedule_preview()

        self._runner.run(lambda _ctx: segments.resolve(segment_id), on_done=done, owner=self)

    def target_ids(self) -> list[int]:
        """Explicit groups then the segment's groups as of now, without repeats."""
        return list(dict.fromkeys([*self.group_ids(), *self._segment_groups]))

    # ================================================================== schedule
    def kind_value(self) -> ScheduleKind:
        return ScheduleKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        kind = self.kind_value()
        self.schedule_stack.setCurrentIndex((ScheduleKind.ONCE, ScheduleKind.RRULE, ScheduleKind.SOP).index(kind))
        self.body_stack.setCurrentIndex(1 if kind is ScheduleKind.SOP else 0)
        self._repeat_changed()

    def _repeat_changed(self) -> None:
        repeat = self.repeat.currentData()
        self.weekday_widget.setVisible(repeat == "weekly")
        self.weekday_label.setVisible(repeat == "weekly")
        self.month_day.setVisible(repeat == "monthly")
        self.month_day_label.setVisible(repeat == "monthly")
        self.rrule.setReadOnly(repeat != "custom")
        self.repeat_time.setEnabled(True)
        self._simple_rule_changed()

    def _simple_rule_changed(self) -> None:
        rule = self.simple_rule()
        if rule is not None:
            self.rrule.setText(rule)
        self.schedule_changed()

    def simple_rule(self) -> str | None:
        """The RRULE the simple controls stand for (None for a custom rule)."""
        repeat = self.repeat.currentData()
        clock = self.repeat_time.time()
        at = f"BYHOUR={clock.hour()};BYMINUTE={clock.minute()}"
        if repeat == "daily":
            return f"FREQ=DAILY;{at}"
        if repeat == "weekly":
            days = [WEEKDAY_CODES[i] for i, box in enumerate(self.weekdays) if box.isChecked()]
            return f"FREQ=WEEKLY;BYDAY={','.join(days) or 'MO'};{at}"
        if repeat == "monthly":
            return f"FREQ=MONTHLY;BYMONTHDAY={self.month_day.value()};{at}"
        return None

    def _rule_start(self) -> datetime:
        clock = self.repeat_time.time()
        return datetime.combine(self._now().date(), time(clock.hour(), clock.minute()))

    def quiet_hours(self) -> tuple[time | None, time | None]:
        if not self.quiet.isChecked():
            return None, None
        return self.quiet_start.time().toPython(), self.quiet_end.time().toPython()

    def upcoming_sends(self, days: int = 7) -> list[datetime]:
        """When this schedule sends in the next ``days`` (after quiet hours); ValidationError if the rule is bad."""
        now = self._now().replace(second=0, microsecond=0)
        end = now + timedelta(days=days)
        start, stop = self.quiet_hours()
        kind = self.kind_value()
        if kind is ScheduleKind.ONCE:
            moment = self.run_at.dateTime().toPython().replace(second=0, microsecond=0)
            if moment < now - timedelta(minutes=5):
                raise ValidationError(self.tr("发送时间 {0} 已经过去, 请选择现在或以后的时间").format(
                    moment.strftime("%Y-%m-%d %H:%M")), "run_at")
            return [shift_out_of_quiet(max(moment, now), start, stop)] if moment <= end else []
        if kind is ScheduleKind.RRULE:
            rule = check_rrule(self.rrule.text(), self._rule_start(), now)
            moments = []
            for moment in occurrences_between(rule, now - timedelta(seconds=1), end):
                moments.append(shift_out_of_quiet(moment, start, stop))
                if len(moments) > 500:
                    break
            return moments
        return []

    def schedule_changed(self) -> None:
        """Check the schedule now (no database needed) and list the next 7 days' sends."""
        self.upcoming.clear()
        kind = self.kind_value()
        if kind is ScheduleKind.RRULE:
            self.rule_words.setText(describe_rrule(self.rrule.text(), self._rule_start())
                                    if self.rrule.text().strip() else "")
        try:
            moments = self.upcoming_sends()
        except ValidationError as exc:
            self._rule_ok = False
            self.schedule_error.setText(str(exc))
            self.rrule.setStyleSheet(INVALID_STYLE if exc.field == "rrule" else "")
            self.upcoming.addItem(self.tr("时间设置有误, 见“时间”页"))
            self._schedule_preview()
            return
        self._rule_ok = True
        self.rrule.setStyleSheet("")
        self.schedule_error.clear()
        if kind is ScheduleKind.SOP:
            for step in self._steps_or_empty():
                first = step.body.strip().splitlines()[0] if step.body.strip() else ""
                self.upcoming.addItem(self.tr("第 {0} 天 {1}  {2}").format(step.offset_days, step.at.strftime("%H:%M"),
                                                                          first[:30]))
            self.upcoming_title.setText(self.tr("SOP 步骤 (每个群按自己的建群日期)"))
        else:
            self.upcoming_title.setText(self.tr("未来 7 天: {0} 次").format(len(moments)))
            for moment in moments[:50]:
                self.upcoming.addItem(f"{day_text(moment)}  {moment:%H:%M}")
            if len(moments) > 50:
                self.upcoming.addItem(self.tr("… 共 {0} 次").format(len(moments)))
            if not moments:
                self.upcoming.addItem(self.tr("7 天内没有发送"))
            if len(moments) > BUSY_WEEK:
                self.schedule_error.setStyleSheet(WARN_STYLE)
                self.schedule_error.setText(self.tr("注意: 7 天内要发 {0} 次, 群友可能会觉得被打扰").format(len(moments)))
            else:
                self.schedule_error.setStyleSheet(ERROR_STYLE)
        self._schedule_preview()

    def _steps_or_empty(self) -> tuple[SopStep, ...]:
        try:
            return self.sop_steps()
        except ValidationError:
            return ()

    # ================================================================== preview
    def _schedule_preview(self) -> None:
        self._preview_timer.start()

    def _preview_moment(self) -> datetime | None:
        try:
            moments = self.upcoming_sends()
        except ValidationError:
            return None
        return moments[0] if moments else None

    def refresh_preview(self) -> None:
        """Render the body for every target group on a worker; late answers are dropped."""
        self._preview_timer.stop()
        body = self.current_body()
        ids = self.target_ids()[:PREVIEW_MAX]
        self._preview_serial += 1
        serial = self._preview_serial
        if not body.strip() or not ids:
            self._set_previews([], body)
            return
        service, at = self._service, self._preview_moment()
        fmt = MessageFormat(self.format.currentData())

        def done(previews: list[PreviewDTO]) -> None:
            if serial == self._preview_serial:
                self._set_previews(previews, body)

        def failed(exc: BaseException) -> None:
            if serial == self._preview_serial:
                self._previews = []
                self.preview_group.clear()
                self.preview_text.clear()
                self.preview_note.setStyleSheet(ERROR_STYLE)
                self.preview_note.setText(error_message(exc))
                self.preview_summary.clear()

        self._runner.run(lambda _ctx: service.preview(body, ids, at=at, fmt=fmt), on_done=done, on_error=failed,
                         owner=self)

    def _set_previews(self, previews: list[PreviewDTO], body: str) -> None:
        current = self.preview_group.currentData()
        self._previews = previews
        self.preview_group.blockSignals(True)
        self.preview_group.clear()
        for preview in previews:
            mark = "⚠ " if preview.problem else ""
            self.preview_group.addItem(mark + preview.group_name, preview.group_id)
        index = self.preview_group.findData(current)
        self.preview_group.setCurrentIndex(index if index >= 0 else 0)
        self.preview_group.blockSignals(False)
        problems = [p for p in previews if p.problem]
        split = [p for p in previews if p.parts > 1]
        robots = sum(1 for p in previews if p.channel_kind is not ChannelKind.MANUAL)
        lines = []
        if previews:
            lines.append(self.tr("{0} 个群: {1} 个由机器人发送, {2} 个手动发送").format(
                len(previews), robots, len(previews) - robots))
        if problems:
            lines.append(self.tr("{0} 个群无法生成内容 (标有 ⚠), 这些群不会发送").format(len(problems)))
        if split:
            lines.append(self.tr("{0} 个群的内容超过机器人单条上限, 将分成 {1} 条发送").format(
                len(split), max(p.parts for p in split)))
        self.preview_summary.setText("\n".join(lines))
        self.preview_summary.setStyleSheet(WARN_STYLE if problems or split else HINT_STYLE)
        self._attachments_changed()
        if not previews:
            self.preview_text.clear()
            self.preview_note.setStyleSheet(HINT_STYLE)
            self.preview_note.setText(self.tr("先写内容") if not body.strip() else self.tr("先选择目标群或分组"))
            return
        self._show_preview()

    def preview_for(self, group_id: int) -> PreviewDTO | None:
        return next((p for p in self._previews if p.group_id == group_id), None)

    def _show_preview(self) -> None:
        preview = self.preview_for(self.preview_group.currentData())
        if preview is None:
            return
        self.preview_text.setPlainText(preview.text or "")
        if preview.problem:
            self.preview_note.setStyleSheet(ERROR_STYLE)
            self.preview_note.setText(preview.problem)
        elif preview.parts > 1:
            self.preview_note.setStyleSheet(WARN_STYLE)
            self.preview_note.setText(self.tr("超过{0}机器人单条上限, 将分成 {1} 条发送").format(
                channel_kind_name(preview.channel_kind), preview.parts))
        else:
            self.preview_note.setStyleSheet(HINT_STYLE)
            self.preview_note.setText(self.tr("由{0}机器人发送").format(channel_kind_name(preview.channel_kind))
                                      if preview.channel_kind is not ChannelKind.MANUAL
                                      else self.tr("这个群没有机器人: 到时放进“待发送”, 由你手动发送"))

    # ================================================================== saving
    def draft(self) -> BroadcastDraft:
        kind = self.kind_value()
        run_at: datetime | None = None
        rrule = ""
        if kind is ScheduleKind.ONCE:
            run_at = self.run_at.dateTime().toPython().replace(second=0, microsecond=0)
        elif kind is ScheduleKind.RRULE:
            rrule = self.rrule.text().strip()
            if not rrule:
                raise ValidationError(self.tr("请填写重复规则, 例如 FREQ=WEEKLY;BYDAY=MO,WE,FR"), "rrule")
            check_rrule(rrule, self._rule_start(), self._now())
            run_at = self._rule_start()
        quiet_start, quiet_end = self.quiet_hours()
        if not self.target_ids() and self.segment.currentData() is None:
            raise ValidationError(self.tr("请在“目标”页至少勾选一个群或选择一个分组"), "targets")
        return BroadcastDraft(
            title=self.title.text(), body=self.body.toPlainText() if kind is not ScheduleKind.SOP else "",
            format=MessageFormat(self.format.currentData()), schedule_kind=kind, run_at=run_at, rrule=rrule,
            sop_steps=self.sop_steps() if kind is ScheduleKind.SOP else (), group_ids=tuple(self.group_ids()),
            segment_id=self.segment.currentData(), quiet_start=quiet_start, quiet_end=quiet_end,
            template_id=self.template.currentData(), attachments=self.attachments.paths(),
        ).validated()

    def _save(self, *, activate: bool) -> None:
        try:
            draft = self.draft()
        except ValidationError as exc:
            self.show_error(str(exc), exc.field)
            return
        self.show_error("", None)
        self.buttons.setEnabled(False)
        self._submit(draft, activate)

    def failed(self, message: str, field_name: str | None) -> None:
        self.buttons.setEnabled(True)
        self.show_error(message, field_name)

    def show_error(self, message: str, field_name: str | None) -> None:
        self.error.setText(message)
        places: dict[str, tuple[int, Any]] = {
            "title": (0, self.title), "body": (0, self.body), "sop_steps": (0, self.steps),
            "targets": (1, self.groups), "group_ids": (1, self.groups),
            "rrule": (2, self.rrule), "run_at": (2, self.run_at), "quiet_start": (2, self.quiet_start),
            "attachments": (0, self.attachments.list),
        }
        target = places.get(field_name or "") if message else None
        for _tab, widget in places.values():
            widget.setStyleSheet(INVALID_STYLE if target is not None and widget is target[1] else "")
        if target is not None:
            self.tabs.setCurrentIndex(target[0])
            target[1].setFocus()


class TemplateDialog(QDialog):
    """Name, format and body of a template, with the variables as inserts."""

    def __init__(self, template: TemplateDTO | None, submit: Callable[[TemplateDraft], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateDialog")
        self.setWindowTitle(self.tr("编辑模板") if template else self.tr("新建模板"))
        self.resize(560, 520)
        self._submit = submit
        self.name = QLineEdit(template.name if template else "")
        self.name.setObjectName("templateName")
        self.name.setPlaceholderText(self.tr("例如: 截单提醒"))
        self.format = QComboBox()
        self.format.addItem(self.tr("文本"), MessageFormat.TEXT.value)
        self.format.addItem(self.tr("Markdown"), MessageFormat.MARKDOWN.value)
        if template is not None:
            self.format.setCurrentIndex(self.format.findData(template.format.value))
        self.body = QPlainTextEdit(template.body if template else "")
        self.body.setObjectName("templateBody")
        self.body.setPlaceholderText(self.tr("例如: {群名}的家人们, 本期团购 {截单时间} 截单, 团长 {团长} 在群里答疑~"))
        variables = VariableButtons()
        variables.inserted.connect(lambda v: (self.body.insertPlainText(v), self.body.setFocus()))
        self.attachments = AttachmentList()
        self.attachments.setObjectName("templateAttachments")
        if template is not None:
            self.attachments.set_paths(template.attachments)
        self.attachments.set_note(self.tr("图片和文件只用于手动发送 (在“待发送”里复制); 机器人群只发文字"))
        self.error = error_label(wrap=False)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("格式"), self.format)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(variables)
        layout.addWidget(self.body, 1)
        attachments_title = QLabel(self.tr("附件"))
        attachments_title.setStyleSheet("font-weight: 600;")
        layout.addWidget(attachments_title)
        layout.addWidget(self.attachments)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def draft(self) -> TemplateDraft:
        return TemplateDraft(self.name.text(), self.body.toPlainText(),
                             MessageFormat(self.format.currentData()), self.attachments.paths()).validated()

    def _save(self) -> None:
        try:
            draft = self.draft()
        except ValidationError as exc:
            self.failed(str(exc))
            return
        self.buttons.setEnabled(False)
        self._submit(draft)

    def failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(message)


__all__ = ["BroadcastEditor", "TemplateDialog", "VariableButtons"]
