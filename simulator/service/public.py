"""What a trainee may see of a case and of an interview turn.

The scenario's answer key, its facts' gates, summaries, cues and wordings, and which fact
a turn opened or asked about stay in the service. A trainee sees the client as they sit
down (name, age, what they came about) and, per turn, what was said and how the move was
read; fact ids are left out, since an id such as ``dv_husband`` already tells the story.
"""

from __future__ import annotations

from typing import Any

from simulator.interview.classifier import Classification
from simulator.interview.engine import Interview
from simulator.interview.transcript import Turn
from simulator.models.scenario import Scenario

#: Turn fields a trainee sees; the others name facts (disclosed, asked_about, cue_fact...).
TURN_FIELDS = (
    "id",
    "text",
    "topic",
    "technique",
    "topic_source",
    "reply",
    "rapport_before",
    "rapport_after",
    "distress_after",
    "phase",
    "deflection",
    "cue",
    "topic_confidence",
    "technique_confidence",
    "unsure",
    "corrected_from",
)


def public_case(interview: Interview) -> dict[str, Any]:
    """The case as the trainee meets it: title, objectives, the client sitting down."""
    sc, persona = interview.scenario, interview.persona
    return {
        "id": sc.id,
        "version": sc.version,
        "title": sc.title.model_dump(mode="json"),
        "learning_objectives": [o.model_dump(mode="json") for o in sc.learning_objectives],
        "difficulty": sc.difficulty.value,
        "region": sc.region,
        "reference_date": sc.reference_date.isoformat(),
        "turn_budget": sc.turn_budget,
        "arrival": sc.arrival.value,
        "client": {
            "name": persona.name.model_dump(mode="json"),
            "sex": persona.sex.value,
            "age": persona.age,
        },
        "presenting_complaint": interview.presenting_complaint,
        "initial_rapport": interview.transcript(final=False).initial_rapport,
    }


def public_turn(turn: Turn | dict[str, Any], scenario: Scenario) -> dict[str, Any]:
    """One turn without what names a fact (explanation lines that cite a fact id dropped)."""
    doc = turn.model_dump(mode="json") if isinstance(turn, Turn) else turn
    out = {k: doc.get(k) for k in TURN_FIELDS}
    out["explanation"] = _without_fact_ids(doc.get("explanation", []), scenario)
    return out


def public_reading(reading: Classification, scenario: Scenario) -> dict[str, Any]:
    """How a remark would be understood before it is said (the panel's unsure reading)."""
    doc = reading.model_dump(mode="json")
    doc["explanation"] = _without_fact_ids(reading.explanation, scenario)
    doc["unsure"] = reading.unsure
    doc["unsure_topic"] = reading.unsure_topic
    return doc


def _without_fact_ids(lines: list[str], scenario: Scenario) -> list[str]:
    ids = [f.id for f in scenario.facts]
    return [line for line in lines if not any(i in line for i in ids)]


__all__ = ["TURN_FIELDS", "public_case", "public_reading", "public_turn"]
