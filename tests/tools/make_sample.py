"""Generate resources/sample-customers.json, the sample export bundled with the viewer.

Seeded, so running it again writes the same bytes:
``python tests/tools/make_sample.py`` (or ``--check`` to verify the committed file).

The sample is a saved list page (``{"data": [...], "hasMore": ...}``) in the wire
(camelCase) form, chosen to show every part of the viewer: live, sandbox and
unknown environments, several audiences, varied and nested attributes, the
ApplicationCustomer relative with ``advocateIntegrationId``, a legacy profile
with ``loyaltyMemberships``, the date-time spellings real exports use (0, 6 or 7 fraction digits, Z or an offset),
and exactly one profile with problems.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 20240605
TARGET = Path(__file__).resolve().parents[2] / "resources" / "sample-customers.json"
ACCOUNT_ID = 31
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)

AUDIENCES = {
    2: "Travel audience",
    5: "Newsletter subscribers",
    7: "High-value customers",
    11: "Churn risk: high",
    13: "Beta testers",
    17: "Lapsed customers",
}
APPLICATIONS = (1, 2, 3, 8)

# (name, country, city, street, postal code, location)
PEOPLE = [
    ("Ada Lindqvist", "SE", "Stockholm", "Götgatan 14", "118 46", "59.3293, 18.0686"),
    ("Jonas Becker", "DE", "München", "Leopoldstraße 82", "80802", "48.1351, 11.5820"),
    ("Chloé Martin", "FR", "Lyon", "12 Rue de la République", "69002", "45.7640, 4.8357"),
    ("Mateo García", "ES", "Valencia", "Carrer de Colón 7", "46004", "39.4699, -0.3763"),
    ("Priya Raman", "GB", "Leeds", "27 Park Row", "LS1 5HD", "53.8008, -1.5491"),
    ("Liam O'Connor", "IE", "Cork", "5 Oliver Plunkett St", "T12 X8F2", "51.8985, -8.4756"),
    ("Sofia Rossi", "IT", "Bologna", "Via dell'Indipendenza 40", "40121", "44.4949, 11.3426"),
    ("Noah de Vries", "NL", "Utrecht", "Oudegracht 101", "3511 AD", "52.0907, 5.1214"),
    ("Emma Nowak", "PL", "Kraków", "ul. Floriańska 23", "31-019", "50.0647, 19.9450"),
    ("Lukas Huber", "AT", "Graz", "Herrengasse 9", "8010", "47.0707, 15.4395"),
    ("Zeynep Aydın", "DE", "Berlin", "Kottbusser Damm 33", "10967", "52.4912, 13.4229"),
    ("Hiroshi Tanaka", "DE", "Hamburg", "Lange Reihe 58", "20099", "53.5511, 9.9937"),
    ("Olivia Smith", "GB", "Bristol", "14 Gloucester Road", "BS7 8AE", "51.4545, -2.5879"),
    ("Mikkel Jensen", "DK", "Aarhus", "Søndergade 41", "8000", "56.1629, 10.2039"),
    ("Ana Sousa", "PT", "Porto", "Rua de Santa Catarina 112", "4000-442", "41.1579, -8.6291"),
    ("Tomáš Novák", "CZ", "Brno", "Masarykova 16", "602 00", "49.1951, 16.6068"),
    ("Fatima El Amrani", "FR", "Marseille", "8 Cours Julien", "13006", "43.2965, 5.3698"),
    ("Elias Virtanen", "FI", "Tampere", "Hämeenkatu 20", "33200", "61.4978, 23.7610"),
    ("Grace Okafor", "GB", "Manchester", "61 Oldham Street", "M1 1JR", "53.4808, -2.2426"),
    ("Jakob Müller", "CH", "Zürich", "Langstrasse 120", "8004", "47.3769, 8.5417"),
    ("Isabella Costa", "IT", "Torino", "Via Po 18", "10123", "45.0703, 7.6869"),
    ("Oskar Berg", "NO", "Bergen", "Strandgaten 55", "5013", "60.3913, 5.3221"),
    ("Léa Dubois", "BE", "Gent", "Veldstraat 46", "9000", "51.0543, 3.7174"),
    ("Daniel Kowalski", "PL", "Gdańsk", "ul. Długa 44", "80-831", "54.3520, 18.6466"),
    ("Mia Schneider", "DE", "Köln", "Ehrenstraße 77", "50672", "50.9375, 6.9603"),
    ("Samuel Cohen", "NL", "Amsterdam", "Haarlemmerstraat 96", "1013 EW", "52.3676, 4.9041"),
    ("Nora Haddad", "SE", "Göteborg", "Vasagatan 22", "411 24", "57.7089, 11.9746"),
    ("Pablo Jiménez", "ES", "Sevilla", "Calle Sierpes 30", "41004", "37.3891, -5.9845"),
    ("Hannah Weber", "AT", "Wien", "Neubaugasse 64", "1070", "48.2082, 16.3738"),
    ("Ethan Walsh", "IE", "Galway", "Shop Street 3", "H91 C2W1", "53.2707, -9.0568"),
    ("Yuki Sato", "GB", "Edinburgh", "89 Rose Street", "EH2 3DT", "55.9533, -3.1883"),
    ("Marta Kovač", "HR", "Zagreb", "Ilica 49", "10000", "45.8150, 15.9819"),
    ("Felix Wagner", "DE", "Leipzig", "Karl-Liebknecht-Straße 90", "04275", "51.3397, 12.3731"),
    ("Camille Laurent", "FR", "Bordeaux", "45 Rue Sainte-Catherine", "33000", "44.8378, -0.5792"),
    ("Arjun Mehta", "NL", "Rotterdam", "Witte de Withstraat 52", "3012 BR", "51.9244, 4.4777"),
    ("Julia Horvath", "HU", "Budapest", "Király utca 26", "1061", "47.4979, 19.0402"),
    ("Lucas Ferreira", "PT", "Lisboa", "Rua Augusta 210", "1100-053", "38.7223, -9.1393"),
    ("Elin Nilsson", "SE", "Malmö", "Davidshallsgatan 8", "211 45", "55.6050, 13.0038"),
]

TAG_POOL = ("vip", "newsletter", "app-user", "b2b", "gift-buyer", "early-adopter", "student", "returns")
TIERS = ("Bronze", "Silver", "Gold", "Platinum")


def rfc3339(moment: datetime, digits: int, offset: bool = False) -> str:
    """Format like Talon.One exports do: 0, 6 or 7 fractional digits, ``Z`` or ``+00:00``."""
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if digits == 6:
        text += f".{moment.microsecond:06d}"
    elif digits == 7:  # .NET writes ticks: one more digit than Python keeps
        text += f".{moment.microsecond:06d}{moment.microsecond % 7}"
    return text + ("+00:00" if offset else "Z")


def email_for(name: str, rng: random.Random) -> str:
    """A plausible address on a reserved example domain."""
    table = str.maketrans("äöüåøéèçáíóúñýčšžćłńśźğıăţ", "aouaoeecaiounycszclnszgiat")
    first, _, last = name.lower().translate(table).replace("'", "").partition(" ")
    domain = rng.choice(("example.com", "example.org", "example.net", "mail.example"))
    last = last.replace(" ", "")
    local = rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{first}{rng.randrange(10, 99)}"))
    return f"{local}@{domain}"


def attributes_for(person: tuple[str, ...], created: datetime, rng: random.Random) -> dict:
    """Custom attributes: varied per profile, as real applications define them."""
    name, country, city, street, postal, location = person
    signup = created - timedelta(days=rng.randrange(0, 400), seconds=rng.randrange(86400))
    attrs: dict = {"Name": name, "Email": email_for(name, rng), "ShippingCountry": country}
    attrs["SignupDate"] = rfc3339(signup.replace(microsecond=0), 0)
    if rng.random() < 0.85:
        attrs["ChurnRisk"] = round(rng.random(), 3)
    attrs["Tags"] = sorted(rng.sample(TAG_POOL, rng.randrange(0, 4)))
    if rng.random() < 0.8:
        attrs["Address"] = {"Street": street, "City": city, "PostalCode": postal, "Country": country}
    if rng.random() < 0.7:
        attrs["LoyaltyTier"] = rng.choice(TIERS)
    if rng.random() < 0.6:
        born = datetime(rng.randrange(1955, 2005), rng.randrange(1, 13), rng.randrange(1, 29), tzinfo=timezone.utc)
        attrs["BirthDate"] = rfc3339(born, 0)
    if rng.random() < 0.5:
        attrs["LastKnownLocation"] = location
    if rng.random() < 0.3:
        attrs["MarketingOptIn"] = rng.random() < 0.7
    if rng.random() < 0.25:
        attrs["PreferredCategories"] = rng.sample(["shoes", "outdoor", "books", "kitchen", "kids", "travel"], 2)
    return attrs


def profile(number: int, person: tuple[str, ...], rng: random.Random) -> dict:
    """One AudienceCustomer in wire form, with the keys in the API's order."""
    def some_time(days_from: int, days_to: int) -> timedelta:
        return timedelta(days=rng.randrange(days_from, days_to), seconds=rng.randrange(86400),
                         microseconds=rng.randrange(10**6))

    created = NOW - some_time(60, 1500)
    last = min(NOW, created + some_time(0, 700))
    digits = rng.choice((0, 6, 6, 6, 7))
    sessions = rng.randrange(0, 60)
    sales = 0 if sessions == 0 else rng.choice((round(rng.uniform(5, 3000), 2), rng.randrange(10, 900)))
    audiences = sorted(rng.sample(sorted(AUDIENCES), rng.randrange(0, 4)))
    return {
        "id": 1000000 + number,
        "created": rfc3339(created, digits),
        "integrationId": f"URN{1000 + number:07d}",
        "attributes": attributes_for(person, created, rng),
        "accountId": ACCOUNT_ID,
        "closedSessions": sessions,
        "totalSales": sales,
        "loyaltyMemberships": None,
        "audienceMemberships": [{"id": a, "name": AUDIENCES[a]} for a in audiences],
        "lastActivity": rfc3339(last, rng.choice((0, 6, 7))),
        "sandbox": rng.random() < 0.25,
        "connectedApplicationsIds": sorted(rng.sample(APPLICATIONS, rng.randrange(1, 3))),
        "connectedAudiences": audiences,
    }


