"""Search keys: Chinese text plus full pinyin plus pinyin initials, so "ygh" and "yangguang"
both find 阳光花园. Computed once when a name is written, matched by substring when searched."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _pinyin() -> tuple[object, re.Pattern[str]]:
    """pypinyin's converter and a pattern finding any character it converts (0.3 s to import: not at
    start-up, only when a name is first written)."""
    from pypinyin import lazy_pinyin
    from pypinyin.constants import RE_HANS

    return lazy_pinyin, re.compile(RE_HANS.pattern.removeprefix("^").removesuffix("$"))


@lru_cache(maxsize=65536)
def search_key(*texts: str) -> str:
    lazy_pinyin, hans = _pinyin()
    parts: list[str] = []
    for text in texts:
        if not text:
            continue
        compact = "".join(text.split()).casefold()
        parts.append(compact)
        if not hans.search(compact):
            continue  # pypinyin would hand every character back unchanged: the key is the text alone
        # one call: an initial is the first letter of the toneless syllable (what Style.FIRST_LETTER
        # returns), and a run pypinyin leaves alone gives its first character either way
        syllables = lazy_pinyin(compact, errors="default")  # type: ignore[operator]
        full = "".join(syllables).casefold()
        if full != compact:
            parts += [full, "".join(syllable[:1] for syllable in syllables).casefold()]
    # a space never occurs in a normalised query, so a match cannot straddle two parts
    return " ".join(parts)
