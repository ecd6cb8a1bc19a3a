"""Help > Keyboard Shortcuts and Help > Search Syntax.

The shortcuts are read from the actions themselves (the window's and the
attribute view's), so the list cannot go stale; the search syntax is the query
language block of ``viewer.query.language``'s docstring, with examples
that find profiles in the bundled sample export. Everything is plain text.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.query import language

# (query, what it finds in resources/sample-customers.json); tests run each on the sample
SEARCH_EXAMPLES = (
    ("ada", "profiles with “ada” anywhere: a name, an ID, an attribute value"),
    ('"de vries"', "a phrase with a space in it"),
    ("ShippingCountry:de", "an attribute: ShippingCountry contains “de” (also inside an object)"),
    ("Address.City:berlin", "inside an object attribute: Address › City"),
    ("audience:travel", "members of the “Travel audience”"),
    ("live ShippingCountry:se", "terms are AND-ed: live profiles shipping to SE"),
    ("sandbox", "the sandbox environment (also live, unknown, env:sandbox)"),
    ("totalSales>500", "spent more than 500 (exact: also >= < <= =)"),
    ("totalSales:100..500", "a range, both ends included"),
    ("ChurnRisk>=0.5", "an attribute compared as a number"),
    ("LoyaltyTier=gold OR LoyaltyTier=platinum", "the whole value, either one"),
    ("created>=2024-01-01", "created in 2024 or later (also 2024, 2023-06, timestamps)"),
    ("lastActivity<2024-01", "not active since 2023 (lastActivity<90d: not for 90 days)"),
    ("-has:LoyaltyTier", "no LoyaltyTier attribute (has: finds those with one)"),
    ("audience:beta -audience:churn", "in one audience but not in the other"),
)


def action_label(action: QAction) -> str:
    """An action's menu text without its mnemonic ``&`` and trailing ``…``."""
    return action.text().replace("&&", "\x00").replace("&", "").replace("\x00", "&").rstrip("…").strip()


def shortcut_rows(groups: Iterable[tuple[str, Iterable[QAction]]]) -> list[tuple[str, str, str]]:
    """(where, command, keys) for every action with a shortcut, in the order given, each once."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    for where, actions in groups:
        for action in actions:
            keys = [k for k in action.shortcuts() if not k.isEmpty()]
            if not keys or id(action) in seen:
                continue
            seen.add(id(action))
            text = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
            rows.append((where, action_label(action), text))
    return rows


def _dialog(parent: QWidget, title: str, name: str) -> tuple[QDialog, QVBoxLayout]:
    dialog = QDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    layout = QVBoxLayout(dialog)
    return dialog, layout


def _finish(dialog: QDialog, layout: QVBoxLayout) -> QDialog:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.setObjectName("helpDialogButtons")
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.open()
    return dialog


# Keys that widgets handle themselves (no action carries them), listed after the actions' shortcuts.
KEYS_WITHOUT_ACTIONS = (
    ("Search boxes", "Clear the search or the filter (with suggestions open: close them)", "Esc"),
    ("Profile search", "Go to the profiles found; Esc there comes back", "Return"),
    ("Profile list", "First / last profile", "Home / End"),
    ("Profile list", "The row's menu: copy the ID, the row, the JSON", "Menu key or right-click"),
)


def show_shortcuts(parent: QWidget, groups: Iterable[tuple[str, Iterable[QAction]]]) -> QDialog:
    """The Keyboard Shortcuts dialog (``shortcutsDialog``) with a table (``shortcutsTable``)."""
    rows = shortcut_rows(groups) + list(KEYS_WITHOUT_ACTIONS)
    dialog, layout = _dialog(parent, "Keyboard Shortcuts", "shortcutsDialog")
    table = QTableWidget(len(rows), 3, dialog)
    table.setObjectName("shortcutsTable")
    table.setHorizontalHeaderLabels(["Where", "Command", "Shortcut"])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))  # item text is never markup
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    layout.addWidget(table)
    rows_height = sum(table.rowHeight(r) for r in range(len(rows)))
    dialog.resize(max(460, table.horizontalHeader().length() + 60), min(640, rows_height + header.height() + 90))
    return _finish(dialog, layout)


def search_syntax_text() -> str:
    """The query language, as ``viewer.query.language`` documents it, then examples."""
    doc = language.__doc__ or ""
    lines = doc.split("::", 1)[1].split("\n\n")[1] if "::" in doc else doc
    syntax = "\n".join(line[4:] if line.startswith("    ") else line for line in lines.splitlines())
    width = max(len(query) for query, _ in SEARCH_EXAMPLES) + 2
    examples = "\n".join(f"{query.ljust(width)}{what}" for query, what in SEARCH_EXAMPLES)
    return (
        "Type in the search box above the profile list (Ctrl+L). Terms are AND-ed, case does not matter.\n\n"
        f"{syntax}\n\nExamples (try them on File > Open Sample Export):\n\n{examples}\n"
    )


def show_search_syntax(parent: QWidget) -> QDialog:
    """The Search Syntax dialog (``searchSyntaxDialog``), its text in ``searchSyntaxText``."""
    dialog, layout = _dialog(parent, "Search Syntax", "searchSyntaxDialog")
    intro = QLabel("How to search the profiles:", dialog)
    intro.setTextFormat(Qt.TextFormat.PlainText)
    layout.addWidget(intro)
    text = QPlainTextEdit(dialog)
    text.setObjectName("searchSyntaxText")
    text.setReadOnly(True)
    text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    text.setPlainText(search_syntax_text())
    layout.addWidget(text)
    metrics = text.fontMetrics()
    widest = max(metrics.horizontalAdvance(line) for line in text.toPlainText().splitlines())
    frame = 2 * text.frameWidth() + text.verticalScrollBar().sizeHint().width() + 2 * text.document().documentMargin()
    dialog.resize(int(widest + frame) + 2 * layout.contentsMargins().left(), metrics.lineSpacing() * 26)
    return _finish(dialog, layout)
