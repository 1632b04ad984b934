"""The headless commands: one line on stderr and a non-zero exit for bad input, JSON for scripts."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.__main__ import main
from desktop.store.engine import SCHEMA_HEAD


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_info_json_on_a_new_database(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "info", "--db", str(tmp_path / "new.db"), "--json")
    assert code == 0, err
    info = json.loads(out)
    assert info["schema_version"] == info["head_version"] == SCHEMA_HEAD
    assert info["quick_check"] == "ok"
    assert info["counts"]["groups"] == 0 and info["counts"]["labels"] == 8


def test_demo_then_info_counts(capsys, tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    code, out, err = run(capsys, "demo", "--db", db, "--groups", "12", "--members", "200", "--days", "14")
    assert code == 0, err
    assert "演示工作区已生成" in out
    code, out, _ = run(capsys, "info", "--db", db, "--json")
    counts = json.loads(out)["counts"]
    assert counts["groups"] == 12 and counts["members"] == 200 and counts["interactions"] > 0
    code, _, err = run(capsys, "demo", "--db", db, "--groups", "12", "--members", "200")
    assert code == 1 and err.strip().splitlines()[-1].startswith("qundesk:")  # never mixes demo data in


@pytest.mark.parametrize("make_bad", ["missing_folder", "corrupt", "newer"])
def test_bad_database_is_one_line_and_exit_2(capsys, tmp_path: Path, make_bad: str) -> None:
    target = tmp_path / "x.db"
    if make_bad == "missing_folder":
        target = tmp_path / "nowhere" / "x.db"
    elif make_bad == "corrupt":
        target.write_bytes(b"\x00garbage" * 64)
    else:
        main(["info", "--db", str(target)])
        con = sqlite3.connect(target)
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
        con.commit()
        con.close()
    capsys.readouterr()
    code, out, err = run(capsys, "info", "--db", str(target))
    assert code == 2
    assert out == "" and len(err.strip().splitlines()) == 1 and err.startswith("qundesk: ")


def test_module_entry_point_runs(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "desktop", "info", "--db", str(tmp_path / "m.db")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert SCHEMA_HEAD in result.stdout


def test_export_and_report_commands_write_workbooks(capsys, tmp_path: Path) -> None:
    import openpyxl

    db = str(tmp_path / "demo.db")
    assert run(capsys, "demo", "--db", db, "--groups", "6", "--members", "80", "--days", "20")[0] == 0
    out = tmp_path / "members.xlsx"
    code, _, err = run(capsys, "export", "--db", db, "--kind", "members", "--out", str(out))
    assert code == 0, err
    book = openpyxl.load_workbook(out, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    book.close()
    assert len(rows) == 81  # header + every member
    phones = [cell for row in rows[1:] for cell in row if isinstance(cell, str) and "****" in cell]
    assert phones  # masked by default
    report = tmp_path / "report.xlsx"
    code, _, err = run(capsys, "report", "--db", db, "--period", "week", "--out", str(report))
    assert code == 0, err
    book = openpyxl.load_workbook(report, read_only=True)
    assert book.sheetnames[:3] == ["汇总", "每日", "群明细"]
    book.close()
    code, _, err = run(capsys, "report", "--db", db, "--period", "2026-13-01..x", "--out", str(report))
    assert code != 0 and err.strip().splitlines()[-1].startswith("qundesk:")
