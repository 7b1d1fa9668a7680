"""Person names whose written form, kana and romaji agree.

Faker ja_JP's ``*_pair`` providers give each name as one (kanji, kana, romaji) triple, so
the three can never come from different names, unlike ``name()``, ``kana_name()`` and
``romanized_name()`` drawn separately. Clients of other nationalities use our own table.
"""

from __future__ import annotations

from simulator.models import PersonName
from simulator.models.vocab import Sex

from .ja_jp import (
    FOREIGN_FAMILY_NAMES,
    FOREIGN_GIVEN_NAMES_FEMALE,
    FOREIGN_GIVEN_NAMES_MALE,
    ROMAJI_FIXES,
    NameTriple,
)
from .seeds import JaFaker

JAPANESE = "japan"

#: Redraws allowed when a name must differ from ones already in the household; a few are
#: plenty with 20-50 names per list, and a bound keeps a tiny table from looping.
MAX_REDRAWS = 8


def _fixed(triple: tuple[str, str, str]) -> NameTriple:
    kanji, kana, romaji = triple
    return (kanji, kana, ROMAJI_FIXES.get(kana, romaji))


def family_name(fake: JaFaker, nationality: str = JAPANESE) -> NameTriple:
    """A family name as (written form, katakana, romaji), frequency-weighted for Japanese."""
    if nationality == JAPANESE:
        return _fixed(fake.last_name_pair())
    return fake.random.choice(FOREIGN_FAMILY_NAMES[nationality])


def given_name(fake: JaFaker, sex: Sex, nationality: str = JAPANESE) -> NameTriple:
    """A given name for ``sex`` as (written form, katakana, romaji)."""
    if nationality == JAPANESE:
        pair = fake.first_name_male_pair() if sex is Sex.male else fake.first_name_female_pair()
        return _fixed(pair)
    table = FOREIGN_GIVEN_NAMES_MALE if sex is Sex.male else FOREIGN_GIVEN_NAMES_FEMALE
    return fake.random.choice(table[nationality])


def other_family_name(fake: JaFaker, nationality: str, avoid: NameTriple) -> NameTriple:
    """A family name other than ``avoid`` (a maiden name, a partner's own name)."""
    name = family_name(fake, nationality)
    for _ in range(MAX_REDRAWS):
        if name[1] != avoid[1]:  # compare readings: 斎藤 and 斉藤 are both サイトウ
            break
        name = family_name(fake, nationality)
    return name


def unused_given_name(fake: JaFaker, sex: Sex, nationality: str, used: set[str]) -> NameTriple:
    """A given name nobody in ``used`` (kana readings) has; adds it to ``used``."""
    name = given_name(fake, sex, nationality)
    for _ in range(MAX_REDRAWS):
        if name[1] not in used:
            break
        name = given_name(fake, sex, nationality)
    used.add(name[1])
    return name


def person_name(family: NameTriple, given: NameTriple) -> PersonName:
    """A PersonName from a family and a given name triple."""
    return PersonName(
        family_kanji=family[0],
        given_kanji=given[0],
        family_kana=family[1],
        given_kana=given[1],
        family_romaji=family[2],
        given_romaji=given[2],
    )
