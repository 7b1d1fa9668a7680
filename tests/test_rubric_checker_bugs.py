"""The checker bugs of issue 12, one test each, named for the bug (each failed before its
fix). Small hand-built submissions (tests/rubric_helpers.py), one change at a time."""

from __future__ import annotations

from simulator.models.casework import (
    ClientAction,
    ImmediateAction,
    IntakeChecklist,
    Plan,
    PlanIssue,
    PlanSupport,
    ScreeningDecision,
    ScreeningOutcome,
    StrengthNote,
)
from simulator.models.region import Resource
from simulator.models.vocab import IntakeCategory, ResourceKind, Topic, Urgency
from simulator.rubric import Case
from tests.rubric_helpers import DAY, edit, good_assessment, good_plan, make_case, transcript
from tests.test_rubric_checkers import level, notes, run


def _plan(*supports: PlanSupport, domain: Topic = Topic.employment) -> Plan:
    """A one-issue plan resting on ``domain`` with these supports."""
    return edit(
        good_plan(),
        issues=[PlanIssue(id="i1", text="仕事のこと", findings=[domain])],
        client_actions=[ClientAction(text="次の面談に来る", issues=["i1"], due_on=DAY)],
        supports=list(supports),
    )


def _with_resource(case: Case, resource: Resource) -> Case:
    region = case.region.model_copy(update={"resources": [*case.region.resources, resource]})
    return Case(case.scenario, region, case.persona, case.transcript, case.assessment, case.plan)


def _other_resource(resource_id: str, description: str) -> Resource:
    base = make_case().region.resources[0]
    return base.model_copy(
        update={
            "id": resource_id,
            "kind": ResourceKind.other,
            "description": base.description.model_copy(update={"ja": description}),
            "eligibility": [],
        }
    )


# -- employment_readiness ---------------------------------------------------------------


def test_employment_preparation_is_read_from_the_region_resource_not_a_hard_coded_id() -> None:
    # The id youth_support_station used to count as work preparation in any case. Here it
    # is a phone line about daily life: no step towards work for the withdrawn son.
    phone = _other_resource("youth_support_station", "暮らしの困りごとを電話で聞く窓口。")
    support = PlanSupport(resource="youth_support_station", content="電話相談", issues=["i2"])
    plan = edit(good_plan(), supports=[good_plan().supports[0], support])
    case = _with_resource(make_case(plan=plan), phone)
    assert level("employment_readiness", case) == 0
    assert "none" in notes("employment_readiness", case)
    # A local service of kind `other` whose description offers work experience is a
    # preparation step, whatever its id.
    station = _other_resource("sapo_station", "職場体験やコミュニケーション講座で就労を準備する。")
    support = edit(support, resource="sapo_station", content="次の段階として職場体験へ")
    plan = edit(good_plan(), supports=[good_plan().supports[0], support])
    assert level("employment_readiness", _with_resource(make_case(plan=plan), station)) >= 2


def test_employment_support_at_the_wrong_step_is_level_1_not_0() -> None:
    # DV case: she works part-time and is ready; work preparation is the wrong step. The
    # descriptor's level 1 ("at the wrong step"), not 0.
    prep = PlanSupport(resource="work_preparation", content="生活リズムから", issues=["i1"])
    case = make_case(plan=_plan(prep), scenario_id="dv-higaisha")
    result = run("employment_readiness", case)
    assert result.level == 1
    assert {n.key for n in result.notes} == {"wrong_step"}
    assert result.notes[0].evidence == ("plan.supports[0]",)


def test_work_is_an_issue_when_the_trainee_marks_it_not_only_when_the_key_does() -> None:
    # The answer key of the tax-arrears case lists no work issue; the client spoke of his
    # job and the trainee's intake checklist marks job search. A plan with no employment
    # support at all is then the descriptor's level 0.
    legal = PlanSupport(resource="legal_aid", content="債務の相談", issues=["i1"])
    plan = _plan(legal, domain=Topic.debt)
    scenario = "kishinen-ippan-soudan"

    def checked(*categories: IntakeCategory) -> Case:
        forms = edit(good_assessment(), checklist=IntakeChecklist(checked=list(categories)))
        return make_case(forms, plan, scenario_id=scenario)

    assert level("employment_readiness", checked(IntakeCategory.debt)) == 3
    case = checked(IntakeCategory.debt, IntakeCategory.job_search)
    assert level("employment_readiness", case) == 0
    assert "none" in notes("employment_readiness", case)


# -- strengths ---------------------------------------------------------------------------


