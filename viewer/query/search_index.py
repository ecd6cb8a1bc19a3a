"""Searching the profiles of one export: the query language and a prebuilt index.

The query language (terms are AND-ed, case-insensitive)::

    ada                 free text: ID, integration ID, audience names, attribute values
    "two words"         quotes keep spaces inside one term
    Name:ada            an attribute at any depth (key case-insensitive, value substring);
                        a dotted key (Address.City:berlin) looks inside objects
    audience:travel     an audience name or ID (memberships and connected audiences)
    live  sandbox       the environment, as the list's Environment column says it;
    unknown             also sandbox:true / sandbox:false, env:live / env:sandbox / env:unknown

With CSV exports opened beside the profiles (sessions, loyalty, members)::

    sessions>3          the number of customer sessions; also >=, <, <=, =
    points>=100         current loyalty points summed over the profile's balances (exact)
    tier:gold           a current tier (loyalty balances) or a tier period's name (substring)
    in:vip              listed in an audience members file whose name contains the text

These are the index's own terms (``Term``, read by ``viewer.query.search_terms``);
``viewer.query.language`` is the whole query language (comparisons, dates, ``has:``,
``-``/``NOT``, ``OR``, parentheses) and ``viewer.query.evaluate`` hands the terms above to
:meth:`ProfileSearchIndex.match_term`.

The index holds, per profile, the lowercase compact JSON text of its
attributes with its ID and integration ID (``viewer.query.profile_texts``).
At first a hit is told to be in a key or a value by the ``":`` that follows
a key, one regular-expression search per profile (``text_patterns.in_values``:
30-90 ms for 100,000 profiles); once ``learn_keys`` has written the keys as codes
(``viewer.query.key_codes``) a query is a substring test per profile, 20-50 ms,
and while it writes them, so for the texts written already. ``Key:value`` terms
are one search per text for the key followed by a value holding the text
(``viewer.query.key_values``). Environments and audiences are read from the
reader's columns, not from text.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from itertools import compress
from operator import not_
from typing import Any

import msgspec
import numpy as np

from viewer.model.numbers import number
from viewer.model.profile import Profile
from viewer.query import key_codes, key_values, profile_texts
from viewer.query.audience_members import AudienceMembers
from viewer.query.companion_terms import KEYED, KINDS, CompanionColumns
from viewer.query.fields import MISSING, lookup
from viewer.query.key_codes import KeyCodes, Turns
from viewer.query.profile_texts import KEY_END, KEY_START, POLL_PROFILES, ProfileTexts, flatten, odd_text
from viewer.query.search_terms import QueryCancelled, Term, audience_names, parse_query
from viewer.query.text_patterns import (
    IN_A_VALUE,
    Needle,
    holding_texts,
    in_a_value,
    in_values,
    key_needle,
    pattern,
    split_at,
)
from viewer.reading.gc_pause import give_back_freed_memory
from viewer.reading.search_text import SEP

_AS_ATTRIBUTE = {kind: word for word, kind in KEYED.items()}  # a companion term with no file for it
# JSON punctuation, or a space (a file may put spaces between tokens): a query holding any may span two
# values of the text, so the profiles holding it are checked by their values, one by one
_PUNCTUATION = frozenset('{}[],:"\\ \t')
_View = tuple[list[str], "KeyCodes | None"]
_decode_lower = msgspec.json.Decoder(float_hook=number).decode
__all__ = ["POLL_PROFILES", "ProfileSearchIndex", "Term", "audience_names", "parse_query"]
_GROUPED_FROM = 2_000  # candidates from which an audience's grouped members are looked up rather than each tested


class ProfileSearchIndex:
    """The searchable text of every profile of one export, ready for fast queries.

    Build it with :meth:`build` off the GUI thread (about 0.6 of a bare parse
    of the file); :meth:`search` then answers in tens of milliseconds.
    """

    def __init__(self, texts: ProfileTexts, names: dict[int, str], profiles: Sequence[Profile],
                 companions: CompanionColumns | None = None) -> None:
        self._companions = companions  # sessions, points, tiers, member lists (None: no CSV files)
        self._texts = texts
        self._names = {audience: name.lower() for audience, name in names.items()}
        self._profiles = profiles  # for the few checks that need a profile's values
        # the texts searched and their key codes (``viewer.query.key_codes``; None: keys as written); while
        # ``learn_keys`` writes the codes into the texts (codes not ``complete``) a text may hold either form
        self._view: tuple[list[str], KeyCodes | None] = (texts.texts, None)
        self._members: AudienceMembers | None = None  # made on the first audience term over all profiles
        # a search reads the texts and the codes it knows at its start: a run written with a code learnt
        # meanwhile (by ``learn_keys`` in another thread) would go unseen, so the two take turns
        self._turns = Turns()
        self._calls = threading.local()  # the ``cancelled`` of the search running in each thread
        self._learning = threading.Lock()  # one ``learn_keys`` at a time (the list's and the late checks')

    def __len__(self) -> int:
        return len(self._view[0])

    @classmethod
    def build(
        cls,
        profiles: Sequence[Profile],
        cancelled: Callable[[], bool] | None = None,
        names: dict[int, str] | None = None,
    ) -> ProfileSearchIndex:
        """Index ``profiles``; ``cancelled()`` is polled every ``POLL_PROFILES`` profiles (``LoadCancelled``).

        ``names`` is ``audience_names(profiles)`` when the caller has it already. The C heap's free pages
        are handed back at the end (``give_back_freed_memory``, a few ms): the load's and the texts'
        temporary runs left them with the process, and for 100,000 profiles (87 MB) the window's resident
        memory once searchable fell from 1.56 to 1.45 times the file.
        """
        if names is None:
            reader_names = getattr(profiles, "audience_names", None)
            names = reader_names() if callable(reader_names) else audience_names(profiles)
        texts = profile_texts.build(profiles, cancelled)
        index = cls(texts, names, profiles, CompanionColumns.build(profiles, cancelled))
        give_back_freed_memory()
        return index

    def learn_keys(self, cancelled: Callable[[], bool] | None = None) -> None:
        """Learn every attribute key of the export and write them as codes (``viewer.query.key_codes``).

        A substring test is then exact for every query: 30-40 ms for most
        queries over 100,000 profiles, against 50-90 ms with the keys as
        written. 0.36 s for 100,000 profiles: the window starts it as soon as search works. The texts
        are written in place while searches go on (see ``_match``); a call after one that was cancelled goes
        on from where it stopped, and a call while another runs waits for it (and then has nothing to do).
        Raises ``viewer.LoadCancelled`` when ``cancelled()`` says so.
        """
        def poll() -> None:
            if cancelled is not None and cancelled():
                from viewer.reading.load_errors import LoadCancelled

                raise LoadCancelled()

        with self._learning:
            codes = self._view[1]
            if codes is None:
                codes = KeyCodes()
                self._view = (self._view[0], codes)  # before any text holds a code
            elif codes.complete:
                return
            key_codes.learn(self._view[0], codes, poll, self._turns)  # False: a key that cannot be coded

    def answer_shown(self) -> None:
        """The window shows the last search's answer: writing the codes may go on (``key_codes.Turns``)."""
        self._turns.answer_shown()

    @property
    def keys_learnt(self) -> bool:
        """Whether every text holds its keys as codes (``learn_keys`` is done)."""
        codes = self._view[1]
        return codes is not None and codes.complete

    def has_audience_members(self) -> bool:
        """Whether each audience's profiles are grouped already (an ``audience:`` term is then instant)."""
        return self._members is not None

    def audience_members(self, poll: Callable[[], object] | None = None) -> AudienceMembers:
        """Each audience's profiles (``viewer.query.audience_members``), made once (``poll``: now and then)."""
        if self._members is None:
            self._members = AudienceMembers(self._texts.audiences, self._texts.connected, poll)
        return self._members

    def search(self, query: str, profiles: Sequence[Profile] | None = None) -> list[int] | None:
        """Indices (ascending) of the profiles matching ``query`` (None: no terms); ``profiles``: the index's own."""
        terms = parse_query(query)
        if not terms:
            return None
        # Cheapest, most selective terms first: each narrows the candidates of the next.
        terms.sort(key=lambda t: {"environment": 0, "audience": 1, "attribute": 2}.get(t.kind, 3))
        candidates: Iterable[int] = range(len(self))
        with self._turns.search():
            for term in terms:
                candidates = self._match(term, candidates)
            return list(candidates)

    def match_term(self, term: Term, candidates: Iterable[int], profiles: Sequence[Profile] | None,
                   cancelled: Callable[[], bool] | None = None) -> list[int]:
        """The ``candidates`` (ascending; a ``range``: all) that satisfy one term of ``viewer.query.language``.

        ``cancelled()`` is polled between runs of texts: :class:`QueryCancelled` when it turns true.
        """
        self._calls.cancelled = cancelled
        try:
            with self._turns.search():
                return self._match(term, candidates)
        finally:
            self._calls.cancelled = None

    def _poll(self) -> None:
        """Between runs of texts: stop when the search running in this thread is no longer wanted."""
        cancelled = getattr(self._calls, "cancelled", None)
        if cancelled is not None and cancelled():
            raise QueryCancelled()

    def _match(self, term: Term, candidates: Iterable[int]) -> list[int]:
        if term.kind not in ("attribute", "text"):
            return self._match_kind(term, candidates)
        if not isinstance(candidates, Sequence):
            candidates = list(candidates)  # it may be read twice
        if not isinstance(candidates, range) and len(candidates) == len(self._view[0]):
            # every profile (ascending indices, each once: ``Name:a`` after ``Name:``) takes the paths for all
            # profiles: no mask of the candidates to merge audience members into, their groups looked up
            candidates = range(len(candidates))
        while True:  # until no text got a code this term did not know (``learn_keys`` runs beside searches)
            view = self._view
            known = len(view[1].code) if view[1] is not None else 0
            found = self._match_kind(term, candidates, view)
            if view is self._view and (view[1] is None or len(view[1].code) == known):
                return found

    def _match_kind(self, term: Term, candidates: Iterable[int], view: _View | None = None) -> list[int]:
        value, view = term.value, view or self._view
        if term.kind in KINDS:
            companions = self._companions
            if companions is not None and companions.holds(term.kind):
                return companions.match(term.kind, value, term.key, candidates)
            word = _AS_ATTRIBUTE.get(term.kind)  # Tier:Gold without a tiers file: the attribute "Tier"
            return self._match(Term("attribute", value, word), candidates) if word is not None else []
        if term.kind == "environment":
            envs = self._texts.environments
            return [i for i in candidates if envs[i] == value]
        if term.kind == "audience":
            return self._in_audiences(self._audience_ids(value), candidates)
        if term.kind == "attribute":
            assert term.key is not None
            if "." in term.key:
                return self._match_path(term.key.split("."), value, candidates, view)
            return self._match_attribute(term.key, value, candidates, view)
        return self._match_text(value, candidates, view)

    def _audience_ids(self, value: str) -> set[int]:
        """The audiences an ``audience:`` value names: an ID whole, else names holding the text."""
        if value.isdigit():
            return {int(value)} | {audience for audience, name in self._names.items() if name == value}
        return {audience for audience, name in self._names.items() if value in name}

    def _in_audiences(self, ids: set[int], candidates: Iterable[int], group: bool = True) -> list[int]:
        """The candidates that are members of, or connected to, one of the audiences ``ids``.

        ``group``: make each audience's members (``audience_members``) if not made yet; else (free text's
        audience names, typed before the late checks make them: 20-60 ms more for a first keystroke) test each.
        """
        if not ids:
            return []
        apart = ids.isdisjoint
        members, connected = self._texts.audiences, self._texts.connected
        if isinstance(candidates, range):  # (all profiles)
            grouped = self.audience_members() if group else self._members
            found = grouped.profiles_in(ids) if grouped is not None else None
            if found is not None:
                return found
            joined = list(compress(range(len(members)), map(not_, map(apart, members))))  # (C loops: the
            # connected ones too, where a loop over 100,000 of them in Python took 32 ms of a keystroke's 60)
            return _merged(joined, list(compress(connected, map(not_, map(apart, connected.values())))), candidates)
        found = self._members.profiles_in(ids) if self._members is not None and isinstance(candidates, Sequence) \
            and len(candidates) > _GROUPED_FROM else None  # a set of the members: 5 ms where a test each took 80
        if found is not None:
            inside = set(found)
            return [i for i in candidates if i in inside]
        return [i for i in candidates if not apart(members[i]) or (i in connected and not apart(connected[i]))]

    def _match_text(self, value: str, candidates: Iterable[int], view: _View) -> list[int]:
        texts, coded = view
        coded_all = coded is not None and coded.complete  # read first: then every text it reads holds codes
        apart = _PUNCTUATION.isdisjoint(value)
        if apart and coded is None:
            hits = in_values(texts, value, candidates, self._poll)  # keys as written: a search per text, in a value
        elif apart and coded_all and value.isprintable():
            hits = holding_texts(texts, Needle(value), candidates, self._poll)  # keys as codes: any hit is in a value
        elif apart and value.isprintable() and coded is not None:  # while keys are written as codes: the texts
            written = coded.written  # before ``written`` hold codes, a hit anywhere in them is in a value; the search
            low, high = split_at(candidates, written)  # in a value is right for the others in either form
            hits = holding_texts(texts, Needle(value), low, self._poll) + in_values(texts, value, high, self._poll)
        elif apart:
            holding = holding_texts(texts, Needle(value), candidates, self._poll)
            found = pattern(value)
            first = re.compile(found + IN_A_VALUE).search  # a hit surely in a value, else an unsure one: group 1
            every = re.compile(found).finditer
            hits = [i for i in holding if (hit := first(texts[i])) is not None and (
                hit.lastindex is None or in_a_value(texts[i], every(texts[i])))]
        else:  # punctuation or spaces can span two values: check each profile holding the text by its values
            profiles = self._profiles
            hits = [i for i in holding_texts(texts, Needle(value), candidates)
                    if value in odd_text(profiles[i].id, profiles[i].integration_id, profiles[i].attributes).text]
        extra = [i for i, odd in self._texts.odd.items() if value in odd.text]
        named = {audience for audience, name in self._names.items() if value in name}
        if not named or (isinstance(candidates, Sequence) and len(hits) == len(candidates)):
            return _merged(hits, extra, candidates)  # (every candidate matched: no audience to look up)
        members = self._in_audiences(named, candidates, group=False)  # candidates already: no set made to check
        return _merged(_merged(hits, extra, candidates), members, range(len(texts)))  # (members: candidates)

    def _match_attribute(self, key: str, value: str, candidates: Iterable[int], view: _View) -> list[int]:
        """An attribute ``key`` (at any depth of the attributes) whose value, or a value inside it, holds ``value``."""
        texts, coded = view
        if not value:
            hits = holding_texts(texts, key_needle(key, coded), candidates, self._poll)
        elif _PUNCTUATION.isdisjoint(value):  # one search per text (``viewer.query.key_values``)
            hits = key_values.matching(texts, key, coded, value, candidates,
                                       lambda i: self._nested_holds(i, key, value, view), self._poll)
        else:
            holding = holding_texts(texts, Needle(value), holding_texts(texts, key_needle(key, coded), candidates))
            hits = [i for i in holding if self._nested_holds(i, key, value, view)]
        extra = [i for i in self._texts.odd if self._nested_holds(i, key, value, view)]  # few: walked
        return _merged(hits, extra, candidates)

    def _nested_holds(self, index: int, key: str, value: str, view: _View) -> bool:
        """Whether a ``key`` anywhere in profile ``index``'s attributes has ``value`` in one of its values."""
        text, coded = view[0][index], view[1]
        name_of = coded.name_of if coded is not None else str
        try:
            attributes = _decode_lower(text[:text.rindex(SEP, 0, text.rindex(SEP))].encode("latin-1"))
        except (msgspec.DecodeError, RecursionError, ValueError):
            attributes = self._profiles[index].attributes
        pending: list[Any] = [attributes]
        while pending:
            node = pending.pop()
            items = node.items() if isinstance(node, dict) else enumerate(node)
            for name, item in items:
                if isinstance(name, str) and name_of(name).lower() == key:
                    if not value:
                        return True
                    shown: list[str] = []
                    flatten(item, shown)
                    if any(value in part.lower() for part in shown):
                        return True
                if isinstance(item, (dict, list)):
                    pending.append(item)
        return False

    def _match_path(self, keys: list[str], value: str, candidates: Iterable[int], view: _View) -> list[int]:
        # Nested lookups are rare: walk the objects instead of indexing every path up front.
        odd, profiles = self._texts.odd, self._profiles
        odd_first = f"{KEY_START}{keys[0]}{KEY_END}"
        holding = set(holding_texts(view[0], key_needle(keys[0], view[1]), candidates))
        result = []
        for i in candidates:
            if i not in holding and (i not in odd or odd_first not in odd[i].attributes):
                continue
            node: Any = profiles[i].attributes
            for key in keys:
                node = lookup(node, key)
                if node is MISSING:
                    break
            else:
                shown: list[str] = []
                flatten(node, shown)
                if any(value in s.lower() for s in shown):
                    result.append(i)
        return result


