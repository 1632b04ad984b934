"""Cached activity levels at the DESIGN scale: the full refresh and the SQL activity filter, against floors.

Run:  /work/venv/bin/python tests/benchmarks/bench_activity_levels.py [--members 200000] [--db PATH]
                                                                       [--rounds 15] [--refresh-rounds 3]

Not a pytest test. Builds a temporary workspace with ``python -m desktop demo --groups G --members M
--days 180`` (G = M / 100; 200,000 members: about 5M interactions) unless ``--db`` names an existing
one (whose cached levels are then rewritten: it is a cache).

service: MemberService exactly as the UI / a background job calls it.
floor:   the least the database must do for the same answer on an open connection, no session:
         refresh  - a bare GROUP BY member_id count of the interactions in the same days
                    (what any per-member aggregate of the same rows costs, before any level logic);
         filter   - a bare Core SELECT of the ids with the level column IN (...) ORDER BY id;
         one member (log / merge hook) - a bare Core count of that member's interactions and a
                    one-row UPDATE, committed (the hook's commit is most of its time).
before:  the level filter as it was before the cache: ``activity_levels`` (assess per member) for a
         sample of members, extrapolated to all of them.

Each figure is the median (and p95) of the rounds after one discarded warm-up run (the refresh:
``--refresh-rounds``, no warm-up beyond the first of them).
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
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_TEMP = Path(tempfile.mkdtemp(prefix="qundesk-bench-levels-"))
os.environ["QUNDESK_HOME"] = str(_TEMP / "home")
os.environ.pop("QUNDESK_DB", None)

from sqlalchemy import func, select, update  # noqa: E402

from desktop.domain.activity import ActivityParams, events_needed_from  # noqa: E402
from desktop.domain.members import MemberFilter  # noqa: E402
from desktop.services.activity_cache import refresh_member_levels  # noqa: E402
from desktop.services.members import MemberService  # noqa: E402
from desktop.store.engine import Database, open_database  # noqa: E402
from desktop.store.models import Interaction, Member  # noqa: E402

SAMPLE = 2_000


def timed(fn: Callable[[], object], rounds: int, warm_up: bool = True) -> tuple[float, float, object]:
    """(median ms, p95 ms, last result) over ``rounds`` runs after one warm-up."""
    result = fn() if warm_up else None
    samples = []
    for _ in range(rounds):
        start = time.perf_counter_ns()
        result = fn()
        samples.append((time.perf_counter_ns() - start) / 1e6)
    ordered = sorted(samples)
    return statistics.median(samples), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], result


def build(db_path: Path, members: int, days: int) -> str:
    groups = max(1, members // 100)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "demo", "--db", str(db_path), "--groups", str(groups),
         "--members", str(members), "--days", str(days)],
        cwd=REPO, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"`python -m desktop demo` failed:\n{result.stdout}\n{result.stderr}")
    return f"demo --groups {groups} --members {members} --days {days} (built in {time.perf_counter() - started:.0f} s)"


def floor_refresh(db: Database, today: date, params: ActivityParams) -> int:
    with db.engine.connect() as conn:
        return len(conn.execute(
            select(Interaction.member_id, func.count())
            .where(Interaction.day >= events_needed_from(today, params), Interaction.day <= today,
                   Interaction.member_id.is_not(None))
            .group_by(Interaction.member_id)).all())


def floor_filter(db: Database, levels: list[int]) -> list[int]:
    with db.engine.connect() as conn:
        return list(conn.scalars(select(Member.id).where(Member.activity_level.in_(levels)).order_by(Member.id)))


def row(label: str, service: tuple[float, float], floor: tuple[float, float] | None, extra: str = "") -> None:
    ratio = f"{service[0] / floor[0]:7.1f}x" if floor and floor[0] else "       -"
    floor_text = f"{floor[0]:9.1f} {floor[1]:9.1f}" if floor else f"{'-':>9} {'-':>9}"
    print(f"  {label:<40} {service[0]:9.1f} {service[1]:9.1f}  {floor_text}  {ratio}  {extra}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=200_000)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--db", type=Path, help="an existing workspace")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--refresh-rounds", type=int, default=3)
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
        path = _TEMP / "levels.db"
        print("building the workspace...", flush=True)
        workspace = build(path, options.members, options.days)
    db = open_database(path)
    members = MemberService(db)
    today, params, rounds = date.today(), ActivityParams(), options.rounds
    with db.transaction() as session:
        n_members = session.scalar(select(func.count()).select_from(Member)) or 0
        n_interactions = session.scalar(select(func.count()).select_from(Interaction)) or 0
    print(f"\nActivity levels: cached-level refresh and filter at {n_members:,} members, "
          f"{n_interactions:,} interactions")
    print(f"workspace {workspace}; today {today}\n")
    print(f"  {'':<40} {'service (ms)':>19}  {'floor (ms)':>19}  {'ratio':>8}")
    print(f"  {'':<40} {'median':>9} {'p95':>9}  {'median':>9} {'p95':>9}  {'(median)':>8}")

    s_med, s_p95, refreshed = timed(lambda: members.refresh_activity_levels(today, params),
                                    options.refresh_rounds, warm_up=False)
    f_med, f_p95, groups = timed(lambda: floor_refresh(db, today, params), options.refresh_rounds, warm_up=False)
    row("refresh every member's level", (s_med, s_p95), (f_med, f_p95),
        f"{refreshed:,} members; floor: GROUP BY member_id over {groups:,} members")
    refresh_ms = s_med

    all_ids = members.page_ids()
    sample = all_ids[:: max(1, len(all_ids) // SAMPLE)][:SAMPLE]
    before_med, _, _ = timed(lambda: members.activity_levels(sample, today, params), 1, warm_up=False)
    per_member = before_med / max(1, len(sample))
    print(f"  {'before: assess per member (extrapolated)':<40} {per_member * len(all_ids):9.0f} {'':>9}  "
          f"{'':>19}  {per_member * len(all_ids) / refresh_ms:7.1f}x  "
          f"{per_member:.2f} ms a member x {len(all_ids):,} (sample of {len(sample):,})")

    for levels in ([1], [2, 3], [1, 2, 3, 4]):
        wanted = frozenset(levels)
        s_med, s_p95, ids = timed(lambda w=wanted: members.page_ids(MemberFilter(activity_levels=w)), rounds)
        f_med, f_p95, floor_ids = timed(lambda lv=levels: floor_filter(db, lv), rounds)
        if ids != floor_ids:
            print(f"  WARNING: service and floor disagree for levels {levels}: {len(ids)} vs {len(floor_ids)}")
        row(f"filter activity levels {levels}", (s_med, s_p95), (f_med, f_p95), f"{len(ids):,} ids")
    s_med, s_p95, ids = timed(lambda: members.page_ids(MemberFilter(text="王", activity_levels=frozenset({1, 2}))),
                              rounds)
    row("filter text '王' + levels [1, 2]", (s_med, s_p95), None, f"{len(ids):,} ids")
    s_med, s_p95, fresh = timed(members.activity_levels_fresh_on, rounds)
    row("activity_levels_fresh_on()", (s_med, s_p95), None, f"{fresh}")

    with db.transaction() as session:
        busiest, count = session.execute(
            select(Interaction.member_id, func.count()).where(Interaction.member_id.is_not(None))
            .group_by(Interaction.member_id).order_by(func.count().desc()).limit(1)).one()

    def one_member() -> object:
        with db.transaction() as session:
            return refresh_member_levels(session, [busiest], today, params)

    def bare_count() -> object:
        with db.engine.begin() as conn:  # a read and a one-row write, committed like the hook's transaction
            found = conn.scalar(select(func.count()).where(Interaction.member_id == busiest))
            conn.execute(update(Member).where(Member.id == busiest).values(activity_level=Member.activity_level))
            return found

    s_med, s_p95, _ = timed(one_member, rounds)
    f_med, f_p95, _ = timed(bare_count, rounds)
    row("refresh one member (log/merge hook)", (s_med, s_p95), (f_med, f_p95),
        f"member with {count:,} interactions")
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
