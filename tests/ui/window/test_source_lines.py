"""The Raw JSON tab shows the file's own text at the file's line numbers; problems lead to their line."""

from __future__ import annotations

from pathlib import Path

from tests.ui.window.test_main_window import open_and_wait
from viewer.reading import loader
from viewer.ui.details.profile_details import PROBLEMS_TAB, RAW_TAB
from viewer.ui.window.main_window import MainWindow

PROFILE = ('  {{\n    "id": {n},\n    "created": "2021-03-04T05:06:07Z",\n    "integrationId": "URN{n}",\n'
           '    "accountId": 1,\n    "closedSessions": 0,\n    "totalSales": {sales},\n'
           '    "lastActivity": "2024-01-02T03:04:05Z",\n    "attributes": {attrs}\n  }}')


def write(tmp_path: Path, profiles: list[tuple[str, str]]) -> str:
    text = "[\n" + ",\n".join(PROFILE.format(n=n, sales=s, attrs=a) for n, (s, a) in enumerate(profiles)) + "\n]\n"
    path = tmp_path / "pretty.json"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_raw_json_is_the_file_text_with_its_line_numbers(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = write(tmp_path, [("1.10", "{}"), ("1E2", '{"Price": 12345678901234567.89}')])
    open_and_wait(qtbot, window, [path])
    window.select_profile(1)
    window.tabs.setCurrentIndex(RAW_TAB)
    raw = window.details.raw.text
    text = raw.toPlainText()
    assert text in Path(path).read_text(encoding="utf-8")  # the file's text, not written again
    assert '"totalSales": 1E2' in text and "12345678901234567.89" in text
    assert raw.first_line == 12  # the second profile starts on line 12 of the file
    assert window.panel.tiles["total_sales"].value.text() == "100.00"  # money: two decimals of the exact value


def test_activating_a_problem_marks_its_line_in_the_raw_json(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = write(tmp_path, [("1", "{}"), ('"12,50"', "{}")])
    open_and_wait(qtbot, window, [path])
    window.tabs.setCurrentIndex(PROBLEMS_TAB)
    [problem] = window.result.export.problems
    assert problem.line == 18  # "totalSales" of the second profile
    window.show_problem(problem)
    assert window.tabs.currentIndex() == RAW_TAB
    assert window.details.raw.text.marked_line() == 18


def test_duplicate_keys_of_a_big_file_arrive_after_the_search_is_ready(qtbot, window: MainWindow, tmp_path: Path,
                                                                       monkeypatch) -> None:
    monkeypatch.setattr(loader, "DUPLICATE_KEY_CHECK_LIMIT", 100)  # stands for a file of many megabytes
    path = write(tmp_path, [("1", "{}"), ("2", '{"Tier": "Gold", "Tier": "Silver"}')])
    with qtbot.waitSignal(window.lateProblemsShown, timeout=20000):
        open_and_wait(qtbot, window, [path])  # the search works first; the look for duplicates follows
    [problem] = window.result.export.problems
    assert '"Tier" appears twice' in problem.message and problem.line == 20
    assert window.tabs.tabText(PROBLEMS_TAB) == "Problems 1"
