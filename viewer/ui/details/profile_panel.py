"""The profile panel: who this customer is, every field formatted for people.

All text from the file is shown as plain text; tooltips that contain file text
are escaped. Missing and null fields look different from zero and empty ones
(the wording is ``viewer.model.field_text``'s), and each problem of the profile
sits next to the field it concerns. CSV exports opened without a profile export
show what they have (points, sessions, the files' names), not a tile of
"missing" for each profile field no file was to have.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QFont, QPalette, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

import viewer
from viewer.model.companions import COMPANION_KINDS
from viewer.model.field_labels import PANEL_LABELS
from viewer.model.field_text import environment_note, field_text, other_field_text, profile_subtitle
from viewer.model.profile import Profile
from viewer.ui.details.companion_cells import csv_only, files_text, opened
from viewer.ui.details.companion_figures import COMPANION_TILES, companion_figure
from viewer.ui.details.field_tile import SELECTABLE, FieldTile, ValueLabel
from viewer.ui.widgets.tooltips import tooltip_html

WHOLE_VALUE = "Copy exact value copies the whole value"  # where a cut-short tooltip sends the reader

BADGE_COLOURS = {  # white text on saturated colours reads well on light and dark themes
    "live": ("LIVE", "#1e7e34"),
    "sandbox": ("SANDBOX", "#b35900"),
    "unknown": ("UNKNOWN", "#5c636a"),
}
MAX_TILE_COLUMNS = 3  # of the field tiles, when the panel is wide enough
# The tiles under the header, in reading order: python field name, label (the comparisons use the same).
TILES = tuple((name, label) for name, label in PANEL_LABELS.items() if name != "integration_id")


class IntegrationIdView(QTextEdit):
    """The integration ID, big, wrapped anywhere (IDs have no spaces), selectable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTextInteractionFlags(SELECTABLE)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        # No frame, yet the keyboard focus shows: a line in the highlight colour (the border is always
        # there, transparent without the focus, so gaining it moves nothing)
        self.setStyleSheet("QTextEdit { background: transparent; border: 1px solid transparent; }"
                           "QTextEdit:focus { border-bottom: 1px solid palette(highlight); }")
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(0)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)

    @Slot()
    def _fit(self, *_: object) -> None:
        self.setFixedHeight(int(self.document().size().height()) + 2)


