"""Duplicate keys and numbers beyond a double: found in files of every size, each at its line and column."""

from __future__ import annotations

import viewer
from viewer.reading import loader
from viewer.reading.loader import find_duplicate_keys

PROFILE = ('{{"id": {n}, "created": "2021-03-04T05:06:07Z", "integrationId": "URN{n}", "accountId": 1, '
           '"closedSessions": 0, "totalSales": 1.5, "lastActivity": "2024-01-02T03:04:05Z", "attributes": {attrs}}}')


def export_text(attributes: list[str], ndjson: bool = False) -> bytes:
    profiles = [PROFILE.format(n=n, attrs=a) for n, a in enumerate(attributes)]
    return ("\n".join(profiles) if ndjson else "[\n" + ",\n".join(profiles) + "\n]").encode()


def test_a_duplicate_key_is_reported_at_its_second_occurrence() -> None:
    data = export_text(['{"Tier": "Gold"}', '{"Tier": "Gold",\n "Tier": "Silver"}', '{}'])
    export = viewer.load(data)
    [problem] = [p for p in export.problems if "twice" in p.message]
    assert problem.profile_index == 1 and '"Tier"' in problem.message
    assert (problem.line, problem.column) == (4, 2)  # the second "Tier", as an editor counts
    assert data.decode().splitlines()[problem.line - 1][problem.column - 1:].startswith('"Tier": "Silver"')
    assert export.profiles[1].attributes["Tier"] == "Silver"  # the last value is the one shown


def test_ndjson_duplicates_and_a_clean_file() -> None:
    data = export_text(['{}', '{"A": 1, "B": {"C": 1, "C": 2}}'], ndjson=True)
    [problem] = [p for p in viewer.load(data).problems if "twice" in p.message]
    assert problem.line == 2 and '"C"' in problem.message
    assert [p for p in viewer.load(export_text(['{"A": 1}'] * 50)).problems] == []


def test_a_big_file_is_checked_after_loading(monkeypatch) -> None:
    monkeypatch.setattr(loader, "DUPLICATE_KEY_CHECK_LIMIT", 100)  # stands for a file of many megabytes
    data = export_text(['{}', '{"Tier": "Gold", "Tier": "Silver"}'])
    export = viewer.load(data)
    assert not export.duplicate_keys_checked and not [p for p in export.problems if "twice" in p.message]
    late = find_duplicate_keys(export.profiles)
    assert [(p.path, p.profile_index, p.line) for p in late] == [("[1]", 1, 3)]  # named as the load names it
    export.add_problems(late)
    assert export.problems_for(1) == late


def test_a_number_beyond_a_double_in_an_attribute_is_kept_as_written_with_a_problem() -> None:
    export = viewer.load(export_text(['{"Score": 1e400, "Tiny": 2.5E-400}', '{"Score": 7}']))
    messages = sorted(p.message for p in export.problems)
    assert len(messages) == 2 and all("beyond the range of a double" in m for m in messages)
    assert "1e400" in messages[0] + messages[1] and "2.5E-400" in messages[0] + messages[1]
    assert export.profiles[0].attributes["Score"].text == "1e400"


def test_a_number_beyond_a_double_in_a_complete_profile_names_it_like_the_other_problems(tmp_path) -> None:
    data = export_text(['{"Tiny": 1e-400}', '{}', '{"Tiny": 1e-400}'])
    array = viewer.load(data)
    [first, second] = [p for p in array.problems if "beyond the range" in p.message]
    assert (first.path, first.profile_index, second.path, second.profile_index) == ("[0]", 0, "[2]", 2)
    assert first.message == "1e-400 is beyond the range of a double (most systems cannot hold it); shown as written"
    assert str(first) == f"warning: [0] (line 2, column {first.column}): {first.message}"  # the place once
    assert data.decode().splitlines()[1][first.column - 1:].startswith("1e-400")
    lines = viewer.load(export_text(['{}', '{"Tiny": 1e-400}'], ndjson=True))
    [problem] = [p for p in lines.problems if "beyond the range" in p.message]
    assert (problem.path, problem.line, problem.profile_index) == ("line 2", 2, 1)
    (tmp_path / "one.json").write_bytes(export_text(['{"Tiny": 1e-400}'])[2:-2])  # a file of one profile
    [alone] = [p for p in viewer.load(tmp_path / "one.json").problems if "beyond the range" in p.message]
    assert alone.path == "profile" and alone.message.startswith("1e-400")


def test_a_problem_without_a_column_names_its_line_alone() -> None:
    data = export_text(['{}']).replace(b'"totalSales": 1.5', b'"totalSales": 1e400')
    [problem] = [p for p in viewer.load(data).problems if "beyond the range" in p.message]
    assert problem.column is None and str(problem).startswith(f"warning: [0].totalSales (line {problem.line}): ")
