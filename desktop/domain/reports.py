"""Exports and the boss report: column specs, report DTOs and the pure arithmetic behind them. Stdlib only.

Periods are inclusive ranges of whole days (local wall-clock dates, like the rest of the store):

- ``week``: the last complete ISO week (Monday to Sunday) before the week containing today.
- ``month``: the last complete calendar month before today's month.
- ``FROM..TO``: both days inclusive, e.g. ``2026-11-01..2026-11-30`` (also ``2026/11/01`` and
  ``20261101``).

The comparison period is always the equal-length period that ends the day before the period starts
(for a 31-day month: the 31 days before it), so every "change" compares like with like.

Targets are given per figure key in the figure's display unit: yuan for money, a plain number for
counts and averages, a fraction (0.3 = 30%) for rates. A missing or non-positive target shows no
progress rather than a misleading one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from .enums import GroupStatus, InteractionKind, Lifespan, Platform, Tier
from .errors import ValidationError

#: the longest FROM..TO a report accepts (ten years); longer is almost surely a typo
PERIOD_MAX_DAYS = 3660
TOP_GROUPS = 20
DORMANT_GROUPS = 20


# --------------------------------------------------------------------------------------------------
# table exports


class ColumnKind(StrEnum):
    TEXT = "text"
    INT = "int"
    #: integer cents in, yuan with a ¥ format out
    MONEY = "money"
    #: a fraction (0.25) shown as 25.0%
    PERCENT = "percent"
    DATE = "date"
    DATETIME = "datetime"
    #: masked (138****1234) unless the export is explicitly a full one
    PHONE = "phone"
    #: a decimal number (averages)
    NUMBER = "number"


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """One exported column: its header and how its cells are typed and formatted."""

    header: str
    kind: ColumnKind = ColumnKind.TEXT
    #: a fixed width in characters; None fits the width to the header and the first rows
    width: float | None = None


@dataclass(frozen=True, slots=True)
class SortKey:
    column: str
    descending: bool = False


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """Which rows of a kind to export and in what order; None / empty means "any"."""

    #: exactly these rows (what a table shows after its own filtering)
    ids: frozenset[int] | None = None
    #: rows of these groups (members: people in them; interactions and day stats: rows of them)
    group_ids: frozenset[int] | None = None
    day_from: date | None = None
    day_to: date | None = None
    #: words matched against the name/pinyin search key (groups and members)
    text: str = ""
    include_archived: bool = True
    sort: tuple[SortKey, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: str
    rows: int
    full_phones: bool


def mask_phone(phone: str | None) -> str:
    """138****1234: the first three and last four digits stay, so the operator can still tell people apart.

    A country prefix (+86) is kept in front; numbers too short to keep seven digits keep only their last two.
    """
    if not phone:
        return ""
    text = phone.strip()
    prefix = ""
    if text.startswith("+"):
        # +86 13800138000: keep the country code, mask the national number
        digits = text[1:]
        code = "86" if digits.startswith("86") and len(digits) == 13 else ""
        prefix, text = "+" + code, digits[len(code):]
    if len(text) >= 8:
        return prefix + text[:3] + "****" + text[-4:]
    if len(text) <= 2:
        return prefix + "*" * len(text)
    return prefix + "*" * (len(text) - 2) + text[-2:]


def display_width(text: str) -> int:
    """Columns a text needs in a spreadsheet: CJK (3 UTF-8 bytes) counts two, ASCII one.

    (bytes + chars) / 2 gives exactly that without a per-character loop, which matters on 100,000 rows.
    """
    return (len(text.encode("utf-8", "surrogatepass")) + len(text)) // 2


# --------------------------------------------------------------------------------------------------
# display names (headless: the CLI and the exports speak zh_CN, the UI has its own translated ones)

PLATFORM_NAMES: dict[str, str] = {
    Platform.WECHAT: "微信", Platform.WECOM: "企业微信", Platform.QQ: "QQ", Platform.DOUYIN: "抖音",
    Platform.XIAOHONGSHU: "小红书", Platform.WEIBO: "微博", Platform.DINGTALK: "钉钉", Platform.FEISHU: "飞书",
    Platform.OTHER: "其他",
}
STATUS_NAMES: dict[str, str] = {GroupStatus.ACTIVE: "活跃", GroupStatus.DORMANT: "沉默", GroupStatus.ARCHIVED: "已归档"}
LIFESPAN_NAMES: dict[str, str] = {Lifespan.LONG: "长期群", Lifespan.SHORT: "短期群"}
TIER_NAMES: dict[str, str] = {Tier.PROSPECT: "目标用户", Tier.FAN: "粉丝", Tier.MEMBER: "会员", Tier.PARTNER: "合伙人"}
KIND_NAMES: dict[str, str] = {
    InteractionKind.MESSAGE: "发言", InteractionKind.QUESTION: "提问", InteractionKind.COMPLAINT: "投诉",
    InteractionKind.PRAISE: "表扬", InteractionKind.PURCHASE: "购买", InteractionKind.REFERRAL: "转介绍",
    InteractionKind.JOIN: "入群", InteractionKind.LEAVE: "退群", InteractionKind.EVENT: "活动",
    InteractionKind.PRIVATE_CHAT: "私聊", InteractionKind.NOTE: "备注",
}


def display_name(names: dict[str, str], value: object) -> str:
    """The zh name of a stored enum value; an unknown value is shown as stored rather than lost."""
    if value is None:
        return ""
    return names.get(str(value), str(value))


# --------------------------------------------------------------------------------------------------
# periods


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    """Whole days from ``start`` to ``end``, both inclusive."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(f"结束日期 {self.end} 早于开始日期 {self.start}", "period")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> ReportPeriod:
        """The equal-length period ending the day before this one starts."""
        end = self.start - timedelta(days=1)
        return ReportPeriod(end - timedelta(days=self.days - 1), end)

    def each_day(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]

    def label(self) -> str:
        return f"{self.start.isoformat()} ~ {self.end.isoformat()}"


