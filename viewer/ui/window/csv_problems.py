"""Activating a problem of a CSV file opened beside the profiles: say which file and row, and go there.

A problem about a cell or a row of a companion file (``sample-tiers.csv:7.expirydate``)
has the file (``source``) and the row's line but no profile: the row names its
profile by integration ID. Activating it finds that row among the file's rows
(``line`` and ``source`` match), selects the profile it names and shows the tab
with such rows (Sessions, Loyalty), the row selected there; a row naming no profile of the export opens
the file's unmatched-rows list with that ID selected. Either way the status bar
says the file, the line and the column, so "concerns the whole file" is kept for
problems that do. A file too big to be built while loading keeps its rows as
``LazyRows`` (built when a profile asks): building them all to find one would take
seconds (a 1,000,000-row sessions file: about 50 us a row), but in such a file
every line is one row and its problems are about the first rows checked while
loading, so the row's key cell is read from the file's first ``DISK_LINES``
lines instead (a few ms).
"""

from __future__ import annotations

import codecs
import csv
import gzip
import itertools
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

import viewer
from viewer.model.companions import KIND_LABELS, CompanionFile, Companions
from viewer.reading.companion_csv import KEY_COLUMN, sniff
from viewer.ui.details.profile_details import AUDIENCES_TAB, LOYALTY_TAB, SESSIONS_TAB
from viewer.ui.roles import RowItemRole
from viewer.ui.window import unmatched_rows

DISK_LINES = 10_000  # lines read to find a big file's row: a few ms on the GUI thread
MESSAGE_MS = 8000  # long enough to read a file name, a line and an integration ID
_TABS = {"sessions": (SESSIONS_TAB, "Sessions"), "balances": (LOYALTY_TAB, "Loyalty"),
         "tiers": (LOYALTY_TAB, "Loyalty"), "members": (AUDIENCES_TAB, "Audiences")}
_NOUNS = {"sessions": "session", "balances": "balance", "tiers": "tier period", "members": "member"}


def companion_file(problem: viewer.Problem, companions: Companions) -> CompanionFile | None:
    """The companion file ``problem`` is about (``None``: a problem of the profile export)."""
    if problem.profile_index is not None or problem.source is None:
        return None
    return next((file for file in companions.files if file.path == problem.source), None)


def row_owner(problem: viewer.Problem, file: CompanionFile, companions: Companions) -> str | None:
    """The integration ID the row at ``problem.line`` of ``file`` names; ``None`` when it cannot be told."""
    if problem.line is None or file.kind == "members":  # members files keep counts, not rows
        return None
    groups: dict[str, Sequence[Any]] = getattr(companions, file.kind)
    lazy = False
    for owner, rows in groups.items():
        if type(rows) is not list:  # a big file's rows, built only when a profile asks (see the docstring)
            lazy = True
            continue
        for row in rows:
            if row.line == problem.line and row.source == file.path:
                return owner
    return _owner_on_disk(file, problem.line) if lazy else None


def _owner_on_disk(file: CompanionFile, line: int) -> str | None:
    """The key cell of line ``line`` of ``file`` as it is on disk (a big file's lines are its rows)."""
    if not 1 < line <= DISK_LINES:
        return None
    try:
        with open(file.path, "rb") as handle:
            gzipped = handle.read(2) == b"\x1f\x8b"
            handle.seek(0)
            stream: Any = gzip.GzipFile(fileobj=handle) if gzipped else handle
            lines = list(itertools.islice(stream, line))
    except (OSError, EOFError):
        return None
    header = sniff(lines[0].removeprefix(codecs.BOM_UTF8)) if len(lines) == line else None
    if header is None or header.kind != file.kind:
        return None  # not the file that was read (changed on disk since)
    names = [name.strip().lower().replace("_", "").replace(" ", "") for name in header.names]
    if KEY_COLUMN[file.kind] not in names:
        return None
    cells = next(csv.reader([lines[-1].decode("utf-8", "replace").rstrip("\r\n")]), [])
    key = names.index(KEY_COLUMN[file.kind])
    return cells[key] if key < len(cells) else ""


