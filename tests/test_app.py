"""``audience-viewer`` launched as a subprocess: console options, then the window path."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import viewer

REPO = Path(__file__).resolve().parents[1]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env["AUDIENCE_VIEWER_SETTINGS"] = str(tmp_path / "settings.ini")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env.update(extra)
    return env


def _no_display(env: dict[str, str]) -> dict[str, str]:
    """As on a server: no X11/Wayland display and no Qt platform chosen."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    return env


def _viewer(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "viewer", *args],
        env=env or _env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )


def _main_without_qt(tmp_path: Path, *args: str, stdout_none: bool = False) -> subprocess.CompletedProcess[str]:
    """Run main(args) in-process and fail if it imported PySide6."""
    code = textwrap.dedent(f"""
        import sys
        {"sys.stdout = sys.stderr = None" if stdout_none else ""}
        from viewer.app import main
        rc = main({list(args)!r})
        if "PySide6" in sys.modules:
            raise SystemExit(99)
        raise SystemExit(rc)
    """)
    env = _no_display(_env(tmp_path))
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)


def test_version_without_a_display(tmp_path: Path) -> None:
    done = _viewer(tmp_path, "--version", env=_no_display(_env(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"audience-viewer {viewer.__version__}" == "audience-viewer 0.1.0"


def test_help_lists_the_options(tmp_path: Path) -> None:
    done = _viewer(tmp_path, "--help", env=_no_display(_env(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: audience-viewer")
    for option in ("FILE", "--sample", "--check", "--version", "--install-desktop-entry", "--uninstall-desktop-entry"):
        assert option in done.stdout


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_console_options_do_not_import_qt(tmp_path: Path, args: list[str]) -> None:
    done = _main_without_qt(tmp_path, *args)
    assert done.returncode == 0, (done.returncode, done.stderr)
    assert done.stdout


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["--no-such-option"]])
def test_no_console_at_all_does_not_crash(tmp_path: Path, args: list[str]) -> None:
    """A Windows gui-script has sys.stdout = sys.stderr = None."""
    done = _main_without_qt(tmp_path, *args, stdout_none=True)
    assert done.returncode == (2 if args == ["--no-such-option"] else 0), done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--no-such-option"], "unrecognized arguments"),
        (["--check"], "--check needs at least one FILE"),
        (["--sample", "x.json"], "--sample opens the sample export on its own"),
        (["--install-desktop-entry", "--uninstall-desktop-entry"], "exclude each other"),
    ],
)
def test_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    done = _viewer(tmp_path, *args, env=_no_display(_env(tmp_path)))
    assert done.returncode == 2
    assert message in done.stderr and "usage: audience-viewer" in done.stderr


def test_check_clean_file_and_missing_file(tmp_path: Path) -> None:
    clean = tmp_path / "clean.json"
    clean.write_text('[{"id": 1, "created": "2020-02-07T08:15:22Z", "integrationId": "URN1", "attributes": {},'
                     ' "accountId": 31, "closedSessions": 0, "totalSales": 0, "lastActivity": "2020-02-07T08:15:22Z"}]')
    done = _main_without_qt(tmp_path, "--check", str(clean))
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert done.stdout.strip()

    done = _viewer(tmp_path, "--check", str(tmp_path / "missing.json"), env=_no_display(_env(tmp_path)))
    assert done.returncode not in (0, 99)
    assert "missing.json" in done.stdout + done.stderr


def test_check_finds_the_sample_problem(tmp_path: Path) -> None:
    done = _viewer(tmp_path, "--check", "--sample", env=_no_display(_env(tmp_path)))
    assert "12,50" in done.stdout or "totalSales" in done.stdout, done.stdout


STAND_IN = textwrap.dedent("""
    # A stand-in for viewer.ui.window.main_window: records what the app hands to the window.
    import sys, types
    from PySide6.QtCore import Signal, QTimer, QCoreApplication
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMainWindow, QLabel

    class MainWindow(QMainWindow):
        fileLoaded = Signal()
        newWindowRequested = Signal()
        quitRequested = Signal()
        closed = Signal()
        def stop_work(self):
            pass
        def __init__(self):
            super().__init__()
            self.setCentralWidget(QLabel("stand-in"))
        def open_files(self, paths):
            print("open_files", paths, flush=True)
            QTimer.singleShot(50, self.fileLoaded.emit)
        def showEvent(self, event):
            app = QCoreApplication.instance()
            print("names", app.organizationName(), "|", app.applicationName(), "|",
                  QGuiApplication.applicationDisplayName(), "|", QGuiApplication.desktopFileName(), flush=True)
            print("icon", not app.windowIcon().isNull(), sorted(s.width() for s in app.windowIcon().availableSizes()), flush=True)
            super().showEvent(event)

    module = types.ModuleType("viewer.ui.window.main_window")
    module.MainWindow = MainWindow
    sys.modules["viewer.ui.window.main_window"] = module
    from viewer.app import main
    raise SystemExit(main(sys.argv[1:]))
""")


def _stand_in(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = _env(tmp_path, QT_QPA_PLATFORM="offscreen", AUDIENCE_VIEWER_BENCH_EXIT_AFTER_PAINT="1")
    command = [sys.executable, "-c", STAND_IN, *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def test_window_path_sets_up_the_application(tmp_path: Path) -> None:
    done = _stand_in(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "names Talon.One community | Audience Viewer | Audience Viewer | one.talon.AudienceViewer" in done.stdout
    assert "icon True [16, 32, 48, 64, 128, 256]" in done.stdout
    assert "open_files" not in done.stdout  # no file: the welcome page stays
    assert "bench first-paint" in done.stdout


def test_sample_and_files_are_handed_to_the_window(tmp_path: Path) -> None:
    from viewer.desktop.resources import sample_companion_paths, sample_export_path

    done = _stand_in(tmp_path, "--sample")
    assert done.returncode == 0, done.stderr
    sample = [str(sample_export_path()), *map(str, sample_companion_paths())]  # with its CSV files
    assert len(sample) == 5 and f"open_files {sample}" in done.stdout
    assert "bench loaded-paint" in done.stdout

    pages = [str(tmp_path / "page-1.json"), str(tmp_path / "page-2.json")]
    done = _stand_in(tmp_path, *pages)
    assert done.returncode == 0, done.stderr
    assert f"open_files {pages}" in done.stdout


def test_real_window_opens_the_sample(tmp_path: Path) -> None:
    env = _env(tmp_path, QT_QPA_PLATFORM="offscreen", AUDIENCE_VIEWER_BENCH_EXIT_AFTER_PAINT="1")
    done = _viewer(tmp_path, "--sample", env=env)
    assert done.returncode == 0, done.stderr
    assert "bench first-paint" in done.stdout and "bench loaded-paint" in done.stdout


QUIT_DURING_LOAD = textwrap.dedent("""
    # The real app with a load that never ends, and an exit hook that joins the load's thread
    # (as concurrent.futures' does): quitting must not wait for either.
    import atexit, sys, threading
    from PySide6.QtCore import QTimer
    import viewer.ui.window.loading as loading
    import viewer.ui.window.main_window as main_window

    forever, started = threading.Event(), threading.Event()

    def endless_load(task, paths, data, *_shown):
        print("loading", flush=True)
        started.set()
        forever.wait()

    def join_loads():
        for thread in threading.enumerate():
            if thread.name.startswith("task-"):
                thread.join()

    atexit.register(join_loads)
    loading._load = endless_load
    windows = []

    class MainWindow(main_window.MainWindow):
        def __init__(self):
            super().__init__()
            windows.append(self)
            if len(windows) == 1:
                QTimer.singleShot(0, self.window_actions.new_window.trigger)

        def open_files(self, paths):
            super().open_files(paths)
            QTimer.singleShot(0, quit_from_second_window)

    def quit_from_second_window():
        started.wait(30)
        print("windows", sum(w.isVisible() for w in windows), flush=True)
        windows[1].window_actions.quit.trigger()

    main_window.MainWindow = MainWindow
    from viewer.app import main
    raise SystemExit(main(sys.argv[1:]))
""")


def test_quitting_during_a_load_ends_every_window_without_waiting(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("[]", encoding="utf-8")
    env = _env(tmp_path, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-c", QUIT_DURING_LOAD, str(tmp_path / "a.json")]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the app waited for the load after Quit instead of exiting")
    assert done.returncode == 0, done.stderr
    assert "loading" in done.stdout and "windows 2" in done.stdout