def test_a_strength_sharing_word_runs_with_the_debriefs_fact_summary_still_counts() -> None:
    # The debrief showed the trainee the fact's summary; a strength written from it, in
    # part in the same words, is the trainee's and is built on by the plan (level 3).
    own = "息子は口数は少ないが、母が寝込んだときに粥を作り、母を気遣っている優しさがある。"
    case = make_case(edit(good_assessment(), strengths=[StrengthNote(text=own, evidence=["t13"])]))
    assert case.copied(own)  # what used to reject it
    assert level("strengths", case) == 3
    # A near-verbatim copy of the summary is not the trainee's words.
    summary = case.scenario.fact("son_kindness")
    assert summary is not None
    pasted = StrengthNote(text=summary.summary.ja, evidence=["t13"])
    assert level("strengths", make_case(edit(good_assessment(), strengths=[pasted]))) == 0


# -- grounding ---------------------------------------------------------------------------


def test_client_actions_about_people_the_client_never_mentioned_are_not_grounded() -> None:
    actions = [
        ClientAction(text="兄に相談して、お金を借りる", issues=["i3"], due_on=DAY),
        ClientAction(text="友人と一緒に病院へ行く", issues=["i1"], due_on=DAY),
    ]
    result = run("grounding", make_case(plan=edit(good_plan(), client_actions=actions)))
    assert result.level == 2
    flagged = [n for n in result.notes if n.key == "action_unmentioned_person"]
    assert [n.values["who"] for n in flagged] == ["兄", "友人"]
    # The people she did speak of (her son, by any name) are fine.
    son = [ClientAction(text="長男に保健師さんのことを伝える", issues=["i2"], due_on=DAY)]
    assert level("grounding", make_case(plan=edit(good_plan(), client_actions=son))) == 3


# -- resource_fit ------------------------------------------------------------------------


def test_a_household_members_untreated_illness_must_reach_a_health_service() -> None:
    # The wife collapsed at work and has not seen a doctor; the client said nothing about
    # his own health. A plan with no health service misses her need.
    scenario = "moto-keieisha-futoukou"
    facts = ["shop_closed", "wife_three_jobs", "wife_collapsed", "business_debt", "tax_arrears"]
    supports = [
        PlanSupport(resource="legal_aid", content="債務整理の相談", issues=["i1"]),
        PlanSupport(resource="household_budget", content="家計の見直し", issues=["i1"]),
    ]
    plan = _plan(*supports, domain=Topic.debt)
    no_actions = edit(good_assessment(), immediate_actions=[])
    tr = transcript(facts, scenario_id=scenario)
    result = run("resource_fit", make_case(no_actions, plan, tr, scenario_id=scenario))
    assert result.level == 1
    unlinked = [n for n in result.notes if n.key == "household_health_unlinked"]
    assert unlinked and unlinked[0].evidence == ("t03",)
    health = PlanSupport(resource="health_centre", content="妻の受診の相談", issues=["i1"])
    linked = _plan(*supports, health, domain=Topic.debt)
    case = make_case(no_actions, linked, tr, scenario_id=scenario)
    assert "household_health_unlinked" not in notes("resource_fit", case)


# -- urgent_needs ------------------------------------------------------------------------


def test_a_disclosed_urgent_need_with_no_action_is_level_0_even_when_another_was_met() -> None:
    # Food and eviction both disclosed; only food is met. The eviction has no action at
    # all: the descriptor's level 0 (it used to be 1, "the wrong need").
    scenario = "hiseiki-kinkyuu"
    case = make_case(scenario_id=scenario)
    food_turn = case.disclosed_in["no_food"]
    food = ImmediateAction(
        need=Urgency.no_food, action="フードバンクで食料を渡した", done_on=DAY, evidence=[food_turn]
    )
    result = run(
        "urgent_needs",
        make_case(edit(good_assessment(), immediate_actions=[food]), scenario_id=scenario),
    )
    assert result.level == 0
    assert {n.key for n in result.notes} == {"not_met"}


# -- screening ---------------------------------------------------------------------------


def test_answer_key_screening_is_scored_a_closed_case_cuts_the_client_off() -> None:
    assert level("safety", make_case()) == 3
    for outcome in (ScreeningOutcome.information_only, ScreeningOutcome.hand_off):
        screening = ScreeningDecision(outcome=outcome, reason="情報提供のみで終了")
        case = make_case(edit(good_assessment(), screening=screening))
        result = run("safety", case)
        assert result.level == 1
        assert [n.key for n in result.notes] == ["screened_out"]
        assert result.evidence == ("assessment.screening.outcome",)
