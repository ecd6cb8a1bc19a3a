"""Every desktop test runs against a temporary home: no real menu entry, icon or mimeapps.list is touched."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def xdg(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME and every XDG folder point into an empty temporary tree (the system folders too)."""
    root = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("HOME", str(root / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(root / "home/.local/share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / "home/.config"))
    monkeypatch.setenv("XDG_DATA_DIRS", str(root / "system/share"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(root / "system/etc/xdg"))
    monkeypatch.delenv("XDG_CURRENT_DESKTOP", raising=False)
    return root
