"""Whether a case can be taught: what the answer key asks can be found in the interview.

A trainee confirms a resource's eligibility from what the client says. A fitting resource
whose rules no disclosable fact can confirm, or that some client of the case fails, teaches
the wrong lesson; so does an urgent need with no resource open to the client, or a wrong
resource said to fail a rule that the client meets. These checks read the rules against
the personas of a fixed set of seeds, with every fact the client can disclose counted as
told (``known`` domains and ``confirms``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from simulator.casework.eligibility import EligibilityReport, Verdict, check_eligibility
from simulator.models import Region, Scenario
from simulator.models.eligibility import EligibilityField
from simulator.models.persona import Persona
from simulator.models.region import Resource
from simulator.models.vocab import Topic
from simulator.persona import generate_persona

from .linter import unreachable_facts
from .source import PathPart

#: The seeds every case is checked with: a spread of trainees' seeds and the exemplars' 101.
TEACHABLE_SEEDS: tuple[int, ...] = (*range(20), 101)

#: (field path, message key, message arguments) of one problem.
Finding = tuple[list[PathPart], str, dict[str, object]]


@dataclass(frozen=True)
class _Disclosable:
    domains: frozenset[Topic]
    confirmed: frozenset[EligibilityField]


def disclosable(scenario: Scenario) -> _Disclosable:
    """The domains and attributes a client of this case can tell (reachable facts)."""
    closed = unreachable_facts(scenario)
    facts = [f for f in scenario.facts if f.id not in closed]
    return _Disclosable(
        frozenset(f.domain for f in facts),
        frozenset(field for f in facts for field in f.confirms),
    )


def _open(report: EligibilityReport) -> bool:
    return report.verdict is Verdict.met  # cautions leave a resource open


def _first_failure(
    personas: Sequence[Persona], check: Callable[[Persona], EligibilityReport]
) -> tuple[int, EligibilityReport] | None:
    for persona in personas:
        report = check(persona)
        if not _open(report):
            return persona.seed, report
    return None


def _meets_rule_of(
    resource: Resource,
    field: EligibilityField,
    personas: Sequence[Persona],
    check: Callable[[Persona], EligibilityReport],
) -> int | None:
    """The first seed whose client is not shown to fail ``resource``'s ``field`` rules."""
    rules = [r for r in resource.eligibility if r.field is field]
    for persona in personas:
        verdicts = {x.verdict for x in check(persona).results if x.rule in rules}
        if Verdict.unmet not in verdicts:
            return persona.seed
    return None


def teachability_findings(
    scenario: Scenario, region: Region, seeds: Sequence[int] = TEACHABLE_SEEDS
) -> list[Finding]:
    """Problems that make the answer key unreachable for some client of the case."""
    told = disclosable(scenario)
    personas = [generate_persona(scenario, region, seed) for seed in seeds]
    key = scenario.answer_key
    out: list[Finding] = []

    def check(resource: Resource) -> Callable[[Persona], EligibilityReport]:
        return lambda p: check_eligibility(resource, p, told.domains, told.confirmed)

    for n, fit in enumerate(key.fitting_resources):
        resource = region.resource(fit.resource)
        if resource is None:
            continue  # reported by the linter as region_lacks
        failure = _first_failure(personas, check(resource))
        if failure is not None:
            seed, report = failure
            key_name = (
                "lint.fitting_unconfirmable"
                if report.verdict is Verdict.unknown
                else "lint.fitting_ineligible"
            )
            out.append(
                (
                    ["answer_key", "fitting_resources", n, "resource"],
                    key_name,
                    {"resource": fit.resource, "seed": seed, "hints": "、".join(report.hints())},
                )
            )

    for n, need in enumerate(key.urgent_needs):
        where: list[PathPart] = ["answer_key", "urgent_needs", n]
        present = [r for rid in need.resources if (r := region.resource(rid)) is not None]
        for k, rid in enumerate(need.resources):
            if region.resource(rid) is None:
                lacks: dict[str, object] = {"region": region.id, "resource": rid}
                out.append(([*where, "resources", k], "lint.region_lacks", lacks))
        if not need.resources:
            out.append(([*where, "resources"], "lint.urgent_no_resource", {"fact": need.fact}))
        elif present and all(_first_failure(personas, check(r)) for r in present):
            out.append(
                (
                    [*where, "resources"],
                    "lint.urgent_resource_unavailable",
                    {"fact": need.fact, "resources": ", ".join(need.resources)},
                )
            )

    for n, wrong in enumerate(key.wrong_resources):
        resource = region.resource(wrong.resource)
        if resource is None:
            continue
        for k, field in enumerate(wrong.fails):
            meets = _meets_rule_of(resource, field, personas, check(resource))
            if meets is not None:
                args: dict[str, object] = {
                    "resource": wrong.resource,
                    "field": field.value,
                    "seed": meets,
                }
                path: list[PathPart] = ["answer_key", "wrong_resources", n, "fails", k]
                out.append((path, "lint.wrong_not_failing", args))
    return out
