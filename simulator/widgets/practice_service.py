"""The practice page's backend over the nuiawase service (the demo, JupyterHub).

The kernel holds what the service returns: the case cards, the turns as said, the unsure
reading, the debrief sheet, and after the interview the outline of the facts told, the
region, the client and the turns the forms cite. It never loads a scenario, an answer key,
the library's files or the store: the service keeps the turns and the draft, builds the
submission from its own transcript and scores it.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter

from simulator.i18n import current_locale
from simulator.interview.debrief_sheet import DebriefSheet
from simulator.models.persona import PersonName
from simulator.models.transcript import Transcript, Turn
from simulator.models.vocab import ArrivalRoute
from simulator.scenario.cards import CaseCard
from simulator.service.client import ServiceClient

from .practice_backend import ClientHeader, PracticeInterview, Reopened

if TYPE_CHECKING:
    from simulator.casework.session import CaseworkSession
    from simulator.interview.classifier import Classification
    from simulator.interview.moves import Move
    from simulator.models.submission import Draft, Submission
    from simulator.rubric.scorecard import Scorecard
    from simulator.store.trainee_view import AbandonedRow, MyFeedback, MyRow


def _turn(doc: dict[str, Any]) -> Turn:
    """A public turn as the panel shows it (the facts it opened are not told)."""
    return Turn.model_validate({**doc, "disclosed": []})


class ServiceMood:
    """Trust and distress as the last public turn left them."""

    def __init__(self, rapport: int, distress: int) -> None:
        self.rapport, self.distress = rapport, distress


class ServiceInterview:
    """One attempt the service plays (a PracticeInterview)."""

    def __init__(self, client: ServiceClient, view: dict[str, Any]) -> None:
        self.client = client
        self.attempt_id = int(view["attempt"]["id"])
        self.case: dict[str, Any] = view["case"]
        self.turns: list[Turn] = [_turn(t) for t in view["turns"]]
        self._turns_left = int(view["turns_left"])
        self._finished = self._turns_left == 0
        self.ended = False
        last = self.turns[-1] if self.turns else None
        self.state = ServiceMood(
            last.rapport_after if last else int(self.case["initial_rapport"]),
            last.distress_after if last else int(self.case["initial_distress"]),
        )
        self._casework: dict[str, Any] | None = None

    @property
    def seed(self) -> int:
        return int(self.case["seed"])

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def turns_left(self) -> int:
        return self._turns_left

    def read(self, text: str) -> Classification:
        from simulator.interview.classifier import Classification

        return Classification.model_validate(self.client.reading(self.attempt_id, text))

    def step(self, move: Move) -> Turn:
        said = self.client.turn(self.attempt_id, move.model_dump(mode="json", exclude_none=True))
        turn = _turn(said["turn"])
        self.turns.append(turn)
        self._turns_left = int(said["turns_left"])
        self._finished = bool(said["finished"])
        self.state = ServiceMood(turn.rapport_after, turn.distress_after)
        return turn

    def header(self, locale: str | None) -> ClientHeader:
        client = self.case["client"]
        setting = [(str(label), str(value)) for label, value in self.case["setting"]]
        arrival = ArrivalRoute(self.case["arrival"])
        name = PersonName.model_validate(client["name"]).kanji
        return ClientHeader(name, int(client["age"]), arrival, setting)

    def close(self, locale: str | None) -> DebriefSheet:
        if not (self.ended or self._finished):
            self.client.end(self.attempt_id)
        self.ended = True
        return DebriefSheet.model_validate(self.client.debrief(self.attempt_id))

    def casework(self) -> dict[str, Any]:
        """What the forms cite (fetched once, after the interview)."""
        if self._casework is None:
            self._casework = self.client.casework(self.attempt_id)
        return self._casework

    def record(self) -> Transcript:
        return Transcript.model_validate(self.casework()["transcript"])


class ServiceMine:
    """私の提出 read through the service."""

    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    def rows(self) -> list[MyRow]:
        from simulator.store.trainee_view import MyRow

        return TypeAdapter(list[MyRow]).validate_python(self.client.mine()["rows"])

    def abandoned(self) -> list[AbandonedRow]:
        from simulator.store.trainee_view import AbandonedRow

        return TypeAdapter(list[AbandonedRow]).validate_python(self.client.mine()["abandoned"])

    def feedback(self, submission_id: int, locale: str | None) -> MyFeedback:
        from simulator.store.trainee_view import MyFeedback

        return TypeAdapter(MyFeedback).validate_python(self.client.my_feedback(submission_id))


class ServiceDrafts:
    """The forms' draft kept by the service (a casework DraftStore)."""

    def __init__(self, client: ServiceClient, attempt_id: int) -> None:
        self.client, self.attempt_id = client, attempt_id

    def load(self, trainee_id: str, attempt_id: str) -> Draft | None:
        from simulator.models.submission import Draft

        doc = self.client.draft(self.attempt_id)["draft"]
        return None if doc is None else Draft.model_validate(doc)

    def save(self, draft: Draft) -> None:
        self.client.save_draft(self.attempt_id, draft.model_dump(mode="json"))


