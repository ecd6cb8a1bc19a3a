"""File > Compare with…: the open export against another file, off the GUI thread, with Cancel."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from viewer.ui.comparison.side_by_side import LEFT, RIGHT


def _profile(number: int, tier: str = "Gold") -> dict:
    return {"id": number, "integrationId": f"URN{number}", "totalSales": 10.5, "attributes": {"LoyaltyTier": tier}}


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_bytes(orjson.dumps([_profile(i) for i in range(50)]))
    new.write_bytes(orjson.dumps([_profile(i, "Platinum" if i < 5 else "Gold") for i in range(1, 51)]))
    return old, new


def test_the_action_sits_in_the_file_menu_and_needs_an_export(window) -> None:
    action = window.window_actions.compare_with
    assert action in window.menus.file.actions()
    assert action.objectName() == "compareWithAction"
    assert not action.isEnabled()


def test_compare_with_opens_a_comparison_window(qtbot, window, files, monkeypatch) -> None:
    old, new = files
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_files([str(old)])
    assert window.window_actions.compare_with.isEnabled()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(new), ""))
    with qtbot.waitSignal(window.comparing.comparisonShown, timeout=20000) as shown:
        window.window_actions.compare_with.trigger()
    comparison = shown.args[0]
    qtbot.addWidget(comparison)
    view = comparison.view
    assert view.summary.text().startswith("1 added · 1 removed · 4 changed · 45 unchanged")
    assert comparison.windowTitle() == "Compare old.json → new.json"
    side = view.side_by_side
    tier = next(r for r in range(side.model.rowCount()) if side.model.row_at(r).path == "attributes.LoyaltyTier")
    assert (side.model.index(tier, LEFT).data(), side.model.index(tier, RIGHT).data()) == ("Gold", "Platinum")
    assert window.comparing.progress is None  # the progress dialog is gone
    comparison.show()
    qtbot.waitExposed(comparison)
    closer = comparison.findChild(QAction, "closeWindowAction")
    assert QKeySequence(Qt.Key.Key_Escape) in closer.shortcuts()  # Esc and Ctrl+W close it, as a second window
    closer.trigger()
    assert not comparison.isVisible()


def _compared(qtbot, window, monkeypatch, old: Path, new: Path):
    """The comparison window of ``old`` (opened) with ``new`` (chosen in File > Compare with…)."""
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_files([str(old)])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(new), ""))
    with qtbot.waitSignal(window.comparing.comparisonShown, timeout=20000) as shown:
        window.window_actions.compare_with.trigger()
    qtbot.addWidget(shown.args[0])
    return shown.args[0]


def test_a_cut_off_side_is_flagged_above_the_comparison(qtbot, window, files, monkeypatch) -> None:
    old, new = files
    cut = new.with_name("cut.json")
    cut.write_bytes(new.read_bytes()[:-200])  # a download that stopped early: its last profiles are missing
    bar = _compared(qtbot, window, monkeypatch, old, cut).damage_bar
    assert bar.isVisible()
    assert bar.message.text().startswith("cut.json could not be read exactly as written: the file ends early")
    assert not bar.show_button.isVisible()  # nothing to show it in here


def test_a_clean_comparison_has_no_damage_bar(qtbot, window, files, monkeypatch) -> None:
    assert not _compared(qtbot, window, monkeypatch, *files).damage_bar.isVisible()


def test_cancel_drops_the_comparison(qtbot, window, files) -> None:
    old, new = files
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_files([str(old)])
    window.comparing.compare_with(str(new))
    assert window.comparing.progress is not None
    cancel = window.comparing.progress.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()
    assert window.comparing.progress is None
    assert not window.comparing.runner.is_busy("compare")
    window.comparing.runner.wait(10)
    qtbot.wait(50)  # let anything the worker posted be delivered (and dropped)
    assert window.comparing.windows == []


def test_an_unreadable_file_says_so(qtbot, window, files, tmp_path: Path) -> None:
    old, _ = files
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": 1,', encoding="utf-8")
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_files([str(old)])
    window.comparing.compare_with(str(broken))
    qtbot.waitUntil(lambda: window.comparing.progress is None, timeout=20000)
    box = window.findChild(QMessageBox, "loadErrorDialog")
    assert "broken.json" in box.text() or "broken.json" in box.informativeText()
    assert window.comparing.windows == []
