"""Auto-classification rules on a real SQLite file: conditions, preview == effect, undo, apply to new."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop.domain.enums import GroupStatus, Lifespan, Platform
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.groups import GroupDraft, GroupDTO, GroupFilter
from desktop.domain.rules import RuleConditions
from desktop.services.classification import ClassificationService
from desktop.services.demo import build_demo
from desktop.services.groups import GroupService
from desktop.services.rules import RuleService
from desktop.store.models import AuditLog, ClassificationRule, GroupLabel

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(db):
    build_demo(db, groups=60, members=300, days=30, seed=2, today=TODAY)
    return db


@pytest.fixture
def rules(db) -> RuleService:
    return RuleService(db)


def label_ids(db) -> dict[str, int]:
    return {label.name: label.id for d in ClassificationService(db).dimensions() for label in d.labels}


def all_labels(db) -> dict[int, set[int]]:
    """group id -> label ids, every group (archived ones too)."""
    with db.transaction() as session:
        out: dict[int, set[int]] = {}
        for group_id, label_id in session.execute(select(GroupLabel.group_id, GroupLabel.label_id)):
            out.setdefault(group_id, set()).add(label_id)
    for group in GroupService(db).list_groups(GroupFilter(include_archived=True)):
        out.setdefault(group.id, set())
    return out


def dimension_labels(db, dimension_id: int) -> dict[int, tuple[int, ...]]:
    with db.transaction() as session:
        out: dict[int, list[int]] = {}
        for group_id, label_id in session.execute(
            select(GroupLabel.group_id, GroupLabel.label_id).where(GroupLabel.dimension_id == dimension_id)
        ):
            out.setdefault(group_id, []).append(label_id)
    return {g: tuple(sorted(ls)) for g, ls in out.items()}


def group(**overrides) -> GroupDTO:
    values = {
        "id": 1, "name": "恒大名都生鲜团购1群", "platform": Platform.WECHAT, "external_id": None,
        "owner": "余帆", "status": GroupStatus.ACTIVE, "lifespan": Lifespan.LONG, "start_date": None,
        "end_date": None, "capacity": 500, "member_count": 120, "area": "", "note": "", "search_key": "",
        "labels": (), "last_active": None, "created_at": datetime(2026, 11, 20, 9, 0),
        "updated_at": datetime(2026, 11, 20, 9, 0),
    }
    return GroupDTO(**{**values, **overrides})


# ----------------------------------------------------------------------------- conditions (pure)
def test_each_condition_and_their_conjunction() -> None:
    g = group()
    assert RuleConditions(name_contains="生鲜").matches(g, TODAY)
    assert not RuleConditions(name_contains="水果").matches(g, TODAY)
    assert RuleConditions(name_regex=r"团购\d+群$").matches(g, TODAY)
    assert RuleConditions(platforms=frozenset({Platform.WECHAT, Platform.QQ})).matches(g, TODAY)
    assert not RuleConditions(platforms=frozenset({Platform.QQ})).matches(g, TODAY)
    assert RuleConditions(member_min=120, member_max=120).matches(g, TODAY)
    assert not RuleConditions(member_min=121).matches(g, TODAY)
    assert not RuleConditions(member_max=119).matches(g, TODAY)
    assert RuleConditions(owner="余").matches(g, TODAY)
    assert not RuleConditions(owner="余", owner_exact=True).matches(g, TODAY)
    assert RuleConditions(owner="余帆", owner_exact=True).matches(g, TODAY)
    assert RuleConditions(created_within_days=3).matches(g, TODAY)
    assert not RuleConditions(created_within_days=2).matches(g, TODAY)
    assert RuleConditions(has_end_date=False).matches(g, TODAY)
    assert RuleConditions(has_end_date=True).matches(group(end_date=TODAY), TODAY)
    both = RuleConditions(name_contains="生鲜", platforms=frozenset({Platform.QQ}))
    assert not both.matches(g, TODAY)  # AND, not OR
    assert RuleConditions(name_contains="生鲜", member_min=100, owner="帆").matches(g, TODAY)


def test_bad_regex_empty_conditions_and_min_above_max_are_refused() -> None:
    with pytest.raises(ValidationError, match="正则表达式有误") as bad:
        RuleConditions(name_regex="团购(").validated()
    assert bad.value.field == "name_regex"
    with pytest.raises(ValidationError, match="规则至少要有一个条件"):
        RuleConditions().validated()
    with pytest.raises(ValidationError, match="规则至少要有一个条件"):
        RuleConditions(name_contains="   ", owner=" ").validated()
    with pytest.raises(ValidationError, match="最少人数") as span:
        RuleConditions(member_min=10, member_max=5).validated()
    assert span.value.field == "member_min"
    with pytest.raises(ValidationError):
        RuleConditions(member_min=-1).validated()
    assert RuleConditions(member_min=5, member_max=5).validated().member_min == 5
    assert not RuleConditions().matches(group(), TODAY)  # an empty rule never matches everything


def test_json_round_trip_and_tolerant_reading() -> None:
    full = RuleConditions(name_contains="团购", name_regex=r"\d群", platforms=frozenset({Platform.QQ}),
                          member_min=1, member_max=9, owner="余帆", owner_exact=True,
                          created_within_days=7, has_end_date=True)
    assert RuleConditions.from_json(full.to_json()) == full
    assert json.loads(RuleConditions(name_contains="群").to_json()) == {"name_contains": "群"}
    assert RuleConditions.from_json("not json") == RuleConditions()
    assert RuleConditions.from_json("[1, 2]") == RuleConditions()
    assert RuleConditions.from_json(None) == RuleConditions()
    odd = RuleConditions.from_json(json.dumps({
        "name_contains": 5, "platforms": ["qq", "myspace"], "member_min": "3", "has_end_date": "yes",
        "future_condition": 1, "created_within_days": 2,
    }))
    assert odd == RuleConditions(platforms=frozenset({Platform.QQ}), created_within_days=2)


# ----------------------------------------------------------------------------- service: CRUD
def test_create_update_list_delete(demo, rules) -> None:
    labels = label_ids(demo)
    rule = rules.create(" 生鲜群  归为销售 ", RuleConditions(name_contains="生鲜"), labels["销售群"])
    assert rule.name == "生鲜群 归为销售" and rule.enabled and not rule.apply_to_new
    assert rule.label_name == "销售群" and rule.dimension_name == "功能"
    second = rules.create("VIP", RuleConditions(name_regex="VIP"), labels["VIP群"], apply_to_new=True)
    assert [r.id for r in rules.list_rules()] == [rule.id, second.id]
    with pytest.raises(ValidationError, match="已有名为“VIP”的规则"):
        rules.create("VIP", RuleConditions(owner="余帆"), labels["VIP群"])
    with pytest.raises(ValidationError, match="规则至少要有一个条件"):
        rules.create("空规则", RuleConditions(), labels["VIP群"])
    with pytest.raises(NotFoundError, match="标签"):
        rules.create("无标签", RuleConditions(owner="余帆"), 9999)
    updated = rules.update(rule.id, enabled=False, conditions=RuleConditions(name_contains="水果"))
    assert not updated.enabled and updated.conditions == RuleConditions(name_contains="水果")
    with pytest.raises(ValidationError, match="正则表达式有误"):
        rules.update(rule.id, conditions=RuleConditions(name_regex="[a-"))
    assert rules.get(rule.id).conditions == RuleConditions(name_contains="水果")  # nothing half-done
    rules.delete(rule.id)
    with pytest.raises(NotFoundError):
        rules.get(rule.id)
    assert [r.id for r in rules.list_rules()] == [second.id]
    with demo.transaction() as session:
        actions = session.scalars(select(AuditLog.action).where(AuditLog.entity == "rule").order_by(AuditLog.id)).all()
    assert actions == ["create", "create", "update", "delete"]


def test_rule_is_deleted_with_its_label(demo, rules) -> None:
    classification = ClassificationService(demo)
    label = classification.create_label(3, "宝妈群", "#ff4081")
    rule = rules.create("母婴", RuleConditions(name_contains="母婴"), label.id)
    keep = rules.create("VIP", RuleConditions(name_contains="VIP"), label_ids(demo)["VIP群"])
    rules.apply(rule.id, today=TODAY)
    classification.delete_label(label.id, force=True)
    assert [r.id for r in rules.list_rules()] == [keep.id]
    with pytest.raises(NotFoundError):
        rules.preview(rule.id, today=TODAY)
    # and with a whole dimension
    dimension = classification.create_dimension("渠道", multi=False)
    own = classification.create_label(dimension.id, "抖音来的")
    rules.create("抖音", RuleConditions(platforms=frozenset({Platform.DOUYIN})), own.id)
    classification.delete_dimension(dimension.id)
    assert [r.id for r in rules.list_rules()] == [keep.id]


# ----------------------------------------------------------------------------- preview == effect
@pytest.mark.parametrize(("conditions", "label"), [
    (RuleConditions(name_contains="团购"), "短期群"),                       # single choice: replaces
    (RuleConditions(name_regex=r"(特惠|快闪)"), "服务群"),                  # single choice
    (RuleConditions(member_min=5, member_max=20, owner="余帆"), "VIP群"),   # multi choice: adds
    (RuleConditions(platforms=frozenset({Platform.WECOM}), has_end_date=False), "兴趣群"),
    (RuleConditions(created_within_days=30), "长期群"),
])
def test_preview_equals_effect(demo, rules, conditions, label) -> None:
    labels = label_ids(demo)
    rule = rules.create("规则", conditions, labels[label])
    preview = rules.preview(rule.id, today=TODAY)
    before = all_labels(demo)
    dim_before = dimension_labels(demo, preview.dimension_id)

    active = [g for g in GroupService(demo).list_groups(GroupFilter(include_archived=True))
              if g.status is not GroupStatus.ARCHIVED]
    expected = [g.id for g in active if conditions.matches(g, TODAY)]
    assert list(preview.matched_ids) == expected and preview.matched > 0
    assert preview.considered == len(active) == 59  # the archived demo group is left out
    assert preview.changed <= preview.matched
    for row in preview.changes:
        assert row.before_ids == dim_before.get(row.group_id, ())
        assert len(row.before) == len(row.before_ids) and len(row.after) == len(row.after_ids)
        assert label in row.after

    change = rules.apply(rule.id, today=TODAY)
    after = all_labels(demo)
    dim_after = dimension_labels(demo, preview.dimension_id)
    assert change.group_ids == tuple(row.group_id for row in preview.changes)
    changed = {row.group_id: row for row in preview.changes}
    for group_id in before:
        if group_id in changed:
            assert dim_after.get(group_id, ()) == changed[group_id].after_ids
            other = {i for i in before[group_id] if i not in dim_before.get(group_id, ())}
            assert after[group_id] == other | set(changed[group_id].after_ids)
        else:
            assert after[group_id] == before[group_id], group_id
    # applied: the same preview now shows nothing left to change
    assert rules.preview(rule.id, today=TODAY).changed == 0


def test_single_choice_preview_shows_the_replacement(demo, rules) -> None:
    labels = label_ids(demo)
    preview = rules.preview(conditions=RuleConditions(name_contains="快闪"), label_id=labels["长期群"],
                            today=TODAY)
    assert preview.rule_id is None and not preview.multi
    assert preview.changed == preview.matched == 2
    for row in preview.changes:
        assert row.before == ("短期群",) and row.after == ("长期群",)
        assert row.after_ids == (labels["长期群"],)


def test_matches_nothing_or_everything_warns_without_failing(demo, rules) -> None:
    labels = label_ids(demo)
    nothing = rules.preview(conditions=RuleConditions(name_contains="不存在的群名"), label_id=labels["VIP群"],
                            today=TODAY)
    assert nothing.matched == nothing.changed == 0 and "没有匹配" in nothing.warning
    everything = rules.preview(conditions=RuleConditions(name_regex="群|期"), label_id=labels["VIP群"],
                               today=TODAY)
    assert everything.matched == everything.considered == 59 and "全部 59 个" in everything.warning
    some = rules.preview(conditions=RuleConditions(name_contains="团购"), label_id=labels["VIP群"], today=TODAY)
    assert some.warning == ""
    with pytest.raises(ValidationError, match="正则表达式有误"):
        rules.preview(conditions=RuleConditions(name_regex="(?P<"), label_id=labels["VIP群"], today=TODAY)
    with pytest.raises(ValidationError):
        rules.preview(today=TODAY)


def test_archived_groups_are_never_touched(demo, rules) -> None:
    labels = label_ids(demo)
    rule = rules.create("全部短期", RuleConditions(name_regex="."), labels["短期群"])
    archived = [g.id for g in GroupService(demo).list_groups(GroupFilter(statuses=(GroupStatus.ARCHIVED,)))]
    assert archived
    before = all_labels(demo)
    rules.apply(rule.id, today=TODAY)
    after = all_labels(demo)
    assert all(after[g] == before[g] for g in archived)


# ----------------------------------------------------------------------------- undo
def test_undo_of_an_applied_rule_restores_labels_and_redo_reapplies(demo, rules) -> None:
    labels = label_ids(demo)
    rule = rules.create("团购都算服务", RuleConditions(name_contains="团购"), labels["服务群"])
    before = all_labels(demo)
    change = rules.apply(rule.id, today=TODAY)
    assert not change.is_empty
    applied = all_labels(demo)
    assert applied != before
    classification = ClassificationService(demo)
    assert classification.undo(change) == change.group_ids
    assert all_labels(demo) == before
    classification.redo(change)
    assert all_labels(demo) == applied


# ----------------------------------------------------------------------------- apply to new groups
def test_apply_to_new_uses_only_enabled_auto_rules_and_only_the_given_groups(demo, rules) -> None:
    labels = label_ids(demo)
    auto = rules.create("快闪=短期", RuleConditions(name_contains="快闪"), labels["短期群"], apply_to_new=True)
    rules.create("快闪=新客 (手动)", RuleConditions(name_contains="快闪"), labels["新客群"])
    off = rules.create("快闪=VIP (停用)", RuleConditions(name_contains="快闪"), labels["VIP群"],
                       apply_to_new=True, enabled=False)
    rules.create("大群=VIP", RuleConditions(member_min=100, platforms=frozenset({Platform.QQ})),
                 labels["VIP群"], apply_to_new=True)
    groups = GroupService(demo)
    old_flash = [g.id for g in groups.list_groups() if "快闪" in g.name]
    new = groups.create(GroupDraft(name="双11秒杀快闪群", platform=Platform.WECHAT), [labels["长期群"]])
    other = groups.create(GroupDraft(name="读书会", platform=Platform.WECHAT))
    before = all_labels(demo)

    changes = rules.apply_to_new([new.id, other.id])
    assert [(c.label_id, c.group_ids) for c in changes] == [(labels["短期群"], (new.id,))]
    after = all_labels(demo)
    assert after[new.id] == {labels["短期群"]}  # single choice: 长期群 replaced
    assert all(after[g] == before[g] for g in before if g != new.id)  # old 快闪 groups untouched
    assert old_flash
    ClassificationService(demo).undo(changes[0])
    assert all_labels(demo) == before

    rules.update(off.id, enabled=True)
    rules.update(auto.id, apply_to_new=False)
    changes = rules.apply_to_new([new.id])
    assert [(c.label_id, c.group_ids) for c in changes] == [(labels["VIP群"], (new.id,))]
    assert rules.apply_to_new([]) == []


def test_created_within_days_counts_today_as_day_zero(demo, rules) -> None:
    labels = label_ids(demo)
    new = GroupService(demo).create(GroupDraft(name="今天新建的群"))
    today = new.created_at.date()
    fresh = rules.preview(conditions=RuleConditions(created_within_days=0), label_id=labels["新客群"], today=today)
    assert new.id in fresh.matched_ids
    assert all(
        g.created_at.date() == today for g in GroupService(demo).list_groups(GroupFilter(ids=fresh.matched_ids))
    )
    later = rules.preview(conditions=RuleConditions(created_within_days=0), label_id=labels["新客群"],
                          today=today + timedelta(days=1))
    assert new.id not in later.matched_ids


def test_stored_rule_rows_hold_readable_json(demo, rules) -> None:
    labels = label_ids(demo)
    rule = rules.create("QQ 大群", RuleConditions(platforms=frozenset({Platform.QQ}), member_min=30),
                        labels["VIP群"])
    with demo.transaction() as session:
        stored = session.get(ClassificationRule, rule.id)
        assert stored is not None
        assert json.loads(stored.conditions_json) == {"platforms": ["qq"], "member_min": 30}
