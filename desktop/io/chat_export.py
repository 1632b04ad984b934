"""WeChat chat-history exports (MemoTrace and PyWxDump CSV) reduced to per-group day counts.

Group chats are the ones whose id ends in "@chatroom"; MemoTrace numbers chats instead, so there a
chat with more than one other sender counts as a group. Message text is dropped as it is read
unless ``keep_text`` is asked for. The file is streamed, so exports of millions of messages fit.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path

from desktop.domain.errors import ImportFileError
from desktop.domain.imports import (
    ChatDayStat,
    ChatExport,
    ChatFormat,
    ChatMemberDayStat,
    ChatMessage,
    ChatRoom,
    RowProblem,
)
from desktop.domain.progress import CancelToken, ProgressFn

from .normalize import CellError, to_datetime

CHATROOM_SUFFIX = "@chatroom"
SELF_NAME = "我"
PROGRESS_EVERY = 20_000
MAX_PROBLEMS = 100

MEMOTRACE_COLUMNS = (
    "localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status", "StrContent", "StrTime",
    "Remark", "NickName", "Sender",
)
PYWXDUMP_COLUMNS = ("id", "MsgSvrID", "type_name", "is_sender", "talker", "room_name", "content", "CreateTime")
#: MemoTrace's Type for system notices (joins, recalls, pats): not anyone's message
MEMOTRACE_SYSTEM_TYPE = "10000"


@dataclass(frozen=True, slots=True)
class _Message:
    chat_id: str
    sender_id: str
    sender_name: str
    is_self: bool
    raw_time: str
    text: str


def detect_chat_format(header: Sequence[str]) -> ChatFormat | None:
    names = {name.strip().lstrip("\ufeff") for name in header}
    if {"TalkerId", "IsSender", "CreateTime", "StrContent"} <= names:
        return ChatFormat.MEMOTRACE
    if {"talker", "room_name", "is_sender", "CreateTime"} <= names:
        return ChatFormat.PYWXDUMP
    return None


def read_chat_export(
    path: Path,
    *,
    keep_text: bool = False,
    tz: tzinfo | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> ChatExport:
    """Per-group and per-member day counts of a chat export; times in ``tz`` (default: this computer's)."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"找不到文件：{path}", str(path))
    total = path.stat().st_size
    tally = _Tally(keep_text)
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding=_sniff_encoding(path), newline="")
        reader = csv.reader(text)
        header = next(reader, None)
        chat_format = detect_chat_format(header or ())
        if header is None or chat_format is None:
            raise ImportFileError(f"{path.name} 不是可识别的聊天记录导出（MemoTrace 或 PyWxDump 的 CSV）", str(path))
        messages = _memotrace(reader, header) if chat_format is ChatFormat.MEMOTRACE else _pywxdump(reader, header)
        try:
            for count, message in enumerate(messages, start=1):
                tally.add(count + 1, message, tz)
                if count % PROGRESS_EVERY == 0:
                    if cancel is not None:
                        cancel.raise_if_cancelled()
                    if progress is not None:
                        progress(min(raw.tell(), total), total, f"已读取 {count} 条消息")
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ImportFileError(f"{path.name} 第 {tally.rows_read + 2} 行无法读取：{exc}", str(path)) from exc
    if progress is not None:
        progress(total, total, f"已读取 {tally.rows_read} 条消息")
    return tally.result(chat_format, path)


def _sniff_encoding(path: Path) -> str:
    """utf-8-sig when the first megabyte decodes as UTF-8, otherwise GB18030."""
    with path.open("rb") as fh:
        sample = fh.read(1 << 20)
    try:
        # final=False: the sample may end inside a multi-byte character
        codecs.getincrementaldecoder("utf-8-sig")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def _columns(header: Sequence[str], wanted: Sequence[str]) -> dict[str, int]:
    position = {name.strip().lstrip("\ufeff"): i for i, name in enumerate(header)}
    return {name: position.get(name, -1) for name in wanted}


def _cell(row: Sequence[str], index: int) -> str:
    return row[index].strip() if 0 <= index < len(row) else ""


def _memotrace(rows: Iterator[list[str]], header: Sequence[str]) -> Iterator[_Message | None]:
    col = _columns(header, MEMOTRACE_COLUMNS)
    for row in rows:
        if _cell(row, col["Type"]) == MEMOTRACE_SYSTEM_TYPE:
            yield None
            continue
        is_self = _cell(row, col["IsSender"]) == "1"
        sender = _cell(row, col["Sender"])
        name = _cell(row, col["Remark"]) or _cell(row, col["NickName"])
        yield _Message(
            chat_id=_cell(row, col["TalkerId"]),
            sender_id=sender or (SELF_NAME if is_self else ""),
            sender_name=name or (SELF_NAME if is_self else sender),
            is_self=is_self,
            raw_time=_cell(row, col["CreateTime"]) or _cell(row, col["StrTime"]),
            text=row[col["StrContent"]] if 0 <= col["StrContent"] < len(row) else "",
        )


