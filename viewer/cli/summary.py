"""``audience-viewer --summary FILE...``: the overview of an export in the terminal (no Qt).

The files are read as one export (pages of one listing, CSV files beside the
profiles). Readable text by default; with ``--json`` one JSON object with the
keys ``profiles``, ``environments``, ``audiences``, ``connected_audiences``,
``attributes``, ``key_figures``, ``distributions``, ``problems`` and ``files``
(and ``companions`` when CSV files were opened beside the profiles).
Numbers are exact JSON numbers (money and big IDs are never rounded through
float). Exit status as ``--check``: 0 clean, 1 problems, 2 unreadable.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any, TextIO

import orjson

from viewer.cli.summary_companions import companions_json, write_companions_text
from viewer.insights.companions import companion_summary
from viewer.insights.overview import AttributeStats, AudienceSize, Histogram, Summary
from viewer.insights.queries import number_text
from viewer.insights.summarizing import summarize
from viewer.model.problems import Severity
from viewer.model.values import grouped_int, int_text, one_line, plural, scalar_text
from viewer.reading.load_errors import LoadError
from viewer.reading.loader import load

CLEAN, PROBLEMS, UNREADABLE = 0, 1, 2
_INT64 = 2**63


def run_summary(paths: Iterable[str | os.PathLike[str]], out: TextIO, *, as_json: bool = False) -> int:
    """Summarise ``paths`` as one export onto ``out``; returns the exit status."""
    names = [os.fspath(path) for path in paths]
    if not names:
        out.write("audience-viewer --summary: no file given\n")
        return UNREADABLE
    try:
        export = load(names[0] if len(names) == 1 else names)
    except LoadError as error:
        if as_json:
            out.write(orjson.dumps({"files": names, "error": str(error)}).decode() + "\n")
        else:
            out.write(f"{', '.join(names)}: cannot be read\n  {error.message}\n")
        return UNREADABLE
    except Exception as exc:  # the promise is: never a traceback, whatever the input
        out.write(f"{', '.join(names)}: cannot be read: {type(exc).__name__}: {exc}\n")
        return UNREADABLE
    summary = summarize(export)
    serious = sum(1 for p in export.problems if p.severity is not Severity.INFO)
    try:
        if as_json:
            out.write(orjson.dumps(summary_json(summary, names, serious), option=orjson.OPT_INDENT_2).decode() + "\n")
        else:
            write_text(summary, names, serious, out)
        out.flush()
    except BrokenPipeError:  # `| head`: the reader has what it wanted
        pass
    return PROBLEMS if serious else CLEAN


def json_number(value: int | float | Decimal) -> Any:
    """A number for ``orjson.dumps`` that keeps every digit (big ints and Decimals as raw JSON numbers)."""
    if isinstance(value, Decimal) or (isinstance(value, int) and not isinstance(value, bool)
                                      and not -_INT64 <= value < _INT64):
        return orjson.Fragment(number_text(value))
    return value


def _json_value(value: Any) -> Any:
    return json_number(value) if isinstance(value, (int, Decimal)) and not isinstance(value, bool) else value


def _share(share: Fraction) -> Any:
    with localcontext() as ctx:
        ctx.prec = 40
        return orjson.Fragment(str((Decimal(share.numerator) / share.denominator).quantize(Decimal("0.0001"))))


def _audience_json(audience: AudienceSize) -> dict[str, Any]:
    return {"id": _json_value(audience.id), "name": audience.name, "profiles": audience.profiles,
            "share": _share(audience.share), "query": audience.query}


def _attribute_json(stats: AttributeStats) -> dict[str, Any]:
    return {"path": stats.path, "profiles": stats.profiles, "types": dict(stats.types), "distinct": stats.distinct,
            "top": [[_json_value(value), n] for value, n in stats.top], "mixed_types": stats.mixed,
            "query": stats.query}


def _histogram_json(histogram: Histogram) -> dict[str, Any]:
    return {"log_scale": histogram.log_scale, "values": histogram.values, "missing": histogram.missing,
            "bins": [{"low": json_number(b.low), "high": json_number(b.high), "profiles": b.count, "query": b.query}
                     for b in histogram.bins]}


def summary_json(summary: Summary, files: list[str], problems: int) -> dict[str, Any]:
    """The ``--summary --json`` object."""
    figures = summary.key_figures
    return {
        "files": files,
        "profiles": summary.profiles,
        "environments": {"live": figures.live.count, "sandbox": figures.sandbox.count,
                         "unknown": figures.unknown.count},
        "problems": problems,
        "key_figures": {
            "profiles_with_problems": figures.with_problems.count,
            "repeated_profiles": figures.repeated.count,
            "created": {"first": figures.created.first, "last": figures.created.last},
            "last_activity": {"first": figures.last_activity.first, "last": figures.last_activity.last},
            "total_sales": {"sum": json_number(figures.sales_sum),
                            "median": None if figures.sales_median is None else json_number(figures.sales_median),
                            "profiles": figures.sales_counted},
            "inactive_90_days": figures.inactive.count,
        },
        "audiences": [_audience_json(a) for a in summary.audiences],
        "connected_audiences": [_audience_json(a) for a in summary.connected_audiences or ()],
        "distributions": {
            "total_sales": _histogram_json(summary.distributions.total_sales),
            "closed_sessions": _histogram_json(summary.distributions.closed_sessions),
            "created": [[m.month, m.count] for m in summary.distributions.created.months],
            "last_activity": [[m.month, m.count] for m in summary.distributions.last_activity.months],
        },
        "attributes": [] if summary.catalogue is None else [_attribute_json(s) for s in summary.catalogue.attributes],
        **({} if (part := companion_summary(summary)) is None else {"companions": companions_json(part)}),
    }


def money(value: int | Decimal) -> str:
    """Two decimals with thousands separators, exact for any size of number."""
    if isinstance(value, int):
        return grouped_int(value) + ".00"
    with localcontext() as ctx:
        ctx.prec = max(40, len(value.as_tuple().digits) + 4)
        return f"{value:,.2f}"


def percent(share: Fraction) -> str:
    """``12.3%`` (``<0.1%`` for a share too small to show, never ``0.0%`` for some)."""
    if share and share < Fraction(1, 1000):
        return "<0.1%"
    return f"{float(share) * 100:.1f}%"  # a rounded ratio for reading, not a value from the file


def _number(value: int | Decimal) -> str:
    return grouped_int(value) if isinstance(value, int) else number_text(value)


def _value(value: Any, quote: bool) -> str:
    """A top value for the text summary; strings quoted where the path also has other types."""
    if isinstance(value, str) and quote:
        return one_line(orjson.dumps(value).decode())[:60]
    return one_line(scalar_text(value) if not isinstance(value, Decimal) else number_text(value))[:60]


def write_text(summary: Summary, files: list[str], problems: int, out: TextIO) -> None:
    """The readable ``--summary``."""
    f = summary.key_figures
    out.write(f"{', '.join(files)}\n")
    out.write(f"  profiles:      {f.profiles.count:,} (live {f.live.count:,}, sandbox {f.sandbox.count:,}, "
              f"unknown {f.unknown.count:,})\n")
    out.write(f"  problems:      {problems:,} ({plural(f.with_problems.count, 'profile')} with problems, "
              f"{plural(f.repeated.count, 'repeated profile')})\n")
    for label, span in (("created", f.created), ("last activity", f.last_activity)):
        text = f"{span.first} .. {span.last}" if span.first else "none"
        out.write(f"  {label + ':':<14} {text}\n")
    out.write(f"  inactive:      {f.inactive.count:,} with no activity for 90 days or more\n")
    if f.sales_counted:
        assert f.sales_median is not None
        out.write(f"  total sales:   sum {money(f.sales_sum)}, median {money(f.sales_median)} "
                  f"({f.sales_counted:,} profiles)\n")
    for title, audiences in (("audiences (members)", summary.audiences),
                             ("connected audiences", summary.connected_audiences or ())):
        if audiences:
            out.write(f"{title}:\n")
            for a in audiences:
                name = one_line(a.name) if a.name else "(no name)"
                ident = f"ID {int_text(a.id)}" if a.id is not None else "no ID"
                out.write(f"  {a.profiles:>10,}  {percent(a.share):>6}  {name} ({ident})\n")
    for histogram in (summary.distributions.total_sales, summary.distributions.closed_sessions):
        if histogram.bins:
            scale = ", bins growing 1-2-5" if histogram.log_scale else ""
            out.write(f"{histogram.label.lower()} ({histogram.values:,} profiles{scale}):\n")
            for b in histogram.bins:
                out.write(f"  {_number(b.low):>14} .. {_number(b.high):<14} {b.count:>10,}\n")
    for timeline in (summary.distributions.created, summary.distributions.last_activity):
        months = [f"{m.month} {m.count:,}" for m in timeline.months if m.count]
        if months:
            out.write(f"{timeline.label.lower()} per month (months with profiles):\n")
            for start in range(0, len(months), 6):
                out.write("  " + ", ".join(months[start:start + 6]) + "\n")
    if (part := companion_summary(summary)) is not None:  # CSV files beside the profiles
        write_companions_text(part, out)
    if summary.catalogue is not None and summary.catalogue.attributes:
        out.write("attributes:\n")
        for s in summary.catalogue.attributes:
            types = ", ".join(f"{name} {n:,}" for name, n in s.types)
            flag = "  MIXED TYPES" if s.mixed else ""
            top = ", ".join(f"{_value(v, s.mixed)} ({n:,})" for v, n in s.top[:5])
            out.write(f"  {one_line(s.path)}: {s.profiles:,} profiles ({percent(s.share)}); {types}; "
                      f"{s.distinct:,} distinct{flag}\n")
            if top:
                out.write(f"      top: {top}\n")
        if summary.catalogue.too_deep:
            out.write(f"  ({summary.catalogue.too_deep:,} values nested deeper than "
                      f"{summary.catalogue.depth_limit} levels are not listed)\n")
