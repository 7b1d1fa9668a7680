"""The interview's setting as a trainee reads it: languages, interpreter, who else is present.

One place builds these rows, for the case library and the interview header alike, so the
two never describe the same case differently. Plain (label, value) text; views escape it.
"""

from __future__ import annotations

from simulator.i18n import current_locale, t
from simulator.models import Persona, Scenario
from simulator.models.language import ThirdPerson
from simulator.models.vocab import Relation


def _person(person: ThirdPerson, persona: Persona | None, locale: str | None) -> str:
    relation = (
        t("setting.relation_other", locale)
        if person.relation is Relation.other
        else t(f"vocab.relation.{person.relation.value}", locale)
    )
    member = (
        persona.household[person.member]
        if persona is not None
        and person.member is not None
        and person.member < len(persona.household)
        else None
    )
    if member is not None:
        text = t(
            "setting.present_member",
            locale,
            relation=relation,
            name=member.name.given_kanji,
            age=member.age,
        )
    elif person.age is not None:
        text = t(
            "setting.present_other_age",
            locale,
            relation=relation,
            low=person.age.min,
            high=person.age.max,
        )
    else:
        text = t("setting.present_other", locale, relation=relation)
    extras = []
    if person.interprets:
        extras.append(t("setting.interprets", locale))
    if person.note is not None:
        extras.append(person.note.get(current_locale(locale)))
    return " — ".join([text, *extras])


def setting_rows(
    scenario: Scenario, persona: Persona | None = None, locale: str | None = None
) -> list[tuple[str, str]]:
    """(label, value) rows for the case's language, interpreter and third persons present;
    empty for a native Japanese speaker who comes alone. ``persona`` names household
    members who are present."""
    rows: list[tuple[str, str]] = []
    lang = scenario.interview_language
    if lang is not None:
        languages = "・".join(t(f"vocab.language.{x.value}", locale) for x in lang.languages)
        japanese = t(
            "setting.japanese_value",
            locale,
            speaking=t(f"vocab.japanese_level.{lang.japanese_speaking.value}", locale),
            reading=t(f"vocab.japanese_level.{lang.japanese_reading.value}", locale),
        )
        interpreter = lang.interpreter.value
        rows += [
            (t("setting.languages", locale), languages),
            (t("setting.japanese", locale), japanese),
            (t("setting.interpreter", locale), t(f"vocab.interpreter.{interpreter}", locale)),
        ]
        if lang.note is not None:
            rows.append((t("setting.note", locale), lang.note.get(current_locale(locale))))
    for person in scenario.present:
        rows.append((t("setting.present", locale), _person(person, persona, locale)))
    return rows
