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
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import compress
from operator import attrgetter
from typing import Any

from viewer.query.key_codes import KeyCodes
from viewer.reading.search_text import latin


def pattern(value: str) -> str:
    """A regular expression for ``value`` (lowercase) in the search text, whose non-ASCII letters keep their case.

    An ASCII character stands for itself; any other for the UTF-8 of each
    letter that lowercases to it (``ü``: ``ü`` or ``Ü``). ``İ`` is the one
    letter that lowercases to two characters (``i`` and a combining dot), so
    that pair (or the dot alone) stands for itself or ``İ``: a query
    ``İstanbul`` (``i̇stanbul`` once lowercased) finds the text ``İstanbul``.
    """
    parts: list[str] = []
    for at, char in enumerate(value):
        if char == _COMBINING_DOT:  # the dot of a lowercased İ: with its "i" (written already), or alone
            after_i = value[at - 1:at] == "i"
            if after_i:
                parts.pop()
            parts.append("(?:" + ("i" if after_i else "") + re.escape(latin(_COMBINING_DOT)) + "|"
                         + re.escape(latin(_DOTTED_I)) + ")")
            continue
        if char.isascii():
            parts.append(re.escape(char))
            continue
        forms = {char} | {form for form in (char.upper(), char.title()) if len(form) == 1 and form.lower() == char}
        parts.append("(?:" + "|".join(re.escape(latin(form)) for form in sorted(forms)) + ")")
    return "".join(parts)


# A needle of two to four characters is looked for by a regular expression: its scan for the literal took
# 34-42 ms per 100,000 texts (52 MB) where ``in`` took 46-66 ms (Python 3.11); one character (``memchr``)
# and longer needles (which ``in`` skips along) are quicker with ``in``.
SHORT_NEEDLE = 4
_DOTTED_I = "\u0130"  # İ: lowercases to "i" + _COMBINING_DOT
_COMBINING_DOT = "\u0307"


# After a hit the rest of a key is followed by '":' and the rest of a string value is not, so a hit not
# followed by '":' is in a value. A number or ``true`` before a string that starts with a colon
# (``1,":x"``) is followed by '":' too, but only across a comma or bracket, and so is a hit in a key that
# holds one (``"a,b":``): a hit followed by '":' without crossing one is in a key. ``IN_A_VALUE`` after a
# query's pattern finds the first hit that is surely in a value, or else one between the two (rare: its
# empty group 1 takes part), for which the quotes before the hits are counted (``in_a_value``). One
# search per profile: two (sure, then unsure) took 1.75 us a profile for a query only keys hold.
# Possessive runs (``*+``): a lookahead that fails does not step back through the run (``n``, ``a``, ``b``
# over 100,000 profiles: 10-12% faster; the same hits).
IN_A_VALUE = r'(?:(?![^"]*+":)|(?![^"{}\[\],]*+":)())'
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


def key_search(key: str, coded: KeyCodes | None, after: str, how: str = "search") -> Callable[[str], Any]:
    """A search of a text for ``"key":`` followed by ``after`` (a regular expression), the key as the text
    writes it (``how``: the pattern's method, ``"findall"`` for every occurrence). While the codes are being
    written a text that holds one (``\\x01``) holds only codes: one alternation of both forms took about
    seven times as long (it has no literal start)."""
    written = getattr(re.compile('"' + pattern(key) + '":' + after), how)
    if coded is None:
        return written  # type: ignore[no-any-return]
    in_codes = codes_search(key, coded, after, how)
    return in_codes if coded.complete else lambda text: in_codes(text) if "\x01" in text else written(text)


def codes_search(key: str, coded: KeyCodes, after: str, how: str = "search") -> Callable[[str], Any]:
    """``key_search`` in texts that hold their keys as codes only (``_nowhere`` when ``key`` has no code)."""
    codes = coded.codes_for(key)
    if not codes:
        return _nowhere
    # one code (the usual case) as a literal start, without a group: ``Name:a`` over 100,000 texts took 40-42
    # ms where ``"(?:\x01\x02)":`` took 55-58. The start is the code itself, not the quote before it: the
    # search then skips along to the rare \x01, not to every quote (the best of five over 100,000 coded
    # texts: ``Name:a`` 30 ms against 33, ``Name:ad`` 38 against 43, ``City:ber`` 39 against 47). As exact:
    # the attributes' text holds no control character but the codes' (JSON text holds none unescaped, and a
    # text with an escape is re-encoded), and the IDs after it no quote, so ``\x01X":`` is always a key's code
    # (nor is it the end of a two-character code: X and Y are never \x01, and a quote follows a code).
    keys = re.escape(codes[0]) if len(codes) == 1 else "(?:" + "|".join(map(re.escape, codes)) + ")"
    found = getattr(re.compile(keys + '":' + after), how)
    return found  # type: ignore[no-any-return]


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


