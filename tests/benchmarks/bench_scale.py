"""Print what opening a very big NDJSON export costs: time to the list, to search, and memory.

    python tests/benchmarks/bench_scale.py [--count 10000000] [--keep /tmp/scale.ndjson]

Writes ``count`` distinct profiles as NDJSON (10,000,000 are about 9 GB: the
profiles of ``make_export``, 100,000 at a time with their IDs renumbered),
then in a fresh process: a bare ``orjson.loads`` of the first 100,000 lines
(the yardstick, scaled to the whole file), the first profiles (the window's
preview), ``viewer.load`` of the whole file as the window does it (with the
search text), the search index and one search, a sort of the whole list by
total sales, and resident memory as a multiple of the file. Memory is about
1.3-1.5 times the file: 10,000,000 profiles (8.84 GB) took 11.3 GB once
loaded and 11.8 GB with the index and a sort.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

_BLOCK = 100_000

_CHILD = r"""
import gc, resource, sys, time
sys.path.insert(0, sys.argv[3])
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()
import orjson, viewer
from viewer.query.profile_rows import sorted_rows
path, count = sys.argv[1], int(sys.argv[2])
size = __import__("os").path.getsize(path)
with open(path, "rb") as f:
    head = [f.readline() for _ in range(min(count, 100_000))]
gc.disable()
t = time.perf_counter(); [orjson.loads(line) for line in head]; bare = (time.perf_counter() - t) * count / len(head)
del head
gc.enable()
from viewer.query.search_index import ProfileSearchIndex
first = []
t = time.perf_counter()
export = viewer.load(path, search_text=True, preview=lambda e: first.append(time.perf_counter() - t))  # as the window
loaded = time.perf_counter() - t
after_load = rss()
t = time.perf_counter(); index = ProfileSearchIndex.build(export.profiles); indexed = time.perf_counter() - t
t = time.perf_counter(); found = len(index.search("urn77")); searched = time.perf_counter() - t
t = time.perf_counter(); order = sorted_rows(export.profiles, {}, 6, True); sorted_ = time.perf_counter() - t
print(f"file               {size / 1e9:.2f} GB, {len(export.profiles):,} profiles")
print(f"bare orjson.loads  {bare:.1f} s   (first 100,000 lines, scaled to the file)")
print(f"first profiles     {first[0]:.2f} s   {first[0] / bare:.3f}x  (the window's preview: the first 1,000)")
print(f"viewer.load        {loaded:.1f} s   {loaded / bare:.2f}x  (the whole list, with the search text)")
print(f"search ready       {loaded + indexed:.1f} s   {(loaded + indexed) / bare:.2f}x  (index {indexed:.2f} s)")
print(f"one search         {searched:.2f} s   ({found:,} found for 'urn77')")
print(f"sort by sales      {sorted_:.1f} s   {sorted_ / bare:.2f}x")
print(f"resident           {after_load / size:.2f}x file after load, {rss() / size:.2f}x with the index and a sort")
"""


def write(path: Path, count: int) -> None:
    """``count`` NDJSON profiles with distinct IDs and integration IDs."""
    from make_export import write_export

    block_path = path.with_suffix(".block")
    write_export(block_path, min(count, _BLOCK), "ndjson")
    block = block_path.read_bytes()
    block_path.unlink()
    ids = re.compile(rb'"id":(\d+)')
    urns = re.compile(rb'"integrationId":"URN')
    with open(path, "wb") as out:
        for start in range(0, count, _BLOCK):
            shift = start
            text = ids.sub(lambda m: b'"id":' + str(int(m.group(1)) + shift * 10).encode(), block) if start else block
            text = urns.sub(b'"integrationId":"URN%d-' % (start // _BLOCK), text) if start else text
            if count - start < _BLOCK:
                text = b"\n".join(text.split(b"\n")[: count - start]) + b"\n"
            out.write(text if text.endswith(b"\n") else text + b"\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000_000)
    parser.add_argument("--keep", help="write the export here and keep it (reused when it exists)")
    args = parser.parse_args()
    root = str(Path(__file__).resolve().parents[2])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.keep) if args.keep else Path(folder) / "scale.ndjson"
        if not path.exists():
            write(path, args.count)
        subprocess.run([sys.executable, "-c", _CHILD, str(path), str(args.count), root], check=True,
                       env={**os.environ, "PYTHONHASHSEED": "0"})


if __name__ == "__main__":
    main()
