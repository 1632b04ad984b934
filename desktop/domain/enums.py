"""The operators' vocabulary as enums. Values are stored in the database as these strings."""

from __future__ import annotations

from enum import StrEnum


class Platform(StrEnum):
    WECHAT = "wechat"
    WECOM = "wecom"
    QQ = "qq"
    DOUYIN = "douyin"
    XIAOHONGSHU = "xiaohongshu"
    WEIBO = "weibo"
    DINGTALK = "dingtalk"
    FEISHU = "feishu"
    OTHER = "other"


#: Members a group of each platform can hold; the operator can override it per group.
PLATFORM_CAPACITY: dict[Platform, int] = {
    Platform.WECHAT: 500,
    Platform.WECOM: 500,
    Platform.QQ: 2000,
    Platform.DOUYIN: 500,
    Platform.XIAOHONGSHU: 500,
    Platform.WEIBO: 500,
    Platform.DINGTALK: 3000,
    Platform.FEISHU: 5000,
    Platform.OTHER: 500,
}


class GroupStatus(StrEnum):
    ACTIVE = "active"
    DORMANT = "dormant"
    ARCHIVED = "archived"


class Lifespan(StrEnum):
    LONG = "long"
    SHORT = "short"


class DimensionKind(StrEnum):
    TIME = "time"
    FUNCTION = "function"
    AUDIENCE = "audience"
    CUSTOM = "custom"


class Tier(StrEnum):
    """The customer ladder 目标用户 → 粉丝 → 会员 → 合伙人, in order."""

    PROSPECT = "prospect"
    FAN = "fan"
    MEMBER = "member"
    PARTNER = "partner"


class Role(StrEnum):
    """The six roles a member plays inside a group."""

    ORGANIZER = "organizer"
    THINKER = "thinker"
    CHATTER = "chatter"
    ASKER = "asker"
    LURKER = "lurker"
    CHALLENGER = "challenger"


class InteractionKind(StrEnum):
    MESSAGE = "message"
    QUESTION = "question"
    COMPLAINT = "complaint"
    PRAISE = "praise"
    PURCHASE = "purchase"
    REFERRAL = "referral"
    JOIN = "join"
    LEAVE = "leave"
    EVENT = "event"
    PRIVATE_CHAT = "private_chat"
    NOTE = "note"


class MessageFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"


class ScheduleKind(StrEnum):
    ONCE = "once"
    RRULE = "rrule"
    SOP = "sop"


class BroadcastStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    PAUSED = "paused"
    CANCELLED = "cancelled"
    FINISHED = "finished"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"
    DONE_BY_HAND = "done_by_hand"


class ChannelKind(StrEnum):
    MANUAL = "manual"
    WECOM = "wecom"
    DINGTALK = "dingtalk"
    FEISHU = "feishu"


class CampaignStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    SETTLED = "settled"


class PaymentStatus(StrEnum):
    UNPAID = "unpaid"
    PAID = "paid"
    REFUNDED = "refunded"
    CANCELLED = "cancelled"


class FulfilmentStatus(StrEnum):
    WAITING = "waiting"
    PICKED_UP = "picked_up"
    DELIVERED = "delivered"


class ImportStatus(StrEnum):
    DONE = "done"
    UNDONE = "undone"
