"""A deterministic demo workspace: realistic groups, members, activity and group buys.

``build_demo(db, groups=2000, members=200_000, days=180)`` builds the DESIGN scale (about
500k memberships, 5M interactions, 100k orders) in one transaction. Everything random comes from
``random.Random(seed)`` and ``numpy.random.default_rng(seed)``, so the same (seed, today, sizes)
always gives the same rows; the clock is never read except for ``today``'s default.

How it stays fast:
* rows are generated column-wise with numpy and turned into tuples per chunk of 50k;
* on SQLite they go straight to the driver's ``executemany`` on the session's connection, already
  in their stored form (dates ``YYYY-MM-DD``, times ``YYYY-MM-DD HH:MM:SS.ffffff``, exactly what
  SQLAlchemy writes and compares against). Core ``insert()`` with type processing measured 2x
  slower per row here, which alone would blow the 2-minute budget at 5M interactions. On other
  databases the same rows go through Core ``insert(table)``;
* on SQLite the secondary indexes of ``interactions`` are dropped inside the transaction and
  re-created from their own ``sqlite_master`` SQL after the load (measured 2x faster than
  maintaining six indexes row by row). A cancel or error rolls that back with everything else;
* pinyin search keys are computed once per distinct nickname / name, not per member.
"""

from __future__ import annotations

import contextlib
import json
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from sqlalchemy import Connection, func, insert, select, text
from sqlalchemy.sql.schema import Table

from desktop.domain.enums import (
    PLATFORM_CAPACITY,
    CampaignStatus,
    FulfilmentStatus,
    GroupStatus,
    InteractionKind,
    Lifespan,
    PaymentStatus,
    Platform,
    Role,
    Tier,
)
from desktop.domain.errors import ValidationError
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.domain.stats import MESSAGE_KINDS
from desktop.paths import data_dir
from desktop.services.text import search_key
from desktop.store.engine import Database
from desktop.store.models import (
    Campaign,
    CampaignGroup,
    CampaignPickupPoint,
    Dimension,
    Group,
    GroupDayStat,
    GroupLabel,
    Interaction,
    Label,
    Member,
    Membership,
    Order,
    OrderItem,
    PickupPoint,
    Product,
    Template,
)

__all__ = ["MAX_DAYS", "MAX_GROUPS", "MAX_MEMBERS", "DemoSummary", "build_demo", "load_words"]

MAX_GROUPS = 20_000
MAX_MEMBERS = 2_000_000
MAX_DAYS = 1_000

CHUNK = 50_000
#: below this many interactions the indexes are simply maintained while inserting
REINDEX_THRESHOLD = 100_000
#: "never": a day index later than any real one
NEVER = 10_000_000
#: the build's own page cache (KiB, negative = size); the connection's value is restored afterwards
BUILD_CACHE_KIB = 262_144

INTERACTIONS_PER_MEMBER = 25
MEMBERSHIPS_PER_MEMBER = 2.5
ORDERS_PER_MEMBER = 0.5

PLATFORM_WEIGHTS: dict[Platform, float] = {
    Platform.WECHAT: 46,
    Platform.WECOM: 30,
    Platform.QQ: 8,
    Platform.DOUYIN: 5,
    Platform.XIAOHONGSHU: 4,
    Platform.WEIBO: 2,
    Platform.DINGTALK: 2,
    Platform.FEISHU: 1.5,
    Platform.OTHER: 1.5,
}
TIERS: tuple[Tier, ...] = (Tier.PROSPECT, Tier.FAN, Tier.MEMBER, Tier.PARTNER)
ROLES: tuple[Role, ...] = (Role.ORGANIZER, Role.THINKER, Role.CHATTER, Role.ASKER, Role.LURKER, Role.CHALLENGER)
ROLE_P = np.array([0.015, 0.07, 0.12, 0.10, 0.655, 0.04])
#: messages per active day, relative, by role (same order as ROLES)
ROLE_RATE = np.array([3.0, 0.8, 2.0, 0.7, 0.05, 0.6])
KINDS: tuple[InteractionKind, ...] = tuple(InteractionKind)
K = {kind: i for i, kind in enumerate(KINDS)}
#: bulk chatter by role: P(message, question, complaint, praise)
ROLE_KIND_P = np.array(
    [
        [0.80, 0.05, 0.00, 0.15],  # organizer
        [0.70, 0.10, 0.02, 0.18],  # thinker
        [0.85, 0.05, 0.03, 0.07],  # chatter
        [0.45, 0.45, 0.05, 0.05],  # asker
        [0.80, 0.12, 0.03, 0.05],  # lurker
        [0.55, 0.10, 0.30, 0.05],  # challenger
    ]
)
BULK_KINDS = np.array(
    [K[InteractionKind.MESSAGE], K[InteractionKind.QUESTION], K[InteractionKind.COMPLAINT], K[InteractionKind.PRAISE]]
)
#: share of interactions whose follow-up date is set, by kind
FOLLOW_UP_P = {
    InteractionKind.QUESTION: 0.3,
    InteractionKind.COMPLAINT: 0.7,
    InteractionKind.PRIVATE_CHAT: 0.4,
    InteractionKind.NOTE: 0.3,
}
#: Monday..Sunday volume; weekends are busier in community groups
WEEKDAY_W = np.array([0.95, 1.0, 1.0, 1.0, 0.95, 1.15, 1.1])
#: hour-of-day rhythm: lunch and 19-22 evenings busiest on weekdays, mornings busier at weekends
HOURS_WEEKDAY = np.array(
    [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1.5, 4, 6, 6, 6.5, 7, 10, 9, 5, 5, 5.5, 6, 7, 10, 12, 12, 10, 4], dtype=float
)
HOURS_WEEKEND = np.array(
    [2, 1, 0.5, 0.3, 0.2, 0.3, 0.8, 2, 4, 7, 9, 9, 9, 8, 7, 7, 7, 7, 8, 10, 11, 11, 9, 5], dtype=float
)
TIER_BUY_W = np.array([0.5, 1.5, 3.0, 4.0])
TIER_CARE_W = np.array([0.6, 1.0, 2.0, 3.0])

DIGITS = "0123456789"
ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
HEX = "0123456789abcdef"


@dataclass(frozen=True)
class DemoSummary:
    """What was built: rows per table, and how long it took."""

    counts: dict[str, int]
    seconds: float


def load_words() -> dict[str, Any]:
    with (data_dir() / "demo_words.json").open(encoding="utf-8") as fh:
        words: dict[str, Any] = json.load(fh)
    return words


def build_demo(
    db: Database,
    *,
    groups: int = 300,
    members: int = 20_000,
    days: int = 180,
    seed: int = 0,
    today: date | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> DemoSummary:
    """Fill an empty workspace with a realistic, reproducible demo; all or nothing.

    Raises ValidationError for bad sizes or a workspace that already has groups or members,
    and Cancelled (after rolling everything back) when ``cancel`` is set during the build.
    ``progress(done, total, message)`` counts in thousandths of the whole job.
    """
    _check_sizes(groups, members, days, seed)
    started = time.perf_counter()
    tracker = _Tracker(progress, cancel)
    tracker.step(0, "检查工作区…")
    today = today or date.today()
    with db.transaction() as session:
        conn = session.connection()
        _refuse_non_empty(conn)
        tuned = _tune(conn) if db.is_sqlite else None
        try:
            builder = _Builder(conn, groups=groups, members=members, days=days, seed=seed, today=today,
                               tracker=tracker)
            counts = builder.run()
            tracker.step(995, "保存…")
        finally:
            if tuned is not None:
                _untune(conn, tuned)
    tracker.step(1000, "演示数据已生成")
    return DemoSummary(counts=counts, seconds=round(time.perf_counter() - started, 3))


# --------------------------------------------------------------------------------------------------
# checks, pragmas, progress


def _check_sizes(groups: int, members: int, days: int, seed: int) -> None:
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValidationError("随机种子必须是整数", "seed")
    for value, low, high, field, label in (
        (groups, 1, MAX_GROUPS, "groups", "群数量"),
        (members, 1, MAX_MEMBERS, "members", "成员数量"),
        (days, 1, MAX_DAYS, "days", "天数"),
    ):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"{label}必须是整数", field)
        if not low <= value <= high:
            raise ValidationError(f"{label}必须在 {low} 到 {high:,} 之间 (现在是 {value:,})", field)


def _refuse_non_empty(conn: Connection) -> None:
    has_groups = conn.execute(select(func.count()).select_from(Group.__table__)).scalar_one()
    has_members = conn.execute(select(func.count()).select_from(Member.__table__)).scalar_one()
    if has_groups or has_members:
        raise ValidationError(
            f"当前工作区已有 {has_groups:,} 个群、{has_members:,} 位成员。演示数据只能生成到空的工作区, "
            "以免和真实数据混在一起; 请新建一个工作区后再生成。"
        )


