"""The package layout's import rules and the type checks hold (they run with the suite).

The contracts live in pyproject.toml (``[tool.importlinter]``); the core is
type-checked with ``mypy --strict``, the Qt layer with mypy's default settings.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ["viewer/__init__.py", "viewer/cli", "viewer/model", "viewer/reading", "viewer/query",
        "viewer/attributes", "viewer/desktop", "viewer/writing", "viewer/insights", "viewer/compare"]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_import_contracts_are_kept() -> None:
    done = _run("-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_the_contracts_catch_a_broken_rule(tmp_path: Path) -> None:
    """The same check fails when the core imports Qt (so a pass above means something)."""
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    bad = tmp_path / "contracts.toml"
    bad.write_text(config.replace('"viewer.cli",\n]', '"viewer.cli",\n    "viewer.app",\n]', 1), encoding="utf-8")
    assert bad.read_text(encoding="utf-8") != config
    done = _run("-c", "import sys; from importlinter.cli import lint_imports_command; "
                      f"sys.exit(lint_imports_command([{str(bad)!r}, '--no-cache']))")
    assert done.returncode != 0 and "BROKEN" in done.stdout


def test_core_passes_mypy_strict() -> None:
    done = _run("-m", "mypy", "--strict", *CORE)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]


def test_qt_layer_passes_mypy() -> None:
    done = _run("-m", "mypy", "viewer/ui", "viewer/app.py", "viewer/__main__.py")
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
