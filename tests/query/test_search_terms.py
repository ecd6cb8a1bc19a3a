"""The search index's own query form: a query split into terms (no Qt)."""

from __future__ import annotations

from viewer.query.search_terms import Term, parse_query


def test_parse_query_kinds() -> None:
    assert parse_query("  ") == []
    assert parse_query('Name:ada "two words" audience:Travel live sandbox:false env:unknown') == [
        Term("attribute", "ada", "name"),
        Term("text", "two words"),
        Term("audience", "travel"),
        Term("environment", "live"),
        Term("environment", "live"),
        Term("environment", "unknown"),
    ]
    assert parse_query("sandbox:true sandbox") == [Term("environment", "sandbox")] * 2
    assert parse_query('Unknown "unknown"') == [Term("environment", "unknown"), Term("text", "unknown")]
    assert parse_query('City:"New York"') == [Term("attribute", "new york", "city")]