def _merged(hits: list[int], extra: Sequence[int], candidates: Iterable[int]) -> list[int]:
    """``hits`` (ascending) with ``extra`` (odd profiles, audience members) that are candidates too, ascending.

    In numpy, a mask of the profiles: merging 60,000 audience members into 90,000 hits of 100,000
    profiles took 12 ms, where a set of the hits and ``sorted`` took 19 ms.
    """
    if not extra or (isinstance(candidates, range) and len(hits) == len(candidates)):
        return hits  # (a short query: every profile holds it already)
    more = np.asarray(extra, dtype=np.int64)
    if isinstance(candidates, range):
        more = more[(more >= candidates.start) & (more < candidates.stop)]
        allowed = None
    else:
        allowed = np.fromiter(candidates, dtype=np.int64)
    found = np.asarray(hits, dtype=np.int64)
    size = int(max(found.max(initial=-1), more.max(initial=-1), allowed.max(initial=-1) if allowed is not None
                   else -1)) + 1
    shown = np.zeros(size, dtype=bool)
    if allowed is not None:
        shown[allowed] = True
        more = more[shown[more]]
        shown[:] = False
    shown[found] = True
    more = more[~shown[more]]
    if not len(more):
        return hits  # usually none
    shown[more] = True
    return np.flatnonzero(shown).tolist()
