"""Which compared profiles the list shows: one kind of change, and the matches of a profile query.

The query is the profile list's language (``viewer.query``: ``Name:ada``,
``LoyaltyTier:gold``, ``totalSales>100``…), run over each row's newer version
(the old one for a removed profile) in a worker: building its columns walks
every profile's attributes, which is not work for the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from viewer.model.profile import Profile
from viewer.query.evaluate import matching_indices
from viewer.ui.comparison.summary_models import ComparedRow
from viewer.ui.roles import RowItemRole, SortRole
from viewer.ui.tasks import Task

CHANGES = ("all", "changed", "added", "removed")


def row_profiles(rows: Sequence[ComparedRow]) -> list[Profile]:
    """The profile a query looks at for each row: the new version, or the old one of a removed profile."""
    return [row.new if row.new is not None else row.old for row in rows]  # type: ignore[misc]


def search_rows(_task: Task, profiles: Sequence[Profile], text: str) -> set[int] | None:
    """Worker: the rows whose profile ``text`` selects (None: blank text, every row)."""
    if not text.strip():
        return None
    return set(matching_indices(profiles, text))


class ComparedRowsFilter(QSortFilterProxyModel):
    """Rows of one change kind (or all) that the current query selects; sorts by ``SortRole``."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setSortRole(SortRole)
        self._change = "all"
        self._matches: set[int] | None = None

    def set_change(self, change: str) -> None:
        """Show only ``change`` rows ("changed", "added", "removed"), or "all"."""
        self._refilter(lambda: setattr(self, "_change", change))

    def set_matches(self, rows: set[int] | None) -> None:
        """Show only these source rows (None: every row)."""
        self._refilter(lambda: setattr(self, "_matches", rows))

    def _refilter(self, change: Callable[[], object]) -> None:
        """Apply ``change`` to the filter's state and filter the rows again (Qt 6.9's API where it exists)."""
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # Qt < 6.9
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        if self._matches is not None and source_row not in self._matches:
            return False
        if self._change == "all":
            return True
        model = self.sourceModel()
        row = model.index(source_row, 0, source_parent).data(RowItemRole) if model is not None else None
        return isinstance(row, ComparedRow) and row.change == self._change
