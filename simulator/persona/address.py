"""Addresses whose prefecture, municipality and town agree.

Faker's ``address()`` joins a random prefecture to a random city and town, which a
Japanese reader spots at once. Every part here comes from the scenario's Region; only the
block numbers and the building are drawn.
"""

from __future__ import annotations

import random

from simulator.models import Address, Region, Town
from simulator.models.vocab import HousingType

from .ja_jp import (
    BAN_MAX_CHOME,
    BANCHI_MAX,
    GO_MAX,
    MUNICIPAL_HOUSING,
    PREFECTURAL_HOUSING,
    PUBLIC_HOUSING_BLOCKS,
    PUBLIC_HOUSING_FLOORS,
    PUBLIC_HOUSING_SUFFIXES,
    RENTED_BUILDING_SHARE,
    RENTED_BUILDINGS,
    ROOMS_PER_FLOOR,
)


def block(rng: random.Random, town: Town) -> str:
    """丁目・番・号 such as '2丁目5-11', or a 番地 such as '1234-5' when the town has no 丁目."""
    if town.chome:
        chome = rng.randint(1, town.chome)
        return f"{chome}丁目{rng.randint(1, BAN_MAX_CHOME)}-{rng.randint(1, GO_MAX)}"
    banchi = rng.randint(1, BANCHI_MAX)
    # Rural lots are often a bare 番地 with no 号.
    if rng.random() < 0.3:
        return str(banchi)
    return f"{banchi}-{rng.randint(1, GO_MAX)}"


def _room(rng: random.Random, floors: int) -> str:
    return f"{rng.randint(1, floors)}{rng.randint(1, ROOMS_PER_FLOOR):02d}号室"


def public_housing_operator(rng: random.Random, region: Region) -> str:
    """Who runs a public housing block: the prefecture (県営...) or the municipality (市営...)."""
    prefectural = PREFECTURAL_HOUSING.get(region.prefecture[-1:], "県営")
    municipality = region.municipality
    if municipality.endswith("区") and "市" in municipality:
        municipal = "市営"  # wards of designated cities run no housing; the city does
    else:
        municipal = MUNICIPAL_HOUSING.get(municipality[-1:], "公営")
    return prefectural if rng.random() < 0.5 else municipal


def building(rng: random.Random, region: Region, town: Town, housing: HousingType) -> str | None:
    """Building and room for rented, company or public housing; None for a house."""
    if housing is HousingType.public:
        operator = public_housing_operator(rng, region)
        name = f"{operator}{town.name}{rng.choice(PUBLIC_HOUSING_SUFFIXES)}"
        number = rng.randint(1, PUBLIC_HOUSING_BLOCKS)
        return f"{name} {number}号棟 {_room(rng, PUBLIC_HOUSING_FLOORS)}"
    # Company housing is usually a flat the employer leases in an ordinary building.
    if housing in (HousingType.rented, HousingType.company):
        if rng.random() >= RENTED_BUILDING_SHARE:
            return None
        name, floors = rng.choice(RENTED_BUILDINGS)
        return f"{name} {_room(rng, floors)}"
    return None


def address(rng: random.Random, region: Region, housing: HousingType) -> Address:
    """An address in ``region``; for clients without a home it is the registered address."""
    town = rng.choice(region.towns)
    return Address(
        postcode=town.postcode,
        prefecture=region.prefecture,
        municipality=region.municipality,
        town=town.name,
        block=block(rng, town),
        building=building(rng, region, town, housing),
    )
