"""``audience-viewer --compare OLD NEW``: what changed between two exports, without a window.

Readable text (fields named as the window names them: ``Total sales``,
``attributes.Address.City``), or with ``--json`` one JSON object: ``added``, ``removed``,
``changed``, ``unchanged`` (ints), ``matched_by``, ``fields`` (``{path:
profiles changed}``), ``transitions`` (the most common per path), ``audiences``
(joined and left per audience) and ``totalSales`` (exact decimal strings, never
floats). Exit status 0 when both hold the same profiles with the same values,
1 when they differ, 2 when one cannot be read (the reason on stderr).
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Any, TextIO

import orjson

from viewer.compare import ExportComparison, compare
from viewer.compare.labels import path_label
from viewer.compare.values import money
from viewer.model.export import Export
from viewer.reading.load_errors import LoadError
from viewer.reading.loader import load

SAME, DIFFERENT, UNREADABLE = 0, 1, 2
_FIELDS_SHOWN = 30


def compare_files(old_path: str | os.PathLike[str], new_path: str | os.PathLike[str], out: TextIO, err: TextIO,
                  *, as_json: bool = False) -> int:
    """Compare two export files and write the result; returns the exit status."""
    exports: list[Export] = []
    for path in (old_path, new_path):
        try:
            exports.append(load(os.fspath(path)))
        except LoadError as error:
            reason = str(error) if error.source else f"{os.fspath(path)}: {error}"
            err.write(f"audience-viewer --compare: cannot be read: {reason}\n")
            return UNREADABLE
        except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback, whatever the input
            err.write(f"audience-viewer --compare: {os.fspath(path)}: cannot be read: {type(exc).__name__}: {exc}\n")
            return UNREADABLE
    result = compare(exports[0], exports[1])
    if as_json:
        out.write(orjson.dumps(comparison_json(result, os.fspath(old_path), os.fspath(new_path))).decode() + "\n")
    else:
        write_summary(result, os.fspath(old_path), os.fspath(new_path), out)
    return SAME if result.same else DIFFERENT


def comparison_json(result: ExportComparison, old: str, new: str) -> dict[str, Any]:
    """The ``--json`` object (money as exact decimal strings)."""
    sales = result.total_sales
    return {
        "old": old,
        "new": new,
        "matched_by": result.matched_by,
        "added": len(result.added),
        "removed": len(result.removed),
        "changed": len(result.changed),
        "unchanged": result.unchanged,
        "fields": {f.path: f.profiles for f in result.fields},
        "transitions": {f.path: [{"before": t.before, "after": t.after, "profiles": t.profiles}
                                 for t in f.transitions] for f in result.fields},
        "audiences": [{"id": a.audience_id, "name": a.name, "joined": a.joined, "left": a.left}
                      for a in result.audiences],
        "totalSales": {"changed": _plain(sales.changed), "added": _plain(sales.added),
                       "removed": _plain(sales.removed), "net": _plain(sales.net)},
        "repeats": {"old": result.old_repeats, "new": result.new_repeats},
    }


def write_summary(result: ExportComparison, old: str, new: str, out: TextIO) -> None:
    """The readable summary."""
    matched = "ID" if result.matched_by == "id" else "integration ID and environment (some profiles have no ID)"
    out.write(f"{old} → {new}\n")
    out.write(f"  matched by {matched}\n")
    out.write(f"  profiles: {len(result.added):,} added, {len(result.removed):,} removed, "
              f"{len(result.changed):,} changed, {result.unchanged:,} unchanged\n")
    if result.old_repeats or result.new_repeats:
        out.write(f"  repeated profiles left out: {result.old_repeats:,} old, {result.new_repeats:,} new\n")
    if result.same:
        out.write("  the exports hold the same profiles with the same values\n")
        return
    if result.fields:
        out.write("  fields changed (profiles):\n")
        width = min(48, max(len(path_label(f.path)) for f in result.fields[:_FIELDS_SHOWN]))
        for field in result.fields[:_FIELDS_SHOWN]:
            out.write(f"    {path_label(field.path):<{width}}  {field.profiles:,}\n")
            for transition in field.transitions[:3]:
                out.write(f"      {transition}\n")
        if len(result.fields) > _FIELDS_SHOWN:
            out.write(f"    … {len(result.fields) - _FIELDS_SHOWN:,} more paths (--json lists all)\n")
    if result.audiences:
        out.write("  audiences (profiles in both exports):\n")
        for move in result.audiences:
            out.write(f"    {move.label}: {move.joined:,} joined, {move.left:,} left\n")
    sales = result.total_sales
    out.write(f"  total sales: {money(sales.net, signed=True)} net ({money(sales.changed, signed=True)} changed "
              f"profiles, {money(sales.added, signed=True)} added, {money(-sales.removed, signed=True)} removed)\n")


def _plain(value: Decimal) -> str:
    """A Decimal as plain digits (no exponent), exactly."""
    text = f"{value:f}"
    return "0" if text in ("0", "-0") else text