def build() -> dict:
    """The whole page, deterministic for SEED."""
    rng = random.Random(SEED)
    data = [profile(i + 1, person, rng) for i, person in enumerate(PEOPLE)]

    # The same customer twice: once live, once in the sandbox (identity is (integrationId, sandbox)).
    twin = json.loads(json.dumps(data[0]))
    twin.update(id=1000101, sandbox=True, closedSessions=2, totalSales=24.5, connectedApplicationsIds=[8])
    twin["attributes"]["Tags"] = ["test-account"]
    data.insert(5, twin)
    data[0]["sandbox"] = False

    # Saved before sandboxes existed: no sandbox field, so the environment is unknown.
    for index in (9, 22):
        del data[index]["sandbox"]

    # A legacy profile (2019): loyaltyMemberships still a list, no audiences or connections yet.
    legacy = data[14]
    legacy["created"] = "2019-04-17T08:15:22Z"
    legacy["loyaltyMemberships"] = [
        {"loyaltyProgramId": 4, "joined": "2019-04-17T08:20:03.1440844Z"},
        {"loyaltyProgramId": 9, "joined": "2020-11-02T16:41:10Z"},
    ]
    for key in ("audienceMemberships", "sandbox", "connectedApplicationsIds", "connectedAudiences"):
        legacy.pop(key, None)

    # ApplicationCustomer-style rows: referred by another customer.
    for index, advocate in ((17, data[3]["integrationId"]), (30, data[7]["integrationId"])):
        data[index] = {**data[index], "advocateIntegrationId": advocate}

    # Written back by a Python SDK script: "+00:00" instead of "Z".
    data[26]["lastActivity"] = data[26]["lastActivity"].replace("Z", "+00:00")

    # A profile with an ID past 2**53: a float would silently change its digits.
    data[33]["id"] = 9007199254740993

    # A customer who never set any attribute.
    data[36]["attributes"] = {}

    # Exactly one profile with problems: a money value typed as text, and no lastActivity.
    broken = data[20]
    broken["totalSales"] = "12,50"
    del broken["lastActivity"]

    return {"data": data, "hasMore": False, "totalResultSize": len(data)}


def render() -> str:
    """The file's text: pretty-printed like a saved API response, UTF-8."""
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the sample (or, with --check, verify the committed one is current)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs")
    parser.add_argument("--output", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(build()['data'])} profiles)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
