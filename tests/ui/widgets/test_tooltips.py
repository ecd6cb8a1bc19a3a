"""Tooltips: file text shown literally, wrapped to a readable width, cut to a readable size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QWidget

from viewer.ui.widgets.tooltips import TOOLTIP_LIMIT, TOOLTIP_LINES, TOOLTIP_WIDTH, tooltip_html, wrap_line


@pytest.fixture
def host(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(300, 200)
    widget.show()
    return widget


def on_screen(qtbot, host: QWidget, tooltip: str) -> QLabel:
    """The tooltip Qt shows for ``tooltip`` over ``host``."""
    QToolTip.showText(host.mapToGlobal(QPoint(10, 10)), tooltip, host)
    label = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "qtooltip_label")
    qtbot.waitUntil(lambda: label.text() == tooltip)
    return label


def shown(tooltip: str) -> list[str]:
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText().splitlines()


def test_a_two_megabyte_value_gives_a_tooltip_narrower_than_the_screen(qtbot, host):
    tip = tooltip_html("x" * 2_000_000)
    label = on_screen(qtbot, host, tip)
    assert label.width() <= label.screen().availableGeometry().width()
    lines = shown(tip)
    assert all(len(line) <= TOOLTIP_WIDTH for line in lines[:-1])
    assert sum(map(len, lines[:-1])) == TOOLTIP_LIMIT
    assert lines[-1] == "… 1,998,500 more characters: the detail area shows everything"
    QToolTip.hideText()


def test_a_sentence_wraps_at_a_readable_width_not_into_a_narrow_column(qtbot, host):
    message = "expected a number, found text (\"12,50\"): the viewer shows it as text and it sorts after every number"
    label = on_screen(qtbot, host, tooltip_html(message))
    assert label.width() >= 0.9 * label.fontMetrics().horizontalAdvance(message[:TOOLTIP_WIDTH])
    assert shown(tooltip_html(message)) == wrap_line(message)  # two lines, broken at a space
    assert len(wrap_line(message)) == 2 and wrap_line(message)[0].endswith(" ")
    QToolTip.hideText()


def test_many_short_lines_are_cut_too():
    lines = shown(tooltip_html(*(f"line {n}" for n in range(1000))))
    assert len(lines) == TOOLTIP_LINES + 1
    assert lines[-1].endswith("more characters: the detail area shows everything")
    assert shown(tooltip_html("x" * 2000, where="Copy copies it all"))[-1] == "… 500 more characters: Copy copies it all"


@pytest.mark.parametrize("text", ["<img src=x><b>bold</b>", "two  spaces\tand a tab", "a" * 79 + " " + "b" * 300, ""])
def test_file_text_is_shown_character_for_character(text):
    assert "".join(wrap_line(text)) == text
    assert "".join(shown(tooltip_html(text))) == text
