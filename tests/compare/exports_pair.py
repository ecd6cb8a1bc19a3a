"""Small exports written as the tests need them: profiles as mappings, or the file's exact text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

import viewer
from viewer.model.export import Export


def profile(number: int, **changes: Any) -> dict[str, Any]:
    """A complete AudienceCustomer; ``changes`` replace or add top-level fields."""
    data: dict[str, Any] = {
        "id": number,
        "created": "2020-06-10T09:05:27Z",
        "integrationId": f"URN{number}",
        "attributes": {"LoyaltyTier": "Gold", "Address": {"City": "Berlin", "Zip": "10115"}, "Tags": ["vip"]},
        "accountId": 31,
        "closedSessions": 3,
        "totalSales": 10.5,
        "audienceMemberships": [{"id": 5, "name": "Frequent buyers"}],
        "lastActivity": "2020-06-11T09:05:27Z",
        "sandbox": False,
    }
    data.update(changes)
    return data


def write(path: Path, profiles: list[dict[str, Any]]) -> Path:
    path.write_bytes(orjson.dumps(profiles))
    return path


def load_pair(tmp_path: Path, old: list[dict[str, Any]] | str, new: list[dict[str, Any]] | str) -> tuple[Export, Export]:
    """Both exports, read by ``viewer.load`` from files (text is written exactly as given)."""
    loaded = []
    for name, content in (("old.json", old), ("new.json", new)):
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            write(path, content)
        loaded.append(viewer.load(path))
    return loaded[0], loaded[1]
