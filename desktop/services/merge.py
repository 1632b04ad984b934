"""Merge groups (合并大群): preview first, then one transaction that does exactly what it said.

``preview`` and ``merge`` build the same plan from the same reads (``_plan``), so the numbers the
operator confirms are the numbers that happen; ``merge`` also checks the rows it finds in the
target afterwards against the plan and rolls everything back if they differ.

What happens to each table that refers to ``groups.id`` (``MERGED_TABLES``):

* memberships: re-pointed; a person in the target and a source (or in two sources) keeps one
  membership, combined by ``desktop.domain.merge.fold_memberships``;
* interactions, orders: re-pointed (no uniqueness, nothing folds);
* group_day_stats: re-pointed; rows of the same day are summed (messages, joins, leaves).
  ``active_members`` takes the largest of the rows: the distinct count of people over both groups
  cannot be rebuilt from per-group aggregates (a person active in both would be counted twice by a
  sum), and the max is a true lower bound of it. A recount from interactions can refine it later;
* group_labels: the target gets the union; a single-choice dimension keeps the target's label
  (or, if the target has none, the first source's) and the preview says so. The sources keep their
  own labels as a record of what they were;
* campaign_groups, broadcast_targets: re-pointed; links the target already has are dropped;
* channels: re-pointed; a robot with the same kind and webhook as one already on the target is
  removed, its deliveries pointing at the target's robot instead;
* deliveries: re-pointed, unless the target has a delivery of the same broadcast occurrence (the
  source's is dropped) or two sources do (the one that records the most is kept).

The sources end archived, with ``member_count`` 0 and "已合并到 <target>" appended to their note;
the target's ``member_count`` is recounted from its active memberships.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from desktop.domain.enums import GroupStatus
from desktop.domain.errors import NotFoundError, QunDeskError, ValidationError
from desktop.domain.merge import (
    NOTE_MAX,
    PLATFORM_NAMES,
    TABLE_TITLES,
    MembershipFacts,
    MergeGroupRef,
    MergePreview,
    MergeResult,
    TableMerge,
    delivery_rank,
    fold_memberships,
)
from desktop.store.engine import Database
from desktop.store.models import (
    AuditLog,
    BroadcastTarget,
    CampaignGroup,
    Channel,
    Delivery,
    Dimension,
    Group,
    GroupDayStat,
    GroupLabel,
    Interaction,
    Label,
    Membership,
    Order,
)

#: every table with a foreign key to groups.id; a test fails when a new one appears unhandled
MERGED_TABLES: frozenset[str] = frozenset(TABLE_TITLES)

#: ids per IN (...) list: far below every driver's parameter limit
CHUNK = 500

MS = Membership.__table__
STAT = GroupDayStat.__table__
GL = GroupLabel.__table__
CG = CampaignGroup.__table__
BT = BroadcastTarget.__table__
CH = Channel.__table__
DL = Delivery.__table__


def _chunks(ids: Sequence[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start:start + CHUNK])


@dataclass
class _Plan:
    """Everything the merge will write, worked out before anything is written."""

    target: Group
    sources: list[Group]
    preview: MergePreview
    #: rows the target holds in each table after the merge (checked once the writes are done)
    expected_target_rows: dict[str, int] = field(default_factory=dict)
    ms_move: list[int] = field(default_factory=list)
    ms_delete: list[int] = field(default_factory=list)
    ms_fold: list[dict[str, Any]] = field(default_factory=list)
    stat_move: list[tuple[int, date]] = field(default_factory=list)
    stat_delete: list[tuple[int, date]] = field(default_factory=list)
    stat_fold: list[dict[str, Any]] = field(default_factory=list)
    stat_insert_target: list[dict[str, Any]] = field(default_factory=list)
    label_add: list[dict[str, Any]] = field(default_factory=list)
    link_move: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    link_delete: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    channel_move: list[int] = field(default_factory=list)
    channel_fold: list[tuple[int, int]] = field(default_factory=list)  # (duplicate, kept)
    delivery_move: list[int] = field(default_factory=list)
    delivery_drop: list[int] = field(default_factory=list)


class MergeService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def preview(self, source_ids: Sequence[int], target_id: int) -> MergePreview:
        """What merging the sources into the target would do; changes nothing."""
        with self._db.transaction() as session:
            return _plan(session, source_ids, target_id).preview

    def merge(self, source_ids: Sequence[int], target_id: int, note: str = "", *,
              expect: MergePreview | None = None) -> MergeResult:
        """Merge the sources into the target in one transaction (all or nothing).

        ``expect``: the preview the operator confirmed; if the data changed since, the merge is
        refused (ValidationError) instead of doing something else than what was shown.
        """
        note = " ".join(note.split())
        if len(note) > NOTE_MAX:
            raise ValidationError(f"合并说明最多 {NOTE_MAX} 个字", "note")
        with self._db.transaction() as session:
            plan = _plan(session, source_ids, target_id)
            if expect is not None and expect != plan.preview:
                raise ValidationError("预览之后数据已有变化, 请重新预览后再合并", "preview")
            merged_at = datetime.now()
            _apply(session, plan)
            _finish_groups(session, plan, note, merged_at)
            _verify(session, plan)
            return MergeResult(
                preview=plan.preview,
                target_id=plan.target.id,
                archived_ids=tuple(g.id for g in plan.sources),
                member_count=plan.preview.member_count_after,
                merged_at=merged_at,
            )


# --------------------------------------------------------------------------------------------------
# planning (reads only)


def _load_groups(session: Session, source_ids: Sequence[int], target_id: int) -> tuple[Group, list[Group]]:
    ids: list[int] = list(dict.fromkeys(int(i) for i in source_ids))  # de-duplicated, order kept
    if not ids:
        raise ValidationError("请至少选择一个要并入的群", "sources")
    target_id = int(target_id)
    if target_id in ids:
        target = session.get(Group, target_id)
        name = f"“{target.name}”" if target is not None else f"群 #{target_id}"
        raise ValidationError(f"不能把{name}合并到它自己, 请从要并入的群中去掉目标群", "sources")
    target = session.get(Group, target_id)
    if target is None:
        raise NotFoundError(f"目标群 #{target_id} 不存在 (可能已被删除)")
    if target.status is GroupStatus.ARCHIVED:
        raise ValidationError(f"目标群“{target.name}”已归档, 请先恢复它再合并", "target")
    found = {g.id: g for g in session.scalars(select(Group).where(Group.id.in_(ids)))}
    missing = [i for i in ids if i not in found]
    if missing:
        listed = "、".join(f"#{i}" for i in missing)
        raise NotFoundError(f"要并入的群 {listed} 不存在 (可能已被删除), 请刷新后重试")
    return target, [found[i] for i in ids]


def _plan(session: Session, source_ids: Sequence[int], target_id: int) -> _Plan:
    target, sources = _load_groups(session, source_ids, target_id)
    src_ids = [g.id for g in sources]
    order = {target.id: 0, **{gid: n + 1 for n, gid in enumerate(src_ids)}}
    names = {g.id: g.name for g in (target, *sources)}
    plan = _Plan(target=target, sources=sources, preview=None)  # type: ignore[arg-type]
    warnings: list[str] = []
    tables: dict[str, TableMerge] = {}

    member_count_after, active = _plan_memberships(session, plan, order, tables)
    for table, model in (("interactions", Interaction), ("orders", Order)):
        moving = _count(session, model, src_ids)
        tables[table] = TableMerge(table, TABLE_TITLES[table], moved=moving)
        plan.expected_target_rows[table] = _count(session, model, [target.id]) + moving
    _plan_day_stats(session, plan, order, tables)
    _plan_labels(session, plan, names, tables, warnings)
    _plan_links(session, plan, order, tables)
    _plan_channels(session, plan, order, tables, warnings)
    _plan_deliveries(session, plan, order, tables, warnings)

    if member_count_after > target.capacity:
        warnings.insert(0, f"合并后目标群“{target.name}”将有 {member_count_after} 人, 超过群容量 {target.capacity} 人"
                           f" ({PLATFORM_NAMES[target.platform]}群满后无法再拉人); 请先清理不活跃成员或调高容量")
    for g in sources:
        if g.platform != target.platform:
            warnings.append(f"“{g.name}”是{PLATFORM_NAMES[g.platform]}群, 目标群是{PLATFORM_NAMES[target.platform]}群:"
                            " 成员和记录照样并入, 实际聊天群需要另行迁移")
        if g.status is GroupStatus.ARCHIVED:
            warnings.append(f"“{g.name}”已归档, 它的数据同样会并入目标群")
    unlisted = [g for g in (target, *sources) if g.member_count != active.get(g.id, 0)]
    if unlisted:
        detail = "、".join(f"“{g.name}”登记 {g.member_count} 人/名单 {active.get(g.id, 0)} 人" for g in unlisted)
        warnings.append(f"登记人数与成员名单不一致 ({detail}); 合并后群人数按成员名单计为 {member_count_after} 人")

    plan.preview = MergePreview(
        target=_ref(target),
        sources=tuple(_ref(g) for g in sources),
        tables=tuple(tables[name] for name in TABLE_TITLES),
        member_count_before=target.member_count,
        member_count_after=member_count_after,
        capacity=target.capacity,
        warnings=tuple(warnings),
    )
    return plan


def _ref(group: Group) -> MergeGroupRef:
    return MergeGroupRef(group.id, group.name, group.platform, group.member_count)


def _count(session: Session, model: Any, group_ids: Sequence[int]) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(model.group_id.in_(group_ids))) or 0)


def _plan_memberships(session: Session, plan: _Plan, order: dict[int, int],
                      tables: dict[str, TableMerge]) -> tuple[int, dict[int, int]]:
    rows = session.execute(
        select(MS.c.id, MS.c.member_id, MS.c.group_id, MS.c.role, MS.c.is_admin, MS.c.joined_on, MS.c.left_on,
               MS.c.group_nickname).where(MS.c.group_id.in_(list(order)))
    ).all()
    active: dict[int, int] = defaultdict(int)
    by_member: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        if row.left_on is None:
            active[row.group_id] += 1
        by_member[row.member_id].append(row)
    target_id = plan.target.id
    moved = folded = still_in = 0
    for member_rows in by_member.values():
        member_rows.sort(key=lambda r: (order[r.group_id], r.id))
        kept, others = member_rows[0], member_rows[1:]
        if kept.group_id != target_id:
            moved += 1
        folded += len(others)
        if not others:
            if kept.group_id != target_id:
                plan.ms_move.append(kept.id)
            still_in += kept.left_on is None
            continue
        facts = fold_memberships(_facts(kept), [_facts(r) for r in others])
        plan.ms_delete.extend(r.id for r in others)
        plan.ms_fold.append({
            "b_id": kept.id, "group_id": target_id, "role": facts.role, "is_admin": facts.is_admin,
            "joined_on": facts.joined_on, "left_on": facts.left_on, "group_nickname": facts.group_nickname,
        })
        still_in += facts.left_on is None
    tables["memberships"] = TableMerge("memberships", TABLE_TITLES["memberships"], moved=moved, folded=folded)
    plan.expected_target_rows["memberships"] = len(by_member)
    return still_in, dict(active)


def _facts(row: Any) -> MembershipFacts:
    return MembershipFacts(row.role, bool(row.is_admin), row.joined_on, row.left_on, row.group_nickname or "")


def _plan_day_stats(session: Session, plan: _Plan, order: dict[int, int], tables: dict[str, TableMerge]) -> None:
    rows = session.execute(
        select(STAT.c.group_id, STAT.c.day, STAT.c.messages, STAT.c.active_members, STAT.c.joins, STAT.c.leaves)
        .where(STAT.c.group_id.in_(list(order)))
    ).all()
    by_day: dict[date, list[Any]] = defaultdict(list)
    for row in rows:
        by_day[row.day].append(row)
    target_id = plan.target.id
    moved = folded = 0
    for day, day_rows in by_day.items():
        day_rows.sort(key=lambda r: order[r.group_id])
        kept, others = day_rows[0], day_rows[1:]
        if kept.group_id != target_id:
            moved += 1
        folded += len(others)
        if not others:
            if kept.group_id != target_id:
                plan.stat_move.append((kept.group_id, day))
            continue
        plan.stat_delete.extend((r.group_id, day) for r in others)
        plan.stat_fold.append({
            "b_group": kept.group_id, "b_day": day, "group_id": target_id,
            "messages": sum(r.messages for r in day_rows),
            # the distinct people active over both groups is not recoverable from the aggregates;
            # the largest single count is a lower bound of it (a sum could count a person twice)
            "active_members": max(r.active_members for r in day_rows),
            "joins": sum(r.joins for r in day_rows),
            "leaves": sum(r.leaves for r in day_rows),
        })
    tables["group_day_stats"] = TableMerge("group_day_stats", TABLE_TITLES["group_day_stats"], moved, folded)
    plan.expected_target_rows["group_day_stats"] = len(by_day)


def _plan_labels(session: Session, plan: _Plan, names: dict[int, str], tables: dict[str, TableMerge],
                 warnings: list[str]) -> None:
    rows = session.execute(
        select(GL.c.group_id, GL.c.label_id, GL.c.dimension_id, GL.c.exclusive, Label.name, Dimension.name)
        .join(Label, Label.id == GL.c.label_id)
        .join(Dimension, Dimension.id == GL.c.dimension_id)
        .where(GL.c.group_id.in_(list(names)))
        .order_by(Dimension.position, Dimension.id, Label.position, Label.id)
    ).all()
    target_id = plan.target.id
    held: set[int] = set()
    single: dict[int, tuple[int, str, int]] = {}  # dimension -> (label, label name, group that set it)
    for group_id, label_id, dimension_id, exclusive, label_name, _dim in rows:
        if group_id == target_id:
            held.add(label_id)
            if exclusive:
                single[dimension_id] = (label_id, label_name, target_id)
    conflicts: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    dim_names: dict[int, str] = {}
    added = folded = dropped = 0
    by_group: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        by_group[row[0]].append(row)
    for source in plan.sources:
        for _g, label_id, dimension_id, exclusive, label_name, dim_name in by_group.get(source.id, []):
            if label_id in held:
                folded += 1
            elif exclusive and dimension_id in single:
                dropped += 1
                dim_names[dimension_id] = dim_name
                conflicts[dimension_id][label_name].append(names[source.id])
            else:
                held.add(label_id)
                if exclusive:
                    single[dimension_id] = (label_id, label_name, source.id)
                plan.label_add.append({"group_id": target_id, "label_id": label_id,
                                       "dimension_id": dimension_id, "exclusive": bool(exclusive)})
                added += 1
    for dimension_id, losers in conflicts.items():
        _label_id, kept_name, kept_by = single[dimension_id]
        lost = "; ".join(f"{'、'.join(f'“{n}”' for n in groups)}是“{name}”" for name, groups in losers.items())
        if kept_by == target_id:
            warnings.append(f"“{dim_names[dimension_id]}”是单选维度: 目标群是“{kept_name}”, {lost};"
                            f" 合并后保留目标群的“{kept_name}”")
        else:
            warnings.append(f"“{dim_names[dimension_id]}”是单选维度, 源群之间不一致 ({lost});"
                            f" 目标群没有该维度的标签, 合并后采用“{names[kept_by]}”的“{kept_name}”")
    tables["group_labels"] = TableMerge("group_labels", TABLE_TITLES["group_labels"], added, folded, dropped)
    plan.expected_target_rows["group_labels"] = len(held)


def _plan_links(session: Session, plan: _Plan, order: dict[int, int], tables: dict[str, TableMerge]) -> None:
    """campaign_groups and broadcast_targets: (key, group) pairs; the target keeps one per key."""
    for table, col in (("campaign_groups", CG.c.campaign_id), ("broadcast_targets", BT.c.broadcast_id)):
        t = col.table
        rows = session.execute(select(col, t.c.group_id).where(t.c.group_id.in_(list(order)))).all()
        rows.sort(key=lambda r: (order[r[1]], r[0]))
        held: set[int] = set()
        moved = folded = 0
        for key, group_id in rows:
            if group_id == plan.target.id:
                held.add(key)
            elif key in held:
                plan.link_delete[table].append((key, group_id))
                folded += 1
            else:
                held.add(key)
                plan.link_move[table].append((key, group_id))
                moved += 1
        tables[table] = TableMerge(table, TABLE_TITLES[table], moved=moved, folded=folded)
        plan.expected_target_rows[table] = len(held)


def _plan_channels(session: Session, plan: _Plan, order: dict[int, int], tables: dict[str, TableMerge],
                   warnings: list[str]) -> None:
    rows = session.execute(
        select(CH.c.id, CH.c.group_id, CH.c.kind, CH.c.webhook_url).where(CH.c.group_id.in_(list(order)))
    ).all()
    rows.sort(key=lambda r: (order[r.group_id], r.id))
    held: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (str(row.kind), (row.webhook_url or "").strip())
        if row.group_id == plan.target.id:
            held.setdefault(key, row.id)
        elif key in held:
            plan.channel_fold.append((row.id, held[key]))
        else:
            held[key] = row.id
            plan.channel_move.append(row.id)
    tables["channels"] = TableMerge("channels", TABLE_TITLES["channels"], moved=len(plan.channel_move),
                                    folded=len(plan.channel_fold))
    plan.expected_target_rows["channels"] = sum(1 for r in rows if r.group_id == plan.target.id) + len(
        plan.channel_move)
    if plan.channel_move:
        warnings.append(f"{len(plan.channel_move)} 个群机器人将改为关联目标群; 机器人仍发往原来的聊天群,"
                        " 如果源群已解散, 请在群机器人设置中停用它们")


def _plan_deliveries(session: Session, plan: _Plan, order: dict[int, int], tables: dict[str, TableMerge],
                     warnings: list[str]) -> None:
    rows = session.execute(
        select(DL.c.id, DL.c.group_id, DL.c.broadcast_id, DL.c.occurrence_at, DL.c.status)
        .where(DL.c.group_id.in_(list(order)))
    ).all()
    target_id = plan.target.id
    target_keys = {(r.broadcast_id, r.occurrence_at) for r in rows if r.group_id == target_id}
    candidates: dict[tuple[int, datetime], list[Any]] = defaultdict(list)
    for row in rows:
        if row.group_id != target_id:
            candidates[(row.broadcast_id, row.occurrence_at)].append(row)
    for key, group in candidates.items():
        if key in target_keys:
            plan.delivery_drop.extend(r.id for r in group)
            continue
        group.sort(key=lambda r: (delivery_rank(r.status), order[r.group_id], r.id))
        plan.delivery_move.append(group[0].id)
        plan.delivery_drop.extend(r.id for r in group[1:])
    tables["deliveries"] = TableMerge("deliveries", TABLE_TITLES["deliveries"], moved=len(plan.delivery_move),
                                      dropped=len(plan.delivery_drop))
    plan.expected_target_rows["deliveries"] = len(target_keys) + len(plan.delivery_move)
    if plan.delivery_drop:
        warnings.append(f"{len(plan.delivery_drop)} 条群发记录与目标群(或另一个源群)的同一次群发重复,"
                        " 只保留目标群的那一条 (目标群没有时保留发送进度最靠前的一条)")


# --------------------------------------------------------------------------------------------------
# writing


def _apply(session: Session, plan: _Plan) -> None:
    conn = session.connection()
    target_id = plan.target.id
    src_ids = [g.id for g in plan.sources]

    # memberships: remove the folded rows first so the kept ones can take the (member, target) slot
    for ids in _chunks(plan.ms_delete):
        conn.execute(delete(MS).where(MS.c.id.in_(ids)))
    if plan.ms_fold:
        conn.execute(
            update(MS).where(MS.c.id == bindparam("b_id")).values(
                group_id=bindparam("group_id"), role=bindparam("role"), is_admin=bindparam("is_admin"),
                joined_on=bindparam("joined_on"), left_on=bindparam("left_on"),
                group_nickname=bindparam("group_nickname")),
            plan.ms_fold,
        )
    for ids in _chunks(plan.ms_move):
        conn.execute(update(MS).where(MS.c.id.in_(ids)).values(group_id=target_id))

    for model in (Interaction, Order):
        table = model.__table__
        conn.execute(update(table).where(table.c.group_id.in_(src_ids)).values(group_id=target_id))

    # day stats: same order (delete the folded, then fold into the kept row, then move the rest)
    if plan.stat_delete:
        conn.execute(delete(STAT).where(STAT.c.group_id == bindparam("b_group"), STAT.c.day == bindparam("b_day")),
                     [{"b_group": g, "b_day": d} for g, d in plan.stat_delete])
    if plan.stat_fold:
        conn.execute(
            update(STAT).where(STAT.c.group_id == bindparam("b_group"), STAT.c.day == bindparam("b_day")).values(
                group_id=bindparam("group_id"), messages=bindparam("messages"),
                active_members=bindparam("active_members"), joins=bindparam("joins"), leaves=bindparam("leaves")),
            plan.stat_fold,
        )
    if plan.stat_move:
        conn.execute(
            update(STAT).where(STAT.c.group_id == bindparam("b_group"), STAT.c.day == bindparam("b_day"))
            .values(group_id=target_id),
            [{"b_group": g, "b_day": d} for g, d in plan.stat_move],
        )

    if plan.label_add:
        conn.execute(insert(GL), plan.label_add)

    for name, table, key_col in (("campaign_groups", CG, CG.c.campaign_id),
                                 ("broadcast_targets", BT, BT.c.broadcast_id)):
        if plan.link_delete[name]:
            conn.execute(delete(table).where(key_col == bindparam("b_key"), table.c.group_id == bindparam("b_group")),
                         [{"b_key": k, "b_group": g} for k, g in plan.link_delete[name]])
        if plan.link_move[name]:
            conn.execute(
                update(table).where(key_col == bindparam("b_key"), table.c.group_id == bindparam("b_group"))
                .values(group_id=target_id),
                [{"b_key": k, "b_group": g} for k, g in plan.link_move[name]],
            )

    # deliveries before channels: a dropped delivery needs no robot, a moved one keeps its own
    for ids in _chunks(plan.delivery_drop):
        conn.execute(delete(DL).where(DL.c.id.in_(ids)))
    for ids in _chunks(plan.delivery_move):
        conn.execute(update(DL).where(DL.c.id.in_(ids)).values(group_id=target_id))
    for duplicate, kept in plan.channel_fold:
        conn.execute(update(DL).where(DL.c.channel_id == duplicate).values(channel_id=kept))
        conn.execute(delete(CH).where(CH.c.id == duplicate))
    for ids in _chunks(plan.channel_move):
        conn.execute(update(CH).where(CH.c.id.in_(ids)).values(group_id=target_id, updated_at=datetime.now()))


def _finish_groups(session: Session, plan: _Plan, note: str, merged_at: datetime) -> None:
    target, preview = plan.target, plan.preview
    line = f"已合并到 {target.name}" + (f" ({note})" if note else "")
    before = {}
    for g in plan.sources:
        before[g.id] = g.member_count
        g.note = f"{g.note.rstrip()}\n{line}" if g.note.strip() else line
        g.member_count = 0
        if g.status is not GroupStatus.ARCHIVED or g.archived_at is None:
            g.archived_at = merged_at
        g.status = GroupStatus.ARCHIVED
    target.member_count = preview.member_count_after
    tables = {t.table: {"moved": t.moved, "folded": t.folded, "dropped": t.dropped} for t in preview.tables}
    session.add(AuditLog(at=merged_at, action="merge", entity="group", entity_id=target.id, detail_json=json.dumps(
        {"sources": [g.id for g in plan.sources], "source_names": [g.name for g in plan.sources], "note": note,
         "member_count": [preview.member_count_before, preview.member_count_after], "tables": tables,
         "warnings": list(preview.warnings)}, ensure_ascii=False)))
    session.add_all(
        AuditLog(at=merged_at, action="merge_into", entity="group", entity_id=g.id, detail_json=json.dumps(
            {"target": target.id, "target_name": target.name, "note": note, "member_count": before[g.id]},
            ensure_ascii=False))
        for g in plan.sources
    )
    session.flush()


def _verify(session: Session, plan: _Plan) -> None:
    """The target now holds exactly the planned rows and the sources none; otherwise undo it all."""
    src_ids = [g.id for g in plan.sources]
    models: dict[str, Any] = {
        "memberships": Membership, "interactions": Interaction, "orders": Order, "group_day_stats": GroupDayStat,
        "campaign_groups": CampaignGroup, "broadcast_targets": BroadcastTarget, "deliveries": Delivery,
        "channels": Channel, "group_labels": GroupLabel,
    }
    wrong = []
    for table, model in models.items():
        found = _count(session, model, [plan.target.id])
        if found != plan.expected_target_rows[table]:
            wrong.append(f"{table}: {found} != {plan.expected_target_rows[table]}")
        if table != "group_labels" and _count(session, model, src_ids):
            wrong.append(f"{table}: rows left in the sources")
    active = session.scalar(select(func.count()).select_from(Membership).where(
        Membership.group_id == plan.target.id, Membership.left_on.is_(None)))
    if active != plan.preview.member_count_after:
        wrong.append(f"member count: {active} != {plan.preview.member_count_after}")
    if wrong:
        raise QunDeskError("合并结果与预览不一致, 已全部撤销, 数据没有改动 (" + "; ".join(wrong) + ")")
