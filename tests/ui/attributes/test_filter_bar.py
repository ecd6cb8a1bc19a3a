"""The attribute filter bar: its placeholder is read whole at any width."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from viewer.ui.attributes.filter_bar import PLACEHOLDERS, AttributeFilterBar


def test_the_placeholder_says_what_fits_the_box(qtbot) -> None:
    bar = AttributeFilterBar()
    qtbot.addWidget(bar)
    box = bar.findChild(QLineEdit, "attributeFilter")
    bar.resize(1000, 30)
    bar.show()
    qtbot.waitUntil(lambda: box.placeholderText() == PLACEHOLDERS[0])  # wide: the syntax in full

    bar.resize(420, 30)  # beside the profile panel: the box is ~250 px
    qtbot.waitUntil(lambda: box.placeholderText() != PLACEHOLDERS[0])
    shown = box.placeholderText()
    assert box.fontMetrics().horizontalAdvance(shown) < box.width() - box.height()  # whole, not "…>100 Addre…"
    assert shown.startswith("Filter attributes…")
