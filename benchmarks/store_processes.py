"""Many kernels writing at once: submissions from several processes into one store.

    .venv/bin/python benchmarks/store_processes.py [--processes 4] [--each 50] [--postgres]

Each process is a trainee's kernel of its own (its own interpreter and connection pool): it
opens the workspace's store, then starts an attempt and submits, ``--each`` times. The
store scores every submission on receipt, as in production. Reports each submit's latency
(p50 / p99 over all processes), the overall submissions per second and whether every
submission arrived. The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from store import _payload, _setup  # noqa: E402

from simulator.store import Store  # noqa: E402


def _kernel(url: str, digest: str, who: str, each: int, go: Any, out: Any) -> None:
    """One trainee's kernel: wait for the start, then attempt + submit ``each`` times."""
    store = Store.open(url)
    me = store.as_user(who)
    payloads = [_payload(j, who) for j in range(each)]  # built before the clock starts
    go.wait()
    took = []
    for j in range(each):
        start = time.perf_counter()
        attempt = me.start_attempt(digest, seed=j)
        me.submit(attempt.id, payloads[j], idempotency_key=f"proc/{who}/{j}")
        took.append(time.perf_counter() - start)
    store.close()
    out.put(took)


def run(url: str, processes: int, each: int) -> dict[str, Any]:
    with Store.open(url, upgrade=True) as store:
        digest = _setup(store)
    ctx = mp.get_context("spawn")
    go, out = ctx.Event(), ctx.Queue()
    kernels = [
        ctx.Process(target=_kernel, args=(url, digest, f"t{i:03d}", each, go, out))
        for i in range(processes)
    ]
    for k in kernels:
        k.start()
    time.sleep(0.5)  # benchmark only: let every interpreter reach the start line
    start = time.perf_counter()
    go.set()
    took = [x for _ in kernels for x in out.get(timeout=1800)]
    wall = time.perf_counter() - start
    for k in kernels:
        k.join()
    with Store.open(url) as store:
        stored = sum(len(store.as_user(f"t{i:03d}").submissions()) for i in range(processes))
    ms = sorted(x * 1000 for x in took)
    return {
        "processes": processes,
        "submissions": len(ms),
        "stored": stored,
        "per_s": round(len(ms) / wall, 1),
        "p50_ms": round(statistics.median(ms), 1),
        "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--each", type=int, default=50)
    parser.add_argument("--postgres", action="store_true", help="also run on PostgreSQL")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'nuiawase.sqlite3'}"
        results.append({"db": "sqlite", **run(url, args.processes, args.each)})
    if args.postgres:
        from tests.store.postgres import start_postgres  # the tests' throwaway server

        server = start_postgres()
        try:
            url = server.new_database()
            results.append({"db": "postgresql", **run(url, args.processes, args.each)})
        finally:
            server.stop()
    for r in results:
        print(
            f"{r['db']}: {r['processes']} processes, {r['stored']}/{r['submissions']} stored, "
            f"{r['per_s']}/s, submit p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms"
        )
    print(json.dumps(results))
    return 0 if all(r["stored"] == r["submissions"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
