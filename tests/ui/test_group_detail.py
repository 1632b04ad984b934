"""The detail tabs show what the store holds for the selected group."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from desktop.services.demo import build_demo
from desktop.store.engine import open_database
from desktop.store.models import Interaction, Membership, Order

from .conftest import select_row, wait_loaded


def test_tabs_follow_the_selected_group(qtbot, open_window, db_path: Path) -> None:
    db = open_database(db_path)
    build_demo(db, groups=12, members=300, days=30, seed=3, today=date.today())
    db.dispose()
    window = open_window(db_path)
    wait_loaded(qtbot, window, 12)
    page = window.groups_page
    page.status_filter.setCurrentIndex(page.status_filter.findText("全部状态"))
    busiest = max(range(page.model.rowCount()), key=lambda r: page.model.group_at(r).member_count)
    select_row(page, busiest)
    group = page.model.group_at(busiest)
    tabs = page.tabs
    qtbot.waitUntil(lambda: tabs.group_id == group.id and window.runner.active_count == 0, timeout=10_000)

    db = open_database(db_path)
    with db.transaction() as session:
        members = session.scalar(select(func.count()).where(Membership.group_id == group.id))
        interactions = session.scalar(select(func.count()).where(Interaction.group_id == group.id))
        orders = session.scalar(select(func.count()).where(Order.group_id == group.id))
    db.dispose()
    assert tabs.members_model.rowCount() == members > 0
    assert tabs.interactions_model.rowCount() == interactions
    assert tabs.orders_model.rowCount() == orders
    assert tabs.tabText(1) == f"成员 ({members:,})"
    assert len(tabs.activity._summary.days) == 30  # type: ignore[union-attr]
    assert "消息" in tabs.activity_label.text()

    # sorting a tab by a column works in the model itself
    tabs.members_view.sortByColumn(3, tabs.members_view.horizontalHeader().sortIndicatorOrder())
    joined = [tabs.members_model.row_at(r).joined_on for r in range(tabs.members_model.rowCount())]
    assert joined == sorted(joined, key=lambda d: d.toordinal() if d else 0) or joined == sorted(
        joined, key=lambda d: d.toordinal() if d else 0, reverse=True)

    # another group: the tabs follow, and a multi-selection clears them
    other = 0 if busiest else 1
    select_row(page, other)
    qtbot.waitUntil(lambda: tabs.group_id == page.model.group_at(other).id and window.runner.active_count == 0)
    page.table.selectAll()
    assert tabs.group_id is None and tabs.members_model.rowCount() == 0

