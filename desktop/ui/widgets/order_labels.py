"""Words and small helpers shared by the group-buy (团购) page, its tabs and dialogs.

Status names live in desktop.ui.labels with every other enum's. ``parse_items``
reads what the operator types for an order's lines, "脐橙×2 苹果 x1", against the campaign's products.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from desktop.domain.errors import ValidationError
from desktop.domain.orders import OrderItemDraft, ProductDTO, check_quantity


def _t(text: str) -> str:
    return QCoreApplication.translate("GroupBuy", text)


def money(cents: int | None) -> str:
    """¥1,234.50 from 123450; blank for None."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    return f"{sign}¥{whole:,}.{part:02d}"


def plain_money(cents: int) -> str:
    """12.5 -> "12.50" for an editable cell."""
    whole, part = divmod(int(cents), 100)
    return f"{whole}.{part:02d}"


def when(moment: datetime | None) -> str:
    return moment.strftime("%m-%d %H:%M") if moment else ""


_ITEM = re.compile(r"^(.*?)\s*(?:[x×*✕]\s*(-?\d+)|(-?\d+)\s*(?:份|个|盒|斤|袋|箱|件)?)?$")
_SEPARATORS = re.compile(r"[、,，;；\n]+")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").lower()


def match_product(name: str, products: Sequence[ProductDTO]) -> ProductDTO | None:
    """The product a typed name means: its label or name exactly, else the only one whose label has it."""
    typed = _fold(name)
    if not typed:
        return None
    for product in products:
        if typed in (_fold(product.label), _fold(product.name)):
            return product
    hits = [p for p in products if typed in _fold(p.label)]
    return hits[0] if len(hits) == 1 else None


def _item(candidate: str, products: Sequence[ProductDTO]) -> tuple[ProductDTO, int] | None:
    exact = match_product(candidate, products)
    if exact is not None and _fold(candidate) in (_fold(exact.label), _fold(exact.name)):
        return exact, 1  # "脐橙 5斤" is the product, not five of it
    match = _ITEM.match(candidate)
    if not match:
        return None
    product = match_product(match.group(1), products)
    if product is None:
        return None
    number = match.group(2) or match.group(3)
    return product, int(number) if number is not None else 1


def parse_items(text: str, products: Sequence[ProductDTO]) -> tuple[OrderItemDraft, ...]:
    """"脐橙×2 苹果 1、梨" -> order lines; a ValidationError (field "items") names the part not understood.
    Words are joined greedily, so a label with a space ("脐橙 5斤×2") is one item."""
    items: dict[int, int] = {}
    parts = [p.strip() for p in _SEPARATORS.split(unicodedata.normalize("NFKC", text or "")) if p.strip()]
    if not parts:
        raise ValidationError(_t("请填写商品和数量, 例如“脐橙×2”"), "items")
    for part in parts:
        words = part.split()
        start = 0
        while start < len(words):
            for end in range(len(words), start, -1):
                found = _item(" ".join(words[start:end]), products)
                if found is not None:
                    break
            else:
                raise ValidationError(_t("不认识的商品“{0}”; 可选: {1}").format(
                    words[start], "、".join(p.label for p in products[:8])), "items")
            product, quantity = found
            try:
                check_quantity(quantity, product.label)
            except ValidationError:
                raise ValidationError(_t("“{0}”的数量必须大于 0").format(product.label), "items") from None
            items[product.id] = items.get(product.id, 0) + quantity
            start = end
    return tuple(OrderItemDraft(pid, q) for pid, q in items.items())

