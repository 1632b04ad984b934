"""Attachments (附件) of a broadcast or template: images and files the operator sends by hand.

``AttachmentList`` edits them (添加附件…, 移除, a thumbnail per image); ``AttachmentPanel`` shows the
current queue row's files with 复制图片 (the picture goes on the clipboard, ready to paste into the
chat) and 打开所在文件夹. Robots never get them: they send the text only.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.broadcasts import ATTACHMENTS_MAX, IMAGE_SUFFIXES, Attachment
from desktop.ui.styles import ERROR_STYLE, WARN_STYLE, error_label

HINT_STYLE = "color: #757575;"
LIST_ICON = 36
#: rows the editor's list shows before it scrolls
LIST_ROWS = 3
PANEL_THUMB = 56
#: rows the queue shows before it scrolls (then half of the next one, so the scroll is evident)
PANEL_ROWS = 3
_THUMBS: dict[tuple[str, int, float], QPixmap] = {}
_THUMBS_MAX = 200


def load_image(path: str) -> QImage:
    """The picture as the chat will show it (EXIF rotation applied); a null QImage if it cannot be read."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    return reader.read()


def thumbnail(path: str, size: int) -> QPixmap | None:
    """A picture scaled to fit ``size`` x ``size`` (decoded at that size where the format allows), cached."""
    try:
        mtime = os.path.getmtime(path)
    except OSError:
        return None
    key = (path, size, mtime)
    if key in _THUMBS:
        return _THUMBS[key]
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    full = reader.size()
    if full.isValid() and (full.width() > size or full.height() > size):
        reader.setScaledSize(full.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None
    if image.width() > size or image.height() > size:
        image = image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    if len(_THUMBS) >= _THUMBS_MAX:
        _THUMBS.clear()
    _THUMBS[key] = QPixmap.fromImage(image)
    return _THUMBS[key]


def open_folder(path: str) -> bool:
    """Open the folder holding ``path`` in the file manager; False if the folder is gone."""
    folder = os.path.dirname(path)
    if not folder or not os.path.isdir(folder):
        return False
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(folder)))


def _file_icon(widget: QWidget) -> QIcon:
    return widget.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)


