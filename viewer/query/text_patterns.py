"""Regular expressions over the search texts: a query's letters in either case, and keys told from values.

The search text of a profile (``viewer.reading.search_text``) is its
attributes' JSON as its UTF-8 bytes, one character each, lowercased with
``bytes.lower()``: ASCII letters are lowercase, other letters as the file
wrote them. A query lies inside one
token of that JSON when it holds no punctuation or space, and whether the
token is a key or a value is read from what follows the hit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from viewer.query.key_codes import KeyCodes
from viewer.reading.search_text import latin


def pattern(value: str) -> str:
    """A regular expression for ``value`` (lowercase) in the search text, whose non-ASCII letters keep their case.

    An ASCII character stands for itself; any other for the UTF-8 of each
    letter that lowercases to it (``ü``: ``ü`` or ``Ü``).
    """
    parts: list[str] = []
    for char in value:
        if char.isascii():
            parts.append(re.escape(char))
            continue
        forms = {char} | {form for form in (char.upper(), char.title()) if len(form) == 1 and form.lower() == char}
        parts.append("(?:" + "|".join(re.escape(latin(form)) for form in sorted(forms)) + ")")
    return "".join(parts)


# After a hit the rest of a key is followed by '":' and the rest of a string value is not, so a hit not
# followed by '":' is in a value. A number or ``true`` before a string that starts with a colon
# (``1,":x"``) is followed by '":' too, but only across a comma or bracket, and so is a hit in a key that
# holds one (``"a,b":``): a hit followed by '":' without crossing one is in a key. ``IN_A_VALUE`` after a
# query's pattern finds the first hit that is surely in a value, or else one between the two (rare: its
# empty group 1 takes part), for which the quotes before the hits are counted (``in_a_value``). One
# search per profile: two (sure, then unsure) took 1.75 us a profile for a query only keys hold.
IN_A_VALUE = r'(?:(?![^"]*":)|(?![^"{}\[\],]*":)())'
_KEY_END = re.compile(r'"\s*:')


def in_a_value(text: str, every: Iterator[re.Match[str]]) -> bool:
    """Whether one of the hits ``every`` in ``text`` (a search text without escapes) is outside every key."""
    for hit in every:
        if text.count('"', 0, hit.start()) % 2 == 0:
            return True  # outside any string: a number, true, false, null, or the ID after the JSON
        closing = text.find('"', hit.end())
        if closing < 0 or not _KEY_END.match(text, closing):
            return True  # a string value
    return False


class Needle:
    """Whether a search text holds ``value`` (lowercase) between ``before`` and ``after``: a C-speed test."""

    def __init__(self, value: str, before: str = "", after: str = "") -> None:
        self.plain = before + value + after if value.isascii() else None  # None: a regex it is
        self.also: str | None = None  # a second text that does as well as ``plain``
        self._search = re.compile(re.escape(before) + pattern(value) + re.escape(after)).search

    @classmethod
    def of(cls, plain: str | None, expression: str = "", also: str | None = None) -> Needle:
        """A needle for this text as such (or ``also``), or (``plain`` None) for a regular expression."""
        needle = cls.__new__(cls)
        needle.plain, needle.also = plain, also
        needle._search = re.compile(expression).search
        return needle

    def __call__(self, text: str) -> bool:
        if self.plain is None:
            return self._search(text) is not None
        return (self.plain if self.also is None or "\x01" in text else self.also) in text


def key_pattern(key: str, coded: KeyCodes | None) -> str:
    """A regular expression for ``key`` (lowercase) as the texts write keys: as such, as its codes, or (while
    the codes are being written, ``coded.complete`` false) either."""
    if coded is None:
        return pattern(key)
    forms = list(map(re.escape, coded.codes_for(key)))
    if not coded.complete:
        forms.append(pattern(key))
    return "(?:" + "|".join(forms) + ")" if forms else "(?!)"  # (?!): no profile has it


def key_search(key: str, coded: KeyCodes | None, after: str) -> Callable[[str], object]:
    """A search of a text for ``"key":`` followed by ``after`` (a regular expression), the key as the text
    writes it. While the codes are being written a text that holds one (``\\x01``) holds only codes: one
    alternation of both forms took about seven times as long (it has no literal start)."""
    written = re.compile('"' + pattern(key) + '":' + after).search
    if coded is None:
        return written
    codes = coded.codes_for(key)
    in_codes = re.compile('"(?:' + "|".join(map(re.escape, codes)) + ')":' + after).search if codes else \
        _nowhere
    return in_codes if coded.complete else lambda text: in_codes(text) if "\x01" in text else written(text)


def _nowhere(text: str) -> None:
    """No text holds a key that has no code once every key has one."""


def key_needle(key: str, coded: KeyCodes | None) -> Needle:
    """Whether a text holds ``key`` as a key (``"key":``)."""
    codes = [] if coded is None else list(coded.codes_for(key))
    if coded is None or (not codes and not coded.complete):
        return Needle(key, '"', '":')
    if len(codes) == 1 and (coded.complete or key.isascii()):  # while codes are written: either text
        return Needle.of('"' + codes[0] + '":', also=None if coded.complete else f'"{key}":')
    return Needle.of(None, re.escape('"') + key_pattern(key, coded) + re.escape('":'))


def holding_texts(texts: list[str], needle: Needle, candidates: Iterable[int]) -> list[int]:
    """The candidates whose text holds ``needle``."""
    plain, also = needle.plain, needle.also
    if plain is not None and also is not None:  # while the keys are written as codes: a text holding one, ``plain``
        if isinstance(candidates, range):
            return [i for i, text in enumerate(texts) if (plain if "\x01" in text else also) in text]
        return [i for i in candidates if (plain if "\x01" in texts[i] else also) in texts[i]]
    if plain is not None:  # the usual case, inline: a method call per profile costs as much as the test
        if isinstance(candidates, range):
            return [i for i, text in enumerate(texts) if plain in text]
        return [i for i in candidates if plain in texts[i]]
    if isinstance(candidates, range):
        return [i for i, text in enumerate(texts) if needle(text)]
    return [i for i in candidates if needle(texts[i])]
