"""Committing imports: preview, commit (one transaction), undo, history.

Reading is desktop.io's job; this module matches the parsed rows against the store by natural key,
writes them in bulk under one ImportBatch, and can take a batch back out whole.

Each kind is one planning function in ``KINDS``: it turns the source into a ``_Plan`` (what happens to
every row, the rows to insert, the changes to make) with a few set-based queries. ``preview`` stops
there; ``commit`` hands the plan to the shared writer (Core executemany in chunks, cancel checked
between chunks) and then to the kind's optional after-step.

Undo: rows the batch inserted carry its ``import_batch_id`` and are deleted (except a member, campaign,
product, pickup point or campaign link an order made since uses: ``STILL_USED``); rows it updated get back
the values stored in ImportChange. Undo restores the batch's own before-values even when the rows
were edited later (the later edit is overwritten on those columns); rows deleted since are left
deleted. Interactions are deleted through the interaction log's own path, so day stats stay equal to
a recount whatever was logged after the import.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    String,
    Table,
    bindparam,
    delete,
    exists,
    func,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects.sqlite import DATETIME as SQLITE_DATETIME
from sqlalchemy.orm import Session

from desktop.domain.enums import (
    PLATFORM_CAPACITY,
    GroupStatus,
    ImportStatus,
    InteractionKind,
    Lifespan,
    Platform,
    Role,
    Tier,
)
from desktop.domain.errors import ImportFileError, NotFoundError, ValidationError
from desktop.domain.gc_hold import collections_paused, full_collections
from desktop.domain.imports import (
    BatchKind,
    ChatExport,
    FieldType,
    ImportBatchDTO,
    ImportKind,
    ImportPolicy,
    ImportPreview,
    ImportReport,
    ParsedRow,
    ParsedSheet,
    RowOutcome,
    RowResult,
    field_specs,
)
from desktop.domain.members import SnapshotEntry, normalise_wechat_id
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.domain.stats import MESSAGE_KINDS
from desktop.io.chat_export import read_chat_export
from desktop.io.header import detect_header
from desktop.io.reader import read_grid
from desktop.io.rows import parse_rows
from desktop.store.engine import Database
from desktop.store.models import (
    Campaign,
    CampaignPickupPoint,
    Dimension,
    Group,
    GroupDayStat,
    GroupLabel,
    ImportBatch,
    ImportChange,
    Interaction,
    Label,
    Member,
    Membership,
    Order,
    OrderItem,
    PickupPoint,
    Product,
)

from .interactions import Cell, chunks, delete_interactions, message_speakers
from .rules import RuleService
from .snapshots import EntryDetail, apply_snapshot_in
from .text import search_key

#: rows per executemany; cancel and progress are checked between chunks
WRITE_CHUNK = 5_000
AMBIGUOUS = -1
ALREADY_EXISTS = "已存在"
#: the changes of an item that can only be inserted or skipped (no policy but UPDATE reads them)
_NO_CHANGES: dict[str, Any] = {}
NO_CHANGE = "无变化"

GROUPS: Table = Group.__table__  # type: ignore[assignment]
MEMBERS: Table = Member.__table__  # type: ignore[assignment]
INTERACTIONS: Table = Interaction.__table__  # type: ignore[assignment]
DAY_STATS: Table = GroupDayStat.__table__  # type: ignore[assignment]
MEMBERSHIPS: Table = Membership.__table__  # type: ignore[assignment]
ORDERS: Table = Order.__table__  # type: ignore[assignment]
#: ImportChange.entity -> table, for undo
ENTITY_TABLE: dict[str, Table] = {"group": GROUPS, "member": MEMBERS, "interaction": INTERACTIONS,
                                  "group_day_stat": DAY_STATS, "membership": MEMBERSHIPS, "order": ORDERS}
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {"group": ("id",), "member": ("id",), "interaction": ("id",),
                                            "group_day_stat": ("group_id", "day"), "membership": ("id",),
                                            "order": ("id",)}

#: how a required field is called in messages (the header most sheets use)
FIELD_TITLES = {"name": "群名称", "nickname": "昵称", "occurred_at": "时间", "group_name": "群名称", "day": "日期",
                "external_no": "订单号", "product": "商品"}


# ================================================================================================ plans


@dataclass(frozen=True, slots=True)
class _Update:
    """One matched row to change: its primary key, the new values and what they were."""

    key: tuple[Any, ...]
    after: dict[str, Any]
    before: dict[str, Any]
    #: every column read for the row (for values derived from unchanged columns)
    now: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Plan:
    """What an import will do, decided before anything is written."""

    entity: str
    table: Table
    results: list[RowResult] = field(default_factory=list)
    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[_Update] = field(default_factory=list)
    #: kind-specific data the after-step needs
    extra: dict[str, Any] = field(default_factory=dict)
    #: further plans written in the same transaction, each planned after the one before is written;
    #: called with the batch id, or None in a preview (whose transaction is rolled back)
    steps: Callable[[Session, int | None], Iterator[_Plan]] | None = None


@dataclass(frozen=True, slots=True)
class _Item:
    """One usable source row, ready to be matched: its natural key and the columns it would write."""

    row: int
    key: tuple[Any, ...]
    label: str
    insert: dict[str, Any]
    changes: dict[str, Any]
    note: str = ""


@dataclass(frozen=True, slots=True)
class _Source:
    """What a planning function reads: a parsed sheet or a chat export, plus the options."""

    sheet: ParsedSheet | None = None
    chat: ChatExport | None = None
    source_name: str = ""
    sheet_name: str = ""
    #: orders: the campaign the rows go to (None: the one titled after the file, created if need be)
    campaign_id: int | None = None


Matcher = Callable[[Session, list[_Item]], dict[tuple[Any, ...], int | tuple[Any, ...]]]


def _merge(session: Session, entity: str, table: Table, items: list[_Item], policy: ImportPolicy,
           match: Matcher, pk: tuple[str, ...] = ("id",), read: tuple[str, ...] = ()) -> _Plan:
    """The shared policy: duplicates in the file skipped, matches inserted / updated / skipped / failed."""
    plan = _Plan(entity, table)
    first: dict[tuple[Any, ...], int] = {}
    unique: list[_Item] = []
    for item in items:
        if item.key in first:
            plan.results.append(RowResult(item.row, RowOutcome.SKIPPED, entity, item.label,
                                          f"与第 {first[item.key]} 行重复"))
        else:
            first[item.key] = item.row
            unique.append(item)
    found = match(session, unique)
    current: dict[tuple[Any, ...], dict[str, Any]] = {}
    if policy is ImportPolicy.UPDATE and found:  # only an update needs the present values
        matched = [(item, found[item.key]) for item in unique if item.key in found]
        current = _current_rows(session, table, pk, [target for _, target in matched if target != AMBIGUOUS],
                                {name for item, _ in matched for name in item.changes} | set(read))
    for item in unique:
        target = found.get(item.key)
        if target is None:
            plan.inserts.append(item.insert)
            plan.results.append(RowResult(item.row, RowOutcome.INSERTED, entity, item.label, item.note))
        elif target == AMBIGUOUS:
            plan.results.append(RowResult(item.row, RowOutcome.FAILED, entity, item.label,
                                          "匹配到多条已有记录，无法确定是哪一条"))
        elif policy is ImportPolicy.INSERT:
            plan.results.append(RowResult(item.row, RowOutcome.FAILED, entity, item.label, ALREADY_EXISTS))
        elif policy is ImportPolicy.SKIP:
            plan.results.append(RowResult(item.row, RowOutcome.SKIPPED, entity, item.label, ALREADY_EXISTS))
        else:
            key = target if isinstance(target, tuple) else (target,)
            _plan_update(plan, item, key, current.get(key, {}))
    return plan


def _plan_update(plan: _Plan, item: _Item, key: tuple[Any, ...], now: dict[str, Any]) -> None:
    changed = {name: value for name, value in item.changes.items() if name in now and now[name] != value}
    if not changed:
        plan.results.append(RowResult(item.row, RowOutcome.SKIPPED, plan.entity, item.label, NO_CHANGE))
        return
    # the derived and stamped columns are kept too, so undo puts back the row exactly
    before = {name: now[name] for name in (*changed, "search_key", "updated_at") if name in now}
    plan.updates.append(_Update(key, changed, before, now))
    plan.results.append(RowResult(item.row, RowOutcome.UPDATED, plan.entity, item.label, "更新：" + "、".join(changed)))


def _current_rows(session: Session, table: Table, pk: tuple[str, ...], keys: list[Any],
                  columns: set[str]) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The present values of ``columns`` for the matched rows, read in chunks."""
    if not keys:
        return {}
    wanted = [table.c[name] for name in sorted(columns | {"search_key", "updated_at"}) if name in table.c]
    key_cols = [table.c[name] for name in pk]
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for part in chunks(keys):
        condition = (key_cols[0].in_(part) if len(pk) == 1 else tuple_(*key_cols).in_(part))
        for row in session.execute(select(*key_cols, *wanted).where(condition)):
            out[tuple(row[:len(pk)])] = dict(zip([c.name for c in wanted], row[len(pk):], strict=True))
    return out


