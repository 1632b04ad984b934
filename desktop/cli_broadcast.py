"""Headless broadcast commands: ``send-due``, ``robot add|test|list``, ``broadcast add|list``, ``agenda``.

cli.py wires them with two small edits: ``cli_broadcast.add_commands(sub)`` in build_parser, and
``cli_broadcast.run(db, args)`` (returning its code unless None) in run_command. ``send-due`` is
meant for cron / Windows Task Scheduler: it exits 1 when anything failed or needs the operator.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import datetime, timedelta
from typing import Any

from desktop.cli_args import add_db
from desktop.domain.errors import ValidationError

#: formats accepted by --at, tried in order (without a date: today; without a year: this year)
AT_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M:%S")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为秒数, 而不是“{text}”") from None
    if not 0 < value <= 86_400:
        raise argparse.ArgumentTypeError("秒数应在 0 到 86400 之间")
    return value


def _days(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 366:
        raise argparse.ArgumentTypeError("天数应为 1 到 366 的整数")
    return int(text)


def add_commands(sub: Any) -> None:
    """Register the broadcast commands on cli.py's sub-parsers action."""
    send = sub.add_parser("send-due", help="发送所有到期的机器人群发 (适合计划任务); 手动群只统计")
    add_db(send)
    send.add_argument("--dry-run", action="store_true", help="只显示将发送什么, 不发送也不写入")
    send.add_argument("--timeout", type=_seconds, default=10.0, metavar="SECONDS", help="单次请求超时 (默认 10 秒)")
    send.add_argument("--lease", type=_seconds, default=300.0, metavar="SECONDS",
                      help="发送中的占用时长; 程序中断后超过这个时间的消息会被标记为待确认 (默认 300 秒)")

    robot = sub.add_parser("robot", help="群机器人: add / test / list")
    robot_sub = robot.add_subparsers(dest="robot_command", metavar="ACTION", required=True)
    add = robot_sub.add_parser("add", help="给群添加机器人 (粘贴平台显示的 Webhook 地址)")
    add_db(add)
    add.add_argument("group", metavar="GROUP_ID_OR_NAME", help="群编号或完整群名")
    add.add_argument("url", metavar="URL", help="Webhook 地址")
    add.add_argument("--secret", default="", help="加签密钥 (钉钉 / 飞书)")
    add.add_argument("--kind", default="auto", choices=("auto", "wecom", "dingtalk", "feishu"),
                     help="机器人类型 (默认按地址自动识别)")
    add.add_argument("--name", default="", help="显示名称")
    test = robot_sub.add_parser("test", help="发送一条测试消息")
    add_db(test)
    test.add_argument("id", type=int, metavar="ID", help="机器人编号 (robot list 可查)")
    listing = robot_sub.add_parser("list", help="列出机器人 (地址已打码)")
    add_db(listing)

    broadcast = sub.add_parser("broadcast", help="群发: add / list")
    b_sub = broadcast.add_subparsers(dest="broadcast_command", metavar="ACTION", required=True)
    b_add = b_sub.add_parser("add", help="新建并启用一个群发")
    add_db(b_add)
    b_add.add_argument("--text", required=True, help="内容, 可用 {群名} {群主} {团长} {截单时间} {日期} 等变量")
    b_add.add_argument("--title", default="", help="标题 (默认取内容第一行)")
    targets = b_add.add_mutually_exclusive_group(required=True)
    targets.add_argument("--groups", metavar="IDS", help="目标群编号或群名, 逗号分隔 (例如 3,5,8)")
    targets.add_argument("--segment", metavar="NAME", help="已保存的分组名 (发送时才确定包含哪些群)")
    when = b_add.add_mutually_exclusive_group()
    when.add_argument("--at", metavar="TIME", help="发送时间: 'YYYY-MM-DD HH:MM' 或今天的 'HH:MM' (默认立即)")
    when.add_argument("--rrule", metavar="RULE", help="重复规则 RFC 5545, 例如 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0'")
    b_add.add_argument("--start", metavar="TIME", help="与 --rrule 一起: 首次时间 (默认现在)")
    b_add.add_argument("--no-quiet", action="store_true", help="不使用免打扰时段 (默认 22:00-08:00 不发送)")
    b_list = b_sub.add_parser("list", help="列出群发")
    add_db(b_list)

    agenda = sub.add_parser("agenda", help="未来几天的发送日程")
    add_db(agenda)
    agenda.add_argument("--days", type=_days, default=7, help="天数 (默认 7)")
    agenda.add_argument("--group", metavar="GROUP_ID_OR_NAME", help="只看一个群")


def run(db: Any, args: argparse.Namespace) -> int | None:
    """Run one of this module's commands; None for any other command."""
    handlers = {"send-due": _send_due, "robot": _robot, "broadcast": _broadcast, "agenda": _agenda}
    handler = handlers.get(args.command)
    return handler(db, args) if handler else None


def parse_at(text: str, now: datetime) -> datetime:
    """--at / --start: a full date-time, or HH:MM meaning today; a clear message otherwise."""
    value = text.strip()
    if re.fullmatch(r"\d{1,2}[:：]\d{2}", value):
        hour, minute = (int(x) for x in re.split(r"[:：]", value))
        if hour > 23 or minute > 59:
            raise ValidationError(f"时间不对: {value}", "at")
        return now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    for fmt in AT_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise ValidationError(f"看不懂的时间“{value}”; 请写成 2026-11-25 18:00 或 18:00", "at")


