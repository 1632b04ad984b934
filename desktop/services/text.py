"""Search keys: Chinese text plus full pinyin plus pinyin initials, so "ygh" and "yangguang"
both find 阳光花园. Computed once when a name is written, matched by substring when searched."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import chain


@lru_cache(maxsize=1)
def _pinyin() -> tuple[Callable[[str], list[str]], re.Pattern[str]]:
    """What ``lazy_pinyin(text, errors="default")`` returns, and a pattern finding any character
    pypinyin converts (0.3 s to import: not at start-up, only when a name is first written).

    The same steps as lazy_pinyin (pypinyin's own segmentation, then its default converter word by
    word) with each word's syllables kept: names share their characters and words, so most words
    are converted once per run instead of once per name."""
    from pypinyin import Style
    from pypinyin.constants import RE_HANS
    from pypinyin.converter import DefaultConverter
    from pypinyin.core import Pinyin

    converter = DefaultConverter()
    segment = Pinyin(converter).seg

    @lru_cache(maxsize=65536)
    def word(text: str) -> tuple[str, ...]:
        return tuple(chain.from_iterable(converter.convert(text, Style.NORMAL, False, "default", strict=True)))

    is_hans = RE_HANS.match

    def syllables(text: str) -> list[str]:
        # a part without Chinese is what the converter hands back as it is (errors="default"): one
        # syllable, the part itself, without a call (and a cache entry) per number or latin word
        return [syllable for part in segment(text) for syllable in (word(part) if is_hans(part) else (part,))
                if syllable]

    return syllables, re.compile(RE_HANS.pattern.removeprefix("^").removesuffix("$"))


@lru_cache(maxsize=65536)
def search_key(*texts: str) -> str:
    syllables_of, hans = _pinyin()
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
        syllables = syllables_of(compact)
        full = "".join(syllables).casefold()
        if full != compact:
            parts += [full, "".join(syllable[:1] for syllable in syllables).casefold()]
    # a space never occurs in a normalised query, so a match cannot straddle two parts
    return " ".join(parts)
