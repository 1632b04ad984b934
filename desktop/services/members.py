"""The member registry: the lazily filled Members page, member detail, the customer ladder, activity
levels, bulk actions and duplicates. One transaction per call; DTOs out.

Tier history: there is no tier-history table, so every tier change is an AuditLog row
(entity "member", action "set_tier", detail ``{"from", "to", "reason"}``) and ``detail`` reads the
history back from there.

Tags: ``tags`` / ``member_tags``; tagging and untagging are set-based (one INSERT ... SELECT or DELETE
per block of ids) with one AuditLog row per call listing the members that changed.

Activity levels are cached in ``members.activity_level`` (with the day they were computed), so the
activity filter of the Members page is plain SQL. ``refresh_activity_levels`` recomputes everyone
(desktop.services.activity_cache); logging an interaction, bulk join/leave and merges refresh the
members they touch. Members whose level was never computed match no activity filter.

Merging duplicates moves memberships (folding two memberships of one group into one), interactions,
orders, referrals and tags to the survivor and deletes the others; the AuditLog row of the merge holds
everything needed to undo it, and its id is the undo token.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any

import numpy as np
from sqlalchemy import (
    Date,
    DateTime,
    Table,
    case,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from desktop.domain.activity import (
    ActivityAssessment,
    ActivityLevel,
    ActivityParams,
    Event,
    MemberFacts,
    Period,
    TierRules,
    assess,
    suggest_tier,
)
from desktop.domain.enums import InteractionKind, PaymentStatus, Role, Tier
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.members import (
    REASON_MAX,
    TAG_DEFAULT_COLOR,
    TIER_ORDER,
    DayCounts,
    DuplicateSet,
    InteractionDraft,
    MemberDetail,
    MemberDraft,
    MemberDTO,
    MemberFilter,
    MemberMergeResult,
    MembershipDTO,
    MemberSort,
    ReferralNode,
    TagDTO,
    TagRef,
    TierChange,
    TierSuggestion,
    TimelineEntry,
    clean_tag_name,
    normalise_color,
)
from desktop.domain.merge import senior_role
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.domain.search import normalise_query
from desktop.domain.stats import MESSAGE_KINDS
from desktop.store.engine import Database
from desktop.store.models import AuditLog, Group, Interaction, Member, Membership, MemberTag, Order, Tag

from .activity_cache import (
    levels_of_block,
    read_all_events,
    refresh_member_levels,
    store_levels,
)
from .interactions import (
    audit,
    bump_day_stat,
    chunks,
    message_speakers,
    record_interaction,
)
from .text import search_key

TIMELINE_LIMIT = 1000
REFERRAL_DEPTH = 20
REFERRAL_NODES = 5000
MEMBER_TABLE: Table = Member.__table__  # type: ignore[assignment]
MEMBERSHIP_TABLE: Table = Membership.__table__  # type: ignore[assignment]
MEMBER_TAG_TABLE: Table = MemberTag.__table__  # type: ignore[assignment]
#: members per transaction of a full activity-level refresh
LEVEL_BLOCK = 10_000


def _escape_like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _text_condition(word: str):  # type: ignore[no-untyped-def]
    """Nickname, name and their pinyin (the search key), the phone, the WeChat id."""
    pattern = _escape_like(word)
    conditions = [Member.search_key.like(pattern, escape="\\")]
    if any(ch.isdigit() for ch in word):
        conditions.append(Member.phone.like(pattern, escape="\\"))
    if word.isascii():
        conditions.append(Member.wechat_id.like(pattern, escape="\\"))
    return or_(*conditions)


def _last_active_at():  # type: ignore[no-untyped-def]
    """Newest interaction time per member, read from the (member_id, occurred_at) index alone."""
    return (select(func.max(Interaction.occurred_at)).where(Interaction.member_id == Member.id)
            .correlate(Member).scalar_subquery())


def _group_count():  # type: ignore[no-untyped-def]
    return (select(func.count()).where(Membership.member_id == Member.id, Membership.left_on.is_(None))
            .correlate(Member).scalar_subquery())


def _active_after(day: date):  # type: ignore[no-untyped-def]
    start = datetime.combine(day, time.min)
    return exists().where(Interaction.member_id == Member.id, Interaction.occurred_at >= start)


_TIER_RANK = case({tier.value: rank for rank, tier in enumerate(TIER_ORDER)}, value=Member.tier)


def _sort_column(sort_key: MemberSort):  # type: ignore[no-untyped-def]
    return {
        MemberSort.ID: Member.id,
        MemberSort.NICKNAME: Member.nickname,
        MemberSort.NAME: Member.name,
        MemberSort.TIER: _TIER_RANK,
        MemberSort.CREATED: Member.created_at,
        MemberSort.LAST_ACTIVE: _last_active_at(),
        MemberSort.GROUP_COUNT: _group_count(),
        MemberSort.ACTIVITY: func.coalesce(Member.activity_level, 9),
    }[MemberSort(sort_key)]


# --------------------------------------------------------------------------------------------------
# JSON round trip of whole rows (merge undo)


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _from_json(table: Table, data: dict[str, Any]) -> dict[str, Any]:
    row = {}
    for key, value in data.items():
        column_type = table.c[key].type
        if value is not None and isinstance(column_type, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column_type, Date):
            value = date.fromisoformat(value)
        row[key] = value
    return row


def _row_json(session: Session, table: Table, row_id: int) -> dict[str, Any]:
    row = session.execute(select(table).where(table.c.id == row_id)).mappings().one()
    return {key: _to_json(value) for key, value in row.items()}


# --------------------------------------------------------------------------------------------------
# reads shared by several calls


def member_rows(session: Session, ids: Sequence[int]) -> list[MemberDTO]:
    """DTOs in the order of ``ids``; ids that no longer exist are skipped."""
    found: dict[int, MemberDTO] = {}
    for part in chunks(list(ids)):
        tags = _tag_refs(session, part)
        for row in session.execute(
            select(Member.id, Member.nickname, Member.wechat_id, Member.phone, Member.name, Member.address,
                   Member.tier, Member.seed_user, Member.referrer_id, Member.source, Member.note,
                   _group_count(), _last_active_at(), Member.created_at, Member.updated_at,
                   Member.activity_level, Member.activity_level_on)
            .where(Member.id.in_(part))
        ):
            values = list(row[:15])
            values[12] = values[12].date() if values[12] is not None else None
            found[row[0]] = MemberDTO(*values, tags=tuple(tags.get(row[0], ())), activity_level=row[15],
                                      activity_level_on=row[16])
    return [found[i] for i in ids if i in found]


def _tag_refs(session: Session, member_ids: Sequence[int]) -> dict[int, list[TagRef]]:
    """The tags of a block of members in one query, each member's by name."""
    tags: dict[int, list[TagRef]] = defaultdict(list)
    for member_id, tag_id, name, color in session.execute(
        select(MemberTag.member_id, Tag.id, Tag.name, Tag.color).join(Tag, Tag.id == MemberTag.tag_id)
        .where(MemberTag.member_id.in_(list(member_ids))).order_by(Tag.name, Tag.id)
    ):
        tags[member_id].append(TagRef(tag_id, name, color))
    return tags


