"""Phone numbers with the right number of digits.

Japanese numbers are ten digits including the area code for a fixed line (03-1234-5678,
0265-12-3456) and eleven for a mobile (090-1234-5678). Faker's ``phone_number()`` mixes
formats without regard to the region, so the fixed line here takes the region's area code.
"""

from __future__ import annotations

import random

from simulator.models.vocab import HousingType

from .ja_jp import LANDLINE_SHARE_BY_AGE, MOBILE_PREFIXES

FIXED_LINE_DIGITS = 10
SUBSCRIBER_DIGITS = 4

_MOBILE_CODES = tuple(code for code, _ in MOBILE_PREFIXES)
_MOBILE_WEIGHTS = tuple(weight for _, weight in MOBILE_PREFIXES)

#: Clients without a home keep at most a mobile.
_NO_LANDLINE = frozenset({HousingType.none, HousingType.net_cafe})


def _digits(rng: random.Random, count: int) -> str:
    if count <= 0:
        return ""
    return f"{rng.randrange(10**count):0{count}d}"


def mobile_number(rng: random.Random) -> str:
    """An eleven-digit mobile number such as 090-1234-5678."""
    code = rng.choices(_MOBILE_CODES, weights=_MOBILE_WEIGHTS)[0]
    # No mobile block starts with 0 after the prefix.
    middle = f"{rng.randint(1, 9)}{_digits(rng, 3)}"
    return f"{code}-{middle}-{_digits(rng, SUBSCRIBER_DIGITS)}"


def landline_number(rng: random.Random, area_code: str) -> str:
    """A ten-digit fixed-line number in ``area_code``: 03-1234-5678, 0265-12-3456..."""
    exchange_digits = FIXED_LINE_DIGITS - SUBSCRIBER_DIGITS - len(area_code)
    if not area_code.startswith("0") or exchange_digits < 1:
        raise ValueError(f"not a Japanese area code: {area_code!r}")
    # Local exchange numbers never start with 0 (trunk prefix) or 1 (special services);
    # in the big cities' 4-digit exchanges (03-xxxx, 06-xxxx) they start with 3 to 6.
    first = rng.randint(3, 6) if exchange_digits == 4 else rng.randint(2, 9)
    exchange = f"{first}{_digits(rng, exchange_digits - 1)}"
    return f"{area_code}-{exchange}-{_digits(rng, SUBSCRIBER_DIGITS)}"


def landline_share(age: int, housing: HousingType) -> float:
    """Chance that a client of this age and housing gives a fixed line."""
    if housing in _NO_LANDLINE:
        return 0.0
    return next(share for min_age, share in LANDLINE_SHARE_BY_AGE if age >= min_age)


def phone_number(rng: random.Random, area_code: str, age: int, housing: HousingType) -> str:
    """The number a client writes on the intake form: mostly a mobile, sometimes home."""
    if rng.random() < landline_share(age, housing):
        return landline_number(rng, area_code)
    return mobile_number(rng)
