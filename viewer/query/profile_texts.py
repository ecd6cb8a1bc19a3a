"""What the search index holds of each profile: its attributes' own JSON text, lowercase.

A profile's searchable text is the compact JSON of its attributes as the file
wrote them, then its ID and integration ID, lowercased
(``viewer.reading.search_text``): ``{"name":"ada","tags":["vip"]}\x1f1001\x1furn0001``.
For 100,000 profiles (87 MB) that is 52 MB of text, 59 MB as 100,000 ``str``
objects (73 bytes of header each). One ``str`` per run of 1,024 profiles, with
their offsets, would hold 7.7 MB less, but finding the profiles in it (a
``str.find`` loop) took 65 ms for a query every profile holds, where a test per
profile took 12 ms (a query no profile holds: 21 ms against 35). The window
asks the reader to make it while it decodes each piece anyway (``viewer.load(...,
search_text=True)``); otherwise it is made from the profiles' spans with one
msgspec decode per run that keeps each ``attributes`` object as a zero-copy
``msgspec.Raw``, then a join, ``lower()`` and split per run: about 0.6 of a
bare ``orjson.loads`` of the file. Walking every decoded value in Python, as
the first index did, took 3.6 times as long and held three strings per profile.

Because the text is the file's JSON, a query string without JSON punctuation
found in it lies inside one value or one key; a regular expression tells the
two apart (a key is followed by ``":``) until the index has written the keys
as codes (``viewer.query.key_codes``). Every value shows in that text as it
shows in the profile (numbers as written, ``true``, ``null``) unless it holds
an escape: such a profile is re-encoded from its decoded value (msgspec
writes only ``"``, ``\\`` and control characters escaped), and the few that
still hold a backslash, or cannot be encoded (nested beyond msgspec's depth
limit), keep an "odd" text made by walking their values (``OddText``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import is_
from typing import Any

import msgspec

from viewer.model.profile import Profile
from viewer.model.values import int_text, scalar_text
from viewer.query.fields import leaves
from viewer.reading import search_text
from viewer.reading.search_text import SEP

KEY_START = "\x1d"  # odd texts: \x1dkey\x1evalue runs, so a key and its value are told apart
KEY_END = "\x1e"
POLL_PROFILES = 250  # profiles between polls of ``cancelled``: 6 ms median, 15 ms worst (100,000 profiles)
_ENVIRONMENTS = ("live", "sandbox", "unknown")
_SANDBOX_CODE = {False: 0, True: 1, None: 2}
_encode = msgspec.json.encode


@dataclass(frozen=True, slots=True)
class OddText:
    """A profile whose JSON text cannot be searched as text: its values walked, lowercase.

    ``text`` holds every shown value, ID and integration ID, separated by ``SEP``;
    ``attributes`` the top-level attributes as ``\\x1dkey\\x1evalue`` runs.
    """

    text: str
    attributes: str


@dataclass(slots=True)
class ProfileTexts:
    """Per profile the searchable text ("" for odd ones), environment and audiences; odd profiles apart.

    ``connected`` is the reader's own map when it kept the texts (not a copy). ``audiences`` is read from
    the reader's column when first asked (``read_audiences``): that column took 0.13 s of the index's
    0.19 s for 100,000 profiles, and search works before any audience term is typed (the late checks
    group the members meanwhile).
    """

    texts: list[str] = field(default_factory=list)  # Latin-1 text of UTF-8 bytes (``search_text.latin``)
    environments: list[str] = field(default_factory=list)  # names: 3.5 ms a test, the reader's codes 6-10
    connected: dict[int, tuple[int, ...]] = field(default_factory=dict)  # index -> connected IDs (when any)
    odd: dict[int, OddText] = field(default_factory=dict)
    read_audiences: Callable[[], Sequence[tuple[int, ...]]] | None = None  # (see above)
    _audiences: Sequence[tuple[int, ...]] | None = None

    @property
    def audiences(self) -> Sequence[tuple[int, ...]]:
        """Member audience IDs, per profile (read on first use)."""
        if self._audiences is None:
            self._audiences = self.read_audiences() if self.read_audiences is not None else []
        return self._audiences

    @audiences.setter
    def audiences(self, value: Sequence[tuple[int, ...]]) -> None:
        self._audiences = value


def flatten(value: Any, out: list[str]) -> None:
    """Append the shown text of every scalar inside ``value``, in document order (no recursion: any depth)."""
    out.extend(map(scalar_text, leaves(value)))


def odd_text(ident: Any, owner: Any, attributes: dict[str, Any]) -> OddText:
    """The walked text of one profile (see ``OddText``)."""
    parts = [int_text(ident) if type(ident) is int else "", owner if type(owner) is str else ""]
    runs: list[str] = []
    for key, value in attributes.items():
        shown: list[str] = []
        flatten(value, shown)
        joined = SEP.join(shown)
        parts.append(joined)
        runs.append(f"{KEY_START}{key}{KEY_END}{joined}")
    return OddText(SEP.join(parts).lower(), "".join(runs).lower())


def _json_text(attributes: Any) -> str | None:
    """Compact JSON of decoded attributes with nothing escaped but quotes, backslashes and controls; None: odd."""
    if not isinstance(attributes, dict):
        attributes = {}
    try:
        text = _encode(attributes)
    except (TypeError, ValueError, RecursionError, OverflowError):
        return None
    return None if b"\\" in text else text.lower().decode("latin-1")


# Profiles per C loop over every profile: one loop holds the interpreter throughout, and over 1,000,000
# profiles the search for the texts to read took 0.2 s in one call, which the window felt as a stall of
# 174-186 ms while the index was built; a run of 65,536 holds it for some 13 ms.
_C_RUN = 65_536


def build(profiles: Sequence[Profile], cancelled: Callable[[], bool] | None = None) -> ProfileTexts:
    """The texts of ``profiles``: kept by the reader (``viewer.load(..., search_text=True)``), made from
    their spans (``viewer.load``), or from the profiles (any other sequence).

    Raises ``viewer.LoadCancelled`` when ``cancelled()`` says so (polled every
    ``POLL_PROFILES`` profiles or run of profiles).
    """
    out = ProfileTexts()
    columns = getattr(profiles, "columns", None)
    runs = getattr(profiles, "attribute_texts", None)
    if columns is None or runs is None or len(columns) != len(profiles):
        audiences: list[tuple[int, ...]] = []
        for n, profile in enumerate(profiles):
            if n % POLL_PROFILES == 0:
                _poll(cancelled)
            _add_profile(out, n, profile)
            audiences.append(tuple(m.id for m in profile.audience_memberships if m.id is not None))
        out.audiences = audiences
        return out
    out.read_audiences = lambda: columns.audiences
    out.environments = []
    for first in range(0, len(columns.sandbox), _C_RUN):  # (C loops: 10 ms in Python per 100,000)
        _poll(cancelled)
        out.environments.extend(map(_ENVIRONMENTS.__getitem__, columns.sandbox[first:first + _C_RUN]))
    kept = columns.search_text
    if kept is not None and len(kept) == len(profiles):
        out.texts, columns.search_text = kept, None  # handed over to the index
        out.connected = columns.connected  # the index adds only what the reader holds already
    else:
        for first, stop, rows in runs():
            _poll(cancelled)
            if rows is None:
                out.texts.extend([None] * (stop - first))  # type: ignore[list-item]  # read below
                continue
            raws = [b"{}" if row is None else row[0] for row in rows]
            made, _ = search_text.texts(raws, columns.id[first:stop], columns.integration_id[first:stop])
            out.texts.extend([None if row is None else text for row, text in zip(rows, made)])  # type: ignore[misc]
            out.connected.update((n, tuple(row[1])) for n, row in enumerate(rows, first) if row and row[1])
    texts: list[Any] = out.texts
    for count, n in enumerate(_to_read(texts, cancelled)):
        if count % POLL_PROFILES == 0:
            _poll(cancelled)
        texts[n] = _readable(out, n, profiles[n])  # escapes, damage, checked profiles: from the profile
    return out


def _to_read(texts: list[Any], cancelled: Callable[[], bool] | None = None) -> list[int]:
    """The positions of the texts that must be read from the built profile: None (``search_text.texts`` leaves
    the ones holding an escape None too; looking for backslashes here, in 52 MB of texts for 100,000
    profiles, took 25-30 ms of the index's 27-40). ``cancelled()`` is polled between runs of ``_C_RUN``."""
    found: list[int] = []
    for first in range(0, len(texts), _C_RUN):
        _poll(cancelled)
        run = texts[first:first + _C_RUN]
        found.extend(compress(range(first, first + len(run)), map(is_, run, repeat(None))))
    return found


def _readable(out: ProfileTexts, n: int, profile: Profile) -> str:
    """The text of a profile read from its built ``Profile``: its values re-encoded, or odd ("")."""
    if profile.connected_audiences:
        out.connected[n] = tuple(profile.connected_audiences)
    text = _json_text(profile.attributes)
    tail = search_text.tail(profile.id, profile.integration_id)
    if text is not None and tail is not None:
        return text + search_text.latin(tail)
    out.odd[n] = odd_text(profile.id, profile.integration_id,
                          profile.attributes if isinstance(profile.attributes, dict) else {})
    return ""


def _add_profile(out: ProfileTexts, n: int, profile: Profile) -> None:
    out.texts.append(_readable(out, n, profile))
    out.environments.append(_ENVIRONMENTS[_SANDBOX_CODE.get(profile.sandbox, 2)])


def _poll(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        from viewer.reading.load_errors import LoadCancelled

        raise LoadCancelled()
