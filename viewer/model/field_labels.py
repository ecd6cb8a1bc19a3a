"""What people read for each field of a profile: the profile panel's tile labels, shared with the comparisons.

The panel names a field once (``Created``, ``Connected audience IDs``); the
two-profile and two-export comparisons and ``--compare`` name changed fields
the same way, so one field never reads two ways in one app.
"""

from __future__ import annotations

from collections.abc import Mapping

from viewer.model.profile import FIELDS

PANEL_LABELS: Mapping[str, str] = {
    "id": "ID",
    "account_id": "Account ID",
    "sandbox": "Environment (sandbox)",
    "created": "Created",
    "last_activity": "Last activity",
    "closed_sessions": "Closed sessions",
    "total_sales": "Total sales",
    "attributes": "Attributes",
    "audience_memberships": "Audiences",
    "connected_audiences": "Connected audience IDs",
    "connected_applications_ids": "Connected application IDs",
    "loyalty_memberships": "Loyalty memberships",
    "integration_id": "Integration ID",  # the panel's heading, not a tile
}
"""Python field name -> label, the panel's tiles in reading order (then the heading's field)."""

WIRE_LABELS: Mapping[str, str] = {spec.wire: PANEL_LABELS.get(spec.name, spec.label) for spec in FIELDS}
"""API (camelCase) name -> label, for paths named as the API names them (``totalSales``)."""
