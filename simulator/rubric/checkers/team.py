"""team: the case is not held alone (一人で抱え込まない).

Team roles show when a support's responsible agency/person names someone else at the
centre or the team (主任相談支援員, 就労支援員, チーム...: a data list); supervision shows
when any text of the forms mentions it (スーパービジョン, 主任に相談, ケース会議...).
"""

from __future__ import annotations

from ..case import Case
from ..text import has_any
from .base import CheckResult, ListName, Note, Params, checker, ordered


class TeamParams(Params):
    """Word lists for team roles (in supports' agency) and supervision (anywhere)."""

    roles: ListName = "team"
    supervision: ListName = "supervision"


@checker("team", TeamParams)
def team(case: Case, params: TeamParams) -> CheckResult:
    """Team roles in the plan's supports, and supervision recorded."""
    supports = case.plan.supports if case.plan else []
    roles = [
        f"plan.supports[{i}].agency"
        for i, s in enumerate(supports)
        if has_any(s.agency, params.roles) and not case.stuffed(s.agency)
    ]
    supervised = [
        path for path, text in case.prose(case.all_texts()) if has_any(text, params.supervision)
    ]
    if roles and supervised:
        return CheckResult(3, ordered([*roles, *supervised]))
    if roles:
        return CheckResult(2, ordered(roles), (Note("no_supervision", {}),))
    if supervised:
        return CheckResult(1, ordered(supervised), (Note("no_roles", {}),))
    return CheckResult(0, (), (Note("alone", {}),))
