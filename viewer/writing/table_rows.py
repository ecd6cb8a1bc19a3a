"""The CSV rows of a batch of profiles, read the cheapest way there is (no Qt).

Building every ``Profile`` of 100,000 decodes the file again (about 2 s
measured, more than a bare parse), so a cell is read, in order of cost:

- a list column from the reader's columns (``profiles.columns``: IDs, dates as
  written, sessions, exact money, environment, audiences), already in memory;
- an attribute path from each profile's text (``profiles.span``): one decode
  call per batch that builds only the attributes the columns name and skips
  the rest (decoding every attribute cost 2.4x a bare parse for five columns);
- anything else, and every value the columns do not hold (missing, or of the
  wrong type, which the CSV shows as written), from the profile itself.

Without those (a plain list of profiles), every cell comes from the profiles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import msgspec

from viewer.model import profile_columns
from viewer.model.profile import Profile
from viewer.writing.cells import Column, quick_texts

try:
    from viewer.model.numbers import number as _exact_float  # the reader's exact non-integer numbers
except ImportError:  # pragma: no cover - an older reader
    _exact_float = None  # type: ignore[assignment]


_ENVIRONMENTS = (profile_columns.ENVIRONMENT_LABELS["live"], profile_columns.ENVIRONMENT_LABELS["sandbox"],
                 profile_columns.ENVIRONMENT_LABELS["unknown"])  # as the columns store sandbox: 0, 1, 2
_MISSING = object()


class TableRows:
    """Cells of ``columns`` for batches of the profiles at given indices."""

    def __init__(self, profiles: Sequence[Profile], columns: Sequence[Column]) -> None:
        self.profiles = profiles
        self.columns = list(columns)
        self.listed = getattr(profiles, "columns", None)
        self.span = getattr(profiles, "span", None)
        keys = sorted({column.path[0] for column in self.columns if column.path})
        self._first_keys = {key: f"f{n}" for n, key in enumerate(keys)}
        picked = msgspec.defstruct("Picked", [(f"f{n}", Any, None) for n in range(len(keys))],
                                   rename={f"f{n}": key for n, key in enumerate(keys)})
        outer: Any = msgspec.defstruct("Outer", [("attributes", picked | None, None)])
        self._decode_one: Callable[[bytes], Any] = msgspec.json.Decoder(outer, float_hook=_exact_float).decode
        self._decode_many: Callable[[bytes], list[Any]] = msgspec.json.Decoder(
            list[outer], float_hook=_exact_float).decode
        self._decode_lines: Callable[[memoryview], list[Any]] = msgspec.json.Decoder(
            outer, float_hook=_exact_float).decode_lines

    def rows(self, indices: Sequence[int]) -> list[tuple[str, ...]]:
        """One tuple of cell texts per index."""
        built: dict[int, Profile] = {}
        attributes: list[Any] | None = None
        cells: list[list[str]] = []
        for column in self.columns:
            if column.listed is not None and self._has(column.listed):
                cells.append(self._listed(column, indices, built))
            elif column.path is not None and self.span is not None:
                if attributes is None:
                    attributes = self._attributes(indices, built)
                cells.append(self._path(column, attributes, indices, built))
            else:
                cells.append(column.cells(self._built(indices, built)))
        return list(zip(*cells))

    def _has(self, name: str) -> bool:
        listed = self.listed
        return listed is not None and len(getattr(listed, name, ())) == len(self.profiles)

    def _built(self, indices: Sequence[int], built: dict[int, Profile]) -> list[Profile]:
        profiles = self.profiles
        return [built[i] if i in built else built.setdefault(i, profiles[i]) for i in indices]

    def _profile(self, index: int, built: dict[int, Profile]) -> Profile:
        if index not in built:
            built[index] = self.profiles[index]
        return built[index]

    def _listed(self, column: Column, indices: Sequence[int], built: dict[int, Profile]) -> list[str]:
        values = getattr(self.listed, column.listed or "")
        if column.listed == "sandbox":
            return [_ENVIRONMENTS[values[i]] for i in indices]
        if column.listed == "audiences":
            return [str(len(values[i])) for i in indices]
        picked = [values[i] for i in indices]
        texts = quick_texts(picked)
        for n, value in enumerate(picked):
            if value is None:  # missing, null or of the wrong type: the profile says which, as written
                texts[n] = column.text(self._profile(indices[n], built))
        return texts

    def _attributes(self, indices: Sequence[int], built: dict[int, Profile]) -> list[Any]:
        """Per index: the picked attributes (a struct), or a profile's attribute mapping where no span reads."""
        span = self.span
        assert span is not None
        spans = [span(index) for index in indices]
        together = self._decode_stretch(indices, spans)
        if together is not None:
            return together
        texts = [where[0].bytes_at(where[1], where[2]) if where is not None else b"" for where in spans]
        if all(texts):
            try:
                return [row.attributes for row in self._decode_many(b"[" + b",".join(texts) + b"]")]
            except (msgspec.DecodeError, RecursionError):
                pass  # one odd profile: read them one by one
        found: list[Any] = []
        for index, data in zip(indices, texts):
            try:
                found.append(self._decode_one(data).attributes if data else _MISSING)
            except (msgspec.DecodeError, RecursionError):
                found.append(_MISSING)
            if found[-1] is _MISSING:
                found[-1] = self._profile(index, built).attributes
        return found

    def _decode_stretch(self, indices: Sequence[int], spans: list[Any]) -> list[Any] | None:
        """Consecutive profiles of one file: one decode of their stretch of text, without copying each.

        Between two profiles of an array lies a comma, between two NDJSON lines
        a line break; anything else there (junk values) makes the count differ,
        and then the caller reads them one by one. Half the time of copying
        each profile's bytes first (0.19 s against 0.30-0.47 s per 100,000).
        """
        if not spans or indices[-1] - indices[0] != len(indices) - 1 or spans[0] is None:
            return None
        text = spans[0][0]
        if not all(where is not None and where[0] is text for where in spans):
            return None
        with text.view(spans[0][1], spans[-1][2]) as stretch:
            for lines in (False, True):
                try:
                    rows = self._decode_lines(stretch) if lines else self._decode_many(
                        b"".join((b"[", stretch, b"]")))
                except (msgspec.DecodeError, RecursionError):
                    continue
                if len(rows) == len(spans):
                    return [row.attributes for row in rows]
        return None

    def _path(self, column: Column, attributes: list[Any], indices: Sequence[int],
              built: dict[int, Profile]) -> list[str]:
        path = column.path or ()
        field = self._first_keys[path[0]]
        values = [value.get(path[0]) if type(value) is dict else getattr(value, field, None) for value in attributes]
        for key in path[1:]:
            values = [value.get(key) if type(value) is dict else None for value in values]
        return quick_texts(values)
