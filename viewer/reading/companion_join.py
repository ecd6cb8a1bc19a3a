"""Joining companion files to the profiles of an export by integration ID.

A live and a sandbox profile may share an integration ID; a session row also
names its profile (``profileid``), which tells the two apart
(``Companions.shared``, ``Companions.sessions_for``). Balance and tier rows
cannot: they show with both.

Rows whose integration ID names no profile of the export are kept (a view can
still show them) and counted: one problem per file, and ``CompanionFile.unmatched``
lists those IDs. Without a profile export, each integration ID the files name
becomes a placeholder profile (``{"integrationId": ...}``) so the list shows one
entry per customer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from viewer.model.companions import Companions
from viewer.model.problems import Problem, Severity
from viewer.reading.companion_csv import CompanionRead
from viewer.reading.lazy_profiles import ProfileList

_NOUNS = {"sessions": "session", "balances": "balance", "tiers": "tier", "members": "member"}


def join(reads: list[CompanionRead], known: set[str] | None) -> tuple[Companions, list[Problem]]:
    """One shared ``Companions`` for ``reads``; ``known`` is the export's integration IDs (``None``: no profiles)."""
    companions = Companions()
    problems: list[Problem] = []
    for read in reads:
        file = read.file
        companions.files.append(file)
        kind = file.kind
        if kind == "members":
            members = companions.members
            list_name = file.name
            for owner in read.groups:
                names = members.get(owner)
                if names is None:
                    members[owner] = [list_name]
                elif list_name not in names:
                    names.append(list_name)
        else:
            target: dict[str, Any] = getattr(companions, kind)
            for owner, rows in read.groups.items():
                earlier = target.get(owner)
                target[owner] = rows if earlier is None else [*earlier, *rows]
        if known is None:
            continue
        unmatched = [owner for owner in read.groups if owner not in known and owner]
        file.unmatched = unmatched
        if unmatched:
            count = sum(_size(read.groups[owner]) for owner in unmatched)
            noun = _NOUNS[kind] + (" row names a profile that is" if count == 1 else " rows name profiles that are")
            ids = f"{len(unmatched):,} integration ID{'s' if len(unmatched) != 1 else ''}"
            problems.append(Problem(file.name, f"{count:,} {noun} not in this export ({ids})",
                                    Severity.WARNING, source=file.path))
    if companions.sessions:
        companions.session_counts = dict(zip(companions.sessions, map(len, companions.sessions.values())))
    return companions, problems


def attach(profiles: ProfileList, reads: list[CompanionRead], report: Callable[[Problem], None]) -> Companions:
    """Join ``reads`` to ``profiles`` (placeholders first when there are none) and report their problems."""
    for read in reads:
        for problem in read.problems:
            report(problem)
    known: set[str] | None = profiles.integration_ids() if len(profiles) else None
    if known is None and reads:
        ids = placeholder_ids(reads)
        profiles.add_placeholders(ids)
        report(Problem("file", f"no profile export was opened: the list shows one entry for each of the "
                       f"{len(ids):,} integration IDs the CSV files name; open the profile export with them "
                       "to see the profiles", Severity.INFO))
    companions, joined = join(reads, known)
    for problem in joined:
        report(problem)
    if companions.sessions and known is not None:  # the sessions file names the profile of each session too
        companions.shared = shared_ids(profiles.columns.integration_id, profiles.columns.id)
    if companions:
        profiles.attach(companions)
    return companions


def shared_ids(owners: Sequence[object], ids: Sequence[object]) -> dict[str, frozenset[int]]:
    """The integration IDs that profiles with different IDs share (a live and a sandbox one), with those IDs."""
    if len(set(owners)) == len(owners):  # most exports share none: 12 ms for 100,000 (a Counter took 23)
        return {}
    counts = Counter(owners)
    shared: dict[str, set[int]] = {}
    first: dict[str, int] = {}
    for owner, ident in zip(owners, ids):
        if type(owner) is str and type(ident) is int and counts[owner] > 1:
            if first.setdefault(owner, ident) != ident:
                shared.setdefault(owner, {first[owner]}).add(ident)
    return {owner: frozenset(found) for owner, found in shared.items()}


def placeholder_ids(reads: Iterable[CompanionRead]) -> list[str]:
    """Every integration ID the files name, in the order they first appear."""
    seen: dict[str, None] = {}
    for read in reads:
        for owner in read.groups:
            if owner:
                seen.setdefault(owner, None)
    return list(seen)


def _size(rows: Any) -> int:
    return rows if isinstance(rows, int) else len(rows)
