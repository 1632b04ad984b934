"""Group-buy writes reach the other pages, and the 汇总 tab's 按团长 view, in the real window.

Orders entered on the 团购 page (quick entry) or written by a service and announced with the signal
the app emits (``data_changed("orders", ids)``) show on the Members page (a buyer nobody knew is a new
member) and in the selected group's 订单 tab of the Groups page, without anyone calling refresh().
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt

from desktop.domain.enums import PaymentStatus
from desktop.domain.orders import CampaignDraft, OrderDraft, OrderItemDraft, ProductDraft
from desktop.services.orders import OrderService, buyer_key
from desktop.store.engine import open_database
from desktop.ui.widgets.order_labels import money

from .conftest import select_row, type_text
from .test_group_buy_ui import create_campaign, idle, order_rows


def orders_tab_text(window) -> str:  # type: ignore[no-untyped-def]
    tabs = window.groups_page.tabs
    return tabs.tabText(tabs.indexOf(tabs.orders_view))


def show_group(qtbot, window, group_id: int, orders: int) -> None:  # type: ignore[no-untyped-def]
    """Select one group on the Groups page and wait for its detail to say how many orders it has."""
    window.show_page("groups")
    page = window.groups_page
    qtbot.waitUntil(lambda: page.model.row_of(group_id) is not None, timeout=10_000)
    select_row(page, page.model.row_of(group_id))
    qtbot.waitUntil(lambda: page.tabs.group_id == group_id and orders_tab_text(window) == f"订单 ({orders})",
                    timeout=10_000)
    idle(qtbot, window)


def member_listed(window, member_id: int | None) -> bool:  # type: ignore[no-untyped-def]
    return member_id is not None and window.members_page.model.row_of(member_id) is not None


def test_quick_entry_buyer_shows_on_members_and_group_pages(qtbot, open_window, seeded_path: Path) -> None:
    window = open_window(seeded_path)
    # both pages have been looked at (their lists read) before any order exists
    window.show_page("members")
    members = window.members_page
    qtbot.waitUntil(lambda: not members._stale and "共 0 人" in members.count_label.text(), timeout=10_000)
    idle(qtbot, window)
    page = create_campaign(qtbot, window)
    (group_id,) = page.campaign.group_ids
    show_group(qtbot, window, group_id, 0)

    # quick entry on the 团购 page, while both other pages are hidden: a buyer nobody knew
    window.show_page("group_buy")
    orders = page.orders_tab
    type_text(orders.entry_member, "小美")
    type_text(orders.entry_items, "苹果×1")
    qtbot.keyClick(orders.entry_items, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: orders.model.rowCount() == 1 and all(order_rows(page)), timeout=10_000)
    idle(qtbot, window)
    member_id = order_rows(page)[0].member_id
    assert member_id is not None

    # the Members page lists the new member as soon as it is shown again
    window.show_page("members")
    qtbot.waitUntil(lambda: member_listed(window, member_id) and "共 1 人" in members.count_label.text(),
                    timeout=10_000)
    idle(qtbot, window)

    # the group's 订单 tab lists the order as soon as the Groups page is shown again
    window.show_page("groups")
    groups = window.groups_page
    qtbot.waitUntil(lambda: orders_tab_text(window) == "订单 (1)" and groups.tabs.orders_model.rowCount() == 1,
                    timeout=10_000)
    idle(qtbot, window)
    assert groups.tabs.group_id == group_id
    assert groups.tabs.orders_model.row_at(0).buyer == "小美"


def test_announced_orders_refresh_the_visible_members_and_group_pages(qtbot, open_window,
                                                                       seeded_path: Path) -> None:
    window = open_window(seeded_path)
    page = create_campaign(qtbot, window)
    campaign = page.campaign
    (group_id,) = campaign.group_ids
    apple = next(p.id for p in campaign.products if p.name == "苹果")
    service = page.orders_tab._service

    def order_for(name: str) -> int:
        """Write an order as the services do and announce it as every order write does."""
        order = service.create_order(OrderDraft(campaign.id, (OrderItemDraft(apple, 1),), buyer_name=name))
        window.runner.data_changed.emit("orders", [order.row.id])
        return order.new_member_id

    # the Members page on screen: the new buyer appears
    window.show_page("members")
    members = window.members_page
    qtbot.waitUntil(lambda: not members._stale and "共 0 人" in members.count_label.text(), timeout=10_000)
    idle(qtbot, window)
    new_member = order_for("阿强")
    assert new_member is not None
    qtbot.waitUntil(lambda: member_listed(window, new_member) and "共 1 人" in members.count_label.text(),
                    timeout=10_000)
    idle(qtbot, window)

    # the Groups page on screen with the campaign's group selected: its 订单 tab counts the new order
    show_group(qtbot, window, group_id, 1)
    order_for("阿珍")
    qtbot.waitUntil(lambda: orders_tab_text(window) == "订单 (2)", timeout=10_000)
    idle(qtbot, window)
    detail = window.groups_page.tabs.orders_model
    assert sorted(detail.row_at(n).buyer for n in range(detail.rowCount())) == ["阿强", "阿珍"]


LEADER_CAMPAIGNS = (("第1期水果团", "王芳"), ("第2期水果团", "王芳"), ("宝妈团", "李娜"), ("临时团", ""))
BUYERS = (("小美", "13800138000"), ("阿强", ""), ("阿珍", "13900139000"), ("老王", ""))
STATUSES = (PaymentStatus.PAID, PaymentStatus.UNPAID, PaymentStatus.CANCELLED, PaymentStatus.REFUNDED)


def seed_campaigns(path: Path) -> None:
    """Four campaigns of three leaders (one without a name), orders of every payment status, refunds."""
    db = open_database(path)
    try:
        svc = OrderService(db)
        for n, (title, leader) in enumerate(LEADER_CAMPAIGNS):
            campaign = svc.create_campaign(CampaignDraft(title, leader, open_at=datetime(2026, 11, 1 + n)),
                                           [ProductDraft("脐橙", "5斤", 3990, 2500), ProductDraft("苹果", "", 990, 600)])
            products = [p.id for p in campaign.products]
            for k in range(3 + n):
                name, phone = BUYERS[(n + k) % len(BUYERS)]
                status = STATUSES[(n * 3 + k) % len(STATUSES)]
                svc.create_order(OrderDraft(
                    campaign.id, (OrderItemDraft(products[k % 2], 1 + k % 3),), buyer_name=name, buyer_phone=phone,
                    payment_status=status, refund_cents=500 if status is PaymentStatus.REFUNDED else 0))
    finally:
        db.dispose()


def recount_leaders(path: Path) -> dict[str, tuple[int, int, int, int, int]]:
    """leader -> (campaigns, orders, buyers, amount, refunds) counted order by order, cancelled left out."""
    db = open_database(path)
    try:
        svc = OrderService(db)
        campaigns: dict[str, int] = defaultdict(int)
        orders: dict[str, int] = defaultdict(int)
        buyers: dict[str, set[str]] = defaultdict(set)
        amount: dict[str, int] = defaultdict(int)
        refunds: dict[str, int] = defaultdict(int)
        for row in svc.campaigns():
            leader = svc.campaign(row.id).leader or "（未填团长）"
            campaigns[leader] += 1
            for order in (svc.order(i).row for i in svc.order_ids(row.id)):
                if order.payment_status is PaymentStatus.CANCELLED:
                    continue
                orders[leader] += 1
                buyers[leader].add(buyer_key(order.member_id, order.buyer_phone, order.buyer_name))
                amount[leader] += order.amount_cents
                refunds[leader] += order.refund_cents
        return {leader: (count, orders[leader], len(buyers[leader]), amount[leader], refunds[leader])
                for leader, count in campaigns.items()}
    finally:
        db.dispose()


def shown_leaders(summary) -> dict[str, tuple[int, int, int, int, int]]:  # type: ignore[no-untyped-def]
    model = summary.leaders_model
    return {r.leader: (r.campaigns, r.orders, r.buyers, r.amount_cents, r.refund_cents)
            for r in (model.row_at(n) for n in range(model.rowCount()))}


def test_summary_by_leader_equals_a_recount(qtbot, open_window, seeded_path: Path) -> None:
    seed_campaigns(seeded_path)
    expected = recount_leaders(seeded_path)
    assert set(expected) == {"王芳", "李娜", "（未填团长）"} and expected["王芳"][0] == 2
    window = open_window(seeded_path)
    window.show_page("group_buy")
    page = window.group_buy_page
    qtbot.waitUntil(lambda: page.model.rowCount() == len(LEADER_CAMPAIGNS) and page.campaign is not None,
                    timeout=10_000)
    idle(qtbot, window)

    # 汇总 tab, then 按团长 chosen on the tab bar
    page.tabs.setCurrentWidget(page.summary_tab)
    summary = page.summary_tab
    qtbot.waitUntil(lambda: summary.summary is not None, timeout=10_000)
    idle(qtbot, window)
    bar = summary.tabs.tabBar()
    index = next(i for i in range(summary.tabs.count()) if summary.tabs.tabText(i) == "按团长")
    assert summary.tabs.widget(index) is summary.leaders_table
    assert summary.tabs.indexOf(summary.groups_table) == index - 1  # beside 按群
    assert summary.leaders_model.rowCount() == 0  # read only when looked at
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert summary.tabs.currentWidget() is summary.leaders_table
    qtbot.waitUntil(lambda: summary.leaders_model.rowCount() == len(expected), timeout=10_000)
    idle(qtbot, window)
    assert shown_leaders(summary) == expected

    # biggest amount first, figures formatted as the 按群 view's, sortable by a header click
    model, table = summary.leaders_model, summary.leaders_table
    amounts = [model.row_at(n).amount_cents for n in range(model.rowCount())]
    assert amounts == sorted(amounts, reverse=True)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["团长", "团购数", "订单数", "人数", "金额", "退款"]
    first = model.row_at(0)
    assert model.index(0, 4).data() == money(first.amount_cents)
    assert model.index(0, 5).data() == money(first.refund_cents)
    assert table.isSortingEnabled()
    table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    counts = [model.row_at(n).orders for n in range(model.rowCount())]
    assert counts == sorted(counts)

    # an order typed for the campaign shown: back on 汇总, 按团长 counts it
    leader = page.campaign.leader or "（未填团长）"
    orders_tab = page.orders_tab
    page.tabs.setCurrentWidget(orders_tab)
    qtbot.waitUntil(lambda: all(order_rows(page)), timeout=10_000)
    before = orders_tab.model.rowCount()
    type_text(orders_tab.entry_member, "新顾客")
    type_text(orders_tab.entry_items, "苹果×2")
    qtbot.keyClick(orders_tab.entry_items, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: orders_tab.model.rowCount() == before + 1, timeout=10_000)
    idle(qtbot, window)
    page.tabs.setCurrentWidget(summary)
    campaigns, orders, buyers, amount, refunds = expected[leader]
    qtbot.waitUntil(lambda: shown_leaders(summary).get(leader) == (campaigns, orders + 1, buyers + 1,
                                                                  amount + 2 * 990, refunds), timeout=10_000)
    idle(qtbot, window)
    assert shown_leaders(summary) == recount_leaders(seeded_path)
