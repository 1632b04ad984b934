"""The interaction log on a real SQLite file: GroupDayStat always equals a recount from interactions."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import insert, select

from desktop.domain.enums import InteractionKind, Role
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.groups import GroupDraft
from desktop.domain.members import DayCounts, InteractionDraft, InteractionFilter, MemberDraft
from desktop.services.groups import GroupService
from desktop.services.interactions import InteractionService
from desktop.services.members import MemberService
from desktop.store.models import Group, GroupDayStat, Membership

NOW = datetime(2026, 11, 20, 15, 0)
K = InteractionKind


@pytest.fixture
def log(db) -> InteractionService:
    return InteractionService(db)


@pytest.fixture
def world(db) -> dict[str, int]:
    groups, members = GroupService(db), MemberService(db)
    return {
        "g1": groups.create(GroupDraft(name="阳光花园团购群")).id,
        "g2": groups.create(GroupDraft(name="宝妈交流群")).id,
        "a": members.create(MemberDraft(nickname="小王")).id,
        "b": members.create(MemberDraft(nickname="李姐")).id,
        "c": members.create(MemberDraft(nickname="张三")).id,
    }


def stored(db) -> dict[tuple[int, date], DayCounts]:
    with db.transaction() as session:
        return {(r.group_id, r.day): DayCounts(r.messages, r.active_members, r.joins, r.leaves)
                for r in session.scalars(select(GroupDayStat))}


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour)


def entry(kind: K, group: int | None, member: int | None, when: datetime, **extra) -> InteractionDraft:  # type: ignore[no-untyped-def]
    return InteractionDraft(kind, group, member, occurred_at=when, **extra)


def test_day_stats_follow_logs_and_count_a_member_once_per_day(db, log: InteractionService, world) -> None:
    g1, g2, a, b = world["g1"], world["g2"], world["a"], world["b"]
    log.log(entry(K.MESSAGE, g1, a, at(18, 9)), NOW)
    log.log(entry(K.QUESTION, g1, a, at(18, 11)), NOW)  # same member, same day: still one active
    log.log(entry(K.PRAISE, g1, b, at(18, 12)), NOW)
    log.log(entry(K.NOTE, g1, b, at(18, 13)), NOW)  # not a message kind
    log.log(entry(K.MESSAGE, g1, None, at(18, 14)), NOW)  # a message with nobody attached
    log.log(entry(K.MESSAGE, g2, a, at(19)), NOW)
    log.log(entry(K.PRIVATE_CHAT, None, a, at(19)), NOW)  # no group: no day stat
    expected = {
        (g1, date(2026, 11, 18)): DayCounts(messages=4, active_members=2, joins=0, leaves=0),
        (g2, date(2026, 11, 19)): DayCounts(messages=1, active_members=1, joins=0, leaves=0),
    }
    assert stored(db) == expected
    assert log.recount_day_stats() == expected
    assert log.recount_day_stats([g2]) == {(g2, date(2026, 11, 19)): expected[(g2, date(2026, 11, 19))]}


def test_join_and_leave_update_membership_stats_and_member_count(db, log: InteractionService, world) -> None:
    g1, a = world["g1"], world["a"]
    log.log(entry(K.JOIN, g1, a, at(10)), NOW)
    log.log(entry(K.JOIN, g1, a, at(11)), NOW)  # already in: counted as a join, membership unchanged
    with db.transaction() as session:
        ms = session.scalars(select(Membership)).one()
        assert (ms.member_id, ms.group_id, ms.joined_on, ms.left_on) == (a, g1, date(2026, 11, 10), None)
        assert session.get(Group, g1).member_count == 1
    log.log(entry(K.LEAVE, g1, a, at(15)), NOW)
    with db.transaction() as session:
        assert session.scalars(select(Membership.left_on)).one() == date(2026, 11, 15)
        assert session.get(Group, g1).member_count == 0
    log.log(entry(K.JOIN, g1, a, at(18)), NOW)  # back again: the membership re-opens
    with db.transaction() as session:
        ms = session.scalars(select(Membership)).one()
        assert (ms.joined_on, ms.left_on) == (date(2026, 11, 18), None)
        assert session.get(Group, g1).member_count == 1
    assert stored(db) == log.recount_day_stats()
    assert stored(db)[(g1, date(2026, 11, 15))] == DayCounts(0, 0, 0, 1)
    assert stored(db)[(g1, date(2026, 11, 10))] == DayCounts(0, 0, 1, 0)


def test_delete_keeps_day_stats_equal_to_a_recount(db, log: InteractionService, world) -> None:
    g1, a, b = world["g1"], world["a"], world["b"]
    first = log.log(entry(K.MESSAGE, g1, a, at(18, 9)), NOW).id
    second = log.log(entry(K.MESSAGE, g1, a, at(18, 10)), NOW).id
    other = log.log(entry(K.MESSAGE, g1, b, at(18, 11)), NOW).id
    join = log.log(entry(K.JOIN, g1, b, at(17)), NOW).id
    assert stored(db)[(g1, date(2026, 11, 18))] == DayCounts(3, 2, 0, 0)
    assert log.delete([first]) == 1  # a still spoke that day
    assert stored(db)[(g1, date(2026, 11, 18))] == DayCounts(2, 2, 0, 0)
    assert log.delete([second, other]) == 2
    assert log.delete([join]) == 1
    assert stored(db) == log.recount_day_stats() == {}  # rows with nothing behind them are gone


def test_delete_leaves_imported_day_stats_alone(db, log: InteractionService, world) -> None:
    g1, a = world["g1"], world["a"]
    with db.transaction() as session:  # a WeCom statistics import: counts without interactions
        session.execute(insert(GroupDayStat).values(group_id=g1, day=date(2026, 11, 18), messages=40,
                                                    active_members=12))
    msg = log.log(entry(K.MESSAGE, g1, a, at(18)), NOW).id
    assert stored(db)[(g1, date(2026, 11, 18))] == DayCounts(41, 13, 0, 0)
    log.delete([msg])
    assert stored(db)[(g1, date(2026, 11, 18))] == DayCounts(40, 12, 0, 0)


def test_filters_list_ids_newest_first(log: InteractionService, world) -> None:
    g1, g2, a, b = world["g1"], world["g2"], world["a"], world["b"]
    i1 = log.log(entry(K.MESSAGE, g1, a, at(10)), NOW).id
    i2 = log.log(entry(K.QUESTION, g1, b, at(12), follow_up_on=date(2026, 11, 25)), NOW).id
    i3 = log.log(entry(K.COMPLAINT, g2, b, at(14), follow_up_on=date(2026, 11, 21)), NOW).id
    i4 = log.log(entry(K.PURCHASE, g2, a, at(16), amount_cents=12_50), NOW).id
    assert log.list_ids() == [i4, i3, i2, i1]
    assert log.list_ids(descending=False) == [i1, i2, i3, i4]
    assert log.list_ids(InteractionFilter(kinds=frozenset({K.QUESTION, K.PURCHASE}))) == [i4, i2]
    assert log.list_ids(InteractionFilter(group_ids=frozenset({g2}))) == [i4, i3]
    assert log.list_ids(InteractionFilter(member_ids=frozenset({a}))) == [i4, i1]
    assert log.list_ids(InteractionFilter(since=date(2026, 11, 12), until=date(2026, 11, 14))) == [i3, i2]
    assert log.list_ids(InteractionFilter(has_follow_up=True)) == [i3, i2]
    assert log.list_ids(InteractionFilter(has_follow_up=False)) == [i4, i1]
    log.complete_follow_up([i3, i1])  # i1 has no follow-up: untouched
    assert log.list_ids(InteractionFilter(done=True)) == [i3]
    assert log.list_ids(InteractionFilter(done=False)) == [i2]
    row = log.rows([i4])[0]
    assert (row.group_name, row.member_nickname, row.amount_cents, row.day) == ("宝妈交流群", "小王", 1250,
                                                                                date(2026, 11, 16))


def test_follow_up_buckets_and_completion(log: InteractionService, world) -> None:
    g1, a = world["g1"], world["a"]
    early = datetime(2026, 11, 1, 9)
    ids = {}
    for name, follow in (("overdue", date(2026, 11, 5)), ("today", date(2026, 11, 20)),
                         ("soon", date(2026, 11, 24)), ("later", date(2026, 12, 30))):
        ids[name] = log.log(entry(K.QUESTION, g1, a, early, follow_up_on=follow, summary=name), early).id
    buckets = log.follow_ups(date(2026, 11, 20))
    assert [r.id for r in buckets.overdue] == [ids["overdue"]]
    assert [r.id for r in buckets.today] == [ids["today"]]
    assert [r.id for r in buckets.upcoming] == [ids["soon"]]  # beyond 7 days: not yet
    assert log.complete_follow_up([ids["overdue"], ids["today"]]) == 2
    assert log.complete_follow_up([ids["overdue"]]) == 0
    buckets = log.follow_ups(date(2026, 11, 20), upcoming_days=60)
    assert (buckets.overdue, buckets.today) == ((), ())
    assert [r.id for r in buckets.upcoming] == [ids["soon"], ids["later"]]


def test_bad_input_is_refused_and_nothing_is_written(db, log: InteractionService, world) -> None:
    g1, a = world["g1"], world["a"]
    with pytest.raises(ValidationError) as past:
        log.log(entry(K.QUESTION, g1, a, at(18), follow_up_on=date(2026, 11, 19)), NOW)
    assert past.value.field == "follow_up_on" and "已经过去" in str(past.value)
    with pytest.raises(ValidationError) as nobody:
        log.log(InteractionDraft(K.NOTE), NOW)
    assert nobody.value.field == "group_id"
    with pytest.raises(ValidationError) as no_member:
        log.log(InteractionDraft(K.JOIN, group_id=g1), NOW)
    assert no_member.value.field == "member_id"
    with pytest.raises(ValidationError) as future:
        log.log(entry(K.MESSAGE, g1, a, datetime(2026, 11, 21, 8)), NOW)
    assert future.value.field == "occurred_at"
    with pytest.raises(ValidationError) as amount:
        log.log(entry(K.PURCHASE, g1, a, at(18), amount_cents=-1), NOW)
    assert amount.value.field == "amount_cents"
    with pytest.raises(NotFoundError):
        log.log(entry(K.MESSAGE, 999, a, at(18)), NOW)
    assert log.list_ids() == [] and stored(db) == {}


def test_quick_entry_defaults_to_now(log: InteractionService, world) -> None:
    saved = log.log(InteractionDraft(K.MESSAGE, world["g1"], world["a"], "  你好  "), NOW)
    assert (saved.occurred_at, saved.day, saved.summary) == (NOW, NOW.date(), "你好")


def test_join_creates_membership_with_given_role(db, world) -> None:
    from desktop.services.interactions import record_interaction

    with db.transaction() as session:
        record_interaction(session, entry(K.JOIN, world["g2"], world["c"], at(3)).validated(NOW),
                           role=Role.ORGANIZER, group_nickname="3栋-张三")
    with db.transaction() as session:
        ms = session.scalars(select(Membership)).one()
    assert (ms.role, ms.group_nickname, ms.joined_on) == (Role.ORGANIZER, "3栋-张三", date(2026, 11, 3))
