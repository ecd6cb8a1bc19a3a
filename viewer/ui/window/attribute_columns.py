"""Attribute columns and value counts of the profile list, wired to the window.

* The attribute columns chosen (``attributeColumnChooser``) are remembered in the
  settings as soon as they change, and put back before the window restores the
  list's header state, so the header finds as many sections as it saved.
* The chooser offers the paths of the attribute catalogue: the overview's
  when it has one, else worked out in a worker (one pass over the profiles:
  about the cost of parsing the file) while the dialog already shows.
* "Value counts…" counts the column over the profiles the list shows, in a
  worker (reading an attribute of 100,000 profiles from their text: 0.2 s), and
  shows the table (``valueCounts``); activating a row puts its query in the
  search box (within a search: added to it), so the list shows those profiles.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Slot

from viewer.insights.catalogue import CatalogueBuilder
from viewer.insights.list_columns import ValueCounts, attribute_value_counts, field_value_counts
from viewer.model.profile import Profile
from viewer.reading.load_errors import LoadCancelled
from viewer.ui.profiles.attribute_chooser import AttributeColumnChooser
from viewer.ui.profiles.value_counts import ValueCountsPanel
from viewer.ui.tasks import Task, TaskRunner
from viewer.ui.window import settings
from viewer.ui.window.state import HEADER_KEY

COLUMNS_KEY = "profileList/attributeColumns"
CHUNK = 2_000  # profiles between cancel polls and pauses
PAUSE = 0.002  # seconds a worker sleeps per chunk, so the window keeps painting


def saved_paths() -> list[str]:
    """The attribute columns remembered from the last run."""
    value = settings.settings().value(COLUMNS_KEY)
    try:
        paths = json.loads(value) if isinstance(value, str) else []
    except ValueError:
        return []
    return [p for p in paths if isinstance(p, str) and p] if isinstance(paths, list) else []


def save_paths(paths: Sequence[str]) -> None:
    """Remember the attribute columns for the next run."""
    store = settings.settings()
    store.setValue(COLUMNS_KEY, json.dumps(list(paths)))
    store.sync()


def catalogue_paths(task: Task, profiles: Sequence[Profile]) -> list[str]:
    """The worker: every attribute path of ``profiles``, in the catalogue's order."""
    builder = CatalogueBuilder()
    total = len(profiles)
    for start in range(0, total, CHUNK):
        if task.cancelled():
            raise LoadCancelled("the catalogue was cancelled")
        builder.add(profiles[n] for n in range(start, min(start + CHUNK, total)))
        task.progress(min(start + CHUNK, total), total)
        task.pause(PAUSE)
    return [stats.path for stats in builder.finish().attributes]


def count_values(task: Task, profiles: Sequence[Profile], rows: Sequence[int] | None, column: int,
                 path: str | None) -> ValueCounts:
    """The worker: the frequency table of the list column ``column`` (``path``: an attribute column)."""
    if path is None:
        return field_value_counts(profiles, rows, column)

    def poll(n: int) -> None:
        if task.cancelled():
            raise LoadCancelled("the count was cancelled")
        task.progress(n, len(profiles))
        task.pause(PAUSE)

    return attribute_value_counts(profiles, rows, path, poll)


