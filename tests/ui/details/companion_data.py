"""Companion rows built by hand (as a sessions / loyalty / members CSV would give them) for the details tests."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

import viewer
from viewer.model.companions import CompanionFile, Companions, CustomerSession, LoyaltyBalance, LoyaltyTier

BASE = {"id": 1, "created": "2021-01-01T00:00:00Z", "integrationId": "URN1", "accountId": 1,
        "closedSessions": 2, "totalSales": 0, "lastActivity": "2021-01-01T00:00:00Z"}
ZERO = "0001-01-01T00:00:00Z"


def when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def session(n: int, created: str, state: str, total: str, *, closed: str = ZERO, cancelled: str = ZERO,
            first: bool | None = False, coupons=None, cart=None, who: str = "URN1") -> CustomerSession:
    def parsed(text: str) -> datetime | None:
        try:
            return None if text.startswith("0001") or not text else when(text)
        except ValueError:
            return None
    return CustomerSession(
        id=5000 + n, integration_id=f"session-{n}", application_id=2, profile_id=1, profile_integration_id=who,
        state=state, created=parsed(created), created_text=created, closed_at=parsed(closed), closed_at_text=closed,
        cancelled_at=parsed(cancelled), cancelled_at_text=cancelled, updated=None, updated_text="",
        total=Decimal(total) if total else None, total_text=total, first_session=first,
        cart_items=cart, discounts={"10% off": Decimal("3.55")}, attributes={"channel": "<b>app</b>"},
        additional_costs=None, identifiers=None, coupons=coupons, referral="", store_integration_id="",
        line=n + 1, source="/exports/sessions.csv",
    )


SESSIONS = [
    session(1, "2025-09-01T15:53:00Z", "closed", "355.47", closed="2025-09-01T16:07:00Z", first=True,
            coupons=["WELCOME10"],
            cart=[{"name": "Merino socks", "sku": "SKU-MS-03", "quantity": 3, "price": Decimal("24.50")}]),
    session(2, "2025-09-03T11:43:00Z", "cancelled", "1234567.895", cancelled="2025-09-03T12:00:00Z",
            coupons=["A", "B"]),
    session(3, "2025-10-01T09:00:00Z", "open", "0.10", closed="yesterday-ish"),
    session(4, "not a date", "closed", "", first=None),
]
BALANCES = [
    LoyaltyBalance(4, "", "URN1", Decimal("311.30"), Decimal("18.97"), Decimal("9.52"), Decimal("294.55"), "Silver",
                   2, "/exports/balances.csv"),
    LoyaltyBalance(4, "shoes-eu", "URN1", Decimal("175.675"), Decimal("0"), None, Decimal("1.89"), "", 3,
                   "/exports/balances.csv"),
]
TIERS = [
    LoyaltyTier(4, "", "URN1", "Platinum", when("2025-01-03T08:00:00Z"), "2025-01-03T08:00:00Z", None, ZERO, 2,
                "/exports/tiers.csv"),
    LoyaltyTier(4, "shoes-eu", "URN1", "Gold", None, "03/01/2025 8:00", when("2026-01-03T08:00:00Z"),
                "2026-01-03T08:00:00Z", 3, "/exports/tiers.csv"),
]


def companions(*kinds: str) -> Companions:
    """Companions as read from files of ``kinds`` (sessions, balances, tiers, members), all for URN1."""
    found = Companions()
    paths = {"sessions": "/exports/sessions.csv", "balances": "/exports/balances.csv",
             "tiers": "/exports/tiers.csv", "members": "/exports/vip-list.csv"}
    for kind in kinds:
        found.files.append(CompanionFile(paths[kind], kind, rows=4))  # type: ignore[arg-type]
    if "sessions" in kinds:
        found.sessions["URN1"] = list(SESSIONS)
    if "balances" in kinds:
        found.balances["URN1"] = list(BALANCES)
    if "tiers" in kinds:
        found.tiers["URN1"] = list(TIERS)
    if "members" in kinds:
        found.members["URN1"] = ["vip-list.csv"]
    return found


def export_with(found: Companions, *profiles: dict) -> viewer.Export:
    """An export of ``profiles`` (one URN1 profile by default) whose profiles answer from ``found``."""
    export = viewer.load(json.dumps(list(profiles) or [BASE, dict(BASE, id=2, integrationId="URN2")]).encode())
    export.profiles.attach(found)  # profiles are built from their text when used: give them to every one
    return export


def rows(table) -> list[list[str]]:
    model = table.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