def _activity_events(session: Session, member_ids: Sequence[int], start: date) -> dict[int, list[Event]]:
    events: dict[int, list[Event]] = defaultdict(list)
    for part in chunks(list(member_ids)):
        for member_id, day, kind, count in session.execute(
            select(Interaction.member_id, Interaction.day, Interaction.kind, func.count())
            .where(Interaction.member_id.in_(part), Interaction.day >= start)
            .group_by(Interaction.member_id, Interaction.day, Interaction.kind)
        ):
            events[member_id].append((day, kind, int(count)))
    return events


def _staff(session: Session, member_ids: Sequence[int]) -> set[int]:
    staff: set[int] = set()
    for part in chunks(list(member_ids)):
        staff.update(session.scalars(select(Membership.member_id).distinct().where(
            Membership.member_id.in_(part), Membership.is_admin.is_(True), Membership.left_on.is_(None))))
    return staff


def _replay_start(today: date, params: ActivityParams) -> date:
    """The oldest day any replayed period start can look back to."""
    period_days = 31 if params.downgrade_period is Period.MONTH else 7
    return today - timedelta(days=params.horizon_days + period_days * (params.replay_periods + 1))


def _referrer_chain(session: Session, referrer_id: int | None) -> list[ReferralNode]:
    chain: list[ReferralNode] = []
    seen: set[int] = set()
    while referrer_id is not None and referrer_id not in seen and len(chain) < REFERRAL_DEPTH:
        seen.add(referrer_id)
        row = session.execute(select(Member.id, Member.nickname, Member.referrer_id)
                              .where(Member.id == referrer_id)).first()
        if row is None:
            break
        chain.append(ReferralNode(row.id, row.nickname, len(chain) + 1, row.referrer_id))
        referrer_id = row.referrer_id
    return chain


def _referral_tree(session: Session, member_id: int) -> list[ReferralNode]:
    nodes: list[ReferralNode] = []
    seen = {member_id}
    frontier = [member_id]
    generation = 0
    while frontier and generation < REFERRAL_DEPTH and len(nodes) < REFERRAL_NODES:
        generation += 1
        found: list[int] = []
        for part in chunks(frontier):
            for row in session.execute(select(Member.id, Member.nickname, Member.referrer_id)
                                       .where(Member.referrer_id.in_(part)).order_by(Member.id)):
                if row.id not in seen:
                    seen.add(row.id)
                    nodes.append(ReferralNode(row.id, row.nickname, generation, row.referrer_id))
                    found.append(row.id)
        frontier = found
    return nodes[:REFERRAL_NODES]


def _check_referrer(session: Session, member_id: int | None, referrer_id: int | None) -> None:
    if referrer_id is None:
        return
    if referrer_id == member_id:
        raise ValidationError("成员不能推荐自己", "referrer_id")
    if session.get(Member, referrer_id) is None:
        raise ValidationError(f"推荐人 #{referrer_id} 不存在 (可能已被删除或合并)", "referrer_id")
    if member_id is not None and any(node.id == member_id for node in _referrer_chain(session, referrer_id)):
        raise ValidationError("推荐关系不能成环: 所选推荐人本身是由这位成员推荐 (或间接推荐) 进来的", "referrer_id")


def _tag(session: Session, tag_id: int) -> Tag:
    tag = session.get(Tag, tag_id)
    if tag is None:
        raise NotFoundError(f"标签 #{tag_id} 不存在 (可能已被删除), 请刷新后重试")
    return tag


def _check_tag_name_free(session: Session, name: str, tag_id: int | None) -> None:
    """Tag names are unique ignoring case ("VIP" and "vip" would look the same in a list)."""
    for other_id, other in session.execute(select(Tag.id, Tag.name)):
        if other_id != tag_id and other.casefold() == name.casefold():
            raise ValidationError(f"已经有名为“{other}”的标签了, 请换一个名字", "name")


def _tag_dtos(session: Session, tag_id: int | None = None) -> list[TagDTO]:
    """Every tag (or the one asked) with its member count, by name."""
    counts = select(MemberTag.tag_id, func.count().label("n")).group_by(MemberTag.tag_id)
    if tag_id is not None:
        counts = counts.where(MemberTag.tag_id == tag_id)
    counted = counts.subquery()
    stmt = (select(Tag.id, Tag.name, Tag.color, func.coalesce(counted.c.n, 0), Tag.created_at)
            .outerjoin(counted, counted.c.tag_id == Tag.id).order_by(Tag.name, Tag.id))
    if tag_id is not None:
        stmt = stmt.where(Tag.id == tag_id)
    return [TagDTO(i, name, color, int(n), created) for i, name, color, n, created in session.execute(stmt)]


