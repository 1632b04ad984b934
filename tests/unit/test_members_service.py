"""The member registry on a real SQLite file: search, filters, ladder, detail, bulk actions, merge + undo."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from desktop.domain.activity import (
    DEFAULT_WEIGHTS,
    ActivityLevel,
    ActivityParams,
    LevelRule,
    Period,
    TierRules,
)
from desktop.domain.enums import InteractionKind, PaymentStatus, Role, Tier
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.groups import GroupDraft
from desktop.domain.members import InteractionDraft, MemberDraft, MemberFilter, MemberSort
from desktop.services.groups import GroupService
from desktop.services.interactions import InteractionService
from desktop.services.members import MemberService
from desktop.store.models import (
    AuditLog,
    Group,
    GroupDayStat,
    Interaction,
    Member,
    Membership,
    MemberTag,
    Order,
)

NOW = datetime(2026, 11, 20, 15, 0)
K = InteractionKind


@pytest.fixture
def members(db) -> MemberService:
    return MemberService(db)


def make(members: MemberService, nickname: str, **fields) -> int:  # type: ignore[no-untyped-def]
    return members.create(MemberDraft(nickname=nickname, **fields)).id


def snapshot(db) -> dict[str, list[tuple]]:
    """Every row of the tables a merge touches, for exact before/after comparisons."""
    tables = {"members": Member, "memberships": Membership, "interactions": Interaction, "orders": Order,
              "group_day_stats": GroupDayStat, "groups": Group, "member_tags": MemberTag}
    with db.transaction() as session:
        out = {}
        for name, model in tables.items():
            table = model.__table__
            skip = {"updated_at"}
            cols = [c for c in table.c if c.name not in skip]
            out[name] = sorted(tuple(row) for row in session.execute(select(*cols)))
        return out


# ---------------------------------------------------------------------------- profile and validation


def test_create_cleans_and_validates(members: MemberService) -> None:
    created = members.create(MemberDraft(nickname="  阳光  小王 ", phone="+86 138 0013 8000", wechat_id=" wx_abc ",
                                         name=" 王小明 "))
    assert (created.nickname, created.phone, created.wechat_id, created.name) == (
        "阳光 小王", "13800138000", "wx_abc", "王小明")
    assert created.group_count == 0 and created.last_active is None and created.tier is Tier.PROSPECT
    for draft, field in ((MemberDraft(nickname="   "), "nickname"),
                         (MemberDraft(nickname="a", phone="138abc00138"), "phone"),
                         (MemberDraft(nickname="a", phone="1380013800"), "phone"),
                         (MemberDraft(nickname="a", wechat_id="微信号"), "wechat_id")):
        with pytest.raises(ValidationError) as error:
            members.create(draft)
        assert error.value.field == field
    assert members.page_ids() == [created.id]  # nothing half-written


def test_referrer_self_and_cycles_are_refused(members: MemberService) -> None:
    a = make(members, "甲")
    b = make(members, "乙", referrer_id=a)
    c = make(members, "丙", referrer_id=b)
    with pytest.raises(ValidationError, match="自己"):
        members.update(a, MemberDraft(nickname="甲", referrer_id=a))
    with pytest.raises(ValidationError, match="成环") as cycle:
        members.update(a, MemberDraft(nickname="甲", referrer_id=c))
    assert cycle.value.field == "referrer_id"
    with pytest.raises(ValidationError, match="不存在"):
        members.create(MemberDraft(nickname="丁", referrer_id=999))
    assert members.get(a).referrer_id is None


# ---------------------------------------------------------------------------- the Members page


@pytest.fixture
def registry(db, members: MemberService) -> dict[str, int]:
    groups = GroupService(db)
    g1 = groups.create(GroupDraft(name="阳光花园团购群")).id
    g2 = groups.create(GroupDraft(name="宝妈交流群")).id
    ids = {
        "g1": g1, "g2": g2,
        "wang": make(members, "阳光小王", name="王芳", phone="13800138000", tier=Tier.FAN),
        "li": make(members, "李姐", wechat_id="lijie_88", tier=Tier.MEMBER, seed_user=True),
        "zhang": make(members, "Zhang_100%", tier=Tier.PARTNER),
        "zhao": make(members, "赵敏", phone="13912345678"),
    }
    members.update(ids["zhao"], MemberDraft(nickname="赵敏", phone="13912345678", referrer_id=ids["li"]))
    members.add_to_group([ids["wang"], ids["li"]], g1, datetime(2026, 11, 1, 9), role=Role.CHATTER)
    members.add_to_group([ids["li"]], g2, datetime(2026, 11, 2, 9), role=Role.ORGANIZER)
    members.add_to_group([ids["zhao"]], g2, datetime(2026, 11, 2, 9))
    members.remove_from_group([ids["zhao"]], g2, datetime(2026, 11, 5, 9))
    log = InteractionService(db)
    log.log(InteractionDraft(K.MESSAGE, g1, ids["wang"], occurred_at=datetime(2026, 11, 18, 10)), NOW)
    log.log(InteractionDraft(K.MESSAGE, g2, ids["li"], occurred_at=datetime(2026, 10, 1, 10)), NOW)
    return ids


def test_text_search_by_chinese_pinyin_phone_and_wechat(members: MemberService, registry) -> None:
    wang, li, zhang, zhao = registry["wang"], registry["li"], registry["zhang"], registry["zhao"]
    for query, expected in (("阳光", [wang]), ("ygxw", [wang]), ("yangguang", [wang]), ("wangfang", [wang]),
                            ("王芳", [wang]), ("0013", [wang]), ("1391234", [zhao]), ("LIJIE", [li]),
                            ("lijie_", [li]), ("100%", [zhang]), ("zm", [zhao]), ("李姐 88", [li]),
                            ("10%", []), ("阳光 李", [])):
        assert members.page_ids(MemberFilter(text=query)) == expected, query


def test_filters(members: MemberService, registry) -> None:
    wang, li, zhang, zhao, g2 = (registry[k] for k in ("wang", "li", "zhang", "zhao", "g2"))
    page = members.page_ids
    assert page(MemberFilter(tiers=frozenset({Tier.FAN, Tier.PARTNER}))) == [wang, zhang]
    assert page(MemberFilter(seed_only=True)) == [li]
    assert page(MemberFilter(referred_by=li)) == [zhao]
    assert page(MemberFilter(group_ids=frozenset({g2}))) == [li]  # zhao left g2
    assert page(MemberFilter(roles=frozenset({Role.CHATTER}))) == [wang, li]
    assert page(MemberFilter(roles=frozenset({Role.CHATTER}), group_ids=frozenset({g2}))) == []
    # joins count as activity too: everyone added to a group was active that day
    assert page(MemberFilter(active_since=date(2026, 11, 10))) == [wang]
    assert page(MemberFilter(active_before=date(2026, 11, 10))) == [li, zhang, zhao]
    assert page(MemberFilter(active_since=date(2026, 11, 2), active_before=date(2026, 11, 10))) == [li, zhao]


def test_sorting(members: MemberService, registry) -> None:
    wang, li, zhang, zhao = registry["wang"], registry["li"], registry["zhang"], registry["zhao"]
    assert members.page_ids(sort_key=MemberSort.TIER) == [zhao, wang, li, zhang]
    assert members.page_ids(sort_key=MemberSort.TIER, descending=True) == [zhang, li, wang, zhao]
    assert members.page_ids(sort_key=MemberSort.GROUP_COUNT, descending=True) == [li, wang, zhao, zhang]
    assert members.page_ids(sort_key=MemberSort.LAST_ACTIVE, descending=True) == [wang, zhao, li, zhang]
    assert members.page_ids(sort_key=MemberSort.NICKNAME) == [zhang, li, zhao, wang]  # code points: 李 < 赵 < 阳


def test_rows_keep_the_order_asked(members: MemberService, registry) -> None:
    wang, li = registry["wang"], registry["li"]
    rows = members.rows([li, 12345, wang])
    assert [r.id for r in rows] == [li, wang]
    assert (rows[0].group_count, rows[0].last_active) == (2, date(2026, 11, 2))
    assert (rows[1].group_count, rows[1].last_active) == (1, date(2026, 11, 18))
    with pytest.raises(NotFoundError):
        members.get(12345)


def test_bulk_group_actions_count_only_real_changes(db, members: MemberService, registry) -> None:
    wang, li, zhao, g1 = registry["wang"], registry["li"], registry["zhao"], registry["g1"]
    assert members.add_to_group([wang, zhao, zhao, 999], g1, datetime(2026, 11, 19, 9)) == 1  # only zhao
    assert members.remove_from_group([wang, li, registry["zhang"]], g1, datetime(2026, 11, 19, 10)) == 2
    with db.transaction() as session:
        assert session.get(Group, g1).member_count == 1
        stat = session.get(GroupDayStat, (g1, date(2026, 11, 19)))
        assert (stat.joins, stat.leaves) == (1, 2)
    assert _equal_stats(db)
    with pytest.raises(NotFoundError):
        members.add_to_group([wang], 999)


def _stats(db) -> list[GroupDayStat]:
    with db.transaction() as session:
        return list(session.scalars(select(GroupDayStat)))


def _equal_stats(db) -> bool:
    recount = InteractionService(db).recount_day_stats()
    stored = {(r.group_id, r.day): (r.messages, r.active_members, r.joins, r.leaves) for r in _stats(db)}
    return {k: (v.messages, v.active_members, v.joins, v.leaves) for k, v in recount.items()} == stored


# ---------------------------------------------------------------------------- ladder and detail


def test_set_tier_keeps_history_with_reasons(members: MemberService, registry) -> None:
    wang, li = registry["wang"], registry["li"]
    assert members.set_tier([wang, li], Tier.MEMBER, "  双12 首单  ") == 1  # li already a member
    assert members.set_tier([wang], Tier.PARTNER, "转介绍 3 人") == 1
    with pytest.raises(ValidationError) as no_reason:
        members.set_tier([wang], Tier.FAN, "  ")
    assert no_reason.value.field == "reason"
    history = members.detail(wang).tier_history
    assert [(h.old, h.new, h.reason) for h in history] == [
        (Tier.FAN, Tier.MEMBER, "双12 首单"), (Tier.MEMBER, Tier.PARTNER, "转介绍 3 人")]
    assert members.detail(li).tier_history == ()


def test_detail_memberships_timeline_and_referral_tree(db, members: MemberService, registry) -> None:
    li, zhao = registry["li"], registry["zhao"]
    grandchild = make(members, "小孙", referrer_id=zhao)
    great = make(members, "小曾", referrer_id=grandchild)
    second = make(members, "小二", referrer_id=li)
    with db.transaction() as session:
        session.execute(insert(Order).values(member_id=li, group_id=registry["g1"], placed_at=datetime(2026, 11, 3, 8),
                                             day=date(2026, 11, 3), amount_cents=9900, external_no="KT-1",
                                             payment_status=PaymentStatus.PAID))
    detail = members.detail(li)
    assert [(m.group_name, m.role, m.left_on) for m in detail.memberships] == [
        ("阳光花园团购群", Role.CHATTER, None), ("宝妈交流群", Role.ORGANIZER, None)]
    assert [(e.source, e.kind) for e in detail.timeline] == [
        ("order", "paid"), ("interaction", "join"), ("interaction", "join"), ("interaction", "message")]
    assert detail.timeline_total == 4
    assert [(n.id, n.generation) for n in detail.referrals] == [(zhao, 1), (second, 1), (grandchild, 2), (great, 3)]
    assert detail.referral_generations == {1: 2, 2: 1, 3: 1}
    up = members.detail(great).referred_by
    assert [(n.id, n.generation) for n in up] == [(grandchild, 1), (zhao, 2), (li, 3)]
    zhao_ms = members.detail(zhao).memberships
    assert [(m.joined_on, m.left_on) for m in zhao_ms] == [(date(2026, 11, 2), date(2026, 11, 5))]


def test_tier_suggestions_follow_the_rules(db, members: MemberService, registry) -> None:
    wang, li, zhao, g1 = registry["wang"], registry["li"], registry["zhao"], registry["g1"]
    with db.transaction() as session:
        session.execute(insert(Order), [
            {"member_id": zhao, "placed_at": datetime(2026, 11, 3), "day": date(2026, 11, 3),
             "payment_status": PaymentStatus.PAID, "amount_cents": 100},
            {"member_id": wang, "placed_at": datetime(2026, 11, 3), "day": date(2026, 11, 3),
             "payment_status": PaymentStatus.UNPAID, "amount_cents": 100},
        ])
    for name in ("一", "二"):
        make(members, name, referrer_id=li)
    log = InteractionService(db)
    fan = make(members, "话痨")
    for hour in (9, 10, 11):
        log.log(InteractionDraft(K.MESSAGE, g1, fan, occurred_at=datetime(2026, 11, 19, hour)), NOW)
    found = {(s.member_id, s.suggested) for s in members.tier_suggestions()}
    assert found == {(zhao, Tier.MEMBER), (li, Tier.PARTNER), (fan, Tier.FAN)}  # wang's order is unpaid
    assert {s.member_id for s in members.tier_suggestions(TierRules(referrals_for_partner=4))} == {zhao, fan}
    reason = next(s.reason for s in members.tier_suggestions() if s.member_id == zhao)
    assert reason == "目标用户 → 会员: 首次付款下单, 升为会员"


def test_activity_level_of_staff_and_members(db, members: MemberService, registry) -> None:
    wang, li, g1 = registry["wang"], registry["li"], registry["g1"]
    with db.transaction() as session:
        ms = session.scalars(select(Membership).where(Membership.member_id == li, Membership.group_id == g1)).one()
        ms.is_admin = True
    log = InteractionService(db)
    for week in range(6):  # two purchases (5 points each) a week for six weeks: 4 x 10 + 2 x 5 = 50 points
        for hour in (10, 11):
            when = datetime(2026, 11, 19, hour) - timedelta(weeks=week)
            log.log(InteractionDraft(K.PURCHASE, g1, wang, occurred_at=when), NOW)
    levels = members.activity_levels([wang, li, registry["zhang"]], date(2026, 11, 20))
    assert levels == {wang: ActivityLevel.LEADER, li: None, registry["zhang"]: ActivityLevel.EXPLORER}
    assessment = members.activity(wang, date(2026, 11, 20))
    # + the join on Nov 1 (0.5) and the message on Nov 18 (1)
    assert (assessment.measure.score, assessment.measure.active_weeks) == (51.5, 6)
    # log() kept wang's cached level right (as of NOW's day); li became staff behind the services' back,
    # so the cache still has the level computed when li was logged: the full refresh catches up
    assert members.get(wang).activity_level == ActivityLevel.LEADER
    assert members.get(wang).activity_level_on == NOW.date()
    assert members.page_ids(MemberFilter(activity_levels=frozenset({1}))) == [wang]
    assert members.get(li).activity_level == ActivityLevel.EXPLORER
    assert members.refresh_activity_levels(date(2026, 11, 20)) == 4
    assert {i: members.get(i).activity_level for i in levels} == levels
    assert members.page_ids(MemberFilter(activity_levels=frozenset({1, 4}))) == [wang, registry["zhang"], registry["zhao"]]
    assert li not in members.page_ids(MemberFilter(activity_levels=frozenset({1, 2, 3, 4})))  # staff: no level


# ---------------------------------------------------------------------------- duplicates and merge


def test_find_duplicates(db, members: MemberService, registry) -> None:
    wang, li, g1, g2 = registry["wang"], registry["li"], registry["g1"], registry["g2"]
    phone_twin = make(members, "王芳2", phone="+86 13800138000")
    wechat_twin = make(members, "李姐姐", wechat_id="lijie_88")
    namesake = make(members, "阳光小王")
    elsewhere = make(members, "李姐")  # same nickname, but no shared group
    members.add_to_group([namesake], g1)
    members.add_to_group([elsewhere], g2)
    found = {(d.reason, d.key, d.member_ids, d.group_ids) for d in members.find_duplicates()}
    assert found == {
        ("phone", "13800138000", (wang, phone_twin), ()),
        ("wechat_id", "lijie_88", (li, wechat_twin), ()),
        ("nickname", "阳光小王", (wang, namesake), (g1,)),
        ("nickname", "李姐", (li, elsewhere), (g2,)),
    }


def test_merge_moves_every_row_once_and_undo_restores(db, members: MemberService, registry) -> None:
    wang, li, zhao, g1, g2 = (registry[k] for k in ("wang", "li", "zhao", "g1", "g2"))
    twin = make(members, "小王", wechat_id="wang_wx", address="3栋", seed_user=True, tier=Tier.MEMBER)
    members.add_to_group([twin], g1, datetime(2026, 10, 20, 9), role=Role.ORGANIZER)  # both in g1: folds
    members.add_to_group([twin], g2, datetime(2026, 11, 3, 9))  # only twin in g2: moves
    child = make(members, "twin的朋友", referrer_id=twin)
    shared, own = members.create_tag("团长候选").id, members.create_tag("宝妈").id
    members.tag_members([wang, twin], shared)  # both carry it: kept once
    members.tag_members([twin], own)  # only twin: moves
    log = InteractionService(db)
    # both speak in g1 on the 18th: one active person after the merge, not two
    log.log(InteractionDraft(K.MESSAGE, g1, twin, occurred_at=datetime(2026, 11, 18, 11)), NOW)
    with db.transaction() as session:
        session.execute(insert(Order).values(member_id=twin, placed_at=datetime(2026, 11, 4), day=date(2026, 11, 4),
                                             amount_cents=500))
    before = snapshot(db)
    with db.transaction() as session:
        interactions_before = session.scalar(select(Interaction.id).order_by(Interaction.id.desc()))
    assert before["group_day_stats"]
    result = members.merge_members(wang, [twin])
    assert result.moved == {"memberships": 2, "interactions": 3, "orders": 1, "referrals": 1, "tags": 2}

    merged = members.get(wang)
    assert (merged.wechat_id, merged.address, merged.seed_user, merged.tier, merged.group_count) == (
        "wang_wx", "3栋", True, Tier.MEMBER, 2)
    assert [t.name for t in merged.tags] == ["团长候选", "宝妈"]  # by name, code points
    assert {t.id: t.member_count for t in members.tags()} == {shared: 1, own: 1}
    # the survivor's cached level counts the interactions it took over
    assert merged.activity_level_on == date.today()
    assert merged.activity_level == members.activity_levels([wang])[wang]
    with pytest.raises(NotFoundError):
        members.get(twin)
    with db.transaction() as session:
        owners = list(session.scalars(select(Interaction.member_id).where(Interaction.id <= interactions_before)))
        assert twin not in owners and len(owners) == len(before["interactions"])  # every row once
        g1_rows = session.scalars(select(Membership).where(Membership.group_id == g1)).all()
        kept = [m for m in g1_rows if m.member_id == wang]
        assert len(kept) == 1 and (kept[0].role, kept[0].joined_on) == (Role.ORGANIZER, date(2026, 10, 20))
        assert session.get(Group, g1).member_count == 2  # wang (with twin folded in) and li
        assert session.scalar(select(Member.referrer_id).where(Member.id == child)) == wang
        assert session.scalar(select(Order.member_id)) == wang
        stat = session.get(GroupDayStat, (g1, date(2026, 11, 18)))
        assert (stat.messages, stat.active_members) == (2, 1)
    assert _equal_stats(db)
    assert members.detail(wang).tier_history[-1].reason == "合并重复成员"

    members.undo_merge(result.undo_token)
    after = snapshot(db)
    assert after == before
    with pytest.raises(ValidationError, match="撤销过"):
        members.undo_merge(result.undo_token)
    assert members.get(zhao).referrer_id == li


def test_merge_refuses_bad_requests(members: MemberService, registry) -> None:
    wang = registry["wang"]
    with pytest.raises(ValidationError, match="自己"):
        members.merge_members(wang, [wang])
    with pytest.raises(ValidationError):
        members.merge_members(wang, [])
    with pytest.raises(NotFoundError):
        members.merge_members(wang, [999])
    with pytest.raises(NotFoundError):
        members.undo_merge(999)


def test_merge_survivor_referred_by_the_merged_member(db, members: MemberService) -> None:
    old = make(members, "老号", referrer_id=None)
    new = make(members, "新号", referrer_id=old)  # the operator recorded the new account as invited by the old
    result = members.merge_members(new, [old])
    assert members.get(new).referrer_id is None  # not itself
    members.undo_merge(result.undo_token)
    assert members.get(new).referrer_id == old
    with db.transaction() as session:
        assert session.scalar(select(AuditLog.action).order_by(AuditLog.id.desc())) == "undo_merge_members"


def test_merge_of_two_members_sharing_a_group_the_survivor_is_not_in(db, members: MemberService) -> None:
    groups = GroupService(db)
    g = groups.create(GroupDraft(name="夜跑群")).id
    keep, a, b = make(members, "阿强"), make(members, "阿强1"), make(members, "阿强2")
    members.add_to_group([a], g, datetime(2026, 10, 1, 9), role=Role.ASKER)
    members.add_to_group([b], g, datetime(2026, 9, 1, 9), role=Role.THINKER)
    before = snapshot(db)
    result = members.merge_members(keep, [a, b])
    detail = members.detail(keep)
    assert [(m.role, m.joined_on) for m in detail.memberships] == [(Role.THINKER, date(2026, 9, 1))]
    with db.transaction() as session:
        assert session.get(Group, g).member_count == 1
    members.undo_merge(result.undo_token)
    assert snapshot(db) == before


def test_merge_handles_every_reference_to_a_member() -> None:
    """A new table pointing at members.id must be taught to merge_members (and its undo) first."""
    from desktop.store.models import Base

    references = {(table.name, fk.parent.name) for table in Base.metadata.tables.values()
                  for fk in table.foreign_keys if fk.column.table.name == "members"}
    assert references == {("members", "referrer_id"), ("memberships", "member_id"),
                          ("interactions", "member_id"), ("orders", "member_id"), ("member_tags", "member_id")}


# ---------------------------------------------------------------------------- cached activity levels


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A demo workspace of 400 members and 10,000 interactions over 420 days, built once."""
    from desktop.services.demo import build_demo
    from desktop.store.engine import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(path)
    build_demo(database, groups=12, members=400, days=420, today=date(2026, 11, 20))
    database.dispose()
    return path


