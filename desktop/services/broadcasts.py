"""Broadcasts (群发): templates, schedules, targets, the delivery history and the manual queue.

Each public method is one unit of work and returns DTOs. Deliveries are created when an
occurrence falls due (``materialize_due``), which is also when a segment is resolved to groups
and the body is rendered for each group, so a group that joins a segment later is included and
{日期} is the day of the send. The dispatcher (desktop.services.dispatch) sends what is due by
robot; everything else waits here in the manual queue.

State changes that can race a dispatcher are conditional UPDATEs (WHERE status = ...), so the
operator can never mark as "done by hand" a delivery a robot is sending at that very moment.
"""

from __future__ import annotations

import builtins
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from desktop.domain.broadcasts import (
    AgendaEntry,
    Attachment,
    BroadcastDraft,
    BroadcastDTO,
    DeliveryDTO,
    PreviewDTO,
    SopStep,
    TemplateDraft,
    TemplateDTO,
    attachments_from_json,
    effective_attachments,
    format_day,
    format_moment,
    render_template,
    shift_out_of_quiet,
    template_variables,
)
from desktop.domain.enums import (
    BroadcastStatus,
    CampaignStatus,
    ChannelKind,
    DeliveryStatus,
    GroupStatus,
    MessageFormat,
    ScheduleKind,
)
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.reports import PLATFORM_NAMES, STATUS_NAMES
from desktop.domain.segments import SegmentSpec
from desktop.services.interactions import audit
from desktop.services.robots import message_parts
from desktop.services.schedules import check_rrule, occurrences_between, parse_rrule
from desktop.services.segments import group_ids_matching
from desktop.store.engine import Database
from desktop.store.models import (
    Broadcast,
    BroadcastTarget,
    Campaign,
    CampaignGroup,
    Channel,
    Delivery,
    Group,
    Segment,
    Template,
)

Clock = Callable[[], datetime]


class Materialized(NamedTuple):
    created: int
    problems: list[str]
    #: of the created rows, those due now or later through a robot (the rest go to the manual queue)
    by_robot: int = 0
    by_hand: int = 0
#: a due send older than this when first seen (the app was not running) is recorded as skipped
DEFAULT_STALE_AFTER = timedelta(hours=12)
#: a ONCE broadcast may be scheduled this far in the past (typing "now" takes a minute)
ONCE_GRACE = timedelta(minutes=5)
#: statuses whose deliveries may still be sent (FINISHED: nothing left to expand, sends may be pending)
SENDABLE = (BroadcastStatus.ACTIVE, BroadcastStatus.FINISHED)
FINAL = (DeliveryStatus.SENT, DeliveryStatus.SKIPPED, DeliveryStatus.DONE_BY_HAND, DeliveryStatus.FAILED)
LIST_LIMIT = 2000


def insert_ignoring_duplicates(session: Session, rows: Sequence[dict]) -> int:
    """INSERT deliveries, silently skipping (broadcast, group, occurrence) triples that exist.

    Two dispatchers expanding the same occurrence at once both try; the unique constraint and
    ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike) let exactly one row in.
    """
    if not rows:
        return 0
    session.info.setdefault("robot_rows", []).extend(rows)
    dialect = session.get_bind().dialect.name
    table = Delivery.__table__
    if dialect == "postgresql":
        stmt = postgresql.insert(table).on_conflict_do_nothing()
    else:
        stmt = sqlite.insert(table).on_conflict_do_nothing()
    created = 0
    for start in range(0, len(rows), 500):
        result = session.execute(stmt.returning(table.c.id), rows[start:start + 500])
        created += len(result.all())
    return created


def enabled_channel_subquery():  # type: ignore[no-untyped-def]
    """group_id -> the id of its enabled robot (lowest id if several)."""
    return (select(Channel.group_id.label("group_id"), func.min(Channel.id).label("channel_id"))
            .where(Channel.enabled.is_(True), Channel.group_id.is_not(None),
                   Channel.kind != ChannelKind.MANUAL)
            .group_by(Channel.group_id).subquery())


