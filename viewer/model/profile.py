"""Typed models of Talon.One's AudienceCustomer and its close relatives.

Attribute names follow the official Python SDK (snake_case). A profile keeps a
reference to the mapping it was read from (``raw``), so the original key order,
spelling and every field the model does not know stay available.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal, NamedTuple, Protocol, cast

from viewer.model.companions import (
    NO_COMPANIONS,
    Companions,
    CustomerSession,
    LoyaltyBalance,
    LoyaltyTier,
)
from viewer.model.values import int_text

_INDENT_LOOKBACK = 256  # bytes before a profile read back for its indentation (``source_indent``)


class SourceChanged(Exception):
    """A profile's text cannot be read again: its file changed on disk since it was opened (reopen it)."""


class SourceLike(Protocol):
    """A file's text as the reader keeps it: characters between byte offsets, and line numbers.

    Both may raise ``SourceChanged`` when the text is read back from a file that changed since.
    """

    def text(self, start: int, end: int) -> str: ...

    def line_of(self, offset: int) -> int: ...


SourceSpan = tuple[SourceLike, int, int]
"""Where a profile's text is: the file's text and the byte offsets of its start and end."""


class Timestamp(datetime):
    """A timezone-aware ``datetime`` that remembers the exact text it came from."""

    __slots__ = ("text",)
    text: str

    @classmethod
    def parse(cls, text: str) -> Timestamp:
        """Parse an RFC 3339 date-time; raises ``ValueError`` when it is not one."""
        value = cls.fromisoformat(text)
        if value.tzinfo is None:
            raise ValueError("no time zone (RFC 3339 needs Z or an offset)")
        value.text = text
        return value

    def __reduce__(self) -> tuple[Callable[[str], Timestamp], tuple[str]]:  # pickling keeps the original text
        return (_rebuild_timestamp, (self.text,))


def _rebuild_timestamp(text: str) -> Timestamp:
    return Timestamp.parse(text)


@dataclass(frozen=True, slots=True)
class AudienceMembership:
    """An audience the customer belongs to."""

    id: int | None
    name: str | None


@dataclass(frozen=True, slots=True)
class LoyaltyMembership:
    """A loyalty program the customer joined (deprecated: servers now send null)."""

    loyalty_program_id: int | None
    joined: Timestamp | None = None


class FieldSpec(NamedTuple):
    """One field of AudienceCustomer: its names and the JSON type it should have."""

    name: str  # Python SDK name
    wire: str  # API (camelCase) name
    kind: str  # int, str, datetime, number, object, bool, int_list, audiences, loyalty
    required: bool
    label: str  # what people read


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "id", "int", True, "ID"),
    FieldSpec("created", "created", "datetime", True, "Created"),
    FieldSpec("integration_id", "integrationId", "str", True, "Integration ID"),
    FieldSpec("attributes", "attributes", "object", False, "Attributes"),
    FieldSpec("account_id", "accountId", "int", True, "Account ID"),
    FieldSpec("closed_sessions", "closedSessions", "int", True, "Closed sessions"),
    FieldSpec("total_sales", "totalSales", "number", True, "Total sales"),
    FieldSpec("loyalty_memberships", "loyaltyMemberships", "loyalty", False, "Loyalty memberships"),
    FieldSpec("audience_memberships", "audienceMemberships", "audiences", False, "Audiences"),
    FieldSpec("last_activity", "lastActivity", "datetime", True, "Last activity"),
    FieldSpec("sandbox", "sandbox", "bool", False, "Environment"),
    FieldSpec(
        "connected_applications_ids",
        "connectedApplicationsIds",
        "int_list",
        False,
        "Connected applications",
    ),
    FieldSpec("connected_audiences", "connectedAudiences", "int_list", False, "Connected audiences"),
)
FIELDS_BY_NAME = {spec.name: spec for spec in FIELDS}
WIRE_TO_NAME = {spec.wire: spec.name for spec in FIELDS}
KNOWN_KEYS = frozenset(WIRE_TO_NAME) | frozenset(FIELDS_BY_NAME)

Environment = Literal["live", "sandbox", "unknown"]
FieldState = Literal["present", "null", "missing"]


