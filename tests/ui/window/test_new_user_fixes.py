"""What a new user found: quitting, the status bar, error texts, Open's folder, drops, help, history, windows."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, QPointF, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDragLeaveEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
)

from tests.ui.window.test_main_window import open_and_wait, profile, settle, write
from viewer.desktop.resources import sample_export_path
from viewer.query.search_index import ProfileSearchIndex
from viewer.ui.details.profile_details import PROBLEMS_TAB
from viewer.ui.window import loading, main_window
from viewer.ui.window.help_dialogs import KEYS_WITHOUT_ACTIONS, SEARCH_EXAMPLES
from viewer.ui.window.main_window import MainWindow
from viewer.ui.window.windows import WindowSet


def _shown_ids(win: MainWindow) -> list[str]:
    return [win.model.profile_at(row).integration_id for row in range(win.model.rowCount())]


def _current_id(win: MainWindow) -> str | None:
    return win.profile.integration_id if win.profile is not None else None


# -- 1. quitting -------------------------------------------------------------------------------
def test_closing_during_a_load_returns_without_joining_it(qtbot, window, tmp_path, monkeypatch):
    started, release = threading.Event(), threading.Event()
    seen: list[object] = []

    def blocking_load(task, paths, data, *_shown):  # a load that would run on long after the window is gone
        seen.append(task)
        started.set()
        release.wait(30)
        raise RuntimeError("never delivered")

    monkeypatch.setattr(loading, "_load", blocking_load)
    window.open_files([write(tmp_path / "a.json", [profile(1)])])
    assert started.wait(10)
    window.close()  # returns while the load is still blocked: nothing joined it
    try:
        assert not window.isVisible()
        assert seen[0].cancelled()  # told to stop
        assert any(t.name == "task-load" and t.is_alive() and t.daemon for t in threading.enumerate())
    finally:
        release.set()
        settle(window)


# -- 2. status bar -----------------------------------------------------------------------------
def test_status_bar_shows_each_files_shape_and_counts_notes_apart(qtbot, window, tmp_path):
    page = write(tmp_path / "page.json", {"hasMore": True, "totalResultSize": 9,
                                          "data": [profile(0), profile(1, totalSales=None)]})
    array = write(tmp_path / "array.json", [profile(2), profile(3, totalSales=None)])
    single = write(tmp_path / "single.json", profile(4))
    open_and_wait(qtbot, window, [page, array, single])
    assert window.summary.text() == (
        "page.json, array.json, single.json · 3 files: page, array, profile · 5 profiles · 2 warnings · 1 note"
    )


def test_a_note_alone_is_no_problem(qtbot, window, tmp_path):
    page = write(tmp_path / "page.json", {"hasMore": True, "data": [profile(0)]})
    open_and_wait(qtbot, window, [page])
    assert window.summary.text() == "page.json · page · 1 profile · no problems · 1 note"
    # The Problems tab and its list say the same: no problem, one note.
    assert window.tabs.tabText(PROBLEMS_TAB) == "Problems 0 · 1 note"
    assert window.problems.table.model().index(0, 0).data() == "note"


# -- 3. clipboard error ------------------------------------------------------------------------
def test_clipboard_text_that_is_not_json_says_so_plainly(qtbot, window):
    QGuiApplication.clipboard().setText("not json")
    with qtbot.waitSignal(window.loadFailed, timeout=10000):
        window.window_actions.paste.trigger()
    box = window.findChild(QMessageBox, "loadErrorDialog")
    info = box.informativeText()
    assert "The clipboard text is not JSON." in info and "Line 1, column 1" in info
    assert box.text() == "Could not open the clipboard text"
    assert "<bytes>" not in info and "expected 'null'" not in info and "File:" not in info


# -- 4. a damaged profile in the middle --------------------------------------------------------
def test_a_syntax_error_names_the_profile_it_cost(qtbot, window, tmp_path):
    text = json.dumps([profile(n) for n in range(5)], indent=1).replace('"URN0002",', '"URN0002" oops,', 1)
    path = tmp_path / "damaged.json"
    path.write_text(text, encoding="utf-8")
    open_and_wait(qtbot, window, [str(path)])
    assert "URN0002" not in _shown_ids(window) and len(_shown_ids(window)) == 4
    view = window.problems.findChild(QAbstractItemView)
    model = view.model()
    texts = [" ".join(str(model.index(r, c).data() or "") for c in range(model.columnCount()))
             for r in range(model.rowCount())]
    damaged = [t for t in texts if "not valid JSON" in t]
    assert damaged and "profile 3 of the file" in damaged[0] and "after integration ID URN0001" in damaged[0]


# -- 5. where Open starts ----------------------------------------------------------------------
def test_open_starts_in_the_last_files_folder_never_in_the_package(qtbot, window, tmp_path, monkeypatch):
    starts: list[str] = []
    monkeypatch.setattr(main_window.QFileDialog, "getOpenFileNames",
                        lambda _parent, _caption, start, _filter: (starts.append(start), ([], ""))[1])
    open_and_wait(qtbot, window, [str(sample_export_path())])
    window.window_actions.open.trigger()
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert starts[-1] == documents
    assert Path(starts[-1]) != sample_export_path().parent
    folder = tmp_path / "exports"
    folder.mkdir()
    open_and_wait(qtbot, window, [write(folder / "a.json", [profile(1)])])
    open_and_wait(qtbot, window, [str(sample_export_path())])
    window.window_actions.open.trigger()
    assert starts[-1] == str(folder)


# -- 6. drop highlight -------------------------------------------------------------------------
def _mime(path: str) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(path)])
    return mime


def test_dragging_files_over_the_window_highlights_it(qtbot, window, tmp_path):
    path = write(tmp_path / "a.json", [profile(1)])
    highlight = window.findChild(QLabel, "dropHighlight")
    assert highlight is not None and not highlight.isVisible()
    files = _mime(path)  # an event does not own its mime data: keep it alive
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, files, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert highlight.isVisible() and highlight.text() == "Drop to open"
    assert highlight.geometry().contains(window.rect().center())
    QApplication.sendEvent(window, QDragLeaveEvent())
    assert not highlight.isVisible()
    text = QMimeData()
    text.setText("just text")
    QApplication.sendEvent(window, QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, text,
                                                   Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert not highlight.isVisible()  # only files light it up
    QApplication.sendEvent(window, enter)
    with qtbot.waitSignal(window.fileLoaded, timeout=10000):
        QApplication.sendEvent(window, QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, files,
                                                  Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
        assert not highlight.isVisible()


# -- 7. help -----------------------------------------------------------------------------------
def _table_rows(table: QTableWidget) -> list[tuple[str, ...]]:
    return [tuple(table.item(r, c).text() for c in range(table.columnCount())) for r in range(table.rowCount())]


def test_keyboard_shortcuts_lists_every_shortcut_from_the_actions(qtbot, window):
    window.window_actions.sample.setShortcut("Ctrl+Shift+S")  # a new shortcut shows without editing a list
    assert window.window_actions.shortcuts in window.menus.help.actions()
    window.window_actions.shortcuts.trigger()
    dialog = window.findChild(QDialog, "shortcutsDialog")
    assert dialog is not None and dialog.isVisible()
    rows = _table_rows(dialog.findChild(QTableWidget, "shortcutsTable"))
    keys = {(command, shortcut) for _where, command, shortcut in rows}
    for expected in [("Open", "Ctrl+O"), ("Open Sample Export", "Ctrl+Shift+S"), ("Quit", "Ctrl+Q"),
                     ("New Window", "Ctrl+N"), ("Back", "Alt+Left"), ("Forward", "Alt+Right"),
                     ("Search Profiles", "Ctrl+L"), ("Reload", "F5")]:
        assert expected in keys
    tree_shortcuts = [a for a in window.attribute_view.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert tree_shortcuts and all(any(w == "Attributes" and s == a.shortcut().toString() for w, _c, s in rows)
                                  for a in tree_shortcuts)
    every = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert len(rows) == len({id(a) for a in every}) + len(KEYS_WITHOUT_ACTIONS)  # none left out
    assert ("Clear the search or the filter (with suggestions open: close them)", "Esc") in keys  # no action's keys
    assert ("Go to the profiles found; Esc there comes back", "Return") in keys
    dialog.resize(520, 560)


def test_edit_menu_copies_from_the_attribute_tree_once_a_row_is_current(qtbot, window, tmp_path):
    path = write(tmp_path / "one.json", [profile(1, attributes={"Address": {"City": "Köln"}})])
    open_and_wait(qtbot, window, [path])
    menu = next(a.menu() for a in window.menus.edit.actions() if a.menu() is not None)
    assert menu.objectName() == "copyAttributeMenu"
    copies = {a.text(): a for a in menu.actions()}
    assert {"Copy path", "Copy jq path", "Copy subtree as JSON"} <= set(copies)
    tree = window.attribute_view.tree_view()
    tree.setCurrentIndex(tree.model().index(-1, 0))
    menu.aboutToShow.emit()
    assert not any(a.isEnabled() for a in copies.values())  # nothing to copy: greyed, not silently empty
    menu.aboutToHide.emit()
    assert all(a.isEnabled() for a in copies.values())  # the tree's own shortcuts keep working
    model = tree.model()
    address = next(model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data() == "Address")
    tree.setCurrentIndex(address)
    menu.aboutToShow.emit()
    copies["Copy path"].trigger()
    assert QGuiApplication.clipboard().text() == "attributes.Address"
    copies["Copy subtree as JSON"].trigger()
    assert QGuiApplication.clipboard().text() == '{\n  "City": "Köln"\n}'


def test_search_syntax_shows_examples_that_work_on_the_sample(qtbot, window):
    window.window_actions.search_syntax.trigger()
    dialog = window.findChild(QDialog, "searchSyntaxDialog")
    assert dialog is not None and dialog.isVisible()
    shown = dialog.findChild(QPlainTextEdit, "searchSyntaxText")
    text = shown.toPlainText()
    assert "Name:ada" in text and "audience:travel" in text  # from the search index's documentation
    qtbot.waitExposed(dialog)
    assert shown.horizontalScrollBar().maximum() == 0  # every line shows whole, no sideways scrolling
    open_and_wait(qtbot, window, [str(sample_export_path())])
    total = window.table.model().rowCount()
    for query, _what in SEARCH_EXAMPLES:
        assert query in text
        window.search.setText(query)
        assert 0 < window.table.model().rowCount() < total, query


# -- 8. back and forward -----------------------------------------------------------------------
def test_back_and_forward_between_profiles_viewed(qtbot, window, tmp_path):
    path = write(tmp_path / "six.json", [profile(n) for n in range(6)])
    open_and_wait(qtbot, window, [path])
    actions = window.window_actions
    assert not actions.back.isEnabled()
    for index in (2, 4):
        window.select_profile(index)
    assert _current_id(window) == "URN0004" and actions.back.isEnabled() and not actions.forward.isEnabled()
    window.activateWindow()
    qtbot.keyClick(window.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert _current_id(window) == "URN0002"
    actions.back.trigger()
    assert _current_id(window) == "URN0000" and not actions.back.isEnabled()
    qtbot.keyClick(window.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert _current_id(window) == "URN0002"
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.ForwardButton)
    assert _current_id(window) == "URN0004"
    qtbot.mouseClick(window.panel, Qt.MouseButton.BackButton)  # anywhere on the window
    assert _current_id(window) == "URN0002"
    window.select_profile(5)  # a new visit drops what Forward offered
    assert not actions.forward.isEnabled()
    open_and_wait(qtbot, window, [write(tmp_path / "other.json", [profile(7), profile(8)])])
    assert not actions.back.isEnabled() and not actions.forward.isEnabled()


# -- 9. new window -----------------------------------------------------------------------------
def test_new_window_has_its_own_export_and_quit_closes_all(qtbot, settings_file, tmp_path):
    windows = WindowSet()
    first = windows.new_window()
    try:
        open_and_wait(qtbot, first, [write(tmp_path / "a.json", [profile(1)])])
        assert first.window_actions.new_window.shortcut().toString() == "Ctrl+N"
        first.window_actions.new_window.trigger()
        assert len(windows.windows()) == 2
        second = windows.windows()[1]
        assert second.isVisible() and second.pages.currentIndex() == 0  # the welcome page
        open_and_wait(qtbot, second, [write(tmp_path / "b.json", [profile(2), profile(3)])])
        assert first.windowTitle().startswith("a.json") and second.windowTitle().startswith("b.json")
        second.close()
        assert windows.windows() == [first] and first.isVisible()
        first.window_actions.new_window.trigger()
        third = windows.windows()[1]
        third.window_actions.quit.trigger()  # Ctrl+Q in any window closes every window
        assert windows.windows() == [] and not first.isVisible()
    finally:
        for win in windows.windows():
            win.close()


# -- 10. honest progress, search typed early ---------------------------------------------------
def test_progress_is_never_full_while_work_goes_on(qtbot, window, tmp_path):
    path = write(tmp_path / "many.json", [profile(n) for n in range(400)])
    reports: list[tuple[int, int]] = []
    window.worker.progressChanged.connect(lambda done, total: reports.append((done, total)))
    bar_when_loaded: list[int] = []
    window.worker.loaded.connect(lambda _r: bar_when_loaded.append(window.progress.maximum()), Qt.ConnectionType.DirectConnection)
    window.worker.loaded.disconnect(window._on_loaded)  # see the bar as it was when the export arrived ...
    window.worker.loaded.connect(window._on_loaded)  # ... then let the window take it
    open_and_wait(qtbot, window, [path])
    assert reports and reports[-1] == (0, 0)  # busy (indeterminate) for the last part
    assert not any(total and done >= total for done, total in reports)
    assert bar_when_loaded == [0]


def test_a_search_typed_while_preparing_runs_once_the_index_is_ready(qtbot, window, tmp_path, monkeypatch):
    gate = threading.Event()
    build = ProfileSearchIndex.build

    def slow_build(*args, **kwargs):
        gate.wait(20)
        return build(*args, **kwargs)

    monkeypatch.setattr(ProfileSearchIndex, "build", slow_build)
    open_and_wait(qtbot, window, [write(tmp_path / "six.json", [profile(n) for n in range(6)])], index=False)
    window.search.setText("URN0003")
    assert "Preparing search" in window.count_label.text()
    assert window.count_label.text() != "6 of 6 profiles"
    with qtbot.waitSignals([window.indexBuilt, window.list_pane.searchApplied], timeout=20000):
        gate.set()
    assert _shown_ids(window) == ["URN0003"] and window.count_label.text() == "1 of 6 profiles"
    QCoreApplication.sendPostedEvents()

