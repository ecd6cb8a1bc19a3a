"""The window with hostile exports: attributes nested deeper than the recursion limit, junk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

import viewer
from tests.ui.window.test_main_window import open_and_wait, shown_ids
from viewer.ui.details.profile_details import RAW_TAB
from viewer.ui.window.loading import LoadResult, _build_index, _load
from viewer.ui.window.main_window import MainWindow


def profile_text(n: int, attributes: str) -> str:
    return (f'{{"id": {1000 + n}, "created": "2021-03-04T05:06:07Z", "integrationId": "URN{n:04d}", '
            f'"attributes": {attributes}, "accountId": 1, "closedSessions": 0, "totalSales": 1.0, '
            '"loyaltyMemberships": null, "audienceMemberships": [], "lastActivity": "2024-01-02T03:04:05Z", '
            '"sandbox": false, "connectedApplicationsIds": [], "connectedAudiences": []}')


def deep_text(levels: int, leaf: str) -> str:
    return '{"a":' * levels + leaf + "}" * levels


def test_a_profile_nested_1000_deep_is_searchable_and_one_100000_deep_is_reported(qtbot, window: MainWindow,
                                                                                  tmp_path: Path):
    path = tmp_path / "deep.json"
    path.write_text("[" + ",".join([
        profile_text(0, '{"Name": "Ada"}'),
        profile_text(1, '{"Deep": ' + deep_text(1000, '"needle"') + "}"),  # orjson reads up to 1,024 levels
        profile_text(2, '{"Deeper": ' + deep_text(100_000, '"lost"') + "}"),
        profile_text(3, '{"Name": "Grace"}'),
    ]) + "]", encoding="utf-8")
    open_and_wait(qtbot, window, [str(path)])  # fileLoaded and indexBuilt: the index used to die here
    assert window.count_label.text() == "3 of 3 profiles"
    [problem] = window.result.export.problems
    assert problem.message.startswith("profile 3 of the file")  # what was lost, first: the column shows the start
    assert "nested more than 1024 levels deep" in problem.message
    qtbot.keyClicks(window.search, "needle")
    assert shown_ids(window) == ["1001"]
    window.select_profile(1)
    window.tabs.setCurrentIndex(RAW_TAB)
    raw = window.raw.findChild(QPlainTextEdit, "rawJson")
    assert '"needle"' in raw.toPlainText()
    model = window.attribute_view.tree_view().model()
    deep_node = model.node(model.index(0, 0))
    assert deep_node.key == "Deep"
    assert deep_node.copy_text() == deep_text(1000, '"needle"')
    view = window.attribute_view
    with qtbot.waitSignal(view.filterApplied, timeout=10_000) as blocker:
        qtbot.keyClicks(view.findChild(QLineEdit, "attributeFilter"), "needle")
    assert blocker.args == [1] and view.match_count() == 1


class FakeTask:
    def __init__(self) -> None:
        self.polls = 0

    def cancelled(self) -> bool:
        self.polls += 1
        return False

    def pause(self, seconds: float) -> bool:
        return False

    def progress(self, done: int, total: int, *, force: bool = False) -> None:
        pass


def test_the_window_reads_the_search_text_while_loading_and_indexes_from_it():
    data = ("[" + ",".join(profile_text(n, '{"Name": "Ada %d"}' % n) for n in range(2_000)) + "]").encode()
    result = _load(FakeTask(), ["x"], data)
    assert len(result.export.profiles.columns.search_text) == 2_000  # kept while the pieces were decoded
    index = _build_index(FakeTask(), result)
    assert index.search('"ada 1999"') == [1999]
    assert index.search("urn0007") == [7]
    # an export read without it (a script's viewer.load): the index reads the spans, polling every run
    task = FakeTask()
    index = _build_index(task, LoadResult(["x"], viewer.load(data)))
    assert index.search('"ada 1999"') == [1999]
    assert task.polls >= 2_000 // 512
