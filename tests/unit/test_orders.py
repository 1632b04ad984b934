"""The order service: campaigns, products, pickup points, quick entry, bulk status, 接龙 review and apply."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy import func, insert, select

from desktop.domain.enums import CampaignStatus, FulfilmentStatus, PaymentStatus, Tier
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.orders import (
    CampaignDraft,
    JielongLineDraft,
    LineErrors,
    LineStatus,
    OrderDraft,
    OrderedLine,
    OrderFilter,
    OrderItemDraft,
    OrderSort,
    PastedLine,
    PickupPointDraft,
    ProductDraft,
    ProductsInUse,
    match_repaste,
)
from desktop.services.imports import ImportService
from desktop.services.members import MemberService
from desktop.services.orders import OrderService
from desktop.store.models import AuditLog, Base, Group, Member, Membership, Order

JIELONG = """#接龙
周五水果团 今晚8点截单
例 王芳 脐橙5斤×2 阳光花园

1. 张三 脐橙5斤x2 阳光花园
2. 李四 苹果×1 草莓*2 翠苑 晚点取
3. 王五 苹果x5
"""


@pytest.fixture
def svc(db) -> OrderService:
    return OrderService(db)


@pytest.fixture
def campaign(svc: OrderService):
    sunny = svc.create_pickup_point(PickupPointDraft("阳光花园自提点", "阳光花园3栋", "王姐", "13900001111"))
    green = svc.create_pickup_point(PickupPointDraft("翠苑"))
    return svc.create_campaign(CampaignDraft("周五水果团", "王姐", pickup_point_ids=(sunny.id, green.id)), [
        ProductDraft("脐橙", "5斤", 2500, 1800, per_person_limit=3), ProductDraft("苹果", "", 1000, 600, stock=5),
        ProductDraft("草莓", "1盒", 3000, 2000)])


def _pid(campaign, name: str) -> int:
    return next(p.id for p in campaign.products if p.name == name)


def test_campaign_crud_and_validation(svc: OrderService, campaign) -> None:
    assert [p.label for p in campaign.products] == ["脐橙 5斤", "苹果", "草莓 1盒"]
    assert {p.name for p in campaign.pickup_points} == {"阳光花园自提点", "翠苑"}
    with pytest.raises(ValidationError, match="活动名称"):
        svc.create_campaign(CampaignDraft("  "))
    with pytest.raises(ValidationError, match="截单时间早于开团时间"):
        svc.create_campaign(CampaignDraft("x", open_at=datetime(2026, 1, 2), cutoff_at=datetime(2026, 1, 1)))
    with pytest.raises(ValidationError, match="已有商品"):
        svc.add_product(campaign.id, ProductDraft("苹果"))
    with pytest.raises(ValidationError, match="每人限购至少为 1"):
        svc.add_product(campaign.id, ProductDraft("梨", per_person_limit=0))
    with pytest.raises(ValidationError, match="已有自提点"):
        svc.create_pickup_point(PickupPointDraft("翠苑"))
    pear = svc.add_product(campaign.id, ProductDraft("梨", "", 800))
    assert pear.position == 3
    updated = svc.update_campaign(campaign.id, replace(CampaignDraft("周五水果团·改"), status=CampaignStatus.OPEN))
    assert updated.title == "周五水果团·改" and updated.status is CampaignStatus.OPEN and updated.pickup_points == ()
    assert svc.campaigns()[0].title == "周五水果团·改"
    svc.delete_product(pear.id)
    with pytest.raises(NotFoundError):
        svc.campaign(999)


def test_product_and_pickup_point_writes_are_in_the_audit_log(db, svc: OrderService, campaign) -> None:
    """Adding and deleting a product and creating a pickup point are logged, as editing and deleting a
    pickup point are; a refused write logs nothing."""
    def logged() -> list[tuple[str, str, int | None, dict]]:
        with db.transaction() as session:
            return [(action, entity, entity_id, json.loads(detail)) for action, entity, entity_id, detail in
                    session.execute(select(AuditLog.action, AuditLog.entity, AuditLog.entity_id,
                                           AuditLog.detail_json).order_by(AuditLog.id))]

    sunny = next(p for p in campaign.pickup_points if p.name == "阳光花园自提点")
    assert logged()[:1] == [("create", "pickup_point", sunny.id, {"name": "阳光花园自提点"})]
    before = len(logged())
    pear = svc.add_product(campaign.id, ProductDraft("梨", "1斤", 800))
    with pytest.raises(ValidationError):
        svc.add_product(campaign.id, ProductDraft("梨", "1斤"))
    svc.delete_product(pear.id)
    point = svc.create_pickup_point(PickupPointDraft("东门"))
    assert logged()[before:] == [
        ("create", "product", pear.id, {"campaign_id": campaign.id, "name": "梨", "spec": "1斤"}),
        ("delete", "product", pear.id, {"campaign_id": campaign.id, "name": "梨", "spec": "1斤"}),
        ("create", "pickup_point", point.id, {"name": "东门"})]


def test_quick_order_amount_limit_stock_and_edit(svc: OrderService, campaign) -> None:
    orange, apple = _pid(campaign, "脐橙"), _pid(campaign, "苹果")
    order = svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(orange, 2), OrderItemDraft(apple, 1)),
                                        buyer_name="王芳", buyer_phone="+86 138 0013 8000"))
    assert order.row.amount_cents == 6000 and order.row.buyer_phone == "13800138000"
    assert order.row.items_text == "脐橙 5斤×2、苹果×1" and order.row.quantity == 3
    with pytest.raises(ValidationError, match=r"“脐橙 5斤”每人限购 3 份，这里是 2 份（之前已买 2 份）"):
        svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(orange, 2),), buyer_name="王芳",
                                    buyer_phone="13800138000"))
    with pytest.raises(ValidationError, match=r"“苹果”库存不足：还剩 4 份，这里要 5 份"):
        svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(apple, 5),), buyer_name="李雷"))
    with pytest.raises(ValidationError, match="第 1 个商品的数量必须大于 0"):
        svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(apple, 0),), buyer_name="李雷"))
    with pytest.raises(ValidationError, match="数量不是整数"):
        svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(apple, "两"),), buyer_name="李雷"))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"退款 ¥100\.00 超过订单金额"):
        svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(apple, 1),), buyer_name="李雷", refund_cents=10000))
    # editing the same order may keep its own quantities (they are not counted twice)
    edited = svc.update_order(order.row.id, OrderDraft(campaign.id, (OrderItemDraft(orange, 3),), buyer_name="王芳",
                                                       buyer_phone="13800138000", note="放门口"))
    assert edited.row.amount_cents == 7500 and edited.row.note == "放门口"
    # a cancelled order gives its stock back
    svc.set_payment_status([order.row.id], PaymentStatus.CANCELLED)
    assert svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(apple, 5),), buyer_name="李雷")).row.quantity == 5


def test_bulk_paid_picked_up_filters_and_sorting(svc: OrderService, campaign) -> None:
    apple = _pid(campaign, "苹果")
    ids = [svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(apple, 1),), buyer_name=name,
                                       building=building, room=room)).row.id
           for name, building, room in (("C丙", "10栋", "101"), ("A甲", "9栋", "302"), ("B乙", "9栋", "101"))]
    assert svc.set_payment_status(ids[:2], PaymentStatus.PAID, datetime(2026, 11, 20, 9, 0)) == 2
    assert svc.set_payment_status(ids[:2], PaymentStatus.PAID) == 0  # nothing changed the second time
    assert svc.set_fulfilment_status(ids[:1], FulfilmentStatus.PICKED_UP) == 1
    paid = svc.order_ids(campaign.id, OrderFilter(payment_statuses=frozenset({PaymentStatus.PAID})))
    assert sorted(paid) == sorted(ids[:2])
    rows = svc.rows(paid)
    assert all(r.paid_at == datetime(2026, 11, 20, 9, 0) for r in rows)
    assert svc.order_ids(campaign.id, OrderFilter(text="乙")) == [ids[2]]
    assert svc.order_ids(campaign.id, sort=OrderSort.BUYER) == [ids[1], ids[2], ids[0]]
    svc.set_payment_status(ids[1:2], PaymentStatus.REFUNDED)
    assert svc.order(ids[1]).row.refund_cents == 1000
    assert svc.delete_orders(ids) == 3 and svc.order_ids(campaign.id) == []


def test_paste_review_apply_repaste_and_undo(db, svc: OrderService, campaign) -> None:
    review = svc.review_jielong(campaign.id, JIELONG)
    assert review.title == "周五水果团 今晚8点截单"
    one, two, three = review.lines
    assert (one.nickname, [(i.label, i.quantity) for i in one.items], one.pickup_point_name) == (
        "张三", [("脐橙 5斤", 2)], "阳光花园自提点")
    assert two.amount_cents == 7000 and two.note == "晚点取"
    assert three.problems == ("“苹果”库存不足：还剩 4 份，这里要 5 份",)
    drafts = [JielongLineDraft.from_review(line) for line in review.lines]
    assert svc.check_jielong(campaign.id, drafts) == {7: three.problems}
    with pytest.raises(ValidationError, match=r"第 7 行（王五）：“苹果”库存不足") as refused:
        svc.apply_jielong(campaign.id, drafts)
    assert isinstance(refused.value, LineErrors) and refused.value.lines == {7: three.problems}
    assert svc.order_ids(campaign.id) == []  # all or nothing
    # the operator fixes line 3 to 4 apples, then creates the orders
    fixed = [JielongLineDraft.from_review(one), JielongLineDraft.from_review(two),
             replace(JielongLineDraft.from_review(three), items=(OrderItemDraft(_pid(campaign, "苹果"), 4),))]
    result = svc.apply_jielong(campaign.id, fixed)
    assert len(result.order_ids) == 3 and len(result.new_member_ids) == 3
    # re-pasting a longer 接龙 adds only the new line; a changed old line is flagged
    longer = JIELONG.replace("3. 王五 苹果x5", "3. 王五 苹果x4") + "4. 赵六 草莓x1 翠苑\n"
    again = svc.review_jielong(campaign.id, longer)
    assert [line.status for line in again.lines] == [LineStatus.DONE, LineStatus.DONE, LineStatus.CHANGED,
                                                     LineStatus.NEW]
    assert "接龙号 3 已下过单" in again.lines[2].problems[0]
    assert again.lines[0].member_id is not None and again.lines[0].member_name == "张三"
    added = svc.apply_jielong(campaign.id, [JielongLineDraft.from_review(line) for line in again.lines
                                            if line.status is LineStatus.DONE or line.status is LineStatus.NEW])
    assert len(added.order_ids) == 1 and added.skipped == 2
    assert len(svc.order_ids(campaign.id)) == 4
    ImportService(db).undo(added.batch_id)
    assert len(svc.order_ids(campaign.id)) == 3
    ImportService(db).undo(result.batch_id)
    assert svc.order_ids(campaign.id) == []
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Member)) == 0


def test_repaste_after_a_withdrawal_recognises_renumbered_lines(db, svc: OrderService, campaign) -> None:
    """李四 withdraws: WeChat renumbers 王五 from 3 to 2 and the newcomer 赵六 takes number 3. The re-paste
    finds 王五's order under his new number, says 李四's order is no longer in the 接龙, and creates
    only 赵六's order; an edited line is still flagged, and the lines of the paste left out of the
    creation (``others``) are what lets the service tell the two apart."""
    first = svc.review_jielong(campaign.id, "1. 张三 脐橙x1\n2. 李四 苹果x1\n3. 王五 草莓x1\n")
    placed = svc.apply_jielong(campaign.id, [JielongLineDraft.from_review(line) for line in first.lines])
    by_name = dict(zip(["张三", "李四", "王五"], placed.order_ids, strict=True))
    again = svc.review_jielong(campaign.id, "1. 张三 脐橙x1\n2. 王五 草莓x1\n3. 赵六 苹果x2\n")
    assert [(line.status, line.order_id) for line in again.lines] == [
        (LineStatus.DONE, by_name["张三"]), (LineStatus.DONE, by_name["王五"]), (LineStatus.NEW, None)]
    assert again.lines[2].problems == ()
    assert any("当时是接龙号 3" in warning for warning in again.lines[1].warnings)
    assert again.withdrawn == ((by_name["李四"], "2. 李四 苹果x1"),)
    new = [JielongLineDraft.from_review(line) for line in again.new_lines]
    others = [JielongLineDraft.from_review(line) for line in again.lines if line.status is LineStatus.DONE]
    assert svc.check_jielong(campaign.id, new, others) == {}
    # without the rest of the paste: 赵六 is not the buyer of the order numbered 3, so still new; a
    # line of 王五's under number 3 with other text would be his line edited
    assert svc.check_jielong(campaign.id, new) == {}
    edited = JielongLineDraft(3, 3, "3. 王五 草莓x2", "edited", "王五", (OrderItemDraft(_pid(campaign, "草莓"), 2),))
    assert "接龙号 3 已下过单" in svc.check_jielong(campaign.id, [edited])[3][0]
    added = svc.apply_jielong(campaign.id, new, others=others)
    assert len(added.order_ids) == 1 and svc.rows(list(added.order_ids))[0].buyer_name == "赵六"
    # the same paste once more: nothing new
    third = svc.review_jielong(campaign.id, "1. 张三 脐橙x1\n2. 王五 草莓x1\n3. 赵六 苹果x2\n")
    assert [line.status for line in third.lines] == [LineStatus.DONE] * 3
    # an edited line keeps its number and is still flagged, not ordered twice
    edited = svc.review_jielong(campaign.id, "1. 张三 脐橙x2\n2. 王五 草莓x1\n3. 赵六 苹果x2\n")
    assert edited.lines[0].status is LineStatus.CHANGED and edited.lines[0].order_id == by_name["张三"]


def test_match_repaste_rules() -> None:
    """Lines are "<buyer><what>": the first character is the buyer."""
    def ordered(order_id: int, seq: int | None, text: str) -> OrderedLine:
        return OrderedLine(order_id, seq, f"{seq}|{text}", text, f"{seq}. {text}", text[0])

    def pasted(seq: int | None, text: str) -> PastedLine:
        return PastedLine(seq, f"{seq}|{text}", text, text[0])

    def outcome(lines: list[PastedLine], before: list[OrderedLine]) -> tuple[object, ...]:
        match = match_repaste(lines, before)
        return ({at: o.order_id for at, o in match.done.items()}, {at: o.order_id for at, o in match.changed.items()},
                [o.order_id for o in match.withdrawn])

    before = [ordered(1, 1, "甲+1"), ordered(2, 2, "乙+1"), ordered(3, 3, "丙+1"), ordered(4, 4, "甲+1")]
    # 乙 withdrew: 丙 and the second 甲 moved up, 丁 is new
    assert outcome([pasted(1, "甲+1"), pasted(2, "丙+1"), pasted(3, "甲+1"), pasted(4, "丁+1")], before) == (
        {0: 1, 1: 3, 2: 4}, {}, [2])
    # only the last lines pasted: a repeated "甲+1" under a new number is a new order, not order 1's
    assert outcome([pasted(5, "甲+1"), pasted(6, "戊+1")], before) == ({}, {}, [])
    # a line edited in place by its buyer is changed, not withdrawn
    assert outcome([pasted(1, "甲+2"), pasted(2, "乙+1")], before[:2]) == ({1: 2}, {0: 1}, [])
    # the last buyer withdrew and someone else joined under the number: new, and the order withdrawn
    assert outcome([pasted(1, "甲+1"), pasted(2, "戊+1")], before[:2]) == ({0: 1}, {}, [2])
    # unnumbered lines match only as they are
    assert outcome([pasted(None, "甲+1")], [ordered(9, None, "甲+1")]) == ({0: 9}, {}, [])
    # two withdrew, 王 added a second identical line: in whatever order the lines come, the first 王
    # line is order 4 and the second is new
    before = [ordered(1, 1, "甲苹果"), ordered(2, 2, "乙草莓"), ordered(3, 3, "丙苹果x2"), ordered(4, 4, "王脐橙")]
    lines = [pasted(1, "丙苹果x2"), pasted(2, "王脐橙"), pasted(3, "王脐橙")]
    assert outcome(lines, before) == ({0: 3, 1: 4}, {}, [1, 2])
    assert outcome(lines[::-1], before) == ({2: 3, 1: 4}, {}, [1, 2])
    # 甲 withdrew and 丙 edited their line, now number 2; 丁 joined: 丙's line is changed, 丁 new
    before = [ordered(1, 1, "甲苹果"), ordered(2, 2, "乙草莓"), ordered(3, 3, "丙苹果x2")]
    assert outcome([pasted(1, "乙草莓"), pasted(2, "丙苹果x3"), pasted(3, "丁脐橙")], before) == (
        {0: 2}, {1: 3}, [1])


def test_paste_matches_existing_members_and_their_group(db, svc: OrderService, campaign) -> None:
    with db.transaction() as session:
        gid = session.execute(insert(Group).values(name="水果团1群", search_key="")).inserted_primary_key[0]
        mid = session.execute(insert(Member).values(nickname="张三", phone="13800138000", search_key="")
                              ).inserted_primary_key[0]
        session.execute(insert(Membership).values(member_id=mid, group_id=gid))
    svc.update_campaign(campaign.id, CampaignDraft("周五水果团", group_ids=(gid,),
                                                   pickup_point_ids=tuple(p.id for p in campaign.pickup_points)))
    review = svc.review_jielong(campaign.id, "1. 张三 脐橙x1\n2. 路人 13800138000 苹果x1\n")
    assert review.lines[0].member_id == mid and review.lines[1].member_id == mid  # by nickname, then by phone
    result = svc.apply_jielong(campaign.id, [JielongLineDraft.from_review(line) for line in review.lines])
    rows = svc.rows(list(result.order_ids))
    assert {r.group_id for r in rows} == {gid} and result.new_member_ids == ()
    assert svc.rows(svc.order_ids(None, OrderFilter(member_id=mid)))[0].member_id == mid


def test_paid_orders_surface_in_tier_suggestions(db, svc: OrderService, campaign) -> None:
    order = svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(_pid(campaign, "草莓"), 1),),
                                        buyer_name="新客", payment_status=PaymentStatus.PAID))
    mid = order.row.member_id  # the quick order registered 新客 as a member
    assert mid is not None and order.new_member_id == mid
    suggestions = MemberService(db).tier_suggestions()
    assert [(s.member_id, s.suggested) for s in suggestions] == [(mid, Tier.MEMBER)]
    # an order created for a known member links it directly
    other = svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(_pid(campaign, "草莓"), 1),), member_id=mid))
    assert other.row.buyer_name == "新客" and other.row.member_id == mid


def test_delete_campaign_takes_its_orders(svc: OrderService, campaign) -> None:
    svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(_pid(campaign, "草莓"), 1),), buyer_name="甲"))
    assert svc.delete_campaign(campaign.id) == 1
    assert svc.campaigns() == [] and svc.order_ids(None) == []
    with pytest.raises(ValidationError, match="不属于这个团购活动"):
        other = svc.create_campaign(CampaignDraft("乙团"), [ProductDraft("梨")])
        svc.create_order(OrderDraft(other.id, (OrderItemDraft(999, 1),), buyer_name="甲"))


def _line(no: int, name: str, *items: tuple[int, int], **more) -> JielongLineDraft:  # type: ignore[no-untyped-def]
    return JielongLineDraft(no, no, f"{no}. {name}", f"k{no}", name,
                            tuple(OrderItemDraft(pid, quantity) for pid, quantity in items), **more)


def test_check_jielong_finds_what_apply_refuses(db, svc: OrderService, campaign) -> None:
    orange, apple, berry = _pid(campaign, "脐橙"), _pid(campaign, "苹果"), _pid(campaign, "草莓")
    svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(orange, 2),), buyer_name="张三"))
    lines = [
        _line(1, "张三", (orange, 1)),          # 2 bought + 1 here + 1 on line 3: over the limit of 3
        _line(2, "李四", (apple, 3)),
        _line(3, "张三", (orange, 1)),
        _line(4, "王五", (apple, 3)),           # 3 of the 5 apples taken by line 2
        _line(5, "赵六", (berry, 0)),
        _line(6, "钱七", (999, 1)),
        _line(7, "孙八", (berry, 1), pickup_point_id=9999, member_id=9999),
        _line(8, "", (berry, 1)),
    ]
    found = svc.check_jielong(campaign.id, lines)
    assert found == {
        1: ("“脐橙 5斤”每人限购 3 份，这里是 1 份（之前已买 2 份，同一人其他行 1 份）",),
        3: ("“脐橙 5斤”每人限购 3 份，这里是 1 份（之前已买 2 份，同一人其他行 1 份）",),
        4: ("“苹果”库存不足：还剩 2 份，这里要 3 份",),
        5: ("“草莓”的数量为 0",),
        6: ("商品 #999 不属于这个团购活动",),
        7: ("所选成员不存在（可能已被合并或删除）", "自提点不存在"),
        8: ("没有下单人",),
    }
    with pytest.raises(LineErrors) as refused:
        svc.apply_jielong(campaign.id, lines)
    assert refused.value.lines == found
    message = str(refused.value)
    assert "第 1 行（张三）：“脐橙 5斤”每人限购 3 份" in message and "另有 2 行有问题" in message
    assert len(svc.order_ids(campaign.id)) == 1  # nothing written

    # fixed as the operator would: the check comes back clean and apply creates every line
    fixed = [lines[0], lines[1], _line(3, "张三", (berry, 1)), _line(4, "王五", (apple, 2)),
             _line(5, "赵六", (berry, 1)), _line(6, "钱七", (berry, 2)), _line(7, "孙八", (berry, 1)),
             _line(8, "周九", (berry, 1))]
    assert svc.check_jielong(campaign.id, fixed) == {}
    result = svc.apply_jielong(campaign.id, fixed)
    assert len(result.order_ids) == 8
    # now ordered: the same lines are skipped; 张三 (one member: 2 oranges by quick entry and 1 from the
    # paste) cannot have 3 more; a quantity that is not a whole number is refused
    assert svc.check_jielong(campaign.id, fixed) == {}
    more = [_line(9, "张三", (orange, 3)), _line(10, "李四", (berry, "2")), _line(11, "李四", (berry, -1))]
    found = svc.check_jielong(campaign.id, more)
    assert found == {9: ("“脐橙 5斤”每人限购 3 份，这里是 3 份（之前已买 3 份）",),
                     10: ("“草莓”的数量不是整数：2",), 11: ("“草莓”的数量不能为负数：-1",)}
    with pytest.raises(LineErrors) as refused:
        svc.apply_jielong(campaign.id, more)
    assert refused.value.lines == found


def test_review_names_every_line_of_a_buyer_over_the_limit(svc: OrderService, campaign) -> None:
    review = svc.review_jielong(campaign.id, "1. 张三 脐橙5斤x2\n2. 李四 脐橙5斤x3\n3. 张三 脐橙5斤x2 草莓x1\n")
    one, two, three = review.lines
    assert one.problems == ("“脐橙 5斤”每人限购 3 份，这里是 2 份（同一人其他行 2 份）",)
    assert not two.problems and three.problems == one.problems
    drafts = [JielongLineDraft.from_review(line) for line in review.lines]
    assert svc.check_jielong(campaign.id, drafts) == {1: one.problems, 3: three.problems}
    # the parser's own problems stay apart, so the table can keep them until the line is edited
    unknown = svc.review_jielong(campaign.id, "1. 王五 榴莲x1\n")
    assert unknown.lines[0].parse_problems and set(unknown.lines[0].parse_problems) < set(unknown.lines[0].problems)


def _members(db, nickname: str) -> list[tuple[int, str | None, str]]:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        return [tuple(row) for row in session.execute(  # type: ignore[misc]
            select(Member.id, Member.phone, Member.source).where(Member.nickname == nickname).order_by(Member.id))]


def test_quick_order_for_a_new_name_is_the_member_a_later_paste_matches(db, svc: OrderService, campaign) -> None:
    orange, berry = _pid(campaign, "脐橙"), _pid(campaign, "草莓")
    order = svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(orange, 2),), buyer_name="小美"))
    [(mid, phone, source)] = _members(db, "小美")
    assert order.row.member_id == mid and order.new_member_id == mid and (phone, source) == (None, "团购")
    # the same name typed again: the member is used, nobody new
    again = svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(berry, 1),), buyer_name="小美"))
    assert again.row.member_id == mid and again.new_member_id is None and len(_members(db, "小美")) == 1
    # a 接龙 line for 小美 is the same buyer: the per-person limit counts the quick order
    review = svc.review_jielong(campaign.id, "1. 小美 脐橙5斤x2\n")
    [line] = review.lines
    assert line.member_id == mid and line.member_name == "小美" and not line.warnings
    assert line.problems == ("“脐橙 5斤”每人限购 3 份，这里是 2 份（之前已买 2 份）",)
    with pytest.raises(LineErrors):
        svc.apply_jielong(campaign.id, [JielongLineDraft.from_review(line)])
    result = svc.apply_jielong(campaign.id, [replace(JielongLineDraft.from_review(line),
                                                     items=(OrderItemDraft(orange, 1),))])
    assert result.new_member_ids == () and len(_members(db, "小美")) == 1
    # and the other way round: a quick order after the paste is refused over the limit
    with pytest.raises(ValidationError, match=r"每人限购 3 份，这里是 1 份（之前已买 3 份）"):
        svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(orange, 1),), buyer_name="小美"))
    # every order is on the member's timeline and counts as one buyer
    assert len(svc.order_ids(campaign.id, OrderFilter(member_id=mid))) == 3
    assert len(MemberService(db).detail(mid).timeline) == 3
    assert svc.campaigns()[0].buyers == 1


def test_undoing_a_paste_keeps_the_member_a_later_order_uses(db, svc: OrderService, campaign) -> None:
    """The paste registered 张三 and 李四; a quick order typed afterwards is 张三's. Undoing the paste takes
    its orders and 李四, never 张三: the later order keeps its member."""
    orange, apple = _pid(campaign, "脐橙"), _pid(campaign, "苹果")
    pasted = svc.apply_jielong(campaign.id, [_line(1, "张三", (orange, 1)), _line(2, "李四", (apple, 1))])
    [(zhang, _, _)] = _members(db, "张三")
    assert len(pasted.new_member_ids) == 2 and zhang in pasted.new_member_ids
    later = svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(apple, 2),), buyer_name="张三"))
    assert later.row.member_id == zhang and later.new_member_id is None
    ImportService(db).undo(pasted.batch_id)
    assert svc.order_ids(campaign.id) == [later.row.id]
    assert svc.order(later.row.id).row.member_id == zhang
    assert [m[0] for m in _members(db, "张三")] == [zhang] and _members(db, "李四") == []


def test_quick_order_refused_registers_nobody(db, svc: OrderService, campaign) -> None:
    with pytest.raises(ValidationError, match="库存不足"):
        svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(_pid(campaign, "苹果"), 6),), buyer_name="小美"))
    assert _members(db, "小美") == []


def test_quick_order_matches_a_member_by_phone_then_nickname(db, svc: OrderService, campaign) -> None:
    berry = _pid(campaign, "草莓")
    with db.transaction() as session:
        mid = session.execute(insert(Member).values(nickname="张三", phone="13800138000", search_key="")
                              ).inserted_primary_key[0]
    by_phone = svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(berry, 1),), buyer_name="张先生",
                                           buyer_phone="138 0013 8000"))
    assert by_phone.row.member_id == mid and by_phone.new_member_id is None and by_phone.row.buyer_name == "张先生"
    by_name = svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(berry, 1),), buyer_name="张三"))
    assert by_name.row.member_id == mid and by_name.new_member_id is None
    # a new phone with a new name: a member with that phone
    other = svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(berry, 1),), buyer_name="李四",
                                        buyer_phone="13900001111"))
    assert _members(db, "李四") == [(other.row.member_id, "13900001111", "团购")]
    # an edit of an order left without a member links it the same way
    with db.transaction() as session:
        session.execute(Order.__table__.update().where(Order.id == by_name.row.id).values(member_id=None))
    edited = svc.update_order(by_name.row.id, OrderDraft(campaign.id, (OrderItemDraft(berry, 2),),
                                                         buyer_name="张三"))
    assert edited.row.member_id == mid and edited.new_member_id is None


def test_a_nickname_two_members_share_is_never_guessed(db, svc: OrderService, campaign) -> None:
    orange = _pid(campaign, "脐橙")
    with db.transaction() as session:
        twins = [session.execute(insert(Member).values(nickname="王芳", search_key="")).inserted_primary_key[0]
                 for _ in range(2)]
    # quick entry as 接龙: no member picked, nobody new; the order keeps the name
    order = svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(orange, 2),), buyer_name="王芳"))
    assert order.row.member_id is None and order.new_member_id is None and order.row.buyer_name == "王芳"
    assert [m for m, _, _ in _members(db, "王芳")] == twins
    review = svc.review_jielong(campaign.id, "1. 王芳 脐橙5斤x2\n")
    [line] = review.lines
    assert line.member_id is None and any("有多个成员叫“王芳”" in w for w in line.warnings)
    # both unlinked under the same name: one buyer for the limit
    assert line.problems == ("“脐橙 5斤”每人限购 3 份，这里是 2 份（之前已买 2 份）",)
    result = svc.apply_jielong(campaign.id, [replace(JielongLineDraft.from_review(line),
                                                     items=(OrderItemDraft(orange, 1),))])
    assert result.new_member_ids == () and svc.order(result.order_ids[0]).row.member_id is None
    assert [m for m, _, _ in _members(db, "王芳")] == twins
    # the operator picks one of them: that member, and the limit is theirs alone
    picked = svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(orange, 3),), member_id=twins[1],
                                         buyer_name="王芳"))
    assert picked.row.member_id == twins[1]
    # a phone tells them apart: a new member with that phone, as a 接龙 line with a phone gets
    phoned = svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(orange, 1),), buyer_name="王芳",
                                         buyer_phone="13700001234"))
    assert phoned.new_member_id is not None and phoned.row.member_id == phoned.new_member_id
    assert len(_members(db, "王芳")) == 3


# ------------------------------------------------------------------------------- the campaign editor's save


def _everything(db) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    """Every row of every table, to tell that a refused write left the file as it was."""
    with db.transaction() as session:
        return {table.name: sorted((tuple(row) for row in session.execute(select(table))), key=repr)
                for table in Base.metadata.sorted_tables}


def test_save_campaign_is_all_or_nothing(db, svc: OrderService, campaign) -> None:
    orange, apple, berry = _pid(campaign, "脐橙"), _pid(campaign, "苹果"), _pid(campaign, "草莓")
    svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(apple, 1),), buyer_name="李雷"))
    points = tuple(p.id for p in campaign.pickup_points)
    before = _everything(db)
    draft = CampaignDraft("周五水果团·第二期", "王姐", status=CampaignStatus.OPEN, pickup_point_ids=points)
    kept = [(orange, ProductDraft("脐橙", "5斤", 2600, 1800, per_person_limit=3)),
            (berry, ProductDraft("草莓", "1盒", 3000, 2000)), (None, ProductDraft("梨", "", 800, 500))]
    # a new pickup point, the campaign's changes and the products come before the refused deletion
    with pytest.raises(ProductsInUse, match="“苹果”已有 1 笔订单，不能删除") as refused:
        svc.save_campaign(campaign.id, draft, kept, [apple], [PickupPointDraft("二号自提点", "南门")])
    assert refused.value.product_ids == (apple,) and refused.value.field == "products"
    assert _everything(db) == before
    # the same save again with the product kept: nothing is "已有自提点", everything lands
    saved = svc.save_campaign(campaign.id, draft, [kept[0], (apple, ProductDraft("苹果", "", 1000, 600, stock=5)),
                                                   *kept[1:]], [], [PickupPointDraft("二号自提点", "南门")])
    assert saved.title == "周五水果团·第二期" and saved.status is CampaignStatus.OPEN
    assert [(p.label, p.price_cents, p.position) for p in saved.products] == [
        ("脐橙 5斤", 2600, 0), ("苹果", 1000, 1), ("草莓 1盒", 3000, 2), ("梨", 800, 3)]
    assert {p.name for p in saved.pickup_points} == {"阳光花园自提点", "翠苑", "二号自提点"}
    assert saved.products[1].sold == 1 and saved.products[1].id == apple


def test_save_campaign_creates_swaps_and_removes_in_one_go(db, svc: OrderService, campaign) -> None:
    orange, apple, berry = _pid(campaign, "脐橙"), _pid(campaign, "苹果"), _pid(campaign, "草莓")
    # two products swapping names, one removed (no orders), one new under the removed one's name
    saved = svc.save_campaign(campaign.id, CampaignDraft("周五水果团"), [
        (orange, ProductDraft("苹果")), (apple, ProductDraft("脐橙", "5斤")), (None, ProductDraft("草莓", "1盒"))],
        [berry])
    assert [(p.id, p.label) for p in saved.products][:2] == [(orange, "苹果"), (apple, "脐橙 5斤")]
    assert saved.products[2].label == "草莓 1盒" and saved.products[2].price_cents == 0  # the new one
    # a new campaign with a new pickup point; a name twice in the list is refused before anything is written
    before = _everything(db)
    with pytest.raises(ValidationError, match="重复"):
        svc.save_campaign(None, CampaignDraft("周日团"), [(None, ProductDraft("梨")), (None, ProductDraft("梨"))],
                          new_points=[PickupPointDraft("三号自提点")])
    with pytest.raises(ValidationError, match="已有自提点“翠苑”"):
        svc.save_campaign(None, CampaignDraft("周日团"), [(None, ProductDraft("梨"))],
                          new_points=[PickupPointDraft("三号自提点"), PickupPointDraft("翠苑")])
    assert _everything(db) == before
    made = svc.save_campaign(None, CampaignDraft("周日团"), [(None, ProductDraft("梨"))],
                             new_points=[PickupPointDraft("三号自提点")])
    assert [p.name for p in made.pickup_points] == ["三号自提点"] and [p.label for p in made.products] == ["梨"]


# ------------------------------------------------------------------------------- editing an order's buyer and group


def test_editing_the_buyer_links_the_order_again(db, svc: OrderService, campaign) -> None:
    orange, berry = _pid(campaign, "脐橙"), _pid(campaign, "草莓")
    with db.transaction() as session:
        zhang = session.execute(insert(Member).values(nickname="张三", phone="13800138000", search_key="")
                                ).inserted_primary_key[0]
        li = session.execute(insert(Member).values(nickname="李四", search_key="")).inserted_primary_key[0]
    order = svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(orange, 1),), buyer_name="张三"))
    assert order.row.member_id == zhang

    def edit(**buyer):  # type: ignore[no-untyped-def]
        return svc.update_order(order.row.id, OrderDraft(campaign.id, (OrderItemDraft(orange, 1),), **buyer))

    # another name, no member chosen (what the editor sends): the member of that nickname
    moved = edit(buyer_name="李四")
    assert moved.row.member_id == li and moved.new_member_id is None
    assert svc.order_ids(campaign.id, OrderFilter(member_id=zhang)) == []
    assert svc.order_ids(campaign.id, OrderFilter(member_id=li)) == [order.row.id]
    assert len(MemberService(db).detail(zhang).timeline) == 0 and len(MemberService(db).detail(li).timeline) == 1
    # a phone wins over the name
    assert edit(buyer_name="张先生", buyer_phone="138 0013 8000").row.member_id == zhang
    # a name nobody has: a new member, as a new order gets
    fresh = edit(buyer_name="王五")
    assert fresh.new_member_id is not None and fresh.row.member_id == fresh.new_member_id
    assert _members(db, "王五") == [(fresh.new_member_id, None, "团购")]
    # a member the operator picks: that member, whatever the name says
    assert edit(member_id=li, buyer_name="张三").row.member_id == li
    # the per-person limit is the new buyer's: 张三 already has 3 oranges in another order
    svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(orange, 3),), buyer_name="张三",
                                buyer_phone="13800138000"))
    with pytest.raises(ValidationError, match="每人限购 3 份，这里是 1 份（之前已买 3 份）"):
        edit(buyer_name="张三")
    assert svc.order(order.row.id).row.member_id == li
    assert edit(buyer_name="李四", buyer_phone="").row.member_id == li
    assert svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(berry, 1),), buyer_name="李四")).row.member_id == li


def test_an_orders_group_is_set_and_cleared_by_an_edit(db, svc: OrderService, campaign) -> None:
    orange = _pid(campaign, "脐橙")
    with db.transaction() as session:
        groups = [session.execute(insert(Group).values(name=name, search_key="")).inserted_primary_key[0]
                  for name in ("阳光花园2群", "阳光花园1群", "别的群")]
    detail = svc.campaign(campaign.id)
    svc.update_campaign(campaign.id, CampaignDraft(detail.title, detail.leader, group_ids=tuple(groups[:2]),
                                                   pickup_point_ids=tuple(p.id for p in detail.pickup_points)))
    assert [(g.id, g.name) for g in svc.campaign_groups(campaign.id)] == [(groups[1], "阳光花园1群"),
                                                                         (groups[0], "阳光花园2群")]
    order = svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(orange, 1),), buyer_name="小美"))
    assert order.row.group_id is None  # two campaign groups and the buyer in neither: not guessed
    draft = OrderDraft(campaign.id, (OrderItemDraft(orange, 1),), member_id=order.row.member_id, buyer_name="小美")
    placed = svc.update_order(order.row.id, replace(draft, group_id=groups[1]))
    assert (placed.row.group_id, placed.row.group_name) == (groups[1], "阳光花园1群")
    assert svc.order_ids(campaign.id, OrderFilter(group_ids=frozenset({groups[1]}))) == [order.row.id]
    assert svc.update_order(order.row.id, replace(draft, group_id=groups[0])).row.group_id == groups[0]
    assert svc.update_order(order.row.id, draft).row.group_id is None  # 无
    with pytest.raises(ValidationError, match="所选群不存在"):
        svc.update_order(order.row.id, replace(draft, group_id=9999))
    with pytest.raises(NotFoundError):
        svc.campaign_groups(9999)


# ------------------------------------------------------------------------------- pickup points


def test_pickup_points_are_edited_and_deleted_only_when_unused(db, svc: OrderService, campaign) -> None:
    sunny, green = (next(p for p in campaign.pickup_points if p.name == name) for name in ("阳光花园自提点", "翠苑"))
    order = svc.create_order(OrderDraft(campaign.id, (OrderItemDraft(_pid(campaign, "苹果"), 1),), buyer_name="李雷",
                                        pickup_point_id=sunny.id))
    # a name another point has is refused; nothing changes
    with pytest.raises(ValidationError, match="已有自提点“翠苑”") as taken:
        svc.update_pickup_point(sunny.id, PickupPointDraft("翠苑", "别处"))
    assert taken.value.field == "name"
    assert next(p for p in svc.pickup_points() if p.id == sunny.id).address == "阳光花园3栋"
    # a new address and name: the campaign and the order show them
    moved = svc.update_pickup_point(sunny.id, PickupPointDraft("阳光花园南门", "阳光花园南门岗亭", "王姐", "13900001111"))
    assert (moved.name, moved.address, moved.contact, moved.phone) == (
        "阳光花园南门", "阳光花园南门岗亭", "王姐", "13900001111")
    assert {p.name for p in svc.campaign(campaign.id).pickup_points} == {"阳光花园南门", "翠苑"}
    assert svc.order(order.row.id).row.pickup_point_name == "阳光花园南门"
    # a point an order uses is never deleted (the order would lose where it is picked up)
    before = _everything(db)
    with pytest.raises(ValidationError, match="自提点“阳光花园南门”已有 1 笔订单使用，不能删除"):
        svc.delete_pickup_point(sunny.id)
    assert _everything(db) == before
    # an unused one goes, from every campaign that offered it
    svc.delete_pickup_point(green.id)
    assert [p.name for p in svc.pickup_points()] == ["阳光花园南门"]
    assert [p.name for p in svc.campaign(campaign.id).pickup_points] == ["阳光花园南门"]
    with pytest.raises(NotFoundError):
        svc.delete_pickup_point(green.id)
    with pytest.raises(NotFoundError):
        svc.update_pickup_point(green.id, PickupPointDraft("翠苑"))
