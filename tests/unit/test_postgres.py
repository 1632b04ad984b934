"""Team mode: the same migrations and services on a real PostgreSQL server.

.ci/run installs and starts one and sets QUNDESK_TEST_PG_URL; without it these tests are skipped."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, insert, text

from desktop.domain.errors import DatabaseOpenError, ValidationError
from desktop.domain.groups import GroupDraft, GroupFilter
from desktop.services.groups import GroupService
from desktop.services.workspace import WorkspaceService
from desktop.store.engine import Database, open_database
from desktop.store.models import Dimension

PG_URL = os.environ.get("QUNDESK_TEST_PG_URL")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="QUNDESK_TEST_PG_URL is not set (no PostgreSQL server)"),
]


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh database on the server for each test, dropped afterwards."""
    assert PG_URL is not None
    name = f"qundesk_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg(pg_url: str) -> Iterator[Database]:
    db = open_database(pg_url)
    yield db
    db.dispose()


def test_migrations_and_groups_service_on_postgres(pg: Database) -> None:
    service = GroupService(pg)
    labels = {label.name: label.id for d in service.dimensions() for label in d.labels}
    group = service.create(GroupDraft(name="阳光花园水果团购3群", owner="王芳"), [labels["短期群"], labels["VIP群"]])
    assert [g.id for g in service.list_groups(GroupFilter(text="ygh"))] == [group.id]
    with pytest.raises(ValidationError, match="单选"):
        service.set_labels(group.id, [labels["短期群"], labels["长期群"]])
    info = WorkspaceService(pg).info()
    assert info.schema_version == info.head_version and info.counts["groups"] == 1


def test_seeded_rows_leave_the_id_sequence_usable(pg: Database) -> None:
    with pg.transaction() as session:
        session.execute(insert(Dimension), [{"name": "渠道", "kind": "custom", "multi": True}])
    assert len(GroupService(pg).dimensions()) == 4


def test_newer_schema_on_the_server_is_refused(pg_url: str) -> None:
    open_database(pg_url).dispose()
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(DatabaseOpenError, match="更新版本"):
        open_database(pg_url)


def test_deleting_a_campaign_takes_its_orders_on_postgres(pg: Database) -> None:
    from .test_store import check_campaign_deletion

    check_campaign_deletion(pg)


def test_new_buyers_become_linked_members_on_postgres(pg: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A quick order for a new name (INSERT .. RETURNING) and an order import (the new members read
    back by batch) each link every buyer to the member made for them, on PostgreSQL too."""
    from desktop.domain.imports import BatchKind
    from desktop.domain.orders import CampaignDraft, OrderDraft, OrderItemDraft, ProductDraft
    from desktop.services.imports import ImportService
    from desktop.services.orders import OrderService

    from .test_order_import import write_ktt_export

    service = OrderService(pg)
    campaign = service.create_campaign(CampaignDraft("周五水果团"), [ProductDraft("脐橙", "5斤", 2500)])
    orange = campaign.products[0].id
    first = service.create_order(OrderDraft(campaign.id, (OrderItemDraft(orange, 1),), buyer_name="小美"))
    second = service.create_order(OrderDraft(campaign.id, (OrderItemDraft(orange, 1),), buyer_name="小丽"))
    assert first.new_member_id and second.new_member_id and first.new_member_id != second.new_member_id
    assert (first.row.member_id, second.row.member_id) == (first.new_member_id, second.new_member_id)
    path = tmp_path / "周五水果团.xlsx"
    write_ktt_export(path)
    report = ImportService(pg).commit(path, BatchKind.ORDERS)
    with pg.transaction() as session:
        linked = session.execute(text(
            "SELECT o.buyer_name, m.nickname, m.import_batch_id FROM orders o LEFT JOIN members m ON m.id = o.member_id"
            " WHERE o.import_batch_id = :batch"), {"batch": report.batch_id}).all()
    assert len(linked) >= 3
    assert all(name == nickname and batch == report.batch_id for name, nickname, batch in linked), linked
