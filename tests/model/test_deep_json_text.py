"""JSON text of values nested deeper than the recursion limit: exact, and of sensible size."""

from __future__ import annotations

import json
from typing import Any

from viewer.model.json_text import PRETTY_LEVELS, _dumps_iterative, dumps, json_text, nested_deeper_than

DEPTH = 100_000


def deep(levels: int, leaf: Any = 1) -> Any:
    value = leaf
    for _ in range(levels):
        value = {"a": value}
    return value


def test_json_text_renders_100000_levels_compact_and_pretty():
    value = deep(DEPTH)
    compact = '{"a":' * DEPTH + "1" + "}" * DEPTH
    assert json_text(value) == compact
    assert dumps(value, None) == compact
    pretty = json_text(value, indent=True)
    assert pretty == dumps(value, 2)
    lines = pretty.split("\n")
    # the first levels are indented as usual, the deeper ones follow on one line
    assert lines[:3] == ["{", '  "a": {', '    "a": {']
    assert len(lines) == 2 * PRETTY_LEVELS + 1
    assert len(pretty) < 1_000_000  # full indentation would be 20 GB of spaces


def test_pretty_text_matches_the_json_module_within_the_pretty_levels():
    value = deep(PRETTY_LEVELS - 2, [1, {"b": None, "c": "\u00e9", "d": 2**80}])
    assert _dumps_iterative(value, 2) == json.dumps(value, indent=2, ensure_ascii=False)
    assert _dumps_iterative(value, None) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_big_integers_stay_exact_deep_down():
    value = deep(5_000, 10**30)
    assert json_text(value).count(str(10**30)) == 1
    assert dumps(value, None).endswith(str(10**30) + "}" * 5_000)


def test_nested_deeper_than_counts_levels_without_recursion():
    assert not nested_deeper_than(5, 0)
    assert not nested_deeper_than({}, 1)
    assert nested_deeper_than({}, 0)
    assert not nested_deeper_than({"a": [1, {}]}, 3)
    assert nested_deeper_than({"a": [1, {}]}, 2)
    assert nested_deeper_than(deep(DEPTH), 500)
