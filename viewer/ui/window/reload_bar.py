"""The bar that offers to reload when the open file changed on disk."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStyle, QWidget

from viewer.ui.widgets.notice_bar import NoticeBar


class ReloadBar(NoticeBar):
    """A non-modal bar (``reloadBar``): "x.json has changed on disk. [Reload] [Dismiss]".

    It never interrupts: reading on stays possible, and F5 reloads whether or
    not it shows. ``reloadRequested`` comes from its Reload button (``reloadButton``).
    """

    reloadRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("reloadBar", QStyle.StandardPixmap.SP_MessageBoxInformation, parent)
        self.reload_button = self.add_button("Reload", "reloadButton",
                                             "Read the file again (F5); the selected profile stays selected")
        self.reload_button.clicked.connect(self.reloadRequested)

    def offer(self, name: str, *, gone: bool = False) -> None:
        """Say that ``name`` changed (or disappeared: nothing to reload then) and show the bar."""
        if gone:
            self.message.setText(f"{name} is no longer on disk. You are looking at the last version read.")
        else:
            self.message.setText(f"{name} has changed on disk. Reload to see the new version.")
        self.reload_button.setVisible(not gone)
        self.show()
