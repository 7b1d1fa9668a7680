"""Households of five or more (issue 13): the income and savings limits use their own
figures, not the four-person ones. One test per rule, in both shipped regions."""

from __future__ import annotations

import math
from functools import cache

import pytest
from pydantic import ValidationError

from simulator.casework.eligibility import Verdict, check_eligibility
from simulator.models import Region
from simulator.models.eligibility import EligibilityField as F
from simulator.models.eligibility import EligibilityRule
from simulator.models.scenario import HouseholdMemberTemplate
from simulator.models.vocab import Relation
from simulator.persona import generate_persona
from simulator.scenario import load_case
from simulator.scenario.library import default_cases_dir
from simulator.scenario.loader import load_region

TOKYO, NAGANO = "sakuragawa-ku", "yamabuki-town"
#: The exemption limit of the resident tax per person, and the grade's multiplier.
GRADE = {TOKYO: 1.0, NAGANO: 0.8}
#: Published 基準額 for 1-4 persons (Tokyo 23 wards; Sammu City as a grade-3 example).
PUBLISHED = {
    TOKYO: [84_000, 130_000, 172_000, 214_000],
    NAGANO: [78_000, 115_000, 140_000, 175_000],
}
#: Housing-aid special standard, grade 1 (Tokyo): 1, 2, 3-5, 6, 7+ persons.
TOKYO_RENT_CAP = {1: 53_700, 2: 64_000, 3: 69_800, 4: 69_800, 5: 69_800, 6: 75_000, 7: 83_800}


@cache
def region(rid: str) -> Region:
    return load_region(default_cases_dir() / "regions" / f"{rid}.yaml")


def rule(rid: str, resource: str, field: F) -> EligibilityRule:
    res = region(rid).resource(resource)
    assert res is not None
    return next(r for r in res.eligibility if r.field is field)


def base_amount(persons: int, grade: float) -> int:
    """住居確保給付金's 基準額 by the rule's formula: the resident tax's exemption limit
    (350,000 x persons x grade + 100,000, + 210,000 x grade with dependants) as 所得,
    turned back into a salary (給与所得控除, 2020 brackets), a twelfth, rounded up to 1,000."""
    income = 35 * grade * persons + 10 + (21 * grade if persons > 1 else 0)  # 万円
    if income + 55 <= 162.5:
        salary = income + 55
    elif (income - 10) / 0.6 <= 180:
        salary = (income - 10) / 0.6
    elif (income + 8) / 0.7 <= 360:
        salary = (income + 8) / 0.7
    else:
        salary = (income + 44) / 0.8
    return math.ceil(salary * 10_000 / 12 / 1000) * 1000


@pytest.mark.parametrize("rid", [TOKYO, NAGANO])
def test_housing_benefit_base_amounts_for_five_to_ten_follow_the_formula(rid: str) -> None:
    """The formula gives the published 1-4 person figures exactly, and the shipped
    5-10 person figures are the same formula's."""
    formula = [base_amount(n, GRADE[rid]) for n in range(1, 11)]
    assert formula[:4] == PUBLISHED[rid]
    income = rule(rid, "housing_benefit", F.monthly_income)
    assert income.by_household_size == formula
    assert income.threshold(5) > income.threshold(4)


def test_housing_benefit_income_limit_for_five_six_seven_in_tokyo() -> None:
    """基準額 plus the rent up to the housing-aid cap for that household size."""
    income = rule(TOKYO, "housing_benefit", F.monthly_income)
    for size, base in ((5, 255_000), (6, 297_000), (7, 334_000)):
        assert income.threshold(size, rent=120_000) == base + TOKYO_RENT_CAP[size]
    assert income.threshold(8, rent=120_000) == 370_000 + TOKYO_RENT_CAP[7]


@pytest.mark.parametrize(
    "resource", ["work_preparation", "welfare_fund_emergency", "housing_benefit_moving"]
)
@pytest.mark.parametrize("rid", [TOKYO, NAGANO])
def test_rules_that_borrow_the_housing_benefit_table_have_its_five_plus_figures(
    rid: str, resource: str
) -> None:
    borrowed = rule(rid, resource, F.monthly_income)
    own = rule(rid, "housing_benefit", F.monthly_income)
    for size in range(1, 12):
        assert borrowed.threshold(size, 200_000) == own.threshold(size, 200_000)


