"""Classification: bulk label edits with undo/redo, and the dimensions and labels themselves.

Bulk edits are Core statements over id lists (one read, a few DELETEs, one executemany INSERT),
never per-row ORM objects, so classifying a thousand groups stays one short transaction.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.domain.classification import (
    DEFAULT_LABEL_COLOR,
    DIMENSION_NAME_MAX,
    LABEL_NAME_MAX,
    LabelAction,
    LabelChange,
    PriorLabels,
    clean_color,
    clean_name,
)
from desktop.domain.enums import DimensionKind
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.groups import DimensionDTO, LabelDTO
from desktop.store.engine import Database
from desktop.store.models import AuditLog, Dimension, Group, GroupLabel, Label

#: ids per IN (...) list: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters
CHUNK = 5000
_GL = GroupLabel.__table__


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _unique(ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(int(i) for i in ids))


def _audit(session: Session, action: str, entity: str, entity_id: int | None, detail: dict) -> None:
    session.add(AuditLog(action=action, entity=entity, entity_id=entity_id,
                         detail_json=json.dumps(detail, ensure_ascii=False, default=str)))


def _current_labels(session: Session, dimension_id: int, group_ids: Sequence[int]) -> dict[int, tuple[int, ...]]:
    """Existing groups among ``group_ids`` -> their label ids of one dimension (sorted, maybe empty)."""
    found: dict[int, list[int]] = {}
    for chunk in _chunks(group_ids):
        rows = session.execute(
            select(Group.id, GroupLabel.label_id)
            .outerjoin(GroupLabel, (GroupLabel.group_id == Group.id) & (GroupLabel.dimension_id == dimension_id))
            .where(Group.id.in_(chunk))
        )
        for group_id, label_id in rows:
            labels = found.setdefault(group_id, [])
            if label_id is not None:
                labels.append(label_id)
    return {group_id: tuple(sorted(labels)) for group_id, labels in found.items()}


def _write_labels(session: Session, dimension_id: int, exclusive: bool,
                  current: Mapping[int, tuple[int, ...]], target: Mapping[int, tuple[int, ...]]) -> None:
    """Bring each group's labels of one dimension from ``current`` to ``target`` with bulk statements.

    Deletes run first, so a single-choice swap never trips the store's one-label-per-group index.
    """
    removals: dict[int, list[int]] = defaultdict(list)  # label id -> groups losing it
    additions: list[dict] = []
    for group_id, wanted in target.items():
        have = current.get(group_id, ())
        for label_id in have:
            if label_id not in wanted:
                removals[label_id].append(group_id)
        additions.extend(
            {"group_id": group_id, "label_id": label_id, "dimension_id": dimension_id, "exclusive": exclusive}
            for label_id in wanted if label_id not in have
        )
    for label_id, group_ids in removals.items():
        for chunk in _chunks(group_ids):
            session.execute(delete(_GL).where(_GL.c.label_id == label_id, _GL.c.group_id.in_(chunk)))
    if additions:
        session.execute(insert(_GL), additions)


def _buckets(before: Mapping[int, tuple[int, ...]]) -> tuple[PriorLabels, ...]:
    by_labels: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for group_id, labels in before.items():
        by_labels[labels].append(group_id)
    return tuple(PriorLabels(labels, tuple(sorted(groups))) for labels, groups in sorted(by_labels.items()))


def _label_dto(label: Label) -> LabelDTO:
    return LabelDTO(label.id, label.dimension_id, label.name, label.color, label.position)


class ClassificationService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ================================================================ bulk labels (undoable)
    def assign_label(self, group_ids: Iterable[int], label_id: int) -> LabelChange:
        """Put a label on many groups. On a single-choice dimension it replaces the group's other
        label of that dimension ("set 时间 = 短期群"); on a multi-choice one it is added."""
        return self._bulk(LabelAction.ASSIGN, group_ids, label_id)

    def remove_label(self, group_ids: Iterable[int], label_id: int) -> LabelChange:
        """Take a label off many groups; groups without it are left alone."""
        return self._bulk(LabelAction.REMOVE, group_ids, label_id)

    def undo(self, change: LabelChange) -> tuple[int, ...]:
        """Give the changed groups back exactly the labels of that dimension they had before.

        Returns the groups rewritten; groups deleted meanwhile are skipped.
        """
        target = {g: bucket.label_ids for bucket in change.prior for g in bucket.group_ids}
        return self._restore(change, target, "undo")

    def redo(self, change: LabelChange) -> tuple[int, ...]:
        """Apply an undone change again: each changed group gets its post-change labels back."""
        target = {g: change.after(bucket.label_ids) for bucket in change.prior for g in bucket.group_ids}
        return self._restore(change, target, "redo")

    def _bulk(self, action: LabelAction, group_ids: Iterable[int], label_id: int) -> LabelChange:
        ids = _unique(group_ids)
        with self._db.transaction() as session:
            label = session.get(Label, label_id)
            if label is None:
                raise NotFoundError(f"标签 #{label_id} 不存在 (可能已被删除), 请刷新后重试")
            dimension = label.dimension
            change = LabelChange(action, label.id, dimension.id, dimension.multi, len(ids), ())
            current = _current_labels(session, dimension.id, ids)
            before = {g: labels for g, labels in current.items() if change.after(labels) != labels}
            target = {g: change.after(labels) for g, labels in before.items()}
            _write_labels(session, dimension.id, not dimension.multi, before, target)
            change = replace(change, prior=_buckets(before))
            _audit(session, f"{action.value}_label", "group", None, {
                "label_id": label.id, "label": label.name, "dimension_id": dimension.id,
                "groups": len(ids), "changed": len(before),
            })
            return change

    def _restore(self, change: LabelChange, target: dict[int, tuple[int, ...]], verb: str) -> tuple[int, ...]:
        what = "撤销" if verb == "undo" else "重做"
        with self._db.transaction() as session:
            dimension = session.get(Dimension, change.dimension_id)
            if dimension is None:
                raise NotFoundError(f"该分类维度已被删除, 无法{what}")
            alive = set(session.scalars(select(Label.id).where(Label.dimension_id == dimension.id)))
            if verb == "redo" and change.label_id not in alive and change.action is LabelAction.ASSIGN:
                raise NotFoundError(f"标签已被删除, 无法{what}")
            # labels deleted (or merged away) since the change are gone for good: skip them
            target = {g: tuple(i for i in labels if i in alive) for g, labels in target.items()}
            current = _current_labels(session, dimension.id, sorted(target))
            target = {g: target[g] for g in current}  # groups deleted meanwhile drop out here
            if not dimension.multi:
                several = sum(1 for labels in target.values() if len(labels) > 1)
                if several:
                    raise ValidationError(
                        f"“{dimension.name}”现在是单选维度, {what}会让 {several} 个群带上多个标签, 无法{what}",
                        "multi",
                    )
            _write_labels(session, dimension.id, not dimension.multi, current, target)
            _audit(session, f"{verb}_{change.action.value}_label", "group", None, {
                "label_id": change.label_id, "dimension_id": dimension.id,
                "groups": len(target), "skipped": change.changed - len(target),
            })
            return tuple(sorted(target))

    # ================================================================ dimensions
    def dimensions(self) -> list[DimensionDTO]:
        """Every dimension with its labels, in display order."""
        with self._db.transaction() as session:
            ids = session.scalars(select(Dimension.id).order_by(Dimension.position, Dimension.id)).all()
            return [self._dimension_dto(session, dimension_id) for dimension_id in ids]

    def create_dimension(self, name: str, multi: bool, kind: DimensionKind | str = DimensionKind.CUSTOM,
                         ) -> DimensionDTO:
        clean = clean_name(name, "维度", DIMENSION_NAME_MAX)
        try:
            dimension_kind = DimensionKind(kind)
        except ValueError:
            raise ValidationError(f"不认识的维度类型: {kind}", "kind") from None
        with self._db.transaction() as session:
            self._check_dimension_name(session, clean, None)
            position = session.scalar(select(func.coalesce(func.max(Dimension.position), -1))) + 1
            dimension = Dimension(name=clean, kind=dimension_kind, multi=bool(multi), position=position)
            session.add(dimension)
            self._flush(session, f"已有名为“{clean}”的维度")
            _audit(session, "create", "dimension", dimension.id, {"name": clean, "multi": bool(multi)})
            return self._dimension_dto(session, dimension.id)

    def rename_dimension(self, dimension_id: int, name: str) -> DimensionDTO:
        clean = clean_name(name, "维度", DIMENSION_NAME_MAX)
        with self._db.transaction() as session:
            dimension = self._get_dimension(session, dimension_id)
            if dimension.name != clean:
                self._check_dimension_name(session, clean, dimension.id)
                _audit(session, "rename", "dimension", dimension.id, {"from": dimension.name, "to": clean})
                dimension.name = clean
                self._flush(session, f"已有名为“{clean}”的维度")
            return self._dimension_dto(session, dimension.id)

    def set_multi(self, dimension_id: int, multi: bool) -> DimensionDTO:
        """Make a dimension multi- or single-choice. Going single-choice is refused while any group
        holds two or more of its labels; either way the store's exclusive flags follow in the same
        transaction."""
        multi = bool(multi)
        with self._db.transaction() as session:
            dimension = self._get_dimension(session, dimension_id)
            if not multi:
                several = len(self._groups_with_several(session, dimension.id))
                if several:
                    raise ValidationError(
                        f"有 {several} 个群在“{dimension.name}”下带有两个或以上标签, 不能改为单选。"
                        "请先让这些群只保留一个标签 (或合并标签) 后再试",
                        "multi",
                    )
            if dimension.multi != multi:
                _audit(session, "set_multi", "dimension", dimension.id, {"multi": multi})
            dimension.multi = multi
            session.flush()
            session.execute(update(_GL).where(_GL.c.dimension_id == dimension.id).values(exclusive=not multi))
            return self._dimension_dto(session, dimension.id)

    def conflicting_groups(self, dimension_id: int) -> list[int]:
        """Groups holding two or more labels of a dimension: what blocks making it single-choice."""
        with self._db.transaction() as session:
            self._get_dimension(session, dimension_id)
            return self._groups_with_several(session, dimension_id)

    def delete_dimension(self, dimension_id: int) -> int:
        """Delete a dimension, its labels and every group's labels of it; returns the groups affected.
        Seeded dimensions may be deleted too: preview with ``label_usage`` first."""
        with self._db.transaction() as session:
            dimension = self._get_dimension(session, dimension_id)
            groups = session.scalar(
                select(func.count(func.distinct(GroupLabel.group_id))).where(GroupLabel.dimension_id == dimension.id)
            ) or 0
            session.execute(delete(_GL).where(_GL.c.dimension_id == dimension.id))
            session.execute(delete(Label.__table__).where(Label.__table__.c.dimension_id == dimension.id))
            session.execute(delete(Dimension.__table__).where(Dimension.__table__.c.id == dimension.id))
            _audit(session, "delete", "dimension", dimension.id, {"name": dimension.name, "groups": groups})
            return groups

    def reorder_dimensions(self, dimension_ids: Sequence[int]) -> list[DimensionDTO]:
        """Put the dimensions in this order (all of them, each once)."""
        ids = [int(i) for i in dimension_ids]
        with self._db.transaction() as session:
            existing = set(session.scalars(select(Dimension.id)))
            if len(set(ids)) != len(ids) or set(ids) != existing:
                raise ValidationError("维度列表已变化, 请刷新后重试", "position")
            for position, dimension_id in enumerate(ids):
                session.execute(update(Dimension.__table__).where(Dimension.__table__.c.id == dimension_id)
                                .values(position=position))
            return [self._dimension_dto(session, dimension_id) for dimension_id in ids]

    # ================================================================ labels
    def create_label(self, dimension_id: int, name: str, color: str = DEFAULT_LABEL_COLOR) -> LabelDTO:
        clean = clean_name(name, "标签", LABEL_NAME_MAX)
        colour = clean_color(color)
        with self._db.transaction() as session:
            dimension = self._get_dimension(session, dimension_id)
            self._check_label_name(session, dimension, clean, None)
            position = session.scalar(
                select(func.coalesce(func.max(Label.position), -1)).where(Label.dimension_id == dimension.id)
            ) + 1
            label = Label(dimension_id=dimension.id, name=clean, color=colour, position=position)
            session.add(label)
            self._flush(session, f"“{dimension.name}”下已有名为“{clean}”的标签")
            _audit(session, "create", "label", label.id, {"name": clean, "dimension_id": dimension.id})
            return _label_dto(label)

    def rename_label(self, label_id: int, name: str) -> LabelDTO:
        clean = clean_name(name, "标签", LABEL_NAME_MAX)
        with self._db.transaction() as session:
            label = self._get_label(session, label_id)
            if label.name != clean:
                self._check_label_name(session, label.dimension, clean, label.id)
                _audit(session, "rename", "label", label.id, {"from": label.name, "to": clean})
                label.name = clean
                self._flush(session, f"“{label.dimension.name}”下已有名为“{clean}”的标签")
            return _label_dto(label)

    def recolour_label(self, label_id: int, color: str) -> LabelDTO:
        colour = clean_color(color)
        with self._db.transaction() as session:
            label = self._get_label(session, label_id)
            if label.color != colour:
                _audit(session, "recolour", "label", label.id, {"from": label.color, "to": colour})
                label.color = colour
                session.flush()
            return _label_dto(label)

    def delete_label(self, label_id: int, *, force: bool = False) -> int:
        """Delete a label; one that groups use is refused unless ``force``. Returns the groups that
        lost it."""
        with self._db.transaction() as session:
            label = self._get_label(session, label_id)
            used = session.scalar(select(func.count()).select_from(_GL).where(_GL.c.label_id == label.id)) or 0
            if used and not force:
                raise ValidationError(
                    f"标签“{label.name}”正被 {used} 个群使用; 确认删除后这些群将失去该标签", "label"
                )
            session.execute(delete(_GL).where(_GL.c.label_id == label.id))
            session.execute(delete(Label.__table__).where(Label.__table__.c.id == label.id))
            _audit(session, "delete", "label", label.id, {"name": label.name, "groups": used})
            return used

    def merge_labels(self, source_label_id: int, target_label_id: int) -> int:
        """Fold one label into another of the same dimension: every group with the source gets the
        target, then the source is deleted. Returns the groups that carried the source."""
        with self._db.transaction() as session:
            source = self._get_label(session, source_label_id)
            target = self._get_label(session, target_label_id)
            if source.id == target.id:
                raise ValidationError("不能把标签合并到它自己", "label")
            if source.dimension_id != target.dimension_id:
                raise ValidationError(
                    f"只能合并同一维度下的标签 (“{source.name}”属于“{source.dimension.name}”, "
                    f"“{target.name}”属于“{target.dimension.name}”)",
                    "label",
                )
            carried = session.scalar(
                select(func.count()).select_from(_GL).where(_GL.c.label_id == source.id)
            ) or 0
            # groups holding both (multi-choice only) keep the target row; the rest move over
            has_target = select(_GL.c.group_id).where(_GL.c.label_id == target.id)
            session.execute(delete(_GL).where(_GL.c.label_id == source.id, _GL.c.group_id.in_(has_target)))
            session.execute(update(_GL).where(_GL.c.label_id == source.id).values(label_id=target.id))
            session.execute(delete(Label.__table__).where(Label.__table__.c.id == source.id))
            _audit(session, "merge", "label", target.id,
                   {"source": source.id, "source_name": source.name, "groups": carried})
            return carried

    def reorder_labels(self, dimension_id: int, label_ids: Sequence[int]) -> DimensionDTO:
        """Put a dimension's labels in this order (all of them, each once)."""
        ids = [int(i) for i in label_ids]
        with self._db.transaction() as session:
            dimension = self._get_dimension(session, dimension_id)
            existing = set(session.scalars(select(Label.id).where(Label.dimension_id == dimension.id)))
            if len(set(ids)) != len(ids) or set(ids) != existing:
                raise ValidationError("标签列表已变化, 请刷新后重试", "position")
            for position, label_id in enumerate(ids):
                session.execute(update(Label.__table__).where(Label.__table__.c.id == label_id)
                                .values(position=position))
            return self._dimension_dto(session, dimension.id)

    def label_usage(self) -> dict[int, int]:
        """label id -> number of groups carrying it (0 for unused labels)."""
        with self._db.transaction() as session:
            rows = session.execute(
                select(Label.id, func.count(GroupLabel.group_id))
                .outerjoin(GroupLabel, GroupLabel.label_id == Label.id)
                .group_by(Label.id)
            )
            return {label_id: count for label_id, count in rows}

    # ================================================================ helpers
    @staticmethod
    def _get_dimension(session: Session, dimension_id: int) -> Dimension:
        dimension = session.get(Dimension, dimension_id)
        if dimension is None:
            raise NotFoundError(f"维度 #{dimension_id} 不存在 (可能已被删除), 请刷新后重试")
        return dimension

    @staticmethod
    def _get_label(session: Session, label_id: int) -> Label:
        label = session.get(Label, label_id)
        if label is None:
            raise NotFoundError(f"标签 #{label_id} 不存在 (可能已被删除), 请刷新后重试")
        return label

    @staticmethod
    def _check_dimension_name(session: Session, name: str, exclude: int | None) -> None:
        clash = session.scalar(select(Dimension.id).where(Dimension.name == name, Dimension.id != (exclude or -1)))
        if clash is not None:
            raise ValidationError(f"已有名为“{name}”的维度", "name")

    @staticmethod
    def _check_label_name(session: Session, dimension: Dimension, name: str, exclude: int | None) -> None:
        clash = session.scalar(select(Label.id).where(
            Label.dimension_id == dimension.id, Label.name == name, Label.id != (exclude or -1)
        ))
        if clash is not None:
            raise ValidationError(f"“{dimension.name}”下已有名为“{name}”的标签", "name")

    @staticmethod
    def _flush(session: Session, clash_message: str) -> None:
        """Flush; a unique clash that slipped past the check (another team member) reads as one."""
        try:
            session.flush()
        except IntegrityError as exc:
            raise ValidationError(clash_message, "name") from exc

    @staticmethod
    def _groups_with_several(session: Session, dimension_id: int) -> list[int]:
        return list(session.scalars(
            select(GroupLabel.group_id)
            .where(GroupLabel.dimension_id == dimension_id)
            .group_by(GroupLabel.group_id)
            .having(func.count() > 1)
            .order_by(GroupLabel.group_id)
        ))

    @staticmethod
    def _dimension_dto(session: Session, dimension_id: int) -> DimensionDTO:
        dimension = session.get(Dimension, dimension_id)
        assert dimension is not None
        labels = session.scalars(
            select(Label).where(Label.dimension_id == dimension_id).order_by(Label.position, Label.id)
        )
        return DimensionDTO(dimension.id, dimension.code, dimension.name, dimension.kind, dimension.multi,
                            tuple(_label_dto(label) for label in labels))
