"""File > Add to this export…: more files (Talon.One's CSV exports) opened beside the open ones.

The open export is loaded again with its files and the chosen ones, as one
export, so customer sessions, loyalty balances and tiers and audience members
join the profiles by integration ID. CSV exports dropped on the window while
an export is open are added the same way (``open_dropped``): opened alone they
would have replaced the profiles with one placeholder entry per integration ID.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from viewer.reading.companion_csv import is_companion_file

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


def added_by_drop(current: list[str], dropped: list[str],
                  is_csv: Callable[[str], bool] = is_companion_file) -> list[str]:
    """What a drop of ``dropped`` opens: the open files and the dropped ones when every dropped file is a
    CSV export and an export is open (added, as File > Add to this export… does), else ``[]`` (opened alone)."""
    if not current or not dropped or not all(map(is_csv, dropped)):
        return []
    paths = joined_paths(current, dropped)
    return paths if len(paths) > len(current) else []


def open_dropped(window: Any, paths: list[str]) -> None:
    """A drop on the main ``window``: CSV exports alone join the open export (``add_to_export``), the rest opens."""
    result = window.result
    files_open = result is not None and window.window_actions.add_files.isEnabled()  # not the clipboard's text
    added = added_by_drop(list(result.paths) if files_open else [], [str(path) for path in paths])
    if added:
        window.add_to_export(added)
    else:
        window.open_files(paths)
