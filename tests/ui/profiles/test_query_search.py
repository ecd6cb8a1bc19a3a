"""The profile search box speaks the query language: comparisons, OR, negation; a bad query is marked inline."""

from __future__ import annotations

import pytest

from viewer.ui.profiles.list_pane import ProfileListPane


def _profile(n: int) -> dict:
    return {
        "id": 1000 + n, "created": f"20{20 + n % 5}-03-04T05:06:07Z", "integrationId": f"URN{n:04d}",
        "attributes": {"Name": f"Customer {n}", "ChurnRisk": n / 100, **({"Email": f"c{n}@x.org"} if n % 3 else {})},
        "accountId": 31, "closedSessions": n, "totalSales": 10 * n, "audienceMemberships": [],
        "lastActivity": "2024-01-02T03:04:05Z", "sandbox": n % 2 == 1,
    }


@pytest.fixture
def pane(make_pane) -> ProfileListPane:
    return make_pane([_profile(n) for n in range(60)], size=(900, 500))


def shown_ids(pane: ProfileListPane) -> list[str]:
    model = pane.model
    return [model.profile_at(row).integration_id for row in range(model.rowCount())]


def test_comparisons_or_and_negation_filter_the_list(qtbot, pane) -> None:
    qtbot.keyClicks(pane.search, "totalSales>=550")
    assert shown_ids(pane) == [f"URN{n:04d}" for n in range(55, 60)]
    assert pane.count_label.text() == "5 of 60 profiles"
    pane.search.setText("ChurnRisk<0.02 OR closedSessions=59")
    assert shown_ids(pane) == ["URN0000", "URN0001", "URN0059"]
    pane.search.setText("-has:Email created:2020 live")
    assert shown_ids(pane) == [f"URN{n:04d}" for n in range(60) if n % 3 == 0 and n % 5 == 0 and n % 2 == 0]


def test_an_invalid_query_is_marked_and_the_list_keeps_its_last_result(qtbot, pane) -> None:
    qtbot.keyClicks(pane.search, "totalSales>500")
    before = shown_ids(pane)
    assert len(before) == 9
    qtbot.keyClicks(pane.search, " OR")  # half typed
    assert shown_ids(pane) == before
    assert not pane.search.property("invalid") and pane.count_label.text() == "9 of 60 profiles"  # no red flash
    qtbot.waitUntil(lambda: pane.search.property("invalid") is True)  # typing paused: now it says so
    assert pane.count_label.text() == ("Invalid query: OR needs a term after it (at character 16) · "
                                       "showing the 9 profiles matching “totalSales>500 O”")  # "O" was a valid word
    assert "OR needs a term after it" in pane.search.toolTip()
    qtbot.keyClicks(pane.search, " sandbox")
    assert not pane.search.property("invalid")
    assert pane.count_label.text() == f"{len(shown_ids(pane))} of 60 profiles"
    assert shown_ids(pane) == [f"URN{n:04d}" for n in range(60) if n > 50 or n % 2 == 1]


def test_a_search_that_finds_nothing_says_why_it_may_have(qtbot, pane) -> None:
    # "totalSales" on the way to "totalSales>500" and "sessions>3" without a sessions CSV: "0 of 60", nothing more.
    qtbot.keyClicks(pane.search, "totalSales")
    assert shown_ids(pane) == []
    assert pane.count_label.text() == ("0 of 60 profiles · “totalSales” is a field, searched as text: "
                                       "try totalSales>100 or has:totalSales")
    pane.search.setText("created")
    assert "try created>=2024-01-01 or has:created" in pane.count_label.text()
    pane.search.setText("sessions>3")
    assert shown_ids(pane) == []
    assert pane.count_label.text() == ("0 of 60 profiles · sessions needs a customer sessions CSV: "
                                       "File > Add to this export…")
    pane.search.setText("nobody")
    assert pane.count_label.text() == "0 of 60 profiles"  # a word that is no field: nothing to add
    pane.search.setText("totalSales>500")
    assert pane.count_label.text() == "9 of 60 profiles"


