"""The main window as a desktop application: welcome page, drops, clipboard, recent files,
remembered layout, reload on change, title, shortcuts, About, macOS open events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QFileOpenEvent, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QMessageBox

import viewer
from viewer.app import connect_file_open_events
from viewer.desktop.resources import sample_export_path
from viewer.ui.roles import PathRole
from viewer.ui.window import main_window as main_window_module
from viewer.ui.window import settings
from viewer.ui.window.main_window import MainWindow
from viewer.ui.window.settings import RecentFiles
from viewer.ui.window.welcome_page import NO_RECENT_TEXT


def profile(n: int, **fields) -> dict:
    base = {
        "id": 1000 + n, "created": "2021-03-04T05:06:07Z", "integrationId": f"URN{n:04d}",
        "attributes": {"Name": f"Customer {n}"}, "accountId": 31, "closedSessions": n,
        "totalSales": 10.0 * n, "loyaltyMemberships": None, "audienceMemberships": [],
        "lastActivity": "2024-01-02T03:04:05Z", "sandbox": False,
        "connectedApplicationsIds": [], "connectedAudiences": [],
    }
    base.update(fields)
    return base


def write(path: Path, profiles: list[dict]) -> str:
    path.write_text(json.dumps(profiles), encoding="utf-8")
    return str(path)


@pytest.fixture
def customers(tmp_path) -> str:
    return write(tmp_path / "customers.json", [profile(n) for n in range(5)])


def wait_loaded(qtbot, win: MainWindow, start) -> None:
    with qtbot.waitSignal(win.fileLoaded, timeout=20000):
        start()


def selected_integration_id(win: MainWindow) -> str:
    return win.panel.integration_id.toPlainText()


# -- welcome page ----------------------------------------------------------------------------
def test_no_file_shows_the_welcome_page(window):
    assert window.pages.currentIndex() == 0
    assert window.pages.currentWidget().objectName() == "welcomePage"
    assert window.windowTitle() == "Audience Viewer"
    assert not window.windowIcon().isNull()
    hint = window.findChild(QLabel, "welcomeDropHint")
    assert hint.isVisible() and "drop" in hint.text().lower()
    assert window.welcome.recent_list.item(0).text() == NO_RECENT_TEXT
    assert not window.window_actions.close.isEnabled() and not window.window_actions.reload.isEnabled()


def test_welcome_open_button_asks_for_files(qtbot, window, customers, monkeypatch):
    asked = []

    def fake_dialog(*args, **kwargs):
        asked.append(args)
        return [customers], "JSON exports"

    monkeypatch.setattr(main_window_module.QFileDialog, "getOpenFileNames", staticmethod(fake_dialog))
    wait_loaded(qtbot, window, lambda: qtbot.mouseClick(window.welcome.open_button, Qt.MouseButton.LeftButton))
    assert len(asked) == 1
    assert window.windowTitle() == "customers.json - Audience Viewer"
    assert window.pages.currentIndex() == 1


def test_welcome_sample_button_opens_the_sample(qtbot, window):
    wait_loaded(qtbot, window, lambda: qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton))
    # the sample opens with its four CSV files (sessions, balances, tiers, members)
    assert window.windowTitle() == f"{sample_export_path().name} + 4 CSV files - Audience Viewer"
    assert window.model.rowCount() > 20
    assert RecentFiles().paths() == []  # the sample has its own button, it is no recent file


def test_files_opened_by_relative_paths_are_remembered_whole_and_the_sample_never(
        qtbot, window, tmp_path, monkeypatch):
    """``python -m viewer resources/sample.json`` put the sample in Recent files, and a relative path there."""
    monkeypatch.chdir(sample_export_path().parent)
    wait_loaded(qtbot, window, lambda: window.open_files([sample_export_path().name]))
    assert RecentFiles().paths() == []  # the sample, named relative to the folder it was opened from
    write(tmp_path / "mine.json", [profile(1)])
    monkeypatch.chdir(tmp_path)
    wait_loaded(qtbot, window, lambda: window.open_files(["mine.json"]))
    assert RecentFiles().paths() == [str(tmp_path / "mine.json")]  # opens again from any folder


def test_recent_files_on_welcome_page_and_in_menu(qtbot, make_window, tmp_path, customers):
    other = write(tmp_path / "other.json", [profile(9)])
    gone = write(tmp_path / "gone.json", [profile(8)])
    recent = RecentFiles()
    for path in (customers, gone, other):
        recent.add(path)
    Path(gone).unlink()
    win = make_window()
    assert win.welcome.recent_files() == [other, customers]  # the missing file is pruned
    assert win.recent_menu.recent_paths() == [other, customers]
    listed = win.welcome.recent_list
    listed.setFocus()
    listed.setCurrentRow(1)
    wait_loaded(qtbot, win, lambda: qtbot.keyClick(listed, Qt.Key.Key_Return))
    assert win.windowTitle() == "customers.json - Audience Viewer"
    qtbot.waitUntil(lambda: win.recent_menu.recent_paths() == [customers, other])
    action = win.recent_menu.actions()[1]
    assert action.text().startswith("&2 other.json")
    wait_loaded(qtbot, win, action.trigger)
    assert win.windowTitle() == "other.json - Audience Viewer"
    clear = next(a for a in win.recent_menu.actions() if a.objectName() == "clearRecentAction")
    clear.trigger()
    qtbot.waitUntil(lambda: win.recent_menu.recent_paths() == [])
    win.window_actions.close.trigger()
    assert listed.item(0).text() == NO_RECENT_TEXT


def test_at_most_ten_recent_files(qtbot, window, tmp_path):
    paths = [write(tmp_path / f"page-{n:02d}.json", [profile(n)]) for n in range(12)]
    for path in paths:
        wait_loaded(qtbot, window, lambda p=path: window.open_files([p]))
    qtbot.waitUntil(lambda: window.recent_menu.recent_paths() == paths[::-1][:10])
    assert window.welcome.recent_files() == paths[::-1][:10]


def test_failed_recent_file_is_forgotten(qtbot, window, customers):
    RecentFiles().add(customers)
    Path(customers).unlink()
    with qtbot.waitSignal(window.loadFailed, timeout=10000):
        window.open_files([customers])
    assert window.findChild(QMessageBox, "loadErrorDialog").isVisible()
    assert settings.settings().value("recentFiles") is None


# -- drag and drop ---------------------------------------------------------------------------
def file_mime(*paths: str) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(p) for p in paths])
    return mime


def drag_enter(widget, mime: QMimeData) -> bool:
    event = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    event.setAccepted(False)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def drop(widget, mime: QMimeData) -> None:
    """Drag over ``widget`` and drop: Qt delivers a drop only where the drag was accepted."""
    assert drag_enter(widget, mime)
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_drag_enter_accepts_only_local_files(window, customers, tmp_path):
    assert window.acceptDrops()
    assert drag_enter(window, file_mime(customers))
    text = QMimeData()
    text.setText("some text")
    assert not drag_enter(window, text)
    web = QMimeData()
    web.setUrls([QUrl("https://example.com/customers.json")])
    assert not drag_enter(window, web)
    assert not drag_enter(window, file_mime(str(tmp_path)))  # a folder


def test_dropping_files_opens_them_as_one_export(qtbot, window, tmp_path):
    pages = [write(tmp_path / f"page-{n}.json", [profile(2 * n), profile(2 * n + 1)]) for n in range(3)]
    wait_loaded(qtbot, window, lambda: drop(window, file_mime(*pages)))
    assert window.windowTitle() == "page-0.json + 2 more - Audience Viewer"
    assert window.model.rowCount() == 6


def test_dropping_on_a_text_field_opens_the_file_too(qtbot, window, customers):
    field = window.findChild(QLineEdit, "attributeFilter")
    wait_loaded(qtbot, window, lambda: drop(field, file_mime(customers)))
    assert window.windowTitle() == "customers.json - Audience Viewer"
    assert field.text() == ""


# -- clipboard -------------------------------------------------------------------------------
def test_ctrl_shift_v_opens_json_from_the_clipboard(qtbot, window):
    QGuiApplication.clipboard().setText(json.dumps([profile(1), profile(2)]))
    window.activateWindow()
    wait_loaded(qtbot, window, lambda: qtbot.keyClick(
        window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
    assert window.windowTitle() == "Clipboard - Audience Viewer"
    assert window.summary.text().startswith("Clipboard · array · 2 profiles")
    assert selected_integration_id(window) == "URN0001"
    assert not window.window_actions.reload.isEnabled()
    assert RecentFiles().paths() == []


def test_empty_clipboard_says_so(window):
    QGuiApplication.clipboard().clear()
    window.window_actions.paste.trigger()
    notice = window.findChild(QMessageBox, "clipboardEmptyNotice")
    assert notice is not None and notice.isVisible()
    assert "no text" in notice.text()
    assert window.pages.currentIndex() == 0


def test_clipboard_text_that_is_not_json_shows_the_error(qtbot, window):
    QGuiApplication.clipboard().setText("Dear customer, <b>hello</b>")
    with qtbot.waitSignal(window.loadFailed, timeout=10000):
        window.window_actions.paste.trigger()
    box = window.findChild(QMessageBox, "loadErrorDialog")
    assert box.text() == "Could not open the clipboard text"
    assert box.windowTitle() == "Could not open the clipboard text"


# -- remembered layout -----------------------------------------------------------------------
def test_geometry_splitters_and_column_widths_persist(qtbot, make_window, customers):
    first = make_window()
    wait_loaded(qtbot, first, lambda: first.open_files([customers]))
    first.resize(760, 540)  # the offscreen screen is 800 x 600; restoring clamps to it
    first.splitter.setSizes([300, 700])
    first.detail_splitter.setSizes([200, 380])
    first.table.setColumnWidth(1, 333)
    main_sizes, detail_sizes = first.splitter.sizes(), first.detail_splitter.sizes()
    first.close()

    second = make_window()
    assert (second.width(), second.height()) == (760, 540)
    assert second.table.columnWidth(1) == 333
    assert second.table.horizontalHeader().sortIndicatorSection() == -1  # file order, always
    wait_loaded(qtbot, second, lambda: second.open_files([customers]))
    assert second.splitter.sizes() == main_sizes
    assert second.detail_splitter.sizes() == detail_sizes


def test_single_profile_file_does_not_forget_the_list_width(qtbot, make_window, tmp_path, customers):
    first = make_window()
    first.resize(760, 540)
    wait_loaded(qtbot, first, lambda: first.open_files([customers]))
    first.splitter.setSizes([300, 460])
    sizes = first.splitter.sizes()
    wait_loaded(qtbot, first, lambda: first.open_files([write(tmp_path / "one.json", [profile(1)])]))
    first.close()
    second = make_window()
    wait_loaded(qtbot, second, lambda: second.open_files([customers]))
    assert second.splitter.sizes() == sizes


# -- reload ----------------------------------------------------------------------------------
def test_changed_file_offers_reload_and_keeps_the_selection(qtbot, window, tmp_path):
    path = tmp_path / "customers.json"
    write(path, [profile(n) for n in range(5)])
    wait_loaded(qtbot, window, lambda: window.open_files([str(path)]))
    window.select_profile(2)
    assert selected_integration_id(window) == "URN0002"
    bar = window.findChild(QLabel, "reloadMessage").parentWidget()
    assert bar.objectName() == "reloadBar" and not bar.isVisible()
    # Two profiles inserted before it: it is matched by identity, not by position.
    write(path, [profile(90), profile(91)] + [profile(n, totalSales=1.5) for n in range(5)])
    qtbot.waitUntil(bar.isVisible, timeout=10000)
    assert window.findChild(QLabel, "reloadMessage").text().startswith("customers.json has changed on disk")
    assert window.model.rowCount() == 5  # nothing reloaded behind the person's back
    wait_loaded(qtbot, window, lambda: qtbot.mouseClick(bar.findChild(object, "reloadButton"),
                                                        Qt.MouseButton.LeftButton))
    assert window.model.rowCount() == 7
    assert selected_integration_id(window) == "URN0002"
    assert window.profile.total_sales == 1.5
    assert not bar.isVisible()


def test_f5_reloads_any_time_and_falls_back_to_the_position(qtbot, window, tmp_path):
    path = tmp_path / "customers.json"
    write(path, [profile(n) for n in range(5)])
    wait_loaded(qtbot, window, lambda: window.open_files([str(path)]))
    window.select_profile(3)
    write(path, [profile(n) for n in range(5) if n != 3])  # the selected profile is gone
    window.activateWindow()
    wait_loaded(qtbot, window, lambda: qtbot.keyClick(window, Qt.Key.Key_F5))
    assert window.model.rowCount() == 4
    assert selected_integration_id(window) == "URN0004"  # now at position 3


def test_reload_keeps_the_search(qtbot, window, customers):
    with qtbot.waitSignals([window.fileLoaded, window.indexBuilt], timeout=20000):
        window.open_files([customers])
    qtbot.keyClicks(window.search, "URN0003")
    with qtbot.waitSignals([window.fileLoaded, window.indexBuilt], timeout=20000):
        window.window_actions.reload.trigger()
    assert window.search.text() == "URN0003"
    assert window.count_label.text() == "1 of 5 profiles"
    assert selected_integration_id(window) == "URN0003"


def test_deleted_file_says_so_without_reload_button(qtbot, window, tmp_path):
    name = "<img src=x><b>bold.json"
    path = write(tmp_path / name, [profile(1), profile(2)])
    wait_loaded(qtbot, window, lambda: window.open_files([path]))
    assert window.windowTitle() == f"{name} - Audience Viewer"
    Path(path).unlink()
    message = window.findChild(QLabel, "reloadMessage")
    qtbot.waitUntil(message.isVisible, timeout=10000)
    assert message.textFormat() == Qt.TextFormat.PlainText
    assert message.text().startswith(f"{name} is no longer on disk")
    assert not window.reload_bar.reload_button.isVisible()


# -- title, shortcuts, About ---------------------------------------------------------------
def test_title_names_the_export(qtbot, window, tmp_path, customers):
    wait_loaded(qtbot, window, lambda: window.open_files([customers]))
    assert window.windowTitle() == "customers.json - Audience Viewer"
    more = [write(tmp_path / f"more-{n}.json", [profile(n)]) for n in range(2)]
    wait_loaded(qtbot, window, lambda: window.open_files([customers, *more]))
    assert window.windowTitle() == "customers.json + 2 more - Audience Viewer"
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.windowTitle() == "Audience Viewer"
    assert window.pages.currentWidget() is window.welcome


def test_standard_shortcuts(window):
    shortcuts = {
        action.objectName(): action.shortcut().toString()
        for action in (window.window_actions.open, window.window_actions.close, window.window_actions.quit, window.window_actions.reload,
                       window.window_actions.find, window.window_actions.search, window.window_actions.copy, window.window_actions.paste)
    }
    assert shortcuts == {
        "openAction": "Ctrl+O", "closeAction": "Ctrl+W", "quitAction": "Ctrl+Q", "reloadAction": "F5",
        "findAction": "Ctrl+F", "searchAction": "Ctrl+L", "copyAction": "Ctrl+C",
        "openClipboardAction": "Ctrl+Shift+V",
    }
    assert window.window_actions.quit in window.menus.file.actions()


def test_ctrl_q_closes_the_window(qtbot, window):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_about_shows_the_version_as_plain_text(window):
    window.window_actions.about.trigger()
    box = window.findChild(QMessageBox, "aboutDialog")
    assert box.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text().startswith(f"Audience Viewer {viewer.__version__}\n")
    assert window.window_actions.about in window.menus.help.actions()


# -- platform --------------------------------------------------------------------------------
def test_macos_file_open_event_opens_the_file(qtbot, window, customers):
    app = QApplication.instance()
    opener = connect_file_open_events(app, window)
    try:
        wait_loaded(qtbot, window, lambda: QApplication.sendEvent(app, QFileOpenEvent(customers)))
    finally:
        app.removeEventFilter(opener)
    assert window.windowTitle() == "customers.json - Audience Viewer"


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.AlternateBase, "#333333"),
        (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.Button, "#3a3a3a"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.PlaceholderText, "#9a9a9a"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def mean_lightness(image) -> float:
    step = 7
    values = [image.pixelColor(x, y).lightnessF()
              for x in range(0, image.width(), step) for y in range(0, image.height(), step)]
    return sum(values) / len(values)


def test_follows_a_dark_palette(qtbot, window, customers):
    app = QApplication.instance()
    old = app.palette()
    app.setPalette(dark_palette())
    try:
        qtbot.waitUntil(lambda: window.welcome.palette().color(QPalette.ColorRole.Window) == QColor("#2b2b2b"))
        assert mean_lightness(window.grab().toImage()) < 0.35  # the welcome page
        wait_loaded(qtbot, window, lambda: window.open_files([customers]))
        window.reload_bar.offer("customers.json")
        assert mean_lightness(window.grab().toImage()) < 0.35
    finally:
        app.setPalette(old)
        qtbot.waitUntil(lambda: window.palette().color(QPalette.ColorRole.Window) == old.color(QPalette.ColorRole.Window))


def test_ctrl_f_and_ctrl_c_work_from_inside_the_attribute_tree(qtbot, tmp_path):
    """The window's Ctrl+F / Ctrl+C and the tree's own keys must not cancel each other out."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QLineEdit, QTreeView

    from viewer.desktop.resources import sample_export_path
    from viewer.ui.window.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.fileLoaded, timeout=20000):
        win.open_files([str(sample_export_path())])
    win.activateWindow()
    tree = win.findChild(QTreeView, "attributeTree")
    tree.setFocus()
    tree.setCurrentIndex(tree.model().index(0, 0))  # the first attribute: Name
    qtbot.waitUntil(tree.hasFocus)
    qtbot.keyClick(tree, "c", Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == win.result.export.profiles[0].attributes["Name"]
    qtbot.keyClick(tree, "f", Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(win.findChild(QLineEdit, "attributeFilter").hasFocus)
    win.worker.cancel(quiet=True)
    win.worker.wait(10)


def test_pages_opened_together_come_back_together_from_recent_files(qtbot, window, tmp_path):
    first = write(tmp_path / "page1.json", {"data": [profile(n) for n in range(3)], "hasMore": True})
    second = write(tmp_path / "page2.json", {"data": [profile(n) for n in range(3, 5)], "hasMore": False})
    wait_loaded(qtbot, window, lambda: window.open_files([first, second]))
    window.close_export()
    recent = window.findChild(QListWidget, "welcomeRecentList")
    assert recent.item(0).text().startswith("page1.json + 1 more")
    window.recent_menu.refresh()  # as when the menu opens
    assert window.recent_menu.recent_paths() == [f"{first}\n{second}"]
    wait_loaded(qtbot, window, lambda: window.welcome.recentRequested.emit(recent.item(0).data(PathRole)))
    assert window.count_label.text() == "5 of 5 profiles"
