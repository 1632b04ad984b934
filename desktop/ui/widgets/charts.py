"""The dashboard's charts, drawn with pyqtgraph. Imported only when the dashboard is first shown, so the
window opens without paying for pyqtgraph (and numpy's plotting paths).

Every chart is static (no pan or zoom: an operator looks, a drag would only lose the picture), shows a
readout with exact values under the mouse, and draws each series as one item: bars of a chart are one
BarGraphItem with per-bar brushes, never one item per bar.

X positions are day (or category) indexes with our own tick labels, so dates read "11-05" and names
read in Chinese instead of pyqtgraph's timestamps.

A chart makes its items once and a new period only gives them new data (``setData`` / ``setOpts``);
text labels come from a pool (``LabelPool``). Re-creating the items and some 50 text labels on every
period change cost about 40 ms.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QFontMetrics

from desktop.domain.group_detail import yuan

pg.setConfigOptions(antialias=True, background="w", foreground="#455a64", useNumba=False)

#: one colour per meaning, the same in every chart
COLOURS = {
    "messages": "#1e88e5", "active": "#00897b", "average": "#0d47a1", "active_average": "#004d40",
    "joins": "#43a047", "leaves": "#e53935", "net": "#37474f", "gmv": "#fb8c00", "orders": "#6a1b9a",
    "top": "#1e88e5", "dormant": "#90a4ae", "never": "#cfd8dc", "funnel": "#5c6bc0",
}
#: compare series (the label palette's strong colours, so a compared segment looks like its labels)
COMPARE_COLOURS = ("#e53935", "#8e24aa", "#fb8c00", "#00897b", "#3949ab")
PLATFORM_COLOURS = {
    "wechat": "#07c160", "wecom": "#2b7de9", "qq": "#12b7f5", "douyin": "#222222", "xiaohongshu": "#ff2442",
    "weibo": "#e6162d", "dingtalk": "#0089ff", "feishu": "#3370ff", "other": "#9e9e9e",
}
TIER_COLOURS = {"prospect": "#b0bec5", "fan": "#64b5f6", "member": "#1e88e5", "partner": "#0d47a1"}
READOUT_STYLE = ("background-color: rgba(255,255,255,235); border: 1px solid #b0bec5; padding: 4px; "
                 "color: #263238;")


def _t(text: str) -> str:
    return QCoreApplication.translate("Charts", text)


def axis_font() -> QFont:
    font = QFont()
    font.setPointSize(9)
    return font


def day_ticks(days: Sequence[date], max_labels: int = 8) -> list[tuple[float, str]]:
    """Tick labels for day indexes: about ``max_labels`` of them, on whole weeks when the period is long."""
    n = len(days)
    if n == 0:
        return []
    step = 1
    for candidate in (1, 2, 3, 7, 14, 28, 56, 91):
        step = candidate
        if n / candidate <= max_labels:
            break
    years = {d.year for d in days}
    fmt = "%m-%d" if len(years) == 1 else "%Y-%m-%d"
    # count back from the last day so today (or the period's end) always has its label
    return [(float(i), days[i].strftime(fmt)) for i in range(n - 1, -1, -step)][::-1]


def elide(text: str, limit: int = 10) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: room for values up to "100,000" and a rotated axis title at the axis font
AXIS_WIDTH = 64
AXIS_HEIGHT = 26


class Chart(pg.PlotWidget):
    """A static plot with a hover readout; subclasses say what the readout shows for a position."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent=parent)
        self.setMinimumHeight(220)
        self.setAntialiasing(True)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=False, y=True, alpha=0.08)
        for name in ("left", "bottom", "right"):
            axis = item.getAxis(name)
            axis.setStyle(tickFont=axis_font(), tickLength=-4)
            axis.setTextPen(pg.mkPen("#546e7a"))
        # fixed sizes: axes that size themselves to their tick text grow during the first paint and
        # make pyqtgraph lay out and paint the chart three or four times over
        bottom = item.getAxis("bottom")
        bottom.setHeight(AXIS_HEIGHT)
        # the last day's label reaches past the plot under a right-hand axis: draw it anyway
        bottom.setStyle(hideOverlappingLabels=False)
        for name in ("left", "right"):
            item.getAxis(name).setWidth(AXIS_WIDTH)
        self.readout = pg.TextItem(anchor=(0, 1))
        self.readout.setZValue(100)
        self.readout.hide()
        item.addItem(self.readout, ignoreBounds=True)
        self.scene().sigMouseMoved.connect(self._mouse_moved)

    # -------------------------------------------------------------- hover
    def hover_text(self, x: float, y: float) -> str | None:
        """HTML for the readout at view position (x, y); None hides it."""
        return None

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        box = self.getPlotItem().vb
        if not box.sceneBoundingRect().contains(scene_pos):
            self.readout.hide()
            return
        point = box.mapSceneToView(scene_pos)
        self.show_readout(point.x(), point.y())

    def show_readout(self, x: float, y: float) -> str | None:
        """Show the readout for a view position; returns its text (for tests and accessibility)."""
        html = self.hover_text(x, y)
        if not html:
            self.readout.hide()
            return None
        self.readout.setHtml(f"<div style='{READOUT_STYLE}'>{html}</div>")
        (x0, x1), (y0, y1) = self.getPlotItem().vb.viewRange()
        # keep the readout inside the plot: left of the mouse in the right half, below it in the top half
        self.readout.setAnchor((1 if x > (x0 + x1) / 2 else 0, 0 if y > (y0 + y1) / 2 else 1))
        self.readout.setPos(x, y)
        self.readout.show()
        return self.readout.textItem.toPlainText()

    def set_bottom_ticks(self, ticks: list[tuple[float, str]]) -> None:
        self.getPlotItem().getAxis("bottom").setTicks([ticks])

    def set_left_ticks(self, ticks: list[tuple[float, str]] | None) -> None:
        """Named ticks on the left axis, which is made wide enough for the longest name (pyqtgraph
        would otherwise drop the names that do not fit)."""
        axis = self.getPlotItem().getAxis("left")
        axis.setTicks([ticks] if ticks is not None else None)
        if ticks:
            metrics = QFontMetrics(axis_font())
            axis.setWidth(max(metrics.horizontalAdvance(text) for _v, text in ticks) + 14)


