"""Curriculum progress: what a trainee did in each module, as append-only events.

    me = store.as_user("hana")
    me.record_module_event("03", ModuleEventKind.module_started)
    me.record_module_event("03", ModuleEventKind.check_passed, score=0.8, detail={...})
    me.module_progress()["03"].check_passed          # True

A module's progress is folded from its events (``fold_progress``, pure); the capstone's
"submitted" and "approved" come from the trainee's submissions and their review status,
never from events of their own, so the review queue stays the one truth for them. A
reflection being typed is a draft saved over (``save_module_draft``), so it survives a
kernel restart; the written reflection is an event with its text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from simulator.clock import utc_now

from .base import RepositoryBase, stored_status
from .documents import as_document
from .errors import InvalidInput
from .events import Status
from .roles import Role, require_role
from .schema import ModuleDraft, ModuleEvent, Submission, User

#: The capstone module's id: its submission and approval come from the review queue.
CAPSTONE = "capstone"
#: Module ids: "00".."99" or a short lower-case name such as "capstone".
MODULE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
#: Review statuses that count as the capstone approved.
PASSED = frozenset({Status.approved, Status.released})
#: The longest reflection kept (a page of text; longer is refused, never cut).
MAX_REFLECTION = 20_000


class ModuleEventKind(StrEnum):
    """The steps a trainee records in a module."""

    module_started = "module_started"
    exercise_done = "exercise_done"
    reflection_written = "reflection_written"
    check_passed = "check_passed"
    check_failed = "check_failed"


class ModuleEventRecord(BaseModel):
    """One recorded step, as stored."""

    model_config = ConfigDict(frozen=True)

    id: int = Field(description="The event's id, increasing in the order events were stored.")
    trainee: str = Field(description="The trainee's user name.")
    module: str = Field(description='The module id ("00".."11" or "capstone").')
    kind: ModuleEventKind = Field(description="What happened.")
    created_at: dt.datetime = Field(description="When it was stored (UTC).")
    text: str | None = Field(None, description="The reflection's text (reflection_written).")
    score: float | None = Field(
        None, description="Share of check questions answered right, 0..1 (check_*)."
    )
    detail: dict[str, Any] | None = Field(
        None, description="Extra data, e.g. the answers chosen in a check."
    )


class ModuleProgress(BaseModel):
    """What a trainee's events in one module add up to."""

    model_config = ConfigDict(frozen=True)

    module: str = Field(description="The module id.")
    started_at: dt.datetime | None = Field(None, description="First module_started.")
    exercise_done_at: dt.datetime | None = Field(None, description="First exercise_done.")
    reflection: str | None = Field(None, description="The latest written reflection.")
    reflection_at: dt.datetime | None = Field(None, description="When it was written.")
    check_attempts: int = Field(0, description="How many times the check was answered.")
    best_score: float | None = Field(None, description="The best check score, 0..1.")
    check_passed_at: dt.datetime | None = Field(None, description="First check_passed.")
    submitted_at: dt.datetime | None = Field(
        None, description="Capstone only: the first submission after the module started."
    )
    approved_at: dt.datetime | None = Field(
        None, description="Capstone only: when such a submission was first approved."
    )

    @property
    def check_passed(self) -> bool:
        """True once the check was passed."""
        return self.check_passed_at is not None

    @property
    def completed(self) -> bool:
        """Exercise done, reflection written and check passed (capstone: approved)."""
        if self.module == CAPSTONE:
            return self.approved_at is not None and self.reflection is not None
        return (
            self.exercise_done_at is not None
            and self.reflection is not None
            and self.check_passed_at is not None
        )


class SubmissionStep(BaseModel):
    """What the capstone needs of one submission: when it came and whether it passed."""

    model_config = ConfigDict(frozen=True)

    submitted_at: dt.datetime
    approved_at: dt.datetime | None = None


def fold_progress(
    events: Iterable[ModuleEventRecord], submissions: Iterable[SubmissionStep] = ()
) -> dict[str, ModuleProgress]:
    """Each module's progress from its events (in stored order); the capstone's submitted
    and approved from ``submissions`` made once the capstone was started."""
    state: dict[str, dict[str, Any]] = {}
    for e in events:
        m = state.setdefault(e.module, {"module": e.module, "check_attempts": 0})
        if e.kind == ModuleEventKind.module_started:
            m.setdefault("started_at", e.created_at)
        elif e.kind == ModuleEventKind.exercise_done:
            m.setdefault("exercise_done_at", e.created_at)
        elif e.kind == ModuleEventKind.reflection_written:
            m["reflection"], m["reflection_at"] = e.text, e.created_at
        else:
            m["check_attempts"] += 1
            if e.score is not None:
                m["best_score"] = max(m.get("best_score", e.score), e.score)
            if e.kind == ModuleEventKind.check_passed:
                m.setdefault("check_passed_at", e.created_at)
    capstone = state.get(CAPSTONE)
    if capstone is not None and "started_at" in capstone:
        since = capstone["started_at"]
        made = sorted(
            (s for s in submissions if s.submitted_at >= since), key=lambda s: s.submitted_at
        )
        if made:
            capstone["submitted_at"] = made[0].submitted_at
        approved = [s.approved_at for s in made if s.approved_at is not None]
        if approved:
            capstone["approved_at"] = min(approved)
    return {k: ModuleProgress.model_validate(v) for k, v in sorted(state.items())}


def _check_module(module: str) -> None:
    if not MODULE_ID.match(module):
        raise InvalidInput("store.error.bad_module", module=module)


