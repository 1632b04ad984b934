"""The interaction log: quick entry, the interactions page, follow-ups (待跟进). One transaction per call.

Every write keeps GroupDayStat equal to a recount from interactions (``desktop.domain.stats``): a
row exists for a group and day with any interaction; ``messages`` counts MESSAGE_KINDS,
``active_members`` the distinct members with a message-kind interaction, ``joins`` / ``leaves``
the join and leave interactions. Writes apply deltas rather than recounting a day, so day stats
an import brought in without interactions are left as they were.

Logging a join creates the membership (or re-opens one that had a leave date); logging a leave
sets the leave date. Both adjust the group's ``member_count``. Deleting an interaction changes
only the log and the day stats, never a membership.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, delete, func, insert, select, update
from sqlalchemy.orm import Session

from desktop.domain.enums import InteractionKind, Role
from desktop.domain.errors import NotFoundError
from desktop.domain.members import (
    DayCounts,
    FollowUps,
    InteractionDraft,
    InteractionDTO,
    InteractionFilter,
)
from desktop.domain.stats import MESSAGE_KINDS
from desktop.store.engine import Database
from desktop.store.models import AuditLog, Group, GroupDayStat, Interaction, Member, Membership

#: ids per IN (...) list: far below every driver's parameter limit
CHUNK = 500
#: the interactions page lists at most this many ids, newest first
LIST_LIMIT = 50_000
#: rows per follow-up bucket
FOLLOW_UP_LIMIT = 1000

Cell = tuple[int, date]


def chunks(ids: Sequence[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(ids), size):
        yield list(ids[start:start + size])


def audit(session: Session, action: str, entity: str, ids: Iterable[int | None], detail: dict | None = None) -> None:
    text = json.dumps(detail or {}, ensure_ascii=False, default=str)
    session.add_all(AuditLog(action=action, entity=entity, entity_id=i, detail_json=text) for i in ids)


# --------------------------------------------------------------------------------------------------
# shared write path (used by the member and snapshot services in their own transactions)


def bump_day_stat(session: Session, group_id: int, day: date, delta: DayCounts) -> None:
    """Add ``delta`` to the group's day row, creating it if missing."""
    values = {"messages": delta.messages, "active_members": delta.active_members,
              "joins": delta.joins, "leaves": delta.leaves}
    changed = session.execute(
        update(GroupDayStat)
        .where(GroupDayStat.group_id == group_id, GroupDayStat.day == day)
        .values({getattr(GroupDayStat, k): getattr(GroupDayStat, k) + v for k, v in values.items()})
    ).rowcount
    if not changed:
        session.execute(insert(GroupDayStat).values(
            group_id=group_id, day=day, **{k: max(0, v) for k, v in values.items()}))


def _speaks(session: Session, group_id: int, day: date, member_id: int) -> bool:
    """Has the member a message-kind interaction in the group that day already?"""
    return session.scalar(
        select(Interaction.id).where(
            Interaction.member_id == member_id, Interaction.group_id == group_id, Interaction.day == day,
            Interaction.kind.in_(MESSAGE_KINDS),
        ).limit(1)
    ) is not None


def record_interaction(session: Session, draft: InteractionDraft, *, role: Role = Role.LURKER,
                       group_nickname: str = "") -> int:
    """Insert one validated interaction with its day-stat and membership effects; returns its id.
    ``role`` and ``group_nickname`` apply to a membership a join creates."""
    assert draft.occurred_at is not None, "validate the draft first"
    kind = InteractionKind(draft.kind)
    day = draft.occurred_at.date()
    message = kind in MESSAGE_KINDS
    newly_active = (message and draft.group_id is not None and draft.member_id is not None
                    and not _speaks(session, draft.group_id, day, draft.member_id))
    new_id = session.execute(insert(Interaction).values(
        occurred_at=draft.occurred_at, day=day, group_id=draft.group_id, member_id=draft.member_id, kind=kind,
        summary=draft.summary, amount_cents=draft.amount_cents, follow_up_on=draft.follow_up_on,
        follow_up_done=False, created_at=datetime.now(),
    )).inserted_primary_key[0]
    if draft.group_id is not None:
        bump_day_stat(session, draft.group_id, day, DayCounts(
            messages=int(message), active_members=int(newly_active),
            joins=int(kind is InteractionKind.JOIN), leaves=int(kind is InteractionKind.LEAVE)))
        if draft.member_id is not None and kind is InteractionKind.JOIN:
            _join(session, draft.member_id, draft.group_id, day, role, group_nickname)
        elif draft.member_id is not None and kind is InteractionKind.LEAVE:
            _leave(session, draft.member_id, draft.group_id, day)
    return int(new_id)


