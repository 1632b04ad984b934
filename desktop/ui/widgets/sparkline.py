"""A sparkline inside a table cell: the last 30 days' messages as one polyline.

Painted with QPainter from values the model already holds (read in one query with the group list);
a chart widget per cell would cost a widget per row and scroll like one.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QSize
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.ui.models.groups_model import SPARK_ROLE

LINE = QColor("#1e88e5")
QUIET = QColor("#b0bec5")
PAD_X, PAD_Y = 6, 6
#: the line never stretches wider than this, so a wide column stays readable
MAX_WIDTH = 150


def sparkline_points(values: tuple[int, ...], left: float, top: float, width: float,
                     height: float) -> list[QPointF]:
    """The values as points in a box, the highest day touching the top and zero on the bottom."""
    n = len(values)
    if n == 0:
        return []
    peak = max(max(values), 1)
    step = width / (n - 1) if n > 1 else 0.0
    return [QPointF(left + i * step, top + height - height * v / peak) for i, v in enumerate(values)]


class SparklineDelegate(QStyledItemDelegate):
    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        style = option.widget.style() if option.widget else None
        if style is not None:  # selection background and focus, without text
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            opt.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        values = tuple(index.data(SPARK_ROLE) or ())
        rect = option.rect
        width = min(rect.width() - 2 * PAD_X, MAX_WIDTH)
        height = rect.height() - 2 * PAD_Y
        if width < 8 or height < 4:
            return
        left, top = rect.left() + PAD_X, rect.top() + PAD_Y
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not any(values):  # quiet for 30 days: a flat grey line on the floor
            painter.setPen(QPen(QUIET, 1))
            painter.drawLine(QPointF(left, top + height), QPointF(left + width, top + height))
        else:
            points = sparkline_points(values, left, top, width, height)
            painter.setPen(QPen(LINE, 1.3))
            painter.drawPolyline(QPolygonF(points))
            painter.setPen(QPen(LINE, 3))
            painter.drawPoint(points[-1])  # today
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(110, 24)
