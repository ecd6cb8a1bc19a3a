"""``audience-viewer --compare OLD NEW``: the summary, the JSON object and the exit status."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from viewer.app import main


def profile(number: int, **changes: object) -> dict:
    data = {"id": number, "created": "2020-06-10T09:05:27Z", "integrationId": f"URN{number}", "accountId": 31,
            "closedSessions": 3, "totalSales": 10.5, "lastActivity": "2020-06-11T09:05:27Z", "sandbox": False,
            "attributes": {"LoyaltyTier": "Gold"}}
    data.update(changes)
    return data


def write(path: Path, profiles: list[dict]) -> Path:
    path.write_bytes(orjson.dumps(profiles))
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old = write(tmp_path / "old.json", [profile(1), profile(2, attributes={"Address": {"City": "Berlin"}}),
                                        profile(3)])
    new = write(tmp_path / "new.json", [profile(1, totalSales=12.75),
                                        profile(2, attributes={"Address": {"City": "Paris"}}), profile(4)])
    return old, new


def test_json_names_the_counts_the_matching_and_the_changed_paths(files, capsys) -> None:
    old, new = files
    assert main(["--compare", str(old), str(new), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert {k: result[k] for k in ("added", "removed", "changed", "unchanged", "matched_by")} == {
        "added": 1, "removed": 1, "changed": 2, "unchanged": 0, "matched_by": "id"}
    assert result["fields"] == {"totalSales": 1, "attributes.Address.City": 1}
    assert result["transitions"]["attributes.Address.City"] == [{"before": "Berlin", "after": "Paris", "profiles": 1}]
    assert result["totalSales"]["changed"] == "2.25"  # exact decimal text, not a float


def test_the_summary_says_what_changed(files, capsys) -> None:
    old, new = files
    assert main(["--compare", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert "1 added, 1 removed, 2 changed, 0 unchanged" in out
    assert "matched by ID" in out
    assert "Berlin → Paris 1" in out
    assert "total sales:" in out and "+2.25 changed" in out


def test_the_same_profiles_exit_0(tmp_path: Path, capsys) -> None:
    old = write(tmp_path / "old.json", [profile(1), profile(2)])
    new = tmp_path / "new.json"
    new.write_text(json.dumps([profile(2), dict(reversed(list(profile(1).items())))], indent=2))
    assert main(["--compare", str(old), str(new), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["changed"], result["unchanged"], result["fields"]) == (0, 2, {})


def test_an_unreadable_file_exits_2_with_the_reason_on_stderr(files, tmp_path: Path, capsys) -> None:
    old, _ = files
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": 1,', encoding="utf-8")
    assert main(["--compare", str(old), str(broken)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "broken.json" in captured.err and "cannot be read" in captured.err
    assert main(["--compare", str(old), str(tmp_path / "absent.json"), "--json"]) == 2
    assert "absent.json" in capsys.readouterr().err


def test_compare_takes_exactly_two_files(files, capsys) -> None:
    old, new = files
    assert main(["--compare", str(old)]) == 2
    assert main(["--compare", str(old), str(new), str(old)]) == 2
    assert "two files" in capsys.readouterr().err


def test_fields_read_as_the_window_names_them_and_json_keeps_the_paths(tmp_path: Path, capsys) -> None:
    old = write(tmp_path / "old.json", [profile(1, attributes={"Churn risk": "low"})])
    new = write(tmp_path / "new.json", [profile(1, created="2021-06-10T09:05:27Z", totalSales=11,
                                                attributes={"Churn risk": "high"})])
    assert main(["--compare", str(old), str(new)]) == 1
    lines = [line.strip().rsplit(" ", 1)[0].strip() for line in capsys.readouterr().out.splitlines()
             if line.startswith("    ") and not line.startswith("      ")]  # "    Total sales   1"
    assert sorted(lines) == ["Created", "Total sales", 'attributes["Churn risk"]']
    assert main(["--compare", str(old), str(new), "--json"]) == 1
    assert set(json.loads(capsys.readouterr().out)["fields"]) == {"created", "totalSales", 'attributes["Churn risk"]'}
