"""A fake clock for schedules, leases and rate limits: wall time and monotonic time move together.

``sleep`` advances both instantly, so a dispatcher that waits a minute for a rate limit finishes
in microseconds, while a loopback server given ``monotonic`` sees the same minute go by.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self._wall = start
        self._mono = 1000.0
        self._lock = threading.Lock()
        self.slept = 0.0

    def now(self) -> datetime:
        with self._lock:
            return self._wall

    def monotonic(self) -> float:
        with self._lock:
            return self._mono

    def sleep(self, seconds: float) -> None:
        self.advance(max(0.0, seconds))
        self.slept += max(0.0, seconds)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._wall += timedelta(seconds=seconds)
            self._mono += seconds

    def set_wall(self, moment: datetime) -> None:
        """Jump the wall clock (forwards or back); monotonic time is unaffected, as on a real machine."""
        with self._lock:
            self._wall = moment