@pytest.fixture
def demo_db(demo_path, tmp_path):  # type: ignore[no-untyped-def]
    import shutil

    from desktop.store.engine import open_database

    path = tmp_path / "demo.db"
    shutil.copy(demo_path, path)
    database = open_database(path)
    yield database
    database.dispose()


WEEKLY = ActivityParams(downgrade_period=Period.WEEK, replay_periods=4, presence_weeks=8, presence_months=4,
                        windows=((14, 1.0), (56, 0.5), (120, 0.125)),
                        weights={**DEFAULT_WEIGHTS, K.JOIN: 0.0, K.MESSAGE: 1.5, K.NOTE: 0.25},
                        rules=(LevelRule(ActivityLevel.LEADER, 20.0, min_weeks=4, min_months=3),
                               LevelRule(ActivityLevel.CONTRIBUTOR, 6.0, min_weeks=2),
                               LevelRule(ActivityLevel.PARTICIPANT, 1.0)))


@pytest.mark.parametrize(("today", "params"), [
    (date(2026, 11, 20), None),
    (date(2026, 11, 1), None),  # a period start itself
    (date(2026, 3, 1), None),  # after February
    (date(2026, 11, 23), WEEKLY),  # a Monday
    (date(2026, 7, 15), WEEKLY),
])
def test_bulk_refresh_equals_assess_member_by_member(demo_db, today, params) -> None:
    members = MemberService(demo_db)
    ids = members.page_ids()
    expected = members.activity_levels(ids, today, params)
    assert set(expected.values()) == {None, *ActivityLevel}  # staff and every level: a real comparison
    assert members.refresh_activity_levels(today, params) == len(ids) == 400
    rows = members.rows(ids)
    assert {r.id: r.activity_level for r in rows} == expected
    assert {r.activity_level_on for r in rows} == {today}
    assert members.activity_levels_fresh_on() == today and members.activity_levels_missing() == 0
    # the per-member refresh (log, merge) gives the same
    from desktop.services.activity_cache import compute_levels

    with demo_db.transaction() as session:
        assert compute_levels(session, ids[:50], today, params or ActivityParams()) == {
            i: expected[i] for i in ids[:50]}