class DualAxisChart(Chart):
    """A chart with a second value axis on the right (messages left, active members right)."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        item = self.getPlotItem()
        self.right = pg.ViewBox(enableMouse=False)
        self.right.setMenuEnabled(False)
        item.showAxis("right")
        item.scene().addItem(self.right)
        item.getAxis("right").linkToView(self.right)
        self.right.setXLink(item.vb)
        item.vb.sigResized.connect(self._sync)

    def _sync(self) -> None:
        box = self.getPlotItem().vb
        self.right.setGeometry(box.sceneBoundingRect())
        self.right.linkedViewChanged(box, self.right.XAxis)

    def add_right(self, item: pg.GraphicsObject) -> None:
        self.right.addItem(item)
        self.right.enableAutoRange(axis=pg.ViewBox.YAxis)


def _line(colour: str, *, width: float = 2, dash: bool = False, name: str | None = None) -> pg.PlotDataItem:
    """One series as one item (its data comes with ``_set_line``)."""
    pen = pg.mkPen(colour, width=width, style=Qt.PenStyle.DashLine if dash else Qt.PenStyle.SolidLine)
    return pg.PlotDataItem(pen=pen, name=name, connect="finite", symbol=None, symbolSize=6, symbolBrush=colour,
                         symbolPen=None)


def _set_line(line: pg.PlotDataItem, values: Sequence[float | None], *, symbols: bool = False) -> bool:
    """New values for a line; None values leave gaps (connect='finite'). A line with no value at all
    is hidden (an all-gap line has no bounds to draw); returns whether it is shown."""
    y = np.array([np.nan if v is None else float(v) for v in values], dtype=float)
    if not np.isfinite(y).any():
        line.setData([], [])
        line.hide()
        return False
    line.setData(np.arange(len(y), dtype=float), y)
    line.setSymbol("o" if symbols else None)
    line.show()
    return True


class LabelPool:
    """Text labels written on a chart, made once and reused: a new period moves and re-words them."""

    def __init__(self, plot: pg.PlotItem, anchor: tuple[float, float]) -> None:
        self._plot = plot
        self._anchor = anchor
        self.labels: list[pg.TextItem] = []

    def show(self, texts: Sequence[str], positions: Sequence[tuple[float, float]],
             anchor: tuple[float, float] | None = None) -> None:
        while len(self.labels) < len(texts):
            label = pg.TextItem(color="#263238", anchor=self._anchor)
            label.setFont(axis_font())
            self._plot.addItem(label, ignoreBounds=True)
            self.labels.append(label)
        for label, text, (x, y) in zip(self.labels, texts, positions, strict=False):
            if anchor is not None:
                label.setAnchor(anchor)
            if label.textItem.toPlainText() != text:
                label.setText(text)
            label.setPos(x, y)
            label.show()
        for label in self.labels[len(texts):]:
            label.hide()


_BRUSHES: dict[str, QBrush] = {}


def _brush(colour: str) -> QBrush:
    brush = _BRUSHES.get(colour)
    if brush is None:
        brush = _BRUSHES[colour] = pg.mkBrush(colour)
    return brush


# ------------------------------------------------------------------------------------------------------
# the charts


class TrendChart(DualAxisChart):
    """Messages (left axis) and active members (right axis) per day with trailing 7-day averages; or, when
    comparing, each compared group's or segment's messages per day."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        item = self.getPlotItem()
        self.legend = item.addLegend(offset=(8, 4), labelTextSize="9pt", colCount=4)
        self._days: Sequence[date] = ()
        self._rows: list[tuple[str, Sequence[float | None], Callable[[float], str]]] = []
        self._legend_shown: list[tuple[int, str]] = []
        self._comparing: bool | None = None
        self.messages = _line(COLOURS["messages"])
        self.messages_avg = _line(COLOURS["average"], width=1.5, dash=True)
        self.active = _line(COLOURS["active"])
        self.active_avg = _line(COLOURS["active_average"], width=1.5, dash=True)
        item.addItem(self.messages)
        item.addItem(self.messages_avg)
        self.add_right(self.active)
        self.add_right(self.active_avg)
        self.compared: list[pg.PlotDataItem] = []

    def _set_legend(self, entries: list[tuple[pg.GraphicsObject, str]]) -> None:
        """The legend's entries, rebuilt only when they change."""
        key = [(id(line), text) for line, text in entries]
        if key == self._legend_shown:
            return
        self.legend.clear()
        for line, text in entries:
            self.legend.addItem(line, text)
        self._legend_shown = key

    def _set_mode(self, comparing: bool) -> None:
        if self._comparing is comparing:
            return
        self._comparing = comparing
        item = self.getPlotItem()
        for line in (self.messages, self.messages_avg, self.active, self.active_avg):
            line.setVisible(not comparing)
        for line in self.compared:
            line.setVisible(comparing)
        if comparing:
            item.getAxis("left").setLabel(_t("消息数"), color="#455a64")
            item.getAxis("right").setLabel("")
            item.getAxis("right").hide()
        else:
            item.getAxis("left").setLabel(_t("消息数"), color=COLOURS["messages"])
            item.getAxis("right").setLabel(_t("活跃成员"), color=COLOURS["active"])
            item.getAxis("right").show()

    def show_trend(self, days: Sequence[date], messages: Sequence[int], active: Sequence[int],
                   messages_avg: Sequence[float | None], active_avg: Sequence[float | None]) -> None:
        self._set_mode(False)
        self.readout.hide()
        self._days = days
        few = len(days) <= 2  # one or two days: dots, a line needs more
        item = self.getPlotItem()
        _set_line(self.messages, messages, symbols=few)
        with_average = _set_line(self.messages_avg, messages_avg)
        _set_line(self.active, active, symbols=few)
        _set_line(self.active_avg, active_avg)
        self._set_legend([(self.messages, _t("消息数"))]
                         + ([(self.messages_avg, _t("消息 7日均线"))] if with_average else [])
                         + [(self.active, _t("活跃成员 (右轴)"))])
        self.set_bottom_ticks(day_ticks(days))
        item.setXRange(-0.5, len(days) - 0.5, padding=0.02)
        self.right.setYRange(0, max([*active, 1]) * 1.1)
        item.setYRange(0, max([*messages, 1]) * 1.1)
        fmt_int: Callable[[float], str] = lambda v: f"{v:,.0f}"  # noqa: E731
        fmt_avg: Callable[[float], str] = lambda v: f"{v:,.1f}"  # noqa: E731
        self._rows = [(_t("消息数"), messages, fmt_int), (_t("消息 7日均线"), messages_avg, fmt_avg),
                      (_t("活跃成员"), active, fmt_int), (_t("活跃 7日均线"), active_avg, fmt_avg)]

    def show_compare(self, days: Sequence[date], series: Sequence[tuple[str, Sequence[int]]]) -> None:
        self._set_mode(True)
        self.readout.hide()
        self._days = days
        item = self.getPlotItem()
        few = len(days) <= 2
        series = list(series)[:len(COMPARE_COLOURS)]
        while len(self.compared) < len(series):
            line = _line(COMPARE_COLOURS[len(self.compared)])
            item.addItem(line)
            self.compared.append(line)
        self._rows = []
        for line, (name, values) in zip(self.compared, series, strict=False):
            _set_line(line, values, symbols=few)
            self._rows.append((name, values, lambda v: f"{v:,.0f}"))
        for line in self.compared[len(series):]:
            line.hide()
        self._set_legend([(line, elide(name, 14)) for line, (name, _v) in zip(self.compared, series, strict=False)])
        self.set_bottom_ticks(day_ticks(days))
        item.setXRange(-0.5, len(days) - 0.5, padding=0.02)
        peak = max((max(v) for _n, v in series if len(v)), default=1)
        item.setYRange(0, max(peak, 1) * 1.1)

    def hover_text(self, x: float, y: float) -> str | None:
        i = round(x)
        if not self._days or not 0 <= i < len(self._days):
            return None
        lines = [f"<b>{self._days[i].isoformat()} {weekday_name(self._days[i].weekday())}</b>"]
        for name, values, fmt in self._rows:
            value = values[i] if i < len(values) else None
            lines.append(f"{name}: {fmt(value) if value is not None else '—'}")
        return "<br>".join(lines)


