"""Parsing a WeChat 接龙 paste into order lines. Stdlib only.

A 接龙 as pasted from a group looks like::

    #接龙
    周五水果团🍊 今晚8点截单
    例 王芳 脐橙5斤×2 阳光花园

    1. 张三 脐橙5斤x2 阳光花园
    2. 李四 苹果×1 草莓*2 翠苑 晚点取
    3、赵六+1

Everything above the first numbered line is the header. Each numbered line is one person: a
nickname, then products with quantities (``×2``, ``x2``, ``*2``, ``+2``, ``2份``, ``两盒`` ...),
maybe a pickup point, a phone number, building and room, and whatever is left is the note.

A quantity is a whole number from 1 up, never a guess: ``x1.5`` or ``x多`` is a problem on its line,
not 1. An amount with a unit right after the name counts as the quantity (``苹果3个`` is 3) unless an
explicit count follows it: ``脐橙2斤x1`` is one, and says so in a warning. An amount that is the
product's spec (``脐橙5斤×2`` with spec 5斤) is the spec; of products with the same name, the one whose
spec is written is meant.

Products and pickup points are found by name first (exact substring, longest first), then by pinyin
(homophone typos such as 车里子 for 车厘子, or typed pinyin and initials). The pinyin itself comes
from the caller (``Catalogue.pinyin``) because the domain may not import pypinyin.

The parser never refuses a line: every line comes back with what was understood and its problems,
so the operator can correct it next to its source text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

#: pinyin syllables of a run of Chinese characters, one per character ("脐橙" -> ("qi", "cheng"))
PinyinFn = Callable[[str], tuple[str, ...]]

#: quantities larger than this are almost certainly a room or phone number, not a quantity
MAX_QUANTITY = 999
#: fuzzy pinyin matches must be at least this similar (difflib ratio over the joined syllables)
FUZZY_RATIO = 0.86

CN_DIGITS = {"一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9, "十": 10}
_UNIT = r"(?:公斤|千克|kg|份|个|盒|箱|袋|斤|件|只|包|瓶|桶|罐|提|串|把|条|块|颗|枚|克|g)"
_CN_NUM = "[一二两俩三四五六七八九十]"
# decimals are read whole so that they are refused, never cut to their integer part ("x1.5" is not 1)
_NUM = r"(\d+(?:\.\d+)?|" + _CN_NUM + ")"
_TIMES = "×✕✖╳Ｘ"
_VARIATION = "\ufe0e\ufe0f\u200d"

_SEQ = re.compile(r"^\s*(\d{1,4})\s*(?:[.、,，):：)]|\s)\s*")
_HEADER_WORDS = ("#接龙", "接龙", "例", "示例", "格式", "举例")
_EXAMPLE = re.compile(r"^\s*(?:例|示例|格式|举例)\s*[:：]?")
_PHONE = re.compile(r"(?<!\d)(1[3-9]\d{9})(?!\d)")
_BUILDING = re.compile(r"(\d{1,3})\s*(?:栋|幢|号楼|座)")
_UNIT_ROOM = re.compile(r"(?:(\d{1,3})\s*[-－]\s*)?(?:(\d{1,2})\s*单元\s*)?(\d{3,4})\s*(?:室|号房|房)?(?!\d)")
_DASHED_ADDRESS = re.compile(r"(?<!\d)(\d{1,3})\s*-\s*(\d{1,2})\s*-\s*(\d{3,4})(?!\d)")
_PLUS_ONLY = re.compile(r"^[+]\s*" + _NUM + r"\s*" + _UNIT + r"?$")
_GE = re.compile(r"\s*各\s*" + _NUM + r"\s*" + _UNIT + r"?")
#: an explicit count: "x2", "*2", "+2" (and "x-1", refused)
_COUNT = re.compile(r"\s*[x*+]\s*(-?\d+(?:\.\d+)?|" + _CN_NUM + r")\s*" + _UNIT + r"?")
#: a count after an amount ("2斤x1"): by x or * only ("2份+1份" adds, "2个*3栋" is the address)
_COUNT_AFTER_AMOUNT = re.compile(r"\s*[x*]\s*(-?\d+(?:\.\d+)?|" + _CN_NUM + r")(?!\s*(?:栋|幢|号楼|座|单元|\d))\s*"
                                 + _UNIT + r"?")
#: an amount with its unit: "2份", "3个", "2斤" (the quantity unless an explicit count follows)
_AMOUNT = re.compile(r"\s*" + _NUM + r"\s*" + _UNIT)
_BARE_AFTER = re.compile(r"\s*(\d+(?:\.\d+)?)(?![\d.])(?!\s*(?:元|块|¥))")
_AFTER_TEXT = re.compile(r"\s*[x*]\s*([^\s\d,，、;；]{1,3})")
_BEFORE = re.compile(_NUM + r"\s*" + _UNIT + r"\s*$")
_BARE_NUMBER = re.compile(r"(?:^|\s)[x*+]?\s*" + _NUM + r"\s*" + _UNIT + r"?(?=\s|$)")
# stated_quantity: counts anywhere in a line ("x" in an ASCII word such as "max" is no count)
_ANY_COUNT = re.compile(r"(?<![a-z])[x*+]\s*(-?\d+(?:\.\d+)?|" + _CN_NUM + r"|[^\s\da-z,，、;；]{1,3})")
_ANY_AMOUNT = re.compile(r"(?<![\d.])" + _NUM + r"\s*" + _UNIT)
_ANY_BARE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])")
_WRITTEN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_CJK = re.compile(r"[\u3400-\u9fff]+")
_ASCII_WORD = re.compile(r"[a-z]{2,}")
_SEPARATORS = re.compile(r"[,，、;；/|]+")
_SPACES = re.compile(r"\s+")
_SAME_AS_ABOVE = ("同上", "同楼上", "一样")


# ------------------------------------------------------------------------------------------- inputs


@dataclass(frozen=True, slots=True)
class ProductChoice:
    """A product the 接龙 may name. ``spec`` ("5斤") is consumed after the name when written."""

    id: int
    name: str
    spec: str = ""
    #: 0 when unknown; only used to show the line's amount
    price_cents: int = 0


@dataclass(frozen=True, slots=True)
class PickupChoice:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Catalogue:
    """What a paste is matched against: the campaign's products and pickup points, and pinyin."""

    products: tuple[ProductChoice, ...]
    pickup_points: tuple[PickupChoice, ...] = ()
    #: None: no pinyin matching (names must then be written exactly)
    pinyin: PinyinFn | None = None


