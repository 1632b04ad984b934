"""Small helpers shared by the broadcast tests: groups written straight into the store."""

from __future__ import annotations

from datetime import datetime

from desktop.store.engine import Database
from desktop.store.models import Group


def add_groups(db: Database, names: list[str], created_at: datetime, owner: str = "王姐") -> list[int]:
    with db.transaction() as session:
        rows = [Group(name=n, owner=owner, search_key=n.lower(), created_at=created_at, updated_at=created_at)
                for n in names]
        session.add_all(rows)
        session.flush()
        return [g.id for g in rows]


def rename_group(db: Database, group_id: int, name: str) -> None:
    with db.transaction() as session:
        group = session.get(Group, group_id)
        assert group is not None
        group.name, group.search_key = name, name.lower()