def _tier_history(session: Session, member_id: int) -> list[TierChange]:
    history = []
    for at, detail in session.execute(
        select(AuditLog.at, AuditLog.detail_json)
        .where(AuditLog.entity == "member", AuditLog.entity_id == member_id, AuditLog.action == "set_tier")
        .order_by(AuditLog.at, AuditLog.id)
    ):
        data = json.loads(detail)
        history.append(TierChange(member_id, at, Tier(data["from"]), Tier(data["to"]), data.get("reason", "")))
    return history


def _record_tier_changes(session: Session, changes: Iterable[tuple[int, Tier, Tier]], reason: str) -> None:
    session.add_all(
        AuditLog(action="set_tier", entity="member", entity_id=member_id, detail_json=json.dumps(
            {"from": old.value, "to": new.value, "reason": reason}, ensure_ascii=False))
        for member_id, old, new in changes if old != new
    )


def _timeline(session: Session, member_id: int, limit: int) -> tuple[list[TimelineEntry], int]:
    interactions = session.execute(
        select(Interaction.occurred_at, Interaction.id, Interaction.kind, Interaction.group_id,
               func.coalesce(Group.name, ""), Interaction.summary, Interaction.amount_cents)
        .outerjoin(Group, Group.id == Interaction.group_id)
        .where(Interaction.member_id == member_id)
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc()).limit(limit)
    ).all()
    orders = session.execute(
        select(Order.placed_at, Order.id, Order.payment_status, Order.group_id, func.coalesce(Group.name, ""),
               func.coalesce(Order.external_no, ""), Order.amount_cents)
        .outerjoin(Group, Group.id == Order.group_id)
        .where(Order.member_id == member_id)
        .order_by(Order.placed_at.desc(), Order.id.desc()).limit(limit)
    ).all()
    entries = [TimelineEntry(at, "interaction", i, kind.value, g, gname, summary, amount)
               for at, i, kind, g, gname, summary, amount in interactions]
    entries += [TimelineEntry(at, "order", i, status.value, g, gname, f"订单 {number}".strip(), amount)
                for at, i, status, g, gname, number, amount in orders]
    entries.sort(key=lambda e: (e.at, e.source == "order", e.id), reverse=True)
    total = (session.scalar(select(func.count()).where(Interaction.member_id == member_id)) or 0) + (
        session.scalar(select(func.count()).where(Order.member_id == member_id)) or 0)
    return entries[:limit], int(total)


def _memberships(session: Session, member_id: int) -> list[MembershipDTO]:
    rows = session.execute(
        select(Membership.id, Membership.member_id, Membership.group_id, Group.name, Membership.role,
               Membership.is_admin, Membership.joined_on, Membership.left_on, Membership.group_nickname)
        .join(Group, Group.id == Membership.group_id)
        .where(Membership.member_id == member_id)
        .order_by(Membership.left_on.is_not(None), Membership.joined_on, Membership.id)
    ).all()
    return [MembershipDTO(*row) for row in rows]


# --------------------------------------------------------------------------------------------------
# the service


