"""Fixtures shared by the window tests: a main window with settings of its own."""

from __future__ import annotations

import pytest

from viewer.ui.window import settings
from viewer.ui.window.main_window import MainWindow


@pytest.fixture
def settings_file(tmp_path):
    """An empty settings file for this test (the window remembers layout and recent files)."""
    path = tmp_path / "settings.ini"
    settings.configure_settings(path)
    yield path
    settings.configure_settings(None)


@pytest.fixture
def make_window(qtbot, settings_file):
    """A factory of shown main windows; their loads are stopped and they are closed afterwards."""
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        win = MainWindow()
        qtbot.addWidget(win)
        if not settings.settings().contains("geometry/mainWindow"):  # a first run's window: smaller on the
            win.resize(1280, 800)  # offscreen 800x800 screen; the tests lay out at a desktop's size
        win.show()
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.worker.cancel(quiet=True)
        win.worker.wait(10)
        win.close()


@pytest.fixture
def window(make_window) -> MainWindow:
    """One shown main window."""
    return make_window()


@pytest.fixture
def make_pane(qtbot):
    """A factory of shown profile list panes over ``profiles`` (dicts), searchable; ``focus``: the box has it."""
    import json

    import viewer
    from viewer.query.search_index import ProfileSearchIndex
    from viewer.ui.profiles.list_pane import ProfileListPane

    def make(profiles: list[dict], *, size: tuple[int, int] = (700, 400), focus: bool = False) -> ProfileListPane:
        export = viewer.load(json.dumps(profiles).encode())
        pane = ProfileListPane()
        qtbot.addWidget(pane)
        pane.resize(*size)
        pane.show()
        pane.set_profiles(export.profiles)
        pane.set_search_index(ProfileSearchIndex.build(export.profiles))
        if focus:
            pane.activateWindow()
            pane.search.setFocus()
            qtbot.waitUntil(pane.search.hasFocus)
        return pane

    return make
