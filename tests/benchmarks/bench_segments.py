"""Resolving saved segments at 2,000 groups, against a floor: the same ids by a raw sqlite3 SELECT.

    python tests/benchmarks/bench_segments.py [--rounds 50] [--db EXISTING.db]

Workspace: ``python -m desktop demo --groups 2000 --members 2000 --days 60`` into a temporary file
(today = the real date, as the demo CLI uses it).

app:   ``SegmentService(db).resolve(spec, today)``: a session, one transaction, the SQL built from the
       spec, the ids as a list. Timed per call, end to end.
floor: the hand-written equivalent SELECT of ids on one open ``sqlite3`` connection (no SQLAlchemy,
       no transaction object), fetchall(). Both must return the same ids (checked).

Also: ``counts()`` for 20 saved segments (the navigation's live counts: one SELECT of SUM(CASE ...)
per segment), against one COUNT per segment in one transaction; and for the activity
filter the alternative the brief suggested (join on max(day) per group over all day stats) to show
why the service uses a correlated EXISTS over the (group_id, day) primary key instead.
Medians over ``--rounds`` calls after 3 warm-up calls. Target: 20 ms per resolve. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GROUPS = 2000
TARGET_MS = 20.0


def median_ms(fn: Callable[[], object], rounds: int) -> tuple[float, object]:
    result = None
    for _ in range(3):
        result = fn()
    times = []
    for _ in range(rounds):
        start = time.perf_counter_ns()
        fn()
        times.append((time.perf_counter_ns() - start) / 1e6)
    return statistics.median(times), result


def build_workspace(path: Path) -> str:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "demo", "--db", str(path), "--groups", str(GROUPS),
         "--members", "2000", "--days", "60"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"`python -m desktop demo` failed:\n{result.stdout}\n{result.stderr}")
    return f"demo --groups {GROUPS} --members 2000 --days 60 (built in {time.perf_counter() - started:.1f} s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--db", type=Path, help="use this existing workspace instead of building one")
    options = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="qundesk-bench-segments-"))
    try:
        if options.db:
            path, workspace = options.db.resolve(), f"given: {options.db}"
        else:
            path = temp / "segments.db"
            print("building the workspace...", flush=True)
            workspace = build_workspace(path)
        return run(path, workspace, options.rounds)
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def run(path: Path, workspace: str, rounds: int) -> int:
    from sqlalchemy import func, select

    from desktop.domain.enums import GroupStatus, Platform
    from desktop.domain.segments import ActivityFilter, LifecycleFilter, SegmentSpec, dormant_cutoff
    from desktop.services.groups import GroupService
    from desktop.services.segments import SegmentService, spec_conditions
    from desktop.store.engine import open_database
    from desktop.store.models import Group

    db = open_database(path)
    service = SegmentService(db)
    today = date.today()
    labels = {label.name: label.id for d in GroupService(db).dimensions() for label in d.labels}
    vip, service_label = labels["VIP群"], labels["服务群"]
    live = frozenset({GroupStatus.ACTIVE, GroupStatus.DORMANT})
    cutoff = dormant_cutoff(today, 14).isoformat()
    born_before = datetime.combine(dormant_cutoff(today, 14) + timedelta(days=1), dtime.min).isoformat(" ")
    soon = (today + timedelta(days=3)).isoformat()
    iso = today.isoformat()
    recent = ("EXISTS (SELECT 1 FROM group_day_stats s WHERE s.group_id = g.id AND s.day > ? "
              "AND s.messages > 0)")
    dormant_sql = f"(NOT {recent} AND (g.created_at IS NULL OR g.created_at < ?))"

    # name, spec, equivalent raw SQL, its parameters
    cases: list[tuple[str, SegmentSpec, str, tuple]] = [
        ("VIP或服务群·活跃 (labels + activity)",
         SegmentSpec(statuses=live, label_ids=frozenset({vip, service_label}), activity=ActivityFilter.ACTIVE),
         "SELECT g.id FROM groups g WHERE g.status IN ('active', 'dormant') AND g.id IN "
         "(SELECT group_id FROM group_labels WHERE label_id IN (?, ?)) "
         f"AND NOT {dormant_sql} ORDER BY g.id",
         (vip, service_label, cutoff, born_before)),
        ("3天内结束的短期群 (lifecycle)",
         SegmentSpec(statuses=live, lifecycle=LifecycleFilter.ENDING_SOON),
         "SELECT g.id FROM groups g WHERE g.status IN ('active', 'dormant') AND g.lifespan = 'short' "
         "AND g.end_date >= ? AND g.end_date <= ? ORDER BY g.id",
         (iso, soon)),
        ("沉默群 (activity dormant)",
         SegmentSpec(statuses=live, activity=ActivityFilter.DORMANT),
         f"SELECT g.id FROM groups g WHERE g.status IN ('active', 'dormant') AND {dormant_sql} ORDER BY g.id",
         (cutoff, born_before)),
        ("微信群 + 文字 'q' (text + platform)",
         SegmentSpec(text="q", platforms=frozenset({Platform.WECHAT})),
         "SELECT g.id FROM groups g WHERE g.platform = 'wechat' AND g.search_key LIKE ? ESCAPE '\\' ORDER BY g.id",
         ("%q%",)),
        ("全部未归档 (large result)",
         SegmentSpec(statuses=live),
         "SELECT g.id FROM groups g WHERE g.status IN ('active', 'dormant') ORDER BY g.id", ()),
    ]

    raw = sqlite3.connect(path)
    print("\nSegments: resolve(spec) -> group ids, 2,000 groups")
    print(f"workspace {workspace}; today {today}; {rounds} timed calls each (median), 3 warm-up")
    print(f"\n  {'segment':<34} {'ids':>5} {'app ms':>8} {'floor ms':>9} {'ratio':>7}")
    app_all = []
    for name, spec, sql, params in cases:
        app_ms, ids = median_ms(lambda spec=spec: service.resolve(spec, today=today), rounds)
        floor_ms, rows = median_ms(lambda sql=sql, params=params: raw.execute(sql, params).fetchall(), rounds)
        floor_ids = [r[0] for r in rows]  # type: ignore[union-attr]
        if ids != floor_ids:
            raise SystemExit(f"{name}: app and floor disagree ({len(ids)} vs {len(floor_ids)} ids)")  # type: ignore[arg-type]
        app_all.append(app_ms)
        print(f"  {name:<34} {len(floor_ids):5d} {app_ms:8.2f} {floor_ms:9.2f} {app_ms / floor_ms:6.1f}x")
    worst = max(app_all)
    print(f"\n  target: every resolve under {TARGET_MS:.0f} ms: {'met' if worst < TARGET_MS else 'MISSED'} "
          f"(slowest median {worst:.2f} ms); app and floor returned the same ids for every segment")

    # the navigation: live counts for 20 saved segments
    created = []
    for i in range(20):
        name, spec, _sql, _params = cases[i % len(cases)]
        created.append(service.create(f"bench {i} {name}", spec).id)
    counts_ms, counts = median_ms(lambda: service.counts(today=today), max(5, rounds // 5))
    expected = {sid: len(service.resolve(sid, today=today)) for sid in created}
    if counts != expected:
        raise SystemExit("counts() disagrees with resolve()")
    print(f"\n  counts() for 20 saved segments: {counts_ms:.2f} ms ({counts_ms / 20:.2f} ms per segment)")

    def one_count_each() -> list[int]:
        with db.transaction() as session:
            return [session.scalar(select(func.count()).select_from(Group).where(*spec_conditions(spec, today)))
                    for _, (_n, spec, _s, _p) in zip(created, [cases[i % len(cases)] for i in range(20)],
                                                       strict=True)]
    each_ms, each = median_ms(one_count_each, max(5, rounds // 5))
    if each != [expected[sid] for sid in created]:
        raise SystemExit("one COUNT per segment disagrees with resolve()")
    print(f"  (alternative, one COUNT per segment: {each_ms:.2f} ms, {each_ms / counts_ms:.1f}x the single pass)")
    for sid in created:
        service.delete(sid)

    # why EXISTS: the max(day) join over every day-stat row, as list_groups computes last_active
    via_max = ("SELECT g.id FROM groups g LEFT JOIN (SELECT group_id, max(day) AS last FROM group_day_stats "
               "WHERE messages > 0 GROUP BY group_id) a ON a.group_id = g.id WHERE g.status IN ('active', 'dormant') "
               "AND (a.last IS NULL OR a.last <= ?) AND (g.created_at IS NULL OR g.created_at < ?) ORDER BY g.id")
    max_ms, max_rows = median_ms(lambda: raw.execute(via_max, (cutoff, born_before)).fetchall(), rounds)
    exists_sql, exists_params = cases[2][2], cases[2][3]
    exists_ms, exists_rows = median_ms(lambda: raw.execute(exists_sql, exists_params).fetchall(), rounds)
    stats = raw.execute("SELECT count(*) FROM group_day_stats").fetchone()[0]
    same = "same ids" if max_rows == exists_rows else "DIFFERENT ids"
    print(f"  dormant filter, raw sqlite3, {stats} day-stat rows: max(day) join {max_ms:.2f} ms, "
          f"correlated EXISTS {exists_ms:.2f} ms ({same})")
    raw.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
