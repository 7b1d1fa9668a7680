"""A curriculum module as data: objectives, reading with its sources, an exercise on the
simulator, a reflection prompt, a check of understanding and facilitator notes.

Module files live in curriculum/modules/NN.yaml (Japanese content; the UI around them is
in both catalogs). Marking a check is a pure function of the module and the answers.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator

from simulator.models.common import AuthorText, Invalid, LocalizedText, Strict

#: A paragraph or list item of module text.
Para = Annotated[str, Field(min_length=1, max_length=2000)]
#: Module ids: two digits (00..11) or "capstone".
ModuleId = Annotated[str, Field(pattern=r"^([0-9]{2}|capstone)$")]


class App(StrEnum):
    """The simulator page an exercise opens (a notebook in curriculum/)."""

    practice = "practice"
    interview = "interview"
    assessment_plan = "assessment_plan"
    library = "library"


class Source(Strict):
    """Where a statement of the reading comes from."""

    title: AuthorText = Field(description="The document's title, as it names itself.")
    where: str | None = Field(
        None, max_length=300, description="Section, article or page within it."
    )
    url: str | None = Field(
        None,
        pattern=r"^https?://\S+$",
        max_length=1000,
        description="A public address where it was read (None for the project's own files).",
    )
    note: str | None = Field(
        None,
        max_length=500,
        description="What could not be confirmed (未確認), or that the page is a copy.",
    )


class Exercise(Strict):
    """A task on the simulator: which page, which case and what to find or do."""

    app: App = Field(description="The simulator page the trainee opens.")
    case: str | None = Field(
        None, pattern=r"^[a-z0-9-]+$", description="The case id (cases_synthetic/) to use."
    )
    task: list[Para] = Field(min_length=1, description="The steps, in order.")
    look_for: list[Para] = Field(
        default_factory=list, description="What the trainee should notice or find."
    )


class Question(Strict):
    """One multiple-choice question with the reason for its answer."""

    question: Para = Field(description="The question.")
    choices: list[Para] = Field(min_length=2, max_length=5, description="The options.")
    answer: int = Field(ge=0, description="Index of the right option (0-based).")
    explanation: Para = Field(description="Why the answer is right; shown after answering.")

    @field_validator("answer")
    @classmethod
    def _answer_exists(cls, answer: int, info: ValidationInfo) -> int:
        # A field validator (choices come first), so an error points at the answer's line.
        choices = info.data.get("choices")
        if choices is not None and answer >= len(choices):
            raise ValueError(Invalid("invalid.answer_index", answer=answer))
        return answer


class Facilitator(Strict):
    """Notes for the trainer running the module with a group."""

    minutes: int = Field(ge=10, le=480, description="Time for the module with a group.")
    timing: list[Para] = Field(min_length=1, description="How to spend the time.")
    discussion: list[Para] = Field(min_length=1, description="Questions for the group.")
    common_misses: list[Para] = Field(
        min_length=1, description="What trainees often miss (the cohort view adds figures)."
    )
    criteria: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,63}$")]] = Field(
        default_factory=list,
        description=(
            "The rubric criteria this module teaches (ids of rubrics/centre-principles.yaml); "
            "the facilitator's live figures count how often the cohort falls short on them."
        ),
    )


class Module(Strict):
    """One module of the course."""

    kind: str = Field("module", pattern="^module$", description='Always "module".')
    schema_version: int = Field(1, ge=1, le=1, description="Format version of this file.")
    id: ModuleId = Field(description='"00".."11" or "capstone".')
    title: LocalizedText = Field(description="The module's name.")
    objectives: list[Para] = Field(min_length=2, description="What the trainee can do after.")
    reading: list[Para] = Field(min_length=2, description="The short reading, by paragraph.")
    sources: list[Source] = Field(min_length=1, description="Where the reading comes from.")
    exercise: Exercise = Field(description="The simulator task.")
    reflection: Para = Field(description="The reflection prompt; the answer is kept.")
    check: list[Question] = Field(
        min_length=3, max_length=5, description="The check of understanding."
    )
    pass_mark: float = Field(0.6, gt=0, le=1, description="Share of right answers to pass.")
    facilitator: Facilitator = Field(description="Notes for a trainer with a group.")


class Marked(StrEnum):
    """How one answer was marked."""

    right = "right"
    wrong = "wrong"
    unanswered = "unanswered"


class CheckResult(Strict):
    """A check, marked: per question right, wrong or unanswered, the score, and per
    question the right choice and its explanation (shown once answered)."""

    marks: tuple[Marked, ...]
    score: float = Field(ge=0, le=1)
    passed: bool
    right: tuple[int, ...]
    explanations: tuple[str, ...]


def mark_check(module: Module, answers: list[int | None]) -> CheckResult:
    """Mark ``answers`` (one chosen index or None per question) against the module."""
    if len(answers) != len(module.check):
        raise ValueError(f"{len(answers)} answers for {len(module.check)} questions")
    marks = tuple(
        Marked.unanswered if a is None else Marked.right if a == q.answer else Marked.wrong
        for q, a in zip(module.check, answers, strict=True)
    )
    score = round(marks.count(Marked.right) / len(marks), 4)
    return CheckResult(
        marks=marks,
        score=score,
        passed=score >= module.pass_mark,
        right=tuple(q.answer for q in module.check),
        explanations=tuple(q.explanation for q in module.check),
    )
