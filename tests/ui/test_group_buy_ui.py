"""The 团购 page in the real window: a campaign with products and a pickup point, a 接龙 pasted, fixed
in the review table and turned into orders, bulk 标记已付款, the summary, the supplier sheet and the PDF."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFileDialog, QMessageBox, QSpinBox

from desktop.domain.enums import PaymentStatus
from desktop.domain.members import MemberDraft
from desktop.domain.orders import LineStatus, OrderDraft, OrderItemDraft
from desktop.services.members import MemberService
from desktop.store.engine import open_database
from desktop.ui.widgets.jielong_review import Col

from .conftest import type_text

JIELONG = """#接龙
周六水果团 截单周五20:00
1. 王芳 脐橙×2 阳光花园
2. 李娜 苹果x1 阳光花园
3. 张伟 脐橙1 苹果1
4. 陈静 香蕉×3
5. 刘洋 苹果×2
6. 赵敏 脐橙x1
"""


def idle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.runner.active_count == 0, timeout=15_000)


def recognise(qtbot, window, page, text: str, rows: int):  # type: ignore[no-untyped-def]
    """Paste ``text`` on the page's 接龙 tab and press 识别; the tab, once its ``rows`` lines are read."""
    page.tabs.setCurrentWidget(page.jielong_tab)
    tab = page.jielong_tab
    before = tab.review
    tab.paste.setPlainText(text)
    qtbot.mouseClick(tab.recognise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.review is not before and tab.model.rowCount() == rows, timeout=10_000)
    idle(qtbot, window)
    return tab


def create_campaign(qtbot, window):  # type: ignore[no-untyped-def]
    window.show_page("group_buy")
    page = window.group_buy_page
    qtbot.waitUntil(lambda: page.list_stack.currentWidget() is page.list_empty, timeout=10_000)
    assert "新建团购" in page.list_empty.text()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page._dialog is not None, timeout=10_000)
    dialog = page._dialog
    type_text(dialog.title, "阳光花园周六水果团")
    type_text(dialog.leader, "王芳")
    dialog.add_product_row("脐橙", "5斤", "39.90", "25", "", "")
    dialog.add_product_row("苹果", "", "20", "12.5", "2", "100")
    dialog.groups.item(0).setCheckState(Qt.CheckState.Checked)
    type_text(dialog.point_name, "阳光花园自提点")
    type_text(dialog.point_address, "阳光花园3栋门口")
    dialog.add_point()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.campaign is not None and page.campaign.title == "阳光花园周六水果团",
                    timeout=10_000)
    idle(qtbot, window)
    assert [p.label for p in page.campaign.products] == ["脐橙 5斤", "苹果"]
    assert [p.name for p in page.campaign.pickup_points] == ["阳光花园自提点"]
    assert page.model.rowCount() == 1 and page.list_stack.currentWidget() is page.table
    return page


def choose_product(qtbot, tab, row: int, label: str) -> None:  # type: ignore[no-untyped-def]
    """Open the product editor of a review line, pick from its list and commit, as a double-click does."""
    index = tab.model.index(row, Col.PRODUCT)
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    editor = tab.table.findChild(QComboBox, "productEditor")
    assert editor is not None
    editor.setCurrentIndex(editor.findText(label))
    delegate = tab.table.itemDelegate()
    delegate.commitData.emit(editor)
    delegate.closeEditor.emit(editor)


def set_quantity(tab, row: int, quantity: int) -> None:  # type: ignore[no-untyped-def]
    """Open the quantity box of a review line, type a number and commit, as the operator does."""
    index = tab.model.index(row, Col.QUANTITY)
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    editor = tab.table.findChild(QSpinBox, "quantityEditor")
    assert editor is not None
    editor.setValue(quantity)
    delegate = tab.table.itemDelegate()
    delegate.commitData.emit(editor)
    delegate.closeEditor.emit(editor)


def order_rows(page):  # type: ignore[no-untyped-def]
    tab = page.orders_tab
    return [tab.model.cached(r) for r in range(tab.model.rowCount())]


