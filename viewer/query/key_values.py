"""Which profiles have an attribute key whose value holds a text, for ``Key:value`` terms (no Qt).

One regular expression per search text, run by ``map`` at C speed: ``"key":``
(the key as the text writes it: as such, or as its code, ``viewer.query.key_codes``)
followed by a string holding the value (``"[^"]*ada``), a scalar holding it
(``183``, ``null``, ``true``), or the start of an object or array. A profile
whose hit is an object or array is walked for the value (``nested_holds``),
as a profile whose key appears at several depths may be. A query value without
JSON punctuation never reaches across a quote, so the test is exact.

Measured on 100,000 profiles (52 MB of text): ``Name:a`` 38-40 ms over every
profile, and the next keystrokes test only the profiles the last one let through
(``viewer.query.narrowing``: ``Name:ad`` over 81,000, ``Name:ada`` over 20,000).
The first version read the key's values of every profile once (one ``findall`` per
text: 0.10-0.16 s, then 0.19 s in the window's worker) and tested those at each
keystroke: the first keystroke after the colon took 0.2-0.3 s.

While the codes are being written (``KeyCodes.complete`` false) the texts
before ``KeyCodes.written`` hold codes and the others their keys as written;
the search holds the index's turn, so no text changes form meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from viewer.query.key_codes import KeyCodes
from viewer.query.text_patterns import codes_search, key_search, pattern, scan, split_at


def _after(value: str) -> str:
    """What follows ``"key":`` in a text whose key holds ``value``: group 1 when it is an object or array."""
    found = pattern(value)
    return r'\s*(?:"[^"]*' + found + r'|[^"{\[,}\]]*' + found + r'|([{\[]))'


def matching(texts: Sequence[str], key: str, coded: KeyCodes | None, value: str, candidates: Iterable[int],
             nested_holds: Callable[[int], bool], poll: Callable[[], object] | None = None) -> list[int]:
    """The ascending ``candidates`` whose text has ``key`` (lowercase) with ``value`` (lowercase, no JSON
    punctuation) in its value, or in a value nested inside it (``nested_holds(i)`` decides those).

    ``poll()`` is called between runs of texts (``text_patterns.scan``); it raises to stop.
    """
    after = _after(value)
    if coded is None:
        return scan(texts, key_search(key, None, after), candidates, nested_holds, poll)
    if coded.complete:
        return scan(texts, codes_search(key, coded, after), candidates, nested_holds, poll)
    low, high = split_at(candidates, coded.written)  # (see the module docstring)
    return scan(texts, codes_search(key, coded, after), low, nested_holds, poll) + \
        scan(texts, key_search(key, None, after), high, nested_holds, poll)
