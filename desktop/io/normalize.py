"""Cell normalisers: one raw cell in, one clean value out, or a CellError saying why not.

Cells arrive as the readers give them: str, int, float, bool, datetime, date, time. Callers skip
blank cells (``is_blank``) before normalising.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar

from dateutil import parser as date_parser

from desktop.domain.errors import ValidationError
from desktop.domain.members import normalise_phone

from .aliases import alias_table, match_key

E = TypeVar("E", bound=StrEnum)


class CellError(ValueError):
    """A cell that cannot be read as the field needs; ``reason`` is shown to the operator."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


#: Excel's day 0 in the 1900 date system (it counts the fictitious 1900-02-29, hence the 30th)
EXCEL_EPOCH = datetime(1899, 12, 30)
MAX_EXCEL_SERIAL = 2_958_465  # 9999-12-31
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")

_AMOUNT_NOISE = re.compile(r"人民币|rmb|cny|[¥$元圆,\s]", re.IGNORECASE)
_COUNT = re.compile(r"[共约]?(\d+)(?:\.0+)?(?:人|位|个|名|条|次|份|件|单|张|盒|斤|袋)?")
_PHONE_SEPARATORS = re.compile(r"[\s\-()/.]")
_SCIENTIFIC = re.compile(r"\d+(?:\.\d+)?e\+?\d+", re.IGNORECASE)
_DATE_TEXT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"
    r"(?:(?:\s+|T|\s*日?\s*)(\d{1,2})\s*[:：时點点]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})(?:\.\d+)?)?\s*[秒分]?)?"
)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_LABEL_SEPARATORS = re.compile(r"[,，、;；/|\n]+")


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


def to_text(value: object) -> str:
    """Text as the operator sees it: numbers without a spurious ".0", the OWASP quote prefix removed."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError("不是有效的数值")
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds") if value.time() != time() else value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    text = str(value).strip()
    # our exports write "'=..." so the cell can never run as a formula; take it back off
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS and len(text) > 1:
        return text[1:]
    return text


def _decimal(value: object, what: str) -> Decimal:
    """A number cell as an exact Decimal (repr keeps 1234.5 from becoming 1234.4999...)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float) and math.isfinite(value):
        return Decimal(repr(value))
    if isinstance(value, Decimal) and value.is_finite():
        return value
    raise CellError(f"不是{what}：{value}")


def to_cents(value: object) -> int:
    """An amount in yuan ("¥1,234.50", "1234.5元", "(12.50)", "1.2万", 1234.5) as integer cents."""
    if not isinstance(value, str):
        amount = _decimal(value, "金额")
    else:
        text = _AMOUNT_NOISE.sub("", unicodedata.normalize("NFKC", value))
        negative = text.startswith("(") and text.endswith(")")
        text = text.strip("()")
        scale = Decimal(10_000) if text.endswith("万") else Decimal(1)
        try:
            amount = Decimal(text.removesuffix("万")) * scale
        except InvalidOperation:
            raise CellError(f"无法识别的金额：{value.strip()}") from None
        if not amount.is_finite():
            raise CellError(f"无法识别的金额：{value.strip()}")
        if negative:
            amount = -amount
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_count(value: object) -> int:
    """A whole, non-negative count: 356, 356.0, "356人", "1,234", "共 12 人"."""
    if isinstance(value, str):
        text = re.sub(r"[,\s]", "", unicodedata.normalize("NFKC", value))
        match = _COUNT.fullmatch(text)
        if match is None:
            raise CellError(f"不是整数：{value.strip()}")
        return int(match.group(1))
    number = _decimal(value, "整数")
    if number != number.to_integral_value():
        raise CellError(f"不是整数：{to_text(value)}")
    if number < 0:
        raise CellError(f"不能为负数：{to_text(value)}")
    return int(number)