def test_jielong_to_orders_payment_summary_and_sheets(qtbot, open_window, seeded_path: Path, tmp_path: Path,
                                                      monkeypatch) -> None:
    window = open_window(seeded_path)
    page = create_campaign(qtbot, window)
    assert page.orders_tab.table_stack.currentWidget() is page.orders_tab.empty_label
    assert "快速下单" in page.orders_tab.empty_label.text()

    # paste and recognise: the line naming no known product is red and blocks 创建订单
    tab = recognise(qtbot, window, page, JIELONG, 6)
    lines = tab.model.lines
    banana = next(n for n, line in enumerate(lines) if "香蕉" in line.review.source)
    assert lines[banana].problems and not lines[banana].items
    assert tab.model.index(banana, Col.SOURCE).data() == lines[banana].review.source
    assert tab.model.index(banana, Col.PROBLEMS).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert not tab.create_button.isEnabled() and "有问题" in tab.state_label.text()
    assert [line.problems for n, line in enumerate(lines) if n != banana] == [[]] * 5

    # the product picked for 香蕉×3 takes its 3: over the 苹果 limit (2), so the operator picks 脐橙
    choose_product(qtbot, tab, banana, "苹果")
    assert tab.model.index(banana, Col.PRODUCT).data() == "苹果×3"
    assert tab.model.index(banana, Col.QUANTITY).data() == "3"
    qtbot.waitUntil(lambda: not tab.checking, timeout=10_000)
    idle(qtbot, window)
    assert tab.model.lines[banana].problems == ["“苹果”每人限购 2 份，这里是 3 份"]
    assert not tab.create_button.isEnabled()
    choose_product(qtbot, tab, banana, "脐橙 5斤")
    assert tab.model.index(banana, Col.PRODUCT).data() == "脐橙 5斤×3"
    qtbot.waitUntil(lambda: not tab.checking and tab.create_button.isEnabled(), timeout=10_000)
    assert tab.model.lines[banana].items and not tab.model.lines[banana].problems
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 6 and all(line.done for line in tab.model.lines),
                    timeout=15_000)
    idle(qtbot, window)
    assert tab.undo_button.isEnabled() and tab.last_batch is not None

    # a longer 接龙 pasted again: the six lines read 已下单, only the new one is created
    recognise(qtbot, window, page, JIELONG + "7. 孙丽 脐橙×1\n", 7)
    statuses = [line.status for line in tab.model.lines]
    assert statuses == [LineStatus.DONE] * 6 + [LineStatus.NEW]
    assert "1 行待创建" in tab.state_label.text()
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(line.done for line in tab.model.lines), timeout=15_000)
    idle(qtbot, window)

    # the orders tab lists them
    page.tabs.setCurrentWidget(page.orders_tab)
    orders = page.orders_tab
    qtbot.waitUntil(lambda: orders.model.rowCount() == 7 and all(order_rows(page)), timeout=15_000)
    idle(qtbot, window)
    assert sorted(r.buyer_name for r in order_rows(page)) == sorted(
        ["王芳", "李娜", "张伟", "陈静", "刘洋", "赵敏", "孙丽"])

    # bulk 标记已付款 on two orders
    model = orders.model
    orders.table.selectionModel().select(QItemSelection(model.index(0, 0), model.index(1, model.columnCount() - 1)),
                                         QItemSelectionModel.SelectionFlag.ClearAndSelect)
    chosen = set(orders.selected_ids())
    assert len(chosen) == 2 and orders.paid_button.isEnabled() and "已选 2 单" in orders.count_label.text()
    qtbot.mouseClick(orders.paid_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(order_rows(page)) and {r.id for r in order_rows(page)
                                                        if r.payment_status is PaymentStatus.PAID} == chosen,
                    timeout=15_000)
    idle(qtbot, window)
    rows = order_rows(page)

    # the supplier summary equals the orders
    page.tabs.setCurrentWidget(page.summary_tab)
    summary = page.summary_tab
    qtbot.waitUntil(lambda: summary.summary is not None and summary.products_model.rowCount() == 2, timeout=15_000)
    idle(qtbot, window)
    products = {p.name: p for p in summary.summary.products}
    assert sum(p.amount_cents for p in products.values()) == sum(r.amount_cents for r in rows)
    assert sum(p.quantity for p in products.values()) == sum(r.quantity for r in rows)
    assert products["苹果"].quantity == 1 + 1 + 2  # 李娜, 张伟 and 刘洋
    assert products["脐橙"].quantity == 2 + 1 + 3 + 1 + 1  # 王芳, 张伟, 陈静 (the fixed line), 赵敏, 孙丽
    assert products["脐橙"].amount_cents == 8 * 3990 and products["苹果"].cost_cents == 4 * 1250
    reconciliation = summary.summary.reconciliation
    assert (reconciliation.paid_orders, reconciliation.unpaid_orders) == (2, 5)
    assert "¥" in summary.totals.text()

    # the supplier sheet, read back
    sheet_path = tmp_path / "供货单.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(sheet_path), "")))
    qtbot.mouseClick(summary.supplier_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(sheet_path.exists, timeout=15_000)
    idle(qtbot, window)
    book = openpyxl.load_workbook(sheet_path, read_only=True)
    cells = [row for row in book.active.iter_rows(values_only=True)]
    book.close()
    by_name = {row[0]: row for row in cells if row and row[0] in ("脐橙", "苹果")}
    assert by_name["脐橙"][2] == 8 and by_name["苹果"][2] == 4

    # the pickup list as PDF (phones masked by the service)
    pdf_path = tmp_path / "自提单.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(pdf_path), "")))
    qtbot.mouseClick(summary.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(pdf_path.exists, timeout=15_000)
    idle(qtbot, window)
    assert pdf_path.read_bytes().startswith(b"%PDF") and pdf_path.stat().st_size > 1000


def test_quick_entry_errors_on_the_field_and_undo_a_paste(qtbot, open_window, seeded_path: Path,
                                                          monkeypatch) -> None:
    window = open_window(seeded_path)
    page = create_campaign(qtbot, window)
    orders = page.orders_tab

    # zero quantity and an unknown product: a message on the items field, nothing saved
    type_text(orders.entry_member, "王芳")
    type_text(orders.entry_items, "苹果×0")
    qtbot.keyClick(orders.entry_items, Qt.Key.Key_Return)
    assert "大于 0" in orders.entry_error.text() and orders.entry_items.styleSheet()
    orders.entry_items.clear()
    type_text(orders.entry_items, "榴莲×1")
    qtbot.keyClick(orders.entry_items, Qt.Key.Key_Return)
    assert "榴莲" in orders.entry_error.text()

    # over the per-person limit (苹果: 2): refused by the service, shown on the field
    orders.entry_items.clear()
    type_text(orders.entry_items, "苹果×3")
    qtbot.keyClick(orders.entry_items, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "限购" in orders.entry_error.text(), timeout=10_000)
    idle(qtbot, window)
    assert orders.entry_items.styleSheet()

    # a good order by keyboard: Enter saves and the list shows it
    orders.entry_items.clear()
    type_text(orders.entry_items, "脐橙×2 苹果×1")
    qtbot.keyClick(orders.entry_items, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: orders.model.rowCount() == 1 and all(order_rows(page)), timeout=10_000)
    idle(qtbot, window)
    assert not orders.entry_error.isVisible() and orders.entry_items.text() == ""
    assert order_rows(page)[0].amount_cents == 2 * 3990 + 2000

    # a pasted 接龙 and its undo
    page.tabs.setCurrentWidget(page.jielong_tab)
    tab = page.jielong_tab
    tab.paste.setPlainText("#接龙\n1. 李娜 苹果x1\n2. 张伟 脐橙1\n")
    qtbot.mouseClick(tab.recognise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2 and tab.create_button.isEnabled(), timeout=10_000)
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.undo_button.isEnabled(), timeout=15_000)
    idle(qtbot, window)
    assert page.model.row_at(0).orders == 3
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(tab.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row_at(0).orders == 1, timeout=15_000)
    idle(qtbot, window)
    assert not tab.undo_button.isEnabled()
    qtbot.waitUntil(lambda: [line.status for line in tab.model.lines] == [LineStatus.NEW] * 2, timeout=10_000)

    # deleting the campaign says how many orders go
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda _parent, _title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.list_stack.currentWidget() is page.list_empty, timeout=10_000)
    idle(qtbot, window)
    assert "1 笔订单" in asked[0]


