"""Train the classifier's two models from labelled utterances (scikit-learn, at build time).

    python -m simulator.interview.training [--check]

reads every set listed in data/classifier_training.yaml, reports k-fold cross-validation
(topic and technique accuracy, harmful precision and recall), picks the harmful threshold
that keeps harmful precision at its target, fits on everything and writes
data/classifier_model.json.gz. ``--check`` retrains and exits 1 when the shipped model
differs from what the data gives (the test suite runs it, so model and data never drift).

Training is deterministic: fixed fold assignment, a deterministic solver, weights rounded.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from simulator.models.vocab import HARMFUL_TECHNIQUES

from .classifier import MODEL_FILE, NO_TOPIC, choose_technique, choose_topic
from .datafiles import load_model
from .evaluation import read_labelled
from .features import case_features, features
from .matching import FactMatcher
from .vectors import word_vectors

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parents[2]
FORMAT = 1
HARMFUL = frozenset(t.value for t in HARMFUL_TECHNIQUES)


class TrainingConfig(BaseModel):
    """data/classifier_training.yaml: what the model learns from and how."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sets: list[str] = Field(min_length=1, description="Labelled JSON Lines, repo-relative.")
    folds: int = Field(ge=2, le=20, description="k of the k-fold cross-validation.")
    c_topic: float = Field(gt=0, description="Inverse regularisation of the topic model.")
    c_technique: float = Field(gt=0, description="Inverse regularisation of the technique model.")
    harmful_precision_target: float = Field(gt=0, le=1)
    confident_at: float = Field(gt=0, lt=1)
    min_feature_count: int = Field(ge=1, description="Features seen fewer times are dropped.")


def _examples(config: TrainingConfig) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    items: list[dict[str, Any]] = []
    sources: list[dict[str, Any]] = []
    for name in config.sets:
        path = ROOT / name
        got = read_labelled(path)
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        sources.append({"set": name, "count": len(got), "sha256": sha})
        items.extend(i for i in got if i["technique"] is not None)
    return items, sources


def _case_evidence(items: list[dict[str, Any]]) -> list[tuple[tuple[str, float], ...]]:
    """The case features of each utterance written for a shipped case (none for the rest),
    from the cases as they are now: the topic model learns how far to trust the matching."""
    from simulator.scenario.loader import load_scenario

    matchers: dict[str, FactMatcher] = {}
    for path in sorted((ROOT / "cases_synthetic").glob("*.yaml")):
        scenario = load_scenario(path)
        matchers[scenario.id] = FactMatcher(scenario, word_vectors())
    found: list[tuple[tuple[str, float], ...]] = []
    for item in items:
        m = matchers.get(item.get("case") or "")
        found.append(case_features(m.by_topic(item["text"])) if m is not None else ())
    return found


def _rows(
    config: TrainingConfig, items: list[dict[str, Any]]
) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Feature rows for the topic model (with the case's evidence) and the technique model."""
    plain = _prune([dict(features(i["text"])) for i in items], config.min_feature_count)
    about = [
        {**row, **dict(case)} if case else row
        for row, case in zip(plain, _case_evidence(items), strict=True)
    ]
    return about, plain


def _fit(rows: list[dict[str, float]], labels: list[str], c: float) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sparse=True)
    x = vec.fit_transform(rows)
    clf = LogisticRegression(C=c, max_iter=3000, solver="lbfgs")
    clf.fit(x, labels)
    return vec, clf


def _linear(vec: Any, clf: Any) -> dict[str, Any]:
    names = vec.get_feature_names_out()
    coef = clf.coef_
    weights: dict[str, list[float]] = {}
    for j, name in enumerate(names):
        row = [round(float(coef[i, j]), 4) for i in range(coef.shape[0])]
        if any(abs(w) >= 0.002 for w in row):
            weights[str(name)] = row
    return {
        "classes": [str(c) for c in clf.classes_],
        "intercept": [round(float(b), 4) for b in clf.intercept_],
        "weights": weights,
    }


def _prune(rows: list[dict[str, float]], minimum: int) -> list[dict[str, float]]:
    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    return [{k: v for k, v in row.items() if counts[k] >= minimum} for row in rows]


def _folds(n: int, k: int) -> list[int]:
    # Deterministic and spread: item i goes to fold i mod k after a fixed shuffle by hash.
    order = sorted(range(n), key=lambda i: hashlib.sha256(str(i).encode()).hexdigest())
    fold = [0] * n
    for position, i in enumerate(order):
        fold[i] = position % k
    return fold