class BroadcastService:
    """Templates, broadcasts and deliveries. ``now`` is injectable so tests can move time."""

    def __init__(self, db: Database, *, now: Clock = datetime.now,
                 stale_after: timedelta = DEFAULT_STALE_AFTER) -> None:
        self._db = db
        self._now = now
        self._stale_after = stale_after

    def _clock(self) -> datetime:
        return self._now().replace(microsecond=0)

    # ================================================================== templates
    def list_templates(self) -> list[TemplateDTO]:
        with self._db.transaction() as session:
            return [_template_dto(t) for t in session.scalars(select(Template).order_by(Template.name))]

    def create_template(self, draft: TemplateDraft) -> TemplateDTO:
        clean = draft.validated()
        with self._db.transaction() as session:
            self._refuse_template_name(session, clean.name, None)
            template = Template(name=clean.name, body=clean.body, format=clean.format,
                                attachments_json=json.dumps(list(clean.attachments), ensure_ascii=False))
            session.add(template)
            session.flush()
            audit(session, "create", "template", [template.id], {"name": clean.name})
            return _template_dto(template)

    def update_template(self, template_id: int, draft: TemplateDraft) -> TemplateDTO:
        clean = draft.validated()
        with self._db.transaction() as session:
            template = _get(session, Template, template_id, "模板")
            self._refuse_template_name(session, clean.name, template_id)
            template.name, template.body, template.format = clean.name, clean.body, clean.format
            template.attachments_json = json.dumps(list(clean.attachments), ensure_ascii=False)
            audit(session, "update", "template", [template_id], {"name": clean.name})
            session.flush()
            return _template_dto(template)

    def delete_template(self, template_id: int) -> None:
        """Delete a template. Broadcasts using it keep their text (it was copied when they were saved)
        and, when they have no attachments of their own, are given a copy of the template's."""
        with self._db.transaction() as session:
            template = _get(session, Template, template_id, "模板")
            files = attachments_from_json(template.attachments_json)
            if files:
                session.execute(
                    update(Broadcast)
                    .where(Broadcast.template_id == template_id,
                           or_(Broadcast.attachments_json.is_(None), Broadcast.attachments_json.in_(("", "[]"))))
                    .values(attachments_json=json.dumps(list(files), ensure_ascii=False)))
            audit(session, "delete", "template", [template_id], {"name": template.name})
            session.delete(template)

    @staticmethod
    def _refuse_template_name(session: Session, name: str, own_id: int | None) -> None:
        stmt = select(Template.id).where(Template.name == name)
        if own_id is not None:
            stmt = stmt.where(Template.id != own_id)
        if session.scalar(stmt) is not None:
            raise ValidationError(f"已有名为“{name}”的模板, 请换一个名称", "name")

    def preview(self, body: str, group_ids: Sequence[int], *, at: datetime | None = None,
                fmt: MessageFormat = MessageFormat.TEXT) -> list[PreviewDTO]:
        """The body as each group would receive it; a group it cannot be rendered for gets ``problem``."""
        template_variables(body)
        moment = at or self._clock()
        with self._db.transaction() as session:
            groups = {g.id: g for g in session.scalars(select(Group).where(Group.id.in_(list(group_ids))))}
            values = _group_values(session, list(groups.values()), moment)
            robots = _robot_kinds(session, list(groups))
            out = []
            for group_id in group_ids:
                group = groups.get(group_id)
                if group is None:
                    continue
                kind = robots.get(group_id, ChannelKind.MANUAL)
                try:
                    text = render_template(body, values[group_id], group.name)
                except ValidationError as exc:
                    out.append(PreviewDTO(group_id, group.name, None, str(exc), 0, kind))
                    continue
                parts = len(message_parts(kind, text, fmt)) if kind is not ChannelKind.MANUAL else 1
                out.append(PreviewDTO(group_id, group.name, text, None, parts, kind))
            return out

    # ================================================================== broadcasts
    def list_broadcasts(self, statuses: Iterable[BroadcastStatus] | None = None) -> list[BroadcastDTO]:
        with self._db.transaction() as session:
            stmt = select(Broadcast).order_by(Broadcast.id.desc())
            if statuses is not None:
                stmt = stmt.where(Broadcast.status.in_(list(statuses)))
            broadcasts = list(session.scalars(stmt))
            return self._dtos(session, broadcasts)

    def get(self, broadcast_id: int) -> BroadcastDTO:
        with self._db.transaction() as session:
            return self._dtos(session, [_get(session, Broadcast, broadcast_id, "群发")])[0]

    def create(self, draft: BroadcastDraft, *, activate: bool = True) -> BroadcastDTO:
        """Save a broadcast; active at once unless ``activate`` is False (then it is a draft)."""
        now = self._clock()
        with self._db.transaction() as session:
            clean = self._checked(session, draft, now)
            broadcast = Broadcast(title=clean.title, status=BroadcastStatus.DRAFT, created_at=now, updated_at=now)
            session.add(broadcast)
            self._apply(session, broadcast, clean)
            if activate:
                broadcast.status = BroadcastStatus.ACTIVE
                broadcast.activated_at = now
            session.flush()
            audit(session, "create", "broadcast", [broadcast.id], {"title": clean.title, "active": activate})
            return self._dtos(session, [broadcast])[0]

    def update(self, broadcast_id: int, draft: BroadcastDraft) -> BroadcastDTO:
        """Edit a broadcast that can still send. The schedule restarts from now, except for a one-off
        that already fell due (it keeps its time and is not sent again); deliveries already queued and
        not yet sent take the new text, and those for groups no longer targeted are skipped."""
        now = self._clock()
        with self._db.transaction() as session:
            broadcast = _get(session, Broadcast, broadcast_id, "群发")
            if broadcast.status in (BroadcastStatus.CANCELLED,):
                raise ValidationError("已取消的群发不能再修改, 可以复制一份再改", "status")
            # a one-off already expanded has queued its one occurrence: editing it fixes the text of
            # what is still queued and never sends it again (复制 is for sending it again)
            sent_once = (broadcast.schedule_kind is ScheduleKind.ONCE and broadcast.expanded_until is not None
                         and isinstance(draft, BroadcastDraft) and draft.schedule_kind is ScheduleKind.ONCE)
            clean = self._checked(session, _replace(draft, run_at=None) if sent_once else draft, now)
            if sent_once:
                clean = _replace(clean, run_at=broadcast.run_at)
            self._apply(session, broadcast, clean)
            if not sent_once:
                if broadcast.status is BroadcastStatus.FINISHED:
                    broadcast.status = BroadcastStatus.ACTIVE
                if broadcast.status is BroadcastStatus.ACTIVE:
                    broadcast.activated_at, broadcast.expanded_until = now, None
            session.flush()
            self._refresh_pending(session, broadcast, now)
            audit(session, "update", "broadcast", [broadcast_id], {"title": clean.title})
            return self._dtos(session, [broadcast])[0]

    def activate(self, broadcast_id: int) -> BroadcastDTO:
        return self._transition(broadcast_id, (BroadcastStatus.DRAFT,), BroadcastStatus.ACTIVE, "activate")

    def pause(self, broadcast_id: int) -> BroadcastDTO:
        """Hold every unsent delivery; occurrences that fall due while paused are not sent later."""
        return self._transition(broadcast_id, (BroadcastStatus.ACTIVE, BroadcastStatus.FINISHED),
                                BroadcastStatus.PAUSED, "pause")

    def resume(self, broadcast_id: int) -> BroadcastDTO:
        return self._transition(broadcast_id, (BroadcastStatus.PAUSED,), BroadcastStatus.ACTIVE, "resume")

    def cancel(self, broadcast_id: int) -> BroadcastDTO:
        """Stop for good: queued deliveries become skipped; one being sent right now finishes."""
        return self._transition(broadcast_id, (BroadcastStatus.DRAFT, BroadcastStatus.ACTIVE, BroadcastStatus.PAUSED,
                                               BroadcastStatus.FINISHED), BroadcastStatus.CANCELLED, "cancel")

    def duplicate(self, broadcast_id: int) -> BroadcastDTO:
        """A draft copy (targets, schedule, text) to edit and activate; the history stays with the original."""
        with self._db.transaction() as session:
            source = _get(session, Broadcast, broadcast_id, "群发")
            copy = Broadcast(
                title=(source.title + " (副本)")[:200], template_id=source.template_id, body=source.body,
                format=source.format, schedule_kind=source.schedule_kind, run_at=source.run_at, rrule=source.rrule,
                sop_steps_json=source.sop_steps_json, quiet_start=source.quiet_start, quiet_end=source.quiet_end,
                segment_id=source.segment_id, status=BroadcastStatus.DRAFT, attachments_json=source.attachments_json,
            )
            session.add(copy)
            session.flush()
            for group_id in _target_ids(session, broadcast_id):
                session.add(BroadcastTarget(broadcast_id=copy.id, group_id=group_id))
            audit(session, "duplicate", "broadcast", [copy.id], {"from": broadcast_id})
            session.flush()
            return self._dtos(session, [copy])[0]

    def delete_draft(self, broadcast_id: int) -> None:
        with self._db.transaction() as session:
            broadcast = _get(session, Broadcast, broadcast_id, "群发")
            if broadcast.status is not BroadcastStatus.DRAFT:
                raise ValidationError("只能删除草稿; 已启用的群发请取消 (发送记录会保留)", "status")
            audit(session, "delete", "broadcast", [broadcast_id], {"title": broadcast.title})
            session.delete(broadcast)

    def _transition(self, broadcast_id: int, allowed: tuple[BroadcastStatus, ...], target: BroadcastStatus,
                    action: str) -> BroadcastDTO:
        now = self._clock()
        with self._db.transaction() as session:
            broadcast = _get(session, Broadcast, broadcast_id, "群发")
            if broadcast.status not in allowed:
                raise ValidationError(
                    f"群发“{broadcast.title}”当前为{_STATUS_TEXT[broadcast.status]}, 不能{_ACTION_TEXT[action]}", "status")
            if target is BroadcastStatus.ACTIVE:
                if action == "activate":  # a file gone since saving shows on the queue row, not here
                    self._checked(session, _draft_of(session, broadcast), now, check_files=False)
                    broadcast.activated_at, broadcast.expanded_until = now, None
                elif broadcast.schedule_kind is ScheduleKind.ONCE:  # resume: any cursor means "done"
                    if broadcast.expanded_until is None and (broadcast.run_at or now) <= now:
                        broadcast.expanded_until = now  # fell due while paused: not sent now
                else:  # resume: what fell due while paused is not sent now
                    broadcast.expanded_until = max(broadcast.expanded_until or now, now)
                    if broadcast.schedule_kind is ScheduleKind.SOP:
                        broadcast.activated_at = now
            broadcast.status = target
            if target is BroadcastStatus.CANCELLED:
                session.execute(
                    update(Delivery)
                    .where(Delivery.broadcast_id == broadcast_id, Delivery.status == DeliveryStatus.PENDING)
                    .values(status=DeliveryStatus.SKIPPED, last_error="群发已取消", updated_at=now))
            audit(session, action, "broadcast", [broadcast_id])
            session.flush()
            return self._dtos(session, [broadcast])[0]

    # ------------------------------------------------------------------ validation
    def _checked(self, session: Session, draft: BroadcastDraft, now: datetime, *,
                 check_files: bool = True) -> BroadcastDraft:
        if not isinstance(draft, BroadcastDraft):
            raise ValidationError("群发内容无效", "draft")
        if draft.template_id is not None and not (draft.body or "").strip():
            template = _get(session, Template, draft.template_id, "模板")
            draft = _replace(draft, body=template.body, format=template.format)
        clean = draft.validated(check_files=check_files)
        if clean.group_ids:
            found = set(session.scalars(select(Group.id).where(Group.id.in_(list(clean.group_ids)))))
            missing = [str(i) for i in clean.group_ids if i not in found]
            if missing:
                raise ValidationError(f"目标群不存在: #{', #'.join(missing)}", "group_ids")
        if clean.segment_id is not None:
            _get(session, Segment, clean.segment_id, "分组")
        if clean.schedule_kind is ScheduleKind.ONCE:
            run_at = clean.run_at or now
            if run_at < now - ONCE_GRACE:
                raise ValidationError(f"发送时间 {run_at:%Y-%m-%d %H:%M} 已经过去, 请选择现在或以后的时间", "run_at")
            clean = _replace(clean, run_at=run_at)
        elif clean.schedule_kind is ScheduleKind.RRULE:
            start = clean.run_at or now
            check_rrule(clean.rrule, start, now)
            clean = _replace(clean, run_at=start)
        return clean

    @staticmethod
    def _apply(session: Session, broadcast: Broadcast, clean: BroadcastDraft) -> None:
        broadcast.title, broadcast.body, broadcast.format = clean.title, clean.body, clean.format
        broadcast.template_id = clean.template_id
        broadcast.schedule_kind, broadcast.run_at, broadcast.rrule = clean.schedule_kind, clean.run_at, clean.rrule
        broadcast.sop_steps_json = json.dumps([s.to_json() for s in clean.sop_steps], ensure_ascii=False)
        broadcast.quiet_start, broadcast.quiet_end = clean.quiet_start, clean.quiet_end
        broadcast.segment_id = clean.segment_id
        broadcast.attachments_json = json.dumps(list(clean.attachments), ensure_ascii=False)
        session.flush()
        wanted = set(clean.group_ids)
        current = set(_target_ids(session, broadcast.id))
        for group_id in current - wanted:
            session.execute(BroadcastTarget.__table__.delete().where(
                BroadcastTarget.broadcast_id == broadcast.id, BroadcastTarget.group_id == group_id))
        for group_id in sorted(wanted - current):
            session.add(BroadcastTarget(broadcast_id=broadcast.id, group_id=group_id))
        session.flush()

    def _refresh_pending(self, session: Session, broadcast: Broadcast, now: datetime) -> None:
        pending = list(session.scalars(select(Delivery).where(
            Delivery.broadcast_id == broadcast.id, Delivery.status == DeliveryStatus.PENDING)))
        if not pending:
            return
        targets = set(self._resolve_targets(session, broadcast, now.date()))
        groups = {g.id: g for g in session.scalars(select(Group).where(Group.id.in_([d.group_id for d in pending])))}
        steps = _steps(broadcast)
        by_occurrence: dict[datetime, builtins.list[Group]] = defaultdict(list)
        for delivery in pending:
            if delivery.group_id in targets:
                by_occurrence[delivery.occurrence_at].append(groups[delivery.group_id])
        values = {at: _group_values(session, members, at) for at, members in by_occurrence.items()}
        for delivery in pending:
            if delivery.group_id not in targets:
                delivery.status, delivery.last_error = DeliveryStatus.SKIPPED, "群发已修改, 该群不再是目标"
                continue
            body = _body_for(broadcast, steps, delivery.step)
            group = groups[delivery.group_id]
            try:
                delivery.body_rendered = render_template(body, values[delivery.occurrence_at][group.id], group.name)
            except ValidationError as exc:
                delivery.status, delivery.last_error = DeliveryStatus.FAILED, str(exc)

    # ================================================================== expansion
    def materialize_due(self, *, dry_run: bool = False) -> Materialized:
        """Create the deliveries of every occurrence that has fallen due: (created, problems, by_robot).

        Each broadcast is expanded in its own transaction from its cursor (``expanded_until``) to
        now, so a restart never re-expands and a clock set back expands nothing until time catches
        up. ``dry_run`` rolls everything back and only counts.
        """
        now = self._clock()
        created, problems, by_robot, by_hand = 0, [], 0, 0
        with self._db.transaction() as session:
            ids = list(session.scalars(select(Broadcast.id).where(Broadcast.status == BroadcastStatus.ACTIVE)
                                       .order_by(Broadcast.id)))
        for broadcast_id in ids:
            with Session(self._db.engine, expire_on_commit=False) as session:
                try:
                    # write first: on SQLite a transaction that read before writing cannot wait for
                    # another writer (it fails "database is locked"); one that writes first can
                    session.execute(update(Broadcast).where(Broadcast.id == broadcast_id)
                                    .values(updated_at=Broadcast.updated_at))
                    broadcast = session.get(Broadcast, broadcast_id)
                    if broadcast is None or broadcast.status is not BroadcastStatus.ACTIVE:
                        continue
                    n, problem = self._expand(session, broadcast, now)
                    created += n
                    pending = [d for d in session.info.pop("robot_rows", ()) if d["status"] is DeliveryStatus.PENDING]
                    by_robot += sum(1 for d in pending if d["channel_id"] is not None)
                    by_hand += sum(1 for d in pending if d["channel_id"] is None)
                    if problem:
                        problems.append(problem)
                    if dry_run:
                        session.rollback()
                    else:
                        session.commit()
                except BaseException:
                    session.rollback()
                    raise
        return Materialized(created, problems, by_robot, by_hand)

    def _expand(self, session: Session, broadcast: Broadcast, now: datetime) -> tuple[int, str | None]:
        if broadcast.schedule_kind is ScheduleKind.SOP:
            return self._expand_sop(session, broadcast, now)
        occurrences = self._due_occurrences(broadcast, now)
        if occurrences is None:  # the rule is exhausted
            broadcast.status = BroadcastStatus.FINISHED
            return 0, None
        if not occurrences:
            return 0, None
        targets = self._resolve_targets(session, broadcast, now.date())
        broadcast.expanded_until = occurrences[-1]
        if broadcast.schedule_kind is ScheduleKind.ONCE:
            broadcast.status = BroadcastStatus.FINISHED
        if not targets:
            problem = self._no_targets(session, broadcast, occurrences[-1])
            return 0, problem
        rows = []
        groups = list(session.scalars(select(Group).where(Group.id.in_(targets))))
        robots = _robot_ids(session, targets)
        for occurrence in occurrences:
            values = _group_values(session, groups, occurrence)
            rows += [self._row(broadcast, group, occurrence, broadcast.body, values[group.id], robots.get(group.id),
                               None, now) for group in groups]
        return insert_ignoring_duplicates(session, rows), None

    def _due_occurrences(self, broadcast: Broadcast, now: datetime) -> list[datetime] | None:
        """Occurrences in (cursor, now] ([activated_at, now] the first time); None when none will ever come."""
        cursor = broadcast.expanded_until
        start = broadcast.activated_at or now
        if broadcast.schedule_kind is ScheduleKind.ONCE:
            run_at = broadcast.run_at or start
            if cursor is not None:
                return None
            return [run_at] if run_at <= now else []
        rule = parse_rrule(broadcast.rrule, broadcast.run_at or start)
        begin, inclusive = (cursor, False) if cursor is not None else (start - timedelta(seconds=1), False)
        if begin >= now:
            return []
        found = list(occurrences_between(rule, begin, now, include_start=inclusive))
        if not found and rule.after(now) is None:
            return None
        return found

    def _expand_sop(self, session: Session, broadcast: Broadcast, now: datetime) -> tuple[int, str | None]:
        """SOP steps fall due per group (day N after the group's creation); groups joining later get
        the steps still ahead of them. Steps due before the SOP was activated do not apply."""
        steps = _steps(broadcast)
        start = broadcast.activated_at or now
        targets = self._resolve_targets(session, broadcast, now.date())
        if not targets:
            if broadcast.expanded_until is None or broadcast.expanded_until.date() < now.date():
                broadcast.expanded_until = now  # report an empty segment once a day, not every minute
                return 0, self._no_targets(session, broadcast, now)
            return 0, None
        groups = list(session.scalars(select(Group).where(Group.id.in_(targets))))
        existing = set(session.execute(select(Delivery.group_id, Delivery.step)
                                       .where(Delivery.broadcast_id == broadcast.id)))
        robots = _robot_ids(session, targets)
        due_steps: builtins.list[tuple[Group, int, SopStep, datetime]] = []
        for group in groups:
            base = _group_day0(group)
            for index, step in enumerate(steps):
                occurrence = datetime.combine(base + timedelta(days=step.offset_days), step.at)
                if not start <= occurrence <= now or (group.id, index) in existing:
                    continue
                due = shift_out_of_quiet(occurrence, broadcast.quiet_start, broadcast.quiet_end)
                if now - due > self._stale_after:
                    continue  # joined (or the app ran) too late for this step; later steps still apply
                due_steps.append((group, index, step, occurrence))
        by_occurrence: dict[datetime, builtins.list[Group]] = defaultdict(list)
        for group, _index, _step, occurrence in due_steps:
            by_occurrence[occurrence].append(group)
        values = {at: _group_values(session, members, at) for at, members in by_occurrence.items()}
        rows = [self._row(broadcast, group, occurrence, step.body, values[occurrence][group.id], robots.get(group.id),
                          index, now) for group, index, step, occurrence in due_steps]
        return insert_ignoring_duplicates(session, rows), None

    def _row(self, broadcast: Broadcast, group: Group, occurrence: datetime, body: str, values: dict,
             channel_id: int | None, step: int | None, now: datetime) -> dict:
        due = shift_out_of_quiet(occurrence, broadcast.quiet_start, broadcast.quiet_end)
        status, error, text = DeliveryStatus.PENDING, "", ""
        try:
            text = render_template(body, values, group.name)
        except ValidationError as exc:
            status, error = DeliveryStatus.FAILED, str(exc)
        if status is DeliveryStatus.PENDING and now - due > self._stale_after:
            status, error = DeliveryStatus.SKIPPED, f"错过发送时间 {due:%m-%d %H:%M} (当时群管家没有运行), 未补发"
        if group.status is GroupStatus.ARCHIVED and status is DeliveryStatus.PENDING:
            status, error = DeliveryStatus.SKIPPED, "群已归档"
        return {"broadcast_id": broadcast.id, "group_id": group.id, "occurrence_at": occurrence, "due_at": due,
                "channel_id": channel_id, "status": status, "attempts": 0, "last_error": error,
                "body_rendered": text, "step": step, "parts_sent": 0, "flagged": False,
                "created_at": now, "updated_at": now}

    def _no_targets(self, session: Session, broadcast: Broadcast, at: datetime) -> str:
        where = "没有选择目标群"
        if broadcast.segment_id is not None:
            segment = session.get(Segment, broadcast.segment_id)
            where = f"分组“{segment.name}”当前没有任何群" if segment else "目标分组已被删除"
        message = f"群发“{broadcast.title}” {at:%m-%d %H:%M}: {where}, 本次没有发送"
        audit(session, "no_targets", "broadcast", [broadcast.id], {"at": at, "message": message})
        return message

    def _resolve_targets(self, session: Session, broadcast: Broadcast, today: date) -> list[int]:
        """Explicit groups plus the segment's groups as of ``today``; archived groups are never targets."""
        ids = set(_target_ids(session, broadcast.id))
        if broadcast.segment_id is not None:
            segment = session.get(Segment, broadcast.segment_id)
            if segment is not None:
                try:
                    spec = SegmentSpec.from_json(segment.filter_json)
                except ValidationError:
                    spec = None
                if spec is not None:
                    ids.update(group_ids_matching(session, spec, today))
        if not ids:
            return []
        return list(session.scalars(select(Group.id).where(Group.id.in_(sorted(ids)),
                                                           Group.status != GroupStatus.ARCHIVED).order_by(Group.id)))

    # ================================================================== deliveries
    def deliveries(self, *, broadcast_id: int | None = None, group_id: int | None = None,
                   statuses: Iterable[DeliveryStatus] | None = None, limit: int = LIST_LIMIT) -> list[DeliveryDTO]:
        """History, newest first: per broadcast, per group, or both."""
        with self._db.transaction() as session:
            stmt = _delivery_select().order_by(Delivery.occurrence_at.desc(), Delivery.id.desc()).limit(limit)
            if broadcast_id is not None:
                stmt = stmt.where(Delivery.broadcast_id == broadcast_id)
            if group_id is not None:
                stmt = stmt.where(Delivery.group_id == group_id)
            if statuses is not None:
                stmt = stmt.where(Delivery.status.in_(list(statuses)))
            return _delivery_dtos(session.execute(stmt))

    def manual_queue(self) -> list[DeliveryDTO]:
        """Due now, waiting for the operator: groups without an enabled robot (or whose robot was stopped)."""
        now = self._clock()
        robots = enabled_channel_subquery()
        with self._db.transaction() as session:
            stmt = (_delivery_select()
                    .outerjoin(robots, robots.c.group_id == Delivery.group_id)
                    .where(Delivery.status == DeliveryStatus.PENDING, Delivery.due_at <= now,
                           Broadcast.status.in_(SENDABLE), robots.c.channel_id.is_(None))
                    .order_by(Delivery.due_at, Group.name, Delivery.id))
            return _delivery_dtos(session.execute(stmt))

    def mark_done_by_hand(self, delivery_id: int) -> DeliveryDTO:
        """The operator pasted the text into the group: record it (from pending, failed or flagged)."""
        now = self._clock()
        return self._set_status(delivery_id, DeliveryStatus.DONE_BY_HAND,
                                or_(Delivery.status.in_([DeliveryStatus.PENDING, DeliveryStatus.FAILED]),
                                    and_(Delivery.status == DeliveryStatus.SENDING, Delivery.flagged.is_(True))),
                                {"sent_at": now, "last_error": ""}, "mark_done_by_hand")

    def skip(self, delivery_id: int, reason: str = "") -> DeliveryDTO:
        return self._set_status(delivery_id, DeliveryStatus.SKIPPED,
                                Delivery.status.in_([DeliveryStatus.PENDING, DeliveryStatus.FAILED]),
                                {"last_error": (reason or "操作员跳过").strip()[:500]}, "skip")

    def retry(self, delivery_id: int) -> DeliveryDTO:
        """Queue a failed delivery again (the operator knows it did not go out)."""
        now = self._clock()
        return self._set_status(delivery_id, DeliveryStatus.PENDING, Delivery.status == DeliveryStatus.FAILED,
                                {"due_at": now, "claimed_by": None, "lease_until": None}, "retry")

    def flagged(self) -> list[DeliveryDTO]:
        """Sends whose outcome is unknown (the dispatcher stopped mid-request): the operator must say.

        Only reads: the dispatcher flags expired leases (at start-up and on every run)."""
        with self._db.transaction() as session:
            stmt = (_delivery_select().where(Delivery.status == DeliveryStatus.SENDING, Delivery.flagged.is_(True))
                    .order_by(Delivery.due_at, Delivery.id))
            return _delivery_dtos(session.execute(stmt))

    def confirm_in_flight(self, delivery_id: int, *, sent: bool, resend: bool = False) -> DeliveryDTO:
        """The operator looked in the group: it arrived (sent) or not (failed, or queued again if ``resend``)."""
        now = self._clock()
        condition = and_(Delivery.status == DeliveryStatus.SENDING, Delivery.flagged.is_(True))
        if sent:
            return self._set_status(delivery_id, DeliveryStatus.SENT, condition,
                                    {"sent_at": now, "last_error": "", "flagged": False}, "confirm_sent")
        target = DeliveryStatus.PENDING if resend else DeliveryStatus.FAILED
        extra = {"last_error": "操作员确认未发出", "flagged": False, "claimed_by": None, "lease_until": None}
        if resend:
            extra["due_at"] = now
        return self._set_status(delivery_id, target, condition, extra, "confirm_not_sent")

    def _set_status(self, delivery_id: int, status: DeliveryStatus, condition, values: dict,  # type: ignore[no-untyped-def]
                    action: str) -> DeliveryDTO:
        now = self._clock()
        with self._db.transaction() as session:
            result = session.execute(update(Delivery).where(Delivery.id == delivery_id, condition)
                                     .values(status=status, updated_at=now, **values))
            if result.rowcount != 1:  # type: ignore[attr-defined]
                current = session.get(Delivery, delivery_id)
                if current is None:
                    raise NotFoundError(f"发送记录 #{delivery_id} 不存在")
                raise ValidationError(f"这条消息当前{_DELIVERY_TEXT[current.status]}, 不能这样操作", "status")
            audit(session, action, "delivery", [delivery_id])
            row = session.execute(_delivery_select().where(Delivery.id == delivery_id)).one()
            return _delivery_dto(row)

    # ================================================================== agenda
    def agenda(self, days: int = 7, group_id: int | None = None) -> list[AgendaEntry]:
        """Upcoming sends in the next ``days``: queued deliveries plus the schedule ahead, by time."""
        if not 1 <= days <= 366:
            raise ValidationError("日程天数应在 1 到 366 之间", "days")
        now = self._clock()
        end = now + timedelta(days=days)
        entries: list[AgendaEntry] = []
        with self._db.transaction() as session:
            entries += self._agenda_queued(session, now, end, group_id)
            for broadcast in session.scalars(select(Broadcast).where(Broadcast.status == BroadcastStatus.ACTIVE)):
                entries += self._agenda_ahead(session, broadcast, now, end, group_id)
        return sorted(entries, key=lambda e: (e.at, e.broadcast_id, e.group_id or 0))

    def _agenda_queued(self, session: Session, now: datetime, end: datetime, group_id: int | None) -> list[AgendaEntry]:
        robots = enabled_channel_subquery()
        stmt = (select(Delivery.due_at, Delivery.broadcast_id, Broadcast.title, Delivery.group_id, Group.name,
                       robots.c.channel_id, Delivery.step)
                .join(Broadcast, Broadcast.id == Delivery.broadcast_id).join(Group, Group.id == Delivery.group_id)
                .outerjoin(robots, robots.c.group_id == Delivery.group_id)
                .where(Delivery.status == DeliveryStatus.PENDING, Delivery.due_at <= end,
                       Broadcast.status.in_(SENDABLE)))
        if group_id is not None:
            stmt = stmt.where(Delivery.group_id == group_id)
        return [AgendaEntry(max(due, now), bid, title, 1, int(channel is not None), gid, gname, step, True)
                for due, bid, title, gid, gname, channel, step in session.execute(stmt)]

    def _agenda_ahead(self, session: Session, broadcast: Broadcast, now: datetime, end: datetime,
                      group_id: int | None) -> list[AgendaEntry]:
        targets = self._resolve_targets(session, broadcast, now.date())
        if group_id is not None:
            targets = [g for g in targets if g == group_id]
            if not targets:
                return []
        robots = _robot_ids(session, targets)
        if broadcast.schedule_kind is ScheduleKind.SOP:
            return self._agenda_sop(session, broadcast, targets, robots, now, end)
        cursor = max(broadcast.expanded_until or now, now)
        if broadcast.schedule_kind is ScheduleKind.ONCE:
            moments = [broadcast.run_at] if broadcast.expanded_until is None and broadcast.run_at else []
            moments = [m for m in moments if m is not None and m <= end]
        else:
            rule = parse_rrule(broadcast.rrule, broadcast.run_at or broadcast.activated_at or now)
            moments = list(occurrences_between(rule, cursor, end))
        single = self._single(session, targets) if group_id is not None else (None, None)
        return [AgendaEntry(shift_out_of_quiet(max(m, now), broadcast.quiet_start, broadcast.quiet_end),
                            broadcast.id, broadcast.title, len(targets), len(robots), *single)
                for m in moments]

    def _agenda_sop(self, session: Session, broadcast: Broadcast, targets: list[int], robots: dict[int, int],
                    now: datetime, end: datetime) -> list[AgendaEntry]:
        steps = _steps(broadcast)
        existing = set(session.execute(select(Delivery.group_id, Delivery.step)
                                       .where(Delivery.broadcast_id == broadcast.id)))
        start = max(broadcast.activated_at or now, now)
        out = []
        for group in session.scalars(select(Group).where(Group.id.in_(targets))):
            base = _group_day0(group)
            for index, step in enumerate(steps):
                occurrence = datetime.combine(base + timedelta(days=step.offset_days), step.at)
                if start < occurrence <= end and (group.id, index) not in existing:
                    at = shift_out_of_quiet(occurrence, broadcast.quiet_start, broadcast.quiet_end)
                    out.append(AgendaEntry(at, broadcast.id, broadcast.title, 1, int(group.id in robots),
                                           group.id, group.name, index))
        return out

    @staticmethod
    def _single(session: Session, targets: list[int]) -> tuple[int | None, str | None]:
        group = session.get(Group, targets[0])
        return (group.id, group.name) if group else (None, None)

    # ================================================================== DTOs
    def _dtos(self, session: Session, broadcasts: list[Broadcast]) -> list[BroadcastDTO]:
        if not broadcasts:
            return []
        ids = [b.id for b in broadcasts]
        counts: dict[int, dict[DeliveryStatus, int]] = defaultdict(dict)
        for bid, status, n in session.execute(select(Delivery.broadcast_id, Delivery.status, func.count())
                                              .where(Delivery.broadcast_id.in_(ids))
                                              .group_by(Delivery.broadcast_id, Delivery.status)):
            counts[bid][DeliveryStatus(status)] = n
        targets: dict[int, list[int]] = defaultdict(list)
        for bid, gid in session.execute(select(BroadcastTarget.broadcast_id, BroadcastTarget.group_id)
                                        .where(BroadcastTarget.broadcast_id.in_(ids))
                                        .order_by(BroadcastTarget.group_id)):
            targets[bid].append(gid)
        segment_names = dict(session.execute(select(Segment.id, Segment.name).where(
            Segment.id.in_([b.segment_id for b in broadcasts if b.segment_id is not None]))).all())
        now = self._clock()
        return [BroadcastDTO(
            id=b.id, title=b.title, body=b.body, format=MessageFormat(b.format),
            schedule_kind=ScheduleKind(b.schedule_kind), run_at=b.run_at, rrule=b.rrule, sop_steps=tuple(_steps(b)),
            group_ids=tuple(targets[b.id]), segment_id=b.segment_id, segment_name=segment_names.get(b.segment_id),
            quiet_start=b.quiet_start, quiet_end=b.quiet_end, status=BroadcastStatus(b.status),
            template_id=b.template_id, created_at=b.created_at, activated_at=b.activated_at,
            next_due=self._next_due(b, now), counts=dict(counts[b.id]),
            attachments=attachments_from_json(b.attachments_json),
        ) for b in broadcasts]

    @staticmethod
    def _next_due(broadcast: Broadcast, now: datetime) -> datetime | None:
        if broadcast.status is not BroadcastStatus.ACTIVE:
            return None
        if broadcast.schedule_kind is ScheduleKind.ONCE:
            return broadcast.run_at if broadcast.expanded_until is None else None
        if broadcast.schedule_kind is ScheduleKind.RRULE:
            try:
                rule = parse_rrule(broadcast.rrule, broadcast.run_at or now)
            except ValidationError:
                return None
            moment = rule.after(max(broadcast.expanded_until or now, now))
            return shift_out_of_quiet(moment, broadcast.quiet_start, broadcast.quiet_end) if moment else None
        return None


