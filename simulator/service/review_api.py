"""The supervisors' review over HTTP: the queue, one submission's review sheet, the
decisions on it and the supervision record. Each request acts as the token's user through
a store Repository, so the store's role checks decide (a trainee gets 403, a supervisor of
another cohort 403, an override without a reason 400).

| method | path | does |
|---|---|---|
| GET | /api/review/queue?cursor=&limit=&cohort=&scenario=&trainee=&status=&lowest= | a page |
| GET | /api/review/N | the review sheet (transcript, forms, scorecard with evidence, events) |
| POST | /api/review/N/decisions | {action, criterion?, level?, reason?, text?, target?, note?} |
| GET | /api/supervision?trainee= | a trainee's supervision sessions |
| POST | /api/supervision | {trainee, held_on, kind, focus, actions, next_session?} |
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tornado.web import RequestHandler

from simulator.store import Repository, Status
from simulator.store.decisions import Decision, record_decision
from simulator.store.queue import QueueFilter
from simulator.store.review_sheet import build_sheet

from .errors import BadRequest
from .handlers import ApiHandler, Context


class QueuePageHandler(ApiHandler):
    async def get(self) -> None:
        def arg(name: str) -> str | None:
            value = self.get_query_argument(name, None)
            return value.strip() or None if value is not None else None

        def work(repo: Repository) -> dict[str, Any]:
            limit = arg("limit")
            status = arg("status")
            try:
                count = int(limit) if limit else 50
                wanted = Status(status) if status else None
            except ValueError:
                wrong = "limit" if limit and not limit.isdigit() else "status"
                raise BadRequest(wrong, "service.error.bad_query") from None
            where = QueueFilter(
                scenario=arg("scenario"),
                trainee=arg("trainee"),
                status=wanted,
                lowest=arg("lowest"),
            )
            page = repo.review_queue(arg("cursor"), count, arg("cohort"), where)
            return {"queue": page}

        await self.answer(work)


class SheetHandler(ApiHandler):
    async def get(self, submission_id: str) -> None:
        number = int(submission_id)
        await self.answer(lambda repo: {"sheet": build_sheet(repo, number, self.locale_name)})


class DecisionHandler(ApiHandler):
    async def post(self, submission_id: str) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            data = self.body()
            level = data.get("level")
            if level is not None and (not isinstance(level, int) or isinstance(level, bool)):
                raise BadRequest("level", "service.error.need_int")
            texts = {k: _text(data, k) for k in ("action", "criterion", "reason", "text", "target")}
            decision = Decision(
                action=texts["action"] or "",
                criterion=texts["criterion"],
                level=level,
                reason=texts["reason"] or "",
                text=texts["text"] or "",
                target=texts["target"] or None,
                note=_text(data, "note"),
            )
            return {"event": record_decision(repo, int(submission_id), decision)}

        await self.answer(work, 201)


class SupervisionHandler(ApiHandler):
    async def get(self) -> None:
        trainee = self.get_query_argument("trainee", None)
        await self.answer(lambda repo: {"records": repo.supervision_records(trainee)})

    async def post(self) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            data = self.body()
            trainee = _text(data, "trainee")
            if not trainee:
                raise BadRequest("trainee", "service.error.need_text")
            entry = repo.record_supervision(
                trainee,
                _day(data, "held_on") or dt.date.today(),
                _text(data, "kind") or "",
                _text(data, "focus") or "",
                _text(data, "actions") or "",
                _day(data, "next_session"),
            )
            return {"record": entry}

        await self.answer(work, 201)


def _text(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise BadRequest(name, "service.error.need_text")
    return value


def _day(data: dict[str, Any], name: str) -> dt.date | None:
    value = _text(data, name)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadRequest(name, "service.error.need_date") from None


def review_routes(ctx: Context) -> list[tuple[str, type[RequestHandler], dict[str, Any]]]:
    """The review's part of the URL table."""
    args = {"ctx": ctx}
    return [
        (r"/api/review/queue", QueuePageHandler, args),
        (r"/api/review/(\d+)", SheetHandler, args),
        (r"/api/review/(\d+)/decisions", DecisionHandler, args),
        (r"/api/supervision", SupervisionHandler, args),
    ]


__all__ = ["review_routes"]
