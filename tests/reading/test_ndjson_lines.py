"""NDJSON chunks decoded in one typed call give exactly what checking every line on its own gives.

Lines that hold two values, values over two lines, blank lines, CRLF line
ends and odd profiles are each read and reported as before, with their lines.
"""

from __future__ import annotations

import json
import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest

import viewer
from viewer.reading import intake, loader, ndjson_lines

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from make_export import make_profile  # noqa: E402


def _lines(count: int) -> list[bytes]:
    rng = random.Random(9)
    return [orjson.dumps(make_profile(rng, i)) for i in range(count)]


def _seen(export: viewer.Export) -> dict[str, Any]:
    profiles = [(p.source_text, p.line, p.id, p.integration_id, p.total_sales, p.attributes, p.raw)
                for p in export.profiles]
    problems = sorted(((p.path, p.message, p.line, p.column, p.profile_index) for p in export.problems), key=repr)
    return {"profiles": profiles, "problems": problems}


def _careful(monkeypatch: Any, path: Path) -> dict[str, Any]:
    with monkeypatch.context() as careful:
        careful.setattr(intake.ProfileIntake, "typed_lines", lambda self, lines: None)
        return _seen(viewer.load(path))


def _odd(lines: list[bytes], end: bytes) -> list[bytes]:
    lines = list(lines)
    lines[10] = lines[10] + b" " + lines[11]  # two profiles on one line
    lines[20] = lines[20].replace(b',"accountId"', b"," + end + b'"accountId"')  # one profile over two lines
    lines[30] = lines[30].replace(b'"2', b'"x2', 1)  # an odd time: the full check says so
    lines[40] = lines[5]  # the same profile again
    lines[50] = b""  # a blank line
    lines[60] = b"  " + lines[60]  # space before a value
    return lines


@pytest.mark.parametrize("end", [b"\n", b"\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("odd", [False, True], ids=["plain", "odd lines"])
def test_one_typed_decode_a_chunk_reads_what_checking_each_line_reads(tmp_path: Path, monkeypatch: Any,
                                                                      end: bytes, odd: bool) -> None:
    monkeypatch.setattr(ndjson_lines, "CHUNK_BYTES", 4000)  # a few profiles a chunk
    monkeypatch.setattr(loader, "PREVIEW_FROM_BYTES", 1 << 40)
    lines = _lines(120)
    data = end.join(_odd(lines, end) if odd else lines) + end
    path = tmp_path / "export.ndjson"
    path.write_bytes(data)
    calls: list[int] = []
    typed = intake.ProfileIntake.typed_lines
    monkeypatch.setattr(intake.ProfileIntake, "typed_lines",
                        lambda self, view: calls.append(1) or typed(self, view))  # type: ignore[func-returns-value]
    seen = _seen(viewer.load(path))
    assert calls  # the one-call decode was tried
    assert seen == _careful(monkeypatch, path)
    texts = data.decode().split(end.decode())
    for text, line, *_, raw in seen["profiles"]:
        assert text == texts[line - 1].rstrip()  # a line's text from its start, without the "\r"
        assert raw == json.loads(text, parse_float=Decimal)
    if odd:
        lines_reported = {line for _, _, line, _, _ in seen["problems"]}
        assert {11, 21, 22, 32} <= lines_reported  # two on a line, over two lines, the odd time (one line on)
        assert any("the same profile" in message for _, message, *_ in seen["problems"])
