"""Reading arrays and NDJSON in pieces gives exactly what one parse of the whole gives."""

from __future__ import annotations

import json
import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest

from viewer.reading.array_pieces import iter_array
from viewer.reading.exact_numbers import loads
from viewer.reading.ndjson_lines import iter_lines

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from make_export import make_profile  # noqa: E402


def tricky_profiles(n: int, seed: int = 0, reorder: bool = True) -> list[dict[str, Any]]:
    """Profiles whose insides are full of '},{': audience lists, lists of objects, strings."""
    rng = random.Random(seed)
    result = []
    for i in range(n):
        p = make_profile(rng, i)
        p["audienceMemberships"] = [{"id": a, "name": f"A{a}"} for a in range(rng.randrange(0, 5))]
        p["attributes"]["Orders"] = [{"id": k, "items": [{"sku": "x},{y", "qty": k}]} for k in range(3)]
        p["attributes"]["Note"] = rng.choice(['},{"id": 1}', "},{", "}, {", '"},{"', "\\},{", "plain"])
        p["attributes"]["Empty"] = [{}, {}, []]
        if reorder and i % 3 == 0:  # other key orders now and then
            p = dict(reversed(list(p.items())))
        result.append(p)
    return result


def exact(values: Any) -> Any:
    """What the standard library reads with exact decimals: the oracle for the viewer's exact numbers."""
    return json.loads(orjson.dumps(values), parse_float=Decimal)


def element_values(data: bytes, piece: Any) -> list[Any]:
    """The values a piece found, read from their spans (each span must hold exactly one value)."""
    return [loads(data[start:end]) for start, end in zip(piece.starts, piece.ends)]


def read_array(data: bytes, piece_bytes: int) -> tuple[list[Any], list[Any]]:
    values: list[Any] = []
    failures: list[Any] = []
    pieces = list(iter_array(data, data.index(b"["), piece_bytes))
    for piece in pieces:
        values.extend(element_values(data, piece))
        failures.extend(piece.failures)
    assert pieces[-1].done or pieces[-1].end >= len(data)
    return values, failures


@pytest.mark.parametrize("piece_bytes", [1, 16, 64, 200, 1 << 20])
@pytest.mark.parametrize("indent", [False, True], ids=["minified", "pretty"])
def test_iter_array_equals_one_parse(piece_bytes: int, indent: bool) -> None:
    data = orjson.dumps(tricky_profiles(40), option=orjson.OPT_INDENT_2 if indent else 0)
    values, failures = read_array(data, piece_bytes)
    assert failures == []
    assert values == json.loads(data, parse_float=Decimal)


def test_iter_array_cuts_many_pieces() -> None:
    data = orjson.dumps(tricky_profiles(30, reorder=False))
    pieces = list(iter_array(data, 0, piece_bytes=64))
    assert len(pieces) >= 10
    assert [v for p in pieces for v in element_values(data, p)] == json.loads(data, parse_float=Decimal)
    assert pieces[-1].end == len(data)


@pytest.mark.parametrize("piece_bytes", [8, 64])
def test_iter_array_of_scalars_and_mixed_values(piece_bytes: int) -> None:
    document = [1, "a},{b", {"x": [{"y": 1}, {"z": 2}]}, None, [{"a": 1}, {"b": 2}], {"k": "v"}, {}, True]
    data = json.dumps(document, indent=1).encode()
    values, failures = read_array(data, piece_bytes)
    assert failures == [] and values == document


@pytest.mark.parametrize("piece_bytes", [16, 64, 1 << 20])
def test_iter_array_keeps_big_integers(piece_bytes: int) -> None:
    big = 123456789012345678901234567890
    data = b'[{"id": 1, "v": %d}, {"id": 2, "v": [%d, -9223372036854775809]}, {"id": 3, "v": 1.5}]' % (big, big)
    values, _ = read_array(data, piece_bytes)
    assert values == [{"id": 1, "v": big}, {"id": 2, "v": [big, -9223372036854775809]}, {"id": 3, "v": 1.5}]
    assert type(values[0]["v"]) is int


def test_iter_array_empty_and_unclosed() -> None:
    assert [p.starts for p in iter_array(b"[ ]", 0)] == [[]]
    pieces = list(iter_array(b"[", 0))
    assert pieces[-1].failures and pieces[-1].failures[0].kind == "truncated"


@pytest.mark.parametrize("piece_bytes", [64, 1 << 20])
def test_iter_array_resumes_after_damage(piece_bytes: int) -> None:
    items = tricky_profiles(12, seed=2)
    parts = [orjson.dumps(p) for p in items]
    parts[5] = parts[5].replace(b'"sku":', b'"sku" ', 1)  # broken inside a nested list of objects
    data = b"[" + b",".join(parts) + b"]"
    values, failures = read_array(data, piece_bytes)
    assert values == exact(items[:5] + items[6:])
    [failure] = failures
    assert failure.kind == "syntax"
    assert data.index(b'"sku" ') < failure.offset < data.index(parts[6])


@pytest.mark.parametrize("piece_bytes", [16, 1 << 20])
def test_iter_array_truncated(piece_bytes: int) -> None:
    items = tricky_profiles(6, seed=3)
    data = orjson.dumps(items)
    cut = data[: data.index(orjson.dumps(items[4])) + 30]
    values, failures = read_array(cut, piece_bytes)
    assert values == exact(items[:4])
    assert [f.kind for f in failures] == ["truncated"]


def test_iter_lines_equals_one_parse_per_line() -> None:
    items = tricky_profiles(50, seed=4)
    data = b"\n".join(orjson.dumps(p) for p in items) + b"\n"
    for chunk_bytes in (1, 64, 500, 1 << 20):
        values: list[tuple[int, Any]] = []
        done = []
        for chunk in iter_lines(data, chunk_bytes):
            assert chunk.errors == []
            values.extend(zip(chunk.lines, (loads(data[s:e]) for s, e in zip(chunk.starts, chunk.ends))))
            done.append(chunk.upto)
        assert [v for _, v in values] == [json.loads(orjson.dumps(p), parse_float=Decimal) for p in items]
        assert [line for line, _ in values] == list(range(1, 51))
        assert done == sorted(done) and done[-1] == len(data)


def test_iter_lines_line_numbers_with_blank_and_bad_lines() -> None:
    data = b'{"a": 1}\r\n\r\n{"b": 2}\n{bad\n\n{"c": 123456789012345678901234567890}'
    for chunk_bytes in (1, 10, 1 << 20):
        values, errors = [], []
        for chunk in iter_lines(data, chunk_bytes):
            values.extend(zip(chunk.lines, (loads(data[s:e]) for s, e in zip(chunk.starts, chunk.ends))))
            errors.extend(chunk.errors)
        assert values == [(1, {"a": 1}), (3, {"b": 2}), (6, {"c": 123456789012345678901234567890})]
        assert [(line, column) for line, column, _ in errors] == [(4, 2)]


def test_loads_keeps_big_integers_and_plain_values() -> None:
    assert loads(b"[1, 2.5, 12345678901234567890123]") == [1, Decimal("2.5"), 12345678901234567890123]
    assert [n.text for n in loads(b"[1.10, 1E2, 1e400, 12345678901234567.89]")] == [
        "1.10", "1E2", "1e400", "12345678901234567.89"]
    assert loads(b'{"x": "0000000000000000000000"}') == {"x": "0000000000000000000000"}
    with pytest.raises(orjson.JSONDecodeError):
        loads(b"[NaN, 12345678901234567890123]")
