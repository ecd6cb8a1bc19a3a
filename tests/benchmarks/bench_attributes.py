"""Benchmark: showing and filtering the attribute tree (prints figures, asserts nothing).

    /work/venv/bin/python tests/benchmarks/bench_attributes.py

Measures, offscreen:
- time to show a profile whose attributes hold ~100,000 nodes (set_attributes + first paint);
- filter latency per keystroke on that tree, typing a query character by character,
  from the key press to the filtered view painted (with and without the debounce);
- the longest the GUI thread went without running its event loop while filtering;
- the same show/filter figures for a typical 15-attribute profile.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gui_stalls import GuiStalls  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTreeView  # noqa: E402

from viewer.model.values import count_values
from viewer.ui.attributes.view import AttributeView  # noqa: E402

TYPICAL = {
    "Name": "Ada Lovelace",
    "Email": "ada@example.com",
    "SignupDate": "2020-06-10T09:05:27.993483Z",
    "ShippingCountry": "DE",
    "ChurnRisk": 0.804,
    "LoyaltyTier": "gold",
    "OrdersCount": 37,
    "LifetimeValue": 1299.99,
    "Newsletter": True,
    "Referrer": None,
    "Address": {"Street": "Hauptstraße 5", "City": "München", "Zip": "80331"},
    "Tags": ["vip", "newsletter", "early-adopter"],
    "CustomerId": 123456789012345678901234567890,
    "PreferredStore": "Marienplatz",
    "Notes": "Prefers email; calls on Mondays only.",
}
CITIES = ["Berlin", "München", "Hamburg", "Köln", "Paris", "Lyon", "Wien", "Zürich", "Amsterdam", "Madrid"]


def big_attributes(target: int = 100_000) -> dict:
    """A script-written profile: the usual attributes plus a long order history."""
    rng = random.Random(7)
    orders = []
    attributes = dict(TYPICAL, Orders=orders)
    while count_values(attributes, target) < target:
        for _ in range(200):
            n = len(orders)
            orders.append(
                {
                    "OrderId": 10_000_000 + n,
                    "Placed": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:15:22Z",
                    "Total": round(rng.uniform(5, 500), 2),
                    "Currency": "EUR",
                    "Items": [
                        {"Sku": f"SKU-{rng.randrange(10**6):06d}", "Qty": rng.randint(1, 5), "Price": round(rng.uniform(1, 99), 2)}
                        for _ in range(3)
                    ],
                    "Shipping": {"City": rng.choice(CITIES), "Zip": f"{rng.randrange(10**5):05d}"},
                }
            )
    return attributes


def wait_for(signal, timeout_ms: int = 30_000) -> None:
    """Run the event loop until ``signal`` fires (benchmark harness only)."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def settle(ms: int = 50) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def show_time(view: AttributeView, attributes: dict) -> float:
    tree = view.findChild(QTreeView, "attributeTree")
    start = time.perf_counter()
    view.set_attributes(attributes, key=id(attributes))
    tree.viewport().grab()  # lays the tree out and paints it
    return time.perf_counter() - start


def type_query(view: AttributeView, query: str, asynchronous: bool) -> list[float]:
    """Milliseconds from each key press to the filtered tree painted."""
    line = view.findChild(QLineEdit, "attributeFilter")
    tree = view.findChild(QTreeView, "attributeTree")
    view.clear_filter()
    settle()
    times = []
    for char in query:
        start = time.perf_counter()
        if asynchronous:
            # Connected before the key press: a result can land during the press itself.
            loop = QEventLoop()
            view.filterApplied.connect(loop.quit)
            QTest.keyClick(line, char)
            QTimer.singleShot(30_000, loop.quit)
            loop.exec()
            view.filterApplied.disconnect(loop.quit)
        else:
            QTest.keyClick(line, char)
        tree.viewport().grab()
        times.append((time.perf_counter() - start) * 1000)
    return times


def fmt(values: list[float]) -> str:
    return f"median {statistics.median(values):.1f} ms, max {max(values):.1f} ms  ({', '.join(f'{v:.0f}' for v in values)})"


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    view = AttributeView()
    view.resize(900, 700)
    view.show()
    settle()

    big = big_attributes()
    print(f"big profile: {count_values(big, 10**7):,} nodes ({len(big['Orders']):,} orders)")

    shows = []
    for _ in range(3):
        view.set_attributes(None)
        settle(300)
        shows.append(show_time(view, big) * 1000)
    print(f"show 100k-node profile (set_attributes + first paint): {fmt(shows)}")

    # The first keystroke right after showing: the index is still being built.
    view.set_attributes(None)
    settle()
    show_time(view, big)
    first = type_query(view, "b", asynchronous=True)
    print(f"first keystroke right after showing (waits for the index): {first[0]:.0f} ms")

    meter = GuiStalls(2)
    for query in ("berlin", "sku-12", "key:zip", ">450"):
        meter.start()
        times = type_query(view, query, asynchronous=True)
        meter.stop()
        stall = meter.longest_ms()
        print(f"big, type {query!r} (debounce {view._debounce.interval()} ms incl.): {fmt(times)}; longest GUI stall {stall:.0f} ms")
    view._debounce.setInterval(0)
    for query in ("berlin", "hamburg"):
        times = type_query(view, query, asynchronous=True)
        print(f"big, type {query!r} without debounce (work + view update): {fmt(times)}")
    label = view.findChild(QLabel, "attributeMatchCount")
    print(f"  last label: {label.text()!r}")

    small_shows = []
    for _ in range(20):
        view.set_attributes(None)
        small_shows.append(show_time(view, TYPICAL) * 1000)
    print(f"show 15-attribute profile: {fmt(small_shows[5:])}")
    for query in ("city", "Lovelace", "value:>100"):
        times = type_query(view, query, asynchronous=False)
        print(f"small, type {query!r}: {fmt(times)}  -> {label.text()!r}")
    view.close()
    app.processEvents()


if __name__ == "__main__":
    main()
