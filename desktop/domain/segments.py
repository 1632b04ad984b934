"""Saved segments: a filter over groups the operator names and keeps ("VIP服务群·活跃").

``SegmentSpec.matches`` is the in-memory meaning; SegmentService.resolve is the same meaning in SQL
(a property test holds the two together). Days are counted like this, ``today`` being day 0:

- lifecycle ``long``: lifespan long. ``short_running``: lifespan short and not ended (no end date,
  or end date today or later; includes groups ending soon). ``ending_soon``: short, end date between
  today and today + ``ending_days`` inclusive. ``ended``: short, end date before today.
- activity: a group is dormant when it had no day with messages in the last ``dormant_days`` days
  (days after today - dormant_days) and it was created on or before that cutoff; a group too new to
  have been silent that long is not dormant. ``active`` is exactly "not dormant".

Empty collections mean "any"; empty statuses include archived groups (as GroupFilter does).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from .enums import GroupStatus, Lifespan, Platform
from .errors import ValidationError
from .groups import GroupDTO
from .search import matches as text_matches
from .search import normalise_query

SPEC_VERSION = 1
NAME_MAX = 80
TEXT_MAX = 200
DAYS_MAX = 3650
DEFAULT_ENDING_DAYS = 3
DEFAULT_DORMANT_DAYS = 14


class LifecycleFilter(StrEnum):
    ANY = "any"
    LONG = "long"
    SHORT_RUNNING = "short_running"
    ENDING_SOON = "ending_soon"
    ENDED = "ended"


class ActivityFilter(StrEnum):
    ANY = "any"
    ACTIVE = "active"
    DORMANT = "dormant"


def dormant_cutoff(today: date, days: int) -> date:
    """Activity on a day after this counts as recent; a group created after it is too new to be dormant."""
    return today - timedelta(days=days)


def is_dormant(last_active: date | None, created_at: datetime | date | None, today: date, days: int) -> bool:
    """No message day in the last ``days`` days, and old enough to have had the chance."""
    cutoff = dormant_cutoff(today, days)
    if last_active is not None and last_active > cutoff:
        return False
    created = created_at.date() if isinstance(created_at, datetime) else created_at
    return created is None or created <= cutoff


def _enum_set(values: Any, enum: type[StrEnum], what: str, field_name: str) -> frozenset:
    if values is None:
        return frozenset()
    if isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
        raise ValidationError(f"{what}应为列表", field_name)
    out = set()
    for value in values:
        try:
            out.add(enum(value))
        except (ValueError, TypeError):
            raise ValidationError(f"不认识的{what}: {value}", field_name) from None
    return frozenset(out)


def _days(value: Any, what: str, field_name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{what}应为整数", field_name)
    if not minimum <= value <= DAYS_MAX:
        raise ValidationError(f"{what}应在 {minimum} 到 {DAYS_MAX} 之间", field_name)
    return value


@dataclass(frozen=True, slots=True)
class SegmentSpec:
    """The filter a segment saves. Constructing one validates and normalises it (ValidationError)."""

    text: str = ""
    platforms: frozenset[Platform] = field(default_factory=frozenset)
    statuses: frozenset[GroupStatus] = field(default_factory=frozenset)
    label_ids: frozenset[int] = field(default_factory=frozenset)
    lifecycle: LifecycleFilter = LifecycleFilter.ANY
    ending_days: int = DEFAULT_ENDING_DAYS
    activity: ActivityFilter = ActivityFilter.ANY
    dormant_days: int = DEFAULT_DORMANT_DAYS

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise ValidationError("搜索文字应为文本", "text")
        text = " ".join(self.text.split())
        if len(text) > TEXT_MAX:
            raise ValidationError(f"搜索文字最多 {TEXT_MAX} 个字", "text")
        if any(unicodedata.category(c) in ("Cc", "Cs") for c in text):
            raise ValidationError("搜索文字含有无法识别的控制字符", "text")
        label_ids = self.label_ids if self.label_ids is not None else ()
        if isinstance(label_ids, str | bytes) or not hasattr(label_ids, "__iter__"):
            raise ValidationError("标签应为列表", "label_ids")
        if any(isinstance(i, bool) or not isinstance(i, int) or not 0 < i < 1 << 63 for i in label_ids):
            raise ValidationError("标签编号应为正整数", "label_ids")
        try:
            lifecycle = LifecycleFilter(self.lifecycle)
        except ValueError:
            raise ValidationError(f"不认识的群周期条件: {self.lifecycle}", "lifecycle") from None
        try:
            activity = ActivityFilter(self.activity)
        except ValueError:
            raise ValidationError(f"不认识的活跃度条件: {self.activity}", "activity") from None
        values = {
            "text": text,
            "platforms": _enum_set(self.platforms, Platform, "平台", "platforms"),
            "statuses": _enum_set(self.statuses, GroupStatus, "群状态", "statuses"),
            "label_ids": frozenset(label_ids),
            "lifecycle": lifecycle,
            "ending_days": _days(self.ending_days, "“即将结束”的天数", "ending_days", 0),
            "activity": activity,
            "dormant_days": _days(self.dormant_days, "沉默天数", "dormant_days", 1),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    # ------------------------------------------------------------------ meaning
    @property
    def query(self) -> tuple[str, ...]:
        return normalise_query(self.text)

    def matches(self, group: GroupDTO, today: date) -> bool:
        """The same meaning as SegmentService.resolve, on a GroupDTO in memory."""
        if self.platforms and group.platform not in self.platforms:
            return False
        if self.statuses and group.status not in self.statuses:
            return False
        if self.label_ids and not any(label.id in self.label_ids for label in group.labels):
            return False
        if not self._lifecycle_matches(group, today):
            return False
        if self.activity is not ActivityFilter.ANY:
            dormant = is_dormant(group.last_active, group.created_at, today, self.dormant_days)
            if dormant != (self.activity is ActivityFilter.DORMANT):
                return False
        return text_matches(group.search_key, self.query)

    def _lifecycle_matches(self, group: GroupDTO, today: date) -> bool:
        lifecycle = self.lifecycle
        if lifecycle is LifecycleFilter.ANY:
            return True
        if lifecycle is LifecycleFilter.LONG:
            return group.lifespan is Lifespan.LONG
        if group.lifespan is not Lifespan.SHORT:
            return False
        end = group.end_date
        if lifecycle is LifecycleFilter.SHORT_RUNNING:
            return end is None or end >= today
        if end is None:
            return False
        if lifecycle is LifecycleFilter.ENDING_SOON:
            return today <= end <= today + timedelta(days=self.ending_days)
        return end < today  # ENDED

    @property
    def is_everything(self) -> bool:
        """True when the spec restricts nothing (every group, archived ones included)."""
        return self == SegmentSpec()

    # ------------------------------------------------------------------ storage
    def to_json(self) -> str:
        """Stable text: equal specs give equal strings (sorted keys and values, every key present)."""
        return json.dumps(
            {
                "version": SPEC_VERSION,
                "text": self.text,
                "platforms": sorted(p.value for p in self.platforms),
                "statuses": sorted(s.value for s in self.statuses),
                "label_ids": sorted(self.label_ids),
                "lifecycle": self.lifecycle.value,
                "ending_days": self.ending_days,
                "activity": self.activity.value,
                "dormant_days": self.dormant_days,
            },
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str | bytes | None) -> SegmentSpec:
        """Read a stored spec. Unknown keys are ignored, missing keys take their defaults, label ids
        are kept even when the label is gone (they then match no group). Anything unreadable, or an
        unknown platform/status/lifecycle value, raises ValidationError (never another exception)."""
        if text is None or (isinstance(text, str | bytes) and not text.strip()):
            return cls()
        try:
            data = json.loads(text)
        except (ValueError, TypeError) as exc:
            raise ValidationError(f"分组的筛选条件已损坏, 无法读取 ({exc})", "filter_json") from None
        if not isinstance(data, dict):
            raise ValidationError("分组的筛选条件已损坏: 应为一个对象", "filter_json")
        version = data.get("version", SPEC_VERSION)
        if isinstance(version, int) and not isinstance(version, bool) and version > SPEC_VERSION:
            raise ValidationError("分组的筛选条件由更新版本的群管家保存, 请升级后再使用", "filter_json")
        known = ("text", "platforms", "statuses", "label_ids", "lifecycle", "ending_days", "activity",
                 "dormant_days")
        kwargs = {key: data[key] for key in known if key in data and data[key] is not None}
        for key in ("platforms", "statuses", "label_ids"):
            if key in kwargs and not isinstance(kwargs[key], list):
                raise ValidationError(f"分组的筛选条件已损坏: {key} 应为列表", key)
        try:
            return cls(**kwargs)
        except ValidationError as exc:
            raise ValidationError(f"分组的筛选条件已损坏: {exc}", exc.field) from None
        except TypeError as exc:  # e.g. an unhashable value inside a list
            raise ValidationError(f"分组的筛选条件已损坏 ({exc})", "filter_json") from None


@dataclass(frozen=True, slots=True)
class SegmentDTO:
    """A saved segment. ``spec`` is None when the stored filter cannot be read; ``problem`` says why.
    ``missing_label_ids`` are labels the spec names that have since been deleted (they match nothing)."""

    id: int
    name: str
    spec: SegmentSpec | None
    position: int
    problem: str | None = None
    missing_label_ids: frozenset[int] = field(default_factory=frozenset)


def clean_segment_name(name: str) -> str:
    """Trimmed, inner whitespace collapsed, non-empty, at most NAME_MAX characters."""
    if not isinstance(name, str):
        raise ValidationError("分组名称应为文本", "name")
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError("分组名称不能为空", "name")
    if len(clean) > NAME_MAX:
        raise ValidationError(f"分组名称最多 {NAME_MAX} 个字", "name")
    return clean
