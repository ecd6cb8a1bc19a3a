"""The page shown when no file is open: what the viewer is for and how to start.

While a file opens from it (or from the command line, before the window's first
paint) the page says which file is being opened and how far, instead of
"Open…" and "No recent files": reading 87 MB took about a second, and the
empty start page in that second read as "nothing was opened".
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from viewer.ui.roles import PathRole
from viewer.ui.widgets.app_icon import application_icon
from viewer.ui.window.settings import entry_label

NO_RECENT_TEXT = "No recent files"
_ICON_SIZE = 88
_COLUMN_WIDTH = 460
_MAX_ROWS = 8


class _RecentList(QListWidget):
    """A list as tall as its rows (up to ``_MAX_ROWS``), so the page stays compact."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        rows = max(1, min(self.count(), _MAX_ROWS))
        row_height = self.sizeHintForRow(0) if self.count() else 0
        row_height = row_height if row_height > 0 else self.fontMetrics().height() + 4
        return QSize(_COLUMN_WIDTH, rows * row_height + 2 * self.frameWidth() + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.sizeHint()


class WelcomePage(QWidget):
    """Start page: Open..., Open sample export, recent files, and the drop hint.

    The page only asks; the main window opens: ``openRequested`` (show a file
    dialog), ``sampleRequested`` (open the bundled sample) and
    ``recentRequested(path)``. Feed it ``RecentFiles.paths()`` with
    ``set_recent_files``. Given the window's ``loads`` (its ``LoadWorker``) it
    shows each load's file and progress while it runs (``opening_state``).
    """

    openRequested = Signal()
    sampleRequested = Signal()
    recentRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None, loads: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self._loads = loads
        self._requested: str | None = None  # the entry asked for: a double click's second click asks no more

        icon = QLabel(self)
        icon.setPixmap(application_icon().pixmap(QSize(_ICON_SIZE, _ICON_SIZE), self.devicePixelRatioF()))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)

        title = QLabel("Audience Viewer", self)
        title.setObjectName("welcomeTitle")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)

        blurb = QLabel(
            "Look inside Talon.One customer-profile exports: find a customer, see their "
            "attributes, audiences and loyalty data, and what is odd in the file.",
            self,
        )
        blurb.setWordWrap(True)
        blurb.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.open_button = QPushButton("Open\u2026", self)
        self.open_button.setObjectName("welcomeOpen")
        self.open_button.setToolTip("Open a JSON or NDJSON export (Ctrl+O)")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.openRequested)
        self.sample_button = QPushButton("Open sample export", self)
        self.sample_button.setObjectName("welcomeOpenSample")
        self.sample_button.setToolTip("Open the bundled example: a few dozen made-up customers")
        self.sample_button.clicked.connect(self.sampleRequested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)

        recent_title = QLabel("Recent files", self)
        heading = QFont(recent_title.font())
        heading.setWeight(QFont.Weight.DemiBold)
        recent_title.setFont(heading)

        self.recent_list = _RecentList(self)
        self.recent_list.setObjectName("welcomeRecentList")
        self.recent_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.recent_list.setUniformItemSizes(True)
        self.recent_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.recent_list.itemActivated.connect(self._on_item_activated)  # Return, a double click
        # A start page's list opens on one click, as a link would (where the style does not already)
        if not self.recent_list.style().styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick,
                                                  None, self.recent_list):
            self.recent_list.itemClicked.connect(self._on_item_activated)
        recent_title.setBuddy(self.recent_list)

        hint = QLabel("Tip: drop export files anywhere on this window to open them.", self)
        hint.setObjectName("welcomeDropHint")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        hint.setWordWrap(True)

        self.start_part = QWidget(self)  # what to do: hidden while a file opens
        start = QVBoxLayout(self.start_part)
        start.setContentsMargins(0, 0, 0, 0)
        start.setSpacing(10)
        start.addLayout(buttons)
        start.addSpacing(18)
        start.addWidget(recent_title)
        start.addWidget(self.recent_list)
        start.addSpacing(6)
        start.addWidget(hint)
        self.opening_part = QWidget(self)  # which file opens (how far, and Cancel: in the status bar, once)
        self.opening_part.setObjectName("welcomeOpening")
        opening = QVBoxLayout(self.opening_part)
        opening.setContentsMargins(0, 0, 0, 0)
        self.opening_label = QLabel(self.opening_part)
        self.opening_label.setObjectName("welcomeOpeningText")
        self.opening_label.setTextFormat(Qt.TextFormat.PlainText)  # a file name is data
        self.opening_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening_label.setWordWrap(True)
        opening.addWidget(self.opening_label)
        self.opening_part.hide()

        column = QVBoxLayout()
        column.setSpacing(10)
        column.addWidget(icon)
        column.addWidget(title)
        column.addWidget(blurb)
        column.addSpacing(8)
        column.addWidget(self.start_part)
        column.addWidget(self.opening_part)
        holder = QWidget(self)
        holder.setLayout(column)
        holder.setMaximumWidth(_COLUMN_WIDTH)
        holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(holder, 4)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)  # sit a little above the middle, where the eye starts
        self.set_recent_files([])
        if loads is not None:
            from viewer.ui.window.opening_state import OpeningState

            self.opening_state = OpeningState(self, loads)

    def show_opening(self, name: str) -> None:
        """Say that ``name`` is being opened (the status bar below says how far, with Cancel)."""
        self.opening_label.setText(f"Opening {name}…")
        self.start_part.hide()
        self.opening_part.show()

    def show_start(self) -> None:
        """Back to Open…, the sample and the recent files."""
        self._requested = None
        self.opening_part.hide()
        self.start_part.show()

    def is_opening(self) -> bool:
        """Whether the page says a file is being opened."""
        return not self.opening_part.isHidden()

    def set_recent_files(self, paths: list[str]) -> None:
        """Show ``paths`` (most recent first); an empty list shows "No recent files"."""
        # (text, path, tooltip, flags) per row. The rows are rewritten in place, not cleared and made again:
        # the test suite's segmentation faults (about one run in five of the window tests) were all inside
        # ``QListWidget.clear()`` here, while a load's worker waited.
        rows: list[tuple[str, str | None, str, Qt.ItemFlag]] = []
        for path in paths:
            name, folder, full = entry_label(path)
            # File names are data: escape them so Qt never renders them as rich text.
            rows.append((f"{name}  \u2014  {folder}", path, f"<qt>{html.escape(full).replace(chr(10), '<br>')}</qt>",
                         Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled))
        if not paths:
            rows.append((NO_RECENT_TEXT, None, "", Qt.ItemFlag.NoItemFlags))
        listed = self.recent_list
        while listed.count() > len(rows):
            listed.takeItem(listed.count() - 1)
        for row, (text, entry, tip, flags) in enumerate(rows):
            item = listed.item(row)
            if item is None:
                item = QListWidgetItem()
                listed.addItem(item)
            item.setText(text)
            item.setData(PathRole, entry)
            item.setToolTip(tip)
            item.setFlags(flags)
        listed.updateGeometry()
        if self._loads is not None and not self._loads.is_loading():
            self.show_start()  # the window closed the export (its load cancelled quietly)

    def recent_files(self) -> list[str]:
        """The paths listed, in order (none when the list says "No recent files")."""
        items = (self.recent_list.item(row) for row in range(self.recent_list.count()))
        return [item.data(PathRole) for item in items if item.data(PathRole)]

    @Slot(QListWidgetItem)
    def _on_item_activated(self, item: QListWidgetItem) -> None:
        path = item.data(PathRole)
        if path and path != self._requested:
            self._requested = path
            self.recentRequested.emit(path)
