"""Queries over a small export built here, against answers this test works out on its own."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import viewer
from viewer.query.evaluate import Evaluator, InvalidQuery, matching_indices
from viewer.query.language import Query, parse
from viewer.query.search_index import ProfileSearchIndex

UTC = timezone.utc
NOW = datetime(2024, 6, 15, 12, 0, tzinfo=UTC)
BIG_ID = 2**53 + 1  # not a float: read through float it would equal 2**53
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample-customers.json"


@dataclass
class Person:
    """What this test knows about one profile, written by hand into the JSON text."""

    id: int
    sales: Decimal
    created: datetime
    last: datetime
    churn: Decimal | None
    zip: str | None
    tags: list[str]
    email: str | None  # None: null in the file; missing when ``has_email`` is False
    has_email: bool
    audiences: list[str]
    tier: str | None
    amounts: list[Decimal] = field(default_factory=list)
    sandbox: bool = False


def _json_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _people() -> list[Person]:
    rng = random.Random(11)
    people = []
    base = datetime(2022, 1, 1, tzinfo=UTC)
    for n in range(80):
        created = base + timedelta(seconds=rng.randrange(0, 3 * 365 * 86400))
        people.append(Person(
            id=BIG_ID if n == 7 else BIG_ID + 1 + n,
            sales=Decimal(rng.choice(["0.1", "0.2", "100", "100.00", "499.99", "500", "500.01", "1234.5", "0"])),
            created=created,
            last=created + timedelta(days=rng.randrange(0, 700)),
            churn=None if n % 9 == 0 else Decimal(rng.randrange(0, 1000)) / 1000,
            zip=None if n % 7 == 0 else f"{rng.randrange(10000, 99999)}",
            tags=rng.sample(["vip", "b2b", "student", "vip-lapsed"], rng.randrange(0, 3)),
            email=None if n % 5 == 0 else f"p{n}@example.com",
            has_email=n % 10 != 0,
            audiences=rng.sample(["VIP", "Newsletter", "Travel"], rng.randrange(0, 3)),
            tier=rng.choice([None, "Gold", "gold", "Golden", "Silver"]),
            amounts=[Decimal(rng.randrange(0, 30000)) / 100 for _ in range(rng.randrange(0, 3))],
            sandbox=n % 4 == 0,
        ))
    return people


_AUDIENCE_IDS = {"VIP": 1, "Newsletter": 2, "Travel": 3}


def _text(person: Person, n: int) -> str:
    attributes = []
    if person.churn is not None:
        attributes.append(f'"ChurnRisk": {person.churn}')
    if person.zip is not None:
        attributes.append(f'"Address": {{"City": "Berlin", "Zip": "{person.zip}"}}')
    attributes.append('"Tags": [' + ", ".join(f'"{t}"' for t in person.tags) + "]")
    if person.has_email:
        attributes.append('"Email": ' + ("null" if person.email is None else f'"{person.email}"'))
    if person.tier is not None:
        attributes.append(f'"LoyaltyTier": "{person.tier}"')
    attributes.append('"Orders": [' + ", ".join(f'{{"Amount": {a}}}' for a in person.amounts) + "]")
    attributes.append(f'"SignupDate": "{_json_time(person.created)}"')
    # one ID per audience, as in a real export
    audiences = ", ".join(f'{{"id": {_AUDIENCE_IDS[a]}, "name": "{a}"}}' for a in person.audiences)
    return (f'{{"id": {person.id}, "created": "{_json_time(person.created)}", "integrationId": "URN{n:04d}", '
            f'"attributes": {{{", ".join(attributes)}}}, "accountId": 31, "closedSessions": {n % 6}, '
            f'"totalSales": {person.sales}, "audienceMemberships": [{audiences}], '
            f'"lastActivity": "{_json_time(person.last)}", "sandbox": {"true" if person.sandbox else "false"}}}')


@pytest.fixture(scope="module")
def evaluator() -> Evaluator:
    text = "[" + ",\n".join(_text(p, n) for n, p in enumerate(PEOPLE)) + "]"
    export = viewer.load(text.encode())
    assert len(export.profiles) == len(PEOPLE)
    return Evaluator(export.profiles, now=NOW)


PEOPLE = _people()


def _year(y: int) -> tuple[datetime, datetime]:
    return datetime(y, 1, 1, tzinfo=UTC), datetime(y + 1, 1, 1, tzinfo=UTC)


CASES: list[tuple[str, Callable[[Person], bool]]] = [
    ("totalSales>500", lambda p: p.sales > 500),
    ("totalSales>=500", lambda p: p.sales >= 500),
    ("totalSales=100", lambda p: p.sales == 100),  # 100 and 100.00
    ("totalSales=0.1", lambda p: p.sales == Decimal("0.1")),  # no float rounding
    ("totalSales:100..500", lambda p: 100 <= p.sales <= 500),
    ("total_sales:..0.2", lambda p: p.sales <= Decimal("0.2")),
    (f"id={BIG_ID}", lambda p: p.id == BIG_ID),
    (f"id<={BIG_ID + 2}", lambda p: p.id <= BIG_ID + 2),
    ("ChurnRisk>0.5", lambda p: p.churn is not None and p.churn > Decimal("0.5")),
    ("ChurnRisk<=0.25", lambda p: p.churn is not None and p.churn <= Decimal("0.25")),
    ("Address.Zip>=50000", lambda p: p.zip is not None and int(p.zip) >= 50000),
    ("created>=2024-01-01", lambda p: p.created >= datetime(2024, 1, 1, tzinfo=UTC)),
    ("created<2023-06", lambda p: p.created < datetime(2023, 6, 1, tzinfo=UTC)),
    ("created<=2023-06", lambda p: p.created < datetime(2023, 7, 1, tzinfo=UTC)),
    ("created>2023-06", lambda p: p.created >= datetime(2023, 7, 1, tzinfo=UTC)),
    ("created:2023", lambda p: _year(2023)[0] <= p.created < _year(2023)[1]),
    (f"created={PEOPLE[3].created:%Y-%m-%d}", lambda p: p.created.date() == PEOPLE[3].created.date()),
    ("created:2023-01..2023-06", lambda p: datetime(2023, 1, 1, tzinfo=UTC) <= p.created < datetime(2023, 7, 1, tzinfo=UTC)),
    ("lastActivity<90d", lambda p: p.last < NOW - timedelta(days=90)),
    ("lastActivity>=1y", lambda p: p.last >= NOW.replace(year=2023)),
    ("SignupDate:2022..2022", lambda p: p.created.year == 2022),
    ("has:Email", lambda p: p.email is not None),
    ("-has:Email", lambda p: p.email is None),
    ("has:ChurnRisk has:Address.Zip", lambda p: p.churn is not None and p.zip is not None),
    ("Tags:vip", lambda p: any("vip" in t for t in p.tags)),
    ("Tags=vip", lambda p: "vip" in p.tags),
    ("-Tags=vip", lambda p: "vip" not in p.tags),
    ("LoyaltyTier=gold", lambda p: p.tier is not None and p.tier.lower() == "gold"),
    ("LoyaltyTier:gold", lambda p: p.tier is not None and "gold" in p.tier.lower()),
    ("Orders.Amount>250", lambda p: any(a > 250 for a in p.amounts)),
    ("audience:VIP -audience:Newsletter", lambda p: "VIP" in p.audiences and "Newsletter" not in p.audiences),
    ("audience:VIP NOT audience:Newsletter", lambda p: "VIP" in p.audiences and "Newsletter" not in p.audiences),
    ("totalSales>500 OR ChurnRisk>0.9", lambda p: p.sales > 500 or (p.churn is not None and p.churn > Decimal("0.9"))),
    ("(audience:VIP OR audience:Travel) -has:Email",
     lambda p: bool({"VIP", "Travel"} & set(p.audiences)) and p.email is None),
    ("sandbox totalSales>0", lambda p: p.sandbox and p.sales > 0),
    ("-(sandbox OR totalSales=0)", lambda p: not p.sandbox and p.sales != 0),
    ("audiences>=2", lambda p: len(p.audiences) >= 2),
    ("closedSessions=0 example.com", lambda p: PEOPLE.index(p) % 6 == 0 and p.email is not None),
    ("ChurnRisk>2024", lambda p: False),
    ("nothing-has-this OR totalSales<0", lambda p: False),
]


@pytest.mark.parametrize(("text", "wanted"), CASES, ids=[c[0] for c in CASES])
def test_query_selects_what_it_says(evaluator: Evaluator, text: str, wanted: Callable[[Person], bool]) -> None:
    query = parse(text)
    assert isinstance(query, Query), query
    expected = [n for n, person in enumerate(PEOPLE) if wanted(person)]
    assert evaluator.matches(query) == expected
    assert evaluator.matches(query) == expected  # again, from the columns kept


def test_cases_are_not_trivial() -> None:
    for text, wanted in CASES[:-2]:
        hits = sum(1 for p in PEOPLE if wanted(p))
        assert 0 < hits < len(PEOPLE), text


def test_blank_query_sets_no_condition(evaluator: Evaluator) -> None:
    query = parse("  ")
    assert isinstance(query, Query) and evaluator.matches(query) is None


def test_matching_indices_for_scripts() -> None:
    export = viewer.load(SAMPLE)
    assert matching_indices(export, "") == list(range(len(export.profiles)))
    hits = matching_indices(export, "totalSales>500 -audience:beta")
    assert hits and all(export.profiles[i].total_sales > 500 for i in hits)
    with pytest.raises(InvalidQuery) as raised:
        matching_indices(export, "totalSales>")
    assert raised.value.error.position == 11


OLD_FORMS = ["ada", "Name:ada", "NAME:Alan", "Address.City:stock", "audience:travel", "audience:11", "live",
             "sandbox", "sandbox:false", "env:unknown", "unknown", "Tags:vip", "SE", "Name:", '"Churn risk"',
             "gold stockholm", "live Name:a", "URN0001"]


@pytest.mark.parametrize("text", OLD_FORMS)
def test_every_form_of_the_search_answers_as_before(text: str) -> None:
    export = viewer.load(SAMPLE)
    index = ProfileSearchIndex.build(export.profiles)
    query = parse(text)
    assert isinstance(query, Query)
    assert Evaluator(export.profiles, index).matches(query) == index.search(text, export.profiles)


def test_quick_once_columns_are_built() -> None:
    export = viewer.load(SAMPLE)
    evaluator = Evaluator(export.profiles, ProfileSearchIndex.build(export.profiles))
    text, compare = parse("ada"), parse("ChurnRisk>0.5 totalSales>1")
    assert isinstance(text, Query) and isinstance(compare, Query)
    assert evaluator.is_quick(text)
    assert not evaluator.is_quick(compare)
    evaluator.matches(compare)
    assert evaluator.is_quick(compare)


def test_a_nested_path_looks_into_lists_and_objects() -> None:
    export = viewer.load(b'[{"integrationId": "a", "attributes": {"Orders": [{"Ship": {"City": "Berlin"}}, '
                         b'{"Ship": {"City": "Paris"}}]}}, {"integrationId": "b", "attributes": {"Orders": '
                         b'[{"Ship": {"City": "Parma", "Zip": "43121"}}]}}, {"integrationId": "c", "attributes": {}}]')
    evaluator = Evaluator(export.profiles)
    for text, expected in [("Orders.Ship.City:par", [0, 1]), ("Orders.Ship:berlin", [0]), ("Orders.Ship.Zip>40000", [1]),
                           ("Orders.Ship.City=paris", [0]), ("has:Orders.Ship.Zip", [1]), ("-has:Orders", [2])]:
        query = parse(text)
        assert isinstance(query, Query)
        assert evaluator.matches(query) == expected, text


_WORDS = st.sampled_from(["totalSales", "ChurnRisk", "Address.Zip", "created", "Tags", "has:", "audience:",
                          ">", ">=", "<", "=", ":", "..", "-", "(", ")", " ", " OR ", " NOT ", "vip", "0.5",
                          "2023", "2023-06", "90d", "500", '"', "Orders.Amount", "LoyaltyTier", "x"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_WORDS, max_size=12).map("".join))
def test_any_valid_query_evaluates_without_an_exception(evaluator: Evaluator, text: str) -> None:
    query = parse(text)
    if isinstance(query, Query):
        found = evaluator.matches(query)
        assert found is None or found == sorted(set(found))


@pytest.mark.parametrize("text", ["ChurnRisk>0.5", "Tags=vip", "LoyaltyTier=gold", "has:Address", "-has:BirthDate",
                                  "Address=stockholm", "SignupDate>=2023", "MarketingOptIn=true", "ChurnRisk:0.1..0.3",
                                  "BirthDate<1990", "has:Tags"])
def test_attribute_terms_answer_alike_from_the_index_and_from_the_profiles(text: str) -> None:
    export = viewer.load(SAMPLE)
    query = parse(text)
    assert isinstance(query, Query)
    from_index = Evaluator(export.profiles, ProfileSearchIndex.build(export.profiles)).matches(query)
    assert from_index  # the sample has such profiles
    assert from_index == Evaluator(export.profiles).matches(query)


def test_nested_paths_read_from_the_file_whatever_the_spelling_of_the_keys() -> None:
    export = viewer.load(b'[{"integrationId": "a", "attributes": {"Address": {"Zip": "50001"}}},\n'
                         b'{"integrationId": "b", "attributes": {"address": {"zip": 60000}}},\n'
                         b'{"integrationId": "c", "attributes": {"Address": null}},\n'
                         b'{"integrationId": "d", "attributes": {"Other": "Address"}},\n'
                         b'{"integrationId": "e", "attributes": {"ADDRESS": {"ZIP": "40000"}}},\n'
                         b'{"integrationId": "f"}]')
    query = parse("Address.Zip>=45000")
    assert isinstance(query, Query)
    assert Evaluator(export.profiles).matches(query) == [0, 1]
    everyone = parse("has:Address.Zip")
    assert isinstance(everyone, Query)
    assert Evaluator(export.profiles).matches(everyone) == [0, 1, 4]


def test_an_audience_term_is_instant_once_the_members_are_grouped() -> None:
    import json

    import viewer
    from viewer.query.search_index import ProfileSearchIndex

    profiles = viewer.load(json.dumps([
        {"id": n, "integrationId": f"u{n}", "audienceMemberships": [{"id": 7, "name": "VIP"}] if n % 2 else []}
        for n in range(6)]).encode()).profiles
    index = ProfileSearchIndex.build(profiles)
    evaluator = Evaluator(profiles, index)
    query = parse("audience:vip")
    assert not evaluator.is_instant(query)  # not grouped yet: a scan
    assert evaluator.matches(query) == [1, 3, 5]
    index.audience_members()
    assert evaluator.is_instant(query) and not evaluator.is_instant(parse("-audience:vip"))
    assert not evaluator.is_instant(parse("audience:vip live"))
    assert evaluator.matches(query) == [1, 3, 5] and evaluator.matches(parse("-audience:vip")) == [0, 2, 4]


def test_field_columns_are_shared_and_their_comparisons_then_instant() -> None:
    import json

    import viewer
    from viewer.query.search_index import ProfileSearchIndex

    profiles = viewer.load(json.dumps([
        {"id": n, "integrationId": f"u{n}", "totalSales": n * 1.5, "created": f"2024-0{n % 3 + 1}-01T00:00:00Z"}
        for n in range(9)]).encode()).profiles
    index = ProfileSearchIndex.build(profiles)
    query = parse("totalSales>=3 totalSales<9")
    first = Evaluator(profiles, index)
    assert not first.is_instant(query)  # the column is not read yet
    assert first.matches(query) == [2, 3, 4, 5]
    other = Evaluator(profiles, index)  # another evaluator of the same export (the overview's, say)
    assert other.is_instant(query) and other.matches(query) == [2, 3, 4, 5]
    months = parse("created:2024-02")
    Evaluator(profiles, index).prepare(["created"])  # ahead of the first click, in a worker
    assert first.is_instant(months) and first.matches(months) == [1, 4, 7]
    assert not first.is_instant(parse("totalSales>=3 berlin"))  # text: the index's scan
