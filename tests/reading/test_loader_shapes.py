"""Every shape an export comes in is recognised (bare profile, array, list page, API wrappers, NDJSON), from real files."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest

import viewer
from viewer.model.profile import FIELDS


def profile(number: int = 6, **changes: Any) -> dict[str, Any]:
    """A complete, valid AudienceCustomer in wire form (camelCase keys, all thirteen fields)."""
    data: dict[str, Any] = {
        "id": number,
        "created": "2020-06-10T09:05:27.993483Z",
        "integrationId": f"URN{number:05d}",
        "attributes": {"Name": "Ada Example", "ShippingCountry": "DE", "Tags": ["vip"], "ChurnRisk": 0.12},
        "accountId": 31,
        "closedSessions": 3,
        "totalSales": 299.99,
        "loyaltyMemberships": None,
        "audienceMemberships": [{"id": 2, "name": "Travel audience"}],
        "lastActivity": "2020-02-08T14:15:20Z",
        "sandbox": False,
        "connectedApplicationsIds": [1, 2, 3],
        "connectedAudiences": [2],
    }
    data.update(changes)
    return data


def snake(data: dict[str, Any]) -> dict[str, Any]:
    """The same profile as the Python SDK's legacy ``to_dict()`` writes it."""
    names = {spec.wire: spec.name for spec in FIELDS}
    return {names.get(key, key): value for key, value in data.items()}


def write(tmp_path: Path, name: str, document: Any) -> Path:
    path = tmp_path / name
    path.write_bytes(document if isinstance(document, bytes) else orjson.dumps(document))
    return path


def ids(export: viewer.Export) -> list[int | None]:
    return [p.id for p in export.profiles]


def serious(export: viewer.Export) -> list[viewer.Problem]:
    return [p for p in export.problems if p.severity is not viewer.Severity.INFO]


def test_bare_profile(tmp_path: Path) -> None:
    export = viewer.load(write(tmp_path, "one.json", profile(6)))
    assert export.shape == "profile"
    assert ids(export) == [6]
    assert export.profiles[0].integration_id == "URN00006"
    assert export.problems == []
    assert export.sources == [str(tmp_path / "one.json")]


def test_array_of_profiles_keeps_file_order(tmp_path: Path) -> None:
    export = viewer.load(write(tmp_path, "arr.json", [profile(9), profile(3), profile(5)]))
    assert export.shape == "array"
    assert ids(export) == [9, 3, 5]
    assert [p.index for p in export.profiles] == [0, 1, 2]
    assert export.profiles[-1].id == 5
    assert export.problems == []


@pytest.mark.parametrize("total", [None, 2])
def test_last_list_page_is_clean(tmp_path: Path, total: int | None) -> None:
    page: dict[str, Any] = {"data": [profile(1), profile(2)], "hasMore": False}
    if total is not None:
        page["totalResultSize"] = total
    export = viewer.load(write(tmp_path, "page.json", page))
    assert export.shape == "page"
    assert ids(export) == [1, 2]
    assert export.problems == []
    assert export.has_more is False
    assert export.total_result_size == total


@pytest.mark.parametrize("total", [None, 500])
def test_page_with_more_says_it_is_one_page(tmp_path: Path, total: int | None) -> None:
    page: dict[str, Any] = {"hasMore": True, "data": [profile(1)]}
    if total is not None:
        page["totalResultSize"] = total
    export = viewer.load(write(tmp_path, "page1.json", page))
    assert ids(export) == [1]
    assert export.has_more is True
    [info] = export.problems
    assert info.severity is viewer.Severity.INFO
    assert "one page" in info.message
    if total is not None:
        assert "500" in info.message


@pytest.mark.parametrize("key", ["customerProfile", "profile"])
def test_integration_api_wrappers(tmp_path: Path, key: str) -> None:
    document = {key: profile(6), "effects": [], "triggeredCampaigns": []}
    export = viewer.load(write(tmp_path, "wrapped.json", document))
    assert export.shape == "wrapper"
    assert ids(export) == [6]
    assert export.problems == []


