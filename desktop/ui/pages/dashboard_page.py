"""The Dashboard (看板): KPI cards for a period and scope, and the charts behind them.

pyqtgraph is imported the first time the page is shown (desktop.ui.widgets.charts), never at start-up.
Figures come from DashboardService on a worker in four jobs, so the cards and the first screenful's
charts paint before the slower parts: ``overview`` (cards, trend, growth, money), then ``heatmap``
followed by ``group_charts`` (top/dormant, platforms), and ``people`` (funnel and tiers: a pass over the
memberships) beside them. A newer request makes older answers stale (a serial number). When
``data_changed`` says the data moved, a visible page recomputes; a hidden one only remembers to, and
does so when shown.

A chart's plot widget is made the first time the chart has something to draw, and a chart outside the
scroll area's viewport is drawn after the visible ones have painted, one per turn of the event loop
(``_plot``): the first paint builds and draws only what the operator can see.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QMarginsF,
    QObject,
    QPoint,
    QRect,
    QSizeF,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import settings as keys
from desktop.domain.dashboard import (
    COMPARE_MAX,
    PERIOD_PRESETS,
    CompareTarget,
    Dashboard,
    GroupCharts,
    Heatmap,
    KpiReport,
    People,
    PeriodState,
    Scope,
    ScopeKind,
    preset_period,
)
from desktop.domain.enums import Platform, Tier
from desktop.domain.reports import FIGURE_KEYS, Figure, FigureUnit, ReportPeriod
from desktop.settings import Settings
from desktop.ui.labels import platform_name, tier_name
from desktop.ui.pages.reports_page import (
    BAD,
    MUTED,
    TargetsDialog,
    change_colour,
    clean_targets,
    date_edit,
    figure_label,
    format_change,
    format_value,
    load_targets,
    progress_colour,
    pydate,
    qdate,
    save_targets,
)
from desktop.workers.tasks import TaskRunner, error_message, full_collections

if TYPE_CHECKING:  # the service modules pull in SQLAlchemy; the window must paint before that
    from desktop.services.dashboard import DashboardService, ScopeChoices

#: data kinds whose change cannot move a figure on the dashboard
IGNORED_CHANGES = frozenset({"rules", "dimensions", "labels", "tags", "templates", "channels", "broadcasts",
                             "deliveries"})
class _HoldState:
    """Whether this page holds full collections (kept outside the widget: released on destruction)."""

    def __init__(self) -> None:
        self.held = False

    def hold(self) -> None:
        if not self.held:
            self.held = True
            full_collections.hold()

    def release_if_held(self) -> None:
        if self.held:
            self.held = False
            full_collections.release()


#: the chart cards, in reading order (two per row)
CHARTS = ("trend", "heatmap", "growth", "money", "top", "dormant", "funnel", "tiers", "platforms")
#: plot heights: twenty named bars need about 22 px each
CHART_HEIGHTS = {"top": 480, "dormant": 480}


# --------------------------------------------------------------------------------------------------
# targets: per period preset; a custom range uses the boss report's


def load_dashboard_targets(settings: Settings, preset: str) -> dict[str, float]:
    """The targets for a preset; anything unreadable, unknown or not positive is left out."""
    if preset not in PERIOD_PRESETS:
        return load_targets(settings)
    try:
        data = json.loads(settings.get(keys.DASHBOARD_TARGETS) or "{}")
    except ValueError:
        return {}
    return clean_targets(data.get(preset) if isinstance(data, dict) else None)


def save_dashboard_targets(settings: Settings, preset: str, targets: dict[str, float]) -> None:
    if preset not in PERIOD_PRESETS:
        save_targets(settings, targets)
        return
    try:
        data = json.loads(settings.get(keys.DASHBOARD_TARGETS) or "{}")
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    data[preset] = targets
    settings.set(keys.DASHBOARD_TARGETS, json.dumps(data, sort_keys=True))


# --------------------------------------------------------------------------------------------------
# cards


class KpiCard(QFrame):
    """One figure: its value, the change against the previous period, and progress against the target."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"kpi_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("KpiCard { background: white; border: 1px solid #e0e0e0; border-radius: 6px; }")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title = QLabel(figure_label(key))
        self.title.setStyleSheet(f"color: {MUTED};")
        self.value = QLabel("—")
        self.value.setObjectName("value")
        self.value.setStyleSheet("font-size: 20px; font-weight: 600; color: #263238;")
        self.change = QLabel()
        self.change.setObjectName("change")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress.setRange(0, 100)
        self.target = QLabel()
        self.target.setObjectName("target")
        self.target.setStyleSheet(f"color: {MUTED}; font-size: 11px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        for widget in (self.title, self.value, self.change, self.progress, self.target):
            layout.addWidget(widget)

    def show_figure(self, f: Figure, previous_label: str) -> None:
        self.value.setText(format_value(f.current, f.unit))
        colour = change_colour(f) or MUTED
        self.change.setText(self.tr("{0}  较上期").format(format_change(f.change)))
        self.change.setStyleSheet(f"color: {colour};")
        self.change.setToolTip(self.tr("上期 ({0}): {1}").format(previous_label, format_value(f.previous, f.unit)))
        progress = f.progress
        if f.target is None:
            self.target.setText(self.tr("未设目标"))
            self.progress.hide()
        elif progress is None:  # a target of zero: nothing meaningful to measure against
            self.target.setText(self.tr("目标为 0, 不计完成度"))
            self.progress.hide()
        else:
            self.progress.show()
            self.progress.setValue(min(100, round(progress * 100)))
            bar = progress_colour(f) or "#1e88e5"
            self.progress.setStyleSheet(f"QProgressBar::chunk {{ background: {bar}; }}")
            self.target.setText(self.tr("目标 {0} · 完成 {1:.0f}%").format(format_value(f.target, f.unit),
                                                                        progress * 100))


class ChartCard(QFrame):
    """A chart with its title, a one-line hint, a PNG export button and a calm empty state."""

    export_requested = Signal(str)  # the chart's name

    def __init__(self, name: str, title: str, parent: QWidget | None = None,
                 factory: Callable[[], QWidget] | None = None, height: int = 300) -> None:
        super().__init__(parent)
        self.name = name
        self._factory = factory
        self._height = height
        self.setObjectName(f"chart_{name}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("ChartCard { background: white; border: 1px solid #e0e0e0; border-radius: 6px; }")
        self.title = QLabel(title)
        self.title.setStyleSheet("font-weight: 600; color: #263238;")
        self.hint = QLabel()
        self.hint.setStyleSheet(f"color: {MUTED}; font-size: 11px;")
        self.hint.setWordWrap(True)
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("导出 PNG"))
        self.export_button.setAutoRaise(True)
        self.export_button.setToolTip(self.tr("把这张图存成 PNG 图片"))
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.name))
        self.empty = QLabel()
        self.empty.setObjectName("empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {MUTED}; padding: 24px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        if factory is not None:  # the plot comes later: keep its place so the layout does not jump
            self.stack.setFixedHeight(height)
        self.chart: Any = None
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.hint)
        layout.addWidget(self.stack, 1)

    def set_chart(self, chart: QWidget, height: int) -> None:
        """The chart, at a fixed height: a plot's size hint is far taller than a dashboard row should be."""
        self.chart = chart
        chart.setFixedHeight(height)
        self.stack.setFixedHeight(height)
        self.stack.addWidget(chart)

    def ensure_chart(self) -> Any:
        """The plot widget, made by the card's factory the first time it is needed."""
        if self.chart is None and self._factory is not None:
            self.set_chart(self._factory(), self._height)
        return self.chart

    def show_chart(self, hint: str = "") -> None:
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.stack.setCurrentWidget(self.chart)

    def show_empty(self, text: str) -> None:
        self.hint.hide()
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    @property
    def showing_chart(self) -> bool:
        return self.chart is not None and self.stack.currentWidget() is self.chart


