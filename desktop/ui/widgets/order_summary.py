"""The 汇总 tab of the group-buy page: the supplier order (by product and spec), by pickup point, by
group, by leader (every campaign), payment reconciliation with who still owes, the repurchase rate; and
the sheets: 导出供货单…, 导出自提单… (xlsx) and 打印自提单 (PDF)… with phones masked."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.orders import (
    CampaignDetail,
    CampaignSummary,
    Debtor,
    GroupSummary,
    LeaderSummary,
    PickupSummary,
    ProductSummary,
    Repurchase,
)
from desktop.ui.models.rows_model import Column, RowsModel
from desktop.ui.widgets.order_labels import money
from desktop.ui.widgets.tables import read_only_table
from desktop.workers.tasks import TaskContext, TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.services.order_summaries import OrderSummaryService


def _table(model: RowsModel[Any], name: str) -> QTableView:
    view = read_only_table(model, name, stretch_last=False)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.horizontalHeader().setMinimumSectionSize(40)
    return view


def _num(value: int) -> str:
    return f"{value:,}"


class SummaryTab(QWidget):
    status_message = Signal(str)

    def __init__(self, runner: TaskRunner, summaries: OrderSummaryService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = summaries
        self.campaign: CampaignDetail | None = None
        self.summary: CampaignSummary | None = None
        self._serial = 0
        #: the 按团长 figures span every campaign and are read only when that tab is looked at
        self._leaders_stale = True

        self.supplier_button = QPushButton(self.tr("导出供货单…"))
        self.supplier_button.setObjectName("exportSupplier")
        self.supplier_button.setToolTip(self.tr("按商品和规格汇总的数量、金额、成本和毛利 (.xlsx), 发给供货商"))
        self.supplier_button.clicked.connect(lambda: self.export_supplier())
        self.pickup_button = QPushButton(self.tr("导出自提单…"))
        self.pickup_button.setObjectName("exportPickup")
        self.pickup_button.setToolTip(self.tr("每个自提点一张工作表, 按楼号房号排序, 带打勾列; 手机号打码"))
        self.pickup_button.clicked.connect(lambda: self.export_pickup())
        self.print_button = QPushButton(self.tr("打印自提单 (PDF)…"))
        self.print_button.setObjectName("printPickup")
        self.print_button.setToolTip(self.tr("可直接打印的自提单, 每个自提点一页起; 手机号打码"))
        self.print_button.clicked.connect(lambda: self.print_pickup())
        self.totals = QLabel()
        self.totals.setObjectName("summaryTotals")
        self.totals.setWordWrap(True)
        self.totals.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        buttons = QHBoxLayout()
        buttons.addWidget(self.supplier_button)
        buttons.addWidget(self.pickup_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)

        self.products_model: RowsModel[ProductSummary] = RowsModel([
            Column(self.tr("商品"), lambda p: p.name),
            Column(self.tr("规格"), lambda p: p.spec),
            Column(self.tr("数量"), lambda p: _num(p.quantity), sort_key=lambda p: p.quantity, right=True),
            Column(self.tr("订单数"), lambda p: _num(p.orders), sort_key=lambda p: p.orders, right=True),
            Column(self.tr("销售额"), lambda p: money(p.amount_cents), sort_key=lambda p: p.amount_cents, right=True),
            Column(self.tr("成本"), lambda p: money(p.cost_cents), sort_key=lambda p: p.cost_cents, right=True),
            Column(self.tr("毛利"), lambda p: money(p.margin_cents), sort_key=lambda p: p.margin_cents, right=True),
        ], self)
        self.points_model: RowsModel[PickupSummary] = RowsModel([
            Column(self.tr("自提点"), lambda p: p.name or self.tr("(未指定)"), tooltip=lambda p: p.address or None),
            Column(self.tr("订单数"), lambda p: _num(p.orders), sort_key=lambda p: p.orders, right=True),
            Column(self.tr("人数"), lambda p: _num(p.buyers), sort_key=lambda p: p.buyers, right=True),
            Column(self.tr("件数"), lambda p: _num(p.quantity), sort_key=lambda p: p.quantity, right=True),
            Column(self.tr("金额"), lambda p: money(p.amount_cents), sort_key=lambda p: p.amount_cents, right=True),
            Column(self.tr("已提货"), lambda p: f"{p.picked_up}/{p.orders}", sort_key=lambda p: p.picked_up,
                   right=True),
        ], self)
        self.groups_model: RowsModel[GroupSummary] = RowsModel([
            Column(self.tr("群"), lambda g: g.name or self.tr("(未关联群)")),
            Column(self.tr("订单数"), lambda g: _num(g.orders), sort_key=lambda g: g.orders, right=True),
            Column(self.tr("人数"), lambda g: _num(g.buyers), sort_key=lambda g: g.buyers, right=True),
            Column(self.tr("金额"), lambda g: money(g.amount_cents), sort_key=lambda g: g.amount_cents, right=True),
            Column(self.tr("退款"), lambda g: money(g.refund_cents), sort_key=lambda g: g.refund_cents, right=True),
        ], self)
        self.leaders_model: RowsModel[LeaderSummary] = RowsModel([
            Column(self.tr("团长"), lambda s: s.leader),
            Column(self.tr("团购数"), lambda s: _num(s.campaigns), sort_key=lambda s: s.campaigns, right=True),
            Column(self.tr("订单数"), lambda s: _num(s.orders), sort_key=lambda s: s.orders, right=True),
            Column(self.tr("人数"), lambda s: _num(s.buyers), sort_key=lambda s: s.buyers, right=True),
            Column(self.tr("金额"), lambda s: money(s.amount_cents), sort_key=lambda s: s.amount_cents, right=True),
            Column(self.tr("退款"), lambda s: money(s.refund_cents), sort_key=lambda s: s.refund_cents, right=True),
        ], self)
        self.owing_model: RowsModel[Debtor] = RowsModel([
            Column(self.tr("下单人"), lambda d: d.name),
            Column(self.tr("电话"), lambda d: d.phone),
            Column(self.tr("未付订单"), lambda d: _num(d.orders), sort_key=lambda d: d.orders, right=True),
            Column(self.tr("应付"), lambda d: money(d.amount_cents), sort_key=lambda d: d.amount_cents, right=True),
        ], self)
        self.products_table = _table(self.products_model, "summaryProducts")
        for column, width in enumerate((130, 80, 56, 56, 90, 90, 90)):
            self.products_table.setColumnWidth(column, width)
        self.points_table = _table(self.points_model, "summaryPoints")
        for column, width in enumerate((160, 56, 56, 56, 90, 64)):
            self.points_table.setColumnWidth(column, width)
        self.groups_table = _table(self.groups_model, "summaryGroups")
        for column, width in enumerate((200, 56, 56, 90, 80)):
            self.groups_table.setColumnWidth(column, width)
        self.leaders_table = _table(self.leaders_model, "summaryLeaders")
        for column, width in enumerate((140, 64, 56, 56, 90, 80)):
            self.leaders_table.setColumnWidth(column, width)
        self.owing_table = _table(self.owing_model, "summaryOwing")
        for column, width in enumerate((120, 110, 64, 90)):
            self.owing_table.setColumnWidth(column, width)
        self.reconciliation = QLabel()
        self.reconciliation.setObjectName("summaryReconciliation")
        self.reconciliation.setWordWrap(True)
        money_page = QWidget()
        money_layout = QVBoxLayout(money_page)
        money_layout.setContentsMargins(0, 4, 0, 0)
        money_layout.addWidget(self.reconciliation)
        money_layout.addWidget(QLabel(self.tr("还没付款的人:")))
        money_layout.addWidget(self.owing_table, 1)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.products_table, self.tr("供货单"))
        self.tabs.addTab(self.points_table, self.tr("按自提点"))
        self.tabs.addTab(self.groups_table, self.tr("按群"))
        leaders_tab = self.tabs.addTab(self.leaders_table, self.tr("按团长"))
        self.tabs.setTabToolTip(leaders_tab, self.tr("所有团购活动按团长汇总, 不含已取消的订单"))
        self.tabs.addTab(money_page, self.tr("收款对账"))
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet("color: #757575;")
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.totals)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._show(None, None)

    # ------------------------------------------------------------------ data
    def set_campaign(self, campaign: CampaignDetail | None) -> None:
        self.campaign = campaign
        self.refresh()

    def refresh(self) -> None:
        campaign, service = self.campaign, self._service
        self._serial += 1
        serial = self._serial
        self._leaders_stale = True
        if campaign is None:
            self._show(None, None)
            return
        if self.tabs.currentWidget() is self.leaders_table:
            self._read_leaders()

        def read(_ctx: TaskContext) -> tuple[CampaignSummary, Repurchase]:
            return service.campaign_summary(campaign.id), service.repurchase()

        def done(result: tuple[CampaignSummary, Repurchase]) -> None:
            if serial == self._serial:
                self._show(*result)

        self._runner.run(read, on_done=done, owner=self)

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.leaders_table and self._leaders_stale and self.campaign is not None:
            self._read_leaders()

    def _read_leaders(self) -> None:
        """Every leader's campaigns, orders, buyers, amount and refunds (OrderSummaryService.leaders);
        kept out of ``refresh``'s read, which every campaign opened pays for."""
        self._leaders_stale = False
        service, serial = self._service, self._serial

        def done(leaders: list[LeaderSummary]) -> None:
            if serial == self._serial:
                self.leaders_model.set_rows(leaders)

        self._runner.run(lambda _ctx: service.leaders(), on_done=done, owner=self)

    def _show(self, summary: CampaignSummary | None, repurchase: Repurchase | None) -> None:
        self.summary = summary
        if summary is None:
            self.leaders_model.set_rows([])
        self.products_model.set_rows(summary.products if summary else [])
        self.points_model.set_rows(summary.pickup_points if summary else [])
        self.groups_model.set_rows(summary.groups if summary else [])
        self.owing_model.set_rows(summary.reconciliation.owing if summary else [])
        has_orders = bool(summary and summary.products and any(p.quantity for p in summary.products))
        for button in (self.supplier_button, self.pickup_button, self.print_button):
            button.setEnabled(has_orders)
        if summary is None:
            self.totals.clear()
            self.reconciliation.clear()
            self.empty_label.setText(self.tr("选择一个团购活动查看汇总。"))
            self.empty_label.show()
            return
        self.empty_label.setVisible(not has_orders)
        self.empty_label.setText(self.tr("还没有有效订单: 在“订单”页快速下单或在“接龙”页粘贴接龙后, 这里会汇总供货单、"
                                         "自提点和收款。"))
        quantity = sum(p.quantity for p in summary.products)
        amount = sum(p.amount_cents for p in summary.products)
        cost = sum(p.cost_cents for p in summary.products)
        rate = self.tr("本团复购率 {0:.0%}").format(self._campaign_rate(repurchase)) if repurchase else ""
        overall = self.tr("全部团购复购率 {0:.0%} ({1}/{2} 人)").format(
            repurchase.rate, repurchase.repeat_buyers, repurchase.buyers) if repurchase else ""
        self.totals.setText(self.tr("共 {0} 件 · 销售额 {1} · 成本 {2} · 毛利 {3}").format(
            _num(quantity), money(amount), money(cost), money(amount - cost)) + "\n" + " · ".join(
            t for t in (rate, overall) if t))
        r = summary.reconciliation
        self.reconciliation.setText(self.tr(
            "已付款 {0} 单 {1} · 未付款 {2} 单 {3} · 已退款 {4} 单 {5} · 已取消 {6} 单\n实收 {7}").format(
            r.paid_orders, money(r.paid_cents), r.unpaid_orders, money(r.unpaid_cents), r.refunded_orders,
            money(r.refund_cents), r.cancelled_orders, money(r.received_cents)))

    def _campaign_rate(self, repurchase: Repurchase) -> float:
        for row in repurchase.per_campaign:
            if self.campaign is not None and row.campaign_id == self.campaign.id:
                return row.rate
        return 0.0

    # ------------------------------------------------------------------ sheets
    def _ask_path(self, title: str, stem: str, pattern: str, suffix: str) -> str:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = self.campaign.title if self.campaign else ""
        default = str(Path(documents) / f"{name}_{stem}_{date.today().isoformat()}{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, title, default, pattern)
        if path and not path.lower().endswith(suffix):
            path += suffix
        return path

    def export_supplier(self, path: str | None = None) -> None:
        campaign, service = self.campaign, self._service
        if campaign is None:
            return
        path = path or self._ask_path(self.tr("导出供货单"), self.tr("供货单"), self.tr("Excel 工作簿 (*.xlsx)"), ".xlsx")
        if not path:
            return

        def write(_ctx: TaskContext) -> Path:
            from desktop.io.order_sheets import write_supplier_sheet

            return write_supplier_sheet(service.campaign_title(campaign.id), service.products(campaign.id), path)

        self._runner.run(write, title=self.tr("正在导出供货单…"), parent=self,
                         on_done=lambda p: self.status_message.emit(self.tr("供货单已保存到 {0}").format(p)))

    def export_pickup(self, path: str | None = None) -> None:
        campaign, service = self.campaign, self._service
        if campaign is None:
            return
        path = path or self._ask_path(self.tr("导出自提单"), self.tr("自提单"), self.tr("Excel 工作簿 (*.xlsx)"), ".xlsx")
        if not path:
            return

        def write(_ctx: TaskContext) -> Path:
            from desktop.io.order_sheets import write_pickup_sheets

            return write_pickup_sheets(service.campaign_title(campaign.id), service.pickup_lists(campaign.id), path)

        self._runner.run(write, title=self.tr("正在导出自提单…"), parent=self,
                         on_done=lambda p: self.status_message.emit(self.tr("自提单已保存到 {0}").format(p)))

    def print_pickup(self, path: str | None = None) -> None:
        """The HTML is built and printed to PDF on a worker (Qt's print engine works off the UI thread;
        3,000 orders take seconds)."""
        campaign, service = self.campaign, self._service
        if campaign is None:
            return
        path = path or self._ask_path(self.tr("打印自提单"), self.tr("自提单"), self.tr("PDF 文件 (*.pdf)"), ".pdf")
        if not path:
            return

        def build(_ctx: TaskContext) -> Path:
            from desktop.io.order_sheets import pickup_html
            from desktop.ui.print_pdf import html_to_pdf

            document = pickup_html(service.campaign_title(campaign.id), service.pickup_lists(campaign.id))
            return html_to_pdf(document, path)

        def failed(exc: BaseException) -> None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, self.tr("无法打印"), error_message(exc))

        self._runner.run(build, on_done=lambda saved: self.status_message.emit(
                             self.tr("自提单 PDF 已保存到 {0}").format(saved)),
                         on_error=failed, title=self.tr("正在准备自提单…"), parent=self)
