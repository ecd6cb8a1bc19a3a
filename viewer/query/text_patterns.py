"""Regular expressions over the search texts: a query's letters in either case, and keys told from values.

The search text of a profile (``viewer.reading.search_text``) is its
attributes' JSON, lowercased with ``bytes.lower()``: ASCII letters are
lowercase, other letters as the file wrote them. A query lies inside one
token of that JSON when it holds no punctuation or space, and whether the
token is a key or a value is read from what follows the hit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from viewer.reading.search_text import encoded


def pattern(value: str) -> bytes:
    """A regular expression for ``value`` (lowercase) in the search text, whose non-ASCII letters keep their case.

    An ASCII character stands for itself; any other for the UTF-8 of each
    letter that lowercases to it (``ü``: ``ü`` or ``Ü``).
    """
    parts: list[bytes] = []
    for char in value:
        if char.isascii():
            parts.append(re.escape(char.encode()))
            continue
        forms = {char} | {form for form in (char.upper(), char.title()) if len(form) == 1 and form.lower() == char}
        parts.append(b"(?:" + b"|".join(re.escape(encoded(form)) for form in sorted(forms)) + b")")
    return b"".join(parts)


# After a hit the rest of a key is followed by '":' and the rest of a string value is not, so a hit not
# followed by '":' is in a value. A number or ``true`` before a string that starts with a colon
# (``1,":x"``) is followed by '":' too, but only across a comma or bracket, and so is a hit in a key that
# holds one (``"a,b":``): a hit followed by '":' without crossing one is in a key. ``IN_A_VALUE`` after a
# query's pattern finds the first hit that is surely in a value, or else one between the two (rare: its
# empty group 1 takes part), for which the quotes before the hits are counted (``in_a_value``). One
# search per profile: two (sure, then unsure) took 1.75 us a profile for a query only keys hold.
IN_A_VALUE = rb'(?:(?![^"]*":)|(?![^"{}\[\],]*":)())'
_KEY_END = re.compile(rb'"\s*:')


def in_a_value(text: bytes, every: Iterator[re.Match[bytes]]) -> bool:
    """Whether one of the hits ``every`` in ``text`` (a search text without escapes) is outside every key."""
    for hit in every:
        if text.count(b'"', 0, hit.start()) % 2 == 0:
            return True  # outside any string: a number, true, false, null, or the ID after the JSON
        closing = text.find(b'"', hit.end())
        if closing < 0 or not _KEY_END.match(text, closing):
            return True  # a string value
    return False
