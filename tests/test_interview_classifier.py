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
# Written after the first rules were tuned on DEV_SET (80.2 % topic / 91.4 % technique then).
HELD_OUT = DATA / "classifier_heldout.jsonl"
# 250 intake utterances written before the second round of rule work; the rules scored
# 73.2 % topic / 88.4 % technique on it then (benchmarks/README.md). Rules must stay general:
# never copy its sentences into the rule files.
HELD_OUT_2 = DATA / "classifier_heldout2.jsonl"
# 90 utterances written before the second round and not looked at until it was done: the
# blind figure was 92.2 % topic / 94.4 % technique (84.4 / 95.6 before the round).
HELD_OUT_3 = DATA / "classifier_heldout3.jsonl"
ALL_SETS = [DEV_SET, HELD_OUT, HELD_OUT_2, HELD_OUT_3]
TOPIC_TARGET, TECHNIQUE_TARGET = 0.90, 0.85


def _items(path: Path) -> list[dict[str, str | None]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize(("path", "size"), [(DEV_SET, 200), (HELD_OUT_2, 150)])
def test_labelled_set_is_large_and_covers_every_label(path: Path, size: int) -> None:
    items = _items(path)
    assert len(items) >= size
    assert {i["technique"] for i in items} >= {t.value for t in Technique}
    assert {i["topic"] for i in items} >= {t.value for t in Topic}


def test_no_labelled_sentence_is_copied_into_the_rules() -> None:
    rules = "".join(
        (DATA.parent.parent / "simulator" / "interview" / "data" / name).read_text("utf-8")
        for name in ("classifier_topics.yaml", "classifier_techniques.yaml")
    )
    items = [i for path in ALL_SETS for i in _items(path)]
    assert not [i["text"] for i in items if len(str(i["text"])) > 8 and str(i["text"]) in rules]


def test_labelled_sets_do_not_overlap() -> None:
    seen: set[str] = set()
    for path in ALL_SETS:
        texts = {str(i["text"]) for i in _items(path)}
        assert not texts & seen, path.name
        seen |= texts


@pytest.mark.parametrize("path", ALL_SETS, ids=lambda p: p.stem)
def test_accuracy_targets_on_each_labelled_set(path: Path) -> None:
    report = evaluate_classifier(path)
    assert report["topic_accuracy"] >= TOPIC_TARGET, report["errors"]
    assert report["technique_accuracy"] >= TECHNIQUE_TARGET, report["errors"]


def test_accuracy_targets_on_all_labelled_sets_together() -> None:
    reports = [evaluate_classifier(path) for path in ALL_SETS]
    count = sum(r["count"] for r in reports)
    assert count >= 640
    errors = [e for r in reports for e in r["errors"]]
    assert sum(r["topic_correct"] for r in reports) / count >= TOPIC_TARGET, errors
    assert sum(r["technique_correct"] for r in reports) / count >= TECHNIQUE_TARGET, errors


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


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # 学校: the children's when a child is named, else the client's own schooling.
        ("息子さんは学校でうまくやれていますか", Topic.children),
        ("学校を出てからは、すぐ働いたんですか", Topic.life_history),
        ("最後に行っていた学校は、どちらでしたか", Topic.life_history),
        # 家: housing, household or abuse, by the words around it.
        ("家は借りているんですか", Topic.housing),
        ("友人からお金を借りているんですか", Topic.debt),
        ("家には今、何人で住んでいますか", Topic.household),
        ("家にいると怖いと感じることはありますか", Topic.abuse),
        # A phrase takes its words away from other topics.
        ("お仕事が休みの日は、何をしていますか", Topic.social),
        ("ご親戚の中に頼れる方はいますか", Topic.family),
        # Generic words count only without a domain word.
        ("ローンのことで困っていることはありますか", Topic.debt),
        ("何か困っていることはある？", Topic.complaint),
        # 給食費 names the domain; 払えない is only a verb.
        ("学費が払えないんですね", Topic.children),
    ],
)
def test_shared_words_are_settled_by_their_neighbours(text: str, topic: Topic) -> None:
    assert classify(text).topic is topic, classify(text).explanation


def test_generic_words_are_ignored_next_to_a_domain_word() -> None:
    result = classify("家賃のことで困っていることはありますか")
    assert result.topic is Topic.housing
    assert any("ignored" in line and "complaint" in line for line in result.explanation)


@pytest.mark.parametrize(
    "text",
    [
        "お母さんの面倒を見るのはつらかったですね",  # feeling, not a topic word
        "よく話してくださいましたね",
        "そう感じるのも当然だと思います",
        "はっきり答えないと困りますよ",  # 困る alone is no complaint
    ],
)
def test_topic_less_moves_take_the_topic_from_context(text: str) -> None:
    result = classify(text)
    if text.startswith("お母さん"):
        assert result.topic in (Topic.caregiving, Topic.family)
    else:
        assert result.topic is None, result.explanation


def test_a_summary_over_several_topics_has_no_topic() -> None:
    result = classify(
        "まとめますと、収入がなくなって、借金もあって、眠れてもいない、ということですね"
    )
    assert result.technique is Technique.summary
    assert result.topic is None
    assert any("summary over" in line for line in result.explanation)


def test_one_piece_of_text_votes_once() -> None:
    # 「んですね」 is reflection-ndesune only; the effort phrase decides the empathy.
    result = classify("ずっとひとりで耐えてこられたんですね")
    assert result.technique is Technique.empathy, result.explanation
    assert not any("reflection-desune" in line for line in result.explanation)
    # お子さん counts once for children, not again as a kana spelling.
    kids = classify("お子さんを叩かれたことはありますか")
    assert kids.topic is Topic.abuse, kids.explanation


def test_harm_outweighs_the_question_it_wraps() -> None:
    assert classify("嘘はつかないで。貯金はいくらあるの？").technique is Technique.interrogation
    assert classify("正直に言ってください。家賃はいくらですか").technique is (
        Technique.interrogation
    )


@pytest.mark.parametrize(
    ("text", "technique"),
    [
        ("どうしていいかわからない、という感じなんですね", Technique.reflection),
        ("夜はどうしていますか", Technique.open_question),
        ("追いつかなくなっているんですね", Technique.reflection),  # not いつ
        ("涙が出るくらい悔しかったでしょうね", Technique.empathy),  # not いくら
        ("あなたのせいじゃないですよ", Technique.reassurance),
        ("一度ハローワークで相談してみませんか", Technique.advice),
        ("どんな働き方がいいと思いますか", Technique.open_question),
        ("無料で使える相談窓口もあるんですよ", Technique.information),
        ("(沈黙)", Technique.silence),
    ],
)
def test_technique_patterns(text: str, technique: Technique) -> None:
    assert classify(text).technique is technique, classify(text).explanation


def test_the_main_clause_after_ga_decides() -> None:
    text = "前はお仕事をされていたと伺いましたが、今の収入はどのくらいですか"
    assert classify(text).topic is Topic.income


def test_rule_files_validate() -> None:
    assert len(topic_rules().topics) == len(Topic)
    assert technique_rules().rules


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises(text: str) -> None:
    result = classify(text)
    assert result.explanation
