"""The right half of the main window: the profile panel above, the tabs below."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QSplitter, QWidget

from viewer.model.problems import Problem
from viewer.model.profile import Profile
from viewer.ui.attributes.view import AttributeView
from viewer.ui.details.companion_cells import opened
from viewer.ui.details.loyalty_view import LoyaltyView
from viewer.ui.details.membership_lists import AudienceList, ConnectedApplicationsList
from viewer.ui.details.problems_view import ProblemsView
from viewer.ui.details.profile_panel import ProfilePanel
from viewer.ui.details.profile_tabs import ProfileTabs
from viewer.ui.details.raw_json_view import RawJsonView
from viewer.ui.details.sessions_view import SessionsView
from viewer.ui.tasks import hold_for_selection

ATTRIBUTES_TAB, AUDIENCES_TAB, SESSIONS_TAB, LOYALTY_TAB, APPS_TAB, PROBLEMS_TAB, RAW_TAB = range(7)


class ProfileDetails(QSplitter):
    """Everything about one profile (``detailSplitter``): ``profilePanel`` and ``profileTabs``.

    Tabs: attributes, audiences, sessions, loyalty, connected applications,
    problems and the raw JSON; the counts in their titles tell what is inside
    before a click (sessions and loyalty come from CSV exports opened beside).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("detailSplitter")
        self._panel_fitted = False  # the panel was given room for the CSV tiles once (the person's sizes win after)
        self.panel = ProfilePanel(self)
        self.tabs = ProfileTabs(self)
        self.attribute_view = AttributeView(self.tabs, find_shortcut=False)  # the window's Ctrl+F leads here
        self.audiences = AudienceList(self.tabs)
        self.sessions = SessionsView(self.tabs)
        self.loyalty = LoyaltyView(self.tabs)
        self.apps = ConnectedApplicationsList(self.tabs)
        self.problems = ProblemsView(self.tabs)
        self.raw = RawJsonView(self.tabs)
        pages = (
            (self.attribute_view, "Attributes"),
            (self.audiences, "Audiences"),
            (self.sessions, "Sessions"),
            (self.loyalty, "Loyalty"),
            (self.apps, "Apps"),
            (self.problems, "Problems"),
            (self.raw, "Raw JSON"),
        )
        for page, title in pages:
            self.tabs.addTab(page, title)
        self.attribute_view.filterApplied.connect(self._title_attributes)
        # The attributes of a profile selected while another tab shows wait until the tab is shown:
        # filling the hidden tree took 1-2 ms of each selection (the Sessions tab's, say).
        self._attributes_pending: tuple[dict | None, int | None] | None = None
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.setSizes([300, 500])

    @Slot()
    def _title_attributes(self) -> None:
        """A filter stays on from profile to profile: the tab says so, or a profile looks as if it had none."""
        filtered = self.attribute_view.is_filtered()
        self.tabs.set_title(ATTRIBUTES_TAB, "Attributes (filtered)" if filtered else "Attributes")
        self.tabs.setTabToolTip(ATTRIBUTES_TAB, "Only the attributes matching the filter show; Esc in the "
                                "filter box shows them all" if filtered else "")

    def set_profile(
        self, profile: Profile | None, problems: Sequence[Problem], audience_names: Mapping[int, str] | None,
        hold: bool = True,
    ) -> None:
        """Show ``profile`` (None: nothing selected) with its ``problems``; audience names by ID.

        ``hold``: the search's key coding, which stands aside for nothing else, waits for this paint
        (``tasks.hold_for_selection``); not when a search moved the list to its first match, or the
        coding would wait at every keystroke and barely move while someone types.
        """
        if hold:
            hold_for_selection()
        self.panel.set_profile(profile, problems)
        self._attributes_pending = (profile.attributes if profile else None, profile.index if profile else None)
        if self.tabs.currentIndex() == ATTRIBUTES_TAB or not self.isVisible():
            self._show_pending_attributes()
        self.audiences.set_profile(profile, audience_names)
        self.sessions.set_profile(profile)
        self.loyalty.set_profile(profile)
        self.apps.set_profile(profile)
        self.problems.set_profile_index(profile.index if profile else None)
        self.raw.set_profile(profile)
        loyalty, sessions = self.loyalty.count(), self.sessions.count()
        titles = {
            AUDIENCES_TAB: f"Audiences {self.audiences.count()}",
            SESSIONS_TAB: f"Sessions {sessions}" if sessions else "Sessions",
            LOYALTY_TAB: f"Loyalty {loyalty}" if loyalty else "Loyalty",
            APPS_TAB: f"Apps {self.apps.count()}",
            PROBLEMS_TAB: self.problems.title(),
        }
        # Sessions come only from a sessions CSV: without one the tab would be one more
        # empty page in a row of tabs that already fills the width. Shown before the titles
        # change: a tab made visible after its new title kept the old title's width ("essions :").
        self.tabs.show_tab(SESSIONS_TAB, bool(opened(profile, "sessions")))
        for tab, title in titles.items():
            self.tabs.set_title(tab, title)
        if not self._panel_fitted and any(not tile.isHidden() for tile in self.panel.companion_tiles.values()):
            self._panel_fitted = True
            self._fit_panel()

    @Slot(int)
    def _on_tab_changed(self, index: int) -> None:
        if index == ATTRIBUTES_TAB:
            self._show_pending_attributes()

    def _show_pending_attributes(self) -> None:
        if self._attributes_pending is None:
            return
        attributes, key = self._attributes_pending
        self._attributes_pending = None
        self.attribute_view.set_attributes(attributes, key=key)

    def _fit_panel(self) -> None:
        """Once the CSV tiles add a row to the panel, let the panel show all of it (up to half the height)."""
        body = self.panel.scroll_area.widget()
        if body is None:
            return
        sizes, total = self.sizes(), sum(self.sizes())
        needed = body.sizeHint().height() + 2 * self.panel.scroll_area.frameWidth()
        if len(sizes) == 2 and total > 0 and sizes[0] < needed:
            top = min(needed, total // 2)
            self.setSizes([top, total - top])

    def exact_views(self) -> tuple[QAbstractItemView, ...]:
        """Views whose Copy gives the cell's exact value (``CopyRole``): the file's digits and times."""
        return (self.sessions.table, self.sessions.parts.tree_view(), self.loyalty.balances.table,
                self.loyalty.tiers.table)

    def shortcut_groups(self) -> list[tuple[str, list[QAction]]]:
        """(where, actions) of the tabs' own shortcuts, for Help > Keyboard Shortcuts."""
        view = self.attribute_view
        return [("Attributes", [*view.view_actions(), *view.findChildren(QAction)]),
                ("Session details", self.sessions.parts.findChildren(QAction))]

    def set_problems(self, problems: Sequence[Problem], sources: Sequence[str]) -> None:
        """All problems of the export (again, when more were found later); the tab's count follows."""
        self.problems.set_problems(problems, sources)
        self.tabs.set_title(PROBLEMS_TAB, self.problems.title())

    def show_problem(self, problem: Problem) -> None:
        """Show the Problems tab with ``problem`` selected among all the export's problems."""
        self.tabs.setCurrentIndex(PROBLEMS_TAB)
        self.problems.select(problem)

    def show_source_line(self, line: int) -> None:
        """Show the Raw JSON tab with file line ``line`` of the profile's text marked."""
        self.tabs.setCurrentIndex(RAW_TAB)
        self.raw.show_line(line)

    def find_in_tab(self) -> None:
        """Ctrl+F: find in the raw JSON when it shows, else filter the attributes."""
        if self.tabs.currentIndex() == RAW_TAB:
            self.raw.focus_find()
            return
        self.tabs.setCurrentIndex(ATTRIBUTES_TAB)
        self.attribute_view.focus_filter()