# ====================================================================== helpers
_STATUS_TEXT = {BroadcastStatus.DRAFT: "草稿", BroadcastStatus.ACTIVE: "进行中", BroadcastStatus.PAUSED: "已暂停",
                BroadcastStatus.CANCELLED: "已取消", BroadcastStatus.FINISHED: "已完成"}
_ACTION_TEXT = {"activate": "启用", "pause": "暂停", "resume": "恢复", "cancel": "取消"}
_DELIVERY_TEXT = {DeliveryStatus.PENDING: "等待发送", DeliveryStatus.SENDING: "正在由机器人发送",
                  DeliveryStatus.SENT: "已发送", DeliveryStatus.FAILED: "发送失败", DeliveryStatus.SKIPPED: "已跳过",
                  DeliveryStatus.DONE_BY_HAND: "已手动发送"}


def _get(session: Session, model, object_id: int, what: str):  # type: ignore[no-untyped-def]
    found = session.get(model, object_id)
    if found is None:
        raise NotFoundError(f"{what} #{object_id} 不存在 (可能已被删除)")
    return found


def _replace(draft: BroadcastDraft, **changes: object) -> BroadcastDraft:
    from dataclasses import replace

    return replace(draft, **changes)  # type: ignore[arg-type]


def _template_dto(t: Template) -> TemplateDTO:
    attachments = attachments_from_json(t.attachments_json)
    try:
        variables = tuple(template_variables(t.body))
    except ValidationError:
        variables = ()
    return TemplateDTO(t.id, t.name, t.body, MessageFormat(t.format), attachments, variables)


