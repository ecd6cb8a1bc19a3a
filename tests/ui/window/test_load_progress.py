"""While a file is read the status bar says how far: ``42 % · 37 MB of 87 MB``, with Cancel beside it."""

from __future__ import annotations

import json
import os
import re

from PySide6.QtCore import Qt

from tests.ui.window.test_main_window import open_and_wait, profile
from viewer.ui.window.load_progress import LoadProgress, size_text

FIGURE = re.compile(r"(\d+) % · ([\d.]+) (KB|MB) of ([\d.]+) (KB|MB)\Z")


def test_sizes_read_as_a_file_manager_shows_them() -> None:
    assert size_text(37_012_345, 87_010_725) == "37 MB of 87 MB"
    assert size_text(1_100_000, 2_500_000) == "1.1 MB of 2.5 MB"
    assert size_text(0, 9_400) == "0.0 KB of 9.4 KB"
    assert size_text(300, 512) == "300 of 512 bytes"
    assert size_text(4_200_000_000, 9_000_000_000) == "4.2 GB of 9.0 GB"


def test_the_bar_says_the_share_and_the_bytes_read(qtbot, tmp_path) -> None:
    path = tmp_path / "customers.json"
    path.write_bytes(b" " * 2_500_000)
    progress = LoadProgress()
    qtbot.addWidget(progress)
    progress.show()
    progress.start([str(path)])
    assert progress.text() == ""  # busy: no figure before the first report
    progress.set_progress(420, 1000)
    assert progress.text() == "42 % · 1.0 MB of 2.5 MB"
    assert progress.bar.value() == 420 and progress.bar.maximum() == 1000
    assert progress.cancel_button.isVisible() and progress.cancel_button.isEnabled()
    progress.set_progress(0, 0)  # the last part, putting the profiles on screen, has no steps
    assert progress.text() == "" and progress.bar.maximum() == 0


def test_text_from_the_clipboard_counts_its_own_bytes(qtbot) -> None:
    progress = LoadProgress()
    qtbot.addWidget(progress)
    progress.start(["Clipboard"], data=b"[" + b" " * 19_998 + b"]")
    progress.set_progress(500, 1000)
    assert progress.text() == "50 % · 10 KB of 20 KB"


def test_the_window_shows_the_figure_while_it_reads(qtbot, window, tmp_path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps([profile(n) for n in range(3_000)]))
    size = os.path.getsize(path)
    seen: list[tuple[str, bool]] = []
    window.worker.progressChanged.connect(  # after the window's own slot: the bar has taken the report
        lambda done, total: seen.append((window.loading.text(), window.cancel_button.isVisible())),
        Qt.ConnectionType.DirectConnection)
    open_and_wait(qtbot, window, [str(path)], index=False)
    figures = [(FIGURE.match(text), cancel) for text, cancel in seen if text]
    assert figures, seen  # the reader's first report always gets through
    for match, cancel in figures:
        assert match is not None and cancel
        assert f"{match[4]} {match[5]}" == size_text(0, size).split(" of ")[1]  # of the file's own size
    assert not window.loading.isVisible()  # gone once the profiles are on screen
