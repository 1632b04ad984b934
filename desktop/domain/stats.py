"""What GroupDayStat counts, defined once so every writer and every recount agree."""

from __future__ import annotations

from .enums import InteractionKind

#: interactions said in the group; they count as messages and make their member active that day
MESSAGE_KINDS: frozenset[InteractionKind] = frozenset(
    {
        InteractionKind.MESSAGE,
        InteractionKind.QUESTION,
        InteractionKind.COMPLAINT,
        InteractionKind.PRAISE,
        InteractionKind.PURCHASE,
        InteractionKind.REFERRAL,
    }
)
