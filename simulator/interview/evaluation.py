"""How well the interview understands a counsellor, measured on labelled utterances.

A labelled set is JSON Lines: ``{"text", "topic", "technique"}`` and, in the blind sets,
``"case"`` (a shipped scenario id) and ``"fact"`` (the fact the remark aims at, or null).
The figures:
- topic and technique accuracy of the classifier alone;
- harmful precision and recall (a good move read as harmful hurts more than a miss);
- with a case: the topic as the engine records it in that case (a remark matched to a fact
  is filed under the fact's domain), and fact matching: of
  the helpful remarks aimed at a fact, the share matched to that fact, to another, or to none;
  of the remarks aimed at none, the share matched to some fact anyway.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from simulator.models.scenario import Scenario
from simulator.models.vocab import HARMFUL_TECHNIQUES, Technique, Topic

from .answering import MATCH_AT, filed_under
from .classifier import classify
from .matching import matcher


class LabelledSetError(ValueError):
    """A labelled utterance file is malformed (the message names the line)."""


def read_labelled(path: str | Path) -> list[dict[str, Any]]:
    """Read labelled JSON Lines; null labels mean "none"; ``case`` and ``fact`` optional."""
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
            items.append(
                {
                    "text": text,
                    "topic": topic,
                    "technique": technique,
                    "case": item.get("case"),
                    "fact": item.get("fact"),
                }
            )
    return items


def _harmful(t: Technique | None) -> bool:
    return t is not None and t in HARMFUL_TECHNIQUES


def _in_case(
    scenario: Scenario, text: str, topic: Topic | None, sure: bool = False
) -> tuple[Topic | None, str | None]:
    """The engine's topic for a remark in this case, and the fact it matched (or None)."""
    ranked = matcher(scenario).rank(text, topic)
    if not ranked or ranked[0].score < MATCH_AT:
        return topic, None
    fact = scenario.fact(ranked[0].fact_id)
    return filed_under(topic, sure, fact.domain if fact else None), ranked[0].fact_id


def evaluate_classifier(
    path: str | Path, scenarios: dict[str, Scenario] | None = None
) -> dict[str, Any]:
    """Classify every labelled utterance and report the figures and the errors.

    Returns ``count``, ``topic_correct``, ``technique_correct``, ``topic_accuracy`` (the
    remark alone), ``topic_as_read_accuracy`` (with its case when it names one),
    ``technique_accuracy``, ``harmful_precision``, ``harmful_recall``, per-label technique
    recall, ``errors`` (text, expected and got), and with ``scenarios`` (id -> Scenario) for
    items that name a case: ``topic_with_case_accuracy`` (the classifier reading the case's
    facts, as the interview does), ``topic_in_case_accuracy`` (the topic the interview
    records, after a matched fact's own topic) and ``fact_matching``.
    """
    items = read_labelled(path)
    topic_ok = technique_ok = in_case_ok = in_case_n = with_case_ok = as_read_ok = 0
    tp = fp = fn = 0
    per_label: Counter[str] = Counter()
    per_label_ok: Counter[str] = Counter()
    facts: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    for item in items:
        result = classify(item["text"])
        t_ok = result.topic == item["topic"]
        k_ok = result.technique == item["technique"]
        topic_ok += t_ok
        technique_ok += k_ok
        got_h, want_h = _harmful(result.technique), _harmful(item["technique"])
        tp += got_h and want_h
        fp += got_h and not want_h
        fn += want_h and not got_h
        label = item["technique"].value if item["technique"] else "unclassified"
        per_label[label] += 1
        per_label_ok[label] += k_ok
        scenario = (scenarios or {}).get(item["case"] or "")
        if scenario is None:
            as_read_ok += t_ok
        else:
            read = classify(
                item["text"], scenario.vocabulary, matcher(scenario).by_topic(item["text"])
            )
            with_case_ok += read.topic == item["topic"]
            as_read_ok += read.topic == item["topic"]
            topic, fact = _in_case(scenario, item["text"], read.topic, not read.unsure_topic)
            in_case_n += 1
            in_case_ok += topic == item["topic"]
            if not want_h:
                if item["fact"]:
                    facts["aimed"] += 1
                    facts["right" if fact == item["fact"] else "wrong" if fact else "none"] += 1
                else:
                    facts["not_aimed"] += 1
                    facts["false_match"] += fact is not None
        if not (t_ok and k_ok):
            errors.append(
                {
                    "text": item["text"],
                    "expected": [_v(item["topic"]), _v(item["technique"])],
                    "got": [_v(result.topic), _v(result.technique)],
                }
            )
    count = len(items)
    report: dict[str, Any] = {
        "path": str(path),
        "count": count,
        "topic_correct": topic_ok,
        "technique_correct": technique_ok,
        "topic_accuracy": topic_ok / count if count else 0.0,
        # As the interview reads it: with the case's facts when the item names a case.
        "topic_as_read_correct": as_read_ok,
        "topic_as_read_accuracy": as_read_ok / count if count else 0.0,
        "technique_accuracy": technique_ok / count if count else 0.0,
        "harmful_count": tp + fn,
        "harmful_precision": tp / (tp + fp) if tp + fp else 1.0,
        "harmful_recall": tp / (tp + fn) if tp + fn else 1.0,
        "technique_recall": {k: per_label_ok[k] / n for k, n in sorted(per_label.items())},
        "errors": errors,
    }
    if in_case_n:
        aimed, not_aimed = facts["aimed"] or 1, facts["not_aimed"] or 1
        report["topic_with_case_accuracy"] = with_case_ok / in_case_n
        report["topic_in_case_accuracy"] = in_case_ok / in_case_n
        report["fact_matching"] = {
            "aimed": facts["aimed"],
            "right": facts["right"] / aimed,
            "wrong": facts["wrong"] / aimed,
            "none": facts["none"] / aimed,
            "not_aimed": facts["not_aimed"],
            "false_match": facts["false_match"] / not_aimed,
        }
    return report


def _v(value: Topic | Technique | None) -> str | None:
    return value.value if value is not None else None
