"""How long jobs report progress and learn they should stop, the same in the GUI, CLI and tests."""

from __future__ import annotations

import threading
from collections.abc import Callable

from .errors import QunDeskError

#: progress(done, total, message)
ProgressFn = Callable[[int, int, str], None]


class Cancelled(QunDeskError):
    """The user cancelled; whatever the job wrote in its transaction has been rolled back."""

    def __init__(self) -> None:
        super().__init__("已取消")


class CancelToken:
    """Set from the UI thread, polled by the job between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()
