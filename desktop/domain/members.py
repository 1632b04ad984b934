"""Members (people), their memberships, the interaction log and member snapshots: DTOs, drafts,
filters and their validation. Stdlib only.

Phones are stored normalised: separators dropped, a +86 / 0086 prefix in front of a Chinese mobile
number removed (so "+86 138 0013 8000" and "13800138000" are the same person).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from .enums import InteractionKind, Role, Tier
from .errors import ValidationError

NICKNAME_MAX = 120
NAME_MAX = 80
WECHAT_MAX = 80
ADDRESS_MAX = 300
SOURCE_MAX = 80
NOTE_MAX = 2000
SUMMARY_MAX = 2000
REASON_MAX = 200
#: one amount typed into the quick-entry bar: ¥10,000,000.00
AMOUNT_MAX_CENTS = 1_000_000_000

TIER_ORDER: tuple[Tier, ...] = (Tier.PROSPECT, Tier.FAN, Tier.MEMBER, Tier.PARTNER)
TIER_NAMES: dict[Tier, str] = {
    Tier.PROSPECT: "目标用户", Tier.FAN: "粉丝", Tier.MEMBER: "会员", Tier.PARTNER: "合伙人",
}
#: the interaction kinds that change a membership when logged
MEMBERSHIP_KINDS: frozenset[InteractionKind] = frozenset({InteractionKind.JOIN, InteractionKind.LEAVE})

_PHONE_SEPARATORS = re.compile(r"[\s\-().\u00a0]")
_PHONE_SHAPE = re.compile(r"\+?\d{5,15}")
_WECHAT_SHAPE = re.compile(r"[A-Za-z0-9_\-]+")


def tier_rank(tier: Tier) -> int:
    return TIER_ORDER.index(Tier(tier))


def _clean(text: str | None) -> str:
    """Trim and collapse inner whitespace runs to one space."""
    return " ".join((text or "").split())


def normalise_phone(text: str | None) -> str | None:
    """The stored form of a phone number, None when blank; ValidationError when it is not one."""
    raw = (text or "").strip()
    if not raw:
        return None
    compact = _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", raw))
    if not _PHONE_SHAPE.fullmatch(compact):
        raise ValidationError(f"手机号“{raw}”格式不对: 只能有数字, 可以带 +86 和空格", "phone")
    for prefix in ("+86", "0086"):
        if compact.startswith(prefix) and len(compact) == len(prefix) + 11:
            compact = compact[len(prefix):]
    if compact.startswith("1") and len(compact) != 11:
        raise ValidationError(f"手机号“{raw}”应为 11 位数字 (现在是 {len(compact)} 位)", "phone")
    return compact


def normalise_wechat_id(text: str | None) -> str | None:
    raw = (text or "").strip()
    if not raw:
        return None
    if len(raw) > WECHAT_MAX:
        raise ValidationError(f"微信号最多 {WECHAT_MAX} 个字符", "wechat_id")
    if not _WECHAT_SHAPE.fullmatch(raw):
        raise ValidationError(f"微信号“{raw}”只能包含字母、数字、下划线和减号", "wechat_id")
    return raw


def _limit(value: str, limit: int, label: str, field_name: str) -> str:
    if len(value) > limit:
        raise ValidationError(f"{label}最多 {limit} 个字", field_name)
    return value


# --------------------------------------------------------------------------------------------------
# members


@dataclass(frozen=True, slots=True)
class MemberDTO:
    id: int
    nickname: str
    wechat_id: str | None
    phone: str | None
    name: str
    address: str
    tier: Tier
    seed_user: bool
    referrer_id: int | None
    source: str
    note: str
    #: groups the person is in now (memberships without a leave date)
    group_count: int
    #: day of the newest interaction, None if never
    last_active: date | None
    created_at: datetime
    updated_at: datetime
    #: the member's tags, by name
    tags: tuple[TagRef, ...] = ()
    #: cached activity level (desktop.domain.activity, 1..4) as of ``activity_level_on``; None for
    #: staff and for members whose level has not been computed yet
    activity_level: int | None = None
    activity_level_on: date | None = None


@dataclass(frozen=True, slots=True)
class MemberDraft:
    """What the operator typed for a new or edited member."""

    nickname: str
    wechat_id: str | None = None
    phone: str | None = None
    name: str = ""
    address: str = ""
    tier: Tier = Tier.PROSPECT
    seed_user: bool = False
    referrer_id: int | None = None
    source: str = ""
    note: str = ""

    def validated(self) -> MemberDraft:
        """Return a cleaned copy, or raise ValidationError naming the field at fault."""
        nickname = _limit(_clean(self.nickname), NICKNAME_MAX, "昵称", "nickname")
        if not nickname:
            raise ValidationError("昵称不能为空", "nickname")
        try:
            tier = Tier(self.tier)
        except ValueError:
            raise ValidationError(f"不认识的客户等级: {self.tier}", "tier") from None
        return MemberDraft(
            nickname=nickname,
            wechat_id=normalise_wechat_id(self.wechat_id),
            phone=normalise_phone(self.phone),
            name=_limit(_clean(self.name), NAME_MAX, "姓名", "name"),
            address=_limit(_clean(self.address), ADDRESS_MAX, "地址", "address"),
            tier=tier,
            seed_user=bool(self.seed_user),
            referrer_id=self.referrer_id,
            source=_limit(_clean(self.source), SOURCE_MAX, "来源", "source"),
            note=_limit(self.note.strip(), NOTE_MAX, "备注", "note"),
        )


class MemberSort(StrEnum):
    ID = "id"
    NICKNAME = "nickname"
    NAME = "name"
    TIER = "tier"
    CREATED = "created_at"
    LAST_ACTIVE = "last_active"
    GROUP_COUNT = "group_count"
    #: cached activity level, core first; members without a level (staff, never computed) last
    ACTIVITY = "activity_level"


@dataclass(frozen=True, slots=True)
class MemberFilter:
    """Filters of the Members page; empty collections and None mean 'any'.

    ``group_ids`` and ``roles`` look at current memberships (no leave date); both given means
    a current membership in one of the groups with one of the roles. ``active_since`` /
    ``active_before``: the newest interaction is on or after / before that day (never active
    counts as before any day). ``activity_levels`` are desktop.domain.activity levels (1..4),
    matched against each member's cached level (staff and members never computed match none).
    ``tag_ids``: members carrying any of the tags.
    """

    text: str = ""
    tiers: frozenset[Tier] = field(default_factory=frozenset)
    roles: frozenset[Role] = field(default_factory=frozenset)
    group_ids: frozenset[int] = field(default_factory=frozenset)
    seed_only: bool = False
    activity_levels: frozenset[int] = field(default_factory=frozenset)
    active_since: date | None = None
    active_before: date | None = None
    referred_by: int | None = None
    #: members carrying any of these tags
    tag_ids: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class MembershipDTO:
    id: int
    member_id: int
    group_id: int
    group_name: str
    role: Role
    is_admin: bool
    joined_on: date | None
    left_on: date | None
    group_nickname: str

    @property
    def active(self) -> bool:
        return self.left_on is None


@dataclass(frozen=True, slots=True)
class TierChange:
    member_id: int
    at: datetime
    old: Tier
    new: Tier
    reason: str


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of a member's timeline: an interaction or an order, newest first."""

    at: datetime
    source: str  # "interaction" | "order"
    id: int
    kind: str  # InteractionKind value, or the order's PaymentStatus value
    group_id: int | None
    group_name: str
    summary: str
    amount_cents: int | None


