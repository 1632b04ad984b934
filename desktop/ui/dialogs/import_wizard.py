"""The import wizard: choose a file, check the mapping and every problem cell, import, read the report.

Reading and matching run on a worker (``ImportService.preview``); the commit runs on the write
worker with a progress dialog and cancel, all-or-nothing. A corrected column mapping is
remembered per header layout (its signature) in the settings.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QStandardPaths, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import settings as keys
from desktop.domain.errors import ImportFileError, ValidationError
from desktop.domain.imports import (
    KIND_FIELDS,
    BatchKind,
    ColumnMapping,
    ImportKind,
    ImportPolicy,
    ImportPreview,
    ImportReport,
    RowOutcome,
    RowResult,
    extra_field,
)
from desktop.settings import Settings
from desktop.ui.labels import enum_name
from desktop.ui.models.rows_model import Column, RowsModel
from desktop.ui.styles import ERROR_COLOR, error_label
from desktop.workers.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.services.imports import ImportService

_Index = QModelIndex | QPersistentModelIndex
PREVIEW_ROWS = 200
MAPPINGS_KEPT = 50

#: field -> what the operator reads; the same words the alias table matches
FIELD_NAMES = {
    "name": "群名称", "platform": "平台", "external_id": "群号", "owner": "群主", "status": "状态",
    "lifespan": "周期", "start_date": "开始日期", "end_date": "结束日期", "capacity": "容量",
    "member_count": "人数", "area": "区域", "labels": "标签", "note": "备注", "nickname": "昵称",
    "wechat_id": "微信号", "phone": "手机", "address": "地址", "tier": "客户等级", "seed_user": "种子用户",
    "referrer": "推荐人", "source": "来源", "group_name": "群名称", "group_external_id": "群号", "role": "角色",
    "is_admin": "管理员", "joined_on": "入群日期", "left_on": "退群日期", "group_nickname": "群昵称",
    "occurred_at": "时间", "kind": "互动类型", "summary": "内容", "amount_cents": "金额",
    "follow_up_on": "跟进日期", "follow_up_done": "已跟进", "day": "日期", "messages": "消息数",
    "active_members": "发言人数", "joins": "进群", "leaves": "退群", "external_no": "订单号",
    "buyer_name": "下单人", "member_note": "团员备注", "placed_at": "下单时间", "paid_at": "支付时间",
    "leader_note": "团长备注", "product": "商品", "spec": "规格", "quantity": "数量", "unit_price_cents": "单价",
    "refund_cents": "退款金额", "cost_cents": "成本", "payment_status": "订单状态", "fulfilment_status": "提货状态",
    "pickup_point": "自提点", "receiver": "收货人", "province": "省", "city": "市", "district": "区",
    "courier": "快递公司", "tracking_no": "快递单号", "building": "楼号", "room": "房号",
}


#: where one field name means different things per kind
KIND_FIELD_NAMES = {(ImportKind.MEMBERS, "name"): "姓名"}


def field_name(name: str, kind: ImportKind | None = None) -> str:
    return KIND_FIELD_NAMES.get((kind, name)) or FIELD_NAMES.get(name, name)


class PreviewModel(QAbstractTableModel):
    """The first rows as they will be imported: one column per mapped field and per column kept as an
    extra (under its header), then the outcome. A cell that cannot be read is red with the reason as
    its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fields: list[str] = []
        #: extra columns' headers by field name
        self._titles: dict[str, str] = {}
        self._kind: ImportKind | None = None
        self._rows: list[tuple[int, dict[str, object], dict[str, str], RowResult | None]] = []

    def set_preview(self, preview: ImportPreview | None, outcomes: dict[int, RowResult] | None = None) -> None:
        self.beginResetModel()
        self._fields, self._rows, self._titles = [], [], {}
        if preview is not None and preview.sheet is not None:
            sheet = preview.sheet
            mapping = sheet.mapping
            self._kind = sheet.kind
            self._titles = {extra_field(c): mapping.headers[c].strip() for c in mapping.extra_columns}
            self._fields = [spec.name for spec in KIND_FIELDS[sheet.kind] if spec.name in mapping.columns]
            self._fields += list(self._titles)
            outcomes = outcomes or {}
            for row in sheet.rows[:PREVIEW_ROWS]:
                problems = {problem.field: f"{problem.raw!s}: {problem.reason}" for problem in row.problems}
                self._rows.append((row.row, dict(row.values), problems, outcomes.get(row.row)))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._fields) + 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return self.tr("行")
        if section == len(self._fields) + 1:
            return self.tr("结果")
        name = self._fields[section - 1]
        return self._titles.get(name) or field_name(name, self._kind)

    def problem_at(self, row: int, column: int) -> str | None:
        if 1 <= column <= len(self._fields):
            return self._rows[row][2].get(self._fields[column - 1])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        number, values, problems, result = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return number if role == Qt.ItemDataRole.DisplayRole else None
        if column == len(self._fields) + 1:
            if role == Qt.ItemDataRole.DisplayRole:
                return outcome_text(result) if result else ""
            if role == Qt.ItemDataRole.ForegroundRole and result and result.outcome is RowOutcome.FAILED:
                return QColor(ERROR_COLOR)
            if role == Qt.ItemDataRole.ToolTipRole and result and result.reason:
                return result.reason
            return None
        name = self._fields[column - 1]
        problem = problems.get(name)
        if role == Qt.ItemDataRole.DisplayRole:
            value = values.get(name)
            if problem is not None:
                return problem.split(": ", 1)[0]
            return "" if value is None else _show(name, value)
        if role == Qt.ItemDataRole.BackgroundRole and problem is not None:
            return QColor("#ffcdd2")
        if role == Qt.ItemDataRole.ToolTipRole and problem is not None:
            return problem
        return None


