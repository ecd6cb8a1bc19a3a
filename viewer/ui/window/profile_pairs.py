"""Two profiles of the open export side by side: "Compare with…" in the list's menu, and repeated profiles.

The profile list's row menu (``profileListMenu``) gains "Compare with…"
(``compareWithProfileAction``): it picks that profile, and the next profile
selected in the list opens beside it in a window of its own
(``profileComparisonWindow``), however it is selected (click, keys, or the
right-click that opens another row's menu). With two rows selected (where the
list allows selecting several) the menu offers "Compare the Two Selected
Profiles" (``compareSelectedAction``). The list
builds its menu anew for every right-click, so the entries are added when the
menu is polished, just before it shows, and the list itself needs no hook.

A repeated profile in the problems list ("appears again: first as profile N")
opens as a comparison of its two occurrences when activated.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QChildEvent, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from viewer.model.problems import Problem
from viewer.model.profile import Profile
from viewer.model.values import int_text
from viewer.ui.comparison.profile_comparison import ProfileComparison
from viewer.ui.roles import ProfileRole
from viewer.ui.widgets.closing import close_with_keys

_REPEAT = re.compile(r"appears again: first as profile (\d+)")



def side_names(left: Profile, right: Profile) -> tuple[str, str]:
    """What the comparison calls its two sides: each profile's ID, as the panel names it (``Profile 1051679``).

    Their places in the file (``#51680``) only when the two have the same ID, or none.
    """
    if left.id is not None and right.id is not None and left.id != right.id:
        return f"Profile {int_text(left.id)}", f"Profile {int_text(right.id)}"
    return f"Profile #{left.index + 1:,}", f"Profile #{right.index + 1:,}"

class ProfileComparisonWindow(QMainWindow):
    """A window showing two profiles side by side."""

    def __init__(self, left: Profile, right: Profile, left_name: str, right_name: str,
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("profileComparisonWindow")
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"Compare {left.display_name} and {right.display_name}")
        self.comparison = ProfileComparison(self)
        self.comparison.set_profiles(left, right, left_name, right_name)
        self.setCentralWidget(self.comparison)
        self.resize(1000, 700)
        close_with_keys(self)


class ProfilePairs(QObject):
    """Compare two profiles of ``window``'s export (see the module docstring)."""

    pairShown = Signal(object)  # the ProfileComparisonWindow, once it is on screen

    def __init__(self, window: Any) -> None:  # the MainWindow (its module imports this one)
        super().__init__(window)
        self._window = window
        self.picked: Profile | None = None
        self.windows: list[ProfileComparisonWindow] = []
        window.table.installEventFilter(self)
        window.list_pane.currentProfileChanged.connect(self._on_current)
        window.problems.problemActivated.connect(self._on_problem)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ChildPolished and isinstance(event, QChildEvent):
            child = event.child()
            if isinstance(child, QMenu) and child.objectName() == "profileListMenu" \
                    and child.property("comparing") is None:
                child.setProperty("comparing", True)
                self._extend(child)
        return False

    def _extend(self, menu: QMenu) -> None:
        profile = self._window.table.currentIndex().data(ProfileRole)
        if not isinstance(profile, Profile):
            return
        menu.addSeparator()
        pair = self.selected_pair()
        if pair is not None:
            both = QAction("Compare the Two Selected Profiles", menu)
            both.setObjectName("compareSelectedAction")
            both.triggered.connect(lambda _checked=False: self.show_pair(
                *pair, *side_names(*pair)))
            menu.addAction(both)
        action = QAction("Compare with…", menu)
        action.setObjectName("compareWithProfileAction")
        action.setToolTip("Pick this profile, then select the one to compare it with")
        action.triggered.connect(lambda _checked=False: self.pick(profile))
        menu.addAction(action)

    def selected_pair(self) -> tuple[Profile, Profile] | None:
        """The two profiles selected in the list, in list order (None unless exactly two rows are)."""
        rows = self._window.table.selected_rows()
        if len(rows) != 2:  # (100,000 selected: no pair, and no profile built for each)
            return None
        profiles = [self._window.model.profile_at(row) for row in rows]
        if len(profiles) == 2 and all(isinstance(p, Profile) for p in profiles):
            return profiles[0], profiles[1]
        return None

    def pick(self, profile: Profile) -> None:
        """Remember ``profile``; the next other profile selected opens beside it."""
        self.picked = profile
        self._window.statusBar().showMessage(f"Select the profile to compare {profile.display_name} with")

    @Slot(object)
    def _on_current(self, profile: Profile | None) -> None:
        if self.picked is not None and profile is not None and profile.index != self.picked.index:
            self._compare_picked(profile)

    def _compare_picked(self, profile: Profile) -> None:
        left, self.picked = self.picked, None
        self._window.statusBar().clearMessage()
        if left is not None:
            self.show_pair(left, profile, *side_names(left, profile))

    @Slot(object)
    def _on_problem(self, problem: Problem) -> None:
        match = _REPEAT.search(problem.message)
        result = getattr(self._window, "result", None)
        if match is None or problem.profile_index is None or result is None:
            return
        profiles = result.export.profiles
        first, again = int(match.group(1)) - 1, problem.profile_index
        if 0 <= first < len(profiles) and 0 <= again < len(profiles):
            self.show_pair(profiles[first], profiles[again], f"First (profile {first + 1})",
                           f"Again (profile {again + 1})")

    def show_pair(self, left: Profile, right: Profile, left_name: str, right_name: str) -> ProfileComparisonWindow:
        """Open ``left`` and ``right`` side by side in a window of their own."""
        shown = ProfileComparisonWindow(left, right, left_name, right_name, self._window)
        shown.destroyed.connect(lambda *_: self.windows.remove(shown) if shown in self.windows else None)
        self.windows.append(shown)
        shown.show()
        self.pairShown.emit(shown)
        return shown
