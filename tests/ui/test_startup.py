"""`qundesk` itself: the window paints first, the database opens on a worker and is attached."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app import start_gui

from .conftest import SAMPLE_GROUPS


def launch(qtbot, db: Path, demo: bool = False):  # type: ignore[no-untyped-def]
    _app, window, opened = start_gui(argparse.Namespace(db=str(db), demo=demo, command=None))
    qtbot.addWidget(window)
    return window, opened


def finish(qtbot, window, opened) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.runner.active_count == 0, timeout=30_000)
    window.close()
    for workspace in opened:
        workspace.db.dispose()


def test_window_shows_at_once_then_the_groups(qtbot, seeded_path: Path) -> None:
    window, opened = launch(qtbot, seeded_path)
    assert window.isVisible()
    assert window.pages.currentWidget() is window.loading_label or opened  # shell first, unless already open
    qtbot.waitUntil(lambda: window.groups_page is not None and window.groups_page.model.total_count == len(SAMPLE_GROUPS),
                    timeout=15_000)
    assert window.pages.currentWidget() is window.groups_page
    assert window.db_label.text() == str(seeded_path)
    finish(qtbot, window, opened)


def test_demo_flag_fills_an_empty_workspace(qtbot, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.services.workspace import WorkspaceService

    small = WorkspaceService.build_demo
    monkeypatch.setattr(WorkspaceService, "build_demo",
                        lambda self, **kw: small(self, groups=20, members=300, days=20, **kw))
    window, opened = launch(qtbot, db_path, demo=True)
    qtbot.waitUntil(lambda: window.groups_page is not None and window.groups_page.model.total_count == 20,
                    timeout=60_000)
    assert window.pages.currentWidget() is window.groups_page
    qtbot.waitUntil(lambda: "成员 300" in window.counts_label.text())
    finish(qtbot, window, opened)


def test_a_newer_database_gets_a_dialog_and_exit_code_2(qtbot, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    launch_db = sqlite3.connect(db_path)
    launch_db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    launch_db.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    launch_db.commit()
    launch_db.close()
    before = db_path.read_bytes()
    shown: list[str] = []
    codes: list[int] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: codes.append(code)))
    window, opened = launch(qtbot, db_path)
    qtbot.waitUntil(lambda: bool(shown), timeout=15_000)
    assert "更新版本" in shown[0] and codes == [2] and opened == []
    assert db_path.read_bytes() == before
    finish(qtbot, window, opened)


def test_language_setting_applies_on_next_start(qtbot, seeded_path: Path) -> None:
    from PySide6.QtCore import QTranslator

    from desktop import settings as keys
    from desktop.settings import Settings

    Settings().set(keys.LANGUAGE, "en")
    window, opened = launch(qtbot, seeded_path)
    app = QApplication.instance()
    try:
        qtbot.waitUntil(lambda: window.groups_page is not None, timeout=15_000)
        assert window.nav.item(0).text() == "Groups"
        assert window.menuBar().actions()[0].text() == "&File"
        assert window.groups_page.new_button.text() != "新建群"
    finally:
        finish(qtbot, window, opened)
        for translator in app.findChildren(QTranslator):  # the next test starts in Chinese again
            app.removeTranslator(translator)
            translator.deleteLater()
