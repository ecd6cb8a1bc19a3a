"""Find the files of ``resources/`` (icon, .desktop file, MIME types, sample export). Qt-free.

``resources/`` sits at the top of the repository and ships inside the wheel as
the ``viewer.resources`` package (see pyproject.toml), so the same file is found
in an installed viewer, an editable install, and a plain source checkout.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

APP_ID = "one.talon.AudienceViewer"
"""Reverse-DNS application id: the .desktop file's name and the icon's theme name."""

ICON_SIZES: tuple[int, ...] = (16, 32, 48, 64, 128, 256)
"""Pixel sizes of the PNG renderings in ``resources/icons/``."""

SAMPLE_EXPORT = "sample-customers.json"
SAMPLE_COMPANIONS: tuple[str, ...] = ("sample-sessions.csv", "sample-balances.csv", "sample-tiers.csv",
                                      "sample-members.csv")
ICON_SVG = "audience-viewer.svg"
DESKTOP_FILE = f"{APP_ID}.desktop"
MIME_INFO_FILE = f"{APP_ID}.xml"


@lru_cache(maxsize=1)
def _resource_dirs() -> tuple[Path, ...]:
    """Directories that may hold the resources, most specific first."""
    dirs: list[Path] = []
    try:
        spec = importlib.util.find_spec("viewer.resources")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        # Without an __init__.py the package is a namespace package: it may span
        # several directories (an editable install maps it onto the checkout).
        dirs.extend(Path(location) for location in spec.submodule_search_locations)
    dirs.append(Path(__file__).resolve().parents[2] / "resources")  # source checkout
    return tuple(dict.fromkeys(dirs))


def resource_path(name: str) -> Path:
    """Return the path of ``name`` (e.g. ``"icons/audience-viewer-32.png"``) in resources/.

    Raises ``FileNotFoundError`` naming every place looked at when it is not there.
    """
    for directory in _resource_dirs():
        candidate = directory / name
        if candidate.exists():
            return candidate
    looked = ", ".join(str(d) for d in _resource_dirs())
    raise FileNotFoundError(f"resource {name!r} not found (looked in {looked})")


def sample_export_path() -> Path:
    """The bundled sample export (a saved list page of a few dozen profiles)."""
    return resource_path(SAMPLE_EXPORT)


def sample_companion_paths() -> list[Path]:
    """The CSV files shipped beside the sample (sessions, loyalty balances and tiers, members); missing ones are left out."""
    paths: list[Path] = []
    for name in SAMPLE_COMPANIONS:
        try:
            paths.append(resource_path(name))
        except FileNotFoundError:
            continue
    return paths


def icon_path(size: int | None = None) -> Path:
    """The application icon: the SVG for ``None``, else the PNG of that pixel size.

    Raises ``ValueError`` for a size that is not shipped (see ``ICON_SIZES``).
    """
    if size is None:
        return resource_path(ICON_SVG)
    if size not in ICON_SIZES:
        raise ValueError(f"no {size} px icon; sizes: {', '.join(map(str, ICON_SIZES))}")
    return resource_path(f"icons/audience-viewer-{size}.png")


def desktop_file_path() -> Path:
    """The freedesktop .desktop template (its Exec line names ``audience-viewer``)."""
    return resource_path(DESKTOP_FILE)


def mime_info_path() -> Path:
    """The shared-mime-info package defining ``application/x-ndjson`` (``*.ndjson``, ``*.jsonl``)."""
    return resource_path(MIME_INFO_FILE)
