"""Dimensions and labels: the classification axes and their labels, kept by the operator.

A tree of dimensions with their labels; every edit is one service call on the write worker and
announces ``data_changed("dimensions")`` so every page that lists labels rebuilds itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.classification import LABEL_PALETTE
from desktop.domain.groups import DimensionDTO, LabelDTO
from desktop.workers.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.services.classification import ClassificationService

_KEY = Qt.ItemDataRole.UserRole


def swatch(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class DimensionDialog(QDialog):
    """Name a new dimension and say whether a group may carry several of its labels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建维度"))
        self.setMinimumWidth(420)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("例如: 地区、渠道、产品线"))
        self.name.setMaxLength(40)
        self.single = QRadioButton(self.tr("单选: 一个群只能有其中一个标签"))
        self.multi = QRadioButton(self.tr("多选: 一个群可以同时有多个标签"))
        self.single.setChecked(True)
        choice = QButtonGroup(self)
        choice.addButton(self.single)
        choice.addButton(self.multi)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("名称"), self.name)
        choices = QVBoxLayout()
        choices.addWidget(self.single)
        choices.addWidget(self.multi)
        form.addRow(self.tr("选择方式"), choices)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)


class DimensionsPanel(QWidget):
    status_message = Signal(str)

    def __init__(self, runner: TaskRunner, classification: ClassificationService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = classification
        self._dimensions: list[DimensionDTO] = []
        self._usage: dict[int, int] = {}
        self._stale = True
        self._pending: tuple[str, int] | None = None  # the item an edit made, to select once shown
        self.dialog: DimensionDialog | None = None

        hint = QLabel(self.tr(
            "维度是给群分类的角度 (时间、功能、人群…), 每个维度下有若干标签。"
            "单选维度下一个群只能有一个标签, 多选维度下可以有多个。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #616161;")

        self.tree = QTreeWidget()
        self.tree.setObjectName("dimensionTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("维度 / 标签"), self.tr("选择方式"), self.tr("使用的群")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.itemDoubleClicked.connect(lambda *_: self.rename())
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)

        def button(text: str, slot: Callable[[], None], name: str, shortcut: str | None = None) -> QPushButton:
            widget = QPushButton(text)
            widget.setObjectName(name)
            widget.clicked.connect(slot)
            if shortcut:
                action = QAction(text, self.tree)
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                action.triggered.connect(slot)
                self.tree.addAction(action)
                widget.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
            return widget

        self.new_dimension_button = button(self.tr("新建维度…"), self.new_dimension, "newDimension")
        self.new_label_button = button(self.tr("新建标签…"), self.new_label, "newLabel", "Ins")
        self.rename_button = button(self.tr("重命名…"), self.rename, "renameButton", "F2")
        self.colour_button = button(self.tr("颜色…"), self.recolour, "colourButton")
        self.multi_button = button(self.tr("改为多选"), self.toggle_multi, "multiButton")
        self.merge_button = button(self.tr("合并到…"), self.merge, "mergeLabelButton")
        self.up_button = button(self.tr("上移"), lambda: self.move(-1), "upButton", "Ctrl+Up")
        self.down_button = button(self.tr("下移"), lambda: self.move(1), "downButton", "Ctrl+Down")
        self.delete_button = button(self.tr("删除…"), self.delete, "deleteButton", "Del")

        side = QVBoxLayout()
        for widget in (self.new_dimension_button, self.new_label_button, None, self.rename_button,
                       self.colour_button, self.multi_button, self.merge_button, None, self.up_button,
                       self.down_button, None, self.delete_button):
            if widget is None:
                side.addSpacing(12)
            else:
                side.addWidget(widget)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.tree, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(body, 1)
        runner.data_changed.connect(self._data_changed)
        self._update_buttons()

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        self._stale = False
        service = self._service
        self._runner.run(lambda _ctx: (service.dimensions(), service.label_usage()), on_done=self._show)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _data_changed(self, kind: str, _ids: list) -> None:
        if kind in ("dimensions", "group_labels", "groups", "workspace", "imports"):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True  # usage counts move with every label edit: read them when shown

    def _show(self, result: tuple[list[DimensionDTO], dict[int, int]]) -> None:
        self._dimensions, self._usage = result
        current = self._pending or self._key(self.tree.currentItem())
        self._pending = None
        self.tree.clear()
        for dimension in self._dimensions:
            choice = self.tr("多选") if dimension.multi else self.tr("单选")
            parent = QTreeWidgetItem([dimension.name, self.tr("{0} · {1} 个标签").format(choice, len(dimension.labels)),
                                      ""])
            parent.setData(0, _KEY, ("dimension", dimension.id))
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            self.tree.addTopLevelItem(parent)
            for label in dimension.labels:
                child = QTreeWidgetItem([label.name, "", str(self._usage.get(label.id, 0))])
                child.setIcon(0, swatch(label.color))
                child.setData(0, _KEY, ("label", label.id))
                child.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                parent.addChild(child)
            parent.setExpanded(True)
        if current is not None:
            self.select(*current)
        self._update_buttons()

    def select(self, kind: str, item_id: int) -> None:
        """Make a dimension or label the current item (after a reload, or from a test)."""
        for i in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(i)
            for item in (parent, *(parent.child(j) for j in range(parent.childCount()))):
                if self._key(item) == (kind, item_id):
                    self.tree.setCurrentItem(item)
                    return

    @staticmethod
    def _key(item: QTreeWidgetItem | None) -> tuple[str, int] | None:
        return None if item is None else item.data(0, _KEY)

    def _selected(self) -> tuple[DimensionDTO | None, LabelDTO | None]:
        """The current dimension (also for a label: its own) and the current label, if any."""
        key = self._key(self.tree.currentItem())
        if key is None:
            return None, None
        kind, item_id = key
        for dimension in self._dimensions:
            if kind == "dimension" and dimension.id == item_id:
                return dimension, None
            for label in dimension.labels:
                if kind == "label" and label.id == item_id:
                    return dimension, label
        return None, None

    def _update_buttons(self) -> None:
        dimension, label = self._selected()
        for widget in (self.rename_button, self.up_button, self.down_button, self.delete_button):
            widget.setEnabled(dimension is not None)
        self.new_label_button.setEnabled(dimension is not None)
        self.colour_button.setEnabled(label is not None)
        self.merge_button.setEnabled(label is not None)
        self.multi_button.setEnabled(dimension is not None and label is None)
        self.multi_button.setText(self.tr("改为单选") if dimension is not None and dimension.multi
                                  else self.tr("改为多选"))

    # ------------------------------------------------------------------ edits
    def _write(self, call: Callable[[], Any], done_text: Callable[[Any], str],
               select: Callable[[Any], tuple[str, int] | None] | None = None) -> None:
        def done(result: Any) -> None:
            if select is not None and (key := select(result)) is not None:
                self._pending = key
            self.status_message.emit(done_text(result))

        def failed(exc: BaseException) -> None:
            QMessageBox.warning(self, self.tr("分类设置"), error_message(exc))

        self._runner.run(lambda _ctx: call(), on_done=done, on_error=failed, changes="dimensions",
                         changed_ids=lambda _result: [])

    def new_dimension(self) -> None:
        self.dialog = DimensionDialog(self)
        dialog = self.dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            name, multi = dialog.name.text(), dialog.multi.isChecked()
            self._write(lambda: self._service.create_dimension(name, multi),
                        lambda d: self.tr("已新建维度“{0}”").format(d.name), lambda d: ("dimension", d.id))

        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    def new_label(self) -> None:
        dimension, _label = self._selected()
        if dimension is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("新建标签"),
                                        self.tr("“{0}”下的新标签名称:").format(dimension.name))
        if not ok or not name.strip():
            return
        used = {label.color for label in dimension.labels}
        colour = next((c for c in LABEL_PALETTE if c not in used),
                      LABEL_PALETTE[len(dimension.labels) % len(LABEL_PALETTE)])
        self._write(lambda: self._service.create_label(dimension.id, name, colour),
                    lambda label: self.tr("已新建标签“{0}”").format(label.name), lambda label: ("label", label.id))

    def rename(self) -> None:
        dimension, label = self._selected()
        if dimension is None:
            return
        current = label.name if label else dimension.name
        name, ok = QInputDialog.getText(self, self.tr("重命名"), self.tr("新名称:"), text=current)
        if not ok or name.strip() == current:
            return
        if label is not None:
            self._write(lambda: self._service.rename_label(label.id, name),
                        lambda dto: self.tr("已改名为“{0}”").format(dto.name))
        else:
            self._write(lambda: self._service.rename_dimension(dimension.id, name),
                        lambda dto: self.tr("已改名为“{0}”").format(dto.name))

    def recolour(self) -> None:
        _dimension, label = self._selected()
        if label is None:
            return
        colour = QColorDialog.getColor(QColor(label.color), self, self.tr("“{0}”的颜色").format(label.name))
        if colour.isValid() and colour.name() != label.color:
            self._write(lambda: self._service.recolour_label(label.id, colour.name()),
                        lambda dto: self.tr("已更改“{0}”的颜色").format(dto.name))

    def toggle_multi(self) -> None:
        dimension, label = self._selected()
        if dimension is None or label is not None:
            return
        multi = not dimension.multi
        self._write(lambda: self._service.set_multi(dimension.id, multi),
                    lambda dto: (self.tr("“{0}”改为多选") if dto.multi else self.tr("“{0}”改为单选")).format(dto.name))

    def merge(self) -> None:
        dimension, label = self._selected()
        if dimension is None or label is None:
            return
        others = [other for other in dimension.labels if other.id != label.id]
        if not others:
            QMessageBox.information(self, self.tr("合并标签"),
                                    self.tr("“{0}”下没有别的标签可以合并。").format(dimension.name))
            return
        name, ok = QInputDialog.getItem(self, self.tr("合并标签"),
                                        self.tr("把“{0}”合并到:").format(label.name),
                                        [other.name for other in others], 0, False)
        target = next((other for other in others if other.name == name), None)
        if not ok or target is None:
            return
        used = self._usage.get(label.id, 0)
        if not self._confirm(self.tr("合并标签"), self.tr(
                "带“{0}”的 {1} 个群将改为带“{2}”, 然后删除“{0}”。此操作不能撤销, 继续吗?").format(
                label.name, used, target.name)):
            return
        self._write(lambda: self._service.merge_labels(label.id, target.id),
                    lambda n: self.tr("已把“{0}”合并到“{1}” ({2} 个群)").format(label.name, target.name, n),
                    lambda _n: ("label", target.id))

    def move(self, step: int) -> None:
        dimension, label = self._selected()
        if dimension is None:
            return
        if label is None:
            ids = [d.id for d in self._dimensions]
            moved = dimension.id
        else:
            ids = [other.id for other in dimension.labels]
            moved = label.id
        index = ids.index(moved)
        if not 0 <= index + step < len(ids):
            return
        ids[index], ids[index + step] = ids[index + step], ids[index]
        if label is None:
            self._write(lambda: self._service.reorder_dimensions(ids), lambda _r: self.tr("已调整维度顺序"))
        else:
            self._write(lambda: self._service.reorder_labels(dimension.id, ids),
                        lambda _r: self.tr("已调整标签顺序"))

    def delete(self) -> None:
        dimension, label = self._selected()
        if dimension is None:
            return
        if label is not None:
            used = self._usage.get(label.id, 0)
            question = (self.tr("标签“{0}”正被 {1} 个群使用, 删除后这些群将失去这个标签, "
                                "用它的自动分类规则也会一并删除。此操作不能撤销, 删除吗?").format(label.name, used)
                        if used else self.tr("删除标签“{0}”? 没有群在使用它。").format(label.name))
            if self._confirm(self.tr("删除标签"), question):
                self._write(lambda: self._service.delete_label(label.id, force=True),
                            lambda n: self.tr("已删除标签“{0}” ({1} 个群失去该标签)").format(label.name, n))
            return
        used = sum(self._usage.get(lbl.id, 0) for lbl in dimension.labels)
        if self._confirm(self.tr("删除维度"), self.tr(
                "删除维度“{0}”和它的 {1} 个标签? 群上共 {2} 处该维度的标签会被移除, "
                "用到这些标签的自动分类规则也会删除。此操作不能撤销。").format(
                dimension.name, len(dimension.labels), used)):
            self._write(lambda: self._service.delete_dimension(dimension.id),
                        lambda n: self.tr("已删除维度“{0}” ({1} 个群受影响)").format(dimension.name, n))

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _context_menu(self, position: Any) -> None:
        item = self.tree.itemAt(position)
        if item is not None:
            self.tree.setCurrentItem(item)
        menu = QMenu(self)
        for widget in (self.new_dimension_button, self.new_label_button, self.rename_button, self.colour_button,
                       self.multi_button, self.merge_button, self.delete_button):
            if widget.isEnabled():
                menu.addAction(widget.text(), widget.click)
        menu.exec(self.tree.viewport().mapToGlobal(position))
