"""Every value an eligibility attribute can take, over all the seeds of a case.

A persona draws its age, sex, income, savings, debt, rent, the months since losing work and
its household's ages from the template's bounded ranges; nothing else a rule reads varies
with the seed. So the values each attribute can take follow from the template, and a rule
read against all of them is read against every seed: a proof, not a sample.

A rule compares one attribute with a threshold, so between two thresholds its verdict
cannot change: the range's ends and the values either side of each threshold stand for the
rest (``critical``). An income limit with a rent allowance rises with the rent, so the
cheapest and the dearest rent stand for every rent.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence

from simulator.casework.eligibility import (
    ADULT_AGE,
    NO_JOB_LOSS,
    ClientValue,
    client_value,
    household_size,
)
from simulator.models import Persona, Scenario, YenRange
from simulator.models.eligibility import EligibilityField, EligibilityRule
from simulator.models.vocab import Sex, Topic
from simulator.persona.household import member_age_bounds
from simulator.persona.money import yen_values

F = EligibilityField
#: One value of an attribute with the rent it is read with.
Situation = tuple[ClientValue, int | None]


def critical(
    values: Sequence[int], rules: Sequence[EligibilityRule], size: int, rent: int | None
) -> list[int]:
    """The values of sorted ``values`` that stand for all of them under ``rules``: both ends
    and, around each threshold, the nearest value below, the threshold and the nearest above."""
    if not values:
        return []
    points: set[int] = set()
    for rule in rules:
        v = rule.threshold(size, rent)
        if isinstance(v, list):
            points.update(int(x) for x in v if x.lstrip("-").isdigit())
        elif isinstance(v, int) and not isinstance(v, bool):
            points.add(v)
    keep = {values[0], values[-1]}
    for point in points:
        at = bisect.bisect_left(values, point)
        keep.update(values[i] for i in (at - 1, at, at + 1) if 0 <= i < len(values))
    return sorted(keep)


def _ages_together(scenario: Scenario) -> list[tuple[int, list[tuple[int, int]]]]:
    """(client age, bounds of each member living together) for every client age."""
    persona = scenario.persona
    together = [m for m in persona.household if m.living_together]
    return [
        (age, [member_age_bounds(m, age) for m in together])
        for age in range(persona.age.min, persona.age.max + 1)
    ]


def _household_values(scenario: Scenario, field: EligibilityField) -> list[ClientValue]:
    """The values of has_children, oldest_member_age or youngest_member_age over every seed.

    Members' ages are drawn independently within bounds that depend on the client's age, so
    the oldest (youngest) age takes every whole number between its least and greatest."""
    out: set[ClientValue] = set()
    for age, bounds in _ages_together(scenario):
        if field is F.has_children:
            if any(low < ADULT_AGE for low, _ in bounds):
                out.add(True)
            if all(high >= ADULT_AGE for _, high in bounds):
                out.add(False)
        elif field is F.oldest_member_age:
            low = max([age, *(lo for lo, _ in bounds)])
            out.update(range(low, max([age, *(hi for _, hi in bounds)]) + 1))
        else:
            high = min([age, *(hi for _, hi in bounds)])
            out.update(range(min([age, *(lo for lo, _ in bounds)]), high + 1))
    return sorted(out, key=lambda v: (str(type(v)), v))


def _numbers(
    scenario: Scenario, field: EligibilityField, known: Collection[Topic]
) -> Sequence[int]:
    persona = scenario.persona
    if field is F.age:
        return range(persona.age.min, persona.age.max + 1)
    if field is F.lost_job_within_years:
        lost = persona.job_lost_months_ago
        if lost is None:
            return [NO_JOB_LOSS]
        return sorted({-(-m // 12) for m in range(lost.min, lost.max + 1)})
    bounds: YenRange = {F.savings: persona.savings, F.debt: persona.debt}.get(
        field, persona.monthly_income
    )
    if field is F.monthly_income and persona.own_monthly_income is not None:
        # Once violence is disclosed the client's own income is the one counted.
        if Topic.abuse in known:
            bounds = persona.own_monthly_income
    return yen_values(bounds)


VARYING_NUMBERS = frozenset({F.age, F.lost_job_within_years, F.monthly_income, F.savings, F.debt})
HOUSEHOLD_AGES = frozenset({F.has_children, F.oldest_member_age, F.youngest_member_age})


def situations(
    scenario: Scenario,
    base: Persona,
    field: EligibilityField,
    rules: Sequence[EligibilityRule],
    known: Collection[Topic],
    confirmed: Collection[EligibilityField],
) -> list[Situation]:
    """Values of ``field`` (with a rent) that stand for every seed under ``rules``.

    ``base`` is any persona of the case: what does not vary with the seed is read from it.
    A field the counsellor cannot know yet has the one value None (unconfirmed)."""
    fixed = client_value(base, field, known, confirmed)
    size = household_size(base)
    if fixed is None:
        return [(None, base.rent)]
    if field is F.sex:
        sexes = [scenario.persona.sex] if scenario.persona.sex else list(Sex)
        return [(s.value, base.rent) for s in sexes]
    if field in HOUSEHOLD_AGES:
        return [(v, base.rent) for v in _household_values(scenario, field)]
    if field not in VARYING_NUMBERS:
        return [(fixed, base.rent)]
    values = _numbers(scenario, field, known)
    rents: list[int | None] = [base.rent]
    template_rent = scenario.persona.rent
    if template_rent is not None and any(r.rent_allowance for r in rules):
        grid = yen_values(template_rent)
        rents = [grid[0], grid[-1]]
    return [(v, rent) for rent in rents for v in critical(values, rules, size, rent)]