@dataclass(frozen=True, slots=True)
class ReferralNode:
    id: int
    nickname: str
    #: 1 = invited directly by (down) or the direct inviter of (up) the member
    generation: int
    referrer_id: int | None


@dataclass(frozen=True, slots=True)
class MemberDetail:
    member: MemberDTO
    memberships: tuple[MembershipDTO, ...]
    timeline: tuple[TimelineEntry, ...]
    #: interactions + orders the member has in all (the timeline may show fewer)
    timeline_total: int
    #: who invited them, nearest first
    referred_by: tuple[ReferralNode, ...]
    #: whom they invited, generation by generation
    referrals: tuple[ReferralNode, ...]
    tier_history: tuple[TierChange, ...]

    @property
    def referral_generations(self) -> dict[int, int]:
        """Generation -> how many people (1: invited directly, 2: invited by those, ...)."""
        counts: dict[int, int] = {}
        for node in self.referrals:
            counts[node.generation] = counts.get(node.generation, 0) + 1
        return counts


@dataclass(frozen=True, slots=True)
class DuplicateSet:
    """Members that look like one person; ``reason`` is phone, wechat_id or nickname."""

    reason: str
    key: str
    member_ids: tuple[int, ...]
    #: nickname sets: the groups the namesakes share
    group_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class MemberMergeResult:
    survivor_id: int
    merged_ids: tuple[int, ...]
    #: pass to MemberService.undo_merge
    undo_token: int
    moved: dict[str, int]


