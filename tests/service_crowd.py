"""A crowd of simulated trainees using one real service at once, and what the store kept.

Shared by the load benchmark (benchmarks/service_load.py, which times it) and its bounded
test (tests/service/test_service_crowd.py, which only checks it). Each trainee is a thread
with its own ServiceClient and token, as a kernel would be: all start an attempt together
(one barrier), play the strong exemplar's moves with a seed of their own, and submit. Then
the store is read directly: every attempt must hold every move in order, with the replies
the engine gives for that seed alone (thirty interviews on one service's threads must not
mix), and every submission the scorecard the store's scorer makes of what was stored.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from simulator.interview.engine import play
from simulator.interview.moves import Move
from simulator.persona.generator import generate_persona
from simulator.scenario.library import load_case
from simulator.service.client import ServiceClient
from simulator.store import Store
from simulator.store.resume import MOVE
from simulator.store.scoring import default_scorer

from .service_server import CASE, SUPERVISOR, Service


def trainee_names(count: int) -> list[str]:
    """The crowd's user names (seeded into the store before the service starts)."""
    return [f"kenshu{i:02d}" for i in range(count)]


@dataclass
class Crowd:
    """What the crowd saw: latencies in seconds per request kind, errors, and per trainee
    the attempt it played and the replies it received."""

    seed: int
    moves: list[dict[str, Any]]
    seconds: dict[str, list[float]] = field(
        default_factory=lambda: {"start": [], "turn": [], "submit": []}
    )
    #: (kind, trainee, started, seconds) of every request, for reading a slow tail.
    log: list[tuple[str, str, float, float]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    attempts: dict[str, int] = field(default_factory=dict)
    replies: dict[str, list[str]] = field(default_factory=dict)
    wall: float = 0.0


def think_times(index: int, turns: int, mean: float) -> list[float]:
    """Seconds trainee ``index`` reads before each remark: uniform in [mean/2, 3*mean/2],
    seeded per trainee, so people who start together drift apart as people do."""
    rng = random.Random(index)
    return [rng.uniform(0.5 * mean, 1.5 * mean) if mean else 0.0 for _ in range(turns)]


def _timed(crowd: Crowd, kind: str, name: str, began: float) -> None:
    took = time.perf_counter() - began
    crowd.seconds[kind].append(took)
    crowd.log.append((kind, name, began, took))


def _trainee(
    client: ServiceClient,
    name: str,
    seed: int,
    crowd: Crowd,
    forms: dict[str, Any],
    go: threading.Barrier,
    pauses: list[float],
) -> None:
    try:
        go.wait()
        t = time.perf_counter()
        attempt = client.start(CASE, seed)["attempt"]["id"]
        _timed(crowd, "start", name, t)
        crowd.attempts[name] = attempt
        replies = crowd.replies.setdefault(name, [])
        for move, pause in zip(crowd.moves, pauses, strict=True):
            if pause:
                time.sleep(pause)  # the trainee reads and types (benchmark pacing only)
            t = time.perf_counter()
            replies.append(client.turn(attempt, move)["turn"]["reply"])
            _timed(crowd, "turn", name, t)
        t = time.perf_counter()
        client.submit(attempt, forms["assessment"], forms["plan"], idempotency_key="crowd")
        _timed(crowd, "submit", name, t)
    except Exception as exc:  # counted and reported, never hidden
        crowd.errors.append(f"{name}: {type(exc).__name__}: {exc}")


def run_crowd(
    svc: Service,
    names: list[str],
    seed: int,
    moves: list[dict[str, Any]],
    forms: dict[str, Any],
    think: float = 0.0,
) -> Crowd:
    """Every trainee in ``names`` plays ``moves`` (trainee i with ``seed + i``) and
    submits, all at once; returns when all are done."""
    crowd = Crowd(seed, moves)
    go = threading.Barrier(len(names))
    threads = [
        threading.Thread(
            target=_trainee,
            args=(
                ServiceClient(svc.url, svc.tokens[name]),
                name,
                seed + i,
                crowd,
                forms,
                go,
                think_times(i, len(moves), think),
            ),
        )
        for i, name in enumerate(names)
    ]
    started = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    crowd.wall = time.perf_counter() - started
    return crowd


@dataclass
class Kept:
    """What the store holds of the crowd's work, checked against the engine and scorer."""

    trainees: int
    turns_each: int
    turns_stored: int = 0
    submissions_stored: int = 0
    #: Trainees whose stored turns (moves and replies) differ from a replay of their seed.
    wrong_transcripts: list[str] = field(default_factory=list)
    #: Trainees whose received replies differ from that replay.
    wrong_replies: list[str] = field(default_factory=list)
    #: Submissions whose stored scorecard or total is not the scorer's of the stored work.
    wrong_scores: list[int] = field(default_factory=list)

    @property
    def lost(self) -> int:
        """Turns and submissions the crowd made that the store does not hold."""
        turns = self.trainees * self.turns_each - self.turns_stored
        return turns + self.trainees - self.submissions_stored


def check_store(svc: Service, names: list[str], crowd: Crowd) -> Kept:
    """Read the store as the cohort's supervisor and compare it with the crowd."""
    scenario, region = load_case(CASE)
    played = [Move.model_validate(m) for m in crowd.moves]
    kept = Kept(len(names), len(played))
    with Store.open(svc.database_url) as store:
        boss = store.as_user(SUPERVISOR)
        for i, name in enumerate(names):
            attempt = crowd.attempts.get(name)
            if attempt is None:
                continue
            expected = play(scenario, generate_persona(scenario, region, crowd.seed + i), played)
            turns = [t.payload for t in boss.turns(attempt)]
            kept.turns_stored += len(turns)
            got = [(t["reply"], t[MOVE]) for t in turns]
            want = [
                (t.reply, m.model_dump(mode="json"))
                for t, m in zip(expected.turns, played, strict=True)
            ]
            if got != want:
                kept.wrong_transcripts.append(name)
            if crowd.replies.get(name) != [t.reply for t in expected.turns]:
                kept.wrong_replies.append(name)
            for sub in boss.submissions(name):
                if sub.attempt_id != attempt:
                    continue
                kept.submissions_stored += 1
                card = boss.scorecard(sub.id)
                document = store.as_operator().scenario_version(sub.scenario_hash).document
                again = default_scorer().score(
                    sub.scenario_hash, document, sub.payload, crowd.seed + i
                )
                if (
                    card is None
                    or card.payload != again.scorecard
                    or sub.total_score != again.total
                ):
                    kept.wrong_scores.append(sub.id)
    return kept
