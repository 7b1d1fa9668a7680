"""process: the steps of the process recorded on the forms.

Five points, one level per point above two: (1) consent to information sharing and to
the plan, each with a date; (2) a plan period set, about six months or less; (3) the next
monitoring date inside the period, about three months from its start; (4) a date for the
support coordination meeting (支援調整会議); (5) follow-up after closure mentioned (words
from a data list, anywhere in the assessment or plan).
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from ..case import Case
from ..text import has_any
from .base import CheckResult, ListName, Note, Params, checker, ordered

DAYS_PER_MONTH = 31


class ProcessParams(Params):
    """Longest plan period; the window for the first monitoring; follow-up words."""

    max_plan_months: int = Field(default=6, ge=1, le=24)
    monitoring_min_days: int = Field(default=45, ge=1, le=365)
    monitoring_max_days: int = Field(default=100, ge=1, le=365)
    followup_words: ListName = "followup"


@checker("process", ProcessParams)
def process(case: Case, params: ProcessParams) -> CheckResult:
    """Consent, plan period, monitoring, coordination meeting and follow-up: 5 points."""
    a, p = case.assessment, case.plan
    met: list[str] = []
    notes: list[Note] = []
    sharing = a.consent.information_sharing and a.consent.information_sharing_on is not None
    agreed = p is not None and p.consent.agreed and p.consent.agreed_on is not None
    if sharing and agreed:
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
    if (
        start
        and end
        and monitor
        and start < monitor <= end
        and params.monitoring_min_days <= (monitor - start).days <= params.monitoring_max_days
    ):
        met.append("plan.next_monitoring")
    else:
        notes.append(Note("monitoring", {}))
    if p is not None and p.coordination_meeting is not None:
        met.append("plan.coordination_meeting")
    else:
        notes.append(Note("meeting", {}))
    followup = [
        path for path, text in case.prose(case.all_texts()) if has_any(text, params.followup_words)
    ]
    if followup:
        met.append(followup[0])
    else:
        notes.append(Note("followup", {}))
    points = 5 - len(notes)
    level = max(0, points - 2)
    return CheckResult(level, ordered(met), (Note("points", {"n": points}), *notes))
