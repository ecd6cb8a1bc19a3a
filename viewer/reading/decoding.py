"""Turning the bytes of a file into UTF-8 JSON text, and saying clearly when they are not.

Handles what real exports come as: UTF-8 with or without a byte-order mark,
UTF-16 (with a BOM, or without one as some Windows tools write it), gzip, CRLF.
Refuses, with a message a person understands, empty files, HTML error pages
saved as ``.json`` and binary files opened by mistake.
"""

from __future__ import annotations

import codecs
import gzip
import os
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

READ_CHUNK = 8 * 1024 * 1024


class LoadError(Exception):
    """Nothing usable could be read. ``line``/``column`` (1-based) locate malformed JSON."""

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        source: str | None = None,
        snippet: str | None = None,
        snippet_column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.source = source
        self.snippet = snippet  # the offending line (or the part of it around the column)
        self.snippet_column = snippet_column  # 1-based column of the error within ``snippet``

    def pointer(self) -> str:
        """The offending line and, under it, a caret at the column ("" when there is none)."""
        if self.snippet is None:
            return ""
        column = self.snippet_column or self.column or 1
        return f"{self.snippet}\n{' ' * (column - 1)}^"

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        if self.line is not None:
            where += f"line {self.line}, column {self.column}: "
        return where + self.message


class LoadCancelled(Exception):
    """The caller's ``cancelled()`` said stop."""


@dataclass(slots=True)
class Text:
    """A document's JSON text as UTF-8 bytes, with what was done to get it."""

    data: bytes | bytearray  # a file's own buffer is a bytearray, parsed in place
    name: str
    notes: list[str]


def read_file(path: Path, progress: Callable[[int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> bytes | bytearray:
    """Read a file read-only, in chunks so a caller can show progress and cancel.

    Chunks go straight into one buffer (no joining copy); the GIL is released
    while the operating system fills it.
    """
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        buffer = bytearray(size)
        view = memoryview(buffer)
        done = 0
        while done < size:
            count = handle.readinto(view[done:done + READ_CHUNK])
            if not count:
                break
            done += count
            if progress is not None:
                progress(count)
            if cancelled is not None and cancelled():
                raise LoadCancelled()
        view.release()
        if done < size:
            del buffer[done:]  # the file shrank while being read
        rest = handle.read()  # ... or grew
        if rest:
            buffer += rest
    return buffer


_BLANK = re.compile(rb"\s*")
_HTML_START = re.compile(rb"\s*<(?:!doctype|html|head|body|\?xml|!--|title|h1|p\b|div)", re.IGNORECASE)
_HTML_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)


def decode(raw: bytes | bytearray, name: str) -> Text:
    """Bytes as found on disk -> UTF-8 JSON text; raises LoadError when they are not JSON text."""
    notes: list[str] = []
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            raise LoadError(f"The file is gzip-compressed but cannot be unpacked ({exc}).", source=name) from None
        notes.append("gzip-compressed")
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
        notes.append("UTF-8 with byte-order mark")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raw = _from_utf16(raw, "utf-16", name)
        notes.append("UTF-16")
    elif len(raw) >= 4 and raw[0] != 0 and raw[1] == 0 and raw[3] == 0:
        raw = _from_utf16(raw, "utf-16-le", name)
        notes.append("UTF-16 without byte-order mark")
    elif len(raw) >= 4 and raw[0] == 0 and raw[1] != 0 and raw[2] == 0:
        raw = _from_utf16(raw, "utf-16-be", name)
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
    if b"\x00" in head or _looks_binary(head):
        raise LoadError(
            "This is not a text file (it holds binary data). Customer-profile exports are JSON "
            "text, NDJSON, or gzip-compressed JSON.",
            source=name,
        )
    return Text(raw, name, notes)


def _from_utf16(raw: bytes | bytearray, codec: str, name: str) -> bytes:
    try:
        return raw.decode(codec).encode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError) as exc:  # the UnicodeErrors that have a ``reason``
        raise LoadError(f"The file looks like UTF-16 text but cannot be decoded ({exc.reason}).",
                        source=name) from None


def _looks_binary(head: bytes | bytearray) -> bool:
    """Many control characters or invalid UTF-8 at the start: not a text file."""
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls > max(2, len(head) // 50):
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut by the 4 KiB window is fine
        return exc.start < len(head) - 4
    return False


def _plain(data: bytes) -> str:
    return " ".join(data.decode("utf-8", "replace").split())


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


def malformed(data: bytes | bytearray, offset: int, message: str, source: str) -> LoadError:
    """A LoadError for JSON that stops being valid at ``offset``."""
    line, column = line_column(data, offset)
    snippet, caret = excerpt(data, offset)
    return LoadError(
        f"This is not valid JSON: {message} at line {line}, column {column}.",
        line=line,
        column=column,
        source=source,
        snippet=snippet,
        snippet_column=caret,
    )
