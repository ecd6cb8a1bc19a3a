"""``audience-viewer`` / ``python -m viewer``: the command line, then the window.

Only the window path imports Qt: ``--version``, ``--help``, ``--check`` and the
desktop-entry options work on a machine without a display (or without Qt).

Benchmark hook: with ``AUDIENCE_VIEWER_BENCH_EXIT_AFTER_PAINT=1`` in the
environment the app prints ``bench first-paint <seconds>`` once the window has
first been painted (seconds since the process started) and, when files were
given, ``bench loaded-paint <seconds>`` at the first paint after ``fileLoaded``,
then quits. ``tests/benchmarks/bench_startup.py`` uses it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence

from viewer import __version__

_IMPORTED = time.perf_counter()
BENCH_ENV = "AUDIENCE_VIEWER_BENCH_EXIT_AFTER_PAINT"
_CONSOLE_OPTIONS = {"-h", "--help", "--version", "--check", "--summary", "--compare", "--export", "--query", "--count",
                    "--install-desktop-entry", "--uninstall-desktop-entry"}


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``audience-viewer``."""
    parser = argparse.ArgumentParser(
        prog="audience-viewer",
        description="View Talon.One customer-profile exports: JSON, JSON Lines, saved API pages.",
        epilog="Several FILEs open as one export (e.g. the saved pages of one listing).",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="export files to open")
    parser.add_argument("--sample", action="store_true", help="open the bundled sample export")
    parser.add_argument(
        "--check", action="store_true", help="check FILE... without opening a window and print what was found"
    )
    parser.add_argument(
        "--summary", action="store_true",
        help="print the overview of FILE... (key figures, audiences, attributes) without opening a window",
    )
    parser.add_argument(
        "--compare", nargs=2, metavar=("OLD", "NEW"),
        help="compare two exports without opening a window: exit 0 same, 1 different, 2 unreadable",
    )
    parser.add_argument(
        "--json", action="store_true", help="with a console command (--check, ...): print one JSON object"
    )
    parser.add_argument(
        "--query", metavar="QUERY", help="print the profiles of FILE... that QUERY selects as NDJSON (the search "
        "box's language) instead of opening a window: exit 0 some matched, 1 none, 2 unreadable or invalid query",
    )
    parser.add_argument("--count", action="store_true", help="with --query (or alone): print only the number "
                        "of matching profiles")
    parser.add_argument(
        "--export", metavar="OUT", help="write the profiles of FILE... (those --query selects) to OUT.csv, "
        "OUT.ndjson or OUT.json instead of opening a window: exit 0 written, 1 none matched, 2 unreadable",
    )
    parser.add_argument("--bom", action="store_true", help="with --export to a .csv file: start it with a "
                        "byte-order mark, for spreadsheet programs that need one to read UTF-8")
    parser.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add the menu entry, icon and .json/.ndjson/.json.gz file associations for this user (Linux)",
    )
    parser.add_argument(
        "--make-default",
        action="store_true",
        help="with --install-desktop-entry: also make the viewer the default app for .json and .ndjson files",
    )
    parser.add_argument(
        "--uninstall-desktop-entry", action="store_true", help="remove what --install-desktop-entry added"
    )
    parser.add_argument("--version", action="version", version=f"audience-viewer {__version__}")
    return parser


def _ensure_streams(args: Sequence[str]) -> None:
    """Give print() somewhere to go when started as a Windows gui-script (no console).

    There sys.stdout and sys.stderr are None. For console-style options attach
    to the console of the shell that started us; otherwise discard the output.
    """
    if sys.stdout is not None and sys.stderr is not None:
        return
    stream = None
    if sys.platform == "win32" and _CONSOLE_OPTIONS.intersection(args):
        try:
            import ctypes

            if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
                stream = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
        except (OSError, AttributeError):
            stream = None
    if stream is None:
        stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives as long as the process)
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream


