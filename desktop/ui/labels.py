"""Display names of domain values, translated. The one place enum values become words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.domain.enums import GroupStatus, Lifespan, Platform


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
