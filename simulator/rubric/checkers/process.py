"""process: the steps of the process recorded on the forms.

Five points, one level per point above two: (1) consent to information sharing and to
the plan, each with a date, and no harmful contact the consent never covered (a red flag
that tells the abuser, family the client refused, or the authorities); (2) a plan period
set, about six months or less; (3) the next monitoring date inside the period, about
three months from its start, or sooner in a case at risk of suicide or violence (a
two-week check there is care, not a slip);
(4) a date for the support coordination meeting (支援調整会議); (5) follow-up after
closure, read from the plan's follow-up field (when and how), never from words alone.

Where the answer key hands the client off (``hand_off_to``: e.g. to 地域包括, with the
centre's follow-up), the hand-off is the closure point (5) follows: a missing follow-up is
noted as follow-up after handing the client to that agency. The level is the same five
points; the descriptor says nothing about which agency, so the agency only names the step.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from simulator.models.common import LocalizedText
from simulator.models.scenario import RedFlagKind

from ..case import Case
from ..risk import case_risks
from .base import CheckResult, Note, Params, checker, ordered

DAYS_PER_MONTH = 31
#: Harms that tell someone what the client's consent to sharing never covered: with one in
#: the plan, consent is not respected, whatever dates the form records.
BREACHES_CONSENT = frozenset(
    {
        RedFlagKind.contact_abuser,
        RedFlagKind.disclose_whereabouts,
        RedFlagKind.contact_against_wish,
        RedFlagKind.refuse_on_status,
    }
)


class ProcessParams(Params):
    """Longest plan period; the window for the first monitoring, ordinary and at risk."""

    max_plan_months: int = Field(default=6, ge=1, le=24)
    monitoring_min_days: int = Field(default=45, ge=1, le=365)
    monitoring_max_days: int = Field(default=100, ge=1, le=365)
    risk_monitoring_min_days: int = Field(
        default=1,
        ge=1,
        le=365,
        description="Earliest first monitoring in a case at risk of suicide or violence.",
    )


def monitoring_window(case: Case, params: ProcessParams) -> tuple[int, int]:
    """Days after the plan's start the first monitoring may fall: sooner when at risk."""
    low = params.risk_monitoring_min_days if case_risks(case.scenario) else None
    return (low or params.monitoring_min_days), params.monitoring_max_days


def hand_off_agency(case: Case) -> LocalizedText | None:
    """The agency the answer key hands the client to (with follow-up), if it does."""
    key = case.scenario.answer_key
    if key.screening != "hand_off" or key.hand_off_to is None:
        return None
    resource = case.resource(key.hand_off_to)
    return resource.name if resource is not None else None


def follow_up(case: Case) -> str | None:
    """The plan's follow-up field when it says when and, in prose, how; else None."""
    f = case.plan.follow_up if case.plan else None
    if f is None or not f.when.strip() or not case.said(f.how):
        return None
    return "plan.follow_up"


@checker("process", ProcessParams)
def process(case: Case, params: ProcessParams) -> CheckResult:
    """Consent, plan period, monitoring, coordination meeting and follow-up: 5 points."""
    a, p = case.assessment, case.plan
    met: list[str] = []
    notes: list[Note] = []
    sharing = a.consent.information_sharing and a.consent.information_sharing_on is not None
    agreed = p is not None and p.consent.agreed and p.consent.agreed_on is not None
    breached = [h.path for h in case.red_flags if h.flag.kind in BREACHES_CONSENT]
    if breached:
        notes.append(Note("consent_breached", {}, tuple(breached)))
    elif sharing and agreed:
        met += ["assessment.consent", "plan.consent"]
    else:
        notes.append(Note("consent", {}))
    start, end = (p.period_start, p.period_end) if p else (None, None)
    if (
        start
        and end
        and start < end <= start + dt.timedelta(params.max_plan_months * DAYS_PER_MONTH)
    ):
        met.append("plan.period_end")
    else:
        notes.append(Note("period", {"months": params.max_plan_months}))
    monitor = p.next_monitoring if p else None
    low, high = monitoring_window(case, params)
    if (
        start
        and end
        and monitor
        and start < monitor <= end
        and low <= (monitor - start).days <= high
    ):
        met.append("plan.next_monitoring")
    else:
        notes.append(Note("monitoring", {}))
    if p is not None and p.coordination_meeting is not None:
        met.append("plan.coordination_meeting")
    else:
        notes.append(Note("meeting", {}))
    followup = follow_up(case)
    handed_to = hand_off_agency(case)
    if followup:
        met.append(followup)
    elif handed_to is not None:
        notes.append(Note("followup_hand_off", {"agency": handed_to}))
    else:
        notes.append(Note("followup", {}))
    points = 5 - len(notes)
    level = max(0, points - 2)
    return CheckResult(level, ordered(met), (Note("points", {"n": points}), *notes))
