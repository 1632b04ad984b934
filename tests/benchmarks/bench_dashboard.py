"""Dashboard speed at the DESIGN scale: first paint after opening the page, and refresh after a period change.

Run:  /work/venv/bin/python tests/benchmarks/bench_dashboard.py --db BIG.db [--runs 3]

Not a pytest test. BIG.db is a demo workspace at scale (``python -m desktop demo --groups 2000
--members 200000 ...``, 5,000,000 interactions); work on a copy, the window may write (dormant refresh).
Every measurement runs in a fresh interpreter so pyqtgraph's import is cold:

* first paint: the main window is open with its groups loaded; the clock starts at
  ``show_page("dashboard")`` (pyqtgraph not yet imported) and stops when the cards and the charts in
  the first screenful that read GroupDayStat and the orders (trend, growth, money at 1500x1000) are on
  screen and painted (``dashboard_shown`` + a paint); ``first_screen_drawn`` checks that every such
  chart on screen shows its plot. The heatmap (raw interactions, GroupDayStat has no hours), the funnel
  and tiers (memberships) and, below the first screenful, the per-group charts (top, dormant,
  platforms) arrive after; "complete" is when they are painted too.
* refresh: on the open page, the period goes 30 days -> 7 days -> 30 days; each is timed to its paint.
* floor, in the same kind of process: the bare SQL over GroupDayStat the overview cannot avoid (the
  per-day sums over both periods and the per-group sums of the period) with sqlite3, plus importing
  pyqtgraph and painting one PlotWidget with the same number of points.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

CHILD = r'''
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QUNDESK_HOME"] = sys.argv[3]
mode, db_path = sys.argv[1], sys.argv[2]
out = {}
if mode == "app":
    from desktop.app import build_main_window, create_application
    from desktop.store.engine import open_database
    app, settings = create_application()
    db = open_database(db_path)
    window = build_main_window(db, settings)
    window.resize(1500, 1000)
    window.show()
    def pump_until(cond, limit=120):
        end = time.perf_counter() + limit
        while not cond() and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.001)
    pump_until(lambda: window.runner.active_count == 0)
    out["pyqtgraph_before"] = "pyqtgraph" in sys.modules
    page = window.dashboard_page
    shown = []
    page.dashboard_shown.connect(lambda d: shown.append(time.perf_counter()))
    t0 = time.perf_counter()
    window.show_page("dashboard")
    pump_until(lambda: shown)
    page.content.repaint()
    app.processEvents()
    out["first_paint_ms"] = (time.perf_counter() - t0) * 1000
    out["first_screen_drawn"] = float(all(
        card.showing_chart for name, card in page.cards.items()
        if page._on_screen(card) and name not in ("heatmap", "funnel", "tiers")))
    pump_until(lambda: not page.loading and window.runner.active_count == 0)
    page.content.repaint()
    out["complete_ms"] = (time.perf_counter() - t0) * 1000
    for preset in ("7d", "30d"):
        shown.clear()
        t0 = time.perf_counter()
        page.period_box.setCurrentIndex(page.period_box.findData(preset))
        pump_until(lambda: shown)
        page.content.repaint()
        app.processEvents()
        out[f"refresh_{preset}_ms"] = (time.perf_counter() - t0) * 1000
        pump_until(lambda: not page.loading and window.runner.active_count == 0)
        out[f"refresh_{preset}_complete_ms"] = (time.perf_counter() - t0) * 1000
    window.runner.wait_for_done()
    window.close()
    db.dispose()
else:
    import sqlite3
    from datetime import date, timedelta
    t0 = time.perf_counter()
    conn = sqlite3.connect(db_path)
    end = date.today(); start = end - timedelta(days=29); first = start - timedelta(days=30)
    per_day = conn.execute("select day, sum(messages), sum(active_members), sum(joins), sum(leaves) "
                           "from group_day_stats where day between ? and ? group by day",
                           (first.isoformat(), end.isoformat())).fetchall()
    conn.execute("select group_id, sum(messages), sum(active_members) from group_day_stats "
                 "where day between ? and ? group by group_id", (start.isoformat(), end.isoformat())).fetchall()
    out["sql_ms"] = (time.perf_counter() - t0) * 1000
    t1 = time.perf_counter()
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication([])
    plot = pg.PlotWidget()
    plot.resize(700, 300)
    plot.plot([float(r[1] or 0) for r in per_day])
    plot.show()
    plot.repaint()
    app.processEvents()
    out["plot_ms"] = (time.perf_counter() - t1) * 1000
    out["floor_ms"] = (time.perf_counter() - t0) * 1000
print("RESULT " + json.dumps(out))
'''


def child(mode: str, db: Path, home: Path) -> dict[str, float]:
    repo = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", CHILD, mode, str(db), str(home)], cwd=repo,
                            capture_output=True, text=True, check=True)
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, type=Path, help="a copy of a demo workspace at scale")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    home = args.db.parent / "bench_home"
    home.mkdir(exist_ok=True)
    runs: dict[str, list[float]] = {}
    for _ in range(args.runs):
        for mode in ("floor", "app"):
            for key, value in child(mode, args.db, home).items():
                runs.setdefault(key, []).append(float(value))
        time.sleep(0.5)
    print(f"dashboard benchmark on {args.db} ({args.runs} runs, median / min)")
    for key, values in runs.items():
        print(f"  {key:<28}{statistics.median(values):>10.0f}{min(values):>10.0f}")


if __name__ == "__main__":
    main()