def _target_ids(session: Session, broadcast_id: int) -> builtins.list[int]:
    return list(session.scalars(select(BroadcastTarget.group_id).where(BroadcastTarget.broadcast_id == broadcast_id)
                                .order_by(BroadcastTarget.group_id)))


def _steps(broadcast: Broadcast) -> builtins.list[SopStep]:
    try:
        data = json.loads(broadcast.sop_steps_json or "[]")
    except ValueError:
        return []
    out = []
    for item in data if isinstance(data, list) else []:
        try:
            out.append(SopStep.from_json(item))
        except ValidationError:
            continue
    return out


def _body_for(broadcast: Broadcast, steps: Sequence[SopStep], step: int | None) -> str:
    if step is not None and 0 <= step < len(steps):
        return steps[step].body
    return broadcast.body


def _draft_of(session: Session, b: Broadcast) -> BroadcastDraft:
    return BroadcastDraft(title=b.title, body=b.body, format=MessageFormat(b.format),
                          schedule_kind=ScheduleKind(b.schedule_kind), run_at=b.run_at, rrule=b.rrule,
                          sop_steps=tuple(_steps(b)), group_ids=tuple(_target_ids(session, b.id)),
                          segment_id=b.segment_id, quiet_start=b.quiet_start, quiet_end=b.quiet_end,
                          template_id=b.template_id, attachments=attachments_from_json(b.attachments_json))


