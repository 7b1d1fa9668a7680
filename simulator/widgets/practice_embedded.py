"""The practice page's backend in the kernel itself: a plain Jupyter or nbval, where no
nuiawase service runs. The engine, the library's files and the workspace's store (or files)
are all in this process, as before the service existed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.models import Scenario
from simulator.store.location import has_store
from simulator.workspace import resolve_workspace

from .practice_backend import MySource, PracticeInterview, Reopened
from .stores import work_stores

# The engine loads when the first attempt begins, not with the page (embedded_interview).
if TYPE_CHECKING:
    from simulator.casework.session import CaseworkSession, WorkStores
    from simulator.interview.moves import Move
    from simulator.models.submission import Submission
    from simulator.models.transcript import Turn
    from simulator.rubric.scorecard import Scorecard
    from simulator.store import Repository
    from simulator.store.resume import LiveAttempts
    from simulator.store.trainee_view import MyRow

    from .embedded_interview import EmbeddedInterview


def _embedded(interview: PracticeInterview) -> EmbeddedInterview:
    from .embedded_interview import EmbeddedInterview

    if not isinstance(interview, EmbeddedInterview):
        raise TypeError("the kernel's backend plays only its own interviews")
    return interview


class EmbeddedPractice:
    """Cases from the library's files, the engine here, work in the workspace."""

    def __init__(
        self, workspace: str | Path | None = None, stores: WorkStores | None = None
    ) -> None:
        self.workspace = workspace
        self.stores = stores or work_stores
        #: Keeps each turn in the store as it is played (when the workspace has a store).
        self.live: LiveAttempts | None = None
        self.repo: Repository | None = None

    def cards(self, locale: str | None) -> None:
        """None: the case library reads the library's files (and names broken ones)."""
        return None

    def begin(self, case: str, seed: int) -> EmbeddedInterview:
        from simulator.persona import generate_persona
        from simulator.scenario import load_case

        from .embedded_interview import EmbeddedInterview

        scenario, region = load_case(case)
        return EmbeddedInterview(scenario, generate_persona(scenario, region, seed), region)

    def mine(self) -> MySource | None:
        """The store as the trainee (StoreError when it cannot be used); None without one."""
        folder = resolve_workspace(self.workspace)
        if not has_store(folder):
            return None
        from simulator.store.resume import LiveAttempts
        from simulator.store.workspace_store import workspace_store

        from .my_submissions import RepoMine

        self.repo = workspace_store(folder).as_current_user(folder)
        self.live = LiveAttempts(self.repo)
        return RepoMine(self.repo)

    def kept(self, interview: PracticeInterview, move: Move, turn: Turn) -> None:
        live = self.live
        if live is None:
            return
        engine = _embedded(interview)
        live.record(
            engine.scenario,
            engine.seed,
            turn.model_dump(mode="json"),
            move.model_dump(mode="json", exclude_none=True),
        )

    def abandon(self, interview: PracticeInterview) -> None:
        if self.live is not None:
            engine = _embedded(interview)
            self.live.abandon(engine.scenario, engine.seed)

    def reopen(self) -> Reopened | None:
        if self.live is None:
            return None
        found = self.live.unfinished()
        if found is None:
            return None
        from simulator.interview.moves import Move
        from simulator.models.submission import Draft
        from simulator.scenario.library import version_file

        # The version the attempt started on, even when a newer one has been published.
        archived = version_file(found.scenario_id, found.scenario_hash)
        case = str(archived) if archived is not None else found.scenario_id
        interview = self.begin(case, found.seed)
        if found.moves is not None:
            played = []
            for move in found.moves:
                if interview.finished:
                    break
                played.append(interview.step(Move.model_validate(move)))
            return Reopened(interview, played, found.draft, found.draft is not None)
        if found.draft is None:
            return None
        # Turns stored without their moves (before they were kept live): the forms reopen
        # from the draft's transcript.
        turns = Draft.model_validate(found.draft).transcript.turns
        return Reopened(interview, list(turns), found.draft, True)

    def casework(
        self, interview: PracticeInterview, locale: str | None, draft: dict[str, Any] | None
    ) -> CaseworkSession:
        from simulator.casework.context import CaseContext
        from simulator.casework.session import CaseworkSession
        from simulator.models.submission import Draft

        engine = _embedded(interview)
        assert engine.region is not None
        # A draft reopened without its moves carries the interview's record.
        if draft is not None and not engine.turns:
            record = Draft.model_validate(draft).transcript
        else:
            record = engine.record()
        context = CaseContext.of(engine.scenario, engine.region, record)
        return CaseworkSession.open(
            context, workspace=self.workspace, locale=locale, stores=self.stores
        )

    def revise(self, row: MyRow, locale: str | None) -> CaseworkSession:
        from simulator.casework.context import CaseContext
        from simulator.casework.session import CaseworkSession
        from simulator.models.submission import Submission
        from simulator.scenario.library import load_case
        from simulator.store.workspace_store import workspace_store

        folder = resolve_workspace(self.workspace)
        repo = workspace_store(folder).as_current_user(folder)
        work = Submission.model_validate(repo.submission(row.submission_id).payload)
        scenario, region = load_case(work.scenario_id)
        context = CaseContext.of(scenario, region, work.transcript)
        return CaseworkSession.open(
            context, workspace=self.workspace, locale=locale, stores=self.stores
        )

    def scorecard(self, session: CaseworkSession, submission: Submission) -> Scorecard:
        """The store's scorecard, made when it received the work; only without a store
        (files in a personal workspace) is the work scored here."""
        from simulator.rubric.files import default_rubric
        from simulator.rubric.scorecard import score_submission
        from simulator.store.casework_bridge import StoreSubmissionStore

        kept = session.submissions
        if isinstance(kept, StoreSubmissionStore):
            card = kept.scorecard(submission.trainee_id, submission.attempt_id, submission.version)
            if card is None:  # it was stored a moment ago; gone only if erased meanwhile
                raise RuntimeError(f"submission {submission.attempt_id} is not in the store")
            return card
        ctx = session.context
        assert isinstance(ctx.scenario, Scenario)
        return score_submission(submission, ctx.scenario, ctx.region, default_rubric())


__all__ = ["EmbeddedPractice"]