def cross_validate(config: TrainingConfig, items: list[dict[str, Any]]) -> dict[str, Any]:
    """k-fold figures at every harmful threshold tried; the chosen threshold's figures."""
    about, rows = _rows(config, items)
    topics = [i["topic"].value if i["topic"] else NO_TOPIC for i in items]
    techs = [i["technique"].value for i in items]
    fold = _folds(len(items), config.folds)
    ranked_all: list[list[tuple[str, float]]] = [[] for _ in items]
    topic_ok = alone_ok = 0
    for f in range(config.folds):
        train = [i for i in range(len(items)) if fold[i] != f]
        test = [i for i in range(len(items)) if fold[i] == f]
        tv, tc = _fit([about[i] for i in train], [topics[i] for i in train], config.c_topic)
        kv, kc = _fit([rows[i] for i in train], [techs[i] for i in train], config.c_technique)
        t_probs = tc.predict_proba(tv.transform([about[i] for i in test]))
        for i, p in zip(test, t_probs, strict=True):
            ranked = sorted(
                zip([str(c) for c in tc.classes_], [float(x) for x in p], strict=True),
                key=lambda q: (-q[1], q[0]),
            )
            label, _p, _by = choose_topic(ranked)
            topic_ok += label == topics[i]
        alone = tc.predict(tv.transform([rows[i] for i in test]))
        alone_ok += sum(str(label) == topics[i] for label, i in zip(alone, test, strict=True))
        probs = kc.predict_proba(kv.transform([rows[i] for i in test]))
        for i, p in zip(test, probs, strict=True):
            ranked_all[i] = sorted(
                zip([str(c) for c in kc.classes_], [float(x) for x in p], strict=True),
                key=lambda q: (-q[1], q[0]),
            )
    by_threshold = []
    for step in range(50, 100, 2):
        threshold = step / 100
        by_threshold.append(_technique_figures(ranked_all, techs, threshold))
    good = [r for r in by_threshold if r["harmful_precision"] >= config.harmful_precision_target]
    chosen = max(good, key=lambda r: (r["harmful_recall"], -r["threshold"])) if good else None
    chosen = chosen or max(by_threshold, key=lambda r: r["harmful_precision"])
    return {
        "folds": config.folds,
        "count": len(items),
        # As the interview reads a remark: with its case when it names one.
        "topic_accuracy": round(topic_ok / len(items), 4),
        # The remark alone, without any case: the model learns the case's evidence, so a
        # remark read outside a case (`nuiawase classify`, the bots) is read less well. Adding
        # each case item again without its case raised this to 83.4 % but lowered the reading
        # with the case from 88.2 % to 86.9 %, and the interview always has a case.
        "topic_accuracy_alone": round(alone_ok / len(items), 4),
        **chosen,
    }


def _technique_figures(
    ranked: list[list[tuple[str, float]]], truth: list[str], threshold: float
) -> dict[str, Any]:
    ok = tp = fp = fn = 0
    for r, t in zip(ranked, truth, strict=True):
        label, _p, _held = choose_technique(r, threshold)
        ok += label == t
        tp += label in HARMFUL and t in HARMFUL
        fp += label in HARMFUL and t not in HARMFUL
        fn += label not in HARMFUL and t in HARMFUL
    return {
        "threshold": threshold,
        "technique_accuracy": round(ok / len(truth), 4),
        "harmful_precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
        "harmful_recall": round(tp / (tp + fn), 4) if tp + fn else 1.0,
    }


def train(config: TrainingConfig) -> dict[str, Any]:
    """Cross-validate, then fit on every labelled utterance; the model as plain data."""
    items, sources = _examples(config)
    report = cross_validate(config, items)
    about, rows = _rows(config, items)
    topics = [i["topic"].value if i["topic"] else NO_TOPIC for i in items]
    techs = [i["technique"].value for i in items]
    return {
        "format": FORMAT,
        "trained_on": sources,
        "cross_validation": report,
        "harmful_threshold": report["threshold"],
        "confident_at": config.confident_at,
        "topic": _linear(*_fit(about, topics, config.c_topic)),
        "technique": _linear(*_fit(rows, techs, config.c_technique)),
    }


def encode(model: dict[str, Any]) -> bytes:
    """The model file's bytes: canonical JSON, gzip without a timestamp (reproducible)."""
    text = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), mtime=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the model is stale")
    args = parser.parse_args(argv)
    config = load_model("classifier_training.yaml", TrainingConfig)
    model = train(config)
    print(json.dumps(model["cross_validation"], ensure_ascii=False), file=sys.stderr)
    data = encode(model)
    target = DATA / MODEL_FILE
    if args.check:
        same = target.exists() and target.read_bytes() == data
        print("model is current" if same else "model is stale: retrain", file=sys.stderr)
        return 0 if same else 1
    target.write_bytes(data)
    print(f"wrote {target} ({len(data) // 1024} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
