"""Each checker on small hand-built submissions (tests/rubric_helpers.py): one change at a
time from a careful assessment and plan of the 8050 case (hachimaru-gomaru)."""

from __future__ import annotations

import datetime as dt

import pytest

from simulator.models.casework import DomainFinding, DomainStatus, PlanSupport
from simulator.models.vocab import Technique, Topic, Urgency
from simulator.rubric import REGISTRY, default_rubric
from simulator.rubric.text import find_phrases
from tests.rubric_helpers import (
    DAY,
    edit,
    good_assessment,
    good_plan,
    level,
    make_case,
    notes,
    run,
    transcript,
)


def without_findings(*domains: Topic) -> list[DomainFinding]:
    return [f for f in good_assessment().findings if f.domain not in domains]


def with_supports(*supports: PlanSupport) -> object:
    return edit(good_plan(), supports=list(supports))


def test_every_checker_is_registered_and_named_in_the_rubric() -> None:
    named = {c.checker.name for c in default_rubric().criteria if c.checker}
    assert named == set(REGISTRY)


def test_the_good_forms_reach_level_3_everywhere() -> None:
    case = make_case()
    for name in REGISTRY:
        assert level(name, case) == 3, (name, run(name, case))


# -- coverage ----------------------------------------------------------------------------


def test_coverage_needs_the_disclosure_turn_not_just_the_domain() -> None:
    # Same domains marked as concerns, but citing turns that disclosed nothing there.
    wrong_turns = [
        edit(f, evidence=["t14"]) if f.status is DomainStatus.concern else f
        for f in good_assessment().findings
    ]
    case = make_case(edit(good_assessment(), findings=wrong_turns))
    result = run("coverage", case)
    assert result.level == 0
    assert "missed_disclosed" in {n.key for n in result.notes}


def test_coverage_text_alone_earns_nothing() -> None:
    # Notes that name every issue, with no concern status and no evidence.
    text = "ひきこもり、心臓の治療中断、年金だけの家計、年金未納、暴力、孤立。"
    flat = [DomainFinding(domain=f.domain, notes=text) for f in good_assessment().findings]
    assert level("coverage", make_case(edit(good_assessment(), findings=flat))) == 0


def test_coverage_weighs_by_severity() -> None:
    # Missing the mother's health (severity 3 of 14) leaves 11/14 = 79%: level 2.
    case = make_case(edit(good_assessment(), findings=without_findings(Topic.health)))
    assert level("coverage", case) == 2
    # Missing health and the household (son's withdrawal: both severity 3) leaves
    # 8/14 = 57%, but the withdrawal is still found through life_history (t03): 11/14.
    fewer = without_findings(Topic.health, Topic.household, Topic.life_history)
    assert level("coverage", make_case(edit(good_assessment(), findings=fewer))) == 1


def test_coverage_of_facts_never_disclosed_is_not_credited() -> None:
    tr = transcript(["daughter_urged", "son_withdrawn", "pension_only"])
    result = run("coverage", make_case(tr=tr))
    assert result.level == 0
    assert "missed_not_elicited" in {n.key for n in result.notes}


# -- urgent needs ----------------------------------------------------------------------


def test_urgent_need_disclosed_but_not_met_is_level_0() -> None:
    case = make_case(edit(good_assessment(), immediate_actions=[]))
    assert level("urgent_needs", case) == 0
    assert "not_met" in notes("urgent_needs", case)


def test_urgent_need_met_as_the_wrong_need_or_without_evidence_is_level_1() -> None:
    action = good_assessment().immediate_actions[0]
    wrong = edit(good_assessment(), immediate_actions=[edit(action, need=Urgency.no_food)])
    assert level("urgent_needs", make_case(wrong)) == 1
    bare = edit(good_assessment(), immediate_actions=[edit(action, evidence=["t14"])])
    assert level("urgent_needs", make_case(bare)) == 1


def test_urgent_need_without_a_date_is_level_2() -> None:
    action = edit(good_assessment().immediate_actions[0], done_on=None)
    case = make_case(edit(good_assessment(), immediate_actions=[action]))
    assert level("urgent_needs", case) == 2


def test_urgent_need_never_drawn_out_is_level_0() -> None:
    facts = [f.id for f in make_case().scenario.facts if f.id != "mother_health"]
    case = make_case(edit(good_assessment(), immediate_actions=[]), tr=transcript(facts))
    assert level("urgent_needs", case) == 0
    assert "not_elicited" in notes("urgent_needs", case)


