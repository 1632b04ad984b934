"""Headless commands, sharing the services the window uses. Errors are one line on stderr."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from desktop import APP_DISPLAY_NAME, __version__
from desktop.domain.errors import DatabaseOpenError, QunDeskError


def database_target(db_arg: str | None) -> tuple[str, bool]:
    """The database to open and whether its folder may be created (only the default one)."""
    if db_arg:
        return db_arg, False
    env = os.environ.get("QUNDESK_DB")
    if env:
        return env, False
    from desktop.paths import default_database_path

    return str(default_database_path()), True


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH_OR_URL", help="SQLite 文件路径或数据库 URL (默认: 用户数据目录)")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("必须是正整数")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qundesk", description=f"{APP_DISPLAY_NAME} QunDesk {__version__}")
    parser.add_argument("--version", action="version", version=f"QunDesk {__version__}")
    _add_db(parser)
    parser.add_argument("--demo", action="store_true", help="工作区为空时先生成演示数据再打开窗口")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="生成演示工作区 (确定性, 可复现)")
    _add_db(demo)
    demo.add_argument("--groups", type=_positive, default=300)
    demo.add_argument("--members", type=_positive, default=20_000)
    demo.add_argument("--days", type=_positive, default=180)
    demo.add_argument("--seed", type=int, default=0)

    info = sub.add_parser("info", help="结构版本、各表行数和完整性检查")
    _add_db(info)
    info.add_argument("--json", action="store_true", help="输出 JSON")
    return parser


def _progress_printer():  # type: ignore[no-untyped-def]
    last = [0.0]

    def report(done: int, total: int, message: str) -> None:
        now = time.monotonic()
        if now - last[0] < 0.5 and done < total:
            return
        last[0] = now
        percent = 100 * done // total if total else 100
        print(f"\r{percent:3d}% {message}", end="", file=sys.stderr, flush=True)

    return report


def run_command(args: argparse.Namespace) -> int:
    from desktop.store.engine import open_database

    target, create = database_target(args.db)
    try:
        db = open_database(target, create_folder=create)
    except DatabaseOpenError as exc:
        print(f"qundesk: {exc}", file=sys.stderr)
        return 2
    try:
        if args.command == "demo":
            return _demo(db, args)
        if args.command == "info":
            return _info(db, args)
        raise AssertionError(args.command)
    except QunDeskError as exc:
        print(f"\nqundesk: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()


def _demo(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from desktop.services.demo import build_demo

    summary = build_demo(
        db, groups=args.groups, members=args.members, days=args.days, seed=args.seed,
        progress=_progress_printer(),
    )
    rows = sum(summary.counts.values())
    print(file=sys.stderr)
    print(f"演示工作区已生成: {db.display_name}")
    for table, count in summary.counts.items():
        print(f"  {table:<24}{count:>12,}")
    print(f"共 {rows:,} 行, 用时 {summary.seconds:.1f} 秒 ({rows / max(summary.seconds, 1e-9):,.0f} 行/秒)")
    return 0


def _info(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from desktop.services.workspace import WorkspaceService

    info = WorkspaceService(db).info()
    if args.json:
        print(json.dumps({
            "database": info.url,
            "schema_version": info.schema_version,
            "head_version": info.head_version,
            "counts": info.counts,
            "quick_check": info.quick_check,
        }, ensure_ascii=False, indent=2))
    else:
        print(f"数据库:   {info.url}")
        print(f"结构版本: {info.schema_version} (最新 {info.head_version})")
        print(f"完整性:   {info.quick_check}")
        for table, count in info.counts.items():
            print(f"  {table:<24}{count:>12,}")
    return 0 if info.quick_check.startswith("ok") else 3
