"""A case as the case library shows it, before any attempt: plain data, no answer key.

One builder for both places the library is filled from: the trainee's kernel reading the
library's files (a plain kernel, nbval) and the nuiawase service reading the store (the
demo and the hub), so the two never describe a case differently. The card holds words
already put in the reader's language where the setting is concerned (who else is present),
and both languages for what the case file itself says.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from simulator.models import Persona, Region, Scenario
from simulator.models.common import LocalizedText
from simulator.models.vocab import ArrivalRoute, Difficulty, Relation, Sex
from simulator.persona import generate_persona

from .setting import setting_rows

#: The seed of the sample client a card shows (one version of the case's client).
SAMPLE_SEED = 1


class SampleMember(BaseModel):
    """One member of the sample client's household, as the card lists them."""

    model_config = ConfigDict(frozen=True)
    relation: Relation
    age: int
    together: bool


class SampleClient(BaseModel):
    """One version of the case's client: name, age, sex and household."""

    model_config = ConfigDict(frozen=True)
    name: str
    age: int
    sex: Sex
    household: list[SampleMember]


class CaseCard(BaseModel):
    """What the trainee reads of a case before starting it."""

    model_config = ConfigDict(frozen=True)
    id: str
    title: LocalizedText
    difficulty: Difficulty
    objectives: list[LocalizedText]
    region_name: LocalizedText
    arrival: ArrivalRoute
    turn_budget: int
    #: (label, value) rows: languages, interpreter, others present (already localised).
    setting: list[tuple[str, str]]
    sample: SampleClient | None


def sample_client(persona: Persona) -> SampleClient:
    """The card's view of one persona (nothing the interview would have to bring out)."""
    return SampleClient(
        name=persona.name.kanji,
        age=persona.age,
        sex=persona.sex,
        household=[
            SampleMember(relation=m.relation, age=m.age, together=m.living_together)
            for m in persona.household
        ],
    )


def case_card(scenario: Scenario, region: Region | None, locale: str | None = None) -> CaseCard:
    """The card of a case; ``region`` None names the region by its id."""
    persona = generate_persona(scenario, region, SAMPLE_SEED) if region is not None else None
    region_name = region.name if region else LocalizedText(ja=scenario.region, en=scenario.region)
    return CaseCard(
        id=scenario.id,
        title=scenario.title,
        difficulty=scenario.difficulty,
        objectives=list(scenario.learning_objectives),
        region_name=region_name,
        arrival=scenario.arrival,
        turn_budget=scenario.turn_budget,
        setting=setting_rows(scenario, persona, locale),
        sample=sample_client(persona) if persona is not None else None,
    )


DIFFICULTY_ORDER = {d: i for i, d in enumerate(Difficulty)}


def card_order(card: CaseCard) -> tuple[int, str]:
    """The library's order: easiest first, then by id."""
    return DIFFICULTY_ORDER[card.difficulty], card.id


__all__ = ["SAMPLE_SEED", "CaseCard", "SampleClient", "SampleMember", "card_order", "case_card"]
