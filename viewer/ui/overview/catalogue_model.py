"""The attribute catalogue as a table model: an adapter over ``Catalogue.attributes`` (no copy).

Columns: path, profiles, share, types, distinct values, top values. A path
seen with more than one type is flagged in its Types cell (text, a warning
colour and a tooltip naming the types): that is what people hunt for. A path
whose strings are all RFC 3339 times says so there (``string (date-time)``):
the JSON type is a string, but people hunting data quality ask for the times.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from viewer.insights.overview import AttributeStats, Catalogue
from viewer.model.values import one_line, scalar_text
from viewer.ui.roles import CopyRole, SortRole
from viewer.ui.widgets.tooltips import tooltip_html

QueryRole = Qt.ItemDataRole.UserRole + 101
"""The query text that selects a row's profiles (``has:Address.City``)."""
StatsRole = Qt.ItemDataRole.UserRole + 102
"""The ``AttributeStats`` of a catalogue row."""

HEADERS = ("Path", "Profiles", "Share", "Types", "Distinct", "Top values")
PATH, PROFILES, SHARE, TYPES, DISTINCT, TOP = range(6)
TOP_SHOWN = 5


def value_text(value: Any) -> str:
    """A top value as a cell shows it: strings as they are, others as JSON writes them."""
    text = getattr(value, "text", None)
    return one_line(text if isinstance(text, str) else scalar_text(value))


def share_text(profiles: int, of: int) -> str:
    """``12.3%`` of the summarised profiles."""
    if not of:
        return ""
    if profiles and profiles * 1000 < of:
        return "<0.1%"
    return f"{profiles * 100 / of:.1f}%"  # a rounded ratio for reading, from exact ints


TIMES = "date-time"


def types_text(stats: AttributeStats, times: bool = False) -> str:
    """``string 12, null 3``; lists say how many are empty (those profiles do not have the path).

    ``times``: the strings are all RFC 3339 times, ``string (date-time) 12``.
    """
    text = ", ".join((f"string ({TIMES})" if times and name == "string" else name) + f" {n:,}"
                     + (f" ({stats.empty_lists:,} empty)" if name == "list" and stats.empty_lists else "")
                     for name, n in stats.types)
    return f"⚠ mixed: {text}" if stats.mixed else text


HEADER_TIPS = {
    PROFILES: "Profiles with a value at the path, as has:PATH selects them: not null, and for a list at least one "
              "element that is not null.",
    SHARE: "Profiles with a value, as a share of the profiles summarised.",
    TYPES: "Every value at the path by its type, nulls and empty lists included (so a list count can exceed the "
           "profiles). A path ending in [] counts each element of the lists.",
    DISTINCT: "Different values at the path.",
    TOP: "The most frequent values, with how often each occurs.",
}


def _without_value(stats: AttributeStats) -> str:
    """How the profiles count and the type counts add up: ``80 profiles have Tags; 20 more have an empty list``."""
    parts = [f"{stats.profiles:,} profiles have a value at {stats.path}"]
    if stats.empty_lists:
        parts.append(f"{stats.empty_lists:,} empty lists (or lists of nulls only) are counted under list, not as "
                     "profiles")
    if stats.type_count("null"):
        parts.append(f"{stats.type_count('null'):,} nulls are counted under null, not as profiles")
    return "; ".join(parts) + "."


def _holds_no_values(stats: AttributeStats) -> bool:
    """Whether the path holds only objects or lists (no value of its own to count or show)."""
    return bool(stats.types) and all(name in ("object", "list") for name, _ in stats.types)


