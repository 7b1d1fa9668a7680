"""resource_fit: the chosen resources fit this client and this case.

A resource is unfit when the answer key lists it among the wrong resources, when it acts
only on domains where the client disclosed nothing, or when the client fails one of its
eligibility rules (the region's rules read against the persona
with ``simulator.casework.eligibility``; whether there is violence counts as known only
once the client disclosed it). Health problems the client disclosed (a key issue's fact
in the health or mental-health domain, or an untreated illness or suicide risk) must be
linked to a health service, and so must a household member's: a key fact about the
household, family or children whose summary says someone's illness goes untreated (a data
list, ``untreated``). A plan that lists resources wholesale (more than twice the
case's fitting ones, and more than eight) is at level 0: it does not choose.
"""

from __future__ import annotations

from pydantic import Field

from simulator.models.common import LocalizedText
from simulator.models.vocab import ResourceKind, Topic, Urgency

from ..case import Case
from ..text import has_any
from .base import CheckResult, ListName, Note, Params, checker, lowers, ordered

HEALTH_DOMAINS = frozenset({Topic.health, Topic.mental_health})
HEALTH_URGENCY = frozenset({Urgency.untreated_illness, Urgency.suicide_risk})
#: Domains where the facts are about the people around the client.
HOUSEHOLD_DOMAINS = frozenset({Topic.household, Topic.family, Topic.children, Topic.caregiving})


class ResourceFitParams(Params):
    """Which kinds of resource count as health services; the share of fitting ones for 3."""

    health_kinds: list[ResourceKind] = Field(
        default_factory=lambda: [
            ResourceKind.health_centre,
            ResourceKind.free_clinic,
            ResourceKind.disability_support,
            ResourceKind.mental_health_line,
        ]
    )
    fitting_share: float = Field(default=0.5, gt=0, le=1)
    untreated: ListName = "untreated"


def health_need(case: Case) -> list[str]:
    """Turns where the client disclosed a health problem the plan must answer."""
    key_facts = {f for issue in case.scenario.answer_key.issues for f in issue.facts}
    turns = []
    for fact_id, turn in case.disclosed_in.items():
        fact = case.facts.get(fact_id)
        if fact is None:
            continue
        if (fact.domain in HEALTH_DOMAINS and fact_id in key_facts) or (
            fact.urgency in HEALTH_URGENCY
        ):
            turns.append(turn)
    return turns


def household_health_need(case: Case, params: ResourceFitParams) -> list[str]:
    """Turns where the client told of a household member's untreated health problem."""
    key_facts = {f for issue in case.scenario.answer_key.issues for f in issue.facts}
    return [
        turn
        for fact_id, turn in case.disclosed_in.items()
        if fact_id in key_facts
        and (fact := case.facts.get(fact_id)) is not None
        and fact.domain in HOUSEHOLD_DOMAINS
        and has_any(fact.summary.ja, params.untreated)
    ]


@checker("resource_fit", ResourceFitParams)
def resource_fit(case: Case, params: ResourceFitParams) -> CheckResult:
    """No wrong or ineligible resources, enough fitting ones, health needs linked."""
    chosen = [*case.support_resources, *case.action_resources]
    if not chosen:
        return CheckResult(0, ("plan.supports",), (lowers("no_resources", 0),))
    key = case.scenario.answer_key
    wrong = {j.resource for j in key.wrong_resources}
    fitting = case.fitting_ids
    notes: list[Note] = []
    unfit_paths: list[str] = []
    fit_ids: set[str] = set()
    seen: set[str] = set()
    for path, r in chosen:
        if r.id in seen:
            continue
        seen.add(r.id)
        unmet = case.unmet_rules(r)
        if r.id in wrong:
            unfit_paths.append(path)
            notes.append(lowers("wrong_resource", 1, {"resource": r.name}, (path,)))
        elif not case.acts_on_known(r):
            unfit_paths.append(path)
            notes.append(lowers("undisclosed", 1, {"resource": r.name}, (path,)))
        elif unmet:
            unfit_paths.append(path)
            hints = LocalizedText(
                ja="、".join(h.ja for h in unmet), en="; ".join(h.en for h in unmet)
            )
            notes.append(lowers("not_eligible", 1, {"resource": r.name, "hints": hints}, (path,)))
        elif r.id in fitting:
            fit_ids.add(r.id)
    if case.scattershot:
        notes.append(lowers("scattershot", 0, {"n": len(seen), "fitting": len(case.fitting_ids)}))
    health_turns = health_need(case)
    linked = any(r.kind in params.health_kinds for _, r in chosen)
    if health_turns and not linked:
        notes.append(lowers("health_unlinked", 1, evidence=tuple(health_turns)))
    family = household_health_need(case, params)
    if family and not linked:
        notes.append(lowers("household_health_unlinked", 1, evidence=tuple(family)))
    unfit = len(unfit_paths)
    share = len(fit_ids) / len(fitting) if fitting else 1.0
    if case.scattershot or (unfit and unfit >= len(fit_ids)):
        level = 0
    elif unfit or ((health_turns or family) and not linked):
        level = 1
    elif share < params.fitting_share:
        level = 2
        notes.append(lowers("few_fitting", 2, {"n": len(fit_ids), "total": len(fitting)}))
    else:
        level = 3
    good = [path for path, r in chosen if r.id in fit_ids]
    return CheckResult(level, ordered([*good, *unfit_paths]), tuple(notes))