def _show(name: str, value: object) -> str:
    if name.endswith("_cents") and isinstance(value, int):
        return f"¥{value / 100:,.2f}"
    if isinstance(value, (list, tuple, frozenset, set)):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Enum):
        return enum_name(value)
    return str(value)


@dataclass(frozen=True)
class Tally:
    """What an import did or would do, counted on the worker: 100,000 results are too many to walk
    on the UI thread (each walk freezes the window for tens of milliseconds)."""

    inserted: int
    updated: int
    skipped: int
    failed: int
    problems: int
    #: results of the rows the preview table shows, by Excel row number
    shown: dict[int, RowResult]
    #: the skipped and failed rows, for the report table
    leftovers: list[RowResult]


def tally(results: Sequence[RowResult], shown_rows: set[int] | None = None, problems: int = 0) -> Tally:
    counts = dict.fromkeys(RowOutcome, 0)
    shown: dict[int, RowResult] = {}
    leftovers = []
    for result in results:
        counts[result.outcome] += 1
        if shown_rows and result.row in shown_rows:
            shown.setdefault(result.row, result)
        if result.outcome in (RowOutcome.SKIPPED, RowOutcome.FAILED):
            leftovers.append(result)
    return Tally(counts[RowOutcome.INSERTED], counts[RowOutcome.UPDATED], counts[RowOutcome.SKIPPED],
                 counts[RowOutcome.FAILED], problems, shown, leftovers)


def _tally_preview(preview: ImportPreview) -> Tally:
    sheet = preview.sheet
    shown = {row.row for row in sheet.rows[:PREVIEW_ROWS]} if sheet is not None else set()
    problems = sum(len(row.problems) for row in sheet.rows) if sheet is not None else 0
    return tally(preview.results, shown, problems)


def _detected(path: str, kind: BatchKind, sheet: str | None) -> ColumnMapping | None:
    if kind is BatchKind.CHAT_EXPORT:
        return None
    from desktop.io.header import detect_header
    from desktop.io.reader import read_grid

    return detect_header(read_grid(path, sheet).frame, ImportKind(kind.value))


def _missing(mapping: ColumnMapping) -> list[str]:
    return [spec.name for spec in KIND_FIELDS[mapping.kind] if spec.required and spec.name not in mapping.columns]


def _remembered(path: str, kind: BatchKind, sheet: str | None, saved: dict[str, str]) -> ColumnMapping | None:
    """The mapping the operator corrected before for this header layout, if any (runs on a worker)."""
    if not saved or kind is BatchKind.CHAT_EXPORT:
        return None
    try:
        detected = _detected(path, kind, sheet)
        text = saved.get(detected.signature) if detected is not None else None
        return ColumnMapping.from_json(text) if text else None
    except Exception:  # the preview itself reports a bad file with a proper message
        return None