def in_values(texts: list[str], value: str, candidates: Iterable[int], poll: Callable[[], object] | None = None
              ) -> list[int]:
    """The candidates whose text (keys as written) holds ``value`` (no punctuation) in a value.

    One search per text, run by ``map`` (``scan``): the searches alone took 44-47 ms for ``a`` or ``b``
    over 100,000 profiles, where a Python loop over them took 53-67 ms. First finding the texts
    that hold ``value`` at all, then searching those, took 25-40% longer (86 against 109 ms for ``a``).
    """
    found = pattern(value)
    every = re.compile(found).finditer
    return scan(texts, re.compile(found + IN_A_VALUE).search, candidates,  # group 1: an unsure hit
                lambda i: in_a_value(texts[i], every(texts[i])), poll)


# Texts per C-speed loop, each keeping its match objects until its hits are read: fewer than the collector's
# threshold (700), so no collection runs. With 2,000 a scan of 100,000 texts set off about 100 of them, and
# ``n``, ``b``, ``au`` or ``Name:a`` over 100,000 profiles took 60-130 ms where they take 47-95 ms now.
SCAN_CHUNK = 500
_GROUP_ONE: Callable[[Any], Any] = attrgetter("lastindex")


def scan(texts: Sequence[str], search: Callable[[str], Any], candidates: Iterable[int],
         unsure: Callable[[int], bool], poll: Callable[[], object] | None = None) -> list[int]:
    """The ascending ``candidates`` whose text ``search`` finds, those whose hit took group 1 only if
    ``unsure(i)`` says so; the searches run in C loops of ``SCAN_CHUNK`` texts (``map`` and ``compress``),
    ``poll()`` before each (it raises to stop: a newer keystroke's search is waiting)."""
    pool = _pool(candidates)
    found: list[int] = []
    for start in range(0, len(pool), SCAN_CHUNK):
        if poll is not None:
            poll()
        part = pool[start:start + SCAN_CHUNK]
        shown = texts[part.start:part.stop] if isinstance(part, range) else map(texts.__getitem__, part)
        hits = list(map(search, shown))
        held = list(compress(part, hits))
        hits = list(filter(None, hits))
        if any(map(_GROUP_ONE, hits)):  # rare: told one by one
            held = [i for i, hit in zip(held, hits) if hit.lastindex is None or unsure(i)]
        found.extend(held)
    return found


def split_at(candidates: Iterable[int], at: int) -> tuple[Iterable[int], Iterable[int]]:
    """The ascending ``candidates`` below ``at``, and the others."""
    if isinstance(candidates, range) and candidates.step == 1:
        return range(candidates.start, max(candidates.start, min(at, candidates.stop))), \
            range(max(candidates.start, min(at, candidates.stop)), candidates.stop)
    listed = candidates if isinstance(candidates, list) else list(candidates)
    cut = bisect_left(listed, at)
    return listed[:cut], listed[cut:]


def _pool(candidates: Iterable[int]) -> Sequence[int]:
    """``candidates`` as a sequence that slices cheaply (a ``range`` stays one)."""
    if isinstance(candidates, range) and candidates.step == 1:
        return candidates
    return candidates if isinstance(candidates, list) else list(candidates)


def holding_texts(texts: list[str], needle: Needle, candidates: Iterable[int],
                  poll: Callable[[], object] | None = None) -> list[int]:
    """The candidates whose text holds ``needle`` (``poll()`` between runs of ``SCAN_CHUNK``, as ``scan``)."""
    if poll is not None:
        listed = _pool(candidates)
        held: list[int] = []
        for start in range(0, len(listed), SCAN_CHUNK):
            poll()
            held.extend(holding_texts(texts, needle, listed[start:start + SCAN_CHUNK]))
        return held
    plain, also = needle.plain, needle.also
    if isinstance(candidates, range) and candidates.step == 1:  # (a slice of the list: a C-speed copy)
        pool: Iterable[tuple[int, str]] = enumerate(
            texts if candidates.start == 0 and candidates.stop >= len(texts) else
            texts[candidates.start:candidates.stop], candidates.start)
        if plain is not None and also is not None:  # while the keys are written as codes: a text holding one, ``plain``
            return [i for i, text in pool if (plain if "\x01" in text else also) in text]
        if plain is not None and 1 < len(plain) <= SHORT_NEEDLE:  # see ``SHORT_NEEDLE``
            search = re.compile(re.escape(plain)).search
            return [i for i, text in pool if search(text)]
        if plain is not None:  # the usual case, inline: a method call per profile costs as much as the test
            return [i for i, text in pool if plain in text]
        return [i for i, text in pool if needle(text)]
    if plain is not None and also is not None:
        return [i for i in candidates if (plain if "\x01" in texts[i] else also) in texts[i]]
    if plain is not None and 1 < len(plain) <= SHORT_NEEDLE:
        search = re.compile(re.escape(plain)).search
        return [i for i in candidates if search(texts[i])]
    if plain is not None:
        return [i for i in candidates if plain in texts[i]]
    return [i for i in candidates if needle(texts[i])]
