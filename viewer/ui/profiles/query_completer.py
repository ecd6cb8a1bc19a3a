"""Completion in the profile search box: the word under the cursor, from fields, paths and audiences.

A ``QCompleter`` completes a line edit's whole text; queries are several
words, so this one filters the candidates for the word being typed itself
(``viewer.query.completions``) and shows them unfiltered, then puts the chosen
word in place of the typed part, leaving the rest of the query as it was.

The popup opens under the box and under ``keep_visible`` (the profile count)
when that sits below the box: Qt's default place, right under the box, hid
"N of M profiles" just while typing changes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QStringListModel, Qt, Slot
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from viewer.query.completions import current_word, matching_words


class QueryCompleter(QObject):
    """Offers completions for the word being typed in ``edit`` (popup ``profileSearchCompletions``)."""

    def __init__(self, edit: QLineEdit, keep_visible: QWidget | None = None) -> None:
        super().__init__(edit)
        self._edit = edit
        self._keep_visible = keep_visible
        self._words: Sequence[str] = ()
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setWidget(edit)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        popup = self.completer.popup()
        assert popup is not None
        self._popup = popup
        popup.setObjectName("profileSearchCompletions")
        self.completer.activated[str].connect(self._insert)  # type: ignore[index]  # the text overload
        edit.textEdited.connect(self._offer)
        edit.textChanged.connect(self._hide_when_empty)  # Esc clears the box: nothing is left to complete
        if keep_visible is not None:  # it grows when an invalid query's message wraps: the popup moves down
            keep_visible.installEventFilter(self)

    def set_words(self, words: Sequence[str]) -> None:
        """The words to offer (for a new export)."""
        self._words = words

    @Slot(str)
    def _hide_when_empty(self, text: str) -> None:
        if not text:
            self._popup.hide()

    @Slot(str)
    def _offer(self, text: str) -> None:
        start, typed = current_word(text, self._edit.cursorPosition())
        found = matching_words(self._words, typed)
        if not found:
            self._popup.hide()
            return
        self._model.setStringList(found)
        self.completer.setCompletionPrefix("")
        self.completer.complete(self._popup_rect())

    def _popup_rect(self) -> QRect:
        """What the popup opens under (in the box's coordinates): the box, and ``keep_visible`` below it."""
        edit, below = self._edit, self._keep_visible
        rect = edit.rect()
        if below is not None and below.isVisible():
            bottom = edit.mapFromGlobal(below.mapToGlobal(QPoint(0, below.height()))).y()
            if bottom > rect.bottom():  # below the box, not beside or above it
                rect.setBottom(bottom)
        return rect

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._keep_visible and event.type() in (QEvent.Type.Resize, QEvent.Type.Move) \
                and self._popup.isVisible():
            top = self._edit.mapToGlobal(self._popup_rect().bottomLeft()).y()
            if self._popup.y() > self._edit.mapToGlobal(QPoint(0, 0)).y():  # opened below (not flipped above)
                self._popup.move(self._popup.x(), top)
        return False

    @Slot(str)
    def _insert(self, word: str) -> None:
        edit = self._edit
        text, cursor = edit.text(), edit.cursorPosition()
        start, _typed = current_word(text, cursor)
        end = cursor
        while end < len(text) and not text[end].isspace() and text[end] != ")":
            end += 1  # the rest of the word being replaced
        edit.setText(text[:start] + word + text[end:])
        edit.setCursorPosition(start + len(word))
