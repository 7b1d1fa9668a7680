"""pydantic models: the vocabulary everything else in nuiawase speaks."""

from .common import IntRange, LocalizedText, YenRange
from .eligibility import EligibilityField, EligibilityRule
from .persona import Address, HouseholdMember, Persona, PersonName, WorkRecord
from .region import Region, Resource, Town
from .scenario import (
    AnswerKey,
    ClientFact,
    Gate,
    HouseholdMemberTemplate,
    KeyIssue,
    PersonaTemplate,
    ResourceJudgement,
    Scenario,
    Strength,
    UrgentNeed,
    WorkTemplate,
)

__all__ = [
    "Address",
    "AnswerKey",
    "ClientFact",
    "EligibilityField",
    "EligibilityRule",
    "Gate",
    "HouseholdMember",
    "HouseholdMemberTemplate",
    "IntRange",
    "KeyIssue",
    "LocalizedText",
    "PersonName",
    "Persona",
    "PersonaTemplate",
    "Region",
    "Resource",
    "ResourceJudgement",
    "Scenario",
    "Strength",
    "Town",
    "UrgentNeed",
    "WorkRecord",
    "WorkTemplate",
    "YenRange",
]
