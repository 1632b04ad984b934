"""Broadcasts (群发): template variables, quiet hours, text splitting, drafts, DTOs and secret masking.

Pure stdlib so the GUI, the CLI and the tests share the same rules. Recurrence (RRULE expansion)
needs python-dateutil and therefore lives in desktop.services.schedules; here a rule is just text.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .enums import BroadcastStatus, ChannelKind, DeliveryStatus, MessageFormat, ScheduleKind
from .errors import ValidationError

TITLE_MAX = 200
BODY_MAX = 20_000
TEMPLATE_NAME_MAX = 120
SOP_STEPS_MAX = 60
SOP_OFFSET_MAX = 3650
DEFAULT_QUIET_START = time(22, 0)
DEFAULT_QUIET_END = time(8, 0)
#: WeChat lets one paste at most 9 pictures at a time; more files than that is not one message
ATTACHMENTS_MAX = 9
#: shown as a thumbnail and copied to the clipboard as a picture (by extension, no file is opened)
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"})

#: template variable (as the operator types it) -> key in the values a service supplies
TEMPLATE_VARIABLES: dict[str, str] = {
    "群名": "name",
    "群主": "owner",
    "团长": "leader",
    "截单时间": "cutoff",
    "日期": "date",
    "平台": "platform",
    "地区": "area",
    "小区": "area",
    "人数": "member_count",
    "容量": "capacity",
    "备注": "note",
    "状态": "status",
    "群号": "external_id",
    "开始日期": "start_date",
    "结束日期": "end_date",
}
#: the English group-field names are accepted too ({name}, {owner}, ...)
TEMPLATE_KEYS: frozenset[str] = frozenset(TEMPLATE_VARIABLES.values())

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")


# ---------------------------------------------------------------------------------------- templates
def template_variables(body: str) -> list[str]:
    """The variables a body uses, in order of first use; ValidationError on an unknown or broken one.

    ``{{`` and ``}}`` stand for literal braces, so a message can still contain them.
    """
    found: list[str] = []
    unknown: list[str] = []
    for match in _PLACEHOLDER.finditer(body):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        if match.group(1) is None:
            raise ValidationError(
                f"第 {_line_of(body, match.start())} 行有不成对的花括号“{token}”; 要写花括号本身请写成 {{{{ 或 }}}}",
                "body",
            )
        name = match.group(1).strip()
        if name not in TEMPLATE_VARIABLES and name not in TEMPLATE_KEYS:
            unknown.append(name)
        elif name not in found:
            found.append(name)
    if unknown:
        names = "、".join(f"{{{n}}}" for n in dict.fromkeys(unknown))
        known = " ".join(f"{{{n}}}" for n in TEMPLATE_VARIABLES)
        raise ValidationError(f"模板里有不认识的变量 {names}。可用的变量: {known}", "body")
    return found


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def render_template(body: str, values: Mapping[str, str | None], group_name: str = "") -> str:
    """Fill the variables from ``values`` (keyed by TEMPLATE_VARIABLES' values).

    A variable without a value is an error, not an empty hole: "群主: " sent to 50 groups is worse
    than not sending. The message names the group so the operator knows where to fix it.
    """
    template_variables(body)
    missing: list[str] = []

    def fill(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1).strip()
        value = values.get(TEMPLATE_VARIABLES.get(name, name))
        if value is None or str(value).strip() == "":
            missing.append(name)
            return ""
        return str(value)

    text = _PLACEHOLDER.sub(fill, body)
    if missing:
        where = f"群“{group_name}”" if group_name else "该群"
        names = "、".join(f"{{{n}}}" for n in dict.fromkeys(missing))
        raise ValidationError(f"{where}没有 {names} 的值, 请先补全群资料或修改模板", "body")
    return text


def format_day(day: date) -> str:
    """{日期}: 11月24日 (周二), the way the groups write it."""
    return f"{day.month}月{day.day}日 (周{'一二三四五六日'[day.weekday()]})"


def format_moment(moment: datetime) -> str:
    """{截单时间}: 11月24日 18:00."""
    return f"{moment.month}月{moment.day}日 {moment:%H:%M}"


# ------------------------------------------------------------------------------------- quiet hours
def in_quiet_hours(moment: datetime, start: time | None, end: time | None) -> bool:
    """Whether ``moment`` falls in [start, end), which may wrap midnight (22:00-08:00)."""
    if start is None or end is None or start == end:
        return False
    clock = moment.time()
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end


def shift_out_of_quiet(moment: datetime, start: time | None, end: time | None) -> datetime:
    """The first allowed moment at or after ``moment``: a 23:30 send moves to 08:00 next morning."""
    if not in_quiet_hours(moment, start, end):
        return moment
    assert start is not None and end is not None
    day = moment.date()
    if start > end and moment.time() >= start:
        day += timedelta(days=1)
    return datetime.combine(day, end)


# ---------------------------------------------------------------------------------------- splitting
def utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


_SENTENCE_END = re.compile(r"[。！？!?；;…](?:[”’」』）)]*)|\.(?=\s)")
_CLAUSE_END = re.compile(r"[，,、：:]|\s")
#: a boundary cut earlier than this share of the limit wastes too much of a message; look finer
_MIN_FILL = 0.4


def split_text(text: str, max_bytes: int) -> list[str]:
    """Split ``text`` into parts of at most ``max_bytes`` UTF-8 bytes at the most natural boundary.

    Preference: blank line (paragraph), line break, end of a sentence (。！？), a clause mark or
    space, and only then between two characters (never inside one). A text that fits is one part.
    """
    if max_bytes < 4:
        raise ValueError("max_bytes must hold at least one character")
    text = text.strip("\n")
    parts: list[str] = []
    while utf8_len(text) > max_bytes:
        window = _fitting_prefix(text, max_bytes)
        cut = _best_cut(window, max_bytes)
        head, text = text[:cut].rstrip(), text[cut:].lstrip("\n ")
        if head:
            parts.append(head)
    if text.strip():
        parts.append(text)
    return parts


def _fitting_prefix(text: str, max_bytes: int) -> str:
    encoded = text.encode("utf-8")[:max_bytes]
    return encoded.decode("utf-8", errors="ignore")  # drops a character cut in half


def _best_cut(window: str, max_bytes: int) -> int:
    floor = int(max_bytes * _MIN_FILL)
    for finder in (_last_paragraph, _last_line, _last_sentence, _last_clause):
        cut = finder(window)
        if cut is not None and utf8_len(window[:cut]) >= floor:
            return cut
    return len(window)  # no natural boundary leaves a useful part: cut between two characters


def _last_paragraph(window: str) -> int | None:
    at = window.rfind("\n\n")
    return at + 2 if at >= 0 else None


def _last_line(window: str) -> int | None:
    at = window.rfind("\n")
    return at + 1 if at >= 0 else None


def _last_sentence(window: str) -> int | None:
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    return ends[-1] if ends else None


def _last_clause(window: str) -> int | None:
    ends = [m.end() for m in _CLAUSE_END.finditer(window)]
    return ends[-1] if ends else None


def number_parts(parts: Sequence[str], max_bytes: int) -> list[str]:
    """Split again leaving room for a "(1/3)" marker, then add it, so readers know more follows."""
    if len(parts) <= 1:
        return list(parts)
    reserve = utf8_len("\n(99/99)")
    again = split_text("\n\n".join(parts), max_bytes - reserve)
    total = len(again)
    return [f"{part}\n({i}/{total})" for i, part in enumerate(again, 1)]


# ------------------------------------------------------------------------------------- attachments
def is_image(path: str) -> bool:
    """Whether an attachment is shown and copied as a picture (recognised by its extension)."""
    return os.path.splitext(path)[1].lower() in IMAGE_SUFFIXES


@dataclass(frozen=True, slots=True)
class Attachment:
    """One file to send by hand with a message; ``missing`` when it was not there when last looked at."""

    path: str
    is_image: bool
    missing: bool = False

    @property
    def name(self) -> str:
        return os.path.basename(self.path) or self.path

    @staticmethod
    def probe(path: str) -> Attachment:
        return Attachment(path, is_image(path), not os.path.isfile(path))


def clean_attachments(paths: object, *, check_files: bool = True) -> tuple[str, ...]:
    """Absolute paths, duplicates dropped, at most ATTACHMENTS_MAX; with ``check_files`` each must be an
    existing regular file (checked when saving; a file gone by the time of sending is shown on the queue row).
    """
    if isinstance(paths, str) or not isinstance(paths, Iterable):
        raise ValidationError("附件应为文件路径的列表", "attachments")
    out: list[str] = []
    for raw in paths:
        if not isinstance(raw, str | os.PathLike):
            raise ValidationError("附件应为文件路径", "attachments")
        text = os.fspath(raw).strip()
        if not text:
            continue
        if any(unicodedata.category(c) == "Cc" for c in text):
            raise ValidationError("附件路径含有无法识别的控制字符", "attachments")
        path = os.path.abspath(os.path.expanduser(text))
        if os.path.normcase(path) in {os.path.normcase(p) for p in out}:
            continue
        if check_files:
            if os.path.isdir(path):
                raise ValidationError(f"附件“{os.path.basename(path)}”是文件夹, 请选择文件", "attachments")
            if not os.path.isfile(path):
                raise ValidationError(f"附件文件不存在: {path}", "attachments")
        out.append(path)
    if len(out) > ATTACHMENTS_MAX:
        raise ValidationError(f"附件最多 {ATTACHMENTS_MAX} 个, 现在有 {len(out)} 个", "attachments")
    return tuple(out)


def attachments_from_json(text: str | None) -> tuple[str, ...]:
    """The stored JSON list; anything unreadable counts as no attachments (never an exception)."""
    try:
        data = json.loads(text or "[]")
    except (ValueError, TypeError):
        return ()
    return tuple(str(p) for p in data if isinstance(p, str) and p) if isinstance(data, list) else ()


def effective_attachments(own: Sequence[str], template: Sequence[str]) -> tuple[str, ...]:
    """A broadcast's own attachments, else (none of its own) those of its template."""
    return tuple(own) if own else tuple(template)


# ------------------------------------------------------------------------------------------ drafts
@dataclass(frozen=True, slots=True)
class SopStep:
    """One SOP message: ``offset_days`` after the group's creation day, at ``at`` o'clock."""

    offset_days: int
    at: time
    body: str

    def to_json(self) -> dict[str, object]:
        return {"offset_days": self.offset_days, "time": self.at.strftime("%H:%M"), "body": self.body}

    @staticmethod
    def from_json(data: object) -> SopStep:
        if not isinstance(data, dict):
            raise ValidationError("SOP 步骤格式不对", "sop_steps")
        return SopStep(data.get("offset_days"), parse_clock(str(data.get("time", ""))), data.get("body", ""))  # type: ignore[arg-type]


def parse_clock(text: str) -> time:
    """"8:30" / "08:30" -> time(8, 30); a clear message otherwise."""
    match = re.fullmatch(r"\s*(\d{1,2})[:：](\d{2})\s*", text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValidationError(f"时间应写成 时:分 (例如 08:30), 而不是“{text}”", "time")
    return time(int(match.group(1)), int(match.group(2)))


def clean_body(body: object, what: str = "内容") -> str:
    if not isinstance(body, str):
        raise ValidationError(f"{what}应为文本", "body")
    text = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ValidationError(f"{what}不能为空", "body")
    if len(text) > BODY_MAX:
        raise ValidationError(f"{what}最多 {BODY_MAX} 个字", "body")
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\t" for c in text):
        raise ValidationError(f"{what}含有无法识别的控制字符", "body")
    template_variables(text)
    return text


@dataclass(frozen=True, slots=True)
class BroadcastDraft:
    """What the GUI's broadcast editor (or the CLI) hands to BroadcastService.create/update.

    ``validated()`` returns a cleaned copy or raises ValidationError naming the field; the RRULE
    text itself is checked by the service (it needs dateutil).
    """

    title: str
    body: str = ""
    format: MessageFormat = MessageFormat.TEXT
    schedule_kind: ScheduleKind = ScheduleKind.ONCE
    run_at: datetime | None = None
    rrule: str = ""
    sop_steps: tuple[SopStep, ...] = ()
    group_ids: tuple[int, ...] = ()
    segment_id: int | None = None
    quiet_start: time | None = DEFAULT_QUIET_START
    quiet_end: time | None = DEFAULT_QUIET_END
    template_id: int | None = None
    #: files sent by hand with the text (empty: the template's apply); robots send the text only
    attachments: tuple[str, ...] = ()

    def validated(self, *, check_files: bool = True) -> BroadcastDraft:
        title = " ".join(str(self.title or "").split())
        try:
            kind = ScheduleKind(self.schedule_kind)
            fmt = MessageFormat(self.format)
        except ValueError:
            raise ValidationError("不认识的发送方式或消息格式", "schedule_kind") from None
        steps = tuple(self.sop_steps)
        body = self.body
        if kind is ScheduleKind.SOP:
            steps = _clean_steps(steps)
            body = body.strip() if isinstance(body, str) else ""
            if body:
                template_variables(body)
        else:
            body = clean_body(body)
        if not title:
            title = _title_from(body or (steps[0].body if steps else ""))
        if len(title) > TITLE_MAX:
            raise ValidationError(f"标题最多 {TITLE_MAX} 个字", "title")
        if kind is ScheduleKind.RRULE and not str(self.rrule or "").strip():
            raise ValidationError("周期发送需要填写重复规则 (RRULE)", "rrule")
        group_ids = tuple(dict.fromkeys(self.group_ids))
        if any(isinstance(i, bool) or not isinstance(i, int) or i <= 0 for i in group_ids):
            raise ValidationError("目标群编号应为正整数", "group_ids")
        if not group_ids and self.segment_id is None:
            raise ValidationError("请至少选择一个目标群或一个分组", "targets")
        if (self.quiet_start is None) != (self.quiet_end is None):
            raise ValidationError("免打扰时段需要同时填写开始和结束时间", "quiet_start")
        attachments = clean_attachments(self.attachments, check_files=check_files)
        return BroadcastDraft(
            title=title, body=body, format=fmt, schedule_kind=kind,
            run_at=self.run_at.replace(second=0, microsecond=0) if self.run_at else None,
            rrule=str(self.rrule or "").strip(), sop_steps=steps, group_ids=group_ids,
            segment_id=self.segment_id, quiet_start=self.quiet_start, quiet_end=self.quiet_end,
            template_id=self.template_id, attachments=attachments,
        )


def _title_from(body: str) -> str:
    first = body.strip().splitlines()[0] if body.strip() else "群发"
    return first[:30] + ("…" if len(first) > 30 else "")


def _clean_steps(steps: tuple[SopStep, ...]) -> tuple[SopStep, ...]:
    if not steps:
        raise ValidationError("SOP 至少需要一个步骤", "sop_steps")
    if len(steps) > SOP_STEPS_MAX:
        raise ValidationError(f"SOP 最多 {SOP_STEPS_MAX} 个步骤", "sop_steps")
    seen: set[tuple[int, time]] = set()
    out = []
    for number, step in enumerate(steps, 1):
        offset = step.offset_days
        if isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= SOP_OFFSET_MAX:
            raise ValidationError(f"SOP 第 {number} 步: 天数应为 0 到 {SOP_OFFSET_MAX} 的整数", "sop_steps")
        if not isinstance(step.at, time):
            raise ValidationError(f"SOP 第 {number} 步: 时间无效", "sop_steps")
        at = step.at.replace(second=0, microsecond=0)
        if (offset, at) in seen:
            raise ValidationError(f"SOP 第 {number} 步与前面的步骤在同一天同一时间, 请合并或错开", "sop_steps")
        seen.add((offset, at))
        out.append(SopStep(offset, at, clean_body(step.body, f"SOP 第 {number} 步的内容")))
    return tuple(sorted(out, key=lambda s: (s.offset_days, s.at)))


@dataclass(frozen=True, slots=True)
class TemplateDraft:
    name: str
    body: str
    format: MessageFormat = MessageFormat.TEXT
    attachments: tuple[str, ...] = ()

    def validated(self, *, check_files: bool = True) -> TemplateDraft:
        name = " ".join(str(self.name or "").split())
        if not name:
            raise ValidationError("模板名称不能为空", "name")
        if len(name) > TEMPLATE_NAME_MAX:
            raise ValidationError(f"模板名称最多 {TEMPLATE_NAME_MAX} 个字", "name")
        try:
            fmt = MessageFormat(self.format)
        except ValueError:
            raise ValidationError("不认识的消息格式", "format") from None
        return TemplateDraft(name, clean_body(self.body), fmt,
                             clean_attachments(self.attachments, check_files=check_files))


# -------------------------------------------------------------------------------------------- DTOs
@dataclass(frozen=True, slots=True)
class TemplateDTO:
    id: int
    name: str
    body: str
    format: MessageFormat
    attachments: tuple[str, ...]
    variables: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BroadcastDTO:
    id: int
    title: str
    body: str
    format: MessageFormat
    schedule_kind: ScheduleKind
    run_at: datetime | None
    rrule: str
    sop_steps: tuple[SopStep, ...]
    group_ids: tuple[int, ...]
    segment_id: int | None
    segment_name: str | None
    quiet_start: time | None
    quiet_end: time | None
    status: BroadcastStatus
    template_id: int | None
    created_at: datetime
    activated_at: datetime | None
    next_due: datetime | None
    counts: Mapping[DeliveryStatus, int] = field(default_factory=dict)
    #: the broadcast's own files (an empty tuple: its template's apply, see effective_attachments)
    attachments: tuple[str, ...] = ()

    def schedule_text(self) -> str:
        if self.schedule_kind is ScheduleKind.ONCE:
            return f"一次: {self.run_at:%Y-%m-%d %H:%M}" if self.run_at else "一次"
        if self.schedule_kind is ScheduleKind.RRULE:
            return f"周期: {self.rrule}"
        return f"SOP: {len(self.sop_steps)} 步"


@dataclass(frozen=True, slots=True)
class DeliveryDTO:
    id: int
    broadcast_id: int
    broadcast_title: str
    group_id: int
    group_name: str
    occurrence_at: datetime
    due_at: datetime
    channel_id: int | None
    channel_name: str | None
    status: DeliveryStatus
    attempts: int
    last_error: str
    body: str
    sent_at: datetime | None
    step: int | None
    parts_sent: int
    flagged: bool
    updated_at: datetime | None
    #: the files to send by hand with the text (the broadcast's own, else its template's)
    attachments: tuple[Attachment, ...] = ()

    @property
    def by_robot(self) -> bool:
        return self.channel_id is not None

    @property
    def missing_attachments(self) -> tuple[Attachment, ...]:
        return tuple(a for a in self.attachments if a.missing)


@dataclass(frozen=True, slots=True)
class ChannelDTO:
    """A robot as the UI may show it: the URL and secret are masked, never given out in full."""

    id: int
    name: str
    kind: ChannelKind
    url_masked: str
    has_secret: bool
    group_id: int | None
    group_name: str | None
    enabled: bool
    disabled_reason: str
    disabled_at: datetime | None


@dataclass(frozen=True, slots=True)
class PreviewDTO:
    """A body rendered for one group; ``problem`` instead of ``text`` when it cannot be rendered."""

    group_id: int
    group_name: str
    text: str | None
    problem: str | None
    parts: int
    channel_kind: ChannelKind


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """One upcoming send: a broadcast occurrence for ``group_count`` groups, or one SOP step for one group.

    ``at`` is when it will actually go (after the quiet-hours shift); ``robot_count`` of the groups
    have a robot, the rest land in the manual queue. Targets are resolved as of now (a segment may
    have changed by the time the send falls due).
    """

    at: datetime
    broadcast_id: int
    title: str
    group_count: int
    robot_count: int
    group_id: int | None = None
    group_name: str | None = None
    step: int | None = None
    already_queued: bool = False


@dataclass(frozen=True, slots=True)
class RobotTestResult:
    ok: bool
    message: str


@dataclass
class DispatchSummary:
    """What one dispatcher run did; the CLI prints it and the GUI shows it."""

    created: int = 0
    sent: int = 0
    failed: int = 0
    flagged: int = 0
    retried: int = 0
    manual_due: int = 0
    newly_flagged: int = 0
    disabled_robots: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    would_send: int = 0
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.flagged == 0 and not self.disabled_robots

    def lines(self, dry_run: bool = False) -> list[str]:
        if dry_run:
            head = f"预演: 将由机器人发送 {self.would_send} 条; 待手动发送 {self.manual_due} 条"
        else:
            head = (f"已发送 {self.sent} 条, 失败 {self.failed} 条, 待确认 {self.flagged} 条, "
                    f"重试 {self.retried} 次; 待手动发送 {self.manual_due} 条")
        out = [head]
        if self.newly_flagged:
            out.append(f"发现 {self.newly_flagged} 条上次发送中断的消息, 请在“待确认”里确认是否已发出 (不会自动重发)")
        out.extend(f"机器人已停用: {reason}" for reason in self.disabled_robots)
        out.extend(self.errors)
        if self.cancelled:
            out.append("已取消, 未发送的消息留待下次")
        return out


# ------------------------------------------------------------------------------------------ secrets
#: query parameters of webhook URLs that carry the credential
SECRET_PARAMS = frozenset({"key", "access_token", "token", "sign", "secret"})


def mask_secret(secret: str | None) -> str:
    """``SEC1234…cdef`` → ``SEC***ef``: enough to tell two secrets apart, never enough to use one."""
    if not secret:
        return ""
    if len(secret) <= 6:
        return "***"
    return f"{secret[:3]}***{secret[-2:]}"


def mask_url(url: str) -> str:
    """A webhook URL with its key, token or hook id masked (query values and the Feishu path token)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return mask_secret(url)
    query = urlencode([(k, mask_secret(v) if k.lower() in SECRET_PARAMS else v)
                       for k, v in parse_qsl(parts.query, keep_blank_values=True)], safe="*")
    path = parts.path
    marker = "/hook/"
    if marker in path:
        head, _, token = path.partition(marker)
        path = f"{head}{marker}{mask_secret(token)}"
    netloc = parts.netloc
    if "@" in netloc:  # user:password@host
        netloc = "***@" + netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, netloc, path, query, ""))


def secret_fragments(url: str, secret: str | None) -> list[str]:
    """Every credential hidden in a robot's URL and secret, to scrub from any text we write."""
    found = [secret] if secret else []
    try:
        parts = urlsplit(url)
        found += [v for k, v in parse_qsl(parts.query) if k.lower() in SECRET_PARAMS and v]
        if "/hook/" in parts.path:
            found.append(parts.path.partition("/hook/")[2])
        if "@" in parts.netloc:
            found.append(parts.netloc.rpartition("@")[0])
    except ValueError:
        found.append(url)
    return [f for f in found if len(f) >= 4]


def scrub(text: str, fragments: Iterable[str]) -> str:
    """Replace each credential fragment in ``text`` (log lines, error messages) by its masked form."""
    for fragment in sorted(set(fragments), key=len, reverse=True):
        if fragment:
            text = text.replace(fragment, mask_secret(fragment))
    return text
