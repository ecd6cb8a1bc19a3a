"""The Sessions tab: every session of the profile, sortable, the selected one's parts as a tree."""

from __future__ import annotations

from companion_data import companions, export_with, rows
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QTreeView

from viewer.model.companions import Companions
from viewer.ui.details.sessions_view import NO_FILE, NO_SESSIONS, SessionsView, coupons_count
from viewer.ui.roles import CopyRole


def make(qtbot) -> SessionsView:
    view = SessionsView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    return view


def click_header(qtbot, view: SessionsView, column: int) -> None:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_sessions_list_every_session_newest_first_with_exact_totals(qtbot, qtmodeltester):
    view = make(qtbot)
    view.set_profile(export_with(companions("sessions")).profiles[0])
    assert view.objectName() == "sessionsList" and view.table.objectName() == "sessionsTable"
    assert view.count() == 4
    shown = rows(view.table)
    assert [r[0] for r in shown] == ["session-3", "session-2", "session-1", "session-4"]  # unreadable last
    by_name = {r[0]: r for r in shown}
    assert by_name["session-2"][3] == "1,234,567.90"  # two decimals of the exact decimal (half even)
    assert by_name["session-3"][3] == "0.10"
    assert by_name["session-4"][3] == "—"
    assert by_name["session-1"][5] == "Not set"  # Go's zero time
    assert by_name["session-1"][6] == "yes" and by_name["session-4"][6] == "—"
    assert by_name["session-2"][7] == "2"
    qtmodeltester.check(view.model)
    total = view.model.index(1, 3)
    assert total.data(CopyRole) == "1234567.895"  # Copy gives the file's text


def test_unreadable_times_show_as_written_with_a_warning(qtbot):
    view = make(qtbot)
    view.set_profile(export_with(companions("sessions")).profiles[0])
    model = view.model
    texts = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    created = model.index(texts["session-4"], 1)
    assert created.data() == "not a date"
    assert created.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "Not a time the viewer can read: not a date" in created.data(Qt.ItemDataRole.ToolTipRole)
    closed = model.index(texts["session-3"], 4)
    assert closed.data() == "yesterday-ish" and closed.data(Qt.ItemDataRole.DecorationRole) is not None
    unset = model.index(texts["session-1"], 5)
    assert unset.data() == "Not set" and unset.data(Qt.ItemDataRole.DecorationRole) is None
    assert "zero time" in unset.data(Qt.ItemDataRole.ToolTipRole)


def test_headers_sort_by_state_total_and_coupons(qtbot, qtmodeltester):
    view = make(qtbot)
    view.set_profile(export_with(companions("sessions")).profiles[0])
    click_header(qtbot, view, 3)  # total
    totals = [r[3] for r in rows(view.table)]
    assert totals in (["0.10", "355.47", "1,234,567.90", "—"], ["1,234,567.90", "355.47", "0.10", "—"])
    click_header(qtbot, view, 2)
    assert [r[2] for r in rows(view.table)] == ["cancelled", "closed", "closed", "open"]
    click_header(qtbot, view, 7)
    first = [r[7] for r in rows(view.table)]
    click_header(qtbot, view, 7)
    assert [r[7] for r in rows(view.table)] == list(reversed(first))
    qtmodeltester.check(view.model)


def test_selecting_a_session_shows_its_parts_with_session_paths(qtbot):
    view = make(qtbot)
    view.set_profile(export_with(companions("sessions")).profiles[0])
    model = view.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "session-1")
    view.table.selectRow(row)
    assert view.current_session().integration_id == "session-1"
    tree = view.parts.tree_view()
    assert tree.objectName() == "sessionPartsTree"
    tops = [tree.model().index(r, 0).data() for r in range(tree.model().rowCount())]
    assert tops == ["cartItems", "discounts", "attributes", "additionalCosts", "coupons", "identifiers"]
    coupons = tree.model().index(4, 0)
    assert [tree.model().index(r, 1, coupons).data() for r in range(tree.model().rowCount(coupons))] == ["WELCOME10"]
    cart = tree.model().index(0, 0)
    tree.expand(cart)
    item = tree.model().index(0, 0, cart)
    tree.expand(item)
    price = next(tree.model().index(r, 0, item) for r in range(tree.model().rowCount(item))
                 if tree.model().index(r, 0, item).data() == "price")
    tree.setCurrentIndex(price)
    tree.setFocus()
    actions = {a.text(): a for a in view.parts.findChildren(type(view.parts.view_actions()[0]))}
    for text, expected in (("Copy value", "24.50"), ("Copy path", "cartItems[0].price"),
                           ("Copy jq path", ".cartItems[0].price")):
        QGuiApplication.clipboard().setText("")
        actions[text].trigger()
        assert QGuiApplication.clipboard().text() == expected
    tree.setCurrentIndex(cart)
    actions["Copy subtree as JSON"].trigger()
    assert '"price": 24.50' in QGuiApplication.clipboard().text()


def test_empty_states_say_which_file_is_missing(qtbot):
    view = make(qtbot)
    empty = view.findChild(QLabel, "sessionsListEmpty")
    view.set_profile(export_with(Companions()).profiles[0])
    assert view.stack.currentWidget() is empty and empty.text() == NO_FILE
    assert "File > Add to this export…" in NO_FILE
    view.set_profile(export_with(companions("sessions")).profiles[1])  # URN2: none in the file
    assert view.stack.currentWidget() is empty and empty.text() == NO_SESSIONS
    view.set_profile(None)
    assert view.count() == 0 and view.current_session() is None