def _adjust_member_count(session: Session, group_id: int, delta: int) -> None:
    count = Group.member_count + delta
    session.execute(update(Group).where(Group.id == group_id).values(member_count=case((count < 0, 0), else_=count)))


def _join(session: Session, member_id: int, group_id: int, day: date, role: Role, group_nickname: str) -> None:
    row = session.execute(select(Membership.id, Membership.left_on).where(
        Membership.member_id == member_id, Membership.group_id == group_id)).first()
    if row is None:
        session.execute(insert(Membership).values(member_id=member_id, group_id=group_id, role=role, is_admin=False,
                                                   joined_on=day, left_on=None, group_nickname=group_nickname))
    elif row.left_on is not None:  # back again: the membership re-opens from this day
        session.execute(update(Membership).where(Membership.id == row.id).values(joined_on=day, left_on=None))
    else:
        return
    _adjust_member_count(session, group_id, 1)


def _leave(session: Session, member_id: int, group_id: int, day: date) -> None:
    row = session.execute(select(Membership.id, Membership.left_on).where(
        Membership.member_id == member_id, Membership.group_id == group_id)).first()
    if row is None:  # never recorded as joined: keep the fact that they were there and left
        session.execute(insert(Membership).values(member_id=member_id, group_id=group_id, role=Role.LURKER,
                                                   is_admin=False, joined_on=None, left_on=day, group_nickname=""))
    elif row.left_on is None:
        session.execute(update(Membership).where(Membership.id == row.id).values(left_on=day))
        _adjust_member_count(session, group_id, -1)


def message_speakers(session: Session, cells: Iterable[Cell]) -> dict[Cell, set[int]]:
    """Members with a message-kind interaction per (group, day), for the cells asked."""
    by_group: dict[int, set[date]] = defaultdict(set)
    for group_id, day in cells:
        by_group[group_id].add(day)
    result: dict[Cell, set[int]] = defaultdict(set)
    for group_id, days in by_group.items():
        for part in chunks(sorted(days)):
            rows = session.execute(
                select(Interaction.day, Interaction.member_id).distinct().where(
                    Interaction.group_id == group_id, Interaction.day.in_(part),
                    Interaction.kind.in_(MESSAGE_KINDS), Interaction.member_id.is_not(None))
            )
            for day, member_id in rows:
                result[(group_id, day)].add(member_id)
    return result


def drop_empty_day_stats(session: Session, cells: Iterable[Cell]) -> None:
    """Remove day rows left all zero with no interaction behind them (a recount would have none)."""
    for group_id, day in cells:
        left = session.scalar(select(Interaction.id).where(
            Interaction.group_id == group_id, Interaction.day == day).limit(1))
        if left is None:
            session.execute(delete(GroupDayStat).where(
                GroupDayStat.group_id == group_id, GroupDayStat.day == day, GroupDayStat.messages == 0,
                GroupDayStat.active_members == 0, GroupDayStat.joins == 0, GroupDayStat.leaves == 0))


