"""Thirty trainees at once through the nuiawase service: interview and submit.

    .venv/bin/python benchmarks/service_load.py [--trainees 30] [--turns 20]
                                                [--think 0 [5 ...]] [--postgres]

A real service process on 127.0.0.1 (as the tests start it) over a seeded store; each
simulated trainee is a thread with its own ServiceClient (the kernel's client, over HTTP
with its own token). All start together on one barrier: start an attempt, play ``--turns``
moves of the strong exemplar (trainee i with seed + i), submit (scored by the store on
receipt). ``--think`` is the mean time a trainee reads and types before each remark; each
trainee draws its pauses uniformly from [mean/2, 3*mean/2] (seeded), so a class that starts
together drifts apart. 0 means back to back: thirty people pressing send the moment each
reply lands, the worst case. Several values run one after another.

Afterwards the store is read directly (tests/service_crowd.py): every attempt must hold
every move with the replies a replay of its seed gives, and every submission the score the
store's scorer makes of it. Reports p50/p99 of the start, turn and submit latencies, the
service process's CPU time per request (Linux; a figure the machine's other load disturbs
less than latency) and the load average before and after, since the machine is shared.
The last line is one JSON object of headline figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator.service.client import ServiceClient
from tests.service_crowd import check_store, run_crowd, trainee_names
from tests.service_server import CASE, Service, service_process, strong_play

#: The issue's target for a turn's p99 latency (milliseconds).
TARGET_P99_TURN_MS = 100.0


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process so far (None off Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def _service(database_url: str | None, names: list[str]) -> Iterator[Service]:
    with tempfile.TemporaryDirectory() as tmp:
        with service_process(Path(tmp), names, database_url) as svc:
            yield svc


def run(database_url: str | None, trainees: int, turns: int, think: float) -> dict[str, Any]:
    """One crowd on a fresh store and service; the figures and the store's check."""
    seed, moves, forms = strong_play()
    moves = (moves * (turns // len(moves) + 1))[:turns]
    names = trainee_names(trainees)
    with _service(database_url, names) as svc:
        # One warm-up play (imports, the model, the scorer, the case parsed) outside the
        # timing, by an attempt the check below does not look at.
        warm = ServiceClient(svc.url, svc.tokens[names[0]])
        warm_attempt = warm.start(CASE, seed + 10_000)["attempt"]["id"]
        warm.turn(warm_attempt, moves[0])
        warm.submit(warm_attempt, forms["assessment"], forms["plan"])
        load_before = os.getloadavg()
        cpu_before = _cpu_seconds(svc.process.pid)
        crowd = run_crowd(svc, names, seed, moves, forms, think)
        cpu_after = _cpu_seconds(svc.process.pid)
        load_after = os.getloadavg()
        kept = check_store(svc, names, crowd)
    requests = sum(len(v) for v in crowd.seconds.values())
    cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    p99 = _percentile(crowd.seconds["turn"], 0.99)
    return {
        "db": "postgresql" if database_url else "sqlite",
        "trainees": trainees,
        "turns_each": turns,
        "think_mean_s": think,
        "errors": crowd.errors[:5],
        "turns_stored": f"{kept.turns_stored}/{trainees * turns}",
        "submissions_stored": f"{kept.submissions_stored}/{trainees}",
        "wrong": len(kept.wrong_transcripts) + len(kept.wrong_replies) + len(kept.wrong_scores),
        "lost": kept.lost,
        "turn_p50_ms": _percentile(crowd.seconds["turn"], 0.5),
        "turn_p99_ms": p99,
        "meets_target": p99 is not None and p99 < TARGET_P99_TURN_MS,
        "start_p50_ms": _percentile(crowd.seconds["start"], 0.5),
        "start_p99_ms": _percentile(crowd.seconds["start"], 0.99),
        "submit_p50_ms": _percentile(crowd.seconds["submit"], 0.5),
        "submit_p99_ms": _percentile(crowd.seconds["submit"], 0.99),
        "turns_per_s": round(len(crowd.seconds["turn"]) / crowd.wall, 1),
        "wall_s": round(crowd.wall, 1),
        "service_cpu_ms_per_request": None if cpu is None else round(1000 * cpu / requests, 2),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in load_after],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument(
        "--think", type=float, nargs="+", default=[0.0], help="mean seconds before each remark"
    )
    parser.add_argument("--postgres", action="store_true", help="also run on PostgreSQL")
    args = parser.parse_args()
    databases: list[str | None] = [None]
    server = None
    if args.postgres:
        from tests.store.postgres import start_postgres  # the tests' throwaway server

        server = start_postgres()
    results = []
    try:
        for think in args.think:
            for url in databases + ([server.new_database()] if server else []):
                r = run(url, args.trainees, args.turns, think)
                results.append(r)
                print(
                    f"{r['db']}, think {think} s: turns {r['turns_stored']}, submissions "
                    f"{r['submissions_stored']}, wrong {r['wrong']}, turn p50 "
                    f"{r['turn_p50_ms']} ms p99 {r['turn_p99_ms']} ms, submit p50 "
                    f"{r['submit_p50_ms']} ms p99 {r['submit_p99_ms']} ms, "
                    f"{r['turns_per_s']} turns/s, service CPU "
                    f"{r['service_cpu_ms_per_request']} ms/request, load "
                    f"{r['load_before']} -> {r['load_after']}",
                    flush=True,
                )
    finally:
        if server is not None:
            server.stop()
    headline = {
        "target_p99_turn_ms": TARGET_P99_TURN_MS,
        "cpus": os.cpu_count(),
        "runs": [
            {
                k: r[k]
                for k in (
                    "db",
                    "think_mean_s",
                    "lost",
                    "wrong",
                    "turn_p50_ms",
                    "turn_p99_ms",
                    "meets_target",
                    "submit_p50_ms",
                    "submit_p99_ms",
                    "turns_per_s",
                    "service_cpu_ms_per_request",
                    "load_before",
                )
            }
            for r in results
        ],
    }
    print(json.dumps(headline))
    ok = all(r["lost"] == 0 and r["wrong"] == 0 and not r["errors"] for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