class ListColumns(QObject):
    """The profile list's attribute columns and value counts for ``window`` (a MainWindow)."""

    def __init__(self, window: Any, overview: Any = None) -> None:
        super().__init__(window)
        self._window = window
        self._overview = overview
        self._runner = TaskRunner(self)
        self._paths_for: tuple[Any, list[str]] | None = None  # (profiles, catalogue paths)
        self.chooser: AttributeColumnChooser | None = None
        self.panel: ValueCountsPanel | None = None
        self._scope = ""  # the search the value counts were counted in
        table, model = window.table, window.model
        for path in saved_paths():
            model.add_attribute_column(path)
        model.attributeColumnsChanged.connect(self._save)
        table.attributeColumnRequested.connect(self.choose_column)
        table.valueCountsRequested.connect(self.show_value_counts)
        window.fileLoaded.connect(self._export_changed)

    @Slot()
    def _save(self) -> None:
        # The header state goes with the columns: one restored over a different count of sections
        # is taken by Qt, but the state saved after it no longer restores (measured with PySide6 6.11).
        save_paths(self._window.model.attribute_paths())
        settings.save_state(HEADER_KEY, self._window.table.horizontalHeader().saveState())

    def _profiles(self) -> Sequence[Profile]:
        result = self._window.result
        return result.export.profiles if result is not None else ()

    # -- the chooser ---------------------------------------------------------------------------
    @Slot()
    def choose_column(self) -> AttributeColumnChooser:
        """Open the chooser of an attribute column (``attributeColumnChooser``)."""
        if self.chooser is None:
            self.chooser = AttributeColumnChooser((), self._window)
            self.chooser.pathChosen.connect(self._window.table.add_attribute_column)
        chooser = self.chooser
        chooser.search.clear()
        profiles = self._profiles()
        known = self._known_paths(profiles)
        if known is not None:
            chooser.set_paths(known)
        else:
            chooser.set_paths([], "Reading the attribute paths of every profile…")
            self._runner.submit("catalogue", catalogue_paths, profiles,
                                on_result=lambda paths: self._paths_ready(profiles, paths), on_error=_report)
        chooser.show()
        chooser.raise_()
        chooser.search.setFocus()
        return chooser

    def _known_paths(self, profiles: Sequence[Profile]) -> list[str] | None:
        if self._paths_for is not None and self._paths_for[0] is profiles:
            return self._paths_for[1]
        page = getattr(self._overview, "page", None)
        summary = getattr(page, "summary", None)
        catalogue = getattr(summary, "catalogue", None)
        if catalogue is not None and getattr(summary, "scope", "") == "export" and profiles:
            return [stats.path for stats in catalogue.attributes]
        return None if profiles else []

    def _paths_ready(self, profiles: Sequence[Profile], paths: list[str]) -> None:
        self._paths_for = (profiles, paths)
        if self.chooser is not None and profiles is self._profiles():
            self.chooser.set_paths(paths)

    # -- value counts --------------------------------------------------------------------------
    @Slot(int)
    def show_value_counts(self, column: int) -> ValueCountsPanel:
        """Count the values of list column ``column`` over the shown profiles and show the table."""
        window, model = self._window, self._window.model
        if self.panel is None:
            self.panel = ValueCountsPanel(window)
            self.panel.queryRequested.connect(self.apply_query)
        panel = self.panel
        title = str(model.headerData(column, window.table.horizontalHeader().orientation()) or "")
        profiles = self._profiles()
        searched = window.search.text().strip() if window.list_pane.search_error is None else ""
        rows = model.shown_profile_indices(range(model.rowCount())) if searched else None
        self._scope = searched
        panel.show_counting(title)
        scope = f"search: {searched}" if searched else "whole export"
        self._runner.submit("counts", count_values, profiles, rows, column, model.attribute_path(column),
                            on_result=lambda counts: self._counts_ready(profiles, counts, scope), on_error=_report)
        panel.show()
        panel.raise_()
        return panel

    def _counts_ready(self, profiles: Sequence[Profile], counts: ValueCounts, scope: str) -> None:
        if self.panel is not None and profiles is self._profiles():
            self.panel.set_counts(counts, scope)

    @Slot(str)
    def apply_query(self, query: str) -> None:
        """A value count was activated: list its profiles (within the search it was counted in)."""
        text = f"({self._scope}) {query}" if self._scope else query
        self._window.search.setText(text)
        overview = self._overview
        if overview is not None and overview.is_showing():
            overview.show_profiles()

    @Slot()
    def _export_changed(self) -> None:
        self._runner.cancel("counts")
        self._runner.cancel("catalogue")
        self._paths_for = None
        if self.panel is not None:
            self.panel.hide()


def _report(error: BaseException) -> None:
    if not isinstance(error, LoadCancelled):
        sys.excepthook(type(error), error, error.__traceback__)