# -- grounding ---------------------------------------------------------------------------


def test_no_plan_is_not_grounded() -> None:
    assert level("grounding", make_case(no_plan=True)) == 0


def test_support_for_a_domain_the_client_never_mentioned_is_flagged() -> None:
    # Violence was never disclosed (no son_violence), yet the plan adds the DV centre
    # and an issue resting on the abuse domain.
    facts = [f.id for f in make_case().scenario.facts if f.id != "son_violence"]
    plan = good_plan()
    issues = [*plan.issues, edit(plan.issues[0], id="i5", findings=[Topic.abuse])]
    dv = PlanSupport(resource="dv_centre", content="安全計画", issues=["i1"])
    case = make_case(
        edit(good_assessment(), findings=without_findings(Topic.abuse)),
        edit(plan, issues=issues, supports=[*plan.supports, dv]),
        transcript(facts),
    )
    result = run("grounding", case)
    assert {"issue_not_concern", "resource_undisclosed"} <= {n.key for n in result.notes}
    assert "plan.supports[5].resource" in result.evidence
    assert result.level == 2  # 2 of 20 links unfounded: 90%


def test_findings_citing_the_wrong_turns_lower_grounding() -> None:
    findings = [edit(f, evidence=["t14"]) for f in good_assessment().findings]
    case = make_case(edit(good_assessment(), findings=findings))
    assert level("grounding", case) == 1  # 9 of 20 links fail: 55%


# -- client voice ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("long", "short", "expected"),
    [
        (
            "私が先に死んでも、息子が困らんように暮らしていけるようにしたい。",
            "また病院に行って、心臓の薬をもらえるようにしたい。",
            3,
        ),
        ("安定した生活を送りたい。", "自立した生活", 0),
        ("生活の安定", "", 0),
        ("世帯の生活基盤の確保", "医療機関への受診勧奨", 1),
        ("私が先に死んでも、息子が困らんように暮らしていけるようにしたい。", "受診勧奨", 2),
        # A stock goal beside a bare line in the worker's words: nothing of the client's.
        ("安定した生活を目指す。", "受診勧奨", 0),
    ],
)
def test_client_voice(long: str, short: str, expected: int) -> None:
    plan = edit(good_plan(), long_term_goal=long, short_term_goal=short)
    assert level("client_voice", make_case(plan=plan)) == expected


def test_client_voice_refuses_pasted_learning_objectives() -> None:
    case = make_case()
    objective = case.scenario.learning_objectives[0].ja
    plan = edit(good_plan(), long_term_goal=objective, short_term_goal=objective)
    result = run("client_voice", make_case(plan=plan))
    assert result.level == 0
    assert "copied" in {n.key for n in result.notes}


# -- safety: consent -----------------------------------------------------------------------


def test_a_plan_linking_agencies_without_the_clients_consent_is_safety_1() -> None:
    unsigned = edit(good_plan(), consent=edit(good_plan().consent, agreed=False, agreed_on=None))
    result = run("safety", make_case(plan=unsigned))
    assert result.level == 1
    assert result.evidence == ("plan.consent.agreed",)
    consent = edit(good_assessment().consent, information_sharing=False)
    case = make_case(edit(good_assessment(), consent=consent))
    assert run("safety", case).evidence == ("assessment.consent.information_sharing",)


# -- strengths ---------------------------------------------------------------------------


def test_strengths_levels() -> None:
    assert level("strengths", make_case(edit(good_assessment(), strengths=[]))) == 0
    bare = [edit(s, evidence=[]) for s in good_assessment().strengths]
    assert level("strengths", make_case(edit(good_assessment(), strengths=bare))) == 1
    unused = edit(good_plan(), client_actions=[], supports=good_plan().supports[:1])
    assert level("strengths", make_case(plan=unused)) == 2


# -- stitching ---------------------------------------------------------------------------


def test_stitching_levels() -> None:
    s = good_plan().supports
    no_immediate = edit(good_assessment(), immediate_actions=[])
    assert level("stitching", make_case(no_immediate, with_supports())) == 0
    # Formal only, several agencies: 2. Informal only, one agency: 1.
    assert level("stitching", make_case(no_immediate, with_supports(*s[:4]))) == 2
    assert level("stitching", make_case(no_immediate, with_supports(s[4]))) == 1
    assert level("stitching", make_case(no_immediate, with_supports(s[0], s[4]))) == 3
    # Stitching judges the shape: a wrong resource (the housing benefit for an owned house)
    # still links another agency; resource_fit is where its fit costs.
    housing = PlanSupport(resource="housing_benefit", content="家賃補助", issues=["i3"])
    assert level("stitching", make_case(no_immediate, with_supports(s[4], housing))) == 3


