"""Imports: what a sheet's columns mean, what each row parsed to, and chat-history day counts.

The reading engine (desktop.io) produces these; the import services and the wizard consume them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from itertools import repeat
from typing import NamedTuple

from .errors import ValidationError


class ImportKind(StrEnum):
    GROUPS = "groups"
    MEMBERS = "members"
    MEMBERSHIPS = "memberships"
    INTERACTIONS = "interactions"
    DAY_STATS = "day_stats"
    ORDERS = "orders"


class FieldType(StrEnum):
    """How a column's cells are normalised."""

    TEXT = "text"
    COUNT = "count"
    CENTS = "cents"
    PHONE = "phone"
    DATE = "date"
    DATETIME = "datetime"
    BOOL = "bool"
    LABELS = "labels"
    PLATFORM = "platform"
    GROUP_STATUS = "group_status"
    LIFESPAN = "lifespan"
    TIER = "tier"
    ROLE = "role"
    INTERACTION_KIND = "interaction_kind"
    PAYMENT_STATUS = "payment_status"
    FULFILMENT_STATUS = "fulfilment_status"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    type: FieldType
    required: bool = False


def _specs(*items: tuple[str, FieldType] | tuple[str, FieldType, bool]) -> tuple[FieldSpec, ...]:
    return tuple(FieldSpec(*item) for item in items)


_T = FieldType
#: The fields each kind of import understands, in the order the wizard lists them.
KIND_FIELDS: dict[ImportKind, tuple[FieldSpec, ...]] = {
    ImportKind.GROUPS: _specs(
        ("name", _T.TEXT, True), ("platform", _T.PLATFORM), ("external_id", _T.TEXT), ("owner", _T.TEXT),
        ("status", _T.GROUP_STATUS), ("lifespan", _T.LIFESPAN), ("start_date", _T.DATE), ("end_date", _T.DATE),
        ("capacity", _T.COUNT), ("member_count", _T.COUNT), ("area", _T.TEXT), ("labels", _T.LABELS),
        ("note", _T.TEXT),
    ),
    ImportKind.MEMBERS: _specs(
        ("nickname", _T.TEXT, True), ("wechat_id", _T.TEXT), ("phone", _T.PHONE), ("name", _T.TEXT),
        ("address", _T.TEXT), ("tier", _T.TIER), ("seed_user", _T.BOOL), ("referrer", _T.TEXT),
        ("source", _T.TEXT), ("note", _T.TEXT),
    ),
    ImportKind.MEMBERSHIPS: _specs(
        ("group_name", _T.TEXT, True), ("group_external_id", _T.TEXT), ("nickname", _T.TEXT, True),
        ("wechat_id", _T.TEXT), ("phone", _T.PHONE), ("role", _T.ROLE), ("is_admin", _T.BOOL),
        ("joined_on", _T.DATE), ("left_on", _T.DATE), ("group_nickname", _T.TEXT),
        # the day the list was taken (every listed person was in the group that day); blank: today
        ("list_date", _T.DATE),
    ),
    ImportKind.INTERACTIONS: _specs(
        ("occurred_at", _T.DATETIME, True), ("group_name", _T.TEXT), ("nickname", _T.TEXT), ("phone", _T.PHONE),
        ("kind", _T.INTERACTION_KIND), ("summary", _T.TEXT), ("amount_cents", _T.CENTS),
        ("follow_up_on", _T.DATE), ("follow_up_done", _T.BOOL),
    ),
    ImportKind.DAY_STATS: _specs(
        ("group_name", _T.TEXT, True), ("group_external_id", _T.TEXT), ("day", _T.DATE, True),
        ("messages", _T.COUNT), ("active_members", _T.COUNT), ("joins", _T.COUNT), ("leaves", _T.COUNT),
        ("member_count", _T.COUNT),
    ),
    ImportKind.ORDERS: _specs(
        ("external_no", _T.TEXT, True), ("buyer_name", _T.TEXT), ("member_note", _T.TEXT),
        ("placed_at", _T.DATETIME), ("paid_at", _T.DATETIME), ("leader_note", _T.TEXT),
        ("product", _T.TEXT, True), ("spec", _T.TEXT), ("quantity", _T.COUNT),
        # amount_cents is the order's amount (订单金额, repeated on each line of the order or only on its
        # first); line_amount_cents a line's own amount (商品金额, 小计) when the export has one
        ("unit_price_cents", _T.CENTS), ("amount_cents", _T.CENTS), ("line_amount_cents", _T.CENTS),
        ("refund_cents", _T.CENTS),
        ("cost_cents", _T.CENTS), ("payment_status", _T.PAYMENT_STATUS),
        ("fulfilment_status", _T.FULFILMENT_STATUS), ("pickup_point", _T.TEXT), ("receiver", _T.TEXT),
        ("phone", _T.PHONE), ("address", _T.TEXT), ("province", _T.TEXT), ("city", _T.TEXT),
        ("district", _T.TEXT), ("courier", _T.TEXT), ("tracking_no", _T.TEXT), ("building", _T.TEXT),
        ("room", _T.TEXT),
    ),
}


