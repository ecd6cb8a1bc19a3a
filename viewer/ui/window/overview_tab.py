"""The overview beside the profile list: a page of the window's stack, one click or Ctrl+Shift+O away.

The ``overviewButton`` in the menu bar's corner and View > Overview switch
between the profiles and the overview page. The summary (``viewer.summarize``)
is worked out by the task runner, never on the GUI thread, with progress and
Cancel on the page; the worker pauses briefly between chunks so the window
keeps painting. While a search is active the page summarises its result (and
says so; one click switches to the whole export). Clicking a figure, bar or
value puts its query in the profile search and shows the list: within a search
result the query is added to the search, so the list shows those profiles of it.
The page and pyqtgraph are built when the overview is first opened.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QToolButton

import viewer
from viewer.insights.overview import Summary
from viewer.query.evaluate import Evaluator, QueryCancelled
from viewer.query.language import ParseError, parse
from viewer.query.search_index import ProfileSearchIndex
from viewer.reading.load_errors import LoadCancelled
from viewer.reading.work_pauses import pausing
from viewer.ui.tasks import Task, TaskRunner, paced_cancel, wait_while_held
from viewer.ui.window.attribute_columns import ListColumns

if TYPE_CHECKING:
    from viewer.ui.overview.overview_page import OverviewPage

EXPORT_PAGE = 1  # the window's page with the profile list
CHARTS_MODULE = "viewer.ui.overview.overview_page"  # imports pyqtgraph and numpy
CHARTS_AFTER_IDLE_MS = 1500  # the charts are imported ahead once search works and nobody typed for this long
PAUSE = 0.002  # seconds the worker sleeps after each chunk, so the GUI thread gets the GIL
CHART_FIELDS = ("totalSales", "closedSessions", "created", "lastActivity")  # what the charts click to


def summarize_scope(task: Task, export: viewer.Export, index: ProfileSearchIndex | None,
                    text: str) -> tuple[str, Summary]:
    """The worker: the profiles ``text`` selects (all when blank), then their summary."""
    rows = None
    query = parse(text) if text else None
    if query is not None and not isinstance(query, ParseError):
        rows = Evaluator(export.profiles, index).matches(query, task.cancelled)

    def progress(done: int, total: int) -> None:
        task.progress(done, total)
        task.pause(PAUSE)
        wait_while_held()  # a keystroke's search goes first

    summary = viewer.summarize(export, rows, progress=progress, cancelled=task.cancelled)
    task.progress(0, 0, force=True)  # the charts' columns have no steps: a busy bar, not one sitting at its end
    prepare_chart_fields(task, export, index)  # here, not beside the charts' first paint (see there)
    return text, summary


def prepare_chart_fields(task: Task, export: viewer.Export, index: ProfileSearchIndex | None) -> None:
    """The worker: read the columns the charts' bars compare (``Evaluator.prepare``), once the overview shows.

    A first click on a total-sales bin read that column: 0.15-0.2 s for 100,000
    profiles and 2-4 s for 1,000,000; with the columns read, a bar's query took
    1-9 ms at 1,000,000 and is answered on the GUI thread. Read in the summary's
    worker, before its result is shown (0.2 s at 100,000, 1.5-2 s at
    1,000,000): reading them (long Python loops with no pause) beside the first
    paint of the charts stalled the GUI 0.14-0.3 s at 1,000,000.
    """
    cancelled = paced_cancel(task)
    try:
        with pausing(cancelled):  # the keys' numpy conversions pause too
            Evaluator(export.profiles, index).prepare(CHART_FIELDS, cancelled)
    except QueryCancelled:
        pass


class OverviewTab(QObject):
    """Shows, computes and wires the overview page of ``window``."""

    def __init__(self, window: Any) -> None:  # the MainWindow (not imported: it imports this module)
        super().__init__(window)
        self._window = window
        self._runner = TaskRunner(self)
        self.page: OverviewPage | None = None
        self._shown_for: tuple[Any, str] | None = None  # (export, search text) of the summary on the page
        self._whole_export = False  # the person chose the whole export while a search is active
        self._show_when_imported = False  # the overview was asked for while a worker imported the charts
        self._charts_done = False  # the worker's import of the charts has ended
        self.button = QToolButton(window)
        self.button.setObjectName("overviewButton")
        self.button.setText("Overview")
        self.button.setCheckable(True)
        self.button.setAutoRaise(True)
        self.button.setToolTip("The whole export at a glance: figures, audiences, attributes (Ctrl+Shift+O)")
        self.button.clicked.connect(self.toggle)
        window.window_actions.overview.triggered.connect(self.toggle)
        window.menuBar().setCornerWidget(self.button, Qt.Corner.TopRightCorner)
        window.fileLoaded.connect(self._export_changed)
        # pyqtgraph is imported ahead, once the person has stopped typing for a moment: an import is one
        # long stretch of Python that cannot stand aside, and beside the first searches of a 100,000-profile
        # file it took up to 135 ms of each keystroke's interpreter time for 0.85 s
        self._idle = QTimer(self, singleShot=True, interval=CHARTS_AFTER_IDLE_MS)
        self._idle.timeout.connect(self._import_charts)
        window.indexBuilt.connect(self._idle.start)
        window.search.textChanged.connect(lambda: self._idle.start() if self._idle.isActive() else None)
        window.list_pane.searchApplied.connect(self._search_changed)
        window.pages.currentChanged.connect(self._page_changed)
        self._page_changed()
        # The list's attribute columns come from the catalogue; made here, before the header state is restored.
        self.list_columns = ListColumns(window, self)

    def is_showing(self) -> bool:
        """Whether the overview page is on screen."""
        return self.page is not None and self._window.pages.currentWidget() is self.page

    @Slot()
    def toggle(self) -> None:
        """Ctrl+Shift+O: the overview, or back to the profiles."""
        if self.is_showing():
            self.show_profiles()
        else:
            self.show_overview()

    @Slot()
    def show_overview(self) -> None:
        """Show the overview page of the open export (nothing happens without one)."""
        if self._window.result is None:
            self.button.setChecked(False)
            return
        if self.page is None and not self._charts_there():  # imported on the GUI thread, or waiting
            self._import_charts()  # on a worker's import lock, froze the window 0.5-1.8 s: shown once imported
            self._show_when_imported = True
            self.button.setChecked(True)
            return
        page = self._page()
        self._window.pages.setCurrentWidget(page)
        self._refresh()

    @Slot()
    def show_profiles(self) -> None:
        """Back to the profile list."""
        self._show_when_imported = False
        if self._window.result is not None:
            self._window.pages.setCurrentIndex(EXPORT_PAGE)

    def _page(self) -> OverviewPage:
        if self.page is None:
            from viewer.ui.overview.overview_page import OverviewPage  # imports pyqtgraph: only when first used

            self.page = OverviewPage(self._window.pages)
            self.page.queryRequested.connect(self.apply_query)
            self.page.backRequested.connect(self.show_profiles)
            self.page.cancelRequested.connect(self._cancel)
            self.page.scopeToggled.connect(self._toggle_scope)
            self._window.pages.addWidget(self.page)
        return self.page

    def _search_text(self) -> str:
        pane = self._window.list_pane
        text = self._window.search.text().strip()
        return "" if self._whole_export or pane.search_error is not None else text

    def _refresh(self) -> None:
        """Work out the summary for the scope on screen, unless the page has it already."""
        result, page = self._window.result, self.page
        if result is None or page is None:
            return
        text = self._search_text()
        self._say_scope(text)
        wanted = (result.export, text)
        if wanted == self._shown_for:
            page.show_progress(None)
            return
        if page.summary is not None:  # greyed out meanwhile: say whose figures they are
            shown = "the whole export's" if page.summary.scope != "selection" else "the last search's"
            button = page.scope_button.text() if not page.scope_button.isHidden() else None
            page.set_scope(f"{page.scope.text()} · working it out; below, greyed: {shown} figures", button)
        self._shown_for = None
        page.show_progress((0, 1))
        self._runner.submit("overview", summarize_scope, result.export, result.index, text,
                            on_result=self._show_summary, on_error=self._failed, on_progress=self._progress)

    def _show_summary(self, answer: tuple[str, Summary]) -> None:
        text, summary = answer
        result, page = self._window.result, self.page
        if result is None or page is None:
            return
        self._shown_for = (result.export, text)
        page.show_progress(None)
        page.set_summary(summary)
        if text:
            page.set_scope(f"Search result: {summary.profiles:,} of {len(result.export.profiles):,} profiles "
                           f"({text})", "Show whole export")
        else:  # not "working it out" any more
            self._say_scope(text)

    def _say_scope(self, text: str) -> None:
        """The page's header: whose figures these are, and the button to the other scope."""
        result, page = self._window.result, self.page
        if result is None or page is None:
            return
        if text:
            page.set_scope(f"Search result: {text}", "Show whole export")
            return
        typed = self._window.search.text().strip()
        page.set_scope(f"Whole export: {len(result.export.profiles):,} profiles",
                       "Show search result" if typed and self._window.list_pane.search_error is None else None)

    def _progress(self, done: int, total: int) -> None:
        if self.page is not None:
            self.page.show_progress((done, total))

    def _failed(self, error: BaseException) -> None:
        if self.page is not None:
            self.page.show_progress(None)
        if not isinstance(error, (LoadCancelled, QueryCancelled)):  # a cancel has nothing to say
            sys.excepthook(type(error), error, error.__traceback__)

    @Slot()
    def _cancel(self) -> None:
        self._runner.cancel("overview")
        if self.page is not None:
            self.page.show_progress(None)
            self.page.set_scope("Overview cancelled: open it again to work it out", None)

    @Slot()
    def _toggle_scope(self) -> None:
        self._whole_export = not self._whole_export if self._window.search.text().strip() else False
        self._refresh()

    @Slot(str)
    def apply_query(self, query: str) -> None:
        """A figure was clicked: search for its profiles and show the list."""
        summary = self.page.summary if self.page is not None else None
        current = self._window.search.text().strip()
        if summary is not None and summary.scope == "selection" and current:
            query = f"({current}) {query}" if query else current
        self._whole_export = False
        self.show_profiles()  # first: the overview must not start on the new search meanwhile
        self._window.search.setText(query)
        self._window.table.setFocus()

    @Slot()
    def _export_changed(self) -> None:
        self._page_changed()  # a big file's list showed (its first profiles) before the export was there
        self._runner.cancel("overview")
        self._shown_for = None
        self._whole_export = False
        if self.page is not None:
            self.page.set_summary(None)
        if self.is_showing():
            self._refresh()

    @Slot()
    def _import_charts(self) -> None:
        """Import pyqtgraph in a worker (once searchable and idle, or when asked for): 0.5-0.9 s the GUI never waits."""
        self._idle.stop()
        if self.page is None and not self._charts_there() and not self._runner.is_busy("charts"):
            self._runner.submit("charts", lambda _task: importlib.import_module(CHARTS_MODULE),
                                on_result=self._charts_imported, on_error=self._charts_imported)

    def _charts_there(self) -> bool:
        return self._charts_done or CHARTS_MODULE in sys.modules

    def _charts_imported(self, _outcome: object) -> None:
        self._charts_done = True  # (an import that failed fails again, and says why, when the page is made)
        if self._show_when_imported:
            self._show_when_imported = False
            self.show_overview()

    @Slot()
    def _search_changed(self) -> None:
        if self.is_showing():
            self._refresh()

    @Slot()
    def _page_changed(self) -> None:
        self.button.setChecked(self.is_showing())
        self.button.setEnabled(self._window.result is not None)
