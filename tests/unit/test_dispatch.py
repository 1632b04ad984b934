"""The dispatcher against the loopback robots: limits, retries, disabling, leases, at most once."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from desktop.domain.broadcasts import BroadcastDraft
from desktop.domain.enums import ChannelKind, DeliveryStatus
from desktop.domain.progress import CancelToken
from desktop.services.broadcasts import BroadcastService
from desktop.services.channels import ChannelService
from desktop.services.dispatch import Dispatcher
from desktop.services.robots import Backoff, RobotClient
from desktop.store.engine import Database, open_database
from desktop.store.models import Channel, Delivery
from tests.support.broadcast_fixtures import add_groups
from tests.support.clock import FakeClock
from tests.support.robot_server import RobotServer

START = datetime(2026, 11, 24, 9, 0)
FAST = {ChannelKind.WECOM: ((1000, 1.0),), ChannelKind.DINGTALK: ((1000, 1.0),), ChannelKind.FEISHU: ((1000, 1.0),)}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def server(clock: FakeClock) -> Iterator[RobotServer]:
    with RobotServer(clock=clock.monotonic, hang_seconds=3) as srv:
        yield srv


@pytest.fixture
def client() -> Iterator[RobotClient]:
    with RobotClient(timeout=0.4, connect_timeout=0.4) as c:
        yield c


def _dispatcher(db: Database, client: RobotClient, clock: FakeClock, **kw) -> Dispatcher:  # type: ignore[no-untyped-def]
    kw.setdefault("backoff", Backoff(base=1, cap=8, max_attempts=4))
    return Dispatcher(db, client=client, now=clock.now, monotonic=clock.monotonic, sleep=clock.sleep, **kw)


def _robots(db: Database, server: RobotServer, clock: FakeClock, kinds: list[str], per_robot_groups: int = 1,
            limits: dict | None = None) -> list[int]:
    """One group per robot (plus extra manual groups when asked); returns all group ids."""
    channels = ChannelService(db, now=clock.now)
    group_ids = add_groups(db, [f"群{i}" for i in range(len(kinds))], START)
    for i, (gid, kind) in enumerate(zip(group_ids, kinds, strict=True)):
        url = server.add_robot(kind, f"tok{i}", limits=limits.get(kind) if limits else None)
        channels.add_robot(gid, url)
    return group_ids


def _broadcast(db: Database, clock: FakeClock, group_ids: list[int], body: str = "{群名} 上新了", n: int = 1) -> None:
    service = BroadcastService(db, now=clock.now)
    for i in range(n):
        service.create(BroadcastDraft(title=f"b{i}", body=f"{body} #{i}", group_ids=tuple(group_ids)))


def _rows(db: Database) -> list[Delivery]:
    with db.transaction() as session:
        return list(session.scalars(select(Delivery).order_by(Delivery.id)))


def test_real_documented_limits_are_never_tripped(db: Database, server: RobotServer, clock: FakeClock,
                                                   client: RobotClient) -> None:
    """45 messages to a WeCom robot and 45 to a Feishu robot at the real limits, on a fake clock."""
    gids = _robots(db, server, clock, ["wecom", "feishu"])
    _broadcast(db, clock, gids, n=45)
    summary = _dispatcher(db, client, clock).run()
    assert summary.sent == 90 and server.rate_rejections == 0 and server.duplicates() == 0
    # WeCom: 20 a minute -> 45 messages need two full windows; Feishu (100/min, 5/s) needs 8 s
    assert 120.0 <= clock.slept < 125.0
    wecom_times = [m["_at"] for m in server.robots["tok0"].accepted]
    assert all(b - a >= 60.0 for a, b in zip(wecom_times, wecom_times[20:], strict=False))
    feishu_times = [m["_at"] for m in server.robots["tok1"].accepted]
    assert all(b - a >= 1.0 for a, b in zip(feishu_times, feishu_times[5:], strict=False))


def test_transient_errors_retry_with_backoff(db: Database, server: RobotServer, clock: FakeClock,
                                             client: RobotClient) -> None:
    gids = _robots(db, server, clock, ["dingtalk"], limits=FAST)
    _broadcast(db, clock, gids)
    server.fail("500", token="tok0", times=2)
    summary = _dispatcher(db, client, clock).run()
    assert (summary.sent, summary.retried, server.delivered()) == (1, 2, 1)
    [row] = _rows(db)
    assert row.status is DeliveryStatus.SENT and row.attempts == 3 and row.claimed_by is not None
    assert 1.5 <= clock.slept <= 3.0 + 1e-6  # 0.5-1 s, then 1-2 s


def test_transient_errors_give_up_after_max_attempts(db: Database, server: RobotServer, clock: FakeClock,
                                                     client: RobotClient) -> None:
    gids = _robots(db, server, clock, ["wecom"], limits=FAST)
    _broadcast(db, clock, gids)
    server.fail("500", token="tok0", times=10)
    summary = _dispatcher(db, client, clock).run()
    assert (summary.failed, summary.ok) == (1, False)
    [row] = _rows(db)
    assert row.status is DeliveryStatus.FAILED and "重试 4 次后仍失败" in row.last_error
    server.rules.clear()
    BroadcastService(db, now=clock.now).retry(row.id)
    assert _dispatcher(db, client, clock).run().sent == 1 and server.delivered() == 1


def test_permanent_error_stops_the_robot_and_falls_back_to_the_manual_queue(
        db: Database, server: RobotServer, clock: FakeClock, client: RobotClient) -> None:
    gids = _robots(db, server, clock, ["wecom", "feishu"], limits=FAST)
    _broadcast(db, clock, gids, n=3)
    server.fail("93000", token="tok0")
    summary = _dispatcher(db, client, clock).run()
    assert summary.sent == 3 and len(summary.disabled_robots) == 1 and "93000" in summary.disabled_robots[0]
    with db.transaction() as session:
        channel = session.get(Channel, 1)
        assert channel is not None and not channel.enabled and "key 无效" in channel.disabled_reason
    queue = BroadcastService(db, now=clock.now).manual_queue()
    assert [d.group_name for d in queue] == ["群0"] * 3  # nothing lost: the operator sends these by hand
    assert server.delivered() == 3
    assert "已停用" in ChannelService(db).get(1).disabled_reason or ChannelService(db).get(1).disabled_reason


def test_no_answer_is_flagged_never_resent(db: Database, server: RobotServer, clock: FakeClock,
                                           client: RobotClient) -> None:
    gids = _robots(db, server, clock, ["feishu"], limits=FAST)
    _broadcast(db, clock, gids, body="重要通知")
    server.fail("hang", token="tok0")
    summary = _dispatcher(db, client, clock).run()
    assert (summary.sent, summary.flagged, summary.ok) == (0, 1, False)
    assert _dispatcher(db, client, clock).run().sent == 0
    assert server.delivered() == 1  # it did arrive, and only once
    service = BroadcastService(db, now=clock.now)
    [flagged] = service.flagged()
    assert "可能已发出" in flagged.last_error
    assert service.confirm_in_flight(flagged.id, sent=True).status is DeliveryStatus.SENT
    assert service.flagged() == []


def test_expired_lease_of_a_dead_dispatcher_is_flagged(db: Database, server: RobotServer, clock: FakeClock,
                                                       client: RobotClient) -> None:
    gids = _robots(db, server, clock, ["wecom"], limits=FAST)
    _broadcast(db, clock, gids, n=2)
    BroadcastService(db, now=clock.now).materialize_due()
    with db.transaction() as session:  # another dispatcher claimed #1 and died
        session.execute(update(Delivery).where(Delivery.id == 1).values(
            status=DeliveryStatus.SENDING, claimed_by="dead", lease_until=START + timedelta(minutes=5)))
    summary = _dispatcher(db, client, clock).run()
    assert (summary.sent, summary.newly_flagged) == (1, 0)  # lease still valid: left alone
    clock.advance(301)
    summary = _dispatcher(db, client, clock).run()
    assert (summary.sent, summary.newly_flagged, summary.flagged) == (0, 1, 1)
    service = BroadcastService(db, now=clock.now)
    resent = service.confirm_in_flight(1, sent=False, resend=True)
    assert resent.status is DeliveryStatus.PENDING
    assert _dispatcher(db, client, clock).run().sent == 1 and server.delivered() == 2


def test_two_dispatchers_on_one_file_never_send_the_same_delivery(tmp_path, clock: FakeClock,  # type: ignore[no-untyped-def]
                                                                  server: RobotServer) -> None:
    path = tmp_path / "shared.db"
    setup = open_database(path)
    gids = _robots(setup, server, clock, ["wecom", "dingtalk", "feishu"] * 2, limits=FAST)
    _broadcast(setup, clock, gids, n=10)
    setup.dispose()
    results = []

    def work() -> None:
        db = open_database(path)
        try:
            with RobotClient(timeout=2) as c:
                results.append(Dispatcher(db, client=c, now=clock.now, limits=FAST).run())
        finally:
            db.dispose()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.sent for r in results) == 60
    assert server.delivered() == 60 and server.duplicates() == 0


def test_split_text_resumes_after_the_parts_already_delivered(db: Database, server: RobotServer, clock: FakeClock,
                                                              client: RobotClient) -> None:
    gids = _robots(db, server, clock, ["wecom"], limits=FAST)
    text = "\n".join(f"第{i}行: 新鲜到货的本地草莓, 每盒 500 克。" for i in range(90))  # ~5 KB: 3 parts
    _broadcast(db, clock, gids, body=text)
    server.fail("500", token="tok0", contains="第40行", times=10)
    summary = _dispatcher(db, client, clock).run()
    assert summary.failed == 1
    [row] = _rows(db)
    assert row.parts_sent == 1
    server.rules.clear()
    BroadcastService(db, now=clock.now).retry(row.id)
    assert _dispatcher(db, client, clock).run().sent == 1
    texts = server.texts("tok0")
    assert len(texts) == 3 and server.duplicates() == 0 and "\n".join(texts) == text + " #0"


def test_cancel_leaves_the_rest_pending(db: Database, server: RobotServer, clock: FakeClock,
                                        client: RobotClient) -> None:
    gids = _robots(db, server, clock, ["wecom"])
    _broadcast(db, clock, gids, n=25)  # 20 go at once, the rest wait a minute for the limit
    token = CancelToken()
    seen = []

    def progress(done: int, total: int, message: str) -> None:
        seen.append(done)
        if done == 20:
            token.cancel()

    summary = _dispatcher(db, client, clock).run(progress=progress, cancel=token)
    assert summary.cancelled and summary.sent == 20
    assert [r.status for r in _rows(db)].count(DeliveryStatus.PENDING) == 5
    assert _dispatcher(db, client, clock).run().sent == 5 and server.duplicates() == 0


def test_clock_set_back_resends_nothing(db: Database, server: RobotServer, clock: FakeClock,
                                        client: RobotClient) -> None:
    gids = _robots(db, server, clock, ["wecom"], limits=FAST)
    _broadcast(db, clock, gids, n=3)
    assert _dispatcher(db, client, clock).run().sent == 3
    clock.set_wall(START - timedelta(days=1))
    assert _dispatcher(db, client, clock).run().sent == 0
    clock.set_wall(START + timedelta(hours=1))
    assert _dispatcher(db, client, clock).run().sent == 0
    assert server.delivered() == 3


def test_dry_run_writes_and_sends_nothing(db: Database, server: RobotServer, clock: FakeClock,
                                          client: RobotClient) -> None:
    gids = _robots(db, server, clock, ["wecom", "wecom"], limits=FAST) + add_groups(db, ["手动群"], START)
    _broadcast(db, clock, gids)
    summary = _dispatcher(db, client, clock).run(dry_run=True)
    assert (summary.would_send, summary.manual_due) == (2, 1) and _rows(db) == [] and server.requests == 0


def test_secrets_stay_out_of_the_database_and_logs(db: Database, server: RobotServer, clock: FakeClock,
                                                   client: RobotClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    key = "c0ffee00-1234-secret"
    gid = add_groups(db, ["群S"], START)[0]
    ChannelService(db).add_robot(gid, server.add_robot("wecom", key))
    _broadcast(db, clock, [gid])
    server.fail("404", token=key)
    summary = _dispatcher(db, client, clock).run()
    assert summary.disabled_robots and key not in " ".join(summary.lines())
    with db.transaction() as session:
        reason = session.scalar(select(Channel.disabled_reason))
        errors = " ".join(session.scalars(select(Delivery.last_error)))
    assert key not in (reason or "") + errors + caplog.text
    assert key not in repr(ChannelService(db).list_channels())


def test_listing_flagged_sends_only_reads_the_dispatcher_flags(db: Database, server: RobotServer, clock: FakeClock,
                                                               client: RobotClient) -> None:
    gids = _robots(db, server, clock, ["wecom"], limits=FAST)
    _broadcast(db, clock, gids)
    service = BroadcastService(db, now=clock.now)
    service.materialize_due()
    with db.transaction() as session:  # a dispatcher claimed it and died; its lease has run out
        session.execute(update(Delivery).where(Delivery.id == 1).values(
            status=DeliveryStatus.SENDING, claimed_by="dead", lease_until=START - timedelta(minutes=1)))
    assert service.flagged() == []  # a page refresh writes nothing
    assert [d.flagged for d in _rows(db)] == [False]
    summary = _dispatcher(db, client, clock).run()  # the dispatcher flags it (at start-up, then every 30 s)
    assert summary.newly_flagged == 1 and [d.id for d in service.flagged()] == [1]
    assert server.delivered() == 0
