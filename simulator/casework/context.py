"""What the forms are written against and the trainee does not edit: the case, the
region's resources, the client and the interview transcript. The case is a
:class:`~simulator.casework.outline.CaseOutline`: a whole scenario, or (through the
nuiawase service) only the facts the client told."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from simulator.models.eligibility import EligibilityField
from simulator.models.persona import Persona
from simulator.models.region import Region, Resource
from simulator.models.scenario import Scenario
from simulator.models.transcript import Transcript, Turn
from simulator.models.vocab import Topic
from simulator.persona import generate_persona

from .eligibility import EligibilityReport, check_eligibility
from .outline import CaseOutline


@dataclass(frozen=True)
class CaseContext:
    """One attempt's fixed facts, shared by the assessment form and the plan editor."""

    scenario: CaseOutline
    region: Region
    persona: Persona
    transcript: Transcript

    @classmethod
    def of(cls, scenario: Scenario, region: Region, transcript: Transcript) -> CaseContext:
        """The context of a transcript; the persona is regenerated from its seed."""
        return cls(
            scenario, region, generate_persona(scenario, region, transcript.seed), transcript
        )

    @cached_property
    def turn_ids(self) -> frozenset[str]:
        """Ids of every turn of the interview."""
        return frozenset(turn.id for turn in self.transcript.turns)

    def turn(self, turn_id: str) -> Turn | None:
        """The turn with this id, or None."""
        return next((x for x in self.transcript.turns if x.id == turn_id), None)

    @cached_property
    def known_domains(self) -> frozenset[Topic]:
        """Domains in which the client disclosed at least one fact."""
        domains = set()
        for fact_id in self.transcript.disclosed_facts:
            fact = self.scenario.fact(fact_id)
            if fact is not None:
                domains.add(fact.domain)
        return frozenset(domains)

    @cached_property
    def confirmed_fields(self) -> frozenset[EligibilityField]:
        """Eligibility attributes the disclosed facts confirm outside their domains."""
        fields: set[EligibilityField] = set()
        for fact_id in self.transcript.disclosed_facts:
            fact = self.scenario.fact(fact_id)
            if fact is not None:
                fields.update(fact.confirms)
        return frozenset(fields)

    def resource(self, resource_id: str | None) -> Resource | None:
        """The region's resource with this id, or None."""
        return self.region.resource(resource_id) if resource_id else None

    def eligibility(self, resource_id: str) -> EligibilityReport | None:
        """The resource's rules read against what the client has told so far."""
        resource = self.resource(resource_id)
        if resource is None:
            return None
        return check_eligibility(resource, self.persona, self.known_domains, self.confirmed_fields)
