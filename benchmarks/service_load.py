"""Thirty trainees at once through the nuiawase service: interview and submit.

    .venv/bin/python benchmarks/service_load.py [--trainees 30] [--turns 20] [--think 0]
                                                [--postgres]

A real service process on 127.0.0.1 (as the tests start it) over a seeded store; each
simulated trainee is a thread with its own ServiceClient (the kernel's client, over HTTP
with its own token). All start together: start an attempt, play ``--turns`` moves of the
strong exemplar, submit (scored by the store on receipt). With ``--think S`` each
trainee waits S seconds after each reply, as a person reads it (0: back to back, the
worst case: thirty people all pressing send the moment the reply lands). Then the store
is read directly: every attempt must hold every turn, and every submission a scorecard.
Reports p50/p99 of the turn, start and submit latencies and the machine's load average
before and after.
The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator.service.client import ServiceClient
from simulator.store import Store
from tests.service_server import CASE, SUPERVISOR, service_process, strong_play


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)


def _trainee(
    client: ServiceClient,
    seed: int,
    moves: list[dict[str, Any]],
    forms: Any,
    go: threading.Barrier,
    out: dict[str, list[float]],
    errors: list[str],
    think: float,
) -> None:
    try:
        go.wait()
        t = time.perf_counter()
        attempt = client.start(CASE, seed)["attempt"]["id"]
        out["start"].append(time.perf_counter() - t)
        for move in moves:
            t = time.perf_counter()
            client.turn(attempt, move)
            out["turn"].append(time.perf_counter() - t)
            if think:
                time.sleep(think)  # the trainee reads the reply (a benchmark, not a test)
        t = time.perf_counter()
        client.submit(attempt, forms["assessment"], forms["plan"], idempotency_key="load")
        out["submit"].append(time.perf_counter() - t)
    except Exception as exc:  # a failure is counted and reported, never hidden
        errors.append(f"{type(exc).__name__}: {exc}")


def run(
    folder: Path, trainees: int, turns: int, database_url: str | None, think: float = 0.0
) -> dict[str, Any]:
    seed, moves, forms = strong_play()
    moves = (moves * (turns // len(moves) + 1))[:turns]
    names = [f"kenshu{i:02d}" for i in range(trainees)]
    load_before = os.getloadavg()
    with service_process(folder, names, database_url) as svc:
        # One warm-up play (imports, the scorer, the case parsed) outside the timing.
        warm = ServiceClient(svc.url, svc.tokens[names[0]])
        warm_attempt = warm.start(CASE, seed + 999)["attempt"]["id"]
        warm.turn(warm_attempt, moves[0])
        out: dict[str, list[float]] = {"start": [], "turn": [], "submit": []}
        errors: list[str] = []
        go = threading.Barrier(trainees)
        threads = [
            threading.Thread(
                target=_trainee,
                args=(
                    ServiceClient(svc.url, svc.tokens[n]),
                    seed + i,
                    moves,
                    forms,
                    go,
                    out,
                    errors,
                    think,
                ),
            )
            for i, n in enumerate(names)
        ]
        started = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.perf_counter() - started
        load_after = os.getloadavg()
        with Store.open(svc.database_url) as store:
            boss = store.as_user(SUPERVISOR)
            stored_turns = stored_cards = 0
            for name in names:
                for attempt in boss.attempts(name):
                    if attempt.seed == seed + 999:
                        continue
                    stored_turns += len(boss.turns(attempt.id))
                for sub in boss.submissions(name):
                    stored_cards += boss.scorecard(sub.id) is not None
    return {
        "trainees": trainees,
        "turns_each": turns,
        "think_s": think,
        "errors": errors[:5],
        "turns_stored": f"{stored_turns}/{trainees * turns}",
        "scorecards_stored": f"{stored_cards}/{trainees}",
        "lost": trainees * turns - stored_turns + trainees - stored_cards,
        "turn_p50_ms": _percentile(out["turn"], 0.5),
        "turn_p99_ms": _percentile(out["turn"], 0.99),
        "start_p50_ms": _percentile(out["start"], 0.5),
        "start_p99_ms": _percentile(out["start"], 0.99),
        "submit_p50_ms": _percentile(out["submit"], 0.5),
        "submit_p99_ms": _percentile(out["submit"], 0.99),
        "turns_per_s": round(len(out["turn"]) / wall, 1),
        "wall_s": round(wall, 1),
        "mean_turn_ms": round(statistics.fmean(out["turn"]) * 1000, 1),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in load_after],
        "cpus": os.cpu_count(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--think", type=float, default=0.0, help="seconds read per reply")
    parser.add_argument("--postgres", action="store_true", help="also run on PostgreSQL")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(
            {"db": "sqlite", **run(Path(tmp), args.trainees, args.turns, None, args.think)}
        )
    if args.postgres:
        from tests.store.postgres import start_postgres  # the tests' throwaway server

        server = start_postgres()
        try:
            with tempfile.TemporaryDirectory() as tmp:
                url = server.new_database()
                results.append(
                    {
                        "db": "postgresql",
                        **run(Path(tmp), args.trainees, args.turns, url, args.think),
                    }
                )
        finally:
            server.stop()
    for r in results:
        print(
            f"{r['db']}: {r['trainees']} trainees x {r['turns_each']} turns, turns stored "
            f"{r['turns_stored']}, scorecards {r['scorecards_stored']}, turn p50 "
            f"{r['turn_p50_ms']} ms p99 {r['turn_p99_ms']} ms, submit p50 {r['submit_p50_ms']}"
            f" ms p99 {r['submit_p99_ms']} ms, load {r['load_before']} -> {r['load_after']}"
        )
    print(json.dumps(results))
    return 0 if all(r["lost"] == 0 and not r["errors"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
