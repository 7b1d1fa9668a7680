"""The teachability linter reads the rules against every value a case's ranges admit, so
"every fitting resource is open to every client" holds for every seed, not a sample of
them (issue 13, item 3)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from simulator.casework.eligibility import Verdict, check_eligibility, client_value
from simulator.models import IntRange, Region, Scenario, YenRange
from simulator.models.eligibility import EligibilityField as F
from simulator.models.eligibility import EligibilityRule
from simulator.persona import generate_persona
from simulator.persona.money import yen_values
from simulator.scenario import load_case
from simulator.scenario.library import list_scenarios
from simulator.scenario.ranges import critical, situations
from simulator.scenario.teachable import SEED_SEARCH, TEACHABLE_SEEDS, teachability_findings

RARE = Path(__file__).parent / "corpus" / "broken" / "fitting_ineligible_rare_seed.yaml"
SHIPPED = [p.stem for p in list_scenarios()]


@cache
def _case(ref: str) -> tuple[Scenario, Region]:
    return load_case(ref)


def test_a_rare_seed_the_old_sample_missed_is_found() -> None:
    """Ages 20-50 against a service for people up to 49: every sample seed draws 49 or
    less, seed 34 draws 50. The linter names seed 34."""
    scenario, region = _case(str(RARE))
    assert all(generate_persona(scenario, region, s).age <= 49 for s in TEACHABLE_SEEDS)
    assert generate_persona(scenario, region, 34).age == 50
    findings = teachability_findings(scenario, region, "ja")
    assert [(path, key) for path, key, _ in findings] == [
        (["answer_key", "fitting_resources", 0, "resource"], "lint.fitting_ineligible")
    ]
    assert findings[0][2]["who"] == "シード 34"


def _rent_edge(rent_min: int) -> Scenario:
    """The housing benefit for one person: income up to 85,000 against 84,000 + rent. Only
    a client with no rent at all and the top income fails (about 1 seed in 4,600)."""
    scenario, _ = _case(str(RARE))
    persona = scenario.persona.model_copy(
        update={
            "age": IntRange(min=30, max=40),
            "monthly_income": YenRange(min=0, max=85_000),
            "rent": YenRange(min=rent_min, max=53_000),
            "savings": YenRange(min=0, max=100_000),
            "job_lost_months_ago": IntRange(min=3, max=6),
        }
    )
    told = [F.monthly_income, F.savings, F.lost_job_within_years]
    fact = scenario.facts[0].model_copy(update={"confirms": told})
    fit = scenario.answer_key.fitting_resources[0].model_copy(
        update={"resource": "housing_benefit"}
    )
    key = scenario.answer_key.model_copy(update={"fitting_resources": [fit]})
    return scenario.model_copy(update={"persona": persona, "facts": [fact], "answer_key": key})


def test_a_failure_no_early_seed_shows_is_named_by_its_value() -> None:
    _, region = _case(str(RARE))
    edge = _rent_edge(0)
    findings = teachability_findings(edge, region, "en")
    assert [key for _, key, _ in findings] == ["lint.fitting_ineligible"]
    assert findings[0][2]["who"] == "monthly_income = 85000 (within the ranges)"
    resource = region.resource("housing_benefit")
    assert resource is not None
    # No seed up to the search limit happens to draw it: only the ranges could find it.
    assert all(
        check_eligibility(resource, generate_persona(edge, region, s)).verdict is Verdict.met
        for s in range(0, SEED_SEARCH, 7)
    )
    # A rent of at least 1,000 yen lifts the limit to 85,000: every client is eligible.
    assert teachability_findings(_rent_edge(1000), region) == []


def test_critical_values_keep_both_sides_of_each_threshold() -> None:
    rule = EligibilityRule(field=F.age, op="<=", value=49, hint={"ja": "x", "en": "x"})
    assert critical(range(20, 51), [rule], 1, None) == [20, 48, 49, 50]
    assert critical(range(20, 40), [rule], 1, None) == [20, 39]


@pytest.mark.parametrize("case_id", SHIPPED)
def test_every_generated_value_lies_in_the_values_the_ranges_admit(case_id: str) -> None:
    """The ranges model the generator: for 60 seeds, each persona's age, money, job loss,
    sex and household ages are among the values the linter reasons about."""
    scenario, region = _case(case_id)
    template = scenario.persona
    base = generate_persona(scenario, region, 0)
    every = {F.monthly_income, F.savings, F.debt, F.lost_job_within_years}
    household = {F.has_children, F.oldest_member_age, F.youngest_member_age}
    domains = {
        f: {v for v, _ in situations(scenario, base, f, [], frozenset(), every)}
        for f in household | {F.sex}
    }
    for seed in range(60):
        p = generate_persona(scenario, region, seed)
        assert template.age.min <= p.age <= template.age.max
        assert p.monthly_income in yen_values(template.monthly_income)
        assert p.savings in yen_values(template.savings)
        assert p.debt in yen_values(template.debt)
        if template.job_lost_months_ago is not None:
            lost = template.job_lost_months_ago
            assert lost.min <= (p.job_lost_months_ago or 0) <= lost.max
        if template.rent is not None:
            assert p.rent in yen_values(template.rent)
        for f in domains:
            assert client_value(p, f, frozenset(), every) in domains[f], (f, seed)


@pytest.mark.parametrize(("youngest", "flagged"), [(50, False), (49, True)])
def test_a_wrong_resource_must_fail_for_every_age_the_range_admits(
    youngest: int, flagged: bool
) -> None:
    """'The youth support station is wrong: too old' holds for ages 50-70; once the range
    reaches 49 one client meets the age rule, and the linter says so."""
    scenario, region = _case(str(RARE))
    key = scenario.answer_key
    food = key.fitting_resources[0].model_copy(update={"resource": "food_bank"})
    wrong = key.fitting_resources[0].model_copy(
        update={"resource": "youth_support_station", "fails": [F.age]}
    )
    case = scenario.model_copy(
        update={
            "persona": scenario.persona.model_copy(update={"age": IntRange(min=youngest, max=70)}),
            "answer_key": key.model_copy(
                update={"fitting_resources": [food], "wrong_resources": [wrong]}
            ),
        }
    )
    findings = teachability_findings(case, region, "en")
    assert [key for _, key, _ in findings] == (["lint.wrong_not_failing"] if flagged else [])
    if flagged:
        seed = findings[0][2]["who"]
        assert isinstance(seed, str) and seed.startswith("seed ")
        assert generate_persona(case, region, int(seed.split()[1])).age == 49
