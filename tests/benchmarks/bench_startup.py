"""Cold start: launching QunDesk to the first painted main window, against a bare-Qt floor.

Run:  /work/venv/bin/python tests/benchmarks/bench_startup.py [--runs 7]

Not a pytest test. Every run is a fresh interpreter (``sys.executable``): the parent times from
``Popen`` to the moment the child prints ``PAINTED`` on stdout, the child exits right after.

* app driver:   replicates ``python -m desktop --db X`` (``desktop/__main__.py`` + ``run_gui``): parse
  the arguments, set up logging, ``create_application()``, ``open_database``, ``build_main_window``,
  ``show()``, and an event filter on the window that reports once the first ``QEvent.Paint`` pass has
  finished. It also reports when the groups table has painted with rows in it (the list is loaded on a
  worker thread, so the first paint can come before the data).
* floor driver: the same shape with nothing of ours: import QtWidgets, ``QApplication``, a
  ``QMainWindow`` holding an empty ``QTableView``, show, first paint.

The app is not modified: detection lives in the drivers. ``QUNDESK_BENCH_FIRST_PAINT=1`` is set in
the children's environment only as a marker; the app does not read it.

The workspace is the default demo (300 groups, 20,000 members, 180 days) built once with
``python -m desktop demo --db X``. Until ``desktop/services/demo.py`` exists the script falls back to
300 groups created through ``GroupService.create`` and says so loudly: such figures are provisional.

Finally the app driver runs once under ``-X importtime`` to show which imports dominate.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
CHILD_TIMEOUT_S = 120.0

# ----------------------------------------------------------------------------- drivers
# Both drivers: T0 at the very top, marks as (label, seconds since T0), "PAINTED <t>" on stdout as
# soon as the first paint pass is over, then (app only) "LOADED <t>", then the marks, then os._exit.

_COMMON = r'''
import time
T0 = time.perf_counter()
import os
import sys

MARKS = []


def mark(label):
    MARKS.append((label, time.perf_counter() - T0))


def emit(tag):
    sys.stdout.write(f"{tag} {time.perf_counter() - T0:.6f}\n")
    sys.stdout.flush()


def finish(code=0):
    for label, t in MARKS:
        sys.stdout.write(f"MARK {t:.6f} {label}\n")
    sys.stdout.flush()
    os._exit(code)


def watch(app, window, viewport=None, has_rows=None):
    """Report PAINTED after the window's first paint pass, LOADED after the table shows rows."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    state = {"painted": False, "loaded": viewport is None}

    def painted():
        emit("PAINTED")
        if state["loaded"]:
            finish()

    def loaded():
        emit("LOADED")
        if state["painted"]:
            finish()

    class WindowPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not state["painted"]:
                state["painted"] = True
                mark("first QEvent.Paint received by the window")
                QTimer.singleShot(0, painted)  # runs once the whole paint pass has finished
            return False

    class ViewportPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not state["loaded"] and has_rows(obj):
                state["loaded"] = True
                QTimer.singleShot(0, loaded)
            return False

    filters = [WindowPaint(app)]
    window.installEventFilter(filters[0])
    if viewport is not None:
        filters.append(ViewportPaint(app))
        viewport.installEventFilter(filters[1])

    def timeout():
        sys.stdout.write("TIMEOUT\n")
        finish(3)

    QTimer.singleShot(int(CHILD_TIMEOUT_MS), timeout)
    return filters
'''

APP_DRIVER = _COMMON + r'''

def main():
    db_path = sys.argv[1]
    # desktop/__main__.py
    from desktop.cli import build_parser

    args = build_parser().parse_args(["--db", db_path])
    import desktop.app as qundesk_app  # what `from desktop.app import run_gui` costs

    mark("import desktop.cli, desktop.app; parse args")
    # desktop.app.run_gui = start_gui + app.exec(): the window shows at once while a worker
    # imports SQLAlchemy, opens the database and builds the services
    app, window, _opened = qundesk_app.start_gui(args)
    mark("start_gui(): QApplication, window shell, database opening on a worker")

    def table_viewport():
        page = window.groups_page
        return None if page is None else page.table.viewport()

    keep = watch(app, window, app, lambda obj: obj is table_viewport() and window.groups_page.model.total_count > 0)
    app.exec()
    del keep


