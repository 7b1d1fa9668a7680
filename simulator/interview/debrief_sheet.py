"""The debrief in the words a trainee reads: the fact summaries and hints picked out of
the scenario for one language, and the counts, with nothing that names a fact.

Made where the scenario is (the trainee's kernel in a plain Jupyter, the nuiawase service
in the demo and under JupyterHub) and worded into HTML by the interview panel, so the
kernel that only shows it never needs the scenario itself.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from simulator.models import Scenario

from .debrief import Debrief


class DebriefSheet(BaseModel):
    """What the debrief shows, in one language."""

    model_config = ConfigDict(frozen=True)
    key_total: int
    key_elicited: int
    elicited: list[str]
    elicited_other: list[str]
    #: "summary — the move that would have opened it", for key facts not elicited.
    missed: list[str]
    missed_cues: list[str]
    last_turn_cues: list[str]
    open_questions: int
    closed_questions: int
    reflections: int
    empathy: int
    harmful: int
    unclassified: int
    rapport_curve: list[int]


def debrief_sheet(scenario: Scenario, report: Debrief, lang: str) -> DebriefSheet:
    """The sheet of ``report`` in ``lang`` ('ja' or 'en')."""
    # The count heads exactly the facts it counts; what else came out is listed apart.
    key = set(report.key_facts)
    told = [f for f in scenario.facts if f.id in report.elicited]
    mix = report.technique_mix
    return DebriefSheet(
        key_total=len(report.key_facts),
        key_elicited=len(report.key_elicited),
        elicited=[f.summary.get(lang) for f in told if f.id in key],
        elicited_other=[f.summary.get(lang) for f in told if f.id not in key],
        missed=[f"{m.summary.get(lang)} — {m.hint.get(lang)}" for m in report.missed if m.key],
        missed_cues=[c.hint.get(lang) for c in report.missed_cues],
        last_turn_cues=[c.cue for c in report.last_turn_cues],
        open_questions=mix.open_questions,
        closed_questions=mix.closed_questions,
        reflections=mix.reflections,
        empathy=mix.empathy,
        harmful=mix.harmful,
        unclassified=mix.unclassified,
        rapport_curve=list(report.rapport_curve),
    )


__all__ = ["DebriefSheet", "debrief_sheet"]
