"""What changed between two exports (``exportComparison``): counts, paths, audiences, profiles."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import Qt

import viewer
from viewer.compare import Difference
from viewer.ui.comparison.export_comparison import ExportComparisonView
from viewer.ui.comparison.side_by_side import LEFT, RIGHT


def _profile(number: int, tier: str = "Gold", audiences: list | None = None, sales: float = 10.5) -> dict:
    return {"id": number, "integrationId": f"URN{number}", "totalSales": sales,
            "audienceMemberships": audiences if audiences is not None else [{"id": 5, "name": "Frequent buyers"}],
            "attributes": {"LoyaltyTier": tier}}


@pytest.fixture
def result(tmp_path: Path):
    churn = [{"id": 13, "name": "Churn <risk>"}]
    (tmp_path / "old.json").write_bytes(orjson.dumps([_profile(1), _profile(2), _profile(3), _profile(4)]))
    (tmp_path / "new.json").write_bytes(orjson.dumps([_profile(1, "Platinum"), _profile(2, "Platinum"),
                                                      _profile(3, audiences=churn, sales=12), _profile(5)]))
    return viewer.compare(viewer.load(tmp_path / "old.json"), viewer.load(tmp_path / "new.json"))


def test_counts_fields_and_audiences_are_shown(qtbot, qtmodeltester, result) -> None:
    view = ExportComparisonView()
    qtbot.addWidget(view)
    view.set_comparison(result, "old.json", "new.json")
    for model in (view.profile_model, view.field_model, view.audience_model, view.proxy):
        qtmodeltester.check(model)
    assert view.summary.text().splitlines()[0] == "1 added · 1 removed · 3 changed · 0 unchanged (matched by ID)"
    assert "+1.50 in changed profiles" in view.summary.text()
    fields = {view.field_model.index(r, 0).data(): (view.field_model.index(r, 1).data(),
                                                     view.field_model.index(r, 2).data())
              for r in range(view.field_model.rowCount())}
    assert fields["attributes.LoyaltyTier"] == ("2", "Gold → Platinum 2")
    audiences = {view.audience_model.index(r, 0).data(): (view.audience_model.index(r, 1).data(),
                                                           view.audience_model.index(r, 2).data())
                 for r in range(view.audience_model.rowCount())}
    assert audiences == {"Churn <risk> (13)": ("1", "0"), "Frequent buyers (5)": ("0", "1")}
    assert view.tabs.tabText(0) == "Profiles (5)"


def test_selecting_a_profile_shows_its_two_versions(qtbot, result) -> None:
    view = ExportComparisonView()
    qtbot.addWidget(view)
    view.set_comparison(result, "old.json", "new.json")
    view.show()
    table = view.profiles
    rows = {table.model().index(r, 1).data(): r for r in range(table.model().rowCount())}
    assert table.model().index(rows["URN5"], 0).data() == "added"
    rect = table.visualRect(table.model().index(rows["URN2"], 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    side = view.side_by_side
    tier = next(r for r in range(side.model.rowCount()) if side.model.row_at(r).path == "attributes.LoyaltyTier")
    assert (side.model.index(tier, LEFT).data(), side.model.index(tier, RIGHT).data()) == ("Gold", "Platinum")
    assert side.right_title.text() == "new.json: URN2"
    table.selectRow(rows["URN4"])  # removed: only the old version
    assert side.right_title.text() == "new.json: — not in this export"


def test_the_profile_list_is_searched_with_the_query_language(qtbot, qtmodeltester, result) -> None:
    view = ExportComparisonView()
    qtbot.addWidget(view)
    view.set_comparison(result)
    with qtbot.waitSignal(view.searched, timeout=5000):
        qtbot.keyClicks(view.filter, "LoyaltyTier:platinum")
    assert sorted(view.proxy.index(r, 1).data() for r in range(view.proxy.rowCount())) == ["URN1", "URN2"]
    assert view.search_note.text() == "2 profiles match"
    qtmodeltester.check(view.proxy)
    with qtbot.waitSignal(view.searched, timeout=5000):
        view.filter.setText("LoyaltyTier:(")
    assert view.search_note.text().startswith("Not a query")
    with qtbot.waitSignal(view.searched, timeout=5000):
        view.filter.clear()
    assert view.proxy.rowCount() == 5


def test_one_kind_of_change_can_be_shown(qtbot, qtmodeltester, result) -> None:
    view = ExportComparisonView()
    qtbot.addWidget(view)
    view.set_comparison(result)
    view.change.setCurrentText("Removed")
    assert [view.proxy.index(r, 1).data() for r in range(view.proxy.rowCount())] == ["URN4"]
    qtmodeltester.check(view.proxy)
    view.change.setCurrentText("All changes")
    assert view.proxy.rowCount() == 5


def test_a_sandbox_profile_is_marked_in_the_list_of_changes() -> None:
    """Live and sandbox profiles often share an integration ID: the list tells them apart."""
    import viewer
    from viewer.ui.comparison.summary_models import ComparedRow

    text = ('[{"integrationId": "URN1", "id": 1, "sandbox": true}, {"integrationId": "URN1", "id": 2, "sandbox": false},'
            ' {"integrationId": "URN1", "id": 3}]')
    sandbox, live, unknown = viewer.load(text.encode()).profiles
    names = [ComparedRow("removed", p, None).name for p in (sandbox, live, unknown)]
    assert names == ["URN1 (sandbox)", "URN1", "URN1"]


def test_both_views_name_a_field_the_same_way_as_the_panel(qtbot, tmp_path: Path) -> None:
    """Built-in fields by the profile panel's labels, attributes by the attribute tree's paths, in each list."""
    old = _profile(1) | {"created": "2024-01-02T03:04:05Z", "attributes": {"Churn risk": "low"}}
    new = _profile(1, sales=12) | {"created": "2024-02-02T03:04:05Z", "attributes": {"Churn risk": "high"}}
    (tmp_path / "old.json").write_bytes(orjson.dumps([old]))
    (tmp_path / "new.json").write_bytes(orjson.dumps([new]))
    result = viewer.compare(viewer.load(tmp_path / "old.json"), viewer.load(tmp_path / "new.json"))
    view = ExportComparisonView()
    qtbot.addWidget(view)
    view.set_comparison(result, "old.json", "new.json")
    view.resize(1100, 700)
    view.show()
    wanted = {"Created", "Total sales", 'attributes["Churn risk"]'}
    assert {view.field_model.index(r, 0).data() for r in range(view.field_model.rowCount())} == wanted
    assert set(view.profile_model.index(0, 2).data().split(", ")) == wanted
    view.profiles.selectRow(0)
    side = view.side_by_side.model
    differing = {side.index(r, 0).data() for r in range(side.rowCount())
                 if side.row_at(r).difference is not Difference.SAME}
    assert differing == wanted
