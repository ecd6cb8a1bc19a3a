"""The query language's parser: what each form means, what is wrong where, and never an exception."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.model.operands import date_span, number_value, operand
from viewer.query.language import Compare, ParseError, Query, Range, describe, parse, tokenize

UTC = timezone.utc


def meaning(text: str) -> str:
    query = parse(text)
    assert isinstance(query, Query), query
    return describe(query.root)


@pytest.mark.parametrize(("text", "expected"), [
    # every form the search has always had
    ("", "ALL"),
    ("   ", "ALL"),
    ("ada", "text'ada'"),
    ("LOVELACE ada", "AND(text'lovelace', text'ada')"),
    ('"two words"', "text'two words'"),
    ("Name:ada", "attribute[name]'ada'"),
    ('City:"New York"', "attribute[city]'new york'"),
    ("Name:", "attribute[name]''"),
    ("Address.City:arl", "attribute[address.city]'arl'"),
    ("audience:Travel", "audience'travel'"),
    ('audience:"Churn risk: high"', "audience'churn risk: high'"),
    ("live", "environment'live'"),
    ("Unknown", "environment'unknown'"),
    ('"unknown"', "text'unknown'"),
    ("sandbox:true", "environment'sandbox'"),
    ("sandbox:no", "environment'live'"),
    ("env:unknown", "environment'unknown'"),
    ("<b>bold", "text'<b>bold'"),
    ("sessions>=3", "sessions[>=]'3'"),
    ("points<1.5", "points[<]'1.5'"),
    ("tier:Gold in:VIP", "AND(tier'gold', member'vip')"),
    ("tier:", "ALL"),
    # comparisons on profile fields, any spelling
    ("totalSales>500", "totalSales>500"),
    ("total_sales>500", "totalSales>500"),
    ('"Total sales">500', "totalSales>500"),
    ("TOTALSALES>=0.01", "totalSales>=0.01"),
    ("closedSessions<=3", "closedSessions<=3"),
    ("id=1000042", "id=1000042"),
    ("id:1000042", "id=1000042"),
    ("totalSales:100..500", "totalSales:100..500"),
    ("totalSales:100..", "totalSales:100.."),
    ("totalSales:..500", "totalSales:..500"),
    ("integrationId:urn00", "integrationId:urn00"),
    ("audiences>=2", "audiences>=2"),
    ("sandbox=true", "environment'sandbox'"),
    # dates
    ("created>=2024-01-01", "created>=2024-01-01"),
    ("lastActivity<2023-06", "lastActivity<2023-06"),
    ("created:2024", "created=2024"),
    ("created:2023-01..2023-06", "created:2023-01..2023-06"),
    ("lastActivity<90d", "lastActivity<90d"),
    ("last_activity>=12w", "lastActivity>=12w"),
    ("created>2024-01-01T10:00:00Z", "created>2024-01-01t10:00:00z"),
    # attributes
    ("ChurnRisk>0.5", "attributes.churnrisk>0.5"),
    ("Address.Zip>=50000", "attributes.address.zip>=50000"),
    ("LoyaltyTier=gold", "attributes.loyaltytier=gold"),
    ('Address.City="New York"', "attributes.address.city=new york"),
    ("SignupDate:2022..2023", "attributes.signupdate:2022..2023"),
    ("attributes.Created>2024", "attributes.created>2024"),
    ("Tags:vip", "attribute[tags]'vip'"),
    ("has:Email", "has:attributes.email"),
    ("has:totalSales", "has:totalSales"),
    ("has:", "ALL"),
    # negation, OR, grouping
    ("-audience:VIP", "NOT(audience'vip')"),
    ("-has:Email", "NOT(has:attributes.email)"),
    ("NOT ada", "NOT(text'ada')"),
    ("--ada", "text'ada'"),
    ("a OR b", "OR(text'a', text'b')"),
    ("a b OR c", "OR(AND(text'a', text'b'), text'c')"),
    ("a AND b", "AND(text'a', text'b')"),
    ("(a OR b) c", "AND(OR(text'a', text'b'), text'c')"),
    ("-(a OR b)", "NOT(OR(text'a', text'b'))"),
    ("a or b", "AND(text'a', text'or', text'b')"),  # keywords are capitals only
    ("URN-0001", "text'urn-0001'"),
    ('"a OR b"', "text'a or b'"),
])
def test_meaning(text: str, expected: str) -> None:
    assert meaning(text) == expected


@pytest.mark.parametrize(("text", "message", "position"), [
    ("totalSales>", "A value is missing after >", 11),
    ("totalSales>abc", "totalSales is a number", 11),
    ("created>5", "created is a date", 8),
    ("ChurnRisk>high", "neither a number nor a date", 10),
    ("integrationId>5", "integrationId is text", 14),
    ("sessions>many", "sessions> needs a number", 9),
    ("totalSales>1..2", "A range goes after a colon", 11),
    ("totalSales:..", "A range needs at least one end", 11),
    ("(a b", "This ( is never closed", 0),
    ("a b)", "This ) closes no (", 3),
    ("()", "Empty parentheses", 0),
    ("OR a", "OR needs a term before it", 0),
    ("a OR", "OR needs a term after it", 2),
    ("a OR OR b", "OR needs a term after it", 2),
    ("AND a", "AND needs a term on each side", 0),
    ("a -", "- needs a term right after it", 2),
    ("- a", "- needs a term right after it", 0),
    ("a NOT", "NOT needs a term right after it", 2),
    ("(" * 70 + "a" + ")" * 70, "nested parentheses", 64),
    ("\u0130\u0130 totalSales>", "A value is missing after >", 14),  # İ lowercases to two characters: no shift
    ("city:\u0130zmir (a", "This ( is never closed", 11),
])
def test_errors_say_what_and_where(text: str, message: str, position: int) -> None:
    error = parse(text)
    assert isinstance(error, ParseError)
    assert message in error.message
    assert error.position == position
    assert f"(at character {position + 1})" in str(error)


def test_tokens_keep_their_positions() -> None:
    tokens = tokenize('-(Name:"Ada L" OR x)')
    assert [(t.kind, t.text, t.start) for t in tokens] == [
        ("-", "-", 0), ("(", "(", 1), ("word", 'Name:"Ada L"', 2), ("OR", "OR", 15), ("word", "x", 18), (")", ")", 19),
    ]


def test_numbers_are_exact() -> None:
    assert number_value("1000042") == 1000042 and type(number_value("1000042")) is int
    assert number_value("0.1") == Decimal("0.1")
    assert number_value("123456789012345678901234567890") == 123456789012345678901234567890
    assert number_value("1e3") == Decimal("1000")
    assert number_value("abc") is None and number_value("1.2.3") is None
    query = parse("totalSales>0.1")
    assert isinstance(query, Query) and isinstance(query.root, Compare)
    assert query.root.operand.number == Decimal("0.1")


def test_dates_name_spans() -> None:
    year = date_span("2024")
    assert year is not None and (year.start, year.end) == (datetime(2024, 1, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC))
    month = date_span("2023-12")
    assert month is not None and month.end == datetime(2024, 1, 1, tzinfo=UTC)
    day = date_span("2024-02-29")
    assert day is not None and day.end == datetime(2024, 3, 1, tzinfo=UTC)
    minute = date_span("2024-01-01t10:00+02:00")
    assert minute is not None and minute.start == datetime(2024, 1, 1, 8, 0, tzinfo=UTC)
    assert minute.end - minute.start == datetime(2000, 1, 1, 0, 1) - datetime(2000, 1, 1)
    assert date_span("2023-13") is None and date_span("2023-02-30") is None
    assert date_span("9999").end.year == 9999  # the last year has an end too (the latest time)
    assert operand("2024").number == 2024 and operand("2024").is_date  # a year is also a number
    assert operand("90d").is_date and operand("90d").number is None


def test_relative_ages_count_back_from_now() -> None:
    now = datetime(2024, 3, 31, 12, 0, tzinfo=UTC)
    assert operand("90d").when(now).start == datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
    assert operand("1w").when(now).start == datetime(2024, 3, 24, 12, 0, tzinfo=UTC)
    assert operand("1m").when(now).start == datetime(2024, 2, 29, 12, 0, tzinfo=UTC)  # clamped to February's end
    assert operand("1y").when(now).start == datetime(2023, 3, 31, 12, 0, tzinfo=UTC)
    assert operand("999999y").when(now).start.year == 1  # too far back: the first representable time


def test_range_ends_keep_their_kind() -> None:
    query = parse("created:2023-01..2023-06")
    assert isinstance(query, Query) and isinstance(query.root, Range)
    assert query.root.low is not None and query.root.low.span is not None
    assert query.root.high is not None and query.root.high.text == "2023-06"


_ALPHABET = st.sampled_from(list('ab :"()-<>=.,_90dOR ANDNOThas') + ["OR", "NOT", "AND", "..", "totalSales", "created"])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=40), st.lists(_ALPHABET, max_size=25).map("".join)))
def test_any_text_is_a_query_or_an_error_never_an_exception(text: str) -> None:
    result = parse(text)
    assert isinstance(result, (Query, ParseError))
    if isinstance(result, ParseError):
        assert result.message
        assert 0 <= result.position <= len(text)
    else:
        describe(result.root)