def test_some_demo_members_carry_a_level_their_numbers_no_longer_give(demo_db) -> None:
    """The replay matters: without it the bulk and per-member results could agree by accident."""
    members = MemberService(demo_db)
    held = [i for i in members.page_ids()
            if (a := members.activity(i, date(2026, 11, 20))).level is not None and a.level < a.computed]
    assert held


def test_activity_filter_reads_the_cache(db, members: MemberService, registry) -> None:
    wang, li, zhang, zhao = registry["wang"], registry["li"], registry["zhang"], registry["zhao"]
    with db.transaction() as session:  # someone an import brought in: never computed
        stranger = session.execute(insert(Member).values(nickname="导入的人", search_key="")).inserted_primary_key[0]
    every_level = MemberFilter(activity_levels=frozenset({1, 2, 3, 4}))
    assert stranger not in members.page_ids(every_level)
    assert members.activity_levels_missing() == 1
    assert members.get(stranger).activity_level is None
    fresh = members.activity_levels_fresh_on()
    assert fresh == date(2026, 11, 20)  # the oldest: log() computed wang and li as of NOW
    members.refresh_activity_levels(date(2026, 11, 21))
    assert members.activity_levels_missing() == 0 and members.activity_levels_fresh_on() == date(2026, 11, 21)
    assert members.page_ids(every_level) == [wang, li, zhang, zhao, stranger]
    assert members.page_ids(MemberFilter(activity_levels=frozenset({4}), tiers=frozenset({Tier.FAN}))) == [wang]
    assert members.page_ids(MemberFilter(activity_levels=frozenset({1}))) == []