def _query_value_glued(args: list[str]) -> list[str]:
    """``--query -audience:VIP`` as ``--query=-audience:VIP``: argparse reads a leading ``-`` as an option."""
    for i, arg in enumerate(args[:-1]):
        value = args[i + 1]
        if arg == "--query" and value.startswith("-") and not value.startswith("--") and value != "-":
            return [*args[:i], f"--query={value}", *args[i + 2 :]]
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the viewer (or a console command); return the process exit status."""
    try:
        return _main(argv)
    except BrokenPipeError:  # ``--query ... | head``: the reader has all it wanted, which is no error
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's flush at exit finds no pipe
        except (OSError, ValueError, AttributeError):
            pass
        return 0


def _main(argv: list[str] | None) -> int:
    args_list = _query_value_glued(sys.argv[1:] if argv is None else list(argv))
    _ensure_streams(args_list)
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
        if args.install_desktop_entry and args.uninstall_desktop_entry:
            parser.error("--install-desktop-entry and --uninstall-desktop-entry exclude each other")
        if args.make_default and not args.install_desktop_entry:
            parser.error("--make-default goes with --install-desktop-entry")
        if args.sample and args.files and not (args.check or args.summary or args.export or args.query is not None):
            parser.error("--sample opens the sample export on its own; leave out FILE")
        if args.check and not (args.files or args.sample):
            parser.error("--check needs at least one FILE")
        if args.summary and not (args.files or args.sample):
            parser.error("--summary needs at least one FILE")
        if args.export and not (args.files or args.sample):
            parser.error("--export needs at least one FILE")
        if args.bom and not args.export:
            parser.error("--bom goes with --export")
        if (args.query is not None or args.count) and not (args.files or args.sample):
            parser.error("--query and --count need at least one FILE")
    except SystemExit as exit_:  # --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    if "-" in args.files or "-" in (args.compare or ()):
        from viewer.cli.standard_input import read_standard_input  # "-" as a FILE: standard input, once

        try:
            names = read_standard_input([*args.files, *(args.compare or ())])
        except OSError as error:
            print(f"audience-viewer: {error}", file=sys.stderr)
            return 2
        args.files, args.compare = names[: len(args.files)], names[len(args.files):] or args.compare

    if args.install_desktop_entry or args.uninstall_desktop_entry:
        from viewer.desktop import entry as desktop_entry

        try:
            if args.install_desktop_entry:
                desktop_entry.install(make_default=args.make_default, out=print)
            else:
                desktop_entry.uninstall(out=print)
        except (desktop_entry.DesktopEntryError, OSError) as error:
            print(f"audience-viewer: {error}", file=sys.stderr)
            return 1
        return 0

    if args.compare:
        if args.files or args.sample:
            print("audience-viewer: --compare takes exactly two files, OLD and NEW", file=sys.stderr)
            return 2
        from viewer.cli.compare import compare_files

        old, new = args.compare
        return compare_files(old, new, out=sys.stdout, err=sys.stderr, as_json=args.json)
    paths = [os.fspath(path) for path in args.files]
    if args.sample:
        from viewer.desktop.resources import sample_companion_paths, sample_export_path

        paths.append(str(sample_export_path()))
        paths.extend(str(path) for path in sample_companion_paths())
    if args.export:
        from viewer.cli.export import export_files

        return export_files(paths, args.export, query=getattr(args, "query", None), bom=args.bom,
                            out=sys.stdout, err=sys.stderr)
    if args.check:
        from viewer.cli.check import check  # imported only when asked for

        return int(check(paths, out=sys.stdout, as_json=args.json))
    if args.summary:
        from viewer.cli.summary import run_summary

        return run_summary(paths, out=sys.stdout, as_json=args.json)
    if args.query is not None or args.count:
        from viewer.cli.query import run_query

        return run_query(paths, args.query or "", count=args.count, out=sys.stdout, err=sys.stderr)
    return _run_gui(paths)


def _run_gui(paths: list[str]) -> int:
    """Create the application and the main window, open ``paths``, run the event loop."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from viewer.desktop.resources import APP_ID
    from viewer.ui.widgets.app_icon import application_icon
    from viewer.ui.window import settings

    QApplication.setOrganizationName(settings.ORGANIZATION)
    QApplication.setOrganizationDomain(settings.ORGANIZATION_DOMAIN)
    QApplication.setApplicationName(settings.APPLICATION)
    QApplication.setApplicationVersion(__version__)
    # Wayland app-id / taskbar grouping: must match the installed .desktop file's name.
    QGuiApplication.setDesktopFileName(APP_ID)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1] or ["audience-viewer"])
    app.setApplicationDisplayName("Audience Viewer")
    app.setWindowIcon(application_icon())

    from viewer.ui.window.windows import WindowSet

    windows = WindowSet(app)  # holds every window (File > New Window) for as long as it is open
    window = windows.new_window()
    if sys.platform == "darwin":
        # Finder's "Open with" arrives as QFileOpenEvent; elsewhere files come as arguments.
        # Only here: an application-wide Python event filter costs a call per event.
        connect_file_open_events(app, window)
    if os.environ.get(BENCH_ENV):
        _install_bench_hook(app, window, wait_for_file=bool(paths))
    if paths:
        window.open_files(paths)
    status = app.exec()
    windows.stop_all()
    _exit_without_waiting(status)
    return status


