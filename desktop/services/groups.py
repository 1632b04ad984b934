"""Groups: list, get, create, update, archive/restore, delete, labels. One transaction per call."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.domain.enums import GroupStatus
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.groups import DimensionDTO, GroupDraft, GroupDTO, GroupFilter, LabelDTO, LabelRef
from desktop.domain.search import normalise_query
from desktop.store.engine import Database
from desktop.store.models import AuditLog, Dimension, Group, GroupDayStat, GroupLabel, Label

from .text import search_key


def labels_by_group(session: Session, group_ids: Iterable[int] | None) -> dict[int, list[LabelRef]]:
    stmt = (
        select(GroupLabel.group_id, Label.id, Label.name, Label.color, Label.dimension_id)
        .join(Label, Label.id == GroupLabel.label_id)
        .join(Dimension, Dimension.id == Label.dimension_id)
        .order_by(GroupLabel.group_id, Dimension.position, Label.position)
    )
    if group_ids is not None:
        stmt = stmt.where(GroupLabel.group_id.in_(list(group_ids)))
    result: dict[int, list[LabelRef]] = defaultdict(list)
    for group_id, label_id, name, color, dimension_id in session.execute(stmt):
        result[group_id].append(LabelRef(label_id, name, color, dimension_id))
    return result


def last_active_subquery(group_ids: Iterable[int] | None = None):  # type: ignore[no-untyped-def]
    stmt = select(GroupDayStat.group_id, func.max(GroupDayStat.day).label("last_active")).where(
        GroupDayStat.messages > 0
    )
    if group_ids is not None:  # a few rows refreshed after an edit: do not aggregate every group's days
        stmt = stmt.where(GroupDayStat.group_id.in_(list(group_ids)))
    return stmt.group_by(GroupDayStat.group_id).subquery()


def group_dto(group: Group, labels: Sequence[LabelRef], last_active) -> GroupDTO:  # type: ignore[no-untyped-def]
    return GroupDTO(
        id=group.id,
        name=group.name,
        platform=group.platform,
        external_id=group.external_id,
        owner=group.owner,
        status=group.status,
        lifespan=group.lifespan,
        start_date=group.start_date,
        end_date=group.end_date,
        capacity=group.capacity,
        member_count=group.member_count,
        area=group.area,
        note=group.note,
        search_key=group.search_key,
        labels=tuple(labels),
        last_active=last_active,
        created_at=group.created_at,
        updated_at=group.updated_at,
    )


def _audit(session: Session, action: str, ids: Sequence[int], detail: dict | None = None) -> None:
    session.add_all(
        AuditLog(action=action, entity="group", entity_id=group_id, detail_json=json.dumps(detail or {},
                 ensure_ascii=False, default=str))
        for group_id in ids
    )


class GroupService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ----------------------------------------------------------------- reading
    def list_groups(self, group_filter: GroupFilter | None = None) -> list[GroupDTO]:
        f = group_filter or GroupFilter()
        last = last_active_subquery(f.ids)
        stmt = select(Group, last.c.last_active).outerjoin(last, last.c.group_id == Group.id).order_by(Group.id)
        if f.ids is not None:
            stmt = stmt.where(Group.id.in_(f.ids))
        if f.platforms:
            stmt = stmt.where(Group.platform.in_(f.platforms))
        if f.statuses:
            stmt = stmt.where(Group.status.in_(f.statuses))
        elif not f.include_archived:
            stmt = stmt.where(Group.status != GroupStatus.ARCHIVED)
        if f.label_ids:
            tagged = select(GroupLabel.group_id).where(GroupLabel.label_id.in_(f.label_ids))
            stmt = stmt.where(Group.id.in_(tagged))
        for word in normalise_query(f.text):
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(Group.search_key.like(f"%{escaped}%", escape="\\"))
        with self._db.transaction() as session:
            rows = session.execute(stmt).all()
            labels = labels_by_group(session, None if len(rows) > 500 else [g.id for g, _ in rows])
            return [group_dto(group, labels.get(group.id, ()), last_active) for group, last_active in rows]

    def get(self, group_id: int) -> GroupDTO:
        with self._db.transaction() as session:
            return self._get(session, group_id)

    def _get(self, session: Session, group_id: int) -> GroupDTO:
        group = session.get(Group, group_id)
        if group is None:
            raise NotFoundError(f"群 #{group_id} 不存在 (可能已被删除)")
        last_active = session.scalar(
            select(func.max(GroupDayStat.day)).where(GroupDayStat.group_id == group_id, GroupDayStat.messages > 0)
        )
        return group_dto(group, labels_by_group(session, [group_id]).get(group_id, ()), last_active)

    def dimensions(self) -> list[DimensionDTO]:
        with self._db.transaction() as session:
            dims = session.scalars(select(Dimension).order_by(Dimension.position, Dimension.id)).all()
            return [
                DimensionDTO(
                    d.id, d.code, d.name, d.kind, d.multi,
                    tuple(LabelDTO(lb.id, d.id, lb.name, lb.color, lb.position) for lb in d.labels),
                )
                for d in dims
            ]

    # ----------------------------------------------------------------- writing
    def create(self, draft: GroupDraft, label_ids: Iterable[int] | None = None) -> GroupDTO:
        clean = draft.validated()
        with self._db.transaction() as session:
            group = Group(**self._columns(clean))
            session.add(group)
            self._flush(session)
            if label_ids is not None:
                self._replace_labels(session, group.id, label_ids)
            _audit(session, "create", [group.id], {"name": group.name})
            return self._get(session, group.id)

    def update(self, group_id: int, draft: GroupDraft, label_ids: Iterable[int] | None = None) -> GroupDTO:
        """Save an edited group (and, if given, its labels) in one transaction."""
        clean = draft.validated()
        with self._db.transaction() as session:
            group = session.get(Group, group_id)
            if group is None:
                raise NotFoundError(f"群 #{group_id} 不存在 (可能已被删除)")
            changes = {}
            for key, value in self._columns(clean).items():
                if getattr(group, key) != value:
                    changes[key] = value
                    setattr(group, key, value)
            self._flush(session)
            if label_ids is not None:
                changes["labels"] = self._replace_labels(session, group_id, label_ids)
            if changes:
                _audit(session, "update", [group_id], changes)
            return self._get(session, group_id)

    def archive(self, group_ids: Sequence[int]) -> int:
        return self._set_status(group_ids, GroupStatus.ARCHIVED, datetime.now(), "archive")

    def restore(self, group_ids: Sequence[int]) -> int:
        return self._set_status(group_ids, GroupStatus.ACTIVE, None, "restore")

    def delete(self, group_ids: Sequence[int]) -> int:
        """Delete groups and everything that belongs only to them (memberships, stats, labels)."""
        ids = list(group_ids)
        with self._db.transaction() as session:
            deleted = session.execute(delete(Group).where(Group.id.in_(ids))).rowcount
            _audit(session, "delete", ids)
            return deleted

    def set_labels(self, group_id: int, label_ids: Iterable[int]) -> GroupDTO:
        """Replace a group's labels; two labels of one single-choice dimension are refused."""
        with self._db.transaction() as session:
            if session.get(Group, group_id) is None:
                raise NotFoundError(f"群 #{group_id} 不存在 (可能已被删除)")
            wanted = self._replace_labels(session, group_id, label_ids)
            _audit(session, "set_labels", [group_id], {"labels": wanted})
            return self._get(session, group_id)

    @staticmethod
    def _replace_labels(session: Session, group_id: int, label_ids: Iterable[int]) -> list[int]:
        wanted = set(label_ids)
        rows = session.execute(
            select(Label.id, Label.dimension_id, Dimension.multi, Dimension.name)
            .join(Dimension)
            .where(Label.id.in_(wanted))
        ).all()
        if len(rows) != len(wanted):
            raise ValidationError("有标签已被删除, 请刷新后重试", "labels")
        seen: set[int] = set()
        for _label_id, dimension_id, multi, dim_name in rows:
            if not multi and dimension_id in seen:
                raise ValidationError(f"“{dim_name}”是单选维度, 一个群只能有一个标签", "labels")
            seen.add(dimension_id)
        session.execute(delete(GroupLabel).where(GroupLabel.group_id == group_id))
        session.add_all(
            GroupLabel(group_id=group_id, label_id=label_id, dimension_id=dimension_id, exclusive=not multi)
            for label_id, dimension_id, multi, _ in rows
        )
        session.flush()
        return sorted(wanted)

    # ----------------------------------------------------------------- helpers
    @staticmethod
    def _columns(clean: GroupDraft) -> dict:
        return {
            "name": clean.name,
            "platform": clean.platform,
            "owner": clean.owner,
            "external_id": clean.external_id,
            "lifespan": clean.lifespan,
            "start_date": clean.start_date,
            "end_date": clean.end_date,
            "capacity": clean.capacity,
            "member_count": clean.member_count,
            "area": clean.area,
            "note": clean.note,
            "search_key": search_key(clean.name, clean.owner, clean.area),
        }

    @staticmethod
    def _flush(session: Session) -> None:
        try:
            session.flush()
        except IntegrityError as exc:
            raise ValidationError("同一平台下已有相同群ID的群", "external_id") from exc

    def _set_status(self, group_ids: Sequence[int], status: GroupStatus, archived_at, action: str) -> int:  # type: ignore[no-untyped-def]
        ids = list(group_ids)
        with self._db.transaction() as session:
            changed = session.execute(
                update(Group)
                .where(Group.id.in_(ids), Group.status != status)
                .values(status=status, archived_at=archived_at, updated_at=datetime.now())
            ).rowcount
            _audit(session, action, ids)
            return changed