class Profile:
    """One customer profile (AudienceCustomer, CustomerProfile or ApplicationCustomer).

    Required fields that were missing or had the wrong type are ``None`` (and a
    problem was reported); optional lists are empty tuples when missing or null;
    ``sandbox`` is ``None`` when unknown. Dates and membership objects are built
    on first access: the loader only checks them, which keeps opening 100,000
    profiles close to the cost of parsing the JSON.
    """

    __slots__ = (
        "index",
        "raw",
        "id",
        "integration_id",
        "attributes",
        "account_id",
        "closed_sessions",
        "total_sales",
        "sandbox",
        "snake_case",
        "source",
        "_created",
        "_last_activity",
        "_loyalty",
        "_audiences",
        "_applications",
        "_connected_audiences",
        "companions",
        "where",
    )

    index: int
    raw: dict[str, Any]
    id: int | None
    integration_id: str | None
    attributes: dict[str, Any]
    account_id: int | None
    closed_sessions: int | None
    total_sales: int | Decimal | None  # a Decimal is a ``Number``: its ``text`` is the file's digits
    sandbox: bool | None
    snake_case: bool
    source: str | None
    # As read (the text, or a list of mappings/ints from the file), replaced on first access by
    # the built value; the loader stores ``()`` for a missing or null list.
    _created: Timestamp | str | None
    _last_activity: Timestamp | str | None
    _loyalty: tuple[LoyaltyMembership, ...] | list[Any]
    _audiences: tuple[AudienceMembership, ...] | list[Any]
    _applications: tuple[int, ...] | list[Any]
    _connected_audiences: tuple[int, ...] | list[Any]
    companions: Companions  # the export's companion files (sessions, loyalty, members), set by the loader
    where: SourceSpan | None  # the file's text and the byte span this profile was read from (None: not known)

    @property
    def source_text(self) -> str:
        """The profile's own text exactly as the file has it (``SourceChanged``: the file changed since)."""
        where = self.where
        if where is None:
            return json.dumps(self.raw, ensure_ascii=False, default=str)  # a profile made by hand, not read
        text, start, end = where
        return text.text(start, end)

    @property
    def source_indent(self) -> str:
        """The spaces and tabs before the profile's text on the line where it starts ("" when other text is there,
        such as the ``[`` of a one-line array): with them, a pretty-printed profile's first line lines up with the
        rest as in the file."""
        where = self.where
        if where is None:
            return ""
        text, start, _ = where
        try:
            before = text.text(max(0, start - _INDENT_LOOKBACK), start)
        except SourceChanged:
            return ""
        head, newline, line = before.rpartition("\n")
        if not newline and start > _INDENT_LOOKBACK:  # indented deeper than anyone writes: shown as it starts
            return ""
        return line if not line.strip(" \t") else ""

    @property
    def line(self) -> int | None:
        """The 1-based line of the file where the profile's text starts (None: not known)."""
        where = self.where
        try:
            return None if where is None else where[0].line_of(where[1])
        except SourceChanged:
            return None

    @property
    def created(self) -> Timestamp | None:
        """When the profile was created."""
        value = self._created
        if type(value) is str:
            value = self._created = Timestamp.parse(value)
        return cast("Timestamp | None", value)  # ``type(...) is str`` does not rule out str for mypy

    @property
    def last_activity(self) -> Timestamp | None:
        """The customer's most recent event."""
        value = self._last_activity
        if type(value) is str:
            value = self._last_activity = Timestamp.parse(value)
        return cast("Timestamp | None", value)  # ``type(...) is str`` does not rule out str for mypy

    @property
    def created_text(self) -> str | None:
        """``created`` exactly as the file wrote it (cheap: no date is built)."""
        value = self._created
        return value if value is None or type(value) is str else cast(Timestamp, value).text

    @property
    def last_activity_text(self) -> str | None:
        """``lastActivity`` exactly as the file wrote it."""
        value = self._last_activity
        return value if value is None or type(value) is str else cast(Timestamp, value).text

    @property
    def audience_memberships(self) -> tuple[AudienceMembership, ...]:
        """Audiences the customer belongs to (empty when missing or null)."""
        value = self._audiences
        if type(value) is not tuple:
            value = self._audiences = tuple(
                AudienceMembership(_int_or_none(item.get("id")), _str_or_none(item.get("name")))
                for item in value
                if isinstance(item, dict)
            )
        return value

    @property
    def loyalty_memberships(self) -> tuple[LoyaltyMembership, ...]:
        """Deprecated loyalty memberships (current servers send null: usually empty)."""
        value = self._loyalty
        if type(value) is not tuple:
            value = self._loyalty = tuple(_loyalty(item) for item in value if isinstance(item, dict))
        return value

    @property
    def connected_applications_ids(self) -> tuple[int, ...]:
        """IDs of the Applications connected to the profile."""
        value = self._applications
        if type(value) is not tuple:
            value = self._applications = tuple(v for v in value if _is_int(v))
        return value

    @property
    def connected_audiences(self) -> tuple[int, ...]:
        """IDs of the audiences connected to the profile."""
        value = self._connected_audiences
        if type(value) is not tuple:
            value = self._connected_audiences = tuple(v for v in value if _is_int(v))
        return value

    @property
    def sessions(self) -> Sequence[CustomerSession]:
        """The customer's sessions from a sessions export opened beside the profiles (empty without one)."""
        return self._companion_set().sessions_for(self.integration_id, self.id)

    @property
    def loyalty_balances(self) -> Sequence[LoyaltyBalance]:
        """Loyalty balances per program and subledger from a balances export."""
        return self._companion_set().balances_for(self.integration_id)

    @property
    def loyalty_tiers(self) -> Sequence[LoyaltyTier]:
        """Loyalty tier periods from a tiers export."""
        return self._companion_set().tiers_for(self.integration_id)

    @property
    def member_lists(self) -> Sequence[str]:
        """Names of the audience members files that list this profile."""
        return self._companion_set().member_lists_for(self.integration_id)

    def _companion_set(self) -> Companions:
        try:
            return self.companions
        except AttributeError:  # built before any companion file was attached
            return NO_COMPANIONS

    @property
    def environment(self) -> Environment:
        """``live``, ``sandbox`` or ``unknown`` (missing or null ``sandbox``)."""
        if self.sandbox is None:
            return "unknown"
        return "sandbox" if self.sandbox else "live"

    @property
    def extra(self) -> dict[str, Any]:
        """Fields the model does not know (e.g. ``advocateIntegrationId``), in file order."""
        return {k: v for k, v in self.raw.items() if k not in KNOWN_KEYS}

    @property
    def advocate_integration_id(self) -> str | None:
        """ApplicationCustomer's referrer, when the file has it."""
        value = self.raw.get("advocateIntegrationId", self.raw.get("advocate_integration_id"))
        return value if isinstance(value, str) else None

    def wire_key(self, name: str) -> str:
        """The key this profile's file uses for the field ``name``."""
        return name if self.snake_case else FIELDS_BY_NAME[name].wire

    def field_state(self, name: str) -> FieldState:
        """Whether field ``name`` was in the file with a value, as ``null``, or not at all."""
        key = self.wire_key(name)
        if key not in self.raw:
            other = FIELDS_BY_NAME[name].wire if self.snake_case else name
            if other not in self.raw:
                return "missing"
            key = other
        return "null" if self.raw[key] is None else "present"

    def original(self, name: str) -> Any:
        """The value of field ``name`` exactly as the file had it (``None`` if absent)."""
        spec = FIELDS_BY_NAME[name]
        raw = self.raw
        return raw.get(spec.wire, raw.get(spec.name)) if spec.wire != spec.name else raw.get(name)

    @property
    def identity(self) -> tuple[Any, ...]:
        """What tells two profiles apart: ``id`` and environment, else integration ID."""
        if self.id is not None:
            return ("id", self.id, self.sandbox)
        return ("integration_id", self.integration_id, self.sandbox)

    @property
    def display_name(self) -> str:
        """The name people know a customer by: the integration ID, else the ID."""
        if self.integration_id:
            return self.integration_id
        if self.id is not None:
            return f"Profile {int_text(self.id)}"
        return f"Profile #{self.index + 1}"

    def __repr__(self) -> str:
        return f"Profile(id={self.id!r}, integration_id={self.integration_id!r}, {self.environment})"


def _is_int(value: Any) -> bool:
    return type(value) is int


def _int_or_none(value: Any) -> int | None:
    return value if type(value) is int else None


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _loyalty(item: dict[str, Any]) -> LoyaltyMembership:
    program = item.get("loyaltyProgramId", item.get("loyalty_program_id"))
    joined = item.get("joined")
    try:
        when = Timestamp.parse(joined) if isinstance(joined, str) else None
    except ValueError:
        when = None
    return LoyaltyMembership(_int_or_none(program), when)
