"""team: the case is not held alone (一人で抱え込まない), rubric version 2.

Read only from the forms' own fields. Roles: a plan.team row that names someone and says,
in prose, what they handle, or a plan support whose responsible person (担当機関・担当者)
names someone else at the centre (``staff``: 主任相談支援員, 就労支援員...). Sharing: a
supervision entry on the assessment (when, with whom, about what) or two-person handling.
Roles and sharing give 3, roles alone 2, sharing alone 1. Words in the judgement or the
notes earn nothing (the level-0 descriptor says so); a supervision phrase there
(``supervision``, SudachiPy phrases, so 「本人は一人で抱え込んできた」 is not one) only
changes the note, pointing the trainee to the fields.
"""

from __future__ import annotations

from ..case import Case
from ..text import find_phrases, has_any
from .base import CheckResult, ListName, Params, checker, lowers, ordered


class TeamParams(Params):
    """Word lists: supervision mentioned in prose, and posts at the centre."""

    supervision: ListName = "supervision"
    staff: ListName = "centre_staff"


def team_roles(case: Case, staff: str = "centre_staff") -> list[str]:
    """Paths of plan.team rows that name someone and say, in prose, what they handle, and
    of supports whose responsible person is someone else at the centre."""
    p = case.plan
    if p is None:
        return []
    rows = [
        f"plan.team[{i}]"
        for i, m in enumerate(p.team)
        if (m.role is not None or m.who.strip()) and case.said(m.handles)
    ]
    supports = [
        f"plan.supports[{i}].agency"
        for i, s in enumerate(p.supports)
        if s.agency.strip() and case.said(s.content) and find_phrases(s.agency, staff)
    ]
    return [*rows, *supports]


def shared(case: Case) -> list[str]:
    """Paths showing supervision recorded (when, with whom, about what: the descriptor's
    three, so an undated intention to consult is no record) or two-person handling."""
    sharing = case.assessment.sharing
    out = [
        f"assessment.sharing.supervision[{i}]"
        for i, sv in enumerate(sharing.supervision)
        if sv.held_on is not None and sv.with_whom.strip() and case.said(sv.about)
    ]
    if sharing.two_person:
        out.append("assessment.sharing.two_person")
    return out


@checker("team", TeamParams)
def team(case: Case, params: TeamParams) -> CheckResult:
    """Team roles on the plan, and supervision or two-person handling recorded."""
    roles, sharing = team_roles(case, params.staff), shared(case)
    if roles and sharing:
        return CheckResult(3, ordered([*roles, *sharing]))
    if roles:
        return CheckResult(2, ordered(roles), (lowers("no_supervision", 2),))
    if sharing:
        return CheckResult(1, ordered(sharing), (lowers("no_roles", 1),))
    # The phrase test first: whether a text is prose costs more, and only matters here.
    worded = ((p, t) for p, t in case.all_texts() if has_any(t, params.supervision))
    mentioned = [path for path, _ in case.prose(worded)]
    if mentioned:
        return CheckResult(
            0, ordered(mentioned), (lowers("only_words", 0, evidence=tuple(mentioned)),)
        )
    return CheckResult(0, (), (lowers("alone", 0),))
