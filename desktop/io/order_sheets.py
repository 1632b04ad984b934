"""The sheets a group buy sends out: the supplier order (.xlsx), one sheet per pickup point (.xlsx) and
the print-ready pickup list as HTML (turned into a PDF by desktop.ui.print_pdf, the only place Qt is).

Everything here works on DTOs from desktop.services.order_summaries; phones arrive masked. Files
appear only when complete (written next to the target, then renamed).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

from desktop.domain.errors import ValidationError
from desktop.domain.orders import PAYMENT_NAMES, PickupList, ProductSummary, yuan
from desktop.domain.reports import ColumnKind, ColumnSpec

from .export import TableWriter, atomic_target, new_workbook

#: the tick column of a pickup list: the leader ticks it on paper when the goods are handed over
TICK = "☐"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

SUPPLIER_COLUMNS = (
    ColumnSpec("商品"), ColumnSpec("规格"), ColumnSpec("数量", ColumnKind.INT), ColumnSpec("订单数", ColumnKind.INT),
    ColumnSpec("销售额", ColumnKind.MONEY), ColumnSpec("成本", ColumnKind.MONEY), ColumnSpec("毛利", ColumnKind.MONEY),
)
PICKUP_COLUMNS = (
    ColumnSpec("序号", ColumnKind.INT, 6), ColumnSpec("单号"), ColumnSpec("楼号"), ColumnSpec("房号"),
    ColumnSpec("下单人"), ColumnSpec("电话", width=14), ColumnSpec("商品", width=40), ColumnSpec("件数", ColumnKind.INT),
    ColumnSpec("金额", ColumnKind.MONEY), ColumnSpec("付款"), ColumnSpec("备注", width=24), ColumnSpec("已提货", width=8),
)


def _check_xlsx(out_path: Path | str) -> Path:
    path = Path(out_path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError(f"只能保存为 .xlsx：{path.name}", "out_path")
    if not path.parent.is_dir():
        raise ValidationError(f"文件夹不存在：{path.parent}", "out_path")
    return path


def write_supplier_sheet(title: str, products: Sequence[ProductSummary], out_path: Path | str) -> Path:
    """供货单: every product with quantity, orders, sales, cost and margin, and a totals row."""
    path = _check_xlsx(out_path)
    with atomic_target(path) as tmp:
        book = new_workbook(tmp)
        try:
            sheet = book.add_worksheet("供货单")
            bold = book.add_format({"bold": True, "font_size": 14})
            sheet.write_string(0, 0, f"{title} · 供货单", bold)
            writer = TableWriter(book)
            rows = [(p.name, p.spec, p.quantity, p.orders, p.amount_cents, p.cost_cents, p.margin_cents)
                    for p in products]
            count = writer.write(sheet, SUPPLIER_COLUMNS, rows, first_row=2)
            total_row = 3 + count
            money = book.add_format({"bold": True, "num_format": "¥#,##0.00"})
            whole = book.add_format({"bold": True, "num_format": "#,##0"})
            sheet.write_string(total_row, 0, "合计", book.add_format({"bold": True}))
            sheet.write_number(total_row, 2, sum(p.quantity for p in products), whole)
            for col, cents in ((4, sum(p.amount_cents for p in products)), (5, sum(p.cost_cents for p in products)),
                               (6, sum(p.margin_cents for p in products))):
                sheet.write_number(total_row, col, cents / 100, money)
        finally:
            book.close()
    return path


def sheet_name(name: str, used: set[str]) -> str:
    """An Excel sheet name (31 characters, none of []:*?/\\), unique within the workbook."""
    base = _SHEET_FORBIDDEN.sub(" ", name).strip().strip("'")[:31] or "自提点"
    candidate, n = base, 2
    while candidate.casefold() in used:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.casefold())
    return candidate


def write_pickup_sheets(title: str, lists: Sequence[PickupList], out_path: Path | str) -> Path:
    """One sheet per pickup point: who picks up what (phones masked), a tick column, then the totals
    the delivery to that point must carry."""
    path = _check_xlsx(out_path)
    if not lists:
        raise ValidationError("这个团购活动还没有可提货的订单", "campaign_id")
    with atomic_target(path) as tmp:
        book = new_workbook(tmp)
        try:
            writer = TableWriter(book)
            bold = book.add_format({"bold": True, "font_size": 14})
            plain_bold = book.add_format({"bold": True})
            used: set[str] = set()
            for point in lists:
                sheet = book.add_worksheet(sheet_name(point.name, used))
                sheet.write_string(0, 0, f"{title} · {point.name}", bold)
                sheet.write_string(1, 0, " ".join(t for t in (point.address, point.contact) if t))
                rows = [(n, r.number, r.building, r.room, r.buyer_name, r.phone_masked, r.items_text, r.quantity,
                         r.amount_cents, PAYMENT_NAMES[r.payment_status], r.note, TICK)
                        for n, r in enumerate(point.rows, start=1)]
                count = writer.write(sheet, PICKUP_COLUMNS, rows, first_row=3)
                at = 5 + count
                sheet.write_string(at, 0, "本点合计", plain_bold)
                for offset, (label, quantity) in enumerate(point.totals, start=1):
                    sheet.write_string(at + offset, 1, label)
                    sheet.write_number(at + offset, 2, quantity)
                sheet.set_landscape()
                sheet.fit_to_pages(1, 0)
                sheet.repeat_rows(3)
        finally:
            book.close()
    return path


_CSS = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 10pt; }
h1 { font-size: 15pt; margin: 0 0 2pt 0; }
p.meta { color: #444; margin: 0 0 6pt 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #888; padding: 3pt 4pt; vertical-align: top; }
th { background: #e8eef6; }
td.n { text-align: right; }
td.tick { text-align: center; font-size: 13pt; }
"""