def _failed_rows(sheet: ParsedSheet, entity: str, title: str) -> tuple[list[RowResult], list[ParsedRow]]:
    """Rows with unusable cells become FAILED results (every problem named); the rest are returned."""
    failed, good = [], []
    headers = sheet.mapping.headers
    for row in sheet.rows:
        if row.ok:
            good.append(row)
            continue
        reasons = "；".join(f"{_column_name(p.column, headers)}：{p.reason}" for p in row.problems)
        failed.append(RowResult(row.row, RowOutcome.FAILED, entity, _text(row.values.get(title)), reasons))
    return failed, good


def _column_name(column: int | None, headers: Sequence[str]) -> str:
    if column is None:
        return "列"
    title = headers[column] if column < len(headers) else ""
    return f"{column_letter(column)} 列“{title}”" if title else f"{column_letter(column)} 列"


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _text_limits(table: Table) -> dict[str, int]:
    return {c.name: c.type.length for c in table.columns
            if isinstance(c.type, String) and c.type.length is not None}


TEXT_LIMITS = {table.name: _text_limits(table) for table in (GROUPS, MEMBERS, INTERACTIONS, DAY_STATS)}


def _check_lengths(table: Table, values: Mapping[str, Any]) -> str | None:
    """Why a text value does not fit its column, or None."""
    limits = TEXT_LIMITS[table.name]
    for name, value in values.items():
        limit = limits.get(name)
        if limit is not None and isinstance(value, str) and len(value) > limit:
            return f"“{name}”超过 {limit} 个字"
    return None


