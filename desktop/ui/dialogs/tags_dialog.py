"""Member tags: the manager (create, rename, recolour, delete) and the chooser bulk tagging asks.

Tags are the operator's own words for people ("宝妈", "团长候选", "已加企微"); they cut across tiers
and groups. Every edit is one service call on the single writer and announces ``data_changed("tags")``
so the Members page rebuilds its tag filter and repaints the tag column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.members import TagDTO
from desktop.workers.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.services.members import MemberService

#: colours offered to new tags in turn (Material 600s: readable as chips on white)
TAG_PALETTE = ("#e53935", "#fb8c00", "#fdd835", "#43a047", "#00897b", "#1e88e5", "#3949ab", "#8e24aa",
               "#d81b60", "#6d4c41", "#546e7a")


def swatch(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def next_colour(tags: list[TagDTO]) -> str:
    used = {tag.color.lower() for tag in tags}
    return next((c for c in TAG_PALETTE if c not in used), TAG_PALETTE[len(tags) % len(TAG_PALETTE)])


class TagsDialog(QDialog):
    """Every tag with its colour and how many members carry it."""

    def __init__(self, runner: TaskRunner, members: MemberService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("成员标签"))
        self.setMinimumSize(420, 380)
        self._runner = runner
        self._service = members
        self._tags: list[TagDTO] = []
        self.list = QListWidget()
        self.list.setObjectName("tagList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemDoubleClicked.connect(lambda _item: self.rename())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.empty = QLabel(self.tr("还没有标签。点击“新建标签”, 或在成员表中选中成员后右键“打标签…”。"))
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #757575;")
        self.new_button = QPushButton(self.tr("新建标签…"))
        self.new_button.clicked.connect(self.create)
        self.rename_button = QPushButton(self.tr("重命名… (F2)"))
        self.rename_button.clicked.connect(self.rename)
        self.colour_button = QPushButton(self.tr("颜色…"))
        self.colour_button.clicked.connect(self.recolour)
        self.delete_button = QPushButton(self.tr("删除 (Del)"))
        self.delete_button.clicked.connect(self.delete)
        side = QVBoxLayout()
        for button in (self.new_button, self.rename_button, self.colour_button, self.delete_button):
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.empty)
        layout.addWidget(close)
        for shortcut, slot in ((QKeySequence(Qt.Key.Key_F2), self.rename),
                               (QKeySequence(QKeySequence.StandardKey.Delete), self.delete),
                               (QKeySequence(QKeySequence.StandardKey.New), self.create)):
            action = QAction(self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        runner.data_changed.connect(self._data_changed)
        self._update_buttons()

    # ------------------------------------------------------------------ reading
    def refresh(self) -> None:
        service = self._service
        self._runner.run(lambda _ctx: service.tags(), on_done=self._show, owner=self)

    def _data_changed(self, kind: str, _ids: list) -> None:
        if kind in ("tags", "members", "workspace", "imports"):
            self.refresh()

    def _show(self, tags: list[TagDTO]) -> None:
        current = self.current()
        self._tags = tags
        self.list.clear()
        for tag in tags:
            item = QListWidgetItem(swatch(tag.color), self.tr("{0}  ·  {1} 人").format(tag.name, tag.member_count))
            item.setData(Qt.ItemDataRole.UserRole, tag.id)
            self.list.addItem(item)
            if current is not None and tag.id == current.id:
                self.list.setCurrentItem(item)
        self.empty.setVisible(not tags)
        self._update_buttons()

    def current(self) -> TagDTO | None:
        item = self.list.currentItem()
        if item is None:
            return None
        tag_id = item.data(Qt.ItemDataRole.UserRole)
        return next((t for t in self._tags if t.id == tag_id), None)

    def _update_buttons(self) -> None:
        chosen = self.current() is not None
        for button in (self.rename_button, self.colour_button, self.delete_button):
            button.setEnabled(chosen)

    # ------------------------------------------------------------------ writing
    def _write(self, fn: Any, done_text: Any) -> None:
        self._runner.run(lambda _ctx: fn(), changes="tags", owner=self,
                         on_done=lambda result: self.setWindowTitle(self.tr("成员标签") + " · " + done_text(result)),
                         on_error=lambda exc: QMessageBox.warning(self, self.tr("成员标签"), error_message(exc)))

    def create(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("新建标签"), self.tr("标签名:"))
        if not ok or not name.strip():
            return
        service, colour = self._service, next_colour(self._tags)
        self._write(lambda: service.create_tag(name, colour), lambda tag: self.tr("已新建“{0}”").format(tag.name))

    def rename(self) -> None:
        tag = self.current()
        if tag is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("重命名标签"), self.tr("新名称:"), text=tag.name)
        if not ok or name.strip() == tag.name:
            return
        service = self._service
        self._write(lambda: service.rename_tag(tag.id, name), lambda t: self.tr("已改名为“{0}”").format(t.name))

    def recolour(self) -> None:
        tag = self.current()
        if tag is None:
            return
        colour = QColorDialog.getColor(QColor(tag.color), self, self.tr("标签颜色"))
        if not colour.isValid():
            return
        service = self._service
        self._write(lambda: service.recolour_tag(tag.id, colour.name()), lambda t: self.tr("已换颜色"))

    def delete(self) -> None:
        tag = self.current()
        if tag is None:
            return
        text = self.tr("删除标签“{0}”?").format(tag.name)
        if tag.member_count:
            text += "\n" + self.tr("{0} 位成员会失去这个标签 (成员本身不受影响)。").format(tag.member_count)
        if QMessageBox.question(self, self.tr("删除标签"), text) != QMessageBox.StandardButton.Yes:
            return
        service = self._service
        self._write(lambda: service.delete_tag(tag.id), lambda n: self.tr("已删除, {0} 位成员失去该标签").format(n))
