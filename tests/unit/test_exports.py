"""Table exports: the io writer (xlsx and csv), the export service and the ``export`` command."""

from __future__ import annotations

import argparse
import json
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop import cli_export
from desktop.domain.enums import InteractionKind, Tier
from desktop.domain.errors import ValidationError
from desktop.domain.progress import Cancelled, CancelToken
from desktop.domain.reports import ColumnKind, ColumnSpec, ExportFilter, SortKey, display_width, mask_phone
from desktop.io.export import formula_safe, money_text, write_table
from desktop.io.normalize import FORMULA_STARTS, to_text
from desktop.io.reader import read_grid
from desktop.services import exports as exports_module
from desktop.services.exports import ExportService
from desktop.store.engine import Database
from desktop.store.models import AuditLog, Group, GroupDayStat, Interaction, Member, Membership

K = ColumnKind
COLUMNS = [
    ColumnSpec("昵称"),
    ColumnSpec("人数", K.INT),
    ColumnSpec("金额", K.MONEY),
    ColumnSpec("复购率", K.PERCENT),
    ColumnSpec("日期", K.DATE),
    ColumnSpec("时间", K.DATETIME),
    ColumnSpec("手机号", K.PHONE),
    ColumnSpec("日均", K.NUMBER),
]
ROWS = [
    ("宝妈团购群的小太阳🌞", 356, 123450, 0.25, date(2026, 11, 20), datetime(2026, 11, 20, 9, 30, 5),
     "13812345678", 12.5),
    ("=cmd|' /C calc'!A0", 0, -1250, 0.0, None, None, "+8613900001111", None),
    ("007", None, 1, None, date(2026, 1, 2), None, None, 1.0),
]


def _sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


# --------------------------------------------------------------------------------------------------
# pure helpers


@pytest.mark.parametrize(("phone", "masked"), [
    ("13812345678", "138****5678"),
    ("+8613812345678", "+86138****5678"),
    ("02012345678", "020****5678"),
    ("12345", "***45"),
    ("", ""),
    (None, ""),
])
def test_mask_phone(phone: str | None, masked: str) -> None:
    assert mask_phone(phone) == masked


def test_formula_safe_prefixes_exactly_what_import_strips() -> None:
    for start in FORMULA_STARTS:
        text = f"{start}1+1"
        assert formula_safe(text) == "'" + text
        assert to_text(formula_safe(text)) == text
    assert formula_safe("普通文本") == "普通文本"
    assert formula_safe("") == ""


def test_display_width_counts_cjk_double() -> None:
    assert display_width("abcd") == 4
    assert display_width("群名称") == 6
    assert display_width("VIP群") == 5


def test_money_text_is_exact() -> None:
    assert money_text(123450) == "1234.50"
    assert money_text(-1250) == "-12.50"
    assert money_text(5) == "0.05"


# --------------------------------------------------------------------------------------------------
# the xlsx writer


@pytest.fixture
def xlsx(tmp_path: Path) -> Path:
    out = tmp_path / "表.xlsx"
    assert write_table(COLUMNS, iter(ROWS), out) == 3
    return out


def test_xlsx_header_frozen_autofilter_widths(xlsx: Path) -> None:
    ws = openpyxl.load_workbook(xlsx)["数据"]
    assert [c.value for c in ws[1]] == [spec.header for spec in COLUMNS]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:H4"
    # the CJK nickname column is fitted wider than the 8-char default, the phone column to its fixed width
    assert ws.column_dimensions["A"].width > display_width(ROWS[0][0])
    assert ws.column_dimensions["G"].width >= 16