def _given(values: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """The cells the sheet filled in (a blank cell never clears a stored value)."""
    return {name: values[name] for name in names if values.get(name) is not None}


# ================================================================================================ groups


GROUP_COLUMNS = ("name", "platform", "external_id", "owner", "status", "lifespan", "start_date", "end_date",
                 "capacity", "member_count", "area", "note")


def _group_insert(values: Mapping[str, Any]) -> dict[str, Any]:
    platform = values.get("platform") or Platform.WECHAT
    owner, area, name = values.get("owner") or "", values.get("area") or "", values["name"]
    lifespan = values.get("lifespan") or Lifespan.LONG
    now = datetime.now()
    return {
        "name": name, "platform": platform, "external_id": values.get("external_id"), "owner": owner,
        "status": values.get("status") or GroupStatus.ACTIVE, "lifespan": lifespan,
        "start_date": values.get("start_date"),
        "end_date": values.get("end_date") if lifespan is Lifespan.SHORT else None,
        "capacity": values.get("capacity") or PLATFORM_CAPACITY[Platform(platform)],
        "member_count": values.get("member_count") or 0, "area": area, "note": values.get("note") or "",
        "search_key": search_key(name, owner, area), "archived_at": None,
        "created_at": now, "updated_at": now,
    }


def _group_key(values: Mapping[str, Any]) -> tuple[Any, ...]:
    platform = Platform(values.get("platform") or Platform.WECHAT)
    if values.get("external_id"):
        return ("external_id", platform.value, values["external_id"])
    return ("name", platform.value, values["name"])


def _match_groups(session: Session, items: list[_Item]) -> dict[tuple[Any, ...], int | tuple[Any, ...]]:
    """Existing groups by (platform, external id) or, for rows without one, (platform, name)."""
    ids = {i.key[2] for i in items if i.key[0] == "external_id"}
    names = {i.key[2] for i in items if i.key[0] == "name"}
    found: dict[tuple[Any, ...], int | tuple[Any, ...]] = {}
    for part in chunks(sorted(ids)):
        for gid, platform, external_id in session.execute(
                select(Group.id, Group.platform, Group.external_id).where(Group.external_id.in_(part))):
            found[("external_id", Platform(platform).value, external_id)] = gid
    counts: Counter[tuple[Any, ...]] = Counter()
    for part in chunks(sorted(names)):
        for gid, platform, name in session.execute(
                select(Group.id, Group.platform, Group.name).where(Group.name.in_(part))):
            key = ("name", Platform(platform).value, name)
            counts[key] += 1
            found[key] = gid if counts[key] == 1 else AMBIGUOUS
    return found


def plan_groups(session: Session, source: _Source, policy: ImportPolicy) -> _Plan:
    """Groups by (platform, external id) when the row has one, else (platform, name)."""
    assert source.sheet is not None
    failed, good = _failed_rows(source.sheet, "group", "name")
    items, invalid = [], []
    for row in good:
        values = row.values
        problem = _check_lengths(GROUPS, values)
        if values.get("end_date") and values.get("start_date") and values["end_date"] < values["start_date"]:
            problem = "结束日期早于开始日期"
        if problem:
            invalid.append(RowResult(row.row, RowOutcome.FAILED, "group", values["name"], problem))
            continue
        changes = _given(values, GROUP_COLUMNS)
        items.append(_Item(row.row, _group_key(values), values["name"], _group_insert(values), changes))
    plan = _merge(session, "group", GROUPS, items, policy, _match_groups, read=("name", "owner", "area"))
    _fix_group_search_keys(plan)
    plan.results = failed + invalid + plan.results
    plan.extra["labels"] = {_group_key(row.values): row.values["labels"] for row in good if row.values.get("labels")}
    return plan


def _fix_group_search_keys(plan: _Plan) -> None:
    plan.updates = [_with_search_key(u, ("name", "owner", "area")) for u in plan.updates]


def _with_search_key(change: _Update, sources: tuple[str, ...]) -> _Update:
    """The update plus a recomputed search key when one of ``sources`` changes."""
    if not any(name in change.after for name in sources):
        return change
    merged = {**change.now, **change.after}
    new_key = search_key(*(merged.get(name) or "" for name in sources))
    if new_key == change.before.get("search_key"):
        return change
    return replace(change, after={**change.after, "search_key": new_key})


def _after_groups(session: Session, plan: _Plan, batch_id: int) -> None:
    """Labels named in the sheet, on the groups this import created (existing groups keep theirs)."""
    wanted: dict[tuple[Any, ...], tuple[str, ...]] = plan.extra.get("labels", {})
    if not wanted:
        return
    by_name: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
    for label_id, name, dimension_id, multi in session.execute(
            select(Label.id, Label.name, Label.dimension_id, Dimension.multi).join(Dimension)):
        by_name[name].append((label_id, dimension_id, multi))
    rows = []
    for gid, platform, external_id, name in session.execute(
            select(Group.id, Group.platform, Group.external_id, Group.name).where(Group.import_batch_id == batch_id)):
        values = {"platform": platform, "external_id": external_id, "name": name}
        used: set[int] = set()
        for label_name in wanted.get(_group_key(values), ()):
            for label_id, dimension_id, multi in by_name.get(label_name, [])[:1]:
                if not multi and dimension_id in used:
                    continue  # a second label of a single-choice dimension: the first one wins
                used.add(dimension_id)
                rows.append({"group_id": gid, "label_id": label_id, "dimension_id": dimension_id,
                             "exclusive": not multi})
    if rows:
        session.execute(insert(GroupLabel), rows)


# ================================================================================================ members


MEMBER_COLUMNS = ("nickname", "wechat_id", "phone", "name", "address", "tier", "seed_user", "source", "note")


def _member_insert(values: Mapping[str, Any]) -> dict[str, Any]:
    now = datetime.now()
    nickname, name = values["nickname"], values.get("name") or ""
    return {
        "nickname": nickname, "wechat_id": values.get("wechat_id"), "phone": values.get("phone"), "name": name,
        "address": values.get("address") or "", "tier": values.get("tier") or Tier.PROSPECT,
        "seed_user": bool(values.get("seed_user")), "referrer_id": None, "source": values.get("source") or "",
        "note": values.get("note") or "", "search_key": search_key(nickname, name),
        "created_at": now, "updated_at": now,
    }


def _member_key(values: Mapping[str, Any]) -> tuple[str, str]:
    """The strongest identifier the row carries: WeChat id, then phone, then nickname."""
    for name in ("wechat_id", "phone"):
        if values.get(name):
            return (name, values[name])
    return ("nickname", values["nickname"])


def _lookup_members(session: Session, column: str, values: set[str]) -> dict[str, list[tuple[int, str | None]]]:
    """value -> [(member id, wechat id)] of the members whose ``column`` is one of ``values``."""
    out: dict[str, list[tuple[int, str | None]]] = defaultdict(list)
    col = MEMBERS.c[column]
    for part in chunks(sorted(values)):
        for mid, value, wechat in session.execute(select(Member.id, col, Member.wechat_id).where(col.in_(part))):
            out[value].append((mid, wechat))
    return out


def _match_members(session: Session, items: list[_Item]) -> dict[tuple[Any, ...], int | tuple[Any, ...]]:
    """By WeChat id; failing that by phone (members without a different WeChat id); a row with
    neither by nickname. Several members with the same phone or nickname are ambiguous."""
    wechat = _lookup_members(session, "wechat_id", {i.key[1] for i in items if i.key[0] == "wechat_id"})
    phones = _lookup_members(session, "phone", {p for i in items if (p := i.insert["phone"])})
    nicknames = _lookup_members(session, "nickname", {i.key[1] for i in items if i.key[0] == "nickname"})
    found: dict[tuple[Any, ...], int | tuple[Any, ...]] = {}
    for item in items:
        kind, value = item.key
        candidates = wechat.get(value, []) if kind == "wechat_id" else []
        if not candidates and item.insert["phone"]:
            own = item.insert["wechat_id"]
            candidates = [c for c in phones.get(item.insert["phone"], []) if c[1] is None or own is None]
        if not candidates and kind == "nickname":
            candidates = nicknames.get(value, [])
        if candidates:
            found[item.key] = candidates[0][0] if len(candidates) == 1 else AMBIGUOUS
    return found


def plan_members(session: Session, source: _Source, policy: ImportPolicy) -> _Plan:
    """Members by WeChat id, then phone, then nickname; referrers resolved after the insert."""
    assert source.sheet is not None
    failed, good = _failed_rows(source.sheet, "member", "nickname")
    items, invalid = [], []
    for row in good:
        values = row.values
        if problem := _check_lengths(MEMBERS, values):
            invalid.append(RowResult(row.row, RowOutcome.FAILED, "member", values["nickname"], problem))
            continue
        changes = _given(values, MEMBER_COLUMNS)
        items.append(_Item(row.row, _member_key(values), values["nickname"], _member_insert(values), changes))
    plan = _merge(session, "member", MEMBERS, items, policy, _match_members, read=("nickname", "name"))
    _fix_member_search_keys(plan)
    plan.results = failed + invalid + plan.results
    plan.extra["referrers"] = {_member_key(row.values): row.values["referrer"]
                               for row in good if row.values.get("referrer")}
    return plan


def _fix_member_search_keys(plan: _Plan) -> None:
    plan.updates = [_with_search_key(u, ("nickname", "name")) for u in plan.updates]


def _after_members(session: Session, plan: _Plan, batch_id: int) -> None:
    """Referrers of the members this import created, found among all members by WeChat id, phone or
    a unique nickname (so a referrer further down the same sheet is found too)."""
    wanted: dict[tuple[Any, ...], str] = plan.extra.get("referrers", {})
    if not wanted:
        return
    texts = set(wanted.values())
    found: dict[str, set[int]] = defaultdict(set)
    for column in ("wechat_id", "phone", "nickname"):
        for value, hits in _lookup_members(session, column, texts).items():
            found[value].update(mid for mid, _ in hits)
    changes = []
    for mid, wechat_id, phone, nickname in session.execute(
            select(Member.id, Member.wechat_id, Member.phone, Member.nickname).where(Member.import_batch_id == batch_id)):
        text = wanted.get(_member_key({"wechat_id": wechat_id, "phone": phone, "nickname": nickname}))
        hits = found.get(text or "", set()) - {mid}
        if len(hits) == 1:
            changes.append({"b_id": mid, "referrer_id": next(iter(hits))})
    if changes:
        session.execute(update(MEMBERS).where(MEMBERS.c.id == bindparam("b_id"))
                        .values(referrer_id=bindparam("referrer_id")), changes)


# ================================================================================================ interactions


INTERACTION_COLUMNS = ("summary", "amount_cents", "follow_up_on", "follow_up_done")


def _unique_ids(session: Session, column: Any, id_column: Any, values: set[str]) -> dict[str, int]:
    """value -> id where exactly one row has it; AMBIGUOUS where several do."""
    out: dict[str, int] = {}
    for part in chunks(sorted(values)):
        for value, row_id in session.execute(select(column, id_column).where(column.in_(part))):
            out[value] = row_id if value not in out else AMBIGUOUS
    return out


def _resolve(names: dict[str, int], value: str | None, what: str) -> tuple[int | None, str]:
    if value is None:
        return None, ""
    found = names.get(value)
    if found is None:
        return None, f"找不到{what}“{value}”"
    if found == AMBIGUOUS:
        return None, f"有多个{what}叫“{value}”，无法确定是哪一个"
    return found, ""


def plan_interactions(session: Session, source: _Source, policy: ImportPolicy) -> _Plan:
    """Interactions by (time, group, member, kind); group by name, member by phone, else nickname."""
    assert source.sheet is not None
    failed, good = _failed_rows(source.sheet, "interaction", "occurred_at")
    groups = _unique_ids(session, Group.name, Group.id, {v for r in good if (v := r.values.get("group_name"))})
    phones = _unique_ids(session, Member.phone, Member.id, {v for r in good if (v := r.values.get("phone"))})
    nicks = _unique_ids(session, Member.nickname, Member.id, {v for r in good if (v := r.values.get("nickname"))})
    # one pass over the rows with everything per-sheet decided up front (this loop runs 100,000 times)
    specs = field_specs(source.sheet.kind)
    limited = {name for name in TEXT_LIMITS[INTERACTIONS.name] if name in specs and specs[name].type is FieldType.TEXT}
    updating = policy is ImportPolicy.UPDATE
    items, invalid = [], []
    now = datetime.now()
    note = InteractionKind.NOTE
    for row in good:
        values = row.values
        occurred_at = values["occurred_at"]
        group_name, nickname, phone = values.get("group_name"), values.get("nickname"), values.get("phone")
        # isoformat is the same text as "%Y-%m-%d %H:%M" for four-digit years, at a fraction of strftime's cost
        label = f"{occurred_at.isoformat(' ')[:16]} {group_name or ''} {nickname or ''}".strip()
        # found once and unique is the usual case: resolve's messages only for the rest
        group_id = groups.get(group_name) if group_name is not None else None
        member_id = phones.get(phone) if phone else (nicks.get(nickname) if nickname is not None else None)
        problem = ""
        if (group_id is None and group_name is not None) or group_id == AMBIGUOUS:
            group_id, problem = _resolve(groups, group_name, "群")
        if (member_id is None and (phone or nickname is not None)) or member_id == AMBIGUOUS:
            if phone:
                member_id, member_problem = _resolve(phones, phone, "手机号为此的成员")
            else:
                member_id, member_problem = _resolve(nicks, nickname, "成员")
            problem = problem or member_problem
        if not problem and limited:
            problem = _check_lengths(INTERACTIONS, {name: values.get(name) for name in limited})
        if not problem and group_id is None and member_id is None:
            problem = "群和成员至少要有一个"
        if problem:
            invalid.append(RowResult(row.row, RowOutcome.FAILED, "interaction", label, problem))
            continue
        kind = values.get("kind") or note
        insert_row = {
            "occurred_at": occurred_at, "day": occurred_at.date(), "group_id": group_id, "member_id": member_id,
            "kind": kind, "summary": values.get("summary") or "", "amount_cents": values.get("amount_cents"),
            "follow_up_on": values.get("follow_up_on"), "follow_up_done": bool(values.get("follow_up_done")),
            "created_at": now,
        }
        key = (occurred_at, group_id, member_id, kind.value if isinstance(kind, Enum) else InteractionKind(kind).value)
        items.append(_Item(row.row, key, label, insert_row,
                           _given(values, INTERACTION_COLUMNS) if updating else _NO_CHANGES))
    plan = _merge(session, "interaction", INTERACTIONS, items, policy, _match_interactions)
    plan.results = failed + invalid + plan.results
    # who already speaks in the cells the new rows land in, read before they are written
    plan.extra["speakers"] = message_speakers(
        session, {(row["group_id"], row["day"]) for row in plan.inserts if row["group_id"] is not None})
    return plan


def _match_interactions(session: Session, items: list[_Item]) -> dict[tuple[Any, ...], int | tuple[Any, ...]]:
    """Existing interactions with the same time, group, member and kind: read per group and time span."""
    if not items:
        return {}
    wanted = {item.key for item in items}
    by_group: dict[int | None, list[datetime]] = defaultdict(list)
    for occurred_at, group_id, _member, _kind in wanted:
        by_group[group_id].append(occurred_at)
    found: dict[tuple[Any, ...], int | tuple[Any, ...]] = {}
    for group_id, moments in by_group.items():
        group_condition = Interaction.group_id.is_(None) if group_id is None else Interaction.group_id == group_id
        stmt = select(Interaction.id, Interaction.occurred_at, Interaction.group_id, Interaction.member_id,
                      Interaction.kind).where(group_condition, Interaction.day >= min(moments).date(),
                                              Interaction.day <= max(moments).date())
        for iid, occurred_at, gid, mid, kind in session.execute(stmt):
            key = (occurred_at, gid, mid, InteractionKind(kind).value)
            if key in wanted:
                found[key] = iid if key not in found else AMBIGUOUS
    return found


def _after_interactions(session: Session, plan: _Plan, batch_id: int) -> None:
    """Day stats take the new interactions in, as the interaction log's own writes do (set-based)."""
    _bump_day_stats(session, [row for row in plan.inserts if row["group_id"] is not None],
                    plan.extra.get("speakers", {}))


def _bump_day_stats(session: Session, rows: list[dict[str, Any]], speakers_before: Mapping[Cell, set[int]]) -> None:
    """Add messages, newly active members, joins and leaves of ``rows`` (inserted already) to the day
    stats of their (group, day) cells; a member is newly active in a cell when they speak in ``rows``
    and had no message-kind interaction there before the insert (``speakers_before``)."""
    if not rows:
        return
    counts: dict[tuple[int, date], list[int]] = {}
    speakers: dict[tuple[int, date], set[int]] = defaultdict(set)
    join, leave = InteractionKind.JOIN, InteractionKind.LEAVE
    for row in rows:
        cell = (row["group_id"], row["day"])
        cell_counts = counts.get(cell)
        if cell_counts is None:
            cell_counts = counts[cell] = [0, 0, 0, 0]
        kind = row["kind"]
        if kind in MESSAGE_KINDS:
            cell_counts[0] += 1
            if row["member_id"] is not None:
                speakers[cell].add(row["member_id"])
        elif kind == join:
            cell_counts[2] += 1
        elif kind == leave:
            cell_counts[3] += 1
    for cell, members in speakers.items():
        counts[cell][1] = len(members - speakers_before.get(cell, set()))
    _add_to_day_stats(session, counts)


def _add_to_day_stats(session: Session, counts: dict[tuple[int, date], list[int]]) -> None:
    """Add [messages, active, joins, leaves] to each cell: executemany UPDATE, bulk INSERT of new cells."""
    existing = set(_current_rows(session, DAY_STATS, ("group_id", "day"), list(counts), {"messages"}))
    names = ("messages", "active_members", "joins", "leaves")
    updates = [{"b_group": g, "b_day": d, **{f"b_{n}": v for n, v in zip(names, c, strict=True)}}
               for (g, d), c in counts.items() if (g, d) in existing]
    inserts = [{"group_id": g, "day": d, **dict(zip(names, c, strict=True))}
               for (g, d), c in counts.items() if (g, d) not in existing]
    if updates:
        stmt = (update(DAY_STATS).where(DAY_STATS.c.group_id == bindparam("b_group"),
                                        DAY_STATS.c.day == bindparam("b_day"))
                .values({n: DAY_STATS.c[n] + bindparam(f"b_{n}") for n in names}))
        session.execute(stmt, updates)
    if inserts:
        session.execute(insert(DAY_STATS), inserts)


def _undo_interactions(session: Session, batch_id: int) -> None:
    ids = list(session.scalars(select(Interaction.id).where(Interaction.import_batch_id == batch_id)))
    if ids:
        delete_interactions(session, ids)


# ================================================================================================ day stats


DAY_STAT_COLUMNS = ("messages", "active_members", "joins", "leaves")


def plan_day_stats(session: Session, source: _Source, policy: ImportPolicy) -> _Plan:
    """Daily group stats by (group, day); the group by its external id when given, else its name."""
    assert source.sheet is not None
    failed, good = _failed_rows(source.sheet, "group_day_stat", "group_name")
    by_external = _unique_ids(session, Group.external_id, Group.id,
                              {v for r in good if (v := r.values.get("group_external_id"))})
    by_name = _unique_ids(session, Group.name, Group.id, {v for r in good if (v := r.values.get("group_name"))})
    items, invalid = [], []
    for row in good:
        values = row.values
        label = f"{values['group_name']} {values['day']:%Y-%m-%d}"
        if values.get("group_external_id"):
            group_id, problem = _resolve(by_external, values["group_external_id"], "群ID为此的群")
        else:
            group_id, problem = _resolve(by_name, values["group_name"], "群")
        if group_id is None:
            invalid.append(RowResult(row.row, RowOutcome.FAILED, "group_day_stat", label, problem))
            continue
        counts = {name: values.get(name) or 0 for name in DAY_STAT_COLUMNS}
        items.append(_Item(row.row, (group_id, values["day"]), label,
                           {"group_id": group_id, "day": values["day"], **counts},
                           _given(values, DAY_STAT_COLUMNS)))
    plan = _merge(session, "group_day_stat", DAY_STATS, items, policy, _match_day_stats, ("group_id", "day"))
    plan.results = failed + invalid + plan.results
    return plan


def _match_day_stats(session: Session, items: list[_Item]) -> dict[tuple[Any, ...], int | tuple[Any, ...]]:
    keys = [item.key for item in items]
    return {key: key for key in _current_rows(session, DAY_STATS, ("group_id", "day"), keys, set())}


# ================================================================================================ memberships


#: a list taken on one day of one group: (group id, list date)
ListKey = tuple[int, date]


def plan_memberships(session: Session, source: _Source, policy: ImportPolicy) -> _Plan:
    """Member lists per group, through the snapshot diff (desktop.services.snapshots): the rows of one
    group and list date (名单日期, else today) are everyone in the group that day; people new to it
    join, people no longer listed leave, matched as a pasted list is. Groups are found by external id
    or name, never created. A list with any unusable row is not applied at all, because the missing
    person would otherwise be recorded as having left. The lists are applied in ``steps`` (date order),
    so every policy gives the same diff; applying the same lists again changes nothing."""
    sheet = source.sheet
    assert sheet is not None
    rows = list(sheet.rows)
    by_external = _unique_ids(session, Group.external_id, Group.id,
                              {v for r in rows if (v := r.values.get("group_external_id"))})
    by_name = _unique_ids(session, Group.name, Group.id, {v for r in rows if (v := r.values.get("group_name"))})
    today = date.today()
    headers = sheet.mapping.headers
    lists: dict[ListKey, list[tuple[ParsedRow, SnapshotEntry, EntryDetail]]] = defaultdict(list)
    blocked: dict[ListKey, int] = {}
    results: list[RowResult] = []
    for row in rows:
        values = row.values
        label = _membership_label(values)
        key, problem = _list_key(values, by_external, by_name, today)
        if not problem and row.problems:
            problem = "；".join(f"{_column_name(p.column, headers)}：{p.reason}" for p in row.problems)
        entry = None
        if not problem:
            entry, problem = _snapshot_entry(values)
        if problem:
            results.append(RowResult(row.row, RowOutcome.FAILED, "membership", label, problem))
            if key is not None:
                blocked.setdefault(key, row.row)
            continue
        assert key is not None and entry is not None
        left_on = values.get("left_on")
        if isinstance(left_on, date) and left_on <= key[1]:
            results.append(RowResult(row.row, RowOutcome.SKIPPED, "membership", label,
                                     "名单注明已退群：不算在群成员里"))
            continue
        joined_on = values.get("joined_on")
        is_admin = values.get("is_admin")
        lists[key].append((row, entry, EntryDetail(joined_on if isinstance(joined_on, date) else None,
                                                   bool(is_admin) if is_admin is not None else None)))
    for key, first_bad in blocked.items():
        for row, _, _ in lists.pop(key, []):
            results.append(RowResult(row.row, RowOutcome.FAILED, "membership", _membership_label(row.values),
                                     f"同一份名单的第 {first_bad} 行有问题，这份名单整份未导入"
                                     "（少一个人会被误记为退群）"))
    plan = _Plan("membership", MEMBERSHIPS, results=results)
    now = datetime.now()

    def steps(session: Session, batch_id: int | None) -> Iterator[_Plan]:
        for key in sorted(lists, key=lambda k: (k[1], k[0])):
            yield _apply_list(session, key, lists[key], now, batch_id)

    plan.steps = steps
    return plan


def _membership_label(values: Mapping[str, Any]) -> str:
    return f"{values.get('group_name') or values.get('group_external_id') or ''} {values.get('nickname') or ''}".strip()


def _list_key(values: Mapping[str, Any], by_external: dict[str, int], by_name: dict[str, int],
              today: date) -> tuple[ListKey | None, str]:
    """The list a row belongs to, or why it belongs to none."""
    if values.get("group_external_id"):
        group_id, problem = _resolve(by_external, values["group_external_id"], "群ID为此的群")
    else:
        group_id, problem = _resolve(by_name, values.get("group_name"), "群")
    if group_id is None:
        return None, problem or "群名称为空"
    day = values.get("list_date")
    day = day if isinstance(day, date) else today
    if day > today:
        return None, f"名单日期 {day:%Y-%m-%d} 晚于今天"
    return (group_id, day), ""


def _snapshot_entry(values: Mapping[str, Any]) -> tuple[SnapshotEntry | None, str]:
    try:
        wechat_id = normalise_wechat_id(_text(values.get("wechat_id")) or None)
    except ValidationError as exc:
        return None, str(exc)
    nickname = _text(values.get("nickname")).strip()
    if not nickname and wechat_id is None:
        return None, "昵称为空"
    role = values.get("role")
    return SnapshotEntry(nickname, wechat_id, _text(values.get("group_nickname")),
                         Role(role) if role is not None else None), ""


def _apply_list(session: Session, key: ListKey, listed: list[tuple[ParsedRow, SnapshotEntry, EntryDetail]],
                now: datetime, batch_id: int | None) -> _Plan:
    """One group's list applied: a result per row, one per person recorded as having left."""
    group_id, day = key
    written = apply_snapshot_in(session, group_id, day, [entry for _, entry, _ in listed], now, batch_id,
                                details=[detail for _, _, detail in listed])
    diff = written.diff
    joined, created, updated = set(diff.joined_ids), set(diff.created_ids), set(written.updated_ids)
    plan = _Plan("membership", MEMBERSHIPS)
    first_row: dict[int, int] = {}
    for (row, _, _), member_id in zip(listed, written.entry_members, strict=True):
        label = _membership_label(row.values)
        if member_id in first_row:
            outcome, reason = RowOutcome.SKIPPED, f"与第 {first_row[member_id]} 行是同一人"
        elif member_id in joined:
            outcome, reason = RowOutcome.INSERTED, "新成员，进群" if member_id in created else "进群"
        elif member_id in updated:
            outcome, reason = RowOutcome.UPDATED, "更新群内资料"
        else:
            outcome, reason = RowOutcome.SKIPPED, "已在群中"
        first_row.setdefault(member_id, row.row)
        plan.results.append(RowResult(row.row, outcome, "membership", label, reason))
    if diff.left_ids:
        group_name = session.scalar(select(Group.name).where(Group.id == group_id)) or ""
        names = dict(session.execute(select(Member.id, Member.nickname).where(Member.id.in_(diff.left_ids))).all())
        plan.results += [RowResult(0, RowOutcome.UPDATED, "membership", f"{group_name} {names.get(i, '')}".strip(),
                                   f"不在 {day:%Y-%m-%d} 的名单上：记为退群") for i in diff.left_ids]
    if batch_id is not None and written.before:
        session.execute(insert(ImportChange), [
            {"batch_id": batch_id, "entity": entity, "entity_id": values["id"], "before_json": _encode(values)}
            for entity, values in written.before])
    return plan


# ================================================================================================ chat exports


def plan_chat_export(session: Session, source: _Source, policy: ImportPolicy) -> _Plan:
    """A chat export: groups by chat id (created when new; an existing group is never renamed), then
    day stats per group and day, senders as members by WeChat id (the operator's own messages left
    out), and their messages as interactions when the export kept them. The later steps are planned
    one at a time after the step before is written, because they need the ids it created."""
    chat = source.chat
    assert chat is not None
    rooms = [_Item(0, ("external_id", Platform.WECHAT.value, room.chat_id), room.name or room.chat_id,
                   _group_insert({"name": (room.name or room.chat_id)[:120], "external_id": room.chat_id,
                                  "platform": Platform.WECHAT}), {})
             for room in chat.rooms]
    plan = _merge(session, "group", GROUPS, rooms, ImportPolicy.SKIP, _match_groups)
    plan.results = [r._replace(reason="") if r.reason == ALREADY_EXISTS else r for r in plan.results]
    plan.results += [RowResult(p.row, RowOutcome.FAILED, "chat", p.raw, p.reason) for p in chat.problems]

    def steps(session: Session, batch_id: int | None) -> Iterator[_Plan]:
        preview = batch_id is None
        yield _chat_stats(session, chat, policy, _chat_group_ids(session, chat, preview))
        yield _chat_members(session, chat)
        if chat.messages:
            yield _chat_messages(session, chat, _chat_group_ids(session, chat, preview), preview)

    plan.steps = steps
    return plan


def _chat_group_ids(session: Session, chat: ChatExport, preview: bool) -> dict[str, int]:
    """chat id -> group id; in a preview, groups still to be created get stand-in ids below zero."""
    ids = sorted({room.chat_id for room in chat.rooms})
    out: dict[str, int] = {}
    for part in chunks(ids):
        out.update({external_id: gid for external_id, gid in session.execute(select(Group.external_id, Group.id)
                    .where(Group.external_id.in_(part), Group.platform == Platform.WECHAT))})
    if preview:
        out.update({chat_id: -n for n, chat_id in enumerate(ids, start=2) if chat_id not in out})
    return out


def _chat_stats(session: Session, chat: ChatExport, policy: ImportPolicy, group_ids: dict[str, int]) -> _Plan:
    items = [_Item(0, (group_ids[s.chat_id], s.day), f"{s.chat_id} {s.day:%Y-%m-%d}",
                   {"group_id": group_ids[s.chat_id], "day": s.day, "messages": s.messages,
                    "active_members": s.active_members, "joins": 0, "leaves": 0},
                   {"messages": s.messages, "active_members": s.active_members})
             for s in chat.day_stats if s.chat_id in group_ids]
    return _merge(session, "group_day_stat", DAY_STATS, items, policy, _match_day_stats, ("group_id", "day"))


def _chat_members(session: Session, chat: ChatExport) -> _Plan:
    names = {s.member_id: s.member_name for s in chat.member_day_stats if not s.is_self}
    items = [_Item(0, ("wechat_id", member_id[:80]), name or member_id,
                   _member_insert({"nickname": (name or member_id)[:120], "wechat_id": member_id[:80]}), {})
             for member_id, name in sorted(names.items())]
    plan = _merge(session, "member", MEMBERS, items, ImportPolicy.SKIP, _match_members)
    plan.results = [r._replace(reason="") if r.reason == ALREADY_EXISTS else r for r in plan.results]
    return plan


def _chat_messages(session: Session, chat: ChatExport, group_ids: dict[str, int], preview: bool) -> _Plan:
    """Message interactions; in a preview, senders still to be created get stand-in ids."""
    member_ids = _unique_ids(session, Member.wechat_id, Member.id, {m.member_id[:80] for m in chat.messages})
    selves = {(s.chat_id, s.member_id) for s in chat.member_day_stats if s.is_self}
    now = datetime.now()
    items = []
    for n, m in enumerate(chat.messages):
        if (m.chat_id, m.member_id) in selves or m.chat_id not in group_ids:
            continue
        member_id = member_ids.get(m.member_id[:80], -n - 2 if preview else None)
        if member_id is None or member_id == AMBIGUOUS:
            continue
        group_id = group_ids[m.chat_id]
        items.append(_Item(0, (m.sent_at, group_id, member_id, InteractionKind.MESSAGE.value),
                           f"{m.sent_at:%Y-%m-%d %H:%M} {m.member_name}",
                           {"occurred_at": m.sent_at, "day": m.sent_at.date(), "group_id": group_id,
                            "member_id": member_id, "kind": InteractionKind.MESSAGE, "summary": m.text,
                            "amount_cents": None, "follow_up_on": None, "follow_up_done": False,
                            "created_at": now}, {"summary": m.text}))
    # the day stats above already count these messages, so they are written without bumping them
    return _merge(session, "interaction", INTERACTIONS, items, ImportPolicy.SKIP, _match_interactions)


# ================================================================================================ registry


@dataclass(frozen=True, slots=True)
class KindImporter:
    """How one kind is planned, what runs after its rows are written, and how its inserts are undone
    (default: delete the rows carrying the batch id, newest table first)."""

    plan: Callable[[Session, _Source, ImportPolicy], _Plan]
    after: Callable[[Session, _Plan, int], None] | None = None


KINDS: dict[BatchKind, KindImporter] = {
    BatchKind.GROUPS: KindImporter(plan_groups, _after_groups),
    BatchKind.MEMBERS: KindImporter(plan_members, _after_members),
    BatchKind.INTERACTIONS: KindImporter(plan_interactions, _after_interactions),
    BatchKind.DAY_STATS: KindImporter(plan_day_stats),
    BatchKind.MEMBERSHIPS: KindImporter(plan_memberships),
    BatchKind.CHAT_EXPORT: KindImporter(plan_chat_export),
    BatchKind.ORDERS: KindImporter(lambda session, source, policy: _plan_orders(session, source, policy)),
}


def _plan_orders(session: Session, source: _Source, policy: ImportPolicy) -> _Plan:
    """Order exports live in desktop.services.order_import (which builds on this module)."""
    from .order_import import plan_orders

    return plan_orders(session, source, policy)


# ================================================================================================ writing


class _Writer:
    """Writes plans in chunks under one batch, checking cancel and reporting progress between chunks."""

    def __init__(self, session: Session, batch_id: int, progress: ProgressFn | None,
                 cancel: CancelToken | None) -> None:
        self.session, self.batch_id = session, batch_id
        self.progress, self.cancel = progress, cancel

    def tick(self, done: int, total: int, message: str) -> None:
        if self.cancel is not None:
            self.cancel.raise_if_cancelled()
        if self.progress is not None:
            self.progress(done, total, message)

    def write(self, plan: _Plan) -> None:
        total = len(plan.inserts) + len(plan.updates)
        title = ENTITY_TITLES[plan.entity]
        done = 0
        write_rows = _row_writer(self.session, plan.table, plan.inserts[0]) if plan.inserts else None
        for start in range(0, len(plan.inserts), WRITE_CHUNK):
            self.tick(done, total, f"正在写入{title}")
            part = plan.inserts[start:start + WRITE_CHUNK]
            assert write_rows is not None
            write_rows(part, self.batch_id)
            done += len(part)
        by_columns: dict[tuple[str, ...], list[_Update]] = defaultdict(list)
        for change in plan.updates:
            by_columns[tuple(sorted(change.after))].append(change)
        for columns, changes in by_columns.items():
            for start in range(0, len(changes), WRITE_CHUNK):
                self.tick(done, total, f"正在更新{title}")
                part = changes[start:start + WRITE_CHUNK]
                self._update(plan, columns, part)
                done += len(part)
        self.tick(total, total, f"{title}已写入")

    def _update(self, plan: _Plan, columns: tuple[str, ...], changes: list[_Update]) -> None:
        table, pk = plan.table, PRIMARY_KEYS[plan.entity]
        stamped = "updated_at" in table.c
        values = {name: bindparam(f"v_{name}") for name in columns}
        if stamped:
            values["updated_at"] = bindparam("v_updated_at")
        stmt = update(table).where(*(table.c[k] == bindparam(f"k_{k}") for k in pk)).values(values)
        now = datetime.now()
        params = []
        for change in changes:
            row = {f"k_{k}": v for k, v in zip(pk, change.key, strict=True)}
            row.update({f"v_{name}": change.after[name] for name in columns})
            if stamped:
                row["v_updated_at"] = now
            params.append(row)
        self.session.execute(stmt, params)
        self.session.execute(insert(ImportChange), [
            {"batch_id": self.batch_id, "entity": plan.entity, "entity_id": change.key[0],
             "before_json": _encode({**dict(zip(pk, change.key, strict=True)), **change.before})}
            for change in changes
        ])


def _row_writer(session: Session, table: Table,
                sample: Mapping[str, Any]) -> Callable[[list[dict[str, Any]], int], None]:
    """How to insert rows shaped like ``sample`` under a batch. Where the driver takes positional
    parameters and the rows fill every column that has a default, one plain executemany of tuples,
    each column run once through its type's bind processor (repeated values processed once); else
    Core's executemany of dicts. Both store the same values: the processors are the dialect's own.
    A table without ``import_batch_id`` (order lines: undone with their order) gets the rows as they are."""
    batched = "import_batch_id" in table.c
    names = [*sample, "import_batch_id"] if batched else list(sample)
    dialect = session.get_bind().dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    order = list(compiled.positiontup or ())

    def core(rows: list[dict[str, Any]], batch_id: int) -> None:
        session.execute(insert(table), [{**row, "import_batch_id": batch_id} for row in rows] if batched else rows)

    if not compiled.positional or set(order) != set(names):
        return core
    sql = str(compiled)
    processors = [_fast_datetimes(table.c[name].type, dialect) for name in order]
    batch_at = order.index("import_batch_id") if batched else -1
    getters = [name for name in order if name != "import_batch_id"]

    def plain(rows: list[dict[str, Any]], batch_id: int) -> None:
        columns: list[Any] = [[row[name] for row in rows] for name in getters]
        if batched:
            columns.insert(batch_at, [batch_id] * len(rows))
        for i, process in enumerate(processors):
            if process is None:
                continue
            done = {value: process(value) if value is not None else None for value in set(columns[i])}
            columns[i] = [done[value] for value in columns[i]]
        _insert_columns(session, sql, columns)

    return plain


def _column_writer(session: Session, table: Table,
                   names: Sequence[str]) -> Callable[[dict[str, list[Any]], int], None]:
    """``_row_writer`` for rows given column by column (``{name: values}``, every list as long): the
    same statement and bind processing, without a dict per row. A column given as one value in a
    1-item tuple is that value on every row (processed once)."""
    batched = "import_batch_id" in table.c
    keys = [*names, "import_batch_id"] if batched else list(names)
    dialect = session.get_bind().dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    order = list(compiled.positiontup or ())
    if not compiled.positional or set(order) != set(keys):
        def core(columns: dict[str, list[Any]], batch_id: int) -> None:
            size = max((len(v) for v in columns.values() if not isinstance(v, tuple)), default=0)
            full = {k: (list(v) * size if isinstance(v, tuple) else v) for k, v in columns.items()}
            rows = [dict(zip(full, values, strict=True)) for values in zip(*full.values(), strict=True)]
            session.execute(insert(table), [{**row, "import_batch_id": batch_id} for row in rows] if batched
                            else rows)
        return core
    sql = str(compiled)
    processors = [_fast_datetimes(table.c[name].type, dialect) for name in order]
    # columns of one type (placed_at and paid_at) share a cache of processed values: they often
    # hold the same moments
    kinds = [repr(table.c[name].type) for name in order]

    def plain(columns: dict[str, list[Any]], batch_id: int) -> None:
        size = max((len(v) for v in columns.values() if not isinstance(v, tuple)), default=0)
        if not size:
            return
        out: list[Any] = []
        caches: dict[str, dict[Any, Any]] = {}
        for name, process, kind in zip(order, processors, kinds, strict=True):
            values = (batch_id,) if name == "import_batch_id" else columns[name]
            if isinstance(values, tuple):
                value = values[0]
                out.append([process(value) if process is not None and value is not None else value] * size)
                continue
            if process is not None:
                done = caches.setdefault(kind, {None: None})
                done.update({value: process(value) for value in set(values).difference(done)})
                values = [done[value] for value in values]
            out.append(values)
        _insert_columns(session, sql, out)

    return plain


#: rows per INSERT statement of the positional writers: SQLite takes a VALUES list of a few hundred
#: rows 1.2-1.8x faster than the same rows one execution each (fewer steps and bindings through the
#: driver; measured on orders, order lines and members)
ROWS_PER_STATEMENT = 500


def _insert_columns(session: Session, sql: str, columns: Sequence[list[Any]]) -> None:
    """Run the one-row positional ``INSERT .. VALUES (?, ..)`` ``sql`` for every row of ``columns``
    (lists of one length, in the statement's order): on SQLite several rows per statement, as many
    as its limit on parameters allows; elsewhere one execution per row."""
    size, width = len(columns[0]), len(columns)
    connection = session.connection()
    head, values_keyword, row = sql.partition(" VALUES ")
    driver = connection.connection.driver_connection
    if not isinstance(driver, sqlite3.Connection) or not values_keyword or size < 2:
        connection.exec_driver_sql(sql, list(zip(*columns, strict=True)))
        return
    per = max(1, min(ROWS_PER_STATEMENT, driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width, size))
    flat: list[Any] = [None] * (size * width)
    for at, values in enumerate(columns):
        flat[at::width] = values  # refuses a column of another length
    step, full = per * width, size // per * per
    connection.exec_driver_sql(f"{head} VALUES {', '.join([row] * per)}",
                               [tuple(flat[start:start + step]) for start in range(0, full * width, step)])
    if full < size:
        connection.exec_driver_sql(f"{head} VALUES {', '.join([row] * (size - full))}", [tuple(flat[full * width:])])


def _fast_datetimes(column_type: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """The column type's bind processor; for SQLite's DATETIME in its default storage format, one that
    writes a naive datetime with ``isoformat`` (the same text, "2026-11-01 08:00:41.000000", in a
    third of the time: every order has its own times) and hands anything else to the dialect's."""
    process = column_type._cached_bind_processor(dialect)
    impl = column_type.dialect_impl(dialect)
    if process is None or not isinstance(impl, SQLITE_DATETIME) or (
            impl._storage_format != SQLITE_DATETIME._storage_format):
        return process

    def fast(value: Any) -> Any:
        if value.__class__ is datetime and value.tzinfo is None:
            return value.isoformat(" ", "microseconds")
        return process(value)

    return fast


def largest_id(session: Session, table: Table) -> int:
    return session.scalar(select(func.max(table.c.id))) or 0


def consecutive_ids(session: Session, table: Table, before: int, count: int) -> list[int] | None:
    """The ids of the ``count`` rows this transaction just inserted one after another into ``table``,
    whose largest id was ``before``, in insert order, without reading them back: on SQLite each
    insert takes the largest rowid + 1, so they are ``before + 1`` .. ``before + count`` when exactly
    that many rows, no fewer and none further, lie above ``before`` (checked with one indexed
    query). None when that does not hold or on another database: read them back."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    low, high, found = session.execute(select(func.min(table.c.id), func.max(table.c.id), func.count())
                                       .where(table.c.id > before)).one()
    if found != count or (count and (low != before + 1 or high != before + count)):
        return None
    return list(range(before + 1, before + count + 1))


def insert_columns_returning_ids(session: Session, table: Table, columns: Mapping[str, Sequence[Any]],
                                 batch_id: int, key_columns: Sequence[str]) -> list[int]:
    """Insert rows given column by column (``_column_writer``: every list as long, a 1-item tuple for
    a value every row shares) under the batch, ``WRITE_CHUNK`` rows a call, and return their new
    ids in row order: worked out from the largest id before (``consecutive_ids``) where that holds,
    else read back by the batch and ``key_columns`` (text columns that together tell the rows apart)."""
    size = max((len(values) for values in columns.values() if not isinstance(values, tuple)), default=0)
    if not size:
        return []
    write = _column_writer(session, table, list(columns))
    before = largest_id(session, table)
    for start in range(0, size, WRITE_CHUNK):
        write({name: values if isinstance(values, tuple) else values[start:start + WRITE_CHUNK]
               for name, values in columns.items()}, batch_id)
    ids = consecutive_ids(session, table, before, size)
    if ids is not None:
        return ids
    made = {tuple(key): row_id for row_id, *key in session.execute(
        select(table.c.id, *(table.c[name] for name in key_columns))
        .where(table.c.import_batch_id == batch_id, table.c.id > before))}
    return [made[key] for key in zip(*(columns[name] for name in key_columns), strict=True)]


ENTITY_TITLES = {"group": "群", "member": "成员", "interaction": "互动记录", "group_day_stat": "每日群统计",
                 "membership": "群成员名单", "order": "订单"}


def _encode(values: Mapping[str, Any]) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, date):  # datetime too
            return value.isoformat()
        return value

    return json.dumps({name: plain(value) for name, value in values.items()}, ensure_ascii=False)


def _decode(table: Table, text: str) -> dict[str, Any]:
    """Stored before-values back to column values (dates and times were written as ISO text)."""
    out = {}
    for name, value in json.loads(text).items():
        column_type = table.c[name].type
        if value is not None and isinstance(column_type, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column_type, Date):
            value = date.fromisoformat(value)
        out[name] = value
    return out


# ================================================================================================ the service


ImportSource = Path | str | ParsedSheet | ImportPreview

#: tables holding rows a batch inserted, children first
INSERTED_TABLES: tuple[tuple[str, Any], ...] = (
    ("interaction", Interaction), ("group_day_stat", GroupDayStat), ("membership", Membership), ("order", Order),
    ("product", Product), ("campaign_pickup_point", CampaignPickupPoint), ("campaign", Campaign),
    ("pickup_point", PickupPoint), ("member", Member), ("group", Group),
)
#: rows a batch created that are kept when something made since still uses them (undo never takes
#: an order the operator typed later with it): entity -> the condition for deleting. The batch's own
#: orders are deleted first, so only orders made since (or by another batch) hold a row back: the
#: buyer a 接龙 or an order import registered and a later quick order uses stays that order's member,
#: and a campaign's pickup point a kept order names stays offered by the campaign.
STILL_USED: dict[str, Any] = {
    "product": ~exists().where(OrderItem.product_id == Product.id),
    "campaign": ~exists().where(Order.campaign_id == Campaign.id),
    "pickup_point": ~exists().where(Order.pickup_point_id == PickupPoint.id),
    "campaign_pickup_point": ~exists().where(Order.campaign_id == CampaignPickupPoint.campaign_id,
                                             Order.pickup_point_id == CampaignPickupPoint.pickup_point_id),
    "member": ~exists().where(Order.member_id == Member.id),
}


@dataclass(frozen=True, slots=True)
class _Read:
    source: _Source
    file_hash: str | None
    rows: int


class ImportService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ---------------------------------------------------------------- preview and commit
    def preview(self, path: Path | str, kind: BatchKind | ImportKind | str, *, sheet: str | None = None,
                mapping: Any = None, policy: ImportPolicy = ImportPolicy.SKIP, include_messages: bool = False,
                progress: ProgressFn | None = None, cancel: CancelToken | None = None,
                campaign_id: int | None = None) -> ImportPreview:
        """Read the file and say for every row what ``commit`` would do under ``policy``; writes nothing.
        ``campaign_id``: orders only, the campaign the orders belong to."""
        with full_collections:  # see desktop.domain.gc_hold: the CLI gets what the GUI's jobs get
            return self._preview(path, kind, sheet, mapping, policy, include_messages, progress, cancel,
                                 campaign_id)

    def _preview(self, path: Path | str, kind: BatchKind | ImportKind | str, sheet: str | None, mapping: Any,
                 policy: ImportPolicy, include_messages: bool, progress: ProgressFn | None,
                 cancel: CancelToken | None, campaign_id: int | None) -> ImportPreview:
        batch_kind = _kind(kind)
        read = self._read(Path(path), batch_kind, sheet, mapping, include_messages, progress, cancel)
        read = _for_campaign(read, campaign_id)
        with self._db.transaction() as session:
            earlier = _earlier_batch(session, read.file_hash, batch_kind)
            earlier_id = earlier.id if earlier is not None else None
            if earlier is not None and policy is not ImportPolicy.UPDATE:
                results = _already_imported(read, earlier)
            else:
                plan = KINDS[batch_kind].plan(session, read.source, policy)
                results = list(plan.results)
                if plan.steps is not None:
                    for step in plan.steps(session, None):
                        results += step.results
            session.rollback()  # a preview never writes, even by accident
        return ImportPreview(batch_kind, policy, read.source.source_name, read.source.sheet_name, read.file_hash,
                             _sorted(results), read.source.sheet, read.source.chat,
                             earlier_id, read.source.campaign_id)

    def commit(self, source: ImportSource, kind: BatchKind | ImportKind | str,
               policy: ImportPolicy = ImportPolicy.SKIP, *, sheet: str | None = None, mapping: Any = None,
               include_messages: bool = False, strict: bool = False, progress: ProgressFn | None = None,
               cancel: CancelToken | None = None, campaign_id: int | None = None) -> ImportReport:
        """Import in one transaction: all rows or none. ``strict`` refuses the whole file when any
        cell is unusable; otherwise such rows are reported as failed and the rest imported. Cancel
        rolls everything back (Cancelled is raised)."""
        # re-entrant: a TaskRunner job already holds full collections, the CLI does not; see
        # desktop.domain.gc_hold for why an import pauses young collections as well
        with full_collections, collections_paused:
            return self._commit(source, kind, policy, sheet, mapping, include_messages, strict, progress, cancel,
                                campaign_id)

    def _commit(self, source: ImportSource, kind: BatchKind | ImportKind | str, policy: ImportPolicy,
                sheet: str | None, mapping: Any, include_messages: bool, strict: bool,
                progress: ProgressFn | None, cancel: CancelToken | None, campaign_id: int | None) -> ImportReport:
        started = time.perf_counter()
        batch_kind, policy = _kind(kind), ImportPolicy(policy)
        read = self._source(source, batch_kind, sheet, mapping, include_messages, progress, cancel)
        read = _for_campaign(read, campaign_id)
        if strict:
            _refuse_problems(read.source)
        with self._db.transaction() as session:
            earlier = _earlier_batch(session, read.file_hash, batch_kind)
            batch = ImportBatch(kind=batch_kind.value, source_name=read.source.source_name[:500],
                                file_hash=read.file_hash, rows=read.rows, status=ImportStatus.DONE)
            session.add(batch)
            session.flush()
            if earlier is not None and policy is not ImportPolicy.UPDATE:
                results = _already_imported(read, earlier)
            else:
                results = self._write(session, batch.id, batch_kind, read.source, policy, progress, cancel)
            results = _sorted(results)
            new_groups = tuple(session.scalars(select(Group.id).where(Group.import_batch_id == batch.id)
                                               .order_by(Group.id)))
            counts = Counter(r.outcome for r in results)
            batch.note = json.dumps({"policy": policy.value, "sheet": read.source.sheet_name,
                                     **{o.value: counts[o] for o in RowOutcome}})
            batch_id = batch.id
        if new_groups:
            RuleService(self._db).apply_to_new(new_groups)
        return ImportReport(batch_id, batch_kind, policy, read.source.source_name, read.source.sheet_name,
                            tuple(results), new_groups, time.perf_counter() - started)

    @staticmethod
    def _write(session: Session, batch_id: int, kind: BatchKind, source: _Source, policy: ImportPolicy,
               progress: ProgressFn | None, cancel: CancelToken | None) -> list[RowResult]:
        writer = _Writer(session, batch_id, progress, cancel)
        writer.tick(0, 1, "正在比对已有数据")
        importer = KINDS[kind]
        plan = importer.plan(session, source, policy)
        writer.write(plan)
        if importer.after is not None:
            importer.after(session, plan, batch_id)
        results = list(plan.results)
        if plan.steps is not None:
            for step in plan.steps(session, batch_id):
                writer.write(step)
                results += step.results
        return results

    # ---------------------------------------------------------------- undo and history
    def undo(self, batch_id: int) -> ImportBatchDTO:
        """Take a whole import back: its inserted rows deleted, the rows it updated restored."""
        with self._db.transaction() as session:
            batch = session.get(ImportBatch, batch_id)
            if batch is None:
                raise NotFoundError(f"导入批次 #{batch_id} 不存在")
            if batch.status is ImportStatus.UNDONE:
                raise ValidationError(f"导入批次 #{batch_id}（{batch.source_name}）已经撤销过了，不能再撤销一次")
            _restore(session, batch_id)
            _delete_inserted(session, batch_id, BatchKind(batch.kind))
            batch.status = ImportStatus.UNDONE
            session.flush()
            return _batch_dto(batch)

    def history(self) -> list[ImportBatchDTO]:
        """Every import, newest first."""
        with self._db.transaction() as session:
            batches = session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).all()
            return [_batch_dto(batch) for batch in batches]

    # ---------------------------------------------------------------- reading
    def _source(self, source: ImportSource, kind: BatchKind, sheet: str | None, mapping: Any,
                include_messages: bool, progress: ProgressFn | None, cancel: CancelToken | None) -> _Read:
        if isinstance(source, ImportPreview):
            return _Read(_Source(source.sheet, source.chat, source.source_name, source.sheet_name,
                                 source.campaign_id),
                         source.file_hash, len(source.sheet.columns) if source.sheet else _chat_rows(source.chat))
        if isinstance(source, ParsedSheet):
            _check_required(source, "", sheet or "")
            return _Read(_Source(sheet=source, sheet_name=sheet or ""), None, len(source.columns))
        return self._read(Path(source), kind, sheet, mapping, include_messages, progress, cancel)

    @staticmethod
    def _read(path: Path, kind: BatchKind, sheet: str | None, mapping: Any, include_messages: bool,
              progress: ProgressFn | None, cancel: CancelToken | None) -> _Read:
        if kind not in KINDS:
            raise ValidationError(f"暂不支持导入“{kind.value}”", "kind")
        if kind is BatchKind.CHAT_EXPORT:
            chat = read_chat_export(path, keep_text=include_messages, progress=progress, cancel=cancel)
            return _Read(_Source(chat=chat, source_name=path.name, sheet_name=path.stem), file_hash(path),
                         _chat_rows(chat))
        grid = read_grid(path, sheet)
        sheet_kind = ImportKind(kind.value)
        parsed = parse_rows(grid.frame, sheet_kind, mapping or detect_header(grid.frame, sheet_kind),
                            progress=progress, cancel=cancel)
        _check_required(parsed, path.name, grid.sheet)
        return _Read(_Source(sheet=parsed, source_name=path.name, sheet_name=grid.sheet), file_hash(path),
                     len(parsed.columns))


# ================================================================================================ helpers


def _for_campaign(read: _Read, campaign_id: int | None) -> _Read:
    if campaign_id is None:
        return read
    return replace(read, source=replace(read.source, campaign_id=campaign_id))


def _kind(kind: BatchKind | ImportKind | str) -> BatchKind:
    try:
        return BatchKind(str(kind))
    except ValueError:
        raise ValidationError(f"不认识的导入类型：{kind}", "kind") from None


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _chat_rows(chat: ChatExport | None) -> int:
    return chat.rows_read if chat is not None else 0


def _where(source_name: str, sheet_name: str) -> str:
    if source_name and sheet_name:
        return f"{source_name} 的工作表“{sheet_name}”"
    return source_name or (f"工作表“{sheet_name}”" if sheet_name else "表格")


def _check_required(sheet: ParsedSheet, source_name: str, sheet_name: str) -> None:
    """A required column the header does not have: refuse the file, naming it."""
    if not sheet.missing_fields:
        return
    specs = field_specs(sheet.kind)
    names = "、".join(f"“{FIELD_TITLES.get(name, name)}”（{name}）" for name in sheet.missing_fields
                     if name in specs)
    raise ImportFileError(f"{_where(source_name, sheet_name)}缺少必需的列：{names}；请检查表头或手动指定列",
                          source_name)


def _refuse_problems(source: _Source) -> None:
    """Strict mode: the first unusable cell, named by file, sheet, row and column, refuses the file."""
    sheet = source.sheet
    problems = sheet.problems if sheet is not None else (source.chat.problems if source.chat else ())
    if not problems:
        return
    first = problems[0]
    headers = sheet.mapping.headers if sheet is not None else ()
    column = _column_name(first.column, headers) if first.column is not None else f"“{first.field}”"
    more = f"（另有 {len(problems) - 1} 处问题）" if len(problems) > 1 else ""
    raise ImportFileError(f"{_where(source.source_name, source.sheet_name)}第 {first.row} 行 {column}："
                          f"{first.reason}{more}；未导入任何数据", source.source_name)


def _earlier_batch(session: Session, digest: str | None, kind: BatchKind) -> ImportBatch | None:
    if digest is None:
        return None
    return session.scalars(select(ImportBatch).where(
        ImportBatch.file_hash == digest, ImportBatch.kind == kind.value, ImportBatch.status == ImportStatus.DONE,
    ).order_by(ImportBatch.id).limit(1)).first()


def _already_imported(read: _Read, earlier: ImportBatch) -> list[RowResult]:
    reason = f"此文件已于 {earlier.created_at:%Y-%m-%d %H:%M} 导入过（批次 #{earlier.id}）"
    if read.source.sheet is None:
        return [RowResult(0, RowOutcome.SKIPPED, "chat", read.source.source_name, reason)]
    entity, title = SHEET_ENTITY[read.source.sheet.kind]
    return [RowResult(row.row, RowOutcome.SKIPPED, entity, _text(row.values.get(title)), reason)
            for row in read.source.sheet.rows]


#: kind -> (entity, the field that names a row in the report)
SHEET_ENTITY: dict[ImportKind, tuple[str, str]] = {
    ImportKind.GROUPS: ("group", "name"), ImportKind.MEMBERS: ("member", "nickname"),
    ImportKind.INTERACTIONS: ("interaction", "occurred_at"), ImportKind.DAY_STATS: ("group_day_stat", "group_name"),
    ImportKind.MEMBERSHIPS: ("membership", "nickname"), ImportKind.ORDERS: ("order", "external_no"),
}


def _sorted(results: list[RowResult]) -> tuple[RowResult, ...]:
    return tuple(sorted(results, key=lambda r: r.row))


def _restore(session: Session, batch_id: int) -> None:
    """Put back the values the batch overwrote, newest change first, grouped for executemany."""
    groups: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
    for entity, before_json in session.execute(select(ImportChange.entity, ImportChange.before_json)
                                               .where(ImportChange.batch_id == batch_id)
                                               .order_by(ImportChange.id.desc())):
        values = _decode(ENTITY_TABLE[entity], before_json)
        groups[(entity, tuple(sorted(values)))].append(values)
    for (entity, columns), rows in groups.items():
        table, pk = ENTITY_TABLE[entity], PRIMARY_KEYS[entity]
        stmt = (update(table).where(*(table.c[k] == bindparam(f"k_{k}") for k in pk))
                .values({name: bindparam(f"v_{name}") for name in columns if name not in pk}))
        params = [{**{f"k_{k}": row[k] for k in pk}, **{f"v_{n}": row[n] for n in columns if n not in pk}}
                  for row in rows]
        for start in range(0, len(params), WRITE_CHUNK):
            session.execute(stmt, params[start:start + WRITE_CHUNK])


def _delete_inserted(session: Session, batch_id: int, kind: BatchKind) -> None:
    """Delete what the batch inserted, children first. Imported interactions went into the day stats
    through the log's own path, so they leave it the same way; a chat export's messages were never
    added to the stats (its own day rows carry them), so they are deleted as they are."""
    for entity, model in INSERTED_TABLES:
        if entity == "interaction" and kind in (BatchKind.INTERACTIONS, BatchKind.MEMBERSHIPS):
            _undo_interactions(session, batch_id)
            continue
        condition = model.import_batch_id == batch_id
        if entity in STILL_USED:
            condition = condition & STILL_USED[entity]
        session.execute(delete(model).where(condition).execution_options(synchronize_session=False))


def _batch_dto(batch: ImportBatch) -> ImportBatchDTO:
    try:
        note = json.loads(batch.note or "{}")
    except ValueError:
        note = {}
    note = note if isinstance(note, dict) else {}
    return ImportBatchDTO(
        id=batch.id, kind=BatchKind(batch.kind), source_name=batch.source_name, sheet_name=str(note.get("sheet", "")),
        policy=ImportPolicy(note.get("policy", ImportPolicy.SKIP.value)), rows=batch.rows,
        inserted=int(note.get("inserted", 0)), updated=int(note.get("updated", 0)),
        skipped=int(note.get("skipped", 0)), failed=int(note.get("failed", 0)),
        status=ImportStatus(batch.status).value, created_at=batch.created_at,
    )
