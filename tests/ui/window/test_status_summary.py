"""The names the title and the status bar give an export of several files."""

from __future__ import annotations

from viewer.ui.window.summary import export_name


def test_pages_count_as_more_and_csv_files_beside_them_apart() -> None:
    assert export_name(["/x/customers.json"]) == "customers.json"
    assert export_name(["/x/page1.json", "/x/page2.json"]) == "page1.json + 1 more"
    assert export_name(["/x/customers.json", "/x/sessions.csv", "/x/balances.CSV"]) == \
        "customers.json + 2 CSV files"
    assert export_name(["/x/sessions.csv", "/x/tiers.csv"]) == "sessions.csv + 1 more"  # only CSV files


def test_the_status_line_counts_csv_files_and_keeps_the_counts_in_view(qtbot) -> None:
    import viewer
    from viewer.desktop.resources import sample_companion_paths, sample_export_path
    from viewer.ui.window.summary import summary_text

    export = viewer.load([sample_export_path(), *sample_companion_paths()])
    text = summary_text(export)
    assert text.startswith("sample-customers.json + 4 CSV files · page + sessions, balances, tiers, members CSV · ")
    assert "39 profiles" in text


def test_no_problems_is_said_only_once_the_duplicate_keys_are_looked_for(qtbot, window, tmp_path, monkeypatch) -> None:
    # "no problems" and "Problems 0" showed while the duplicate keys of a big file were still looked for.
    from tests.ui.window.test_main_window import profile, write
    from viewer.reading import loader
    from viewer.ui.details.profile_details import PROBLEMS_TAB

    monkeypatch.setattr(loader, "DUPLICATE_KEY_CHECK_LIMIT", 100)  # stands for a file of many megabytes
    path = write(tmp_path / "big.json", [profile(n) for n in range(5)])
    with qtbot.waitSignal(window.fileLoaded, timeout=20_000):
        window.open_files([path])
    assert window.summary.text() == "big.json · array · 5 profiles · checking for duplicate keys…"
    assert window.tabs.tabText(PROBLEMS_TAB) == "Problems"
    assert window.problems.empty.text().startswith("Checking for duplicate keys…")
    with qtbot.waitSignal(window.lateProblemsShown, timeout=20_000):
        pass
    assert window.summary.text() == "big.json · array · 5 profiles · no problems"
    assert window.tabs.tabText(PROBLEMS_TAB) == "Problems 0"
    assert window.problems.empty.text() == "No problems: every profile looks as the API promises"


def test_problems_known_before_the_look_are_counted_meanwhile() -> None:
    import viewer
    from viewer.ui.window.summary import problems_text

    error = viewer.Problem("[0].totalSales", "expected a number", viewer.Severity.ERROR)
    assert problems_text([error], checking=True) == "1 error · checking for duplicate keys…"
    assert problems_text([], checking=True) == "checking for duplicate keys…"
    assert problems_text([]) == "no problems"


def _text_left(widget) -> int:
    """The x of the leftmost dark pixel a widget shows (where its text starts)."""
    image = widget.grab().toImage()
    return min((x for x in range(min(image.width(), 300)) for y in range(image.height())
                if image.pixelColor(x, y).lightness() < 100), default=-1)


def test_the_summary_starts_where_opening_did(qtbot, window, tmp_path) -> None:
    """ "Opening …" sat 6 px in, the summary replacing it against the window's edge."""
    from tests.ui.window.test_main_window import open_and_wait, profile, write

    window.resize(900, 500)
    window.show()
    bar = window.statusBar()
    open_and_wait(qtbot, window, [write(tmp_path / "customers.json", [profile(1)])])
    assert window.summary.text().startswith("customers.json")
    summary_left = _text_left(bar)
    bar.showMessage("Opening customers.json…")
    qtbot.waitUntil(lambda: not window.summary.isVisible())
    assert summary_left == _text_left(bar) > 2
