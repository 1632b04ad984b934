"""Search keys: Chinese text plus full pinyin plus pinyin initials, so "ygh" and "yangguang"
both find 阳光花园. Computed once when a name is written, matched by substring when searched."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65536)
def search_key(*texts: str) -> str:
    from pypinyin import Style, lazy_pinyin  # 0.3 s to import: not at start-up, only when a name is written

    parts: list[str] = []
    for text in texts:
        if not text:
            continue
        compact = "".join(text.split()).casefold()
        full = "".join(lazy_pinyin(compact, errors="default")).casefold()
        initials = "".join(
            syllable[:1] for syllable in lazy_pinyin(compact, style=Style.FIRST_LETTER, errors="default")
        ).casefold()
        parts.append(compact)
        if full != compact:
            parts += [full, initials]
    # a space never occurs in a normalised query, so a match cannot straddle two parts
    return " ".join(parts)
