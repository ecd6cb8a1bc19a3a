"""Tabs with less empty space around their titles, so a row of seven titled tabs fits a half window.

The profile tabs (Attributes … Raw JSON, most with a count) measured 597 px in
Fusion at the sample's titles, where a 1280 px window leaves them 553 px: the
last tab hid behind scroll arrows. Of those 597 px, 7 × 24 px are the style's
horizontal space around each title (``PM_TabBarTabHSpace``); leaving
``TAB_SPACE`` of it keeps titles and counts whole (499 px; 549 px with the
longest usual title, ``Problems 10 · 1 note`` of a saved page with more pages),
and the style still draws the tabs. It must be the style's metric, not a smaller ``tabSizeHint``: the
style lays the title out inside the tab minus that space, and clipped it.
Scroll arrows stay for windows narrower than that.
"""

from __future__ import annotations

from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QTabBar, QWidget

TAB_SPACE = 10  # px around a tab's title (Fusion's own: 24): 5 px a side


class CompactTabStyle(QProxyStyle):
    """The application's style, with at most ``TAB_SPACE`` around tab titles."""

    def pixelMetric(  # noqa: N802 - Qt API
        self, metric: QStyle.PixelMetric, option: QStyleOption | None = None, widget: QWidget | None = None
    ) -> int:
        value = super().pixelMetric(metric, option, widget)
        return min(TAB_SPACE, value) if metric == QStyle.PixelMetric.PM_TabBarTabHSpace else value


def make_compact(bar: QTabBar) -> CompactTabStyle:
    """Give ``bar`` the compact tab style; the bar owns it (it is deleted with the bar)."""
    style = CompactTabStyle()
    style.setParent(bar)
    bar.setStyle(style)
    return style
