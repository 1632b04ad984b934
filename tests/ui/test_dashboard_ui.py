"""The Dashboard page in the real main window on a small demo workspace: every chart renders offscreen,
the cards show the service's figures, changing the period recomputes, a click on a bar opens that
group, exports write files; and an empty workspace gets a calm message instead of charts."""

from __future__ import annotations

import gc
import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage

from desktop.domain.dashboard import PeriodState, preset_period
from desktop.domain.reports import FigureUnit
from desktop.services.dashboard import DashboardService
from desktop.services.demo import build_demo
from desktop.settings import DASHBOARD_TARGETS, Settings
from desktop.store.engine import open_database
from desktop.ui.models.groups_model import SPARK_ROLE, GroupColumn
from desktop.ui.pages.dashboard_page import (
    CHARTS,
    DashboardPage,
    load_dashboard_targets,
    save_dashboard_targets,
)
from desktop.ui.pages.reports_page import format_value, load_targets
from desktop.workers.tasks import _FullCollectionsHeld

HELD = _FullCollectionsHeld.HELD


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_database(path)
    build_demo(db, groups=30, members=600, days=60, seed=3)
    db.dispose()
    return path


@pytest.fixture
def demo_path(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(demo_file, path)
    return path


def open_dashboard(qtbot, window) -> DashboardPage:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.runner.active_count == 0, timeout=20_000)
    window.show_page("dashboard")
    page = window.dashboard_page
    assert window.pages.currentWidget() is page
    wait_done(qtbot, page)
    return page


def wait_done(qtbot, page: DashboardPage) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not page.loading and page._runner.active_count == 0, timeout=20_000)


def test_every_chart_renders_with_the_services_figures(qtbot, open_window, demo_path: Path) -> None:
    window = open_window(demo_path)
    page = open_dashboard(qtbot, window)
    d = page.dashboard
    assert d is not None and d.state is PeriodState.READY and page.preset() == "30d"
    assert not page.banner.isVisible()
    for name in CHARTS:
        assert page.cards[name].showing_chart, name
    service = page._service
    kpi = service.kpis(preset_period("30d", date.today()), today=date.today())
    for f in kpi.figures:
        assert page.kpi_cards[f.key].value.text() == format_value(f.current, f.unit)
    # hover readouts give exact values with the date
    trend = page.cards["trend"].chart
    last = len(d.trend.days) - 1
    text = trend.show_readout(last, 1)
    assert d.trend.days[-1].isoformat() in text and f"{d.trend.messages[-1]:,}" in text
    heat = page.cards["heatmap"].chart.show_readout(20.5, 2.5)
    assert "周三" in heat and "20:00" in heat
    groups = page.group_charts
    assert groups is not None
    top = page.cards["top"].chart.show_readout(10, 0)
    assert groups.top_groups[0].name in top
    # charts drawn after the first screenful keep their own labels (a late draw once showed the
    # dormant chart's "N 天" on the top chart, and the tiers' details in the funnel's readout)
    shown = [label.textItem.toPlainText() for label in page.cards["top"].chart.labels.labels if label.isVisible()]
    assert shown == [f"{g.messages:,}" for g in groups.top_groups]
    # money in the platforms' readout is written as everywhere else (¥1,234.50)
    money = page.cards["platforms"].chart.show_readout(1, 0)
    assert money is not None and format_value(groups.platforms[0].gmv_cents, FigureUnit.MONEY) in money
    funnel = page.cards["funnel"].chart.show_readout(0, 0)
    assert funnel is not None and "本期在群里的人" in funnel
    # the whole page paints (fonts, axes) without a warning
    assert not page.content.grab().isNull()
    # full garbage collections are held only while the page draws: back to normal once it is done
    qtbot.waitUntil(lambda: gc.get_threshold()[2] != HELD, timeout=5_000)


def test_closing_mid_request_releases_the_collections(qtbot, open_window, demo_path: Path) -> None:
    window = open_window(demo_path)
    qtbot.waitUntil(lambda: window.runner.active_count == 0, timeout=20_000)
    window.show_page("dashboard")
    page = window.dashboard_page
    qtbot.waitUntil(lambda: page._hold_state.held, timeout=5_000)
    page.deleteLater()  # as when the window closes with the dashboard still loading
    qtbot.waitUntil(lambda: not window.runner.active_count, timeout=20_000)
    qtbot.waitUntil(lambda: gc.get_threshold()[2] != HELD, timeout=5_000)


def test_changing_the_period_and_scope_recomputes(qtbot, open_window, demo_path: Path) -> None:
    window = open_window(demo_path)
    page = open_dashboard(qtbot, window)
    first = page.dashboard
    page.period_box.setCurrentIndex(page.period_box.findData("7d"))
    wait_done(qtbot, page)
    assert page.dashboard is not first and page.dashboard.kpi.period.days == 7
    assert len(page.dashboard.trend.days) == 7
    # a custom range in the future: a calm message, no charts
    future = date.today().replace(year=date.today().year + 1)
    page.set_period("custom", future, future)
    wait_done(qtbot, page)
    assert page.banner.isVisible() and "还没有到" in page.banner.text()
    assert not any(card.isVisible() for card in page.cards.values())
    page.set_period("today")
    wait_done(qtbot, page)
    assert page.dashboard.kpi.period.days == 1
    # one platform, then one group
    qtbot.waitUntil(lambda: page._choices is not None, timeout=10_000)
    platform = page._choices.platforms[0].scope
    page.set_scope(platform)
    wait_done(qtbot, page)
    assert page.dashboard.kpi.scope == platform
    # data moved while the page is visible: it recomputes by itself
    before = page._serial
    window.runner.data_changed.emit("interactions", [])
    wait_done(qtbot, page)
    assert page._serial == before + 1
    # while hidden it only remembers to
    window.show_page("groups")
    window.runner.data_changed.emit("interactions", [])
    assert page._stale and page._serial == before + 1
    window.show_page("dashboard")
    wait_done(qtbot, page)
    assert not page._stale and page._serial == before + 2


