"""File > Add to this export…: more files (Talon.One's CSV exports) opened beside the open ones.

The open export is loaded again with its files and the chosen ones, as one
export, so customer sessions, loyalty balances and tiers and audience members
join the profiles by integration ID.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget

OPEN_FILTER = "Exports (*.json *.ndjson *.jsonl *.gz *.csv);;JSON exports (*.json *.ndjson *.jsonl *.gz);;All files (*)"
ADD_FILTER = "CSV exports (*.csv);;Exports (*.json *.ndjson *.jsonl *.gz *.csv);;All files (*)"


def joined_paths(current: list[str], added: list[str]) -> list[str]:
    """The open files, then the added ones that are not open yet (in the order chosen)."""
    return list(dict.fromkeys([*current, *added]))


def ask_more_files(parent: QWidget, folder: str, current: list[str]) -> list[str]:
    """Ask for files to add; the open files and the new ones, or ``[]`` when nothing new was chosen."""
    if not current:
        return []
    added, _ = QFileDialog.getOpenFileNames(parent, "Add to this export", folder, ADD_FILTER)
    paths = joined_paths(current, added)
    return paths if len(paths) > len(current) else []
