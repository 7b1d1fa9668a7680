"""team: the case is not held alone (一人で抱え込まない).

Read from the forms' own fields: the plan's team (someone else at the centre and what
they handle) shows the roles; the assessment's supervision entries (with whom, about
what) and two-person handling show the case is shared. Words alone can reach only the
level the rubric's descriptor gives a mention (``text_level``, normally 1): a
supervision phrase in written prose, matched on SudachiPy normalised forms, never a
bare substring, so 「本人は一人で抱え込んできた」 about the client is not supervision.
"""

from __future__ import annotations

from pydantic import Field

from ..case import Case
from ..text import has_any
from .base import CheckResult, ListName, Note, Params, checker, ordered


class TeamParams(Params):
    """The word list a mention of supervision is found by, and the most words can earn."""

    supervision: ListName = "supervision"
    text_level: int = Field(default=1, ge=0, le=1)


def team_roles(case: Case) -> list[str]:
    """Paths of plan.team rows that name someone and say, in prose, what they handle."""
    rows = case.plan.team if case.plan else []
    return [
        f"plan.team[{i}]"
        for i, m in enumerate(rows)
        if (m.role is not None or m.who.strip()) and case.said(m.handles)
    ]


def shared(case: Case) -> list[str]:
    """Paths showing supervision consulted (with someone named) or two-person handling."""
    sharing = case.assessment.sharing
    out = [
        f"assessment.sharing.supervision[{i}]"
        for i, sv in enumerate(sharing.supervision)
        if sv.with_whom.strip()
    ]
    if sharing.two_person:
        out.append("assessment.sharing.two_person")
    return out


@checker("team", TeamParams)
def team(case: Case, params: TeamParams) -> CheckResult:
    """Team roles on the plan, and supervision or two-person handling recorded."""
    roles, sharing = team_roles(case), shared(case)
    if roles and sharing:
        return CheckResult(3, ordered([*roles, *sharing]))
    if roles:
        return CheckResult(2, ordered(roles), (Note("no_supervision", {}),))
    if sharing:
        return CheckResult(1, ordered(sharing), (Note("no_roles", {}),))
    if params.text_level:
        mentioned = [
            path for path, text in case.prose(case.all_texts()) if has_any(text, params.supervision)
        ]
        if mentioned:
            return CheckResult(params.text_level, ordered(mentioned), (Note("only_words", {}),))
    return CheckResult(0, (), (Note("alone", {}),))
