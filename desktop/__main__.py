"""Entry point: `qundesk` opens the window; `qundesk demo|info ...` run headless."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from desktop.cli import build_parser, run_command

    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.command:
        return run_command(args)
    from desktop.app import run_gui  # Qt is imported only when a window is wanted

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
