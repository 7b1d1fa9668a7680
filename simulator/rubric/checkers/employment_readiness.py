"""employment_readiness: employment support matched to the client's readiness.

Whether work is an issue comes from the answer key (issues about job search, withdrawal
or work trouble, or employment resources among the fitting ones) and from the interview
(a fact of such an issue, or of the employment domain, was disclosed). Readiness comes
from the answer key's resources: work preparation or intermediate work fitting, or Hello
Work listed as wrong, means not ready for ordinary work; Hello Work fitting means ready.
For a client not ready, work preparation (and intermediate work as the next step) fits
and Hello Work alone does not; for a ready client, Hello Work does.
"""

from __future__ import annotations

from pydantic import Field

from simulator.models.vocab import IntakeCategory, ResourceKind, Topic

from ..case import Case
from ..text import has_any
from .base import CheckResult, ListName, Note, Params, checker, ordered

WORK_CATEGORIES = frozenset(
    {IntakeCategory.job_search, IntakeCategory.withdrawal, IntakeCategory.work_trouble}
)
PREPARATION = frozenset({ResourceKind.work_preparation, ResourceKind.intermediate_work})


class EmploymentParams(Params):
    """Words naming a next step; resource ids that count as work preparation."""

    steps: ListName = "employment_steps"
    preparation_ids: list[str] = Field(default_factory=lambda: ["youth_support_station"])


def _kind(case: Case, resource_id: str, params: EmploymentParams) -> ResourceKind | None:
    r = case.region.resource(resource_id)
    if r is None:
        return None
    if r.id in params.preparation_ids:
        return ResourceKind.work_preparation
    return r.kind


@checker("employment_readiness", EmploymentParams)
def employment_readiness(case: Case, params: EmploymentParams) -> CheckResult:
    """Work preparation for the not-yet-ready, Hello Work for the ready, none if not needed."""
    key = case.scenario.answer_key
    fit_kinds = {_kind(case, j.resource, params) for j in key.fitting_resources}
    wrong_kinds = {_kind(case, j.resource, params) for j in key.wrong_resources}
    work_issues = [i for i in key.issues if i.category in WORK_CATEGORIES]
    work_facts = {f for i in work_issues for f in i.facts}
    told = [
        t
        for f, t in case.disclosed_in.items()
        if f in work_facts or (f in case.facts and case.facts[f].domain is Topic.employment)
    ]
    employment_fit = fit_kinds & (PREPARATION | {ResourceKind.hello_work})
    work_issue = bool(told) and bool(work_issues or employment_fit)
    prep_fit = bool(fit_kinds & PREPARATION)
    hello_fit = ResourceKind.hello_work in fit_kinds
    hello_wrong = ResourceKind.hello_work in wrong_kinds
    not_ready = (prep_fit and not hello_fit) or hello_wrong
    ready = hello_fit and not prep_fit

    plan = case.plan
    chosen: list[tuple[int, ResourceKind]] = []
    for i, s in enumerate(plan.supports if plan else []):
        kind = _kind(case, s.resource, params) if s.resource else None
        if kind in PREPARATION or kind is ResourceKind.hello_work:
            assert kind is not None
            chosen.append((i, kind))
    kinds = {k for _, k in chosen}
    paths = [f"plan.supports[{i}]" for i, _ in chosen]
    hello = ResourceKind.hello_work in kinds
    prep = bool(kinds & PREPARATION)

    if not work_issue:
        if not chosen:
            return CheckResult(3, (), (Note("not_needed", {}),))
        if hello and hello_wrong:
            return CheckResult(0, ordered(paths), (Note("hello_work_too_soon", {}),))
        return CheckResult(1, ordered(paths), (Note("forced_in", {}),))
    evidence = [*told, *paths]
    if not chosen:
        return CheckResult(0, ordered(told), (Note("none", {}),))
    if hello and (hello_wrong or (not_ready and not prep)):
        return CheckResult(0, ordered(evidence), (Note("hello_work_too_soon", {}),))
    assert plan is not None
    wrong_ids = {j.resource for j in key.wrong_resources}
    if any(plan.supports[i].resource in wrong_ids for i, _ in chosen):
        return CheckResult(0, ordered(evidence), (Note("wrong_step", {}),))
    if ready and not hello:
        return CheckResult(1, ordered(evidence), (Note("ready_kept_back", {}),))
    if employment_fit and kinds - employment_fit:
        # A step the case does not call for (work preparation for a client ready to
        # work, or every programme at once): support at the wrong step.
        return CheckResult(1, ordered(evidence), (Note("wrong_step", {}),))
    supports = [plan.supports[i] for i, _ in chosen]
    issue_ids = {i.id for i in plan.issues}
    served = {x for s in supports for x in s.issues if x in issue_ids}
    if not served:
        return CheckResult(1, ordered(evidence), (Note("not_tied", {}),))
    own = [
        f"plan.client_actions[{i}]"
        for i, a in enumerate(plan.client_actions)
        if served & set(a.issues)
    ]
    notes = []
    if not own:
        notes.append(Note("no_client_action", {}))
    next_step = True
    if not_ready:
        texts = [s.content for s in plan.supports] + [a.text for a in plan.client_actions]
        next_step = ResourceKind.intermediate_work in kinds or any(
            has_any(t, params.steps) for t in texts if not case.stuffed(t)
        )
        if not next_step:
            notes.append(Note("no_next_step", {}))
    level = 3 if own and next_step else 2
    return CheckResult(level, ordered([*evidence, *own]), tuple(notes))
