"""The profile panel's key figures from companion files: loyalty points and sessions.

Each is ``None`` (its tile hidden) unless a file of its kind was opened. Points
are the current points of the main ledgers (an empty subledger), summed per
program; the exact sum is what Copy exact value gives.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from viewer.model.field_text import FieldText
from viewer.model.profile import Profile
from viewer.ui.details.companion_cells import amount_text, files_text, opened

# name, caption: the tiles after the profile's own fields
COMPANION_TILES = (("loyalty_points", "Loyalty points"), ("sessions", "Sessions"))


def main_ledger_points(profile: Profile) -> dict[int | None, Decimal]:
    """Current points of each program's main ledger (rows of one program summed), in file order."""
    points: dict[int | None, Decimal] = {}
    for balance in profile.loyalty_balances:
        if not balance.subledger and balance.current is not None:
            points[balance.program_id] = points.get(balance.program_id, Decimal(0)) + balance.current
    return points


def _program(program: int | None) -> str:
    return "an unnamed program" if program is None else f"program {program}"


def loyalty_points_text(profile: Profile) -> FieldText | None:
    """``1,234.50`` / "in program 12"; several programs one after the other; None without a balances file."""
    files = opened(profile, "balances")
    if not files:
        return None
    points = main_ledger_points(profile)
    if not points:
        return FieldText("None", "", dim=True, note=f"no main-ledger balance in {files_text(files)}")
    exact = [f"{_program(p)}: {value}" for p, value in points.items()]
    if len(points) == 1:
        (program, value), = points.items()
        return FieldText(amount_text(value), str(value), note=f"in {_program(program)} (main ledger)",
                         tooltip=(f"Current points, main ledger of {_program(program)}: {value}",))
    text = " · ".join(amount_text(value) for value in points.values())
    programs = ", ".join(str(p) if p is not None else "—" for p in points)
    return FieldText(text, "\n".join(exact), note=f"main ledgers of programs {programs}",
                     tooltip=("Current points, main ledgers:", *exact))


def sessions_text(profile: Profile) -> FieldText | None:
    """How many sessions, and how many in each state; None without a sessions file."""
    files = opened(profile, "sessions")
    if not files:
        return None
    sessions = profile.sessions
    if not sessions:
        return FieldText("0", "0", dim=True, note=f"none in {files_text(files)}")
    states = Counter(session.state or "no state" for session in sessions)
    note = ", ".join(f"{count} {state}" for state, count in states.most_common())
    return FieldText(f"{len(sessions):,}", str(len(sessions)), note=note, tooltip=(f"From {files_text(files)}",))


def companion_figure(profile: Profile, name: str) -> FieldText | None:
    """The figure of tile ``name`` (one of ``COMPANION_TILES``)."""
    return loyalty_points_text(profile) if name == "loyalty_points" else sessions_text(profile)