class MemberService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ----------------------------------------------------------------- the Members page
    def page_ids(self, member_filter: MemberFilter | None = None, sort_key: MemberSort = MemberSort.ID,
                 descending: bool = False) -> list[int]:
        """All member ids matching the filter in display order (ties broken by id), in one SQL query.

        ``activity_levels`` reads the cached level (``refresh_activity_levels``); members whose level
        was never computed, and staff, match no level.
        """
        f = member_filter or MemberFilter()
        stmt = select(Member.id)
        for word in normalise_query(f.text):
            stmt = stmt.where(_text_condition(word))
        if f.tiers:
            stmt = stmt.where(Member.tier.in_(f.tiers))
        if f.seed_only:
            stmt = stmt.where(Member.seed_user.is_(True))
        if f.referred_by is not None:
            stmt = stmt.where(Member.referrer_id == f.referred_by)
        if f.roles or f.group_ids:
            inside = select(Membership.member_id).where(Membership.left_on.is_(None))
            if f.roles:
                inside = inside.where(Membership.role.in_(f.roles))
            if f.group_ids:
                inside = inside.where(Membership.group_id.in_(f.group_ids))
            stmt = stmt.where(Member.id.in_(inside))
        if f.active_since is not None:
            stmt = stmt.where(_active_after(f.active_since))
        if f.active_before is not None:
            stmt = stmt.where(~_active_after(f.active_before))
        if f.activity_levels:
            stmt = stmt.where(Member.activity_level.in_(sorted(int(level) for level in f.activity_levels)))
        if f.tag_ids:
            stmt = stmt.where(Member.id.in_(select(MemberTag.member_id).where(MemberTag.tag_id.in_(f.tag_ids))))
        column = _sort_column(sort_key)
        stmt = stmt.order_by(column.desc(), Member.id.desc()) if descending else stmt.order_by(column, Member.id)
        with self._db.transaction() as session:
            # Core on the session's connection: the ORM's result machinery doubled the time for 200k ids
            return list(session.connection().execute(stmt).scalars())

    def rows(self, ids: Sequence[int]) -> list[MemberDTO]:
        """Rows for the lazy table's cache, in the order asked."""
        with self._db.transaction() as session:
            return member_rows(session, ids)

    def get(self, member_id: int) -> MemberDTO:
        with self._db.transaction() as session:
            return self._get(session, member_id)

    @staticmethod
    def _get(session: Session, member_id: int) -> MemberDTO:
        found = member_rows(session, [member_id])
        if not found:
            raise NotFoundError(f"成员 #{member_id} 不存在 (可能已被删除或合并)")
        return found[0]

    def detail(self, member_id: int, timeline_limit: int = TIMELINE_LIMIT) -> MemberDetail:
        """Profile, memberships, timeline of interactions and orders, referral tree both ways, tier history."""
        with self._db.transaction() as session:
            member = self._get(session, member_id)
            timeline, total = _timeline(session, member_id, timeline_limit)
            return MemberDetail(
                member=member,
                memberships=tuple(_memberships(session, member_id)),
                timeline=tuple(timeline),
                timeline_total=total,
                referred_by=tuple(_referrer_chain(session, member.referrer_id)),
                referrals=tuple(_referral_tree(session, member_id)),
                tier_history=tuple(_tier_history(session, member_id)),
            )

    # ----------------------------------------------------------------- activity levels
    def activity(self, member_id: int, today: date | None = None,
                 params: ActivityParams | None = None) -> ActivityAssessment:
        """The member's level with everything ``desktop.domain.activity.explain`` needs."""
        today = today or date.today()
        params = params or ActivityParams()
        with self._db.transaction() as session:
            self._get(session, member_id)
            events = _activity_events(session, [member_id], _replay_start(today, params))
            return assess(events.get(member_id, []), today, params, staff=bool(_staff(session, [member_id])))

    def activity_levels(self, member_ids: Sequence[int], today: date | None = None,
                        params: ActivityParams | None = None) -> dict[int, ActivityLevel | None]:
        """Level per member (None for staff)."""
        with self._db.transaction() as session:
            return self._levels(session, member_ids, today or date.today(), params or ActivityParams())

    @staticmethod
    def _levels(session: Session, member_ids: Sequence[int], today: date,
                params: ActivityParams) -> dict[int, ActivityLevel | None]:
        events = _activity_events(session, member_ids, _replay_start(today, params))
        staff = _staff(session, member_ids)
        return {i: assess(events.get(i, []), today, params, staff=i in staff).level for i in member_ids}

    def refresh_activity_levels(self, today: date | None = None, params: ActivityParams | None = None, *,
                                progress: ProgressFn | None = None, cancel: CancelToken | None = None) -> int:
        """Recompute every member's cached activity level as of ``today``; returns how many members.

        One read pass over the interactions that can matter (one transaction), then the levels block
        by block (``LEVEL_BLOCK`` members, one transaction each: it is a cache, so a cancel keeps the
        blocks already written and the rest keep their previous level). The same levels as
        ``activity_levels`` (``desktop.domain.activity.assess``), computed with numpy.
        """
        today = today or date.today()
        params = params or ActivityParams()

        def report(done: int, message: str) -> None:
            if cancel is not None:
                cancel.raise_if_cancelled()
            if progress is not None:
                progress(min(done, 1000), 1000, message)
                if cancel is not None:
                    cancel.raise_if_cancelled()

        report(0, "读取成员…")
        with self._db.transaction() as session:
            conn = session.connection()
            ids = np.array(conn.execute(select(Member.id).order_by(Member.id)).scalars().all(), dtype=np.int64)
            # the highest id bounds the rows to read without counting 5M of them
            expected = max(1, int(conn.execute(select(func.max(Interaction.id))).scalar() or 0))
            blocks = read_all_events(session, ids, today, params, LEVEL_BLOCK, on_batch=lambda read: report(
                int(600 * read / expected), f"读取互动记录 {read:,} 条…"))
        for events, start in zip(blocks, range(0, ids.size, LEVEL_BLOCK), strict=True):
            report(600 + int(400 * start / max(ids.size, 1)), f"计算活跃度 {start:,} / {ids.size:,}…")
            self._store_level_block(ids[start:start + LEVEL_BLOCK], events, today, params, cancel)
        if progress is not None:
            progress(1000, 1000, f"已更新 {ids.size:,} 位成员的活跃度")
        return int(ids.size)

    #: how many times a block waits out the busy timeout (a long import holding the write lock)
    LEVEL_BLOCK_TRIES = 4

    def _store_level_block(self, ids: np.ndarray, events: Any, today: date, params: ActivityParams,
                           cancel: CancelToken | None) -> None:
        """Write one block of levels. This runs off the writer thread (it would hold the writer for
        seconds), so it takes the write lock first: a commit of the writer between this block's read
        and write would fail it otherwise. While the writer holds the lock longer than the busy
        timeout (a large import), the block waits again: it is a cache, writing it later is harmless."""
        for attempt in range(self.LEVEL_BLOCK_TRIES):
            try:
                with self._db.transaction(immediate=True) as session:
                    store_levels(session, levels_of_block(session, ids, events, today, params), today)
                return
            except OperationalError as exc:
                if "locked" not in str(exc).lower() or attempt == self.LEVEL_BLOCK_TRIES - 1:
                    raise
                if cancel is not None:
                    cancel.raise_if_cancelled()

    def activity_levels_fresh_on(self) -> date | None:
        """The oldest day a cached level was computed on (None if no member has one yet): the UI's
        "活跃度计算于 …". Members never computed are not counted; see ``activity_levels_missing``."""
        with self._db.transaction() as session:
            return session.scalar(select(func.min(Member.activity_level_on)))

    def activity_levels_missing(self) -> int:
        """Members whose level has never been computed (created by an import since the last refresh)."""
        with self._db.transaction() as session:
            return int(session.scalar(select(func.count()).where(Member.activity_level_on.is_(None))) or 0)

    # ----------------------------------------------------------------- writing
    def create(self, draft: MemberDraft) -> MemberDTO:
        clean = draft.validated()
        with self._db.transaction() as session:
            _check_referrer(session, None, clean.referrer_id)
            new_id = session.execute(insert(Member).values(**self._columns(clean))).inserted_primary_key[0]
            refresh_member_levels(session, [int(new_id)])
            audit(session, "create", "member", [new_id], {"nickname": clean.nickname})
            return self._get(session, int(new_id))

    def update(self, member_id: int, draft: MemberDraft, reason: str = "编辑资料") -> MemberDTO:
        """Save an edited profile; a changed tier is recorded in the tier history with ``reason``."""
        clean = draft.validated()
        with self._db.transaction() as session:
            member = session.get(Member, member_id)
            if member is None:
                raise NotFoundError(f"成员 #{member_id} 不存在 (可能已被删除或合并)")
            _check_referrer(session, member_id, clean.referrer_id)
            old_tier = member.tier
            changes = {}
            for key, value in self._columns(clean).items():
                if getattr(member, key) != value:
                    changes[key] = value
                    setattr(member, key, value)
            session.flush()
            _record_tier_changes(session, [(member_id, old_tier, clean.tier)], reason)
            if changes:
                audit(session, "update", "member", [member_id], {k: v for k, v in changes.items() if k != "search_key"})
            return self._get(session, member_id)

    def set_tier(self, member_ids: Sequence[int], tier: Tier, reason: str) -> int:
        """Move members to ``tier`` (bulk) with a reason kept in their tier history; returns how many changed."""
        reason = " ".join(reason.split())
        if not reason:
            raise ValidationError("请填写调整等级的原因", "reason")
        if len(reason) > REASON_MAX:
            raise ValidationError(f"原因最多 {REASON_MAX} 个字", "reason")
        tier = Tier(tier)
        with self._db.transaction() as session:
            changes: list[tuple[int, Tier, Tier]] = []
            for part in chunks(list(dict.fromkeys(member_ids))):
                changes += [(i, old, tier) for i, old in session.execute(
                    select(Member.id, Member.tier).where(Member.id.in_(part), Member.tier != tier))]
                session.execute(update(Member).where(Member.id.in_(part), Member.tier != tier)
                                .values(tier=tier, updated_at=datetime.now()))
            _record_tier_changes(session, changes, reason)
            return len(changes)

    def tier_suggestions(self, rules: TierRules | None = None) -> list[TierSuggestion]:
        """Members the ladder rules would move up, for review (apply with ``set_tier``)."""
        rules = rules or TierRules()
        with self._db.transaction() as session:
            paid = dict(session.execute(
                select(Order.member_id, func.count()).where(
                    Order.member_id.is_not(None), Order.payment_status == PaymentStatus.PAID)
                .group_by(Order.member_id)).all())
            referrals = dict(session.execute(
                select(Member.referrer_id, func.count()).where(Member.referrer_id.is_not(None))
                .group_by(Member.referrer_id)).all())
            talkers: dict[int, int] = {}
            if rules.interactions_for_fan:
                # "at least N": the N-th message-kind row exists; stops reading a member's rows there
                enough = (select(Interaction.id).where(Interaction.member_id == Member.id,
                                                       Interaction.kind.in_(MESSAGE_KINDS))
                          .limit(1).offset(rules.interactions_for_fan - 1).correlate(Member).exists())
                talkers = dict.fromkeys(session.connection().execute(
                    select(Member.id).where(Member.tier == Tier.PROSPECT, enough)).scalars(),
                    rules.interactions_for_fan)
            candidates = sorted(set(paid) | set(referrals) | set(talkers))
            suggestions = []
            for part in chunks(candidates):
                for member_id, nickname, tier in session.execute(
                        select(Member.id, Member.nickname, Member.tier).where(Member.id.in_(part)).order_by(Member.id)):
                    facts = MemberFacts(tier, talkers.get(member_id, 0), paid.get(member_id, 0),
                                        referrals.get(member_id, 0))
                    found = suggest_tier(facts, rules)
                    if found is not None:
                        suggestions.append(TierSuggestion(member_id, nickname, tier, found[0], found[1]))
            return suggestions

    # ----------------------------------------------------------------- tags
    def tags(self) -> list[TagDTO]:
        """Every tag with how many members carry it, by name."""
        with self._db.transaction() as session:
            return _tag_dtos(session)

    def create_tag(self, name: str, color: str = TAG_DEFAULT_COLOR) -> TagDTO:
        clean, colour = clean_tag_name(name), normalise_color(color)
        with self._db.transaction() as session:
            _check_tag_name_free(session, clean, None)
            tag = Tag(name=clean, color=colour)
            session.add(tag)
            session.flush()
            audit(session, "create", "tag", [tag.id], {"name": clean, "color": colour})
            return _tag_dtos(session, tag.id)[0]

    def rename_tag(self, tag_id: int, name: str) -> TagDTO:
        clean = clean_tag_name(name)
        with self._db.transaction() as session:
            tag = _tag(session, tag_id)
            _check_tag_name_free(session, clean, tag_id)
            if tag.name != clean:
                audit(session, "rename", "tag", [tag_id], {"from": tag.name, "to": clean})
                tag.name = clean
                session.flush()
            return _tag_dtos(session, tag_id)[0]

    def recolour_tag(self, tag_id: int, color: str) -> TagDTO:
        colour = normalise_color(color)
        with self._db.transaction() as session:
            tag = _tag(session, tag_id)
            if tag.color != colour:
                audit(session, "recolour", "tag", [tag_id], {"from": tag.color, "to": colour})
                tag.color = colour
                session.flush()
            return _tag_dtos(session, tag_id)[0]

    def delete_tag(self, tag_id: int) -> int:
        """Delete a tag; returns how many members lost it (listed in the AuditLog row)."""
        with self._db.transaction() as session:
            tag = _tag(session, tag_id)
            had = list(session.connection().execute(
                select(MemberTag.member_id).where(MemberTag.tag_id == tag_id).order_by(MemberTag.member_id)).scalars())
            audit(session, "delete", "tag", [tag_id], {"name": tag.name, "color": tag.color, "member_ids": had})
            session.execute(delete(MemberTag).where(MemberTag.tag_id == tag_id))
            session.execute(delete(Tag).where(Tag.id == tag_id))
            return len(had)

    def tag_members(self, member_ids: Sequence[int], tag_id: int) -> int:
        """Put a tag on members (bulk, one transaction); returns how many did not have it yet.
        Ids of members that no longer exist are skipped."""
        with self._db.transaction() as session:
            _tag(session, tag_id)
            conn = session.connection()
            changed: list[int] = []
            for part in chunks(sorted(set(member_ids))):
                untagged = (select(Member.id, literal(tag_id)).where(
                    Member.id.in_(part),
                    ~exists().where(MemberTag.member_id == Member.id, MemberTag.tag_id == tag_id)))
                changed += conn.execute(untagged.with_only_columns(Member.id)).scalars()
                conn.execute(insert(MEMBER_TAG_TABLE).from_select(["member_id", "tag_id"], untagged))
            if changed:
                audit(session, "tag_members", "tag", [tag_id], {"member_ids": changed})
            return len(changed)

    def untag_members(self, member_ids: Sequence[int], tag_id: int) -> int:
        """Take a tag off members (bulk, one transaction); returns how many had it."""
        with self._db.transaction() as session:
            _tag(session, tag_id)
            conn = session.connection()
            changed: list[int] = []
            for part in chunks(sorted(set(member_ids))):
                tagged = (MEMBER_TAG_TABLE.c.tag_id == tag_id) & MEMBER_TAG_TABLE.c.member_id.in_(part)
                changed += conn.execute(select(MEMBER_TAG_TABLE.c.member_id).where(tagged)).scalars()
                conn.execute(delete(MEMBER_TAG_TABLE).where(tagged))
            if changed:
                audit(session, "untag_members", "tag", [tag_id], {"member_ids": changed})
            return len(changed)

    # ----------------------------------------------------------------- bulk group actions
    def add_to_group(self, member_ids: Sequence[int], group_id: int, on: datetime | None = None,
                     role: Role = Role.LURKER) -> int:
        """Put members into a group (a join each: membership and day stats); returns how many joined."""
        return self._move(member_ids, group_id, on, InteractionKind.JOIN, role)

    def remove_from_group(self, member_ids: Sequence[int], group_id: int, on: datetime | None = None) -> int:
        """Take members out of a group (a leave each); returns how many left."""
        return self._move(member_ids, group_id, on, InteractionKind.LEAVE, Role.LURKER)

    def _move(self, member_ids: Sequence[int], group_id: int, on: datetime | None, kind: InteractionKind,
              role: Role) -> int:
        now = datetime.now()
        at = on or now
        with self._db.transaction() as session:
            if session.get(Group, group_id) is None:
                raise NotFoundError(f"群 #{group_id} 不存在 (可能已被删除)")
            ids = list(dict.fromkeys(member_ids))
            active = set()
            existing = set()
            for part in chunks(ids):
                existing.update(session.scalars(select(Member.id).where(Member.id.in_(part))))
                active.update(session.scalars(select(Membership.member_id).where(
                    Membership.group_id == group_id, Membership.member_id.in_(part), Membership.left_on.is_(None))))
            wanted = [i for i in ids if i in existing and ((i not in active) if kind is InteractionKind.JOIN
                                                          else (i in active))]
            for member_id in wanted:
                draft = InteractionDraft(kind, group_id, member_id, "批量操作", occurred_at=at).validated(now)
                record_interaction(session, draft, role=role)
            refresh_member_levels(session, wanted, now.date())
            return len(wanted)

    # ----------------------------------------------------------------- duplicates
    def find_duplicates(self) -> list[DuplicateSet]:
        """Likely duplicates: the same phone, the same WeChat id, or the same nickname in a shared group."""
        with self._db.transaction() as session:
            found: list[DuplicateSet] = []
            for reason, column in (("phone", Member.phone), ("wechat_id", Member.wechat_id)):
                shared = (select(column).where(column.is_not(None), column != "")
                          .group_by(column).having(func.count() > 1))
                sets: dict[str, list[int]] = defaultdict(list)
                for key, member_id in session.execute(
                        select(column, Member.id).where(column.in_(shared)).order_by(column, Member.id)):
                    sets[key].append(member_id)
                found += [DuplicateSet(reason, key, tuple(ids)) for key, ids in sets.items()]
            found += self._nickname_duplicates(session)
            return found

    @staticmethod
    def _nickname_duplicates(session: Session) -> list[DuplicateSet]:
        # One pass over all memberships grouped in Python: a GROUP BY ... HAVING joined back to
        # the memberships took 87 s at 500k memberships on SQLite, this takes about a second.
        by_cell: dict[tuple[str, int], list[int]] = defaultdict(list)
        for nickname, group_id, member_id in session.connection().execute(
            select(Member.nickname, Membership.group_id, Member.id)
            .join(Membership, Membership.member_id == Member.id)
        ):
            by_cell[(nickname, group_id)].append(member_id)
        by_cell = {cell: sorted(set(ids)) for cell, ids in by_cell.items() if len(ids) > 1}
        # namesakes in one group are one set; sets sharing a member are joined (union-find)
        parent: dict[int, int] = {}

        def root(i: int) -> int:
            while parent.setdefault(i, i) != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for ids in by_cell.values():
            for other in ids[1:]:
                parent[root(other)] = root(ids[0])
        sets: dict[tuple[str, int], tuple[set[int], set[int]]] = {}
        for (nickname, group_id), ids in by_cell.items():
            members, groups = sets.setdefault((nickname, root(ids[0])), (set(), set()))
            members.update(ids)
            groups.add(group_id)
        return [DuplicateSet("nickname", nickname, tuple(sorted(m)), tuple(sorted(g)))
                for (nickname, _), (m, g) in sorted(sets.items(), key=lambda kv: (kv[0][0], min(kv[1][0])))]

    def merge_members(self, survivor_id: int, other_ids: Sequence[int]) -> MemberMergeResult:
        """Merge the others into the survivor in one transaction; undo with ``undo_merge(result.undo_token)``."""
        others = list(dict.fromkeys(int(i) for i in other_ids))
        if not others:
            raise ValidationError("请至少选择一位要合并进来的成员", "others")
        if survivor_id in others:
            raise ValidationError("不能把成员合并到自己, 请从要合并的成员中去掉保留的那位", "others")
        with self._db.transaction() as session:
            missing = [i for i in [survivor_id, *others] if session.get(Member, i) is None]
            if missing:
                listed = "、".join(f"#{i}" for i in missing)
                raise NotFoundError(f"成员 {listed} 不存在 (可能已被删除或合并), 请刷新后重试")
            payload = _merge(session, survivor_id, others)
            entry = AuditLog(action="merge_members", entity="member", entity_id=survivor_id,
                             detail_json=json.dumps(payload, ensure_ascii=False))
            session.add(entry)
            session.flush()
            moved = {"memberships": len(payload["memberships_moved"]) + len(payload["memberships_folded"]),
                     "interactions": len(payload["interactions"]), "orders": len(payload["orders"]),
                     "referrals": len(payload["referrals"]), "tags": len(payload["tags"])}
            return MemberMergeResult(survivor_id, tuple(others), entry.id, moved)

    def undo_merge(self, token: int) -> None:
        """Put the merged members back exactly as they were before ``merge_members``."""
        with self._db.transaction() as session:
            entry = session.get(AuditLog, token)
            if entry is None or entry.action != "merge_members":
                raise NotFoundError("找不到这次成员合并的记录, 无法撤销")
            undone = session.scalar(select(AuditLog.id).where(
                AuditLog.action == "undo_merge_members", AuditLog.entity_id == entry.entity_id,
                AuditLog.detail_json == json.dumps({"token": token})))
            if undone is not None:
                raise ValidationError("这次合并已经撤销过了", "token")
            _unmerge(session, json.loads(entry.detail_json))
            audit(session, "undo_merge_members", "member", [entry.entity_id], {"token": token})

    # ----------------------------------------------------------------- helpers
    @staticmethod
    def _columns(clean: MemberDraft) -> dict[str, Any]:
        return {
            "nickname": clean.nickname, "wechat_id": clean.wechat_id, "phone": clean.phone, "name": clean.name,
            "address": clean.address, "tier": clean.tier, "seed_user": clean.seed_user,
            "referrer_id": clean.referrer_id, "source": clean.source, "note": clean.note,
            "search_key": search_key(clean.nickname, clean.name),
        }


