"""Generate the CSV files bundled beside resources/sample-customers.json.

Seeded, so running it again writes the same bytes:
``python tests/tools/make_companions.py`` (or ``--check`` to verify the committed files).

They are shaped like Talon.One's exports (``exportCustomerSessions``,
``exportLoyaltyBalances``, ``exportCustomersTiers``, the Campaign Manager's
"Export Members") for the sample's integration IDs, with the oddities real files
have: Go's zero time for times never set, a cancelled and a partially returned
session, JSON cells holding quotes, ``null`` identifiers, an empty subledger (the
main ledger), tier dates with the broken offset ``Z07:00``, a byte-order mark and
CRLF line ends (the sessions file, as a spreadsheet saves it), and a few rows
naming profiles that are not in the sample.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 20240611
RESOURCES = Path(__file__).resolve().parents[2] / "resources"
SAMPLE = RESOURCES / "sample-customers.json"
ZERO = "0001-01-01T00:00:00Z"
START = datetime(2025, 9, 1, 8, 0, tzinfo=timezone.utc)
STRANGERS = ["URN0009901", "URN0009902", "URN0009903"]  # not in the sample: shown as unmatched

SESSION_HEADER = ["id", "firstsession", "integrationid", "applicationid", "profileid", "profileintegrationid",
                  "created", "state", "cartitems", "discounts", "total", "attributes", "closedat",
                  "cancelledat", "referral", "identifiers", "additional_costs", "updated",
                  "store_integration_id", "coupons"]
PRODUCTS = [
    ("Trail running shoes", "SKU-TR-42", "footwear", "89.99"),
    ('Rain jacket "Storm" edition', "SKU-RJ-07", "outerwear", "129.00"),
    ("Merino socks (3 pack)", "SKU-MS-03", "accessories", "24.50"),
    ("Water bottle 0.75 l", "SKU-WB-75", "accessories", "12.00"),
    ("Kid's day pack", "SKU-DP-12", "bags", "39.95"),
]
STORES = ["store-stockholm-1", "store-berlin-2", "", "webshop"]
TIERS = ["Bronze", "Silver", "Gold", "Platinum"]
_CURRENT_TIER: dict[str, str] = {}  # each owner's tier in the balances file: its tier period names the same


def _time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _ids() -> list[tuple[str, int]]:
    """(integration ID, profile ID) of the sample's profiles, each once, in file order."""
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))["data"]
    seen: dict[str, int] = {}
    for profile in data:
        if isinstance(profile.get("integrationId"), str):
            seen.setdefault(profile["integrationId"], profile.get("id") or 0)
    return list(seen.items())


