"""Structure over vocabulary: team, process and community read the forms' fields.

Words alone lift neither team (rubric version 2: a mention is level 0) nor process;
words about the client are not about the worker (「本人は一人で抱え込んできた」), 居場所 as
"whereabouts" is not a drop-in place; a first check two weeks out is care in a case at
risk of suicide or violence; and one more resource never flips community.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from simulator.models.casework import PlanSupport
from simulator.models.submission import Draft, Submission
from simulator.models.teamwork import InformalSupport, TeamMember
from simulator.rubric import Case
from simulator.rubric.case import SCATTER_MIN
from simulator.rubric.scorecard import case_of
from simulator.scenario import load_case
from tests.rubric_helpers import edit, good_assessment, good_plan, level, make_case, run

EXEMPLARS = Path(__file__).parent / "exemplars"
STUFFING = (
    "チームで支援し、スーパービジョンを受けながら、主任相談支援員と協議し複数担当で対応する。"
    "終結後もフォローアップし、支援終了後も見守りを継続する。"
)


@cache
def exemplar(path: Path) -> Submission:
    return Submission.model_validate_json(path.read_text(encoding="utf-8"))


def exemplar_files() -> list[Path]:
    return sorted(EXEMPLARS.glob("*/*.json"))


@pytest.mark.parametrize("path", exemplar_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_no_text_only_change_lifts_team_or_process(path: Path) -> None:
    """Keywords in the judgement, the findings' notes and the goals move neither team nor
    process. (A support's responsible person is a field the team descriptor reads, so it
    is not stuffed here: tests/test_rubric_version2.py covers it.)"""
    sub = exemplar(path)
    scenario, region = load_case(sub.scenario_id)
    before = case_of(sub, scenario, region)
    a = edit(
        sub.assessment,
        judgement=f"{sub.assessment.judgement}\n{STUFFING}",
        findings=[edit(f, notes=f"{f.notes}{STUFFING}") for f in sub.assessment.findings],
    )
    plan = sub.plan
    if plan is not None:
        plan = edit(plan, long_term_goal=f"{plan.long_term_goal}{STUFFING}")
    after = Case(before.scenario, before.region, before.persona, before.transcript, a, plan)
    assert level("process", after) == level("process", before)
    assert level("team", after) == level("team", before)


def test_the_client_holding_things_alone_is_not_supervision() -> None:
    a = good_assessment()
    alone = edit(
        a,
        judgement="本人は一人で抱え込んできた。誰にも相談できずに抱え込みがちである。",
        sharing=edit(a.sharing, supervision=[], two_person=False),
    )
    plan = edit(
        good_plan(), team=[], supports=[edit(s, agency="山吹町") for s in good_plan().supports]
    )
    result = run("team", make_case(alone, plan))
    assert result.level == 0
    assert [n.key for n in result.notes] == ["alone"]


def test_whereabouts_is_not_a_place_to_belong() -> None:
    p = good_plan()
    formal = [edit(s, content="支援", agency="町") for s in p.supports[:4]]
    plan = edit(
        p,
        supports=formal,
        community_actions=[],
        long_term_goal="夫に居場所を知られずに暮らしたい。居場所を探されないようにする。",
    )
    assert level("community", make_case(plan=plan)) == 0
    place = edit(plan, long_term_goal="地域の居場所づくりに参加したい。")
    assert level("community", make_case(plan=place)) == 1


def _with_monitoring(sub: Submission, days: int) -> Case:
    scenario, region = load_case(sub.scenario_id)
    assert sub.plan is not None and sub.plan.period_start is not None
    plan = edit(sub.plan, next_monitoring=sub.plan.period_start + dt.timedelta(days=days))
    case = case_of(sub, scenario, region)
    return Case(case.scenario, case.region, case.persona, case.transcript, case.assessment, plan)


def test_a_two_week_check_is_care_in_a_risk_case_and_early_otherwise() -> None:
    dv = exemplar(EXEMPLARS / "dv-higaisha" / "strong.json")  # violence and suicide risk
    usual = level("process", _with_monitoring(dv, 91))
    assert level("process", _with_monitoring(dv, 14)) == usual
    ordinary = exemplar(EXEMPLARS / "hiseiki-kinkyuu" / "strong.json")  # no such risk
    assert level("process", _with_monitoring(ordinary, 14)) == (
        level("process", _with_monitoring(ordinary, 91)) - 1
    )
    note = run("process", _with_monitoring(ordinary, 14)).notes
    assert "monitoring" in {n.key for n in note}


def test_community_does_not_flip_at_the_scattershot_threshold() -> None:
    """Add the region's formal resources one by one past the scattershot threshold: the
    informal support (a salon the case's answer key does not list, written about this
    client) keeps counting, so the level never changes with one more resource."""
    case = make_case()
    assert "community_salon" not in case.fitting_ids
    salon = PlanSupport(
        resource="community_salon",
        content="囲碁が好きな母と一緒に、地区のサロンの囲碁の会に初回は同行する",
        agency="萩野ふれあい・いきいきサロン",
        issues=["i4"],
        period="6か月",
    )
    base = edit(good_plan(), supports=[*good_plan().supports[:4], salon])
    taken = {s.resource for s in base.supports}
    extra = [r for r in case.region.resources if r.formal and r.id not in taken]
    assert len(base.supports) + len(extra) > SCATTER_MIN + 1
    levels = [level("community", make_case(plan=base))]
    supports = list(base.supports)
    for r in extra:
        supports.append(
            PlanSupport(resource=r.id, content="利用を調整する", agency=r.agency.ja, issues=["i1"])
        )
        levels.append(level("community", make_case(plan=edit(base, supports=supports))))
    assert set(levels) == {3}, levels


def test_a_draft_written_before_the_new_fields_still_opens() -> None:
    sub = exemplar(EXEMPLARS / "hachimaru-gomaru" / "middling.json")
    data = sub.model_dump(mode="json")
    draft = {
        "scenario_id": sub.scenario_id,
        "scenario_version": sub.scenario_version,
        "region_id": sub.region_id,
        "seed": sub.seed,
        "trainee_id": sub.trainee_id,
        "attempt_id": sub.attempt_id,
        "transcript": data["transcript"],
        "assessment": data["assessment"],
        "plan": data["plan"],
        "created_at": data["submitted_at"],
        "updated_at": data["submitted_at"],
    }
    for key in ("sharing",):
        draft["assessment"].pop(key)
    for key in ("team", "informal_supports", "community_actions", "follow_up"):
        draft["plan"].pop(key)
    loaded = Draft.model_validate(draft)
    assert loaded.plan.team == [] and loaded.plan.follow_up.how == ""
    assert loaded.assessment.sharing.supervision == []
    assert loaded.assessment.judgement == sub.assessment.judgement


def test_harm_written_in_the_teamwork_fields_is_still_caught() -> None:
    """The DV case: the husband as an "informal support", or a team member who phones him,
    is the same red flag as a support that does."""
    sub = exemplar(EXEMPLARS / "dv-higaisha" / "strong.json")
    scenario, region = load_case(sub.scenario_id)
    base = case_of(sub, scenario, region)
    assert base.red_flags == [] and sub.plan is not None
    husband = edit(sub.plan, informal_supports=[InformalSupport(who="夫", what="生活費を出す")])
    phoned = edit(
        sub.plan,
        team=[TeamMember(who="主任相談支援員", handles="夫に電話して相談の状況を伝える")],
    )
    for plan in (husband, phoned):
        case = Case(
            base.scenario, base.region, base.persona, base.transcript, base.assessment, plan
        )
        assert level("safety", case) == 0
        assert level("process", case) < level("process", base)
    # The husband as a supporter is no community support either.
    case = Case(base.scenario, base.region, base.persona, base.transcript, base.assessment, husband)
    assert level("community", case) == level("community", base)
