"""How often each number occurs at one catalogue path, counted by text, made ``Number`` s when read (no Qt).

The catalogue counts numbers by their text (``12.50``): strings hash and
compare at C speed, a Decimal's hash costs about 0.5 µs. Making one
``Number`` per distinct text and counting them by value took 0.1-0.16 s at
the end of a 100,000-profile catalogue (three number paths, 90,000 distinct
values), for counts that are only read when a user selects the path. So the
counts stay by text and the ``Number`` -keyed dict is made on first reading.

Two texts of one value (``1.5`` and ``1.50``) must count as one value. The
doubles of all texts (one msgspec decode of the joined texts) tell at once
when no two can be equal: different doubles are different values. Otherwise
the texts are folded into values at once, exactly.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from itertools import repeat
from typing import Any

import msgspec

from viewer.insights.bulk import SLICE, slices
from viewer.model.numbers import Number

_DOUBLES = msgspec.json.Decoder(list[float]).decode


def numbers_of(texts: Mapping[bytes, int]) -> dict[Number, int]:
    """The counts of ``texts`` by value: one ``Number`` per value (the first text met names it).

    Made a slice at a time: 1,000,000 Numbers in one call would hold the
    interpreter lock for about 0.3 s, a stall of the window.
    """
    numbers: list[Number] = []
    for part in slices(list(map(bytes.decode, texts))):
        made = list(map(Number, part))  # the constructor in C, then each one's text: half the cost of ``number``
        deque(map(setattr, made, repeat("text"), part), maxlen=0)
        numbers.extend(made)
    folded: dict[Number, int] = {}
    counts = list(texts.values())
    for start in range(0, len(numbers), SLICE):
        folded.update(zip(numbers[start:start + SLICE], counts[start:start + SLICE]))
    if len(folded) != len(texts):  # two texts of one value
        folded = {}
        for value, n in zip(numbers, texts.values()):
            folded[value] = folded.get(value, 0) + n
    return folded


def all_different(texts: Mapping[bytes, int]) -> bool:
    """Whether no two of ``texts`` can be the same value (their doubles all differ)."""
    doubles: set[float] = set()
    try:
        for part in slices(list(texts)):
            doubles.update(_DOUBLES(b"".join((b"[", b",".join(part), b"]"))))
    except (msgspec.DecodeError, msgspec.ValidationError):  # a number past a double's range
        return False
    return len(doubles) == len(texts)


class NumberCounts(Mapping[Any, int]):
    """Counts by ``Number`` for texts known to be different values; ``texts`` holds them as counted."""

    def __init__(self, texts: Mapping[bytes, int]) -> None:
        self.texts = texts
        self._numbers: dict[Number, int] | None = None

    def _made(self) -> dict[Number, int]:
        numbers = self._numbers
        if numbers is None:  # two threads may both make it: the same dict, either one kept
            numbers = self._numbers = numbers_of(self.texts)
        return numbers

    def __len__(self) -> int:
        return len(self.texts)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._made())

    def __getitem__(self, key: Any) -> int:
        return self._made()[key]

    def keys(self) -> Any:
        return self._made().keys()

    def values(self) -> Any:
        return self.texts.values()

    def items(self) -> Any:
        return self._made().items()
