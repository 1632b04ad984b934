"""Matching typed text against a precomputed search key (Chinese, full pinyin, initials)."""

from __future__ import annotations


def normalise_query(text: str) -> str:
    """Lower-case and drop whitespace, so 'Yang Guang' matches 'yangguang'."""
    return "".join(text.split()).casefold()


def matches(search_key: str, query: str) -> bool:
    """``query`` must already be normalised; an empty query matches everything."""
    return not query or query in search_key
