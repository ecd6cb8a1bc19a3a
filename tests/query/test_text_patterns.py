"""Finding a query's text in the search texts: any run of candidates, short and long needles (no Qt)."""

from __future__ import annotations

from viewer.query.text_patterns import Needle, holding_texts, in_values, split_at

TEXTS = ['{"name":"ada"}', '{"city":"berlin"}', '{"name":"bob"}', '{"tags":["ab","name"]}', '{"n":1}']


def test_texts_holding_a_needle_of_any_length_among_any_candidates() -> None:
    for value in ("a", "ab", "na", "name", "berlin", "zz"):
        expected = [i for i, text in enumerate(TEXTS) if value in text]
        assert holding_texts(TEXTS, Needle(value), range(len(TEXTS))) == expected, value
        assert holding_texts(TEXTS, Needle(value), range(1, 4)) == [i for i in expected if 1 <= i < 4], value
        assert holding_texts(TEXTS, Needle(value), [0, 3]) == [i for i in expected if i in (0, 3)], value


def test_a_hit_in_a_key_is_no_hit_in_a_value() -> None:
    assert in_values(TEXTS, "name", range(len(TEXTS))) == [3]  # only the tag "name"; elsewhere it is a key
    assert in_values(TEXTS, "name", range(0, 3)) == []
    assert in_values(TEXTS, "b", range(1, 5)) == [1, 2, 3]
    assert in_values(TEXTS, "n", [0, 1, 4]) == [1]  # berlin; "name" and "n" are keys


def test_candidates_are_split_where_the_written_codes_end() -> None:
    assert split_at(range(10), 4) == (range(0, 4), range(4, 10))
    assert split_at(range(2, 6), 9) == (range(2, 6), range(6, 6))
    assert split_at(range(5, 8), 2) == (range(5, 5), range(5, 8))
    assert split_at([1, 3, 5, 7], 4) == ([1, 3], [5, 7])
