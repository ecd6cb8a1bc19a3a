"""Why the GUI thread stalled: a sampling thread that notes, while the GUI's tick is late, what every thread did.

    sampler = StallSampler(stalls)   # a started ``gui_stalls.GuiStalls``
    sampler.start()
    ...                              # the load
    sampler.stop()
    print(sampler.report())          # the stalls longer than ``report_ms``, each explained

Every ``period_ms`` (2 ms) the sampler looks at how long ago the GUI's 5 ms
timer last ticked. While that is more than ``late_ms`` it takes a sample: the
GUI thread's Python stack, and for every thread of the process (Qt's own
included) the CPU time it used and the time it waited for a CPU, read from
``/proc/self/task/*/schedstat`` (nanoseconds; Linux only). A stall then reads
as one of:

- the GUI thread used the CPU itself (its stack says where: Python, or the C++
  called from that line, e.g. a paint);
- the GUI thread waited for a CPU (``run delay``): another process or thread
  had the machine;
- the GUI thread neither ran nor waited for a CPU, while a worker ran: it
  waited for the interpreter (the GIL) or a lock, and the worker's stack says
  what it was doing;
- the sampler itself woke late (``sampler late``): some thread held the
  interpreter in one long C call; the thread whose CPU time grew by that much
  held it.

Collections of the cyclic garbage collector during a stall are counted too.
The sampler holds the interpreter only for a sample (~0.1 ms, a few per
stall) and otherwise sleeps, so it barely moves the figures it explains.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TASKS = "/proc/self/task"
BASELINE_EVERY = 0.005  # s between readings of the threads' times while the GUI keeps up (~0.1 ms each)


_COMM: dict[int, str] = {}  # native thread ID -> the kernel's name of the thread (read once)


def thread_times() -> dict[int, tuple[str, int, int]]:
    """Per native thread ID: (name, CPU ns used, ns waited for a CPU), from the kernel's schedstat."""
    found: dict[int, tuple[str, int, int]] = {}
    try:
        tasks = os.listdir(TASKS)
    except OSError:
        return found
    for task in tasks:
        tid = int(task)
        try:
            with open(f"{TASKS}/{task}/schedstat", "rb") as stat:
                ran, waited, _slices = (int(x) for x in stat.read().split())
            if tid not in _COMM:
                with open(f"{TASKS}/{task}/comm", "rb") as comm:
                    _COMM[tid] = comm.read().decode(errors="replace").strip()
        except (OSError, ValueError):
            continue  # ended meanwhile
        found[tid] = (_COMM[tid], ran, waited)
    return found


@dataclass
class Sample:
    """One look while the GUI was late."""

    at: float  # perf_counter
    late_ms: float  # since the GUI's last tick
    woke_late_ms: float  # the sampler's own sleep overshoot: the interpreter held by someone
    gui_stack: tuple[str, ...]
    other_stacks: dict[str, tuple[str, ...]]  # thread name -> innermost lines (threads running Python)


@dataclass
class Stall:
    """One stretch of lateness: its samples and what each thread did meanwhile."""

    began: float
    ended: float = 0.0
    samples: list[Sample] = field(default_factory=list)
    before: dict[int, tuple[str, int, int]] = field(default_factory=dict)
    after: dict[int, tuple[str, int, int]] = field(default_factory=dict)
    window: tuple[float, float] = (0.0, 0.0)  # perf_counter of the two readings of the threads' times
    collections: int = 0
    collected_ms: float = 0.0