def test_an_invalid_query_says_which_result_the_list_still_shows(qtbot, pane) -> None:
    """The list keeps the last valid query's result (no flicker while typing) and says whose it is."""
    error_icon = pane.error_action
    assert error_icon.objectName() == "profileSearchError" and not error_icon.isVisible()
    qtbot.keyClicks(pane.search, "closedSessions>5")  # each keystroke a valid query, "...>5" last
    qtbot.keyClicks(pane.search, "5 (has:Email")
    qtbot.waitUntil(lambda: pane.search.property("invalid") is True)
    assert pane.count_label.text() == ("Invalid query: This ( is never closed (at character 19) · "
                                       "showing the 4 profiles matching “closedSessions>55”")
    assert len(shown_ids(pane)) == 4
    assert error_icon.isVisible() and error_icon.toolTip() == "This ( is never closed (at character 19)"
    error_icon.trigger()  # the icon leads to where the query goes wrong
    assert pane.search.cursorPosition() == 18
    pane.search.setText("nobody-has-this-text")
    pane.search.setText("nobody-has-this-text OR")
    qtbot.waitUntil(lambda: pane.count_label.text().endswith("· “nobody-has-this-text” matched no profile"))
    pane.search.setText("(")
    pane.search.setText("")
    pane.search.setText("(")
    qtbot.waitUntil(lambda: pane.count_label.text().endswith("· showing all 60 profiles"))
    pane.search.setText("closedSessions>58")
    assert pane.count_label.text() == "1 of 60 profiles" and not error_icon.isVisible()


def test_error_text_from_the_box_is_shown_as_typed(qtbot, pane) -> None:
    pane.search.setText("ChurnRisk><b>x</b>")
    qtbot.waitUntil(lambda: pane.search.property("invalid") is True)
    assert "&lt;b&gt;" in pane.search.toolTip()  # never rendered as markup


def test_a_first_column_read_on_a_large_export_runs_in_the_background(qtbot, pane) -> None:
    pane.background_column_from = 0  # as if the export were large
    pane.search.setText("ChurnRisk>0.55")
    assert pane.count_label.text() == "Searching…"
    qtbot.waitUntil(lambda: pane.count_label.text() == "4 of 60 profiles")
    pane.search.setText("ChurnRisk>0.57")  # the column is read: answered at once
    assert pane.count_label.text() == "2 of 60 profiles"


def test_the_help_button_and_f1_ask_for_the_syntax(qtbot, pane) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolButton

    button = pane.findChild(QToolButton, "profileSearchHelp")
    assert button is not None and button.isVisible()
    with qtbot.waitSignal(pane.helpRequested):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    pane.search.setFocus()
    qtbot.waitUntil(pane.search.hasFocus)
    with qtbot.waitSignal(pane.helpRequested):
        qtbot.keyClick(pane.search, Qt.Key.Key_F1)


def test_the_box_completes_the_word_being_typed(qtbot, pane) -> None:
    from PySide6.QtCore import Qt

    pane.activateWindow()
    pane.search.setFocus()
    qtbot.waitUntil(pane.search.hasFocus)
    qtbot.keyClicks(pane.search, "totalSales>5 -has:Em")
    popup = pane.completions.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    shown = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert shown == ["has:Email"]
    popup.setCurrentIndex(popup.model().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert pane.search.text() == "totalSales>5 -has:Email"
    assert pane.count_label.text() == "19 of 60 profiles"  # every third has no Email; totalSales>5 leaves out 0


def test_a_background_search_that_takes_a_while_says_so_then_shows_its_count(qtbot, pane, monkeypatch) -> None:
    import threading

    from viewer.ui.profiles import list_pane

    release = threading.Event()
    search = list_pane.run_search

    def held(*args):  # the search of a big export, held until the label has been looked at
        release.wait(10)
        return search(*args)

    monkeypatch.setattr(list_pane, "run_search", held)
    pane.background_search_from = 0  # every search in the background, as for 50,000 profiles or more
    pane.search.setText('"Customer 5"')  # free text: answered by the index, usually within a keystroke
    qtbot.waitUntil(lambda: pane.count_label.text() == list_pane.SEARCHING, timeout=5000)
    assert not pane.table.updatesEnabled()  # the last answer's rows are not repainted meanwhile
    with qtbot.waitSignal(pane.searchApplied, timeout=5000):
        release.set()
    assert pane.count_label.text() == "11 of 60 profiles"  # 5, 50-59
    assert pane.table.updatesEnabled()  # and the list shows the answer


def test_a_background_search_that_fails_is_reported_and_the_list_repaints_again(qtbot, pane, monkeypatch) -> None:
    import sys

    from viewer.ui.profiles import list_pane

    def broken(*args):
        raise RuntimeError("a bug in the search")

    reported: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, trace: reported.append(error))
    monkeypatch.setattr(list_pane, "run_search", broken)
    pane.background_search_from = 0
    pane.search.setText("Customer")
    qtbot.waitUntil(lambda: bool(reported), timeout=5000)
    assert str(reported[0]) == "a bug in the search"
    assert pane.table.updatesEnabled()  # not left without repaints


