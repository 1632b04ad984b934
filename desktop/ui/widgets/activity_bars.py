"""The last days of a group as one small bar chart (messages per day), painted directly.

A QPainter widget, not pyqtgraph: it shows in every group's detail and must cost nothing to open.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from desktop.domain.group_detail import ActivitySummary

BAR_COLOUR = QColor("#1e88e5")
EMPTY_COLOUR = QColor("#e0e0e0")


class ActivityBars(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summary: ActivitySummary | None = None
        self.setMouseTracking(True)
        self.setMinimumHeight(60)

    def sizeHint(self) -> QSize:
        return QSize(300, 70)

    def set_summary(self, summary: ActivitySummary | None) -> None:
        self._summary = summary
        self.update()

    def _bar_at(self, x: float) -> int | None:
        if not self._summary or not self._summary.days:
            return None
        index = int(x / max(self.width(), 1) * len(self._summary.days))
        return min(max(index, 0), len(self._summary.days) - 1)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        days = self._summary.days if self._summary else ()
        if not days:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("暂无活跃数据"))
            return
        peak = max(d.messages for d in days) or 1
        width = self.width() / len(days)
        height = self.height() - 2
        for i, day in enumerate(days):
            bar = max(2.0, height * day.messages / peak) if day.messages else 2.0
            painter.fillRect(
                QRectF(i * width + 1, self.height() - bar, max(width - 2, 1), bar),
                BAR_COLOUR if day.messages else EMPTY_COLOUR,
            )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self._bar_at(event.position().x())
        if index is None or self._summary is None:
            return
        day = self._summary.days[index]
        QToolTip.showText(
            self.mapToGlobal(QPoint(int(event.position().x()), 0)),
            self.tr("{0}\n消息 {1} · 活跃 {2} 人\n进群 {3} · 退群 {4}").format(
                day.day.isoformat(), day.messages, day.active_members, day.joins, day.leaves
            ),
            self,
        )
