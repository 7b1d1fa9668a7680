"""A case sheet for group work: the public parts of a case on one printable page, never
its answer key.

What a group may read is what a trainee meets before and in the interview: the title,
objectives, region, how the person came, their opening words, the person (for one seed)
and the facts of their situation. The answer key (issues, urgent needs, fitting and
wrong resources, strengths, screening) is not passed to the template at all, so no
template change can print it. Printed like the forms (templates/case_sheet.html.j2,
autoescape on, A4).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from simulator.i18n import current_locale, t
from simulator.interview.replies import fill
from simulator.labels import topic_label
from simulator.models.region import Region
from simulator.models.scenario import Scenario
from simulator.persona import generate_persona

from .printing import household_members, print_css, template_environment


@dataclass(frozen=True)
class CaseSheet:
    """The public parts of one case for one seed (plain text, escaped when printed)."""

    case_id: str
    title: str
    difficulty: str
    region: str
    arrival: str
    reference_date: str
    objectives: tuple[str, ...]
    opening_words: tuple[str, ...]
    client: str
    household: tuple[str, ...]
    situation: tuple[tuple[str, str], ...]


def case_sheet(
    scenario: Scenario, region: Region, seed: int = 1, locale: str | None = None
) -> CaseSheet:
    """The sheet's content; reads nothing of ``scenario.answer_key``."""
    loc = current_locale(locale)
    persona = generate_persona(scenario, region, seed)
    slots = persona.slots()
    return CaseSheet(
        case_id=scenario.id,
        title=scenario.title.get(loc),
        difficulty=t(f"vocab.difficulty.{scenario.difficulty.value}", loc),
        region=region.name.get(loc),
        arrival=t(f"vocab.arrival.{scenario.arrival.value}", loc),
        reference_date=scenario.reference_date.isoformat(),
        objectives=tuple(o.get(loc) for o in scenario.learning_objectives),
        opening_words=tuple(fill(w, slots) for w in scenario.presenting_complaint),
        client=t(
            "case_sheet.client",
            loc,
            name=persona.name.kanji,
            kana=persona.name.kana,
            age=persona.age,
            sex=t(f"vocab.sex.{persona.sex.value}", loc),
        ),
        household=tuple(household_members(persona, loc)),
        situation=tuple(
            (topic_label(f.domain, loc), fill(f.summary.get(loc), slots)) for f in scenario.facts
        ),
    )


def render_case_sheet(sheet: CaseSheet, locale: str | None = None) -> str:
    """The sheet as one printable HTML page (A4)."""
    loc = current_locale(locale)
    return (
        template_environment()
        .get_template("case_sheet.html.j2")
        .render(
            s=sheet,
            lang=loc,
            tr=partial(t, locale=loc),
            css=Markup(print_css()),
            prompts=[t(f"case_sheet.prompt.{n}", loc) for n in range(1, 6)],
        )
    )
