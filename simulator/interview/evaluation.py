"""Accuracy of the free-text classifier against a labelled set of utterances."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from simulator.models.vocab import Technique, Topic

from .classifier import classify


class LabelledSetError(ValueError):
    """A labelled utterance file is malformed (the message names the line)."""


def read_labelled(path: str | Path) -> list[dict[str, Any]]:
    """Read ``{"text", "topic", "technique"}`` JSON Lines; null labels mean "none"."""
    items: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                topic = Topic(item["topic"]) if item.get("topic") else None
                technique = Technique(item["technique"]) if item.get("technique") else None
                text = str(item["text"])
            except (ValueError, KeyError, TypeError) as exc:
                raise LabelledSetError(f"{path}:{number}: {exc}") from None
            items.append({"text": text, "topic": topic, "technique": technique})
    return items


def evaluate_classifier(path: str | Path) -> dict[str, Any]:
    """Classify every labelled utterance and report accuracies and the errors.

    Returns ``count``, ``topic_correct``, ``technique_correct``, ``topic_accuracy``,
    ``technique_accuracy`` (0..1), per-label technique recall, and ``errors`` (text,
    expected and got) for reading.
    """
    items = read_labelled(path)
    topic_ok = technique_ok = 0
    per_label: Counter[str] = Counter()
    per_label_ok: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    for item in items:
        result = classify(item["text"])
        t_ok = result.topic == item["topic"]
        k_ok = result.technique == item["technique"]
        topic_ok += t_ok
        technique_ok += k_ok
        label = item["technique"].value if item["technique"] else "unclassified"
        per_label[label] += 1
        per_label_ok[label] += k_ok
        if not (t_ok and k_ok):
            errors.append(
                {
                    "text": item["text"],
                    "expected": [_v(item["topic"]), _v(item["technique"])],
                    "got": [_v(result.topic), _v(result.technique)],
                }
            )
    count = len(items)
    return {
        "path": str(path),
        "count": count,
        "topic_correct": topic_ok,
        "technique_correct": technique_ok,
        "topic_accuracy": topic_ok / count if count else 0.0,
        "technique_accuracy": technique_ok / count if count else 0.0,
        "technique_recall": {k: per_label_ok[k] / n for k, n in sorted(per_label.items())},
        "errors": errors,
    }


def _v(value: Topic | Technique | None) -> str | None:
    return value.value if value is not None else None
