"""Every figure's query selects the profiles it counts (the search box gets exactly that list)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from insights_exports import profile

import viewer
from viewer.insights.queries import quoted, value_query
from viewer.query.evaluate import matching_indices

NOW = datetime(2024, 6, 30, tzinfo=timezone.utc)


@pytest.fixture
def export(load_export) -> viewer.Export:
    rows = []
    for i in range(60):
        rows.append(profile(
            i, sandbox=(None if i % 10 == 0 else i % 3 == 0), sales=(i * 37) % 1000 + (i % 4) / 4,
            sessions=i % 13, created=f"2023-{i % 12 + 1:02d}-15T12:00:00Z",
            last=f"2024-{i % 6 + 1:02d}-0{i % 9 + 1}T00:00:00+02:00",
            audiences=tuple(a for a in ((1, "VIP"), (2, "VIP Gold"), (3, "Newsletter")) if i % (a[0] + 1) == 0),
            connected=(3,) if i % 20 == 0 else (),  # audience:ID also matches connected: kept within members
            attributes={"City": ["Berlin", "Köln", "New York"][i % 3], "Score": i % 7 / 2,
                        "Tags": ["vip", "b2b"][: i % 3], "Opt": i % 2 == 0, "Address": {"Zip": f"{i % 4}0000"},
                        "Note": None if i % 5 else "call (evening)"}))
    return load_export(rows)


def count(export: viewer.Export, query: str) -> int:
    return len(matching_indices(export, query, now=NOW))


def test_every_figure_selects_what_it_counts(export: viewer.Export) -> None:
    summary = viewer.summarize(export, now=NOW)
    f = summary.key_figures
    checks = [(x.query, x.count) for x in (f.profiles, f.live, f.sandbox, f.unknown, f.inactive)]
    checks += [(a.query, a.profiles) for a in summary.audiences]
    checks += [(a.query, a.profiles) for a in summary.connected_audiences or ()]
    for histogram in (summary.distributions.total_sales, summary.distributions.closed_sessions):
        checks += [(b.query, b.count) for b in histogram.bins]
    for timeline in (summary.distributions.created, summary.distributions.last_activity):
        checks += [(m.query, m.count) for m in timeline.months]
    assert summary.catalogue is not None
    for stats in summary.catalogue.attributes:
        checks.append((stats.query, stats.profiles))
        if not stats.path.endswith("[]"):
            checks += [(value_query(stats.path, v), n) for v, n in stats.top if v is not None]
    wrong = [(q, n, count(export, q)) for q, n in checks if q is not None and count(export, q) != n]
    assert wrong == []
    assert len(checks) > 80


def test_audience_names_that_contain_another_are_asked_for_by_id(export: viewer.Export) -> None:
    queries = {a.name: a.query for a in viewer.summarize(export).audiences}
    assert queries == {"VIP": "audience:1", "VIP Gold": 'audience:"VIP Gold"', "Newsletter": "audience:Newsletter"}


def test_words_are_quoted_when_they_need_it() -> None:
    assert quoted("Berlin") == "Berlin"
    assert quoted("New York") == '"New York"'
    assert quoted("a(b)") == '"a(b)"'
    assert quoted("OR") == '"OR"'
    assert quoted("-x") == '"-x"'
    assert quoted('say "hi"') is None
    assert value_query("Address.City", "Köln") == "Address.City=Köln"
    assert value_query("Tags[]", "vip") == "Tags=vip"
    assert value_query("Opt", False) == "Opt=false"
    assert value_query("Note", None) is None