# --------------------------------------------------------------------------------------------------
# merge and its undo

#: profile fields the survivor takes from a merged member when its own is blank
_FILLABLE = ("wechat_id", "phone", "name", "address", "source", "note")


def _speaker_cells(session: Session, member_ids: Sequence[int]) -> set[tuple[int, date]]:
    return {(g, d) for g, d in session.execute(
        select(Interaction.group_id, Interaction.day).distinct().where(
            Interaction.member_id.in_(list(member_ids)), Interaction.group_id.is_not(None),
            Interaction.kind.in_(MESSAGE_KINDS)))}


def _fix_active(session: Session, cells: set[tuple[int, date]], before: dict[tuple[int, date], set[int]]) -> None:
    """Moving interactions between members changes the distinct speakers of a day: apply the difference."""
    after = message_speakers(session, cells)
    for cell in cells:
        delta = len(after.get(cell, ())) - len(before.get(cell, ()))
        if delta:
            bump_day_stat(session, *cell, DayCounts(active_members=delta))


def _merge(session: Session, survivor_id: int, others: list[int]) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "survivor": survivor_id, "others": others,
        "survivor_before": _row_json(session, MEMBER_TABLE, survivor_id),
        "others_rows": [_row_json(session, MEMBER_TABLE, i) for i in others],
    }
    cells = _speaker_cells(session, others)
    payload["cells"] = [[g, d.isoformat()] for g, d in sorted(cells)]
    before = message_speakers(session, cells)
    _merge_memberships(session, survivor_id, others, payload)
    for key, model in (("interactions", Interaction), ("orders", Order)):
        payload[key] = [[i, m] for i, m in session.execute(
            select(model.id, model.member_id).where(model.member_id.in_(others)).order_by(model.id))]
    payload["referrals"] = [[i, r] for i, r in session.execute(
        select(Member.id, Member.referrer_id).where(Member.referrer_id.in_(others), Member.id.not_in(others))
        .order_by(Member.id))]
    for key, model in (("interactions", Interaction), ("orders", Order)):
        for part in chunks([i for i, _ in payload[key]]):
            session.execute(update(model).where(model.id.in_(part)).values(member_id=survivor_id))
    for part in chunks([i for i, _ in payload["referrals"]]):
        # the survivor itself referred by a merged member would refer itself: it loses that referrer
        session.execute(update(Member).where(Member.id.in_(part)).values(
            referrer_id=case((Member.id == survivor_id, None), else_=survivor_id)))
    _merge_tags(session, survivor_id, others, payload)
    _fold_profile(session, survivor_id, payload["others_rows"])
    session.execute(delete(Member).where(Member.id.in_(others)))
    _fix_active(session, cells, before)
    # the survivor now has the others' interactions (and maybe their admin seats)
    refresh_member_levels(session, [survivor_id])
    return payload


