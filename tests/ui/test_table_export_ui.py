"""Exporting what a table shows from the real window: rows, order, visible columns, masked phones."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
from PySide6.QtCore import Qt

from desktop.domain.members import MemberDraft
from desktop.services.members import MemberService
from desktop.store.engine import open_database
from desktop.ui.models.groups_model import GroupColumn

from .conftest import type_text, wait_loaded


def read_back(path: Path) -> list[tuple]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    book.close()
    return rows


def test_groups_export_follows_filter_sort_and_hidden_columns(qtbot, open_window, seeded_path: Path,
                                                              tmp_path: Path) -> None:
    window = open_window(seeded_path)
    wait_loaded(qtbot, window, 5)
    page = window.groups_page
    type_text(page.search, "阳光")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5_000)
    page.table.sortByColumn(GroupColumn.NAME, Qt.SortOrder.DescendingOrder)
    page.table.horizontalHeader().hideSection(GroupColumn.LABELS)
    shown = [page.model.group_at(r).name for r in range(2)]
    out = tmp_path / "groups.xlsx"
    window.export_current(str(out), full_phones=False)
    qtbot.waitUntil(lambda: out.exists() and window.runner.active_count == 0, timeout=10_000)
    rows = read_back(out)
    assert rows[0][0] == "群名称" and "标签" not in rows[0]
    assert [row[0] for row in rows[1:]] == shown
    members_column = rows[0].index("人数")
    assert all(isinstance(row[members_column], int) for row in rows[1:])  # a number, not "0 / 500"


def test_members_export_masks_phones_and_csv_opens_in_excel(qtbot, open_window, seeded_path: Path,
                                                          tmp_path: Path) -> None:
    db = open_database(seeded_path)
    members = MemberService(db)
    for nickname, phone in (("王芳", "13800138000"), ("李娜", "+86 139 0013 9000"), ("=cmd|' /C calc'!A0", None)):
        members.create(MemberDraft(nickname=nickname, phone=phone))
    db.dispose()
    window = open_window(seeded_path)
    window.show_page("members")
    page = window.members_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)
    out = tmp_path / "members.xlsx"
    window.export_current(str(out), full_phones=False)
    qtbot.waitUntil(lambda: out.exists() and window.runner.active_count == 0, timeout=10_000)
    rows = read_back(out)
    phone = rows[0].index("手机")
    assert sorted(str(row[phone] or "") for row in rows[1:]) == ["", "138****8000", "139****9000"]
    assert any(row[0] == "'=cmd|' /C calc'!A0" for row in rows[1:])  # text, never a formula

    csv = tmp_path / "members.csv"
    window.export_current(str(csv), full_phones=True)
    qtbot.waitUntil(lambda: csv.exists() and window.runner.active_count == 0, timeout=10_000)
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    frame = pd.read_csv(csv, encoding="utf-8-sig", dtype=str)
    assert sorted(frame["手机"].dropna()) == ["13800138000", "13900139000"]
