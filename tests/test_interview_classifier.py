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
BLIND_6_SHA256 = "7bcc9404c6f1b073703242f9debeea6c3bfd2326a7a15524b2f87aa8c081c354"
# Written blind after the last change, a third of it general intake questions, sealed
# (sha256 below) until the model was final; never trained on. The honest figures are
# measured on it (benchmarks/README.md).
BLIND_7 = DATA / "classifier_blind7.jsonl"
BLIND_7_SHA256 = "dd3303db57901c2fabad2ea6bc9e1f91da843e073baa9ff6d5eda410978e6a9b"
# Written blind after blind7 was measured and opened only to measure the same final model
# again (no change in between): 88.9 % topic, 93.3 % technique, harmful 100 % / 100 %.
BLIND_8 = DATA / "classifier_blind8.jsonl"
BLIND_8_SHA256 = "4816cf440929075f12c7afcf4aba1398e2ed7fc76afbff82576beec0ad31504a"
# Written blind at the end of the session and opened only to measure the same final model:
# 89.4 % topic, 92.8 % technique, harmful 97.8 % / 97.8 %.
BLIND_9 = DATA / "classifier_blind9.jsonl"
BLIND_9_SHA256 = "48e0992d26bde6c75cded0513a38e232f68e1a1711d84476ca342051276e2174"
HELD_OUT_SETS = (BLIND_6, BLIND_7, BLIND_8, BLIND_9)
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
        "娘さんに言われて、来てくださったんですね。",
        "今日は、何か召し上がりましたか？",
        "お食事は、ふだんどんなものを召し上がってますか。",
        "「いつお迎えが来てもいい」とおっしゃいましたけど…死んでしまいたいと思うことも、ありますか。",
        "娘さんの卒業式に出たい、奥さんを一人にはできない…そういうお気持ちも、ちゃんとあるんですね。",
        "保険年金課の窓口から、こちらを紹介されたんですね。",
        "就学援助は、年度の途中からでも申請できるんですよ。",
        # And four of blind7's 180.
        "国際交流協会の先生が、電話で予約してくれたんですね。",
        "今日は、何か口にされました？",
        "シフトが減ったのは、いつごろからですか？",
        "今は、お一人でお住まいですか？",
        # And three of blind8's 180.
        "税金をどう払っていくか、そこを相談したいということですね。",
        "お父さんとは、最近どんな感じですか。",
        "お友達が、ここを調べて勧めてくれたんですね。",
        # And two of blind9's 180 (a third, 「国際交流協会の先生が…」, is listed above).
        "バスの時刻まで調べてきてくださったんですね。ありがとうございます。",
        "友達の家には、いつまでいられそうですか。",
    }
    trained = {str(i["text"]) for p in TRAINED_SETS for i in _items(p)}
    for path in HELD_OUT_SETS:
        texts = {str(i["text"]) for i in _items(path) if len(str(i["text"])) > 8}
        assert texts & trained <= coincidences, (path.name, sorted(texts & trained))


def test_the_held_out_set_is_sealed_and_never_trained_on() -> None:
    assert hashlib.sha256(BLIND_6.read_bytes()).hexdigest() == BLIND_6_SHA256
    assert hashlib.sha256(BLIND_7.read_bytes()).hexdigest() == BLIND_7_SHA256
    assert hashlib.sha256(BLIND_8.read_bytes()).hexdigest() == BLIND_8_SHA256
    assert hashlib.sha256(BLIND_9.read_bytes()).hexdigest() == BLIND_9_SHA256
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
        pytest.param(
            "お仕事が休みの日は、何をしていますか",
            Topic.social,
            # Known misreading since the topic model reads the case (issue 11 note): the
            # words of work outweigh the phrase. Strict: it fails loudly once it reads right.
            marks=pytest.mark.xfail(strict=True, reason="read as employment"),
        ),
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
        # Measured once each on the final model (benchmarks/README.md). blind7: topic 87.2 %
        # as the interview reads it (73.9 % from the remark alone; the 90 % target is missed),
        # technique 93.3 %, harmful precision 97.6 %, recall 93.2 %. blind6: 92.2 / 91.7 /
        # 100 / 97.7. blind8: 88.9 / 93.3 / 100 / 100. blind9: 89.4 / 92.8 / 97.8 / 97.8.
        # The floors catch a regression.
        (BLIND_7, {"topic_as_read_accuracy": 0.85, "technique_accuracy": 0.91}),
        (BLIND_6, {"topic_as_read_accuracy": 0.90, "technique_accuracy": 0.90}),
        (BLIND_8, {"topic_as_read_accuracy": 0.87, "technique_accuracy": 0.91}),
        (BLIND_9, {"topic_as_read_accuracy": 0.87, "technique_accuracy": 0.91}),
    ],
    ids=["blind7", "blind6", "blind8", "blind9"],
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
