"""Runs the dispatcher while the window is open: every 30 s, and at once when asked.

One Dispatcher instance for the whole session, so its per-robot rate limiters remember what was sent
in the previous run. Runs never overlap: a tick that comes while a run is still sending is dropped.

A run is a writer like any other and goes to the TaskRunner's single writer: on SQLite a second
writer thread would make the window's own writes (which read, then write) fail "database is locked"
whenever a dispatcher commit slips in between. So that a robot's rate limit (20 a minute) never
holds the writer for minutes, a run stops after RUN_BUDGET_S when it would have to wait, releases
what it holds, and the next run follows a moment later, after the writes queued meanwhile.

A run also waits until no other job is running (at most MAX_WAIT_S): a few long jobs write from a
reader thread (the members' activity levels), and a dispatcher commit in the middle of one would
make its final write fail "database is locked". The run starts the moment the runner goes idle.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.domain.broadcasts import DispatchSummary
from desktop.workers.tasks import TaskContext, TaskRunner, error_message

if TYPE_CHECKING:
    from desktop.services.dispatch import Dispatcher

INTERVAL_MS = 30_000
#: longest a run may keep the writer while it waits for rate limits
RUN_BUDGET_S = 10.0
#: the pause before continuing a run that stopped at its budget
CONTINUE_MS = 1_000
#: longest a due run waits for the other jobs to finish
MAX_WAIT_S = 60.0


class DispatchScheduler(QObject):
    #: a run finished (DispatchSummary)
    finished = Signal(object)
    #: a run failed: the message to show
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, dispatcher: Dispatcher, parent: QObject | None = None,
                 interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._runner = runner
        self._dispatcher = dispatcher
        self._context: TaskContext | None = None
        self._stopped = False
        #: when a run started waiting for the runner to go idle (None: not waiting)
        self._waiting_since: float | None = None
        runner.busy_changed.connect(self._busy_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run_now)

    @property
    def running(self) -> bool:
        return self._context is not None

    def start(self) -> None:
        """Tick every 30 s from now on, and run once right away (flags interrupted sends at start-up)."""
        self._stopped = False
        self.timer.start()
        self.run_now()

    def stop(self) -> None:
        """Stop ticking and ask a running send to stop after its current request (window closing)."""
        self._stopped = True
        self.timer.stop()
        if self._context is not None:
            self._context.cancel.cancel()

    def run_now(self) -> bool:
        """Start a run (as soon as the runner is idle) unless one is going; False when one was already
        running or waiting (or we are stopped)."""
        if self._stopped or self._context is not None:
            return False
        if self._runner.active_count:
            if self._waiting_since is None:
                self._waiting_since = time.monotonic()
                return True
            if time.monotonic() - self._waiting_since < MAX_WAIT_S:
                return False
        self._waiting_since = None
        dispatcher = self._dispatcher

        def run(ctx: TaskContext) -> DispatchSummary:
            budget = threading.Timer(RUN_BUDGET_S, ctx.cancel.cancel)
            budget.daemon = True
            budget.start()
            try:
                return dispatcher.run(progress=ctx.progress, cancel=ctx.cancel)
            finally:
                budget.cancel()

        self._context = self._runner.run(run, changes="deliveries", on_done=self._done, on_error=self._failed,
                                         owner=self)
        return True

    def _busy_changed(self, busy: bool) -> None:
        if not busy and self._waiting_since is not None:
            self.run_now()

    def _done(self, summary: DispatchSummary) -> None:
        self._context = None
        if summary.cancelled and not self._stopped:  # stopped at its budget: carry on after the queued writes
            QTimer.singleShot(CONTINUE_MS, self, self.run_now)
        self.finished.emit(summary)

    def _failed(self, exc: BaseException) -> None:
        self._context = None
        self.failed.emit(error_message(exc))
