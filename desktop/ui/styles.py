"""The few style sheets the widgets share: red for what is wrong, orange for a warning."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

#: what is wrong (a refused save, a line's problems), and what warns without refusing
ERROR_COLOR = "#c62828"
WARN_COLOR = "#e65100"
ERROR_STYLE = f"color: {ERROR_COLOR};"
WARN_STYLE = f"color: {WARN_COLOR};"
#: the frame of a field whose content is refused
INVALID_STYLE = f"border: 1px solid {ERROR_COLOR};"


def error_label(name: str = "", *, wrap: bool = True) -> QLabel:
    """An empty red label where a form says what is wrong."""
    label = QLabel()
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setStyleSheet(ERROR_STYLE)
    return label