def test_xlsx_number_formats_and_values(xlsx: Path) -> None:
    ws = openpyxl.load_workbook(xlsx)["数据"]
    row = {spec.header: cell for spec, cell in zip(COLUMNS, ws[2], strict=True)}
    assert row["人数"].value == 356 and row["人数"].number_format == "#,##0"
    assert row["金额"].value == 1234.5 and row["金额"].number_format == "¥#,##0.00"
    assert row["复购率"].value == 0.25 and row["复购率"].number_format == "0.0%"
    assert row["日期"].value == datetime(2026, 11, 20) and row["日期"].number_format == "yyyy-mm-dd"
    assert row["时间"].value == datetime(2026, 11, 20, 9, 30, 5)
    assert row["时间"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert row["日均"].number_format == "#,##0.0"
    assert ws["C3"].value == -12.5
    # leading zeros survive: text stays text
    assert ws["A4"].value == "007" and ws["A4"].data_type == "s"


def test_xlsx_masks_phones_and_quotes_formulas(xlsx: Path) -> None:
    ws = openpyxl.load_workbook(xlsx)["数据"]
    assert ws["G2"].value == "138****5678"
    assert ws["G3"].value == "'+86139****1111"
    assert ws["A3"].value == "'=cmd|' /C calc'!A0"
    assert ws["A3"].data_type == "s"
    assert "<f>" not in _sheet_xml(xlsx)  # nothing was written as a formula


def test_xlsx_reads_back_with_pandas_calamine(xlsx: Path) -> None:
    frame = pd.read_excel(xlsx, engine="calamine", dtype=object)
    assert list(frame.columns) == [spec.header for spec in COLUMNS]
    assert frame.loc[0, "昵称"] == "宝妈团购群的小太阳🌞"
    assert frame.loc[0, "金额"] == 1234.5
    assert frame.loc[1, "昵称"] == "'=cmd|' /C calc'!A0"
    assert to_text(frame.loc[1, "昵称"]) == "=cmd|' /C calc'!A0"
    assert frame.loc[2, "昵称"] == "007"


def test_full_phones_are_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "full.xlsx"
    write_table(COLUMNS, ROWS, out, full_phones=True)
    ws = openpyxl.load_workbook(out)["数据"]
    assert ws["G2"].value == "13812345678"
    assert to_text(ws["G3"].value) == "+8613900001111"


def test_progress_and_cancel(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    rows = [("x", i) for i in range(5000)]
    out = tmp_path / "p.xlsx"
    write_table([ColumnSpec("a"), ColumnSpec("b", K.INT)], rows, out, total=5000,
                progress=lambda done, total, _msg: seen.append((done, total)))
    assert seen[0] == (0, 5000) and seen[-1] == (5000, 5000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    token = CancelToken()

    def cancelling(done: int, _total: int, _msg: str) -> None:
        if done >= 2000:
            token.cancel()

    target = tmp_path / "cancelled.xlsx"
    with pytest.raises(Cancelled):
        write_table([ColumnSpec("a")], ([str(i)] for i in range(10_000)), target, progress=cancelling, cancel=token)
    assert list(tmp_path.glob("*cancelled*")) == []  # neither the file nor its temporary twin


def test_refuses_unknown_suffix_and_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        write_table(COLUMNS, ROWS, tmp_path / "x.xls")
    with pytest.raises(ValidationError):
        write_table(COLUMNS, ROWS, tmp_path / "nope" / "x.xlsx")


# --------------------------------------------------------------------------------------------------
# csv


def test_csv_has_bom_and_plain_values(tmp_path: Path) -> None:
    out = tmp_path / "表.csv"
    write_table(COLUMNS, ROWS, out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "昵称,人数,金额,复购率,日期,时间,手机号,日均"
    assert lines[1] == "宝妈团购群的小太阳🌞,356,1234.50,25.0%,2026-11-20,2026-11-20 09:30:05,138****5678,12.5"
    assert lines[2] == "'=cmd|' /C calc'!A0,0,-12.50,0.0%,,,'+86139****1111,"
    grid = read_grid(out).frame
    assert to_text(grid.iloc[2, 0]) == "=cmd|' /C calc'!A0"
    assert grid.iloc[3, 0] == "007"


# --------------------------------------------------------------------------------------------------
# round trip: export, then read back the way the importer does


def _round_trippable(text: str) -> bool:
    """What to_text can give back exactly: no surrounding whitespace it would strip (a formula-start
    character is protected by the quote prefix), and not already quote-prefixed (that prefix is taken
    off on import by design, so "'=x" cannot survive)."""
    if text != text.rstrip():
        return False
    if text != text.lstrip() and not text.startswith(FORMULA_STARTS):
        return False
    return not (text.startswith("'") and text[1:2] in FORMULA_STARTS)


_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
nicknames = st.one_of(
    st.text(_chars, max_size=30),
    st.builds(lambda s, p: p + s, st.text(_chars, max_size=10), st.sampled_from(["=", "+", "-", "@", "\t", "0", "00"])),
    st.sampled_from(["😀宝妈", "=SUM(A1:A2)", "@群主", "-5", "0012", "a\nb", "a\rb", "x\x07y", "_x0041_", "\u3000空格"]),
).filter(_round_trippable)
phones = st.one_of(
    st.from_regex(r"\+86 ?1[3-9]\d{9}", fullmatch=True),
    st.from_regex(r"0\d{2,3}\d{7,8}", fullmatch=True),
    st.from_regex(r"1[3-9]\d{9}", fullmatch=True),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(nicknames, phones), min_size=1, max_size=8), suffix=st.sampled_from([".xlsx", ".csv"]))
def test_round_trip_export_then_import(rows: list[tuple[str, str]], suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"rt{suffix}"
        write_table([ColumnSpec("昵称"), ColumnSpec("手机号", K.PHONE)], rows, out, full_phones=True)
        grid = read_grid(out).frame
        back = [(to_text(grid.iloc[i, 0]), to_text(grid.iloc[i, 1])) for i in range(1, len(rows) + 1)]
    assert back == rows


# --------------------------------------------------------------------------------------------------
# the service


@pytest.fixture
def workspace(db: Database) -> Database:
    with db.transaction() as session:
        g1 = Group(name="宝妈团购1群", search_key="宝妈团购1群 baomatuangou1qun", member_count=120)
        g2 = Group(name="=夜跑群", search_key="=夜跑群 yepaoqun", member_count=30)
        session.add_all([g1, g2])
        session.flush()
        people = [Member(nickname=f"成员{i}", phone=f"1380000{i:04d}", tier=Tier.FAN, search_key=f"chengyuan{i}")
                  for i in range(1, 6)]
        session.add_all(people)
        session.flush()
        session.add_all(Membership(member_id=m.id, group_id=g1.id if i % 2 else g2.id)
                        for i, m in enumerate(people))
        for day in (1, 2, 3):
            session.add(GroupDayStat(group_id=g1.id, day=date(2026, 11, day), messages=10 * day, active_members=day,
                                     joins=day, leaves=0))
            session.add(Interaction(occurred_at=datetime(2026, 11, day, 10), day=date(2026, 11, day), group_id=g1.id,
                                    member_id=people[0].id, kind=InteractionKind.PURCHASE, summary="+1 两份",
                                    amount_cents=1990))
    return db


def test_export_members_masked_by_default_and_no_audit(workspace: Database, tmp_path: Path) -> None:
    result = ExportService(workspace).export("members", tmp_path / "m.xlsx")
    assert result.rows == 5 and not result.full_phones
    frame = pd.read_excel(tmp_path / "m.xlsx", engine="calamine", dtype=object)
    assert frame["手机号"].tolist() == [f"138****{i:04d}" for i in range(1, 6)]
    assert frame["等级"].tolist() == ["粉丝"] * 5
    with workspace.transaction() as session:
        assert session.scalars(select(AuditLog).where(AuditLog.action == "export_full_phones")).all() == []


def test_full_export_is_audited(workspace: Database, tmp_path: Path) -> None:
    out = tmp_path / "m.csv"
    result = ExportService(workspace).export("members", out, full_phones=True, columns=["nickname", "phone"])
    assert result.full_phones
    assert "13800000001" in out.read_text(encoding="utf-8-sig")
    with workspace.transaction() as session:
        row = session.scalars(select(AuditLog).where(AuditLog.action == "export_full_phones")).one()
        detail = json.loads(row.detail_json)
    assert row.entity == "members" and detail["rows"] == 5 and detail["columns"] == ["nickname", "phone"]


def test_full_flag_without_phone_column_is_not_a_full_export(workspace: Database, tmp_path: Path) -> None:
    result = ExportService(workspace).export("groups", tmp_path / "g.xlsx", full_phones=True)
    assert not result.full_phones


def test_export_columns_sort_and_filters(workspace: Database, tmp_path: Path) -> None:
    service = ExportService(workspace)
    out = tmp_path / "g.xlsx"
    service.export("groups", out, columns=["name", "member_count", "last_active"],
                   filter=ExportFilter(sort=(SortKey("member_count", descending=False),)))
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]] == ["群名称", "人数", "最后活跃"]
    assert ws["A2"].value == "'=夜跑群"  # sorted by size: the small group first, and quote-prefixed
    assert ws["C3"].value == datetime(2026, 11, 3)

    service.export("day_stats", out, filter=ExportFilter(day_from=date(2026, 11, 2), sort=(SortKey("messages", True),)))
    frame = pd.read_excel(out, engine="calamine")
    assert frame["消息数"].tolist() == [30, 20]
    assert frame["净增"].tolist() == [3, 2]

    service.export("interactions", out, filter=ExportFilter(day_to=date(2026, 11, 2)))
    frame = pd.read_excel(out, engine="calamine", dtype=object)
    assert frame["类型"].tolist() == ["购买", "购买"]
    assert frame["金额"].tolist() == [19.9, 19.9]
    assert frame["内容"].tolist() == ["'+1 两份"] * 2


def test_export_ids_filter_both_paths(workspace: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    service = ExportService(workspace)
    with workspace.transaction() as session:
        ids = frozenset(session.scalars(select(Member.id).where(Member.nickname.in_(["成员2", "成员4"]))))
    out = tmp_path / "m.csv"
    assert service.export("members", out, filter=ExportFilter(ids=ids)).rows == 2
    monkeypatch.setattr(exports_module, "IN_LIMIT", 1)  # large selections are filtered while streaming
    assert service.export("members", out, filter=ExportFilter(ids=ids), columns=["nickname"]).rows == 2
    assert out.read_text(encoding="utf-8-sig").splitlines() == ["昵称", "成员2", "成员4"]


def test_export_refuses_unknown_kind_column_and_sort(workspace: Database, tmp_path: Path) -> None:
    service = ExportService(workspace)
    with pytest.raises(ValidationError):
        service.export("orders_typo", tmp_path / "x.xlsx")
    with pytest.raises(ValidationError):
        service.export("groups", tmp_path / "x.xlsx", columns=["nope"])
    with pytest.raises(ValidationError):
        service.export("groups", tmp_path / "x.xlsx", filter=ExportFilter(sort=(SortKey("nope"),)))
    assert not (tmp_path / "x.xlsx").exists()


def test_export_rows_delegates_and_audits_full(workspace: Database, tmp_path: Path) -> None:
    service = ExportService(workspace)
    out = tmp_path / "shown.xlsx"
    result = service.export_rows([ColumnSpec("昵称"), ColumnSpec("手机号", K.PHONE)], [("甲", "13812345678")], out,
                                 full_phones=True, what="members_page")
    assert result.rows == 1 and result.full_phones
    assert openpyxl.load_workbook(out).active["B2"].value == "13812345678"
    with workspace.transaction() as session:
        assert session.scalars(select(AuditLog.entity).where(AuditLog.action == "export_full_phones")).one() == \
            "members_page"


def test_service_lists_columns() -> None:
    assert ExportService.kinds() == ("groups", "members", "interactions", "day_stats")


# --------------------------------------------------------------------------------------------------
# the command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qundesk")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("info")
    cli_export.add_commands(sub)
    return parser


def test_cli_export(workspace: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "members.xlsx"
    args = _parser().parse_args(["export", "--kind", "members", "--out", str(out), "--full-phones"])
    assert cli_export.run(workspace, args) == 0
    assert "已导出 5 行" in capsys.readouterr().out
    assert openpyxl.load_workbook(out).active["E2"].value == "13800000001"
    assert cli_export.run(workspace, _parser().parse_args(["info"])) is None
    with pytest.raises(SystemExit):
        _parser().parse_args(["export", "--kind", "orders", "--out", "x.xlsx"])