# ------------------------------------------------------------------------------------------- output


@dataclass(frozen=True, slots=True)
class ParsedItem:
    product_id: int
    product_name: str
    quantity: int
    #: how the product was recognised: "name", "pinyin" or "only" (the only product, not named)
    matched_by: str = "name"


@dataclass(frozen=True, slots=True)
class ParsedLine:
    """One person's line: what was understood, and what is wrong with it (``problems`` block it)."""

    #: 1-based line number in the paste
    line_no: int
    #: the 接龙 number ("3." -> 3); None for an unnumbered line
    seq: int | None
    source: str
    nickname: str
    phone: str = ""
    items: tuple[ParsedItem, ...] = ()
    pickup_point_id: int | None = None
    pickup_point_name: str = ""
    building: str = ""
    room: str = ""
    note: str = ""
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    #: stable identity of the line for re-pastes (see ``line_key``)
    key: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def quantity(self) -> int:
        return sum(item.quantity for item in self.items)


@dataclass(frozen=True, slots=True)
class ParsedPaste:
    title: str
    header_lines: tuple[str, ...]
    lines: tuple[ParsedLine, ...]
    #: lines that are neither header nor an order (footer remarks, blank numbered lines)
    ignored_lines: tuple[tuple[int, str], ...] = ()


# ------------------------------------------------------------------------------------------- text


def _fold_char(char: str) -> str:
    if char in _TIMES:
        return "x"
    if char in _VARIATION:
        return " "  # ✖️ is ✖ plus an emoji variation selector
    folded = unicodedata.normalize("NFKC", char)
    return folded.casefold() if len(folded) == 1 else char


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first sight of each character (a paste repeats few)."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(self) < 65536:
            self[code] = folded
        return folded


_FOLD = _FoldTable()


def normalise_text(text: str) -> str:
    """Width-folded, one character per character (so positions still point into the source):
    full-width digits, letters, spaces and ＊ become ASCII, the multiplication signs become x."""
    return text.translate(_FOLD)


def _count(raw: str) -> int | None:
    """The whole number written ("2", "两"), or None for one that is not ("1.5", "-1")."""
    if raw in CN_DIGITS:
        return CN_DIGITS[raw]
    return int(raw) if raw.isdecimal() else None


def _not_whole(raw: str) -> str:
    return f"数量必须是正整数：“{raw}”"


