"""The model behind the assessment form and the plan editor (no widgets here).

A session holds one attempt's draft as a frozen value. Every change goes through
:meth:`CaseworkSession.set` with a field path: the new draft is validated (oversized or
unknown input is refused, with a message for that field), the checks are rerun, the views
are told, and a debounced autosave writes the draft to the workspace. Views are thin: a
test can fill in the whole form through this class without a browser.
"""

from __future__ import annotations

import atexit
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from simulator.clock import utc_now
from simulator.i18n import t
from simulator.models.casework import (
    Assessment,
    ClientAction,
    ImmediateAction,
    Plan,
    PlanIssue,
    PlanSupport,
    ScreeningOutcome,
    StrengthNote,
)
from simulator.models.submission import Draft, Submission
from simulator.models.teamwork import CommunityAction, InformalSupport, Supervision, TeamMember
from simulator.scenario.loader import pydantic_message
from simulator.settings import load_settings
from simulator.workspace import resolve_workspace

from .checks import REQUIRED, Message, check_casework, eligibility_warnings
from .context import CaseContext
from .drafts import AUTOSAVE_DELAY, Debouncer, DraftStore, FileDraftStore, atomic_write
from .paths import get_in, parse_path, set_in
from .submissions import FileSubmissionStore, SubmissionStore, build_submission

Listener = Callable[[str], None]

#: Where an attempt's drafts and submissions live, given the workspace, the trainee's id and
#: the case. Casework knows only files (:func:`file_stores`); the store package offers one
#: that uses the database when the workspace has one (simulator.store.workspace_store), and
#: the widgets pass that one, since casework must not import the store.
WorkStores = Callable[[Path, str, CaseContext], tuple[DraftStore, SubmissionStore]]

_UNSAFE = re.compile(r"[^A-Za-z0-9_.@\-]")


def resolve_trainee(workspace: Path) -> str:
    """The trainee's id: the workspace user (or JupyterHub's), made safe for a folder name."""
    return trainee_id_for(load_settings(workspace).user or "trainee")


def trainee_id_for(user: str) -> str:
    """A user name made safe for a folder name (the trainee id drafts are filed under)."""
    safe = _UNSAFE.sub("_", user).lstrip("._-@")[:64]
    return safe or "trainee"


def file_stores(
    workspace: Path, trainee_id: str, context: CaseContext
) -> tuple[DraftStore, SubmissionStore]:
    """Drafts and submissions as files in the workspace (a :data:`WorkStores`)."""
    return FileDraftStore(workspace), FileSubmissionStore(workspace)


def default_attempt_id(context: CaseContext) -> str:
    """One attempt per case and seed: reopening the same interview finds the same draft."""
    return f"{context.scenario.id[:48]}-s{context.transcript.seed}"


def new_draft(context: CaseContext, trainee_id: str, attempt_id: str) -> Draft:
    """An empty draft dated on the case's 'today' (the scenario's reference date)."""
    now = utc_now()
    return Draft(
        scenario_id=context.scenario.id,
        scenario_version=context.scenario.version,
        region_id=context.region.id,
        seed=context.transcript.seed,
        trainee_id=trainee_id,
        attempt_id=attempt_id,
        transcript=context.transcript,
        assessment=Assessment.blank(context.scenario.reference_date),
        plan=Plan(),
        created_at=now,
        updated_at=now,
    )


#: What a new row of each list starts as.
_NEW_ROW: dict[str, Callable[[Draft], BaseModel]] = {
    "assessment.strengths": lambda d: StrengthNote(),
    "assessment.immediate_actions": lambda d: ImmediateAction(),
    "plan.client_actions": lambda d: ClientAction(),
    "plan.supports": lambda d: PlanSupport(),
    "assessment.sharing.supervision": lambda d: Supervision(held_on=d.assessment.assessed_on),
    "plan.team": lambda d: TeamMember(),
    "plan.informal_supports": lambda d: InformalSupport(),
    "plan.community_actions": lambda d: CommunityAction(),
}