def _merge_tags(session: Session, survivor_id: int, others: list[int], payload: dict[str, Any]) -> None:
    """The survivor gets every tag of the merged members; a tag both carry is kept once."""
    payload["tags"] = [[m, t] for m, t in session.execute(
        select(MemberTag.member_id, MemberTag.tag_id).where(MemberTag.member_id.in_(others))
        .order_by(MemberTag.member_id, MemberTag.tag_id))]
    held = set(session.scalars(select(MemberTag.tag_id).where(MemberTag.member_id == survivor_id)))
    payload["tags_added"] = sorted({t for _, t in payload["tags"]} - held)
    if payload["tags_added"]:
        session.execute(insert(MEMBER_TAG_TABLE), [{"member_id": survivor_id, "tag_id": t}
                                                   for t in payload["tags_added"]])
    session.execute(delete(MEMBER_TAG_TABLE).where(MEMBER_TAG_TABLE.c.member_id.in_(others)))


def _fold_profile(session: Session, survivor_id: int, others_rows: list[dict[str, Any]]) -> None:
    survivor = session.get(Member, survivor_id)
    assert survivor is not None
    session.refresh(survivor)  # referrer_id may have been changed by a Core update just now
    values: dict[str, Any] = {}
    for key in _FILLABLE:
        if not getattr(survivor, key):
            values[key] = next((row[key] for row in others_rows if row[key]), getattr(survivor, key))
    values["seed_user"] = survivor.seed_user or any(row["seed_user"] for row in others_rows)
    tiers = [survivor.tier, *(Tier(row["tier"]) for row in others_rows)]
    values["tier"] = max(tiers, key=TIER_ORDER.index)
    if survivor.referrer_id is None:
        merged = {row["id"] for row in others_rows} | {survivor_id}
        values["referrer_id"] = next(
            (row["referrer_id"] for row in others_rows if row["referrer_id"] is not None
             and row["referrer_id"] not in merged
             # inheriting someone the survivor (or a merged member) brought in would close a loop
             and not merged & {node.id for node in _referrer_chain(session, row["referrer_id"])}),
            None)
    values["search_key"] = search_key(survivor.nickname, values.get("name") or survivor.name)
    values["updated_at"] = datetime.now()
    _record_tier_changes(session, [(survivor_id, survivor.tier, values["tier"])], "合并重复成员")
    session.execute(update(Member).where(Member.id == survivor_id).values(**values))


