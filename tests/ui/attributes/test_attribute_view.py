"""The attribute tab as a user meets it: the model, typing a filter, copying paths."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QToolButton, QTreeView

from viewer.attributes.filter import AttributeIndex, filter_tree
from viewer.attributes.tree import AttributeTree
from viewer.ui.attributes.model import AttributeModel
from viewer.ui.attributes.view import AttributeView
from viewer.ui.roles import CopyRole, MatchRole, PathRole

PROFILE = {
    "Name": "Ada Lovelace",
    "Email": "ada@example.com",
    "SignupDate": "2020-06-10T09:05:27.993483Z",
    "ShippingCountry": "DE",
    "ChurnRisk": 0.804,
    "LoyaltyTier": "gold",
    "OrdersCount": 37,
    "LifetimeValue": 1299.99,
    "Newsletter": True,
    "Referrer": None,
    "Address": {"Street": "Hauptstraße 5", "City": "München", "Zip": "80331"},
    "Tags": ["vip", "newsletter", "early-adopter"],
    "CustomerId": 123456789012345678901234567890,
    "Key with space": "spaced",
    "Notes": "<img src=x><b>bold</b>",
}


def deep(levels: int) -> dict:
    value: object = {"leaf": "bottom"}
    for i in range(levels):
        value = {f"level{i}": value} if i % 2 else [value, i]
    return {"Deep": value}


PATHOLOGICAL = {
    "empty": {},
    "realistic": PROFILE,
    "deep": deep(200),
    "wide": {"Wide": list(range(10_000)), "Objects": {f"k{i}": i for i in range(300)}},
    "unicode": {"Größe": "groß", "名前": "山田", "emoji 🎉": ["🎈", {"ключ": None}]},
    "awkward keys": {"a.b": {"c[0]": 1}, 'say "hi"': [True, False], "": "", "x]y[": {"\\": "\n"}},
}


@pytest.fixture
def view(qtbot):
    widget = AttributeView()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    widget.set_attributes(PROFILE, key="p1")
    return widget


def parts(view):
    return (
        view.findChild(QLineEdit, "attributeFilter"),
        view.findChild(QLabel, "attributeMatchCount"),
        view.findChild(QTreeView, "attributeTree"),
        view.findChild(QPlainTextEdit, "attributeDetail"),
    )


def visible_rows(tree: QTreeView) -> list[str]:
    """Key texts of the rows a user can see (expanded branches), indented by depth."""
    rows, index = [], tree.model().index(0, 0)
    while index.isValid():
        depth, up = 0, index.parent()
        while up.isValid():
            depth, up = depth + 1, up.parent()
        rows.append("  " * depth + index.data())
        index = tree.indexBelow(index)
    return rows


def select(tree: QTreeView, *keys) -> QModelIndex:
    index, model = QModelIndex(), tree.model()
    for key in keys:
        index = next(
            model.index(r, 0, index) for r in range(model.rowCount(index)) if model.index(r, 0, index).data() == key
        )
        tree.expand(index.parent()) if index.parent().isValid() else None
    tree.setCurrentIndex(index)
    return index


# -- the model ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_model_passes_qtmodeltester_before_and_after_filtering_and_sorting(qtmodeltester, name):
    tree = AttributeTree(PATHOLOGICAL[name])
    model = AttributeModel()
    model.set_tree(tree)
    qtmodeltester.check(model)
    index = AttributeIndex.build(tree)
    # The tester walks every row (~1 ms each here): the 10,000-element tree gets fewer passes.
    texts = ["value:99", "nothing-matches-this"] if name == "wide" else ["e", "key:level1", "value:1", ">5", "zzz"]
    for text in texts:
        model.set_filter_result(filter_tree(index, text))
        qtmodeltester.check(model)
    model.set_filter_result(filter_tree(index, texts[0]))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    if name == "wide":
        return
    model.set_filter_result(None)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)
    model.clear_sort()
    qtmodeltester.check(model)


def test_model_columns_values_and_types():
    model = AttributeModel()
    model.set_tree(AttributeTree(PROFILE))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Key", "Value", "Type"]
    rows = {model.index(r, 0).data(): (model.index(r, 1).data(), model.index(r, 2).data()) for r in range(15)}
    assert rows["Address"] == ("{3 keys}", "object")
    assert rows["Tags"] == ("[3 items]", "list")
    assert rows["CustomerId"] == ("123456789012345678901234567890", "number")
    assert rows["Newsletter"] == ("true", "boolean")
    assert rows["SignupDate"][1] == "date-time"
    assert rows["Notes"] == ("<img src=x><b>bold</b>", "string")


def test_null_is_shown_in_italic_grey():
    model = AttributeModel()
    model.set_tree(AttributeTree({"Referrer": None, "Name": "x"}))
    null_value, text_value = model.index(0, 1), model.index(1, 1)
    assert null_value.data() == "null"
    font = null_value.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert null_value.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert text_value.data(Qt.ItemDataRole.FontRole) is None
    assert text_value.data(Qt.ItemDataRole.ForegroundRole) is None


def test_tooltips_escape_file_text_and_times_show_the_original():
    model = AttributeModel()
    model.set_tree(AttributeTree(PROFILE))
    notes = model.index(14, 1)
    tip = notes.data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img src=x&gt;&lt;b&gt;bold&lt;/b&gt;" in tip and "<b>" not in tip
    signup = model.index(2, 1)
    assert signup.data(Qt.ItemDataRole.ToolTipRole).count("2020-06-10T09:05:27.993483Z") == 1
    assert signup.data(CopyRole) == "2020-06-10T09:05:27.993483Z"


def test_wide_lists_show_ranges():
    model = AttributeModel()
    model.set_tree(AttributeTree({"Wide": list(range(10_000))}))
    wide = model.index(0, 0)
    assert model.rowCount(wide) == 100
    first_range = model.index(0, 0, wide)
    assert (first_range.data(), model.index(99, 0, wide).data()) == ("[0...99]", "[9900...9999]")
    element = model.index(42, 1, first_range)
    assert element.data() == "42" and element.data(PathRole) == "attributes.Wide[42]"


# -- the widget ---------------------------------------------------------------------------


def test_widgets_carry_their_object_names(view):
    for cls, name in [
        (QLineEdit, "attributeFilter"),
        (QToolButton, "attributeScopeKeys"),
        (QToolButton, "attributeScopeValues"),
        (QToolButton, "attributeRegex"),
        (QLabel, "attributeMatchCount"),
        (QTreeView, "attributeTree"),
        (QPlainTextEdit, "attributeDetail"),
    ]:
        assert view.findChild(cls, name) is not None, name


def test_typing_filters_rows_expands_ancestors_and_counts(view, qtbot):
    line, label, tree, _ = parts(view)
    counts = []
    view.matchCountChanged.connect(counts.append)
    qtbot.keyClicks(line, "city")
    assert counts == [9, 1]  # "c" matched nine rows; "ci", "cit" and "city" one
    assert label.text() == "1 match"
    assert visible_rows(tree) == ["Address", "  City"]
    city = tree.model().index(0, 0, tree.model().index(0, 0))
    assert city.data(MatchRole) is True  # highlighted
    assert city.data(Qt.ItemDataRole.BackgroundRole) is not None


def test_smart_case_and_value_matches(view, qtbot):
    line, label, tree, _ = parts(view)
    qtbot.keyClicks(line, "e")
    assert label.text() == "17 matches"
    line.clear()
    qtbot.keyClicks(line, "Lovelace")
    assert label.text() == "1 match"
    assert visible_rows(tree) == ["Name"]
    line.clear()
    qtbot.keyClicks(line, "LOVELACE")
    assert label.text() == "0 matches"
    assert visible_rows(tree) == []


def test_numbers_and_booleans_match_as_shown_and_compare(view, qtbot):
    line, label, tree, _ = parts(view)
    qtbot.keyClicks(line, "true")
    assert visible_rows(tree) == ["Newsletter"]
    line.clear()
    qtbot.keyClicks(line, ">100")
    assert visible_rows(tree) == ["LifetimeValue", "CustomerId"]
    assert label.text() == "2 matches"
    line.clear()
    qtbot.keyClicks(line, "value:<=1")
    assert visible_rows(tree) == ["ChurnRisk"]


def test_scope_buttons_narrow_the_match(view, qtbot):
    line, label, tree, _ = parts(view)
    keys = view.findChild(QToolButton, "attributeScopeKeys")
    values = view.findChild(QToolButton, "attributeScopeValues")
    qtbot.keyClicks(line, "newsletter")
    assert visible_rows(tree) == ["Newsletter", "Tags", "  [1]"]
    qtbot.mouseClick(values, Qt.MouseButton.LeftButton)  # keys only
    assert visible_rows(tree) == ["Newsletter"]
    qtbot.mouseClick(values, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keys, Qt.MouseButton.LeftButton)  # values only
    assert visible_rows(tree) == ["Tags", "  [1]"]
    qtbot.mouseClick(values, Qt.MouseButton.LeftButton)  # the last scope cannot be switched off
    assert values.isChecked()
    assert label.text() == "1 match"


def test_matched_container_keeps_its_children_reachable(view, qtbot):
    line, _, tree, _ = parts(view)
    qtbot.keyClicks(line, "key:address")
    assert visible_rows(tree) == ["Address"]
    tree.expand(tree.model().index(0, 0))
    assert visible_rows(tree) == ["Address", "  Street", "  City", "  Zip"]


def test_invalid_regex_is_marked_and_never_raises(view, qtbot):
    line, label, tree, _ = parts(view)
    qtbot.mouseClick(view.findChild(QToolButton, "attributeRegex"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(line, "Add(")
    assert line.property("invalid") is True
    assert "Invalid regular expression" in line.toolTip()
    assert label.text() == "Invalid regex"
    assert "Address" in visible_rows(tree)[0]  # the last good filter ("Add") stays
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    assert line.property("invalid") is False
    assert label.text() == "1 match"
    line.clear()
    qtbot.keyClicks(line, "^[0-9]+$")
    assert visible_rows(tree) == ["OrdersCount", "Address", "  Zip", "CustomerId"]


def test_escape_clears_and_ctrl_f_focuses(view, qtbot):
    line, label, tree, _ = parts(view)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(line.hasFocus)
    qtbot.keyClicks(line, "zip")
    assert visible_rows(tree) == ["Address", "  Zip"]
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    assert line.text() == "" and label.text() == ""
    assert len(visible_rows(tree)) == 15


def test_clearing_the_filter_restores_the_expansion_before_it(view, qtbot):
    line, _, tree, _ = parts(view)
    tree.expand(tree.model().index(11, 0))  # Tags
    qtbot.keyClicks(line, "city")
    assert visible_rows(tree) == ["Address", "  City"]
    view.clear_filter()
    rows = visible_rows(tree)
    assert "  vip" not in rows and "  [0]" in rows and "  City" not in rows


def test_copy_paths_and_values_to_the_clipboard(view, qtbot):
    _, _, tree, detail = parts(view)
    clipboard = QApplication.clipboard()
    select(tree, "Address", "City")
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "München"
    qtbot.keyClick(tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert clipboard.text() == "attributes.Address.City"
    qtbot.keyClick(tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert clipboard.text() == ".attributes.Address.City"
    assert "attributes.Address.City" in detail.toPlainText()
    actions = {a.text(): a for a in tree.actions()}
    select(tree, "Key with space")
    actions["Copy path"].trigger()
    assert clipboard.text() == 'attributes["Key with space"]'
    actions["Copy jq path"].trigger()
    assert clipboard.text() == '.attributes["Key with space"]'
    actions["Copy key"].trigger()
    assert clipboard.text() == "Key with space"
    select(tree, "Tags", "[0]")
    actions["Copy path"].trigger()
    assert clipboard.text() == "attributes.Tags[0]"
    select(tree, "Address")
    actions["Copy subtree as JSON"].trigger()
    assert clipboard.text() == '{\n  "Street": "Hauptstraße 5",\n  "City": "München",\n  "Zip": "80331"\n}'
    select(tree, "CustomerId")
    actions["Copy value"].trigger()
    assert clipboard.text() == "123456789012345678901234567890"


def test_detail_area_shows_file_text_exactly(view):
    _, _, tree, detail = parts(view)
    select(tree, "Notes")
    text = detail.toPlainText()
    assert "<img src=x><b>bold</b>" in text and "attributes.Notes" in text
    select(tree, "SignupDate")
    assert "Original:   2020-06-10T09:05:27.993483Z" in detail.toPlainText()


def test_context_menu_offers_copy_and_expand_actions(view, qtbot):
    from PySide6.QtWidgets import QMenu

    _, _, tree, _ = parts(view)
    seen = []

    def inspect_menu():
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.extend(a.text() for a in menu.actions() if a.text())
            menu.close()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(100, inspect_menu)
    rect = tree.visualRect(tree.model().index(1, 0))
    tree.customContextMenuRequested.emit(rect.center())
    assert seen[:5] == ["Copy value", "Copy key", "Copy path", "Copy jq path", "Copy subtree as JSON"]
    assert {"Expand all", "Collapse all", "Expand to level"} <= set(seen)
    assert tree.currentIndex().data() == "Email"


def test_expand_collapse_and_levels(view):
    _, _, tree, _ = parts(view)
    view.expand_all()
    rows = visible_rows(tree)
    assert "  City" in rows and "  early-adopter" not in rows and "  [2]" in rows and len(rows) == 21
    view.collapse_all()
    assert len(visible_rows(tree)) == 15
    view.set_attributes(deep(6))
    view.expand_to_level(2)
    assert visible_rows(tree) == ["Deep", "  level5", "    [0]", "    [1]"]
    texts = [a.text() for a in view.view_actions()]
    assert texts == ["Expand all", "Collapse all", "Expand to level"]
    level_menu = view.view_actions()[2].menu()
    assert [a.text() for a in level_menu.actions()] == ["1", "2", "3", "4", "5"]
    level_menu.actions()[0].trigger()
    assert visible_rows(tree) == ["Deep", "  level5"]  # deeper levels close again


def test_header_sorts_by_key_and_third_click_restores_file_order(view, qtbot):
    _, _, tree, _ = parts(view)
    header = tree.header()
    original = visible_rows(tree)
    point = QPoint(header.sectionPosition(0) + 10, header.height() // 2)

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    ascending = visible_rows(tree)
    assert ascending == sorted(original, key=str.casefold)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert visible_rows(tree) == list(reversed(ascending))
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert visible_rows(tree) == original
    assert not header.isSortIndicatorShown()


def test_no_attributes_shows_an_empty_state(view):
    view.set_attributes(None)
    empty = view.findChild(QLabel, "attributeEmpty")
    assert empty.isVisible() and empty.text() == "No custom attributes"
    assert not view.findChild(QTreeView, "attributeTree").isVisible()
    view.set_attributes({"A": 1})
    assert not empty.isVisible()


def test_expansion_and_selection_follow_key_paths_across_profiles(view, qtbot):
    _, _, tree, detail = parts(view)
    select(tree, "Address", "City")
    other = dict(PROFILE, Address={"City": "Paris", "Zip": "75001"})
    view.set_attributes(other, key="p2")
    assert "  City" in visible_rows(tree)
    assert tree.currentIndex().data() == "City"
    assert "Paris" in detail.toPlainText()
    view.set_attributes({"Name": "no address here"}, key="p3")
    view.set_attributes(PROFILE, key="p1")
    assert "  City" in visible_rows(tree)


@pytest.mark.parametrize(
    ("text", "rows", "count"),
    [
        ("ChurnRisk>0.5", ["ChurnRisk"], "1 match"),
        ("OrdersCount:30..40", ["OrdersCount"], "1 match"),
        ("SignupDate<90d", ["SignupDate"], "1 match"),
        ("SignupDate>=2021-01", [], "0 matches"),
        ("Address.City", ["Address", "  City"], "1 match"),
        ("Address.City:chen", ["Address", "  City"], "1 match"),
        ("Address.City:berlin", [], "0 matches"),
        ("Tags[2]", ["Tags", "  [2]"], "1 match"),
    ],
)
def test_typed_comparisons_dates_ranges_and_paths_filter_the_tree(view, qtbot, text, rows, count):
    line, label, tree, _ = parts(view)
    qtbot.keyClicks(line, text)
    assert visible_rows(tree) == rows
    assert label.text() == count
    assert line.property("invalid") is not True


def test_filter_stays_when_switching_profiles(view, qtbot):
    line, label, tree, _ = parts(view)
    qtbot.keyClicks(line, "city")
    view.set_attributes({"City": "Rome", "Other": 1}, key="p9")
    assert visible_rows(tree) == ["City"]
    assert label.text() == "1 match"


def test_large_tree_filters_in_the_background(qtbot):
    view = AttributeView()
    qtbot.addWidget(view)
    view.show()
    big = {f"Customer{i}": {"City": "Berlin" if i % 3 else "Paris", "Visits": i, "Tags": ["a", "b"]} for i in range(900)}
    view.set_attributes(big)
    line, label, tree, _ = parts(view)
    with qtbot.waitSignal(view.filterApplied, timeout=10_000) as blocker:
        qtbot.keyClicks(line, "paris")
    assert blocker.args == [300]
    assert label.text() == "300 matches"
    rows = visible_rows(tree)
    assert rows[:4] == ["Customer0", "  City", "Customer3", "  City"] and "Customer1" not in rows
    with qtbot.waitSignal(view.filterApplied, timeout=10_000) as blocker:
        line.clear()
        qtbot.keyClicks(line, ">890")
    assert blocker.args == [9]
    assert visible_rows(tree)[:2] == ["Customer891", "  Visits"]


def test_newest_filter_request_wins(qtbot):
    view = AttributeView()
    qtbot.addWidget(view)
    view.set_attributes({f"Key{i}": [f"value {i}", i] for i in range(3000)})
    line, label, tree, _ = parts(view)
    results = []
    view.filterApplied.connect(results.append)
    line.setText("value 1")
    view._apply_filter()  # two requests in flight: only the second may land
    line.setText("value 2999")
    view._apply_filter()
    qtbot.waitUntil(lambda: label.text() == "1 match", timeout=10_000)
    view._runner.wait(10)  # the first request's thread has ended: whatever it sent is delivered now
    QCoreApplication.sendPostedEvents()
    assert results == [1]
    assert visible_rows(tree)[-1].strip() == "[0]"


def test_a_loaded_profile_keeps_big_integers_exact(view):
    import viewer

    export = viewer.load(
        b'{"id": 6, "integrationId": "URN1", "attributes": '
        b'{"CustomerNumber": 123456789012345678901234567890, "Address": {"City": "Berlin"}}}'
    )
    view.set_attributes(export.profiles[0].attributes, key=export.profiles[0].identity)
    _, _, tree, _ = parts(view)
    assert tree.model().index(0, 1).data() == "123456789012345678901234567890"
    select(tree, "CustomerNumber")
    QApplication.clipboard().clear()
    {a.text(): a for a in tree.actions()}["Copy value"].trigger()
    assert QApplication.clipboard().text() == "123456789012345678901234567890"


def test_row_picked_while_filtering_stays_selected_and_in_sight_after_clearing(view, qtbot):
    line, _, tree, detail = parts(view)
    qtbot.keyClicks(line, "zip")
    select(tree, "Address", "Zip")
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    assert tree.currentIndex().data() == "Zip"
    assert "  Zip" in visible_rows(tree)
    assert detail.toPlainText().startswith("attributes.Address.Zip")
    qtbot.keyClicks(line, "city")  # the selected row is filtered out: the detail empties
    assert not tree.currentIndex().isValid() and detail.toPlainText() == ""


def test_scroll_position_is_remembered_per_profile(view, qtbot):
    _, _, tree, _ = parts(view)
    first = {f"Key{i:03d}": i for i in range(400)}
    second = {f"Key{i:03d}": -i for i in range(400)}
    view.set_attributes(first, key="a")
    tree.scrollTo(tree.model().index(250, 0), QTreeView.ScrollHint.PositionAtTop)
    assert tree.indexAt(QPoint(1, 1)).data() == "Key250"
    view.set_attributes(second, key="b")  # shares the keys: opens at the same place
    assert tree.indexAt(QPoint(1, 1)).data() == "Key250"
    tree.scrollToTop()
    view.set_attributes(first, key="a")  # back to the first profile: where it was left
    assert tree.indexAt(QPoint(1, 1)).data() == "Key250"
    view.set_attributes(second, key="b")
    assert tree.indexAt(QPoint(1, 1)).data() == "Key000"


def test_a_comparison_with_no_number_after_it_says_why_nothing_matched(view, qtbot):
    """"ChurnRisk>abc" showed "0 matches" and nothing else: it is searched as text, and the count says so."""
    line, label, _tree, _ = parts(view)
    qtbot.keyClicks(line, "Zip>abc")
    qtbot.waitUntil(lambda: label.text().startswith("0 matches"))
    assert label.text() == "0 matches (?)"
    assert "needs a number or a date-time" in label.toolTip()
    line.clear()
    qtbot.keyClicks(line, "zip")
    qtbot.waitUntil(lambda: label.text() == "1 match")
    assert label.toolTip() == ""
