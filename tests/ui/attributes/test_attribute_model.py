"""The attribute model's cells and tooltips as a user reads them: dates, huge values."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from viewer.attributes.tree import AttributeTree
from viewer.ui.attributes.model import VALUE_COLUMN, AttributeModel
from viewer.ui.roles import CopyRole
from viewer.ui.widgets.tooltips import TOOLTIP_LIMIT, TOOLTIP_WIDTH


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
