"""One export as the comparison reads it: each profile's key fields and exact text, cheaply.

``viewer.load`` keeps the list's columns (``id``, ``integration_id``,
``sandbox``) and each profile's byte span in the file's text, and builds a
``Profile`` only when it is used (a decode of its span: 8 µs or more each,
seconds for 100,000). Matching reads the columns and an unchanged pair is two
equal byte strings, so only the profiles that differ are ever built. An export
without columns and spans (made by hand, or an older reader) is read through
its profiles: the same answers, at the cost of building every profile.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import orjson

from viewer.model.export import Export
from viewer.model.profile import Profile

_SANDBOX = (False, True, None)  # the columns' 0, 1, 2 as ``Profile.sandbox`` says them


class Side:
    """The profiles of one export: ``ids``, ``integration_ids``, ``sandboxes`` per index, their text and objects."""

    def __init__(self, export: Export) -> None:
        profiles = export.profiles
        self.count = len(profiles)
        self._profiles: Sequence[Profile] = profiles
        self._span: Any = None
        columns: Any = getattr(profiles, "columns", None)
        span: Any = getattr(profiles, "span", None)
        try:
            ids, integration_ids, sandboxes = columns.id, columns.integration_id, columns.sandbox
            usable = callable(span) and len(ids) == len(integration_ids) == len(sandboxes) == self.count
        except (AttributeError, TypeError):
            usable = False
        if usable:
            self.ids: Sequence[int | None] = ids
            self.integration_ids: Sequence[str | None] = integration_ids
            self.sandboxes: Sequence[bool | None] = [_SANDBOX[v] if 0 <= v <= 2 else None for v in sandboxes]
            self._span = span
        else:
            built = list(profiles)
            self._profiles = built
            self.ids = [p.id for p in built]
            self.integration_ids = [p.integration_id for p in built]
            self.sandboxes = [p.sandbox for p in built]

    def profile(self, index: int) -> Profile:
        """The profile at ``index`` (built from its text when the export builds lazily)."""
        return self._profiles[index]

    def text(self, index: int) -> bytes | bytearray | None:
        """The profile's exact text (file bytes), or its mapping as JSON; None when neither can be had."""
        if self._span is not None:
            where = self._span(index)
            if where is not None:
                source, start, end = where
                return source.bytes_at(start, end)  # type: ignore[no-any-return]
        return mapping_text(self._profiles[index])


def mapping_text(profile: Profile) -> bytes | None:
    """A profile's mapping as JSON in its own key order (equal text: equal values); None if orjson cannot write it."""
    try:
        return orjson.dumps(profile.raw, default=_tagged)
    except (orjson.JSONEncodeError, TypeError):  # integers beyond 64 bits, nesting beyond 255 levels
        return None


def _tagged(value: Any) -> Any:
    """Decimals in the mapping's JSON, tagged so that no string of the same digits can look equal."""
    if isinstance(value, Decimal):
        return {"\x00decimal": str(value)}
    raise TypeError
