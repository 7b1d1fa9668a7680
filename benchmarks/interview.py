"""Interview engine latency per turn (free-text classification included) and start-up cost.

    .venv/bin/python benchmarks/interview.py [--interviews N] [--format text|json]

Turn latency: every shipped scenario (cases_synthetic) is interviewed N times with a mix of
free-text and structured moves; each ``Interview.step`` is timed, understanding (features,
model, matching the remark to the facts) included, with the feature cache cleared before
every free-text turn so no remark is read for free. One core (the process pins itself),
the SudachiPy dictionary and the word vectors already loaded. Target: p99 < 20 ms.
Start-up: fresh interpreters (subprocess), best of 5: bare Python, importing
simulator.interview, importing it plus loading the SudachiPy dictionary, and the first turn
of an interview from a cold process (load a case, make a persona, read a remark, match it,
reply). Target: first turn < 2 s. The last line is JSON of the headline figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from cpu import pin_to_one_cpu

from simulator.interview import Interview, Move
from simulator.interview.analysis import tokenizer
from simulator.interview.features import features
from simulator.interview.vectors import word_vectors
from simulator.models.vocab import Technique, Topic
from simulator.persona import generate_persona
from simulator.scenario import load_case

ROOT = Path(__file__).resolve().parent.parent

TEXTS = [
    "今日はどのようなご相談でいらっしゃいましたか？",
    "大変でしたね。よく来てくださいました。",
    "お金のことで、いま一番困っていることを教えてください",
    "家賃は毎月いくらですか？",
    "借金のこと、話しにくかったと思います。もう少し聞かせてもらえますか",
    "夜は眠れていますか",
    "つまり、お仕事を失ってから家賃が払えなくなっているということですね",
    "今までのお話をまとめると、住まいとお金の両方で困っているということですね",
    "住居確保給付金という制度があります",
    "なんで貯金しておかなかったんですか",
    "……",
    "お子さんの学校の様子はどうですか？",
]


def _moves(budget: int, offset: int) -> list[Move]:
    topics = list(Topic)
    techniques = [Technique.open_question, Technique.empathy, Technique.reflection]
    moves: list[Move] = []
    for i in range(budget):
        k = i + offset
        if k % 2 == 0:
            moves.append(Move(text=TEXTS[k % len(TEXTS)]))
        else:
            moves.append(Move(topic=topics[k % len(topics)], technique=techniques[k % 3]))
    return moves


def turn_latency(interviews: int) -> dict[str, float | int]:
    """Per-turn latency in milliseconds over all shipped scenarios."""
    cases = [load_case(str(p)) for p in sorted((ROOT / "cases_synthetic").glob("*.yaml"))]
    tokenizer()  # load once, outside the timing (start-up is measured separately)
    word_vectors()
    samples: list[float] = []
    free_text: list[float] = []
    for n in range(interviews):
        for scenario, region in cases:
            persona = generate_persona(scenario, region, n)
            interview = Interview(scenario, persona)
            for move in _moves(scenario.turn_budget, n):
                features.cache_clear()
                start = time.perf_counter()
                interview.step(move)
                elapsed = (time.perf_counter() - start) * 1000
                samples.append(elapsed)
                if move.text is not None:
                    free_text.append(elapsed)
    samples.sort()
    free_text.sort()

    def pct(data: list[float], q: float) -> float:
        return data[min(len(data) - 1, int(q * len(data)))]

    return {
        "turns": len(samples),
        "scenarios": len(cases),
        "p50_ms": round(statistics.median(samples), 3),
        "p99_ms": round(pct(samples, 0.99), 3),
        "max_ms": round(samples[-1], 3),
        "free_text_p50_ms": round(statistics.median(free_text), 3),
        "free_text_p99_ms": round(pct(free_text, 0.99), 3),
    }


def _best_wall(code: str, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 1)


def startup() -> dict[str, float]:
    """Milliseconds for a fresh interpreter to get ready, best of 5."""
    return {
        "python_ms": _best_wall("pass"),
        "import_interview_ms": _best_wall("import simulator.interview"),
        "import_and_sudachi_ms": _best_wall(
            "import simulator.interview.analysis as a; a.tokenizer().tokenize('はい')"
        ),
        "first_turn_ms": _best_wall(FIRST_TURN),
    }


FIRST_TURN = """
from simulator.interview import Interview, Move
from simulator.persona import generate_persona
from simulator.scenario import load_case
scenario, region = load_case("cases_synthetic/hiseiki-kinkyuu.yaml")
interview = Interview(scenario, generate_persona(scenario, region, 1))
interview.step(Move(text="管理会社からの書類には何と書いてありましたか"))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=20, help="interviews per scenario")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args(argv)
    cpu = pin_to_one_cpu()
    result = {"cpu": cpu, **turn_latency(args.interviews), **startup()}
    if args.format == "json":
        print(json.dumps(result, indent=2))
    else:
        print(f"pinned to CPU {cpu}; {result['turns']} turns over {result['scenarios']} scenarios")
        print(
            f"turn latency: p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms "
            f"(max {result['max_ms']} ms); target p99 < 20 ms"
        )
        print(
            f"free-text turns: p50 {result['free_text_p50_ms']} ms, "
            f"p99 {result['free_text_p99_ms']} ms"
        )
        print(
            f"start-up: python {result['python_ms']} ms, import simulator.interview "
            f"{result['import_interview_ms']} ms, + SudachiPy dictionary "
            f"{result['import_and_sudachi_ms']} ms; first turn from a cold process "
            f"{result['first_turn_ms']} ms (target < 2000 ms)"
        )
    headline = {k: result[k] for k in ("p50_ms", "p99_ms", "free_text_p99_ms", "first_turn_ms")}
    print(json.dumps(headline))
    return 0


if __name__ == "__main__":
    sys.exit(main())
