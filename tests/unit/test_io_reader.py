"""Reading real, messy workbooks and CSV files the tests write themselves, down to exact parsed rows."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
import xlsxwriter

from desktop.domain.enums import GroupStatus, PaymentStatus, Platform, Role, Tier
from desktop.domain.errors import ImportFileError, ValidationError
from desktop.domain.imports import ColumnMapping, ImportKind
from desktop.io.header import detect_header, source_signature
from desktop.io.reader import read_grid, sheet_names
from desktop.io.rows import REQUIRED_EMPTY, load_sheet, parse_rows

GROUP_HEADER = ["序号", "群名稱", "平台", "群主", "人數", "建群日期", "狀態", "標籤", "備註"]


def write_messy_workbook(path: Path) -> None:
    """Title row over a merged range, a blank row, Traditional headers, a totals row, a second sheet."""
    book = openpyxl.Workbook()
    groups = book.active
    groups.title = "群列表"
    groups["A1"] = "2026年11月 社群名單"
    groups.merge_cells("A1:I1")
    groups["A2"] = "導出人：運營部"
    groups.append([])
    groups.append(GROUP_HEADER)
    groups.append([1, "夜跑群", "微信", "王芳", 356, datetime(2026, 1, 5), "活躍", "新客群，夜跑", None])
    groups.append([2, "VIP客户群", "企業微信", "李雷", "356人", 46346, "沉默", None, "重點"])
    groups.append([None] * 9)
    groups.append([3, "團購3群", "企微", "韓梅梅", 120.0, "2026年11月20日", "正常", "", "'=1+1"])
    groups.append([4, "抖音粉絲群", "火星", "", "很多", "2026/13/01", "", "", ""])
    groups.append(["合計", "", "", "", 832])
    members = book.create_sheet("成員")
    members.append(["暱稱", "微信號", "手機號碼", "客戶等級", "種子用戶", "推薦人"])
    members.append(["王芳", "wangfang88", 13800138000.0, "會員", "是", None])
    members.append(["李雷", None, "+86 139 0013 9000", "粉絲", "否", "王芳"])
    members.append(["", "", "", "", "", ""])
    members.append(["韓梅梅", 12345678, 13700137000, "合夥人", None, "李雷"])
    book.save(path)


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    path = tmp_path / "群名单.xlsx"
    write_messy_workbook(path)
    return path


def test_sheet_names_in_order(messy: Path) -> None:
    assert sheet_names(messy) == ["群列表", "成員"]


def test_header_found_below_title_rows_and_merged_title(messy: Path) -> None:
    grid = read_grid(messy)
    mapping = detect_header(grid.frame, ImportKind.GROUPS)
    assert grid.sheet == "群列表"
    assert mapping.header_row == 3
    assert mapping.headers == tuple(GROUP_HEADER)
    assert dict(mapping.columns) == {
        "name": 1, "platform": 2, "owner": 3, "member_count": 4, "start_date": 5, "status": 6, "labels": 7,
        "note": 8,
    }
    assert mapping.unmatched == (0,)


def test_messy_groups_sheet_parses_to_exact_rows(messy: Path) -> None:
    sheet = load_sheet(messy, ImportKind.GROUPS)
    assert sheet.missing_fields == ()
    assert sheet.skipped_rows == (10,)
    assert [row.row for row in sheet.rows] == [5, 6, 8, 9]
    assert [dict(row.values) for row in sheet.rows[:3]] == [
        {"name": "夜跑群", "platform": Platform.WECHAT, "owner": "王芳", "member_count": 356,
         "start_date": date(2026, 1, 5), "status": GroupStatus.ACTIVE, "labels": ("新客群", "夜跑"), "note": None},
        {"name": "VIP客户群", "platform": Platform.WECOM, "owner": "李雷", "member_count": 356,
         "start_date": date(2026, 11, 20), "status": GroupStatus.DORMANT, "labels": None, "note": "重點"},
        {"name": "團購3群", "platform": Platform.WECOM, "owner": "韓梅梅", "member_count": 120,
         "start_date": date(2026, 11, 20), "status": GroupStatus.ACTIVE, "labels": None, "note": "=1+1"},
    ]
    assert all(row.ok for row in sheet.rows[:3])
    bad = sheet.rows[3]
    assert [(p.row, p.field, p.column, p.raw, p.reason) for p in bad.problems] == [
        (9, "platform", 2, "火星", "无法识别的平台：火星"),
        (9, "member_count", 4, "很多", "不是整数：很多"),
        (9, "start_date", 5, "2026/13/01", "无法识别的日期：2026/13/01"),
    ]
    assert bad.values["name"] == "抖音粉絲群" and bad.values["platform"] is None
    assert not sheet.ok


def test_second_sheet_with_numeric_phones_and_traditional_values(messy: Path) -> None:
    sheet = load_sheet(messy, ImportKind.MEMBERS, sheet="成員")
    assert sheet.mapping.header_row == 0
    assert [(row.row, dict(row.values)) for row in sheet.rows] == [
        (2, {"nickname": "王芳", "wechat_id": "wangfang88", "phone": "13800138000", "tier": Tier.MEMBER,
             "seed_user": True, "referrer": None}),
        (3, {"nickname": "李雷", "wechat_id": None, "phone": "13900139000", "tier": Tier.FAN,
             "seed_user": False, "referrer": "王芳"}),
        (5, {"nickname": "韓梅梅", "wechat_id": "12345678", "phone": "13700137000", "tier": Tier.PARTNER,
             "seed_user": None, "referrer": "李雷"}),
    ]


def test_unknown_sheet_is_a_clear_error(messy: Path) -> None:
    with pytest.raises(ImportFileError, match="没有工作表“订单”，可选：群列表、成員"):
        read_grid(messy, "订单")


def write_order_export(path: Path) -> None:
    """A 快团团 export as xlsxwriter writes it: header on row 3, repeated 跟团号, ¥ text, totals."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("订单")
    when = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.merge_range("A1:H1", "快团团 · 11月20日 脐橙团购")
    header = ["跟团号", "下单人", "支付时间", "商品", "数量", "订单金额(元)", "订单状态", "联系电话"]
    sheet.write_row(2, 0, header)
    sheet.write_row(3, 0, [101, "王芳"])
    sheet.write_datetime(3, 2, datetime(2026, 11, 20, 9, 30), when)
    sheet.write_row(3, 3, ["脐橙5斤", 2, "¥1,234.50", "已支付", 13800138000])
    sheet.write_row(4, 0, [101, "王芳", "2026/11/20 09:30", "阳光玫瑰", 1, 59.9, "已支付", 13800138000])
    sheet.write_row(5, 0, [102, "李雷", "2026年11月20日 10:05", "脐橙5斤", "1份", "39.8元", "已退款", "+86 139 0013 9000"])
    sheet.write_row(6, 0, ["", "", "", "", "", "", "", ""])
    sheet.write_row(7, 0, ["", "总计", "", "", 4, "¥1,334.20"])
    book.close()


