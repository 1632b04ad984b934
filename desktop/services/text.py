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
    word) with the syllables of each run of Chinese characters kept: names share their characters
    and words, so most runs are cut and converted once per session instead of once per name."""
    from pypinyin import Style
    from pypinyin.constants import PHRASES_DICT, RE_HANS
    from pypinyin.converter import DefaultConverter
    from pypinyin.seg.mmseg import seg as phrases

    converter = DefaultConverter()
    hans_run = RE_HANS.pattern.removeprefix("^").removesuffix("$")

    @lru_cache(maxsize=65536)
    def word(text: str) -> tuple[str, ...]:
        return tuple(chain.from_iterable(converter.convert(text, Style.NORMAL, False, "default", strict=True)))

    @lru_cache(maxsize=65536)
    def run(text: str) -> tuple[str, ...]:
        # a run of Chinese characters, cut into pypinyin's phrases as its segmenter cuts it
        return tuple(syllable for part in (phrases.cut(text) if PHRASES_DICT else (text,)) for syllable in word(part)
                     if syllable)

    # pypinyin's segmenter splits the text into runs with and without Chinese (one character at a
    # time), cuts the Chinese runs into phrases and hands the others back as they are: the same
    # runs, split by one pattern (odd parts Chinese, even parts the rest, maybe empty)
    split = re.compile(f"({hans_run})").split

    def syllables(text: str) -> list[str]:
        out: list[str] = []
        for at, part in enumerate(split(text)):
            if at % 2:
                out += run(part)
            elif part:
                out.append(part)
        return out

    return syllables, re.compile(hans_run)


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
