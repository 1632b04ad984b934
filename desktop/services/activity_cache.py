"""Members' activity levels computed in bulk and cached in ``members.activity_level``.

``desktop.domain.activity.assess`` takes one member's events and measures them at today and at
every replayed period start (eight measures with the defaults); called once per member that is
about 1.5 ms, five minutes for 200,000 members. Here the same arithmetic runs column-wise with
numpy: one pass over the interactions that can matter gives (member, age in days, kind weight)
columns, and each measure of a block of members is a handful of array operations (a weighted
bincount per window, a presence matrix for weeks and months). A test checks the result against
``assess`` member by member.

Equality with ``assess``: the score of a window is the sum of ``weight x multiplier`` over events,
like ``measure``; only the order of that float sum differs (and numpy rounds to 6 decimals by
scaling), which cannot change a result while weights and multipliers are binary fractions (the
defaults: 0.5, 1, 2, ..., x0.25) and in practice does not otherwise.

The cache is kept right between full refreshes by the writes in this package that change a
member's events or staff status (logging an interaction, bulk join/leave, merging duplicates,
creating a member): they call ``refresh_member_levels`` for the members they touched, in their own
transaction. Writes elsewhere (imports, snapshots, admin flags, deleting interactions) leave the
cache as it was until the next full refresh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import chain
from typing import Any

import numpy as np
from sqlalchemy import Date, Integer, String, Table, case, literal, select, type_coerce, update
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from desktop.domain.activity import ActivityParams, events_needed_from, replay_starts
from desktop.domain.enums import InteractionKind
from desktop.store.models import Interaction, Member, Membership

from .interactions import chunks

MEMBER_TABLE: Table = Member.__table__  # type: ignore[assignment]


class days_before(FunctionElement[int]):
    """Whole days from a DATE column to a later day (``today - day``), computed by the database."""

    type = Integer()
    name = "days_before"
    inherit_cache = True


@compiles(days_before)
def _days_before(element: days_before, compiler: Any, **kw: Any) -> str:
    today, day = element.clauses.clauses
    return f"(CAST({compiler.process(today, **kw)} AS DATE) - {compiler.process(day, **kw)})"


@compiles(days_before, "sqlite")
def _days_before_sqlite(element: days_before, compiler: Any, **kw: Any) -> str:
    today, day = element.clauses.clauses
    return f"CAST(julianday({compiler.process(today, **kw)}) - julianday({compiler.process(day, **kw)}) AS INTEGER)"


def _staff_ids(session: Session, member_ids: Sequence[int], id_range: tuple[int, int] | None) -> set[int]:
    """Admins of a group they are still in: staff, who get no level."""
    stmt = select(Membership.member_id).distinct().where(Membership.is_admin.is_(True), Membership.left_on.is_(None))
    if id_range is not None:
        return set(session.connection().execute(stmt.where(Membership.member_id.between(*id_range))).scalars())
    staff: set[int] = set()
    for part in chunks(list(member_ids)):
        staff.update(session.connection().execute(stmt.where(Membership.member_id.in_(part))).scalars())
    return staff


def _event_query(today: date, params: ActivityParams):  # type: ignore[no-untyped-def]
    """(member id, age in days at ``today``, kind weight) of every interaction that can matter.

    Age and weight come from the database as numbers, so a batch of rows turns into numpy arrays
    without Python work per row (parsing the days in Python tripled the read time at 5M rows).
    Kinds weighing nothing are dropped in numpy, not by a kind IN (...): that made SQLite read
    through the (kind, day) index instead of the member's rows.
    """
    weights = {InteractionKind(k).value: float(w) for k, w in params.weights.items()}
    weight = case(weights, value=type_coerce(Interaction.kind, String), else_=0.0) if weights else literal(0.0)
    return select(Interaction.member_id, days_before(literal(today, Date), Interaction.day), weight).where(
        Interaction.day >= events_needed_from(today, params), Interaction.day <= today)


class _Positions:
    """Member id -> position in a sorted id array: a dense table when the ids allow it (a lookup per
    event instead of a binary search: the search was the slowest numpy step at 5M events)."""

    DENSE_LIMIT = 20_000_000

    def __init__(self, ids: np.ndarray) -> None:
        self.ids = ids
        self.table: np.ndarray | None = None
        if ids.size and ids[0] >= 0 and ids[-1] < self.DENSE_LIMIT:
            self.table = np.full(int(ids[-1]) + 1, -1, dtype=np.int32)
            self.table[ids] = np.arange(ids.size, dtype=np.int32)

    def find(self, member_id: np.ndarray) -> np.ndarray:
        """Positions, -1 for ids not in the array."""
        if self.table is not None:
            inside = (member_id >= 0) & (member_id < self.table.size)
            return np.where(inside, self.table[np.where(inside, member_id, 0)], -1)
        where = np.searchsorted(self.ids, member_id)
        known = (where < self.ids.size) & (self.ids[np.minimum(where, self.ids.size - 1)] == member_id)
        return np.where(known, where, -1)


class _Events:
    """Events as columns: position of the member in the member id array, age in days, kind weight."""

    def __init__(self, member: np.ndarray, age: np.ndarray, weight: np.ndarray) -> None:
        self.member, self.age, self.weight = member, age, weight

    @classmethod
    def empty(cls) -> _Events:
        return cls(np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, np.float64))

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[Any]], positions: _Positions) -> _Events:
        """Rows of unknown members, of kinds weighing nothing and after today are dropped."""
        if not rows:
            return cls.empty()
        # member ids and ages as float64 are exact (far below 2**53); fromiter over the flattened rows
        # is twice as fast as np.array on a list of tuples (and never probes SQLAlchemy Rows)
        table = np.fromiter(chain.from_iterable(rows), dtype=np.float64, count=3 * len(rows)).reshape(-1, 3)
        where = positions.find(table[:, 0].astype(np.int64))
        age, weight = table[:, 1].astype(np.int32), table[:, 2]
        keep = (where >= 0) & (weight > 0) & (age >= 0)
        return cls(where[keep].astype(np.int32), age[keep], weight[keep])

    @classmethod
    def join(cls, parts: list[_Events]) -> _Events:
        if not parts:
            return cls.empty()
        return cls(*(np.concatenate([getattr(p, name) for p in parts]) for name in ("member", "age", "weight")))

    def take(self, index: np.ndarray | slice, offset: int = 0) -> _Events:
        return _Events(self.member[index] - offset, self.age[index], self.weight[index])


def compute_levels(session: Session, member_ids: Sequence[int], today: date,
                   params: ActivityParams) -> dict[int, int | None]:
    """Level per member as ``assess`` gives it (None for staff), for a few members (IN lists)."""
    ids = np.array(sorted(set(member_ids)), dtype=np.int64)
    if ids.size == 0:
        return {}
    rows: list[Any] = []
    conn = session.connection()
    for part in chunks(ids.tolist()):
        rows += conn.execute(_event_query(today, params).where(Interaction.member_id.in_(part))).all()
    levels = _levels(ids.size, _Events.from_rows(rows, _Positions(ids)), today, params)
    return _with_staff(ids, levels, _staff_ids(session, ids.tolist(), None))


def _with_staff(ids: np.ndarray, levels: np.ndarray, staff: set[int]) -> dict[int, int | None]:
    return {i: (None if i in staff else level) for i, level in zip(ids.tolist(), levels.tolist(), strict=True)}


def read_all_events(session: Session, ids: np.ndarray, today: date, params: ActivityParams, block: int,
                    on_batch: Callable[[int], None] | None = None, batch: int = 100_000) -> list[_Events]:
    """Every event that can matter for the members ``ids`` (sorted), in one pass over the interactions,
    split into blocks of ``block`` members (``ids[k * block:(k + 1) * block]``), member positions
    re-based to the block. ``on_batch(rows read so far)`` runs between batches (progress, cancel)."""
    conn = session.connection()
    stmt = _event_query(today, params).where(Interaction.member_id.is_not(None))
    batches: Iterable[Sequence[Any]]
    if conn.dialect.name == "sqlite":
        # the driver's own cursor: building SQLAlchemy rows took longer than SQLite reading them. The
        # statement holds only our own values (a day, kind names, weights), so they are inlined.
        cursor = conn.connection.cursor()
        cursor.execute(str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})))
        batches = iter(lambda: cursor.fetchmany(batch), [])
    else:
        batches = conn.execution_options(stream_results=True, yield_per=batch).execute(stmt).partitions(batch)
    positions = _Positions(ids)
    parts: list[_Events] = []
    read = 0
    for rows in batches:
        parts.append(_Events.from_rows(rows, positions))
        read += len(rows)
        if on_batch is not None:
            on_batch(read)
    events = _Events.join(parts)
    blocks = -(-ids.size // block)
    # sorting by block number alone (a radix sort on int16) is ten times faster than by member
    number = events.member // block
    order = np.argsort(number.astype(np.int16) if blocks < 2**15 else number, kind="stable")
    events = events.take(order)
    bounds = np.searchsorted(number[order], np.arange(blocks + 1))
    return [events.take(slice(bounds[k], bounds[k + 1]), offset=k * block) for k in range(blocks)]


def levels_of_block(session: Session, ids: np.ndarray, events: _Events, today: date,
                    params: ActivityParams) -> dict[int, int | None]:
    """Levels of a block of members (``ids`` sorted), given the block's events from ``read_all_events``."""
    staff = _staff_ids(session, ids.tolist(), (int(ids[0]), int(ids[-1])))
    return _with_staff(ids, _levels(ids.size, events, today, params), staff)


