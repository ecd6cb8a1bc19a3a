"""The search index over the profiles' own JSON text finds exactly what their values hold (no Qt)."""

from __future__ import annotations

import contextlib
import json
import unicodedata
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import viewer
from viewer.model.values import int_text
from viewer.query import key_codes
from viewer.query.profile_texts import flatten
from viewer.query.search_index import ProfileSearchIndex


def _reference(profiles: list[viewer.Profile], value: str, names: dict[int, str]) -> list[int]:
    """Free text as the query language defines it: a value, the ID, the integration ID or an audience name."""
    found = []
    for n, profile in enumerate(profiles):
        shown: list[str] = []
        flatten(profile.attributes, shown)
        if profile.id is not None:
            shown.append(int_text(profile.id))
        if profile.integration_id is not None:
            shown.append(profile.integration_id)
        ids = [m.id for m in profile.audience_memberships] + list(profile.connected_audiences)
        shown.extend(names[i] for i in ids if i in names)
        if any(value in part.lower() for part in shown):
            found.append(n)
    return found


def _indexes(text: str) -> list[tuple[str, ProfileSearchIndex, list[viewer.Profile]]]:
    """The same export indexed five ways: text kept while reading (array, NDJSON), from the spans (also with its
    keys learnt), from profiles."""
    kept = viewer.load(text.encode(), search_text=True)
    lines = viewer.load("\n".join(json.dumps(value) for value in json.loads(text)).encode(), search_text=True)
    spans = viewer.load(text.encode())
    plain = list(spans.profiles)
    learnt = ProfileSearchIndex.build(spans.profiles)
    learnt.learn_keys()  # a query no key holds then needs no key test
    return [("kept", ProfileSearchIndex.build(kept.profiles), list(kept.profiles)),
            ("keys learnt", learnt, plain),
            ("keys half written", _half_learnt(spans.profiles), plain),
            ("lines", ProfileSearchIndex.build(lines.profiles), list(lines.profiles)),
            ("spans", ProfileSearchIndex.build(spans.profiles), plain),
            ("plain", ProfileSearchIndex.build(plain), plain)]


def _half_learnt(profiles: Any) -> ProfileSearchIndex:
    """An index whose first profiles hold their keys as codes and the rest as written (learning was stopped)."""
    index = ProfileSearchIndex.build(profiles)
    polls = iter(range(2))
    with mock.patch.object(key_codes, "RUN", 2), contextlib.suppress(viewer.LoadCancelled):
        index.learn_keys(lambda: next(polls, None) is None)  # stops before the second run of two profiles
    return index


def _p(n: int, **fields: Any) -> dict[str, Any]:
    """A well-formed profile (the reader's fast path) with ``fields`` over its defaults."""
    base = {"id": 100 + n, "created": "2021-03-04T05:06:07Z", "integrationId": f"u{n}", "attributes": {},
            "accountId": 1, "closedSessions": 0, "totalSales": 0, "loyaltyMemberships": None,
            "audienceMemberships": [], "lastActivity": "2024-01-02T03:04:05Z", "sandbox": False}
    return {**base, **fields}


ODD = [
    _p(0, attributes={"Name": "Ada", "Note": "name: trick", "Tags": ["vip", "Gold"]}),
    _p(1, attributes={"Name": "Caf\u00e9 & Bar", "Quote": 'say "hi": now', "Back": "c:\\temp"}),
    _p(2, integrationId='with "quote"', attributes={"City": "Berlin"}),
    _p(3, attributes=None),
    _p(4, attributes={"Deep": {"Name": {"Inner": "needle"}}, "Price": 1.10, "Big": 10**30}),
    _p(5, attributes={"\u00dcml": "\u00dcber", "Empty": "", "Zero": 0, "Null": None, "Obj": {}}),
    _p(6, id=77, attributes={"List": [1, 2, [3, {"k": "name"}]]},
       audienceMemberships=[{"id": 9, "name": "Frequent buyers"}]),
    {"integrationId": "u7", "attributes": "not an object", "connectedAudiences": [9]},  # the full check's path
    {"integrationId": "u8", "attributes": {"Deep": {"Inner": "needle"}, "Big": 10**30}},
    # a key with a comma after the query's text, a number before a string that starts with a colon
    _p(9, attributes={"zq,b": "x", "n": 31, "s": ":31", "k": [5, ":true", "zr"], ":": {"zt": 1}}),
]
QUERIES = ["ada", "name", "trick", "vip", "gold", "caf\u00e9", "& bar", 'say', "hi", "now", "c:", "temp", "quote",
           "berlin", "needle", "inner", "1.10", "1000000000000000000000000000000", "\u00fcber", "\u00fcml", "null",
           "0", "77", "frequent", "u", "k", "1, 2", "e", '"', "{", "trick,", "name:", "zq", "31", "true", "zr", "zt", "5"]


