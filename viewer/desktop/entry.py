"""Install the freedesktop menu entry, icon and file association for this user. Qt-free.

``audience-viewer --install-desktop-entry`` writes (XDG base directories):

- ``$XDG_DATA_HOME/applications/one.talon.AudienceViewer.desktop`` whose Exec
  line names the launcher actually installed,
- the icon under ``$XDG_DATA_HOME/icons/hicolor/<size>x<size>/apps/`` and
  ``.../scalable/apps/``,
- ``application/json`` and ``application/x-ndjson`` associations in
  ``$XDG_CONFIG_HOME/mimeapps.list``, merged into what is there,

and ``--uninstall-desktop-entry`` removes exactly those again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from viewer.desktop.resources import APP_ID, ICON_SIZES, desktop_file_path, icon_path

MIME_TYPES = ("application/json", "application/x-ndjson")
DESKTOP_NAME = f"{APP_ID}.desktop"
MIMEAPPS_SECTIONS = ("Added Associations", "Default Applications")
_INSTALLED_MARK = "# Installed by audience-viewer --install-desktop-entry; remove with --uninstall-desktop-entry"
# Characters that force an Exec argument into double quotes (Desktop Entry spec, "Exec key").
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")

Out = Callable[[str], object]


@dataclass(frozen=True)
class _Places:
    applications: Path
    icons: Path  # .../icons/hicolor
    mimeapps: Path


def _places(home: Path | None) -> _Places:
    """XDG locations; an explicit ``home`` ignores XDG_* variables (tests, other users)."""
    if home is None:
        base = Path.home()
        data = Path(os.environ.get("XDG_DATA_HOME") or base / ".local" / "share")
        config = Path(os.environ.get("XDG_CONFIG_HOME") or base / ".config")
    else:
        data, config = home / ".local" / "share", home / ".config"
    return _Places(data / "applications", data / "icons" / "hicolor", config / "mimeapps.list")


def _icon_targets(places: _Places) -> list[tuple[Path, Path]]:
    """(source, destination) for every icon file install writes."""
    apps = [places.icons / f"{size}x{size}" / "apps" for size in ICON_SIZES]
    pairs = [(icon_path(size), folder / f"{APP_ID}.png") for size, folder in zip(ICON_SIZES, apps)]
    pairs.append((icon_path(), places.icons / "scalable" / "apps" / f"{APP_ID}.svg"))
    return pairs


def launcher_command() -> list[str]:
    """The command that starts the installed viewer, as an argument list."""
    found = shutil.which("audience-viewer")
    if found:
        return [str(Path(found).resolve())]
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is not None and argv0.stem == "audience-viewer" and argv0.exists():
        return [str(argv0.resolve())]
    # Run as ``python -m viewer`` with no launcher on PATH: start the same way.
    return [sys.executable, "-m", "viewer"]


def exec_quote(argument: str) -> str:
    """Quote one argument for a .desktop Exec line (spec quoting, then string escapes)."""
    argument = argument.replace("%", "%%")
    if any(ch in _EXEC_RESERVED for ch in argument):
        inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in argument)
        argument = f'"{inner}"'
    # The whole value is a desktop-entry string, where a backslash must be escaped again.
    return argument.replace("\\", "\\\\")


def desktop_entry_text(command: list[str]) -> str:
    """The bundled .desktop file with Exec/TryExec pointing at ``command``."""
    lines = [_INSTALLED_MARK]
    for line in desktop_file_path().read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + " ".join(exec_quote(arg) for arg in command) + " %F"
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0].replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"


def _read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def _edit_mimeapps(lines: list[str], *, add: bool) -> list[str]:
    """Add our desktop id first in (or drop it from) each MIME type's list; keep the rest."""
    wanted = {section: set(MIME_TYPES) for section in MIMEAPPS_SECTIONS} if add else {}
    result: list[str] = []
    section = None
    emptied: set[int] = set()  # start indices of sections whose last entry we removed

    def close_section() -> None:
        at = len(result)
        while at > 0 and not result[at - 1].strip():  # before the blank lines ending the section
            at -= 1
        result[at:at] = [f"{mime}={DESKTOP_NAME};" for mime in sorted(wanted.pop(section, ()))]

    for line in lines + [None]:  # None: end of file closes the last section
        stripped = line.strip() if line is not None else ""
        if line is None or (stripped.startswith("[") and stripped.endswith("]")):
            if section is not None:
                close_section()
            if line is None:
                break
            section = stripped[1:-1]
            section_start = len(result)
            result.append(line)
            continue
        key, sep, value = line.partition("=")
        if section in MIMEAPPS_SECTIONS and sep and key.strip() in MIME_TYPES:
            ids = [item for item in value.strip().split(";") if item and item != DESKTOP_NAME]
            if add:
                ids.insert(0, DESKTOP_NAME)
                wanted.get(section, set()).discard(key.strip())
            if not ids:
                emptied.add(section_start)
                continue
            line = f"{key.strip()}={';'.join(ids)};"
        result.append(line)
    for section_name in MIMEAPPS_SECTIONS:
        if section_name in wanted:  # the section did not exist yet
            if result and result[-1].strip():
                result.append("")
            result.append(f"[{section_name}]")
            result.extend(f"{mime}={DESKTOP_NAME};" for mime in MIME_TYPES)
    return _drop_empty_sections(result, emptied)


