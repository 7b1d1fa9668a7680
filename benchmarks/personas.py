"""Persona generation throughput, measured against Faker ja_JP ``profile()`` as a baseline.

    .venv/bin/python benchmarks/personas.py [--count N] [--scenario REF] [--format json]

Runs in one process, pinned to one CPU where the OS allows it. The ratio says what one
persona costs in ``profile()`` calls; the target is at most 3 (and >= 1,000 personas/s).
Figures are the best of ``--repeat`` runs, the usual way to factor out a busy machine.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from cpu import pin_to_one_cpu
from faker import Faker

from simulator.models import Region, Scenario
from simulator.persona import generate_personas, persona_to_json_line
from simulator.scenario import load_case, load_region, load_scenario

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def _best_rate(run: Callable[[], None], count: int, repeat: int) -> float:
    """Items per second over the fastest of ``repeat`` runs of ``count`` items."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return count / best


def _load(ref: str | None) -> tuple[Scenario, Region]:
    if ref is None:
        scenario = load_scenario(DATA / "scenario_minimal.yaml")
        return scenario, load_region(DATA / "regions" / "minimal-city.yaml")
    return load_case(ref)


def measure(scenario: Scenario, region: Region, count: int, repeat: int) -> dict[str, object]:
    """Personas/s, personas serialised to JSON Lines/s and Faker profile()/s, in one run."""

    def personas() -> None:
        for _ in generate_personas(scenario, region, count, seed=1):
            pass

    def json_lines() -> None:
        for persona in generate_personas(scenario, region, count, seed=1):
            persona_to_json_line(persona)

    fake = Faker("ja_JP")
    fake.seed_instance(1)

    def profiles() -> None:
        for _ in range(count):
            fake.profile()

    # Warm up: the first persona builds this thread's Faker, the first profile() fills
    # Faker's caches.
    for _ in generate_personas(scenario, region, 10, seed=0):
        pass
    fake.profile()

    persona_rate = _best_rate(personas, count, repeat)
    json_rate = _best_rate(json_lines, count, repeat)
    profile_rate = _best_rate(profiles, count, repeat)
    return {
        "scenario": scenario.id,
        "count": count,
        "repeat": repeat,
        "personas_per_s": round(persona_rate, 1),
        "us_per_persona": round(1e6 / persona_rate, 1),
        "json_lines_per_s": round(json_rate, 1),
        "us_per_json_line": round(1e6 / json_rate, 1),
        "profile_per_s": round(profile_rate, 1),
        "us_per_profile": round(1e6 / profile_rate, 1),
        "persona_cost_in_profile_calls": round(profile_rate / persona_rate, 2),
        "python": platform.python_version(),
        "faker": version("faker"),
        "pydantic": version("pydantic"),
    }


def _table(result: dict[str, object]) -> str:
    rows = [
        ("personas (generate)", "personas_per_s", "us_per_persona"),
        ("personas + JSON line", "json_lines_per_s", "us_per_json_line"),
        ("Faker ja_JP profile()", "profile_per_s", "us_per_profile"),
    ]
    lines = [
        f"scenario {result['scenario']}, {result['count']} items, best of {result['repeat']}, "
        f"Python {result['python']}, Faker {result['faker']}, pydantic {result['pydantic']}",
        f"{'what':<24}{'per second':>12}{'µs each':>10}",
    ]
    lines += [
        f"{name:<24}{float(str(result[rate])):>12,.0f}{float(str(result[us])):>10.1f}"
        for name, rate, us in rows
    ]
    lines.append(
        f"one persona costs {result['persona_cost_in_profile_calls']} profile() calls (target <= 3)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table (or JSON with ``--format json``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=5000, help="personas per run (5000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best counts (3)")
    parser.add_argument(
        "--scenario", help="scenario path or id (default: tests/data/scenario_minimal.yaml)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    if args.count < 1 or args.repeat < 1:
        parser.error("--count and --repeat must be at least 1")
    cpu = pin_to_one_cpu()
    scenario, region = _load(args.scenario)
    result = measure(scenario, region, args.count, args.repeat)
    result["cpu"] = cpu
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
