"""The Sessions tab: the profile's customer sessions from a sessions export, and the parts of the one selected.

The table (``sessionsTable``) sorts by any header; below it a caption
(``sessionPartsTitle``) names the selected session in full, and one attribute
tree shows its cart items, discounts, attributes, additional costs, coupons and
identifiers (the JSON cells), with the attribute tree's copy actions (paths
start at the session: ``cartItems[0].sku``). The table is as tall as its rows
(up to ``TABLE_ROWS``) until the divider is dragged; the tree gets the rest. Without sessions the tab says why: none in the opened
file for this profile, or no sessions file opened at all.

The tab has about 550 px beside the list: the session's integration ID (20-40
characters) took 150-180 px of them and pushed First and Coupons out of sight,
so its column is held to ``SESSION_CHARS`` characters, elided in the middle
(the caption and the tooltip give it whole).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, QObject, Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from viewer.model.companions import CustomerSession
from viewer.model.profile import Profile
from viewer.ui.attributes.view import AttributeView
from viewer.ui.details.companion_cells import ADD_FILES, amount_cell, id_cell, opened, time_cell
from viewer.ui.details.membership_lists import Cell, MembershipList
from viewer.ui.roles import RowItemRole
from viewer.ui.tasks import hold_background
from viewer.ui.widgets.empty_state import EmptyStateStack

# Short headers (the tooltips say them in full): nine columns share a tab ~550 px wide beside the panel.
HEADERS = ("Session", "Created", "State", "Total", "Closed", "Cancelled", "First", "Coupons", "App")
HEADER_TIPS = ("The session's integration ID", "When the session was created (local time)",
               "open, closed, cancelled or partially returned", "The session's total", "When it was closed",
               "When it was cancelled", "First session: the customer's first session",
               "How many coupons the session used", "The application ID")
CREATED_COLUMN = 1
TABLE_ROWS = 8  # rows the table grows to before it scrolls (at most two fifths of the tab)
SESSION_CHARS = 12  # the session column's widest, in digits: "session…55221373"
PARTS_TITLE = "Selected session: {name}"
NO_SESSION_SELECTED = ("Select a session to see its cart items, discounts, attributes, additional costs, coupons "
                       "and identifiers")
# Columns fit the first rows only: fitting all of a profile's 5,000 sessions asked the model 192,000
# times and took 0.9 s on the GUI thread; 50 rows are as wide as the rest nearly always.
FIT_ROWS = 50
NO_SESSIONS = "No sessions in the opened sessions file for this profile"
NO_FILE = f"Open a customer sessions export ({ADD_FILES}) to see sessions"
# The selected session's parts, named as the Management API names them (the copied paths use these).
# The coupons and identifiers cells are JSON too: shown after them (the table only counts the coupons).
PARTS = (("cartItems", "cart_items"), ("discounts", "discounts"), ("attributes", "attributes"),
         ("additionalCosts", "additional_costs"), ("coupons", "coupons"), ("identifiers", "identifiers"))


def session_parts(session: CustomerSession) -> dict[str, Any]:
    """What the tree below the table shows of ``session``: its JSON cells (``null`` when empty)."""
    return {name: getattr(session, attribute) for name, attribute in PARTS}


def coupons_count(coupons: Any) -> int:
    """How many coupons the session used: a list's length, one for a lone code, none for an empty cell."""
    if isinstance(coupons, (list, dict)):
        return len(coupons)
    return 0 if coupons in (None, "") else 1


def session_title(session: CustomerSession) -> str:
    """The caption over the selected session's tree: its integration ID in full, then where it happened."""
    name = session.integration_id or "(no integration ID)"
    where = [f"application {session.application_id}" if session.application_id is not None else "",
             f"store {session.store_integration_id}" if session.store_integration_id else "",
             f"referral {session.referral}" if session.referral else ""]
    return " · ".join([PARTS_TITLE.format(name=name), *filter(None, where)])


def session_row(session: CustomerSession) -> list[Cell]:
    """One session as table cells."""
    name = session.integration_id
    first = session.first_session
    first_text = "—" if first is None else ("yes" if first else "no")
    coupons = coupons_count(session.coupons)
    where = f"{session.source.replace(chr(92), '/').rsplit('/', 1)[-1]}, line {session.line}"
    return [
        Cell(name or "—", name.casefold() or None, f"{name}\n{where}" if name else where, dim=not name,
             item=session),
        time_cell(session.created, session.created_text),
        Cell(session.state or "—", session.state or None, dim=not session.state),
        amount_cell(session.total, session.total_text),
        time_cell(session.closed_at, session.closed_at_text),
        time_cell(session.cancelled_at, session.cancelled_at_text),
        Cell(first_text, first, dim=first is None),
        Cell(str(coupons), coupons, number=True),
        id_cell(session.application_id),
    ]


