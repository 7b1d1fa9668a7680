"""safety: the plan contains none of the harmful actions the case invites.

Level 3 when no red flag of the answer key (simulator/rubric/red_flags.py) is found; 0 when
one is, whatever else the plan does well. The scorecard marks such a submission 要確認
(``needs_review``) and the supervisor's queue puts it first.
"""

from __future__ import annotations

from ..case import Case
from .base import CheckResult, NoParams, Note, checker, ordered


@checker("safety", NoParams)
def safety(case: Case, params: NoParams) -> CheckResult:
    """No harmful action (contacting the abuser, turning the client away...) in the plan."""
    hits = case.red_flags
    if not hits:
        return CheckResult(3, (), (Note("none", {}),))
    notes = tuple(Note("harmful_action", {"reason": hit.flag.reason}, (hit.path,)) for hit in hits)
    return CheckResult(0, ordered(hit.path for hit in hits), notes)
