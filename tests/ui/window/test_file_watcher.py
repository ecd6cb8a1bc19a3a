"""ReloadWatcher: one notice per burst of writes, also for editors that save by rename."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from viewer.ui.window.file_watcher import ReloadWatcher


@pytest.fixture
def watched(qtbot, tmp_path: Path):
    path = tmp_path / "customers.json"
    path.write_text("[]")
    watcher = ReloadWatcher(debounce_ms=150)
    watcher.set_paths([str(path)])
    yield watcher, path
    watcher.clear()


def test_a_burst_of_writes_is_reported_once(qtbot, watched) -> None:
    watcher, path = watched
    reports: list[list[str]] = []
    watcher.changedOnDisk.connect(reports.append)
    for size in range(1, 6):  # an editor writing in pieces, each gap shorter than the debounce
        path.write_text("[" + " " * size + "]")
        qtbot.wait(40)
    qtbot.waitUntil(lambda: bool(reports), timeout=3000)
    qtbot.wait(400)  # longer than the debounce: nothing more may arrive
    assert reports == [[str(path)]]


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
    watcher, _ = watched
    with qtbot.assertNotEmitted(watcher.changedOnDisk, wait=500):
        (tmp_path / "other.json").write_text("{}")


def test_cleared_watcher_is_silent(qtbot, watched) -> None:
    watcher, path = watched
    assert watcher.paths() == [str(path)]
    watcher.clear()
    assert watcher.paths() == []
    with qtbot.assertNotEmitted(watcher.changedOnDisk, wait=500):
        path.write_text("[1]")
