"""Store throughput and review-queue latency, on SQLite and (with --postgres) PostgreSQL.

    .venv/bin/python benchmarks/store.py [--sizes 10000,100000] [--postgres] [--format json]

Measures: submissions stored per second through the API (start an attempt + submit, two
transactions, fsync on every commit as in production, the store scoring each on receipt)
by 1 and by 8 threads; batch-import throughput; and the time of one review-queue page
(50 rows) for a supervisor of two cohorts and for an admin, first page and deep in the
queue, at each size. The database is filled by the batch import; 70 % of the submissions
are then marked reviewed (closed), so the queue holds the rest. --postgres starts a
throwaway server as the tests do.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, text  # noqa: E402

from simulator.store import Repository, Store  # noqa: E402

COHORTS, TRAINEES = 40, 800
#: Real work: the store scores every submission on receipt, so the payloads are the
#: exemplars of one case, each given its attempt's seed.
CASE = "hiseiki-kinkyuu"
LEVELS = ("strong", "middling", "weak")


def _payload(n: int, trainee: str) -> dict[str, Any]:
    from simulator.models.submission import Submission
    from simulator.store.documents import as_document

    base = Submission.model_validate_json(
        (ROOT / "tests" / "exemplars" / CASE / f"{LEVELS[n % 3]}.json").read_bytes()
    )
    transcript = base.transcript.model_copy(update={"seed": n})
    return as_document(
        base.model_copy(update={"seed": n, "trainee_id": trainee, "transcript": transcript})
    )


def _setup(store: Store) -> str:
    op = store.as_operator()
    op.add_user("author", "trainer")
    op.add_user("boss", "supervisor")
    op.add_user("lead", "supervisor")
    for c in range(COHORTS):
        op.add_cohort(f"c{c:02d}")
    op.add_member("c00", "boss")
    op.add_member("c01", "boss")
    for c in range(COHORTS):
        op.add_member(f"c{c:02d}", "lead")
    for t in range(TRAINEES):
        op.add_user(f"t{t:03d}", "trainee")
        op.add_member(f"c{t % COHORTS:02d}", f"t{t:03d}")
    from simulator.scenario.library import load_case

    return store.as_user("author").register_scenario(load_case(CASE)[0]).content_hash


def _records(start: int, stop: int, digest: str) -> Iterator[dict[str, Any]]:
    for n in range(start, stop):
        t = n % TRAINEES
        yield {
            "key": f"bench/{n}",
            "trainee": f"t{t:03d}",
            "cohort": f"c{t % COHORTS:02d}",
            "scenario_hash": digest,
            "seed": n,
            "submitted_at": f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:"
            f"{(n // 60) % 60:02d}+09:00",
            "payload": _payload(n, f"t{t:03d}"),
        }


def api_rate(store: Store, digest: str, threads: int, each: int) -> float:
    """Submissions/s through the API (attempt + submit per submission)."""
    repos = [store.as_user(f"t{i:03d}") for i in range(threads)]

    def work(me: Repository, i: int) -> None:
        for j in range(each):
            attempt = me.start_attempt(digest, seed=j)
            me.submit(
                attempt.id, _payload(j, me.actor.name), idempotency_key=f"api/{threads}/{i}/{j}"
            )

    workers = [threading.Thread(target=work, args=(r, i)) for i, r in enumerate(repos)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return threads * each / (time.perf_counter() - start)


def _timings(call: Callable[[], object], runs: int = 40) -> dict[str, float]:
    call()  # warm the caches, as a supervisor's second click would
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {"median_ms": statistics.median(samples), "p95_ms": samples[int(len(samples) * 0.95)]}


def queue_timings(store: Store) -> dict[str, dict[str, float]]:
    """One 50-row page: first and deep (a cursor 60 % in), supervisor and admin."""
    out: dict[str, dict[str, float]] = {}
    for who in ("boss", "lead"):
        me = store.as_user(who)
        out[f"{who} first page"] = _timings(lambda me=me: me.review_queue(limit=50))
        cursor, pages = None, 0
        total = _count_waiting(store, who)
        while pages * 50 < total * 0.6:
            cursor = me.review_queue(cursor=cursor, limit=50).next_cursor
            pages += 1
        out[f"{who} page {pages + 1}"] = _timings(
            lambda me=me, c=cursor: me.review_queue(cursor=c, limit=50)
        )
    return out


def _count_waiting(store: Store, who: str) -> int:
    cohorts = "('c00','c01')" if who == "boss" else "(SELECT name FROM cohorts)"
    with store.engine.connect() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT count(*) FROM submissions s JOIN cohorts c ON c.id = s.cohort_id "
                    f"WHERE s.awaiting_review AND c.name IN {cohorts}"
                )
            ).scalar_one()
        )


def _close_most(store: Store) -> None:
    # Mark 70 % reviewed. Benchmark set-up only: the projection columns are written
    # directly; the API would write an event for each.
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE submissions SET status = 'approved', awaiting_review = :f "
                "WHERE awaiting_review = :t AND id % 10 < 7"
            ),
            {"f": False, "t": True},
        )
        conn.execute(text("ANALYZE"))  # fresh statistics, as autovacuum / optimize would give


def plan(store: Store) -> list[str]:
    """SQLite's plan for the supervisor's queue page (shows the index in use)."""
    if store.engine.dialect.name != "sqlite":
        return []
    me = store.as_user("boss")
    captured: list[str] = []

    def grab(conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        if "awaiting_review" in statement and not captured:
            captured.append(statement)
            captured.append(json.dumps(params, default=str))

    event.listen(store.engine, "before_cursor_execute", grab)
    me.review_queue(limit=50)
    event.remove(store.engine, "before_cursor_execute", grab)
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        params = json.loads(captured[1])
        rows = raw.execute("EXPLAIN QUERY PLAN " + captured[0], params).fetchall()
    return [str(r[-1]) for r in rows]


def run(url: str, sizes: list[int]) -> dict[str, Any]:
    result: dict[str, Any] = {"backend": url.split(":")[0], "sizes": {}}
    with Store.open(url, upgrade=True) as store:
        digest = _setup(store)
        result["api_submissions_per_s_1_thread"] = round(api_rate(store, digest, 1, 200), 1)
        result["api_submissions_per_s_8_threads"] = round(api_rate(store, digest, 8, 50), 1)
        op = store.as_operator()
        have = 0
        import_time = 0.0
        for size in sizes:
            start = time.perf_counter()
            op.import_submissions(_records(have, size, digest), batch_size=1000)
            import_time += time.perf_counter() - start
            imported = size - have
            have = size
            _close_most(store)
            result["sizes"][size] = {
                "import_records_per_s": round(imported / (time.perf_counter() - start), 1),
                "waiting_in_queue": _count_waiting(store, "lead"),
                "queue_page": queue_timings(store),
            }
        result["sqlite_plan"] = plan(store)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--postgres", action="store_true", help="also run on PostgreSQL")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        results.append(run(f"sqlite:///{folder}/bench.sqlite3", sizes))
    if args.postgres:
        from tests.store.postgres import start_postgres

        server = start_postgres()
        try:
            results.append(run(server.new_database(), sizes))
        finally:
            server.stop()
    report = {
        "python": platform.python_version(),
        "sqlalchemy": version("sqlalchemy"),
        "results": results,
    }
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    for r in results:
        print(f"== {r['backend']}")
        print(
            f"API submissions/s: 1 thread {r['api_submissions_per_s_1_thread']}, "
            f"8 threads {r['api_submissions_per_s_8_threads']}"
        )
        for size, figures in r["sizes"].items():
            print(
                f"-- {size} submissions: import {figures['import_records_per_s']}/s, "
                f"{figures['waiting_in_queue']} waiting"
            )
            for name, t in figures["queue_page"].items():
                print(f"   {name:<18} median {t['median_ms']:.2f} ms  p95 {t['p95_ms']:.2f} ms")
        for line in r["sqlite_plan"]:
            print(f"   plan: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
