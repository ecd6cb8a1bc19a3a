"""Keys that appear twice in one JSON object: parsers silently keep the last value."""

from __future__ import annotations

import json
from typing import Any


def duplicate_keys(data: bytes | bytearray, ndjson: bool = False) -> list[str]:
    """The keys found twice in some object of ``data``, in order of discovery.

    Uses the standard library's parser with a hook that sees every object's
    pairs; slow next to orjson, so callers run it on small files only.
    Unreadable text gives no answer (its errors are reported elsewhere).
    """
    found: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items):
            seen: set[str] = set()
            for key, _ in items:
                if key in seen and key not in found:
                    found.append(key)
                seen.add(key)
        return result

    try:
        if ndjson:
            for line in bytes(data).splitlines():
                if line.strip():
                    json.loads(line, object_pairs_hook=pairs)
        else:
            json.loads(bytes(data), object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return found
    return found
