"""The classification settings page: dimensions and labels, and auto-classification rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.domain.groups import DimensionDTO
from desktop.ui.pages.dimensions_panel import DimensionsPanel
from desktop.ui.pages.rules_panel import RulesPanel
from desktop.workers.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.services.classification import ClassificationService
    from desktop.services.rules import RuleService


class ClassificationPage(QWidget):
    status_message = Signal(str)

    def __init__(self, runner: TaskRunner, classification: ClassificationService, rules: RuleService,
                 dimensions: list[DimensionDTO], undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dimensions_panel = DimensionsPanel(runner, classification)
        self.rules_panel = RulesPanel(runner, rules, dimensions)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("classificationTabs")
        self.tabs.addTab(self.dimensions_panel, self.tr("维度与标签"))
        self.tabs.addTab(self.rules_panel, self.tr("自动分类规则"))
        for panel in (self.dimensions_panel, self.rules_panel):
            panel.status_message.connect(self.status_message)
        # applying a rule lands on the classification undo stack; Ctrl+Z works from here too
        self.undo_action = undo_stack.createUndoAction(self, self.tr("撤销"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = undo_stack.createRedoAction(self, self.tr("重做"))
        self.redo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.tabs)

    def set_dimensions(self, dimensions: list[DimensionDTO]) -> None:
        self.rules_panel.set_dimensions(dimensions)

    def has_unsaved_edit(self) -> bool:
        return self.rules_panel.has_unsaved_edit()
