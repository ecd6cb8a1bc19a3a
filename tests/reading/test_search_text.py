"""The search text the reader keeps of each profile: its attributes' JSON, then its ID and integration ID."""

from __future__ import annotations

import json

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
