"""Accuracy of the free-text classifier on the labelled utterance sets.

    .venv/bin/python benchmarks/classifier.py [PATH ...] [--format text|json] [--errors]

Without PATH it reports the four labelled sets in tests/data and their union:
  classifier_utterances.jsonl  the set the rules were first written against;
  classifier_heldout.jsonl     written after that first tuning;
  classifier_heldout2.jsonl    250 intake utterances written before the second round of
                               rule work (its figure before that work is the honest one:
                               see benchmarks/README.md);
  classifier_heldout3.jsonl    90 utterances kept blind until that round was done.
Targets: topic >= 90 %, technique >= 85 %. Exit 0 when the union of the sets given meets
them, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from simulator.interview import evaluate_classifier

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
DEFAULT = [
    DATA / "classifier_utterances.jsonl",
    DATA / "classifier_heldout.jsonl",
    DATA / "classifier_heldout2.jsonl",
    DATA / "classifier_heldout3.jsonl",
]
TOPIC_TARGET, TECHNIQUE_TARGET = 0.90, 0.85


def union(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures of several reports taken together (each utterance counts once)."""
    count = sum(r["count"] for r in reports)
    topic = sum(r["topic_correct"] for r in reports)
    technique = sum(r["technique_correct"] for r in reports)
    return {
        "path": "all sets",
        "count": count,
        "topic_correct": topic,
        "technique_correct": technique,
        "topic_accuracy": topic / count if count else 0.0,
        "technique_accuracy": technique / count if count else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--errors", action="store_true", help="list misclassified utterances")
    args = parser.parse_args(argv)
    paths = args.paths or DEFAULT
    reports = [evaluate_classifier(p) for p in paths]
    total = union(reports)
    if args.format == "json":
        if not args.errors:
            for r in reports:
                r.pop("errors")
        print(json.dumps([*reports, total], ensure_ascii=False, indent=2))
    else:
        for r in [*reports, total] if len(reports) > 1 else reports:
            print(
                f"{Path(r['path']).name}: {r['count']} utterances, "
                f"topic {r['topic_accuracy']:.1%}, technique {r['technique_accuracy']:.1%}"
            )
            if args.errors:
                for e in r.get("errors", []):
                    print(f"  expected {e['expected']} got {e['got']}: {e['text']}")
    ok = total["topic_accuracy"] >= TOPIC_TARGET and total["technique_accuracy"] >= TECHNIQUE_TARGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
