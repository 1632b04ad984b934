"""待发送: the manual send queue, worked through with the keyboard.

For each due delivery of a group without a robot: which group to open, the text to paste and when it
fell due. Ctrl+C copies the text, Ctrl+Shift+C the first picture attached (each attachment has its own
复制图片 / 打开所在文件夹 under the text), Enter records it as sent by hand and moves to the next, S skips
it, Up and Down move. A handled row leaves the list at once (the write follows on the worker), so the
operator can go through 50 groups without waiting for the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QMimeData, Qt, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.broadcasts import Attachment, DeliveryDTO
from desktop.ui.models.rows_model import Column, RowsModel
from desktop.ui.widgets.attachments import AttachmentPanel, load_image, open_folder
from desktop.workers.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.services.broadcasts import BroadcastService

#: what a skip from the queue records as the reason
SKIP_REASON = "跳过"


class QueueTable(QTableView):
    """A table that turns Ctrl+C, Enter and S into queue actions (and claims them before any shortcut)."""

    copy_requested = Signal()
    copy_image_requested = Signal()
    done_requested = Signal()
    skip_requested = Signal()

    def _action(self, event: QKeyEvent) -> Signal | None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() == Qt.Key.Key_C and modifiers == (Qt.KeyboardModifier.ControlModifier
                                                         | Qt.KeyboardModifier.ShiftModifier):
            return self.copy_image_requested
        if event.matches(QKeySequence.StandardKey.Copy):
            return self.copy_requested
        plain = modifiers == Qt.KeyboardModifier.NoModifier
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self.done_requested
        if plain and event.key() == Qt.Key.Key_S:
            return self.skip_requested
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self._action(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._action(event)
        if action is None:
            super().keyPressEvent(event)
            return
        event.accept()
        action.emit()


class ManualQueueTab(QWidget):
    status_message = Signal(str)
    #: how many sends are waiting (for the tab title and the navigation badge)
    count_changed = Signal(int)

    def __init__(self, runner: TaskRunner, service: BroadcastService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("manualQueue")
        self._runner = runner
        self._service = service
        self._serial = 0
        #: handled here, written (or being written) on the worker: never shown again
        self._handled: set[int] = set()

        self.model: RowsModel[DeliveryDTO] = RowsModel([
            Column(self.tr("群"), lambda d: d.group_name, tooltip=lambda d: d.group_name),
            Column(self.tr("群发"), lambda d: d.broadcast_title, tooltip=lambda d: d.broadcast_title),
            Column(self.tr("到期"), lambda d: d.due_at.strftime("%m-%d %H:%M"), lambda d: d.due_at),
            Column(self.tr("附件"), self._attachments_text, lambda d: len(d.attachments),
                   tooltip=self._attachments_tooltip),
        ], self)
        self.table = QueueTable()
        self.table.setObjectName("manualQueueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(56)  # before stretching: the 附件 column never gets narrower than this
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 140)
        self.table.setColumnWidth(1, 100)
        self.table.setColumnWidth(2, 84)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        self.table.copy_requested.connect(self.copy_current)
        self.table.copy_image_requested.connect(self.copy_first_image)
        self.table.done_requested.connect(self.mark_done)
        self.table.skip_requested.connect(self.skip_current)

        self.remaining = QLabel()
        self.remaining.setObjectName("queueRemaining")
        self.remaining.setStyleSheet("font-weight: 600;")
        keys = QLabel(self.tr("Ctrl+C 复制 · Ctrl+Shift+C 复制图片 · Enter 已发送并到下一条 · S 跳过 · ↑↓ 切换"))
        keys.setStyleSheet("color: #757575;")
        keys.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.remaining)
        top.addWidget(keys, 1)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)

        self.group_label = QLabel()
        self.group_label.setObjectName("queueGroup")
        self.group_label.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.group_label.setWordWrap(True)
        self.group_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit()
        self.text.setObjectName("queueText")
        self.text.setReadOnly(True)
        self.attachments = AttachmentPanel()
        self.attachments.copy_requested.connect(self.copy_attachment)
        self.attachments.folder_requested.connect(self.open_attachment_folder)
        self.copy_button = QPushButton(self.tr("复制 (Ctrl+C)"))
        self.copy_button.setObjectName("queueCopy")
        self.copy_button.clicked.connect(self.copy_current)
        self.done_button = QPushButton(self.tr("已手动发送 (Enter)"))
        self.done_button.setObjectName("queueDone")
        self.done_button.clicked.connect(self.mark_done)
        self.skip_button = QPushButton(self.tr("跳过 (S)"))
        self.skip_button.setObjectName("queueSkip")
        self.skip_button.clicked.connect(self.skip_current)
        for button in (self.copy_button, self.done_button, self.skip_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays on the list
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        right_layout.addWidget(self.group_label)
        right_layout.addWidget(self.text, 1)
        right_layout.addWidget(self.attachments)
        right_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([500, 500])  # halves: the list's four columns fit, the text and attachments too
        left.setMinimumWidth(200)
        right.setMinimumWidth(200)
        self.empty = QLabel(self.tr("没有待手动发送的消息"))
        self.empty.setObjectName("queueEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #757575; font-size: 14px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(splitter)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.stack)
        self._show_rows([])

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        service = self._service
        self._serial += 1
        serial = self._serial

        def done(rows: list[DeliveryDTO]) -> None:
            if serial != self._serial:
                return
            ids = {r.id for r in rows}
            self._handled &= ids  # written meanwhile: no longer listed anyway
            self._show_rows([r for r in rows if r.id not in self._handled])

        self._runner.run(lambda _ctx: service.manual_queue(), on_done=done, owner=self)

    def _show_rows(self, rows: list[DeliveryDTO], select_row: int | None = None) -> None:
        current = self.current()
        keep = current.id if current is not None and select_row is None else None
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.empty if not rows else self.stack.widget(0))
        self.remaining.setText(self.tr("剩余 {0}").format(len(rows)))
        self.count_changed.emit(len(rows))
        if not rows:
            self._show_current()
            return
        row = 0
        if keep is not None:
            row = next((i for i, r in enumerate(rows) if r.id == keep), 0)
        elif select_row is not None:
            row = min(select_row, len(rows) - 1)
        self.select(row)

    def select(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self._show_current()

    def current(self) -> DeliveryDTO | None:
        index = self.table.selectionModel().currentIndex() if self.table.selectionModel() else None
        if index is None or not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def _show_current(self) -> None:
        delivery = self.current()
        for button in (self.copy_button, self.done_button, self.skip_button):
            button.setEnabled(delivery is not None)
        if delivery is None:
            self.group_label.clear()
            self.text.clear()
            self.attachments.set_attachments([])
            return
        self.group_label.setText(self.tr("请打开群: {0}").format(delivery.group_name))
        self.text.setPlainText(delivery.body)
        # looked at again now: a file moved since the queue was read shows as missing
        self.attachments.set_attachments([Attachment.probe(a.path) for a in delivery.attachments])

    def _attachments_text(self, d: DeliveryDTO) -> str:
        if not d.attachments:
            return ""
        return ("⚠ " if d.missing_attachments else "") + str(len(d.attachments))

    def _attachments_tooltip(self, d: DeliveryDTO) -> str | None:
        if not d.attachments:
            return None
        return "\n".join(a.name + (self.tr(" (文件不存在)") if a.missing else "") for a in d.attachments)

    # ------------------------------------------------------------------ actions
    def copy_current(self) -> None:
        delivery = self.current()
        if delivery is None:
            return
        QGuiApplication.clipboard().setText(delivery.body)
        self.status_message.emit(self.tr("已复制发给“{0}”的消息, 粘贴到群里后按 Enter").format(delivery.group_name))

    def copy_first_image(self) -> None:
        """Ctrl+Shift+C: the first picture attached to the current message goes on the clipboard."""
        delivery = self.current()
        if delivery is None:
            return
        image = next((a for a in delivery.attachments if a.is_image), None)
        if image is None:
            self.status_message.emit(self.tr("这条消息没有图片附件"))
            return
        self.copy_attachment(image)

    def copy_attachment(self, attachment: Attachment) -> None:
        """A picture goes on the clipboard as an image, any other file as a file (both paste into a chat)."""
        if Attachment.probe(attachment.path).missing:
            row = self.attachments.row_for(attachment.path)
            if row is not None:
                row.mark_missing()
            self.status_message.emit(self.tr("文件不存在: {0}").format(attachment.path))
            return
        if attachment.is_image:
            image = load_image(attachment.path)
            if image.isNull():
                self.status_message.emit(self.tr("无法读取图片: {0}").format(attachment.path))
                return
            QGuiApplication.clipboard().setImage(image)
            self.status_message.emit(self.tr("已复制图片“{0}”, 到群里粘贴").format(attachment.name))
            return
        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(attachment.path)])
        QGuiApplication.clipboard().setMimeData(data)
        self.status_message.emit(self.tr("已复制文件“{0}”, 到群里粘贴").format(attachment.name))

    def open_attachment_folder(self, attachment: Attachment) -> None:
        if not open_folder(attachment.path):
            self.status_message.emit(self.tr("文件夹不存在: {0}").format(attachment.path))

    def mark_done(self) -> None:
        service = self._service
        self._handle(lambda d: service.mark_done_by_hand(d.id),
                     self.tr("已记录: “{0}”已手动发送"))

    def skip_current(self) -> None:
        service = self._service
        self._handle(lambda d: service.skip(d.id, SKIP_REASON), self.tr("已跳过“{0}”"))

    def _handle(self, write, message: str) -> None:  # type: ignore[no-untyped-def]
        delivery = self.current()
        if delivery is None:
            return
        row = self.table.selectionModel().currentIndex().row()
        self._handled.add(delivery.id)
        rows = [self.model.row_at(r) for r in range(self.model.rowCount()) if self.model.row_at(r).id != delivery.id]
        self._show_rows(rows, select_row=row)

        def failed(exc: BaseException) -> None:
            self._handled.discard(delivery.id)
            self.status_message.emit(error_message(exc))
            self.refresh()

        self._runner.run(lambda _ctx: write(delivery), changes="deliveries", changed_ids=lambda _d: [delivery.id],
                         on_done=lambda _d: self.status_message.emit(message.format(delivery.group_name)),
                         on_error=failed, owner=self)
