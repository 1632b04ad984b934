"""The store: schema, pragmas, migrations with backup, and every way opening a database can fail."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest
from sqlalchemy import insert, inspect, select, text
from sqlalchemy.exc import IntegrityError

from desktop.domain.errors import DatabaseOpenError
from desktop.store import engine as engine_module
from desktop.store.engine import current_revision, head_revision, open_database
from desktop.store.models import Base, Delivery, Group, GroupLabel, Label, Order, OrderItem


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_baseline_creates_every_table_with_seeded_dimensions(db) -> None:
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert current_revision(db) == head_revision()
    with db.transaction() as session:
        labels = session.execute(text(
            "SELECT d.code, d.multi, l.name FROM labels l JOIN dimensions d ON d.id = l.dimension_id"
        )).all()
    by_dimension: dict[str, set[str]] = {}
    for code, _multi, name in labels:
        by_dimension.setdefault(code, set()).add(name)
    assert by_dimension == {
        "time": {"短期群", "长期群"},
        "function": {"服务群", "销售群"},
        "audience": {"新客群", "老客群", "VIP群", "兴趣群"},
    }


def test_schema_head_constant_matches_the_migration_scripts() -> None:
    assert head_revision() == engine_module.SCHEMA_HEAD


def test_sqlite_pragmas_are_set_on_every_connection(db) -> None:
    with db.transaction() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == engine_module.DEFAULT_BUSY_TIMEOUT_MS


def test_models_match_the_migration(db) -> None:
    """Autogenerate against the migrated database finds nothing to add: models and migration agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn, warnings.catch_warnings():
        # SQLite reflection skips expression indexes (ix_interactions_kind_day_hour); autogenerate skips them too
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression-based index")
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_a_transaction_that_fails_leaves_nothing(db) -> None:
    with pytest.raises(RuntimeError), db.transaction() as session:
        session.execute(insert(Group), [{"name": "半截群", "search_key": ""}])
        raise RuntimeError("crash in the middle")
    with db.transaction() as session:
        assert session.scalar(select(Group.id)) is None


def test_single_choice_dimension_is_enforced_by_the_store(db) -> None:
    with db.transaction() as session:
        session.execute(insert(Group), [{"id": 1, "name": "群", "search_key": ""}])
        short, long_ = session.scalars(select(Label.id).where(Label.dimension_id == 1).order_by(Label.id)).all()
        session.execute(insert(GroupLabel), [{"group_id": 1, "label_id": short, "dimension_id": 1, "exclusive": True}])
    with pytest.raises(IntegrityError), db.transaction() as session:
        session.execute(insert(GroupLabel), [{"group_id": 1, "label_id": long_, "dimension_id": 1, "exclusive": True}])
    # a multi-choice dimension (audience) takes several
    with db.transaction() as session:
        audience = session.scalars(select(Label.id).where(Label.dimension_id == 3)).all()
        session.execute(insert(GroupLabel), [
            {"group_id": 1, "label_id": label, "dimension_id": 3, "exclusive": False} for label in audience
        ])


@pytest.mark.parametrize(
    ("table", "columns"),
    [(Delivery, ("broadcast_id", "group_id", "occurrence_at")), (OrderItem, ("order_id", "product_id")),
     (Order, ("campaign_id", "external_no"))],
)
def test_unique_constraints_the_design_asks_for(db, table, columns) -> None:
    uniques = inspect(db.engine).get_unique_constraints(table.__tablename__)
    assert tuple(columns) in [tuple(u["column_names"]) for u in uniques]


def test_foreign_keys_cascade_group_deletion(db) -> None:
    with db.transaction() as session:
        session.execute(insert(Group), [{"id": 7, "name": "群", "search_key": ""}])
        session.execute(text("INSERT INTO members (id, nickname, tier, seed_user, name, address, source, note, search_key,"
                             " created_at, updated_at) VALUES (1, 'a', 'fan', 0, '', '', '', '', '', '2026-01-01', '2026-01-01')"))
        session.execute(text("INSERT INTO memberships (member_id, group_id, role, is_admin, group_nickname)"
                             " VALUES (1, 7, 'lurker', 0, '')"))
    with db.transaction() as session:
        session.execute(text("DELETE FROM groups WHERE id = 7"))
    with db.transaction() as session:
        assert session.execute(text("SELECT count(*) FROM memberships")).scalar() == 0
        assert session.execute(text("SELECT count(*) FROM members")).scalar() == 1


# ---------------------------------------------------------------- opening and refusing