def _csv(rows: list[list[str]], crlf: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n" if crlf else "\n")
    writer.writerows(rows)
    return out.getvalue()


def sessions(rng: random.Random, ids: list[tuple[str, int]]) -> str:
    rows = [SESSION_HEADER]
    number = 5100
    owners = [pair for pair in ids[:30] for _ in range(rng.randint(0, 4))] + [(s, 0) for s in STRANGERS[:2]]
    for n, (owner, profile_id) in enumerate(owners):
        number += 1
        created = START + timedelta(days=n * 2, minutes=rng.randint(0, 600))
        items = []
        for product in rng.sample(PRODUCTS, rng.randint(1, 3)):
            name, sku, category, price = product
            items.append({"name": name, "sku": sku, "quantity": rng.randint(1, 3), "price": float(price),
                          "category": category, "attributes": {}})
        total = sum(round(item["price"] * item["quantity"], 2) for item in items)  # type: ignore[operator]
        state = ["closed", "closed", "closed", "open", "cancelled", "partially_returned"][n % 6]
        closed = _time(created + timedelta(minutes=14)) if state in ("closed", "partially_returned") else ZERO
        cancelled = _time(created + timedelta(hours=2)) if state == "cancelled" else ZERO
        discounts = {"10% off footwear": round(total * 0.1, 2)} if n % 4 == 0 else {}
        coupons = ["WELCOME10"] if n % 4 == 0 else []
        identifiers = "null" if n % 3 else _json([f"device-{rng.randint(1000, 9999)}"])
        attributes = {"channel": rng.choice(["web", "app", "store"]), "note": 'gift wrap: "yes"'} if n % 5 == 0 \
            else {"channel": rng.choice(["web", "app", "store"])}
        rows.append([
            str(number), "true" if n == 0 else "false", f"session-{number}-{rng.randint(10**7, 10**8 - 1)}",
            str(rng.choice([1, 2, 3])), str(profile_id), owner, _time(created), state, _json(items),
            _json(discounts), f"{total:.2f}", _json(attributes), closed, cancelled,
            "FRIEND-7QK2" if n % 7 == 0 else "", identifiers,
            _json({"shipping": {"price": 4.95}} if n % 2 else {}), _time(created + timedelta(minutes=15)),
            rng.choice(STORES), _json(coupons),
        ])
    return "\ufeff" + _csv(rows, crlf=True)


def balances(rng: random.Random, ids: list[tuple[str, int]]) -> str:
    rows = [["loyaltyProgramID", "loyaltySubledger", "profileIntegrationID", "currentBalance", "pendingBalance",
             "expiredBalance", "spentBalance", "currentTier"]]
    for n, (owner, _) in enumerate(ids[:34] + [(s, 0) for s in STRANGERS]):
        current = rng.randint(0, 90000) / 100
        tier = TIERS[min(int(current // 250), 3)]
        _CURRENT_TIER[owner] = tier
        rows.append(["4", "", owner, f"{current:.2f}", f"{rng.randint(0, 5000) / 100:.2f}",
                     f"{rng.randint(0, 2000) / 100:.2f}", f"{rng.randint(0, 40000) / 100:.2f}", tier])
        if n % 5 == 0:
            rows.append(["4", "shoes-eu", owner, f"{rng.randint(0, 20000) / 100:.2f}", "0.00", "0.00",
                         f"{rng.randint(0, 5000) / 100:.2f}", tier])
    return _csv(rows)


def tiers(rng: random.Random, ids: list[tuple[str, int]]) -> str:
    rows = [["programid", "subledgerid", "customerprofileid", "tiername", "startdate", "expirydate"]]
    for n, (owner, _) in enumerate(ids[:26]):
        start = START - timedelta(days=rng.randint(30, 400))
        expiry = start + timedelta(days=365)
        end = "2023-08-02T15:04:05Z07:00" if n % 6 == 5 else (_time(expiry) if n % 4 else ZERO)
        drawn = rng.choice(TIERS[1:])  # drawn still, so the files after this one stay as they were
        # the period of the tier the balances file names: a Silver balance beside a running
        # Platinum period left a person wondering which one is true
        tier = _CURRENT_TIER.get(owner, drawn)
        rows.append(["4", "", owner, tier, _time(start), end])
    rows.append(["4", "", STRANGERS[2], _CURRENT_TIER.get(STRANGERS[2], "Silver"), _time(START),
                 _time(START + timedelta(days=365))])
    return _csv(rows)


def members(rng: random.Random, ids: list[tuple[str, int]]) -> str:
    chosen = sorted(rng.sample([owner for owner, _ in ids], 12)) + [STRANGERS[0]]
    return _csv([["profileintegrationid"], *([owner] for owner in chosen)])


FILES = {"sample-sessions.csv": sessions, "sample-balances.csv": balances,
         "sample-tiers.csv": tiers, "sample-members.csv": members}


def render() -> dict[str, str]:
    """Each file's text, from one seeded generator."""
    rng = random.Random(SEED)
    ids = _ids()
    return {name: make(rng, ids) for name, make in FILES.items()}


def main(argv: list[str] | None = None) -> int:
    """Write the files (or, with --check, verify the committed ones are current)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a committed file differs")
    parser.add_argument("--output", type=Path, default=RESOURCES, help="the folder to write into")
    args = parser.parse_args(argv)
    stale = 0
    for name, text in render().items():
        path = args.output / name
        data = text.encode("utf-8")
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                print(f"{path} is out of date: run {Path(__file__).name}", file=sys.stderr)
                stale = 1
            continue
        path.write_bytes(data)
        print(f"wrote {path} ({text.count(chr(10)) - 1} rows)")
    return stale


if __name__ == "__main__":
    raise SystemExit(main())