def outcome_text(result: RowResult) -> str:
    words = {RowOutcome.INSERTED: "新增", RowOutcome.UPDATED: "更新", RowOutcome.SKIPPED: "跳过",
             RowOutcome.FAILED: "失败"}
    text = words[result.outcome]
    return f"{text}: {result.reason}" if result.reason else text


class ImportWizard(QDialog):
    #: the import was committed: its Tally
    imported = Signal(object)

    def __init__(self, runner: TaskRunner, imports: ImportService, settings: Settings,
                 parent: QWidget | None = None, *,
                 campaigns: Callable[[], list[tuple[int, str]]] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入"))
        self._campaigns = campaigns  # (id, title) of the group buys, read on a worker for the orders kind
        self.resize(1000, 640)
        self._runner = runner
        self._service = imports
        self._settings = settings
        self.preview: ImportPreview | None = None
        self.report: ImportReport | None = None
        self._mapping: ColumnMapping | None = None
        self._serial = 0
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_choose())
        self.stack.addWidget(self._build_check())
        self.stack.addWidget(self._build_done())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

    # ------------------------------------------------------------------ step 1: the file
    def _build_choose(self) -> QWidget:
        page = QWidget()
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setPlaceholderText(self.tr("选择 .xlsx / .xlsm / .csv 文件"))
        self.path.editingFinished.connect(self._path_changed)
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self.browse)
        self.kind = QComboBox()
        self.kind.setObjectName("importKind")
        for text, kind in ((self.tr("群列表"), BatchKind.GROUPS), (self.tr("成员"), BatchKind.MEMBERS),
                           (self.tr("群成员名单"), BatchKind.MEMBERSHIPS),
                           (self.tr("互动记录"), BatchKind.INTERACTIONS),
                           (self.tr("每日群数据"), BatchKind.DAY_STATS),
                           (self.tr("团购订单 (快团团 / 群接龙导出)"), BatchKind.ORDERS),
                           (self.tr("微信聊天记录导出 (MemoTrace / PyWxDump)"), BatchKind.CHAT_EXPORT)):
            self.kind.addItem(text, kind.value)
        self.campaign = QComboBox()
        self.campaign.setObjectName("importCampaign")
        self.campaign.setToolTip(self.tr("订单归入哪个团购活动"))
        self.campaign.addItem(self.tr("按文件名新建团购活动"), None)
        self.campaign_label = QLabel(self.tr("团购活动"))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.sheet = QComboBox()
        self.sheet.setObjectName("importSheet")
        self.policy = QComboBox()
        self.policy.setObjectName("importPolicy")
        for text, policy in ((self.tr("跳过已有的记录, 只加新的"), ImportPolicy.SKIP),
                             (self.tr("更新已有的记录, 并加新的"), ImportPolicy.UPDATE),
                             (self.tr("只加新的, 已有的记为失败"), ImportPolicy.INSERT)):
            self.policy.addItem(text, policy.value)
        self.choose_error = error_label(wrap=False)
        self.choose_error.setWordWrap(True)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("文件"), file_row)
        form.addRow(self.tr("导入内容"), self.kind)
        form.addRow(self.campaign_label, self.campaign)
        form.addRow(self.tr("工作表"), self.sheet)
        form.addRow(self.tr("已有的记录"), self.policy)
        hint = QLabel(self.tr("表头可以在标题行下面, 合并单元格、空行和合计行会自动跳过;"
                              "简体、繁体和英文表头都能识别。下一步会列出每个无法识别的单元格。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #616161;")
        self.next_button = QPushButton(self.tr("下一步"))
        self.next_button.setObjectName("importNext")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.check)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.choose_error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._kind_changed()
        return page

    def _kind_changed(self, *_args: object) -> None:
        """The campaign picker shows for orders only; the campaigns are read when first needed."""
        orders = self.kind.currentData() == BatchKind.ORDERS.value
        self.campaign.setVisible(orders)
        self.campaign_label.setVisible(orders)
        if orders and self.campaign.count() == 1 and self._campaigns is not None:
            read = self._campaigns
            self._runner.run(lambda _ctx: read(), on_done=self.set_campaigns, owner=self)

    def set_campaigns(self, campaigns: list[tuple[int, str]]) -> None:
        current = self.campaign.currentData()
        while self.campaign.count() > 1:
            self.campaign.removeItem(1)
        for campaign_id, title in campaigns:
            self.campaign.addItem(title, campaign_id)
        self.campaign.setCurrentIndex(max(self.campaign.findData(current), 0))

    def browse(self) -> None:
        start = self.path.text() or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择要导入的文件"), start,
                                              self.tr("表格 (*.xlsx *.xlsm *.csv);;所有文件 (*)"))
        if path:
            self.set_path(path)

    def set_path(self, path: str) -> None:
        self.path.setText(path)
        self._path_changed()

    def _path_changed(self) -> None:
        path = self.path.text().strip()
        self.sheet.clear()
        self.choose_error.clear()
        if not path or Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
            self.sheet.setEnabled(False)
            return
        from desktop.io.reader import sheet_names

        def done(names: list[str]) -> None:
            self.sheet.clear()
            self.sheet.addItems(names)
            self.sheet.setEnabled(len(names) > 1)

        self._runner.run(lambda _ctx: sheet_names(path), on_done=done,
                         on_error=lambda exc: self.choose_error.setText(error_message(exc)), owner=self)

    # ------------------------------------------------------------------ step 2: the check
    def _build_check(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.mapping_table = QTableWidget(0, 2)
        self.mapping_table.setObjectName("importMapping")
        self.mapping_table.setHorizontalHeaderLabels([self.tr("字段"), self.tr("对应的列")])
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.setMinimumWidth(260)
        self.mapping_table.setMaximumWidth(340)
        self.rows_model = PreviewModel(self)
        self.rows_view = QTableView()
        self.rows_view.setObjectName("importPreview")
        self.rows_view.setModel(self.rows_model)
        self.rows_view.verticalHeader().hide()
        self.rows_view.setWordWrap(False)
        self.rows_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows_view.horizontalHeader().setStretchLastSection(True)
        self.rows_view.horizontalHeader().setResizeContentsPrecision(30)  # fitting reads 30 rows, not 200
        self.back_button = QPushButton(self.tr("上一步"))
        self.back_button.clicked.connect(lambda: self.stack.setCurrentIndex(0))
        self.commit_button = QPushButton(self.tr("导入"))
        self.commit_button.setObjectName("importCommit")
        self.commit_button.clicked.connect(self.commit)
        body = QHBoxLayout()
        body.addWidget(self.mapping_table)
        body.addWidget(self.rows_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.commit_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        return page

    def batch_kind(self) -> BatchKind:
        return BatchKind(self.kind.currentData())

    def check(self, mapping: ColumnMapping | None = None) -> None:
        """Read the file and show what the import would do (nothing is written)."""
        path = self.path.text().strip()
        if not path:
            self.choose_error.setText(self.tr("请先选择要导入的文件"))
            return
        kind, policy, sheet = self.batch_kind(), ImportPolicy(self.policy.currentData()), self.sheet.currentText() or None
        saved = {} if mapping is not None else self._saved_mappings()
        campaign_id = self.campaign.currentData() if kind is BatchKind.ORDERS else None
        service = self._service
        self._serial += 1
        serial = self._serial
        self.next_button.setEnabled(False)

        def read(ctx: Any) -> tuple[ImportPreview, Tally] | ColumnMapping:
            chosen = mapping or _remembered(path, kind, sheet, saved)
            try:
                preview = service.preview(path, kind, sheet=sheet, mapping=chosen, policy=policy,
                                          progress=ctx.progress, cancel=ctx.cancel, campaign_id=campaign_id)
                return preview, _tally_preview(preview)
            except ImportFileError:
                # a required column the alias table did not find: let the operator point at it
                detected = chosen or _detected(path, kind, sheet)
                if detected is None or not _missing(detected):
                    raise
                return detected

        def done(result: tuple[ImportPreview, Tally] | ColumnMapping) -> None:
            self.next_button.setEnabled(True)
            if serial != self._serial:
                return
            if isinstance(result, ColumnMapping):
                self._show_unmapped(result)
            else:
                self._show_preview(*result)

        def failed(exc: BaseException) -> None:
            self.next_button.setEnabled(True)
            self.stack.setCurrentIndex(0)
            self.choose_error.setText(error_message(exc))

        self._runner.run(read, on_done=done, on_error=failed, title=self.tr("正在读取文件…"), parent=self)

    def _saved_mappings(self) -> dict[str, str]:
        try:
            saved = json.loads(self._settings.get(keys.IMPORT_MAPPINGS) or "{}")
        except ValueError:
            return {}
        return saved if isinstance(saved, dict) else {}

    def _remember(self, mapping: ColumnMapping) -> None:
        saved = self._saved_mappings()
        saved.pop(mapping.signature, None)
        saved[mapping.signature] = mapping.to_json()
        while len(saved) > MAPPINGS_KEPT:
            saved.pop(next(iter(saved)))
        self._settings.set(keys.IMPORT_MAPPINGS, json.dumps(saved, ensure_ascii=False))

    def _show_preview(self, preview: ImportPreview, counts: Tally) -> None:
        self.preview = preview
        self.stack.setCurrentIndex(1)
        self.rows_model.set_preview(preview, counts.shown)
        self.rows_view.resizeColumnsToContents()
        self._fill_mapping(preview.sheet.mapping if preview.sheet is not None else None)
        parts = [self.tr("“{0}”: 新增 {1} 行, 更新 {2} 行, 跳过 {3} 行, 失败 {4} 行。").format(
            preview.source_name, counts.inserted, counts.updated, counts.skipped, counts.failed)]
        sheet = preview.sheet
        if sheet is not None:
            if sheet.missing_fields:
                parts.append(self.tr("缺少必需的列: {0}。请在左边指定对应的列。").format(
                    "、".join(field_name(f, sheet.kind) for f in sheet.missing_fields)))
            if counts.problems:
                parts.append(self.tr("{0} 个单元格无法识别 (红色, 鼠标停留可看原因), 这些行会记为失败。").format(
                    counts.problems))
            if sheet.skipped_rows:
                parts.append(self.tr("已跳过 {0} 个合计或重复表头行。").format(len(sheet.skipped_rows)))
            extras = sheet.mapping.extra_columns
            if extras:
                parts.append(self.tr("其他列将作为附加信息保存: {0}。").format(
                    "、".join(sheet.mapping.headers[column].strip() for column in extras)))
        if preview.already_imported is not None:
            parts.append(self.tr("这个文件以前导入过 (第 {0} 次导入), 再导入不会重复添加。").format(
                preview.already_imported))
        self.summary.setText(" ".join(parts))
        blocked = sheet is not None and bool(sheet.missing_fields)
        self.commit_button.setEnabled(not blocked and (counts.inserted + counts.updated) > 0)

    def _show_unmapped(self, mapping: ColumnMapping) -> None:
        """The file lacks a required column under a known name: show the mapping to fix, no rows."""
        self.preview = None
        self.stack.setCurrentIndex(1)
        self.rows_model.set_preview(None)
        self._fill_mapping(mapping)
        self.summary.setText(self.tr("缺少必需的列: {0}。请在左边指定对应的列。").format(
            "、".join(field_name(f, mapping.kind) for f in _missing(mapping))))
        self.commit_button.setEnabled(False)

    def _fill_mapping(self, mapping: ColumnMapping | None) -> None:
        self._mapping = mapping
        self.mapping_table.setVisible(mapping is not None)
        if mapping is None:
            return
        specs = KIND_FIELDS[mapping.kind]
        self.mapping_table.setRowCount(len(specs))
        for row, spec in enumerate(specs):
            label = field_name(spec.name, mapping.kind) + (" *" if spec.required else "")
            item = self.mapping_table.item(row, 0)
            if item is None:
                item = QTableWidgetItem()
                self.mapping_table.setItem(row, 0, item)
            item.setText(label)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            combo = QComboBox()
            combo.addItem(self.tr("(不导入)"), None)
            for index, header in enumerate(mapping.headers):
                combo.addItem(header or self.tr("第 {0} 列").format(index + 1), index)
            combo.setCurrentIndex(max(combo.findData(mapping.columns.get(spec.name)), 0))
            combo.currentIndexChanged.connect(lambda _i, name=spec.name, box=combo: self._remap(name, box.currentData()))
            self.mapping_table.setCellWidget(row, 1, combo)
        self.mapping_table.resizeColumnToContents(0)

    def _remap(self, name: str, column: int | None) -> None:
        if self._mapping is None:
            return
        try:
            mapping = self._mapping.with_field(name, column)
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("列对应"), error_message(exc))
            return
        self._remember(mapping)
        self.check(mapping)

    def set_column(self, name: str, header: str) -> None:
        """Point a field at the column with this header (what choosing it in the table does)."""
        specs = [spec.name for spec in KIND_FIELDS[self._mapping.kind]] if self._mapping else []
        if name in specs:
            combo = self.mapping_table.cellWidget(specs.index(name), 1)
            combo.setCurrentIndex(combo.findText(header))

    # ------------------------------------------------------------------ step 3: commit and report
    def _build_done(self) -> QWidget:
        page = QWidget()
        self.result = QLabel()
        self.result.setObjectName("importResult")
        self.result.setWordWrap(True)
        self.report_model: RowsModel[RowResult] = RowsModel([
            Column(self.tr("行"), lambda r: str(r.row) if r.row else "", lambda r: r.row, right=True),
            Column(self.tr("结果"), lambda r: outcome_text(r).split(":")[0]),
            Column(self.tr("记录"), lambda r: r.key),
            Column(self.tr("原因"), lambda r: r.reason, tooltip=lambda r: r.reason or None),
        ], self)
        view = QTableView()
        view.setObjectName("importReport")
        view.setModel(self.report_model)
        view.setSortingEnabled(True)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        self.save_report_button = QPushButton(self.tr("保存报告…"))
        self.save_report_button.clicked.connect(self.save_report)
        close = QPushButton(self.tr("完成"))
        close.setObjectName("importDone")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_report_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(page)
        layout.addWidget(self.result)
        layout.addWidget(QLabel(self.tr("跳过和失败的行:")))
        layout.addWidget(view, 1)
        layout.addLayout(buttons)
        return page

    def commit(self) -> None:
        preview = self.preview
        if preview is None:
            return
        service = self._service
        if self._mapping is not None:
            self._remember(self._mapping)
        self.commit_button.setEnabled(False)

        def done(result: tuple[ImportReport, Tally]) -> None:
            report, counts = result
            self.report = report
            self.stack.setCurrentIndex(2)
            self.result.setText(self.tr(
                "导入完成 (第 {0} 次导入, 用时 {1:.1f} 秒): 新增 {2} 行, 更新 {3} 行, 跳过 {4} 行, 失败 {5} 行。"
                "如需撤销, 在“导入记录”里可整批撤销。").format(
                report.batch_id, report.seconds, counts.inserted, counts.updated, counts.skipped, counts.failed))
            self.report_model.set_rows(counts.leftovers)
            self.imported.emit(counts)

        def failed(exc: BaseException) -> None:
            self.commit_button.setEnabled(True)
            QMessageBox.warning(self, self.tr("导入没有完成"), error_message(exc) + self.tr("\n数据库没有任何改动。"))

        def write(ctx: Any) -> tuple[ImportReport, Tally]:
            report = service.commit(preview, preview.kind, preview.policy, progress=ctx.progress, cancel=ctx.cancel,
                                    campaign_id=preview.campaign_id)
            return report, tally(report.results)

        self._runner.run(write, on_done=done, on_error=failed, changes="imports", changed_ids=lambda _r: [],
                         title=self.tr("正在导入…"), parent=self)

    def save_report(self) -> None:
        report = self.report
        if report is None:
            return
        default = str(Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
                      / self.tr("导入报告_{0}.xlsx").format(report.batch_id))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存导入报告"), default, self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        from desktop.io.import_report import write_import_report

        self._runner.run(lambda _ctx: write_import_report(report, Path(path)),
                         on_done=lambda saved: self.result.setText(
                             self.result.text() + "\n" + self.tr("报告已保存: {0}").format(saved)),
                         on_error=lambda exc: QMessageBox.warning(self, self.tr("保存报告"), error_message(exc)),
                         owner=self)