def interaction_rows(session: Session, ids: Sequence[int]) -> list[InteractionDTO]:
    """DTOs in the order of ``ids``; ids that no longer exist are skipped."""
    found: dict[int, InteractionDTO] = {}
    for part in chunks(list(ids)):
        for row in session.execute(
            select(Interaction.id, Interaction.occurred_at, Interaction.day, Interaction.group_id,
                   func.coalesce(Group.name, ""), Interaction.member_id, func.coalesce(Member.nickname, ""),
                   Interaction.kind, Interaction.summary, Interaction.amount_cents, Interaction.follow_up_on,
                   Interaction.follow_up_done)
            .outerjoin(Group, Group.id == Interaction.group_id)
            .outerjoin(Member, Member.id == Interaction.member_id)
            .where(Interaction.id.in_(part))
        ):
            found[row[0]] = InteractionDTO(*row)
    return [found[i] for i in ids if i in found]


# --------------------------------------------------------------------------------------------------
# the service


class InteractionService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def log(self, draft: InteractionDraft, now: datetime | None = None) -> InteractionDTO:
        """Save one quick-entry line: the interaction, its day stats and (join/leave) membership."""
        clean = draft.validated(now or datetime.now())
        with self._db.transaction() as session:
            if clean.group_id is not None and session.get(Group, clean.group_id) is None:
                raise NotFoundError(f"群 #{clean.group_id} 不存在 (可能已被删除)")
            if clean.member_id is not None and session.get(Member, clean.member_id) is None:
                raise NotFoundError(f"成员 #{clean.member_id} 不存在 (可能已被删除或合并)")
            new_id = record_interaction(session, clean)
            if clean.member_id is not None:
                # keep the member's cached activity level right until the next full refresh
                from .activity_cache import refresh_member_levels  # a cycle at import time otherwise

                refresh_member_levels(session, [clean.member_id], (now or datetime.now()).date())
            return interaction_rows(session, [new_id])[0]

    # ----------------------------------------------------------------- reading
    def list_ids(self, interaction_filter: InteractionFilter | None = None, *, descending: bool = True,
                 limit: int | None = LIST_LIMIT) -> list[int]:
        """Ids matching the filter, newest first (oldest first when not ``descending``)."""
        f = interaction_filter or InteractionFilter()
        stmt = select(Interaction.id)
        if f.kinds:
            stmt = stmt.where(Interaction.kind.in_(f.kinds))
        if f.group_ids:
            stmt = stmt.where(Interaction.group_id.in_(f.group_ids))
        if f.member_ids:
            stmt = stmt.where(Interaction.member_id.in_(f.member_ids))
        if f.since is not None:
            stmt = stmt.where(Interaction.day >= f.since)
        if f.until is not None:
            stmt = stmt.where(Interaction.day <= f.until)
        if f.has_follow_up is not None:
            stmt = stmt.where(Interaction.follow_up_on.is_not(None) if f.has_follow_up
                              else Interaction.follow_up_on.is_(None))
        if f.done is not None:
            stmt = stmt.where(Interaction.follow_up_on.is_not(None), Interaction.follow_up_done.is_(f.done))
        order = (Interaction.day, Interaction.occurred_at, Interaction.id)
        stmt = stmt.order_by(*(c.desc() for c in order) if descending else order)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._db.transaction() as session:
            return list(session.connection().execute(stmt).scalars())

    def rows(self, ids: Sequence[int]) -> list[InteractionDTO]:
        with self._db.transaction() as session:
            return interaction_rows(session, ids)

    def follow_ups(self, today: date | None = None, *, upcoming_days: int = 7,
                   limit: int = FOLLOW_UP_LIMIT) -> FollowUps:
        """Open follow-ups: overdue (before today), due today, and due in the next ``upcoming_days``."""
        today = today or date.today()
        buckets = (
            Interaction.follow_up_on < today,
            Interaction.follow_up_on == today,
            and_(Interaction.follow_up_on > today, Interaction.follow_up_on <= today + timedelta(days=upcoming_days)),
        )
        with self._db.transaction() as session:
            found = []
            for condition in buckets:
                ids = list(session.scalars(
                    select(Interaction.id)
                    .where(Interaction.follow_up_on.is_not(None), Interaction.follow_up_done.is_(False), condition)
                    .order_by(Interaction.follow_up_on, Interaction.occurred_at, Interaction.id)
                    .limit(limit)))
                found.append(tuple(interaction_rows(session, ids)))
        return FollowUps(*found)

    def recount_day_stats(self, group_ids: Iterable[int] | None = None) -> dict[Cell, DayCounts]:
        """What GroupDayStat should hold, recounted from the interactions (for checks and tests)."""
        kind_is = Interaction.kind
        stmt = select(
            Interaction.group_id, Interaction.day,
            func.sum(_flag(kind_is.in_(MESSAGE_KINDS))),
            func.count(case((kind_is.in_(MESSAGE_KINDS), Interaction.member_id)).distinct()),
            func.sum(_flag(kind_is == InteractionKind.JOIN)),
            func.sum(_flag(kind_is == InteractionKind.LEAVE)),
        ).where(Interaction.group_id.is_not(None)).group_by(Interaction.group_id, Interaction.day)
        if group_ids is not None:
            stmt = stmt.where(Interaction.group_id.in_(list(group_ids)))
        with self._db.transaction() as session:
            return {(g, d): DayCounts(int(m), int(a), int(j), int(lv)) for g, d, m, a, j, lv in session.execute(stmt)}

    # ----------------------------------------------------------------- writing
    def complete_follow_up(self, ids: Sequence[int]) -> int:
        """Mark open follow-ups done (bulk); returns how many changed."""
        changed = 0
        with self._db.transaction() as session:
            for part in chunks(list(ids)):
                changed += session.execute(
                    update(Interaction)
                    .where(Interaction.id.in_(part), Interaction.follow_up_on.is_not(None),
                           Interaction.follow_up_done.is_(False))
                    .values(follow_up_done=True)
                ).rowcount
            audit(session, "complete_follow_up", "interaction", [None], {"ids": sorted(ids)})
        return changed

    def delete(self, ids: Sequence[int]) -> int:
        """Delete interactions (bulk) and take them out of the day stats; memberships stay."""
        with self._db.transaction() as session:
            deleted = delete_interactions(session, list(ids))
            audit(session, "delete", "interaction", [None], {"ids": sorted(ids)})
            return deleted


