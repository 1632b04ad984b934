"""Composition root: open the store, build the services, install the translator, show the window."""

from __future__ import annotations

import argparse
import logging
import sys

from desktop import APP_NAME, ORG_NAME, __version__
from desktop.cli import database_target
from desktop.domain.errors import DatabaseOpenError


def _install_translator(app, language: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from desktop.paths import translations_dir

    QLocale.setDefault(QLocale(language))
    # Qt's own strings (dialog buttons, context menus) in the same language
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    if language != "zh_CN":  # zh_CN is the source language of every string
        ours = QTranslator(app)
        if ours.load(str(translations_dir() / f"qundesk_{language}.qm")):
            app.installTranslator(ours)


def _setup_logging() -> None:
    from desktop.paths import user_dir

    folder = user_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(folder / "qundesk.log", encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    logging.basicConfig(level=logging.INFO, handlers=[handler],
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def create_application(argv: list[str] | None = None):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from desktop.paths import icon_path
    from desktop.settings import Settings

    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(icon_path("qundesk.svg"))))
    settings = Settings()
    _install_translator(app, settings.language())
    return app, settings


def build_main_window(db, settings, *, demo_if_empty: bool = False):  # type: ignore[no-untyped-def]
    from desktop.services.groups import GroupService
    from desktop.services.workspace import WorkspaceService
    from desktop.ui.main_window import MainWindow

    workspace = WorkspaceService(db)
    empty = workspace.is_empty()
    window = MainWindow(workspace, GroupService(db), settings, empty=empty)
    if empty and demo_if_empty:
        window.create_demo()
    return window


def run_gui(args: argparse.Namespace) -> int:
    _setup_logging()
    app, settings = create_application()
    from PySide6.QtWidgets import QMessageBox

    from desktop.store.engine import open_database

    target, create = database_target(args.db)
    try:
        db = open_database(target, create_folder=create)
    except DatabaseOpenError as exc:
        print(f"qundesk: {exc}", file=sys.stderr)
        QMessageBox.critical(None, app.translate("App", "无法打开数据库"), str(exc))
        return 2
    window = build_main_window(db, settings, demo_if_empty=args.demo)
    window.show()
    try:
        return app.exec()
    finally:
        db.dispose()