#: kinds that keep every titled column no field reads, as text under its header (orders: extras_json)
KEEPS_EXTRAS = frozenset({ImportKind.ORDERS})
#: the field name of such a column: ``extra:<column index>``
EXTRA_PREFIX = "extra:"
#: headers of the row-number columns exports add (序号, No., #): nothing worth keeping
_ROW_NUMBER_HEADERS = frozenset({"序号", "序號", "序", "行号", "行號", "no", "#", "index", "row", "sn", "s/n"})
_NOT_WORD = re.compile(r"[\s.:：、_\-]+")


def extra_field(column: int) -> str:
    return f"{EXTRA_PREFIX}{column}"


def is_extra(name: str) -> bool:
    return name.startswith(EXTRA_PREFIX)


def is_row_number_header(text: str) -> bool:
    """Whether a header is "序号", "No.", "#" or the like: the row numbers an export adds, not data."""
    key = _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())
    return key in _ROW_NUMBER_HEADERS


class _FieldSpecs(dict[str, FieldSpec]):
    """A kind's fields by name; an extra column (``extra:<n>``) reads as text."""

    def __missing__(self, name: str) -> FieldSpec:
        if is_extra(name):
            return FieldSpec(name, FieldType.TEXT)
        raise KeyError(name)


def field_specs(kind: ImportKind) -> dict[str, FieldSpec]:
    """The fields of ``kind`` by name (iterating gives only these; looking up an extra column's name
    gives a text field, so the row parser reads a mapping's extras like any field)."""
    return _FieldSpecs((spec.name, spec) for spec in KIND_FIELDS[kind])


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which column holds which field, for one header layout (``signature``).

    ``header_row`` and the column indexes are 0-based positions in the raw grid; ``headers``
    are the header cells as written. The GUI stores the JSON per signature to remember a
    correction the operator made for a source. ``unmatched`` are the titled columns no field
    reads; for a kind in KEEPS_EXTRAS those that are not row numbers are read too, each as the
    field ``extra:<column>`` (``extra_columns``), always worked out again from the fields.
    """

    kind: ImportKind
    header_row: int
    headers: tuple[str, ...]
    columns: Mapping[str, int]
    signature: str
    unmatched: tuple[int, ...] = field(default=())

    def with_field(self, name: str, column: int | None) -> ColumnMapping:
        """The operator's correction: ``name`` now reads ``column`` (None: not imported)."""
        if name not in field_specs(self.kind):
            raise ValidationError(f"“{name}”不是可导入的字段", field=name)
        if column is not None and not 0 <= column < len(self.headers):
            raise ValidationError(f"第 {column + 1} 列不存在", field=name)
        columns = {f: c for f, c in self.columns.items() if f != name and c != column}
        if column is not None:
            columns[name] = column
        return mapping_for(self.kind, self.header_row, self.headers, columns, self.signature)

    @property
    def extra_columns(self) -> tuple[int, ...]:
        """The columns kept as extras, in sheet order."""
        return tuple(sorted(column for name, column in self.columns.items() if is_extra(name)))

    def to_json(self) -> str:
        return json.dumps(
            {
                "kind": self.kind.value,
                "header_row": self.header_row,
                "headers": list(self.headers),
                "columns": dict(self.columns),
                "signature": self.signature,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping:
        try:
            data = json.loads(text)
            kind = ImportKind(data["kind"])
            headers = tuple(str(h) for h in data["headers"])
            columns = {str(k): int(v) for k, v in data["columns"].items() if not is_extra(str(k))}
            header_row, signature = int(data["header_row"]), str(data["signature"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValidationError("保存的列对应关系已损坏") from exc
        known = field_specs(kind)
        if any(name not in known or not 0 <= col < len(headers) for name, col in columns.items()):
            raise ValidationError("保存的列对应关系与表格不符")
        return mapping_for(kind, header_row, headers, columns, signature)


def mapping_for(
    kind: ImportKind, header_row: int, headers: tuple[str, ...], columns: Mapping[str, int], signature: str
) -> ColumnMapping:
    """A mapping whose ``unmatched`` lists the titled columns no field reads; for a kind that keeps
    extras, those (row numbers left out) are read as ``extra:<column>`` fields too."""
    fields = {name: column for name, column in columns.items() if not is_extra(name)}
    used = set(fields.values())
    unmatched = tuple(i for i, text in enumerate(headers) if text.strip() and i not in used)
    if kind in KEEPS_EXTRAS:
        fields.update((extra_field(i), i) for i in unmatched if not is_row_number_header(headers[i]))
    return ColumnMapping(kind, header_row, headers, fields, signature, unmatched)


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One cell that could not be used. ``row`` is the row number Excel shows (1-based)."""

    row: int
    field: str
    column: int | None
    raw: str
    reason: str


@dataclass(frozen=True, slots=True)
class ParsedRow:
    row: int
    values: Mapping[str, object]
    problems: tuple[RowProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class SheetColumns:
    """A parsed sheet column by column, as the parser produces it: ``numbers[i]`` is the Excel row
    of position i, ``values[field][i]`` its normalised value (None when blank), ``problems`` the
    positions with unusable cells. Bulk importers read these lists directly, with no dict per row."""

    numbers: Sequence[int]
    values: Mapping[str, Sequence[object]]
    problems: Mapping[int, tuple[RowProblem, ...]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.numbers)

    def rows(self) -> tuple[ParsedRow, ...]:
        names = list(self.values)
        dicts = map(dict, map(zip, repeat(names), zip(*self.values.values(), strict=True))) if names else (
            {} for _ in self.numbers)
        if not self.problems:
            return tuple(map(ParsedRow, self.numbers, dicts))
        found = self.problems
        return tuple(ParsedRow(number, values, found.get(position, ()))
                     for position, (number, values) in enumerate(zip(self.numbers, dicts, strict=True)))


@dataclass(frozen=True, slots=True)
class ParsedSheet:
    """Every data row of a sheet, normalised; rows skipped as totals or repeated headers listed.
    ``rows`` (a ParsedRow per row) are built from ``columns`` on first use."""

    kind: ImportKind
    mapping: ColumnMapping
    columns: SheetColumns
    skipped_rows: tuple[int, ...]
    missing_fields: tuple[str, ...]
    _rows: list[tuple[ParsedRow, ...]] = field(default_factory=list, init=False, repr=False, compare=False)

    @property
    def rows(self) -> tuple[ParsedRow, ...]:
        if not self._rows:
            self._rows.append(self.columns.rows())
        return self._rows[0]

    @property
    def problems(self) -> tuple[RowProblem, ...]:
        found = self.columns.problems
        return tuple(problem for position in sorted(found) for problem in found[position])

    @property
    def ok(self) -> bool:
        return not self.missing_fields and not self.columns.problems


class ChatFormat(StrEnum):
    MEMOTRACE = "memotrace"
    PYWXDUMP = "pywxdump"


@dataclass(frozen=True, slots=True)
class ChatRoom:
    """A group chat found in an export; ``name`` is empty when the export does not carry it."""

    chat_id: str
    name: str
    messages: int
    members: int
    first_day: date
    last_day: date


@dataclass(frozen=True, slots=True)
class ChatDayStat:
    chat_id: str
    day: date
    messages: int
    active_members: int


@dataclass(frozen=True, slots=True)
class ChatMemberDayStat:
    chat_id: str
    member_id: str
    member_name: str
    day: date
    messages: int
    is_self: bool


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """Only produced when the operator asks to keep message text."""

    chat_id: str
    member_id: str
    member_name: str
    sent_at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class ChatExport:
    """A chat-history export reduced to per-group and per-member day counts."""

    format: ChatFormat
    source_name: str
    rooms: tuple[ChatRoom, ...]
    day_stats: tuple[ChatDayStat, ...]
    member_day_stats: tuple[ChatMemberDayStat, ...]
    messages: tuple[ChatMessage, ...]
    rows_read: int
    rows_skipped: int
    problems: tuple[RowProblem, ...]


# --------------------------------------------------------------------------------------------------
# committing: policies, what happened to each row, batches


class BatchKind(StrEnum):
    """What an import batch brought in: a sheet kind, or a chat-history export (not a sheet)."""

    GROUPS = "groups"
    MEMBERS = "members"
    MEMBERSHIPS = "memberships"
    INTERACTIONS = "interactions"
    DAY_STATS = "day_stats"
    ORDERS = "orders"
    CHAT_EXPORT = "chat_export"
    #: a pasted 接龙 turned into orders (desktop.services.orders.OrderService.apply_jielong)
    JIELONG = "jielong"


class ImportPolicy(StrEnum):
    """What to do with a row whose natural key is already in the store.

    INSERT: only new records; a row matching an existing one fails ("已存在") so the operator sees it.
    UPDATE: new records are inserted, matching ones get the cells the sheet fills in.
    SKIP:   new records are inserted, matching ones are left alone and reported as skipped.
    """

    INSERT = "insert"
    UPDATE = "update"
    SKIP = "skip"


class RowOutcome(StrEnum):
    INSERTED = "inserted"
    UPDATED = "updated"
    SKIPPED = "skipped"
    FAILED = "failed"


class RowResult(NamedTuple):
    """What happened (or would happen) to one source row. ``row`` is Excel's row number, 0 for rows
    that are aggregates of a chat export; ``key`` says which record it is in words. A named tuple,
    not a frozen dataclass: an import makes one per row, and this builds in a fifth of the time."""

    row: int
    outcome: RowOutcome
    entity: str
    key: str
    reason: str = ""


def row_results(rows: Sequence[int], outcome: RowOutcome, entity: str, keys: Sequence[str],
                reasons: Sequence[str]) -> Iterator[RowResult]:
    """``RowResult(row, outcome, entity, key, reason)`` for every row, built the way
    ``RowResult._make`` builds one (``tuple.__new__``) but without a Python call per row."""
    return map(tuple.__new__, repeat(RowResult), zip(rows, repeat(outcome), repeat(entity), keys, reasons,
                                                     strict=False))


def _count(results: tuple[RowResult, ...], outcome: RowOutcome) -> int:
    return sum(1 for result in results if result.outcome is outcome)


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """A file read and matched against the store, nothing written: what ``commit`` would do."""

    kind: BatchKind
    policy: ImportPolicy
    source_name: str
    sheet_name: str
    file_hash: str | None
    results: tuple[RowResult, ...]
    sheet: ParsedSheet | None = None
    chat: ChatExport | None = None
    #: the earlier batch that imported this very file, if any
    already_imported: int | None = None
    #: orders: the campaign the rows go to (None: one named after the file)
    campaign_id: int | None = None

    @property
    def inserted(self) -> int:
        return _count(self.results, RowOutcome.INSERTED)

    @property
    def updated(self) -> int:
        return _count(self.results, RowOutcome.UPDATED)

    @property
    def skipped(self) -> int:
        return _count(self.results, RowOutcome.SKIPPED)

    @property
    def failed(self) -> int:
        return _count(self.results, RowOutcome.FAILED)


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did, row by row; ``batch_id`` undoes it."""

    batch_id: int
    kind: BatchKind
    policy: ImportPolicy
    source_name: str
    sheet_name: str
    results: tuple[RowResult, ...]
    new_group_ids: tuple[int, ...]
    seconds: float

    @property
    def inserted(self) -> int:
        return _count(self.results, RowOutcome.INSERTED)

    @property
    def updated(self) -> int:
        return _count(self.results, RowOutcome.UPDATED)

    @property
    def skipped(self) -> int:
        return _count(self.results, RowOutcome.SKIPPED)

    @property
    def failed(self) -> int:
        return _count(self.results, RowOutcome.FAILED)


@dataclass(frozen=True, slots=True)
class ImportBatchDTO:
    id: int
    kind: BatchKind
    source_name: str
    sheet_name: str
    policy: ImportPolicy
    rows: int
    inserted: int
    updated: int
    skipped: int
    failed: int
    status: str
    created_at: datetime
