"""Chat-history exports (MemoTrace, PyWxDump) reduced to per-group day counts, from CSV files written here."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

import desktop.io.chat_export as chat_export
from desktop.domain.errors import ImportFileError
from desktop.domain.imports import ChatDayStat, ChatFormat, ChatMemberDayStat, ChatMessage, ChatRoom
from desktop.domain.progress import Cancelled, CancelToken
from desktop.io.chat_export import MEMOTRACE_COLUMNS, PYWXDUMP_COLUMNS, detect_chat_format, read_chat_export

CHINA = timezone(timedelta(hours=8))


def unix(*parts: int) -> str:
    return str(int(datetime(*parts, tzinfo=CHINA).timestamp()))


def write_csv(path: Path, header: tuple[str, ...], rows: list[list[str]], encoding: str = "utf-8-sig") -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def memotrace_rows() -> list[list[str]]:
    """One group chat (numbered 7, as MemoTrace numbers chats): three people over two days, in China time."""
    row = [
        # localId, TalkerId, Type, SubType, IsSender, CreateTime, Status, StrContent, StrTime, Remark, NickName, Sender
        ["1", "7", "1", "0", "0", unix(2026, 11, 19, 23, 59), "2", "早上好", "", "芳姐", "王芳", "wxid_wf"],
        ["2", "7", "1", "0", "0", unix(2026, 11, 20, 0, 1), "2", "脐橙还有吗", "", "", "李雷", "wxid_ll"],
        ["3", "7", "1", "0", "1", unix(2026, 11, 20, 8, 0), "2", "有的", "", "", "运营小助手", "wxid_me"],
        ["4", "7", "10000", "0", "0", unix(2026, 11, 20, 8, 5), "2", "韩梅梅加入了群聊", "", "", "", ""],
        ["5", "7", "1", "0", "0", unix(2026, 11, 20, 9, 0), "2", "要两份", "", "", "李雷", "wxid_ll"],
        ["6", "7", "1", "0", "0", "", "2", "时间丢了", "2026-11-20 10:00:00", "", "李雷", "wxid_ll"],
        ["7", "7", "1", "0", "0", "昨天", "2", "坏时间", "", "", "李雷", "wxid_ll"],
    ]
    return row


def test_memotrace_group_export(tmp_path: Path) -> None:
    path = tmp_path / "夜跑群_utf8.csv"
    write_csv(path, MEMOTRACE_COLUMNS, memotrace_rows())
    result = read_chat_export(path, tz=CHINA)
    assert result.format is ChatFormat.MEMOTRACE
    assert result.source_name == "夜跑群_utf8.csv"
    assert result.rows_read == 7 and result.rows_skipped == 2
    assert [(p.row, p.raw, p.reason) for p in result.problems] == [(8, "昨天", "无法识别的时间")]
    assert result.rooms == (ChatRoom("7", "夜跑群", 5, 3, date(2026, 11, 19), date(2026, 11, 20)),)
    assert result.day_stats == (
        ChatDayStat("7", date(2026, 11, 19), 1, 1),
        ChatDayStat("7", date(2026, 11, 20), 4, 2),
    )
    assert result.member_day_stats == (
        ChatMemberDayStat("7", "wxid_wf", "芳姐", date(2026, 11, 19), 1, False),
        ChatMemberDayStat("7", "wxid_ll", "李雷", date(2026, 11, 20), 3, False),
        ChatMemberDayStat("7", "wxid_me", "运营小助手", date(2026, 11, 20), 1, True),
    )
    assert result.messages == ()


def test_memotrace_private_chat_is_not_a_group(tmp_path: Path) -> None:
    path = tmp_path / "王芳_utf8.csv"
    rows = [
        ["1", "9", "1", "0", "0", unix(2026, 11, 20, 9, 0), "2", "在吗", "", "芳姐", "王芳", "wxid_wf"],
        ["2", "9", "1", "0", "1", unix(2026, 11, 20, 9, 1), "2", "在", "", "", "我", "wxid_me"],
    ]
    write_csv(path, MEMOTRACE_COLUMNS, rows)
    result = read_chat_export(path, tz=CHINA)
    assert result.rooms == () and result.day_stats == () and result.member_day_stats == ()
    assert result.rows_read == 2 and result.rows_skipped == 2


def pywxdump_rows() -> list[list[str]]:
    room, other = "4455@chatroom", "wxid_friend"
    return [
        # id, MsgSvrID, type_name, is_sender, talker, room_name, content, CreateTime
        ["1", "901", "文本", "0", "wxid_a", room, json.dumps({"src": "", "msg": "大家好"}, ensure_ascii=False),
         "2026-11-20 09:00:00"],
        ["2", "902", "文本", "0", "wxid_b", room, json.dumps("今天团购几点截单", ensure_ascii=False),
         "2026-11-20 09:05:00"],
        ["3", "903", "文本", "1", "我", room, json.dumps("晚上八点", ensure_ascii=False), "2026-11-20 09:06:00"],
        ["4", "904", "系统通知", "0", "系统", room, json.dumps("wxid_c加入了群聊", ensure_ascii=False),
         "2026-11-20 09:07:00"],
        ["5", "905", "文本", "0", "wxid_a", room, json.dumps("好", ensure_ascii=False), "2026-11-21 07:30:00"],
        ["6", "906", "文本", "0", other, other, json.dumps("私聊", ensure_ascii=False), "2026-11-21 08:00:00"],
        ["7", "907", "图片", "0", "wxid_b", room, json.dumps({"src": "a.jpg", "msg": "图片"}, ensure_ascii=False),
         unix(2026, 11, 21, 23, 30)],
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_pywxdump_export_keeps_only_groups(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "4455@chatroom_0_5000.csv"
    write_csv(path, PYWXDUMP_COLUMNS, pywxdump_rows(), encoding)
    result = read_chat_export(path, tz=CHINA)
    room = "4455@chatroom"
    assert result.format is ChatFormat.PYWXDUMP
    assert result.rooms == (ChatRoom(room, "", 5, 3, date(2026, 11, 20), date(2026, 11, 21)),)
    assert result.day_stats == (
        ChatDayStat(room, date(2026, 11, 20), 3, 3),
        ChatDayStat(room, date(2026, 11, 21), 2, 2),
    )
    assert [(s.member_id, s.day.day, s.messages, s.is_self) for s in result.member_day_stats] == [
        ("wxid_a", 20, 1, False), ("wxid_b", 20, 1, False), ("我", 20, 1, True),
        ("wxid_a", 21, 1, False), ("wxid_b", 21, 1, False),
    ]
    assert result.rows_read == 7 and result.rows_skipped == 2
    assert result.messages == ()


def test_text_is_kept_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    write_csv(path, PYWXDUMP_COLUMNS, pywxdump_rows())
    result = read_chat_export(path, keep_text=True, tz=CHINA)
    assert result.messages[:3] == (
        ChatMessage("4455@chatroom", "wxid_a", "wxid_a", datetime(2026, 11, 20, 9, 0), "大家好"),
        ChatMessage("4455@chatroom", "wxid_b", "wxid_b", datetime(2026, 11, 20, 9, 5), "今天团购几点截单"),
        ChatMessage("4455@chatroom", "我", "我", datetime(2026, 11, 20, 9, 6), "晚上八点"),
    )
    assert [m.text for m in result.messages[3:]] == ["好", "图片"]


def test_progress_and_cancel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chat_export, "PROGRESS_EVERY", 2)
    path = tmp_path / "big.csv"
    write_csv(path, PYWXDUMP_COLUMNS, pywxdump_rows() * 3)
    reports: list[tuple[int, int, str]] = []
    read_chat_export(path, tz=CHINA, progress=lambda done, total, message: reports.append((done, total, message)))
    size = path.stat().st_size
    assert len(reports) == 11
    assert all(total == size and 0 <= done <= size for done, total, _ in reports)
    assert reports[-1] == (size, size, "已读取 21 条消息")

    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        read_chat_export(path, cancel=token)


def test_format_detection_and_foreign_files(tmp_path: Path) -> None:
    assert detect_chat_format(["\ufefflocalId", *MEMOTRACE_COLUMNS[1:]]) is ChatFormat.MEMOTRACE
    assert detect_chat_format(PYWXDUMP_COLUMNS) is ChatFormat.PYWXDUMP
    assert detect_chat_format(["群名称", "人数"]) is None
    other = tmp_path / "groups.csv"
    other.write_text("群名称,人数\n夜跑群,3\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="不是可识别的聊天记录导出"):
        read_chat_export(other)
    with pytest.raises(ImportFileError, match="找不到文件"):
        read_chat_export(tmp_path / "missing.csv")
