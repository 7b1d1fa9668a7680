"""Eligibility hints: a region's resource rules read against what is known of the client.

A rule names an attribute (``EligibilityField``); here each attribute is looked up on the
persona. What the intake form records (age, household, housing, insurance...) is always
known. What only the interview brings out (income, savings, debts, when work was lost...)
counts as known once the client has said something in that domain; until then the rule
is "未確認" (not yet confirmed) rather than a verdict the trainee has not earned.

An advisory rule (``advisory: true``, e.g. 生活保護's assets, which are looked at after the
application and never stop it) that the client does not meet is a caution, not a verdict:
the resource stays open and the counsellor reads the hint as what to prepare for.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from typing import assert_never

from simulator.i18n import current_locale, t
from simulator.models.eligibility import EligibilityField, EligibilityRule
from simulator.models.persona import Persona
from simulator.models.region import Resource
from simulator.models.vocab import Topic

ClientValue = int | bool | str | None

#: Attributes the client only tells in the interview, and the domains that tell them.
#: Attributes not listed here are on the 相談受付・申込票 and are known from the start.
FIELD_DOMAINS: dict[EligibilityField, frozenset[Topic]] = {
    EligibilityField.monthly_income: frozenset({Topic.income}),
    EligibilityField.savings: frozenset({Topic.income, Topic.food_cash}),
    EligibilityField.debt: frozenset({Topic.debt}),
    EligibilityField.employed: frozenset({Topic.employment}),
    EligibilityField.lost_job_within_years: frozenset({Topic.employment, Topic.life_history}),
    EligibilityField.resident: frozenset({Topic.housing, Topic.referral}),
    EligibilityField.disability_certificate: frozenset({Topic.health, Topic.mental_health}),
    EligibilityField.dv: frozenset({Topic.abuse}),
    EligibilityField.pregnant: frozenset({Topic.health, Topic.family, Topic.children}),
    EligibilityField.member_needs_care: frozenset({Topic.caregiving, Topic.family}),
    EligibilityField.member_health_condition: frozenset(
        {Topic.family, Topic.caregiving, Topic.health}
    ),
}

ADULT_AGE = 18
#: lost_job_within_years for a client who has not lost work: no "within N years" holds.
NO_JOB_LOSS = 99


class Verdict(StrEnum):
    """What one rule says about the client."""

    met = "met"
    unmet = "unmet"
    unknown = "unknown"
    caution = "caution"  # an advisory rule not met: looked at after applying, never a bar


def household_size(persona: Persona) -> int:
    """People living together, the client included."""
    return 1 + sum(1 for m in persona.household if m.living_together)


def _ages_together(persona: Persona) -> list[int]:
    return [persona.age, *(m.age for m in persona.household if m.living_together)]


def client_value(
    persona: Persona,
    field: EligibilityField,
    known: Collection[Topic] | None = None,
    confirmed: Collection[EligibilityField] = (),
) -> ClientValue:
    """The persona's value for ``field``; None when it is not known (yet).

    ``known`` is the set of domains the client has talked about; None means everything
    about the persona counts as known (a supervisor's or the printer's view).
    ``confirmed`` holds attributes a disclosed fact confirmed outside its domain.
    """
    needs = FIELD_DOMAINS.get(field)
    told = known is None or field in confirmed or needs is None or bool(needs & set(known))
    if not told:
        return None
    match field:
        case EligibilityField.age:
            return persona.age
        case EligibilityField.monthly_income:
            own = persona.own_monthly_income
            # Once violence is disclosed, the abuser's income no longer counts (法テラス:
            # the other party's income is not added; 生活保護 after leaving).
            if own is not None and (known is None or Topic.abuse in known):
                return own
            return persona.monthly_income
        case EligibilityField.savings:
            return persona.savings
        case EligibilityField.debt:
            return persona.debt
        case EligibilityField.household_size:
            return household_size(persona)
        case EligibilityField.has_children:
            return any(m.living_together and m.age < ADULT_AGE for m in persona.household)
        case EligibilityField.health_insurance:
            return persona.health_insurance.value
        case EligibilityField.residence_status:
            return persona.residence_status.value
        case EligibilityField.housing:
            return persona.housing.value
        case EligibilityField.employed:
            return any(w.ended is None for w in persona.work_history)
        case EligibilityField.lost_job_within_years:
            months = persona.job_lost_months_ago
            # "Within 2 years" means 24 months at most: round a part year up.
            return NO_JOB_LOSS if months is None else -(-months // 12)
        case EligibilityField.resident:
            return persona.resident
        case EligibilityField.disability_certificate:
            return persona.disability_certificate
        case EligibilityField.dv:
            # The persona does not record violence; it is known only once disclosed.
            return True if known is not None and Topic.abuse in known else None
        case EligibilityField.sex:
            return persona.sex.value
        case EligibilityField.pregnant:
            return persona.pregnant
        case EligibilityField.oldest_member_age:
            return max(_ages_together(persona))
        case EligibilityField.youngest_member_age:
            return min(_ages_together(persona))
        case EligibilityField.member_needs_care:
            return any(m.living_together and m.needs_care for m in persona.household)
        case EligibilityField.member_health_condition:
            return any(m.living_together and m.health_condition for m in persona.household)
    assert_never(field)  # the match covers every field; mypy checks it


@dataclass(frozen=True)
class RuleResult:
    """One rule and what it says about the client."""

    rule: EligibilityRule
    verdict: Verdict

    def hint(self, locale: str | None = None) -> str:
        """The hint as a counsellor reads it (unknown rules are marked 未確認)."""
        text = self.rule.hint.get(current_locale(locale))
        if self.verdict is Verdict.unknown:
            return t("plan.hint.unknown", locale, hint=text)
        if self.verdict is Verdict.caution:
            return t("plan.hint.caution", locale, hint=text)
        return text


@dataclass(frozen=True)
class EligibilityReport:
    """Every rule of one resource, read against the client."""

    resource_id: str
    results: tuple[RuleResult, ...]

    @property
    def verdict(self) -> Verdict:
        """unmet if any rule fails, unknown if any is not yet known, else met."""
        verdicts = {r.verdict for r in self.results}
        if Verdict.unmet in verdicts:
            return Verdict.unmet
        return Verdict.unknown if Verdict.unknown in verdicts else Verdict.met

    def hints(self, locale: str | None = None) -> list[str]:
        """Hints for the rules the client fails, that are unconfirmed or are cautions;
        failures first."""
        order = (Verdict.unmet, Verdict.unknown, Verdict.caution)
        return [r.hint(locale) for v in order for r in self.results if r.verdict is v]

    def summary(self, locale: str | None = None) -> str:
        """One line: the overall verdict in words."""
        if not self.results:
            return t("plan.hint.no_rules", locale)
        return t(f"plan.hint.verdict.{self.verdict.value}", locale)


def check_eligibility(
    resource: Resource,
    persona: Persona,
    known: Collection[Topic] | None = None,
    confirmed: Collection[EligibilityField] = (),
) -> EligibilityReport:
    """Read every eligibility rule of ``resource`` against ``persona``."""
    size = household_size(persona)
    results = []
    for rule in resource.eligibility:
        value = client_value(persona, rule.field, known, confirmed)
        held = rule.holds(value, size, persona.rent)
        verdict = Verdict.unknown if held is None else Verdict.met if held else Verdict.unmet
        if verdict is Verdict.unmet and rule.advisory:
            verdict = Verdict.caution
        results.append(RuleResult(rule, verdict))
    return EligibilityReport(resource.id, tuple(results))
