"""Talon.One's CSV exports that sit beside the profiles: sessions, loyalty balances and tiers, members.

The Management API and the Campaign Manager export these keyed by the
profile's integration ID. ``Companions`` holds what was read from such files
and answers per integration ID; a ``Profile`` asks it for its own rows (all
empty when no such file was opened). Values are exact: money and points are
``Decimal``, IDs ``int``; a time that was never set (Go's zero time
``0001-01-01T00:00:00Z``) is ``None``; a time that could not be read keeps its
text in ``*_text`` and is ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

CompanionKind = Literal["sessions", "balances", "tiers", "members"]
COMPANION_KINDS: tuple[CompanionKind, ...] = ("sessions", "balances", "tiers", "members")
KIND_LABELS: Mapping[CompanionKind, str] = {
    "sessions": "customer sessions",
    "balances": "loyalty balances",
    "tiers": "loyalty tiers",
    "members": "audience members",
}


@dataclass(frozen=True, slots=True)
class CustomerSession:
    """One row of a customer sessions export (``exportCustomerSessions``)."""

    id: int | None
    integration_id: str
    application_id: int | None
    profile_id: int | None
    profile_integration_id: str
    state: str  # open, closed, partially_returned, cancelled (as written)
    created: datetime | None
    created_text: str
    closed_at: datetime | None  # None when not set (Go's zero time) or unreadable
    closed_at_text: str
    cancelled_at: datetime | None
    cancelled_at_text: str
    updated: datetime | None
    updated_text: str
    total: Decimal | None
    total_text: str
    first_session: bool | None
    cart_items: Any  # the parsed JSON of the cell (usually a list), None when empty
    discounts: Any
    attributes: Any
    additional_costs: Any
    identifiers: Any
    coupons: Any
    referral: str
    store_integration_id: str
    line: int  # where the row starts in its file (1-based)
    source: str  # the file's path


@dataclass(frozen=True, slots=True)
class LoyaltyBalance:
    """One row of a loyalty balances export (``exportLoyaltyBalances``); an empty subledger is the main ledger."""

    program_id: int | None
    subledger: str
    profile_integration_id: str
    current: Decimal | None
    pending: Decimal | None
    expired: Decimal | None
    spent: Decimal | None
    tier: str
    line: int
    source: str


@dataclass(frozen=True, slots=True)
class LoyaltyTier:
    """One row of a loyalty tiers export (``exportCustomersTiers``): a tier and its period."""

    program_id: int | None
    subledger_id: str
    profile_integration_id: str
    tier: str
    start: datetime | None
    start_text: str
    expiry: datetime | None
    expiry_text: str
    line: int
    source: str


@dataclass(slots=True)
class CompanionFile:
    """One companion file that was read: its kind, its rows, and the rows no profile claims."""

    path: str
    kind: CompanionKind
    rows: int = 0
    unmatched: list[str] = field(default_factory=list)  # integration IDs with no profile in the export
    date_format: str = ""  # "RFC 3339", "spreadsheet (excel)", or "" when the file has no dates

    @property
    def name(self) -> str:
        """The file's name without its folder (an audience members list is named after it)."""
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(slots=True)
class Companions:
    """Everything read from companion files, by profile integration ID."""

    files: list[CompanionFile] = field(default_factory=list)
    # values are lists, or sequences that build their rows on first access (large files)
    sessions: dict[str, Sequence[CustomerSession]] = field(default_factory=dict)
    balances: dict[str, Sequence[LoyaltyBalance]] = field(default_factory=dict)
    tiers: dict[str, Sequence[LoyaltyTier]] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)  # integration ID -> member list names
    # integration ID -> its number of sessions, counted while loading: the search index then reads
    # 100,000 counts at C speed, not through each profile's rows, while the new list is first painted
    session_counts: dict[str, int] = field(default_factory=dict)
    # integration ID -> the IDs of the export's profiles that share it (a live and a sandbox profile)
    shared: dict[str, frozenset[int]] = field(default_factory=dict)

    def sessions_for(self, integration_id: str | None, profile_id: int | None = None) -> Sequence[CustomerSession]:
        """The sessions of the profile with ``integration_id`` and ``profile_id`` (empty when none).

        A live and a sandbox profile may share an integration ID. A session whose
        ``profileid`` names one of them is that profile's alone; one naming neither
        (or no profile) is shown with both, as the integration ID says.
        """
        if integration_id is None:
            return ()
        rows = self.sessions.get(integration_id, ())
        sharing = self.shared.get(integration_id) if profile_id is not None else None
        if not sharing or not rows:
            return rows
        return [row for row in rows if row.profile_id == profile_id or row.profile_id not in sharing]

    def session_count(self, integration_id: str | None, profile_id: int | None = None) -> int:
        """How many sessions ``sessions_for`` gives (from the counts made while loading, when it can)."""
        if integration_id is None:
            return 0
        if profile_id is None or integration_id not in self.shared:
            count = self.session_counts.get(integration_id)
            if count is not None:
                return count
        return len(self.sessions_for(integration_id, profile_id))

    def balances_for(self, integration_id: str | None) -> Sequence[LoyaltyBalance]:
        """The loyalty balances of the profile with ``integration_id``."""
        return self.balances.get(integration_id, ()) if integration_id is not None else ()

    def tiers_for(self, integration_id: str | None) -> Sequence[LoyaltyTier]:
        """The loyalty tier periods of the profile with ``integration_id``."""
        return self.tiers.get(integration_id, ()) if integration_id is not None else ()

    def member_lists_for(self, integration_id: str | None) -> Sequence[str]:
        """Names of the audience members files that list the profile with ``integration_id``."""
        return self.members.get(integration_id, ()) if integration_id is not None else ()

    def __bool__(self) -> bool:
        return bool(self.files)


NO_COMPANIONS = Companions()
"""The empty set every profile answers from when no companion file was opened."""
