"""The profile details: the panel's numbers agree with the tabs' titles, ID lists say they are IDs."""

from __future__ import annotations

import json

import pytest

import viewer
from viewer.query.search_index import audience_names
from viewer.ui.details.profile_details import APPS_TAB, ATTRIBUTES_TAB, AUDIENCES_TAB, RAW_TAB, ProfileDetails

BASE = {"id": 1, "created": "2021-01-01T00:00:00Z", "integrationId": "a", "accountId": 1,
        "closedSessions": 0, "totalSales": 0, "lastActivity": "2021-01-01T00:00:00Z"}


@pytest.fixture
def details(qtbot) -> ProfileDetails:
    widget = ProfileDetails()
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show()
    return widget


def show(details: ProfileDetails, *profiles: dict, index: int = 0) -> None:
    export = viewer.load(json.dumps(list(profiles)).encode())
    profile = export.profiles[index]
    details.set_profile(profile, export.problems_for(index), audience_names(export.profiles))


def test_panel_counts_the_audiences_the_tab_lists(details):
    # One membership, two connected audiences (one of them the membership): the tab lists 2.
    show(details, dict(BASE, audienceMemberships=[{"id": 11, "name": "Newsletter"}], connectedAudiences=[11, 13],
                       connectedApplicationsIds=[3]))
    assert details.tabs.tabText(AUDIENCES_TAB) == "Audiences 2"
    audiences = details.panel.tiles["audience_memberships"]
    assert audiences.value.text() == "2 audiences"
    assert audiences.note.text() == "1 membership + 1 connected"

    connected = details.panel.tiles["connected_audiences"]
    assert connected.caption.text() == "Connected audience IDs"
    assert connected.value.text() == "11, 13"
    assert connected.note.isVisibleTo(details) and connected.note.text().startswith("2 IDs")

    apps = details.panel.tiles["connected_applications_ids"]
    assert details.tabs.tabText(APPS_TAB) == "Apps 1"
    assert apps.caption.text() == "Connected application IDs"
    assert apps.value.text() == "3" and apps.note.text().startswith("1 ID")


@pytest.mark.parametrize(
    ("fields", "tab", "tile"),
    [
        ({"audienceMemberships": [{"id": 2, "name": "A"}], "connectedAudiences": [2]}, "Audiences 1", "1 audience"),
        ({"audienceMemberships": [], "connectedAudiences": [5, 7]}, "Audiences 2", "2 audiences"),
        ({"connectedAudiences": [5]}, "Audiences 1", "1 audience"),  # no audienceMemberships at all
    ],
)
def test_panel_and_tab_agree_on_every_mix_of_memberships_and_connected(details, fields, tab, tile):
    show(details, dict(BASE, **fields))
    assert details.tabs.tabText(AUDIENCES_TAB) == tab
    assert details.panel.tiles["audience_memberships"].value.text() == tile


def test_the_attributes_tab_says_when_its_filter_hides_attributes(qtbot, details):
    """The filter stays on from profile to profile: without a sign the next profile looked empty."""
    from PySide6.QtWidgets import QLineEdit

    from viewer.ui.details.profile_details import ATTRIBUTES_TAB

    show(details, dict(BASE, attributes={"ChurnRisk": 0.7, "City": "Berlin"}))
    assert details.tabs.tabText(ATTRIBUTES_TAB) == "Attributes"
    box = details.findChild(QLineEdit, "attributeFilter")
    qtbot.keyClicks(box, "ChurnRisk>0.9")
    qtbot.waitUntil(lambda: details.tabs.tabText(ATTRIBUTES_TAB) == "Attributes (filtered)", timeout=3000)
    show(details, dict(BASE, id=2, attributes={"City": "Paris"}))  # the next profile: still filtered, and says so
    assert details.tabs.tabText(ATTRIBUTES_TAB) == "Attributes (filtered)"
    details.attribute_view.clear_filter()  # what Esc in the box does
    qtbot.waitUntil(lambda: details.tabs.tabText(ATTRIBUTES_TAB) == "Attributes", timeout=3000)


def test_attributes_of_a_profile_chosen_on_another_tab_show_when_the_tab_does(qtbot):
    export = viewer.load(json.dumps([{"integrationId": "a", "attributes": {"Name": "Ada"}},
                                     {"integrationId": "b", "attributes": {"Name": "Bo", "Tier": "Gold"}}]).encode())
    widget = ProfileDetails()
    qtbot.addWidget(widget)
    widget.show()
    widget.set_profile(export.profiles[0], [], {})
    widget.tabs.setCurrentIndex(RAW_TAB)
    widget.set_profile(export.profiles[1], [], {})
    widget.tabs.setCurrentIndex(ATTRIBUTES_TAB)
    model = widget.attribute_view.tree_view().model()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Name", "Tier"]  # b's, not a's
    widget.find_in_tab()  # Ctrl+F from another tab also leads to this profile's attributes
    assert model.rowCount() == 2


def test_showing_a_profile_holds_the_search_key_coding_until_it_is_painted(details, monkeypatch):
    import time

    from viewer.ui import tasks

    monkeypatch.setattr(tasks, "_selection_until", 0.0)
    show(details, BASE)
    assert tasks._selection_until > time.monotonic()  # ``wait_while_selecting`` in the coding now waits
