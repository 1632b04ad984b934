"""Holding back Python's full garbage collections during bulk work (stdlib only, no Qt).

Shared by the UI's TaskRunner (desktop.workers.tasks re-exports it) and the services that build
large batches of short-lived rows (imports), so the headless CLI gets the same relief as the GUI.
"""

from __future__ import annotations

import gc
import threading


class _FullCollectionsHeld:
    """Holds back Python's full garbage collections while jobs run (re-entrant across threads).

    A full collection walks every tracked object and holds the GIL from start to end. A job that
    builds 100,000 rows of dicts and tuples (an import) triggers one every few hundred
    milliseconds, each of 150-500 ms, and the UI thread is frozen for all of it (a 5 ms timer on
    the UI thread measured gaps of up to 530 ms, each one a gen-2 collection on the worker; see
    tests/benchmarks/bench_import_gui_stall.py). Young collections (generations 0 and 1) still run
    as before and take cyclic garbage that dies young; what survives them waits for the next full
    collection, which runs as usual once no job is running. Only the oldest generation's threshold
    is raised, and it is put back when the last job ends."""

    HELD = 1 << 30

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._saved: tuple[int, int, int] | None = None

    def __enter__(self) -> None:
        with self._lock:
            self._running += 1
            if self._running == 1:
                self._saved = gc.get_threshold()
                young, middle, _oldest = self._saved
                gc.set_threshold(young, middle, self.HELD)

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            self._running -= 1
            if self._running == 0 and self._saved is not None:
                young, middle, oldest = self._saved
                if gc.get_threshold() == (young, middle, self.HELD):  # nobody changed it meanwhile
                    gc.set_threshold(young, middle, oldest)
                self._saved = None

    def hold(self) -> None:
        """Hold full collections until ``release`` (for UI work that spans several event-loop turns,
        such as a page drawing its charts one per turn: a held-back collection landing in the middle
        froze the first paint for ~100 ms). Every ``hold`` needs exactly one ``release``."""
        self.__enter__()

    def release(self) -> None:
        self.__exit__(None, None, None)


_full_collections_held = _FullCollectionsHeld()
#: the one holder shared by the runner's jobs, the UI's own long drawing and the import service
full_collections = _full_collections_held


class _CollectionsPaused:
    """Pauses Python's automatic garbage collection altogether while bulk work builds and drops its
    rows (re-entrant across threads; collection resumes when the last holder leaves, unless it was
    already off).

    An import makes about ten containers per row (tuples, lists, row results) that reference
    counting frees as soon as they are used; young collections would still scan every one of them
    once, 3% of a 20,000-line order import (tests/benchmarks/bench_orders.py). Nothing an import
    builds forms reference cycles, so nothing waits for a collection meanwhile; what survives is
    scanned once, by the first young collection after the import."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._was_enabled = False

    def __enter__(self) -> None:
        with self._lock:
            self._running += 1
            if self._running == 1:
                self._was_enabled = gc.isenabled()
                gc.disable()

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            self._running -= 1
            if self._running == 0 and self._was_enabled:
                gc.enable()


#: held by the import service around an import's reading, planning and writing
collections_paused = _CollectionsPaused()