def test_newer_schema_is_refused_and_left_byte_for_byte(db_path: Path) -> None:
    open_database(db_path).dispose()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = sha(db_path)
    siblings = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(DatabaseOpenError, match="更新版本"):
        open_database(db_path)
    assert sha(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == siblings


def test_corrupt_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is a spreadsheet, not a database" * 100)
    before = sha(path)
    with pytest.raises(DatabaseOpenError, match="损坏"):
        open_database(path)
    assert sha(path) == before


def test_damaged_database_pages_are_refused(db_path: Path) -> None:
    open_database(db_path).dispose()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page after the header
    db_path.write_bytes(bytes(data))
    before = sha(db_path)
    with pytest.raises(DatabaseOpenError):
        open_database(db_path)
    assert sha(db_path) == before


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    before = sha(path)
    with pytest.raises(DatabaseOpenError, match="不是群管家"):
        open_database(path)
    assert sha(path) == before


def test_missing_folder_is_refused_and_not_created(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "x.db"
    with pytest.raises(DatabaseOpenError, match="文件夹不存在"):
        open_database(target)
    assert not (tmp_path / "no").exists()


def test_folder_where_the_file_should_be_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="文件夹"):
        open_database(tmp_path)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write anywhere")
def test_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(DatabaseOpenError, match="写入权限"):
            open_database(folder / "x.db")
    finally:
        folder.chmod(0o700)


def test_database_locked_by_another_process_is_refused(db_path: Path) -> None:
    open_database(db_path).dispose()
    locker = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sqlite3, sys, time
            con = sqlite3.connect({str(db_path)!r}, isolation_level=None)
            con.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert locker.stdout is not None
        assert locker.stdout.readline().strip() == "locked"
        with pytest.raises(DatabaseOpenError, match="占用"):
            open_database(db_path, busy_timeout_ms=200)
    finally:
        assert locker.stdin is not None and locker.stdout is not None
        locker.stdin.close()
        locker.wait(10)
        locker.stdout.close()
    open_database(db_path).dispose()  # free again once the other program lets go


def test_default_location_is_created_in_the_user_data_folder(tmp_path: Path, monkeypatch) -> None:
    from desktop.cli import database_target

    monkeypatch.setenv("QUNDESK_HOME", str(tmp_path / "home"))
    target, create = database_target(None)
    assert create and Path(target) == tmp_path / "home" / "qundesk.db"
    open_database(target, create_folder=create).dispose()
    assert Path(target).exists()
    monkeypatch.setenv("QUNDESK_DB", str(tmp_path / "env.db"))
    assert database_target(None) == (str(tmp_path / "env.db"), False)
    assert database_target("cli.db") == ("cli.db", False)


def test_pending_migration_runs_after_a_backup(db_path: Path, tmp_path: Path, monkeypatch) -> None:
    db = open_database(db_path)
    with db.transaction() as session:
        session.execute(insert(Group), [{"name": "迁移前的群", "search_key": ""}])
    db.dispose()

    # a newer release of the app: the shipped migrations plus one more
    newer = tmp_path / "migrations"
    shutil.copytree(engine_module.MIGRATIONS_DIR, newer, ignore=shutil.ignore_patterns("__pycache__"))
    (newer / "versions" / "9000_probe.py").write_text(textwrap.dedent(f"""
        import sqlalchemy as sa
        from alembic import op
        revision = "9000_probe"
        down_revision = "{engine_module.SCHEMA_HEAD}"
        branch_labels = None
        depends_on = None
        def upgrade():
            op.create_table("probe", sa.Column("id", sa.Integer, primary_key=True))
        def downgrade():
            op.drop_table("probe")
    """))
    monkeypatch.setattr(engine_module, "MIGRATIONS_DIR", newer)
    db = open_database(db_path)
    try:
        assert current_revision(db) == "9000_probe"
        assert "probe" in inspect(db.engine).get_table_names()
        assert db.backup_path is not None and db.backup_path.exists()
    finally:
        db.dispose()
    backup = sqlite3.connect(db.backup_path)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == (engine_module.SCHEMA_HEAD,)
    assert backup.execute("SELECT name FROM groups").fetchall() == [("迁移前的群",)]
    backup.close()


def _campaign_with_an_order(db) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from desktop.store.models import Campaign, Product

    with db.transaction() as session:
        session.execute(insert(Campaign), [{"id": 1, "title": "12月第1周水果团"}])
        session.execute(insert(Product), [{"id": 1, "campaign_id": 1, "name": "脐橙", "spec": "5斤装"}])
        now = datetime(2026, 12, 1, 20, 0)
        session.execute(insert(Order), [{"id": 1, "campaign_id": 1, "placed_at": now, "day": now.date()}])
        session.execute(insert(OrderItem), [{"order_id": 1, "product_id": 1, "quantity": 2}])


def check_campaign_deletion(db) -> None:  # type: ignore[no-untyped-def]
    """A whole campaign goes with its orders; an ordered product alone cannot be deleted."""
    _campaign_with_an_order(db)
    with pytest.raises(IntegrityError), db.transaction() as session:
        session.execute(text("DELETE FROM products WHERE id = 1"))
    with db.transaction() as session:
        session.execute(text("DELETE FROM campaigns WHERE id = 1"))
    with db.transaction() as session:
        for table in ("orders", "order_items", "products"):
            assert session.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0


def test_deleting_a_campaign_takes_its_orders(db) -> None:
    check_campaign_deletion(db)


def _migrate_to(db, revision: str, *, down: bool = False) -> None:  # type: ignore[no-untyped-def]
    from alembic import command

    cfg = engine_module.alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


def test_a_0003_database_with_members_upgrades_and_keeps_its_rows(db_path: Path) -> None:
    """0004 adds member tags and the cached activity level: existing members stay, with no level yet."""
    db = open_database(db_path, migrate=False)
    _migrate_to(db, "0003_import_changes")
    with db.transaction() as session:
        session.execute(insert(Group), [{"id": 1, "name": "老群", "search_key": ""}])
        session.execute(text(
            "INSERT INTO members (id, nickname, tier, seed_user, name, address, source, note, search_key,"
            " created_at, updated_at) VALUES (1, '老会员', 'member', 1, '', '', '', '', 'laohuiyuan',"
            " '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000'),"
            " (2, '老粉丝', 'fan', 0, '', '', '', '', '', '2026-01-02 00:00:00.000000', '2026-01-02 00:00:00.000000')"))
        session.execute(text("INSERT INTO memberships (member_id, group_id, role, is_admin, group_nickname)"
                             " VALUES (1, 1, 'chatter', 0, '')"))
    db.dispose()

    db = open_database(db_path)  # the real path: backup, then 0004
    try:
        assert current_revision(db) == engine_module.SCHEMA_HEAD
        assert db.backup_path is not None and "0003_import_changes" in db.backup_path.name
        with db.transaction() as session:
            assert session.execute(text(
                "SELECT id, nickname, tier, seed_user, search_key, activity_level, activity_level_on FROM members"
                " ORDER BY id")).all() == [(1, "老会员", "member", 1, "laohuiyuan", None, None),
                                           (2, "老粉丝", "fan", 0, "", None, None)]
            assert session.execute(text("SELECT member_id, group_id FROM memberships")).all() == [(1, 1)]
            assert session.execute(text("SELECT count(*) FROM member_tags")).scalar() == 0
        from desktop.services.members import MemberService

        members = MemberService(db)
        assert members.activity_levels_missing() == 2 and members.activity_levels_fresh_on() is None
        tag = members.create_tag("老客户").id
        assert members.tag_members([1, 2], tag) == 2
        assert members.refresh_activity_levels() == 2
        assert [r.activity_level for r in members.rows([1, 2])] == [4, 4]

        # and back down (the tags and levels go, the members stay), then up again
        _migrate_to(db, "0003_import_changes", down=True)
        assert {"tags", "member_tags"}.isdisjoint(inspect(db.engine).get_table_names())
        _migrate_to(db, "head")
        with db.transaction() as session:
            assert session.execute(text("SELECT count(*) FROM members WHERE activity_level IS NULL")).scalar() == 2
    finally:
        db.dispose()


def test_a_0007_database_with_broadcasts_gains_attachments(db_path: Path) -> None:
    """0008 adds broadcasts.attachments_json: existing broadcasts get an empty list (their template's apply)."""
    db = open_database(db_path, migrate=False)
    _migrate_to(db, "0007_dashboard_indexes")
    with db.transaction() as session:
        session.execute(text(
            "INSERT INTO broadcasts (id, title, body, format, schedule_kind, rrule, sop_steps_json, status,"
            " created_at, updated_at) VALUES (1, '老群发', '早安', 'text', 'once', '', '[]', 'draft',"
            " '2026-11-01 00:00:00.000000', '2026-11-01 00:00:00.000000')"))
    db.dispose()

    db = open_database(db_path)
    try:
        assert current_revision(db) == engine_module.SCHEMA_HEAD
        with db.transaction() as session:
            assert session.execute(text("SELECT title, attachments_json FROM broadcasts")).all() == [("老群发", "[]")]
        from desktop.services.broadcasts import BroadcastService

        assert BroadcastService(db).get(1).attachments == ()
        _migrate_to(db, "0007_dashboard_indexes", down=True)
        assert "attachments_json" not in {c["name"] for c in inspect(db.engine).get_columns("broadcasts")}
        _migrate_to(db, "head")
        with db.transaction() as session:
            assert session.execute(text("SELECT attachments_json FROM broadcasts")).scalar() == "[]"
    finally:
        db.dispose()


def test_a_0008_database_with_orders_gets_the_partial_jielong_index(db_path: Path) -> None:
    """0009 makes the 接龙-line index partial: orders stay, imported orders (no source_key) leave it,
    a 接龙 line still cannot be ordered twice in a campaign, and the downgrade puts the full index back."""
    db = open_database(db_path, migrate=False)
    _migrate_to(db, "0008_broadcast_attachments")
    stamp = "'2026-11-01 08:00:00.000000'"
    with db.transaction() as session:
        session.execute(text(f"INSERT INTO campaigns (id, title, leader, status, note, created_at, updated_at)"
                             f" VALUES (1, '周五水果团', '', 'open', '', {stamp}, {stamp})"))
        for n, key in enumerate(["line-1", None, None], start=1):
            session.execute(text(
                "INSERT INTO orders (id, campaign_id, external_no, placed_at, day, amount_cents, refund_cents,"
                " payment_status, fulfilment_status, buyer_name, buyer_phone, address, note, created_at, updated_at,"
                f" source_key) VALUES ({n}, 1, '{n}', {stamp}, '2026-11-01', 100, 0, 'paid', 'waiting', '王芳', '',"
                f" '', '', {stamp}, {stamp}, :key)"), {"key": key})
    db.dispose()

    def entries() -> int:
        with sqlite3.connect(db_path) as conn:
            return conn.execute("SELECT count(*) FROM orders INDEXED BY uq_orders_campaign_source_key"
                                " WHERE campaign_id = 1 AND source_key IS NOT NULL").fetchone()[0]

    db = open_database(db_path)
    try:
        assert current_revision(db) == engine_module.SCHEMA_HEAD
        with sqlite3.connect(db_path) as conn:
            [(sql,)] = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'uq_orders_campaign_source_key'")
        assert "WHERE source_key IS NOT NULL" in sql and entries() == 1
        with pytest.raises(IntegrityError), db.transaction() as session:
            session.execute(text("UPDATE orders SET source_key = 'line-1' WHERE id = 2"))
        with db.transaction() as session:
            assert session.execute(text("SELECT count(*) FROM orders")).scalar() == 3
        _migrate_to(db, "0008_broadcast_attachments", down=True)
        with sqlite3.connect(db_path) as conn:
            [(sql,)] = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'uq_orders_campaign_source_key'")
        assert "WHERE" not in sql
        _migrate_to(db, "head")
    finally:
        db.dispose()


def _read_then_write_around_another_commit(db, *, immediate: bool | None) -> list[str]:  # type: ignore[no-untyped-def]
    """A transaction reads, another connection tries to commit meanwhile, then the first one writes."""
    import threading

    from sqlalchemy import select, update
    from sqlalchemy.exc import OperationalError

    from desktop.store.models import Member

    with db.transaction() as session:
        session.add(Member(nickname="甲"))
    outcome: list[str] = []

    def other() -> None:
        with db.transaction(immediate=True) as session:
            session.execute(update(Member).values(note="other"))
        outcome.append("other committed")

    thread = threading.Thread(target=other)
    try:
        with db.transaction(immediate=immediate) as session:
            session.execute(select(Member.id)).all()
            thread.start()
            thread.join(timeout=0.3)  # the other commits now unless this transaction holds the write lock
            session.execute(update(Member).values(note="mine"))
        outcome.append("mine committed")
    except OperationalError as exc:
        outcome.append(f"mine failed: {exc.__class__.__name__}")
    thread.join()
    return outcome


def test_a_write_transaction_taking_the_lock_first_never_fails_on_a_stale_snapshot(db) -> None:  # type: ignore[no-untyped-def]
    # a plain BEGIN reads a snapshot; another connection's commit makes its first write fail at once
    assert _read_then_write_around_another_commit(db, immediate=False) == ["other committed",
                                                                            "mine failed: OperationalError"]
    # BEGIN IMMEDIATE holds the write lock from the start: the other waits (busy_timeout) and both commit
    assert _read_then_write_around_another_commit(db, immediate=True) == ["mine committed", "other committed"]


def test_begin_immediately_in_the_context_makes_transactions_immediate(db) -> None:  # type: ignore[no-untyped-def]
    from desktop.domain.transactions import begin_immediately

    token = begin_immediately.set(True)  # as the task runner does for its writer thread
    try:
        assert _read_then_write_around_another_commit(db, immediate=None) == ["mine committed", "other committed"]
    finally:
        begin_immediately.reset(token)
