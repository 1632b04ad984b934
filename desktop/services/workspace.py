"""The workspace as a whole: what is in it, is it healthy, is it empty."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, text

from desktop.domain.enums import GroupStatus
from desktop.domain.groups import WorkspaceInfo
from desktop.store.engine import Database, current_revision, head_revision
from desktop.store.models import ENTITY_TABLES, Group, Member


class WorkspaceService:
    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def display_name(self) -> str:
        return self._db.display_name

    def counts(self) -> tuple[int, int]:
        """(groups that are not archived, members) for the status bar."""
        with self._db.transaction() as session:
            groups = session.scalar(select(func.count()).select_from(Group).where(Group.status != GroupStatus.ARCHIVED))
            members = session.scalar(select(func.count()).select_from(Member))
            return int(groups or 0), int(members or 0)

    def is_empty(self) -> bool:
        with self._db.transaction() as session:
            return session.scalar(select(Group.id).limit(1)) is None and (
                session.scalar(select(Member.id).limit(1)) is None
            )

    def build_demo(self, **options: Any) -> Any:
        """Fill an empty workspace with the demo data (see desktop.services.demo.build_demo)."""
        from .demo import build_demo

        return build_demo(self._db, **options)

    def info(self, *, check: bool = True) -> WorkspaceInfo:
        with self._db.transaction() as session:
            counts = {
                table.__tablename__: int(session.scalar(select(func.count()).select_from(table)) or 0)
                for table in ENTITY_TABLES
            }
            if not check:
                quick = "skipped"
            elif self._db.is_sqlite:
                quick = "; ".join(row[0] for row in session.execute(text("PRAGMA quick_check")))
            else:
                quick = "ok (not SQLite: the server checks its own pages)"
        return WorkspaceInfo(
            url=self._db.display_name,
            schema_version=current_revision(self._db),
            head_version=head_revision(),
            counts=counts,
            quick_check=quick,
        )
