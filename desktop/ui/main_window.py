"""The main window: navigation on the left, one page at a time, the database in the status bar.

The window paints first and receives its workspace when the database is open (``attach``), so
start-up does not wait for SQLAlchemy to import and the database to be checked.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QStandardPaths, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop import settings as keys
from desktop.domain.groups import DimensionDTO
from desktop.paths import icon_path
from desktop.settings import LANGUAGES, Settings
from desktop.workers.tasks import TaskContext, TaskRunner

if TYPE_CHECKING:  # the pages are imported when the workspace is attached, after the first paint
    from desktop.app import Workspace as Services
    from desktop.domain.groups import GroupDTO
    from desktop.domain.segments import SegmentDTO, SegmentSpec
    from desktop.services.classification import ClassificationService
    from desktop.services.exports import ExportService
    from desktop.services.imports import ImportService
    from desktop.services.lifecycle import LifecycleService
    from desktop.services.segments import SegmentService
    from desktop.services.workspace import WorkspaceService
    from desktop.ui.dialogs.import_wizard import ImportWizard
    from desktop.ui.dispatch_scheduler import DispatchScheduler
    from desktop.ui.pages.broadcasts_page import BroadcastsPage
    from desktop.ui.pages.classification_page import ClassificationPage
    from desktop.ui.pages.dashboard_page import DashboardPage
    from desktop.ui.pages.follow_ups_page import FollowUpsPage
    from desktop.ui.pages.group_buy_page import GroupBuyPage
    from desktop.ui.pages.groups_page import GroupsPage
    from desktop.ui.pages.import_history_page import ImportHistoryPage
    from desktop.ui.pages.interactions_page import InteractionsPage
    from desktop.ui.pages.members_page import MembersPage
    from desktop.ui.pages.reports_page import ReportsPage
    from desktop.ui.pages.welcome_page import WelcomePage
    from desktop.ui.widgets.quick_entry import QuickEntryBar

LANGUAGE_NAMES = {"zh_CN": "简体中文", "zh_TW": "繁體中文", "en": "English"}


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("群管家 QunDesk"))
        self.setWindowIcon(QIcon(str(icon_path("qundesk.svg"))))
        self.settings = settings
        self.runner = runner or TaskRunner(self)
        self.runner.data_changed.connect(self._data_changed)
        self.workspace: WorkspaceService | None = None
        self.groups_page: GroupsPage | None = None
        self.classification_page: ClassificationPage | None = None
        self.members_page: MembersPage | None = None
        self.interactions_page: InteractionsPage | None = None
        self.follow_ups_page: FollowUpsPage | None = None
        self.reports_page: ReportsPage | None = None
        self.dashboard_page: DashboardPage | None = None
        self.import_history_page: ImportHistoryPage | None = None
        self.group_buy_page: GroupBuyPage | None = None
        self.broadcasts_page: BroadcastsPage | None = None
        self.dispatch_scheduler: DispatchScheduler | None = None
        self.tray: QSystemTrayIcon | None = None
        self._manual_due: int | None = None
        self.orders: object | None = None
        self.imports: ImportService | None = None
        self.exports: ExportService | None = None
        self.import_wizard: ImportWizard | None = None
        self._page_widgets: dict[str, QWidget] = {}
        self.classification: ClassificationService | None = None
        self.welcome_page: WelcomePage | None = None

        self.loading_label = QLabel(self.tr("正在打开数据库…"))
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_label.setStyleSheet("color: #757575; font-size: 15px;")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.loading_label)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setMinimumWidth(96)
        self.nav.setMaximumWidth(220)
        for page, icon, text in (("groups", "groups.svg", self.tr("群组")),
                                 ("dashboard", "dashboard.svg", self.tr("看板")),
                                 ("members", "members.svg", self.tr("成员")),
                                 ("interactions", "interactions.svg", self.tr("互动")),
                                 ("follow_ups", "followups.svg", self.tr("待跟进")),
                                 ("reports", "reports.svg", self.tr("报告")),
                                 ("group_buy", "group_buy.svg", self.tr("团购")),
                                 ("broadcasts", "broadcasts.svg", self.tr("群发")),
                                 ("imports", "imports.svg", self.tr("导入记录")),
                                 ("classification", "labels.svg", self.tr("分类"))):
            item = QListWidgetItem(QIcon(str(icon_path(icon))), text)
            item.setData(Qt.ItemDataRole.UserRole, page)
            self.nav.addItem(item)
        self._page_items = self.nav.count()  # saved segments are listed below the pages
        self.nav.setEnabled(False)
        self.nav.currentRowChanged.connect(self._navigate)
        self.nav.itemClicked.connect(lambda item: self._navigate(self.nav.row(item)))
        self.nav.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.nav.customContextMenuRequested.connect(self._nav_menu)
        self.segments: SegmentService | None = None
        self.lifecycle: LifecycleService | None = None
        self._segment_items: dict[int, SegmentDTO] = {}

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([110, 1250])
        self.splitter.restoreState(settings.get(keys.MAIN_SPLITTER))
        central = QWidget()
        self.central_layout = QVBoxLayout(central)  # the quick-entry bar joins below once attached
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.setSpacing(0)
        self.central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.quick_entry: QuickEntryBar | None = None

        self.db_label = QLabel()
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

    def attach(self, services: Services, *, empty: bool) -> None:
        """Show an opened workspace: build its pages and fill them."""
        from desktop.ui.pages.classification_page import ClassificationPage
        from desktop.ui.pages.dashboard_page import DashboardPage
        from desktop.ui.pages.follow_ups_page import FollowUpsPage
        from desktop.ui.pages.group_buy_page import GroupBuyPage
        from desktop.ui.pages.groups_page import GroupsPage
        from desktop.ui.pages.import_history_page import ImportHistoryPage
        from desktop.ui.pages.interactions_page import InteractionsPage
        from desktop.ui.pages.members_page import MembersPage
        from desktop.ui.pages.reports_page import ReportsPage
        from desktop.ui.pages.welcome_page import WelcomePage
        from desktop.ui.widgets.quick_entry import QuickEntryBar

        self.workspace = services.workspace
        self.segments = services.segments
        self.lifecycle = services.lifecycle
        self.classification = services.classification
        self.imports = services.imports
        self.db_label.setText(services.workspace.display_name)
        dimensions = services.dimensions
        self.groups_page = GroupsPage(self.runner, services.groups, dimensions, self.settings, services.details,
                                      services.classification, services.merge, services.rules,
                                      services.snapshots)
        self.groups_page.status_message.connect(self._show_status)
        self.groups_page.save_segment_requested.connect(self.save_segment)
        self.classification_page = ClassificationPage(self.runner, services.classification, services.rules,
                                                      dimensions, self.groups_page.undo_stack)
        self.classification_page.status_message.connect(self._show_status)
        self.classification_page.rules_panel.labels_applied.connect(self.groups_page.push_label_change)
        self.members_page = MembersPage(self.runner, services.members, services.groups, self.settings,
                                        segments=services.segments)
        self.members_page.status_message.connect(self._show_status)
        self.interactions_page = InteractionsPage(self.runner, services.interactions, services.members,
                                                  services.groups, self.settings)
        self.interactions_page.status_message.connect(self._show_status)
        self.follow_ups_page = FollowUpsPage(self.runner, services.interactions)
        self.follow_ups_page.status_message.connect(self._show_status)
        self.follow_ups_page.member_requested.connect(self.show_member)
        self.reports_page = ReportsPage(self.runner, services.reports, self.settings)
        self.reports_page.status_message.connect(self._show_status)
        self.dashboard_page = DashboardPage(self.runner, services.dashboard, self.settings)
        self.dashboard_page.status_message.connect(self._show_status)
        self.dashboard_page.open_group.connect(self.show_group)
        self.groups_page.set_sparkline_source(services.dashboard.sparklines)
        self.exports = services.exports
        self.import_history_page = ImportHistoryPage(self.runner, services.imports)
        self.orders = services.orders
        self.group_buy_page = GroupBuyPage(self.runner, services.orders, services.order_summaries, services.members,
                                           services.groups, services.imports)
        self.group_buy_page.status_message.connect(self._show_status)
        self.pages.addWidget(self.group_buy_page)
        self.import_history_page.status_message.connect(self._show_status)
        if services.broadcasts is not None:
            self._attach_broadcasts(services)
        self.quick_entry = QuickEntryBar(self.runner, services.interactions, services.members, services.groups)
        self.quick_entry.status_message.connect(self._show_status)
        self.quick_entry.hide()
        self.central_layout.addWidget(self.quick_entry)
        self.interactions_page.quick_entry_requested.connect(self.quick_entry.focus_entry)
        self.quick_entry_action.setEnabled(True)
        self.welcome_page = WelcomePage(services.workspace.display_name)
        self.welcome_page.demo_requested.connect(self.create_demo)
        self.welcome_page.new_group_requested.connect(self._new_group)
        self.welcome_page.import_requested.connect(lambda: self.open_import())
        self.pages.addWidget(self.welcome_page)
        self.pages.addWidget(self.groups_page)
        self.pages.addWidget(self.classification_page)
        self.pages.addWidget(self.members_page)
        self.pages.addWidget(self.interactions_page)
        self.pages.addWidget(self.follow_ups_page)
        self.pages.addWidget(self.reports_page)
        self.pages.addWidget(self.dashboard_page)
        self.pages.addWidget(self.import_history_page)
        self._page_widgets = {"groups": self.groups_page, "members": self.members_page,
                              "interactions": self.interactions_page, "follow_ups": self.follow_ups_page,
                              "reports": self.reports_page, "imports": self.import_history_page,
                              "dashboard": self.dashboard_page, "group_buy": self.group_buy_page,
                              "classification": self.classification_page}
        if self.broadcasts_page is not None:
            self._page_widgets["broadcasts"] = self.broadcasts_page
        for action in (
            self.groups_page.undo_action,
            self.groups_page.redo_action,
            self.groups_page.find_action,
            self.groups_page.save_action,
            self.groups_page.archive_action,
            self.groups_page.restore_action,
            self.groups_page.delete_action,
        ):
            self.edit_menu.addAction(action)
        for action in (*self._workspace_actions, self.dormant_action):
            action.setEnabled(True)
        self._set_empty(empty)
        if not empty:
            self.groups_page.refresh()
        self._refresh_counts()
        self._refresh_segments()
        if not empty:
            self.refresh_dormant()

    # ------------------------------------------------------------------ broadcasts
    def _attach_broadcasts(self, services: Services) -> None:
        """The 群发 page, the 机器人 tab of the group detail and the dispatcher that runs every 30 s."""
        from desktop.ui.dispatch_scheduler import DispatchScheduler
        from desktop.ui.pages.broadcasts_page import BroadcastsPage

        assert self.groups_page is not None
        self.broadcasts_page = BroadcastsPage(self.runner, services.broadcasts, services.groups, services.segments)
        self.broadcasts_page.status_message.connect(self._show_status)
        self.broadcasts_page.manual_count_changed.connect(self._set_manual_due)
        self.pages.addWidget(self.broadcasts_page)
        if services.channels is not None:
            robots = self.groups_page.tabs.add_robots_tab(services.channels, services.broadcasts)
            robots.status_message.connect(self._show_status)
        if services.dispatcher is not None:
            self.dispatch_scheduler = DispatchScheduler(self.runner, services.dispatcher, self)
            self.dispatch_scheduler.finished.connect(self._dispatched)
            self.dispatch_scheduler.failed.connect(
                lambda message: self.statusBar().showMessage(self.tr("群发检查失败: {0}").format(message), 15000))
            self.send_due_action.setEnabled(True)
            self.dispatch_scheduler.start()

    def send_due_now(self) -> None:
        """文件 → 立即发送到期消息: run the dispatcher now (unless it is already running)."""
        scheduler = self.dispatch_scheduler
        if scheduler is None:
            return
        if scheduler.run_now():
            self.statusBar().showMessage(self.tr("正在检查并发送到期的群发…"), 5000)
        else:
            self.statusBar().showMessage(self.tr("正在发送中, 请稍候"), 5000)

    def _dispatched(self, summary) -> None:  # type: ignore[no-untyped-def]  # a DispatchSummary
        messages = []
        if summary.sent:
            messages.append(self.tr("机器人已发送 {0} 条").format(summary.sent))
        if summary.failed:
            messages.append(self.tr("{0} 条发送失败 (见群发 → 发送记录)").format(summary.failed))
        if summary.flagged:
            messages.append(self.tr("{0} 条消息发送中断, 请到 群发 → 待确认 确认是否已发出").format(summary.flagged))
        for reason in summary.disabled_robots:
            messages.append(self.tr("机器人已停用: {0}").format(reason))
        previous = self._manual_due
        self._set_manual_due(summary.manual_due)
        if summary.manual_due and summary.manual_due > (previous or 0):
            due = self.tr("{0} 条群发消息等你手动发送 (群发 → 待发送)").format(summary.manual_due)
            messages.append(due)
            self._notify(self.tr("群发到期"), due)
        if summary.disabled_robots:
            self._notify(self.tr("机器人已停用"), "\n".join(summary.disabled_robots))
        if messages:
            self.statusBar().showMessage("; ".join(messages), 15000)
        if self.broadcasts_page is not None:
            self.broadcasts_page.dispatch_finished(summary)

    def _set_manual_due(self, count: int) -> None:
        """The navigation shows 群发 (3) while manual sends wait."""
        self._manual_due = count
        for row in range(self._page_items):
            item = self.nav.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == "broadcasts":
                item.setText(self.tr("群发 ({0})").format(count) if count else self.tr("群发"))

    def _notify(self, title: str, text: str) -> None:
        """A tray notification where the desktop has a tray (never offscreen); the status bar always."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self.tray is None:
            self.tray = QSystemTrayIcon(self.windowIcon(), self)
            self.tray.setToolTip(self.tr("群管家 QunDesk"))
            self.tray.activated.connect(lambda _reason: (self.show_page("broadcasts"), self.activateWindow()))
            self.tray.show()
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10000)

    # ------------------------------------------------------------------ lifecycle
    def refresh_dormant(self) -> None:
        """Mark groups silent for 14 days 沉默 (and wake those that spoke again)."""
        lifecycle = self.lifecycle

        def done(changed: list[int]) -> None:
            if changed:
                self.runner.data_changed.emit("groups", changed)

        days = self.settings.get(keys.DORMANT_DAYS)
        self.runner.run(lambda _ctx: lifecycle.refresh_dormant(days=days), on_done=done, write=True)

    def choose_dormant_days(self) -> None:
        days, ok = QInputDialog.getInt(
            self, self.tr("沉默判定"), self.tr("连续多少天没有发言的群算作沉默群:"),
            self.settings.get(keys.DORMANT_DAYS), 1, 365,
        )
        if ok:
            self.settings.set(keys.DORMANT_DAYS, days)
            if self.groups_page is not None:
                self.groups_page.set_dormant_days(days)
            if self.lifecycle is not None:
                self.refresh_dormant()

    def edit_ladder_rules(self) -> None:
        from desktop.ui.dialogs.ladder_settings import LadderSettingsDialog

        dialog = LadderSettingsDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.members_page is not None and self.members_page.rules_changed())
        self.ladder_dialog = dialog
        dialog.open()

    def archive_ended(self) -> None:
        """Preview every short-term group that has ended, then archive them in one go."""
        lifecycle = self.lifecycle
        if lifecycle is None:
            return

        def preview(groups: list[GroupDTO]) -> None:
            if not groups:
                QMessageBox.information(self, self.tr("归档已结束的群"), self.tr("没有已结束但未归档的短期群。"))
                return
            listed = "\n".join(f"{g.name}  ({g.end_date})" for g in groups[:15])
            more = self.tr("\n… 等共 {0} 个群").format(len(groups)) if len(groups) > 15 else ""
            answer = QMessageBox.question(
                self, self.tr("归档已结束的群"),
                self.tr("以下 {0} 个短期群已结束, 归档它们吗? 归档后可随时恢复。\n\n{1}{2}").format(
                    len(groups), listed, more),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            ids = [g.id for g in groups]
            self.runner.run(
                lambda _ctx: lifecycle.archive_ended(ids), changes="groups", changed_ids=lambda _n: ids,
                on_done=lambda n: self.statusBar().showMessage(self.tr("已归档 {0} 个已结束的群").format(n), 5000),
            )

        self.runner.run(lambda _ctx: lifecycle.ended_groups(), on_done=preview)

    # ------------------------------------------------------------------ menus
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        self.new_group_action = file_menu.addAction(self.tr("新建群…"), self._new_group)
        self.new_group_action.setShortcut(QKeySequence.StandardKey.New)
        file_menu.addSeparator()
        self.import_action = file_menu.addAction(self.tr("导入…"), self.open_import)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.export_action = file_menu.addAction(self.tr("导出当前表格…"), self.export_current)
        self.export_action.setToolTip(self.tr("把当前页面表格显示的行和列 (筛选、排序后) 导出为 Excel 或 CSV"))
        file_menu.addSeparator()
        self.send_due_action = file_menu.addAction(self.tr("立即发送到期消息"), self.send_due_now)
        self.send_due_action.setObjectName("sendDueAction")
        self.send_due_action.setToolTip(self.tr("现在就检查到期的群发: 有机器人的群立即发送, 其余放进“待发送”"))
        self.send_due_action.setEnabled(False)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("退出"), self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.edit_menu = bar.addMenu(self.tr("编辑(&E)"))  # filled by attach()

        self.quick_entry_action = QAction(self.tr("记录互动…"), self)
        self.quick_entry_action.setShortcut(QKeySequence("Ctrl+L"))
        self.quick_entry_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.quick_entry_action.triggered.connect(self.focus_quick_entry)
        self.quick_entry_action.setEnabled(False)
        file_menu.insertAction(file_menu.actions()[1], self.quick_entry_action)
        view_menu = bar.addMenu(self.tr("视图(&V)"))
        refresh = view_menu.addAction(self.tr("刷新"), self._refresh_all)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        clear = view_menu.addAction(self.tr("清除筛选"), lambda: self.groups_page and self.groups_page.clear_filters())
        self.archive_ended_action = file_menu.addAction(self.tr("归档已结束的短期群…"), self.archive_ended)
        file_menu.insertAction(quit_action, self.archive_ended_action)
        file_menu.insertSeparator(quit_action)
        self._workspace_actions = [self.new_group_action, refresh, clear, self.archive_ended_action, self.import_action,
                                  self.export_action]
        for action in self._workspace_actions:
            action.setEnabled(False)

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
        self.dormant_action = settings_menu.addAction(self.tr("沉默判定天数…"), self.choose_dormant_days)
        self.ladder_action = settings_menu.addAction(self.tr("客户阶梯与活跃度规则…"), self.edit_ladder_rules)
        self.dormant_action.setEnabled(False)

        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        about = help_menu.addAction(self.tr("关于群管家"), self._about)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    # ------------------------------------------------------------------ pages
    def _set_empty(self, empty: bool) -> None:
        assert self.welcome_page is not None and self.groups_page is not None
        self.nav.setEnabled(not empty)
        if empty:
            self.nav.clearSelection()
            self.pages.setCurrentWidget(self.welcome_page)
        else:
            self.nav.setCurrentRow(0)
            self.pages.setCurrentWidget(self.groups_page)

    def _navigate(self, row: int) -> None:
        if self.groups_page is None or row < 0:
            return
        page = self._page_widgets.get(self.nav.item(row).data(Qt.ItemDataRole.UserRole))
        if page is not None and page is not self.groups_page:
            self.pages.setCurrentWidget(page)
            return
        self.pages.setCurrentWidget(self.groups_page)
        segment = self._segment_items.get(row)
        if segment is None:
            return
        if segment.spec is None:
            QMessageBox.warning(self, self.tr("分组"), segment.problem or self.tr("这个分组的筛选条件已损坏"))
            return
        self.groups_page.apply_spec(segment.spec)

    def show_page(self, name: str) -> None:
        """Go to a page by name ("groups", "classification") as the navigation does."""
        for row in range(self._page_items):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.nav.setCurrentRow(row)
                self._navigate(row)
                return

    # ------------------------------------------------------------------ segments
    def _refresh_segments(self) -> None:
        segments = self.segments
        if segments is None:
            return
        self.runner.run(lambda _ctx: (segments.list(), segments.counts()), on_done=self._show_segments)

    def _show_segments(self, result: tuple[list[SegmentDTO], dict[int, int]]) -> None:
        listed, counts = result
        current = self._segment_items.get(self.nav.currentRow())
        self.nav.blockSignals(True)
        try:
            while self.nav.count() > self._page_items:
                self.nav.takeItem(self._page_items)
            self._segment_items = {}
            if listed:
                header = QListWidgetItem(self.tr("分组"))
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                self.nav.addItem(header)
            for segment in listed:
                count = counts.get(segment.id)
                item = QListWidgetItem(f"{segment.name}  {count if count is not None else '—'}")
                item.setToolTip(segment.problem or segment.name)
                self.nav.addItem(item)
                self._segment_items[self.nav.count() - 1] = segment
                if current is not None and current.id == segment.id:
                    self.nav.setCurrentItem(item)
        finally:
            self.nav.blockSignals(False)

    def save_segment(self, spec: SegmentSpec) -> None:
        segments = self.segments
        if segments is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("存为分组"), self.tr("分组名称, 例如“VIP服务群·活跃”:"))
        if not ok:
            return
        self.runner.run(
            lambda _ctx: segments.create(name, spec), changes="segments", changed_ids=lambda dto: [dto.id],
            on_done=lambda dto: self.statusBar().showMessage(self.tr("已保存分组“{0}”").format(dto.name), 5000),
        )

    def _nav_menu(self, position) -> None:  # type: ignore[no-untyped-def]
        row = self.nav.indexAt(position).row()
        segment = self._segment_items.get(row)
        segments = self.segments
        if segment is None or segments is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("重命名…"), lambda: self._rename_segment(segment))
        menu.addAction(self.tr("删除"), lambda: self._delete_segment(segment))
        menu.exec(self.nav.viewport().mapToGlobal(position))

    def _rename_segment(self, segment: SegmentDTO) -> None:
        segments = self.segments
        assert segments is not None
        name, ok = QInputDialog.getText(self, self.tr("重命名分组"), self.tr("新名称:"), text=segment.name)
        if ok and name.strip() != segment.name:
            self.runner.run(lambda _ctx: segments.rename(segment.id, name), changes="segments",
                            changed_ids=lambda _dto: [segment.id])

    def _delete_segment(self, segment: SegmentDTO) -> None:
        segments = self.segments
        assert segments is not None
        answer = QMessageBox.question(
            self, self.tr("删除分组"),
            self.tr("删除分组“{0}”? 只删除这个保存的筛选, 群本身不受影响。").format(segment.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.runner.run(lambda _ctx: segments.delete(segment.id), changes="segments",
                            changed_ids=lambda _none: [segment.id])

    def focus_quick_entry(self) -> None:
        """Ctrl+L from anywhere: the quick-entry bar, with the group shown on the Groups page if any."""
        bar, page = self.quick_entry, self.groups_page
        if bar is None:
            return
        if page is not None and self.pages.currentWidget() is page and page.current_group() is not None:
            group = page.current_group()
            bar.set_group(group.id, group.name)
        bar.focus_entry()

    def show_group(self, group_id: int) -> None:
        """The Groups page with one group selected (a click on the dashboard's bars)."""
        if self.groups_page is not None:
            self.show_page("groups")
            self.groups_page.show_group(group_id)

    def show_member(self, member_id: int) -> None:
        if self.members_page is not None:
            self.show_page("members")
            self.members_page.show_member(member_id)

    def export_current(self, path: str | None = None, *, full_phones: bool | None = None) -> None:
        """Export the table of the current page as shown (rows, order, visible columns)."""
        page, exports = self.pages.currentWidget(), self.exports
        table = page.export_table() if exports is not None and hasattr(page, "export_table") else None
        if table is None:
            QMessageBox.information(self, self.tr("导出"), self.tr("这一页没有可导出的表格。请切换到群组、成员或互动页。"))
            return
        if not table.total:
            QMessageBox.information(self, self.tr("导出"), self.tr("表格是空的, 没有可导出的行。"))
            return
        if path is None:
            documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            default = str(Path(documents) / f"{table.name}_{date.today().isoformat()}.xlsx")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("导出“{0}”").format(table.name), default,
                                                  self.tr("Excel 工作簿 (*.xlsx);;CSV (UTF-8) (*.csv)"))
            if not path:
                return
        if full_phones is None:
            full_phones = table.has_phones and QMessageBox.question(
                self, self.tr("手机号"), self.tr("导出完整手机号吗? 默认只导出 138****1234 这样的打码号码;"
                                                "导出完整号码会记入操作日志。"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes

        def write(ctx: TaskContext) -> object:
            return exports.export_rows(table.columns, table.rows(ctx), path, full_phones=full_phones,
                                       total=table.total, what=table.name, progress=ctx.progress, cancel=ctx.cancel)

        self.runner.run(write, title=self.tr("正在导出…"), parent=self, write=full_phones,  # the audit row
                        on_done=lambda result: self.statusBar().showMessage(
                            self.tr("已导出 {0} 行到 {1}").format(result.rows, result.path), 8000))

    def open_import(self, path: str | None = None) -> None:
        """The import wizard; after an import every page reads the store again."""
        if self.imports is None:
            return
        orders = self.orders
        from desktop.ui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self.runner, self.imports, self.settings, self,
                              campaigns=(lambda: [(c.id, c.title) for c in orders.campaigns()]) if orders else None)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.imported.connect(self._imported)
        wizard.finished.connect(lambda _r: setattr(self, "import_wizard", None))
        self.import_wizard = wizard
        if path:
            wizard.set_path(path)
        wizard.open()

    def _imported(self, report: object) -> None:
        self._set_empty(False)
        self.statusBar().showMessage(self.tr("导入完成: 新增 {0} 行, 更新 {1} 行").format(
            report.inserted, report.updated), 8000)  # type: ignore[attr-defined]  # a wizard Tally

    def _new_group(self) -> None:
        if self.groups_page is not None:
            self._set_empty(False)
            self.groups_page.new_group()

    def create_demo(self) -> None:
        assert self.workspace is not None and self.welcome_page is not None
        workspace, welcome = self.workspace, self.welcome_page
        welcome.demo_button.setEnabled(False)

        def done(_summary: object) -> None:
            self._set_empty(False)
            self.statusBar().showMessage(self.tr("演示工作区已生成"), 5000)

        def failed(exc: BaseException) -> None:
            welcome.demo_button.setEnabled(True)
            QMessageBox.warning(self, self.tr("无法生成演示工作区"), str(exc))

        self.runner.run(
            lambda ctx: workspace.build_demo(progress=ctx.progress, cancel=ctx.cancel),
            on_done=done, on_error=failed, changes="workspace",
            title=self.tr("正在生成演示工作区…"), parent=self,
        )

    def _data_changed(self, kind: str, _ids: list) -> None:
        if kind in ("rules", "broadcasts", "deliveries", "templates", "channels"):
            return  # these change no group and no count
        if kind == "dimensions":
            self._reload_dimensions()
        self._refresh_counts()
        self._refresh_segments()  # live counts: any write may move groups in or out of a segment

    def _reload_dimensions(self) -> None:
        """Dimensions or labels were edited: every page that lists them rebuilds from the new list."""
        classification = self.classification
        if classification is None:
            return

        def show(dimensions: list[DimensionDTO]) -> None:
            assert self.groups_page is not None and self.classification_page is not None
            self.groups_page.set_dimensions(dimensions)
            self.classification_page.set_dimensions(dimensions)

        self.runner.run(lambda _ctx: classification.dimensions(), on_done=show)

    def _show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 5000)

    def _refresh_all(self) -> None:
        self.runner.data_changed.emit("workspace", [])

    def _refresh_counts(self) -> None:
        workspace = self.workspace
        if workspace is None:
            return

        def show(counts: tuple[int, int]) -> None:
            groups, members = counts
            self.counts_label.setText(self.tr("群 {0} · 成员 {1}").format(f"{groups:,}", f"{members:,}"))

        self.runner.run(lambda _ctx: workspace.counts(), on_done=show)

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
                __version__, self.workspace.display_name if self.workspace else "—"
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        page = self.groups_page
        if page is not None and page.has_unsaved_edit():
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
                page.save_current()
        members = self.members_page
        if members is not None and members.has_unsaved_edit():
            answer = QMessageBox.question(
                self, self.tr("保存修改"), self.tr("成员资料有未保存的修改, 退出前要保存吗?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Save:
                members.save_current()
        rules = self.classification_page.rules_panel if self.classification_page is not None else None
        if rules is not None and rules.is_dirty:
            answer = QMessageBox.question(
                self, self.tr("保存修改"), self.tr("自动分类规则有未保存的修改, 退出前要保存吗?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Save:
                rules.save()
        if self.dispatch_scheduler is not None:
            self.dispatch_scheduler.stop()
        if self.tray is not None:
            self.tray.hide()
        self.runner.cancel_all()
        self.runner.wait_for_done()
        self.settings.set(keys.MAIN_GEOMETRY, self.saveGeometry())
        self.settings.set(keys.MAIN_STATE, self.saveState())
        self.settings.set(keys.MAIN_SPLITTER, self.splitter.saveState())
        if page is not None:
            page.save_state()
        if self.interactions_page is not None:
            self.interactions_page.save_state()
        self.settings.sync()
        super().closeEvent(event)