def _flag(condition):  # type: ignore[no-untyped-def]
    """1 where the condition holds, else 0 (portable SUM of a boolean)."""
    return case((condition, 1), else_=0)


def delete_interactions(session: Session, ids: list[int]) -> int:
    """Delete the interactions and subtract them from GroupDayStat (active members recounted per cell)."""
    rows = []
    for part in chunks(ids):
        rows += session.execute(select(Interaction.group_id, Interaction.day, Interaction.member_id, Interaction.kind)
                                .where(Interaction.id.in_(part))).all()
    grouped = [r for r in rows if r.group_id is not None]
    cells = {(r.group_id, r.day) for r in grouped}
    before = message_speakers(session, cells)
    deleted = 0
    for part in chunks(ids):
        deleted += session.execute(delete(Interaction).where(Interaction.id.in_(part))).rowcount
    after = message_speakers(session, cells)
    deltas: dict[Cell, list[int]] = {cell: [0, 0, 0, 0] for cell in cells}
    for r in grouped:
        counts = deltas[(r.group_id, r.day)]
        counts[0] -= r.kind in MESSAGE_KINDS
        counts[2] -= r.kind is InteractionKind.JOIN
        counts[3] -= r.kind is InteractionKind.LEAVE
    for cell, counts in deltas.items():
        counts[1] = len(after.get(cell, ())) - len(before.get(cell, ()))
        bump_day_stat(session, *cell, DayCounts(*counts))
    drop_empty_day_stats(session, cells)
    return deleted
