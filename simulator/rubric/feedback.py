"""What a trainee reads after submitting: the criteria visible now, in words, with evidence.

Data only (the FeedbackView widget renders it). Each criterion shows its level as the
rubric's descriptor text; what to try next is built from the checker's notes that held
the level down, what was done well from the notes that earned it, and a note that
contradicts the level is never shown (``CriterionResult.shown_notes``). Criteria the
trainee may not see yet are listed with the reason. Each evidence pointer resolves to
what it points at, a transcript turn or a field of the submitted forms, as plain text for
the view to escape.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.casework.paths import get_in, parse_path
from simulator.i18n import current_locale, t
from simulator.labels import topic_label
from simulator.models.region import Region
from simulator.models.rubric import MAX_LEVEL, CriterionKind, Rubric, Visibility
from simulator.models.submission import Submission
from simulator.models.transcript import Turn

from .checkers.base import Effect
from .evidence_text import EvidenceWords, said_text, turn_label
from .scorecard import CriterionResult, Scorecard


@dataclass(frozen=True)
class EvidenceRef:
    """One pointer of a criterion's evidence, resolved for reading."""

    pointer: str
    label: str
    detail: str


@dataclass(frozen=True)
class FeedbackItem:
    """One criterion as the trainee sees it."""

    id: str
    title: str
    level: int | None
    max_level: int
    descriptor: str
    next_steps: tuple[str, ...] = ()
    praise: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    evidence: tuple[EvidenceRef, ...] = ()


@dataclass(frozen=True)
class HiddenItem:
    """A criterion the trainee cannot see yet, and why."""

    id: str
    title: str
    reason: str


def _turn_text(turn: Turn, locale: str | None) -> str:
    said = said_text(turn, locale)
    return f"{t('interview.you', locale)}: {said}\n{t('interview.client', locale)}: {turn.reply}"


def field_label(pointer: str, submission: Submission, locale: str | None = None) -> str:
    """A field path in words: assessment.findings[7].notes -> アセスメント › 住まい › 内容."""
    parts = parse_path(pointer)
    words: list[str] = []
    for i, part in enumerate(parts):
        if isinstance(part, str):
            words.append(t(f"field.{part}", locale))
        elif i and parts[i - 1] == "findings":
            findings = submission.assessment.findings
            domain = findings[part].domain if part < len(findings) else None
            words[-1] = topic_label(domain, locale, str(part + 1))
        else:
            words.append(str(part + 1))
    return " › ".join(words)


def resolve_evidence(
    pointer: str, submission: Submission, locale: str | None = None, region: Region | None = None
) -> EvidenceRef:
    """What ``pointer`` (a turn id such as t07, or a field path) shows in this submission,
    in words as the trainee wrote it (resources named from ``region`` when given)."""
    turn = next((x for x in submission.transcript.turns if x.id == pointer), None)
    if turn is not None:
        return EvidenceRef(
            pointer, turn_label(pointer, submission, locale), _turn_text(turn, locale)
        )
    try:
        value = get_in(submission, parse_path(pointer))
    except (AttributeError, IndexError, KeyError, TypeError):
        return EvidenceRef(pointer, pointer, t("feedback.missing_evidence", locale))
    label = t("feedback.field", locale, path=field_label(pointer, submission, locale))
    name = next((p for p in reversed(parse_path(pointer)) if isinstance(p, str)), None)
    return EvidenceRef(pointer, label, EvidenceWords(submission, region, locale).text(value, name))


def _texts(result: CriterionResult, effect: Effect, lang: str) -> tuple[str, ...]:
    return tuple(n.en if lang == "en" else n.ja for n in result.shown_notes() if n.effect is effect)


def feedback_item(
    result: CriterionResult,
    rubric: Rubric,
    submission: Submission,
    locale: str | None = None,
    region: Region | None = None,
) -> FeedbackItem | None:
    """One criterion in words: its level, what to try next, what was done well."""
    lang = current_locale(locale)
    criterion = rubric.criterion(result.id)
    if criterion is None:
        return None
    next_steps: tuple[str, ...] = ()
    praise: tuple[str, ...] = ()
    if result.level is None:
        descriptor = t("feedback.pending", locale)
    else:
        text = criterion.level_text(result.level)
        descriptor = text.descriptor.get(lang)
        next_steps = _texts(result, Effect.lowers, lang)
        praise = _texts(result, Effect.raises, lang)
        if result.level >= MAX_LEVEL:
            # At the top the level's message is praise, never a next step.
            praise = (text.feedback.get(lang), *praise)
        elif not next_steps:
            # No note says what held it down (a supervisor's override): the level's advice.
            next_steps = (text.feedback.get(lang),)
    return FeedbackItem(
        id=result.id,
        title=result.title.get(lang),
        level=result.level,
        max_level=result.max_level,
        descriptor=descriptor,
        next_steps=next_steps,
        praise=tuple(dict.fromkeys(praise)),
        measures=_texts(result, Effect.measures, lang),
        evidence=tuple(resolve_evidence(p, submission, locale, region) for p in result.evidence),
    )


def feedback_items(
    scorecard: Scorecard,
    rubric: Rubric,
    submission: Submission,
    locale: str | None = None,
    region: Region | None = None,
) -> list[FeedbackItem]:
    """The criteria the trainee may see now, in rubric order."""
    shown = scorecard.for_trainee().criteria
    items = (feedback_item(r, rubric, submission, locale, region) for r in shown)
    return [i for i in items if i is not None]


def hidden_items(
    scorecard: Scorecard, rubric: Rubric, locale: str | None = None
) -> list[HiddenItem]:
    """The rubric's criteria the trainee cannot see yet, each with the reason.

    Read from the rubric: the scorecard a trainee's kernel receives already lacks them.
    """
    lang = current_locale(locale)
    out = []
    for criterion in rubric.criteria:
        result = scorecard.criterion(criterion.id)
        if result is not None and result.visible_to_trainee():
            continue
        if criterion.visibility is Visibility.never:
            why = "never"
        elif criterion.kind is CriterionKind.supervisor_only:
            why = "supervisor_only"
        else:
            why = "answer_key"
        out.append(
            HiddenItem(criterion.id, criterion.title.get(lang), t(f"feedback.hidden.{why}", locale))
        )
    return out