def line_key(seq: int | None, text: str, occurrence: int = 0) -> str:
    """The identity of a 接龙 line: its number and its text with spacing and width folded, so the
    same line pasted again (in a longer 接龙) is recognised and not ordered twice."""
    compact = _SPACES.sub("", normalise_text(text))
    raw = f"{seq if seq is not None else '-'}|{compact}|{occurrence}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


def line_content(line: str) -> str:
    """A 接龙 line's text without its number, spacing and width folded: what stays the same when
    WeChat renumbers the line (desktop.domain.orders.match_repaste)."""
    return _SPACES.sub("", normalise_text(_split_seq(line)[1]))


# ------------------------------------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    kind: str  # "product" | "pickup"
    index: int
    matched_by: str


@dataclass
class _Names:
    """Per-catalogue lookup tables, built once per paste."""

    catalogue: Catalogue
    product_terms: list[tuple[str, int]] = field(default_factory=list)
    pickup_terms: list[tuple[str, int]] = field(default_factory=list)
    product_pinyin: list[tuple[tuple[str, ...], int]] = field(default_factory=list)
    pickup_pinyin: list[tuple[tuple[str, ...], int]] = field(default_factory=list)
    product_initials: dict[str, int] = field(default_factory=dict)
    pickup_initials: dict[str, int] = field(default_factory=dict)
    #: (kind, run of Chinese characters) -> its pinyin match: a paste repeats its words ("晚点取")
    cjk_hits: dict[tuple[str, str], tuple[int, int, int] | None] = field(default_factory=dict)
    #: (kind, ASCII word) -> the candidate it types, or -1
    ascii_hits: dict[tuple[str, str], int] = field(default_factory=dict)
    #: product -> the products of the same name (itself included), longest spec first: "脐橙10斤x1"
    #: is the 10斤 one of 脐橙 5斤 and 脐橙 10斤
    same_name: dict[int, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, catalogue: Catalogue) -> _Names:
        names = cls(catalogue)
        for i, product in enumerate(catalogue.products):
            name = normalise_text(product.name).strip()
            if name:
                names.product_terms.append((name, i))
        for i, point in enumerate(catalogue.pickup_points):
            name = normalise_text(point.name).strip()
            if name:
                names.pickup_terms.append((name, i))
                short = _short_pickup_name(name)
                if short != name and len(short) >= 2:
                    names.pickup_terms.append((short, i))
        by_name: dict[str, list[int]] = {}
        for name, i in names.product_terms:
            by_name.setdefault(name, []).append(i)
        for same in by_name.values():
            if len(same) > 1:
                same.sort(key=lambda i: -len(catalogue.products[i].spec))
                for i in same:
                    names.same_name[i] = tuple(same)
        # longest first, so 脐橙 never wins over 赣南脐橙 in "赣南脐橙x2"
        names.product_terms.sort(key=lambda t: -len(t[0]))
        names.pickup_terms.sort(key=lambda t: -len(t[0]))
        if catalogue.pinyin is not None:
            names.product_pinyin, names.product_initials = _pinyin_table(names.product_terms, catalogue.pinyin)
            names.pickup_pinyin, names.pickup_initials = _pinyin_table(names.pickup_terms, catalogue.pinyin)
        return names


