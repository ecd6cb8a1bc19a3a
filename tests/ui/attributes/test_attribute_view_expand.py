"""Expand all on a huge tree says where it stopped and offers to go on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from viewer.ui.attributes.view import EXPAND_ALL_BUDGET, AttributeView

# 250 objects of 100 keys: 25,250 rows, more than one Expand all opens.
HUGE = {f"Order{n:03d}": {f"line{k:02d}": k for k in range(100)} for n in range(250)}


@pytest.fixture
def view(qtbot) -> AttributeView:
    widget = AttributeView()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    return widget


def bar(view: AttributeView) -> tuple[QWidget, QLabel, QPushButton]:
    return (
        view.findChild(QWidget, "attributeExpandBar"),
        view.findChild(QLabel, "attributeExpandNote"),
        view.findChild(QPushButton, "attributeExpandMore"),
    )


def opened(view: AttributeView) -> int:
    tree, model = view.tree_view(), view.tree_view().model()
    return sum(tree.isExpanded(model.index(row, 0)) for row in range(model.rowCount()))


def test_expand_all_says_it_stopped_and_expand_more_goes_on(view, qtbot):
    view.set_attributes(HUGE, key="huge")
    strip, note, more = bar(view)
    assert not strip.isVisible()
    view.expand_all()
    assert strip.isVisible()
    assert note.text() == "Expanded the first 20,050 rows; the rest stay collapsed."
    assert more.text() == f"Expand {EXPAND_ALL_BUDGET:,} more"
    assert opened(view) == 198  # 250 + 198 × 100 = 20,050 rows shown; 52 orders still closed
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    assert opened(view) == 250
    assert not strip.isVisible()  # nothing left to expand: nothing left to say


def test_the_note_goes_when_the_expansion_does(view):
    view.set_attributes(HUGE, key="huge")
    strip, _, _ = bar(view)
    view.expand_all()
    view.collapse_all()
    assert not strip.isVisible()
    view.expand_to_level(1)
    assert strip.isVisible()
    view.set_attributes({"Name": "Ada", "Address": {"City": "Malmö"}}, key="small")
    assert not strip.isVisible()
    view.expand_all()
    assert not strip.isVisible() and opened(view) == 1  # all of a small tree: no note