def _group_day0(group: Group) -> date:
    """Day 0 of an SOP: the group's start date if the operator set one, else when it was created."""
    if group.start_date is not None:
        return group.start_date
    return (group.created_at or datetime.now()).date()


def _robot_ids(session: Session, group_ids: Sequence[int]) -> dict[int, int]:
    robots = enabled_channel_subquery()
    return dict(session.execute(select(robots.c.group_id, robots.c.channel_id)
                                .where(robots.c.group_id.in_(list(group_ids)))).all())


def _robot_kinds(session: Session, group_ids: Sequence[int]) -> dict[int, ChannelKind]:
    ids = _robot_ids(session, group_ids)
    kinds = dict(session.execute(select(Channel.id, Channel.kind).where(Channel.id.in_(list(ids.values())))).all())
    return {gid: ChannelKind(kinds[cid]) for gid, cid in ids.items()}


def _group_values(session: Session, groups: Sequence[Group], moment: datetime) -> dict[int, dict[str, str | None]]:
    """Template values per group: its own fields plus the leader and cut-off of its current group buy."""
    campaigns = _current_campaigns(session, [g.id for g in groups], moment)
    out = {}
    for g in groups:
        campaign = campaigns.get(g.id)
        out[g.id] = {
            "name": g.name, "owner": g.owner or None, "area": g.area or None, "note": g.note or None,
            "platform": PLATFORM_NAMES.get(str(g.platform), str(g.platform)),
            "status": STATUS_NAMES.get(str(g.status), str(g.status)),
            "member_count": str(g.member_count), "capacity": str(g.capacity),
            "external_id": g.external_id or None,
            "start_date": g.start_date.isoformat() if g.start_date else None,
            "end_date": g.end_date.isoformat() if g.end_date else None,
            "leader": (campaign.leader or None) if campaign else None,
            "cutoff": format_moment(campaign.cutoff_at) if campaign and campaign.cutoff_at else None,
            "date": format_day(moment.date()),
        }
    return out


