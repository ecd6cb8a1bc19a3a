"""A failing install or uninstall says which file is at fault and leaves everything as it was."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.desktop import entry as desktop_entry
from viewer.desktop import transaction
from viewer.desktop.resources import APP_ID

REPO = Path(__file__).resolve().parents[2]
DESKTOP = f"{APP_ID}.desktop"
LATIN1 = "[Default Applications]\napplication/json=caf\xe9.desktop;\n".encode("latin-1")


def _install(home: Path, **options: bool) -> list[Path]:
    return desktop_entry.install(home, out=lambda _: None, platform="linux", refresh=False, **options)


def _everything(root: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(root)): None if p.is_dir() else p.read_bytes() for p in root.rglob("*")}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / ".config").mkdir()
    (tmp_path / ".config/mimeapps.list").write_text("[Default Applications]\ntext/plain=gedit.desktop;\n")
    return tmp_path


def test_a_mimeapps_list_that_is_not_utf8_stops_the_install_before_any_write(home: Path) -> None:
    (home / ".config/mimeapps.list").write_bytes(LATIN1)
    before = _everything(home)
    with pytest.raises(desktop_entry.DesktopEntryError, match="not UTF-8") as caught:
        _install(home)
    assert str(home / ".config/mimeapps.list") in str(caught.value)
    assert _everything(home) == before


def test_a_mimeapps_list_that_cannot_be_read_stops_the_install(home: Path) -> None:
    (home / ".config/mimeapps.list").unlink()
    (home / ".config/mimeapps.list").mkdir()
    before = _everything(home)
    with pytest.raises(desktop_entry.DesktopEntryError, match="mimeapps.list"):
        _install(home)
    assert _everything(home) == before


def test_a_line_desktops_cannot_parse_stops_the_install(home: Path) -> None:
    (home / ".config/mimeapps.list").write_text("[Default Applications]\nthis is no entry\n")
    before = _everything(home)
    with pytest.raises(desktop_entry.DesktopEntryError, match="line 2"):
        _install(home)
    assert _everything(home) == before


def test_the_command_line_names_the_file_and_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config/mimeapps.list").write_bytes(LATIN1)
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"))
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    for option in ("--install-desktop-entry", "--uninstall-desktop-entry"):
        done = subprocess.run([sys.executable, "-m", "viewer", option], env=env, capture_output=True, text=True,
                              check=False, timeout=60)
        assert done.returncode == 1
        assert str(tmp_path / "config/mimeapps.list") in done.stderr and "UTF-8" in done.stderr
        assert "Traceback" not in done.stderr
        assert not (tmp_path / "data").exists()


def test_uninstall_with_an_unreadable_mimeapps_list_removes_nothing(home: Path) -> None:
    _install(home)
    (home / ".config/mimeapps.list").write_bytes(LATIN1)
    before = _everything(home)
    with pytest.raises(desktop_entry.DesktopEntryError, match="not UTF-8"):
        desktop_entry.uninstall(home, out=lambda _: None, platform="linux", refresh=False)
    assert _everything(home) == before


def test_a_write_that_fails_undoes_the_others(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install(home)
    entry = home / ".local/share/applications" / DESKTOP
    entry.write_text("[Desktop Entry]\nName=as an older version wrote it\n")
    (home / ".config/mimeapps.list").write_text("[Default Applications]\ntext/plain=gedit.desktop;\n")
    before = _everything(home)
    real_write = transaction.write_atomic

    def failing(path: Path, data: bytes, *, mode: int | None = None) -> None:
        if path.name == "mimeapps.list" and data != before[".config/mimeapps.list"]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real_write(path, data, mode=mode)

    monkeypatch.setattr(transaction, "write_atomic", failing)
    with pytest.raises(desktop_entry.DesktopEntryError, match="mimeapps.list") as caught:
        _install(home)
    assert "nothing was installed" in str(caught.value)
    assert _everything(home) == before  # the older entry is back, no temporary file is left


def test_a_failure_on_a_fresh_home_leaves_it_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = transaction.write_atomic
    calls: list[Path] = []

    def fail_late(path: Path, data: bytes, *, mode: int | None = None) -> None:
        calls.append(path)
        if path.name == "desktop-install.json":  # the last file written
            raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        real_write(path, data, mode=mode)

    monkeypatch.setattr(transaction, "write_atomic", fail_late)
    with pytest.raises(desktop_entry.DesktopEntryError, match="desktop-install.json"):
        _install(tmp_path)
    assert len(calls) > 5 and _everything(tmp_path) == {}


def test_every_file_is_written_by_an_atomic_rename(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    renamed: list[Path] = []
    real_replace = os.replace

    def spy(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        renamed.append(Path(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    written = _install(home)
    assert set(written) <= set(renamed)
    assert not [path for path in home.rglob("*.tmp")]


def test_a_symlinked_mimeapps_list_stays_a_symlink(home: Path) -> None:
    dotfiles = home / "dotfiles/mimeapps.list"
    dotfiles.parent.mkdir()
    (home / ".config/mimeapps.list").rename(dotfiles)
    (home / ".config/mimeapps.list").symlink_to(dotfiles)
    original = dotfiles.read_text()
    _install(home)
    assert (home / ".config/mimeapps.list").is_symlink() and DESKTOP in dotfiles.read_text()
    desktop_entry.uninstall(home, out=lambda _: None, platform="linux", refresh=False)
    assert (home / ".config/mimeapps.list").is_symlink() and dotfiles.read_text() == original


def test_line_endings_and_permissions_of_mimeapps_list_are_kept(home: Path) -> None:
    mimeapps = home / ".config/mimeapps.list"
    mimeapps.write_bytes(b"[Default Applications]\r\ntext/plain=gedit.desktop;\r\n")
    mimeapps.chmod(0o600)
    _install(home)
    data = mimeapps.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") > 2
    assert mimeapps.stat().st_mode & 0o777 == 0o600


def test_a_damaged_record_stops_the_install_and_says_which_file(home: Path) -> None:
    record = home / ".local/share" / APP_ID / "desktop-install.json"
    record.parent.mkdir(parents=True)
    record.write_text('{"format": 1, "files": "not a list"}')
    before = _everything(home)
    with pytest.raises(desktop_entry.DesktopEntryError, match=str(record)):
        _install(home)
    assert _everything(home) == before
