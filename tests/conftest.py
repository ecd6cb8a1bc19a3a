"""Test set-up shared by every test: no screen, no user settings touched."""

from __future__ import annotations

import os
import tempfile
import time

import pytest

# CI has no display: Qt must render offscreen. Set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
# A test that forgets to point settings elsewhere must still never write the
# user's real recent files or window layout.
os.environ["AUDIENCE_VIEWER_SETTINGS"] = os.path.join(tempfile.mkdtemp(prefix="av-tests-"), "settings.ini")


@pytest.fixture(autouse=True)
def _fresh_settings(tmp_path, monkeypatch):
    """Each test starts with empty settings of its own."""
    monkeypatch.setenv("AUDIENCE_VIEWER_SETTINGS", str(tmp_path / "settings.ini"))
    yield


@pytest.fixture(params=["ICT-7", "PST8"], ids=["east of UTC", "west of UTC"])
def local_zone(request, monkeypatch):
    """The user's clock 7 hours ahead of UTC, or 8 behind (POSIX zones: no tz database needed)."""
    if not hasattr(time, "tzset"):
        pytest.skip("the time zone can only be switched where time.tzset exists")
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()
