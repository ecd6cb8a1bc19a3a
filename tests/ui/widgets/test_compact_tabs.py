"""At a 1280 × 800 window every profile tab's title is in sight, the last ("Raw JSON") included."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QToolButton

from viewer.desktop.resources import sample_companion_paths, sample_export_path


def _shown_titles(tabs) -> list[str]:
    bar = tabs.tabBar()
    return [bar.tabText(i) for i in range(bar.count())
            if bar.isTabVisible(i) and bar.rect().contains(bar.tabRect(i))]


@pytest.mark.parametrize("has_more", [False, True], ids=["sample", "a saved page with more: a note"])
def test_every_tab_title_fits_at_1280_with_the_default_splitter(qtbot, window, tmp_path, has_more):
    window.resize(1280, 800)
    export = sample_export_path()
    if has_more:  # the Problems tab's longest usual title: "Problems 10 · 1 note"
        export = tmp_path / "page.json"
        text = sample_export_path().read_text(encoding="utf-8")
        export.write_text(text.replace('"hasMore": false', '"hasMore": true'), encoding="utf-8")
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_files([str(export), *(str(p) for p in sample_companion_paths())])
    qtbot.waitUntil(lambda: window.tabs.tabText(6) == "Raw JSON" and window.tabs.width() > 0)
    tabs = window.tabs
    bar = tabs.tabBar()
    visible = [bar.tabText(i) for i in range(bar.count()) if bar.isTabVisible(i)]
    assert visible[-1] == "Raw JSON" and any(title.startswith("Sessions ") for title in visible)
    assert _shown_titles(tabs) == visible  # each whole, none behind the scroll arrows
    assert not any(button.isVisible() for button in bar.findChildren(QToolButton))  # no scroll arrows
    metrics = bar.fontMetrics()
    for i in range(bar.count()):  # each tab wider than its whole title
        if bar.isTabVisible(i):
            assert bar.tabRect(i).width() > metrics.horizontalAdvance(bar.tabText(i)), bar.tabText(i)
    assert any("note" in title for title in visible) == has_more

