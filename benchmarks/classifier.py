"""Accuracy of the free-text classifier on the labelled utterance sets.

    .venv/bin/python benchmarks/classifier.py [PATH ...] [--format text|json] [--errors]

Without PATH it reports tests/data/classifier_utterances.jsonl (the set the rules were
tuned on; targets: topic >= 90 %, technique >= 85 %) and tests/data/classifier_heldout.jsonl
(written after tuning and never used to change a rule: the honest generalisation figure).
Exit 0 when the tuned set meets the targets, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from simulator.interview import evaluate_classifier

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [
    ROOT / "tests" / "data" / "classifier_utterances.jsonl",
    ROOT / "tests" / "data" / "classifier_heldout.jsonl",
]
TOPIC_TARGET, TECHNIQUE_TARGET = 0.90, 0.85


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--errors", action="store_true", help="list misclassified utterances")
    args = parser.parse_args(argv)
    paths = args.paths or DEFAULT
    reports = [evaluate_classifier(p) for p in paths]
    if args.format == "json":
        if not args.errors:
            for r in reports:
                r.pop("errors")
        print(json.dumps(reports, ensure_ascii=False, indent=2))
    else:
        for r in reports:
            print(
                f"{Path(r['path']).name}: {r['count']} utterances, "
                f"topic {r['topic_accuracy']:.1%}, technique {r['technique_accuracy']:.1%}"
            )
            if args.errors:
                for e in r["errors"]:
                    print(f"  expected {e['expected']} got {e['got']}: {e['text']}")
    first = reports[0]
    ok = first["topic_accuracy"] >= TOPIC_TARGET and first["technique_accuracy"] >= TECHNIQUE_TARGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