def _merge_memberships(session: Session, survivor_id: int, others: list[int], payload: dict[str, Any]) -> None:
    held = {row.group_id: row for row in session.scalars(
        select(Membership).where(Membership.member_id == survivor_id))}
    originals: dict[int, dict[str, Any]] = {}
    moved: list[list[int]] = []
    folded: list[dict[str, Any]] = []
    count_deltas: dict[int, int] = defaultdict(int)
    rank = {m: n for n, m in enumerate(others)}
    rows = sorted(session.scalars(select(Membership).where(Membership.member_id.in_(others))),
                  key=lambda m: (rank[m.member_id], m.id))
    for ms in rows:
        kept = held.get(ms.group_id)
        if kept is None:
            moved.append([ms.id, ms.member_id])
            ms.member_id = survivor_id
            held[ms.group_id] = ms
            continue
        originals.setdefault(kept.id, _row_json(session, MEMBERSHIP_TABLE, kept.id))
        folded.append({"row": _row_json(session, MEMBERSHIP_TABLE, ms.id), "into": kept.id})
        if kept.left_on is None and ms.left_on is None:
            count_deltas[ms.group_id] -= 1  # two people in the group were one
        kept.role = senior_role([kept.role, ms.role])
        kept.is_admin = kept.is_admin or ms.is_admin
        joined = [d for d in (kept.joined_on, ms.joined_on) if d is not None]
        kept.joined_on = min(joined) if joined else None
        kept.left_on = None if kept.left_on is None or ms.left_on is None else max(kept.left_on, ms.left_on)
        kept.group_nickname = kept.group_nickname or ms.group_nickname
        session.delete(ms)
    session.flush()
    for group_id, delta in count_deltas.items():
        _shift_member_count(session, group_id, delta)
    payload.update(memberships_moved=moved, memberships_folded=folded,
                   memberships_before=list(originals.values()), count_deltas=dict(count_deltas))


