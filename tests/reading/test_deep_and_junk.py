"""Hostile shapes of data: values nested 100,000 deep, millions of junk elements."""

from __future__ import annotations

import tracemalloc
from typing import Any

import pytest

import viewer
from viewer.model.problems import Problem, ProblemCollector, Severity
from viewer.reading import shapes

DEPTH = 100_000


def profile_text(n: int, attributes: str = "{}") -> str:
    """A complete wire-format profile (no problems of its own) with ``attributes`` as given."""
    return (f'{{"id": {n}, "created": "2021-03-04T05:06:07Z", "integrationId": "URN{n}", '
            f'"attributes": {attributes}, "accountId": 1, "closedSessions": 0, "totalSales": 1.0, '
            '"loyaltyMemberships": null, "audienceMemberships": [], "lastActivity": "2024-01-02T03:04:05Z", '
            '"sandbox": false, "connectedApplicationsIds": [], "connectedAudiences": []}')


def deep_text(levels: int, leaf: str = '"needle"') -> str:
    return '{"a":' * levels + leaf + "}" * levels


def test_a_profile_nested_100000_deep_in_a_list_is_skipped_and_said_so():
    text = "[" + ",".join([profile_text(0), profile_text(1, deep_text(DEPTH)), profile_text(2)]) + "]"
    export = viewer.load(text.encode())
    assert [p.integration_id for p in export.profiles] == ["URN0", "URN2"]
    [problem] = export.problems
    assert problem.severity is Severity.ERROR
    assert "nested more than 1024 levels deep" in problem.message
    assert "profile 2 of the file (the one after integration ID URN0) was skipped" in problem.message


def test_a_single_profile_nested_100000_deep_is_a_load_error():
    with pytest.raises(viewer.LoadError, match="nested more than 1024 levels deep"):
        viewer.load(profile_text(1, deep_text(DEPTH)).encode())


def test_a_profile_1000_levels_deep_is_read_whole():
    export = viewer.load(("[" + profile_text(1, '{"Deep": ' + deep_text(1000) + "}") + "]").encode())
    node: Any = export.profiles[0].attributes["Deep"]
    for _ in range(1000):
        node = node["a"]
    assert node == "needle" and not export.problems


def test_pages_inside_pages_100000_deep_are_walked_without_recursion():
    value: Any = {"integrationId": "inner"}
    for _ in range(DEPTH - 1):
        value = {"data": [value]}
    value = {"data": [value, 7, {"customerProfile": {"integrationId": "outer"}}]}
    found = list(shapes.profiles_in(value, ""))
    assert found == [
        ({"integrationId": "inner"}, "data[0]" + ".data[0]" * (DEPTH - 1), None),
        (None, "data[1]", "not a customer profile (the number 7)"),
        ({"integrationId": "outer"}, "data[2].customerProfile", None),
    ]
    assert list(shapes.profiles_in({"data": [{"data": [1]}]}, "[4]")) == [
        (None, "[4].data[0].data[0]", "not a customer profile (the number 1)")]


def junk_file(count: int) -> bytes:
    return ("[" + profile_text(1) + "," + "1," * (count - 1) + "1]").encode()


def test_200000_junk_elements_give_a_bounded_list_of_problems_and_bounded_memory():
    data = junk_file(200_000)
    tracemalloc.start()
    try:
        export = viewer.load(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(export.profiles) == 1
    assert len(export.problems) <= 110
    kept = [p for p in export.problems if "not a customer profile" in p.message]
    assert len(kept) == 100 and kept[0].path == "[1]" and kept[-1].path == "[100]"
    summary = export.problems[-1]
    assert summary.message == "… and 199,900 more like this (the last at [200000])"
    assert summary.severity is Severity.WARNING
    # measured: 6.8 MB; storing every problem peaked at 51 MB
    assert peak < 20_000_000


def test_collector_keeps_the_first_of_each_kind_with_their_place_and_counts_the_rest():
    problems = ProblemCollector(keep=3)
    for i in range(10):
        problems.append(Problem(f"[{i}]", f"line {i + 1}, column 2: not a customer profile (the number {i})",
                                line=i + 1, column=2))
        if i == 1:
            problems.append(Problem("file", "a different kind", Severity.ERROR))
    for i in range(5):  # problems of a profile are all kept: its panel lists them
        problems.append(Problem(f"[{i}].totalSales", "expected a number", profile_index=i, field="total_sales"))
    assert len(problems) == 3 + 1 + 5 and problems.counted() == 7
    finished = problems.finished()
    assert [p.path for p in finished[:5]] == ["[0]", "[1]", "file", "[2]", "[9]"]
    assert finished[2].message == "a different kind"
    assert finished[3].line == 3
    assert finished[4].message == "… and 7 more like this (the last at [9])"
    assert len(finished) == 10


def test_collector_counts_kinds_beyond_its_limit_together():
    problems = ProblemCollector(keep=2, max_kinds=3)
    for i in range(10):
        problems.append(Problem("file", f"kind {chr(97 + i)} happened"))
    finished = problems.finished()
    assert [p.message for p in finished] == [
        "kind a happened", "kind b happened", "kind c happened", "… and 7 more like this (the last at file)"]


def test_checking_a_value_30000_levels_deep_costs_memory_in_proportion_to_it() -> None:
    from decimal import Decimal

    from viewer.reading.profile_checks import make_profile

    value: Any = "1e400"
    for level in range(30_000):
        value = {"a": value} if level % 2 else [level, value]  # a sibling waits at each level
    found: list[Problem] = []
    tracemalloc.start()
    try:
        make_profile({"integrationId": "URN1", "attributes": {"Deep": value, "Big": [1, {"n": Decimal("1e400")}]}}, 0, "[0]",
                     None, found.append)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40_000_000  # spelling each waiting value's path took ~0.6 GB here
    assert [p.path for p in found if "beyond the range" in p.message] == ["[0].attributes.Big[1].n"]
