"""What ships in resources/: icon, .desktop file and the sample export. Qt-free."""

from __future__ import annotations

import configparser
import fnmatch
import json
import re
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

import viewer
from viewer.desktop.resources import (
    APP_ID,
    ICON_SIZES,
    desktop_file_path,
    icon_path,
    mime_info_path,
    resource_path,
    sample_export_path,
)

REPO = Path(__file__).resolve().parents[2]
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def test_resources_is_not_a_regular_package() -> None:
    # pyproject.toml maps resources/ onto viewer.resources; an __init__.py is not needed.
    assert not (REPO / "resources" / "__init__.py").exists()


def test_lookup_errors_name_the_problem() -> None:
    with pytest.raises(FileNotFoundError, match="no-such-file"):
        resource_path("no-such-file")
    with pytest.raises(ValueError, match="16, 32"):
        icon_path(20)


@pytest.mark.parametrize("size", ICON_SIZES)
def test_png_icons_have_their_size(size: int) -> None:
    data = icon_path(size).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (size, size)  # IHDR width, height


def test_svg_icon_is_square_svg() -> None:
    root = ET.parse(icon_path()).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, width, height = map(float, root.get("viewBox").split())
    assert width == height


def test_desktop_file() -> None:
    path = desktop_file_path()
    assert path.name == f"{APP_ID}.desktop" == "one.talon.AudienceViewer.desktop"
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Audience Viewer"
    assert entry["Exec"] == "audience-viewer %F"
    assert entry["Icon"] == APP_ID
    assert entry["MimeType"] == "application/json;application/x-ndjson;application/gzip;"
    assert entry["Categories"].endswith(";") and entry["Terminal"] == "false"


def test_mime_info_defines_ndjson() -> None:
    path = mime_info_path()
    assert path.name == f"{APP_ID}.xml"
    root = ET.parse(path).getroot()
    assert root.tag == f"{MIME_NS}mime-info"
    (mime_type,) = root.findall(f"{MIME_NS}mime-type")
    assert mime_type.get("type") == "application/x-ndjson"
    assert {glob.get("pattern") for glob in mime_type.iter(f"{MIME_NS}glob")} == {"*.ndjson", "*.jsonl"}
    assert mime_type.find(f"{MIME_NS}comment") is not None


def test_every_resource_the_code_names_ships_in_the_wheel() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["viewer.resources"]
    names = [desktop_file_path(), mime_info_path(), icon_path(), icon_path(48), sample_export_path()]
    for path in names:
        relative = path.relative_to(REPO / "resources").as_posix()
        assert any(fnmatch.fnmatch(relative, pattern) and relative.count("/") == pattern.count("/")
                   for pattern in patterns), relative


def test_sample_is_reproducible() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "tests/tools/make_sample.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_sample_is_a_realistic_page() -> None:
    page = json.loads(sample_export_path().read_text(encoding="utf-8"))
    assert set(page) == {"data", "hasMore", "totalResultSize"}
    assert page["hasMore"] is False and page["totalResultSize"] == len(page["data"]) >= 30
    text = sample_export_path().read_text(encoding="utf-8")
    fractions = Counter(len(m) for m in re.findall(r'T\d\d:\d\d:\d\d(?:\.(\d+))?(?:Z|[+-]\d\d:\d\d)"', text))
    assert {0, 6, 7} <= set(fractions)
    assert '+00:00"' in text


def test_sample_loads_with_exactly_one_problem_profile() -> None:
    export = viewer.load(sample_export_path())
    page = json.loads(sample_export_path().read_text(encoding="utf-8"))
    assert export.shape == "page"
    assert len(export.profiles) == len(page["data"])
    assert {p.environment for p in export.profiles} == {"live", "sandbox", "unknown"}
    audiences = {m.name for p in export.profiles for m in p.audience_memberships}
    assert 4 <= len(audiences) <= 6
    assert sum(1 for p in export.profiles if p.loyalty_memberships) == 1
    assert any(p.raw.get("advocateIntegrationId") for p in export.profiles)
    assert {problem.profile_index for problem in export.problems} == {20}
    assert {problem.path for problem in export.problems} == {"data[20].totalSales", "data[20].lastActivity"}
