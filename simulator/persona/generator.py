"""Scenario template + Region + seed -> Persona.

The draws happen in a fixed order from one Faker generator reseeded for each persona, so
a persona depends only on (scenario, region, seed): not on the date, the machine, or the
personas generated before it. Reordering the draws below changes every persona; if you
must, regenerate the golden files (``pytest --update-goldens``) and review the diff.
"""

from __future__ import annotations

from collections.abc import Iterator

from simulator.models import Persona, Region, Scenario
from simulator.models.vocab import Sex

from .address import address
from .dates import date_of_birth
from .household import household_members
from .ja_jp import MALE_SHARE
from .money import yen
from .names import family_name, person_name, unused_given_name
from .phone import phone_number
from .seeds import batch_seed, persona_seed, seeded_faker
from .work import work_history


def generate_persona(scenario: Scenario, region: Region, seed: int) -> Persona:
    """The persona ``seed`` of ``scenario``, living in ``region`` (the scenario's region).

    Raises ValueError when ``region`` is not the one the scenario names.
    """
    if region.id != scenario.region:
        raise ValueError(
            f"scenario {scenario.id!r} happens in region {scenario.region!r}, not {region.id!r}"
        )
    template = scenario.persona
    fake = seeded_faker(persona_seed(scenario.id, seed))
    rng = fake.random

    sex = template.sex
    if sex is None:
        sex = Sex.male if rng.random() < MALE_SHARE else Sex.female
    age = rng.randint(template.age.min, template.age.max)
    born = date_of_birth(rng, scenario.reference_date, age)

    nationality = template.nationality
    family = family_name(fake, nationality)
    used_given: set[str] = set()
    given = unused_given_name(fake, sex, nationality, used_given)
    household = household_members(
        fake,
        template.household,
        reference=scenario.reference_date,
        nationality=nationality,
        client_sex=sex,
        client_age=age,
        client_family=family,
        used_given=used_given,
    )

    home = address(rng, region, template.housing)
    phone = phone_number(rng, region.area_code, age, template.housing)
    work = work_history(fake, template.work_history)
    income = yen(rng, template.monthly_income)
    savings = yen(rng, template.savings)
    debt = yen(rng, template.debt)
    rent = yen(rng, template.rent) if template.rent is not None else None
    # Drawn last so that adding it did not change any earlier draw (or the goldens).
    lost = template.job_lost_months_ago
    job_lost_months_ago = rng.randint(lost.min, lost.max) if lost is not None else None
    # Drawn after everything else for the same reason.
    own = template.own_monthly_income
    own_monthly_income = yen(rng, own) if own is not None else None

    return Persona(
        scenario_id=scenario.id,
        seed=seed,
        name=person_name(family, given),
        sex=sex,
        age=age,
        date_of_birth=born,
        address=home,
        phone=phone,
        household=household,
        work_history=work,
        monthly_income=income,
        savings=savings,
        debt=debt,
        rent=rent,
        housing=template.housing,
        health_insurance=template.health_insurance,
        residence_status=template.residence_status,
        nationality=nationality,
        disability_certificate=template.disability_certificate,
        style=template.style,
        resident=template.resident,
        job_lost_months_ago=job_lost_months_ago,
        pregnant=template.pregnant,
        own_monthly_income=own_monthly_income,
    )


def generate_personas(
    scenario: Scenario, region: Region, count: int, seed: int
) -> Iterator[Persona]:
    """``count`` personas of ``scenario``; persona i uses the seed ``batch_seed(seed, i)``.

    Each persona records its own seed, so ``generate_persona(scenario, region, p.seed)``
    gives it again without the rest of the batch, and a batch can be split across
    processes by index.
    """
    if count < 0:
        raise ValueError(f"count must not be negative, got {count}")
    for index in range(count):
        yield generate_persona(scenario, region, batch_seed(seed, index))