class ServiceSubmissions:
    """Submissions handed to the service, which scores them (a casework SubmissionStore).
    Only the forms travel: the service adds its own transcript and ignores the rest."""

    def __init__(self, client: ServiceClient, attempt_id: int) -> None:
        self.client, self.attempt_id = client, attempt_id
        #: Versions handed in from this kernel, as its forms made them (for the print).
        self.frozen: dict[int, Submission] = {}

    def _ids(self) -> dict[int, int]:
        """Version -> the service's submission id, for this attempt."""
        return {
            int(s["number"]): int(s["id"])
            for s in self.client.my_submissions()
            if int(s["attempt_id"]) == self.attempt_id
        }

    def versions(self, trainee_id: str, attempt_id: str) -> list[int]:
        return sorted(self._ids())

    def freeze(self, submission: Submission) -> Path | None:
        forms = submission.model_dump(mode="json", include={"assessment", "plan"})
        key = f"practice/{self.attempt_id}/v{submission.version:03d}"
        self.client.submit(self.attempt_id, forms["assessment"], forms["plan"], key)
        self.frozen[submission.version] = submission
        return None

    def load(self, trainee_id: str, attempt_id: str, version: int) -> Submission:
        from simulator.store.errors import NotFound

        if version not in self.frozen:
            raise NotFound("store.notfound.submission", id=f"{attempt_id} v{version}")
        return self.frozen[version]

    def scorecard(self, version: int) -> Scorecard | None:
        """What the trainee may see of the service's scorecard of one version now."""
        from simulator.rubric.scorecard import Scorecard

        number = self._ids().get(version)
        if number is None:
            return None
        view = self.client.feedback(number)["scorecard"]
        return None if view is None else Scorecard.model_validate(view)


def _service(interview: PracticeInterview) -> ServiceInterview:
    if not isinstance(interview, ServiceInterview):
        raise TypeError("the service's backend plays only its own interviews")
    return interview


class ServicePractice:
    """The practice page's backend over one user's service client."""

    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    @classmethod
    def from_environment(cls, locale: str | None = None) -> ServicePractice:
        """The service the kernel was started with, answering in the page's language."""
        return cls(ServiceClient.from_environment(current_locale(locale)))

    @cached_property
    def me(self) -> dict[str, Any]:
        """Who the service takes this kernel for: ``{user, role, display_name}``."""
        return self.client.me()

    def cards(self, locale: str | None) -> list[CaseCard]:
        return [CaseCard.model_validate(c) for c in self.client.cases()]

    def begin(self, case: str, seed: int) -> ServiceInterview:
        return ServiceInterview(self.client, self.client.start(case, seed))

    def kept(self, interview: PracticeInterview, move: Move, turn: Turn) -> None:
        """Nothing to do: the service stored the turn as it played it."""

    def mine(self) -> ServiceMine:
        return ServiceMine(self.client)

    def reopen(self) -> Reopened | None:
        found = self.client.unfinished()
        if found is None:
            return None
        interview = ServiceInterview(self.client, found)
        return Reopened(interview, list(interview.turns), found["draft"], bool(found["over"]))

    def abandon(self, interview: PracticeInterview) -> None:
        self.client.abandon(_service(interview).attempt_id)

    def _session(
        self, attempt_id: int, work: dict[str, Any], locale: str | None
    ) -> CaseworkSession:
        """The forms over what the service says they cite, the draft kept by the service."""
        from simulator.casework.context import CaseContext
        from simulator.casework.outline import PublicOutline
        from simulator.casework.session import CaseworkSession, trainee_id_for
        from simulator.models.persona import Persona
        from simulator.models.region import Region

        context = CaseContext(
            PublicOutline.model_validate(work["outline"]),
            Region.model_validate(work["region"]),
            Persona.model_validate(work["persona"]),
            Transcript.model_validate(work["transcript"]),
        )
        session = CaseworkSession.open(
            context,
            trainee_id=trainee_id_for(str(self.me["user"])),
            locale=locale,
            drafts=ServiceDrafts(self.client, attempt_id),
            submissions=ServiceSubmissions(self.client, attempt_id),
        )
        session.worker = self.me.get("display_name") or str(self.me["user"])
        return session

    def casework(
        self, interview: PracticeInterview, locale: str | None, draft: dict[str, Any] | None
    ) -> CaseworkSession:
        played = _service(interview)
        return self._session(played.attempt_id, played.casework(), locale)

    def revise(self, row: MyRow, locale: str | None) -> CaseworkSession:
        # Only its record: an attempt handed in before the service cannot be replayed.
        return self._session(row.attempt_id, self.client.casework(row.attempt_id), locale)

    def scorecard(self, session: CaseworkSession, submission: Submission) -> Scorecard:
        kept = session.submissions
        assert isinstance(kept, ServiceSubmissions)
        card = kept.scorecard(submission.version)
        if card is None:
            raise RuntimeError(f"submission {submission.attempt_id} is not in the store")
        return card


__all__ = ["ServiceInterview", "ServicePractice"]
