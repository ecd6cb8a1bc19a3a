"""A ``Key:value`` term: the key at any depth, then a value holding the text (no Qt)."""

from __future__ import annotations

import json
from typing import Any

import viewer
from viewer.query import key_values
from viewer.query.key_codes import KeyCodes
from viewer.query.search_index import ProfileSearchIndex


def _p(n: int, attributes: Any) -> dict[str, Any]:
    return {"id": 100 + n, "created": "2021-03-04T05:06:07Z", "integrationId": f"u{n}", "attributes": attributes,
            "accountId": 1, "closedSessions": 0, "totalSales": 0, "lastActivity": "2024-01-02T03:04:05Z"}


PROFILES = [
    _p(0, {"Name": "Ada Lovelace", "City": "London"}),
    _p(1, {"Name": "Grace", "Friend": {"Name": "Ada"}}),
    _p(2, {"Name": {"First": "Alan"}, "Note": "name: ada"}),
    _p(3, {"Nickname": "ada", "Age": 36}),
    _p(4, {"name": 1815, "Tags": ["ada", "x"]}),
]


def _index() -> ProfileSearchIndex:
    return ProfileSearchIndex.build(viewer.load(json.dumps(PROFILES).encode(), search_text=True).profiles)


def test_a_key_is_found_at_every_depth_and_its_objects_are_walked() -> None:
    index = _index()
    texts = index._view[0]
    walked: list[int] = []

    def nested_holds(i: int) -> bool:
        walked.append(i)
        return index._nested_holds(i, "name", "a", index._view)

    assert key_values.matching(texts, "name", None, "a", range(len(texts)), nested_holds) == [0, 1, 2]
    assert walked == [2]  # only the profile whose Name is an object
    assert key_values.matching(texts, "name", None, "ada", [1, 2, 3, 4], lambda i: False) == [1]
    assert key_values.matching(texts, "name", None, "15", range(5), lambda i: False) == [4]  # a number as written


def test_typing_a_value_further_finds_what_the_key_holds() -> None:
    index = _index()
    for coded in (False, True):
        if coded:
            index.learn_keys()
        assert index.search("Name:a") == [0, 1, 2], coded  # Alan is inside Name's object
        assert index.search("Name:ad") == [0, 1], coded  # not Note's "name: ada", nor the key Nickname
        assert index.search("Name:ada") == [0, 1], coded
        assert index.search("name:18") == [4], coded  # a number, as written
        assert index.search("Name:alan") == [2], coded
        assert index.search("Tags:ada") == [4], coded
        assert index.search("Name:zz") == [], coded


def test_texts_half_written_as_codes_are_searched_in_either_form() -> None:
    texts = list(_index()._view[0])
    codes = KeyCodes()
    coded = codes.rewrite_run("\x00".join(texts[:2]))  # what ``learn_keys`` does a run at a time
    assert coded is not None
    texts[:2] = coded.split("\x00")
    codes.written = 2  # the texts before hold codes; the others their keys as written
    assert "\x01" in texts[0] and "\x01" not in texts[3]
    found = key_values.matching(texts, "name", codes, "a", range(5), lambda i: i == 2)
    assert found == [0, 1, 2]
    assert key_values.matching(texts, "nickname", codes, "ad", range(5), lambda i: False) == [3]
    assert key_values.matching(texts, "name", codes, "18", [0, 3, 4], lambda i: False) == [4]