#: horizontal bar charts reserve at least this many rows
MIN_ROWS = 6
def weekday_name(weekday: int) -> str:
    """周一 .. 周日 for 0 .. 6, translated (each literal is listed so lupdate finds it)."""
    return (_t("周一"), _t("周二"), _t("周三"), _t("周四"), _t("周五"), _t("周六"), _t("周日"))[weekday]


class HeatmapChart(Chart):
    """Messages by weekday (rows, Monday on top) and hour (columns)."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        item = self.getPlotItem()
        item.showGrid(x=False, y=False)
        item.invertY(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(pg.ColorMap([0.0, 0.5, 1.0], ["#f5f9ff", "#64b5f6", "#0d47a1"]))
        item.addItem(self.image)
        self._counts: np.ndarray = np.zeros((7, 24))
        self.set_left_ticks([(i + 0.5, weekday_name(i)) for i in range(7)])
        self.set_bottom_ticks([(h + 0.5, _t("{0}时").format(h)) for h in range(0, 24, 3)])
        item.setXRange(0, 24, padding=0)
        item.setYRange(0, 7, padding=0)

    def show_counts(self, counts: Sequence[Sequence[int]]) -> None:
        self._counts = np.array(counts, dtype=float).reshape(7, 24)
        peak = float(self._counts.max()) or 1.0
        self.image.setImage(self._counts, levels=(0, peak))
        self.image.setRect(0, 0, 24, 7)

    def hover_text(self, x: float, y: float) -> str | None:
        hour, weekday = int(np.floor(x)), int(np.floor(y))
        if not (0 <= hour < 24 and 0 <= weekday < 7):
            return None
        n = int(self._counts[weekday, hour])
        return _t("{0} {1}:00–{2}:00<br>消息 {3} 条").format(weekday_name(weekday), hour, hour + 1, f"{n:,}")


class GrowthChart(Chart):
    """Joins up, leaves down (one bar item), and the net change as a line."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        item = self.getPlotItem()
        legend = item.addLegend(offset=(8, 4), labelTextSize="9pt", colCount=3)
        self._labels: list[str] = []
        self._values: list[tuple[int, int, int]] = []
        self._brushes = pg.mkBrush(COLOURS["joins"]), pg.mkBrush(COLOURS["leaves"])
        self.bars = pg.BarGraphItem(x=np.zeros(0), height=np.zeros(0), width=0.7, brushes=[], pen=None)
        self.net = _line(COLOURS["net"], width=2)
        item.addItem(self.bars)
        item.addItem(self.net)
        legend.addItem(self.net, _t("净增"))
        legend.addItem(pg.BarGraphItem(x=[0], height=[0], width=0, brush=COLOURS["joins"]), _t("入群"))
        legend.addItem(pg.BarGraphItem(x=[0], height=[0], width=0, brush=COLOURS["leaves"]), _t("退群"))

    def show_growth(self, labels: Sequence[str], ticks: list[tuple[float, str]],
                    values: Sequence[tuple[int, int, int]]) -> None:
        self.readout.hide()
        self._labels, self._values = list(labels), list(values)
        n = len(values)
        x = np.arange(n, dtype=float)
        joins = np.array([v[0] for v in values], dtype=float)
        leaves = np.array([v[1] for v in values], dtype=float)
        item = self.getPlotItem()
        joined, left = self._brushes
        self.bars.setOpts(x=np.concatenate([x, x]), height=np.concatenate([joins, -leaves]),
                          brushes=[joined] * n + [left] * n)
        _set_line(self.net, [float(v[2]) for v in values], symbols=n <= 2)
        self.set_bottom_ticks(ticks)
        item.setXRange(-0.5, n - 0.5, padding=0.02)
        top = max(float(joins.max()) if n else 1.0, 1.0)
        bottom = float(leaves.max()) if n else 0.0
        item.setYRange(-bottom * 1.1, top * 1.15)

    def hover_text(self, x: float, y: float) -> str | None:
        i = round(x)
        if not 0 <= i < len(self._values):
            return None
        joins, leaves, net = self._values[i]
        return _t("<b>{0}</b><br>入群 {1}<br>退群 {2}<br>净增 {3}").format(
            self._labels[i], f"{joins:,}", f"{leaves:,}", f"{net:+,}")


