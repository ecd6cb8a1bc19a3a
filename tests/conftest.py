"""Test set-up shared by every test: no screen, no user settings touched."""

from __future__ import annotations

import os

# CI has no display: Qt must render offscreen. Set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
