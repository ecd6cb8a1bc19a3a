"""The three export formats as bytes, a batch of profiles at a time (no Qt).

- CSV: a header, then one row per profile; UTF-8, optionally with the
  byte-order mark Excel needs to read UTF-8; rows end in CRLF (RFC 4180).
- NDJSON: each profile's JSON text on a line of its own.
- JSON: an array of the same texts, one per line, so the file is valid JSON
  and still greps like NDJSON.

Batches keep ``progress`` and ``cancelled`` responsive: 2,000 profiles of the
benchmark export are about 2 MB of text and take a few milliseconds.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from viewer.model.profile import Profile
from viewer.writing.cells import Column
from viewer.writing.profile_text import json_batches
from viewer.writing.safe_file import ExportError
from viewer.writing.table_rows import TableRows

CSV, NDJSON, JSON = "csv", "ndjson", "json"
EXTENSIONS = {".csv": CSV, ".ndjson": NDJSON, ".jsonl": NDJSON, ".json": JSON}
BATCH = 2000
UTF8_BOM = b"\xef\xbb\xbf"


def format_for(path: str | os.PathLike[str]) -> str:
    """The format a file name asks for by its extension; ``ExportError`` for any other name."""
    suffix = Path(path).suffix.lower()
    try:
        return EXTENSIONS[suffix]
    except KeyError:
        raise ExportError(f"{Path(path).name}: the name must end in .csv, .ndjson, .jsonl or .json "
                          "to say the format.") from None


def batches(fmt: str, profiles: Sequence[Profile], columns: Sequence[Column] = (), bom: bool = False,
            indices: Sequence[int] | None = None) -> Iterator[tuple[int, bytes]]:
    """(profiles written so far, bytes) for the export of ``profiles`` (those at ``indices``) as ``fmt``."""
    if fmt == CSV:
        return csv_batches(profiles, columns, bom, indices)
    if fmt == NDJSON:
        return ndjson_batches(profiles, indices)
    if fmt == JSON:
        return json_array_batches(profiles, indices)
    raise ValueError(f"unknown export format {fmt!r}")


def csv_batches(profiles: Sequence[Profile], columns: Sequence[Column], bom: bool,
                indices: Sequence[int] | None = None) -> Iterator[tuple[int, bytes]]:
    """The CSV file: the header first (with the byte-order mark when asked), then rows in batches."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.title for column in columns])
    head = buffer.getvalue().encode("utf-8")
    yield 0, (UTF8_BOM + head) if bom else head
    table = TableRows(profiles, columns)
    chosen: Sequence[int] = range(len(profiles)) if indices is None else indices
    for start in range(0, len(chosen), BATCH):
        batch = chosen[start:start + BATCH]
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(table.rows(batch))
        yield start + len(batch), buffer.getvalue().encode("utf-8", "surrogatepass")


def ndjson_batches(profiles: Sequence[Profile], indices: Sequence[int] | None = None) -> Iterator[tuple[int, bytes]]:
    """One profile's JSON text per line."""
    done = 0
    for texts in json_batches(profiles, indices, BATCH):
        done += len(texts)
        yield done, b"\n".join(texts) + b"\n"


def json_array_batches(profiles: Sequence[Profile],
                       indices: Sequence[int] | None = None) -> Iterator[tuple[int, bytes]]:
    """A JSON array of the profiles' texts, one per line."""
    total = len(profiles) if indices is None else len(indices)
    if not total:
        yield 0, b"[]\n"
        return
    done = 0
    for texts in json_batches(profiles, indices, BATCH):
        opener = b"[\n" if done == 0 else b",\n"
        done += len(texts)
        yield done, opener + b",\n".join(texts) + (b"\n]\n" if done == total else b"")


def tab_separated(rows: Sequence[Sequence[str]]) -> str:
    """Rows as tab-separated text that pastes into a spreadsheet, one row per line.

    A cell holding a tab, a line break or a quote is quoted the way Excel and
    LibreOffice read it on paste; other cells are left as they are.
    """
    buffer = io.StringIO()
    csv.writer(buffer, dialect="excel-tab", lineterminator="\n").writerows(rows)
    return buffer.getvalue()