def test_jielong_problems_are_checked_by_the_service_while_editing(qtbot, open_window, seeded_path: Path,
                                                                   monkeypatch) -> None:
    window = open_window(seeded_path)
    page = create_campaign(qtbot, window)  # 苹果: 2 per person
    tab = recognise(qtbot, window, page, "#接龙\n1. 周敏 苹果×2\n2. 吴刚 脐橙×1\n3. 周敏 苹果x1\n", 3)

    # 周敏 is over the limit across lines 1 and 3: both say so, before 创建订单 is pressed
    lines = tab.model.lines
    assert lines[0].problems == ["“苹果”每人限购 2 份，这里是 2 份（同一人其他行 1 份）"]
    assert lines[2].problems == ["“苹果”每人限购 2 份，这里是 1 份（同一人其他行 2 份）"]
    assert lines[1].problems == []
    for row in (0, 2):
        assert "限购" in tab.model.index(row, Col.PROBLEMS).data()
        assert tab.model.index(row, Col.SOURCE).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert tab.model.index(1, Col.SOURCE).data(Qt.ItemDataRole.BackgroundRole) is None
    assert not tab.create_button.isEnabled() and "2 行有问题" in tab.state_label.text()

    # a quantity of 0 typed in the table: the service says so on that line; line 3 now fits
    set_quantity(tab, 0, 0)
    assert tab.checking and not tab.create_button.isEnabled()
    qtbot.waitUntil(lambda: not tab.checking, timeout=10_000)
    idle(qtbot, window)
    assert tab.model.lines[0].problems == ["“苹果”的数量为 0"] and tab.model.lines[2].problems == []
    assert not tab.create_button.isEnabled()

    # a check still running when the operator edits again is dropped: only the last edit's result lands
    marked: list[dict] = []
    mark = tab.model.mark_checked
    monkeypatch.setattr(tab.model, "mark_checked", lambda lines, found: marked.append(dict(found)) or mark(lines, found))
    set_quantity(tab, 0, 3)
    tab.check_now()  # the check of 3 apples starts at once

    # fixed to 1 (what the quantity box commits, before any event runs): no problem left, 创建订单 enabled
    assert tab.model.setData(tab.model.index(0, Col.QUANTITY), 1, Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: not tab.checking and tab.create_button.isEnabled(), timeout=10_000)
    idle(qtbot, window)
    assert [line.problems for line in tab.model.lines] == [[], [], []]
    assert all(tab.model.index(row, Col.SOURCE).data(Qt.ItemDataRole.BackgroundRole) is None for row in range(3))
    assert "有问题" not in tab.state_label.text()
    assert marked == [{}]  # the over-the-limit result of 3 apples never reached the table

    # meanwhile 周敏 buys an apple by quick entry: 创建订单 is refused and the lines are marked from the
    # service's error (no message box)
    campaign = page.campaign
    apple = next(p.id for p in campaign.products if p.name == "苹果")
    tab._service.create_order(OrderDraft(campaign.id, (OrderItemDraft(apple, 1),), buyer_name="周敏"))
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: boxes.append(a[2])))
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(tab.model.lines[0].problems), timeout=15_000)
    idle(qtbot, window)
    assert tab.model.lines[0].problems == ["“苹果”每人限购 2 份，这里是 1 份（之前已买 1 份，同一人其他行 1 份）"]
    assert tab.model.lines[2].problems and tab.model.lines[1].problems == []
    assert not boxes and "第 2 行（周敏）" in tab.state_label.text() and not tab.create_button.isEnabled()

    # untick line 3: checked again, line 1 fits, the two others are created
    tab.model.setData(tab.model.index(2, Col.INCLUDE), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: not tab.checking and tab.create_button.isEnabled(), timeout=10_000)
    idle(qtbot, window)
    assert tab.model.lines[0].problems == []
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3 and tab.model.lines[0].done and tab.model.lines[1].done,
                    timeout=15_000)
    idle(qtbot, window)
    assert tab.model.lines[2].status is LineStatus.NEW and not tab.model.lines[2].done
    page.tabs.setCurrentWidget(page.orders_tab)
    qtbot.waitUntil(lambda: page.orders_tab.model.rowCount() == 3 and all(order_rows(page)), timeout=15_000)
    idle(qtbot, window)
    assert sorted(r.buyer_name for r in order_rows(page)) == ["吴刚", "周敏", "周敏"]


