"""Labels drawn as coloured chips inside a table cell."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.ui.models.groups_model import LABELS_ROLE

CHIP_PAD_X = 6
CHIP_GAP = 4
CHIP_MARGIN_Y = 4


def text_colour_on(background: QColor) -> QColor:
    luminance = 0.299 * background.red() + 0.587 * background.green() + 0.114 * background.blue()
    return QColor("#212121") if luminance > 160 else QColor("#ffffff")


class LabelChipsDelegate(QStyledItemDelegate):
    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        chips = index.data(LABELS_ROLE) or []
        style = option.widget.style() if option.widget else None
        if style is not None:  # selection background and focus, without the plain text
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            opt.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        if not chips:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(option.font)
        rect = option.rect
        x = rect.left() + CHIP_GAP
        height = min(metrics.height() + 4, rect.height() - 2 * CHIP_MARGIN_Y + 4)
        y = rect.top() + (rect.height() - height) / 2
        for name, colour in chips:
            width = metrics.horizontalAdvance(name) + 2 * CHIP_PAD_X
            if x + width > rect.right():
                painter.setPen(option.palette.text().color())
                painter.drawText(QRectF(x, y, rect.right() - x, height), Qt.AlignmentFlag.AlignVCenter, "…")
                break
            background = QColor(colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(background)
            chip = QRectF(x, y, width, height)
            painter.drawRoundedRect(chip, height / 2, height / 2)
            painter.setPen(text_colour_on(background))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, name)
            x += width + CHIP_GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        chips = index.data(LABELS_ROLE) or []
        metrics = QFontMetrics(option.font)
        width = sum(metrics.horizontalAdvance(name) + 2 * CHIP_PAD_X + CHIP_GAP for name, _ in chips)
        return QSize(width + CHIP_GAP, metrics.height() + 2 * CHIP_MARGIN_Y)
