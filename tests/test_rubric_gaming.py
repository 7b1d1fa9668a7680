"""Gaming resistance: no shortcut scores above an honest middling submission.

For every shipped scenario the reference is the middling exemplar
(tests/exemplars/<scenario>/middling.json) when it exists; until then a middling
submission is built here from the strong bot's interview: most issues recorded with
evidence, urgent needs met without dates, a few fitting resources, stock-phrase goals.
Each shortcut keeps the reference's interview (so only the writing differs) and must
not score above it:

* every resource of the region added to the plan;
* the case's own texts pasted in: learning objectives as goals, answer-key issue titles
  as the issues;
* keyword stuffing: every resource name and domain word in every text field;
* an empty plan with perfect consent, period, monitoring and meeting boxes.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from simulator.i18n import t
from simulator.interview import StrongBot, run_bot
from simulator.models.casework import (
    Assessment,
    ClientAction,
    Consent,
    DomainFinding,
    DomainStatus,
    ImmediateAction,
    Plan,
    PlanConsent,
    PlanIssue,
    PlanSupport,
    ScreeningDecision,
    ScreeningOutcome,
    StrengthNote,
)
from simulator.models.region import Region
from simulator.models.scenario import Scenario
from simulator.models.submission import Submission
from simulator.models.vocab import Topic
from simulator.persona import generate_persona
from simulator.rubric import Scorecard, Scorer, default_rubric
from simulator.rubric.loading import load_for_scoring
from simulator.scenario import list_scenarios, load_case
from tests.rubric_helpers import AT, edit

EXEMPLARS = Path(__file__).parent / "exemplars"
SCENARIOS = [p.stem for p in list_scenarios()]
SEED = 3


@cache
def scorer() -> Scorer:
    return Scorer(default_rubric())


def score(sub: Submission, scenario: Scenario, region: Region) -> Scorecard:
    return scorer().score(sub, scenario, region)


def built_middling(scenario: Scenario, region: Region) -> Submission:
    """A middling trainee's forms from the strong bot's interview of ``scenario``."""
    persona = generate_persona(scenario, region, SEED)
    tr = run_bot(StrongBot(), scenario, persona)
    day = scenario.reference_date
    told: dict[str, str] = {}
    for turn in tr.turns:
        for fact_id in turn.disclosed:
            told.setdefault(fact_id, turn.id)
    key = scenario.answer_key
    # Two of every three key issues are recorded, with the turns that disclosed them.
    domains: dict[Topic, list[str]] = {}
    for n, issue in enumerate(key.issues):
        if n % 3 == 2:
            continue
        for fact_id in issue.facts:
            fact = scenario.fact(fact_id)
            if fact is not None and fact_id in told and fact.domain is not Topic.strengths:
                domains.setdefault(fact.domain, []).append(told[fact_id])
    findings = [
        DomainFinding(
            domain=d, status=DomainStatus.concern, severity=2, notes="本人より聴取。", evidence=ev
        )
        for d, ev in domains.items()
    ]
    actions = [
        ImmediateAction(need=u.kind, action="対応した。", evidence=[told[u.fact]])
        for u in key.urgent_needs
        if u.fact in told
    ]
    assessment = Assessment(
        assessed_on=day,
        screening=ScreeningDecision(
            outcome=ScreeningOutcome.ongoing_support, reason="複数の課題があるため。"
        ),
        findings=findings,
        strengths=[StrengthNote(text=key.strengths[0].text.ja)] if key.strengths else [],
        immediate_actions=actions,
        judgement="複数の課題がある。制度につないで様子を見る。",
        consent=Consent(information_sharing=True, information_sharing_on=day),
    )
    issues = [
        PlanIssue(id=f"i{n}", text=f"{t(f'vocab.topic.{d.value}', 'ja')}の課題", findings=[d])
        for n, d in enumerate(domains, 1)
    ]
    ids = [i.id for i in issues] or ["i1"]
    fitting = [j.resource for j in key.fitting_resources if region.resource(j.resource)]
    supports = [
        PlanSupport(
            resource=rid,
            content="利用を調整する",
            agency=region.resource(rid).agency.ja,  # type: ignore[union-attr]
            issues=[ids[n % len(ids)]],
            period="6か月",
        )
        for n, rid in enumerate(fitting[: max(1, len(fitting) // 2)])
    ]
    plan = Plan(
        long_term_goal="安定した生活を送る",
        short_term_goal="必要な支援につながる",
        issues=issues,
        client_actions=[ClientAction(text="窓口に行く", issues=ids[:1], due_on=day)],
        supports=supports,
        period_start=day,
        period_end=day + dt.timedelta(days=180),
        next_monitoring=day + dt.timedelta(days=90),
        consent=PlanConsent(agreed=True, agreed_on=day),
    )
    return Submission(
        scenario_id=scenario.id,
        scenario_version=scenario.version,
        region_id=region.id,
        seed=SEED,
        trainee_id="middling",
        attempt_id="gaming",
        version=1,
        transcript=tr,
        assessment=assessment,
        plan=plan,
        created_at=AT,
        submitted_at=AT,
    )


@cache
def middling(scenario_id: str) -> tuple[Submission, Scenario, Region, str]:
    """The reference submission: the exemplar if written, else the one built here."""
    path = EXEMPLARS / scenario_id / "middling.json"
    if path.exists():
        loaded = load_for_scoring(path)
        return loaded.submission, loaded.scenario, loaded.region, "exemplar"
    scenario, region = load_case(scenario_id)
    return built_middling(scenario, region), scenario, region, "built"


def _plan_of(sub: Submission) -> Plan:
    return sub.plan or Plan()


def every_resource(sub: Submission, scenario: Scenario, region: Region) -> Submission:
    plan = _plan_of(sub)
    ids = [i.id for i in plan.issues]
    extra = [
        PlanSupport(resource=r.id, content=r.description.ja, agency=r.agency.ja, issues=ids)
        for r in region.resources
    ]
    return edit(sub, plan=edit(plan, supports=[*plan.supports, *extra]))


def pasted_case_text(sub: Submission, scenario: Scenario, region: Region) -> Submission:
    plan = _plan_of(sub)
    objectives = [o.ja for o in scenario.learning_objectives]
    concerns = {f.domain for f in sub.assessment.findings if f.status is DomainStatus.concern}
    issues = []
    for n, issue in enumerate(scenario.answer_key.issues, 1):
        domains = {scenario.fact(f).domain for f in issue.facts if scenario.fact(f)}  # type: ignore[union-attr]
        issues.append(
            PlanIssue(id=f"k{n}", text=issue.title.ja, findings=sorted(domains & concerns))
        )
    ids = [i.id for i in issues]
    supports = [edit(s, issues=ids[:1]) for s in plan.supports]
    actions = [edit(a, issues=ids[:1]) for a in plan.client_actions]
    pasted = edit(
        plan,
        long_term_goal=objectives[0],
        short_term_goal=objectives[-1],
        issues=issues,
        supports=supports,
        client_actions=actions,
    )
    return edit(sub, plan=pasted)


def stuffed(sub: Submission, scenario: Scenario, region: Region) -> Submission:
    words = [r.name.ja for r in region.resources]
    words += [t(f"vocab.topic.{d.value}", "ja") for d in Topic]
    stuffing = "、".join(words)[:1900]
    a = sub.assessment
    a = edit(
        a,
        findings=[edit(f, notes=stuffing) for f in a.findings],
        strengths=[edit(s, text=stuffing) for s in a.strengths],
        immediate_actions=[edit(x, action=stuffing) for x in a.immediate_actions],
        judgement=stuffing,
        screening=edit(a.screening, reason=stuffing),
    )
    plan = _plan_of(sub)
    plan = edit(
        plan,
        long_term_goal=stuffing,
        short_term_goal=stuffing,
        issues=[edit(i, text=stuffing) for i in plan.issues],
        client_actions=[edit(x, text=stuffing) for x in plan.client_actions],
        supports=[edit(s, content=stuffing, agency=stuffing[:200]) for s in plan.supports],
    )
    return edit(sub, assessment=a, plan=plan)


def empty_plan_perfect_boxes(sub: Submission, scenario: Scenario, region: Region) -> Submission:
    day = scenario.reference_date
    a = edit(
        sub.assessment,
        consent=Consent(
            information_sharing=True, information_sharing_on=day, database=True, database_on=day
        ),
    )
    plan = Plan(
        period_start=day,
        period_end=day + dt.timedelta(days=180),
        next_monitoring=day + dt.timedelta(days=90),
        coordination_meeting=day + dt.timedelta(days=14),
        consent=PlanConsent(agreed=True, agreed_on=day),
    )
    return edit(sub, assessment=a, plan=plan)


SHORTCUTS = {
    "every_resource": every_resource,
    "pasted_case_text": pasted_case_text,
    "keyword_stuffing": stuffed,
    "empty_plan_perfect_boxes": empty_plan_perfect_boxes,
}


@pytest.mark.parametrize("shortcut", sorted(SHORTCUTS))
@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_shortcut_does_not_beat_middling(scenario_id: str, shortcut: str) -> None:
    sub, scenario, region, source = middling(scenario_id)
    reference = score(sub, scenario, region)
    gamed = score(SHORTCUTS[shortcut](sub, scenario, region), scenario, region)
    assert gamed.max == reference.max
    assert gamed.total <= reference.total, (
        f"{shortcut} scored {gamed.total} > {source} middling {reference.total}: "
        + ", ".join(
            f"{g.id} {r.level}->{g.level}"
            for g, r in zip(gamed.criteria, reference.criteria, strict=True)
            if g.level != r.level
        )
    )
