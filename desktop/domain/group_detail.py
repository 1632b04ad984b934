"""What the group detail tabs show: the group's people, its interactions, its orders, its last days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .enums import FulfilmentStatus, InteractionKind, PaymentStatus, Role, Tier


@dataclass(frozen=True, slots=True)
class GroupMemberRow:
    member_id: int
    nickname: str
    name: str
    group_nickname: str
    tier: Tier
    role: Role
    is_admin: bool
    joined_on: date | None
    left_on: date | None


@dataclass(frozen=True, slots=True)
class GroupInteractionRow:
    id: int
    occurred_at: datetime
    member: str
    kind: InteractionKind
    summary: str
    amount_cents: int | None
    follow_up_on: date | None
    follow_up_done: bool


@dataclass(frozen=True, slots=True)
class GroupOrderRow:
    id: int
    external_no: str
    placed_at: datetime
    buyer: str
    campaign: str
    amount_cents: int
    refund_cents: int
    payment_status: PaymentStatus
    fulfilment_status: FulfilmentStatus


@dataclass(frozen=True, slots=True)
class DayActivity:
    day: date
    messages: int
    active_members: int
    joins: int
    leaves: int


@dataclass(frozen=True, slots=True)
class ActivitySummary:
    """The last N days of a group, every day present (zero where nothing happened)."""

    days: tuple[DayActivity, ...]

    @property
    def messages(self) -> int:
        return sum(d.messages for d in self.days)

    @property
    def joins(self) -> int:
        return sum(d.joins for d in self.days)

    @property
    def leaves(self) -> int:
        return sum(d.leaves for d in self.days)

    @property
    def peak_active(self) -> int:
        return max((d.active_members for d in self.days), default=0)


def yuan(cents: int | None) -> str:
    """¥ amount for display: 123456 -> '¥1,234.56'."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}¥{whole:,}.{part:02d}"
