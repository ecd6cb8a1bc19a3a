"""Searching the profiles of one export: the query language and a prebuilt index.

The query language (terms are AND-ed, case-insensitive)::

    ada                 free text: ID, integration ID, audience names, attribute values
    "two words"         quotes keep spaces inside one term
    Name:ada            one attribute (key case-insensitive, value substring);
                        a dotted key (Address.City:berlin) looks inside objects
    audience:travel     an audience name or ID (memberships and connected audiences)
    live  sandbox       the environment, as the list's Environment column says it;
    unknown             also sandbox:true / sandbox:false, env:live / env:sandbox / env:unknown

With CSV exports opened beside the profiles (sessions, loyalty, members)::

    sessions>3          the number of customer sessions; also >=, <, <=, =
    points>=100         current loyalty points summed over the profile's balances (exact)
    tier:gold           a current tier (loyalty balances) or a tier period's name (substring)
    in:vip              listed in an audience members file whose name contains the text

These are the index's own terms; ``viewer.query.language`` is the whole query
language (comparisons, dates, ``has:``, ``-``/``NOT``, ``OR``, parentheses) and
``viewer.query.evaluate`` hands the terms above to :meth:`ProfileSearchIndex.match_term`.

The index keeps one lowercase text blob per profile, built once per export off the
GUI thread; a query is then a plain-Python substring scan over 100,000 short strings,
which measures 25-50 ms for 100,000 profiles (3.15 million JSON nodes) on a
2-core machine, well inside a keystroke's budget.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from viewer.model.profile import Profile
from viewer.model.values import int_text, scalar_text
from viewer.query.companion_terms import COMPARISON, KINDS, CompanionColumns

# Separators that cannot appear in a typed query: they keep one field's text from
# running into the next so a substring never spans two values.
_VALUE_SEP = "\x1f"
_KEY_START = "\x1d"
_KEY_END = "\x1e"

_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}
_ENV_WORDS = {"live": "live", "sandbox": "sandbox", "unknown": "unknown"}  # as the Environment column says
_ENV_VALUES = {"live", "sandbox", "unknown"}
POLL_PROFILES = 250  # profiles between polls of ``cancelled``: 6 ms median, 15 ms worst (100,000 profiles)
_TOKEN = re.compile(r'(?:[^\s"]+|"[^"]*"?)+')


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


_Fields = tuple[Any, Any, Iterable[tuple[Any, Any]], Iterable[int], dict[str, Any], str]
_ENVIRONMENTS = ("live", "sandbox", "unknown")


def _fields(profiles: Sequence[Profile], names: dict[int, str]) -> Iterator[_Fields]:
    """Per profile what the index holds: (id, integration ID, (audience name, ID)s, connected IDs, attributes,
    environment).

    From the reader's columns and a decode of only the attributes when the
    profiles come from ``viewer.load`` (building 100,000 profiles to read them
    took about as long as the rest of the index); from the profiles otherwise.
    """
    columns = getattr(profiles, "columns", None)
    search_fields = getattr(profiles, "search_fields", None)
    if columns is None or search_fields is None or len(columns) != len(profiles):
        for profile in profiles:
            yield (profile.id, profile.integration_id,
                   [(m.name, m.id) for m in profile.audience_memberships], profile.connected_audiences,
                   profile.attributes, profile.environment)
        return
    for ident, owner, sandbox, (memberships, connected, attributes) in zip(
            columns.id, columns.integration_id, columns.sandbox, search_fields()):
        yield ident, owner, memberships, connected, attributes, _ENVIRONMENTS[sandbox]


def _flatten(value: Any, out: list[str]) -> None:
    """Append the shown text of every scalar inside ``value``, in document order.

    A stack of iterators, not recursion: an attribute nested 100,000 levels
    deep is walked like a flat one (recursion stopped at 1,000 levels).
    """
    if not isinstance(value, (dict, list)):
        out.append(scalar_text(value))
        return
    append = out.append
    pending: list[Iterator[Any]] = [iter(value.values() if isinstance(value, dict) else value)]
    while pending:
        for item in pending[-1]:
            if isinstance(item, dict):
                pending.append(iter(item.values()))
                break
            if isinstance(item, list):
                pending.append(iter(item))
                break
            append(scalar_text(item))
        else:
            pending.pop()


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
    """Audience ID -> name, from the first profile of the export that names it.

    ``connectedAudiences`` holds bare IDs; this map lets a view name them.
    """
    names: dict[int, str] = {}
    for profile in profiles:
        for membership in profile.audience_memberships:
            if membership.id is not None and membership.name is not None and membership.id not in names:
                names[membership.id] = membership.name
    return names


class ProfileSearchIndex:
    """Lowercase text of every profile of one export, ready for fast queries.

    Build it with :meth:`build` in the loading thread (it takes about a second
    for 100,000 profiles); :meth:`search` then answers on the GUI thread.
    """

    def __init__(
        self,
        text: list[str],
        attributes: list[str],
        audiences: list[str],
        environments: list[str],
        companions: CompanionColumns | None = None,
    ) -> None:
        self._companions = companions  # sessions, points, tiers, member lists (None: no CSV files)
        self._text = text
        self._attributes = attributes
        self._audiences = audiences
        self._environments = environments

    def __len__(self) -> int:
        return len(self._text)

    @property
    def attribute_texts(self) -> list[str]:
        """Per profile, its attributes as ``\x1dkey\x1evalue`` runs, lowercase (list values joined by ``\x1f``)."""
        return self._attributes

    @classmethod
    def build(
        cls,
        profiles: Sequence[Profile],
        cancelled: Callable[[], bool] | None = None,
        names: dict[int, str] | None = None,
    ) -> ProfileSearchIndex:
        """Index ``profiles``; ``cancelled()`` is polled every ``POLL_PROFILES`` profiles.

        ``names`` is ``audience_names(profiles)`` when the caller has it already.

        Raises ``viewer.LoadCancelled`` when ``cancelled()`` says so.
        """
        text: list[str] = []
        attributes: list[str] = []
        audiences: list[str] = []
        environments: list[str] = []
        names = audience_names(profiles) if names is None else names
        for n, (ident, owner, memberships, connected, attributes_of, environment) in enumerate(
                _fields(profiles, names)):
            if cancelled is not None and n % POLL_PROFILES == 0 and cancelled():
                from viewer.reading.load_errors import LoadCancelled

                raise LoadCancelled()
            parts: list[str] = []
            if ident is not None:
                parts.append(int_text(ident))
            if owner is not None:
                parts.append(owner)
            aud: list[str] = []
            for name, audience in memberships:
                if name is not None:
                    parts.append(name)
                    aud.append(name)
                if audience is not None:
                    aud.append(int_text(audience))
            for audience_id in connected:
                aud.append(str(audience_id))
                if audience_id in names:  # connected by ID only: named by another profile
                    aud.append(names[audience_id])
                    parts.append(names[audience_id])
            attr_parts: list[str] = []
            for key, value in attributes_of.items():
                if type(value) is str:  # the common case, without the walk
                    text_value = value
                else:
                    shown: list[str] = []
                    _flatten(value, shown)
                    text_value = _VALUE_SEP.join(shown)
                parts.append(text_value)
                attr_parts.append(f"{_KEY_START}{key}{_KEY_END}{text_value}")
            text.append(_VALUE_SEP.join(parts).lower())
            attributes.append("".join(attr_parts).lower())
            # fenced by separators so an audience ID can match whole (audience:2 is not 21)
            audiences.append(_VALUE_SEP + _VALUE_SEP.join(aud).lower() + _VALUE_SEP)
            environments.append(environment)
        return cls(text, attributes, audiences, environments, CompanionColumns.build(profiles))

    def search(self, query: str, profiles: Sequence[Profile] | None = None) -> list[int] | None:
        """Indices (ascending) of the profiles matching ``query``; ``None`` when it has no terms.

        ``profiles`` is needed only for dotted attribute keys (``Address.City:x``),
        which look into nested objects.
        """
        terms = parse_query(query)
        if not terms:
            return None
        # Cheapest, most selective terms first: each narrows the candidates of the next.
        terms.sort(key=lambda t: {"environment": 0, "audience": 1, "attribute": 2}.get(t.kind, 3))
        candidates: Iterable[int] = range(len(self._text))
        for term in terms:
            candidates = self._match(term, candidates, profiles)
        return list(candidates)

    def match_term(self, term: Term, candidates: Iterable[int], profiles: Sequence[Profile] | None) -> list[int]:
        """The ``candidates`` (ascending indices; a ``range`` means all) that satisfy one term.

        The full query language (``viewer.query.language``) hands its index terms here.
        """
        return self._match(term, candidates, profiles)

    def _match(
        self, term: Term, candidates: Iterable[int], profiles: Sequence[Profile] | None
    ) -> list[int]:
        value = term.value
        if term.kind in KINDS:
            companions = self._companions
            return companions.match(term.kind, value, term.key, candidates) if companions is not None else []
        if term.kind == "environment":
            envs = self._environments
            return [i for i in candidates if envs[i] == value]
        if term.kind == "audience":
            blobs = self._audiences
            if value.isdigit():
                value = f"{_VALUE_SEP}{value}{_VALUE_SEP}"
        elif term.kind == "attribute":
            assert term.key is not None
            if "." in term.key and profiles is not None:
                return self._match_path(term.key.split("."), value, candidates, profiles)
            return self._match_attribute(term.key, value, candidates)
        else:
            blobs = self._text
        if isinstance(candidates, range):
            return [i for i, blob in enumerate(blobs) if value in blob]
        return [i for i in candidates if value in blobs[i]]

    def _match_attribute(self, key: str, value: str, candidates: Iterable[int]) -> list[int]:
        blobs = self._attributes
        marker = f"{_KEY_START}{key}{_KEY_END}"
        # The substring test discards most profiles in C; the regex runs only on the rest.
        pattern = re.compile(re.escape(marker) + f"[^{_KEY_START}]*?" + re.escape(value))
        if isinstance(candidates, range):
            hits = [i for i, blob in enumerate(blobs) if marker in blob]
        else:
            hits = [i for i in candidates if marker in blobs[i]]
        if not value:
            return hits
        search = pattern.search
        return [i for i in hits if search(blobs[i])]

    def _match_path(
        self, keys: list[str], value: str, candidates: Iterable[int], profiles: Sequence[Profile]
    ) -> list[int]:
        # Nested lookups are rare: walk the objects instead of indexing every path up front.
        first = f"{_KEY_START}{keys[0]}{_KEY_END}"
        blobs = self._attributes
        result = []
        for i in candidates:
            if first not in blobs[i]:
                continue
            node: Any = profiles[i].attributes
            for key in keys:
                node = _lookup(node, key)
                if node is _MISSING:
                    break
            else:
                shown: list[str] = []
                _flatten(node, shown)
                if any(value in s.lower() for s in shown):
                    result.append(i)
        return result


_MISSING = object()


def _lookup(node: Any, key: str) -> Any:
    """``node[key]`` with a case-insensitive key (or a list index), else ``_MISSING``."""
    if isinstance(node, dict):
        if key in node:
            return node[key]
        for k, v in node.items():
            if k.lower() == key:
                return v
    elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
        return node[int(key)]
    return _MISSING