@pytest.mark.parametrize("rid", [TOKYO, NAGANO])
def test_housing_benefit_savings_cap_is_one_million_for_five_or_more(rid: str) -> None:
    savings = rule(rid, "housing_benefit", F.savings)
    assert [savings.threshold(n) for n in (5, 6, 9)] == [1_000_000] * 3


@pytest.mark.parametrize("rid", [TOKYO, NAGANO])
def test_public_assistance_minimum_rises_for_five_six_seven(rid: str) -> None:
    income = rule(rid, "public_assistance", F.monthly_income)
    figures = [income.threshold(n) for n in range(1, 9)]
    assert figures == [*sorted(set(figures[:7])), figures[6]]  # 8+ use the 7+ figure
    assert income.note is not None and "5人以上" in income.note.ja and "未確認" in income.note.ja


@pytest.mark.parametrize("rid", [TOKYO, NAGANO])
def test_child_learning_line_is_about_1_3_times_the_minimum_for_every_size(rid: str) -> None:
    line = rule(rid, "child_learning", F.monthly_income)
    minimum = rule(rid, "public_assistance", F.monthly_income)
    for size in range(1, 9):
        expected = 1.3 * int(minimum.threshold(size))  # type: ignore[arg-type]
        assert abs(int(line.threshold(size)) - expected) <= 1000  # type: ignore[arg-type]


@pytest.mark.parametrize(("rid", "step"), [(TOKYO, 33_000), (NAGANO, 30_000)])
def test_legal_aid_adds_a_fixed_sum_per_person_beyond_four(rid: str, step: int) -> None:
    """法テラス: 30,000 yen (33,000 in grade-1 areas) for each person beyond four; the
    rent add-on stays at the four-person figure."""
    income = rule(rid, "legal_aid", F.monthly_income)
    four = int(income.threshold(4))  # type: ignore[arg-type]
    assert [income.threshold(n) for n in (5, 6, 8)] == [
        four + step,
        four + 2 * step,
        four + 4 * step,
    ]
    assert income.threshold(6, rent=200_000) == four + 2 * step + income.rent_allowance[-1]  # type: ignore[index]


def test_per_extra_member_needs_a_table() -> None:
    with pytest.raises(ValidationError, match="per_extra_member"):
        EligibilityRule(
            field=F.monthly_income,
            op="<=",
            value=300_000,
            per_extra_member=30_000,
            hint={"ja": "x", "en": "x"},
        )


def test_a_five_person_household_is_judged_on_the_five_person_limit() -> None:
    """A real persona with four people living with the client, rent 80,000 and income
    300,000: over the four-person limit (283,800) but under the five-person one (324,800),
    so the housing benefit's income test is met."""
    scenario, reg = load_case("single-mother-taino")
    kids = [
        HouseholdMemberTemplate(relation=Relation.son, age={"min": 3, "max": 12}) for _ in range(4)
    ]
    persona_t = scenario.persona.model_copy(update={"household": kids})
    five = scenario.model_copy(update={"persona": persona_t})
    persona = generate_persona(five, reg, 1).model_copy(
        update={"monthly_income": 300_000, "rent": 80_000}
    )
    resource = reg.resource("housing_benefit")
    assert resource is not None
    report = check_eligibility(resource, persona)
    income = next(r for r in report.results if r.rule.field is F.monthly_income)
    assert income.verdict is Verdict.met
    assert not income.rule.holds(300_000, 4, 80_000)


def test_tokyo_one_to_three_person_figures_match_the_ward_pages() -> None:
    """Confirmed on 文京区's and 台東区's pages (2025): 基準額 + rent up to the cap, and
    the savings limits; the rules cite them."""
    income = rule(TOKYO, "housing_benefit", F.monthly_income)
    savings = rule(TOKYO, "housing_benefit", F.savings)
    assert [income.threshold(n, rent=100_000) for n in (1, 2, 3)] == [
        84_000 + 53_700,
        130_000 + 64_000,
        172_000 + 69_800,
    ]
    assert [savings.threshold(n) for n in (1, 2, 3, 5)] == [504_000, 780_000, 1_000_000, 1_000_000]
    assert income.source is not None and "city.bunkyo.lg.jp" in income.source
