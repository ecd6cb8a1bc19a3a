"""Render resources/audience-viewer.svg to the PNG sizes committed in resources/icons/.

Run after editing the SVG: ``python tests/tools/render_icons.py``. Uses QtSvg
(part of PySide6-Essentials) so the PNGs look exactly like Qt draws the SVG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

SIZES = (16, 32, 48, 64, 128, 256)
RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def render(svg: Path, size: int) -> QImage:
    """Draw the SVG into a transparent square image of ``size`` pixels."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    """Write resources/icons/audience-viewer-<size>.png for every size."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts, paint engine)
    svg = RESOURCES / "audience-viewer.svg"
    out = RESOURCES / "icons"
    out.mkdir(exist_ok=True)
    for size in SIZES:
        target = out / f"audience-viewer-{size}.png"
        if not render(svg, size).save(str(target)):
            raise SystemExit(f"could not write {target}")
        print(target.relative_to(RESOURCES.parent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