def test_quick_entry_registers_a_new_buyer_and_never_guesses_a_namesake(qtbot, open_window,
                                                                        seeded_path: Path) -> None:
    db = open_database(seeded_path)
    for _ in range(2):
        MemberService(db).create(MemberDraft(nickname="王芳"))
    db.dispose()
    window = open_window(seeded_path)
    page = create_campaign(qtbot, window)  # 苹果: 2 per person
    orders = page.orders_tab
    messages: list[str] = []
    orders.status_message.connect(messages.append)

    def enter(name: str, items: str, count: int) -> None:
        type_text(orders.entry_member, name)
        type_text(orders.entry_items, items)
        qtbot.keyClick(orders.entry_items, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: orders.model.rowCount() == count and all(order_rows(page)), timeout=10_000)
        idle(qtbot, window)
        assert not orders.entry_error.isVisible()

    # a name nobody has: the order is theirs as a new member, and the status line says so
    enter("小美", "苹果×1", 1)
    assert "“小美”是新成员" in messages[-1]
    member_id = order_rows(page)[0].member_id
    assert member_id is not None
    # the same name again: that member, nobody new
    enter("小美", "脐橙×1", 2)
    assert "新成员" not in messages[-1] and {r.member_id for r in order_rows(page)} == {member_id}

    # a 接龙 line of 小美 afterwards is the same buyer: the apple of the quick entry counts
    tab = recognise(qtbot, window, page, "#接龙\n1. 小美 苹果×2\n", 1)
    assert tab.model.lines[0].problems == ["“苹果”每人限购 2 份，这里是 2 份（之前已买 1 份）"]

    # two members are called 王芳: neither is picked for the typed name, and the status line says so
    page.tabs.setCurrentWidget(orders)
    enter("王芳", "脐橙×1", 3)
    assert "有多个成员叫“王芳”" in messages[-1]
    assert [r.member_id for r in order_rows(page) if r.buyer_name == "王芳"] == [None]
