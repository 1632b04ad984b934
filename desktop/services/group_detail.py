"""Read models for the group detail tabs: members, interactions, orders, recent activity."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from desktop.domain.group_detail import (
    ActivitySummary,
    DayActivity,
    GroupInteractionRow,
    GroupMemberRow,
    GroupOrderRow,
)
from desktop.store.engine import Database
from desktop.store.models import Campaign, GroupDayStat, Interaction, Member, Membership, Order

#: the tabs show the newest rows; a group with more says so and the full views come with later pages
ROW_LIMIT = 2000


class GroupDetailService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def members(self, group_id: int, limit: int = ROW_LIMIT) -> tuple[list[GroupMemberRow], int]:
        """Members of the group (current first, then those who left) and the total count."""
        with self._db.transaction() as session:
            total = session.scalar(select(func.count()).where(Membership.group_id == group_id)) or 0
            rows = session.execute(
                select(
                    Member.id, Member.nickname, Member.name, Membership.group_nickname, Member.tier,
                    Membership.role, Membership.is_admin, Membership.joined_on, Membership.left_on,
                )
                .join(Member, Member.id == Membership.member_id)
                .where(Membership.group_id == group_id)
                .order_by(Membership.left_on.is_not(None), Membership.is_admin.desc(), Membership.joined_on, Member.id)
                .limit(limit)
            ).all()
        return [GroupMemberRow(*row) for row in rows], int(total)

    def interactions(self, group_id: int, limit: int = ROW_LIMIT) -> tuple[list[GroupInteractionRow], int]:
        with self._db.transaction() as session:
            total = session.scalar(select(func.count()).where(Interaction.group_id == group_id)) or 0
            rows = session.execute(
                select(
                    Interaction.id, Interaction.occurred_at, func.coalesce(Member.nickname, ""), Interaction.kind,
                    Interaction.summary, Interaction.amount_cents, Interaction.follow_up_on,
                    Interaction.follow_up_done,
                )
                .outerjoin(Member, Member.id == Interaction.member_id)
                .where(Interaction.group_id == group_id)
                .order_by(Interaction.day.desc(), Interaction.occurred_at.desc(), Interaction.id.desc())
                .limit(limit)
            ).all()
        return [GroupInteractionRow(*row) for row in rows], int(total)

    def orders(self, group_id: int, limit: int = ROW_LIMIT) -> tuple[list[GroupOrderRow], int]:
        with self._db.transaction() as session:
            total = session.scalar(select(func.count()).where(Order.group_id == group_id)) or 0
            rows = session.execute(
                select(
                    Order.id, func.coalesce(Order.external_no, ""), Order.placed_at,
                    func.coalesce(Member.nickname, Order.buyer_name), func.coalesce(Campaign.title, ""),
                    Order.amount_cents, Order.refund_cents, Order.payment_status, Order.fulfilment_status,
                )
                .outerjoin(Member, Member.id == Order.member_id)
                .outerjoin(Campaign, Campaign.id == Order.campaign_id)
                .where(Order.group_id == group_id)
                .order_by(Order.day.desc(), Order.placed_at.desc(), Order.id.desc())
                .limit(limit)
            ).all()
        return [GroupOrderRow(*row) for row in rows], int(total)

    def activity(self, group_id: int, days: int = 30, today: date | None = None) -> ActivitySummary:
        end = today or date.today()
        start = end - timedelta(days=days - 1)
        with self._db.transaction() as session:
            stats = {
                row.day: row
                for row in session.execute(
                    select(GroupDayStat.day, GroupDayStat.messages, GroupDayStat.active_members,
                           GroupDayStat.joins, GroupDayStat.leaves)
                    .where(GroupDayStat.group_id == group_id, GroupDayStat.day.between(start, end))
                )
            }
        series = []
        for offset in range(days):
            day = start + timedelta(days=offset)
            row = stats.get(day)
            series.append(DayActivity(day, *(tuple(row)[1:] if row else (0, 0, 0, 0))))
        return ActivitySummary(tuple(series))
