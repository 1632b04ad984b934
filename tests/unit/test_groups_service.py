"""The groups service on a real SQLite file: every call one transaction, DTOs out."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from desktop.domain.enums import GroupStatus, Lifespan, Platform
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.groups import GroupDraft, GroupFilter
from desktop.domain.search import matches, normalise_query
from desktop.services.groups import GroupService
from desktop.services.text import search_key
from desktop.services.workspace import WorkspaceService
from desktop.store.models import AuditLog, GroupDayStat, Member, Membership


@pytest.fixture
def groups(db) -> GroupService:
    return GroupService(db)


def labels_named(service: GroupService) -> dict[str, int]:
    return {label.name: label.id for d in service.dimensions() for label in d.labels}


def test_create_get_update_roundtrip(groups: GroupService) -> None:
    created = groups.create(GroupDraft(name="  阳光花园  水果团购3群 ", owner="王芳", platform=Platform.WECOM))
    assert created.name == "阳光花园 水果团购3群"  # whitespace tidied
    assert created.capacity == 500 and created.status is GroupStatus.ACTIVE
    fetched = groups.get(created.id)
    assert fetched == created
    updated = groups.update(created.id, GroupDraft(
        name="阳光花园水果团购3群", owner="李娜", platform=Platform.WECOM, lifespan=Lifespan.SHORT,
        start_date=date(2026, 12, 1), end_date=date(2026, 12, 12), member_count=321, note="双12专场",
    ))
    assert (updated.owner, updated.member_count, updated.end_date) == ("李娜", 321, date(2026, 12, 12))
    assert groups.get(created.id).note == "双12专场"


def test_search_by_chinese_full_pinyin_and_initials(groups: GroupService) -> None:
    for name in ("阳光花园水果团购3群", "宝妈育儿交流群", "双12秒杀快闪群"):
        groups.create(GroupDraft(name=name))
    for query in ("阳光", "yangguang", "ygh", "YGH", "yang guang", "ygh sg", "阳光 3群"):
        assert [g.name for g in groups.list_groups(GroupFilter(text=query))] == ["阳光花园水果团购3群"], query
    assert [g.name for g in groups.list_groups(GroupFilter(text="bmye"))] == ["宝妈育儿交流群"]
    assert [g.name for g in groups.list_groups(GroupFilter(text="双12"))] == ["双12秒杀快闪群"]
    assert groups.list_groups(GroupFilter(text="100%")) == []  # LIKE wildcards are literal
    assert groups.list_groups(GroupFilter(text="阳光 宝妈")) == []  # every word must match


def test_filters_platform_status_labels(groups: GroupService) -> None:
    ids = labels_named(groups)
    a = groups.create(GroupDraft(name="A群", platform=Platform.QQ), [ids["短期群"], ids["VIP群"]])
    b = groups.create(GroupDraft(name="B群"), [ids["长期群"], ids["VIP群"], ids["兴趣群"]])
    c = groups.create(GroupDraft(name="C群"))
    groups.archive([c.id])
    assert {g.id for g in groups.list_groups(GroupFilter(platforms=frozenset({Platform.QQ})))} == {a.id}
    assert {g.id for g in groups.list_groups(GroupFilter(label_ids=frozenset({ids["VIP群"]})))} == {a.id, b.id}
    assert {g.id for g in groups.list_groups(GroupFilter(include_archived=False))} == {a.id, b.id}
    assert {g.id for g in groups.list_groups(GroupFilter(statuses=frozenset({GroupStatus.ARCHIVED})))} == {c.id}
    assert [label.name for label in groups.get(b.id).labels] == ["长期群", "VIP群", "兴趣群"]


def test_archive_restore_and_counts(db, groups: GroupService) -> None:
    one, two = groups.create(GroupDraft(name="一群")), groups.create(GroupDraft(name="二群"))
    assert groups.archive([one.id, two.id]) == 2
    assert groups.archive([one.id]) == 0  # already archived: nothing changes
    assert groups.get(one.id).status is GroupStatus.ARCHIVED
    assert WorkspaceService(db).counts() == (0, 0)
    assert groups.restore([one.id]) == 1
    assert groups.get(one.id).status is GroupStatus.ACTIVE
    assert WorkspaceService(db).counts() == (1, 0)


def test_delete_removes_memberships_and_stats_but_keeps_people(db, groups: GroupService) -> None:
    group = groups.create(GroupDraft(name="要删的群"))
    with db.transaction() as session:
        session.execute(insert(Member), [{"id": 1, "nickname": "小王"}])
        session.execute(insert(Membership), [{"member_id": 1, "group_id": group.id}])
        session.execute(insert(GroupDayStat), [{"group_id": group.id, "day": date(2026, 11, 1), "messages": 3}])
    assert groups.delete([group.id]) == 1
    with pytest.raises(NotFoundError):
        groups.get(group.id)
    with db.transaction() as session:
        assert session.scalars(select(Membership)).all() == []
        assert session.scalars(select(GroupDayStat)).all() == []
        assert [m.nickname for m in session.scalars(select(Member))] == ["小王"]
        actions = [a.action for a in session.scalars(select(AuditLog).order_by(AuditLog.id))]
    assert actions == ["create", "delete"]


def test_last_active_comes_from_day_stats(db, groups: GroupService) -> None:
    group = groups.create(GroupDraft(name="活跃群"))
    with db.transaction() as session:
        session.execute(insert(GroupDayStat), [
            {"group_id": group.id, "day": date(2026, 11, 10), "messages": 5},
            {"group_id": group.id, "day": date(2026, 11, 12), "messages": 0, "joins": 1},  # no messages
        ])
    assert groups.get(group.id).last_active == date(2026, 11, 10)
    assert groups.list_groups()[0].last_active == date(2026, 11, 10)


def test_single_choice_labels_refused_and_nothing_changes(groups: GroupService) -> None:
    ids = labels_named(groups)
    group = groups.create(GroupDraft(name="群"), [ids["长期群"]])
    with pytest.raises(ValidationError, match="单选"):
        groups.update(group.id, GroupDraft(name="改了名的群"), [ids["短期群"], ids["长期群"]])
    after = groups.get(group.id)
    assert after.name == "群" and [label.name for label in after.labels] == ["长期群"]  # whole call rolled back


def test_unknown_label_and_missing_group(groups: GroupService) -> None:
    group = groups.create(GroupDraft(name="群"))
    with pytest.raises(ValidationError):
        groups.set_labels(group.id, [99999])
    with pytest.raises(NotFoundError):
        groups.update(424242, GroupDraft(name="x"))


def test_duplicate_external_id_on_one_platform_is_a_clear_error(groups: GroupService) -> None:
    groups.create(GroupDraft(name="甲", external_id="wxid_123@chatroom"))
    groups.create(GroupDraft(name="乙", external_id="wxid_123@chatroom", platform=Platform.QQ))  # other platform
    with pytest.raises(ValidationError, match="群ID"):
        groups.create(GroupDraft(name="丙", external_id="wxid_123@chatroom"))
    assert len(groups.list_groups()) == 2


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (GroupDraft(name="   "), "name"),
        (GroupDraft(name="x" * 121), "name"),
        (GroupDraft(name="x", member_count=-1), "member_count"),
        (GroupDraft(name="x", capacity=0), "capacity"),
        (GroupDraft(name="x", lifespan=Lifespan.SHORT, start_date=date(2026, 5, 2), end_date=date(2026, 5, 1)),
         "end_date"),
        (GroupDraft(name="x", platform="myspace"), "platform"),  # type: ignore[arg-type]
    ],
)
def test_bad_input_is_named(groups: GroupService, draft: GroupDraft, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        groups.create(draft)
    assert info.value.field == field
    assert groups.list_groups() == []


def test_long_term_group_drops_its_end_date() -> None:
    clean = GroupDraft(name="x", lifespan=Lifespan.LONG, end_date=date(2026, 1, 1)).validated()
    assert clean.end_date is None


def test_audit_log_records_what_changed(db, groups: GroupService) -> None:
    group = groups.create(GroupDraft(name="群", owner="王芳"))
    groups.update(group.id, GroupDraft(name="群", owner="李娜"))
    with db.transaction() as session:
        last = session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
    assert last is not None and last.action == "update" and json.loads(last.detail_json)["owner"] == "李娜"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="阳光花园水果团购宝妈育儿交流群双秒杀快闪abcXYZ0123 ", min_size=1, max_size=20), st.data())
def test_any_piece_of_a_name_finds_it(name: str, data: st.DataObject) -> None:
    key = search_key(name)
    compact = "".join(name.split())
    if not compact:
        return
    start = data.draw(st.integers(0, len(compact) - 1))
    end = data.draw(st.integers(start + 1, len(compact)))
    assert matches(key, normalise_query(compact[start:end]))
