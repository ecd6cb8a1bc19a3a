"""Companion files in the details: panel figures, member lists, tab titles with counts."""

from __future__ import annotations

from decimal import Decimal

from companion_data import companions, export_with, rows

from viewer.model.companions import Companions, LoyaltyBalance
from viewer.ui.details.profile_details import AUDIENCES_TAB, LOYALTY_TAB, SESSIONS_TAB, ProfileDetails
from viewer.ui.details.profile_panel import ProfilePanel


def details(qtbot) -> ProfileDetails:
    widget = ProfileDetails()
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show()
    return widget


def test_tab_titles_count_sessions_loyalty_and_member_lists(qtbot):
    widget = details(qtbot)
    export = export_with(companions("sessions", "balances", "tiers", "members"))
    widget.set_profile(export.profiles[0], [], {})
    assert widget.tabs.tabText(SESSIONS_TAB) == "Sessions 4"
    assert widget.tabs.tabText(LOYALTY_TAB) == "Loyalty 4"
    assert widget.tabs.tabText(AUDIENCES_TAB) == "Audiences 1"
    assert rows(widget.audiences.table) == [["—", "members: vip-list.csv", "member list"]]
    assert widget.tabs.isTabVisible(SESSIONS_TAB)
    widget.set_profile(export_with(Companions()).profiles[0], [], {})
    assert not widget.tabs.isTabVisible(SESSIONS_TAB)  # only a sessions file brings the tab
    assert widget.tabs.tabText(LOYALTY_TAB) == "Loyalty"


def test_panel_shows_points_and_sessions_only_with_such_files(qtbot):
    panel = ProfilePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_profile(export_with(companions("sessions", "balances")).profiles[0])
    points, sessions = panel.companion_tiles["loyalty_points"], panel.companion_tiles["sessions"]
    assert points.isVisible() and sessions.isVisible()
    assert points.value.text() == "311.30" and points.value.exact == "311.30"  # main ledger only
    assert points.note.text() == "in program 4 (main ledger)"
    assert sessions.value.text() == "4"
    assert sessions.note.text() == "2 closed, 1 cancelled, 1 open"
    panel.set_profile(export_with(Companions()).profiles[0])
    assert not points.isVisible() and not sessions.isVisible()


def test_points_of_several_programs_are_summed_per_program(qtbot):
    found = companions("balances")
    found.balances["URN1"] = [
        LoyaltyBalance(4, "", "URN1", Decimal("10.005"), None, None, None, "", 2, "b.csv"),
        LoyaltyBalance(4, "", "URN1", Decimal("0.995"), None, None, None, "", 3, "b.csv"),
        LoyaltyBalance(9, "", "URN1", Decimal("1000"), None, None, None, "", 4, "b.csv"),
        LoyaltyBalance(9, "sub", "URN1", Decimal("5"), None, None, None, "", 5, "b.csv"),
    ]
    panel = ProfilePanel()
    qtbot.addWidget(panel)
    panel.set_profile(export_with(found).profiles[0])
    points = panel.companion_tiles["loyalty_points"]
    assert points.value.text() == "11.00 · 1,000.00"
    assert points.value.exact == "program 4: 11.000\nprogram 9: 1000"
    assert points.note.text() == "main ledgers of programs 4, 9"


def test_a_balances_file_without_the_profile_shows_none(qtbot):
    panel = ProfilePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_profile(export_with(companions("balances")).profiles[1])
    points = panel.companion_tiles["loyalty_points"]
    assert points.isVisible() and points.value.text() == "None"
    assert "balances.csv" in points.note.text()


def test_panel_audience_count_includes_member_lists_as_the_tab_does(qtbot):
    widget = details(qtbot)
    export = export_with(companions("members"))
    widget.set_profile(export.profiles[0], [], {})
    tile = widget.panel.tiles["audience_memberships"]
    assert widget.tabs.tabText(AUDIENCES_TAB) == "Audiences 1"
    assert tile.value.text() == "1 audience" and "1 member list" in tile.note.text()


def test_the_panel_gets_room_for_the_csv_tiles(qtbot):
    widget = details(qtbot)  # 1000 x 800, the panel 300 px high by default
    widget.setSizes([200, 600])
    widget.set_profile(export_with(companions("sessions", "balances")).profiles[0], [], {})
    qtbot.waitUntil(lambda: widget.panel.companion_tiles["sessions"].isVisible())
    area = widget.panel.scroll_area
    assert area.verticalScrollBar().maximum() == 0  # nothing of the panel hides below the fold


def test_csv_files_opened_alone_show_what_they_have_not_missing_fields(qtbot):
    import viewer
    from viewer.desktop.resources import sample_companion_paths

    paths = [str(p) for p in sample_companion_paths() if p.name in ("sample-sessions.csv", "sample-balances.csv")]
    panel = ProfilePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_profile(viewer.load(paths).profiles[0])
    shown = [name for name, tile in panel.tiles.items() if tile.isVisible()]
    assert shown == []  # no tile of "— missing": there is no profile export to miss them from
    assert panel.companion_tiles["sessions"].isVisible() and panel.companion_tiles["loyalty_points"].isVisible()
    assert panel.subtitle.text() == "From sample-sessions.csv, sample-balances.csv (no profile export opened)"
    assert not panel.badge.isVisible()  # no environment in these files, not "unknown" either
    panel.set_profile(export_with(companions("sessions")).profiles[0])  # a profile export again: every field
    assert all(tile.isVisible() for name, tile in panel.tiles.items() if name != "integration_id")
    assert panel.badge.isVisible() and panel.subtitle.text().startswith("Profile 1")
