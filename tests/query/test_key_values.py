"""A ``Key:value`` term reads the key's values once and tests them at each keystroke (no Qt)."""

from __future__ import annotations

import json
from typing import Any

import viewer
from viewer.query import key_values
from viewer.query.key_codes import KeyCodes
from viewer.query.key_values import KeyValueColumns
from viewer.query.search_index import ProfileSearchIndex
from viewer.reading.search_text import SEP


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


def test_the_values_of_a_key_are_read_at_every_depth_and_objects_are_noted() -> None:
    texts = _index()._view[0]
    column = key_values.read(texts, "name", None)
    assert column.values == ['"ada lovelace"', f'"grace"{SEP}"ada"', "{", None, "1815"]
    assert column.nested == {2}


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


def test_the_last_keys_are_kept_and_older_ones_forgotten() -> None:
    texts = _index()._view[0]
    columns = KeyValueColumns()
    first = columns.of(texts, "name", None)
    assert columns.of(texts, "name", None) is first
    for key in ("city", "tags"):  # KEPT_KEYS is 2
        columns.of(texts, key, None)
    assert columns.of(texts, "name", None) is not first


def test_values_read_while_a_code_of_the_key_was_learnt_are_read_again() -> None:
    codes = KeyCodes()

    class Learning(list[str]):
        """Texts whose reading sees the key get its code meanwhile (``learn_keys`` in another thread)."""

        def __getitem__(self, at):  # type: ignore[no-untyped-def]
            codes.add("name")
            return super().__getitem__(at)

    texts = Learning(_index()._view[0])
    columns = KeyValueColumns()
    first = columns.of(texts, "name", codes)
    assert first.values[0] == '"ada lovelace"'
    assert columns.of(texts, "name", codes) is not first  # not kept: it was read again
    assert columns.of(texts, "name", codes) is columns.of(texts, "name", codes)  # the code known before: kept
