"""safety: the plan contains none of the harmful actions the case invites.

Level 3 when no red flag of the answer key (simulator/rubric/red_flags.py) is found; 0 when
one is, whatever else the plan does well. The scorecard marks such a submission 要確認
(``needs_review``) and the supervisor's queue puts it first.

The screening decision is scored here too: closing the case as information only, or
handing the client off, when the answer key says the client needs ongoing support cuts
them off from support (level 1: nothing is refused outright, but no one is left to act on
what they said). Screening a client into ongoing support whom the key would hand off
harms no one and is not marked.

So is consent, where it touches the client's rights: a plan that links other agencies
while the client has not agreed to the plan, or has not agreed to their information being
shared, goes ahead without the client's consent (level 1).
"""

from __future__ import annotations

from simulator.models.casework import ScreeningOutcome

from ..case import Case
from .base import CheckResult, NoParams, checker, lowers, ordered, raises

#: Outcomes that end the centre's support at intake.
CLOSING = frozenset({ScreeningOutcome.information_only, ScreeningOutcome.hand_off})


def _screened_out(case: Case) -> bool:
    outcome = case.assessment.screening.outcome
    needed = ScreeningOutcome(case.scenario.answer_key.screening)
    return needed is ScreeningOutcome.ongoing_support and outcome in CLOSING


def _without_consent(case: Case) -> list[str]:
    """Consent fields missing while the plan links other agencies."""
    plan = case.plan
    if plan is None or not any(s.resource or s.agency.strip() for s in plan.supports):
        return []
    missing = []
    if not plan.consent.agreed:
        missing.append("plan.consent.agreed")
    if not case.assessment.consent.information_sharing:
        missing.append("assessment.consent.information_sharing")
    return missing


@checker("safety", NoParams)
def safety(case: Case, params: NoParams) -> CheckResult:
    """No harmful action (contacting the abuser, turning the client away...) in the plan."""
    hits = case.red_flags
    # Cutting the client off at screening, or acting without their consent: level 1.
    concerns = []
    if _screened_out(case):
        concerns.append(lowers("screened_out", 1, evidence=("assessment.screening.outcome",)))
    for path in _without_consent(case):
        key = "no_plan_consent" if path.startswith("plan.") else "no_sharing_consent"
        concerns.append(lowers(key, 1, evidence=(path,)))
    if hits:
        notes = [
            lowers("harmful_action", 0, {"reason": hit.flag.reason}, (hit.path,)) for hit in hits
        ]
        return CheckResult(0, ordered(hit.path for hit in hits), (*notes, *concerns))
    if concerns:
        return CheckResult(1, ordered(p for n in concerns for p in n.evidence), tuple(concerns))
    return CheckResult(3, (), (raises("none"),))
