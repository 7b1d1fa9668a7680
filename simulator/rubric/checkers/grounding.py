"""grounding: every link of the plan rests on what the client said.

Links counted: each concern finding must cite a turn that disclosed a fact of its domain;
each plan issue must cite findings, all of them concerns in domains where the client
disclosed something; each client action and support must serve a grounded issue, and a
support's resource must act on a domain where the client disclosed something (a DV
centre when no violence was ever mentioned is planned on facts the client never told).
The level is the share of grounded links.
"""

from __future__ import annotations

from simulator.models.casework import DomainStatus
from simulator.models.common import LocalizedText

from ..case import Case
from .base import (
    CheckResult,
    Note,
    Params,
    Thresholds,
    checker,
    level_from_share,
    ordered,
    topic_name,
)


class GroundingParams(Params):
    """Least share of grounded links for levels 1, 2 and 3."""

    thresholds: Thresholds = (0.5, 0.75, 0.95)


@checker("grounding", GroundingParams)
def grounding(case: Case, params: GroundingParams) -> CheckResult:
    """Share of findings, issues, actions and supports grounded in disclosed facts."""
    plan = case.plan
    if plan is None or not plan.issues:
        return CheckResult(0, ("plan.issues",), (Note("no_plan", {}),))
    good = 0
    evidence: list[str] = []
    bad: list[Note] = []
    for i, f in enumerate(case.assessment.findings):
        if f.status is not DomainStatus.concern:
            continue
        path = f"assessment.findings[{i}].evidence"
        shown = case.domain_turns.get(f.domain, frozenset()) & set(f.evidence)
        if shown:
            good += 1
            evidence += [path, *shown]
        else:
            bad.append(Note("finding_unfounded", {"domain": topic_name(f.domain)}, (path,)))

    grounded_issues: set[str] = set()
    for i, issue in enumerate(plan.issues):
        path = f"plan.issues[{i}].findings"
        unfounded = [
            d
            for d in issue.findings
            if d not in case.concern_domains or d not in case.known_domains
        ]
        if issue.findings and not unfounded:
            grounded_issues.add(issue.id)
            good += 1
            evidence.append(path)
        elif not issue.findings:
            bad.append(Note("issue_no_finding", {"issue": issue.id}, (path,)))
        else:
            labels = [topic_name(d) for d in unfounded]
            names = LocalizedText(
                ja="、".join(x.ja for x in labels), en=", ".join(x.en for x in labels)
            )
            bad.append(Note("issue_unfounded", {"issue": issue.id, "domains": names}, (path,)))

    for i, act in enumerate(plan.client_actions):
        path = f"plan.client_actions[{i}].issues"
        if act.issues and set(act.issues) <= grounded_issues:
            good += 1
        else:
            bad.append(Note("action_unfounded", {"n": i + 1}, (path,)))

    for i, s in enumerate(plan.supports):
        path = f"plan.supports[{i}]"
        resource = case.resource(s.resource)
        if not s.issues or not set(s.issues) <= grounded_issues:
            bad.append(Note("support_unfounded", {"n": i + 1}, (f"{path}.issues",)))
        elif resource and not case.acts_on_known(resource):
            bad.append(
                Note("resource_undisclosed", {"resource": resource.name}, (f"{path}.resource",))
            )
        else:
            good += 1
    total = good + len(bad)
    share = good / total if total else 0.0
    level = level_from_share(share, params.thresholds)
    notes = (Note("share", {"share": round(100 * share)}), *bad)
    return CheckResult(level, ordered([*evidence, *(p for n in bad for p in n.evidence)]), notes)