def test_session_tree_widgets_do_not_take_the_attribute_tabs_names(qtbot):
    view = make(qtbot)
    assert view.findChild(QTreeView, "attributeTree") is None
    assert view.findChild(QTreeView, "sessionPartsTree") is not None


def test_coupons_count_reads_lists_codes_and_empty_cells():
    assert coupons_count(["A", "B"]) == 2
    assert coupons_count("SPRING") == 1
    assert coupons_count(None) == 0 and coupons_count("") == 0


def test_first_row_is_selected_for_a_new_profile(qtbot):
    view = make(qtbot)
    view.set_profile(export_with(companions("sessions")).profiles[0])
    assert view.table.selectionModel().selectedRows()[0].row() == 0
    assert view.parts.tree_view().model().rowCount(QModelIndex()) == 6


def test_a_hidden_tab_fills_its_rows_when_shown(qtbot):
    from PySide6.QtWidgets import QTabWidget, QWidget

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QWidget(), "Attributes")
    view = SessionsView()
    tabs.addTab(view, "Sessions")
    tabs.show()
    qtbot.waitExposed(tabs)
    profile = export_with(companions("sessions")).profiles[0]
    view.set_profile(profile)
    assert view.count() == 4  # the tab title can say it before the rows are made
    assert view.model.rowCount() == 0
    tabs.setCurrentWidget(view)
    assert view.model.rowCount() == 4 and view.current_session() is not None
    assert rows(view.table)[0][0] == "session-3"
    view.set_profile(None)  # shown: at once
    assert view.count() == 0 and view.model.rowCount() == 0


def test_every_column_fits_a_tab_beside_the_panel_with_short_headers_explained(qtbot):
    """The bundled sample's sessions in the ~550 px the tab has: "Canc…" was cut at the right edge before."""
    import viewer
    from viewer.desktop.resources import sample_companion_paths, sample_export_path

    export = viewer.load([str(sample_export_path()), *map(str, sample_companion_paths())])
    view = SessionsView()
    qtbot.addWidget(view)
    view.resize(550, 500)
    view.show()
    view.set_profile(export.profiles[0])
    assert view.count() == 4
    header = view.table.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(header.count())]
    assert sum(widths[:6]) <= view.table.viewport().width()  # up to Cancelled whole, not "Canc…"
    assert sum(widths) < 700  # it took 883 px with room for a sort arrow in every header
    model = view.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())]
    assert titles[6] == "First" and titles[8] == "App"
    assert "First session" in model.headerData(6, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "application" in model.headerData(8, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    # the sort arrow has room on the sorted column (Created) only, and moves with the sort
    click_header(qtbot, view, 7)
    assert header.sectionSize(7) >= header.sectionSizeFromContents(7).width()
    assert header.sectionSize(2) < header.sectionSizeFromContents(2).width()  # State: no arrow, no room for one


def _sample_view(qtbot, profile: int = 0, width: int = 550, height: int = 330) -> SessionsView:
    """A profile of the bundled sample (the first has 4 sessions) in a tab the size it has at 1280x760."""
    import viewer
    from viewer.desktop.resources import sample_companion_paths, sample_export_path

    export = viewer.load([str(sample_export_path()), *map(str, sample_companion_paths())])
    view = SessionsView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    view.set_profile(export.profiles[profile])
    return view


def test_the_caption_names_the_selected_session_whole_where_its_column_is_cut(qtbot):
    """A session ID took 150 px of the 550 and pushed First out of sight; held short, the caption says it whole."""
    view = _sample_view(qtbot)
    header = view.table.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(header.count())]
    assert sum(widths[:7]) <= view.table.viewport().width()  # up to First, whole
    session = view.current_session()
    assert session is not None and session.integration_id == "session-5104-37977298"
    assert view.table.textElideMode() == Qt.TextElideMode.ElideMiddle  # the ID's distinct end stays in sight
    assert widths[0] < view.table.sizeHintForColumn(0)  # the column is narrower than the ID
    title = view.findChild(QLabel, "sessionPartsTitle")
    assert title.text().startswith("Selected session: session-5104-37977298 · application 3")
    assert title.textFormat() == Qt.TextFormat.PlainText
    view.table.selectRow(3)
    assert view.current_session().integration_id in title.text()
    view.set_profile(None)
    assert "Select a session" in title.text()


def test_the_table_is_as_tall_as_its_rows_and_the_tree_gets_the_rest(qtbot):
    """Two fifths of the tab for two rows left blank space above three lines of cart items."""
    view = _sample_view(qtbot, 2)
    table, tree = view.table, view.parts.tree_view()
    rows_shown = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    assert rows_shown >= view.count() == 2  # every session in sight
    assert rows_shown <= view.count() + 1  # and not much blank below them
    assert tree.viewport().height() > table.viewport().height()
    profile = view._pending
    top = view.splitter.sizes()[0]
    view.splitter.moveSplitter(top + 40, 1)  # the person's height wins from then on
    moved = view.splitter.sizes()[0]
    assert moved > top
    view.set_profile(None)
    view.set_profile(profile)
    assert view.splitter.sizes()[0] == moved


def test_the_tab_does_not_hold_the_window_wide(qtbot):
    """The unwrapped "Select a session…" line held the tab 600 px wide: the profile list lost its last column."""
    view = SessionsView()
    qtbot.addWidget(view)
    view.set_profile(export_with(companions("sessions")).profiles[0])
    assert view.minimumSizeHint().width() < 400
    view.set_profile(None)
    assert view.minimumSizeHint().width() < 400