def _levels(n: int, events: _Events, today: date, params: ActivityParams) -> np.ndarray:
    member, age0, weight = events.member, events.age, events.weight
    limits = [limit for limit, _ in params.windows]
    multipliers = np.array([multiplier for _, multiplier in params.windows], dtype=np.float64)
    # window index by age, as measure() picks it: the first window listed whose limit is above the
    # age; len(limits) for none
    horizon = max([0, *limits])
    window_of_age = np.array([next((i for i, limit in enumerate(limits) if age < limit), len(limits))
                              for age in range(horizon + 1)], dtype=np.int64)
    rules = sorted(params.rules, key=lambda r: r.level)

    def distinct_buckets(member_: np.ndarray, bucket: np.ndarray, buckets: int) -> np.ndarray:
        present = np.zeros((n, max(buckets, 1)), dtype=bool)
        present[member_, bucket] = True
        return present.sum(axis=1)

    def level_at(as_of: date) -> np.ndarray:
        age = age0 - (today.toordinal() - as_of.toordinal())
        seen = age >= 0
        window = window_of_age[np.clip(age, 0, horizon)]
        counted = seen & (window < len(limits))
        score = np.zeros(n, dtype=np.float64)
        for index in range(len(limits)):  # window by window, then their sum, like measure()
            part = counted & (window == index)
            score = score + np.bincount(member[part], weights=weight[part] * multipliers[index], minlength=n)
        score = np.round(score, 6)
        weekly = seen & (age < 7 * params.presence_weeks)
        weeks = distinct_buckets(member[weekly], age[weekly] // 7, params.presence_weeks)
        monthly = seen & (age < 30 * params.presence_months)
        months = distinct_buckets(member[monthly], age[monthly] // 30, params.presence_months)
        level = np.full(n, 4, dtype=np.int64)
        for rule in reversed(rules):  # the best rule met is written last
            level[(score >= rule.min_score) & (weeks >= rule.min_weeks) & (months >= rule.min_months)] = int(rule.level)
        return level

    starts = replay_starts(today, params)
    carried = level_at(starts[0])
    for start in starts[1:]:  # upgrades at once, downgrades one level per period start
        computed = level_at(start)
        carried = np.where(computed <= carried, computed, carried + 1)
    return np.minimum(carried, level_at(today))


def store_levels(session: Session, levels: dict[int, int | None], today: date) -> None:
    """Write levels into the cache, set-based: one UPDATE per level value and block of ids."""
    by_level: dict[int | None, list[int]] = {}
    for member_id, level in levels.items():
        by_level.setdefault(level, []).append(member_id)
    conn = session.connection()
    for level, member_ids in by_level.items():
        for part in chunks(member_ids):
            conn.execute(update(MEMBER_TABLE).where(MEMBER_TABLE.c.id.in_(part))
                         .values(activity_level=level, activity_level_on=today))


def refresh_member_levels(session: Session, member_ids: Sequence[int], today: date | None = None,
                          params: ActivityParams | None = None) -> dict[int, int | None]:
    """Recompute and store the cached level of a few members (after a write that changed them)."""
    today = today or date.today()
    levels = compute_levels(session, [i for i in member_ids if i is not None], today, params or ActivityParams())
    store_levels(session, levels, today)
    return levels
