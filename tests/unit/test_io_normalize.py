"""Cell normalisers and the shipped alias table."""

from __future__ import annotations

import json
from datetime import date, datetime

import numpy as np
import pytest

from desktop.domain.enums import (
    FulfilmentStatus,
    GroupStatus,
    InteractionKind,
    Lifespan,
    PaymentStatus,
    Platform,
    Role,
    Tier,
)
from desktop.domain.errors import ValidationError
from desktop.domain.imports import KIND_FIELDS, ImportKind
from desktop.domain.members import normalise_phone
from desktop.io.aliases import ALIAS_FILE, alias_table, match_key
from desktop.io.normalize import (
    CellError,
    is_blank,
    to_bool,
    to_cents,
    to_count,
    to_date,
    to_datetime,
    to_enum,
    to_labels,
    to_phone,
    to_text,
    to_when,
)
from desktop.io.rows import _normalise_column
from desktop.paths import data_dir


@pytest.mark.parametrize(
    ("raw", "cents"),
    [
        ("¥1,234.50", 123450),
        ("￥1，234.50", 123450),
        ("1234.5元", 123450),
        ("RMB 12", 1200),
        ("人民币 3.20 元", 320),
        (1234.5, 123450),
        (0.1 + 0.2, 30),
        (12, 1200),
        ("-¥12.50", -1250),
        ("(12.50)", -1250),
        ("1.2万", 1200000),
        ("0.005", 1),
    ],
)
def test_amounts_become_integer_cents(raw: object, cents: int) -> None:
    assert to_cents(raw) == cents


@pytest.mark.parametrize("raw", ["abc", "¥", "12..5", True, datetime(2026, 1, 1), float("inf")])
def test_bad_amounts_say_why(raw: object) -> None:
    with pytest.raises(CellError) as caught:
        to_cents(raw)
    assert "金额" in caught.value.reason


@pytest.mark.parametrize(
    ("raw", "count"), [("356人", 356), ("356 人", 356), (356, 356), (356.0, 356), ("1,234", 1234), ("共12人", 12)]
)
def test_counts(raw: object, count: int) -> None:
    assert to_count(raw) == count


@pytest.mark.parametrize("raw", ["3.5", 3.5, -2, "很多", True])
def test_bad_counts(raw: object) -> None:
    with pytest.raises(CellError):
        to_count(raw)


