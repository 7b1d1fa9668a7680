"""`nuiawase personas`: JSON Lines, byte-identical for a seed on any day."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import time_machine

from simulator.cli import main
from simulator.models import Persona

# The acceptance run: a shipped case by id, as a trainer would type it.
SCENARIO = "hachimaru-gomaru"


def run(tmp: Path, name: str, *extra: str) -> bytes:
    out = tmp / name
    assert (
        main(["personas", SCENARIO, "--count", "1000", "--seed", "7", "--out", str(out), *extra])
        == 0
    )
    return out.read_bytes()


def test_thousand_personas_are_byte_identical_on_any_day(tmp_path: Path) -> None:
    first = run(tmp_path, "a.jsonl")
    second = run(tmp_path, "b.jsonl")
    with time_machine.travel("2031-02-28 23:59", tick=False):
        moved = run(tmp_path, "c.jsonl")
    with time_machine.travel("1999-12-31 12:00", tick=False):
        past = run(tmp_path, "d.jsonl")
    assert first == second == moved == past
    lines = first.decode("utf-8").splitlines()
    assert len(lines) == 1000
    people = [Persona.model_validate(json.loads(line)) for line in lines]
    assert len({p.name.kanji + p.phone for p in people}) > 900  # different people


def test_another_seed_gives_other_people(tmp_path: Path) -> None:
    a = run(tmp_path, "a.jsonl")
    out = tmp_path / "other.jsonl"
    assert main(["personas", SCENARIO, "--count", "1000", "--seed", "8", "--out", str(out)]) == 0
    assert out.read_bytes() != a


def test_progress_bar_on_stderr_and_data_on_stdout() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "simulator.cli",
            "personas",
            SCENARIO,
            "--count",
            "50",
            "--seed",
            "1",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(proc.stdout.splitlines()) == 50
    assert "50/50" in proc.stderr


def test_unknown_scenario_exits_2(capsys: object) -> None:
    assert main(["personas", "no-such-case", "--count", "1", "--seed", "1"]) == 2


def test_count_must_be_positive() -> None:
    assert main(["personas", SCENARIO, "--count", "0", "--seed", "1"]) == 2


def test_an_output_path_that_cannot_be_written_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder" / "p.jsonl"
    assert main(["personas", SCENARIO, "--count", "1", "--seed", "1", "--out", str(missing)]) == 2
