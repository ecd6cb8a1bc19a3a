"""The profile's tabs: titles change with each profile; the tab bar is laid out again only when it must be."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from viewer.ui.details.profile_tabs import ProfileTabs


def tabs(qtbot) -> ProfileTabs:
    widget = ProfileTabs()
    qtbot.addWidget(widget)
    for title in ("Attributes", "Audiences 0", "Sessions", "Apps 0"):
        widget.addTab(QWidget(), title)
    widget.resize(900, 400)
    widget.show()
    QApplication.processEvents()
    return widget


def test_titles_change_and_the_tab_bar_grows_and_shrinks_with_them(qtbot):
    widget = tabs(qtbot)
    bar = widget.tabBar()
    narrow = bar.width()
    widget.set_title(2, "Sessions 12,345 · with a much longer title")
    QApplication.processEvents()
    assert widget.tabText(2) == "Sessions 12,345 · with a much longer title"
    assert bar.width() > narrow  # laid out again: the longer title is not cut short
    assert bar.tabRect(3).right() <= bar.width()
    widget.set_title(2, "Sessions 9")
    QApplication.processEvents()
    assert bar.width() < narrow + 40


def test_a_hidden_tab_comes_back_with_its_new_title_whole(qtbot):
    widget = tabs(qtbot)
    widget.show_tab(2, False)
    QApplication.processEvents()
    assert not widget.isTabVisible(2)
    widget.show_tab(2, True)  # shown before the title changes (see ProfileDetails.set_profile)
    widget.set_title(2, "Sessions 1,234")
    QApplication.processEvents()
    bar = widget.tabBar()
    assert widget.isTabVisible(2) and bar.tabRect(2).width() >= bar.fontMetrics().horizontalAdvance("Sessions 1,234")
