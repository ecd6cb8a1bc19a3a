"""The application icon as a QIcon, crisp at every size and device pixel ratio."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from viewer.desktop.resources import ICON_SIZES, icon_path

_icon: QIcon | None = None


def application_icon() -> QIcon:
    """The viewer's icon: hand-rendered PNGs for the small sizes, the SVG beyond them."""
    global _icon
    if _icon is None:
        icon = QIcon()
        for size in ICON_SIZES:
            icon.addFile(str(icon_path(size)))
        icon.addFile(str(icon_path()))  # scalable: 512 px and high-DPI large sizes
        _icon = icon
    return _icon
