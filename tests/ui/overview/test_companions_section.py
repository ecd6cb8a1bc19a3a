"""The overview's sessions and loyalty section: shown only with CSV files beside, charts that click to profiles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import viewer
from viewer.desktop.resources import sample_companion_paths, sample_export_path
from viewer.insights.companions import companion_summary
from viewer.ui.overview.companions_section import CompanionsSection, points_text


def _sample_paths() -> list[str]:
    return [str(sample_export_path()), *map(str, sample_companion_paths())]


def click_bar(chart, index: int) -> None:
    QTest.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=chart.bar_center(index).toPoint())


def open_overview(qtbot, window, paths: list[str]):
    with qtbot.waitSignals([window.fileLoaded, window.indexBuilt], timeout=20000):
        window.open_files(paths)
    window.overview.show_overview()
    qtbot.waitUntil(lambda: window.overview.page is not None, timeout=20000)  # (the charts imported first)
    page = window.overview.page
    qtbot.waitUntil(lambda: page.summary is not None and page.is_complete(), timeout=20000)
    return page


def test_points_show_two_exact_decimals() -> None:
    from decimal import Decimal

    assert points_text(Decimal("12345678901234567890.125")) == "12,345,678,901,234,567,890.12"
    assert points_text(7) == "7.00"


def test_section_charts_render_offscreen(qtbot) -> None:
    part = companion_summary(viewer.summarize(viewer.load(_sample_paths())))
    section = CompanionsSection()
    qtbot.addWidget(section)
    section.resize(1200, 700)
    section.set_part(part)
    section.show()
    qtbot.waitUntil(section.is_complete, timeout=10000)
    states, tiers, points = (section.chart(name) for name in ("states", "tiers", "points"))
    assert states.bar_text(0) == "closed (14): 25"
    assert tiers.bar_count() == 4 and tiers.bar_text(0) == "Bronze: 13"  # a tier period names the balance's tier
    assert points.bar_count() == len(part.points.bins)
    assert "4 without a balance" in points.title.text()
    assert section.figure_button("sessions").text() == "49\nSessions"
    assert section.figure_button("pointsSum").text() == "14,426.38\nCurrent points, sum"
    image = section.grab().toImage()
    assert not image.isNull() and image.width() >= 1000
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 25) for y in range(0, image.height(), 25)}
    assert len(colours) > 2  # bars, axes and background were painted
    section.set_part(None)
    assert section.isHidden()


def test_clicking_a_tier_bar_lists_that_tier(qtbot, window) -> None:
    page = open_overview(qtbot, window, _sample_paths())
    assert page.companions.isVisible()
    chart = page.companions.chart("tiers")
    part = page.companions.part
    with qtbot.waitSignal(window.list_pane.searchApplied, timeout=10000):
        click_bar(chart, 1)
    assert window.search.text() == part.tiers[1].query == "tier:Silver"
    assert window.pages.currentIndex() == 1
    assert window.model.rowCount() == part.tiers[1].profiles == 11  # URN0001001 twice: a live and a sandbox profile


def test_clicking_a_points_bin_lists_its_profiles(qtbot, window) -> None:
    page = open_overview(qtbot, window, _sample_paths())
    bins = page.companions.part.points.bins
    with qtbot.waitSignal(window.list_pane.searchApplied, timeout=10000):
        click_bar(page.companions.chart("points"), 3)
    assert window.search.text() == bins[3].query == "points>=150 points<200"
    assert window.model.rowCount() == bins[3].count == 4


def test_clicking_a_session_state_lists_the_profiles_with_one(qtbot, window) -> None:
    page = open_overview(qtbot, window, _sample_paths())
    with qtbot.waitSignal(window.list_pane.searchApplied, timeout=10000):
        click_bar(page.companions.chart("states"), 0)
    assert window.search.text() == "session:closed"
    assert window.model.rowCount() == 14  # (the sample's sandbox URN0001001 has no session of its own)
    window.overview.show_overview()  # now of the search result: greyed out until it is worked out
    qtbot.waitUntil(lambda: page.progress.isHidden() and page.companions.isEnabled(), timeout=20000)
    button = page.companions.figure_button("withBalance")
    shown = int(button.text().split("\n")[0].replace(",", ""))  # of the 14 with a closed session
    assert 0 < shown < 35  # 35 in the whole export
    with qtbot.waitSignal(window.list_pane.searchApplied, timeout=10000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.search.text().startswith("(session:closed) points>=")
    assert window.model.rowCount() == shown


def test_without_companion_files_the_section_is_absent(qtbot, window) -> None:
    page = open_overview(qtbot, window, [str(sample_export_path())])
    assert page.companions.isHidden() and page.companions.part is None
    assert page.companions.chart("tiers") is None  # never made


def test_only_the_charts_of_the_files_opened_are_shown(qtbot, tmp_path) -> None:
    import json

    (tmp_path / "c.json").write_text(json.dumps([{"id": n, "integrationId": f"U{n}"} for n in range(3)]),
                                     encoding="utf-8")
    (tmp_path / "b.csv").write_text(
        "loyaltyProgramID,loyaltySubledger,profileIntegrationID,currentBalance,pendingBalance,expiredBalance,"
        "spentBalance,currentTier\n4,,U0,1.10,0,0,0,Gold\n4,,U1,2.20,0,0,0,Silver\n", encoding="utf-8")
    part = companion_summary(viewer.summarize(viewer.load([tmp_path / "c.json", tmp_path / "b.csv"])))
    section = CompanionsSection()
    qtbot.addWidget(section)
    section.set_part(part)
    section.show()
    qtbot.waitUntil(section.is_complete, timeout=10000)
    assert section.chart("states").isHidden() or not section.chart("states").isVisibleTo(section)
    assert section.chart("tiers").isVisibleTo(section) and section.chart("points").isVisibleTo(section)
    assert section.figure_button("sessions") is None and section.figure_button("withBalance") is not None
    assert section.chart("tiers").parentWidget().x() < section.width() // 4  # on the left, not beside a gap
