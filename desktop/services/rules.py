"""Auto-classification rules: keep them, preview them, apply them (on demand and to new groups).

Preview and apply share one meaning: the matching groups are found by ``RuleConditions.matcher``
over the non-archived groups, and each group's labels after the change come from
``LabelChange.after``, the rule ClassificationService.assign_label itself writes by. Apply then hands
exactly the matched ids to ``ClassificationService.assign_label``, so the returned LabelChange undoes
and redoes like any bulk edit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.domain.classification import LabelAction, LabelChange, clean_name
from desktop.domain.enums import GroupStatus
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.groups import GroupDTO
from desktop.domain.rules import RULE_NAME_MAX, GroupLabelPreview, RuleConditions, RuleDTO, RulePreview
from desktop.store.engine import Database
from desktop.store.models import AuditLog, ClassificationRule, Dimension, Group, GroupLabel, Label

from .classification import CHUNK, ClassificationService

_G = Group.__table__
#: the group columns a condition can look at, in GroupDTO order (labels / last_active are not needed)
_COLUMNS = (_G.c.id, _G.c.name, _G.c.platform, _G.c.external_id, _G.c.owner, _G.c.status, _G.c.lifespan,
            _G.c.start_date, _G.c.end_date, _G.c.capacity, _G.c.member_count, _G.c.area, _G.c.note,
            _G.c.search_key)


def _audit(session: Session, action: str, rule_id: int | None, detail: dict) -> None:
    session.add(AuditLog(action=action, entity="rule", entity_id=rule_id,
                         detail_json=json.dumps(detail, ensure_ascii=False, default=str)))


def _groups(session: Session, ids: Sequence[int] | None) -> list[GroupDTO]:
    """Non-archived groups (all, or those among ``ids``) as GroupDTOs without labels."""
    stmt = select(*_COLUMNS, _G.c.created_at, _G.c.updated_at).where(_G.c.status != GroupStatus.ARCHIVED)
    out: list[GroupDTO] = []
    for chunk in ([None] if ids is None else [ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)]):
        query = stmt if chunk is None else stmt.where(_G.c.id.in_(list(chunk)))
        out.extend(GroupDTO(*row[:14], (), None, row[14], row[15])
                   for row in session.execute(query.order_by(_G.c.id)).all())
    return sorted(out, key=lambda g: g.id) if ids is not None and len(ids) > CHUNK else out


def _candidates(session: Session, conditions: RuleConditions) -> tuple[int, list[GroupDTO]]:
    """(non-archived groups in all, those that may match as GroupDTOs). With a name condition only
    ids and names are read for every group and whole rows just for the names that pass."""
    by_name = conditions.name_matcher()
    if by_name is None:
        groups = _groups(session, None)
        return len(groups), groups
    rows = session.execute(
        select(_G.c.id, _G.c.name).where(_G.c.status != GroupStatus.ARCHIVED).order_by(_G.c.id)
    ).all()
    return len(rows), _groups(session, [gid for gid, name in rows if by_name(name)])


class RuleService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ================================================================ keeping rules
    def list_rules(self) -> list[RuleDTO]:
        """Every rule in order (position, then id)."""
        with self._db.transaction() as session:
            rules = session.scalars(
                select(ClassificationRule).order_by(ClassificationRule.position, ClassificationRule.id)
            ).all()
            return [self._dto(session, rule) for rule in rules]

    def get(self, rule_id: int) -> RuleDTO:
        with self._db.transaction() as session:
            return self._dto(session, self._get(session, rule_id))

    def create(self, name: str, conditions: RuleConditions, label_id: int, *, enabled: bool = True,
               apply_to_new: bool = False) -> RuleDTO:
        clean = clean_name(name, "规则", RULE_NAME_MAX)
        checked = conditions.validated()
        with self._db.transaction() as session:
            ClassificationService._get_label(session, label_id)
            self._check_name(session, clean, None)
            position = session.scalar(select(func.coalesce(func.max(ClassificationRule.position), -1))) + 1
            rule = ClassificationRule(name=clean, enabled=bool(enabled), apply_to_new=bool(apply_to_new),
                                      conditions_json=checked.to_json(), label_id=label_id, position=position)
            session.add(rule)
            self._flush(session, clean)
            _audit(session, "create", rule.id, {"name": clean, "label_id": label_id,
                                                "conditions": checked.to_dict()})
            return self._dto(session, rule)

    def update(self, rule_id: int, *, name: str | None = None, conditions: RuleConditions | None = None,
               label_id: int | None = None, enabled: bool | None = None,
               apply_to_new: bool | None = None) -> RuleDTO:
        """Change what is given; the rest stays."""
        clean = clean_name(name, "规则", RULE_NAME_MAX) if name is not None else None
        checked = conditions.validated() if conditions is not None else None
        with self._db.transaction() as session:
            rule = self._get(session, rule_id)
            changes: dict = {}
            if clean is not None and clean != rule.name:
                self._check_name(session, clean, rule.id)
                changes["name"] = clean
            if checked is not None and checked.to_json() != rule.conditions_json:
                changes["conditions_json"] = checked.to_json()
            if label_id is not None and label_id != rule.label_id:
                ClassificationService._get_label(session, label_id)
                changes["label_id"] = label_id
            if enabled is not None and bool(enabled) != rule.enabled:
                changes["enabled"] = bool(enabled)
            if apply_to_new is not None and bool(apply_to_new) != rule.apply_to_new:
                changes["apply_to_new"] = bool(apply_to_new)
            for key, value in changes.items():
                setattr(rule, key, value)
            if changes:
                self._flush(session, clean or rule.name)
                _audit(session, "update", rule.id, changes)
            return self._dto(session, rule)

    def delete(self, rule_id: int) -> None:
        with self._db.transaction() as session:
            rule = self._get(session, rule_id)
            _audit(session, "delete", rule.id, {"name": rule.name})
            session.delete(rule)

    # ================================================================ preview and apply
    def preview(self, rule_id: int | None = None, *, conditions: RuleConditions | None = None,
                label_id: int | None = None, today: date | None = None) -> RulePreview:
        """Exactly which groups a rule would change and how: a saved rule (``rule_id``) or an
        unsaved one (``conditions`` and ``label_id``). Archived groups are left out. Matching nothing
        or every group is not an error, but ``warning`` says so."""
        day = today or date.today()
        with self._db.transaction() as session:
            if rule_id is not None:
                rule = self._get(session, rule_id)
                checked, target = RuleConditions.from_json(rule.conditions_json).validated(), rule.label_id
            elif conditions is not None and label_id is not None:
                checked, target = conditions.validated(), label_id
            else:
                raise ValidationError("请先选择规则, 或填写条件和要设置的标签", "conditions")
            return self._preview(session, rule_id, checked, target, day)

    def apply(self, rule_id: int, today: date | None = None) -> LabelChange:
        """Do what ``preview(rule_id)`` shows: the rule's label on every matching group, in one
        transaction of ClassificationService.assign_label (undo with ClassificationService.undo).
        Disabled rules apply too when asked for by hand."""
        preview = self.preview(rule_id, today=today)
        return ClassificationService(self._db).assign_label(preview.matched_ids, preview.label_id)

    def apply_to_new(self, group_ids: Iterable[int], today: date | None = None) -> list[LabelChange]:
        """Apply every enabled rule switched to "apply to new groups" to just these groups (what the
        create and import paths call), in rule order; returns the changes that changed something."""
        ids = list(dict.fromkeys(int(i) for i in group_ids))
        if not ids:
            return []
        day = today or date.today()
        with self._db.transaction() as session:
            rules = session.scalars(
                select(ClassificationRule)
                .where(ClassificationRule.enabled.is_(True), ClassificationRule.apply_to_new.is_(True))
                .order_by(ClassificationRule.position, ClassificationRule.id)
            ).all()
            groups = _groups(session, ids)
            plan: list[tuple[tuple[int, ...], int]] = []
            for rule in rules:
                conditions = RuleConditions.from_json(rule.conditions_json)
                if conditions.is_empty:
                    continue
                match = conditions.matcher(day)
                matched = tuple(g.id for g in groups if match(g))
                if matched:
                    plan.append((matched, rule.label_id))
        classification = ClassificationService(self._db)
        changes = [classification.assign_label(matched, label) for matched, label in plan]
        return [change for change in changes if not change.is_empty]

    # ================================================================ helpers
    def _preview(self, session: Session, rule_id: int | None, conditions: RuleConditions, label_id: int,
                 today: date) -> RulePreview:
        label = ClassificationService._get_label(session, label_id)
        dimension = label.dimension
        names = dict(session.execute(select(Label.id, Label.name).where(Label.dimension_id == dimension.id)).all())
        considered, groups = _candidates(session, conditions)
        match = conditions.matcher(today)
        matched = [g for g in groups if match(g)]
        current: dict[int, list[int]] = {}
        for group_id, lid in session.execute(
            select(GroupLabel.group_id, GroupLabel.label_id).where(GroupLabel.dimension_id == dimension.id)
        ):
            current.setdefault(group_id, []).append(lid)
        change = LabelChange(LabelAction.ASSIGN, label.id, dimension.id, dimension.multi, len(matched), ())
        rows = []
        for group in matched:
            before = tuple(sorted(current.get(group.id, ())))
            after = change.after(before)
            if after != before:
                rows.append(GroupLabelPreview(group.id, group.name, before, after,
                                              tuple(names.get(i, f"#{i}") for i in before),
                                              tuple(names.get(i, f"#{i}") for i in after)))
        warning = ""
        if not considered:
            warning = "当前没有未归档的群, 规则不会改变任何群"
        elif not matched:
            warning = f"规则没有匹配到任何群 (共 {considered} 个未归档的群), 请检查条件"
        elif len(matched) == considered:
            warning = f"规则匹配了全部 {considered} 个未归档的群, 请确认条件是否过宽"
        return RulePreview(rule_id, label.id, label.name, dimension.id, dimension.name, dimension.multi,
                           considered, tuple(g.id for g in matched), tuple(rows), warning)

    @staticmethod
    def _dto(session: Session, rule: ClassificationRule) -> RuleDTO:
        label_name, dimension_id, dimension_name = session.execute(
            select(Label.name, Dimension.id, Dimension.name).join(Dimension, Dimension.id == Label.dimension_id)
            .where(Label.id == rule.label_id)
        ).one()
        return RuleDTO(rule.id, rule.name, rule.enabled, rule.apply_to_new,
                       RuleConditions.from_json(rule.conditions_json), rule.label_id, label_name,
                       dimension_id, dimension_name, rule.position, rule.created_at, rule.updated_at)

    @staticmethod
    def _get(session: Session, rule_id: int) -> ClassificationRule:
        rule = session.get(ClassificationRule, rule_id)
        if rule is None:
            raise NotFoundError(f"规则 #{rule_id} 不存在 (可能已被删除, 或其标签已被删除), 请刷新后重试")
        return rule

    @staticmethod
    def _check_name(session: Session, name: str, exclude: int | None) -> None:
        clash = session.scalar(select(ClassificationRule.id).where(
            ClassificationRule.name == name, ClassificationRule.id != (exclude or -1)))
        if clash is not None:
            raise ValidationError(f"已有名为“{name}”的规则", "name")

    @staticmethod
    def _flush(session: Session, name: str) -> None:
        try:
            session.flush()
        except IntegrityError as exc:
            raise ValidationError(f"已有名为“{name}”的规则", "name") from exc