def test_every_way_of_indexing_finds_what_the_values_hold() -> None:
    for indent in (None, 2):
        for ensure_ascii in (True, False):
            text = json.dumps(ODD, indent=indent, ensure_ascii=ensure_ascii)
            for how, index, profiles in _indexes(text):
                names = {9: "frequent buyers"}
                for query in QUERIES:
                    value = query.lower().replace('"', "")
                    if not value or ":" in value:
                        continue
                    assert index.search(f'"{query}"') == _reference(profiles, value, names), (how, indent, query)


def test_attribute_terms_read_keys_not_values() -> None:
    for how, index, _ in _indexes(json.dumps(ODD, indent=2)):
        assert index.search("Name:ada") == [0], how
        assert index.search("name:trick") == [], how  # the value of Note, not of Name
        assert index.search("Note:trick") == [0], how
        assert index.search("Inner:needle") == [4, 8], how  # a key inside an object
        assert index.search("name:needle") == [4], how  # the value of a nested key, inside an object
        assert index.search("k:name") == [6], how
        assert index.search("Quote:hi") == [1], how
        assert index.search("City:") == [2], how
        assert index.search("Obj:") == [5], how  # has the key, though its value is empty
        assert index.search("Inner:") == [4, 8], how
        assert index.search("Deep.Name:needle") == [4], how  # a path names one place
        assert index.search("Quote:") == [1] and index.search("quote") == [2], how  # a key is no value


ATTRIBUTE_QUERIES = ["Name:ada", "name:trick", "Note:trick", "Inner:needle", "name:needle", "k:name", "Quote:hi",
                     "City:", "Obj:", "Inner:", "Deep.Name:needle", "Quote:", "quote", "\u00fcml:\u00fcber", "zq,b:x",
                     "name", "trick", "31", "zt"]


