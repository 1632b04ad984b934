"""The 接龙 review table driven by the keyboard: a product picked for a line keeps the quantity the line
wrote, and a quantity that could not be read stays a problem until the operator sets one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSpinBox

from desktop.ui.widgets.jielong_review import Col

from .conftest import type_text
from .test_group_buy_ui import create_campaign, idle, recognise


def open_editor(qtbot, tab, row: int, column: int):  # type: ignore[no-untyped-def]
    """Go to a cell and press F2, as the operator does; the editor that opened."""
    index = tab.model.index(row, column)
    tab.table.setFocus()
    tab.table.setCurrentIndex(index)
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    editor = tab.table.indexWidget(index)
    assert editor is not None and tab.table.state() == tab.table.State.EditingState
    return editor


def type_product(qtbot, tab, row: int, text: str, key: Qt.Key = Qt.Key.Key_Return) -> None:  # type: ignore[no-untyped-def]
    """Type a product into the product editor of a line and leave it with Enter (or Tab)."""
    combo = open_editor(qtbot, tab, row, Col.PRODUCT)
    assert isinstance(combo, QComboBox) and combo.objectName() == "productEditor"
    combo.lineEdit().selectAll()
    type_text(combo.lineEdit(), text)
    qtbot.keyClick(combo.lineEdit(), key)
    qtbot.waitUntil(lambda: tab.table.state() != tab.table.State.EditingState, timeout=5_000)


def type_quantity(qtbot, tab, row: int, quantity: int) -> None:  # type: ignore[no-untyped-def]
    spin = open_editor(qtbot, tab, row, Col.QUANTITY)
    assert isinstance(spin, QSpinBox)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), str(quantity))
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.table.state() != tab.table.State.EditingState, timeout=5_000)


def checked(qtbot, window, tab) -> None:  # type: ignore[no-untyped-def]
    """Wait for the service's check of the last edit."""
    qtbot.waitUntil(lambda: not tab.checking, timeout=10_000)
    idle(qtbot, window)


def test_a_picked_product_keeps_the_quantity_the_line_wrote(qtbot, open_window, seeded_path: Path) -> None:
    window = open_window(seeded_path)
    page = create_campaign(qtbot, window)  # 脐橙 5斤 and 苹果 (2 per person)
    tab = recognise(qtbot, window, page, "#接龙\n1. 陈静 香蕉×3\n2. 周敏 香蕉x1.5\n3. 吴刚 香蕉\n4. 大刘 脐橙x多\n", 4)
    lines = tab.model.lines
    assert [line.items for line in lines[:3]] == [[], [], []]
    assert all(line.problems for line in lines) and not tab.create_button.isEnabled()

    # 香蕉×3 is not sold: the product picked instead takes the 3
    type_product(qtbot, tab, 0, "脐橙 5斤")
    assert tab.model.index(0, Col.PRODUCT).data() == "脐橙 5斤×3"
    assert tab.model.index(0, Col.QUANTITY).data() == "3"
    checked(qtbot, window, tab)
    assert lines[0].problems == []
    # picked again, it still is 3, and the service sees the 3 (苹果: 2 per person)
    type_product(qtbot, tab, 0, "苹果")
    assert tab.model.index(0, Col.PRODUCT).data() == "苹果×3"
    checked(qtbot, window, tab)
    assert lines[0].problems == ["“苹果”每人限购 2 份，这里是 3 份"]
    type_product(qtbot, tab, 0, "脐橙 5斤")
    assert tab.model.index(0, Col.PRODUCT).data() == "脐橙 5斤×3"

    # x1.5 is no quantity: 1 until the operator says, and the problem stays on the line meanwhile
    type_product(qtbot, tab, 1, "苹果")
    assert tab.model.index(1, Col.PRODUCT).data() == "苹果×1"
    checked(qtbot, window, tab)
    assert lines[1].problems == ["数量必须是正整数：“1.5”"]
    assert tab.model.index(1, Col.PROBLEMS).data() == "数量必须是正整数：“1.5”"
    assert tab.model.index(1, Col.SOURCE).data(Qt.ItemDataRole.BackgroundRole) is not None
    type_product(qtbot, tab, 1, "脐橙 5斤")  # another product: still not said
    checked(qtbot, window, tab)
    assert lines[1].problems == ["数量必须是正整数：“1.5”"] and lines[1].items[0][1] == 1

    # no count written: 1, as the parser takes it
    type_product(qtbot, tab, 2, "苹果")
    assert tab.model.index(2, Col.PRODUCT).data() == "苹果×1"
    checked(qtbot, window, tab)
    assert lines[2].problems == []

    # a known product whose count is no number, swapped for another: the count is still the problem
    type_product(qtbot, tab, 3, "苹果", Qt.Key.Key_Tab)  # typed, not chosen from the list: the same
    assert tab.model.index(3, Col.PRODUCT).data() == "苹果×1"
    checked(qtbot, window, tab)
    assert lines[3].problems == ["数量不是数字：“多”"]
    assert not tab.create_button.isEnabled() and "2 行有问题" in tab.state_label.text()

    # the operator sets the quantities: nothing left to fix
    type_quantity(qtbot, tab, 1, 2)
    type_quantity(qtbot, tab, 3, 1)
    assert tab.model.index(1, Col.PRODUCT).data() == "脐橙 5斤×2"
    qtbot.waitUntil(lambda: not tab.checking and tab.create_button.isEnabled(), timeout=10_000)
    idle(qtbot, window)
    assert [line.problems for line in lines] == [[], [], [], []]
    assert [line.items[0][1] for line in lines] == [3, 2, 1, 1]


def test_a_renumbered_repaste_creates_only_the_newcomer(qtbot, open_window, seeded_path: Path) -> None:
    """李娜 withdrew from the 接龙: WeChat moved 张伟 from 3 to 2 and 陈静 joined as 3. Pasted again, 张伟
    reads 已下单, 李娜's order is named as no longer in the 接龙, and 创建订单 makes 陈静's order alone."""
    window = open_window(seeded_path)
    page = create_campaign(qtbot, window)
    tab = recognise(qtbot, window, page, "#接龙\n1. 王芳 脐橙×1\n2. 李娜 苹果×1\n3. 张伟 脐橙×2\n", 3)
    qtbot.waitUntil(lambda: tab.create_button.isEnabled(), timeout=10_000)
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3 and all(line.done for line in tab.model.lines),
                    timeout=15_000)
    idle(qtbot, window)

    recognise(qtbot, window, page, "#接龙\n1. 王芳 脐橙×1\n2. 张伟 脐橙×2\n3. 陈静 苹果×2\n", 3)
    assert [line.done for line in tab.model.lines] == [True, True, False]
    assert tab.model.lines[2].problems == []
    assert "1 行待创建" in tab.state_label.text() and "2. 李娜 苹果×1" in tab.state_label.text()
    qtbot.waitUntil(lambda: not tab.checking and tab.create_button.isEnabled(), timeout=10_000)
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(line.done for line in tab.model.lines), timeout=15_000)
    idle(qtbot, window)
    orders = window.group_buy_page._service.order_ids(page.campaign.id)
    assert len(orders) == 4
    assert sorted(r.buyer_name for r in window.group_buy_page._service.rows(orders)) == ["张伟", "李娜", "王芳", "陈静"]
