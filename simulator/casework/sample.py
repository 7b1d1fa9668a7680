"""A scripted sample interview, so the forms can be shown and tested without one."""

from __future__ import annotations

from functools import cache
from importlib import resources

from ruamel.yaml import YAML

from simulator.interview import Move, play
from simulator.persona import generate_persona
from simulator.scenario import load_case

from .context import CaseContext

SAMPLE_FILE = "sample_interview.yaml"


@cache
def sample_context() -> CaseContext:
    """The sample case (data/sample_interview.yaml) played through the interview engine."""
    text = resources.files(__package__).joinpath("data", SAMPLE_FILE).read_text(encoding="utf-8")
    data = YAML(typ="safe").load(text)
    scenario, region = load_case(str(data["scenario"]))
    persona = generate_persona(scenario, region, int(data["seed"]))
    moves = [Move.model_validate(m) for m in data["moves"]]
    return CaseContext(scenario, region, persona, play(scenario, persona, moves))
