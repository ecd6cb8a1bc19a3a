"""The bar that says at once when a file could not be read exactly as written.

A truncated download or a stray byte left the window looking like a clean
export: the list filled, and only "Problems 1" in a row of tabs and a
status-bar count said that the profiles after line 1,093 were missing. The
bar names the file and the first problem with the whole file (its line and
column are in the message), and leads to it in the Problems tab.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStyle, QWidget

import viewer
from viewer.model.values import plural
from viewer.ui.widgets.notice_bar import NoticeBar


def whole_file_problems(problems: Sequence[viewer.Problem]) -> list[viewer.Problem]:
    """The problems of a file rather than one profile: what was cut off, unreadable, not a profile, mis-encoded.

    Errors of any file (a CSV file that cannot be read on), and the profile
    files' own warnings (path ``file``: another encoding, text after the
    list); not the CSV files' counts (rows that name no profile).
    """
    return [p for p in problems if p.profile_index is None and (
        p.severity is viewer.Severity.ERROR or p.severity is viewer.Severity.WARNING and p.path == "file")]


def damage_text(errors: Sequence[viewer.Problem], name: str) -> str:
    """``customers.json could not be read exactly as written: <the first problem>`` (and how many more)."""
    first = errors[0]
    file = Path(first.source).name if first.source else name
    text = f"{file} could not be read exactly as written: {first.message}"
    if len(errors) > 1:
        text += f" ({plural(len(errors) - 1, 'more problem')} of a whole file in the Problems tab)"
    return text


class DamageBar(NoticeBar):
    """``damageBar``: the first whole-file problem, [Show Problem] (``damageShowProblem``) and [Dismiss]."""

    problemRequested = Signal(object)  # viewer.Problem: the one the bar names

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("damageBar", QStyle.StandardPixmap.SP_MessageBoxWarning, parent)
        self._problem: viewer.Problem | None = None
        self.show_button = self.add_button("Show Problem", "damageShowProblem",
                                           "List it in the Problems tab, with the other problems of the export")
        self.show_button.clicked.connect(lambda: self.problemRequested.emit(self._problem))

    def show_for(self, problems: Sequence[viewer.Problem], name: str) -> None:
        """Show the bar when ``problems`` hold a whole-file problem, else hide it (``name``: the files' name)."""
        errors = whole_file_problems(problems)
        self._problem = errors[0] if errors else None
        if errors:
            self.message.setText(damage_text(errors, name))
        self.setVisible(bool(errors))
