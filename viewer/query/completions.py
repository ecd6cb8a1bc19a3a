"""What the search box offers while a word is typed: field names, attribute paths, audience names (no Qt).

Attribute paths come from the first ``SAMPLE`` profiles: building a profile
costs about 8 µs, so reading 500 takes a few milliseconds where all 100,000
would take a second and a half, and an export's profiles share their keys.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from viewer.model.profile import Profile
from viewer.query.fields import PROFILE_FIELDS

SAMPLE = 500
MAX_DEPTH = 4  # of nested attribute paths offered
MAX_SHOWN = 50
_BARE = re.compile(r"[^\s\"():<>=]+\Z")
_WORD_START = "-("  # what may stand before a word's first letter and stays put


def quoted(text: str) -> str:
    """``text`` as one query word: bare when it can be, else in double quotes."""
    return text if _BARE.match(text) and not text.startswith("-") else '"' + text.replace('"', "") + '"'


def completion_words(profiles: Sequence[Profile]) -> list[str]:
    """Every word the box can complete: fields, ``has:`` forms, attribute paths, ``audience:`` names."""
    paths: dict[str, None] = {}
    audiences: dict[str, None] = {}
    named: dict[str, bool] = {}
    for profile in profiles[:SAMPLE]:
        _paths(profile.attributes, "", 0, paths, named)
        for membership in profile.audience_memberships:
            if membership.name:
                audiences.setdefault(membership.name)
    names = getattr(getattr(profiles, "columns", None), "audience_names", None)
    if isinstance(names, dict):
        for name in names.values():
            if isinstance(name, str) and name:
                audiences.setdefault(name)
    words = [field.name for field in PROFILE_FIELDS]
    words += [f"has:{path}" for path in paths] + list(paths)
    words += [f"audience:{quoted(name)}" for name in audiences]
    words += ["live", "sandbox", "unknown", "has:", "audience:", "tier:", "in:", "session:"]
    return list(dict.fromkeys(words))


def _paths(value: dict[str, Any], prefix: str, depth: int, found: dict[str, None],
           named: dict[str, bool] | None = None) -> None:
    # ``named``: whether each key met so far can be named (the sample's profiles share their keys: one look each)
    named = {} if named is None else named
    for key, child in value.items():
        bare = named.get(key)
        if bare is None:
            bare = named[key] = bool(_BARE.match(key)) and "." not in key
        if not bare:
            continue  # a key the language cannot name as a bare word
        path = prefix + key
        found.setdefault(path)
        if isinstance(child, dict) and depth + 1 < MAX_DEPTH:
            _paths(child, path + ".", depth + 1, found, named)


def current_word(text: str, cursor: int) -> tuple[int, str]:
    """Where the word under the cursor starts (after any ``-`` or ``(``) and what of it is typed."""
    start = cursor
    quotes = text[:cursor].count('"') % 2
    while start > 0 and (quotes or not text[start - 1].isspace()) and text[start - 1] not in "()":
        start -= 1
        if text[start] == '"':
            quotes ^= 1
    while start < cursor and text[start] in _WORD_START:
        start += 1
    return start, text[start:cursor]


def _key(text: str) -> str:
    return text.replace('"', "").lower()


def matching_words(words: Sequence[str], typed: str) -> list[str]:
    """The words that start with ``typed`` (case and quotes aside), at most ``MAX_SHOWN``; none for one letter.

    A word typed whole offers nothing more, except a prefix that is a word of its own
    (``audience:``, ``has:``, ``tier:``, ``in:``): right after its colon come the names it takes.
    """
    if len(typed) < 2 or (typed in words and not typed.endswith(":")):
        return []
    wanted = _key(typed)
    found = [word for word in words if _key(word).startswith(wanted) and _key(word) != wanted]
    return found[:MAX_SHOWN]
