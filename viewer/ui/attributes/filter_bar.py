"""The attribute tab's filter bar: the query box, Keys / Values / regex toggles, the count."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from viewer.attributes.filter import FilterResult, Query, Scope, parse_query
from viewer.ui.widgets.tooltips import tooltip_html

_TIP = (
    "Filter keys and values; key: or value: narrows. >100, >=2024-01, <90d (over 90 days ago) "
    "and 1..5 compare values; Address.City finds a path, Address.City:berlin or Orders>=3 a value at it"
)
# The placeholder says as much as the box's width shows: beside the profile panel the box is
# ~250 px and the longest was cut to "…>100 Addre…"; the tooltip has the whole syntax.
PLACEHOLDERS = (
    "Filter attributes…  (key:  value:  >100  Address.City:berlin)",
    "Filter attributes…  (key:  value:  >100)",
    "Filter attributes…",
)
_INVALID_STYLE = "QLineEdit { border: 2px solid #d0312d; border-radius: 3px; padding: 1px; }"


class AttributeFilterBar(QWidget):
    """Says what to filter; shows how many matched. Holds no tree, only the query."""

    queryEdited = Signal()  # the user typed in the box
    optionsChanged = Signal()  # the scope or the regex toggle changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filter = QLineEdit()
        self._filter.setObjectName("attributeFilter")
        self._filter.setClearButtonEnabled(True)
        self._filter.setPlaceholderText(PLACEHOLDERS[-1])
        self._filter.installEventFilter(self)
        self._filter.setToolTip(_TIP)
        self._keys_button = _toggle("attributeScopeKeys", "Keys", "Match keys")
        self._values_button = _toggle("attributeScopeValues", "Values", "Match values")
        self._regex_button = _toggle("attributeRegex", ".*", "Regular expression")
        self._keys_button.setChecked(True)
        self._values_button.setChecked(True)
        self._count_label = QLabel()
        self._count_label.setObjectName("attributeMatchCount")
        self._count_label.setTextFormat(Qt.TextFormat.PlainText)
        self._count_label.setMinimumWidth(self._count_label.fontMetrics().horizontalAdvance("000,000 matches"))
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 4, 0)
        for widget in (self._filter, self._keys_button, self._values_button, self._regex_button, self._count_label):
            bar.addWidget(widget)
        self._filter.textEdited.connect(self.queryEdited)
        self._keys_button.toggled.connect(self._on_scope_toggled)
        self._values_button.toggled.connect(self._on_scope_toggled)
        self._regex_button.toggled.connect(self.optionsChanged)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """The box was resized: the longest placeholder that fits it."""
        if watched is self._filter and event.type() == QEvent.Type.Resize:
            self._fit_placeholder()
        return super().eventFilter(watched, event)

    def _fit_placeholder(self) -> None:
        box = self._filter
        # the text's room: the frame, the text margins and, at the right, the clear button's square
        room = box.contentsRect().width() - box.textMargins().left() - box.textMargins().right() - box.height() - 4
        metrics = box.fontMetrics()
        fitting = next((text for text in PLACEHOLDERS if metrics.horizontalAdvance(text) <= room), PLACEHOLDERS[-1])
        if box.placeholderText() != fitting:
            box.setPlaceholderText(fitting)

    def query(self) -> Query:
        """The parsed query of the box and toggles (``query.error`` set for a bad regex)."""
        return parse_query(self._filter.text(), self._scope(), self._regex_button.isChecked())

    def has_query(self) -> bool:
        """Whether the box holds anything but spaces."""
        return bool(self._filter.text().strip())

    def clear(self) -> None:
        """Empty the box (without emitting ``queryEdited``)."""
        if self._filter.text():
            self._filter.clear()

    def focus(self) -> None:
        """Put the cursor in the box with its text selected."""
        self._filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._filter.selectAll()

    def show_status(self, text: str) -> None:
        """Show ``text`` where the match count goes (``Filtering…``, ``Invalid regex``)."""
        self._count_label.setText(text)

    def show_result(self, result: FilterResult | None) -> None:
        """Show the match count of ``result`` (nothing without a filter)."""
        if result is None:
            self._count_label.setText("")
            self._count_label.setToolTip("")
        else:
            hint = result.query.hint if result.count == 0 else None
            noun = "match" if result.count == 1 else "matches"
            self._count_label.setText(f"{result.count:,} {noun}" + (" (?)" if hint else ""))  # hover: why
            self._count_label.setToolTip(tooltip_html(hint) if hint else "")

    def mark_invalid(self, error: str | None) -> None:
        """Frame the box in red with ``error`` as its tooltip (None: back to normal)."""
        if bool(self._filter.property("invalid")) == (error is not None):
            return
        self._filter.setProperty("invalid", error is not None)
        self._filter.setStyleSheet(_INVALID_STYLE if error else "")
        self._filter.setToolTip(tooltip_html(error) if error else _TIP)

    def _scope(self) -> Scope:
        keys, values = self._keys_button.isChecked(), self._values_button.isChecked()
        return Scope.KEYS if keys and not values else Scope.VALUES if values and not keys else Scope.BOTH

    @Slot(bool)
    def _on_scope_toggled(self, checked: bool) -> None:
        if not checked and not (self._keys_button.isChecked() or self._values_button.isChecked()):
            button = self.sender()
            if isinstance(button, QToolButton):
                button.setChecked(True)  # one of the two stays on: nothing else makes sense
            return
        self.optionsChanged.emit()


def _toggle(name: str, text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setObjectName(name)
    button.setText(text)
    button.setCheckable(True)
    button.setAutoRaise(True)
    button.setToolTip(tip)
    return button
