"""``*.ndjson`` / ``*.jsonl`` get a MIME type of their own, and the MIME database is refreshed when it can be."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from viewer.desktop import entry as desktop_entry
from viewer.desktop.launcher import desktop_entry_text
from viewer.desktop.resources import APP_ID, mime_info_path

FAKE_TOOL = """#!/bin/sh
echo "$0 $*" >> "{log}"
for last; do :; done
: > "$last/{cache}"
"""


def _fake_tools(folder: Path, log: Path) -> None:
    folder.mkdir()
    for name, cache in (("update-mime-database", "mime.cache"), ("update-desktop-database", "mimeinfo.cache")):
        tool = folder / name
        tool.write_text(FAKE_TOOL.format(log=log, cache=cache), encoding="utf-8")
        tool.chmod(0o755)


def test_install_adds_the_ndjson_type(tmp_path: Path) -> None:
    written = desktop_entry.install(tmp_path, out=lambda _: None, platform="linux", refresh=False)
    package = tmp_path / f".local/share/mime/packages/{APP_ID}.xml"
    assert package in written
    assert package.read_bytes() == mime_info_path().read_bytes()


def test_the_entry_lists_json_ndjson_and_gzip() -> None:
    text = desktop_entry_text(["/x/audience-viewer"])
    mime_line = next(line for line in text.splitlines() if line.startswith("MimeType="))
    assert mime_line == "MimeType=application/json;application/x-ndjson;application/gzip;"


def test_the_tools_run_and_their_caches_go_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "tools.log"
    _fake_tools(tmp_path / "bin", log)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    home = tmp_path / "home"
    desktop_entry.install(home, out=lambda _: None, platform="linux")
    mime = home / ".local/share/mime"
    calls = log.read_text(encoding="utf-8").splitlines()
    assert f"{tmp_path / 'bin/update-mime-database'} {mime}" in calls
    assert (mime / "mime.cache").exists() and (home / ".local/share/applications/mimeinfo.cache").exists()

    lines: list[str] = []
    desktop_entry.uninstall(home, out=lines.append, platform="linux")
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2 * len(calls)  # refreshed again
    assert sorted(home.rglob("*")) == []  # the caches the install's tools created went too


def test_caches_that_still_describe_other_things_stay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_tools(tmp_path / "bin", tmp_path / "tools.log")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    home = tmp_path / "home"
    desktop_entry.install(home, out=lambda _: None, platform="linux")
    other = home / ".local/share/mime/packages/other.xml"
    other.write_text("<mime-info/>", encoding="utf-8")
    desktop_entry.uninstall(home, out=lambda _: None, platform="linux")
    assert (home / ".local/share/mime/mime.cache").exists() and other.exists()


def test_without_the_tools_nothing_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    lines: list[str] = []
    desktop_entry.install(tmp_path / "home", out=lines.append, platform="linux")
    assert not any(line.startswith("note:") for line in lines)
    assert not (tmp_path / "home/.local/share/mime/mime.cache").exists()


@pytest.mark.skipif(shutil.which("update-mime-database") is None, reason="shared-mime-info is not installed")
def test_the_real_mime_database_knows_ndjson(tmp_path: Path) -> None:
    desktop_entry.install(tmp_path, out=lambda _: None, platform="linux")
    globs = (tmp_path / ".local/share/mime/globs2").read_text(encoding="utf-8")
    assert "application/x-ndjson:*.ndjson" in globs and "application/x-ndjson:*.jsonl" in globs
    desktop_entry.uninstall(tmp_path, out=lambda _: None, platform="linux")
    assert sorted(tmp_path.rglob("*")) == []
