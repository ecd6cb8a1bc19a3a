"""The attribute model's cells and tooltips as a user reads them: dates, huge values."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from viewer.attributes.tree import AttributeTree
from viewer.ui.attributes.model import VALUE_COLUMN, AttributeModel
from viewer.ui.roles import CopyRole
from viewer.ui.widgets.tooltips import TOOLTIP_LIMIT, TOOLTIP_WIDTH


@pytest.fixture(params=["ICT-7", "EST5"], ids=["east of UTC", "west of UTC"])
def local_zone(request, monkeypatch):
    """The user's clock 7 hours ahead of UTC, or 5 behind (POSIX zones: no tz database needed)."""
    if not hasattr(time, "tzset"):
        pytest.skip("the time zone can only be switched where time.tzset exists")
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def shown(tooltip: str) -> str:
    """What a rich-text tooltip reads once Qt renders it."""
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def test_birthday_cell_shows_the_date_and_its_tooltip_the_exact_text(local_zone):
    model = AttributeModel()
    model.set_tree(AttributeTree({"BirthDate": "1996-08-16T00:00:00Z"}))
    cell = model.index(0, VALUE_COLUMN)
    assert cell.data() == "1996-08-16"
    assert shown(cell.data(Qt.ItemDataRole.ToolTipRole)).splitlines() == ["1996-08-16", "1996-08-16T00:00:00Z"]
    assert cell.data(CopyRole) == "1996-08-16T00:00:00Z"


def test_tooltip_of_a_two_megabyte_value_is_readable_and_says_where_the_rest_is():
    value = "word " * 400_000  # 2 MB
    model = AttributeModel()
    model.set_tree(AttributeTree({"Blob": value}))
    text = shown(model.index(0, VALUE_COLUMN).data(Qt.ItemDataRole.ToolTipRole))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= TOOLTIP_WIDTH
    assert len(text) <= TOOLTIP_LIMIT + 200
    assert lines[-1].endswith("more characters: the detail area shows everything")
    assert model.index(0, VALUE_COLUMN).data(CopyRole) == value  # the copy keeps all of it
