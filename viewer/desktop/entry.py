"""Install the freedesktop menu entry, icon, MIME type and file associations for this user. Qt-free.

``audience-viewer --install-desktop-entry`` writes (XDG base directories):

- ``$XDG_DATA_HOME/applications/one.talon.AudienceViewer.desktop``, whose Exec
  line names the launcher of the installation that ran the install,
- the icon under ``$XDG_DATA_HOME/icons/hicolor/<size>x<size>/apps/`` and
  ``.../scalable/apps/``,
- ``$XDG_DATA_HOME/mime/packages/one.talon.AudienceViewer.xml`` defining
  ``application/x-ndjson`` (``*.ndjson``, ``*.jsonl``),
- ``$XDG_CONFIG_HOME/mimeapps.list`` entries: the viewer under "Open with"
  ([Added Associations]) for ``application/json``, ``application/x-ndjson``
  and ``application/gzip`` (``*.json.gz``), and the default
  ([Default Applications]) for JSON and NDJSON only with ``make_default`` or
  where no other app handles the type; never the default for gzip,
- ``$XDG_DATA_HOME/one.talon.AudienceViewer/desktop-install.json``, the record
  of what it created (``viewer.desktop.manifest``).

Everything is read, edited in memory and checked before the first write; the
writes are atomic and undone together when one fails. Then the desktop caches
are refreshed with whichever of update-desktop-database, update-mime-database
and gtk-update-icon-cache exist. ``--uninstall-desktop-entry`` removes what the
record lists: the files written, the folders created (when empty) and the
viewer's mimeapps.list entries.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from viewer.desktop import associations, caches
from viewer.desktop.launcher import desktop_entry_text, launcher_command
from viewer.desktop.manifest import Manifest
from viewer.desktop.places import Places, find_places
from viewer.desktop.resources import (
    APP_ID,
    ICON_SIZES,
    icon_path,
    mime_info_path,
)
from viewer.desktop.transaction import (
    FileTransaction,
    real_target,
    write_atomic,
    write_problem,
)

DESKTOP_NAME = f"{APP_ID}.desktop"
DEFAULTABLE_TYPES = ("application/json", "application/x-ndjson")
"""Types the viewer may become the default for."""
MIME_TYPES = (*DEFAULTABLE_TYPES, "application/gzip")
"""Types the viewer is offered for under "Open with" (the .desktop file's MimeType)."""

Out = Callable[[str], object]


class DesktopEntryError(Exception):
    """Install or uninstall cannot go ahead; the message names the file. Nothing was changed."""


def _copy(resource: Callable[[], Path]) -> Callable[[], bytes]:
    return lambda: resource().read_bytes()


def _entry() -> bytes:
    return desktop_entry_text(launcher_command()).encode("utf-8")


def _targets(places: Places) -> dict[Path, Callable[[], bytes]]:
    """Every file install writes (menu entry, icons, MIME package), with what makes its content."""
    targets = {places.applications / DESKTOP_NAME: _entry}
    for size in ICON_SIZES:
        targets[places.icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = _copy(partial(icon_path, size))
    targets[places.icons / "scalable" / "apps" / f"{APP_ID}.svg"] = _copy(icon_path)
    targets[places.mime / "packages" / f"{APP_ID}.xml"] = _copy(mime_info_path)
    return targets


@dataclass(frozen=True)
class _Mimeapps:
    """A mimeapps.list read into lines, with what it takes to write it back the same way."""

    path: Path
    lines: list[str]
    exists: bool
    newline: str = "\n"
    bom: bool = False

    def encode(self, lines: Sequence[str]) -> bytes:
        text = "".join(line + self.newline for line in lines)
        return ("\ufeff" if self.bom else "").encode() + text.encode("utf-8")


def _read_mimeapps(path: Path, *, action: str) -> _Mimeapps:
    """Read the user's mimeapps.list; raise ``DesktopEntryError`` naming it when that fails."""
    if not os.path.lexists(path):
        return _Mimeapps(path, [], exists=False)
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DesktopEntryError(
            f"{path} is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            f"nothing was {action}. Save it as UTF-8 or move it away, then run the command again."
        ) from None
    except OSError as error:
        raise DesktopEntryError(f"cannot read {path}: {error.strerror or error}; nothing was {action}") from None
    bom = text.startswith("\ufeff")
    text = text.removeprefix("\ufeff")
    return _Mimeapps(path, text.splitlines(), True, "\r\n" if "\r\n" in text else "\n", bom)


def _lines_or_nothing(path: Path) -> list[str]:
    """The lines of someone else's mimeapps.list, or none when it cannot be read (it is only consulted)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _load_manifest(places: Places, *, action: str) -> Manifest | None:
    path = places.manifest
    if not path.exists():
        return None
    try:
        return Manifest.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise DesktopEntryError(
            f"cannot use {path}, the record of the previous install ({error}); nothing was {action}. "
            "Delete it and run the command again."
        ) from None


def _check_writable(paths: Sequence[Path], action: str) -> None:
    for path in paths:
        problem = write_problem(path)
        if problem is not None:
            raise DesktopEntryError(f"cannot write {path}: {problem}; nothing was {action}")


_Placements = dict[str, dict[str, bool]]


def _placements(
    places: Places, mimeapps: _Mimeapps, make_default: bool
) -> tuple[_Placements, dict[str, list[str]]]:
    """Where the viewer goes in mimeapps.list, and the other handlers of each type it does not take over.

    The viewer becomes the default of a type with ``make_default``, when no
    other app handles the type, or when it is the user's default already.
    """
    added = {mime: make_default and mime in DEFAULTABLE_TYPES for mime in MIME_TYPES}
    defaults: dict[str, bool] = {}
    kept: dict[str, list[str]] = {}
    lists = [mimeapps.lines, *(_lines_or_nothing(path) for path in places.other_mimeapps_lists())]
    for mime in DEFAULTABLE_TYPES:
        current = associations.listed_handlers(mimeapps.lines, mime, section=associations.DEFAULT)
        others = []
        if not make_default and current[:1] != [DESKTOP_NAME]:
            others = associations.other_handlers(
                mime, app=DESKTOP_NAME, lists=lists, applications_dirs=places.applications_dirs()
            )
        if others:
            kept[mime] = others
        else:
            defaults[mime] = True
    return {associations.ADDED: added, associations.DEFAULT: defaults}, kept


def install(
    home: Path | None = None,
    *,
    make_default: bool = False,
    out: Out = print,
    platform: str | None = None,
    refresh: bool = True,
) -> list[Path]:
    """Install the menu entry, icons, MIME type and associations; return the files written.

    ``home`` installs below that directory instead of the XDG locations;
    ``make_default`` makes the viewer the default for JSON and NDJSON even when
    another app handles them; ``out`` receives one human-readable line per
    file written. Raises ``DesktopEntryError`` (having written nothing) when a
    file cannot be read or written.
    """
    if _unsupported(platform or sys.platform, out, "--install-desktop-entry"):
        return []
    places = find_places(home)
    # 1. Read and prepare everything in memory.
    try:
        files = [(target, make()) for target, make in _targets(places).items()]
    except OSError as error:
        raise DesktopEntryError(f"this installation of the viewer is incomplete: {error}") from None
    previous = _load_manifest(places, action="installed")
    mimeapps = _read_mimeapps(places.mimeapps, action="installed")
    try:
        associations.check_syntax(mimeapps.lines)
    except associations.MimeappsSyntaxError as error:
        raise DesktopEntryError(f"{places.mimeapps}: {error}; nothing was installed. Fix that line first.") from None
    placements, kept = _placements(places, mimeapps, make_default)
    lines, groups = associations.add_handler(mimeapps.lines, DESKTOP_NAME, placements)
    if lines != mimeapps.lines or not mimeapps.exists:
        files.append((places.mimeapps, mimeapps.encode(lines)))
    _check_writable([path for path, _ in files] + [places.manifest], "installed")

    # 2. Write it, all or nothing.
    transaction = FileTransaction()
    current = places.manifest
    try:
        for current, data in files:
            transaction.write(current, data)
        current = places.manifest
        transaction.make_dirs(current.parent)
        record = Manifest(
            files=[path for path in transaction.written if path != real_target(mimeapps.path)],
            directories=list(transaction.created_dirs),
            mimeapps=places.mimeapps,
            mimeapps_created=not mimeapps.exists,
            groups=groups,
        ).merged_into(previous)
        transaction.write(current, record.dumps().encode("utf-8"))
    except OSError as error:
        problems = transaction.rollback()
        undo = f" (undoing the other changes also failed: {'; '.join(problems)})" if problems else ""
        why = error.strerror or error
        raise DesktopEntryError(f"cannot write {current}: {why}; nothing was installed{undo}") from None
    written = [path for path, _ in files]
    for path in written:
        if path != places.mimeapps:
            out(f"wrote {path}")
    if places.mimeapps in written:
        out(f"updated {places.mimeapps}: {DESKTOP_NAME} offered under Open with for {', '.join(MIME_TYPES)}")
    for mime in DEFAULTABLE_TYPES:
        if mime in kept:
            out(
                f"{mime}: other apps handle it ({', '.join(kept[mime])}), so the viewer is only offered "
                "under Open with; add --make-default to make it the default"
            )
        else:
            out(f"{mime} opens with the viewer by default")
    out(f"wrote {places.manifest} (what uninstall will remove)")
    written.append(places.manifest)

    # 3. Tell the desktop; remember the cache files that creates.
    if refresh:
        before = caches.snapshot(places)
        caches.run_tools(places, out)
        new = sorted(caches.snapshot(places) - before)
        if new:
            record = replace(
                record,
                generated=[*record.generated, *(path for path in new if not path.is_dir())],
                directories=[*record.directories, *(path for path in new if path.is_dir())],
            )
            try:
                write_atomic(places.manifest, record.dumps().encode("utf-8"))
            except OSError as error:
                out(f"note: could not record the cache files in {places.manifest}: {error}")
    return written


def uninstall(
    home: Path | None = None, *, out: Out = print, platform: str | None = None, refresh: bool = True
) -> list[Path]:
    """Remove what ``install`` created (and only that); return the files removed or edited.

    Without an install record (an install by an older version) only the files
    named after the viewer and its mimeapps.list entries go, no folders.
    Raises ``DesktopEntryError`` (having changed nothing) when a file cannot be read.
    """
    if _unsupported(platform or sys.platform, out, "--uninstall-desktop-entry"):
        return []
    places = find_places(home)
    record = _load_manifest(places, action="removed")
    if record is None:
        candidates = list(_targets(places))
    else:
        candidates = [path for path in record.files if places.holds(path)]
    doomed = [path for path in candidates if os.path.lexists(path) and not path.is_dir()]
    mimeapps = _read_mimeapps(record.mimeapps if record and record.mimeapps else places.mimeapps, action="removed")
    lines = associations.remove_handler(
        mimeapps.lines, DESKTOP_NAME, MIME_TYPES, drop_if_empty=None if record is None else record.groups
    )
    edit = mimeapps.exists and lines != mimeapps.lines
    drop_list = edit and not any(line.strip() for line in lines) and (record is None or record.mimeapps_created)
    _check_writable(doomed + ([mimeapps.path] if edit else []), "removed")

    transaction = FileTransaction()
    current = mimeapps.path
    try:
        for current in doomed:
            transaction.remove(current)
        current = mimeapps.path
        if drop_list:
            transaction.remove(current)
        elif edit:
            transaction.write(current, mimeapps.encode(lines))
    except OSError as error:
        problems = transaction.rollback()
        undo = f" (undoing the other changes also failed: {'; '.join(problems)})" if problems else ""
        why = error.strerror or error
        raise DesktopEntryError(f"cannot change {current}: {why}; nothing was removed{undo}") from None
    changed = list(doomed)
    for path in doomed:
        out(f"removed {path}")
    if drop_list:
        out(f"removed {mimeapps.path} (nothing else was in it)")
    elif edit:
        out(f"updated {mimeapps.path}: removed {DESKTOP_NAME}")
    if edit:
        changed.append(mimeapps.path)
    if refresh:
        caches.run_tools(places, out)
    if record is not None:
        _remove_leftovers(places, record, out)
    if not changed and record is None:
        out("nothing to remove: the desktop entry is not installed")
    return changed


def _remove_leftovers(places: Places, record: Manifest, out: Out) -> None:
    """Remove the caches the install's tools created (once they describe nothing), the record, empty folders."""
    for path in record.generated:
        if places.holds(path) and path.is_file() and not caches.sources_left(places, path):
            try:
                path.unlink()
            except OSError as error:
                out(f"note: could not remove {path}: {error}")
    try:
        if places.manifest.exists():
            places.manifest.unlink()
            out(f"removed {places.manifest}")
    except OSError as error:
        out(f"note: could not remove {places.manifest}: {error}")
    for folder in sorted(record.directories, key=lambda path: len(path.parts), reverse=True):
        empty = folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir())
        if empty and places.holds(folder, or_above=True):
            try:
                folder.rmdir()
            except OSError as error:
                out(f"note: could not remove {folder}: {error}")


def _unsupported(platform: str, out: Out, action: str) -> bool:
    """Say what to do instead on systems without freedesktop menus; True if unsupported."""
    if platform.startswith("win"):
        out(
            f"{action} is for Linux desktops. On Windows, right-click a .json file, choose "
            "Open with > Choose another app, and pick audience-viewer.exe from your Python "
            f"installation's Scripts folder ({launcher_command()[0]})."
        )
        return True
    if platform == "darwin":
        out(
            f"{action} is for Linux desktops. On macOS, select a .json file in Finder, "
            "choose File > Get Info > Open with, and pick the viewer (or run "
            "`audience-viewer FILE` from a terminal)."
        )
        return True
    return False
