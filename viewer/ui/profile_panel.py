"""The profile panel: who this customer is, every field formatted for people.

All text from the file is shown as plain text; tooltips that contain file text
are escaped. Missing and null fields look different from zero and empty ones,
and each problem of the profile sits next to the field it concerns.
"""

from __future__ import annotations

import html
import json
from datetime import datetime, timezone
from typing import Any

import orjson
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont, QGuiApplication, QPalette, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

import viewer
from viewer.model.profile import Profile
from viewer.model.search import shown_text
from viewer.ui.profile_table_model import format_money

SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
BADGE_COLOURS = {  # white text on saturated colours reads well on light and dark themes
    "live": ("LIVE", "#1e7e34"),
    "sandbox": ("SANDBOX", "#b35900"),
    "unknown": ("UNKNOWN", "#5c636a"),
}
# The tiles under the header, in reading order: python field name, label.
TILES = (
    ("id", "ID"),
    ("account_id", "Account ID"),
    ("sandbox", "Environment (sandbox)"),
    ("created", "Created"),
    ("last_activity", "Last activity"),
    ("closed_sessions", "Closed sessions"),
    ("total_sales", "Total sales"),
    ("attributes", "Attributes"),
    ("audience_memberships", "Audiences"),
    ("connected_audiences", "Connected audiences"),
    ("connected_applications_ids", "Connected applications"),
    ("loyalty_memberships", "Loyalty memberships"),
)


