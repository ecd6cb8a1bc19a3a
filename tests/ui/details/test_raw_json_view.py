"""The Raw JSON tab: the profile's own text from its file, or why it cannot be read again."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import viewer
from viewer.ui.details.raw_json_view import RawJsonView


def _profile(n: int) -> dict:
    return {"id": n, "integrationId": f"URN-{n}", "created": "2021-03-04T05:06:07Z",
            "lastActivity": "2024-01-02T03:04:05Z", "accountId": 7, "closedSessions": 0, "totalSales": 1,
            "attributes": {"City": f"Town {n}", "Notes": "a long line " * 20}}


def _write(path: Path, first: int) -> None:
    profiles = [_profile(n) for n in range(first, first + 5)]
    if path.suffix == ".ndjson":  # one long line per profile: shown formatted when it can be read
        path.write_text("".join(json.dumps(p) + "\n" for p in profiles), encoding="utf-8")
    else:
        path.write_text(json.dumps(profiles, indent=2), encoding="utf-8")


@pytest.mark.parametrize("name", ["export.json", "export.ndjson"])
def test_a_profile_whose_file_changed_since_it_was_opened_says_so(qtbot, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write(path, 0)
    export = viewer.load(path)
    view = RawJsonView()
    qtbot.addWidget(view)
    view.show()
    view.set_profile(export.profiles[1])
    assert '"URN-1"' in view.text.toPlainText()  # read back from the file
    _write(path, 10)
    os.utime(path, ns=(0, path.stat().st_mtime_ns + 10**9))
    view.set_profile(export.profiles[3])
    shown = view.text.toPlainText()
    assert "the file changed on disk since it was opened; reopen it" in shown
    assert "URN-" not in shown and "Town" not in shown  # neither the new file's text nor a partial mapping


def test_the_first_line_keeps_the_indentation_the_file_gives_it(qtbot, tmp_path: Path) -> None:
    # A pretty-printed array's profile starts after four spaces: shown without them, its "{" sat left of its "}".
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"data": [_profile(1), _profile(2)]}, indent=4), encoding="utf-8")
    one_line = tmp_path / "one-line.json"
    one_line.write_text(json.dumps([_profile(1), _profile(2)]), encoding="utf-8")
    view = RawJsonView()
    qtbot.addWidget(view)
    view.show()
    view.set_profile(viewer.load(path).profiles[1])
    lines = view.text.toPlainText().splitlines()
    file_lines = path.read_text(encoding="utf-8").splitlines()
    start = file_lines.index('            "integrationId": "URN-2",') - 2
    assert lines == file_lines[start:start + len(lines)]  # every line as the file has it, the first one too
    assert lines[0] == "        {" and lines[-1] == "        }"
    profile = viewer.load(one_line).profiles[1]
    assert profile.source_indent == "" and profile.source_text.startswith('{"id": 2')  # after ", ": no indent


def test_profiles_selected_while_another_tab_shows_offer_formatted_as_their_own_text_asks(
        qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QTabWidget, QWidget

    lines, indented = tmp_path / "export.ndjson", tmp_path / "export.json"
    _write(lines, 0)
    _write(indented, 0)
    one_line, formatted_in_file = viewer.load(lines).profiles[2], viewer.load(indented).profiles[2]
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    view = RawJsonView()
    tabs.addTab(QWidget(), "Attributes")
    tabs.addTab(view, "Raw JSON")
    tabs.show()
    view.set_profile(formatted_in_file)
    view.set_profile(one_line)  # the last one selected while the Attributes tab shows
    tabs.setCurrentIndex(1)
    assert view.formatted.isVisible() and view.formatted.isChecked()  # one long line: shown formatted
    assert view.text.toPlainText().startswith('{\n  "id": 2,')
    tabs.setCurrentIndex(0)
    view.set_profile(formatted_in_file)
    tabs.setCurrentIndex(1)
    assert not view.formatted.isVisible()  # the file's own lines: nothing to format
    assert '"URN-2"' in view.text.toPlainText() and view.text.first_line > 1
