"""Argument helpers shared by the headless commands (cli.py and the cli_* modules it registers)."""

from __future__ import annotations

import argparse

from desktop.domain.reports import FIGURE_KEYS


def add_db(parser: argparse.ArgumentParser) -> None:
    """Every command takes ``--db`` (a SQLite path or a database URL)."""
    parser.add_argument("--db", metavar="PATH_OR_URL", help="SQLite 文件路径或数据库 URL (默认: 用户数据目录)")


def figure_target(text: str) -> tuple[str, float]:
    """``KEY=VALUE`` for ``--target``: a report figure and its target (yuan for money, decimals for rates)."""
    key, sep, value = text.partition("=")
    if not sep or key.strip() not in FIGURE_KEYS:
        raise argparse.ArgumentTypeError(f"应为 指标=数值，指标可选：{', '.join(FIGURE_KEYS)}")
    try:
        return key.strip(), float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"目标不是数字：{value}") from None
