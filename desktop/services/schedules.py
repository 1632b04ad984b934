"""Recurrence for broadcasts: RFC 5545 RRULEs through python-dateutil, checked before they are saved.

Two kinds of bad rule are refused with a message: one that never fires (a 30 February, an UNTIL
in the past) and one that fires more often than MIN_INTERVAL (an operator's typo can otherwise
flood a group). dateutil looks for the next occurrence by walking forward until year 9999, which
takes seconds for an impossible daily rule, so impossibility is first checked on a yearly
projection of the rule moved near year 9999 by whole 400-year Gregorian cycles (same weekdays,
same leap days): a few hundred steps at most.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta

from dateutil.rrule import YEARLY, rrule, rrulestr

from desktop.domain.errors import ValidationError

MIN_INTERVAL = timedelta(minutes=10)
#: occurrences looked at when checking the interval between them
_GAP_SAMPLE = 200
_CYCLE_YEARS = 400
_DATE_FILTERS = ("_bymonth", "_bymonthday", "_bynmonthday", "_byyearday", "_byweekno", "_byeaster")


def parse_rrule(text: str, dtstart: datetime) -> rrule:
    """A dateutil rule from the RRULE text (with or without the "RRULE:" prefix); ValidationError if bad."""
    body = re.sub(r"^\s*RRULE:", "", (text or "").strip(), flags=re.IGNORECASE).strip()
    if not body:
        raise ValidationError("重复规则不能为空, 例如 FREQ=WEEKLY;BYDAY=MO,TH", "rrule")
    if "\n" in body or "DTSTART" in body.upper():
        raise ValidationError("重复规则只写一行 RRULE (开始时间请填在“首次发送时间”)", "rrule")
    try:
        rule = rrulestr(body, dtstart=dtstart.replace(second=0, microsecond=0))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ValidationError(f"看不懂的重复规则“{body}”, 应写成例如 FREQ=WEEKLY;BYDAY=MO,TH", "rrule") from exc
    if not isinstance(rule, rrule):
        raise ValidationError("只支持一条 RRULE 规则", "rrule")
    return rule


def check_rrule(text: str, dtstart: datetime, now: datetime) -> rrule:
    """Parse and refuse rules that never fire after ``now`` or fire more often than MIN_INTERVAL."""
    rule = parse_rrule(text, dtstart)
    if rule._freq > 5:  # SECONDLY (6)
        raise ValidationError("重复规则不能按秒重复; 两次发送至少间隔 10 分钟", "rrule")
    if _impossible(rule):
        raise ValidationError("这个重复规则永远不会触发 (例如 2 月 30 日), 请检查日期条件", "rrule")
    first = rule.after(max(now, dtstart), inc=True)
    if first is None:
        raise ValidationError("这个重复规则在现在之后不会再触发 (次数已用完或结束日期已过)", "rrule")
    previous = first
    for index, moment in enumerate(rule.xafter(first, inc=False)):
        if moment - previous < MIN_INTERVAL:
            raise ValidationError(
                f"这个重复规则太频繁: {previous:%m-%d %H:%M} 之后 {moment:%H:%M} 又发一次; 两次发送至少间隔 10 分钟",
                "rrule")
        previous = moment
        if index >= _GAP_SAMPLE:
            break
    return rule


def _impossible(rule: rrule) -> bool:
    """True when no calendar date satisfies the rule's date filters in a whole 400-year cycle.

    The projection keeps BYMONTH/BYMONTHDAY/BYYEARDAY/BYWEEKNO and plain weekdays; it accepts at
    least every date the real rule accepts, so "projection empty" proves "rule never fires".
    """
    if not any(getattr(rule, name, None) for name in _DATE_FILTERS):
        return False
    start = rule._dtstart
    assert start is not None
    shift = ((9999 - _CYCLE_YEARS - start.year) // _CYCLE_YEARS) * _CYCLE_YEARS
    weekdays = sorted({w for w in (rule._byweekday or ())} | {w for w, _ in (rule._bynweekday or ())})
    month_days = list(rule._bymonthday or ()) + list(rule._bynmonthday or ())
    projection = rrule(
        YEARLY,
        dtstart=start.replace(year=start.year + shift) if not (start.month == 2 and start.day == 29)
        else start.replace(year=start.year + shift, day=28),
        bymonth=rule._bymonth or None,
        bymonthday=month_days or None,
        byyearday=rule._byyearday or None,
        byweekno=rule._byweekno or None,
        byweekday=weekdays or None,
    )
    return projection.after(projection._dtstart, inc=True) is None


def occurrences_between(rule: rrule, start: datetime, end: datetime, *, include_start: bool = False) -> Iterator[datetime]:
    """Occurrences in (start, end] (or [start, end]), lazily, for expanding a schedule into deliveries."""
    for moment in rule.xafter(start, inc=include_start):
        if moment > end:
            return
        yield moment


__all__ = ["MIN_INTERVAL", "check_rrule", "occurrences_between", "parse_rrule"]