def last_iso_week(today: date) -> ReportPeriod:
    monday = today - timedelta(days=today.weekday())
    return ReportPeriod(monday - timedelta(days=7), monday - timedelta(days=1))


def last_month(today: date) -> ReportPeriod:
    first = today.replace(day=1)
    end = first - timedelta(days=1)
    return ReportPeriod(end.replace(day=1), end)


_DAY = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{4})(\d{2})(\d{2})")


def parse_day(text: str) -> date:
    match = _DAY.fullmatch(text.strip())
    if match is None:
        raise ValidationError(f"无法识别的日期“{text.strip()}”，请写成 2026-11-01", "period")
    parts = [int(p) for p in match.groups() if p is not None]
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        raise ValidationError(f"不存在的日期“{text.strip()}”", "period") from None


def parse_period(text: str, today: date) -> ReportPeriod:
    """``week``, ``month`` or ``FROM..TO`` (see the module docstring for what each means)."""
    spec = text.strip().lower()
    if spec == "week":
        return last_iso_week(today)
    if spec == "month":
        return last_month(today)
    if ".." not in spec:
        raise ValidationError(f"无法识别的周期“{text}”：请用 week、month 或 2026-11-01..2026-11-30", "period")
    start_text, _, end_text = spec.partition("..")
    period = ReportPeriod(parse_day(start_text), parse_day(end_text))
    if period.days > PERIOD_MAX_DAYS:
        raise ValidationError(f"周期最长 {PERIOD_MAX_DAYS} 天 (现在是 {period.days} 天)", "period")
    return period


# --------------------------------------------------------------------------------------------------
# figures


class FigureUnit(StrEnum):
    COUNT = "count"
    #: integer cents
    MONEY = "money"
    #: a fraction, 0.25 = 25%
    RATE = "rate"
    #: a decimal average (active members per day)
    AVERAGE = "average"


def change_ratio(current: float, previous: float) -> float | None:
    """(current - previous) / previous; None when there is nothing to compare with (previous 0)."""
    if previous == 0:
        return None
    return (current - previous) / abs(previous)