def _drop_empty_sections(lines: list[str], starts: set[int]) -> list[str]:
    """Remove sections (at ``starts``) that have nothing but blank lines left."""
    keep = list(lines)
    for start in sorted(starts, reverse=True):
        end = start + 1
        while end < len(keep) and not keep[end].strip().startswith("["):
            end += 1
        if all(not line.strip() for line in keep[start + 1 : end]):
            del keep[start:end]
    while keep and not keep[-1].strip():
        keep.pop()
    return keep


def _refresh_caches(places: _Places, out: Out) -> None:
    """Let desktops notice the change now; each tool is optional and may fail."""
    commands = [["update-desktop-database", "-q", str(places.applications)]]
    if (places.icons / "icon-theme.cache").exists():
        # Only refresh a cache that exists: GTK trusts a stale cache over the files.
        commands.append(["gtk-update-icon-cache", "-q", "-t", "-f", str(places.icons)])
    for command in commands:
        if shutil.which(command[0]) is None or not Path(command[-1]).is_dir():
            continue
        try:
            subprocess.run(command, check=False, capture_output=True, timeout=30)
        except (OSError, subprocess.SubprocessError) as error:  # best effort only
            out(f"note: {command[0]} failed: {error}")


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


def install(
    home: Path | None = None, *, out: Out = print, platform: str | None = None, refresh: bool = True
) -> list[Path]:
    """Install the menu entry, icons and file association; return the files written.

    ``home`` installs below that directory instead of the XDG locations;
    ``out`` receives one human-readable line per file written.
    """
    if _unsupported(platform or sys.platform, out, "--install-desktop-entry"):
        return []
    places = _places(home)
    written: list[Path] = []
    entry = places.applications / DESKTOP_NAME
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text(desktop_entry_text(launcher_command()), encoding="utf-8")
    out(f"wrote {entry}")
    written.append(entry)
    for source, target in _icon_targets(places):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        out(f"wrote {target}")
        written.append(target)
    places.mimeapps.parent.mkdir(parents=True, exist_ok=True)
    merged = _edit_mimeapps(_read_lines(places.mimeapps), add=True)
    places.mimeapps.write_text("\n".join(merged) + "\n", encoding="utf-8")
    out(f"updated {places.mimeapps}: {', '.join(MIME_TYPES)} open with {DESKTOP_NAME}")
    written.append(places.mimeapps)
    if refresh:
        _refresh_caches(places, out)
    return written


def uninstall(
    home: Path | None = None, *, out: Out = print, platform: str | None = None, refresh: bool = True
) -> list[Path]:
    """Remove what ``install`` wrote (and only that); return the files removed or edited."""
    if _unsupported(platform or sys.platform, out, "--uninstall-desktop-entry"):
        return []
    places = _places(home)
    changed: list[Path] = []
    for path in [places.applications / DESKTOP_NAME] + [target for _, target in _icon_targets(places)]:
        if path.exists():
            path.unlink()
            out(f"removed {path}")
            changed.append(path)
            # Drop the folders left empty: .../48x48/apps, .../48x48 and hicolor itself.
            for parent in (path.parent, path.parent.parent, places.icons):
                if path.parent != places.applications and parent.is_dir() and not any(parent.iterdir()):
                    parent.rmdir()
    if places.mimeapps.exists():
        before = _read_lines(places.mimeapps)
        after = _edit_mimeapps(before, add=False)
        if after != before:
            if any(line.strip() for line in after):
                places.mimeapps.write_text("\n".join(after) + "\n", encoding="utf-8")
                out(f"updated {places.mimeapps}: removed {DESKTOP_NAME}")
            else:
                places.mimeapps.unlink()
                out(f"removed {places.mimeapps} (nothing else was in it)")
            changed.append(places.mimeapps)
    if not changed:
        out("nothing to remove: the desktop entry is not installed")
    if refresh:
        _refresh_caches(places, out)
    return changed