def test_integration_states_wrapper(tmp_path: Path) -> None:
    document = {"integrationStates": [{"customerProfile": profile(1), "session": {}},
                                      {"customerProfile": profile(2)}]}
    export = viewer.load(write(tmp_path, "states.json", document))
    assert export.shape == "wrapper"
    assert ids(export) == [1, 2]
    assert export.problems == []


def test_integration_state_without_profile_is_not_a_problem(tmp_path: Path) -> None:
    document = {"integrationStates": [{"customerProfile": profile(1)}, {"customerProfile": None}]}
    export = viewer.load(write(tmp_path, "states.json", document))
    assert ids(export) == [1]
    assert export.problems == []


def test_wrapper_problem_paths_name_the_wrapper(tmp_path: Path) -> None:
    document = {"integrationStates": [{"customerProfile": profile(1, totalSales="lots")}]}
    export = viewer.load(write(tmp_path, "states.json", document))
    [problem] = export.problems
    assert problem.path == "integrationStates[0].customerProfile.totalSales"
    assert problem.field == "total_sales"


def ndjson(*values: Any, newline: bytes = b"\n") -> bytes:
    return newline.join(orjson.dumps(v) for v in values) + newline


def test_ndjson_with_blank_lines(tmp_path: Path) -> None:
    data = b"\n" + ndjson(profile(1)) + b"\n   \n" + ndjson(profile(2), profile(3))
    export = viewer.load(write(tmp_path, "p.ndjson", data))
    assert export.shape == "ndjson"
    assert ids(export) == [1, 2, 3]
    assert export.problems == []


def test_ndjson_with_crlf(tmp_path: Path) -> None:
    export = viewer.load(write(tmp_path, "p.jsonl", ndjson(profile(1), profile(2), newline=b"\r\n")))
    assert export.shape == "ndjson"
    assert ids(export) == [1, 2]
    assert export.problems == []


def test_ndjson_without_final_newline(tmp_path: Path) -> None:
    data = orjson.dumps(profile(1)) + b"\n" + orjson.dumps(profile(2))
    assert ids(viewer.load(write(tmp_path, "p.ndjson", data))) == [1, 2]


def test_ndjson_a_page_per_line(tmp_path: Path) -> None:
    data = ndjson({"data": [profile(1), profile(2)], "hasMore": True},
                  {"data": [profile(3)], "hasMore": False})
    export = viewer.load(write(tmp_path, "pages.ndjson", data))
    assert export.shape == "ndjson"
    assert ids(export) == [1, 2, 3]
    assert serious(export) == []


def test_ndjson_bad_line_is_reported_and_the_others_kept(tmp_path: Path) -> None:
    data = ndjson(profile(1)) + b'{"id": 2, "integrationId": \n' + ndjson(profile(3), profile(4))
    export = viewer.load(write(tmp_path, "p.ndjson", data))
    assert ids(export) == [1, 3, 4]
    [problem] = export.problems
    assert problem.severity is viewer.Severity.ERROR
    assert problem.line == 2
    assert "line 2" in problem.message


def test_ndjson_problem_path_names_the_line(tmp_path: Path) -> None:
    data = ndjson(profile(1), profile(2), profile(3, closedSessions="many"))
    [problem] = viewer.load(write(tmp_path, "p.ndjson", data)).problems
    assert problem.path == "line 3.closedSessions"
    assert problem.profile_index == 2


@pytest.mark.parametrize("shape", ["profile", "array", "page", "ndjson"])
def test_snake_case_keys_in_every_shape(tmp_path: Path, shape: str) -> None:
    one, two = snake(profile(1, sandbox=True)), snake(profile(2))
    document: Any = {"profile": one, "array": [one, two], "page": {"data": [one, two], "hasMore": False},
                     "ndjson": ndjson(one, two)}[shape]
    export = viewer.load(write(tmp_path, "snake.json", document))
    assert export.shape == shape
    assert export.problems == []
    first = export.profiles[0]
    assert first.integration_id == "URN00001"
    assert first.account_id == 31
    assert first.closed_sessions == 3
    assert first.total_sales == Decimal("299.99")
    assert first.sandbox is True
    assert first.connected_applications_ids == (1, 2, 3)
    assert first.audience_memberships[0].name == "Travel audience"
    assert first.last_activity.text == "2020-02-08T14:15:20Z"


