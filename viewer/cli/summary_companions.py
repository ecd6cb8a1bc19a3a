"""The companion part of ``--summary``: sessions by state, loyalty tiers and points, in text and JSON (no Qt).

Only when CSV files were opened beside the profiles: the JSON object then gains
the key ``companions``; points are exact JSON numbers (never through float).
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Any, TextIO

import orjson

from viewer.insights.companions import CompanionSummary
from viewer.insights.queries import number_text
from viewer.model.values import grouped_int, one_line


def _number(value: int | Decimal) -> Any:
    return orjson.Fragment(number_text(value)) if isinstance(value, Decimal) else value


def _points(value: int | Decimal) -> str:
    """Points with thousands separators and two decimals, from the exact decimal."""
    if isinstance(value, int):
        return grouped_int(value) + ".00"
    with localcontext() as ctx:
        ctx.prec = max(40, len(value.as_tuple().digits) + 4)
        return f"{value:,.2f}"


def companions_json(part: CompanionSummary) -> dict[str, Any]:
    """The ``companions`` object of ``--summary --json``."""
    result: dict[str, Any] = {"files": list(part.kinds)}
    if part.has("sessions"):
        result["sessions"] = {
            "sessions": part.sessions, "profiles_with_sessions": part.with_sessions.count,
            "query": part.with_sessions.query,
            "states": [{"state": s.state, "sessions": s.sessions, "profiles": s.profiles, "query": s.query}
                       for s in part.states],
        }
    if part.has("balances") or part.has("tiers"):
        result["tiers"] = {"profiles_without_tier": part.without_tier,
                           "tiers": [{"tier": t.tier, "profiles": t.profiles, "query": t.query} for t in part.tiers]}
    if part.has("balances"):
        h = part.points
        result["points"] = {
            "sum": _number(part.points_sum),
            "median": None if part.points_median is None else _number(part.points_median),
            "profiles": h.values, "profiles_without_balance": h.missing,
            "bins": [{"low": _number(b.low), "high": _number(b.high), "profiles": b.count, "query": b.query}
                     for b in h.bins],
        }
    return result


def write_companions_text(part: CompanionSummary, out: TextIO) -> None:
    """The readable companion part of ``--summary``."""
    if part.has("sessions"):
        out.write(f"sessions:        {part.sessions:,} ({part.with_sessions.count:,} profiles with sessions)\n")
        for s in part.states:
            out.write(f"  {s.sessions:>10,}  {one_line(s.state) or '(empty)'} ({s.profiles:,} profiles)\n")
    if part.has("balances") or part.has("tiers"):
        out.write(f"loyalty tiers (profiles; {part.without_tier:,} without a tier):\n")
        for t in part.tiers:
            out.write(f"  {t.profiles:>10,}  {one_line(t.tier)}\n")
    if part.has("balances"):
        h = part.points
        median = "" if part.points_median is None else f", median {_points(part.points_median)}"
        out.write(f"loyalty points:  sum {_points(part.points_sum)}{median} ({h.values:,} profiles with a balance, "
                  f"{h.missing:,} without)\n")
        for b in h.bins:
            out.write(f"  {number_text(b.low):>14} .. {number_text(b.high):<14} {b.count:>10,}\n")
