"""The search index's own terms: one AND-ed part of a query, and the index's short query form (no Qt).

``parse_query`` reads the query form the index answers by itself (free text,
``Key:value``, ``audience:``, environments, the CSV files' terms); the whole
language, which builds the same ``Term`` s into a tree, is ``viewer.query.language``.
``audience_names`` is the audience ID -> name map the index searches for free text;
``QueryCancelled`` what a search raises when its caller no longer wants it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from viewer.model.profile import Profile
from viewer.query.companion_terms import COMPARISON

__all__ = ["QueryCancelled", "Term", "audience_names", "parse_query"]
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}
_ENV_WORDS = {"live": "live", "sandbox": "sandbox", "unknown": "unknown"}  # as the Environment column says
_ENV_VALUES = {"live", "sandbox", "unknown"}
_TOKEN = re.compile(r'(?:[^\s"]+|"[^"]*"?)+')


class QueryCancelled(Exception):
    """The ``cancelled`` callback said stop while a column was built or the index's texts were searched."""


@dataclass(frozen=True, slots=True)
class Term:
    """One AND-ed part of a query.

    ``kind`` is ``"text"``, ``"attribute"``, ``"audience"`` or ``"environment"``, or for
    companion files ``"sessions"``, ``"points"`` (``key`` the operator, ``value`` the
    number), ``"tier"`` or ``"member"``;
    ``key`` is the lowercase attribute key (attribute terms only); ``value`` is the
    lowercase text to find, or the environment name.
    """

    kind: str
    value: str
    key: str | None = None


def _unquote(text: str) -> str:
    return text.replace('"', "")


def parse_query(query: str) -> list[Term]:
    """Split ``query`` into terms; an empty or blank query gives no terms."""
    terms: list[Term] = []
    for token in _TOKEN.findall(query):
        comparison = COMPARISON.match(token)
        if comparison:  # sessions>3, points>=100
            terms.append(Term(comparison[1].lower(), comparison[3], comparison[2]))
            continue
        key, sep, rest = token.partition(":")
        if sep and key and not key.startswith('"'):
            lkey = key.lower()
            value = _unquote(rest).strip().lower()
            if lkey in ("tier", "in"):  # companion files: a loyalty tier, a members file
                if value:
                    terms.append(Term("tier" if lkey == "tier" else "member", value))
                continue
            if lkey == "audience":
                if value:
                    terms.append(Term("audience", value))
                continue
            if lkey == "sandbox" and value in _TRUE | _FALSE:
                terms.append(Term("environment", "sandbox" if value in _TRUE else "live"))
                continue
            if lkey in ("env", "environment") and value in _ENV_VALUES:
                terms.append(Term("environment", value))
                continue
            terms.append(Term("attribute", value, lkey))
            continue
        if not token.startswith('"') and token.lower() in _ENV_WORDS:
            terms.append(Term("environment", _ENV_WORDS[token.lower()]))
            continue
        value = _unquote(token).lower()
        if value:
            terms.append(Term("text", value))
    return terms


def audience_names(profiles: Iterable[Profile]) -> dict[int, str]:
    """Audience ID -> name, from the first profile that names it (``connectedAudiences`` holds bare IDs)."""
    names: dict[int, str] = {}
    for profile in profiles:
        for membership in profile.audience_memberships:
            if membership.id is not None and membership.name is not None and membership.id not in names:
                names[membership.id] = membership.name
    return names
