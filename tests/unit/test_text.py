"""Search keys: the one-call pinyin path gives exactly the keys of the two-call original."""

from __future__ import annotations

import random

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PINYIN_DICT

from desktop.services.text import search_key


def reference_search_key(*texts: str) -> str:
    """The original implementation (pypinyin called twice per text), kept as the oracle."""
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
    return " ".join(parts)


FIXED = [
    "阳光花园", "重庆火锅", "长沙", "银行行长", "小王", "李姐😀", "Amy王", "ÉCOLE 法式", "嗯嗯", "欸", "绿色生活",
    "女儿", "〇〇七", "𠀀字", "ＡＢＣ全角", "  空 格  ", "=SUM(A1)", "+86 138", "123", "", "ß大", "İstanbul",
    "薄荷", "单于", "朝阳区", "音乐", "乐乐", "😀", "a-b_c.d", "ㄅㄆㄇ", "한국어", "日本語のテキスト", "Ω", "团购3群",
]


def varied_names(count: int, seed: int = 20261120) -> list[str]:
    rng = random.Random(seed)
    hans = [chr(code) for code in sorted(PINYIN_DICT) if code < 0x10000]
    latin = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    odd = ["😀", "🍊", "·", "-", "_", " ", "\u3000", "（", "）", "~", "ü", "é", "ß", "Ⅻ", "★", "ê"]
    names = []
    for _ in range(count):
        pieces = []
        for _ in range(rng.randint(1, 6)):
            pool = rng.choice((hans, hans, hans, latin, odd))
            pieces.append("".join(rng.choice(pool) for _ in range(rng.randint(1, 3))))
        names.append("".join(pieces))
    return names


def test_search_key_matches_the_original_on_varied_names() -> None:
    names = FIXED + varied_names(600)
    for name in names:
        assert search_key(name) == reference_search_key(name), name
    for first, second in zip(names, reversed(names), strict=True):
        assert search_key(first, second) == reference_search_key(first, second), (first, second)


def test_search_key_covers_nickname_name_and_initials() -> None:
    assert search_key("阳光花园") == "阳光花园 yangguanghuayuan yghy"
    assert search_key("Amy", "") == "amy"
    assert search_key("小 王", "王芳") == "小王 xiaowang xw 王芳 wangfang wf"
