"""Risk first (要至急確認): a case with a suicide or violence risk needs an action that day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from simulator.models.submission import Submission
from simulator.models.vocab import Urgency
from simulator.rubric.risk import case_risks, urgent_flags
from simulator.scenario.library import load_case

EXEMPLARS = Path(__file__).resolve().parent / "exemplars"


def _work(case: str, level: str) -> Submission:
    return Submission.model_validate_json((EXEMPLARS / case / f"{level}.json").read_bytes())


@pytest.mark.parametrize(
    ("case", "level", "flags"),
    [
        ("dv-higaisha", "strong", []),
        ("dv-higaisha", "middling", [Urgency.suicide_risk]),
        ("dv-higaisha", "weak", [Urgency.suicide_risk, Urgency.violence]),
        ("kishinen-ippan-soudan", "strong", []),
        ("kishinen-ippan-soudan", "weak", [Urgency.suicide_risk]),
        ("hiseiki-kinkyuu", "weak", []),  # eviction and no food: urgent, not this flag
    ],
)
def test_exemplars(case: str, level: str, flags: list[Urgency]) -> None:
    scenario, _ = load_case(case)
    assert sorted(urgent_flags(_work(case, level), scenario)) == sorted(flags)


def test_an_action_planned_for_another_day_does_not_count() -> None:
    scenario, _ = load_case("dv-higaisha")
    work = _work("dv-higaisha", "strong")
    later = [
        a.model_copy(update={"done_on": a.done_on + dt.timedelta(days=1)})  # type: ignore[operator]
        if a.need is Urgency.suicide_risk
        else a
        for a in work.assessment.immediate_actions
    ]
    moved = work.model_copy(
        update={"assessment": work.assessment.model_copy(update={"immediate_actions": later})}
    )
    assert urgent_flags(moved, scenario) == [Urgency.suicide_risk]
    assert case_risks(scenario) == [Urgency.suicide_risk, Urgency.violence]
