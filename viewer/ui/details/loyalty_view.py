"""The Loyalty tab: balances per program and subledger, tier periods, and the deprecated memberships.

Balances (``loyaltyBalances``) and tier periods (``loyaltyTiers``) come from
loyalty exports opened beside the profiles; an empty subledger is the main
ledger. Points show two decimals of the exact decimal and copy as read. Below
them the profile's own (deprecated) ``loyaltyMemberships`` keep their list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from viewer.model.companions import LoyaltyBalance, LoyaltyTier
from viewer.model.profile import Profile
from viewer.ui.details.companion_cells import ADD_FILES, amount_cell, id_cell, opened, time_cell
from viewer.ui.details.membership_lists import Cell, LoyaltyList, MembershipList

MAIN_LEDGER = "main ledger"
BALANCE_HEADERS = ("Program", "Subledger", "Current", "Pending", "Expired", "Spent", "Tier")
BALANCE_TIPS = ("The loyalty program's ID", "The subledger; main ledger: the program's own (no subledger ID)",
                "Points the customer can spend now", "Points earned but not active yet",
                "Points that expired", "Points spent", "The customer's current tier in the program")
TIER_HEADERS = ("Program", "Subledger", "Tier", "Start", "Expiry")
TIER_TIPS = ("The loyalty program's ID", "The subledger; main ledger: the program's own (no subledger ID)",
             "The tier's name", "When the customer entered the tier (local time)",
             "When the tier expires; Not set: it does not expire")
NO_BALANCES = "No balances in the opened loyalty balances file for this profile"
NO_BALANCES_FILE = f"Open a loyalty balances export ({ADD_FILES}) to see points"
NO_TIERS = "No tier periods in the opened loyalty tiers file for this profile"
NO_TIERS_FILE = f"Open a loyalty tiers export ({ADD_FILES}) to see tier periods"


def subledger_cell(subledger: str) -> Cell:
    """The subledger's ID, "main ledger" for the empty one (sorted first)."""
    if not subledger:
        return Cell(MAIN_LEDGER, "", "The program's main ledger (no subledger ID)", dim=True)
    return Cell(subledger, subledger.casefold(), subledger)


def _text_cell(text: str) -> Cell:
    return Cell(text or "—", text.casefold() or None, text, dim=not text)


def balance_row(balance: LoyaltyBalance) -> list[Cell]:
    """One program's (sub)ledger as table cells."""
    return [
        id_cell(balance.program_id),
        subledger_cell(balance.subledger),
        amount_cell(balance.current),
        amount_cell(balance.pending),
        amount_cell(balance.expired),
        amount_cell(balance.spent),
        _text_cell(balance.tier),
    ]


def tier_row(tier: LoyaltyTier) -> list[Cell]:
    """One tier period as table cells."""
    return [
        id_cell(tier.program_id),
        subledger_cell(tier.subledger_id),
        _text_cell(tier.tier),
        time_cell(tier.start, tier.start_text),
        time_cell(tier.expiry, tier.expiry_text),
    ]


def _section(title: str, body: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    label = QLabel(title, box)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    layout.addWidget(label)
    layout.addWidget(body, 1)
    return box


class LoyaltyView(QSplitter):
    """``loyaltyView``: balances, tier periods and the deprecated memberships, one above the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("loyaltyView")
        self.balances = MembershipList("loyaltyBalances", BALANCE_HEADERS, NO_BALANCES_FILE, header_tips=BALANCE_TIPS)
        self.tiers = MembershipList("loyaltyTiers", TIER_HEADERS, NO_TIERS_FILE, header_tips=TIER_TIPS)
        for table in (self.balances, self.tiers):
            table.table.horizontalHeader().sortIndicatorChanged.connect(table.fit_columns_tightly)
        self.memberships = LoyaltyList()
        for title, body in (
            ("Point balances", self.balances),
            ("Tier periods", self.tiers),
            ("Loyalty memberships (deprecated)", self.memberships),
        ):
            self.addWidget(_section(title, body))
        self._unfitted = False  # rows were set while the tab was hidden: fit the columns when shown
        self.setChildrenCollapsible(False)
        for n, stretch in enumerate((3, 2, 1)):  # the deprecated list is usually empty: least room
            self.setStretchFactor(n, stretch)
        self.set_profile(None)

    def set_profile(self, profile: Profile | None) -> None:
        """Show ``profile``'s balances, tier periods and memberships (empty states say which file is missing)."""
        balances = profile.loyalty_balances if profile is not None else ()
        tiers = profile.loyalty_tiers if profile is not None else ()
        self.balances.set_rows([balance_row(b) for b in balances])
        self.balances.stack.show_view(bool(balances), NO_BALANCES if opened(profile, "balances") else NO_BALANCES_FILE)
        self.tiers.set_rows([tier_row(t) for t in tiers])
        self.tiers.stack.show_view(bool(tiers), NO_TIERS if opened(profile, "tiers") else NO_TIERS_FILE)
        self.memberships.set_profile(profile)
        self._unfitted = True
        if self.isVisible():
            self._fit_columns()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        """Fit the columns to the rows set while the tab was hidden."""
        if self._unfitted:
            self._fit_columns()
        super().showEvent(event)

    def _fit_columns(self) -> None:
        """Room for the sort arrow in every header pushed the balances' Tier past ~550 px (a scroll bar).

        Only while the tab shows: fitting asks the model for every cell (2-5 ms a profile, on the GUI
        thread, for each profile selected while another tab is open).
        """
        self._unfitted = False
        for table in (self.balances, self.tiers):
            table.fit_columns_tightly()

    def count(self) -> int:
        """Rows of all three lists (the tab's title shows it)."""
        return self.balances.count() + self.tiers.count() + self.memberships.count()
