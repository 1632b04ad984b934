"""Composition root: open the store, build the services, install the translator, show the window."""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import dataclass
from typing import Any

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


_log_handler: logging.Handler | None = None


def _setup_logging() -> None:
    """Log to qundesk.log in the user folder, once per process."""
    global _log_handler
    if _log_handler is not None:
        return
    from desktop.paths import user_dir

    folder = user_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _log_handler = logging.FileHandler(folder / "qundesk.log", encoding="utf-8", delay=True)
    except OSError:
        _log_handler = logging.StreamHandler()
    _log_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("desktop")
    logger.setLevel(logging.INFO)
    logger.addHandler(_log_handler)


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


def open_workspace(target: str, *, create_folder: bool = False):  # type: ignore[no-untyped-def]
    """Open the database and build the services: everything the window needs, off the UI thread."""
    from desktop.store.engine import open_database

    db = open_database(target, create_folder=create_folder)
    try:
        return Workspace.of(db)
    except BaseException:
        db.dispose()
        raise


@dataclass
class Workspace:
    """An open database and the services the window is built from."""

    db: Any
    workspace: Any
    groups: Any
    details: Any
    classification: Any
    segments: Any
    lifecycle: Any
    merge: Any
    rules: Any
    members: Any
    interactions: Any
    snapshots: Any
    imports: Any
    reports: Any
    exports: Any
    dimensions: list
    empty: bool
    dashboard: Any = None
    orders: Any = None
    order_summaries: Any = None
    broadcasts: Any = None
    channels: Any = None
    #: one dispatcher for the session: its robots' rate limiters carry over between runs
    dispatcher: Any = None

    @classmethod
    def of(cls, db):  # type: ignore[no-untyped-def]
        from desktop.services.broadcasts import BroadcastService
        from desktop.services.channels import ChannelService
        from desktop.services.classification import ClassificationService
        from desktop.services.dashboard import DashboardService
        from desktop.services.dispatch import Dispatcher
        from desktop.services.exports import ExportService
        from desktop.services.group_detail import GroupDetailService
        from desktop.services.groups import GroupService
        from desktop.services.imports import ImportService
        from desktop.services.interactions import InteractionService
        from desktop.services.lifecycle import LifecycleService
        from desktop.services.members import MemberService
        from desktop.services.merge import MergeService
        from desktop.services.order_summaries import OrderSummaryService
        from desktop.services.orders import OrderService
        from desktop.services.reports import ReportService
        from desktop.services.rules import RuleService
        from desktop.services.segments import SegmentService
        from desktop.services.snapshots import SnapshotService
        from desktop.services.workspace import WorkspaceService

        workspace, groups = WorkspaceService(db), GroupService(db)
        return cls(db, workspace, groups, GroupDetailService(db), ClassificationService(db), SegmentService(db),
                   LifecycleService(db), MergeService(db), RuleService(db), MemberService(db),
                   InteractionService(db), SnapshotService(db), ImportService(db), ReportService(db),
                   ExportService(db), groups.dimensions(),
                   workspace.is_empty(), dashboard=DashboardService(db),
                   orders=OrderService(db), order_summaries=OrderSummaryService(db),
                   broadcasts=BroadcastService(db), channels=ChannelService(db), dispatcher=Dispatcher(db))

    def attach_to(self, window, *, demo_if_empty: bool = False) -> None:  # type: ignore[no-untyped-def]
        window.attach(self, empty=self.empty)
        if self.empty and demo_if_empty:
            window.create_demo()


def build_main_window(db, settings, *, demo_if_empty: bool = False):  # type: ignore[no-untyped-def]
    """The window on an already open database, synchronously (tests and tools)."""
    from desktop.ui.main_window import MainWindow

    window = MainWindow(settings)
    Workspace.of(db).attach_to(window, demo_if_empty=demo_if_empty)
    return window


def start_gui(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Show the window at once; open the database on a worker and attach it when ready.

    Returns (app, window, opened) where ``opened`` holds the Workspace once it is attached.
    """
    _setup_logging()
    app, settings = create_application()
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.ui.main_window import MainWindow

    window = MainWindow(settings)
    target, create = database_target(args.db)
    window.db_label.setText(target)
    opened: list[Workspace] = []

    def attach(result: Workspace) -> None:
        opened.append(result)
        result.attach_to(window, demo_if_empty=args.demo)

    def refuse(exc: BaseException) -> None:
        message = str(exc) if isinstance(exc, DatabaseOpenError) else f"{type(exc).__name__}: {exc}"
        print(f"qundesk: {message}", file=sys.stderr)
        QMessageBox.critical(window, app.translate("App", "无法打开数据库"), message)
        QApplication.exit(2)

    window.runner.run(lambda _ctx: open_workspace(target, create_folder=create), on_done=attach, on_error=refuse)
    window.show()
    return app, window, opened


def run_gui(args: argparse.Namespace) -> int:
    app, _window, opened = start_gui(args)
    try:
        return app.exec()
    finally:
        for workspace in opened:
            workspace.db.dispose()