def _tune(conn: Connection) -> dict[str, int]:
    """A bigger page cache for the build; restored by _untune on the same connection."""
    saved = {"cache_size": int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())}
    conn.exec_driver_sql(f"PRAGMA cache_size = -{BUILD_CACHE_KIB}")
    return saved


def _untune(conn: Connection, saved: dict[str, int]) -> None:
    # after an error the connection may already be unusable; the pool discards it then
    with contextlib.suppress(Exception):
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(saved['cache_size'])}")


class _Tracker:
    """Progress in thousandths, never going backwards, with a cancel check at every report."""

    def __init__(self, progress: ProgressFn | None, cancel: CancelToken | None) -> None:
        self._progress = progress
        self._cancel = cancel
        self._done = 0

    def check(self) -> None:
        if self._cancel is not None:
            self._cancel.raise_if_cancelled()

    def step(self, done: int, message: str) -> None:
        self.check()
        self._done = max(self._done, min(1000, int(done)))
        if self._progress is not None:
            self._progress(self._done, 1000, message)
        self.check()


# --------------------------------------------------------------------------------------------------
# calendar: day indexes are relative to the window's first day; today is days - 1


class _Calendar:
    def __init__(self, today: date, days: int) -> None:
        self.today = today
        self.days = days
        self.start = today - timedelta(days=days - 1)
        self.lo = -1500
        self.hi = days + 400
        self.date_strings = [(self.start + timedelta(days=i)).isoformat() for i in range(self.lo, self.hi)]
        self.time_strings = [f" {h:02d}:{m:02d}:{s:02d}.000000" for h in range(24) for m in range(60) for s in range(60)]
        self.start_weekday = self.start.weekday()

    def ds(self, idx: int) -> str:
        if self.lo <= idx < self.hi:
            return self.date_strings[idx - self.lo]
        return (self.start + timedelta(days=int(idx))).isoformat()

    def dts(self, idx: int, second: int) -> str:
        return self.ds(idx) + self.time_strings[second]

    def date(self, idx: int) -> date:
        return self.start + timedelta(days=int(idx))

    def weekday(self, idx: np.ndarray) -> np.ndarray:
        return (self.start_weekday + idx) % 7


# --------------------------------------------------------------------------------------------------
# the builder


@dataclass
class _GroupSpec:
    name: str
    base: str
    template: dict[str, Any]
    platform: Platform
    area: str
    community: int  # index into the build's communities, -1 when none
    category: str | None
    lifespan: Lifespan
    status: GroupStatus
    start: int  # day index the group was created
    end: int | None  # short-term groups: last day
    act_end: int  # last day with activity (<= today)
    archived_at: int | None
    activity: float
    draw: float
    owner: str
    note: str


