"""Cross-checks of the assessment and plan: what a finished form needs, and what must agree.

The form models accept a half-written draft. These checks say what is still missing
(``code="required"``), what points at nothing (evidence turns, resources, plan issues
that do not exist), and dates out of order. Each message names the field path it is
about, so the form shows it beside that field and a loaded file can give its line.
Errors block a submission; warnings are advice.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Literal

from simulator.i18n import t
from simulator.models.casework import (
    PROGRAMME_OF_KIND,
    ActProgramme,
    Assessment,
    DomainStatus,
    Plan,
    ScreeningOutcome,
    UrgencyLevel,
)
from simulator.models.region import Region
from simulator.models.vocab import IntakeCategory
from simulator.scenario.source import PathPart, format_path

from .context import CaseContext
from .eligibility import Verdict
from .labels import format_date, programme_label, topic_label

Severity = Literal["error", "warning"]

REQUIRED = "required"
#: Guidance, not law: a plan runs about six months, monitoring about every three (DOMAIN.md).
PLAN_DAYS_GUIDE = 184
MONITORING_DAYS_GUIDE = 92


@dataclass(frozen=True)
class Message:
    """One thing to fix or consider, about one field."""

    path: str
    text: str
    severity: Severity = "error"
    code: str = REQUIRED

    @property
    def blocking(self) -> bool:
        """True when the form cannot be submitted until this is fixed."""
        return self.severity == "error"


class _Collector:
    def __init__(self, locale: str | None) -> None:
        self.locale = locale
        self.out: list[Message] = []

    def add(
        self,
        path: Iterable[PathPart],
        key: str,
        code: str = REQUIRED,
        severity: Severity = "error",
        **values: object,
    ) -> None:
        text = t(key, self.locale, **values)
        self.out.append(Message(format_path(tuple(path)), text, severity, code))

    def evidence(
        self, path: tuple[PathPart, ...], ids: Iterable[str], turns: Collection[str]
    ) -> None:
        missing = [i for i in ids if i not in turns]
        if missing:
            self.add(
                path,
                "submission.check.dangling_evidence",
                "dangling_evidence",
                ids=", ".join(missing),
            )

    def resource(self, path: tuple[PathPart, ...], rid: str | None, region: Region) -> None:
        if rid is not None and region.resource(rid) is None:
            self.add(path, "submission.check.unknown_resource", "unknown_resource", id=rid)


def check_assessment(
    a: Assessment, turns: Collection[str], region: Region, locale: str | None = None
) -> list[Message]:
    """Everything to fix on the assessment sheet."""
    c = _Collector(locale)
    root = ("assessment",)
    if a.assessed_on is None:
        c.add((*root, "assessed_on"), "assessment.check.no_date")
    s = a.screening
    if s.outcome is None:
        c.add((*root, "screening", "outcome"), "assessment.check.no_outcome")
    if not s.reason.strip():
        c.add((*root, "screening", "reason"), "assessment.check.no_reason")
    if s.outcome is ScreeningOutcome.hand_off and s.hand_off_to is None:
        c.add((*root, "screening", "hand_off_to"), "assessment.check.no_hand_off_to")
    c.resource((*root, "screening", "hand_off_to"), s.hand_off_to, region)

    cl = a.checklist
    cl_path = (*root, "checklist")
    if not cl.checked:
        c.add((*cl_path, "checked"), "assessment.check.no_problem")
    elif cl.most_pressing is None:
        c.add((*cl_path, "most_pressing"), "assessment.check.no_most_pressing")
    if cl.most_pressing is not None and cl.most_pressing not in cl.checked:
        c.add((*cl_path, "most_pressing"), "assessment.check.pressing_not_checked", "mismatch")
    if IntakeCategory.other in cl.checked and not cl.other.strip():
        c.add((*cl_path, "other"), "assessment.check.no_other", severity="warning")

    if all(f.status is DomainStatus.not_assessed for f in a.findings):
        c.add((*root, "findings"), "assessment.check.no_findings")
    for i, f in enumerate(a.findings):
        fp = (*root, "findings", i)
        c.evidence((*fp, "evidence"), f.evidence, turns)
        if f.status is not DomainStatus.concern:
            continue
        if not f.notes.strip():
            c.add((*fp, "notes"), "assessment.check.no_notes")
        if f.severity is None:
            c.add((*fp, "severity"), "assessment.check.no_severity")
        if not f.evidence:
            c.add((*fp, "evidence"), "assessment.check.no_evidence", severity="warning")

    for i, st in enumerate(a.strengths):
        sp = (*root, "strengths", i)
        if not st.text.strip():
            c.add((*sp, "text"), "assessment.check.empty_strength")
        c.evidence((*sp, "evidence"), st.evidence, turns)

    if a.urgency is UrgencyLevel.immediate and not a.immediate_actions:
        c.add((*root, "immediate_actions"), "assessment.check.no_immediate_action")
    for i, act in enumerate(a.immediate_actions):
        ap = (*root, "immediate_actions", i)
        if act.need is None:
            c.add((*ap, "need"), "assessment.check.no_need")
        if not act.action.strip():
            c.add((*ap, "action"), "assessment.check.no_action")
        c.resource((*ap, "resource"), act.resource, region)
        c.evidence((*ap, "evidence"), act.evidence, turns)
        if act.done_on and a.assessed_on and act.done_on < a.assessed_on:
            c.add(
                (*ap, "done_on"),
                "assessment.check.action_before_assessment",
                "date_order",
                date=format_date(a.assessed_on, locale),
            )

    if not a.judgement.strip():
        c.add((*root, "judgement"), "assessment.check.no_judgement")
    for flag, on in (
        ("information_sharing", "information_sharing_on"),
        ("database", "database_on"),
    ):
        given, day = getattr(a.consent, flag), getattr(a.consent, on)
        if given and day is None:
            c.add((*root, "consent", on), "assessment.check.no_consent_date")
        if day is not None and not given:
            c.add(
                (*root, "consent", flag),
                "assessment.check.date_without_consent",
                "mismatch",
                severity="warning",
            )
    return c.out


def check_plan(
    p: Plan, a: Assessment, turns: Collection[str], region: Region, locale: str | None = None
) -> list[Message]:
    """Everything to fix on the plan, read against the assessment it rests on."""
    del turns  # the plan cites issues and findings, not turns; kept for a uniform call
    c = _Collector(locale)
    root = ("plan",)
    if not p.long_term_goal.strip():
        c.add((*root, "long_term_goal"), "plan.check.no_goal")
    if not p.short_term_goal.strip():
        c.add((*root, "short_term_goal"), "plan.check.no_goal")

    issue_ids = {i.id for i in p.issues}
    if not p.issues:
        c.add((*root, "issues"), "plan.check.no_issues")
    for i, issue in enumerate(p.issues):
        ip = (*root, "issues", i)
        if not issue.text.strip():
            c.add((*ip, "text"), "plan.check.empty_issue")
        if not issue.findings:
            c.add((*ip, "findings"), "plan.check.issue_no_finding")
        for domain in issue.findings:
            finding = a.finding(domain)
            if finding is None or finding.status is not DomainStatus.concern:
                c.add(
                    (*ip, "findings"),
                    "plan.check.finding_not_concern",
                    "unlinked_finding",
                    domain=topic_label(domain, locale),
                )

    def links(path: tuple[PathPart, ...], ids: list[str]) -> None:
        missing = [x for x in ids if x not in issue_ids]
        if missing:
            c.add(path, "plan.check.unknown_issue", "dangling_issue", ids=", ".join(missing))

    if not p.client_actions:
        c.add((*root, "client_actions"), "plan.check.no_actions")
    for i, act in enumerate(p.client_actions):
        ap = (*root, "client_actions", i)
        if not act.text.strip():
            c.add((*ap, "text"), "plan.check.empty_action")
        if act.due_on is None:
            c.add((*ap, "due_on"), "plan.check.no_due_date")
        elif p.period_end and act.due_on > p.period_end:
            c.add((*ap, "due_on"), "plan.check.due_after_plan", "date_order", severity="warning")
        links((*ap, "issues"), act.issues)

    if not p.supports:
        c.add((*root, "supports"), "plan.check.no_supports")
    for i, sup in enumerate(p.supports):
        sp = (*root, "supports", i)
        if sup.resource is None:
            c.add((*sp, "resource"), "plan.check.no_resource")
        c.resource((*sp, "resource"), sup.resource, region)
        for name, key in (
            ("content", "plan.check.no_content"),
            ("agency", "plan.check.no_agency"),
            ("period", "plan.check.no_period"),
            ("frequency", "plan.check.no_frequency"),
        ):
            if not getattr(sup, name).strip():
                c.add((*sp, name), key)
        if not sup.issues:
            c.add((*sp, "issues"), "plan.check.support_no_issue", severity="warning")
        links((*sp, "issues"), sup.issues)

    _check_programmes(c, p, region)
    _check_dates(c, p, a)
    return c.out


def _check_programmes(c: _Collector, p: Plan, region: Region) -> None:
    used: set[ActProgramme] = set()
    for sup in p.supports:
        resource = region.resource(sup.resource) if sup.resource else None
        if resource is not None and resource.act_programme:
            programme = PROGRAMME_OF_KIND.get(resource.kind)
            if programme is not None:
                used.add(programme)
    path = ("plan", "act_programmes")
    for programme in sorted(used - set(p.act_programmes)):
        c.add(
            path,
            "plan.check.programme_not_ticked",
            "mismatch",
            "warning",
            name=programme_label(programme, c.locale),
        )
    for programme in sorted(set(p.act_programmes) - used - {ActProgramme.employment_support}):
        c.add(
            path,
            "plan.check.programme_without_support",
            "mismatch",
            "warning",
            name=programme_label(programme, c.locale),
        )


def _check_dates(c: _Collector, p: Plan, a: Assessment) -> None:
    root = ("plan",)
    loc = c.locale
    for name, key in (
        ("period_start", "plan.check.no_period_start"),
        ("period_end", "plan.check.no_period_end"),
        ("next_monitoring", "plan.check.no_monitoring"),
        ("coordination_meeting", "plan.check.no_meeting"),
    ):
        if getattr(p, name) is None:
            c.add((*root, name), key)
    start, end, mon = p.period_start, p.period_end, p.next_monitoring
    assessed = a.assessed_on
    if start and end and start > end:
        c.add((*root, "period_end"), "plan.check.end_before_start", "date_order")
    if mon and ((start and mon < start) or (end and mon > end)):
        c.add(
            (*root, "next_monitoring"),
            "plan.check.monitoring_outside",
            "date_order",
            start=format_date(start, loc),
            end=format_date(end, loc),
        )
    if assessed and start and start < assessed:
        c.add(
            (*root, "period_start"),
            "plan.check.start_before_assessment",
            "date_order",
            date=format_date(assessed, loc),
        )
    if assessed and p.coordination_meeting and p.coordination_meeting < assessed:
        c.add(
            (*root, "coordination_meeting"),
            "plan.check.meeting_before_assessment",
            "date_order",
            date=format_date(assessed, loc),
        )
    if start and end and start <= end and (end - start).days > PLAN_DAYS_GUIDE:
        c.add((*root, "period_end"), "plan.check.long_plan", "guide", "warning")
    if start and mon and mon >= start and (mon - start).days > MONITORING_DAYS_GUIDE:
        c.add((*root, "next_monitoring"), "plan.check.late_monitoring", "guide", "warning")
    consent = p.consent
    if not consent.agreed:
        c.add((*root, "consent", "agreed"), "plan.check.no_consent")
    elif consent.agreed_on is None:
        c.add((*root, "consent", "agreed_on"), "plan.check.no_consent_date")
    if consent.agreed_on and assessed and consent.agreed_on < assessed:
        c.add(
            (*root, "consent", "agreed_on"),
            "plan.check.consent_before_assessment",
            "date_order",
            date=format_date(assessed, loc),
        )


def eligibility_warnings(p: Plan, context: CaseContext, locale: str | None = None) -> list[Message]:
    """Supports whose resource the client does not qualify for, as far as the interview
    showed (rules not yet confirmed are left to the picker's hints, not flagged)."""
    c = _Collector(locale)
    for i, sup in enumerate(p.supports):
        report = context.eligibility(sup.resource) if sup.resource else None
        if report is not None and report.verdict is Verdict.unmet:
            unmet = [r.hint(locale) for r in report.results if r.verdict is Verdict.unmet]
            c.add(
                ("plan", "supports", i, "resource"),
                "plan.check.not_eligible",
                "eligibility",
                "warning",
                hints="、".join(unmet),
            )
    return c.out


def plan_is_blank(p: Plan) -> bool:
    """True when nothing has been written on the plan."""
    return p == Plan(kind=p.kind)


def check_casework(
    a: Assessment,
    p: Plan | None,
    turns: Collection[str],
    region: Region,
    locale: str | None = None,
) -> list[Message]:
    """All messages for an assessment and its plan (the plan unless the screening decided
    against ongoing support)."""
    out = check_assessment(a, turns, region, locale)
    # Until the screening is decided, a plan being written is checked as if it will count.
    ongoing = a.screening.outcome in (None, ScreeningOutcome.ongoing_support)
    if ongoing:
        out += check_plan(p or Plan(), a, turns, region, locale)
        from .checks_teamwork import check_teamwork  # it builds on this module's collector

        out += check_teamwork(a, p or Plan(), locale)
    elif p is not None and not plan_is_blank(p):
        c = _Collector(locale)
        c.add(("plan",), "plan.check.not_ongoing", "mismatch", "warning")
        out += c.out
    return out
