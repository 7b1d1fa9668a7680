"""Scoring a submission against a rubric: the scorecard and its criterion results.

Every criterion result carries its level (None for a supervisor-only criterion until the
review), the evidence pointers, the feedback in both locales, whether it is provisional
(automatic results are, until a supervisor confirms them) and its visibility. A result
answers for itself what the trainee may see now; views ask it, they do not decide.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from simulator.i18n import t
from simulator.models.casework import Assessment, Plan
from simulator.models.common import LocalizedText
from simulator.models.persona import Persona
from simulator.models.region import Region
from simulator.models.rubric import (
    MAX_LEVEL,
    Criterion,
    CriterionKind,
    Principle,
    Rubric,
    Visibility,
)
from simulator.models.scenario import Scenario
from simulator.models.submission import Submission
from simulator.models.transcript import Transcript

from .case import Case
from .checkers import REGISTRY, CheckerSpec, CheckResult, Note
from .checkers.base import Effect, fits

SCORECARD_SCHEMA_VERSION = 1


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NoteText(_Record):
    """One specific remark of a checker, in both locales, with its own evidence."""

    key: str = Field(description="Message key under rubric.note.<checker>.")
    ja: str
    en: str
    evidence: list[str] = Field(default_factory=list, description="Turn ids and field paths.")
    effect: Effect = Field(
        default=Effect.lowers,
        description="lowers (what kept the level down), raises (what earned it) or measures.",
    )
    level: int | None = Field(
        default=None,
        description="The level it supports: for a lowering note the highest it allows, for "
        "a raising note the least it earns; empty for the default (below / at the maximum).",
    )

    def fits(self, level: int) -> bool:
        """Whether the note is true beside ``level`` (a contradicting note is never shown)."""
        return fits(self.effect, self.level, level)


class CriterionResult(_Record):
    """One criterion's result."""

    id: str
    title: LocalizedText
    serves: list[Principle]
    kind: CriterionKind
    checker: str | None
    level: int | None = Field(description="0-3; None until a supervisor rates it.")
    max_level: int = MAX_LEVEL
    weight: int
    evidence: list[str] = Field(
        description="Transcript turn ids (t07) and form field paths (plan.supports[2].resource)."
    )
    feedback: LocalizedText | None = Field(description="The level's feedback; None without level.")
    notes: list[NoteText] = Field(default_factory=list)
    provisional: bool = Field(description="True until a supervisor confirms the level.")
    visibility: Visibility
    reviewed: bool = Field(default=False, description="A supervisor has reviewed it.")

    @property
    def points(self) -> int | None:
        """Weighted level, or None without a level."""
        return None if self.level is None else self.level * self.weight

    def shown_notes(self) -> list[NoteText]:
        """The notes true beside the current level (after an override too)."""
        if self.level is None:
            return []
        return [n for n in self.notes if n.fits(self.level)]

    def visible_to_trainee(self) -> bool:
        """Whether the trainee may see this result now."""
        if self.visibility is Visibility.now:
            return True
        if self.visibility is Visibility.after_review:
            return self.reviewed
        return False

    def reviewed_at(self, level: int | None, criterion: Criterion) -> CriterionResult:
        """The result as a supervisor confirmed (level unchanged) or overrode it."""
        lv = self.level if level is None else level
        if lv is not None and not 0 <= lv <= MAX_LEVEL:
            raise ValueError(f"level {lv} is outside 0..{MAX_LEVEL}")
        feedback = criterion.level_text(lv).feedback if lv is not None else None
        return self.model_copy(
            update={"level": lv, "feedback": feedback, "provisional": False, "reviewed": True}
        )


def _unsafe(result: CriterionResult) -> bool:
    return result.checker == "safety" and result.level == 0


class Scorecard(_Record):
    """A submission's results against one rubric."""

    kind: str = "scorecard"
    schema_version: int = SCORECARD_SCHEMA_VERSION
    rubric_id: str
    rubric_version: int
    scenario_id: str
    scenario_version: int
    seed: int
    criteria: list[CriterionResult]
    total: int = Field(description="Sum of level x weight over criteria with a level.")
    max: int = Field(description="Sum of max_level x weight over the same criteria.")
    pending: list[str] = Field(description="Criteria without a level yet (supervisor only).")
    unsafe_total_cap: float | None = Field(
        default=None,
        description="The rubric's cap on the total (share of max) when a safety criterion "
        "finds harm; kept here so a total recomputed after an override obeys it.",
    )

    @classmethod
    def of(cls, head: Mapping[str, object], criteria: list[CriterionResult]) -> Scorecard:
        """A scorecard with its totals computed from ``criteria`` (capped when unsafe)."""
        scored = [c for c in criteria if c.level is not None]
        total = sum(c.points or 0 for c in scored)
        top = sum(c.max_level * c.weight for c in scored)
        cap = head.get("unsafe_total_cap")
        if isinstance(cap, float | int) and any(_unsafe(c) for c in criteria):
            total = min(total, int(cap * top))
        return cls.model_validate(
            {
                **head,
                "criteria": criteria,
                "total": total,
                "max": top,
                "pending": [c.id for c in criteria if c.level is None],
            }
        )

    def _head(self) -> dict[str, object]:
        return self.model_dump(exclude={"criteria", "total", "max", "pending"})

    @property
    def needs_review(self) -> bool:
        """要確認: a safety criterion found a harmful action (level 0). The total is then no
        measure of the plan; a supervisor must look first."""
        return any(_unsafe(c) for c in self.criteria)

    def criterion(self, criterion_id: str) -> CriterionResult | None:
        """The result of one criterion, or None."""
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def for_trainee(self) -> Scorecard:
        """Only what the trainee may see now, with totals over those criteria."""
        return Scorecard.of(self._head(), [c for c in self.criteria if c.visible_to_trainee()])

    def reviewed(self, rubric: Rubric, levels: Mapping[str, int | None]) -> Scorecard:
        """Every criterion confirmed, with supervisor levels where given (None = confirm)."""
        unknown = set(levels) - {c.id for c in self.criteria}
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        out = []
        for c in self.criteria:
            criterion = rubric.criterion(c.id)
            assert criterion is not None
            out.append(c.reviewed_at(levels.get(c.id), criterion))
        return Scorecard.of(self._head(), out)

    def to_json(self) -> str:
        """Stable, readable JSON (UTF-8 Japanese, two-space indent)."""
        return self.model_dump_json(indent=2)


