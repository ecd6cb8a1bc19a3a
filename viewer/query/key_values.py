"""What one attribute key holds in every profile, read once from the search texts, for ``Key:value`` terms.

``Name:ada`` tested a regular expression per profile (``"name":`` and then a
value holding ``ada``): 70-90 ms for 100,000 profiles at every keystroke,
``Name:ad`` longer than ``Name:a``. The first ``Name:`` term with a value now
reads, with one ``findall`` per text (0.1-0.2 s for 100,000), what the key
holds in each profile: the text of its values as the search text writes them
(``"ada lovelace"``, ``183``, ``null``; several when the key appears at more
than one depth, joined by ``SEP``), or None where the profile has no such key.
A value that is an object or an array is noted as ``{`` or ``[`` and the
profile is walked for it, as before. Each keystroke after that is a substring
test on those short texts: a few milliseconds. A query without JSON
punctuation never reaches across a quote or ``SEP``, so the test is exact.

The values of a profile are the same whether its keys are written as codes or
as written (``viewer.query.key_codes``), so one reading serves while the
codes are written; only one made while a code of this very key was learnt is
not kept (it may have missed the texts written with it).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from viewer.query.key_codes import KeyCodes
from viewer.query.text_patterns import key_search, pattern
from viewer.reading.gc_pause import collector_paused
from viewer.reading.search_text import SEP

CHUNK = 5_000  # texts read per C-speed loop: the window's thread waits for the interpreter that long (~5 ms)
KEPT_KEYS = 2  # keys whose values are kept (a query may hold two); a short text per profile: ~7 MB for 100,000 names
# after ``"key":``: a string (no escapes in a search text), the start of an object or array, or a scalar
_VALUE = r'\s*("[^"]*"|[{\[]|[^"{\[,}\]]*)'


@dataclass(frozen=True, slots=True)
class KeyValues:
    """Per profile the text of the values of one key (None: no such key), and the profiles where one is nested."""

    values: list[str | None]
    nested: frozenset[int]


def read(texts: list[str], key: str, coded: KeyCodes | None) -> KeyValues:
    """The values of ``key`` (lowercase) in every text, its keys written as such, as codes, or both.

    With the collector paused: the 100,000 lists ``findall`` makes would set it off
    (5-10% longer), and the values kept are then out of its reach.
    """
    find = key_search(key, coded, _VALUE, "findall")
    with collector_paused():
        found: list[list[str]] = []
        for start in range(0, len(texts), CHUNK):  # a C loop over all at once held the interpreter 0.1 s
            found.extend(map(find, texts[start:start + CHUNK]))
        values = [SEP.join(hits) if hits else None for hits in found]
        nested = frozenset(n for n, hits in enumerate(found) if hits and ("{" in hits or "[" in hits))
        del found
    return KeyValues(values, nested)


class KeyValueColumns:
    """The values of the last few keys searched, read on first use (``read``)."""

    def __init__(self) -> None:
        self._kept: OrderedDict[str, KeyValues] = OrderedDict()

    def of(self, texts: list[str], key: str, coded: KeyCodes | None) -> KeyValues:
        """The values of ``key`` over ``texts`` (kept from an earlier call when there is one)."""
        kept = self._kept.get(key)
        if kept is not None and len(kept.values) == len(texts):
            self._kept.move_to_end(key)
            return kept
        codes = None if coded is None else list(coded.codes_for(key))
        column = read(texts, key, coded)
        if coded is None or coded.complete or codes == coded.codes_for(key):
            self._kept[key] = column
            while len(self._kept) > KEPT_KEYS:
                self._kept.popitem(last=False)
        return column


def matching(column: KeyValues, value: str, candidates: Iterable[int],
             nested_holds: Callable[[int], bool]) -> list[int]:
    """The candidates whose ``column`` value holds ``value`` (no JSON punctuation), or whose nested value
    does (``nested_holds``)."""
    values, nested = column.values, column.nested
    if value.isascii():
        if isinstance(candidates, range):
            return [i for i, shown in enumerate(values) if shown is not None and value in shown
                    or i in nested and nested_holds(i)]
        return [i for i in candidates if (shown := values[i]) is not None and value in shown
                or i in nested and nested_holds(i)]
    search = re.compile(pattern(value)).search  # a letter beyond ASCII stands for its UTF-8 in either case
    pool = range(len(values)) if isinstance(candidates, range) else candidates
    return [i for i in pool if (shown := values[i]) is not None and search(shown) or i in nested and nested_holds(i)]
