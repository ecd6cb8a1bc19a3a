"""Turning the bytes of a file into UTF-8 JSON text, and saying clearly when they are not.

Handles what real exports come as: UTF-8 with or without a byte-order mark,
UTF-16 (with a BOM, or without one as some Windows tools write it), gzip, CRLF.
Refuses, with a message a person understands, empty files, HTML error pages
saved as ``.json`` and binary files opened by mistake.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from viewer.model.problems import Problem
from viewer.reading.file_backing import FileBacking, identity
from viewer.reading.file_kind import open_regular, refusal
from viewer.reading.gzip_bounded import gunzip
from viewer.reading.load_errors import LoadCancelled, LoadError
from viewer.reading.text_encoding import to_utf8

READ_CHUNK = 8 * 1024 * 1024
WHOLE_READ = 128 * 1024 * 1024


@dataclass(slots=True)
class Text:
    """A document's JSON text as UTF-8 bytes, with what was done to get it."""

    data: bytes | bytearray  # a file's own buffer (bytes when read in one call), parsed in place
    name: str
    notes: list[str]
    problems: list[Problem] = field(default_factory=list)  # what decoding changed, for the reader to see


def read_file(path: Path, progress: Callable[[int], None] | None = None,
              cancelled: Callable[[], bool] | None = None,
              kept: list[FileBacking] | None = None) -> bytes | bytearray:
    """Read a file read-only, in chunks so a caller can show progress and cancel.

    Each chunk is read with the GIL released and appended to one growing
    buffer (a few ms of copying per 8 MB). A buffer of the file's size made
    up front would be zero-filled first, in one call that holds the GIL:
    about 60 ms for 87 MB and 200 ms for 321 MB, a stall of the window.
    A file of at most ``WHOLE_READ`` bytes is read in one call instead, into
    the buffer that is returned (GIL released, no copy): for 87 MB 0.13 s
    against 0.22 s in chunks on a busy machine, the chunks' copying and page
    faults being the difference; from the page cache it ends well within a Cancel's 0.2 s.
    Pipes, sockets and devices are refused before a byte is read (``file_kind``).
    With ``kept``, the file is appended to it (``FileBacking``: its bytes can be
    read again) when it did not change while it was read.
    """
    fd, kind = open_regular(path)
    if kind is not None:
        raise LoadError(refusal(kind), source=str(path))
    buffer: bytes | bytearray = bytearray()
    try:
        before = os.fstat(fd)
        if 0 < before.st_size <= WHOLE_READ:
            whole = os.read(fd, before.st_size + 1)  # one more byte: a file that grew is read on in chunks
            if progress is not None:
                progress(len(whole))
            if cancelled is not None and cancelled():
                raise LoadCancelled()
            # a bytearray when it grew, or to lose a byte-order mark in place (``decode``: the text is the file's)
            plain = len(whole) == before.st_size and not whole.startswith(codecs.BOM_UTF8)
            buffer = whole if plain else bytearray(whole)
            del whole
        with open(fd, "rb", closefd=False) as handle:
            while True:
                chunk = handle.read(READ_CHUNK)
                if not chunk:
                    break
                if isinstance(buffer, bytes):
                    buffer = bytearray(buffer)  # it grew while read
                buffer += chunk
                if progress is not None:
                    progress(len(chunk))
                del chunk
                if cancelled is not None and cancelled():
                    raise LoadCancelled()
        after = os.fstat(fd)
        if kept is not None and identity(before) == identity(after) and after.st_size == len(buffer):
            kept.append(FileBacking(path, fd, after))  # it owns the descriptor now
            fd = -1
    finally:
        if fd >= 0:
            os.close(fd)
    return buffer


_BLANK = re.compile(rb"[ \t\r\n]*")  # JSON's white space: a form feed is not
_JSON_START = re.compile(rb"[ \t\r\n]*[\[{]")
_HTML_START = re.compile(rb"\s*<(?:!doctype|html|head|body|\?xml|!--|title|h1|p\b|div)", re.IGNORECASE)
_HTML_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)


def decode(raw: bytes | bytearray, name: str, cancelled: Callable[[], bool] | None = None) -> Text:
    """Bytes as found on disk -> UTF-8 JSON text; raises LoadError when they are not JSON text."""
    notes: list[str] = []
    problems: list[Problem] = []
    if raw[:2] == b"\x1f\x8b":
        raw = gunzip(raw, name, cancelled)
        notes.append("gzip-compressed")
    utf8 = True  # whether the bytes still need checking as UTF-8 (UTF-16 was re-encoded)
    if raw.startswith(codecs.BOM_UTF8):
        if isinstance(raw, bytearray):
            del raw[:3]  # O(1) for a bytearray (its start moves); a slice would copy the whole file
        else:
            raw = raw[3:]
        notes.append("UTF-8 with byte-order mark")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raw, utf8 = _from_utf16(raw, "utf-16", name), False
        notes.append("UTF-16")
    elif len(raw) >= 4 and raw[0] != 0 and raw[1] == 0 and raw[3] == 0:
        raw, utf8 = _from_utf16(raw, "utf-16-le", name), False
        notes.append("UTF-16 without byte-order mark")
    elif len(raw) >= 4 and raw[0] == 0 and raw[1] != 0 and raw[2] == 0:
        raw, utf8 = _from_utf16(raw, "utf-16-be", name), False
        notes.append("UTF-16 without byte-order mark")
    head = raw[:4096]
    if _BLANK.fullmatch(raw):
        raise LoadError("The file is empty: there is nothing to show." if not raw else
                        "The file holds only white space: there is nothing to show.", source=name)
    if _HTML_START.match(head):
        title = _HTML_TITLE.search(raw[:65536])
        what = ""
        if title:
            what = " (its title: \u201c" + _plain(title.group(1))[:120] + "\u201d)"
        raise LoadError(
            "This is an HTML page, not JSON" + what + ". It is often an error or login page "
            "saved instead of the export: download the export again.",
            source=name,
        )
    if looks_binary(head):
        raise LoadError(
            "This is not a text file (it holds binary data). Customer-profile exports are JSON "
            "text, NDJSON, or gzip-compressed JSON.",
            source=name,
        )
    if utf8:
        repaired = to_utf8(raw, name)
        raw, problems = repaired.data, repaired.problems
        if repaired.note:
            notes.append(repaired.note)
    return Text(raw, name, notes, problems)


