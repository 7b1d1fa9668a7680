"""What a trainee may see of a case and of an interview turn.

The scenario's answer key, its facts' gates, summaries, cues and wordings, and which fact
a turn opened or asked about stay in the service. A trainee sees the client as they sit
down (name, age, what they came about) and, per turn, what was said and how the move was
read; fact ids are left out, since an id such as ``dv_husband`` already tells the story.
"""

from __future__ import annotations

from typing import Any

from simulator.casework.outline import PublicOutline, ToldFact
from simulator.interview.classifier import Classification
from simulator.interview.engine import Interview
from simulator.interview.transcript import Transcript, Turn
from simulator.models.scenario import Scenario
from simulator.scenario.setting import setting_rows

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


def public_case(interview: Interview, locale: str | None = None) -> dict[str, Any]:
    """The case as the trainee meets it: title, objectives, the client sitting down, and
    who else is in the room (``setting``, worded in ``locale``)."""
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
        # How upset the client is as they sit down; every turn's figure is public too.
        "initial_distress": interview.state.distress,
        "seed": persona.seed,
        "setting": setting_rows(sc, persona, locale),
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


def forms_transcript(transcript: Transcript) -> Transcript:
    """The interview as the trainee's forms cite it, once it is over: every turn, and the
    facts the client told (the trainee heard them); what the remarks asked about, the
    cues' facts and the cues nobody followed are left out (the debrief words those)."""
    turns = [
        turn.model_copy(
            update={
                "asked_about": None,
                "cue_fact": None,
                "followed_cues": [],
                "recalled": [],
                "explanation": [],
            }
        )
        for turn in transcript.turns
    ]
    return transcript.model_copy(update={"turns": turns, "missed_cues": []})


def forms_outline(scenario: Scenario, transcript: Transcript) -> PublicOutline:
    """The case as the forms need it: only the facts this interview disclosed."""
    told = set(transcript.disclosed_facts)
    return PublicOutline(
        id=scenario.id,
        version=scenario.version,
        title=scenario.title,
        arrival=scenario.arrival,
        reference_date=scenario.reference_date,
        region=scenario.region,
        facts=[
            ToldFact(id=f.id, domain=f.domain, confirms=list(f.confirms))
            for f in scenario.facts
            if f.id in told
        ],
    )


def _without_fact_ids(lines: list[str], scenario: Scenario) -> list[str]:
    ids = [f.id for f in scenario.facts]
    return [line for line in lines if not any(i in line for i in ids)]


__all__ = [
    "TURN_FIELDS",
    "forms_outline",
    "forms_transcript",
    "public_case",
    "public_reading",
    "public_turn",
]
