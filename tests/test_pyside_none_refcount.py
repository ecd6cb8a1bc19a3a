"""Regression: PySide6 6.12.0 on CPython 3.11 leaks a reference to None per void call and aborts.

The interpreter dies with ``Fatal Python error: none_dealloc`` after some
thousands of calls that return nothing. The installed PySide6 must survive
100,000 of them, and the packaging metadata must keep 6.12.0 away from 3.11.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import sys
from PySide6.QtCore import QObject
from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import QApplication
app = QApplication([])
item = QStandardItem()
obj = QObject()
before = sys.getrefcount(None)
for i in range(50_000):
    item.setText("x")
    obj.setObjectName("y")
after = sys.getrefcount(None)
print("drift", before - after)
"""


def test_100000_void_calls_survive() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "none_dealloc" not in result.stderr
    if sys.version_info < (3, 12):  # None is immortal from 3.12 on: its count says nothing there
        drift = int(result.stdout.split("drift")[1])
        assert drift < 1000  # an affected build loses one reference per call: 100,000


def _pyside_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [r for r in project["dependencies"] if r.replace("_", "-").lower().startswith("pyside6-essentials")]


def test_python_311_never_gets_pyside_6_12_0() -> None:
    requirements = _pyside_requirements()
    assert requirements
    packaging = pytest.importorskip("packaging.requirements")
    from packaging.version import Version

    for python, must_exclude in (("3.11", True), ("3.12", False), ("3.13", False)):
        environment = {"python_version": python, "python_full_version": python + ".0"}
        applying = [packaging.Requirement(r) for r in requirements]
        applying = [r for r in applying if r.marker is None or r.marker.evaluate(environment)]
        assert applying, f"no PySide6 requirement applies on Python {python}"
        allows = all(r.specifier.contains(Version("6.12.0"), prereleases=True) for r in applying)
        assert allows is not must_exclude, (python, [str(r) for r in applying])
        assert all(r.specifier.contains(Version("6.11.3")) for r in applying)


def test_marker_text_caps_311() -> None:
    """The same promise without the packaging library: a 3.11-only line with an upper bound."""
    capped = [r for r in _pyside_requirements() if "python_version < '3.12'" in r.replace('"', "'")]
    assert capped and ("<6.12" in capped[0].replace(" ", "") or "!=6.12.0" in capped[0].replace(" ", ""))
