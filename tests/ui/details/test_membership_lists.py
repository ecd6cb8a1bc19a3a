"""Audience, loyalty and connected-application lists of one profile."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt

import viewer
from viewer.query.search_index import audience_names
from viewer.ui.details.membership_lists import AudienceList, ConnectedApplicationsList, LoyaltyList


def load(*profiles: dict) -> viewer.Export:
    return viewer.load(json.dumps(list(profiles)).encode())


def rows(widget) -> list[list[str]]:
    model = widget.table.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


BASE = {"id": 1, "created": "2021-01-01T00:00:00Z", "integrationId": "a", "accountId": 1,
        "closedSessions": 0, "totalSales": 0, "lastActivity": "2021-01-01T00:00:00Z"}


@pytest.fixture
def export() -> viewer.Export:
    return load(
        dict(BASE, audienceMemberships=[{"id": 8, "name": "Zeta"}, {"id": 3, "name": "<b>Alpha</b>"}],
             connectedAudiences=[3, 5, 99], connectedApplicationsIds=[4, 2],
             loyaltyMemberships=[{"loyaltyProgramId": 7, "joined": "2019-05-01T10:00:00Z"}, {"loyaltyProgramId": 2}]),
        dict(BASE, id=2, audienceMemberships=[{"id": 5, "name": "Named elsewhere"}]),
        dict(BASE, id=3),
    )


def test_audiences_merge_connected_with_names_from_the_export(qtbot, qtmodeltester, export):
    widget = AudienceList()
    qtbot.addWidget(widget)
    widget.show()
    widget.set_profile(export.profiles[0], audience_names(export.profiles))
    assert widget.table.objectName() == "audienceList"
    assert rows(widget) == [
        ["8", "Zeta", "member"],
        ["3", "<b>Alpha</b>", "member, connected"],
        ["5", "Named elsewhere", "connected"],
        ["99", "(name not in this file)", "connected"],
    ]
    assert widget.count() == 4
    qtmodeltester.check(widget.model)
    header = widget.table.horizontalHeader()
    x = header.sectionViewportPosition(1) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert [r[1] for r in rows(widget)] == ["<b>Alpha</b>", "Named elsewhere", "Zeta", "(name not in this file)"]
    qtmodeltester.check(widget.model)
    tip = widget.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "<b>" not in tip and "&lt;b&gt;Alpha" in tip


def test_empty_states_say_so(qtbot, export):
    for widget, text in (
        (AudienceList(), "No audiences in this profile"),
        (LoyaltyList(), "None: no loyalty memberships in this profile"),
        (ConnectedApplicationsList(), "None: no connected applications"),
    ):
        qtbot.addWidget(widget)
        widget.show()
        widget.set_profile(export.profiles[2])
        assert widget.empty.isVisible() and widget.empty.text() == text
        assert not widget.table.isVisible()


def test_loyalty_list_and_deprecation_note(qtbot, qtmodeltester, export):
    widget = LoyaltyList()
    qtbot.addWidget(widget)
    widget.show()
    widget.set_profile(export.profiles[0])
    assert widget.note.isVisible()
    assert "deprecated" in widget.note.text() and "null" in widget.note.text()
    assert [r[0] for r in rows(widget)] == ["7", "2"]
    assert rows(widget)[1][1] == "— not given"
    assert "2019-05-01T10:00:00Z" in widget.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    qtmodeltester.check(widget.model)


def test_connected_applications(qtbot, qtmodeltester, export):
    widget = ConnectedApplicationsList()
    qtbot.addWidget(widget)
    widget.show()
    widget.set_profile(export.profiles[0])
    assert widget.table.objectName() == "connectedApplicationsList"
    assert rows(widget) == [["4"], ["2"]]
    widget.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert rows(widget) == [["2"], ["4"]]  # numbers, not text
    qtmodeltester.check(widget.model)


def test_cells_painted_through_multidata_look_as_through_data(qtbot):
    """The delegate asks all roles of a cell at once (``multiData``): dimmed, right-aligned and warning cells
    paint exactly as answering each role through ``data`` does (a role left set from the cell before showed)."""
    from companion_data import companions, export_with
    from PySide6.QtCore import QAbstractTableModel
    from PySide6.QtWidgets import QTableView

    from viewer.ui.details.membership_lists import SmallTableModel
    from viewer.ui.details.sessions_view import HEADERS, session_row

    class RoleByRole(SmallTableModel):
        def multiData(self, index, span) -> None:  # noqa: N802 - Qt's own: seven calls to ``data``
            QAbstractTableModel.multiData(self, index, span)

    sessions = export_with(companions("sessions")).profiles[0].sessions
    images = []
    for kind in (SmallTableModel, RoleByRole):
        model = kind(HEADERS)
        model.set_rows([session_row(s) for s in sessions])
        view = QTableView()
        qtbot.addWidget(view)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setModel(model)
        view.resize(900, 200)
        view.show()
        view.selectRow(1)
        images.append(view.viewport().grab().toImage())
    assert any(cell.dim for row in model.rows() for cell in row) and any(cell.warn for row in model.rows() for cell in row)
    assert images[0] == images[1]
