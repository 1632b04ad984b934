"""The import wizard driven end to end in the real window: file, mapping fix, problem cells, commit."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from .conftest import wait_loaded


@pytest.fixture
def messy_groups(tmp_path: Path) -> Path:
    """A boss's group list: a merged title row, a header the alias table does not know (社群),
    a bad date, a blank row and a totals row."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "群列表"
    sheet["A1"] = "2026年11月 社群汇总"
    sheet.merge_cells("A1:E1")
    sheet.append(["社群", "平台", "群主", "人數", "開始日期"])
    sheet.append(["阳光花园水果团购群", "微信", "王芳", "356人", "2026/11/20"])
    sheet.append(["宝妈育儿交流群", "企微", "李娜", 120, "2026年11月1日"])
    sheet.append([None, None, None, None, None])
    sheet.append(["夜跑爱好者群", "QQ", "陈静", 80, "下周一"])
    sheet.append(["合计", None, None, 556, None])
    path = tmp_path / "群列表.xlsx"
    book.save(path)
    return path


def test_wizard_maps_a_column_marks_problems_imports_and_remembers(qtbot, open_window, db_path: Path,
                                                                    messy_groups: Path) -> None:
    window = open_window(db_path)
    assert window.pages.currentWidget() is window.welcome_page
    qtbot.mouseClick(window.welcome_page.import_button, Qt.MouseButton.LeftButton)
    wizard = window.import_wizard
    assert wizard is not None
    wizard.set_path(str(messy_groups))
    qtbot.waitUntil(lambda: wizard.sheet.count() == 1, timeout=10_000)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.stack.currentIndex() == 1, timeout=10_000)
    assert "缺少必需的列: 群名称" in wizard.summary.text()
    assert not wizard.commit_button.isEnabled()

    wizard.set_column("name", "社群")  # the operator points 群名称 at the 社群 column
    qtbot.waitUntil(lambda: wizard.preview is not None and not wizard.preview.sheet.missing_fields, timeout=10_000)
    assert "新增 2 行" in wizard.summary.text() and "失败 1 行" in wizard.summary.text()
    assert "合计" in wizard.summary.text() or "跳过 1 个合计" in wizard.summary.text()
    model = wizard.rows_model
    bad = [(r, c) for r in range(model.rowCount()) for c in range(model.columnCount()) if model.problem_at(r, c)]
    assert len(bad) == 1
    row, column = bad[0]
    assert model.index(row, column).data() == "下周一"
    assert "下周一" in model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(row, 0).data() == 6  # the row number Excel shows

    qtbot.mouseClick(wizard.commit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.report is not None, timeout=20_000)
    assert "新增 2 行" in wizard.result.text() and "失败 1 行" in wizard.result.text()
    assert wizard.report_model.rowCount() == 1 and wizard.report_model.row_at(0).row == 6
    wizard.accept()
    wait_loaded(qtbot, window, 2)
    groups = {window.groups_page.model.group_at(r).name: window.groups_page.model.group_at(r)
              for r in range(2)}
    assert groups["阳光花园水果团购群"].member_count == 356
    assert str(groups["宝妈育儿交流群"].start_date) == "2026-11-01"

    # the same file again: the corrected mapping is remembered, and nothing is added twice
    window.open_import(str(messy_groups))
    again = window.import_wizard
    qtbot.waitUntil(lambda: again.sheet.count() == 1, timeout=10_000)
    again.check()
    qtbot.waitUntil(lambda: again.preview is not None, timeout=10_000)
    assert not again.preview.sheet.missing_fields
    assert again.preview.inserted == 0 and not again.commit_button.isEnabled()
    assert "导入过" in again.summary.text()
    again.reject()
    qtbot.waitUntil(lambda: window.runner.active_count == 0, timeout=10_000)


def test_a_file_that_is_not_a_workbook_gets_a_clear_message(qtbot, open_window, db_path: Path,
                                                          tmp_path: Path) -> None:
    fake = tmp_path / "名单.xlsx"
    fake.write_bytes(b"this is not a zip file at all")
    window = open_window(db_path)
    window.open_import(str(fake))
    wizard = window.import_wizard
    qtbot.waitUntil(lambda: bool(wizard.choose_error.text()), timeout=10_000)
    assert "名单.xlsx" in wizard.choose_error.text()
    wizard.check()
    qtbot.waitUntil(lambda: wizard.next_button.isEnabled(), timeout=10_000)
    assert wizard.stack.currentIndex() == 0 and "名单.xlsx" in wizard.choose_error.text()
    wizard.reject()
    qtbot.waitUntil(lambda: window.runner.active_count == 0, timeout=10_000)


def test_member_preview_speaks_the_operators_words(qtbot, open_window, db_path: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "成员.csv"
    sheet.write_text("昵称,姓名,客户等级,种子用户\n王芳,王芳芳,粉丝,是\n", encoding="utf-8-sig")
    window = open_window(db_path)
    window.open_import(str(sheet))
    wizard = window.import_wizard
    wizard.kind.setCurrentIndex(wizard.kind.findData("members"))
    wizard.check()
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10_000)
    model = wizard.rows_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "姓名" in headers and "群名称" not in headers
    row = {headers[c]: model.index(0, c).data() for c in range(model.columnCount())}
    assert (row["客户等级"], row["种子用户"]) == ("粉丝", "是")  # not "fan" / "True"
    wizard.reject()
    qtbot.waitUntil(lambda: window.runner.active_count == 0, timeout=10_000)
