"""What ``viewer.summarize`` returns: the overview of an export as frozen dataclasses (no Qt).

Numbers are exact: counts are ``int``; money (sum, median, bin edges) is
``int`` or ``Decimal``, never ``float``. Shares are exact ``Fraction`` s; views
round them only when they show them. Each figure carries ``query``: the search
text that selects its profiles (``None`` where the query language cannot).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

TYPE_NAMES = ("string", "number", "boolean", "null", "object", "list")
INACTIVE_DAYS = 90


@dataclass(frozen=True, slots=True)
class Figure:
    """One count of the key figures and the query that selects those profiles."""

    label: str
    count: int
    query: str | None


@dataclass(frozen=True, slots=True)
class DateSpan:
    """The earliest and latest moment of a date field, as written in the file (``None``: no dates)."""

    first: str | None
    last: str | None
    dated: int  # profiles with a readable date


@dataclass(frozen=True, slots=True)
class KeyFigures:
    """The export in a few numbers."""

    profiles: Figure
    live: Figure
    sandbox: Figure
    unknown: Figure
    with_problems: Figure
    repeated: Figure
    inactive: Figure  # no activity for INACTIVE_DAYS days or more
    created: DateSpan
    last_activity: DateSpan
    sales_sum: int | Decimal
    sales_median: int | Decimal | None
    sales_counted: int  # profiles with a total sales number


@dataclass(frozen=True, slots=True)
class AudienceSize:
    """The members of one audience among the summarised profiles."""

    id: int | None
    name: str | None
    profiles: int
    of: int  # the profiles summarised: ``share`` is ``profiles / of``
    query: str | None

    @property
    def share(self) -> Fraction:
        """Members as a share of the summarised profiles (exact)."""
        return Fraction(self.profiles, self.of) if self.of else Fraction(0)


@dataclass(frozen=True, slots=True)
class Bin:
    """One bar of a histogram: ``low <= value < high`` (``<= high`` for the last bin)."""

    low: int | Decimal
    high: int | Decimal
    count: int
    query: str


@dataclass(frozen=True, slots=True)
class Histogram:
    """How the values of a number field are spread; ``log_scale`` when bins grow by 1-2-5 steps."""

    field: str  # the query's field name (``totalSales``)
    label: str
    bins: tuple[Bin, ...]
    log_scale: bool
    values: int  # profiles with a number
    missing: int  # profiles without one


@dataclass(frozen=True, slots=True)
class MonthCount:
    """The profiles of one calendar month (UTC), ``2024-03``."""

    month: str
    count: int
    query: str


@dataclass(frozen=True, slots=True)
class Timeline:
    """A date field per month, months without profiles included (up to 50 years)."""

    field: str
    label: str
    months: tuple[MonthCount, ...]
    missing: int


@dataclass(frozen=True, slots=True)
class Distributions:
    """The histograms and timelines of the overview."""

    total_sales: Histogram
    closed_sessions: Histogram
    created: Timeline
    last_activity: Timeline


@dataclass(frozen=True, slots=True)
class AttributeStats:
    """One attribute path of the catalogue (``Address.City``, ``Tags[]``).

    ``profiles`` are those that ``has:PATH`` selects; ``types`` counts values per
    type, in ``TYPE_NAMES`` order, only types seen; ``top`` holds the ``TOP``
    most frequent scalar values with their counts; ``counts`` every distinct
    scalar value's count (booleans in a mapping of their own: ``True == 1``).
    """

    path: str
    profiles: int
    of: int
    types: tuple[tuple[str, int], ...]
    distinct: int
    top: tuple[tuple[Any, int], ...]
    counts: tuple[Mapping[Any, int], ...]
    query: str | None  # has:PATH
    empty_lists: int = 0  # lists with no element that is not null: counted in ``types``, not in ``profiles``

    TOP = 10

    @property
    def values(self) -> list[tuple[Any, int]]:
        """Every distinct scalar value with its count, most frequent first (sorted when asked for)."""
        pairs = [item for counts in self.counts for item in counts.items()]
        pairs.sort(key=lambda item: -item[1])
        return pairs

    @property
    def mixed(self) -> bool:
        """More than one type seen: a data-quality problem users hunt for."""
        return len(self.types) > 1

    @property
    def share(self) -> Fraction:
        """Profiles that have the path, as a share of the summarised profiles."""
        return Fraction(self.profiles, self.of) if self.of else Fraction(0)

    def type_count(self, name: str) -> int:
        """Values of type ``name`` (0 when not seen)."""
        return dict(self.types).get(name, 0)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Every attribute path, in the order first met; ``too_deep`` counts values nested past the limit."""

    attributes: tuple[AttributeStats, ...]
    too_deep: int
    depth_limit: int

    def get(self, path: str) -> AttributeStats | None:
        """The stats of ``path`` (None when no profile has it)."""
        for stats in self.attributes:
            if stats.path == path:
                return stats
        return None


@dataclass(frozen=True, slots=True)
class Summary:
    """The overview of an export, or of the profiles of a search result."""

    profiles: int
    scope: str  # "export" or "selection"
    key_figures: KeyFigures
    audiences: tuple[AudienceSize, ...]  # members, largest first
    connected_audiences: tuple[AudienceSize, ...] | None  # connectedAudiences IDs, largest first (None: not read)
    distributions: Distributions
    catalogue: Catalogue | None  # None when not asked for
