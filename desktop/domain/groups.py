"""Groups: the DTOs the services return, the draft the UI sends, and their validation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .enums import PLATFORM_CAPACITY, GroupStatus, Lifespan, Platform
from .errors import ValidationError

NAME_MAX = 120
TEXT_MAX = 2000


@dataclass(frozen=True, slots=True)
class LabelRef:
    id: int
    name: str
    color: str
    dimension_id: int


@dataclass(frozen=True, slots=True)
class LabelDTO:
    id: int
    dimension_id: int
    name: str
    color: str
    position: int


@dataclass(frozen=True, slots=True)
class DimensionDTO:
    id: int
    code: str | None
    name: str
    kind: str
    multi: bool
    labels: tuple[LabelDTO, ...]


@dataclass(frozen=True, slots=True)
class GroupDTO:
    id: int
    name: str
    platform: Platform
    external_id: str | None
    owner: str
    status: GroupStatus
    lifespan: Lifespan
    start_date: date | None
    end_date: date | None
    capacity: int
    member_count: int
    area: str
    note: str
    search_key: str
    labels: tuple[LabelRef, ...]
    last_active: date | None
    created_at: datetime
    updated_at: datetime

    def days_left(self, today: date) -> int | None:
        """Days until a short-term group ends (negative once it has ended)."""
        if self.lifespan is not Lifespan.SHORT or self.end_date is None:
            return None
        return (self.end_date - today).days


@dataclass(frozen=True, slots=True)
class GroupDraft:
    """What the operator typed for a new or edited group."""

    name: str
    platform: Platform = Platform.WECHAT
    owner: str = ""
    external_id: str | None = None
    lifespan: Lifespan = Lifespan.LONG
    start_date: date | None = None
    end_date: date | None = None
    capacity: int | None = None
    member_count: int = 0
    area: str = ""
    note: str = ""

    def validated(self) -> GroupDraft:
        """Return a cleaned copy, or raise ValidationError naming the field at fault."""
        name = " ".join(self.name.split())
        if not name:
            raise ValidationError("群名称不能为空", "name")
        if len(name) > NAME_MAX:
            raise ValidationError(f"群名称最多 {NAME_MAX} 个字", "name")
        try:
            platform = Platform(self.platform)
        except ValueError:
            raise ValidationError(f"不认识的平台: {self.platform}", "platform") from None
        try:
            lifespan = Lifespan(self.lifespan)
        except ValueError:
            raise ValidationError(f"不认识的群周期: {self.lifespan}", "lifespan") from None
        if self.member_count < 0:
            raise ValidationError("群人数不能为负数", "member_count")
        capacity = self.capacity if self.capacity is not None else PLATFORM_CAPACITY[platform]
        if capacity <= 0:
            raise ValidationError("群容量必须大于 0", "capacity")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError("结束日期早于开始日期", "end_date")
        end_date = self.end_date if lifespan is Lifespan.SHORT else None
        if len(self.note) > TEXT_MAX:
            raise ValidationError(f"备注最多 {TEXT_MAX} 个字", "note")
        external_id = (self.external_id or "").strip() or None
        return GroupDraft(
            name=name,
            platform=platform,
            owner=self.owner.strip(),
            external_id=external_id,
            lifespan=lifespan,
            start_date=self.start_date,
            end_date=end_date,
            capacity=capacity,
            member_count=self.member_count,
            area=self.area.strip(),
            note=self.note.rstrip(),
        )


@dataclass(frozen=True, slots=True)
class GroupFilter:
    """Filters of the Groups page; empty collections mean 'any'."""

    text: str = ""
    platforms: frozenset[Platform] = field(default_factory=frozenset)
    statuses: frozenset[GroupStatus] = field(default_factory=frozenset)
    label_ids: frozenset[int] = field(default_factory=frozenset)
    include_archived: bool = True
    #: only these groups (refreshing rows after an edit); None means all
    ids: frozenset[int] | None = None


@dataclass(frozen=True, slots=True)
class WorkspaceInfo:
    url: str
    schema_version: str | None
    head_version: str
    counts: dict[str, int]
    quick_check: str
