"""The list's cells read from the reader's columns show exactly what the built profiles show."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import viewer
from viewer.model.profile_columns import HEADERS, cell_text, unreadable
from viewer.ui.profiles.column_cells import column_cells
from viewer.ui.profiles.table_model import ProfileTableModel

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "sample-customers.json"
_FIELDS = ('"id": {id}', '"created": {created}', '"integrationId": {iid}', '"attributes": {{"n": {n}}}',
           '"accountId": 1', '"closedSessions": {sessions}', '"totalSales": {sales}',
           '"audienceMemberships": {audiences}', '"lastActivity": {active}', '"sandbox": {sandbox}')
# (field, JSON text) of every profile but the first, which is plain: wrong types, exact and big numbers, odd
# times, missing and null fields, long IDs
ODDITIES = [
    ("sales", "1E2"), ("sales", "1.10"), ("sales", "-0.0"), ("sales", "0.005"), ("sales", "0.015"),
    ("sales", "123456789012345678901234.5678"), ("sales", "12345678901234567890"), ("sales", "1e400"),
    ("sales", '"12,50"'), ("sales", "null"), ("sales", "true"), ("sales", "-1234567.899"),
    ("id", "123456789012345678901234567890"), ("id", '"x7"'), ("id", "1.5"), ("id", "null"), ("id", "-3"),
    ("sessions", "100000000000000000000"), ("sessions", '"three"'), ("sessions", "2.0"), ("sessions", "null"),
    ("iid", '"' + "9" * 300 + '"'), ("iid", '"' + "x" * 1200 + '"'), ("iid", '"Zoë \\u00e9 \\ud83d\\ude00"'),
    ("iid", "12"), ("iid", '""'),
    ("created", '"2021-06-30T23:59:59.9999999Z"'), ("created", '"2021-06-30T23:30:00+05:45"'),
    ("created", '"2021-06-30T12:00:00"'), ("created", '"0999-03-01T10:00:00Z"'),
    ("created", '"0001-01-01T00:00:00+01:00"'), ("created", '"9999-12-31T23:59:59-12:00"'),
    ("created", '"yesterday"'), ("created", "17"), ("active", '"2024-02-29T02:30:00-03:30"'),
    ("active", "null"), ("sandbox", "true"), ("sandbox", "null"), ("sandbox", '"no"'),
    ("audiences", '[{"id": 1, "name": "A"}, {"id": 1, "name": "A"}, {"id": 2, "name": "B"}]'),
    ("audiences", '[{"id": 3}]'), ("audiences", '[{"name": "no id"}, 5]'), ("audiences", '"all"'),
    ("audiences", "[]"),
]
MISSING = ["id", "created", "iid", "sessions", "sales", "active", "sandbox", "audiences"]
ZONES = ("UTC", "America/St_Johns", "Asia/Kathmandu", "Pacific/Kiritimati")


def _profile(n: int, **texts: str) -> str:
    values = {"id": str(1000 + n), "created": '"2022-09-09T19:45:52.870828Z"', "iid": f'"URN{n:05}"', "n": str(n),
              "sessions": str(n * 1001), "sales": f"{n * 1234}.5", "audiences": '[{"id": 11, "name": "Churn"}]',
              "active": '"2023-07-19T22:08:48.699930Z"', "sandbox": "false", **texts}
    missing = texts.get("missing")
    shown = [field for field in _FIELDS if missing is None or "{" + missing + "}" not in field]
    return "{" + ", ".join(shown).format(**values) + "}"


def odd_profiles() -> list[str]:
    """Plain profiles between odd ones: each oddity in a piece of its own and beside well-typed ones."""
    found = [_profile(0)]
    for n, (field, text) in enumerate(ODDITIES, 1):
        found += [_profile(2 * n - 1, **{field: text}), _profile(2 * n)]
    found += [_profile(900 + n, missing=field) for n, field in enumerate(MISSING)]
    return found


@pytest.fixture(params=ZONES)
def zone(request, monkeypatch) -> str:
    """The local time zone the list shows times in (half-hour and 45-minute offsets among them)."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def _exports(tmp_path: Path) -> list[viewer.Export]:
    odd = odd_profiles()
    array = tmp_path / "odd.json"
    array.write_text("[\n" + ",\n".join(odd) + "\n]\n", encoding="utf-8")
    lines = tmp_path / "odd.ndjson"
    lines.write_text("\n".join(odd) + "\n", encoding="utf-8")
    return [viewer.load(SAMPLE), viewer.load(array), viewer.load(lines)]


