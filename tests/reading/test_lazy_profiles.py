"""The profiles of an array read a piece at a time, whose spans are measured only when a profile is needed.

Reading a piece's columns in one typed decode, and measuring its profiles' spans
later, gives exactly what measuring every piece first gives: each profile's
text, line, fields and problems; and a file changed before the spans were
measured never shows other text.
"""

from __future__ import annotations

import json
import os
import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import viewer
from viewer.model.profile import SourceChanged
from viewer.reading import array_pieces, intake, loader

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from make_export import make_profile  # noqa: E402

PIECE = 3000  # a few profiles a piece: most files here are a dozen pieces or more


def _profiles(count: int, seed: int = 5) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    found = [make_profile(rng, i) for i in range(count)]
    found[40]["created"] = "2021-03-04T05:06:07"  # no time zone: the full check says so
    found[41]["totalSales"] = "12"  # a string: the typed decode of its piece fails
    found[77] = dict(found[12])  # the same profile again
    found[90]["attributes"] = [1, 2]  # not an object
    return found


def _seen(export: viewer.Export) -> dict[str, Any]:
    """Everything a user sees: each profile's text, line and fields, and every problem."""
    profiles = [(p.source_text, p.line, p.id, p.integration_id, p.total_sales, p.attributes, p.raw)
                for p in export.profiles]
    problems = sorted(((p.path, p.message, p.line, p.column, p.profile_index) for p in export.problems), key=repr)
    return {"profiles": profiles, "problems": problems, "columns": export.profiles.columns.audiences}  # type: ignore


def _careful(monkeypatch: Any, path: Path) -> dict[str, Any]:
    """What reading the file gives when every piece's spans are measured first."""
    with monkeypatch.context() as careful:
        careful.setattr(intake.ProfileIntake, "typed_piece", lambda self, document: None)
        return _seen(viewer.load(path))


@pytest.mark.parametrize("indent", [None, 2], ids=["minified", "indented"])
def test_pieces_read_whole_give_what_measuring_every_span_gives(tmp_path: Path, monkeypatch: Any,
                                                                 indent: int | None) -> None:
    monkeypatch.setattr(array_pieces, "PIECE_BYTES", PIECE)
    monkeypatch.setattr(loader, "DUPLICATE_KEY_CHECK_LIMIT", 0)  # that look would measure every span at load
    data = json.dumps(_profiles(200), indent=indent, separators=None if indent else (",", ":"),
                      ensure_ascii=False).encode()
    path = tmp_path / "export.json"
    path.write_bytes(data)
    export = viewer.load(path)
    assert export.profiles._pending  # type: ignore[attr-defined]  # later pieces not measured yet
    seen = _seen(export)
    assert seen == _careful(monkeypatch, path)
    for index, (text, line, *_, raw) in enumerate(seen["profiles"]):
        _, start, end = export.profiles.span(index)  # type: ignore[attr-defined]
        assert text == data[start:end].decode()
        assert raw == json.loads(text, parse_float=Decimal)
        assert line == data[:start].count(b"\n") + 1
    messages = " ".join(message for _, message, *_ in seen["problems"])
    assert "time zone" in messages and "the same profile" in messages


def test_a_file_changed_before_its_spans_were_measured_never_shows_other_text(tmp_path: Path,
                                                                             monkeypatch: Any) -> None:
    monkeypatch.setattr(array_pieces, "PIECE_BYTES", PIECE)
    monkeypatch.setattr(loader, "DUPLICATE_KEY_CHECK_LIMIT", 0)
    data = json.dumps(_profiles(120)[:30] + _profiles(120, seed=6)[30:], ensure_ascii=False).encode()
    path = tmp_path / "export.json"
    path.write_bytes(data)
    export = viewer.load(path)
    expected = json.loads(data)[100]
    path.write_bytes(data.replace(b"URN", b"XYZ"))  # the same size, other text
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    profile = export.profiles[100]
    assert (profile.id, profile.integration_id) == (expected["id"], expected["integrationId"])  # the columns
    assert profile.attributes == {}  # not another profile's attributes from the new text
    with pytest.raises(SourceChanged):
        profile.source_text  # noqa: B018
    assert [p.integration_id for p in export.profiles][100] == expected["integrationId"]


def test_the_profile_holding_a_line_of_the_file_is_found(tmp_path) -> None:
    """A problem of the file with a line (a stray byte) leads to the profile whose text holds that line."""
    import json

    import viewer

    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps([{"id": n, "integrationId": f"c{n}", "attributes": {}} for n in range(5)],
                                 indent=2))
    lines = tmp_path / "lines.ndjson"
    lines.write_text("".join(json.dumps({"id": n, "integrationId": f"c{n}"}) + "\n" for n in range(5)))
    for path in (pretty, lines):
        export = viewer.load(str(path))
        profiles = export.profiles
        for profile in profiles:
            assert profiles.holding(str(path), profile.line, 1 if path is lines else 5) == profile.index
        last = len(path.read_text().splitlines())
        assert profiles.holding(str(path), last + 1, 1) is None  # past the last profile: the file's end
        assert profiles.holding("elsewhere.json", 2, 1) is None
        stray = viewer.Problem("file", "a stray byte", viewer.Severity.ERROR, line=profiles[3].line, column=3,
                               source=str(path))
        assert export.profile_of(stray) == 3
    assert export.profile_of(viewer.Problem("[1].id", "x", profile_index=1)) == 1


def test_a_profile_without_its_integration_id_keeps_its_own_text_and_line(tmp_path) -> None:
    import json

    import viewer

    path = tmp_path / "no_ids.json"
    path.write_text(json.dumps([{"id": 7, "totalSales": 1.10}, {"id": 8}], indent=2).replace("1.1", "1.10"))
    export = viewer.load(str(path))
    second = export.profiles[1]
    assert (second.line, second.source_text) == (6, '{\n    "id": 8\n  }')
    assert export.profiles[0].source_text.count("1.10") == 1  # the file's digits, not a re-serialisation
    missing = next(p for p in export.problems if p.profile_index == 1 and p.path.endswith("integrationId"))
    assert missing.line == 6
