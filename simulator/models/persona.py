"""A concrete synthetic client, generated from a scenario's template and a seed."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from .vocab import (
    ConversationStyle,
    EmploymentType,
    HealthInsurance,
    HousingType,
    Relation,
    ResidenceStatus,
    Sex,
)

PERSONA_SCHEMA_VERSION = 1


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonName(_Record):
    """A name whose kanji, kana and romaji agree (built from Faker's *_pair providers)."""

    family_kanji: str
    given_kanji: str
    family_kana: str
    given_kana: str
    family_romaji: str
    given_romaji: str

    @property
    def kanji(self) -> str:
        """Full name in kanji, family name first, e.g. 高橋 亮介."""
        return f"{self.family_kanji} {self.given_kanji}"

    @property
    def kana(self) -> str:
        """Full name in katakana."""
        return f"{self.family_kana} {self.given_kana}"

    @property
    def romaji(self) -> str:
        """Full name in romaji, family name first."""
        return f"{self.family_romaji} {self.given_romaji}"


class Address(_Record):
    """A Japanese address whose prefecture, municipality and town agree."""

    postcode: str
    prefecture: str
    municipality: str
    town: str
    block: str = Field(description="丁目・番地・号, e.g. 2丁目5-11.")
    building: str | None = None

    @property
    def full(self) -> str:
        """The address on one line, as written on a form."""
        parts = [self.prefecture, self.municipality, self.town, self.block]
        if self.building:
            parts.append(" " + self.building)
        return "".join(parts)


class HouseholdMember(_Record):
    """A person in the client's household, or close family living apart."""

    relation: Relation
    name: PersonName
    sex: Sex
    age: int
    date_of_birth: dt.date
    living_together: bool
    note: str | None = None
    needs_care: bool = False
    health_condition: bool = False


class WorkRecord(_Record):
    """One job in the client's work history."""

    role: str
    employer: str
    employment_type: EmploymentType
    years: int
    ended: str | None = None


class Persona(_Record):
    """One synthetic client. Same scenario and seed give the same persona on any day."""

    schema_version: int = PERSONA_SCHEMA_VERSION
    scenario_id: str
    seed: int
    name: PersonName
    sex: Sex
    age: int
    date_of_birth: dt.date
    address: Address
    phone: str
    household: list[HouseholdMember]
    work_history: list[WorkRecord]
    monthly_income: int
    savings: int
    debt: int
    rent: int | None
    housing: HousingType
    health_insurance: HealthInsurance
    residence_status: ResidenceStatus
    nationality: str
    disability_certificate: bool
    style: ConversationStyle
    pregnant: bool = False
    own_monthly_income: int | None = None
    resident: bool = True
    job_lost_months_ago: int | None = None

    def slots(self) -> dict[str, str]:
        """Values a fact's wording may name as {placeholders}."""
        return persona_slots(self)


#: Placeholders a scenario wording may use; the linter rejects any other.
SLOT_NAMES: tuple[str, ...] = (
    "name",
    "family_name",
    "given_name",
    "age",
    "town",
    "municipality",
    "rent",
    "income",
    "savings",
    "debt",
    "last_job",
    "last_employer",
    "job_years",
    "member_age",
    "member_name",
)


def _man(yen: int) -> str:
    """Yen as a client says it: 83000 -> '8万3千円', 6241000 -> '624万円'."""
    if yen >= 1_000_000:
        # Nobody says 624万1千円 about a debt; large sums are spoken in 万.
        yen = round(yen, -4)
    man, rest = divmod(yen, 10_000)
    sen = rest // 1000
    if man and sen:
        return f"{man}万{sen}千円"
    if man:
        return f"{man}万円"
    return f"{sen}千円" if sen else "0円"


def persona_slots(p: Persona) -> dict[str, str]:
    """Placeholder values for wordings. ``member_*`` is the first household member."""
    last_job = p.work_history[-1] if p.work_history else None
    member = p.household[0] if p.household else None
    return {
        "name": p.name.kanji,
        "family_name": p.name.family_kanji,
        "given_name": p.name.given_kanji,
        "age": str(p.age),
        "town": p.address.town,
        "municipality": p.address.municipality,
        "rent": _man(p.rent or 0),
        "income": _man(p.monthly_income),
        "savings": _man(p.savings),
        "debt": _man(p.debt),
        "last_job": last_job.role if last_job else "",
        "last_employer": last_job.employer if last_job else "",
        "job_years": str(last_job.years) if last_job else "",
        "member_age": str(member.age) if member else "",
        "member_name": member.name.given_kanji if member else "",
    }
