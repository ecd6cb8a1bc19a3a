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
