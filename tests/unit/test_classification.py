"""Classification on a real SQLite file: bulk labels with undo/redo, dimensions and labels."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from desktop.domain.classification import LabelAction, LabelChange, PriorLabels, clean_color
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.groups import GroupDraft
from desktop.services.classification import ClassificationService
from desktop.services.groups import GroupService
from desktop.store.models import AuditLog, Group, GroupLabel

Row = tuple[int, int, int, bool]


@pytest.fixture
def service(db) -> ClassificationService:
    return ClassificationService(db)


def make_groups(db, count: int) -> list[int]:
    with db.transaction() as session:
        session.execute(insert(Group), [{"name": f"测试群{i}", "search_key": f"ceshiqun{i}"} for i in range(count)])
        return list(session.scalars(select(Group.id).order_by(Group.id)))


def label_ids(service: ClassificationService) -> dict[str, int]:
    return {label.name: label.id for d in service.dimensions() for label in d.labels}


def dimension_ids(service: ClassificationService) -> dict[str, int]:
    return {d.name: d.id for d in service.dimensions()}


def snapshot(db) -> set[Row]:
    """Every label on every group, with the exclusive flag: the full state undo must restore."""
    with db.transaction() as session:
        return {tuple(row) for row in session.execute(  # type: ignore[misc]
            select(GroupLabel.group_id, GroupLabel.label_id, GroupLabel.dimension_id, GroupLabel.exclusive)
        )}


def labels_of(db, group_id: int) -> set[int]:
    return {label for g, label, _, _ in snapshot(db) if g == group_id}


def put(db, rows: list[tuple[int, int, int, bool]]) -> None:
    if not rows:
        return
    with db.transaction() as session:
        session.execute(insert(GroupLabel), [
            {"group_id": g, "label_id": lb, "dimension_id": d, "exclusive": e} for g, lb, d, e in rows
        ])


def audit_rows(db) -> list[AuditLog]:
    with db.transaction() as session:
        return list(session.scalars(select(AuditLog).order_by(AuditLog.id)))


# ----------------------------------------------------------------------------- single choice
def test_assign_on_single_choice_replaces_and_the_store_refuses_a_second(db, service) -> None:
    ids, dims = label_ids(service), dimension_ids(service)
    groups = make_groups(db, 3)
    put(db, [(groups[0], ids["长期群"], dims["时间"], True)])
    change = service.assign_label(groups, ids["短期群"])
    assert all(labels_of(db, g) == {ids["短期群"]} for g in groups)
    assert change.changed == 3 and change.requested == 3
    assert change.prior == (PriorLabels((), (groups[1], groups[2])), PriorLabels((ids["长期群"],), (groups[0],)))
    # the store itself: a second label of a single-choice dimension is refused
    with pytest.raises(IntegrityError, match="UNIQUE"):
        put(db, [(groups[0], ids["长期群"], dims["时间"], True)])
    assert labels_of(db, groups[0]) == {ids["短期群"]}


def test_assign_is_idempotent_and_skips_unknown_groups(db, service) -> None:
    ids = label_ids(service)
    groups = make_groups(db, 4)
    service.assign_label(groups[:2], ids["服务群"])
    change = service.assign_label([*groups, groups[0], 999_999], ids["服务群"])
    assert change.requested == 5 and change.group_ids == tuple(groups[2:])  # already labelled, unknown: skipped
    again = service.assign_label(groups, ids["服务群"])
    assert again.is_empty and again.changed == 0
    with pytest.raises(NotFoundError, match="标签"):
        service.assign_label(groups, 999_999)


def test_bulk_assign_to_500_groups_undo_restores_exactly_then_redo(db, service) -> None:
    ids, dims = label_ids(service), dimension_ids(service)
    groups = make_groups(db, 520)
    selected = groups[:500]
    prior: list[Row] = []
    for n, g in enumerate(groups):
        if n % 3 == 0:
            prior.append((g, ids["长期群"], dims["时间"], True))
        elif n % 3 == 1:
            prior.append((g, ids["短期群"], dims["时间"], True))
        if n % 4 == 0:
            prior.append((g, ids["VIP群"], dims["人群"], False))
        if n % 5 == 0:
            prior.append((g, ids["服务群"], dims["功能"], True))
    put(db, prior)
    before = snapshot(db)
    assert before == set(prior)

    change = service.assign_label(selected, ids["短期群"])
    after = snapshot(db)
    assert change.group_ids == tuple(g for n, g in enumerate(selected) if n % 3 != 1)
    assert len(change.prior) == 2  # compact: the 333 changed groups held one of two prior states
    expected = {r for r in before if not (r[0] in selected and r[2] == dims["时间"])}
    expected |= {(g, ids["短期群"], dims["时间"], True) for g in selected}
    assert after == expected

    assert service.undo(change) == change.group_ids
    assert snapshot(db) == before
    assert service.redo(change) == change.group_ids
    assert snapshot(db) == after
    service.undo(change)
    assert snapshot(db) == before

    # one audit row per call, about groups in general, with counts
    rows = [a for a in audit_rows(db) if a.entity == "group"]
    assert [a.action for a in rows] == ["assign_label", "undo_assign_label", "redo_assign_label",
                                        "undo_assign_label"]
    assert all(a.entity_id is None for a in rows)
    assert json.loads(rows[0].detail_json)["groups"] == 500
    assert json.loads(rows[0].detail_json)["changed"] == len(change.group_ids)


def test_multi_choice_assign_adds_remove_and_undo(db, service) -> None:
    ids, dims = label_ids(service), dimension_ids(service)
    groups = make_groups(db, 6)
    put(db, [(g, ids["新客群"], dims["人群"], False) for g in groups[:3]])
    service.assign_label(groups, ids["VIP群"])
    assert labels_of(db, groups[0]) == {ids["新客群"], ids["VIP群"]}
    assert labels_of(db, groups[5]) == {ids["VIP群"]}
    assert all(not r[3] for r in snapshot(db))  # multi-choice rows are never exclusive
    before = snapshot(db)

    change = service.remove_label(groups[1:], ids["VIP群"])
    assert change.action is LabelAction.REMOVE and change.changed == 5
    assert labels_of(db, groups[1]) == {ids["新客群"]} and labels_of(db, groups[4]) == set()
    assert labels_of(db, groups[0]) == {ids["新客群"], ids["VIP群"]}  # not selected: untouched
    service.undo(change)
    assert snapshot(db) == before
    service.redo(change)
    assert labels_of(db, groups[1]) == {ids["新客群"]}
    assert service.remove_label(groups[1:], ids["VIP群"]).is_empty


def test_undo_skips_groups_and_labels_deleted_meanwhile(db, service) -> None:
    ids = label_ids(service)
    groups = make_groups(db, 10)
    service.assign_label(groups[:5], ids["长期群"])
    change = service.assign_label(groups, ids["短期群"])
    GroupService(db).delete(groups[:2])
    assert service.undo(change) == tuple(groups[2:])
    assert all(labels_of(db, g) == {ids["长期群"]} for g in groups[2:5])
    assert all(labels_of(db, g) == set() for g in groups[5:])
    service.redo(change)
    service.delete_label(ids["长期群"], force=True)
    assert service.undo(change) == tuple(groups[2:])  # 长期群 is gone: nothing to put back
    assert snapshot(db) == set()
    service.delete_label(ids["短期群"], force=True)
    with pytest.raises(NotFoundError, match="重做"):
        service.redo(change)


def test_undo_refused_if_the_dimension_became_single_choice(db, service) -> None:
    ids, dims = label_ids(service), dimension_ids(service)
    groups = make_groups(db, 3)
    put(db, [(g, lb, dims["人群"], False) for g in groups for lb in (ids["新客群"], ids["VIP群"])])
    change = service.remove_label(groups, ids["VIP群"])
    service.set_multi(dims["人群"], False)
    state = snapshot(db)
    with pytest.raises(ValidationError, match=r"单选.*3 个群"):
        service.undo(change)
    assert snapshot(db) == state


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_sequence_of_edits_undoes_and_redoes_exactly(db, service, data: st.DataObject) -> None:
    """Random prior labels, random bulk edits; undoing all in reverse gives back the start, and
    redoing all in order gives back the end, whatever the mix of single- and multi-choice."""
    with db.transaction() as session:
        session.execute(delete(GroupLabel))
        session.execute(delete(Group))
    groups = make_groups(db, 12)
    dims = {d.id: d for d in service.dimensions()}
    all_labels = [(label.id, d.id, d.multi) for d in dims.values() for label in d.labels]
    for g in groups:
        for dim in dims.values():
            names = [label.id for label in dim.labels]
            chosen = data.draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names) if dim.multi else 1))
            put(db, [(g, lb, dim.id, not dim.multi) for lb in chosen])
    start = snapshot(db)
    changes = []
    for _ in range(data.draw(st.integers(1, 6))):
        label_id, _, _ = data.draw(st.sampled_from(all_labels))
        selection = data.draw(st.lists(st.sampled_from(groups), unique=True, max_size=len(groups)))
        edit = service.assign_label if data.draw(st.booleans()) else service.remove_label
        changes.append(edit(selection, label_id))
    end = snapshot(db)
    for change in reversed(changes):
        service.undo(change)
    assert snapshot(db) == start
    for change in changes:
        service.redo(change)
    assert snapshot(db) == end


def test_label_change_is_a_frozen_record() -> None:
    change = LabelChange(LabelAction.ASSIGN, 7, 1, False, 3, (PriorLabels((), (3, 1)), PriorLabels((8,), (2,))))
    assert change.group_ids == (1, 2, 3) and change.changed == 3
    assert change.after((8,)) == (7,)
    assert LabelChange(LabelAction.ASSIGN, 7, 1, True, 0, ()).after((8,)) == (7, 8)
    assert LabelChange(LabelAction.REMOVE, 7, 1, True, 0, ()).after((7, 8)) == (8,)
    with pytest.raises(AttributeError):
        change.label_id = 9  # type: ignore[misc]


# ----------------------------------------------------------------------------- dimensions
def test_set_multi_refuses_with_a_count_and_rewrites_exclusive(db, service) -> None:
    ids, dims = label_ids(service), dimension_ids(service)
    audience = dims["人群"]
    groups = make_groups(db, 4)
    put(db, [(groups[0], ids["新客群"], audience, False), (groups[0], ids["VIP群"], audience, False),
             (groups[1], ids["老客群"], audience, False), (groups[1], ids["兴趣群"], audience, False),
             (groups[1], ids["VIP群"], audience, False), (groups[2], ids["VIP群"], audience, False)])
    before = snapshot(db)
    with pytest.raises(ValidationError, match="有 2 个群在“人群”下带有两个或以上标签") as info:
        service.set_multi(audience, False)
    assert info.value.field == "multi"
    assert service.conflicting_groups(audience) == groups[:2]
    assert snapshot(db) == before and next(d for d in service.dimensions() if d.id == audience).multi

    service.remove_label(groups[:2], ids["VIP群"])
    service.remove_label([groups[1]], ids["兴趣群"])
    assert not service.set_multi(audience, False).multi
    assert {r[3] for r in snapshot(db) if r[2] == audience} == {True}
    with pytest.raises(IntegrityError):  # the store now guards it
        put(db, [(groups[2], ids["新客群"], audience, True)])

    # and the other way: a single-choice axis made multi-choice accepts a second label
    time_dim = dims["时间"]
    service.assign_label(groups, ids["长期群"])
    assert service.set_multi(time_dim, True).multi
    assert {r[3] for r in snapshot(db) if r[2] == time_dim} == {False}
    service.assign_label(groups[:1], ids["短期群"])
    assert labels_of(db, groups[0]) >= {ids["长期群"], ids["短期群"]}


def test_create_rename_reorder_and_delete_dimension(db, service) -> None:
    created = service.create_dimension("  区域 ", multi=False)
    assert (created.name, created.kind, created.multi, created.labels) == ("区域", "custom", False, ())
    north = service.create_label(created.id, " 北区 ", "#1E88E5")
    south = service.create_label(created.id, "南区", "#43a047")
    assert (north.name, north.color, north.position, south.position) == ("北区", "#1e88e5", 0, 1)
    assert service.rename_dimension(created.id, "小区").name == "小区"
    reordered = service.reorder_labels(created.id, [south.id, north.id])
    assert [label.name for label in reordered.labels] == ["南区", "北区"]
    order = [d.id for d in service.dimensions()]
    assert [d.id for d in service.reorder_dimensions(order[::-1])] == order[::-1]
    assert [d.id for d in service.dimensions()] == order[::-1]
    with pytest.raises(ValidationError, match="刷新"):
        service.reorder_labels(created.id, [south.id])

    groups = make_groups(db, 3)
    service.assign_label(groups, north.id)
    assert service.label_usage()[north.id] == 3 and service.label_usage()[south.id] == 0
    assert service.delete_dimension(created.id) == 3
    assert created.id not in dimension_ids(service).values()
    assert snapshot(db) == set() and north.id not in service.label_usage()
    with pytest.raises(NotFoundError):
        service.rename_dimension(created.id, "又一个")
    # seeded axes may go too
    seeded = dimension_ids(service)["功能"]
    service.delete_dimension(seeded)
    assert "功能" not in dimension_ids(service)


# ----------------------------------------------------------------------------- labels
def test_delete_label_in_use_is_refused_then_forced(db, service) -> None:
    ids = label_ids(service)
    groups = make_groups(db, 7)
    service.assign_label(groups, ids["销售群"])
    before = snapshot(db)
    with pytest.raises(ValidationError, match="标签“销售群”正被 7 个群使用"):
        service.delete_label(ids["销售群"])
    assert snapshot(db) == before and ids["销售群"] in service.label_usage()
    assert service.delete_label(ids["销售群"], force=True) == 7
    assert snapshot(db) == set() and ids["销售群"] not in service.label_usage()
    unused = service.create_label(dimension_ids(service)["功能"], "售后群", "#000000")
    assert service.delete_label(unused.id) == 0
    with pytest.raises(NotFoundError):
        service.delete_label(unused.id)


def test_merge_labels_multi_choice_folds_duplicates(db, service) -> None:
    ids, dims = label_ids(service), dimension_ids(service)
    groups = make_groups(db, 4)
    put(db, [(groups[0], ids["老客群"], dims["人群"], False), (groups[0], ids["VIP群"], dims["人群"], False),
             (groups[1], ids["老客群"], dims["人群"], False), (groups[2], ids["VIP群"], dims["人群"], False)])
    assert service.merge_labels(ids["老客群"], ids["VIP群"]) == 2
    assert snapshot(db) == {(g, ids["VIP群"], dims["人群"], False) for g in groups[:3]}
    assert ids["老客群"] not in service.label_usage()
    assert service.label_usage()[ids["VIP群"]] == 3


def test_merge_labels_single_choice_stays_valid_and_bad_merges_refused(db, service) -> None:
    ids, dims = label_ids(service), dimension_ids(service)
    groups = make_groups(db, 4)
    service.assign_label(groups[:2], ids["短期群"])
    service.assign_label(groups[2:], ids["长期群"])
    with pytest.raises(ValidationError, match="同一维度"):
        service.merge_labels(ids["短期群"], ids["VIP群"])
    with pytest.raises(ValidationError, match="它自己"):
        service.merge_labels(ids["短期群"], ids["短期群"])
    assert service.merge_labels(ids["短期群"], ids["长期群"]) == 2
    assert snapshot(db) == {(g, ids["长期群"], dims["时间"], True) for g in groups}
    assert [label.name for label in next(d for d in service.dimensions() if d.name == "时间").labels] == ["长期群"]


def test_bad_names_and_colours(service) -> None:
    dims = dimension_ids(service)
    for bad in ("", "   ", "维" * 61):
        with pytest.raises(ValidationError, match="维度名称") as info:
            service.create_dimension(bad, multi=True)
        assert info.value.field == "name"
        with pytest.raises(ValidationError, match="标签名称"):
            service.create_label(dims["时间"], bad, "#ffffff")
    with pytest.raises(ValidationError, match="已有名为“时间”的维度"):
        service.create_dimension(" 时间 ", multi=False)
    with pytest.raises(ValidationError, match="已有名为“人群”的维度"):
        service.rename_dimension(dims["时间"], "人群")
    with pytest.raises(ValidationError, match="“时间”下已有名为“短期群”的标签"):
        service.create_label(dims["时间"], "短期群 ", "#ffffff")
    ids = label_ids(service)
    with pytest.raises(ValidationError, match="已有名为“长期群”的标签"):
        service.rename_label(ids["短期群"], "长期群")
    assert service.rename_label(ids["短期群"], "短期群").name == "短期群"  # unchanged is fine
    assert service.create_label(dims["人群"], "短期群", "#ffffff").name == "短期群"  # other dimension: fine
    with pytest.raises(ValidationError, match="不认识的维度类型"):
        service.create_dimension("区域", multi=False, kind="colour")
    for colour in ("red", "#12345", "#1234567", "#GGGGGG", "", "3949ab"):
        with pytest.raises(ValidationError, match="#RRGGBB") as info:
            service.recolour_label(ids["短期群"], colour)
        assert info.value.field == "color"
    assert service.recolour_label(ids["短期群"], " #ABCDEF ").color == "#abcdef"
    assert clean_color("#00897b") == "#00897b"
    with pytest.raises(NotFoundError):
        service.create_label(999_999, "孤儿", "#ffffff")


def test_management_calls_are_audited(db, service) -> None:
    dimension = service.create_dimension("区域", multi=True)
    label = service.create_label(dimension.id, "北区", "#123456")
    service.recolour_label(label.id, "#654321")
    service.delete_label(label.id)
    assert [(a.action, a.entity) for a in audit_rows(db)] == [
        ("create", "dimension"), ("create", "label"), ("recolour", "label"), ("delete", "label"),
    ]


def test_group_service_still_sees_the_labels(db, service) -> None:
    ids = label_ids(service)
    group = GroupService(db).create(GroupDraft(name="阳光花园1群"))
    service.assign_label([group.id], ids["VIP群"])
    service.assign_label([group.id], ids["短期群"])
    assert [label.name for label in GroupService(db).get(group.id).labels] == ["短期群", "VIP群"]
    with db.transaction() as session:
        session.execute(delete(Group).where(Group.id == group.id))
    assert snapshot(db) == set()  # ON DELETE CASCADE
