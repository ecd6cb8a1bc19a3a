"""The overview beside the profile list, driven as a person would: open, Ctrl+Shift+O, click, read the list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from viewer.ui.window.main_window import MainWindow


def profile(n: int) -> dict:
    return {"id": 1000 + n, "created": f"2023-{n % 12 + 1:02d}-04T05:06:07Z", "integrationId": f"URN{n:04d}",
            "attributes": {"Tier": ["Gold", "Silver", "Bronze"][n % 3], "Score": n % 17},
            "accountId": 31, "closedSessions": n % 30, "totalSales": n * 7 % 500 + 0.5,
            "audienceMemberships": [{"id": 2, "name": "Travel audience"}] if n % 4 == 0 else [],
            "lastActivity": "2024-01-02T03:04:05Z", "sandbox": n % 5 == 0}


@pytest.fixture
def export_file(tmp_path: Path) -> str:
    path = tmp_path / "customers.json"
    path.write_text(json.dumps([profile(n) for n in range(120)]), encoding="utf-8")
    return str(path)


def open_overview(qtbot, win: MainWindow, path: str) -> None:
    with qtbot.waitSignals([win.fileLoaded, win.indexBuilt], timeout=20000):
        win.open_files([path])
    QTest.keySequence(win, QKeySequence("Ctrl+Shift+O"))
    qtbot.waitUntil(lambda: win.overview.page is not None and win.overview.page.summary is not None
                    and win.overview.page.is_complete(), timeout=20000)
    assert win.overview.is_showing()


def click_bar(chart, index: int) -> None:
    QTest.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=chart.bar_center(index).toPoint())


def test_shortcut_and_button_switch_between_profiles_and_overview(qtbot, window, export_file) -> None:
    open_overview(qtbot, window, export_file)
    assert window.overview.button.isChecked()
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+O"))
    assert not window.overview.is_showing() and window.pages.currentIndex() == 1
    qtbot.mouseClick(window.overview.button, Qt.MouseButton.LeftButton)
    assert window.overview.is_showing()
    assert window.overview.page.scope.text() == "Whole export: 120 profiles"


def test_clicking_an_audience_bar_lists_its_members(qtbot, window, export_file) -> None:
    open_overview(qtbot, window, export_file)
    chart = window.overview.page.audiences
    assert chart.bar_text(0) == "Travel audience (ID 2): 30"
    with qtbot.waitSignal(window.list_pane.searchApplied, timeout=10000):
        click_bar(chart, 0)
    assert window.search.text() == 'audience:"Travel audience"'
    assert window.pages.currentIndex() == 1
    assert window.model.rowCount() == 30
    assert window.overview.page.scope.text() == "Whole export: 120 profiles"  # no half-made search summary behind
    assert not window.overview._runner.is_busy("overview")


def test_clicking_a_histogram_bin_lists_its_profiles(qtbot, window, export_file) -> None:
    open_overview(qtbot, window, export_file)
    page = window.overview.page
    histogram = page.summary.distributions.closed_sessions
    with qtbot.waitSignal(window.list_pane.searchApplied, timeout=10000):
        click_bar(page.sessions, 1)
    assert window.search.text() == histogram.bins[1].query
    assert window.model.rowCount() == histogram.bins[1].count > 0


def test_clicking_a_catalogue_value_lists_its_profiles(qtbot, window, export_file) -> None:
    open_overview(qtbot, window, export_file)
    catalogue = window.overview.page.catalogue
    window.overview.page.tabs.setCurrentWidget(catalogue)
    assert catalogue.select_path("Tier")
    qtbot.waitUntil(lambda: catalogue.categories.bar_count() == 3, timeout=5000)
    with qtbot.waitSignal(window.list_pane.searchApplied, timeout=10000):
        click_bar(catalogue.categories, 0)
    assert window.search.text() == "Tier=Gold"
    assert window.model.rowCount() == 40


def test_a_search_result_is_summarised_and_clicks_narrow_it(qtbot, window, export_file) -> None:
    with qtbot.waitSignals([window.fileLoaded, window.indexBuilt], timeout=20000):
        window.open_files([export_file])
    with qtbot.waitSignal(window.list_pane.searchApplied, timeout=10000):
        window.search.setText("sandbox")
    window.overview.show_overview()
    qtbot.waitUntil(lambda: window.overview.page is not None, timeout=20000)  # (the charts imported first)
    page = window.overview.page
    qtbot.waitUntil(lambda: page.summary is not None and page.is_complete(), timeout=20000)
    assert page.summary.profiles == 24
    assert page.scope.text().startswith("Search result: 24 of 120 profiles")
    assert page.figure_button("sandbox").text().startswith("24")
    with qtbot.waitSignal(window.list_pane.searchApplied, timeout=10000):
        click_bar(page.audiences, 0)
    assert window.search.text() == '(sandbox) audience:"Travel audience"'
    assert window.model.rowCount() == 6  # n % 20 == 0
    window.overview.show_overview()
    qtbot.mouseClick(page.scope_button, Qt.MouseButton.LeftButton)  # the whole export instead
    qtbot.waitUntil(lambda: page.summary is not None and page.summary.profiles == 120, timeout=20000)


def test_the_overview_needs_an_export(qtbot, window) -> None:
    assert not window.window_actions.overview.isEnabled()
    assert not window.overview.button.isEnabled()
    window.overview.show_overview()
    assert not window.overview.is_showing()


def test_while_the_overview_is_worked_out_it_says_so_and_stale_figures_take_no_clicks(
        qtbot, window, export_file) -> None:
    from viewer.ui.overview.overview_page import WORKING

    with qtbot.waitSignals([window.fileLoaded, window.indexBuilt], timeout=20000):
        window.open_files([export_file])
    window.overview.show_overview()
    page = window.overview.page
    assert page.figures_stack.currentWidget() is page.figures_stack.empty  # not a blank page
    assert page.figures_stack.empty.text() == WORKING
    # the last chart made is shown by its layout a turn of the event loop later
    qtbot.waitUntil(lambda: page.summary is not None and page.progress.isHidden() and page.is_complete()
                    and all(chart.isVisible() for chart in page.charts), timeout=20000)
    assert page.figures_stack.currentWidget() is page.figures_stack.view and page.catalogue.isEnabled()
    assert len(page.charts) == 6 and not any(chart.is_greyed() for chart in page.charts)
    window.overview.show_profiles()
    window.search.setText("Gold")
    window.overview.show_overview()  # the whole export's figures stay until the result's are there
    assert page.progress.isVisible() and not page.catalogue.isEnabled() and not page.figures_stack.isEnabled()
    assert page.scope.text() == "Search result: Gold · working it out; below, greyed: the whole export's figures"
    assert all(chart.is_greyed() and chart.busy_note.isVisible() for chart in page.charts)  # "Computing…"
    qtbot.waitUntil(lambda: page.progress.isHidden(), timeout=20000)
    assert page.figures_stack.isEnabled() and page.scope.text().startswith("Search result: 40 of 120 profiles")
    assert not any(chart.is_greyed() for chart in page.charts)
    window.overview.show_profiles()
    window.search.clear()
    window.overview.show_overview()  # back to the whole export: once worked out, the header says only that
    qtbot.waitUntil(lambda: page.progress.isHidden(), timeout=20000)
    assert page.figures_stack.isEnabled() and page.scope.text() == "Whole export: 120 profiles"


def test_once_the_overview_shows_a_bin_click_is_answered_at_once(qtbot, window, export_file) -> None:
    from viewer.query.language import parse

    open_overview(qtbot, window, export_file)
    qtbot.waitUntil(lambda: not window.overview._runner.is_busy("prepare"), timeout=20000)
    evaluator = window.list_pane._evaluator
    assert evaluator.is_instant(parse(window.overview.page.summary.distributions.total_sales.bins[0].query))
    assert evaluator.is_instant(parse("created:2023-05 lastActivity:2024-01 closedSessions>=3"))
    bins = window.overview.page.summary.distributions.total_sales.bins
    click_bar(window.overview.page.sales, 0)  # answered on the GUI thread: the list is filtered on return
    assert window.search.text() == bins[0].query and window.model.rowCount() == bins[0].count


def test_the_overview_asked_for_while_the_charts_are_imported_shows_once_they_are(qtbot, window, export_file,
                                                                                   monkeypatch) -> None:
    """Waiting for the worker's import on the GUI thread froze the window 1.8 s at 1,000,000 profiles."""
    import importlib
    import threading
    from types import SimpleNamespace

    from viewer.ui.window import overview_tab

    release = threading.Event()

    def slow_import(name: str) -> object:
        release.wait(20)
        return importlib.import_module("viewer.ui.overview.overview_page")

    monkeypatch.setattr(overview_tab, "CHARTS_MODULE", "viewer.ui.overview.not_imported_yet")
    monkeypatch.setattr(overview_tab, "importlib", SimpleNamespace(import_module=slow_import))
    with qtbot.waitSignals([window.fileLoaded, window.indexBuilt], timeout=20000):
        window.open_files([export_file])
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+O"))
    assert window.overview.page is None and window.overview.button.isChecked()
    release.set()
    qtbot.waitUntil(lambda: window.overview.is_showing() and window.overview.page.summary is not None, timeout=20000)
    assert window.overview.page.scope.text() == "Whole export: 120 profiles"


