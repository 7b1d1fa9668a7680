"""Curriculum progress over the service: under JupyterHub a kernel holds no database
credential, so the module page records its steps here (simulator.curriculum.progress_service)
and the store's role checks decide, as everywhere else in the service.

| method | path | who | does |
|---|---|---|---|
| POST | /api/progress/events | trainee | {module, kind, text?, score?, detail?}: one own step |
| GET | /api/progress[?trainee=] | by role | progress per module (own, or a supervised trainee's) |
| GET | /api/progress/drafts/M | trainee | {text}: the own reflection draft of module M (or null) |
| PUT | /api/progress/drafts/M | trainee | {text}: keep the reflection being typed |
| GET | /api/progress/figures/M[?cohort=] | supervisor... | the facilitator's figures of M |
"""

from __future__ import annotations

from typing import Any

from tornado.web import RequestHandler

from simulator.store import Repository

from .errors import BadRequest
from .handlers import ApiHandler, Context, _field, _optional_text

#: A module id in a path (the store checks the id itself; this only keeps the URL tidy).
MODULE = r"([a-z0-9][a-z0-9_-]{0,63})"


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
            event = repo.record_module_event(
                _field(data, "module", str),
                _field(data, "kind", str),
                text=_optional_text(data, "text"),
                score=_score(data),
                detail=_detail(data),
            )
            return {"event": event.model_dump(mode="json")}

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
        (rf"/api/progress/drafts/{MODULE}", Draft, args),
        (rf"/api/progress/figures/{MODULE}", Figures, args),
    ]


__all__ = ["progress_routes"]