@dataclass(frozen=True, slots=True)
class TierSuggestion:
    member_id: int
    nickname: str
    current: Tier
    suggested: Tier
    reason: str


# --------------------------------------------------------------------------------------------------
# tags

TAG_NAME_MAX = 40
TAG_DEFAULT_COLOR = "#607d8b"
_COLOR_SHAPE = re.compile(r"#?([0-9A-Fa-f]{6})")


@dataclass(frozen=True, slots=True)
class TagRef:
    """A tag as a member row shows it."""

    id: int
    name: str
    color: str


@dataclass(frozen=True, slots=True)
class TagDTO:
    id: int
    name: str
    color: str
    #: members carrying the tag
    member_count: int
    created_at: datetime


def clean_tag_name(text: str | None) -> str:
    """The stored form of a tag name (trimmed, inner whitespace collapsed); ValidationError if unusable."""
    name = _clean(unicodedata.normalize("NFKC", text or ""))
    if not name:
        raise ValidationError("标签名称不能为空", "name")
    if len(name) > TAG_NAME_MAX:
        raise ValidationError(f"标签名称最多 {TAG_NAME_MAX} 个字 (现在是 {len(name)} 个)", "name")
    return name


def normalise_color(text: str | None) -> str:
    """'#RRGGBB' in lower case ("#1E88E5", "1e88e5" are the same colour); ValidationError otherwise."""
    raw = (text or "").strip()
    found = _COLOR_SHAPE.fullmatch(raw)
    if found is None:
        raise ValidationError(f"颜色“{raw}”格式不对: 请用 #RRGGBB 形式的十六进制颜色, 例如 #1e88e5", "color")
    return "#" + found.group(1).lower()


# --------------------------------------------------------------------------------------------------
# interactions


@dataclass(frozen=True, slots=True)
class InteractionDTO:
    id: int
    occurred_at: datetime
    day: date
    group_id: int | None
    group_name: str
    member_id: int | None
    member_nickname: str
    kind: InteractionKind
    summary: str
    amount_cents: int | None
    follow_up_on: date | None
    follow_up_done: bool


@dataclass(frozen=True, slots=True)
class InteractionDraft:
    """One entry of the quick-entry bar."""

    kind: InteractionKind
    group_id: int | None = None
    member_id: int | None = None
    summary: str = ""
    amount_cents: int | None = None
    follow_up_on: date | None = None
    occurred_at: datetime | None = None

    def validated(self, now: datetime) -> InteractionDraft:
        """A cleaned copy with ``occurred_at`` filled in; ``now`` is the operator's clock."""
        try:
            kind = InteractionKind(self.kind)
        except ValueError:
            raise ValidationError(f"不认识的互动类型: {self.kind}", "kind") from None
        if self.group_id is None and self.member_id is None:
            raise ValidationError("请选择群或成员 (至少一个)", "group_id")
        if kind in MEMBERSHIP_KINDS:
            if self.group_id is None:
                raise ValidationError("进群/退群记录必须选择群", "group_id")
            if self.member_id is None:
                raise ValidationError("进群/退群记录必须选择成员", "member_id")
        summary = _limit(self.summary.strip(), SUMMARY_MAX, "内容", "summary")
        if self.amount_cents is not None and not 0 <= self.amount_cents <= AMOUNT_MAX_CENTS:
            raise ValidationError("金额应在 0 到 1000 万元之间", "amount_cents")
        occurred_at = self.occurred_at or now
        if occurred_at > now.replace(hour=23, minute=59, second=59, microsecond=999_999):
            raise ValidationError("互动时间不能晚于今天", "occurred_at")
        if self.follow_up_on is not None and self.follow_up_on < now.date():
            raise ValidationError(f"跟进日期 {self.follow_up_on} 已经过去, 请选今天或以后的日期", "follow_up_on")
        return InteractionDraft(kind, self.group_id, self.member_id, summary, self.amount_cents,
                                self.follow_up_on, occurred_at)


