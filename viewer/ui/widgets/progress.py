"""The progress dialog of one piece of slow work: shown after 0.3 s, with Cancel, closed by its owner."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QProgressDialog, QWidget


def open_progress(parent: QWidget, text: str, title: str, name: str, maximum: int,
                  cancel: Callable[[], None]) -> QProgressDialog:
    """A progress dialog (objectName ``name``) whose Cancel calls ``cancel``; it stays until ``close_progress``."""
    dialog = QProgressDialog(text, "Cancel", 0, max(maximum, 1), parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)  # quick work never flashes a dialog
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(cancel)
    dialog.setValue(0)
    return dialog


def close_progress(dialog: QProgressDialog | None, cancel: Callable[[], None]) -> None:
    """Close a dialog from ``open_progress`` (closing is not cancelling: ``cancel`` is let go first)."""
    if dialog is not None:
        dialog.canceled.disconnect(cancel)
        dialog.close()
        dialog.deleteLater()