def _shift_member_count(session: Session, group_id: int, delta: int) -> None:
    count = Group.member_count + delta
    session.execute(update(Group).where(Group.id == group_id).values(member_count=case((count < 0, 0), else_=count)))


def _unmerge(session: Session, payload: dict[str, Any]) -> None:
    survivor_id: int = payload["survivor"]
    others: list[int] = payload["others"]
    if session.get(Member, survivor_id) is None:
        raise ValidationError("保留的成员已被删除, 无法撤销合并", "token")
    taken = list(session.scalars(select(Member.id).where(Member.id.in_(others))))
    if taken:
        raise ValidationError("合并后新建的成员占用了原来的编号, 无法撤销合并", "token")
    cells = {(g, date.fromisoformat(d)) for g, d in payload["cells"]}
    before = message_speakers(session, cells)
    session.execute(insert(Member), [_from_json(MEMBER_TABLE, row) for row in payload["others_rows"]])
    survivor = _from_json(MEMBER_TABLE, payload["survivor_before"])
    session.execute(update(Member).where(Member.id == survivor_id).values(
        {k: v for k, v in survivor.items() if k != "id"}))
    for row in payload["memberships_before"]:
        values = _from_json(MEMBERSHIP_TABLE, row)
        session.execute(update(Membership).where(Membership.id == values.pop("id")).values(**values))
    # after the line above: a moved membership that a later member folded into is one of those rows
    _restore_owners(session, Membership, payload["memberships_moved"])
    if payload["memberships_folded"]:
        session.execute(insert(Membership), [_from_json(MEMBERSHIP_TABLE, e["row"])
                                             for e in payload["memberships_folded"]])
    for group_id, delta in payload["count_deltas"].items():
        _shift_member_count(session, int(group_id), -delta)
    _restore_owners(session, Interaction, payload["interactions"])
    _restore_owners(session, Order, payload["orders"])
    for member_id, referrer_id in payload["referrals"]:
        session.execute(update(Member).where(Member.id == member_id).values(referrer_id=referrer_id))
    _unmerge_tags(session, survivor_id, payload)
    _fix_active(session, cells, before)


def _unmerge_tags(session: Session, survivor_id: int, payload: dict[str, Any]) -> None:
    """Tags back as they were; a tag deleted since the merge stays deleted (merges older than member
    tags have no tag keys)."""
    for part in chunks(payload.get("tags_added", [])):
        session.execute(delete(MEMBER_TAG_TABLE).where(MEMBER_TAG_TABLE.c.member_id == survivor_id,
                                                       MEMBER_TAG_TABLE.c.tag_id.in_(part)))
    pairs = payload.get("tags", [])
    if pairs:
        alive = set(session.scalars(select(Tag.id).where(Tag.id.in_(sorted({t for _, t in pairs})))))
        rows = [{"member_id": m, "tag_id": t} for m, t in pairs if t in alive]
        if rows:
            session.execute(insert(MEMBER_TAG_TABLE), rows)


def _restore_owners(session: Session, model: Any, pairs: list[list[int]]) -> None:
    """Give rows back to the members they belonged to before the merge: [[row id, member id], ...]."""
    by_owner: dict[int, list[int]] = defaultdict(list)
    for row_id, owner in pairs:
        by_owner[owner].append(row_id)
    for owner, row_ids in by_owner.items():
        for part in chunks(row_ids):
            session.execute(update(model).where(model.id.in_(part)).values(member_id=owner))
