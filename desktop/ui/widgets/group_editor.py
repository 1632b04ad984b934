"""The form to view and edit one group, used by the detail panel and the new-group dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import PLATFORM_CAPACITY, Lifespan, Platform
from desktop.domain.groups import DimensionDTO, GroupDraft, GroupDTO
from desktop.ui.labels import lifespan_name, platform_name
from desktop.ui.styles import error_label

NO_DATE = QDate(2000, 1, 1)  # shown as "未设置": QDateEdit cannot be empty


def _to_qdate(value: date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else NO_DATE


def _from_qdate(value: QDate) -> date | None:
    return None if value == NO_DATE else date(value.year(), value.month(), value.day())


class GroupEditor(QWidget):
    changed = Signal()

    def __init__(self, dimensions: list[DimensionDTO], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._snapshot: tuple | None = None

        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("例如: 阳光花园水果团购3群"))
        self.name.setMaxLength(120)
        self.platform = QComboBox()
        for platform in Platform:
            self.platform.addItem(platform_name(platform), platform.value)
        self.owner = QLineEdit()
        self.external_id = QLineEdit()
        self.external_id.setPlaceholderText(self.tr("平台上的群号, 可不填"))
        self.lifespan = QComboBox()
        for lifespan in Lifespan:
            self.lifespan.addItem(lifespan_name(lifespan), lifespan.value)
        self.start_date = self._date_edit()
        self.end_date = self._date_edit()
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 100_000)
        self.member_count = QSpinBox()
        self.member_count.setRange(0, 100_000)
        self.area = QLineEdit()
        self.area.setPlaceholderText(self.tr("小区 / 区域"))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("备注"))
        self.note.setMinimumHeight(60)
        self.error = error_label("formError", wrap=False)
        self.error.setWordWrap(True)
        self.error.hide()

        dates = QHBoxLayout()
        dates.addWidget(self.start_date)
        dates.addWidget(QLabel("—"))
        dates.addWidget(self.end_date)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("群名称"), self.name)
        form.addRow(self.tr("平台"), self.platform)
        form.addRow(self.tr("群主"), self.owner)
        form.addRow(self.tr("群ID"), self.external_id)
        form.addRow(self.tr("周期"), self.lifespan)
        form.addRow(self.tr("起止日期"), dates)
        form.addRow(self.tr("人数 / 容量"), self._pair(self.member_count, self.capacity))
        form.addRow(self.tr("区域"), self.area)

        self._form = form
        self._first_label_row = form.rowCount()
        self._label_inputs: list[tuple[DimensionDTO, list[QCheckBox] | QComboBox]] = []
        self._group: GroupDTO | None = None
        self._add_label_rows(dimensions)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.error)

        for line in (self.name, self.owner, self.external_id, self.area):
            line.textEdited.connect(self._emit_changed)
        for combo in (self.platform, self.lifespan):
            combo.currentIndexChanged.connect(self._emit_changed)
        for spin in (self.capacity, self.member_count):
            spin.valueChanged.connect(self._emit_changed)
        for edit in (self.start_date, self.end_date):
            edit.dateChanged.connect(self._emit_changed)
        self.note.textChanged.connect(self._emit_changed)
        self.platform.currentIndexChanged.connect(self._platform_changed)
        self.lifespan.currentIndexChanged.connect(self._lifespan_changed)
        self.load(None)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("未设置"))
        return edit

    def _add_label_rows(self, dimensions: list[DimensionDTO]) -> None:
        for dimension in dimensions:
            if dimension.multi:
                boxes = []
                row = QHBoxLayout()
                for label in dimension.labels:
                    box = QCheckBox(label.name)
                    box.setProperty("label_id", label.id)
                    box.toggled.connect(self._emit_changed)
                    boxes.append(box)
                    row.addWidget(box)
                row.addStretch(1)
                self._form.addRow(dimension.name, row)
                self._label_inputs.append((dimension, boxes))
            else:
                combo = QComboBox()
                combo.addItem(self.tr("(未分类)"), None)
                for label in dimension.labels:
                    combo.addItem(label.name, label.id)
                combo.currentIndexChanged.connect(self._emit_changed)
                self._form.addRow(dimension.name, combo)
                self._label_inputs.append((dimension, combo))

    def set_dimensions(self, dimensions: list[DimensionDTO]) -> None:
        """Rebuild the label rows after dimensions or labels changed, keeping the labels chosen on
        screen (an unsaved edit stays unsaved) as far as they still exist."""
        chosen = set(self.label_ids())
        dirty = self.is_dirty
        while self._form.rowCount() > self._first_label_row:
            self._form.removeRow(self._first_label_row)
        self._label_inputs = []
        self._add_label_rows(dimensions)
        saved_ids: tuple[int, ...] = ()
        self._loading = True
        try:
            if dirty and self._group is not None:  # what the saved labels look like in the new rows
                self._show_labels({label.id for label in self._group.labels})
                saved_ids = tuple(self.label_ids())
            self._show_labels(chosen)
        finally:
            self._loading = False
        if dirty and self._snapshot is not None:
            self._snapshot = (self._snapshot[0], saved_ids)
        else:
            self._snapshot = self._state()
        self._emit_changed()

    def _show_labels(self, chosen: set[int]) -> None:
        for _dimension, widget in self._label_inputs:
            if isinstance(widget, QComboBox):
                index = next((i for i in range(widget.count()) if widget.itemData(i) in chosen), 0)
                widget.setCurrentIndex(index)
            else:
                for box in widget:
                    box.setChecked(box.property("label_id") in chosen)

    @staticmethod
    def _pair(left: QWidget, right: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(left)
        row.addWidget(QLabel("/"))
        row.addWidget(right)
        return row

    # ------------------------------------------------------------------ state
    def load(self, group: GroupDTO | None) -> None:
        """Show a group, or empty fields for a new one."""
        self._loading = True
        try:
            self.name.setText(group.name if group else "")
            platform = group.platform if group else Platform.WECHAT
            self.platform.setCurrentIndex(self.platform.findData(platform.value))
            self.owner.setText(group.owner if group else "")
            self.external_id.setText((group.external_id or "") if group else "")
            lifespan = group.lifespan if group else Lifespan.LONG
            self.lifespan.setCurrentIndex(self.lifespan.findData(lifespan.value))
            self.start_date.setDate(_to_qdate(group.start_date if group else None))
            self.end_date.setDate(_to_qdate(group.end_date if group else None))
            self.capacity.setValue(group.capacity if group else PLATFORM_CAPACITY[platform])
            self.member_count.setValue(group.member_count if group else 0)
            self.area.setText(group.area if group else "")
            self.note.setPlainText(group.note if group else "")
            self._group = group
            self._show_labels({label.id for label in group.labels} if group else set())
            self._lifespan_changed()
            self.clear_error()
        finally:
            self._loading = False
        self._snapshot = self._state()

    def draft(self) -> GroupDraft:
        return GroupDraft(
            name=self.name.text(),
            platform=Platform(self.platform.currentData()),
            owner=self.owner.text(),
            external_id=self.external_id.text(),
            lifespan=Lifespan(self.lifespan.currentData()),
            start_date=_from_qdate(self.start_date.date()),
            end_date=_from_qdate(self.end_date.date()),
            capacity=self.capacity.value(),
            member_count=self.member_count.value(),
            area=self.area.text(),
            note=self.note.toPlainText(),
        )

    def label_ids(self) -> list[int]:
        ids: list[int] = []
        for _dimension, widget in self._label_inputs:
            if isinstance(widget, QComboBox):
                if widget.currentData() is not None:
                    ids.append(int(widget.currentData()))
            else:
                ids += [int(box.property("label_id")) for box in widget if box.isChecked()]
        return ids

    def _state(self) -> tuple:
        return (self.draft(), tuple(self.label_ids()))

    @property
    def is_dirty(self) -> bool:
        return self._snapshot is not None and self._state() != self._snapshot

    def show_error(self, message: str, field: str | None = None) -> None:
        self.error.setText(message)
        self.error.show()
        target = {"name": self.name, "external_id": self.external_id, "end_date": self.end_date,
                  "capacity": self.capacity, "member_count": self.member_count}.get(field or "")
        if target is not None:
            target.setFocus()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    # ------------------------------------------------------------------ reactions
    def _emit_changed(self) -> None:
        if not self._loading:
            self.clear_error()
            self.changed.emit()

    def _platform_changed(self) -> None:
        if not self._loading:
            self.capacity.setValue(PLATFORM_CAPACITY[Platform(self.platform.currentData())])

    def _lifespan_changed(self) -> None:
        short = self.lifespan.currentData() == Lifespan.SHORT.value
        self.end_date.setEnabled(short)
        if not short and not self._loading:
            self.end_date.setDate(NO_DATE)
