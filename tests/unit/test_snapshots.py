"""Member snapshots: a list of who is in a group on a day becomes joins and leaves; re-applying changes nothing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from desktop.domain.enums import InteractionKind, Role
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.groups import GroupDraft
from desktop.domain.members import MemberDraft, SnapshotEntry
from desktop.services.groups import GroupService
from desktop.services.interactions import InteractionService
from desktop.services.members import MemberService
from desktop.services.snapshots import SOURCE, SnapshotService, parse_pasted_list
from desktop.store.models import Group, GroupDayStat, Interaction, Member, Membership

NOW = datetime(2026, 11, 20, 15, 0)


@pytest.fixture
def snapshots(db) -> SnapshotService:
    return SnapshotService(db)


@pytest.fixture
def group_id(db) -> int:
    return GroupService(db).create(GroupDraft(name="阳光花园团购群")).id


def names(*nicknames: str) -> list[SnapshotEntry]:
    return [SnapshotEntry(n) for n in nicknames]


def active(db, group_id: int) -> dict[str, int]:
    with db.transaction() as session:
        return dict(session.execute(
            select(Member.nickname, Member.id).join(Membership, Membership.member_id == Member.id)
            .where(Membership.group_id == group_id, Membership.left_on.is_(None))).all())


def test_first_list_joins_everyone_and_reapplying_changes_nothing(db, snapshots: SnapshotService, group_id) -> None:
    diff = snapshots.apply_snapshot(group_id, date(2026, 11, 1), names("小王", "李姐", "张三"), NOW)
    assert (diff.joined, diff.left, diff.unchanged, len(diff.created_ids)) == (3, 0, 0, 3)
    assert set(active(db, group_id)) == {"小王", "李姐", "张三"}
    again = snapshots.apply_snapshot(group_id, date(2026, 11, 1), names("小王", "李姐", "张三"), NOW)
    assert again.empty and again.unchanged == 3 and again.created_ids == ()
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Interaction)) == 3
        assert session.scalar(select(func.count()).select_from(Member)) == 3
        assert session.get(Group, group_id).member_count == 3
        assert {m.source for m in session.scalars(select(Member))} == {SOURCE}


def test_second_list_gives_the_right_joins_and_leaves(db, snapshots: SnapshotService, group_id) -> None:
    first = snapshots.apply_snapshot(group_id, date(2026, 11, 1), names("小王", "李姐", "张三"), NOW)
    wang, li, zhang = first.joined_ids
    diff = snapshots.apply_snapshot(group_id, date(2026, 11, 8), names("李姐", "赵敏", "小王"), NOW)
    zhao = diff.joined_ids[0]
    assert (diff.joined_ids, diff.left_ids, diff.unchanged_ids, diff.created_ids) == ((zhao,), (zhang,), (li, wang),
                                                                                      (zhao,))
    with db.transaction() as session:
        left = session.scalar(select(Membership.left_on).where(Membership.member_id == zhang))
        assert left == date(2026, 11, 8)
        stat = session.get(GroupDayStat, (group_id, date(2026, 11, 8)))
        assert (stat.joins, stat.leaves, stat.messages) == (1, 1, 0)
        kinds = sorted(session.scalars(select(Interaction.kind).where(Interaction.day == date(2026, 11, 8))))
        assert kinds == [InteractionKind.JOIN, InteractionKind.LEAVE]
        assert session.get(Group, group_id).member_count == 3
    # 张三 comes back: the same person, re-joined, not a new member
    back = snapshots.apply_snapshot(group_id, date(2026, 11, 15), names("李姐", "赵敏", "小王", "张三"), NOW)
    assert (back.joined_ids, back.left_ids, back.created_ids) == ((zhang,), (), ())
    recount = InteractionService(db).recount_day_stats()
    with db.transaction() as session:
        stored = {(r.group_id, r.day): (r.messages, r.active_members, r.joins, r.leaves)
                  for r in session.scalars(select(GroupDayStat))}
    assert stored == {k: (v.messages, v.active_members, v.joins, v.leaves) for k, v in recount.items()}


def test_matching_by_wechat_id_then_nickname_in_the_group(db, snapshots: SnapshotService, group_id) -> None:
    members = MemberService(db)
    known = members.create(MemberDraft(nickname="旧昵称", wechat_id="wx_li")).id  # renamed since
    in_group = members.create(MemberDraft(nickname="小王")).id
    elsewhere = members.create(MemberDraft(nickname="张三")).id  # not in this group: a namesake, not a match
    members.add_to_group([in_group], group_id, datetime(2026, 10, 1, 9))
    diff = snapshots.apply_snapshot(group_id, date(2026, 11, 1), [
        SnapshotEntry("李姐", wechat_id="wx_li", group_nickname="3栋-李姐", role=Role.ORGANIZER),
        SnapshotEntry("小王", wechat_id="wx_wang"),
        SnapshotEntry("张三"),
    ], NOW)
    new = list(diff.created_ids)
    assert len(new) == 1 and new[0] not in (known, in_group, elsewhere)
    assert diff.joined_ids == (known, new[0]) and diff.unchanged_ids == (in_group,) and diff.left_ids == ()
    with db.transaction() as session:
        assert session.get(Member, in_group).wechat_id == "wx_wang"  # learned from the list
        ms = session.scalars(select(Membership).where(Membership.member_id == known)).one()
        assert (ms.group_nickname, ms.role) == ("3栋-李姐", Role.ORGANIZER)
    # the in-group nickname matches too, and a newer role is taken over without a join
    again = snapshots.apply_snapshot(group_id, date(2026, 11, 2), [
        SnapshotEntry("3栋-李姐", role=Role.THINKER), SnapshotEntry("小王"), SnapshotEntry("张三")], NOW)
    assert again.empty and again.created_ids == ()
    with db.transaction() as session:
        assert session.scalar(select(Membership.role).where(Membership.member_id == known)) == Role.THINKER


def test_namesakes_on_one_list_are_two_people(db, snapshots: SnapshotService, group_id) -> None:
    diff = snapshots.apply_snapshot(group_id, date(2026, 11, 1), names("小王", "小王", "李姐"), NOW)
    assert diff.joined == 3 and len(diff.created_ids) == 3
    again = snapshots.apply_snapshot(group_id, date(2026, 11, 2), names("小王", "李姐", "小王"), NOW)
    assert again.empty and again.unchanged == 3
    one_left = snapshots.apply_snapshot(group_id, date(2026, 11, 3), names("小王", "李姐"), NOW)
    assert one_left.left_ids == (diff.joined_ids[1],)  # the second 小王 matched the second membership


def test_bad_lists_are_refused_and_nothing_is_written(db, snapshots: SnapshotService, group_id) -> None:
    with pytest.raises(ValidationError) as blank:
        snapshots.apply_snapshot(group_id, date(2026, 11, 1), [SnapshotEntry("小王"), SnapshotEntry("  ")], NOW)
    assert blank.value.field == "nickname" and "第 2 行" in str(blank.value)
    with pytest.raises(ValidationError) as wechat:
        snapshots.apply_snapshot(group_id, date(2026, 11, 1), [SnapshotEntry("小王", wechat_id="有 空格")], NOW)
    assert wechat.value.field == "wechat_id"
    with pytest.raises(ValidationError) as future:
        snapshots.apply_snapshot(group_id, date(2026, 11, 21), names("小王"), NOW)
    assert future.value.field == "on_date"
    with pytest.raises(NotFoundError):
        snapshots.apply_snapshot(999, date(2026, 11, 1), names("小王"), NOW)
    assert active(db, group_id) == {}


def test_an_empty_list_means_everyone_left(db, snapshots: SnapshotService, group_id) -> None:
    snapshots.apply_snapshot(group_id, date(2026, 11, 1), names("小王", "李姐"), NOW)
    diff = snapshots.apply_snapshot(group_id, date(2026, 11, 2), [], NOW)
    assert diff.left == 2 and diff.joined == 0
    assert active(db, group_id) == {}


def test_parse_pasted_list() -> None:
    text = "1. 小王\n\n2、李姐😀\n(3) 张三\n  12 赵敏 \n• 阳光✨花园\n小王\n1号楼王姐\n4)Lucy\n【5】 Amy 88\n"
    assert [e.nickname for e in parse_pasted_list(text)] == [
        "小王", "李姐", "张三", "赵敏", "阳光花园", "1号楼王姐", "Lucy", "Amy 88"]
    assert parse_pasted_list("\n \n") == []
