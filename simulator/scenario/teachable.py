"""Whether a case can be taught: what the answer key asks can be found in the interview.

A trainee confirms a resource's eligibility from what the client says. A fitting resource
whose rules no disclosable fact can confirm, or that some client of the case fails, teaches
the wrong lesson; so does an urgent need with no resource open to the client, or a wrong
resource said to fail a rule that the client meets. Every fact the client can disclose
counts as told (``known`` domains and ``confirms``).

The rules are read against every value the persona's ranges admit (``ranges.situations``),
so a check that passes holds for every seed, not only for a sample. When one fails, the
finding names a seed that shows it (the trainees' seeds 0-19 and the exemplars' 101 first,
then onwards), or, if none is found soon, the value that fails.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import partial

from simulator.casework.eligibility import (
    ClientValue,
    EligibilityReport,
    Verdict,
    check_eligibility,
)
from simulator.i18n import current_locale, t
from simulator.models import Region, Scenario
from simulator.models.eligibility import EligibilityField, EligibilityRule
from simulator.models.persona import Persona
from simulator.models.region import Resource
from simulator.models.vocab import Topic
from simulator.persona import generate_persona

from .linter import unreachable_facts
from .ranges import Situation, situations
from .source import PathPart

#: The seeds a finding is first shown with: a spread of trainees' seeds and the exemplars'.
TEACHABLE_SEEDS: tuple[int, ...] = (*range(20), 101)
#: How far to look for a seed that shows a failure the ranges prove (then name the value).
SEED_SEARCH = 1000

#: (field path, message key, message arguments) of one problem.
Finding = tuple[list[PathPart], str, dict[str, object]]


@dataclass(frozen=True)
class _Disclosable:
    domains: frozenset[Topic]
    confirmed: frozenset[EligibilityField]


@dataclass(frozen=True)
class _Failure:
    """A rule some client of the case does not meet (or cannot be shown to), and the value."""

    rule: EligibilityRule
    value: ClientValue
    unknown: bool


def disclosable(scenario: Scenario) -> _Disclosable:
    """The domains and attributes a client of this case can tell (reachable facts)."""
    closed = unreachable_facts(scenario)
    facts = [f for f in scenario.facts if f.id not in closed]
    return _Disclosable(
        frozenset(f.domain for f in facts),
        frozenset(field for f in facts for field in f.confirms),
    )


class _Reader:
    """A case's rules read against every value its ranges admit."""

    def __init__(self, scenario: Scenario, region: Region, told: _Disclosable) -> None:
        self.scenario, self.region, self.told = scenario, region, told
        self.base = generate_persona(scenario, region, TEACHABLE_SEEDS[0])
        self.size = 1 + sum(1 for m in self.base.household if m.living_together)

    def _situations(
        self, field: EligibilityField, rules: Sequence[EligibilityRule]
    ) -> list[Situation]:
        return situations(
            self.scenario, self.base, field, rules, self.told.domains, self.told.confirmed
        )

    def failure(self, resource: Resource) -> _Failure | None:
        """A rule of ``resource`` that some client fails or cannot be shown to meet."""
        for field in dict.fromkeys(r.field for r in resource.eligibility):
            rules = [r for r in resource.eligibility if r.field is field]
            for value, rent in self._situations(field, rules):
                for rule in rules:
                    held = rule.holds(value, self.size, rent)
                    if held is None:
                        return _Failure(rule, value, unknown=True)
                    if not held and not rule.advisory:
                        return _Failure(rule, value, unknown=False)
        return None

    def meets(self, resource: Resource, field: EligibilityField) -> Situation | None:
        """A value of ``field`` (with its rent) with which the client is not shown to fail
        ``resource``'s rules on it; None when every client fails them."""
        rules = [r for r in resource.eligibility if r.field is field]
        for value, rent in self._situations(field, rules):
            held = [r.holds(value, self.size, rent) for r in rules]
            if not any(h is False and not r.advisory for h, r in zip(held, rules, strict=True)):
                return value, rent
        return None

    def report(self, resource: Resource, persona: Persona) -> EligibilityReport:
        """``resource``'s rules read against ``persona`` with every disclosable fact told."""
        return check_eligibility(resource, persona, self.told.domains, self.told.confirmed)

    def seed_showing(
        self, resource: Resource, shows: Callable[[EligibilityReport], bool]
    ) -> int | None:
        """The first seed whose client's report on ``resource`` shows it: the sample seeds
        first, then onwards up to SEED_SEARCH."""
        later = (s for s in range(SEED_SEARCH) if s not in TEACHABLE_SEEDS)
        for seed in (*TEACHABLE_SEEDS, *later):
            persona = generate_persona(self.scenario, self.region, seed)
            if shows(self.report(resource, persona)):
                return seed
        return None