def target_progress(current: float, target: float | None) -> float | None:
    """current / target; None for no target or a target of zero or less (no meaningful progress)."""
    if target is None or target <= 0:
        return None
    return current / target


def safe_ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def target_in_unit(value: float, unit: FigureUnit) -> float:
    """A target as the operator gives it (yuan for money) in the unit the figure is kept in (cents)."""
    return round(value * 100) if unit is FigureUnit.MONEY else value


@dataclass(frozen=True, slots=True)
class Figure:
    key: str
    label: str
    #: engagement (参与指标) or business (业务指标)
    family: str
    unit: FigureUnit
    current: float
    previous: float
    #: in the figure's unit (cents for money); None when none was set
    target: float | None = None

    @property
    def change(self) -> float | None:
        return change_ratio(self.current, self.previous)

    @property
    def progress(self) -> float | None:
        return target_progress(self.current, self.target)


@dataclass(frozen=True, slots=True)
class EngagementTotals:
    """Sums of GroupDayStat over a period, plus the silent groups count."""

    messages: int = 0
    #: sum over days and groups of active members (member-days)
    active_member_days: int = 0
    joins: int = 0
    leaves: int = 0
    silent_groups: int = 0


@dataclass(frozen=True, slots=True)
class BusinessTotals:
    """Valid (paid or later refunded) orders placed in a period."""

    orders: int = 0
    gmv_cents: int = 0
    refund_cents: int = 0
    buyers: int = 0
    repeat_buyers: int = 0


ENGAGEMENT = "参与指标"
BUSINESS = "业务指标"


def engagement_figures(cur: EngagementTotals, prev: EngagementTotals, days: int) -> list[Figure]:
    """Engagement figures of a period against the previous one (targets are added afterwards)."""
    return [
        Figure("messages", "消息数", ENGAGEMENT, FigureUnit.COUNT, cur.messages, prev.messages),
        Figure("active_members", "日均活跃成员", ENGAGEMENT, FigureUnit.AVERAGE,
               round(cur.active_member_days / days, 1), round(prev.active_member_days / days, 1)),
        Figure("joins", "入群人数", ENGAGEMENT, FigureUnit.COUNT, cur.joins, prev.joins),
        Figure("leaves", "退群人数", ENGAGEMENT, FigureUnit.COUNT, cur.leaves, prev.leaves),
        Figure("net_growth", "净增人数", ENGAGEMENT, FigureUnit.COUNT, cur.joins - cur.leaves, prev.joins - prev.leaves),
        Figure("silent_groups", "沉默群数", ENGAGEMENT, FigureUnit.COUNT, cur.silent_groups, prev.silent_groups),
    ]


def business_figures(cur: BusinessTotals, prev: BusinessTotals) -> list[Figure]:
    return [
        Figure("orders", "订单数", BUSINESS, FigureUnit.COUNT, cur.orders, prev.orders),
        Figure("gmv", "成交额 (GMV)", BUSINESS, FigureUnit.MONEY, cur.gmv_cents, prev.gmv_cents),
        Figure("refunds", "退款额", BUSINESS, FigureUnit.MONEY, cur.refund_cents, prev.refund_cents),
        Figure("net_gmv", "净成交额", BUSINESS, FigureUnit.MONEY,
               cur.gmv_cents - cur.refund_cents, prev.gmv_cents - prev.refund_cents),
        Figure("buyers", "购买人数", BUSINESS, FigureUnit.COUNT, cur.buyers, prev.buyers),
        Figure("repeat_buyers", "复购人数", BUSINESS, FigureUnit.COUNT, cur.repeat_buyers, prev.repeat_buyers),
        Figure("repeat_rate", "复购率", BUSINESS, FigureUnit.RATE,
               safe_ratio(cur.repeat_buyers, cur.buyers), safe_ratio(prev.repeat_buyers, prev.buyers)),
    ]


