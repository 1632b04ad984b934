"""Classification: the undo record of a bulk label edit, and validation of names and colours.

Dimensions and labels themselves travel as DimensionDTO / LabelDTO from desktop.domain.groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .errors import ValidationError

DIMENSION_NAME_MAX = 60
LABEL_NAME_MAX = 60
DEFAULT_LABEL_COLOR = "#607d8b"
#: colours offered to new labels in turn, distinct from each other and readable as chips
LABEL_PALETTE = ("#3949ab", "#00897b", "#d81b60", "#ef6c00", "#7cb342", "#8e24aa", "#f9a825",
                 "#6d4c41", "#1e88e5", "#c62828", "#546e7a", "#00acc1")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


class LabelAction(StrEnum):
    ASSIGN = "assign"
    REMOVE = "remove"


@dataclass(frozen=True, slots=True)
class PriorLabels:
    """Groups that held exactly these labels of the edited dimension before the change."""

    label_ids: tuple[int, ...]
    group_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class LabelChange:
    """One bulk assign or remove, as much as undo and redo need and no more.

    Only groups whose labels actually changed are kept, bucketed by the labels of the one dimension
    they held before (most of a selection shares a handful of prior states, so this stays small at
    thousands of groups). The state after the change follows from ``action`` and the prior labels.
    """

    action: LabelAction
    label_id: int
    dimension_id: int
    multi: bool  # the dimension's mode when the change was made
    requested: int  # groups the caller asked for (some may already have been as asked, or gone)
    prior: tuple[PriorLabels, ...]

    @property
    def group_ids(self) -> tuple[int, ...]:
        """The groups whose labels this change altered, ascending."""
        return tuple(sorted(g for bucket in self.prior for g in bucket.group_ids))

    @property
    def changed(self) -> int:
        return sum(len(bucket.group_ids) for bucket in self.prior)

    @property
    def is_empty(self) -> bool:
        """Nothing changed (every group already was as asked): not worth an undo step."""
        return not self.prior

    def after(self, before: tuple[int, ...]) -> tuple[int, ...]:
        """A group's labels of the dimension once the change is applied, given those before it."""
        if self.action is LabelAction.REMOVE:
            return tuple(i for i in before if i != self.label_id)
        if not self.multi:
            return (self.label_id,)
        return tuple(sorted({*before, self.label_id}))


def clean_name(name: str, what: str, max_len: int) -> str:
    """Whitespace tidied; empty or over-long names refused with a message naming ``what``."""
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise ValidationError(f"{what}名称不能为空", "name")
    if len(cleaned) > max_len:
        raise ValidationError(f"{what}名称最多 {max_len} 个字", "name")
    return cleaned


def clean_color(color: str) -> str:
    """A colour as #rrggbb (lower case); anything else is refused."""
    cleaned = (color or "").strip()
    if not _COLOR.fullmatch(cleaned):
        raise ValidationError(f"颜色应为 #RRGGBB 格式 (例如 #3949ab), 而不是 “{color}”", "color")
    return cleaned.lower()
