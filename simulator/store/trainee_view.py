"""What a trainee reads of their own work: 私の提出 and the released feedback.

Plain data over ``Repository.submissions()`` and ``feedback()``, which decide what a
trainee may see (nothing of the review before it is returned or released; criteria the
rubric keeps from trainees never). The widget renders it escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simulator.i18n import t

from .events import EventKind, Status
from .records import SubmissionRecord

if TYPE_CHECKING:  # the kernel reads these records from the service without the store
    from .repository import Repository


@dataclass(frozen=True)
class MyRow:
    """One of the trainee's submissions."""

    submission_id: int
    attempt_id: int
    scenario_id: str
    version: int
    status: Status
    submitted_at: str
    #: Returned and not yet followed by a newer version: the trainee may revise it.
    revisable: bool


@dataclass(frozen=True)
class AbandonedRow:
    """One of the trainee's attempts left for the case library before it was submitted."""

    attempt_id: int
    scenario_id: str
    started_at: str


def my_abandoned(repo: Repository) -> list[AbandonedRow]:
    """The actor's abandoned attempts (中断), newest first."""
    gone = repo.abandoned_attempts()
    return [
        AbandonedRow(a.id, a.scenario_id, a.started_at.strftime("%Y-%m-%d %H:%M"))
        for a in reversed(repo.attempts())
        if a.id in gone
    ]


@dataclass(frozen=True)
class LevelLine:
    """A criterion as released: the automatic level beside the supervisor's."""

    id: str
    title: str
    automatic: int | None
    current: int | None
    reasons: tuple[str, ...]
    #: What held the current level down, in the checker's words (never praise).
    next_steps: tuple[str, ...] = ()
    #: What earned the current level (the top level's message, the raising notes).
    praise: tuple[str, ...] = ()


@dataclass(frozen=True)
class CommentLine:
    """A supervisor's comment, with what it is about (a criterion, a turn or a field)."""

    about: str
    text: str


@dataclass(frozen=True)
class MyFeedback:
    """The released review of one submission (or only its status before release)."""

    submission_id: int
    status: Status
    released: bool
    note: str | None
    levels: tuple[LevelLine, ...]
    comments: tuple[CommentLine, ...]


def my_rows(repo: Repository) -> list[MyRow]:
    """The actor's own submissions, newest first."""
    subs: list[SubmissionRecord] = repo.submissions()
    latest: dict[int, int] = {}
    for s in subs:
        latest[s.attempt_id] = max(latest.get(s.attempt_id, 0), s.number)
    return [
        MyRow(
            submission_id=s.id,
            attempt_id=s.attempt_id,
            scenario_id=s.scenario_id,
            version=s.number,
            status=s.status,
            submitted_at=s.submitted_at.strftime("%Y-%m-%d %H:%M"),
            revisable=s.status == Status.returned and latest[s.attempt_id] == s.number,
        )
        for s in reversed(subs)
    ]


def _advice(
    item: dict[str, Any], current: int | None, lang: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Next steps and praise for the level as it stands after the review: only notes the
    level supports (an override hides what it contradicts); the stored level's message
    only while the level is still the one it was written for."""
    from simulator.rubric.checkers.base import Effect
    from simulator.rubric.scorecard import CriterionResult

    if current is None:
        return (), ()
    result = CriterionResult.model_validate(item).model_copy(update={"level": current})
    shown = result.shown_notes()

    def texts(effect: Effect) -> tuple[str, ...]:
        return tuple(n.en if lang == "en" else n.ja for n in shown if n.effect is effect)

    steps, praise = texts(Effect.lowers), texts(Effect.raises)
    message = result.feedback.get(lang) if result.feedback else ""
    unchanged = item.get("level") == current and bool(message)
    if current >= result.max_level:
        praise = (message, *praise) if unchanged else praise
    elif not steps and unchanged:
        steps = (message,)
    return steps, tuple(dict.fromkeys(praise))


def my_feedback(repo: Repository, submission_id: int, locale: str | None = None) -> MyFeedback:
    """The feedback of one of the actor's submissions, as far as it is released."""
    view = repo.feedback(submission_id)
    if not view.released:
        return MyFeedback(submission_id, view.status, False, None, (), ())
    lang = locale or "ja"
    overrides = [e for e in view.events if e.kind == EventKind.override]
    first_old: dict[str | None, int | None] = {}
    for e in overrides:
        first_old.setdefault(e.criterion, e.old_level)
    lines = []
    for item in (view.scorecard or {}).get("criteria", []):
        cid = item["id"]
        current = view.levels.get(cid, item.get("level"))
        next_steps, praise = _advice(item, current, lang)
        lines.append(
            LevelLine(
                id=cid,
                title=str(item.get("title", {}).get(lang, cid)),
                automatic=first_old.get(cid, item.get("level")),
                current=current,
                reasons=tuple(e.text or "" for e in overrides if e.criterion == cid),
                next_steps=next_steps,
                praise=praise,
            )
        )
    titles = {line.id: line.title for line in lines}
    comments = []
    for e in view.events:
        if e.kind != EventKind.comment:
            continue
        target = (e.detail or {}).get("target")
        if target:
            about = str(target)
        elif e.criterion:
            about = titles.get(e.criterion, e.criterion)
        else:
            about = t("mine.whole", locale)
        comments.append(CommentLine(about, e.text or ""))
    notes = [e.text for e in view.events if e.kind == EventKind.status and e.text]
    return MyFeedback(
        submission_id,
        view.status,
        True,
        notes[-1] if notes else None,
        tuple(lines),
        tuple(comments),
    )


__all__ = ["CommentLine", "LevelLine", "MyFeedback", "MyRow", "my_feedback", "my_rows"]
