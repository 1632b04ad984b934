"""Errors the services raise; each carries a message fit to show the user."""

from __future__ import annotations


class QunDeskError(Exception):
    """Base of every error the app explains to the user instead of showing a traceback."""


class ValidationError(QunDeskError):
    """Input the user typed or imported does not make sense; ``field`` names the culprit."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(QunDeskError):
    pass


class DatabaseOpenError(QunDeskError):
    """The database cannot be opened: missing folder, not writable, damaged, newer, locked."""


class ImportFileError(QunDeskError):
    """A file cannot be read as a sheet: missing, empty, damaged, encrypted or not a spreadsheet."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.path = path