class CatalogueModel(QAbstractTableModel):
    """One row per attribute path, in the catalogue's order (parents before their children)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[AttributeStats, ...] = ()
        self._times: frozenset[str] = frozenset()  # paths whose strings are all times
        self._paths: frozenset[str] = frozenset()
        self._first_keys: dict[str, str] = {}  # an object path's first key path (``Address`` -> ``Address.Street``)
        self.catalogue: Catalogue | None = None  # the one shown

    def set_catalogue(self, catalogue: Catalogue | None) -> None:
        """Show ``catalogue`` (None: empty)."""
        self.beginResetModel()
        self.catalogue = catalogue
        self._rows = catalogue.attributes if catalogue is not None else ()
        self._paths = frozenset(stats.path for stats in self._rows)
        self._first_keys = {}
        for stats in self._rows:  # parents come before their keys
            if "." in stats.path:
                self._first_keys.setdefault(stats.path.rsplit(".", 1)[0], stats.path)
        self._times = frozenset()
        self.endResetModel()

    def set_time_paths(self, paths: frozenset[str]) -> None:
        """The paths whose strings are all RFC 3339 times (worked out after the catalogue: ``holds_times``)."""
        self._times = paths
        if self._rows:
            self.dataChanged.emit(self.index(0, TYPES), self.index(len(self._rows) - 1, TYPES))

    def _see_below(self, stats: AttributeStats) -> str:
        """Where the values of an object or list path are: ``(values: see Tags[])``."""
        if dict(stats.types).get("list") and f"{stats.path}[]" in self._paths:
            return f"(values: see {stats.path}[])"
        key = self._first_keys.get(stats.path)
        return f"(values: see its keys, {key} …)" if key and dict(stats.types).get("object") else ""

    def stats_at(self, row: int) -> AttributeStats | None:
        """The path at ``row``."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section in HEADER_TIPS:
            return tooltip_html(HEADER_TIPS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        stats, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, CopyRole):
            if column == PATH:
                return stats.path
            if column == PROFILES:
                return f"{stats.profiles:,}" if role == Qt.ItemDataRole.DisplayRole else str(stats.profiles)
            if column == SHARE:
                return share_text(stats.profiles, stats.of)
            if column == TYPES:
                return types_text(stats, stats.path in self._times)
            if column == DISTINCT:
                if role == Qt.ItemDataRole.DisplayRole and _holds_no_values(stats):
                    return "—"  # not "0": its values are those of its keys or elements, listed below it
                return f"{stats.distinct:,}" if role == Qt.ItemDataRole.DisplayRole else str(stats.distinct)
            if column == TOP:
                if role == Qt.ItemDataRole.DisplayRole and _holds_no_values(stats):
                    return self._see_below(stats)
                if stats.distinct > 1 and stats.top and stats.top[0][1] == 1:  # no value is more frequent
                    return "all different: " + ", ".join(value_text(v) for v, _ in stats.top[:TOP_SHOWN])
                return ", ".join(f"{value_text(v)} ({n:,})" for v, n in stats.top[:TOP_SHOWN])
        if role == SortRole:
            if column in (PROFILES, SHARE):
                return stats.profiles
            if column == DISTINCT:
                return stats.distinct
            if column == TYPES:
                return (not stats.mixed, types_text(stats, stats.path in self._times))
            if column == TOP:
                return stats.top[0][1] if stats.top else 0
            return index.row()  # paths sort in catalogue order: children stay under their parent
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TYPES and stats.mixed:
                return tooltip_html("More than one type at this path: "
                                    + types_text(stats, stats.path in self._times)[len("⚠ mixed: "):])
            if column == TYPES and stats.path in self._times:
                return tooltip_html("Every string at this path is an RFC 3339 date-time (2024-03-01T10:00:00Z); "
                                    "in JSON they are strings. Select the path to see them per month.")
            if column in (PROFILES, TYPES) and (stats.empty_lists or stats.type_count("null")):
                return tooltip_html(_without_value(stats))
            if column == TOP and stats.top:  # values from the file: shown as text, never as markup
                return tooltip_html(*(f"{value_text(v)}: {n:,}" for v, n in stats.top))
            return stats.query and f"Select to see the values; double-click to list the profiles: {stats.query}"
        if role == Qt.ItemDataRole.ForegroundRole and column == TYPES and stats.mixed:
            return QBrush(QApplication.palette().color(QPalette.ColorRole.Link))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (PROFILES, SHARE, DISTINCT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == QueryRole:
            return stats.query
        if role == StatsRole:
            return stats
        return None


class CatalogueFilterProxy(QSortFilterProxyModel):
    """Sorts by ``SortRole``; ``set_text`` keeps the paths containing the text (case-insensitive)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setFilterKeyColumn(PATH)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_text(self, text: str) -> None:
        """Show only the paths containing ``text``."""
        self.setFilterFixedString(text)

    def lessThan(self, left: QModelIndex | QPersistentModelIndex,  # noqa: N802 - Qt API
                 right: QModelIndex | QPersistentModelIndex) -> bool:
        a, b = left.data(SortRole), right.data(SortRole)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
