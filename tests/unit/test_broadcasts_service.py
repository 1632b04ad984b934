"""Broadcast schedules, SOPs, quiet hours, the manual queue and the agenda, with a fake clock."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.domain.broadcasts import BroadcastDraft, SopStep, TemplateDraft
from desktop.domain.enums import BroadcastStatus, DeliveryStatus, ScheduleKind
from desktop.domain.errors import ValidationError
from desktop.domain.segments import SegmentSpec
from desktop.services.broadcasts import BroadcastService
from desktop.services.segments import SegmentService
from desktop.store.engine import Database
from desktop.store.models import AuditLog, Delivery
from tests.support.broadcast_fixtures import add_groups, rename_group
from tests.support.clock import FakeClock

START = datetime(2026, 11, 24, 9, 0)  # a Tuesday


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def service(db: Database, clock: FakeClock) -> BroadcastService:
    return BroadcastService(db, now=clock.now)


def _statuses(db: Database) -> list[tuple[int, DeliveryStatus]]:
    with db.transaction() as session:
        return [(g, DeliveryStatus(s)) for g, s in session.execute(
            select(Delivery.group_id, Delivery.status).order_by(Delivery.group_id, Delivery.occurrence_at))]


def test_once_falls_due_then_is_worked_through_by_hand(db: Database, service: BroadcastService,
                                                        clock: FakeClock) -> None:
    ids = add_groups(db, ["宝妈1群", "宝妈2群", "跑步群"], START)
    b = service.create(BroadcastDraft(title="上新", body="{群名}: 今晚 8 点上新", group_ids=tuple(ids),
                                      run_at=START + timedelta(hours=1)))
    assert b.next_due == START + timedelta(hours=1)
    assert service.materialize_due()[:2] == (0, [])
    clock.advance(3600)
    assert service.materialize_due()[:2] == (3, [])
    assert service.materialize_due()[:2] == (0, [])  # never twice
    queue = service.manual_queue()
    assert [d.body for d in queue] == ["宝妈1群: 今晚 8 点上新", "宝妈2群: 今晚 8 点上新", "跑步群: 今晚 8 点上新"]
    done = service.mark_done_by_hand(queue[0].id)
    assert done.status is DeliveryStatus.DONE_BY_HAND and done.sent_at == clock.now()
    service.skip(queue[1].id, "群里在吵架, 今天不发")
    with pytest.raises(ValidationError, match="已手动发送"):
        service.skip(queue[0].id)
    assert [d.group_name for d in service.manual_queue()] == ["跑步群"]
    assert service.get(b.id).status is BroadcastStatus.FINISHED
    history = service.deliveries(group_id=ids[1])
    assert history[0].last_error == "群里在吵架, 今天不发"


def test_weekly_rrule_with_quiet_hours(db: Database, service: BroadcastService, clock: FakeClock) -> None:
    ids = add_groups(db, ["夜跑群"], START)
    b = service.create(BroadcastDraft(title="周报", body="{日期} 周报", group_ids=tuple(ids),
                                      schedule_kind=ScheduleKind.RRULE,
                                      rrule="FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=23;BYMINUTE=0"))
    # Thursday 23:00 is in quiet hours: the agenda shows Friday 08:00
    agenda = service.agenda(days=7)
    assert [e.at for e in agenda] == [datetime(2026, 11, 27, 8, 0), datetime(2026, 12, 1, 8, 0)]
    assert b.next_due == datetime(2026, 11, 27, 8, 0)
    clock.set_wall(datetime(2026, 11, 26, 23, 5))
    assert service.materialize_due()[0] == 1
    assert service.manual_queue() == []  # due at 08:00, not now
    clock.set_wall(datetime(2026, 11, 27, 8, 0))
    [item] = service.manual_queue()
    assert item.body == "11月26日 (周四) 周报" and item.occurrence_at == datetime(2026, 11, 26, 23, 0)


def test_occurrences_missed_while_the_app_was_off_are_recorded_as_skipped(
        db: Database, service: BroadcastService, clock: FakeClock) -> None:
    ids = add_groups(db, ["群A"], START)
    service.create(BroadcastDraft(title="日报", body="早安", group_ids=tuple(ids), schedule_kind=ScheduleKind.RRULE,
                                  rrule="FREQ=DAILY;BYHOUR=10;BYMINUTE=0"))
    clock.set_wall(datetime(2026, 11, 27, 10, 30))  # three days later
    assert service.materialize_due()[0] == 4
    assert [s for _, s in _statuses(db)] == [DeliveryStatus.SKIPPED] * 3 + [DeliveryStatus.PENDING]
    assert "错过发送时间" in service.deliveries(statuses=[DeliveryStatus.SKIPPED])[0].last_error


def test_sop_follows_each_group_and_reaches_groups_that_join_the_segment_later(
        db: Database, service: BroadcastService, clock: FakeClock) -> None:
    early = add_groups(db, ["宝妈新人群"], START - timedelta(minutes=30))[0]
    late = add_groups(db, ["普通群"], START - timedelta(hours=1))[0]
    segment = SegmentService(db).create("新人群", SegmentSpec(text="新人"))
    steps = (SopStep(0, time(9, 0), "欢迎来到{群名}"), SopStep(1, time(9, 0), "群规"), SopStep(3, time(10, 0), "首单优惠"))
    service.create(BroadcastDraft(title="新人 SOP", schedule_kind=ScheduleKind.SOP, sop_steps=steps,
                                  segment_id=segment.id))
    assert service.materialize_due()[0] == 1  # day 0 for the early group
    clock.set_wall(datetime(2026, 11, 25, 9, 0))
    assert service.materialize_due()[0] == 1  # early group's day 1
    clock.set_wall(datetime(2026, 11, 26, 10, 0))  # Thursday: the other group becomes a 新人 group
    rename_group(db, late, "新人2群")
    assert service.materialize_due()[0] == 0  # its day 0 and day 1 are long past: not sent late
    agenda = service.agenda(days=7)
    assert {(e.group_id, e.step, e.at) for e in agenda if not e.already_queued} == {
        (early, 2, datetime(2026, 11, 27, 10, 0)), (late, 2, datetime(2026, 11, 27, 10, 0))}
    clock.set_wall(datetime(2026, 11, 27, 10, 0))
    assert service.materialize_due()[0] == 2
    bodies = [(d.group_id, d.step, d.body) for d in service.deliveries()]
    assert sorted(bodies) == [(early, 0, "欢迎来到宝妈新人群"), (early, 1, "群规"), (early, 2, "首单优惠"),
                              (late, 2, "首单优惠")]


def test_a_segment_that_resolves_to_nothing_is_reported(db: Database, service: BroadcastService) -> None:
    add_groups(db, ["群A"], START)
    segment = SegmentService(db).create("空分组", SegmentSpec(text="不存在的群"))
    service.create(BroadcastDraft(title="通知", body="hi", segment_id=segment.id))
    created, problems, *_ = service.materialize_due()
    assert created == 0 and problems == ["群发“通知” 11-24 09:00: 分组“空分组”当前没有任何群, 本次没有发送"]
    with service._db.transaction() as session:  # the operator can find it later in the audit log
        assert session.scalar(select(AuditLog.action).where(AuditLog.action == "no_targets")) == "no_targets"


def test_bad_schedules_are_refused_with_clear_messages(db: Database, service: BroadcastService) -> None:
    ids = add_groups(db, ["群A"], START)
    rr = ScheduleKind.RRULE
    with pytest.raises(ValidationError, match="永远不会触发"):
        service.create(BroadcastDraft(title="x", body="x", group_ids=tuple(ids), schedule_kind=rr,
                                      rrule="FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"))
    with pytest.raises(ValidationError, match="太频繁"):
        service.create(BroadcastDraft(title="x", body="x", group_ids=tuple(ids), schedule_kind=rr,
                                      rrule="FREQ=MINUTELY;INTERVAL=1"))
    with pytest.raises(ValidationError, match="按秒"):
        service.create(BroadcastDraft(title="x", body="x", group_ids=tuple(ids), schedule_kind=rr, rrule="FREQ=SECONDLY"))
    with pytest.raises(ValidationError, match="已经过去"):
        service.create(BroadcastDraft(title="x", body="x", group_ids=tuple(ids), run_at=START - timedelta(days=1)))
    with pytest.raises(ValidationError, match="不存在"):
        service.create(BroadcastDraft(title="x", body="x", group_ids=(999,)))
    assert service.list_broadcasts() == []


def test_pause_resume_cancel_duplicate(db: Database, service: BroadcastService, clock: FakeClock) -> None:
    ids = add_groups(db, ["群A", "群B"], START)
    b = service.create(BroadcastDraft(title="日报", body="早安", group_ids=tuple(ids), schedule_kind=ScheduleKind.RRULE,
                                      rrule="FREQ=DAILY;BYHOUR=10;BYMINUTE=0"))
    service.pause(b.id)
    clock.set_wall(datetime(2026, 11, 24, 10, 5))
    assert service.materialize_due()[0] == 0
    service.resume(b.id)  # 10:00 fell due while paused: not sent afterwards
    assert service.materialize_due()[0] == 0
    clock.set_wall(datetime(2026, 11, 25, 10, 0))
    assert service.materialize_due()[0] == 2
    cancelled = service.cancel(b.id)
    assert cancelled.status is BroadcastStatus.CANCELLED and cancelled.counts == {DeliveryStatus.SKIPPED: 2}
    with pytest.raises(ValidationError, match=r"已取消.*不能暂停"):
        service.pause(b.id)
    copy = service.duplicate(b.id)
    assert copy.status is BroadcastStatus.DRAFT and copy.group_ids == tuple(ids) and copy.title == "日报 (副本)"
    assert service.activate(copy.id).status is BroadcastStatus.ACTIVE


def test_update_rerenders_the_queue_and_drops_removed_groups(db: Database, service: BroadcastService) -> None:
    ids = add_groups(db, ["群A", "群B"], START)
    b = service.create(BroadcastDraft(title="t", body="旧文案", group_ids=tuple(ids)))
    service.materialize_due()
    service.update(b.id, BroadcastDraft(title="t", body="新文案 {群名}", group_ids=(ids[0],)))
    assert [(d.group_name, d.body) for d in service.manual_queue()] == [("群A", "新文案 群A")]


def test_templates_and_preview(db: Database, service: BroadcastService) -> None:
    ids = add_groups(db, ["群A"], START) + add_groups(db, ["无主群"], START, owner="")
    t = service.create_template(TemplateDraft("上新模板", "{群主}你好, {群名}今天上新"))
    assert t.variables == ("群主", "群名")
    with pytest.raises(ValidationError, match="已有名为"):
        service.create_template(TemplateDraft("上新模板", "x"))
    previews = service.preview(t.body, ids)
    assert previews[0].text == "王姐你好, 群A今天上新" and previews[0].problem is None
    assert previews[1].text is None and "{群主}" in (previews[1].problem or "")
    b = service.create(BroadcastDraft(title="", template_id=t.id, group_ids=tuple(ids)))
    service.materialize_due()
    failed = service.deliveries(statuses=[DeliveryStatus.FAILED])
    assert b.body == t.body and [d.group_name for d in failed] == ["无主群"]


def test_clock_set_back_expands_nothing_twice(db: Database, service: BroadcastService, clock: FakeClock) -> None:
    ids = add_groups(db, ["群A"], START)
    service.create(BroadcastDraft(title="日报", body="早安", group_ids=tuple(ids), schedule_kind=ScheduleKind.RRULE,
                                  rrule="FREQ=DAILY;BYHOUR=10;BYMINUTE=0"))
    clock.set_wall(datetime(2026, 11, 24, 10, 0))
    assert service.materialize_due()[0] == 1
    clock.set_wall(datetime(2026, 11, 23, 10, 0))  # the clock jumps a day back
    assert service.materialize_due()[0] == 0
    clock.set_wall(datetime(2026, 11, 24, 10, 30))
    assert service.materialize_due()[0] == 0
    assert len(_statuses(db)) == 1


def test_attachments_own_else_the_templates_and_a_missing_file_shown_on_the_queue_row(
        db: Database, service: BroadcastService, clock: FakeClock, tmp_path: Path) -> None:
    ids = add_groups(db, ["群A", "群B"], START)
    poster, menu, own = (tmp_path / n for n in ("海报.png", "价目表.pdf", "自带.jpg"))
    for path in (poster, menu, own):
        path.write_bytes(b"x")
    template = service.create_template(TemplateDraft("上新模板", "{群名}今天上新",
                                                     attachments=(str(poster), str(menu))))
    assert template.attachments == (str(poster), str(menu))
    with pytest.raises(ValidationError, match="附件文件不存在"):
        service.update_template(template.id, TemplateDraft("上新模板", "x", attachments=(str(tmp_path / "无.png"),)))

    by_template = service.create(BroadcastDraft(title="用模板", template_id=template.id, group_ids=(ids[0],)))
    own_files = service.create(BroadcastDraft(title="自带附件", body="没有模板", group_ids=(ids[1],),
                                              attachments=(str(own),)))
    both = service.create(BroadcastDraft(title="两者都有", template_id=template.id, group_ids=(ids[1],),
                                         attachments=(str(own),)))
    assert by_template.attachments == () and own_files.attachments == (str(own),)
    assert service.get(both.id).attachments == (str(own),)
    service.materialize_due()
    queue = {d.broadcast_title: d for d in service.manual_queue()}
    assert [a.path for a in queue["用模板"].attachments] == [str(poster), str(menu)]
    assert [a.is_image for a in queue["用模板"].attachments] == [True, False]
    assert [a.path for a in queue["自带附件"].attachments] == [str(own)]
    assert [a.path for a in queue["两者都有"].attachments] == [str(own)]  # its own replace the template's

    # a file gone by the time of sending: the row says so, nothing raises
    poster.unlink()
    row = next(d for d in service.manual_queue() if d.broadcast_title == "用模板")
    assert [a.name for a in row.missing_attachments] == ["海报.png"] and not row.attachments[1].missing
    # ... and activating a draft whose file went since it was saved is not refused
    draft = service.create(BroadcastDraft(title="草稿", body="x", group_ids=(ids[0],), attachments=(str(own),)),
                           activate=False)
    own.unlink()
    assert service.activate(draft.id).status is BroadcastStatus.ACTIVE
    # the template's files come back once a broadcast's own are removed; a copy keeps its own
    copy = service.duplicate(both.id)
    assert copy.attachments == (str(own),)
    menu2 = tmp_path / "新价目表.pdf"
    menu2.write_bytes(b"x")
    assert service.update(both.id, BroadcastDraft(title="两者都有", template_id=template.id, group_ids=(ids[1],),
                                                  body="{群名}今天上新")).attachments == ()
    row = next(d for d in service.manual_queue() if d.broadcast_title == "两者都有")
    assert [a.name for a in row.attachments] == ["海报.png", "价目表.pdf"]
    history = service.deliveries(broadcast_id=own_files.id)
    assert [a.missing for a in history[0].attachments] == [True]


def test_a_one_off_paused_and_resumed_before_its_time_still_sends(
        db: Database, service: BroadcastService, clock: FakeClock) -> None:
    ids = add_groups(db, ["群A", "群B"], START)
    b = service.create(BroadcastDraft(title="上新", body="{群名} 上新", group_ids=tuple(ids),
                                      run_at=START + timedelta(hours=1)))
    service.pause(b.id)
    clock.advance(300)
    resumed = service.resume(b.id)
    assert resumed.status is BroadcastStatus.ACTIVE and resumed.next_due == START + timedelta(hours=1)
    clock.advance(3600)
    assert service.materialize_due()[:2] == (2, [])
    assert len(service.manual_queue()) == 2 and service.get(b.id).status is BroadcastStatus.FINISHED


def test_a_one_off_whose_time_passed_while_paused_is_not_sent_after_resuming(
        db: Database, service: BroadcastService, clock: FakeClock) -> None:
    ids = add_groups(db, ["群A"], START)
    b = service.create(BroadcastDraft(title="上新", body="上新", group_ids=tuple(ids),
                                      run_at=START + timedelta(minutes=10)))
    service.pause(b.id)
    clock.advance(3600)
    assert service.resume(b.id).next_due is None
    assert service.materialize_due()[0] == 0 and service.manual_queue() == []


def test_editing_a_sent_one_off_does_not_send_it_again(db: Database, service: BroadcastService,
                                                       clock: FakeClock) -> None:
    ids = add_groups(db, ["群A", "群B", "群C"], START)
    run_at = START + timedelta(minutes=1)
    draft = BroadcastDraft(title="t", body="{群名} hi", group_ids=tuple(ids), run_at=run_at)
    b = service.create(draft)
    clock.advance(120)
    assert service.materialize_due()[0] == 3
    first, *rest = service.manual_queue()
    service.mark_done_by_hand(first.id)
    clock.advance(3600)
    # the editor shows a past one-off's time as "now": only the title and text changed
    edited = service.update(b.id, BroadcastDraft(title="t (改错字)", body="{群名} 你好", group_ids=tuple(ids),
                                                 run_at=clock.now().replace(second=0)))
    assert edited.status is BroadcastStatus.FINISHED and edited.next_due is None and edited.run_at == run_at
    assert service.materialize_due()[0] == 0
    assert [(d.id, d.body) for d in service.manual_queue()] == [(d.id, f"{d.group_name} 你好") for d in rest]
    assert len(service.deliveries(broadcast_id=b.id)) == 3


def test_deleting_a_template_keeps_its_attachments_on_the_broadcasts_using_it(
        db: Database, service: BroadcastService, tmp_path: Path) -> None:
    ids = add_groups(db, ["群A", "群B"], START)
    poster, own = tmp_path / "海报.png", tmp_path / "自带.jpg"
    for path in (poster, own):
        path.write_bytes(b"x")
    template = service.create_template(TemplateDraft("截单", "{群名} 截单", attachments=(str(poster),)))
    plain = service.create_template(TemplateDraft("纯文字", "{群名} 好"))
    uses = service.create(BroadcastDraft(title="用模板", template_id=template.id, group_ids=(ids[0],)))
    keeps = service.create(BroadcastDraft(title="自带附件", template_id=template.id, group_ids=(ids[1],),
                                          attachments=(str(own),)))
    text_only = service.create(BroadcastDraft(title="纯文字", template_id=plain.id, group_ids=(ids[1],)))
    service.materialize_due()
    service.delete_template(template.id)
    service.delete_template(plain.id)
    assert service.get(uses.id).attachments == (str(poster),) and service.get(uses.id).template_id is None
    assert service.get(keeps.id).attachments == (str(own),)
    assert service.get(text_only.id).attachments == ()
    queue = {d.broadcast_title: [a.path for a in d.attachments] for d in service.manual_queue()}
    assert queue == {"用模板": [str(poster)], "自带附件": [str(own)], "纯文字": []}


def _count_campaign_queries(db: Database) -> list[str]:
    from sqlalchemy import event

    seen: list[str] = []

    def before(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if "campaign_groups" in statement:
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    return seen


def test_rerendering_and_sop_expansion_look_up_group_buys_once_per_occurrence(
        db: Database, service: BroadcastService, clock: FakeClock) -> None:
    ids = add_groups(db, [f"群{i}" for i in range(6)], START - timedelta(hours=1))
    b = service.create(BroadcastDraft(title="t", body="{群名}", group_ids=tuple(ids)))
    service.materialize_due()
    queries = _count_campaign_queries(db)
    service.update(b.id, BroadcastDraft(title="t", body="{群名} 新", group_ids=tuple(ids)))
    assert len(queries) == 1
    assert {d.body for d in service.manual_queue()} == {f"群{i} 新" for i in range(6)}
    queries.clear()
    service.create(BroadcastDraft(title="SOP", schedule_kind=ScheduleKind.SOP, group_ids=tuple(ids),
                                  sop_steps=(SopStep(0, time(9, 0), "欢迎{群名}"),)))
    service.materialize_due()
    assert len(queries) == 1
