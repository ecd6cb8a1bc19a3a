"""The status bar's one-line summary of the open export.

``customers.json · array · 6 profiles · 2 warnings · 1 note``: the file names,
the shape of each file (``3 files: page, array, profile`` when they differ),
the profile count, then the problems by severity: errors and warnings count as
problems, informational notes (a saved page with ``hasMore``) are counted apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

import viewer
from viewer.model.problems import Severity
from viewer.model.values import plural

_LABELS = ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "note"))


def problems_text(problems: Iterable[viewer.Problem]) -> str:
    """``1 error · 2 warnings · 1 note``; ``no problems`` when there are only notes or nothing."""
    counts = Counter(problem.severity for problem in problems)
    parts = [plural(counts[severity], label) for severity, label in _LABELS if counts[severity]]
    if not counts[Severity.ERROR] and not counts[Severity.WARNING]:
        parts.insert(0, "no problems")
    return " · ".join(parts)


def shapes_text(export: viewer.Export) -> str:
    """The shape of the export: ``array``; ``3 files: page, array, profile`` when the files differ."""
    shapes = getattr(export, "shapes", None) or [export.shape]
    if len(set(shapes)) <= 1:
        return shapes[0]
    return f"{len(shapes)} files: {', '.join(shapes)}"


def summary_text(export: viewer.Export, source_name: str | None = None) -> str:
    """The whole line; ``source_name`` replaces the file names (``Clipboard``)."""
    names = source_name or ", ".join(Path(source).name for source in export.sources)
    return " · ".join((names, shapes_text(export), plural(len(export.profiles), "profile"), problems_text(export.problems)))


class SummaryLabel(QLabel):
    """The summary at the left of the status bar (``statusSummary``), plain text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusSummary")
        self.setTextFormat(Qt.TextFormat.PlainText)

    def show_export(self, export: viewer.Export | None, source_name: str | None = None) -> None:
        """Summarise ``export`` (None: say nothing)."""
        self.setText(summary_text(export, source_name) if export is not None else "")