def test_writes_through_the_services_keep_the_cache(db, members: MemberService, registry) -> None:
    wang, zhang, g1 = registry["wang"], registry["zhang"], registry["g1"]
    created = members.get(make(members, "新人"))
    assert (created.activity_level, created.activity_level_on) == (ActivityLevel.EXPLORER, date.today())
    members.add_to_group([zhang], g1, datetime.now(), role=Role.CHATTER)
    assert members.get(zhang).activity_level_on == date.today()
    log = InteractionService(db)
    for day in range(10):
        for _ in range(4):
            log.log(InteractionDraft(K.QUESTION, g1, wang, occurred_at=NOW - timedelta(days=7 * day)), NOW)
    assert members.get(wang).activity_level == members.activity_levels([wang], NOW.date())[wang] == 1


def test_refresh_reports_progress_and_can_be_cancelled(demo_db, monkeypatch) -> None:
    from desktop.domain.progress import Cancelled, CancelToken
    from desktop.services import members as members_module

    monkeypatch.setattr(members_module, "LEVEL_BLOCK", 100)
    members = MemberService(demo_db)
    seen: list[tuple[int, int, str]] = []
    members.refresh_activity_levels(date(2026, 11, 20), progress=lambda *a: seen.append(a))
    assert seen[0][0] == 0 and seen[-1][:2] == (1000, 1000) and "400" in seen[-1][2]
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)
    assert sum("计算活跃度" in m for _, _, m in seen) == 4  # four blocks of 100

    # cancelled after the first block: that block is written (it is a cache), the rest keep theirs
    token = CancelToken()

    def cancel_in_block_two(done: int, _total: int, message: str) -> None:
        if message.startswith("计算活跃度 100 "):
            token.cancel()

    with pytest.raises(Cancelled):
        members.refresh_activity_levels(date(2026, 11, 21), progress=cancel_in_block_two, cancel=token)
    rows = members.rows(members.page_ids())
    assert {r.activity_level_on for r in rows[:100]} == {date(2026, 11, 21)}
    assert {r.activity_level_on for r in rows[100:]} == {date(2026, 11, 20)}
    assert members.activity_levels_fresh_on() == date(2026, 11, 20)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        members.refresh_activity_levels(date(2026, 11, 22), cancel=token)
    assert members.activity_levels_fresh_on() == date(2026, 11, 20)


