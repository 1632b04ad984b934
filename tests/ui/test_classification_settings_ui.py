"""The classification settings page in the real window: dimensions, labels and rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QColorDialog, QDialogButtonBox, QInputDialog, QMessageBox

from desktop.domain.groups import GroupDraft
from desktop.services.groups import GroupService
from desktop.store.engine import open_database

from .conftest import type_text, wait_loaded


@pytest.fixture
def shop_groups(db_path: Path) -> Path:
    """Eight groups: three flash-sale ones (one of them on QQ), the rest long-term."""
    db = open_database(db_path)
    service = GroupService(db)
    labels = {label.name: label.id for d in service.dimensions() for label in d.labels}
    for name in ("双11快闪群", "年货快闪群", "读书会", "宝妈交流群", "夜跑群", "VIP客户群", "水果团购群"):
        service.create(GroupDraft(name=name), [labels["长期群"]])
    from desktop.domain.enums import Platform

    service.create(GroupDraft(name="QQ快闪群", platform=Platform.QQ), [labels["长期群"]])
    db.dispose()
    return db_path


def idle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.runner.active_count == 0, timeout=10_000)


def labels_by_name(page) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    model = page.model
    return {model.group_at(r).name: {label.name for label in model.group_at(r).labels}
            for r in range(model.rowCount())}


def tree_labels(panel) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    tree = panel.tree
    return {tree.topLevelItem(i).text(0): [tree.topLevelItem(i).child(j).text(0)
                                           for j in range(tree.topLevelItem(i).childCount())]
            for i in range(tree.topLevelItemCount())}


def classify_paths(page) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(sub.title(), action.text()) for sub in (a.menu() for a in page.classify_menu.actions() if a.menu())
            if sub.title() != "移除标签" for action in sub.actions()}


def test_dimensions_and_labels_edits_reach_every_page(qtbot, open_window, shop_groups: Path, monkeypatch) -> None:
    window = open_window(shop_groups)
    wait_loaded(qtbot, window, 8)
    window.show_page("classification")
    panel = window.classification_page.dimensions_panel
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 3, timeout=10_000)
    assert tree_labels(panel)["时间"] == ["短期群", "长期群"]
    panel.select("label", next(i for d in panel._dimensions for i in [lb.id for lb in d.labels if lb.name == "长期群"]))
    assert panel.tree.currentItem().text(2) == "8"  # all eight groups carry it

    # a new multi-choice dimension through its dialog, then a label in it
    qtbot.mouseClick(panel.new_dimension_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None
    type_text(dialog.name, "渠道")
    dialog.multi.setChecked(True)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "渠道" in tree_labels(panel), timeout=10_000)
    assert panel.tree.currentItem().text(0) == "渠道" and "多选" in panel.tree.currentItem().text(1)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("抖音引流", True)))
    panel.new_label_button.click()
    qtbot.waitUntil(lambda: tree_labels(panel).get("渠道") == ["抖音引流"], timeout=10_000)
    idle(qtbot, window)

    groups = window.groups_page
    assert ("渠道", "抖音引流") in classify_paths(groups)  # the bulk menu knows the new label at once
    assert any(a.text() == "抖音引流" for a in groups.label_menu.actions())  # and so does the label filter
    assert any(dimension.name == "渠道" for dimension, _w in groups.editor._label_inputs)

    # rename a label: the table's chips follow
    panel.select("label", next(lb.id for d in panel._dimensions for lb in d.labels if lb.name == "长期群"))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("常驻群", True)))
    window.activateWindow()  # the dialog that just closed may have taken activation with it
    qtbot.waitUntil(window.isActiveWindow)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: "常驻群" in tree_labels(panel)["时间"], timeout=10_000)
    qtbot.waitUntil(lambda: labels_by_name(groups).get("读书会") == {"常驻群"}, timeout=10_000)

    # recolour
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *a, **k: __import__(
        "PySide6.QtGui", fromlist=["QColor"]).QColor("#123456")))
    panel.colour_button.click()
    qtbot.waitUntil(lambda: next(lb.color for d in panel._dimensions for lb in d.labels
                                 if lb.name == "常驻群") == "#123456", timeout=10_000)

    # making 人群 single-choice is fine while no group holds two of its labels
    panel.select("dimension", next(d.id for d in panel._dimensions if d.name == "人群"))
    assert panel.multi_button.text() == "改为单选"
    panel.multi_button.click()
    qtbot.waitUntil(lambda: "单选" in panel.tree.currentItem().text(1), timeout=10_000)


def test_deleting_a_label_in_use_asks_and_then_removes_it_everywhere(qtbot, open_window, shop_groups: Path,
                                                                    monkeypatch) -> None:
    window = open_window(shop_groups)
    wait_loaded(qtbot, window, 8)
    window.show_page("classification")
    panel = window.classification_page.dimensions_panel
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 3, timeout=10_000)
    long_term = next(lb.id for d in panel._dimensions for lb in d.labels if lb.name == "长期群")
    panel.select("label", long_term)
    asked: list[str] = []

    def refuse(_parent, _title, text, *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(refuse))
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert asked and "8 个群" in asked[0]
    idle(qtbot, window)
    assert "长期群" in tree_labels(panel)["时间"]  # "no" kept everything

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: tree_labels(panel)["时间"] == ["短期群"], timeout=10_000)
    groups = window.groups_page
    qtbot.waitUntil(lambda: all(not names for names in labels_by_name(groups).values()), timeout=10_000)
    assert ("时间", "长期群") not in classify_paths(groups)


def test_single_choice_refused_while_a_group_holds_two_labels(qtbot, open_window, shop_groups: Path,
                                                              monkeypatch) -> None:
    db = open_database(shop_groups)
    service = GroupService(db)
    labels = {label.name: label.id for d in service.dimensions() for label in d.labels}
    group = next(g for g in service.list_groups() if g.name == "读书会")
    service.set_labels(group.id, [labels["长期群"], labels["新客群"], labels["老客群"]])
    db.dispose()
    window = open_window(shop_groups)
    wait_loaded(qtbot, window, 8)
    window.show_page("classification")
    panel = window.classification_page.dimensions_panel
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 3, timeout=10_000)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a, **k: warnings.append(text)))
    panel.select("dimension", next(d.id for d in panel._dimensions if d.name == "人群"))
    panel.multi_button.click()
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert "1 个群" in warnings[0] and "不能改为单选" in warnings[0]
    idle(qtbot, window)
    assert "多选" in panel.tree.currentItem().text(1)  # nothing half-done


def test_rule_preview_apply_undo_and_auto_apply_to_new_groups(qtbot, open_window, shop_groups: Path,
                                                             monkeypatch) -> None:
    window = open_window(shop_groups)
    wait_loaded(qtbot, window, 8)
    window.show_page("classification")
    page = window.classification_page
    page.tabs.setCurrentWidget(page.rules_panel)
    rules = page.rules_panel
    assert rules.empty_rules.isVisible()

    # a regular expression that does not compile: a clear message, nothing saved
    type_text(rules.name, "快闪归短期")
    type_text(rules.name_regex, "快闪[")
    rules.label.setCurrentIndex(rules.label.findText("时间 · 短期群"))
    rules.preview_now()
    qtbot.waitUntil(lambda: "正则表达式有误" in rules.preview_summary.text(), timeout=10_000)
    rules.save_button.click()
    assert "正则表达式有误" in rules.error.text() and rules.rule_list.topLevelItemCount() == 0

    # fix it: the preview lists exactly the three flash groups, before -> after
    rules.name_regex.clear()
    type_text(rules.name_contains, "快闪")
    rules.preview_now()
    qtbot.waitUntil(lambda: rules.last_preview is not None and rules.last_preview.changed == 3, timeout=10_000)
    model = rules.preview_model
    rows = {model.row_at(r).name: (model.index(r, 1).data(), model.index(r, 2).data())
            for r in range(model.rowCount())}
    assert rows == {name: ("长期群", "短期群") for name in ("双11快闪群", "年货快闪群", "QQ快闪群")}

    # narrow it to WeChat only: two groups
    rules._platform_actions[__import__("desktop.domain.enums", fromlist=["Platform"]).Platform.WECHAT].setChecked(True)
    assert rules.platforms.text() == "微信"
    rules.preview_now()
    qtbot.waitUntil(lambda: rules.last_preview is not None and rules.last_preview.changed == 2, timeout=10_000)

    # apply (saves first), confirm, and the groups change; Ctrl+Z on the page takes it back
    asked: list[str] = []

    def yes(_parent, _title, text, *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(yes))
    rules.apply_button.click()
    groups = window.groups_page
    qtbot.waitUntil(lambda: labels_by_name(groups).get("双11快闪群") == {"短期群"}, timeout=10_000)
    idle(qtbot, window)
    assert "2 个群" in asked[0] and "替换" in asked[0]
    assert rules.rule_list.topLevelItemCount() == 1 and not rules.empty_rules.isVisible()
    names = labels_by_name(groups)
    assert names["年货快闪群"] == {"短期群"} and names["QQ快闪群"] == {"长期群"} and names["读书会"] == {"长期群"}
    assert rules.last_preview is not None and rules.last_preview.changed == 0  # nothing left to do

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    rules.preview_table.setFocus()
    qtbot.keyClick(rules.preview_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: labels_by_name(groups).get("双11快闪群") == {"长期群"}, timeout=10_000)
    assert labels_by_name(groups)["年货快闪群"] == {"长期群"}
    idle(qtbot, window)

    # switch the rule on for new groups from the list, then create a group by hand
    item = rules.rule_list.topLevelItem(0)
    item.setCheckState(3, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: rules.apply_to_new.isChecked(), timeout=10_000)
    idle(qtbot, window)
    window.show_page("groups")
    groups.new_group()
    dialog = groups._dialog
    type_text(dialog.editor.name, "元旦快闪群")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: labels_by_name(groups).get("元旦快闪群") == {"短期群"}, timeout=10_000)
    idle(qtbot, window)
