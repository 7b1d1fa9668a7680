"""Risk first: which submissions a supervisor must read before any other (要至急確認).

A case whose client is at risk of suicide or of violence (DV and child abuse are recorded
as ``violence``: the scenario's urgent needs name them so) needs something done that same
day, before any plan: a safety plan, a call to the DV centre or child guidance, a link to
mental-health care. A submission is flagged when its case holds such a risk and the
assessment has no immediate action for that risk dated on the day of the interview.

The flag is about the case, not about what the trainee drew out: a risk the interview
never reached is flagged too, since the real client would have gone home with it.
"""

from __future__ import annotations

import datetime as dt

from simulator.models.casework import Assessment
from simulator.models.scenario import Scenario
from simulator.models.submission import Submission
from simulator.models.vocab import Urgency

#: The kinds of urgent need that cannot wait for the next working day.
SAME_DAY_RISKS = (Urgency.suicide_risk, Urgency.violence)
#: The centres' own day: an interview at 08:00 JST is "today" there, not yesterday (UTC).
CENTRE_TIME = dt.timezone(dt.timedelta(hours=9), "JST")


def case_risks(scenario: Scenario) -> list[Urgency]:
    """The same-day risks a scenario holds (answer key and facts), in SAME_DAY_RISKS order."""
    kinds = {u.kind for u in scenario.answer_key.urgent_needs}
    kinds |= {f.urgency for f in scenario.facts if f.urgency is not None}
    return [k for k in SAME_DAY_RISKS if k in kinds]


def interview_day(submission: Submission) -> dt.date:
    """The day the interview was held, in the centre's time (the draft starts with it)."""
    return submission.created_at.astimezone(CENTRE_TIME).date()


def unmet_risks(scenario: Scenario, assessment: Assessment, day: dt.date) -> list[Urgency]:
    """The case's same-day risks with no immediate action for them dated ``day``."""
    met = {
        a.need
        for a in assessment.immediate_actions
        if a.need is not None and a.done_on == day and a.action.strip()
    }
    return [k for k in case_risks(scenario) if k not in met]


def urgent_flags(submission: Submission, scenario: Scenario) -> list[Urgency]:
    """Why a submission is 要至急確認 (empty when it is not)."""
    return unmet_risks(scenario, submission.assessment, interview_day(submission))


__all__ = [
    "CENTRE_TIME",
    "SAME_DAY_RISKS",
    "case_risks",
    "interview_day",
    "unmet_risks",
    "urgent_flags",
]
