"""Print how fast ``viewer.load`` reads big exports and how much memory it takes.

    python tests/benchmarks/bench_load.py [--count 100000] [--repeat 3]

For a JSON array and NDJSON of ``count`` profiles (about 100 MB for 100,000):
file size, ``viewer.load`` time, a bare ``orjson.loads`` of the same bytes with
the garbage collector paused (measured in the same run), their ratio, and
memory as a multiple of the file size: peak during the load and what stays
resident afterwards. Each measurement runs in a fresh process. Targets: ratio
<= 0.6, peak <= 2.5x, resident <= 1.5x; the same with a 20-digit string in every profile.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

_CHILD = r"""
import gc, json, resource, sys, time
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()
path, what = sys.argv[1], sys.argv[2]
import orjson, viewer
base = rss()
if what == "bare":
    data = open(path, "rb").read()
    gc.disable()
    start = time.perf_counter()
    if path.endswith(".ndjson"):
        value = [orjson.loads(line) for line in data.splitlines() if line.strip()]
    else:
        value = orjson.loads(data)
    elapsed = time.perf_counter() - start
    del data
else:
    start = time.perf_counter()
    value = viewer.load(path)
    columns = value.profiles.columns  # ready for the list: its columns too (a reader may build them on first use)
    for name in ("id", "integration_id", "created", "last_activity", "closed_sessions", "total_sales", "sandbox",
                 "audiences"):
        getattr(columns, name)
    elapsed = time.perf_counter() - start
gc.collect()
# VmHWM, not ru_maxrss: the latter is inherited across fork+exec from the parent
with open("/proc/self/status") as f:
    peak = next(int(l.split()[1]) * 1024 for l in f if l.startswith("VmHWM:"))
print(json.dumps({"seconds": elapsed, "peak": peak - base, "kept": rss() - base}))
"""


def _measure(path: Path, what: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path), what], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _runs(measurements: list[dict]) -> str:
    return ", ".join(f"{m['seconds']:.2f}" for m in measurements)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for shape, suffix, digits in (("array", ".json", False), ("ndjson", ".ndjson", False),
                                      ("array", ".json", True), ("ndjson", ".ndjson", True)):
            path = Path(tmp) / f"customers{'-digits' if digits else ''}{suffix}"
            # generated in a child so this process stays small
            subprocess.run([sys.executable, str(Path(__file__).with_name("make_export.py")), str(args.count),
                            str(path), "--shape", shape], check=True, capture_output=True)
            if digits:  # a 20-digit string in every profile: a card number or an integration ID of digits
                text = path.read_bytes()
                path.write_bytes(re.sub(rb'"attributes": ?\{', b'"attributes":{"CardNumber":"98765432109876543210",',
                                        text))
                del text
            size = path.stat().st_size
            loads, bares = [], []
            for _ in range(args.repeat):  # interleaved: the machine's drift touches both alike
                loads.append(_measure(path, "load"))
                bares.append(_measure(path, "bare"))
            load_s = statistics.median(m["seconds"] for m in loads)
            bare_s = statistics.median(m["seconds"] for m in bares)
            peak = statistics.median(m["peak"] for m in loads) / size
            kept = statistics.median(m["kept"] for m in loads) / size
            bare_kept = statistics.median(m["kept"] for m in bares) / size
            print(f"{shape:7} {args.count:,} profiles, {size / 1e6:.1f} MB"
                  + (", a 20-digit string in each" if digits else ""))
            print(f"  viewer.load      {load_s:6.2f} s   (runs: {_runs(loads)})")
            print(f"  orjson.loads     {bare_s:6.2f} s   (gc paused; runs: {_runs(bares)})")
            print(f"  ratio            {load_s / bare_s:6.2f}     (target <= 0.6)")
            print(f"  memory peak      {peak:6.2f} x file (target <= 2.5)")
            print(f"  memory resident  {kept:6.2f} x file (target <= 1.5; bare parsed values: {bare_kept:.2f} x)")


if __name__ == "__main__":
    main()
