"""The demo workspace generator: deterministic, consistent, all or nothing."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, insert, select, text

from desktop.domain.enums import (
    CampaignStatus,
    FulfilmentStatus,
    GroupStatus,
    InteractionKind,
    Lifespan,
    PaymentStatus,
    Platform,
    Role,
    Tier,
)
from desktop.domain.errors import ValidationError
from desktop.domain.progress import Cancelled, CancelToken
from desktop.domain.stats import MESSAGE_KINDS
from desktop.services.demo import DemoSummary, build_demo
from desktop.services.text import search_key
from desktop.store.engine import Database, open_database
from desktop.store.models import ENTITY_TABLES, Group, GroupDayStat, Interaction, Member, Membership, Order

TODAY = date(2026, 11, 20)
SMALL = {"groups": 30, "members": 500, "days": 30}


def _open(path: Path) -> Database:
    return open_database(path)


def _rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    with db.engine.connect() as conn:
        return [tuple(row) for row in conn.exec_driver_sql(sql)]


def _scalar(db: Database, sql: str) -> object:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(sql).scalar_one()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    """One small demo shared by the read-only tests."""
    db = _open(tmp_path_factory.mktemp("demo") / "demo.db")
    summary = build_demo(db, seed=7, today=TODAY, **SMALL)
    yield db, summary
    db.dispose()


@pytest.fixture
def demo(built: tuple[Database, DemoSummary]) -> Database:
    return built[0]


# --- determinism ------------------------------------------------------------------------------------

SNAPSHOT = {
    "groups": "SELECT * FROM groups ORDER BY id",
    "group_labels": "SELECT * FROM group_labels ORDER BY group_id, label_id",
    "members": "SELECT * FROM members ORDER BY id",
    "memberships": "SELECT * FROM memberships ORDER BY id",
    "interactions": "SELECT * FROM interactions ORDER BY id",
    "orders": "SELECT * FROM orders ORDER BY id",
    "order_items": "SELECT * FROM order_items ORDER BY id",
    "campaigns": "SELECT * FROM campaigns ORDER BY id",
    "group_day_stats": "SELECT * FROM group_day_stats ORDER BY group_id, day",
}


def _snapshot(db: Database) -> dict[str, list[tuple[object, ...]]]:
    return {name: _rows(db, sql) for name, sql in SNAPSHOT.items()}


def test_same_seed_gives_identical_rows(demo: Database, tmp_path: Path) -> None:
    again = _open(tmp_path / "again.db")
    try:
        build_demo(again, seed=7, today=TODAY, **SMALL)
        first, second = _snapshot(demo), _snapshot(again)
        for name in SNAPSHOT:
            assert first[name] == second[name], name
            assert first[name], name
    finally:
        again.dispose()


def test_other_seed_or_other_day_differs(demo: Database, tmp_path: Path) -> None:
    other = _open(tmp_path / "other.db")
    shifted = _open(tmp_path / "shifted.db")
    try:
        build_demo(other, seed=8, today=TODAY, **SMALL)
        build_demo(shifted, seed=7, today=TODAY + timedelta(days=1), **SMALL)
        mine = _snapshot(demo)
        assert _snapshot(other)["groups"] != mine["groups"]
        assert _snapshot(other)["interactions"] != mine["interactions"]
        assert _rows(shifted, "SELECT MAX(day) FROM interactions") == [("2026-11-21",)]
    finally:
        other.dispose()
        shifted.dispose()


# --- sizes and variety ------------------------------------------------------------------------------


def test_counts_follow_the_requested_sizes(built: tuple[Database, DemoSummary]) -> None:
    db, summary = built
    counts = summary.counts
    assert counts["groups"] == _scalar(db, "SELECT COUNT(*) FROM groups") == 30
    assert counts["members"] == _scalar(db, "SELECT COUNT(*) FROM members") == 500
    assert 2.0 * 500 <= counts["memberships"] <= 3.0 * 500
    assert 20 * 500 <= counts["interactions"] <= 30 * 500
    assert 0.4 * 500 <= counts["orders"] <= 0.5 * 500
    assert counts["order_items"] >= counts["orders"]
    assert counts["group_day_stats"] > 0 and counts["templates"] > 0
    for table, n in counts.items():
        assert _scalar(db, f'SELECT COUNT(*) FROM "{table}"') == n, table
    assert summary.seconds >= 0


def test_platforms_all_present_with_wechat_and_wecom_majority(demo: Database) -> None:
    per_platform = dict(_rows(demo, "SELECT platform, COUNT(*) FROM groups GROUP BY platform"))
    assert set(per_platform) == {p.value for p in Platform}
    assert per_platform["wechat"] + per_platform["wecom"] > sum(per_platform.values()) / 2


@pytest.mark.parametrize(
    ("sql", "enum"),
    [
        ("SELECT DISTINCT role FROM memberships", Role),
        ("SELECT DISTINCT kind FROM interactions", InteractionKind),
        ("SELECT DISTINCT tier FROM members", Tier),
        ("SELECT DISTINCT payment_status FROM orders", PaymentStatus),
        ("SELECT DISTINCT fulfilment_status FROM orders", FulfilmentStatus),
        ("SELECT DISTINCT status FROM campaigns", CampaignStatus),
        ("SELECT DISTINCT status FROM groups", GroupStatus),
        ("SELECT DISTINCT lifespan FROM groups", Lifespan),
    ],
)
def test_every_value_of_the_vocabulary_appears(demo: Database, sql: str, enum: type) -> None:
    assert {row[0] for row in _rows(demo, sql)} == {member.value for member in enum}


def test_lurkers_are_the_majority_and_every_group_has_an_admin_organizer(demo: Database) -> None:
    roles = dict(_rows(demo, "SELECT role, COUNT(*) FROM memberships GROUP BY role"))
    assert roles["lurker"] == max(roles.values())
    admins = _rows(demo, "SELECT DISTINCT role FROM memberships WHERE is_admin")
    assert admins == [("organizer",)]
    assert _scalar(demo, "SELECT COUNT(DISTINCT group_id) FROM memberships WHERE is_admin") == _scalar(
        demo, "SELECT COUNT(DISTINCT group_id) FROM memberships WHERE left_on IS NULL")


def test_members_look_real(demo: Database) -> None:
    phones = [row[0] for row in _rows(demo, "SELECT phone FROM members")]
    present = [p for p in phones if p is not None]
    assert 0 < len(present) < len(phones)
    assert all(len(p) == 11 and p[0] == "1" and p[1] in "3456789" and p.isdigit() for p in present)
    seeds = _scalar(demo, "SELECT SUM(seed_user) FROM members")
    assert 5 <= seeds <= 20
    tiers = dict(_rows(demo, "SELECT tier, COUNT(*) FROM members GROUP BY tier"))
    assert tiers["prospect"] + tiers["fan"] > tiers["member"] > tiers["partner"]
    for nickname, name, key in _rows(demo, "SELECT nickname, name, search_key FROM members"):
        assert key == search_key(nickname, name)
    for name, key in _rows(demo, "SELECT name, search_key FROM groups"):
        assert key == search_key(name)


def test_referrers_are_earlier_members_in_trees(demo: Database) -> None:
    pairs = dict(_rows(demo, "SELECT id, referrer_id FROM members WHERE referrer_id IS NOT NULL"))
    assert 0.08 * 500 <= len(pairs) <= 0.25 * 500
    assert all(referrer < member for member, referrer in pairs.items())

    def depth(member: int) -> int:
        return 1 + depth(pairs[member]) if member in pairs else 0

    assert max(depth(m) for m in pairs) >= 2


# --- consistency ------------------------------------------------------------------------------------


def test_day_stats_equal_a_recount_from_interactions(demo: Database) -> None:
    kinds = ", ".join(f"'{k.value}'" for k in sorted(MESSAGE_KINDS))
    recount = _rows(demo, f"""
        SELECT group_id, day,
               SUM(kind IN ({kinds})),
               COUNT(DISTINCT CASE WHEN kind IN ({kinds}) THEN member_id END),
               SUM(kind = 'join'), SUM(kind = 'leave')
        FROM interactions WHERE group_id IS NOT NULL
        GROUP BY group_id, day ORDER BY group_id, day""")
    stored = _rows(demo, """
        SELECT group_id, day, messages, active_members, joins, leaves
        FROM group_day_stats ORDER BY group_id, day""")
    assert stored == recount
    assert len(stored) > 100


def test_single_choice_dimensions_hold_one_consistent_label(demo: Database) -> None:
    rows = _rows(demo, """
        SELECT g.id, g.name, g.lifespan, d.code, l.name, gl.exclusive
        FROM groups g JOIN group_labels gl ON gl.group_id = g.id
        JOIN labels l ON l.id = gl.label_id JOIN dimensions d ON d.id = gl.dimension_id""")
    per_group: dict[int, dict[str, list[str]]] = {}
    for gid, name, lifespan, code, label, exclusive in rows:
        per_group.setdefault(gid, {}).setdefault(code, []).append(label)
        assert exclusive == (code != "audience")
        if code == "time":
            assert label == ("短期群" if lifespan == "short" else "长期群")
        if code == "function" and ("答疑" in name or "交流" in name):
            assert label == "服务群"
        if code == "function" and ("团购" in name or "秒杀" in name):
            assert label == "销售群"
    assert len(per_group) == 30
    for dims in per_group.values():
        assert len(dims["time"]) == 1
        assert len(dims["function"]) == 1
        assert 1 <= len(dims["audience"]) <= 2


def test_member_count_is_the_active_memberships_within_capacity(demo: Database) -> None:
    rows = _rows(demo, """
        SELECT g.id, g.member_count, g.capacity,
               (SELECT COUNT(*) FROM memberships m WHERE m.group_id = g.id AND m.left_on IS NULL)
        FROM groups g""")
    for _gid, member_count, capacity, active in rows:
        assert member_count == active <= capacity
    assert sum(row[1] for row in rows) > 0


def test_dormant_groups_fell_silent_weeks_ago(demo: Database) -> None:
    dormant = [row[0] for row in _rows(demo, "SELECT id FROM groups WHERE status = 'dormant'")]
    assert dormant
    for gid in dormant:
        last = _scalar(demo, f"SELECT MAX(day) FROM interactions WHERE group_id = {gid}")
        if last is not None:
            assert date.fromisoformat(str(last)) <= TODAY - timedelta(days=15)
    assert _scalar(demo, f"""
        SELECT COUNT(*) FROM interactions i JOIN groups g ON g.id = i.group_id
        WHERE g.status = 'dormant' AND i.day > '{TODAY - timedelta(days=14)}'""") == 0


def test_short_term_groups_have_dates_and_activity_inside_them(demo: Database) -> None:
    rows = _rows(demo, "SELECT id, start_date, end_date, status FROM groups WHERE lifespan = 'short'")
    assert rows
    for gid, start, end, _status in rows:
        assert start is not None and end is not None and start <= end
        last = _scalar(demo, f"SELECT MAX(day) FROM interactions WHERE group_id = {gid}")
        assert last is None or str(last) <= str(end)
    for start, end in _rows(demo, "SELECT start_date, end_date FROM groups WHERE lifespan = 'long'"):
        assert start is not None and end is None


def test_interactions_stay_in_the_window_with_matching_day_column(demo: Database) -> None:
    first = TODAY - timedelta(days=SMALL["days"] - 1)
    assert _rows(demo, "SELECT MIN(day), MAX(day) FROM interactions") == [(first.isoformat(), TODAY.isoformat())]
    assert _scalar(demo, "SELECT COUNT(*) FROM interactions WHERE substr(occurred_at, 1, 10) <> day") == 0
    # stored exactly as SQLAlchemy writes datetimes, so equality filters work through the ORM
    with demo.transaction() as session:
        sample = session.execute(select(Interaction).order_by(Interaction.id).limit(1)).scalar_one()
        assert isinstance(sample.occurred_at, datetime)
        assert sample.day == sample.occurred_at.date()
        hits = session.execute(
            select(func.count()).where(Interaction.occurred_at == sample.occurred_at)
        ).scalar_one()
        assert hits >= 1


def test_evenings_are_busier_than_nights(demo: Database) -> None:
    hours = dict(_rows(demo, "SELECT CAST(substr(occurred_at, 12, 2) AS INTEGER), COUNT(*) FROM interactions "
                             "WHERE kind = 'message' GROUP BY 1"))
    evening = sum(hours.get(h, 0) for h in range(19, 23))
    night = sum(hours.get(h, 0) for h in range(1, 5))
    assert evening > 5 * night


def test_joins_and_leaves_match_memberships(demo: Database) -> None:
    first = TODAY - timedelta(days=SMALL["days"] - 1)
    joins = _rows(demo, "SELECT group_id, member_id, day FROM interactions WHERE kind = 'join' ORDER BY 1, 2, 3")
    expected = _rows(demo, f"""SELECT group_id, member_id, joined_on FROM memberships
        WHERE joined_on >= '{first}' ORDER BY 1, 2, 3""")
    assert joins == expected and joins
    leaves = _rows(demo, "SELECT group_id, member_id, day FROM interactions WHERE kind = 'leave' ORDER BY 1, 2, 3")
    expected = _rows(demo, f"""SELECT group_id, member_id, left_on FROM memberships
        WHERE left_on >= '{first}' ORDER BY 1, 2, 3""")
    assert leaves == expected and leaves
    assert _scalar(demo, """SELECT COUNT(*) FROM memberships WHERE left_on IS NOT NULL
        AND left_on < joined_on""") == 0


def test_follow_ups_are_partly_overdue_and_partly_upcoming(demo: Database) -> None:
    today = TODAY.isoformat()
    overdue = _scalar(demo, f"SELECT COUNT(*) FROM interactions WHERE follow_up_on < '{today}' AND NOT follow_up_done")
    upcoming = _scalar(demo, f"SELECT COUNT(*) FROM interactions WHERE follow_up_on >= '{today}'")
    done = _scalar(demo, "SELECT COUNT(*) FROM interactions WHERE follow_up_done")
    assert overdue > 0 and upcoming > 0 and done > overdue
    assert _scalar(demo, "SELECT COUNT(*) FROM interactions WHERE follow_up_on IS NULL AND follow_up_done") == 0


def test_orders_add_up_and_purchases_mirror_them(demo: Database) -> None:
    mismatched = _scalar(demo, """
        SELECT COUNT(*) FROM orders o
        WHERE o.amount_cents <> (SELECT SUM(i.amount_cents) FROM order_items i WHERE i.order_id = o.id)""")
    assert mismatched == 0
    assert _scalar(demo, "SELECT COUNT(*) FROM order_items WHERE amount_cents <> quantity * unit_price_cents") == 0
    assert _scalar(demo, """SELECT COUNT(*) FROM order_items i JOIN products p ON p.id = i.product_id
        JOIN orders o ON o.id = i.order_id WHERE p.campaign_id <> o.campaign_id""") == 0
    assert _scalar(demo, "SELECT COUNT(*) FROM orders WHERE refund_cents > amount_cents") == 0
    assert _scalar(demo, "SELECT COUNT(*) FROM orders WHERE payment_status = 'refunded' AND refund_cents = 0") == 0
    assert _scalar(demo, "SELECT COUNT(*) FROM orders WHERE substr(placed_at, 1, 10) <> day") == 0
    # an order is placed by a member of the group, between the campaign's opening and cut-off
    assert _scalar(demo, """SELECT COUNT(*) FROM orders o JOIN campaigns c ON c.id = o.campaign_id
        WHERE o.placed_at < c.open_at OR o.placed_at > c.cutoff_at""") == 0
    assert _scalar(demo, """SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (
        SELECT 1 FROM memberships m WHERE m.member_id = o.member_id AND m.group_id = o.group_id)""") == 0
    assert _scalar(demo, """SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (
        SELECT 1 FROM campaign_groups cg WHERE cg.campaign_id = o.campaign_id AND cg.group_id = o.group_id)""") == 0
    purchases = _rows(demo, """SELECT group_id, member_id, occurred_at, amount_cents FROM interactions
        WHERE kind = 'purchase' ORDER BY 1, 2, 3, 4""")
    orders = _rows(demo, """SELECT group_id, member_id, placed_at, amount_cents FROM orders
        WHERE payment_status <> 'cancelled' ORDER BY 1, 2, 3, 4""")
    assert purchases == orders


def test_campaigns_have_products_pickup_points_and_groups(demo: Database) -> None:
    assert _scalar(demo, """SELECT COUNT(*) FROM campaigns c WHERE NOT EXISTS (
        SELECT 1 FROM products p WHERE p.campaign_id = c.id)""") == 0
    assert _scalar(demo, """SELECT COUNT(*) FROM campaigns c WHERE NOT EXISTS (
        SELECT 1 FROM campaign_groups g WHERE g.campaign_id = c.id)""") == 0
    assert _scalar(demo, "SELECT COUNT(*) FROM campaign_pickup_points") > 0
    assert _scalar(demo, "SELECT COUNT(*) FROM products WHERE cost_cents >= price_cents OR price_cents <= 0") == 0
    titles = [row[0] for row in _rows(demo, "SELECT title FROM campaigns")]
    assert any("月第" in t and t.endswith("团") for t in titles)
    assert _scalar(demo, f"SELECT COUNT(*) FROM campaigns WHERE status = 'draft' AND open_at <= '{TODAY} 23:59'") == 0


# --- refusing, cancelling, progress -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sizes", "field"),
    [({"groups": 0}, "groups"), ({"members": 0}, "members"), ({"days": 0}, "days"), ({"groups": -3}, "groups")],
)
def test_sizes_out_of_range_are_refused(db: Database, sizes: dict[str, int], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        build_demo(db, today=TODAY, **{**SMALL, **sizes})
    assert caught.value.field == field
    assert _scalar(db, "SELECT COUNT(*) FROM groups") == 0


@pytest.mark.parametrize("table", [Group, Member])
def test_a_workspace_with_data_is_refused(db: Database, table: type) -> None:
    row = {"name": "真实的群"} if table is Group else {"nickname": "真实的人"}
    with db.transaction() as session:
        session.execute(insert(table.__table__), [row])
    with pytest.raises(ValidationError, match="空的工作区"):
        build_demo(db, today=TODAY, **SMALL)
    assert _scalar(db, "SELECT COUNT(*) FROM groups") + _scalar(db, "SELECT COUNT(*) FROM members") == 1
    assert _scalar(db, "SELECT COUNT(*) FROM interactions") == 0


def _indexes(db: Database) -> list[tuple[object, ...]]:
    return _rows(db, "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")


@pytest.mark.parametrize("stop_at", ["生成成员资料…", "写入成员…", "写入互动记录…", "重建互动记录索引…", "保存…"])
def test_cancel_midway_leaves_nothing_behind(db: Database, stop_at: str) -> None:
    indexes_before = _indexes(db)
    token = CancelToken()
    seen: list[str] = []

    def progress(_done: int, _total: int, message: str) -> None:
        seen.append(message)
        if message == stop_at:
            token.cancel()

    # big enough that the interaction indexes are dropped and rebuilt inside the transaction
    with pytest.raises(Cancelled):
        build_demo(db, groups=20, members=4500, days=30, today=TODAY, progress=progress, cancel=token)
    assert stop_at in seen
    for model in ENTITY_TABLES:
        table = model.__table__
        if table.name in ("dimensions", "labels"):
            continue
        assert _scalar(db, f'SELECT COUNT(*) FROM "{table.name}"') == 0, table.name
    assert _indexes(db) == indexes_before
    assert _scalar(db, "SELECT COUNT(*) FROM labels") == 8


def test_progress_is_monotonic_chinese_and_complete(db: Database) -> None:
    calls: list[tuple[int, int, str]] = []
    build_demo(db, today=TODAY, progress=lambda d, t, m: calls.append((d, t, m)), **SMALL)
    done = [c[0] for c in calls]
    assert done == sorted(done)
    assert calls[-1][0] == calls[-1][1]
    assert {c[1] for c in calls} == {calls[-1][1]}
    assert len(calls) >= 10
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in c[2]) for c in calls)


def test_a_tiny_workspace_still_builds(db: Database) -> None:
    summary = build_demo(db, groups=1, members=1, days=1, today=TODAY)
    assert summary.counts["groups"] == 1 and summary.counts["members"] == 1
    assert _scalar(db, "SELECT COUNT(*) FROM memberships") >= 0


def test_negative_seeds_work(db: Database) -> None:
    build_demo(db, groups=3, members=20, days=3, seed=-1, today=TODAY)
    assert _scalar(db, "SELECT COUNT(*) FROM members") == 20


def test_the_connection_cache_size_is_restored(db: Database) -> None:
    with db.engine.connect() as conn:
        before = conn.execute(text("PRAGMA cache_size")).scalar_one()
    build_demo(db, today=TODAY, **SMALL)
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA cache_size")).scalar_one() == before


# --- team mode -------------------------------------------------------------------------------------

PG_URL = os.environ.get("QUNDESK_TEST_PG_URL")


def _typed(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """The same rows read through SQLAlchemy's types, so SQLite and PostgreSQL compare equal."""
    out = {}
    with db.engine.connect() as conn:
        for model in (Group, Member, Membership, Interaction, Order, GroupDayStat):
            table = model.__table__
            columns = [c for c in table.c if c.name != "id" or model is not GroupDayStat]
            order = list(table.primary_key.columns)
            out[table.name] = [tuple(row) for row in conn.execute(select(*columns).order_by(*order))]
    return out


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="QUNDESK_TEST_PG_URL is not set (no PostgreSQL server)")
def test_the_same_demo_builds_on_postgres(built: tuple[Database, DemoSummary]) -> None:
    assert PG_URL is not None
    name = f"qundesk_demo_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        pg = open_database(admin.url.set(database=name).render_as_string(hide_password=False))
        try:
            summary = build_demo(pg, seed=7, today=TODAY, **SMALL)
            assert summary.counts == built[1].counts
            assert _typed(pg) == _typed(built[0])
            kinds = ", ".join(f"'{k.value}'" for k in sorted(MESSAGE_KINDS))
            recount = _rows(pg, f"""
                SELECT group_id, day, SUM(CASE WHEN kind IN ({kinds}) THEN 1 ELSE 0 END),
                       COUNT(DISTINCT CASE WHEN kind IN ({kinds}) THEN member_id END),
                       SUM(CASE WHEN kind = 'join' THEN 1 ELSE 0 END), SUM(CASE WHEN kind = 'leave' THEN 1 ELSE 0 END)
                FROM interactions WHERE group_id IS NOT NULL GROUP BY group_id, day ORDER BY group_id, day""")
            assert _rows(pg, """SELECT group_id, day, messages, active_members, joins, leaves
                FROM group_day_stats ORDER BY group_id, day""") == recount
            # explicit ids were written: the sequences must have moved past them
            with pg.transaction() as session:
                new_id = session.execute(insert(Group.__table__).returning(Group.__table__.c.id),
                                         [{"name": "新群"}]).scalar_one()
            assert new_id == SMALL["groups"] + 1
        finally:
            pg.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
