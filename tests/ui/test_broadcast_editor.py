"""The broadcast editor on its own (no window, no database): loading a broadcast aimed at many groups."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from desktop.domain.broadcasts import BroadcastDTO
from desktop.domain.enums import BroadcastStatus, GroupStatus, MessageFormat, ScheduleKind
from desktop.ui.dialogs.broadcast_editor import BroadcastEditor


class _Runner:
    """Takes background work and never runs it: the editor is only loaded here."""

    def __init__(self) -> None:
        self.jobs = 0

    def run(self, *_args, **_kwargs) -> None:  # type: ignore[no-untyped-def]
        self.jobs += 1


def _broadcast(group_ids: tuple[int, ...]) -> BroadcastDTO:
    return BroadcastDTO(
        id=1, title="截单提醒", body="{群名} 今晚截单", format=MessageFormat.TEXT, schedule_kind=ScheduleKind.ONCE,
        run_at=datetime(2030, 1, 1, 9, 0), rrule="", sop_steps=(), group_ids=group_ids, segment_id=None,
        segment_name=None, quiet_start=None, quiet_end=None, status=BroadcastStatus.ACTIVE, template_id=None,
        created_at=datetime(2029, 12, 1, 9, 0), activated_at=None, next_due=None)


def test_opening_a_broadcast_aimed_at_many_groups_checks_them_and_counts_once(qtbot, monkeypatch) -> None:
    groups = [SimpleNamespace(id=i, name=f"团购{i:04d}群", status=GroupStatus.ACTIVE) for i in range(1, 601)]
    aimed = (*range(2, 601, 2), 9999)  # every other group, and one deleted since
    counts = []
    original = BroadcastEditor._count_groups

    def counting(self: BroadcastEditor) -> None:
        counts.append(1)
        original(self)

    monkeypatch.setattr(BroadcastEditor, "_count_groups", counting)
    dialog = BroadcastEditor(_Runner(), None, None, groups, [], [], _broadcast(aimed),  # type: ignore[arg-type]
                             lambda *_a: None, now=lambda: datetime(2029, 12, 31, 9, 0))
    qtbot.addWidget(dialog)
    assert sorted(dialog.group_ids()) == list(range(2, 601, 2))
    assert dialog.group_count.text() == "已选 300 个群"
    assert len(counts) <= 2  # not once per checked group

    dialog.check_group(1)
    dialog.check_group(2, checked=False)
    dialog.check_group(12345)  # unknown: ignored
    assert 1 in dialog.group_ids() and 2 not in dialog.group_ids()
    assert dialog.group_count.text() == "已选 300 个群"
    dialog.check_group(3)
    assert dialog.group_count.text() == "已选 301 个群"
