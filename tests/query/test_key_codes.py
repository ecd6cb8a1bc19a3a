"""Writing the keys of the search texts as codes, a run at a time, in order (no Qt)."""

from __future__ import annotations

from unittest import mock

from viewer.query import key_codes
from viewer.query.key_codes import KeyCodes


def test_the_texts_written_with_codes_are_those_before_written() -> None:
    texts = [f'{{"name":"p{n}","n{n % 3}":{n}}}' for n in range(7)]
    codes = KeyCodes()
    seen: list[int] = []

    def poll() -> None:  # between runs: every text before ``written`` holds codes, none after it
        seen.append(codes.written)
        assert all('"\x01' in text for text in texts[:codes.written])
        assert not any('"\x01' in text for text in texts[codes.written:])

    with mock.patch.object(key_codes, "RUN", 3):
        assert key_codes.learn(texts, codes, poll)
    assert seen == [0, 3, 6] and codes.written == 7 and codes.complete
