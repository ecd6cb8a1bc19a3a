"""Which apps open JSON after --install-desktop-entry: the viewer is offered; the default only if asked or alone."""

from __future__ import annotations

import configparser
import sys
from pathlib import Path

import pytest

from viewer import app
from viewer.desktop import associations
from viewer.desktop import entry as desktop_entry
from viewer.desktop.resources import APP_ID

DESKTOP = f"{APP_ID}.desktop"
EDITOR = "org.gnome.TextEditor.desktop"


def _install(home: Path, **options: bool) -> list[str]:
    lines: list[str] = []
    desktop_entry.install(home, out=lines.append, platform="linux", refresh=False, **options)
    return lines


def _groups(home: Path) -> dict[str, dict[str, str]]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(home / ".config/mimeapps.list", encoding="utf-8")
    return {name: dict(parser[name]) for name in parser.sections()}


def _mimeapps(home: Path, text: str) -> None:
    (home / ".config").mkdir(parents=True, exist_ok=True)
    (home / ".config/mimeapps.list").write_text(text, encoding="utf-8")


def _app(folder: Path, name: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"[Desktop Entry]\nType=Application\nName={name}\n{body}", encoding="utf-8")


def test_the_users_default_stays_the_default(tmp_path: Path) -> None:
    _mimeapps(tmp_path, f"[Default Applications]\napplication/json={EDITOR};\n")
    lines = _install(tmp_path)
    groups = _groups(tmp_path)
    assert groups["Default Applications"]["application/json"] == f"{EDITOR};"
    assert groups["Added Associations"]["application/json"] == f"{DESKTOP};"
    assert any(EDITOR in line and "--make-default" in line for line in lines)


def test_an_installed_app_declaring_the_type_keeps_it(tmp_path: Path, xdg: Path) -> None:
    _app(xdg / "system/share/applications", "org.example.Editor.desktop", "MimeType=text/plain;application/json;\n")
    lines = _install(tmp_path)
    groups = _groups(tmp_path)
    assert "application/json" not in groups["Default Applications"]
    assert groups["Added Associations"]["application/json"] == f"{DESKTOP};"
    assert groups["Default Applications"]["application/x-ndjson"] == f"{DESKTOP};"  # nobody else handles NDJSON
    assert any("org.example.Editor.desktop" in line for line in lines)


def test_apps_in_the_users_own_folder_count_with_their_desktop_id(tmp_path: Path) -> None:
    _app(tmp_path / ".local/share/applications/kde4", "lines.desktop", "MimeType=application/x-ndjson;\n")
    lines = _install(tmp_path)
    assert "application/x-ndjson" not in _groups(tmp_path)["Default Applications"]
    assert any("kde4-lines.desktop" in line for line in lines)


def test_hidden_and_removed_apps_do_not_count(tmp_path: Path, xdg: Path) -> None:
    system = xdg / "system/share/applications"
    _app(system, "editor.desktop", "MimeType=application/json;\n")
    _app(tmp_path / ".local/share/applications", "editor.desktop", "Hidden=true\n")  # the user deleted it
    _app(system, "other.desktop", "MimeType=application/x-ndjson;\n")
    _mimeapps(tmp_path, "[Removed Associations]\napplication/x-ndjson=other.desktop;\n")
    _install(tmp_path)
    defaults = _groups(tmp_path)["Default Applications"]
    assert defaults["application/json"] == f"{DESKTOP};" and defaults["application/x-ndjson"] == f"{DESKTOP};"


def test_other_apps_offered_for_the_type_stay_ahead(tmp_path: Path) -> None:
    # With no default, desktops open a file with the first app under [Added Associations].
    _mimeapps(tmp_path, f"[Added Associations]\napplication/json={EDITOR};\n")
    _install(tmp_path)
    groups = _groups(tmp_path)
    assert groups["Added Associations"]["application/json"] == f"{EDITOR};{DESKTOP};"
    assert "application/json" not in groups["Default Applications"]


def test_with_no_other_handler_the_viewer_is_the_default(tmp_path: Path) -> None:
    lines = _install(tmp_path)
    groups = _groups(tmp_path)
    assert groups["Default Applications"] == {"application/json": f"{DESKTOP};", "application/x-ndjson": f"{DESKTOP};"}
    assert groups["Added Associations"]["application/gzip"] == f"{DESKTOP};"
    assert "application/json opens with the viewer by default" in lines


def test_gzip_is_never_the_default(tmp_path: Path) -> None:
    _mimeapps(tmp_path, "[Added Associations]\napplication/gzip=org.gnome.FileRoller.desktop;\n")
    _install(tmp_path, make_default=True)
    groups = _groups(tmp_path)
    assert "application/gzip" not in groups["Default Applications"]
    assert groups["Added Associations"]["application/gzip"] == f"org.gnome.FileRoller.desktop;{DESKTOP};"


def test_make_default_puts_the_viewer_first(tmp_path: Path) -> None:
    _mimeapps(tmp_path, f"[Default Applications]\napplication/json={EDITOR};\n\n"
                        f"[Added Associations]\napplication/json={EDITOR};\n")
    _install(tmp_path, make_default=True)
    groups = _groups(tmp_path)
    assert groups["Default Applications"]["application/json"] == f"{DESKTOP};{EDITOR};"
    assert groups["Added Associations"]["application/json"] == f"{DESKTOP};{EDITOR};"
    assert groups["Default Applications"]["application/x-ndjson"] == f"{DESKTOP};"


def test_install_again_keeps_an_earlier_default(tmp_path: Path, xdg: Path) -> None:
    _install(tmp_path)
    _app(xdg / "system/share/applications", "editor.desktop", "MimeType=application/json;\n")
    lines = _install(tmp_path)
    assert _groups(tmp_path)["Default Applications"]["application/json"] == f"{DESKTOP};"
    assert "application/json opens with the viewer by default" in lines


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="installs on Linux only")
def test_make_default_on_the_command_line(capsys: pytest.CaptureFixture[str], xdg: Path) -> None:
    home = xdg / "home"
    _mimeapps(home, f"[Default Applications]\napplication/json={EDITOR};\n")
    assert app.main(["--install-desktop-entry", "--make-default"]) == 0
    assert _groups(home)["Default Applications"]["application/json"] == f"{DESKTOP};{EDITOR};"
    assert "application/json opens with the viewer by default" in capsys.readouterr().out


def test_make_default_goes_with_install(capsys: pytest.CaptureFixture[str], xdg: Path) -> None:
    assert app.main(["--make-default"]) == 2
    assert "--make-default goes with --install-desktop-entry" in capsys.readouterr().err
    assert not (xdg / "home").exists()


def test_editing_keeps_the_other_lines_as_written() -> None:
    lines = ["# mine", "[Default Applications]", "text/plain = a.desktop", "", "[Other]", "x=y"]
    added, created = associations.add_handler(lines, "v.desktop", {associations.DEFAULT: {"application/json": True}})
    assert added == ["# mine", "[Default Applications]", "text/plain = a.desktop", "application/json=v.desktop;", "",
                     "[Other]", "x=y"]
    assert created == []
    assert associations.remove_handler(added, "v.desktop", ["application/json"], drop_if_empty=[]) == lines
