"""Every UI preference: its key, type and default, declared once. Domain data lives in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from desktop.paths import user_dir

T = TypeVar("T")

LANGUAGES = ("zh_CN", "zh_TW", "en")


@dataclass(frozen=True)
class Key(Generic[T]):
    name: str
    default: T


LANGUAGE = Key("ui/language", "zh_CN")
MAIN_GEOMETRY = Key("window/geometry", QByteArray())
MAIN_STATE = Key("window/state", QByteArray())
MAIN_SPLITTER = Key("window/splitter", QByteArray())
GROUPS_SPLITTER = Key("groups/splitter", QByteArray())
GROUPS_HEADER = Key("groups/header", QByteArray())
#: a group with no message for this many days counts as 沉默 (dormant)
DORMANT_DAYS = Key("groups/dormant_days", 14)
#: the boss report's targets as JSON {figure key: value in the figure's display unit}; "" = none set
REPORT_TARGETS = Key("reports/targets", "")
#: the dashboard's targets per period preset as JSON {preset: {figure key: value}}; a custom range uses
#: REPORT_TARGETS (the boss report's), so both show the same progress for the same days
DASHBOARD_TARGETS = Key("dashboard/targets", "")
#: the dashboard's period preset last chosen (today, 7d, 30d, month)
DASHBOARD_PERIOD = Key("dashboard/period", "30d")
#: column mappings the operator corrected in the import wizard: JSON {header signature: mapping}
IMPORT_MAPPINGS = Key("import/mappings", "{}")
#: the operator's ladder-suggestion and activity-level rules (JSON, see ui/dialogs/ladder_settings.py)
LADDER_RULES = Key("members/ladder_rules", "")


class Settings:
    """Typed access to QSettings stored as an INI file in the user's data folder."""

    def __init__(self, path: str | None = None) -> None:
        location = path or str(user_dir() / "settings.ini")
        self._qs = QSettings(location, QSettings.Format.IniFormat)

    def get(self, key: Key[T]) -> T:
        value = self._qs.value(key.name, key.default)
        if value is None:
            return key.default
        if isinstance(key.default, QByteArray) and not isinstance(value, QByteArray):
            return key.default
        if isinstance(key.default, bool):
            return (value in (True, "true", "1", 1)) if not isinstance(value, bool) else value  # type: ignore[return-value]
        if isinstance(key.default, int):
            try:
                return int(value)  # type: ignore[return-value]
            except (TypeError, ValueError):
                return key.default
        return value  # type: ignore[no-any-return]

    def set(self, key: Key[T], value: T) -> None:
        self._qs.setValue(key.name, value)

    def language(self) -> str:
        lang = self.get(LANGUAGE)
        return lang if lang in LANGUAGES else LANGUAGE.default

    def sync(self) -> None:
        self._qs.sync()
