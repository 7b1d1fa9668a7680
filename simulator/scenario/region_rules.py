"""Which clients a region's eligibility rules admit, and the clause that refuses the rest.

A region author changes an income limit or an age bound and wants to see, before
publishing, what it does to the cases: for every resource, each rule read against the
personas of every case in the region (a few seeds each), with everything about the client
counted as known (the supervisor's view). Plain data; the studio's view only renders it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from simulator.casework.eligibility import (
    NO_JOB_LOSS,
    ClientValue,
    Verdict,
    check_eligibility,
    client_value,
    household_size,
)
from simulator.i18n import t
from simulator.models import LocalizedText, Region, Scenario
from simulator.models.eligibility import EligibilityField, EligibilityRule, RuleValue
from simulator.models.persona import Persona
from simulator.models.region import Resource
from simulator.persona import generate_persona

from .library import default_cases_dir, yaml_files
from .loader import load_file
from .problems import InvalidFile

#: Seeds shown per case: enough to see a range drawn both ways, few enough to read.
PREVIEW_SEEDS: tuple[int, ...] = (0, 1, 2)

_OPS = {"==": "=", "!=": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥"}


@dataclass(frozen=True)
class Clause:
    """One rule read against one client: what it asks, what the client has, the verdict."""

    index: int
    rule: EligibilityRule
    threshold: RuleValue
    actual: ClientValue
    verdict: Verdict

    def text(self, locale: str | None = None) -> str:
        """The clause for this client: ``世帯の月収（円） ≤ 138,000``."""
        return clause_text(self.rule, self.threshold, locale)

    def actual_text(self, locale: str | None = None) -> str:
        """What the client has, in words (no job lost reads as such, not as 99 years)."""
        if self.rule.field is EligibilityField.lost_job_within_years and self.actual == NO_JOB_LOSS:
            return t("regions.no_job_loss", locale)
        return value_text(self.actual, locale)


def clause_text(rule: EligibilityRule, value: RuleValue, locale: str | None = None) -> str:
    """A rule compared with ``value`` as a trainer reads it."""
    field = t(f"regions.field.{rule.field.value}", locale)
    if rule.op in ("in", "not_in"):
        return t(f"regions.op.{rule.op}", locale, field=field, value=value_text(value, locale))
    return f"{field} {_OPS[rule.op]} {value_text(value, locale)}"


def rule_text(rule: EligibilityRule, locale: str | None = None) -> str:
    """A rule in general; a limit that scales with the household or rent says so."""
    scales = rule.by_household_size is not None or rule.rent_allowance is not None
    text = clause_text(
        rule, rule.by_household_size[0] if rule.by_household_size else rule.value, locale
    )
    return text + t("regions.scales", locale) if scales else text


@dataclass(frozen=True)
class ClientCheck:
    """One resource's rules read against one persona of one case."""

    case_id: str
    case_title: LocalizedText
    seed: int
    client: str
    key_role: str  # fitting, wrong, urgent, hand_off or "" (the case's key does not name it)
    verdict: Verdict
    clauses: tuple[Clause, ...]

    @property
    def refused_by(self) -> tuple[Clause, ...]:
        """The clauses the client fails (cautions included: they are worth a look)."""
        return tuple(c for c in self.clauses if c.verdict in (Verdict.unmet, Verdict.caution))

    @property
    def admitted(self) -> bool:
        """True when the resource is open to the client (cautions leave it open)."""
        return self.verdict is Verdict.met

    @property
    def key_disagrees(self) -> bool:
        """The case's key asks for the resource but its rules refuse this client."""
        return self.key_role in ("fitting", "urgent", "hand_off") and not self.admitted


@dataclass(frozen=True)
class RuleTally:
    """One rule of a resource, with the clients it admits and refuses."""

    index: int
    rule: EligibilityRule
    admitted: tuple[tuple[str, int], ...]
    refused: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class ResourceCheck:
    """A resource, its rules' tallies and every client read against it."""

    resource: Resource
    rules: tuple[RuleTally, ...]
    clients: tuple[ClientCheck, ...]

    @property
    def admitted(self) -> int:
        """How many clients the resource is open to."""
        return sum(1 for c in self.clients if c.admitted)


def value_text(value: object, locale: str | None = None) -> str:
    """A rule's or a client's value in words: 138,000 / はい / rented、public."""
    if value is None:
        return t("regions.unknown", locale)
    if isinstance(value, bool):
        return t("regions.yes" if value else "regions.no", locale)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def _key_role(scenario: Scenario, resource_id: str) -> str:
    key = scenario.answer_key
    if any(j.resource == resource_id for j in key.fitting_resources):
        return "fitting"
    if any(j.resource == resource_id for j in key.wrong_resources):
        return "wrong"
    if any(resource_id in need.resources for need in key.urgent_needs):
        return "urgent"
    return "hand_off" if key.hand_off_to == resource_id else ""


def personas_of(
    region: Region, scenarios: Sequence[Scenario], seeds: Sequence[int] = PREVIEW_SEEDS
) -> list[tuple[Scenario, Persona]]:
    """The personas of every case that happens in ``region``, ``seeds`` each."""
    mine = [s for s in scenarios if s.region == region.id]
    return [(s, generate_persona(s, region, seed)) for s in mine for seed in seeds]


def check_resource(
    resource: Resource, clients: Sequence[tuple[Scenario, Persona]]
) -> ResourceCheck:
    """Every rule of ``resource`` read against every client (case, persona)."""
    checks: list[ClientCheck] = []
    for scenario, persona in clients:
        report = check_eligibility(resource, persona)  # everything known
        size = household_size(persona)
        clauses = tuple(
            Clause(
                i,
                r.rule,
                r.rule.threshold(size, persona.rent),
                client_value(persona, r.rule.field),
                r.verdict,
            )
            for i, r in enumerate(report.results)
        )
        checks.append(
            ClientCheck(
                scenario.id,
                scenario.title,
                persona.seed,
                f"{persona.name.kanji}（{persona.age}）",
                _key_role(scenario, resource.id),
                report.verdict,
                clauses,
            )
        )
    rules = tuple(
        RuleTally(
            i,
            rule,
            tuple((c.case_id, c.seed) for c in checks if c.clauses[i].verdict is Verdict.met),
            tuple((c.case_id, c.seed) for c in checks if c.clauses[i].verdict is not Verdict.met),
        )
        for i, rule in enumerate(resource.eligibility)
    )
    return ResourceCheck(resource, rules, tuple(checks))


def check_region(
    region: Region, scenarios: Sequence[Scenario], seeds: Sequence[int] = PREVIEW_SEEDS
) -> list[ResourceCheck]:
    """Every resource of ``region`` read against the cases that happen in it."""
    clients = personas_of(region, scenarios, seeds)
    return [check_resource(r, clients) for r in region.resources]


@dataclass(frozen=True)
class Library:
    """The regions and scenarios found in some folders (files that do not load are left
    out; the linter is where their problems are read)."""

    regions: dict[str, Region]
    scenarios: list[Scenario]


def read_library(folders: Sequence[Path] | None = None) -> Library:
    """Regions and scenarios under ``folders`` (default: the case library)."""
    regions: dict[str, Region] = {}
    scenarios: list[Scenario] = []
    for path in yaml_files(folders or [default_cases_dir()]):
        try:
            _, model, _ = load_file(path)
        except InvalidFile:
            continue
        if isinstance(model, Region):
            regions.setdefault(model.id, model)
        elif isinstance(model, Scenario):
            scenarios.append(model)
    return Library(regions, sorted(scenarios, key=lambda s: s.id))
