"""The overview's bar charts: what their axes say."""

from __future__ import annotations

import pytest

pytest.importorskip("pyqtgraph")

from viewer.ui.overview.charts import BarChart  # noqa: E402


def axis_texts(chart: BarChart, name: str) -> list[str]:
    [major, _minor] = chart.plot.getAxis(name)._tickLevels
    return [text for _value, text in major]


def test_an_audience_bar_names_the_audience_in_full(qtbot) -> None:
    """"Newsletter subscribers (ID …" cut the name's note in half; the name shows whole, the ID on hover."""
    chart = BarChart("Audiences by size", "audienceChart", horizontal=True)
    qtbot.addWidget(chart)
    chart.resize(620, 240)
    labels = ["Frequent buyers (ID 5)", "Newsletter subscribers (ID 7)",
              "A very long audience name that no axis has room for at all (ID 12)"]
    chart.set_bars(labels, [30, 20, 10], [None, None, None])
    texts = axis_texts(chart, "left")
    assert texts[:2] == ["Frequent buyers (ID 5)", "Newsletter subscribers (ID 7)"]
    assert texts[2].startswith("A very long audience name") and "ID" not in texts[2]
    assert chart.bar_text(2) == "A very long audience name that no axis has room for at all (ID 12): 10"


def test_every_one_of_thirty_horizontal_bars_is_labelled(qtbot) -> None:
    """30 values in 230 px labelled every other bar ("München", the second, had no label)."""
    from PySide6.QtGui import QFontMetrics

    chart = BarChart("Address.City", "valuesChart", horizontal=True)
    qtbot.addWidget(chart)
    chart.resize(620, 230)
    cities = ["Stockholm", "München", *(f"City {n}" for n in range(28))]
    chart.set_bars(cities, [2, *([1] * 29)], [None] * 30)
    assert axis_texts(chart, "left") == cities
    axis = chart.plot.getAxis("left")
    line = QFontMetrics(axis.style.get("tickFont") or chart.font()).height()
    assert chart.plot.minimumHeight() >= 30 * line  # a line per label: none drawn over its neighbour
    chart.set_bars(cities[:3], [2, 1, 1], [None] * 3)
    assert chart.plot.minimumHeight() < 30 * line  # three bars need no tall chart


def test_month_ticks_fall_on_the_start_of_a_year_or_quarter(qtbot) -> None:
    """Every 13th month from 2020-01 read 2021-02, 2022-03, …: ticks go on Januaries or quarter starts."""
    months = [f"{year}-{month:02}" for year in range(2020, 2026) for month in range(1, 13)][1:]  # from 2020-02
    chart = BarChart("Created per month", "monthChart")
    qtbot.addWidget(chart)
    chart.set_bars(months, [1] * len(months), [None] * len(months))
    texts = axis_texts(chart, "bottom")
    assert len(texts) >= 4
    assert all(text[5:] in ("01", "04", "07", "10") for text in texts), texts
    assert texts == ["2021-01", "2022-01", "2023-01", "2024-01", "2025-01"]

    short = months[:8]  # 2020-02 … 2020-09: every month, or every quarter
    chart.set_bars(short, [1] * len(short), [None] * len(short))
    texts = axis_texts(chart, "bottom")
    assert texts == short or all(text[5:] in ("01", "04", "07", "10") for text in texts)


def test_a_disabled_chart_is_greyed_and_says_it_is_computing(qtbot) -> None:
    """The page disables the charts while the next summary is worked out: a disabled plot looked live."""
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    chart = BarChart("Total sales", "salesChart")
    QVBoxLayout(holder).addWidget(chart)
    chart.set_bars(["0 – 10", "10 – 20"], [5, 7], ["totalSales<10", "totalSales>=10"])
    holder.resize(500, 300)
    holder.show()
    qtbot.waitExposed(holder)
    live = QColor(chart._bars.opts["brush"])
    assert live == chart.palette().color(QPalette.ColorRole.Highlight) and not chart.busy_note.isVisible()

    holder.setEnabled(False)
    assert chart.is_greyed() and chart.busy_note.isVisible() and chart.busy_note.text() == "Computing…"
    assert QColor(chart._bars.opts["brush"]) != live
    chart.set_bars(["0 – 10"], [3], ["totalSales<10"])  # new bars drawn meanwhile stay grey
    assert QColor(chart._bars.opts["brush"]) != live

    holder.setEnabled(True)
    assert not chart.is_greyed() and not chart.busy_note.isVisible()
    assert QColor(chart._bars.opts["brush"]) == live