def test_reading_the_charts_columns_shows_a_busy_bar_not_one_at_its_end(qtbot, window, export_file,
                                                                         monkeypatch) -> None:
    # At 1,000,000 profiles the columns the charts click to took 1.5-2 s after the summary: the bar sat at 100 %.
    import threading

    from viewer.ui.window import overview_tab

    reading, release = threading.Event(), threading.Event()
    prepare = overview_tab.prepare_chart_fields

    def slow_prepare(task, export, index) -> None:
        reading.set()
        release.wait(10)
        prepare(task, export, index)

    monkeypatch.setattr(overview_tab, "prepare_chart_fields", slow_prepare)
    with qtbot.waitSignals([window.fileLoaded, window.indexBuilt], timeout=20000):
        window.open_files([export_file])
    window.window_actions.overview.trigger()
    qtbot.waitUntil(reading.is_set, timeout=20000)
    page = window.overview.page
    qtbot.waitUntil(lambda: page is not None and page.progress.maximum() == 0, timeout=5000)
    assert page.progress.isVisible() and page.cancel.isVisible()
    release.set()
    qtbot.waitUntil(lambda: page.progress.isHidden() and page.is_complete(), timeout=20000)


@pytest.fixture
def charts_probe(tmp_path: Path, monkeypatch):
    """A stand-in for the chart modules: a module of its own, imported only when the tab imports the charts."""
    import sys

    from viewer.ui.window import overview_tab

    name = "charts_probe_module"
    (tmp_path / f"{name}.py").write_text("IMPORTED = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(overview_tab, "CHARTS_MODULE", name)
    yield name
    sys.modules.pop(name, None)


def test_the_charts_are_imported_ahead_only_once_the_typing_stops(qtbot, window, export_file, charts_probe) -> None:
    import sys

    with qtbot.waitSignals([window.fileLoaded, window.indexBuilt], timeout=20000):
        window.open_files([export_file])
    idle = window.overview._idle
    assert idle.isActive() and charts_probe not in sys.modules  # search works: the import waits a moment
    for n in range(1, 4):
        window.search.setText("Gold"[:n])
        assert idle.remainingTime() > idle.interval() - 500  # each keystroke puts it off again
    assert charts_probe not in sys.modules
    qtbot.waitUntil(lambda: charts_probe in sys.modules, timeout=10000)  # then it is imported in the background


def test_asking_for_the_overview_before_the_import_shows_it_once_imported(
        qtbot, window, export_file, charts_probe) -> None:
    import sys

    with qtbot.waitSignals([window.fileLoaded, window.indexBuilt], timeout=20000):
        window.open_files([export_file])
    window.overview.show_overview()  # at once, before the idle import: no freeze, the button says it is coming
    assert window.overview.button.isChecked()
    qtbot.waitUntil(lambda: window.overview.is_showing(), timeout=10000)
    assert charts_probe in sys.modules and not window.overview._idle.isActive()