def _current_campaigns(session: Session, group_ids: Sequence[int], moment: datetime) -> dict[int, Campaign]:
    """Per group, the group buy a message is most likely about: an open one with the nearest
    cut-off still ahead, else the most recent one."""
    if not group_ids:
        return {}
    rows = session.execute(select(CampaignGroup.group_id, Campaign).join(Campaign, Campaign.id == CampaignGroup.campaign_id)
                           .where(CampaignGroup.group_id.in_(list(group_ids)))).all()
    best: dict[int, tuple[tuple, Campaign]] = {}
    for gid, campaign in rows:
        upcoming = campaign.cutoff_at is not None and campaign.cutoff_at >= moment
        is_open = campaign.status in (CampaignStatus.OPEN, CampaignStatus.DRAFT)
        rank = (not (is_open and upcoming), not upcoming,
                (campaign.cutoff_at - moment).total_seconds() if upcoming and campaign.cutoff_at else 0,
                -campaign.id)
        if gid not in best or rank < best[gid][0]:
            best[gid] = (rank, campaign)
    return {gid: campaign for gid, (_, campaign) in best.items()}


def _delivery_select():  # type: ignore[no-untyped-def]
    return (select(Delivery, Broadcast.title, Group.name, Channel.name, Channel.kind,
                   Broadcast.attachments_json, Template.attachments_json)
            .join(Broadcast, Broadcast.id == Delivery.broadcast_id)
            .join(Group, Group.id == Delivery.group_id)
            .outerjoin(Channel, Channel.id == Delivery.channel_id)
            .outerjoin(Template, Template.id == Broadcast.template_id))


