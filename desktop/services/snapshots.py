"""Member snapshots: a group's member list at a date (from an import or a paste) turned into joins and
leaves by diffing it against the group's current memberships. One transaction per call.

Matching a listed person to a member, in this order: the WeChat id (anywhere in the registry); then
the nickname (or in-group nickname) among the people who are or were in this group (when the list
gives a WeChat id, only those with no other WeChat id); else a new member is created. Each member is matched once, so two namesakes on
the list become two people. Joins and leaves go through the interaction log's write path, so the
memberships, GroupDayStat and the group's member count move together; applying the same list
again finds nothing to change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from desktop.domain.enums import InteractionKind, Role
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.members import (
    NICKNAME_MAX,
    InteractionDraft,
    SnapshotDiff,
    SnapshotEntry,
    normalise_wechat_id,
    parse_pasted_list,
)
from desktop.store.engine import Database
from desktop.store.models import Group, Interaction, Member, Membership

from .interactions import audit, chunks, record_interaction
from .text import search_key

__all__ = ["SOURCE", "EntryDetail", "SnapshotService", "SnapshotWrite", "apply_snapshot_in", "parse_pasted_list"]

#: ``Member.source`` of people first seen on a member list
SOURCE = "群成员名单"


@dataclass
class _Known:
    """A person who is or was in the group."""

    member_id: int
    nickname: str
    wechat_id: str | None
    group_nickname: str
    role: Role
    active: bool
    is_admin: bool = False


def _clean_entries(entries: Sequence[SnapshotEntry]) -> list[SnapshotEntry]:
    cleaned = []
    for line, entry in enumerate(entries, start=1):
        nickname = " ".join(entry.nickname.split())[:NICKNAME_MAX]
        wechat_id = normalise_wechat_id(entry.wechat_id)
        if not nickname and wechat_id is None:
            raise ValidationError(f"名单第 {line} 行没有昵称", "nickname")
        role = Role(entry.role) if entry.role is not None else None
        cleaned.append(SnapshotEntry(nickname or wechat_id or "", wechat_id,
                                     " ".join(entry.group_nickname.split())[:NICKNAME_MAX], role))
    return cleaned


@dataclass(frozen=True, slots=True)
class SnapshotWrite:
    """What ``apply_snapshot_in`` did."""

    diff: SnapshotDiff
    #: the member each entry was matched to (or created as), in list order; a person listed twice twice
    entry_members: tuple[int, ...]
    #: members still in the group whose in-group nickname, role or admin flag the list changed
    updated_ids: tuple[int, ...]
    #: with a batch: (entity, values before incl. the primary key) of every existing row changed, in order
    before: tuple[tuple[str, dict[str, Any]], ...]


class SnapshotService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def apply_snapshot(self, group_id: int, on_date: date, entries: Sequence[SnapshotEntry],
                       now: datetime | None = None) -> SnapshotDiff:
        """Record who joined and who left ``group_id`` by ``on_date``, given everyone in it that day."""
        now = now or datetime.now()
        with self._db.transaction() as session:
            written = apply_snapshot_in(session, group_id, on_date, entries, now)
            diff = written.diff
            audit(session, "apply_snapshot", "group", [group_id], {
                "on": on_date, "listed": len(entries), "joined": diff.joined, "left": diff.left,
                "created": len(diff.created_ids)})
            return diff


def apply_snapshot_in(session: Session, group_id: int, on_date: date, entries: Sequence[SnapshotEntry],
                      now: datetime, batch_id: int | None = None, *,
                      details: Sequence[EntryDetail | None] | None = None) -> SnapshotWrite:
    """The snapshot diff inside the caller's transaction. With ``batch_id`` (an import) the rows it
    inserts carry the batch and the previous values of the rows it changes are returned, so the
    import can be undone. ``details`` gives per entry a join date and admin flag from the list."""
    if on_date > now.date():
        raise ValidationError("名单日期不能晚于今天", "on_date")
    cleaned = _clean_entries(entries)
    extra = list(details) if details is not None else [None] * len(cleaned)
    at = datetime.combine(on_date, time.min)
    group = session.execute(select(Group.member_count, Group.updated_at).where(Group.id == group_id)).first()
    if group is None:
        raise NotFoundError(f"群 #{group_id} 不存在 (可能已被删除)")
    tracked = batch_id is not None
    memberships_before = _membership_rows(session, group_id) if tracked else {}
    before: list[tuple[str, dict[str, Any]]] = []
    known = _known(session, group_id)
    matched, created, entry_members = _match(session, cleaned, known, batch_id, before)
    active = {k.member_id for k in known.values() if k.active}
    present = [member_id for member_id, _, _ in matched]
    joined = [i for i in present if i not in active]
    left = sorted(active - set(present))
    interactions: list[int] = []
    updated: list[int] = []
    for member_id, entry, index in matched:
        detail = extra[index]
        if member_id in active:
            if _update_membership(session, group_id, known[member_id], entry, detail):
                updated.append(member_id)
            continue
        joined_on = detail.joined_on if detail is not None and detail.joined_on is not None else on_date
        when = datetime.combine(min(joined_on, on_date), time.min)
        draft = InteractionDraft(InteractionKind.JOIN, group_id, member_id, "成员名单: 进群",
                                 occurred_at=when).validated(now)
        interactions.append(record_interaction(session, draft, role=entry.role or Role.LURKER,
                                               group_nickname=entry.group_nickname))
        if detail is not None and detail.is_admin:
            session.execute(update(Membership).where(Membership.group_id == group_id,
                                                     Membership.member_id == member_id).values(is_admin=True))
    for member_id in left:
        draft = InteractionDraft(InteractionKind.LEAVE, group_id, member_id, "成员名单: 已不在群",
                                 occurred_at=at).validated(now)
        interactions.append(record_interaction(session, draft))
    _recount_members(session, group_id)
    if tracked:
        _track(session, group_id, batch_id, group, memberships_before, interactions, before)
    diff = SnapshotDiff(tuple(joined), tuple(left), tuple(i for i in present if i in active), tuple(created))
    return SnapshotWrite(diff, tuple(entry_members), tuple(updated), tuple(before))


@dataclass(frozen=True, slots=True)
class EntryDetail:
    """What a member-list file may say about a person beyond a pasted list."""

    joined_on: date | None = None
    is_admin: bool | None = None


MEMBERSHIP_COLUMNS = ("role", "is_admin", "joined_on", "left_on", "group_nickname")


def _membership_rows(session: Session, group_id: int) -> dict[int, dict[str, Any]]:
    columns = [getattr(Membership, name) for name in MEMBERSHIP_COLUMNS]
    return {row[0]: dict(zip(MEMBERSHIP_COLUMNS, row[1:], strict=True)) for row in session.execute(
        select(Membership.id, *columns).where(Membership.group_id == group_id))}


def _track(session: Session, group_id: int, batch_id: int | None, group: Any,
           memberships_before: dict[int, dict[str, Any]], interactions: list[int],
           before: list[tuple[str, dict[str, Any]]]) -> None:
    """Stamp what the call inserted with the batch and note the previous values of what it changed."""
    for part in chunks(interactions):
        session.execute(update(Interaction).where(Interaction.id.in_(part)).values(import_batch_id=batch_id))
    new = []
    for membership_id, values in _membership_rows(session, group_id).items():
        old = memberships_before.get(membership_id)
        if old is None:
            new.append(membership_id)
        elif old != values:
            before.append(("membership", {"id": membership_id, **old}))
    for part in chunks(new):
        session.execute(update(Membership).where(Membership.id.in_(part)).values(import_batch_id=batch_id))
    now = session.execute(select(Group.member_count, Group.updated_at).where(Group.id == group_id)).first()
    if now is not None and tuple(now) != tuple(group):
        before.append(("group", {"id": group_id, "member_count": group.member_count, "updated_at": group.updated_at}))


def _known(session: Session, group_id: int) -> dict[int, _Known]:
    rows = session.execute(
        select(Member.id, Member.nickname, Member.wechat_id, Membership.group_nickname, Membership.role,
               Membership.left_on, Membership.is_admin)
        .join(Membership, Membership.member_id == Member.id)
        .where(Membership.group_id == group_id)
        .order_by(Membership.left_on.is_not(None), Member.id)  # current members are matched first
    ).all()
    return {r.id: _Known(r.id, r.nickname, r.wechat_id, r.group_nickname, r.role, r.left_on is None, bool(r.is_admin))
            for r in rows}


def _match(session: Session, entries: list[SnapshotEntry], known: dict[int, _Known], batch_id: int | None,
           before: list[tuple[str, dict[str, Any]]]) -> tuple[list[tuple[int, SnapshotEntry, int]], list[int], list[int]]:
    """(member id, entry, index) per listed person in list order, the ids of members created and the
    member of every entry (a person listed twice appears twice)."""
    by_wechat: dict[str, int] = {}
    wanted = sorted({e.wechat_id for e in entries if e.wechat_id})
    for part in chunks(wanted):
        for member_id, wechat_id in session.execute(
                select(Member.id, Member.wechat_id).where(Member.wechat_id.in_(part)).order_by(Member.id)):
            # someone already in this group wins over a namesake id elsewhere
            if wechat_id not in by_wechat or (member_id in known and by_wechat[wechat_id] not in known):
                by_wechat[wechat_id] = member_id
    by_name: dict[str, list[int]] = defaultdict(list)
    for k in known.values():
        for name in {k.nickname, k.group_nickname} - {""}:
            by_name[name].append(k.member_id)
    claimed: set[int] = set()
    matched: list[tuple[int, SnapshotEntry, int]] = []
    created: list[int] = []
    entry_members: list[int] = []
    for index, entry in enumerate(entries):
        member_id = by_wechat.get(entry.wechat_id or "")
        if member_id is None:
            member_id = next((i for name in (entry.nickname, entry.group_nickname) if name
                              for i in by_name.get(name, ())
                              if i not in claimed
                              and (entry.wechat_id is None or known[i].wechat_id in (None, entry.wechat_id))),
                             None)
            if member_id is not None and entry.wechat_id and known[member_id].wechat_id is None:
                if batch_id is not None:
                    was = session.execute(select(Member.wechat_id, Member.updated_at)
                                          .where(Member.id == member_id)).one()
                    before.append(("member", {"id": member_id, "wechat_id": was.wechat_id,
                                              "updated_at": was.updated_at}))
                session.execute(update(Member).where(Member.id == member_id).values(wechat_id=entry.wechat_id))
                known[member_id].wechat_id = entry.wechat_id
        if member_id is None:
            member_id = int(session.execute(insert(Member).values(
                nickname=entry.nickname, wechat_id=entry.wechat_id, source=SOURCE,
                search_key=search_key(entry.nickname), import_batch_id=batch_id)).inserted_primary_key[0])
            created.append(member_id)
            if entry.wechat_id:
                by_wechat[entry.wechat_id] = member_id
        entry_members.append(member_id)
        if member_id in claimed:
            continue  # the same person listed twice
        claimed.add(member_id)
        matched.append((member_id, entry, index))
    return matched, created, entry_members


def _update_membership(session: Session, group_id: int, known: _Known, entry: SnapshotEntry,
                       detail: EntryDetail | None) -> bool:
    """A list may carry a newer in-group nickname, role or admin flag for someone still in the group."""
    values: dict[str, object] = {}
    if entry.group_nickname and entry.group_nickname != known.group_nickname:
        values["group_nickname"] = entry.group_nickname
    if entry.role is not None and entry.role != known.role:
        values["role"] = entry.role
    if detail is not None and detail.is_admin is not None and detail.is_admin != known.is_admin:
        values["is_admin"] = detail.is_admin
    if values:
        session.execute(update(Membership).where(
            Membership.group_id == group_id, Membership.member_id == known.member_id).values(**values))
    return bool(values)


def _recount_members(session: Session, group_id: int) -> None:
    """The list is the truth for the day: the group holds as many people as its current memberships."""
    count = session.scalar(select(func.count()).where(Membership.group_id == group_id, Membership.left_on.is_(None)))
    # only a real change is written, so applying the same list again leaves the row (and its stamp) alone
    session.execute(update(Group).where(Group.id == group_id, Group.member_count != (count or 0))
                    .values(member_count=count or 0))
