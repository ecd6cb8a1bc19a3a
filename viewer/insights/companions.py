"""The overview's part on the CSV files opened beside the profiles: sessions, their states, tiers, points (no Qt).

For the summarised profiles (the whole export or a search result): how many
sessions they have and how many profiles have any, sessions per state as the
file writes it, profiles per loyalty tier and a histogram of each profile's
current points (summed over its programs and subledgers, exact ``Decimal``).
Every count carries the query that lists its profiles, in the same terms the
search uses (``viewer.query.companion_terms``): ``session:closed``,
``tier:Gold``, ``points>=100 points<200``, ``sessions>0``. A tier whose name is
part of another tier's name (``Gold`` in ``Rose Gold``) has no query, as
``tier:`` finds parts of names.

Rows of big files are not built for this: states, tiers and points are read
from the file's text a column at a time (``companion_rows.session_states`` &
co.; a 1,000,000-row sessions file's states in well under a second, where
building the sessions would take 50 s).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

from viewer.insights.bulk import sorted_numbers
from viewer.insights.distributions import histogram, median
from viewer.insights.overview import Figure, Histogram, Summary
from viewer.insights.queries import quoted
from viewer.model.companions import Companions
from viewer.model.profile import Profile
from viewer.query.companion_terms import integration_ids, profile_ids
from viewer.reading.companion_rows import (
    balance_points,
    balance_tiers,
    session_states,
    tier_names,
)

POINTS_FIELD = "points"
POLL = 2000  # profiles between two polls of ``cancelled``


@dataclass(frozen=True, slots=True)
class StateCount:
    """The sessions of one state (as written, ``""`` for an empty cell) and the profiles that have one."""

    state: str
    sessions: int
    profiles: int  # as ``session:STATE`` lists them (a repeated profile twice)
    query: str | None  # session:STATE (None: the language cannot say it)


@dataclass(frozen=True, slots=True)
class TierCount:
    """The profiles in one loyalty tier: a balance's current tier or a tier period of that name."""

    tier: str
    profiles: int
    of: int  # the profiles summarised
    query: str | None  # tier:NAME (None when NAME is part of another tier's name)

    @property
    def share(self) -> Fraction:
        """The tier's profiles as a share of the summarised profiles (exact)."""
        return Fraction(self.profiles, self.of) if self.of else Fraction(0)


@dataclass(frozen=True, slots=True)
class CompanionSummary:
    """Sessions, tiers and points of the summarised profiles; the parts of kinds not opened are empty."""

    kinds: tuple[str, ...]  # the kinds of companion files opened ("sessions", "balances", "tiers", "members")
    sessions: int  # session rows of the summarised profiles (a repeated profile's once)
    with_sessions: Figure  # profiles with at least one session (sessions>0)
    states: tuple[StateCount, ...]  # most sessions first
    tiers: tuple[TierCount, ...]  # most profiles first
    without_tier: int  # profiles with no tier at all
    points: Histogram  # the per-profile sum of current points; ``missing``: profiles without a balance
    points_sum: Decimal  # of the customers: a repeated profile's points once
    points_median: int | Decimal | None

    def has(self, kind: str) -> bool:
        """Whether a companion file of ``kind`` was opened."""
        return kind in self.kinds


@dataclass(frozen=True, slots=True)
class SummaryWithCompanions(Summary):
    """A ``Summary`` of profiles that have CSV files beside them: ``companions`` holds their part."""

    companions: CompanionSummary | None = None


def companion_summary(summary: Summary | None) -> CompanionSummary | None:
    """The companion part of ``summary`` (None: no companion file was opened)."""
    return summary.companions if isinstance(summary, SummaryWithCompanions) else None


def with_companions(summary: Summary, part: CompanionSummary | None) -> Summary:
    """``summary`` carrying ``part`` (unchanged when there is none)."""
    if part is None:
        return summary
    fields = {name: getattr(summary, name) for name in Summary.__dataclass_fields__}
    return SummaryWithCompanions(**fields, companions=part)