def test_clicking_a_bar_opens_that_group(qtbot, open_window, demo_path: Path) -> None:
    window = open_window(demo_path)
    page = open_dashboard(qtbot, window)
    chart = page.cards["top"].chart
    wanted = page.group_charts.top_groups[1]
    page.scroll.ensureWidgetVisible(page.cards["top"])
    scene = chart.getPlotItem().vb.mapViewToScene(chart.bar_centre(1))
    with qtbot.waitSignal(page.open_group, timeout=5_000) as opened:
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=chart.mapFromScene(scene))
    assert opened.args == [wanted.id]
    qtbot.waitUntil(lambda: window.groups_page.current_group() is not None, timeout=5_000)
    assert window.pages.currentWidget() is window.groups_page
    assert window.groups_page.current_group().id == wanted.id


def test_exports(qtbot, open_window, demo_path: Path, tmp_path: Path) -> None:
    window = open_window(demo_path)
    page = open_dashboard(qtbot, window)
    png = page.export_chart("trend", str(tmp_path / "趋势.png"))
    assert png is not None and png.stat().st_size > 0
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 300
    whole = page.export_dashboard(str(tmp_path / "看板.png"))
    assert whole is not None and QImage(str(whole)).height() > image.height()
    assert QImage(str(whole)).size() == page._sheet().size()
    pdf = page.export_dashboard(str(tmp_path / "看板.pdf"))
    assert pdf is not None and pdf.read_bytes()[:4] == b"%PDF"


def test_exported_dashboard_shows_the_period_and_scope(qtbot, open_window, demo_path: Path,
                                                       tmp_path: Path) -> None:
    """The caption (scope, period, previous period) is part of the exported picture, not only of the page."""
    window = open_window(demo_path)
    page = open_dashboard(qtbot, window)
    caption = page.caption
    assert "全部群" in caption.text() and page.dashboard.kpi.period.label() in caption.text()
    sheet = page._sheet()
    assert sheet.isAncestorOf(caption) and caption.isVisible()
    whole = page.export_dashboard(str(tmp_path / "看板.png"))
    assert whole is not None
    image = QImage(str(whole))
    # the caption's strip of the picture has its text in it: more than the sheet's background colour
    at = caption.mapTo(sheet, QPoint(0, 0))
    strip = image.copy(QRect(at, caption.size()))
    colours = {strip.pixel(x, y) for x in range(0, strip.width(), 2) for y in range(strip.height())}
    assert len(colours) > 2


def test_dashboard_targets_per_period_and_the_reports_for_a_custom_range(tmp_path: Path) -> None:
    settings = Settings(str(tmp_path / "s.ini"))
    save_dashboard_targets(settings, "7d", {"messages": 100.0})
    save_dashboard_targets(settings, "30d", {"gmv": 500.0})
    save_dashboard_targets(settings, "custom", {"joins": 5.0})
    assert load_dashboard_targets(settings, "7d") == {"messages": 100.0}
    assert load_dashboard_targets(settings, "30d") == {"gmv": 500.0}
    assert load_dashboard_targets(settings, "today") == {}
    # a custom range shares the boss report's targets
    assert load_dashboard_targets(settings, "custom") == load_targets(settings) == {"joins": 5.0}
    # damaged entries are left out, never an error
    settings.set(DASHBOARD_TARGETS, '{"7d": {"messages": 100, "typo": 5, "joins": "x", "leaves": -1, "gmv": true}, '
                                    '"30d": [1]}')
    assert load_dashboard_targets(settings, "7d") == {"messages": 100.0}
    assert load_dashboard_targets(settings, "30d") == {}
    settings.set(DASHBOARD_TARGETS, "{not json")
    assert load_dashboard_targets(settings, "7d") == {}


def test_groups_table_sparklines(qtbot, open_window, demo_path: Path) -> None:
    window = open_window(demo_path)
    model = window.groups_page.model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and window.runner.active_count == 0, timeout=10_000)
    db = open_database(demo_path)
    try:
        expected = DashboardService(db).sparklines()
    finally:
        db.dispose()
    for row in range(model.rowCount()):
        group = model.group_at(row)
        assert tuple(model.index(row, GroupColumn.ACTIVITY).data(SPARK_ROLE)) == expected.get(group.id, ())
    assert any(expected.values())
    assert not window.groups_page.table.grab().isNull()  # the delegate paints


def test_empty_workspace_is_calm(qtbot, open_window, db_path: Path) -> None:
    window = open_window(db_path)
    page = open_dashboard(qtbot, window)
    assert page.banner.isVisible() and "还没有群" in page.banner.text()
    assert not any(card.isVisible() for card in page.cards.values())
    assert not any(card.isVisible() for card in page.kpi_cards.values())
