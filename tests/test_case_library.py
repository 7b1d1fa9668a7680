"""The shipped case library: every case loads, makes people, and speaks in full sentences."""

from __future__ import annotations

from collections import Counter

import pytest

from simulator.models.vocab import Difficulty, RegionKind
from simulator.persona import generate_personas
from simulator.scenario import list_scenarios, load_case
from simulator.scenario.library import default_cases_dir, find_region

CASES = [p.stem for p in list_scenarios()]


def test_library_covers_the_profiles_and_levels() -> None:
    assert len(CASES) >= 12
    cases = [load_case(c)[0] for c in CASES]
    levels = Counter(c.difficulty for c in cases)
    assert set(levels) == set(Difficulty)
    regions = {c.region for c in cases}
    kinds = {find_region(r, default_cases_dir() / "x.yaml").region_kind for r in regions}  # type: ignore[union-attr]
    assert {RegionKind.urban_ward, RegionKind.rural_town} <= kinds


@pytest.mark.parametrize("case", CASES)
def test_every_wording_fills_in_for_many_people(case: str) -> None:
    scenario, region = load_case(case)
    texts = [w for f in scenario.facts for w in (*f.wordings, *f.cues)]
    texts += scenario.presenting_complaint
    for persona in generate_personas(scenario, region, 40, seed=3):
        slots = persona.slots()
        for text in texts:
            filled = text.format_map(slots)
            assert "{" not in filled and "}" not in filled
            assert filled.strip()


@pytest.mark.parametrize("case", CASES)
def test_personas_keep_the_template(case: str) -> None:
    scenario, region = load_case(case)
    template = scenario.persona
    people = list(generate_personas(scenario, region, 60, seed=11))
    assert len({p.name.kanji for p in people}) > 30  # different people...
    for p in people:  # ...carrying the same teaching points
        assert template.age.min <= p.age <= template.age.max
        assert template.debt.min <= p.debt <= template.debt.max
        assert p.housing == template.housing
        assert p.address.municipality == region.municipality
        assert len(p.household) == len(template.household)
        assert [m.relation for m in p.household] == [m.relation for m in template.household]