class AttachmentList(QWidget):
    """The editor's attachment list: add (file dialog), remove, a thumbnail per image; ``changed`` on edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("attachmentList")
        self.list.setIconSize(QSize(LIST_ICON, LIST_ICON))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setUniformItemSizes(True)
        self._fit_height(LIST_ICON + 4)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self.tr("添加附件…"))
        self.add_button.setObjectName("addAttachment")
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton(self.tr("移除"))
        self.remove_button.setObjectName("removeAttachment")
        self.remove_button.clicked.connect(self.remove_selected)
        self.note = QLabel()
        self.note.setObjectName("attachmentNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(HINT_STYLE)
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self._last_dir = ""
        self._overflow = ""
        self._update_buttons()

    def paths(self) -> tuple[str, ...]:
        return tuple(self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count()))

    def set_paths(self, paths: Iterable[str]) -> None:
        self.list.clear()
        self._append(paths)
        self.changed.emit()

    def choose_files(self) -> None:
        images = " ".join(f"*{s}" for s in sorted(IMAGE_SUFFIXES))
        start = self._last_dir or (os.path.dirname(self.paths()[-1]) if self.paths() else os.path.expanduser("~"))
        files, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("添加附件"), start, self.tr("图片 ({0});;所有文件 (*)").format(images))
        if files:
            self._last_dir = os.path.dirname(files[0])
            self.add_paths(files)

    def add_paths(self, paths: Sequence[str]) -> None:
        self._append(paths)
        self.changed.emit()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self._overflow = ""
        self._update_buttons()
        self.changed.emit()

    def set_note(self, text: str, style: str = HINT_STYLE) -> None:
        full = "\n".join(t for t in (self._overflow, text) if t)
        self.note.setText(full)
        self.note.setStyleSheet(WARN_STYLE if self._overflow else style)
        self.note.setVisible(bool(full))

    def _append(self, paths: Iterable[str]) -> None:
        have = {os.path.normcase(p) for p in self.paths()}
        left_out = 0
        for raw in paths:
            path = os.path.abspath(str(raw))
            if os.path.normcase(path) in have:
                continue
            if self.list.count() >= ATTACHMENTS_MAX:
                left_out += 1
                continue
            have.add(os.path.normcase(path))
            self.list.addItem(self._item(Attachment.probe(path)))
        if self.list.count():
            self._fit_height(max(self.list.sizeHintForRow(0), LIST_ICON + 4))
        self._overflow = (self.tr("最多 {0} 个附件, 另外 {1} 个没有添加").format(ATTACHMENTS_MAX, left_out)
                          if left_out else "")
        self._update_buttons()

    def _fit_height(self, row: int) -> None:
        """LIST_ROWS rows and half of the next, so a longer list plainly scrolls."""
        self.list.setFixedHeight(LIST_ROWS * row + row // 2 + 2 * self.list.frameWidth())

    def _item(self, attachment: Attachment) -> QListWidgetItem:
        item = QListWidgetItem(attachment.name)
        item.setData(Qt.ItemDataRole.UserRole, attachment.path)
        item.setToolTip(attachment.path)
        pixmap = thumbnail(attachment.path, LIST_ICON) if attachment.is_image and not attachment.missing else None
        item.setIcon(QIcon(pixmap) if pixmap is not None else _file_icon(self))
        if attachment.missing:
            item.setText(self.tr("{0} (文件不存在)").format(attachment.name))
            item.setForeground(Qt.GlobalColor.red)
        return item

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.list.selectedItems()))
        self.add_button.setEnabled(self.list.count() < ATTACHMENTS_MAX)


class AttachmentRow(QFrame):
    """One file of the current queue row: thumbnail or file icon, name, 复制图片 / 复制文件, 打开所在文件夹."""

    def __init__(self, attachment: Attachment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attachment = attachment
        self.setObjectName("attachmentRow")
        self.thumb = QLabel()
        self.thumb.setFixedSize(PANEL_THUMB, PANEL_THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setStyleSheet("background: #f5f5f5; border: 1px solid #e0e0e0;")
        pixmap = thumbnail(attachment.path, PANEL_THUMB) if attachment.is_image and not attachment.missing else None
        self.thumb.setPixmap(pixmap if pixmap is not None else _file_icon(self).pixmap(32, 32))
        self.name = QLabel(attachment.name)
        self.name.setObjectName("attachmentName")
        self.name.setToolTip(attachment.path)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.problem = QLabel(self.tr("文件不存在") if attachment.missing else "")
        self.problem.setObjectName("attachmentMissing")
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setVisible(attachment.missing)
        self.copy_button = QPushButton(self.tr("复制图片") if attachment.is_image else self.tr("复制文件"))
        self.copy_button.setObjectName("copyAttachment")
        self.copy_button.setToolTip(self.tr("放到剪贴板, 再到群聊里粘贴") if attachment.is_image
                                    else self.tr("把文件放到剪贴板, 再到群聊里粘贴"))
        self.copy_button.setEnabled(not attachment.missing)
        self.folder_button = QPushButton(self.tr("打开所在文件夹"))
        self.folder_button.setObjectName("openAttachmentFolder")
        self.folder_button.setToolTip(os.path.dirname(attachment.path))
        for button in (self.copy_button, self.folder_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays on the queue
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.problem)
        buttons.addStretch(1)
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.setSpacing(2)
        text.addWidget(self.name)
        text.addLayout(buttons)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 2)
        row.addWidget(self.thumb)
        row.addLayout(text, 1)

    def mark_missing(self) -> None:
        self.problem.setText(self.tr("文件不存在"))
        self.problem.show()
        self.copy_button.setEnabled(False)


class AttachmentPanel(QWidget):
    """The current queue row's attachments; the owner connects ``copy_requested`` / ``folder_requested``."""

    copy_requested = Signal(object)  # Attachment
    folder_requested = Signal(object)  # Attachment

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueAttachments")
        self.title = QLabel()
        self.title.setObjectName("attachmentsTitle")
        self.title.setStyleSheet("font-weight: 600;")
        self.title.setWordWrap(True)  # never widens the queue's right side (long in English)
        self.missing = error_label("attachmentsMissing", wrap=False)
        self.rows: list[AttachmentRow] = []
        self._body = QWidget()
        self._rows_layout = QVBoxLayout(self._body)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(2)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(self._body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1)
        head.addWidget(self.missing)
        layout.addLayout(head)
        layout.addWidget(self.scroll)
        self.hide()

    def set_attachments(self, attachments: Sequence[Attachment]) -> None:
        for row in self.rows:
            self._rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        for attachment in attachments:
            row = AttachmentRow(attachment, self._body)
            row.copy_button.clicked.connect(lambda _c=False, a=attachment: self.copy_requested.emit(a))
            row.folder_button.clicked.connect(lambda _c=False, a=attachment: self.folder_requested.emit(a))
            self._rows_layout.addWidget(row)
            self.rows.append(row)
        missing = sum(1 for a in attachments if a.missing)
        self.title.setText(self.tr("附件 {0} 个 (先发文字, 再逐个粘贴)").format(len(attachments)))
        self.missing.setText(self.tr("{0} 个文件不存在").format(missing) if missing else "")
        self.missing.setVisible(bool(missing))
        if self.rows:
            row_height = max(r.sizeHint().height() for r in self.rows)
            shown = min(len(self.rows), PANEL_ROWS)
            extra = row_height // 2 if len(self.rows) > PANEL_ROWS else 0
            spacing = self._rows_layout.spacing()
            self.scroll.setFixedHeight(shown * row_height + (shown - 1) * spacing + extra)
        self.setVisible(bool(attachments))

    def row_for(self, path: str) -> AttachmentRow | None:
        return next((r for r in self.rows if r.attachment.path == path), None)


__all__ = ["AttachmentList", "AttachmentPanel", "AttachmentRow", "load_image", "open_folder", "thumbnail"]
