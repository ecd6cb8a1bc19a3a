"""What the search box offers for the word being typed."""

from __future__ import annotations

import json

import viewer
from viewer.query.completions import completion_words, current_word, matching_words, quoted


def test_words_come_from_fields_attribute_paths_and_audiences() -> None:
    export = viewer.load(json.dumps([
        {"integrationId": "a", "attributes": {"Address": {"City": "Berlin"}, "Churn Risk": 1, "Tags": []},
         "audienceMemberships": [{"id": 2, "name": "Travel audience"}]},
    ]).encode())
    words = completion_words(export.profiles)
    for word in ("totalSales", "lastActivity", "Address", "Address.City", "has:Address.City", "Tags",
                 'audience:"Travel audience"'):
        assert word in words
    assert not any("Churn Risk" in word for word in words)  # a key with a space cannot be written bare


def test_the_current_word_skips_negation_and_parentheses() -> None:
    assert current_word("ada -has:Em", 11) == (5, "has:Em")
    assert current_word("(ChurnR", 7) == (1, "ChurnR")
    assert current_word('x audience:"Travel a', 20) == (2, 'audience:"Travel a')
    assert current_word("ada ", 4) == (4, "")


def test_matching_words_ignore_case_and_quotes() -> None:
    words = ["totalSales", "Tags", 'audience:"Travel audience"', "audience:Beta"]
    assert matching_words(words, "TOT") == ["totalSales"]
    assert matching_words(words, "audience:tr") == ['audience:"Travel audience"']
    assert matching_words(words, "t") == []  # one letter offers nothing yet
    assert matching_words(words, "totalSales") == []  # already whole
    assert quoted("Churn risk: high") == '"Churn risk: high"' and quoted("VIP") == "VIP"


def test_a_prefix_typed_whole_offers_what_it_takes() -> None:
    export = viewer.load(json.dumps([
        {"integrationId": "a", "attributes": {"Email": "a@x.org"},
         "audienceMemberships": [{"id": 2, "name": "Travel audience"}, {"id": 3, "name": "VIP"}]},
    ]).encode())
    words = completion_words(export.profiles)
    assert matching_words(words, "audience:") == ['audience:"Travel audience"', "audience:VIP"]
    assert matching_words(words, "has:") == ["has:Email"]
    assert matching_words(words, "audience:VIP") == []  # a whole audience word is done
