"""Merging groups (合并大群): the preview and result DTOs and the pure folding rules.

A merge moves every row that belongs to the source groups over to the target group. Where the
target (or another source) already holds the same thing, the rows are *folded* into one without
losing anything (two memberships of one person, two day-stat rows of one day, a duplicate link),
or, where the two cannot both be kept and the target wins, the source's row is *dropped* (a label of
a single-choice dimension, a delivery of the same broadcast occurrence).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from .enums import DeliveryStatus, Platform, Role

#: most senior first: a person in two merged groups keeps the more senior of their two roles
ROLE_SENIORITY: tuple[Role, ...] = (
    Role.ORGANIZER, Role.THINKER, Role.CHALLENGER, Role.CHATTER, Role.ASKER, Role.LURKER,
)
_ROLE_RANK = {role: rank for rank, role in enumerate(ROLE_SENIORITY)}

#: when two source groups hold a delivery of the same broadcast occurrence (and the target holds
#: none), the one that records the most is kept: a real send beats an attempt beats a plan
DELIVERY_KEEP_ORDER: tuple[DeliveryStatus, ...] = (
    DeliveryStatus.SENT, DeliveryStatus.DONE_BY_HAND, DeliveryStatus.SENDING, DeliveryStatus.FAILED,
    DeliveryStatus.PENDING, DeliveryStatus.SKIPPED,
)
_DELIVERY_RANK = {status: rank for rank, status in enumerate(DELIVERY_KEEP_ORDER)}

NOTE_MAX = 200

#: platform names for the service's messages (the UI has its own translated ones)
PLATFORM_NAMES: dict[Platform, str] = {
    Platform.WECHAT: "微信", Platform.WECOM: "企业微信", Platform.QQ: "QQ", Platform.DOUYIN: "抖音",
    Platform.XIAOHONGSHU: "小红书", Platform.WEIBO: "微博", Platform.DINGTALK: "钉钉", Platform.FEISHU: "飞书",
    Platform.OTHER: "其他平台",
}

#: table name -> what the UI calls it, in the order the preview lists them
TABLE_TITLES: dict[str, str] = {
    "memberships": "群成员",
    "interactions": "互动记录",
    "orders": "订单",
    "group_day_stats": "每日统计",
    "group_labels": "分类标签",
    "campaign_groups": "团购活动关联",
    "broadcast_targets": "群发目标",
    "deliveries": "群发记录",
    "channels": "群机器人",
}


def senior_role(roles: Iterable[Role]) -> Role:
    """The most senior of the roles (organizer > thinker > challenger > chatter > asker > lurker)."""
    return min(roles, key=lambda role: _ROLE_RANK[Role(role)])


def delivery_rank(status: DeliveryStatus) -> int:
    return _DELIVERY_RANK[DeliveryStatus(status)]


@dataclass(frozen=True, slots=True)
class MembershipFacts:
    """The parts of one membership that a fold combines."""

    role: Role
    is_admin: bool
    joined_on: date | None
    left_on: date | None
    group_nickname: str = ""


def fold_memberships(kept: MembershipFacts, others: Iterable[MembershipFacts]) -> MembershipFacts:
    """One membership for a person who was in several of the merged groups.

    Earliest known join date; still in (``left_on`` None) if still in any of them, otherwise the
    latest leave date; the most senior role; admin if admin anywhere; the kept row's in-group
    nickname, or the first non-empty one of the others.
    """
    rows = [kept, *others]
    joined = [row.joined_on for row in rows if row.joined_on is not None]
    if any(row.left_on is None for row in rows):
        left_on = None
    else:
        left_on = max(row.left_on for row in rows if row.left_on is not None)
    nickname = next((row.group_nickname for row in rows if row.group_nickname), "")
    return MembershipFacts(
        role=senior_role(row.role for row in rows),
        is_admin=any(row.is_admin for row in rows),
        joined_on=min(joined) if joined else None,
        left_on=left_on,
        group_nickname=nickname,
    )


@dataclass(frozen=True, slots=True)
class MergeGroupRef:
    id: int
    name: str
    platform: Platform
    member_count: int


@dataclass(frozen=True, slots=True)
class TableMerge:
    """What a merge does to one table's rows of the source groups.

    ``moved``: re-pointed to the target as they are (labels: added to the target; the sources keep
    their own labels as a record of what they were). ``folded``: combined into a row the target
    (or an earlier source) already has; nothing is lost (memberships and day stats are combined,
    duplicate links and duplicate robots are removed). ``dropped``: the source's row is removed
    because the target's own row wins (a single-choice label, a delivery of the same occurrence).
    """

    table: str
    title: str
    moved: int = 0
    folded: int = 0
    dropped: int = 0

    @property
    def total(self) -> int:
        return self.moved + self.folded + self.dropped


@dataclass(frozen=True, slots=True)
class MergePreview:
    """Exactly what ``MergeService.merge`` will do, computed from the same plan."""

    target: MergeGroupRef
    sources: tuple[MergeGroupRef, ...]
    tables: tuple[TableMerge, ...]
    member_count_before: int
    member_count_after: int
    capacity: int
    warnings: tuple[str, ...]

    def table(self, name: str) -> TableMerge:
        for entry in self.tables:
            if entry.table == name:
                return entry
        raise KeyError(name)

    @property
    def over_capacity(self) -> bool:
        return self.member_count_after > self.capacity


@dataclass(frozen=True, slots=True)
class MergeResult:
    preview: MergePreview
    target_id: int
    archived_ids: tuple[int, ...]
    member_count: int
    merged_at: datetime
