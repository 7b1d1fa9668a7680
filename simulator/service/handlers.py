"""The service's HTTP JSON API. Every handler acts as the token's user through a store
Repository, so the store's role checks decide what is read or written; the handlers only
translate. Blocking work (the store, the engine, the rubric) runs on a thread pool so one
slow request does not hold the others.

| method | path | who | does |
|---|---|---|---|
| GET | /api/health | anyone | readiness |
| GET | /api/me | user | name, role and display name |
| POST | /api/attempts | trainee | start: {case, seed, cohort?} -> public case |
| GET | /api/attempts[?trainee=] | by role | attempts (own, or a supervised trainee's) |
| GET | /api/attempts/N | by role | attempt, public case and public turns |
| POST | /api/attempts/N/turns | its trainee | {text, correction?} or {topic?, technique} |
| POST | /api/attempts/N/reading | its trainee | {text}: how it would be read; plays nothing |
| POST | /api/attempts/N/submissions | its trainee | {assessment, plan}: scored by the store |
| GET | /api/submissions[?trainee=] | by role | submissions with the visible total |
| GET | /api/submissions/N/feedback | by role | what the user may see of the review |
| GET | /api/submissions/N/review | supervisor... | whole scorecard and review events |
| GET | /api/queue[?cohort=] | supervisor... | the review queue, as the store scopes it |

Curriculum progress: simulator.service.progress_api.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from enum import Enum
from typing import Any, TypeVar

from pydantic import ValidationError
from tornado.ioloop import IOLoop
from tornado.web import RequestHandler

from simulator.interview.moves import Move
from simulator.store import Repository, Store, StoreError, SubmissionRecord

from .auth import TokenResolver, bearer
from .errors import BadRequest, Unauthenticated, error_body, invalid, status_of
from .live import Live, LiveInterviews
from .public import public_case, public_reading, public_turn

T = TypeVar("T")

#: Seeds a trainee may pick (the persona generator takes any non-negative int).
MAX_SEED = 2**31 - 1


@dataclasses.dataclass
class Context:
    """What every handler shares: the store, the live interviews, the token resolver."""

    store: Store
    live: LiveInterviews
    tokens: TokenResolver
    pool: ThreadPoolExecutor


def to_json(value: Any) -> Any:
    """Records (dataclasses), enums and datetimes as plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(to_json(v) for v in value)  # sorted: the same reply every time
    return value


def submission_summary(record: SubmissionRecord) -> dict[str, Any]:
    """A submission without its payload (the stored transcript names facts by id)."""
    fields = ("id", "attempt_id", "number", "trainee", "cohort", "scenario_id", "status")
    out = {name: to_json(getattr(record, name)) for name in fields}
    out["submitted_at"] = record.submitted_at.isoformat()
    out["total_score"] = record.total_score
    out["urgent"] = list(record.urgent)
    return out


