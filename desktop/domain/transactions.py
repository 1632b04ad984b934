"""Whether database transactions started in this context take the write lock at once.

SQLite starts a plain ``BEGIN`` transaction as a reader and upgrades it at its first write. In WAL
mode that upgrade fails at once with "database is locked" (SQLITE_BUSY_SNAPSHOT, no busy wait) when
another connection committed since the transaction's first read: its snapshot is stale. QunDesk
writes from the single writer thread and, for a few long jobs that must not hold the writer (the
activity-level refresh), from a reader thread; either side's read-then-write transaction could hit a
commit of the other. A transaction that will write therefore begins with ``BEGIN IMMEDIATE``: it
waits for the write lock (busy_timeout) before reading anything.

The task runner sets ``begin_immediately`` for the jobs it runs on the writer, so the services need
not know which thread calls them; a job elsewhere asks explicitly (``Database.transaction(immediate=
True)``).
"""

from __future__ import annotations

from contextvars import ContextVar

#: transactions begun in this context (thread, task) take the write lock at once (SQLite only)
begin_immediately: ContextVar[bool] = ContextVar("begin_immediately", default=False)
