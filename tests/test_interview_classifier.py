"""The free-text classifier: accuracy on the labelled sets, spelling variants, robustness."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.interview import classify, evaluate_classifier
from simulator.interview.classifier import model
from simulator.interview.matching import matcher
from simulator.interview.rules import classify_by_rules, technique_rules, topic_rules
from simulator.models.scenario import Scenario
from simulator.models.vocab import Technique, Topic
from simulator.scenario.loader import load_scenario

DATA = Path(__file__).parent / "data"
CASES = Path(__file__).parent.parent / "cases_synthetic"
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
# Written blind by a helper who saw only the label definitions and the case summaries; the
# rules scored 50.6 % topic / 64.2 % technique / harmful recall 26.3 % on it before the model
# existed; it is now training data (benchmarks/README.md).
BLIND_1 = DATA / "classifier_blind1.jsonl"
# Written by a helper for training: the same brief, more harm and more look-alikes.
TRAIN_A = DATA / "classifier_train_a.jsonl"
# Written blind before any tuning and sealed until the first model was done: it scored
# topic 65.9 % / technique 90.0 % / harmful precision 94.9 %, recall 86.0 % then (the rules
# before: 48.8 / 61.2 / 75.0 / 20.9); then trained on.
BLIND_2 = DATA / "classifier_blind2.jsonl"
# Written for training: the vocabulary the cases need (pregnancy, residence status,
# gambling, addiction, letters, legal matters, easily misread words).
TRAIN_B = DATA / "classifier_train_b.jsonl"
TRAINED_SETS = [DEV_SET, HELD_OUT, HELD_OUT_2, HELD_OUT_3, BLIND_1, TRAIN_A, BLIND_2, TRAIN_B]
# Written blind after that round, sealed until measured; its errors were never read
# (77.5 % / 88.8 % / 97.6 % / 93.0 % with the model before train_c); trained on since the
# case's evidence was added.
BLIND_3 = DATA / "classifier_blind3.jsonl"
# Written for training: 500 more utterances from many kinds of counsellor.
TRAIN_C = DATA / "classifier_train_c.jsonl"
# Written blind, sealed (sha256 8c3303d1...) until the model of 2026-12-04 morning was final:
# topic 80.0 %, technique 94.1 %, harmful precision 100 %, recall 95.3 %; then trained on.
BLIND_4 = DATA / "classifier_blind4.jsonl"
# Written for training with the same brief, weighted to remarks whose topic is in the case.
TRAIN_D = DATA / "classifier_train_d.jsonl"
# Written blind and sealed (sha256 7d29f5a0...) before the case's evidence was added; measured
# once on that model: topic 72.8 % alone, 88.9 % with the case, technique 89.4 %, harmful
# precision and recall 95.8 %; the filing rule (answering.filed_under) was set on its errors,
# then it was trained on.
BLIND_5 = DATA / "classifier_blind5.jsonl"
TRAINED_SETS += [TRAIN_C, BLIND_3, BLIND_4, TRAIN_D, BLIND_5]
# Written blind and sealed (sha256 below); measured once on the model before the matcher's
# general words and the cases of the law issue (topic 91.1 % with the case, technique 91.7 %,
# harmful precision 100 %, recall 97.7 %); its errors were never read; never trained on.
BLIND_6 = DATA / "classifier_blind6.jsonl"
# Written blind after the last change, a third of it general intake questions, sealed
# (sha256 below) until the model was final; never trained on. The honest figures are
# measured on it (benchmarks/README.md).
BLIND_7 = DATA / "classifier_blind7.jsonl"
# Written blind after blind7 was measured and opened only to measure the same final model
# again (no change in between): 88.9 % topic, 93.3 % technique, harmful 100 % / 100 %.
BLIND_8 = DATA / "classifier_blind8.jsonl"
# Written blind at the end of the session and opened only to measure the same final model:
# 89.4 % topic, 92.8 % technique, harmful 97.8 % / 97.8 %.
BLIND_9 = DATA / "classifier_blind9.jsonl"
TRAIN_E = DATA / "classifier_train_e.jsonl"
# Session 11: blind6-9 were measured on the final model of session 10 (figures above), then
# trained on with train_e (480 remarks written by a helper from the definitions only, half of
# them the kinds that are hard to read by surface words).
TRAINED_SETS += [BLIND_6, BLIND_7, BLIND_8, BLIND_9, TRAIN_E]
# Thirty remarks for three word-sharing patterns (simulator/interview/data/
# classifier_training.yaml says why), added after blind12 was measured.
TRAIN_F = DATA / "classifier_train_f.jsonl"
TRAINED_SETS += [TRAIN_F]
# Written blind (definitions and case summaries only) before the session-11 training and
# sealed; measured once on the model before it (topic 87.2 %, technique 98.9 %, harmful
# precision 100 %, recall 100 %) and once on the final model; never trained on.
BLIND_10 = DATA / "classifier_blind10.jsonl"
BLIND_10_SHA256 = "4c42c86ffb57ef0e94e149269145bc163e0fb2d6c07c1300904e2622786adc20"
# Written blind while the session-11 model was being trained, sealed, opened once on the
# final model; never trained on.
BLIND_11 = DATA / "classifier_blind11.jsonl"
BLIND_11_SHA256 = "09abca5ff88db975240e23b340aedb3a3f7636f866cd3e9cd9711c68430387d0"
# Written blind after the session-11 model was final, sealed, opened once on it.
BLIND_12 = DATA / "classifier_blind12.jsonl"
BLIND_12_SHA256 = "3b142aca6b2d58e2c7f7e5b21fd1368c054ca877711a9a6adffc9d4202fbe302"
# Written blind after blind12 was measured (while train_f, the last change, was trained),
# sealed, opened once on the final model. The last blind set.
BLIND_13 = DATA / "classifier_blind13.jsonl"
BLIND_13_SHA256 = "6314fa98866439c9170fa8192620e639103542d29f4fafaa410fb94b7bca07a0"
HELD_OUT_SETS = (BLIND_10, BLIND_11, BLIND_12, BLIND_13)
ALL_SETS = [*TRAINED_SETS, *HELD_OUT_SETS]
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


def test_no_held_out_sentence_was_trained_on() -> None:
    # Minimal encouragers (「うん、うん」「ええ……」) are the same words for every writer; a
    # sentence two training writers both wrote (one so far) does no harm.
    # Seven blind6 sentences are word for word what an earlier writer also wrote (7 of 180);
    # without them blind6 scores 90.8 % topic / 91.3 % technique (benchmarks/README.md).
    coincidences = {
        # Five of blind10's 180 are word for word what an earlier writer also wrote.
        "お友達が、ここを調べて勧めてくれたんですね。",
        "お友達の家には、いつまでいられそうですか？",
        "管理会社からの書面には、いつまでに払うように書いてありました？",
        "前の会社から、離職票って届いてます？",
        "今夜泊まるところは、決まってますか？",
        # And one of blind11's 180.
        "娘さんに言われて、来てくださったんですね。",
        # And six of blind12's 180 (「お友達の家には…」 is listed above).
        "今夜、泊まるところは決まってますか？",
        "毎日「怠け者」って言われ続けたら、家にいるだけでしんどいですよね",
        "無遅刻無欠勤って、なかなかできることじゃないですよ。",
        "大事なことなので確認させてください。首を絞められたことは、ありますか。",
        "今日は、何か召し上がりましたか？",
        # And two of blind13's 180.
        "ゆっくりで大丈夫ですよ。",
        "消えてしまいたい、と思うことはありますか。",
    }
    trained = {str(i["text"]) for p in TRAINED_SETS for i in _items(p)}
    for path in HELD_OUT_SETS:
        texts = {str(i["text"]) for i in _items(path) if len(str(i["text"])) > 8}
        assert texts & trained <= coincidences, (path.name, sorted(texts & trained))


def test_the_held_out_set_is_sealed_and_never_trained_on() -> None:
    assert hashlib.sha256(BLIND_10.read_bytes()).hexdigest() == BLIND_10_SHA256
    assert hashlib.sha256(BLIND_11.read_bytes()).hexdigest() == BLIND_11_SHA256
    assert hashlib.sha256(BLIND_12.read_bytes()).hexdigest() == BLIND_12_SHA256
    assert hashlib.sha256(BLIND_13.read_bytes()).hexdigest() == BLIND_13_SHA256
    trained = {Path(s["set"]).name for s in model().trained_on}
    assert not trained & {p.name for p in HELD_OUT_SETS}
    assert trained == {p.name for p in TRAINED_SETS}


def test_the_shipped_model_was_trained_on_the_sets_as_they_are() -> None:
    # Editing a labelled set without retraining (python -m simulator.interview.training)
    # would leave a model that no longer says what its data says.
    for source in model().trained_on:
        path = DATA.parent.parent / source["set"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == source["sha256"], path


@pytest.fixture(scope="module")
def cases() -> dict[str, Scenario]:
    return {p.stem: load_scenario(p) for p in sorted(CASES.glob("*.yaml"))}


@pytest.mark.parametrize("path", TRAINED_SETS, ids=lambda p: p.stem)
def test_accuracy_targets_on_each_labelled_set(path: Path, cases: dict[str, Scenario]) -> None:
    report = evaluate_classifier(path, cases)
    assert report["topic_as_read_accuracy"] >= TOPIC_TARGET, report["errors"]
    assert report["technique_accuracy"] >= TECHNIQUE_TARGET, report["errors"]


def test_accuracy_targets_on_all_labelled_sets_together(cases: dict[str, Scenario]) -> None:
    reports = [evaluate_classifier(path, cases) for path in TRAINED_SETS]
    count = sum(r["count"] for r in reports)
    assert count >= 1500
    errors = [e for r in reports for e in r["errors"]]
    assert sum(r["topic_as_read_correct"] for r in reports) / count >= TOPIC_TARGET, errors
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
    assert "not understood" in result.explanation[-1]


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
        # Read as employment from session 10 until train_f (session 11).
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


def test_generic_words_are_ignored_next_to_a_domain_word(cases: dict[str, Scenario]) -> None:
    # In a case whose client is behind with the rent, the question is about housing; read
    # outside any case the model now files it under the complaint (0.63), a known weakness.
    text = "家賃のことで困っていることはありますか"
    for case_id in ("single-mother-taino", "netcafe-kyojuu", "tajuu-saimu-koureisha"):
        scenario = cases[case_id]
        read = classify(text, scenario.vocabulary, matcher(scenario).by_topic(text))
        assert read.topic is Topic.housing, (case_id, read.explanation)
    # The rule that carries this knowledge, which the model reads as a feature:
    result = classify_by_rules("家賃のことで困っていることはありますか")
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
    rules = classify_by_rules(
        "まとめますと、収入がなくなって、借金もあって、眠れてもいない、ということですね"
    )
    assert any("summary over" in line for line in rules.explanation)


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


@pytest.mark.parametrize(
    ("path", "floors"),
    [
        # Measured on the final model of session 11 (benchmarks/README.md). blind13, the
        # last set: topic 92.8 % as the interview reads it, technique 100 %, harmful
        # precision 100 %, recall 100 % (targets 90 / 90 / 95 / 90: met). blind12 (opened on
        # the model before train_f, then on the final one): 88.3 / 97.8 / 100 / 100. blind10
        # (measured once before the session's training: 87.2 %): 89.4 / 98.3 / 100 / 100.
        # blind11: 92.8 / 96.7 / 97.8 / 100. All four (720): topic 90.8 %, technique 98.2 %.
        # The floors catch a regression.
        (BLIND_10, {"topic_as_read_accuracy": 0.87, "technique_accuracy": 0.95}),
        (BLIND_11, {"topic_as_read_accuracy": 0.90, "technique_accuracy": 0.94}),
        (BLIND_12, {"topic_as_read_accuracy": 0.86, "technique_accuracy": 0.95}),
        (BLIND_13, {"topic_as_read_accuracy": 0.90, "technique_accuracy": 0.97}),
    ],
    ids=["blind10", "blind11", "blind12", "blind13"],
)
def test_held_out_figures_do_not_fall_below_what_was_measured(
    path: Path, floors: dict[str, float], cases: dict[str, Scenario]
) -> None:
    report = evaluate_classifier(path, cases)
    assert report["count"] == 180
    for key, floor in floors.items():
        assert report[key] >= floor, (key, report[key])
    assert report["topic_in_case_accuracy"] >= floors["topic_as_read_accuracy"]
    assert report["harmful_precision"] >= 0.95
    assert report["harmful_recall"] >= 0.90
