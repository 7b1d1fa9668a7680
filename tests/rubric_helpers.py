"""Hand-built submissions for the rubric tests (tests/test_rubric_*.py).

The case is hachimaru-gomaru (an 8050 household in yamabuki-town), seed 1. The
transcript is built turn by turn: each of the scenario's facts is disclosed on its own
turn, in file order (t01 daughter_urged ... t13 son_kindness), followed by three turns
that disclose nothing. ``good_assessment`` and ``good_plan`` are what a careful trainee
would write from that interview; the tests change one thing at a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from simulator.models.casework import (
    ActProgramme,
    Assessment,
    ClientAction,
    Consent,
    DomainFinding,
    DomainStatus,
    ImmediateAction,
    IntakeChecklist,
    Plan,
    PlanConsent,
    PlanIssue,
    PlanSupport,
    ScreeningDecision,
    ScreeningOutcome,
    StrengthNote,
    UrgencyLevel,
)
from simulator.models.region import Region
from simulator.models.scenario import Scenario
from simulator.models.submission import Submission
from simulator.models.teamwork import (
    CaseSharing,
    CommunityAction,
    CommunityActionKind,
    FollowUp,
    Supervision,
    TeamMember,
    TeamRole,
)
from simulator.models.transcript import MissedCue, Phase, Transcript, Turn
from simulator.models.vocab import IntakeCategory, Technique, Topic, Urgency
from simulator.persona import generate_persona
from simulator.rubric import REGISTRY, Case, CheckResult, default_rubric
from simulator.scenario import load_case

SCENARIO_ID = "hachimaru-gomaru"
SEED = 1
DAY = dt.date(2025, 4, 8)
AT = dt.datetime(2025, 4, 8, 1, 0, tzinfo=dt.UTC)


@cache
def case_files(scenario_id: str = SCENARIO_ID) -> tuple[Scenario, Region]:
    """The shipped scenario and its region."""
    return load_case(scenario_id)


def turn(
    n: int,
    reply: str = "はい…。",
    *,
    disclosed: Sequence[str] = (),
    technique: Technique | None = Technique.open_question,
    topic: Topic | None = None,
    cue_fact: str | None = None,
) -> Turn:
    """One transcript turn with plausible bookkeeping."""
    return Turn(
        id=f"t{n:02d}",
        topic=topic,
        technique=technique,
        reply=reply,
        rapport_before=40,
        rapport_after=44,
        distress_after=20,
        phase=Phase.exploring,
        disclosed=list(disclosed),
        cue="…いえ、何でもないです。" if cue_fact else None,
        cue_fact=cue_fact,
    )


def transcript(
    facts: Iterable[str] | None = None,
    *,
    techniques: Sequence[Technique] = (),
    missed_cues: Sequence[tuple[str, str]] = (),
    scenario_id: str = SCENARIO_ID,
) -> Transcript:
    """Each fact disclosed on its own turn (its first wording), then three quiet turns.

    ``techniques`` overrides the technique of the first turns, in order;
    ``missed_cues`` lists (fact, turn id) pairs of cues nobody followed up.
    """
    scenario, _ = case_files(scenario_id)
    chosen = [f.id for f in scenario.facts] if facts is None else list(facts)
    turns = []
    for n, fact_id in enumerate(chosen, 1):
        fact = scenario.fact(fact_id)
        assert fact is not None, fact_id
        turns.append(turn(n, fact.wordings[0], disclosed=[fact_id], topic=fact.domain))
    for n in range(len(chosen) + 1, len(chosen) + 4):
        turns.append(turn(n, technique=Technique.reflection))
    for i, tech in enumerate(techniques):
        turns[i] = turns[i].model_copy(update={"technique": tech})
    cue_turns = {t: f for f, t in missed_cues}
    turns = [
        t.model_copy(update={"cue": "…", "cue_fact": cue_turns[t.id]}) if t.id in cue_turns else t
        for t in turns
    ]
    return Transcript(
        scenario_id=scenario.id,
        scenario_version=scenario.version,
        seed=SEED,
        turn_budget=scenario.turn_budget,
        initial_rapport=22,
        presenting_complaint=scenario.presenting_complaint[0],
        turns=turns,
        disclosed_facts=chosen,
        missed_cues=[MissedCue(fact=f, turn=t, cue="…") for f, t in missed_cues],
    )


def finding(
    domain: Topic, evidence: Sequence[str], notes: str = "", severity: int = 2
) -> DomainFinding:
    """A concern finding."""
    return DomainFinding(
        domain=domain,
        status=DomainStatus.concern,
        severity=severity,
        notes=notes or f"{domain.value}について本人から聴き取った。",
        evidence=list(evidence),
    )


def good_assessment() -> Assessment:
    """A careful assessment of the full interview."""
    return Assessment(
        assessed_on=DAY,
        screening=ScreeningDecision(
            outcome=ScreeningOutcome.ongoing_support,
            reason="母の健康と息子の長期ひきこもりが重なり、継続的な支援が必要。",
        ),
        checklist=IntakeChecklist(
            checked=[
                IntakeCategory.health,
                IntakeCategory.income,
                IntakeCategory.withdrawal,
                IntakeCategory.family,
                IntakeCategory.dv_abuse,
                IntakeCategory.arrears,
            ],
            most_pressing=IntakeCategory.health,
        ),
        findings=[
            finding(Topic.referral, ["t01"], "娘が心配して予約した。"),
            finding(Topic.household, ["t02"], "息子は約20年ひきこもり。", 3),
            finding(
                Topic.life_history, ["t03"], "息子は工場に10年勤めた後、職場の人間関係で離職。"
            ),
            finding(Topic.income, ["t04", "t05"], "母の年金のみ。貯蓄が減っている。"),
            finding(Topic.debt, ["t06"], "息子の国民年金が未納。"),
            finding(Topic.health, ["t07", "t10"], "母が心臓の治療を2か月中断。息子は未受診。", 3),
            finding(Topic.mental_health, ["t08"], "母は親亡き後を思い眠れない。"),
            finding(Topic.abuse, ["t09"], "息子が物に当たる。母が突き飛ばされたことがある。"),
            finding(Topic.social, ["t11"], "近所や民生委員に隠している。"),
        ],
        strengths=[
            StrengthNote(
                text="息子は寝込んだ母にお粥を作るなど、母を気づかう優しさがある。",
                evidence=["t13"],
            ),
            StrengthNote(text="息子は工場で10年勤め続けた経験がある。", evidence=["t03"]),
        ],
        urgency=UrgencyLevel.immediate,
        immediate_actions=[
            ImmediateAction(
                need=Urgency.untreated_illness,
                action="息切れとむくみを確認し、当日中に保健師と連携して受診を調整した。",
                resource="community_care_centre",
                done_on=DAY,
                evidence=["t07"],
            )
        ],
        judgement=(
            "母の治療中断と家計の先細りが急ぐ課題。息子には訪問から段階的に関わる。"
            "主任相談支援員に相談し、チームで対応する。"
        ),
        consent=Consent(
            information_sharing=True,
            information_sharing_on=DAY,
            database=True,
            database_on=DAY,
        ),
        sharing=CaseSharing(
            supervision=[
                Supervision(
                    held_on=DAY,
                    with_whom="主任相談支援員",
                    about="母への暴力の危険と、息子への関わり方",
                )
            ],
            two_person=True,
            second_worker="主任相談支援員",
        ),
    )


def good_plan() -> Plan:
    """A plan in the client's words, grounded, stitched and dated."""
    return Plan(
        long_term_goal="私が先に死んでも、息子が困らんように暮らしていけるようにしたい。",
        short_term_goal="また病院に行って、心臓の薬をもらえるようにしたい。",
        issues=[
            PlanIssue(id="i1", text="母の心臓の治療が止まっている", findings=[Topic.health]),
            PlanIssue(
                id="i2",
                text="息子が長く家から出ていない",
                findings=[Topic.household, Topic.life_history],
            ),
            PlanIssue(
                id="i3", text="年金だけの家計と息子の年金未納", findings=[Topic.income, Topic.debt]
            ),
            PlanIssue(id="i4", text="地域に知られたくなくて孤立している", findings=[Topic.social]),
        ],
        client_actions=[
            ClientAction(text="来週、保健師さんと一緒に病院へ行く", issues=["i1"], due_on=DAY),
            ClientAction(
                text="息子に、お粥のお礼と一緒に保健師さんの訪問のことを伝える",
                issues=["i2"],
                due_on=DAY + dt.timedelta(days=14),
            ),
        ],
        supports=[
            PlanSupport(
                resource="community_care_centre",
                content="受診と服薬の再開、通院手段の調整",
                agency="山吹町地域包括支援センター",
                issues=["i1"],
                period="3か月",
                frequency="月2回",
            ),
            PlanSupport(
                resource="health_centre",
                content="保健師の家庭訪問で息子に会う。母を気づかう優しさを入口にする。",
                agency="山吹町保健福祉課（保健師）、主任相談支援員と同行",
                issues=["i2"],
                period="6か月",
                frequency="月1回",
            ),
            PlanSupport(
                resource="work_preparation",
                content="息子と会えたら自宅訪問から生活リズムづくりへ。次の段階として農作業体験も検討。",
                agency="就労支援員",
                issues=["i2"],
                period="6か月",
                frequency="月2回",
            ),
            PlanSupport(
                resource="household_budget",
                content="家計を見える化し、息子の国民年金の免除申請を手伝う",
                agency="家計改善支援員",
                issues=["i3"],
                period="3か月",
                frequency="月1回",
            ),
            PlanSupport(
                resource="minsei_iin",
                content="伝える範囲を母と決めたうえで、地域での見守りをお願いする。終結後も見守りを続ける。",
                agency="地区の民生委員",
                issues=["i4"],
                period="6か月",
                frequency="月1回",
            ),
        ],
        act_programmes=[ActProgramme.work_preparation, ActProgramme.household_budget],
        period_start=DAY,
        period_end=DAY + dt.timedelta(days=182),
        next_monitoring=DAY + dt.timedelta(days=91),
        coordination_meeting=DAY + dt.timedelta(days=14),
        team=[
            TeamMember(
                role=TeamRole.employment_counsellor,
                who="就労支援員",
                handles="息子への自宅訪問と生活リズムづくり",
                issues=["i2"],
            ),
            TeamMember(
                role=TeamRole.budget_counsellor,
                who="家計改善支援員",
                handles="家計の見える化と年金の免除申請",
                issues=["i3"],
            ),
        ],
        community_actions=[
            CommunityAction(
                kind=CommunityActionKind.watching_over,
                what="伝える範囲を母と決めたうえで、民生委員に地域での見守りをお願いする",
                with_whom="地区の民生委員",
                when="5月から月1回",
            )
        ],
        follow_up=FollowUp(
            when="終結後3か月", how="民生委員の見守りを続け、様子を聞く", by_whom="担当相談支援員"
        ),
        consent=PlanConsent(agreed=True, agreed_on=DAY),
    )


