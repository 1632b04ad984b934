"""Member tags: the tag list, bulk tagging, tags on member rows and the tag filter (real SQLite file)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import event, func, insert, select

from desktop.domain.enums import Tier
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.members import MemberDraft, MemberFilter, TagRef
from desktop.services.members import MemberService
from desktop.store.models import AuditLog, Member, MemberTag, Tag


@pytest.fixture
def members(db) -> MemberService:
    return MemberService(db)


@pytest.fixture
def people(members: MemberService) -> list[int]:
    return [members.create(MemberDraft(nickname=name, tier=tier)).id for name, tier in (
        ("阿花", Tier.FAN), ("老王", Tier.MEMBER), ("小李", Tier.PROSPECT), ("赵姐", Tier.PARTNER))]


def test_create_rename_recolour_and_list_with_counts(members: MemberService, people) -> None:
    vip = members.create_tag("  VIP  客户 ", "#1E88E5")
    assert (vip.name, vip.color, vip.member_count) == ("VIP 客户", "#1e88e5", 0)
    mom = members.create_tag("宝妈", "ff9800")
    default = members.create_tag("团长候选")
    assert default.color == "#607d8b"
    members.tag_members(people[:3], mom.id)
    members.tag_members(people[:1], vip.id)
    # by name, code points: V < 团 < 宝
    assert [(t.name, t.member_count) for t in members.tags()] == [("VIP 客户", 1), ("团长候选", 0), ("宝妈", 3)]
    renamed = members.rename_tag(vip.id, "vip客户")
    assert (renamed.name, renamed.member_count) == ("vip客户", 1)
    assert members.rename_tag(vip.id, "VIP客户").name == "VIP客户"  # its own name in other case: fine
    assert members.recolour_tag(mom.id, "#ABCDEF").color == "#abcdef"


@pytest.mark.parametrize(("name", "message"), [
    ("", "不能为空"), ("   ", "不能为空"), ("长" * 41, "最多 40 个字"), ("宝妈", "已经有名为“宝妈”"),
    ("ＶＩＰ", "已经有名为“vip”"),  # full-width letters are the same name
])
def test_bad_names_are_refused_with_a_clear_message(members: MemberService, name, message) -> None:
    members.create_tag("宝妈")
    members.create_tag("vip")
    with pytest.raises(ValidationError, match=message) as error:
        members.create_tag(name)
    assert error.value.field == "name"
    assert len(members.tags()) == 2


@pytest.mark.parametrize("colour", ["red", "#12345", "#1234567", "#GGGGGG", "", "rgb(1,2,3)"])
def test_bad_colours_are_refused(members: MemberService, colour) -> None:
    with pytest.raises(ValidationError, match="#RRGGBB") as error:
        members.create_tag("标签", colour)
    assert error.value.field == "color"
    tag = members.create_tag("标签")
    with pytest.raises(ValidationError, match="颜色"):
        members.recolour_tag(tag.id, colour)
    assert members.tags()[0].color == "#607d8b"


def test_rename_to_another_tags_name_and_missing_tags(members: MemberService, people) -> None:
    a, b = members.create_tag("甲"), members.create_tag("乙")
    with pytest.raises(ValidationError, match="已经有"):
        members.rename_tag(b.id, " 甲 ")
    for call in (lambda: members.rename_tag(999, "丙"), lambda: members.recolour_tag(999, "#000000"),
                 lambda: members.delete_tag(999), lambda: members.tag_members(people, 999),
                 lambda: members.untag_members(people, 999)):
        with pytest.raises(NotFoundError, match="标签 #999"):
            call()
    assert [t.id for t in members.tags()] == [b.id, a.id]  # by name, code points: 乙 < 甲; nothing changed


def test_bulk_tag_and_untag_count_only_real_changes_and_are_audited(db, members: MemberService, people) -> None:
    tag = members.create_tag("团长候选").id
    assert members.tag_members([people[0], people[1], people[1], 12345], tag) == 2  # twice, and a missing id
    assert members.tag_members(people, tag) == 2  # the first two had it already
    assert members.tag_members([], tag) == 0
    assert members.untag_members([people[0], people[0], 12345], tag) == 1
    assert members.untag_members([people[0]], tag) == 0
    with db.transaction() as session:
        assert sorted(session.scalars(select(MemberTag.member_id).where(MemberTag.tag_id == tag))) == people[1:]
        rows = session.execute(select(AuditLog.action, AuditLog.entity, AuditLog.entity_id, AuditLog.detail_json)
                               .where(AuditLog.entity == "tag").order_by(AuditLog.id)).all()
    assert [(action, json.loads(detail).get("member_ids")) for action, _, _, detail in rows] == [
        ("create", None), ("tag_members", [people[0], people[1]]), ("tag_members", [people[2], people[3]]),
        ("untag_members", [people[0]]),
    ]
    assert {entity_id for _, _, entity_id, _ in rows} == {tag}


def test_bulk_tagging_thousands_of_members_in_one_call(db, members: MemberService) -> None:
    with db.transaction() as session:
        session.execute(insert(Member), [{"nickname": f"成员{i}", "search_key": ""} for i in range(1, 1301)])
        ids = list(session.scalars(select(Member.id)))
    tag = members.create_tag("批量").id
    assert members.tag_members(ids, tag) == 1300
    assert members.tags()[0].member_count == 1300
    assert members.page_ids(MemberFilter(tag_ids=frozenset({tag}))) == sorted(ids)
    assert members.untag_members(ids[::2], tag) == 650
    assert members.tags()[0].member_count == 650


def test_member_rows_carry_their_tags_read_once_per_block(db, members: MemberService) -> None:
    with db.transaction() as session:
        session.execute(insert(Member), [{"nickname": f"成员{i}", "search_key": ""} for i in range(1, 1201)])
        ids = list(session.scalars(select(Member.id).order_by(Member.id)))
    red, blue = members.create_tag("红", "#ff0000"), members.create_tag("蓝", "#0000ff")
    members.tag_members(ids, blue.id)
    members.tag_members(ids[::3], red.id)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        rows = members.rows(ids)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 2 * 3  # 1,200 ids = 3 blocks of 500: the rows and their tags, per block
    assert rows[0].tags == (TagRef(red.id, "红", "#ff0000"), TagRef(blue.id, "蓝", "#0000ff"))  # by name: 红 < 蓝
    assert rows[1].tags == (TagRef(blue.id, "蓝", "#0000ff"),)
    assert members.get(ids[3]).tags == rows[3].tags and len(rows[3].tags) == 2


def test_tag_filter_is_any_of_and_combines_with_the_rest(members: MemberService, people) -> None:
    flower, wang, li, zhao = people
    mom, vip, empty = members.create_tag("宝妈").id, members.create_tag("VIP").id, members.create_tag("空").id
    members.tag_members([flower, li], mom)
    members.tag_members([li, zhao], vip)
    page = members.page_ids
    assert page(MemberFilter(tag_ids=frozenset({mom}))) == [flower, li]
    assert page(MemberFilter(tag_ids=frozenset({mom, vip}))) == [flower, li, zhao]  # li once
    assert page(MemberFilter(tag_ids=frozenset({empty}))) == []
    assert page(MemberFilter(tag_ids=frozenset({mom, vip}), tiers=frozenset({Tier.PARTNER}))) == [zhao]
    assert page(MemberFilter(tag_ids=frozenset({mom}), text="阿花")) == [flower]
    assert wang not in page(MemberFilter(tag_ids=frozenset({mom, vip, empty})))


def test_delete_tag_returns_who_lost_it(db, members: MemberService, people) -> None:
    keep, gone = members.create_tag("留下").id, members.create_tag("删掉").id
    members.tag_members(people[:3], gone)
    members.tag_members(people[:1], keep)
    assert members.delete_tag(gone) == 3
    assert [t.id for t in members.tags()] == [keep]
    assert [t.id for t in members.get(people[0]).tags] == [keep]
    assert members.get(people[1]).tags == ()
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(MemberTag)) == 1
        detail = json.loads(session.scalar(select(AuditLog.detail_json).where(
            AuditLog.action == "delete", AuditLog.entity == "tag")))
    assert detail == {"name": "删掉", "color": "#607d8b", "member_ids": people[:3]}
    assert members.delete_tag(keep) == 1


def test_deleting_a_member_takes_its_tags_with_it(db, members: MemberService, people) -> None:
    tag = members.create_tag("宝妈").id
    members.tag_members(people, tag)
    with db.transaction() as session:
        session.execute(Member.__table__.delete().where(Member.id == people[0]))
    assert members.tags()[0].member_count == 3
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Tag)) == 1


def test_merge_moves_tags_and_undo_puts_them_back(db, members: MemberService, people) -> None:
    survivor, twin, _, _ = people
    both, only_twin, deleted_later = (members.create_tag(n).id for n in ("两人都有", "只有小号", "后来删了"))
    members.tag_members([survivor, twin], both)
    members.tag_members([twin], only_twin)
    members.tag_members([twin], deleted_later)
    result = members.merge_members(survivor, [twin])
    assert result.moved["tags"] == 3
    assert {t.id for t in members.get(survivor).tags} == {both, only_twin, deleted_later}
    assert {t.id: t.member_count for t in members.tags()} == {both: 1, only_twin: 1, deleted_later: 1}
    members.delete_tag(deleted_later)
    members.undo_merge(result.undo_token)
    assert {t.id for t in members.get(survivor).tags} == {both}
    assert {t.id for t in members.get(twin).tags} == {both, only_twin}  # the deleted tag stays deleted