def _exit_without_waiting(status: int) -> None:
    """End the process now when background work is still running; else just return.

    A load or an index build cut short by quitting runs on in a daemon thread.
    Python's shutdown would share the GIL with it while it tears down the
    half-built export, and an exit hook that joins threads would wait for it
    to finish: quitting then took up to a couple of seconds after the window
    had gone. Settings are written (and synced) as they change, so nothing is
    lost by skipping the teardown. Without live workers the normal exit runs
    (it hands the clipboard over to the desktop's clipboard manager).
    """
    import threading

    if not any(thread.daemon and thread.is_alive() for thread in threading.enumerate()):
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)


def connect_file_open_events(app, window):  # noqa: ANN001, ANN201 (Qt types imported lazily)
    """Open the files of macOS "Open with" events (QFileOpenEvent) in ``window``; return the filter."""
    from viewer.ui.window.file_open import FileOpenFilter

    opener = FileOpenFilter(app)
    opener.openRequested.connect(window.open_files)
    app.installEventFilter(opener)
    return opener


def seconds_since_process_start() -> float:
    """Seconds since this process started (Linux /proc, 10 ms steps), else since import."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])  # field 22: starttime
        with open("/proc/uptime", encoding="ascii") as uptime:
            now = float(uptime.read().split()[0])
        return now - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return time.perf_counter() - _IMPORTED


def _install_bench_hook(app, window, *, wait_for_file: bool) -> None:  # noqa: ANN001 (Qt types imported lazily)
    """The benchmark hook described in the module docstring."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget

    class PaintSpy(QObject):
        def __init__(self) -> None:
            super().__init__(app)
            self.painted = False
            self.loaded = not wait_for_file
            self.reported = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget) or watched.window() is not window:
                return False
            if not self.painted:
                self.painted = True
                print(f"bench first-paint {seconds_since_process_start():.3f}", flush=True)
            if self.loaded and not self.reported:
                self.reported = True
                if wait_for_file:
                    print(f"bench loaded-paint {seconds_since_process_start():.3f}", flush=True)
                QTimer.singleShot(0, app.quit)
            return False

        def file_loaded(self, *_args: object) -> None:
            self.loaded = True
            QTimer.singleShot(0, window.update)  # make sure a paint follows the load

    spy = PaintSpy()
    app.installEventFilter(spy)
    if wait_for_file and hasattr(window, "fileLoaded"):
        window.fileLoaded.connect(spy.file_loaded)
    QTimer.singleShot(120_000, lambda: (print("bench timeout", flush=True), app.exit(1)))
