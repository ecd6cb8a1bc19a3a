"""A profile's JSON text as the file wrote it, for NDJSON and JSON-array exports (no Qt).

The reader keeps where each profile's text is (``Profile.where``: the file's
UTF-8 text and a byte span; ``export.profiles.span(i)`` gives it without
building the profile). Copying those bytes is what makes an NDJSON export of
100,000 profiles cost a fraction of a parse: building each profile from its
span first would cost about a parse again. A profile without a span (made by
hand, or by an older reader) is written from its mapping, every digit of big
integers and exact decimals kept. Pretty-printed text goes on one line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import orjson

from viewer.model.profile import Profile
from viewer.writing.cells import value_json

_SPACE = " \t\r"  # JSON's white space besides the line feed it is split at
_SPACE_BYTES = b" \t\r"


def profile_json(profile: Profile) -> str:
    """The profile's JSON text on one line: the file's own text when the reader kept it."""
    text = getattr(profile, "source_text", None)
    if isinstance(text, str):
        return one_line(text) if "\n" in text or "\r" in text else text
    return profile_json_bytes(profile).decode("utf-8", "surrogatepass")


def profile_json_bytes(profile: Profile) -> bytes:
    """``profile_json`` as UTF-8: the file's bytes when the reader kept their place, else written again."""
    data = _span_bytes(getattr(profile, "where", None))
    if data is not None:
        return data
    text = getattr(profile, "source_text", None)
    if isinstance(text, str):
        if "\n" in text or "\r" in text:
            text = one_line(text)
        return text.encode("utf-8", "surrogatepass")
    try:
        return orjson.dumps(profile.raw)
    except (orjson.JSONEncodeError, TypeError):  # exact decimals, integers beyond 64 bits, deep nesting
        return value_json(profile.raw).encode("utf-8", "surrogatepass")


def json_batches(profiles: Sequence[Profile], indices: Sequence[int] | None, size: int) -> Iterator[list[bytes]]:
    """The profiles' texts (all, or those at ``indices``), ``size`` at a time, without building them where possible."""
    span = getattr(profiles, "span", None)
    chosen: Sequence[int] = range(len(profiles)) if indices is None else indices
    for start in range(0, len(chosen), size):
        batch = chosen[start:start + size]
        texts: list[bytes] = []
        for index in batch:
            data = _span_bytes(span(index)) if span is not None else None
            texts.append(data if data is not None else profile_json_bytes(profiles[index]))
        yield texts


def _span_bytes(where: Any) -> bytes | None:
    """The bytes of a ``(text, start, end)`` span on one line, or None when there is no usable span."""
    try:
        text, start, end = where
        data: bytes = text.bytes_at(start, end)
    except (TypeError, ValueError, AttributeError):
        return None
    if b"\n" in data or b"\r" in data:
        data = b"".join(line.strip(_SPACE_BYTES) for line in data.split(b"\n"))
    return data


def one_line(text: str) -> str:
    """Pretty-printed JSON on one line, strings untouched: a raw line break can only be white space.

    JSON strings cannot hold a raw line break (it must be written ``\\n``), so
    every CR or LF in valid JSON text lies between tokens and may go.
    """
    return "".join(line.strip(_SPACE) for line in text.split("\n"))
