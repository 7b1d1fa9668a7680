"""Feedback data: evidence pointers resolve to words a counsellor reads, never markup."""

from __future__ import annotations

from pathlib import Path

from simulator.i18n import t
from simulator.models.submission import Submission
from simulator.rubric.feedback import field_label, resolve_evidence

EXEMPLAR = Path(__file__).parent / "exemplars" / "hiseiki-kinkyuu" / "strong.json"


def submission() -> Submission:
    return Submission.model_validate_json(EXEMPLAR.read_text(encoding="utf-8"))


def test_field_paths_read_as_form_names() -> None:
    s = submission()
    domain = s.assessment.findings[0].domain
    assert field_label("plan.supports[2].resource", s, "ja") == "プラン › 支援内容 › 3 › 社会資源"
    assert field_label("plan.long_term_goal", s, "en") == "plan › long-term goal"
    # A finding is named by its domain, not by its row number.
    expected = f"アセスメント › {t(f'vocab.topic.{domain.value}', 'ja')} › 内容"
    assert field_label("assessment.findings[0].notes", s, "ja") == expected


def test_turn_evidence_shows_both_sides_of_the_exchange() -> None:
    s = submission()
    turn = s.transcript.turns[0]
    ref = resolve_evidence(turn.id, s, "ja")
    # Named by its number and first words, as the trainee remembers it, not by its id.
    said = turn.text or ""
    words = said if len(said) <= 15 else said[:15] + "…"
    assert ref.label == f"1回目の発言「{words}」"
    assert turn.id not in ref.label
    assert turn.reply in ref.detail and ref.detail.startswith("相談員:")


def test_field_evidence_shows_the_value_and_unknown_pointers_say_so() -> None:
    s = submission()
    ref = resolve_evidence("plan.long_term_goal", s, "ja")
    assert ref.detail == s.plan.long_term_goal  # type: ignore[union-attr]
    missing = resolve_evidence("plan.supports[99].resource", s, "ja")
    assert "見当たりません" in missing.detail


def test_a_harmful_plan_says_needs_review_above_its_total() -> None:
    from simulator.rubric.files import default_rubric
    from simulator.rubric.scorecard import score_submission
    from simulator.scenario import load_case
    from simulator.widgets.feedback_view import FeedbackView

    root = Path(__file__).parent / "exemplars" / "dv-higaisha"
    shown = {}
    for level in ("strong", "redflag"):
        sub = Submission.model_validate_json((root / f"{level}.json").read_text("utf-8"))
        scenario, region = load_case("dv-higaisha")
        card = score_submission(sub, scenario, region)
        view = FeedbackView(card, default_rubric(), sub, locale="ja")
        shown[level] = (card, view.children[0].value)
    strong, harmful = shown["strong"], shown["redflag"]
    assert not strong[0].needs_review and "要確認" not in strong[1]
    assert harmful[0].needs_review and "要確認" in harmful[1]
    assert harmful[0].total <= int(0.33 * harmful[0].max) < strong[0].total
    safety = harmful[0].criterion("safety")
    assert safety is not None and safety.level == 0
    assert safety.evidence == ["plan.supports[1]"]  # the call to the husband


def test_a_ticked_box_as_evidence_reads_as_words_not_python() -> None:
    s = submission()
    ref = resolve_evidence("assessment.consent.information_sharing", s, "ja")
    assert ref.detail in {"チェックあり", "チェックなし"}
    assert resolve_evidence("plan.consent.agreed", s, "en").detail in {"ticked", "not ticked"}


def test_field_evidence_reads_as_the_trainee_wrote_it_in_japanese() -> None:
    from simulator.scenario import load_case

    s = submission()
    _, region = load_case(s.scenario_id)
    action = s.assessment.immediate_actions[0]
    ref = resolve_evidence("assessment.immediate_actions[0]", s, "ja", region)
    # Label and words, never JSON, English keys or ids of the catalogue.
    assert f"支援: {action.action}" in ref.detail
    assert "社会資源: フードバンクさくらがわ" in ref.detail
    assert "ニーズ: 食べるものがない" in ref.detail
    for code in ("{", "[", "need", "resource", "food_bank", action.resource or "?"):
        assert code not in ref.detail, code
    finding = resolve_evidence("assessment.findings[0]", s, "ja", region).detail
    assert "状況: 課題あり" in finding and "深刻度: 重度" in finding
    assert "field." not in finding
    # Plan issues are named by number and text, not by their internal id.
    support = resolve_evidence("plan.supports[0]", s, "ja", region).detail
    assert "課題: 課題 2（" in support and "i2" not in support


def test_an_empty_field_says_so_in_words() -> None:
    s = submission()
    assert s.plan is not None
    blank = s.plan.model_copy(update={"long_term_goal": "", "act_programmes": []})
    s = s.model_copy(update={"plan": blank})
    for pointer in ("plan.long_term_goal", "plan.act_programmes"):
        assert resolve_evidence(pointer, s, "ja").detail == "（この欄は空欄のまま提出されました）"
    assert resolve_evidence("plan.act_programmes", s, "en").detail == "(this field was left empty)"


def test_a_turn_is_named_by_its_number_and_first_words_in_each_language() -> None:
    s = submission()
    third = s.transcript.turns[2]
    ja = resolve_evidence(third.id, s, "ja").label
    en = resolve_evidence(third.id, s, "en").label
    assert ja.startswith("3回目の発言「") and en.startswith("Turn 3 (")
    said = third.text or ""
    assert said[:10] in ja and said[:10] in en
    # A field citing turns lists them the same way; an id the transcript lacks says so.
    findings = list(s.assessment.findings)
    findings[0] = findings[0].model_copy(update={"evidence": [third.id, "t99"]})
    cited = s.model_copy(
        update={"assessment": s.assessment.model_copy(update={"findings": findings})}
    )
    detail = resolve_evidence("assessment.findings[0].evidence", cited, "ja").detail
    assert "3回目の発言「" in detail and "発言 t99（面接記録にありません）" in detail
    assert third.id not in detail.replace("t99", "")
