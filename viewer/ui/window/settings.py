"""Persistent settings: recent files, window geometry, splitter and header states.

Everything goes through ``settings()``, which returns the platform's native
QSettings store for ORGANIZATION/APPLICATION, or an INI file chosen with
``configure_settings(path)`` or the ``AUDIENCE_VIEWER_SETTINGS`` environment
variable (tests and benchmarks must never touch the user's real settings).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, QStandardPaths, Signal
from PySide6.QtWidgets import QWidget

ORGANIZATION = "Talon.One community"
ORGANIZATION_DOMAIN = "talon.one"
APPLICATION = "Audience Viewer"
MAX_RECENT_FILES = 10
SETTINGS_ENV = "AUDIENCE_VIEWER_SETTINGS"

_RECENT_KEY = "recentFiles"
ENTRY_SEPARATOR = "\n"  # joins the files of one recent entry (no path holds a line end in practice)
_settings_file: Path | None = None


def configure_settings(path: str | os.PathLike[str] | None) -> None:
    """Keep settings in the INI file ``path`` from now on (``None``: the native store again)."""
    global _settings_file
    _settings_file = Path(path) if path is not None else None


def settings() -> QSettings:
    """A QSettings for the configured location; cheap, so create one per use."""
    path = _settings_file or (Path(os.environ[SETTINGS_ENV]) if os.environ.get(SETTINGS_ENV) else None)
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def _string_list(value: object) -> list[str]:
    """QSettings gives a str for a one-element list and None for an empty one in INI files."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    try:
        return [str(item) for item in value if item]  # type: ignore[attr-defined]
    except TypeError:
        return []


class RecentFiles(QObject):
    """The most recently opened files, most recent first, at most ``MAX_RECENT_FILES``."""

    changed = Signal()

    def _load(self) -> list[str]:
        return _string_list(settings().value(_RECENT_KEY))

    def _store(self, paths: list[str]) -> None:
        store = settings()
        if paths:
            store.setValue(_RECENT_KEY, paths)
        else:
            store.remove(_RECENT_KEY)
        store.sync()

    def add(self, paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]]) -> None:
        """Put a file, or files opened together (pages of one listing), first as one entry.

        Paths are made absolute; the entry's older copy and the oldest beyond
        the limit are dropped.
        """
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        entry = ENTRY_SEPARATOR.join(os.path.abspath(os.fspath(p)) for p in paths)
        entries = [entry] + [e for e in self._load() if e != entry]
        self._store(entries[:MAX_RECENT_FILES])
        self.changed.emit()

    def remove(self, path: str | os.PathLike[str]) -> None:
        """Forget every entry that names ``path`` (e.g. after it failed to open)."""
        path = os.path.abspath(os.fspath(path))
        stored = self._load()
        kept = [e for e in stored if path not in entry_files(e)]
        if kept != stored:
            self._store(kept)
            self.changed.emit()

    def paths(self) -> list[str]:
        """The recent entries whose files all still exist, most recent first.

        An entry is one path, or several joined by ``ENTRY_SEPARATOR`` (split
        them with ``entry_files``). Entries with a file that has disappeared are
        also forgotten in the store (without emitting ``changed``, so a slot may
        call this safely).
        """
        stored = self._load()
        existing = [e for e in stored if all(map(os.path.exists, entry_files(e)))][:MAX_RECENT_FILES]
        if existing != stored:
            self._store(existing)
        return existing

    def add_opened(self, paths: Sequence[str]) -> None:
        """Files just opened (pages opened together come back together), the bundled sample's left out."""
        from viewer.desktop.resources import sample_companion_paths

        bundled = {os.path.realpath(path) for path in (sample_path(), *map(str, sample_companion_paths())) if path}
        files = [path for path in paths if os.path.realpath(path) not in bundled]
        if files:
            self.add(files)

    def clear(self) -> None:
        """Forget every recent file."""
        self._store([])
        self.changed.emit()


def sample_path() -> str:
    """The bundled sample export ("" when it is missing): never a recent file, never where Open starts."""
    from viewer.desktop.resources import sample_export_path

    try:
        return str(sample_export_path())
    except FileNotFoundError:
        return ""


def start_folder(entries: Sequence[str], exclude: Sequence[str] = ()) -> str:
    """Where an Open dialog starts: the folder of the newest recent file not in ``exclude``, else Documents."""
    for entry in entries:
        files = [path for path in entry_files(entry) if path not in exclude]
        if files:
            return os.path.dirname(files[0])
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def entry_files(entry: str) -> list[str]:
    """The files of a recent entry (several when pages were opened together)."""
    return entry.split(ENTRY_SEPARATOR)


def entry_label(entry: str) -> tuple[str, str, str]:
    """How a recent entry is shown: name (``a.json + 2 more``), its folder (home as ~), every path."""
    files = entry_files(entry)
    name = (os.path.basename(files[0]) or files[0]) + (f" + {len(files) - 1} more" if len(files) > 1 else "")
    folder = os.path.dirname(files[0])
    home = os.path.expanduser("~")
    if home and home != "~" and (folder == home or folder.startswith(home + os.sep)):
        folder = "~" + folder[len(home):]
    return name, folder, "\n".join(files)


def save_geometry(widget: QWidget, key: str) -> None:
    """Remember a top-level widget's size, position and screen under ``key``."""
    store = settings()
    store.setValue(f"geometry/{key}", widget.saveGeometry())
    store.sync()


def restore_geometry(widget: QWidget, key: str) -> bool:
    """Restore what ``save_geometry`` stored; False (widget untouched) when nothing was saved."""
    value = settings().value(f"geometry/{key}")
    return isinstance(value, QByteArray) and not value.isEmpty() and widget.restoreGeometry(value)


def save_state(key: str, state: bytes | QByteArray) -> None:
    """Remember an opaque state (``QSplitter.saveState()``, ``QHeaderView.saveState()``...)."""
    store = settings()
    store.setValue(f"state/{key}", QByteArray(state))
    store.sync()


def restore_state(key: str) -> bytes | None:
    """The state saved under ``key``, or None; pass it to ``restoreState``."""
    value = settings().value(f"state/{key}")
    if isinstance(value, QByteArray):
        return bytes(value.data()) if not value.isEmpty() else None
    if isinstance(value, bytes | bytearray):
        return bytes(value) or None
    return None