class _Builder:
    def __init__(self, conn: Connection, *, groups: int, members: int, days: int, seed: int, today: date,
                 tracker: _Tracker) -> None:
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"
        self.G = groups
        self.M = members
        self.D = days
        self.r = random.Random(seed)
        self.rng = np.random.default_rng(seed % 2**64)  # numpy refuses negative seeds
        self.cal = _Calendar(today, days)
        self.tracker = tracker
        self.words = load_words()
        self.counts: dict[str, int] = {}
        self.key_cache: dict[str, str] = {}
        self.rows_planned = 1
        self.rows_written = 0

    # ---- helpers ---------------------------------------------------------------------------------

    def key(self, value: str) -> str:
        found = self.key_cache.get(value)
        if found is None:
            found = self.key_cache[value] = search_key(value)
        return found

    def person_name(self) -> str:
        return self.r.choice(self.surnames) + self.r.choice(self.words["given_names"])

    def phone(self) -> str:
        return f"1{self.r.choice('3456789')}{self.r.randrange(10**9):09d}"

    def _max_id(self, table: Table) -> int:
        return int(self.conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one())

    # ---- run -------------------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        t = self.tracker
        self.surnames = self.words["surnames"]
        hw = np.vstack([HOURS_WEEKDAY, HOURS_WEEKEND])
        self.hour_cdf = np.cumsum(hw / hw.sum(axis=1, keepdims=True), axis=1)
        t.step(5, "生成群…")
        self.make_groups()
        t.step(20, "生成成员…")
        self.make_members()
        t.step(90, "生成群成员关系…")
        self.make_memberships()
        t.step(130, "生成团购活动和订单…")
        self.make_group_buys()
        t.step(170, "生成互动记录…")
        self.make_interactions()
        t.step(230, "统计每日活跃度…")
        self.make_day_stats()
        self.rows_planned = (
            self.G * 3 + self.M + len(self.ms_member) + self.n_interactions + len(self.stat_rows)
            + len(self.order_rows) * 3 + len(self.product_rows) + 100
        )
        t.step(250, "写入数据库…")
        self.write_all()
        return self.counts

    # ---- groups ----------------------------------------------------------------------------------

    def make_groups(self) -> None:
        r, W, G, D = self.r, self.words, self.G, self.D
        n_comm = min(len(W["communities"]), max(3, round(G / 25)))
        self.communities: list[str] = r.sample(W["communities"], n_comm)
        self.comm_weight = np.array([r.lognormvariate(0, 0.6) for _ in self.communities])
        self.comm_district = [r.choice(W["districts"]) for _ in self.communities]
        templates: list[dict[str, Any]] = W["group_templates"]
        t_weights = [t["weight"] for t in templates]
        n_owners = max(3, min(60, G // 15 + 2))
        owners: list[str] = []
        while len(owners) < n_owners:
            name = self.person_name()
            if name not in owners:
                owners.append(name)
        plat_list = list(PLATFORM_WEIGHTS)
        plat_w = list(PLATFORM_WEIGHTS.values())
        categories = list(W["categories"])
        counter: dict[str, int] = {}
        specs: list[_GroupSpec] = []
        for _ in range(G):
            tpl = r.choices(templates, weights=t_weights)[0]
            community = r.choices(range(n_comm), weights=self.comm_weight)[0]
            fields = {
                "community": self.communities[community],
                "category": r.choice(categories),
                "event": r.choice(W["events"]),
                "topic": r.choice(W["topics"]),
                "hobby": r.choice(W["hobbies"]),
                "expert": r.choice(W["experts"]),
                "course": r.choice(W["courses"]),
                "brand": r.choice(W["brands"]),
                "district": r.choice(W["districts"]),
            }
            base = tpl["pattern"]
            for field, value in fields.items():
                base = base.replace("{" + field + "}", value)
            count = counter[base] = counter.get(base, 0) + 1
            name = base.replace("{n}", str(count)).replace("{m}", str(count) if count > 1 else "")
            if tpl.get("platforms") and r.random() < 0.7:
                platform = Platform(r.choice(tpl["platforms"]))
            else:
                platform = r.choices(plat_list, weights=plat_w)[0]
            area_kind = tpl["area"]
            if area_kind == "community":
                area, comm_idx = fields["community"], community
            elif area_kind == "district":
                area, comm_idx = (fields["district"] if r.random() < 0.7 else ""), -1
            else:
                area, comm_idx = "", -1
            spec = _GroupSpec(
                name=name, base=base, template=tpl, platform=platform, area=area, community=comm_idx,
                category=fields["category"] if "{category}" in tpl["pattern"] else None,
                lifespan=Lifespan(tpl["lifespan"]), status=GroupStatus.ACTIVE, start=0, end=None,
                act_end=D - 1, archived_at=None,
                activity=r.lognormvariate(0, 0.8) * (1.4 if area_kind == "community" else 1.0),
                draw=r.lognormvariate(0, 0.5), owner=r.choice(owners),
                note=r.choice(W["group_notes"]) if r.random() < 0.3 else "",
            )
            self._place_in_time(spec)
            specs.append(spec)
        self._cover_statuses(specs)
        self._cover_platforms(specs)
        self.specs = specs
        self.g_start = np.array([s.start for s in specs], dtype=np.int64)
        self.g_end = np.array([s.act_end for s in specs], dtype=np.int64)
        self.g_activity = np.array(
            [s.activity * (0.35 if s.status is GroupStatus.DORMANT else 1.0) for s in specs], dtype=float
        )
        self.g_capacity = np.array([PLATFORM_CAPACITY[s.platform] for s in specs], dtype=np.int64)
        self.g_community = np.array([s.community for s in specs], dtype=np.int64)
        self.g_sales = np.array([s.template["function"] == "sales" for s in specs])

    def _place_in_time(self, s: _GroupSpec) -> None:
        r, D = self.r, self.D
        today = D - 1
        if s.lifespan is Lifespan.SHORT:
            duration = r.choice((14, 21)) if "训练营" in s.template["pattern"] else r.randint(7, 30)
            u = r.random()
            if u < 0.5:
                s.end = today - r.randint(1, max(1, min(D, 120)))
            elif u < 0.75:
                s.end = today + r.randint(0, 7)
            else:
                s.end = today + r.randint(8, 30)
            s.start = min(s.end - duration, today - r.randint(0, 3))
            s.act_end = min(today, s.end)
            if today - s.end > 20 and r.random() < 0.6:
                s.status = GroupStatus.ARCHIVED
                s.archived_at = s.end + r.randint(1, 7)
            s.draw *= 0.6
            return
        s.start = -r.randint(1, 720) if r.random() < 0.8 else r.randint(0, max(0, D - 8))
        u = r.random()
        if u < 0.045:
            self._make_dormant(s)
        elif u < 0.06:
            self._make_archived(s)

    def _make_dormant(self, s: _GroupSpec) -> None:
        s.status = GroupStatus.DORMANT
        s.act_end = self.D - 1 - self.r.randint(15, 60)
        if s.start > s.act_end - 14:
            s.start = s.act_end - self.r.randint(30, 400)

    def _make_archived(self, s: _GroupSpec) -> None:
        s.status = GroupStatus.ARCHIVED
        s.archived_at = self.D - 1 - self.r.randint(5, max(5, min(self.D, 90)))
        s.act_end = s.archived_at
        if s.start > s.act_end - 30:
            s.start = s.act_end - self.r.randint(30, 400)

    def _cover_statuses(self, specs: list[_GroupSpec]) -> None:
        """Small builds still show a dormant and an archived group."""
        if len(specs) < 10:
            return
        statuses = {s.status for s in specs}
        long_active = [s for s in specs if s.lifespan is Lifespan.LONG and s.status is GroupStatus.ACTIVE]
        if GroupStatus.DORMANT not in statuses and long_active:
            self._make_dormant(long_active.pop())
        if GroupStatus.ARCHIVED not in statuses and long_active:
            self._make_archived(long_active.pop())

    def _cover_platforms(self, specs: list[_GroupSpec]) -> None:
        """Every platform appears once there are enough groups, taken from the wechat majority."""
        if len(specs) < 3 * len(Platform):
            return
        present = {s.platform for s in specs}
        donors = [s for s in specs if s.platform is Platform.WECHAT]
        self.r.shuffle(donors)
        for platform in Platform:
            if platform not in present and donors:
                donors.pop().platform = platform

    def external_id(self, platform: Platform) -> str:
        r = self.r

        def pick(alphabet: str, n: int) -> str:
            return "".join(r.choices(alphabet, k=n))

        if platform is Platform.WECHAT:
            return f"{r.randrange(10**10, 10**11)}@chatroom"
        if platform is Platform.WECOM:
            return "wr" + pick(B64, 22)
        if platform is Platform.QQ:
            return str(r.randrange(10**8, 10**10))
        if platform is Platform.DOUYIN:
            return str(r.randrange(7 * 10**18, 73 * 10**17))
        if platform is Platform.XIAOHONGSHU:
            return pick(HEX, 24)
        if platform is Platform.WEIBO:
            return str(r.randrange(4 * 10**15, 5 * 10**15))
        if platform is Platform.DINGTALK:
            return "cid" + pick(B64, 22) + "=="
        if platform is Platform.FEISHU:
            return "oc_" + pick(HEX, 32)
        return "G" + pick(DIGITS, 8)

    # ---- members ---------------------------------------------------------------------------------

    def make_members(self) -> None:
        r, rng, M, D = self.r, self.rng, self.M, self.D
        n_old = int(M * 0.6)
        first = np.concatenate([
            np.sort(rng.integers(-720, 0, n_old)),
            np.sort(rng.integers(0, D, M - n_old)),
        ])
        self.m_first = first
        has_comm = np.array([s.community for s in self.specs]) >= 0
        comm_has_groups = np.zeros(len(self.communities), dtype=bool)
        comm_has_groups[np.unique(self.g_community[has_comm])] = True
        cw = self.comm_weight * comm_has_groups
        home = np.full(M, -1, dtype=np.int64)
        if cw.sum() > 0:
            with_home = rng.random(M) < 0.7
            home[with_home] = rng.choice(len(cw), size=int(with_home.sum()), p=cw / cw.sum())
        self.m_home = home
        # tier: old members stand higher on the ladder
        p_old = np.cumsum([0.42, 0.34, 0.18, 0.06])
        p_new = np.cumsum([0.70, 0.24, 0.05, 0.01])
        u = rng.random(M)
        tier = np.where(first < 0, np.searchsorted(p_old, u), np.searchsorted(p_new, u)).clip(0, 3)
        seed_pool = max(1, M // 5)
        n_seed = max(1, round(M * 0.02)) if M >= 20 else 0
        seed = np.zeros(M, dtype=bool)
        if n_seed:
            seed[rng.choice(seed_pool, size=min(n_seed, seed_pool), replace=False)] = True
            tier[seed] = np.maximum(tier[seed], 2 + (rng.random(int(seed.sum())) < 0.4))
        # referral trees: ~15% referred by an earlier member, often by someone referred themselves
        referrer = [-1] * M
        referred: list[int] = []
        ambassadors: list[int] = []
        seed_l = seed.tolist()
        tier_l = tier.tolist()
        for i in range(M):
            if i >= 5 and not seed_l[i] and r.random() < 0.15:
                u1 = r.random()
                if u1 < 0.45 and referred:
                    j = referred[-1 - int(r.random() ** 2 * min(len(referred), 3000))]
                elif u1 < 0.7 and ambassadors:
                    j = r.choice(ambassadors)
                else:
                    j = r.randrange(i)
                referrer[i] = j
                referred.append(i)
            if seed_l[i] or tier_l[i] == 3:
                ambassadors.append(i)
        ref = np.array(referrer, dtype=np.int64)
        n_refs = np.bincount(ref[ref >= 0], minlength=M)
        bump = (n_refs > 0) & (rng.random(M) < 0.5)
        tier = np.where(bump, np.minimum(tier + 1, 3), tier)
        tier = np.where(n_refs >= 3, np.maximum(tier, 2), tier)
        if len(TIERS) <= M:
            for t_idx in range(len(TIERS)):
                if not (tier == t_idx).any():
                    tier[M - 1 - t_idx] = t_idx
        self.m_tier = tier
        self.m_seed = seed
        self.m_referrer = ref
        self.tracker.step(30, "生成成员资料…")
        self._member_texts()

    def _member_texts(self) -> None:
        """Nicknames, names, phones, WeChat ids, addresses: random draws come from numpy in blocks,
        strings are put together in one tight loop, and pinyin keys are computed per distinct text."""
        rng, W, M, cal = self.rng, self.words, self.M, self.cal
        nick_words: list[str] = W["nickname_words"]
        plain, kids = nick_words[:60], nick_words[60:]
        adjs: list[str] = W["nickname_adjectives"]
        suffixes: list[str] = W["nickname_suffixes"]
        english: list[str] = W["nickname_english"]
        pinyin: list[str] = W["nickname_pinyin"]
        wechat_stems = [p.replace(".", "_") for p in pinyin]
        given: list[str] = W["given_names"]
        sources: list[str] = W["sources"]
        ref_sources: list[str] = W["referral_sources"]
        notes: list[str] = W["member_notes"]
        districts: list[str] = W["districts"]
        communities = self.communities
        surnames: list[str] = self.surnames
        surname_cdf = np.cumsum([1.0 / (1 + i / 8) for i in range(len(surnames))])
        surname_cdf /= surname_cdf[-1]
        # common given names are common: fewer distinct names, as in real registers
        given_order = rng.permutation(len(given))
        given_cdf = np.cumsum([1.0 / (1 + i / 10) for i in range(len(given))])
        given_cdf /= given_cdf[-1]
        digits_tail = ("88", "666", "520", "1314", "2008", "99", "123", "007", "168", "1988", "1990", "1995",
                       "2000", "2010", "12", "7", "8", "6", "9", "365")
        alnum = np.frombuffer(ALNUM.encode(), dtype=np.uint8)
        first_l = self.m_first.tolist()
        home_l = self.m_home.tolist()
        ref_l = self.m_referrer.tolist()
        tier_l = self.m_tier.tolist()
        seed_l = self.m_seed.tolist()
        tier_values = [t.value for t in TIERS]
        key = self.key
        rows: list[tuple[Any, ...]] = []
        nicks: list[str] = []
        names: list[str] = []
        phones: list[str | None] = []
        addresses: list[str] = []
        block = 20_000
        for a in range(0, M, block):
            n = min(block, M - a)
            u = rng.random((n, 8))
            sur = np.searchsorted(surname_cdf, u[:, 0]).clip(0, len(surnames) - 1).tolist()
            giv = given_order[np.searchsorted(given_cdf, rng.random(n)).clip(0, len(given) - 1)].tolist()
            pick = rng.integers(0, 1 << 30, (n, 8)).tolist()
            nums = rng.integers(1, 34, (n, 4)).tolist()
            phone_tail = rng.integers(0, 10**9, n).tolist()
            second = rng.integers(3, 10, n).tolist()
            wx = (alnum[rng.integers(0, len(alnum), (n, 14))]).tobytes().decode()
            secs = rng.integers(8 * 3600, 22 * 3600, n).tolist()
            uu = u.tolist()
            for k in range(n):
                i = a + k
                _u0, u1, u2, u3, u4, u5, u6, u7 = uu[k]
                _p0, p1, p2, p3, p4, p5, p6, p7 = pick[k]
                n0, n1, n2, n3 = nums[k]
                surname = surnames[sur[k]]
                name = surname + given[giv[k]] if u1 < 0.78 else ""
                if u2 < 0.30:
                    nick = nick_words[p1 % len(nick_words)]
                elif u2 < 0.45:
                    nick = adjs[p1 % len(adjs)] + plain[p2 % len(plain)]
                elif u2 < 0.58:
                    nick = surname + suffixes[3 + p1 % (len(suffixes) - 3)]
                elif u2 < 0.68:
                    nick = kids[p1 % len(kids)] + suffixes[p2 % 3]
                elif u2 < 0.80:
                    nick = english[p1 % len(english)]
                    if p2 % 10 < 3:
                        nick += ("_", "")[p3 % 2] + digits_tail[p2 % len(digits_tail)]
                elif u2 < 0.88:
                    nick = pinyin[p1 % len(pinyin)]
                else:
                    nick = name or plain[p1 % len(plain)]
                phone = f"1{second[k]}{phone_tail[k]:09d}" if u3 < 0.88 else None
                if u4 < 0.6:
                    wechat = "wxid_" + wx[k * 14:(k + 1) * 14] if u5 < 0.5 else (
                        f"{wechat_stems[p4 % len(wechat_stems)]}{p5 % 9999 + 1}")
                else:
                    wechat = None
                h = home_l[i]
                if h >= 0 and u6 < 0.6:
                    address = f"{communities[h]}{n0 % 30 + 1}栋{n1 % 4 + 1}单元{n2}{n3 % 4 + 1:02d}室"
                elif u6 > 0.9:
                    address = (f"{districts[p6 % len(districts)]}{communities[p7 % len(communities)]}"
                               f"{n0 % 30 + 1}栋{n2 % 28 + 1}0{n3 % 4 + 1}")
                else:
                    address = ""
                source = ref_sources[p6 % len(ref_sources)] if ref_l[i] >= 0 else sources[p6 % len(sources)]
                note = notes[p7 % len(notes)] if u7 < 0.04 else ""
                search = key(nick) + " " + key(name) if name else key(nick)
                created = cal.dts(first_l[i], secs[k])
                rows.append((
                    i + 1, nick, wechat, phone, name, address, tier_values[tier_l[i]], seed_l[i],
                    ref_l[i] + 1 if ref_l[i] >= 0 else None, source, note, search, created, created,
                ))
                nicks.append(nick)
                names.append(name)
                phones.append(phone)
                addresses.append(address)
            self.tracker.step(30 + 60 * (a + n) // M, "生成成员资料…")
        self.member_rows = rows
        self.m_nick, self.m_name, self.m_phone, self.m_address = nicks, names, phones, addresses

    # ---- memberships -----------------------------------------------------------------------------

    def make_memberships(self) -> None:
        rng, M, G, D = self.rng, self.M, self.G, self.D
        k = np.minimum(1 + rng.poisson(1.75, M), min(8, G))
        member = np.repeat(np.arange(M), k)
        starts = np.repeat(np.cumsum(k) - k, k)
        slot = np.arange(len(member)) - starts
        L = len(member)
        first = self.m_first[member]
        span = (D - 1) - first
        later = first + np.floor(rng.random(L) ** 1.5 * (span + 1)).astype(np.int64)
        join = np.where(slot == 0, first, np.minimum(later, D - 1))
        # which group: a member's home community, or the online / district groups
        group = np.full(L, -1, dtype=np.int64)
        draw = np.array([s.draw for s in self.specs]) * self.g_capacity
        home = self.m_home[member]
        use_comm = (home >= 0) & (rng.random(L) < 0.65)
        comm_groups = [np.flatnonzero(self.g_community == c) for c in range(len(self.communities))]
        for c, members_of in enumerate(comm_groups):
            mask = use_comm & (home == c)
            n = int(mask.sum())
            if n and len(members_of):
                w = draw[members_of]
                group[mask] = members_of[np.searchsorted(np.cumsum(w) / w.sum(), rng.random(n)).clip(0, len(w) - 1)]
        rest = group < 0
        pool = np.flatnonzero(self.g_community < 0)
        if len(pool) == 0:
            pool = np.arange(G)
        w = draw[pool]
        group[rest] = pool[np.searchsorted(np.cumsum(w) / w.sum(), rng.random(int(rest.sum()))).clip(0, len(w) - 1)]
        # the group must exist when the member joins, and still be alive
        g_start, g_end = self.g_start[group], self.g_end[group]
        join = np.maximum(join, g_start)
        late = join > g_end
        lo = np.maximum(first, g_start)
        retry = lo + np.floor(rng.random(L) * np.maximum(g_end - lo + 1, 0)).astype(np.int64)
        join = np.where(late, retry, join)
        keep = (join <= g_end) & (join >= first)
        member, group, join, slot = member[keep], group[keep], join[keep], slot[keep]
        _, first_pos = np.unique(member * G + group, return_index=True)
        first_pos.sort()
        member, group, join, slot = member[first_pos], group[first_pos], join[first_pos], slot[first_pos]
        # churn: about one membership in nine has left
        L = len(member)
        leaves = rng.random(L) < 0.11
        left = join + 1 + np.floor(rng.exponential(40, L)).astype(np.int64)
        left = np.where(leaves & (left <= self.g_end[group]), left, NEVER)
        member, group, join, left = self._referral_paths(member, group, join, left)
        order = np.lexsort((group, member))
        member, group, join, left = member[order], group[order], join[order], left[order]
        self._enforce_capacity(group, join, left)
        self._roles(member, group, join, left)
        self.ms_member, self.ms_group, self.ms_join, self.ms_left = member, group, join, left

    def _referral_paths(self, member: np.ndarray, group: np.ndarray, join: np.ndarray,
                        left: np.ndarray) -> tuple[np.ndarray, ...]:
        """A referred member's first group is one the referrer was in at the time (裂变)."""
        order = np.lexsort((join, member))
        member, group, join, left = member[order], group[order], join[order], left[order]
        bounds = np.searchsorted(member, np.arange(self.M + 1))
        ref = self.m_referrer
        first = self.m_first
        g_start, g_end = self.g_start, self.g_end
        r = self.r
        group_l = group.tolist()
        join_l = join.tolist()
        left_l = left.tolist()
        bounds_l = bounds.tolist()
        self.referral_events: list[tuple[int, int, int, int]] = []
        for i in np.flatnonzero(ref >= 0).tolist():
            j = int(ref[i])
            a, b = bounds_l[i], bounds_l[i + 1]
            if a == b:
                continue
            day = int(first[i])
            mine = set(group_l[a:b])
            options = [
                group_l[x] for x in range(bounds_l[j], bounds_l[j + 1])
                if join_l[x] <= day < left_l[x] and g_start[group_l[x]] <= day <= g_end[group_l[x]]
                and group_l[x] not in mine
            ]
            if not options:
                continue
            g = r.choice(options)
            group_l[a] = g
            join_l[a] = day
            if left_l[a] != NEVER and not day < left_l[a] <= g_end[g]:
                left_l[a] = NEVER
            if day >= 0:
                self.referral_events.append((day, g, j, i))
        return member, np.array(group_l, dtype=np.int64), np.array(join_l, dtype=np.int64), np.array(
            left_l, dtype=np.int64)

    def _enforce_capacity(self, group: np.ndarray, join: np.ndarray, left: np.ndarray) -> None:
        """Nobody is over capacity: the surplus of a full group has left it (群满)."""
        active = left == NEVER
        counts = np.bincount(group[active], minlength=self.G)
        for g in np.flatnonzero(counts > self.g_capacity).tolist():
            idx = np.flatnonzero(active & (group == g))
            surplus = self.rng.choice(idx, size=int(counts[g] - self.g_capacity[g]), replace=False)
            span = np.maximum(self.g_end[g] - join[surplus], 0)
            left[surplus] = join[surplus] + np.ceil(self.rng.random(len(surplus)) * span).astype(np.int64)

    def _roles(self, member: np.ndarray, group: np.ndarray, join: np.ndarray, left: np.ndarray) -> None:
        rng, L = self.rng, len(member)
        role = np.searchsorted(np.cumsum(ROLE_P), rng.random(L)).clip(0, len(ROLES) - 1)
        active = left == NEVER
        # the first one or two active members of each group run it
        order = np.lexsort((join, ~active, group))
        g_sorted = group[order]
        starts = np.searchsorted(g_sorted, np.arange(self.G))
        rank = np.arange(L) - starts[g_sorted]
        counts = np.bincount(group[active], minlength=self.G)
        n_admin = 1 + (rng.random(self.G) < 0.5) + (counts > 200)
        admin_sorted = (rank < n_admin[g_sorted]) & active[order]
        admin = np.zeros(L, dtype=bool)
        admin[order] = admin_sorted
        role[admin] = ROLES.index(Role.ORGANIZER)
        others = np.flatnonzero(~admin)
        if L >= 50 and len(others) >= len(ROLES):
            for idx in range(len(ROLES)):
                if not (role == idx).any():
                    role[others[idx]] = idx
        self.ms_role, self.ms_admin = role, admin
        self.g_member_count = counts
        admins_by_group = np.full(self.G, -1, dtype=np.int64)
        admin_idx = np.flatnonzero(admin)
        admins_by_group[group[admin_idx][::-1]] = member[admin_idx][::-1]
        self.g_admin_member = admins_by_group

    # ---- group buys ------------------------------------------------------------------------------

    def make_group_buys(self) -> None:
        r, W, D = self.r, self.words, self.D
        cal = self.cal
        categories: dict[str, list[list[Any]]] = W["categories"]
        clusters: dict[str, list[int]] = {}
        for g, s in enumerate(self.specs):
            if s.template["function"] != "sales":
                continue
            key = f"c:{s.community}" if s.community >= 0 else s.base
            clusters.setdefault(key, []).append(g)
        base_pp = self._max_id(PickupPoint.__table__)
        pp_rows: list[tuple[Any, ...]] = []
        pp_by_comm: dict[int, list[int]] = {}
        existing_pp = set(self.conn.execute(select(PickupPoint.__table__.c.name)).scalars())

        def pickup_points(c: int) -> list[int]:
            if c not in pp_by_comm:
                ids: list[int] = []
                for kind in r.sample(W["pickup_kinds"], r.randint(1, 3)):
                    name = f"{self.communities[c]}{kind}自提点"
                    if name in existing_pp:
                        continue
                    existing_pp.add(name)
                    pid = base_pp + len(pp_rows) + 1
                    pp_rows.append((pid, name, f"{self.comm_district[c]}{self.communities[c]}{kind}",
                                    self.person_name(), self.phone()))
                    ids.append(pid)
                pp_by_comm[c] = ids
            return pp_by_comm[c]

        leaders: dict[str, list[str]] = {}
        campaigns: list[dict[str, Any]] = []
        for key, members_of in clusters.items():
            spec0 = self.specs[members_of[0]]
            community = spec0.community
            cadence = 7 if community >= 0 else 14
            phase = r.randrange(cadence)
            label = self.communities[community] if community >= 0 else spec0.base.replace("{n}", "").replace(
                "{m}", "").removesuffix("群")
            leaders[key] = [self.person_name() for _ in range(r.randint(1, 2))] if community >= 0 else [spec0.owner]
            first_open = min(self.g_start[members_of].min(), D - 1)
            day = max(first_open, -cadence) + phase
            drafted = False
            while day <= D - 1 + 7:
                cutoff = day + (2 if community >= 0 else r.randint(2, 4))
                alive = [g for g in members_of if self.g_start[g] <= day and (
                    self.g_end[g] >= min(cutoff, D - 1) and (cutoff <= D - 1 or self.g_end[g] == D - 1))]
                if day > D - 1:
                    if drafted or not alive:
                        break
                    drafted = True
                if alive and day >= 0:
                    category = spec0.category or r.choice(list(categories))
                    when = cal.date(day)
                    if day > D - 1:
                        status = CampaignStatus.DRAFT
                    elif cutoff >= D - 1:
                        status = CampaignStatus.OPEN
                    elif cutoff >= D - 1 - 7:
                        status = CampaignStatus.CLOSED
                    else:
                        status = CampaignStatus.SETTLED
                    campaigns.append({
                        "title": f"{label} {when.month}月第{(when.day - 1) // 7 + 1}周{category}团",
                        "leader": r.choice(leaders[key]),
                        "open": day, "open_sec": 9 * 3600 + r.randrange(3 * 3600),
                        "cutoff": cutoff, "cutoff_sec": r.choice((20, 21, 22)) * 3600,
                        "status": status, "category": category,
                        "groups": r.sample(alive, min(len(alive), r.randint(1, 3))),
                        "pickup": pickup_points(community) if community >= 0 else [],
                    })
                day += cadence
        self.pp_rows = pp_rows
        self._campaign_rows(campaigns, categories)

    def _campaign_rows(self, campaigns: list[dict[str, Any]], categories: dict[str, list[list[Any]]]) -> None:
        r, rng, cal, D = self.r, self.rng, self.cal, self.D
        base_c = self._max_id(Campaign.__table__)
        base_p = self._max_id(Product.__table__)
        base_o = self._max_id(Order.__table__)
        base_i = self._max_id(OrderItem.__table__)
        c_rows: list[tuple[Any, ...]] = []
        cg_rows: list[tuple[int, int]] = []
        cp_rows: list[tuple[int, int]] = []
        p_rows: list[tuple[Any, ...]] = []
        products_of: list[list[tuple[int, int, int | None, str]]] = []
        for n, c in enumerate(campaigns):
            cid = base_c + n + 1
            c["id"] = cid
            opened = cal.dts(c["open"], c["open_sec"])
            note = "" if r.random() < 0.8 else r.choice(("满30元起送", "次日下午到货", "缺货自动退款", "限本小区"))
            c_rows.append((cid, c["title"], c["leader"], opened, cal.dts(c["cutoff"], c["cutoff_sec"]),
                           c["status"].value, note, opened, opened))
            cg_rows.extend((cid, g + 1) for g in sorted(c["groups"]))
            cp_rows.extend((cid, p) for p in sorted(c["pickup"]))
            catalogue = categories[c["category"]]
            chosen = r.sample(catalogue, r.randint(min(3, len(catalogue)), min(8, len(catalogue))))
            mine: list[tuple[int, int, int | None, str]] = []
            for pos, (pname, spec, base_price) in enumerate(chosen):
                pid = base_p + len(p_rows) + 1
                price = max(90, round(base_price * r.uniform(0.9, 1.1) / 100) * 100 - 10)
                limit = r.randint(1, 5) if r.random() < 0.25 else None
                stock = r.randint(50, 500) if r.random() < 0.35 else None
                p_rows.append((pid, cid, pname, spec, price, int(price * r.uniform(0.55, 0.8)), limit, stock, pos))
                mine.append((pid, price, limit, pname))
            products_of.append(mine)
        self.campaign_rows, self.cg_rows, self.cp_rows, self.product_rows = c_rows, cg_rows, cp_rows, p_rows
        # orders: spread over the campaigns by how many people could buy
        target = round(ORDERS_PER_MEMBER * self.M)
        ms_group, ms_join, ms_left, ms_member = self.ms_group, self.ms_join, self.ms_left, self.ms_member
        by_group = np.argsort(ms_group, kind="stable")
        g_bounds = np.searchsorted(ms_group[by_group], np.arange(self.G + 1))
        weights = np.array([
            0.0 if c["status"] is CampaignStatus.DRAFT else
            float(self.g_member_count[c["groups"]].sum()) * (1.5 if c["pickup"] else 1.0)
            for c in campaigns
        ])
        n_orders = rng.multinomial(target, weights / weights.sum() * (1 - 1e-9)) if weights.sum() > 0 else np.zeros(
            len(campaigns), dtype=np.int64)
        o_rows: list[tuple[Any, ...]] = []
        i_rows: list[tuple[Any, ...]] = []
        meta: list[tuple[int, int, int, str]] = []  # per order: abs second, group, member, summary
        pay_p = {
            CampaignStatus.OPEN: [0.27, 0.70, 0.0, 0.03],
            CampaignStatus.CLOSED: [0.04, 0.88, 0.03, 0.05],
            CampaignStatus.SETTLED: [0.02, 0.90, 0.04, 0.04],
        }
        pays = (PaymentStatus.UNPAID, PaymentStatus.PAID, PaymentStatus.REFUNDED, PaymentStatus.CANCELLED)
        end_of_today = D * 86400 - 1
        for c, n, mine in zip(campaigns, n_orders.tolist(), products_of, strict=True):
            if not n:
                continue
            cand = np.concatenate([by_group[g_bounds[g]:g_bounds[g + 1]] for g in c["groups"]])
            cand = cand[(ms_join[cand] <= c["open"]) & (ms_left[cand] > c["cutoff"])]
            if not len(cand):
                continue
            w = TIER_BUY_W[self.m_tier[ms_member[cand]]]
            picks = cand[rng.choice(len(cand), size=n, p=w / w.sum())]
            t0 = c["open"] * 86400 + c["open_sec"]
            t1 = min(c["cutoff"] * 86400 + c["cutoff_sec"], end_of_today)
            placed = np.sort(t0 + np.floor(rng.random(n) * max(t1 - t0, 1)).astype(np.int64))
            status: CampaignStatus = c["status"]
            pay_idx = np.searchsorted(np.cumsum(pay_p[status]), rng.random(n)).clip(0, 3)
            yymmdd = cal.date(c["open"]).strftime("%y%m%d")
            pickup = c["pickup"]
            for seq, (ms, at, pi) in enumerate(zip(picks.tolist(), placed.tolist(), pay_idx.tolist(),
                                                    strict=True), start=1):
                oid = base_o + len(o_rows) + 1
                m = int(ms_member[ms])
                g = int(ms_group[ms])
                k_items = min(len(mine), 1 + (r.random() < 0.45) + (r.random() < 0.2) + (r.random() < 0.08))
                amount = pieces = 0
                first_name = ""
                for pid, price, limit, pname in sorted(r.sample(mine, k_items)):
                    qty = r.choice((1, 1, 1, 1, 2, 2, 3))
                    if limit is not None:
                        qty = min(qty, limit)
                    i_rows.append((base_i + len(i_rows) + 1, oid, pid, qty, price, qty * price))
                    amount += qty * price
                    pieces += qty
                    first_name = first_name or pname
                pay = pays[pi]
                paid_at = None
                refund = 0
                if pay in (PaymentStatus.PAID, PaymentStatus.REFUNDED):
                    paid_at = at + 30 + r.randrange(1800)
                    paid_at = min(paid_at, end_of_today)
                    if pay is PaymentStatus.REFUNDED:
                        refund = amount if r.random() < 0.7 else amount // 2
                    elif r.random() < 0.015:
                        refund = i_rows[-1][5]
                if pay is PaymentStatus.PAID and (
                        status is CampaignStatus.SETTLED or (status is CampaignStatus.CLOSED and r.random() < 0.6)):
                    fulfil = FulfilmentStatus.PICKED_UP if pickup else FulfilmentStatus.DELIVERED
                else:
                    fulfil = FulfilmentStatus.WAITING
                placed_s = cal.dts(at // 86400, at % 86400)
                paid_s = cal.dts(paid_at // 86400, paid_at % 86400) if paid_at is not None else None
                o_rows.append((
                    oid, c["id"], f"T{yymmdd}{seq:05d}", m + 1, g + 1, r.choice(pickup) if pickup else None,
                    placed_s, placed_s[:10], paid_s, amount, refund, pay.value, fulfil.value,
                    self.m_name[m] or self.m_nick[m], self.m_phone[m] or "",
                    "" if pickup else self.m_address[m], "", placed_s, paid_s or placed_s, pieces,
                ))
                more = f"等{k_items}件" if k_items > 1 else ""
                meta.append((at, g, m, f"团购下单: {first_name}{more}"))
        self._cover_payments(o_rows)
        # one purchase interaction per order that was not cancelled: (second, group, member, amount, text)
        self.purchases = [
            (at, g, m, row[9], summary) for row, (at, g, m, summary) in zip(o_rows, meta, strict=True)
            if row[11] != PaymentStatus.CANCELLED.value
        ]
        self.order_rows, self.item_rows = o_rows, i_rows

    @staticmethod
    def _cover_payments(o_rows: list[tuple[Any, ...]]) -> None:
        """Every payment status shows up once there are a few orders (small demo builds)."""
        if len(o_rows) < 4 * len(PaymentStatus):
            return
        present = {row[11] for row in o_rows}
        for k, pay in enumerate(PaymentStatus):
            if pay.value in present:
                continue
            i = len(o_rows) - 1 - 2 * k
            row = list(o_rows[i])
            row[11] = pay.value
            row[12] = FulfilmentStatus.WAITING.value
            row[8] = row[6] if pay in (PaymentStatus.PAID, PaymentStatus.REFUNDED) else None
            row[10] = row[9] if pay is PaymentStatus.REFUNDED else 0
            row[18] = row[8] or row[6]
            o_rows[i] = tuple(row)

    # ---- interactions ----------------------------------------------------------------------------

    def make_interactions(self) -> None:
        rng, W, D, M = self.rng, self.words, self.D, self.M
        summaries: dict[str, list[str]] = W["summaries"]
        pool: list[str] = []
        offset: dict[InteractionKind, tuple[int, int]] = {}
        for kind in KINDS:
            texts = summaries.get(kind.value, [""])
            offset[kind] = (len(pool), len(texts))
            pool.extend(texts)
        parts: list[dict[str, np.ndarray]] = []

        def add(day: np.ndarray, sec: np.ndarray, group: np.ndarray, member: np.ndarray, kind: np.ndarray,
                summary: np.ndarray, amount: np.ndarray | None = None) -> None:
            n = len(day)
            parts.append({
                "t": day.astype(np.int64) * 86400 + sec.astype(np.int64), "group": group.astype(np.int32),
                "member": member.astype(np.int32), "kind": kind.astype(np.int8), "summary": summary.astype(np.int32),
                "amount": amount.astype(np.int64) if amount is not None else np.full(n, -1, dtype=np.int64),
            })

        def canned(kind: InteractionKind, n: int) -> np.ndarray:
            start, size = offset[kind]
            return start + rng.integers(0, size, n)

        def kinds(kind: InteractionKind, n: int) -> np.ndarray:
            return np.full(n, K[kind], dtype=np.int8)

        ms_member, ms_group, ms_join, ms_left = self.ms_member, self.ms_group, self.ms_join, self.ms_left
        # joins and leaves, exactly as the memberships say
        j = np.flatnonzero(ms_join >= 0)
        add(ms_join[j], self.seconds(ms_join[j]), ms_group[j], ms_member[j], kinds(InteractionKind.JOIN, len(j)),
            canned(InteractionKind.JOIN, len(j)))
        lv = np.flatnonzero((ms_left != NEVER) & (ms_left >= 0))
        add(ms_left[lv], self.seconds(ms_left[lv]), ms_group[lv], ms_member[lv],
            kinds(InteractionKind.LEAVE, len(lv)), canned(InteractionKind.LEAVE, len(lv)))
        # referrals: the referrer brought someone into one of their groups
        if self.referral_events:
            ev = np.array(self.referral_events, dtype=np.int64)
            texts = [f"邀请 {self.m_nick[i]} 入群" for i in ev[:, 3].tolist()]
            add(ev[:, 0], self.seconds(ev[:, 0]), ev[:, 1], ev[:, 2], kinds(InteractionKind.REFERRAL, len(ev)),
                np.arange(len(pool), len(pool) + len(texts)))
            pool.extend(texts)
        # purchases: one per order that was not cancelled
        if self.purchases:
            at = np.array([p[0] for p in self.purchases], dtype=np.int64)
            add(at // 86400, at % 86400, np.array([p[1] for p in self.purchases]),
                np.array([p[2] for p in self.purchases]), kinds(InteractionKind.PURCHASE, len(at)),
                np.arange(len(pool), len(pool) + len(at)), np.array([p[3] for p in self.purchases]))
            pool.extend(p[4] for p in self.purchases)
        # group events run by the admins, about once a week
        lo = np.maximum(self.g_start, 0)
        span = np.maximum(self.g_end - lo + 1, 0)
        n_events = rng.poisson(span / 7.0)
        eg = np.repeat(np.arange(self.G), n_events)
        if len(eg):
            eday = lo[eg] + np.floor(rng.random(len(eg)) * span[eg]).astype(np.int64)
            who = np.where(rng.random(len(eg)) < 0.7, self.g_admin_member[eg], -1)
            add(eday, self.seconds(eday), eg, who, kinds(InteractionKind.EVENT, len(eg)),
                canned(InteractionKind.EVENT, len(eg)))
        # the membership's days inside the window
        m_lo = np.maximum(np.maximum(ms_join, lo[ms_group]), 0)
        m_hi = np.minimum(np.where(ms_left == NEVER, NEVER, ms_left - 1), self.g_end[ms_group])
        m_len = np.maximum(m_hi - m_lo + 1, 0)
        fixed = sum(len(p["t"]) for p in parts)
        total = INTERACTIONS_PER_MEMBER * M
        n_private = round(total * 0.02)
        n_notes = round(total * 0.008)
        # the operator's private chats and notes, mostly about higher tiers
        care = TIER_CARE_W[self.m_tier[ms_member]] * (m_len > 0)
        for kind, n in ((InteractionKind.PRIVATE_CHAT, n_private), (InteractionKind.NOTE, n_notes)):
            if n and care.sum() > 0:
                idx = self.pick(care, n)
                day = m_lo[idx] + np.floor(rng.random(n) * m_len[idx]).astype(np.int64)
                group = np.where(rng.random(n) < 0.55, ms_group[idx], -1)
                add(day, self.seconds(day), group, ms_member[idx], kinds(kind, n), canned(kind, n))
        # everyday chatter, by role and group activity, with a weekday rhythm
        bulk = max(0, total - fixed - n_private - n_notes)
        weight = ROLE_RATE[self.ms_role] * self.g_activity[ms_group] * m_len
        if bulk and weight.sum() > 0:
            accept_mean = float(WEEKDAY_W.mean() / WEEKDAY_W.max())
            n = int(bulk / accept_mean)
            idx = self.pick(weight, n)
            day = m_lo[idx] + np.floor(rng.random(n) * m_len[idx]).astype(np.int64)
            ok = rng.random(n) * WEEKDAY_W.max() < WEEKDAY_W[self.cal.weekday(day)]
            idx, day = idx[ok][:bulk], day[ok][:bulk]
            n = len(idx)
            role = self.ms_role[idx]
            u = rng.random(n)
            which = np.zeros(n, dtype=np.int64)
            for code, cum in enumerate(np.cumsum(ROLE_KIND_P, axis=1)):
                sel = role == code
                which[sel] = np.searchsorted(cum, u[sel], side="right").clip(0, len(cum) - 1)
            kind = BULK_KINDS[which]
            summary = np.empty(n, dtype=np.int64)
            for code in np.unique(kind).tolist():
                sel = kind == code
                start, size = offset[KINDS[code]]
                summary[sel] = start + rng.integers(0, size, int(sel.sum()))
            add(day, self.seconds(day), ms_group[idx], ms_member[idx], kind, summary)
        merged = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
        order = np.argsort(merged["t"], kind="stable")
        for key in merged:
            merged[key] = merged[key][order]
        n = len(merged["t"])
        # follow-ups: due a few days later; most past ones done, some overdue, upcoming ones open
        follow = np.full(n, -1, dtype=np.int64)
        day = merged["t"] // 86400
        chance = rng.random(n)
        for kind, share in FOLLOW_UP_P.items():
            sel = np.flatnonzero((merged["kind"] == K[kind]) & (chance < share))
            follow[sel] = day[sel] + rng.integers(1, 8, len(sel))
        has = follow >= 0
        u = rng.random(n)
        done = has & np.where(follow < D - 1, u < 0.85, u < 0.05)
        merged["follow"] = follow
        merged["done"] = done
        self.inter = merged
        self.summary_pool = pool
        self.n_interactions = n

    def pick(self, weight: np.ndarray, n: int) -> np.ndarray:
        """n indexes drawn with replacement in proportion to weight, in index order (callers sort the
        rows by time afterwards); a multinomial is far cheaper than n random look-ups in a big CDF."""
        # a hair under 1 in total: multinomial refuses probabilities that round to more than 1
        counts = self.rng.multinomial(n, weight / weight.sum() * (1 - 1e-9))
        return np.repeat(np.arange(len(weight)), counts)

    def seconds(self, day: np.ndarray) -> np.ndarray:
        """Seconds of the day with the hour rhythm: weekdays lunch and evenings, weekends spread."""
        n = len(day)
        weekend = self.cal.weekday(np.asarray(day)) >= 5
        u = self.rng.random(n)
        hour = np.where(weekend, np.searchsorted(self.hour_cdf[1], u), np.searchsorted(self.hour_cdf[0], u))
        return np.minimum(hour, 23) * 3600 + self.rng.integers(0, 3600, n)

    def make_day_stats(self) -> None:
        it = self.inter
        D = self.D
        grouped = it["group"] >= 0
        kind = it["kind"][grouped]
        member = it["member"][grouped].astype(np.int64)
        # dense cells: group x day
        cells = it["group"][grouped].astype(np.int64) * D + it["t"][grouped] // 86400
        size = self.G * D
        present = np.bincount(cells, minlength=size) > 0
        msg_codes = np.array(sorted(K[k] for k in MESSAGE_KINDS))
        is_msg = np.isin(kind, msg_codes)
        messages = np.bincount(cells[is_msg], minlength=size)
        speaking = is_msg & (member >= 0)
        pairs = np.sort(cells[speaking] * (self.M + 1) + member[speaking])
        distinct = np.ones(len(pairs), dtype=bool)
        distinct[1:] = pairs[1:] != pairs[:-1]
        active = np.bincount(pairs[distinct] // (self.M + 1), minlength=size)
        joins = np.bincount(cells[kind == K[InteractionKind.JOIN]], minlength=size)
        leaves = np.bincount(cells[kind == K[InteractionKind.LEAVE]], minlength=size)
        cell = np.flatnonzero(present)
        messages, active, joins, leaves = messages[cell], active[cell], joins[cell], leaves[cell]
        cal = self.cal
        self.stat_rows = [
            (int(c // D) + 1, cal.ds(int(c % D)), int(a), int(b), int(jn), int(lv))
            for c, a, b, jn, lv in zip(cell.tolist(), messages.tolist(), active.tolist(), joins.tolist(),
                                       leaves.tolist(), strict=True)
        ]
        self.g_last_active = np.full(self.G, -1, dtype=np.int64)
        np.maximum.at(self.g_last_active, (cell // D).astype(np.int64), (cell % D).astype(np.int64))

    # ---- writing ---------------------------------------------------------------------------------

    def drop_indexes(self, table: Table, incoming: int) -> list[tuple[str, str]]:
        """On SQLite, before a big load into a table that is small so far: drop its secondary indexes and
        return their exact SQL, so restore_indexes() rebuilds them in one sorted pass each (measured: six
        interaction indexes rebuilt after 1M rows take 3.8 s, maintaining them row by row costs 10 s).
        Unique constraints (autoindexes, no SQL) are left alone. Inside the build's transaction, so an
        error or a cancel rolls the DROP back too."""
        if not self.sqlite or incoming < REINDEX_THRESHOLD:
            return []
        existing = self.conn.exec_driver_sql(f'SELECT COUNT(*) FROM "{table.name}"').scalar_one()
        if existing > incoming:
            return []
        found = [(str(name), str(sql)) for name, sql in self.conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
            "ORDER BY name", (table.name,))]
        for name, _sql in found:
            self.conn.exec_driver_sql(f'DROP INDEX "{name}"')
        return found

    def restore_indexes(self, table: Table, dropped: list[tuple[str, str]], message: str) -> None:
        for _name, sql in dropped:
            self.advance(0, message)
            self.conn.exec_driver_sql(sql)
        if dropped:
            now = [(str(name), str(sql)) for name, sql in self.conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
                "ORDER BY name", (table.name,))]
            if now != dropped:  # pragma: no cover - would be a bug; the transaction is rolled back
                raise RuntimeError(f"indexes of {table.name} not restored: {now} != {dropped}")

    def insert(self, table: Table, columns: Sequence[str], rows: Iterable[tuple[Any, ...]],
               message: str, *, bulk: bool = True) -> int:
        rows = list(rows)
        if not rows:
            self.counts[table.name] = self.counts.get(table.name, 0)
            return 0
        dropped = self.drop_indexes(table, len(rows)) if bulk else []
        if self.sqlite:
            sql = (f'INSERT INTO "{table.name}" ({", ".join(columns)}) '
                   f'VALUES ({", ".join("?" for _ in columns)})')
            for a in range(0, len(rows), CHUNK):
                self.conn.exec_driver_sql(sql, rows[a:a + CHUNK])
                self.advance(min(CHUNK, len(rows) - a), message)
        else:
            stmt = insert(table)
            for a in range(0, len(rows), CHUNK):
                self.conn.execute(stmt, [dict(zip(columns, row, strict=True)) for row in rows[a:a + CHUNK]])
                self.advance(min(CHUNK, len(rows) - a), message)
        self.counts[table.name] = self.counts.get(table.name, 0) + len(rows)
        self.restore_indexes(table, dropped, "重建索引…")
        return len(rows)

    def advance(self, rows: int, message: str) -> None:
        self.rows_written += rows
        self.tracker.step(250 + 740 * self.rows_written // max(self.rows_planned, 1), message)

    def write_all(self) -> None:
        cal = self.cal
        # groups
        labels = self._label_ids()
        group_rows: list[tuple[Any, ...]] = []
        gl_rows: list[tuple[int, int, int, bool]] = []
        used_ids: dict[Platform, set[str]] = {p: set() for p in Platform}
        r = self.r
        for g, s in enumerate(self.specs):
            ext: str | None = None
            if r.random() > 0.08:
                ext = self.external_id(s.platform)
                while ext in used_ids[s.platform]:
                    ext = self.external_id(s.platform)
                used_ids[s.platform].add(ext)
            created = cal.dts(s.start, 8 * 3600 + r.randrange(14 * 3600))
            last = int(self.g_last_active[g])
            updated = cal.dts(max(last, s.start), 20 * 3600) if last >= 0 else created
            archived = cal.dts(s.archived_at, 10 * 3600) if s.archived_at is not None else None
            group_rows.append((
                g + 1, s.name, s.platform.value, ext, s.owner, s.status.value, s.lifespan.value,
                cal.ds(s.start), cal.ds(s.end) if s.end is not None else None, int(self.g_capacity[g]),
                int(self.g_member_count[g]), s.area, s.note, self.key(s.name), archived, created, updated,
            ))
            gl_rows.extend(self._group_labels(g, s, labels))
        self.insert(Group.__table__, ("id", "name", "platform", "external_id", "owner", "status", "lifespan",
                                      "start_date", "end_date", "capacity", "member_count", "area", "note",
                                      "search_key", "archived_at", "created_at", "updated_at"),
                    group_rows, "写入群…")
        self.insert(GroupLabel.__table__, ("group_id", "label_id", "dimension_id", "exclusive"), gl_rows,
                    "写入群分类…")
        self.insert(Member.__table__, ("id", "nickname", "wechat_id", "phone", "name", "address", "tier",
                                       "seed_user", "referrer_id", "source", "note", "search_key",
                                       "created_at", "updated_at"), self.member_rows, "写入成员…")
        self.member_rows = []
        self.insert(Membership.__table__, ("id", "member_id", "group_id", "role", "is_admin", "joined_on",
                                           "left_on", "group_nickname"), self._membership_rows(),
                    "写入群成员关系…")
        self.insert(PickupPoint.__table__, ("id", "name", "address", "contact", "phone"), self.pp_rows,
                    "写入自提点…")
        self.insert(Campaign.__table__, ("id", "title", "leader", "open_at", "cutoff_at", "status", "note",
                                         "created_at", "updated_at"), self.campaign_rows, "写入团购活动…")
        self.insert(CampaignGroup.__table__, ("campaign_id", "group_id"), self.cg_rows, "写入团购活动…")
        self.insert(CampaignPickupPoint.__table__, ("campaign_id", "pickup_point_id"), self.cp_rows,
                    "写入团购活动…")
        self.insert(Product.__table__, ("id", "campaign_id", "name", "spec", "price_cents", "cost_cents",
                                        "per_person_limit", "stock", "position"), self.product_rows, "写入商品…")
        self.insert(Order.__table__, ("id", "campaign_id", "external_no", "member_id", "group_id",
                                      "pickup_point_id", "placed_at", "day", "paid_at", "amount_cents",
                                      "refund_cents", "payment_status", "fulfilment_status", "buyer_name",
                                      "buyer_phone", "address", "note", "created_at", "updated_at", "pieces"),
                    self.order_rows, "写入订单…")
        self.insert(OrderItem.__table__, ("id", "order_id", "product_id", "quantity", "unit_price_cents",
                                          "amount_cents"), self.item_rows, "写入订单明细…")
        self._write_interactions()
        self.insert(GroupDayStat.__table__, ("group_id", "day", "messages", "active_members", "joins", "leaves"),
                    self.stat_rows, "写入每日统计…")
        self._write_templates()
        if self.conn.dialect.name == "postgresql":
            for table in ("groups", "members", "memberships", "pickup_points", "campaigns", "products",
                          "orders", "order_items", "templates"):
                self.conn.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"))

    def _label_ids(self) -> dict[str, tuple[int, int, bool]]:
        """label name -> (label id, dimension id, exclusive) for the seeded time/function/audience axes."""
        dims = {row.code: row for row in self.conn.execute(
            select(Dimension.__table__.c.id, Dimension.__table__.c.code, Dimension.__table__.c.multi))}
        found: dict[str, tuple[int, int, bool]] = {}
        for code in ("time", "function", "audience"):
            dim = dims.get(code)
            if dim is None:
                continue
            rows = self.conn.execute(
                select(Label.__table__.c.id, Label.__table__.c.name)
                .where(Label.__table__.c.dimension_id == dim.id).order_by(Label.__table__.c.position))
            for row in rows:
                found[row.name] = (row.id, dim.id, not dim.multi)
        return found

    def _group_labels(self, g: int, s: _GroupSpec,
                      labels: dict[str, tuple[int, int, bool]]) -> list[tuple[int, int, int, bool]]:
        names = ["短期群" if s.lifespan is Lifespan.SHORT else "长期群",
                 "销售群" if s.template["function"] == "sales" else "服务群"]
        audience: list[str] = [self.r.choice(s.template["audience"])]
        if self.r.random() < 0.35:
            other = self.r.choice(["新客群", "老客群", "VIP群", "兴趣群"])
            if other not in audience:
                audience.append(other)
        rows: list[tuple[int, int, int, bool]] = []
        seen_single: set[int] = set()
        for name in names + audience:
            if name not in labels:
                continue
            label_id, dim_id, exclusive = labels[name]
            if exclusive and dim_id in seen_single:
                continue
            if exclusive:
                seen_single.add(dim_id)
            rows.append((g + 1, label_id, dim_id, exclusive))
        return rows

    def _membership_rows(self) -> list[tuple[Any, ...]]:
        cal, r = self.cal, self.r
        base = self._max_id(Membership.__table__)
        role_values = [role.value for role in ROLES]
        community = self.g_community.tolist()
        rows: list[tuple[Any, ...]] = []
        rand = r.random
        for n, (m, g, jn, lf, role, admin) in enumerate(zip(
                self.ms_member.tolist(), self.ms_group.tolist(), self.ms_join.tolist(), self.ms_left.tolist(),
                self.ms_role.tolist(), self.ms_admin.tolist(), strict=True)):
            nick = ""
            if community[g] >= 0:
                if rand() < 0.22:
                    nick = f"{r.randint(1, 30)}栋{r.randint(1, 33)}0{r.randint(1, 4)}-{self.m_nick[m]}"
            elif rand() < 0.06:
                nick = self.m_name[m] or self.m_nick[m]
            rows.append((base + n + 1, m + 1, g + 1, role_values[role], admin, cal.ds(jn),
                         cal.ds(lf) if lf != NEVER else None, nick))
        return rows

    def _write_interactions(self) -> None:
        it, cal = self.inter, self.cal
        n = self.n_interactions
        table = Interaction.__table__
        dropped = self.drop_indexes(table, n)
        kind_values = np.array([k.value for k in KINDS], dtype=object)
        pool = np.array(self.summary_pool, dtype=object)
        ds, ts = cal.date_strings, cal.time_strings
        lo = cal.lo
        columns = ("occurred_at", "day", "group_id", "member_id", "kind", "summary", "amount_cents",
                   "follow_up_on", "follow_up_done", "created_at")
        for a in range(0, n, CHUNK):
            b = min(n, a + CHUNK)
            t = it["t"][a:b]
            day = (t // 86400 - lo).tolist()
            sec = (t % 86400).tolist()
            days = [ds[d] for d in day]
            occurred = [d + ts[s] for d, s in zip(days, sec, strict=True)]
            g = it["group"][a:b].astype(np.int64)
            group = np.where(g >= 0, (g + 1).astype(object), None).tolist()
            m = it["member"][a:b].astype(np.int64)
            member = np.where(m >= 0, (m + 1).astype(object), None).tolist()
            amount = np.where(it["amount"][a:b] >= 0, it["amount"][a:b].astype(object), None).tolist()
            follow = [ds[f - lo] if f >= 0 else None for f in it["follow"][a:b].tolist()]
            rows = list(zip(occurred, days, group, member, kind_values[it["kind"][a:b]].tolist(),
                            pool[it["summary"][a:b]].tolist(), amount, follow, it["done"][a:b].tolist(),
                            occurred, strict=True))
            self.insert(table, columns, rows, "写入互动记录…", bulk=False)
        self.restore_indexes(table, dropped, "重建互动记录索引…")

    def _write_templates(self) -> None:
        existing = set(self.conn.execute(select(Template.__table__.c.name)).scalars())
        base = self._max_id(Template.__table__)
        stamp = self.cal.dts(max(-30, -self.D), 9 * 3600)
        rows = []
        for tpl in self.words["message_templates"]:
            if tpl["name"] in existing:
                continue
            rows.append((base + len(rows) + 1, tpl["name"], tpl["body"], "text", "[]", stamp, stamp))
        self.insert(Template.__table__, ("id", "name", "body", "format", "attachments_json", "created_at",
                                         "updated_at"), rows, "写入消息模板…")

