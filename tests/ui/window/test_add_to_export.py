"""File > Add to this export…: CSV exports opened beside the open profiles, the selected profile kept."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from viewer.desktop.resources import sample_export_path
from viewer.ui.details.profile_details import SESSIONS_TAB
from viewer.ui.window import add_files

RESOURCES = sample_export_path().parent


def test_joined_paths_keep_the_open_files_first_and_once():
    assert add_files.joined_paths(["a.json", "b.csv"], ["b.csv", "c.csv"]) == ["a.json", "b.csv", "c.csv"]


def test_open_accepts_csv_files():
    assert "*.csv" in add_files.OPEN_FILTER.split(";;")[0]


def test_the_action_sits_in_the_file_menu_and_needs_files(window):
    action = window.window_actions.add_files
    assert action.objectName() == "addToExportAction"
    assert action in window.menus.file.actions()
    assert not action.isEnabled()  # nothing open


def test_adding_sessions_reloads_the_export_and_keeps_the_profile(qtbot, window, tmp_path, monkeypatch):
    customers = tmp_path / "customers.json"
    shutil.copy(sample_export_path(), customers)
    sessions = tmp_path / "sessions.csv"
    shutil.copy(RESOURCES / "sample-sessions.csv", sessions)
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_files([str(customers)])
    assert window.window_actions.add_files.isEnabled()
    assert not window.tabs.isTabVisible(SESSIONS_TAB)  # no sessions file: no empty Sessions page
    assert window.select_profile(0)
    chosen = window.profile.integration_id
    asked: list[str] = []

    def fake_dialog(_parent, caption, _folder, file_filter):
        asked.append(file_filter)
        return [str(sessions)], "CSV exports (*.csv)"

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake_dialog))
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.window_actions.add_files.trigger()
    assert asked and "*.csv" in asked[0]
    assert window.result is not None and [Path(p).name for p in window.result.paths] == ["customers.json",
                                                                                        "sessions.csv"]
    assert window.profile is not None and window.profile.integration_id == chosen
    assert window.tabs.isTabVisible(SESSIONS_TAB)
    assert window.tabs.tabText(SESSIONS_TAB) == f"Sessions {len(window.profile.sessions)}"


def test_nothing_chosen_changes_nothing(qtbot, window, monkeypatch):
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_files([str(sample_export_path())])
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *_args: ([], "")))
    started: list[object] = []
    monkeypatch.setattr(window.worker, "start", lambda *args: started.append(args))
    window.window_actions.add_files.trigger()
    assert started == []
