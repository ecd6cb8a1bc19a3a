"""The desktop's caches of menu entries and MIME types: refresh them, tell what they created. Qt-free.

Each tool (update-desktop-database, update-mime-database,
gtk-update-icon-cache) is optional: it runs only when installed.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from viewer.desktop.places import Places

Out = Callable[[str], object]


def run_tools(places: Places, out: Out) -> None:
    """Let desktops notice the change now; each tool is optional and may fail."""
    commands = [
        ["update-desktop-database", "-q", str(places.applications)],
        ["update-mime-database", str(places.mime)],
    ]
    if (places.icons / "icon-theme.cache").exists():
        # Only refresh a cache that exists: GTK trusts a stale cache over the files.
        commands.append(["gtk-update-icon-cache", "-q", "-t", "-f", str(places.icons)])
    for command in commands:
        if shutil.which(command[0]) is None or not Path(command[-1]).is_dir():
            continue
        try:
            done = subprocess.run(command, check=False, capture_output=True, timeout=30)
        except (OSError, subprocess.SubprocessError) as error:  # best effort only
            out(f"note: {command[0]} failed: {error}")
            continue
        if done.returncode:
            out(f"note: {command[0]} exited with status {done.returncode}")


def snapshot(places: Places) -> set[Path]:
    """Every path below the folders the cache tools write into."""
    return {path for root in (places.applications, places.mime) if root.is_dir() for path in root.rglob("*")}


def sources_left(places: Places, generated: Path) -> bool:
    """Whether the cache file ``generated`` still describes something (else it is ours to remove)."""
    if generated.is_relative_to(places.mime):
        return any((places.mime / "packages").glob("*.xml"))
    if generated.is_relative_to(places.applications):
        return any(places.applications.rglob("*.desktop"))
    return True
