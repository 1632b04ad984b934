"""Matching typed text against a precomputed search key (Chinese, full pinyin, initials).

A query is split on whitespace; every word must appear in the key, so "阳光 3群" and
"ygh sg" both narrow down to 阳光花园水果团购3群.
"""

from __future__ import annotations

Query = tuple[str, ...]


def normalise_query(text: str) -> Query:
    return tuple(word.casefold() for word in text.split())


def matches(search_key: str, query: Query) -> bool:
    """An empty query matches everything."""
    return all(word in search_key for word in query)
