"""Exports of whole tables (groups, members, interactions, day stats) and of what a table shows.

Rows stream from one read transaction in chunks straight into desktop.io.export, so 100,000 rows never
sit in memory as objects. A full (unmasked) phone export is recorded in the AuditLog once the file is
complete; it is written in its own short transaction because upgrading a long read to a write fails on
SQLite whenever someone else committed meanwhile.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from desktop.domain.enums import GroupStatus
from desktop.domain.errors import ValidationError
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.domain.reports import (
    KIND_NAMES,
    LIFESPAN_NAMES,
    PLATFORM_NAMES,
    STATUS_NAMES,
    TIER_NAMES,
    ColumnKind,
    ColumnSpec,
    ExportFilter,
    ExportResult,
    display_name,
)
from desktop.domain.search import normalise_query
from desktop.io.export import check_out_path, write_table
from desktop.store.engine import Database
from desktop.store.models import AuditLog, Group, GroupDayStat, Interaction, Member, Membership

from .groups import labels_by_group, last_active_subquery

KINDS = ("groups", "members", "interactions", "day_stats")
#: rows fetched per round trip while streaming
CHUNK_ROWS = 2000
#: an ids filter larger than this is applied while streaming (SQLite caps bound parameters)
IN_LIMIT = 5000


@dataclass(frozen=True, slots=True)
class ExportColumn:
    """A column a kind can export: its key (for ``columns`` and sorting), its spec and its SQL."""

    key: str
    spec: ColumnSpec
    expr: ColumnElement[Any]
    #: turns the stored value into what the sheet shows (enum value -> zh name)
    convert: Callable[[Any], Any] | None = None


@dataclass(frozen=True, slots=True)
class _Plan:
    columns: list[ExportColumn]
    stmt: Select[Any]
    #: the row id the ``ids`` filter and the final tie-break apply to
    row_id: ColumnElement[Any] | None
    default_order: tuple[ColumnElement[Any], ...]


def _names(names: dict[str, str]) -> Callable[[Any], str]:
    return lambda value: display_name(names, value)


def _yes_no(value: Any) -> str:
    return "是" if value else "否"


def _search(stmt: Select[Any], key: ColumnElement[str], text: str) -> Select[Any]:
    for word in normalise_query(text):
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(key.like(f"%{escaped}%", escape="\\"))
    return stmt


# --------------------------------------------------------------------------------------------------
# the four kinds


def _groups_plan(session: Session, f: ExportFilter) -> _Plan:
    last = last_active_subquery()
    labels = {gid: "、".join(ref.name for ref in refs) for gid, refs in labels_by_group(session, None).items()}
    c = ColumnKind
    columns = [
        ExportColumn("id", ColumnSpec("编号", c.INT, 8), Group.id),
        ExportColumn("name", ColumnSpec("群名称"), Group.name),
        ExportColumn("platform", ColumnSpec("平台"), Group.platform, _names(PLATFORM_NAMES)),
        ExportColumn("status", ColumnSpec("状态"), Group.status, _names(STATUS_NAMES)),
        ExportColumn("lifespan", ColumnSpec("周期"), Group.lifespan, _names(LIFESPAN_NAMES)),
        ExportColumn("owner", ColumnSpec("群主"), Group.owner),
        ExportColumn("external_id", ColumnSpec("群ID"), Group.external_id),
        ExportColumn("area", ColumnSpec("地区/社区"), Group.area),
        ExportColumn("labels", ColumnSpec("标签"), Group.id.label("labels"), lambda gid: labels.get(gid, "")),
        ExportColumn("member_count", ColumnSpec("人数", c.INT), Group.member_count),
        ExportColumn("capacity", ColumnSpec("容量", c.INT), Group.capacity),
        ExportColumn("start_date", ColumnSpec("开始日期", c.DATE), Group.start_date),
        ExportColumn("end_date", ColumnSpec("结束日期", c.DATE), Group.end_date),
        ExportColumn("last_active", ColumnSpec("最后活跃", c.DATE), last.c.last_active),
        ExportColumn("note", ColumnSpec("备注"), Group.note),
        ExportColumn("created_at", ColumnSpec("创建时间", c.DATETIME), Group.created_at),
    ]
    stmt = select().select_from(Group).outerjoin(last, last.c.group_id == Group.id)
    if not f.include_archived:
        stmt = stmt.where(Group.status != GroupStatus.ARCHIVED)
    if f.group_ids is not None:
        stmt = stmt.where(Group.id.in_(sorted(f.group_ids)))
    stmt = _search(stmt, Group.search_key, f.text)
    return _Plan(columns, stmt, Group.id, (Group.id,))


def _members_plan(session: Session, f: ExportFilter) -> _Plan:
    referrer = aliased(Member)
    in_groups = (
        select(Membership.member_id, func.count().label("n"))
        .where(Membership.left_on.is_(None))
        .group_by(Membership.member_id)
        .subquery()
    )
    c = ColumnKind
    columns = [
        ExportColumn("id", ColumnSpec("编号", c.INT, 8), Member.id),
        ExportColumn("nickname", ColumnSpec("昵称"), Member.nickname),
        ExportColumn("name", ColumnSpec("姓名"), Member.name),
        ExportColumn("wechat_id", ColumnSpec("微信号"), Member.wechat_id),
        ExportColumn("phone", ColumnSpec("手机号", c.PHONE), Member.phone),
        ExportColumn("tier", ColumnSpec("等级"), Member.tier, _names(TIER_NAMES)),
        ExportColumn("seed_user", ColumnSpec("种子用户"), Member.seed_user, _yes_no),
        ExportColumn("referrer", ColumnSpec("推荐人"), referrer.nickname),
        ExportColumn("source", ColumnSpec("来源"), Member.source),
        ExportColumn("group_count", ColumnSpec("所在群数", c.INT), func.coalesce(in_groups.c.n, 0)),
        ExportColumn("address", ColumnSpec("地址"), Member.address),
        ExportColumn("note", ColumnSpec("备注"), Member.note),
        ExportColumn("created_at", ColumnSpec("登记时间", c.DATETIME), Member.created_at),
    ]
    stmt = (
        select().select_from(Member)
        .outerjoin(referrer, referrer.id == Member.referrer_id)
        .outerjoin(in_groups, in_groups.c.member_id == Member.id)
    )
    if f.group_ids is not None:
        inside = select(Membership.member_id).where(Membership.group_id.in_(sorted(f.group_ids)))
        stmt = stmt.where(Member.id.in_(inside))
    stmt = _search(stmt, Member.search_key, f.text)
    return _Plan(columns, stmt, Member.id, (Member.id,))


def _days(stmt: Select[Any], day: ColumnElement[Any], f: ExportFilter) -> Select[Any]:
    if f.day_from is not None:
        stmt = stmt.where(day >= f.day_from)
    if f.day_to is not None:
        stmt = stmt.where(day <= f.day_to)
    return stmt


def _interactions_plan(session: Session, f: ExportFilter) -> _Plan:
    c = ColumnKind
    columns = [
        ExportColumn("id", ColumnSpec("编号", c.INT, 10), Interaction.id),
        ExportColumn("occurred_at", ColumnSpec("时间", c.DATETIME), Interaction.occurred_at),
        ExportColumn("group", ColumnSpec("群名称"), Group.name),
        ExportColumn("member", ColumnSpec("成员"), Member.nickname),
        ExportColumn("kind", ColumnSpec("类型"), Interaction.kind, _names(KIND_NAMES)),
        ExportColumn("summary", ColumnSpec("内容"), Interaction.summary),
        ExportColumn("amount", ColumnSpec("金额", c.MONEY), Interaction.amount_cents),
        ExportColumn("follow_up_on", ColumnSpec("跟进日期", c.DATE), Interaction.follow_up_on),
        ExportColumn("follow_up_done", ColumnSpec("已跟进"), Interaction.follow_up_done, _yes_no),
    ]
    stmt = (
        select().select_from(Interaction)
        .outerjoin(Group, Group.id == Interaction.group_id)
        .outerjoin(Member, Member.id == Interaction.member_id)
    )
    if f.group_ids is not None:
        stmt = stmt.where(Interaction.group_id.in_(sorted(f.group_ids)))
    stmt = _days(stmt, Interaction.day, f)
    return _Plan(columns, stmt, Interaction.id, (Interaction.occurred_at, Interaction.id))


def _day_stats_plan(session: Session, f: ExportFilter) -> _Plan:
    c = ColumnKind
    columns = [
        ExportColumn("day", ColumnSpec("日期", c.DATE), GroupDayStat.day),
        ExportColumn("group", ColumnSpec("群名称"), Group.name),
        ExportColumn("platform", ColumnSpec("平台"), Group.platform, _names(PLATFORM_NAMES)),
        ExportColumn("messages", ColumnSpec("消息数", c.INT), GroupDayStat.messages),
        ExportColumn("active_members", ColumnSpec("活跃成员", c.INT), GroupDayStat.active_members),
        ExportColumn("joins", ColumnSpec("入群", c.INT), GroupDayStat.joins),
        ExportColumn("leaves", ColumnSpec("退群", c.INT), GroupDayStat.leaves),
        ExportColumn("net", ColumnSpec("净增", c.INT), (GroupDayStat.joins - GroupDayStat.leaves).label("net")),
    ]
    stmt = select().select_from(GroupDayStat).join(Group, Group.id == GroupDayStat.group_id)
    if f.group_ids is not None:
        stmt = stmt.where(GroupDayStat.group_id.in_(sorted(f.group_ids)))
    stmt = _days(stmt, GroupDayStat.day, f)
    if f.ids is not None:
        raise ValidationError("每日统计没有编号，无法按编号筛选；请按群和日期筛选", "filter")
    return _Plan(columns, stmt, None, (GroupDayStat.day, GroupDayStat.group_id))


_PLANS: dict[str, Callable[[Session, ExportFilter], _Plan]] = {
    "groups": _groups_plan,
    "members": _members_plan,
    "interactions": _interactions_plan,
    "day_stats": _day_stats_plan,
}


def _chosen(plan: _Plan, keys: Sequence[str] | None) -> list[ExportColumn]:
    if keys is None:
        return plan.columns
    by_key = {col.key: col for col in plan.columns}
    unknown = [k for k in keys if k not in by_key]
    if unknown:
        raise ValidationError(f"没有这些列：{'、'.join(unknown)}；可选：{'、'.join(by_key)}", "columns")
    if not keys:
        raise ValidationError("至少选择一列", "columns")
    return [by_key[k] for k in keys]


def _ordered(plan: _Plan, f: ExportFilter) -> Select[Any]:
    by_key = {col.key: col for col in plan.columns}
    order: list[ColumnElement[Any]] = []
    for key in f.sort:
        if key.column not in by_key:
            raise ValidationError(f"无法按“{key.column}”排序：没有这一列", "sort")
        expr = by_key[key.column].expr
        order.append(expr.desc() if key.descending else expr.asc())
    # the plan's own order breaks ties, so the same export twice gives the same file
    return plan.stmt.order_by(*order, *plan.default_order)


class ExportService:
    def __init__(self, db: Database) -> None:
        self._db = db

    @staticmethod
    def kinds() -> tuple[str, ...]:
        return KINDS

    def columns(self, kind: str) -> list[tuple[str, ColumnSpec]]:
        """The columns ``kind`` can export, as (key, spec), in their default order."""
        plan_for = self._plan_for(kind)
        with self._db.transaction() as session:
            return [(col.key, col.spec) for col in plan_for(session, ExportFilter()).columns]

    def export(
        self,
        kind: str,
        out_path: Path | str,
        *,
        filter: ExportFilter | None = None,
        columns: Sequence[str] | None = None,
        full_phones: bool = False,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> ExportResult:
        """Export every row of ``kind`` matching ``filter``, in its sort order, to .xlsx or .csv."""
        f = filter or ExportFilter()
        path = check_out_path(out_path)
        plan_for = self._plan_for(kind)
        with self._db.transaction() as session:
            plan = plan_for(session, f)
            chosen = _chosen(plan, columns)
            stmt = _ordered(plan, f)
            ids = f.ids
            if ids is not None and plan.row_id is not None and len(ids) <= IN_LIMIT:
                stmt, ids = stmt.where(plan.row_id.in_(sorted(ids))), None
            total = session.scalar(select(func.count()).select_from(stmt.add_columns(*(c.expr for c in chosen))
                                                                     .order_by(None).subquery())) or 0
            rows = self._stream(session, stmt, chosen, plan.row_id, ids)
            count = write_table([c.spec for c in chosen], rows, path, full_phones=full_phones,
                                total=total if ids is None else len(ids), progress=progress, cancel=cancel)
        full = full_phones and any(c.spec.kind is ColumnKind.PHONE for c in chosen)
        if full:
            self._record_full_export(kind, path, count, [c.key for c in chosen], f)
        return ExportResult(str(path), count, full)

    def export_rows(
        self,
        columns: Sequence[ColumnSpec],
        rows: Iterable[Sequence[object]],
        out_path: Path | str,
        *,
        full_phones: bool = False,
        total: int = 0,
        what: str = "table",
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> ExportResult:
        """Export exactly the rows a table shows (its filter, sort and visible columns), e.g. from the GUI.

        ``what`` names the table in the audit record of a full phone export.
        """
        count = write_table(columns, rows, out_path, full_phones=full_phones, total=total,
                            progress=progress, cancel=cancel)
        full = full_phones and any(spec.kind is ColumnKind.PHONE for spec in columns)
        if full:
            self._record_full_export(what, Path(out_path), count, [spec.header for spec in columns], None)
        return ExportResult(str(out_path), count, full)

    # ----------------------------------------------------------------- helpers
    @staticmethod
    def _plan_for(kind: str) -> Callable[[Session, ExportFilter], _Plan]:
        if kind not in _PLANS:
            raise ValidationError(f"不能导出“{kind}”；可选：{'、'.join(KINDS)}", "kind")
        return _PLANS[kind]

    @staticmethod
    def _stream(session: Session, stmt: Select[Any], chosen: list[ExportColumn], row_id: ColumnElement[Any] | None,
                ids: frozenset[int] | None) -> Iterator[tuple[Any, ...]]:
        """Rows as the sheet shows them, fetched CHUNK_ROWS at a time from one cursor."""
        exprs = [c.expr for c in chosen]
        if ids is not None and row_id is not None:
            exprs.append(row_id)
        converters = [c.convert for c in chosen]
        result = session.execute(stmt.add_columns(*exprs).execution_options(yield_per=CHUNK_ROWS))
        for part in result.partitions():
            for row in part:
                if ids is not None and row[-1] not in ids:
                    continue
                yield tuple(v if conv is None or v is None else conv(v)
                            for conv, v in zip(converters, row, strict=False))

    def _record_full_export(self, what: str, path: Path, rows: int, columns: list[str],
                            f: ExportFilter | None) -> None:
        detail = {"kind": what, "path": str(path), "rows": rows, "columns": columns}
        if f is not None:
            detail["filter"] = {
                "ids": len(f.ids) if f.ids is not None else None,
                "group_ids": sorted(f.group_ids) if f.group_ids is not None else None,
                "day_from": f.day_from, "day_to": f.day_to, "text": f.text,
            }
        with self._db.transaction() as session:
            session.add(AuditLog(actor=_actor(), action="export_full_phones", entity=what, entity_id=None,
                                 detail_json=json.dumps(detail, ensure_ascii=False, default=str)))


def _actor() -> str:
    """The OS login: who exported personal data matters when a team shares one database."""
    try:
        return getpass.getuser()[:80]
    except (KeyError, OSError):  # no login name (some containers)
        return ""

