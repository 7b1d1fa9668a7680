"""Dates of birth from fixed bounds: the scenario's reference date and an age.

Faker's ``date_of_birth()`` counts back from today's date, so a persona would get a year
older every year. Here the reference date is the case's 'today' and nothing reads the clock.
"""

from __future__ import annotations

import datetime as dt
import random


def age_on(reference: dt.date, born: dt.date) -> int:
    """Age in whole years on ``reference`` of someone born on ``born`` (birthday counted)."""
    before_birthday = (reference.month, reference.day) < (born.month, born.day)
    return reference.year - born.year - int(before_birthday)


def _years_before(day: dt.date, years: int) -> dt.date:
    """``day`` moved back ``years`` years; 29 February becomes 28 February in common years."""
    year = day.year - years
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def birth_date_bounds(reference: dt.date, age: int) -> tuple[dt.date, dt.date]:
    """Earliest and latest birth dates (inclusive) of someone aged ``age`` on ``reference``."""
    if age < 0:
        raise ValueError(f"age must not be negative, got {age}")
    latest = _years_before(reference, age)
    earliest = _years_before(reference, age + 1) + dt.timedelta(days=1)
    return earliest, latest


def date_of_birth(rng: random.Random, reference: dt.date, age: int) -> dt.date:
    """A birth date, uniform over the days that make someone ``age`` on ``reference``."""
    earliest, latest = birth_date_bounds(reference, age)
    return earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))
