"""The damage bar: a file that could not be read as it is says so above the list, and leads to the place."""

from __future__ import annotations

import json

from tests.ui.window.test_main_window import open_and_wait, profile
from viewer.ui.window.damage_bar import damage_text


def _pretty(tmp_path, name: str, count: int) -> tuple[str, bytes]:
    data = json.dumps([profile(n) for n in range(count)], indent=2).encode()
    return str(tmp_path / name), data


def test_a_truncated_file_names_where_it_ends_and_shows_the_problem_among_all(qtbot, window, tmp_path) -> None:
    path, data = _pretty(tmp_path, "customers.json", 6)
    cut = data.index(b'"integrationId": "URN0004"')  # in the middle of the fifth profile
    (tmp_path / "customers.json").write_bytes(data[:cut])
    open_and_wait(qtbot, window, [path])
    bar = window.damage_bar
    assert bar.isVisible() and bar.objectName() == "damageBar"
    text = bar.message.text()
    assert text.startswith("customers.json could not be read exactly as written: the file ends early at line ")
    assert "the 4 profiles before it were read" in text
    window.problems.only_selected.setChecked(True)  # only the selected profile's: the file's problem hidden
    bar.show_button.click()
    assert window.tabs.currentWidget() is window.problems
    assert not window.problems.only_selected.isChecked()
    current = window.problems.model.problem_at(window.problems.table.currentIndex().row())
    assert current is not None and current.message.startswith("the file ends early")
    assert "concerns the whole file" in window.statusBar().currentMessage()


def test_a_stray_byte_leads_to_the_profile_whose_text_holds_it(qtbot, window, tmp_path) -> None:
    path, data = _pretty(tmp_path, "customers.json", 6)
    data = data.replace(b"Customer 0", "Jürgen".encode())  # UTF-8 elsewhere: one bad byte is not Latin-1
    at = data.index(b"Customer 3") + len(b"Customer ")
    (tmp_path / "customers.json").write_bytes(data[:at] + b"\xff" + data[at + 1:])  # "Customer \xff" in profile 3
    open_and_wait(qtbot, window, [path])
    bar = window.damage_bar
    assert bar.isVisible()
    line = data[:at].count(b"\n") + 1
    assert f"line {line}, column " in bar.message.text() and "0xFF is not valid UTF-8" in bar.message.text()
    bar.show_button.click()
    assert window.profile is not None and window.profile.integration_id == "URN0003"
    assert window.tabs.currentWidget() is window.raw
    assert window.raw.text.marked_line() == line


def test_a_clean_file_shows_no_bar_and_closing_takes_it_away(qtbot, window, tmp_path) -> None:
    path, data = _pretty(tmp_path, "clean.json", 3)
    (tmp_path / "clean.json").write_bytes(data)
    open_and_wait(qtbot, window, [path])
    assert not window.damage_bar.isVisible()
    (tmp_path / "cut.json").write_bytes(data[:-40])
    open_and_wait(qtbot, window, [str(tmp_path / "cut.json")])
    assert window.damage_bar.isVisible()
    window.close_export()
    assert not window.damage_bar.isVisible()


def test_a_file_in_another_encoding_says_so_and_leads_to_its_first_such_byte(qtbot, window, tmp_path) -> None:
    path = tmp_path / "latin.json"
    profiles = [profile(0), profile(1), profile(2, attributes={"City": "K\u00f6ln"})]
    data = json.dumps(profiles, ensure_ascii=False, indent=2).encode("cp1252")
    path.write_bytes(data)
    open_and_wait(qtbot, window, [str(path)])
    assert window.damage_bar.isVisible()
    text = window.damage_bar.message.text()
    line = data[:data.index(b"K\xf6ln")].count(b"\n") + 1
    assert "it was read as Windows-1252" in text and f"line {line}, column " in text and "0xF6" in text
    window.damage_bar.show_button.click()  # the place, in the third profile's own text
    assert window.profile is not None and window.profile.integration_id == "URN0002"
    assert window.tabs.currentWidget() is window.raw
    assert window.raw.text.marked_line() == line


def test_rows_of_a_csv_file_that_name_no_profile_are_no_damage() -> None:
    import viewer
    from viewer.ui.window.damage_bar import whole_file_problems

    unmatched = viewer.Problem("balances.csv", "3 balance rows name profiles that are not in this export")
    assert whole_file_problems([unmatched]) == []


def test_more_errors_about_a_whole_file_are_counted() -> None:
    import viewer

    errors = [viewer.Problem("file", f"error {n}", viewer.Severity.ERROR, source="/data/x.json") for n in range(3)]
    assert damage_text(errors, "ignored") == ("x.json could not be read exactly as written: error 0 "
                                              "(2 more problems of a whole file in the Problems tab)")
