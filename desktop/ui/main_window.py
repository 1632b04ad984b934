"""The main window: navigation on the left, one page at a time, the database in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)

from desktop import __version__
from desktop import settings as keys
from desktop.paths import icon_path
from desktop.services.groups import GroupService
from desktop.services.workspace import WorkspaceService
from desktop.settings import LANGUAGES, Settings
from desktop.ui.pages.groups_page import GroupsPage
from desktop.ui.pages.welcome_page import WelcomePage
from desktop.workers.tasks import TaskRunner

LANGUAGE_NAMES = {"zh_CN": "简体中文", "zh_TW": "繁體中文", "en": "English"}


class MainWindow(QMainWindow):
    def __init__(
        self,
        workspace: WorkspaceService,
        groups: GroupService,
        settings: Settings,
        runner: TaskRunner | None = None,
        *,
        empty: bool,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("群管家 QunDesk"))
        self.setWindowIcon(QIcon(str(icon_path("qundesk.svg"))))
        self.workspace = workspace
        self.settings = settings
        self.runner = runner or TaskRunner(self)
        self.runner.data_changed.connect(self._data_changed)

        self.groups_page = GroupsPage(self.runner, groups, groups.dimensions(), settings)
        self.groups_page.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.welcome_page = WelcomePage(workspace.display_name)
        self.welcome_page.demo_requested.connect(self.create_demo)
        self.welcome_page.new_group_requested.connect(self._new_group)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome_page)
        self.pages.addWidget(self.groups_page)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setMinimumWidth(96)
        self.nav.setMaximumWidth(220)
        groups_item = QListWidgetItem(QIcon(str(icon_path("groups.svg"))), self.tr("群组"))
        groups_item.setData(Qt.ItemDataRole.UserRole, "groups")
        self.nav.addItem(groups_item)
        self.nav.currentRowChanged.connect(self._navigate)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([110, 1250])
        self.splitter.restoreState(settings.get(keys.MAIN_SPLITTER))
        self.setCentralWidget(self.splitter)

        self.db_label = QLabel(workspace.display_name)
        self.db_label.setObjectName("databaseLabel")
        self.db_label.setToolTip(self.tr("正在使用的数据库"))
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)

        self._build_menus()
        self.resize(1360, 820)
        self.restoreGeometry(settings.get(keys.MAIN_GEOMETRY))
        self.restoreState(settings.get(keys.MAIN_STATE))
        self._set_empty(empty)
        if not empty:
            self.groups_page.refresh()
        self._refresh_counts()

    # ------------------------------------------------------------------ menus
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        self.new_group_action = file_menu.addAction(self.tr("新建群…"), self._new_group)
        self.new_group_action.setShortcut(QKeySequence.StandardKey.New)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("退出"), self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        for action in (
            self.groups_page.find_action,
            self.groups_page.save_action,
            self.groups_page.archive_action,
            self.groups_page.restore_action,
            self.groups_page.delete_action,
        ):
            edit_menu.addAction(action)

        view_menu = bar.addMenu(self.tr("视图(&V)"))
        refresh = view_menu.addAction(self.tr("刷新"), self._refresh_all)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        view_menu.addAction(self.tr("清除筛选"), self.groups_page.clear_filters)

        settings_menu = bar.addMenu(self.tr("设置(&S)"))
        language_menu = settings_menu.addMenu(self.tr("界面语言"))
        self.language_group = QActionGroup(self)
        current = self.settings.language()
        for code in LANGUAGES:
            action = language_menu.addAction(LANGUAGE_NAMES[code])
            action.setCheckable(True)
            action.setChecked(code == current)
            action.setData(code)
            self.language_group.addAction(action)
        self.language_group.triggered.connect(self._language_chosen)

        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        about = help_menu.addAction(self.tr("关于群管家"), self._about)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    # ------------------------------------------------------------------ pages
    def _set_empty(self, empty: bool) -> None:
        self.nav.setEnabled(not empty)
        if empty:
            self.nav.clearSelection()
            self.pages.setCurrentWidget(self.welcome_page)
        else:
            self.nav.setCurrentRow(0)
            self.pages.setCurrentWidget(self.groups_page)

    def _navigate(self, row: int) -> None:
        if row == 0:
            self.pages.setCurrentWidget(self.groups_page)

    def _new_group(self) -> None:
        self._set_empty(False)
        self.groups_page.new_group()

    def create_demo(self) -> None:
        self.welcome_page.demo_button.setEnabled(False)

        def done(_summary: object) -> None:
            self._set_empty(False)
            self.statusBar().showMessage(self.tr("演示工作区已生成"), 5000)

        def failed(exc: BaseException) -> None:
            self.welcome_page.demo_button.setEnabled(True)
            QMessageBox.warning(self, self.tr("无法生成演示工作区"), str(exc))

        self.runner.run(
            lambda ctx: self.workspace.build_demo(progress=ctx.progress, cancel=ctx.cancel),
            on_done=done, on_error=failed, changes="workspace",
            title=self.tr("正在生成演示工作区…"), parent=self,
        )

    def _data_changed(self, _kind: str, _ids: list) -> None:
        self._refresh_counts()

    def _refresh_all(self) -> None:
        self.runner.data_changed.emit("workspace", [])

    def _refresh_counts(self) -> None:
        def show(counts: tuple[int, int]) -> None:
            groups, members = counts
            self.counts_label.setText(self.tr("群 {0} · 成员 {1}").format(f"{groups:,}", f"{members:,}"))

        self.runner.run(lambda _ctx: self.workspace.counts(), on_done=show)

    # ------------------------------------------------------------------ settings
    def _language_chosen(self, action: QAction) -> None:
        self.settings.set(keys.LANGUAGE, action.data())
        QMessageBox.information(
            self, self.tr("界面语言"), self.tr("界面语言将在重新启动群管家后生效。")
        )

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于群管家"),
            self.tr("<b>群管家 QunDesk</b> {0}<br>为运营几百个群的人准备的桌面工作台。<br>数据库: {1}").format(
                __version__, self.workspace.display_name
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.groups_page.has_unsaved_edit():
            answer = QMessageBox.question(
                self,
                self.tr("保存修改"),
                self.tr("当前群有未保存的修改, 退出前要保存吗?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Save:
                self.groups_page.save_current()
        self.runner.cancel_all()
        self.runner.wait_for_done()
        self.settings.set(keys.MAIN_GEOMETRY, self.saveGeometry())
        self.settings.set(keys.MAIN_STATE, self.saveState())
        self.settings.set(keys.MAIN_SPLITTER, self.splitter.saveState())
        self.groups_page.save_state()
        self.settings.sync()
        super().closeEvent(event)
