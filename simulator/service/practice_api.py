"""The practice page's endpoints: the case library, the end of an interview, its debrief,
the forms' context and draft, and the attempt to reopen after a restart.

| method | path | who | does |
|---|---|---|---|
| GET | /api/cases | user | the library's case cards (no answer key) |
| GET | /api/cases/ID | user | one case card |
| GET | /api/cases/ID/sheet | user | {html}: the printable case sheet (no answer key) |
| POST | /api/attempts/N/end | its trainee | the trainee ends the interview |
| GET | /api/attempts/N/debrief | its trainee | the debrief, once the interview is over |
| GET | /api/attempts/N/casework | its trainee | what the forms cite, once it is over |
| GET, PUT | /api/attempts/N/draft | its trainee | the forms' draft: {draft, revision} |
| POST | /api/attempts/N/abandon | its trainee | back to the library: not reopened |
| GET | /api/practice/unfinished | trainee | the attempt to reopen, with turns and draft |
| GET | /api/practice/mine | trainee | 私の提出: {rows, abandoned} |
| GET | /api/practice/mine/N | trainee | what is released of submission N's review |

What a trainee may see is decided in public.py; the debrief and the forms' context are
served only once the interview is over (its turns used up, ended by the trainee, a draft
saved or a version submitted), so they cannot be read while it can still be played.
"""

from __future__ import annotations

import threading
from typing import Any

from pydantic import ValidationError
from tornado.web import RequestHandler

from simulator.i18n import current_locale
from simulator.interview.debrief import debrief
from simulator.interview.debrief_sheet import debrief_sheet
from simulator.models import Persona, Scenario
from simulator.models.submission import Draft
from simulator.models.transcript import Transcript
from simulator.scenario.cards import CaseCard, card_order, case_card
from simulator.store import Conflict, NotFound, Repository
from simulator.store.errors import term
from simulator.store.resume import LiveAttempts
from simulator.store.roles import deny
from simulator.store.scoring import region_of
from simulator.store.trainee_view import my_abandoned, my_feedback, my_rows

from .errors import invalid
from .handlers import ApiHandler, _attempt_view, _field
from .live import Live, LiveInterviews
from .public import forms_outline, forms_transcript

_cards: dict[tuple[str, str], CaseCard] = {}
_cards_lock = threading.Lock()


def case_cards(live: LiveInterviews, locale: str | None) -> list[CaseCard]:
    """The newest version of every registered case, as cards, in the library's order."""
    lang = current_locale(locale)
    cards = []
    for version in live.newest_versions():
        key = (version.content_hash, lang)
        with _cards_lock:
            card = _cards.get(key)
        if card is None:
            scenario = live.scenario(version.content_hash)
            card = case_card(scenario, region_of(scenario.region), lang)
            with _cards_lock:
                _cards[key] = card
        cards.append(card)
    return sorted(cards, key=card_order)


def _over(repo: Repository, live: Live) -> bool:
    """True once the interview can no longer be played on."""
    if live.ended or live.interview.finished:
        return True
    number = live.attempt.id
    return repo.draft(number) is not None or any(s.attempt_id == number for s in repo.submissions())


class PracticeHandler(ApiHandler):
    """An endpoint about one of the user's own attempts."""

    def mine(self, repo: Repository, attempt_id: str) -> int:
        """The user's own attempt's number (no interview needed: drafts, abandoning)."""
        attempt = repo.attempt(int(attempt_id))
        if attempt.trainee != repo.actor.name:
            raise deny(repo.actor, term("attempt", id=attempt.id))
        return attempt.id

    def own(self, repo: Repository, attempt_id: str, *, over: bool = False) -> Live:
        live = self.ctx.live.owned(repo, int(attempt_id))
        if over and not _over(repo, live):
            raise Conflict("service.error.still_interviewing", attempt=live.attempt.id)
        return live


class CaseList(ApiHandler):
    async def get(self) -> None:
        await self.answer(
            lambda repo: {
                "cases": [
                    c.model_dump(mode="json") for c in case_cards(self.ctx.live, self.locale_name)
                ]
            }
        )


class CaseOne(ApiHandler):
    async def get(self, case_id: str) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            for card in case_cards(self.ctx.live, self.locale_name):
                if card.id == case_id:
                    return {"case": card.model_dump(mode="json")}
            raise NotFound("service.error.unknown_case", scenario=case_id)

        await self.answer(work)


class CaseSheetOne(ApiHandler):
    """The group-work sheet of a case, rendered here (a kernel holds no case file); it
    carries no answer key by design (simulator.casework.case_sheet)."""

    async def get(self, case_id: str) -> None:
        from simulator.casework.case_sheet import case_sheet, render_case_sheet

        live, loc = self.ctx.live, self.locale_name

        def work(repo: Repository) -> dict[str, Any]:
            scenario = live.scenario(live.latest_hash(case_id))
            sheet = case_sheet(scenario, region_of(scenario.region), 1, loc)
            return {"html": render_case_sheet(sheet, loc)}

        await self.answer(work)


