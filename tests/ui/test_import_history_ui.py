"""The import history page on a real SQLite workspace: imports made through ImportService show up
newest first, and one is undone from the page, taking its rows out of the store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from desktop.domain.imports import ImportPolicy
from desktop.services.imports import ImportService
from desktop.store.engine import Database
from desktop.store.models import Group
from desktop.ui.pages.import_history_page import ImportHistoryPage
from desktop.workers.tasks import TaskRunner


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    task_runner = TaskRunner()
    yield task_runner
    qtbot.waitUntil(lambda: task_runner.active_count == 0, timeout=30_000)  # no thread may outlive its test
    assert task_runner.wait_for_done(30_000)


def idle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=20_000)


def group_sheet(path: Path, rows: list[tuple[str, str, int]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "群列表"
    sheet["A1"] = "2026年11月 社群名单"  # a title row above the header, as the boss's sheets have
    sheet.append(["群名称", "群主", "人数"])
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def groups_in_store(db: Database) -> dict[str, tuple[str | None, int]]:
    with db.transaction() as session:
        return {name: (owner, size) for name, owner, size in
                session.execute(select(Group.name, Group.owner, Group.member_count))}


@pytest.fixture
def imported(db: Database, tmp_path: Path) -> tuple[ImportService, int, int]:
    """Two imports: three new groups, then one more group plus an update to 夜跑群."""
    service = ImportService(db)
    first = service.commit(group_sheet(tmp_path / "群列表.xlsx", [
        ("夜跑群", "王芳", 120), ("读书会", "李娜", 80), ("宝妈交流群", "陈静", 300)]), "groups")
    second = service.commit(group_sheet(tmp_path / "群列表-更新.xlsx", [
        ("夜跑群", "张伟", 150), ("双12快闪群", "张伟", 40)]), "groups", ImportPolicy.UPDATE)
    return service, first.batch_id, second.batch_id


def make_page(qtbot, runner: TaskRunner, service: ImportService) -> ImportHistoryPage:  # type: ignore[no-untyped-def]
    page = ImportHistoryPage(runner, service)
    qtbot.addWidget(page)
    page.resize(1200, 750)
    page.show()
    qtbot.waitExposed(page)
    idle(qtbot, runner)
    return page


def texts(page: ImportHistoryPage, row: int) -> list[str]:
    return [page.model.index(row, c).data() for c in range(page.model.columnCount())]


def select_row(page: ImportHistoryPage, row: int) -> None:
    page.table.selectionModel().select(
        page.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def test_history_lists_imports_newest_first(qtbot, runner: TaskRunner, imported, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    service, first, second = imported
    page = make_page(qtbot, runner, service)
    assert page.stack.currentWidget() is page.table
    assert [page.model.row_at(r).id for r in range(page.model.rowCount())] == [second, first]
    row = texts(page, 0)
    assert row[1:] == ["群列表", "群列表-更新.xlsx", "群列表", "更新已有", "2", "1", "1", "—", "—", "已导入"]
    assert texts(page, 1)[2:5] == ["群列表.xlsx", "群列表", "跳过已有"] and texts(page, 1)[6] == "3"
    assert page.count_label.text() == "共 2 次导入"
    assert not page.undo_button.isEnabled()  # nothing chosen yet

    page.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)  # by 新增
    assert page.model.row_at(0).id == first
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert page.model.row_at(0).id == second
    qtmodeltester.check(page.model)


def test_undo_from_the_page(qtbot, runner: TaskRunner, db: Database, imported,  # type: ignore[no-untyped-def]
                            monkeypatch: pytest.MonkeyPatch) -> None:
    service, _first, second = imported
    assert groups_in_store(db)["夜跑群"] == ("张伟", 150)
    page = make_page(qtbot, runner, service)
    select_row(page, 0)
    assert page.undo_button.isEnabled() and "新增 1, 更新 1" in page.detail.text()

    asked: list[str] = []

    def confirm(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(confirm))
    with qtbot.waitSignal(runner.data_changed, timeout=20_000,
                          check_params_cb=lambda kind, ids: kind == "imports" and ids == []):
        qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    idle(qtbot, runner)
    assert "群列表-更新.xlsx" in asked[0] and "新增的 1 条" in asked[0] and "更新的 1 条" in asked[0]

    # the store is back where the first import left it
    assert groups_in_store(db) == {"夜跑群": ("王芳", 120), "读书会": ("李娜", 80), "宝妈交流群": ("陈静", 300)}
    # the page refreshed itself on data_changed: greyed, 已撤销, no second undo
    qtbot.waitUntil(lambda: texts(page, 0)[-1] == "已撤销", timeout=10_000)
    assert page.model.row_at(0).id == second
    assert page.model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole).name() == "#9e9e9e"
    assert page.model.index(1, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    assert page.selected_batch() is not None and page.selected_batch().id == second  # the selection survived
    assert not page.undo_button.isEnabled()
    assert page.count_label.text() == "共 2 次导入, 其中 1 次已撤销"
    page.undo_selected()  # even when asked directly, an undone batch is not undone twice
    assert len(asked) == 1

    # the first import, undone too: every imported group is gone
    select_row(page, 1)
    assert page.undo_button.isEnabled()
    page.undo_button.click()
    idle(qtbot, runner)
    qtbot.waitUntil(lambda: texts(page, 1)[-1] == "已撤销", timeout=10_000)
    assert "新增的 3 条" in asked[1] and "更新的" not in asked[1]
    assert groups_in_store(db) == {}
    assert [b.status for b in service.history()] == ["undone", "undone"]


def test_saying_no_undoes_nothing(qtbot, runner: TaskRunner, db: Database, imported,  # type: ignore[no-untyped-def]
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    service, _first, _second = imported
    before = groups_in_store(db)
    page = make_page(qtbot, runner, service)
    select_row(page, 0)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.No))
    page.undo_button.click()
    idle(qtbot, runner)
    assert groups_in_store(db) == before
    assert texts(page, 0)[-1] == "已导入" and page.undo_button.isEnabled()


def test_empty_state_then_refresh_on_data_changed(qtbot, runner: TaskRunner, db: Database,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path) -> None:
    service = ImportService(db)
    page = make_page(qtbot, runner, service)
    assert page.stack.currentWidget() is page.empty
    assert page.empty.text() == "还没有导入记录。用 文件 → 导入… 导入 Excel 或 CSV"

    service.commit(group_sheet(tmp_path / "新群.xlsx", [("夜跑群", "王芳", 12)]), "groups")
    runner.data_changed.emit("imports", [])  # what the import wizard's commit announces
    idle(qtbot, runner)
    assert page.stack.currentWidget() is page.table and page.model.rowCount() == 1

    # hidden pages only remember to refresh, and do it when shown again
    page.hide()
    service.commit(group_sheet(tmp_path / "又一批.xlsx", [("读书会", "李娜", 8)]), "groups")
    runner.data_changed.emit("workspace", [])
    idle(qtbot, runner)
    assert page.model.rowCount() == 1
    page.show()
    idle(qtbot, runner)
    assert page.model.rowCount() == 2


def test_a_failed_undo_is_a_message_not_a_traceback(qtbot, runner: TaskRunner, imported,  # type: ignore[no-untyped-def]
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    service, _first, second = imported
    page = make_page(qtbot, runner, service)
    select_row(page, 0)
    service.undo(second)  # undone elsewhere (another window, the CLI) since the page last looked
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.Yes))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: warnings.append(text)))
    page.undo_button.click()
    idle(qtbot, runner)
    assert len(warnings) == 1 and "已经撤销过了" in warnings[0] and "Traceback" not in warnings[0]
    qtbot.waitUntil(lambda: texts(page, 0)[-1] == "已撤销", timeout=10_000)  # and the page caught up
    assert not page.undo_button.isEnabled()
