"""Lifecycle in the window: ended short-term groups archived in one go, silent groups marked 沉默."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import update

from desktop import settings as keys
from desktop.domain.enums import GroupStatus, Lifespan
from desktop.domain.groups import GroupDraft
from desktop.services.groups import GroupService
from desktop.store.engine import open_database
from desktop.store.models import Group

from .conftest import wait_loaded


@pytest.fixture
def mixed_path(db_path: Path) -> Path:
    db = open_database(db_path)
    service = GroupService(db)
    today = date.today()
    service.create(GroupDraft(name="双11快闪群", lifespan=Lifespan.SHORT, start_date=today - timedelta(days=30),
                              end_date=today - timedelta(days=2)))
    service.create(GroupDraft(name="双12秒杀群", lifespan=Lifespan.SHORT, start_date=today - timedelta(days=3),
                              end_date=today + timedelta(days=10)))
    service.create(GroupDraft(name="老客福利群"))
    with db.transaction() as session:  # made long ago, never a message since: dormant
        session.execute(update(Group).where(Group.name == "老客福利群")
                        .values(created_at=today - timedelta(days=90)))
    db.dispose()
    return db_path


def test_archive_ended_groups_after_a_preview(qtbot, open_window, mixed_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(mixed_path)
    wait_loaded(qtbot, window, 3)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    window.archive_ended_action.trigger()
    qtbot.waitUntil(lambda: window.runner.active_count == 0 and bool(asked), timeout=10_000)
    assert "双11快闪群" in asked[0] and "双12秒杀群" not in asked[0]
    page = window.groups_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)  # the archived one leaves the view
    status = {g.name: g.status for g in page.model.groups_at(range(page.model.rowCount()))}
    assert "双11快闪群" not in status

    infos: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[2]))
    window.archive_ended_action.trigger()  # nothing left to archive: says so
    qtbot.waitUntil(lambda: bool(infos), timeout=10_000)


def test_silent_group_is_marked_dormant_on_opening(qtbot, open_window, mixed_path: Path) -> None:
    window = open_window(mixed_path)
    page = window.groups_page
    qtbot.waitUntil(lambda: window.runner.active_count == 0 and any(
        g.status is GroupStatus.DORMANT for g in page.model.groups_at(range(page.model.rowCount()))), timeout=10_000)
    dormant = [g.name for g in page.model.groups_at(range(page.model.rowCount())) if g.status is GroupStatus.DORMANT]
    assert dormant == ["老客福利群"]
    page.activity_filter.setCurrentIndex(page.activity_filter.findText("沉默 (14 天无发言)"))
    assert [page.model.group_at(r).name for r in range(page.model.rowCount())] == ["老客福利群"]


def test_dormant_days_is_a_setting(qtbot, open_window, mixed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    window = open_window(mixed_path)
    page = window.groups_page
    qtbot.waitUntil(lambda: window.runner.active_count == 0 and page.model.total_count == 3, timeout=10_000)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (120, True))
    window.dormant_action.trigger()  # 老客福利群 is 90 days old: not silent long enough any more
    qtbot.waitUntil(lambda: window.runner.active_count == 0 and all(
        g.status is GroupStatus.ACTIVE for g in page.model.groups_at(range(page.model.rowCount()))), timeout=10_000)
    assert page.activity_filter.findText("沉默 (120 天无发言)") >= 0
    assert window.settings.get(keys.DORMANT_DAYS) == 120