def where_text(problem: viewer.Problem, file: CompanionFile) -> str:
    """``sample-tiers.csv, line 7, column expirydate`` (the line the row starts on, as the file counts)."""
    where = f"{file.name}, line {problem.line:,}" if problem.line is not None else file.name
    if problem.field:
        where += f", column {problem.field}"
    return where


def show_companion_problem(window: Any, problem: viewer.Problem) -> bool:
    """Go where ``problem`` of a companion file points, saying so; ``False`` when it is not about one.

    ``window`` is the ``MainWindow`` (its module imports this one).
    """
    result = window.result
    if result is None:
        return False
    companions: Companions = result.export.companions
    file = companion_file(problem, companions)
    if file is None:
        return False
    status = window.statusBar()
    where = where_text(problem, file)
    if unmatched_rows.show_unmatched_rows(window, problem, companions):
        status.showMessage(f"{where}: its rows that name no profile of this export are listed", MESSAGE_MS)
        return True
    if problem.line is None:
        status.showMessage(f"{where}: this problem concerns the whole file ({KIND_LABELS[file.kind]})", MESSAGE_MS)
        return True
    if problem.line == 1:
        status.showMessage(f"{where}: this problem concerns the file's header row", MESSAGE_MS)
        return True
    owner = row_owner(problem, file, companions)
    noun = _NOUNS[file.kind]
    if owner is None:  # a members file (no rows kept), text that could not be read, or a file changed since
        status.showMessage(f"{where}: no {noun} row the viewer kept starts on this line", MESSAGE_MS)
        return True
    if owner == "":
        status.showMessage(f"{where}: the {noun} row names no profile (its integration ID is empty)", MESSAGE_MS)
        return True
    profile_index = _profile_index(result.export.profiles, owner)
    if profile_index is None:
        _show_unmatched(window, file, owner)
        status.showMessage(f"{where}: the {noun} row names {owner}, not a profile of this export", MESSAGE_MS)
        return True
    if not window.select_profile(profile_index):
        status.showMessage(f"{where}: a {noun} row of profile {owner}, which the list cannot show", MESSAGE_MS)
        return True
    tab, title = _TABS[file.kind]
    window.tabs.setCurrentIndex(tab)
    _select_row(window, file, problem.line)
    status.showMessage(f"{where}: a {noun} row of profile {owner}, shown in the {title} tab", MESSAGE_MS)
    return True


def _select_row(window: Any, file: CompanionFile, line: int) -> None:
    """Select the row of ``file`` at ``line`` in the tab's table (sessions, balances or tier periods).

    A table row carries its record (``RowItemRole``) where its view gives it one;
    otherwise, while the table is in the profile's own order (no header sort),
    its rows are the profile's records in order.
    """
    details, profile = window.details, window.profile
    if profile is None:
        return
    found = {"sessions": lambda: (details.sessions.table, profile.sessions),
             "balances": lambda: (details.loyalty.balances.table, profile.loyalty_balances),
             "tiers": lambda: (details.loyalty.tiers.table, profile.loyalty_tiers)}.get(file.kind)
    if found is None:
        return
    table, records = found()
    model = table.model()
    in_order = table.horizontalHeader().sortIndicatorSection() < 0
    for row in range(model.rowCount()):
        record = model.index(row, 0).data(RowItemRole)
        if record is None and in_order and row < len(records):
            record = records[row]
        if getattr(record, "line", None) == line and getattr(record, "source", None) == file.path:
            table.selectRow(row)
            table.scrollTo(model.index(row, 0))
            return


def _profile_index(profiles: Any, integration_id: str) -> int | None:
    """The first profile with ``integration_id``, read from the list's column (no profile is built)."""
    column = getattr(getattr(profiles, "columns", None), "integration_id", None)
    if column is not None:
        try:
            return int(column.index(integration_id))
        except ValueError:
            return None
    return next((p.index for p in profiles if p.integration_id == integration_id), None)


def _show_unmatched(window: Any, file: CompanionFile, owner: str) -> None:
    """The file's unmatched-rows list with ``owner`` selected (when the list has it)."""
    if owner not in file.unmatched:
        return
    dialog = unmatched_rows.UnmatchedRowsDialog(file, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    listing = dialog.list
    cursor = QTextCursor(listing.document().findBlockByNumber(file.unmatched.index(owner)))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    listing.setTextCursor(cursor)
    listing.centerCursor()