def test_the_columns_give_every_cell_the_text_of_the_built_profile(tmp_path, zone) -> None:
    """Every row and built-in column of the sample and of odd files: the same text as ``cell_text``."""
    for export in _exports(tmp_path):
        profiles = export.profiles
        answered = 0
        for index in range(len(profiles)):
            texts = column_cells(profiles, index)
            if texts is None:
                continue
            answered += 1
            profile = profiles[index]
            assert texts == [cell_text(profile, column) for column in range(len(HEADERS))], profile.source_text
            assert not any(unreadable(profile, column) for column in range(len(HEADERS)))
        assert answered >= len(profiles) * 0.6  # the plain profiles at least: no profile built to paint them


def test_a_value_of_the_wrong_type_is_left_to_the_built_profile(tmp_path) -> None:
    """A profile the full check read: no texts from the columns (its icon and "as written" text stay)."""
    export = _exports(tmp_path)[1]
    profiles = export.profiles
    odd = [n for n, (field, text) in enumerate(ODDITIES, 1) if (field, text) in {("sales", '"12,50"'), ("id", '"x7"')}]
    for n in odd:
        assert column_cells(profiles, 2 * n - 1) is None
        assert column_cells(profiles, 2 * n) is not None  # its plain neighbour


def test_the_list_model_paints_the_same_texts_and_icons(tmp_path, zone) -> None:
    """The model's painted texts and warning columns are ``cell_text`` and ``unreadable`` of each profile."""
    for export in _exports(tmp_path):
        model = ProfileTableModel()
        model.set_profiles(export.profiles)
        for row in range(model.rowCount()):
            profile = model.profile_at(row)
            cells = model.painted_cells(row)
            assert profile is not None and cells is not None
            columns = range(len(HEADERS))
            assert cells == ([cell_text(profile, c) for c in columns],
                             frozenset(c for c in columns if unreadable(profile, c)))
            assert [model.display_text(row, c) for c in columns] == cells[0]


def test_a_plain_list_of_profiles_has_no_columns_to_read() -> None:
    """Profiles given as a plain list (not the reader's): the built profiles answer."""
    export = viewer.load(b'[{"id": 1, "integrationId": "a"}]')
    assert column_cells(list(export.profiles), 0) is None
    assert column_cells(export.profiles, 5) is None


def test_painting_far_rows_builds_no_profile_for_them(qtbot, make_pane, monkeypatch) -> None:
    """Scrolling to rows not shown yet paints them from the columns: only an odd profile is built."""
    from viewer.reading.lazy_profiles import ProfileList

    people = [{"id": n, "integrationId": f"c{n}", "created": "2021-01-01T00:00:00Z", "accountId": 1,
               "closedSessions": n, "lastActivity": "2021-01-01T00:00:00Z", "totalSales": 1.5} for n in range(400)]
    people[205]["closedSessions"] = "three"  # the full check read it: its icon comes from the built profile
    pane = make_pane(people, size=(700, 400))
    table, model = pane.table, pane.table.model()
    built: list[int] = []
    getitem = ProfileList.__getitem__
    monkeypatch.setattr(ProfileList, "__getitem__", lambda self, i: built.append(i) or getitem(self, i))
    table.scrollTo(model.index(200, 0), table.ScrollHint.PositionAtTop)
    table.viewport().grab()
    shown = range(table.rowAt(0), table.rowAt(table.viewport().height() - 1) + 1)
    assert 205 in shown and len(shown) > 10
    assert set(built) <= {205}
    assert model.index(205, 5).data(Qt.ItemDataRole.DecorationRole) is not None  # the warning icon stays
