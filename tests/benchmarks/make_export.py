"""Write seeded synthetic customer-profile exports for benchmarks and big-file tests.

    python tests/benchmarks/make_export.py 100000 /tmp/customers.json --shape array

Shapes: array, ndjson, page, profile (the first profile alone), wrapper
(integrationStates), snake (array with the Python SDK's snake_case keys).
Each profile has ~15 realistic custom attributes: strings, numbers, booleans,
RFC 3339 times, a nested Address object and a Tags list.
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson

SHAPES = ("array", "ndjson", "page", "profile", "wrapper", "snake")

_COUNTRIES = ["DE", "FR", "NL", "US", "GB", "ES", "IT", "PL", "SE", "AT"]
_CITIES = ["Berlin", "München", "Paris", "Amsterdam", "Austin", "London", "Madrid", "Wien"]
_TIERS = ["Bronze", "Silver", "Gold", "Platinum"]
_TAGS = ["vip", "newsletter", "b2b", "churned", "app-user", "early-adopter", "student"]
_AUDIENCES = [
    (2, "Travel audience"),
    (5, "Frequent buyers"),
    (8, "Newsletter subscribers"),
    (13, "Churn risk"),
    (21, "Berlin pilot"),
]
_FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim"]
_LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson"]
_NOTES = [
    "Prefers delivery on weekends; call before arrival.",
    "Moved from the B2B pilot to the consumer plan in spring.",
    "Asked to be contacted by e-mail only, never by phone.",
    "",
]
_BASE = datetime(2020, 1, 1, tzinfo=timezone.utc)


def _time(rng: random.Random, form: int) -> str:
    moment = _BASE + timedelta(seconds=rng.randrange(0, 6 * 365 * 86400), microseconds=rng.randrange(10**6))
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if form == 1:
        return text + moment.strftime(".%f") + "Z"
    if form == 2:
        return text + moment.strftime(".%f") + str(rng.randrange(10)) + "Z"
    return text + "Z"


def make_profile(rng: random.Random, number: int) -> dict:
    """One realistic AudienceCustomer in wire (camelCase) form."""
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    attributes = {
        "Name": f"{first} {last}",
        "Email": f"{first.lower()}.{last.lower()}{number}@example.com",
        "ShippingCountry": rng.choice(_COUNTRIES),
        "SignupDate": _time(rng, 0),
        "BirthDate": f"19{rng.randrange(50, 99)}-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)}T00:00:00Z",
        "ChurnRisk": round(rng.random(), 3),
        "LifetimeOrders": rng.randrange(0, 400),
        "LoyaltyTier": rng.choice(_TIERS),
        "Newsletter": rng.random() < 0.5,
        "PreferredLanguage": rng.choice(["de", "en", "fr", "nl"]),
        "Address": {
            "Street": f"Hauptstraße {rng.randrange(1, 200)}",
            "City": rng.choice(_CITIES),
            "Zip": f"{rng.randrange(10000, 99999)}",
        },
        "Tags": rng.sample(_TAGS, rng.randrange(0, 4)),
        "AverageBasket": round(rng.uniform(5, 300), 2),
        "Referrer": None if rng.random() < 0.7 else f"URN{rng.randrange(10**6):07d}",
        "LastOrderAmount": rng.randrange(0, 50000) / 100,
        "Phone": f"+49 30 {rng.randrange(10**7, 10**8)}",
        "Notes": rng.choice(_NOTES),
    }
    audiences = [{"id": a, "name": n} for a, n in rng.sample(_AUDIENCES, rng.randrange(0, 4))]
    sandbox = rng.random() < 0.2
    return {
        "id": 1_000_000 + number,
        "created": _time(rng, number % 3),
        "integrationId": f"URN{number:07d}",
        "attributes": attributes,
        "accountId": 31,
        "closedSessions": rng.randrange(0, 120),
        "totalSales": rng.randrange(0, 2_000_000) / 100,
        "loyaltyMemberships": None,
        "audienceMemberships": audiences,
        "lastActivity": _time(rng, (number + 1) % 3),
        "sandbox": sandbox,
        "connectedApplicationsIds": [1, 2] if not sandbox else [3],
        "connectedAudiences": [a["id"] for a in audiences[:1]],
    }


def _snake(profile: dict) -> dict:
    from viewer.model.profile import FIELDS

    names = {f.wire: f.name for f in FIELDS}
    return {names.get(k, k): v for k, v in profile.items()}


def write_export(path: str | Path, n: int, shape: str = "array", seed: int = 0) -> Path:
    """Write ``n`` seeded profiles to ``path`` in ``shape``; returns the path."""
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {SHAPES}")
    rng = random.Random(seed)
    profiles = [make_profile(rng, i) for i in range(n)]
    path = Path(path)
    if shape == "ndjson":
        path.write_bytes(b"\n".join(orjson.dumps(p) for p in profiles) + b"\n")
        return path
    if shape == "page":
        document: object = {"data": profiles, "hasMore": False, "totalResultSize": n}
    elif shape == "profile":
        document = profiles[0]
    elif shape == "wrapper":
        document = {"integrationStates": [{"customerProfile": p} for p in profiles]}
    elif shape == "snake":
        document = [_snake(p) for p in profiles]
    else:
        document = profiles
    path.write_bytes(orjson.dumps(document))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("path")
    parser.add_argument("--shape", choices=SHAPES, default="array")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    out = write_export(args.path, args.count, args.shape, args.seed)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB, {args.count} profiles, {args.shape})")


if __name__ == "__main__":
    main()
