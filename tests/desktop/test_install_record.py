"""Uninstall removes what the install created, as its record lists it, and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.desktop import entry as desktop_entry
from viewer.desktop.resources import APP_ID, ICON_SIZES

DESKTOP = f"{APP_ID}.desktop"
RECORD = Path(".local/share") / APP_ID / "desktop-install.json"


def _install(home: Path) -> list[Path]:
    return desktop_entry.install(home, out=lambda _: None, platform="linux", refresh=False)


def _uninstall(home: Path) -> list[Path]:
    return desktop_entry.uninstall(home, out=lambda _: None, platform="linux", refresh=False)


def _everything(root: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder (None) below ``root``."""
    return {str(p.relative_to(root)): None if p.is_dir() else p.read_bytes() for p in root.rglob("*")}


def test_uninstall_keeps_empty_folders_it_did_not_create(tmp_path: Path) -> None:
    for folder in ("icons/hicolor/256x256/apps", "icons/hicolor/scalable", "applications", "mime/packages"):
        (tmp_path / ".local/share" / folder).mkdir(parents=True)
    (tmp_path / ".config").mkdir()
    before = _everything(tmp_path)
    _install(tmp_path)
    _uninstall(tmp_path)
    assert _everything(tmp_path) == before


def test_uninstall_removes_the_folders_it_created(tmp_path: Path) -> None:
    _install(tmp_path)
    assert (tmp_path / ".local/share/icons/hicolor/16x16/apps").is_dir()
    _uninstall(tmp_path)
    assert _everything(tmp_path) == {}


def test_the_record_lists_what_the_install_created(tmp_path: Path) -> None:
    (tmp_path / ".local/share/icons/hicolor").mkdir(parents=True)
    written = _install(tmp_path)
    record = json.loads((tmp_path / RECORD).read_text(encoding="utf-8"))
    data = tmp_path / ".local/share"
    files = {Path(path) for path in record["files"]}
    assert data / "applications" / DESKTOP in files and data / f"mime/packages/{APP_ID}.xml" in files
    assert {data / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png" for size in ICON_SIZES} <= files
    assert files <= set(written)
    directories = {Path(path) for path in record["directories"]}
    assert data / "icons/hicolor/48x48" in directories and data / "applications" in directories
    assert data / "icons/hicolor" not in directories and data not in directories  # they were there already
    assert record["mimeapps"] == {
        "path": str(tmp_path / ".config/mimeapps.list"),
        "created": True,
        "groups": ["Added Associations", "Default Applications"],
    }


def test_installing_twice_keeps_the_record_of_the_first_install(tmp_path: Path) -> None:
    _install(tmp_path)
    _install(tmp_path)
    _uninstall(tmp_path)
    assert _everything(tmp_path) == {}


def test_uninstall_keeps_what_the_user_added_since(tmp_path: Path) -> None:
    _install(tmp_path)
    mine = tmp_path / ".local/share/icons/hicolor/48x48/apps/mine.png"
    mine.write_bytes(b"png")
    mimeapps = tmp_path / ".config/mimeapps.list"
    mimeapps.write_text(mimeapps.read_text(encoding="utf-8") + "text/csv=calc.desktop;\n", encoding="utf-8")
    _uninstall(tmp_path)
    assert mine.read_bytes() == b"png"
    assert mimeapps.read_text(encoding="utf-8") == "[Default Applications]\ntext/csv=calc.desktop;\n"
    assert not (tmp_path / ".local/share/applications").exists()  # created by the install, left empty


def test_an_install_without_a_record_loses_only_its_files(tmp_path: Path) -> None:
    """An older version left no record: its files and mimeapps.list entries go, no folder does."""
    _install(tmp_path)
    (tmp_path / RECORD).unlink()
    (tmp_path / RECORD).parent.rmdir()
    removed = _uninstall(tmp_path)
    assert tmp_path / ".local/share/applications" / DESKTOP in removed
    assert {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if not p.is_dir()} == set()
    assert (tmp_path / ".local/share/icons/hicolor/48x48/apps").is_dir()


def test_uninstall_only_touches_the_users_folders(tmp_path: Path) -> None:
    _install(tmp_path / "home")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("keep", encoding="utf-8")
    record_path = tmp_path / "home" / RECORD
    record = json.loads(record_path.read_text(encoding="utf-8"))
    record["files"].append(str(outside))
    record_path.write_text(json.dumps(record), encoding="utf-8")
    _uninstall(tmp_path / "home")
    assert outside.read_text(encoding="utf-8") == "keep"


def test_a_damaged_record_stops_uninstall_and_says_which_file(tmp_path: Path) -> None:
    _install(tmp_path)
    (tmp_path / RECORD).write_text("{", encoding="utf-8")
    before = _everything(tmp_path)
    with pytest.raises(desktop_entry.DesktopEntryError, match=str(tmp_path / RECORD)):
        _uninstall(tmp_path)
    assert _everything(tmp_path) == before


def test_uninstall_output_names_every_file_removed(tmp_path: Path) -> None:
    _install(tmp_path)
    lines: list[str] = []
    removed = desktop_entry.uninstall(tmp_path, out=lines.append, platform="linux", refresh=False)
    assert removed and all(any(str(path) in line for line in lines) for path in removed)
    assert f"removed {tmp_path / RECORD}" in lines
