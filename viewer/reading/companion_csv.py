"""Reading Talon.One's CSV exports (sessions, loyalty balances and tiers, audience members).

A file's kind is told by its header row, whatever its name: column names are
matched without regard to case or underscores (``loyaltyProgramID``,
``loyaltyprogramid`` and ``loyalty_program_id`` are one column). Rows are read
with the ``csv`` module from the UTF-8 text ``decoding.decode`` made (byte-order
mark removed, CRLF or LF). Each row becomes a typed record of
``viewer.model.companions`` keyed by the profile's integration ID; every odd
cell becomes a ``Problem`` at ``file:line.column`` and its row is kept.

Files of more than ``EAGER_ROWS`` rows (sessions: ``EAGER_SESSION_ROWS``) whose lines are each one row (no line
break inside a quoted cell) are indexed, not built (``companion_index``): each
row's line is kept and becomes a record when a profile's rows are first asked
for (tests/benchmarks/bench_companions.py). Each line's key cell is found by
``companion_scan`` with numpy, a megabyte of lines at a time: 1,000,000 session
rows are read and joined in 1.8-2.0x a bare parse of their 100,000 profiles,
where a regular expression per line took 3.4x. The first
``SAMPLE_ROWS`` rows are built while loading, so their problems and the date
format are reported; of later rows only date-times with the broken offset
``Z07:00`` are found (counted by one search of the text), other problems not.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from viewer.model.companions import KIND_LABELS, CompanionFile, CompanionKind
from viewer.model.problems import Problem, Severity
from viewer.reading.companion_index import (
    BLANK,
    PIECE,
    WIDEST_SORTED,
    Grouped,
    LazyRows,
    Lines,
    RowTable,
    cells,
    group,
    group_array,
    padded,
)
from viewer.reading.companion_rows import BUILDERS, Report
from viewer.reading.companion_scan import scan
from viewer.reading.decoding import Text
from viewer.reading.load_errors import LoadCancelled, LoadError

EAGER_ROWS = 50_000  # a balance or tier row takes about 10 us to build, a profile about 10 us to parse
EAGER_SESSION_ROWS = 20_000  # a session row takes about 50 us to build (six JSON cells, four dates)
_BROKEN_OFFSET = re.compile(rb"Z\d\d:\d\d")  # starts with a literal: searched at C speed (0.2 s for 320 MB)
SAMPLE_ROWS = 100
_CHUNK = 1 << 20  # bytes of lines indexed between two polls of ``cancelled``

COLUMNS: dict[CompanionKind, tuple[str, ...]] = {
    "sessions": ("id", "firstsession", "integrationid", "applicationid", "profileid", "profileintegrationid",
                 "created", "state", "cartitems", "discounts", "total", "attributes", "closedat", "cancelledat",
                 "referral", "identifiers", "additionalcosts", "updated", "storeintegrationid", "coupons"),
    "balances": ("loyaltyprogramid", "loyaltysubledger", "profileintegrationid", "currentbalance",
                 "pendingbalance", "expiredbalance", "spentbalance", "currenttier"),
    "tiers": ("programid", "subledgerid", "customerprofileid", "tiername", "startdate", "expirydate"),
    "members": ("profileintegrationid",),
}
"""Each kind's columns as matched (lowercase, no underscores), in Talon.One's order."""

REQUIRED: dict[CompanionKind, frozenset[str]] = {
    "sessions": frozenset({"integrationid", "profileintegrationid", "state", "created"}),
    "balances": frozenset({"loyaltyprogramid", "profileintegrationid", "currentbalance"}),
    "tiers": frozenset({"programid", "customerprofileid", "tiername"}),
    "members": frozenset({"profileintegrationid"}),
}
"""The columns that tell a kind apart; the others may be missing (read as empty, with a problem)."""

KEY_COLUMN: dict[CompanionKind, str] = {
    "sessions": "profileintegrationid", "balances": "profileintegrationid",
    "tiers": "customerprofileid", "members": "profileintegrationid",
}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_ .-]{0,80}\Z")
_HEAD_LIMIT = 65536


@dataclass(frozen=True, slots=True)
class Header:
    """A CSV header row: its cells as written and the kind they match (``None``: no kind)."""

    names: tuple[str, ...]
    kind: CompanionKind | None


@dataclass(slots=True)
class CompanionRead:
    """One companion file as read: its summary, its rows by integration ID, its problems."""

    file: CompanionFile
    groups: dict[str, Any] = field(default_factory=dict)  # integration ID -> list or LazyRows (members: count)
    problems: list[Problem] = field(default_factory=list)


def _norm(name: str) -> str:
    return name.strip().lower().replace("_", "").replace(" ", "")


def sniff(data: bytes | bytearray) -> Header | None:
    """The header of a CSV export at the start of ``data``; ``None`` when the text is not one (e.g. JSON)."""
    end = data.find(b"\n", 0, _HEAD_LIMIT)
    first = bytes(data[: end if end >= 0 else _HEAD_LIMIT]).rstrip(b"\r").lstrip()
    if not first or first[:1] in (b"{", b"["):
        return None
    try:
        names = next(csv.reader([first.decode("utf-8")]))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return None
    if not names or not all(_NAME.match(name.strip()) for name in names):
        return None
    found = {_norm(name) for name in names}
    for kind, required in REQUIRED.items():
        if required <= found and (kind != "members" or len(found) <= 2):
            return Header(tuple(names), kind)
    return Header(tuple(names), None) if len(names) > 1 else None


def unknown_header(header: Header, source: str) -> LoadError:
    """The error for a CSV whose header matches no kind: the columns found and the kinds expected."""
    found = ", ".join(header.names)
    expected = "; ".join(f"{KIND_LABELS[kind]} ({', '.join(sorted(REQUIRED[kind]))})" for kind in COLUMNS)
    return LoadError(f"This CSV file's header ({found}) matches none of the Talon.One exports the viewer "
                     f"reads. Expected the columns of: {expected}.", source=source)


def read(text: Text, header: Header, step: Callable[[int], None] | None = None,
         cancelled: Callable[[], bool] | None = None) -> CompanionRead:
    """Read the rows of a companion file whose ``header`` was sniffed; raises ``LoadError`` for no kind."""
    if header.kind is None:
        raise unknown_header(header, text.name)
    kind = header.kind
    data = text.data
    result = CompanionRead(CompanionFile(text.name, kind))
    name = result.file.name
    index = {_norm(n): i for i, n in reversed(list(enumerate(header.names)))}
    width = len(header.names)
    columns = tuple(index.get(c, width) for c in COLUMNS[kind])  # a missing column reads the padding cell
    missing = [c for c, i in zip(COLUMNS[kind], columns) if i == width]
    if missing:
        result.problems.append(Problem(f"{name}:1", f"the header has no column {', '.join(missing)}: "
                                       "read as empty", Severity.WARNING, line=1, source=text.name))
    forms: set[str] = set()
    shown = {_norm(n): n.strip() for n in header.names}
    labels = tuple(shown.get(c, c) for c in COLUMNS[kind])

    def report(line: int, position: int, message: str) -> None:
        column = labels[position]
        result.problems.append(Problem(f"{name}:{line}.{column}", message, Severity.WARNING, field=column,
                                       line=line, column=columns[position] + 1, source=text.name))

    eager = EAGER_SESSION_ROWS if kind == "sessions" else EAGER_ROWS
    if len(data) > eager * 16 and kind != "members":  # at least 16 bytes a row: may be more than ``eager`` rows
        if _has_lines(data, eager + 1) and _index(result, data, width, columns, report, forms, cancelled):
            result.file.date_format = _date_format(forms)
            if step is not None:
                step(len(data))
            return result
    _read_all(result, data, width, columns, report, forms, cancelled)
    result.file.date_format = _date_format(forms)
    if step is not None:
        step(len(data))
    return result


def _date_format(forms: set[str]) -> str:
    return " and ".join(sorted(forms))


def _read_all(result: CompanionRead, data: bytes | bytearray, width: int, columns: tuple[int, ...],
              report: Callable[[int, int, str], None], forms: set[str], cancelled: Callable[[], bool] | None) -> None:
    """Every row built now, with its problems (files of up to ``EAGER_ROWS`` rows, or multi-line cells)."""
    kind = result.file.kind
    build = BUILDERS[kind]
    source = result.file.path
    groups = result.groups
    key = columns[COLUMNS[kind].index(KEY_COLUMN[kind])]
    reader = csv.reader(io.StringIO(bytes(data).decode("utf-8", "replace"), newline=""))
    name = result.file.name
    try:
        next(reader)  # the header
        line = reader.line_num + 1
        for count, cells in enumerate(reader):
            start, line = line, reader.line_num + 1
            if count % 20_000 == 19_999 and cancelled is not None and cancelled():
                raise LoadCancelled()
            if not cells or cells == [""]:
                continue
            result.file.rows += 1
            if len(cells) == width:
                cells.append("")
            else:
                result.problems.append(Problem(
                    f"{name}:{start}", f"the row has {len(cells)} cells, the header {width}: "
                    f"{'missing cells read as empty' if len(cells) < width else 'the extra cells are not shown'}",
                    Severity.WARNING, line=start, source=source))
                cells = padded(cells, width)
            owner = cells[key]
            if kind == "members":
                groups[owner] = groups.get(owner, 0) + 1
                continue
            record = build(cells, columns, start, source, _reporter(report, start), forms)
            group = groups.get(owner)
            if group is None:
                groups[owner] = [record]
            else:
                group.append(record)
    except csv.Error as exc:
        result.problems.append(Problem(f"{name}:{reader.line_num}", f"the CSV text cannot be read on from here "
                                       f"({exc}); the rows before it were kept", Severity.ERROR,
                                       line=reader.line_num, source=source))
    if "" in groups:
        rows = groups[""] if kind == "members" else len(groups[""])
        result.problems.append(Problem(name, f"{rows:,} rows have no profile integration ID", Severity.WARNING,
                                       source=source))


def _reporter(report: Callable[[int, int, str], None], line: int) -> Report:
    def at(position: int, message: str) -> None:
        report(line, position, message)
    return at


def _has_lines(data: bytes | bytearray, count: int) -> bool:
    """Whether ``data`` holds at least ``count`` line feeds (counted from the start, stopping when found)."""
    found = start = 0
    while start < len(data):
        found += data.count(b"\n", start, start + _CHUNK)
        if found >= count:
            return True
        start += _CHUNK
    return False


def _index(result: CompanionRead, data: bytes | bytearray, width: int,
           columns: tuple[int, ...], report: Callable[[int, int, str], None], forms: set[str],
           cancelled: Callable[[], bool] | None) -> bool:
    """Rows by integration ID without building them: one ``LazyRows`` per profile over the file's lines.

    Returns ``False`` when a quoted cell holds a line break: then lines are not rows.
    """
    kind = result.file.kind
    build = BUILDERS[kind]
    source = result.file.path
    key = columns[COLUMNS[kind].index(KEY_COLUMN[kind])]
    lines = Lines(data)
    parts: list[Any] = []  # each stretch's keys
    unsure: list[int] = []  # lines whose key the csv module reads (the header, blank lines, quoted cells)
    size = len(data)
    start = count = 0
    while True:  # stretches of whole lines: the work between two polls of ``cancelled`` is a few ms
        end = data.find(b"\n", start + _CHUNK) + 1 or size
        found = scan(data, start, end, key, PIECE, WIDEST_SORTED)
        if not found.rows_only:  # a line of an odd count of quotes: a line break inside quotes
            return False
        lines.add_pieces(found.piece_starts, [count + n for n in found.piece_lines])
        unsure += [count + n for n in found.unsure]
        parts.append(found.keys)
        count += len(found.keys)
        if cancelled is not None and cancelled():
            raise LoadCancelled()
        if end >= size:
            break
        start = end
    fixes = {0: BLANK}  # the header
    blank = 0
    for number in unsure:
        if number:
            line = lines[number]
            if not line.strip():
                blank += 1
                fixes[number] = BLANK
            else:
                fixes[number] = cells(line, width)[key].encode("utf-8")
    result.file.rows = count - blank - 1
    grouped = _grouped(parts, fixes, cancelled)  # sorted off the GUI thread: a profile's rows are one run of it
    rows = result.file.rows
    table: RowTable[Any] = RowTable(lines, width, columns, build, source, forms)
    groups = result.groups
    numbers, bounds = grouped.numbers, grouped.bounds
    # One decode for all the IDs (a key holds no line feed, which ends any bad UTF-8 sequence before it):
    # 100,000 decodes and a loop over them took 0.15 s more
    names = b"\n".join(grouped.owners).decode("utf-8", "replace").split("\n") if grouped.owners else []
    groups.update(zip(names, map(LazyRows, repeat(numbers), bounds[:-1], bounds[1:], repeat(table))))
    groups.pop(BLANK.decode(), None)  # the header and blank lines
    sampled = 0
    for number in range(1, count):
        if sampled >= SAMPLE_ROWS:
            break
        if lines[number].strip():
            sampled += 1
            build(cells(lines[number], width), columns, number + 1, source, _reporter(report, number + 1), forms)
    broken = len(_BROKEN_OFFSET.findall(data)) if kind == "tiers" else 0  # a bug of the tiers export
    if broken:
        result.problems.append(Problem(result.file.name, f"{broken:,} date-times put Z before an offset (Go's "
                                       "layout text Z07:00 written instead of the time zone): not read, shown "
                                       "as written", Severity.WARNING, source=source))
    result.problems.append(Problem(result.file.name, f"{rows:,} rows: the first {sampled} were checked while "
                                   "loading, the others are read when a profile's rows are shown",
                                   Severity.INFO, source=source))
    return True


def _grouped(parts: list[Any], fixes: dict[int, bytes], cancelled: Callable[[], bool] | None) -> Grouped:
    """The keys of every stretch, with the lines read by csv put in, grouped (numpy, or Python for long keys)."""
    import numpy as np

    widest = max(len(key) for key in fixes.values())
    if widest > WIDEST_SORTED or not all(isinstance(part, np.ndarray) for part in parts):
        keys: list[bytes] = [key for part in parts for key in (part.tolist() if isinstance(part, np.ndarray) else part)]
        for number, key in fixes.items():
            keys[number] = key
        return group(keys, cancelled)
    array = np.concatenate(parts)
    if array.dtype.itemsize < widest:
        array = array.astype(f"S{widest}")
    numbers = list(fixes)
    array[numbers] = list(fixes.values())
    return group_array(array)


def is_companion_file(path: str) -> bool:
    """Whether the file at ``path`` starts with the header of a CSV export (any kind, or none known)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD_LIMIT)
    except OSError:
        return False
    return sniff(head.removeprefix(b"\xef\xbb\xbf")) is not None
