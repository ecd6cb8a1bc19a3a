"""Persistent settings: recent files, window geometry, splitter and header states.

Everything goes through ``settings()``, which returns the platform's native
QSettings store for ORGANIZATION/APPLICATION, or an INI file chosen with
``configure_settings(path)`` or the ``AUDIENCE_VIEWER_SETTINGS`` environment
variable (tests and benchmarks must never touch the user's real settings).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

ORGANIZATION = "Talon.One community"
ORGANIZATION_DOMAIN = "talon.one"
APPLICATION = "Audience Viewer"
MAX_RECENT_FILES = 10
SETTINGS_ENV = "AUDIENCE_VIEWER_SETTINGS"

_RECENT_KEY = "recentFiles"
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
        return [str(item) for item in value if item]  # type: ignore[union-attr]
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

    def add(self, path: str | os.PathLike[str]) -> None:
        """Put ``path`` (made absolute) first; drops its older entry and the oldest beyond the limit."""
        path = os.path.abspath(os.fspath(path))
        paths = [path] + [p for p in self._load() if p != path]
        self._store(paths[:MAX_RECENT_FILES])
        self.changed.emit()

    def remove(self, path: str | os.PathLike[str]) -> None:
        """Forget ``path`` (e.g. after it failed to open)."""
        path = os.path.abspath(os.fspath(path))
        paths = self._load()
        if path in paths:
            paths.remove(path)
            self._store(paths)
            self.changed.emit()

    def paths(self) -> list[str]:
        """The recent files that still exist, most recent first.

        Files that have disappeared are also forgotten in the store (without
        emitting ``changed``, so a slot may call this safely).
        """
        stored = self._load()
        existing = [p for p in stored if os.path.exists(p)][:MAX_RECENT_FILES]
        if existing != stored:
            self._store(existing)
        return existing

    def clear(self) -> None:
        """Forget every recent file."""
        self._store([])
        self.changed.emit()


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