def test_order_export_rows(tmp_path: Path) -> None:
    path = tmp_path / "orders.xlsx"
    write_order_export(path)
    sheet = load_sheet(path, ImportKind.ORDERS)
    assert sheet.mapping.header_row == 2
    assert sheet.skipped_rows == (8,)
    assert sheet.ok
    values = [dict(row.values) for row in sheet.rows]
    assert [row.row for row in sheet.rows] == [4, 5, 6]
    assert values == [
        {"external_no": "101", "buyer_name": "王芳", "paid_at": datetime(2026, 11, 20, 9, 30),
         "product": "脐橙5斤", "quantity": 2, "amount_cents": 123450, "payment_status": PaymentStatus.PAID,
         "phone": "13800138000"},
        {"external_no": "101", "buyer_name": "王芳", "paid_at": datetime(2026, 11, 20, 9, 30),
         "product": "阳光玫瑰", "quantity": 1, "amount_cents": 5990, "payment_status": PaymentStatus.PAID,
         "phone": "13800138000"},
        {"external_no": "102", "buyer_name": "李雷", "paid_at": datetime(2026, 11, 20, 10, 5),
         "product": "脐橙5斤", "quantity": 1, "amount_cents": 3980, "payment_status": PaymentStatus.REFUNDED,
         "phone": "13900139000"},
    ]


