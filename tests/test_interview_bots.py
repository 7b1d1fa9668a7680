"""Bot learners: every shipped scenario must be solvable by the strong bot, not by the weak."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from simulator.interview import StrongBot, WeakBot, bot_report
from simulator.persona import generate_persona
from simulator.scenario import load_case
from tests.interview_helpers import persona, scenario

CASES = sorted((Path(__file__).parent.parent / "cases_synthetic").glob("*.yaml"))


def test_bots_on_the_test_scenario() -> None:
    report = bot_report(scenario(), persona())
    assert report["scenario"] == "interview-test"
    assert report["strong_share"] >= 0.9, report["strong_missed"]
    assert report["strong_found_all_urgent"]
    assert report["weak_share"] <= 0.5


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
@pytest.mark.parametrize("seed", [1, 2])
def test_shipped_scenario_meets_the_bot_targets(path: Path, seed: int) -> None:
    sc, region = load_case(str(path))
    report = bot_report(sc, generate_persona(sc, region, seed))
    assert report["strong_share"] >= 0.9, report["strong_missed"]
    assert report["strong_found_all_urgent"], report["strong_missed"]
    assert report["weak_share"] <= 0.5, report["weak_elicited"]


def test_bots_do_not_read_the_scenario() -> None:
    # The bots only see observations; fact gates and the answer key are for bot_report.
    for bot in (StrongBot, WeakBot):
        source = inspect.getsource(bot)
        for forbidden in ("scenario", "facts", "gate", "answer_key", "disclosed_facts"):
            assert forbidden not in source, (bot.__name__, forbidden)
