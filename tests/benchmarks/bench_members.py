"""Members at the DESIGN scale: the Members page queries and a quick log entry, against floors.

Run:  /work/venv/bin/python tests/benchmarks/bench_members.py [--rounds 15] [--db PATH] [--days 180]

Not a pytest test. Builds a temporary workspace with ``python -m desktop demo --groups 2000
--members 200000 --days 180`` (about 500k memberships and 5M interactions) unless ``--db`` names
an existing one (which is then only read, apart from the timed log entries).

service: MemberService / InteractionService exactly as the UI calls them (one transaction each).
floor:   the least the database must do for the same answer: a bare SQLAlchemy Core statement on an
         open connection (no session, no DTOs) with the same WHERE / ORDER BY; for a log entry a
         bare Core insert of one interaction row in its own transaction (no day stats, no checks).

Each figure is the median (and p95) of ``--rounds`` runs after one discarded warm-up run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MEMBERS = 200_000
GROUPS = 2_000

_TEMP = Path(tempfile.mkdtemp(prefix="qundesk-bench-members-"))
os.environ["QUNDESK_HOME"] = str(_TEMP / "home")
os.environ.pop("QUNDESK_DB", None)

from sqlalchemy import func, insert, or_, select  # noqa: E402

from desktop.domain.enums import InteractionKind  # noqa: E402
from desktop.domain.members import InteractionDraft, MemberFilter, MemberSort  # noqa: E402
from desktop.services.interactions import InteractionService  # noqa: E402
from desktop.services.members import MemberService  # noqa: E402
from desktop.store.engine import Database, open_database  # noqa: E402
from desktop.store.models import Interaction, Member  # noqa: E402

QUERIES = ("王", "wang", "ygxw", "138", "小")
TARGETS_MS = {"text": 100.0, "open": 300.0, "detail": 100.0, "log": 50.0}


def timed(fn: Callable[[], object], rounds: int) -> tuple[float, float, object]:
    """(median ms, p95 ms, last result) over ``rounds`` runs after one warm-up."""
    result = fn()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter_ns()
        result = fn()
        samples.append((time.perf_counter_ns() - start) / 1e6)
    ordered = sorted(samples)
    return statistics.median(samples), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], result


def build(db_path: Path, days: int) -> str:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "demo", "--db", str(db_path), "--groups", str(GROUPS),
         "--members", str(MEMBERS), "--days", str(days)],
        cwd=REPO, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"`python -m desktop demo` failed:\n{result.stdout}\n{result.stderr}")
    return f"demo --groups {GROUPS} --members {MEMBERS} --days {days} (built in {time.perf_counter() - started:.0f} s)"


def floor_text(db: Database, word: str) -> list[int]:
    pattern = f"%{word}%"
    conditions = [Member.search_key.like(pattern, escape="\\")]
    if any(ch.isdigit() for ch in word):
        conditions.append(Member.phone.like(pattern, escape="\\"))
    if word.isascii():
        conditions.append(Member.wechat_id.like(pattern, escape="\\"))
    with db.engine.connect() as conn:
        return list(conn.scalars(select(Member.id).where(or_(*conditions)).order_by(Member.id)))


def floor_sorted(db: Database) -> list[int]:
    with db.engine.connect() as conn:
        return list(conn.scalars(select(Member.id).order_by(Member.nickname, Member.id)))


def busiest_member(db: Database, wanted: int, grow: bool) -> tuple[int, int]:
    """The member with the most interactions, topped up to ``wanted`` (group-less notes) if allowed."""
    with db.transaction() as session:
        member_id, count = session.execute(
            select(Interaction.member_id, func.count()).where(Interaction.member_id.is_not(None))
            .group_by(Interaction.member_id).order_by(func.count().desc()).limit(1)).one()
        if grow and count < wanted:
            start = datetime(2026, 1, 1, 9)
            session.execute(insert(Interaction), [
                {"occurred_at": start + timedelta(hours=n), "day": (start + timedelta(hours=n)).date(),
                 "member_id": member_id, "kind": InteractionKind.NOTE, "summary": f"bench {n}"}
                for n in range(wanted - count)])
            count = wanted
    return int(member_id), int(count)


def row(label: str, service: tuple[float, float], floor: tuple[float, float] | None, extra: str = "") -> None:
    ratio = f"{service[0] / floor[0]:7.1f}x" if floor and floor[0] else "       -"
    floor_text_ = f"{floor[0]:9.1f} {floor[1]:9.1f}" if floor else f"{'-':>9} {'-':>9}"
    print(f"  {label:<38} {service[0]:9.1f} {service[1]:9.1f}  {floor_text_}  {ratio}  {extra}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--db", type=Path, help="an existing workspace at the DESIGN scale")
    parser.add_argument("--days", type=int, default=180, help="days of demo history (180: ~5M interactions)")
    options = parser.parse_args()
    try:
        return run(options)
    finally:
        shutil.rmtree(_TEMP, ignore_errors=True)


def run(options: argparse.Namespace) -> int:
    (_TEMP / "home").mkdir(parents=True, exist_ok=True)
    if options.db:
        path, workspace = options.db.resolve(), f"given: {options.db}"
    else:
        path = _TEMP / "members.db"
        print("building the workspace (a few minutes)...", flush=True)
        workspace = build(path, options.days)
    db = open_database(path)
    members, log = MemberService(db), InteractionService(db)
    rounds = options.rounds
    with db.transaction() as session:
        n_members = session.scalar(select(func.count()).select_from(Member))
        n_interactions = session.scalar(select(func.count()).select_from(Interaction))
    print(f"\nMembers: page queries and quick log at {n_members:,} members, {n_interactions:,} interactions")
    print(f"workspace {workspace}; {rounds} rounds after 1 warm-up\n")
    print(f"  {'':<38} {'service':>19}  {'floor':>19}  {'ratio':>8}")
    print(f"  {'':<38} {'median':>9} {'p95':>9}  {'median':>9} {'p95':>9}  {'(median)':>8}")

    worst_text = 0.0
    for word in QUERIES:
        s_med, s_p95, ids = timed(lambda w=word: members.page_ids(MemberFilter(text=w)), rounds)
        f_med, f_p95, floor_ids = timed(lambda w=word: floor_text(db, w), rounds)
        if ids != floor_ids:
            print(f"  WARNING: service and floor disagree for {word!r}: {len(ids)} vs {len(floor_ids)} ids")
        worst_text = max(worst_text, s_med)
        row(f"text search {word!r}", (s_med, s_p95), (f_med, f_p95), f"{len(ids):,} ids")

    s_med, s_p95, ids = timed(lambda: members.page_ids(sort_key=MemberSort.NICKNAME), rounds)
    f_med, f_p95, _ = timed(lambda: floor_sorted(db), rounds)
    row("sort all by nickname", (s_med, s_p95), (f_med, f_p95), f"{len(ids):,} ids")
    s_med, s_p95, ids = timed(lambda: members.page_ids(MemberFilter(text="王"), MemberSort.LAST_ACTIVE, True),
                              max(3, rounds // 3))
    row("text '王' sorted by last active", (s_med, s_p95), None, f"{len(ids):,} ids")

    def open_page() -> list:
        first = members.page_ids()
        return members.rows(first[:100])

    open_med, open_p95, _ = timed(open_page, rounds)
    row("open page: all ids + first 100 rows", (open_med, open_p95), None)

    member_id, count = busiest_member(db, 1000, grow=options.db is None)
    detail_med, detail_p95, detail = timed(lambda: members.detail(member_id), rounds)
    row(f"member detail ({count:,} interactions)", (detail_med, detail_p95), None,
        f"{len(detail.timeline)} timeline rows")  # type: ignore[attr-defined]

    group_id = detail.memberships[0].group_id if detail.memberships else None  # type: ignore[attr-defined]
    now = datetime.now()

    def log_one() -> object:
        return log.log(InteractionDraft(InteractionKind.MESSAGE, group_id, member_id, "bench",
                                        follow_up_on=date.today()), now)

    def bare_insert() -> None:
        with db.engine.begin() as conn:
            conn.execute(insert(Interaction).values(occurred_at=now, day=now.date(), group_id=group_id,
                                                    member_id=member_id, kind=InteractionKind.MESSAGE,
                                                    summary="floor", follow_up_done=False))

    log_med, log_p95, _ = timed(log_one, rounds)
    bare_med, bare_p95, _ = timed(bare_insert, rounds)
    row("log() one interaction", (log_med, log_p95), (bare_med, bare_p95))

    print()
    for label, value, key in (("filter by text (worst query)", worst_text, "text"),
                              ("open the Members page", open_med, "open"),
                              ("open a member with 1,000 interactions", detail_med, "detail"),
                              ("save a quick log entry", log_med, "log")):
        target = TARGETS_MS[key]
        print(f"  target {label}: {target:.0f} ms -> {value:.1f} ms {'met' if value < target else 'MISSED'}")
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
