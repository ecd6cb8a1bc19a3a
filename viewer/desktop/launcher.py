"""The command a desktop entry runs to start this installation of the viewer. Qt-free.

The Exec line names the launcher of the installation that runs the install,
never merely the first ``audience-viewer`` on PATH: the console script that
started this process, else the one in this Python environment's scripts
folder, else ``<this python> -m viewer``.
"""

from __future__ import annotations

import os
import site
import sys
import sysconfig
from pathlib import Path

from viewer.desktop.resources import desktop_file_path

LAUNCHER_NAME = "audience-viewer"
INSTALLED_MARK = "# Installed by audience-viewer --install-desktop-entry; remove with --uninstall-desktop-entry"
# Characters that force an Exec argument into double quotes (Desktop Entry spec, "Exec key").
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the ``viewer`` package of this installation


def _is_launcher(path: Path) -> bool:
    return path.stem == LAUNCHER_NAME and path.is_file() and os.access(path, os.X_OK)


def _script_dirs() -> list[Path]:
    """Folders where this installation's console scripts live, most likely first."""
    dirs: list[Path] = []
    user_site = site.getusersitepackages() if site.ENABLE_USER_SITE else ""
    if user_site and _PACKAGE_DIR.is_relative_to(Path(user_site).resolve()):
        # ``pip install --user``: the scripts go to the user scheme's folder (~/.local/bin).
        dirs.append(Path(sysconfig.get_path("scripts", f"{os.name}_user")))
    dirs.append(Path(sysconfig.get_path("scripts")))
    dirs.append(Path(sys.executable).parent)
    return list(dict.fromkeys(dirs))


def launcher_command() -> list[str]:
    """The command that starts this installation of the viewer, as an argument list.

    ``sys.argv[0]`` when this process was started by the ``audience-viewer``
    launcher; else the launcher in this environment's scripts folder; else
    ``[sys.executable, "-m", "viewer"]``. PATH is not consulted.
    """
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is not None and _is_launcher(argv0):
        return [str(argv0.absolute())]
    for folder in _script_dirs():
        for name in (LAUNCHER_NAME, f"{LAUNCHER_NAME}.exe"):
            candidate = folder / name
            if _is_launcher(candidate):
                return [str(candidate.absolute())]
    return [sys.executable, "-m", "viewer"]


def exec_quote(argument: str) -> str:
    """Quote one argument for a .desktop Exec line (spec quoting, then string escapes)."""
    argument = argument.replace("%", "%%")
    if any(ch in _EXEC_RESERVED for ch in argument):
        inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in argument)
        argument = f'"{inner}"'
    # The whole value is a desktop-entry string, where a backslash must be escaped again.
    return argument.replace("\\", "\\\\")


def exec_line(command: list[str]) -> str:
    """The value of the Exec key that runs ``command`` with the files to open (``%F``)."""
    return " ".join(exec_quote(arg) for arg in command) + " %F"


def desktop_entry_text(command: list[str]) -> str:
    """The bundled .desktop file with Exec/TryExec pointing at ``command``."""
    lines = [INSTALLED_MARK]
    for line in desktop_file_path().read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_line(command)
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0].replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"