def to_phone(value: object) -> str:
    """A phone number as digits: 13800138000.0 -> "13800138000", "+86 138 0013 8000" -> "13800138000",
    "+44 20 7946 0000" -> "+442079460000". The cell is cleaned of what sheets add (a float's ".0", the
    quote prefix, "/" and "." between digits, "00" for "+"), then stored as
    ``desktop.domain.members.normalise_phone`` stores a typed number (a mainland number without its
    country code, a mobile of exactly 11 digits): the same person whichever way it was written."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            raise CellError(f"不是有效的电话号码：{to_text(value)}")
        text = str(int(value))
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().lstrip("'")
        if _SCIENTIFIC.fullmatch(text):
            # Excel showed the number as 1.38001E+10 and it was saved as that text: digits are gone
            raise CellError(f"电话号码被存成了科学计数法，位数已丢失：{text}")
        text = re.sub(r"\.0+$", "", text)
        text = _PHONE_SEPARATORS.sub("", text)
        if text.startswith("00"):
            text = "+" + text[2:]
    else:
        raise CellError("不是有效的电话号码")
    try:
        phone = normalise_phone(text)
    except ValidationError as exc:
        raise CellError(str(exc)) from None
    if phone is None:
        raise CellError(f"不是有效的电话号码：{to_text(value)}")
    return phone


def _from_serial(serial: float) -> date | datetime:
    if not 1 <= serial <= MAX_EXCEL_SERIAL:
        raise CellError(f"不是有效的日期：{to_text(serial)}")
    moment = EXCEL_EPOCH + timedelta(seconds=round(serial * 86_400))
    return moment if moment.time() != time() else moment.date()


def _from_text(text: str) -> date | datetime:
    text = unicodedata.normalize("NFKC", text).strip()
    match = _DATE_TEXT.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    try:
        if match is not None:
            year, month, day, *clock = match.groups() + (None,) * (6 - len(match.groups()))
            day_value = date(int(year), int(month), int(day))
            if clock[0] is None:
                return day_value
            return datetime.combine(day_value, time(int(clock[0]), int(clock[1]), int(clock[2] or 0)))
        # anything else with a four-digit year ("Nov 20 2026", ISO with zone) goes to dateutil;
        # without a year it would silently fill in the current one
        if re.search(r"\d{4}", text):
            parsed = date_parser.parse(text, yearfirst=True)
            parsed = parsed.replace(tzinfo=None)
            return parsed if parsed.time() != time() else parsed.date()
    except (ValueError, OverflowError):
        pass
    raise CellError(f"无法识别的日期：{text}")


def to_when(value: object) -> date | datetime:
    """A date, or a datetime when the cell carries a time of day."""
    if isinstance(value, datetime):
        # pandas may hand over a Timestamp; the rest of the app wants plain naive datetimes
        moment = value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
        moment = moment.replace(tzinfo=None)
        return moment if moment.time() != time() else moment.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool | time):
        raise CellError(f"不是日期：{to_text(value)}")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise CellError("不是日期")
        if isinstance(value, int) and 19_000_101 <= value <= 29_991_231:
            return _from_text(str(value))
        return _from_serial(float(value))
    return _from_text(str(value))


def to_date(value: object) -> date:
    when = to_when(value)
    return when.date() if isinstance(when, datetime) else when


def to_datetime(value: object) -> datetime:
    when = to_when(value)
    return when if isinstance(when, datetime) else datetime.combine(when, time())


def to_labels(value: object) -> tuple[str, ...]:
    """Label names written in one cell: "新客群，VIP群、夜跑" -> ("新客群", "VIP群", "夜跑")."""
    parts = (part.strip() for part in _LABEL_SEPARATORS.split(to_text(value)))
    return tuple(dict.fromkeys(part for part in parts if part))


def _lookup(vocabulary_name: str, value: object) -> str:
    vocabulary = alias_table().vocabularies[vocabulary_name]
    text = to_text(value)
    found = vocabulary.values.get(match_key(text))
    if found is None:
        raise CellError(f"无法识别的{vocabulary.label}：{text}")
    return found


def to_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    return _lookup("bool", value) == "true"


def to_enum(value: object, enum: type[E]) -> E:
    """Any spelling the alias table knows, Simplified, Traditional or English, or the stored value."""
    return enum(_lookup(enum.__name__, value))

