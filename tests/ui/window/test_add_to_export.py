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


def test_added_by_drop_only_for_csv_exports_beside_open_files():
    def is_csv(path: str) -> bool:
        return path.endswith(".csv")

    assert add_files.added_by_drop(["c.json"], ["s.csv", "b.csv"], is_csv) == ["c.json", "s.csv", "b.csv"]
    assert add_files.added_by_drop([], ["s.csv"], is_csv) == []  # nothing open: the CSV opens alone
    assert add_files.added_by_drop(["c.json"], ["other.json"], is_csv) == []  # a new export replaces
    assert add_files.added_by_drop(["c.json"], ["s.csv", "x.json"], is_csv) == []
    assert add_files.added_by_drop(["c.json", "s.csv"], ["s.csv"], is_csv) == []  # open already: reopened


def test_a_sessions_csv_dropped_on_the_open_export_joins_it(qtbot, window, tmp_path):
    """Dropped alone it replaced the 39 profiles with 25 placeholder entries, one per integration ID."""
    customers = tmp_path / "customers.json"
    shutil.copy(sample_export_path(), customers)
    sessions = tmp_path / "renamed-by-the-browser.txt"  # told by its header, whatever its name
    shutil.copy(RESOURCES / "sample-sessions.csv", sessions)
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_files([str(customers)])
    assert window.select_profile(0)
    chosen = window.profile.integration_id
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window._drops.filesDropped.emit([str(sessions)])
    assert [Path(p).name for p in window.result.paths] == ["customers.json", "renamed-by-the-browser.txt"]
    assert window.model.profile_count() == 39
    assert window.profile is not None and window.profile.integration_id == chosen
    assert window.tabs.tabText(SESSIONS_TAB) == f"Sessions {len(window.profile.sessions)}" != "Sessions 0"
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):  # a JSON export dropped opens on its own
        window._drops.filesDropped.emit([str(customers)])
    assert [Path(p).name for p in window.result.paths] == ["customers.json"]
