"""The shipped alias table (data/column_aliases.json): header aliases per kind, value spellings per enum.

Headers and values are compared by ``match_key``: width and case folded, Traditional characters
folded to Simplified, bracketed notes such as "(元)" and all spaces and punctuation dropped.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from desktop.domain.imports import ImportKind
from desktop.paths import data_dir

ALIAS_FILE = "column_aliases.json"

_BRACKETED = re.compile(r"[(\[（【〔<《][^)\]）】〕>》]*[)\]）】〕>》]")
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Spellings of one enum's values; ``label`` names the enum in error messages."""

    label: str
    values: dict[str, str]


@dataclass(frozen=True, slots=True)
class AliasTable:
    fold: dict[int, str]
    fields: dict[ImportKind, dict[str, str]]
    vocabularies: dict[str, Vocabulary]


@lru_cache(maxsize=1)
def alias_table() -> AliasTable:
    with (data_dir() / ALIAS_FILE).open(encoding="utf-8") as fh:
        data = json.load(fh)
    fold = {ord(pair[0]): pair[1] for pair in data["fold"].split()}
    fields = {
        ImportKind(kind): {_key(alias, fold): name for name, aliases in spec.items() for alias in aliases}
        for kind, spec in data["kinds"].items()
    }
    vocabularies = {
        enum_name: Vocabulary(
            spec["label"],
            {_key(alias, fold): value for value, aliases in spec["values"].items() for alias in (value, *aliases)},
        )
        for enum_name, spec in data["values"].items()
    }
    return AliasTable(fold, fields, vocabularies)


def _key(text: str, fold: dict[int, str]) -> str:
    text = unicodedata.normalize("NFKC", text).translate(fold).casefold()
    # a header that is nothing but a bracketed note keeps its words
    text = _BRACKETED.sub("", text) or text
    # a value that is all symbols ("✓", "×") is its own key
    return _NOT_WORD.sub("", text) or text.strip()


def match_key(text: str) -> str:
    """The form headers and enum spellings are compared in."""
    return _key(text, alias_table().fold)


def fold_traditional(text: str) -> str:
    return text.translate(alias_table().fold)
