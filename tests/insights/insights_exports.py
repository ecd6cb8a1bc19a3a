"""Profiles whose composition the insights tests know (wire form)."""

from __future__ import annotations

from typing import Any


def profile(number: int, *, sandbox: bool | None = False, sales: Any = 10, sessions: int = 1,
            created: str = "2024-03-05T10:00:00Z", last: str = "2024-03-06T10:00:00Z",
            audiences: tuple[tuple[int, str], ...] = (), connected: tuple[int, ...] = (),
            attributes: dict[str, Any] | None = None) -> dict[str, Any]:
    """One AudienceCustomer in wire form."""
    data: dict[str, Any] = {
        "id": number, "created": created, "integrationId": f"URN{number}", "attributes": attributes or {},
        "accountId": 31, "closedSessions": sessions, "totalSales": sales, "lastActivity": last,
        "audienceMemberships": [{"id": i, "name": n} for i, n in audiences],
        "connectedAudiences": list(connected),
    }
    if sandbox is not None:
        data["sandbox"] = sandbox
    return data
