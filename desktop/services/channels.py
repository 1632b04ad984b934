"""Group robots (群机器人): add, edit, enable, test and remove the webhook linked to a group.

The webhook URL and signing secret are stored as pasted (the app must send with them) but leave
this service only masked: ChannelDTO carries ``url_masked``, and error messages are scrubbed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.broadcasts import ChannelDTO, RobotTestResult, mask_url
from desktop.domain.enums import ChannelKind
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.services.interactions import audit
from desktop.services.robots import (
    SPECS,
    Outcome,
    RobotClient,
    RobotEndpoint,
    check_credentials,
    check_webhook_url,
    detect_kind,
    send_now,
)
from desktop.store.engine import Database
from desktop.store.models import Channel, Group

SECRET_MAX = 200
TEST_MESSAGE = "【群管家】机器人连接测试: 收到这条消息说明设置正确。{time}"

KIND_WORDS = {"auto": None, "wecom": ChannelKind.WECOM, "dingtalk": ChannelKind.DINGTALK,
              "feishu": ChannelKind.FEISHU}


class ChannelService:
    def __init__(self, db: Database, *, client_factory: Callable[[], RobotClient] = RobotClient,
                 now: Callable[[], datetime] = datetime.now, sleep: Callable[[float], None] | None = None) -> None:
        self._db = db
        self._client_factory = client_factory
        self._now = now
        self._sleep = sleep

    # ------------------------------------------------------------------ reading
    def list_channels(self, group_id: int | None = None) -> list[ChannelDTO]:
        with self._db.transaction() as session:
            stmt = select(Channel, Group.name).outerjoin(Group, Group.id == Channel.group_id).order_by(Channel.id)
            if group_id is not None:
                stmt = stmt.where(Channel.group_id == group_id)
            return [_dto(channel, name) for channel, name in session.execute(stmt)]

    def get(self, channel_id: int) -> ChannelDTO:
        with self._db.transaction() as session:
            channel = _channel(session, channel_id)
            group = session.get(Group, channel.group_id) if channel.group_id else None
            return _dto(channel, group.name if group else None)

    def resolve_group(self, ref: str | int) -> int:
        """A group by id ("12") or exact name; a clear message when none or several match."""
        with self._db.transaction() as session:
            return _resolve_group(session, ref)

    # ------------------------------------------------------------------ writing
    def add_robot(self, group: str | int, url: str, *, secret: str = "", kind: ChannelKind | str | None = None,
                  name: str = "") -> ChannelDTO:
        """Link a robot to a group. ``kind`` None/"auto" detects it from the URL host or path."""
        clean_url, clean_secret, robot_kind = _checked(url, secret, kind)
        with self._db.transaction() as session:
            group_id = _resolve_group(session, group)
            group_row = session.get(Group, group_id)
            assert group_row is not None
            other = session.scalar(select(Channel.id).where(Channel.group_id == group_id, Channel.enabled.is_(True)))
            if other is not None:
                raise ValidationError(f"群“{group_row.name}”已有启用的机器人 #{other}; 请先停用或删除它", "group")
            channel = Channel(name=(name or "").strip()[:120] or f"{SPECS[robot_kind].label}机器人",
                              kind=robot_kind, webhook_url=clean_url, secret=clean_secret, group_id=group_id,
                              enabled=True, disabled_reason="")
            session.add(channel)
            session.flush()
            audit(session, "create", "channel", [channel.id],
                  {"group_id": group_id, "kind": robot_kind.value, "url": mask_url(clean_url)})
            return _dto(channel, group_row.name)

    def update_robot(self, channel_id: int, *, url: str | None = None, secret: str | None = None,
                     name: str | None = None) -> ChannelDTO:
        """Change the URL, secret or name; a changed URL or secret clears a "stopped" reason but
        leaves the robot off until the operator enables (or tests) it."""
        with self._db.transaction() as session:
            channel = _channel(session, channel_id)
            if url is not None or secret is not None:
                clean_url, clean_secret, kind = _checked(url if url is not None else channel.webhook_url,
                                                         secret if secret is not None else channel.secret,
                                                         ChannelKind(channel.kind))
                channel.webhook_url, channel.secret, channel.kind = clean_url, clean_secret, kind
                channel.disabled_reason = ""
            if name is not None:
                channel.name = name.strip()[:120] or channel.name
            audit(session, "update", "channel", [channel_id], {"url": mask_url(channel.webhook_url)})
            session.flush()
            group = session.get(Group, channel.group_id) if channel.group_id else None
            return _dto(channel, group.name if group else None)

    def set_enabled(self, channel_id: int, enabled: bool) -> ChannelDTO:
        with self._db.transaction() as session:
            channel = _channel(session, channel_id)
            if enabled and channel.group_id is not None:
                other = session.scalar(select(Channel.id).where(Channel.group_id == channel.group_id,
                                                                Channel.enabled.is_(True), Channel.id != channel_id))
                if other is not None:
                    raise ValidationError(f"该群已有启用的机器人 #{other}; 一个群同时只能启用一个机器人", "enabled")
            channel.enabled = enabled
            if enabled:
                channel.disabled_reason, channel.disabled_at = "", None
            else:
                channel.disabled_reason, channel.disabled_at = "操作员停用", self._now()
            audit(session, "enable" if enabled else "disable", "channel", [channel_id])
            session.flush()
            group = session.get(Group, channel.group_id) if channel.group_id else None
            return _dto(channel, group.name if group else None)

    def delete(self, channel_id: int) -> None:
        with self._db.transaction() as session:
            channel = _channel(session, channel_id)
            audit(session, "delete", "channel", [channel_id], {"url": mask_url(channel.webhook_url)})
            session.delete(channel)

    def test_robot(self, channel_id: int, text: str | None = None) -> RobotTestResult:
        """Send a test message now. A permanent failure (bad key, bad signature, 404) stops the robot."""
        with self._db.transaction() as session:
            channel = _channel(session, channel_id)
            endpoint = RobotEndpoint(ChannelKind(channel.kind), channel.webhook_url, channel.secret)
        message = text or TEST_MESSAGE.format(time=self._now().strftime("%m-%d %H:%M"))
        client = self._client_factory()
        try:
            kwargs = {"sleep": self._sleep} if self._sleep is not None else {}
            attempt = send_now(client, endpoint, message, **kwargs)  # type: ignore[arg-type]
        finally:
            client.close()
        if attempt.outcome is Outcome.SENT:
            return RobotTestResult(True, "测试消息已发送, 请到群里查看")
        if attempt.outcome is Outcome.BROKEN:
            with self._db.transaction() as session:
                channel = _channel(session, channel_id)
                channel.enabled, channel.disabled_reason, channel.disabled_at = False, attempt.message, self._now()
                audit(session, "disable", "channel", [channel_id], {"by": "test"})
            return RobotTestResult(False, f"{attempt.message}; 机器人已停用")
        return RobotTestResult(False, attempt.message)


def _checked(url: str, secret: str | None, kind: ChannelKind | str | None) -> tuple[str, str, ChannelKind]:
    clean_url = check_webhook_url(url)
    if isinstance(kind, str) and not isinstance(kind, ChannelKind):
        if kind.lower() not in KIND_WORDS:
            raise ValidationError(f"不认识的机器人类型“{kind}”, 可选: auto, wecom, dingtalk, feishu", "kind")
        kind = KIND_WORDS[kind.lower()]
    robot_kind = ChannelKind(kind) if kind is not None else detect_kind(clean_url)
    if robot_kind is ChannelKind.MANUAL:
        raise ValidationError("手动发送不需要添加机器人", "kind")
    check_credentials(robot_kind, clean_url)
    clean_secret = (secret or "").strip()
    if len(clean_secret) > SECRET_MAX:
        raise ValidationError(f"加签密钥最长 {SECRET_MAX} 个字符", "secret")
    if any(c.isspace() for c in clean_secret):
        raise ValidationError("加签密钥里不能有空格或换行", "secret")
    if clean_secret and robot_kind is ChannelKind.WECOM:
        raise ValidationError("企业微信群机器人没有加签密钥, 只需 Webhook 地址", "secret")
    return clean_url, clean_secret, robot_kind


def _channel(session: Session, channel_id: int) -> Channel:
    channel = session.get(Channel, channel_id)
    if channel is None:
        raise NotFoundError(f"机器人 #{channel_id} 不存在 (可能已被删除)")
    return channel


def _resolve_group(session: Session, ref: str | int) -> int:
    text = str(ref).strip()
    if text.lstrip("#").isdigit():
        group_id = int(text.lstrip("#"))
        if session.get(Group, group_id) is not None:
            return group_id
    matches = list(session.scalars(select(Group.id).where(func.lower(Group.name) == text.lower()).limit(5)))
    if not matches:
        raise NotFoundError(f"找不到群“{text}” (可以用群编号或完整群名)")
    if len(matches) > 1:
        raise ValidationError(f"有多个群叫“{text}”: #{', #'.join(map(str, matches))}; 请用群编号", "group")
    return matches[0]


def _dto(channel: Channel, group_name: str | None) -> ChannelDTO:
    return ChannelDTO(
        id=channel.id, name=channel.name, kind=ChannelKind(channel.kind), url_masked=mask_url(channel.webhook_url),
        has_secret=bool(channel.secret), group_id=channel.group_id, group_name=group_name,
        enabled=bool(channel.enabled), disabled_reason=channel.disabled_reason or "", disabled_at=channel.disabled_at,
    )


__all__ = ["KIND_WORDS", "ChannelService"]
