"""Print how fast the query language answers while a person types, on big exports.

    python tests/benchmarks/bench_query.py [--count 100000] [--count 1000000]

For each size: a seeded export (``make_export.py``), a bare ``orjson.loads`` of
its bytes with the garbage collector paused (the fastest of three in the same
run: the unit of every ratio), ``viewer.load`` and the search index build. Then, for
field comparisons, attribute comparisons, negation and OR, each query is typed
one character at a time into a fresh ``Evaluator`` (as the search box does:
parse, and evaluate when the text is a valid query) and the script prints the
slowest keystroke (it includes reading a column the first time), the full
query's first answer, and the same query answered again from the kept columns.
Targets (issue 11): <= 100 ms per keystroke for field terms at 100,000
profiles; attribute terms up to one bare parse the first time, then <= 100 ms.
When ``viewer.writing`` is there, the export of 100,000 profiles to each format
is timed too (target <= 1x a bare parse).
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import orjson  # noqa: E402
from make_export import write_export  # noqa: E402

import viewer  # noqa: E402
from viewer.query.evaluate import Evaluator  # noqa: E402
from viewer.query.language import ParseError, parse  # noqa: E402
from viewer.query.search_index import ProfileSearchIndex  # noqa: E402
from viewer.reading.gc_pause import collector_paused  # noqa: E402

QUERIES = {
    "field": ["totalSales>15000", "closedSessions<=3", "created>=2024-01-01", "lastActivity<90d",
              "totalSales:100..500", "id=1050000"],
    "attribute": ["ChurnRisk>0.5", "Address.Zip>=50000", "LoyaltyTier=gold", "SignupDate:2023-01..2023-06", "Tags=vip"],
    "negation": ["-audience:churn", "-has:Referrer", "NOT Newsletter=true", "-totalSales>100"],
    "or": ["LoyaltyTier=gold OR LoyaltyTier=platinum", "totalSales>19000 OR ChurnRisk>0.99",
           "(audience:travel OR audience:berlin) -sandbox"],
    "text": ["ada lovelace", "Address.City:berlin"],
}


def _seconds(fn, *args):  # noqa: ANN001, ANN202
    start = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - start, value


def _answer(evaluator: Evaluator, text: str) -> int:
    query = parse(text)
    if isinstance(query, ParseError):
        return -1
    found = evaluator.matches(query)
    return len(evaluator.profiles) if found is None else len(found)


def _typed(profiles, index, text: str) -> tuple[float, float, float, int]:  # noqa: ANN001
    """Slowest keystroke typing ``text`` (fresh columns), then the full query cold and warm."""
    evaluator = Evaluator(profiles, index)
    slowest = 0.0
    for end in range(1, len(text) + 1):
        slowest = max(slowest, _seconds(_answer, evaluator, text[:end])[0])
    cold, _ = _seconds(_answer, Evaluator(profiles, index), text)
    warm, hits = _seconds(_answer, evaluator, text)
    return slowest, cold, warm, hits


def bench(count: int, folder: Path) -> None:
    path = write_export(folder / f"customers-{count}.json", count)
    data = path.read_bytes()
    gc.disable()
    bare = min(_seconds(orjson.loads, data)[0] for _ in range(3))  # the least disturbed of three
    gc.enable()
    del data
    load, export = _seconds(viewer.load, path)
    profiles = export.profiles
    with collector_paused():  # as the window builds it
        build, index = _seconds(ProfileSearchIndex.build, profiles)
    print(f"\n{count:,} profiles, {path.stat().st_size / 1e6:.0f} MB: bare parse {bare * 1000:.0f} ms, "
          f"viewer.load {load:.2f} s ({load / bare:.1f}x), search index {build:.2f} s ({build / bare:.1f}x)")
    print(f"{'kind':10} {'query':45} {'hits':>7} {'worst key':>10} {'cold':>8} {'warm':>8} {'cold/bare':>9}")
    for kind, texts in QUERIES.items():
        for text in texts:
            slowest, cold, warm, hits = _typed(profiles, index, text)
            print(f"{kind:10} {text:45} {hits:7,} {slowest * 1000:8.0f}ms {cold * 1000:6.0f}ms {warm * 1000:6.0f}ms "
                  f"{cold / bare:8.2f}x")
    _bench_export(profiles, export, bare, folder)


def _bench_export(profiles, export, bare: float, folder: Path) -> None:  # noqa: ANN001
    if len(profiles) > 100_000:  # the target is for 100,000 profiles, against the same file's bare parse
        return
    try:
        from viewer.writing.export_file import export_profiles
    except ImportError:
        return
    for suffix in (".csv", ".ndjson", ".json"):
        target = folder / f"out{suffix}"
        seconds, _ = _seconds(lambda t=target: export_profiles(profiles, t, sources=export.sources))
        print(f"export {len(profiles):,} profiles to {suffix:8} {seconds:.2f} s ({seconds / bare:.2f}x a bare parse)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, action="append", help="profiles (repeatable; default 100000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for count in args.count or [100_000]:
            bench(count, Path(folder))


if __name__ == "__main__":
    main()
