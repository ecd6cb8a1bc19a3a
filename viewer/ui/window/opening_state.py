"""What the window says while a file opens: the welcome page's "Opening …" and the window title.

A file given on the command line is asked for before the window's first paint,
and reading 100,000 profiles (87 MB) took about a second: the start page's
"Open…" and "No recent files" and the bare title "Audience Viewer" showed all
that time, as if nothing had been opened. From the load's start the page says
which file opens and how far (the status bar below says how far), and the
title names the file: ``customers.json (opening…) - Audience Viewer``. The
application's name stays last: Qt appends the display name to a title that does
not end with it. When the load ends the window sets its own title; a cancelled
or failed one puts back the title it replaced.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Slot

from viewer.ui.window.dialogs import APP_NAME
from viewer.ui.window.summary import export_name

OPENING = "(opening…)"


def opening_title(paths: list[str]) -> str:
    """``customers.json (opening…) - Audience Viewer``."""
    return f"{export_name(paths)} {OPENING} - {APP_NAME}"


class OpeningState(QObject):
    """Follows ``loads`` (the window's ``LoadWorker``) on the welcome ``page`` and its window's title."""

    def __init__(self, page: Any, loads: Any) -> None:  # a WelcomePage (which imports this module)
        super().__init__(page)
        self._page = page
        self._title_before: str | None = None  # the title an opening load replaced
        loads.started.connect(self._started)
        loads.loaded.connect(self._loaded)
        loads.failed.connect(self._stopped)
        loads.cancelled.connect(self._stopped)

    @Slot(list)
    def _started(self, paths: list[str]) -> None:
        window = self._page.window()
        if self._title_before is None or OPENING not in window.windowTitle():
            self._title_before = window.windowTitle()
        window.setWindowTitle(opening_title(paths))
        self._page.show_opening(export_name(paths))

    @Slot()
    def _loaded(self) -> None:  # the window has set its title for the export already
        self._title_before = None
        self._page.show_start()

    @Slot()
    def _stopped(self) -> None:
        window = self._page.window()
        if self._title_before is not None and OPENING in window.windowTitle():
            window.setWindowTitle(self._title_before)
        self._title_before = None
        self._page.show_start()
