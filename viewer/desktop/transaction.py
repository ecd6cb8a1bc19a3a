"""File changes made all or nothing: atomic writes, removals and new folders, undone together. Qt-free.

Every file is written to a temporary file next to it and renamed over the
target (``os.replace``), so a reader sees the old or the new content, never a
half-written file. ``FileTransaction.rollback`` undoes the changes made so far.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def _default_mode() -> int:
    """The mode ``open()`` gives a new file: 0o666 less the umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` in one rename; ``mode`` defaults to a new file's mode."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _default_mode() if mode is None else mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def real_target(path: Path) -> Path:
    """Where writing ``path`` lands: a symlink (e.g. a dotfiles link) is written through, not replaced."""
    return path.resolve() if path.is_symlink() else path


def missing_dirs(folder: Path) -> list[Path]:
    """The folders that would have to be created for ``folder`` to exist, parents first."""
    missing: list[Path] = []
    while not os.path.lexists(folder) and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    return missing[::-1]


def write_problem(path: Path) -> str | None:
    """Why ``path`` cannot be written (created or replaced), or ``None`` when it looks writable."""
    target = real_target(path)
    if target.is_dir():
        return "it is a directory"
    existing = target.parent
    while not os.path.lexists(existing) and existing.parent != existing:
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is not a directory"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"no permission to write in {existing}"
    return None


class FileTransaction:
    """Writes, removals and new folders that ``rollback`` undoes together (newest first)."""

    def __init__(self) -> None:
        self._undo: list[Callable[[], None]] = []
        self.created_dirs: list[Path] = []
        self.written: list[Path] = []

    def make_dirs(self, folder: Path) -> None:
        """Create ``folder`` and its missing parents, remembering each one created."""
        for missing in missing_dirs(folder):
            missing.mkdir()
            self._undo.append(missing.rmdir)
            self.created_dirs.append(missing)

    def write(self, path: Path, data: bytes) -> Path:
        """Write ``data`` to ``path`` (through a symlink) atomically; return the file written."""
        target = real_target(path)
        self.make_dirs(target.parent)
        if target.exists():
            old, mode = target.read_bytes(), target.stat().st_mode & 0o7777
            write_atomic(target, data, mode=mode)
            self._undo.append(lambda: write_atomic(target, old, mode=mode))
        else:
            write_atomic(target, data)
            self._undo.append(lambda: target.unlink(missing_ok=True))
        self.written.append(target)
        return target

    def remove(self, path: Path) -> None:
        """Delete the file ``path`` (a symlink itself, not its target)."""
        if path.is_symlink():
            link = os.readlink(path)
            path.unlink()
            self._undo.append(lambda: os.symlink(link, path))
            return
        old, mode = path.read_bytes(), path.stat().st_mode & 0o7777
        path.unlink()
        self._undo.append(lambda: write_atomic(path, old, mode=mode))

    def remove_dir(self, folder: Path) -> None:
        """Delete the empty folder ``folder``."""
        folder.rmdir()
        self._undo.append(folder.mkdir)

    def rollback(self) -> list[str]:
        """Undo every change, newest first; return the problems met (best effort)."""
        problems: list[str] = []
        while self._undo:
            undo = self._undo.pop()
            try:
                undo()
            except OSError as error:
                problems.append(str(error))
        self.created_dirs.clear()
        self.written.clear()
        return problems
