"""Where one user's desktop integration lives: the XDG base directories. Qt-free."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from viewer.desktop.resources import APP_ID


@dataclass(frozen=True)
class Places:
    """The folders of one user's desktop integration (XDG base directories)."""

    data_home: Path
    config_home: Path
    data_dirs: tuple[Path, ...]
    config_dirs: tuple[Path, ...]
    desktops: tuple[str, ...]  # $XDG_CURRENT_DESKTOP, lower case

    @property
    def applications(self) -> Path:
        return self.data_home / "applications"

    @property
    def icons(self) -> Path:
        return self.data_home / "icons" / "hicolor"

    @property
    def mime(self) -> Path:
        return self.data_home / "mime"

    @property
    def mimeapps(self) -> Path:
        return self.config_home / "mimeapps.list"

    @property
    def manifest(self) -> Path:
        return self.data_home / APP_ID / "desktop-install.json"

    def applications_dirs(self) -> list[Path]:
        return [self.applications, *(folder / "applications" for folder in self.data_dirs)]

    def other_mimeapps_lists(self) -> list[Path]:
        """Every other mimeapps.list a desktop reads, most important first (the user's own excluded)."""
        folders = [self.config_home, *self.config_dirs, *self.applications_dirs()]
        names = [f"{desktop}-mimeapps.list" for desktop in self.desktops] + ["mimeapps.list"]
        return [folder / name for folder in folders for name in names if folder / name != self.mimeapps]

    def holds(self, path: Path, *, or_above: bool = False) -> bool:
        """Whether ``path`` lies in this user's data or config folder (all uninstall may touch).

        ``or_above`` also accepts the folders above them (``~/.local`` for ``~/.local/share``).
        """
        roots = (self.data_home, self.config_home)
        if not path.is_absolute():
            return False
        return any(path.is_relative_to(root) or (or_above and root.is_relative_to(path)) for root in roots)


def env_dirs(name: str, default: str) -> tuple[Path, ...]:
    """An XDG path list; relative entries are ignored as the base directory spec says."""
    return tuple(Path(item) for item in (os.environ.get(name) or default).split(":") if os.path.isabs(item))


def find_places(home: Path | None = None) -> Places:
    """XDG locations; an explicit ``home`` ignores XDG_DATA_HOME and XDG_CONFIG_HOME (tests, other users).

    The system folders (XDG_DATA_DIRS, XDG_CONFIG_DIRS), only read to find the
    other handlers of a type, always come from the environment.
    """
    if home is None:
        base = Path.home()
        data = Path(os.environ.get("XDG_DATA_HOME") or base / ".local" / "share")
        config = Path(os.environ.get("XDG_CONFIG_HOME") or base / ".config")
    else:
        data, config = home / ".local" / "share", home / ".config"
    desktops = tuple(d.lower() for d in os.environ.get("XDG_CURRENT_DESKTOP", "").split(":") if d)
    return Places(
        data.absolute(),
        config.absolute(),
        env_dirs("XDG_DATA_DIRS", "/usr/local/share/:/usr/share/"),
        env_dirs("XDG_CONFIG_DIRS", "/etc/xdg"),
        desktops,
    )
