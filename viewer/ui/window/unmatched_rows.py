"""The integration IDs of a CSV export's rows that name no profile of the export, listed in a dialog.

The loader reports such rows with one problem per file (``companion_join``);
activating that problem in the Problems tab opens ``unmatchedRowsDialog``: the
file, its kind and every such ID, one a line, with a button that copies them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

import viewer
from viewer.model.companions import KIND_LABELS, CompanionFile, Companions

# the wording that tells the problem from the file's other file-level ones (rows without an ID, notes on dates)
_UNMATCHED_WORDING = " not in this export ("


def unmatched_file(problem: viewer.Problem, companions: Companions) -> CompanionFile | None:
    """The companion file whose unmatched rows ``problem`` reports, or ``None`` when it reports something else."""
    if problem.profile_index is not None or problem.line is not None or problem.source is None:
        return None
    if _UNMATCHED_WORDING not in problem.message:
        return None
    for file in companions.files:
        if file.unmatched and file.path == problem.source and problem.path == file.name:
            return file
    return None


def unmatched_text(file: CompanionFile) -> str:
    """The unmatched integration IDs of ``file``, one a line (what Copy all copies)."""
    return "\n".join(file.unmatched)


class UnmatchedRowsDialog(QDialog):
    """The file, its kind and its unmatched integration IDs in a read-only plain-text list."""

    def __init__(self, file: CompanionFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unmatchedRowsDialog")
        self.setWindowTitle(f"Rows naming no profile - {file.name}")
        self.file = file
        count = len(file.unmatched)
        layout = QVBoxLayout(self)
        heading = QLabel(f"{file.name} ({KIND_LABELS[file.kind]}): {count:,} integration "
                         f"ID{'s' if count != 1 else ''} name no profile in this export", self)
        heading.setObjectName("unmatchedRowsHeading")
        heading.setTextFormat(Qt.TextFormat.PlainText)  # file names are not markup
        heading.setToolTip(file.path)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.list = QPlainTextEdit(self)
        self.list.setObjectName("unmatchedRowsList")
        self.list.setReadOnly(True)
        self.list.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.list.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.list.setPlainText(unmatched_text(file))
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton("Copy all", self)
        self.copy_button.setObjectName("unmatchedRowsCopy")
        self.copy_button.setAutoDefault(False)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_all)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 480)

    def copy_all(self) -> None:
        """Put every unmatched integration ID on the clipboard, one a line."""
        QGuiApplication.clipboard().setText(unmatched_text(self.file))


def show_unmatched_rows(parent: QWidget, problem: viewer.Problem, companions: Companions) -> bool:
    """Open the dialog when ``problem`` reports unmatched rows of a file of ``companions``; ``False`` otherwise."""
    file = unmatched_file(problem, companions)
    if file is None:
        return False
    dialog = UnmatchedRowsDialog(file, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return True
