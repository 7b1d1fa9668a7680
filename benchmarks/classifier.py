"""How well the interview understands a counsellor, on the labelled utterance sets.

    .venv/bin/python benchmarks/classifier.py [PATH ...] [--format text|json] [--errors]

Without PATH it reports every set in tests/data. Which were trained on is listed in
simulator/interview/data/classifier_training.yaml; the honest figures are those of
classifier_blind10.jsonl to classifier_blind13.jsonl, sets written blind (by people who never
saw the rules or the data) and never trained on; blind13, the last, was written after the last
change was chosen. Their figures, each and together, are the last line,
as JSON. Targets on the last set (the others are shown beside it): topic
>= 90 %, technique >= 90 %, harmful recall >= 90 %, harmful precision >= 95 %. The topic is
measured as the interview reads it, with the case the remark was written for (every blind
item names one); the remark alone and the topic the turn is filed under are reported too.
The model's own k-fold cross-validation is printed too. Exit 0 when the held-out set meets
the targets.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from simulator.interview import evaluate_classifier
from simulator.interview.classifier import model
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CASES = ROOT / "cases_synthetic"
DEFAULT = [
    DATA / "classifier_utterances.jsonl",
    DATA / "classifier_heldout.jsonl",
    DATA / "classifier_heldout2.jsonl",
    DATA / "classifier_heldout3.jsonl",
    DATA / "classifier_blind1.jsonl",
    DATA / "classifier_train_a.jsonl",
    DATA / "classifier_blind2.jsonl",
    DATA / "classifier_train_b.jsonl",
    DATA / "classifier_train_c.jsonl",
    DATA / "classifier_blind3.jsonl",
    DATA / "classifier_blind4.jsonl",
    DATA / "classifier_train_d.jsonl",
    DATA / "classifier_blind5.jsonl",
    DATA / "classifier_blind6.jsonl",
    DATA / "classifier_blind7.jsonl",
    DATA / "classifier_blind8.jsonl",
    DATA / "classifier_blind9.jsonl",
    DATA / "classifier_train_e.jsonl",
    DATA / "classifier_train_f.jsonl",
    DATA / "classifier_blind10.jsonl",
    DATA / "classifier_blind11.jsonl",
    DATA / "classifier_blind12.jsonl",
    DATA / "classifier_blind13.jsonl",
]
HELD_OUT = (
    DATA / "classifier_blind10.jsonl",
    DATA / "classifier_blind11.jsonl",
    DATA / "classifier_blind12.jsonl",
    DATA / "classifier_blind13.jsonl",
)
TARGETS = {
    "topic_as_read_accuracy": 0.90,
    "technique_accuracy": 0.90,
    "harmful_recall": 0.90,
    "harmful_precision": 0.95,
}


def union(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures of several reports taken together (each utterance counts once)."""
    count = sum(r["count"] for r in reports)
    topic = sum(r["topic_correct"] for r in reports)
    as_read = sum(r["topic_as_read_correct"] for r in reports)
    technique = sum(r["technique_correct"] for r in reports)
    return {
        "path": "all sets",
        "count": count,
        "topic_correct": topic,
        "technique_correct": technique,
        "topic_accuracy": topic / count if count else 0.0,
        "topic_as_read_accuracy": as_read / count if count else 0.0,
        "technique_accuracy": technique / count if count else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--errors", action="store_true", help="list misclassified utterances")
    args = parser.parse_args(argv)
    paths = args.paths or DEFAULT
    scenarios = {p.stem: load_scenario(p) for p in sorted(CASES.glob("*.yaml"))}
    reports = [evaluate_classifier(p, scenarios) for p in paths]
    total = union(reports)
    if args.format == "json":
        if not args.errors:
            for r in reports:
                r.pop("errors")
        print(json.dumps([*reports, total], ensure_ascii=False, indent=2))
    else:
        for r in [*reports, total] if len(reports) > 1 else reports:
            line = (
                f"{Path(r['path']).name}: {r['count']} utterances, "
                f"topic {r['topic_as_read_accuracy']:.1%} (alone {r['topic_accuracy']:.1%}), "
                f"technique {r['technique_accuracy']:.1%}"
            )
            if "harmful_precision" in r:
                line += (
                    f", harmful precision {r['harmful_precision']:.1%}"
                    f" recall {r['harmful_recall']:.1%} (of {r['harmful_count']})"
                )
            if "topic_in_case_accuracy" in r:
                fm = r["fact_matching"]
                line += (
                    f", topic with the case {r['topic_with_case_accuracy']:.1%}"
                    f", topic recorded {r['topic_in_case_accuracy']:.1%}; facts: right "
                    f"{fm['right']:.1%} wrong {fm['wrong']:.1%} none {fm['none']:.1%} of "
                    f"{fm['aimed']}, false match {fm['false_match']:.1%} of {fm['not_aimed']}"
                )
            print(line)
            if args.errors:
                for e in r.get("errors", []):
                    print(f"  expected {e['expected']} got {e['got']}: {e['text']}")
    print("cross-validation:", json.dumps(model().cross_validation), file=sys.stderr)
    held = [r for r in reports if Path(r["path"]).name in {p.name for p in HELD_OUT}]
    if len(held) != len(HELD_OUT):
        return 0
    pooled = union(held)
    headline: dict[str, Any] = {
        "pooled_topic_as_read_accuracy": round(pooled["topic_as_read_accuracy"], 4),
        "pooled_technique_accuracy": round(pooled["technique_accuracy"], 4),
    }
    for r in held:
        name = Path(r["path"]).stem.removeprefix("classifier_")
        headline[name] = {k: round(r[k], 4) for k in TARGETS}
    print(json.dumps(headline))
    last = held[-1]
    return 0 if all(last[k] >= v for k, v in TARGETS.items()) else 1


if __name__ == "__main__":
    sys.exit(main())
