"""What the forms need of a case: its id, version, dates and the facts the client told.

The forms read a case through :class:`CaseOutline`. A full ``Scenario`` is one (a plain
kernel, the supervisor's views, the printer); :class:`PublicOutline` is the other, made by
the nuiawase service after the interview: it holds only the facts the client disclosed
(their domain, and what they confirm for eligibility), so a trainee's kernel writing the
assessment and plan never holds the scenario or its answer key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from simulator.models.common import LocalizedText
from simulator.models.eligibility import EligibilityField
from simulator.models.vocab import ArrivalRoute, Topic


class FactOutline(Protocol):
    """A fact as the forms see it: which domain it belongs to, what it confirms."""

    @property
    def domain(self) -> Topic: ...
    @property
    def confirms(self) -> Sequence[EligibilityField]: ...


class CaseOutline(Protocol):
    """A case as the forms (and the printed form) see it."""

    @property
    def id(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def title(self) -> LocalizedText: ...
    @property
    def arrival(self) -> ArrivalRoute: ...
    @property
    def reference_date(self) -> dt.date: ...
    def fact(self, fact_id: str) -> FactOutline | None:
        """The fact with this id, or None."""
        ...


class ToldFact(BaseModel):
    """A fact the client disclosed: its id, domain and what it confirms."""

    model_config = ConfigDict(frozen=True)
    id: str
    domain: Topic
    confirms: list[EligibilityField]


class PublicOutline(BaseModel):
    """A case's outline with only the facts told in one interview (the service's)."""

    model_config = ConfigDict(frozen=True)
    id: str
    version: int
    title: LocalizedText
    arrival: ArrivalRoute
    reference_date: dt.date
    region: str
    facts: list[ToldFact]

    def fact(self, fact_id: str) -> ToldFact | None:
        """The told fact with this id, or None (an untold fact is not in the outline)."""
        return next((f for f in self.facts if f.id == fact_id), None)


__all__ = ["CaseOutline", "FactOutline", "PublicOutline", "ToldFact"]