class StallSampler:
    """Explains every GUI stall longer than ``report_ms`` (see the module docstring)."""

    def __init__(self, stalls: Any, *, period_ms: float = 2.0, late_ms: float = 20.0, report_ms: float = 100.0,
                 depth: int = 8) -> None:
        self.stalls = stalls  # a GuiStalls: its ``last`` is the GUI's last tick (perf_counter)
        self.period = period_ms / 1000
        self.late = late_ms / 1000
        self.report_ms = report_ms
        self.depth = depth
        self.kept: list[Stall] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stall-sampler", daemon=True)
        self._gui = threading.main_thread()
        self._current: Stall | None = None
        self._gc_started = 0.0
        self._native_names: dict[int, str] = {}  # native thread ID -> Python thread name

    def start(self) -> None:
        """Start sampling (the GUI tick should be running)."""
        gc.callbacks.append(self._on_gc)
        self._thread.start()

    def stop(self) -> None:
        """Stop sampling (a stall still open is closed now)."""
        self._stop.set()
        self._thread.join(1.0)
        if self._on_gc in gc.callbacks:
            gc.callbacks.remove(self._on_gc)

    def _on_gc(self, phase: str, _info: dict) -> None:
        stall = self._current
        if phase == "start":
            self._gc_started = time.perf_counter()
        elif stall is not None:
            stall.collections += 1
            stall.collected_ms += (time.perf_counter() - self._gc_started) * 1000

    def _run(self) -> None:
        me = threading.get_ident()
        names: dict[int, str] = {}
        baseline, taken = thread_times(), time.perf_counter()
        while not self._stop.is_set():
            asleep = time.perf_counter()
            time.sleep(self.period)
            now = time.perf_counter()
            woke_late = max(0.0, now - asleep - self.period)
            late = now - self.stalls.last
            stall = self._current
            if stall is not None and stall.began != self.stalls.last:  # the GUI ticked: that gap is over
                self._close(stall, now)
                stall = None
            if late < self.late:
                if stall is not None:
                    self._close(stall, now)
                if now - taken >= BASELINE_EVERY:  # each thread's times just before a stall begins
                    baseline, taken = thread_times(), now
                continue
            if stall is None:
                stall = self._current = Stall(began=self.stalls.last, before=baseline, window=(taken, taken))
            for thread in threading.enumerate():
                if thread.ident is not None:
                    names[thread.ident] = thread.name
                if thread.native_id is not None:
                    self._native_names[thread.native_id] = thread.name
            gui: tuple[str, ...] = ()
            others: dict[str, tuple[str, ...]] = {}
            for ident, frame in sys._current_frames().items():
                if ident == me:
                    continue
                lines = tuple(f"{Path(f.filename).name}:{f.lineno} {f.name}: {f.line}"
                              for f in reversed(traceback.extract_stack(frame)[-self.depth:]))
                if ident == self._gui.ident:
                    gui = lines
                elif not any("wait" in line for line in lines[:2]):  # an idle worker waits on a condition
                    others[names.get(ident, str(ident))] = lines[:3]
            stall.samples.append(Sample(now, late * 1000, woke_late * 1000, gui, others))
        if self._current is not None:
            self._close(self._current, time.perf_counter())

    def _close(self, stall: Stall, now: float) -> None:
        self._current = None
        stall.ended = now
        started = self.stalls.started
        for gap, at in reversed(self.stalls.gaps[-50:]):  # the tick that ended it: the gap GuiStalls measured
            if abs(started + at - gap - stall.began) < 1e-6:
                stall.ended = stall.began + gap
                break
        if (stall.ended - stall.began) * 1000 >= self.report_ms:
            stall.after = thread_times()
            stall.window = (stall.window[0], time.perf_counter())
            self.kept.append(stall)

    def report(self) -> str:
        """Each kept stall: when, how long, each thread's CPU and CPU wait meanwhile, the GUI's stacks."""
        gui_tid = self._gui.native_id
        out = []
        start = self.stalls.started
        for stall in self.kept:
            length = (stall.ended - stall.began) * 1000
            out.append(f"stall of {length:.0f} ms at {stall.began - start:.2f} s ({len(stall.samples)} samples, "
                       f"sampler woke up to {max((s.woke_late_ms for s in stall.samples), default=0):.0f} ms late; "
                       f"{stall.collections} gc collections, {stall.collected_ms:.0f} ms); the threads over "
                       f"{(stall.window[1] - stall.window[0]) * 1000:.0f} ms around it:")
            for tid, (name, ran, waited) in sorted(stall.after.items()):
                old = stall.before.get(tid, (name, ran, waited))
                used, queued = (ran - old[1]) / 1e6, (waited - old[2]) / 1e6
                if used >= 1 or queued >= 1 or tid == gui_tid:
                    who = "GUI" if tid == gui_tid else self._native_names.get(tid, name)
                    out.append(f"    {who:>16} (tid {tid}): ran {used:6.1f} ms, waited for a CPU {queued:6.1f} ms")
            stacks = Counter(s.gui_stack for s in stall.samples)
            for stack, count in stacks.most_common(3):
                out.append(f"    GUI in {count} samples:")
                out.extend(f"        {line}" for line in stack)
            workers = Counter((name, lines) for s in stall.samples for name, lines in s.other_stacks.items())
            for (name, lines), count in workers.most_common(4):
                out.append(f"    {name} running Python in {count} samples: " + " <- ".join(lines))
        if not out:
            out.append(f"no stall of {self.report_ms:.0f} ms or more")
        return "\n".join(out)