def _from_utf16(raw: bytes | bytearray, codec: str, name: str) -> bytes:
    try:
        return raw.decode(codec).encode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError) as exc:  # the UnicodeErrors that have a ``reason``
        raise LoadError(f"The file looks like UTF-16 text but cannot be decoded ({exc.reason}).",
                        source=name) from None


def looks_binary(head: bytes | bytearray) -> bool:
    """Many control characters at the start, or invalid UTF-8 in text not starting like JSON: not a text file.

    A few stray control bytes (even NUL) in text are reported where they are by
    the JSON reading; invalid UTF-8 after a "{" or "[" is text in another
    encoding or with a damaged byte (``text_encoding``). Binary formats are
    full of control bytes: the PNG, zip and random files of the tests hold 10 %
    or more in their first 4 KiB, text files a handful at most.
    """
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls > max(2, len(head) // 50):
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut by the 4 KiB window is fine
        return exc.start < len(head) - 4 and not _JSON_START.match(head)
    return False


def _plain(data: bytes) -> str:
    return " ".join(data.decode("utf-8", "replace").split())


def text_end(data: bytes | bytearray, end: int) -> int:
    """The offset just past the last byte before ``end`` that is not JSON white space (no copy of the data)."""
    while end > 0 and data[end - 1] in b" \t\r\n":
        end -= 1
    return end


def line_column(data: bytes | bytearray, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    offset = max(0, min(offset, len(data)))
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", "replace")) + 1
    return line, column


def excerpt(data: bytes | bytearray, offset: int, width: int = 100) -> tuple[str, int]:
    """The line around a byte offset, cut to about ``width`` characters around it.

    Returns the text and the 1-based column of the offset within that text, so a
    caret can be drawn under it even in a 100 MB single-line file.
    """
    offset = max(0, min(offset, len(data)))
    start = data.rfind(b"\n", 0, offset) + 1
    end = data.find(b"\n", offset)
    end = len(data) if end < 0 else end
    whole_before = data[max(start, offset - width * 4):offset].decode("utf-8", "replace")
    before = whole_before[-(width // 2):]
    whole_after = data[offset:min(end, offset + width * 4)].decode("utf-8", "replace").rstrip("\r")
    after = whole_after[: width - len(before)]
    # "…" says the line goes on beyond what is shown
    if len(before) < len(whole_before) or offset - width * 4 > start:
        before = "\u2026" + before
    if len(after) < len(whole_after) or offset + width * 4 < end:
        after += "\u2026"
    text = before + after
    # control characters would shift the caret or break the dialog's layout
    text = "".join(ch if ch >= " " or ch == "\t" else "\ufffd" for ch in text).replace("\t", " ")
    return text, len(before) + 1


_CONTROL_NAMES = {0x00: "a NUL byte", 0x0B: "a vertical tab", 0x0C: "a form feed", 0x1B: "an escape character",
                  0x7F: "a delete character"}


def stray_byte(data: bytes | bytearray, offset: int) -> str:
    """What a control byte at ``offset`` is, to add to an error's message ("" for any other byte).

    JSON allows only space, tab, line feed and carriage return between values
    and no control character unescaped inside a string; a stray one is named
    with its code so it can be found in a hex editor.
    """
    byte = data[offset] if 0 <= offset < len(data) else 0x20
    if byte >= 0x20 and byte != 0x7F or byte in (0x09, 0x0A, 0x0D):
        return ""
    name = _CONTROL_NAMES.get(byte, "a control character")
    rule = "JSON does not count it as white space" if byte in (0x0B, 0x0C) else "JSON text does not allow it here"
    return f"; the byte there is {name} (0x{byte:02X}): {rule}"


def malformed(data: bytes | bytearray, offset: int, message: str, source: str) -> LoadError:
    """A LoadError for JSON that stops being valid at ``offset``."""
    line, column = line_column(data, offset)
    snippet, caret = excerpt(data, offset)
    return LoadError(
        f"This is not valid JSON: {message} at line {line}, column {column}{stray_byte(data, offset)}.",
        line=line,
        column=column,
        source=source,
        snippet=snippet,
        snippet_column=caret,
    )