def _pywxdump(rows: Iterator[list[str]], header: Sequence[str]) -> Iterator[_Message | None]:
    col = _columns(header, PYWXDUMP_COLUMNS)
    for row in rows:
        talker = _cell(row, col["talker"])
        if talker == "系统" or "系统" in _cell(row, col["type_name"]):
            yield None
            continue
        is_self = _cell(row, col["is_sender"]) == "1"
        yield _Message(
            chat_id=_cell(row, col["room_name"]),
            sender_id=talker or (SELF_NAME if is_self else ""),
            sender_name=talker or (SELF_NAME if is_self else ""),
            is_self=is_self,
            raw_time=_cell(row, col["CreateTime"]),
            text=_pywxdump_text(row[col["content"]] if 0 <= col["content"] < len(row) else ""),
        )


def _pywxdump_text(cell: str) -> str:
    """PyWxDump writes the content JSON-encoded, sometimes as {"src": ..., "msg": ...}."""
    try:
        content = json.loads(cell)
    except ValueError:
        return cell
    if isinstance(content, dict):
        return str(content.get("msg", ""))
    return content if isinstance(content, str) else cell


def _moment(raw: str, tz: tzinfo | None) -> datetime:
    if raw.isdigit():
        seconds = int(raw)
        # some exports write milliseconds
        if seconds > 100_000_000_000:
            seconds //= 1000
        moment = datetime.fromtimestamp(seconds, tz)
        return moment.replace(tzinfo=None)
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        return to_datetime(raw)


class _Tally:
    """Counts per chat, day and sender while streaming; message text only when kept."""

    def __init__(self, keep_text: bool) -> None:
        self.keep_text = keep_text
        self.rows_read = 0
        self.rows_skipped = 0
        self.problems: list[RowProblem] = []
        self.member_days: Counter[tuple[str, str, date]] = Counter()
        self.names: dict[tuple[str, str], str] = {}
        self.selves: set[tuple[str, str]] = set()
        self.kept: list[ChatMessage] = []

    def add(self, line: int, message: _Message | None, tz: tzinfo | None) -> None:
        self.rows_read += 1
        if message is None or not message.chat_id or not message.sender_id:
            self.rows_skipped += 1
            return
        try:
            moment = _moment(message.raw_time, tz)
        except (CellError, ValueError, OverflowError, OSError):
            self.rows_skipped += 1
            if len(self.problems) < MAX_PROBLEMS:
                self.problems.append(RowProblem(line, "CreateTime", None, message.raw_time, "无法识别的时间"))
            return
        member = (message.chat_id, message.sender_id)
        self.member_days[(message.chat_id, message.sender_id, moment.date())] += 1
        if message.sender_name:
            self.names[member] = message.sender_name
        if message.is_self:
            self.selves.add(member)
        if self.keep_text:
            self.kept.append(ChatMessage(*member, message.sender_name, moment, message.text))

    def result(self, chat_format: ChatFormat, path: Path) -> ChatExport:
        senders: dict[str, set[str]] = {}
        for chat_id, sender, _day in self.member_days:
            senders.setdefault(chat_id, set()).add(sender)
        groups = {chat for chat, members in senders.items() if self._is_group(chat, members)}
        day_messages: Counter[tuple[str, date]] = Counter()
        day_members: Counter[tuple[str, date]] = Counter()
        member_stats = []
        by_day = sorted(self.member_days.items(), key=lambda item: (item[0][0], item[0][2], item[0][1]))
        for (chat_id, sender, day), count in by_day:
            if chat_id not in groups:
                continue
            day_messages[(chat_id, day)] += count
            day_members[(chat_id, day)] += 1
            member = (chat_id, sender)
            member_stats.append(
                ChatMemberDayStat(chat_id, sender, self.names.get(member, ""), day, count, member in self.selves)
            )
        day_stats = tuple(
            ChatDayStat(chat_id, day, count, day_members[(chat_id, day)])
            for (chat_id, day), count in sorted(day_messages.items())
        )
        return ChatExport(
            format=chat_format,
            source_name=path.name,
            rooms=self._rooms(groups, day_stats, senders, chat_format, path),
            day_stats=day_stats,
            member_day_stats=tuple(member_stats),
            messages=tuple(m for m in self.kept if m.chat_id in groups),
            rows_read=self.rows_read,
            rows_skipped=self.rows_skipped + sum(c for (chat, _, _), c in self.member_days.items() if chat not in groups),
            problems=tuple(self.problems),
        )

    def _is_group(self, chat_id: str, members: set[str]) -> bool:
        if chat_id.endswith(CHATROOM_SUFFIX):
            return True
        # a MemoTrace chat number: a private chat has at most one sender besides the operator
        others = {m for m in members if (chat_id, m) not in self.selves}
        return chat_id.isdigit() and len(others) > 1

    @staticmethod
    def _rooms(
        groups: set[str],
        day_stats: tuple[ChatDayStat, ...],
        senders: dict[str, set[str]],
        chat_format: ChatFormat,
        path: Path,
    ) -> tuple[ChatRoom, ...]:
        # MemoTrace names a one-chat export after the chat: "<备注名>_utf8.csv"
        single_name = path.stem.removesuffix("_utf8") if chat_format is ChatFormat.MEMOTRACE and len(groups) == 1 else ""
        by_chat: dict[str, list[ChatDayStat]] = {}
        for stat in day_stats:
            by_chat.setdefault(stat.chat_id, []).append(stat)
        return tuple(
            ChatRoom(
                chat_id=chat_id,
                name=single_name,
                messages=sum(stat.messages for stat in days),
                members=len(senders[chat_id]),
                first_day=days[0].day,
                last_day=days[-1].day,
            )
            for chat_id, days in sorted(by_chat.items())
        )