# ------------------------------------------------------------------------------------------ send-due
def _send_due(db: Any, args: argparse.Namespace) -> int:
    from desktop.services.dispatch import Dispatcher
    from desktop.services.robots import RobotClient

    client = RobotClient(timeout=args.timeout, connect_timeout=min(5.0, args.timeout))
    try:
        dispatcher = Dispatcher(db, client=client, lease=timedelta(seconds=args.lease))
        summary = dispatcher.run(dry_run=args.dry_run, progress=_progress_printer())
    finally:
        client.close()
    print(file=sys.stderr)
    for line in summary.lines(dry_run=args.dry_run):
        print(line)
    return 0 if args.dry_run or summary.ok else 1


def _progress_printer():  # type: ignore[no-untyped-def]
    import time

    last = [0.0]

    def report(done: int, total: int, message: str) -> None:
        now = time.monotonic()
        if now - last[0] < 0.5 and done < total:
            return
        last[0] = now
        print(f"\r{message}", end="", file=sys.stderr, flush=True)

    return report


# ------------------------------------------------------------------------------------------ robots
def _robot(db: Any, args: argparse.Namespace) -> int:
    from desktop.services.channels import ChannelService

    service = ChannelService(db)
    if args.robot_command == "add":
        channel = service.add_robot(args.group, args.url, secret=args.secret, kind=args.kind, name=args.name)
        print(f"已添加机器人 #{channel.id} ({channel.kind.value}) 到群“{channel.group_name}”: {channel.url_masked}")
        print(f"可以用 qundesk robot test {channel.id} 发一条测试消息")
        return 0
    if args.robot_command == "test":
        result = service.test_robot(args.id)
        print(result.message)
        return 0 if result.ok else 1
    channels = service.list_channels()
    if not channels:
        print("还没有机器人")
    for c in channels:
        state = "启用" if c.enabled else f"停用 ({c.disabled_reason or '—'})"
        print(f"#{c.id:<4} {c.kind.value:<9} {c.group_name or '-':<20} {state}  {c.url_masked}")
    return 0


# ------------------------------------------------------------------------------------------ broadcasts
def _broadcast(db: Any, args: argparse.Namespace) -> int:
    from desktop.services.broadcasts import BroadcastService

    service = BroadcastService(db)
    if args.broadcast_command == "list":
        return _broadcast_list(service)
    return _broadcast_add(db, service, args)


def _broadcast_add(db: Any, service: Any, args: argparse.Namespace) -> int:
    from desktop.domain.broadcasts import BroadcastDraft
    from desktop.domain.enums import ScheduleKind

    now = datetime.now()
    group_ids: tuple[int, ...] = ()
    segment_id = None
    if args.groups:
        group_ids = _group_ids(db, args.groups)
    else:
        segment_id = _segment_id(db, args.segment)
    if args.start and not args.rrule:
        raise ValidationError("--start 只能和 --rrule 一起使用", "start")
    kind = ScheduleKind.RRULE if args.rrule else ScheduleKind.ONCE
    run_at = parse_at(args.at, now) if args.at else (parse_at(args.start, now) if args.start else None)
    quiet = {"quiet_start": None, "quiet_end": None} if args.no_quiet else {}
    draft = BroadcastDraft(title=args.title, body=args.text, schedule_kind=kind, run_at=run_at,
                           rrule=args.rrule or "", group_ids=group_ids, segment_id=segment_id, **quiet)
    created = service.create(draft)
    print(f"已创建群发 #{created.id}“{created.title}”: {created.schedule_text()}")
    if created.next_due:
        print(f"下次发送: {created.next_due:%Y-%m-%d %H:%M}")
    return 0


def _group_ids(db: Any, text: str) -> tuple[int, ...]:
    from desktop.services.channels import ChannelService

    service = ChannelService(db)
    refs = [part.strip() for part in re.split(r"[,，]", text) if part.strip()]
    if not refs:
        raise ValidationError("--groups 至少写一个群编号或群名", "groups")
    return tuple(service.resolve_group(ref) for ref in refs)


def _segment_id(db: Any, name: str) -> int:
    from desktop.domain.errors import NotFoundError
    from desktop.services.segments import SegmentService

    wanted = name.strip()
    for segment in SegmentService(db).list():
        if segment.name == wanted:
            return segment.id
    raise NotFoundError(f"找不到名为“{wanted}”的分组")


def _broadcast_list(service: Any) -> int:
    broadcasts = service.list_broadcasts()
    if not broadcasts:
        print("还没有群发")
    for b in broadcasts:
        counts = " ".join(f"{status.value}={n}" for status, n in sorted(b.counts.items()))
        target = f"分组“{b.segment_name}”" if b.segment_name else f"{len(b.group_ids)} 个群"
        nxt = f" 下次 {b.next_due:%m-%d %H:%M}" if b.next_due else ""
        print(f"#{b.id:<4} {b.status.value:<9} {b.title[:30]:<30} {target}  {b.schedule_text()}{nxt}  {counts}")
    return 0


# ------------------------------------------------------------------------------------------ agenda
def _agenda(db: Any, args: argparse.Namespace) -> int:
    from desktop.services.broadcasts import BroadcastService
    from desktop.services.channels import ChannelService

    group_id = ChannelService(db).resolve_group(args.group) if args.group else None
    entries = BroadcastService(db).agenda(days=args.days, group_id=group_id)
    if not entries:
        print(f"未来 {args.days} 天没有要发送的群发")
        return 0
    day = None
    for e in entries:
        if e.at.date() != day:
            day = e.at.date()
            print(f"{day:%Y-%m-%d} 周{'一二三四五六日'[day.weekday()]}")
        who = f"群“{e.group_name}”" if e.group_name else f"{e.group_count} 个群"
        how = f"机器人 {e.robot_count} / 手动 {e.group_count - e.robot_count}"
        print(f"  {e.at:%H:%M}  #{e.broadcast_id} {e.title[:30]}  {who}  ({how})")
    return 0
