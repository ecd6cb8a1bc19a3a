"""A profile's audiences as people count them: memberships with connected audiences merged in (no Qt).

``audienceMemberships`` names the audiences a customer belongs to;
``connectedAudiences`` lists audience IDs, usually the same ones. The Audiences
tab shows one row per audience of either list (and per audience members file
that lists the profile) and the profile panel counts the same rows, so both
always give one number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from viewer.model.profile import Profile

Membership = Literal["member", "member, connected", "connected", "member list"]


@dataclass(frozen=True, slots=True)
class AudienceRow:
    """One audience of a profile: its ID (None when the file gave none), name and how it is linked."""

    id: int | None
    name: str | None
    membership: Membership


def merged_audiences(profile: Profile) -> list[AudienceRow]:
    """Every membership in file order, the connected audiences no membership names (by ID), the member lists."""
    connected = set(profile.connected_audiences)
    rows: list[AudienceRow] = []
    member_ids: set[int] = set()
    for membership in profile.audience_memberships:
        kind: Membership = "member, connected" if membership.id in connected else "member"
        rows.append(AudienceRow(membership.id, membership.name, kind))
        if membership.id is not None:
            member_ids.add(membership.id)
    rows += [AudienceRow(i, None, "connected") for i in sorted(connected - member_ids)]
    # Audience members CSVs opened beside the export that list the profile, named after their file.
    rows += [AudienceRow(None, name, "member list") for name in profile.member_lists]
    return rows


def member_ids(profile: Profile, names: dict[int, str]) -> tuple[int, ...]:
    """The IDs of the audiences ``profile`` is a member of, in file order; records their names in ``names``.

    The first profile that names an audience names it (``setdefault``): the
    list's columns and the overview read memberships this one way.
    """
    ids: list[int] = []
    for membership in profile.audience_memberships:
        if membership.id is not None:
            ids.append(membership.id)
            if membership.name is not None:
                names.setdefault(membership.id, membership.name)
    return tuple(ids)
