"""Shared helpers for the interview engine tests (tests/test_interview_*.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from simulator.models import Persona, Region, Scenario
from simulator.persona import generate_persona
from simulator.scenario import load_region, load_scenario

DATA = Path(__file__).parent / "data"
SCENARIO_PATH = DATA / "interview_scenario.yaml"
REGION_PATH = DATA / "regions" / "minimal-city.yaml"


@cache
def scenario() -> Scenario:
    """tests/data/interview_scenario.yaml."""
    return load_scenario(SCENARIO_PATH)


@cache
def region() -> Region:
    """The region the test scenario happens in."""
    return load_region(REGION_PATH)


@cache
def persona(seed: int = 1) -> Persona:
    """A persona of the test scenario."""
    return generate_persona(scenario(), region(), seed)
