"""Table models of an export comparison: paths changed, audience moves, the profiles that differ.

Each is an adapter over the ``ExportComparison`` it was given (no copy of the
profiles). Counts sort as numbers (``SortRole``); ``RowItemRole`` hands the
row's object to the view (a ``FieldChange``, an ``AudienceMove``, a ``ComparedRow``).
Paths read as ``viewer.compare.labels`` names them, as in the two-profile view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from viewer.compare import AudienceMove, ExportComparison, FieldChange
from viewer.compare.labels import path_label
from viewer.model.profile import Profile
from viewer.ui.roles import RowItemRole, SortRole
from viewer.ui.widgets.tooltips import tooltip_html

PATHS_SHOWN = 3  # changed paths named in the profile list's last column


@dataclass(frozen=True, slots=True)
class ComparedRow:
    """One profile of the comparison list: how it changed, and its old and new versions (None when absent)."""

    change: str  # "changed", "added", "removed"
    old: Profile | None
    new: Profile | None
    paths: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The name people know the customer by, marked when it is a sandbox profile.

        Live and sandbox profiles often share an integration ID: the list tells them apart.
        """
        profile = self.new if self.new is not None else self.old
        if profile is None:
            return ""
        return f"{profile.display_name} (sandbox)" if profile.environment == "sandbox" else profile.display_name


def compared_rows(result: ExportComparison) -> list[ComparedRow]:
    """Changed, then added, then removed profiles."""
    rows = [ComparedRow("changed", c.old, c.new, c.paths) for c in result.changed]
    rows += [ComparedRow("added", None, p) for p in result.added]
    rows += [ComparedRow("removed", p, None) for p in result.removed]
    return rows


class _RowsModel(QAbstractTableModel):
    """A read-only table over a sequence: a header per column and a function from item to cell values."""

    headers: tuple[str, ...] = ()
    numeric: frozenset[int] = frozenset()

    def __init__(self, items: Sequence[Any], cells: Callable[[Any], tuple[Any, ...]], parent: Any = None) -> None:
        super().__init__(parent)
        self._items = items
        self._cells = cells

    def item(self, row: int) -> Any:
        """The object shown at ``row``."""
        return self._items[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == RowItemRole:
            return item
        if role not in (Qt.ItemDataRole.DisplayRole, SortRole, Qt.ItemDataRole.TextAlignmentRole,
                        Qt.ItemDataRole.ToolTipRole):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if index.column() in self.numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        value = self._cells(item)[index.column()]
        if role == SortRole:
            return value
        text = f"{value:,}" if isinstance(value, int) else str(value)
        return tooltip_html(text) if role == Qt.ItemDataRole.ToolTipRole else text  # file text: never markup


class FieldChangesModel(_RowsModel):
    """Per path: how many profiles changed, and the most common transitions."""

    headers = ("Field or attribute", "Profiles", "Most common changes")
    numeric = frozenset({1})

    def __init__(self, fields: Sequence[FieldChange], parent: Any = None) -> None:
        super().__init__(fields, lambda f: (path_label(f.path), f.profiles, "; ".join(str(t) for t in f.transitions)),
                         parent)


class AudienceMovesModel(_RowsModel):
    """Per audience: profiles of both exports that joined it and that left it."""

    headers = ("Audience", "Joined", "Left")
    numeric = frozenset({1, 2})

    def __init__(self, moves: Sequence[AudienceMove], parent: Any = None) -> None:
        super().__init__(moves, lambda m: (m.label, m.joined, m.left), parent)


def _profile_cells(row: ComparedRow) -> tuple[Any, ...]:
    shown = ", ".join(map(path_label, row.paths[:PATHS_SHOWN])) + (f" (+{len(row.paths) - PATHS_SHOWN})"
                                                   if len(row.paths) > PATHS_SHOWN else "")
    return (row.change, row.name, shown)


class ComparedProfilesModel(_RowsModel):
    """The changed, added and removed profiles."""

    headers = ("Change", "Profile", "What changed")

    def __init__(self, rows: Sequence[ComparedRow], parent: Any = None) -> None:
        super().__init__(rows, _profile_cells, parent)
