"""Auto-classification rules: their conditions, the in-memory meaning of "matches", and the DTOs.

A rule is "groups matching every set condition get this label". Conditions (all ANDed; an unset one
means "any"):

- ``name_contains``: the group name contains the text (case-insensitive).
- ``name_regex``: ``re.search`` of the pattern in the group name (write ``(?i)`` to ignore case).
- ``platforms``: the group's platform is one of these.
- ``member_min`` / ``member_max``: member count within the range, both ends inclusive.
- ``owner``: the owner equals the text (``owner_exact``) or contains it (case-insensitive).
- ``created_within_days``: the group was created on one of the last N days, today being day 0
  (0 = created today).
- ``has_end_date``: True = the group has an end date, False = it has none.

``RuleConditions.validated()`` is what the services store; the constructor itself checks nothing, so
``from_json`` can read whatever an older or damaged row holds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from .enums import Platform
from .errors import ValidationError
from .groups import GroupDTO

RULE_NAME_MAX = 80
TEXT_MAX = 200
DAYS_MAX = 36500
MEMBERS_MAX = 10_000_000


@dataclass(frozen=True, slots=True)
class RuleConditions:
    name_contains: str = ""
    name_regex: str = ""
    platforms: frozenset[Platform] = frozenset()
    member_min: int | None = None
    member_max: int | None = None
    owner: str = ""
    owner_exact: bool = False
    created_within_days: int | None = None
    has_end_date: bool | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.name_contains or self.name_regex or self.platforms or self.owner
                    or self.member_min is not None or self.member_max is not None
                    or self.created_within_days is not None or self.has_end_date is not None)

    def validated(self) -> RuleConditions:
        """A tidied copy, or ValidationError naming the field at fault."""
        contains = " ".join(self.name_contains.split()) if self.name_contains else ""
        owner = self.owner.strip() if self.owner else ""
        regex = self.name_regex.strip() if self.name_regex else ""
        for value, fld, what in ((contains, "name_contains", "群名包含"), (regex, "name_regex", "正则表达式"),
                                 (owner, "owner", "群主")):
            if len(value) > TEXT_MAX:
                raise ValidationError(f"{what}最多 {TEXT_MAX} 个字", fld)
        if regex:
            try:
                re.compile(regex)
            except re.error as exc:
                raise ValidationError(f"正则表达式有误: {exc}", "name_regex") from None
        try:
            platforms = frozenset(Platform(p) for p in self.platforms)
        except ValueError as exc:
            raise ValidationError(f"不认识的平台: {exc}", "platforms") from None
        for value, fld, what, top in ((self.member_min, "member_min", "最少人数", MEMBERS_MAX),
                                      (self.member_max, "member_max", "最多人数", MEMBERS_MAX),
                                      (self.created_within_days, "created_within_days", "创建天数", DAYS_MAX)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                      or not 0 <= value <= top):
                raise ValidationError(f"{what}应为 0 到 {top} 之间的整数", fld)
        if self.member_min is not None and self.member_max is not None and self.member_min > self.member_max:
            raise ValidationError(
                f"最少人数 ({self.member_min}) 不能大于最多人数 ({self.member_max})", "member_min"
            )
        if self.has_end_date is not None and not isinstance(self.has_end_date, bool):
            raise ValidationError("“有结束日期”应为是或否", "has_end_date")
        clean = replace(self, name_contains=contains, name_regex=regex, owner=owner, platforms=platforms,
                        owner_exact=bool(self.owner_exact))
        if clean.is_empty:
            raise ValidationError("规则至少要有一个条件", "conditions")
        return clean

    # ------------------------------------------------------------------ JSON
    def to_dict(self) -> dict[str, Any]:
        """Only the conditions that are set (so a stored rule reads at a glance)."""
        out: dict[str, Any] = {}
        if self.name_contains:
            out["name_contains"] = self.name_contains
        if self.name_regex:
            out["name_regex"] = self.name_regex
        if self.platforms:
            out["platforms"] = sorted(str(p) for p in self.platforms)
        for key in ("member_min", "member_max", "created_within_days", "has_end_date"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.owner:
            out["owner"] = self.owner
            out["owner_exact"] = self.owner_exact
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> RuleConditions:
        """Tolerant: bad JSON, unknown keys, unknown platforms and wrong types are dropped, never raised."""
        try:
            raw = json.loads(text or "{}")
        except (TypeError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()

        def text_of(key: str) -> str:
            value = raw.get(key)
            return value if isinstance(value, str) else ""

        def int_of(key: str) -> int | None:
            value = raw.get(key)
            return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None

        platforms: set[Platform] = set()
        listed = raw.get("platforms")
        for value in listed if isinstance(listed, list) else ():
            try:
                platforms.add(Platform(value))
            except ValueError:
                continue
        end = raw.get("has_end_date")
        return cls(
            name_contains=text_of("name_contains"),
            name_regex=text_of("name_regex"),
            platforms=frozenset(platforms),
            member_min=int_of("member_min"),
            member_max=int_of("member_max"),
            owner=text_of("owner"),
            owner_exact=raw.get("owner_exact") is True,
            created_within_days=int_of("created_within_days"),
            has_end_date=end if isinstance(end, bool) else None,
        )

    # ------------------------------------------------------------------ meaning
    def matcher(self, today: date) -> Callable[[GroupDTO], bool]:
        """``matches`` with the work that does not depend on the group done once (for many groups)."""
        tests: list[Callable[[GroupDTO], bool]] = []
        if self.name_contains:
            needle = self.name_contains.casefold()
            tests.append(lambda g: needle in g.name.casefold())
        if self.name_regex:
            try:
                search = re.compile(self.name_regex).search
            except re.error:  # only an unvalidated (damaged) rule gets here: it matches nothing
                return lambda g: False
            tests.append(lambda g: search(g.name) is not None)
        if self.platforms:
            platforms = self.platforms
            tests.append(lambda g: g.platform in platforms)
        if self.member_min is not None:
            low = self.member_min
            tests.append(lambda g: g.member_count >= low)
        if self.member_max is not None:
            high = self.member_max
            tests.append(lambda g: g.member_count <= high)
        if self.owner:
            owner = self.owner
            if self.owner_exact:
                tests.append(lambda g: g.owner == owner)
            else:
                folded = owner.casefold()
                tests.append(lambda g: folded in (g.owner or "").casefold())
        if self.created_within_days is not None:
            days = self.created_within_days
            tests.append(lambda g: 0 <= (today - _day(g.created_at)).days <= days)
        if self.has_end_date is not None:
            wanted = self.has_end_date
            tests.append(lambda g: (g.end_date is not None) is wanted)
        if not tests:  # a rule without conditions matches nothing, never everything
            return lambda g: False
        return lambda g: all(test(g) for test in tests)

    def name_matcher(self) -> Callable[[str], bool] | None:
        """Just the name conditions, as a test on the name (None if there are none): lets a service
        skip reading whole rows for groups whose name already rules them out."""
        if not (self.name_contains or self.name_regex):
            return None
        only_names = RuleConditions(name_contains=self.name_contains, name_regex=self.name_regex)
        match = only_names.matcher(date.min)
        return lambda name: match(_NameOnly(name))  # type: ignore[arg-type]

    def matches(self, group: GroupDTO, today: date) -> bool:
        """Does the group meet every condition? Pure; archived groups are the service's business."""
        return self.matcher(today)(group)


@dataclass(frozen=True, slots=True)
class _NameOnly:
    name: str


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True, slots=True)
class RuleDTO:
    id: int
    name: str
    enabled: bool
    apply_to_new: bool
    conditions: RuleConditions
    label_id: int
    label_name: str
    dimension_id: int
    dimension_name: str
    position: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class GroupLabelPreview:
    """One group a rule would change: its labels of the rule's dimension before and after."""

    group_id: int
    name: str
    before_ids: tuple[int, ...]
    after_ids: tuple[int, ...]
    before: tuple[str, ...]  # label names, same order as the ids
    after: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RulePreview:
    """What applying a rule would do right now. ``matched`` counts matching (non-archived) groups,
    ``changes`` lists those whose labels would actually change (the rest already are as asked)."""

    rule_id: int | None
    label_id: int
    label_name: str
    dimension_id: int
    dimension_name: str
    multi: bool
    considered: int  # non-archived groups looked at
    matched_ids: tuple[int, ...]
    changes: tuple[GroupLabelPreview, ...]
    warning: str = ""

    @property
    def matched(self) -> int:
        return len(self.matched_ids)

    @property
    def changed(self) -> int:
        return len(self.changes)
