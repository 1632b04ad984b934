"""Group lifecycle on a real SQLite file: dormant detection, ended short-term groups, capacity."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert, select, update

from desktop.domain.enums import GroupStatus, Lifespan, Platform
from desktop.domain.errors import ValidationError
from desktop.domain.groups import GroupDraft, GroupDTO
from desktop.domain.segments import ActivityFilter, SegmentSpec
from desktop.services.groups import GroupService
from desktop.services.lifecycle import LifecycleService
from desktop.services.segments import SegmentService
from desktop.store.engine import Database
from desktop.store.models import AuditLog, Group, GroupDayStat

TODAY = date(2026, 11, 20)
OLD = datetime(2026, 1, 1, 9)


@pytest.fixture
def groups(db: Database) -> GroupService:
    return GroupService(db)


@pytest.fixture
def lifecycle(db: Database) -> LifecycleService:
    return LifecycleService(db)


def make(db: Database, groups: GroupService, name: str, created: datetime = OLD, **draft) -> GroupDTO:  # type: ignore[no-untyped-def]
    group = groups.create(GroupDraft(name=name, **draft))
    with db.transaction() as session:
        session.execute(update(Group).where(Group.id == group.id).values(created_at=created))
    return group


def messages(db: Database, group_id: int, day: date, count: int = 5) -> None:
    with db.transaction() as session:
        session.execute(insert(GroupDayStat), [{"group_id": group_id, "day": day, "messages": count}])


def statuses(groups: GroupService) -> dict[str, GroupStatus]:
    return {g.name: g.status for g in groups.list_groups()}


def audit(db: Database) -> list[tuple[str, int | None, dict]]:
    with db.transaction() as session:
        rows = session.scalars(select(AuditLog).where(AuditLog.action != "create").order_by(AuditLog.id)).all()
        return [(a.action, a.entity_id, json.loads(a.detail_json)) for a in rows]


# ----------------------------------------------------------------------------- dormant
def test_refresh_dormant(db: Database, groups: GroupService, lifecycle: LifecycleService) -> None:
    silent = make(db, groups, "从不说话")
    zero = make(db, groups, "只有进群")  # day stats without messages are not activity
    edge = make(db, groups, "刚好14天前说过")
    recent = make(db, groups, "13天前说过")
    fresh = make(db, groups, "新群", created=datetime.combine(TODAY - timedelta(days=13), datetime.min.time()))
    aged = make(db, groups, "刚满14天", created=datetime.combine(TODAY - timedelta(days=14), datetime.max.time()))
    archived = make(db, groups, "已归档")
    revived = make(db, groups, "又活了")
    still = make(db, groups, "还是沉默")
    with db.transaction() as session:
        session.execute(insert(GroupDayStat), [{"group_id": zero.id, "day": TODAY, "messages": 0, "joins": 3}])
    messages(db, edge.id, TODAY - timedelta(days=14))
    messages(db, recent.id, TODAY - timedelta(days=13))
    messages(db, revived.id, TODAY - timedelta(days=1))
    groups.archive([archived.id])
    with db.transaction() as session:
        session.execute(update(Group).where(Group.id.in_([revived.id, still.id])).values(status=GroupStatus.DORMANT))

    changed = lifecycle.refresh_dormant(today=TODAY)
    assert changed == sorted([silent.id, zero.id, edge.id, aged.id, revived.id])
    assert statuses(groups) == {
        "从不说话": GroupStatus.DORMANT, "只有进群": GroupStatus.DORMANT, "刚好14天前说过": GroupStatus.DORMANT,
        "13天前说过": GroupStatus.ACTIVE, "新群": GroupStatus.ACTIVE, "刚满14天": GroupStatus.DORMANT,
        "已归档": GroupStatus.ARCHIVED, "又活了": GroupStatus.ACTIVE, "还是沉默": GroupStatus.DORMANT,
    }
    assert lifecycle.refresh_dormant(today=TODAY) == []  # idempotent
    actions = [(action, gid) for action, gid, _ in audit(db) if action.startswith("mark_")]
    assert sorted(actions) == sorted([("mark_dormant", i) for i in (silent.id, zero.id, edge.id, aged.id)]
                                     + [("mark_active", revived.id)])
    assert fresh.id not in changed
    # the status and the segment filter mean the same thing
    live = SegmentSpec(statuses=frozenset({GroupStatus.ACTIVE, GroupStatus.DORMANT}), activity=ActivityFilter.DORMANT)
    dormant_ids = [g.id for g in groups.list_groups() if g.status is GroupStatus.DORMANT]
    assert SegmentService(db).resolve(live, today=TODAY) == dormant_ids


def test_refresh_dormant_with_other_window(db: Database, groups: GroupService, lifecycle: LifecycleService) -> None:
    group = make(db, groups, "群")
    messages(db, group.id, TODAY - timedelta(days=5))
    assert lifecycle.refresh_dormant(days=7, today=TODAY) == []
    assert lifecycle.refresh_dormant(days=5, today=TODAY) == [group.id]
    assert groups.get(group.id).status is GroupStatus.DORMANT
    assert lifecycle.refresh_dormant(days=6, today=TODAY) == [group.id]
    assert groups.get(group.id).status is GroupStatus.ACTIVE


@pytest.mark.parametrize("days", [0, -3, 4000, True, 2.5])
def test_refresh_dormant_bad_days(lifecycle: LifecycleService, days) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="沉默天数"):
        lifecycle.refresh_dormant(days=days, today=TODAY)


def test_refresh_on_an_empty_workspace(lifecycle: LifecycleService) -> None:
    assert lifecycle.refresh_dormant(today=TODAY) == []
    assert lifecycle.ended_groups(today=TODAY) == []
    assert lifecycle.archive_ended([], today=TODAY) == 0
    assert lifecycle.near_capacity() == []


# ----------------------------------------------------------------------------- ended short-term groups
def short(db: Database, groups: GroupService, name: str, end_offset: int | None, **kw) -> GroupDTO:  # type: ignore[no-untyped-def]
    end = TODAY + timedelta(days=end_offset) if end_offset is not None else None
    return make(db, groups, name, lifespan=Lifespan.SHORT, end_date=end, **kw)


def test_ended_groups_preview(db: Database, groups: GroupService, lifecycle: LifecycleService) -> None:
    ids = {label.name: label.id for d in groups.dimensions() for label in d.labels}
    two_days = short(db, groups, "双11快闪群", -2)
    yesterday = groups.update(short(db, groups, "周末秒杀群", -1).id,
                              GroupDraft(name="周末秒杀群", lifespan=Lifespan.SHORT,
                                         end_date=TODAY - timedelta(days=1)), [ids["短期群"]])
    short(db, groups, "今天结束", 0)
    short(db, groups, "没有结束日期", None)
    make(db, groups, "长期群")
    archived = short(db, groups, "早就归档了", -30)
    groups.archive([archived.id])
    preview = lifecycle.ended_groups(today=TODAY)
    assert [g.id for g in preview] == [two_days.id, yesterday.id]  # oldest end first
    assert all(isinstance(g, GroupDTO) for g in preview)
    assert [label.name for label in preview[1].labels] == ["短期群"]
    assert [g.days_left(TODAY) for g in preview] == [-2, -1]
    # the preview and the segment filter agree
    ended = SegmentSpec(lifecycle="ended", statuses=frozenset({GroupStatus.ACTIVE, GroupStatus.DORMANT}))  # type: ignore[arg-type]
    assert SegmentService(db).resolve(ended, today=TODAY) == sorted(g.id for g in preview)


def test_archive_ended_rechecks_a_stale_preview(db: Database, groups: GroupService,
                                                lifecycle: LifecycleService) -> None:
    a = short(db, groups, "双11快闪群", -2)
    b = short(db, groups, "双11二群", -1)
    c = short(db, groups, "延期了的群", -3)
    running = short(db, groups, "还在进行", 4)
    long_term = make(db, groups, "长期群")
    preview = [g.id for g in lifecycle.ended_groups(today=TODAY)]
    assert preview == [c.id, a.id, b.id]
    # after the preview, the operator extends one group and archives another by hand
    groups.update(c.id, GroupDraft(name="延期了的群", lifespan=Lifespan.SHORT, end_date=TODAY + timedelta(days=7)))
    groups.archive([b.id])
    archived = lifecycle.archive_ended([*preview, running.id, long_term.id, 999999], today=TODAY)
    assert archived == 1
    after = {g.id: g.status for g in groups.list_groups()}
    assert after == {a.id: GroupStatus.ARCHIVED, b.id: GroupStatus.ARCHIVED, c.id: GroupStatus.ACTIVE,
                     running.id: GroupStatus.ACTIVE, long_term.id: GroupStatus.ACTIVE}
    notes = [(gid, detail) for action, gid, detail in audit(db) if action == "archive" and "reason" in detail]
    assert notes == [(a.id, {"reason": "短期群已结束", "end_date": str(TODAY - timedelta(days=2)),
                             "today": str(TODAY)})]
    assert lifecycle.archive_ended(preview, today=TODAY) == 0
    assert lifecycle.ended_groups(today=TODAY) == []
    with db.transaction() as session:
        assert session.scalar(select(Group.archived_at).where(Group.id == a.id)) is not None


# ----------------------------------------------------------------------------- capacity
def test_near_capacity(db: Database, groups: GroupService, lifecycle: LifecycleService) -> None:
    full = make(db, groups, "满了", member_count=500)
    near = make(db, groups, "快满", member_count=450)
    below = make(db, groups, "还早", member_count=449)
    qq = make(db, groups, "QQ大群", platform=Platform.QQ, member_count=500)  # QQ holds 2,000
    custom = make(db, groups, "扫码群", capacity=200, member_count=190)
    gone = make(db, groups, "归档的满群", member_count=500)
    groups.archive([gone.id])
    assert lifecycle.near_capacity() == [full.id, near.id, custom.id]
    assert lifecycle.near_capacity(threshold=1) == [full.id]
    assert lifecycle.near_capacity(threshold=0.2) == [full.id, near.id, below.id, qq.id, custom.id]


@pytest.mark.parametrize("threshold", [0, -0.5, 1.5, True, "0.9"])
def test_near_capacity_bad_threshold(lifecycle: LifecycleService, threshold) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="容量提醒比例"):
        lifecycle.near_capacity(threshold=threshold)