def _note_text(checker: str, note: Note) -> NoteText:
    key = f"rubric.note.{checker}.{note.key}"

    def render(locale: str) -> str:
        values = {
            k: (v.get(locale) if isinstance(v, LocalizedText) else v)
            for k, v in note.values.items()
        }
        return t(key, locale, **values)

    return NoteText(
        key=key,
        ja=render("ja"),
        en=render("en"),
        evidence=list(note.evidence),
        effect=note.effect,
        level=note.level,
    )


def _result(criterion: Criterion, found: CheckResult | None) -> CriterionResult:
    level = found.level if found else None
    return CriterionResult(
        id=criterion.id,
        title=criterion.title,
        serves=criterion.serves,
        kind=criterion.kind,
        checker=criterion.checker.name if criterion.checker else None,
        level=level,
        weight=criterion.weight,
        evidence=list(found.evidence) if found else [],
        feedback=criterion.level_text(level).feedback if level is not None else None,
        notes=[_note_text(criterion.checker.name, n) for n in found.notes]
        if found and criterion.checker
        else [],
        provisional=True,
        visibility=criterion.visibility,
    )


class Scorer:
    """A rubric made ready to score: each criterion's checker with its parsed parameters."""

    def __init__(self, rubric: Rubric) -> None:
        self.rubric = rubric
        self._steps: list[tuple[Criterion, CheckerSpec[Any] | None, Any]] = []
        for c in rubric.criteria:
            if c.checker is None:
                self._steps.append((c, None, None))
                continue
            spec = REGISTRY.get(c.checker.name)
            if spec is None:
                raise KeyError(f"unknown checker {c.checker.name!r} (criterion {c.id})")
            self._steps.append((c, spec, spec.parse(c.checker.params)))

    def score_case(self, case: Case) -> Scorecard:
        """Apply every criterion to ``case``."""
        results = [
            _result(c, spec.run(case, params) if spec is not None else None)
            for c, spec, params in self._steps
        ]
        head = {
            "rubric_id": self.rubric.id,
            "rubric_version": self.rubric.version,
            "scenario_id": case.scenario.id,
            "scenario_version": case.scenario.version,
            "seed": case.transcript.seed,
            "unsafe_total_cap": self.rubric.unsafe_total_cap,
        }
        return Scorecard.of(head, results)

    def score(
        self,
        submission: Submission,
        scenario: Scenario,
        region: Region,
        persona: Persona | None = None,
    ) -> Scorecard:
        """Score one submission (the persona is regenerated from its seed if not given)."""
        return self.score_case(case_of(submission, scenario, region, persona))


def case_of(
    submission: Submission, scenario: Scenario, region: Region, persona: Persona | None = None
) -> Case:
    """The checker inputs of a submission."""
    from simulator.persona import generate_persona

    return Case(
        scenario=scenario,
        region=region,
        persona=persona or generate_persona(scenario, region, submission.seed),
        transcript=submission.transcript,
        assessment=submission.assessment,
        plan=submission.plan,
    )


def score_forms(
    rubric: Rubric,
    scenario: Scenario,
    region: Region,
    persona: Persona,
    transcript: Transcript,
    assessment: Assessment,
    plan: Plan | None,
) -> Scorecard:
    """Score forms that are not (yet) a submission, e.g. a draft being written."""
    return Scorer(rubric).score_case(Case(scenario, region, persona, transcript, assessment, plan))


def score_submission(
    submission: Submission,
    scenario: Scenario,
    region: Region,
    rubric: Rubric | None = None,
    persona: Persona | None = None,
) -> Scorecard:
    """Score ``submission`` against ``rubric`` (default: rubrics/centre-principles.yaml)."""
    from .files import default_rubric

    return Scorer(rubric or default_rubric()).score(submission, scenario, region, persona)
