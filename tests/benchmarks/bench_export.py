"""Print how long exporting 100,000 profiles takes, per format, as a ratio to a bare parse of the file.

    python tests/benchmarks/bench_export.py [--count 100000] [--repeat 3]

The export is made with ``make_export.py`` (a JSON array, about 100 MB for
100,000 profiles) and read with ``viewer.load``; then, in the same run, each
format is written with ``viewer.writing.export_file.export_profiles`` to a
temporary folder (a fresh load before each run, so building the profiles is
counted as it would be after opening a file), and the file's bytes are parsed
by a bare ``orjson.loads`` with the garbage collector paused. Export and
bare parse alternate; figures are medians of ``--repeat`` runs, the ratio the
median of each run's ratio. Target: every export <= 1x the bare parse.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402

import viewer  # noqa: E402
from viewer.writing.cells import list_columns  # noqa: E402
from viewer.writing.export_file import export_profiles  # noqa: E402

ATTRIBUTES = ("Name", "Email", "ShippingCountry", "Address.City", "Tags")


def _median(runs: list[float]) -> float:
    return statistics.median(runs)


def _bare(path: Path) -> float:
    data = path.read_bytes()
    gc.disable()
    try:
        start = time.perf_counter()
        orjson.loads(data)
        return time.perf_counter() - start
    finally:
        gc.enable()


def _export(path: Path, out: Path, **options: object) -> float:
    export = viewer.load(path)
    start = time.perf_counter()
    export_profiles(export.profiles, out, sources=export.sources, **options)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    del export
    gc.collect()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "customers.json"
        subprocess.run([sys.executable, str(Path(__file__).with_name("make_export.py")), str(args.count), str(path),
                        "--shape", "array"], check=True, capture_output=True)
        size = path.stat().st_size
        print(f"{args.count:,} profiles, {size / 1e6:.1f} MB")
        cases: list[tuple[str, str, Callable[[], dict[str, object]]]] = [
            ("CSV (list columns)", "out.csv", dict),
            ("CSV (+5 attributes)", "wide.csv", lambda: {"columns": list_columns(ATTRIBUTES)}),
            ("NDJSON", "out.ndjson", dict),
            ("JSON array", "out.json", dict),
        ]
        for label, name, options in cases:
            out = Path(tmp) / name
            runs, bares = [], []
            for _ in range(args.repeat):  # interleaved, so both see the same load on a shared machine
                bares.append(_bare(path))
                runs.append(_export(path, out, **options()))
            seconds, bare = _median(runs), _median(bares)
            ratio = _median([run / base for run, base in zip(runs, bares)])
            print(f"  {label:20} {seconds:6.2f} s, bare orjson.loads {bare:5.2f} s: {ratio:5.2f}x bare parse "
                  f"({out.stat().st_size / 1e6:.1f} MB; runs: {', '.join(f'{r:.2f}' for r in runs)}; target <= 1x)")
            out.unlink()


if __name__ == "__main__":
    main()