class ApiHandler(RequestHandler):
    """JSON in, JSON out, as the token's user."""

    ctx: Context
    user: str

    def initialize(self, ctx: Context) -> None:
        self.ctx = ctx

    @property
    def locale_name(self) -> str | None:
        accept = self.request.headers.get("Accept-Language", "")
        return "en" if accept.lower().startswith("en") else None

    def set_default_headers(self) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")

    async def prepare(self) -> None:
        token = bearer(self.request.headers.get("Authorization"))
        try:
            user = None if token is None else await self.ctx.tokens.user_for(token)
        except StoreError as exc:  # a hub user the store cannot admit (hubgroups)
            self.fail(exc)
            return
        if user is None:
            self.fail(Unauthenticated("service.error.no_token"))
            return
        self.user = user

    def fail(self, error: StoreError) -> None:
        self.set_status(status_of(error))
        self.finish(json.dumps(error_body(error, self.locale_name), ensure_ascii=False))

    def reply(self, body: Any, status: int = 200) -> None:
        self.set_status(status)
        self.finish(json.dumps(to_json(body), ensure_ascii=False))

    async def run(self, work: Callable[[Repository], T]) -> T:
        """``work`` as the token's user, on the pool."""

        def acting() -> T:
            return work(self.ctx.store.as_user(self.user))

        return await IOLoop.current().run_in_executor(self.ctx.pool, acting)

    async def answer(self, work: Callable[[Repository], Any], status: int = 200) -> None:
        """Run ``work`` and reply with its result, or with the error it raised (reading
        the body is part of the work: a bad one is a BadRequest like any other)."""
        try:
            body = await self.run(work)
        except StoreError as exc:
            self.fail(exc)
            return
        self.reply(body, status)

    def body(self) -> dict[str, Any]:
        """The request's JSON object; BadRequest when it is not one."""
        try:
            data = json.loads(self.request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise BadRequest("body", "service.error.not_json") from None
        if not isinstance(data, dict):
            raise BadRequest("body", "service.error.need_object")
        return data

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.finish(json.dumps({"error": {"key": "service.error.http", "status": status_code}}))


class Health(RequestHandler):
    """Readiness, without a token."""

    def get(self) -> None:
        self.set_header("Content-Type", "application/json")
        self.finish('{"ok": true}')


class Me(ApiHandler):
    async def get(self) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            shown = repo.user(repo.actor.name).display_name  # the printed form's worker
            return {"user": repo.actor.name, "role": repo.actor.role, "display_name": shown}

        await self.answer(work)


def _attempt_view(
    live: Live, turns: list[dict[str, Any]], locale: str | None = None
) -> dict[str, Any]:
    scenario = live.interview.scenario
    return {
        "attempt": live.attempt,
        "case": public_case(live.interview, locale),
        "turns": [public_turn(t, scenario) for t in turns],
        "turns_left": max(0, scenario.turn_budget - len(turns)),
    }


class Attempts(ApiHandler):
    async def post(self) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            data = self.body()
            case = _field(data, "case", str)
            seed = _field(data, "seed", int)
            if seed < 0 or seed > MAX_SEED:
                raise BadRequest("seed", "service.error.bad_seed", max=MAX_SEED)
            cohort = _optional_text(data, "cohort")
            live = self.ctx.live.start(repo, case, seed, cohort)
            return _attempt_view(live, [], self.locale_name)

        await self.answer(work, 201)

    async def get(self) -> None:
        trainee = self.get_query_argument("trainee", None)
        await self.answer(lambda repo: {"attempts": repo.attempts(trainee)})


class AttemptOne(ApiHandler):
    async def get(self, attempt_id: str) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            live = self.ctx.live.get(repo, int(attempt_id))
            turns = [t.payload for t in repo.turns(int(attempt_id))]
            return _attempt_view(live, turns, self.locale_name)

        await self.answer(work)


class Turns(ApiHandler):
    async def post(self, attempt_id: str) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            move = _move(self.body())
            live, turn = self.ctx.live.turn(repo, int(attempt_id), move)
            return {
                "turn": public_turn(turn, live.interview.scenario),
                "turns_left": live.interview.turns_left,
                "finished": live.interview.finished,
            }

        await self.answer(work, 201)


class Reading(ApiHandler):
    async def post(self, attempt_id: str) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            text = _field(self.body(), "text", str)
            _move({"text": text})  # the same limits as a remark that is said
            live, reading = self.ctx.live.read(repo, int(attempt_id), text)
            return {"reading": public_reading(reading, live.interview.scenario)}

        await self.answer(work)


class Submissions(ApiHandler):
    async def post(self, attempt_id: str) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            data = self.body()
            key = _optional_text(data, "idempotency_key")
            number = int(attempt_id)
            mine = [s for s in repo.submissions() if s.attempt_id == number]
            version = 1 + max((s.number for s in mine), default=0)
            # Only the forms are read from the request: a scorecard, a total or a
            # transcript sent along is ignored; the store scores what it receives.
            submission = self.ctx.live.submission(repo, number, data, version)
            record = repo.submit(number, submission, idempotency_key=key)
            return {"submission": submission_summary(record)}

        await self.answer(work, 201)


class SubmissionList(ApiHandler):
    async def get(self) -> None:
        trainee = self.get_query_argument("trainee", None)
        await self.answer(
            lambda repo: {"submissions": [submission_summary(s) for s in repo.submissions(trainee)]}
        )


class FeedbackOne(ApiHandler):
    async def get(self, submission_id: str) -> None:
        await self.answer(lambda repo: {"feedback": repo.feedback(int(submission_id))})


class Review(ApiHandler):
    """A submission as its reviewer sees it: the whole scorecard and the review events."""

    async def get(self, submission_id: str) -> None:
        number = int(submission_id)
        await self.answer(
            lambda repo: {
                "submission": submission_summary(repo.submission(number)),
                "scorecard": repo.scorecard(number),
                "events": repo.review_events(number),
            }
        )


class Queue(ApiHandler):
    async def get(self) -> None:
        cohort = self.get_query_argument("cohort", None)
        cursor = self.get_query_argument("cursor", None)
        await self.answer(lambda repo: {"queue": repo.review_queue(cursor, cohort=cohort)})


def _field(data: dict[str, Any], name: str, kind: type[T]) -> T:
    value = data.get(name)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise BadRequest(name, f"service.error.need_{kind.__name__}")
    return value


def _optional_text(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise BadRequest(name, "service.error.need_text")
    return value


def _move(data: dict[str, Any]) -> Move:
    fields = ("text", "topic", "technique", "correction")
    try:
        return Move.model_validate({k: data[k] for k in fields if k in data})
    except ValidationError as exc:
        raise invalid(exc) from None


def practice_routes(args: dict[str, Any]) -> list[tuple[str, type[RequestHandler], dict[str, Any]]]:
    """The practice page's own endpoints (simulator.service.practice_api)."""
    from .practice_api import ROUTES

    return [(path, handler, args) for path, handler in ROUTES]


def routes(ctx: Context) -> list[tuple[str, type[RequestHandler], dict[str, Any]]]:
    """The URL table."""
    args = {"ctx": ctx}
    return [
        (r"/api/health", Health, {}),
        (r"/api/me", Me, args),
        (r"/api/attempts", Attempts, args),
        (r"/api/attempts/(\d+)", AttemptOne, args),
        (r"/api/attempts/(\d+)/turns", Turns, args),
        (r"/api/attempts/(\d+)/reading", Reading, args),
        (r"/api/attempts/(\d+)/submissions", Submissions, args),
        (r"/api/submissions", SubmissionList, args),
        (r"/api/submissions/(\d+)/feedback", FeedbackOne, args),
        (r"/api/submissions/(\d+)/review", Review, args),
        (r"/api/queue", Queue, args),
        *_progress_routes(ctx),
        *practice_routes(args),
    ]


def _progress_routes(ctx: Context) -> list[tuple[str, type[RequestHandler], dict[str, Any]]]:
    from .progress_api import progress_routes  # it builds on this module's handlers

    return progress_routes(ctx)