def _who(
    seed: int | None, field: EligibilityField, value: ClientValue, locale: str | None
) -> dict[str, object]:
    """Message arguments naming the client: a seed, else the value the ranges admit."""
    if seed is not None:
        return {"who": t("teach.who_seed", locale, seed=seed)}
    return {"who": t("teach.who_value", locale, field=field.value, value=value)}


def _fitting(
    reader: _Reader, scenario: Scenario, region: Region, locale: str | None
) -> list[Finding]:
    out: list[Finding] = []
    for n, fit in enumerate(scenario.answer_key.fitting_resources):
        resource = region.resource(fit.resource)
        if resource is None:
            continue  # reported by the linter as region_lacks
        failure = reader.failure(resource)
        if failure is None:
            continue
        seed = reader.seed_showing(resource, lambda r: r.verdict is not Verdict.met)
        if seed is not None:
            persona = generate_persona(scenario, region, seed)
            hints = "、".join(reader.report(resource, persona).hints(locale))
        else:
            hints = failure.rule.hint.get(current_locale(locale))
        key_name = "lint.fitting_unconfirmable" if failure.unknown else "lint.fitting_ineligible"
        args: dict[str, object] = {"resource": fit.resource, "hints": hints}
        args |= _who(seed, failure.rule.field, failure.value, locale)
        out.append((["answer_key", "fitting_resources", n, "resource"], key_name, args))
    return out


def _urgent(reader: _Reader, scenario: Scenario, region: Region) -> list[Finding]:
    out: list[Finding] = []
    for n, need in enumerate(scenario.answer_key.urgent_needs):
        where: list[PathPart] = ["answer_key", "urgent_needs", n]
        present = [r for rid in need.resources if (r := region.resource(rid)) is not None]
        for k, rid in enumerate(need.resources):
            if region.resource(rid) is None:
                lacks: dict[str, object] = {"region": region.id, "resource": rid}
                out.append(([*where, "resources", k], "lint.region_lacks", lacks))
        if not need.resources:
            out.append(([*where, "resources"], "lint.urgent_no_resource", {"fact": need.fact}))
        elif present and all(reader.failure(r) is not None for r in present):
            out.append(
                (
                    [*where, "resources"],
                    "lint.urgent_resource_unavailable",
                    {"fact": need.fact, "resources": ", ".join(need.resources)},
                )
            )
    return out


def _not_failing(rules: Collection[EligibilityRule], report: EligibilityReport) -> bool:
    return Verdict.unmet not in {x.verdict for x in report.results if x.rule in rules}


def _wrong(
    reader: _Reader, scenario: Scenario, region: Region, locale: str | None
) -> list[Finding]:
    out: list[Finding] = []
    for n, wrong in enumerate(scenario.answer_key.wrong_resources):
        resource = region.resource(wrong.resource)
        if resource is None:
            continue
        for k, field in enumerate(wrong.fails):
            found = reader.meets(resource, field)
            if found is None:
                continue
            rules = [r for r in resource.eligibility if r.field is field]
            seed = reader.seed_showing(resource, partial(_not_failing, rules))
            args: dict[str, object] = {"resource": wrong.resource, "field": field.value}
            args |= _who(seed, field, found[0], locale)
            path: list[PathPart] = ["answer_key", "wrong_resources", n, "fails", k]
            out.append((path, "lint.wrong_not_failing", args))
    return out


def teachability_findings(
    scenario: Scenario, region: Region, locale: str | None = None
) -> list[Finding]:
    """Problems that make the answer key unreachable for some client of the case, worded
    in ``locale``."""
    reader = _Reader(scenario, region, disclosable(scenario))
    return [
        *_fitting(reader, scenario, region, locale),
        *_urgent(reader, scenario, region),
        *_wrong(reader, scenario, region, locale),
    ]