def test_snake_case_problem_uses_the_files_spelling(tmp_path: Path) -> None:
    export = viewer.load(write(tmp_path, "snake.json", [snake(profile(1, totalSales="x"))]))
    [problem] = export.problems
    assert problem.path == "[0].total_sales"
    assert problem.field == "total_sales"


def test_pages_of_one_listing_load_as_one_export(tmp_path: Path) -> None:
    first = write(tmp_path, "page-1.json", {"data": [profile(1), profile(2)], "hasMore": True, "totalResultSize": 3})
    second = write(tmp_path, "page-2.json", {"data": [profile(3)], "hasMore": False, "totalResultSize": 3})
    export = viewer.load([first, second])
    assert ids(export) == [1, 2, 3]
    assert export.shape == "page"
    assert export.sources == [str(first), str(second)]
    assert [p.source for p in export.profiles] == [str(first)] * 2 + [str(second)]
    assert export.problems == []  # the last page says there is no more


def test_profile_in_two_pages_appears_again(tmp_path: Path) -> None:
    first = write(tmp_path, "page-1.json", {"data": [profile(1), profile(2)], "hasMore": True})
    second = write(tmp_path, "page-2.json", {"data": [profile(2), profile(3)], "hasMore": False})
    export = viewer.load([first, second])
    assert ids(export) == [1, 2, 2, 3]
    [again] = export.problems
    assert "appears again" in again.message
    assert "profile 2" in again.message  # where it was first seen
    assert again.profile_index == 2
    assert again.source == str(second)
    assert again.path == "data[0]"


def test_same_integration_id_live_and_sandbox_is_not_a_repeat(tmp_path: Path) -> None:
    live = profile(1, integrationId="SHARED", sandbox=False)
    sandbox = profile(2, integrationId="SHARED", sandbox=True)
    del live["id"], sandbox["id"]
    export = viewer.load(write(tmp_path, "both.json", [live, sandbox]))
    assert [p.environment for p in export.profiles] == ["live", "sandbox"]
    assert not any("appears again" in p.message for p in export.problems)


def test_same_id_live_and_sandbox_is_not_a_repeat(tmp_path: Path) -> None:
    export = viewer.load(write(tmp_path, "both.json", [profile(7, sandbox=False), profile(7, sandbox=True)]))
    assert export.problems == []


def test_integration_id_twice_in_one_environment_is_a_repeat(tmp_path: Path) -> None:
    one, two = profile(1, integrationId="SAME"), profile(2, integrationId="SAME")
    del one["id"], two["id"]
    export = viewer.load(write(tmp_path, "twice.json", [one, two]))
    again = [p for p in export.problems if "appears again" in p.message]
    assert [p.profile_index for p in again] == [1]
    assert "SAME" in again[0].message


def test_repeat_without_sandbox_field_is_reported(tmp_path: Path) -> None:
    old = profile(4)
    del old["sandbox"]  # saved before 2023
    export = viewer.load(write(tmp_path, "old.json", [old, copy.deepcopy(old)]))
    [again] = export.problems
    assert "appears again" in again.message and again.profile_index == 1


def test_repeat_is_found_even_when_one_copy_has_odd_fields(tmp_path: Path) -> None:
    export = viewer.load(write(tmp_path, "odd.json", [profile(5), profile(5, totalSales="12,50")]))
    assert [p.profile_index for p in export.problems if "appears again" in p.message] == [1]


def test_bare_profiles_in_two_files_repeat_has_a_readable_path(tmp_path: Path) -> None:
    a = write(tmp_path, "a.json", profile(1))
    b = write(tmp_path, "b.json", profile(1))
    [again] = viewer.load([a, b]).problems
    assert again.path  # never an empty location
    assert again.source == str(b)


