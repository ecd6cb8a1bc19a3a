"""Cell text of exported tables: exact numbers, JSON text for lists and objects (no Qt)."""

from __future__ import annotations

import json
from decimal import Decimal

import viewer
from viewer.writing.cells import attribute_column, cell_text, list_columns, value_json


class WrittenDecimal(Decimal):
    """A decimal that remembers its digits as written, as the reader's exact numbers do."""

    text: str

    def __new__(cls, text: str) -> WrittenDecimal:
        value = super().__new__(cls, text)
        value.text = text
        return value


def test_numbers_keep_every_digit() -> None:
    assert cell_text(12345678901234567890) == "12345678901234567890"
    assert cell_text(Decimal("12345678901234567.89")) == "12345678901234567.89"
    assert cell_text(WrittenDecimal("1.10")) == "1.10"  # the trailing zero as written
    assert cell_text(10**5000)[:5] == "10000" and len(cell_text(10**5000)) == 5001
    assert cell_text(True) == "true" and cell_text(False) == "false" and cell_text(0) == "0"
    assert cell_text(None) == ""


def test_lists_and_objects_are_json_text_with_exact_numbers() -> None:
    value = {"Tags": ["vip", "b2b"], "Big": 12345678901234567890123, "Money": WrittenDecimal("0.10")}
    text = cell_text(value)
    assert text == '{"Tags":["vip","b2b"],"Big":12345678901234567890123,"Money":0.10}'
    assert value_json(["ü", {"a": None}]) == '["ü",{"a":null}]'


def test_list_columns_give_the_files_own_text() -> None:
    export = viewer.load(json.dumps([{
        "id": 98765432109876543210, "integrationId": "URN-1", "created": "2020-06-10T09:05:27.993483Z",
        "lastActivity": "2021-01-01T00:00:00Z", "closedSessions": 3, "totalSales": "12,50", "sandbox": True,
        "attributes": {"Address": {"City": "Berlin"}, "Tags": ["vip"]},
        "audienceMemberships": [{"id": 1, "name": "VIP"}, {"id": 2, "name": "News"}],
    }]).encode())
    [profile] = export.profiles
    columns = list_columns(["Address.City", "Tags", "Address.Zip"])
    row = {column.title: column.text(profile) for column in columns}
    assert row == {
        "ID": "98765432109876543210", "Integration ID": "URN-1", "Environment": "Sandbox",
        "Created": "2020-06-10T09:05:27.993483Z", "Last activity": "2021-01-01T00:00:00Z",
        "Closed sessions": "3", "Total sales": "12,50",  # a value of the wrong type as written
        "Audiences": "2", "Address.City": "Berlin", "Tags": '["vip"]', "Address.Zip": "",
    }
    assert attribute_column("Address").text(profile) == '{"City":"Berlin"}'
