"""A rubric file: criteria with level descriptors, weights, checkers and feedback.

Rubrics are data. Each criterion names the centre ideal (理念) or function (機能) it
serves, how it is judged (an automatic checker, a provisional global rating, or by the
supervisor alone), who may see the result and when, and what each level 0-3 means in
words a supervisor can apply by reading a submission. Checker names and their
parameters are checked against the checker registry by ``nuiawase validate``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, model_validator

from .common import Identifier, Invalid, LocalizedText, Strict

RUBRIC_SCHEMA_VERSION = 1
#: Levels run 0..MAX_LEVEL on every criterion.
MAX_LEVEL = 3


class Principle(StrEnum):
    """The three ideals (理念) and nine functions (機能①-⑨) of the centre report."""

    ideal_1 = "ideal_1"  # 理念1 制度の枠組みを超えた総合相談
    ideal_2 = "ideal_2"  # 理念2 本人中心の包括的支援【対個人】
    ideal_3 = "ideal_3"  # 理念3 環境・地域への働きかけ【対地域】
    function_1 = "function_1"  # ① 総合的な相談
    function_2 = "function_2"  # ② 把握・アウトリーチ
    function_3 = "function_3"  # ③ アセスメント・プラン策定
    function_4 = "function_4"  # ④ 支援・コーディネート
    function_5 = "function_5"  # ⑤ 社会資源の把握・活性化・開発とつなぎ
    function_6 = "function_6"  # ⑥ 情報のワンストップ
    function_7 = "function_7"  # ⑦ データベースの整備
    function_8 = "function_8"  # ⑧ 地域への情報発信
    function_9 = "function_9"  # ⑨ 地域の現状把握・分析


class CriterionKind(StrEnum):
    """How a criterion is judged."""

    automatic = "automatic"  # a checklist a checker applies; provisional until confirmed
    provisional_global = "provisional_global"  # a checker's overall rating; needs a supervisor
    supervisor_only = "supervisor_only"  # no checker; the level waits for the review


class Visibility(StrEnum):
    """When the trainee may see a criterion's result."""

    now = "now"
    after_review = "after_review"
    never = "never"


class LevelText(Strict):
    """What one level of a criterion means, and what the trainee is told at that level."""

    level: int = Field(ge=0, le=MAX_LEVEL, description="The level, 0 (lowest) to 3 (highest).")
    descriptor: LocalizedText = Field(
        description="What a reader of the submission sees at this level (for supervisors)."
    )
    feedback: LocalizedText = Field(description="The message a trainee at this level reads.")


class CheckerRef(Strict):
    """The checker that judges a criterion automatically, with its parameters."""

    name: Identifier = Field(description="A checker registered in simulator/rubric/checkers.")
    params: dict[str, Any] = Field(
        default_factory=dict,
        description="The checker's parameters; each checker documents and validates its own.",
    )


class Criterion(Strict):
    """One criterion of a rubric."""

    id: Identifier
    title: LocalizedText = Field(description="The criterion's name.")
    serves: list[Principle] = Field(
        min_length=1,
        description="The ideals (ideal_1-3) and functions (function_1-9) it serves.",
    )
    weight: int = Field(ge=1, le=10, description="Weight of the level in the total (1-10).")
    kind: CriterionKind = Field(
        description="automatic, provisional_global or supervisor_only (no checker)."
    )
    visibility: Visibility = Field(
        description="When the trainee may see the result: now, after_review or never."
    )
    checker: CheckerRef | None = Field(
        default=None, description="The checker; required unless kind is supervisor_only."
    )
    levels: list[LevelText] = Field(
        min_length=MAX_LEVEL + 1,
        max_length=MAX_LEVEL + 1,
        description="Descriptors and feedback for levels 0, 1, 2 and 3, in that order.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Criterion:
        if [lv.level for lv in self.levels] != list(range(MAX_LEVEL + 1)):
            raise Invalid("invalid.rubric_levels")
        if self.kind is CriterionKind.supervisor_only and self.checker is not None:
            raise Invalid("invalid.supervisor_only_checker")
        if self.kind is not CriterionKind.supervisor_only and self.checker is None:
            raise Invalid("invalid.needs_checker", kind=self.kind.value)
        return self

    def level_text(self, level: int) -> LevelText:
        """The descriptor and feedback of ``level``."""
        return self.levels[level]


class Rubric(Strict):
    """A rubric file (rubrics/*.yaml)."""

    kind: Literal["rubric"] = Field(description="File kind; always 'rubric'.")
    schema_version: int = Field(description="Format version of this file; currently 1.")
    id: Identifier
    version: int = Field(ge=1, description="Content version; raise it when levels change.")
    title: LocalizedText = Field(description="The rubric's name.")
    description: LocalizedText | None = Field(
        default=None, description="What the rubric judges, shown to supervisors."
    )
    criteria: list[Criterion] = Field(min_length=1, description="The criteria, in display order.")
    unsafe_total_cap: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="When a safety criterion finds a harmful action (level 0), the total is "
        "capped at this share of the maximum: a plan that harms the client never outscores "
        "one that merely misses things. Empty: no cap.",
    )

    @model_validator(mode="after")
    def _unique_ids(self) -> Rubric:
        seen: set[str] = set()
        for c in self.criteria:
            if c.id in seen:
                raise Invalid("invalid.duplicate_criterion", id=c.id)
            seen.add(c.id)
        return self

    def criterion(self, criterion_id: str) -> Criterion | None:
        """The criterion with this id, or None."""
        return next((c for c in self.criteria if c.id == criterion_id), None)