# --------------------------------------------------------------------------------------------------
# compare


class CompareDialog(QDialog):
    """Pick up to COMPARE_MAX groups or saved segments to overlay on the activity trend."""

    def __init__(self, choices: ScopeChoices, chosen: list[CompareTarget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("对比群或分组"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("搜索群名或分组名"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.limit = QLabel(self.tr("最多选 {0} 个, 画在活跃趋势图上。").format(COMPARE_MAX))
        self.limit.setStyleSheet(f"color: {MUTED};")
        picked = {(t.kind, t.id) for t in chosen}
        for kind, options in ((ScopeKind.SEGMENT, choices.segments), (ScopeKind.GROUP, choices.groups)):
            for option in options:
                text = (self.tr("分组 · {0}") if kind is ScopeKind.SEGMENT else "{0}").format(option.label)
                item = QListWidgetItem(text)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if (kind, option.id) in picked else Qt.CheckState.Unchecked)
                item.setData(Qt.ItemDataRole.UserRole, CompareTarget(kind, option.id, option.label))
                self.list.addItem(item)
        self.list.itemChanged.connect(self._limit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.clear_button = buttons.addButton(self.tr("不对比"), QDialogButtonBox.ButtonRole.ResetRole)
        self.clear_button.clicked.connect(self._clear)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.limit)
        layout.addWidget(buttons)
        self.resize(380, 460)

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for item in self._items():
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _limit(self, changed: QListWidgetItem) -> None:
        if changed.checkState() == Qt.CheckState.Checked and len(self.targets()) > COMPARE_MAX:
            self.list.blockSignals(True)
            changed.setCheckState(Qt.CheckState.Unchecked)
            self.list.blockSignals(False)
            self.limit.setStyleSheet(f"color: {BAD};")

    def _clear(self) -> None:
        self.list.blockSignals(True)
        for item in self._items():
            item.setCheckState(Qt.CheckState.Unchecked)
        self.list.blockSignals(False)

    def targets(self) -> list[CompareTarget]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self._items()
                if item.checkState() == Qt.CheckState.Checked]


# --------------------------------------------------------------------------------------------------
# the page


class DashboardPage(QWidget):
    status_message = Signal(str)
    #: the operator clicked a group's bar: show it on the Groups page
    open_group = Signal(int)
    #: a dashboard (overview) is on screen; the people and heatmap parts may still be coming
    dashboard_shown = Signal(object)

    def __init__(self, runner: TaskRunner, service: DashboardService, settings: Settings,
                 today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = service
        self._settings = settings
        self._today = today
        self._serial = 0
        self._stale = True  # nothing computed yet
        self._charts_built = False
        self._choices: ScopeChoices | None = None
        self._compare: list[CompareTarget] = []
        self.dashboard: Dashboard | None = None
        self.group_charts: GroupCharts | None = None
        #: charts with something to draw, drawn once the visible ones have painted (see _plot)
        self._pending: dict[str, tuple[Callable[[Any], None], str]] = {}
        self._draw_timer = QTimer(self)
        self._draw_timer.setSingleShot(True)
        self._draw_timer.timeout.connect(self._draw_next)
        self._after_paint = False
        self._hold_state = _HoldState()
        self._hold_timer = QTimer(self)
        self._hold_timer.setSingleShot(True)
        self._hold_timer.timeout.connect(lambda: self._hold_collections(False))
        # a page closed mid-request (window closed) must not leave the collections held
        self.destroyed.connect(lambda *_a, state=self._hold_state: state.release_if_held())
        self.people: People | None = None
        self.heatmap: Heatmap | None = None
        self.cards: dict[str, ChartCard] = {}
        self.kpi_cards: dict[str, KpiCard] = {}
        self.charts: Any = None  # the charts module, once imported
        self.compare_dialog: CompareDialog | None = None
        self.targets_dialog: TargetsDialog | None = None
        self.last_export: Path | None = None

        self._build_controls()
        self.caption = QLabel()
        self.caption.setObjectName("dashboardCaption")
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet(f"color: {MUTED};")
        self.banner = QLabel()
        self.banner.setObjectName("dashboardEmpty")
        self.banner.setWordWrap(True)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setStyleSheet(f"color: {MUTED}; font-size: 14px; padding: 32px;")
        self.banner.hide()
        self.content = QWidget()
        self.content.setObjectName("dashboardContent")
        self.content.setStyleSheet("#dashboardContent { background: #f5f7f9; }")
        self.kpi_grid = QGridLayout()
        self.kpi_grid.setSpacing(8)
        self.chart_grid = QGridLayout()
        self.chart_grid.setSpacing(10)
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(8, 8, 8, 8)
        inner.setSpacing(10)
        inner.addWidget(self.caption)  # in the content, so an export shows the period and the scope
        inner.addLayout(self.kpi_grid)
        inner.addWidget(self.banner)
        inner.addLayout(self.chart_grid)
        inner.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.content)
        self.scroll.viewport().installEventFilter(self)
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _v: self._schedule_draws())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(self.controls)
        layout.addWidget(self.scroll, 1)
        self._build_kpi_cards()
        runner.data_changed.connect(self._data_changed)

    # ------------------------------------------------------------------ building
    def _build_controls(self) -> None:
        self.period_box = QComboBox()
        self.period_box.setObjectName("dashboardPeriod")
        for text, value in ((self.tr("今天"), "today"), (self.tr("近 7 天"), "7d"), (self.tr("近 30 天"), "30d"),
                            (self.tr("本月"), "month"), (self.tr("自定义"), "custom")):
            self.period_box.addItem(text, value)
        saved = self._settings.get(keys.DASHBOARD_PERIOD)
        self.period_box.setCurrentIndex(max(self.period_box.findData(saved), 0))
        self.period_box.currentIndexChanged.connect(lambda _i: self._period_chosen())
        self.date_from, self.date_to = date_edit("dashboardFrom"), date_edit("dashboardTo")
        for edit in (self.date_from, self.date_to):
            edit.editingFinished.connect(self._dates_edited)
        self.scope_box = QComboBox()
        self.scope_box.setObjectName("dashboardScope")
        self.scope_box.setMinimumContentsLength(10)
        self.scope_box.addItem(self.tr("全部群"), Scope())
        self.scope_box.currentIndexChanged.connect(lambda _i: self._scope_chosen())
        self.group_box = QComboBox()
        self.group_box.setObjectName("dashboardGroup")
        self.group_box.setEditable(True)
        self.group_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.group_box.setMinimumContentsLength(14)
        self.group_box.lineEdit().setPlaceholderText(self.tr("输入群名查找"))
        self.group_box.activated.connect(lambda _i: self.refresh())
        self.group_box.hide()
        self.compare_button = QPushButton(self.tr("对比…"))
        self.compare_button.setObjectName("dashboardCompare")
        self.compare_button.setToolTip(self.tr("在活跃趋势图上对比最多 {0} 个群或分组").format(COMPARE_MAX))
        self.compare_button.clicked.connect(self.choose_compare)
        self.targets_button = QPushButton(self.tr("目标…"))
        self.targets_button.setToolTip(self.tr("为当前周期设定目标, 卡片上显示完成度"))
        self.targets_button.clicked.connect(self.edit_targets)
        self.export_button = QPushButton(self.tr("导出看板…"))
        self.export_button.setObjectName("dashboardExport")
        self.export_button.setToolTip(self.tr("把整个看板存成一张 PNG 图片或一页 PDF"))
        self.export_button.clicked.connect(self.export_dashboard)
        self.busy = QLabel()
        self.busy.setStyleSheet(f"color: {MUTED};")
        self.controls = QHBoxLayout()
        self.controls.addWidget(QLabel(self.tr("周期")))
        self.controls.addWidget(self.period_box)
        self.controls.addWidget(self.date_from)
        self.controls.addWidget(self.date_to)
        self.controls.addSpacing(8)
        self.controls.addWidget(QLabel(self.tr("范围")))
        self.controls.addWidget(self.scope_box)
        self.controls.addWidget(self.group_box)
        self.controls.addWidget(self.compare_button)
        self.controls.addWidget(self.busy)
        self.controls.addStretch(1)
        self.controls.addWidget(self.targets_button)
        self.controls.addWidget(self.export_button)
        self._period_chosen(refresh=False)

    def _build_kpi_cards(self) -> None:
        for i, key in enumerate(FIGURE_KEYS):
            card = KpiCard(key)
            self.kpi_cards[key] = card
            business = i >= 6
            self.kpi_grid.addWidget(card, 1 if business else 0, i - 6 if business else i)
            card.hide()

    def _build_charts(self) -> None:
        """Import pyqtgraph and build the chart cards: the first time the page is shown."""
        from desktop.ui.widgets import charts

        self.charts = charts
        titles = {
            "trend": self.tr("活跃趋势"), "heatmap": self.tr("一周节奏 (星期 × 小时)"),
            "growth": self.tr("成员增长"), "money": self.tr("成交额与订单"),
            "top": self.tr("最活跃的 20 个群"), "dormant": self.tr("最沉默的群"),
            "funnel": self.tr("转化漏斗 引流 → 成交 → 复购 → 裂变"), "tiers": self.tr("客户等级分布"),
            "platforms": self.tr("平台分布"),
        }
        kinds: dict[str, Callable[[], Any]] = {
            "trend": charts.TrendChart, "heatmap": charts.HeatmapChart, "growth": charts.GrowthChart,
            "money": charts.MoneyChart, "top": charts.BarsChart, "dormant": charts.BarsChart,
            "funnel": charts.BarsChart, "tiers": charts.ColumnsChart, "platforms": charts.BarsChart,
        }
        def factory(name: str) -> Callable[[], QWidget]:
            def make() -> QWidget:
                chart = kinds[name]()
                if name in ("top", "dormant"):
                    chart.bar_clicked.connect(lambda i: self._bar_clicked(name, i))
                return chart
            return make

        for i, name in enumerate(CHARTS):
            card = ChartCard(name, titles[name], factory=factory(name), height=CHART_HEIGHTS.get(name, 300))
            card.export_requested.connect(self.export_chart)
            card.show_empty(self.tr("正在统计…"))
            self.cards[name] = card
            self.chart_grid.addWidget(card, i // 2, i % 2)
        self.chart_grid.setColumnStretch(0, 1)
        self.chart_grid.setColumnStretch(1, 1)
        self._charts_built = True

    # ------------------------------------------------------------------ showing
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # the figures first: the worker's SQL runs while pyqtgraph is imported and the charts are built
        # here (their answer is delivered by the event loop, so never before the charts exist)
        if self._stale:
            self.refresh()
        if not self._charts_built:
            self._build_charts()
            self._load_choices()

    def _data_changed(self, kind: str, _ids: list) -> None:
        if kind in IGNORED_CHANGES:
            return
        if kind in ("segments", "groups", "workspace", "imports"):
            self._choices = None  # names and segments may have changed
        if self.isVisible():
            if self._choices is None:
                self._load_choices()
            self.refresh()
        else:
            self._stale = True

    def _load_choices(self) -> None:
        service = self._service
        self._runner.run(lambda _ctx: service.choices(), on_done=self._show_choices, owner=self)

    def _show_choices(self, choices: ScopeChoices) -> None:
        self._choices = choices
        current = self.scope()
        self.scope_box.blockSignals(True)
        self.group_box.blockSignals(True)
        try:
            self.scope_box.clear()
            self.scope_box.addItem(self.tr("全部群"), Scope())
            for option in choices.platforms:
                self.scope_box.addItem(self.tr("平台 · {0}").format(platform_name(Platform(option.scope.value))),
                                       option.scope)
            for option in choices.segments:
                self.scope_box.addItem(self.tr("分组 · {0}").format(option.label), option.scope)
            self.scope_box.addItem(self.tr("单个群…"), Scope(ScopeKind.GROUP, ""))
            self.group_box.clear()
            for option in choices.groups:
                self.group_box.addItem(option.label, option.id)
            completer = QCompleter([o.label for o in choices.groups], self.group_box)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.group_box.setCompleter(completer)
            self._select_scope(current)
        finally:
            self.scope_box.blockSignals(False)
            self.group_box.blockSignals(False)
        self.group_box.setVisible(self.scope_box.currentData().kind is ScopeKind.GROUP)

    def _select_scope(self, scope: Scope) -> None:
        for i in range(self.scope_box.count()):
            data: Scope = self.scope_box.itemData(i)
            if data == scope or (scope.kind is ScopeKind.GROUP and data.kind is ScopeKind.GROUP):
                self.scope_box.setCurrentIndex(i)
                break
        if scope.kind is ScopeKind.GROUP and scope.value:
            self.group_box.setCurrentIndex(max(self.group_box.findData(int(scope.value)), 0))

    # ------------------------------------------------------------------ period and scope
    def preset(self) -> str:
        return str(self.period_box.currentData())

    def period(self) -> ReportPeriod | None:
        """The chosen period; None when a custom range is backwards."""
        if self.preset() != "custom":
            return preset_period(self.preset(), self._today())
        start, end = pydate(self.date_from.date()), pydate(self.date_to.date())
        return ReportPeriod(start, end) if start <= end else None

    def scope(self) -> Scope:
        data = self.scope_box.currentData()
        scope = data if isinstance(data, Scope) else Scope()
        if scope.kind is ScopeKind.GROUP:
            group_id = self.group_box.currentData()
            return Scope(ScopeKind.GROUP, str(group_id)) if group_id else Scope()
        return scope

    def set_period(self, preset: str, start: date | None = None, end: date | None = None) -> None:
        """Choose a preset (or "custom" with its days) and recompute."""
        if preset == "custom" and start is not None and end is not None:
            self.date_from.setDate(qdate(start))
            self.date_to.setDate(qdate(end))
        index = self.period_box.findData(preset)
        if index == self.period_box.currentIndex():
            self._period_chosen()
        else:
            self.period_box.setCurrentIndex(index)

    def set_scope(self, scope: Scope) -> None:
        """Choose a scope (the choices must be loaded for platforms, segments and groups) and recompute."""
        self.scope_box.blockSignals(True)
        try:
            self._select_scope(scope)
        finally:
            self.scope_box.blockSignals(False)
        self.group_box.setVisible(scope.kind is ScopeKind.GROUP)
        self.refresh()

    def set_compare(self, targets: list[CompareTarget]) -> None:
        self._compare = list(targets[:COMPARE_MAX])
        self.compare_button.setText(self.tr("对比 ({0})…").format(len(self._compare)) if self._compare
                                    else self.tr("对比…"))
        self.refresh()

    def _period_chosen(self, refresh: bool = True) -> None:
        preset = self.preset()
        custom = preset == "custom"
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        if not custom:
            self._settings.set(keys.DASHBOARD_PERIOD, preset)
            shown = preset_period(preset, self._today())
            for edit, day in ((self.date_from, shown.start), (self.date_to, shown.end)):
                edit.blockSignals(True)
                edit.setDate(qdate(day))
                edit.blockSignals(False)
        if refresh:
            self.refresh()

    def _dates_edited(self) -> None:
        if self.preset() == "custom":
            self.refresh()

    def _scope_chosen(self) -> None:
        data = self.scope_box.currentData()
        is_group = isinstance(data, Scope) and data.kind is ScopeKind.GROUP
        self.group_box.setVisible(is_group)
        if is_group:
            self.group_box.setFocus()
        self.refresh()

    # ------------------------------------------------------------------ computing
    def refresh(self) -> None:
        """Recompute for the chosen period, scope and compare targets (four worker jobs)."""
        period = self.period()
        if period is None:
            self._show_message(self.tr("开始日期晚于结束日期, 请重新选择周期。"))
            return
        self._stale = False
        self._hold_collections(True)
        self._serial += 1
        serial = self._serial
        scope, compare, today = self.scope(), list(self._compare), self._today()
        targets = load_dashboard_targets(self._settings, self.preset())
        service = self._service
        self.busy.setText(self.tr("正在更新…"))
        self.people = self.heatmap = None
        self.group_charts = None

        def failed(exc: BaseException) -> None:
            self._failed(serial, exc)

        def heatmap_done(h: Heatmap) -> None:
            self._heatmap_done(serial, h)
            if serial == self._serial:  # below the first screenful: after the heatmap, which is in it
                self._runner.run(lambda _ctx: service.group_charts(period, scope, today),
                                 on_done=lambda g: self._group_charts_done(serial, g), on_error=failed, owner=self)

        def overview_done(d: Dashboard) -> None:
            # the slower parts start once the cards are in: on two cores they would only slow them down
            self._overview_done(serial, d)
            if serial != self._serial:
                return
            self._runner.run(lambda _ctx: service.people(period, scope, today),
                             on_done=lambda p: self._people_done(serial, p), on_error=failed, owner=self)
            self._runner.run(lambda _ctx: service.heatmap(period, scope, today),
                             on_done=heatmap_done, on_error=failed, owner=self)

        self._runner.run(lambda _ctx: service.overview(period, scope, targets, compare, today),
                         on_done=overview_done, on_error=failed, owner=self)

    def _failed(self, serial: int, exc: BaseException) -> None:
        if serial != self._serial:
            return
        self.busy.setText("")
        self.people, self.heatmap = People(), Heatmap(None)  # nothing more is coming
        self.group_charts = GroupCharts()
        self._hold_collections(False)
        self._show_message(error_message(exc))

    def _overview_done(self, serial: int, dashboard: Dashboard) -> None:
        if serial != self._serial:
            return
        self.dashboard = dashboard
        self.busy.setText("")
        self._show_caption(dashboard.kpi)
        self._show_kpis(dashboard.kpi)
        if self._charts_built:
            self._show_charts(dashboard)
        self.dashboard_shown.emit(dashboard)

    def _group_charts_done(self, serial: int, groups: GroupCharts) -> None:
        if serial != self._serial:
            return
        self.group_charts = groups
        if self.dashboard is not None and self._charts_built and self._drawable(self.dashboard):
            self._draw_groups(self.dashboard, groups)
            self._draw_platforms(groups)
        self._check_done()

    def _people_done(self, serial: int, people: People) -> None:
        if serial != self._serial:
            return
        self.people = people
        if self.dashboard is not None and self._charts_built and self._drawable(self.dashboard):
            self._show_people(people)
        self._check_done()

    def _heatmap_done(self, serial: int, heatmap: Heatmap) -> None:
        if serial != self._serial:
            return
        self.heatmap = heatmap
        if self.dashboard is not None and self._charts_built and self._drawable(self.dashboard):
            self._show_heatmap(heatmap)
        self._check_done()

    def _hold_collections(self, hold: bool) -> None:
        """Hold Python's full garbage collections back while a request is being drawn (the runner holds
        them while its jobs run; see desktop.workers.tasks). When the overview's job ended, the
        collection it had held back ran at once on the UI thread, in the middle of building the first
        charts: about 100 ms (pyqtgraph's and SQLAlchemy's objects) before the first paint. It runs
        now once everything is drawn, or after 10 s at the latest."""
        if hold:
            self._hold_timer.start(10_000)
        if hold == self._hold_state.held:
            return
        if hold:
            self._hold_state.hold()
        else:
            self._hold_timer.stop()
            self._hold_state.release_if_held()

    def _check_done(self) -> None:
        if not self.loading:
            self._hold_collections(False)

    @property
    def loading(self) -> bool:
        """Some part of the current request has not arrived yet."""
        return (self.dashboard is None or self.people is None or self.heatmap is None or self.group_charts is None
                or bool(self.busy.text()) or bool(self._pending))

    # ------------------------------------------------------------------ drawing
    def _show_message(self, text: str) -> None:
        self._pending.clear()
        self.banner.setText(text)
        self.banner.show()
        for card in self.cards.values():
            card.hide()

    def _show_caption(self, kpi: KpiReport) -> None:
        scope = self.scope_box.currentText() if kpi.scope.kind is not ScopeKind.GROUP else \
            self.tr("群 · {0}").format(self.group_box.currentText())
        if kpi.period is not None and kpi.previous is not None:
            text = self.tr("{0} · 本期 {1} ({2} 天), 对比上期 {3}").format(
                scope, kpi.period.label(), kpi.period.days, kpi.previous.label())
        else:
            text = self.tr("{0} · {1}").format(scope, kpi.requested.label())
        if kpi.period is not None and kpi.period.end < kpi.requested.end:
            text += self.tr(" · 周期还没有结束, 统计到今天为止")
        self.caption.setText(text)

    def _show_kpis(self, kpi: KpiReport) -> None:
        shown = {f.key: f for f in kpi.figures}
        previous = kpi.previous.label() if kpi.previous is not None else ""
        for key, card in self.kpi_cards.items():
            figure = shown.get(key)
            card.setVisible(figure is not None)
            if figure is not None:
                card.show_figure(figure, previous)

    def _drawable(self, dashboard: Dashboard) -> bool:
        return dashboard.state is PeriodState.READY and dashboard.chart_period is not None

    def _show_charts(self, d: Dashboard) -> None:
        message = self._state_message(d)
        if message:
            self._show_message(message)
            return
        self.banner.hide()
        for card in self.cards.values():
            card.show()
        self.content.layout().activate()  # the cards' places, to know which are on screen
        assert d.trend is not None and d.chart_period is not None
        note = ""
        if d.history_days == 1:
            note = self.tr("只有 1 天的数据, 还看不出趋势; 7 日均线要满 7 天才画。")
        elif d.chart_period.start > d.kpi.requested.start:
            note = self.tr("数据从 {0} 开始, 之前的日子没有画。").format(d.chart_period.start.isoformat())
        self._draw_trend(d, note)
        self._draw_growth(d)
        self._draw_money(d)
        waiting = self.tr("正在统计…")
        for name in ("heatmap", "top", "dormant", "funnel", "tiers", "platforms"):
            self._pending.pop(name, None)
            self.cards[name].show_empty(waiting)
        if self.people is not None:
            self._show_people(self.people)
        if self.heatmap is not None:
            self._show_heatmap(self.heatmap)

    # ------------------------------------------------------------------ drawing only what is seen
    def _on_screen(self, card: ChartCard) -> bool:
        """Whether any of ``card`` is inside the scroll area's viewport (on a visible page)."""
        if not self.isVisible() or card.isHidden():
            return False
        viewport = self.scroll.viewport()
        return QRect(card.mapTo(viewport, QPoint(0, 0)), card.size()).intersects(viewport.rect())

    def _plot(self, name: str, draw: Callable[[Any], None], hint: str = "") -> None:
        """Draw chart ``name`` (``draw(chart)``, then ``hint`` under the title) now if it is on screen,
        else once what is on screen has painted."""
        card = self.cards[name]
        if self._on_screen(card):
            self._pending.pop(name, None)
            draw(card.ensure_chart())
            card.show_chart(hint)
            return
        self._pending[name] = (draw, hint)
        self._schedule_draws(later=True)

    def _schedule_draws(self, later: bool = False) -> None:
        """Draw a pending chart on the next turn of the event loop; ``later``: after the next paint
        of the viewport (a timer as well, for a page that does not paint: hidden)."""
        if not self._pending or self._draw_timer.isActive():
            return
        self._after_paint = later
        self._draw_timer.start(250 if later else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._after_paint and event.type() == QEvent.Type.Paint and watched is self.scroll.viewport():
            self._after_paint = False
            self._draw_timer.start(0)
        return super().eventFilter(watched, event)

    def _draw_next(self) -> None:
        """One pending chart (one on screen first), then the next on the following turn."""
        self._after_paint = False
        if not self._pending:
            return
        name = next((n for n in self._pending if self._on_screen(self.cards[n])), next(iter(self._pending)))
        draw, hint = self._pending.pop(name)
        card = self.cards[name]
        draw(card.ensure_chart())
        card.show_chart(hint)
        self._schedule_draws()
        self._check_done()

    def flush_draws(self) -> None:
        """Draw every pending chart now (an export shows them all)."""
        while self._pending:
            name = next(iter(self._pending))
            draw, hint = self._pending.pop(name)
            card = self.cards[name]
            draw(card.ensure_chart())
            card.show_chart(hint)

    def _state_message(self, d: Dashboard) -> str:
        kpi = d.kpi
        if kpi.state is PeriodState.EMPTY_WORKSPACE:
            return self.tr("工作区还没有群。\n新建群或从 Excel 导入群和互动记录后, 这里会显示看板。")
        if kpi.state is PeriodState.FUTURE:
            return self.tr("所选周期从 {0} 开始, 还没有到。\n请选择今天或更早的日子。").format(
                kpi.requested.start.isoformat())
        if kpi.state is PeriodState.NO_DATA or d.chart_period is None:
            return self.tr("这个周期没有互动和订单记录。\n换一个周期看看, 或导入聊天记录、群统计和团购订单。")
        return ""

    def _draw_trend(self, d: Dashboard, note: str) -> None:
        trend = d.trend
        assert trend is not None
        if d.compare:
            series = [(s.target.name, s.messages) for s in d.compare]
            self._plot("trend", lambda chart: chart.show_compare(trend.days, series),
                       self.tr("对比: 各自每天的消息数。") + (" " + note if note else ""))
            return
        self._plot("trend", lambda chart: chart.show_trend(trend.days, trend.messages, trend.active_members,
                                                           trend.messages_avg, trend.active_avg),
                   note or self.tr("每天的消息数和活跃成员, 虚线是 7 日均线。"))

    def _draw_growth(self, d: Dashboard) -> None:
        card = self.cards["growth"]
        if not any(b.joins or b.leaves for b in d.growth):
            card.show_empty(self.tr("这个周期没有人入群或退群。"))
            return
        if d.growth_weekly:
            labels = [self.tr("{0} ~ {1}").format(b.start.isoformat(), b.end.isoformat()) for b in d.growth]
            step = max(1, len(d.growth) // 8)
            ticks = [(float(i), b.start.strftime("%m-%d")) for i, b in enumerate(d.growth) if i % step == 0]
            hint = self.tr("按周汇总 (周期较长)。")
        else:
            labels = [b.start.isoformat() for b in d.growth]
            ticks = self.charts.day_ticks([b.start for b in d.growth])
            hint = ""
        values = [(b.joins, b.leaves, b.net) for b in d.growth]
        self._plot("growth", lambda chart: chart.show_growth(labels, ticks, values), hint)

    def _draw_money(self, d: Dashboard) -> None:
        card = self.cards["money"]
        if not d.kpi.has_orders:
            card.show_empty(self.tr("工作区还没有订单。\n导入团购订单后, 这里显示每天的成交额和订单数。"))
            return
        if not any(r.orders for r in d.days):
            card.show_empty(self.tr("这个周期没有有效订单 (已付款或已退款)。"))
            return
        days, gmv, orders = [r.day for r in d.days], [r.gmv_cents for r in d.days], [r.orders for r in d.days]
        self._plot("money", lambda chart: chart.show_money(days, gmv, orders))

    def _draw_groups(self, d: Dashboard, groups: GroupCharts) -> None:
        top = self.cards["top"]
        if groups.top_groups:
            names = [g.name for g in groups.top_groups]
            counts = [g.messages for g in groups.top_groups]
            details = [self.tr("消息 {0} 条 · 有发言 {1} 天 · 人均活跃 {2}").format(
                f"{g.messages:,}", g.active_days, f"{g.active_member_days / max(1, d.kpi.period.days):.1f}"
                if d.kpi.period else "—") for g in groups.top_groups]
            colour = self.charts.COLOURS["top"]
            # the draw may run later (off screen): each chart's lambda needs names of its own
            top_labels = [f"{g.messages:,}" for g in groups.top_groups]
            self._plot("top", lambda chart: chart.show_bars(names, counts, details, colour, value_labels=top_labels),
                       self.tr("按本期消息数排序, 点击群条打开这个群。"))
        else:
            top.show_empty(self.tr("这个周期没有群发言。"))
        dormant = self.cards["dormant"]
        if groups.dormant_groups:
            longest = max((g.silent_days or 0 for g in groups.dormant_groups), default=0)
            values = [g.silent_days if g.silent_days is not None else max(longest, d.history_days)
                      for g in groups.dormant_groups]
            colours = [self.charts.COLOURS["dormant"] if g.silent_days is not None else self.charts.COLOURS["never"]
                       for g in groups.dormant_groups]
            quiet_labels = [self.tr("{0} 天").format(g.silent_days) if g.silent_days is not None
                            else self.tr("从未发言") for g in groups.dormant_groups]
            quiet = [self.tr("最后发言 {0} · 沉默 {1} 天").format(g.last_active.isoformat(), g.silent_days)
                     if g.last_active is not None else self.tr("还没有发言记录") for g in groups.dormant_groups]
            quiet_names = [g.name for g in groups.dormant_groups]
            self._plot("dormant", lambda chart: chart.show_bars(quiet_names, values, quiet, colours,
                                                                value_labels=quiet_labels),
                       self.tr("本期一条消息都没有的群, 沉默最久的在上; 点击打开这个群。"))
        else:
            dormant.show_empty(self.tr("这个周期每个群都有人发言, 没有沉默群。"))

    def _draw_platforms(self, groups: GroupCharts) -> None:
        card = self.cards["platforms"]
        platforms = groups.platforms
        if not platforms:
            card.show_empty(self.tr("范围内没有群。"))
            return
        names = [platform_name(Platform(p.platform)) if p.platform in {x.value for x in Platform} else p.label
                 for p in platforms]
        details = [self.tr("群 {0} 个 · 消息 {1} 条 · 成交额 {2}").format(
            p.groups, f"{p.messages:,}", format_value(p.gmv_cents, FigureUnit.MONEY)) for p in platforms]
        colours = [self.charts.PLATFORM_COLOURS.get(p.platform, "#9e9e9e") for p in platforms]
        by_messages = any(p.messages for p in platforms)
        shares = [p.share * 100 for p in platforms]
        labels = [f"{p.share * 100:.1f}%" for p in platforms]
        self._plot("platforms", lambda chart: chart.show_bars(names, shares, details, colours, value_labels=labels),
                   self.tr("各平台占本期消息的比例。") if by_messages else self.tr("各平台的群数比例 (本期没有消息)。"))

    def _show_people(self, people: People) -> None:
        assert self.dashboard is not None
        funnel = self.cards["funnel"]
        steps = people.funnel(self.dashboard.kpi)
        if not steps or steps[0].count == 0:
            funnel.show_empty(self.tr("范围内的群在这个周期没有成员。"))
        else:
            names = {"reached": self.tr("引流"), "buyers": self.tr("成交"), "repeat_buyers": self.tr("复购"),
                     "referrers": self.tr("裂变")}
            what = {"reached": self.tr("本期在群里的人"), "buyers": self.tr("有有效订单的人 (含只留手机号的)"),
                    "repeat_buyers": self.tr("本期下单 2 次及以上的人"),
                    "referrers": self.tr("本期带新人入群的人")}
            funnel_labels = [f"{s.count:,}" + (f"  ({s.rate * 100:.1f}%)" if s.rate is not None else "")
                             for s in steps]
            base = {"buyers": self.tr("占引流"), "repeat_buyers": self.tr("占成交 (复购率)"),
                    "referrers": self.tr("占引流 (转介绍率)")}
            funnel_details = [self.tr("{0}: {1} 人{2}").format(
                what[s.key], f"{s.count:,}",
                f" · {base[s.key]} {s.rate * 100:.1f}%" if s.rate is not None else "") for s in steps]
            steps_named = [names[s.key] for s in steps]
            counts = [s.count for s in steps]
            colours = [self.charts.COLOURS["funnel"]] * len(steps)
            hint = self.tr("括号里: 成交占引流, 复购占成交 (复购率), 裂变占引流 (转介绍率)。") \
                if self.dashboard.kpi.has_orders else \
                self.tr("工作区还没有订单, 成交和复购为 0。")
            self._plot("funnel", lambda chart: chart.show_bars(steps_named, counts, funnel_details, colours,
                                                               centred=True, value_labels=funnel_labels), hint)
        tiers = self.cards["tiers"]
        if people.reached == 0:
            tiers.show_empty(self.tr("范围内的群在这个周期没有成员。"))
        else:
            names = [tier_name(Tier(t.tier)) for t in people.tiers]
            details = [self.tr("{0} 人 · 占 {1:.1f}%").format(f"{t.count:,}", t.count * 100 / people.reached)
                       for t in people.tiers]
            tier_counts = [t.count for t in people.tiers]
            tier_colours = [self.charts.TIER_COLOURS.get(t.tier, "#90a4ae") for t in people.tiers]
            tier_names, tier_details = names, details
            self._plot("tiers", lambda chart: chart.show_columns(tier_names, tier_counts, tier_details, tier_colours),
                       self.tr("本期在范围内群里的 {0} 人, 按现在的客户等级。").format(f"{people.reached:,}"))

    def _show_heatmap(self, heatmap: Heatmap) -> None:
        card = self.cards["heatmap"]
        if heatmap.period is None or heatmap.total == 0:
            card.show_empty(self.tr("这段时间没有消息记录, 画不出一周节奏。"))
            return
        counts = heatmap.counts
        self._plot("heatmap", lambda chart: chart.show_counts(counts),
                   self.tr("{0} 的消息 (最多看最近 4 周), 颜色越深越热闹。").format(heatmap.period.label()))

    # ------------------------------------------------------------------ clicks
    def _bar_clicked(self, chart: str, index: int) -> None:
        groups = self.group_charts
        if groups is None:
            return
        rows = groups.top_groups if chart == "top" else groups.dormant_groups
        if 0 <= index < len(rows):
            self.open_group.emit(rows[index].id)

    # ------------------------------------------------------------------ compare and targets
    def choose_compare(self) -> None:
        if self._choices is None:
            self._load_choices()
            self.status_message.emit(self.tr("正在读取群和分组, 请稍后再点"))
            return
        dialog = CompareDialog(self._choices, self._compare, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_compare(dialog.targets()))
        dialog.finished.connect(lambda _r: setattr(self, "compare_dialog", None))
        self.compare_dialog = dialog
        dialog.open()

    def edit_targets(self) -> None:
        preset = self.preset()
        dialog = TargetsDialog(load_dashboard_targets(self._settings, preset), self)
        period = self.period_box.currentText()
        dialog.setWindowTitle(self.tr("看板目标 · {0}").format(period) if preset != "custom"
                              else self.tr("看板目标 · 自定义周期 (与报告共用)"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            save_dashboard_targets(self._settings, preset, dialog.targets())
            self.refresh()

        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _r: setattr(self, "targets_dialog", None))
        self.targets_dialog = dialog
        dialog.open()

    # ------------------------------------------------------------------ export
    def _documents(self) -> Path:
        return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))

    def export_chart(self, name: str, path: str | None = None) -> Path | None:
        """One chart card (title, hint and chart) as a PNG."""
        card = self.cards.get(name)
        if card is None:
            return None
        self.flush_draws()
        if path is None:
            default = self._documents() / f"{card.title.text()}_{date.today().isoformat()}.png"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("导出图表"), str(default),
                                                  self.tr("PNG 图片 (*.png)"))
            if not path:
                return None
        target = Path(path).with_suffix(".png") if Path(path).suffix.lower() != ".png" else Path(path)
        if not card.grab().save(str(target), "PNG"):
            self.status_message.emit(self.tr("无法写入 {0}").format(target))
            return None
        self.last_export = target
        self.status_message.emit(self.tr("已导出 {0}").format(target))
        return target

    def export_dashboard(self, path: str | None = None) -> Path | None:
        """The whole dashboard (cards and charts) as one PNG, or as one PDF page of the same picture."""
        if path is None:
            default = self._documents() / f"{self.tr('群管家看板')}_{date.today().isoformat()}.png"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("导出看板"), str(default),
                                                  self.tr("PNG 图片 (*.png);;PDF 文档 (*.pdf)"))
            if not path:
                return None
        self.flush_draws()
        target = Path(path)
        if target.suffix.lower() not in (".png", ".pdf"):
            target = target.with_suffix(".png")
        ok = self._write_pdf(target) if target.suffix.lower() == ".pdf" else \
            self._sheet().grab().save(str(target), "PNG")
        if not ok:
            self.status_message.emit(self.tr("无法写入 {0}").format(target))
            return None
        self.last_export = target
        self.status_message.emit(self.tr("已导出 {0}").format(target))
        return target

    def _sheet(self) -> QWidget:
        """What an export shows: the caption (period and scope) above the cards and charts."""
        return self.content

    def _write_pdf(self, target: Path) -> bool:
        """One page shaped like the dashboard, its width A4's long side; text stays text (vector)."""
        sheet = self._sheet()
        size = sheet.size()
        width_mm, margin_mm = 297.0, 5.0
        # the sheet's shape in the printable area, plus the margins (and a millimetre for rounding)
        height_mm = (width_mm - 2 * margin_mm) * size.height() / max(1, size.width()) + 2 * margin_mm + 1
        writer = QPdfWriter(str(target))
        writer.setTitle(self.tr("群管家看板"))
        writer.setPageSize(QPageSize(QSizeF(width_mm, height_mm), QPageSize.Unit.Millimeter))
        writer.setPageMargins(QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm))
        writer.setResolution(150)
        painter = QPainter()
        if not painter.begin(writer):
            return False
        try:
            area = painter.viewport()
            scale = area.width() / max(1, size.width())
            painter.scale(scale, scale)
            sheet.render(painter, QPoint(0, 0))
        finally:
            painter.end()
        return target.exists() and target.stat().st_size > 0


__all__ = ["DashboardPage", "load_dashboard_targets", "save_dashboard_targets"]
