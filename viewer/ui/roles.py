"""Custom item-data roles, defined once for every model and view of the viewer.

Each role has one number and one meaning across the whole Qt layer, so a view
or an action (copying, sorting) can ask any model for it without knowing which
model it holds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

_BASE = Qt.ItemDataRole.UserRole

ProfileRole = _BASE + 1
"""The ``Profile`` of a profile-list row."""
ProfileIndexRole = _BASE + 2
"""A profile's position in its export (``int``)."""
SortRole = _BASE + 3
"""The key a column sorts by (``None`` sorts last)."""
CopyRole = _BASE + 4
"""The exact text the clipboard gets for a cell (the file's digits, no separators)."""
NodeRole = _BASE + 5
"""The attribute-tree ``Node`` of a row."""
PathRole = _BASE + 6
"""An attribute's dotted path (``attributes.Address.City``), or a recent entry's path."""
JqPathRole = _BASE + 7
"""An attribute's jq path (``.attributes.Address.City``)."""
KindRole = _BASE + 8
"""A value's kind: string, number, boolean, null, list, object, time, range."""
MatchRole = _BASE + 9
"""``True`` when the cell matched the attribute filter."""
FullValueRole = _BASE + 10
"""The whole value text, never cut short."""
ProblemRole = _BASE + 11
"""The ``Problem`` of a problems-list row."""
RowItemRole = _BASE + 12
"""The model object a small-table row shows (a ``CustomerSession``), whatever the row's sort."""