def make_case(
    assessment: Assessment | None = None,
    plan: Plan | None = None,
    tr: Transcript | None = None,
    *,
    no_plan: bool = False,
    scenario_id: str = SCENARIO_ID,
) -> Case:
    """A Case of the test interview; defaults are the good forms."""
    scenario, region = case_files(scenario_id)
    return Case(
        scenario=scenario,
        region=region,
        persona=generate_persona(scenario, region, SEED),
        transcript=tr or transcript(scenario_id=scenario_id),
        assessment=assessment or good_assessment(),
        plan=None if no_plan else (plan or good_plan()),
    )


def edit(model: Any, **changes: Any) -> Any:
    """A copy of a frozen model with some fields changed (validated again)."""
    data = {name: getattr(model, name) for name in type(model).model_fields}
    data.update(changes)
    return type(model).model_validate(data)


def submission_of(case: Case, trainee: str = "tester", attempt: str = "a1") -> Submission:
    """The case's forms as a submission."""
    return Submission(
        scenario_id=case.scenario.id,
        scenario_version=case.scenario.version,
        region_id=case.region.id,
        seed=SEED,
        trainee_id=trainee,
        attempt_id=attempt,
        version=1,
        transcript=case.transcript,
        assessment=case.assessment,
        plan=case.plan,
        created_at=AT,
        submitted_at=AT + dt.timedelta(hours=5),
    )


def run(name: str, case: Case) -> CheckResult:
    """Apply checker ``name`` with the parameters the shipped rubric gives it."""
    criterion = next(c for c in default_rubric().criteria if c.checker and c.checker.name == name)
    assert criterion.checker is not None
    spec = REGISTRY[name]
    return spec.run(case, spec.parse(criterion.checker.params))


def level(name: str, case: Case) -> int:
    """The level checker ``name`` gives ``case``."""
    return run(name, case).level


def notes(name: str, case: Case) -> set[str]:
    """The keys of the notes checker ``name`` gives ``case``."""
    return {n.key for n in run(name, case).notes}