def test_typing_further_and_back_shows_what_a_fresh_search_shows(qtbot, pane) -> None:
    from viewer.query.evaluate import matching_indices

    profiles = pane.model._rows.profiles
    typed = "Customer 12"
    steps = [typed[:n] for n in range(1, len(typed) + 1)] + [typed[:n] for n in range(len(typed) - 1, 0, -1)]
    steps += ["Customer 1 live", "Customer 1 live has:Email", "Customer 1"]
    counts = set()
    for text in steps:  # each answered from the last one (forward) or a kept one (back)
        pane.search.setText(text)
        expected = [profiles[i].integration_id for i in matching_indices(profiles, text)]
        assert shown_ids(pane) == expected, text
        assert pane.count_label.text() == f"{len(expected)} of 60 profiles"
        counts.add(len(expected))
    assert {60, 1, 30}.issubset(counts)  # all, "Customer 12" alone, the live half


def test_a_keystroke_asks_background_work_to_stand_aside(qtbot, pane) -> None:
    import time

    from viewer.ui import tasks

    tasks._held_until = 0.0
    qtbot.keyClicks(pane.search, "c")
    assert tasks._held_until > time.monotonic()  # the late checks of a big file wait while the person types


def test_a_big_exports_keys_are_coded_as_soon_as_search_works_and_every_search_answers_alike(
        qtbot, make_pane, monkeypatch) -> None:
    from viewer.query.evaluate import matching_indices

    monkeypatch.setattr(ProfileListPane, "learn_keys_from", 0)  # as for 20,000 profiles or more
    pane = make_pane([_profile(n) for n in range(60)])
    profiles, index = pane.model._rows.profiles, pane._index
    queries = ["name", '"customer 1"', "c", "Name:customer", "email:x.org", "churnrisk"]  # keys are no values

    def answers() -> list[list[str]]:
        found = []
        for text in queries:
            pane.search.setText(text)
            assert shown_ids(pane) == [profiles[i].integration_id for i in matching_indices(profiles, text)], text
            found.append(shown_ids(pane))
        return found

    first = answers()  # at once: the keys may still be being written
    qtbot.waitUntil(lambda: index.keys_learnt, timeout=5000)  # written by the list itself (no late checks here)
    pane.search.clear()
    assert answers() == first
    assert [len(found) for found in first] == [0, 11, 60, 60, 40, 0]


def test_the_key_coding_is_told_once_a_searchs_answer_is_on_screen(qtbot, pane, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(pane._index, "answer_shown", lambda: shown.append(pane.count_label.text()))
    pane.search.setText('"customer 1"')
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)  # (its runs wait for it, ``key_codes.Turns``)
    assert shown == ["11 of 60 profiles"]  # told after the list showed the answer, and once


def test_once_the_person_pauses_after_a_search_or_a_sort_freed_memory_goes_back(qtbot, pane, monkeypatch) -> None:
    from PySide6.QtCore import Qt

    import viewer.ui.profiles.list_pane as list_pane

    tidied: list[str] = []
    monkeypatch.setattr(list_pane, "tidy_memory", lambda _task: tidied.append("tidied"))
    pane._tidy.setInterval(50)  # (a second in the window)
    pane.search.setText("customer")
    pane.search.setText('"customer 1"')  # typed on: one pause, one tidy
    qtbot.waitUntil(lambda: bool(tidied), timeout=5000)
    pane._runner.wait(5)
    assert tidied == ["tidied"]
    pane.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: len(tidied) == 2, timeout=5000)