def test_searches_while_the_keys_are_written_find_what_they_found_before() -> None:
    spans = viewer.load(json.dumps(ODD, indent=2).encode())
    before = ProfileSearchIndex.build(spans.profiles)
    expected = {query: before.search(query) for query in ATTRIBUTE_QUERIES}
    index = ProfileSearchIndex.build(spans.profiles)
    written: list[int] = []

    def between_runs() -> bool:  # the texts of the runs so far hold codes, the others their keys as written
        written.append(sum('"\x01' in text for text in index._view[0]))
        assert {query: index.search(query) for query in ATTRIBUTE_QUERIES} == expected, written[-1]
        return False

    with mock.patch.object(key_codes, "RUN", 3):
        index.learn_keys(between_runs)
    assert written[0] == 0 and 0 < written[1] < written[-1] < len(ODD)  # searched over mixed texts
    assert {query: index.search(query) for query in ATTRIBUTE_QUERIES} == expected


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_VALUE: Any = st.recursive(st.none() | st.booleans() | st.integers() | _TEXT,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
                           max_leaves=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(attributes=st.lists(st.dictionaries(_TEXT, _VALUE, max_size=4), min_size=1, max_size=5),
       pick=st.integers(0, 10_000), length=st.integers(1, 4), indent=st.sampled_from([None, 1]),
       ensure_ascii=st.booleans())
def test_a_piece_of_any_value_finds_the_profiles_that_hold_it(attributes, pick, length, indent, ensure_ascii) -> None:
    profiles = [_p(n, attributes=a) for n, a in enumerate(attributes)]
    text = json.dumps(profiles, indent=indent, ensure_ascii=ensure_ascii)
    indexes = _indexes(text)
    shown: list[str] = []
    for profile in indexes[0][2]:
        flatten(profile.attributes, shown)
    pieces = [s.lower() for s in shown if s.strip()] + sorted({key.lower() for a in attributes for key in a if key})
    if not pieces:
        return
    chosen = pieces[pick % len(pieces)]
    value = chosen[pick % len(chosen):][:length].replace('"', "")
    if not value.strip() or '"' in value or any(unicodedata.category(c) == "Cc" for c in value):
        return  # nobody types a quote inside a term, nor a control character
    for how, index, profiles in indexes:
        assert index.match_term(_text_term(value), range(len(profiles)), profiles) == \
            _reference(profiles, value, {}), (how, value)


def _text_term(value: str) -> Any:
    from viewer.query.search_index import Term

    return Term("text", value)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(attributes=st.lists(st.dictionaries(_TEXT, _VALUE, max_size=4), min_size=1, max_size=6),
       pick=st.integers(0, 10_000), length=st.integers(0, 3))
def test_an_attribute_term_finds_the_same_profiles_before_while_and_after_the_keys_are_written(
        attributes, pick, length) -> None:
    keys = sorted({key for a in attributes for key in a if key and '"' not in key and "." not in key})
    if not keys:
        return
    key = keys[pick % len(keys)]
    shown: list[str] = []
    for a in attributes:
        flatten(a, shown)
    pieces = [s.lower() for s in shown if s.strip()] or [""]
    chosen = pieces[pick % len(pieces)]
    value = chosen[pick % max(len(chosen), 1):][:length]
    if '"' in value or any(unicodedata.category(c) == "Cc" for c in value):
        return
    term = _attribute_term(value, key.lower())
    answers = {how: index.match_term(term, range(len(profiles)), profiles)
               for how, index, profiles in _indexes(json.dumps([_p(n, attributes=a) for n, a in enumerate(attributes)]))}
    assert len(set(map(tuple, answers.values()))) == 1, (key, value, answers)


def _attribute_term(value: str, key: str) -> Any:
    from viewer.query.search_index import Term

    return Term("attribute", value, key)


def test_keys_beyond_the_one_character_codes_are_told_apart() -> None:
    # 29 keys get a one-character code, the next ones two: "\x01X": must never be taken for "\x01XY":
    profiles = [_p(n, attributes={f"k{n}": f"v{n}", "shared": n}) for n in range(40)]
    index = ProfileSearchIndex.build(viewer.load(json.dumps(profiles).encode()).profiles)
    index.learn_keys()
    assert index._view[1] is not None and index._view[1].complete
    for n in (0, 2, 28, 29, 30, 39):
        assert index.search(f"k{n}:v") == [n]
        assert index.search(f"k{n}:") == [n]
    assert index.search("shared:3") == [n for n in range(40) if "3" in str(n)]


def test_keys_learnt_after_a_cancelled_learning_go_on_where_it_stopped() -> None:
    spans = viewer.load(json.dumps(ODD[:9], indent=2).encode())  # (the last has keys no code can stand for)
    expected = {query: ProfileSearchIndex.build(spans.profiles).search(query) for query in ATTRIBUTE_QUERIES}
    index = _half_learnt(spans.profiles)
    assert index._view[1] is not None and not index._view[1].complete
    index.learn_keys()
    assert index._view[1].complete and all('"\x01' in text or '":' not in text for text in index._view[0])
    assert {query: index.search(query) for query in ATTRIBUTE_QUERIES} == expected


def test_a_dotted_capital_i_is_found_by_the_query_that_names_it() -> None:
    """``İ`` lowercases to two characters (``i`` and a combining dot): the query ``İstanbul`` still finds it."""
    profiles = [_p(0, attributes={"City": "\u0130stanbul"}), _p(1, attributes={"City": "istanbul"}),
                _p(2, attributes={"City": "Izmir", "Note": "\u0130"})]
    for ensure_ascii in (True, False):
        for how, index, shown in _indexes(json.dumps(profiles, ensure_ascii=ensure_ascii)):
            for query in ("\u0130stanbul", "\u0130STANBUL", "i\u0307stanbul", "City:\u0130stanbul", '"\u0130stan"'):
                assert index.search(query) == [0], (how, query)
            assert index.search("istanbul") == [1], how  # as Python lowercases: İ keeps its dot
            assert index.search("\u0130") == [0, 2] == _reference(shown, "\u0130".lower(), {}), how
            assert index.search("Note:\u0130") == [2], how


def test_indexing_the_texts_the_reader_kept_can_be_stopped_between_runs_of_profiles(monkeypatch) -> None:
    import pytest

    from viewer.query import profile_texts

    monkeypatch.setattr(profile_texts, "_C_RUN", 4)  # (65,536: a run holds the interpreter some 13 ms)
    rows = [{"id": n, "integrationId": f"u{n}", "attributes": {"n": n}} for n in range(20)]
    export = viewer.load(json.dumps(rows).encode(), search_text=True)
    asked: list[int] = []

    def cancelled() -> bool:  # a window closed while its index was being built
        asked.append(1)
        return len(asked) >= 3

    with pytest.raises(viewer.LoadCancelled):
        ProfileSearchIndex.build(export.profiles, cancelled)
    assert len(asked) == 3  # asked between runs of four profiles, and stopped at once
