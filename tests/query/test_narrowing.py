"""A query typed further is answered from the last answer, typed back from a kept one: the same profiles (no Qt)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import viewer
from viewer.query.evaluate import Evaluator
from viewer.query.language import Match, Query, parse
from viewer.query.narrowing import RecentAnswers, keepable, narrows


def q(text: str) -> Query:
    query = parse(text)
    assert isinstance(query, Query), query
    return query


def test_typing_further_narrows_and_typing_something_else_does_not() -> None:
    assert narrows(q("ber"), q("berl"))
    assert narrows(q("ber"), q("xberlin"))  # any text holding "ber" holds it
    assert narrows(q("ber"), q("berlin live"))  # one more condition
    assert narrows(q("name:ad"), q("name:ada"))
    assert narrows(q(""), q("ada"))
    assert not narrows(q("berlin"), q("berl"))  # a backspace widens
    assert not narrows(q("name:ad"), q("nam:ada"))  # another key
    assert not narrows(q("ber"), q("ber OR x"))
    assert not narrows(q("-ber"), q("-berl"))  # not holding "berl" is weaker than not holding "ber"
    assert not narrows(q("audience:1"), q("audience:12"))  # audience IDs match whole
    assert not narrows(q("totalSales>5"), q("totalSales>50"))  # decided by form only: not claimed
    assert not narrows(q('x"'), q('x",'))  # a needle holding JSON punctuation is never narrowed
    assert not narrows(q("ada"), q(""))


def test_answers_that_change_with_the_clock_or_the_checks_are_not_kept() -> None:
    assert keepable(q("berlin totalSales>5 has:Email created:2024"))
    assert not keepable(q("lastActivity<90d"))
    assert not keepable(q("berlin OR -is:problem"))
    assert not keepable(q(""))
    recent = RecentAnswers()
    recent.remember(q("lastActivity<90d"), [1, 2])
    assert recent.seen(q("lastActivity<90d")) is None


def test_recent_answers_keep_the_newest_within_their_bounds() -> None:
    recent = RecentAnswers(max_answers=3, max_indices=10)
    recent.remember(q("b"), [1, 2, 3, 4, 5])
    recent.remember(q("be"), [2, 3, 4])
    assert recent.seen(q("be ")) == [2, 3, 4]  # the same conditions
    assert list(recent.candidates(q("ber")) or []) == [2, 3, 4]  # the smallest answer it narrows
    assert recent.candidates(q("x")) is None
    recent.remember(q("ber"), [3, 4, 5])  # 11 indices held: the oldest goes
    assert recent.seen(q("b")) is None and recent.seen(q("ber")) == [3, 4, 5]
    recent.remember(q("all"), list(range(11)))  # more than all the room: not kept
    assert recent.seen(q("all")) is None
    recent.clear()
    assert recent.seen(q("be")) is None


_WORD = st.text(st.characters(codec="utf-8", categories=("Ll", "Lu", "Nd")), min_size=1, max_size=8)
_VALUE: Any = st.recursive(st.none() | st.integers(min_value=0) | _WORD | st.lists(_WORD, max_size=3).map(" ".join),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_WORD, inner, max_size=3),
                           max_leaves=6)


def _profile(n: int, attributes: dict[str, Any]) -> dict[str, Any]:
    return {"id": 100 + n, "created": "2021-03-04T05:06:07Z", "integrationId": f"u{n}", "attributes": attributes,
            "accountId": 1, "closedSessions": 0, "totalSales": 0, "loyaltyMemberships": None,
            "audienceMemberships": [], "lastActivity": "2024-01-02T03:04:05Z", "sandbox": n % 2 == 0}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(attributes=st.lists(st.dictionaries(_WORD, _VALUE, max_size=4), min_size=1, max_size=8),
       pick=st.integers(0, 10_000), start=st.integers(1, 3), more=st.integers(1, 4), keyed=st.booleans(),
       extra=st.sampled_from(["", " live", " -sandbox", " has:x"]))
def test_a_query_typed_further_finds_the_same_profiles_from_the_last_answer(
        attributes, pick, start, more, keyed, extra) -> None:
    profiles = viewer.load(json.dumps([_profile(n, a) for n, a in enumerate(attributes)]).encode(),
                           search_text=True).profiles
    pairs = [(key, str(value)) for a in attributes for key, value in a.items() if isinstance(value, (str, int))]
    if not pairs:
        return
    key, text = pairs[pick % len(pairs)]
    words = text.split() or [text]
    word = words[pick % len(words)]
    prefix = f"{key}:" if keyed else ""
    shorter, longer = q(prefix + word[:start]), q(prefix + word[:start + more] + extra)
    root = shorter.root
    if not (isinstance(root, Match) and root.term.kind in ("text", "attribute")):
        return  # a word of the language (session:, tier:, audience:, a field): matched otherwise, not narrowed
    assert narrows(shorter, longer)
    evaluator = Evaluator(profiles)
    before = evaluator.matches(shorter)
    assert evaluator.matches(longer, within=before) == evaluator.matches(longer)
