"""Notice when the open file changes on disk, once per burst of writes."""

from __future__ import annotations

import os

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

DEBOUNCE_MS = 300


def _signature(path: str) -> tuple[int, int] | None:
    """(mtime in ns, size), or None when the file is gone."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


class ReloadWatcher(QObject):
    """Watches the open files and emits ``changedOnDisk`` after a quiet period.

    Editors often save by writing a new file and renaming it over the old one;
    the watcher then loses the path, so the parent directories are watched too
    and the path is added back when it reappears. A change is only reported
    when the file's size or modification time really differs (or it vanished).
    """

    changedOnDisk = Signal(list)

    def __init__(self, parent: QObject | None = None, *, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_changed)
        self._watcher.directoryChanged.connect(self._on_directory_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._flush)
        self._known: dict[str, tuple[int, int] | None] = {}
        self._pending: set[str] = set()

    def set_paths(self, paths: list[str]) -> None:
        """Watch exactly ``paths`` (replacing the previous set); an empty list stops watching."""
        self.clear()
        for path in dict.fromkeys(os.path.abspath(p) for p in paths):
            self._known[path] = _signature(path)
        directories = sorted({os.path.dirname(p) for p in self._known})
        if directories:
            self._watcher.addPaths(directories)
        self._rewatch()

    def paths(self) -> list[str]:
        """The files being watched (absolute paths)."""
        return list(self._known)

    def clear(self) -> None:
        """Stop watching and drop any change not yet reported."""
        self._timer.stop()
        self._pending.clear()
        self._known.clear()
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)

    def acknowledge(self) -> None:
        """Take the files as they are now as unchanged (call after reloading them)."""
        for path in self._known:
            self._known[path] = _signature(path)

    def _rewatch(self) -> None:
        missing = [p for p in self._known if p not in self._watcher.files() and os.path.exists(p)]
        if missing:
            self._watcher.addPaths(missing)

    @Slot(str)
    def _on_changed(self, path: str) -> None:
        if path in self._known:
            self._pending.add(path)
            self._timer.start()

    @Slot(str)
    def _on_directory_changed(self, directory: str) -> None:
        for path in self._known:
            if os.path.dirname(path) == directory and _signature(path) != self._known[path]:
                self._pending.add(path)
                self._timer.start()

    @Slot()
    def _flush(self) -> None:
        self._rewatch()
        changed = []
        for path in sorted(self._pending):
            now = _signature(path)
            if now != self._known.get(path):
                self._known[path] = now
                changed.append(path)
        self._pending.clear()
        if changed:
            self.changedOnDisk.emit(changed)
