"""Curriculum progress over the service: under JupyterHub a kernel holds no database
credential, so the module page records its steps here (simulator.curriculum.progress_service)
and the store's role checks decide, as everywhere else in the service.

| method | path | who | does |
|---|---|---|---|
| POST | /api/progress/events | trainee | {module, kind, text?, detail?}: one own step |
| POST | /api/progress/checks/M | trainee | {answers}: the service marks module M's check |
| GET | /api/progress[?trainee=] | by role | progress per module (own, or a supervised trainee's) |
| GET | /api/progress/drafts/M | trainee | {text}: the own reflection draft of module M (or null) |
| PUT | /api/progress/drafts/M | trainee | {text}: keep the reflection being typed |
| GET | /api/progress/figures/M[?cohort=] | supervisor... | the facilitator's figures of M |

The check of understanding is marked here, against the module file the service reads, and
recorded as the token's user: an event saying "check passed" sent from a kernel is refused,
as a scorecard sent with a submission is ignored (the kernel's marking is the trainee's word).
"""

from __future__ import annotations

from typing import Any

from tornado.web import RequestHandler

from simulator.store import NotFound, Repository
from simulator.store.progress import ModuleEventKind

from .errors import BadRequest
from .handlers import ApiHandler, Context, _field, _optional_text

#: A module id in a path (the store checks the id itself; this only keeps the URL tidy).
MODULE = r"([a-z0-9][a-z0-9_-]{0,63})"


#: Event kinds only the service records (POST /api/progress/checks/M marks the answers).
MARKED_HERE = frozenset({ModuleEventKind.check_passed.value, ModuleEventKind.check_failed.value})


def _score(data: dict[str, Any]) -> float | None:
    value = data.get("score")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadRequest("score", "service.error.need_number")
    return float(value)


def _detail(data: dict[str, Any]) -> dict[str, Any] | None:
    value = data.get("detail")
    if value is not None and not isinstance(value, dict):
        raise BadRequest("detail", "service.error.need_object")
    return value


class ProgressEvents(ApiHandler):
    async def post(self) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            data = self.body()
            module, kind = _field(data, "module", str), _field(data, "kind", str)
            text, score, detail = _optional_text(data, "text"), _score(data), _detail(data)
            if kind in MARKED_HERE:
                raise BadRequest("kind", "service.error.check_marked_here", module=module)
            event = repo.record_module_event(module, kind, text=text, score=score, detail=detail)
            return {"event": event.model_dump(mode="json")}

        await self.answer(work, 201)


def _answers(data: dict[str, Any], count: int) -> list[int | None]:
    """One chosen index (or null) per question of the check."""
    value = data.get("answers")
    if not isinstance(value, list) or not all(
        a is None or (isinstance(a, int) and not isinstance(a, bool)) for a in value
    ):
        raise BadRequest("answers", "service.error.need_answers")
    if len(value) != count:
        raise BadRequest("answers", "service.error.answer_count", count=count)
    return value


class Check(ApiHandler):
    async def post(self, module_id: str) -> None:
        from simulator.curriculum.catalog import module
        from simulator.curriculum.session import ModuleSession

        def work(repo: Repository) -> dict[str, Any]:
            try:
                found = module(module_id)
            except KeyError:
                raise NotFound("service.error.unknown_module", module=module_id) from None
            answers = _answers(self.body(), len(found.check))
            # The store is a log that does not mark: the session marks here, then records.
            result = ModuleSession(found, repo).answer_check(answers)
            return {"check": result.model_dump(mode="json")}

        await self.answer(work, 201)


class Progress(ApiHandler):
    async def get(self) -> None:
        trainee = self.get_query_argument("trainee", None)

        def work(repo: Repository) -> dict[str, Any]:
            found = repo.module_progress(trainee)
            return {"progress": {k: p.model_dump(mode="json") for k, p in found.items()}}

        await self.answer(work)


class Draft(ApiHandler):
    async def get(self, module: str) -> None:
        await self.answer(lambda repo: {"text": repo.module_draft(module)})

    async def put(self, module: str) -> None:
        def work(repo: Repository) -> dict[str, Any]:
            text = _field(self.body(), "text", str)
            repo.save_module_draft(module, text)
            return {"text": text}

        await self.answer(work)


class Figures(ApiHandler):
    async def get(self, module: str) -> None:
        from simulator.curriculum.facilitator import module_figures

        cohort = self.get_query_argument("cohort", None)

        def work(repo: Repository) -> dict[str, Any]:
            found = module_figures(repo, module, cohort, self.locale_name)
            return {"figures": found.model_dump(mode="json")}

        await self.answer(work)


def progress_routes(ctx: Context) -> list[tuple[str, type[RequestHandler], dict[str, Any]]]:
    """This module's part of the URL table (simulator.service.handlers.routes)."""
    args = {"ctx": ctx}
    return [
        (r"/api/progress", Progress, args),
        (r"/api/progress/events", ProgressEvents, args),
        (rf"/api/progress/checks/{MODULE}", Check, args),
        (rf"/api/progress/drafts/{MODULE}", Draft, args),
        (rf"/api/progress/figures/{MODULE}", Figures, args),
    ]


__all__ = ["progress_routes"]