# -- resource fit ------------------------------------------------------------------------


def test_resource_fit_wrong_and_ineligible_resources() -> None:
    s = good_plan().supports
    hello = PlanSupport(resource="hello_work", content="求人紹介", issues=["i2"])
    # One wrong resource among five fitting: level 1.
    assert level("resource_fit", make_case(plan=with_supports(*s, hello))) == 1
    # Owned house: the housing benefit's rules fail; with the wrong Hello Work: 2 unfit.
    housing = PlanSupport(resource="housing_benefit", content="家賃補助", issues=["i3"])
    result = run("resource_fit", make_case(plan=with_supports(s[0], hello, housing)))
    assert result.level == 0
    assert {"wrong_resource"} <= {n.key for n in result.notes}


def test_resource_fit_dv_centre_needs_violence_disclosed() -> None:
    dv = PlanSupport(resource="dv_centre", content="安全計画", issues=["i4"])
    plan = with_supports(*good_plan().supports, dv)
    assert level("resource_fit", make_case(plan=plan)) == 3  # violence disclosed (t09)
    facts = [f.id for f in make_case().scenario.facts if f.id != "son_violence"]
    result = run("resource_fit", make_case(plan=plan, tr=transcript(facts)))
    assert result.level == 1
    assert "undisclosed" in {n.key for n in result.notes}


def test_health_need_must_reach_a_health_service() -> None:
    s = good_plan().supports
    no_health = with_supports(s[0], s[2], s[3], s[4])
    assert level("resource_fit", make_case(plan=no_health)) == 1
    assert "health_unlinked" in notes("resource_fit", make_case(plan=no_health))


def test_resource_fit_few_fitting_is_level_2() -> None:
    s = good_plan().supports
    action = good_assessment().immediate_actions[0]
    a = edit(good_assessment(), immediate_actions=[edit(action, resource=None)])
    assert level("resource_fit", make_case(a, with_supports(s[1]))) == 2


# -- employment readiness ----------------------------------------------------------------


def test_hello_work_for_a_long_withdrawn_son_is_level_0() -> None:
    s = good_plan().supports
    hello = PlanSupport(resource="hello_work", content="求人紹介", issues=["i2"])
    assert level("employment_readiness", make_case(plan=with_supports(s[0], hello))) == 0
    # Even next to work preparation: Hello Work is listed as wrong for this case.
    plan = with_supports(*s, hello)
    assert level("employment_readiness", make_case(plan=plan)) == 0


def test_employment_readiness_steps() -> None:
    s = good_plan().supports
    assert level("employment_readiness", make_case(plan=with_supports(s[0]))) == 0
    untied = edit(s[2], issues=[])
    assert level("employment_readiness", make_case(plan=with_supports(s[0], untied))) == 1
    flat = edit(s[2], content="自宅訪問から生活リズムづくり")
    plan = edit(good_plan(), supports=[s[0], flat])
    assert level("employment_readiness", make_case(plan=plan)) == 2
    assert "no_next_step" in notes("employment_readiness", make_case(plan=plan))


def test_employment_not_an_issue_when_never_disclosed() -> None:
    facts = ["daughter_urged", "pension_only", "mother_health"]
    tr = transcript(facts)
    plan = with_supports(good_plan().supports[0])
    assert level("employment_readiness", make_case(plan=plan, tr=tr)) == 3
    forced = with_supports(*good_plan().supports[:3])
    assert level("employment_readiness", make_case(plan=forced, tr=tr)) == 1


# -- process ----------------------------------------------------------------------------


def test_process_counts_five_points() -> None:
    assert level("process", make_case()) == 3
    p = good_plan()
    long = edit(p, period_end=DAY + dt.timedelta(days=365))  # also breaks nothing else
    assert level("process", make_case(plan=long)) == 2
    late = edit(p, next_monitoring=DAY + dt.timedelta(days=170))
    assert level("process", make_case(plan=late)) == 2
    bare = edit(p, coordination_meeting=None, consent=edit(p.consent, agreed_on=None))
    assert level("process", make_case(plan=bare)) == 1
    assert level("process", make_case(no_plan=True)) == 0