def _delivery_dtos(rows: Iterable) -> builtins.list[DeliveryDTO]:  # type: ignore[type-arg]
    """DTOs of _delivery_select rows; each attachment file is looked at once per call (is it still there?)."""
    probed: dict[str, Attachment] = {}
    return [_delivery_dto(row, probed) for row in rows]


def _delivery_dto(row, probed: dict[str, Attachment] | None = None) -> DeliveryDTO:  # type: ignore[no-untyped-def]
    d, title, group_name, channel_name, channel_kind, own_json, template_json = row
    probed = {} if probed is None else probed
    paths = effective_attachments(attachments_from_json(own_json), attachments_from_json(template_json))
    attachments = tuple(probed.get(p) or probed.setdefault(p, Attachment.probe(p)) for p in paths)
    label = None
    if d.channel_id is not None:
        label = channel_name or (str(channel_kind) if channel_kind else None)
    return DeliveryDTO(
        id=d.id, broadcast_id=d.broadcast_id, broadcast_title=title, group_id=d.group_id, group_name=group_name,
        occurrence_at=d.occurrence_at, due_at=d.due_at, channel_id=d.channel_id, channel_name=label,
        status=DeliveryStatus(d.status), attempts=d.attempts, last_error=d.last_error, body=d.body_rendered,
        sent_at=d.sent_at, step=d.step, parts_sent=d.parts_sent, flagged=bool(d.flagged), updated_at=d.updated_at,
        attachments=attachments,
    )


def flag_expired_leases(db: Database, now: datetime) -> int:
    """Flag `sending` deliveries whose dispatcher's lease ran out: it died mid-send, so whether the
    message went out is unknown. They are never resent automatically; the operator confirms."""
    with db.transaction() as session:
        result = session.execute(
            update(Delivery)
            .where(Delivery.status == DeliveryStatus.SENDING, Delivery.flagged.is_(False),
                   or_(Delivery.lease_until.is_(None), Delivery.lease_until < now))
            .values(flagged=True, updated_at=now,
                    last_error="发送过程中断 (程序退出或崩溃), 无法确定是否已发出; 请到群里确认后标记"))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


__all__ = ["BroadcastService", "enabled_channel_subquery", "flag_expired_leases", "insert_ignoring_duplicates"]
