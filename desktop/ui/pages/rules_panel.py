"""Auto-classification rules: the list, the condition form, a live preview, apply on demand.

The preview is recomputed (debounced) as the operator types, from the unsaved form, so what the
table shows is exactly what "apply" will do. Applying hands the resulting LabelChange to the
classification undo stack (``labels_applied``), so Ctrl+Z takes it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Platform
from desktop.domain.errors import ValidationError
from desktop.domain.groups import DimensionDTO
from desktop.domain.rules import (
    DAYS_MAX,
    MEMBERS_MAX,
    GroupLabelPreview,
    RuleConditions,
    RuleDTO,
    RulePreview,
)
from desktop.ui.labels import platform_name
from desktop.ui.models.rows_model import Column, RowsModel
from desktop.ui.styles import ERROR_STYLE, error_label
from desktop.workers.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.services.rules import RuleService

PREVIEW_DELAY_MS = 300
_ID = Qt.ItemDataRole.UserRole
_ENABLED, _AUTO = 2, 3  # checkable columns of the rule list


class RulesPanel(QWidget):
    status_message = Signal(str)
    # a rule was applied: (LabelChange, description) for the undo stack
    labels_applied = Signal(object, str)

    def __init__(self, runner: TaskRunner, rules: RuleService, dimensions: list[DimensionDTO],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = rules
        self._dimensions = dimensions
        self._rules: list[RuleDTO] = []
        self._rule_id: int | None = None  # the rule in the form; None = a new, unsaved one
        self._snapshot: tuple | None = None
        self._loading = False
        self._stale = True
        self._preview_serial = 0
        self.last_preview: RulePreview | None = None
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.preview_now)

        self._build_list()
        self._build_form()
        self._build_preview()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addLayout(self.form)
        right_layout.addWidget(self.error)
        right_layout.addLayout(self.form_buttons)
        right_layout.addWidget(self.preview_summary)
        right_layout.addWidget(self.preview_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list_box)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        runner.data_changed.connect(self._data_changed)
        self._fill_labels()
        self.new_rule()

    # ------------------------------------------------------------------ building
    def _build_list(self) -> None:
        self.rule_list = QTreeWidget()
        self.rule_list.setObjectName("ruleList")
        self.rule_list.setColumnCount(4)
        self.rule_list.setHeaderLabels([self.tr("规则"), self.tr("设置标签"), self.tr("启用"), self.tr("新群自动")])
        self.rule_list.setRootIsDecorated(False)
        self.rule_list.setUniformRowHeights(True)
        self.rule_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.rule_list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, _ENABLED, _AUTO):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.rule_list.currentItemChanged.connect(self._rule_chosen)
        self.rule_list.itemChanged.connect(self._switch_toggled)
        self.empty_rules = QLabel(self.tr("还没有规则。填写右边的条件并保存, 就有了第一条规则。"))
        self.empty_rules.setWordWrap(True)
        self.empty_rules.setStyleSheet("color: #757575;")
        self.new_button = QPushButton(self.tr("新建规则"))
        self.new_button.setObjectName("newRule")
        self.new_button.clicked.connect(lambda: self._leave_form() and self.new_rule())
        self.delete_button = QPushButton(self.tr("删除规则"))
        self.delete_button.setObjectName("deleteRule")
        self.delete_button.clicked.connect(self.delete_rule)
        delete_action = QAction(self.tr("删除规则"), self.rule_list)
        delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_action.triggered.connect(self.delete_rule)
        self.rule_list.addAction(delete_action)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        self.list_box = QWidget()
        box = QVBoxLayout(self.list_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.rule_list, 1)
        box.addWidget(self.empty_rules)
        box.addLayout(buttons)

    def _build_form(self) -> None:
        self.name = QLineEdit()
        self.name.setObjectName("ruleName")
        self.name.setMaxLength(80)
        self.name.setPlaceholderText(self.tr("例如: 快闪群归为短期群"))
        self.name_contains = QLineEdit()
        self.name_contains.setObjectName("ruleNameContains")
        self.name_contains.setPlaceholderText(self.tr("群名里包含的文字, 不区分大小写"))
        self.name_regex = QLineEdit()
        self.name_regex.setObjectName("ruleNameRegex")
        self.name_regex.setPlaceholderText(self.tr("正则表达式, 例如 ^VIP|贵宾"))
        self.platforms = QToolButton()
        self.platforms.setObjectName("rulePlatforms")
        self.platforms.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.platform_menu = QMenu(self.platforms)
        self._platform_actions: dict[Platform, QAction] = {}
        for platform in Platform:
            action = self.platform_menu.addAction(platform_name(platform))
            action.setCheckable(True)
            action.toggled.connect(self._platforms_changed)
            self._platform_actions[platform] = action
        self.platforms.setMenu(self.platform_menu)
        self.member_min = self._optional_spin(MEMBERS_MAX, self.tr("不限"))
        self.member_max = self._optional_spin(MEMBERS_MAX, self.tr("不限"))
        self.owner = QLineEdit()
        self.owner.setPlaceholderText(self.tr("群主名字"))
        self.owner_exact = QCheckBox(self.tr("完全一致"))
        self.created_within = self._optional_spin(DAYS_MAX, self.tr("不限"))
        self.created_within.setSuffix(self.tr(" 天内"))
        self.end_date = QComboBox()
        for text, value in ((self.tr("不限"), None), (self.tr("已设结束日期"), True), (self.tr("未设结束日期"), False)):
            self.end_date.addItem(text, value)
        self.label = QComboBox()
        self.label.setObjectName("ruleLabel")
        self.enabled = QCheckBox(self.tr("启用"))
        self.apply_to_new = QCheckBox(self.tr("对以后新建和导入的群自动应用"))
        self.apply_to_new.setObjectName("ruleApplyToNew")

        members = QHBoxLayout()
        members.addWidget(self.member_min)
        members.addWidget(QLabel("—"))
        members.addWidget(self.member_max)
        members.addStretch(1)
        owner = QHBoxLayout()
        owner.addWidget(self.owner, 1)
        owner.addWidget(self.owner_exact)
        switches = QHBoxLayout()
        switches.addWidget(self.enabled)
        switches.addWidget(self.apply_to_new)
        switches.addStretch(1)
        self.form = QFormLayout()
        self.form.addRow(self.tr("规则名称"), self.name)
        self.form.addRow(self.tr("群名包含"), self.name_contains)
        self.form.addRow(self.tr("群名匹配"), self.name_regex)
        self.form.addRow(self.tr("平台"), self.platforms)
        self.form.addRow(self.tr("人数"), members)
        self.form.addRow(self.tr("群主"), owner)
        self.form.addRow(self.tr("创建于最近"), self._left(self.created_within))
        self.form.addRow(self.tr("结束日期"), self._left(self.end_date))
        self.form.addRow(self.tr("则设置标签"), self.label)
        self.form.addRow("", switches)

        self.error = error_label("ruleError", wrap=False)
        self.error.setWordWrap(True)
        self.error.hide()
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("saveRule")
        self.save_button.setToolTip(self.tr("保存规则 (Ctrl+S)"))
        self.save_button.clicked.connect(lambda: self.save())
        save_action = QAction(self.tr("保存规则"), self)
        save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_action.triggered.connect(lambda: self.save())
        self.addAction(save_action)
        self.revert_button = QPushButton(self.tr("放弃修改"))
        self.revert_button.clicked.connect(self._revert)
        self.apply_button = QPushButton(self.tr("应用到现有的群…"))
        self.apply_button.setObjectName("applyRule")
        self.apply_button.setToolTip(self.tr("按预览给现有的群设置标签 (可撤销)"))
        self.apply_button.clicked.connect(self.apply_rule)
        self.form_buttons = QHBoxLayout()
        self.form_buttons.addStretch(1)
        self.form_buttons.addWidget(self.revert_button)
        self.form_buttons.addWidget(self.save_button)
        self.form_buttons.addWidget(self.apply_button)

        for line in (self.name, self.name_contains, self.name_regex, self.owner):
            line.textChanged.connect(self._edited)
        for spin in (self.member_min, self.member_max, self.created_within):
            spin.valueChanged.connect(self._edited)
        for combo in (self.end_date, self.label):
            combo.currentIndexChanged.connect(self._edited)
        for box in (self.owner_exact, self.enabled, self.apply_to_new):
            box.toggled.connect(self._edited)

    def _build_preview(self) -> None:
        self.preview_summary = QLabel()
        self.preview_summary.setObjectName("previewSummary")
        self.preview_summary.setWordWrap(True)
        self.preview_model: RowsModel[GroupLabelPreview] = RowsModel([
            Column(self.tr("群"), lambda r: r.name),
            Column(self.tr("现在"), lambda r: "、".join(r.before) or self.tr("(未分类)")),
            Column(self.tr("应用后"), lambda r: "、".join(r.after)),
        ], self)
        self.preview_table = QTableView()
        self.preview_table.setObjectName("rulePreview")
        self.preview_table.setModel(self.preview_model)
        self.preview_table.setSortingEnabled(True)
        self.preview_table.verticalHeader().hide()
        self.preview_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.preview_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.preview_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

    @staticmethod
    def _left(widget: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(widget)
        row.addStretch(1)
        return row

    def _optional_spin(self, top: int, none_text: str) -> QSpinBox:
        """A count where the lowest value (-1) reads "any" and means "no condition"."""
        spin = QSpinBox()
        spin.setRange(-1, top)
        spin.setSpecialValueText(none_text)
        spin.setMinimumWidth(110)
        return spin

    def _fill_labels(self) -> None:
        current = self.label.currentData()
        self.label.blockSignals(True)
        try:
            self.label.clear()
            for dimension in self._dimensions:
                for label in dimension.labels:
                    self.label.addItem(f"{dimension.name} · {label.name}", label.id)
            index = self.label.findData(current)
            self.label.setCurrentIndex(max(index, 0))
        finally:
            self.label.blockSignals(False)

    # ------------------------------------------------------------------ data
    def set_dimensions(self, dimensions: list[DimensionDTO]) -> None:
        self._dimensions = dimensions
        self._fill_labels()
        self.refresh()  # rules die with their label; renamed labels show their new names

    def refresh(self) -> None:
        self._stale = False
        service = self._service
        self._runner.run(lambda _ctx: service.list_rules(), on_done=self._show_rules)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
            self.schedule_preview()

    def _data_changed(self, kind: str, _ids: list) -> None:
        if kind in ("groups", "group_labels", "workspace", "imports"):
            if self.isVisible():
                self.schedule_preview()
            else:
                self._stale = True

    def _show_rules(self, rules: list[RuleDTO]) -> None:
        self._rules = rules
        self.rule_list.blockSignals(True)
        try:
            self.rule_list.clear()
            for rule in rules:
                item = QTreeWidgetItem([rule.name, f"{rule.dimension_name} · {rule.label_name}", "", ""])
                item.setData(0, _ID, rule.id)
                item.setCheckState(_ENABLED, Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked)
                item.setCheckState(_AUTO, Qt.CheckState.Checked if rule.apply_to_new else Qt.CheckState.Unchecked)
                self.rule_list.addTopLevelItem(item)
                if rule.id == self._rule_id:
                    self.rule_list.setCurrentItem(item)
        finally:
            self.rule_list.blockSignals(False)
        self.empty_rules.setVisible(not rules)
        self.delete_button.setEnabled(self._rule_id is not None)
        if self._rule_id is not None and not any(rule.id == self._rule_id for rule in rules):
            self.new_rule()  # the rule went with its label

    # ------------------------------------------------------------------ the form
    def new_rule(self) -> None:
        self._rule_id = None
        self.rule_list.blockSignals(True)
        self.rule_list.setCurrentItem(None)
        self.rule_list.clearSelection()
        self.rule_list.blockSignals(False)
        self._load(None)

    def _load(self, rule: RuleDTO | None) -> None:
        conditions = rule.conditions if rule else RuleConditions()
        self._loading = True
        try:
            self.name.setText(rule.name if rule else "")
            self.name_contains.setText(conditions.name_contains)
            self.name_regex.setText(conditions.name_regex)
            for platform, action in self._platform_actions.items():
                action.setChecked(platform in conditions.platforms)
            self.member_min.setValue(-1 if conditions.member_min is None else conditions.member_min)
            self.member_max.setValue(-1 if conditions.member_max is None else conditions.member_max)
            self.owner.setText(conditions.owner)
            self.owner_exact.setChecked(conditions.owner_exact)
            self.created_within.setValue(-1 if conditions.created_within_days is None
                                         else conditions.created_within_days)
            self.end_date.setCurrentIndex(self.end_date.findData(conditions.has_end_date))
            if rule is not None:
                self.label.setCurrentIndex(max(self.label.findData(rule.label_id), 0))
            self.enabled.setChecked(rule.enabled if rule else True)
            self.apply_to_new.setChecked(rule.apply_to_new if rule else False)
            self._platforms_changed()
        finally:
            self._loading = False
        self._snapshot = self._state()
        self._show_error("")
        self.delete_button.setEnabled(rule is not None)
        self._update_buttons()
        self.schedule_preview()

    def conditions(self) -> RuleConditions:
        def optional(spin: QSpinBox) -> int | None:
            return None if spin.value() < 0 else spin.value()

        return RuleConditions(
            name_contains=self.name_contains.text(),
            name_regex=self.name_regex.text(),
            platforms=frozenset(p for p, action in self._platform_actions.items() if action.isChecked()),
            member_min=optional(self.member_min),
            member_max=optional(self.member_max),
            owner=self.owner.text(),
            owner_exact=self.owner_exact.isChecked(),
            created_within_days=optional(self.created_within),
            has_end_date=self.end_date.currentData(),
        )

    def _state(self) -> tuple:
        return (self.name.text().strip(), self.conditions(), self.label.currentData(),
                self.enabled.isChecked(), self.apply_to_new.isChecked())

    @property
    def is_dirty(self) -> bool:
        return self._snapshot is not None and self._state() != self._snapshot

    def _platforms_changed(self) -> None:
        chosen = [action.text() for action in self._platform_actions.values() if action.isChecked()]
        self.platforms.setText("、".join(chosen) if chosen else self.tr("全部平台"))
        self._edited()

    def _edited(self) -> None:
        if self._loading:
            return
        self._show_error("")
        self._update_buttons()
        self.schedule_preview()

    def _update_buttons(self) -> None:
        dirty = self.is_dirty
        self.save_button.setEnabled(dirty or self._rule_id is None)
        self.revert_button.setEnabled(dirty)
        self.apply_button.setEnabled(self.label.count() > 0)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _revert(self) -> None:
        self._load(next((r for r in self._rules if r.id == self._rule_id), None))

    def _rule_chosen(self, item: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        rule_id = item.data(0, _ID)
        if rule_id == self._rule_id:
            return
        if not self._leave_form():
            self.rule_list.blockSignals(True)
            self.rule_list.setCurrentItem(previous)
            self.rule_list.blockSignals(False)
            return
        self._rule_id = rule_id
        self._load(next((r for r in self._rules if r.id == rule_id), None))

    def _leave_form(self) -> bool:
        """May the form be replaced? Asks first when it holds unsaved edits."""
        if not self.is_dirty:
            return True
        answer = QMessageBox.question(
            self, self.tr("规则有未保存的修改"), self.tr("规则“{0}”有未保存的修改, 要放弃吗?").format(
                self.name.text() or self.tr("(新规则)")),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def has_unsaved_edit(self) -> bool:
        return self.is_dirty and self._rule_id is not None

    # ------------------------------------------------------------------ preview
    def schedule_preview(self) -> None:
        self._preview_timer.start()

    def preview_now(self) -> None:
        """Show what the form (saved or not) would change right now."""
        self._preview_timer.stop()
        conditions, label_id = self.conditions(), self.label.currentData()
        self._preview_serial += 1
        serial = self._preview_serial
        if label_id is None:
            self._show_preview(None, self.tr("先在“维度与标签”里建一个标签, 规则才有标签可设。"))
            return
        if conditions.is_empty:
            self._show_preview(None, self.tr("填写至少一个条件, 这里就会列出会被改变的群。"))
            return

        def done(preview: RulePreview) -> None:
            if serial == self._preview_serial:  # an older preview finishing late is stale
                self._show_preview(preview, "")

        def failed(exc: BaseException) -> None:
            if serial == self._preview_serial:
                self._show_preview(None, error_message(exc), error=True)

        service = self._service
        self._runner.run(lambda _ctx: service.preview(conditions=conditions, label_id=label_id),
                         on_done=done, on_error=failed)

    def _show_preview(self, preview: RulePreview | None, message: str, *, error: bool = False) -> None:
        self.last_preview = preview
        self.preview_model.set_rows(preview.changes if preview else [])
        if preview is not None:
            message = self.tr("匹配 {0} 个群 (共 {1} 个未归档的群), 其中 {2} 个会改变, "
                              "其余已经是“{3}”。").format(preview.matched, preview.considered, preview.changed,
                                                          preview.label_name)
            if preview.warning:
                message += "\n" + preview.warning
        warn = error or bool(preview and preview.warning)
        self.preview_summary.setStyleSheet(ERROR_STYLE if warn else "")
        self.preview_summary.setText(message)

    # ------------------------------------------------------------------ writes
    def save(self, then: Any = None) -> None:
        """Save the form as a new rule or over the current one; ``then(rule)`` runs after."""
        name, conditions, label_id = self.name.text(), self.conditions(), self.label.currentData()
        enabled, auto = self.enabled.isChecked(), self.apply_to_new.isChecked()
        if label_id is None:
            self._show_error(self.tr("请先选择要设置的标签"))
            return
        try:
            conditions.validated()
        except ValidationError as exc:
            self._show_error(str(exc))
            return
        service, rule_id = self._service, self._rule_id

        def write(_ctx: Any) -> RuleDTO:
            if rule_id is None:
                return service.create(name, conditions, label_id, enabled=enabled, apply_to_new=auto)
            return service.update(rule_id, name=name, conditions=conditions, label_id=label_id,
                                  enabled=enabled, apply_to_new=auto)

        def done(rule: RuleDTO) -> None:
            self._rule_id = rule.id
            self._rules = [*(r for r in self._rules if r.id != rule.id), rule]
            self._load(rule)
            self.refresh()
            self.status_message.emit(self.tr("已保存规则“{0}”").format(rule.name))
            if then is not None:
                then(rule)

        self._runner.run(write, on_done=done, on_error=lambda exc: self._show_error(error_message(exc)),
                         changes="rules", changed_ids=lambda rule: [rule.id])

    def _switch_toggled(self, item: QTreeWidgetItem, column: int) -> None:
        if column not in (_ENABLED, _AUTO):
            return
        rule_id, on = item.data(0, _ID), item.checkState(column) == Qt.CheckState.Checked
        service = self._service
        change = {"enabled": on} if column == _ENABLED else {"apply_to_new": on}

        def done(rule: RuleDTO) -> None:
            self._rules = [rule if r.id == rule.id else r for r in self._rules]
            if rule.id == self._rule_id and not self.is_dirty:
                self._load(rule)

        self._runner.run(lambda _ctx: service.update(rule_id, **change), on_done=done,
                         on_error=lambda exc: (QMessageBox.warning(self, self.tr("规则"), error_message(exc)),
                                               self.refresh()),
                         changes="rules", changed_ids=lambda rule: [rule.id])

    def delete_rule(self) -> None:
        rule = next((r for r in self._rules if r.id == self._rule_id), None)
        if rule is None:
            return
        answer = QMessageBox.question(
            self, self.tr("删除规则"),
            self.tr("删除规则“{0}”? 已经设置的标签不受影响。").format(rule.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        service = self._service

        def done(_none: None) -> None:
            self.new_rule()
            self.refresh()
            self.status_message.emit(self.tr("已删除规则“{0}”").format(rule.name))

        self._runner.run(lambda _ctx: service.delete(rule.id), on_done=done,
                         on_error=lambda exc: QMessageBox.warning(self, self.tr("规则"), error_message(exc)),
                         changes="rules", changed_ids=lambda _none: [rule.id])

    def apply_rule(self) -> None:
        """Save the form if needed, show what will change, and on yes apply the rule (undoable)."""
        if self.is_dirty or self._rule_id is None:
            self.save(then=lambda rule: self._confirm_apply(rule.id))
        else:
            self._confirm_apply(self._rule_id)

    def _confirm_apply(self, rule_id: int) -> None:
        service = self._service

        def previewed(preview: RulePreview) -> None:
            self._show_preview(preview, "")
            if not preview.changed:
                QMessageBox.information(self, self.tr("应用规则"), self.tr(
                    "没有需要改变的群: 匹配的 {0} 个群都已经是“{1}”。").format(preview.matched, preview.label_name))
                return
            replaced = sum(1 for row in preview.changes if set(row.before) - set(row.after))
            text = self.tr("将给 {0} 个群设置“{1}”").format(preview.changed, preview.label_name)
            if replaced:
                text += self.tr(", 其中 {0} 个群原有的“{1}”标签会被替换").format(replaced, preview.dimension_name)
            answer = QMessageBox.question(
                self, self.tr("应用规则"), text + self.tr("。\n应用后可以用 Ctrl+Z 撤销。继续吗?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
            if answer != QMessageBox.StandardButton.Yes:
                return
            self._runner.run(lambda _ctx: service.apply(rule_id), on_done=applied,
                             on_error=lambda exc: QMessageBox.warning(self, self.tr("应用规则"), error_message(exc)),
                             changes="group_labels", changed_ids=lambda change: list(change.group_ids))

        def applied(change: Any) -> None:
            rule = next((r for r in self._rules if r.id == rule_id), None)
            name = rule.name if rule else ""
            self.labels_applied.emit(change, self.tr("应用规则“{0}”").format(name))
            self.status_message.emit(self.tr("规则“{0}”已应用: {1} 个群已更改 (Ctrl+Z 撤销)").format(
                name, change.changed))
            self.preview_now()

        self._runner.run(lambda _ctx: service.preview(rule_id), on_done=previewed,
                         on_error=lambda exc: QMessageBox.warning(self, self.tr("应用规则"), error_message(exc)))
