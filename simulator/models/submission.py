"""A trainee's attempt on paper: the draft being written, and the frozen submission.

A submission holds everything needed to score and print it without the trainee's
workspace: the scenario id and version, the seed (which regenerates the persona), the
interview transcript, the assessment and the plan.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, model_validator

from .casework import Assessment, Plan
from .common import Identifier, Strict
from .transcript import Transcript

SUBMISSION_SCHEMA_VERSION = 1
DRAFT_SCHEMA_VERSION = 1

#: A trainee's id becomes a folder name, so it is limited to characters safe in paths.
TraineeId = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.@\-]{0,63}$",
        description="The trainee's user name (letters, digits, '_', '.', '@', '-').",
    ),
]


class Submission(Strict):
    """One submitted version of a trainee's assessment and plan. Never edited afterwards."""

    kind: Literal["submission"] = Field(
        default="submission", description="File kind; always 'submission'."
    )
    schema_version: int = Field(
        default=SUBMISSION_SCHEMA_VERSION, description="Format version of this file; currently 1."
    )
    scenario_id: Identifier = Field(description="The scenario practised.")
    scenario_version: int = Field(ge=1, description="The scenario's content version.")
    region_id: Identifier = Field(description="The region whose resources the plan links to.")
    seed: int = Field(ge=0, description="The attempt's seed; it regenerates the persona.")
    trainee_id: TraineeId
    attempt_id: Identifier = Field(description="The attempt this submission belongs to.")
    version: int = Field(ge=1, le=999, description="Submitted version of the attempt: 1, 2, ...")
    transcript: Transcript = Field(description="The interview, as the engine recorded it.")
    assessment: Assessment = Field(description="The intake and assessment sheet.")
    plan: Plan | None = Field(
        default=None, description="The plan; empty unless the screening is ongoing support."
    )
    created_at: AwareDatetime = Field(description="When the trainee started the draft.")
    submitted_at: AwareDatetime = Field(description="When this version was submitted.")

    @model_validator(mode="after")
    def _times_in_order(self) -> Submission:
        if self.submitted_at < self.created_at:
            raise ValueError("submitted_at is before created_at")
        return self


class Draft(Strict):
    """The form as it stands, autosaved while the trainee writes."""

    kind: Literal["draft"] = Field(default="draft", description="File kind; always 'draft'.")
    schema_version: int = Field(
        default=DRAFT_SCHEMA_VERSION, description="Format version of this file; currently 1."
    )
    scenario_id: Identifier = Field(description="The scenario practised.")
    scenario_version: int = Field(ge=1, description="The scenario's content version.")
    region_id: Identifier = Field(description="The region whose resources the plan links to.")
    seed: int = Field(ge=0, description="The attempt's seed.")
    trainee_id: TraineeId
    attempt_id: Identifier = Field(description="The attempt this draft belongs to.")
    transcript: Transcript = Field(description="The interview the forms are written from.")
    assessment: Assessment = Field(description="The assessment sheet so far.")
    plan: Plan = Field(description="The plan so far.")
    created_at: AwareDatetime = Field(description="When the draft was started.")
    updated_at: AwareDatetime = Field(description="When the draft was last saved.")
    revision: int = Field(default=0, ge=0, description="Number of changes saved so far.")
    submitted_versions: list[int] = Field(
        default_factory=list, description="Versions already frozen from this draft."
    )
