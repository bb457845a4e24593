"""Benchmarks: time what users wait for; each app builds its own synthetic data.

Server time is measured in-process with Django's test client (the whole request/response
cycle, templates included, no network). Figures go to docs/benchmarks.md by hand, with the
calibration line every run prints first, so that figures from two machines compare as ratios.
"""

import platform
import sqlite3
import statistics
import threading
import time
from collections.abc import Iterator

from django.db import connection
from django.test import Client

# The calibration's fixed work: a few hundred ms each on a current server core.
CALIBRATION_LOOP = 1_000_000
CALIBRATION_SUM = 300_000


def _python_loop() -> int:
    total = 0
    for i in range(CALIBRATION_LOOP):
        total += i * i % 7
    return total


def _sqlite_query() -> int:
    db = sqlite3.connect(":memory:")
    try:
        query = (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "SELECT sum(i) FROM n"
        )
        return db.execute(query, [CALIBRATION_SUM]).fetchone()[0]
    finally:
        db.close()


def calibration() -> str:
    """How fast this machine runs a fixed pure-Python loop and a fixed in-memory SQLite query
    (a recursive CTE summing 1..300,000), in ms, the best of three: a benchmark's figures
    divided by these compare across machines."""

    def best(work) -> float:
        samples = []
        for _ in range(3):
            start = time.perf_counter()
            work()
            samples.append((time.perf_counter() - start) * 1000)
        return min(samples)

    return (
        f"Calibration: Python loop {best(_python_loop):7.1f} ms, SQLite query "
        f"{best(_sqlite_query):7.1f} ms (best of 3; Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version})"
    )


def analyze() -> None:
    """Refresh the planner's statistics after a bulk load, as autovacuum or
    `PRAGMA optimize` would in a living installation."""
    # VACUUM also sets PostgreSQL's visibility map, which index-only scans need; it cannot run
    # inside a transaction (as in the command's own test), where ANALYZE alone does.
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def time_call(label: str, call, repeat: int) -> str:
    """p50 and p95 of `repeat` calls, after one call that warms the caches."""
    call()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    p50, p95 = percentiles(samples)
    return f"  {label:<44} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms"


def time_pages(client: Client, pages: list[tuple[str, str]], repeat: int) -> Iterator[str]:
    for label, url in pages:

        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        yield time_call(label, get, repeat)


class PeakMemory:
    """Samples this process's anonymous resident memory (RssAnon) in a thread.

    Anonymous memory is what Python allocates; file pages SQLite maps into memory are left
    out, since they are a cache the kernel can drop, not memory the export holds.
    """

    def __enter__(self):
        self.start = self.peak = self._anon()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()
        return self

    @staticmethod
    def _anon() -> int:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1]) * 1024
        return 0

    def _watch(self):
        while not self.done.wait(0.02):
            self.peak = max(self.peak, self._anon())

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()
        self.peak = max(self.peak, self._anon())
