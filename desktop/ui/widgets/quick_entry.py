"""The quick-entry bar (Ctrl+L): log one interaction while chatting, keyboard only.

One row: group, member (both complete on Chinese, pinyin and initials), kind, summary, amount,
follow-up date. Enter saves from any field; Esc clears, and hides the bar when nothing is typed.
Groups (a few thousand) are completed from a list read once; members (hundreds of thousands) are
asked of SQL as the operator types, debounced. A name typed without picking from the list is
resolved on the worker when saving: an exact name, or the only match.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import InteractionKind
from desktop.domain.errors import ValidationError
from desktop.domain.groups import GroupFilter
from desktop.domain.members import InteractionDraft, InteractionDTO, MemberFilter
from desktop.domain.search import matches, normalise_query
from desktop.ui.labels import interaction_name
from desktop.ui.styles import INVALID_STYLE, error_label
from desktop.workers.tasks import TaskRunner, error_message

if TYPE_CHECKING:  # the service modules pull in SQLAlchemy; the window must paint before that
    from desktop.domain.groups import GroupDTO
    from desktop.domain.members import MemberDTO
    from desktop.services.groups import GroupService
    from desktop.services.interactions import InteractionService
    from desktop.services.members import MemberService

#: how long typing must pause before members are asked of SQL
MEMBER_DELAY_MS = 200
#: suggestions shown in a completion popup
SUGGESTIONS = 20
#: matching member rows read to rank and to resolve a typed name
MEMBER_SCAN = 200

ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: the text a picked suggestion puts into the field (the popup shows more)
TEXT_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True, slots=True)
class Suggestion:
    id: int
    text: str  # what goes into the field
    display: str  # what the popup shows


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def rank_by_name(items: Sequence[Any], name_of: Callable[[Any], Sequence[str]], typed: str) -> list[Any]:
    """Exact names first, then names starting with what was typed, then the rest (order kept)."""
    key = _fold(typed)

    def rank(item: Any) -> int:
        names = [_fold(n) for n in name_of(item) if n]
        if key in names:
            return 0
        return 1 if any(n.startswith(key) for n in names) else 2

    return sorted(items, key=rank)


def match_groups(groups: Sequence[GroupDTO], typed: str) -> list[GroupDTO]:
    """Groups whose name, pinyin or initials contain every word typed, best first."""
    query = normalise_query(typed)
    if not query:
        return []
    found = [g for g in groups if matches(g.search_key or g.name.casefold(), query)]
    return rank_by_name(found, lambda g: (g.name,), typed)


def exact_or_only(candidates: Sequence[Any], name_of: Callable[[Any], Sequence[str]], typed: str) -> list[Any]:
    """The candidates a typed name stands for: those named exactly so, else all when only one matched."""
    key = _fold(typed)
    exact = [c for c in candidates if key in {_fold(n) for n in name_of(c) if n}]
    return exact or (list(candidates) if len(candidates) == 1 else [])


def parse_amount(text: str) -> int | None:
    """"¥12.50", "1,200", full-width digits -> cents; blank -> None."""
    raw = unicodedata.normalize("NFKC", text).strip()
    for sign in ("¥", "￥", "元", ",", " "):
        raw = raw.replace(sign, "")
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(_t("金额“{0}”不是数字").format(text.strip()), "amount_cents") from None
    if not value.is_finite():
        raise ValidationError(_t("金额“{0}”不是数字").format(text.strip()), "amount_cents")
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(_t("金额最多两位小数 (分)"), "amount_cents")
    return int(value * 100)


def _t(text: str) -> str:
    return QCoreApplication.translate("QuickEntryBar", text)


class SuggestEdit(QLineEdit):
    """A line edit offering suggestions the owner supplies; remembers the id of the one picked.

    Typing forgets the pick. Enter picks the highlighted suggestion when the popup shows one,
    otherwise it asks the owner to save (``submitted``)."""

    picked = Signal(int)
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picked_id: int | None = None
        self.suggestions = QStandardItemModel(self)
        completer = QCompleter(self.suggestions, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(TEXT_ROLE)
        completer.setMaxVisibleItems(12)
        completer.popup().setMinimumWidth(320)  # names, phone tails and sizes need more than the field
        completer.activated[QModelIndex].connect(self._activated)
        self.setCompleter(completer)
        self.textEdited.connect(self._edited)

    def set_suggestions(self, items: Sequence[Suggestion], *, popup: bool = True) -> None:
        self.suggestions.clear()
        for item in items:
            row = QStandardItem(item.display)
            row.setData(item.id, ID_ROLE)
            row.setData(item.text, TEXT_ROLE)
            row.setEditable(False)
            self.suggestions.appendRow(row)
        completer = self.completer()
        if items and popup and self.hasFocus() and self.text().strip():
            completer.complete()
        elif not items:
            completer.popup().hide()

    def set_pick(self, item_id: int | None, text: str = "") -> None:
        self.picked_id = item_id
        self.setText(text)

    def clear_pick(self) -> None:
        self.set_pick(None, "")
        self.suggestions.clear()

    def _edited(self, _text: str) -> None:
        self.picked_id = None

    def _activated(self, index: QModelIndex) -> None:
        item_id = index.data(ID_ROLE)
        if item_id is None:
            return
        text = index.data(TEXT_ROLE)
        # the completer writes the text after this signal: set it now so the pick survives
        self.blockSignals(True)
        self.setText(text)
        self.blockSignals(False)
        self.picked_id = int(item_id)
        self.picked.emit(self.picked_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            popup = self.completer().popup()
            if popup.isVisible() and popup.currentIndex().isValid():
                super().keyPressEvent(event)  # the completer takes the highlighted suggestion
                return
            popup.hide()
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class QuickEntryBar(QWidget):
    """Log an interaction in one line. The main window binds Ctrl+L to ``focus_entry``."""

    #: the InteractionDTO just saved
    logged = Signal(object)
    status_message = Signal(str)
    #: Esc on an empty bar hid it
    dismissed = Signal()

    def __init__(self, runner: TaskRunner, interactions: InteractionService, members: MemberService,
                 groups: GroupService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickEntryBar")
        self._runner = runner
        self._interactions = interactions
        self._members = members
        self._groups_service = groups
        self._groups: list[GroupDTO] | None = None
        self._member_serial = 0
        self._saving = False
        self.error_field: str | None = None
        self._member_timer = QTimer(self)
        self._member_timer.setSingleShot(True)
        self._member_timer.setInterval(MEMBER_DELAY_MS)
        self._member_timer.timeout.connect(self._suggest_members)
        self._build()
        runner.data_changed.connect(self._data_changed)
        self.reload_groups()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.title = QLabel(self.tr("记录互动"))
        self.title.setStyleSheet("font-weight: 600;")
        self.group_edit = SuggestEdit()
        self.group_edit.setObjectName("quickGroup")
        self.group_edit.setPlaceholderText(self.tr("群: 名称、拼音或首字母"))
        self.group_edit.setMinimumWidth(90)
        self.group_edit.textEdited.connect(self._suggest_groups)
        self.group_edit.picked.connect(lambda _id: self._group_picked())
        self.member_edit = SuggestEdit()
        self.member_edit.setObjectName("quickMember")
        self.member_edit.setPlaceholderText(self.tr("成员: 昵称、拼音或手机"))
        self.member_edit.setMinimumWidth(80)
        self.member_edit.textEdited.connect(self._member_typed)
        self.member_edit.picked.connect(lambda _id: self.kind_combo.setFocus())
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("quickKind")
        for kind in InteractionKind:
            self.kind_combo.addItem(interaction_name(kind), kind.value)
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.summary_edit = QLineEdit()
        self.summary_edit.setObjectName("quickSummary")
        self.summary_edit.setPlaceholderText(self.tr("内容摘要, 按 Enter 保存"))
        self.summary_edit.setMinimumWidth(90)
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("quickAmount")
        self.amount_edit.setPlaceholderText(self.tr("金额 ¥"))
        self.amount_edit.setFixedWidth(70)
        self.follow_up_check = QCheckBox(self.tr("跟进"))
        self.follow_up_check.setObjectName("quickFollowUp")
        self.follow_up_check.setToolTip(self.tr("勾选后选一个日期, 到时出现在“待跟进”中"))
        self.follow_up_date = QDateEdit()
        self.follow_up_date.setObjectName("quickFollowUpDate")
        self.follow_up_date.setCalendarPopup(True)
        self.follow_up_date.setDisplayFormat("yyyy-MM-dd")
        self.follow_up_date.setDate(QDate.currentDate().addDays(1))
        self.follow_up_date.setEnabled(False)
        self.follow_up_check.toggled.connect(self.follow_up_date.setEnabled)
        self.save_button = QPushButton(self.tr("记录"))
        self.save_button.setObjectName("quickSave")
        self.save_button.setToolTip(self.tr("保存这条互动 (Enter)"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.error_label = error_label("quickError", wrap=False)
        self.error_label.setWordWrap(True)
        self.error_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.error_label.hide()

        self._fields: dict[str, QWidget] = {
            "group_id": self.group_edit, "member_id": self.member_edit, "kind": self.kind_combo,
            "summary": self.summary_edit, "occurred_at": self.summary_edit, "amount_cents": self.amount_edit,
            "follow_up_on": self.follow_up_date,
        }
        for edit in (self.group_edit, self.member_edit):
            edit.submitted.connect(self.save)
        for edit in (self.group_edit, self.member_edit, self.summary_edit, self.amount_edit):
            edit.textEdited.connect(lambda _t: self.clear_error())
        self.follow_up_date.dateChanged.connect(lambda _d: self.clear_error())
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.clear_error())

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.title)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # gives way first
        self.title.setMinimumWidth(0)
        row.addWidget(self.group_edit, 3)
        row.addWidget(self.member_edit, 2)
        row.addWidget(self.kind_combo)
        row.addWidget(self.summary_edit, 5)
        row.addWidget(self.amount_edit)
        row.addWidget(self.follow_up_check)
        row.addWidget(self.follow_up_date)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    # ------------------------------------------------------------------ public
    def focus_entry(self) -> None:
        """Show the bar and put the cursor where the next entry starts (Ctrl+L)."""
        self.show()
        target = self.member_edit if self.group_edit.text().strip() else self.group_edit
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        target.selectAll()

    def set_group(self, group_id: int, name: str) -> None:
        """Preset the group (e.g. from the group the operator is looking at)."""
        self.group_edit.set_pick(group_id, name)

    def clear(self) -> None:
        """Forget this entry; the group stays (operators log several in a row in one group)."""
        self.member_edit.clear_pick()
        self.summary_edit.clear()
        self.amount_edit.clear()
        self.follow_up_check.setChecked(False)
        self.follow_up_date.setDate(QDate.currentDate().addDays(1))
        self.clear_error()

    def has_input(self) -> bool:
        return any(w.text().strip() for w in (self.member_edit, self.summary_edit, self.amount_edit)) or (
            self.follow_up_check.isChecked() or self.error_label.isVisible())

    # ------------------------------------------------------------------ keys
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.save()
            return
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            if self.has_input():
                self.clear()
            else:
                self.hide()
                self.dismissed.emit()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ groups
    def reload_groups(self) -> None:
        service = self._groups_service
        self._runner.run(lambda _ctx: service.list_groups(), on_done=self._groups_loaded)

    def _groups_loaded(self, groups: list[GroupDTO]) -> None:
        self._groups = groups
        picked = self.group_edit.picked_id
        if picked is not None:  # renamed or deleted meanwhile
            group = next((g for g in groups if g.id == picked), None)
            if group is None:
                self.group_edit.picked_id = None
            elif group.name != self.group_edit.text():
                self.group_edit.set_pick(group.id, group.name)

    def _suggest_groups(self, text: str) -> None:
        found = match_groups(self._groups or [], text)[:SUGGESTIONS]
        self.group_edit.set_suggestions([
            Suggestion(g.id, g.name, self.tr("{0} · {1} 人").format(g.name, g.member_count)) for g in found])

    def _group_picked(self) -> None:
        self.member_edit.setFocus()
        self.member_edit.selectAll()

    # ------------------------------------------------------------------ members
    def _member_typed(self, text: str) -> None:
        self._member_serial += 1  # an answer to an older query is dropped
        if text.strip():
            self._member_timer.start()
        else:
            self._member_timer.stop()
            self.member_edit.set_suggestions([])

    def _suggest_members(self) -> None:
        text = self.member_edit.text().strip()
        if not text:
            return
        self._member_serial += 1
        serial = self._member_serial
        group_id = self.group_edit.picked_id
        members = self._members
        tail = self.tr("尾号{0}")

        def find(_ctx: Any) -> list[Suggestion]:
            rows = find_members(members, text, group_id)[0][:SUGGESTIONS]
            return [Suggestion(m.id, m.nickname, describe_member(m, tail)) for m in rows]

        def done(items: list[Suggestion]) -> None:
            if serial == self._member_serial and self.member_edit.text().strip() == text:
                self.member_edit.set_suggestions(items)

        self._runner.run(find, on_done=done, on_error=lambda _exc: None)

    # ------------------------------------------------------------------ saving
    def save(self) -> None:
        if self._saving:
            return
        try:
            draft, group_text, member_text = self._draft()
        except ValidationError as exc:
            self.show_error(str(exc), exc.field)
            return
        if draft.group_id is None and group_text and self._groups is not None:
            try:
                group = self._resolve_group(self._groups, group_text)
            except ValidationError as exc:
                self.show_error(str(exc), exc.field)
                return
            self.group_edit.set_pick(group.id, group.name)
            draft = replace(draft, group_id=group.id)
        interactions, members, groups_service = self._interactions, self._members, self._groups_service
        resolve_group = self._resolve_group
        resolve_member = self._resolve_member

        def log(_ctx: Any) -> InteractionDTO:
            clean = draft
            if clean.group_id is None and group_text:  # the group list had not arrived yet
                clean = replace(clean, group_id=resolve_group(
                    groups_service.list_groups(GroupFilter(text=group_text)), group_text).id)
            if clean.member_id is None and member_text:
                clean = replace(clean, member_id=resolve_member(members, member_text, clean.group_id).id)
            return interactions.log(clean)

        self._saving = True
        self.save_button.setEnabled(False)
        self._runner.run(log, on_done=self._saved, on_error=self._failed,
                         changes="interactions", changed_ids=lambda dto: [dto.id])

    def _draft(self) -> tuple[InteractionDraft, str, str]:
        """What was typed, checked as far as it can be without the database."""
        group_text, member_text = self.group_edit.text().strip(), self.member_edit.text().strip()
        group_id = self.group_edit.picked_id if group_text else None
        member_id = self.member_edit.picked_id if member_text else None
        follow_up: date | None = self.follow_up_date.date().toPython() if self.follow_up_check.isChecked() else None
        draft = InteractionDraft(
            kind=InteractionKind(self.kind_combo.currentData()), group_id=group_id, member_id=member_id,
            summary=self.summary_edit.text(), amount_cents=parse_amount(self.amount_edit.text()),
            follow_up_on=follow_up)
        # names not yet resolved stand in as a placeholder id, so every other check runs now
        replace(draft, group_id=group_id if group_id is not None or not group_text else -1,
                member_id=member_id if member_id is not None or not member_text else -1).validated(datetime.now())
        return draft, group_text, member_text

    def _resolve_group(self, groups: Sequence[GroupDTO], typed: str) -> GroupDTO:
        found = exact_or_only(match_groups(groups, typed), lambda g: (g.name,), typed)
        if len(found) == 1:
            return found[0]
        if not found and not match_groups(groups, typed):
            raise ValidationError(self.tr("找不到群“{0}”").format(typed), "group_id")
        raise ValidationError(self.tr("有多个群符合“{0}”, 请从提示列表中选择").format(typed), "group_id")

    def _resolve_member(self, members: MemberService, typed: str, group_id: int | None) -> MemberDTO:
        candidates, in_group = find_members(members, typed, group_id)
        found = exact_or_only(candidates, lambda m: (m.nickname, m.name), typed)
        if len(found) > 1:  # namesakes: the one in this group, if only one of them is
            found = [m for m in found if m.id in in_group] or found
        if len(found) == 1:
            return found[0]
        if not candidates:
            raise ValidationError(self.tr("找不到成员“{0}”。先在成员页新建, 或清空成员只记到群。").format(typed),
                                  "member_id")
        raise ValidationError(self.tr("有多位成员符合“{0}”, 请从提示列表中选择").format(typed), "member_id")

    def _saved(self, saved: InteractionDTO) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        who = " · ".join(part for part in (saved.group_name, saved.member_nickname) if part)
        self.status_message.emit(self.tr("已记录{0}: {1}").format(interaction_name(saved.kind), who))
        self.clear()
        self.logged.emit(saved)
        target = self.member_edit if self.group_edit.text().strip() else self.group_edit
        if self.isVisible():
            target.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.show_error(error_message(exc), getattr(exc, "field", None))

    # ------------------------------------------------------------------ errors
    def show_error(self, message: str, field: str | None = None) -> None:
        """Say what is wrong next to the bar and put the cursor on the field at fault; keep everything typed."""
        self.clear_error()
        self.error_label.setText(message)
        self.error_label.show()
        widget = self._fields.get(field or "")
        if widget is not None:
            widget.setProperty("invalid", True)
            widget.setStyleSheet(f"{INVALID_STYLE} border-radius: 3px;")
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()
        self.error_field = field

    def clear_error(self) -> None:
        self.error_field = None
        if self.error_label.isHidden() and not self.error_label.text():
            return
        self.error_label.clear()
        self.error_label.hide()
        for widget in self._fields.values():
            if widget.property("invalid"):
                widget.setProperty("invalid", False)
                widget.setStyleSheet("")

    # ------------------------------------------------------------------ refresh
    def _data_changed(self, kind: str, _ids: list) -> None:
        if kind in ("groups", "workspace", "imports"):
            self.reload_groups()
        if kind == "workspace":
            self.member_edit.clear_pick()


def find_members(members: MemberService, typed: str, group_id: int | None,
                 scan: int = MEMBER_SCAN) -> tuple[list[MemberDTO], set[int]]:
    """Members matching what was typed, best name match first, those now in the chosen group before
    the rest at each rank; and the ids of those in the group. Runs on a worker."""
    inside: list[int] = []
    if group_id is not None:
        inside = members.page_ids(MemberFilter(text=typed, group_ids=frozenset({group_id})))[:scan]
    ids = list(inside)
    if len(ids) < scan:
        seen = set(ids)
        ids += [i for i in members.page_ids(MemberFilter(text=typed))[:scan] if i not in seen]
    in_group = set(inside)
    rows = sorted(members.rows(ids[:scan]), key=lambda m: m.id not in in_group)
    return rank_by_name(rows, lambda m: (m.nickname, m.name), typed), in_group


def describe_member(member: MemberDTO, tail: str) -> str:
    parts = [member.nickname]
    if member.name and member.name != member.nickname:
        parts.append(member.name)
    if member.phone:
        parts.append(tail.format(member.phone[-4:]))
    return " · ".join(parts)
