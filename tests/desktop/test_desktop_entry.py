"""--install-desktop-entry / --uninstall-desktop-entry into a temporary home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.desktop import entry as desktop_entry
from viewer.desktop.launcher import exec_line, exec_quote, launcher_command
from viewer.desktop.resources import APP_ID, ICON_SIZES

REPO = Path(__file__).resolve().parents[2]
DESKTOP = f"{APP_ID}.desktop"
USER_MIMEAPPS = """\
# my own choices
[Default Applications]
application/json=org.gnome.TextEditor.desktop;
text/plain=org.gnome.TextEditor.desktop;

[Removed Associations]
image/png=gimp.desktop;
"""


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A home with someone's other desktop files, icons and associations already in it."""
    (tmp_path / ".local/share/applications").mkdir(parents=True)
    (tmp_path / ".local/share/applications/other.desktop").write_text("[Desktop Entry]\nName=Other\n")
    (tmp_path / ".local/share/icons/hicolor/48x48/apps").mkdir(parents=True)
    (tmp_path / ".local/share/icons/hicolor/48x48/apps/other.png").write_bytes(b"png")
    (tmp_path / ".config").mkdir()
    (tmp_path / ".config/mimeapps.list").write_text(USER_MIMEAPPS)
    return tmp_path


def test_install_writes_entry_icons_and_association(home: Path) -> None:
    lines: list[str] = []
    written = desktop_entry.install(home, out=lines.append, platform="linux", refresh=False)

    entry = home / ".local/share/applications" / DESKTOP
    assert entry in written and entry.is_file()
    text = entry.read_text()
    assert "MimeType=application/json;application/x-ndjson;application/gzip;" in text
    assert f"Icon={APP_ID}" in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" %F")
    for size in ICON_SIZES:
        icon = home / f".local/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (home / f".local/share/icons/hicolor/scalable/apps/{APP_ID}.svg").read_text().lstrip().startswith("<?xml")
    assert (home / f".local/share/mime/packages/{APP_ID}.xml").read_text().lstrip().startswith("<?xml")

    mimeapps = (home / ".config/mimeapps.list").read_text()
    # The user's default stays; everything else untouched.
    assert "application/json=org.gnome.TextEditor.desktop;\n" in mimeapps
    assert "text/plain=org.gnome.TextEditor.desktop;" in mimeapps
    assert "image/png=gimp.desktop;" in mimeapps and "# my own choices" in mimeapps
    added = mimeapps.split("[Added Associations]", 1)[1]
    for mime in ("application/json", "application/x-ndjson", "application/gzip"):
        assert f"{mime}={DESKTOP};" in added
    default = mimeapps.split("[Default Applications]", 1)[1].split("[", 1)[0]
    # Nothing else handles NDJSON: the viewer is its default.
    assert [line for line in default.splitlines() if DESKTOP in line] == [f"application/x-ndjson={DESKTOP};"]
    # Every file written is named in the output.
    assert all(any(str(path) in line for line in lines) for path in written)


def test_install_twice_does_not_duplicate(home: Path) -> None:
    desktop_entry.install(home, out=lambda _: None, platform="linux", refresh=False)
    once = (home / ".config/mimeapps.list").read_text()
    desktop_entry.install(home, out=lambda _: None, platform="linux", refresh=False)
    assert (home / ".config/mimeapps.list").read_text() == once
    assert once.count(DESKTOP) == 4  # three MIME types offered, one (NDJSON) also the default


def test_uninstall_restores_the_home(home: Path) -> None:
    before = _tree(home)
    desktop_entry.install(home, out=lambda _: None, platform="linux", refresh=False)
    lines: list[str] = []
    removed = desktop_entry.uninstall(home, out=lines.append, platform="linux", refresh=False)

    assert _tree(home) == before
    assert (home / ".config/mimeapps.list").read_text() == USER_MIMEAPPS
    assert (home / ".local/share/icons/hicolor/48x48/apps/other.png").exists()
    assert home / ".local/share/applications" / DESKTOP in removed
    assert any("removed" in line for line in lines)


def test_uninstall_removes_a_mimeapps_list_it_created(tmp_path: Path) -> None:
    desktop_entry.install(tmp_path, out=lambda _: None, platform="linux", refresh=False)
    assert (tmp_path / ".config/mimeapps.list").exists()
    desktop_entry.uninstall(tmp_path, out=lambda _: None, platform="linux", refresh=False)
    assert _tree(tmp_path) == set()


def test_uninstall_when_not_installed_says_so(tmp_path: Path) -> None:
    lines: list[str] = []
    assert desktop_entry.uninstall(tmp_path, out=lines.append, platform="linux", refresh=False) == []
    assert lines == ["nothing to remove: the desktop entry is not installed"]


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_other_platforms_get_instructions(tmp_path: Path, platform: str) -> None:
    lines: list[str] = []
    assert desktop_entry.install(tmp_path, out=lines.append, platform=platform) == []
    assert desktop_entry.uninstall(tmp_path, out=lines.append, platform=platform) == []
    assert "Open with" in lines[0] and _tree(tmp_path) == set()


@pytest.mark.parametrize(
    ("argument", "quoted"),
    [
        ("/usr/bin/audience-viewer", "/usr/bin/audience-viewer"),
        ("/home/ann marie/bin/audience-viewer", '"/home/ann marie/bin/audience-viewer"'),
        ('/opt/a"b$c', '"/opt/a\\\\"b\\\\$c"'),
        ("/opt/100%/x", "/opt/100%%/x"),
    ],
)
def test_exec_quoting_follows_the_desktop_entry_spec(argument: str, quoted: str) -> None:
    assert exec_quote(argument) == quoted


def test_command_line_install_and_uninstall(tmp_path: Path) -> None:
    env = dict(os.environ, HOME=str(tmp_path))
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    run = [sys.executable, "-m", "viewer"]
    done = subprocess.run([*run, "--install-desktop-entry"], env=env, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    entry = tmp_path / "data/applications" / DESKTOP
    assert f"wrote {entry}" in done.stdout
    assert f"application/x-ndjson={DESKTOP};" in (tmp_path / "config/mimeapps.list").read_text()
    # Started as ``python -m viewer``: the entry runs this environment's launcher (or ``python -m viewer``).
    assert f"\nExec={exec_line(launcher_command())}\n" in entry.read_text()

    done = subprocess.run([*run, "--uninstall-desktop-entry"], env=env, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert f"removed {entry}" in done.stdout
    assert not entry.exists() and not (tmp_path / "config/mimeapps.list").exists()
    # Every file and folder the install created (update-mime-database's cache too, where it ran) is gone.
    assert sorted(tmp_path.rglob("*")) == []
