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
