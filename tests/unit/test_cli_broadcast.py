"""The headless broadcast commands, and a dispatcher killed with SIGKILL in the middle of a send."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.__main__ import main
from desktop.domain.enums import DeliveryStatus
from desktop.store.engine import open_database
from desktop.store.models import Delivery, Group
from tests.support.broadcast_fixtures import add_groups
from tests.support.robot_server import RobotServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server() -> Iterator[RobotServer]:
    with RobotServer(hang_seconds=30) as srv:
        yield srv


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "w.db"
    db = open_database(path)
    add_groups(db, ["宝妈1群", "宝妈2群", "跑步群"], datetime.now())
    db.dispose()
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_robot_add_detects_the_kind_by_path_and_masks_the_key(capsys, workspace: Path, server: RobotServer) -> None:
    db = str(workspace)
    url = server.add_robot("wecom", "wk-secret-123")
    code, out, _ = run(capsys, "robot", "add", "宝妈1群", url, "--db", db)
    assert code == 0 and "wecom" in out and "wk-secret-123" not in out
    feishu = server.add_robot("feishu", "fs-token-456", secret="fsec")
    code, out, _ = run(capsys, "robot", "add", "2", feishu, "--secret", "fsec", "--db", db)
    assert code == 0 and "feishu" in out
    code, out, _ = run(capsys, "robot", "test", "2", "--db", db)
    assert code == 0 and "测试消息已发送" in out and server.texts("fs-token-456")
    code, out, _ = run(capsys, "robot", "list", "--db", db)
    assert "fs-token-456" not in out and "wk-secret-123" not in out and out.count("启用") == 2


@pytest.mark.parametrize(("args", "message"), [
    (("robot", "add", "宝妈1群", "not a url"), "Webhook 地址"),
    (("robot", "add", "宝妈1群", "https://example.com/x"), "看不出"),
    (("robot", "add", "没有这个群", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1"), "找不到群"),
    (("broadcast", "add", "--text", "hi {不存在}", "--groups", "1"), "不认识的变量"),
    (("broadcast", "add", "--text", "hi", "--groups", "1", "--rrule", "FREQ=MINUTELY"), "太频繁"),
    (("broadcast", "add", "--text", "hi", "--groups", "1", "--at", "明天早上"), "看不懂的时间"),
    (("broadcast", "add", "--text", "hi", "--segment", "没有"), "找不到名为"),
    (("robot", "test", "99"), "不存在"),
])
def test_bad_input_is_one_chinese_line(capsys, workspace: Path, args: tuple[str, ...], message: str) -> None:
    code, out, err = run(capsys, *args, "--db", str(workspace))
    assert code != 0 and message in err and "Traceback" not in err + out


def test_broadcast_add_list_agenda_send_due(capsys, workspace: Path, server: RobotServer) -> None:
    db = str(workspace)
    run(capsys, "robot", "add", "1", server.add_robot("dingtalk", "dt1", secret="SECx1"), "--secret", "SECx1",
        "--db", db)
    code, out, _ = run(capsys, "broadcast", "add", "--text", "{群名} 今晚上新", "--groups", "1,宝妈2群",
                       "--no-quiet", "--db", db)
    assert code == 0 and "已创建群发 #1" in out
    code, out, _ = run(capsys, "broadcast", "add", "--text", "周报", "--groups", "3",
                       "--rrule", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0", "--db", db)
    assert code == 0 and "下次发送" in out
    code, out, _ = run(capsys, "agenda", "--days", "8", "--db", db)
    assert code == 0 and "周报" in out and "今晚上新" in out
    code, out, _ = run(capsys, "send-due", "--dry-run", "--db", db)
    assert code == 0 and "将由机器人发送 1 条" in out and server.delivered() == 0
    code, out, _ = run(capsys, "send-due", "--db", db)
    assert code == 0 and "已发送 1 条" in out and "待手动发送 1 条" in out
    assert server.texts("dt1") == ["宝妈1群 今晚上新"]
    code, out, _ = run(capsys, "send-due", "--db", db)
    assert code == 0 and "已发送 0 条" in out and server.delivered() == 1
    code, out, _ = run(capsys, "broadcast", "list", "--db", db)
    assert "sent=1" in out and "pending=1" in out


def test_send_due_exit_code_when_a_robot_is_broken(capsys, workspace: Path, server: RobotServer) -> None:
    db = str(workspace)
    run(capsys, "robot", "add", "1", server.add_robot("wecom", "k404"), "--db", db)
    run(capsys, "broadcast", "add", "--text", "hi", "--groups", "1", "--no-quiet", "--db", db)
    server.fail("404", token="k404")
    code, out, _ = run(capsys, "send-due", "--db", db)
    assert code == 1 and "机器人已停用" in out and "k404" not in out


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_mid_send_then_restart_sends_nothing_twice(capsys, workspace: Path, server: RobotServer) -> None:
    db = str(workspace)
    for group_id, token in ((1, "a1"), (2, "a2"), (3, "a3")):
        run(capsys, "robot", "add", str(group_id), server.add_robot("wecom", token), "--db", db)
    run(capsys, "broadcast", "add", "--text", "{群名}: 18 点截单", "--groups", "1,2,3", "--no-quiet", "--db", db)
    server.fail("hang", contains="宝妈2群")  # the platform receives it, then never answers
    command = [sys.executable, "-m", "desktop", "send-due", "--db", db, "--timeout", "60", "--lease", "1"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while server.rejections["fail_hang"] == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.rejections["fail_hang"] == 1, "the dispatcher never reached the hanging request"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.communicate(timeout=10)
    assert process.returncode == -signal.SIGKILL
    time.sleep(1.2)  # the killed dispatcher's lease runs out
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert again.returncode == 1 and "上次发送中断" in again.stdout, (again.stdout, _dump(workspace), server.rejections,
                                                                   {t: server.texts(t) for t in ("a1", "a2", "a3")})
    assert server.delivered() == 3 and server.duplicates() == 0
    assert [len(server.texts(t)) for t in ("a1", "a2", "a3")] == [1, 1, 1]
    database = open_database(workspace)
    try:
        with database.transaction() as session:
            rows = session.execute(select(Group.name, Delivery.status, Delivery.flagged)
                                   .join(Group, Group.id == Delivery.group_id).order_by(Group.id)).all()
    finally:
        database.dispose()
    assert [tuple(r) for r in rows] == [("宝妈1群", DeliveryStatus.SENT, False), ("宝妈2群", DeliveryStatus.SENDING, True),
                                        ("跑步群", DeliveryStatus.SENT, False)]


def _dump(path: Path) -> list:
    database = open_database(path)
    try:
        with database.transaction() as session:
            return [tuple(r) for r in session.execute(select(Delivery.id, Delivery.group_id, Delivery.status,
                                                                Delivery.flagged, Delivery.lease_until,
                                                                Delivery.claimed_by, Delivery.attempts))]
    finally:
        database.dispose()
