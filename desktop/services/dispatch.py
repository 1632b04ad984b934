"""The dispatcher: sends every delivery that is due by robot, at most once, within each robot's limits.

At most once, step by step:
1. A delivery is claimed with one conditional UPDATE (status pending -> sending, claimed_by, lease)
   and that is committed BEFORE the HTTP request. Two dispatchers (the GUI worker and a cron'd
   ``qundesk send-due``) race only in that UPDATE, and the database lets exactly one win.
2. After the answer the outcome is committed (WHERE claimed_by = me). A split text records each
   accepted part, so a retry continues after the parts already delivered.
3. A dispatcher that dies leaves `sending` rows behind. When their lease has expired the next run
   flags them: the operator confirms whether the message arrived. Nothing is resent automatically,
   and a request that got no answer (read timeout) is flagged the same way.
4. Retrying is only for answers that prove the message was not delivered (refused connection,
   5xx, the platform's "too many requests" codes).

Scheduling: one thread, one request at a time, always the robot that may send soonest. Each robot
has its own RateLimiter, so 50 robots at 20 a minute each proceed side by side and none waits for
another. Clocks: ``now`` (wall clock, for due times and leases) and ``monotonic``/``sleep`` (for
rate limits and backoff) are injectable, and a wall clock set back never resends anything.
"""

from __future__ import annotations

import heapq
import logging
import os
import random
import socket
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from desktop.domain.broadcasts import DispatchSummary
from desktop.domain.enums import ChannelKind, DeliveryStatus, MessageFormat
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.services.broadcasts import (
    SENDABLE,
    BroadcastService,
    enabled_channel_subquery,
    flag_expired_leases,
)
from desktop.services.interactions import audit
from desktop.services.robots import (
    SPECS,
    Attempt,
    Backoff,
    Outcome,
    RateLimiter,
    RobotClient,
    RobotEndpoint,
    message_parts,
    text_payload,
)
from desktop.store.engine import Database
from desktop.store.models import Broadcast, Channel, Delivery, Group

log = logging.getLogger(__name__)

DEFAULT_LEASE = timedelta(minutes=5)
#: longest single sleep, so a cancel is noticed quickly
SLEEP_SLICE = 0.5


def default_worker_id() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass
class _Job:
    """One delivery on its way: whether we hold it, when it may try again, how many tries it had."""

    delivery_id: int
    channel_id: int
    ready_at: float = 0.0
    claimed: bool = False
    tries: int = 0


