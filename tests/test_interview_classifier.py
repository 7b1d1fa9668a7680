"""The free-text classifier: accuracy on the labelled sets, spelling variants, robustness."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.interview import classify, evaluate_classifier
from simulator.interview.classifier import technique_rules, topic_rules
from simulator.models.vocab import Technique, Topic

DATA = Path(__file__).parent / "data"
DEV_SET = DATA / "classifier_utterances.jsonl"
# Written after the rules were tuned on DEV_SET and never used to change them: the honest
# estimate of how the rules generalise. Do not tune rules against it.
HELD_OUT = DATA / "classifier_heldout.jsonl"


def _items(path: Path) -> list[dict[str, str | None]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_labelled_set_is_large_and_covers_every_label() -> None:
    items = _items(DEV_SET)
    assert len(items) >= 200
    assert {i["technique"] for i in items} >= {t.value for t in Technique}
    assert {i["topic"] for i in items} >= {t.value for t in Topic}
    # No test sentence is copied into a rule file verbatim (rules stay general).
    rules = "".join(
        (DATA.parent.parent / "simulator" / "interview" / "data" / name).read_text("utf-8")
        for name in ("classifier_topics.yaml", "classifier_techniques.yaml")
    )
    assert not [i["text"] for i in items if len(str(i["text"])) > 8 and str(i["text"]) in rules]


def test_accuracy_targets_on_the_labelled_set() -> None:
    report = evaluate_classifier(DEV_SET)
    assert report["count"] >= 200
    assert report["topic_accuracy"] >= 0.90, report["errors"]
    assert report["technique_accuracy"] >= 0.85, report["errors"]


def test_held_out_set_does_not_regress() -> None:
    report = evaluate_classifier(HELD_OUT)
    # Regression guard only; the figures are reported in benchmarks/README.md.
    assert report["topic_accuracy"] >= 0.75, report["errors"]
    assert report["technique_accuracy"] >= 0.85, report["errors"]


@pytest.mark.parametrize(
    ("texts", "topic"),
    [
        (["お金のことで困っていますか？", "おかねのことで困っていますか？"], Topic.income),
        (
            ["子供さんは何歳ですか", "子どもさんは何歳ですか", "こどもさんは何歳ですか"],
            Topic.children,
        ),
        (
            ["仕事はしていますか", "しごとはしていますか", "お仕事はされていますか"],
            Topic.employment,
        ),
        (["眠れていますか", "ねむれていますか", "眠れてる？"], Topic.health),
        (["友達はいますか", "友だちはいますか", "ともだちはいる？"], Topic.social),
    ],
)
def test_spelling_variants_agree(texts: list[str], topic: Topic) -> None:
    results = [classify(t) for t in texts]
    assert {r.topic for r in results} == {topic}
    assert {r.technique for r in results} == {Technique.closed_question}


def test_explanation_names_the_rules() -> None:
    result = classify("借金のこと、もう少し詳しく教えてください")
    assert result.topic is Topic.debt and result.technique is Technique.open_question
    assert any("debt-words" in line for line in result.explanation)
    assert any("open-tell" in line for line in result.explanation)
    assert result.explanation[-1].startswith("=> technique: open_question")


def test_unclassified_is_flagged() -> None:
    result = classify("zzz")
    assert result.unclassified and result.technique is None
    assert result.explanation[-1] == "=> technique: not understood (unclassified)"


def test_polite_kindness_does_not_hide_a_judgement() -> None:
    assert classify("大変でしたね。でも、それは甘えだと思いますよ").technique is Technique.judgement


def test_the_last_sentence_decides_between_moves() -> None:
    assert classify("大変でしたね。何歳ですか？").technique is Technique.closed_question
    assert classify("大変でしたね。ハローワークに行ったほうがいいですよ").technique is (
        Technique.advice
    )


def test_rule_files_validate() -> None:
    assert len(topic_rules().topics) == len(Topic)
    assert technique_rules().rules


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises(text: str) -> None:
    result = classify(text)
    assert result.explanation
