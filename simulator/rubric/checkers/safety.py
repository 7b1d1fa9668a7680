"""safety: the plan contains none of the harmful actions the case invites.

Level 3 when no red flag of the answer key (simulator/rubric/red_flags.py) is found; 0 when
one is, whatever else the plan does well. The scorecard marks such a submission 要確認
(``needs_review``) and the supervisor's queue puts it first.

The screening decision is scored here too: closing the case as information only, or
handing the client off, when the answer key says the client needs ongoing support cuts
them off from support (level 1: nothing is refused outright, but no one is left to act on
what they said). Screening a client into ongoing support whom the key would hand off
harms no one and is not marked.
"""

from __future__ import annotations

from simulator.models.casework import ScreeningOutcome

from ..case import Case
from ..red_flags import find
from .base import CheckResult, NoParams, checker, lowers, ordered, raises

#: Outcomes that end the centre's support at intake.
CLOSING = frozenset({ScreeningOutcome.information_only, ScreeningOutcome.hand_off})


def _screened_out(case: Case) -> bool:
    outcome = case.assessment.screening.outcome
    needed = ScreeningOutcome(case.scenario.answer_key.screening)
    return needed is ScreeningOutcome.ongoing_support and outcome in CLOSING


@checker("safety", NoParams)
def safety(case: Case, params: NoParams) -> CheckResult:
    """No harmful action (contacting the abuser, turning the client away...) in the plan."""
    hits = find(case.scenario, case.assessment, case.plan)
    screening = (
        (lowers("screened_out", 1, evidence=("assessment.screening.outcome",)),)
        if _screened_out(case)
        else ()
    )
    if hits:
        notes = tuple(
            lowers("harmful_action", 0, {"reason": hit.flag.reason}, (hit.path,)) for hit in hits
        )
        return CheckResult(0, ordered(hit.path for hit in hits), (*notes, *screening))
    if screening:
        return CheckResult(1, ("assessment.screening.outcome",), screening)
    return CheckResult(3, (), (raises("none"),))
