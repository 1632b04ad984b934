"""Group lifecycle: dormant detection, ended short-term groups, capacity warnings. One transaction per call.

Dormant means what ``desktop.domain.segments.is_dormant`` says (no message day in the last N days,
and created at least N days ago), so the 沉默 status and the "dormant" segment filter agree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.domain.enums import GroupStatus, Lifespan
from desktop.domain.errors import ValidationError
from desktop.domain.groups import GroupDTO
from desktop.domain.segments import DAYS_MAX, DEFAULT_DORMANT_DAYS
from desktop.store.engine import Database
from desktop.store.models import AuditLog, Group

from .groups import group_dto, labels_by_group, last_active_subquery
from .segments import dormant_condition


def _audit(session: Session, action: str, ids: Iterable[int], detail: dict) -> None:
    text = json.dumps(detail, ensure_ascii=False, default=str)
    session.add_all(AuditLog(action=action, entity="group", entity_id=i, detail_json=text) for i in ids)


def _ended(today: date):  # type: ignore[no-untyped-def]
    return (Group.lifespan == Lifespan.SHORT, Group.end_date < today, Group.status != GroupStatus.ARCHIVED)


class LifecycleService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def refresh_dormant(self, days: int = DEFAULT_DORMANT_DAYS, today: date | None = None) -> list[int]:
        """Mark silent groups dormant and revived ones active again; archived groups are left alone.
        Returns the ids whose status changed, ascending."""
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= DAYS_MAX:
            raise ValidationError(f"沉默天数应在 1 到 {DAYS_MAX} 之间", "days")
        today = today or date.today()
        dormant = dormant_condition(today, days)
        with self._db.transaction() as session:
            to_dormant = list(session.scalars(
                select(Group.id).where(Group.status == GroupStatus.ACTIVE, dormant)))
            to_active = list(session.scalars(
                select(Group.id).where(Group.status == GroupStatus.DORMANT, ~dormant)))
            now = datetime.now()
            for ids, status, action in ((to_dormant, GroupStatus.DORMANT, "mark_dormant"),
                                        (to_active, GroupStatus.ACTIVE, "mark_active")):
                if ids:
                    session.execute(update(Group).where(Group.id.in_(ids)).values(status=status, updated_at=now))
                    _audit(session, action, ids, {"days": days, "today": today})
            return sorted(to_dormant + to_active)

    def ended_groups(self, today: date | None = None) -> list[GroupDTO]:
        """Short-term groups whose end date has passed and that are not archived: the archive preview."""
        today = today or date.today()
        last = last_active_subquery()
        stmt = (
            select(Group, last.c.last_active)
            .outerjoin(last, last.c.group_id == Group.id)
            .where(*_ended(today))
            .order_by(Group.end_date, Group.id)
        )
        with self._db.transaction() as session:
            rows = session.execute(stmt).all()
            labels = labels_by_group(session, [g.id for g, _ in rows]) if rows else {}
            return [group_dto(group, labels.get(group.id, ()), last_active) for group, last_active in rows]

    def archive_ended(self, group_ids: Iterable[int], today: date | None = None) -> int:
        """Archive those of ``group_ids`` that are still ended short-term groups (checked again here,
        so a stale preview cannot archive a group whose end date was moved). Returns how many."""
        today = today or date.today()
        wanted = sorted(set(group_ids))
        if not wanted:
            return 0
        with self._db.transaction() as session:
            rows = session.execute(select(Group.id, Group.end_date).where(Group.id.in_(wanted), *_ended(today))).all()
            ids = [group_id for group_id, _ in rows]
            if ids:
                now = datetime.now()
                session.execute(
                    update(Group).where(Group.id.in_(ids))
                    .values(status=GroupStatus.ARCHIVED, archived_at=now, updated_at=now)
                )
                session.add_all(
                    AuditLog(action="archive", entity="group", entity_id=group_id, detail_json=json.dumps(
                        {"reason": "短期群已结束", "end_date": end_date, "today": today},
                        ensure_ascii=False, default=str))
                    for group_id, end_date in rows
                )
            return len(ids)

    def near_capacity(self, threshold: float = 0.9) -> list[int]:
        """Non-archived groups with member_count >= threshold x capacity, ascending ids."""
        if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0 < threshold <= 1:
            raise ValidationError("容量提醒比例应在 0 到 1 之间 (如 0.9)", "threshold")
        with self._db.transaction() as session:
            return list(session.scalars(
                select(Group.id)
                .where(Group.status != GroupStatus.ARCHIVED, Group.member_count >= Group.capacity * threshold)
                .order_by(Group.id)
            ))
