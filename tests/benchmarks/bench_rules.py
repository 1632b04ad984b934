"""Previewing auto-classification rules over 2,000 groups, against a floor: raw sqlite3 + Python ``re``.

    python tests/benchmarks/bench_rules.py [--rounds 30] [--db EXISTING.db]

Workspace: ``python -m desktop demo --groups 2000 --members 2000 --days 30`` into a temporary file.

app:   ``RuleService(db).preview(rule_id)``: a session, one transaction, the rule and its label read,
       every non-archived group read as a GroupDTO and matched by ``RuleConditions.matcher``, the
       label rows of the rule's dimension read, each matching group's before -> after computed
       (single-choice replacement included), the warning decided. Timed per call, end to end.
floor: one open ``sqlite3`` connection, ``SELECT id, name FROM groups WHERE status != 'archived'``,
       fetchall(), then the same name test in plain Python (``in`` / ``re.search``). Both must find
       the same groups (checked). The floor does no label work at all, so the ratio is an upper bound
       on the service's overhead.
Medians over ``--rounds`` calls after 3 warm-up calls. Target: 100 ms per preview. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GROUPS = 2000
TARGET_MS = 100.0


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
        [sys.executable, "-m", "desktop", "demo", "--groups", str(GROUPS), "--members", "2000",
         "--days", "30", "--db", str(path)],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"`python -m desktop demo` failed:\n{result.stdout}\n{result.stderr}")
    return f"demo --groups {GROUPS} --members 2000 --days 30 (built in {time.perf_counter() - started:.1f} s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--db", type=Path, help="use this existing workspace instead of building one")
    options = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="qundesk-bench-rules-"))
    try:
        if options.db:
            path, workspace = options.db.resolve(), f"given: {options.db}"
        else:
            path = temp / "rules.db"
            print("building the workspace...", flush=True)
            workspace = build_workspace(path)
        return run(path, workspace, options.rounds)
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def run(path: Path, workspace: str, rounds: int) -> int:
    from desktop.domain.rules import RuleConditions
    from desktop.services.classification import ClassificationService
    from desktop.services.rules import RuleService
    from desktop.store.engine import open_database

    db = open_database(path)
    service = RuleService(db)
    today = date.today()
    labels = {label.name: label.id for d in ClassificationService(db).dimensions() for label in d.labels}
    regex = r"(团购|特惠)\d+群$"
    # name, conditions, label, the floor's Python test on the name
    cases: list[tuple[str, RuleConditions, int, Callable[[str], bool]]] = [
        ("name contains '团购' -> 销售群 (single)", RuleConditions(name_contains="团购"), labels["销售群"],
         lambda name: "团购" in name),
        (f"regex {regex} -> VIP群 (multi)", RuleConditions(name_regex=regex), labels["VIP群"],
         lambda name, search=re.compile(regex).search: search(name) is not None),
    ]
    raw = sqlite3.connect(path)
    total = raw.execute("SELECT count(*) FROM groups WHERE status != 'archived'").fetchone()[0]
    print(f"\nRules: preview(rule) over {total} non-archived groups")
    print(f"workspace {workspace}; today {today}; {rounds} timed calls each (median), 3 warm-up")
    print(f"\n  {'rule':<44} {'matched':>7} {'changed':>7} {'app ms':>8} {'floor ms':>9} {'ratio':>7}")
    worst = 0.0
    for i, (name, conditions, label_id, test) in enumerate(cases):
        rule = service.create(f"bench rule {i}", conditions, label_id)

        def floor(test: Callable[[str], bool] = test) -> list[int]:
            rows = raw.execute("SELECT id, name FROM groups WHERE status != 'archived' ORDER BY id").fetchall()
            return [gid for gid, gname in rows if test(gname)]

        app_ms, preview = median_ms(lambda rule_id=rule.id: service.preview(rule_id, today=today), rounds)
        floor_ms, floor_ids = median_ms(floor, rounds)
        if list(preview.matched_ids) != floor_ids:  # type: ignore[union-attr]
            raise SystemExit(f"{name}: app and floor disagree")
        worst = max(worst, app_ms)
        print(f"  {name:<44} {preview.matched:7d} {preview.changed:7d} "  # type: ignore[union-attr]
              f"{app_ms:8.2f} {floor_ms:9.2f} {app_ms / floor_ms:6.1f}x")
        service.delete(rule.id)
    print(f"\n  target: every preview under {TARGET_MS:.0f} ms: {'met' if worst < TARGET_MS else 'MISSED'} "
          f"(slowest median {worst:.2f} ms); app and floor matched the same groups for every rule")
    raw.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
