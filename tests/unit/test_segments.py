"""Saved segments: the spec (validation, JSON, in-memory meaning) and the service on real SQLite files.

The property test holds SQL and memory together: ``resolve(spec)`` must equal filtering
``GroupService.list_groups()`` with ``SegmentSpec.matches`` for random specs and random "today"s.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select, update

from desktop.domain.enums import BroadcastStatus, GroupStatus, Lifespan, Platform
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.groups import GroupDraft, GroupDTO
from desktop.domain.segments import ActivityFilter, LifecycleFilter, SegmentSpec, is_dormant
from desktop.services.demo import build_demo
from desktop.services.groups import GroupService
from desktop.services.segments import COUNT_CHUNK, SegmentService
from desktop.store.engine import Database, open_database
from desktop.store.models import AuditLog, Broadcast, Group, GroupDayStat, Label, Segment

TODAY = date(2026, 11, 20)


@pytest.fixture
def segments(db: Database) -> SegmentService:
    return SegmentService(db)


@pytest.fixture
def groups(db: Database) -> GroupService:
    return GroupService(db)


def label_ids(service: GroupService) -> dict[str, int]:
    return {label.name: label.id for d in service.dimensions() for label in d.labels}


def dto(**overrides) -> GroupDTO:  # type: ignore[no-untyped-def]
    base = dict(
        id=1, name="群", platform=Platform.WECHAT, external_id=None, owner="", status=GroupStatus.ACTIVE,
        lifespan=Lifespan.LONG, start_date=None, end_date=None, capacity=500, member_count=0, area="",
        note="", search_key="阳光花园 yangguanghuayuan yghy", labels=(), last_active=None,
        created_at=datetime(2026, 1, 1, 9), updated_at=datetime(2026, 1, 1, 9),
    )
    return GroupDTO(**{**base, **overrides})


# ----------------------------------------------------------------------------- the spec
def test_spec_normalises_what_the_ui_hands_over() -> None:
    spec = SegmentSpec(text="  阳光   3群 ", platforms={"wechat", Platform.QQ},  # type: ignore[arg-type]
                       statuses=[GroupStatus.ACTIVE], label_ids=[3, 1, 3],  # type: ignore[arg-type]
                       lifecycle="ending_soon", activity="dormant")  # type: ignore[arg-type]
    assert spec.text == "阳光 3群"
    assert spec.platforms == frozenset({Platform.WECHAT, Platform.QQ})
    assert spec.statuses == frozenset({GroupStatus.ACTIVE}) and spec.label_ids == frozenset({1, 3})
    assert spec.lifecycle is LifecycleFilter.ENDING_SOON and spec.activity is ActivityFilter.DORMANT
    assert spec == SegmentSpec(text="阳光 3群", platforms=frozenset({Platform.QQ, Platform.WECHAT}),
                               statuses=frozenset({GroupStatus.ACTIVE}), label_ids=frozenset({1, 3}),
                               lifecycle=LifecycleFilter.ENDING_SOON, activity=ActivityFilter.DORMANT)
    assert hash(spec) == hash(SegmentSpec.from_json(spec.to_json()))
    assert SegmentSpec().is_everything and not spec.is_everything


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"platforms": ["myspace"]}, "platforms"),
        ({"platforms": "wechat"}, "platforms"),
        ({"statuses": ["deleted"]}, "statuses"),
        ({"label_ids": ["1"]}, "label_ids"),
        ({"label_ids": [True]}, "label_ids"),
        ({"label_ids": [0]}, "label_ids"),
        ({"label_ids": [1 << 70]}, "label_ids"),
        ({"lifecycle": "forever"}, "lifecycle"),
        ({"activity": "noisy"}, "activity"),
        ({"ending_days": -1}, "ending_days"),
        ({"ending_days": 2.5}, "ending_days"),
        ({"dormant_days": 0}, "dormant_days"),
        ({"dormant_days": True}, "dormant_days"),
        ({"dormant_days": 99999}, "dormant_days"),
        ({"text": "x" * 201}, "text"),
        ({"text": "阳光\x00"}, "text"),
        ({"text": 12}, "text"),
    ],
)
def test_bad_spec_is_a_named_validation_error(kwargs: dict, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        SegmentSpec(**kwargs)
    assert info.value.field == field


def test_json_is_stable_and_tolerant() -> None:
    a = SegmentSpec(platforms=frozenset({Platform.QQ, Platform.WECHAT}), label_ids=frozenset({9, 2}), text="vip")
    b = SegmentSpec(text="vip ", label_ids=frozenset({2, 9}), platforms=frozenset({Platform.WECHAT, Platform.QQ}))
    assert a.to_json() == b.to_json()
    stored = json.loads(a.to_json())
    assert stored["platforms"] == ["qq", "wechat"] and stored["label_ids"] == [2, 9] and stored["version"] == 1
    # unknown keys (a later version's extras) are ignored; missing keys take their defaults
    assert SegmentSpec.from_json('{"text": "vip", "colour": "red", "sort": {"by": "name"}}') == SegmentSpec(text="vip")
    assert SegmentSpec.from_json('{"label_ids": [424242]}').label_ids == frozenset({424242})  # label since deleted
    assert SegmentSpec.from_json("{}") == SegmentSpec.from_json("") == SegmentSpec.from_json(None) == SegmentSpec()
    assert SegmentSpec.from_json('{"text": null, "platforms": null}') == SegmentSpec()


@pytest.mark.parametrize(
    "text",
    ["{oops", "[]", '"vip"', "null", "42", '{"platforms": "wechat"}', '{"platforms": ["myspace"]}',
     '{"label_ids": ["a"]}', '{"label_ids": [[1]]}', '{"label_ids": {"1": true}}', '{"ending_days": -1}',
     '{"lifecycle": 3}', '{"version": 99}', b"\xff\xfe", '{"text": ["a"]}', '{"platforms": [["qq"]]}'],
)
def test_corrupt_json_gives_validation_error_never_a_crash(text: str | bytes) -> None:
    with pytest.raises(ValidationError, match="筛选条件"):
        SegmentSpec.from_json(text)


specs = st.builds(
    SegmentSpec,
    text=st.text(alphabet="阳光花园群团购 vipqunYGH%_\\", max_size=12),
    platforms=st.frozensets(st.sampled_from(Platform)),
    statuses=st.frozensets(st.sampled_from(GroupStatus)),
    label_ids=st.frozensets(st.integers(1, 40), max_size=4),
    lifecycle=st.sampled_from(LifecycleFilter),
    ending_days=st.integers(0, 20),
    activity=st.sampled_from(ActivityFilter),
    dormant_days=st.integers(1, 45),
)


@settings(max_examples=200, deadline=None)
@given(specs)
def test_json_roundtrip(spec: SegmentSpec) -> None:
    assert SegmentSpec.from_json(spec.to_json()) == spec
    assert SegmentSpec.from_json(spec.to_json()).to_json() == spec.to_json()


def test_lifecycle_boundaries_in_memory() -> None:
    def short(end: date | None) -> GroupDTO:
        return dto(lifespan=Lifespan.SHORT, end_date=end)

    ending = SegmentSpec(lifecycle=LifecycleFilter.ENDING_SOON, ending_days=3)
    ended = SegmentSpec(lifecycle=LifecycleFilter.ENDED)
    running = SegmentSpec(lifecycle=LifecycleFilter.SHORT_RUNNING)
    long_ = SegmentSpec(lifecycle=LifecycleFilter.LONG)
    table = {
        # end date relative to TODAY: (ending_soon, ended, short_running)
        -1: (False, True, False),
        0: (True, False, True),
        3: (True, False, True),
        4: (False, False, True),
    }
    for offset, expected in table.items():
        group = short(TODAY + timedelta(days=offset))
        got = (ending.matches(group, TODAY), ended.matches(group, TODAY), running.matches(group, TODAY))
        assert got == expected, offset
        assert not long_.matches(group, TODAY)
    assert running.matches(short(None), TODAY) and not ending.matches(short(None), TODAY)
    assert not ended.matches(short(None), TODAY)
    assert long_.matches(dto(), TODAY) and not running.matches(dto(), TODAY)


def test_activity_boundaries_in_memory() -> None:
    dormant = SegmentSpec(activity=ActivityFilter.DORMANT, dormant_days=14)
    active = SegmentSpec(activity=ActivityFilter.ACTIVE, dormant_days=14)
    cutoff = TODAY - timedelta(days=14)
    old = datetime(2026, 1, 1, 9)
    cases = [
        (dto(last_active=None, created_at=old), True),
        (dto(last_active=cutoff, created_at=old), True),  # 14 days ago is outside "the last 14 days"
        (dto(last_active=cutoff + timedelta(days=1), created_at=old), False),
        (dto(last_active=TODAY + timedelta(days=2), created_at=old), False),
        (dto(last_active=None, created_at=datetime.combine(cutoff, datetime.max.time())), True),
        (dto(last_active=None, created_at=datetime.combine(cutoff + timedelta(days=1), datetime.min.time())),
         False),  # too new to have been silent for 14 days
    ]
    for group, expected in cases:
        assert dormant.matches(group, TODAY) is expected, group
        assert active.matches(group, TODAY) is not expected, group
        assert is_dormant(group.last_active, group.created_at, TODAY, 14) is expected


# ----------------------------------------------------------------------------- the service
def test_create_list_rename_update_delete(db: Database, segments: SegmentService) -> None:
    vip = segments.create("  VIP服务群·活跃 ", SegmentSpec(activity=ActivityFilter.ACTIVE))
    ending = segments.create("快结束的短期群", SegmentSpec(lifecycle=LifecycleFilter.ENDING_SOON))
    assert vip.name == "VIP服务群·活跃" and vip.problem is None
    assert [(s.name, s.position) for s in segments.list()] == [("VIP服务群·活跃", 1), ("快结束的短期群", 2)]
    renamed = segments.rename(vip.id, "VIP 活跃")
    assert renamed.name == "VIP 活跃" and renamed.spec == vip.spec
    assert segments.rename(vip.id, " VIP  活跃 ").name == "VIP 活跃"  # same name after trimming: no-op
    changed = segments.update_spec(ending.id, SegmentSpec(lifecycle=LifecycleFilter.ENDING_SOON, ending_days=7))
    assert changed.spec is not None and changed.spec.ending_days == 7
    assert segments.get(ending.id) == changed
    segments.delete(vip.id)
    assert [s.name for s in segments.list()] == ["快结束的短期群"]
    third = segments.create("VIP服务群·活跃", SegmentSpec())  # the deleted name is free again
    assert third.position == 3
    with db.transaction() as session:
        actions = [(a.action, a.entity) for a in session.scalars(select(AuditLog).order_by(AuditLog.id))]
    assert actions == [("create", "segment"), ("create", "segment"), ("rename", "segment"),
                       ("update_filter", "segment"), ("delete", "segment"), ("create", "segment")]


@pytest.mark.parametrize(("name", "message"), [("", "不能为空"), ("   \t ", "不能为空"), ("名" * 81, "最多 80")])
def test_bad_names(segments: SegmentService, name: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        segments.create(name, SegmentSpec())
    assert info.value.field == "name"
    assert segments.list() == []


def test_name_that_exists_is_refused_and_nothing_changes(segments: SegmentService) -> None:
    first = segments.create("沉默群", SegmentSpec(activity=ActivityFilter.DORMANT))
    other = segments.create("新客群", SegmentSpec())
    with pytest.raises(ValidationError, match="已有名为“沉默群”的分组"):
        segments.create(" 沉默群 ", SegmentSpec())
    with pytest.raises(ValidationError, match="已有名为“沉默群”的分组"):
        segments.rename(other.id, "沉默群")
    assert [s.name for s in segments.list()] == ["沉默群", "新客群"]
    assert segments.get(first.id).spec == SegmentSpec(activity=ActivityFilter.DORMANT)


def test_missing_segment(segments: SegmentService) -> None:
    for call in (lambda: segments.rename(99, "x"), lambda: segments.update_spec(99, SegmentSpec()),
                 lambda: segments.delete(99), lambda: segments.resolve(99), lambda: segments.get(99)):
        with pytest.raises(NotFoundError, match="分组 #99 不存在"):
            call()
    with pytest.raises(ValidationError):
        segments.create("x", {"text": "vip"})  # type: ignore[arg-type]


def test_spec_corrupted_in_the_database(db: Database, segments: SegmentService, groups: GroupService) -> None:
    groups.create(GroupDraft(name="阳光花园群"))
    good = segments.create("全部", SegmentSpec())
    bad = segments.create("坏了的分组", SegmentSpec(text="阳光"))
    with db.transaction() as session:
        session.execute(update(Segment).where(Segment.id == bad.id).values(filter_json='{"text": "阳光", '))
    with pytest.raises(ValidationError, match="分组“坏了的分组”: 分组的筛选条件已损坏"):
        segments.resolve(bad.id, today=TODAY)
    listed = {s.id: s for s in segments.list()}
    assert listed[bad.id].spec is None and "已损坏" in (listed[bad.id].problem or "")
    assert listed[good.id].problem is None
    assert segments.counts(today=TODAY) == {good.id: 1}  # the broken one has no count, the rest still do
    assert segments.rename(bad.id, "坏了的分组2").problem is not None  # can still be renamed ...
    repaired = segments.update_spec(bad.id, SegmentSpec(text="阳光"))  # ... and repaired
    assert repaired.problem is None and len(segments.resolve(bad.id, today=TODAY)) == 1
    with db.transaction() as session:  # valid JSON, impossible value
        session.execute(update(Segment).where(Segment.id == bad.id).values(filter_json='{"platforms": ["icq"]}'))
    with pytest.raises(ValidationError, match="不认识的平台: icq"):
        segments.resolve(bad.id, today=TODAY)
    segments.delete(bad.id)  # a broken segment can be deleted


def test_matching_nothing_and_everything(segments: SegmentService, groups: GroupService) -> None:
    a = groups.create(GroupDraft(name="阳光花园水果团购3群"))
    b = groups.create(GroupDraft(name="宝妈育儿交流群", platform=Platform.QQ))
    c = groups.create(GroupDraft(name="已归档的群"))
    groups.archive([c.id])
    everything = segments.create("全部", SegmentSpec())
    nothing = segments.create("无", SegmentSpec(text="不存在的词"))
    gone = segments.create("已删标签", SegmentSpec(label_ids=frozenset({424242})))
    assert segments.resolve(everything.id, today=TODAY) == [a.id, b.id, c.id]  # archived included
    assert segments.resolve(nothing.id, today=TODAY) == []
    assert segments.resolve(gone.id, today=TODAY) == []  # a deleted label matches nothing, not everything
    assert segments.resolve(SegmentSpec(text="100%"), today=TODAY) == []  # LIKE wildcards are literal
    assert segments.resolve(SegmentSpec(text="_"), today=TODAY) == []
    assert segments.resolve(SegmentSpec(text="YGH 3"), today=TODAY) == [a.id]
    assert segments.resolve(SegmentSpec(platforms=frozenset({Platform.QQ})), today=TODAY) == [b.id]
    not_archived = SegmentSpec(statuses=frozenset({GroupStatus.ACTIVE, GroupStatus.DORMANT}))
    assert segments.resolve(not_archived, today=TODAY) == [a.id, b.id]
    assert segments.counts(today=TODAY) == {everything.id: 3, nothing.id: 0, gone.id: 0}


def test_deleted_label_is_reported_and_matches_nothing(db: Database, segments: SegmentService,
                                                       groups: GroupService) -> None:
    ids = label_ids(groups)
    vip = groups.create(GroupDraft(name="VIP群一"), [ids["VIP群"]])
    groups.create(GroupDraft(name="兴趣群一"), [ids["兴趣群"]])
    segment = segments.create("VIP或兴趣", SegmentSpec(label_ids=frozenset({ids["VIP群"], ids["兴趣群"]})))
    assert len(segments.resolve(segment.id, today=TODAY)) == 2
    with db.transaction() as session:
        session.execute(delete(Label).where(Label.id == ids["兴趣群"]))
    [listed] = segments.list()
    assert listed.missing_label_ids == frozenset({ids["兴趣群"]})
    assert listed.spec is not None and ids["兴趣群"] in listed.spec.label_ids  # kept, not silently dropped
    assert segments.resolve(segment.id, today=TODAY) == [vip.id]


def test_delete_refused_while_a_broadcast_targets_it(db: Database, segments: SegmentService) -> None:
    segment = segments.create("VIP", SegmentSpec())
    with db.transaction() as session:
        session.execute(insert(Broadcast), [
            {"title": "双12预告", "segment_id": segment.id, "status": BroadcastStatus.ACTIVE},
            {"title": "旧活动", "segment_id": segment.id, "status": BroadcastStatus.FINISHED},
        ])
    with pytest.raises(ValidationError, match="正被群发 “双12预告” 使用"):
        segments.delete(segment.id)
    assert [s.id for s in segments.list()] == [segment.id]
    with db.transaction() as session:
        session.execute(update(Broadcast).values(status=BroadcastStatus.CANCELLED))
    segments.delete(segment.id)
    with db.transaction() as session:
        assert session.scalars(select(Broadcast.segment_id)).all() == [None, None]


def test_activity_and_lifecycle_in_sql(db: Database, segments: SegmentService, groups: GroupService) -> None:
    old = datetime(2026, 1, 1, 9)
    quiet = groups.create(GroupDraft(name="安静群"))
    lively = groups.create(GroupDraft(name="热闹群"))
    fresh = groups.create(GroupDraft(name="新建群"))
    ends = groups.create(GroupDraft(name="双12快闪群", lifespan=Lifespan.SHORT, end_date=TODAY + timedelta(days=2)))
    ended = groups.create(GroupDraft(name="双11快闪群", lifespan=Lifespan.SHORT, end_date=TODAY - timedelta(days=1)))
    with db.transaction() as session:
        session.execute(update(Group).values(created_at=old))
        session.execute(update(Group).where(Group.id == fresh.id).values(created_at=datetime(2026, 11, 15, 10)))
        session.execute(insert(GroupDayStat), [
            {"group_id": quiet.id, "day": TODAY - timedelta(days=14), "messages": 9},
            {"group_id": quiet.id, "day": TODAY - timedelta(days=1), "messages": 0, "joins": 2},
            {"group_id": lively.id, "day": TODAY - timedelta(days=13), "messages": 1},
            {"group_id": ends.id, "day": TODAY, "messages": 3},
        ])
    dormant = SegmentSpec(activity=ActivityFilter.DORMANT)
    assert segments.resolve(dormant, today=TODAY) == [quiet.id, ended.id]
    assert segments.resolve(SegmentSpec(activity=ActivityFilter.ACTIVE), today=TODAY) == [lively.id, fresh.id, ends.id]
    assert segments.resolve(SegmentSpec(lifecycle=LifecycleFilter.ENDING_SOON), today=TODAY) == [ends.id]
    assert segments.resolve(SegmentSpec(lifecycle=LifecycleFilter.ENDED), today=TODAY) == [ended.id]
    assert segments.resolve(SegmentSpec(lifecycle=LifecycleFilter.SHORT_RUNNING), today=TODAY) == [ends.id]
    assert segments.resolve(SegmentSpec(lifecycle=LifecycleFilter.LONG), today=TODAY) == [quiet.id, lively.id,
                                                                                             fresh.id]
    saved = segments.create("沉默群", dormant)
    assert segments.counts(today=TODAY) == {saved.id: 2}
    assert segments.counts(today=TODAY + timedelta(days=30)) == {saved.id: 5}  # everyone silent a month on


# ----------------------------------------------------------------------------- SQL == memory
@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path: Path = tmp_path_factory.mktemp("segments-demo") / "demo.db"
    database = open_database(path)
    build_demo(database, groups=60, members=300, days=40, seed=1, today=TODAY)
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def demo_groups(demo_db: Database) -> list[GroupDTO]:
    return GroupService(demo_db).list_groups()


def _words(groups: list[GroupDTO]) -> list[str]:
    words: set[str] = set()
    for group in groups:
        for part in group.search_key.split():
            words.update({part[:2], part[1:4], part[-3:]})
    return sorted(w for w in words if w.strip())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_resolve_equals_matches_on_the_demo(demo_db: Database, demo_groups: list[GroupDTO],
                                            data: st.DataObject) -> None:
    label_pool = [*sorted({label.id for g in demo_groups for label in g.labels}), 424242]
    words = _words(demo_groups)
    text_words = data.draw(st.lists(st.one_of(st.sampled_from(words), st.text("阳光群团vipqYGH%_\\", min_size=1,
                                                                             max_size=3)), max_size=2))
    spec = SegmentSpec(
        text=" ".join(text_words),
        platforms=data.draw(st.frozensets(st.sampled_from(Platform), max_size=3)),
        statuses=data.draw(st.frozensets(st.sampled_from(GroupStatus), max_size=2)),
        label_ids=data.draw(st.frozensets(st.sampled_from(label_pool), max_size=3)),
        lifecycle=data.draw(st.sampled_from(LifecycleFilter)),
        ending_days=data.draw(st.integers(0, 10)),
        activity=data.draw(st.sampled_from(ActivityFilter)),
        dormant_days=data.draw(st.integers(1, 30)),
    )
    today = TODAY + timedelta(days=data.draw(st.integers(-45, 20)))
    expected = [g.id for g in demo_groups if spec.matches(g, today)]
    assert SegmentService(demo_db).resolve(spec, today=today) == expected


def test_the_demo_exercises_every_branch(demo_db: Database, demo_groups: list[GroupDTO]) -> None:
    """Guard for the property test: on the demo each filter value selects some groups but not all."""
    service = SegmentService(demo_db)
    total = len(demo_groups)
    for spec in (SegmentSpec(lifecycle=value) for value in LifecycleFilter if value is not LifecycleFilter.ANY):
        assert 0 < len(service.resolve(spec, today=TODAY)) < total, spec
    for spec in (SegmentSpec(activity=value) for value in ActivityFilter if value is not ActivityFilter.ANY):
        assert 0 < len(service.resolve(spec, today=TODAY)) < total, spec
    assert 0 < len(service.resolve(SegmentSpec(text=_words(demo_groups)[5]), today=TODAY)) < total


def test_counts_equal_resolve_across_chunks(demo_db: Database) -> None:
    """More segments than one counting SELECT holds: every count still equals len(resolve)."""
    service = SegmentService(demo_db)
    created = []
    for i in range(COUNT_CHUNK + 7):
        spec = SegmentSpec(
            lifecycle=list(LifecycleFilter)[i % len(LifecycleFilter)],
            activity=list(ActivityFilter)[i % len(ActivityFilter)],
            dormant_days=1 + i % 20,
            statuses=frozenset({GroupStatus.ACTIVE, GroupStatus.DORMANT}) if i % 2 else frozenset(),
            text="q" if i % 7 == 0 else "",
        )
        created.append(service.create(f"分组{i}", spec).id)
    try:
        counts = service.counts(today=TODAY)
        assert counts == {sid: len(service.resolve(sid, today=TODAY)) for sid in created}
        assert len(set(counts.values())) > 5  # the specs really differ
    finally:
        for sid in created:
            service.delete(sid)
