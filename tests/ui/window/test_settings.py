"""Recent files and remembered window layout, in a temporary settings file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QWidget

from viewer.ui.window import settings
from viewer.ui.window.settings import MAX_RECENT_FILES, RecentFiles


@pytest.fixture(autouse=True)
def temporary_settings(tmp_path: Path):
    settings.configure_settings(tmp_path / "settings.ini")
    yield tmp_path / "settings.ini"
    settings.configure_settings(None)


def _files(tmp_path: Path, count: int) -> list[str]:
    paths = []
    for number in range(count):
        path = tmp_path / f"export-{number}.json"
        path.write_text("[]")
        paths.append(str(path))
    return paths


def test_most_recent_first_without_duplicates(qtbot, tmp_path: Path) -> None:
    a, b, c = _files(tmp_path, 3)
    recent = RecentFiles()
    for path in (a, b, c, a):
        recent.add(path)
    assert recent.paths() == [a, c, b]


def test_at_most_ten_and_survives_a_restart(qtbot, tmp_path: Path) -> None:
    paths = _files(tmp_path, 12)
    recent = RecentFiles()
    for path in paths:
        recent.add(path)
    expected = list(reversed(paths))[:MAX_RECENT_FILES]
    assert MAX_RECENT_FILES == 10
    assert RecentFiles().paths() == expected  # a new object reads what the old one stored


def test_missing_files_are_pruned(qtbot, tmp_path: Path) -> None:
    a, b, c = _files(tmp_path, 3)
    recent = RecentFiles()
    for path in (a, b, c):
        recent.add(path)
    Path(b).unlink()
    assert recent.paths() == [c, a]
    Path(b).write_text("[]")  # pruned for good, not just hidden
    assert recent.paths() == [c, a]


def test_single_entry_and_relative_path(qtbot, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "only.json").write_text("{}")
    monkeypatch.chdir(tmp_path)
    recent = RecentFiles()
    recent.add("only.json")
    assert RecentFiles().paths() == [str(tmp_path / "only.json")]


def test_changed_signal_and_clear(qtbot, tmp_path: Path) -> None:
    (a,) = _files(tmp_path, 1)
    recent = RecentFiles()
    with qtbot.waitSignal(recent.changed, timeout=1000):
        recent.add(a)
    with qtbot.waitSignal(recent.changed, timeout=1000):
        recent.clear()
    assert recent.paths() == []
    recent.add(a)
    with qtbot.waitSignal(recent.changed, timeout=1000):
        recent.remove(a)
    assert recent.paths() == []


def test_settings_go_to_the_configured_file(qtbot, tmp_path: Path, temporary_settings: Path) -> None:
    (a,) = _files(tmp_path, 1)
    RecentFiles().add(a)
    assert a in temporary_settings.read_text()


def test_geometry_persists(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.setGeometry(QRect(120, 90, 640, 410))
    window.show()
    settings.save_geometry(window, "mainWindow")

    again = QWidget()
    qtbot.addWidget(again)
    assert settings.restore_geometry(again, "mainWindow")
    assert (again.width(), again.height()) == (640, 410)
    assert not settings.restore_geometry(again, "neverSaved")


@pytest.mark.parametrize("screen, expected", [
    (QRect(0, 0, 1920, 1040), QRect(320, 120, 1280, 800)),  # room enough: the first size, centred
    (QRect(0, 40, 1280, 760), QRect(8, 64, 1264, 712)),  # a 1280x800 screen below a 40 px panel: all of it shows
])
def test_a_first_window_fits_the_free_part_of_its_screen(screen: QRect, expected: QRect) -> None:
    from viewer.ui.window.state import first_geometry

    placed = first_geometry(screen)
    assert placed == expected
    assert screen.contains(placed)


def test_a_first_main_window_is_not_taller_than_its_screen(qtbot) -> None:
    from viewer.ui.window.main_window import MainWindow

    window = MainWindow()  # no saved geometry: the settings of this test are empty
    qtbot.addWidget(window)
    free = window.screen().availableGeometry()
    assert window.height() < free.height() and window.width() < free.width()
    assert free.contains(window.geometry())


def test_splitter_state_persists(qtbot) -> None:
    def splitter() -> QSplitter:
        widget = QSplitter(Qt.Orientation.Horizontal)
        qtbot.addWidget(widget)
        widget.addWidget(QLabel("list"))
        widget.addWidget(QLabel("profile"))
        widget.resize(800, 300)
        widget.show()
        return widget

    first = splitter()
    first.setSizes([200, 600])
    settings.save_state("mainSplitter", first.saveState())

    second = splitter()
    state = settings.restore_state("mainSplitter")
    assert isinstance(state, bytes)
    assert second.restoreState(state)
    assert second.sizes()[0] == pytest.approx(200, abs=8)
    assert settings.restore_state("neverSaved") is None