class SessionsView(QWidget):
    """``sessionsList``: the table of sessions over the selected session's tree, or an empty state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionsList")
        self.list = MembershipList("sessionsTable", HEADERS, NO_SESSIONS, header_tips=HEADER_TIPS)
        self.table, self.model = self.list.table, self.list.model
        self.table.horizontalHeader().setSortIndicator(CREATED_COLUMN, Qt.SortOrder.DescendingOrder)  # newest first
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._fit_columns)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long session ID keeps its distinct end
        self.parts = AttributeView(find_shortcut=False, root_name="")
        self.parts.setObjectName("sessionParts")
        for child in self.parts.findChildren(QObject):  # attributeTree & co. name the Attributes tab's, not these
            if child.objectName().startswith("attribute"):
                child.setObjectName("sessionParts" + child.objectName().removeprefix("attribute"))
        placeholder = self.parts.findChild(QLabel, "sessionPartsEmpty")
        if placeholder is not None:  # wrapped: on one line it held the whole tab at least 600 px wide
            placeholder.setText(NO_SESSION_SELECTED)
            placeholder.setWordWrap(True)
        self._shrink_value_pane()
        self.title = QLabel(NO_SESSION_SELECTED, self)
        self.title.setObjectName("sessionPartsTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # IDs from the file: data, never markup
        self.title.setWordWrap(True)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.setSpacing(2)
        lower_layout.addWidget(self.title)
        lower_layout.addWidget(self.parts, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([200, 300])
        self._sized_by_hand = False  # once the person drags the divider, the table keeps its height
        self.splitter.splitterMoved.connect(self._on_divider_moved)
        self.stack = EmptyStateStack(self.splitter, "sessionsList", NO_FILE, self)
        self.empty = self.stack.empty
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._pending: Profile | None = None
        self._stale = False  # the rows shown are not ``_pending``'s yet (the tab was hidden)
        self._shown_session: CustomerSession | None = None  # the one the tree shows
        self.set_profile(None)

    def set_profile(self, profile: Profile | None) -> None:
        """Show ``profile``'s sessions, the newest selected (unless another header sort was chosen).

        While the tab is hidden in a shown window the rows wait until it is shown: the first
        profile appears right after the file opened, when the GUI thread has the most to do.
        """
        self._pending = profile
        if profile is not None and opened(profile, "sessions"):
            # The late checks of a big file stand aside (at their next pause, within 10 ms) while this
            # profile's rows are built and the window repaints: beside them a selection took 190-430 ms.
            hold_background()
        window = self.window()
        if window is not self and window.isVisible() and not self.isVisible():
            self._stale = True
            return
        self._show_profile(profile)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        """Show the rows of the profile set while the tab was hidden."""
        if self._stale:
            self._show_profile(self._pending)
        super().showEvent(event)

    def _show_profile(self, profile: Profile | None) -> None:
        self._stale = False
        sessions = profile.sessions if profile is not None else ()
        self.list.set_rows([session_row(session) for session in sessions])
        self._fit_columns()
        has_file = bool(opened(profile, "sessions"))
        self.stack.show_view(bool(sessions), NO_SESSIONS if has_file else NO_FILE)
        if sessions:
            self.table.selectRow(0)
            self._fit_table_height(len(sessions))
        self._show_session(self.current_session())

    def _fit_table_height(self, rows: int) -> None:
        """The table as tall as its rows (up to ``TABLE_ROWS``), the session's tree below gets the rest.

        At 1280x760 the tab is about 330 px high: a fixed two-fifths for the table left a profile's
        two sessions above 60 px of blank and three lines of tree.
        """
        if self._sized_by_hand:
            return
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        table = self.table
        row = table.verticalHeader().defaultSectionSize()
        wanted = (table.horizontalHeader().height() + min(rows, TABLE_ROWS) * row
                  + table.horizontalScrollBar().sizeHint().height() + 2 * table.frameWidth() + 2)
        top = min(wanted, total * 2 // 5)
        if self.splitter.sizes() != [top, total - top]:  # (set again, the splitter lays both halves out again)
            self.splitter.setSizes([top, total - top])

    @Slot(int, int)
    def _on_divider_moved(self, _position: int, _index: int) -> None:
        self._sized_by_hand = True

    def count(self) -> int:
        """How many sessions the table lists (or will list, once the tab is shown)."""
        if self._stale:
            return len(self._pending.sessions) if self._pending is not None else 0
        return self.list.count()

    def current_session(self) -> CustomerSession | None:
        """The selected session (None when none is)."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RowItemRole) if rows else None

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_session(self.current_session())

    def _show_session(self, session: CustomerSession | None) -> None:
        if session is self._shown_session and session is not None:
            return  # selecting the first row showed it already: the tree is made once a profile
        self._shown_session = session
        if session is None:
            self.title.setText(NO_SESSION_SELECTED)
            self.title.setToolTip("")
            self.parts.set_attributes(None)
            return
        self.title.setText(session_title(session))
        self.title.setToolTip(f"{session.source.replace(chr(92), '/').rsplit('/', 1)[-1]}, line {session.line}")
        self.parts.set_attributes(session_parts(session), key=(session.source, session.line))

    @Slot()
    def _fit_columns(self) -> None:
        """Columns fitted to their cells, the session ID's held to ``SESSION_CHARS`` digits (elided in the middle)."""
        self.list.fit_columns_tightly()
        header = self.table.horizontalHeader()
        widest = self.table.fontMetrics().horizontalAdvance("0" * SESSION_CHARS) + 12
        if header.sectionSize(0) > widest:
            header.resizeSection(0, max(widest, self.list.title_width(0)))

    def _shrink_value_pane(self) -> None:
        """The tree's full-value pane starts two lines high: the tree is what this tab is for."""
        detail = self.parts.findChild(QWidget, "sessionPartsDetail")
        splitter = detail.parentWidget() if detail is not None else None
        if detail is not None and isinstance(splitter, QSplitter):
            line = detail.fontMetrics().lineSpacing()
            detail.setMinimumHeight(2 * line + 8)
            splitter.setSizes([1000, 2 * line + 8])