@dataclass(frozen=True, slots=True)
class InteractionFilter:
    """Filters of the interactions page; empty collections and None mean 'any'.

    ``since`` / ``until`` are days, both inclusive. ``has_follow_up``: a follow-up date is set
    (True) or not (False). ``done``: its follow-up is done (True) or still open (False).
    """

    kinds: frozenset[InteractionKind] = field(default_factory=frozenset)
    group_ids: frozenset[int] = field(default_factory=frozenset)
    member_ids: frozenset[int] = field(default_factory=frozenset)
    since: date | None = None
    until: date | None = None
    has_follow_up: bool | None = None
    done: bool | None = None


@dataclass(frozen=True, slots=True)
class FollowUps:
    """Open follow-ups (待跟进), each bucket by follow-up date then time."""

    overdue: tuple[InteractionDTO, ...]
    today: tuple[InteractionDTO, ...]
    upcoming: tuple[InteractionDTO, ...]


@dataclass(frozen=True, slots=True)
class DayCounts:
    """What GroupDayStat holds for one group and day."""

    messages: int = 0
    active_members: int = 0
    joins: int = 0
    leaves: int = 0


# --------------------------------------------------------------------------------------------------
# snapshots


@dataclass(frozen=True, slots=True)
class SnapshotEntry:
    """One person on a group's member list."""

    nickname: str
    wechat_id: str | None = None
    group_nickname: str = ""
    role: Role | None = None


@dataclass(frozen=True, slots=True)
class SnapshotDiff:
    joined_ids: tuple[int, ...]
    left_ids: tuple[int, ...]
    unchanged_ids: tuple[int, ...]
    #: members created because nobody matched (a subset of joined_ids)
    created_ids: tuple[int, ...]

    @property
    def joined(self) -> int:
        return len(self.joined_ids)

    @property
    def left(self) -> int:
        return len(self.left_ids)

    @property
    def unchanged(self) -> int:
        return len(self.unchanged_ids)

    @property
    def empty(self) -> bool:
        return not self.joined_ids and not self.left_ids


_NUMBERING = re.compile(r"^\s*(?:[(（\[【]\d{1,4}[)）\]】]|\d{1,4}(?:[.、．:：)）]|\s))\s*")
_BULLETS = "-*•·●○◆◇■□▪▶►→"


def _is_decoration(char: str) -> bool:
    """Emoji, pictographs, variation selectors and joiners: dropped from pasted names."""
    if char in "\u200d\ufe0f\ufe0e":
        return True
    category = unicodedata.category(char)
    return category == "So" or category == "Cs" or (category == "Sk" and ord(char) > 0x1F000)


def parse_pasted_list(text: str) -> list[SnapshotEntry]:
    """A pasted member list, one name per line: numbering ("1. ", "12、", "(3)"), bullets, emoji and
    blank lines are dropped; the same name twice is kept once. Order is kept."""
    seen: set[str] = set()
    entries: list[SnapshotEntry] = []
    for line in text.splitlines():
        name = _NUMBERING.sub("", line, count=1).strip().lstrip(_BULLETS)
        name = _clean("".join(ch for ch in name if not _is_decoration(ch)))
        if not name or name in seen:
            continue
        seen.add(name)
        entries.append(SnapshotEntry(nickname=name[:NICKNAME_MAX]))
    return entries
