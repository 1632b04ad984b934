"""Headless group-buy commands: ``campaign list``, ``pickup-pdf`` and the ``supplier`` / ``pickup`` kinds of
``export`` (cli_export dispatches those here).

cli.py wires this module like cli_export: ``cli_orders.add_commands(sub)`` in build_parser and
``cli_orders.run(db, args)`` (returning it unless None) in run_command.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop.cli_args import add_db
from desktop.domain.errors import ValidationError

#: export kinds this module writes (cli_export lists them among its own)
SHEET_KINDS = ("supplier", "pickup")


def add_campaign_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--campaign", type=int, metavar="ID", help="团购活动编号 (默认: 最新的一个; 见 campaign list)")


def add_commands(sub: Any) -> None:
    """Register ``campaign`` and ``pickup-pdf`` on the parser's sub-parsers action."""
    campaign = sub.add_parser("campaign", help="团购活动: campaign list 列出活动及其订单数、金额")
    add_db(campaign)
    actions = campaign.add_subparsers(dest="campaign_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="列出团购活动 (最新在前)")
    add_db(listing)

    pdf = sub.add_parser("pickup-pdf", help="把各自提点的提货单打印成 PDF (手机号打码, 每个自提点一页起)")
    add_db(pdf)
    add_campaign_argument(pdf)
    pdf.add_argument("--out", required=True, metavar="FILE.pdf", help="输出文件 (.pdf)")


def run(db: Any, args: argparse.Namespace) -> int | None:
    """Run ``campaign`` or ``pickup-pdf``; None for any other command."""
    if args.command == "campaign":
        return _campaign_list(db)
    if args.command == "pickup-pdf":
        return _pickup_pdf(db, args)
    return None


def campaign_id(db: Any, given: int | None) -> int:
    """The campaign asked for, else the newest one."""
    from desktop.services.orders import OrderService

    if given is not None:
        return given
    rows = OrderService(db).campaigns()
    if not rows:
        raise ValidationError("还没有团购活动；请先在群管家中创建，或用 import --kind orders 导入订单")
    print(f"未指定 --campaign，使用最新的活动 #{rows[0].id}“{rows[0].title}”", file=sys.stderr)
    return rows[0].id


def _campaign_list(db: Any) -> int:
    from desktop.domain.orders import CAMPAIGN_STATUS_NAMES, yuan
    from desktop.services.orders import OrderService

    rows = OrderService(db).campaigns()
    if not rows:
        print("还没有团购活动")
    for c in rows:
        cutoff = f"截单 {c.cutoff_at:%m-%d %H:%M}" if c.cutoff_at else ""
        print(f"#{c.id:<5} {CAMPAIGN_STATUS_NAMES[c.status]:<4} {c.title}  团长 {c.leader or '-'}  "
              f"{c.orders} 单 {c.buyers} 人 {yuan(c.amount_cents)} {cutoff}".rstrip())
    return 0


def export_sheet(db: Any, args: argparse.Namespace) -> int:
    """``export --kind supplier|pickup``: the supplier order or one sheet per pickup point (.xlsx)."""
    from desktop.io.order_sheets import write_pickup_sheets, write_supplier_sheet
    from desktop.services.order_summaries import OrderSummaryService

    service = OrderSummaryService(db)
    cid = campaign_id(db, getattr(args, "campaign", None))
    title = service.campaign_title(cid)
    if args.kind == "supplier":
        products = service.products(cid)
        path = write_supplier_sheet(title, products, args.out)
        print(f"供货单已保存: {path} ({len(products)} 个商品, 共 {sum(p.quantity for p in products)} 件)")
    else:
        lists = service.pickup_lists(cid)
        path = write_pickup_sheets(title, lists, args.out)
        print(f"提货单已保存: {path} ({len(lists)} 个自提点, {sum(len(p.rows) for p in lists)} 单, 手机号已打码)")
    return 0


def _pickup_pdf(db: Any, args: argparse.Namespace) -> int:
    from desktop.io.order_sheets import pickup_html
    from desktop.services.order_summaries import OrderSummaryService

    service = OrderSummaryService(db)
    cid = campaign_id(db, args.campaign)
    lists = service.pickup_lists(cid)
    document = pickup_html(service.campaign_title(cid), lists)
    from desktop.ui.print_pdf import html_to_pdf  # Qt only for this command

    path = html_to_pdf(document, args.out)
    print(f"提货单 PDF 已保存: {path} ({len(lists)} 个自提点, {sum(len(p.rows) for p in lists)} 单, 手机号已打码)")
    return 0
