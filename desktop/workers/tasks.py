"""One background-task API for the whole UI.

* ``TaskRunner.run(fn, ...)`` runs ``fn(ctx)`` on a pool thread; ``ctx.progress(done, total, msg)``
  reports progress and ``ctx.cancel`` is the CancelToken the job polls.
* Writes (``changes=...``) go through a single-thread pool, so they are serialised.
* Success calls ``on_done(result)`` on the UI thread; then, for writes, ``data_changed(kind, ids)``.
* Errors: a QunDeskError is shown as its own message; anything else as a short message while the
  traceback goes to the log. Never a traceback dialog. Cancelled jobs end quietly.
* A progress dialog with a Cancel button appears only for jobs given a title that run > 600 ms;
  ``on_progress(done, total, message)`` receives progress on the UI thread for inline displays.
* While any job runs, Python's full (oldest-generation) garbage collections are held back; see
  ``desktop.domain.gc_hold``.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop.domain.errors import QunDeskError
from desktop.domain.gc_hold import _full_collections_held as _full_collections_held
from desktop.domain.gc_hold import _FullCollectionsHeld as _FullCollectionsHeld
from desktop.domain.gc_hold import full_collections as full_collections
from desktop.domain.progress import Cancelled, CancelToken
from desktop.domain.transactions import begin_immediately

log = logging.getLogger(__name__)
# _FullCollectionsHeld, _full_collections_held and full_collections live in the Qt-free
# desktop.domain.gc_hold (the import service holds them too) and are re-exported from here

PROGRESS_DELAY_MS = 600


@dataclass
class TaskContext:
    cancel: CancelToken = field(default_factory=CancelToken)
    _emit: Callable[[int, int, str], None] | None = None

    def progress(self, done: int, total: int, message: str = "") -> None:
        if self._emit is not None:
            self._emit(done, total, message)




class _Signals(QObject):
    finished = Signal(int, object)
    failed = Signal(int, object, str)
    progress = Signal(int, int, int, str)


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[TaskContext], Any], ctx: TaskContext, signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it until its result has been delivered
        self.job_id = job_id
        self.fn = fn
        self.ctx = ctx
        # one signals object owned by the runner, not one per job: a per-job QObject was seen
        # deleted under a running job (its result then never arrived)
        self.signals = signals
        ctx._emit = lambda done, total, message: self.signals.progress.emit(job_id, done, total, message)
        #: runs on the single writer: its transactions take SQLite's write lock before reading
        self.on_writer = False

    def run(self) -> None:
        try:
            try:
                token = begin_immediately.set(self.on_writer)
                try:
                    with _full_collections_held:
                        result = self.fn(self.ctx)
                finally:
                    begin_immediately.reset(token)
            except BaseException as exc:  # reported to the UI thread, never lost
                self.signals.failed.emit(self.job_id, exc, traceback.format_exc())
            else:
                self.signals.finished.emit(self.job_id, result)
        except RuntimeError:  # the window (and its runner) went away while this job ran: nobody to tell
            log.info("task %s finished after its runner was deleted", self.job_id)


def error_message(exc: BaseException) -> str:
    if isinstance(exc, QunDeskError):
        return str(exc)
    return f"操作没有完成: {type(exc).__name__}: {exc}\n详细信息已写入日志。"


@dataclass
class _Pending:
    job: _Job
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    changes: str | None
    changed_ids: Callable[[Any], Sequence[int]] | None
    parent: QWidget | None
    dialog: QProgressDialog | None
    orphaned: bool = False
    on_progress: Callable[[int, int, str], None] | None = None


class TaskRunner(QObject):
    """Owned by the main window; pages receive it and never start threads of their own."""

    data_changed = Signal(str, list)  # kind ("groups", "members", ...), ids ([] = many or unknown)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(2)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)  # one writer: SQLite allows no more, and order matters
        self._pending: dict[int, _Pending] = {}
        self._next_id = 0
        self._signals = _Signals(self)
        self._signals.finished.connect(self._job_finished)
        self._signals.failed.connect(self._job_failed)
        self._signals.progress.connect(self._job_progress)

    @property
    def active_count(self) -> int:
        return len(self._pending)

    def run(
        self,
        fn: Callable[[TaskContext], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        changes: str | None = None,
        changed_ids: Callable[[Any], Sequence[int]] | None = None,
        title: str | None = None,
        parent: QWidget | None = None,
        write: bool | None = None,
        owner: QObject | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> TaskContext:
        """Run ``fn(ctx)`` off the UI thread; ``changes`` marks a write of that kind of data.

        Writes go to the single writer; ``write=True`` sends a job there that announces its own
        changes (or none) instead of a blanket ``data_changed``. When ``owner`` (default: ``parent``)
        is destroyed first, say a dialog the operator closed, the job still finishes but its
        callbacks are dropped: they would reach widgets that no longer exist."""
        self._next_id += 1
        ctx = TaskContext()
        job = _Job(self._next_id, fn, ctx, self._signals)
        dialog = self._progress_dialog(title, parent, job) if title else None
        self._pending[job.job_id] = _Pending(job, on_done, on_error, changes, changed_ids, parent, dialog,
                                             on_progress=on_progress)
        owner = owner or parent
        if owner is not None:
            owner.destroyed.connect(lambda *_args, job_id=job.job_id: self._orphan(job_id))
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        is_write = bool(changes) if write is None else write
        job.on_writer = is_write
        (self._writes if is_write else self._reads).start(job)
        return ctx

    def cancel_all(self) -> None:
        for pending in self._pending.values():
            pending.job.ctx.cancel.cancel()

    def _orphan(self, job_id: int) -> None:
        pending = self._pending.get(job_id)
        if pending is not None:
            pending.on_done = pending.on_error = pending.on_progress = None
            pending.parent = pending.dialog = None  # deleted with the owner
            pending.orphaned = True

    def _take(self, job_id: int) -> _Pending | None:
        pending = self._pending.pop(job_id, None)
        if pending is not None and pending.dialog is not None:
            pending.dialog.close()
            pending.dialog.deleteLater()
        if not self._pending:
            self.busy_changed.emit(False)
        return pending

    @Slot(int, object)
    def _job_finished(self, job_id: int, result: Any) -> None:
        pending = self._take(job_id)
        if pending is None:
            return
        if pending.on_done is not None:
            pending.on_done(result)
        if pending.changes:
            ids = list(pending.changed_ids(result)) if pending.changed_ids else []
            self.data_changed.emit(pending.changes, ids)

    @Slot(int, int, int, str)
    def _job_progress(self, job_id: int, done: int, total: int, message: str) -> None:
        pending = self._pending.get(job_id)
        if pending is not None and pending.on_progress is not None:
            pending.on_progress(done, total, message)
        if pending is None or pending.dialog is None:
            return
        pending.dialog.setMaximum(max(total, 0))
        pending.dialog.setValue(min(done, total) if total else 0)
        if message:
            pending.dialog.setLabelText(message)

    @Slot(int, object, str)
    def _job_failed(self, job_id: int, exc: BaseException, trace: str) -> None:
        pending = self._take(job_id)
        if pending is None or isinstance(exc, Cancelled):
            return
        if not isinstance(exc, QunDeskError):
            log.error("background task failed:\n%s", trace)
        if pending.on_error is not None:
            pending.on_error(exc)
        elif not pending.orphaned:
            QMessageBox.warning(pending.parent, self.tr("操作失败"), error_message(exc))

    def _progress_dialog(self, title: str, parent: QWidget | None, job: _Job) -> QProgressDialog:
        dialog = QProgressDialog(title, self.tr("取消"), 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)  # quick jobs never flash a dialog
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(job.ctx.cancel.cancel)
        return dialog

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """Block until the pools are idle (shutdown and tests); signals still need the event loop."""
        return self._reads.waitForDone(msecs) and self._writes.waitForDone(msecs)
