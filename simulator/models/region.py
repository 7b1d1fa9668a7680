"""A fictional municipality and its local resources, formal and informal."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .common import AuthorText, Identifier, Invalid, LocalizedText, Strict
from .eligibility import EligibilityRule, Sourced
from .vocab import RegionKind, ResourceKind

REGION_SCHEMA_VERSION = 1

Postcode = Annotated[str, Field(pattern=r"^\d{3}-\d{4}$", description="〒 code, e.g. 123-4567.")]
PhoneNumber = Annotated[
    str,
    Field(pattern=r"^0\d{1,4}-\d{1,4}-\d{4}$", description="A phone number, e.g. 03-1234-5678."),
]


class Town(Strict):
    """A town (町名) of the municipality, with its postcode."""

    name: AuthorText = Field(description="Town name in kanji, e.g. 港南.")
    kana: AuthorText = Field(description="Reading in katakana, e.g. コウナン.")
    postcode: Postcode
    chome: int = Field(default=0, ge=0, le=9, description="Number of 丁目, 0 when none.")


class Contact(Strict):
    """How to reach a resource."""

    phone: PhoneNumber
    address: AuthorText = Field(description="Street address of the office.")


class Resource(Sourced):
    """A service, programme or informal support a plan can link to.

    ``source`` and ``as_of`` say which law, notice or official page the description and
    rules follow, and when it was read; ``note`` says what could not be confirmed.
    """

    id: Identifier
    kind: ResourceKind = Field(description="Which kind in the resource catalogue.")
    kind_label: LocalizedText | None = Field(
        default=None,
        description="The region's own name for a kind the catalogue lacks (with kind: other), "
        "e.g. a prefecture's own programme.",
    )
    name: LocalizedText = Field(description="The resource's name.")
    agency: LocalizedText = Field(description="Who runs it (the responsible agency).")
    formal: bool = Field(description="True for a formal service, false for informal support.")
    act_programme: bool = Field(
        default=False,
        description="True for a programme of the 生活困窮者自立支援法 (ticked on the plan form).",
    )
    description: LocalizedText = Field(description="What it offers, in a sentence or two.")
    eligibility: list[EligibilityRule] = Field(
        default_factory=list, description="Conditions a client must meet; all must hold."
    )
    contact: Contact = Field(description="Phone and address of the office.")
    hours: AuthorText = Field(description="Opening hours, e.g. 平日 9:00-17:00.")


class Region(Strict):
    """A fictional municipality where scenarios happen."""

    kind: Literal["region"] = Field(description="File kind; always 'region'.")
    schema_version: int = Field(description="Format version of this file; currently 1.")
    id: Identifier
    name: LocalizedText = Field(description="The municipality's name as trainees see it.")
    region_kind: RegionKind = Field(description="Urban ward, city or rural town.")
    prefecture: AuthorText = Field(description="The (real) prefecture, e.g. 神奈川県.")
    municipality: AuthorText = Field(description="The fictional municipality, e.g. 縫合市港南区.")
    municipality_kana: AuthorText = Field(description="Reading of the municipality in katakana.")
    area_code: str = Field(pattern=r"^0\d{1,4}$", description="Fixed-line area code, e.g. 045.")
    towns: list[Town] = Field(min_length=1, description="Towns used for client addresses.")
    population: int = Field(ge=1, description="Population, for realism in the studio.")
    resources: list[Resource] = Field(
        min_length=1, description="Local resources, formal and informal, a plan can link to."
    )

    @model_validator(mode="after")
    def _unique_ids(self) -> Region:
        seen: set[str] = set()
        for r in self.resources:
            if r.id in seen:
                raise Invalid("invalid.duplicate_resource", id=r.id)
            seen.add(r.id)
        return self

    def resource(self, resource_id: str) -> Resource | None:
        """The resource with this id, or None."""
        return next((r for r in self.resources if r.id == resource_id), None)
