"""The list fields of the profile list's columns, decoded once per distinct JSON text.

A profile's audience memberships and connected IDs are lists that repeat
across an export: 100,000 profiles of the benchmark export hold about 90 distinct
texts of these three lists. The typed decode keeps the two the columns need
(memberships, connected audiences) as their JSON text
(a ``msgspec.Raw``) and this module decodes each distinct text once, with the
same types the decode had checked in place. Decoding every list in place made
about 0.7 million objects per 100,000 profiles (a list, three membership
structs and their names each) that were thrown away once the columns held the
IDs: the decode, the columns and freeing them took 0.47 s, against 0.30 s
this way. The audience-ID tuples are shared by the profiles that have the
same memberships (one tuple per distinct list, not 100,000): what a loaded
export keeps fell from 0.79 to 0.58 times the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import msgspec

LISTS_KEPT = 1 << 16  # distinct texts remembered per kind; past that the memory starts again (values stay valid)


class _Membership(msgspec.Struct, gc=False):
    id: int
    name: str


_FAILED = object()  # a text that is not of the field's type
_MEMBERSHIPS_ALL = msgspec.json.Decoder(list[list[_Membership] | None]).decode
_MEMBERSHIPS_ONE = msgspec.json.Decoder(list[_Membership] | None).decode
_IDS_ALL = msgspec.json.Decoder(list[list[int] | None]).decode
_IDS_ONE = msgspec.json.Decoder(list[int] | None).decode

Memberships = tuple[tuple[int, ...], tuple[tuple[int, str], ...]]
"""The audience IDs of one membership list in file order, and its (ID, name) pairs."""


def _membership_entry(value: Any) -> Memberships | None:
    if value is _FAILED:
        return None
    members = value or ()
    return tuple(m.id for m in members), tuple((m.id, m.name) for m in members)


def _ids_entry(value: Any) -> tuple[int, ...] | None:
    return None if value is _FAILED else tuple(value or ())


class ListTexts:
    """The list texts seen while reading one export, each with what it decodes to (None: the wrong type)."""

    def __init__(self) -> None:
        self.memberships: dict[bytes, Memberships | None] = {}
        self.ids: dict[bytes, tuple[int, ...] | None] = {}

    def memberships_of(self, texts: Sequence[bytes]) -> tuple[list[Memberships], list[Memberships]] | None:
        """Per text of an ``audienceMemberships`` (``null`` for none) its entry, and each distinct entry once in the
        order of the texts that first have it; None when one is not such a list."""
        return _looked_up(texts, self.memberships, _MEMBERSHIPS_ALL, _MEMBERSHIPS_ONE, _membership_entry)

    def ids_of(self, texts: Sequence[bytes]) -> list[tuple[int, ...]] | None:
        """Per text of a list of integer IDs (``null`` for none) the IDs; None when one is not such a list."""
        found = _looked_up(texts, self.ids, _IDS_ALL, _IDS_ONE, _ids_entry)
        return None if found is None else found[0]


def _looked_up(texts: Sequence[bytes], known: dict[bytes, Any], decode_all: Callable[[bytes], list[Any]],
               decode_one: Callable[[bytes], Any], entry: Callable[[Any], Any]) -> tuple[list[Any], list[Any]] | None:
    if len(known) > LISTS_KEPT:
        known.clear()
    distinct = dict.fromkeys(texts)
    fresh = list(distinct.keys() - known.keys())
    if fresh:
        try:  # every new text in one call: the usual case
            decoded = decode_all(b"".join((b"[", b",".join(fresh), b"]")))
        except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
            decoded = [_one(decode_one, text) for text in fresh]
        known.update(zip(fresh, map(entry, decoded)))
    entries = list(map(known.__getitem__, distinct))  # the few distinct texts, not every profile's
    if None in entries:
        return None
    return list(map(known.__getitem__, texts)), entries


def _one(decode: Callable[[bytes], Any], text: bytes) -> Any:
    try:
        return decode(text)
    except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
        return _FAILED