def test_bulk_refresh_with_sparse_member_ids_and_on_an_empty_workspace(db, demo_db, monkeypatch) -> None:
    from desktop.services import activity_cache

    assert MemberService(db).refresh_activity_levels(date(2026, 11, 20)) == 0
    assert MemberService(db).activity_levels_fresh_on() is None
    monkeypatch.setattr(activity_cache._Positions, "DENSE_LIMIT", 10)  # the binary-search path
    members = MemberService(demo_db)
    ids = members.page_ids()
    expected = members.activity_levels(ids, date(2026, 11, 20))
    members.refresh_activity_levels(date(2026, 11, 20))
    assert {r.id: r.activity_level for r in members.rows(ids)} == expected


def test_refresh_waits_out_a_writer_holding_the_lock_past_the_busy_timeout(demo_path, tmp_path) -> None:
    """The refresh writes off the writer thread; a large import holding the write lock for longer than
    the busy timeout must delay its blocks, not fail the refresh ("database is locked")."""
    import shutil
    import threading

    from desktop.store.engine import open_database

    path = tmp_path / "locked.db"
    shutil.copy(demo_path, path)
    db = open_database(path, busy_timeout_ms=150)
    try:
        members = MemberService(db)
        holding, release = threading.Event(), threading.Event()

        def importer() -> None:  # another connection holds the write lock for ~3 busy timeouts
            with db.transaction(immediate=True):
                holding.set()
                release.wait(0.45)

        thread = threading.Thread(target=importer)
        thread.start()
        holding.wait(5)
        try:
            count = members.refresh_activity_levels(date(2026, 11, 20))
        finally:
            release.set()
            thread.join()
        assert count == len(members.page_ids())
        assert members.activity_levels_fresh_on() == date(2026, 11, 20) and members.activity_levels_missing() == 0
    finally:
        db.dispose()
