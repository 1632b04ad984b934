from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.app import build_main_window, create_application
from desktop.domain.groups import GroupDraft
from desktop.services.groups import GroupService
from desktop.store.engine import open_database
from desktop.ui.main_window import MainWindow

SAMPLE_GROUPS = [
    ("阳光花园水果团购3群", "王芳"),
    ("阳光花园水果团购12群", "王芳"),
    ("宝妈育儿交流群", "李娜"),
    ("双12秒杀快闪群", "张伟"),
    ("夜跑爱好者群", "陈静"),
]


@pytest.fixture
def seeded_path(db_path: Path) -> Path:
    db = open_database(db_path)
    service = GroupService(db)
    for name, owner in SAMPLE_GROUPS:
        service.create(GroupDraft(name=name, owner=owner))
    db.dispose()
    return db_path


@pytest.fixture
def open_window(qtbot, qapp: QApplication) -> Iterator[Callable[[Path], MainWindow]]:
    """Open the real main window on a database file, as `qundesk --db PATH` does."""
    opened: list[tuple[MainWindow, object]] = []

    def opener(path: Path) -> MainWindow:
        _app, settings = create_application()
        db = open_database(path)
        window = build_main_window(db, settings)  # closed by this fixture, not by qtbot (see below)
        window.show()
        window.activateWindow()
        qtbot.waitActive(window)
        opened.append((window, db))
        return window

    yield opener
    # a failed test may leave an unsaved edit behind: never block teardown on a modal question
    from PySide6.QtWidgets import QMessageBox

    original = QMessageBox.question
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard)  # type: ignore[method-assign]
    try:
        _close_all(qtbot, opened)
    finally:
        QMessageBox.question = original  # type: ignore[method-assign]


def _close_all(qtbot, opened) -> None:  # type: ignore[no-untyped-def]
    for window, db in opened:
        # no thread may outlive its test
        qtbot.waitUntil(lambda w=window: w.runner.active_count == 0, timeout=30_000)
        assert window.runner.wait_for_done(30_000)
        window.close()
        db.dispose()  # type: ignore[attr-defined]


def type_text(widget, text: str) -> None:
    """Type as a Chinese user does: the input method commits the composed text to the widget."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def select_row(page, row: int) -> None:  # type: ignore[no-untyped-def]
    """Select one row through the selection model: QTableView.selectRow() reads the keyboard
    modifiers, which an earlier test's Ctrl+Shift key click may have left set."""
    from PySide6.QtCore import QItemSelectionModel

    page.table.selectionModel().select(
        page.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def wait_loaded(qtbot, window: MainWindow, count: int) -> None:
    qtbot.waitUntil(lambda: window.groups_page.model.total_count == count and window.runner.active_count == 0,
                    timeout=10_000)
