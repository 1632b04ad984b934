"""The Reports page on a real SQLite demo workspace: the figures shown are the service's, targets
are kept in the settings, and the exported workbook reads back with openpyxl."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.domain.errors import ValidationError
from desktop.domain.reports import FigureUnit, ReportFigures
from desktop.io.report_workbook import SHEET_DAYS, SHEET_SUMMARY, SHEET_TOP, SUMMARY_HEADER_ROW
from desktop.services.demo import build_demo
from desktop.services.reports import ReportService
from desktop.settings import REPORT_TARGETS, Settings
from desktop.store.engine import Database
from desktop.ui.pages.reports_page import ReportsPage, format_change, format_value
from desktop.workers.tasks import TaskRunner

TODAY = date(2026, 11, 20)
START, END = date(2026, 11, 1), date(2026, 11, 15)


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    task_runner = TaskRunner()
    yield task_runner
    qtbot.waitUntil(lambda: task_runner.active_count == 0, timeout=30_000)  # no thread may outlive its test
    assert task_runner.wait_for_done(30_000)


@pytest.fixture
def demo(db: Database) -> Database:
    build_demo(db, groups=12, members=200, days=40, today=TODAY)
    return db


def idle(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=20_000)


def make_page(qtbot, runner: TaskRunner, db: Database, tmp_path: Path,  # type: ignore[no-untyped-def]
              reports: object = None) -> ReportsPage:
    page = ReportsPage(runner, reports or ReportService(db), Settings(str(tmp_path / "s.ini")))  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1200, 750)
    page.show()
    qtbot.waitExposed(page)
    return page


def generate(qtbot, page: ReportsPage, runner: TaskRunner) -> ReportFigures:  # type: ignore[no-untyped-def]
    page.set_period(START, END)
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    idle(qtbot, runner)
    assert page.report is not None
    return page.report


def summary_texts(page: ReportsPage) -> list[list[str]]:
    model = page.summary_model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_generated_figures_are_the_services(qtbot, runner: TaskRunner, demo: Database, tmp_path: Path,
                                            qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, runner, demo, tmp_path)
    assert page.stack.currentWidget() is page.empty and "生成" in page.empty.text()
    shown = generate(qtbot, page, runner)
    expected = ReportService(demo).figures(START, END)

    assert shown.period == expected.period and shown.figures == expected.figures
    assert page.stack.currentWidget() is page.content
    assert "2026-11-01 ~ 2026-11-15" in page.caption.text() and "2026-10-17 ~ 2026-10-31" in page.caption.text()
    rows = summary_texts(page)
    assert [row[1] for row in rows] == [f.label for f in expected.figures]
    for row, figure in zip(rows, expected.figures, strict=True):
        assert row[2] == format_value(figure.current, figure.unit)
        assert row[3] == format_value(figure.previous, figure.unit)
        assert row[4] == format_change(figure.change)
        assert row[5] == "" and row[6] == ""  # no targets set
    messages = expected.figure("messages")
    assert messages.current > 0 and rows[0][2] == f"{int(messages.current):,}"
    gmv = expected.figure("gmv")
    assert next(r for r in rows if r[1] == "成交额 (GMV)")[2] == f"¥{gmv.current / 100:,.2f}"
    assert rows[0][0] == "参与指标" and rows[1][0] == ""  # the family is named once

    top = page.top_model
    assert [top.row_at(r).id for r in range(top.rowCount())] == [g.id for g in expected.top_groups]
    assert [top.index(r, 0).data() for r in range(top.rowCount())] == [str(i + 1) for i in range(top.rowCount())]
    dormant = page.dormant_model
    assert [dormant.row_at(r).id for r in range(dormant.rowCount())] == [g.id for g in expected.dormant_groups]

    # sorting the top list by messages ascending reverses it; ranks stay with their groups
    page.top_table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert [top.row_at(r).id for r in range(top.rowCount())] == [g.id for g in reversed(expected.top_groups)]
    assert top.index(0, 0).data() == str(top.rowCount())
    for model in (page.summary_model, page.top_model, page.dormant_model):
        qtmodeltester.check(model)


def test_up_and_down_are_coloured_by_what_is_good(qtbot, runner: TaskRunner, demo: Database,
                                                  tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, runner, demo, tmp_path)
    report = generate(qtbot, page, runner)
    model = page.summary_model
    for row, figure in enumerate(report.figures):
        colour = model.index(row, 4).data(Qt.ItemDataRole.ForegroundRole)
        change = figure.change
        if change is None or abs(change) < 0.0005:
            assert colour is None
            continue
        good = change < 0 if figure.key in ("leaves", "silent_groups", "refunds") else change > 0
        assert colour.name() == ("#2e7d32" if good else "#c62828"), figure.key
        assert model.index(row, 4).data().startswith("▲" if change > 0 else "▼")


def test_targets_are_edited_kept_and_shown(qtbot, runner: TaskRunner, demo: Database,
                                           tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, runner, demo, tmp_path)
    report = generate(qtbot, page, runner)
    messages = report.figure("messages").current

    def fill() -> None:
        dialog = page.targets_dialog
        assert dialog is not None
        dialog.spins["messages"].setValue(messages * 2)
        dialog.spins["gmv"].setValue(1000)  # yuan
        dialog.spins["repeat_rate"].setValue(25)  # percent
        dialog.buttons.accepted.emit()

    QTimer.singleShot(0, fill)
    page.edit_targets()
    assert page.targets == {"messages": messages * 2, "gmv": 1000.0, "repeat_rate": 0.25}
    rows = {row[1]: row for row in summary_texts(page)}
    assert rows["消息数"][5] == f"{int(messages * 2):,}" and rows["消息数"][6] == "50%"
    assert rows["成交额 (GMV)"][5] == "¥1,000.00"
    assert rows["复购率"][5] == "25.0%"
    expected = ReportService(demo).figures(START, END, page.targets)
    assert page.report is not None and page.report.figures == expected.figures

    # kept in the settings file: a new page (a new session) starts with them
    assert '"messages"' in Settings(str(tmp_path / "s.ini")).get(REPORT_TARGETS)
    again = make_page(qtbot, runner, demo, tmp_path)
    assert again.targets == page.targets
    again.set_targets({})
    assert Settings(str(tmp_path / "s.ini")).get(REPORT_TARGETS) == ""


def test_damaged_targets_setting_is_ignored(qtbot, runner: TaskRunner, demo: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(str(tmp_path / "s.ini"))
    settings.set(REPORT_TARGETS, '{"messages": 100, "typo": 5, "joins": "x", "leaves": -1')
    settings.sync()
    assert make_page(qtbot, runner, demo, tmp_path).targets == {}
    settings.set(REPORT_TARGETS, '{"messages": 100, "typo": 5, "joins": "x", "leaves": -1}')
    settings.sync()
    assert make_page(qtbot, runner, demo, tmp_path).targets == {"messages": 100.0}


def test_export_writes_the_workbook(qtbot, runner: TaskRunner, demo: Database, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, runner, demo, tmp_path)
    report = generate(qtbot, page, runner)
    asked: list[str] = []

    def save_as(_parent, _title, default, _filter):  # type: ignore[no-untyped-def]
        asked.append(default)
        return str(tmp_path / "老板周报"), "Excel 工作簿 (*.xlsx)"  # no suffix typed: .xlsx is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    with qtbot.waitSignal(page.report_exported, timeout=20_000) as saved:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    idle(qtbot, runner)
    out = tmp_path / "老板周报.xlsx"
    assert saved.args == [str(out)] and out.is_file()
    assert Path(asked[0]).name == "群管家报告_2026-11-01_2026-11-15.xlsx"
    assert str(out) in page.notice.text()

    book = openpyxl.load_workbook(out)
    summary = book[SHEET_SUMMARY]
    rows = {row[1].value: row for row in summary.iter_rows(min_row=SUMMARY_HEADER_ROW + 2) if row[1].value}
    for figure in report.figures:
        scale = 100 if figure.unit is FigureUnit.MONEY else 1
        assert rows[figure.label][2].value == pytest.approx(figure.current / scale), figure.key
        assert rows[figure.label][3].value == pytest.approx(figure.previous / scale), figure.key
    days = book[SHEET_DAYS]
    assert sum(row[1] for row in days.iter_rows(min_row=2, values_only=True)) == report.figure("messages").current
    top_names = [row[1] for row in book[SHEET_TOP].iter_rows(min_row=2, values_only=True)]
    assert top_names == [g.name for g in report.top_groups]

    # a whole month gets the month as its default name
    page.choose_preset("month", today=TODAY)
    assert (page.date_from.date().toString("yyyy-MM-dd"), page.date_to.date().toString("yyyy-MM-dd")) == (
        "2026-10-01", "2026-10-31")
    def cancel_dialog(_parent, _title, default, _filter):  # type: ignore[no-untyped-def]
        asked.append(default)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(cancel_dialog))
    page.export()
    assert Path(asked[-1]).name == "群管家报告_2026-10.xlsx"
    idle(qtbot, runner)


def test_cancelled_export_leaves_no_file(qtbot, runner: TaskRunner, demo: Database, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()
    service = ReportService(demo)

    class SlowReports:
        def figures(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            release.wait(10)
            return service.figures(*args, **kwargs)

    page = make_page(qtbot, runner, demo, tmp_path, SlowReports())
    page.set_period(START, END)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(tmp_path / "r.xlsx"), "")))
    messages: list[str] = []
    page.status_message.connect(messages.append)
    page.export()
    assert not page.export_button.isEnabled()
    runner.cancel_all()  # what the progress dialog's Cancel does
    release.set()
    idle(qtbot, runner)
    assert messages == ["已取消导出报告"]
    assert list(tmp_path.glob("*.xlsx")) == []
    assert page.export_button.isEnabled()


def test_empty_workspace_and_quiet_period_say_what_to_do(qtbot, runner: TaskRunner, db: Database,
                                                         tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, runner, db, tmp_path)
    generate(qtbot, page, runner)
    assert page.stack.currentWidget() is page.empty
    assert "还没有任何群" in page.empty.text() and "导入" in page.empty.text()

    build_demo(db, groups=12, members=200, days=40, today=TODAY)
    page.set_period(date(2020, 1, 1), date(2020, 1, 31))  # before the demo's groups existed
    page.generate()
    idle(qtbot, runner)
    assert page.stack.currentWidget() is page.empty and "还没有任何群" in page.empty.text()
    page.set_period(date(2030, 1, 1), date(2030, 1, 31))  # the groups exist, but nothing happened
    page.generate()
    idle(qtbot, runner)
    assert page.stack.currentWidget() is page.empty
    assert "2030-01-01 ~ 2030-01-31" in page.empty.text() and "没有活动数据" in page.empty.text()

    runner.data_changed.emit("workspace", [])
    assert page.report is None and "生成" in page.empty.text()


def test_bad_period_and_failures_never_show_a_traceback(qtbot, runner: TaskRunner, demo: Database, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    class BrokenReports:
        def figures(self, *_args, **_kwargs):  # type: ignore[no-untyped-def]
            raise RuntimeError("disk on fire")

    page = make_page(qtbot, runner, demo, tmp_path, BrokenReports())
    page.set_period(END, START)
    assert not page.generate_button.isEnabled() and not page.export_button.isEnabled()
    assert page.period_error.isVisible() and "早于" in page.period_error.text()

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: warnings.append(text)))
    page.set_period(START, END)
    assert page.generate_button.isEnabled()
    page.generate()
    idle(qtbot, runner)
    assert len(warnings) == 1 and "RuntimeError: disk on fire" in warnings[0] and "Traceback" not in warnings[0]
    assert page.generate_button.isEnabled() and page.generate_button.text() == "生成"

    class RefusingReports:
        def figures(self, *_args, **_kwargs):  # type: ignore[no-untyped-def]
            raise ValidationError("周期不对")

    page2 = make_page(qtbot, runner, demo, tmp_path, RefusingReports())
    page2.generate()
    idle(qtbot, runner)
    assert warnings[-1] == "周期不对"
