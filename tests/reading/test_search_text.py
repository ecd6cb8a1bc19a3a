"""The search text the reader keeps of each profile: its attributes' JSON, then its ID and integration ID."""

from __future__ import annotations

import json

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

import viewer
from viewer.query.search_index import ProfileSearchIndex
from viewer.reading import search_text
from viewer.reading.search_text import SEP


def _p(n: int, owner: str) -> dict[str, object]:
    return {"id": 100 + n, "created": "2021-03-04T05:06:07Z", "integrationId": owner, "attributes": {"N": n},
            "accountId": 1, "closedSessions": 0, "totalSales": 0, "lastActivity": "2024-01-02T03:04:05Z"}


def test_each_profile_keeps_its_own_id_and_integration_id_even_after_a_nul() -> None:
    made, odd = search_text.texts([b'{"a":"X"}', b'{"b":1}', b"null"], [1, 2, 3], ["o\x00ne", "Two", "three"])
    assert made == [f'{{"a":"x"}}{SEP}1{SEP}o{SEP}ne', f'{{"b":1}}{SEP}2{SEP}two', f"{{}}{SEP}3{SEP}three"]
    assert odd == []
    assert search_text.texts([], [], []) == ([], [])


def test_a_search_for_an_integration_id_finds_its_profile_after_one_holding_a_nul() -> None:
    profiles = [_p(0, "a\u0000b"), _p(1, "second"), _p(2, "third")]
    export = viewer.load(json.dumps(profiles).encode(), search_text=True)
    index = ProfileSearchIndex.build(export.profiles)
    assert index.search("third") == [2]
    assert index.search("second") == [1]
    assert index.search("102") == [2]


def test_a_line_break_in_an_integration_id_leaves_the_attributes_as_written() -> None:
    made, _ = search_text.texts([b'{"a": "X Y"}'], [1], ["line\none"])
    assert made == [f'{{"a": "x y"}}{SEP}1{SEP}line\none']  # the space after the colon stays
    made, _ = search_text.texts([b'{"a": "X Y"}', b'{\n"b": 1}'], [1, 2], ["line\none", "Two"])
    assert made == [f'{{"a":"x y"}}{SEP}1{SEP}line\none', f'{{"b":1}}{SEP}2{SEP}two']  # written on lines: compacted


def _reference(attributes: list[bytes], ids: list[object], owners: list[object]) -> tuple[list[str | None], list[int]]:
    """What ``texts`` is documented to make, one profile at a time."""
    compacted = any(brk in text for text in attributes for brk in (b"\n", b"\r"))
    made: list[str | None] = []
    odd: list[int] = []
    for n, (raw, ident, owner) in enumerate(zip(attributes, ids, owners)):
        if compacted:
            raw = msgspec.json.format(raw, indent=-1)  # compact, escapes as written
        quoted = isinstance(owner, str) and '"' in owner
        owned = owner.replace("\x00", SEP) if isinstance(owner, str) else ""
        tail = f"{SEP}{ident if isinstance(ident, int) else ''}{SEP}{owned}"
        text = bytes(c + 32 if 65 <= c <= 90 else c for c in raw + tail.encode()).decode("latin-1")
        if not text.startswith("{"):
            if text.startswith("null" + SEP):
                text = "{}" + text[4:]
            else:
                made.append(None)
                odd.append(n)
                continue
        made.append(None if quoted or "\\" in text else text)
    return made, odd


_values = st.recursive(st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.text("aZ\"\\\u00c4\u00e9 x:,{}1"),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text("aKé\"", max_size=3),
                                                                                    inner, max_size=3),
                       max_leaves=8)


@st.composite
def _runs(draw: st.DrawFn) -> tuple[list[bytes], list[object], list[object]]:
    count = draw(st.integers(1, 12))
    on_lines = draw(st.booleans())
    attributes = []
    for _ in range(count):
        value = draw(st.dictionaries(st.text("aBé", max_size=4), _values, max_size=4) | _values)
        attributes.append(json.dumps(value, ensure_ascii=draw(st.booleans()),
                                     indent=1 if on_lines and draw(st.booleans()) else None).encode())
    ids = draw(st.lists(st.none() | st.integers(-10**25, 10**25), min_size=count, max_size=count))
    owners = draw(st.lists(st.none() | st.text("URN0Ab\"\x00\u00c4 ", max_size=6), min_size=count, max_size=count))
    return attributes, ids, owners


@settings(max_examples=300, deadline=None)
@given(_runs())
def test_a_runs_texts_are_each_profiles_own_text_lowercased(run: tuple[list[bytes], list[object], list[object]]) -> None:
    """The run's joins, lowercasing, split and first-character check give what one profile at a time would."""
    attributes, ids, owners = run
    assert search_text.texts(attributes, ids, owners) == _reference(attributes, ids, owners)
