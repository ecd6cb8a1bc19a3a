"""A field's column read from the reader's columns: the same values, with pause points while it is converted."""

from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace
from typing import Any

import pytest

from viewer.query.columns import POLL_PROFILES, field_column
from viewer.query.fields import profile_field


class _Listed(list):  # type: ignore[type-arg]
    """A profile list with the reader's columns only (``field_column`` reads nothing else of it)."""

    def __init__(self, count: int, **columns: list[Any]) -> None:
        super().__init__(range(count))
        self.columns = SimpleNamespace(**columns)


def test_dates_from_the_readers_column_poll_every_few_thousand_profiles() -> None:
    count = 5 * POLL_PROFILES + 3
    created = ["2024-01-02T03:04:05Z" if i % 3 else None for i in range(count)]
    polls: list[int] = []
    field = profile_field("created")
    assert field is not None
    column = field_column(_Listed(count, created=created), field, polls.append)
    assert column[1] == datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc) and column[0] is None
    assert len(column) == count and polls == list(range(0, count, POLL_PROFILES))


def test_a_cancel_between_the_polls_stops_the_conversion() -> None:
    count = 3 * POLL_PROFILES
    field = profile_field("integrationId")
    assert field is not None

    def poll(n: int) -> None:
        if n:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        field_column(_Listed(count, integration_id=["ID"] * count), field, poll)
    assert field_column(_Listed(2, integration_id=["AbC", None]), field, lambda n: None) == ["abc", None]