def test_several_files_one_of_them_unreadable(tmp_path: Path) -> None:
    good = write(tmp_path, "good.json", [profile(1)])
    html = write(tmp_path, "bad.json", b"<!DOCTYPE html><html><body>Bad gateway</body></html>")
    export = viewer.load([good, html])
    assert ids(export) == [1]
    [problem] = export.problems
    assert problem.severity is viewer.Severity.ERROR
    assert "HTML" in problem.message
    assert problem.source == str(html)


def test_several_files_none_readable_raises(tmp_path: Path) -> None:
    html = write(tmp_path, "bad.json", b"<html><body>Bad gateway</body></html>")
    with pytest.raises(viewer.LoadError, match="HTML"):
        viewer.load([html, html])


def test_missing_file_among_several_raises(tmp_path: Path) -> None:
    good = write(tmp_path, "good.json", [profile(1)])
    with pytest.raises(viewer.LoadError, match="cannot be opened"):
        viewer.load([good, tmp_path / "nope.json"])


def test_no_files_and_folders_raise(tmp_path: Path) -> None:
    with pytest.raises(viewer.LoadError):
        viewer.load([])
    with pytest.raises(viewer.LoadError, match="folder"):
        viewer.load(tmp_path)


def test_profile_without_integration_id_is_still_a_profile(tmp_path: Path) -> None:
    old = profile(3)
    del old["integrationId"]
    export = viewer.load(write(tmp_path, "old.json", old))
    assert ids(export) == [3]
    [problem] = export.problems
    assert problem.path == "integrationId"  # same path as for any other bare profile


def test_non_profiles_in_an_array_are_reported_and_skipped(tmp_path: Path) -> None:
    export = viewer.load(write(tmp_path, "mixed.json", [profile(1), {"foo": 1}, 5, profile(2)]))
    assert ids(export) == [1, 2]
    assert [p.path for p in export.problems] == ["[1]", "[2]"]
    assert "foo" in export.problems[0].message


@pytest.mark.parametrize(
    ("document", "found"),
    [
        (b'{"foo": 1}', "foo"),
        (b"42", "42"),
        (b'"text"', "text"),
        (b"[]", "empty list"),
        (b"{}", "empty object"),
        (b"null", "null"),
        (b"[1, 2]", "number 1"),
        (b'{"data": []}', "empty list"),
        (b'{"a": 1}\n{"b": 2}\n', "with a"),
    ],
)
def test_valid_json_that_is_no_export(tmp_path: Path, document: bytes, found: str) -> None:
    with pytest.raises(viewer.LoadError) as info:
        viewer.load(write(tmp_path, "other.json", document))
    message = info.value.message
    assert "valid JSON" in message
    assert found in message  # what was found
    assert "Expected a profile object" in message and "NDJSON" in message  # what was expected
    assert info.value.source == str(tmp_path / "other.json")


@pytest.mark.parametrize("tail", ["\nthis is not json\n", ', "hasMore": false}\n]', ', "hasMore": fals}'])
def test_text_a_page_holds_after_its_profiles_is_reported_where_it_is(tmp_path: Path, tail: str) -> None:
    """As for an array (``[...]x``): the line and column of what was not read, and every profile kept."""
    profiles = [{"id": n, "integrationId": f"c{n}"} for n in range(3)]
    text = orjson.dumps({"data": profiles, "totalResultSize": 3}, option=orjson.OPT_INDENT_2).decode()
    if tail.startswith(","):
        text = text.rstrip().removesuffix("}").rstrip()
    path = tmp_path / "page.json"
    path.write_text(text + tail)
    export = viewer.load(path)
    assert len(export.profiles) == 3
    [after] = [p for p in export.problems if p.profile_index is None and p.severity is not viewer.Severity.INFO]
    written = (text + tail).splitlines()
    assert after.severity is viewer.Severity.ERROR and after.line is not None and after.column is not None
    assert f"line {after.line}, column {after.column}: text after the end of the list of profiles" in after.message
    junk = {"\nthis is not json\n": "this", ', "hasMore": false}\n]': "]", ', "hasMore": fals}': "fals"}[tail]
    assert written[after.line - 1][after.column - 1:].startswith(junk)
