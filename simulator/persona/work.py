"""Work history: one record per template job, in the template's order (oldest first)."""

from __future__ import annotations

from collections.abc import Sequence

from simulator.models import WorkRecord
from simulator.models.scenario import WorkTemplate
from simulator.models.vocab import EmploymentType

from .ja_jp import SELF_EMPLOYED_EMPLOYER, UNLIKELY_EMPLOYER_WORDS
from .seeds import JaFaker

#: Redraws of an unlikely employer; after that the name is kept rather than loop.
MAX_REDRAWS = 8


def employer_name(fake: JaFaker) -> str:
    """A company from Faker ja_JP, avoiding banks and insurers."""
    name = fake.company()
    for _ in range(MAX_REDRAWS):
        if not any(word in name for word in UNLIKELY_EMPLOYER_WORDS):
            break
        name = fake.company()
    return name


def work_record(fake: JaFaker, template: WorkTemplate) -> WorkRecord:
    """A job: one of the template's roles, a Faker company, years within the range."""
    rng = fake.random
    role = rng.choice(template.roles)
    if template.employment_type is EmploymentType.self_employed:
        employer = SELF_EMPLOYED_EMPLOYER
    else:
        employer = employer_name(fake)
    return WorkRecord(
        role=role,
        employer=employer,
        employment_type=template.employment_type,
        years=rng.randint(template.years.min, template.years.max),
        ended=template.ended,
    )


def work_history(fake: JaFaker, templates: Sequence[WorkTemplate]) -> list[WorkRecord]:
    """The client's jobs; ``{last_job}`` and ``{last_employer}`` name the last one."""
    return [work_record(fake, t) for t in templates]
