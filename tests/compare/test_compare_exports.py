"""``viewer.compare(old, new)``: pairs of exports whose differences the test knows."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from exports_pair import load_pair, profile

import viewer
from viewer.compare import AudienceMove, ComparisonCancelled, Transition
from viewer.model.export import Export


def test_the_same_export_twice_is_the_same(tmp_path: Path) -> None:
    old, new = load_pair(tmp_path, [profile(1), profile(2)], [profile(1), profile(2)])
    result = viewer.compare(old, new)
    assert result.same
    assert (len(result.added), len(result.removed), len(result.changed), result.unchanged) == (0, 0, 0, 2)
    assert result.fields == () and result.audiences == ()
    assert result.total_sales.net == 0


def test_added_removed_and_changed_profiles_are_told_apart(tmp_path: Path) -> None:
    old, new = load_pair(
        tmp_path,
        [profile(1), profile(2), profile(3)],
        [profile(1), profile(3, closedSessions=4), profile(4)],
    )
    result = viewer.compare(old, new)
    assert [p.id for p in result.added] == [4]
    assert [p.id for p in result.removed] == [2]
    assert [(c.old.id, c.new.id, c.paths) for c in result.changed] == [(3, 3, ("closedSessions",))]
    assert result.unchanged == 1
    assert not result.same


def test_changed_attributes_are_counted_per_path_with_their_transitions(tmp_path: Path) -> None:
    def tiered(number: int, tier: str, city: str = "Berlin") -> dict:
        return profile(number, attributes={"LoyaltyTier": tier, "Address": {"City": city, "Zip": "10115"},
                                           "Tags": ["vip"]})

    old, new = load_pair(
        tmp_path,
        [tiered(1, "Gold"), tiered(2, "Gold"), tiered(3, "Silver"), tiered(4, "Gold")],
        [tiered(1, "Platinum"), tiered(2, "Platinum"), tiered(3, "Gold", city="Paris"), tiered(4, "Gold")],
    )
    result = viewer.compare(old, new)
    fields = {f.path: f for f in result.fields}
    assert set(fields) == {"attributes.LoyaltyTier", "attributes.Address.City"}
    assert fields["attributes.LoyaltyTier"].profiles == 3
    assert fields["attributes.LoyaltyTier"].transitions == (Transition("Gold", "Platinum", 2),
                                                            Transition("Silver", "Gold", 1))
    assert str(fields["attributes.LoyaltyTier"].transitions[0]) == "Gold → Platinum 2"
    assert fields["attributes.Address.City"].transitions == (Transition("Berlin", "Paris", 1),)
    assert result.fields[0].path == "attributes.LoyaltyTier"  # most profiles first
    assert result.unchanged == 1


def test_an_attribute_that_appears_or_goes_is_a_change(tmp_path: Path) -> None:
    old, new = load_pair(tmp_path, [profile(1, attributes={"A": 1}), profile(2, attributes={"B": True})],
                         [profile(1, attributes={"A": 1, "New": "x"}), profile(2, attributes={})])
    result = viewer.compare(old, new)
    fields = {f.path: f for f in result.fields}
    assert fields["attributes.New"].transitions == (Transition("(missing)", "x", 1),)
    assert fields["attributes.B"].transitions == (Transition("true", "(missing)", 1),)
    assert len(result.changed) == 2


def test_audience_moves_count_who_joined_and_who_left(tmp_path: Path) -> None:
    frequent, churn = {"id": 5, "name": "Frequent buyers"}, {"id": 13, "name": "Churn risk"}
    old, new = load_pair(
        tmp_path,
        [profile(1, audienceMemberships=[frequent]), profile(2, audienceMemberships=[frequent]),
         profile(3, audienceMemberships=[])],
        [profile(1, audienceMemberships=[churn]), profile(2, audienceMemberships=[frequent, churn]),
         profile(3, audienceMemberships=[churn])],
    )
    result = viewer.compare(old, new)
    assert result.audiences == (AudienceMove(13, "Churn risk", joined=3, left=0),
                                AudienceMove(5, "Frequent buyers", joined=0, left=1))
    assert result.audiences[0].label == "Churn risk (13)"


def test_audiences_reordered_are_no_move(tmp_path: Path) -> None:
    a, b = {"id": 5, "name": "Frequent buyers"}, {"id": 13, "name": "Churn risk"}
    old, new = load_pair(tmp_path, [profile(1, audienceMemberships=[a, b])], [profile(1, audienceMemberships=[b, a])])
    result = viewer.compare(old, new)
    assert result.audiences == ()  # the list's order changed (a change of the field), nobody moved
    assert [f.path for f in result.fields] == ["audienceMemberships"]


def test_total_sales_moved_is_an_exact_decimal(tmp_path: Path) -> None:
    old, new = load_pair(
        tmp_path,
        [profile(1, totalSales=0.1), profile(2, totalSales=0.2), profile(3, totalSales=5)],
        [profile(1, totalSales=0.3), profile(2, totalSales=0.3), profile(4, totalSales=1.1)],
    )
    sales = viewer.compare(old, new).total_sales
    assert sales.changed == Decimal("0.3")  # 0.2 + 0.1 exactly, not 0.30000000000000004
    assert sales.added == Decimal("1.1")
    assert sales.removed == Decimal("5")
    assert sales.net == Decimal("-3.6")
    assert all(type(v) is Decimal for v in (sales.changed, sales.added, sales.removed, sales.net))


def test_reordered_keys_are_not_a_change(tmp_path: Path) -> None:
    original = profile(1)
    reordered = dict(reversed(list(original.items())))
    reordered["attributes"] = dict(reversed(list(original["attributes"].items())))
    old, new = load_pair(tmp_path, [original], [reordered])
    result = viewer.compare(old, new)
    assert result.same and result.unchanged == 1


def test_numbers_written_differently_but_equal_are_not_a_change(tmp_path: Path) -> None:
    old_text = '[{"id": 1, "integrationId": "a", "totalSales": 1.10, "attributes": {"N": 1E2, "M": 3}}]'
    new_text = '[{"id": 1, "integrationId": "a", "totalSales": 1.1, "attributes": {"N": 100, "M": 3.0}}]'
    old, new = load_pair(tmp_path, old_text, new_text)
    assert viewer.compare(old, new).same


def test_true_is_not_one_and_a_number_is_not_its_text(tmp_path: Path) -> None:
    old_text = '[{"id": 1, "integrationId": "a", "attributes": {"Flag": true, "Code": 7}}]'
    new_text = '[{"id": 1, "integrationId": "a", "attributes": {"Flag": 1, "Code": "7"}}]'
    old, new = load_pair(tmp_path, old_text, new_text)
    result = viewer.compare(old, new)
    assert {f.path for f in result.fields} == {"attributes.Flag", "attributes.Code"}
    assert {t for f in result.fields for t in f.transitions} == {Transition("true", "1", 1), Transition("7", "7", 1)}


def test_big_integers_compare_every_digit(tmp_path: Path) -> None:
    big = "1" * 30
    old, new = load_pair(tmp_path, f'[{{"id": 1, "integrationId": "a", "attributes": {{"N": {big}0}}}}]',
                         f'[{{"id": 1, "integrationId": "a", "attributes": {{"N": {big}1}}}}]')
    result = viewer.compare(old, new)
    assert result.fields[0].transitions == (Transition(big + "0", big + "1", 1),)


def test_snake_case_and_camel_case_files_compare_by_field(tmp_path: Path) -> None:
    snake = {"id": 1, "integration_id": "a", "total_sales": 10.5, "closed_sessions": 3}
    camel = {"id": 1, "integrationId": "a", "totalSales": 12, "closedSessions": 3}
    result = viewer.compare(*load_pair(tmp_path, [snake], [camel]))
    assert [f.path for f in result.fields] == ["totalSales"]


def test_profiles_without_ids_are_matched_by_integration_id_and_environment(tmp_path: Path) -> None:
    def no_id(integration_id: str, sandbox: bool, sales: float) -> dict:
        data = profile(0, integrationId=integration_id, sandbox=sandbox, totalSales=sales)
        del data["id"]
        return data

    old, new = load_pair(tmp_path, [no_id("a", False, 1), no_id("a", True, 2)],
                         [no_id("a", True, 2), no_id("a", False, 3)])
    result = viewer.compare(old, new)
    assert result.matched_by == "integrationId"
    assert (len(result.added), len(result.removed), len(result.changed), result.unchanged) == (0, 0, 1, 1)
    assert result.changed[0].new.sandbox is False


def test_matching_by_id_follows_a_renamed_integration_id(tmp_path: Path) -> None:
    old, new = load_pair(tmp_path, [profile(1)], [profile(1, integrationId="renamed")])
    result = viewer.compare(old, new)
    assert result.matched_by == "id"
    assert [c.paths for c in result.changed] == [("integrationId",)]


def test_a_repeated_profile_is_compared_once_and_counted(tmp_path: Path) -> None:
    old, new = load_pair(tmp_path, [profile(1), profile(1)], [profile(1)])
    result = viewer.compare(old, new)
    assert result.same and result.old_repeats == 1 and result.new_repeats == 0


def test_progress_reaches_the_end_and_cancel_stops(tmp_path: Path) -> None:
    old, new = load_pair(tmp_path, [profile(i) for i in range(5000)], [profile(i) for i in range(5000)])
    seen: list[tuple[int, int]] = []
    viewer.compare(old, new, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (10_000, 10_000) and len(seen) > 2
    with pytest.raises(ComparisonCancelled):
        viewer.compare(old, new, cancelled=lambda: True)


def test_exports_of_plain_profile_lists_compare_alike(tmp_path: Path) -> None:
    """An export made by hand (no columns, no spans) gives the same answer as one read from files."""
    old, new = load_pair(tmp_path, [profile(1), profile(2), profile(3, totalSales=1)],
                         [profile(1), profile(2, closedSessions=9), profile(4)])
    by_hand = [Export(list(e.profiles), [], "array", [], [], {}) for e in (old, new)]
    read, made = viewer.compare(old, new), viewer.compare(*by_hand)
    for result in (read, made):
        assert (len(result.added), len(result.removed), len(result.changed), result.unchanged) == (1, 1, 1, 1)
        assert [f.path for f in result.fields] == ["closedSessions"]


def test_transitions_show_each_files_own_spelling(tmp_path: Path) -> None:
    old, new = load_pair(tmp_path, '[{"id": 1, "integrationId": "a", "totalSales": 1.10}]',
                         '[{"id": 1, "integrationId": "a", "totalSales": 2.50E1}]')
    result = viewer.compare(old, new)
    assert result.fields[0].transitions == (Transition("1.10", "2.50E1", 1),)
    assert result.total_sales.changed == Decimal("23.9")