class MoneyChart(DualAxisChart):
    """GMV per day as bars (left, yuan) and orders per day as a line (right)."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        item = self.getPlotItem()
        legend = item.addLegend(offset=(8, 4), labelTextSize="9pt", colCount=2)
        self._days: Sequence[date] = ()
        self._gmv: Sequence[int] = ()
        self._orders: Sequence[int] = ()
        self.bars = pg.BarGraphItem(x=np.zeros(0), height=np.zeros(0), width=0.7, brush=COLOURS["gmv"], pen=None)
        self.line = _line(COLOURS["orders"])
        item.addItem(self.bars)
        self.add_right(self.line)
        item.getAxis("left").setLabel(_t("成交额 (元)"), color=COLOURS["gmv"])
        item.getAxis("right").setLabel(_t("订单数"), color=COLOURS["orders"])
        legend.addItem(self.bars, _t("成交额"))
        legend.addItem(self.line, _t("订单数 (右轴)"))

    def show_money(self, days: Sequence[date], gmv_cents: Sequence[int], orders: Sequence[int]) -> None:
        self.readout.hide()
        self._days, self._gmv, self._orders = days, gmv_cents, orders
        item = self.getPlotItem()
        yuan = np.array(gmv_cents, dtype=float) / 100
        self.bars.setOpts(x=np.arange(len(days), dtype=float), height=yuan)
        _set_line(self.line, orders, symbols=len(days) <= 2)
        self.set_bottom_ticks(day_ticks(days))
        item.setXRange(-0.5, len(days) - 0.5, padding=0.02)
        item.setYRange(0, max(float(yuan.max()) if len(yuan) else 1.0, 1.0) * 1.15)
        self.right.setYRange(0, max([*orders, 1]) * 1.15)

    def hover_text(self, x: float, y: float) -> str | None:
        i = round(x)
        if not 0 <= i < len(self._days):
            return None
        return _t("<b>{0}</b><br>成交额 {1}<br>订单 {2} 笔").format(
            self._days[i].isoformat(), yuan(self._gmv[i]), f"{self._orders[i]:,}")


class BarsChart(Chart):
    """Horizontal bars with names on the left (the first on top), one item; a click names the bar."""

    bar_clicked = Signal(int)  # the bar's index

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        item = self.getPlotItem()
        item.invertY(True)
        item.showGrid(x=True, y=False, alpha=0.08)
        self._names: list[str] = []
        self._values: list[float] = []
        self._details: list[str] = []
        self._centred = False
        self.bars = pg.BarGraphItem(x0=np.zeros(0), y=np.zeros(0), width=np.zeros(0), height=0.66, brushes=[],
                                    pen=None)
        item.addItem(self.bars)
        self.labels = LabelPool(item, (0, 0.5))
        self.scene().sigMouseClicked.connect(self._clicked)

    def show_bars(self, names: Sequence[str], values: Sequence[float], details: Sequence[str],
                  colours: Sequence[str] | str, *, centred: bool = False, value_labels: Sequence[str] = (),
                  name_limit: int = 10) -> None:
        """``centred`` draws a funnel (bars centred on zero); ``value_labels`` are written at the bars' ends."""
        self.readout.hide()
        self._names, self._values, self._details, self._centred = list(names), list(values), list(details), centred
        n = len(values)
        widths = np.array(values, dtype=float)
        y = np.arange(n, dtype=float)
        x0 = -widths / 2 if centred else np.zeros(n)
        brushes = [_brush(c) for c in ([colours] * n if isinstance(colours, str) else colours)]
        item = self.getPlotItem()
        self.bars.setOpts(x0=x0, y=y, width=widths, brushes=brushes)
        peak = max(float(widths.max()) if n else 1.0, 1.0)
        self.labels.show(value_labels, [(0.0 if centred else widths[i] + peak * 0.01, float(i))
                                        for i in range(len(value_labels))],
                         anchor=(0.5, 0.5) if centred else (0, 0.5))
        self.set_left_ticks([(float(i), elide(name, name_limit)) for i, name in enumerate(names)])
        item.getAxis("bottom").setStyle(showValues=not centred)
        if centred:
            item.setXRange(-peak / 2, peak / 2, padding=0.05)
        else:
            item.setXRange(0, peak * 1.18, padding=0)
        # a few bars stay bar-shaped instead of filling the whole chart
        item.setYRange(-0.6, max(n, MIN_ROWS) - 0.4, padding=0)

    def index_at(self, x: float, y: float) -> int | None:
        i = round(y)
        if not 0 <= i < len(self._values) or abs(y - i) > 0.4:
            return None
        return i

    def hover_text(self, x: float, y: float) -> str | None:
        i = self.index_at(x, y)
        if i is None:
            return None
        return f"<b>{self._names[i]}</b><br>{self._details[i]}"

    def bar_centre(self, index: int) -> QPointF:
        """Where bar ``index`` is, in view coordinates (tests click there)."""
        value = self._values[index]
        return QPointF(0.0 if self._centred else max(value / 2, 0.0), float(index))

    def _clicked(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.button() != Qt.MouseButton.LeftButton:
            return
        box = self.getPlotItem().vb
        if not box.sceneBoundingRect().contains(event.scenePos()):
            return
        point = box.mapSceneToView(event.scenePos())
        index = self.index_at(point.x(), point.y())
        if index is not None:
            self.bar_clicked.emit(index)


class ColumnsChart(Chart):
    """Vertical bars over named categories (tiers), one item."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._names: list[str] = []
        self._details: list[str] = []
        item = self.getPlotItem()
        self.bars = pg.BarGraphItem(x=np.zeros(0), height=np.zeros(0), width=0.6, brushes=[], pen=None)
        item.addItem(self.bars)
        self.labels = LabelPool(item, (0.5, 1))

    def show_columns(self, names: Sequence[str], values: Sequence[float], details: Sequence[str],
                     colours: Sequence[str]) -> None:
        self.readout.hide()
        self._names, self._details = list(names), list(details)
        n = len(values)
        heights = np.array(values, dtype=float)
        item = self.getPlotItem()
        self.bars.setOpts(x=np.arange(n, dtype=float), height=heights, brushes=[_brush(c) for c in colours])
        peak = max(float(heights.max()) if n else 1.0, 1.0)
        self.labels.show([f"{value:,.0f}" for value in values], [(float(i), float(v)) for i, v in enumerate(values)])
        self.set_bottom_ticks([(float(i), name) for i, name in enumerate(names)])
        item.setXRange(-0.6, n - 0.4, padding=0)
        item.setYRange(0, peak * 1.2, padding=0)

    def hover_text(self, x: float, y: float) -> str | None:
        i = round(x)
        if not 0 <= i < len(self._names) or abs(x - i) > 0.35:
            return None
        return f"<b>{self._names[i]}</b><br>{self._details[i]}"