main()
'''

FLOOR_DRIVER = _COMMON + r'''

def main():
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    mark("import PySide6.QtWidgets")
    app = QApplication([sys.argv[0]])
    mark("QApplication()")
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(1360, 820)
    mark("QMainWindow + QTableView")
    keep = watch(app, window)
    window.show()
    mark("window.show()")
    app.exec()
    del keep


main()
'''


# ----------------------------------------------------------------------------- running
@dataclass
class Run:
    painted: float  # wall seconds, parent's Popen -> "PAINTED" line
    loaded: float | None  # wall seconds, parent's Popen -> "LOADED" line
    child_painted: float  # seconds since the child's first line of code
    marks: list[tuple[str, float]] = field(default_factory=list)


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("QUNDESK_DB", None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QUNDESK_HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        QUNDESK_BENCH_FIRST_PAINT="1",  # a marker only: the app does not know this variable
    )
    return env


def write_driver(folder: Path, name: str, source: str) -> Path:
    path = folder / name
    path.write_text(source.replace("CHILD_TIMEOUT_MS", repr(CHILD_TIMEOUT_S * 1000)), encoding="utf-8")
    return path


def launch(driver: Path, args: list[str], env: dict[str, str], log: Path) -> Run:
    with log.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [PYTHON, str(driver), *args], stdout=subprocess.PIPE, stderr=err, env=env, cwd=REPO, text=True
        )
        assert proc.stdout is not None
        painted = loaded = None
        child_painted = 0.0
        marks: list[tuple[str, float]] = []
        for line in proc.stdout:
            now = time.perf_counter() - start
            tag, _, rest = line.rstrip("\n").partition(" ")
            if tag == "PAINTED":
                painted, child_painted = now, float(rest)
            elif tag == "LOADED":
                loaded = now
            elif tag == "MARK":
                seconds, _, label = rest.partition(" ")
                marks.append((label, float(seconds)))
            elif tag == "TIMEOUT":
                break
        code = proc.wait(timeout=CHILD_TIMEOUT_S)
    if painted is None or code != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"{driver.name} failed (exit {code}, painted={painted}):\n{tail}")
    return Run(painted, loaded, child_painted, marks)


# ----------------------------------------------------------------------------- workspace
def build_workspace(db: Path, env: dict[str, str]) -> str:
    if importlib.util.find_spec("desktop.services.demo") is not None:
        started = time.perf_counter()
        result = subprocess.run(
            [PYTHON, "-m", "desktop", "demo", "--db", str(db)], env=env, cwd=REPO,
            capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            raise SystemExit(f"`python -m desktop demo` failed:\n{result.stdout}\n{result.stderr}")
        return f"demo (python -m desktop demo: 300 groups, 20,000 members, 180 days; built in " \
               f"{time.perf_counter() - started:.1f} s)"
    return fallback_workspace(db)


def fallback_workspace(db: Path, groups: int = 300) -> str:
    """300 groups through GroupService.create: no members, no stats, no labels."""
    from desktop.domain.enums import Platform
    from desktop.domain.groups import GroupDraft
    from desktop.services.groups import GroupService
    from desktop.store.engine import open_database

    words = ["阳光", "花园", "宝妈", "团购", "读书", "健身", "英语", "亲子", "拼车", "美食", "旅行", "摄影"]
    owners = ["王芳", "李娜", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄强"]
    platforms = list(Platform)
    database = open_database(db)
    try:
        service = GroupService(database)
        for i in range(groups):
            service.create(GroupDraft(
                name=f"{words[i % len(words)]}{words[(i // len(words)) % len(words)]}{i + 1}群",
                platform=platforms[i % len(platforms)], owner=owners[i % len(owners)],
                member_count=(i * 37) % 480, area="上海" if i % 2 else "杭州",
            ))
    finally:
        database.dispose()
    return (f"FALLBACK ({groups} groups via GroupService.create, no members/stats): "
            "desktop/services/demo.py not found -- PROVISIONAL figures, rerun once the demo lands")


# ----------------------------------------------------------------------------- import profile
_IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S.*)$")


@dataclass
class ImportRow:
    module: str
    self_us: int
    cumulative_us: int
    depth: int
    parent: str = ""


def import_profile(driver: Path, db: Path, env: dict[str, str]) -> list[ImportRow]:
    proc = subprocess.run(
        [PYTHON, "-X", "importtime", str(driver), str(db)], env=env, cwd=REPO,
        capture_output=True, text=True, timeout=CHILD_TIMEOUT_S, check=False,
    )
    rows = []
    for line in proc.stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if match:
            rows.append(ImportRow(match[4].strip(), int(match[1]), int(match[2]), len(match[3]) // 2))
    # importtime prints children before their parent: the parent is the next line one level up
    for i, row in enumerate(rows):
        for later in rows[i + 1:]:
            if later.depth < row.depth:
                row.parent = later.module
                break
    if not rows or "PAINTED" not in proc.stdout:
        raise SystemExit(f"-X importtime run failed:\n{proc.stderr[-3000:]}")
    return rows


def root_package(module: str) -> str:
    return module.split(".")[0] if not module.startswith("desktop.") else ".".join(module.split(".")[:2])


# ----------------------------------------------------------------------------- report
def med(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float]) -> str:
    return f"{med(values):7.3f} s  [{min(values):.3f}-{max(values):.3f}]"


def print_stages(runs: list[Run], title: str) -> None:
    print(f"\n{title} (median over runs; 'interpreter + spawn' = parent wall - child's own clock)")
    labels = [label for label, _ in runs[0].marks]
    starts = [r.painted - r.child_painted for r in runs]
    print(f"  {'+' + format(med(starts), '.3f'):>8} s  {'interpreter start + spawn (before line 1 of the driver)'}")
    previous = [0.0] * len(runs)
    for label in labels:
        now = [dict(r.marks)[label] for r in runs]
        deltas = [n - p for n, p in zip(now, previous, strict=True)]
        print(f"  {'+' + format(med(deltas), '.3f'):>8} s  {label}")
        previous = now
    to_paint = [r.child_painted - p for r, p in zip(runs, previous, strict=True)]
    print(f"  {'+' + format(med(to_paint), '.3f'):>8} s  paint pass finished -> PAINTED")


def print_imports(rows: list[ImportRow], top: int = 15) -> None:
    total = sum(r.self_us for r in rows)
    print(f"\nImports during app start-up (-X importtime, one run; {len(rows)} modules, "
          f"{total / 1e6:.3f} s of self time, inflated by the profiler)")
    print(f"\n  Top {top} by cumulative time (a module's own import plus everything it pulled in):")
    print(f"  {'cumul ms':>9} {'self ms':>8}  {'module':<44} imported by")
    for row in sorted(rows, key=lambda r: r.cumulative_us, reverse=True)[:top]:
        print(f"  {row.cumulative_us / 1000:9.1f} {row.self_us / 1000:8.1f}  {row.module:<44} {row.parent or '(top level)'}")
    print(f"\n  Top {top} by self time:")
    for row in sorted(rows, key=lambda r: r.self_us, reverse=True)[:top]:
        print(f"  {row.self_us / 1000:9.1f} ms  {row.module:<44} imported by {row.parent or '(top level)'}")
    by_root: dict[str, list[int]] = {}
    entered_via: dict[str, list[str]] = {}
    for row in rows:
        root = root_package(row.module)
        by_root.setdefault(root, []).append(row.self_us)
        if row.parent and root_package(row.parent) != root and row.parent not in entered_via.get(root, []):
            entered_via.setdefault(root, []).append(row.parent)
    print(f"\n  Self time summed by package (top {top}), and which outside modules first pulled it in:")
    print(f"  {'self ms':>9}  {'package':<26} {'modules':>7}  entered via")
    for name, selfs in sorted(by_root.items(), key=lambda kv: sum(kv[1]), reverse=True)[:top]:
        via = ", ".join(entered_via.get(name, [])[:3]) or "(top level)"
        print(f"  {sum(selfs) / 1000:9.1f}  {name:<26} {len(selfs):7d}  {via}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs of each driver (default 7)")
    parser.add_argument("--db", type=Path, help="use this existing workspace instead of building the demo")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="qundesk-bench-startup-"))
    try:
        home = folder / "home"
        home.mkdir()
        env = child_env(home)
        if options.db:
            db, workspace = options.db.resolve(), f"given: {options.db}"
        else:
            db = folder / "demo.db"
            print("building the workspace...", flush=True)
            workspace = build_workspace(db, env)
        app_driver = write_driver(folder, "app_driver.py", APP_DRIVER)
        floor_driver = write_driver(folder, "floor_driver.py", FLOOR_DRIVER)

        # one discarded run of each: compiles .pyc files and warms the OS file cache
        first_floor = launch(floor_driver, [], env, folder / "floor.log")
        first_app = launch(app_driver, [str(db)], env, folder / "app.log")
        floors: list[Run] = []
        apps: list[Run] = []
        for i in range(options.runs):  # interleaved, so drift hits both alike
            print(f"\rrun {i + 1}/{options.runs}", end="", flush=True)
            floors.append(launch(floor_driver, [], env, folder / "floor.log"))
            apps.append(launch(app_driver, [str(db)], env, folder / "app.log"))
        print("\r", end="")
        imports = import_profile(app_driver, db, env)
    finally:
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)

    floor_paint = med([r.painted for r in floors])
    app_paint = med([r.painted for r in apps])
    app_loaded = [r.loaded for r in apps if r.loaded is not None]
    ratio = app_paint / floor_paint
    print("\nQunDesk cold start: Popen of a fresh interpreter -> first painted main window")
    print(f"python   {PYTHON} ({sys.version.split()[0]}), QT_QPA_PLATFORM=offscreen")
    print(f"workspace {workspace}")
    print(f"runs     {options.runs} of each, interleaved, after one discarded warm-up run of each "
          f"(warm-up: floor {first_floor.painted:.3f} s, app {first_app.painted:.3f} s)")
    print()
    print(f"  {'measure':<42} {'median [min-max]':>28} {'vs floor':>10}")
    print(f"  {'-' * 42} {'-' * 28} {'-' * 10}")
    print(f"  {'floor: QMainWindow + QTableView, 1st paint':<42} {spread([r.painted for r in floors]):>28} "
          f"{'1.00x':>10}")
    print(f"  {'app: first painted main window':<42} {spread([r.painted for r in apps]):>28} {ratio:9.2f}x")
    if app_loaded:
        print(f"  {'app: groups table painted with rows':<42} {spread(app_loaded):>28} "
              f"{med(app_loaded) / floor_paint:9.2f}x")
    print()
    print(f"  target: app <= 3x floor ({3 * floor_paint:.3f} s): "
          f"{'met' if ratio <= 3 else 'MISSED'} ({ratio:.2f}x)")
    print(f"  target: app < 1 s:                 {'met' if app_paint < 1 else 'MISSED'} ({app_paint:.3f} s)")

    print_stages(floors, "Where the floor's time goes")
    print_stages(apps, "Where the app's time goes")
    print_imports(imports)
    return 0


if __name__ == "__main__":
    sys.exit(main())
