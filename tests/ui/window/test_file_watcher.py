"""ReloadWatcher: one notice per burst of writes, also for editors that save by rename."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QFileSystemWatcher

from viewer.ui.window.file_watcher import ReloadWatcher


@pytest.fixture
def watched(qtbot, tmp_path: Path):
    path = tmp_path / "customers.json"
    path.write_text("[]")
    watcher = ReloadWatcher(debounce_ms=150)
    watcher.set_paths([str(path)])
    yield watcher, path
    watcher.clear()


def test_a_burst_of_writes_is_reported_once(qtbot, tmp_path: Path) -> None:
    path, other = tmp_path / "page1.json", tmp_path / "page2.json"
    path.write_text("[]")
    other.write_text("[]")
    watcher = ReloadWatcher(debounce_ms=400)  # far longer than one write takes to be seen
    watcher.set_paths([str(path), str(other)])
    seen = watcher.findChild(QFileSystemWatcher).fileChanged
    reports: list[list[str]] = []
    watcher.changedOnDisk.connect(reports.append)
    for size in range(1, 6):  # an editor writing in pieces, each seen by the watcher before the next
        with qtbot.waitSignal(seen, timeout=3000):
            path.write_text("[" + " " * size + "]")
        assert reports == []  # every piece restarts the quiet period
    qtbot.waitUntil(lambda: bool(reports), timeout=3000)
    # A later save of the other file is reported on its own: a second notice of the
    # burst would come before it or merged into it, never after it.
    other.write_text("[1]")
    qtbot.waitUntil(lambda: len(reports) == 2, timeout=3000)
    assert reports == [[str(path)], [str(other)]]
    watcher.clear()


def test_save_by_rename_is_seen_and_watched_again(qtbot, watched, tmp_path: Path) -> None:
    watcher, path = watched
    reports: list[list[str]] = []
    watcher.changedOnDisk.connect(reports.append)
    for round_ in range(2):  # the second save proves the path is watched again
        temporary = tmp_path / ".customers.json.swp"
        temporary.write_text(f'[{{"round": {round_}}}]')
        os.replace(temporary, path)
        qtbot.waitUntil(lambda n=round_: len(reports) == n + 1, timeout=3000)
    assert reports == [[str(path)], [str(path)]]


def test_deleted_file_is_reported(qtbot, watched) -> None:
    watcher, path = watched
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=3000) as blocker:
        path.unlink()
    assert blocker.args == [[str(path)]]


def test_touching_other_files_reports_nothing(qtbot, watched, tmp_path: Path) -> None:
    watcher, path = watched
    reports = []
    watcher.changedOnDisk.connect(reports.append)
    (tmp_path / "other.json").write_text("{}")
    # A change of the watched file comes after the other file's: the first report must be it alone.
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=3000):
        path.write_text("[1]")
    assert reports == [[str(path)]]


def test_cleared_watcher_is_silent(qtbot, watched) -> None:
    watcher, path = watched
    assert watcher.paths() == [str(path)]
    watcher.clear()
    assert watcher.paths() == []
    reports = []
    watcher.changedOnDisk.connect(reports.append)
    path.write_text("[1]")
    # Watched again later, another file's change is the first and only report.
    other = path.with_name("other.json")
    other.write_text("[]")
    watcher.set_paths([str(other)])
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=3000):
        other.write_text("[2]")
    assert reports == [[str(other)]]
