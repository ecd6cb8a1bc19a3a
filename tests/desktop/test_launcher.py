"""The installed entry starts the installation that installed it, whatever else is on PATH."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from viewer.desktop import entry as desktop_entry
from viewer.desktop import launcher
from viewer.desktop.resources import APP_ID


def _script(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def other_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Another installation's ``audience-viewer``, first on PATH."""
    other = _script(tmp_path / "other-install/bin/audience-viewer")
    monkeypatch.setenv("PATH", str(other.parent))
    return other


def _keys(home: Path) -> dict[str, str]:
    text = (home / f".local/share/applications/{APP_ID}.desktop").read_text(encoding="utf-8")
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def test_exec_names_the_launcher_that_is_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other_on_path: Path
) -> None:
    mine = _script(tmp_path / "my env/bin/audience-viewer")
    monkeypatch.setattr(sys, "argv", [str(mine), "--install-desktop-entry"])
    desktop_entry.install(tmp_path / "home", out=lambda _: None, platform="linux", refresh=False)
    keys = _keys(tmp_path / "home")
    assert keys["Exec"] == f'"{mine}" %F'  # the space makes the spec's quotes necessary
    assert keys["TryExec"] == str(mine)
    assert str(other_on_path) not in keys["Exec"]


def test_exec_names_this_environments_launcher_when_run_as_a_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other_on_path: Path
) -> None:
    scripts = _script(tmp_path / "env/bin/audience-viewer").parent
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "checkout/viewer/__main__.py")])
    monkeypatch.setattr(launcher, "_script_dirs", lambda: [scripts])
    desktop_entry.install(tmp_path / "home", out=lambda _: None, platform="linux", refresh=False)
    assert _keys(tmp_path / "home")["Exec"] == f"{scripts / 'audience-viewer'} %F"


def test_without_a_launcher_the_entry_runs_this_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other_on_path: Path
) -> None:
    python = tmp_path / "my python/bin/python3"
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "checkout/viewer/__main__.py")])
    monkeypatch.setattr(sys, "executable", str(python))
    monkeypatch.setattr(launcher, "_script_dirs", lambda: [tmp_path / "empty"])
    assert launcher.launcher_command() == [str(python), "-m", "viewer"]
    desktop_entry.install(tmp_path / "home", out=lambda _: None, platform="linux", refresh=False)
    keys = _keys(tmp_path / "home")
    assert keys["Exec"] == f'"{python}" -m viewer %F'
    assert keys["TryExec"] == str(python)


def test_a_file_that_is_not_executable_is_not_a_launcher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "bin/audience-viewer"
    stale.parent.mkdir()
    stale.write_text("not a program", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", [str(stale)])
    monkeypatch.setattr(launcher, "_script_dirs", lambda: [stale.parent])
    assert launcher.launcher_command() == [sys.executable, "-m", "viewer"]


def test_the_running_pythons_folder_is_searched() -> None:
    dirs = launcher._script_dirs()
    assert Path(sys.executable).parent in dirs
    assert len(dirs) == len(set(dirs))
