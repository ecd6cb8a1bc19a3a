"""The core (every package outside ``viewer.ui``, and the CLI) never imports Qt."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import viewer

ROOT = Path(__file__).resolve().parents[1]
# walk_packages descends into sub-packages (iter_modules would list only the top level).
CORE_MODULES = sorted(
    info.name for info in pkgutil.walk_packages(viewer.__path__, "viewer.")
    if not info.name.startswith(("viewer.ui", "viewer.app", "viewer.__main__"))
)

SCRIPT = r"""
import importlib, sys
for name in sys.argv[2:]:
    importlib.import_module(name)
import viewer
export = viewer.load(sys.argv[1])
assert len(export.profiles) == 2, export
assert export.profiles[1].created.year == 2021
qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
print("QT:", ",".join(qt))
"""


def test_importing_and_loading_imports_no_qt(tmp_path: Path) -> None:
    # Every core package is imported, sub-packages included (the walk must not miss them).
    assert {"viewer.cli", "viewer.reading.loader", "viewer.model.profile", "viewer.attributes.tree",
            "viewer.query.search_index", "viewer.desktop.entry"} <= set(CORE_MODULES)
    path = tmp_path / "two.json"
    path.write_text('[{"integrationId": "a", "created": "2020-01-01T00:00:00Z"},'
                    ' {"integrationId": "b", "created": "2021-01-01T00:00:00Z"}]')
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(path), *CORE_MODULES], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "QT: \n" in result.stdout  # nothing after the colon: no Qt module


def test_the_check_proves_something() -> None:
    """The same subprocess check does see Qt when a Qt module is imported."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    script = "import sys, PySide6.QtCore; print(any(m.startswith('PySide6') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "True"
