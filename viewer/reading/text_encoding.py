"""Text that is not valid UTF-8: a whole file in a legacy 8-bit encoding, or a few damaged bytes.

orjson refuses a piece of text holding one invalid UTF-8 byte as a whole,
without a position (one bad byte in the middle of a 3,000-profile array lost
1,791 profiles and made 51 problems). So the bytes are checked first, in small
chunks: ``isascii`` answers in microseconds for ASCII files; otherwise the C
decoder takes 12-19 ms for the 87 MB benchmark export in 64 KiB chunks, against
52-99 ms in 4 MiB or 256 KiB chunks in a fresh process: each chunk's decoded
``str`` was then a fresh mapping of memory, its pages faulted in every time.

When invalid bytes outnumber valid multi-byte characters, the file as a whole
is in another encoding (Windows-1252, or Latin-1 when it holds bytes that
Windows-1252 leaves undefined) and is converted with a warning. Otherwise each
invalid sequence is replaced by U+FFFD, as text editors do: the profile
holding it is kept, and a problem gives the line and column of the byte.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass, field

from viewer.model.problems import Problem, Severity

CHECK_CHUNK = 64 << 10  # below the C library's first threshold for mapping a block of its own (128 KiB)
MAX_REPORTED = 20
REPLACEMENT = "\ufffd".encode("utf-8")
_ASCII = bytes(range(128))


@dataclass(slots=True)
class Repaired:
    """UTF-8 text, what was done to get it, and the problems that tell the reader."""

    data: bytes | bytearray
    problems: list[Problem] = field(default_factory=list)
    note: str | None = None


def invalid_spans(data: bytes | bytearray) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each invalid UTF-8 sequence (the spans ``errors="replace"`` turns into one U+FFFD)."""
    if data.isascii():
        return
    size = len(data)
    pos = 0
    with memoryview(data) as view:
        while pos < size:
            final = pos + CHECK_CHUNK >= size
            try:
                _, used = codecs.utf_8_decode(view[pos:pos + CHECK_CHUNK], "strict", final)
            except UnicodeDecodeError as exc:
                yield pos + exc.start, pos + exc.end
                pos += exc.end
                continue
            if used == 0:  # cannot happen (only the final chunk can be a bare fragment): never loop forever
                return
            pos += used


def to_utf8(data: bytes | bytearray, name: str) -> Repaired:
    """``data`` as valid UTF-8, converted or repaired when it is not (see the module docstring)."""
    spans = invalid_spans(data)
    first = next(spans, None)
    if first is None:
        return Repaired(data)
    found = [first, *spans]
    bad = sum(end - start for start, end in found)
    high = len(data.translate(None, _ASCII))  # bytes 0x80-0xFF
    if bad > high - bad:
        return _legacy(data, name, first[0])
    return _replaced(data, found, name)


def _legacy(data: bytes | bytearray, name: str, first: int) -> Repaired:
    """``data`` read as Windows-1252 (or Latin-1); the problem is at ``first``, its first byte that is not UTF-8.

    Each byte is one character in either encoding, so its column is its distance from the line's start.
    """
    try:
        text, encoding = data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in Windows-1252
        text, encoding = data.decode("latin-1"), "Latin-1"
    line = data.count(b"\n", 0, first) + 1
    column = first - (data.rfind(b"\n", 0, first) + 1) + 1
    message = (f"line {line}, column {column}: the file is not UTF-8 (the byte 0x{data[first]:02X} there is the "
               f"first that is not): it was read as {encoding} (Western European), the encoding its bytes fit; "
               "check that names with accents look right")
    problem = Problem("file", message, Severity.WARNING, line=line, column=column, source=name)
    return Repaired(bytearray(text.encode("utf-8")), [problem], f"{encoding}, converted to UTF-8")


def _replaced(data: bytes | bytearray, spans: list[tuple[int, int]], name: str) -> Repaired:
    """Each invalid sequence replaced by U+FFFD; the first ``MAX_REPORTED`` reported where they are."""
    parts: list[bytes | memoryview] = []
    problems: list[Problem] = []
    done = 0
    line, line_start, column_at, column = 1, 0, 0, 1  # ``column`` is the column of offset ``column_at``
    with memoryview(data) as view:
        for number, (start, end) in enumerate(spans):
            parts += (view[done:start], REPLACEMENT)
            if number < MAX_REPORTED:
                newlines = data.count(b"\n", done, start)
                if newlines:
                    line += newlines
                    line_start = data.rfind(b"\n", done, start) + 1
                    column_at, column = line_start, 1
                column += len(data[column_at:start].decode("utf-8", "replace"))
                column_at = start
                shown = " ".join(f"0x{b:02X}" for b in data[start:end])
                what = "byte" if end - start == 1 else "bytes"
                problems.append(Problem(
                    "file", f"line {line}, column {column}: the {what} {shown} {'is' if what == 'byte' else 'are'} "
                    "not valid UTF-8 and shown as \ufffd", Severity.ERROR, line=line, column=column, source=name))
            done = end
        parts.append(view[done:])
        repaired = bytearray().join(parts)
        parts.clear()  # release the views before the memoryview closes
    if len(spans) > MAX_REPORTED:
        problems.append(Problem(
            "file", f"{len(spans):,} places in all are not valid UTF-8 and shown as \ufffd; "
            f"the first {MAX_REPORTED} are listed", Severity.ERROR, source=name))
    return Repaired(repaired, problems, "UTF-8 with invalid bytes replaced")
