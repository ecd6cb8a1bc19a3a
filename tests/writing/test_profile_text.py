"""A profile's JSON text for NDJSON and JSON exports: the file's own text, on one line (no Qt)."""

from __future__ import annotations

import json

import viewer
from viewer.writing.profile_text import one_line, profile_json


def test_pretty_text_goes_on_one_line_with_strings_untouched() -> None:
    text = '{\n  "a": "x  y\\n",\r\n  "b": [\n    1.10,\n    "\u2028 z "\n  ]\n}'
    assert one_line(text) == '{"a": "x  y\\n","b": [1.10,"\u2028 z "]}'
    assert json.loads(one_line(text)) == json.loads(text)


def test_the_files_own_text_when_the_profile_has_it() -> None:
    profile = viewer.load(b'[{"id": 1, "integrationId": "a", "totalSales": 1.10}]').profiles[0]
    if hasattr(profile, "source_text"):
        assert profile_json(profile) == '{"id": 1, "integrationId": "a", "totalSales": 1.10}'
    else:  # written again from the mapping until the reader keeps the text
        assert json.loads(profile_json(profile)) == {"id": 1, "integrationId": "a", "totalSales": 1.1}
