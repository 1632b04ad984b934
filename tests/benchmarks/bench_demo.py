"""How fast the demo workspace is built, against a floor: the raw sqlite3 module's executemany.

    python tests/benchmarks/bench_demo.py [--scale design|default] [--keep DIR]

1. build_demo() into a fresh workspace (timed end to end: generation, inserts, index rebuilds, commit);
2. the floor: the very same rows, read back from that workspace, inserted with plain
   ``sqlite3.executemany`` in one transaction into a second fresh workspace of the same schema
   (migrated the same way, indexes in place, foreign keys on, the same page cache), then committed.
   Only the executemany calls and the commit are timed, not reading the rows back.

Prints wall time and rows/second for both and the ratio demo / floor. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from desktop.services.demo import BUILD_CACHE_KIB, build_demo
from desktop.store.engine import open_database

SCALES = {
    "default": {"groups": 300, "members": 20_000, "days": 180},
    "design": {"groups": 2_000, "members": 200_000, "days": 180},
}
#: parents before children, as build_demo writes them
TABLES = (
    "groups", "group_labels", "members", "memberships", "pickup_points", "campaigns", "campaign_groups",
    "campaign_pickup_points", "products", "orders", "order_items", "interactions", "group_day_stats", "templates",
)
CHUNK = 50_000


def build(path: Path, sizes: dict[str, int]) -> tuple[float, dict[str, int]]:
    db = open_database(path)
    try:
        last = [-1]

        def progress(done: int, total: int, message: str) -> None:
            if done // 50 != last[0]:
                last[0] = done // 50
                print(f"\r  {done * 100 // total:3d}% {message:<20}", end="", file=sys.stderr, flush=True)

        started = time.perf_counter()
        summary = build_demo(db, seed=0, today=date(2026, 11, 20), progress=progress, **sizes)
        seconds = time.perf_counter() - started
        print(file=sys.stderr)
        return seconds, summary.counts
    finally:
        db.dispose()


def floor(source: Path, target: Path) -> tuple[float, int]:
    open_database(target).dispose()  # same migrations, same seeded dimensions and labels
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target, isolation_level=None)
    try:
        dst.execute("PRAGMA foreign_keys = ON")
        dst.execute("PRAGMA synchronous = FULL")
        dst.execute(f"PRAGMA cache_size = -{BUILD_CACHE_KIB}")
        timed = 0.0
        rows = 0
        dst.execute("BEGIN")
        for table in TABLES:
            cursor = src.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            sql = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'
            while batch := cursor.fetchmany(CHUNK):
                started = time.perf_counter()
                dst.executemany(sql, batch)
                timed += time.perf_counter() - started
                rows += len(batch)
            print(f"\r  floor: {table:<24}", end="", file=sys.stderr, flush=True)
        started = time.perf_counter()
        dst.execute("COMMIT")
        timed += time.perf_counter() - started
        print(file=sys.stderr)
        return timed, rows
    finally:
        src.close()
        dst.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="default")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep the files")
    args = parser.parse_args()
    sizes = SCALES[args.scale]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="qundesk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    demo_path, floor_path = folder / "demo.db", folder / "floor.db"
    for path in (demo_path, floor_path):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    try:
        print(f"scale {args.scale}: {sizes}")
        demo_seconds, counts = build(demo_path, sizes)
        demo_rows = sum(counts.values())
        for table, count in counts.items():
            print(f"  {table:<24}{count:>12,}")
        print(f"demo : {demo_rows:>12,} rows in {demo_seconds:8.2f} s = {demo_rows / demo_seconds:>10,.0f} rows/s")
        floor_seconds, floor_rows = floor(demo_path, floor_path)
        print(f"floor: {floor_rows:>12,} rows in {floor_seconds:8.2f} s = {floor_rows / floor_seconds:>10,.0f} rows/s"
              "  (raw sqlite3 executemany of the same rows, same schema, indexes live)")
        assert floor_rows == demo_rows, (floor_rows, demo_rows)
        print(f"ratio demo/floor: {demo_seconds / floor_seconds:.2f}  (time; < 1 means the demo beats the floor)")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