class ProfilePanel(QWidget):
    """Header (integration ID, environment badge) and a tile per field of one profile."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profilePanel")
        self.profile: Profile | None = None
        self.highlighted_field: str | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("profilePanelScroll")
        # Not a Tab stop: it showed no focus, so Tab seemed to vanish between the list and the integration ID.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll_area)
        body = QWidget()
        self.scroll_area.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 6, 8, 6)
        header = QHBoxLayout()
        self.integration_id = IntegrationIdView(body)
        self.integration_id.setObjectName("integrationId")
        self.badge = QLabel(body)
        self.badge.setObjectName("environmentBadge")
        self.badge.setTextFormat(Qt.TextFormat.PlainText)
        header.addWidget(self.integration_id, 1)
        header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        self.subtitle = ValueLabel(body)
        self.subtitle.setObjectName("profileSubtitle")
        layout.addWidget(self.subtitle)
        self.header_problems = FieldTile("Integration ID", body)
        self.header_problems.value.hide()
        self.header_problems.caption.hide()
        layout.addWidget(self.header_problems)
        self._grid = QGridLayout()
        self._grid.setSpacing(4)
        self._columns = 0  # of tiles, as wide as the panel allows (``_reflow``)
        self.tiles: dict[str, FieldTile] = {"integration_id": self.header_problems}
        for name, label in TILES:
            tile = FieldTile(label, body)
            tile.setObjectName(f"field_{name}")
            self.tiles[name] = tile
        self.companion_tiles: dict[str, FieldTile] = {}  # figures from CSV exports opened beside (hidden without)
        for name, label in COMPANION_TILES:
            tile = FieldTile(label, body)
            tile.setObjectName(f"field_{name}")
            tile.hide()
            self.companion_tiles[name] = tile
        self._reflow(MAX_TILE_COLUMNS)
        self.scroll_area.viewport().installEventFilter(self)
        layout.addLayout(self._grid)
        self.other_title = QLabel("Other fields", body)
        bold = self.other_title.font()
        bold.setBold(True)
        self.other_title.setFont(bold)
        layout.addWidget(self.other_title)
        self.other = QGridLayout()
        self.other.setColumnStretch(1, 1)  # names take their width, values the rest: no gap between
        layout.addLayout(self.other)
        self.other_rows: list[QWidget] = []
        self.general_problems = FieldTile("Other problems", body)
        self.general_problems.value.hide()
        layout.addWidget(self.general_problems)
        layout.addStretch(1)
        self.set_profile(None)

    def _reflow(self, columns: int) -> None:
        """Lay the tiles out in ``columns`` columns, in reading order."""
        if columns == self._columns:
            return
        self._columns = columns
        tiles = [tile for name, tile in self.tiles.items() if name != "integration_id"]
        for n, tile in enumerate([*tiles, *self.companion_tiles.values()]):
            self._grid.addWidget(tile, n // columns, n % columns)  # (moves a tile already in the grid)
        for column in range(MAX_TILE_COLUMNS):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # The scroll area's viewport, as it is resized: its width is the room the tiles have. The panel's own
        # resize came before the viewport's while the panel was hidden (the welcome page showed): a real
        # window opened from the command line kept one column of tiles beside 600 px of empty panel.
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        # three columns of tiles in a narrow panel (a 1024 px window) needed a sideways scroll bar
        room = self.scroll_area.viewport().width() - 16  # the body's margins
        widest = max(tile.minimumSizeHint().width() for tile in self.tiles.values()) + self._grid.spacing()
        self._reflow(max(1, min(MAX_TILE_COLUMNS, (room + self._grid.spacing()) // max(widest, 1))))

    def set_profile(self, profile: Profile | None, problems: Sequence[viewer.Problem] | None = None) -> None:
        """Show ``profile`` with its ``problems`` (``None``: an empty panel)."""
        self.profile = profile
        self.highlight_field(None)
        problems = problems or []
        self.setEnabled(profile is not None)
        self._show_header(profile)
        by_field: dict[str, list[viewer.Problem]] = {}
        for problem in problems:
            name = problem.field if problem.field in self.tiles else ""
            by_field.setdefault(name, []).append(problem)
        alone = csv_only(profile)  # an ID of CSV files opened alone: no profile fields to call missing
        for name, tile in self.tiles.items():
            if profile is not None and name != "integration_id":
                tile.show_field(field_text(profile, name))
                if tile.isHidden() != alone:
                    tile.setVisible(not alone)
            tile.set_problems(by_field.get(name, []))
        for name, tile in self.companion_tiles.items():
            figure = companion_figure(profile, name) if profile is not None else None
            if figure is not None:
                tile.show_field(figure)
            tile.setVisible(figure is not None)
        self.general_problems.set_problems(by_field.get("", []))
        self.general_problems.setVisible(bool(by_field.get("")))
        self.header_problems.setVisible(bool(by_field.get("integration_id")))
        self._show_other(profile)
        self._fit_columns()  # a tile's problem text or value may need fewer columns (0.06 ms)

    def _show_header(self, profile: Profile | None) -> None:
        if profile is None:
            self.integration_id.setPlainText("No profile selected")
            self.subtitle.show_value("")
            self.badge.hide()
            return
        ident = profile.integration_id
        self.integration_id.setPlainText(ident if ident else profile.display_name)
        if csv_only(profile):
            self.badge.hide()  # no environment in these files: not "unknown" either
            files = files_text(opened(profile, *COMPANION_KINDS))
            self.subtitle.show_value(f"From {files} (no profile export opened)")
            return
        word, colour = BADGE_COLOURS[profile.environment]
        self.badge.setText(word)
        style = (f"QLabel {{ background: {colour}; color: white; border-radius: 4px; padding: 3px 10px;"
                 " font-weight: bold; }")
        if self.badge.styleSheet() != style:  # a style sheet set again is applied again (the badge re-laid out)
            self.badge.setStyleSheet(style)
        self.badge.setToolTip(tooltip_html(environment_note(profile)))
        self.badge.show()
        self.subtitle.show_value(profile_subtitle(profile))

    def _show_other(self, profile: Profile | None) -> None:
        for widget in self.other_rows:
            widget.deleteLater()
        self.other_rows = []
        extra = profile.extra if profile is not None else {}
        self.other_title.setVisible(bool(extra))
        for row, (key, value) in enumerate(extra.items()):
            name = QLabel(key)
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.setTextInteractionFlags(SELECTABLE)
            name.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            shown = ValueLabel()
            text = other_field_text(value)
            shown.show_value(text.text, text.exact, dim=text.dim)
            if text.tooltip:
                shown.setToolTip(tooltip_html(*text.tooltip, where=WHOLE_VALUE))
            self.other.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            self.other.addWidget(shown, row, 1)
            self.other_rows += [name, shown]
            name.show()
            shown.show()

    def highlight_field(self, name: str | None) -> None:
        """Point the reader at field ``name`` (``None`` clears the highlight)."""
        for tile in self.tiles.values():
            tile.set_highlighted(False)
        self.highlighted_field = name if name in self.tiles else None
        shown = self.tiles.get(name) if name else None
        if shown is not None:
            shown.set_highlighted(True)
            self.scroll_area.ensureWidgetVisible(shown)
            shown.value.setFocus(Qt.FocusReason.OtherFocusReason)