class Dispatcher:
    """Sends due robot deliveries. One instance can run many times (the GUI keeps one): its rate
    limiters remember recent sends across runs."""

    def __init__(
        self,
        db: Database,
        *,
        client: RobotClient | None = None,
        now: Callable[[], datetime] = datetime.now,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        worker_id: str | None = None,
        lease: timedelta = DEFAULT_LEASE,
        backoff: Backoff | None = None,
        limits: dict[ChannelKind, tuple[tuple[int, float], ...]] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._db = db
        self._client = client
        self._now = now
        self._monotonic = monotonic
        self._sleep = sleep
        self.worker_id = worker_id or default_worker_id()
        self._lease = lease
        self._backoff = backoff or Backoff()
        self._limits = limits or {kind: spec.limits for kind, spec in SPECS.items()}
        self._rng = rng or random.Random()
        self._limiters: dict[int, RateLimiter] = {}
        self._broadcasts = BroadcastService(db, now=now)

    # ------------------------------------------------------------------ public
    def run(self, *, dry_run: bool = False, progress: ProgressFn | None = None,
            cancel: CancelToken | None = None) -> DispatchSummary:
        """Expand what fell due, then send every due robot delivery; returns what happened."""
        summary = DispatchSummary()
        if not dry_run:
            summary.newly_flagged = flag_expired_leases(self._db, self._wall())
        expanded = self._broadcasts.materialize_due(dry_run=dry_run)
        summary.created, summary.errors = expanded.created, expanded.problems
        due = self._due_robot_deliveries()
        summary.manual_due = len(self._broadcasts.manual_queue())
        if dry_run:
            summary.would_send = len(due) + expanded.by_robot
            summary.manual_due += expanded.by_hand
            return summary
        client = self._client or RobotClient()
        try:
            self._send_all(client, due, summary, progress, cancel)
        finally:
            if self._client is None:
                client.close()
        summary.flagged = self._count_flagged()
        return summary

    # ------------------------------------------------------------------ loading
    def _wall(self) -> datetime:
        """Full precision on purpose: a lease of a few seconds must not gain a second by rounding."""
        return self._now()

    def _due_robot_deliveries(self) -> list[tuple[int, int]]:
        """(delivery id, channel id) of pending deliveries due now whose group has an enabled robot."""
        robots = enabled_channel_subquery()
        with self._db.transaction() as session:
            rows = session.execute(
                select(Delivery.id, robots.c.channel_id)
                .join(Broadcast, Broadcast.id == Delivery.broadcast_id)
                .join(robots, robots.c.group_id == Delivery.group_id)
                .where(Delivery.status == DeliveryStatus.PENDING, Delivery.due_at <= self._wall(),
                       Broadcast.status.in_(SENDABLE))
                .order_by(Delivery.due_at, Delivery.id)).all()
        return [(int(d), int(c)) for d, c in rows]

    def _count_flagged(self) -> int:
        with self._db.transaction() as session:
            return int(session.scalar(select(func.count()).select_from(Delivery).where(
                Delivery.status == DeliveryStatus.SENDING, Delivery.flagged.is_(True))) or 0)

    def _limiter(self, channel_id: int, kind: ChannelKind) -> RateLimiter:
        limiter = self._limiters.get(channel_id)
        if limiter is None:
            limiter = self._limiters[channel_id] = RateLimiter(self._limits[kind], self._monotonic)
            self._seed(limiter, channel_id, max(window for _, window in self._limits[kind]))
        return limiter

    def _seed(self, limiter: RateLimiter, channel_id: int, window: float) -> None:
        """Count what other runs sent through this robot within the last window (a cron'd
        ``send-due`` a minute after the previous one must not start with a full bucket). Each such
        delivery counts as its parts, stamped at its last update (a conservative stand-in)."""
        wall = self._wall()
        mono = self._monotonic()
        with self._db.transaction() as session:
            rows = session.execute(
                select(Delivery.updated_at, Delivery.parts_sent)
                .where(Delivery.channel_id == channel_id, Delivery.attempts > 0,
                       Delivery.updated_at >= wall - timedelta(seconds=window + 1),
                       Delivery.status.in_([DeliveryStatus.SENT, DeliveryStatus.SENDING, DeliveryStatus.FAILED]))
                .order_by(Delivery.updated_at)).all()
        for updated_at, parts in rows:
            at = mono - max(0.0, (wall - updated_at).total_seconds())
            for _ in range(max(1, int(parts or 0))):
                limiter.record_at(at)

    def _endpoint(self, channel_id: int) -> tuple[RobotEndpoint, str] | None:
        with self._db.transaction() as session:
            channel = session.get(Channel, channel_id)
            if channel is None or not channel.enabled:
                return None
            group = session.get(Group, channel.group_id) if channel.group_id else None
            label = f"{channel.name or SPECS[ChannelKind(channel.kind)].label + '机器人'} #{channel.id}"
            if group is not None:
                label += f" (群“{group.name}”)"
            return RobotEndpoint(ChannelKind(channel.kind), channel.webhook_url, channel.secret), label

    # ------------------------------------------------------------------ the loop
    def _send_all(self, client: RobotClient, due: list[tuple[int, int]], summary: DispatchSummary,
                  progress: ProgressFn | None, cancel: CancelToken | None) -> None:
        """Per robot a FIFO queue (a split text's parts and its retries stay together); a heap of
        robots keyed by when each may send next picks the one to serve."""
        queues: dict[int, deque[_Job]] = defaultdict(deque)
        for delivery_id, channel_id in due:
            queues[channel_id].append(_Job(delivery_id, channel_id))
        heap = [(0.0, n, channel_id) for n, channel_id in enumerate(queues)]
        heapq.heapify(heap)
        seq = len(heap)
        total, done = len(due), 0
        while heap and not summary.cancelled:
            key, _, channel_id = heapq.heappop(heap)
            queue = queues[channel_id]
            entry = self._endpoint(channel_id) if queue else None
            if entry is None:  # robot stopped or removed meanwhile: its deliveries wait in the manual queue
                done += self._drop(queue, "机器人已停用, 请手动发送")
                continue
            endpoint, label = entry
            limiter = self._limiter(channel_id, endpoint.kind)
            now = self._monotonic()
            ready = max(queue[0].ready_at, now + limiter.delay())
            if ready > now and ready > key + 1e-6:  # stale key (this robot sent since): requeue at the true time
                seq += 1
                heapq.heappush(heap, (ready, seq, channel_id))
                continue
            if not self._wait_until(ready, cancel):
                summary.cancelled = True
                break
            job = queue[0]
            outcome = self._step(client, job, endpoint, label, limiter, summary)
            if outcome is not None:
                queue.popleft()
                done += 1
                if progress is not None:
                    progress(done, total, f"已处理 {done}/{total}")
                if outcome is Outcome.BROKEN:
                    done += self._drop(queue, "机器人已停用, 请手动发送")
            if queue:
                seq += 1
                heapq.heappush(heap, (max(queue[0].ready_at, self._monotonic()), seq, channel_id))
        for queue in queues.values():  # cancelled: what this run holds goes back (its last try failed)
            self._drop(queue, "发送已取消, 留待下次")
        if progress is not None:
            progress(total, total, "完成")

    def _drop(self, queue: deque[_Job], message: str) -> int:
        count = len(queue)
        while queue:
            job = queue.popleft()
            if job.claimed:
                self._release(job.delivery_id, message)
        return count

    def _wait_until(self, ready: float, cancel: CancelToken | None) -> bool:
        """Sleep (in slices, so a cancel is seen) until the monotonic clock reaches ``ready``."""
        wait = ready - self._monotonic()
        while wait > 0:
            if cancel is not None and cancel.cancelled:
                return False
            self._sleep(min(wait, SLEEP_SLICE))
            wait = ready - self._monotonic()
        return not (cancel is not None and cancel.cancelled)

    def _step(self, client: RobotClient, job: _Job, endpoint: RobotEndpoint, label: str, limiter: RateLimiter,
              summary: DispatchSummary) -> Outcome | None:
        """Claim if needed, send the next part, record the outcome; the final outcome, or None to go on."""
        if not job.claimed:
            if not self._claim(job):
                return Outcome.REJECTED  # another dispatcher has it, or it was cancelled / done by hand meanwhile
            job.claimed = True
        loaded = self._load(job.delivery_id)
        if loaded is None:
            return Outcome.REJECTED
        body, fmt, parts_sent = loaded
        parts = message_parts(endpoint.kind, body, fmt)
        if parts_sent >= len(parts):
            self._finish_sent(job.delivery_id)
            summary.sent += 1
            return Outcome.SENT
        job.tries += 1
        attempt = client.post(endpoint, text_payload(endpoint.kind, parts[parts_sent], fmt))
        limiter.record()
        if attempt.outcome is Outcome.SENT:
            job.tries = 0
            if parts_sent + 1 < len(parts):
                self._record_part(job.delivery_id, parts_sent + 1)
                return None
            self._finish_sent(job.delivery_id, parts=len(parts))
            summary.sent += 1
            return Outcome.SENT
        if attempt.retryable and job.tries < self._backoff.max_attempts:
            delay = self._backoff.delay(job.tries, self._rng)
            if attempt.outcome is Outcome.RATE_LIMITED:  # someone else used the allowance: wait a whole window
                delay = max(delay, max(window for _, window in self._limits[endpoint.kind]))
            limiter.block_for(delay)
            job.ready_at = self._monotonic() + delay
            summary.retried += 1
            self._renew(job.delivery_id, delay, attempt.message)
            return None
        return self._give_up(job, attempt, label, summary)

    def _give_up(self, job: _Job, attempt: Attempt, label: str, summary: DispatchSummary) -> Outcome:
        if attempt.outcome is Outcome.UNKNOWN:
            self._flag(job.delivery_id, attempt.message)
        elif attempt.outcome is Outcome.BROKEN:
            self._disable_channel(job.channel_id, attempt.message)
            self._release(job.delivery_id, f"{attempt.message}; 机器人已停用, 请手动发送或修好机器人后重试")
            summary.disabled_robots.append(f"{label}: {attempt.message}")
        else:
            message = attempt.message
            if attempt.retryable:
                message = f"重试 {job.tries} 次后仍失败: {message}"
            self._fail(job.delivery_id, message)
            summary.failed += 1
        return attempt.outcome

    # ------------------------------------------------------------------ database steps
    def _claim(self, job: _Job) -> bool:
        now = self._wall()
        with self._db.transaction() as session:
            result = session.execute(
                update(Delivery)
                .where(Delivery.id == job.delivery_id, Delivery.status == DeliveryStatus.PENDING,
                       Delivery.due_at <= now)
                .values(status=DeliveryStatus.SENDING, claimed_by=self.worker_id, lease_until=now + self._lease,
                        attempts=Delivery.attempts + 1, flagged=False, channel_id=job.channel_id,
                        updated_at=now))
            return result.rowcount == 1  # type: ignore[attr-defined]

    def _mine(self, delivery_id: int):  # type: ignore[no-untyped-def]
        return update(Delivery).where(Delivery.id == delivery_id, Delivery.status == DeliveryStatus.SENDING,
                                      Delivery.claimed_by == self.worker_id)

    def _load(self, delivery_id: int) -> tuple[str, MessageFormat, int] | None:
        with self._db.transaction() as session:
            row = session.execute(select(Delivery.body_rendered, Broadcast.format, Delivery.parts_sent, Delivery.status,
                                         Delivery.claimed_by)
                                  .join(Broadcast, Broadcast.id == Delivery.broadcast_id)
                                  .where(Delivery.id == delivery_id)).one_or_none()
        if row is None or row.status is not DeliveryStatus.SENDING or row.claimed_by != self.worker_id:
            return None
        return row.body_rendered, MessageFormat(row.format), int(row.parts_sent or 0)

    def _finish_sent(self, delivery_id: int, parts: int | None = None) -> None:
        now = self._wall()
        values = {"status": DeliveryStatus.SENT, "sent_at": now, "last_error": "", "flagged": False,
                  "lease_until": None, "updated_at": now}
        if parts is not None:
            values["parts_sent"] = parts
        with self._db.transaction() as session:
            session.execute(self._mine(delivery_id).values(**values))

    def _record_part(self, delivery_id: int, parts_sent: int) -> None:
        now = self._wall()
        with self._db.transaction() as session:
            session.execute(self._mine(delivery_id).values(parts_sent=parts_sent, lease_until=now + self._lease,
                                                           updated_at=now))

    def _renew(self, delivery_id: int, delay: float, message: str) -> None:
        now = self._wall()
        with self._db.transaction() as session:
            session.execute(self._mine(delivery_id).values(
                lease_until=now + self._lease + timedelta(seconds=delay), last_error=message,
                attempts=Delivery.attempts + 1, updated_at=now))

    def _fail(self, delivery_id: int, message: str) -> None:
        now = self._wall()
        with self._db.transaction() as session:
            session.execute(self._mine(delivery_id).values(status=DeliveryStatus.FAILED, last_error=message,
                                                           lease_until=None, updated_at=now))

    def _flag(self, delivery_id: int, message: str) -> None:
        now = self._wall()
        with self._db.transaction() as session:
            session.execute(self._mine(delivery_id).values(
                flagged=True, lease_until=now, updated_at=now,
                last_error=f"{message}; 请到群里确认是否收到 (不会自动重发)"))

    def _release(self, delivery_id: int, message: str) -> None:
        """Back to pending: only after an attempt that certainly did not deliver."""
        now = self._wall()
        with self._db.transaction() as session:
            session.execute(self._mine(delivery_id).values(status=DeliveryStatus.PENDING, claimed_by=None,
                                                           lease_until=None, last_error=message, updated_at=now))

    def _disable_channel(self, channel_id: int, reason: str) -> None:
        now = self._wall()
        with self._db.transaction() as session:
            session.execute(update(Channel).where(Channel.id == channel_id)
                            .values(enabled=False, disabled_reason=reason[:1000], disabled_at=now))
            audit(session, "disable", "channel", [channel_id], {"by": "dispatcher"})
        log.warning("robot #%s disabled: %s", channel_id, reason)


__all__ = ["DEFAULT_LEASE", "Dispatcher", "default_worker_id"]
