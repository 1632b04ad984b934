"""Merging groups (合并大群) on a real SQLite file with a small demo workspace.

Every row of the merged groups is kept exactly once, the preview's numbers are what the merge
does, and a refused or crashed merge leaves the database exactly as it was.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import ForeignKey, select, update

import desktop.services.merge as merge_module
from desktop.domain.enums import ChannelKind, DeliveryStatus, GroupStatus, Role
from desktop.domain.errors import NotFoundError, QunDeskError, ValidationError
from desktop.domain.merge import MembershipFacts, fold_memberships, senior_role
from desktop.services.demo import build_demo
from desktop.services.groups import GroupService
from desktop.services.merge import MERGED_TABLES, MergeService
from desktop.store.engine import Database, backup_sqlite, open_database
from desktop.store.models import (
    AuditLog,
    Base,
    Broadcast,
    BroadcastTarget,
    CampaignGroup,
    Channel,
    Delivery,
    Group,
    Membership,
)

TODAY = date(2026, 11, 20)
OCC = [datetime(2026, 11, d, 9, 0) for d in (1, 2, 3)]


# --------------------------------------------------------------------------------------------------
# fixtures: one demo built per module, copied for every test


def _pick_groups(db: Database) -> tuple[int, list[int]]:
    """The biggest active group and the two active groups sharing the most people with it."""
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT a.group_id, b.group_id, count(*) FROM memberships a "
            "JOIN memberships b ON a.member_id = b.member_id AND a.group_id != b.group_id "
            "JOIN groups ga ON ga.id = a.group_id JOIN groups gb ON gb.id = b.group_id "
            "WHERE ga.status != 'archived' AND gb.status != 'archived' "
            "GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2").all()
    target = rows[0][0]
    sources = [b for a, b, _n in rows if a == target][:2]
    assert len(sources) == 2
    return target, sources


def _extras(db: Database, target: int, sources: list[int]) -> dict[str, int]:
    """Broadcasts, robots, deliveries and a shared campaign: the demo makes none of these."""
    s1, s2 = sources
    with db.transaction() as session:
        b1, b2 = Broadcast(title="双12预告"), Broadcast(title="新品上架")
        ch_t = Channel(name="目标群机器人", kind=ChannelKind.WECOM, webhook_url="https://hook/a", group_id=target)
        ch_dup = Channel(name="同一个机器人", kind=ChannelKind.WECOM, webhook_url=" https://hook/a", group_id=s1)
        ch_b = Channel(name="钉钉机器人", kind=ChannelKind.DINGTALK, webhook_url="https://hook/b", group_id=s1)
        ch_c = Channel(name="飞书机器人", kind=ChannelKind.FEISHU, webhook_url="https://hook/b", group_id=s2)
        session.add_all([b1, b2, ch_t, ch_dup, ch_b, ch_c])
        session.flush()
        session.add_all([BroadcastTarget(broadcast_id=b1.id, group_id=g) for g in (target, s1)])
        session.add_all([BroadcastTarget(broadcast_id=b2.id, group_id=g) for g in (s1, s2)])

        def deliver(group: int, occ: datetime, status: DeliveryStatus, channel: int | None = None) -> Delivery:
            d = Delivery(broadcast_id=b1.id, group_id=group, occurrence_at=occ, due_at=occ, status=status,
                         channel_id=channel)
            session.add(d)
            return d

        t1 = deliver(target, OCC[0], DeliveryStatus.PENDING, ch_t.id)
        s1_o1 = deliver(s1, OCC[0], DeliveryStatus.SENT)  # collides with the target's: dropped
        s1_o2 = deliver(s1, OCC[1], DeliveryStatus.PENDING)  # collides with s2's sent one: dropped
        s2_o2 = deliver(s2, OCC[1], DeliveryStatus.SENT)  # kept: a real send beats a plan
        s1_o3 = deliver(s1, OCC[2], DeliveryStatus.FAILED, ch_dup.id)  # moved, robot re-pointed
        # a campaign linked to a source and the target folds; one linked to both sources folds once
        campaign = session.scalar(select(CampaignGroup.campaign_id).where(CampaignGroup.group_id == s1).limit(1))
        if campaign is None:
            campaign = session.scalar(select(CampaignGroup.campaign_id).limit(1))
            session.add(CampaignGroup(campaign_id=campaign, group_id=s1))
        if session.get(CampaignGroup, (campaign, target)) is None:
            session.add(CampaignGroup(campaign_id=campaign, group_id=target))
        other = session.scalar(select(CampaignGroup.campaign_id).where(CampaignGroup.campaign_id != campaign)
                               .order_by(CampaignGroup.campaign_id).limit(1))
        for g in (s1, s2):
            if session.get(CampaignGroup, (other, g)) is None:
                session.add(CampaignGroup(campaign_id=other, group_id=g))
        session.flush()
        return {"b1": b1.id, "b2": b2.id, "ch_t": ch_t.id, "ch_dup": ch_dup.id, "ch_b": ch_b.id, "ch_c": ch_c.id,
                "t1": t1.id, "s1_o1": s1_o1.id, "s1_o2": s1_o2.id, "s2_o2": s2_o2.id, "s1_o3": s1_o3.id}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int, list[int], dict[str, int]]]:
    path = tmp_path_factory.mktemp("merge") / "template.db"
    db = open_database(path)
    build_demo(db, groups=30, members=500, days=30, seed=1, today=TODAY)
    target, sources = _pick_groups(db)
    extras = _extras(db, target, sources)
    db.dispose()
    yield path, target, sources, extras


@pytest.fixture
def db(template, tmp_path: Path) -> Iterator[Database]:
    path = backup_sqlite(template[0], tmp_path / "workspace.db")
    database = open_database(path)
    yield database
    database.dispose()


@pytest.fixture
def ids(template) -> tuple[int, list[int], dict[str, int]]:
    return template[1], list(template[2]), template[3]


@pytest.fixture
def service(db: Database) -> MergeService:
    return MergeService(db)


def dump(db: Database) -> str:
    """The whole database as SQL text, read through a separate connection."""
    conn = sqlite3.connect(str(db.url.database))
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def rows(db: Database, sql: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]


def table_counts(db: Database) -> dict[str, int]:
    return {t: rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in MERGED_TABLES}


# --------------------------------------------------------------------------------------------------
# the merge keeps every row once, and does what the preview said


def test_every_row_is_kept_exactly_once_and_preview_equals_merge(db: Database, service: MergeService,
                                                                   ids) -> None:
    target, sources, _x = ids
    merged = [target, *sources]
    inter_before = dict(rows(db, "SELECT id, group_id FROM interactions"))
    orders_before = dict(rows(db, "SELECT id, group_id FROM orders"))
    members_before = {g: {m for (m,) in rows(db, f"SELECT member_id FROM memberships WHERE group_id = {g}")}
                      for g in merged}
    counts_before = table_counts(db)
    by_group_before = {t: Counter(dict(rows(db, f"SELECT group_id, count(*) FROM {t} GROUP BY group_id")))
                       for t in MERGED_TABLES}

    preview = service.preview(sources, target)
    assert service.preview(sources, target) == preview  # a preview changes nothing
    result = service.merge(sources, target, note="双12后合并", expect=preview)
    assert result.preview == preview and result.archived_ids == tuple(sources)

    # interactions and orders: same ids, the merged groups' rows now all in the target
    expected = {i: (target if g in merged else g) for i, g in inter_before.items()}
    assert dict(rows(db, "SELECT id, group_id FROM interactions")) == expected
    expected = {i: (target if g in merged else g) for i, g in orders_before.items()}
    assert dict(rows(db, "SELECT id, group_id FROM orders")) == expected
    assert preview.table("interactions").moved == sum(g in sources for g in inter_before.values()) > 0
    assert preview.table("orders").moved == sum(g in sources for g in orders_before.values())

    # memberships: the union of the people, one membership each
    union = set().union(*members_before.values())
    after = [m for (m,) in rows(db, f"SELECT member_id FROM memberships WHERE group_id = {target}")]
    assert sorted(after) == sorted(union)
    ms = preview.table("memberships")
    assert ms.moved == len(union - members_before[target])
    assert ms.folded == sum(len(members_before[g]) for g in sources) - ms.moved > 0

    # every table: the preview's numbers are the change in row counts, and the sources hold nothing
    counts_after = table_counts(db)
    by_group_after = {t: Counter(dict(rows(db, f"SELECT group_id, count(*) FROM {t} GROUP BY group_id")))
                      for t in MERGED_TABLES}
    for entry in preview.tables:
        t = entry.table
        if t == "group_labels":  # the target gets the union, the sources keep theirs
            assert counts_after[t] - counts_before[t] == entry.moved, t
            assert by_group_after[t][target] == by_group_before[t][target] + entry.moved, t
            continue
        assert counts_before[t] - counts_after[t] == entry.folded + entry.dropped, t
        assert by_group_after[t][target] == by_group_before[t][target] + entry.moved, t
        assert all(by_group_after[t][g] == 0 for g in sources), t
        for g in set(by_group_before[t]) - set(merged):
            assert by_group_after[t][g] == by_group_before[t][g], (t, g)

    # groups: target recounted, sources archived with a note
    active = rows(db, f"SELECT count(*) FROM memberships WHERE group_id = {target} AND left_on IS NULL")[0][0]
    assert result.member_count == preview.member_count_after == active
    with db.transaction() as session:
        tgt = session.get(Group, target)
        assert tgt.member_count == active and tgt.status is not GroupStatus.ARCHIVED
        for g in sources:
            src = session.get(Group, g)
            assert src.status is GroupStatus.ARCHIVED and src.archived_at is not None
            assert src.member_count == 0
            assert src.note.endswith(f"已合并到 {tgt.name} (双12后合并)")
        audit = session.scalars(select(AuditLog).where(AuditLog.action.in_(["merge", "merge_into"]))).all()
        assert sorted((a.action, a.entity_id) for a in audit) == sorted(
            [("merge", target)] + [("merge_into", g) for g in sources])


def test_links_robots_and_deliveries(db: Database, service: MergeService, ids) -> None:
    target, (s1, s2), x = ids
    preview = service.preview([s1, s2], target)
    assert (preview.table("deliveries").moved, preview.table("deliveries").dropped) == (2, 2)
    assert (preview.table("channels").moved, preview.table("channels").folded) == (2, 1)
    assert (preview.table("broadcast_targets").moved, preview.table("broadcast_targets").folded) == (1, 2)
    assert preview.table("campaign_groups").folded >= 2
    assert any("群机器人" in w for w in preview.warnings)
    assert any("群发记录" in w for w in preview.warnings)
    service.merge([s1, s2], target)
    with db.transaction() as session:
        deliveries = {d.id: d for d in session.scalars(select(Delivery))}
        assert set(deliveries) == {x["t1"], x["s2_o2"], x["s1_o3"]}
        assert all(d.group_id == target for d in deliveries.values())
        assert deliveries[x["s2_o2"]].status is DeliveryStatus.SENT
        assert deliveries[x["s1_o3"]].channel_id == x["ch_t"]  # its robot was the target's, twice
        channels = {c.id: c.group_id for c in session.scalars(select(Channel))}
        assert channels == {x["ch_t"]: target, x["ch_b"]: target, x["ch_c"]: target}
        targets = set(session.execute(select(BroadcastTarget.broadcast_id, BroadcastTarget.group_id)))
        assert targets == {(x["b1"], target), (x["b2"], target)}
        links = session.execute(select(CampaignGroup.campaign_id, CampaignGroup.group_id)).all()
        assert len(links) == len(set(links))
        assert not [c for c, g in links if g in (s1, s2)]


def test_day_stats_are_summed_per_day(db: Database, service: MergeService, ids) -> None:
    target, sources, _x = ids
    merged = [target, *sources]
    before: dict[date, list[tuple[int, int, int, int]]] = defaultdict(list)
    for _g, day, m, a, j, lv in rows(db, "SELECT group_id, day, messages, active_members, joins, leaves "
                                        f"FROM group_day_stats WHERE group_id IN ({','.join(map(str, merged))})"):
        before[day].append((m, a, j, lv))
    others = rows(db, f"SELECT * FROM group_day_stats WHERE group_id NOT IN ({','.join(map(str, merged))}) "
                      "ORDER BY group_id, day")
    preview = service.preview(sources, target)
    stats = preview.table("group_day_stats")
    target_days = {d for (d,) in rows(db, f"SELECT day FROM group_day_stats WHERE group_id = {target}")}
    assert stats.moved == len(set(before) - target_days)
    assert stats.folded == sum(len(v) for v in before.values()) - len(before) > 0
    service.merge(sources, target)
    after = {day: (m, a, j, lv) for day, m, a, j, lv in rows(
        db, f"SELECT day, messages, active_members, joins, leaves FROM group_day_stats WHERE group_id = {target}")}
    assert set(after) == set(before)
    for day, cells in before.items():
        m, a, j, lv = after[day]
        assert m == sum(c[0] for c in cells)
        assert a == max(c[1] for c in cells)  # a lower bound of the distinct people active that day
        assert (j, lv) == (sum(c[2] for c in cells), sum(c[3] for c in cells))
    assert rows(db, f"SELECT * FROM group_day_stats WHERE group_id NOT IN ({','.join(map(str, merged))}) "
                    "ORDER BY group_id, day") == others


def test_membership_fold_rules(db: Database, service: MergeService, ids) -> None:
    target, (s1, s2), _x = ids
    in_both = rows(db, f"SELECT member_id FROM memberships WHERE group_id = {target} INTERSECT "
                       f"SELECT member_id FROM memberships WHERE group_id = {s1} EXCEPT "
                       f"SELECT member_id FROM memberships WHERE group_id = {s2}")
    only_sources = rows(db, f"SELECT member_id FROM memberships WHERE group_id = {s1} INTERSECT "
                            f"SELECT member_id FROM memberships WHERE group_id = {s2} EXCEPT "
                            f"SELECT member_id FROM memberships WHERE group_id = {target}")
    a, b = in_both[0][0], in_both[1][0]
    assert only_sources, "the demo should put someone in both sources but not the target"
    c = only_sources[0][0]

    def set_ms(member: int, group: int, **values) -> None:
        with db.transaction() as session:
            session.execute(update(Membership).where(Membership.member_id == member, Membership.group_id == group)
                            .values(**values))

    # a: left the target, still in the source, more senior and admin there, joined it earlier
    set_ms(a, target, role=Role.LURKER, is_admin=False, joined_on=date(2026, 10, 1), left_on=date(2026, 11, 1))
    set_ms(a, s1, role=Role.CHALLENGER, is_admin=True, joined_on=date(2026, 9, 1), left_on=None)
    # b: left both; keeps the latest leave date and the target's role when it is more senior
    set_ms(b, target, role=Role.THINKER, is_admin=False, joined_on=None, left_on=date(2026, 10, 5),
           group_nickname="")
    set_ms(b, s1, role=Role.CHATTER, is_admin=False, joined_on=date(2026, 9, 9), left_on=date(2026, 10, 20),
           group_nickname="3栋101-小王")
    # c: in both sources, not the target: one source row moves, the other folds into it
    set_ms(c, s1, role=Role.ASKER, joined_on=date(2026, 9, 3), left_on=date(2026, 9, 30))
    set_ms(c, s2, role=Role.ORGANIZER, joined_on=date(2026, 9, 2), left_on=None)
    service.merge([s1, s2], target)
    with db.transaction() as session:
        def one(member: int) -> Membership:
            found = session.scalars(select(Membership).where(Membership.member_id == member)
                                    .where(Membership.group_id.in_([target, s1, s2]))).all()
            assert len(found) == 1 and found[0].group_id == target
            return found[0]

        ma = one(a)
        assert (ma.role, ma.is_admin, ma.joined_on, ma.left_on) == (Role.CHALLENGER, True, date(2026, 9, 1), None)
        mb = one(b)
        assert (mb.role, mb.is_admin, mb.joined_on, mb.left_on) == (
            Role.THINKER, False, date(2026, 9, 9), date(2026, 10, 20))
        assert mb.group_nickname == "3栋101-小王"
        mc = one(c)
        assert (mc.role, mc.joined_on, mc.left_on) == (Role.ORGANIZER, date(2026, 9, 2), None)


@pytest.mark.parametrize(("roles", "senior"), [
    ((Role.LURKER, Role.ASKER), Role.ASKER),
    ((Role.ASKER, Role.CHATTER), Role.CHATTER),
    ((Role.CHATTER, Role.CHALLENGER), Role.CHALLENGER),
    ((Role.CHALLENGER, Role.THINKER), Role.THINKER),
    ((Role.THINKER, Role.ORGANIZER, Role.LURKER), Role.ORGANIZER),
])
def test_role_seniority(roles, senior) -> None:
    assert senior_role(roles) is senior
    assert senior_role(reversed(roles)) is senior


def test_fold_memberships_pure_rules() -> None:
    kept = MembershipFacts(Role.LURKER, False, None, date(2026, 1, 5), "")
    other = MembershipFacts(Role.ASKER, True, date(2025, 12, 1), date(2026, 1, 3), "小李")
    assert fold_memberships(kept, [other]) == MembershipFacts(
        Role.ASKER, True, date(2025, 12, 1), date(2026, 1, 5), "小李")
    still_in = MembershipFacts(Role.LURKER, False, date(2026, 2, 1), None, "老李")
    assert fold_memberships(still_in, [other]).left_on is None
    assert fold_memberships(still_in, [other]).group_nickname == "老李"


def test_labels_union_and_single_choice(db: Database, service: MergeService, ids) -> None:
    target, (s1, s2), _x = ids
    groups = GroupService(db)
    named = {label.name: label.id for d in groups.dimensions() for label in d.labels}
    groups.set_labels(target, [named["服务群"], named["VIP群"]])
    groups.set_labels(s1, [named["短期群"], named["销售群"], named["新客群"]])
    groups.set_labels(s2, [named["长期群"], named["服务群"], named["兴趣群"], named["新客群"]])
    preview = service.preview([s1, s2], target)
    labels = preview.table("group_labels")
    # added: 短期群 (first source wins, the target has none), 新客群, 兴趣群; folded: 服务群, 新客群 again;
    # dropped: 销售群 (target's 服务群 wins), 长期群 (s1's 短期群 came first)
    assert (labels.moved, labels.folded, labels.dropped) == (3, 2, 2)
    joined = "\n".join(preview.warnings)
    assert "“功能”是单选维度" in joined and "保留目标群的“服务群”" in joined
    assert "“时间”是单选维度, 源群之间不一致" in joined and "采用" in joined and "“短期群”" in joined
    service.merge([s1, s2], target)
    assert {lb.name for lb in groups.get(target).labels} == {"短期群", "服务群", "VIP群", "新客群", "兴趣群"}
    assert {lb.name for lb in groups.get(s1).labels} == {"短期群", "销售群", "新客群"}  # kept as a record


def test_capacity_platform_and_roster_warnings(db: Database, service: MergeService, ids) -> None:
    target, sources, _x = ids
    with db.transaction() as session:
        session.get(Group, target).capacity = 10
        session.get(Group, sources[0]).member_count += 7  # typed in by hand, not in the roster
    preview = service.preview(sources, target)
    assert preview.over_capacity
    assert "超过群容量 10 人" in preview.warnings[0]
    assert any("登记人数与成员名单不一致" in w for w in preview.warnings)


def test_duplicate_source_ids_and_archived_source(db: Database, service: MergeService, ids) -> None:
    target, (s1, s2), _x = ids
    GroupService(db).archive([s2])
    preview = service.preview([s1, s2, s1], target)
    assert [g.id for g in preview.sources] == [s1, s2]
    assert any("已归档" in w for w in preview.warnings)
    result = service.merge([s1, s2, s1], target)
    assert result.archived_ids == (s1, s2)


# --------------------------------------------------------------------------------------------------
# refusals and crashes leave the database exactly as it was


def _archive_target(db: Database, target: int) -> None:
    GroupService(db).archive([target])


@pytest.mark.parametrize(("case", "error", "words"), [
    ("self", ValidationError, "合并到它自己"),
    ("self_only", ValidationError, "合并到它自己"),
    ("empty", ValidationError, "至少选择一个"),
    ("unknown_target", NotFoundError, "目标群 #999999 不存在"),
    ("unknown_source", NotFoundError, "#888888、#999999 不存在"),
    ("archived_target", ValidationError, "已归档, 请先恢复"),
    ("long_note", ValidationError, "合并说明最多"),
    ("stale_preview", ValidationError, "请重新预览"),
])
def test_refusals_change_nothing(db: Database, service: MergeService, ids, case: str, error, words: str) -> None:
    target, sources, _x = ids
    kwargs = {}
    if case == "self":
        args = ([sources[0], target], target)
    elif case == "self_only":
        args = ([target], target)
    elif case == "empty":
        args = ([], target)
    elif case == "unknown_target":
        args = (sources, 999999)
    elif case == "unknown_source":
        args = ([sources[0], 888888, 999999], target)
    elif case == "archived_target":
        _archive_target(db, target)
        args = (sources, target)
    elif case == "long_note":
        args = (sources, target)
        kwargs["note"] = "很长" * 200
    else:
        stale = service.preview(sources, target)
        with db.transaction() as session:  # someone adds a member after the preview was shown
            member = session.scalar(select(Membership.member_id).where(Membership.group_id != sources[0],
                                                                       Membership.group_id.not_in(sources))
                                    .where(Membership.member_id.not_in(
                                        select(Membership.member_id).where(Membership.group_id == sources[0])))
                                    .limit(1))
            session.add(Membership(member_id=member, group_id=sources[0]))
        args = (sources, target)
        kwargs["expect"] = stale
    before = dump(db)
    with pytest.raises(error, match=words):
        service.merge(*args, **kwargs)
    if case not in ("long_note", "stale_preview"):
        with pytest.raises(error, match=words):
            service.preview(*args)
    assert dump(db) == before


@pytest.mark.parametrize("where", ["_finish_groups", "_verify", "deliveries"])
def test_crash_mid_merge_changes_nothing(db: Database, service: MergeService, ids, monkeypatch,
                                         where: str) -> None:
    target, sources, _x = ids
    before = dump(db)

    def boom(*_args, **_kwargs):
        raise RuntimeError("disk unplugged")

    if where == "deliveries":  # fail half-way through _apply: memberships, stats, labels are written
        real_chunks = merge_module._chunks
        calls = {"n": 0}

        def chunks(items):
            calls["n"] += 1
            if calls["n"] == 3:  # ms_delete, ms_move, then delivery_drop: raise on the deliveries
                boom()
            return real_chunks(items)

        monkeypatch.setattr(merge_module, "_chunks", chunks)
    else:
        monkeypatch.setattr(merge_module, where, boom)
    with pytest.raises(RuntimeError, match="disk unplugged"):
        service.merge(sources, target)
    assert dump(db) == before
    monkeypatch.undo()
    assert service.merge(sources, target).archived_ids == tuple(sources)  # and it works once fixed


def test_a_plan_the_store_disagrees_with_is_rolled_back(db: Database, service: MergeService, ids,
                                                        monkeypatch) -> None:
    target, sources, _x = ids
    before = dump(db)
    real = merge_module._plan

    def lying_plan(*args):
        plan = real(*args)
        plan.ms_move = plan.ms_move[1:]  # "forget" one membership: the check afterwards must notice
        return plan

    monkeypatch.setattr(merge_module, "_plan", lying_plan)
    with pytest.raises(QunDeskError, match="合并结果与预览不一致"):
        service.merge(sources, target)
    assert dump(db) == before


# --------------------------------------------------------------------------------------------------
# the merge covers the whole schema


def test_every_table_that_refers_to_groups_is_merged() -> None:
    referring = {
        table.name
        for table in Base.metadata.sorted_tables
        for fk in table.foreign_keys
        if isinstance(fk, ForeignKey) and fk.column.table.name == "groups"
    }
    assert referring == MERGED_TABLES
