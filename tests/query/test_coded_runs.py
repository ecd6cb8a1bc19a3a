"""Writing a run's keys as codes in numpy passes gives the text one ``str.replace`` per key gives (no Qt)."""

from __future__ import annotations

import json
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.query import coded_runs
from viewer.query.key_codes import KeyCodes
from viewer.reading.search_text import SEP, latin

_KEYS = st.one_of(st.sampled_from(["Name", "n", "id", "Address", "Zip", "ShippingCountry" * 3, "Ünïcode", "a b"]),
                  st.text(min_size=0, max_size=20).filter(lambda key: "\\" not in json.dumps(key, ensure_ascii=False)))
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.sampled_from([":x", "name", '":', "", "Berlin"]),
                     st.text(max_size=12))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
                       max_leaves=8)
_ATTRIBUTES = st.dictionaries(_KEYS, _VALUES, max_size=8)


def _text(attributes: dict[str, object], n: int) -> str | None:
    """The search text of a profile with ``attributes`` (None: one with an escape, which the index never holds)."""
    written = json.dumps(attributes, ensure_ascii=False, separators=(",", ":"))
    return None if "\\" in written else latin(f"{written}{SEP}{n}{SEP}urn{n}")


def _by_replaces(run: str, codes: KeyCodes) -> str | None:
    with mock.patch.object(coded_runs, "rewrite", lambda run, codes: None):
        return codes.rewrite_run(run)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ATTRIBUTES, min_size=1, max_size=6), st.integers(min_value=0, max_value=40))
def test_every_key_gets_the_code_and_text_the_replaces_give(profiles: list[dict[str, object]], known: int) -> None:
    texts = [text for n, attributes in enumerate(profiles) if (text := _text(attributes, n)) is not None]
    run = "\x00".join(texts)
    fast, slow = KeyCodes(), KeyCodes()
    for n in range(known):  # codes met in earlier runs (past 29 of them, codes of three characters)
        fast.add(f"earlier{n}")
        slow.add(f"earlier{n}")
    written = coded_runs.rewrite(run, fast)
    if written is None:  # it cannot say: the replaces take the run (and the codes it may have given are harmless)
        return
    assert written == _by_replaces(run, slow)
    assert fast.code == slow.code  # the same codes, given in the same order
    assert written.count("\x00") == run.count("\x00")


def test_a_run_of_many_profiles_with_the_same_keys() -> None:
    texts = [_text({"Name": f"Ada {n}", "Address": {"City": "Berlin", "Zip": str(n)}, "Tags": ["vip"], "N": n}, n)
             for n in range(2_000)]
    run = "\x00".join(t for t in texts if t)
    fast, slow = KeyCodes(), KeyCodes()
    assert coded_runs.rewrite(run, fast) == _by_replaces(run, slow)
    assert list(fast.code) == ["name", "address", "city", "zip", "tags", "n"]


def test_what_it_cannot_say_it_leaves_to_the_replaces() -> None:
    codes = KeyCodes()
    assert coded_runs.rewrite(latin('{"tags":["a",":b"]}\x1f1\x1fu'), codes) is None  # a value after a colon
    coded = KeyCodes().rewrite_run(latin('{"name":"ada"}\x1f1\x1fu'))
    assert coded is not None and coded_runs.rewrite(coded, KeyCodes()) is None  # codes already
    assert coded_runs.rewrite(latin('{"a,b":1}\x1f1\x1fu'), KeyCodes()) is None  # a key that gets no code
    assert coded_runs.rewrite("", KeyCodes()) == ""
    assert coded_runs.rewrite(latin("[1,2]\x1f1\x1fu"), KeyCodes()) == latin("[1,2]\x1f1\x1fu")  # no key at all
