"""Headless commands, sharing the services the window uses. Errors are one line on stderr."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from desktop import APP_DISPLAY_NAME, __version__, cli_export
from desktop.cli_args import add_db
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


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("必须是正整数")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qundesk", description=f"{APP_DISPLAY_NAME} QunDesk {__version__}")
    parser.add_argument("--version", action="version", version=f"QunDesk {__version__}")
    add_db(parser)
    parser.add_argument("--demo", action="store_true", help="工作区为空时先生成演示数据再打开窗口")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="生成演示工作区 (确定性, 可复现)")
    add_db(demo)
    demo.add_argument("--groups", type=_positive, default=300)
    demo.add_argument("--members", type=_positive, default=20_000)
    demo.add_argument("--days", type=_positive, default=180)
    demo.add_argument("--seed", type=int, default=0)

    info = sub.add_parser("info", help="结构版本、各表行数和完整性检查")
    add_db(info)
    info.add_argument("--json", action="store_true", help="输出 JSON")

    imp = sub.add_parser("import", help="从 Excel/CSV/聊天记录导入; 也可撤销 (--undo) 或查看历史 (--history)")
    add_db(imp)
    imp.add_argument("file", nargs="?", metavar="FILE", help=".xlsx / .xlsm / .csv 文件")
    imp.add_argument("--kind", choices=IMPORT_KINDS, help="导入什么: " + ", ".join(IMPORT_KINDS))
    imp.add_argument("--sheet", metavar="NAME", help="工作表名 (默认第一个)")
    imp.add_argument("--policy", choices=("insert", "update", "skip"), default="skip",
                     help="已有记录: insert=报失败, update=更新, skip=跳过 (默认)")
    imp.add_argument("--messages", action="store_true", help="聊天记录: 同时保存消息内容为互动记录")
    imp.add_argument("--strict", action="store_true", help="有任何无法识别的单元格就整个文件不导入")
    imp.add_argument("--yes", "-y", action="store_true", help="不询问, 直接导入")
    imp.add_argument("--report", metavar="OUT.xlsx", help="把逐行结果写成 Excel 报告")
    imp.add_argument("--undo", type=_positive, metavar="BATCH_ID", help="撤销一次导入")
    imp.add_argument("--history", action="store_true", help="列出导入历史")
    cli_export.add_commands(sub)
    from desktop import cli_kpi

    cli_kpi.add_commands(sub)
    from desktop import cli_orders

    cli_orders.add_commands(sub)
    cli_orders.add_campaign_argument(imp)
    from desktop import cli_broadcast

    cli_broadcast.add_commands(sub)
    return parser


#: what ``qundesk import --kind`` accepts (chat = a WeChat chat-history export)
IMPORT_KINDS = ("groups", "members", "interactions", "day_stats", "orders", "chat")
#: rows with problems listed in the preview before asking
PREVIEW_PROBLEMS = 10


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
        if args.command == "import":
            return _import(db, args)
        if (code := cli_export.run(db, args)) is not None:
            return code
        from desktop import cli_kpi

        if (code := cli_kpi.run(db, args)) is not None:
            return code
        from desktop import cli_orders

        if (code := cli_orders.run(db, args)) is not None:
            return code
        from desktop import cli_broadcast

        if (code := cli_broadcast.run(db, args)) is not None:
            return code
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


def _import(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from desktop.services.imports import ImportService

    service = ImportService(db)
    if args.history:
        return _import_history(service)
    if args.undo is not None:
        batch = service.undo(args.undo)
        print(f"已撤销导入批次 #{batch.id} ({batch.source_name}): 删除新增 {batch.inserted} 行, 还原更新 {batch.updated} 行")
        return 0
    if not args.file or not args.kind:
        print("qundesk: 请指定文件和 --kind (或使用 --undo / --history)", file=sys.stderr)
        return 2
    return _import_file(service, args)


def _import_file(service, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from desktop.domain.imports import BatchKind, ImportPolicy, RowOutcome

    kind = BatchKind.CHAT_EXPORT if args.kind == "chat" else BatchKind(args.kind)
    policy = ImportPolicy(args.policy)
    preview = service.preview(args.file, kind, sheet=args.sheet, policy=policy, include_messages=args.messages,
                              progress=_progress_printer(), campaign_id=getattr(args, "campaign", None))
    print(file=sys.stderr)
    print(f"{preview.source_name} [{preview.sheet_name}]: 新增 {preview.inserted}, 更新 {preview.updated}, "
          f"跳过 {preview.skipped}, 失败 {preview.failed}")
    for result in [r for r in preview.results if r.outcome is RowOutcome.FAILED][:PREVIEW_PROBLEMS]:
        print(f"  第 {result.row} 行 {result.key}: {result.reason}")
    if not args.yes:
        print("继续导入? [y/N] ", end="", flush=True)
        answer = sys.stdin.readline().strip().lower()
        if answer not in ("y", "yes", "是"):
            print("已取消, 未写入任何数据")
            return 1
    report = service.commit(preview, kind, policy, strict=args.strict, progress=_progress_printer())
    print(file=sys.stderr)
    print(f"已导入 (批次 #{report.batch_id}): 新增 {report.inserted}, 更新 {report.updated}, "
          f"跳过 {report.skipped}, 失败 {report.failed}, 用时 {report.seconds:.1f} 秒")
    if args.report:
        from pathlib import Path

        from desktop.io.import_report import write_import_report

        print(f"报告: {write_import_report(report, Path(args.report))}")
    return 0


def _import_history(service) -> int:  # type: ignore[no-untyped-def]
    batches = service.history()
    if not batches:
        print("还没有导入过")
    for b in batches:
        print(f"#{b.id:<5} {b.created_at:%Y-%m-%d %H:%M}  {b.kind.value:<12} {b.status:<7} "
              f"新增 {b.inserted} 更新 {b.updated} 跳过 {b.skipped} 失败 {b.failed}  {b.source_name}")
    return 0
