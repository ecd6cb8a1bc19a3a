"""The oracle: what the reader gives equals what the standard library reads from each profile's own text.

Over generated exports (arrays, NDJSON, pretty or minified, numbers written
every way JSON allows), every profile's ``source_text`` is exactly its slice
of the file, ``line`` is the line that slice starts on, and every field the
reader produces equals ``json.loads(source_text, parse_float=Decimal)``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import viewer
from viewer.model.profile import FIELDS

NUMBER_TEXTS = st.sampled_from(["0", "-0", "1.10", "1E2", "1e-7", "12345678901234567.89", "123456789012345678901234567890",
                                "2.5E+3", "-4.000", "0.1", "1e400"])
KEYS = st.text(st.characters(codec="utf-8", exclude_characters='"\\'), min_size=1, max_size=8)
SCALARS = st.one_of(NUMBER_TEXTS, st.sampled_from(['"x"', '"M\\u00fcller"', '"a\\"b"', "true", "false", "null",
                                                   '"2024-01-02T03:04:05Z"']))
TIMES = st.sampled_from(['"2020-06-10T09:05:27.993483Z"', '"2024-01-02T03:04:05+02:00"', '"2021-03-04T05:06:07Z"'])


@st.composite
def profile_texts(draw: Any, index: int) -> str:
    """One profile written by hand, so its numbers keep the text chosen above."""
    attributes = draw(st.dictionaries(KEYS, SCALARS, max_size=4))
    members = [f'"{json.dumps(k)[1:-1]}": {v}' for k, v in attributes.items()]
    parts = [f'"id": {1000 + index}', f'"integrationId": "URN{index}"', f'"created": {draw(TIMES)}',
             f'"lastActivity": {draw(TIMES)}', '"accountId": 1', f'"closedSessions": {draw(st.integers(0, 9))}',
             f'"totalSales": {draw(NUMBER_TEXTS)}', '"attributes": {' + ", ".join(members) + "}",
             f'"sandbox": {draw(st.sampled_from(["true", "false", "null"]))}']
    order = draw(st.permutations(parts))
    space = draw(st.sampled_from(["", " ", "\n    "]))
    return "{" + space + ("," + space).join(order) + space + "}"


@st.composite
def exports(draw: Any) -> tuple[str, bytes]:
    count = draw(st.integers(1, 6))
    texts = [draw(profile_texts(i)) for i in range(count)]
    shape = draw(st.sampled_from(["array", "pretty array", "ndjson"]))
    if shape == "ndjson":
        texts = [t.replace("\n", " ") for t in texts]
        return shape, ("\n".join(texts) + "\n").encode()
    separator = ",\n  " if shape == "pretty array" else ","
    return shape, ("[" + ("\n  " if shape == "pretty array" else "") + separator.join(texts) + "\n]").encode()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exports())
def test_every_field_equals_the_standard_library_reading_of_the_profile_s_own_text(export_text) -> None:
    shape, data = export_text
    export = viewer.load(data)
    text = data.decode()
    assert len(export.profiles) == text.count('"integrationId"')
    search_from = 0
    for profile in export.profiles:
        own = profile.source_text
        start = text.index(own, search_from)  # exactly its slice of the file, in file order
        search_from = start + len(own)
        assert profile.line == text.count("\n", 0, start) + 1
        oracle = json.loads(own, parse_float=Decimal)
        assert profile.raw == oracle
        for spec in FIELDS:
            if spec.kind in ("int", "str", "bool") and spec.wire in oracle:
                assert getattr(profile, spec.name) == oracle[spec.wire], spec.name
        written = oracle["totalSales"]
        assert profile.total_sales == written and type(profile.total_sales) is not float
        assert profile.attributes == oracle["attributes"]
        assert profile.created_text == oracle["created"]
    too_big = [p for p in export.problems if "beyond the range of a double" in p.message]
    assert len(too_big) == sum(own.count("1e400") for own in (p.source_text for p in export.profiles))
