"""Loading an export off the GUI thread, with progress, cancellation and indexing.

``LoadWorker.start(paths)`` runs ``viewer.load`` in a plain ``threading.Thread``
and hands the export to the GUI thread through a queued signal (``loaded``);
the same thread then builds the search index and hands it over (``indexed``),
so the profiles are on screen a second or two before search is ready. A newer
``start`` cancels the request still running; results of a cancelled request
are dropped, so only the newest load lands.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot

import viewer
from viewer.query.search_index import ProfileSearchIndex, audience_names
from viewer.reading.gc_pause import collector_paused

_PROGRESS_STEPS = 1000
_PROGRESS_INTERVAL = 0.05  # seconds between progress signals: no flood of queued events
_YIELD_SECONDS = 0.003
_GUI_FIRST_SECONDS = 0.2


@dataclass
class LoadResult:
    """What one finished load hands to the window; ``index`` arrives a little later."""

    paths: list[str]
    export: viewer.Export
    audience_names: dict[int, str] = field(default_factory=dict)
    index: ProfileSearchIndex | None = None


class _Bridge(QObject):
    """Lives in the GUI thread; the worker thread emits on it (queued delivery)."""

    progressed = Signal(int, int, int)  # request, done, total
    finished = Signal(int, object)  # request, LoadResult | BaseException
    indexed = Signal(int, object)  # request, ProfileSearchIndex


def _yield_to_gui() -> None:
    """Let the GUI thread run its Python callbacks without waiting for the GIL.

    A view painting a Python model makes hundreds of short calls into Python,
    and each has to win the GIL back from a busy worker: up to one switch
    interval (5 ms) apiece, which turns one repaint into a second-long freeze.
    A short sleep between steps of the worker gives the GUI whole windows of
    uncontended time instead.
    """
    time.sleep(_YIELD_SECONDS)


def _build_index(export: viewer.Export, names: dict[int, str], stop: threading.Event) -> ProfileSearchIndex:
    # The index adds some 300,000 long-lived strings: with the collector running,
    # full collections over the freshly loaded export would stall every thread.
    def cancelled() -> bool:
        _yield_to_gui()
        return stop.is_set()

    with collector_paused():
        return ProfileSearchIndex.build(export.profiles, cancelled=cancelled, names=names)


class LoadWorker(QObject):
    """Runs one load at a time in a background thread."""

    started = Signal(list)  # paths
    progressChanged = Signal(int, int)  # done, total
    loaded = Signal(object)  # LoadResult, index still None
    indexed = Signal(object)  # the same LoadResult, index set
    failed = Signal(object, list)  # exception (LoadError or other), paths
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bridge = _Bridge(self)
        self._bridge.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._bridge.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._bridge.indexed.connect(self._on_indexed, Qt.ConnectionType.QueuedConnection)
        self._request = 0
        self._cancel: threading.Event | None = None
        self._loading = False
        self._result: LoadResult | None = None
        self._paths: list[str] = []
        self._threads: list[threading.Thread] = []  # the running one and any still winding down

    def is_loading(self) -> bool:
        """Whether a load (not counting its indexing) is in progress."""
        return self._loading

    def start(self, paths: list[str], data: bytes | None = None) -> None:
        """Load ``paths`` as one export, cancelling any load or indexing still running.

        With ``data`` the export is read from those bytes and ``paths`` only names it
        (``["Clipboard"]``) in the result and in error messages.
        """
        self.cancel(quiet=True)
        self._request += 1
        self._cancel = threading.Event()
        self._loading = True
        self._paths = list(paths)
        thread = threading.Thread(
            target=self._run,
            args=(self._request, list(paths), self._cancel, data),
            name=f"load-{self._request}",
            daemon=True,
        )
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        self.started.emit(list(paths))
        thread.start()

    @Slot()
    def cancel(self, quiet: bool = False) -> None:
        """Stop the running load or indexing; its result, if any, is dropped."""
        if self._cancel is None:
            return
        self._cancel.set()
        self._cancel = None
        was_loading, self._loading = self._loading, False
        if was_loading and not quiet:
            self.cancelled.emit()

    def wait(self, timeout: float | None = None) -> None:
        """Block until every started thread, cancelled ones included, has ended (tests, shutdown)."""
        for thread in self._threads:
            thread.join(timeout)
        self._threads = [t for t in self._threads if t.is_alive()]

    def _run(self, request: int, paths: list[str], stop: threading.Event, data: bytes | None = None) -> None:
        last = [0.0]

        def progress(done: int, total: int) -> None:
            _yield_to_gui()
            now = time.monotonic()
            if now - last[0] >= _PROGRESS_INTERVAL:
                last[0] = now
                step = _PROGRESS_STEPS * done // total if total > 0 else 0
                self._bridge.progressed.emit(request, min(step, _PROGRESS_STEPS), _PROGRESS_STEPS)

        try:
            source = data if data is not None else paths[0] if len(paths) == 1 else paths
            export = viewer.load(source, progress=progress, cancelled=stop.is_set)
            export.problems_for(0)  # groups the problems by profile here, not on the GUI thread
            names = audience_names(export.profiles)
            result: object = LoadResult(paths, export, names)
        except BaseException as exc:  # noqa: BLE001 - every failure goes to the window
            self._bridge.finished.emit(request, exc)
            return
        self._bridge.finished.emit(request, result)
        # The GUI thread now fills the table and paints it: hundreds of calls into
        # Python that would each wait for the GIL behind the indexing. Let it first.
        time.sleep(_GUI_FIRST_SECONDS)
        try:
            index = _build_index(export, names, stop)
        except viewer.LoadCancelled:
            return
        self._bridge.indexed.emit(request, index)

    @Slot(int, int, int)
    def _on_progress(self, request: int, done: int, total: int) -> None:
        if request == self._request and self._loading:
            self.progressChanged.emit(done, total)

    @Slot(int, object)
    def _on_finished(self, request: int, result: object) -> None:
        if request != self._request or not self._loading:
            return  # superseded or cancelled: the window keeps what it shows
        self._loading = False
        if isinstance(result, LoadResult):
            self._result = result
            self.loaded.emit(result)
            return
        self._cancel = None
        if isinstance(result, viewer.LoadCancelled):
            self.cancelled.emit()
        else:
            self.failed.emit(result, self._paths)

    @Slot(int, object)
    def _on_indexed(self, request: int, index: object) -> None:
        if request != self._request or self._cancel is None or self._result is None:
            return
        self._cancel = None
        self._result.index = index  # type: ignore[assignment]
        self.indexed.emit(self._result)


def describe_load_error(error: BaseException, paths: list[str]) -> tuple[str, str, str]:
    """Plain texts for a failed load: headline, explanation, and a monospace detail.

    The detail shows the offending line with a caret under the column, trimmed
    around the column so a minified 100 MB line stays readable.
    """
    name = Path(paths[0]).name if paths else "the file"
    if len(paths) > 1:
        name += f" + {len(paths) - 1} more"
    if not isinstance(error, viewer.LoadError):
        return f"Could not open {name}", f"Unexpected error: {type(error).__name__}: {error}", ""
    lines = [error.message]
    if error.source:
        lines.append(f"File: {error.source}")
    elif paths:
        lines.append(f"File: {paths[0]}")
    if error.line is not None:
        lines.append(f"Line {error.line}, column {error.column}")
    return f"Could not open {name}", "\n".join(lines), error.pointer()
