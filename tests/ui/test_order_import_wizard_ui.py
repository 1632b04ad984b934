"""An order export through the real import wizard: the file, the orders kind, a campaign from the
wizard's picker, the preview naming the leader's columns kept as extras, the commit, and the orders
on the 团购 page of that campaign."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from sqlalchemy import select

from desktop.domain.orders import CampaignDraft, OrderRow, ProductDraft
from desktop.services.orders import OrderService
from desktop.store.engine import open_database
from desktop.store.models import Order

from .conftest import type_text


@pytest.fixture
def export(tmp_path: Path) -> Path:
    """A 快团团 export: a title row, a row-number column, two lines of one order and two columns the
    leader defined (小区, 单元)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "订单列表"
    sheet["A1"] = "快团团 · 周六水果团 订单导出"
    sheet.append(["序号", "跟团号", "下单人", "联系电话", "商品", "规格", "数量", "订单金额", "订单状态", "自提点",
                  "小区", "单元"])
    sheet.append([1, 11, "王芳", 13800138000, "脐橙", "5斤", 2, "¥79.80", "已支付", "阳光花园自提点", "阳光花园",
                  "2单元"])
    sheet.append([2, 11, "王芳", 13800138000, "苹果", "", 1, "¥79.80", "已支付", "阳光花园自提点", "", ""])
    sheet.append([3, 12, "李娜", 13900139000, "苹果", "", 3, "¥60.00", "未支付", "阳光花园自提点", "翠苑", ""])
    sheet.append([4, 13, "张伟", 13700137000, "脐橙", "5斤", 1, "¥39.90", "已支付", "", "", "5单元"])
    path = tmp_path / "周六水果团订单.xlsx"
    book.save(path)
    return path


@pytest.fixture
def campaigns(db_path: Path) -> tuple[int, int]:
    """Two group buys; the export belongs to the second."""
    db = open_database(db_path)
    orders = OrderService(db)
    other = orders.create_campaign(CampaignDraft("周五蔬菜团"), [ProductDraft("青菜", "1斤", 500)])
    target = orders.create_campaign(CampaignDraft("阳光花园周六水果团"), [
        ProductDraft("脐橙", "5斤", 3990, 2500), ProductDraft("苹果", "", 2000, 1250)])
    db.dispose()
    return other.id, target.id


def test_an_order_export_imported_into_a_chosen_campaign_shows_on_its_page(
        qtbot, open_window, db_path: Path, campaigns: tuple[int, int], export: Path) -> None:
    other_id, campaign_id = campaigns
    window = open_window(db_path)
    window.open_import(str(export))
    wizard = window.import_wizard
    assert wizard is not None
    qtbot.waitUntil(lambda: wizard.sheet.count() == 1, timeout=10_000)
    assert not wizard.campaign.isVisible()  # the campaign picker is for orders only
    wizard.kind.setCurrentIndex(wizard.kind.findData("orders"))
    assert wizard.campaign.isVisible()
    qtbot.waitUntil(lambda: wizard.campaign.count() == 3, timeout=10_000)  # 按文件名新建 and the two group buys
    wizard.campaign.setCurrentIndex(wizard.campaign.findData(campaign_id))
    assert wizard.campaign.currentText() == "阳光花园周六水果团"

    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.preview is not None and wizard.stack.currentIndex() == 1, timeout=10_000)
    assert wizard.preview.campaign_id == campaign_id
    summary = wizard.summary.text()
    assert "新增 4 行" in summary and "失败 0 行" in summary
    # nothing is dropped silently: the leader's columns are named, the row numbers are not
    assert "其他列将作为附加信息保存: 小区、单元。" in summary and "序号" not in summary
    model = wizard.rows_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[-3:-1] == ["小区", "单元"]
    first = {headers[c]: model.index(0, c).data() for c in range(model.columnCount())}
    assert (first["小区"], first["单元"]) == ("阳光花园", "2单元")
    assert wizard.commit_button.isEnabled()

    qtbot.mouseClick(wizard.commit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.report is not None, timeout=20_000)
    assert "新增 4 行" in wizard.result.text() and "失败 0 行" in wizard.result.text()
    qtbot.mouseClick(wizard.findChild(QPushButton, "importDone"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.import_wizard is None and window.runner.active_count == 0, timeout=10_000)

    window.show_page("group_buy")
    page = window.group_buy_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and window.runner.active_count == 0, timeout=10_000)
    page.select_campaign(campaign_id)
    tab = page.orders_tab

    def shown() -> list[OrderRow | None]:
        return [tab.model.cached(r) for r in range(tab.model.rowCount())]

    qtbot.waitUntil(lambda: page.campaign is not None and page.campaign.id == campaign_id
                    and tab.model.rowCount() == 3 and all(shown()), timeout=15_000)
    rows = {row.external_no: row for row in shown()}
    assert set(rows) == {"11", "12", "13"}
    assert (rows["11"].buyer_name, rows["11"].items_text, rows["11"].amount_cents) == ("王芳", "脐橙 5斤×2、苹果×1", 7980)
    assert rows["11"].pickup_point_name == "阳光花园自提点" and rows["12"].quantity == 3
    # the campaign's own products were used, none added; the other group buy got nothing
    assert [p.label for p in page.campaign.products] == ["脐橙 5斤", "苹果"]
    # the leader's columns: found by the search, shown in the order editor
    type_text(tab.search, "翠苑")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and all(shown()), timeout=10_000)
    assert shown()[0].external_no == "12"
    tab.table.selectRow(0)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab._dialog is not None and tab._dialog.isVisible(), timeout=10_000)
    extras = tab._dialog.findChild(QLabel, "orderExtras")
    assert extras is not None and "小区: 翠苑" in extras.text()
    tab._dialog.reject()
    qtbot.waitUntil(lambda: tab._dialog is None, timeout=10_000)
    tab.search.clear()
    page.select_campaign(other_id)
    qtbot.waitUntil(lambda: page.campaign is not None and page.campaign.id == other_id
                    and window.runner.active_count == 0, timeout=10_000)
    assert tab.model.rowCount() == 0
    # and the leader's columns are stored with the orders
    db = open_database(db_path)
    try:
        with db.transaction() as session:
            extras = dict(session.execute(select(Order.external_no, Order.extras_json)).all())
    finally:
        db.dispose()
    assert {no: json.loads(text) for no, text in extras.items()} == {
        "11": {"小区": "阳光花园", "单元": "2单元"}, "12": {"小区": "翠苑"}, "13": {"单元": "5单元"}}
