"""Display names of domain values, translated. The one place enum values become words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.domain.enums import (
    CampaignStatus,
    FulfilmentStatus,
    GroupStatus,
    InteractionKind,
    Lifespan,
    PaymentStatus,
    Platform,
    Role,
    Tier,
)


def _t(text: str) -> str:
    return QCoreApplication.translate("Vocabulary", text)


def platform_name(platform: Platform) -> str:
    return {
        Platform.WECHAT: _t("微信"),
        Platform.WECOM: _t("企业微信"),
        Platform.QQ: _t("QQ"),
        Platform.DOUYIN: _t("抖音"),
        Platform.XIAOHONGSHU: _t("小红书"),
        Platform.WEIBO: _t("微博"),
        Platform.DINGTALK: _t("钉钉"),
        Platform.FEISHU: _t("飞书"),
        Platform.OTHER: _t("其他"),
    }[platform]


def status_name(status: GroupStatus) -> str:
    return {
        GroupStatus.ACTIVE: _t("活跃"),
        GroupStatus.DORMANT: _t("沉默"),
        GroupStatus.ARCHIVED: _t("已归档"),
    }[status]


def lifespan_name(lifespan: Lifespan) -> str:
    return {Lifespan.LONG: _t("长期群"), Lifespan.SHORT: _t("短期群")}[lifespan]


def level_name(level: int | None) -> str:
    """An activity level (desktop.domain.activity.ActivityLevel, 1 = core .. 4 = watching); "" for none."""
    return {
        1: _t("核心"),
        2: _t("活跃"),
        3: _t("参与"),
        4: _t("观望"),
    }.get(int(level) if level is not None else 0, "")


def tier_name(tier: Tier) -> str:
    return {
        Tier.PROSPECT: _t("目标用户"),
        Tier.FAN: _t("粉丝"),
        Tier.MEMBER: _t("会员"),
        Tier.PARTNER: _t("合伙人"),
    }[tier]


def role_name(role: Role) -> str:
    return {
        Role.ORGANIZER: _t("组织者"),
        Role.THINKER: _t("思考者"),
        Role.CHATTER: _t("清谈者"),
        Role.ASKER: _t("求教者"),
        Role.LURKER: _t("围观者"),
        Role.CHALLENGER: _t("挑战者"),
    }[role]


def interaction_name(kind: InteractionKind) -> str:
    return {
        InteractionKind.MESSAGE: _t("发言"),
        InteractionKind.QUESTION: _t("提问"),
        InteractionKind.COMPLAINT: _t("投诉"),
        InteractionKind.PRAISE: _t("表扬"),
        InteractionKind.PURCHASE: _t("购买"),
        InteractionKind.REFERRAL: _t("转介绍"),
        InteractionKind.JOIN: _t("进群"),
        InteractionKind.LEAVE: _t("退群"),
        InteractionKind.EVENT: _t("活动"),
        InteractionKind.PRIVATE_CHAT: _t("私聊"),
        InteractionKind.NOTE: _t("备注"),
    }[kind]


def payment_name(status: PaymentStatus) -> str:
    return {
        PaymentStatus.UNPAID: _t("未付款"),
        PaymentStatus.PAID: _t("已付款"),
        PaymentStatus.REFUNDED: _t("已退款"),
        PaymentStatus.CANCELLED: _t("已取消"),
    }[status]


def fulfilment_name(status: FulfilmentStatus) -> str:
    return {
        FulfilmentStatus.WAITING: _t("待提货"),
        FulfilmentStatus.PICKED_UP: _t("已提货"),
        FulfilmentStatus.DELIVERED: _t("已送达"),
    }[status]


def campaign_status_name(status: CampaignStatus) -> str:
    return {
        CampaignStatus.DRAFT: _t("草稿"),
        CampaignStatus.OPEN: _t("进行中"),
        CampaignStatus.CLOSED: _t("已截单"),
        CampaignStatus.SETTLED: _t("已结算"),
    }[status]


def enum_name(value: object) -> str:
    """The display name of any domain enum value this module knows; its raw value otherwise."""
    for kind, name in ((Platform, platform_name), (GroupStatus, status_name), (Lifespan, lifespan_name),
                       (Tier, tier_name), (Role, role_name), (InteractionKind, interaction_name),
                       (PaymentStatus, payment_name), (FulfilmentStatus, fulfilment_name)):
        if isinstance(value, kind):
            return name(value)  # type: ignore[operator]
    return str(getattr(value, "value", value))
