"""employment_readiness: employment support matched to the client's readiness.

Whether work is an issue comes from the interview and either the answer key or the
trainee's own assessment: a fact of a work issue, or of the employment domain, was
disclosed, and the key lists a work issue or an employment resource as fitting, or the
trainee's intake checklist marks a work problem. Readiness comes from the
answer key's resources: work preparation or intermediate work fitting, or Hello Work listed
as wrong, means not ready for ordinary work; Hello Work fitting means ready. What step a
resource is comes from the region: its kind, and for a resource of kind ``other`` its
description (a youth support station offering work experience is a preparation step).
For a client not ready, work preparation (and intermediate work as the next step) fits
and Hello Work alone does not; for a ready client, Hello Work does. A step the case does
not call for is support "at the wrong step" (level 1).
"""

from __future__ import annotations

from simulator.models.vocab import IntakeCategory, ResourceKind, Topic

from ..case import Case
from ..text import has_any
from .base import CheckResult, ListName, Params, checker, lowers, ordered, raises

WORK_CATEGORIES = frozenset(
    {IntakeCategory.job_search, IntakeCategory.withdrawal, IntakeCategory.work_trouble}
)
PREPARATION = frozenset({ResourceKind.work_preparation, ResourceKind.intermediate_work})


class EmploymentParams(Params):
    """Words naming a next step; words that make an ``other`` resource a preparation step."""

    steps: ListName = "employment_steps"
    preparation: ListName = "work_preparation"


def _kind(case: Case, resource_id: str, params: EmploymentParams) -> ResourceKind | None:
    r = case.region.resource(resource_id)
    if r is None:
        return None
    if r.kind is ResourceKind.other and has_any(r.description.ja, params.preparation):
        return ResourceKind.work_preparation
    return r.kind


def _about_work(case: Case, fact_id: str) -> bool:
    fact = case.facts.get(fact_id)
    return fact is not None and (
        fact.domain is Topic.employment or fact.category in WORK_CATEGORIES
    )


def _marked_as_work(case: Case) -> bool:
    """The trainee's own judgement: the intake checklist marks a work problem (仕事探し,
    仕事上のトラブル, ひきこもり)."""
    return bool(set(case.assessment.checklist.checked) & WORK_CATEGORIES)


@checker("employment_readiness", EmploymentParams)
def employment_readiness(case: Case, params: EmploymentParams) -> CheckResult:
    """Work preparation for the not-yet-ready, Hello Work for the ready, none if not needed."""
    key = case.scenario.answer_key
    fit_kinds = {_kind(case, j.resource, params) for j in key.fitting_resources}
    wrong_kinds = {_kind(case, j.resource, params) for j in key.wrong_resources}
    work_issues = [i for i in key.issues if i.category in WORK_CATEGORIES]
    work_facts = {f for i in work_issues for f in i.facts}
    told = [t for f, t in case.disclosed_in.items() if f in work_facts or _about_work(case, f)]
    employment_fit = fit_kinds & (PREPARATION | {ResourceKind.hello_work})
    work_issue = bool(told) and bool(work_issues or employment_fit or _marked_as_work(case))
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
            return CheckResult(3, (), (raises("not_needed"),))
        if hello and hello_wrong:
            return CheckResult(0, ordered(paths), (lowers("hello_work_too_soon", 0),))
        return CheckResult(1, ordered(paths), (lowers("forced_in", 1),))
    evidence = [*told, *paths]
    if not chosen:
        return CheckResult(0, ordered(told), (lowers("none", 0),))
    if hello and (hello_wrong or (not_ready and not prep)):
        return CheckResult(0, ordered(evidence), (lowers("hello_work_too_soon", 0),))
    assert plan is not None
    wrong_ids = {j.resource for j in key.wrong_resources}
    wrong_paths = tuple(
        f"plan.supports[{i}]" for i, _ in chosen if plan.supports[i].resource in wrong_ids
    )
    if wrong_paths:
        # The descriptor's level 1: employment support, but at the wrong step.
        return CheckResult(1, ordered(evidence), (lowers("wrong_step", 1, evidence=wrong_paths),))
    if ready and not hello:
        return CheckResult(1, ordered(evidence), (lowers("ready_kept_back", 1),))
    if employment_fit and kinds - employment_fit:
        # A step the case does not call for (work preparation for a client ready to
        # work, or every programme at once): support at the wrong step.
        return CheckResult(1, ordered(evidence), (lowers("wrong_step", 1),))
    supports = [plan.supports[i] for i, _ in chosen]
    issue_ids = {i.id for i in plan.issues}
    served = {x for s in supports for x in s.issues if x in issue_ids}
    if not served:
        return CheckResult(1, ordered(evidence), (lowers("not_tied", 1),))
    own = [
        f"plan.client_actions[{i}]"
        for i, a in enumerate(plan.client_actions)
        if served & set(a.issues)
    ]
    notes = []
    if not own:
        notes.append(lowers("no_client_action", 2))
    next_step = True
    if not_ready:
        texts = [s.content for s in plan.supports] + [a.text for a in plan.client_actions]
        next_step = ResourceKind.intermediate_work in kinds or any(
            has_any(t, params.steps) for t in texts if not case.stuffed(t)
        )
        if not next_step:
            notes.append(lowers("no_next_step", 2))
    level = 3 if own and next_step else 2
    return CheckResult(level, ordered([*evidence, *own]), tuple(notes))
