"""Exports whose composition the tests know, written to files and read with ``viewer.load``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import viewer


@pytest.fixture
def load_export(tmp_path: Path) -> Callable[..., viewer.Export]:
    """Write profiles (or raw bytes) to a file and read it as the viewer does."""
    counter = iter(range(1000))

    def load(content: list[dict[str, Any]] | bytes) -> viewer.Export:
        path = tmp_path / f"export-{next(counter)}.json"
        path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())  # big ints too
        return viewer.load(path)

    return load