def test_follow_up_is_read_from_its_field() -> None:
    p = good_plan()
    no_when = edit(p, follow_up=edit(p.follow_up, when=""))
    assert level("process", make_case(plan=no_when)) == 2
    assert "followup" in notes("process", make_case(plan=no_when))
    # Words about follow-up anywhere else earn nothing: the field is where it is planned.
    worded = edit(
        no_when, long_term_goal="終結後もフォローアップを続け、支援終了後も見守りを継続する。"
    )
    assert level("process", make_case(plan=worded)) == 2


# -- team and community ------------------------------------------------------------------


def test_team_levels() -> None:
    p, a = good_plan(), good_assessment()
    alone_a = edit(
        a, judgement="母の治療を急ぐ。", sharing=edit(a.sharing, supervision=[], two_person=False)
    )
    no_names = [edit(x, agency="山吹町") for x in p.supports]
    alone_p = edit(p, team=[], supports=no_names)
    assert level("team", make_case(alone_a, alone_p)) == 0
    # The sheet records supervision (with whom), no team roles: the descriptor's level 1.
    assert level("team", make_case(a, alone_p)) == 1
    assert level("team", make_case(alone_a, edit(p, supports=no_names))) == 2
    assert level("team", make_case()) == 3
    two_only = edit(alone_a, sharing=edit(alone_a.sharing, two_person=True))
    assert level("team", make_case(two_only, p)) == 3
    # A team row that names no one, or says nothing about what they handle, is no role.
    empty_rows = edit(alone_p, team=[edit(m, handles="") for m in p.team])
    assert level("team", make_case(alone_a, empty_rows)) == 0


def test_community_levels() -> None:
    s = good_plan().supports
    formal = [edit(x, content="支援", agency="町") for x in s[:4]]
    plan = edit(good_plan(), supports=formal, issues=good_plan().issues[:3], community_actions=[])
    assert level("community", make_case(plan=plan)) == 0
    talk = edit(plan, supports=[*formal, edit(formal[0], content="地域で見守る")])
    assert level("community", make_case(plan=talk)) == 1
    acted = edit(plan, community_actions=good_plan().community_actions)
    assert level("community", make_case(plan=acted)) == 1
    informal = edit(plan, supports=[*formal, edit(s[4], content="訪問", agency="")])
    assert level("community", make_case(plan=informal)) == 2
    assert level("community", make_case()) == 3


# -- language ----------------------------------------------------------------------------


def test_stigmatising_words_are_found_in_any_spelling() -> None:
    assert find_phrases("息子はなまけているだけだ", "stigma") == ["怠ける"]
    assert find_phrases("問題がある人という印象", "stigma") == ["問題のある人"]
    assert find_phrases("だらしがない生活", "stigma") == ["だらしがない"]


def test_language_levels_and_client_quotes() -> None:
    a = good_assessment()
    one = edit(a, judgement="息子の甘えが原因。")
    assert level("language", make_case(one)) == 2
    three = edit(a, judgement="息子は怠け者で、甘えている。自業自得だ。")
    result = run("language", make_case(three))
    assert result.level == 0
    assert result.evidence == ("assessment.judgement",)
    quoted = edit(a, judgement="娘は「お母さんが甘やかした、甘えだ」と言う。")
    assert level("language", make_case(quoted)) == 3


# -- interview technique -----------------------------------------------------------------


def test_interview_technique_levels() -> None:
    assert level("interview_technique", make_case()) == 3
    harmful = [Technique.judgement, Technique.blame, Technique.closed_question] * 2
    tr = transcript(techniques=harmful)
    result = run("interview_technique", make_case(tr=tr))
    assert result.level == 1  # 10 of 16 good (62%), 4 harmful
    assert set(result.evidence) == {"t01", "t02", "t04", "t05"}
    missed = transcript(missed_cues=[("mother_health", "t05")])
    assert level("interview_technique", make_case(tr=missed)) == 1  # no cue followed
    turns = list(missed.turns)
    turns[8] = turns[8].model_copy(update={"cue": "…", "cue_fact": "son_violence"})
    half = missed.model_copy(update={"turns": turns})
    assert level("interview_technique", make_case(tr=half)) == 2  # one of two followed
