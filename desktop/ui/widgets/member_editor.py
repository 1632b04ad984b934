"""The member profile form: used in the member detail and in the new-member dialog."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Tier
from desktop.domain.members import MemberDraft, MemberDTO
from desktop.ui.labels import tier_name
from desktop.ui.styles import error_label


class MemberEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._snapshot: MemberDraft | None = None
        self._member: MemberDTO | None = None
        self.nickname = QLineEdit()
        self.nickname.setMaxLength(64)
        self.nickname.setPlaceholderText(self.tr("微信昵称"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("真实姓名, 可不填"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("11 位手机号, 可带 +86"))
        self.wechat_id = QLineEdit()
        self.wechat_id.setPlaceholderText(self.tr("微信号, 可不填"))
        self.tier = QComboBox()
        for tier in Tier:
            self.tier.addItem(tier_name(tier), tier.value)
        self.seed_user = QCheckBox(self.tr("种子用户"))
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("例如: 老带新、地推、抖音"))
        self.address = QLineEdit()
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("备注"))
        self.note.setMinimumHeight(60)
        self.error = error_label("formError", wrap=False)
        self.error.setWordWrap(True)
        self.error.hide()
        self._fields = {"nickname": self.nickname, "name": self.name, "phone": self.phone,
                        "wechat_id": self.wechat_id, "tier": self.tier, "source": self.source,
                        "address": self.address, "note": self.note}

        form = QFormLayout()
        form.addRow(self.tr("昵称"), self.nickname)
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("手机"), self.phone)
        form.addRow(self.tr("微信号"), self.wechat_id)
        form.addRow(self.tr("客户等级"), self.tier)
        form.addRow("", self.seed_user)
        form.addRow(self.tr("来源"), self.source)
        form.addRow(self.tr("地址"), self.address)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.error)
        for line in (self.nickname, self.name, self.phone, self.wechat_id, self.source, self.address):
            line.textChanged.connect(self._emit_changed)
        self.tier.currentIndexChanged.connect(self._emit_changed)
        self.seed_user.toggled.connect(self._emit_changed)
        self.note.textChanged.connect(self._emit_changed)
        self.load(None)

    def load(self, member: MemberDTO | None) -> None:
        self._loading = True
        try:
            self._member = member
            self.nickname.setText(member.nickname if member else "")
            self.name.setText(member.name if member else "")
            self.phone.setText((member.phone or "") if member else "")
            self.wechat_id.setText((member.wechat_id or "") if member else "")
            self.tier.setCurrentIndex(self.tier.findData((member.tier if member else Tier.PROSPECT).value))
            self.seed_user.setChecked(member.seed_user if member else False)
            self.source.setText(member.source if member else "")
            self.address.setText(member.address if member else "")
            self.note.setPlainText(member.note if member else "")
            self.clear_error()
        finally:
            self._loading = False
        self._snapshot = self.draft()

    @property
    def member(self) -> MemberDTO | None:
        return self._member

    def draft(self) -> MemberDraft:
        return MemberDraft(
            nickname=self.nickname.text(),
            wechat_id=self.wechat_id.text() or None,
            phone=self.phone.text() or None,
            name=self.name.text(),
            address=self.address.text(),
            tier=Tier(self.tier.currentData()),
            seed_user=self.seed_user.isChecked(),
            referrer_id=self._member.referrer_id if self._member else None,
            source=self.source.text(),
            note=self.note.toPlainText(),
        )

    @property
    def is_dirty(self) -> bool:
        return self._snapshot is not None and self.draft() != self._snapshot

    @property
    def tier_changed(self) -> bool:
        return self._snapshot is not None and self.draft().tier != self._snapshot.tier

    def show_error(self, message: str, field: str | None = None) -> None:
        self.error.setText(message)
        self.error.show()
        widget = self._fields.get(field or "")
        if widget is not None:
            widget.setFocus()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def _emit_changed(self) -> None:
        if not self._loading:
            self.clear_error()
            self.changed.emit()