def summarize_companions(companions: Companions, profiles: Sequence[Profile], rows: Sequence[int] | None = None,
                         poll: Callable[[], object] | None = None) -> CompanionSummary | None:
    """The companion part for ``profiles`` (those at ``rows`` when given); None without companion files.

    ``poll()`` is called every ``POLL`` profiles (it raises to stop).
    """
    if not companions:
        return None
    ids = integration_ids(profiles)
    owners = ids if rows is None else [ids[i] for i in rows]
    numbers: Sequence[int | None] = [None] * len(owners)  # the profiles' IDs matter where an ID is shared
    if companions.shared:
        every = profile_ids(profiles)
        numbers = every if rows is None else [every[i] for i in rows]
    kinds = tuple(dict.fromkeys(file.kind for file in companions.files))
    loyalty = "balances" in kinds or "tiers" in kinds
    every_state: list[str] = []  # counted once at the end, in C
    profile_states: list[str] = []
    tier_profiles: Counter[str] = Counter()
    spelling: dict[str, str] = {}  # lowercase tier -> its first spelling
    points: list[Decimal] = []
    with_sessions = without_tier = 0
    zero = Decimal(0)
    points_sum = zero
    seen: set[object] = set()
    for number, (owner, ident) in enumerate(zip(owners, numbers)):
        if poll is not None and number % POLL == 0:
            poll()
        again = owner in seen  # a repeated profile: its customer's rows are counted once
        seen.add(owner)
        if owner in companions.shared:  # a live and a sandbox profile: the sessions tell them apart
            sessions_again = (owner, ident) in seen
            seen.add((owner, ident))
        else:
            sessions_again = again
        found = companions.sessions_for(owner, ident)
        if found:
            states = session_states(found)
            with_sessions += 1
            profile_states.extend(set(states))
            if not sessions_again:
                every_state.extend(states)
        if not loyalty:
            continue
        balances = companions.balances_for(owner)
        amounts = [amount for amount in balance_points(balances) if amount is not None]
        if amounts:
            points.append(mine := sum(amounts, zero))
            if not again:
                with localcontext() as ctx:
                    ctx.prec = 200  # exact for any points a file holds
                    points_sum += mine
        names = {name.lower(): name for name in (*balance_tiers(balances), *tier_names(companions.tiers_for(owner)))
                 if name}
        if not names:
            without_tier += 1
        for lower, name in names.items():
            spelling.setdefault(lower, name)
        tier_profiles.update(names.keys())  # keys, not a mapping of counts
    total = len(owners)
    if not loyalty:
        without_tier = total
    state_sessions, state_profiles = Counter(every_state), Counter(profile_states)
    ordered = sorted_numbers(points)
    return CompanionSummary(
        kinds=kinds,
        sessions=len(every_state),
        with_sessions=Figure("Profiles with sessions", with_sessions, "sessions>0"),
        states=tuple(StateCount(state, n, state_profiles[state], _state_query(state))
                     for state, n in sorted(state_sessions.items(), key=lambda item: (-item[1], item[0]))),
        tiers=_tiers(tier_profiles, spelling, total),
        without_tier=without_tier,
        points=histogram(POINTS_FIELD, "Current loyalty points", ordered, missing=total - len(ordered)),
        points_sum=points_sum,
        points_median=median(ordered),
    )


def _state_query(state: str) -> str | None:
    word = quoted(state)
    return None if word is None else f"session:{word}"


def _tiers(counts: Counter[str], spelling: dict[str, str], total: int) -> tuple[TierCount, ...]:
    """Profiles per tier, most first; a name inside another tier's name gets no query (``tier:`` finds parts)."""
    lowered = list(counts)
    result = []
    for lower, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        name = spelling[lower]
        word = quoted(name)
        ambiguous = any(lower in other for other in lowered if other != lower)
        result.append(TierCount(name, n, total, None if word is None or ambiguous else f"tier:{word}"))
    return tuple(result)
