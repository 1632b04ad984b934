"""The one place that knows where files live: user data, bundled resources and data.

Works from a checkout (resources/ beside desktop/), from an installed wheel (pyproject maps
resources/ and data/ into the package) and from a PyInstaller bundle (sys._MEIPASS).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

from desktop import APP_NAME

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / name)
    candidates += [_PACKAGE_DIR.parent / name, _PACKAGE_DIR / name]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def resources_dir() -> Path:
    return _bundled("resources")


def data_dir() -> Path:
    """Shipped data: import templates, demo word lists, the column-alias table."""
    return _bundled("data")


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / name


def user_dir() -> Path:
    """Per-user data folder; QUNDESK_HOME overrides it (tests, portable installs)."""
    override = os.environ.get("QUNDESK_HOME")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    return user_dir() / "qundesk.db"
