"""Loading an export off the GUI thread, with progress, cancellation and indexing.

``LoadWorker.start(paths)`` runs ``viewer.load`` through a task runner of its
own (``viewer.ui.tasks``, kind "load") and hands the export to the window
(``loaded``); then it builds the search index (kind "index") and hands that
over (``indexed``). The reader keeps the search text of every profile while it
decodes them (``search_text=True``), so the index is ready a moment after the
profiles are on screen: building it took 0.04 s for 100,000 profiles. A newer
``start`` cancels the load or indexing still running; the runner drops the
results of a cancelled request, so only the newest load lands.

The worker stands aside while the window is busy (``tasks.Pacer(while_busy=True)``), and both the
reading of the rest of a big file and the indexing wait for the paint of what the window was handed
(``_after_paint``): without them one repaint during a load froze the window for about a second.
Once search works, one thread (kind "late checks") at a third of the
interpreter notes the attribute keys (faster searches) and looks for the
duplicate keys of a big file (then ``lateProblems``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

import viewer
from viewer.query.completions import completion_words
from viewer.query.search_index import ProfileSearchIndex
from viewer.reading.gc_pause import collector_paused, give_back_freed_memory
from viewer.reading.loader import find_duplicate_keys
from viewer.ui.gui_clock import when_quiet
from viewer.ui.tasks import Pacer, Task, TaskRunner, paced_cancel

_PROGRESS_STEPS = 1000
_GUI_FIRST_SECONDS = 0.1  # at most: the first paint of the list, about 20-50 ms
QUIET_TICKS = 2  # GUI clock ticks in a row on time after a handover: the paints it set off are done
QUIET_LIMIT = 0.45  # at most this long (the reader's own limit, ``_PREVIEW_SECONDS``, is a little longer)
_PREVIEW_SECONDS = 0.5  # at most: the reader sleeps until the window has shown a big file's first profiles
_PREVIEW_POLL = 0.02  # while it sleeps it wakes this often to see whether it was cancelled
_LOAD, _INDEX, _LATE = "load", "index", "late checks"


@dataclass
class LoadResult:
    """What one finished load hands to the window; ``index`` arrives a little later."""

    paths: list[str]
    export: viewer.Export
    audience_names: dict[int, str] = field(default_factory=dict)
    index: ProfileSearchIndex | None = None
    completion_words: list[str] | None = None  # what the search box completes, read beside the index
    late_problems: list[viewer.Problem] = field(default_factory=list)  # found after the export showed


def _load(task: Task, paths: list[str], data: bytes | None, shown: threading.Event | None = None) -> LoadResult:
    """Runs in a worker thread: read the export (plain data only)."""

    pace = Pacer(while_busy=True)

    def progress(done: int, total: int) -> None:
        pace()
        step = _PROGRESS_STEPS * done // total if total > 0 else 0
        # never "full" here: the last part (the audience names) has no steps of its own
        task.progress(min(step, _PROGRESS_STEPS - 1), _PROGRESS_STEPS)  # rate-limited by the task

    source = data if data is not None else paths[0] if len(paths) == 1 else paths
    def preview(first: viewer.Export) -> None:
        task.partial(first)
        # Showing it (the list's first fill and paint) took 155 ms beside a busy reader and left a
        # 260 ms stall; with the reader asleep meanwhile the GUI thread has the interpreter to itself.
        # A fixed 0.15 s could end before the window even began (its turn came late): the list then painted
        # beside the reader, a 161 ms stall. So the reader sleeps until the window has painted them.
        if shown is not None:
            _until_painted(task, shown, _PREVIEW_SECONDS)

    export = viewer.load(source, progress=progress, cancelled=task.cancelled, search_text=True, preview=preview)
    task.progress(0, 0, force=True)  # busy until the export is on screen: no full bar while work goes on
    export.problems_for(0)  # groups the problems by profile here, not on the GUI thread
    return LoadResult(paths, export, export.audience_names())


def _until_painted(task: Task, shown: threading.Event, limit: float) -> None:
    """Sleep until the window has painted what it was handed (``shown``, see ``_after_paint``), at most
    ``limit`` seconds, waking every ``_PREVIEW_POLL`` to see whether ``task`` was cancelled."""
    deadline = time.monotonic() + limit
    while not shown.wait(_PREVIEW_POLL) and not task.cancelled() and time.monotonic() < deadline:
        pass


def _build_index(task: Task, result: LoadResult, shown: threading.Event | None = None) -> ProfileSearchIndex:
    """Runs in a worker thread, right after the export was handed to the window."""
    # The GUI thread now fills the table and paints it: hundreds of calls into
    # Python that would each wait for the GIL behind the indexing. Let it first.
    # One blocking wait, not a polling loop: a thread waking every few ms to check
    # would take the GIL from the GUI thread just while it paints.
    # (``shown``: set once it has, mostly well before.)
    if shown is None:
        task.pause(_GUI_FIRST_SECONDS)
    else:
        _until_painted(task, shown, _GUI_FIRST_SECONDS)

    pace = Pacer(while_busy=True)

    def cancelled() -> bool:  # polled every 250 profiles
        pace()
        return task.cancelled()

    # The index adds some 100,000 long-lived objects: with the collector running,
    # full collections over the freshly loaded export would stall every thread.
    with collector_paused():
        index = ProfileSearchIndex.build(result.export.profiles, cancelled=cancelled, names=result.audience_names)
    # here, not as the index is handed over: building the 500 profiles it samples, read back from the file,
    # held the GUI thread 40 ms
    result.completion_words = completion_words(result.export.profiles)
    return index


def _late_checks(task: Task, result: LoadResult) -> list[viewer.Problem]:
    """Runs in a worker thread once search works: each audience's profiles and the attribute keys that make
    most searches faster (``ProfileSearchIndex.learn_keys``: for 20,000 profiles or more the list has begun
    them itself the moment search works, and this call then waits for it), then the duplicate keys of a
    file too big to look while loading.

    One thread for both: beside the overview's worker, a second background
    thread starved the GUI thread of the interpreter for up to a second.
    """
    cancelled = paced_cancel(task)  # nobody waits for this look
    if result.index is not None:
        result.index.audience_members(cancelled)  # an audience bar's click then lists its profiles at once
        result.index.learn_keys(cancelled)
    found: list[viewer.Problem] = []
    if not result.export.duplicate_keys_checked:
        with collector_paused():
            found = find_duplicate_keys(result.export.profiles, cancelled)
    # the look's temporary runs of text leave their pages with the process: for 100,000 profiles (87 MB) the
    # audiences' members and this look left the window 11 MB bigger (0.13 times the file), 1 MB with them given back
    give_back_freed_memory()
    return found


class LoadWorker(QObject):
    """Runs one load (then its indexing) at a time in the background."""

    started = Signal(list)  # paths
    progressChanged = Signal(int, int)  # done, total
    previewed = Signal(object)  # an Export of the first profiles of a big file, while the rest is read
    loaded = Signal(object)  # LoadResult, index still None
    indexed = Signal(object)  # the same LoadResult, index set
    lateProblems = Signal(object)  # the same LoadResult, late_problems set (duplicate keys of a big file, maybe none)
    failed = Signal(object, list)  # exception (LoadError or other), paths
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = TaskRunner(self)
        self._preview_shown = threading.Event()  # set by ``preview_shown``; the reader waits for it

    def is_loading(self) -> bool:
        """Whether a load (not counting its indexing) is in progress."""
        return self._tasks.is_busy(_LOAD)

    def start(self, paths: list[str], data: bytes | None = None) -> None:
        """Load ``paths`` as one export, cancelling any load or indexing still running.

        With ``data`` the export is read from those bytes and ``paths`` only names it
        (``["Clipboard"]``) in the result and in error messages.
        """
        self.cancel(quiet=True)
        paths = list(paths)
        self.started.emit(list(paths))
        self._preview_shown = threading.Event()
        self._tasks.submit(
            _LOAD, _load, paths, data, self._preview_shown,
            on_result=self._on_loaded,
            on_error=lambda error: self._on_failed(error, paths),
            on_progress=self.progressChanged.emit,
            on_partial=self._on_previewed,
        )

    @Slot()
    def preview_shown(self) -> None:
        """The window has painted the first profiles handed over (``previewed``): the reader goes on."""
        self._preview_shown.set()

    def _on_previewed(self, first: viewer.Export) -> None:
        self.previewed.emit(first)  # the window shows them (a direct call) ...
        _after_paint(self.preview_shown)  # ... and paints them before the reader goes on

    @Slot()
    def cancel(self, quiet: bool = False) -> None:
        """Stop the running load or indexing; its result, if any, is dropped."""
        was_loading = self.is_loading()
        self._tasks.cancel(_LOAD)
        self._tasks.cancel(_INDEX)
        self._tasks.cancel(_LATE)
        if was_loading and not quiet:
            self.cancelled.emit()

    def wait(self, timeout: float | None = None) -> None:
        """Block until every started thread, cancelled ones included, has ended (tests, shutdown)."""
        self._tasks.wait(timeout)

    def _on_loaded(self, result: LoadResult) -> None:
        # Submitted first, so a ``start`` or ``cancel`` by a receiver of ``loaded`` cancels it.
        shown = threading.Event()
        self._tasks.submit(_INDEX, _build_index, result, shown,
                           on_result=lambda index: self._on_indexed(result, index))
        self.loaded.emit(result)  # the window puts the export on screen (a direct call) ...
        _after_paint(shown.set)  # ... and paints it before the index is built

    def _on_failed(self, error: BaseException, paths: list[str]) -> None:
        if isinstance(error, viewer.LoadCancelled):
            self.cancelled.emit()
        else:
            self.failed.emit(error, paths)

    def _on_indexed(self, result: LoadResult, index: ProfileSearchIndex) -> None:
        result.index = index
        # the audiences' members and the duplicate keys of 87 MB (2 s): once search works
        self._tasks.submit(_LATE, _late_checks, result,
                           on_result=lambda problems: self._on_late_problems(result, problems))
        self.indexed.emit(result)

    def _on_late_problems(self, result: LoadResult, problems: list[viewer.Problem]) -> None:
        result.late_problems = problems
        if problems or not result.export.duplicate_keys_checked:  # the window said "checking…" until now
            self.lateProblems.emit(result)


BYTES_SOURCE = "<bytes>"  # what the reader names data given as bytes (the clipboard's text)
CLIPBOARD_NAME = "Clipboard"


def _at_start(error: viewer.LoadError) -> bool:
    """Whether the JSON went wrong at its first character (so it is no JSON at all)."""
    column = error.snippet_column or error.column or 1
    return error.line == 1 and error.snippet is not None and not error.snippet[: column - 1].strip()


def describe_load_error(error: BaseException, paths: list[str]) -> tuple[str, str, str]:
    """Plain texts for a failed load: headline, explanation, and a monospace detail.

    The detail shows the offending line with a caret under the column, trimmed
    around the column so a minified 100 MB line stays readable. Text from the
    clipboard is named "Clipboard", never by the reader's "<bytes>".
    """
    from_text = isinstance(error, viewer.LoadError) and error.source == BYTES_SOURCE
    name = "the clipboard text" if from_text else Path(paths[0]).name if paths else "the file"
    if len(paths) > 1 and not from_text:
        name += f" + {len(paths) - 1} more"
    if not isinstance(error, viewer.LoadError):
        return f"Could not open {name}", f"Unexpected error: {type(error).__name__}: {error}", ""
    message = error.message
    if error.line is not None and message.startswith("This is not valid JSON") and _at_start(error):
        message = "The clipboard text is not JSON." if from_text else "The file is not JSON."
    elif from_text:
        message = message.replace("This is not valid JSON", "The clipboard text is not valid JSON", 1)
    lines = [message]
    if from_text:
        pass  # the headline already says it is the clipboard's text
    elif error.source:
        lines.append(f"File: {error.source}")
    elif paths:
        lines.append(f"File: {paths[0]}")
    if error.line is not None:
        lines.append(f"Line {error.line}, column {error.column}")
    return f"Could not open {name}", "\n".join(lines), error.pointer()


def _after_paint(then: Callable[[], object]) -> None:
    """Call ``then`` once the window has painted what a slot just put on screen and its event loop is quiet.

    Its first paint sets off more: a second layout and paint of the list and the
    panel 25-30 ms after the first, and at times a third. A timer a fixed
    60 ms after the fill could fire between them, and a paint beside
    the woken reader then stalled the window 120-170 ms. So it waits for
    ``QUIET_TICKS`` ticks of the GUI clock in a row that came on time.
    """
    when_quiet(then, QUIET_TICKS, QUIET_LIMIT)
