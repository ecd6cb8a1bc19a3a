"""The right half of the main window: the profile panel above, the tabs below."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QWidget

from viewer.model.problems import Problem
from viewer.model.profile import Profile
from viewer.ui.attributes.view import AttributeView
from viewer.ui.details.membership_lists import AudienceList, ConnectedApplicationsList, LoyaltyList
from viewer.ui.details.problems_view import ProblemsView
from viewer.ui.details.profile_panel import ProfilePanel
from viewer.ui.details.raw_json_view import RawJsonView

ATTRIBUTES_TAB, AUDIENCES_TAB, LOYALTY_TAB, APPS_TAB, PROBLEMS_TAB, RAW_TAB = range(6)


class ProfileDetails(QSplitter):
    """Everything about one profile (``detailSplitter``): ``profilePanel`` and ``profileTabs``.

    Tabs: attributes, audiences, loyalty, connected applications, problems and
    the raw JSON; the counts in their titles tell what is inside before a click.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("detailSplitter")
        self.panel = ProfilePanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("profileTabs")
        self.attribute_view = AttributeView(self.tabs, find_shortcut=False)  # the window's Ctrl+F leads here
        self.audiences = AudienceList(self.tabs)
        self.loyalty = LoyaltyList(self.tabs)
        self.apps = ConnectedApplicationsList(self.tabs)
        self.problems = ProblemsView(self.tabs)
        self.raw = RawJsonView(self.tabs)
        pages = (
            (self.attribute_view, "Attributes"),
            (self.audiences, "Audiences"),
            (self.loyalty, "Loyalty"),
            (self.apps, "Apps"),
            (self.problems, "Problems"),
            (self.raw, "Raw JSON"),
        )
        for page, title in pages:
            self.tabs.addTab(page, title)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.setSizes([300, 500])

    def set_profile(
        self, profile: Profile | None, problems: Sequence[Problem], audience_names: Mapping[int, str] | None
    ) -> None:
        """Show ``profile`` (None: nothing selected) with its ``problems``; audience names by ID."""
        self.panel.set_profile(profile, problems)
        self.attribute_view.set_attributes(
            profile.attributes if profile else None, key=profile.index if profile else None
        )
        self.audiences.set_profile(profile, audience_names)
        self.loyalty.set_profile(profile)
        self.apps.set_profile(profile)
        self.problems.set_profile_index(profile.index if profile else None)
        self.raw.set_profile(profile)
        loyalty = self.loyalty.count()
        titles = {
            AUDIENCES_TAB: f"Audiences {self.audiences.count()}",
            LOYALTY_TAB: f"Loyalty {loyalty}" if loyalty else "Loyalty",
            APPS_TAB: f"Apps {self.apps.count()}",
            PROBLEMS_TAB: f"Problems {self.problems.count()}",
        }
        for tab, title in titles.items():
            self.tabs.setTabText(tab, title)

    def find_in_tab(self) -> None:
        """Ctrl+F: find in the raw JSON when it shows, else filter the attributes."""
        if self.tabs.currentIndex() == RAW_TAB:
            self.raw.focus_find()
            return
        self.tabs.setCurrentIndex(ATTRIBUTES_TAB)
        self.attribute_view.focus_filter()