#: every figure key a target may be set for (business figures exist only where there are orders)
FIGURE_KEYS: tuple[str, ...] = (
    "messages", "active_members", "joins", "leaves", "net_growth", "silent_groups",
    "orders", "gmv", "refunds", "net_gmv", "buyers", "repeat_buyers", "repeat_rate",
)


def with_targets(figures: list[Figure], targets: dict[str, float]) -> list[Figure]:
    """The figures with their targets; a key that names no figure at all is refused (a typo, not a wish)."""
    unknown = set(targets) - set(FIGURE_KEYS)
    if unknown:
        raise ValidationError(f"没有这些指标，无法设定目标：{'、'.join(sorted(unknown))}", "targets")
    return [
        Figure(f.key, f.label, f.family, f.unit, f.current, f.previous,
               target_in_unit(targets[f.key], f.unit) if f.key in targets else None)
        for f in figures
    ]


# --------------------------------------------------------------------------------------------------
# report rows


@dataclass(frozen=True, slots=True)
class DayRow:
    day: date
    messages: int = 0
    active_members: int = 0
    joins: int = 0
    leaves: int = 0
    orders: int = 0
    gmv_cents: int = 0


@dataclass(frozen=True, slots=True)
class GroupRow:
    """One group over the period."""

    id: int
    name: str
    platform: str
    status: str
    owner: str
    member_count: int
    messages: int
    active_days: int
    active_member_days: int
    joins: int
    leaves: int
    orders: int
    gmv_cents: int
    #: the last day with messages on or before the period's end
    last_active: date | None
    #: days from last_active to the period's end; None if it never had a message
    silent_days: int | None


@dataclass(frozen=True, slots=True)
class NewMemberRow:
    """A person who joined one of the groups during the period."""

    member_id: int
    nickname: str
    phone: str | None
    tier: str
    source: str
    group_name: str
    joined_on: date


@dataclass(frozen=True, slots=True)
class TierChangeRow:
    at: datetime
    member_id: int
    nickname: str
    from_tier: str
    to_tier: str
    reason: str


@dataclass(frozen=True, slots=True)
class ProductRow:
    campaign: str
    product: str
    spec: str
    quantity: int
    orders: int
    amount_cents: int


@dataclass(frozen=True, slots=True)
class PickupRow:
    name: str
    address: str
    orders: int
    buyers: int
    amount_cents: int
    refund_cents: int


@dataclass(frozen=True, slots=True)
class ReportFigures:
    """Everything the boss report shows, for one period against the previous equal-length one."""

    period: ReportPeriod
    previous: ReportPeriod
    generated_at: datetime
    figures: tuple[Figure, ...]
    days: tuple[DayRow, ...]
    groups: tuple[GroupRow, ...]
    top_groups: tuple[GroupRow, ...]
    dormant_groups: tuple[GroupRow, ...]
    new_members: tuple[NewMemberRow, ...]
    tier_changes: tuple[TierChangeRow, ...]
    products: tuple[ProductRow, ...] = ()
    pickup_points: tuple[PickupRow, ...] = ()
    #: whether the workspace has any orders at all (business sheets are left out when not)
    has_orders: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    def figure(self, key: str) -> Figure:
        for f in self.figures:
            if f.key == key:
                return f
        raise KeyError(key)


def top_by_messages(groups: list[GroupRow], limit: int = TOP_GROUPS) -> list[GroupRow]:
    """The busiest groups of the period; groups without a message are not "top" of anything."""
    busy = [g for g in groups if g.messages > 0]
    return sorted(busy, key=lambda g: (-g.messages, -g.active_member_days, g.id))[:limit]


def most_dormant(groups: list[GroupRow], limit: int = DORMANT_GROUPS) -> list[GroupRow]:
    """Groups silent longest at the period's end: never-active first, then by silent days; archived left out."""
    candidates = [g for g in groups if g.status != GroupStatus.ARCHIVED and g.messages == 0]
    return sorted(candidates, key=lambda g: (g.silent_days is not None, -(g.silent_days or 0), g.id))[:limit]
