"""The Loyalty tab: balances per program and subledger, tier periods, deprecated memberships."""

from __future__ import annotations

from companion_data import BASE, companions, export_with, rows
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from viewer.model.companions import Companions
from viewer.ui.details.loyalty_view import NO_BALANCES, NO_BALANCES_FILE, NO_TIERS_FILE, LoyaltyView
from viewer.ui.roles import CopyRole


def make(qtbot) -> LoyaltyView:
    view = LoyaltyView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    return view


def test_balances_per_program_and_subledger_with_exact_points(qtbot, qtmodeltester):
    view = make(qtbot)
    view.set_profile(export_with(companions("balances", "tiers")).profiles[0])
    assert view.balances.table.objectName() == "loyaltyBalances"
    assert rows(view.balances.table) == [
        ["4", "main ledger", "311.30", "18.97", "9.52", "294.55", "Silver"],
        ["4", "shoes-eu", "175.68", "0.00", "—", "1.89", "—"],
    ]
    assert view.balances.model.index(1, 2).data(CopyRole) == "175.675"
    assert "175.675" in view.balances.model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole)
    qtmodeltester.check(view.balances.model)


def test_tier_periods_below_with_unset_and_unreadable_times(qtbot, qtmodeltester):
    view = make(qtbot)
    view.set_profile(export_with(companions("balances", "tiers")).profiles[0])
    assert view.tiers.table.objectName() == "loyaltyTiers"
    shown = rows(view.tiers.table)
    assert [r[:3] for r in shown] == [["4", "main ledger", "Platinum"], ["4", "shoes-eu", "Gold"]]
    assert shown[0][4] == "Not set"
    assert shown[1][3] == "03/01/2025 8:00"
    assert view.tiers.model.index(1, 3).data(Qt.ItemDataRole.DecorationRole) is not None
    qtmodeltester.check(view.tiers.model)
    assert view.count() == 4


def test_memberships_stay_labelled_deprecated(qtbot):
    view = make(qtbot)
    export = export_with(Companions(), dict(BASE, loyaltyMemberships=[{"loyaltyProgramId": 7}]))
    view.set_profile(export.profiles[0])
    assert view.memberships.count() == 1
    assert "deprecated" in view.memberships.note.text()
    assert view.findChild(QLabel, "loyaltyBalancesEmpty").text() == NO_BALANCES_FILE
    assert view.findChild(QLabel, "loyaltyTiersEmpty").text() == NO_TIERS_FILE
    assert view.count() == 1


def test_a_balances_file_without_the_profile_says_so(qtbot):
    view = make(qtbot)
    view.set_profile(export_with(companions("balances")).profiles[1])
    assert view.balances.stack.currentWidget().text() == NO_BALANCES


def test_every_balance_column_fits_the_tab_beside_the_panel_with_headers_explained(qtbot):
    """Room for a sort arrow in every header pushed Tier past the 550 px the tab has (a scroll bar)."""
    view = LoyaltyView()
    qtbot.addWidget(view)
    view.resize(550, 330)
    view.show()
    view.set_profile(export_with(companions("balances", "tiers")).profiles[0])
    for table in (view.balances.table, view.tiers.table):
        header = table.horizontalHeader()
        assert sum(header.sectionSize(c) for c in range(header.count())) <= table.viewport().width()
        assert not table.horizontalScrollBar().isVisible()
    model = view.balances.model
    assert "not active yet" in model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "does not expire" in view.tiers.model.headerData(4, Qt.Orientation.Horizontal,
                                                            Qt.ItemDataRole.ToolTipRole)


def test_columns_set_while_the_tab_is_hidden_are_fitted_when_it_shows(qtbot):
    from PySide6.QtWidgets import QTabWidget, QWidget

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.resize(550, 400)
    tabs.addTab(QWidget(), "Sessions")
    view = LoyaltyView()
    tabs.addTab(view, "Loyalty")
    tabs.show()
    qtbot.waitExposed(tabs)
    view.set_profile(export_with(companions("balances", "tiers")).profiles[0])
    assert view.count() == 4  # the title can say it at once
    tabs.setCurrentWidget(view)
    header = view.balances.table.horizontalHeader()
    assert sum(header.sectionSize(c) for c in range(header.count())) <= view.balances.table.viewport().width()