def pickup_html(title: str, lists: Sequence[PickupList]) -> str:
    """The pickup lists as one printable HTML document, a page per pickup point; phones masked."""
    if not lists:
        raise ValidationError("这个团购活动还没有可提货的订单", "campaign_id")
    esc = html.escape
    parts = [f"<html><head><meta charset='utf-8'><title>{esc(title)} 提货单</title><style>{_CSS}</style></head><body>"]
    for index, point in enumerate(lists):
        breaker = " style='page-break-before: always'" if index else ""
        meta = " ".join(t for t in (point.address, point.contact) if t)
        pieces = sum(r.quantity for r in point.rows)
        parts.append(f"<h1{breaker}>{esc(title)} · {esc(point.name)} 提货单</h1>")
        parts.append(f"<p class='meta'>{esc(meta)} 共 {len(point.rows)} 单 {pieces} 件</p>")
        parts.append("<table><thead><tr>" + "".join(
            f"<th>{h}</th>" for h in ("序号", "楼号/房号", "下单人", "电话", "商品", "件数", "金额", "付款", "备注", "已提"))
            + "</tr></thead><tbody>")
        for n, row in enumerate(point.rows, start=1):
            place = " ".join(t for t in (row.building, row.room) if t)
            parts.append(
                f"<tr><td class='n'>{n}</td><td>{esc(place)}</td><td>{esc(row.buyer_name)}</td>"
                f"<td>{esc(row.phone_masked)}</td><td>{esc(row.items_text)}</td><td class='n'>{row.quantity}</td>"
                f"<td class='n'>{esc(yuan(row.amount_cents))}</td><td>{PAYMENT_NAMES[row.payment_status]}</td>"
                f"<td>{esc(row.note)}</td><td class='tick'>{TICK}</td></tr>")
        parts.append("</tbody></table>")
        if point.totals:
            totals = "、".join(f"{esc(label)} {quantity}" for label, quantity in point.totals)
            parts.append(f"<p class='meta'><b>本点合计：</b>{totals}</p>")
    parts.append("</body></html>")
    return "".join(parts)
