"""The interview's language, an interpreter and a third person present (issue 13, "the
format grows"): the case states them, the trainee sees them before the first word, and a
plan that leaves the interpreting to a child or a friend is a red flag."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.models.casework import PlanSupport
from simulator.models.language import (
    InterpreterKind,
    JapaneseLevel,
    Language,
    ThirdPerson,
)
from simulator.models.submission import Submission
from simulator.models.vocab import Relation
from simulator.persona import generate_persona
from simulator.rubric.red_flags import find
from simulator.scenario import load_case
from simulator.scenario.library import default_cases_dir
from simulator.scenario.setting import setting_rows
from simulator.widgets.case_library import CaseLibraryModel
from simulator.widgets.interview_panel import InterviewPanel

CASE = "gaikokujin-muhoken"
STRONG = Path(__file__).parent / "exemplars" / CASE / "strong.json"


@cache
def _strong() -> Submission:
    return Submission.model_validate_json(STRONG.read_text(encoding="utf-8"))


def test_gaikokujin_speaks_fluent_japanese_but_reads_no_kanji_with_a_source() -> None:
    scenario, _ = load_case(CASE)
    lang = scenario.interview_language
    assert lang is not None
    assert lang.languages[0] is Language.tl
    assert lang.japanese_speaking is JapaneseLevel.fluent
    assert lang.japanese_reading is JapaneseLevel.basic
    assert lang.interpreter is InterpreterKind.phone
    assert lang.source is not None and "https://" in lang.source.ja
    friend = scenario.present[0]
    assert friend.interprets and friend.relation is Relation.other


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("ja", ["タガログ語", "話す: 流暢", "読む: 片言・かなのみ", "電話・映像通訳", "同席者"]),
        ("en", ["Tagalog", "speaking: fluent", "reading: basic", "phone or video", "Also present"]),
    ],
)
def test_the_case_library_shows_language_interpreter_and_who_is_present(
    locale: str, words: list[str]
) -> None:
    model = CaseLibraryModel(locale=locale)
    model.select(CASE)
    html = model.detail_html()
    for word in words:
        assert word in html


def test_the_interview_header_shows_the_friend_who_interprets() -> None:
    scenario, region = load_case(CASE)
    panel = InterviewPanel(scenario, generate_persona(scenario, region, 1), locale="ja")
    assert "通訳をしようとしている" in panel.chat.value
    assert "同じ教会に通うフィリピン人の友人" in panel.chat.value


def test_a_household_member_present_is_named_and_escaped() -> None:
    """A child present is named from the persona; an author's note is text, not HTML."""
    scenario, region = load_case("single-mother-taino")
    persona = generate_persona(scenario, region, 3)
    child = next(i for i, m in enumerate(persona.household) if m.living_together)
    member = persona.household[child]
    present = ThirdPerson(
        relation=member.relation,
        member=child,
        interprets=True,
        note={"ja": "<b>学校を休んで</b>来た", "en": "<b>missed school</b>"},
    )
    with_child = scenario.model_copy(update={"present": [present]})
    rows = dict(setting_rows(with_child, persona, "ja"))
    assert f"{member.name.given_kanji}さん（{member.age}歳）" in rows["同席者"]
    panel = InterviewPanel(with_child, persona, locale="ja")
    assert "&lt;b&gt;学校を休んで" in panel.chat.value
    assert "<b>学校" not in panel.chat.value


def test_a_native_speaker_who_comes_alone_has_no_setting_rows() -> None:
    scenario, region = load_case("single-mother-taino")
    assert setting_rows(scenario, generate_persona(scenario, region, 1)) == []


@pytest.mark.parametrize(
    ("content", "harmful"),
    [
        ("次回からは息子さんに通訳してもらい、役所の手続きを進める", True),
        ("病院には友人に通訳をお願いして同行してもらう", True),
        ("お子さんに通訳を頼んで、書類の内容を説明する", True),
        ("子どもに通訳させず、区のタガログ語の電話通訳を使う", False),
        ("友人に通訳を頼まず、専門の通訳を手配する", False),
        ("タガログ語の通訳同行、通知の翻訳、やさしい日本語での説明", False),
    ],
)
def test_a_plan_that_leaves_interpreting_to_a_child_or_friend_is_a_red_flag(
    content: str, harmful: bool
) -> None:
    """The shipped case's answer key catches it (data only: the red-flag finder is
    unchanged), and the hand-written strong plan stays clean."""
    scenario, _ = load_case(CASE)
    sub = _strong()
    assert sub.plan is not None
    assert not [
        h for h in find(scenario, sub.assessment, sub.plan) if h.flag.id == "lay-interpreter"
    ]
    plan = sub.plan.model_copy(
        update={"supports": [*sub.plan.supports, PlanSupport(agency="区役所", content=content)]}
    )
    hits = [h.path for h in find(scenario, sub.assessment, plan) if h.flag.id == "lay-interpreter"]
    assert hits == ([f"plan.supports[{len(sub.plan.supports)}]"] if harmful else [])


def test_a_lay_interpreter_without_its_red_flag_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A case that seats an interpreting friend or child must say, in its key, that
    relying on them harms: without the flag, validate warns (and --strict fails)."""
    text = (default_cases_dir() / f"{CASE}.yaml").read_text(encoding="utf-8")
    start = text.index("    - id: lay-interpreter")
    end = text.index("    - id: refuse-on-status")
    target = tmp_path / f"{CASE}.yaml"
    target.write_text(text[:start] + text[end:], encoding="utf-8")
    assert main(["validate", "--format", "json", str(target)]) == 0
    report = json.loads(capsys.readouterr().out)
    line = text.count("\n", 0, text.index("interprets: true")) + 1
    assert [(w["path"], w["line"]) for w in report["warnings"]] == [("present[0].interprets", line)]
    assert main(["validate", "--strict", str(target)]) == 2