def relative_age(when: datetime, now: datetime | None = None) -> str:
    """``3 days ago`` / ``in 2 hours`` / ``just now``."""
    now = now or datetime.now(timezone.utc)
    seconds = (now - when).total_seconds()
    future, seconds = seconds < 0, abs(seconds)
    for size, unit in ((31557600, "year"), (2629800, "month"), (604800, "week"), (86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            n = int(seconds // size)
            text = f"{n} {unit}{'' if n == 1 else 's'}"
            return f"in {text}" if future else f"{text} ago"
    return "just now"


def escaped_tooltip(*lines: str) -> str:
    """A tooltip Qt cannot mistake for markup: every line escaped, joined with breaks."""
    return "<qt>" + "<br>".join(html.escape(line) for line in lines) + "</qt>"


def json_text(value: Any, indent: bool = False) -> str:
    """JSON text of ``value``; integers beyond 64 bits keep every digit."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2 if indent else 0).decode()
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(value, indent=2 if indent else None, ensure_ascii=False)


class ValueLabel(QLabel):
    """A selectable plain-text value whose context menu can copy the exact value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(SELECTABLE)
        self.setWordWrap(True)
        self.exact = ""

    def show_value(self, text: str, exact: str | None = None, dim: bool = False) -> None:
        """Show ``text``; ``exact`` is what "Copy exact value" copies; ``dim`` greys it."""
        self.setText(text)
        self.exact = text if exact is None else exact
        font = self.font()
        font.setItalic(dim)
        self.setFont(font)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText if dim else QPalette.ColorRole.WindowText)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt API
        menu = QMenu(self)
        menu.addAction("Copy", lambda: QGuiApplication.clipboard().setText(self.selectedText() or self.text()))
        menu.addAction("Copy exact value", lambda: QGuiApplication.clipboard().setText(self.exact))
        menu.exec(event.globalPos())


class FieldTile(QFrame):
    """One field: a small caption, the value, a note, and its problems."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(1)
        self.caption = QLabel(caption, self)
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        small = self.caption.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.caption.setFont(small)
        self.value = ValueLabel(self)
        self.note = QLabel(self)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.note.setTextInteractionFlags(SELECTABLE)
        self.problems = QLabel(self)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setTextInteractionFlags(SELECTABLE)
        self.problems.setWordWrap(True)
        self.problem_icon = QLabel(self)
        self.problem_icon.setFixedSize(16, 16)
        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(self.problem_icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.problems, 1)
        for widget in (self.caption, self.value, self.note):
            layout.addWidget(widget)
        layout.addLayout(row)

    def set_problems(self, problems: list[viewer.Problem]) -> None:
        """Show ``problems`` under the value (hidden when there are none)."""
        self.problems.setText("\n".join(p.message for p in problems))
        self.problems.setVisible(bool(problems))
        self.problem_icon.setVisible(bool(problems))
        if problems:
            worst = min(problems, key=lambda p: list(viewer.Severity).index(p.severity))
            self.problem_icon.setPixmap(severity_icon(self, worst.severity).pixmap(16, 16))

    def set_highlighted(self, on: bool) -> None:
        """Draw attention to this field (after a problem was activated)."""
        self.setStyleSheet("FieldTile { border: 2px solid palette(highlight); border-radius: 4px; }" if on else "")


def severity_icon(widget: QWidget, severity: viewer.Severity):
    """The platform's icon for an error, warning or info."""
    pixmap = {
        viewer.Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
        viewer.Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    }.get(severity, QStyle.StandardPixmap.SP_MessageBoxInformation)
    return widget.style().standardIcon(pixmap)


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
        self.setStyleSheet("QTextEdit { background: transparent; }")
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
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll)
        body = QWidget()
        self.scroll.setWidget(body)
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
        grid = QGridLayout()
        grid.setSpacing(4)
        self.tiles: dict[str, FieldTile] = {"integration_id": self.header_problems}
        for n, (name, label) in enumerate(TILES):
            tile = FieldTile(label, body)
            tile.setObjectName(f"field_{name}")
            self.tiles[name] = tile
            grid.addWidget(tile, n // 3, n % 3)
        layout.addLayout(grid)
        self.other_title = QLabel("Other fields", body)
        bold = self.other_title.font()
        bold.setBold(True)
        self.other_title.setFont(bold)
        layout.addWidget(self.other_title)
        self.other = QGridLayout()
        layout.addLayout(self.other)
        self.other_rows: list[QWidget] = []
        self.general_problems = FieldTile("Other problems", body)
        self.general_problems.value.hide()
        layout.addWidget(self.general_problems)
        layout.addStretch(1)
        self.set_profile(None)

    def set_profile(self, profile: Profile | None, problems: list[viewer.Problem] | None = None) -> None:
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
        for name, tile in self.tiles.items():
            if profile is not None and name != "integration_id":
                self._show_field(tile, profile, name)
            tile.set_problems(by_field.get(name, []))
        self.general_problems.set_problems(by_field.get("", []))
        self.general_problems.setVisible(bool(by_field.get("")))
        self.header_problems.setVisible(bool(by_field.get("integration_id")))
        self._show_other(profile)

    def _show_header(self, profile: Profile | None) -> None:
        if profile is None:
            self.integration_id.setPlainText("No profile selected")
            self.subtitle.show_value("")
            self.badge.hide()
            return
        state = profile.field_state("integration_id")
        ident = profile.integration_id
        self.integration_id.setPlainText(ident if ident else profile.display_name)
        word, colour = BADGE_COLOURS[profile.environment]
        self.badge.setText(word)
        self.badge.setStyleSheet(
            f"QLabel {{ background: {colour}; color: white; border-radius: 4px; padding: 3px 10px; font-weight: bold; }}"
        )
        self.badge.setToolTip(escaped_tooltip(f"sandbox: {shown_text(profile.original('sandbox'))}" if profile.field_state("sandbox") != "missing" else "sandbox field missing: environment unknown"))
        self.badge.show()
        bits = []
        if not ident:
            bits.append("integration ID " + ("empty" if ident == "" else state))
        bits.append(f"Profile {profile.id}" if profile.id is not None else f"Profile #{profile.index + 1} (no ID)")
        if profile.account_id is not None:
            bits.append(f"account {profile.account_id}")
        self.subtitle.show_value(" · ".join(bits))

    def _show_field(self, tile: FieldTile, profile: Profile, name: str) -> None:
        tile.note.hide()
        tile.setToolTip("")
        state = profile.field_state(name)
        original = profile.original(name)
        value = getattr(profile, name)
        if state == "missing":
            tile.value.show_value("— missing", "", dim=True)
            return
        if state == "null":
            tile.value.show_value("null", "null", dim=True)
            return
        if name in ("created", "last_activity") and value is not None:
            try:
                local = value.astimezone()
                text = local.strftime("%d %b %Y %H:%M")
                utc = value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
            except (OverflowError, ValueError, OSError):
                text, utc = value.text, value.text
            tile.value.show_value(text, value.text)
            tile.note.setText(relative_age(value))
            tile.note.show()
            tile.setToolTip(escaped_tooltip(f"In the file: {value.text}", f"UTC: {utc}"))
            return
        if name == "total_sales" and value is not None:
            tile.value.show_value(format_money(value), str(original))
            tile.setToolTip(escaped_tooltip(f"Exact value: {original}"))
            return
        if name == "sandbox" and isinstance(value, bool):
            tile.value.show_value(f"{shown_text(value)} ({'sandbox' if value else 'live'})", shown_text(value))
            return
        if name == "attributes" and isinstance(original, dict):
            tile.value.show_value(f"{len(original)} key{'' if len(original) == 1 else 's'}" if original else "{} (empty)", json_text(original))
            return
        if name in ("audience_memberships", "loyalty_memberships", "connected_applications_ids", "connected_audiences") and isinstance(original, list):
            items = value or ()
            if name == "connected_applications_ids" or name == "connected_audiences":
                text = ", ".join(str(i) for i in items[:20]) + (" …" if len(items) > 20 else "")
            else:
                text = f"{len(items)} (see tab)"
            tile.value.show_value(text if items else "[] (empty)", json_text(original), dim=not items)
            return
        if isinstance(original, str) and original == "":
            tile.value.show_value('"" (empty)', "", dim=True)
            return
        text = shown_text(original) if not isinstance(original, (dict, list)) else json_text(original)
        if isinstance(original, int) and not isinstance(original, bool) and name not in ("id", "account_id"):
            text = f"{original:,}"
        tile.value.show_value(text, shown_text(original) if not isinstance(original, (dict, list)) else text)

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
            full = json_text(value) if isinstance(value, (dict, list)) else shown_text(value)
            shown.show_value(full if len(full) <= 500 else full[:500] + " …", full, dim=value is None)
            if len(full) > 500:
                shown.setToolTip(escaped_tooltip(full[:5000]))
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
        tile = self.tiles.get(name) if name else None
        if tile is not None:
            tile.set_highlighted(True)
            self.scroll.ensureWidgetVisible(tile)
            tile.value.setFocus(Qt.FocusReason.OtherFocusReason)
