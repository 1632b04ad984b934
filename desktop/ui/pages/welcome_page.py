"""Shown while the workspace is empty: say what the app is for and offer the two ways in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    demo_requested = Signal()
    new_group_requested = Signal()
    import_requested = Signal()

    def __init__(self, database_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("欢迎使用群管家"))
        title.setStyleSheet("font-size: 26px; font-weight: 600;")
        intro = QLabel(
            self.tr(
                "在一个地方管理你运营的所有群: 按平台、状态和标签分类, 用拼音秒搜, 随手编辑和归档。\n"
                "数据只保存在这台电脑上:"
            )
        )
        intro.setWordWrap(True)
        self.where_label = where = QLabel(database_name)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setStyleSheet("color: #616161;")
        where.setWordWrap(True)

        self.demo_button = QPushButton(self.tr("创建演示工作区"))
        self.demo_button.setObjectName("createDemo")
        self.demo_button.setMinimumHeight(40)
        self.demo_button.setToolTip(self.tr("生成 300 个群、2 万名成员和半年的互动记录, 先看看群管家能做什么"))
        self.demo_button.clicked.connect(self.demo_requested)
        self.new_button = QPushButton(self.tr("添加第一个群"))
        self.new_button.setObjectName("addFirstGroup")
        self.new_button.setMinimumHeight(40)
        self.new_button.clicked.connect(self.new_group_requested)
        self.import_button = QPushButton(self.tr("从 Excel 导入…"))
        self.import_button.setObjectName("importFirst")
        self.import_button.setMinimumHeight(40)
        self.import_button.setToolTip(self.tr("导入手头的群列表、成员表或聊天记录导出"))
        self.import_button.clicked.connect(self.import_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.import_button)

        column = QVBoxLayout()
        column.addStretch(2)
        column.addWidget(title)
        column.addSpacing(12)
        column.addWidget(intro)
        column.addWidget(where)
        column.addSpacing(24)
        column.addLayout(buttons)
        column.addStretch(3)
        box = QWidget()
        box.setLayout(column)
        box.setMaximumWidth(560)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 2)
        outer.addStretch(1)
