"""The Reports page: the boss report for a period, shown on screen and exported as one workbook.

The figures are computed on a worker (``ReportService.figures``); the workbook is written on a
worker too (``write_report``), with a progress dialog and cancel. Targets are the operator's own,
kept in the settings (``REPORT_TARGETS``) and edited in a small dialog; changing them re-scores
the report on screen without another trip to the database.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import settings as keys
from desktop.domain.enums import GroupStatus, Platform
from desktop.domain.errors import ValidationError
from desktop.domain.progress import Cancelled
from desktop.domain.reports import (
    BUSINESS,
    ENGAGEMENT,
    FIGURE_KEYS,
    PERIOD_MAX_DAYS,
    BusinessTotals,
    EngagementTotals,
    Figure,
    FigureUnit,
    GroupRow,
    ReportFigures,
    ReportPeriod,
    business_figures,
    engagement_figures,
    last_iso_week,
    last_month,
    with_targets,
)
from desktop.settings import Settings
from desktop.ui.labels import platform_name, status_name
from desktop.ui.models.rows_model import Column, RowsModel
from desktop.workers.tasks import TaskContext, TaskRunner, error_message

if TYPE_CHECKING:  # the service modules pull in SQLAlchemy; the window must paint before that
    from desktop.services.reports import ReportService

R = TypeVar("R")
_Index = QModelIndex | QPersistentModelIndex

GOOD = "#2e7d32"
BAD = "#c62828"
MUTED = "#757575"
#: figures where less is better: their targets are ceilings and a fall is good news
LOWER_IS_BETTER = frozenset({"leaves", "silent_groups", "refunds"})
#: each figure key's unit (the domain knows it; a zero report tells us without a database)
FIGURE_UNITS: dict[str, FigureUnit] = {
    f.key: f.unit for f in (engagement_figures(EngagementTotals(), EngagementTotals(), 1)
                            + business_figures(BusinessTotals(), BusinessTotals()))
}
FIGURE_FAMILY: dict[str, str] = {
    f.key: f.family for f in (engagement_figures(EngagementTotals(), EngagementTotals(), 1)
                              + business_figures(BusinessTotals(), BusinessTotals()))
}
PRESETS = ("week", "month", "month_to_date", "custom")


def _t(text: str) -> str:
    return QCoreApplication.translate("ReportsPage", text)


def figure_label(key: str, fallback: str = "") -> str:
    labels = {
        "messages": _t("消息数"), "active_members": _t("日均活跃成员"), "joins": _t("入群人数"),
        "leaves": _t("退群人数"), "net_growth": _t("净增人数"), "silent_groups": _t("沉默群数"),
        "orders": _t("订单数"), "gmv": _t("成交额 (GMV)"), "refunds": _t("退款额"), "net_gmv": _t("净成交额"),
        "buyers": _t("购买人数"), "repeat_buyers": _t("复购人数"), "repeat_rate": _t("复购率"),
    }
    return labels.get(key, fallback or key)


def family_label(family: str) -> str:
    return {ENGAGEMENT: _t("参与指标"), BUSINESS: _t("业务指标")}.get(family, family)


def format_value(value: float | None, unit: FigureUnit) -> str:
    """A figure in its display unit: counts with separators, money in yuan, rates in percent."""
    if value is None:
        return ""
    if unit is FigureUnit.MONEY:
        return f"¥{value / 100:,.2f}"
    if unit is FigureUnit.RATE:
        return f"{value * 100:.1f}%"
    if unit is FigureUnit.AVERAGE:
        return f"{value:,.1f}"
    return f"{round(value):,}"


def format_change(change: float | None) -> str:
    if change is None:
        return "—"
    if abs(change) < 0.0005:
        return _t("持平")
    return f"{'▲' if change > 0 else '▼'} {abs(change) * 100:.1f}%"


def change_colour(f: Figure) -> str | None:
    change = f.change
    if change is None or abs(change) < 0.0005:
        return None
    better = change < 0 if f.key in LOWER_IS_BETTER else change > 0
    return GOOD if better else BAD


def progress_colour(f: Figure) -> str | None:
    progress = f.progress
    if progress is None:
        return None
    if f.key in LOWER_IS_BETTER:  # a ceiling: staying under it is the goal
        return GOOD if progress <= 1 else BAD
    return GOOD if progress >= 1 else None


def default_file_name(period: ReportPeriod) -> str:
    """群管家报告_2026-11.xlsx for a whole month, otherwise both days: 群管家报告_2026-11-01_2026-11-20.xlsx."""
    whole_month = period.start.day == 1 and (period.end + timedelta(days=1)).day == 1 and \
        period.start.replace(day=1) == period.end.replace(day=1)
    stem = period.start.strftime("%Y-%m") if whole_month else f"{period.start.isoformat()}_{period.end.isoformat()}"
    return _t("群管家报告") + f"_{stem}.xlsx"


def clean_targets(data: object) -> dict[str, float]:
    """Targets read back from the settings: anything not a dict, unknown, not a number or not positive is
    left out, never an error (the dashboard's per-period targets are cleaned the same way)."""
    if not isinstance(data, dict):
        return {}
    return {key: float(value) for key, value in data.items()
            if key in FIGURE_KEYS and isinstance(value, int | float) and not isinstance(value, bool) and value > 0}


def load_targets(settings: Settings) -> dict[str, float]:
    """The saved targets; anything unreadable, unknown or not positive is left out, never an error."""
    raw = settings.get(keys.REPORT_TARGETS)
    try:
        data = json.loads(raw) if isinstance(raw, str) and raw.strip() else {}
    except ValueError:
        return {}
    return clean_targets(data)


def save_targets(settings: Settings, targets: dict[str, float]) -> None:
    settings.set(keys.REPORT_TARGETS, json.dumps(targets, sort_keys=True) if targets else "")


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def date_edit(name: str) -> QDateEdit:
    """A day picker as the period controls use it: a calendar popup, ISO dates."""
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class TintedRowsModel(RowsModel[R], Generic[R]):
    """RowsModel plus a text colour per cell (``colours`` by column) and per row (``row_colour``)."""

    def __init__(self, columns: Sequence[Column[R]], colours: dict[int, Callable[[R], str | None]] | None = None,
                 row_colour: Callable[[R], str | None] | None = None, bold_columns: Sequence[int] = (),
                 parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._colours = colours or {}
        self._row_colour = row_colour
        self._bold = frozenset(bold_columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < self.rowCount():
            row = self.row_at(index.row())
            colour = self._row_colour(row) if self._row_colour is not None else None
            cell = self._colours.get(index.column())
            colour = (cell(row) if cell is not None else None) or colour
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.FontRole and index.isValid() and index.column() in self._bold:
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < self.columnCount():  # -1: "unsorted", the order the rows came in
            super().sort(column, order)


def _platform(value: str) -> str:
    try:
        return platform_name(Platform(value))
    except ValueError:
        return value


def _status(value: str) -> str:
    try:
        return status_name(GroupStatus(value))
    except ValueError:
        return value


def _table(model: RowsModel[Any], name: str, *, sortable: bool) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setHighlightSections(False)
    table.setSortingEnabled(sortable)
    return table


class TargetsDialog(QDialog):
    """Targets per figure, each in its display unit: yuan for money, percent for rates; 0 = none."""

    def __init__(self, targets: dict[str, float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("报告目标"))
        self.spins: dict[str, QDoubleSpinBox] = {}
        hint = QLabel(self.tr("每期的目标数字, 报告里显示完成度。金额按元填写, 复购率按百分比填写; "
                              "0 表示不设目标。退群人数、沉默群数和退款额的目标是上限。"))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED};")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        family = None
        for key in FIGURE_KEYS:
            if FIGURE_FAMILY[key] != family:
                family = FIGURE_FAMILY[key]
                heading = QLabel(family_label(family))
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                form.addRow(heading)
            spin = self._spin(FIGURE_UNITS[key], targets.get(key))
            spin.setObjectName(f"target_{key}")
            self.spins[key] = spin
            form.addRow(figure_label(key), spin)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.clear_button = self.buttons.addButton(self.tr("全部清除"), QDialogButtonBox.ButtonRole.ResetRole)
        self.clear_button.clicked.connect(self.clear)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def _spin(self, unit: FigureUnit, value: float | None) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setSpecialValueText(self.tr("不设"))
        spin.setMinimum(0)
        spin.setMinimumWidth(160)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        spin.setGroupSeparatorShown(True)
        if unit is FigureUnit.RATE:
            spin.setDecimals(1)
            spin.setMaximum(100)
            spin.setSuffix(" %")
            spin.setValue((value or 0) * 100)
        elif unit is FigureUnit.MONEY:
            spin.setDecimals(2)
            spin.setMaximum(1e11)
            spin.setPrefix("¥ ")
            spin.setValue(value or 0)
        else:
            spin.setDecimals(1 if unit is FigureUnit.AVERAGE else 0)
            spin.setMaximum(1e10)
            spin.setValue(value or 0)
        return spin

    def clear(self) -> None:
        for spin in self.spins.values():
            spin.setValue(0)

    def targets(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for key, spin in self.spins.items():
            value = spin.value()
            if value > 0:
                out[key] = round(value / 100, 4) if FIGURE_UNITS[key] is FigureUnit.RATE else value
        return out


class ReportsPage(QWidget):
    status_message = Signal(str)
    #: a report was computed and is now on screen
    report_shown = Signal(object)
    #: a workbook was written: its path
    report_exported = Signal(str)

    def __init__(self, runner: TaskRunner, reports: ReportService, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._reports = reports
        self._settings = settings
        self._targets = load_targets(settings)
        self.report: ReportFigures | None = None
        self._serial = 0
        self._today: date | None = None
        #: the data changed since the report on screen was computed
        self._stale = False
        #: the first figure of each family: only its row names the family
        self._family_heads: set[str] = set()
        self.last_export: Path | None = None
        self.targets_dialog: TargetsDialog | None = None

        self._build_controls()
        self._build_content()
        self.caption = QLabel()
        self.caption.setObjectName("reportCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice = QLabel()
        self.notice.setObjectName("reportNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setStyleSheet(f"color: {MUTED};")
        self.notice.hide()
        self.empty = QLabel()
        self.empty.setObjectName("reportEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {MUTED}; font-size: 14px; padding: 40px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.content)
        layout = QVBoxLayout(self)
        layout.addLayout(self.controls)
        layout.addWidget(self.caption)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.notice)
        runner.data_changed.connect(self._data_changed)
        self.choose_preset("month")
        self._show_empty(self.tr("选好周期, 点“生成”, 这里就会列出本期和上期的参与指标、业务指标和目标完成度, "
                                 "以及最活跃和最沉默的群。\n“导出报告…”把同样的内容存成一个给老板看的 Excel 工作簿。"))

    # ------------------------------------------------------------------ building
    def _build_controls(self) -> None:
        self.preset = QComboBox()
        self.preset.setObjectName("reportPreset")
        for text, value in ((self.tr("上周"), "week"), (self.tr("上月"), "month"),
                            (self.tr("本月至今"), "month_to_date"), (self.tr("自定义"), "custom")):
            self.preset.addItem(text, value)
        self.preset.currentIndexChanged.connect(lambda _i: self._preset_chosen())
        self.date_from, self.date_to = date_edit("reportFrom"), date_edit("reportTo")
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self._dates_edited())
        self.generate_button = QPushButton(self.tr("生成"))
        self.generate_button.setObjectName("generateReport")
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        self.targets_button = QPushButton(self.tr("目标…"))
        self.targets_button.setObjectName("reportTargets")
        self.targets_button.clicked.connect(self.edit_targets)
        self.export_button = QPushButton(self.tr("导出报告…"))
        self.export_button.setObjectName("exportReport")
        self.export_button.clicked.connect(self.export)
        self.period_error = QLabel()
        self.period_error.setStyleSheet(f"color: {BAD};")
        self.period_error.hide()
        self.controls = QHBoxLayout()
        self.controls.addWidget(QLabel(self.tr("周期")))
        self.controls.addWidget(self.preset)
        self.controls.addSpacing(8)
        self.controls.addWidget(QLabel(self.tr("从")))
        self.controls.addWidget(self.date_from)
        self.controls.addWidget(QLabel(self.tr("到")))
        self.controls.addWidget(self.date_to)
        self.controls.addWidget(self.generate_button)
        self.controls.addWidget(self.period_error)
        self.controls.addStretch(1)
        self.controls.addWidget(self.targets_button)
        self.controls.addWidget(self.export_button)

    def _build_content(self) -> None:
        self.summary_model: TintedRowsModel[Figure] = TintedRowsModel(
            [
                Column(self.tr("类别"), lambda f: family_label(f.family) if f.key in self._family_heads else ""),
                Column(self.tr("指标"), lambda f: figure_label(f.key, f.label)),
                Column(self.tr("本期"), lambda f: format_value(f.current, f.unit), right=True),
                Column(self.tr("上期"), lambda f: format_value(f.previous, f.unit), right=True),
                Column(self.tr("变化"), lambda f: format_change(f.change), right=True,
                       tooltip=lambda f: None if f.change is not None else self.tr("上期为 0, 无法计算变化")),
                Column(self.tr("目标"), lambda f: format_value(f.target, f.unit), right=True),
                Column(self.tr("完成度"), lambda f: "" if f.progress is None else f"{f.progress * 100:.0f}%",
                       right=True),
            ],
            colours={0: lambda _f: MUTED, 4: change_colour, 6: progress_colour},
            bold_columns=(2,),
            parent=self,
        )
        self.summary_table = _table(self.summary_model, "reportSummary", sortable=False)
        header = self.summary_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

        days = lambda: self.report.period.days if self.report else 1  # noqa: E731
        self.top_model: TintedRowsModel[GroupRow] = TintedRowsModel(
            [
                Column(self.tr("排名"), lambda g: str(self._rank(g)), sort_key=self._rank, right=True),
                Column(self.tr("群名称"), lambda g: g.name, tooltip=lambda g: g.name),
                Column(self.tr("平台"), lambda g: _platform(g.platform)),
                Column(self.tr("消息数"), lambda g: f"{g.messages:,}", sort_key=lambda g: g.messages, right=True),
                Column(self.tr("活跃天数"), lambda g: str(g.active_days), sort_key=lambda g: g.active_days,
                       right=True),
                Column(self.tr("日均活跃"), lambda g: f"{g.active_member_days / days():,.1f}",
                       sort_key=lambda g: g.active_member_days, right=True),
                Column(self.tr("净增"), lambda g: f"{g.joins - g.leaves:+,}" if g.joins - g.leaves else "0",
                       sort_key=lambda g: g.joins - g.leaves, right=True),
                Column(self.tr("成交额"), lambda g: format_value(g.gmv_cents, FigureUnit.MONEY),
                       sort_key=lambda g: g.gmv_cents, right=True),
            ],
            colours={6: lambda g: GOOD if g.joins > g.leaves else (BAD if g.joins < g.leaves else None)},
            parent=self,
        )
        self.top_table = _table(self.top_model, "reportTopGroups", sortable=True)
        self._fit_columns(self.top_table, stretch=1)

        self.dormant_model: TintedRowsModel[GroupRow] = TintedRowsModel(
            [
                Column(self.tr("群名称"), lambda g: g.name, tooltip=lambda g: g.name),
                Column(self.tr("平台"), lambda g: _platform(g.platform)),
                Column(self.tr("状态"), lambda g: _status(g.status)),
                Column(self.tr("群主"), lambda g: g.owner or ""),
                Column(self.tr("人数"), lambda g: f"{g.member_count:,}", sort_key=lambda g: g.member_count,
                       right=True),
                Column(self.tr("最后发言"), lambda g: g.last_active.isoformat() if g.last_active else "—",
                       sort_key=lambda g: g.last_active or date.min),
                Column(self.tr("沉默天数"),
                       lambda g: self.tr("从未发言") if g.silent_days is None else str(g.silent_days),
                       sort_key=lambda g: float("inf") if g.silent_days is None else g.silent_days, right=True),
            ],
            colours={6: lambda g: BAD if g.silent_days is None else None},
            parent=self,
        )
        self.dormant_table = _table(self.dormant_model, "reportDormantGroups", sortable=True)
        self._fit_columns(self.dormant_table, stretch=0)

        self.top_title = QLabel()
        self.dormant_title = QLabel()
        for title in (self.top_title, self.dormant_title):
            font = title.font()
            font.setBold(True)
            title.setFont(font)
        self.top_empty = QLabel(self.tr("这个周期没有群发过言。"))
        self.dormant_empty = QLabel(self.tr("每个群在这个周期都发过言, 没有沉默群。"))
        for label in (self.top_empty, self.dormant_empty):
            label.setStyleSheet(f"color: {MUTED};")
            label.setWordWrap(True)
        top = self._titled(self.top_title, self.top_table, self.top_empty)
        dormant = self._titled(self.dormant_title, self.dormant_table, self.dormant_empty)
        self.lists = QSplitter(Qt.Orientation.Horizontal)
        self.lists.setChildrenCollapsible(False)
        self.lists.addWidget(top)
        self.lists.addWidget(dormant)
        # the top list has more columns (and a name column to read) than the dormant one
        self.lists.setStretchFactor(0, 11)
        self.lists.setStretchFactor(1, 9)
        self.content = QSplitter(Qt.Orientation.Vertical)
        self.content.setChildrenCollapsible(False)
        self.content.addWidget(self.summary_table)
        self.content.addWidget(self.lists)
        self.content.setStretchFactor(0, 0)
        self.content.setStretchFactor(1, 1)

    @staticmethod
    def _titled(title: QLabel, table: QTableView, empty: QLabel) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(title)
        layout.addWidget(table, 1)
        layout.addWidget(empty)
        empty.hide()
        return box

    @staticmethod
    def _fit_columns(table: QTableView, stretch: int) -> None:
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)

    def _rank(self, g: GroupRow) -> int:
        report = self.report
        if report is None:
            return 0
        for i, top in enumerate(report.top_groups, start=1):
            if top.id == g.id:
                return i
        return 0

    # ------------------------------------------------------------------ the period
    def choose_preset(self, preset: str, today: date | None = None) -> None:
        """Pick 上周 (``week``), 上月 (``month``), 本月至今 (``month_to_date``) or ``custom``."""
        index = self.preset.findData(preset)
        if index < 0:
            raise ValueError(preset)
        self._today = today
        if self.preset.currentIndex() == index:
            self._preset_chosen()
        else:
            self.preset.setCurrentIndex(index)

    def set_period(self, start: date, end: date) -> None:
        """A custom period (both days inclusive)."""
        self._set_dates(start, end)
        self._select_preset("custom")
        self._check_period()

    def period(self) -> ReportPeriod | None:
        """The chosen period, or None (with the reason shown beside the dates) when it makes no sense."""
        return self._check_period()

    def _preset_chosen(self) -> None:
        preset = self.preset.currentData()
        today = self._today or date.today()
        if preset == "week":
            chosen = last_iso_week(today)
        elif preset == "month":
            chosen = last_month(today)
        elif preset == "month_to_date":
            chosen = ReportPeriod(today.replace(day=1), today)
        else:
            return  # custom: the dates stay as they are, ready to be edited
        self._set_dates(chosen.start, chosen.end)
        self._check_period()

    def _set_dates(self, start: date, end: date) -> None:
        for edit, day in ((self.date_from, start), (self.date_to, end)):
            edit.blockSignals(True)
            edit.setDate(qdate(day))
            edit.blockSignals(False)

    def _select_preset(self, preset: str) -> None:
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData(preset))
        self.preset.blockSignals(False)

    def _dates_edited(self) -> None:
        self._select_preset("custom")  # the operator typed dates: the period is theirs now
        self._check_period()

    def _check_period(self) -> ReportPeriod | None:
        start, end = pydate(self.date_from.date()), pydate(self.date_to.date())
        message = ""
        if end < start:
            message = self.tr("结束日期早于开始日期")
        elif (end - start).days + 1 > PERIOD_MAX_DAYS:
            message = self.tr("周期最长 {0} 天").format(PERIOD_MAX_DAYS)
        self.period_error.setText(message)
        self.period_error.setVisible(bool(message))
        self.generate_button.setEnabled(not message)
        self.export_button.setEnabled(not message)
        return None if message else ReportPeriod(start, end)

    # ------------------------------------------------------------------ generating
    def generate(self) -> None:
        period = self._check_period()
        if period is None:
            return
        self._serial += 1
        serial = self._serial
        reports, targets = self._reports, dict(self._targets)
        self.generate_button.setEnabled(False)
        self.generate_button.setText(self.tr("正在生成…"))

        def done(report: ReportFigures) -> None:
            if serial == self._serial:
                self._generation_over()
                self.show_report(report)

        def failed(exc: BaseException) -> None:
            if serial == self._serial:
                self._generation_over()
                QMessageBox.warning(self, self.tr("报告没有生成"), error_message(exc))

        self._runner.run(lambda _ctx: reports.figures(period.start, period.end, targets),
                         on_done=done, on_error=failed)

    def _generation_over(self) -> None:
        self.generate_button.setText(self.tr("生成"))
        self._check_period()

    def show_report(self, report: ReportFigures) -> None:
        self.report = report
        self._stale = False
        families: dict[str, str] = {}
        for f in report.figures:
            families.setdefault(f.family, f.key)
        self._family_heads = set(families.values())
        previous = report.previous
        self.caption.setText(self.tr("本期 {0} ({1} 天), 对比上期 {2} · 生成于 {3}").format(
            report.period.label(), report.period.days, previous.label(), report.generated_at.strftime("%H:%M")))
        notes = [self._note(n) for n in report.notes]
        self.notice.setText("  ·  ".join(notes))
        self.notice.setVisible(bool(notes))
        if not report.groups:
            self.summary_model.set_rows([])
            self._show_empty(self.tr("{0} 期间还没有任何群, 报告无从算起。\n工作区是空的话, 先在“群组”页新建群, "
                                     "或用 文件 → 导入… 导入群列表、每日群数据或聊天记录, 再回来点“生成”; "
                                     "否则换一个更晚的周期。").format(report.period.label()))
        elif self._quiet(report):
            self.summary_model.set_rows(list(report.figures))
            self._show_empty(self.tr("{0} 和上一期都没有活动数据 (消息、入群、退群、订单)。\n换一个周期, "
                                     "或用 文件 → 导入… 导入这段时间的每日群数据或聊天记录。")
                             .format(report.period.label()))
        else:
            self.summary_model.set_rows(list(report.figures))
            self._show_lists(report)
            self.stack.setCurrentWidget(self.content)
            self._fit_summary()
        self.report_shown.emit(report)

    def _note(self, note: str) -> str:
        # the service's notes are zh_CN; the two it writes are translated here, others shown as they are
        if note.startswith("工作区还没有订单"):
            return self.tr("工作区还没有订单, 业务指标从略。")
        if note.startswith("本期没有等级变动记录"):
            return self.tr("本期没有等级变动记录。")
        return note

    @staticmethod
    def _quiet(report: ReportFigures) -> bool:
        figures = [f for f in report.figures if f.key != "silent_groups"]
        return all(f.current == 0 and f.previous == 0 for f in figures) and not report.new_members

    def _show_lists(self, report: ReportFigures) -> None:
        self.top_model.set_rows(list(report.top_groups))
        self.dormant_model.set_rows(list(report.dormant_groups))
        self.top_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.dormant_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.top_table.setColumnHidden(7, not report.has_orders)
        self.top_title.setText(self.tr("最活跃的群 (前 {0} 个, 按消息数)").format(len(report.top_groups)))
        self.dormant_title.setText(self.tr("最沉默的群 ({0} 个, 本期没有发言)").format(len(report.dormant_groups)))
        self.top_table.setVisible(bool(report.top_groups))
        self.top_empty.setVisible(not report.top_groups)
        self.dormant_table.setVisible(bool(report.dormant_groups))
        self.dormant_empty.setVisible(not report.dormant_groups)

    def _fit_summary(self) -> None:
        """Show every figure without a scroll bar; the lists below take the rest."""
        table = self.summary_table
        height = table.horizontalHeader().height() + 2 * table.frameWidth() + 2
        height += sum(table.rowHeight(r) for r in range(self.summary_model.rowCount()))
        table.setMinimumHeight(min(height, 160))
        self.content.setSizes([height, max(self.content.height() - height, 200)])

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    def _data_changed(self, kind: str, _ids: list) -> None:
        if kind == "workspace":  # another workspace: the numbers on screen belong to the old one
            self.report = None
            self.summary_model.set_rows([])
            self.top_model.set_rows([])
            self.dormant_model.set_rows([])
            self.caption.clear()
            self.notice.hide()
            self._show_empty(self.tr("已切换工作区。选好周期, 点“生成”。"))
        elif self.report is not None:
            self._stale = True
            self.notice.setText(self.tr("数据有了变动, 点“生成”看最新的数字。"))
            self.notice.show()

    # ------------------------------------------------------------------ targets
    @property
    def targets(self) -> dict[str, float]:
        return dict(self._targets)

    def set_targets(self, targets: dict[str, float]) -> None:
        """Keep these targets (in the settings) and re-score the report on screen with them."""
        self._targets = clean_targets(targets)
        save_targets(self._settings, self._targets)
        if self.report is not None:
            try:
                figures = with_targets(list(self.report.figures), self._targets)
            except ValidationError as exc:
                QMessageBox.warning(self, self.tr("目标没有保存"), error_message(exc))
                return
            stale = self._stale
            self.show_report(dataclasses.replace(self.report, figures=tuple(figures)))
            if stale:  # new targets do not make old numbers current
                self._data_changed("", [])
        self.status_message.emit(self.tr("已保存 {0} 个目标").format(len(self._targets)) if self._targets
                                 else self.tr("已清除全部目标"))

    def edit_targets(self) -> None:
        dialog = TargetsDialog(self._targets, self)
        self.targets_dialog = dialog
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.set_targets(dialog.targets())
        finally:
            self.targets_dialog = None
            dialog.deleteLater()

    # ------------------------------------------------------------------ exporting
    def export(self) -> None:
        period = self._check_period()
        if period is None:
            return
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        default = str(Path(documents or Path.home()) / default_file_name(period))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出报告"), default, self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        targets = dict(self._targets)
        shown = self.report
        # the report on screen is written as it is when it is what the operator asked for and still current
        reuse = shown if (shown is not None and not self._stale and shown.period == period
                          and tuple(with_targets(list(shown.figures), targets)) == shown.figures) else None
        reports = self._reports
        computing = self.tr("正在计算报告数字…")

        def job(ctx: TaskContext) -> Path | None:
            from desktop.io.report_workbook import write_report  # xlsxwriter loads only when needed

            try:
                ctx.progress(0, 0, computing)
                report = reuse or reports.figures(period.start, period.end, targets)
                ctx.cancel.raise_if_cancelled()
                return write_report(report, path, progress=ctx.progress, cancel=ctx.cancel)
            except Cancelled:
                return None

        self.export_button.setEnabled(False)
        self._runner.run(job, on_done=self._exported, on_error=self._export_failed,
                         title=self.tr("正在导出报告…"), parent=self)

    def _exported(self, path: Path | None) -> None:
        self._check_period()
        if path is None:
            self.status_message.emit(self.tr("已取消导出报告"))
            return
        self.last_export = path
        message = self.tr("报告已保存到 {0}").format(str(path))
        self.notice.setText(message)
        self.notice.show()
        self.status_message.emit(message)
        self.report_exported.emit(str(path))

    def _export_failed(self, exc: BaseException) -> None:
        self._check_period()
        QMessageBox.warning(self, self.tr("报告没有导出"), error_message(exc))
