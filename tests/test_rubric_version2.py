"""Rubric version 2: team is read only from the forms' fields.

The six keyword-stuffed exemplars (tests/exemplars/*/stuffed.json) mention supervision,
チームで支援 and フォローアップ in prose and record nothing: team and process stay at 0.
Recording supervision on the assessment lifts team to 1, team roles to 2, both to 3, as
the level descriptors say.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from simulator.models.casework import Assessment, Plan
from simulator.models.submission import Submission
from simulator.models.teamwork import (
    FollowUp,
    InformalSupport,
    Supervision,
    TeamMember,
    TeamRole,
)
from simulator.rubric import Case, Scorer, default_rubric
from simulator.rubric.scorecard import NoteText, case_of
from simulator.scenario import load_case
from tests.rubric_helpers import (
    case_files,
    edit,
    good_assessment,
    good_plan,
    level,
    make_case,
    run,
)

EXEMPLARS = Path(__file__).parent / "exemplars"


def stuffed(scenario_id: str) -> Case:
    path = EXEMPLARS / scenario_id / "stuffed.json"
    sub = Submission.model_validate_json(path.read_text(encoding="utf-8"))
    scenario, region = load_case(sub.scenario_id)
    return case_of(sub, scenario, region)


STUFFED = sorted(p.parent.name for p in EXEMPLARS.glob("*/stuffed.json"))


def test_the_rubric_is_version_2_with_field_based_team_descriptors() -> None:
    rubric = default_rubric()
    assert rubric.version == 2
    team = next(c for c in rubric.criteria if c.id == "team")
    level0 = team.levels[0].descriptor
    assert "記録欄に記入されていない" in level0.ja and "alone" in level0.en
    assert "(when, with whom, about what)" in team.levels[1].descriptor.en


@pytest.mark.parametrize("scenario_id", STUFFED)
def test_a_stuffed_plan_is_lifted_only_by_the_fields(scenario_id: str) -> None:
    case = stuffed(scenario_id)
    assert level("team", case) == 0
    assert level("process", case) == 0
    assert [n.key for n in run("team", case).notes] == ["only_words"]
    a, p = case.assessment, case.plan
    assert p is not None
    sv = Supervision(
        held_on=dt.date(2025, 4, 8), with_whom="主任相談支援員", about="支援方針と優先順位"
    )
    supervised = edit(a, sharing=edit(a.sharing, supervision=[sv]))
    role = TeamMember(
        role=TeamRole.employment_counsellor, who="就労支援員", handles="求職活動の同行"
    )
    with_roles = edit(p, team=[role])

    def again(assessment: Assessment, plan: Plan | None) -> Case:
        return Case(case.scenario, case.region, case.persona, case.transcript, assessment, plan)

    assert level("team", again(supervised, p)) == 1
    assert level("team", again(a, with_roles)) == 2
    assert level("team", again(supervised, with_roles)) == 3
    two = edit(a, sharing=edit(a.sharing, two_person=True, second_worker="主任相談支援員"))
    assert level("team", again(two, p)) == 1
    # None of it touches process: its points are dates, consent and follow-up.
    assert level("process", again(supervised, with_roles)) == 0


def test_a_supports_responsible_person_at_the_centre_is_a_role() -> None:
    a, p = good_assessment(), good_plan()
    alone_a = edit(a, sharing=edit(a.sharing, supervision=[], two_person=False))
    outside = [edit(s, agency="山吹町") for s in p.supports]
    assert level("team", make_case(alone_a, edit(p, team=[], supports=outside))) == 0
    by_chief = [*outside[:-1], edit(outside[-1], agency="主任相談支援員")]
    result = run("team", make_case(alone_a, edit(p, team=[], supports=by_chief)))
    assert result.level == 2
    assert result.evidence == (f"plan.supports[{len(by_chief) - 1}].agency",)
    # 「担当相談支援員」 is the writer, and 地域包括's 主任ケアマネジャー is not the centre.
    own = [*outside[:-1], edit(outside[-1], agency="担当相談支援員・地域包括の主任ケアマネジャー")]
    assert level("team", make_case(alone_a, edit(p, team=[], supports=own))) == 0


def test_a_supervision_record_says_when_with_whom_and_about_what() -> None:
    """The descriptor's three: an undated row (an intention to consult) or one without a
    subject is no record; all three make level 1."""
    a, p = good_assessment(), good_plan()
    no_roles = edit(p, team=[], supports=[edit(s, agency="山吹町") for s in p.supports])
    full = Supervision(held_on=a.assessed_on, with_whom="主任相談支援員", about="母への暴力の危険")

    def team_with(sv: Supervision) -> int:
        sharing = edit(a.sharing, supervision=[sv], two_person=False)
        return level("team", make_case(edit(a, sharing=sharing), no_roles))

    assert team_with(full) == 1
    assert team_with(edit(full, held_on=None)) == 0
    assert team_with(edit(full, about="")) == 0
    assert team_with(edit(full, with_whom="")) == 0


# -- stitching reads the informal supports the plan names ---------------------------------


def test_stitching_counts_a_named_informal_support_as_the_informal_side() -> None:
    """Formal services from several agencies plus a neighbour the plan names: both kinds,
    stitched (3). The neighbour is no agency, and a plan with no region resource stays 0."""
    a = edit(good_assessment(), immediate_actions=[])
    p = good_plan()
    formal = edit(p, supports=p.supports[:4], informal_supports=[])
    result = run("stitching", make_case(a, formal))
    assert result.level == 2
    assert "no_informal" in {n.key for n in result.notes}
    neighbour = InformalSupport(
        who="隣の家の奥さん", what="週に一度、声をかけて様子を見てくれる", client_agreed=True
    )
    stitched = run("stitching", make_case(a, edit(formal, informal_supports=[neighbour])))
    assert stitched.level == 3
    assert "plan.informal_supports[0]" in stitched.evidence
    assert "no_informal" not in {n.key for n in stitched.notes}
    # Who without what they do, or a keyword list, is not a support.
    empty = edit(neighbour, what="")
    assert level("stitching", make_case(a, edit(formal, informal_supports=[empty]))) == 2
    # One formal agency, needs across systems: the neighbour gives both kinds (2), not
    # several agencies.
    one = edit(formal, supports=p.supports[:1], informal_supports=[neighbour])
    assert level("stitching", make_case(a, one)) == 2
    # No region resource at all: the centre and a neighbour are still level 0.
    alone = edit(formal, supports=[], informal_supports=[neighbour])
    assert level("stitching", make_case(a, alone)) == 0


# -- process reads the answer key's hand_off_to -------------------------------------------


def _followup_note(case: Case) -> tuple[int, NoteText]:
    card = Scorer(default_rubric()).score_case(case)
    result = card.criterion("process")
    assert result is not None and result.level is not None
    notes = [n for n in result.notes if n.key.startswith("rubric.note.process.followup")]
    assert len(notes) == 1
    return result.level, notes[0]


def test_a_missing_follow_up_after_a_hand_off_names_the_agency() -> None:
    """joho-nomi-koritsu's key hands the client to 地域包括 with follow-up: a plan without
    follow-up is told so in those terms; the level is the same five points."""
    joho = "joho-nomi-koritsu"
    scenario, _ = case_files(joho)
    assert scenario.answer_key.hand_off_to == "community_care_centre"
    no_follow = edit(good_plan(), follow_up=FollowUp())
    lvl, note = _followup_note(make_case(plan=no_follow, scenario_id=joho))
    assert note.key == "rubric.note.process.followup_hand_off"
    assert "地域包括支援センター" in note.ja and "Community" in note.en
    # The same plan in a case the key does not hand off: the plain note, the same level.
    plain_lvl, plain = _followup_note(make_case(plan=no_follow))
    assert plain.key == "rubric.note.process.followup" and plain_lvl == lvl
    # Follow-up recorded: the point is met and no note is left.
    card = Scorer(default_rubric()).score_case(make_case(scenario_id=joho))
    process = card.criterion("process")
    assert process is not None
    assert not [n for n in process.notes if "followup" in n.key]
    assert "plan.follow_up" in process.evidence
