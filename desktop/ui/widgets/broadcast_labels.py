"""Broadcast words for the UI: statuses, robot kinds and a schedule said in words ("每周一三五 09:00")."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from desktop.domain.broadcasts import BroadcastDTO
from desktop.domain.enums import BroadcastStatus, ChannelKind, DeliveryStatus, ScheduleKind

#: RRULE weekday codes in calendar order (Monday first, as the operators write 周一 .. 周日)
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
#: the group-buy variables the editor offers as one-click inserts
VARIABLES = ("群名", "群主", "团长", "截单时间", "日期")


def _t(text: str) -> str:
    return QCoreApplication.translate("Broadcasts", text)


def broadcast_status_name(status: BroadcastStatus) -> str:
    return {
        BroadcastStatus.DRAFT: _t("草稿"),
        BroadcastStatus.ACTIVE: _t("进行中"),
        BroadcastStatus.PAUSED: _t("已暂停"),
        BroadcastStatus.CANCELLED: _t("已取消"),
        BroadcastStatus.FINISHED: _t("已完成"),
    }[status]


def delivery_status_name(status: DeliveryStatus, flagged: bool = False) -> str:
    if flagged:
        return _t("待确认")
    return {
        DeliveryStatus.PENDING: _t("等待发送"),
        DeliveryStatus.SENDING: _t("发送中"),
        DeliveryStatus.SENT: _t("已发送"),
        DeliveryStatus.FAILED: _t("发送失败"),
        DeliveryStatus.SKIPPED: _t("已跳过"),
        DeliveryStatus.DONE_BY_HAND: _t("已手动发送"),
    }[status]


def channel_kind_name(kind: ChannelKind) -> str:
    return {
        ChannelKind.MANUAL: _t("手动"),
        ChannelKind.WECOM: _t("企业微信"),
        ChannelKind.DINGTALK: _t("钉钉"),
        ChannelKind.FEISHU: _t("飞书"),
    }[kind]


def weekday_short(index: int) -> str:
    """0 = Monday: 一 .. 日 (Mon .. Sun in English)."""
    return (_t("一"), _t("二"), _t("三"), _t("四"), _t("五"), _t("六"), _t("日"))[index]


def _weekday_list(indexes: list[int]) -> str:
    names = [weekday_short(i) for i in indexes]
    # Chinese writes 周一三五; other languages need a separator between the day names
    return "".join(names) if all(len(n) == 1 for n in names) else ", ".join(names)


def day_text(moment: datetime) -> str:
    """12-01 周一 (12-01 Mon)."""
    return _t("{0} 周{1}").format(moment.strftime("%m-%d"), weekday_short(moment.weekday()))


def when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def rrule_fields(rule: str) -> dict[str, str]:
    text = (rule or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    out = {}
    for part in text.split(";"):
        key, sep, value = part.partition("=")
        if sep:
            out[key.strip().upper()] = value.strip().upper()
    return out


def describe_rrule(rule: str, start: datetime | None) -> str:
    """每天 09:00 / 每周一三五 09:00 / 每月 1 日 09:00; the rule itself when it says more than that."""
    fields = rrule_fields(rule)
    raw = _t("周期: {0}").format(rule)
    if set(fields) - {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYHOUR", "BYMINUTE", "BYSECOND", "WKST"}:
        return raw
    try:
        interval = int(fields.get("INTERVAL", "1"))
        hour = fields.get("BYHOUR")
        minute = fields.get("BYMINUTE", "0" if hour else None)
        if hour is not None and ("," in hour or "," in (minute or "")):
            return raw
        if hour is not None:
            clock = f"{int(hour):02d}:{int(minute or 0):02d}"
        else:
            clock = start.strftime("%H:%M") if start else ""
        freq = fields.get("FREQ")
        if freq == "DAILY" and "BYDAY" not in fields and "BYMONTHDAY" not in fields:
            return (_t("每天 {0}").format(clock) if interval == 1
                    else _t("每 {0} 天 {1}").format(interval, clock))
        if freq == "WEEKLY" and "BYMONTHDAY" not in fields:
            codes = fields.get("BYDAY", WEEKDAY_CODES[start.weekday()] if start else "").split(",")
            if not all(c in WEEKDAY_CODES for c in codes):
                return raw
            days = _weekday_list(sorted(WEEKDAY_CODES.index(c) for c in codes))
            return (_t("每周{0} {1}").format(days, clock) if interval == 1
                    else _t("每 {0} 周的周{1} {2}").format(interval, days, clock))
        if freq == "MONTHLY" and "BYDAY" not in fields:
            days_text = fields.get("BYMONTHDAY", str(start.day) if start else "")
            return (_t("每月 {0} 日 {1}").format(days_text.replace(",", "、"), clock) if interval == 1
                    else _t("每 {0} 个月的 {1} 日 {2}").format(interval, days_text.replace(",", "、"), clock))
    except (ValueError, IndexError):
        return raw
    return raw


def schedule_text(dto: BroadcastDTO) -> str:
    if dto.schedule_kind is ScheduleKind.ONCE:
        return _t("一次 {0}").format(when(dto.run_at)) if dto.run_at else _t("一次")
    if dto.schedule_kind is ScheduleKind.RRULE:
        return describe_rrule(dto.rrule, dto.run_at)
    return _t("SOP {0} 步").format(len(dto.sop_steps))


def targets_text(dto: BroadcastDTO) -> str:
    parts = []
    if dto.group_ids:
        parts.append(_t("{0} 个群").format(len(dto.group_ids)))
    if dto.segment_id is not None:
        parts.append(_t("分组“{0}”").format(dto.segment_name) if dto.segment_name else _t("分组 (已删除)"))
    return " + ".join(parts) or "—"


def broadcast_state_text(dto: BroadcastDTO) -> str:
    """The list's status column: a broadcast with no send left to schedule but deliveries still
    waiting (manual groups) is not "done" for the operator yet."""
    waiting = dto.counts.get(DeliveryStatus.PENDING, 0) + dto.counts.get(DeliveryStatus.SENDING, 0)
    if dto.status is BroadcastStatus.FINISHED and waiting:
        return _t("待发完")
    return broadcast_status_name(dto.status)


def counts_text(dto: BroadcastDTO) -> str:
    """已发 / 失败 / 待发: done by hand counts as sent, a send in progress as pending."""
    c = dto.counts
    sent = c.get(DeliveryStatus.SENT, 0) + c.get(DeliveryStatus.DONE_BY_HAND, 0)
    pending = c.get(DeliveryStatus.PENDING, 0) + c.get(DeliveryStatus.SENDING, 0)
    return f"{sent} / {c.get(DeliveryStatus.FAILED, 0)} / {pending}"