def _short_pickup_name(name: str) -> str:
    """阳光花园自提点 -> 阳光花园: people write the place, not the word 自提点."""
    for suffix in ("自提点", "提货点", "取货点", "自提", "门口", "店"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _pinyin_table(terms: list[tuple[str, int]], pinyin: PinyinFn) -> tuple[list[tuple[tuple[str, ...], int]],
                                                                           dict[str, int]]:
    table: list[tuple[tuple[str, ...], int]] = []
    initials: dict[str, int] = {}
    for term, index in terms:
        chars = "".join(_CJK.findall(term))
        if len(chars) < 2:
            continue
        syllables = pinyin(chars)
        table.append((syllables, index))
        key = "".join(s[:1] for s in syllables)
        initials[key] = index if initials.get(key, index) == index else -1
    return table, initials


def _exact_mentions(text: str, terms: list[tuple[str, int]], kind: str, taken: list[bool]) -> list[_Mention]:
    found = []
    for term, index in terms:
        start = text.find(term)
        while start >= 0:
            end = start + len(term)
            if not any(taken[start:end]):
                found.append(_Mention(start, end, kind, index, "name"))
                for i in range(start, end):
                    taken[i] = True
            start = text.find(term, end)
    return found


def _syllable_match(chunk: tuple[str, ...], table: list[tuple[tuple[str, ...], int]]) -> tuple[int, int, int] | None:
    """(index, start, length) of the best candidate whose syllables occur in ``chunk`` (homophones),
    or whose syllables are close enough to the whole chunk (one slip in a long name)."""
    best: tuple[int, int, int] | None = None
    for syllables, index in table:
        n = len(syllables)
        for start in range(0, len(chunk) - n + 1):
            if chunk[start:start + n] == syllables and (best is None or n > best[2]):
                best = (index, start, n)
                break
    if best is not None:
        return best
    joined = "".join(chunk)
    for syllables, index in table:
        close = len(syllables) >= 3 and abs(len(syllables) - len(chunk)) <= 1
        if not close:
            continue
        matcher = SequenceMatcher(None, joined, "".join(syllables))
        # quick_ratio() is an upper bound of ratio(): most candidates are ruled out without the full match
        if matcher.quick_ratio() >= FUZZY_RATIO and matcher.ratio() >= FUZZY_RATIO:
            return (index, 0, len(chunk))
    return None


def _typed_pinyin(word: str, table: list[tuple[tuple[str, ...], int]]) -> int:
    """The one candidate whose pinyin is ``word``, or starts with it at a syllable boundary
    ("yangguang" for 阳光花园); -1 when none or several."""
    hits = set()
    for syllables, index in table:
        joined = ""
        for syllable in syllables:
            joined += syllable
            if joined == word:
                hits.add(index)
                break
    return hits.pop() if len(hits) == 1 else -1


def _pinyin_mentions(text: str, names: _Names, kind: str, taken: list[bool]) -> list[_Mention]:
    pinyin = names.catalogue.pinyin
    if pinyin is None:
        return []
    table = names.product_pinyin if kind == "product" else names.pickup_pinyin
    initials = names.product_initials if kind == "product" else names.pickup_initials
    cjk_hits = names.cjk_hits
    found = []
    for match in _CJK.finditer(text):
        if any(taken[match.start():match.end()]) or match.end() - match.start() < 2:
            continue
        run = match.group()
        try:
            hit = cjk_hits[kind, run]
        except KeyError:
            hit = cjk_hits[kind, run] = _syllable_match(pinyin(run), table)
        if hit is not None:
            index, start, length = hit
            found.append(_Mention(match.start() + start, match.start() + start + length, kind, index, "pinyin"))
    for match in _ASCII_WORD.finditer(text):
        if any(taken[match.start():match.end()]):
            continue
        word = match.group()
        hit_index = names.ascii_hits.get((kind, word), -2)
        if hit_index == -2:
            hit_index = initials.get(word, -1) if len(word) >= 2 else -1
            if hit_index < 0 and len(word) >= 4:
                hit_index = _typed_pinyin(word, table)
            names.ascii_hits[kind, word] = hit_index
        if hit_index >= 0:
            found.append(_Mention(match.start(), match.end(), kind, hit_index, "pinyin"))
    for mention in found:
        for i in range(mention.start, mention.end):
            taken[i] = True
    return found


# ------------------------------------------------------------------------------------------- quantities


@dataclass
class _Quantity:
    value: int | None
    end: int
    problem: str = ""
    #: where an amount with a unit was written before an explicit count ("2斤" of "2斤x1"), else -1
    amount_start: int = -1


def _read_count(raw: str, end: int) -> _Quantity:
    value = _count(raw)
    return _Quantity(value, end, "" if value is not None else "的" + _not_whole(raw))


def _spec_end(text: str, pos: int, spec: str) -> int:
    """Past the product's spec when it is written right after the name ("脐橙5斤" with spec 5斤)."""
    spec_text = _SPACES.sub("", normalise_text(spec))
    if not spec_text:
        return pos
    probe = pos
    while probe < len(text) and text[probe] == " ":
        probe += 1
    if text.startswith(spec_text, probe):
        return probe + len(spec_text)
    for part in ("(", "（", "["):
        if text.startswith(part + spec_text, probe):
            close = probe + 1 + len(spec_text)
            return close + 1 if close < len(text) and text[close] in ")）]" else close
    return pos


def _quantity_after(text: str, pos: int) -> _Quantity | None:
    """The quantity written right after a product (and its spec): "x2", "2份", "2斤x1", " 3"."""
    quantity = _explicit_count(text, pos)
    if quantity is not None:
        return quantity
    match = _AMOUNT.match(text, pos)
    if match:
        # "脐橙2斤x1": the 2斤 says which or how big, the x1 how many
        quantity = _explicit_count(text, match.end(), _COUNT_AFTER_AMOUNT)
        if quantity is None:
            return _read_count(match.group(1), match.end())
        quantity.amount_start = match.start(1)
        return quantity
    match = _BARE_AFTER.match(text, pos)
    if match:
        return _read_count(match.group(1), match.end())
    return None


def _explicit_count(text: str, pos: int, pattern: re.Pattern[str] = _COUNT) -> _Quantity | None:
    match = pattern.match(text, pos)
    if match:
        return _read_count(match.group(1), match.end())
    bad = _AFTER_TEXT.match(text, pos)
    if bad:
        return _Quantity(None, bad.end(), f"数量不是数字：“{bad.group(1)}”")
    return None


def _quantity_before(text: str, start: int, floor: int) -> tuple[str, int] | None:
    """"2份车厘子": the number as written and where it starts."""
    match = _BEFORE.search(text, floor, start)
    if match:
        return match.group(1), match.start()
    return None


# ------------------------------------------------------------------------------------------- lines


def _split_seq(line: str) -> tuple[int | None, str]:
    match = _SEQ.match(normalise_text(line))
    if match is None:
        return None, line.strip()
    rest = line[match.end():]
    # "3 斤脐橙" would be a quantity, not a 接龙 number: a number is followed by a separator or a space
    return int(match.group(1)), rest.strip()


def _is_header(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(_HEADER_WORDS) or bool(_EXAMPLE.match(stripped))


@dataclass
class _LineState:
    items: list[ParsedItem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_line(line_no: int, seq: int | None, body: str, names: _Names, source: str | None = None,
               previous: ParsedLine | None = None) -> ParsedLine:
    """One person's line (the 接龙 number already taken off)."""
    catalogue = names.catalogue
    text = normalise_text(body)
    taken = [False] * len(text)
    state = _LineState()

    products = _exact_mentions(text, names.product_terms, "product", taken)
    pickups = _exact_mentions(text, names.pickup_terms, "pickup", taken)
    nickname_end = _nickname_end(text, products + pickups)
    for i in range(nickname_end):
        taken[i] = True
    phone_match = _PHONE.search(text, nickname_end)
    phone = ""
    if phone_match:
        phone = phone_match.group(1)
        for i in range(phone_match.start(), phone_match.end()):
            taken[i] = True
    products += _pinyin_mentions(text, names, "product", taken)
    pickups += _pinyin_mentions(text, names, "pickup", taken)
    products = [m for m in products if m.start >= nickname_end]
    pickups = [m for m in pickups if m.start >= nickname_end]
    products.sort(key=lambda m: m.start)

    used = [False] * len(text)
    for i in range(nickname_end):
        used[i] = True
    if phone_match:
        for i in range(phone_match.start(), phone_match.end()):
            used[i] = True
    quantities: dict[int, int] = {}
    order: list[int] = []
    missing: list[int] = []
    floor = nickname_end
    for n, mention in enumerate(products):
        if mention.index in names.same_name:
            mention = products[n] = _with_written_spec(text, mention, names)
        product = catalogue.products[mention.index]
        for i in range(mention.start, mention.end):
            used[i] = True
        limit = products[n + 1].start if n + 1 < len(products) else len(text)
        before = _quantity_before(text, mention.start, floor)
        end = _spec_end(text, mention.end, product.spec)
        after = _quantity_after(text[:limit], end)
        value: int | None
        if after is not None:
            value = after.value
            if after.problem:
                state.problems.append(f"“{product.name}”{after.problem}")
                quantities.setdefault(mention.index, 0)
            elif after.amount_start >= 0:
                written = body[after.amount_start:after.end].strip()
                state.warnings.append(f"“{product.name}”写的“{written}”按 {value} 份")
            end = after.end
        elif before is not None:
            raw, start = before
            value = _count(raw)
            if value is None:
                state.problems.append(f"“{product.name}”的{_not_whole(raw)}")
                quantities.setdefault(mention.index, 0)
            for i in range(start, mention.start):
                used[i] = True
        else:
            value = None
            missing.append(mention.index)
        for i in range(mention.end, end):
            used[i] = True
        floor = end
        if value is not None:
            if value == 0:
                state.problems.append(f"“{product.name}”的数量为 0")
            elif value > MAX_QUANTITY:
                state.problems.append(f"“{product.name}”的数量 {value} 太大，请核对")
            quantities[mention.index] = quantities.get(mention.index, 0) + value
        if mention.index not in order:
            order.append(mention.index)
        if mention.matched_by == "pinyin":
            state.warnings.append(f"“{body[mention.start:mention.end].strip()}”按拼音认作“{product.name}”")
    _apply_ge(text, used, missing, quantities, floor, catalogue, state)
    for index in missing:
        if index not in quantities:
            quantities[index] = 1
            state.warnings.append(f"“{catalogue.products[index].name}”未写数量，按 1 份")
    matched_by = {m.index: m.matched_by for m in products}
    state.items = [ParsedItem(catalogue.products[i].id, _product_label(catalogue.products[i]), quantities[i],
                              matched_by[i]) for i in order]

    pickup_id, pickup_name = _pickup(pickups, catalogue, used, state)
    building, room = _address(text, used)
    rest = _rest(text, used)
    if not state.items:
        _no_product_line(rest, catalogue, state, previous)
        if state.items and previous is not None and _says_same(rest):
            rest = ""
            pickup_id = pickup_id if pickup_id is not None else previous.pickup_point_id
            pickup_name = pickup_name or previous.pickup_point_name
        elif state.items:
            rest = _BARE_NUMBER.sub(" ", " " + rest).strip() if not _PLUS_ONLY.match(rest) else ""
    if pickup_id is None and len(catalogue.pickup_points) == 1:
        only = catalogue.pickup_points[0]
        pickup_id, pickup_name = only.id, only.name
    nickname = _clean_nickname(body[:nickname_end])
    if not nickname:
        state.warnings.append("没有写昵称")
    return ParsedLine(
        line_no=line_no, seq=seq, source=source if source is not None else body, nickname=nickname, phone=phone,
        items=tuple(state.items), pickup_point_id=pickup_id, pickup_point_name=pickup_name,
        building=building, room=room, note=_note(rest), problems=tuple(state.problems),
        warnings=tuple(state.warnings),
    )


def _with_written_spec(text: str, mention: _Mention, names: _Names) -> _Mention:
    """Of products sharing a name, the one whose spec follows the name; the first when none does."""
    for index in names.same_name[mention.index]:
        if _spec_end(text, mention.end, names.catalogue.products[index].spec) > mention.end:
            return _Mention(mention.start, mention.end, mention.kind, index, mention.matched_by)
    return mention


def _product_label(product: ProductChoice) -> str:
    return f"{product.name} {product.spec}".strip()


def _nickname_end(text: str, mentions: list[_Mention]) -> int:
    """The nickname is the first word, or the part of it before a product or pickup point."""
    stripped = len(text) - len(text.lstrip())
    if text.lstrip().startswith("+"):
        return stripped
    first_word = _SPACES.search(text, stripped)
    word_end = first_word.start() if first_word else len(text)
    inside = [m.start for m in mentions if stripped <= m.start < word_end]
    end = min(inside) if inside else word_end
    # "赵六+1": the +1 is not part of the name
    plus = text.find("+", stripped, end)
    if plus > stripped:
        end = plus
    # a nickname never starts with a quantity ("2份脐橙")
    if _BEFORE.match(text[stripped:end]) or re.match(r"\d+\s*" + _UNIT, text[stripped:end]):
        return stripped
    return end


def _clean_nickname(text: str) -> str:
    return " ".join(text.split()).strip(",，、:：")


def _apply_ge(text: str, used: list[bool], missing: list[int], quantities: dict[int, int], floor: int,
              catalogue: Catalogue, state: _LineState) -> None:
    """"苹果、草莓各2": the count applies to every product named without one."""
    match = _GE.match(text, floor) if missing else None
    if match is None:
        return
    value = _count(match.group(1))
    for index in missing:
        if value is None:
            state.problems.append(f"“{catalogue.products[index].name}”的{_not_whole(match.group(1))}")
        quantities[index] = quantities.get(index, 0) + (value or 0)
    missing.clear()
    for i in range(floor, match.end()):
        used[i] = True


def _pickup(pickups: list[_Mention], catalogue: Catalogue, used: list[bool],
            state: _LineState) -> tuple[int | None, str]:
    if not pickups:
        return None, ""
    ids = {catalogue.pickup_points[m.index].id for m in pickups}
    for mention in pickups:
        for i in range(mention.start, mention.end):
            used[i] = True
    first = catalogue.pickup_points[pickups[0].index]
    if len(ids) > 1:
        names = "、".join(dict.fromkeys(catalogue.pickup_points[m.index].name for m in pickups))
        state.problems.append(f"写了多个自提点：{names}")
    elif pickups[0].matched_by == "pinyin":
        state.warnings.append(f"自提点按拼音认作“{first.name}”")
    return first.id, first.name


def _address(text: str, used: list[bool]) -> tuple[str, str]:
    """Building and room when written ("9栋302", "9-1-302", "3号楼1单元502")."""
    dashed = _DASHED_ADDRESS.search(text)
    if dashed and not any(used[dashed.start():dashed.end()]):
        for i in range(dashed.start(), dashed.end()):
            used[i] = True
        return dashed.group(1), f"{dashed.group(2)}-{dashed.group(3)}"
    building = ""
    match = _BUILDING.search(text)
    if match and not any(used[match.start():match.end()]):
        building = match.group(1)
        for i in range(match.start(), match.end()):
            used[i] = True
        room = _UNIT_ROOM.match(text, match.end())
        if room is None:
            room = _UNIT_ROOM.match(text, _skip_spaces(text, match.end()))
        if room is not None and room.group(3):
            for i in range(room.start(), room.end()):
                used[i] = True
            unit = f"{room.group(2)}-" if room.group(2) else ""
            return building, f"{unit}{room.group(3)}"
    return building, ""


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " ,，":
        pos += 1
    return pos


def _rest(text: str, used: list[bool]) -> str:
    kept = "".join(" " if used[i] else char for i, char in enumerate(text))
    return " ".join(_SEPARATORS.sub(" ", kept).split())


def _note(rest: str) -> str:
    """What is left of the line once names, quantities, phone and address are taken out."""
    return rest.strip(" ,，、;；:：-")


def _says_same(rest: str) -> bool:
    return any(word in rest for word in _SAME_AS_ABOVE)


def _no_product_line(rest: str, catalogue: Catalogue, state: _LineState, previous: ParsedLine | None) -> None:
    """A line naming no product: "+1", "2份", "同上", or a problem."""
    if previous is not None and previous.items and _says_same(rest):
        state.items = list(previous.items)
        state.warnings.append(f"“同上”：按上一行（第 {previous.line_no} 行）的商品")
        return
    match = _PLUS_ONLY.match(rest) or _BARE_NUMBER.search(" " + rest)
    if len(catalogue.products) == 1:
        product = catalogue.products[0]
        value = _count(match.group(1)) if match else 1
        if match is None:
            state.warnings.append(f"未写商品和数量，按“{product.name}”1 份")
        if value is None:
            state.problems.append(_not_whole(match.group(1) if match else ""))
        elif value == 0:
            state.problems.append("数量为 0")
        state.items = [ParsedItem(product.id, _product_label(product), value or 0, "only")]
        return
    if match is not None:
        state.problems.append("只写了数量，没写是哪个商品")
    elif rest:
        state.problems.append(f"没有认出商品：“{rest}”")
    else:
        state.problems.append("没有写商品")


# ------------------------------------------------------------------------------------------- the paste


def parse_paste(text: str, catalogue: Catalogue) -> ParsedPaste:
    """Every order line of a pasted 接龙, each with its problems; header and footer lines set aside."""
    names = _Names.build(catalogue)
    raw_lines = text.splitlines()
    numbered = [(i, *_split_seq(line)) for i, line in enumerate(raw_lines)]
    first_numbered = next((i for i, seq, _ in numbered if seq is not None and not _is_header(raw_lines[i])), None)
    header: list[str] = []
    lines: list[ParsedLine] = []
    ignored: list[tuple[int, str]] = []
    occurrences: dict[tuple[int | None, str], int] = {}
    previous: ParsedLine | None = None
    for i, seq, body in numbered:
        line = raw_lines[i]
        if not line.strip():
            continue
        if first_numbered is not None and i < first_numbered:
            header.append(line.strip())
            continue
        if _is_header(line) and seq is None:
            if lines:
                ignored.append((i + 1, line.strip()))
            else:
                header.append(line.strip())
            continue
        if first_numbered is None and not lines and not _names_anything(body, names):
            header.append(line.strip())
            continue
        if seq is None and not _names_anything(body, names) and not _PLUS_ONLY.match(normalise_text(body).strip()):
            if previous is not None and _only_pickup_or_note(body, names) and previous.pickup_point_id is None:
                lines[-1] = _with_continuation(previous, body, names)
                previous = lines[-1]
            else:
                ignored.append((i + 1, line.strip()))
            continue
        if not body:
            ignored.append((i + 1, line.strip()))
            continue
        parsed = parse_line(i + 1, seq, body, names, source=line.strip(), previous=previous)
        compact = _SPACES.sub("", normalise_text(body))
        occurrence = occurrences.get((seq, compact), 0)
        occurrences[(seq, compact)] = occurrence + 1
        parsed = _with_key(parsed, line_key(seq, body, occurrence))
        lines.append(parsed)
        previous = parsed
    _flag_repeated_numbers(lines)
    title = next((h for h in header if not h.lstrip().startswith(("#", "例"))), header[0] if header else "")
    return ParsedPaste(title.strip(), tuple(header), tuple(lines), tuple(ignored))


def _with_key(line: ParsedLine, key: str) -> ParsedLine:
    return ParsedLine(line.line_no, line.seq, line.source, line.nickname, line.phone, line.items,
                      line.pickup_point_id, line.pickup_point_name, line.building, line.room, line.note,
                      line.problems, line.warnings, key)


def _names_anything(body: str, names: _Names) -> bool:
    text = normalise_text(body)
    if any(term in text for term, _ in names.product_terms):
        return True
    if names.catalogue.pinyin is not None:
        taken = [False] * len(text)
        return bool(_pinyin_mentions(text, names, "product", taken))
    return False


def _only_pickup_or_note(body: str, names: _Names) -> bool:
    text = normalise_text(body)
    return any(term in text for term, _ in names.pickup_terms)


def _with_continuation(line: ParsedLine, body: str, names: _Names) -> ParsedLine:
    """A wrapped line carrying only the pickup point of the line above."""
    text = normalise_text(body)
    taken = [False] * len(text)
    found = _exact_mentions(text, names.pickup_terms, "pickup", taken)
    point = names.catalogue.pickup_points[found[0].index] if found else None
    if point is None:
        return line
    return ParsedLine(line.line_no, line.seq, f"{line.source} {body.strip()}", line.nickname, line.phone, line.items,
                      point.id, point.name, line.building, line.room, line.note, line.problems, line.warnings,
                      line.key)


def _flag_repeated_numbers(lines: list[ParsedLine]) -> None:
    """Two different lines with the same 接龙 number: the later one is probably a typo."""
    seen: dict[int, int] = {}
    for n, line in enumerate(lines):
        if line.seq is None:
            continue
        if line.seq in seen and lines[seen[line.seq]].key != line.key:
            warning = f"接龙号 {line.seq} 与第 {lines[seen[line.seq]].line_no} 行重复"
            lines[n] = ParsedLine(line.line_no, line.seq, line.source, line.nickname, line.phone, line.items,
                                  line.pickup_point_id, line.pickup_point_name, line.building, line.room, line.note,
                                  line.problems, (*line.warnings, warning), line.key)
        else:
            seen.setdefault(line.seq, n)


@dataclass(frozen=True, slots=True)
class StatedQuantity:
    """The count a line gives, read without knowing its products (see ``stated_quantity``)."""

    #: None when the line gives no count, or none that can be taken (``problem`` then says why)
    value: int | None = None
    problem: str = ""


def stated_quantity(source: str) -> StatedQuantity:
    """How many a 接龙 line asks for, whatever its product: when the operator picks the product of a
    line whose product was not recognised, "4. 陈静 香蕉×3" still asks for 3.

    Read as after a product: an explicit count (``x3``, ``*3``, ``+3``) first, else an amount with a unit
    (``3个``), else a bare number; the 接龙 number, nickname, phone and address are no counts. Two
    counts of the same kind, or one that is not a whole number, come back as a problem, never a guess."""
    _seq, body = _split_seq(source)
    text = normalise_text(body)
    used = [False] * len(text)
    nickname_end = _nickname_end(text, [])
    for i in range(nickname_end):
        used[i] = True
    phone = _PHONE.search(text, nickname_end)
    if phone:
        for i in range(phone.start(), phone.end()):
            used[i] = True
    _address(text, used)
    for pattern in (_ANY_COUNT, _ANY_AMOUNT, _ANY_BARE):
        found = [m for m in pattern.finditer(text) if not any(used[m.start():m.end()])]
        if len(found) > 1:
            return StatedQuantity(None, "写了多个数量：" + "、".join(body[m.start():m.end()].strip() for m in found))
        if found:
            raw = found[0].group(1)
            value = _count(raw)
            if value is not None:
                return StatedQuantity(value)
            if _WRITTEN_NUMBER.fullmatch(raw):
                return StatedQuantity(None, _not_whole(raw))
            return StatedQuantity(None, f"数量不是数字：“{body[found[0].start(1):found[0].end(1)]}”")
    return StatedQuantity()