class End(PracticeHandler):
    async def post(self, attempt_id: str) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            live = self.own(repo, attempt_id)
            live.ended = True
            return {"ended": True}

        await self.answer(work)


class DebriefOne(PracticeHandler):
    async def get(self, attempt_id: str) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            live = self.own(repo, attempt_id, over=True)
            scenario = live.interview.scenario
            with live.lock:
                transcript = live.interview.transcript(final=True)
            sheet = debrief_sheet(
                scenario, debrief(scenario, transcript), current_locale(self.locale_name)
            )
            return {"debrief": sheet.model_dump(mode="json")}

        await self.answer(work)


class Casework(PracticeHandler):
    async def get(self, attempt_id: str) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            try:
                live = self.own(repo, attempt_id, over=True)
            except Conflict as exc:
                recorded = (
                    self.ctx.live.recorded(repo, int(attempt_id))
                    if exc.key == "service.error.not_replayable"
                    else None
                )
                if recorded is None:
                    raise
                return _casework(recorded.scenario, recorded.persona, recorded.record)
            with live.lock:
                transcript = live.interview.transcript(final=True)
            return _casework(live.interview.scenario, live.interview.persona, transcript)

        await self.answer(work)


def _casework(scenario: Scenario, persona: Persona, transcript: Transcript) -> dict[str, Any]:
    """What the forms cite, as the trainee may see it (public.py decides)."""
    return {
        "outline": forms_outline(scenario, transcript).model_dump(mode="json"),
        "region": region_of(scenario.region).model_dump(mode="json"),
        "persona": persona.model_dump(mode="json"),
        "transcript": forms_transcript(transcript).model_dump(mode="json"),
    }


class DraftOne(PracticeHandler):
    async def get(self, attempt_id: str) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            record = repo.draft(self.mine(repo, attempt_id))
            if record is None:
                return {"draft": None, "revision": 0}
            return {"draft": record.payload, "revision": record.revision}

        await self.answer(work)

    async def put(self, attempt_id: str) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            data = self.body()
            number = self.mine(repo, attempt_id)
            try:
                draft = Draft.model_validate(data.get("draft"))
            except ValidationError as exc:
                raise invalid(exc, "draft") from None
            expected = data.get("expected_revision")
            expected = _field(data, "expected_revision", int) if expected is not None else None
            record = repo.save_draft(number, draft.model_dump(mode="json"), expected)
            # The forms are open: the interview is over (a saved draft says so from now on).
            return {"revision": record.revision}

        await self.answer(work)


class Abandon(PracticeHandler):
    async def post(self, attempt_id: str) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            return {"abandoned": repo.abandon_attempt(self.mine(repo, attempt_id))}

        await self.answer(work)


class Unfinished(ApiHandler):
    async def get(self) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            found = LiveAttempts(repo).unfinished()
            if found is None:
                return {"unfinished": None}
            live = self.ctx.live.get(repo, found.attempt_id)
            turns = [t.payload for t in repo.turns(found.attempt_id)]
            return {
                "unfinished": {
                    **_attempt_view(live, turns, self.locale_name),
                    "draft": found.draft,
                    "over": _over(repo, live),
                }
            }

        await self.answer(work)


class Mine(ApiHandler):
    async def get(self) -> None:
        await self.answer(lambda repo: {"rows": my_rows(repo), "abandoned": my_abandoned(repo)})


class MineOne(ApiHandler):
    async def get(self, submission_id: str) -> None:
        await self.answer(
            lambda repo: {"feedback": my_feedback(repo, int(submission_id), self.locale_name)}
        )


ROUTES: list[tuple[str, type[RequestHandler]]] = [
    (r"/api/cases", CaseList),
    (r"/api/cases/([A-Za-z0-9_.\-]+)", CaseOne),
    (r"/api/cases/([A-Za-z0-9_.\-]+)/sheet", CaseSheetOne),
    (r"/api/attempts/(\d+)/end", End),
    (r"/api/attempts/(\d+)/debrief", DebriefOne),
    (r"/api/attempts/(\d+)/casework", Casework),
    (r"/api/attempts/(\d+)/draft", DraftOne),
    (r"/api/attempts/(\d+)/abandon", Abandon),
    (r"/api/practice/unfinished", Unfinished),
    (r"/api/practice/mine", Mine),
    (r"/api/practice/mine/(\d+)", MineOne),
]

__all__ = ["ROUTES", "case_cards"]