def checked_event(
    module: str, kind: ModuleEventKind | str, text: str | None, score: float | None
) -> ModuleEventKind:
    """The event's kind, once its parts fit it; InvalidInput otherwise. A reflection needs
    its text (not blank, not over MAX_REFLECTION); a check needs its score (0..1)."""
    _check_module(module)
    try:
        what = ModuleEventKind(kind)
    except ValueError:
        raise InvalidInput("store.error.bad_module_event", kind=kind) from None
    if what == ModuleEventKind.reflection_written:
        if text is None or not text.strip():
            raise InvalidInput("store.error.empty_reflection", module=module)
        check_draft(text)
    elif text is not None:
        raise InvalidInput("store.error.text_not_reflection", kind=what.value)
    is_check = what in (ModuleEventKind.check_passed, ModuleEventKind.check_failed)
    if is_check != (score is not None) or (score is not None and not 0 <= score <= 1):
        raise InvalidInput("store.error.bad_check_score", kind=what.value, score=score)
    return what


def check_draft(text: str) -> None:
    """InvalidInput for a reflection longer than MAX_REFLECTION (refused, never cut)."""
    if len(text) > MAX_REFLECTION:
        raise InvalidInput("store.error.long_reflection", limit=MAX_REFLECTION)


class ProgressMixin(RepositoryBase):
    """Module events and reflection drafts (trainees write their own; readers as for
    submissions: the trainee, their cohorts' supervisors, admins)."""

    def record_module_event(
        self,
        module: str,
        kind: ModuleEventKind | str,
        *,
        text: str | None = None,
        score: float | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> ModuleEventRecord:
        """Append one step of the actor's own progress in ``module``.

        A reflection needs its ``text`` (not blank); a check needs its ``score`` (0..1).
        Writing a reflection also clears its draft."""
        require_role(self.actor, "record_progress", Role.trainee)
        what = checked_event(module, kind, text, score)
        extra = as_document(detail, "detail") if detail is not None else None

        def work(s: Session) -> ModuleEventRecord:
            assert self.actor.user_id is not None
            row = ModuleEvent(
                user_id=self.actor.user_id,
                module=module,
                kind=what.value,
                created_at=utc_now(),
                text=text,
                score=score,
                detail=extra,
            )
            s.add(row)
            if what == ModuleEventKind.reflection_written:
                draft = s.get(ModuleDraft, (self.actor.user_id, module))
                if draft is not None:
                    s.delete(draft)
            s.flush()
            return _record(row, self.actor.name)

        return self._write(work)

    def module_events(
        self, trainee: str | None = None, module: str | None = None
    ) -> list[ModuleEventRecord]:
        """The events of ``trainee`` (default: the actor), oldest first; one module's only
        when ``module`` is given."""

        def work(s: Session) -> list[ModuleEventRecord]:
            user = self._user(s, trainee or self.actor.name)
            self._trainee_scope(s, user)  # progress is per trainee, not per cohort
            query = select(ModuleEvent).where(ModuleEvent.user_id == user.id)
            if module is not None:
                query = query.where(ModuleEvent.module == module)
            return [_record(e, user.name) for e in s.scalars(query.order_by(ModuleEvent.id))]

        return self._read(work)

    def module_progress(self, trainee: str | None = None) -> dict[str, ModuleProgress]:
        """Progress of ``trainee`` (default: the actor) per module they have touched,
        by module id; the capstone's submission and approval from the review queue."""

        def work(s: Session) -> dict[str, ModuleProgress]:
            user = self._user(s, trainee or self.actor.name)
            return stored_progress(s, user, self._trainee_scope(s, user))

        return self._read(work)

    def save_module_draft(self, module: str, text: str) -> None:
        """Keep the reflection being typed (saved over; the actor's own)."""
        require_role(self.actor, "record_progress", Role.trainee)
        _check_module(module)
        check_draft(text)

        def work(s: Session) -> None:
            assert self.actor.user_id is not None
            row = s.get(ModuleDraft, (self.actor.user_id, module))
            if row is None:
                row = ModuleDraft(user_id=self.actor.user_id, module=module)
                s.add(row)
            row.text, row.updated_at = text, utc_now()

        self._write(work)

    def module_draft(self, module: str) -> str | None:
        """The actor's reflection draft for ``module``, if any."""

        def work(s: Session) -> str | None:
            user: User = self._user(s, self.actor.name)
            row = s.get(ModuleDraft, (user.id, module))
            return None if row is None else row.text

        return self._read(work)


def stored_progress(s: Session, user: User, scope: set[int] | None) -> dict[str, ModuleProgress]:
    """``user``'s progress per module from the stored events, the capstone's from their
    submissions in the cohorts ``scope`` (None: all of them)."""
    events = [
        _record(e, user.name)
        for e in s.scalars(
            select(ModuleEvent).where(ModuleEvent.user_id == user.id).order_by(ModuleEvent.id)
        )
    ]
    query = select(Submission).where(Submission.trainee_id == user.id)
    if scope is not None:
        query = query.where(Submission.cohort_id.in_(sorted(scope)))
    steps = [
        SubmissionStep(
            submitted_at=sub.submitted_at,
            # status_changed_at: approval, or the release that followed it.
            approved_at=sub.status_changed_at if stored_status(sub) in PASSED else None,
        )
        for sub in s.scalars(query)
    ]
    return fold_progress(events, steps)


def _record(e: ModuleEvent, trainee: str) -> ModuleEventRecord:
    return ModuleEventRecord(
        id=e.id,
        trainee=trainee,
        module=e.module,
        kind=ModuleEventKind(e.kind),
        created_at=e.created_at,
        text=e.text,
        score=e.score,
        detail=e.detail,
    )
