"""Household members: relation, sex, age, date of birth and a name that fits the family.

Members living together share the client's family name, a spouse too (Japanese law has
one family name per married couple). Family living apart may not: a married client's own
parents keep her maiden name, a married sister took her husband's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from simulator.models import HouseholdMember, HouseholdMemberTemplate
from simulator.models.vocab import Relation, Sex

from .dates import date_of_birth
from .ja_jp import GENERATION_GAP, NameTriple
from .names import other_family_name, person_name, unused_given_name
from .seeds import JaFaker

#: Relations whose sex the relation itself fixes.
RELATION_SEX: dict[Relation, Sex] = {
    Relation.father: Sex.male,
    Relation.mother: Sex.female,
    Relation.son: Sex.male,
    Relation.daughter: Sex.female,
    Relation.brother: Sex.male,
    Relation.sister: Sex.female,
    Relation.grandfather: Sex.male,
    Relation.grandmother: Sex.female,
}

#: The client's family of birth: for a married woman these carry her maiden name.
BIRTH_FAMILY = frozenset(
    {Relation.father, Relation.mother, Relation.brother, Relation.sister}
    | {Relation.grandfather, Relation.grandmother}
)
#: Relations who, living apart, may have married into another name (or be on the other
#: side of the family), and the chance they have.
OWN_NAME_CHANCE: dict[Relation, float] = {
    Relation.sister: 0.6,
    Relation.daughter: 0.6,
    Relation.grandfather: 0.5,
    Relation.grandmother: 0.5,
    Relation.grandchild: 0.5,
}
#: Age from which a sister or daughter living apart may have married.
MARRYING_AGE = 25

#: Generations above (+) or below (-) the client, for keeping ages plausible.
GENERATIONS: dict[Relation, int] = {
    Relation.father: 1,
    Relation.mother: 1,
    Relation.grandfather: 2,
    Relation.grandmother: 2,
    Relation.son: -1,
    Relation.daughter: -1,
    Relation.grandchild: -2,
}


def member_age_bounds(template: HouseholdMemberTemplate, client_age: int) -> tuple[int, int]:
    """The template's age range, narrowed so parents are older and children younger.

    When the narrowed range is empty the template's range is used as written: the author's
    range wins over plausibility (the linter is the place to flag such a template).
    """
    low, high = template.age.min, template.age.max
    generations = GENERATIONS.get(template.relation, 0)
    if generations > 0:
        low = max(low, client_age + generations * GENERATION_GAP)
    elif generations < 0:
        high = min(high, client_age + generations * GENERATION_GAP)
    if low > high:
        return template.age.min, template.age.max
    return low, high


def member_sex(fake: JaFaker, template: HouseholdMemberTemplate, client_sex: Sex) -> Sex:
    """The template's sex, else the relation's, else the other sex for a spouse or partner."""
    if template.sex is not None:
        return template.sex
    fixed = RELATION_SEX.get(template.relation)
    if fixed is not None:
        return fixed
    if template.relation in (Relation.spouse, Relation.partner):
        return Sex.female if client_sex is Sex.male else Sex.male
    return Sex.male if fake.random.random() < 0.5 else Sex.female


def is_married_woman(client_sex: Sex, templates: Sequence[HouseholdMemberTemplate]) -> bool:
    """True when the client is a woman with a spouse, so she took her husband's name."""
    return client_sex is Sex.female and any(t.relation is Relation.spouse for t in templates)


def _member_family(
    fake: JaFaker,
    template: HouseholdMemberTemplate,
    age: int,
    nationality: str,
    client_family: NameTriple,
    birth_family: NameTriple,
) -> NameTriple:
    relation = template.relation
    if relation in (Relation.partner, Relation.other):
        return other_family_name(fake, nationality, client_family)
    if template.living_together or relation is Relation.spouse:
        return client_family
    chance = OWN_NAME_CHANCE.get(relation, 0.0)
    if relation in (Relation.sister, Relation.daughter) and age < MARRYING_AGE:
        chance = 0.0
    if chance and fake.random.random() < chance:
        return other_family_name(fake, nationality, client_family)
    return birth_family if relation in BIRTH_FAMILY else client_family


def household_members(
    fake: JaFaker,
    templates: Sequence[HouseholdMemberTemplate],
    *,
    reference: dt.date,
    nationality: str,
    client_sex: Sex,
    client_age: int,
    client_family: NameTriple,
    used_given: set[str],
) -> list[HouseholdMember]:
    """One member per template, in template order (``{member_*}`` names the first).

    ``used_given`` holds given-name readings already taken (the client's) and grows, so
    no two people in the family share a given name.
    """
    rng = fake.random
    birth_family = client_family
    if is_married_woman(client_sex, templates):
        birth_family = other_family_name(fake, nationality, client_family)
    members: list[HouseholdMember] = []
    for template in templates:
        sex = member_sex(fake, template, client_sex)
        age = rng.randint(*member_age_bounds(template, client_age))
        born = date_of_birth(rng, reference, age)
        family = _member_family(fake, template, age, nationality, client_family, birth_family)
        given = unused_given_name(fake, sex, nationality, used_given)
        members.append(
            HouseholdMember(
                relation=template.relation,
                name=person_name(family, given),
                sex=sex,
                age=age,
                date_of_birth=born,
                living_together=template.living_together,
                note=template.note.ja if template.note else None,
                needs_care=template.needs_care,
                health_condition=template.health_condition,
            )
        )
    return members