@pytest.mark.parametrize(
    ("raw", "phone"),
    [
        (13800138000.0, "13800138000"),
        (13800138000, "13800138000"),
        ("13800138000.0", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("+86-138-0013-8000", "13800138000"),
        ("0086 13800138000", "13800138000"),
        ("'13800138000", "13800138000"),
        ("(021) 6888-1234", "02168881234"),
        ("+86 21 6888 1234", "+862168881234"),  # a landline keeps its country code, as the member editor keeps it
        ("+44 20 7946 0000", "+442079460000"),
        ("１３８００１３８０００", "13800138000"),
    ],
)
def test_phones(raw: object, phone: str) -> None:
    assert to_phone(raw) == phone


@pytest.mark.parametrize("raw", ["1.38001E+10", "abc", 1380.5, "12", True])
def test_bad_phones(raw: object) -> None:
    with pytest.raises(CellError):
        to_phone(raw)


@pytest.mark.parametrize("raw", [
    138001380001, "138001380001", "1380013800", 12345, 10**16, "12345678901234567"])
def test_phones_the_member_editor_refuses_are_refused(raw: object) -> None:
    """to_phone ends in the member editor's rule (normalise_phone): a mobile is 11 digits, at most 15
    digits in all; its message names what is wrong."""
    with pytest.raises(CellError) as refused:
        to_phone(raw)
    with pytest.raises(ValidationError) as typed:
        normalise_phone(str(raw))
    assert refused.value.reason == str(typed.value)
    if raw == 138001380001:
        assert refused.value.reason == "手机号“138001380001”应为 11 位数字 (现在是 12 位)"


def test_phone_cells_read_by_column_agree_with_to_phone_cell_by_cell() -> None:
    """The row parser's shortcut for whole-number phones gives what to_phone gives, refusals included."""
    raws = [13800138000, 19912345678, 138001380001, 1380013800, 12345, 1234, 8613800138000, 10**16,
            "+86 138 0013 8000", "138001380001"]
    values, errors = _normalise_column(np.array(raws, dtype=object), to_phone)
    failed = {position: reason for position, _, reason in errors}
    for position, raw in enumerate(raws):
        try:
            expected: object = to_phone(raw)
        except CellError as exc:
            assert failed[position] == exc.reason and values[position] is None
        else:
            assert position not in failed and values[position] == expected
    assert sorted(failed) == [2, 3, 4, 5, 7, 9]


@pytest.mark.parametrize(
    ("raw", "when"),
    [
        ("2026-11-20", date(2026, 11, 20)),
        ("2026/11/20", date(2026, 11, 20)),
        ("2026年11月20日", date(2026, 11, 20)),
        ("2026.11.20", date(2026, 11, 20)),
        ("2026-1-5", date(2026, 1, 5)),
        ("20261120", date(2026, 11, 20)),
        (20261120, date(2026, 11, 20)),
        ("2026-11-20 09:30", datetime(2026, 11, 20, 9, 30)),
        ("2026/11/20 9:30:15", datetime(2026, 11, 20, 9, 30, 15)),
        ("2026年11月20日 14:05", datetime(2026, 11, 20, 14, 5)),
        ("2026-11-20T09:30:00", datetime(2026, 11, 20, 9, 30)),
        (46346, date(2026, 11, 20)),
        (46346.0, date(2026, 11, 20)),
        (46346.375, datetime(2026, 11, 20, 9, 0)),
        (datetime(2026, 11, 20, 0, 0), date(2026, 11, 20)),
        (datetime(2026, 11, 20, 18, 45), datetime(2026, 11, 20, 18, 45)),
        (date(2026, 11, 20), date(2026, 11, 20)),
    ],
)
def test_dates_and_times(raw: object, when: date | datetime) -> None:
    assert to_when(raw) == when
    assert type(to_when(raw)) is type(when)


def test_date_and_datetime_coerce_each_other() -> None:
    assert to_date("2026-11-20 09:30") == date(2026, 11, 20)
    assert to_datetime("2026-11-20") == datetime(2026, 11, 20, 0, 0)


@pytest.mark.parametrize("raw", ["2026-13-01", "2026-02-30", "明天", "11月20日", -5, True])
def test_bad_dates(raw: object) -> None:
    with pytest.raises(CellError):
        to_when(raw)


@pytest.mark.parametrize(
    ("raw", "platform"),
    [
        ("微信", Platform.WECHAT),
        ("个人微信", Platform.WECHAT),
        ("WeChat", Platform.WECHAT),
        ("企微", Platform.WECOM),
        ("企业微信", Platform.WECOM),
        ("企業微信", Platform.WECOM),
        ("WeCom", Platform.WECOM),
        ("qq", Platform.QQ),
        ("QQ群", Platform.QQ),
        ("抖音", Platform.DOUYIN),
        ("小红书", Platform.XIAOHONGSHU),
        ("小紅書", Platform.XIAOHONGSHU),
        ("微博", Platform.WEIBO),
        ("钉钉", Platform.DINGTALK),
        ("釘釘", Platform.DINGTALK),
        ("飞书", Platform.FEISHU),
        ("飛書", Platform.FEISHU),
        ("Lark", Platform.FEISHU),
        ("wecom", Platform.WECOM),
    ],
)
def test_platform_names(raw: str, platform: Platform) -> None:
    assert to_enum(raw, Platform) is platform


@pytest.mark.parametrize(
    ("raw", "enum", "value"),
    [
        ("會員", Tier, Tier.MEMBER),
        ("粉絲", Tier, Tier.FAN),
        ("合夥人", Tier, Tier.PARTNER),
        ("目標用戶", Tier, Tier.PROSPECT),
        ("圍觀者", Role, Role.LURKER),
        ("組織者", Role, Role.ORGANIZER),
        ("挑戰者", Role, Role.CHALLENGER),
        ("長期群", Lifespan, Lifespan.LONG),
        ("快閃群", Lifespan, Lifespan.SHORT),
        ("已歸檔", GroupStatus, GroupStatus.ARCHIVED),
        ("轉介紹", InteractionKind, InteractionKind.REFERRAL),
        ("已支付", PaymentStatus, PaymentStatus.PAID),
        ("已退款", PaymentStatus, PaymentStatus.REFUNDED),
        ("已提貨", FulfilmentStatus, FulfilmentStatus.PICKED_UP),
    ],
)
def test_traditional_spellings_of_enum_values(raw: str, enum: type, value: object) -> None:
    assert to_enum(raw, enum) is value


def test_unknown_enum_value_names_the_field() -> None:
    with pytest.raises(CellError) as caught:
        to_enum("火星", Platform)
    assert caught.value.reason == "无法识别的平台：火星"


@pytest.mark.parametrize(
    ("raw", "value"),
    [("是", True), ("否", False), ("群主", True), ("管理员", True), ("普通成员", False), ("✓", True),
     (1, True), (0.0, False), ("Yes", True), (True, True)],
)
def test_booleans(raw: object, value: bool) -> None:
    assert to_bool(raw) is value


def test_text_cells() -> None:
    assert to_text(13800138000.0) == "13800138000"
    assert to_text(1.5) == "1.5"
    assert to_text("  王芳 ") == "王芳"
    assert to_text("'=SUM(A1)") == "=SUM(A1)"
    assert to_text("'+86 138") == "+86 138"
    assert to_text("'ok") == "'ok"
    assert to_text(datetime(2026, 11, 20, 9, 30)) == "2026-11-20 09:30:00"
    assert to_labels("新客群，VIP群、夜跑;新客群") == ("新客群", "VIP群", "夜跑")
    assert [is_blank(v) for v in ("", "  ", None, float("nan"), 0, "0")] == [True, True, True, True, False, False]


def test_match_key_folds_width_case_traditional_punctuation_and_notes() -> None:
    assert match_key("群名稱") == match_key("群名称") == "群名称"
    assert match_key(" Group  Name ") == "groupname"
    assert match_key("订单金额(元)") == match_key("订单金额（元）") == "订单金额"
    assert match_key("*手机号") == "手机号"
    assert match_key("(备注)") == "备注"


def test_alias_table_covers_every_field_without_ambiguity() -> None:
    data = json.loads((data_dir() / ALIAS_FILE).read_text(encoding="utf-8"))
    assert all(len(pair) == 2 and pair[0] != pair[1] for pair in data["fold"].split())
    for kind in ImportKind:
        spec = data["kinds"][kind.value]
        assert set(spec) == {f.name for f in KIND_FIELDS[kind]}, kind
        keys = [match_key(alias) for aliases in spec.values() for alias in aliases]
        duplicates = {key for key in keys if keys.count(key) > 1}
        assert duplicates == set(), (kind, duplicates)
    table = alias_table()
    for enum in (Platform, GroupStatus, Lifespan, Tier, Role, InteractionKind, PaymentStatus, FulfilmentStatus):
        assert set(table.vocabularies[enum.__name__].values.values()) == {member.value for member in enum}
