"""A real nuiawase service process for tests and benchmarks: a store seeded with two
trainees, a supervisor and a registered case, local tokens, and the service started on
127.0.0.1 as `python -m simulator.service`, waited on by its readiness line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.scenario.library import load_case
from simulator.service.auth import issue_tokens
from simulator.service.local import READY
from simulator.store import Role, Store
from simulator.store.demo import register_content

from .servers import free_port, stop

CASE = "dv-higaisha"
EXEMPLARS = Path(__file__).parent / "exemplars" / CASE
COHORT = "kita"
SUPERVISOR = "shunin"
OUTSIDER = "yoso"  # a supervisor of another cohort


def strong_play() -> tuple[int, list[dict[str, Any]], dict[str, Any]]:
    """The strong exemplar's seed, its moves and its forms (assessment and plan)."""
    work = json.loads((EXEMPLARS / "strong.json").read_text(encoding="utf-8"))
    lines = (EXEMPLARS / "moves_strong.jsonl").read_text(encoding="utf-8").splitlines()
    moves = [json.loads(line) for line in lines if line.strip()]
    return int(work["seed"]), moves, {"assessment": work["assessment"], "plan": work["plan"]}


def seed_store(url: str, trainees: Sequence[str]) -> None:
    """People, one cohort, the case and the default rubric."""
    with Store.open(url, upgrade=True) as store:
        op = store.as_operator()
        op.add_cohort(COHORT, "北区")
        op.add_cohort("minami", "南区")
        for name in trainees:
            op.add_user(name, Role.trainee)
            op.add_member(COHORT, name)
        op.add_user(SUPERVISOR, Role.supervisor)
        op.add_member(COHORT, SUPERVISOR)
        op.add_user(OUTSIDER, Role.supervisor)
        op.add_member("minami", OUTSIDER)
        register_content(op, [load_case(CASE)[0]])


@dataclass
class Service:
    """A running service, its store and each user's token."""

    url: str
    database_url: str
    tokens: dict[str, str]
    process: subprocess.Popen[str]


@contextmanager
def service_process(
    folder: Path, trainees: Sequence[str], database_url: str | None = None, timeout: float = 180
) -> Iterator[Service]:
    """Seed a store in ``folder`` (SQLite unless ``database_url``) and run the service."""
    url = database_url or f"sqlite:///{folder / 'store.sqlite3'}"
    seed_store(url, trainees)
    tokens = issue_tokens(folder / "tokens.json", [*trainees, SUPERVISOR, OUTSIDER])
    with running(url, folder / "tokens.json", folder / "service.log", timeout) as (
        process,
        address,
    ):
        yield Service(address, url, tokens, process)


@contextmanager
def running(
    database_url: str, tokens: Path, log: Path, timeout: float = 180, workspace: Path | None = None
) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """The service on a free port until the block ends (SIGTERM, then its exit awaited);
    what it logs goes to ``log`` (a pipe nobody reads could fill and stall it)."""
    port = free_port()
    cmd = [sys.executable, "-m", "simulator.service", "--database-url", database_url]
    cmd += ["--tokens", str(tokens), "--port", str(port)]
    cmd += ["--workspace", str(workspace)] if workspace is not None else []
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    with log.open("a", encoding="utf-8") as errors:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors, text=True, env=env)
    assert proc.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith(READY):
            break
    if not lines or not lines[-1].startswith(READY):
        proc.kill()
        proc.wait()
        said = log.read_text(encoding="utf-8") if log.is_file() else ""
        raise RuntimeError("the service did not start:\n" + "".join(lines) + said)
    try:
        yield proc, lines[-1].split()[-1]
    finally:
        stop(proc, signal.SIGTERM)