CSV_TEXT = (
    "会员名单（导出）\n"
    "\n"
    "微信昵称,手机号,等级,备注\n"
    "王芳,13800138000,会员,老客户\n"
    "李雷,,粉丝,\"多行\n备注\"\n"
    "合计,2\n"
)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_in_every_encoding_reads_the_same(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "members.csv"
    path.write_bytes(CSV_TEXT.encode(encoding))
    assert sheet_names(path) == ["members"]
    sheet = load_sheet(path, ImportKind.MEMBERS)
    assert sheet.mapping.header_row == 2
    assert sheet.skipped_rows == (6,)
    assert [(row.row, dict(row.values)) for row in sheet.rows] == [
        (4, {"nickname": "王芳", "phone": "13800138000", "tier": Tier.MEMBER, "note": "老客户"}),
        (5, {"nickname": "李雷", "phone": None, "tier": Tier.FAN, "note": "多行\n备注"}),
    ]


def test_csv_grid_is_marked_text_and_parses_as_an_unmarked_one(tmp_path: Path) -> None:
    """A CSV's cells are all text: the grid says so (no scan for missing values, no type pass per
    column) and the parser reads it exactly as it reads the same grid without the marks."""
    from desktop.io import reader as reader_module

    path = tmp_path / "members.csv"
    path.write_bytes(CSV_TEXT.encode("utf-8"))
    frame = read_grid(path).frame
    assert frame.attrs[reader_module.NO_MISSING] is True
    assert frame.attrs[reader_module.CELL_TYPES] == [frozenset({str})] * frame.shape[1]
    unmarked = frame.copy()
    unmarked.attrs = {}
    mapping = detect_header(frame, ImportKind.MEMBERS)
    marked_rows = parse_rows(frame, ImportKind.MEMBERS, mapping)
    plain_rows = parse_rows(unmarked, ImportKind.MEMBERS, mapping)
    assert [(r.row, dict(r.values)) for r in marked_rows.rows] == [(r.row, dict(r.values)) for r in plain_rows.rows]
    assert marked_rows.skipped_rows == plain_rows.skipped_rows == (6,)


def test_required_field_empty_and_required_column_missing(tmp_path: Path) -> None:
    path = tmp_path / "memberships.csv"
    path.write_text("群名称,角色\n夜跑群,圍觀者\n,组织者\n", encoding="utf-8")
    sheet = load_sheet(path, ImportKind.MEMBERSHIPS)
    assert sheet.missing_fields == ("nickname",)
    assert [dict(row.values) for row in sheet.rows] == [
        {"group_name": "夜跑群", "role": Role.LURKER},
        {"group_name": None, "role": Role.ORGANIZER},
    ]
    assert [(p.row, p.field, p.reason) for p in sheet.problems] == [(3, "group_name", REQUIRED_EMPTY)]


def test_operator_mapping_correction_round_trips_and_is_used(messy: Path) -> None:
    frame = read_grid(messy).frame
    detected = detect_header(frame, ImportKind.GROUPS)
    corrected = detected.with_field("external_id", 0).with_field("note", None)
    assert corrected.columns["external_id"] == 0 and "note" not in corrected.columns
    assert corrected.unmatched == (8,)
    restored = ColumnMapping.from_json(corrected.to_json())
    assert restored == corrected
    assert restored.signature == source_signature(GROUP_HEADER) == detected.signature
    sheet = parse_rows(frame, ImportKind.GROUPS, restored)
    assert [row.values["external_id"] for row in sheet.rows] == ["1", "2", "3", "4"]
    assert all("note" not in row.values for row in sheet.rows)
    with pytest.raises(ValidationError):
        detected.with_field("no_such_field", 1)
    with pytest.raises(ValidationError):
        ColumnMapping.from_json('{"kind": "groups"}')


def test_signature_ignores_spelling_but_not_layout() -> None:
    assert source_signature(["群名稱", "人數", ""]) == source_signature(["群名称 ", "人数"])
    assert source_signature(["群名称", "人数"]) != source_signature(["人数", "群名称"])


def test_no_recognisable_header_maps_nothing(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("\nfoo,bar\n1,2\n", encoding="utf-8")
    sheet = load_sheet(path, ImportKind.GROUPS)
    assert sheet.mapping.header_row == 1 and dict(sheet.mapping.columns) == {}
    assert sheet.missing_fields == ("name",) and sheet.rows == ()


def test_bad_files_are_explained_not_tracebacks(tmp_path: Path, messy: Path) -> None:
    cases: dict[str, bytes] = {
        "empty.xlsx": b"",
        "garbage.xlsx": b"this is not a workbook" * 50,
        "truncated.xlsx": messy.read_bytes()[:2000],
        "binary.csv": b"PK\x03\x04\x00\x00binary",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    with zipfile.ZipFile(tmp_path / "notexcel.xlsx", "w") as archive:
        archive.writestr("hello.txt", "hi")
    # an encrypted .xlsx is an OLE container with an EncryptionInfo stream
    ole = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 400
    (tmp_path / "locked.xlsx").write_bytes(ole)
    (tmp_path / "notes.txt").write_text("hi", encoding="utf-8")
    expected = {
        "empty.xlsx": "empty.xlsx 是空文件",
        "garbage.xlsx": "garbage.xlsx 不是有效的 Excel 文件",
        "truncated.xlsx": "truncated.xlsx 已损坏或不完整",
        "binary.csv": "binary.csv 不是文本 CSV 文件",
        "notexcel.xlsx": "notexcel.xlsx 无法作为 Excel 文件打开",
        "locked.xlsx": "locked.xlsx 设有打开密码",
        "notes.txt": "不支持 .txt 文件：notes.txt",
        "missing.xlsx": "找不到文件",
    }
    for name, message in expected.items():
        with pytest.raises(ImportFileError) as caught:
            read_grid(tmp_path / name)
        assert str(caught.value).startswith(message), (name, str(caught.value))
        assert caught.value.path == str(tmp_path / name)


def test_sheet_with_only_formatting_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("空")
    bold = book.add_format({"bold": True})
    for row in range(0, 2000, 7):
        sheet.write_blank(row, 3, None, bold)
    book.close()
    with pytest.raises(ImportFileError, match="工作表“空”是空的"):
        read_grid(path)


def test_zip_bomb_is_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.io.reader as reader

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 400_000)
    monkeypatch.setattr(reader, "RATIO_CHECK_FROM", 1 << 20)
    with pytest.raises(ImportFileError, match="压缩比异常"):
        read_grid(path)


def test_the_grid_is_what_pandas_read_excel_gives_cell_for_cell(tmp_path: Path) -> None:
    """read_grid's own pass over calamine's cells gives pd.read_excel's grid, types included: whole
    floats as ints (beyond int64 too), other floats kept, dates as datetimes, bools, text, blanks;
    and marks the grid as holding no missing value only when no column could hold one."""
    from desktop.io import reader as reader_module

    path = tmp_path / "types.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    rows = [["编号", "数量", "金额", "日期", "时间", "是否", "备注", "大数"],
            [1, 2.0, 3.5, date(2026, 11, 1), datetime(2026, 11, 1, 8, 30), True, "文字", 1e20],
            [2.0, -0.0, 1e-9, date(2026, 2, 28), datetime(2026, 2, 28, 23, 59, 59), False, "", -3e18],
            [3, 12345678901.0, -7.25, "2026-11-03", "", None, "'007", 9_007_199_254_740_993],
            ["合计", 4.0, None, None, None, None, None, 12.0]]
    for row in rows:
        sheet.append(row)
    book.save(path)
    grid = reader_module.read_grid(path).frame
    with pd.ExcelFile(path, engine="calamine") as excel:
        expected = pd.read_excel(excel, sheet_name=0, header=None, dtype=object, na_filter=False)
    assert grid.shape == expected.shape
    for (r, c), cell in np.ndenumerate(grid.to_numpy(dtype=object)):
        wanted = expected.iat[r, c]
        assert (type(cell), cell) == (type(wanted), wanted), (r, c, cell, wanted)
    assert grid.attrs[reader_module.NO_MISSING] is False  # 金额 keeps floats: a float may be NaN
    whole = tmp_path / "whole.xlsx"
    book = openpyxl.Workbook()
    for row in ([["编号", "数量"], [1, 2.0], [3.0, 4]]):
        book.active.append(row)
    book.save(whole)
    assert reader_module.read_grid(whole).frame.attrs[reader_module.NO_MISSING] is True


@pytest.mark.parametrize("text", ["合计", "總計", "小計：", "匯總", "汇 总", "TOTAL", "Grand Total", "to tal", "合計金額"])
def test_every_spelling_of_a_totals_row_is_still_found(text: str) -> None:
    """The quick look (计/計, 总/總 or a t) before the full check never hides a totals word."""
    from desktop.io.rows import _says_total

    assert _says_total(text)
    assert not _says_total("王芳") and not _says_total(12)


def test_order_columns_no_field_reads_are_read_as_extras(tmp_path: Path) -> None:
    """An order export's leader-defined columns are read as text fields ``extra:<column>``; the row
    numbers, an untitled column and (other kinds) columns no field reads are not."""
    path = tmp_path / "orders.csv"
    path.write_text("序号,跟团号,商品,小区,宝宝月龄,备用电话,,联系电话\n"
                    "1,101,纸尿裤,阳光花园,8,13900139000,随手记,13800138000\n"
                    "2,102,湿巾,,3个月,,,13700137000\n", encoding="utf-8")
    sheet = load_sheet(path, ImportKind.ORDERS)
    mapping = sheet.mapping
    assert mapping.unmatched == (0, 3, 4, 5) and mapping.extra_columns == (3, 4, 5)
    assert {name: column for name, column in mapping.columns.items() if name.startswith("extra:")} == {
        "extra:3": 3, "extra:4": 4, "extra:5": 5}
    assert [{k: v for k, v in row.values.items() if k.startswith("extra:")} for row in sheet.rows] == [
        {"extra:3": "阳光花园", "extra:4": "8", "extra:5": "13900139000"},
        {"extra:3": None, "extra:4": "3个月", "extra:5": None}]
    assert sheet.ok and sheet.missing_fields == ()
    assert detect_header(read_grid(path).frame, ImportKind.GROUPS).extra_columns == ()


def test_extras_follow_the_operators_corrections() -> None:
    from desktop.domain.imports import is_row_number_header, mapping_for

    groups = mapping_for(ImportKind.GROUPS, 0, ("群名称", "小区"), {"name": 0}, "s")
    assert groups.unmatched == (1,) and dict(groups.columns) == {"name": 0} and groups.extra_columns == ()
    orders = mapping_for(ImportKind.ORDERS, 0, ("No.", "跟团号", "商品", "小区", " "),
                         {"external_no": 1, "product": 2}, "s")
    assert orders.unmatched == (0, 3) and orders.extra_columns == (3,)
    # pointing a field at the column takes it out of the extras; leaving it out again puts it back
    assert orders.with_field("building", 3).extra_columns == ()
    assert orders.with_field("building", 3).with_field("building", None) == orders
    assert ColumnMapping.from_json(orders.to_json()) == orders
    assert all(map(is_row_number_header, ("序号", "序號", "No.", "NO", "#", "行号", " 序 号 ")))
    assert not any(map(is_row_number_header, ("小区", "编号", "Note", "订单号")))
