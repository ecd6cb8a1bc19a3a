"""Unpacking gzip in bounded, cancellable chunks, so a "zip bomb" is refused instead of filling memory.

Deflate packs a run of one byte about 1,000:1, so a 1 MB file can claim 1 GB
of text. Exports of JSON compress far less: the synthetic exports of
``tests/benchmarks/make_export.py`` measure 5.6x (gzip -1) to 8.2x (gzip -9)
minified and 10.8x pretty-printed; real exports are said to reach 10-20x.
The bound is therefore 64 times the compressed size (3x above the most
compressible real JSON), never more than 8 GiB, and never less than 64 MiB:
any file unpacking to 64 MiB or less is harmless to hold whatever its ratio
(2,000 identical small profiles compress about 300x). Output comes in 8 MiB
chunks (about 10 ms of zlib each), with ``cancelled()`` polled in between.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from viewer.reading.load_errors import LoadCancelled, LoadError

CHUNK = 8 << 20
RATIO = 64
FLOOR = 64 << 20
CEILING = 8 << 30


def limit_for(compressed: int) -> int:
    """The most bytes a gzip file of ``compressed`` bytes may unpack to."""
    return min(max(RATIO * compressed, FLOOR), CEILING)


def gunzip(raw: bytes | bytearray, name: str, cancelled: Callable[[], bool] | None = None,
           chunk: int = CHUNK) -> bytearray:
    """The unpacked bytes of a gzip file (all its members); LoadError when damaged or a bomb."""
    limit = limit_for(len(raw))
    out = bytearray()
    data = memoryview(raw)
    try:
        while data:
            unpacker = zlib.decompressobj(wbits=31)  # 31: gzip header and trailer
            pending: bytes | memoryview = data
            while True:
                out += unpacker.decompress(pending, chunk)
                if len(out) > limit:
                    raise LoadError(
                        f"The file is gzip-compressed and unpacks to more than {limit // (1 << 20):,} MiB "
                        f"({len(out) / len(raw):,.0f} times its size, where exports of JSON unpack to about "
                        "5-20 times): it looks like a \u201czip bomb\u201d and was not read.", source=name)
                if cancelled is not None and cancelled():
                    raise LoadCancelled()
                pending = unpacker.unconsumed_tail
                if unpacker.eof or not pending:
                    break
            if not unpacker.eof:
                raise EOFError("compressed file ended before the end-of-stream marker was reached")
            data = memoryview(unpacker.unused_data)
            if data and bytes(data[:2]) != b"\x1f\x8b":
                if data.tobytes().strip(b"\x00"):
                    raise OSError("text after the compressed data is not gzip")
                break  # zero padding after the last member (tape-era tools write it)
    except (OSError, EOFError, zlib.error) as exc:
        raise LoadError(f"The file is gzip-compressed but cannot be unpacked ({exc}).", source=name) from None
    return out
