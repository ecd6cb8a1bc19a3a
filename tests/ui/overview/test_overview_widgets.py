"""The overview's charts and the attribute catalogue, offscreen: what they show and what a click asks for."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import viewer
from viewer.ui.overview.catalogue import AttributeCatalogue
from viewer.ui.overview.catalogue_model import CatalogueModel, QueryRole
from viewer.ui.overview.charts import BarChart
from viewer.ui.overview.overview_page import OverviewPage
from viewer.ui.roles import SortRole


def profile(n: int, **fields) -> dict:
    data = {"id": n, "created": f"2024-0{n % 3 + 1}-05T10:00:00Z", "integrationId": f"URN{n}", "accountId": 1,
            "closedSessions": n, "totalSales": n * 10, "lastActivity": "2024-05-01T00:00:00Z", "sandbox": n % 4 == 0,
            "audienceMemberships": [{"id": 1, "name": "VIP"}] if n % 2 else [],
            "attributes": {"City": ["Berlin", "Paris"][n % 2], "Zip": "10115" if n % 3 else 10115,
                           "Tags": ["vip"] * (n % 2), "Address": {"Street": f"Street {n % 5}"}}}
    data.update(fields)
    return data


@pytest.fixture
def summary(tmp_path: Path) -> viewer.Summary:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([profile(n) for n in range(40)]))
    return viewer.summarize(viewer.load(path))


def test_catalogue_model_passes_the_model_tester(qtmodeltester, summary) -> None:
    model = CatalogueModel()
    model.set_catalogue(summary.catalogue)
    qtmodeltester.check(model)
    assert model.rowCount() == len(summary.catalogue.attributes)


def test_catalogue_filter_and_sort_pass_the_model_tester(qtbot, qtmodeltester, summary) -> None:
    catalogue = AttributeCatalogue()
    qtbot.addWidget(catalogue)
    catalogue.set_catalogue(summary.catalogue)
    qtbot.keyClicks(catalogue.filter, "addr")
    assert [catalogue.proxy.index(r, 0).data() for r in range(catalogue.proxy.rowCount())] == \
        ["Address", "Address.Street"]
    catalogue.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(catalogue.proxy)


def test_mixed_types_are_flagged_in_the_table(summary) -> None:
    model = CatalogueModel()
    model.set_catalogue(summary.catalogue)
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    zip_types = model.index(rows["Zip"], 3)
    assert zip_types.data().startswith("⚠ mixed: string 26, number 14")
    assert "More than one type" in zip_types.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(rows["City"], 0).data(QueryRole) == "has:City"


def test_chart_hover_text_and_click(qtbot) -> None:
    chart = BarChart("Audiences", "testChart", horizontal=True)
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.show()
    chart.set_bars(["VIP", "Newsletter"], [1234567, 3], ["audience:VIP", "audience:Newsletter"])
    qtbot.waitExposed(chart)
    assert chart.bar_text(0) == "VIP: 1,234,567"
    with qtbot.waitSignal(chart.barClicked, timeout=3000) as blocker:
        QTest.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=chart.bar_center(0).toPoint())
    assert blocker.args == ["audience:VIP"]


def test_chart_saves_a_png(qtbot, tmp_path: Path) -> None:
    chart = BarChart("Sales", "salesTestChart")
    qtbot.addWidget(chart)
    chart.resize(500, 250)
    chart.set_bars(["0 – 10", "10 – 20"], [5, 7], ["a", "b"])
    target = tmp_path / "chart.png"
    assert chart.save_image(str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def city_values_charted(qtbot, summary) -> AttributeCatalogue:
    """A catalogue on screen, City selected and its values charted."""
    catalogue = AttributeCatalogue()
    qtbot.addWidget(catalogue)
    catalogue.resize(800, 600)
    catalogue.show()
    catalogue.set_catalogue(summary.catalogue)
    assert catalogue.select_path("City")
    qtbot.waitUntil(lambda: "distinct" in catalogue.values_note.text(), timeout=5000)
    return catalogue


def test_selecting_a_path_charts_its_values(qtbot, summary) -> None:
    catalogue = city_values_charted(qtbot, summary)
    chart = catalogue.categories
    assert [chart.bar_text(i) for i in range(chart.bar_count())] == ["Berlin: 20", "Paris: 20"]
    with qtbot.waitSignal(catalogue.queryRequested, timeout=3000) as blocker:
        QTest.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=chart.bar_center(1).toPoint())
    assert blocker.args == ["City=Paris"]


def test_a_new_catalogue_leaves_no_chart_of_the_last_ones_values(qtbot, summary, tmp_path: Path) -> None:
    """A chart left from the catalogue of another search offered bars that now selected no profile."""
    catalogue = city_values_charted(qtbot, summary)
    assert catalogue.charts.currentWidget() is catalogue.values_scroll  # the categories chart, scrollable
    assert catalogue.values_scroll.widget() is catalogue.categories
    path = tmp_path / "berlin.json"
    path.write_text(json.dumps([profile(2 * n) for n in range(10)]))
    catalogue.set_catalogue(viewer.summarize(viewer.load(path)).catalogue)
    assert catalogue.charts.currentWidget() is catalogue.no_chart
    assert catalogue.values_note.text() == "Select a path to see its values."


def test_overview_page_shows_the_figures(qtbot, summary, tmp_path: Path) -> None:
    page = OverviewPage()
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    page.set_summary(summary)
    qtbot.waitUntil(page.is_complete, timeout=5000)  # the charts are made one per event-loop turn
    live = page.figure_button("live")
    assert live is not None and live.text() == "30  (75.0%)\nLive"
    assert page.audiences.bar_text(0) == "VIP (ID 1): 20"
    assert page.sales.bar_count() >= 2
    with qtbot.waitSignal(page.queryRequested, timeout=3000) as blocker:
        qtbot.mouseClick(live, Qt.MouseButton.LeftButton)
    assert blocker.args == ["env:live"]
    page.grab().save(str(tmp_path / "overview.png"))  # renders offscreen (looked at by hand while writing)


def test_hovering_a_bar_shows_its_exact_count(qtbot) -> None:
    from PySide6.QtWidgets import QToolTip

    chart = BarChart("Audiences", "hoverChart", horizontal=True)
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.show()
    chart.set_bars(["VIP", "Newsletter"], [1234567, 3], ["audience:VIP", "audience:Newsletter"])
    qtbot.waitExposed(chart)
    QTest.mouseMove(chart.plot.viewport(), chart.bar_center(0).toPoint())
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    assert QToolTip.text() == "VIP: 1,234,567\nClick to list them: audience:VIP"


@pytest.mark.parametrize(("counts", "ticks"), [([3, 1], ["0", "1", "2", "3"]),
                                                ([15000, 2000], ["0", "5,000", "10,000", "15,000"])])
def test_count_axes_show_whole_numbers_with_separators(qtbot, counts, ticks) -> None:
    """Small counts still get numbers on their axis, never 0.5; big ones read like the other figures."""
    chart = BarChart("Closed sessions", "testChart")
    qtbot.addWidget(chart)
    chart.set_bars(["a", "b"], counts, [None, None])
    [major, _minor] = chart.plot.getAxis("left")._tickLevels
    assert [text for _value, text in major] == ticks


def test_selecting_a_list_charts_its_elements(qtbot, summary) -> None:
    catalogue = AttributeCatalogue()
    qtbot.addWidget(catalogue)
    catalogue.set_catalogue(summary.catalogue)
    assert catalogue.select_path("Tags")
    qtbot.waitUntil(lambda: "distinct" in catalogue.values_note.text(), timeout=5000)
    assert "in its lists" in catalogue.values_note.text()
    assert catalogue.categories.bar_count() > 0  # the elements' values, not an empty chart


def test_values_that_are_all_different_are_said_not_drawn(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "emails.json"
    path.write_text(json.dumps([profile(n, attributes={"Email": f"user{n}@example.com"}) for n in range(40)]))
    catalogue = AttributeCatalogue()
    qtbot.addWidget(catalogue)
    catalogue.resize(800, 600)
    catalogue.show()
    catalogue.set_catalogue(viewer.summarize(viewer.load(path)).catalogue)
    assert catalogue.select_path("Email")
    qtbot.waitUntil(lambda: "all different" in catalogue.values_note.text(), timeout=5000)
    assert catalogue.charts.currentWidget() is catalogue.unique
    assert catalogue.model.index(0, 5).data().startswith("all different: user0@example.com, user1@example.com")
    assert catalogue.unique.message.text().startswith("Email: All 40 values are different")
    examples = catalogue.unique.examples
    assert [examples.item(i).text() for i in range(examples.count())] == [f"user{n}@example.com" for n in range(8)]
    with qtbot.waitSignal(catalogue.queryRequested, timeout=3000) as blocker:
        rect = examples.visualItemRect(examples.item(1))
        QTest.mouseClick(examples.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["Email=user1@example.com"]
    catalogue.grab().save(str(tmp_path / "unique.png"))


def test_empty_lists_are_counted_apart_and_the_counts_explained(qtbot, summary) -> None:
    catalogue = AttributeCatalogue()
    qtbot.addWidget(catalogue)
    catalogue.set_catalogue(summary.catalogue)
    model = catalogue.model
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    tags = rows["Tags"]
    assert model.index(tags, 1).data() == "20"  # the 20 profiles with a tag, as has:Tags selects them
    assert model.index(tags, 3).data() == "list 40 (20 empty)"  # every profile has a list, 20 are empty
    assert "20 empty lists" in model.index(tags, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert "empty lists included" in model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "has:PATH" in model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert catalogue.legend.text().startswith("Profiles: those with a value at the path")


def test_a_path_of_times_says_so_in_the_catalogue(qtbot, qtmodeltester, tmp_path: Path) -> None:
    # "string" alone hid that a path holds times; the JSON type (and --summary --json) stays "string".
    rows = [profile(n, attributes={"SignupDate": f"2024-0{n % 9 + 1}-02T03:04:05Z", "City": "Berlin"})
            for n in range(30)]
    path = tmp_path / "times.json"
    path.write_text(json.dumps(rows))
    summary = viewer.summarize(viewer.load(path))
    assert dict(summary.catalogue.get("SignupDate").types) == {"string": 30}
    catalogue = AttributeCatalogue()
    qtbot.addWidget(catalogue)
    catalogue.resize(900, 600)
    catalogue.show()
    catalogue.set_catalogue(summary.catalogue)
    shown = {catalogue.proxy.index(r, 0).data(): catalogue.proxy.index(r, 3) for r in range(catalogue.proxy.rowCount())}
    qtbot.waitUntil(lambda: shown["SignupDate"].data() == "string (date-time) 30", timeout=5000)
    assert "RFC 3339" in shown["SignupDate"].data(Qt.ItemDataRole.ToolTipRole)
    assert shown["City"].data() == "string 30"
    qtmodeltester.check(catalogue.proxy)


def test_values_nearly_all_different_list_the_most_frequent_with_their_counts(qtbot, tmp_path: Path) -> None:
    """Phone numbers, a few of them twice: not 30 bars of height 2, but words and the most frequent."""
    phones = [f"+49 30 {n:07d}" for n in range(60)] + [f"+49 30 {n:07d}" for n in range(35)]
    path = tmp_path / "phones.json"
    path.write_text(json.dumps([profile(n, attributes={"Phone": p}) for n, p in enumerate(phones)]))
    catalogue = AttributeCatalogue()
    qtbot.addWidget(catalogue)
    catalogue.set_catalogue(viewer.summarize(viewer.load(path)).catalogue)
    assert catalogue.select_path("Phone")
    qtbot.waitUntil(lambda: "nearly all different" in catalogue.values_note.text(), timeout=5000)
    assert catalogue.charts.currentWidget() is catalogue.unique
    assert "25 of them occur only once and none more than 2 times" in catalogue.unique.message.text()
    assert catalogue.unique.lead.text() == "The most frequent:"
    assert catalogue.unique.examples.item(0).text() == "+49 30 0000000   (2 profiles)"


def test_paced_background_work_stands_aside_while_the_charts_are_made(qtbot, summary, monkeypatch) -> None:
    """pyqtgraph makes and paints a chart in Python: beside a busy worker each of its calls waits for the GIL."""
    from viewer.ui import tasks

    monkeypatch.setattr(tasks, "_held_until", 0.0)
    page = OverviewPage()
    qtbot.addWidget(page)
    paused: list[bool] = []
    page.chartsMade.connect(lambda: paused.append(tasks._held_until > time.monotonic()))
    page.set_summary(summary)
    qtbot.waitUntil(page.is_complete, timeout=5000)
    assert paused == [True]  # still holding while the last chart is first painted


def test_paths_of_objects_and_lists_point_to_where_their_values_are(summary) -> None:
    """Not "0 distinct" and a blank cell: their values are counted at their keys and elements."""
    model = CatalogueModel()
    model.set_catalogue(summary.catalogue)
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert model.index(rows["Address"], 4).data() == "—"
    assert model.index(rows["Address"], 5).data() == "(values: see its keys, Address.Street …)"
    assert model.index(rows["Tags"], 5).data() == "(values: see Tags[])"
    assert model.index(rows["Tags"], 4).data(SortRole) == 0  # sorts as no distinct value


def test_many_audiences_chart_the_largest_each_with_its_label(qtbot, tmp_path: Path) -> None:
    """Each bar has a line of its own for its label, so a long list is cut to the largest, and the title says so."""
    path = tmp_path / "audiences.json"
    members = [[{"id": a, "name": f"Audience {a}"} for a in range(1, 46) if n % a == 0] for n in range(90)]
    path.write_text(json.dumps([profile(n, audienceMemberships=members[n]) for n in range(90)]))
    page = OverviewPage()
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    page.set_summary(viewer.summarize(viewer.load(path)))
    qtbot.waitUntil(page.is_complete, timeout=5000)
    chart = page.audiences
    assert chart.bar_count() == 40 and chart.bar_text(0) == "Audience 1 (ID 1): 90"
    assert "the 40 largest of 45" in chart.title.text()
    [major, _minor] = chart.plot.getAxis("left")._tickLevels
    assert len(major) == 40  # every bar labelled
    assert chart.plot.height() >= chart.plot.minimumHeight() > 40 * 10  # the page grew to fit them
