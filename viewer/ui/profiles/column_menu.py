"""The profile list header's context menu (``profileColumnsMenu``): which columns show, and value counts.

A checkable action per built-in column (the last shown one stays), one per
attribute column (unchecking removes it), "Add attribute column…"
(``addAttributeColumnAction``) and "Value counts…" (``valueCountsAction``) of
the column the menu was opened on.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMenu

from viewer.model.profile_columns import HEADERS


def column_action_name(column: int) -> str:
    """The objectName of the column chooser's action for ``column``: ``showColumnTotalSales``."""
    return "showColumn" + HEADERS[column].title().replace(" ", "")


def build_column_menu(table: Any, section: int = -1) -> QMenu:  # a ProfileTable: it imports this module
    """The header's menu for ``table``, opened on the column ``section`` (-1: no column)."""
    header = table.horizontalHeader()
    model = table.profile_model()
    menu = QMenu(table)
    menu.setObjectName("profileColumnsMenu")
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    for column, title in enumerate(HEADERS):
        action = menu.addAction(title)
        action.setObjectName(column_action_name(column))
        action.setCheckable(True)
        action.setChecked(column in shown)
        action.setEnabled(shown != [column])  # a table without columns cannot get them back
        action.toggled.connect(lambda on, c=column: table.set_column_shown(c, on))
    paths = model.attribute_paths() if model is not None else []
    if paths:
        menu.addSeparator()
    for path in paths:
        action = menu.addAction(path)
        action.setObjectName(f"attributeColumn:{path}")
        action.setCheckable(True)
        action.setChecked(True)
        action.setToolTip("Uncheck to remove the column")
        action.toggled.connect(lambda on, p=path: None if on else table.remove_attribute_column(p))
    menu.addSeparator()
    add = menu.addAction("Add attribute column…")
    add.setObjectName("addAttributeColumnAction")
    add.triggered.connect(table.attributeColumnRequested)
    counts = menu.addAction("Value counts…")
    counts.setObjectName("valueCountsAction")
    counts.setEnabled(0 <= section < header.count())
    heading = model.headerData(section, header.orientation()) if model is not None and section >= 0 else None
    if isinstance(heading, str) and heading:
        counts.setText(f"Value counts of {heading}…")
    counts.triggered.connect(lambda _checked=False, s=section: table.valueCountsRequested.emit(s))
    return menu
