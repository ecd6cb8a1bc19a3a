"""The profile list's table model: a virtual view over ``export.profiles``.

Nothing is built per cell up front: ``data()`` formats the few visible cells on
demand. Sorting and filtering never go through ``QSortFilterProxyModel`` (its
Python ``lessThan`` over 100,000 rows takes seconds); the model keeps a sorted
permutation of profile indices computed with ``sorted()`` on precomputed keys,
and shows the part of it that passes the search filter.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot

from viewer.model.field_text import money_text
from viewer.model.profile import Profile
from viewer.model.values import int_text, scalar_text
from viewer.ui.latest_runner import LatestRunner

ProfileRole = Qt.ItemDataRole.UserRole + 1  # the Profile object of the row
ProfileIndexRole = Qt.ItemDataRole.UserRole + 2  # its position in the export (int)
SortRole = Qt.ItemDataRole.UserRole + 3  # the key the column sorts by (None sorts last)
CopyRole = Qt.ItemDataRole.UserRole + 4  # exact text for the clipboard

ID, INTEGRATION_ID, ENVIRONMENT, CREATED, LAST_ACTIVITY, SESSIONS, SALES, AUDIENCES = range(8)
HEADERS = (
    "ID",
    "Integration ID",
    "Environment",
    "Created",
    "Last activity",
    "Closed sessions",
    "Total sales",
    "Audiences",
)
HEADER_TIPS = (
    "Internal profile ID",
    "The ID the customer's own systems use",
    "Live, Sandbox, or Unknown when the file does not say",
    "When the profile was created (local time)",
    "The customer's most recent event (local time)",
    "Closed sessions, not counting cancelled or reopened ones",
    "Money spent before discounts",
    "Number of audiences the profile belongs to",
)
ENVIRONMENT_LABELS = {"live": "Live", "sandbox": "Sandbox", "unknown": "Unknown"}
_ENV_ORDER = {"live": 0, "sandbox": 1, "unknown": 2}
_NUMERIC = {ID, SESSIONS, SALES, AUDIENCES}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def format_local(ts: datetime) -> str:
    """A timestamp in local time, minute precision (``2023-03-12 09:05``)."""
    try:
        return ts.astimezone().strftime("%Y-%m-%d %H:%M")
    except (OverflowError, ValueError, OSError):  # years far outside the local tz database
        return ts.strftime("%Y-%m-%d %H:%M %z")


def _sort_key(profile: Profile, column: int) -> Any:
    if column == ID:
        return profile.id
    if column == INTEGRATION_ID:
        value = profile.integration_id
        return None if value is None else value.casefold()
    if column == ENVIRONMENT:
        return _ENV_ORDER[profile.environment]
    if column in (CREATED, LAST_ACTIVITY):
        ts = profile.created if column == CREATED else profile.last_activity
        return None if ts is None else ts.timestamp()
    if column == SESSIONS:
        return profile.closed_sessions
    if column == SALES:
        return profile.total_sales
    return len(profile.audience_memberships)


def sorted_rows(profiles: Sequence[Profile], keys_cache: dict[int, list[Any]], column: int,
                order: Qt.SortOrder) -> list[int] | None:
    """Profile indices in the order of ``column`` (None: file order); missing values last.

    Plain data only, so it may run in a worker thread; ``keys_cache`` keeps each
    column's keys for the next sort.
    """
    if not 0 <= column < len(HEADERS):
        return None
    keys = keys_cache.get(column)
    if keys is None:
        keys = keys_cache[column] = [_sort_key(p, column) for p in profiles]
    present = [i for i, key in enumerate(keys) if key is not None]
    present.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
    if len(present) < len(keys):  # missing values last in either direction
        present.extend(i for i, key in enumerate(keys) if key is None)
    return present


class ProfileTableModel(QAbstractTableModel):
    """One row per visible profile, in the current sort order."""

    sortApplied = Signal()  # the rows are in the requested order

    # Above this many profiles, sort keys are computed and sorted in a worker
    # thread (about a second per million) and the rows reorder when ready.
    background_sort_from = 150_000

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._runner = LatestRunner(self)
        self._runner.resultReady.connect(self._apply_background_sort)
        self._profiles: Sequence[Profile] = ()
        self._order: list[int] | None = None  # sorted permutation; None = file order
        self._filter: set[int] | None = None  # visible profile indices; None = all
        self._rows: Sequence[int] = range(0)  # row -> profile index
        self._row_of: dict[int, int] | None = None  # profile index -> row, built on demand
        self._keys: dict[int, list[Any]] = {}
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- the data --------------------------------------------------------------------------
    def set_profiles(self, profiles: Sequence[Profile]) -> None:
        """Show ``profiles`` (a new export): unfiltered, in the current sort order."""
        self.beginResetModel()
        self._profiles = profiles
        self._keys = {}
        self._filter = None
        background = self._in_background(self._sort_column)
        self._order = None if background else self._sorted(self._sort_column, self._sort_order)
        self._update_rows()
        self.endResetModel()
        if background:  # file order first; the sorted order follows
            self.sort(self._sort_column, self._sort_order)

    def set_filter(self, indices: Sequence[int] | None) -> None:
        """Show only the profiles at ``indices`` (``None``: all of them)."""
        new = None if indices is None else set(indices)
        if new == self._filter:
            return
        self.beginResetModel()
        self._filter = new
        self._update_rows()
        self.endResetModel()

    def profile_count(self) -> int:
        """How many profiles the export has, shown or not."""
        return len(self._profiles)

    def profile_at(self, row: int) -> Profile | None:
        """The profile shown in ``row``."""
        if 0 <= row < len(self._rows):
            return self._profiles[self._rows[row]]
        return None

    def row_of_profile(self, profile_index: int) -> int:
        """The row showing the profile at ``profile_index``; -1 when filtered out."""
        if self._row_of is None:
            if isinstance(self._rows, range):
                return profile_index if 0 <= profile_index < len(self._rows) else -1
            self._row_of = {p: r for r, p in enumerate(self._rows)}
        return self._row_of.get(profile_index, -1)

    def _update_rows(self) -> None:
        order = self._order
        flt = self._filter
        if order is None:
            self._rows = range(len(self._profiles)) if flt is None else sorted(flt)
        else:
            self._rows = order if flt is None else [i for i in order if i in flt]
        self._row_of = None

    def _sorted(self, column: int, order: Qt.SortOrder) -> list[int] | None:
        return sorted_rows(self._profiles, self._keys, column, order)

    def _in_background(self, column: int) -> bool:
        return 0 <= column < len(HEADERS) and len(self._profiles) >= self.background_sort_from

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in _NUMERIC else _LEFT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._rows):
            return None
        profile = self._profiles[self._rows[row]]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(profile, column)
        if role == ProfileRole:
            return profile
        if role == ProfileIndexRole:
            return profile.index
        if role == SortRole:
            return _sort_key(profile, column)
        if role == CopyRole:
            return self._copy_text(profile, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in _NUMERIC else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(profile, column)
        return None

    def _display(self, profile: Profile, column: int) -> str:
        if column == ID:
            return "" if profile.id is None else int_text(profile.id)
        if column == INTEGRATION_ID:
            value = profile.integration_id or ""
            return value if len(value) <= 200 else value[:200] + "…"
        if column == ENVIRONMENT:
            return ENVIRONMENT_LABELS[profile.environment]
        if column in (CREATED, LAST_ACTIVITY):
            ts = profile.created if column == CREATED else profile.last_activity
            return "" if ts is None else format_local(ts)
        if column == SESSIONS:
            return "" if profile.closed_sessions is None else f"{profile.closed_sessions:,}"
        if column == SALES:
            return "" if profile.total_sales is None else money_text(profile.total_sales)
        return str(len(profile.audience_memberships))

    def _copy_text(self, profile: Profile, column: int) -> str:
        if column in (CREATED, LAST_ACTIVITY):
            ts = profile.created if column == CREATED else profile.last_activity
            return "" if ts is None else ts.text
        if column == SESSIONS:
            return "" if profile.closed_sessions is None else int_text(profile.closed_sessions)
        if column == SALES:
            value = profile.original("total_sales")
            return "" if profile.total_sales is None else str(value)
        if column == INTEGRATION_ID:
            return profile.integration_id or ""
        return self._display(profile, column)

    def _tooltip(self, profile: Profile, column: int) -> str | None:
        # File text is data: escape it and wrap it so Qt never guesses at markup.
        if column == INTEGRATION_ID and profile.integration_id:
            return f"<qt>{html.escape(profile.integration_id)}</qt>"
        if column in (CREATED, LAST_ACTIVITY):
            ts = profile.created if column == CREATED else profile.last_activity
            return None if ts is None else f"<qt>{html.escape(ts.text)}</qt>"
        if column == AUDIENCES and profile.audience_memberships:
            names = (html.escape(str(m.name if m.name is not None else m.id)) for m in profile.audience_memberships)
            return "<qt>" + "<br>".join(names) + "</qt>"
        if column == SALES and profile.total_sales is not None:
            return f"<qt>Exact value: {html.escape(scalar_text(profile.original('total_sales')))}</qt>"
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (-1: file order), keeping selections on their profiles."""
        self._sort_column, self._sort_order = column, order
        if self._in_background(column):
            profiles, keys = self._profiles, self._keys
            self._runner.submit(lambda _stale: (profiles, column, order, sorted_rows(profiles, keys, column, order)))
            return
        self._runner.cancel()
        self._apply_order(self._sorted(column, order))

    @Slot(object)
    def _apply_background_sort(self, answer: object) -> None:
        if isinstance(answer, Exception):
            raise answer
        profiles, column, order, rows = answer  # type: ignore[misc]
        if profiles is self._profiles and (column, order) == (self._sort_column, self._sort_order):
            self._apply_order(rows)

    def _apply_order(self, rows: list[int] | None) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self._rows[p.row()], p.column()) if 0 <= p.row() < len(self._rows) else None for p in persistent]
        self._order = rows
        self._update_rows()
        moved = []
        for entry in held:
            row = -1 if entry is None else self.row_of_profile(entry[0])
            moved.append(QModelIndex() if row < 0 else self.index(row, entry[1]))
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
        self.sortApplied.emit()