@dataclass
class SubmitResult:
    """What a submit did: the frozen submission and its file, or the errors in the way."""

    submission: Submission | None
    path: Path | None
    errors: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when a version was frozen."""
        return self.submission is not None


class CaseworkSession:
    """One trainee's assessment and plan for one attempt, autosaved as a draft."""

    def __init__(
        self,
        context: CaseContext,
        draft: Draft,
        *,
        workspace: Path,
        drafts: DraftStore,
        submissions: SubmissionStore,
        locale: str | None = None,
        autosave_delay: float = AUTOSAVE_DELAY,
    ) -> None:
        self.context = context
        self.workspace = workspace
        self.drafts = drafts
        self.submissions = submissions
        self.locale = locale
        self.touched: set[str] = set()
        #: After a submit attempt every missing field is shown, not only the touched ones.
        self.show_all = False
        #: The trainee's name for the printed form, when whoever opened the session knows
        #: it (the nuiawase service does); else the page looks it up in the workspace.
        self.worker: str | None = None
        #: Called after every autosave, whether it worked or not (see ``save_error``).
        self.on_saved: Callable[[], None] | None = None
        self._save_error: Exception | None = None
        self._draft = draft
        self._listeners: list[Listener] = []
        self._rejected: dict[str, Message] = {}
        self._checks: list[Message] | None = None
        self._autosave: Debouncer[Draft] = Debouncer(self._save, autosave_delay)
        # A kernel that shuts down normally (restart, close) writes what is still pending;
        # a killed one loses at most the last ``autosave_delay`` seconds of typing.
        atexit.register(self._autosave.flush)

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls,
        context: CaseContext,
        *,
        trainee_id: str | None = None,
        attempt_id: str | None = None,
        workspace: str | Path | None = None,
        locale: str | None = None,
        autosave_delay: float = AUTOSAVE_DELAY,
        drafts: DraftStore | None = None,
        submissions: SubmissionStore | None = None,
        stores: WorkStores | None = None,
    ) -> CaseworkSession:
        """Open an attempt's draft, restoring what was saved before (even by a dead kernel).

        ``stores`` picks where drafts and submissions live (default: files); ``drafts`` and
        ``submissions`` given explicitly take precedence over it.
        """
        ws = resolve_workspace(workspace)
        trainee = trainee_id or resolve_trainee(ws)
        attempt = attempt_id or default_attempt_id(context)
        if drafts is None or submissions is None:
            picked_drafts, picked_submissions = (stores or file_stores)(ws, trainee, context)
            drafts = drafts or picked_drafts
            submissions = submissions or picked_submissions
        store = drafts
        draft = store.load(trainee, attempt)
        if draft is None:
            draft = new_draft(context, trainee, attempt)
        else:
            # The draft's own transcript is the attempt's record; the forms cite its turns.
            context = CaseContext(
                context.scenario, context.region, context.persona, draft.transcript
            )
            draft = draft.model_copy(update={"assessment": draft.assessment.with_all_domains()})
        return cls(
            context,
            draft,
            workspace=ws,
            drafts=store,
            submissions=submissions,
            locale=locale,
            autosave_delay=autosave_delay,
        )

    @classmethod
    def sample(cls, **options: Any) -> CaseworkSession:
        """A session on the scripted sample interview (see :mod:`simulator.casework.sample`)."""
        from .sample import sample_context

        return cls.open(sample_context(), **options)

    # ------------------------------------------------------------------ reading
    @property
    def draft(self) -> Draft:
        """The draft as it stands (a frozen value)."""
        return self._draft

    def get(self, path: str) -> Any:
        """The value at a field path such as ``plan.long_term_goal``."""
        return get_in(self._draft, parse_path(path))

    def messages(self) -> list[Message]:
        """Every check message plus input that was refused."""
        if self._checks is None:
            d = self._draft
            self._checks = check_casework(
                d.assessment, d.plan, self.context.turn_ids, self.context.region, self.locale
            )
            if d.assessment.screening.outcome in (None, ScreeningOutcome.ongoing_support):
                self._checks += eligibility_warnings(d.plan, self.context, self.locale)
        return [*self._rejected.values(), *self._checks]

    def visible_messages(self) -> list[Message]:
        """What the form shows: missing fields only once touched or after a submit attempt."""
        return [
            m
            for m in self.messages()
            if m.code != REQUIRED or self.show_all or m.path in self.touched
        ]

    def messages_for(self, path: str) -> list[Message]:
        """Visible messages about exactly this field."""
        return [m for m in self.visible_messages() if m.path == path]

    @property
    def blocking(self) -> list[Message]:
        """Errors that stop a submission."""
        return [m for m in self.messages() if m.blocking]

    # ------------------------------------------------------------------ changing
    def on_change(self, listener: Listener) -> None:
        """Call ``listener(path)`` after every change (path '' for a general refresh)."""
        self._listeners.append(listener)

    def set(self, path: str, value: Any) -> bool:
        """Put ``value`` at ``path``. False (and a message for that field) if refused."""
        self.touched.add(path)
        try:
            new = set_in(self._draft, parse_path(path), value)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            text = t("submission.rejected", self.locale, detail=pydantic_message(err, self.locale))
            self._rejected[path] = Message(path, text, "error", "rejected")
            self._notify(path)
            return False
        had_rejection = self._rejected.pop(path, None) is not None
        if new == self._draft:
            if had_rejection:
                self._notify(path)
            return True
        self._commit(new, path)
        return True

    def append(self, list_path: str) -> int:
        """Add an empty row to a list (issues get a fresh id); returns its index."""
        rows = list(self.get(list_path))
        if list_path == "plan.issues":
            row: BaseModel = PlanIssue(id=self._draft.plan.next_issue_id())
        else:
            row = _NEW_ROW[list_path](self._draft)
        rows.append(row)
        if not self.set(list_path, rows):
            raise ValueError(self._rejected[list_path].text)
        return len(rows) - 1

    def remove(self, list_path: str, index: int) -> None:
        """Remove one row of a list; messages about later rows move with them."""
        rows = list(self.get(list_path))
        removed = rows.pop(index)
        prefix = f"{list_path}["
        self._rejected = {p: m for p, m in self._rejected.items() if not p.startswith(prefix)}
        self.touched = {p for p in self.touched if not p.startswith(prefix)}
        if list_path != "plan.issues":
            self.set(list_path, rows)
            return
        # Actions and supports that worked on the removed issue must not keep its id: a
        # dangling link would fail the checks and leave the issue pickers unable to show it.
        plan = self._draft.plan
        gone = removed.id

        def unlinked(items: list[Any]) -> list[Any]:
            return [
                i.model_copy(update={"issues": [x for x in i.issues if x != gone]}) for i in items
            ]

        new_plan = plan.model_copy(
            update={
                "issues": rows,
                "client_actions": unlinked(plan.client_actions),
                "supports": unlinked(plan.supports),
                "team": unlinked(plan.team),
                "informal_supports": unlinked(plan.informal_supports),
            }
        )
        self._commit(set_in(self._draft, ("plan",), new_plan), list_path)

    def _commit(self, new: Draft, path: str) -> None:
        self._draft = new.model_copy(update={"revision": new.revision + 1, "updated_at": utc_now()})
        self._checks = None
        self._autosave.submit(self._draft)
        self._notify(path)

    def _notify(self, path: str) -> None:
        for listener in list(self._listeners):
            listener(path)

    # ------------------------------------------------------------------ saving
    def _save(self, draft: Draft) -> None:
        try:
            self.drafts.save(draft)
        except Exception as exc:
            # The form must hear of a failed save too (a full disk, another tab's newer
            # draft in the store); the draft stays in memory and the next change retries.
            self._save_error = exc
            self._saved()
            raise
        self._save_error = None
        self._saved()

    def _saved(self) -> None:
        if self.on_saved is not None:
            self.on_saved()

    @property
    def saved(self) -> bool:
        """True when no change is waiting for the autosave."""
        return not self._autosave.pending

    @property
    def save_error(self) -> Exception | None:
        """Why the last autosave failed, if it did (the next change retries)."""
        return self._save_error

    def save_now(self) -> None:
        """Write a pending change at once (before closing, after a submit)."""
        self._autosave.flush()

    # ------------------------------------------------------------------ submitting
    def submit(self) -> SubmitResult:
        """Freeze the draft as the next version, unless errors stand in the way."""
        self.show_all = True
        errors = self.blocking
        if errors:
            self._notify("")
            return SubmitResult(None, None, errors)
        d = self._draft
        done = self.submissions.versions(d.trainee_id, d.attempt_id)
        version = max(done, default=0) + 1
        submission = build_submission(d, version)
        path = self.submissions.freeze(submission)
        versions = sorted({*d.submitted_versions, version})
        self._commit(d.model_copy(update={"submitted_versions": versions}), "")
        self.save_now()
        return SubmitResult(submission, path)

    def latest_submission(self) -> Submission | None:
        """The last frozen version of this attempt, or None."""
        d = self._draft
        done = self.submissions.versions(d.trainee_id, d.attempt_id)
        return self.submissions.load(d.trainee_id, d.attempt_id, done[-1]) if done else None

    def print_latest(self, folder: Path | None = None, worker: str | None = None) -> Path | None:
        """Write the printable page of the last submitted version; None before any submit.
        ``worker`` is the trainee's name on the form (default: their id)."""
        from .printing import render_html

        submission = self.latest_submission()
        if submission is None:
            return None
        page = render_html(submission, self.context, self.locale, worker)
        out = (folder or self.workspace / "prints" / submission.trainee_id) / (
            f"{submission.attempt_id}-v{submission.version:03d}.html"
        )
        atomic_write(out, page.encode("utf-8"))
        return out


__all__ = [
    "CaseworkSession",
    "SubmitResult",
    "WorkStores",
    "default_attempt_id",
    "file_stores",
    "new_draft",
    "resolve_trainee",
    "resolve_workspace",
    "trainee_id_for",
]
