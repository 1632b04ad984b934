"""``qundesk import``: preview and confirm, --yes, --report, --undo, --history, one-line errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from desktop.__main__ import main
from tests.unit.test_imports_service import write_messy_workbook


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def counts(capsys, db: str) -> dict[str, int]:
    _, out, _ = run(capsys, "info", "--db", db, "--json")
    return json.loads(out)["counts"]


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    path = tmp_path / "社群数据.xlsx"
    write_messy_workbook(path)
    return path


def test_preview_then_no_writes_nothing(capsys, tmp_path: Path, messy: Path, monkeypatch) -> None:
    db = str(tmp_path / "w.db")
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, out, _ = run(capsys, "import", str(messy), "--kind", "groups", "--db", db)
    assert code == 1
    assert "新增 4, 更新 0, 跳过 1, 失败 1" in out and "第 10 行" in out and "已取消" in out
    assert counts(capsys, db)["groups"] == 0


def test_yes_imports_writes_report_then_undo_and_history(capsys, tmp_path: Path, messy: Path, monkeypatch) -> None:
    db = str(tmp_path / "w.db")
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    code, out, err = run(capsys, "import", str(messy), "--kind", "groups", "--db", db)
    assert code == 0, err
    assert "已导入 (批次 #1): 新增 4" in out
    report = tmp_path / "report.xlsx"
    code, out, err = run(capsys, "import", str(messy), "--kind", "members", "--sheet", "成員", "--policy", "update",
                         "--yes", "--report", str(report), "--db", db)
    assert code == 0, err
    assert "新增 3" in out and report.is_file()
    assert openpyxl.load_workbook(report)["导入明细"].max_row == 5
    assert counts(capsys, db)["members"] == 3
    code, out, _ = run(capsys, "import", "--history", "--db", db)
    assert code == 0 and out.splitlines()[0].startswith("#2") and "members" in out
    code, out, _ = run(capsys, "import", "--undo", "2", "--db", db)
    assert code == 0 and "已撤销导入批次 #2" in out
    assert counts(capsys, db)["members"] == 0
    code, _, err = run(capsys, "import", "--undo", "2", "--db", db)
    assert code == 1 and "已经撤销过了" in err and len(err.strip().splitlines()) == 1


def test_bad_input_is_one_line_and_non_zero(capsys, tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    path = tmp_path / "缺列.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["微信号"])
    book.active.append(["wx1"])
    book.save(path)
    code, _, err = run(capsys, "import", str(path), "--kind", "members", "--yes", "--db", db)
    assert code == 1 and "缺列.xlsx" in err and "昵称" in err
    code, _, err = run(capsys, "import", str(tmp_path / "nope.xlsx"), "--kind", "groups", "--yes", "--db", db)
    assert code == 1 and "找不到文件" in err
    code, _, err = run(capsys, "import", "--kind", "groups", "--db", db)
    assert code == 2
    assert counts(capsys, db)["members"] == 0
