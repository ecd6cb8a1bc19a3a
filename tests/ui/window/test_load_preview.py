"""A big file's first profiles are on screen while the rest of it is read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import viewer
from tests.ui.window.test_main_window import profile, settle
from viewer.reading import loader
from viewer.ui.details.profile_details import PROBLEMS_TAB
from viewer.ui.window.main_window import MainWindow

FIRST = 300


@pytest.fixture
def small_preview(monkeypatch: pytest.MonkeyPatch) -> None:
    """Preview every file, after its first ``FIRST`` profiles (16 MB and 1,000 profiles in real use)."""
    monkeypatch.setattr(loader, "PREVIEW_FROM_BYTES", 0)
    monkeypatch.setattr(loader, "PREVIEW_PROFILES", FIRST)


@pytest.fixture
def big(tmp_path: Path) -> Path:
    path = tmp_path / "customers.json"
    path.write_text(json.dumps([profile(n) for n in range(6_000)]))  # several pieces of about 1 MB
    return path


def test_the_reader_hands_over_its_first_profiles_once(small_preview, big: Path) -> None:
    previews: list[viewer.Export] = []
    export = viewer.load(big, preview=previews.append)
    assert len(previews) == 1
    first = previews[0].profiles
    assert len(first) == FIRST and len(export.profiles) == 6_000
    assert [p.integration_id for p in first] == [p.integration_id for p in export.profiles[:FIRST]]
    assert first[FIRST - 1].source_text == export.profiles[FIRST - 1].source_text


def test_a_small_file_has_no_preview(big: Path) -> None:
    previews: list[viewer.Export] = []
    viewer.load(big, preview=previews.append)  # 2 MB: below the real 16 MB
    assert previews == []


def test_the_window_shows_the_first_profiles_then_all_keeping_the_one_picked(qtbot, small_preview, big) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.preview.shown, timeout=20_000):
        window.open_files([str(big)])
    assert window.model.rowCount() == FIRST
    assert window.count_label.text() == f"The first {FIRST} profiles · reading the rest of the file…"
    qtbot.waitUntil(lambda: window.profile is not None)  # the panel follows the list's first paint
    assert window.profile.integration_id == "URN0000"
    assert window.details_stack.currentWidget() is window.details
    window.select_profile(7)  # picked while the rest is read
    assert window.window_actions.search.isEnabled()
    window.window_actions.search.trigger()  # Ctrl+L works meanwhile
    assert QApplication.focusWidget() is window.search
    qtbot.keyClicks(window.search, "Customer 7")  # typed meanwhile: the picked one matches
    with qtbot.waitSignals([window.fileLoaded, window.indexBuilt], timeout=20_000):
        pass
    assert window.model.profile_count() == 6_000
    assert window.profile is not None and window.profile.index == 7
    assert window.search.text() == "Customer 7"
    assert QApplication.focusWidget() is window.search  # what is typed next still goes into the box
    qtbot.waitUntil(lambda: window.model.rowCount() < 6_000, timeout=10_000)  # the query ran on the whole file
    assert window.count_label.text().endswith("of 6,000 profiles")


def test_the_list_paints_first_and_the_first_profile_follows(qtbot, small_preview, big) -> None:
    """In one turn the list, the panel and the tabs stalled the window 67-103 ms: the panel waits a turn."""
    from PySide6.QtCore import QEvent, QObject

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    beside_first_paint: list[tuple[object, str, object]] = []  # what the right half showed at the list's paint

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint and window.model.rowCount() and not beside_first_paint:
                stack = window.details_stack
                beside_first_paint.append((stack.currentWidget(), stack.empty.text(), window.profile))
            return False

    spy = FirstPaint(window)
    window.table.viewport().installEventFilter(spy)
    with qtbot.waitSignal(window.preview.shown, timeout=20_000):
        window.open_files([str(big)])
    qtbot.waitUntil(lambda: window.profile is not None)  # the panel follows the list's first paint
    assert beside_first_paint == [(window.details_stack.empty, "", None)]  # blank, not "No profile selected"
    assert window.profile.integration_id == "URN0000"
    assert window.table.currentIndex().row() == 0
    assert window.details_stack.currentWidget() is window.details
    assert window.panel.integration_id.toPlainText() == "URN0000"


def test_a_profile_picked_before_the_panel_shows_stays_picked(qtbot, small_preview, big) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.preview.shown, timeout=20_000):
        window.open_files([str(big)])
    window.select_profile(7)  # a click in the list the moment it showed
    with qtbot.waitSignal(window.fileLoaded, timeout=20_000):
        pass  # the first profile's turn came and went meanwhile
    assert window.profile is not None and window.profile.index == 7
    assert window.panel.integration_id.toPlainText() == "URN0007"


def test_the_overview_button_works_once_a_previewed_file_is_read(qtbot, small_preview, big) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignals([window.preview.shown, window.fileLoaded], timeout=20_000):
        window.open_files([str(big)])
    assert window.overview.button.isEnabled()  # the list page showed while the file was still read
    qtbot.mouseClick(window.overview.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.overview.is_showing)  # (once the charts are imported, in a worker)


def test_cancelling_after_the_preview_leaves_the_welcome_page(qtbot, small_preview, big) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.preview.shown, timeout=20_000):
        window.open_files([str(big)])
    window.worker.cancel()
    settle(window)
    assert window.result is None
    assert window.pages.currentWidget() is window.welcome
    assert window.model.rowCount() == 0
    assert window.statusBar().currentMessage() == "Opening cancelled"


def test_the_problems_have_no_count_until_the_whole_file_is_checked(qtbot, small_preview, tmp_path) -> None:
    # "Problems 0" beside the first profiles read as "nothing wrong" before anything was checked.
    data = [profile(n) for n in range(6_000)]
    data[5_000]["totalSales"] = "12,50"  # far past the preview's profiles
    path = tmp_path / "customers.json"
    path.write_text(json.dumps(data))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.preview.shown, timeout=20_000):
        window.open_files([str(path)])
    qtbot.waitUntil(lambda: window.profile is not None)  # the tabs show a turn after the list
    assert window.tabs.tabText(PROBLEMS_TAB) == "Problems"
    window.tabs.setCurrentIndex(PROBLEMS_TAB)
    assert window.problems.empty.isVisible()
    assert window.problems.empty.text().startswith("Checking…")
    assert "problems" not in window.summary.text()
    with qtbot.waitSignal(window.fileLoaded, timeout=20_000):
        pass
    assert window.tabs.tabText(PROBLEMS_TAB) == "Problems 1"
    assert window.problems.model.rowCount() == 1
    assert window.summary.text().endswith("6,000 profiles · 1 error")


def test_the_reader_waits_while_the_window_paints_the_first_profiles(qtbot, small_preview, big, monkeypatch) -> None:
    """Beside a busy reader the list's first paint stalled the window 161 ms: the reader sleeps until it is done."""
    from viewer.ui.window import loading

    monkeypatch.setattr(loading, "QUIET_TICKS", 20)  # a window slow to settle: the reader must still wait for it
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    events: list[str] = []
    window.worker.previewed.connect(lambda _export: events.append("preview"))
    window.worker.progressChanged.connect(lambda _done, _total: events.append("progress"))
    told = window.worker.preview_shown
    monkeypatch.setattr(window.worker, "preview_shown", lambda: (events.append("shown"), told()))
    with qtbot.waitSignal(window.fileLoaded, timeout=20_000):
        window.open_files([str(big)])
    after = events[events.index("preview"):]
    assert "progress" in after  # the rest of the file was read, with progress, after the handover ...
    assert after.index("shown") < after.index("progress")  # ... once the window had shown the first profiles


def test_the_index_is_built_once_the_window_has_painted_the_export(qtbot, big, monkeypatch) -> None:
    """The list's first paint goes first: beside the indexing each of its calls into Python waited for the GIL."""
    from PySide6.QtCore import QEvent, QObject

    from viewer.ui.window import loading

    monkeypatch.setattr(loading, "_GUI_FIRST_SECONDS", 30)  # only the window's word ends the wait here
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    painted: list[bool] = []

    class Paints(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint and window.result is not None:
                painted.append(True)
            return False

    paints = Paints()
    window.table.viewport().installEventFilter(paints)
    seen: list[bool] = []
    build = loading.ProfileSearchIndex.build
    monkeypatch.setattr(loading.ProfileSearchIndex, "build",
                        staticmethod(lambda *args, **kwargs: (seen.append(bool(painted)), build(*args, **kwargs))[1]))
    with qtbot.waitSignal(window.indexBuilt, timeout=20_000):
        window.open_files([str(big)])
    assert seen == [True]  # the whole export was on screen, painted, before its index was built
