"""Two profiles side by side (``profileComparison``), driven as a person would."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import Qt

import viewer
from viewer.ui.comparison.profile_comparison import ProfileComparison
from viewer.ui.comparison.side_by_side import LEFT, PATH, RIGHT
from viewer.ui.roles import FullValueRole


def _profile(**changes: object) -> dict:
    data = {"id": 7, "created": "2020-06-10T09:05:27Z", "integrationId": "URN7", "accountId": 31,
            "closedSessions": 3, "totalSales": 1299.5, "lastActivity": "2020-06-11T09:05:27Z", "sandbox": False,
            "attributes": {"LoyaltyTier": "Gold", "Address": {"City": "Berlin"}, "Notes": "<b>bold</b>"}}
    data.update(changes)
    return data


@pytest.fixture
def pair(tmp_path: Path):
    left = _profile()
    right = _profile(totalSales=1400, attributes={"LoyaltyTier": "Platinum", "Address": {"City": "Berlin"},
                                                  "Notes": "<b>bold</b>", "Referrer": "URN1"})
    right.pop("sandbox")
    (tmp_path / "two.json").write_bytes(orjson.dumps([left, right]))
    export = viewer.load(tmp_path / "two.json")
    return export.profiles[0], export.profiles[1]


def _rows(widget: ProfileComparison) -> dict[str, tuple[str, str]]:
    model = widget.model
    return {model.row_at(r).path: (model.index(r, LEFT).data(), model.index(r, RIGHT).data())
            for r in range(model.rowCount())}


def test_fields_and_attributes_are_aligned_with_the_panels_wording(qtbot, qtmodeltester, pair) -> None:
    widget = ProfileComparison()
    qtbot.addWidget(widget)
    widget.set_profiles(*pair, "Old", "New")
    qtmodeltester.check(widget.model)
    rows = _rows(widget)
    assert rows["totalSales"] == ("1,299.50", "1,400.00")  # money as the profile panel shows it
    assert rows["attributes.LoyaltyTier"] == ("Gold", "Platinum")
    assert rows["attributes.Referrer"] == ("— missing", "URN1")
    assert rows["sandbox"][1] == "— missing"
    assert rows["attributes.Notes"] == ("<b>bold</b>", "<b>bold</b>")  # markup is shown as text
    assert widget.model.index(0, PATH).data() == "ID"  # top-level fields by the panel's names
    assert widget.count_label.text() == "4 differences"
    assert widget.left_title.textFormat() == Qt.TextFormat.PlainText
    assert widget.left_title.text() == "Old: URN7"


def test_the_differences_only_switch_hides_what_is_the_same(qtbot, qtmodeltester, pair) -> None:
    widget = ProfileComparison()
    qtbot.addWidget(widget)
    widget.set_profiles(*pair)
    everything = widget.model.rowCount()
    switch = widget.findChild(type(widget.differences_only), "differencesOnlySwitch")
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert switch.isChecked()
    assert set(_rows(widget)) == {"totalSales", "sandbox", "attributes.LoyaltyTier", "attributes.Referrer"}
    qtmodeltester.check(widget.model)
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert widget.model.rowCount() == everything


def test_a_profile_of_one_export_only_shows_every_path_on_its_side(qtbot, qtmodeltester, pair) -> None:
    widget = ProfileComparison()
    qtbot.addWidget(widget)
    widget.set_profiles(None, pair[1], "Old", "New")
    qtmodeltester.check(widget.model)
    rows = _rows(widget)
    assert all(left == "— missing" for left, _ in rows.values())
    assert widget.left_title.text() == "Old: — not in this export"


def test_the_whole_value_is_kept_for_copying(qtbot, tmp_path: Path) -> None:
    long_text = "x" * 2000
    (tmp_path / "a.json").write_bytes(orjson.dumps([_profile(attributes={"Long": long_text}),
                                                    _profile(attributes={"Long": long_text + "y"})]))
    export = viewer.load(tmp_path / "a.json")
    widget = ProfileComparison()
    qtbot.addWidget(widget)
    widget.set_profiles(export.profiles[0], export.profiles[1])
    row = next(r for r in range(widget.model.rowCount()) if widget.model.row_at(r).path == "attributes.Long")
    assert len(widget.model.index(row, RIGHT).data()) < 600
    assert widget.model.index(row, RIGHT).data(FullValueRole) == long_text + "y"


def test_audiences_and_id_lists_read_as_in_the_panel_s_tabs(qtbot, tmp_path: Path) -> None:
    left = _profile(audienceMemberships=[], connectedAudiences=[2, 12345678901234567890123])
    right = _profile(audienceMemberships=[{"id": 34, "name": "Winback"}, {"id": 5, "name": "VIP"}],
                     connectedAudiences=[])
    (tmp_path / "two.json").write_text(json.dumps([left, right]), encoding="utf-8")  # json: a 23-digit ID
    export = viewer.load(tmp_path / "two.json")
    widget = ProfileComparison()
    qtbot.addWidget(widget)
    widget.set_profiles(export.profiles[0], export.profiles[1], "Old", "New")
    rows = _rows(widget)
    assert rows["audienceMemberships"] == ("none", "Winback, VIP")  # names, not JSON
    assert rows["connectedAudiences"] == ("2, 12345678901234567890123", "none")  # every digit


def test_tooltips_show_keys_from_the_file_as_text(qtbot, tmp_path: Path) -> None:
    left, right = _profile(attributes={"<b>Tier</b>": "Gold"}), _profile(attributes={"<b>Tier</b>": "Silver"})
    (tmp_path / "two.json").write_text(json.dumps([left, right]), encoding="utf-8")
    export = viewer.load(tmp_path / "two.json")
    widget = ProfileComparison()
    qtbot.addWidget(widget)
    widget.set_profiles(export.profiles[0], export.profiles[1], "Old", "New")
    model = widget.model
    row = next(r for r in range(model.rowCount()) if "Tier" in model.row_at(r).path)
    tip = model.index(row, PATH).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;Tier&lt;/b&gt;" in tip and "<b>Tier" not in tip  # escaped: Qt shows the characters
