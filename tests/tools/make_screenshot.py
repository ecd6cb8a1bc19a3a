"""Render the README's screenshot: the window with the bundled sample export.

    python tests/tools/make_screenshot.py [OUT.png]

Runs offscreen with throw-away settings; the default output is
resources/docs/screenshot.png (not shipped in the wheel).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["AUDIENCE_VIEWER_SETTINGS"] = os.path.join(tempfile.mkdtemp(), "settings.ini")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from viewer.desktop.resources import sample_companion_paths, sample_export_path  # noqa: E402
from viewer.ui.window.main_window import MainWindow  # noqa: E402

PROFILE = 3  # a customer with audiences, a nested address and tags


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "docs" / "screenshot.png"
    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1280, 760)
    window.show()
    loop = QEventLoop()
    window.indexBuilt.connect(loop.quit)
    QTimer.singleShot(20_000, loop.quit)
    window.open_files([str(sample_export_path()), *map(str, sample_companion_paths())])
    loop.exec()
    window.select_profile(PROFILE)
    window.details.attribute_view.expand_all()
    for _ in range(5):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
