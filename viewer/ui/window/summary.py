"""The status bar's one-line summary of the open export.

``customers.json · array · 6 profiles · 2 warnings · 1 note``: the file names,
the shape of each file (``3 files: page, array, profile`` when they differ),
the profile count, then the problems by severity: errors and warnings count as
problems, informational notes (a saved page with ``hasMore``) are counted apart.
While the duplicate keys of a big file are still looked for (after the file is
on screen: about 2 s per 87 MB) it says ``checking for duplicate keys…``, not
``no problems``: nothing may be called clean before it was checked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QMoveEvent
from PySide6.QtWidgets import QLabel, QWidget

import viewer
from viewer.model.problems import Severity
from viewer.model.values import plural

# QStatusBar draws a message ("Opening …") 6 px from its left edge and lays its widgets out from
# 2 px: the summary against the edge jumped 4 px left when the file was read.
MESSAGE_LEFT = 6
_LABELS = ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "note"))


def export_name(paths: list[str]) -> str:
    """``customers.json``, ``customers.json + 2 more``, ``customers.json + 4 CSV files`` beside it.

    CSV files (sessions, loyalty, members) opened beside a profile export are
    counted apart: they add to the profiles, they are not more pages of them.
    """
    if not paths:
        return ""
    csv = [p for p in paths if p.lower().endswith(".csv")]
    main = [p for p in paths if p not in csv] or csv
    name = Path(main[0]).name or main[0]
    if len(main) > 1:
        name += f" + {len(main) - 1} more"
    if csv and main is not csv:
        name += f" + {plural(len(csv), 'CSV file')}"
    return name


CHECKING = "checking for duplicate keys…"


def problems_text(problems: Iterable[viewer.Problem], checking: bool = False) -> str:
    """``1 error · 2 warnings · 1 note``; ``no problems`` when there are only notes or nothing.

    ``checking``: some checks still run, so ``checking for duplicate keys…`` ends the
    line instead of a ``no problems`` that is not known yet.
    """
    counts = Counter(problem.severity for problem in problems)
    parts = [plural(counts[severity], label) for severity, label in _LABELS if counts[severity]]
    if checking:
        parts.append(CHECKING)
    elif not counts[Severity.ERROR] and not counts[Severity.WARNING]:
        parts.insert(0, "no problems")
    return " · ".join(parts)


def shapes_text(export: viewer.Export) -> str:
    """The shape of the export: ``array``; ``3 files: page, array, profile`` when the files differ.

    CSV files beside the profiles are named by kind after the profile files' shape:
    ``page + sessions, balances CSV``.
    """
    shapes = getattr(export, "shapes", None) or [export.shape]
    csv = [shape.removesuffix(" CSV") for shape in shapes if shape.endswith(" CSV")]
    main = [shape for shape in shapes if not shape.endswith(" CSV")]
    if not main:
        text = ""
    elif len(set(main)) <= 1:
        text = main[0]
    else:
        text = f"{len(main)} files: {', '.join(main)}"
    if csv:
        text += (" + " if text else "") + f"{', '.join(csv)} CSV"
    return text


def summary_text(export: viewer.Export, source_name: str | None = None) -> str:
    """The whole line; ``source_name`` replaces the file names (``Clipboard``).

    Up to three files are named; more are counted (``customers.json + 4 CSV files``),
    so the profile and problem counts stay in view.
    """
    sources = list(export.sources)
    names = source_name or (", ".join(Path(s).name for s in sources) if len(sources) <= 3 else export_name(sources))
    problems = problems_text(export.problems, checking=not getattr(export, "duplicate_keys_checked", True))
    return " · ".join((names, shapes_text(export), plural(len(export.profiles), "profile"), problems))


class SummaryLabel(QLabel):
    """The summary at the left of the status bar (``statusSummary``), plain text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusSummary")
        self.setTextFormat(Qt.TextFormat.PlainText)

    def moveEvent(self, event: QMoveEvent) -> None:  # noqa: N802 - Qt API
        """Indent the text to where the status bar's messages start."""
        super().moveEvent(event)
        left = max(0, MESSAGE_LEFT - self.x())
        if self.contentsMargins().left() != left:
            self.setContentsMargins(left, 0, 0, 0)

    def show_export(self, export: viewer.Export | None, source_name: str | None = None) -> None:
        """Summarise ``export`` (None: say nothing)."""
        self.setText(summary_text(export, source_name) if export is not None else "")
